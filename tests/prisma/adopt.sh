#!/usr/bin/env bash
# adopt.sh - the "Prisma owns the tables" workflow through Prisma's own schema
# engine (the WASM build, tests/prisma/push.mjs and drift.mjs). For each host
# asked for (default: sqlite):
#  - register fragments, write farm_generate_prisma() to a schema file and let
#    the engine create everything it describes (schemaPush, as `prisma db
#    push` does); farm_check finds no difference;
#  - farm_migrate(ns, '{"adopt": true}') records the applied version without
#    DDL; farm_check stays empty; farm_add_column + farm_migrate then migrate
#    as usual, and the regenerated schema shows zero drift;
#  - in a second database one index is dropped by hand before adopting:
#    adopt is refused naming it, farm_check lists it, and the applied version,
#    the registry and the tables are unchanged.
# SQLite: the fixture has no Json default (Prisma writes a Json default
# unquoted in SQLite DDL, prisma/orm#26571, so the engine cannot create such
# a table there); fragno_db_settings exists before the push (farm_register
# creates it: the registry lives there) and the engine keeps it as it is.
#
#   tests/prisma/adopt.sh [sqlite] [postgresql]
#
# sqlite needs `make sqlite`; postgresql needs `make install` and a server
# reachable through PGHOST/PGPORT/PGUSER (superuser; PGHOST a socket
# directory), e.g. inside tests/pg/run.sh. One ok/FAIL line per check.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
P="$ROOT/tests/prisma"
FIX="$P/fixtures"
[ -d "$P/node_modules/@prisma/schema-engine-wasm" ] || (cd "$P" && npm ci --no-audit --no-fund --loglevel=error)
T="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-adopt.XXXXXX")"
PGDBS=()
cleanup() {
  local d
  for d in ${PGDBS[@]+"${PGDBS[@]}"}; do dropdb --if-exists "$d" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT
fail=0
ok() { echo "ok   $host adopt: $1"; }
bad() { echo "FAIL $host adopt: $1"; [ -z "${2:-}" ] || sed 's/^/    /' "$2"; fail=1; }
expect() { # expect <what> <expected> <actual>
  if [ "$2" = "$3" ]; then ok "$1"; else echo "    expected: $2"; echo "    actual:   $3"; bad "$1"; fi
}

# the host's query runner: q <db> <sql> (one value per line)
q() {
  if [ "$host" = sqlite ]; then sqlite3 -bail "$1" ".load $ROOT/sqlite_ext/farmorm" "$2"
  else psql -X -qAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"; fi
}
register() { # register <db> <ns> <fixture>
  if [ "$host" = sqlite ]; then q "$1" "SELECT farm_register('$2', readfile('$3'))" >/dev/null
  else echo "SELECT farm_register('$2', :'def');" | psql -X -qAt -v ON_ERROR_STOP=1 -d "$1" -v def="$(cat "$3")" >/dev/null; fi
}
engine_target() { # the push.mjs / drift.mjs arguments for a database
  if [ "$host" = sqlite ]; then echo "--provider sqlite --db $1"
  else echo "--provider postgresql --url postgres://${PGUSER:-postgres}@/$1?host=${PGHOST}&port=${PGPORT:-5432}"; fi
}
newdb() { # newdb <name>: prints the database argument for q
  if [ "$host" = sqlite ]; then echo "$T/$1.db"
  else dropdb --if-exists "$1" 2>/dev/null; createdb "$1"; psql -X -q -d "$1" -c "CREATE EXTENSION farmorm"; echo "$1"; fi
}
gen() { printf '%s\n' "$(q "$1" "SELECT farm_generate_prisma()")" > "$2"; }
push() { # push <db> <schema file>
  # shellcheck disable=SC2046
  if node "$P/push.mjs" $(engine_target "$1") "$2" > "$T/push.out" 2>&1; then ok "engine created the tables ($(cat "$T/push.out"))"
  else bad "engine push" "$T/push.out"; fi
}
drift() { # drift <db> <schema file>
  # shellcheck disable=SC2046
  if node "$P/drift.mjs" $(engine_target "$1") "$2" > "$T/drift.out" 2>&1; then ok "no drift: $(basename "$2")"
  else bad "drift: $(basename "$2")" "$T/drift.out"; fi
}
empty_check() { # empty_check <db> <ns> <applied>
  expect "farm_check('$2') empty (applied $3)" \
    "{\"namespace\":\"$2\",\"applied\":$3,\"version\":$4,\"differences\":[]}" "$(q "$1" "SELECT farm_check('$2')")"
}

for host in "${@:-sqlite}"; do
  case "$host" in
    sqlite) spaces=(comment-fragment:"$FIX/comment.json") ;;
    postgresql) spaces=(comment-fragment:"$FIX/comment.json" types-fragment:"$FIX/types.json") ;;
    *) echo "adopt.sh: unknown host $host"; exit 2 ;;
  esac

  # --- Prisma creates everything, farmorm adopts it
  db=$(newdb farm_adopt_ok); [ "$host" = sqlite ] || PGDBS+=("$db")
  for s in "${spaces[@]}"; do register "$db" "${s%%:*}" "${s#*:}"; done
  gen "$db" "$T/v1.prisma"
  push "$db" "$T/v1.prisma"
  drift "$db" "$T/v1.prisma"
  for s in "${spaces[@]}"; do
    ns="${s%%:*}"
    empty_check "$db" "$ns" 0 1
    expect "adopt $ns" 1 "$(q "$db" "SELECT farm_migrate('$ns', '{\"adopt\": true}')")"
    expect "applied version of $ns" 1 "$(q "$db" "SELECT farm_applied_version('$ns')")"
    empty_check "$db" "$ns" 1 1
  done
  # later operations migrate as usual and stay drift-free
  q "$db" "SELECT farm_add_column('comment-fragment', 'comment', '{\"name\": \"editedAt\", \"type\": \"timestamp\", \"nullable\": true}')" >/dev/null
  q "$db" "SELECT farm_add_index('comment-fragment', 'comment', '{\"name\": \"idx_edited\", \"columns\": [\"editedAt\"]}')" >/dev/null
  expect "farm_migrate after adopting" 3 "$(q "$db" "SELECT farm_migrate('comment-fragment')")"
  empty_check "$db" comment-fragment 3 3
  gen "$db" "$T/v2.prisma"
  drift "$db" "$T/v2.prisma"

  # --- one index dropped by hand before adopting: refused, named, unchanged
  db=$(newdb farm_adopt_bad); [ "$host" = sqlite ] || PGDBS+=("$db")
  register "$db" comment-fragment "$FIX/comment.json"
  gen "$db" "$T/bad.prisma"
  push "$db" "$T/bad.prisma"
  q "$db" "DROP INDEX \"idx_comment_author_comment-fragment\"" >/dev/null
  before="$(q "$db" "SELECT farm_namespaces()")|$(q "$db" "SELECT count(*) FROM fragno_db_settings")"
  if out="$(q "$db" "SELECT farm_migrate('comment-fragment', '{\"adopt\": true}')" 2>&1)"; then
    echo "$out" > "$T/out"; bad "adopt with a dropped index must be refused" "$T/out"
  else
    expect "adopt refused naming the index" \
      'namespace "comment-fragment": cannot adopt its tables: table "comment_comment-fragment": index "idx_comment_author_comment-fragment" is missing' \
      "$(echo "$out" | sed -E -e 's/^(Error: |Runtime error: |ERROR: +)(in prepare, |stepping, )?//' -e 's/ \([0-9]+\)$//' | head -1)"
  fi
  expect "farm_check lists the index" \
    'index|idx_comment_author_comment-fragment|missing' \
    "$(q "$db" "SELECT farm_check('comment-fragment')" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const d of JSON.parse(s).differences)console.log([d.kind,d.index,d.problem].join("|"))})')"
  expect "nothing changed" "$before" "$(q "$db" "SELECT farm_namespaces()")|$(q "$db" "SELECT count(*) FROM fragno_db_settings")"
  expect "still not applied" 0 "$(q "$db" "SELECT farm_applied_version('comment-fragment')")"
done

[ $fail = 0 ] && echo "ok   adopt: the Prisma-owned workflow on ${*:-sqlite}" || { echo "FAIL adopt"; exit 1; }
