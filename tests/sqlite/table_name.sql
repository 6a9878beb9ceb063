-- table_name.sql: farm_table_name(ns, table), the physical table name
-- (SPEC section 4): "<table>_<namespace>", namespace kept raw; names over
-- 63 bytes are cut at a UTF-8 boundary and end in a hash.  Pure function:
-- it needs no registry.

select 'simple', farm_table_name('comment-fragment', 'comment') = 'comment_comment-fragment';
select 'case-kept', farm_table_name('NS', 'MyTable') = 'MyTable_NS';
select 'unicode', farm_table_name('ns', 'ünïcødé') = 'ünïcødé_ns';
select 'odd-chars', farm_table_name('ns', 'a "quoted" ''name'' ; drop') = 'a "quoted" ''name'' ; drop_ns';
select 'nothing-created', (select count(*) from sqlite_master) = 0;
-- exactly 63 bytes: unchanged
select 'len-63', farm_table_name('n', printf('%.*c', 61, 't')) = printf('%.*c', 61, 't') || '_n';
-- 64 bytes and more: 54-byte prefix, "_", 8 hex digits (63 bytes), deterministic, distinct
select 'len-64', length(farm_table_name('n', printf('%.*c', 62, 't'))) = 63;
select 'hashed-shape', farm_table_name('n', printf('%.*c', 62, 't')) glob printf('%.*c', 54, 't') || '_[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]';
select farm_table_name('n', printf('%.*c', 62, 't'));
select farm_table_name('comment-fragment', 'a_table_name_that_is_quite_long_but_still_valid_here');
select 'deterministic', farm_table_name('n', printf('%.*c', 62, 't')) = farm_table_name('n', printf('%.*c', 62, 't'));
select 'distinct', farm_table_name('n', printf('%.*c', 62, 't')) <> farm_table_name('n', printf('%.*c', 63, 't'))
	and farm_table_name('n', printf('%.*c', 62, 't')) <> farm_table_name('m', printf('%.*c', 62, 't'));
select 'longest', length(farm_table_name(printf('%.*c', 63, 'n'), printf('%.*c', 63, 't'))) = 63;
-- cut at a character boundary: 53 x "a" then "é" (2 bytes) does not fit in
-- 54 bytes, so the prefix is 53 bytes; with 52 x "a" the "é" fits
select 'utf8-boundary', farm_table_name('n', printf('%.*c', 53, 'a') || 'ééééé') glob printf('%.*c', 53, 'a') || '_????????'
	and length(CAST(farm_table_name('n', printf('%.*c', 53, 'a') || 'ééééé') AS BLOB)) = 62;
select 'utf8-fits', farm_table_name('n', printf('%.*c', 52, 'a') || 'ééééé') glob printf('%.*c', 52, 'a') || 'é_????????'
	and length(CAST(farm_table_name('n', printf('%.*c', 52, 'a') || 'ééééé') AS BLOB)) = 63;
-- the same name as the tables farm_migrate creates
select 'setup', farm_add_table('my-ns', '{"name":"' || printf('%.*c', 60, 'L') || '"}') = 1;
select 'migrate', farm_migrate('my-ns') = 1;
select 'matches-ddl', (select count(*) from sqlite_master where type = 'table' and name = farm_table_name('my-ns', printf('%.*c', 60, 'L'))) = 1;
-- the same name whatever the case of the registered table: it is a pure function of its arguments
select 'pure', farm_table_name('my-ns', 'l') = 'l_my-ns';

-- errors: the namespace and the table name are validated
select farm_table_name('', 't');
select farm_table_name('1ns', 't');
select farm_table_name('n s', 't');
select farm_table_name('ns', '');
select farm_table_name('ns', printf('%.*c', 64, 't'));
select farm_table_name('ns', 'a' || char(9));
select farm_table_name('ns', CAST(X'FE' AS TEXT));
select farm_table_name('ns', NULL);
select farm_table_name(NULL, 't');
select farm_table_name('ns');
