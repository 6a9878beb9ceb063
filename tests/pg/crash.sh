#!/usr/bin/env bash
# crash.sh - a PostgreSQL backend killed with SIGKILL in the middle of a
# large farm_migrate, then crash recovery, then the same migration again.
#
#   1. Two fresh databases get the same history: namespace "crash" with
#      FIRST tables registered and migrated, then N tables registered (the
#      first FIRST unchanged), committed.  farm_crash_ref then migrates
#      uninterrupted; its schema (pg_dump --schema-only) and registry are
#      recorded before and after.
#   2. In farm_crash a backend runs farm_migrate('crash'); once
#      pg_stat_activity shows it running and pg_locks shows it holding the
#      AccessExclusiveLocks of MIN_LOCKS new relations (its tables exist
#      but are not committed: no other session can see them in pg_class),
#      it gets SIGKILL.  The postmaster then ends every backend and runs
#      crash recovery (the server log must say so).
#   3. After recovery: the applied version is the old one (the kill came
#      before the commit; the new one would be accepted only if the
#      migration had finished, which the victim's output rules out), the
#      schema is exactly the reference's at that version (every table,
#      column, index, constraint and sequence), the registry likewise,
#      amcheck finds every btree index sound, and a second farm_migrate
#      gives exactly the uninterrupted run's schema and registry.
#
# The settings run.sh starts its cluster with: fsync=off and
# full_page_writes=off only matter when the operating system goes down (a
# write the kernel has not put on disk is lost, a page is torn); a backend
# killed with SIGKILL is not that: every write the server made is in the
# kernel's page cache, and the postmaster replays the WAL from the last
# checkpoint.  synchronous_commit=off does matter: a commit is then only in
# the WAL buffers in shared memory until the WAL writer writes it (up to 3
# x wal_writer_delay later), and the postmaster's reinitialisation after a
# backend crash throws those buffers away, so a transaction that reported
# COMMIT a moment before the kill can be lost, DDL and version row
# together (farmorm's migration stays all-or-nothing; it is PostgreSQL's
# asynchronous-commit trade-off).  This test's sessions therefore run with
# synchronous_commit=on, so that what was committed before the kill must
# survive it.
#
# Needs a server reachable through PGHOST/PGPORT/PGUSER with a superuser
# on the same machine (the backend is killed by its process id).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="${FARM_CRASH_TABLES:-500}"
FIRST=40
MIN_LOCKS=150
T="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-crash.XXXXXX")"
trap 'rm -rf "$T"' EXIT
export PGOPTIONS="${PGOPTIONS:-} -c synchronous_commit=on"

q() { psql -X -qAt -v ON_ERROR_STOP=1 -d "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

# register.sql <tables>: farm_register of the bench fragment's first n tables
register_sql() {
  python3 "$ROOT/tests/bench/make_fragment.py" "$1" |
    python3 -c 'import sys; print("SELECT farm_register(%s, $fragment$%s$fragment$);" % ("'"'crash'"'", sys.stdin.read()))'
}
register_sql "$FIRST" >"$T/v1.sql"
register_sql "$N" >"$T/v2.sql"

prepare() { # prepare <db>: the shared history, up to the registration of v2
  dropdb --if-exists "$1" 2>/dev/null
  createdb "$1"
  q "$1" -c 'CREATE EXTENSION farmorm' -c 'CREATE EXTENSION amcheck'
  q "$1" -f "$T/v1.sql" >/dev/null
  q "$1" -c "SELECT farm_migrate('crash')" >/dev/null
  q "$1" -f "$T/v2.sql" >/dev/null
}

# snapshot <db> <file>: schema (pg_dump --schema-only, minus its random
# \restrict key) and registry (operations, recorded schemas, version rows)
snapshot() {
  pg_dump --schema-only "$1" | grep -v '^\\\(un\)\?restrict ' >"$2"
  q "$1" >>"$2" <<'SQL'
SELECT 'op', ns, version, md5(op) FROM farmorm.operations ORDER BY 2, 3;
SELECT 'ns', ns, schema_name FROM farmorm.namespaces ORDER BY 2;
SELECT 'internal', schema_name FROM farmorm.internal_schemas ORDER BY 2;
SELECT 'setting', key, value FROM public.fragno_db_settings ORDER BY key COLLATE "C";
SELECT 'versions', farm_schema_version('crash'), farm_applied_version('crash');
SQL
}

prepare farm_crash_ref
V1=$(q farm_crash_ref -c "SELECT farm_applied_version('crash')")
V2=$(q farm_crash_ref -c "SELECT farm_schema_version('crash')")
snapshot farm_crash_ref "$T/ref_v1"
start=$SECONDS
[ "$(q farm_crash_ref -c "SELECT farm_migrate('crash')")" = "$V2" ] || fail "reference migration"
ref_secs=$((SECONDS - start))
snapshot farm_crash_ref "$T/ref_v2"
ntables=$(q farm_crash_ref -c "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'")
echo "reference: versions $V1 -> $V2, $ntables tables in public, migrated in about ${ref_secs} s"

prepare farm_crash
snapshot farm_crash "$T/before"
cmp -s "$T/ref_v1" "$T/before" || fail "the two databases differ before the migration"

# the victim
PGAPPNAME=farm_crash_victim psql -X -qAt -d farm_crash -c "SELECT farm_migrate('crash')" \
  >"$T/victim.out" 2>&1 &
victim_client=$!
pid="" locks=0 tries=0
while :; do
  row=$(q farm_crash -F ' ' -c "SELECT a.pid, (SELECT count(*) FROM pg_locks l WHERE l.pid = a.pid
      AND l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' AND l.granted)
    FROM pg_stat_activity a WHERE a.application_name = 'farm_crash_victim' AND a.state = 'active'
      AND a.query LIKE '%farm_migrate%'" 2>/dev/null || true)
  if [ -n "$row" ]; then
    read -r pid locks <<<"$row"
    [ "$locks" -lt "$MIN_LOCKS" ] || break
  fi
  tries=$((tries + 1))
  [ $tries -lt 3000 ] || fail "the victim never held $MIN_LOCKS relation locks (last: '$row')"
  kill -0 "$victim_client" 2>/dev/null || fail "the migration ended before the kill: $(cat "$T/victim.out")"
  sleep 0.01
done
kill -KILL "$pid"
wait "$victim_client" || true
echo "killed backend $pid holding $locks AccessExclusiveLocks; its client said: $(tr '\n' ' ' <"$T/victim.out")"
grep -q "^$V2\$" "$T/victim.out" && fail "the migration had finished before the kill"

# crash recovery by the postmaster
tries=0
until q postgres -c 'SELECT 1' >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ $tries -lt 600 ] || fail "the server did not come back"
  sleep 0.1
done
if [ -n "${CLUSTER_LOG:-}" ]; then
  grep -q "server process (PID $pid) was terminated by signal 9" "$CLUSTER_LOG" ||
    fail "the server log does not show the killed backend"
  grep -q "database system was not properly shut down; automatic recovery in progress" "$CLUSTER_LOG" ||
    fail "the server log shows no crash recovery"
fi
echo "ok   server back after crash recovery"

applied=$(q farm_crash -c "SELECT farm_applied_version('crash')")
case "$applied" in
  "$V1") want="$T/ref_v1" ;;
  "$V2") want="$T/ref_v2" ;;
  *) fail "applied version $applied is neither $V1 nor $V2" ;;
esac
echo "ok   applied version after recovery: $applied (before the migration: $V1)"
[ "$applied" = "$V1" ] || fail "applied version is the new one although the migration did not finish"
snapshot farm_crash "$T/after_crash"
diff -u "$want" "$T/after_crash" >"$T/diff" || { head -40 "$T/diff"; fail "schema or registry after recovery differ from version $applied"; }
echo "ok   schema and registry are exactly those of version $applied"
bad=$(q farm_crash -c "SELECT count(*) FROM (SELECT bt_index_check(c.oid, true) FROM pg_class c
  JOIN pg_am am ON am.oid = c.relam WHERE c.relkind = 'i' AND am.amname = 'btree'
  AND c.relnamespace IN ('public'::regnamespace, 'farmorm'::regnamespace)) s" >/dev/null && echo 0)
[ "$bad" = 0 ] || fail "amcheck"
echo "ok   amcheck: every btree index of public and farmorm is sound"

[ "$(q farm_crash -c "SELECT farm_migrate('crash')")" = "$V2" ] || fail "second migration"
snapshot farm_crash "$T/after_rerun"
diff -u "$T/ref_v2" "$T/after_rerun" >"$T/diff" || { head -40 "$T/diff"; fail "the second farm_migrate differs from an uninterrupted run"; }
echo "ok   a second farm_migrate equals the uninterrupted run ($(wc -l <"$T/ref_v2") lines of schema and registry)"
dropdb farm_crash
dropdb farm_crash_ref
