-- check: farm_check(ns) compares the catalog (pg_catalog, read with a
-- pinned search_path) with the tables of the namespace's applied version
-- (before its first migrate: the registered version) plus the internal
-- tables, and names every difference.  Each hand change runs in a
-- transaction that is rolled back.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_check CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_check;
SET search_path = t_check, public;
CREATE FUNCTION t_check.diffs(ns text) RETURNS SETOF text LANGUAGE sql AS $$
  SELECT concat_ws('|', d->>'kind', d->>'problem', coalesce(d->>'expected', '-'),
                   coalesce(d->>'found', '-'), d->>'message')
  FROM jsonb_array_elements((farm_check(ns)::jsonb)->'differences') AS d
$$;

SELECT farm_register('c', '{"tables":[{"name":"t","columns":[
  {"name":"a","type":"string"},
  {"name":"n","type":"integer","default":{"value":-1}},
  {"name":"r","type":"reference","references":"t","nullable":true},
  {"name":"s","type":"varchar(20)","default":{"value":"it''s \\ ok"}},
  {"name":"at","type":"timestamp","default":{"dbSpecial":"now"}},
  {"name":"j","type":"json","default":{"value":{"k":[1,2]}}},
  {"name":"m","type":"decimal","default":{"value":1.50}},
  {"name":"f","type":"bool","default":{"value":false}}],
  "indexes":[{"name":"idx_n","columns":["n"]}]}]}');
-- before the first migrate: what farm_migrate would create is missing
SELECT farm_check('c');
SELECT farm_migrate('c');
SELECT farm_check('c');
-- a hostile search_path changes nothing
CREATE TABLE t_check.pg_class (x int);
SET search_path = t_check, pg_catalog, public;
SELECT farm_check('c');
SET search_path = t_check, public;
DROP TABLE t_check.pg_class;

-- dropped column, extra column
BEGIN;
ALTER TABLE "t_c" DROP COLUMN a, ADD COLUMN x text;
SELECT t_check.diffs('c');
ROLLBACK;
-- changed type, nullability, default (changed and dropped)
BEGIN;
ALTER TABLE "t_c" ALTER COLUMN n TYPE bigint, ALTER COLUMN a DROP NOT NULL,
  ALTER COLUMN s SET DEFAULT 'other', ALTER COLUMN at DROP DEFAULT,
  ALTER COLUMN m SET DEFAULT 2;
SELECT t_check.diffs('c');
ROLLBACK;
-- dropped index, extra index, changed index
BEGIN;
DROP INDEX "idx_n_c";
CREATE INDEX by_hand ON "t_c" (a);
SELECT t_check.diffs('c');
ROLLBACK;
BEGIN;
DROP INDEX "idx_n_c";
CREATE UNIQUE INDEX "idx_n_c" ON "t_c" (n, a) WHERE n > 0;
SELECT t_check.diffs('c');
ROLLBACK;
-- changed foreign key actions, a renamed one, a missing one, an extra one
BEGIN;
ALTER TABLE "t_c" DROP CONSTRAINT "t_c_r_fkey",
  ADD CONSTRAINT "t_c_r_fkey" FOREIGN KEY (r) REFERENCES "t_c" ("_internalId") ON DELETE CASCADE ON UPDATE NO ACTION;
SELECT t_check.diffs('c');
ROLLBACK;
BEGIN;
ALTER TABLE "t_c" RENAME CONSTRAINT "t_c_r_fkey" TO by_hand_fkey;
SELECT t_check.diffs('c');
ROLLBACK;
BEGIN;
ALTER TABLE "t_c" DROP CONSTRAINT "t_c_r_fkey",
  ADD CONSTRAINT extra_fkey FOREIGN KEY (n) REFERENCES "t_c" ("_internalId");
SELECT t_check.diffs('c');
ROLLBACK;
-- the primary key renamed
BEGIN;
ALTER TABLE "t_c" RENAME CONSTRAINT "t_c_pkey" TO other_pkey;
SELECT t_check.diffs('c');
ROLLBACK;
-- missing table, extra table of the namespace ("<table>_c"), someone
-- else's table (not compared)
BEGIN;
DROP TABLE "t_c";
CREATE TABLE "other_c" (x int);
CREATE TABLE mine (x int);
SELECT t_check.diffs('c');
ROLLBACK;
-- the internal tables too
BEGIN;
ALTER TABLE fragno_hooks ALTER COLUMN attempts SET DEFAULT 1;
SELECT t_check.diffs('c');
ROLLBACK;
SELECT farm_check('c');

-- the applied version is compared, not a pending one
SELECT farm_add_column('c', 't', '{"name":"later","type":"bool","nullable":true}');
SELECT farm_check('c');
SELECT farm_migrate('c');
SELECT farm_check('c');

-- a namespace in another schema is read there
CREATE SCHEMA t_check2;
SELECT farm_register('c2', '{"tables":[{"name":"u","columns":[{"name":"ref","type":"reference","references":"u"}]}]}');
SET search_path = t_check2, public;
SELECT farm_migrate('c2');
SET search_path = t_check, public;
SELECT farm_check('c2');

-- bad arguments
SELECT farm_check(NULL);
SELECT farm_check('no such');
SELECT farm_check('unknown');
-- readable in a read-only transaction
BEGIN READ ONLY;
SELECT farm_check('c') = '{"namespace":"c","applied":2,"version":2,"differences":[]}' AS readonly_ok;
ROLLBACK;
