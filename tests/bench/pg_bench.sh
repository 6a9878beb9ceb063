#!/usr/bin/env bash
# pg_bench.sh [N] - benchmark the PostgreSQL extension on an N-table fragment
# (default 5000), entirely inside PostgreSQL: the fragment JSON is built in
# SQL (the shape of tests/bench/make_fragment.py: per table four columns,
# one of them a reference to the previous table, an index and a unique
# index), then registered, generated (Prisma and SQL) and migrated in a
# throwaway cluster.  Prints psql's wall-clock timing of each step.  Needs
# the extension installed (make install).  Not part of `make test`.
#
# One transaction creates about 8 relations per table (table, sequence,
# primary key, id index, two indexes, TOAST table and index), each holding a
# lock until commit, so the cluster runs with max_locks_per_transaction
# raised to fit (the lock table holds max_locks_per_transaction *
# (max_connections + max_prepared_transactions) entries).
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-5000}"
LOCKS=$(( (N * 10) / 100 + 64 ))
. tests/pg/cluster.sh
start_cluster "max_locks_per_transaction=$LOCKS" shared_buffers=256MB synchronous_commit=off >/dev/null

createdb bench
psql -X -q -v ON_ERROR_STOP=1 -v n="$N" -d bench <<'SQL' | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' >"$CLUSTER_DIR/times"
CREATE EXTENSION farmorm;
CREATE SCHEMA bench_input;
CREATE TABLE bench_input.frag AS
SELECT json_build_object('tables', json_agg(json_build_object(
  'name', 't' || i,
  'columns', json_build_array(
      json_build_object('name', 'title', 'type', 'string'),
      json_build_object('name', 'rank', 'type', 'integer', 'default', json_build_object('value', 0)),
      json_build_object('name', 'createdAt', 'type', 'timestamp', 'default', json_build_object('dbSpecial', 'now')))::jsonb
    || CASE WHEN i > 0 THEN jsonb_build_array(jsonb_build_object('name', 'prevId', 'type', 'reference',
                              'references', 't' || (i - 1), 'nullable', true))
            ELSE '[]'::jsonb END,
  'indexes', json_build_array(
      json_build_object('name', 'idx_t' || i || '_rank', 'columns', json_build_array('rank')),
      json_build_object('name', 'uidx_t' || i || '_title', 'columns', json_build_array('title'), 'unique', true)))
  ORDER BY i))::text AS def
FROM generate_series(0, :n - 1) AS i;
\o /dev/null
\timing on
SELECT farm_register('bench', def) FROM bench_input.frag;
SELECT length(farm_generate_prisma('bench'));
SELECT length(farm_generate_drizzle('bench'));
SELECT length(farm_generate_sql('bench'));
SELECT farm_migrate('bench');
SELECT farm_migrate('bench');
SELECT length(farm_generate_prisma('bench'));
SELECT farm_register('bench', def) FROM bench_input.frag;
SELECT farm_add_column('bench', 't0', '{"name": "note", "type": "string", "nullable": true}');
SELECT farm_migrate('bench');
\timing off
\o
SQL
labels=("register ($N tables, one farm_register call)"
        "farm_generate_prisma"
        "farm_generate_drizzle"
        "farm_generate_sql (internal + $N tables)"
        "farm_migrate (creates every table)"
        "farm_migrate again (no-op)"
        "farm_generate_prisma after migrate"
        "farm_register of the same definition (no-op)"
        "farm_add_column on the $N-table registry"
        "farm_migrate of that column")
echo "fragment: $N tables, $(psql -XAt -d bench -c 'SELECT octet_length(def) FROM bench_input.frag') bytes of JSON; $(psql -XAt -d bench -c "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'") tables in public after migrate"
echo "Prisma schema: $(psql -XAt -d bench -c "SELECT octet_length(farm_generate_prisma('bench'))") bytes; Drizzle module: $(psql -XAt -d bench -c "SELECT octet_length(farm_generate_drizzle('bench'))") bytes"
i=0
while read -r ms; do
  awk -v l="${labels[$i]}" -v ms="$ms" 'BEGIN { printf "%-52s %8.2f s\n", l, ms / 1000 }'
  i=$((i + 1))
done <"$CLUSTER_DIR/times"
