#!/usr/bin/env bash
# many_calls.sh [N] - a migration script of N single farm_add_table calls
# (default 2000), timed on SQLite (a new database file) and, when the
# PostgreSQL binaries are there, in a throwaway cluster with the extension
# installed (`make install` first). Each call reuses the schema its
# connection replayed before (checked against the stored log), so the
# script stays near-linear. Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-2000}"
T="$(mktemp -d)"
python3 - "$n" > "$T/calls.sql" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    print("SELECT farm_add_table('many', '{\"name\":\"t%d\",\"columns\":[{\"name\":\"a\",\"type\":\"string\"}],\"indexes\":[{\"name\":\"i%d\",\"columns\":[\"a\"]}]}');" % (i, i))
PY
secs() { python3 -c "import sys; print('%.2f s' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }
s=$(date +%s.%N)
(echo ".load sqlite_ext/farmorm"; cat "$T/calls.sql") | sqlite3 "$T/many.db" > /dev/null
echo "sqlite:     $n farm_add_table calls: $(secs "$s" "$(date +%s.%N)")"
if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
  . tests/pg/cluster.sh
  start_cluster > /dev/null
  psql -q -c "CREATE EXTENSION farmorm" > /dev/null
  s=$(date +%s.%N)
  psql -q -o /dev/null -f "$T/calls.sql"
  echo "postgresql: $n farm_add_table calls: $(secs "$s" "$(date +%s.%N)")"
fi
rm -rf "$T"
