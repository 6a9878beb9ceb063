-- cache.sql: a connection remembers the schema it replayed for a namespace
-- (so a script of many writes does not replay the whole log each time), and
-- must never trust it once the stored log differs: after a rollback, after
-- another connection's writes.

select 'v1', farm_add_table('ns', '{"name":"a"}') = 1;

-- a write rolled back by the caller: the remembered schema holds "b", the
-- file does not
begin;
select 'v2-in-tx', farm_add_table('ns', '{"name":"b"}') = 2;
rollback;
select 'after-rollback', farm_schema_version('ns') = 1;
select 'b-is-new-again', farm_add_table('ns', '{"name":"b"}') = 2;
select 'schema-a-b', farm_schema('ns') = '{"tables":[{"name":"a","columns":[],"indexes":[]},{"name":"b","columns":[],"indexes":[]}]}';

-- rolled back, then a different operation at the same version
begin;
select 'v3-in-tx', farm_add_table('ns', '{"name":"c"}') = 3;
rollback;
select 'd-at-v3', farm_add_table('ns', '{"name":"d"}') = 3;
select 'c-unknown', farm_add_column('ns', 'c', '{"name":"x","type":"string","nullable":true}');

-- another writer (here: a row written behind the connection's back, as a
-- second process would) moves the log on: the next call sees it
insert into fragno_db_settings (id, key, value) values ('x1', 'ns.farm_op.0000000004',
  '{"op":"add-table","table":{"name":"e","columns":[],"indexes":[]}}');
select 'sees-e', farm_add_column('ns', 'e', '{"name":"x","type":"string","nullable":true}') = 5;
select 'e-dup', farm_add_table('ns', '{"name":"e"}');

-- rolled back here, and another writer put a different operation at that
-- version: same length of log, other content
begin;
select 'v7-in-tx', farm_add_table('ns', '{"name":"g"}') = 6;
rollback;
insert into fragno_db_settings (id, key, value) values ('x2', 'ns.farm_op.0000000006',
  '{"op":"add-table","table":{"name":"h","columns":[],"indexes":[]}}');
select 'sees-h', farm_add_column('ns', 'h', '{"name":"x","type":"string","nullable":true}') = 7;
select 'g-unknown', farm_add_column('ns', 'g', '{"name":"x","type":"string","nullable":true}');

-- several namespaces in turn
select 'other-1', farm_add_table('other', '{"name":"a"}') = 1;
select 'ns-8', farm_add_table('ns', '{"name":"f"}') = 8;
select 'other-2', farm_add_table('other', '{"name":"b"}') = 2;
select 'final', farm_namespaces() = '[{"namespace":"ns","version":8,"applied":0},{"namespace":"other","version":2,"applied":0}]';
