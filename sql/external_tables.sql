-- external_tables: farm_external_tables() lists, for prisma.config.ts
-- `tables.external`, every table farmorm created or adopted: the internal
-- tables of every schema it created them in and every namespace's tables
-- in their schema, at the applied versions (what the registry records),
-- as schema.table unquoted, bytewise.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_ext CASCADE;
DROP SCHEMA IF EXISTS "t_ext Frag" CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_ext;
CREATE SCHEMA "t_ext Frag";
SET search_path = t_ext, public;
\pset format unaligned
\pset tuples_only on

CREATE FUNCTION t_ext.try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;

-- nothing migrated yet (the registry itself lives in schema farmorm)
SELECT farm_external_tables();
SELECT farm_add_table('comment-fragment', '{"name": "comment", "columns": [{"name": "body", "type": "string"}, {"name": "parentId", "type": "reference", "references": "comment", "nullable": true}]}');
SELECT farm_external_tables();
-- an app's own table is never listed
CREATE TABLE t_ext.app_user (id serial PRIMARY KEY);
SELECT farm_migrate('comment-fragment');
SELECT farm_external_tables();
-- a second namespace first migrated with another schema current: its
-- tables and that schema's internal tables
SET search_path = "t_ext Frag", public;
SELECT farm_add_table('kv', '{"name": "Item", "columns": [{"name": "k", "type": "string"}]}');
SELECT farm_migrate('kv');
SET search_path = t_ext, public;
SELECT farm_external_tables();
-- registered, not migrated: not farmorm's table yet
SELECT farm_add_table('kv', '{"name": "later"}');
SELECT farm_external_tables() NOT LIKE '%later%' AS pending_not_listed;
SELECT farm_add_column('comment-fragment', 'comment', '{"name": "editedAt", "type": "timestamp", "nullable": true}');
SELECT farm_migrate();
SELECT farm_external_tables();
-- every name is a table of this database
SELECT count(*) AS missing FROM json_array_elements_text(farm_external_tables()::json) AS e(name)
WHERE to_regclass(format('%I.%I', split_part(e.name, '.', 1), substr(e.name, strpos(e.name, '.') + 1))) IS NULL;

-- tables someone else created (as an app's Prisma Migrate does) are not
-- farmorm's until it adopts them; from then on they are listed
SELECT farm_add_table('adopted', '{"name": "a", "columns": [{"name": "n", "type": "integer"}]}');
DO $$ BEGIN EXECUTE farm_generate_sql('adopted'); END $$;
SELECT farm_external_tables() NOT LIKE '%a_adopted%' AS created_by_others_not_listed;
SELECT farm_migrate('adopted', '{"adopt": true}');
SELECT farm_external_tables() LIKE '%"t_ext.a_adopted"%' AS adopted_listed;

-- a reader: runs in a read-only transaction and changes nothing
BEGIN READ ONLY;
SELECT json_array_length(farm_external_tables()::json) AS n_read_only;
COMMIT;

-- a damaged registry is reported (XX000), with the SQLite binding's words
UPDATE t_ext.fragno_db_settings SET value = '9' WHERE key = 'comment-fragment.schema_version';
SELECT t_ext.try('SELECT farm_external_tables()');
UPDATE t_ext.fragno_db_settings SET value = 'x' WHERE key = 'comment-fragment.schema_version';
SELECT t_ext.try('SELECT farm_external_tables()');
UPDATE t_ext.fragno_db_settings SET value = '2' WHERE key = 'comment-fragment.schema_version';
UPDATE "t_ext Frag".fragno_db_settings SET value = '3' WHERE key = '.schema_version';
SELECT t_ext.try('SELECT farm_external_tables()');
UPDATE "t_ext Frag".fragno_db_settings SET value = '2' WHERE key = '.schema_version';
SELECT json_array_length(farm_external_tables()::json) AS n_after_repair;
-- no arguments
SELECT t_ext.try('SELECT farm_external_tables(''x'')');

SET client_min_messages = warning;
DROP EXTENSION farmorm CASCADE;
DROP SCHEMA t_ext CASCADE;
DROP SCHEMA "t_ext Frag" CASCADE;
RESET client_min_messages;
