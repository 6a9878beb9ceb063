-- discard_pending.sql: farm_discard_pending(ns), the way out for a namespace
-- stuck on registered operations no migration can apply: it deletes the
-- operations above the applied version (never applied in this database) and
-- returns the registered version left (= the applied version).  Afterwards
-- the namespace accepts new operations and migrates.  A registry write:
-- refused from triggers and views, nothing changed after an error.

-- before anything exists: unknown namespace, and no registry is created
select farm_discard_pending('n');
select 'no-registry', (select count(*) from sqlite_master) = 0;

-- bad input: the namespace rules of every function
.read snap.sql
select farm_discard_pending(NULL);
select farm_discard_pending('');
select farm_discard_pending('-n');
select farm_discard_pending('my"ns');
select farm_discard_pending('''; drop table x; --');
select farm_discard_pending('n' || char(10) || 'generator');
select farm_discard_pending(printf('%.*c', 64, 'n'));
select farm_discard_pending(CAST(X'C3' AS TEXT));
select farm_discard_pending(CAST(X'6E0073' AS TEXT));
select farm_discard_pending(7);
.read same.sql

-- nothing pending: a no-op returning the version
select 'v1', farm_add_table('n', '{"name":"t","columns":[{"name":"a","type":"string","nullable":true}]}') = 1;
select 'm1', farm_migrate('n') = 1;
insert into "t_n" ("id", "a") values ('r1', 'kept');
.read snap.sql
select 'noop', farm_discard_pending('n') = 1;
.read same.sql

-- unknown namespace next to a registered one
select farm_discard_pending('other');
.read same.sql

-- a stuck namespace: version 2 registered, and migrating it fails (here a
-- table made by hand holds its physical name)
select 'v2', farm_add_table('n', '{"name":"u"}') = 2;
create table "u_n" (handmade);
select farm_migrate('n');
select farm_migrate();
select 'stuck', farm_schema_version('n') = 2 and farm_applied_version('n') = 1;
-- a caller's transaction that rolls back keeps the operation
begin;
select 'in-tx', farm_discard_pending('n') = 1;
select 'in-tx-version', farm_schema_version('n') = 1;
rollback;
select 'rolled-back', farm_schema_version('n') = 2;
-- the way out
select 'discard', farm_discard_pending('n') = 1;
select 'registered', farm_schema_version('n') = 1;
select 'applied', farm_applied_version('n') = 1;
select 'schema', farm_schema('n') = '{"tables":[{"name":"t","columns":[{"name":"a","type":"string","nullable":true}],"indexes":[]}]}';
select 'namespaces', farm_namespaces() = '[{"namespace":"n","version":1,"applied":1}]';
select 'op-row-gone', (select count(*) from fragno_db_settings where key like 'n.farm_op.%') = 1;
select 'rows-kept', (select a from "t_n" where id = 'r1') = 'kept';
select 'handmade-kept', (select count(*) from sqlite_master where name = 'u_n') = 1;
-- a second call: nothing pending
select 'again', farm_discard_pending('n') = 1;
-- migrate works again (no-op)
select 'migrate-ok', farm_migrate('n') = 1;
select 'migrate-all-ok', farm_migrate() = 2;

-- the connection's cache held the schema with "u" (built by the write that
-- registered it): it must not be reused, "u" is new again
select 'u-again', farm_add_table('n', '{"name":"u","columns":[{"name":"b","type":"integer","nullable":true}]}') = 2;
select 'u-b', farm_add_column('n', 'u', '{"name":"c","type":"string","nullable":true}') = 3;
drop table "u_n";
select 'm3', farm_migrate('n') = 3;
select 'u-columns', (select group_concat(name, ',') from pragma_table_info('u_n')) = 'id,b,_internalId,_version,c';

-- an operation that does not even replay (written by hand, or by a
-- version that understood it): discarded without being read
insert into fragno_db_settings (id, key, value) values ('x4', 'n.farm_op.0000000004', '{"op":"no-such-op"}');
select farm_migrate('n');
select farm_schema('n');
select 'forged-discarded', farm_discard_pending('n') = 3;
select 'forged-schema', farm_schema_version('n') = 3 and farm_migrate('n') = 3;

-- several pending operations, other namespaces untouched
select 'o1', farm_add_table('other', '{"name":"t"}') = 1;
select 'o-m', farm_migrate('other') = 1;
select 'o2', farm_add_table('other', '{"name":"x"}') = 2;
select 'n4', farm_add_table('n', '{"name":"p"}') = 4;
select 'n5', farm_add_column('n', 'p', '{"name":"q","type":"bool","nullable":true}') = 5;
select 'n6', farm_add_index('n', 'p', '{"name":"iq","columns":["q"]}') = 6;
select 'discard-3', farm_discard_pending('n') = 3;
select 'n-3', farm_namespaces() = '[{"namespace":"n","version":3,"applied":3},{"namespace":"other","version":2,"applied":1}]';
select 'p-new', farm_add_table('n', '{"name":"p"}') = 4;
select 'p-migrates', farm_migrate('n') = 4;
select 'other-migrates', farm_migrate('other') = 2;

-- never migrated: every operation goes, the namespace is unregistered
select 'f1', farm_register('fresh', '{"tables":[{"name":"a"},{"name":"b"}]}') = 2;
select 'fresh-0', farm_discard_pending('fresh') = 0;
select 'fresh-gone', farm_schema_version('fresh') = 0
	and farm_namespaces() = '[{"namespace":"n","version":4,"applied":4},{"namespace":"other","version":2,"applied":2}]';
select farm_discard_pending('fresh');
select farm_schema('fresh');
select 'fresh-again', farm_register('fresh', '{"tables":[{"name":"a"}]}') = 1 and farm_migrate('fresh') = 1;

-- a damaged registry (applied beyond registered) is reported, not "fixed"
update fragno_db_settings set value = '9' where key = 'other.schema_version';
.read snap.sql
select farm_discard_pending('other');
.read same.sql
update fragno_db_settings set value = '2' where key = 'other.schema_version';

-- refused from triggers and views, nothing changes
select 'p5', farm_add_table('n', '{"name":"z"}') = 5;
create table log_discard (x);
create trigger tr_discard after insert on log_discard begin select farm_discard_pending('n'); end;
create view v_discard as select farm_discard_pending('n') as r;
.read snap.sql
insert into log_discard values (1);
select * from v_discard;
.read same.sql
select 'still-5', farm_schema_version('n') = 5;
