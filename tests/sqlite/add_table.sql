-- add_table.sql: farm_add_table(ns, table_json), one add-table operation,
-- and every validation rule of SPEC section 2 that a table definition can
-- break.  After each error the database is unchanged.

select 'add', farm_add_table('app', '{"name":"user","columns":[
  {"name":"email","type":"varchar(320)"},
  {"name":"s","type":"string","default":{"value":"it''s \"quoted\""}},
  {"name":"v1","type":"varchar(1)","nullable":true},
  {"name":"vmax","type":"varchar(10485760)","nullable":true},
  {"name":"i","type":"integer","default":{"value":-2147483648}},
  {"name":"i2","type":"integer","default":{"value":2147483647}},
  {"name":"b","type":"bigint","default":{"value":9007199254740993}},
  {"name":"d","type":"decimal","default":{"value":1.25}},
  {"name":"d2","type":"decimal","default":{"value":3}},
  {"name":"flag","type":"bool","default":{"value":false}},
  {"name":"born","type":"date","nullable":true,"default":{"dbSpecial":"now"}},
  {"name":"seen","type":"timestamp","default":{"runtime":"now"}},
  {"name":"token","type":"string","default":{"runtime":"cuid"}},
  {"name":"meta","type":"json","default":{"value":{"z":1,"a":[true,null,"x"]}}},
  {"name":"jstr","type":"json","default":{"value":"text"}},
  {"name":"raw","type":"binary","nullable":true},
  {"name":"bossId","type":"reference","references":"USER","nullable":true},
  {"name":"Ünïcødé ñame","type":"string","nullable":true}],
  "indexes":[{"name":"uidx_user_email","columns":["EMAIL"],"unique":true},
             {"name":"idx_user_multi","columns":["flag","i","b"]}]}') = 1;
select 'add-second', farm_add_table('app', '{"name":"session","columns":[{"name":"userId","type":"reference","references":"user"}]}') = 2;
select 'minimal', farm_add_table('app', '{"name":"empty"}') = 3;
-- canonical form: declared spelling of columns and referenced tables, keys in a fixed order
select 'canonical-ref', json_extract(farm_schema('app'), '$.tables[0].columns[16].references') = 'user';
select 'canonical-idx', json_extract(farm_schema('app'), '$.tables[0].indexes[0].columns[0]') = 'email';
select 'canonical-json-default', json_extract(farm_schema('app'), '$.tables[0].columns[13]') =
	'{"name":"meta","type":"json","default":{"value":{"a":[true,null,"x"],"z":1}}}';
select 'canonical-big-int', json_extract(farm_schema('app'), '$.tables[0].columns[6].default.value') = 9007199254740993;
select 'canonical-minimal', json_extract(farm_schema('app'), '$.tables[2]') = '{"name":"empty","columns":[],"indexes":[]}';
select 'migrate', farm_migrate('app') = 3;
select 'unicode-column', (select count(*) from pragma_table_info('user_app') where name = 'Ünïcødé ñame') = 1;
insert into user_app (id, email, seen, token) values ('u1', 'a@b', 0, 't');
select 'defaults', (select s || '|' || i || '|' || i2 || '|' || b || '|' || d || '|' || d2 || '|' || flag || '|' || meta || '|' || jstr
	from user_app) = 'it''s "quoted"|-2147483648|2147483647|9007199254740993|1.25|3.0|0|{"a":[true,null,"x"],"z":1}|"text"';
select 'born-now', (select born is not null from user_app);

.read snap.sql
-- the definition itself
select farm_add_table('app', '[]');
.read same.sql
select farm_add_table('app', '"user"');
.read same.sql
select farm_add_table('app', '{}');
.read same.sql
select farm_add_table('app', '{"name":7}');
.read same.sql
select farm_add_table('app', '{"name":"x","colums":[]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":{}}');
.read same.sql
select farm_add_table('app', '{"name":"x","indexes":{}}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[7]}');
.read same.sql
select farm_add_table('app', '{"name":"x","indexes":[7]}');
.read same.sql
select farm_add_table('app', '{"name":"x","name":"y"}');
.read same.sql
-- table names
select farm_add_table('app', '{"name":""}');
.read same.sql
select farm_add_table('app', '{"name":"' || printf('%.*c', 64, 'x') || '"}');
.read same.sql
select 'name-63', farm_add_table('other', '{"name":"' || printf('%.*c', 63, 'x') || '"}') = 1;
.read snap.sql
-- 63 bytes of UTF-8 are fine, 64 are not, whatever the character count
select farm_add_table('app', '{"name":"' || printf('%.*c', 62, 'x') || 'é"}');
.read same.sql
select farm_add_table('app', '{"name":"tab\there"}');
.read same.sql
select farm_add_table('app', '{"name":"new\nline"}');
.read same.sql
select farm_add_table('app', '{"name":"del\u007f"}');
.read same.sql
select farm_add_table('app', '{"name":"c1\u009b"}');
.read same.sql
select farm_add_table('app', '{"name":"nul\u0000"}');
.read same.sql
select farm_add_table('app', '{"name":"sqlite_stat1"}');
.read same.sql
select farm_add_table('app', '{"name":"USER"}');
.read same.sql
select farm_add_table('app', '{"name":"Session"}');
.read same.sql
-- column definitions
select farm_add_table('app', '{"name":"x","columns":[{"type":"string"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","size":3}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"text"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"STRING"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":["string"]}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"varchar(0)"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"varchar(10485761)"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"varchar(99999999999999999999)"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"varchar(-1)"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"varchar(010)"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"varchar( 10)"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"varchar(10) "}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"varchar"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","nullable":"true"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","nullable":1}]}');
.read same.sql
-- column names: reserved (case-insensitively), duplicates (case-insensitively), length, bytes
select farm_add_table('app', '{"name":"x","columns":[{"name":"id","type":"string"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"Id","type":"string"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"_internalId","type":"integer"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"_INTERNALID","type":"integer"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"_version","type":"integer"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"_Version","type":"integer"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"},{"name":"A","type":"integer"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"Straße","type":"string"},{"name":"Straße","type":"integer"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"","type":"string"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"' || printf('%.*c', 64, 'c') || '","type":"string"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a\u0001","type":"string"}]}');
.read same.sql
-- defaults that do not fit the type
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","default":{"value":1}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"varchar(3)","default":{"value":"abcd"}}]}');
.read same.sql
select 'varchar-default-chars', farm_add_table('other', '{"name":"v","columns":[{"name":"a","type":"varchar(3)","default":{"value":"äöü"}}]}') = 2;
.read snap.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"integer","default":{"value":"1"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"integer","default":{"value":1.5}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"integer","default":{"value":2147483648}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"integer","default":{"value":-2147483649}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"bigint","default":{"value":1e3}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"bigint","default":{"value":"1"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"decimal","default":{"value":"1.5"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"bool","default":{"value":0}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"bool","default":{"value":"true"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"date","default":{"value":"2024-01-01"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"timestamp","default":{"value":0}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"binary","default":{"value":"AA=="}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"reference","references":"user","default":{"value":1}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"json","default":{"value":null}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","default":{"value":null}}]}');
.read same.sql
-- default objects
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","default":"x"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","default":{}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","default":{"value":"x","runtime":"cuid"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","default":{"sql":"x"}}]}');
.read same.sql
-- dbSpecial only on date/timestamp, only "now"
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","default":{"dbSpecial":"now"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"integer","default":{"dbSpecial":"now"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"timestamp","default":{"dbSpecial":"today"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"timestamp","default":{"dbSpecial":true}}]}');
.read same.sql
-- runtime defaults: cuid on strings, now on date/timestamp
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"integer","default":{"runtime":"cuid"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","default":{"runtime":"now"}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","default":{"runtime":"uuid"}}]}');
.read same.sql
-- references
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"reference"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"reference","references":"nope"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"reference","references":7}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"reference","references":""}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","references":"user"}]}');
.read same.sql
-- a reference to another namespace's table is unknown here
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"reference","references":"v"}]}');
.read same.sql
-- indexes
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"columns":["a"]}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"i","columns":["b"]}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"i","columns":["id"]}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"i","columns":[]}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"i","columns":"a"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"i","columns":[1]}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"i","columns":["a","A"]}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"i","columns":["a"],"unique":"yes"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"i","columns":["a"],"where":"a > 1"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"i","columns":["a"]},{"name":"I","columns":["a"]}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"UIDX_USER_EMAIL","columns":["a"]}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"sqlite_autoindex_x_1","columns":["a"]}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"' || printf('%.*c', 64, 'i') || '","columns":["a"]}]}');
.read same.sql
-- physical names may not collide inside a namespace: table "t" of namespace
-- "key" has the unique index "t_key_id_key", which is also the physical name
-- of an index "t_key_id" or of a table "t_key_id"
select 'clash-setup', farm_add_table('key', '{"name":"t","columns":[{"name":"a","type":"string"}]}') = 1;
.read snap.sql
select farm_add_index('key', 't', '{"name":"t_key_id","columns":["a"]}');
.read same.sql
select farm_add_table('key', '{"name":"t_key_id"}');
.read same.sql
select farm_add_table('key', '{"name":"u","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"t_key_id","columns":["a"]}]}');
.read same.sql
select farm_register('key', '{"tables":[{"name":"t","columns":[{"name":"a","type":"string"}]},{"name":"T_Key_Id"}]}');
.read same.sql
-- 32 index columns are fine, 33 are not
select farm_add_table('app', (select json_object('name', 'x',
	'columns', json_group_array(json_object('name', 'c' || value, 'type', 'integer')),
	'indexes', json_array(json_object('name', 'i33', 'columns', (select json_group_array('c' || value) from generate_series(1, 33)))))
	from generate_series(1, 33)));
.read same.sql
select 'index-32-columns', farm_add_table('other', (select json_object('name', 'x',
	'columns', json_group_array(json_object('name', 'c' || value, 'type', 'integer')),
	'indexes', json_array(json_object('name', 'i32', 'columns', (select json_group_array('c' || value) from generate_series(1, 32)))))
	from generate_series(1, 32))) = 3;
-- 1000 user columns are fine, 1001 are not
.read snap.sql
select farm_add_table('app', (select json_object('name', 'wide',
	'columns', json_group_array(json_object('name', 'c' || value, 'type', 'integer', 'nullable', json('true'))))
	from generate_series(1, 1001)));
.read same.sql
select 'columns-1000', farm_add_table('app', (select json_object('name', 'wide',
	'columns', json_group_array(json_object('name', 'c' || value, 'type', 'integer', 'nullable', json('true'))))
	from generate_series(1, 1000))) = 4;
select 'migrate-wide', farm_migrate('app') = 4;
select 'wide-columns', (select count(*) from pragma_table_info('wide_app')) = 1003;
.read snap.sql
select farm_add_column('app', 'wide', '{"name":"c1001","type":"integer","nullable":true}');
.read same.sql
select farm_register('app', json_insert(farm_schema('app'), '$.tables[3].columns[#]', json('{"name":"c1001","type":"integer","nullable":true}')));
.read same.sql
