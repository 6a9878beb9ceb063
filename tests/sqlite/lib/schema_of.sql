-- schema_of.sql: the main schema (every object's type, name, table and SQL)
-- as one text row, for comparisons written with .once.
select group_concat(type || '|' || name || '|' || tbl_name || '|' || ifnull(sql, ''), char(10))
	from (select * from main.sqlite_master order by type, name);
