-- add_column.sql: farm_add_column(ns, table, column_json), one alter-table
-- operation.  A column added to an existing table must be nullable or have
-- a "value" or "now" database default; its table must exist; the column
-- rules of add_table.sql apply.

select 'setup', farm_add_table('app', '{"name":"item","columns":[{"name":"title","type":"string"}]}') = 1;
select 'setup-2', farm_add_table('app', '{"name":"box"}') = 2;
select 'migrate', farm_migrate('app') = 2;
insert into item_app (id, title) values ('i1', 'one'), ('i2', 'two');

select 'nullable', farm_add_column('app', 'item', '{"name":"note","type":"string","nullable":true}') = 3;
select 'value-default', farm_add_column('app', 'item', '{"name":"qty","type":"integer","default":{"value":1}}') = 4;
select 'string-default', farm_add_column('app', 'item', '{"name":"state","type":"varchar(16)","default":{"value":"new"}}') = 5;
select 'bool-default', farm_add_column('app', 'item', '{"name":"done","type":"bool","default":{"value":false}}') = 6;
select 'now-default', farm_add_column('app', 'item', '{"name":"addedAt","type":"timestamp","default":{"dbSpecial":"now"}}') = 7;
select 'reference', farm_add_column('app', 'item', '{"name":"boxId","type":"reference","references":"box","nullable":true}') = 8;
select 'self-reference', farm_add_column('app', 'item', '{"name":"parentId","type":"reference","references":"ITEM","nullable":true}') = 9;
select 'table-case', farm_add_column('app', 'ITEM', '{"name":"extra","type":"json","nullable":true}') = 10;
select 'op-text', (select value from fragno_db_settings where key = 'app.farm_op.0000000010') =
	'{"op":"alter-table","table":"item","addColumns":[{"name":"extra","type":"json","nullable":true}]}';
select 'canonical-ref', json_extract(farm_schema('app'), '$.tables[0].columns[7].references') = 'item';
select 'migrate-2', farm_migrate('app') = 10;
-- physical order: id, initial columns, _internalId, _version, added columns
select 'column-order', (select group_concat(name, ',') from pragma_table_info('item_app')) =
	'id,title,_internalId,_version,note,qty,state,done,addedAt,boxId,parentId,extra';
select 'rows-kept', (select group_concat(id || ':' || title || ':' || ifnull(note, 'null') || ':' || qty || ':' || state || ':' || done, ',')
	from item_app) = 'i1:one:null:1:new:0,i2:two:null:1:new:0';
select 'rows-now', (select count(*) from item_app where addedAt is not null) = 2;
select 'added-fk', (select count(*) from pragma_foreign_key_list('item_app')) = 2;

.read snap.sql
-- NOT NULL without a database default: refused (it fails on tables with rows)
select farm_add_column('app', 'item', '{"name":"a","type":"string"}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"a","type":"string","nullable":false}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"a","type":"string","default":{"runtime":"cuid"}}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"a","type":"timestamp","default":{"runtime":"now"}}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"a","type":"reference","references":"box"}');
.read same.sql
-- the table must exist (case-insensitively found, but not in another namespace)
select farm_add_column('app', 'nope', '{"name":"a","type":"string","nullable":true}');
.read same.sql
select farm_add_column('other', 'item', '{"name":"a","type":"string","nullable":true}');
.read same.sql
-- duplicates and reserved names, case-insensitively
select farm_add_column('app', 'item', '{"name":"TITLE","type":"string","nullable":true}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"Note","type":"integer","nullable":true}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"ID","type":"string","nullable":true}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"_internalid","type":"integer","nullable":true}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"_VERSION","type":"integer","nullable":true}');
.read same.sql
-- column rules
select farm_add_column('app', 'item', '{"name":"a","type":"varchar(0)","nullable":true}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"a","type":"integer","default":{"value":"1"}}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"a","type":"string","default":{"dbSpecial":"now"}}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"a","type":"reference","references":"nope","nullable":true}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"a","type":"string","nullable":true,"unique":true}');
.read same.sql
select farm_add_column('app', 'item', '{"name":"' || printf('%.*c', 64, 'a') || '","type":"string","nullable":true}');
.read same.sql
-- the definition is one column object
select farm_add_column('app', 'item', '[{"name":"a","type":"string","nullable":true}]');
.read same.sql
select farm_add_column('app', 'item', '{"name":"a","type":"string","nullable":true} x');
.read same.sql
select farm_add_column('app', 'item', '');
.read same.sql
-- the table argument
select farm_add_column('app', '', '{"name":"a","type":"string","nullable":true}');
.read same.sql
select farm_add_column('app', printf('%.*c', 64, 't'), '{"name":"a","type":"string","nullable":true}');
.read same.sql
select farm_add_column('app', 'it' || char(10) || 'em', '{"name":"a","type":"string","nullable":true}');
.read same.sql
select farm_add_column('app', CAST(X'6974656D00' AS TEXT), '{"name":"a","type":"string","nullable":true}');
.read same.sql
select farm_add_column('app', CAST(X'69FF' AS TEXT), '{"name":"a","type":"string","nullable":true}');
.read same.sql

-- numbers beyond 64 bits in an added column's default (a decimal written
-- as a JSON integer, a json default): the column is created, with exactly
-- that default (the migration once recorded the version and created nothing)
select 'big-t', farm_add_table('big', '{"name":"t"}') = 1 and farm_migrate('big') = 1;
select 'big-d', farm_add_column('big', 't', '{"name":"d","type":"decimal","nullable":true,"default":{"value":100000000000000000000}}') = 2;
select 'big-j', farm_add_column('big', 't', '{"name":"j","type":"json","nullable":true,"default":{"value":[123456789012345678901234567890]}}') = 3;
select 'big-sql', farm_generate_sql('big') like '%ADD COLUMN "d" REAL DEFAULT 100000000000000000000;%ADD COLUMN "j" JSONB DEFAULT ''[123456789012345678901234567890]'';%';
select 'big-migrate', farm_migrate('big') = 3;
select 'big-columns', (select group_concat(name || '=' || dflt_value, ',') from pragma_table_info('t_big') where name in ('d', 'j'))
	= 'd=100000000000000000000,j=''[123456789012345678901234567890]''';
