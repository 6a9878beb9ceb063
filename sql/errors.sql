-- errors: every bad input gets an error that says what and where, with a
-- stable SQLSTATE (22023 invalid value, 42602 invalid name, 42704 unknown
-- object, 42710 duplicate, 0A000 unsupported change) and the SQLite
-- binding's text; after any error nothing has changed.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_errors CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_errors;
SET search_path = t_errors, public;

CREATE FUNCTION t_errors.try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;
CREATE FUNCTION t_errors.registry() RETURNS text LANGUAGE sql AS $$
  SELECT coalesce(md5(string_agg(ns || '/' || version || '/' || op, ',' ORDER BY ns, version)), '-')
    || ' ' || (SELECT count(*) FROM farmorm.namespaces)
    || ' ' || (SELECT count(*) FROM farmorm.internal_schemas)
    || ' ' || (SELECT count(*) FROM pg_class WHERE relnamespace = 't_errors'::regnamespace)
  FROM farmorm.operations
$$;

SELECT farm_register('e', $j${"tables": [
  {"name": "t", "columns": [{"name": "c", "type": "string"}, {"name": "r", "type": "reference", "references": "t", "nullable": true}],
   "indexes": [{"name": "idx_t_c", "columns": ["c"]}]},
  {"name": "u", "columns": []}
]}$j$);
SELECT farm_migrate('e');
SELECT registry() AS before \gset

\pset format unaligned
SELECT q AS "call", try(q) AS "error" FROM (VALUES
  -- NULL arguments
  ($$SELECT farm_register(NULL, '{"tables": []}')$$),
  ($$SELECT farm_register('e', NULL)$$),
  ($$SELECT farm_add_table(NULL, '{}')$$),
  ($$SELECT farm_add_table('e', NULL)$$),
  ($$SELECT farm_add_column('e', NULL, '{}')$$),
  ($$SELECT farm_add_column('e', 't', NULL)$$),
  ($$SELECT farm_add_index('e', NULL, '{}')$$),
  ($$SELECT farm_add_index('e', 't', NULL)$$),
  ($$SELECT farm_set_nullable(NULL, 't', 'c', true)$$),
  ($$SELECT farm_set_nullable('e', NULL, 'c', true)$$),
  ($$SELECT farm_set_nullable('e', 't', NULL, true)$$),
  ($$SELECT farm_set_nullable('e', 't', 'c', NULL)$$),
  ($$SELECT farm_schema(NULL)$$),
  ($$SELECT farm_schema_version(NULL)$$),
  ($$SELECT farm_applied_version(NULL)$$),
  ($$SELECT farm_table_name(NULL, 't')$$),
  ($$SELECT farm_table_name('e', NULL)$$),
  ($$SELECT farm_generate_prisma(NULL)$$),
  ($$SELECT farm_generate_sql(NULL)$$),
  ($$SELECT farm_generate_sql(NULL, '{}')$$),
  ($$SELECT farm_migrate(NULL)$$),
  -- namespaces (an allow-list)
  ($$SELECT farm_register('', '{"tables": []}')$$),
  ($$SELECT farm_register('1a', '{"tables": []}')$$),
  ($$SELECT farm_register('a b', '{"tables": []}')$$),
  ($$SELECT farm_register('a.b', '{"tables": []}')$$),
  ($$SELECT farm_register('a"; DROP TABLE x; --', '{"tables": []}')$$),
  ($$SELECT farm_register('é', '{"tables": []}')$$),
  ($$SELECT farm_register(repeat('a', 64), '{"tables": []}')$$),
  ($$SELECT farm_table_name(E'a\nb', 't')$$),
  -- name arguments
  ($$SELECT farm_add_column('e', '', '{}')$$),
  ($$SELECT farm_add_column('e', repeat('x', 64), '{}')$$),
  ($$SELECT farm_add_index('e', E'a\tb', '{}')$$),
  ($$SELECT farm_set_nullable('e', 't', E'\x01', true)$$),
  ($$SELECT farm_table_name('e', repeat('é', 32))$$),
  -- JSON
  ($$SELECT farm_register('e', 'not json')$$),
  ($$SELECT farm_register('e', '[]')$$),
  ($$SELECT farm_register('e', '{"tables": 1}')$$),
  ($$SELECT farm_register('e', '{"tables": [], "views": []}')$$),
  ($$SELECT farm_register('e', '{"tables": [], "tables": []}')$$),
  ($$SELECT farm_register('e', repeat('[', 100000))$$),
  ($$SELECT farm_add_table('e', '{"columns": []}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [], "owner": "me"}')$$),
  -- tables and columns
  ($$SELECT farm_add_table('e', '{"name": "T", "columns": []}')$$),
  ($$SELECT farm_add_table('e', '{"name": "", "columns": []}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "text"}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "varchar(0)"}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "varchar(10485761)"}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "id", "type": "string"}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "_INTERNALID", "type": "string"}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "string"}, {"name": "X", "type": "integer"}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "reference", "references": "nowhere"}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "reference"}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "integer", "default": {"value": "one"}}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "integer", "default": {"dbSpecial": "now"}}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "string", "default": {"runtime": "uuid"}}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "integer", "default": {"value": 4294967296}}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "string", "nullable": "yes"}]}')$$),
  ($$SELECT farm_add_table('e', json_build_object('name', 'v', 'columns', (SELECT json_agg(json_build_object('name', 'c' || i, 'type', 'integer')) FROM generate_series(1, 1001) i))::text)$$),
  ($$SELECT farm_add_table('e', '{"name": "' || repeat('x', 64) || '", "columns": []}')$$),
  -- indexes
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "string"}], "indexes": [{"name": "IDX_T_C", "columns": ["x"]}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "string"}], "indexes": [{"name": "i", "columns": ["y"]}]}')$$),
  ($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "string"}], "indexes": [{"name": "i", "columns": []}]}')$$),
  ($$SELECT farm_add_index('e', 't', '{"name": "idx_t_c2", "columns": ["c", "C"]}')$$),
  ($$SELECT farm_add_index('e', 'nowhere', '{"name": "i", "columns": ["c"]}')$$),
  -- columns added later
  ($$SELECT farm_add_column('e', 'nowhere', '{"name": "x", "type": "string", "nullable": true}')$$),
  ($$SELECT farm_add_column('e', 't', '{"name": "C", "type": "string", "nullable": true}')$$),
  ($$SELECT farm_add_column('e', 't', '{"name": "x", "type": "string"}')$$),
  ($$SELECT farm_add_column('e', 't', '{"name": "x", "type": "string", "default": {"runtime": "cuid"}}')$$),
  ($$SELECT farm_set_nullable('e', 't', 'nothing', true)$$),
  ($$SELECT farm_set_nullable('e', 't', 'id', true)$$),
  -- declarative changes operations cannot express
  ($$SELECT farm_register('e', '{"tables": [{"name": "t", "columns": [{"name": "c", "type": "string"}, {"name": "r", "type": "reference", "references": "t", "nullable": true}], "indexes": [{"name": "idx_t_c", "columns": ["c"]}]}]}')$$),
  ($$SELECT farm_register('e', '{"tables": [{"name": "t", "columns": [{"name": "c", "type": "integer"}, {"name": "r", "type": "reference", "references": "t", "nullable": true}], "indexes": [{"name": "idx_t_c", "columns": ["c"]}]}, {"name": "u", "columns": []}]}')$$),
  ($$SELECT farm_register('e', '{"tables": [{"name": "t", "columns": [{"name": "c", "type": "string"}], "indexes": [{"name": "idx_t_c", "columns": ["c"]}]}, {"name": "u", "columns": []}]}')$$),
  ($$SELECT farm_register('e', '{"tables": [{"name": "t", "columns": [{"name": "c", "type": "string"}, {"name": "r", "type": "reference", "references": "t", "nullable": true}], "indexes": []}, {"name": "u", "columns": []}]}')$$),
  -- unknown namespaces
  ($$SELECT farm_schema('nobody')$$),
  ($$SELECT farm_generate_prisma('nobody')$$),
  ($$SELECT farm_generate_sql('nobody')$$),
  ($$SELECT farm_migrate('nobody')$$),
  ($$SELECT farm_add_column('nobody', 't', '{"name": "x", "type": "string", "nullable": true}')$$)
) AS cases(q);
\pset format aligned

-- huge input: refused, not crashed
SELECT try($$SELECT farm_register('e', repeat(' ', 64 * 1024 * 1024) || '{}')$$);
-- embedded NUL bytes cannot reach the functions: PostgreSQL text refuses them
SELECT try($$SELECT farm_register('e', convert_from('\x7b00'::bytea, 'UTF8'))$$);
SELECT try($$SELECT farm_register('e', convert_from('\x7bff7d'::bytea, 'UTF8'))$$);

-- nothing changed
SELECT registry() = :'before' AS registry_unchanged;
SELECT farm_schema_version('e'), farm_applied_version('e'), farm_generate_sql('e') = '' AS migrated;

-- the plain error report (no helper)
SELECT farm_add_column('e', 't', '{"name": "x", "type": "string"}');
