#!/usr/bin/env bash
# upgrade.sh - ALTER EXTENSION farmorm UPDATE from 0.1.0 on a populated
# database: every namespace keeps its registry, applied version, tables and
# generated Prisma schema, later operations migrate as usual, and the
# upgraded extension has exactly the objects (with the same definitions) of
# a fresh install of the current version.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FIX="$ROOT/tests/prisma/fixtures"
CUR=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$ROOT/farmorm.control")
UP=farm_upgrade
FRESH=farm_upgrade_fresh

q() { psql -X -qAt -v ON_ERROR_STOP=1 -d "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
# every object of the extension with its full definition
members() {
  q "$1" -c "
    SELECT pg_catalog.pg_describe_object(d.classid, d.objid, 0) || ' ' ||
           CASE WHEN d.classid = 'pg_catalog.pg_proc'::regclass THEN
             (SELECT p.prosrc || '|' || p.provolatile::text || '|' || p.proisstrict::text || '|' ||
                     p.prosecdef::text || '|' || p.proparallel::text || '|' ||
                     pg_catalog.pg_get_function_result(p.oid) || '|' ||
                     coalesce(pg_catalog.array_to_string(p.proconfig, ','), '')
                FROM pg_catalog.pg_proc p WHERE p.oid = d.objid)
           ELSE '' END
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
     WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
       AND d.deptype = 'e' AND e.extname = 'farmorm'
     ORDER BY 1"
}
state() { # everything a 0.1.0 user relies on
  q "$1" -c "SELECT farm_namespaces()"
  q "$1" -c "SELECT farm_generate_prisma()"
  q "$1" -c "SELECT ns, farm_schema(ns), farm_schema_version(ns), farm_applied_version(ns)
               FROM (SELECT DISTINCT ns FROM farmorm.operations) s ORDER BY ns"
  q "$1" -c "SELECT key, value FROM public.fragno_db_settings ORDER BY key"
  q "$1" -c "SELECT id, content FROM public.\"comment_comment\" ORDER BY id"
}

for d in $UP $FRESH; do dropdb --if-exists $d 2>/dev/null; createdb $d; done

[ "$CUR" != 0.1.0 ] || fail "farmorm.control still says 0.1.0"
q $UP -c "CREATE EXTENSION farmorm VERSION '0.1.0'"
for f in comment types alter1; do
  echo "SELECT farm_register('$f', :'def');" | q $UP -v def="$(cat "$FIX/$f.json")" >/dev/null
done
q $UP -c "SELECT farm_migrate()" >/dev/null
q $UP -c "SELECT farm_add_table('pending', '{\"name\": \"p\", \"columns\": [{\"name\": \"x\", \"type\": \"integer\"}]}')" >/dev/null
q $UP -c "INSERT INTO public.\"comment_comment\" (id, content, \"authorId\") VALUES ('c1', 'kept', 'a')" >/dev/null
before=$(state $UP)

q $UP -c "ALTER EXTENSION farmorm UPDATE TO '$CUR'"
[ "$(q $UP -c "SELECT extversion FROM pg_extension WHERE extname = 'farmorm'")" = "$CUR" ] ||
  fail "extension not at $CUR after ALTER EXTENSION UPDATE"
after=$(state $UP)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") | head -40; fail "state changed by the upgrade"; }
echo "ok   0.1.0 -> $CUR keeps every namespace, version, setting and the Prisma output"

q $FRESH -c "CREATE EXTENSION farmorm"
T="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-upgrade.XXXXXX")"
trap 'rm -rf "$T"' EXIT
members $FRESH >"$T/fresh"
members $UP >"$T/upgraded"
[ -s "$T/fresh" ] || fail "no extension members listed"
if ! diff "$T/fresh" "$T/upgraded" >"$T/diff"; then
  head -40 "$T/diff"
  fail "upgraded extension differs from a fresh install of $CUR (fix pg_ext/farmorm--0.1.0--$CUR.sql)"
fi
echo "ok   upgraded extension has the objects of a fresh $CUR install ($(wc -l <"$T/upgraded") objects)"

# the upgraded database keeps working: a pending namespace migrates, a new
# column on a migrated one too
q $UP -c "SELECT farm_migrate('pending')" | grep -qx 1 || fail "pending namespace did not migrate"
v=$(q $UP -c "SELECT farm_add_column('comment', 'comment', '{\"name\": \"late\", \"type\": \"integer\", \"nullable\": true}')")
[ "$(q $UP -c "SELECT farm_migrate('comment')")" = "$v" ] || fail "migrate after upgrade"
q $UP -c "SELECT count(*) FROM information_schema.columns WHERE column_name = 'late'" | grep -qx 1 ||
  fail "column added after the upgrade is missing"
echo "ok   after the upgrade: pending namespace migrated, new column migrated (version $v)"
dropdb $UP; dropdb $FRESH
