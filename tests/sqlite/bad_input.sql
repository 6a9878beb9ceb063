-- bad_input.sql: NULL arguments, invalid namespaces, invalid UTF-8,
-- embedded NULs, megabyte inputs and malformed JSON, for every function and
-- every argument.  Each gets an error saying what was wrong (never a crash),
-- and after each the database is unchanged.  The namespace matrix below is
-- written out in full on purpose: every function validates its own input.

select 'setup', farm_register('app', '{"tables":[{"name":"t","columns":[{"name":"a","type":"string"}]}]}') = 1;
select 'setup-migrate', farm_migrate('app') = 1;
insert into t_app (id, a) values ('r1', 'row');
.read snap.sql

-- NULL for every argument of every function
select farm_register(NULL, '{"tables":[]}');
select farm_register('app', NULL);
select farm_register(NULL, NULL);
select farm_add_table(NULL, '{"name":"u"}');
select farm_add_table('app', NULL);
select farm_add_column(NULL, 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('app', NULL, '{"name":"c","type":"string","nullable":true}');
select farm_add_column('app', 't', NULL);
select farm_add_index(NULL, 't', '{"name":"i","columns":["a"]}');
select farm_add_index('app', NULL, '{"name":"i","columns":["a"]}');
select farm_add_index('app', 't', NULL);
select farm_set_nullable(NULL, 't', 'a', 1);
select farm_set_nullable('app', NULL, 'a', 1);
select farm_set_nullable('app', 't', NULL, 1);
select farm_set_nullable('app', 't', 'a', NULL);
select farm_schema(NULL);
select farm_schema_version(NULL);
select farm_applied_version(NULL);
select farm_table_name(NULL, 't');
select farm_table_name('app', NULL);
select farm_generate_prisma(NULL);
select farm_generate_sql(NULL);
select farm_generate_sql(NULL, '{}');
select farm_migrate(NULL);
select farm_set_sqlite_storage(NULL);
-- NULL options mean "no options"; a NULL namespace with options means all namespaces
select 'null-options', farm_generate_prisma('app', NULL) = farm_generate_prisma('app')
	and farm_generate_sql('app', NULL) = farm_generate_sql('app')
	and farm_generate_prisma(NULL, NULL) = farm_generate_prisma();
.read same.sql

-- empty strings for every text argument
select farm_register('app', '');
select farm_add_table('app', '');
select farm_add_column('app', '', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('app', 't', '');
select farm_add_index('app', '', '{"name":"i","columns":["a"]}');
select farm_add_index('app', 't', '');
select farm_set_nullable('app', '', 'a', 1);
select farm_set_nullable('app', 't', '', 1);
select farm_table_name('app', '');
select farm_generate_prisma('app', '');
select farm_generate_sql('app', '');
select farm_set_sqlite_storage('');
.read same.sql

-- invalid namespaces, for every function that takes one
-- farm_register
select farm_register('', '{"tables":[]}');
select farm_register('-ns', '{"tables":[]}');
select farm_register('_ns', '{"tables":[]}');
select farm_register('1ns', '{"tables":[]}');
select farm_register(printf('%.*c', 64, 'n'), '{"tables":[]}');
select farm_register('my ns', '{"tables":[]}');
select farm_register('my.ns', '{"tables":[]}');
select farm_register('my"ns', '{"tables":[]}');
select farm_register('my''ns', '{"tables":[]}');
select farm_register('''; drop table x; --', '{"tables":[]}');
select farm_register('ns*/--', '{"tables":[]}');
select farm_register('ns' || char(10) || 'generator', '{"tables":[]}');
select farm_register('nś', '{"tables":[]}');
select farm_register(CAST(X'C3' AS TEXT), '{"tables":[]}');
select farm_register(CAST(X'6E0073' AS TEXT), '{"tables":[]}');
select farm_register(CAST(X'6E7300' AS TEXT), '{"tables":[]}');
select farm_register(7, '{"tables":[]}');
select farm_register(printf('%.*c', 2000000, 'n'), '{"tables":[]}');
.read same.sql
-- farm_add_table
select farm_add_table('', '{"name":"t"}');
select farm_add_table('-ns', '{"name":"t"}');
select farm_add_table('_ns', '{"name":"t"}');
select farm_add_table('1ns', '{"name":"t"}');
select farm_add_table(printf('%.*c', 64, 'n'), '{"name":"t"}');
select farm_add_table('my ns', '{"name":"t"}');
select farm_add_table('my.ns', '{"name":"t"}');
select farm_add_table('my"ns', '{"name":"t"}');
select farm_add_table('my''ns', '{"name":"t"}');
select farm_add_table('''; drop table x; --', '{"name":"t"}');
select farm_add_table('ns*/--', '{"name":"t"}');
select farm_add_table('ns' || char(10) || 'generator', '{"name":"t"}');
select farm_add_table('nś', '{"name":"t"}');
select farm_add_table(CAST(X'C3' AS TEXT), '{"name":"t"}');
select farm_add_table(CAST(X'6E0073' AS TEXT), '{"name":"t"}');
select farm_add_table(CAST(X'6E7300' AS TEXT), '{"name":"t"}');
select farm_add_table(7, '{"name":"t"}');
select farm_add_table(printf('%.*c', 2000000, 'n'), '{"name":"t"}');
.read same.sql
-- farm_add_column
select farm_add_column('', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('-ns', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('_ns', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('1ns', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column(printf('%.*c', 64, 'n'), 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('my ns', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('my.ns', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('my"ns', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('my''ns', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('''; drop table x; --', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('ns*/--', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('ns' || char(10) || 'generator', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column('nś', 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column(CAST(X'C3' AS TEXT), 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column(CAST(X'6E0073' AS TEXT), 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column(CAST(X'6E7300' AS TEXT), 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column(7, 't', '{"name":"c","type":"string","nullable":true}');
select farm_add_column(printf('%.*c', 2000000, 'n'), 't', '{"name":"c","type":"string","nullable":true}');
.read same.sql
-- farm_add_index
select farm_add_index('', 't', '{"name":"i","columns":["a"]}');
select farm_add_index('-ns', 't', '{"name":"i","columns":["a"]}');
select farm_add_index('_ns', 't', '{"name":"i","columns":["a"]}');
select farm_add_index('1ns', 't', '{"name":"i","columns":["a"]}');
select farm_add_index(printf('%.*c', 64, 'n'), 't', '{"name":"i","columns":["a"]}');
select farm_add_index('my ns', 't', '{"name":"i","columns":["a"]}');
select farm_add_index('my.ns', 't', '{"name":"i","columns":["a"]}');
select farm_add_index('my"ns', 't', '{"name":"i","columns":["a"]}');
select farm_add_index('my''ns', 't', '{"name":"i","columns":["a"]}');
select farm_add_index('''; drop table x; --', 't', '{"name":"i","columns":["a"]}');
select farm_add_index('ns*/--', 't', '{"name":"i","columns":["a"]}');
select farm_add_index('ns' || char(10) || 'generator', 't', '{"name":"i","columns":["a"]}');
select farm_add_index('nś', 't', '{"name":"i","columns":["a"]}');
select farm_add_index(CAST(X'C3' AS TEXT), 't', '{"name":"i","columns":["a"]}');
select farm_add_index(CAST(X'6E0073' AS TEXT), 't', '{"name":"i","columns":["a"]}');
select farm_add_index(CAST(X'6E7300' AS TEXT), 't', '{"name":"i","columns":["a"]}');
select farm_add_index(7, 't', '{"name":"i","columns":["a"]}');
select farm_add_index(printf('%.*c', 2000000, 'n'), 't', '{"name":"i","columns":["a"]}');
.read same.sql
-- farm_set_nullable
select farm_set_nullable('', 't', 'a', 1);
select farm_set_nullable('-ns', 't', 'a', 1);
select farm_set_nullable('_ns', 't', 'a', 1);
select farm_set_nullable('1ns', 't', 'a', 1);
select farm_set_nullable(printf('%.*c', 64, 'n'), 't', 'a', 1);
select farm_set_nullable('my ns', 't', 'a', 1);
select farm_set_nullable('my.ns', 't', 'a', 1);
select farm_set_nullable('my"ns', 't', 'a', 1);
select farm_set_nullable('my''ns', 't', 'a', 1);
select farm_set_nullable('''; drop table x; --', 't', 'a', 1);
select farm_set_nullable('ns*/--', 't', 'a', 1);
select farm_set_nullable('ns' || char(10) || 'generator', 't', 'a', 1);
select farm_set_nullable('nś', 't', 'a', 1);
select farm_set_nullable(CAST(X'C3' AS TEXT), 't', 'a', 1);
select farm_set_nullable(CAST(X'6E0073' AS TEXT), 't', 'a', 1);
select farm_set_nullable(CAST(X'6E7300' AS TEXT), 't', 'a', 1);
select farm_set_nullable(7, 't', 'a', 1);
select farm_set_nullable(printf('%.*c', 2000000, 'n'), 't', 'a', 1);
.read same.sql
-- farm_schema
select farm_schema('');
select farm_schema('-ns');
select farm_schema('_ns');
select farm_schema('1ns');
select farm_schema(printf('%.*c', 64, 'n'));
select farm_schema('my ns');
select farm_schema('my.ns');
select farm_schema('my"ns');
select farm_schema('my''ns');
select farm_schema('''; drop table x; --');
select farm_schema('ns*/--');
select farm_schema('ns' || char(10) || 'generator');
select farm_schema('nś');
select farm_schema(CAST(X'C3' AS TEXT));
select farm_schema(CAST(X'6E0073' AS TEXT));
select farm_schema(CAST(X'6E7300' AS TEXT));
select farm_schema(7);
select farm_schema(printf('%.*c', 2000000, 'n'));
.read same.sql
-- farm_schema_version
select farm_schema_version('');
select farm_schema_version('-ns');
select farm_schema_version('_ns');
select farm_schema_version('1ns');
select farm_schema_version(printf('%.*c', 64, 'n'));
select farm_schema_version('my ns');
select farm_schema_version('my.ns');
select farm_schema_version('my"ns');
select farm_schema_version('my''ns');
select farm_schema_version('''; drop table x; --');
select farm_schema_version('ns*/--');
select farm_schema_version('ns' || char(10) || 'generator');
select farm_schema_version('nś');
select farm_schema_version(CAST(X'C3' AS TEXT));
select farm_schema_version(CAST(X'6E0073' AS TEXT));
select farm_schema_version(CAST(X'6E7300' AS TEXT));
select farm_schema_version(7);
select farm_schema_version(printf('%.*c', 2000000, 'n'));
.read same.sql
-- farm_applied_version
select farm_applied_version('');
select farm_applied_version('-ns');
select farm_applied_version('_ns');
select farm_applied_version('1ns');
select farm_applied_version(printf('%.*c', 64, 'n'));
select farm_applied_version('my ns');
select farm_applied_version('my.ns');
select farm_applied_version('my"ns');
select farm_applied_version('my''ns');
select farm_applied_version('''; drop table x; --');
select farm_applied_version('ns*/--');
select farm_applied_version('ns' || char(10) || 'generator');
select farm_applied_version('nś');
select farm_applied_version(CAST(X'C3' AS TEXT));
select farm_applied_version(CAST(X'6E0073' AS TEXT));
select farm_applied_version(CAST(X'6E7300' AS TEXT));
select farm_applied_version(7);
select farm_applied_version(printf('%.*c', 2000000, 'n'));
.read same.sql
-- farm_table_name
select farm_table_name('', 't');
select farm_table_name('-ns', 't');
select farm_table_name('_ns', 't');
select farm_table_name('1ns', 't');
select farm_table_name(printf('%.*c', 64, 'n'), 't');
select farm_table_name('my ns', 't');
select farm_table_name('my.ns', 't');
select farm_table_name('my"ns', 't');
select farm_table_name('my''ns', 't');
select farm_table_name('''; drop table x; --', 't');
select farm_table_name('ns*/--', 't');
select farm_table_name('ns' || char(10) || 'generator', 't');
select farm_table_name('nś', 't');
select farm_table_name(CAST(X'C3' AS TEXT), 't');
select farm_table_name(CAST(X'6E0073' AS TEXT), 't');
select farm_table_name(CAST(X'6E7300' AS TEXT), 't');
select farm_table_name(7, 't');
select farm_table_name(printf('%.*c', 2000000, 'n'), 't');
.read same.sql
-- farm_generate_prisma/1
select farm_generate_prisma('');
select farm_generate_prisma('-ns');
select farm_generate_prisma('_ns');
select farm_generate_prisma('1ns');
select farm_generate_prisma(printf('%.*c', 64, 'n'));
select farm_generate_prisma('my ns');
select farm_generate_prisma('my.ns');
select farm_generate_prisma('my"ns');
select farm_generate_prisma('my''ns');
select farm_generate_prisma('''; drop table x; --');
select farm_generate_prisma('ns*/--');
select farm_generate_prisma('ns' || char(10) || 'generator');
select farm_generate_prisma('nś');
select farm_generate_prisma(CAST(X'C3' AS TEXT));
select farm_generate_prisma(CAST(X'6E0073' AS TEXT));
select farm_generate_prisma(CAST(X'6E7300' AS TEXT));
select farm_generate_prisma(7);
select farm_generate_prisma(printf('%.*c', 2000000, 'n'));
.read same.sql
-- farm_generate_prisma/2
select farm_generate_prisma('', '{}');
select farm_generate_prisma('-ns', '{}');
select farm_generate_prisma('_ns', '{}');
select farm_generate_prisma('1ns', '{}');
select farm_generate_prisma(printf('%.*c', 64, 'n'), '{}');
select farm_generate_prisma('my ns', '{}');
select farm_generate_prisma('my.ns', '{}');
select farm_generate_prisma('my"ns', '{}');
select farm_generate_prisma('my''ns', '{}');
select farm_generate_prisma('''; drop table x; --', '{}');
select farm_generate_prisma('ns*/--', '{}');
select farm_generate_prisma('ns' || char(10) || 'generator', '{}');
select farm_generate_prisma('nś', '{}');
select farm_generate_prisma(CAST(X'C3' AS TEXT), '{}');
select farm_generate_prisma(CAST(X'6E0073' AS TEXT), '{}');
select farm_generate_prisma(CAST(X'6E7300' AS TEXT), '{}');
select farm_generate_prisma(7, '{}');
select farm_generate_prisma(printf('%.*c', 2000000, 'n'), '{}');
.read same.sql
-- farm_generate_sql/1
select farm_generate_sql('');
select farm_generate_sql('-ns');
select farm_generate_sql('_ns');
select farm_generate_sql('1ns');
select farm_generate_sql(printf('%.*c', 64, 'n'));
select farm_generate_sql('my ns');
select farm_generate_sql('my.ns');
select farm_generate_sql('my"ns');
select farm_generate_sql('my''ns');
select farm_generate_sql('''; drop table x; --');
select farm_generate_sql('ns*/--');
select farm_generate_sql('ns' || char(10) || 'generator');
select farm_generate_sql('nś');
select farm_generate_sql(CAST(X'C3' AS TEXT));
select farm_generate_sql(CAST(X'6E0073' AS TEXT));
select farm_generate_sql(CAST(X'6E7300' AS TEXT));
select farm_generate_sql(7);
select farm_generate_sql(printf('%.*c', 2000000, 'n'));
.read same.sql
-- farm_generate_sql/2
select farm_generate_sql('', '{}');
select farm_generate_sql('-ns', '{}');
select farm_generate_sql('_ns', '{}');
select farm_generate_sql('1ns', '{}');
select farm_generate_sql(printf('%.*c', 64, 'n'), '{}');
select farm_generate_sql('my ns', '{}');
select farm_generate_sql('my.ns', '{}');
select farm_generate_sql('my"ns', '{}');
select farm_generate_sql('my''ns', '{}');
select farm_generate_sql('''; drop table x; --', '{}');
select farm_generate_sql('ns*/--', '{}');
select farm_generate_sql('ns' || char(10) || 'generator', '{}');
select farm_generate_sql('nś', '{}');
select farm_generate_sql(CAST(X'C3' AS TEXT), '{}');
select farm_generate_sql(CAST(X'6E0073' AS TEXT), '{}');
select farm_generate_sql(CAST(X'6E7300' AS TEXT), '{}');
select farm_generate_sql(7, '{}');
select farm_generate_sql(printf('%.*c', 2000000, 'n'), '{}');
.read same.sql
-- farm_migrate
select farm_migrate('');
select farm_migrate('-ns');
select farm_migrate('_ns');
select farm_migrate('1ns');
select farm_migrate(printf('%.*c', 64, 'n'));
select farm_migrate('my ns');
select farm_migrate('my.ns');
select farm_migrate('my"ns');
select farm_migrate('my''ns');
select farm_migrate('''; drop table x; --');
select farm_migrate('ns*/--');
select farm_migrate('ns' || char(10) || 'generator');
select farm_migrate('nś');
select farm_migrate(CAST(X'C3' AS TEXT));
select farm_migrate(CAST(X'6E0073' AS TEXT));
select farm_migrate(CAST(X'6E7300' AS TEXT));
select farm_migrate(7);
select farm_migrate(printf('%.*c', 2000000, 'n'));
.read same.sql

-- a blob namespace is read as its text (SQLite's conversion), then validated
select 'blob-ns', farm_schema_version(X'617070') = 1 and farm_applied_version(X'617070') = 1;
select farm_schema_version(X'61FF');

-- names given as arguments: invalid UTF-8 (truncated, overlong, surrogate,
-- beyond U+10FFFF), embedded NUL, control characters, 2 MB
select farm_add_column('app', CAST(X'74C3' AS TEXT), '{"name":"c","type":"string","nullable":true}');
.read same.sql
select farm_add_column('app', CAST(X'C0AF' AS TEXT), '{"name":"c","type":"string","nullable":true}');
.read same.sql
select farm_add_index('app', CAST(X'EDA080' AS TEXT), '{"name":"i","columns":["a"]}');
.read same.sql
select farm_set_nullable('app', 't', CAST(X'F4908080' AS TEXT), 1);
.read same.sql
select farm_set_nullable('app', CAST(X'7400' AS TEXT), 'a', 1);
.read same.sql
select farm_set_nullable('app', 't', 'a' || char(27) || '[31m', 1);
.read same.sql
select farm_add_column('app', printf('%.*c', 2000000, 't'), '{"name":"c","type":"string","nullable":true}');
.read same.sql
select farm_table_name('app', printf('%.*c', 2000000, 't'));
-- 63 bytes of 3-byte characters (21 of them) are fine; 22 are not
select 'name-21-chars', length(farm_table_name('app', printf('%.*c', 21, 'x'))) = 25;
select farm_table_name('app', replace(printf('%.*c', 22, 'x'), 'x', '€'));
select 'name-utf8-63', length(CAST(farm_table_name('app', replace(printf('%.*c', 21, 'x'), 'x', '€')) AS BLOB)) <= 63
	and farm_table_name('app', replace(printf('%.*c', 21, 'x'), 'x', '€')) like '€%';

-- JSON: invalid UTF-8, embedded NUL, not text, malformed, wrong shapes
select farm_register('app', CAST(X'7B22C3223A5B5D7D' AS TEXT));
.read same.sql
select farm_register('app', CAST(X'7B227461626C6573223A5B5D7D00' AS TEXT));
.read same.sql
select farm_register('app', CAST(X'007B7D' AS TEXT));
.read same.sql
select farm_add_table('app', '{"name":"t' || CAST(X'FF' AS TEXT) || '"}');
.read same.sql
-- a blob holding valid JSON text is read as that text
select 'blob-json', farm_add_table('app', X'7B226E616D65223A2275227D') = 2;
.read snap.sql
select farm_register('app', 42);
.read same.sql
select farm_register('app', 1.5);
.read same.sql
select farm_register('app', 'null');
.read same.sql
select farm_register('app', '"tables"');
.read same.sql
select farm_register('app', '{"tables":[]');
.read same.sql
select farm_register('app', '{"tables":[]}}');
.read same.sql
select farm_register('app', '{"tables":[],}');
.read same.sql
select farm_register('app', '{''tables'':[]}');
.read same.sql
select farm_register('app', '{"tables":null}');
.read same.sql
select farm_register('app', '{"Tables":[]}');
.read same.sql
select farm_register('app', '{}');
.read same.sql
select farm_register('app', '{"tables":[],"version":2}');
.read same.sql
select farm_register('app', '{"tables":[[]]}');
.read same.sql
select farm_register('app', '{"tables":[{"name":"t","columns":[{"name":"a","type":"string"}]},{"name":"t"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"string","name":"b"}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"integer","default":{"value":1e999}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"bigint","default":{"value":99999999999999999999}}]}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"decimal","default":{"value":NaN}}]}');
.read same.sql
select farm_add_table('app', '{"name":"\ud83d"}');
.read same.sql
-- deep nesting is refused by the parser's depth limit, not by the stack
select farm_add_table('app', printf('%.*c', 100000, '['));
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"json","default":{"value":' || printf('%.*c', 5000, '[') || printf('%.*c', 5000, ']') || '}}]}');
.read same.sql

-- megabyte inputs
-- 2 MB that are not JSON, 2 MB of NULs, 2 MB of whitespace around nothing
select farm_register('app', printf('%.*c', 2000000, 'a'));
.read same.sql
select farm_register('app', CAST(zeroblob(2000000) AS TEXT));
.read same.sql
select farm_add_table('app', zeroblob(2000000));
.read same.sql
select farm_register('app', printf('%.*c', 2000000, ' '));
.read same.sql
-- a 2 MB table name, a 2 MB unknown key, a 2 MB type inside valid JSON: the message stays short
select farm_add_table('app', '{"name":"' || printf('%.*c', 2000000, 'n') || '"}');
.read same.sql
select farm_add_table('app', '{"name":"x","' || printf('%.*c', 2000000, 'k') || '":1}');
.read same.sql
select farm_add_table('app', '{"name":"x","columns":[{"name":"a","type":"' || printf('%.*c', 2000000, 'y') || '"}]}');
.read same.sql
select farm_generate_prisma('app', '{"' || printf('%.*c', 2000000, 'o') || '":1}');
select farm_generate_sql('app', '{"' || printf('%.*c', 2000000, 'o') || '":1}');
select farm_set_sqlite_storage(printf('%.*c', 2000000, 'p'));
.read same.sql
-- a valid 1 MB default value goes through registry, DDL and rows
select 'big-default', farm_add_column('app', 't', json_object('name', 'big', 'type', 'string',
	'default', json_object('value', printf('%.*c', 1000000, 'd')))) = 3;
select 'big-migrate', farm_migrate('app') = 3;
select 'big-row', (select length(big) from t_app) = 1000000;
select 'big-schema', length(farm_schema('app')) > 1000000;
select 'big-prisma', length(farm_generate_prisma('app')) > 1000000;
-- a valid multi-megabyte schema: 1000 tables of 20 columns and 2 indexes each
select 'big-register', farm_register('big', (select json_object('tables', json_group_array(json(t))) from (
	select json_object('name', 'table_' || value,
		'columns', json(c.cols),
		'indexes', json_array(json_object('name', 'idx_' || value || '_a', 'columns', json_array('col_1', 'col_2')),
			json_object('name', 'uidx_' || value, 'columns', json_array('col_3'), 'unique', json('true')))) as t
	from generate_series(1, 1000),
		(select json_group_array(json_object('name', 'col_' || value, 'type', 'varchar(100)', 'nullable', json('true'))) as cols
			from generate_series(1, 20)) as c))) = 1000;
select 'big-size', length(farm_schema('big')) > 1000000;
select 'big-round-trip', farm_register('big', farm_schema('big')) = 1000;
select 'big-migrate-all', farm_migrate('big') = 1000;
select 'big-tables', (select count(*) from sqlite_master where type = 'table' and name like 'table\_%\_big' escape '\') = 1000;
select 'big-prisma-models', (length(farm_generate_prisma('big', '{"internal":false}')) - length(replace(farm_generate_prisma('big', '{"internal":false}'), char(10) || 'model ', ''))) / 7 = 1000;
select 'big-generate-sql', farm_generate_sql('big') = '' and length(farm_generate_sql('big', '{"from":0}')) > 500000;
select 'big-namespaces', json_array_length(farm_namespaces()) = 2;

-- the connection is left in autocommit mode after all of this
begin;
rollback;
select 'autocommit', 1;
