-- gate: registration is the gate (SPEC section 2).  Every write is refused,
-- with the SQLite binding's text (tests/sqlite/gate.sql) and a stable
-- SQLSTATE, when what it adds would fail later on either host or in Prisma;
-- the registry is then unchanged.  Each rule first shows the failure it
-- prevents where PostgreSQL has one.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_gate CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_gate;
SET search_path = t_gate, public;

CREATE FUNCTION t_gate.try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;
CREATE FUNCTION t_gate.registry() RETURNS text LANGUAGE sql AS $$
  SELECT coalesce(md5(string_agg(ns || '/' || version || '/' || op, ',' ORDER BY ns, version)), '-')
  FROM farmorm.operations
$$;
CREATE TABLE t_gate.before (r text);

SELECT farm_register('app', '{"tables":[
  {"name":"t","columns":[{"name":"a","type":"string"},{"name":"j","type":"json","nullable":true}]}]}');
SELECT farm_migrate('app');
INSERT INTO t_gate.before SELECT t_gate.registry();

-- 5. PostgreSQL's system columns
SELECT t_gate.try($q$CREATE TABLE t_gate.demo ("xmin" text)$q$);
SELECT t_gate.try($q$SELECT farm_add_table('app', '{"name":"u","columns":[{"name":"xmin","type":"string"}]}')$q$);
SELECT t_gate.try($q$SELECT farm_add_column('app', 't', '{"name":"ctid","type":"string","nullable":true}')$q$);
SELECT t_gate.try($q$SELECT farm_register('app', '{"tables":[{"name":"t","columns":[{"name":"a","type":"string"},{"name":"j","type":"json","nullable":true},{"name":"tableoid","type":"integer","nullable":true}]}]}')$q$);
-- SQLite's reserved prefix, names Prisma's SQLite engine skips or cannot describe
SELECT t_gate.try($q$SELECT farm_add_table('app', '{"name":"sqlite"}')$q$);
SELECT t_gate.try($q$SELECT farm_add_index('app', 't', '{"name":"SQLite","columns":["a"]}')$q$);
SELECT t_gate.try($q$SELECT farm_add_table('app', '{"name":"_cf_KV"}')$q$);
SELECT t_gate.try($q$SELECT farm_add_table('app', '{"name":"_cf_K"}')$q$);
SELECT t_gate.try($q$SELECT farm_add_table('migrations', '{"name":"d1"}')$q$);
SELECT t_gate.try($q$SELECT farm_add_table('app', '{"name":"a\"b"}')$q$);
-- 6. json columns cannot be indexed
SELECT t_gate.try($q$CREATE INDEX demo_j ON t_gate."t_app" ("j")$q$);
SELECT t_gate.try($q$SELECT farm_add_index('app', 't', '{"name":"ij","columns":["a","j"]}')$q$);
SELECT (SELECT r FROM t_gate.before) = t_gate.registry() AS unchanged;

-- 7. PostgreSQL's own name for the _internalId sequence of a 48+ byte table
SELECT farm_add_table('seq', '{"name":"abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh","columns":[{"name":"x","type":"string"}]}');
SELECT farm_migrate('seq');
SELECT pg_get_serial_sequence('t_gate."abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh_seq"', '_internalId');
SELECT t_gate.try($q$CREATE INDEX "abcdefghijabcdefghijabcdefghijabcdefghijabcdefg__internalId_seq" ON t_gate."abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh_seq" ("x")$q$);
UPDATE t_gate.before SET r = t_gate.registry();
SELECT t_gate.try($q$SELECT farm_add_index('seq', 'abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh', '{"name":"abcdefghijabcdefghijabcdefghijabcdefghijabcdefg__internalId","columns":["x"]}')$q$);

-- 3. constraint names: one model's keys, indexes and foreign keys; MySQL's
-- database-wide foreign keys
SELECT t_gate.try($q$SELECT farm_add_table('fkey', '{"name":"t","columns":[{"name":"c","type":"reference","references":"t","nullable":true}],"indexes":[{"name":"t_fkey_c","columns":["c"]}]}')$q$);
SELECT (SELECT r FROM t_gate.before) = t_gate.registry() AS unchanged;
SELECT farm_add_table('n', '{"name":"p","columns":[{"name":"q_m_r","type":"reference","references":"p","nullable":true}]}');
UPDATE t_gate.before SET r = t_gate.registry();
SELECT t_gate.try($q$SELECT farm_add_table('m', '{"name":"p_n_q","columns":[{"name":"r","type":"reference","references":"p_n_q","nullable":true}]}')$q$);

-- 9. physical names of every namespace in the database, case-insensitively
SELECT farm_add_table('c', '{"name":"a_b"}');
UPDATE t_gate.before SET r = t_gate.registry();
SELECT t_gate.try($q$SELECT farm_add_table('b_c', '{"name":"a"}')$q$);
SELECT t_gate.try($q$SELECT farm_add_table('b_c', '{"name":"A"}')$q$);
SELECT t_gate.try($q$SELECT farm_add_table('pkey', '{"name":"z","columns":[{"name":"x","type":"string"}],"indexes":[{"name":"a_b_c","columns":["x"]}]}')$q$);
-- 2. Prisma model names end in "_<namespace>" with "-" as "_", any case
SELECT farm_add_table('x-y', '{"name":"t"}');
UPDATE t_gate.before SET r = t_gate.registry();
SELECT t_gate.try($q$SELECT farm_add_table('x_y', '{"name":"u"}')$q$);
SELECT t_gate.try($q$SELECT farm_register('X_Y', '{"tables":[{"name":"w"}]}')$q$);
SELECT (SELECT r FROM t_gate.before) = t_gate.registry() AS unchanged;

-- 8. exact defaults
SELECT farm_add_table('d', '{"name":"t","columns":[
  {"name":"a","type":"decimal","default":{"value":12345678901234567890.5}},
  {"name":"b","type":"decimal","default":{"value":123456789012345678901234}},
  {"name":"j","type":"json","default":{"value":{"x":0.30000000000000009}}}]}');
SELECT farm_schema('d');
SELECT farm_register('d', farm_schema('d'));
SELECT farm_migrate('d');
SELECT column_name, column_default FROM information_schema.columns
 WHERE table_schema = 't_gate' AND table_name = 't_d' AND column_name IN ('a', 'b', 'j') ORDER BY column_name;
INSERT INTO t_gate.t_d (id) VALUES ('x');
SELECT a, b, j FROM t_gate.t_d;
-- a column added later with such a default is planned and created too
SELECT farm_add_column('d', 't', '{"name":"w","type":"decimal","nullable":true,"default":{"value":99999999999999999999999999999999999}}');
SELECT farm_migrate('d');
SELECT column_default FROM information_schema.columns
 WHERE table_schema = 't_gate' AND table_name = 't_d' AND column_name = 'w';
SELECT farm_check('d');
SELECT t_gate.try($q$SELECT farm_add_column('d', 't', '{"name":"i","type":"bigint","default":{"value":99999999999999999999}}')$q$);

SET client_min_messages = warning;
DROP SCHEMA t_gate CASCADE;
DROP EXTENSION farmorm CASCADE;
RESET client_min_messages;
