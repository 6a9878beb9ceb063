-- gate.sql: registration is the gate (SPEC section 2).  Every write is
-- refused, with the same text on both hosts (sql/gate.sql), when what it
-- adds would fail later on either host or in Prisma; the database is then
-- unchanged.  Each rule first shows the failure it prevents, where SQLite
-- can show it.

select 'setup', farm_register('app', '{"tables":[
  {"name":"t","columns":[{"name":"a","type":"string"},{"name":"j","type":"json","nullable":true}]}]}') = 1;
select 'migrate', farm_migrate('app') = 1;

-- 5. names a host reserves or Prisma's engine cannot see
-- PostgreSQL's system columns (CREATE TABLE fails there with 42701)
.read snap.sql
select farm_add_table('app', '{"name":"u","columns":[{"name":"xmin","type":"string"}]}');
select farm_add_column('app', 't', '{"name":"ctid","type":"string","nullable":true}');
select farm_register('app', '{"tables":[{"name":"t","columns":[{"name":"a","type":"string"},{"name":"j","type":"json","nullable":true},{"name":"tableoid","type":"integer","nullable":true}]}]}');
.read same.sql
select 'xmin-other-case', farm_add_column('app', 't', '{"name":"XMIN","type":"string","nullable":true}') = 2;
-- SQLite reserves the sqlite_ prefix on any table or index name, in any case
create table "SQLITE_demo" (x);
create index "sqlite_demo" on fragno_db_settings (value);
.read snap.sql
select farm_add_table('app', '{"name":"sqlite"}');
select farm_add_table('app', '{"name":"Sqlite"}');
select farm_add_index('app', 't', '{"name":"SQLite","columns":["a"]}');
select farm_add_table('app', '{"name":"sqlite_x"}');
.read same.sql
-- tables Prisma's SQLite engine never describes, a '"' it cannot describe
.read snap.sql
select farm_add_table('app', '{"name":"_cf_KV"}');
select farm_add_table('app', '{"name":"_cf_METADATA"}');
select farm_add_table('app', '{"name":"_cf_K"}');
select farm_add_table('migrations', '{"name":"d1"}');
select farm_add_table('app', '{"name":"a\"b"}');
select farm_add_index('app', 't', '{"name":"i\"","columns":["a"]}');
.read same.sql
select 'engine-rules-exact', farm_add_table('app', '{"name":"_CF_kv","columns":[{"name":"q\"","type":"string"}]}') = 3;

-- 6. json columns: PostgreSQL has no btree operator class for json
.read snap.sql
select farm_add_index('app', 't', '{"name":"ij","columns":["a","j"]}');
select farm_add_table('app', '{"name":"v","columns":[{"name":"j","type":"json"}],"indexes":[{"name":"uj","columns":["j"],"unique":true}]}');
.read same.sql

-- 7. PostgreSQL's own name for the _internalId sequence (48+ byte tables:
-- the table name cut to 47 bytes, no hash)
select 'long', farm_add_table('seq', '{"name":"abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh","columns":[{"name":"x","type":"string"}]}') = 1;
.read snap.sql
select farm_add_index('seq', 'abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh',
	'{"name":"abcdefghijabcdefghijabcdefghijabcdefghijabcdefg__internalId","columns":["x"]}');
.read same.sql

-- 3. Prisma's constraint name spaces: keys, indexes and foreign keys of one
-- model (PostgreSQL); foreign keys of the whole database (MySQL)
.read snap.sql
select farm_add_table('fkey', '{"name":"t","columns":[{"name":"c","type":"reference","references":"t","nullable":true}],"indexes":[{"name":"t_fkey_c","columns":["c"]}]}');
.read same.sql
select 'fk-n', farm_add_table('n', '{"name":"p","columns":[{"name":"q_m_r","type":"reference","references":"p","nullable":true}]}') = 1;
.read snap.sql
select farm_add_table('m', '{"name":"p_n_q","columns":[{"name":"r","type":"reference","references":"p_n_q","nullable":true}]}');
.read same.sql

-- 9. physical names of every namespace in the database, case-insensitively
select 'meet-c', farm_add_table('c', '{"name":"a_b"}') = 1;
.read snap.sql
select farm_add_table('b_c', '{"name":"a"}');
select farm_add_table('b_c', '{"name":"A"}');
select farm_register('b_c', '{"tables":[{"name":"ok"},{"name":"a"}]}');
select farm_add_table('pkey', '{"name":"z","columns":[{"name":"x","type":"string"}],"indexes":[{"name":"a_b_c","columns":["x"]}]}');
.read same.sql
select 'other-ns-ok', farm_add_table('b_c', '{"name":"b"}') = 1;

-- 2. one file per namespace: model names end in "_<namespace>" with "-" as
-- "_", compared case-insensitively
select 'dash', farm_add_table('x-y', '{"name":"t"}') = 1;
.read snap.sql
select farm_add_table('x_y', '{"name":"u"}');
select farm_register('X_Y', '{"tables":[{"name":"w"}]}');
.read same.sql
select 'per-ns-files', farm_generate_prisma('x-y', '{"internal": false}') like '%model T_x_y {%';

-- 8. exact defaults: decimals keep every digit, json numbers stay as written
select 'exact', farm_add_table('d', '{"name":"t","columns":[
  {"name":"a","type":"decimal","default":{"value":12345678901234567890.5}},
  {"name":"b","type":"decimal","default":{"value":123456789012345678901234}},
  {"name":"j","type":"json","default":{"value":{"x":0.30000000000000009}}}]}') = 1;
select 'exact-schema', farm_schema('d') = '{"tables":[{"name":"t","columns":[{"name":"a","type":"decimal","default":{"value":12345678901234567890.5}},{"name":"b","type":"decimal","default":{"value":123456789012345678901234}},{"name":"j","type":"json","default":{"value":{"x":0.30000000000000009}}}],"indexes":[]}]}';
select 'exact-noop', farm_register('d', farm_schema('d')) = 1;
select 'exact-migrate', farm_migrate('d') = 1;
select 'exact-ddl', (select sql from sqlite_master where name = 't_d') like '%"a" REAL NOT NULL DEFAULT 12345678901234567890.5,%"b" REAL NOT NULL DEFAULT 123456789012345678901234,%DEFAULT ''{"x":0.30000000000000009}''%';
select 'exact-prisma', farm_generate_prisma('d', '{"provider": "postgresql", "internal": false}') like '%Decimal @default(12345678901234567890.5)%';
-- a column added later with such a default is planned and created too
select 'exact-later', farm_add_column('d', 't', '{"name":"w","type":"decimal","nullable":true,"default":{"value":99999999999999999999999999999999999}}') = 2
	and farm_migrate('d') = 2;
select 'exact-later-ddl', (select dflt_value from pragma_table_info('t_d') where name = 'w') = '99999999999999999999999999999999999';
select 'exact-check', farm_check('d') like '%"differences":[]}';
.read snap.sql
select farm_add_column('d', 't', '{"name":"i","type":"bigint","default":{"value":99999999999999999999}}');
select farm_add_column('d', 't', '{"name":"i","type":"integer","default":{"value":1.5}}');
.read same.sql

-- the gate judges what a write adds: a log stored before a rule existed
-- (here an index on json) still loads, and the namespace takes new writes
insert into fragno_db_settings (id, key, value) values ('old1', 'old.farm_op.0000000001',
	'{"op":"add-table","table":{"name":"t","columns":[{"name":"j","type":"json"}],"indexes":[{"name":"ij","columns":["j"]}]}}');
select 'old-loads', farm_schema_version('old') = 1 and farm_schema('old') like '%"ij"%';
select 'old-writes', farm_add_column('old', 't', '{"name":"z","type":"string","nullable":true}') = 2;
.read snap.sql
select farm_add_index('old', 't', '{"name":"ij2","columns":["j"]}');
.read same.sql
select 'migrate-all', farm_migrate('app') = 3 and farm_migrate('c') = 1;
