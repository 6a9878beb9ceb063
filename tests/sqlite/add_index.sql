-- add_index.sql: farm_add_index(ns, table, index_json), one alter-table
-- operation.  Index names are unique case-insensitively in the namespace,
-- columns must exist in the table, at most 32 of them, none twice.

select 'setup', farm_register('app', '{"tables":[
  {"name":"item","columns":[{"name":"title","type":"string"},{"name":"code","type":"string"},
    {"name":"n","type":"integer","nullable":true}],
   "indexes":[{"name":"idx_item_title","columns":["title"]}]},
  {"name":"tag","columns":[{"name":"label","type":"string"}]}]}') = 2;
select 'migrate', farm_migrate('app') = 2;
insert into item_app (id, title, code) values ('i1', 'a', 'x'), ('i2', 'b', 'y');

select 'plain', farm_add_index('app', 'item', '{"name":"idx_item_n","columns":["n"]}') = 3;
select 'unique', farm_add_index('app', 'item', '{"name":"uidx_item_code","columns":["CODE"],"unique":true}') = 4;
select 'multi', farm_add_index('app', 'ITEM', '{"name":"idx_item_multi","columns":["n","title","code"],"unique":false}') = 5;
select 'other-table', farm_add_index('app', 'tag', '{"name":"idx_tag_label","columns":["label"]}') = 6;
-- index names are per namespace: another namespace may reuse one
select 'other-ns', farm_add_table('other', '{"name":"item","columns":[{"name":"n","type":"integer"}],"indexes":[{"name":"idx_item_n","columns":["n"]}]}') = 1;
select 'op-text', (select value from fragno_db_settings where key = 'app.farm_op.0000000004') =
	'{"op":"alter-table","table":"item","addIndexes":[{"name":"uidx_item_code","columns":["code"],"unique":true}]}';
select 'migrate-2', farm_migrate('app') = 6;
select 'physical', (select group_concat(name || '=' || "unique", ',') from (select name, "unique" from pragma_index_list('item_app') order by name)) =
	'idx_item_multi_app=0,idx_item_n_app=0,idx_item_title_app=0,item_app_id_key=1,uidx_item_code_app=1';
select 'multi-columns', (select group_concat(name, ',') from pragma_index_info('idx_item_multi_app')) = 'n,title,code';
select 'unique-enforced', (select count(*) from item_app) = 2;
.read snap.sql
insert into item_app (id, title, code) values ('i3', 'c', 'x');
.read same.sql

-- errors
select farm_add_index('app', 'item', '{"name":"IDX_ITEM_N","columns":["title"]}');
.read same.sql
select farm_add_index('app', 'tag', '{"name":"idx_item_title","columns":["label"]}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"x","columns":["label"]}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"x","columns":["id"]}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"x","columns":["_internalId"]}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"x","columns":["n","N"]}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"x","columns":[]}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"x"}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"x","columns":[null]}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"x","columns":["n"],"unique":null}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"x","columns":["n"],"type":"btree"}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"sqlite_x","columns":["n"]}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"","columns":["n"]}');
.read same.sql
select farm_add_index('app', 'item', '{"name":"a\u001fb","columns":["n"]}');
.read same.sql
select farm_add_index('app', 'item', '{"columns":["n"]}');
.read same.sql
select farm_add_index('app', 'item', '["n"]');
.read same.sql
select farm_add_index('app', 'item', '{"name":"x","columns":["n"]');
.read same.sql
select farm_add_index('app', 'nope', '{"name":"x","columns":["n"]}');
.read same.sql
select farm_add_index('nope', 'item', '{"name":"x","columns":["n"]}');
.read same.sql
-- a unique index that the rows violate: registered, but the migration fails cleanly
select 'register-unique', farm_add_index('app', 'item', '{"name":"uidx_item_n","columns":["n"],"unique":true}') = 7;
update item_app set n = 1;
.read snap.sql
select farm_migrate('app');
.read same.sql
select 'still-6', farm_applied_version('app') = 6;
update item_app set n = _internalId;
select 'then-works', farm_migrate('app') = 7;
