-- register.sql: farm_register(ns, schema_json), the declarative writer.
-- It diffs the desired schema against the registered one, appends the
-- operations that reach it (returning the registered version), appends
-- nothing when nothing changes, and refuses what operations cannot express
-- with an error naming the first offending item.

-- first registration: one add-table operation per table, referenced tables first
select 'first-version', farm_register('blog', '{"tables":[
  {"name":"post","columns":[{"name":"title","type":"string"},
    {"name":"authorId","type":"reference","references":"author"}],
   "indexes":[{"name":"idx_post_author","columns":["authorId"]}]},
  {"name":"author","columns":[{"name":"name","type":"string"},
    {"name":"mentorId","type":"reference","references":"author","nullable":true}]}]}') = 2;
select 'referenced-first', json_extract(farm_schema('blog'), '$.tables[0].name') = 'author'
	and json_extract(farm_schema('blog'), '$.tables[1].name') = 'post';
select 'two-ops', (select count(*) from fragno_db_settings where key like 'blog.farm_op.%') = 2;
select 'op-keys', (select group_concat(key, ',') from (select key from fragno_db_settings
	where key like 'blog.farm_op.%' order by key)) = 'blog.farm_op.0000000001,blog.farm_op.0000000002';
select 'not-applied', farm_applied_version('blog') = 0;

-- the same schema again, with object keys in another order: nothing appended
.read snap.sql
select 'same-again', farm_register('blog', '{"tables":[
  {"columns":[{"type":"string","name":"name"},
    {"nullable":true,"references":"author","type":"reference","name":"mentorId"}],"name":"author"},
  {"indexes":[{"columns":["authorId"],"name":"idx_post_author"}],"name":"post",
   "columns":[{"name":"title","type":"string"},
    {"name":"authorId","type":"reference","references":"author"}]}]}') = 2;
.read same.sql
-- table order in the array does not matter either; nullable false is the default
select 'same-reordered', farm_register('blog', '{"tables":[
  {"name":"post","columns":[{"name":"title","type":"string","nullable":false},
    {"name":"authorId","type":"reference","references":"author"}],
   "indexes":[{"name":"idx_post_author","columns":["authorId"],"unique":false}]},
  {"name":"author","columns":[{"name":"name","type":"string"},
    {"name":"mentorId","type":"reference","references":"author","nullable":true}]}]}') = 2;
.read same.sql

-- add a column, an index and a nullability change to one table: one alter-table op
select 'alter-one-op', farm_register('blog', '{"tables":[
  {"name":"author","columns":[{"name":"name","type":"string","nullable":true},
    {"name":"mentorId","type":"reference","references":"author","nullable":true},
    {"name":"email","type":"varchar(255)","nullable":true}],
   "indexes":[{"name":"uidx_author_email","columns":["email"],"unique":true}]},
  {"name":"post","columns":[{"name":"title","type":"string"},
    {"name":"authorId","type":"reference","references":"author"}],
   "indexes":[{"name":"idx_post_author","columns":["authorId"]}]}]}') = 3;
select 'alter-op-text', (select value from fragno_db_settings where key = 'blog.farm_op.0000000003') =
	'{"op":"alter-table","table":"author","addColumns":[{"name":"email","type":"varchar(255)","nullable":true}],"addIndexes":[{"name":"uidx_author_email","columns":["email"],"unique":true}],"setNullable":[{"column":"name","nullable":true}]}';

-- a new table (referencing an existing one) plus a change to an existing table:
-- the new table comes first, then the alter
select 'add-and-alter', farm_register('blog', '{"tables":[
  {"name":"author","columns":[{"name":"name","type":"string","nullable":true},
    {"name":"mentorId","type":"reference","references":"author","nullable":true},
    {"name":"email","type":"varchar(255)","nullable":true},
    {"name":"score","type":"integer","default":{"value":0}}],
   "indexes":[{"name":"uidx_author_email","columns":["email"],"unique":true}]},
  {"name":"post","columns":[{"name":"title","type":"string"},
    {"name":"authorId","type":"reference","references":"author"}],
   "indexes":[{"name":"idx_post_author","columns":["authorId"]}]},
  {"name":"tag","columns":[{"name":"postId","type":"reference","references":"post"},
    {"name":"label","type":"string"}]}]}') = 5;
select 'add-before-alter', json_extract((select value from fragno_db_settings where key = 'blog.farm_op.0000000004'), '$.op') = 'add-table'
	and json_extract((select value from fragno_db_settings where key = 'blog.farm_op.0000000005'), '$.op') = 'alter-table';

-- what operations cannot express; each error names the first offending item
-- and changes nothing
.read snap.sql
select farm_register('blog', '{"tables":[
  {"name":"author","columns":[{"name":"name","type":"string","nullable":true},
    {"name":"mentorId","type":"reference","references":"author","nullable":true},
    {"name":"email","type":"varchar(255)","nullable":true},
    {"name":"score","type":"integer","default":{"value":0}}],
   "indexes":[{"name":"uidx_author_email","columns":["email"],"unique":true}]},
  {"name":"post","columns":[{"name":"title","type":"string"},
    {"name":"authorId","type":"reference","references":"author"}],
   "indexes":[{"name":"idx_post_author","columns":["authorId"]}]}]}');
.read same.sql
-- every other case starts from this fixture of the current schema
create temp table fx(j text);
insert into fx values (farm_schema('blog'));
-- drop a column (post.title)
select farm_register('blog', json_remove((select j from fx), '$.tables[1].columns[0]'));
.read same.sql
-- rename a column, even only its case
select farm_register('blog', json_set((select j from fx), '$.tables[1].columns[0].name', 'Title'));
.read same.sql
-- rename a table, even only its case
select farm_register('blog', json_set((select j from fx), '$.tables[2].name', 'Tag'));
.read same.sql
-- change a type
select farm_register('blog', json_set((select j from fx), '$.tables[1].columns[0].type', 'integer'));
.read same.sql
select farm_register('blog', json_set((select j from fx), '$.tables[0].columns[2].type', 'varchar(256)'));
.read same.sql
select farm_register('blog', json_set((select j from fx), '$.tables[0].columns[2].type', 'string'));
.read same.sql
-- change a referenced table
select farm_register('blog', json_set((select j from fx), '$.tables[2].columns[0].references', 'author'));
.read same.sql
-- change a default: add one, change one, remove one
select farm_register('blog', json_set((select j from fx), '$.tables[1].columns[0].default', json('{"value":"untitled"}')));
.read same.sql
select farm_register('blog', json_set((select j from fx), '$.tables[0].columns[3].default.value', 1));
.read same.sql
select farm_register('blog', json_remove((select j from fx), '$.tables[0].columns[3].default'));
.read same.sql
select farm_register('blog', json_set((select j from fx), '$.tables[2].columns[1].default', json('{"runtime":"cuid"}')));
.read same.sql
-- drop an index
select farm_register('blog', json_remove((select j from fx), '$.tables[1].indexes[0]'));
.read same.sql
-- change an index: columns, uniqueness, name case
select farm_register('blog', json_set((select j from fx), '$.tables[1].indexes[0].columns', json('["title"]')));
.read same.sql
select farm_register('blog', json_set((select j from fx), '$.tables[1].indexes[0].columns', json('["authorId","title"]')));
.read same.sql
select farm_register('blog', json_set((select j from fx), '$.tables[1].indexes[0].unique', json('true')));
.read same.sql
select farm_register('blog', json_set((select j from fx), '$.tables[1].indexes[0].name', 'IDX_post_author'));
.read same.sql
-- two offending items: the first table in registry order is named
select farm_register('blog', json_remove(json_set((select j from fx), '$.tables[2].columns[1].type', 'integer'), '$.tables[0].columns[3]'));
.read same.sql
-- a column added to an existing table must be nullable or have a database default
select farm_register('blog', json_insert((select j from fx), '$.tables[2].columns[#]', json('{"name":"body","type":"string"}')));
.read same.sql
select farm_register('blog', json_insert((select j from fx), '$.tables[2].columns[#]', json('{"name":"body","type":"string","default":{"runtime":"cuid"}}')));
.read same.sql
select farm_register('blog', json_insert((select j from fx), '$.tables[2].columns[#]', json('{"name":"at","type":"timestamp","default":{"runtime":"now"}}')));
.read same.sql
-- new tables that reference each other in a cycle
select farm_register('blog', json_insert((select j from fx), '$.tables[#]',
	json('{"name":"a","columns":[{"name":"bId","type":"reference","references":"b"}]}'),
	'$.tables[#]', json('{"name":"b","columns":[{"name":"aId","type":"reference","references":"a"}]}')));
.read same.sql
-- a table defined twice (case-insensitively)
select farm_register('blog', json_insert((select j from fx), '$.tables[#]', json('{"name":"TAG"}')));
.read same.sql
-- a reference to a table that is not in the desired schema
select farm_register('blog', json_insert((select j from fx), '$.tables[#]',
	json('{"name":"x","columns":[{"name":"yId","type":"reference","references":"y"}]}')));
.read same.sql
-- an index name used by another table of the namespace (case-insensitively)
select farm_register('blog', json_insert((select j from fx), '$.tables[#]',
	json('{"name":"x","columns":[{"name":"a","type":"string"}],"indexes":[{"name":"Idx_Post_Author","columns":["a"]}]}')));
.read same.sql
select farm_register('blog', json_insert((select j from fx), '$.tables[2].indexes[#]',
	json('{"name":"uidx_author_EMAIL","columns":["label"]}')));
.read same.sql

-- the empty schema on a new namespace registers nothing and creates nothing
select 'empty-new', farm_register('empty', '{"tables":[]}') = 0;
select 'empty-not-listed', farm_schema_version('empty') = 0
	and (select count(*) from fragno_db_settings where key like 'empty.%') = 0;
.read same.sql
-- the empty schema on an existing namespace is a drop of everything
select farm_register('blog', '{"tables":[]}');
.read same.sql

-- namespaces are independent: same table names in another namespace
select 'other-ns', farm_register('shop', '{"tables":[{"name":"post"},{"name":"tag"}]}') = 2;
select 'blog-untouched', farm_schema_version('blog') = 5;

-- a registration is migrated like any other
select 'migrate', farm_migrate('blog') = 5;
select 'tables', (select group_concat(name, ',') from (select name from sqlite_master
	where type = 'table' and name like '%_blog' order by name)) = 'author_blog,post_blog,tag_blog';
-- after migration, new tables reference migrated ones
select 'after-migrate', farm_register('blog', json_insert((select j from fx), '$.tables[#]',
	json('{"name":"comment","columns":[{"name":"postId","type":"reference","references":"post"}]}'))) = 6;
select 'migrate-again', farm_migrate('blog') = 6;
select 'comment-fk', (select "table" from pragma_foreign_key_list('comment_blog')) = 'post_blog';
