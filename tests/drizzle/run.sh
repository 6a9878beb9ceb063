#!/usr/bin/env bash
# run.sh - the Drizzle contract on SQLite output, with the real toolchain
# (drizzle-orm, drizzle-kit, TypeScript and @libsql/client, pinned by
# package-lock.json):
#  - every file farm_generate_drizzle() writes here (providers sqlite,
#    postgresql, mysql; both SQLite storage modes; internal on and off; the
#    fixtures of tests/prisma and tests/drizzle, several namespaces, a
#    migrated v1 -> v2, a reference cycle added later) and every golden file
#    of the unit tests passes `tsc --strict`;
#  - drizzle-kit's push planner (plan.mjs) plans nothing against each SQLite
#    database farm_migrate built, in both storage modes, and plans something
#    for a schema of the other storage mode (the check can fail);
#  - a drizzle-orm app (app.mjs) reads and writes the tables.
# PostgreSQL output gets its planner and app checks in tests/pg/drizzle.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=tests/drizzle
[ -x $HERE/node_modules/.bin/tsc ] || (cd $HERE && npm ci --no-audit --no-fund --loglevel=error)
T="$(mktemp -d /tmp/farmorm-drizzle.XXXXXX)"
trap 'rm -rf "$T"' EXIT
LOAD="$PWD/sqlite_ext/farmorm"
fail=0

q() { sqlite3 -bail "$1" ".load $LOAD" "$2"; }
gen() { # gen <db> <out> <sql expr producing the module>
  local text
  text="$(q "$1" "SELECT $3")" || { echo "FAIL drizzle-test: SELECT $3"; exit 1; }
  printf '%s\n' "$text" > "$2"
}
js() { echo "$T/c/js/src_$1.js"; }
plan() { # plan <db> <name> <module name...>: nothing to do
  local db="$1" name="$2" mods=()
  shift 2
  for m in "$@"; do mods+=("$(js "$m")"); done
  if node $HERE/plan.mjs --provider sqlite --db "$db" "${mods[@]}" > "$T/plan.out" 2>&1; then
    echo "ok   drizzle-kit plans nothing: $name"
  else
    echo "FAIL drizzle-kit plans changes: $name"; sed 's/^/    /' "$T/plan.out" | head -40; fail=1
  fi
}

mkdir -p "$T/ts"
FIXTURES="tests/prisma/fixtures/comment.json tests/prisma/fixtures/types.json tests/prisma/fixtures/odd.json
  $HERE/fixtures/app.json $HERE/fixtures/defaults.json $HERE/fixtures/odd.json $HERE/fixtures/proto.json"
names=()
for f in $FIXTURES; do
  name=$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f" .json)   # prisma-odd, drizzle-odd
  ns="$(basename "$f" .json)-fragment"
  names+=("$name")
  for mode in prisma default; do
    db="$T/$name-$mode.db"
    q "$db" "SELECT farm_set_sqlite_storage('$mode'); SELECT farm_register('$ns', readfile('$f')); SELECT farm_migrate();" >/dev/null
    gen "$db" "$T/ts/$name-$mode.ts" "farm_generate_drizzle('$ns')"
  done
  db="$T/$name-prisma.db"
  gen "$db" "$T/ts/$name-nointernal.ts" "farm_generate_drizzle('$ns', '{\"internal\": false}')"
  gen "$db" "$T/ts/$name-pg.ts" "farm_generate_drizzle('$ns', '{\"provider\": \"postgresql\"}')"
  gen "$db" "$T/ts/$name-mysql.ts" "farm_generate_drizzle('$ns', '{\"provider\": \"mysql\"}')"
done

# several namespaces: one file for all, and one file per namespace
all="$T/all.db"
for f in $FIXTURES; do
  [ "$(basename "$f")" = proto.json ] && continue
  ns="$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f" .json)"
  q "$all" "SELECT farm_register('$ns', readfile('$f'));" >/dev/null
done
q "$all" "SELECT farm_migrate();" >/dev/null
gen "$all" "$T/ts/all.ts" "farm_generate_drizzle(NULL, '{}')"
split=()
first=1
for ns in $(q "$all" "SELECT json_extract(value, '\$.namespace') FROM json_each(farm_namespaces())"); do
  opts='{}'; [ $first = 1 ] || opts='{"internal": false}'
  gen "$all" "$T/ts/split-$ns.ts" "farm_generate_drizzle('$ns', '$opts')"
  split+=("split-$ns"); first=0
done

# migrations between versions: v1 -> v2 (columns, index, nullability, a new
# table), and a reference cycle added later
adb="$T/alter.db"
q "$adb" "SELECT farm_register('acct', readfile('tests/prisma/fixtures/alter1.json')); SELECT farm_migrate('acct');" >/dev/null
gen "$adb" "$T/ts/alter-v1.ts" "farm_generate_drizzle('acct')"
cp "$adb" "$T/alter-v1.db"
q "$adb" "SELECT farm_register('acct', readfile('tests/prisma/fixtures/alter2.json')); SELECT farm_migrate('acct');" >/dev/null
gen "$adb" "$T/ts/alter-v2.ts" "farm_generate_drizzle('acct')"
cdb="$T/cycle.db"
q "$cdb" "SELECT farm_register('cyc', readfile('$HERE/fixtures/cycle1.json')); SELECT farm_migrate();" >/dev/null
q "$cdb" "SELECT farm_register('cyc', readfile('$HERE/fixtures/cycle2.json')); SELECT farm_migrate();" >/dev/null
gen "$cdb" "$T/ts/cycle.ts" "farm_generate_drizzle('cyc')"

# tsc --strict over every generated file and every golden file, at once
goldens=(tests/unit/golden/drizzle_*.ts)
[ -e "${goldens[0]}" ] || goldens=()
nfiles=$(( $(ls "$T"/ts/*.ts | wc -l) + ${#goldens[@]} ))
if $HERE/compile.sh "$T/c" "$T"/ts/*.ts "${goldens[@]}" > "$T/tsc.out" 2>&1; then
  echo "ok   tsc --strict: $nfiles files (${#goldens[@]} golden files)"
else
  echo "FAIL tsc --strict"; head -60 "$T/tsc.out"; fail=1
fi

if [ $fail = 0 ]; then
  for name in "${names[@]}"; do
    # drizzle-kit cannot describe a column named __proto__ (its own objects
    # are keyed by column name): proto compiles and runs, but is not planned
    [ "$name" = drizzle-proto ] && continue
    plan "$T/$name-prisma.db" "$name (prisma storage)" "$name-prisma"
    plan "$T/$name-default.db" "$name (default storage)" "$name-default"
  done
  plan "$all" "several namespaces in one file" all
  plan "$all" "several namespaces, one file each (${#split[@]} files)" "${split[@]}"
  plan "$T/alter-v1.db" "migrated v1" alter-v1
  plan "$adb" "migrated v1 -> v2" alter-v2
  plan "$cdb" "reference cycle added later" cycle
  # the check can fail: another storage mode's schema is drift
  if node $HERE/plan.mjs --provider sqlite --db "$T/drizzle-app-default.db" "$(js drizzle-app-prisma)" > "$T/plan.out" 2>&1; then
    echo "FAIL drizzle-kit planned nothing for a schema of the other storage mode"; fail=1
  else
    echo "ok   drizzle-kit sees drift for a schema of the other storage mode ($(head -1 "$T/plan.out"))"
  fi
  # a drizzle-orm app on the tables; a timezone far from UTC shows any
  # timestamp read as local time
  for mode in prisma default; do
    cp "$T/drizzle-app-$mode.db" "$T/app-run.db"
    TZ=Pacific/Kiritimati node $HERE/app.mjs --provider sqlite --db "$T/app-run.db" --ns app-fragment --storage $mode "$(js drizzle-app-$mode)" \
      | sed "s/sqlite drizzle app/sqlite ($mode storage) drizzle app/" || fail=1
  done
fi

[ $fail = 0 ] && echo "drizzle-test: all checks passed" || { echo "drizzle-test: FAILED"; exit 1; }
