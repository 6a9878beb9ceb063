-- privileges: every function is SECURITY INVOKER, so the server checks the
-- caller's own rights: on the registry schema (granted by the DBA) and on
-- the schema the tables go to.  Only the migration role may write the
-- registry; other roles read it.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_priv CASCADE;
DROP ROLE IF EXISTS regress_farm_app;
DROP ROLE IF EXISTS regress_farm_reader;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_priv;
CREATE ROLE regress_farm_app;
SET search_path = t_priv, public;

-- without grants on the registry: refused by the server
SET ROLE regress_farm_app;
SELECT farm_add_table('app', '{"name": "t", "columns": []}');
SELECT farm_schema_version('app');
RESET ROLE;

-- the grants the migration role needs (nothing is ever updated or deleted
-- in the registry)
GRANT USAGE ON SCHEMA farmorm TO regress_farm_app;
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA farmorm TO regress_farm_app;
SET ROLE regress_farm_app;
SELECT farm_add_table('app', '{"name": "t", "columns": []}');
SELECT farm_schema_version('app');
-- no rights on t_priv, so the role's current schema is public, where
-- PostgreSQL 15 grants no CREATE: the server refuses the DDL, nothing remains
SELECT farm_migrate('app');
SELECT farm_applied_version('app');
RESET ROLE;
GRANT USAGE, CREATE ON SCHEMA t_priv TO regress_farm_app;
SET ROLE regress_farm_app;
SELECT farm_migrate('app');
SELECT farm_applied_version('app');
RESET ROLE;
-- the tables belong to the role that ran the migration
SELECT relname, pg_get_userbyid(relowner) AS owner FROM pg_class
WHERE relnamespace = 't_priv'::regnamespace AND relkind = 'r' ORDER BY relname COLLATE "C";

-- any other role reads the registry, and the applied versions where the
-- tables are, but cannot write the registry
CREATE ROLE regress_farm_reader;
GRANT USAGE ON SCHEMA farmorm TO regress_farm_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA farmorm TO regress_farm_reader;
SET ROLE regress_farm_reader;
SELECT farm_schema_version('app');
SELECT farm_applied_version('app');
RESET ROLE;
GRANT USAGE ON SCHEMA t_priv TO regress_farm_reader;
SET ROLE regress_farm_reader;
SELECT farm_applied_version('app');
RESET ROLE;
GRANT SELECT ON t_priv.fragno_db_settings TO regress_farm_reader;
SET ROLE regress_farm_reader;
SELECT farm_applied_version('app');
SELECT farm_schema('app') IS NOT NULL AS schema;
SELECT farm_add_column('app', 't', '{"name": "c", "type": "string", "nullable": true}');
RESET ROLE;

SET client_min_messages = warning;
DROP SCHEMA t_priv CASCADE;
DROP EXTENSION farmorm CASCADE;
DROP OWNED BY regress_farm_app, regress_farm_reader;
DROP ROLE regress_farm_app;
DROP ROLE regress_farm_reader;
