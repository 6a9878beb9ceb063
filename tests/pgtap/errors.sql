-- errors.sql (pgTAP): bad input raises the documented SQLSTATE and leaves
-- the registry, the tables and the applied versions as they were.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION farmorm;
CREATE SCHEMA tap_e;
SET search_path = tap_e, public;

-- everything an error must not change
SET LOCAL check_function_bodies = off;
CREATE FUNCTION tap_e.state() RETURNS text LANGUAGE sql AS $$
  SELECT coalesce((SELECT string_agg(ns || '/' || version || '/' || op, E'\n' ORDER BY ns, version) FROM farmorm.operations), '')
    || '|' || coalesce((SELECT string_agg(ns || '/' || schema_name, ',' ORDER BY ns) FROM farmorm.namespaces), '')
    || '|' || coalesce((SELECT string_agg(schema_name, ',' ORDER BY schema_name) FROM farmorm.internal_schemas), '')
    || '|' || coalesce((SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM tap_e.fragno_db_settings), '')
    || '|' || (SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'tap_e'::regnamespace)
    || '|' || (SELECT string_agg(attrelid::regclass::text || '.' || attname || ':' || attnotnull, ',' ORDER BY 1)
               FROM pg_attribute WHERE attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'tap_e'::regnamespace AND relkind = 'r') AND attnum > 0)
$$;
-- throws_ok + state unchanged, as two tests
CREATE FUNCTION tap_e.fails(q text, state text, msg text, descr text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  before text := tap_e.state();
BEGIN
  RETURN NEXT throws_ok(q, state, msg, descr);
  RETURN NEXT is(tap_e.state(), before, descr || ': nothing changed');
END
$$;

SELECT plan(71);

SELECT lives_ok($$SELECT farm_register('e', '{"tables": [{"name": "t", "columns": [{"name": "c", "type": "string"}], "indexes": [{"name": "idx_t_c", "columns": ["c"]}]}, {"name": "u", "columns": []}]}')$$, 'register');
SELECT lives_ok($$SELECT farm_migrate('e')$$, 'migrate');

SELECT * FROM fails($$SELECT farm_register(NULL, '{"tables": []}')$$, '22023', 'namespace must not be null', 'NULL namespace');
SELECT * FROM fails($$SELECT farm_add_table('e', NULL)$$, '22023', 'namespace "e": table definition must not be null', 'NULL definition');
SELECT * FROM fails($$SELECT farm_set_nullable('e', 't', 'c', NULL)$$, '22023', 'namespace "e", table "t", column "c": nullable must not be null', 'NULL nullable');
SELECT * FROM fails($$SELECT farm_migrate(NULL)$$, '22023', 'namespace must not be null', 'migrate NULL');
SELECT * FROM fails($$SELECT farm_register('1a', '{"tables": []}')$$, '42602', NULL, 'bad namespace');
SELECT * FROM fails($$SELECT farm_register('a"b', '{"tables": []}')$$, '42602', NULL, 'quote in namespace');
SELECT * FROM fails($$SELECT farm_add_column('e', E'a\tb', '{}')$$, '42602', NULL, 'control character in a name');
SELECT * FROM fails($$SELECT farm_add_table('e', '{"name": "", "columns": []}')$$, '42602', NULL, 'empty table name');
SELECT * FROM fails($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "_version", "type": "string"}]}')$$, '42602', NULL, 'reserved column');
SELECT * FROM fails($$SELECT farm_register('e', 'nope')$$, '22023', NULL, 'invalid JSON');
SELECT * FROM fails($$SELECT farm_register('e', '{"tables": [], "x": 1}')$$, '22023', NULL, 'unknown key');
SELECT * FROM fails($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "uuid"}]}')$$, '22023', NULL, 'unknown type');
SELECT * FROM fails($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "x", "type": "integer", "default": {"value": 1.5}}]}')$$, '22023', NULL, 'default of the wrong type');
SELECT * FROM fails($$SELECT farm_add_table('e', '{"name": "T", "columns": []}')$$, '42710', 'namespace "e", table "T": table already exists', 'duplicate table (case-insensitive)');
SELECT * FROM fails($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "c", "type": "string"}], "indexes": [{"name": "idx_t_c", "columns": ["c"]}]}')$$, '42710', NULL, 'duplicate index name in the namespace');
SELECT * FROM fails($$SELECT farm_add_column('e', 't', '{"name": "C", "type": "string", "nullable": true}')$$, '42710', NULL, 'duplicate column');
SELECT * FROM fails($$SELECT farm_add_column('e', 'nowhere', '{"name": "x", "type": "string", "nullable": true}')$$, '42704', NULL, 'unknown table');
SELECT * FROM fails($$SELECT farm_add_index('e', 't', '{"name": "i2", "columns": ["zz"]}')$$, '42704', NULL, 'unknown index column');
SELECT * FROM fails($$SELECT farm_set_nullable('e', 't', 'zz', true)$$, '42704', NULL, 'unknown column');
SELECT * FROM fails($$SELECT farm_add_table('e', '{"name": "v", "columns": [{"name": "r", "type": "reference", "references": "nowhere"}]}')$$, '42704', NULL, 'reference to an unknown table');
SELECT * FROM fails($$SELECT farm_generate_prisma('nobody')$$, '42704', 'namespace "nobody" is not registered', 'prisma of an unknown namespace');
SELECT * FROM fails($$SELECT farm_migrate('nobody')$$, '42704', 'namespace "nobody" is not registered', 'migrate an unknown namespace');
SELECT * FROM fails($$SELECT farm_add_column('e', 't', '{"name": "x", "type": "string"}')$$, '0A000', NULL, 'NOT NULL column without default');
SELECT * FROM fails($$SELECT farm_register('e', '{"tables": []}')$$, '0A000', NULL, 'dropping a table');
SELECT * FROM fails($$SELECT farm_register('e', '{"tables": [{"name": "t", "columns": [{"name": "c", "type": "integer"}], "indexes": [{"name": "idx_t_c", "columns": ["c"]}]}, {"name": "u", "columns": []}]}')$$, '0A000', NULL, 'changing a type');
SELECT * FROM fails($$SELECT farm_generate_prisma('e', '{"provider": "db2"}')$$, '22023', NULL, 'bad option');
SELECT * FROM fails($$SELECT farm_generate_sql('e', '{"from": 5}')$$, '22023', NULL, 'bad version range');
-- a pre-existing table: refused, nothing adopted or created
SELECT lives_ok($$CREATE TABLE tap_e."w_e" (id int)$$, 'a table of the user''s');
SELECT lives_ok($$SELECT farm_add_table('e', '{"name": "v", "columns": []}'); SELECT farm_add_table('e', '{"name": "w", "columns": []}')$$, 'register two tables');
SELECT * FROM fails($$SELECT farm_migrate('e')$$, '42710', 'namespace "e": relation "w_e" already exists in schema "tap_e", and farmorm did not create it there (it adopts no table)', 'pre-existing table');
-- transactions the writers refuse
SELECT * FROM fails($$SET LOCAL transaction_read_only = on; SELECT farm_migrate('e')$$, '25006', 'cannot execute farm_migrate() in a read-only transaction', 'read-only transaction');
SELECT * FROM fails($$SET LOCAL transaction_read_only = on; SELECT farm_add_table('e', '{"name": "z", "columns": []}')$$, '25006', 'cannot execute farm_add_table() in a read-only transaction', 'read-only transaction (writer)');
-- a system schema as the first migrate's target (3F000)
SELECT lives_ok($$SELECT farm_add_table('sys', '{"name": "t", "columns": []}')$$, 'register sys');
SELECT * FROM fails($$SET LOCAL search_path = information_schema, public; SELECT public.farm_migrate('sys')$$, '3F000',
  'namespace "sys": farmorm does not create tables in schema "information_schema" (a system schema or its own registry schema)', 'information_schema');
-- a damaged registry (XX000)
SELECT * FROM fails($$ALTER TABLE farmorm.operations ALTER COLUMN op TYPE integer USING length(op); SELECT farm_schema('e')$$, 'XX000',
  'farmorm registry is damaged: column "op" of table farmorm.operations has type integer, not text', 'operations.op altered to integer');
SELECT * FROM fails($$UPDATE tap_e.fragno_db_settings SET value = '4294967297' WHERE key = 'e.schema_version'; SELECT farm_applied_version('e')$$, 'XX000',
  'fragno_db_settings key "e.schema_version" holds "4294967297", not a version number (decimal digits without sign, spaces or leading zeros, at most 2147483647)', 'applied version beyond 32 bits');

SELECT * FROM finish();
ROLLBACK;
