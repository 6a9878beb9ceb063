-- prisma: farm_generate_prisma and its three forms.  The text is checked
-- against the real Prisma toolchain (format, validate, zero drift) by
-- tests/pg/run.sh; here it is pinned byte for byte.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_prisma CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_prisma;
SET search_path = t_prisma, public;
\pset format unaligned
\pset tuples_only on

-- nothing registered: the internal models only
SELECT farm_generate_prisma();

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
SELECT farm_generate_prisma('comment-fragment');

SELECT farm_register('x-y', '{"tables": [{"name": "t", "columns": [{"name": "v", "type": "integer"}]}]}');
SELECT farm_register('alpha', $j${"tables": [
  {"name": "user", "columns": [{"name": "email", "type": "varchar(255)"}],
   "indexes": [{"name": "user_email", "columns": ["email"], "unique": true}]},
  {"name": "post", "columns": [
    {"name": "author_id", "type": "reference", "references": "user"},
    {"name": "title", "type": "string"}]}
]}$j$);
-- every namespace, bytewise
SELECT farm_generate_prisma();
-- NULL namespace with options: every namespace
SELECT farm_generate_prisma(NULL, '{"internal": false}') = farm_generate_prisma(NULL, '{"internal": false}') AS deterministic;
SELECT farm_generate_prisma(NULL, '{"internal": false}');
-- one namespace without the internal models, with a datasource
SELECT farm_generate_prisma('alpha', '{"internal": false, "datasource": true}');
-- other providers
SELECT farm_generate_prisma('x-y', '{"provider": "sqlite", "internal": false}');
SELECT farm_generate_prisma('x-y', '{"provider": "sqlite", "sqliteStorage": "default", "internal": false}');
SELECT farm_generate_prisma('x-y', '{"provider": "mysql", "internal": false}');
-- NULL options mean none
SELECT farm_generate_prisma('x-y', NULL) = farm_generate_prisma('x-y') AS null_options;
-- generation does not need a migrate, and migrate changes nothing in it
SELECT md5(farm_generate_prisma()) AS before \gset
SELECT farm_migrate();
SELECT md5(farm_generate_prisma()) = :'before' AS unchanged;

-- database schemas: these tables live in t_prisma (not public), so every
-- model carries @@schema("t_prisma"); a namespace first migrated with
-- another schema current lives there with its own internal models, which
-- keep their names in the first schema and get a suffix in the others
DROP SCHEMA IF EXISTS t_prisma_b CASCADE;
CREATE SCHEMA t_prisma_b;
SET search_path = t_prisma_b, public;
SELECT farm_add_table('other', '{"name": "thing", "columns": [{"name": "n", "type": "integer"}]}');
SELECT farm_migrate('other');
SET search_path = t_prisma, public;
SELECT farm_generate_prisma('other');
SELECT farm_generate_prisma(NULL, '{"datasource": true}');
-- "schemas" changes nothing once a schema other than public is involved
SELECT farm_generate_prisma(NULL, '{"schemas": true}') = farm_generate_prisma() AS schemas_option_same;
SELECT farm_generate_prisma('other', '{"provider": "sqlite", "internal": false}') NOT LIKE '%@@schema%' AS no_schema_for_sqlite;

\pset tuples_only off
\pset format aligned
-- errors
SELECT farm_generate_prisma('x-y', '{"schemas": true, "provider": "mysql"}');
SELECT farm_generate_prisma('x-y', '{"schemas": "yes"}');
SELECT farm_generate_prisma('nobody');
SELECT farm_generate_prisma(NULL);
SELECT farm_generate_prisma('x-y', '{"provider": "oracle"}');
SELECT farm_generate_prisma('x-y', '{"colour": "blue"}');
SELECT farm_generate_prisma('x-y', 'not json');
SELECT farm_generate_prisma('x-y', '[]');
SELECT farm_generate_prisma(NULL, '{"datasource": 1}');
