#!/usr/bin/env bash
# parity.sh - the same SQL (tests/pg/parity.sql) through the SQLite binding
# (sqlite3 shell) and the PostgreSQL extension (psql, a fresh database):
# every result and every error message must be identical.  Error lines are
# reduced to "error: <message>" on both sides.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SQL="$ROOT/tests/pg/parity.sql"
SO="${FARM_SO:-$ROOT/sqlite_ext/farmorm}"
[ -f "$SO.so" ] || { echo "parity: $SO.so not found (make sqlite)"; exit 2; }
T="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-parity.XXXXXX")"
trap 'rm -rf "$T"' EXIT
DB=farm_parity

sqlite3 "$T/p.db" -cmd ".load $SO" <"$SQL" 2>&1 |
  sed -E 's/^(Runtime error|Parse error|Error)( near line [0-9]+)?: /error: /; s/ \([0-9]+\)$//' >"$T/sqlite.out" || true

dropdb --if-exists $DB 2>/dev/null
createdb $DB
psql -X -qAt -d $DB -c "CREATE EXTENSION farmorm"
psql -X -qAt -v VERBOSITY=terse -d $DB -f "$SQL" 2>&1 |
  sed -E 's/^psql:[^:]*:[0-9]+: ERROR:  /error: /' >"$T/pg.out" || true
dropdb $DB

if ! diff -u "$T/sqlite.out" "$T/pg.out"; then
  echo "FAIL parity: results differ between SQLite (-) and PostgreSQL (+)"
  exit 1
fi
echo "ok   parity: $(grep -c '^error: ' "$T/pg.out") error messages and $(grep -vc '^error: ' "$T/pg.out") result lines identical on SQLite and PostgreSQL"
