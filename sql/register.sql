-- register: farm_register is declarative; unchanged input is a no-op; the
-- operations that reach the desired schema are appended; farm_schema
-- round-trips.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS farmorm CASCADE;
DROP SCHEMA IF EXISTS t_register CASCADE;
CREATE EXTENSION farmorm;
RESET client_min_messages;
CREATE SCHEMA t_register;
SET search_path = t_register, public;
\pset format unaligned

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

-- the same schema again, with keys in another order: nothing appended
SELECT farm_register('comment-fragment', $j${"tables": [
  {"indexes": [
     {"columns": ["authorId"], "name": "idx_comment_author"},
     {"unique": true, "name": "uidx_author_parent", "columns": ["authorId", "parentId"]}
   ],
   "columns": [
     {"type": "string", "name": "content"},
     {"name": "authorId", "type": "varchar(64)"},
     {"nullable": true, "name": "parentId", "type": "reference", "references": "comment"},
     {"name": "rating",   "type": "integer", "default": {"value": 0}},
     {"name": "createdAt","type": "timestamp", "default": {"dbSpecial": "now"}}
   ],
   "name": "comment"}
]}$j$);

SELECT farm_schema('comment-fragment');
-- feeding farm_schema back is a no-op
SELECT farm_register('comment-fragment', farm_schema('comment-fragment'));
SELECT farm_schema_version('comment-fragment');

-- a new column, a new index, a nullability change and a new table:
-- one alter-table and one add-table operation
SELECT farm_register('comment-fragment', $j${"tables": [
  {"name": "comment",
   "columns": [
     {"name": "content",  "type": "string", "nullable": true},
     {"name": "authorId", "type": "varchar(64)"},
     {"name": "parentId", "type": "reference", "references": "comment", "nullable": true},
     {"name": "rating",   "type": "integer", "default": {"value": 0}},
     {"name": "createdAt","type": "timestamp", "default": {"dbSpecial": "now"}},
     {"name": "editedAt", "type": "timestamp", "nullable": true}
   ],
   "indexes": [
     {"name": "idx_comment_author", "columns": ["authorId"]},
     {"name": "uidx_author_parent", "columns": ["authorId", "parentId"], "unique": true},
     {"name": "idx_comment_created", "columns": ["createdAt"]}
   ]},
  {"name": "reaction",
   "columns": [
     {"name": "commentId", "type": "reference", "references": "comment"},
     {"name": "emoji", "type": "varchar(16)"}
   ]}
]}$j$);

SELECT ns, version, op FROM farmorm.operations ORDER BY ns, version;
SELECT farm_schema('comment-fragment');
SELECT farm_register('comment-fragment', farm_schema('comment-fragment'));

-- what operations cannot express is refused, naming the first offender;
-- nothing is appended
SELECT farm_register('comment-fragment', '{"tables": []}');
SELECT farm_register('comment-fragment', replace(farm_schema('comment-fragment'), '"emoji","type":"varchar(16)"', '"emoji","type":"string"'));
SELECT farm_register('comment-fragment', replace(farm_schema('comment-fragment'), '"name":"emoji"', '"name":"emoji2"'));
SELECT farm_schema_version('comment-fragment');

-- a second namespace; farm_namespaces lists both bytewise
SELECT farm_register('Alpha', '{"tables": [{"name": "t", "columns": [{"name": "v", "type": "integer"}]}]}');
SELECT farm_register('alpha', '{"tables": []}');
SELECT farm_namespaces();
SELECT farm_schema('alpha');
SELECT farm_schema_version('alpha'), farm_schema_version('nobody'), farm_applied_version('Alpha');
