/*-------------------------------------------------------------------------
 * test_prisma.c
 *	  Unit tests of shared/prisma.c: option parsing, naming, and whole
 *	  generated files compared byte for byte with golden files in
 *	  tests/unit/golden/prisma_*.prisma.
 *
 * Every golden file was checked with the real Prisma toolchain (prisma
 * format is a no-op, prisma validate passes with a datasource of its
 * provider): node tests/prisma/check.mjs --provider <p> <file>
 * (tests/prisma/run.sh does this for all of them).  Run from the
 * repository root; FARM_UPDATE_GOLDEN=1 rewrites the golden files.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include <stdbool.h>

#include "buf.h"
#include "dialect.h"
#include "model.h"
#include "prisma.h"

/* ----------------------------------------------------------------
 * Schema fixtures
 * ----------------------------------------------------------------
 */

/* SPEC section 2. */
static const char *const comment_fragment =
"{\"tables\": ["
" {\"name\": \"comment\","
"  \"columns\": ["
"   {\"name\": \"content\",  \"type\": \"string\"},"
"   {\"name\": \"authorId\", \"type\": \"varchar(64)\"},"
"   {\"name\": \"parentId\", \"type\": \"reference\", \"references\": \"comment\", \"nullable\": true},"
"   {\"name\": \"rating\",   \"type\": \"integer\", \"default\": {\"value\": 0}},"
"   {\"name\": \"createdAt\",\"type\": \"timestamp\", \"default\": {\"dbSpecial\": \"now\"}}"
"  ],"
"  \"indexes\": ["
"   {\"name\": \"idx_comment_author\", \"columns\": [\"authorId\"]},"
"   {\"name\": \"uidx_author_parent\", \"columns\": [\"authorId\", \"parentId\"], \"unique\": true}"
"  ]}"
"]}";

/*
 * Odd names: keywords, type names, system-like names, non-ASCII, spaces,
 * dashes, leading digits, every type and default, two references to one
 * table, a self-reference, a one-to-one reference, names whose physical
 * forms are over 63 bytes, and collisions of every kind of name.
 */
static const char *const odd_names =
"{\"tables\": ["
" {\"name\": \"model\", \"columns\": ["
"   {\"name\": \"String\", \"type\": \"string\"},"
"   {\"name\": \"internalId\", \"type\": \"integer\"},"
"   {\"name\": \"version\", \"type\": \"integer\", \"nullable\": true},"
"   {\"name\": \"_internal_id\", \"type\": \"bigint\", \"nullable\": true},"
"   {\"name\": \"AND\", \"type\": \"bool\", \"nullable\": true},"
"   {\"name\": \"toString\", \"type\": \"string\", \"nullable\": true},"
"   {\"name\": \"a b\", \"type\": \"string\", \"nullable\": true},"
"   {\"name\": \"a_b\", \"type\": \"string\", \"nullable\": true},"
"   {\"name\": \"a-b\", \"type\": \"string\", \"nullable\": true},"
"   {\"name\": \"field\", \"type\": \"string\", \"nullable\": true},"
"   {\"name\": \"\xc3\xa4\", \"type\": \"string\", \"nullable\": true},"
"   {\"name\": \"2fa\", \"type\": \"string\", \"nullable\": true},"
"   {\"name\": \"select\", \"type\": \"json\", \"default\": {\"value\": {\"k\": \"v \\\"q\\\" \xc3\xa9\", \"n\": [1, 2.5, null]}}},"
"   {\"name\": \"dec\", \"type\": \"decimal\", \"default\": {\"value\": 1e20}},"
"   {\"name\": \"dec2\", \"type\": \"decimal\", \"default\": {\"value\": 0.00000015}},"
"   {\"name\": \"dec3\", \"type\": \"decimal\", \"default\": {\"value\": -12.5}},"
"   {\"name\": \"big\", \"type\": \"bigint\", \"default\": {\"value\": -2}},"
"   {\"name\": \"big2\", \"type\": \"bigint\", \"default\": {\"value\": 9223372036854775807}},"
"   {\"name\": \"s\", \"type\": \"string\", \"default\": {\"value\": \"tab\\there \\\"q\\\" \\\\ \xc3\xa9 \\u0001 \\/\"}},"
"   {\"name\": \"vc\", \"type\": \"varchar(70000)\", \"nullable\": true},"
"   {\"name\": \"vc2\", \"type\": \"varchar(1)\", \"default\": {\"value\": \"x\"}},"
"   {\"name\": \"t\", \"type\": \"timestamp\", \"default\": {\"dbSpecial\": \"now\"}},"
"   {\"name\": \"d\", \"type\": \"date\", \"nullable\": true},"
"   {\"name\": \"d2\", \"type\": \"date\", \"default\": {\"dbSpecial\": \"now\"}},"
"   {\"name\": \"bin\", \"type\": \"binary\", \"nullable\": true},"
"   {\"name\": \"flag\", \"type\": \"bool\", \"default\": {\"value\": false}},"
"   {\"name\": \"n\", \"type\": \"integer\", \"default\": {\"value\": -7}},"
"   {\"name\": \"runtimeNow\", \"type\": \"timestamp\", \"default\": {\"runtime\": \"now\"}},"
"   {\"name\": \"rid\", \"type\": \"string\", \"default\": {\"runtime\": \"cuid\"}}"
"  ],"
"  \"indexes\": [{\"name\": \"model_idx\", \"columns\": [\"String\", \"a b\", \"internalId\"]}]},"
" {\"name\": \"my table\", \"columns\": ["
"   {\"name\": \"owner\", \"type\": \"string\"},"
"   {\"name\": \"ownerId\", \"type\": \"reference\", \"references\": \"model\"},"
"   {\"name\": \"editor_id\", \"type\": \"reference\", \"references\": \"model\", \"nullable\": true},"
"   {\"name\": \"parentId\", \"type\": \"reference\", \"references\": \"my table\", \"nullable\": true}"
"  ],"
"  \"indexes\": ["
"   {\"name\": \"my idx\", \"columns\": [\"ownerId\", \"editor_id\"], \"unique\": true},"
"   {\"name\": \"by-parent\", \"columns\": [\"parentId\"]}]},"
" {\"name\": \"2nd-table\", \"columns\": [{\"name\": \"x\", \"type\": \"integer\"}]},"
" {\"name\": \"\xc3\x9c" "berTable\", \"columns\": [{\"name\": \"\xc3\xbc\", \"type\": \"integer\"}]},"
" {\"name\": \"\xe2\x82\xac\", \"columns\": []},"
" {\"name\": \"profile\", \"columns\": ["
"   {\"name\": \"userId\", \"type\": \"reference\", \"references\": \"model\"}],"
"  \"indexes\": [{\"name\": \"profile_user\", \"columns\": [\"userId\"], \"unique\": true}]},"
" {\"name\": \"a_b\", \"columns\": []},"
" {\"name\": \"ab\", \"columns\": []},"
" {\"name\": \"a-b\", \"columns\": []},"
" {\"name\": \"t\", \"columns\": [{\"name\": \"p\", \"type\": \"string\"}]},"
" {\"name\": \"p_q\", \"columns\": [{\"name\": \"rId\", \"type\": \"reference\", \"references\": \"t\"}]},"
" {\"name\": \"p\", \"columns\": [{\"name\": \"q_rId\", \"type\": \"reference\", \"references\": \"t\"}]},"
" {\"name\": \"a_table_name_that_is_exactly_long_enough_to_need_hashing_x\", \"columns\": ["
"   {\"name\": \"a_reference_column_whose_foreign_key_name_needs_hashing_tooId\","
"    \"type\": \"reference\", \"references\": \"model\"}],"
"  \"indexes\": [{\"name\": \"an_index_name_that_is_long_enough_to_be_hashed_with_the_ns\","
"    \"columns\": [\"a_reference_column_whose_foreign_key_name_needs_hashing_tooId\"]}]},"
" {\"name\": \"fifty_eight_bytes_with_namespace_suffix_xxxxxx\", \"columns\": []}"
"]}";

static const char *const alpha_schema =
"{\"tables\": ["
" {\"name\": \"user\", \"columns\": [{\"name\": \"email\", \"type\": \"varchar(255)\"}],"
"  \"indexes\": [{\"name\": \"user_email\", \"columns\": [\"email\"], \"unique\": true}]},"
" {\"name\": \"post\", \"columns\": ["
"   {\"name\": \"author_id\", \"type\": \"reference\", \"references\": \"user\"},"
"   {\"name\": \"title\", \"type\": \"string\"}]}"
"]}";

/*
 * Prisma's own name spaces (issue 7): compound unique client names against
 * fields (scalar and relation) and against each other, MySQL prefix
 * lengths, exact decimal and json defaults.
 */
static const char *const compound_schema =
"{\"tables\": ["
" {\"name\": \"setting\", \"columns\": ["
"   {\"name\": \"namespace\", \"type\": \"string\"},"
"   {\"name\": \"key\", \"type\": \"string\"},"
"   {\"name\": \"namespace_key\", \"type\": \"string\"},"
"   {\"name\": \"scope\", \"type\": \"string\"},"
"   {\"name\": \"kind\", \"type\": \"string\"},"
"   {\"name\": \"a\", \"type\": \"string\"},"
"   {\"name\": \"b_c\", \"type\": \"string\"},"
"   {\"name\": \"a_b\", \"type\": \"string\"},"
"   {\"name\": \"c\", \"type\": \"string\"},"
"   {\"name\": \"blob\", \"type\": \"binary\"},"
"   {\"name\": \"long\", \"type\": \"varchar(70000)\"},"
"   {\"name\": \"amount\", \"type\": \"decimal\", \"default\": {\"value\": 12345678901234567890.123456789012345678901}},"
"   {\"name\": \"doc\", \"type\": \"json\", \"default\": {\"value\": {\"n\": 0.30000000000000009}}}],"
"  \"indexes\": ["
"   {\"name\": \"u_namespace_key\", \"columns\": [\"namespace\", \"key\"], \"unique\": true},"
"   {\"name\": \"u_scope_kind\", \"columns\": [\"scope\", \"kind\"], \"unique\": true},"
"   {\"name\": \"u_a_bc\", \"columns\": [\"a\", \"b_c\"], \"unique\": true},"
"   {\"name\": \"u_ab_c\", \"columns\": [\"a_b\", \"c\"], \"unique\": true},"
"   {\"name\": \"i_blob_long\", \"columns\": [\"blob\", \"long\", \"a\"]},"
"   {\"name\": \"u_long\", \"columns\": [\"long\"], \"unique\": true}]},"
" {\"name\": \"a\", \"columns\": [{\"name\": \"x\", \"type\": \"string\"}, {\"name\": \"y\", \"type\": \"string\"}],"
"  \"indexes\": [{\"name\": \"u_x_y\", \"columns\": [\"x\", \"y\"], \"unique\": true}]},"
" {\"name\": \"x_y\", \"columns\": [{\"name\": \"aId\", \"type\": \"reference\", \"references\": \"a\"}]}"
"]}";

static const char *const t_schema =
"{\"tables\": [{\"name\": \"t\", \"columns\": [{\"name\": \"v\", \"type\": \"integer\"}]}]}";

/* Build a namespace's schema from a declarative definition. */
static farm_schema *
build(const char *ns, const char *json)
{
	farm_schema *s = farm_schema_new(ns);
	farm_strlist ops;
	farm_error	err;

	memset(&err, 0, sizeof(err));
	farm_strlist_init(&ops);
	if (s == NULL || farm_op_register(s, json, strlen(json), &ops, &err) != FARM_OK)
	{
		printf("FATAL: cannot build %s: %s\n", ns, err.msg);
		exit(2);
	}
	farm_strlist_free(&ops);
	return s;
}

/* Add a column or index after creation (they follow the system columns). */
static void
alter(farm_schema *s, const char *table, const char *col_json, const char *idx_json)
{
	farm_strlist ops;
	farm_error	err;

	memset(&err, 0, sizeof(err));
	farm_strlist_init(&ops);
	if ((col_json && farm_op_add_column(s, table, col_json, strlen(col_json), &ops, &err) != FARM_OK) ||
		(idx_json && farm_op_add_index(s, table, idx_json, strlen(idx_json), &ops, &err) != FARM_OK))
	{
		printf("FATAL: cannot alter %s: %s\n", table, err.msg);
		exit(2);
	}
	farm_strlist_free(&ops);
}

static farm_prisma_opts
opts(farm_provider p, farm_storage st, bool datasource, bool internal)
{
	farm_prisma_opts o;

	o.provider = p;
	o.storage = st;
	o.datasource = datasource;
	o.internal = internal;
	return o;
}

/* Compare generated text with golden file prisma_<name>.prisma. */
static void
golden(const char *name, farm_schema *const *schemas, int n, farm_prisma_opts o)
{
	farm_error	err;
	char		path[1024];
	char	   *got;

	memset(&err, 0, sizeof(err));
	snprintf(path, sizeof(path), "tests/unit/golden/prisma_%s.prisma", name);
	got = farm_prisma_generate(schemas, n, &o, &err);
	CHECK(got != NULL);
	if (got == NULL)
	{
		printf("    %s: %s\n", name, err.msg);
		return;
	}
	unit_golden(path, got);
	free(got);
}

/* Generation is deterministic and independent of the input order. */
static void
test_deterministic(farm_schema *a, farm_schema *b)
{
	farm_schema *ab[2] = {a, b};
	farm_schema *ba[2] = {b, a};
	farm_prisma_opts o = opts(FARM_PG, FARM_STORAGE_PRISMA, false, true);
	farm_error	err;
	char	   *x = farm_prisma_generate(ab, 2, &o, &err);
	char	   *y = farm_prisma_generate(ba, 2, &o, &err);

	CHECK(x != NULL && y != NULL);
	if (x && y)
		CHECK_STR(x, y);
	free(x);
	free(y);
}

static void
expect_opts_error(const char *json, const char *msg)
{
	farm_prisma_opts o = opts(FARM_PG, FARM_STORAGE_PRISMA, false, true);
	farm_error	err;
	int			rc;

	memset(&err, 0, sizeof(err));
	rc = farm_prisma_parse_opts(json, strlen(json), &o, &err);
	CHECK(rc == FARM_EINVALID);
	CHECK_STR(err.msg, msg);
}

static void
test_opts(void)
{
	farm_prisma_opts o = opts(FARM_PG, FARM_STORAGE_PRISMA, false, true);
	farm_error	err;
	const char *j;
	int			rc;

	/* NULL: nothing changes */
	memset(&err, 0, sizeof(err));
	rc = farm_prisma_parse_opts(NULL, 0, &o, &err);
	CHECK(rc == FARM_OK && o.provider == FARM_PG && o.internal && !o.datasource);
	j = "{\"provider\":\"sqlite\",\"sqliteStorage\":\"default\",\"datasource\":true,\"internal\":false}";
	rc = farm_prisma_parse_opts(j, strlen(j), &o, &err);
	CHECK(rc == FARM_OK && o.provider == FARM_SQLITE && o.storage == FARM_STORAGE_DEFAULT &&
		  o.datasource && !o.internal);
	/* an empty object keeps what is there */
	j = "{}";
	rc = farm_prisma_parse_opts(j, strlen(j), &o, &err);
	CHECK(rc == FARM_OK && o.provider == FARM_SQLITE && o.datasource);
	j = "{\"provider\":\"mysql\",\"sqliteStorage\":\"prisma\"}";
	rc = farm_prisma_parse_opts(j, strlen(j), &o, &err);
	CHECK(rc == FARM_OK && o.provider == FARM_MYSQL && o.storage == FARM_STORAGE_PRISMA);

	expect_opts_error("[]", "options must be a JSON object");
	expect_opts_error("\"x\"", "options must be a JSON object");
	expect_opts_error("null", "options must be a JSON object");
	expect_opts_error("{\"provider\":\"oracle\"}",
					  "invalid option \"provider\": expected \"postgresql\", \"sqlite\" or \"mysql\"");
	expect_opts_error("{\"provider\":1}",
					  "invalid option \"provider\": expected \"postgresql\", \"sqlite\" or \"mysql\"");
	expect_opts_error("{\"provider\":\"PostgreSQL\"}",
					  "invalid option \"provider\": expected \"postgresql\", \"sqlite\" or \"mysql\"");
	expect_opts_error("{\"sqliteStorage\":\"native\"}",
					  "invalid option \"sqliteStorage\": expected \"prisma\" or \"default\"");
	expect_opts_error("{\"datasource\":\"yes\"}",
					  "invalid option \"datasource\": expected true or false");
	expect_opts_error("{\"internal\":1}",
					  "invalid option \"internal\": expected true or false");
	expect_opts_error("{\"dialect\":\"sqlite\"}",
					  "unknown option \"dialect\": expected \"provider\", \"sqliteStorage\", \"datasource\" or \"internal\"");
	expect_opts_error("{\"a\\nb\":1}",
					  "unknown option \"a\\x0Ab\": expected \"provider\", \"sqliteStorage\", \"datasource\" or \"internal\"");
	expect_opts_error("{\"provider\":\"sqlite\",\"provider\":\"mysql\"}",
					  "options are not valid JSON: duplicate object key near '\"provider\"' (line 1, column 31)");
	expect_opts_error("{", "options are not valid JSON: string or '}' expected near end of file (line 1, column 1)");

	/* embedded NUL: the length decides; huge input is refused unread */
	memset(&err, 0, sizeof(err));
	rc = farm_prisma_parse_opts("{}\0{", 4, &o, &err);
	CHECK(rc == FARM_EINVALID);
	rc = farm_prisma_parse_opts("{}", FARM_JSON_MAX + 1, &o, &err);
	CHECK(rc == FARM_EINVALID && strstr(err.msg, "too large") != NULL);
}

static void
test_errors(farm_schema *a)
{
	farm_schema *twice[2] = {a, a};
	farm_schema *bad = farm_schema_new("bad ns");
	farm_prisma_opts o = opts(FARM_PG, FARM_STORAGE_PRISMA, false, true);
	farm_error	err;
	char	   *x;

	memset(&err, 0, sizeof(err));
	x = farm_prisma_generate(twice, 2, &o, &err);
	CHECK(x == NULL && err.code == FARM_EINVALID);
	CHECK_STR(err.msg, "namespace \"comment-fragment\" is given twice");
	free(x);
	x = farm_prisma_generate(&bad, 1, &o, &err);
	CHECK(x == NULL && err.code == FARM_ECORRUPT);
	free(x);
	x = farm_prisma_generate(&a, 1, NULL, &err);
	CHECK(x == NULL && err.code == FARM_EINVALID);
	free(x);
	farm_schema_free(bad);
}

/*
 * Physical name clashes across namespaces are errors, not files Prisma
 * rejects.  (Clashes inside a namespace or with the internal schema are
 * refused at registration: see test_model.c.)
 */
static void
test_physical_clash(void)
{
	farm_schema *x = build("c", "{\"tables\":[{\"name\":\"a_b\",\"columns\":[]}]}");
	farm_schema *y = build("b_c", "{\"tables\":[{\"name\":\"a\",\"columns\":[]}]}");
	farm_schema *xy[2] = {x, y};
	farm_prisma_opts o = opts(FARM_PG, FARM_STORAGE_PRISMA, false, true);
	farm_error	err;
	char	   *r;

	memset(&err, 0, sizeof(err));
	r = farm_prisma_generate(xy, 2, &o, &err);
	CHECK(r == NULL && err.code == FARM_EDUPLICATE);
	CHECK_STR(err.msg, "physical table name \"a_b_c\" is used twice: by table \"a\" of namespace \"b_c\" and by table \"a_b\" of namespace \"c\"");
	free(r);
	farm_schema_free(x);
	farm_schema_free(y);
}

int
main(void)
{
	farm_schema *cf;
	farm_schema *odd;
	farm_schema *alpha;
	farm_schema *xy1;
	farm_schema *xy2;
	farm_schema *multi[4];
	farm_schema *cu;

	test_opts();

	cf = build("comment-fragment", comment_fragment);
	odd = build("odd-names_2", odd_names);
	alpha = build("alpha", alpha_schema);
	xy1 = build("x-y", t_schema);
	xy2 = build("x_y", t_schema);
	/* columns and indexes added later come after the system columns */
	alter(alpha, "user", "{\"name\":\"nickname\",\"type\":\"string\",\"nullable\":true}",
		  "{\"name\":\"user_nick\",\"columns\":[\"nickname\",\"email\"]}");
	alter(alpha, "post", "{\"name\":\"editorId\",\"type\":\"reference\",\"references\":\"user\",\"nullable\":true}",
		  NULL);

	golden("comment_pg", &cf, 1, opts(FARM_PG, FARM_STORAGE_PRISMA, false, true));
	golden("comment_sqlite", &cf, 1, opts(FARM_SQLITE, FARM_STORAGE_PRISMA, false, true));
	golden("comment_sqlite_default", &cf, 1, opts(FARM_SQLITE, FARM_STORAGE_DEFAULT, false, true));
	golden("comment_mysql", &cf, 1, opts(FARM_MYSQL, FARM_STORAGE_PRISMA, false, true));
	golden("comment_pg_nointernal", &cf, 1, opts(FARM_PG, FARM_STORAGE_PRISMA, false, false));
	golden("comment_sqlite_datasource", &cf, 1, opts(FARM_SQLITE, FARM_STORAGE_PRISMA, true, true));
	golden("comment_pg_datasource", &cf, 1, opts(FARM_PG, FARM_STORAGE_PRISMA, true, true));
	golden("internal_only_pg", NULL, 0, opts(FARM_PG, FARM_STORAGE_PRISMA, false, true));
	golden("empty_sqlite", NULL, 0, opts(FARM_SQLITE, FARM_STORAGE_PRISMA, false, false));

	golden("odd_pg", &odd, 1, opts(FARM_PG, FARM_STORAGE_PRISMA, false, false));
	golden("odd_sqlite", &odd, 1, opts(FARM_SQLITE, FARM_STORAGE_PRISMA, false, false));
	golden("odd_sqlite_default", &odd, 1, opts(FARM_SQLITE, FARM_STORAGE_DEFAULT, false, false));
	golden("odd_mysql", &odd, 1, opts(FARM_MYSQL, FARM_STORAGE_PRISMA, false, false));

	cu = build("cu", compound_schema);
	golden("compound_pg", &cu, 1, opts(FARM_PG, FARM_STORAGE_PRISMA, false, false));
	golden("compound_sqlite", &cu, 1, opts(FARM_SQLITE, FARM_STORAGE_PRISMA, false, false));
	golden("compound_mysql", &cu, 1, opts(FARM_MYSQL, FARM_STORAGE_PRISMA, false, false));
	farm_schema_free(cu);

	/* several namespaces, given out of order */
	multi[0] = xy2;
	multi[1] = alpha;
	multi[2] = cf;
	multi[3] = xy1;
	golden("multi_pg", multi, 4, opts(FARM_PG, FARM_STORAGE_PRISMA, false, true));
	golden("multi_sqlite", multi, 4, opts(FARM_SQLITE, FARM_STORAGE_PRISMA, false, true));

	test_deterministic(cf, alpha);
	test_errors(cf);
	test_physical_clash();

	farm_schema_free(cf);
	farm_schema_free(odd);
	farm_schema_free(alpha);
	farm_schema_free(xy1);
	farm_schema_free(xy2);

	return unit_done("test_prisma");
}
