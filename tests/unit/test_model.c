/*-------------------------------------------------------------------------
 * test_model.c
 *	  Unit tests of shared/model.c and shared/registry.c: every validation
 *	  rule with its status code and message, the operation log and its
 *	  replay, the declarative diff of farm_register, canonical JSON.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include "model.h"
#include "registry.h"

#define NS "comment-fragment"
/* a JSON text argument and its length */
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

static farm_schema *
registered(const char *json, int *rc_out, farm_error *err)
{
	farm_schema *s = farm_schema_new(NS);
	farm_strlist out;

	farm_strlist_init(&out);
	*rc_out = farm_op_register(s, json, strlen(json), &out, err);
	farm_strlist_free(&out);
	return s;
}

/* One rejected table definition: code and exact message. */
typedef struct bad_case
{
	const char *json;
	farm_code	code;
	const char *msg;
} bad_case;

static const bad_case bad_tables[] = {
	{"[]", FARM_EINVALID, "namespace \"ns\": a table definition must be a JSON object"},
	{"{\"columns\": []}", FARM_EINVALID, "namespace \"ns\": table is missing \"name\""},
	{"{\"name\": 5}", FARM_EINVALID, "namespace \"ns\": table \"name\" must be a string"},
	{"{\"name\": \"\"}", FARM_ENAME, "namespace \"ns\": invalid table name \"\": name is empty"},
	{"{\"name\": \"a\\tb\"}", FARM_ENAME, "namespace \"ns\": invalid table name \"a\\x09b\": name contains a control character"},
	{"{\"name\": \"0123456789012345678901234567890123456789012345678901234567890123\"}", FARM_ENAME,
	"namespace \"ns\": invalid table name \"0123456789012345678901234567890123456789012345678901234567890123\": name is longer than 63 bytes"},
	{"{\"name\": \"sqlite_x\"}", FARM_ENAME, "namespace \"ns\", table \"sqlite_x\": table names must not start with \"sqlite_\" (in any case)"},
	{"{\"name\": \"SQLite_x\"}", FARM_ENAME, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}], \"indexes\": [{\"name\": \"SQLITE_i\", \"columns\": [\"a\"]}]}", FARM_ENAME, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"decimal\", \"default\": {\"value\": 1e40}}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": default value 1e40 does not fit decimal(65,30): at most 35 digits before the point and 30 after"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"decimal\", \"default\": {\"value\": 1e-40}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"decimal\", \"default\": {\"value\": 123456789012345678901234567890123456}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"colums\": []}", FARM_EINVALID, "namespace \"ns\", table \"t\": unknown key \"colums\" in table"},
	{"{\"name\": \"t\", \"columns\": {}}", FARM_EINVALID, "namespace \"ns\", table \"t\": \"columns\" must be an array"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"id\", \"type\": \"string\"}]}", FARM_ENAME,
	"namespace \"ns\", table \"t\", column \"id\": column name is reserved (id, _internalId and _version are system columns)"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"_INTERNALID\", \"type\": \"string\"}]}", FARM_ENAME,
	"namespace \"ns\", table \"t\", column \"_INTERNALID\": column name is reserved (id, _internalId and _version are system columns)"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"_version\", \"type\": \"string\"}]}", FARM_ENAME,
	"namespace \"ns\", table \"t\", column \"_version\": column name is reserved (id, _internalId and _version are system columns)"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"text\"}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": unknown type \"text\": expected string, varchar(n) with 1 <= n <= 10485760, integer, bigint, decimal, bool, date, timestamp, json, binary or reference"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"varchar(0)\"}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"varchar(10485761)\"}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"varchar(5\"}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\"}]}", FARM_EINVALID, "namespace \"ns\", table \"t\", column \"a\": column is missing \"type\""},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"size\": 1}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": unknown key \"size\" in column"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"A\", \"type\": \"string\"}]}", FARM_EDUPLICATE,
	"namespace \"ns\", table \"t\", column \"A\": column already exists"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"nullable\": 1}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": \"nullable\" must be true or false"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"reference\"}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": a reference column needs \"references\""},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"references\": \"t\"}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": \"references\" is only allowed on type reference"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"reference\", \"references\": \"nope\"}]}", FARM_EUNKNOWN,
	"namespace \"ns\", table \"t\", column \"a\": references unknown table \"nope\""},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"integer\", \"default\": {\"value\": \"x\"}}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": default value must be an integer between -2147483648 and 2147483647"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"integer\", \"default\": {\"value\": 2147483648}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"bigint\", \"default\": {\"value\": 1.5}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"bool\", \"default\": {\"value\": 1}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"default\": {\"value\": 1}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"varchar(2)\", \"default\": {\"value\": \"abc\"}}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": default value is longer than varchar(2)"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"default\": {\"value\": null}}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": default value null is not allowed: leave \"default\" out instead"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"timestamp\", \"default\": {\"value\": \"2020-01-01\"}}]}", FARM_EUNSUPPORTED, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"binary\", \"default\": {\"value\": \"x\"}}]}", FARM_EUNSUPPORTED, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"default\": {\"dbSpecial\": \"now\"}}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": default \"now\" needs type date or timestamp, not string"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"date\", \"default\": {\"dbSpecial\": \"today\"}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"integer\", \"default\": {\"runtime\": \"cuid\"}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"default\": {\"runtime\": \"uuid\"}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"default\": {}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"default\": {\"value\": \"x\", \"runtime\": \"cuid\"}}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\", \"default\": {\"valu\": \"x\"}}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", column \"a\": unknown key \"valu\" in default"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}], \"indexes\": [{\"name\": \"i\", \"columns\": [\"b\"]}]}", FARM_EUNKNOWN,
	"namespace \"ns\", table \"t\", index \"i\": unknown column \"b\""},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}], \"indexes\": [{\"name\": \"i\", \"columns\": [\"a\", \"A\"]}]}", FARM_EINVALID,
	"namespace \"ns\", table \"t\", index \"i\": column \"a\" appears twice"},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}], \"indexes\": [{\"name\": \"i\", \"columns\": []}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}], \"indexes\": [{\"name\": \"i\", \"columns\": [\"a\"]}, {\"name\": \"I\", \"columns\": [\"a\"]}]}", FARM_EDUPLICATE, NULL},
	{"{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}], \"indexes\": [{\"name\": \"i\", \"columns\": [\"a\"], \"unique\": \"yes\"}]}", FARM_EINVALID, NULL},
	{"{\"name\": \"t\", \"name\": \"u\"}", FARM_EINVALID, NULL},	/* duplicate key */
	{"{\"name\": \"t\"", FARM_EINVALID, NULL},	/* truncated JSON */
	{"{\"name\": \"\\u0000\"}", FARM_EINVALID, NULL},	/* NUL inside a string */
	{"{\"name\": \"\xC3\"}", FARM_EINVALID, NULL},	/* invalid UTF-8 */
};

static void
test_bad_tables(void)
{
	size_t		i;

	for (i = 0; i < sizeof(bad_tables) / sizeof(bad_tables[0]); i++)
	{
		farm_schema *s = farm_schema_new("ns");
		farm_strlist out;
		farm_error	err;
		int			rc;

		farm_strlist_init(&out);
		rc = farm_op_add_table(s, bad_tables[i].json, strlen(bad_tables[i].json), &out, &err);
		unit_checks++;
		if (rc != (int) bad_tables[i].code || out.n != 0 || s->version != 0 ||
			(bad_tables[i].msg && strcmp(err.msg, bad_tables[i].msg) != 0))
		{
			unit_failures++;
			printf("FAIL bad table %zu: %s\n  rc %d (want %d)\n  got:  %s\n  want: %s\n", i,
				   bad_tables[i].json, rc, bad_tables[i].code, rc ? err.msg : "",
				   bad_tables[i].msg ? bad_tables[i].msg : "(any)");
		}
		farm_strlist_free(&out);
		farm_schema_free(s);
	}
}

static void
test_column_limit(void)
{
	farm_buf	b;
	farm_schema *s = farm_schema_new("ns");
	farm_strlist out;
	farm_error	err;
	int			i;

	farm_strlist_init(&out);
	farm_buf_init(&b);
	farm_buf_puts(&b, "{\"name\": \"wide\", \"columns\": [");
	for (i = 0; i < 1001; i++)
		farm_buf_printf(&b, "%s{\"name\": \"c%d\", \"type\": \"integer\"}", i ? "," : "", i);
	farm_buf_puts(&b, "]}");
	CHECK(farm_op_add_table(s, b.data, b.len, &out, &err) == FARM_EINVALID);
	CHECK_STR(err.msg, "namespace \"ns\", table \"wide\": a table has at most 1000 columns (got 1001)");
	farm_buf_free(&b);
	farm_strlist_free(&out);
	farm_schema_free(s);
}

static void
test_ops_and_replay(void)
{
	farm_schema *s = farm_schema_new(NS);
	farm_schema *r;
	farm_strlist log;
	farm_error	err;
	char	   *a;
	char	   *b;
	const char *t2 = "{\"name\": \"post\", \"columns\": [{\"name\": \"c\", \"type\": \"reference\", \"references\": \"COMMENT\"}]}";

	farm_strlist_init(&log);
	CHECK(farm_op_register(s, example, strlen(example), &log, &err) == FARM_OK);
	CHECK(log.n == 1 && s->version == 1);
	CHECK(farm_op_add_table(s, t2, strlen(t2), &log, &err) == FARM_OK);
	/* references are stored in the target's own spelling */
	CHECK_STR(farm_schema_find(s, "post")->cols[0].references, "comment");
	CHECK(farm_op_add_table(s, t2, strlen(t2), &log, &err) == FARM_EDUPLICATE);
	CHECK_STR(err.msg, "namespace \"comment-fragment\", table \"post\": table already exists");
	CHECK(farm_op_add_column(s, "comment", J("{\"name\": \"score\", \"type\": \"decimal\"}"), &log, &err) == FARM_EUNSUPPORTED);
	CHECK_STR(err.msg, "namespace \"comment-fragment\", table \"comment\", column \"score\": a column added to an existing table must be nullable or have a database default (\"value\" or \"dbSpecial\")");
	CHECK(farm_op_add_column(s, "comment", J("{\"name\": \"score\", \"type\": \"decimal\", \"default\": {\"value\": 0.1}}"), &log, &err) == FARM_OK);
	CHECK_STR(farm_schema_find(s, "comment")->cols[5].dvalue, "0.1");
	CHECK(farm_op_add_column(s, "nope", J("{}"), &log, &err) == FARM_EUNKNOWN);
	CHECK_STR(err.msg, "namespace \"comment-fragment\", table \"nope\": table does not exist");
	CHECK(farm_op_add_column(s, "comment", J("{\"name\": \"SCORE\", \"type\": \"integer\", \"nullable\": true}"), &log, &err) == FARM_EDUPLICATE);
	CHECK(farm_op_add_index(s, "comment", J("{\"name\": \"idx_score\", \"columns\": [\"score\"]}"), &log, &err) == FARM_OK);
	CHECK(farm_op_add_index(s, "post", J("{\"name\": \"IDX_SCORE\", \"columns\": [\"c\"]}"), &log, &err) == FARM_EDUPLICATE);
	CHECK_STR(err.msg, "namespace \"comment-fragment\", table \"post\", index \"IDX_SCORE\": index name already exists in the namespace");
	CHECK(farm_op_set_nullable(s, "comment", "content", true, &log, &err) == FARM_OK);
	CHECK(farm_op_set_nullable(s, "comment", "content", true, &log, &err) == FARM_OK);	/* no-op */
	CHECK(farm_op_set_nullable(s, "comment", "id", true, &log, &err) == FARM_EUNSUPPORTED);
	CHECK(farm_op_set_nullable(s, "comment", "nope", true, &log, &err) == FARM_EUNKNOWN);
	CHECK(farm_op_set_nullable(s, "comment", NULL, true, &log, &err) == FARM_EINVALID);
	CHECK(log.n == 5 && s->version == 5);

	/* the log replays to the same schema, at every version */
	r = farm_schema_replay(NS, log.items, log.lens, (int) log.n, -1, &err);
	a = farm_schema_json(s);
	b = farm_schema_json(r);
	CHECK(r != NULL && r->version == 5);
	CHECK_STR(b, a);
	free(b);
	farm_schema_free(r);
	r = farm_schema_replay(NS, log.items, log.lens, (int) log.n, 2, &err);
	CHECK(r->version == 2 && r->ntables == 2 && farm_schema_find(r, "comment")->ncols == 5);
	farm_schema_free(r);

	/* canonical JSON fed back to register changes nothing */
	{
		size_t		before = log.n;

		CHECK(farm_op_register(s, a, strlen(a), &log, &err) == FARM_OK);
		CHECK(log.n == before);
	}
	free(a);

	/* a damaged log is reported, not trusted */
	{
		char	   *bad[1] = {"{\"op\":\"drop-table\"}"};
		size_t		lens[1] = {19};

		r = farm_schema_replay(NS, bad, lens, 1, -1, &err);
		CHECK(r == NULL && err.code == FARM_ECORRUPT);
	}
	farm_strlist_free(&log);
	farm_schema_free(s);
}

static void
test_register_diff(void)
{
	farm_error	err;
	int			rc;
	farm_schema *s = registered(example, &rc, &err);
	farm_strlist out;
	const char *grow =
	"{\"tables\": [{\"name\": \"post\", \"columns\": [{\"name\": \"c\", \"type\": \"reference\", \"references\": \"comment\"}]},"
	"{\"name\": \"comment\", \"columns\": ["
	"{\"name\": \"extra\", \"type\": \"bigint\", \"nullable\": true},"
	"{\"name\": \"content\", \"type\": \"string\", \"nullable\": true},"
	"{\"name\": \"authorId\", \"type\": \"varchar(64)\"},"
	"{\"name\": \"parentId\", \"type\": \"reference\", \"references\": \"comment\", \"nullable\": true},"
	"{\"name\": \"rating\", \"type\": \"integer\", \"default\": {\"value\": 0}},"
	"{\"name\": \"createdAt\", \"type\": \"timestamp\", \"default\": {\"dbSpecial\": \"now\"}}],"
	"\"indexes\": [{\"name\": \"idx_comment_author\", \"columns\": [\"authorId\"]},"
	"{\"name\": \"uidx_author_parent\", \"columns\": [\"authorId\", \"parentId\"], \"unique\": true},"
	"{\"name\": \"idx_extra\", \"columns\": [\"extra\"]}]}]}";

	CHECK(rc == FARM_OK);
	farm_strlist_init(&out);
	CHECK(farm_op_register(s, grow, strlen(grow), &out, &err) == FARM_OK);
	CHECK(out.n == 2);
	CHECK_STR(out.items[0], "{\"op\":\"add-table\",\"table\":{\"name\":\"post\",\"columns\":[{\"name\":\"c\",\"type\":\"reference\",\"references\":\"comment\"}],\"indexes\":[]}}");
	CHECK_STR(out.items[1], "{\"op\":\"alter-table\",\"table\":\"comment\",\"addColumns\":[{\"name\":\"extra\",\"type\":\"bigint\",\"nullable\":true}],\"addIndexes\":[{\"name\":\"idx_extra\",\"columns\":[\"extra\"]}],\"setNullable\":[{\"column\":\"content\",\"nullable\":true}]}");
	farm_strlist_free(&out);
	farm_schema_free(s);
}

typedef struct refusal
{
	const char *json;
	farm_code	code;
	const char *msg;
} refusal;

static void
test_register_refusals(void)
{
	static const refusal cases[] = {
		{"{\"tables\": []}", FARM_EUNSUPPORTED,
		"namespace \"comment-fragment\", table \"comment\": dropping a table is not supported"},
		{"{\"tables\": [{\"name\": \"Comment\", \"columns\": []}]}", FARM_EUNSUPPORTED,
		"namespace \"comment-fragment\", table \"comment\": renaming a table is not supported (to \"Comment\")"},
		{"{\"tables\": [{\"name\": \"comment\", \"columns\": [{\"name\": \"content\", \"type\": \"string\"}]}]}", FARM_EUNSUPPORTED,
		"namespace \"comment-fragment\", table \"comment\", column \"authorId\": dropping a column is not supported"},
		{"{\"tables\": [{\"name\": \"comment\", \"columns\": [{\"name\": \"content\", \"type\": \"integer\"}]}]}", FARM_EUNSUPPORTED,
		"namespace \"comment-fragment\", table \"comment\", column \"content\": changing the type of a column is not supported (from string to integer)"},
		{"{\"tables\": [{\"name\": \"comment\", \"columns\": [{\"name\": \"content\", \"type\": \"string\", \"default\": {\"value\": \"x\"}}]}]}", FARM_EUNSUPPORTED,
		"namespace \"comment-fragment\", table \"comment\", column \"content\": changing a column default is not supported (from none to \"x\")"},
		{"{\"tables\": [{\"name\": \"comment\"}, {\"name\": \"comment\"}]}", FARM_EDUPLICATE,
		"namespace \"comment-fragment\", table \"comment\": table defined twice"},
		{"{\"tables\": [{\"name\": \"a\", \"columns\": [{\"name\": \"b\", \"type\": \"reference\", \"references\": \"b\"}]},"
			"{\"name\": \"b\", \"columns\": [{\"name\": \"a\", \"type\": \"reference\", \"references\": \"a\"}]}]}", FARM_EUNSUPPORTED, NULL},
		{"{\"tables\": [{\"name\": \"a\", \"columns\": [{\"name\": \"b\", \"type\": \"reference\", \"references\": \"zz\"}]}]}", FARM_EUNKNOWN, NULL},
		{"{\"tables\": {}}", FARM_EINVALID, "namespace \"comment-fragment\": \"tables\" must be an array"},
		{"{\"tabels\": []}", FARM_EINVALID, "namespace \"comment-fragment\": unknown key \"tabels\" in schema"},
		{"null", FARM_EINVALID, NULL},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		farm_error	err;
		int			rc;
		farm_schema *s = registered(example, &rc, &err);
		farm_strlist out;
		char	   *before = farm_schema_json(s);
		farm_schema *fresh;

		farm_strlist_init(&out);
		rc = farm_op_register(s, cases[i].json, strlen(cases[i].json), &out, &err);
		unit_checks++;
		if (rc != (int) cases[i].code || out.n != 0 ||
			(cases[i].msg && strcmp(err.msg, cases[i].msg) != 0))
		{
			unit_failures++;
			printf("FAIL refusal %zu: rc %d want %d\n  got:  %s\n  want: %s\n", i, rc,
				   cases[i].code, rc ? err.msg : "", cases[i].msg ? cases[i].msg : "(any)");
		}
		farm_strlist_free(&out);
		farm_schema_free(s);
		/* the caller discards s; a fresh replay is what the host would see */
		fresh = registered(example, &rc, &err);
		{
			char	   *after = farm_schema_json(fresh);

			CHECK_STR(after, before);
			free(after);
		}
		farm_schema_free(fresh);
		free(before);
	}
}

static void
test_topological_order(void)
{
	farm_error	err;
	farm_strlist out;
	farm_schema *s = farm_schema_new("ns");
	const char *json =
	"{\"tables\": [{\"name\": \"c\", \"columns\": [{\"name\": \"b\", \"type\": \"reference\", \"references\": \"b\"}]},"
	"{\"name\": \"b\", \"columns\": [{\"name\": \"a\", \"type\": \"reference\", \"references\": \"a\"}, {\"name\": \"self\", \"type\": \"reference\", \"references\": \"b\", \"nullable\": true}]},"
	"{\"name\": \"a\"}]}";

	farm_strlist_init(&out);
	CHECK(farm_op_register(s, json, strlen(json), &out, &err) == FARM_OK);
	CHECK(s->ntables == 3);
	CHECK_STR(s->tables[0]->name, "a");
	CHECK_STR(s->tables[1]->name, "b");
	CHECK_STR(s->tables[2]->name, "c");
	farm_strlist_free(&out);
	farm_schema_free(s);
}

static void
test_big_schema(void)
{
	farm_buf	b;
	farm_schema *s = farm_schema_new("big");
	farm_strlist out;
	farm_error	err;
	int			i;

	farm_buf_init(&b);
	farm_buf_puts(&b, "{\"tables\": [");
	/* a 5,000-table chain of references, listed in reverse order */
	for (i = 4999; i >= 0; i--)
	{
		farm_buf_printf(&b, "%s{\"name\": \"t%d\", \"columns\": [{\"name\": \"v\", \"type\": \"string\"}", i == 4999 ? "" : ",", i);
		if (i > 0)
			farm_buf_printf(&b, ", {\"name\": \"prev\", \"type\": \"reference\", \"references\": \"t%d\"}", i - 1);
		farm_buf_printf(&b, "], \"indexes\": [{\"name\": \"i%d\", \"columns\": [\"v\"]}]}", i);
	}
	farm_buf_puts(&b, "]}");
	farm_strlist_init(&out);
	CHECK(farm_op_register(s, b.data, b.len, &out, &err) == FARM_OK);
	CHECK(out.n == 5000 && s->ntables == 5000);
	CHECK_STR(s->tables[0]->name, "t0");
	CHECK_STR(s->tables[4999]->name, "t4999");
	farm_buf_free(&b);
	farm_strlist_free(&out);
	farm_schema_free(s);
}

static void
test_registry(void)
{
	farm_registry r;
	farm_error	err;
	char	   *json;
	farm_schema **schemas;
	int			n;
	const char *op = "{\"op\":\"add-table\",\"table\":{\"name\":\"t\"}}";

	farm_registry_init(&r);
	CHECK(farm_registry_add(&r, "b", 1, op, strlen(op), &err) == FARM_OK);
	CHECK(farm_registry_add(&r, "a", 1, op, strlen(op), &err) == FARM_OK);
	CHECK(farm_registry_add(&r, "a", 3, op, strlen(op), &err) == FARM_ECORRUPT);
	r.items[0].applied = 1;
	json = farm_registry_namespaces_json(&r);
	CHECK_STR(json, "[{\"namespace\":\"a\",\"version\":1,\"applied\":0},{\"namespace\":\"b\",\"version\":1,\"applied\":1}]");
	free(json);
	CHECK(farm_registry_schemas(&r, "zz", &schemas, &n, &err) == FARM_EUNKNOWN);
	CHECK_STR(err.msg, "namespace \"zz\" is not registered");
	CHECK(farm_registry_schemas(&r, NULL, &schemas, &n, &err) == FARM_OK && n == 2);
	farm_schemas_free(schemas, n);
	json = farm_op_key("ns", 12);
	CHECK_STR(json, "ns.farm_op.0000000012");
	free(json);
	farm_registry_free(&r);
}

/* The one parser of stored versions (farm_parse_version, farm_parse_op_version). */
static void
test_parse_version(void)
{
	static const char *const good[] = {"0", "1", "9", "10", "2147483647"};
	static const char *const bad[] = {
		"", " 1", "1 ", "+1", "-1", "-0", "01", "00", "1.0", "1e3", "0x10", "abc",
		"2147483648", "4294967297", "9223372036854775808", "99999999999", "١"
	};
	farm_error	err;
	long		v;
	size_t		i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
	{
		v = -1;
		CHECK(farm_parse_version("a.schema_version", good[i], strlen(good[i]), &v, &err) == FARM_OK);
		CHECK(v == strtol(good[i], NULL, 10));
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		v = -1;
		CHECK(farm_parse_version("a.schema_version", bad[i], strlen(bad[i]), &v, &err) == FARM_ECORRUPT);
		CHECK(v == 0);
	}
	CHECK(farm_parse_version("a.schema_version", "4294967297", 10, &v, &err) == FARM_ECORRUPT);
	CHECK_STR(err.msg, "fragno_db_settings key \"a.schema_version\" holds \"4294967297\", not a version number (decimal digits without sign, spaces or leading zeros, at most 2147483647)");
	/* SQL NULL, an embedded NUL, control characters: named, escaped */
	CHECK(farm_parse_version(".schema_version", NULL, 0, &v, &err) == FARM_ECORRUPT);
	CHECK_STR(err.msg, "fragno_db_settings key \".schema_version\" holds NULL, not a version number (decimal digits without sign, spaces or leading zeros, at most 2147483647)");
	CHECK(farm_parse_version("a.schema_version", "1\0002", 3, &v, &err) == FARM_ECORRUPT);
	CHECK(farm_parse_version("a.schema_version", "1\n", 2, &v, &err) == FARM_ECORRUPT);
	CHECK(strstr(err.msg, "holds \"1\\x0A\"") != NULL);

	/* operation keys: exactly what farm_op_key writes */
	CHECK(farm_parse_op_version("a.farm_op.0000000001", "0000000001", 10, &v, &err) == FARM_OK && v == 1);
	CHECK(farm_parse_op_version("a.farm_op.2147483647", "2147483647", 10, &v, &err) == FARM_OK && v == 2147483647);
	CHECK(farm_parse_op_version("a.farm_op.0000000000", "0000000000", 10, &v, &err) == FARM_ECORRUPT);
	CHECK(farm_parse_op_version("a.farm_op.2147483648", "2147483648", 10, &v, &err) == FARM_ECORRUPT);
	CHECK(farm_parse_op_version("a.farm_op.4294967297", "4294967297", 10, &v, &err) == FARM_ECORRUPT);
	CHECK(farm_parse_op_version("a.farm_op.1", "1", 1, &v, &err) == FARM_ECORRUPT);
	CHECK(farm_parse_op_version("a.farm_op.00000000001", "00000000001", 11, &v, &err) == FARM_ECORRUPT);
	CHECK(farm_parse_op_version("a.farm_op.+000000001", "+000000001", 10, &v, &err) == FARM_ECORRUPT);
	CHECK(farm_parse_op_version("a.farm_op. 000000001", " 000000001", 10, &v, &err) == FARM_ECORRUPT);
	CHECK_STR(err.msg, "fragno_db_settings key \"a.farm_op. 000000001\" is not an operation key (10 decimal digits from 0000000001 to 2147483647 after \"farm_op.\")");
}

static void
test_physical_clash(void)
{
	farm_schema *s = farm_schema_new("key");
	farm_strlist out;
	farm_error	err;

	farm_strlist_init(&out);
	/* index "t_key_id" would be named like table t's id index "t_key_id_key" */
	CHECK(farm_op_add_table(s, J("{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}]}"), &out, &err) == FARM_OK);
	CHECK(farm_op_add_index(s, "t", J("{\"name\": \"t_key_id\", \"columns\": [\"a\"]}"), &out, &err) == FARM_EDUPLICATE);
	CHECK_STR(err.msg, "namespace \"key\", table \"t\", index \"t_key_id\": the physical name \"t_key_id_key\" of this index is already used by another table or index");
	/* an index named like a table */
	CHECK(farm_op_add_table(s, J("{\"name\": \"u\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}], \"indexes\": [{\"name\": \"T\", \"columns\": [\"a\"]}]}"), &out, &err) == FARM_EDUPLICATE);
	CHECK(farm_schema_find(s, "u") == NULL);
	/* a table named like an internal one */
	farm_schema_free(s);
	s = farm_schema_new("hooks");
	CHECK(farm_op_add_table(s, J("{\"name\": \"fragno\"}"), &out, &err) == FARM_EDUPLICATE);
	CHECK_STR(err.msg, "namespace \"hooks\", table \"fragno\": the physical name \"fragno_hooks\" of this table is already used by another table or index");
	CHECK(out.n == 1);
	farm_schema_free(s);
	/* a table named like another table's PostgreSQL id sequence */
	s = farm_schema_new("seq");
	CHECK(farm_op_register(s, J("{\"tables\": [{\"name\": \"a\"}, {\"name\": \"a_seq__internalId\"}]}"), &out, &err) == FARM_EDUPLICATE);
	CHECK_STR(err.msg, "namespace \"seq\", table \"a_seq__internalId\": the physical name \"a_seq__internalId_seq\" of this table is already used by another table or index");
	farm_strlist_free(&out);
	farm_schema_free(s);
}

static void
test_decimal_defaults(void)
{
	static const char *const ok[] = {"0.1", "-12.5", "1e34", "-9.99e34", "1.5e-29", "0", "7"};
	size_t		i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
	{
		farm_schema *s = farm_schema_new("ns");
		farm_strlist out;
		farm_error	err;
		char		json[200];

		farm_strlist_init(&out);
		snprintf(json, sizeof(json), "{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"decimal\", \"default\": {\"value\": %s}}]}", ok[i]);
		unit_checks++;
		if (farm_op_add_table(s, J(json), &out, &err) != FARM_OK)
		{
			unit_failures++;
			printf("FAIL decimal default %s refused: %s\n", ok[i], err.msg);
		}
		farm_strlist_free(&out);
		farm_schema_free(s);
	}
}

static void
test_cache(void)
{
	farm_schema_cache c;
	farm_strlist log;
	farm_strlist added;
	farm_strlist copy;
	farm_error	err;
	farm_schema *s;
	farm_schema *kept;
	size_t		i;

	farm_cache_init(&c);
	farm_strlist_init(&log);
	farm_strlist_init(&added);
	s = farm_cache_replay(&c, "ns", &log, &err);
	CHECK(s != NULL && s->version == 0);
	CHECK(farm_op_add_table(s, J("{\"name\": \"a\"}"), &added, &err) == FARM_OK);
	farm_cache_keep(&c, s, &log, &added);
	CHECK(log.n == 0 && added.n == 0);

	/* the stored log now holds exactly that operation: the cached schema */
	farm_strlist_init(&copy);
	farm_strlist_push(&copy, c.slots[0].ops.items[0]);
	kept = c.slots[0].s;
	s = farm_cache_replay(&c, "ns", &copy, &err);
	CHECK(s == kept);
	CHECK(c.slots[0].s == NULL);

	/* another log (a rolled-back write replaced by a different one): replay */
	farm_cache_keep(&c, s, &copy, &added);
	farm_strlist_push(&copy, "{\"op\":\"add-table\",\"table\":{\"name\":\"b\"}}");
	s = farm_cache_replay(&c, "ns", &copy, &err);
	/* (kept was freed as stale: compare contents, not pointers) */
	CHECK(s != NULL && s->ntables == 1 && strcmp(s->tables[0]->name, "b") == 0);
	for (i = 0; i < FARM_CACHE_SLOTS; i++)
		CHECK(c.slots[i].s == NULL);	/* the stale entry was dropped */
	farm_schema_free(s);

	/* another namespace does not match */
	s = farm_schema_new("ns");
	farm_strlist_init(&log);
	farm_cache_keep(&c, s, &log, &added);
	s = farm_cache_replay(&c, "other", &log, &err);
	CHECK(s != NULL && c.slots[0].s != NULL && s != c.slots[0].s);
	farm_schema_free(s);
	farm_strlist_free(&copy);
	farm_cache_clear(&c);
}

static void
test_args(void)
{
	farm_error	err;

	CHECK(farm_check_namespace(NULL, 0, &err) == FARM_EINVALID);
	CHECK_STR(err.msg, "namespace must not be null");
	CHECK(farm_check_namespace("a\0b", 3, &err) == FARM_ENAME);
	CHECK_STR(err.msg, "invalid namespace \"a\\x00b\": expected 1-63 bytes matching ^[A-Za-z][A-Za-z0-9_-]*$");
	CHECK(farm_check_namespace("ok-ns", 5, &err) == FARM_OK);
	CHECK(farm_check_name_arg("ns", NULL, "table", "t\xFF", 2, &err) == FARM_ENAME);
	CHECK_STR(err.msg, "namespace \"ns\": invalid table name \"t\\xFF\": name is not valid UTF-8");
	CHECK(farm_check_name_arg("ns", "t", "column", NULL, 0, &err) == FARM_EINVALID);
	CHECK_STR(err.msg, "namespace \"ns\", table \"t\": column name must not be null");
	CHECK(farm_check_text_arg("ns", "t", "column definition", "a\0b", 3, &err) == FARM_EINVALID);
	CHECK_STR(err.msg, "namespace \"ns\", table \"t\": column definition contains a NUL byte");
	CHECK(farm_check_text_arg(NULL, NULL, "options", NULL, 0, &err) == FARM_EINVALID);
	CHECK_STR(err.msg, "options must not be null");
	CHECK_STR(farm_sqlstate(FARM_ENAME), "42602");
	CHECK_STR(farm_sqlstate(FARM_EUNSUPPORTED), "0A000");
	/* the retryable lock error: one code, one text */
	CHECK(farm_fail_busy(&err) == FARM_EBUSY && err.code == FARM_EBUSY);
	CHECK_STR(err.msg, "database is locked by another writer: retry the call; set a busy timeout (PRAGMA busy_timeout) to wait for the lock, and open transactions that call farmorm with BEGIN IMMEDIATE");
	CHECK_STR(farm_sqlstate(FARM_EBUSY), "55P03");
}

int
main(void)
{
	test_bad_tables();
	test_column_limit();
	test_ops_and_replay();
	test_register_diff();
	test_register_refusals();
	test_topological_order();
	test_big_schema();
	test_registry();
	test_parse_version();
	test_physical_clash();
	test_decimal_defaults();
	test_cache();
	test_args();
	return unit_done("test_model");
}
