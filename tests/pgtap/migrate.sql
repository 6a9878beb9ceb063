-- migrate.sql (pgTAP): the migrated tables have the columns and types of
-- SPEC section 6, and every call is idempotent.  Runs in one transaction
-- that is rolled back.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION farmorm;
CREATE SCHEMA tap_m;
SET search_path = tap_m, public;
SELECT plan(61);

SELECT lives_ok($$SELECT farm_register('types', '{"tables": [
  {"name": "everything", "columns": [
    {"name": "s", "type": "string"},
    {"name": "v", "type": "varchar(10)", "nullable": true},
    {"name": "i", "type": "integer", "default": {"value": -5}},
    {"name": "b", "type": "bigint"},
    {"name": "d", "type": "decimal"},
    {"name": "f", "type": "bool", "default": {"value": true}},
    {"name": "dt", "type": "date", "default": {"dbSpecial": "now"}},
    {"name": "ts", "type": "timestamp", "nullable": true},
    {"name": "j", "type": "json"},
    {"name": "bin", "type": "binary", "nullable": true},
    {"name": "ref", "type": "reference", "references": "target", "nullable": true}]},
  {"name": "target", "columns": []}
]}')$$, 'register the types fragment');
SELECT is(farm_schema_version('types'), 2, 'two operations registered');
SELECT is(farm_applied_version('types'), 0, 'nothing applied yet');
SELECT hasnt_table('tap_m', 'everything_types', 'no table before farm_migrate');

SELECT is(farm_migrate('types'), 2, 'farm_migrate returns the registered version');
SELECT is(farm_applied_version('types'), 2, 'applied version recorded');

SELECT has_table('tap_m', 'everything_types', 'everything_types created');
SELECT has_table('tap_m', 'target_types', 'target_types created');
SELECT has_table('tap_m', 'fragno_db_settings', 'fragno_db_settings created');
SELECT has_table('tap_m', 'fragno_hooks', 'fragno_hooks created');

SELECT col_type_is('tap_m', 'everything_types', 'id', 'character varying(128)', 'id is varchar(128)');
SELECT col_type_is('tap_m', 'everything_types', 's', 'text', 'string is text');
SELECT col_type_is('tap_m', 'everything_types', 'v', 'character varying(10)', 'varchar(n) is varchar(n)');
SELECT col_type_is('tap_m', 'everything_types', 'i', 'integer', 'integer is integer');
SELECT col_type_is('tap_m', 'everything_types', 'b', 'bigint', 'bigint is bigint');
SELECT col_type_is('tap_m', 'everything_types', 'd', 'numeric(65,30)', 'decimal is decimal(65,30)');
SELECT col_type_is('tap_m', 'everything_types', 'f', 'boolean', 'bool is boolean');
SELECT col_type_is('tap_m', 'everything_types', 'dt', 'date', 'date is date');
SELECT col_type_is('tap_m', 'everything_types', 'ts', 'timestamp(3) without time zone', 'timestamp is timestamp(3)');
SELECT col_type_is('tap_m', 'everything_types', 'j', 'json', 'json is json');
SELECT col_type_is('tap_m', 'everything_types', 'bin', 'bytea', 'binary is bytea');
SELECT col_type_is('tap_m', 'everything_types', 'ref', 'bigint', 'reference is bigint');
SELECT col_type_is('tap_m', 'everything_types', '_internalId', 'bigint', '_internalId is bigint');
SELECT col_type_is('tap_m', 'everything_types', '_version', 'integer', '_version is integer');
SELECT col_not_null('tap_m', 'everything_types', 's', 's is NOT NULL');
SELECT col_is_null('tap_m', 'everything_types', 'v', 'v is nullable');
SELECT col_default_is('tap_m', 'everything_types', 'i', '-5', 'literal default');
SELECT col_default_is('tap_m', 'everything_types', '_version', '0', '_version defaults to 0');
SELECT col_has_default('tap_m', 'everything_types', 'dt', 'now default');
SELECT col_hasnt_default('tap_m', 'everything_types', 'id', 'id has no database default (runtime cuid)');
SELECT col_is_pk('tap_m', 'everything_types', '_internalId', '_internalId is the primary key');
SELECT index_is_unique('tap_m', 'everything_types', 'everything_types_id_key', 'id is unique');
SELECT fk_ok('tap_m', 'everything_types', 'ref', 'tap_m', 'target_types', '_internalId', 'reference targets _internalId');
SELECT is(
  (SELECT confdeltype::text || confupdtype::text FROM pg_constraint WHERE conname = 'everything_types_ref_fkey'),
  'rr', 'ON DELETE RESTRICT ON UPDATE RESTRICT');
SELECT index_is_unique('tap_m', 'fragno_db_settings', 'unique_key', 'fragno_db_settings.key is unique');
SELECT has_index('tap_m', 'fragno_hooks', 'idx_namespace_status_retry', ARRAY['namespace', 'status', '"nextRetryAt"'], 'hooks index');

-- idempotency
SELECT lives_ok($$SELECT farm_migrate('types')$$, 'second farm_migrate lives');
SELECT is(farm_migrate('types'), 2, 'second farm_migrate is a no-op');
SELECT lives_ok($$SELECT farm_migrate()$$, 'farm_migrate() lives');
SELECT is(farm_migrate(), 2, 'farm_migrate() returns the internal version');
SELECT lives_ok($$SELECT farm_register('types', farm_schema('types'))$$, 'registering farm_schema lives');
SELECT is(farm_schema_version('types'), 2, 'registering farm_schema appends nothing');
SELECT is(farm_generate_sql('types'), '', 'nothing left to migrate');
SELECT is((SELECT count(*)::int FROM fragno_db_settings), 2, 'two version rows');
SELECT results_eq($$SELECT key, value FROM fragno_db_settings ORDER BY key$$,
  $$VALUES ('.schema_version'::text, '2'::text), ('types.schema_version', '2')$$, 'version rows');

-- an alter migration
SELECT is(farm_add_column('types', 'everything', '{"name": "late", "type": "string", "nullable": true}'), 3, 'add column');
SELECT throws_ok($$SELECT farm_add_column('types', 'everything', '{"name": "late", "type": "string", "nullable": true}')$$,
  '42710', NULL, 'the same column again is refused');
SELECT is(farm_set_nullable('types', 'everything', 's', true), 4, 'set nullable');
SELECT is(farm_set_nullable('types', 'everything', 's', true), 4, 'set nullable again is a no-op');
SELECT is(farm_add_index('types', 'everything', '{"name": "idx_late", "columns": ["late"]}'), 5, 'add index');
SELECT is(farm_migrate('types'), 5, 'migrate to 5');
SELECT has_column('tap_m', 'everything_types', 'late', 'late column added');
SELECT col_is_null('tap_m', 'everything_types', 's', 's is now nullable');
SELECT has_index('tap_m', 'everything_types', 'idx_late_types', ARRAY['late'], 'index added');
SELECT is(farm_migrate('types'), 5, 'migrate to 5 again is a no-op');
SELECT is(farm_applied_version('types'), 5, 'applied 5');

-- column order: id, initial columns, system columns, later columns
SELECT is(
  (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
   WHERE attrelid = 'tap_m.everything_types'::regclass AND attnum > 0),
  ARRAY['id', 's', 'v', 'i', 'b', 'd', 'f', 'dt', 'ts', 'j', 'bin', 'ref', '_internalId', '_version', 'late'],
  'physical column order');

-- the tables are usable: a row with only the required values
SELECT lives_ok($$INSERT INTO tap_m.target_types (id) VALUES ('t1')$$, 'insert target');
SELECT lives_ok($$INSERT INTO tap_m.everything_types (id, s, b, d, j, ref) VALUES ('e1', 'x', 1, 2.5, '{}', 1)$$, 'insert row');
SELECT throws_ok($$DELETE FROM tap_m.target_types$$, '23503', NULL, 'ON DELETE RESTRICT holds');
SELECT throws_ok($$INSERT INTO tap_m.everything_types (id, s, b, d, j) VALUES ('e1', 'x', 1, 2.5, '{}')$$, '23505', NULL, 'id is unique');

SELECT * FROM finish();
ROLLBACK;
