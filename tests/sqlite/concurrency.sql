-- concurrency.sql: two processes.  A writer takes the write lock before it
-- reads anything, so a concurrent caller with a busy timeout waits for the
-- other transaction and then sees its result (a migration applies exactly
-- once); without a busy timeout, or when a reader outlasts it, or in a
-- caller's transaction that read first, it fails cleanly with the one
-- retryable "database is locked" error.  lib/hold_lock.sh runs the other
-- process on the SQL written to hN.sql.  (first_write.sql: the same on a
-- brand-new file; concurrency.sh: many processes.)

select 'register', farm_add_table('ns', '{"name":"t"}') = 1;

-- the other process migrates and holds the lock; this one waits, then finds nothing to do
.once h1.sql
select 'select ''h1'', farm_migrate(''ns'');';
.system sh hold_lock.sh h1 &
.system sh wait_for.sh h1.locked
.timeout 10000
select 'waited-noop', farm_migrate('ns') = 1;
.system sh wait_for.sh h1.done
select 'h1-migrated', CAST(readfile('h1.out') AS TEXT) = 'h1|1' || char(10);
select 'once', farm_applied_version('ns') = 1 and (select count(*) from sqlite_master where name = 't_ns') = 1;

-- the other process registers a table; this one waits and then sees it exists
.once h2.sql
select 'select ''h2'', farm_add_table(''ns'', ''{"name":"u"}'');';
.system sh hold_lock.sh h2 &
.system sh wait_for.sh h2.locked
select farm_add_table('ns', '{"name":"u"}');
.system sh wait_for.sh h2.done
select 'h2-registered', CAST(readfile('h2.out') AS TEXT) = 'h2|2' || char(10);
select 'registered-once', farm_schema_version('ns') = 2;

-- no busy timeout: a clean error, nothing changed, the other process's work intact
.once h3.sql
select 'select ''h3'', farm_migrate(''ns'');';
.system sh hold_lock.sh h3 &
.system sh wait_for.sh h3.locked
.timeout 0
select farm_migrate('ns');
select farm_add_table('ns', '{"name":"v"}');
.system sh wait_for.sh h3.done
select 'h3-migrated', CAST(readfile('h3.out') AS TEXT) = 'h3|2' || char(10);
select 'state', farm_schema_version('ns') = 2 and farm_applied_version('ns') = 2;

-- rollback-journal mode: another process holds a read lock for longer than
-- the busy timeout; the call gets the write lock, but its commit cannot wait
-- that long: the retryable error, everything undone
.once h4.sql
select 'select ''h4'', count(*) from fragno_db_settings;';
.system sh hold_lock.sh h4 test.db begin &
.system sh wait_for.sh h4.locked
.timeout 100
.read snap.sql
select farm_add_table('ns', '{"name":"w"}');
.read same.sql
.system sh wait_for.sh h4.done
.timeout 10000
select 'h4-read', CAST(readfile('h4.out') AS TEXT) glob 'h4|[0-9]*';
select 'after-reader', farm_add_table('ns', '{"name":"w"}') = 3;

-- a caller's deferred transaction that read first cannot upgrade while the
-- other process writes: the retryable error at once (the other process
-- still holds its lock), busy timeout or not
.once h5.sql
select 'select ''h5'', farm_add_table(''ns'', ''{"name":"x5"}'');';
.system sh hold_lock.sh h5 &
.system sh wait_for.sh h5.locked
begin;
select 'read-first', count(*) > 0 from fragno_db_settings;
select farm_add_table('ns', '{"name":"y5"}');
select 'no-wait', CAST(readfile('h5.done') AS TEXT) is null;
rollback;
.system sh wait_for.sh h5.done
select 'h5-added', CAST(readfile('h5.out') AS TEXT) = 'h5|4' || char(10) and farm_schema_version('ns') = 4;

-- a deferred BEGIN whose first statement is the farmorm call waits (the
-- call takes the lock first) and sees the other process's table
.once h6.sql
select 'select ''h6'', farm_add_table(''ns'', ''{"name":"x6"}'');';
.system sh hold_lock.sh h6 &
.system sh wait_for.sh h6.locked
begin;
select 'call-first', farm_add_table('ns', '{"name":"y6"}') = 6;
select 'waited', CAST(readfile('h6.out') AS TEXT) = 'h6|5' || char(10);
commit;
.system sh wait_for.sh h6.done
select 'both-tables', farm_schema_version('ns') = 6;
