-- forged: a role that may insert into farmorm.* (what the README used to
-- advise for application roles) forges registry rows that point farmorm at
-- a fragno_db_settings table of its own, to run its code with the rights of
-- whoever migrates next (here a superuser).  farmorm refuses a table with
-- triggers, rules, row level security, other column types or another owner
-- before any of its code runs, and runs what else the owner attached
-- (defaults, CHECK constraints) with the owner's rights.  DDL on tables in
-- the forged schema runs none of the owner's code either.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_trap CASCADE;
DROP ROLE IF EXISTS regress_farm_mallory;
DROP ROLE IF EXISTS regress_farm_migrator;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE ROLE regress_farm_mallory;
GRANT USAGE ON SCHEMA farmorm TO regress_farm_mallory;
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA farmorm TO regress_farm_mallory;
CREATE SCHEMA t_trap AUTHORIZATION regress_farm_mallory;
SET search_path = public;

-- the trap, set by the low-privilege role
SET ROLE regress_farm_mallory;
CREATE TABLE t_trap.log (who name, what text);
GRANT ALL ON t_trap.log TO PUBLIC;
-- logs who runs it (a notice the first time); run by a superuser, it makes
-- its author superuser; and it leaves a hostile search_path behind
CREATE FUNCTION t_trap.note(what text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM t_trap.log l WHERE l.who = current_user AND l.what = note.what) THEN
    RAISE NOTICE 'trap code (%) runs as %', what, current_user;
  END IF;
  INSERT INTO t_trap.log VALUES (current_user, what);
  IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
    ALTER ROLE regress_farm_mallory SUPERUSER;
  END IF;
  PERFORM pg_catalog.set_config('search_path', 't_trap, pg_catalog', false);
  RETURN true;
END $$;
CREATE FUNCTION t_trap.fire() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM t_trap.note('trigger ' || TG_OP); RETURN NEW; END $$;
CREATE TABLE t_trap.fragno_db_settings (id varchar(128) NOT NULL, key text NOT NULL UNIQUE,
  value text NOT NULL, "_internalId" bigserial PRIMARY KEY, "_version" integer NOT NULL DEFAULT 0);
INSERT INTO t_trap.fragno_db_settings (id, key, value) VALUES ('c1', '.schema_version', '2');
CREATE TRIGGER trap BEFORE INSERT OR UPDATE ON t_trap.fragno_db_settings
  FOR EACH ROW EXECUTE FUNCTION t_trap.fire();
-- the forged rows: farmorm "created" the internal tables in t_trap, and
-- namespace victim "lives" there
INSERT INTO farmorm.internal_schemas VALUES ('t_trap');
INSERT INTO farmorm.namespaces VALUES ('victim', 't_trap');
RESET ROLE;

-- the superuser registers and migrates: reads are harmless, the migration
-- is refused before any DDL, and the trigger never fires
SELECT farm_add_table('victim', '{"name": "t", "columns": [{"name": "a", "type": "string"}]}');
SELECT farm_applied_version('victim');
SELECT farm_migrate('victim');
SELECT farm_migrate();
SELECT * FROM t_trap.log;
SELECT count(*) AS created FROM pg_class WHERE relname = 't_victim';

-- a rule instead
SET ROLE regress_farm_mallory;
DROP TRIGGER trap ON t_trap.fragno_db_settings;
CREATE RULE trap AS ON UPDATE TO t_trap.fragno_db_settings DO ALSO SELECT t_trap.note('rule');
RESET ROLE;
SELECT farm_migrate('victim');
SET ROLE regress_farm_mallory;
DROP RULE trap ON t_trap.fragno_db_settings;
-- row level security (its policies would also run on reads)
ALTER TABLE t_trap.fragno_db_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE t_trap.fragno_db_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY trap ON t_trap.fragno_db_settings USING (t_trap.note('policy'));
RESET ROLE;
SELECT farm_applied_version('victim');
SELECT farm_migrate('victim');
SET ROLE regress_farm_mallory;
ALTER TABLE t_trap.fragno_db_settings DISABLE ROW LEVEL SECURITY;
-- a view
ALTER TABLE t_trap.fragno_db_settings RENAME TO settings_real;
CREATE VIEW t_trap.fragno_db_settings AS SELECT * FROM t_trap.settings_real WHERE t_trap.note('view');
RESET ROLE;
SELECT farm_applied_version('victim');
SET ROLE regress_farm_mallory;
DROP VIEW t_trap.fragno_db_settings;
ALTER TABLE t_trap.settings_real RENAME TO fragno_db_settings;
-- a key column of another type (its operators and casts are anyone's)
CREATE DOMAIN t_trap.key AS text;
ALTER TABLE t_trap.fragno_db_settings ALTER COLUMN key TYPE t_trap.key;
RESET ROLE;
SELECT farm_applied_version('victim');
SET ROLE regress_farm_mallory;
ALTER TABLE t_trap.fragno_db_settings ALTER COLUMN key TYPE text;
RESET ROLE;
SELECT * FROM t_trap.log;

-- a migration role that is not a member of the table's owner is refused
-- too (the owner decides what code the write runs)
CREATE ROLE regress_farm_migrator;
GRANT USAGE ON SCHEMA farmorm TO regress_farm_migrator;
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA farmorm TO regress_farm_migrator;
SET ROLE regress_farm_mallory;
GRANT USAGE, CREATE ON SCHEMA t_trap TO regress_farm_migrator;
GRANT ALL ON t_trap.fragno_db_settings, t_trap."fragno_db_settings__internalId_seq" TO regress_farm_migrator;
INSERT INTO farmorm.namespaces VALUES ('victim_m', 't_trap');
SET ROLE regress_farm_migrator;
SELECT farm_add_table('victim_m', '{"name": "t", "columns": []}');
SELECT farm_migrate('victim_m');
RESET ROLE;

-- what else the owner attached runs with the owner's rights: column
-- defaults and CHECK constraints when farmorm writes a version row, a
-- partial index predicate (an immutable function, folded when a query on
-- the table is planned) when it reads one; and no setting is left behind
SET ROLE regress_farm_mallory;
CREATE FUNCTION t_trap.folded() RETURNS boolean LANGUAGE sql IMMUTABLE
  AS $$ SELECT t_trap.note('index predicate') $$;
ALTER TABLE t_trap.fragno_db_settings ALTER COLUMN "_version" SET DEFAULT (t_trap.note('default') AND true)::int - 1;
ALTER TABLE t_trap.fragno_db_settings ADD CONSTRAINT trap CHECK (t_trap.note('check'));
CREATE INDEX trap ON t_trap.fragno_db_settings (key) WHERE t_trap.folded();
-- a domain named text, for a hostile search_path
CREATE DOMAIN t_trap.text AS pg_catalog.text CHECK (t_trap.note('domain'));
INSERT INTO farmorm.namespaces VALUES ('victim_z', 't_trap');
RESET ROLE;
-- a new session, which has cached nothing of the trap
\c -
TRUNCATE t_trap.log;
SELECT farm_add_table('victim_z', '{"name": "t", "columns": [{"name": "a", "type": "string"}]}');
-- victim, victim_m and victim_z, one version row each, in one call
SELECT farm_migrate();
SHOW search_path;
SELECT DISTINCT who, what FROM t_trap.log ORDER BY what, who;
-- the version row written before victim_z's DDL left no search_path
-- behind: its column has the built-in type, not t_trap.text
SELECT atttypid = 'pg_catalog.text'::regtype AS builtin FROM pg_attribute
WHERE attrelid = 't_trap.t_victim_z'::regclass AND attname = 'a';
-- (read as its owner: a superuser's query would run the trap)
SET ROLE regress_farm_mallory;
SELECT key, value FROM t_trap.fragno_db_settings ORDER BY key COLLATE "C";
RESET ROLE;

-- a table of the namespace owned by someone else: farm_migrate alters it
-- only as its owner (or a real member of it).  Adding a foreign key would
-- plan a query on it as the caller, folding its partial index predicate.
SET ROLE regress_farm_mallory;
CREATE TABLE t_trap.t_victim_o (id varchar(128) NOT NULL, a text NOT NULL,
  "_internalId" bigserial PRIMARY KEY, "_version" integer NOT NULL DEFAULT 0);
INSERT INTO t_trap.t_victim_o (id, a) VALUES ('r1', 'x');
CREATE INDEX trap_o ON t_trap.t_victim_o (a) WHERE t_trap.folded();
INSERT INTO farmorm.namespaces VALUES ('victim_o', 't_trap');
INSERT INTO t_trap.fragno_db_settings (id, key, value) VALUES ('c2', 'victim_o.schema_version', '1');
RESET ROLE;
\c -
SELECT farm_add_table('victim_o', '{"name": "t", "columns": [{"name": "a", "type": "string"}]}');
SELECT farm_add_table('victim_o', '{"name": "u", "columns": []}');
SELECT farm_add_column('victim_o', 't', '{"name": "u", "type": "reference", "references": "u", "nullable": true}');
TRUNCATE t_trap.log;
SELECT farm_migrate('victim_o');
SELECT DISTINCT who, what FROM t_trap.log ORDER BY what, who;
SELECT count(*) AS created FROM pg_class WHERE relname = 'u_victim_o';
-- the trap's author is still no superuser
SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_farm_mallory';

SET client_min_messages = warning;
DROP SCHEMA t_trap CASCADE;
DROP EXTENSION farmorm CASCADE;
DROP OWNED BY regress_farm_mallory, regress_farm_migrator;
DROP ROLE regress_farm_mallory;
DROP ROLE regress_farm_migrator;
