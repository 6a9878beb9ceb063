/*-------------------------------------------------------------------------
 * farmorm--0.1.0--0.2.0.sql
 *	  Upgrade script from farmorm 0.1.0 to 0.2.0 (ALTER EXTENSION farmorm
 *	  UPDATE).  Every SQL object 0.2.0 adds or changes is created here
 *	  exactly as pg_ext/farmorm.sql.in creates it for a fresh install;
 *	  tests/pg/upgrade.sh checks that an upgraded database and a fresh one
 *	  have the same functions and that a populated 0.1.0 registry keeps
 *	  working.
 *-------------------------------------------------------------------------
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "ALTER EXTENSION farmorm UPDATE TO '0.2.0'" to load this file. \quit

-- ---------------------------------------------------------------------------
-- Registry writes
-- ---------------------------------------------------------------------------
CREATE FUNCTION farm_discard_pending(ns text) RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_discard_pending'
    LANGUAGE C VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_discard_pending(text) IS
    'discard the registered operations above the applied version (never applied here); returns the registered version left';

-- ---------------------------------------------------------------------------
-- Living beside an app's own Prisma Migrate
-- ---------------------------------------------------------------------------
CREATE FUNCTION farm_external_tables() RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_external_tables'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_external_tables() IS
    'JSON array of the tables farmorm created or adopted (schema.table), for prisma.config.ts tables.external';

CREATE FUNCTION farm_shadow_sql() RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_shadow_sql'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_shadow_sql() IS
    'SQL that creates those tables as they stand in an empty database, for prisma.config.ts migrations.initShadowDb';

CREATE FUNCTION farm_check(ns text) RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_check'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_check(text) IS
    'JSON: every difference between the catalog and the tables of the namespace''s applied version';

CREATE FUNCTION farm_migrate(ns text, options_json text) RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_migrate'
    LANGUAGE C VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_migrate(text, text) IS
    'migrate the namespace; options adopt (take over matching tables without DDL), schema (first migrate)';

-- farm_generate_drizzle: Drizzle ORM schema output
CREATE FUNCTION farm_generate_drizzle(ns text) RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_generate_drizzle'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_generate_drizzle(text) IS 'Drizzle ORM schema module (TypeScript) of one namespace';

CREATE FUNCTION farm_generate_drizzle(ns text, options_json text) RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_generate_drizzle'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_generate_drizzle(text, text) IS
    'Drizzle ORM schema module of one namespace (all when ns is NULL); options provider, sqliteStorage, internal';
