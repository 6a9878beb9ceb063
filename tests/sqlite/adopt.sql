-- adopt.sql: farm_migrate(ns, options_json).  With {"adopt": true} it takes
-- over tables someone else created from the generated schema (an app's
-- Prisma Migrate; here the DDL farm_generate_sql prints, run by hand):
-- only when farm_check finds no difference and no table has a trigger; it
-- records the applied versions without DDL, and later operations migrate
-- as usual.  Otherwise it refuses, naming the first problem, and nothing
-- changes.  The option "schema" accepts only "main" on SQLite.

select 'register', farm_register('comment-fragment', CAST(readfile('fixtures/comment-fragment.json') AS TEXT)) = 1;
-- nothing created yet: adopting refuses, naming the first missing table
.read snap.sql
select farm_migrate('comment-fragment', '{"adopt": true}');
.read same.sql

-- "Prisma" creates the tables
.once gen.sql
select farm_generate_sql('comment-fragment');
.read gen.sql
select 'created-by-hand', farm_applied_version('comment-fragment') = 0
	and (select value from fragno_db_settings where key = '.schema_version') = '1';
select 'check-before', farm_check('comment-fragment') = '{"namespace":"comment-fragment","applied":0,"version":1,"differences":[]}';
-- a plain migrate still refuses tables it did not create
.read snap.sql
select farm_migrate('comment-fragment');
.read same.sql

-- refusals: a hand change (dropped index), a trigger, on the namespace's
-- and on the internal tables; each leaves everything unchanged
drop index "idx_comment_author_comment-fragment";
.read snap.sql
select farm_migrate('comment-fragment', '{"adopt": true}');
.read same.sql
select farm_check('comment-fragment');
create index "idx_comment_author_comment-fragment" on "comment_comment-fragment"("authorId");
create trigger "audit" after insert on "comment_comment-fragment" begin select 1; end;
.read snap.sql
select farm_migrate('comment-fragment', '{"adopt": true}');
.read same.sql
drop trigger "audit";
create trigger "hook_audit" after insert on "fragno_hooks" begin select 1; end;
.read snap.sql
select farm_migrate('comment-fragment', '{"adopt": true}');
.read same.sql
drop trigger "hook_audit";

-- bad options: 22023 errors, nothing changes
.read snap.sql
select farm_migrate('comment-fragment', '{"adopt": 1}');
select farm_migrate('comment-fragment', '{"adopt": "yes"}');
select farm_migrate('comment-fragment', '{"adopt": true, "dry": true}');
select farm_migrate('comment-fragment', '{"schema": "app"}');
select farm_migrate('comment-fragment', '{"schema": ""}');
select farm_migrate('comment-fragment', '{"schema": 7}');
select farm_migrate('comment-fragment', '[]');
select farm_migrate('comment-fragment', '{"adopt": true');
select farm_migrate('comment-fragment', '{"adopt": true, "adopt": false}');
select farm_migrate('comment-fragment', 'x' || char(0) || 'y');
select farm_migrate(NULL, '{"adopt": true}');
select farm_migrate('nobody', '{"adopt": true}');
.read same.sql

-- adopted: versions recorded, no DDL run
.once before_schema.txt
.read schema_of.sql
select 'adopt', farm_migrate('comment-fragment', '{"adopt": true, "schema": "main"}') = 1;
.once after_schema.txt
.read schema_of.sql
select 'no-ddl', readfile('before_schema.txt') = readfile('after_schema.txt');
select 'applied', farm_applied_version('comment-fragment') = 1
	and (select value from fragno_db_settings where key = '.schema_version') = '2';
select 'check-after', farm_check('comment-fragment') = '{"namespace":"comment-fragment","applied":1,"version":1,"differences":[]}';
-- again: nothing to adopt, a no-op like farm_migrate
.read snap.sql
select 'adopt-again', farm_migrate('comment-fragment', '{"adopt": true}') = 1;
select 'null-options', farm_migrate('comment-fragment', NULL) = 1;
select 'empty-options', farm_migrate('comment-fragment', '{}') = 1;
select 'adopt-false', farm_migrate('comment-fragment', '{"adopt": false, "schema": null}') = 1;
.read same.sql

-- later operations migrate as usual, and stay exact
select 'add-column', farm_add_column('comment-fragment', 'comment', '{"name":"edited","type":"bool","nullable":true}') = 2;
select 'add-index', farm_add_index('comment-fragment', 'comment', '{"name":"idx_edited","columns":["edited"]}') = 3;
select 'migrate-later', farm_migrate('comment-fragment') = 3;
select 'check-later', farm_check('comment-fragment') = '{"namespace":"comment-fragment","applied":3,"version":3,"differences":[]}';
-- a pending operation that the tables do not show yet cannot be adopted
select 'add-table', farm_add_table('comment-fragment', '{"name":"like","columns":[{"name":"commentId","type":"reference","references":"comment"}]}') = 4;
.read snap.sql
select farm_migrate('comment-fragment', '{"adopt": true}');
.read same.sql
-- ... until someone creates them as generated
.once gen4.sql
select farm_generate_sql('comment-fragment');
.read gen4.sql
select 'adopt-4', farm_migrate('comment-fragment', '{"adopt": true}') = 4;
select 'check-4', farm_check('comment-fragment') = '{"namespace":"comment-fragment","applied":4,"version":4,"differences":[]}';

-- writers only: refused from triggers and views
create table t_adopt (x);
create trigger t_adopt_trg after insert on t_adopt begin select farm_migrate('comment-fragment', '{"adopt": true}'); end;
insert into t_adopt values (1);
