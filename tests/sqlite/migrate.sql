-- migrate.sql: farm_migrate(ns) / farm_migrate(): the internal schema
-- first, then the namespace(s), from the applied to the registered version,
-- all or nothing, in a SAVEPOINT that joins the caller's transaction.

-- the first migration fails at its last statement: the internal schema it
-- created first is rolled back with it
select 'first', farm_add_table('x', '{"name":"t"}') = 1;
create table "t_x" (y);
.read snap.sql
select farm_migrate('x');
select farm_migrate();
.read same.sql
select 'no-hooks', (select count(*) from sqlite_master where name = 'fragno_hooks') = 0
	and (select value from fragno_db_settings where key = '.schema_version') = '1';
drop table "t_x";
select 'x-works', farm_migrate('x') = 1;

-- farm_migrate() returns the internal schema's version
select 'internal-only', farm_migrate() = 2;
select 'internal-tables', (select group_concat(name, ',') from (select name from sqlite_master where type = 'table' order by name))
	= 'fragno_db_settings,fragno_hooks,sqlite_sequence,t_x';
select 'internal-applied', (select value from fragno_db_settings where key = '.schema_version') = '2';
.read snap.sql
select 'internal-again', farm_migrate() = 2;
.read same.sql

-- one namespace: returns its applied version; a second call changes nothing
select 'register', farm_register('blog', '{"tables":[{"name":"post","columns":[{"name":"title","type":"string"}]},
	{"name":"tag","columns":[{"name":"postId","type":"reference","references":"post"}],"indexes":[{"name":"idx_tag_post","columns":["postId"]}]}]}') = 2;
select 'migrate', farm_migrate('blog') = 2;
select 'applied', farm_applied_version('blog') = 2;
select 'tables', (select count(*) from sqlite_master where type = 'table' and name in ('post_blog', 'tag_blog')) = 2;
select 'indexes', (select group_concat(name, ',') from (select name from sqlite_master where type = 'index' and tbl_name like '%_blog' order by name))
	= 'idx_tag_post_blog,post_blog_id_key,tag_blog_id_key';
.read snap.sql
select 'twice', farm_migrate('blog') = 2;
select 'all-noop', farm_migrate() = 2;
.read same.sql
-- later operations migrate incrementally
select 'add', farm_add_column('blog', 'post', '{"name":"views","type":"integer","default":{"value":0}}') = 3;
select 'migrate-3', farm_migrate('blog') = 3 and farm_applied_version('blog') = 3;
select 'column-added', (select count(*) from pragma_table_info('post_blog') where name = 'views') = 1;

-- the caller's transaction: ROLLBACK undoes the migration, COMMIT keeps it
select 'add-2', farm_add_table('blog', '{"name":"draft"}') = 4;
.read snap.sql
begin;
select 'in-tx', farm_migrate('blog') = 4;
select 'in-tx-visible', farm_applied_version('blog') = 4 and (select count(*) from sqlite_master where name = 'draft_blog') = 1;
rollback;
.read same.sql
select 'rolled-back', farm_applied_version('blog') = 3 and (select count(*) from sqlite_master where name = 'draft_blog') = 0;
begin;
select 'in-tx-2', farm_migrate('blog') = 4;
commit;
select 'committed', farm_applied_version('blog') = 4 and (select count(*) from sqlite_master where name = 'draft_blog') = 1;
-- registration and migration together, rolled back: both gone
.read snap.sql
begin;
select 'tx-register', farm_add_table('blog', '{"name":"tmp"}') = 5;
select 'tx-migrate', farm_migrate('blog') = 5;
rollback;
.read same.sql
select 'tx-gone', farm_schema_version('blog') = 4;
-- savepoints of the caller nest around ours
begin;
savepoint outer_sp;
select 'sp-register', farm_add_table('blog', '{"name":"tmp"}') = 5;
select 'sp-migrate', farm_migrate('blog') = 5;
rollback to outer_sp;
release outer_sp;
commit;
.read same.sql

-- a failing migration inside the caller's transaction: the caller's own
-- work stays, the transaction stays open, the migration leaves nothing
create table mine (x);
select 'add-3', farm_add_table('blog', '{"name":"a"}') = 5 and farm_add_table('blog', '{"name":"b"}') = 6;
create table "b_blog" (x);
.read snap.sql
begin;
insert into mine values (1);
select farm_migrate('blog');
insert into mine values (2);
commit;
select 'caller-kept', (select group_concat(x) from mine) = '1,2';
delete from mine;
.read same.sql
-- the k-th statement fails: statements 1..k-1 (table a) are undone too
select 'a-gone', (select count(*) from sqlite_master where name = 'a_blog') = 0;
select 'applied-kept', farm_applied_version('blog') = 4;
-- farm_migrate() is all or nothing across namespaces: "blog" fails, "aaa" is not applied either
select 'other-ns', farm_add_table('aaa', '{"name":"t"}') = 1;
.read snap.sql
select farm_migrate();
.read same.sql
select 'aaa-not-applied', farm_applied_version('aaa') = 0 and (select count(*) from sqlite_master where name = 't_aaa') = 0;
-- a table farmorm did not create is never adopted, even with a matching shape
drop table "b_blog";
create table "b_blog" ("id" TEXT NOT NULL, "_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "_version" INTEGER NOT NULL DEFAULT 0);
.read snap.sql
select farm_migrate('blog');
.read same.sql
drop table "b_blog";
-- a conflicting index name: fails at the index statement
create index "b_blog_id_key" on mine (x);
.read snap.sql
select farm_migrate('blog');
.read same.sql
drop index "b_blog_id_key";
select 'then-works', farm_migrate('blog') = 6 and farm_migrate() = 2;
select 'aaa-applied', farm_applied_version('aaa') = 1;

-- physical names of different namespaces never meet: "a_b" in "c" and "a"
-- in "b_c" are both "a_b_c", so the second is refused at registration
select 'meet', farm_add_table('c', '{"name":"a_b"}') = 1;
.read snap.sql
select farm_add_table('b_c', '{"name":"a"}');
.read same.sql
select 'meet-others', farm_generate_prisma('c') like '%model AB_c {%';

-- errors: unregistered, invalid or NULL namespace; nothing changes
.read snap.sql
select farm_migrate('nope');
select farm_migrate('Blog');
select farm_migrate('');
select farm_migrate('bl og');
select farm_migrate(NULL);
select farm_migrate(1);
select farm_migrate('blog', 'x');
.read same.sql
-- an applied version beyond the registered one is damage, reported
update fragno_db_settings set value = '9' where key = 'blog.schema_version';
.read snap.sql
select farm_migrate('blog');
select farm_migrate();
.read same.sql
update fragno_db_settings set value = '6' where key = 'blog.schema_version';
select 'repaired', farm_migrate() = 2;
