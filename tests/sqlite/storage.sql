-- storage.sql: farm_set_sqlite_storage('prisma' | 'default'), the SQLite
-- storage mode: 'prisma' (the default) or 'default' (the seed's layout:
-- epoch-ms INTEGER timestamps, 8-byte big-endian BLOB bigints), fixed once
-- anything has been migrated; DDL and Prisma output follow it.

-- the default is prisma; setting the current mode changes nothing
select 'set-prisma', farm_set_sqlite_storage('prisma') = 'prisma';
select 'nothing-created', (select count(*) from sqlite_master) = 0;
select 'header-prisma', farm_generate_prisma() like '%Provider: sqlite (prisma storage).%';

-- errors
select farm_set_sqlite_storage(NULL);
select farm_set_sqlite_storage('');
select farm_set_sqlite_storage('Default');
select farm_set_sqlite_storage('default ');
select farm_set_sqlite_storage(CAST(X'64656661756C7400' AS TEXT));
select farm_set_sqlite_storage(1);
select farm_set_sqlite_storage();
select 'still-nothing', (select count(*) from sqlite_master) = 0;

-- registered but not migrated: the mode may still change, back and forth
select 'register', farm_register('kv', '{"tables":[{"name":"entry","columns":[
  {"name":"key","type":"string"},
  {"name":"n","type":"bigint","default":{"value":-2}},
  {"name":"big","type":"bigint","nullable":true},
  {"name":"at","type":"timestamp","default":{"dbSpecial":"now"}},
  {"name":"day","type":"date","nullable":true},
  {"name":"doc","type":"json","nullable":true},
  {"name":"blob","type":"binary","nullable":true},
  {"name":"ok","type":"bool","default":{"value":true}},
  {"name":"amount","type":"decimal","nullable":true},
  {"name":"parentId","type":"reference","references":"entry","nullable":true}]}]}') = 1;
select 'set-default', farm_set_sqlite_storage('default') = 'default';
select 'stored', (select value from fragno_db_settings where key = '.sqlite_storage') = 'default';
select 'set-prisma-again', farm_set_sqlite_storage('prisma') = 'prisma';
select 'set-default-again', farm_set_sqlite_storage('default') = 'default';
select 'header-default', farm_generate_prisma() like '%Provider: sqlite (default storage).%';

-- the DDL of default mode
select farm_generate_sql('kv', '{"from":0}');
select 'internal-default', farm_generate_sql('kv') like '%"createdAt" INTEGER NOT NULL DEFAULT (CAST((julianday(''now'') - 2440587.5) * 86400000 AS INTEGER))%';
-- Prisma output follows the mode unless the option says otherwise
select 'prisma-int-timestamps', farm_generate_prisma('kv', '{"internal":false}') like '%  at %Int %@default(dbgenerated(%';
select 'prisma-bytes-bigint', farm_generate_prisma('kv', '{"internal":false}') like '%  n %Bytes %@default(dbgenerated("X''FFFFFFFFFFFFFFFE''"))%';
select 'prisma-option-wins', farm_generate_prisma('kv', '{"internal":false,"sqliteStorage":"prisma"}') like '%  at %DateTime %@default(now())%';
select 'prisma-pg-unaffected', farm_generate_prisma('kv', '{"provider":"postgresql"}') = farm_generate_prisma('kv', '{"provider":"postgresql","sqliteStorage":"prisma"}');

-- migrate: the tables get the default-mode types
select 'migrate', farm_migrate('kv') = 1;
select 'types', (select group_concat(name || ':' || type, ',') from pragma_table_info('entry_kv'))
	= 'id:TEXT,key:TEXT,n:BLOB,big:BLOB,at:INTEGER,day:INTEGER,doc:TEXT,blob:BLOB,ok:BOOLEAN,amount:REAL,parentId:INTEGER,_internalId:INTEGER,_version:INTEGER';
select 'hooks-types', (select group_concat(name || ':' || type, ',') from pragma_table_info('fragno_hooks') where name like '%At')
	= 'lastAttemptAt:INTEGER,nextRetryAt:INTEGER,createdAt:INTEGER';
insert into entry_kv (id, key) values ('e1', 'a');
select 'epoch-ms', (select typeof(at) = 'integer' and at between (strftime('%s', 'now') - 60) * 1000 and (strftime('%s', 'now') + 60) * 1000 from entry_kv);
select 'bigint-blob', (select typeof(n) = 'blob' and hex(n) = 'FFFFFFFFFFFFFFFE' from entry_kv);
insert into fragno_hooks (id, namespace, hookName, payload, status, nonce) values ('h1', 'kv', 'h', '{}', 'new', 'n');
select 'hooks-epoch-ms', (select typeof(createdAt) = 'integer' and createdAt > 1600000000000 from fragno_hooks);

-- fixed now: another mode is refused, the same one is fine
.read snap.sql
select farm_set_sqlite_storage('prisma');
.read same.sql
select 'same-ok', farm_set_sqlite_storage('default') = 'default';
.read same.sql
-- later alterations keep the mode (added column and rebuild)
select 'add', farm_add_column('kv', 'entry', '{"name":"seen","type":"timestamp","default":{"dbSpecial":"now"}}') = 2;
select 'migrate-2', farm_migrate('kv') = 2;
select 'added-type', (select type from pragma_table_info('entry_kv') where name = 'seen') = 'INTEGER';
select 'added-ms', (select typeof(seen) = 'integer' and seen > 1600000000000 from entry_kv);

-- start over in an empty database: migrating only the internal schema fixes the mode too
drop table entry_kv;
drop table fragno_hooks;
drop table fragno_db_settings;
delete from sqlite_sequence;
select 'fresh', farm_migrate() = 2;
select 'fresh-prisma', (select type from pragma_table_info('fragno_hooks') where name = 'createdAt') = 'DATETIME';
select farm_set_sqlite_storage('default');
select 'fresh-prisma-ok', farm_set_sqlite_storage('prisma') = 'prisma';
