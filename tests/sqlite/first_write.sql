-- first_write.sql: the first registry write on a brand-new (0-byte) file
-- while another process writes.  The lock-first step of every writer must
-- wait for the other transaction (busy timeout) and then see what it
-- committed; a waiter must never write an empty database over the other
-- process's commit, also when it fails afterwards.  Each case starts on a
-- new 0-byte file (.open); lib/hold_lock.sh runs the other process.
-- (.open starts a new connection: the module and the busy timeout are set
-- again for each file)

-- the issue's reproduction: A registers inside BEGIN IMMEDIATE and holds
-- the lock, B registers another namespace meanwhile: both are kept
.system : > f1.db
.open f1.db
.load ./farmorm
.timeout 10000
.once w1.sql
select 'select ''w1'', farm_register(''a'', ''{"tables":[{"name":"t"}]}'');';
.system sh hold_lock.sh w1 f1.db &
.system sh wait_for.sh w1.locked
select 'b-registered', farm_register('b', '{"tables":[{"name":"u"}]}') = 1;
.system sh wait_for.sh w1.done
select 'a-committed', CAST(readfile('w1.out') AS TEXT) = 'w1|1' || char(10);
select 'both-kept', farm_namespaces() = '[{"namespace":"a","version":1,"applied":0},{"namespace":"b","version":1,"applied":0}]';
select 'migrate-both', farm_migrate() = 2 and farm_applied_version('a') = 1 and farm_applied_version('b') = 1;
select 'integrity', (select group_concat(integrity_check) from pragma_integrity_check) = 'ok';

-- the same namespace and definition from both: registered once
.system : > f2.db
.open f2.db
.load ./farmorm
.timeout 10000
.once w2.sql
select 'select ''w2'', farm_register(''a'', ''{"tables":[{"name":"t"}]}'');';
.system sh hold_lock.sh w2 f2.db &
.system sh wait_for.sh w2.locked
select 'same-def', farm_register('a', '{"tables":[{"name":"t"}]}') = 1;
.system sh wait_for.sh w2.done
select 'same-once', CAST(readfile('w2.out') AS TEXT) = 'w2|1' || char(10)
	and farm_schema_version('a') = 1
	and (select count(*) from fragno_db_settings where key like 'a.farm_op.%') = 1;

-- A registers and migrates, B migrates everything meanwhile: B waits and
-- finds the work done (the migration ran once, in A)
.system : > f3.db
.open f3.db
.load ./farmorm
.timeout 10000
.once w3.sql
select 'select ''w3'', farm_register(''a'', ''{"tables":[{"name":"t"}]}''), farm_migrate(''a'');';
.system sh hold_lock.sh w3 f3.db &
.system sh wait_for.sh w3.locked
select 'migrate-waits', farm_migrate() = 2;
.system sh wait_for.sh w3.done
select 'a-migrated', CAST(readfile('w3.out') AS TEXT) = 'w3|1|1' || char(10)
	and farm_applied_version('a') = 1
	and (select count(*) from sqlite_master where name = 't_a') = 1;

-- another application creates its own table on the new file; B's call
-- waits, then fails (unknown table): A's table is intact
.system : > f4.db
.open f4.db
.load ./farmorm
.timeout 10000
.once w4.sql
select 'create table app (x); insert into app values (42);';
.system sh hold_lock.sh w4 f4.db &
.system sh wait_for.sh w4.locked
select farm_add_column('a', 't', '{"name":"c","type":"string","nullable":true}');
.system sh wait_for.sh w4.done
select 'app-kept', (select x from app) = 42 and farm_namespaces() = '[]';
select 'integrity', (select group_concat(integrity_check) from pragma_integrity_check) = 'ok';

-- the same, B registers successfully after the wait
.system : > f5.db
.open f5.db
.load ./farmorm
.timeout 10000
.once w5.sql
select 'create table app (x); insert into app values (42);';
.system sh hold_lock.sh w5 f5.db &
.system sh wait_for.sh w5.locked
select 'b-after-app', farm_register('b', '{"tables":[{"name":"u"}]}') = 1;
.system sh wait_for.sh w5.done
select 'app-and-b', (select x from app) = 42 and farm_schema_version('b') = 1;

-- a busy timeout shorter than the other transaction: the retryable error,
-- after the timeout, and A's commit intact
.system : > f6.db
.open f6.db
.load ./farmorm
.timeout 10000
.once w6.sql
select 'select ''w6'', farm_register(''a'', ''{"tables":[{"name":"t"}]}'');';
.system sh hold_lock.sh w6 f6.db &
.system sh wait_for.sh w6.locked
.timeout 100
select farm_register('b', '{"tables":[{"name":"u"}]}');
select farm_migrate();
.timeout 10000
.system sh wait_for.sh w6.done
select 'a-only', farm_namespaces() = '[{"namespace":"a","version":1,"applied":0}]';

-- a file that does not exist yet
.open f7.db
.load ./farmorm
.timeout 10000
.once w7.sql
select 'select ''w7'', farm_register(''a'', ''{"tables":[{"name":"t"}]}'');';
.system sh hold_lock.sh w7 f7.db &
.system sh wait_for.sh w7.locked
select 'new-file', farm_register('b', '{"tables":[{"name":"u"}]}') = 1;
.system sh wait_for.sh w7.done
select 'new-file-both', farm_namespaces() = '[{"namespace":"a","version":1,"applied":0},{"namespace":"b","version":1,"applied":0}]';

-- the lock step on a file without the registry (PRAGMA incremental_vacuum(1))
-- frees at most one free page of an auto_vacuum=INCREMENTAL database and
-- leaves its data alone; a failed call undoes even that
.open f8.db
.load ./farmorm
.timeout 10000
PRAGMA auto_vacuum = INCREMENTAL;
create table app (x);
insert into app select randomblob(3000) from generate_series(1, 50);
delete from app where rowid > 10;
create temp table free_before as select freelist_count n from pragma_freelist_count;
select farm_add_column('a', 't', '{"name":"c","type":"string","nullable":true}');
select 'failed-frees-nothing', (select freelist_count from pragma_freelist_count) = (select n from free_before);
select 'noop-call', farm_set_sqlite_storage('prisma') = 'prisma' and farm_namespaces() = '[]';
select 'one-page-freed', (select freelist_count from pragma_freelist_count) = (select n from free_before) - 1;
select 'app-intact', (select count(*) from app) = 10 and (select integrity_check from pragma_integrity_check) = 'ok';
