-- shadow_sql.sql: farm_shadow_sql(), the script for prisma.config.ts
-- `migrations.initShadowDb`: in an empty database without farmorm it
-- creates every table farmorm created or adopted, as it stands now (at the
-- applied versions; columns added later and rebuilt tables included),
-- never sqlite_sequence itself, no temp tables or pragmas.

select 'empty', farm_shadow_sql() = '';
select 'typeof', typeof(farm_shadow_sql()) = 'text';
select 'nothing-created', (select count(*) from sqlite_master) = 0;

select 'register', farm_register('comment-fragment', CAST(readfile('fixtures/comment-fragment.json') AS TEXT)) = 1;
-- only fragno_db_settings exists so far
select 'registered', farm_shadow_sql() like 'CREATE TABLE "main"."fragno_db_settings" (%'
	and farm_shadow_sql() not like '%fragno_hooks%' and farm_shadow_sql() not like '%comment_comment-fragment%';
select 'migrate', farm_migrate('comment-fragment') = 1;
insert into "comment_comment-fragment" (id, content, authorId) values ('c1', 'hello', 'a1');

-- a plain ALTER (added column), a rebuild (nullability, a "now" column), an
-- index and a table referencing an existing one, in another namespace too
select 'add-column', farm_add_column('comment-fragment', 'comment', '{"name":"editedAt","type":"timestamp","nullable":true}') = 2;
select 'nullable', farm_set_nullable('comment-fragment', 'comment', 'content', true) = 3;
select 'now-column', farm_add_column('comment-fragment', 'comment', '{"name":"seenAt","type":"timestamp","default":{"dbSpecial":"now"}}') = 4;
select 'index', farm_add_index('comment-fragment', 'comment', '{"name":"idx_edited","columns":["editedAt"]}') = 5;
select 'ref-table', farm_add_table('comment-fragment', '{"name":"vote","columns":[{"name":"commentId","type":"reference","references":"comment"},{"name":"meta","type":"json","default":{"value":{"a":"it''s"}}}]}') = 6;
select 'other-ns', farm_register('kv', '{"tables":[{"name":"item","columns":[{"name":"k","type":"varchar(10)"},{"name":"v","type":"bigint","default":{"value":7}}]}]}') = 1;
select 'migrate-all', farm_migrate() = 2;
-- registered, not migrated: not in the script
select 'pending', farm_add_table('comment-fragment', '{"name":"pending"}') = 7;
select 'no-pending', farm_shadow_sql() not like '%pending%';

select 'no-sequence-ddl', farm_shadow_sql() not like '%sqlite_sequence%';
select 'no-pragma', instr(farm_shadow_sql(), 'PRAGMA') = 0 and instr(farm_shadow_sql(), 'TEMP') = 0;
select 'statements', (length(farm_shadow_sql()) - length(replace(farm_shadow_sql(), ';' || char(10), ''))) / 2 = 16;
select farm_shadow_sql();

-- bad states are reported and change nothing
.read snap.sql
update fragno_db_settings set value = '99' where key = 'kv.schema_version';
select farm_shadow_sql();
update fragno_db_settings set value = '1' where key = 'kv.schema_version';
.read same.sql
select farm_shadow_sql(1);

-- the script, run in a new empty database without farmorm, gives the very
-- tables (columns, types, defaults, keys, indexes, foreign keys)
.once shadow.sql
select farm_shadow_sql();
.once ours.txt
.read structure_of.sql
.open shadow.db
select 'farmorm-absent', (select count(*) from pragma_function_list where name like 'farm\_%' escape '\') = 0;
select 'shadow-empty', (select count(*) from sqlite_master) = 0;
.read shadow.sql
.once shadow.txt
.read structure_of.sql
select 'same-tables', readfile('ours.txt') = readfile('shadow.txt');
select 'has-rows-to-compare', length(readfile('ours.txt')) > 1000;
select 'sequence-by-sqlite', (select count(*) from sqlite_master where name = 'sqlite_sequence') = 1;
select 'table-count', (select count(*) from sqlite_master where type = 'table' and name not like 'sqlite\_%' escape '\') = 5;
