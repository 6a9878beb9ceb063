-- external_tables.sql: farm_external_tables(), the JSON array of the
-- tables farmorm created or adopted, for prisma.config.ts `tables.external`:
-- the internal tables and every namespace's tables at their applied
-- versions (what the registry records, not the catalog), sqlite_sequence
-- once AUTOINCREMENT made it, bare names in bytewise order.

-- nothing migrated yet
select 'empty', farm_external_tables() = '[]';
select 'typeof', typeof(farm_external_tables()) = 'text';
select 'nothing-created', (select count(*) from sqlite_master) = 0;
-- an app's own table is never listed
create table app_user (id integer primary key, email text);
select 'app-table', farm_external_tables() = '[]';

-- the first registry write creates fragno_db_settings (internal version 1,
-- AUTOINCREMENT: sqlite_sequence), nothing of the namespace yet
select 'register', farm_register('comment-fragment', CAST(readfile('fixtures/comment-fragment.json') AS TEXT)) = 1;
select farm_external_tables();
select 'registered', farm_external_tables() = '["fragno_db_settings","sqlite_sequence"]';

-- migrated: the namespace's tables and fragno_hooks
select 'migrate', farm_migrate('comment-fragment') = 1;
select farm_external_tables();
select 'migrated', farm_external_tables() = '["comment_comment-fragment","fragno_db_settings","fragno_hooks","sqlite_sequence"]';
select 'valid', json_valid(farm_external_tables());
-- every name is a table of this database
select 'all-exist', (select count(*) from json_each(farm_external_tables())
	where value not in (select name from sqlite_master where type = 'table')) = 0;

-- registered but not migrated: not farmorm's table yet
select 'add-table', farm_add_table('comment-fragment', '{"name":"Zeta","columns":[{"name":"n","type":"integer"}]}') = 2;
select 'not-yet', farm_external_tables() = '["comment_comment-fragment","fragno_db_settings","fragno_hooks","sqlite_sequence"]';
select 'other-ns', farm_add_table('b-frag', '{"name":"t"}') = 1;
select 'not-yet-other', json_array_length(farm_external_tables()) = 4;
select 'migrate-all', farm_migrate() = 2;
-- bytewise: uppercase before lowercase, '-' (0x2D) before '_' (0x5F)
select farm_external_tables();
select 'all', farm_external_tables() = '["Zeta_comment-fragment","comment_comment-fragment","fragno_db_settings","fragno_hooks","sqlite_sequence","t_b-frag"]';
-- a column added later changes no name
select 'add-column', farm_add_column('b-frag', 't', '{"name":"x","type":"string","nullable":true}') = 2;
select 'migrate-column', farm_migrate('b-frag') = 2;
select 'same-names', json_array_length(farm_external_tables()) = 6;

-- tables someone else created (as an app's Prisma Migrate does) are not
-- farmorm's until it adopts them; from then on they are listed
select 'adopted-ns', farm_add_table('adopted', '{"name":"a","columns":[{"name":"n","type":"integer"}]}') = 1;
.once adopt.sql
select farm_generate_sql('adopted');
.read adopt.sql
select 'not-adopted', farm_external_tables() not like '%"a_adopted"%';
select 'adopt', farm_migrate('adopted', '{"adopt": true}') = 1;
select 'adopted', farm_external_tables() like '%"a_adopted"%';
select 'adopted-count', json_array_length(farm_external_tables()) = 7;

-- a reader: fine inside a read transaction, from a view and a trigger
begin;
select 'in-transaction', json_array_length(farm_external_tables()) = 7;
commit;
create temp view v_ext as select farm_external_tables() as t;
select 'from-view', (select json_array_length(t) from v_ext) = 7;

-- a damaged registry is reported, never guessed around, and changes nothing
.read snap.sql
update fragno_db_settings set value = '9' where key = 'b-frag.schema_version';
select farm_external_tables();
update fragno_db_settings set value = 'x' where key = 'b-frag.schema_version';
select farm_external_tables();
update fragno_db_settings set value = '2' where key = 'b-frag.schema_version';
update fragno_db_settings set value = '3' where key = '.schema_version';
select farm_external_tables();
update fragno_db_settings set value = '2' where key = '.schema_version';
.read same.sql
-- arity is fixed
select farm_external_tables('comment-fragment');
