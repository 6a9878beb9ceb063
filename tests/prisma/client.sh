#!/usr/bin/env bash
# client.sh - end to end: an application uses Prisma Client on tables farmorm
# created. For each provider asked for (default: sqlite):
#  - register examples/comment-fragment.json and migrate it (SQLite module, or
#    the installed PostgreSQL extension in a new database);
#  - write farm_generate_prisma(NULL, '{"datasource": true}') to a schema
#    file and check its generator block (prisma-client, output ./generated);
#  - `prisma generate` (offline: stub schema engine), then run
#    client/app.ts with tsx next to the generated client, through
#    @prisma/adapter-libsql or @prisma/adapter-pg: create with defaults,
#    create through the relation, include both relation sides, unique
#    violation, update, a row written by plain SQL, count, delete.
#
#   tests/prisma/client.sh [sqlite] [postgresql]
#
# sqlite needs `make sqlite`; postgresql needs `make install` and a server
# reachable through PGHOST/PGPORT/PGUSER (superuser; PGHOST a socket
# directory), e.g. inside tests/pg/run.sh. One ok/FAIL line per check.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
P="$ROOT/tests/prisma"
[ -x "$P/node_modules/.bin/tsx" ] || (cd "$P" && npm ci --no-audit --no-fund --loglevel=error)
T="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-client.XXXXXX")"
PGDB=""
cleanup() {
  [ -z "$PGDB" ] || dropdb --if-exists "$PGDB" 2>/dev/null || true
  rm -rf "$T"
}
trap cleanup EXIT
fail=0
EXAMPLE="$ROOT/examples/comment-fragment.json"
# prisma generate needs no schema engine, but every CLI command first tries
# to download one unless this points at an executable (PRISMA-NOTES.md)
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(type -P true)}" CHECKPOINT_DISABLE=1

run_client() { # run_client <provider> <dir holding schema.prisma> <db file | url>
  local p="$1" d="$2"
  if grep -qzF $'generator client {\n  provider = "prisma-client"\n  output   = "./generated"\n}\n' "$d/schema.prisma"; then
    echo "ok   $p client: generator block (prisma-client, output ./generated)"
  else
    echo "FAIL $p client: generator block not as expected:"; sed -n '/^generator/,/^}/s/^/    /p' "$d/schema.prisma"
    fail=1; return
  fi
  # app.ts sits next to the client and resolves packages from the harness
  ln -s "$P/node_modules" "$d/node_modules"
  echo '{"type": "module"}' >"$d/package.json"
  cp "$P/client/app.ts" "$d/"
  if ! (cd "$d" && "$P/node_modules/.bin/prisma" generate --schema schema.prisma) >"$d/generate.out" 2>&1 ||
     [ ! -f "$d/generated/client.ts" ]; then
    echo "FAIL $p client: prisma generate"; sed 's/^/    /' "$d/generate.out"; fail=1; return
  fi
  echo "ok   $p client: prisma generate"
  # a zone far from UTC: DateTime decoding must not depend on local time
  (cd "$d" && TZ=Asia/Kathmandu "$P/node_modules/.bin/tsx" app.ts "$p" schema.prisma "$3") || fail=1
}

for provider in "${@:-sqlite}"; do
  case "$provider" in
  sqlite)
    d="$T/sqlite"; mkdir -p "$d"
    q() { sqlite3 -bail "$d/app.db" ".load $ROOT/sqlite_ext/farmorm" "$1"; }
    q "SELECT farm_register('comment-fragment', readfile('$EXAMPLE')); SELECT farm_migrate();" >/dev/null
    # the shell adds a newline after the value; the text already ends in one
    printf '%s\n' "$(q "SELECT farm_generate_prisma(NULL, '{\"datasource\": true}')")" >"$d/schema.prisma"
    run_client sqlite "$d" "$d/app.db"
    ;;
  postgresql)
    d="$T/postgresql"; mkdir -p "$d"
    PGDB=farm_prisma_client
    pq() { psql -X -qAt -v ON_ERROR_STOP=1 -d "$PGDB" "$@"; }
    dropdb --if-exists "$PGDB" 2>/dev/null; createdb "$PGDB"
    echo "CREATE EXTENSION farmorm; SELECT farm_register('comment-fragment', :'def'); SELECT farm_migrate();" |
      pq -v def="$(cat "$EXAMPLE")" >/dev/null
    printf '%s\n' "$(pq -c "SELECT farm_generate_prisma(NULL, '{\"datasource\": true}')")" >"$d/schema.prisma"
    # the session time zone is pinned to UTC: a timestamp(3) column's default
    # CURRENT_TIMESTAMP is stored in the session's zone and Prisma reads
    # timestamp without time zone as UTC, so under another zone a row
    # written by plain SQL comes back shifted by the zone's offset
    run_client postgresql "$d" "postgres://${PGUSER:-postgres}@/$PGDB?host=${PGHOST}&port=${PGPORT:-5432}&options=-c%20TimeZone%3DUTC"
    ;;
  *) echo "client.sh: unknown provider: $provider (sqlite, postgresql)"; exit 2 ;;
  esac
done

[ $fail = 0 ] || { echo "FAIL prisma client"; exit 1; }
