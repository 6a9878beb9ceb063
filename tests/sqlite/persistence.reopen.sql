-- persistence.reopen.sql: the file of persistence.sql in a new process.
.once now_schema.txt
select farm_schema('comment-fragment') || char(10) || farm_schema('kv');
select 'schema', readfile('now_schema.txt') = readfile('expected_schema.txt');
.once now_prisma.txt
select farm_generate_prisma();
select 'prisma', readfile('now_prisma.txt') = readfile('expected_prisma.txt');
.once now_sql.txt
select farm_generate_sql('kv');
select 'sql', readfile('now_sql.txt') = readfile('expected_sql.txt');
select farm_namespaces();
select 'versions', farm_schema_version('comment-fragment') = 1 and farm_applied_version('comment-fragment') = 1
	and farm_schema_version('kv') = 2 and farm_applied_version('kv') = 0;
select 'gone', farm_schema_version('gone') = 0 and (select count(*) from sqlite_master where name in ('t_gone', 'entry_kv')) = 0;
select 'rows', (select content from "comment_comment-fragment") = 'kept';
-- and it carries on: a no-op, then the pending migration
.read snap.sql
select 'noop', farm_register('comment-fragment', farm_schema('comment-fragment')) = 1 and farm_migrate('comment-fragment') = 1;
.read same.sql
select 'migrate-kv', farm_migrate() = 2 and farm_applied_version('kv') = 2;
