#!/usr/bin/env bash
# concurrency.sh - eight sessions at once, released together from a barrier
# (an advisory lock a ninth session holds):
#   1. farm_migrate on the same fresh namespace in a fresh database: all
#      succeed, and an event trigger proves every table was created once;
#   2. farm_migrate on eight different fresh namespaces into one fresh
#      schema: the internal tables are created once;
#   3. farm_add_column on one namespace: eight distinct versions, a
#      contiguous registry; then eight farm_migrate(): each column added once.
# Needs a server reachable through PGHOST/PGPORT/PGUSER (a superuser: it
# creates databases and an event trigger).
set -euo pipefail
N=8
BARRIER=4242
T="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-conc.XXXXXX")"
trap 'rm -rf "$T"' EXIT

q() { psql -X -qAt -v ON_ERROR_STOP=1 -d "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

setup_db() { # setup_db <db>
  dropdb --if-exists "$1" 2>/dev/null
  createdb "$1"
  q "$1" <<'SQL'
CREATE EXTENSION farmorm;
CREATE SCHEMA audit;
CREATE TABLE audit.ddl (tag text, obj text);
CREATE FUNCTION audit.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit.ddl SELECT command_tag, object_identity FROM pg_catalog.pg_event_trigger_ddl_commands();
END
$$;
CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION audit.log_ddl();
SQL
}

# race <db> <sql for worker i, with @I@ for i>: run N workers released at once
race() {
  local db="$1" sql="$2" i pids=() waiting=0 tries=0
  coproc HOLDER { psql -X -qAt -v ON_ERROR_STOP=1 -d "$db"; }
  echo "SELECT 'held' FROM pg_advisory_lock($BARRIER);" >&"${HOLDER[1]}"
  read -r -t 30 line <&"${HOLDER[0]}" || fail "barrier not taken"
  [ "$line" = held ] || fail "barrier: $line"
  for i in $(seq 1 $N); do
    psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" \
      -c "SELECT pg_advisory_lock_shared($BARRIER)" \
      -c "SELECT pg_advisory_unlock_shared($BARRIER)" \
      -c "${sql//@I@/$i}" >"$T/out.$i" 2>&1 &
    pids+=($!)
  done
  # wait until every worker is queued on the barrier, then open it
  while [ "$waiting" -lt $N ]; do
    waiting=$(q "$db" -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = $BARRIER AND NOT granted")
    tries=$((tries + 1))
    [ $tries -lt 600 ] || fail "workers did not reach the barrier"
    sleep 0.05
  done
  echo "SELECT pg_advisory_unlock($BARRIER);" >&"${HOLDER[1]}"
  exec {HOLDER[1]}>&-
  wait "$HOLDER_PID" || true
  local bad=0
  for i in $(seq 1 $N); do
    if ! wait "${pids[$((i - 1))]}"; then bad=1; echo "worker $i failed:"; sed 's/^/    /' "$T/out.$i"; fi
  done
  [ $bad = 0 ] || fail "some workers failed"
}

DEF='{"tables": [
  {"name": "account", "columns": [{"name": "email", "type": "string"}], "indexes": [{"name": "uidx_account_email", "columns": ["email"], "unique": true}]},
  {"name": "session", "columns": [{"name": "accountId", "type": "reference", "references": "account"}, {"name": "token", "type": "string"}]},
  {"name": "audit", "columns": [{"name": "sessionId", "type": "reference", "references": "session"}, {"name": "at", "type": "timestamp", "default": {"dbSpecial": "now"}}]}
]}'

# 1. one fresh namespace, eight migrators
db=farm_conc1
setup_db $db
echo "SELECT farm_register('conc', :'def');" | q $db -v def="$DEF" >/dev/null
race $db "SELECT farm_migrate('conc')"
for i in $(seq 1 $N); do
  [ "$(tail -1 "$T/out.$i")" = 3 ] || fail "worker $i returned $(tail -1 "$T/out.$i")"
done
got=$(q $db -c "SELECT count(*) FROM audit.ddl WHERE tag = 'CREATE TABLE'")
[ "$got" = 5 ] || fail "expected 5 CREATE TABLE (2 internal + 3), got $got"
got=$(q $db -c "SELECT count(*) || ' ' || count(DISTINCT obj) FROM audit.ddl WHERE tag LIKE 'CREATE %'")
[ "${got% *}" = "${got#* }" ] || fail "some object was created twice: $got"
got=$(q $db -c "SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM public.fragno_db_settings")
[ "$got" = ".schema_version=2,conc.schema_version=3" ] || fail "settings: $got"
[ "$(q $db -c "SELECT farm_applied_version('conc')")" = 3 ] || fail "applied version"
echo "ok   8 x farm_migrate('conc'): applied once ($(q $db -c 'SELECT count(*) FROM audit.ddl') DDL commands)"

# 2. eight fresh namespaces, one fresh schema
db=farm_conc2
setup_db $db
for i in $(seq 1 $N); do
  echo "SELECT farm_register('ns$i', :'def');" | q $db -v def="$DEF" >/dev/null
done
race $db "SELECT farm_migrate('ns@I@')"
got=$(q $db -c "SELECT count(*) FROM audit.ddl WHERE tag = 'CREATE TABLE'")
[ "$got" = $((2 + 3 * N)) ] || fail "expected $((2 + 3 * N)) CREATE TABLE, got $got"
got=$(q $db -c "SELECT count(*) FROM public.fragno_db_settings")
[ "$got" = $((N + 1)) ] || fail "expected $((N + 1)) version rows, got $got"
[ "$(q $db -c "SELECT string_agg(schema_name, ',') FROM farmorm.internal_schemas")" = public ] || fail "internal_schemas"
echo "ok   8 x farm_migrate('ns<i>'): internal tables created once"

# 3. eight writers on one namespace
race $db "SELECT farm_add_column('ns1', 'account', '{\"name\": \"c@I@\", \"type\": \"integer\", \"nullable\": true}')"
got=$(for i in $(seq 1 $N); do tail -1 "$T/out.$i"; done | sort -n | tr '\n' ' ')
[ "$got" = "4 5 6 7 8 9 10 11 " ] || fail "writer versions: $got"
got=$(q $db -c "SELECT string_agg(version::text, ',' ORDER BY version) FROM farmorm.operations WHERE ns = 'ns1'")
[ "$got" = "1,2,3,4,5,6,7,8,9,10,11" ] || fail "registry: $got"
race $db "SELECT farm_migrate()"
[ "$(q $db -c "SELECT farm_applied_version('ns1')")" = 11 ] || fail "ns1 not migrated to 11"
got=$(q $db -c "SELECT count(*) FROM audit.ddl WHERE tag = 'ALTER TABLE' AND obj = 'public.account_ns1'")
[ "$got" = 8 ] || fail "expected 8 ALTER TABLE on account_ns1, got $got"
echo "ok   8 x farm_add_column + 8 x farm_migrate(): versions 4..11, migrated once"

dropdb farm_conc1
dropdb farm_conc2
