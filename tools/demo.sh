#!/usr/bin/env bash
# demo.sh - the quick tour on SQLite: register the SPEC section 2 example as
# `comment-fragment` in a new database, migrate it and print its Prisma schema.
set -euo pipefail
cd "$(dirname "$0")/.."
db="$(mktemp -d)/demo.sqlite"
trap 'rm -rf "$(dirname "$db")"' EXIT
sqlite3 "$db" <<SQL
.load sqlite_ext/farmorm
.mode list
SELECT 'registered version: ' || farm_register('comment-fragment', readfile('examples/comment-fragment.json'));
SELECT 'applied version:    ' || farm_migrate('comment-fragment');
SELECT 'physical table:     ' || farm_table_name('comment-fragment', 'comment');
SELECT '';
SELECT farm_generate_prisma('comment-fragment');
SQL
