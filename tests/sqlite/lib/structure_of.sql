-- structure_of.sql: the main schema's tables as SQLite describes them
-- (columns with type, NOT NULL, default and key; indexes with uniqueness,
-- origin and columns; foreign keys with actions), one text row, for
-- comparing databases whose CREATE texts differ (ALTER TABLE rewrites them).
select group_concat(line, char(10)) from (
	select m.name || '|col|' || c.cid || '|' || c.name || '|' || c.type || '|' || c."notnull" || '|'
			|| ifnull(c.dflt_value, '') || '|' || c.pk as line
		from main.sqlite_master m, pragma_table_info(m.name) c
		where m.type = 'table' and m.name not like 'sqlite\_%' escape '\'
	union all
	select m.name || '|idx|' || i.name || '|' || i."unique" || '|' || i.origin || '|'
			|| (select group_concat(x.name, ',') from (select name from pragma_index_info(i.name) order by seqno) x)
		from main.sqlite_master m, pragma_index_list(m.name) i
		where m.type = 'table' and m.name not like 'sqlite\_%' escape '\'
	union all
	select m.name || '|fk|' || f.id || '|' || f."table" || '|' || f."from" || '|' || ifnull(f."to", '') || '|'
			|| f.on_update || '|' || f.on_delete
		from main.sqlite_master m, pragma_foreign_key_list(m.name) f
		where m.type = 'table' and m.name not like 'sqlite\_%' escape '\'
	order by 1);
