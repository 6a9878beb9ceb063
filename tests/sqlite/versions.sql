-- versions.sql: farm_schema_version(ns) (number of registered operations)
-- and farm_applied_version(ns) (the version whose tables exist); both are
-- 0 when unknown.

-- nothing exists yet: both 0, and reading creates nothing
select 'empty-schema', farm_schema_version('app') = 0;
select 'empty-applied', farm_applied_version('app') = 0;
select 'typeof', typeof(farm_schema_version('app')) = 'integer' and typeof(farm_applied_version('app')) = 'integer';
select 'nothing-created', (select count(*) from sqlite_master) = 0;

select 'v1', farm_add_table('app', '{"name":"a"}') = 1;
select 'schema-1', farm_schema_version('app') = 1;
select 'applied-0', farm_applied_version('app') = 0;
select 'v2', farm_add_table('app', '{"name":"b"}') = 2;
select 'migrate', farm_migrate('app') = 2;
select 'applied-2', farm_applied_version('app') = 2;
select 'v3', farm_add_column('app', 'a', '{"name":"x","type":"integer","nullable":true}') = 3;
select 'schema-3', farm_schema_version('app') = 3 and farm_applied_version('app') = 2;
-- the applied version is the settings row, in the same transaction as the DDL
select 'settings-row', (select value from fragno_db_settings where key = 'app.schema_version') = '2';
select 'migrate-3', farm_migrate('app') = 3 and farm_applied_version('app') = 3;
-- other namespaces are independent; names are case-sensitive
select 'other', farm_schema_version('other') = 0 and farm_applied_version('other') = 0;
select 'case', farm_schema_version('APP') = 0 and farm_applied_version('App') = 0;
-- a namespace that is a prefix of another does not see its operations
select 'prefix', farm_add_table('app-2', '{"name":"a"}') = 1 and farm_add_table('ap', '{"name":"a"}') = 1;
select 'prefix-own', farm_schema_version('app') = 3 and farm_schema_version('app-2') = 1
	and farm_schema_version('ap') = 1 and farm_schema_version('a') = 0;

-- the internal schema's applied version (key ".schema_version") is not a namespace
select 'internal', (select value from fragno_db_settings where key = '.schema_version') = '2';
select farm_applied_version('');
select farm_schema_version('');

-- a damaged applied version is reported, not misread
.read snap.sql
update fragno_db_settings set value = 'x' where key = 'app.schema_version';
select farm_applied_version('app');
update fragno_db_settings set value = '-1' where key = 'app.schema_version';
select farm_applied_version('app');
-- one strict parser (shared/registry.c farm_parse_version): decimal digits
-- only, no sign, spaces or leading zeros, at most 2147483647 (versions are
-- integers on both hosts); farm_applied_version, farm_namespaces and
-- farm_migrate refuse the same values with the same text
update fragno_db_settings set value = '4294967297' where key = 'app.schema_version';
select farm_applied_version('app');
select farm_namespaces();
select farm_migrate('app');
update fragno_db_settings set value = '2147483648' where key = 'app.schema_version';
select farm_applied_version('app');
select farm_namespaces();
update fragno_db_settings set value = ' 1' where key = 'app.schema_version';
select farm_applied_version('app');
update fragno_db_settings set value = '1 ' where key = 'app.schema_version';
select farm_applied_version('app');
update fragno_db_settings set value = '+1' where key = 'app.schema_version';
select farm_applied_version('app');
update fragno_db_settings set value = '01' where key = 'app.schema_version';
select farm_applied_version('app');
update fragno_db_settings set value = '' where key = 'app.schema_version';
select farm_applied_version('app');
update fragno_db_settings set value = 'abc' where key = 'app.schema_version';
select farm_applied_version('app');
update fragno_db_settings set value = '1.0' where key = 'app.schema_version';
select farm_applied_version('app');
update fragno_db_settings set value = '0x1' where key = 'app.schema_version';
select farm_applied_version('app');
update fragno_db_settings set value = cast(x'3100' as text) where key = 'app.schema_version';
select farm_applied_version('app');
update fragno_db_settings set value = '3' where key = 'app.schema_version';
-- the internal schema's version goes through the same parser
update fragno_db_settings set value = '02' where key = '.schema_version';
select farm_migrate('app');
update fragno_db_settings set value = '-2' where key = '.schema_version';
select farm_migrate('app');
update fragno_db_settings set value = '2' where key = '.schema_version';
-- the largest accepted value reads the same everywhere
update fragno_db_settings set value = '2147483647' where key = 'app.schema_version';
select 'max-applied', farm_applied_version('app') = 2147483647;
select 'max-namespaces', json_extract(farm_namespaces(), '$[1].applied') = 2147483647
	and json_extract(farm_namespaces(), '$[1].namespace') = 'app';
select farm_migrate('app');
update fragno_db_settings set value = '0' where key = 'app.schema_version';
select 'zero', farm_applied_version('app') = 0;
update fragno_db_settings set value = '3' where key = 'app.schema_version';
.read same.sql
-- operation keys are exactly what farmorm writes: "<ns>.farm_op." and 10
-- digits, 0000000001 to 2147483647
insert into fragno_db_settings (id, key, value) values ('x1', 'app.farm_op.4', '{}');
.read snap.sql
select farm_schema_version('app');
select farm_namespaces();
update fragno_db_settings set key = 'app.farm_op.4294967297' where id = 'x1';
select farm_schema_version('app');
update fragno_db_settings set key = 'app.farm_op.2147483648' where id = 'x1';
select farm_schema('app');
update fragno_db_settings set key = 'app.farm_op.000000004x' where id = 'x1';
select farm_schema('app');
update fragno_db_settings set key = 'app.farm_op.0000000000' where id = 'x1';
select farm_schema('app');
update fragno_db_settings set key = 'app.farm_op.000000004' || char(10) where id = 'x1';
select farm_schema('app');
update fragno_db_settings set key = 'app.farm_op.4' where id = 'x1';
.read same.sql
delete from fragno_db_settings where id = 'x1';
.read snap.sql
-- a gap in the operation log is reported as damage
update fragno_db_settings set key = 'app.farm_op.0000000009' where key = 'app.farm_op.0000000002';
select farm_schema_version('app');
select farm_schema('app');
update fragno_db_settings set key = 'app.farm_op.0000000002' where key = 'app.farm_op.0000000009';
.read same.sql
-- an operation that does not parse is reported as damage
update fragno_db_settings set value = '{"op":"drop-table"}' where key = 'app.farm_op.0000000002';
select farm_schema('app');
select farm_add_table('app', '{"name":"c"}');
