#!/usr/bin/env bash
# selftest.sh - proves check.mjs and drift.mjs can both pass and fail.
#   bash tests/prisma/selftest.sh
# SQLite cases always run. PostgreSQL cases run against $PRISMA_SELFTEST_PG_URL if set,
# else against a throwaway cluster started here (needs /usr/lib/postgresql/*/bin; as root
# it runs as the postgres user), else they are skipped. Installs node_modules with npm ci
# if missing. Ends with "N passed, N failed".
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
[ -d node_modules/@prisma/schema-engine-wasm ] || npm ci --no-audit --no-fund >/dev/null || exit 2

T="$(mktemp -d /tmp/farmorm-prisma-selftest.XXXXXX)"
chmod 755 "$T"
PGDATA_DIR="" PG_RUN_AS=""
cleanup() {
  if [ -n "$PGDATA_DIR" ]; then $PG_RUN_AS "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m immediate stop >/dev/null 2>&1; fi
  rm -rf "$T"
}
trap cleanup EXIT

pass=0 fail=0
expect() { # expect <exit code> <description> <command...>
  local want="$1" what="$2"; shift 2
  "$@" >"$T/out" 2>&1; local got=$?
  if [ "$got" = "$want" ]; then pass=$((pass + 1)); echo "PASS $what (exit $got)"
  else fail=$((fail + 1)); echo "FAIL $what: wanted exit $want, got $got"; sed 's/^/    /' "$T/out"; fi
}

# --- schemas -------------------------------------------------------------------
cat >"$T/good.prisma" <<'EOF'
// farmorm selftest
model T {
  id         String @unique @default(cuid())
  internalId Int    @id @default(autoincrement()) @map("_internalId")
  version    Int    @default(0) @map("_version")

  @@map("t")
}
EOF
sed 's/@default(0)/@default(1)/' "$T/good.prisma" >"$T/mismatch.prisma"
printf 'model T {\n  id Int    @id\n  name String\n}\n' >"$T/badformat.prisma"
printf 'model T {\n  id Int @id\n  _x Int\n}\n' >"$T/invalid.prisma"
printf 'model T {\n  id Int @id\n  v  Int @default("x")\n}\n' >"$T/badtype.prisma"
cat >"$T/full.prisma" <<'EOF'
datasource db {
  provider = "sqlite"
}

generator client {
  provider = "prisma-client"
  output   = "./generated"
}

model T {
  id Int @id
}
EOF

# --- check.mjs -------------------------------------------------------------------
expect 0 "check: well-formed models-only file" node check.mjs --provider sqlite "$T/good.prisma"
expect 0 "check: file with its own datasource+generator" node check.mjs --provider sqlite "$T/full.prisma"
expect 0 "check: same file for postgresql (wasm only)" node check.mjs --provider postgresql --no-cli "$T/good.prisma"
expect 0 "check: same file for mysql" node check.mjs --provider mysql "$T/good.prisma"
expect 1 "check: badly formatted file" node check.mjs --provider sqlite "$T/badformat.prisma"
expect 1 "check: invalid field name _x" node check.mjs --provider sqlite "$T/invalid.prisma"
expect 1 "check: default of the wrong type" node check.mjs --provider sqlite "$T/badtype.prisma"
expect 1 "check: one bad file among good ones" node check.mjs --provider sqlite "$T/good.prisma" "$T/invalid.prisma"
expect 2 "check: usage error" node check.mjs "$T/good.prisma"

# --- drift.mjs, SQLite -------------------------------------------------------------
node --input-type=module -e '
import { createClient } from "@libsql/client";
const db = createClient({ url: "file:" + process.argv[1] });
await db.executeMultiple(`CREATE TABLE "t" ("id" TEXT NOT NULL, "_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "_version" INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX "t_id_key" ON "t"("id");`);
db.close();' "$T/db.sqlite" || exit 2
expect 0 "drift sqlite: matching database" node drift.mjs --provider sqlite --db "$T/db.sqlite" "$T/good.prisma"
expect 1 "drift sqlite: default 0 vs 1" node drift.mjs --provider sqlite --db "$T/db.sqlite" "$T/mismatch.prisma"
expect 1 "drift sqlite: schema with another table" node drift.mjs --provider sqlite --db "$T/db.sqlite" "$T/full.prisma"
expect 2 "drift sqlite: missing database file" node drift.mjs --provider sqlite --db "$T/nope.sqlite" "$T/good.prisma"
expect 2 "drift sqlite: invalid schema" node drift.mjs --provider sqlite --db "$T/db.sqlite" "$T/invalid.prisma"

# --- drift.mjs, PostgreSQL -----------------------------------------------------------
PG_URL="${PRISMA_SELFTEST_PG_URL:-}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$PG_URL" ] && [ -n "$PGBIN" ]; then
  mkdir -p "$T/pg" "$T/pgs"
  if [ "$(id -u)" = 0 ]; then PG_RUN_AS="runuser -u postgres --"; chown postgres "$T/pg" "$T/pgs"; fi
  PORT=$((20000 + RANDOM % 20000))
  if $PG_RUN_AS "$PGBIN/initdb" -D "$T/pg" -A trust -U postgres >"$T/initdb.log" 2>&1 &&
     $PG_RUN_AS "$PGBIN/pg_ctl" -D "$T/pg" -w -l "$T/pgs/log" \
       -o "-p $PORT -k $T/pgs -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null 2>&1; then
    PGDATA_DIR="$T/pg"
    PG_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
  else
    echo "note: could not start a throwaway PostgreSQL cluster; see below"; tail -5 "$T/initdb.log" "$T/pgs/log" 2>/dev/null
  fi
fi
if [ -n "$PG_URL" ]; then
  SCH="farmorm_selftest_$$"
  node --input-type=module -e '
import pg from "pg";
const c = new pg.Client(process.argv[1]); await c.connect();
const s = process.argv[2];
await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE; CREATE SCHEMA "${s}"; SET search_path TO "${s}";
CREATE TABLE "t" ("id" TEXT NOT NULL, "_internalId" SERIAL NOT NULL, "_version" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "t_pkey" PRIMARY KEY ("_internalId"));
CREATE UNIQUE INDEX "t_id_key" ON "t"("id");`);
await c.end();' "$PG_URL" "$SCH" || exit 2
  expect 0 "drift postgresql: matching schema" node drift.mjs --provider postgresql --url "$PG_URL" --schema-name "$SCH" "$T/good.prisma"
  expect 1 "drift postgresql: default 0 vs 1" node drift.mjs --provider postgresql --url "$PG_URL" --schema-name "$SCH" "$T/mismatch.prisma"
  expect 2 "drift postgresql: unreachable server" node drift.mjs --provider postgresql --url "postgres://postgres@127.0.0.1:1/x" "$T/good.prisma"
  node --input-type=module -e '
import pg from "pg";
const c = new pg.Client(process.argv[1]); await c.connect();
await c.query(`DROP SCHEMA IF EXISTS "${process.argv[2]}" CASCADE`); await c.end();' "$PG_URL" "$SCH"
else
  echo "SKIP postgresql cases (no PRISMA_SELFTEST_PG_URL and no local PostgreSQL)"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
