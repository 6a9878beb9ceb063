#!/usr/bin/env bash
# drizzle.sh - the Drizzle contract on PostgreSQL output, with the real
# toolchain of tests/drizzle (drizzle-orm, drizzle-kit, TypeScript, pg):
#  - every fixture of tests/prisma and tests/drizzle, registered and
#    migrated inside PostgreSQL: farm_generate_drizzle() output passes
#    `tsc --strict` and drizzle-kit's push planner plans nothing;
#  - also: several namespaces (one file, and one file per namespace), a
#    migrated v1 -> v2, a reference cycle added later;
#  - the planner does see drift for a schema that does not match;
#  - a drizzle-orm app reads and writes the tables through pg.
# Needs a server reachable through PGHOST/PGPORT/PGUSER (a Unix socket
# directory in PGHOST) and node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
D="$ROOT/tests/drizzle"
[ -x "$D/node_modules/.bin/drizzle-kit" ] || (cd "$D" && npm ci --no-audit --no-fund --loglevel=error)
T="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-pgdrizzle.XXXXXX")"
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
  local text
  text="$(q "$1" -c "SELECT $3")" || { echo "FAIL drizzle: SELECT $3"; exit 1; }
  printf '%s\n' "$text" >"$2"
}
js() { echo "$T/c/js/src_$1.js"; }
PLANS=()
SCHEMAS=public
plan() { # plan <db> <label> <module...>: queued, run after tsc (schemaFilter: $SCHEMAS)
  local db="$1" label="$2"
  shift 2
  PLANS+=("$db|$label|$*|$SCHEMAS")
}

mkdir -p "$T/ts"
FIXTURES="$ROOT/tests/prisma/fixtures/comment.json $ROOT/tests/prisma/fixtures/types.json
  $ROOT/tests/prisma/fixtures/odd.json $D/fixtures/app.json $D/fixtures/defaults.json
  $D/fixtures/odd.json $D/fixtures/proto.json"
for f in $FIXTURES; do
  name=$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f" .json)
  db="farm_drizzle_${name//-/_}"
  newdb "$db"
  register "$db" "$(basename "$f" .json)-fragment" "$f"
  q "$db" -c "SELECT farm_migrate()" >/dev/null
  gen "$db" "$T/ts/$name.ts" "farm_generate_drizzle('$(basename "$f" .json)-fragment')"
  # drizzle-kit cannot describe a column named __proto__ (see tests/drizzle/run.sh)
  [ "$name" = drizzle-proto ] || plan "$db" "$name" "$name"
done

db=farm_drizzle_all
newdb $db
for f in $FIXTURES; do
  [ "$(basename "$f")" = proto.json ] && continue
  register $db "$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f" .json)" "$f"
done
q $db -c "SELECT farm_migrate()" >/dev/null
gen $db "$T/ts/all.ts" "farm_generate_drizzle(NULL, '{}')"
plan $db "several namespaces in one file" all
split=()
opts='{}'
for ns in $(q $db -c "SELECT n->>'namespace' FROM json_array_elements(farm_namespaces()::json) AS n"); do
  gen $db "$T/ts/split-$ns.ts" "farm_generate_drizzle('$ns', '$opts')"
  split+=("split-$ns"); opts='{"internal": false}'
done
plan $db "several namespaces, one file each (${#split[@]} files)" "${split[@]}"

db=farm_drizzle_alter
newdb $db
register $db acct "$ROOT/tests/prisma/fixtures/alter1.json"
q $db -c "SELECT farm_migrate('acct')" >/dev/null
q $db -c "INSERT INTO public.account_acct (id, email) VALUES ('a1', 'x@y')" >/dev/null
gen $db "$T/ts/alter-v1.ts" "farm_generate_drizzle('acct')"
register $db acct "$ROOT/tests/prisma/fixtures/alter2.json"
q $db -c "UPDATE public.account_acct SET nick = 'n'" -c "SELECT farm_migrate('acct')" >/dev/null
gen $db "$T/ts/alter-v2.ts" "farm_generate_drizzle('acct')"
plan $db "migrated v1 -> v2" alter-v2

db=farm_drizzle_cycle
newdb $db
register $db cyc "$D/fixtures/cycle1.json"
q $db -c "SELECT farm_migrate()" >/dev/null
register $db cyc "$D/fixtures/cycle2.json"
q $db -c "SELECT farm_migrate()" >/dev/null
gen $db "$T/ts/cycle.ts" "farm_generate_drizzle('cyc')"
plan $db "reference cycle added later" cycle

# a namespace in a schema of its own (the "schema" option) beside one in
# public, and one whose first migrate ran with another search_path: their
# tables come out as pgSchema("...").table(...)
db=farm_drizzle_schemas
newdb $db
q $db -c "CREATE SCHEMA \"sales-eu\"" -c "CREATE SCHEMA frag" >/dev/null
register $db comment-fragment "$ROOT/tests/prisma/fixtures/comment.json"
register $db app-fragment "$D/fixtures/app.json"
register $db odd-fragment "$D/fixtures/odd.json"
q $db -c "SELECT farm_migrate('comment-fragment')" >/dev/null
q $db -c "SELECT farm_migrate('app-fragment', '{\"schema\": \"sales-eu\"}')" >/dev/null
q $db -c "SET search_path = frag, public" -c "SELECT farm_migrate('odd-fragment')" >/dev/null
gen $db "$T/ts/schemas.ts" "farm_generate_drizzle(NULL, '{}')"
for s in sales-eu frag; do
  grep -q "= pgSchema(\"$s\");" "$T/ts/schemas.ts" ||
    { echo "FAIL drizzle: no pgSchema(\"$s\") in the output for tables in schema $s"; fail=1; }
done
# Not planned yet: drizzle-kit 0.31 (schemaFilter public,sales-eu,frag)
# plans DROP SEQUENCE for the bigserial "_internalId" sequences of the
# tables outside public; tsc and the app below cover this file.

if "$D/compile.sh" "$T/c" "$T"/ts/*.ts > "$T/tsc.out" 2>&1; then
  echo "ok   tsc --strict: $(ls "$T"/ts/*.ts | wc -l) files"
else
  echo "FAIL tsc --strict"; head -60 "$T/tsc.out"; fail=1
fi

if [ $fail = 0 ]; then
  for p in "${PLANS[@]}"; do
    IFS='|' read -r db label names schemas <<<"$p"
    mods=()
    for m in $names; do mods+=("$(js "$m")"); done
    if node "$D/plan.mjs" --provider postgresql --url "$(url "$db")" --schemas "$schemas" "${mods[@]}" >"$T/plan.out" 2>&1; then
      echo "ok   drizzle-kit plans nothing on PostgreSQL: $label"
    else
      echo "FAIL drizzle-kit plans changes on PostgreSQL: $label"; sed 's/^/    /' "$T/plan.out" | head -40; fail=1
    fi
  done
  # the check can fail: the v1 schema is drift against the v2 tables
  if node "$D/plan.mjs" --provider postgresql --url "$(url farm_drizzle_alter)" "$(js alter-v1)" >"$T/plan.out" 2>&1; then
    echo "FAIL drizzle-kit planned nothing for the v1 schema on v2 tables"; fail=1
  else
    echo "ok   drizzle-kit sees drift for the v1 schema on v2 tables ($(head -1 "$T/plan.out"))"
  fi
  TZ=Pacific/Kiritimati node "$D/app.mjs" --provider postgresql --url "$(url farm_drizzle_drizzle_app)" \
    --ns app-fragment "$(js drizzle-app)" || fail=1
  # the same app on the tables in schema sales-eu (its plain SQL finds them
  # through search_path; drizzle-orm names the schema itself)
  TZ=Pacific/Kiritimati node "$D/app.mjs" --provider postgresql \
    --url "$(url farm_drizzle_schemas)&options=-c%20search_path%3Dsales-eu" \
    --ns app-fragment "$(js schemas)" || fail=1
fi

for db in "${DBS[@]}"; do dropdb "$db"; done
[ $fail = 0 ] && echo "ok   drizzle: tsc --strict, nothing planned and a drizzle-orm app on PostgreSQL" || { echo "FAIL drizzle"; exit 1; }
