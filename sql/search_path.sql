-- search_path: a hostile search_path (a schema placed first, even before
-- pg_catalog, shadowing the tables, functions, operators and types that
-- farmorm's SQL uses) changes nothing.  Every shadow object logs its use.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_path, evil CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_path;
SET search_path = t_path, public;
SELECT farm_add_table('safe', '{"name": "doc", "columns": [{"name": "title", "type": "string"}]}');
SELECT farm_migrate('safe');

CREATE SCHEMA evil;
CREATE TABLE evil.calls (what text);
GRANT ALL ON evil.calls TO PUBLIC;
-- tables farmorm reads or writes, unqualified
CREATE TABLE evil.fragno_db_settings (id text, key text, value text);
CREATE TABLE evil.operations (ns text, version int, op text);
CREATE TABLE evil.namespaces (ns text, schema_name text);
CREATE TABLE evil.internal_schemas (schema_name text);
CREATE TABLE evil."doc_safe" (x int);
INSERT INTO evil.fragno_db_settings VALUES ('x', 'safe.schema_version', '99'), ('y', '.schema_version', '99');
-- functions farmorm calls
CREATE FUNCTION evil.pg_advisory_xact_lock(int, int) RETURNS void LANGUAGE sql
  AS $$ INSERT INTO evil.calls VALUES ('pg_advisory_xact_lock') $$;
CREATE FUNCTION evil.hashtext(text) RETURNS int LANGUAGE sql
  AS $$ INSERT INTO evil.calls VALUES ('hashtext') RETURNING 1 $$;
CREATE FUNCTION evil.unnest(text[]) RETURNS SETOF text LANGUAGE sql
  AS $$ INSERT INTO evil.calls VALUES ('unnest') RETURNING 'x' $$;
CREATE FUNCTION evil.nextval(regclass) RETURNS bigint LANGUAGE sql
  AS $$ INSERT INTO evil.calls VALUES ('nextval') RETURNING 1::bigint $$;
-- operators farmorm's queries use
CREATE FUNCTION evil.text_eq(text, text) RETURNS boolean LANGUAGE sql
  AS $$ INSERT INTO evil.calls VALUES ('= text') RETURNING true $$;
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.text_eq);
CREATE FUNCTION evil.int_plus(int, bigint) RETURNS bigint LANGUAGE sql
  AS $$ INSERT INTO evil.calls VALUES ('+ int') RETURNING 1::bigint $$;
CREATE OPERATOR evil.+ (LEFTARG = int, RIGHTARG = bigint, FUNCTION = evil.int_plus);
CREATE FUNCTION evil.int_minus(bigint, int) RETURNS bigint LANGUAGE sql
  AS $$ INSERT INTO evil.calls VALUES ('- int') RETURNING 1::bigint $$;
CREATE OPERATOR evil.- (LEFTARG = bigint, RIGHTARG = int, FUNCTION = evil.int_minus);
-- types the DDL names
CREATE DOMAIN evil.text AS pg_catalog.varchar(1);
CREATE DOMAIN evil.json AS pg_catalog.int4;
CREATE DOMAIN evil.int4 AS pg_catalog.int2;

SET search_path = evil, pg_catalog, t_path, public;

SELECT public.farm_add_column('safe', 'doc', '{"name": "body", "type": "string", "nullable": true}');
SELECT public.farm_add_column('safe', 'doc', '{"name": "meta", "type": "json", "nullable": true}');
SELECT public.farm_add_table('safe', '{"name": "note", "columns": [{"name": "docId", "type": "reference", "references": "doc"}, {"name": "n", "type": "integer"}]}');
SELECT public.farm_schema_version('safe'), public.farm_applied_version('safe');
SELECT public.farm_migrate('safe');
SELECT public.farm_migrate('safe');
SELECT public.farm_applied_version('safe');
SELECT public.farm_namespaces();
SELECT length(public.farm_generate_prisma('safe')) > 0 AS prisma;
SELECT public.farm_generate_sql('safe');

RESET search_path;
-- the tables went to t_path with pg_catalog types
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a WHERE a.attrelid = 't_path.doc_safe'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a WHERE a.attrelid = 't_path.note_safe'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT key, value FROM t_path.fragno_db_settings ORDER BY key;
-- no shadow object was used and the shadow tables are untouched
SELECT count(*) AS shadow_calls FROM evil.calls;
SELECT count(*) FROM evil.operations;
SELECT count(*) FROM evil.namespaces;
SELECT key, value FROM evil.fragno_db_settings ORDER BY key;
SELECT count(*) FROM evil."doc_safe";
-- the caller's search_path is back after every call, also after an error
SET search_path = evil, pg_catalog, t_path, public;
SELECT public.farm_schema('safe') IS NOT NULL AS ok;
SHOW search_path;
SELECT public.farm_add_table('safe', '{"name": "doc", "columns": []}');
SHOW search_path;
RESET search_path;

-- a namespace migrated for the first time under that search_path would go
-- to its first schema (the schema current at the first migrate), but the
-- planted fragno_db_settings there is not adopted
SET search_path = evil, pg_catalog, t_path, public;
SELECT public.farm_add_table('fresh', '{"name": "thing", "columns": [{"name": "label", "type": "string"}, {"name": "data", "type": "json"}]}');
SELECT public.farm_migrate('fresh');
-- without it, the tables go there, still with pg_catalog types and no
-- shadow object used
DROP TABLE evil.fragno_db_settings;
SELECT public.farm_migrate('fresh');
RESET search_path;
SELECT * FROM farmorm.namespaces ORDER BY ns;
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a WHERE a.attrelid = 'evil.thing_fresh'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT count(*) AS shadow_calls FROM evil.calls;
