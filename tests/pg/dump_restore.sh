#!/usr/bin/env bash
# dump_restore.sh - the registry survives pg_dump/pg_restore, and
# farm_migrate in the restored database is a no-op: no DDL (an event
# trigger counts it), same schema, same settings rows, same registry,
# same generated Prisma schema.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FIX="$ROOT/tests/prisma/fixtures"
T="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-dump.XXXXXX")"
trap 'rm -rf "$T"' EXIT
SRC=farm_dump_src
DST=farm_dump_dst

q() { psql -X -qAt -v ON_ERROR_STOP=1 -d "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
snapshot() { # snapshot <db> <file>: everything that must survive
  {
    q "$1" -c "SELECT farm_namespaces()"
    q "$1" -c "SELECT farm_generate_prisma()"
    q "$1" -c "SELECT ns, version, op FROM farmorm.operations ORDER BY ns, version"
    q "$1" -c "SELECT * FROM farmorm.namespaces ORDER BY ns"
    q "$1" -c "SELECT * FROM farmorm.internal_schemas ORDER BY 1"
    q "$1" -c "SELECT id, key, value FROM public.fragno_db_settings ORDER BY key"
    q "$1" -c "SELECT id, key, value FROM app.fragno_db_settings ORDER BY key"
    q "$1" -c "SELECT ns, farm_schema(ns), farm_applied_version(ns) FROM (SELECT DISTINCT ns FROM farmorm.operations) s ORDER BY ns"
  } >"$2"
}

dropdb --if-exists $SRC 2>/dev/null
dropdb --if-exists $DST 2>/dev/null
createdb $SRC
q $SRC -c "CREATE EXTENSION farmorm" -c "CREATE SCHEMA app"
for f in comment types alter1; do
  echo "SELECT farm_register('$f', :'def');" | q $SRC -v def="$(cat "$FIX/$f.json")" >/dev/null
done
q $SRC -c "SELECT farm_migrate()" >/dev/null
# a namespace in another schema, and one more migration step
q $SRC -c "SET search_path = app, public" \
  -c "SELECT farm_add_table('elsewhere', '{\"name\": \"thing\", \"columns\": [{\"name\": \"x\", \"type\": \"integer\"}]}')" \
  -c "SELECT farm_migrate('elsewhere')" >/dev/null
echo "SELECT farm_register('alter1', :'def'); SELECT farm_migrate('alter1');" | q $SRC -v def="$(cat "$FIX/alter2.json")" >/dev/null
q $SRC -c "INSERT INTO public.account_alter1 (id, nick) VALUES ('a1', 'ann')" >/dev/null
snapshot $SRC "$T/before.txt"

pg_dump -Fc -f "$T/src.dump" $SRC
createdb $DST
pg_restore --exit-on-error -d $DST "$T/src.dump"
snapshot $DST "$T/restored.txt"
diff -u "$T/before.txt" "$T/restored.txt" || fail "restored database differs"
[ "$(q $DST -c "SELECT count(*) FROM farmorm.operations")" -gt 3 ] || fail "registry rows missing"

# farm_migrate is a no-op: no DDL at all
q $DST <<'SQL'
CREATE SCHEMA audit;
CREATE TABLE audit.ddl (tag text, obj text);
CREATE FUNCTION audit.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit.ddl SELECT command_tag, object_identity FROM pg_catalog.pg_event_trigger_ddl_commands();
END
$$;
CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION audit.log_ddl();
SQL
pg_dump --schema-only --exclude-schema=audit $DST | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' >"$T/schema1.sql"
got=$(q $DST -c "SELECT farm_migrate()" -c "SELECT farm_migrate('alter1')" -c "SELECT farm_migrate('elsewhere')" | tr '\n' ' ')
[ "$got" = "2 5 1 " ] || fail "farm_migrate returned: $got"
[ "$(q $DST -c "SELECT count(*) FROM audit.ddl")" = 0 ] || fail "farm_migrate ran DDL: $(q $DST -c 'SELECT string_agg(tag || $$ $$ || obj, $$, $$) FROM audit.ddl')"
pg_dump --schema-only --exclude-schema=audit $DST | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' >"$T/schema2.sql"
diff -u "$T/schema1.sql" "$T/schema2.sql" || fail "schema changed"
snapshot $DST "$T/after.txt"
diff -u "$T/before.txt" "$T/after.txt" || fail "state changed by farm_migrate"
# and the restored registry keeps working
q $DST -c "SELECT farm_add_column('alter1', 'audit', '{\"name\": \"note\", \"type\": \"string\", \"nullable\": true}')" \
  -c "SELECT farm_migrate('alter1')" >/dev/null
[ "$(q $DST -c "SELECT count(*) FROM audit.ddl WHERE tag = 'ALTER TABLE'")" = 1 ] || fail "follow-up migration"
echo "ok   pg_dump/pg_restore keeps the registry; farm_migrate afterwards runs no DDL"
dropdb $SRC
dropdb $DST
