-- concurrency.sql: two processes.  A writer takes the write lock before it
-- reads anything, so a concurrent caller with a busy timeout waits for the
-- other transaction and then sees its result (a migration applies exactly
-- once); without a busy timeout it fails cleanly with "database is locked".
-- lib/hold_lock.sh runs the other process on the SQL written to hN.sql.

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
