-- discard_pending: farm_discard_pending(ns), the way out for a namespace
-- stuck on registered operations no migration can apply: it deletes the
-- operations above the applied version (never applied in this database) and
-- returns the registered version left (= the applied version).  Afterwards
-- the namespace accepts new operations and migrates.  A registry write:
-- under the namespace's advisory lock, refused in the transactions the
-- writers refuse, nothing changed after an error (SQLite binding's texts).
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_discard CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_discard;
SET search_path = t_discard, public;

CREATE FUNCTION t_discard.try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;

-- unknown namespace, bad input: SQLSTATE and the SQLite binding's text
SELECT t_discard.try($q$SELECT farm_discard_pending('n')$q$);
SELECT t_discard.try($q$SELECT farm_discard_pending(NULL)$q$);
SELECT t_discard.try($q$SELECT farm_discard_pending('')$q$);
SELECT t_discard.try($q$SELECT farm_discard_pending('my"ns')$q$);
SELECT t_discard.try($q$SELECT farm_discard_pending('''; drop table x; --')$q$);
SELECT t_discard.try($q$SELECT farm_discard_pending(E'n\ngenerator')$q$);
SELECT t_discard.try($q$SELECT farm_discard_pending(repeat('n', 64))$q$);
SELECT count(*) AS no_ops FROM farmorm.operations;

-- nothing pending: a no-op returning the version
SELECT farm_add_table('n', '{"name":"t","columns":[{"name":"a","type":"string","nullable":true}]}');
SELECT farm_migrate('n');
INSERT INTO "t_n" (id, a) VALUES ('r1', 'kept');
-- the registry, the namespace schemas and the tables of t_discard
CREATE FUNCTION t_discard.registry() RETURNS text LANGUAGE sql AS $$
  SELECT coalesce(md5(string_agg(ns || '/' || version || '/' || op, ',' ORDER BY ns, version)), '-')
    || ' ' || (SELECT count(*) FROM farmorm.namespaces)
    || ' ' || (SELECT count(*) FROM pg_class WHERE relnamespace = 't_discard'::regnamespace)
    || ' ' || coalesce((SELECT string_agg(key || '=' || value, ',' ORDER BY key)
                        FROM t_discard.fragno_db_settings), '-')
  FROM farmorm.operations
$$;
CREATE TEMP TABLE before AS SELECT t_discard.registry() AS r;
SELECT farm_discard_pending('n');
SELECT t_discard.try($q$SELECT farm_discard_pending('other')$q$);
SELECT t_discard.registry() = (SELECT r FROM before) AS unchanged;

-- a stuck namespace: version 2 registered, and migrating it fails (here a
-- table made by hand holds its physical name)
SELECT farm_add_table('n', '{"name":"u"}');
CREATE TABLE "u_n" (handmade int);
SELECT t_discard.try($q$SELECT farm_migrate('n')$q$);
SELECT farm_schema_version('n'), farm_applied_version('n');

-- the transactions the writers refuse; nothing changes
DROP TABLE before;
CREATE TEMP TABLE before AS SELECT t_discard.registry() AS r;
BEGIN READ ONLY;
SELECT farm_discard_pending('n');
ROLLBACK;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT farm_discard_pending('n');
ROLLBACK;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT farm_discard_pending('n');
ROLLBACK;
-- a caller's transaction that rolls back keeps the operation; the call
-- holds the namespace's advisory lock until the end of the transaction
BEGIN;
SELECT farm_discard_pending('n');
SELECT count(*) AS ns_lock FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
   AND classid = 1717662317 AND mode = 'ExclusiveLock';
SELECT farm_schema_version('n') AS in_tx_version;
ROLLBACK;
SELECT t_discard.registry() = (SELECT r FROM before) AS unchanged;

-- the way out
SELECT farm_discard_pending('n');
SELECT farm_schema_version('n'), farm_applied_version('n');
SELECT farm_schema('n');
SELECT farm_namespaces();
SELECT ns, version FROM farmorm.operations ORDER BY 1, 2;
SELECT a FROM "t_n";
SELECT to_regclass('t_discard."u_n"') IS NOT NULL AS handmade_kept;
SELECT farm_discard_pending('n') AS again;
SELECT farm_migrate('n'), farm_migrate();

-- the backend's cache held the schema with "u" (built by the write that
-- registered it): it must not be reused, "u" is new again
SELECT farm_add_table('n', '{"name":"u","columns":[{"name":"b","type":"integer","nullable":true}]}');
SELECT farm_add_column('n', 'u', '{"name":"c","type":"string","nullable":true}');
DROP TABLE "u_n";
SELECT farm_migrate('n');
SELECT string_agg(attname, ',' ORDER BY attnum) AS u_columns FROM pg_attribute
  WHERE attrelid = 't_discard."u_n"'::regclass AND attnum > 0;

-- an operation that does not even replay (written by hand, or by a version
-- that understood it): discarded without being read
INSERT INTO farmorm.operations (ns, version, op) VALUES ('n', 4, '{"op":"no-such-op"}');
SELECT t_discard.try($q$SELECT farm_migrate('n')$q$);
SELECT farm_discard_pending('n');
SELECT farm_schema_version('n'), farm_migrate('n');

-- several pending operations, other namespaces untouched
SELECT farm_add_table('other', '{"name":"t"}'), farm_migrate('other');
SELECT farm_add_table('other', '{"name":"x"}');
SELECT farm_add_table('n', '{"name":"p"}');
SELECT farm_add_column('n', 'p', '{"name":"q","type":"bool","nullable":true}');
SELECT farm_add_index('n', 'p', '{"name":"iq","columns":["q"]}');
SELECT farm_discard_pending('n');
SELECT farm_namespaces();
SELECT farm_add_table('n', '{"name":"p"}'), farm_migrate('n'), farm_migrate('other');

-- never migrated: every operation goes, the namespace is unregistered
SELECT farm_register('fresh', '{"tables":[{"name":"a"},{"name":"b"}]}');
SELECT farm_discard_pending('fresh');
SELECT farm_schema_version('fresh'), farm_namespaces();
SELECT t_discard.try($q$SELECT farm_discard_pending('fresh')$q$);
SELECT t_discard.try($q$SELECT farm_schema('fresh')$q$);
SELECT farm_register('fresh', '{"tables":[{"name":"a"}]}'), farm_migrate('fresh');

-- a damaged registry (applied beyond registered) is reported, not "fixed"
UPDATE fragno_db_settings SET value = '9' WHERE key = 'other.schema_version';
DROP TABLE before;
CREATE TEMP TABLE before AS SELECT t_discard.registry() AS r;
SELECT t_discard.try($q$SELECT farm_discard_pending('other')$q$);
SELECT t_discard.registry() = (SELECT r FROM before) AS unchanged;
UPDATE fragno_db_settings SET value = '2' WHERE key = 'other.schema_version';
