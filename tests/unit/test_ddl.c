/*-------------------------------------------------------------------------
 * test_ddl.c
 *	  Unit tests of shared/ddl.c: DDL for SQLite (both storage modes) and
 *	  PostgreSQL against golden files, and migration planning between
 *	  versions (create table, add column, add index, nullability change
 *	  including SQLite's table rebuild).
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include "ddl.h"
#include "model.h"

#define J(s) (s), strlen(s)

static const char *const example =
"{\"tables\": [{\"name\": \"comment\", \"columns\": ["
"{\"name\": \"content\", \"type\": \"string\"},"
"{\"name\": \"authorId\", \"type\": \"varchar(64)\"},"
"{\"name\": \"parentId\", \"type\": \"reference\", \"references\": \"comment\", \"nullable\": true},"
"{\"name\": \"rating\", \"type\": \"integer\", \"default\": {\"value\": 0}},"
"{\"name\": \"createdAt\", \"type\": \"timestamp\", \"default\": {\"dbSpecial\": \"now\"}}],"
"\"indexes\": [{\"name\": \"idx_comment_author\", \"columns\": [\"authorId\"]},"
"{\"name\": \"uidx_author_parent\", \"columns\": [\"authorId\", \"parentId\"], \"unique\": true}]}]}";

/* Every type and default, and a quote in names and literals. */
static const char *const all_types =
"{\"tables\": [{\"name\": \"all\", \"columns\": ["
"{\"name\": \"s\", \"type\": \"string\", \"default\": {\"value\": \"it's \\\"q\\\"\"}},"
"{\"name\": \"v\", \"type\": \"varchar(10)\", \"nullable\": true},"
"{\"name\": \"i\", \"type\": \"integer\", \"default\": {\"value\": -5}},"
"{\"name\": \"b\", \"type\": \"bigint\", \"default\": {\"value\": 9007199254740993}},"
"{\"name\": \"d\", \"type\": \"decimal\", \"default\": {\"value\": 1.25}},"
"{\"name\": \"f\", \"type\": \"bool\", \"default\": {\"value\": true}},"
"{\"name\": \"dt\", \"type\": \"date\", \"default\": {\"dbSpecial\": \"now\"}},"
"{\"name\": \"ts\", \"type\": \"timestamp\", \"nullable\": true, \"default\": {\"runtime\": \"now\"}},"
"{\"name\": \"j\", \"type\": \"json\", \"default\": {\"value\": {\"b\": [1, 2], \"a\": \"x'y\"}}},"
"{\"name\": \"bin\", \"type\": \"binary\", \"nullable\": true},"
"{\"name\": \"col\\\"quote\", \"type\": \"string\", \"default\": {\"runtime\": \"cuid\"}}]}]}";

static char *
plan(farm_strlist *log, int from, int to, farm_provider d, farm_storage st,
	 const char *schema, int *rc)
{
	farm_ddl_opts o;
	farm_strlist stmts;
	farm_error	err;
	char	   *text;

	o.dialect = d;
	o.storage = st;
	o.pg_schema = schema;
	o.guards = NULL;
	farm_strlist_init(&stmts);
	*rc = farm_plan_migration("comment-fragment", log->items, log->lens, (int) log->n,
							  from, to, &o, &stmts, &err);
	text = *rc == FARM_OK ? farm_join_statements(&stmts) : farm_strdup(err.msg);
	farm_strlist_free(&stmts);
	return text;
}

static void
golden_plan(const char *path, farm_strlist *log, int from, int to, farm_provider d,
			farm_storage st, const char *schema)
{
	int			rc;
	char	   *text = plan(log, from, to, d, st, schema, &rc);

	CHECK(rc == FARM_OK);
	unit_golden(path, text);
	free(text);
}

static void
test_create(void)
{
	farm_schema *s = farm_schema_new("comment-fragment");
	farm_strlist log;
	farm_error	err;

	/* the example, then every type */
	farm_strlist_init(&log);
	CHECK(farm_op_register(s, J(example), &log, &err) == FARM_OK);
	{
		const char *t = strstr(all_types, "{\"name\": \"all\"");
		char	   *one = farm_strndup(t, strlen(t) - 2);	/* strip "]}" */

		CHECK(farm_op_add_table(s, J(one), &log, &err) == FARM_OK);
		free(one);
	}
	CHECK(log.n == 2);
	golden_plan("tests/unit/golden/ddl_create_sqlite.sql", &log, 0, 2, FARM_SQLITE, FARM_STORAGE_PRISMA, NULL);
	golden_plan("tests/unit/golden/ddl_create_sqlite_default.sql", &log, 0, 2, FARM_SQLITE, FARM_STORAGE_DEFAULT, NULL);
	golden_plan("tests/unit/golden/ddl_create_pg.sql", &log, 0, 2, FARM_PG, FARM_STORAGE_PRISMA, "public");
	farm_strlist_free(&log);
	farm_schema_free(s);
}

/*
 * An alter-table operation holding a number jansson cannot keep (an
 * integer beyond 64 bits) plans its DDL like any other: it was once left
 * out while farm_migrate recorded the version.
 */
static void
test_alter_exact_numbers(void)
{
	farm_schema *s = farm_schema_new("comment-fragment");
	farm_strlist log;
	farm_error	err;
	int			rc;
	char	   *text;

	farm_strlist_init(&log);
	CHECK(farm_op_add_table(s, J("{\"name\": \"t\"}"), &log, &err) == FARM_OK);
	CHECK(farm_op_add_column(s, "t", J("{\"name\": \"d\", \"type\": \"decimal\", \"nullable\": true, \"default\": {\"value\": 100000000000000000000}}"), &log, &err) == FARM_OK);
	CHECK(farm_op_add_column(s, "t", J("{\"name\": \"j\", \"type\": \"json\", \"nullable\": true, \"default\": {\"value\": [123456789012345678901234567890]}}"), &log, &err) == FARM_OK);
	text = plan(&log, 1, 3, FARM_SQLITE, FARM_STORAGE_PRISMA, NULL, &rc);
	CHECK(rc == FARM_OK);
	CHECK_STR(text, "ALTER TABLE \"main\".\"t_comment-fragment\" ADD COLUMN \"d\" REAL DEFAULT 100000000000000000000;\n"
			  "ALTER TABLE \"main\".\"t_comment-fragment\" ADD COLUMN \"j\" JSONB DEFAULT '[123456789012345678901234567890]';\n");
	free(text);
	text = plan(&log, 1, 3, FARM_PG, FARM_STORAGE_PRISMA, "app", &rc);
	CHECK(rc == FARM_OK);
	CHECK(text != NULL && strstr(text, "ADD COLUMN \"d\" decimal(65,30) DEFAULT 100000000000000000000") != NULL);
	CHECK(text != NULL && strstr(text, "ADD COLUMN \"j\" json DEFAULT '[123456789012345678901234567890]'") != NULL);
	free(text);
	farm_strlist_free(&log);
	farm_schema_free(s);
}

static void
test_alter(void)
{
	farm_schema *s = farm_schema_new("comment-fragment");
	farm_strlist log;
	farm_error	err;
	int			rc;
	char	   *text;

	farm_strlist_init(&log);
	CHECK(farm_op_register(s, J(example), &log, &err) == FARM_OK);
	CHECK(farm_op_add_table(s, J("{\"name\": \"reply\", \"columns\": [{\"name\": \"to\", \"type\": \"reference\", \"references\": \"comment\"}]}"), &log, &err) == FARM_OK);
	/* 3: nullable column + reference column: ALTER TABLE ADD COLUMN on both */
	CHECK(farm_op_add_column(s, "comment", J("{\"name\": \"editorId\", \"type\": \"reference\", \"references\": \"reply\", \"nullable\": true}"), &log, &err) == FARM_OK);
	/* 4: NOT NULL with a constant default */
	CHECK(farm_op_add_column(s, "comment", J("{\"name\": \"flag\", \"type\": \"bool\", \"default\": {\"value\": false}}"), &log, &err) == FARM_OK);
	/* 5: index */
	CHECK(farm_op_add_index(s, "comment", J("{\"name\": \"idx_flag\", \"columns\": [\"flag\", \"rating\"]}"), &log, &err) == FARM_OK);
	/* 6: nullability: SQLite rebuild */
	CHECK(farm_op_set_nullable(s, "comment", "content", true, &log, &err) == FARM_OK);
	/* 7: a CURRENT_TIMESTAMP column: SQLite rebuild */
	CHECK(farm_op_add_column(s, "reply", J("{\"name\": \"at\", \"type\": \"timestamp\", \"default\": {\"dbSpecial\": \"now\"}}"), &log, &err) == FARM_OK);
	/* 8: back to NOT NULL */
	CHECK(farm_op_set_nullable(s, "comment", "content", false, &log, &err) == FARM_OK);
	CHECK(log.n == 8);
	golden_plan("tests/unit/golden/ddl_alter_sqlite.sql", &log, 2, 8, FARM_SQLITE, FARM_STORAGE_PRISMA, NULL);
	golden_plan("tests/unit/golden/ddl_alter_pg.sql", &log, 2, 8, FARM_PG, FARM_STORAGE_PRISMA, "app");

	/* planning bounds */
	text = plan(&log, 8, 8, FARM_SQLITE, FARM_STORAGE_PRISMA, NULL, &rc);
	CHECK(rc == FARM_OK);
	CHECK_STR(text, "");
	free(text);
	text = plan(&log, 5, 3, FARM_SQLITE, FARM_STORAGE_PRISMA, NULL, &rc);
	CHECK(rc == FARM_EINVALID);
	CHECK_STR(text, "cannot migrate namespace \"comment-fragment\" from version 5 to version 3 (registered version 8; migrations only go forward)");
	free(text);
	text = plan(&log, 0, 9, FARM_SQLITE, FARM_STORAGE_PRISMA, NULL, &rc);
	CHECK(rc == FARM_EINVALID);
	free(text);
	/* stepwise plans add up to the whole plan */
	{
		char	   *whole = plan(&log, 0, 8, FARM_PG, FARM_STORAGE_PRISMA, NULL, &rc);
		farm_buf	parts;
		int			v;

		farm_buf_init(&parts);
		for (v = 0; v < 8; v++)
		{
			char	   *p = plan(&log, v, v + 1, FARM_PG, FARM_STORAGE_PRISMA, NULL, &rc);

			farm_buf_puts(&parts, p);
			free(p);
		}
		CHECK_STR(parts.data, whole);
		farm_buf_free(&parts);
		free(whole);
	}
	farm_strlist_free(&log);
	farm_schema_free(s);
}

static void
test_internal(void)
{
	farm_strlist log;
	int			i;

	farm_strlist_init(&log);
	for (i = 0; i < farm_internal_nops(); i++)
		farm_strlist_push(&log, farm_internal_op(i));
	{
		farm_ddl_opts o = {FARM_PG, FARM_STORAGE_PRISMA, "public", NULL};
		farm_strlist stmts;
		farm_error	err;
		char	   *text;

		farm_strlist_init(&stmts);
		CHECK(farm_plan_migration("", log.items, log.lens, (int) log.n, 0, 2, &o, &stmts, &err) == FARM_OK);
		text = farm_join_statements(&stmts);
		unit_golden("tests/unit/golden/ddl_internal_pg.sql", text);
		free(text);
		farm_strlist_free(&stmts);
	}
	farm_strlist_free(&log);
}

/* PostgreSQL literals with backslashes are E'' strings: safe whatever standard_conforming_strings says */
static void
test_pg_literals(void)
{
	farm_schema *s = farm_schema_new("ns");
	farm_strlist log;
	farm_error	err;
	int			rc;
	char	   *text;

	farm_strlist_init(&log);
	CHECK(farm_op_add_table(s, J("{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"default\": {\"value\": \"C:\\\\new', x\"}}, {\"name\": \"b\", \"type\": \"json\", \"default\": {\"value\": \"q\\\"\"}}, {\"name\": \"c\", \"type\": \"string\", \"default\": {\"value\": \"it's\"}}]}"), &log, &err) == FARM_OK);
	text = plan(&log, 0, 1, FARM_PG, FARM_STORAGE_PRISMA, NULL, &rc);
	CHECK(strstr(text, "\"a\" text NOT NULL DEFAULT E'C:\\\\new'', x'") != NULL);
	CHECK(strstr(text, "\"b\" json NOT NULL DEFAULT E'\"q\\\\\"\"'") != NULL);
	CHECK(strstr(text, "\"c\" text NOT NULL DEFAULT 'it''s'") != NULL);
	free(text);
	/* SQLite has no escapes: the same value stays a plain literal */
	text = plan(&log, 0, 1, FARM_SQLITE, FARM_STORAGE_PRISMA, NULL, &rc);
	CHECK(strstr(text, "\"a\" TEXT NOT NULL DEFAULT 'C:\\new'', x'") != NULL);
	free(text);
	farm_strlist_free(&log);
	farm_schema_free(s);
}

static void
test_sql_opts(void)
{
	farm_sql_opts o = {-1, -1, FARM_SQLITE, FARM_STORAGE_PRISMA};
	farm_error	err;

	CHECK(farm_sql_parse_opts(J("{\"from\": 1, \"to\": 2, \"dialect\": \"postgresql\"}"), &o, &err) == FARM_OK);
	CHECK(o.from == 1 && o.to == 2 && o.dialect == FARM_PG);
	CHECK(farm_sql_parse_opts(J("{\"dialect\": \"mysql\"}"), &o, &err) == FARM_EINVALID);
	CHECK_STR(err.msg, "invalid option \"dialect\": expected \"postgresql\" or \"sqlite\"");
	CHECK(farm_sql_parse_opts(J("{\"from\": -1}"), &o, &err) == FARM_EINVALID);
	CHECK(farm_sql_parse_opts(J("{\"fro\": 1}"), &o, &err) == FARM_EINVALID);
	CHECK_STR(err.msg, "unknown option \"fro\": expected from, to, dialect or sqliteStorage");
	CHECK(farm_sql_parse_opts(J("[1]"), &o, &err) == FARM_EINVALID);
	CHECK(farm_sql_parse_opts(NULL, 0, &o, &err) == FARM_OK);
}

int
main(void)
{
	test_create();
	test_alter();
	test_alter_exact_numbers();
	test_internal();
	test_pg_literals();
	test_sql_opts();
	return unit_done("test_ddl");
}
