#!/usr/bin/env bash
# run.sh - the generative gate test (tests/gate/gate.mjs, cases from
# tests/gate/gen.mjs) against the real sqlite3 shell with the module and a
# throwaway PostgreSQL cluster (tests/pg/cluster.sh).
#
#   tests/gate/run.sh                          seed 1, 200 cases (what make test runs)
#   tests/gate/run.sh --seed 7 --count 2000    a longer run with another seed
#   tests/gate/run.sh --seed 7 --only 42 --repro /tmp/r   one case, SQL repro written
#   (any other gate.mjs option passes through: --first K, --no-pg, --no-drift, --verbose)
#
# Installs the extension (make install) and runs under /tmp/farmorm-pg.lock,
# which it takes itself unless FARMORM_PG_LOCKED=1 says the caller holds it
# (make test runs under that lock).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ -z "${FARMORM_PG_LOCKED:-}" ]; then
  exec env FARMORM_PG_LOCKED=1 flock /tmp/farmorm-pg.lock "$0" "$@"
fi
cd "$ROOT"
args=("$@")
case " $* " in *" --seed "*) ;; *) args=(--seed 1 "${args[@]}") ;; esac
case " $* " in *" --count "*|*" --only "*) ;; *) args=(--count 200 "${args[@]}") ;; esac
make -s all sqlite >/dev/null && make -s install >/dev/null || { echo "gate: build/install failed"; exit 1; }
. tests/pg/cluster.sh
start_cluster synchronous_commit=off full_page_writes=off fsync=off || exit 1
node tests/gate/gate.mjs "${args[@]}"
