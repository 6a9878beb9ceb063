-- functions: the exact list of objects CREATE EXTENSION farmorm installs,
-- with their signatures and properties.  farm_set_sqlite_storage is
-- SQLite-only and deliberately absent.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;

-- every member of the extension
SELECT member FROM (
  SELECT pg_describe_object(classid, objid, objsubid) AS member
  FROM pg_depend
  WHERE refclassid = 'pg_extension'::regclass
    AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'farmorm')
    AND deptype = 'e') AS m
ORDER BY member COLLATE "C";

-- functions: arguments, result, volatility, strictness, security, parallel
-- safety, GUC settings, C symbol
SELECT p.proname, pg_get_function_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS result, p.provolatile AS vol,
       p.proisstrict AS strict, p.prosecdef AS secdef, p.proparallel AS par,
       p.proconfig AS config, p.prosrc AS symbol, n.nspname AS schema
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'farmorm')
  AND d.deptype = 'e'
ORDER BY p.proname COLLATE "C", p.pronargs;

-- registry tables, marked for pg_dump
SELECT e.extversion = farm_version() AS version_matches,
       ARRAY(SELECT c::regclass::text FROM unnest(e.extconfig) AS c ORDER BY 1) AS config_tables,
       e.extcondition, e.extrelocatable, n.nspname AS extension_schema
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'farmorm';

SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
WHERE c.relnamespace = 'farmorm'::regnamespace AND c.relkind = 'r'
ORDER BY 1, 2;

-- nobody but the owner may touch the registry unless granted
SELECT has_schema_privilege('public', 'farmorm', 'USAGE') AS public_usage;

SELECT farm_version() ~ '^[0-9]+\.[0-9]+\.[0-9]+$' AS version_format;

-- the SQLite-only function is not installed
SELECT count(*) FROM pg_proc WHERE proname = 'farm_set_sqlite_storage';
