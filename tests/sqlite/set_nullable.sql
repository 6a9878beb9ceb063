-- set_nullable.sql: farm_set_nullable(ns, table, column, bool), one
-- alter-table operation; setting the current value appends nothing.  The
-- SQLite side of the change (a table rebuild) is in rebuild.sql.

select 'setup', farm_add_table('app', '{"name":"item","columns":[{"name":"title","type":"string"},
	{"name":"note","type":"string","nullable":true}]}') = 1;
.read snap.sql
-- the current value: nothing appended, nothing changed
select 'same-false', farm_set_nullable('app', 'item', 'title', 0) = 1;
select 'same-true', farm_set_nullable('app', 'item', 'note', true) = 1;
select 'same-case', farm_set_nullable('app', 'ITEM', 'Note', 1) = 1;
.read same.sql
select 'to-null', farm_set_nullable('app', 'item', 'title', 1) = 2;
select 'op-text', (select value from fragno_db_settings where key = 'app.farm_op.0000000002') =
	'{"op":"alter-table","table":"item","setNullable":[{"column":"title","nullable":true}]}';
select 'to-not-null', farm_set_nullable('app', 'Item', 'NOTE', false) = 3;
-- the stored operation names table and column as declared
select 'op-declared', (select value from fragno_db_settings where key = 'app.farm_op.0000000003') =
	'{"op":"alter-table","table":"item","setNullable":[{"column":"note","nullable":false}]}';
select 'schema', json_extract(farm_schema('app'), '$.tables[0].columns') =
	'[{"name":"title","type":"string","nullable":true},{"name":"note","type":"string"}]';
select 'back', farm_set_nullable('app', 'item', 'title', 0) = 4;
select 'again-noop', farm_set_nullable('app', 'item', 'title', 0) = 4;
-- a column added later can change too
select 'added', farm_add_column('app', 'item', '{"name":"extra","type":"integer","nullable":true}') = 5;
select 'added-not-null', farm_set_nullable('app', 'item', 'extra', 0) = 6;

.read snap.sql
-- system columns never change
select farm_set_nullable('app', 'item', 'id', 1);
.read same.sql
select farm_set_nullable('app', 'item', '_internalId', 1);
.read same.sql
select farm_set_nullable('app', 'item', '_VERSION', 1);
.read same.sql
-- unknown table / column / namespace
select farm_set_nullable('app', 'item', 'nope', 1);
.read same.sql
select farm_set_nullable('app', 'nope', 'title', 1);
.read same.sql
select farm_set_nullable('nope', 'item', 'title', 1);
.read same.sql
-- the flag is exactly 0/1 (SQLite's false/true), nothing else
select farm_set_nullable('app', 'item', 'title', 2);
.read same.sql
select farm_set_nullable('app', 'item', 'title', -1);
.read same.sql
select farm_set_nullable('app', 'item', 'title', 1.0);
.read same.sql
select farm_set_nullable('app', 'item', 'title', '1');
.read same.sql
select farm_set_nullable('app', 'item', 'title', 'true');
.read same.sql
select farm_set_nullable('app', 'item', 'title', X'01');
.read same.sql
select farm_set_nullable('app', 'item', 'title', NULL);
.read same.sql
-- names given as arguments
select farm_set_nullable('app', 'item', '', 1);
.read same.sql
select farm_set_nullable('app', 'item', printf('%.*c', 64, 'c'), 1);
.read same.sql
select farm_set_nullable('app', 'item', 'ti' || char(0) || 'tle', 1);
.read same.sql
select farm_set_nullable('app', 'item', CAST(X'7469746C6500' AS TEXT), 1);
.read same.sql
select farm_set_nullable('app', 'item', CAST(X'C0AF' AS TEXT), 1);
.read same.sql
select farm_set_nullable('app', 'item', 'a' || char(127), 1);
.read same.sql
