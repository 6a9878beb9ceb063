-- damaged: a registry altered behind farmorm's back (ALTER TABLE ... TYPE,
-- dropped, renamed or re-added columns, NULLs, duplicate rows, stored
-- versions that are not what farmorm writes) gives a clean XX000 error
-- naming the table and column and what is wrong, never a backend crash
-- (the first two cases crashed 0.1.0 with SIGSEGV) or a silently wrong
-- answer.  Each case runs in a transaction that is rolled back.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_damaged CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_damaged;
SET search_path = t_damaged, public;

CREATE FUNCTION t_damaged.try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r text;
BEGIN
  EXECUTE q INTO r;
  RETURN r;
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;

-- every function that reads the registry, each in its own subtransaction:
-- its result, or SQLSTATE and message
CREATE FUNCTION t_damaged.calls() RETURNS TABLE (call text, result text) LANGUAGE plpgsql AS $$
DECLARE
  q text;
  r text;
BEGIN
  FOREACH q IN ARRAY ARRAY[
    $q$SELECT farm_schema_version('x')$q$,
    $q$SELECT farm_applied_version('x')$q$,
    $q$SELECT farm_schema('x')$q$,
    $q$SELECT farm_namespaces()$q$,
    $q$SELECT length(farm_generate_prisma()) > 0$q$,
    $q$SELECT length(farm_generate_sql('x')) > 0$q$,
    $q$SELECT farm_add_column('x', 't', '{"name": "d", "type": "integer", "nullable": true}')$q$,
    $q$SELECT farm_migrate('x')$q$,
    $q$SELECT farm_migrate()$q$]
  LOOP
    BEGIN
      EXECUTE q INTO r;
    EXCEPTION WHEN OTHERS THEN
      r := SQLSTATE || ' ' || SQLERRM;
    END;
    call := q;
    result := r;
    RETURN NEXT;
  END LOOP;
END
$$;

-- namespace x: version 2 registered, 1 applied, in t_damaged
SELECT farm_add_table('x', '{"name": "t", "columns": [{"name": "a", "type": "string"}]}');
SELECT farm_migrate('x');
SELECT farm_add_column('x', 't', '{"name": "b", "type": "integer", "nullable": true}');
\pset format unaligned
\pset footer off
-- intact
BEGIN;
SELECT * FROM calls();
ROLLBACK;

-- farmorm.operations.op of another type (crashed 0.1.0)
BEGIN;
ALTER TABLE farmorm.operations ALTER COLUMN op TYPE integer USING length(op);
SELECT * FROM calls();
ROLLBACK;
-- farmorm.namespaces.schema_name of another type (crashed 0.1.0)
BEGIN;
ALTER TABLE farmorm.namespaces ALTER COLUMN schema_name TYPE integer USING length(schema_name);
SELECT * FROM calls();
ROLLBACK;
-- farmorm.operations.ns of another type (crashed 0.1.0)
BEGIN;
ALTER TABLE farmorm.operations ALTER COLUMN ns TYPE integer USING length(ns);
SELECT * FROM calls();
ROLLBACK;
-- op dropped and re-added with another type (crashed 0.1.0)
BEGIN;
ALTER TABLE farmorm.operations DROP COLUMN op;
ALTER TABLE farmorm.operations ADD COLUMN op integer;
SELECT * FROM calls();
ROLLBACK;
-- version widened to bigint and beyond 32 bits (0.1.0 read 4294967298 as 2)
BEGIN;
ALTER TABLE farmorm.operations ALTER COLUMN version TYPE bigint;
UPDATE farmorm.operations SET version = version + 4294967296 WHERE version = 2;
SELECT try($$SELECT farm_schema_version('x')$$);
ROLLBACK;
-- version as text (0.1.0 read the pointer as a number)
BEGIN;
ALTER TABLE farmorm.operations DROP CONSTRAINT operations_version_check;
ALTER TABLE farmorm.operations ALTER COLUMN version TYPE text;
SELECT try($$SELECT farm_schema_version('x')$$);
ROLLBACK;
-- internal_schemas.schema_name of another type (0.1.0: 42883 from the query)
BEGIN;
ALTER TABLE farmorm.internal_schemas ALTER COLUMN schema_name TYPE integer USING length(schema_name);
SELECT try($$SELECT farm_migrate('x')$$);
ROLLBACK;
-- renamed columns (0.1.0: 42703 from the query)
BEGIN;
ALTER TABLE farmorm.operations RENAME COLUMN op TO op_old;
SELECT try($$SELECT farm_schema('x')$$);
ROLLBACK;
BEGIN;
ALTER TABLE farmorm.namespaces RENAME COLUMN schema_name TO where_it_is;
SELECT try($$SELECT farm_applied_version('x')$$);
ROLLBACK;

-- NULLs where farmorm writes none
-- an operation's text (0.1.0 skipped the row: version 1 and a migrate
-- that forgot column b)
BEGIN;
ALTER TABLE farmorm.operations ALTER COLUMN op DROP NOT NULL;
UPDATE farmorm.operations SET op = NULL WHERE version = 2;
SELECT * FROM calls();
ROLLBACK;
-- a version (0.1.0 read it as 0)
BEGIN;
ALTER TABLE farmorm.operations DROP CONSTRAINT operations_pkey;
ALTER TABLE farmorm.operations ALTER COLUMN version DROP NOT NULL;
UPDATE farmorm.operations SET version = NULL WHERE version = 2;
SELECT try($$SELECT farm_schema_version('x')$$);
ROLLBACK;
-- a namespace (0.1.0 skipped the row)
BEGIN;
ALTER TABLE farmorm.operations DROP CONSTRAINT operations_pkey;
ALTER TABLE farmorm.operations ALTER COLUMN ns DROP NOT NULL;
INSERT INTO farmorm.operations VALUES (NULL, 1, '{}');
SELECT try($$SELECT farm_namespaces()$$);
SELECT try($$SELECT farm_migrate()$$);
ROLLBACK;
-- a recorded schema (0.1.0: applied version 0, then a failed re-record)
BEGIN;
ALTER TABLE farmorm.namespaces ALTER COLUMN schema_name DROP NOT NULL;
UPDATE farmorm.namespaces SET schema_name = NULL;
SELECT * FROM calls();
ROLLBACK;
-- two recorded schemas for one namespace (0.1.0 used whichever came first)
BEGIN;
ALTER TABLE farmorm.namespaces DROP CONSTRAINT namespaces_pkey;
INSERT INTO farmorm.namespaces VALUES ('x', 'public');
SELECT try($$SELECT farm_applied_version('x')$$);
SELECT try($$SELECT farm_migrate('x')$$);
ROLLBACK;
-- the applied version row: NULL (0.1.0 read it as 0 and tried to create
-- the tables again), twice (0.1.0 used whichever came first)
BEGIN;
ALTER TABLE t_damaged.fragno_db_settings ALTER COLUMN value DROP NOT NULL;
UPDATE t_damaged.fragno_db_settings SET value = NULL WHERE key = 'x.schema_version';
SELECT * FROM calls();
ROLLBACK;
BEGIN;
DROP INDEX t_damaged.unique_key;
INSERT INTO t_damaged.fragno_db_settings (id, key, value) VALUES ('c1', 'x.schema_version', '2');
SELECT try($$SELECT farm_applied_version('x')$$);
SELECT try($$SELECT farm_migrate('x')$$);
ROLLBACK;

-- stored versions: one strict parser (shared/registry.c), the same text as
-- on SQLite (tests/sqlite/versions.sql).  0.1.0 read '4294967297' as 1
-- while farm_namespaces() said 4294967297, '2147483648' as -2147483648,
-- and accepted ' 1', '+1' and '01'.
CREATE FUNCTION t_damaged.with_applied(v text) RETURNS TABLE (stored text, call text, result text)
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE t_damaged.fragno_db_settings SET value = v WHERE key = 'x.schema_version';
  RETURN QUERY SELECT v, c.call, c.result FROM t_damaged.calls() c
    WHERE c.call IN ($q$SELECT farm_applied_version('x')$q$, $q$SELECT farm_namespaces()$q$,
                     $q$SELECT farm_migrate('x')$q$);
END
$$;
BEGIN;
SELECT w.* FROM unnest(ARRAY['4294967297', '2147483648', ' 1', '1 ', '+1', '01', '', 'abc', '-1', '1.0'])
  AS v, with_applied(v) AS w;
ROLLBACK;
-- the internal schema's version too
BEGIN;
UPDATE t_damaged.fragno_db_settings SET value = '02' WHERE key = '.schema_version';
SELECT try($$SELECT farm_migrate('x')$$);
ROLLBACK;
-- the largest accepted value reads the same everywhere
BEGIN;
UPDATE t_damaged.fragno_db_settings SET value = '2147483647' WHERE key = 'x.schema_version';
SELECT try($$SELECT farm_applied_version('x')$$);
SELECT try($$SELECT farm_namespaces()$$);
ROLLBACK;
\pset format aligned
\pset footer on

-- nothing of the above left a trace
SELECT farm_namespaces();
SELECT farm_migrate('x');
SELECT farm_schema('x');

SET client_min_messages = warning;
DROP SCHEMA t_damaged CASCADE;
DROP EXTENSION farmorm CASCADE;
