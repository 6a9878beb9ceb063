/*-------------------------------------------------------------------------
 * farmorm--0.1.0.sql
 *	  Install script of farmorm 0.1.0, kept as released so that
 *	  `CREATE EXTENSION farmorm VERSION '0.1.0'` and the upgrade path
 *	  0.1.0 -> 0.2.0 stay testable (tests/pg/upgrade.sh).  Never edit.
 *
 * The SQL functions of SPEC section 3, with the names, arguments and
 * results of the SQLite binding.  farm_set_sqlite_storage is SQLite-only
 * and not installed here.  Every function is SECURITY INVOKER and CALLED
 * ON NULL INPUT: NULL arguments get the same error text as on SQLite.  The
 * C code pins search_path and standard_conforming_strings itself (it must
 * read the caller's creation schema first), so the functions carry no SET
 * clause.
 *
 * The registry lives in the schema "farmorm", which belongs to the
 * extension; its tables are marked for pg_dump.
 *-------------------------------------------------------------------------
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION farmorm" to load this file. \quit

DO $check$
BEGIN
    IF pg_catalog.getdatabaseencoding() OPERATOR(pg_catalog.<>) 'UTF8'
       AND pg_catalog.getdatabaseencoding() OPERATOR(pg_catalog.<>) 'SQL_ASCII' THEN
        RAISE EXCEPTION 'farmorm requires a database with UTF8 encoding'
            USING ERRCODE = 'feature_not_supported';
    END IF;
END
$check$;

-- ---------------------------------------------------------------------------
-- Registry storage
-- ---------------------------------------------------------------------------
CREATE SCHEMA farmorm;
COMMENT ON SCHEMA farmorm IS 'farmorm registry; written only by the farm_* functions, called by trusted roles';

CREATE TABLE farmorm.operations (
    ns      text    NOT NULL,
    version integer NOT NULL CHECK (version OPERATOR(pg_catalog.>=) 1),
    op      text    NOT NULL,
    PRIMARY KEY (ns, version)
);
COMMENT ON TABLE farmorm.operations IS
    'operation log of each namespace: version n is the schema after the first n operations';

CREATE TABLE farmorm.namespaces (
    ns          text PRIMARY KEY,
    schema_name text NOT NULL
);
COMMENT ON TABLE farmorm.namespaces IS
    'schema that holds the tables of each namespace, recorded at its first farm_migrate';

CREATE TABLE farmorm.internal_schemas (
    schema_name text PRIMARY KEY
);
COMMENT ON TABLE farmorm.internal_schemas IS
    'schemas in which farm_migrate created fragno_db_settings and fragno_hooks';

SELECT pg_catalog.pg_extension_config_dump('farmorm.operations', '');
SELECT pg_catalog.pg_extension_config_dump('farmorm.namespaces', '');
SELECT pg_catalog.pg_extension_config_dump('farmorm.internal_schemas', '');

-- ---------------------------------------------------------------------------
-- Registry writes (return the registered version)
-- ---------------------------------------------------------------------------
CREATE FUNCTION farm_register(ns text, schema_json text) RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_register'
    LANGUAGE C VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_register(text, text) IS
    'diff the desired schema (JSON) against the registered one and append the operations that reach it';

CREATE FUNCTION farm_add_table(ns text, table_json text) RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_add_table'
    LANGUAGE C VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_add_table(text, text) IS 'register a new table (one operation)';

CREATE FUNCTION farm_add_column(ns text, table_name text, column_json text) RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_add_column'
    LANGUAGE C VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_add_column(text, text, text) IS 'register a new column (one operation)';

CREATE FUNCTION farm_add_index(ns text, table_name text, index_json text) RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_add_index'
    LANGUAGE C VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_add_index(text, text, text) IS 'register a new index (one operation)';

CREATE FUNCTION farm_set_nullable(ns text, table_name text, column_name text, nullable boolean)
    RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_set_nullable'
    LANGUAGE C VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_set_nullable(text, text, text, boolean) IS
    'change the nullability of a column (one operation)';

-- ---------------------------------------------------------------------------
-- Reads
-- ---------------------------------------------------------------------------
CREATE FUNCTION farm_schema(ns text) RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_schema'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_schema(text) IS 'the registered schema as canonical JSON';

CREATE FUNCTION farm_schema_version(ns text) RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_schema_version'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_schema_version(text) IS 'the registered version (0 when unknown)';

CREATE FUNCTION farm_applied_version(ns text) RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_applied_version'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_applied_version(text) IS 'the applied (migrated) version (0 when unknown)';

CREATE FUNCTION farm_namespaces() RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_namespaces'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_namespaces() IS
    'JSON array of {"namespace", "version", "applied"}';

CREATE FUNCTION farm_table_name(ns text, table_name text) RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_table_name'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL SAFE;
COMMENT ON FUNCTION farm_table_name(text, text) IS 'the physical table name';

CREATE FUNCTION farm_version() RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_version'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL SAFE;
COMMENT ON FUNCTION farm_version() IS 'the extension''s version';

-- ---------------------------------------------------------------------------
-- Generation
-- ---------------------------------------------------------------------------
CREATE FUNCTION farm_generate_prisma() RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_generate_prisma'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_generate_prisma() IS 'Prisma models of every namespace';

CREATE FUNCTION farm_generate_prisma(ns text) RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_generate_prisma'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_generate_prisma(text) IS 'Prisma models of one namespace';

CREATE FUNCTION farm_generate_prisma(ns text, options_json text) RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_generate_prisma'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_generate_prisma(text, text) IS
    'Prisma models of one namespace (all when ns is NULL); options provider, sqliteStorage, datasource, internal';

CREATE FUNCTION farm_generate_sql(ns text) RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_generate_sql'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_generate_sql(text) IS 'the DDL farm_migrate would run now';

CREATE FUNCTION farm_generate_sql(ns text, options_json text) RETURNS text
    AS 'MODULE_PATHNAME', 'farmorm_generate_sql'
    LANGUAGE C STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_generate_sql(text, text) IS
    'DDL of a namespace; options from, to, dialect, sqliteStorage';

-- ---------------------------------------------------------------------------
-- Bootstrap
-- ---------------------------------------------------------------------------
CREATE FUNCTION farm_migrate() RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_migrate'
    LANGUAGE C VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_migrate() IS
    'migrate the internal schema, then every namespace, in the caller''s transaction';

CREATE FUNCTION farm_migrate(ns text) RETURNS integer
    AS 'MODULE_PATHNAME', 'farmorm_migrate'
    LANGUAGE C VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE;
COMMENT ON FUNCTION farm_migrate(text) IS
    'migrate the internal schema, then the namespace, in the caller''s transaction';
