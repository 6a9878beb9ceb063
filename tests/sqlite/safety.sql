-- safety.sql: functions that write or run DDL are SQLITE_DIRECTONLY: a
-- trigger or view (for instance in a database file someone hands you)
-- cannot call them, and the statement that tried changes nothing.  Hostile
-- names reach SQL only quoted.  safety.reopen.sql checks schema objects
-- loaded from the file.

select 'setup', farm_add_table('app', '{"name":"t","columns":[{"name":"a","type":"string","nullable":true}]}') = 1;
create table victim (x);
insert into victim values (1);
create table plain (what text);

-- triggers (one table each: SQLite compiles all triggers of a table at
-- once): the firing statement fails, nothing changes
create table log_register (x);
create trigger tr_register after insert on log_register begin select farm_register('app', '{"tables":[]}'); end;
create table log_add_table (x);
create trigger tr_add_table after insert on log_add_table begin select farm_add_table('app', '{"name":"u"}'); end;
create table log_add_column (x);
create trigger tr_add_column after insert on log_add_column begin select farm_add_column('app', 't', '{"name":"b","type":"string","nullable":true}'); end;
create table log_add_index (x);
create trigger tr_add_index after insert on log_add_index begin select farm_add_index('app', 't', '{"name":"i","columns":["a"]}'); end;
create table log_set_nullable (x);
create trigger tr_set_nullable after insert on log_set_nullable begin select farm_set_nullable('app', 't', 'a', 0); end;
create table log_migrate (x);
create trigger tr_migrate before insert on log_migrate begin select farm_migrate('app'); end;
create table log_migrate_all (x);
create trigger tr_migrate_all after insert on log_migrate_all begin select farm_migrate(); end;
create table log_storage (x);
create trigger tr_storage after insert on log_storage begin select farm_set_sqlite_storage('default'); end;
.read snap.sql
insert into log_register values (1);
insert into log_add_table values (1);
insert into log_add_column values (1);
insert into log_add_index values (1);
insert into log_set_nullable values (1);
insert into log_migrate values (1);
insert into log_migrate_all values (1);
insert into log_storage values (1);
.read same.sql
-- an UPDATE or DELETE trigger likewise
create trigger tr_upd after update on victim begin select farm_migrate(); end;
.read snap.sql
update victim set x = 2;
.read same.sql
drop trigger tr_upd;

-- views
create view v_register as select farm_register('app', '{"tables":[]}') as r;
create view v_add_table as select farm_add_table('app', '{"name":"u"}') as r;
create view v_add_column as select farm_add_column('app', 't', '{"name":"b","type":"string","nullable":true}') as r;
create view v_add_index as select farm_add_index('app', 't', '{"name":"i","columns":["a"]}') as r;
create view v_set_nullable as select farm_set_nullable('app', 't', 'a', 0) as r;
create view v_migrate as select farm_migrate('app') as r;
create view v_migrate_all as select farm_migrate() as r;
create view v_storage as select farm_set_sqlite_storage('default') as r;
.read snap.sql
select * from v_register;
select * from v_add_table;
select * from v_add_column;
select * from v_add_index;
select * from v_set_nullable;
select * from v_migrate;
select * from v_migrate_all;
select * from v_storage;
-- a view used inside another statement
select (select r from v_migrate) + 1;
.read same.sql

-- readers may be used in views and triggers while the schema is trusted
-- (SQLite's default); pure functions always
create view v_read as select farm_schema_version('app') as v, farm_applied_version('app') as a,
	farm_table_name('app', 't') as n, farm_version() is not null as fv, length(farm_schema('app')) > 0 as s,
	length(farm_generate_prisma('app')) > 0 as p, json_valid(farm_namespaces()) as ns, length(farm_generate_sql('app')) > 0 as g;
select 'view-readers', (select v = 1 and a = 0 and n = 't_app' and fv and s and p and ns and g from v_read);
PRAGMA trusted_schema = OFF;
select * from v_read;
create view v_pure as select farm_table_name('app', 't') as n, farm_version() is not null as fv;
select 'view-pure-untrusted', (select n = 't_app' and fv from v_pure);
PRAGMA trusted_schema = ON;

-- not in generated columns, defaults or index expressions either
create table g1 (x, y as (farm_migrate('app')));
create table g2 (x default (farm_migrate()));
insert into g2 default values;
create index ix on victim (farm_migrate('app'));
create index ix on victim (farm_schema_version('app'));
-- a pure function may be used in an index expression
create index ix_pure on victim (farm_table_name('app', 'v' || x));
select 'pure-index', (select count(*) from sqlite_master where name = 'ix_pure') = 1;
drop index ix_pure;
-- a CHECK constraint created in this connection runs, but a writer cannot
-- open its savepoint inside a writing statement; safety.reopen.sql loads it from the file
create table chk (x check (farm_migrate('app') >= 0));
.read snap.sql
insert into chk values (1);
.read same.sql
-- the same holds for a writer called from any writing statement
insert into plain values (farm_migrate('app'));
insert into plain select farm_add_table('app', '{"name":"u"}');
update victim set x = farm_migrate('app');
.read same.sql
-- at top level every writer works
select 'top-level', farm_migrate('app') = 1;

-- hostile names: quoted everywhere, created exactly as written
-- (a '"' in a table or index name is refused: Prisma's engine cannot describe it)
select 'hostile', farm_add_table('app', '{"name":"x''; drop table victim; --","columns":[
	{"name":"''); drop table victim; --","type":"string","default":{"value":"''); drop table victim; --"}},
	{"name":"\"\"","type":"json","default":{"value":{"''":"\""}}},
	{"name":"ref]","type":"reference","references":"x''; drop table victim; --","nullable":true}],
	"indexes":[{"name":"i`); drop table victim; --","columns":["ref]","''); drop table victim; --"],"unique":true}]}') = 2;
select 'hostile-migrate', farm_migrate('app') = 2;
select 'victim-alive', (select count(*) from victim) = 1;
select 'hostile-table', (select count(*) from sqlite_master where type = 'table' and name = 'x''; drop table victim; --_app') = 1;
select 'hostile-columns', (select group_concat(name, '|') from pragma_table_info('x''; drop table victim; --_app'))
	= 'id|''); drop table victim; --|""|ref]|_internalId|_version';
select 'hostile-index', (select count(*) from sqlite_master where type = 'index' and name = 'i`); drop table victim; --_app') = 1;
insert into "x'; drop table victim; --_app" (id) values ('h1');
select 'hostile-defaults', (select "'); drop table victim; --" = '''); drop table victim; --' and """""" = '{"''":"\""}'
	from "x'; drop table victim; --_app");
select 'hostile-prisma', instr(farm_generate_prisma('app'), 'drop table victim; --') > 0;
-- namespaces cannot carry anything: the allow-list refuses before any SQL
select farm_add_table('x"; drop table victim; --', '{"name":"t"}');
select farm_add_table('a''b', '{"name":"t"}');
select farm_migrate('*/ drop table victim; /*');
select 'victim-still', (select count(*) from victim) = 1;
