-- safety.reopen.sql: the database of safety.sql reopened.  Triggers, views
-- and CHECK constraints now come from the file: writers are refused there
-- (SQLite 3.40 still lets a CHECK constraint call them, but a writer cannot
-- open its savepoint inside the writing statement that runs the check).
.read snap.sql
insert into log_migrate values (2);
insert into log_register values (2);
select * from v_migrate;
insert into chk values (2);
.read same.sql
