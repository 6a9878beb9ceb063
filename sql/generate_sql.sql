-- generate_sql: farm_generate_sql is exactly the DDL farm_migrate would run
-- now (schema-qualified with the namespace's schema), or the DDL between
-- two versions, for PostgreSQL or SQLite.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_gensql CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_gensql;
SET search_path = t_gensql, public;
\pset format unaligned
\pset tuples_only on

SELECT farm_add_table('shop', '{"name": "product", "columns": [{"name": "name", "type": "string"}, {"name": "price", "type": "decimal", "default": {"value": 0}}]}');
SELECT farm_add_table('shop', '{"name": "order", "columns": [{"name": "productId", "type": "reference", "references": "product"}, {"name": "at", "type": "timestamp", "default": {"dbSpecial": "now"}}], "indexes": [{"name": "idx_order_at", "columns": ["at"]}]}');
-- before any migrate: internal tables and the whole namespace
SELECT farm_generate_sql('shop');
SELECT farm_migrate('shop');
SELECT farm_generate_sql('shop');
SELECT farm_add_column('shop', 'product', '{"name": "sku", "type": "varchar(32)", "nullable": true}');
SELECT farm_set_nullable('shop', 'product', 'name', true);
SELECT farm_add_index('shop', 'order', '{"name": "uidx_order_product_at", "columns": ["productId", "at"], "unique": true}');
-- after a migrate: only what is new
SELECT farm_generate_sql('shop');
-- between versions
SELECT farm_generate_sql('shop', '{"from": 1, "to": 2}');
SELECT farm_generate_sql('shop', '{"to": 1}');
SELECT farm_generate_sql('shop', '{"from": 2}');
-- SQLite (prisma and default storage): from version 0, no schema
SELECT farm_generate_sql('shop', '{"dialect": "sqlite", "from": 2}');
SELECT farm_generate_sql('shop', '{"dialect": "sqlite", "sqliteStorage": "default", "to": 1}');
SELECT farm_generate_sql('shop', NULL) = farm_generate_sql('shop') AS null_options;
SELECT farm_migrate('shop');
SELECT farm_generate_sql('shop') = '' AS nothing_left;

\pset tuples_only off
\pset format aligned
-- errors
SELECT farm_generate_sql('nobody');
SELECT farm_generate_sql(NULL);
SELECT farm_generate_sql('shop', '{"from": 3, "to": 1}');
SELECT farm_generate_sql('shop', '{"to": 9}');
SELECT farm_generate_sql('shop', '{"from": -1}');
SELECT farm_generate_sql('shop', '{"dialect": "mysql"}');
SELECT farm_generate_sql('shop', '{"sqliteStorage": "fast"}');
SELECT farm_generate_sql('shop', '{"size": 1}');
