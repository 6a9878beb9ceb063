-- rebuild.sql: SQLite cannot change a column's nullability or add a column
-- with a CURRENT_TIMESTAMP default in place, so farm_migrate rebuilds the
-- table inside its savepoint.  Rows, _internalId values, the AUTOINCREMENT
-- counter, indexes and the rows of other tables that reference the rebuilt
-- one survive, with PRAGMA foreign_keys ON as the caller set it.

PRAGMA foreign_keys = ON;
select 'register', farm_register('shop', '{"tables":[
  {"name":"customer","columns":[{"name":"name","type":"string"},{"name":"email","type":"string","nullable":true},
    {"name":"referrerId","type":"reference","references":"customer","nullable":true}],
   "indexes":[{"name":"uidx_customer_email","columns":["email"],"unique":true}]},
  {"name":"order","columns":[{"name":"customerId","type":"reference","references":"customer"},{"name":"total","type":"decimal"}]}]}') = 2;
select 'migrate', farm_migrate('shop') = 2;
insert into customer_shop (id, name, email) values ('c1', 'Ann', 'ann@x'), ('c2', 'Bob', NULL), ('c3', 'Cid', 'cid@x'), ('c4', 'Dee', NULL);
update customer_shop set referrerId = 1 where id in ('c2', 'c3');
-- a gap in the ids and a counter above the highest id
delete from customer_shop where id = 'c4';
insert into order_shop (id, customerId, total) values ('o1', 1, 9.5), ('o2', 2, 3), ('o3', 2, 4);
create temp table before_rows as select * from customer_shop;
create temp table before_orders as select * from order_shop;
select 'seq-before', (select seq from sqlite_sequence where name = 'customer_shop') = 4;

-- nullability: name becomes nullable (rebuild), email NOT NULL would fail (NULLs exist)
select 'to-nullable', farm_set_nullable('shop', 'customer', 'name', 1) = 3;
select 'migrate-3', farm_migrate('shop') = 3;
select 'fk-still-on', (select foreign_keys from pragma_foreign_keys) = 1;
select 'defer-restored', (select defer_foreign_keys from pragma_defer_foreign_keys) = 0;
select 'name-nullable', (select "notnull" from pragma_table_info('customer_shop') where name = 'name') = 0;
select 'rows-kept', (select count(*) from (select * from customer_shop except select * from temp.before_rows)) = 0
	and (select count(*) from customer_shop) = 3;
select 'ids-kept', (select group_concat(_internalId) from (select _internalId from customer_shop order by 1)) = '1,2,3';
select 'seq-kept', (select seq from sqlite_sequence where name = 'customer_shop') = 4;
select 'seq-one-row', (select count(*) from sqlite_sequence where name = 'customer_shop') = 1;
select 'orders-kept', (select count(*) from (select * from order_shop except select * from temp.before_orders)) = 0;
select 'fk-check', (select count(*) from pragma_foreign_key_check) = 0;
select 'indexes-kept', (select group_concat(name, ',') from (select name from pragma_index_list('customer_shop') order by name))
	= 'customer_shop_id_key,uidx_customer_email_shop';
select 'fk-kept', (select count(*) from pragma_foreign_key_list('customer_shop')) = 1
	and (select "table" from pragma_foreign_key_list('order_shop')) = 'customer_shop';
select 'no-leftovers', (select count(*) from temp.sqlite_master where name like '\_farm%' escape '\') = 0;
-- the references still work both ways
insert into customer_shop (id, name) values ('c5', NULL);
select 'new-id', (select _internalId from customer_shop where id = 'c5') = 5;
insert into order_shop (id, customerId, total) values ('o4', 99, 1);
delete from customer_shop where _internalId = 2;
insert into order_shop (id, customerId, total) values ('o4', 5, 1);
select 'unique-kept', (select count(*) from customer_shop where email = 'ann@x') = 1;
insert into customer_shop (id, name, email) values ('c6', 'Dup', 'ann@x');

-- NOT NULL while NULLs exist: the migration fails and leaves everything as it was
select 'email-not-null', farm_set_nullable('shop', 'customer', 'email', 0) = 4;
.read snap.sql
select farm_migrate('shop');
.read same.sql
select 'fk-on-after-failure', (select foreign_keys from pragma_foreign_keys) = 1;
select 'applied-3', farm_applied_version('shop') = 3;
-- inside the caller's transaction the failure leaves the transaction usable and its checks intact
begin;
insert into order_shop (id, customerId, total) values ('o5', 1, 2);
select farm_migrate('shop');
insert into order_shop (id, customerId, total) values ('o6', 42, 2);
commit;
select 'tx-fk-enforced', (select count(*) from order_shop where id in ('o5', 'o6')) = 1;
.read snap.sql
-- fix the data, then it works; the counter never goes back
update customer_shop set email = id || '@x' where email is null;
select 'migrate-4', farm_migrate('shop') = 4;
select 'email-not-null-now', (select "notnull" from pragma_table_info('customer_shop') where name = 'email') = 1;
select 'seq-after', (select seq from sqlite_sequence where name = 'customer_shop') = 5;

-- a timestamp column with a CURRENT_TIMESTAMP default added to a table with rows
select 'add-now', farm_add_column('shop', 'order', '{"name":"createdAt","type":"timestamp","default":{"dbSpecial":"now"}}') = 5;
select 'add-date-now', farm_add_column('shop', 'order', '{"name":"day","type":"date","nullable":true,"default":{"dbSpecial":"now"}}') = 6;
select 'migrate-6', farm_migrate('shop') = 6;
select 'now-filled', (select count(*) from order_shop where createdAt is null or day is null) = 0
	and (select count(*) from order_shop) = 5;
select 'now-recent', (select min(createdAt) >= datetime('now', '-1 day') from order_shop);
select 'order-ids', (select group_concat(_internalId) from (select _internalId from order_shop order by 1)) = '1,2,3,4,5';
select 'fk-check-2', (select count(*) from pragma_foreign_key_check) = 0;
select 'fk-still-on-2', (select foreign_keys from pragma_foreign_keys) = 1;

-- the caller's PRAGMA defer_foreign_keys is left as the caller set it
select 'rebuild-again', farm_set_nullable('shop', 'order', 'total', 1) = 7;
begin;
PRAGMA defer_foreign_keys = ON;
select 'migrate-7', farm_migrate('shop') = 7;
select 'defer-kept-on', (select defer_foreign_keys from pragma_defer_foreign_keys) = 1;
commit;
select 'rebuild-again-2', farm_set_nullable('shop', 'order', 'total', 0) = 8;
begin;
select 'migrate-8', farm_migrate('shop') = 8;
select 'defer-kept-off', (select defer_foreign_keys from pragma_defer_foreign_keys) = 0;
commit;
-- the parent table of a self-reference rebuilt while referencing rows exist
update customer_shop set name = 'Eve' where id = 'c5';
select 'self', farm_set_nullable('shop', 'customer', 'name', 0) = 9;
select 'migrate-9', farm_migrate('shop') = 9;
select 'self-refs', (select count(*) from customer_shop where referrerId = 1) = 2 and (select count(*) from pragma_foreign_key_check) = 0;

-- a rebuild never drops what farmorm does not manage: columns, indexes and
-- triggers added by hand are named and the migration refused, unchanged
select 'guard-v1', farm_add_table('guard', '{"name":"p","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"ia","columns":["a"]}]}') = 1;
select 'guard-m1', farm_migrate('guard') = 1;
insert into p_guard (id, a) values ('x', 'y');
create trigger trg_p_guard after insert on p_guard begin select 1; end;
create index my_idx_p_guard on p_guard(a);
alter table p_guard add column extra text;
select 'guard-v2', farm_set_nullable('guard', 'p', 'a', 1) = 2;
.read snap.sql
select farm_migrate('guard');
.read same.sql
select 'guard-applied-1', farm_applied_version('guard') = 1;
drop trigger trg_p_guard;
drop index my_idx_p_guard;
alter table p_guard drop column extra;
select 'guard-m2', farm_migrate('guard') = 2;
select 'guard-kept', (select group_concat(name) from (select name from sqlite_master where tbl_name = 'p_guard' order by name)) = 'ia_guard,p_guard,p_guard_id_key'
	and (select a from p_guard where id = 'x') = 'y';
