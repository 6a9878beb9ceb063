-- same.sql: prints "unchanged|1" when the main database equals the last
-- snap.sql dump and no rebuild leftovers sit in the temp schema.
.once _after.dump
.dump
select 'unchanged', readfile('_before.dump') = readfile('_after.dump')
	and (select count(*) from temp.sqlite_master where name like '\_farm%' escape '\') = 0;
