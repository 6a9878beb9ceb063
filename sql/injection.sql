-- injection: string defaults reach the database exactly as registered
-- whatever standard_conforming_strings the caller has (farmorm pins it to
-- "on" inside every call and restores it afterwards), and no registered
-- text can add a statement to the DDL farm_migrate runs.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_inj CASCADE;
DROP TABLE IF EXISTS public.pwned, public.pwned2, public.junk;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_inj;
SET search_path = t_inj, public;
\pset format unaligned

-- every default of a table's first row, against the registered schema
-- (shown JSON-escaped)
CREATE FUNCTION t_inj.defaults(ns text, tbl text) RETURNS TABLE ("column" text, same boolean, value jsonb)
LANGUAGE plpgsql AS $f$
DECLARE
  r jsonb;
BEGIN
  EXECUTE format('SELECT to_jsonb(t) FROM t_inj.%I t LIMIT 1', tbl || '_' || ns) INTO r;
  RETURN QUERY
    SELECT c->>'name', r -> (c->>'name') = c->'default'->'value', r -> (c->>'name')
    FROM jsonb_array_elements(farm_schema(ns)::jsonb -> 'tables') AS t,
         jsonb_array_elements(t->'columns') AS c
    WHERE t->>'name' = tbl AND c ? 'default'
    ORDER BY c->>'name' COLLATE "C";
END
$f$;

-- the caller reads backslashes in '...' as escapes
SET standard_conforming_strings = off;
SET escape_string_warning = off;
-- the reviewer's string, in CREATE TABLE ...
SELECT farm_add_table('inj', $j${"name": "attack", "columns": [
  {"name": "s", "type": "string", "default": {"value": "\\', b int); CREATE TABLE public.pwned(a int); CREATE TABLE public.junk (c int, --"}}
]}$j$);
SELECT farm_migrate('inj');
SHOW standard_conforming_strings;
-- ... and in ALTER TABLE ... ADD COLUMN
SELECT farm_add_column('inj', 'attack', $j${"name": "added", "type": "string", "default": {"value": "\\', ADD COLUMN b2 int; CREATE TABLE public.pwned2(a int); --"}}$j$);
SELECT farm_migrate('inj');
-- quotes, backslashes and newlines
SELECT farm_add_table('esc', $j${"name": "t", "columns": [
  {"name": "quote", "type": "string", "default": {"value": "it's"}},
  {"name": "bsquote", "type": "string", "default": {"value": "\\'"}},
  {"name": "bsbs", "type": "string", "default": {"value": "a\\\\b"}},
  {"name": "bsend", "type": "string", "default": {"value": "end\\"}},
  {"name": "quotes", "type": "string", "default": {"value": "\\\\'\\''"}},
  {"name": "newlines", "type": "string", "default": {"value": "line 1\nline 2\r\n\\n\t"}},
  {"name": "inject2", "type": "varchar(200)", "default": {"value": "\\'); CREATE TABLE public.pwned(a int); --\n"}},
  {"name": "doc", "type": "json", "default": {"value": {"k": "\\', x); CREATE TABLE public.pwned(a int); --", "q": "'"}}}
]}$j$);
SELECT farm_migrate('esc');
SHOW standard_conforming_strings;

-- nothing but the namespaces' tables was created
SELECT count(*) AS injected FROM pg_class WHERE relname IN ('pwned', 'pwned2', 'junk');
SELECT relname FROM pg_class WHERE relnamespace = 't_inj'::regnamespace AND relkind = 'r' ORDER BY relname COLLATE "C";

-- a row of defaults holds exactly the registered values
INSERT INTO t_inj.attack_inj (id) VALUES ('row');
INSERT INTO t_inj.t_esc (id) VALUES ('row');
SELECT * FROM t_inj.defaults('inj', 'attack');
SELECT * FROM t_inj.defaults('esc', 't');

-- the same with the setting on
RESET standard_conforming_strings;
SHOW standard_conforming_strings;
SELECT farm_add_column('inj', 'attack', $j${"name": "on_too", "type": "string", "default": {"value": "\\', ADD COLUMN c int; CREATE TABLE public.pwned(a int); --"}}$j$);
SELECT farm_migrate('inj');
SELECT * FROM t_inj.defaults('inj', 'attack') WHERE "column" = 'on_too';
SELECT count(*) AS injected FROM pg_class WHERE relname IN ('pwned', 'pwned2', 'junk');

-- the caller's setting is back after an error too
SET standard_conforming_strings = off;
SELECT farm_add_column('inj', 'attack', '{"name": "on_too", "type": "string", "nullable": true}');
SHOW standard_conforming_strings;
RESET standard_conforming_strings;
RESET escape_string_warning;
\pset format aligned

SET client_min_messages = warning;
DROP SCHEMA t_inj CASCADE;
DROP EXTENSION farmorm CASCADE;
