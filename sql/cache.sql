-- cache: a backend remembers the schema it replayed for a namespace, so a
-- script of many writes does not replay the whole log each time; it must
-- never trust it once the stored log differs (rollback, another session).
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_cache CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_cache;
SET search_path = t_cache, public;
\pset format unaligned

SELECT farm_add_table('ns', '{"name":"a"}') = 1 AS v1;
-- a write rolled back by the caller
BEGIN;
SELECT farm_add_table('ns', '{"name":"b"}') = 2 AS v2_in_tx;
ROLLBACK;
SELECT farm_schema_version('ns') = 1 AS after_rollback;
SELECT farm_add_table('ns', '{"name":"b"}') = 2 AS b_is_new_again;
SELECT farm_schema('ns');
-- rolled back, and another writer put a different operation at that version
BEGIN;
SELECT farm_add_table('ns', '{"name":"c"}') = 3 AS v3_in_tx;
ROLLBACK;
INSERT INTO farmorm.operations (ns, version, op)
VALUES ('ns', 3, '{"op":"add-table","table":{"name":"d","columns":[],"indexes":[]}}');
SELECT farm_add_column('ns', 'd', '{"name":"x","type":"string","nullable":true}') = 4 AS sees_d;
SELECT farm_add_column('ns', 'c', '{"name":"x","type":"string","nullable":true}');
-- several namespaces in turn
SELECT farm_add_table('other', '{"name":"a"}') = 1 AS other_1;
SELECT farm_add_table('ns', '{"name":"e"}') = 5 AS ns_5;
SELECT farm_namespaces();
