#!/usr/bin/env bash
# migrate_dev.sh - an application's own `prisma migrate dev` beside farmorm's
# tables, through Prisma's schema engine (migrate_dev.mjs emulates the CLI:
# devDiagnostic, applyMigrations, evaluateDataLoss, createMigration in a
# shadow database initialised with initShadowDb, applyMigrations; every call
# with filters.externalTables). The project is the README's recipe, followed
# literally: examples/prisma-project/prisma.config.ts, the app's own schema
# file with related models (tests/prisma/project/app.<variant>.prisma), and
# prisma/farmorm/ + prisma/schema/fragno.prisma exported with the README's
# commands. For each variant asked for:
#  - farmorm migrates comment-fragment; without the recipe's settings
#    Prisma proposes a reset (the control: the checks below can fail);
#  - with them: no reset; the app's first migration creates exactly the
#    app's tables and names no farmorm table; the whole database (app and
#    fragment tables) shows no drift; a second run creates nothing;
#  - fragment upgrade (farm_add_column + farm_migrate, export again): the
#    next migration is empty and the database still drift-free;
#  - Prisma Client (prisma generate from the project) writes and reads an
#    app row and a fragment row (project/app.ts).
#
#   tests/prisma/migrate_dev.sh [sqlite] [postgresql] [multischema]
#
# multischema: the fragment lives in schema "frag" (first farm_migrate with
# search_path = frag, public), the app's models in public, the datasource
# lists both. postgresql and multischema need the installed extension and a
# server reachable through PGHOST/PGPORT/PGUSER (superuser, socket directory
# in PGHOST), e.g. inside tests/pg/run.sh. One ok/FAIL line per check.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
P="$ROOT/tests/prisma"
T="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-migrate-dev.XXXXXX")"
PGDBS=()
cleanup() {
  for d in "${PGDBS[@]}"; do dropdb --if-exists "$d" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT
fail=0
EXAMPLE="$ROOT/examples/comment-fragment.json"
# every CLI command first tries to download a schema engine unless this
# points at an executable (PRISMA-NOTES.md); prisma generate needs none
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(type -P true)}" CHECKPOINT_DISABLE=1

ok() { echo "ok   $V migrate dev: $1"; }
bad() { echo "FAIL $V migrate dev: $1"; [ -z "${2:-}" ] || sed 's/^/    /' "$2"; fail=1; }

# farmorm's part of the project, exported as the README says
export_farmorm() { # export_farmorm <project>
  mkdir -p "$1/prisma/farmorm" "$1/prisma/schema"
  fq "SELECT farm_external_tables()" >"$1/prisma/farmorm/external-tables.json"
  fq "SELECT farm_shadow_sql()" >"$1/prisma/farmorm/shadow.sql"
  fq "SELECT farm_generate_prisma()" >"$1/prisma/schema/fragno.prisma"
}

new_project() { # new_project <dir> <app schema>
  mkdir -p "$1/prisma/schema"
  cp "$ROOT/examples/prisma-project/prisma.config.ts" "$1/"
  cp "$2" "$1/prisma/schema/app.prisma"
  cp "$P/project/app.ts" "$1/"
  ln -s "$P/node_modules" "$1/node_modules"
  echo '{"type": "module"}' >"$1/package.json"
  export_farmorm "$1"
}

migrate_dev() { # migrate_dev <project> <name>: result JSON in <project>/<name>.json
  if ! (cd "$1" && node "$P/migrate_dev.mjs" --project . --name "$2" "${TARGET[@]}") >"$1/$2.json" 2>"$1/$2.err"; then
    bad "$2: the engine failed" "$1/$2.err"; return 1
  fi
}

# judge <result.json> <node expression over r (the result) and ext (the
# external tables)>: exit 0 when true
judge() {
  node -e '
    const fs = require("fs");
    const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const ext = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    const tables = [...(r.script ?? "").matchAll(/CREATE TABLE "(?:[^"]+"\.")?([^"]+)"/g)].map((m) => m[1]).sort();
    const bare = ext.map((e) => e.replace(/^[^.]*\./, ""));
    const named = bare.filter((t) => t !== "sqlite_sequence" && (r.script ?? "").includes(`"${t}"`));
    const altered = [...(r.script ?? "").matchAll(/(?:ALTER|DROP) TABLE "(?:[^"]+"\.")?([^"]+)"/g)].map((m) => m[1]);
    process.exit(eval(process.argv[3]) ? 0 : 1);
  ' "$1" "$2" "$3"
}

drift_free() { # drift_free <project> <what>
  cat "$1/prisma/schema/app.prisma" "$1/prisma/schema/fragno.prisma" >"$1/whole.prisma"
  if node "$P/drift.mjs" "${DRIFT[@]}" "$1/whole.prisma" >"$1/drift.out" 2>&1; then
    ok "$2: the whole database (app and farmorm tables) has no drift"
  else
    bad "$2: drift" "$1/drift.out"
  fi
}

run_variant() {
  local pr="$T/$V" ctl="$T/$V-control"
  new_project "$pr" "$APP"

  # the control: the same project without the recipe's two settings
  new_project "$ctl" "$APP"
  sed -i -e '/initShadowDb:/d' -e '/tables: { external:/d' "$ctl/prisma.config.ts"
  # (a reset action, or P3005 "The database schema is not empty")
  if (cd "$ctl" && node "$P/migrate_dev.mjs" --project . --name init "${TARGET[@]}") >"$ctl/init.json" 2>"$ctl/init.err"; then
    if judge "$ctl/init.json" "$ctl/prisma/farmorm/external-tables.json" 'r.action === "reset"'; then
      ok "control: without tables.external and initShadowDb Prisma proposes a reset"
    else
      bad "control: expected a reset without the recipe's settings" "$ctl/init.json"
    fi
  elif grep -q 'The database schema is not empty' "$ctl/init.err"; then
    ok "control: without tables.external and initShadowDb Prisma refuses the database (not empty)"
  else
    bad "control: unexpected failure" "$ctl/init.err"
  fi

  # SQLite: AUTOINCREMENT made sqlite_sequence, which Migrate must be told
  # about too, or it refuses the database (P3005)
  if [ "$V" = sqlite ]; then
    local seq="$T/$V-noseq"
    new_project "$seq" "$APP"
    node -e 'const f = process.argv[1], fs = require("fs");
      fs.writeFileSync(f, JSON.stringify(JSON.parse(fs.readFileSync(f, "utf8")).filter((t) => t !== "sqlite_sequence")));' \
      "$seq/prisma/farmorm/external-tables.json"
    if ! (cd "$seq" && node "$P/migrate_dev.mjs" --project . --name init "${TARGET[@]}") >"$seq/init.json" 2>"$seq/init.err" &&
       grep -q 'The database schema is not empty' "$seq/init.err"; then
      ok "control: without sqlite_sequence in tables.external Prisma refuses the database (not empty)"
    else
      bad "control: expected P3005 without sqlite_sequence" "$seq/init.err"
    fi
  fi

  migrate_dev "$pr" init || return 0
  local ext="$pr/prisma/farmorm/external-tables.json"
  if judge "$pr/init.json" "$ext" 'r.action === "createMigration"'; then ok "no reset proposed"
  else bad "a reset was proposed" "$pr/init.json"; fi
  if judge "$pr/init.json" "$ext" 'r.created && JSON.stringify(tables) === JSON.stringify(["Post", "User"]) && named.length === 0 && !/DROP/.test(r.script) && altered.every((t) => t === "Post" || t === "User")'; then
    ok "the first migration creates exactly the app's tables (Post, User) and names no farmorm table"
  else
    bad "the first migration is not exactly the app's tables" "$pr/init.json"
  fi
  if judge "$pr/init.json" "$ext" 'r.applied.length === 1 && r.applied[0] === r.created'; then ok "the migration was applied"
  else bad "the migration was not applied" "$pr/init.json"; fi
  drift_free "$pr" "after the first migration"

  migrate_dev "$pr" again || return 0
  if judge "$pr/again.json" "$ext" 'r.action === "createMigration" && r.created === null && r.applied.length === 0'; then
    ok "a second run creates no migration"
  else bad "a second run created something" "$pr/again.json"; fi

  # a fragment upgrade, then the README's export commands again
  fq "SELECT farm_add_column('comment-fragment', 'comment', '{\"name\": \"editedAt\", \"type\": \"timestamp\", \"nullable\": true}')" >/dev/null
  fq "SELECT farm_migrate('comment-fragment')" >/dev/null
  export_farmorm "$pr"
  if grep -q '"editedAt"' "$pr/prisma/farmorm/shadow.sql" && grep -q '^  editedAt ' "$pr/prisma/schema/fragno.prisma"; then
    ok "the export after the upgrade has the new column"
  else bad "the export after the upgrade lacks the new column" "$pr/prisma/farmorm/shadow.sql"; fi
  migrate_dev "$pr" after-upgrade || return 0
  if judge "$pr/after-upgrade.json" "$pr/prisma/farmorm/external-tables.json" 'r.action === "createMigration" && r.created === null'; then
    ok "after the fragment upgrade the next migration is empty"
  else bad "after the fragment upgrade Prisma wants a migration" "$pr/after-upgrade.json"; fi
  drift_free "$pr" "after the fragment upgrade"

  # a new fragment table: the old exports no longer do, fresh ones do
  fq "SELECT farm_add_table('comment-fragment', '{\"name\": \"vote\", \"columns\": [{\"name\": \"commentId\", \"type\": \"reference\", \"references\": \"comment\"}]}')" >/dev/null
  fq "SELECT farm_migrate('comment-fragment')" >/dev/null
  if migrate_dev "$pr" stale && judge "$pr/stale.json" "$pr/prisma/farmorm/external-tables.json" 'r.action === "reset" && /vote_comment-fragment/.test(r.reason)'; then
    ok "control: with the exports from before a new fragment table Prisma proposes a reset"
  else bad "control: stale exports were accepted" "$pr/stale.json"; fi
  export_farmorm "$pr"
  migrate_dev "$pr" new-table || return 0
  if judge "$pr/new-table.json" "$pr/prisma/farmorm/external-tables.json" 'r.action === "createMigration" && r.created === null'; then
    ok "after a new fragment table and fresh exports the next migration is empty"
  else bad "after a new fragment table Prisma wants a migration" "$pr/new-table.json"; fi
  drift_free "$pr" "after the new fragment table"

  # Prisma Client on both kinds of table
  if (cd "$pr" && "$P/node_modules/.bin/prisma" generate) >"$pr/generate.out" 2>&1 && [ -f "$pr/prisma/generated/client.ts" ]; then
    ok "prisma generate (the project's config and schema folder)"
    (cd "$pr" && "$P/node_modules/.bin/tsx" app.ts) || fail=1
  else
    bad "prisma generate" "$pr/generate.out"
  fi
}

pg_variant() { # pg_variant <database> <search_path for the first farm_migrate>
  local db="$1"
  PGDBS+=("$db")
  dropdb --if-exists "$db" 2>/dev/null; createdb "$db"
  fq() { psql -X -At -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION farmorm" -c "CREATE SCHEMA IF NOT EXISTS frag"
  echo "SELECT farm_register('comment-fragment', :'def');" | psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" -v def="$(cat "$EXAMPLE")" >/dev/null
  psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" -c "SET search_path = $2" -c "SELECT farm_migrate()" >/dev/null
  export DATABASE_URL="postgres://${PGUSER:-postgres}@/$db?host=${PGHOST}&port=${PGPORT:-5432}"
  TARGET=(--provider postgresql --url "$DATABASE_URL")
  DRIFT=(--provider postgresql --url "$DATABASE_URL")
  run_variant
}

# the README shows the recipe's config file as it is
V=readme
awk '/^<!-- recipe: examples\/prisma-project\/prisma.config.ts -->$/ { on = 1; next }
     on && /^```ts$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' "$ROOT/README.md" >"$T/readme-config.ts"
if [ -s "$T/readme-config.ts" ] && cmp -s "$T/readme-config.ts" "$ROOT/examples/prisma-project/prisma.config.ts"; then
  ok "README shows examples/prisma-project/prisma.config.ts as it is"
else
  diff "$T/readme-config.ts" "$ROOT/examples/prisma-project/prisma.config.ts" >"$T/readme.diff" || true
  bad "README's prisma.config.ts differs from examples/prisma-project/prisma.config.ts" "$T/readme.diff"
fi

for V in "${@:-sqlite}"; do
  case "$V" in
  sqlite)
    APP="$P/project/app.sqlite.prisma"
    mkdir -p "$T/db"
    DB="$T/db/dev.db"
    # the README's commands load the installed module by bare name
    # (`.load farmorm`); here the build is loaded by path
    fq() { sqlite3 "$DB" ".load $ROOT/sqlite_ext/farmorm" "$1"; }
    fq "SELECT farm_register('comment-fragment', readfile('$EXAMPLE'))" >/dev/null
    fq "SELECT farm_migrate('comment-fragment')" >/dev/null
    export DATABASE_URL="file:$DB"
    TARGET=(--provider sqlite --db "$DB")
    DRIFT=(--provider sqlite --db "$DB")
    run_variant
    ;;
  postgresql) APP="$P/project/app.postgresql.prisma"; pg_variant farm_migrate_dev "public" ;;
  multischema) APP="$P/project/app.multischema.prisma"; pg_variant farm_migrate_dev_ms "frag, public" ;;
  *) echo "migrate_dev.sh: unknown variant: $V (sqlite, postgresql, multischema)"; exit 2 ;;
  esac
done

[ $fail = 0 ] || { echo "FAIL prisma migrate dev"; exit 1; }
