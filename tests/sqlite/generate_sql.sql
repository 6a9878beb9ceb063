-- generate_sql.sql: farm_generate_sql(ns [, options_json]) returns exactly
-- the DDL farm_migrate(ns) would run now: running the text yields the very
-- schema farm_migrate yields, and it is empty once migrated.  Options
-- from, to, dialect (and sqliteStorage) pick other ranges and targets.

select 'register', farm_register('comment-fragment', CAST(readfile('fixtures/comment-fragment.json') AS TEXT)) = 1;
-- before any migration the internal schema comes first
select 'internal-first', farm_generate_sql('comment-fragment') like 'CREATE TABLE "main"."fragno_hooks" (%';
select 'statements', (length(farm_generate_sql('comment-fragment')) - length(replace(farm_generate_sql('comment-fragment'), ';' || char(10), ''))) / 2 = 8;
select 'null-options', farm_generate_sql('comment-fragment', NULL) = farm_generate_sql('comment-fragment');
select 'empty-options', farm_generate_sql('comment-fragment', '{}') = farm_generate_sql('comment-fragment');
select farm_generate_sql('comment-fragment');

-- the text, run by hand inside a transaction that is rolled back, gives the
-- schema that farm_migrate then gives
.once gen.sql
select farm_generate_sql('comment-fragment');
begin;
.read gen.sql
.once by_text.txt
.read schema_of.sql
rollback;
select 'rolled-back', (select count(*) from sqlite_master where name = 'fragno_hooks') = 0;
select 'migrate', farm_migrate('comment-fragment') = 1;
.once by_migrate.txt
.read schema_of.sql
select 'same-schema', readfile('by_text.txt') = readfile('by_migrate.txt');
-- migrated: nothing left to run
select 'empty-after', farm_generate_sql('comment-fragment') = '';
select 'typeof-empty', typeof(farm_generate_sql('comment-fragment')) = 'text';

-- the same for an alteration that rebuilds the table (nullability) and one
-- that does not (add column, add index), with rows present
insert into "comment_comment-fragment" (id, content, authorId) values ('c1', 'hello', 'a1');
select 'alter', farm_register('comment-fragment', json_set(CAST(readfile('fixtures/comment-fragment.json') AS TEXT),
	'$.tables[0].columns[0].nullable', json('true'),
	'$.tables[0].columns[#]', json('{"name":"editedAt","type":"timestamp","nullable":true}'),
	'$.tables[0].indexes[#]', json('{"name":"idx_edited","columns":["editedAt"]}'))) = 2;
select 'alter-text', farm_generate_sql('comment-fragment') like 'PRAGMA defer_foreign_keys = ON;%';
.once gen.sql
select farm_generate_sql('comment-fragment');
begin;
.read gen.sql
.once by_text.txt
.read schema_of.sql
rollback;
select 'migrate-alter', farm_migrate('comment-fragment') = 2;
.once by_migrate.txt
.read schema_of.sql
select 'same-schema-alter', readfile('by_text.txt') = readfile('by_migrate.txt');
select 'empty-after-alter', farm_generate_sql('comment-fragment') = '';
select 'row-kept', (select content from "comment_comment-fragment") = 'hello';

-- ranges: from/to over the registered operations only (no internal schema)
select farm_generate_sql('comment-fragment', '{"from":1,"to":2}');
select 'from-0', farm_generate_sql('comment-fragment', '{"from":0}') like 'CREATE TABLE "main"."comment_comment-fragment" (%';
select 'to-1', farm_generate_sql('comment-fragment', '{"to":1}') = farm_generate_sql('comment-fragment', '{"from":0,"to":1}');
select 'from-to-same', farm_generate_sql('comment-fragment', '{"from":2,"to":2}') = '';
-- dialects: PostgreSQL text (unqualified, for external tools), SQLite storage modes
select farm_generate_sql('comment-fragment', '{"dialect":"postgresql","from":0,"to":1}');
-- PostgreSQL without a range: the whole script from scratch, internal schema first
select 'pg-from-scratch', farm_generate_sql('comment-fragment', '{"dialect":"postgresql"}') like 'CREATE TABLE "fragno_db_settings" (%'
	and farm_generate_sql('comment-fragment', '{"dialect":"postgresql"}') like '%CREATE TABLE "comment_comment-fragment" (%DROP NOT NULL%';
select 'pg-alter', farm_generate_sql('comment-fragment', '{"dialect":"postgresql","from":1}') like '%ALTER COLUMN "content" DROP NOT NULL%';
select 'sqlite-default', farm_generate_sql('comment-fragment', '{"sqliteStorage":"default","from":0,"to":1}') like '%"createdAt" INTEGER NOT NULL DEFAULT (CAST((julianday(''now'') - 2440587.5) * 86400000 AS INTEGER))%';
select 'explicit-sqlite', farm_generate_sql('comment-fragment', '{"dialect":"sqlite","from":0}') = farm_generate_sql('comment-fragment', '{"from":0}');

-- errors; nothing changes
.read snap.sql
select farm_generate_sql('nope');
select farm_generate_sql('nope', '{"from":0}');
select farm_generate_sql('Comment-Fragment');
select farm_generate_sql('');
select farm_generate_sql(NULL);
select farm_generate_sql(NULL, '{}');
select farm_generate_sql('comment-fragment', '{"from":3}');
select farm_generate_sql('comment-fragment', '{"to":3}');
select farm_generate_sql('comment-fragment', '{"from":2,"to":1}');
select farm_generate_sql('comment-fragment', '{"from":-1}');
select farm_generate_sql('comment-fragment', '{"from":1.5}');
select farm_generate_sql('comment-fragment', '{"from":"1"}');
select farm_generate_sql('comment-fragment', '{"to":99999999999}');
select farm_generate_sql('comment-fragment', '{"dialect":"mysql"}');
select farm_generate_sql('comment-fragment', '{"dialect":"pg"}');
select farm_generate_sql('comment-fragment', '{"sqliteStorage":"x"}');
select farm_generate_sql('comment-fragment', '{"provider":"sqlite"}');
select farm_generate_sql('comment-fragment', '[]');
select farm_generate_sql('comment-fragment', '{');
select farm_generate_sql('comment-fragment', '{"from":0,"from":1}');
select farm_generate_sql('comment-fragment', CAST(X'7B7D00' AS TEXT));
select farm_generate_sql();
select farm_generate_sql('a', 'b', 'c');
.read same.sql
