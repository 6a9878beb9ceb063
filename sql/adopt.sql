-- adopt: farm_migrate(ns, options_json).  With {"adopt": true} it takes
-- over tables someone else created from the generated schema (an app's
-- Prisma Migrate; here the DDL farm_generate_sql prints, run by hand): only
-- when farm_check finds no difference and the tables are safe to take over
-- (owned by the caller or a role it is a member of; no triggers, rules,
-- row level security or policies).  It records the applied versions, the
-- namespace's schema and the internal tables without DDL; otherwise it
-- refuses naming the first problem (55000; 42501 for a foreign owner) and
-- nothing changes.  The option "schema" picks the schema of a namespace's
-- first migrate.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_adopt, t_adopt2, t_adopt3 CASCADE;
DROP ROLE IF EXISTS regress_farm_other;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_adopt;
SET search_path = t_adopt, public;
\set VERBOSITY default
\set def `cat examples/comment-fragment.json`
CREATE FUNCTION t_adopt.state() RETURNS text LANGUAGE sql AS $$
  SELECT format('applied=%s namespaces=%s internal=%s settings=%s',
    farm_applied_version('comment-fragment'),
    (SELECT count(*) FROM farmorm.namespaces),
    (SELECT count(*) FROM farmorm.internal_schemas),
    (SELECT count(*) FROM pg_class WHERE relname = 'fragno_db_settings'
       AND relnamespace = 't_adopt'::regnamespace))
$$;

SELECT farm_register('comment-fragment', :'def');
-- nothing created yet: refused, naming the first missing table
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
-- a schema that does not exist, or farmorm's own
SELECT farm_migrate('comment-fragment', '{"adopt": true, "schema": "no_such_schema"}');
SELECT farm_migrate('comment-fragment', '{"schema": "farmorm"}');
SELECT farm_migrate('comment-fragment', '{"schema": "pg_catalog"}');
SELECT t_adopt.state();

-- "Prisma" creates the tables, as another role
CREATE ROLE regress_farm_other;
GRANT CREATE, USAGE ON SCHEMA t_adopt TO regress_farm_other;
SELECT farm_generate_sql('comment-fragment') AS ddl \gset
SET ROLE regress_farm_other;
SELECT :'ddl' \gexec
RESET ROLE;
SELECT farm_check('comment-fragment');
-- owned by a role the caller (a superuser) is not a member of
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
SELECT t_adopt.state();
REASSIGN OWNED BY regress_farm_other TO CURRENT_USER;
-- a plain migrate refuses tables it did not create
SELECT farm_migrate('comment-fragment');

-- hand change, trigger, rule, row level security, policy: refused, unchanged
DROP INDEX "idx_comment_author_comment-fragment";
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
SELECT t_adopt.state();
CREATE INDEX "idx_comment_author_comment-fragment" ON "comment_comment-fragment" ("authorId");
CREATE FUNCTION t_adopt.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER audit BEFORE INSERT ON "comment_comment-fragment" FOR EACH ROW EXECUTE FUNCTION t_adopt.noop();
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
SELECT t_adopt.state();
DROP TRIGGER audit ON "comment_comment-fragment";
CREATE RULE "no delete" AS ON DELETE TO fragno_hooks DO INSTEAD NOTHING;
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
DROP RULE "no delete" ON fragno_hooks;
ALTER TABLE "comment_comment-fragment" ENABLE ROW LEVEL SECURITY;
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
ALTER TABLE "comment_comment-fragment" DISABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON "comment_comment-fragment" USING (true);
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
DROP POLICY mine ON "comment_comment-fragment";
SELECT t_adopt.state();

-- bad options: 22023, nothing changes
SELECT farm_migrate('comment-fragment', '{"adopt": 1}');
SELECT farm_migrate('comment-fragment', '{"adopt": true, "dry": true}');
SELECT farm_migrate('comment-fragment', '{"schema": ""}');
SELECT farm_migrate('comment-fragment', '{"schema": ["a"]}');
SELECT farm_migrate('comment-fragment', '[]');
SELECT farm_migrate('comment-fragment', '{"adopt": true');
SELECT farm_migrate(NULL, '{"adopt": true}');
SELECT farm_migrate('nobody', '{"adopt": true}');

-- adopted: versions, namespace schema and internal tables recorded, no DDL
CREATE TABLE t_adopt.ddl_log (tag text, obj text);
CREATE FUNCTION t_adopt.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO t_adopt.ddl_log SELECT command_tag, object_identity FROM pg_event_trigger_ddl_commands();
END $$;
CREATE EVENT TRIGGER t_adopt_ddl ON ddl_command_end EXECUTE FUNCTION t_adopt.log_ddl();
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
DROP EVENT TRIGGER t_adopt_ddl;
SELECT count(*) AS ddl_statements FROM t_adopt.ddl_log;
SELECT t_adopt.state();
SELECT * FROM farmorm.namespaces;
SELECT * FROM farmorm.internal_schemas;
SELECT key, value FROM fragno_db_settings ORDER BY key COLLATE "C";
SELECT farm_check('comment-fragment');
-- again: a no-op
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
SELECT farm_migrate('comment-fragment', NULL);
SELECT farm_migrate('comment-fragment', '{"adopt": false, "schema": null}');
-- the schema is fixed now
SELECT farm_migrate('comment-fragment', '{"schema": "public"}');
SELECT farm_migrate('comment-fragment', '{"schema": "t_adopt"}');

-- later operations migrate as usual and stay exact
SELECT farm_add_column('comment-fragment', 'comment', '{"name":"edited","type":"bool","nullable":true}');
SELECT farm_add_index('comment-fragment', 'comment', '{"name":"idx_edited","columns":["edited"]}');
SELECT farm_migrate('comment-fragment');
SELECT farm_check('comment-fragment');
-- a pending operation the tables do not show cannot be adopted
SELECT farm_add_table('comment-fragment', '{"name":"like","columns":[{"name":"commentId","type":"reference","references":"comment"}]}');
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
SELECT farm_generate_sql('comment-fragment') \gexec
SELECT farm_migrate('comment-fragment', '{"adopt": true}');
SELECT farm_check('comment-fragment');

-- "schema": the first migrate of a namespace goes there, whatever search_path says
CREATE SCHEMA t_adopt2;
SELECT farm_register('elsewhere', '{"tables":[{"name":"e"}]}');
SELECT farm_migrate('elsewhere', '{"schema": "t_adopt2"}');
SELECT schema_name FROM farmorm.namespaces WHERE ns = 'elsewhere';
SELECT to_regclass('t_adopt2.e_elsewhere') IS NOT NULL AS created_there,
       to_regclass('t_adopt2.fragno_db_settings') IS NOT NULL AS internal_there;
SELECT farm_check('elsewhere');
-- adopting into a chosen schema
CREATE SCHEMA t_adopt3;
SELECT farm_register('adopted', '{"tables":[{"name":"z","columns":[{"name":"v","type":"string"}]}]}');
SET search_path = t_adopt3, public;
SELECT farm_generate_sql('adopted') \gexec
SET search_path = t_adopt, public;
SELECT farm_migrate('adopted', '{"adopt": true, "schema": "t_adopt3"}');
SELECT schema_name FROM farmorm.namespaces WHERE ns = 'adopted';
SELECT farm_applied_version('adopted');

DROP OWNED BY regress_farm_other;
DROP ROLE regress_farm_other;
