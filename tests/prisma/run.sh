#!/usr/bin/env bash
# run.sh - the Prisma contract on SQLite output, with the real toolchain:
#  - every fixture registered and migrated in a new SQLite database shows zero
#    drift against its generated schema under Prisma's schema engine;
#  - every generated file (providers sqlite, postgresql, mysql; both SQLite
#    storage modes; datasource and internal options) and every golden file of
#    the unit tests passes `prisma validate` and equals `prisma format`;
#  - Prisma Client, generated from the output, reads and writes the tables
#    (client.sh sqlite);
#  - the engine creates the tables from the generated file and
#    farm_migrate's adopt takes them over (adopt.sh sqlite).
# PostgreSQL output gets its drift check in tests/pg/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=tests/prisma
[ -d $HERE/node_modules/@prisma/schema-engine-wasm ] || (cd $HERE && npm ci --no-audit --no-fund --loglevel=error)
T="$(mktemp -d /tmp/farmorm-prisma.XXXXXX)"
trap 'rm -rf "$T"' EXIT
LOAD="$PWD/sqlite_ext/farmorm"
fail=0

q() { sqlite3 -bail "$1" ".load $LOAD" "$2"; }

gen() { # gen <db> <out> <sql expr producing the schema>
  # the shell adds a newline after the value; the text already ends in one
  printf '%s\n' "$(q "$1" "SELECT $3")" > "$2"
}

drift() { # drift <db> <schema>
  if node $HERE/drift.mjs --provider sqlite --db "$1" "$2" > "$T/drift.out" 2>&1; then
    echo "ok   no drift: $(basename "$2")"
  else
    echo "FAIL drift: $2"; sed 's/^/    /' "$T/drift.out"; fail=1
  fi
}

mkdir -p "$T/sqlite" "$T/postgresql" "$T/mysql"
for f in $HERE/fixtures/comment.json $HERE/fixtures/types.json $HERE/fixtures/odd.json; do
  name=$(basename "$f" .json)
  db="$T/$name.db"
  q "$db" "SELECT farm_register('$name-fragment', readfile('$f')); SELECT farm_migrate();" >/dev/null
  gen "$db" "$T/sqlite/$name.prisma" "farm_generate_prisma()"
  drift "$db" "$T/sqlite/$name.prisma"
  gen "$db" "$T/sqlite/$name-ds.prisma" "farm_generate_prisma('$name-fragment', '{\"datasource\": true}')"
  gen "$db" "$T/sqlite/$name-nointernal.prisma" "farm_generate_prisma('$name-fragment', '{\"internal\": false}')"
  gen "$db" "$T/postgresql/$name.prisma" "farm_generate_prisma(NULL, '{\"provider\": \"postgresql\"}')"
  gen "$db" "$T/mysql/$name.prisma" "farm_generate_prisma(NULL, '{\"provider\": \"mysql\"}')"
  # the default (seed-compatible) storage mode: generation must validate
  ddb="$T/$name-default.db"
  q "$ddb" "SELECT farm_set_sqlite_storage('default'); SELECT farm_register('$name-fragment', readfile('$f')); SELECT farm_migrate();" >/dev/null
  gen "$ddb" "$T/sqlite/$name-defaultmode.prisma" "farm_generate_prisma()"
done

# several namespaces in one file
all="$T/all.db"
for f in comment types odd; do
  q "$all" "SELECT farm_register('$f-fragment', readfile('$HERE/fixtures/$f.json'));" >/dev/null
done
q "$all" "SELECT farm_migrate();" >/dev/null
gen "$all" "$T/sqlite/all.prisma" "farm_generate_prisma()"
drift "$all" "$T/sqlite/all.prisma"
gen "$all" "$T/postgresql/all.prisma" "farm_generate_prisma(NULL, '{\"provider\": \"postgresql\", \"datasource\": true}')"

# migrations between versions (add column, index, nullability both ways,
# a CURRENT_TIMESTAMP column, a new table): zero drift after each step
adb="$T/alter.db"
q "$adb" "SELECT farm_register('acct', readfile('$HERE/fixtures/alter1.json')); SELECT farm_migrate('acct');" >/dev/null
q "$adb" "INSERT INTO \"account_acct\" (id, email) VALUES ('a1', 'x@y'); INSERT INTO \"session_acct\" (id, accountId, token) VALUES ('s1', 1, 't');" 2>/dev/null || true
gen "$adb" "$T/sqlite/alter-v1.prisma" "farm_generate_prisma()"
drift "$adb" "$T/sqlite/alter-v1.prisma"
q "$adb" "UPDATE \"account_acct\" SET nick = 'n'; PRAGMA foreign_keys = ON; SELECT farm_register('acct', readfile('$HERE/fixtures/alter2.json')); SELECT farm_migrate('acct');" >/dev/null
gen "$adb" "$T/sqlite/alter-v2.prisma" "farm_generate_prisma()"
drift "$adb" "$T/sqlite/alter-v2.prisma"

# format + validate everything, one batch per provider
for p in sqlite postgresql mysql; do
  files=("$T/$p"/*.prisma)
  for g in tests/unit/golden/prisma_*.prisma; do
    case "$g" in
      *_pg*|*postgresql*) [ $p = postgresql ] && files+=("$g") ;;
      *_mysql*) [ $p = mysql ] && files+=("$g") ;;
      *) [ $p = sqlite ] && files+=("$g") ;;
    esac
  done
  node $HERE/check.mjs --provider $p "${files[@]}" || fail=1
done

# Prisma Client end to end on tables the SQLite module created
$HERE/client.sh sqlite || fail=1

# Prisma owns the tables: the engine creates them, farm_migrate adopts them
$HERE/adopt.sh sqlite || fail=1

[ $fail = 0 ] && echo "prisma-test: all checks passed" || { echo "prisma-test: FAILED"; exit 1; }
