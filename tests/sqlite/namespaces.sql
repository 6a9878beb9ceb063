-- namespaces.sql: farm_namespaces(), a JSON array of
-- {"namespace", "version", "applied"} sorted bytewise by namespace.

select 'empty', farm_namespaces() = '[]';
select 'nothing-created', (select count(*) from sqlite_master) = 0;
select 'b', farm_add_table('b-frag', '{"name":"t"}') = 1;
select 'a', farm_add_table('a_frag', '{"name":"t"}') = 1 and farm_add_table('a_frag', '{"name":"u"}') = 2;
select 'Z', farm_add_table('Zed', '{"name":"t"}') = 1;
select 'a-prefix', farm_add_table('a', '{"name":"t"}') = 1;
select 'a-dash', farm_add_table('a-', '{"name":"t"}') = 1;
-- a no-op registration is not listed
select 'noop', farm_register('ghost', '{"tables":[]}') = 0;
select 'migrate', farm_migrate('a_frag') = 2;
-- bytewise: uppercase before lowercase, '-' (0x2D) before '_' (0x5F)
select farm_namespaces();
select 'valid', json_valid(farm_namespaces());
select 'count', json_array_length(farm_namespaces()) = 5;
select 'fields', (select group_concat(json_extract(value, '$.namespace') || ':' || json_extract(value, '$.version') || ':' || json_extract(value, '$.applied'), ',')
	from json_each(farm_namespaces())) = 'Zed:1:0,a:1:0,a-:1:0,a_frag:2:2,b-frag:1:0';
select 'migrate-all', farm_migrate() = 2;
select 'all-applied', (select count(*) from json_each(farm_namespaces())
	where json_extract(value, '$.version') = json_extract(value, '$.applied')) = 5;
-- nothing but operation keys make a namespace: other settings rows are ignored
insert into fragno_db_settings (id, key, value) values ('x1', 'app.note', 'v'), ('x2', 'note', 'v');
select 'ignored', json_array_length(farm_namespaces()) = 5;
-- arity is fixed
select farm_namespaces('a');
