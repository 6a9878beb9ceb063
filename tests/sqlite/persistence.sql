-- persistence.sql: the registry lives in the database file (rows of
-- fragno_db_settings); persistence.reopen.sql reopens the file in a new
-- process and finds everything as it was left here.

select 'register', farm_register('comment-fragment', CAST(readfile('fixtures/comment-fragment.json') AS TEXT)) = 1;
select 'second', farm_add_table('kv', '{"name":"entry","columns":[{"name":"k","type":"string"}]}') = 1;
select 'alter', farm_add_column('kv', 'entry', '{"name":"v","type":"json","nullable":true}') = 2;
select 'migrate-kv-1', farm_migrate('comment-fragment') = 1;
select 'storage', farm_set_sqlite_storage('prisma') = 'prisma';
insert into "comment_comment-fragment" (id, content, authorId) values ('c1', 'kept', 'a');
-- what the reopened database must show
.once expected_schema.txt
select farm_schema('comment-fragment') || char(10) || farm_schema('kv');
.once expected_prisma.txt
select farm_generate_prisma();
.once expected_sql.txt
select farm_generate_sql('kv');
-- a transaction left open when the process exits is rolled back, with the
-- registrations and migrations it made
begin;
select 'uncommitted', farm_add_table('gone', '{"name":"t"}') = 1 and farm_migrate('kv') = 2;
