#!/usr/bin/env bash
# run.sh [N] - benchmark the SQLite module on an N-table fragment (default 5000):
# register it, generate its Prisma schema and Drizzle module, migrate it. Prints sqlite3's timer
# lines (wall-clock seconds) for each step. Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-5000}"
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
python3 tests/bench/make_fragment.py "$n" > "$T/frag.json"
echo "fragment: $n tables, $(wc -c < "$T/frag.json") bytes of JSON"
sqlite3 "$T/bench.db" <<SQL | sed -n 's/^Run Time: real \([0-9.]*\).*/\1 s/p' | paste -d' ' <(printf '%s\n' "register:" "generate prisma:" "generate drizzle:" "migrate:" "generate prisma again:" "generate drizzle again:") -
.load sqlite_ext/farmorm
.output /dev/null
.timer on
SELECT farm_register('bench', readfile('$T/frag.json'));
SELECT length(farm_generate_prisma('bench'));
SELECT length(farm_generate_drizzle('bench'));
SELECT farm_migrate('bench');
SELECT length(farm_generate_prisma('bench'));
SELECT length(farm_generate_drizzle('bench'));
SQL
