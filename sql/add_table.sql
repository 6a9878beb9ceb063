-- add_table: the single-operation writers migration scripts use
-- (farm_add_table, farm_add_column, farm_add_index, farm_set_nullable) and
-- the physical names (farm_table_name).
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_add CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_add;
SET search_path = t_add, public;
\pset format unaligned

SELECT farm_add_table('blog', '{"name": "post", "columns": [{"name": "title", "type": "string"}]}');
SELECT farm_add_table('blog', '{"name": "tag", "columns": [{"name": "label", "type": "varchar(40)"}], "indexes": [{"name": "uidx_tag_label", "columns": ["label"], "unique": true}]}');
SELECT farm_add_column('blog', 'post', '{"name": "body", "type": "string", "nullable": true}');
SELECT farm_add_column('blog', 'post', '{"name": "views", "type": "bigint", "default": {"value": 0}}');
SELECT farm_add_column('blog', 'post', '{"name": "published", "type": "timestamp", "default": {"dbSpecial": "now"}}');
SELECT farm_add_column('blog', 'post', '{"name": "tagId", "type": "reference", "references": "tag", "nullable": true}');
SELECT farm_add_index('blog', 'post', '{"name": "idx_post_tag", "columns": ["tagId", "published"]}');
SELECT farm_set_nullable('blog', 'post', 'title', true);
-- no change: no operation, same version
SELECT farm_set_nullable('blog', 'post', 'title', true);
SELECT farm_set_nullable('blog', 'post', 'title', false);
-- names are case-insensitive in their scope
SELECT farm_add_column('blog', 'POST', '{"name": "Summary", "type": "string", "nullable": true}');
SELECT farm_schema_version('blog'), farm_applied_version('blog');
SELECT version, op FROM farmorm.operations WHERE ns = 'blog' ORDER BY version;
SELECT farm_schema('blog');

-- physical names: <table>_<namespace>; over 63 bytes: cut at a UTF-8
-- boundary and hashed
SELECT farm_table_name('blog', 'post');
SELECT farm_table_name('comment-fragment', 'comment');
SELECT farm_table_name('blog', repeat('x', 62)) AS name, octet_length(farm_table_name('blog', repeat('x', 62)));
SELECT farm_table_name('blog', repeat('é', 31)) AS name, octet_length(farm_table_name('blog', repeat('é', 31)));
SELECT farm_table_name(repeat('n', 63), 'a') AS name, octet_length(farm_table_name(repeat('n', 63), 'a'));
-- distinct from its neighbours
SELECT count(DISTINCT farm_table_name('blog', repeat('x', 60) || i)) FROM generate_series(1, 100) AS i;
-- the registry needs no migrate for reads
SELECT farm_namespaces();
