-- check.sql: farm_check(ns) compares the catalog with the tables of the
-- namespace's applied version (before its first migrate: the registered
-- version) plus the internal tables, and names every difference: missing
-- or extra tables, columns, indexes and foreign keys, and columns, indexes
-- and foreign keys that differ.  Each hand change below runs in a
-- transaction that is rolled back, so the next one starts from the exact
-- tables again.
.mode list
select 'register', farm_register('c', '{"tables":[{"name":"t","columns":[
	{"name":"a","type":"string"},
	{"name":"n","type":"integer","default":{"value":0}},
	{"name":"r","type":"reference","references":"t","nullable":true},
	{"name":"s","type":"varchar(20)","default":{"value":"it''s"}},
	{"name":"at","type":"timestamp","default":{"dbSpecial":"now"}}],
	"indexes":[{"name":"idx_n","columns":["n"]}]}]}') = 1;

-- before the first migrate: what farm_migrate would create is missing
select farm_check('c');
select 'migrate', farm_migrate('c') = 1;
select 'exact', farm_check('c') = '{"namespace":"c","applied":1,"version":1,"differences":[]}';
-- farm_check reads, it writes nothing
.read snap.sql
select 'check-twice', farm_check('c') = farm_check('c');
.read same.sql

-- dropped column
begin;
alter table "t_c" drop column "a";
select value from json_each(farm_check('c'), '$.differences');
rollback;
-- extra column
begin;
alter table "t_c" add column "x" TEXT;
select value from json_each(farm_check('c'), '$.differences');
rollback;
-- the table recreated with one change each: type, nullability, default
-- changed and dropped, foreign key action
begin;
drop table "t_c";
create table "t_c" ("id" TEXT NOT NULL, "a" TEXT NOT NULL, "n" BIGINT NOT NULL DEFAULT 0, "r" INTEGER,
	"s" TEXT DEFAULT 'it''s', "at" DATETIME NOT NULL,
	"_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "_version" INTEGER NOT NULL DEFAULT 7,
	CONSTRAINT "t_c_r_fkey" FOREIGN KEY ("r") REFERENCES "t_c" ("_internalId") ON DELETE CASCADE ON UPDATE RESTRICT);
create unique index "t_c_id_key" on "t_c"("id");
create index "idx_n_c" on "t_c"("n");
select json_extract(value, '$.kind') || '|' || json_extract(value, '$.problem') || '|' || json_extract(value, '$.message')
	from json_each(farm_check('c'), '$.differences');
rollback;
-- the same table with the defaults farmorm writes, spelled differently:
-- parentheses, quotes around a number, lower case: no difference
begin;
drop table "t_c";
create table "t_c" ("id" TEXT NOT NULL, "a" text NOT NULL, "n" INTEGER NOT NULL DEFAULT ('0'), "r" INTEGER,
	"s" TEXT NOT NULL DEFAULT ('it''s'), "at" DATETIME NOT NULL DEFAULT current_timestamp,
	"_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "_version" INTEGER NOT NULL DEFAULT 0,
	FOREIGN KEY ("r") REFERENCES "T_C" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT);
create unique index "T_C_ID_KEY" on "t_c"("id");
create index "idx_n_c" on "t_c"("n");
select 'same-spelled-differently', farm_check('c') = '{"namespace":"c","applied":1,"version":1,"differences":[]}';
rollback;
-- dropped index, extra index
begin;
drop index "idx_n_c";
create index "by_hand" on "t_c"("a");
select value from json_each(farm_check('c'), '$.differences');
rollback;
-- an index changed: other columns, unique, partial
begin;
drop index "idx_n_c";
create unique index "idx_n_c" on "t_c"("a", "n") where "n" > 0;
select json_extract(value, '$.problem') || '|' || json_extract(value, '$.message')
	from json_each(farm_check('c'), '$.differences');
rollback;
-- the foreign key dropped (table rebuilt without it) and an extra one
begin;
drop table "t_c";
create table "t_c" ("id" TEXT NOT NULL, "a" TEXT NOT NULL REFERENCES "fragno_hooks" ("id"), "n" INTEGER NOT NULL DEFAULT 0, "r" INTEGER,
	"s" TEXT NOT NULL DEFAULT 'it''s', "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	"_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "_version" INTEGER NOT NULL DEFAULT 0);
create unique index "t_c_id_key" on "t_c"("id");
create index "idx_n_c" on "t_c"("n");
select json_extract(value, '$.problem') || '|' || json_extract(value, '$.message')
	from json_each(farm_check('c'), '$.differences');
rollback;
-- the foreign key pointing elsewhere
begin;
drop table "t_c";
create table "t_c" ("id" TEXT NOT NULL, "a" TEXT NOT NULL, "n" INTEGER NOT NULL DEFAULT 0,
	"r" INTEGER REFERENCES "fragno_hooks" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT,
	"s" TEXT NOT NULL DEFAULT 'it''s', "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	"_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "_version" INTEGER NOT NULL DEFAULT 0);
create unique index "t_c_id_key" on "t_c"("id");
create index "idx_n_c" on "t_c"("n");
select json_extract(value, '$.message') from json_each(farm_check('c'), '$.differences');
rollback;
-- a primary key on another column
begin;
drop table "t_c";
create table "t_c" ("id" TEXT NOT NULL PRIMARY KEY, "a" TEXT NOT NULL, "n" INTEGER NOT NULL DEFAULT 0, "r" INTEGER,
	"s" TEXT NOT NULL DEFAULT 'it''s', "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	"_internalId" INTEGER NOT NULL, "_version" INTEGER NOT NULL DEFAULT 0,
	CONSTRAINT "t_c_r_fkey" FOREIGN KEY ("r") REFERENCES "t_c" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT);
create unique index "t_c_id_key" on "t_c"("id");
create index "idx_n_c" on "t_c"("n");
select json_extract(value, '$.message') from json_each(farm_check('c'), '$.differences');
rollback;
-- missing table, extra table of the namespace (named "<table>_c"), a table
-- of someone else (not compared)
begin;
drop table "t_c";
create table "other_c" (x);
create table "mine" (x);
select value from json_each(farm_check('c'), '$.differences');
rollback;
-- the internal tables are compared too
begin;
drop index "idx_nonce";
select value from json_each(farm_check('c'), '$.differences');
rollback;
select 'exact-again', farm_check('c') = '{"namespace":"c","applied":1,"version":1,"differences":[]}';

-- a later operation not migrated yet: farm_check compares the applied version
select 'add-column', farm_add_column('c', 't', '{"name":"later","type":"bool","nullable":true}') = 2;
select 'applied-version-compared', farm_check('c') = '{"namespace":"c","applied":1,"version":1,"differences":[]}';
select 'migrate-2', farm_migrate('c') = 2;
select 'exact-2', farm_check('c') = '{"namespace":"c","applied":2,"version":2,"differences":[]}';

-- bad arguments
select farm_check(NULL);
select farm_check('no such');
select farm_check('unknown');
