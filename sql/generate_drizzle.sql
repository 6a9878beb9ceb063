-- generate_drizzle: farm_generate_drizzle(ns) and (ns, options_json).  The
-- text is checked with the real Drizzle toolchain (tsc --strict, drizzle-kit
-- plans nothing, a drizzle-orm app) by tests/pg/run.sh drizzle; here it is
-- pinned byte for byte, and bad input gets farm_generate_prisma's errors
-- and SQLSTATEs and changes nothing.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_drizzle CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_drizzle;
SET search_path = t_drizzle, public;

CREATE FUNCTION t_drizzle.try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;
CREATE FUNCTION t_drizzle.state() RETURNS text LANGUAGE sql AS $$
  SELECT coalesce(md5(string_agg(ns || '/' || version || '/' || op, ',' ORDER BY ns, version)), '-')
    || ' ' || (SELECT count(*) FROM farmorm.namespaces)
    || ' ' || (SELECT count(*) FROM pg_class WHERE relnamespace = 't_drizzle'::regnamespace)
    || ' ' || farm_applied_version('comment-fragment')
  FROM farmorm.operations
$$;
\pset format unaligned
\pset tuples_only on

-- nothing registered, all namespaces: the internal tables only
SELECT farm_generate_drizzle(NULL, '{}');

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
-- the host's defaults: provider postgresql, internal tables included
SELECT farm_generate_drizzle('comment-fragment');
SELECT farm_generate_drizzle('comment-fragment', NULL) = farm_generate_drizzle('comment-fragment') AS null_options;
SELECT farm_generate_drizzle('comment-fragment', '{"provider": "postgresql", "internal": true}')
  = farm_generate_drizzle('comment-fragment') AS explicit_defaults;
-- other providers and options, the same bytes as on SQLite
SELECT farm_generate_drizzle('comment-fragment', '{"provider": "sqlite", "internal": false}');
SELECT farm_generate_drizzle('comment-fragment', '{"provider": "sqlite", "sqliteStorage": "default", "internal": false}');
SELECT farm_generate_drizzle('comment-fragment', '{"provider": "mysql", "internal": false}');
-- several namespaces, bytewise; the names are the Prisma output's
SELECT farm_register('x-y', '{"tables": [{"name": "t", "columns": [{"name": "v", "type": "integer", "default": {"value": -1}}]}]}');
SELECT farm_generate_drizzle(NULL, '{"internal": false}');
SELECT position('export const T_x_y = t_drizzleSchema.table("t_x-y", {' IN farm_generate_drizzle('x-y')) > 0
  AND position('model T_x_y {' IN farm_generate_prisma('x-y')) > 0 AS names_shared;
-- generation does not need a migrate, and migrate changes nothing in it
SELECT md5(farm_generate_drizzle(NULL, '{}')) AS before \gset
SELECT farm_migrate();
SELECT md5(farm_generate_drizzle(NULL, '{}')) = :'before' AS unchanged;

-- errors: SQLSTATE and message; nothing changes
SELECT state() AS before \gset
SELECT q AS "call", try(q) AS "error" FROM (VALUES
  ($$SELECT farm_generate_drizzle('nobody')$$),
  ($$SELECT farm_generate_drizzle('nobody', '{}')$$),
  ($$SELECT farm_generate_drizzle('X-y')$$),
  ($$SELECT farm_generate_drizzle(NULL)$$),
  ($$SELECT farm_generate_drizzle('')$$),
  ($$SELECT farm_generate_drizzle('-x')$$),
  ($$SELECT farm_generate_drizzle('''; drop table x; --')$$),
  ($$SELECT farm_generate_drizzle(repeat('n', 64))$$),
  ($$SELECT farm_generate_drizzle('x-y', '{"provider": "oracle"}')$$),
  ($$SELECT farm_generate_drizzle('x-y', '{"sqliteStorage": "fast"}')$$),
  ($$SELECT farm_generate_drizzle('x-y', '{"internal": 0}')$$),
  ($$SELECT farm_generate_drizzle('x-y', '{"datasource": true}')$$),
  ($$SELECT farm_generate_drizzle('x-y', '{"colour": "blue"}')$$),
  ($$SELECT farm_generate_drizzle('x-y', '{"internal": true, "internal": false}')$$),
  ($$SELECT farm_generate_drizzle('x-y', 'not json')$$),
  ($$SELECT farm_generate_drizzle('x-y', '[]')$$),
  ($$SELECT farm_generate_drizzle(NULL, '{"provider": "oracle"}')$$),
  ($$SELECT farm_generate_drizzle('nobody', '{"provider": "oracle"}')$$)
) AS t(q);
SELECT state() = :'before' AS unchanged_after_errors;
