#!/usr/bin/env bash
# run.sh - the PostgreSQL suite, against a throwaway cluster started here
# (tests/pg/cluster.sh: initdb/pg_ctl as the `postgres` user when run as
# root, a Unix socket in a private temporary directory, no TCP; stopped and
# removed at exit, also when a step fails or the run is interrupted).
#
#   make pg-test               build, install, then run every step
#   tests/pg/run.sh [step...]  run the named steps (extension already installed)
#   FARM_ACCEPT=1 tests/pg/run.sh regress   rewrite expected/*.out from the output
#
# Steps (the scripts also run alone against any server reachable through
# PGHOST/PGPORT/PGUSER with a superuser):
#   regress      pg_regress: sql/*.sql against expected/*.out (make installcheck)
#   pgtap        pg_prove tests/pgtap/*.sql
#   concurrency  tests/pg/concurrency.sh: eight sessions migrate at once
#   dump         tests/pg/dump_restore.sh: pg_dump + pg_restore, then migrate is a no-op
#   prisma       tests/pg/prisma.sh: prisma format/validate, zero drift on PostgreSQL
#   parity       tests/pg/parity.sh: same results and error texts as the SQLite binding
#   upgrade      tests/pg/upgrade.sh: ALTER EXTENSION UPDATE from 0.1.0 on a populated database
#   crash        tests/pg/crash.sh: a backend killed (SIGKILL) in the middle of a large
#                farm_migrate; after crash recovery the old version, then the same result
#                as an uninterrupted run (last: the postmaster restarts every backend)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

step_regress() {
  rm -rf results regression.diffs regression.out
  if make -s installcheck PG_CONFIG="$PGBIN/pg_config"; then
    rm -rf results regression.diffs regression.out
    return 0
  fi
  if [ -n "${FARM_ACCEPT:-}" ]; then
    cp results/*.out expected/ && echo "expected/*.out rewritten: review with git diff" && return 0
  fi
  [ -f regression.diffs ] && head -300 regression.diffs
  return 1
}
step_pgtap() {
  createdb farm_tap && psql -X -q -c 'CREATE EXTENSION pgtap' farm_tap &&
    pg_prove --failures -d farm_tap tests/pgtap/*.sql
}
step_concurrency() { tests/pg/concurrency.sh; }
step_dump() { tests/pg/dump_restore.sh; }
step_prisma() { tests/pg/prisma.sh; }
step_parity() { tests/pg/parity.sh; }
step_upgrade() { tests/pg/upgrade.sh; }
step_crash() { tests/pg/crash.sh; }

STEPS=("$@")
[ ${#STEPS[@]} -gt 0 ] || STEPS=(regress pgtap concurrency dump prisma parity upgrade crash)
for s in "${STEPS[@]}"; do
  declare -F "step_$s" >/dev/null || { echo "run.sh: unknown step: $s"; exit 2; }
done

. tests/pg/cluster.sh
start_cluster synchronous_commit=off full_page_writes=off || exit 1

failed=()
for s in "${STEPS[@]}"; do
  t0=$SECONDS
  echo "== $s"
  if "step_$s"; then
    echo "ok   $s ($((SECONDS - t0)) s)"
  else
    echo "FAIL $s"
    failed+=("$s")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "pg-test: FAILED: ${failed[*]}"
  echo "--- server log (last 30 lines)"
  tail -30 "$CLUSTER_LOG"
  exit 1
fi
echo "pg-test: all steps passed"
