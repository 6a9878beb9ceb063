-- shadow_sql: farm_shadow_sql() is the script for prisma.config.ts
-- `migrations.initShadowDb`: in an empty database without farmorm it
-- creates every table farmorm created or adopted, as it stands at the
-- applied versions, schema-qualified, CREATE SCHEMA IF NOT EXISTS first for
-- schemas other than public, foreign keys last.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_shadow CASCADE;
DROP SCHEMA IF EXISTS t_shadow_copy CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_shadow;
SET search_path = t_shadow, public;
\pset format unaligned
\pset tuples_only on

SELECT farm_shadow_sql() = '' AS empty_before_migrate;
SELECT farm_register('shop', '{"tables": [
  {"name": "product", "columns": [{"name": "name", "type": "string"}, {"name": "price", "type": "decimal", "default": {"value": 0}}, {"name": "note", "type": "string", "default": {"value": "it''s \\ here"}}]},
  {"name": "order", "columns": [{"name": "productId", "type": "reference", "references": "product"}, {"name": "at", "type": "timestamp", "default": {"dbSpecial": "now"}}],
   "indexes": [{"name": "idx_order_at", "columns": ["at"]}]}]}');
SELECT farm_shadow_sql() = '' AS empty_before_migrate;
SELECT farm_migrate('shop');
-- a column added later that references a table created after its own
SELECT farm_add_table('shop', '{"name": "tag", "columns": [{"name": "label", "type": "varchar(20)"}]}');
SELECT farm_add_column('shop', 'product', '{"name": "tagId", "type": "reference", "references": "tag", "nullable": true}');
SELECT farm_set_nullable('shop', 'product', 'name', true);
SELECT farm_add_index('shop', 'product', '{"name": "uidx_product_tag", "columns": ["tagId", "name"], "unique": true}');
SELECT farm_migrate('shop');
-- registered, not migrated: not in the script
SELECT farm_add_table('shop', '{"name": "pending"}');
SELECT farm_shadow_sql();

-- the script creates the same tables: run it with the schema renamed (the
-- real tables keep their names) and compare the catalog
CREATE FUNCTION t_shadow.shape(s text) RETURNS text LANGUAGE sql AS $$
  SELECT string_agg(line, E'\n' ORDER BY line) FROM (
    SELECT c.relname || ' col ' || a.attnum || ' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || ' ' || a.attnotnull || ' ' || coalesce(replace(pg_get_expr(d.adbin, d.adrelid), s || '.', ''), '-') AS line
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
    WHERE c.relnamespace = s::regnamespace AND c.relkind = 'r'
    UNION ALL
    SELECT c.relname || ' con ' || replace(pg_get_constraintdef(k.oid), s || '.', '') || ' ' || k.conname
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = s::regnamespace
    UNION ALL
    SELECT c.relname || ' idx ' || replace(pg_get_indexdef(i.indexrelid), s || '.', '')
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = s::regnamespace
  ) AS x
$$;
DO $$
DECLARE
  script text := replace(farm_shadow_sql(), '"t_shadow".', '"t_shadow_copy".');
BEGIN
  EXECUTE 'CREATE SCHEMA t_shadow_copy';
  EXECUTE script;
END
$$;
SELECT t_shadow.shape('t_shadow') = replace(t_shadow.shape('t_shadow_copy'), 't_shadow_copy', 't_shadow') AS same_tables;
SELECT length(t_shadow.shape('t_shadow')) > 2000 AS compared_something;
SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 't_shadow_copy'::regnamespace AND relkind = 'r') AS copied_tables;

-- a schema other than public gets CREATE SCHEMA IF NOT EXISTS first
SELECT farm_shadow_sql() LIKE 'CREATE SCHEMA IF NOT EXISTS "t_shadow";' || E'\n' || 'CREATE TABLE "t_shadow"."fragno_db_settings" (%' AS schema_first;

-- a damaged registry is reported and the script is not guessed
UPDATE t_shadow.fragno_db_settings SET value = '99' WHERE key = 'shop.schema_version';
SELECT farm_shadow_sql();
UPDATE t_shadow.fragno_db_settings SET value = '6' WHERE key = 'shop.schema_version';

SET client_min_messages = warning;
DROP EXTENSION farmorm CASCADE;
DROP SCHEMA t_shadow CASCADE;
DROP SCHEMA t_shadow_copy CASCADE;
RESET client_min_messages;
