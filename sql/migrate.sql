-- migrate: farm_migrate creates and alters tables in the caller's
-- transaction, records applied versions in fragno_db_settings, keeps a
-- namespace in the schema of its first migrate, adopts nothing, leaves
-- nothing behind on failure and refuses transactions it cannot serve.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_migrate, t_migrate2, t_migrate3 CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_migrate;
CREATE SCHEMA t_migrate2;
SET search_path = t_migrate, public;

-- columns of the tables in a schema: name, type, nullability, default
CREATE FUNCTION t_migrate.cols(sch text, tbl text)
RETURNS TABLE (col name, type text, notnull boolean, def text)
LANGUAGE sql AS $$
  SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
         pg_get_expr(d.adbin, d.adrelid)
  FROM pg_attribute a
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attrelid = (quote_ident(sch) || '.' || quote_ident(tbl))::regclass
    AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attnum
$$;
-- indexes and constraints of a table
CREATE FUNCTION t_migrate.idx(sch text, tbl text) RETURNS SETOF text LANGUAGE sql AS $$
  SELECT indexdef FROM pg_indexes WHERE schemaname = sch AND tablename = tbl ORDER BY indexname COLLATE "C"
$$;
CREATE FUNCTION t_migrate.cons(sch text, tbl text) RETURNS SETOF text LANGUAGE sql AS $$
  SELECT conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint
  WHERE conrelid = (quote_ident(sch) || '.' || quote_ident(tbl))::regclass ORDER BY conname COLLATE "C"
$$;
CREATE FUNCTION t_migrate.tables(sch text) RETURNS SETOF name LANGUAGE sql AS $$
  SELECT relname FROM pg_class WHERE relnamespace = sch::regnamespace AND relkind = 'r' ORDER BY relname COLLATE "C"
$$;

SELECT farm_register('comment-fragment', $j${"tables": [
  {"name": "comment",
   "columns": [
     {"name": "content",  "type": "string"},
     {"name": "authorId", "type": "varchar(64)"},
     {"name": "parentId", "type": "reference", "references": "comment", "nullable": true},
     {"name": "rating",   "type": "integer", "default": {"value": 0}},
     {"name": "createdAt","type": "timestamp", "default": {"dbSpecial": "now"}}
   ],
   "indexes": [
     {"name": "idx_comment_author", "columns": ["authorId"]},
     {"name": "uidx_author_parent", "columns": ["authorId", "parentId"], "unique": true}
   ]}
]}$j$);
SELECT farm_applied_version('comment-fragment');
SELECT farm_migrate('comment-fragment');
SELECT farm_applied_version('comment-fragment');
SELECT * FROM tables('t_migrate');
SELECT * FROM cols('t_migrate', 'comment_comment-fragment');
SELECT * FROM idx('t_migrate', 'comment_comment-fragment');
SELECT * FROM cons('t_migrate', 'comment_comment-fragment');
SELECT * FROM cols('t_migrate', 'fragno_db_settings');
SELECT * FROM idx('t_migrate', 'fragno_db_settings');
SELECT * FROM cols('t_migrate', 'fragno_hooks');
SELECT * FROM idx('t_migrate', 'fragno_hooks');
-- applied versions live in fragno_db_settings with a generated cuid-like id
SELECT key, value, id ~ '^c[0-9a-f]{24}$' AS id_ok FROM fragno_db_settings ORDER BY key;
-- the registry records where the tables went
SELECT * FROM farmorm.namespaces;
SELECT * FROM farmorm.internal_schemas;

-- a second call is a no-op
SELECT farm_migrate('comment-fragment');
SELECT farm_migrate();
SELECT farm_generate_sql('comment-fragment');

-- rows survive an alter migration; new columns get their defaults
INSERT INTO "comment_comment-fragment" (id, content, "authorId") VALUES ('c1', 'hello', 'ann');
SELECT farm_add_column('comment-fragment', 'comment', '{"name": "score", "type": "decimal", "default": {"value": 1.5}}');
SELECT farm_add_column('comment-fragment', 'comment', '{"name": "editedAt", "type": "timestamp", "nullable": true}');
SELECT farm_add_column('comment-fragment', 'comment', '{"name": "seenAt", "type": "date", "default": {"dbSpecial": "now"}}');
SELECT farm_set_nullable('comment-fragment', 'comment', 'content', true);
SELECT farm_add_index('comment-fragment', 'comment', '{"name": "idx_comment_score", "columns": ["score", "editedAt"]}');
-- the namespace stays in the schema of its first migrate, whatever the
-- search_path says now
SET search_path = t_migrate2, public;
SELECT farm_generate_sql('comment-fragment');
SELECT farm_migrate('comment-fragment');
SELECT farm_applied_version('comment-fragment');
SELECT * FROM t_migrate.tables('t_migrate2');
SELECT * FROM t_migrate.cols('t_migrate', 'comment_comment-fragment');
SELECT * FROM t_migrate.idx('t_migrate', 'comment_comment-fragment');
SELECT content, score, "editedAt", "seenAt" = current_date AS seen_today FROM t_migrate."comment_comment-fragment";
SELECT key, value FROM t_migrate.fragno_db_settings ORDER BY key;

-- farm_migrate(): every namespace, each in its own schema; a new
-- namespace goes to the current schema (t_migrate2), which gets its own
-- internal tables
SELECT farm_add_table('second', '{"name": "item", "columns": [{"name": "n", "type": "integer"}]}');
SELECT farm_add_table('comment-fragment', '{"name": "flag", "columns": [{"name": "commentId", "type": "reference", "references": "comment"}]}');
SELECT farm_migrate();
SELECT * FROM farmorm.namespaces ORDER BY ns;
SELECT * FROM farmorm.internal_schemas ORDER BY 1;
SELECT * FROM t_migrate.tables('t_migrate');
SELECT * FROM t_migrate.tables('t_migrate2');
SELECT * FROM t_migrate.cons('t_migrate', 'flag_comment-fragment');
SELECT key, value FROM t_migrate2.fragno_db_settings ORDER BY key;
SELECT farm_namespaces();
SET search_path = t_migrate, public;

-- a table farmorm did not create is never adopted
CREATE TABLE t_migrate."account_squatted" (id text);
SELECT farm_add_table('squatted', '{"name": "profile", "columns": []}');
SELECT farm_add_table('squatted', '{"name": "account", "columns": []}');
SELECT farm_migrate('squatted');
SELECT farm_applied_version('squatted');
SELECT * FROM farmorm.namespaces WHERE ns = 'squatted';
SELECT to_regclass('t_migrate."profile_squatted"') IS NULL AS nothing_created;
DROP TABLE t_migrate."account_squatted";
SELECT farm_migrate('squatted');
SELECT * FROM tables('t_migrate');

-- nor are internal tables in a schema where farmorm did not create them
CREATE SCHEMA t_migrate3;
CREATE TABLE t_migrate3.fragno_hooks (id text);
SET search_path = t_migrate3, public;
SELECT farm_add_table('third', '{"name": "x", "columns": []}');
SELECT farm_migrate('third');
SELECT * FROM t_migrate.tables('t_migrate3');
SELECT farm_namespaces();
SET search_path = t_migrate, public;

-- a migration that fails half-way leaves nothing behind: the second
-- table's index name is taken by a relation of the user's
CREATE TABLE t_migrate."idx_b_half" (x int);
SELECT farm_register('half', $j${"tables": [
  {"name": "a", "columns": [{"name": "v", "type": "integer"}]},
  {"name": "b", "columns": [{"name": "w", "type": "integer"}], "indexes": [{"name": "idx_b", "columns": ["w"]}]}
]}$j$);
SELECT farm_migrate('half');
SELECT farm_applied_version('half'),
       to_regclass('t_migrate."a_half"') IS NULL AS no_a,
       to_regclass('t_migrate."b_half"') IS NULL AS no_b,
       (SELECT count(*) FROM farmorm.namespaces WHERE ns = 'half') AS recorded,
       (SELECT count(*) FROM fragno_db_settings WHERE key = 'half.schema_version') AS version_rows;
-- the same in a fresh schema: not even the internal tables remain
CREATE SCHEMA t_migrate_fresh;
CREATE TABLE t_migrate_fresh."idx_b_half" (x int);
SET search_path = t_migrate_fresh, public;
SELECT farm_migrate('half');
SELECT * FROM t_migrate.tables('t_migrate_fresh');
SELECT * FROM farmorm.internal_schemas ORDER BY 1;
DROP TABLE t_migrate_fresh."idx_b_half";
SELECT farm_migrate('half');
SELECT * FROM t_migrate.tables('t_migrate_fresh');
SET search_path = t_migrate, public;

-- the caller's transaction: a rollback undoes the migration
SELECT farm_add_table('rolled', '{"name": "r", "columns": []}');
BEGIN;
SELECT farm_migrate('rolled');
-- the namespace lock and the internal lock are held to the end
SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
   AND classid IN (1717662317, 1717662318) AND mode = 'ExclusiveLock';
ROLLBACK;
SELECT farm_applied_version('rolled'), to_regclass('t_migrate."r_rolled"') IS NULL AS no_table;

-- transactions farm_migrate and the writers refuse up front
BEGIN READ ONLY;
SELECT farm_migrate('rolled');
ROLLBACK;
BEGIN READ ONLY;
SELECT farm_add_table('rolled', '{"name": "r2", "columns": []}');
ROLLBACK;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT farm_migrate('rolled');
ROLLBACK;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT farm_register('rolled', '{"tables": []}');
ROLLBACK;
-- readers work in any transaction
BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY;
SELECT farm_schema_version('rolled'), farm_applied_version('comment-fragment');
SELECT length(farm_generate_prisma('rolled')) > 0 AS prisma, length(farm_generate_sql('rolled')) > 0 AS sql;
ROLLBACK;

-- schemas farmorm does not create tables in
CREATE TEMP TABLE tmp_anchor (x int);
SET search_path = pg_temp, public;
SELECT public.farm_migrate('rolled');
SET search_path = '';
SELECT public.farm_migrate('rolled');
SET search_path = farmorm, public;
SELECT public.farm_migrate('rolled');
-- system schemas, where a superuser could create tables: refused (3F000)
SET search_path = information_schema, public;
SELECT public.farm_migrate('rolled');
SELECT public.farm_migrate();
SET search_path = pg_catalog, public;
SELECT public.farm_migrate('rolled');
SET search_path = pg_toast, public;
SELECT public.farm_migrate('rolled');
SET search_path = information_schema, public;
DO $$
BEGIN
  PERFORM public.farm_migrate('rolled');
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'SQLSTATE %', SQLSTATE;
END $$;
RESET search_path;
SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('information_schema', 'pg_catalog', 'pg_toast')
  AND (c.relname LIKE '%rolled%' OR c.relname LIKE 'fragno%');
SET search_path = t_migrate, public;
SELECT farm_migrate('rolled');

-- a recorded schema that was dropped
SET search_path = t_migrate2, public;
SELECT farm_add_column('second', 'item', '{"name": "m", "type": "integer", "nullable": true}');
SET client_min_messages = warning;
DROP SCHEMA t_migrate2 CASCADE;
RESET client_min_messages;
SET search_path = t_migrate, public;
SELECT farm_migrate('second');
SELECT farm_applied_version('second');

-- unknown namespaces
SELECT farm_migrate('nobody');
SELECT farm_applied_version('nobody');

-- numbers beyond 64 bits in an added column's default (a decimal written
-- as a JSON integer, a json default): the column is created, with exactly
-- that default (the migration once recorded the version and created nothing)
SELECT farm_add_table('big', '{"name": "t"}'), farm_migrate('big');
SELECT farm_add_column('big', 't', '{"name": "d", "type": "decimal", "nullable": true, "default": {"value": 100000000000000000000}}');
SELECT farm_add_column('big', 't', '{"name": "j", "type": "json", "nullable": true, "default": {"value": [123456789012345678901234567890]}}');
SELECT farm_migrate('big');
SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) AS dflt FROM pg_attribute a
  JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attrelid = 't_migrate.t_big'::regclass AND a.attname IN ('d', 'j') ORDER BY 1;
