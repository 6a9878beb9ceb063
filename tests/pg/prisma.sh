#!/usr/bin/env bash
# prisma.sh - the Prisma contract on PostgreSQL output, with the real
# toolchain (tests/prisma/check.mjs and drift.mjs):
#  - every fixture of tests/prisma/fixtures registered and migrated inside
#    PostgreSQL shows zero drift under Prisma's schema engine against
#    farm_generate_prisma() (through @prisma/adapter-pg);
#  - every generated file equals `prisma format` and passes `prisma
#    validate` (models-only files with a generated datasource, and files
#    with their own datasource);
#  - also: several namespaces in one file, migrations between versions,
#    a namespace in a schema other than public;
#  - Prisma Client, generated from the output, reads and writes the tables
#    through @prisma/adapter-pg (tests/prisma/client.sh postgresql);
#  - the engine creates the tables from the generated file and
#    farm_migrate's adopt takes them over (tests/prisma/adopt.sh postgresql).
# Needs a server reachable through PGHOST/PGPORT/PGUSER (a Unix socket
# directory in PGHOST) and node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
P="$ROOT/tests/prisma"
FIX="$P/fixtures"
[ -d "$P/node_modules/@prisma/schema-engine-wasm" ] || (cd "$P" && npm ci --no-audit --no-fund --loglevel=error)
T="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-pgprisma.XXXXXX")"
trap 'rm -rf "$T"' EXIT
fail=0
DBS=()

q() { psql -X -qAt -v ON_ERROR_STOP=1 -d "$@"; }
url() { echo "postgres://${PGUSER:-postgres}@/$1?host=${PGHOST}&port=${PGPORT:-5432}"; }
newdb() { dropdb --if-exists "$1" 2>/dev/null; createdb "$1"; q "$1" -c "CREATE EXTENSION farmorm"; DBS+=("$1"); }
register() { # register <db> <ns> <fixture file>
  echo "SELECT farm_register('$2', :'def');" | q "$1" -v def="$(cat "$3")" >/dev/null
}
gen() { # gen <db> <out> <sql expression>
  # psql adds a newline after the value; the text already ends in one
  printf '%s\n' "$(q "$1" -c "SELECT $3")" >"$2"
}
drift() { # drift <db> <schema file> [schema name]
  local extra=()
  [ -z "${3:-}" ] || extra=(--schema-name "$3")
  if node "$P/drift.mjs" --provider postgresql --url "$(url "$1")" "${extra[@]}" "$2" >"$T/drift.out" 2>&1; then
    echo "ok   no drift: $(basename "$2")"
  else
    echo "FAIL drift: $(basename "$2")"; sed 's/^/    /' "$T/drift.out"; fail=1
  fi
}

mkdir -p "$T/models" "$T/full"
# one database per fixture: the file covers the whole public schema
for name in comment types odd; do
  db="farm_prisma_$name"
  newdb "$db"
  register "$db" "$name-fragment" "$FIX/$name.json"
  q "$db" -c "SELECT farm_migrate()" >/dev/null
  gen "$db" "$T/models/$name.prisma" "farm_generate_prisma()"
  drift "$db" "$T/models/$name.prisma"
  gen "$db" "$T/models/$name-one.prisma" "farm_generate_prisma('$name-fragment')"
  gen "$db" "$T/models/$name-nointernal.prisma" "farm_generate_prisma('$name-fragment', '{\"internal\": false}')"
  gen "$db" "$T/full/$name-ds.prisma" "farm_generate_prisma('$name-fragment', '{\"datasource\": true}')"
  drift "$db" "$T/full/$name-ds.prisma"
done

# several namespaces in one file
db=farm_prisma_all
newdb $db
for name in comment types odd; do register $db "$name-fragment" "$FIX/$name.json"; done
q $db -c "SELECT farm_migrate()" >/dev/null
gen $db "$T/models/all.prisma" "farm_generate_prisma()"
drift $db "$T/models/all.prisma"
gen $db "$T/full/all-ds.prisma" "farm_generate_prisma(NULL, '{\"datasource\": true}')"

# migrations between versions (new columns with defaults, nullability both
# ways, a new index, a new table): zero drift after each step
db=farm_prisma_alter
newdb $db
register $db acct "$FIX/alter1.json"
q $db -c "SELECT farm_migrate('acct')" >/dev/null
q $db -c "INSERT INTO public.account_acct (id, email) VALUES ('a1', 'x@y')" \
  -c "INSERT INTO public.session_acct (id, \"accountId\", token) VALUES ('s1', 1, 't')" >/dev/null
gen $db "$T/models/alter-v1.prisma" "farm_generate_prisma()"
drift $db "$T/models/alter-v1.prisma"
q $db -c "UPDATE public.account_acct SET nick = 'n'" >/dev/null
register $db acct "$FIX/alter2.json"
q $db -c "SELECT farm_migrate('acct')" >/dev/null
gen $db "$T/models/alter-v2.prisma" "farm_generate_prisma()"
drift $db "$T/models/alter-v2.prisma"

# a namespace whose first migrate ran with another schema current
db=farm_prisma_schema
newdb $db
q $db -c "CREATE SCHEMA app" >/dev/null
register $db comment-fragment "$FIX/comment.json"
q $db -c "SET search_path = app, public" -c "SELECT farm_migrate()" >/dev/null
gen $db "$T/models/app.prisma" "farm_generate_prisma()"
drift $db "$T/models/app.prisma" app

# format + validate (models-only files get a generated datasource)
node "$P/check.mjs" --provider postgresql "$T"/models/*.prisma "$T"/full/*.prisma || fail=1

# Prisma Client end to end on tables the extension created
"$P/client.sh" postgresql || fail=1

# Prisma owns the tables: the engine creates them, farm_migrate adopts them
"$P/adopt.sh" postgresql || fail=1

for db in "${DBS[@]}"; do dropdb "$db"; done
[ $fail = 0 ] && echo "ok   prisma: format, validate, zero drift and Prisma Client on PostgreSQL" || { echo "FAIL prisma"; exit 1; }
