-- schema.sql: farm_schema(ns), the current schema as canonical JSON;
-- feeding it back to farm_register is a no-op.

select 'setup', farm_register('app', '{"tables":[
  {"name":"user","columns":[{"name":"email","type":"varchar(320)"},
    {"name":"nick","type":"string","nullable":true,"default":{"value":"anon \"x\" \\ é \u0001"}},
    {"name":"score","type":"decimal","default":{"value":0.1}},
    {"name":"big","type":"bigint","default":{"value":-9223372036854775808}},
    {"name":"prefs","type":"json","default":{"value":{"b":{"y":2,"x":1},"a":[3,2,1]}}},
    {"name":"seen","type":"timestamp","nullable":true,"default":{"runtime":"now"}},
    {"name":"created","type":"date","default":{"dbSpecial":"now"}},
    {"name":"token","type":"varchar(32)","default":{"runtime":"cuid"}},
    {"name":"mentor","type":"reference","references":"User","nullable":true}],
   "indexes":[{"name":"uidx_email","columns":["Email"],"unique":true}]},
  {"name":"post","columns":[{"name":"authorId","type":"reference","references":"user"},
    {"name":"ok","type":"bool","default":{"value":true}},{"name":"body","type":"binary","nullable":true}],
   "indexes":[{"name":"idx_post","columns":["ok","authorId"]}]}]}') = 2;
select 'alter', farm_add_column('app', 'post', '{"name":"n","type":"integer","nullable":true,"default":{"value":7}}') = 3;
select 'alter-2', farm_set_nullable('app', 'user', 'email', 1) = 4;
select 'alter-3', farm_add_index('app', 'post', '{"name":"idx_post_n","columns":["N"]}') = 5;

-- the exact canonical text: tables in creation order, columns in declared
-- order (added ones last), keys in a fixed order, false/empty left out
-- except the columns and indexes arrays, names as declared
select farm_schema('app');
select 'valid-json', json_valid(farm_schema('app'));
select 'canonical-is-stable', farm_schema('app') = farm_schema('app');

-- round trip: no-op, and so is every re-serialisation of the same content
.read snap.sql
select 'round-trip', farm_register('app', farm_schema('app')) = 5;
select 'round-trip-spaced', farm_register('app', ' ' || replace(replace(farm_schema('app'), '},{', '},' || char(10) || char(9) || '{'), '":', '" : ') || char(10)) = 5;
.read same.sql

-- the internal schema is not a namespace
select farm_schema('');
select farm_schema('fragno_db_settings');
-- unknown namespaces
select farm_schema('nope');
select farm_schema('App');
-- a namespace whose only call was a no-op is unknown too
select 'noop', farm_register('empty', '{"tables":[]}') = 0;
select farm_schema('empty');
.read same.sql

-- a round trip in another database gives the same registry
select 'other', farm_register('copy', farm_schema('app')) = 2;
select 'copy-same', replace(farm_schema('copy'), 'copy', 'app') = farm_schema('app');
