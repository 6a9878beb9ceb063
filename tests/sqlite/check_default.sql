-- check_default.sql: farm_check in the default (seed-compatible) SQLite
-- storage mode, whose declared types and defaults differ from the prisma
-- mode's (epoch-ms INTEGER timestamps, BLOB bigints): exact after migrate,
-- and a hand change is named.
select 'storage', farm_set_sqlite_storage('default') = 'default';
select 'register', farm_register('d', '{"tables":[{"name":"all","columns":[
	{"name":"s","type":"string","default":{"value":"x"}},
	{"name":"i","type":"integer","default":{"value":-1}},
	{"name":"b","type":"bigint","default":{"value":5}},
	{"name":"dec","type":"decimal","default":{"value":1.50}},
	{"name":"ok","type":"bool","default":{"value":true}},
	{"name":"d","type":"date","default":{"dbSpecial":"now"}},
	{"name":"ts","type":"timestamp","default":{"dbSpecial":"now"}},
	{"name":"j","type":"json","default":{"value":{"a":[1,"b"]}}},
	{"name":"bin","type":"binary","nullable":true},
	{"name":"r","type":"reference","references":"all","nullable":true}]}]}') = 1;
select 'migrate', farm_migrate('d') = 1;
select 'exact', farm_check('d') = '{"namespace":"d","applied":1,"version":1,"differences":[]}';
select group_concat(name || ' ' || type || ' ' || ifnull(dflt_value, '-'), char(10)) from pragma_table_info('all_d');
begin;
alter table "all_d" drop column "b";
alter table "all_d" add column "b" BIGINT NOT NULL DEFAULT 5;
select value from json_each(farm_check('d'), '$.differences');
rollback;
