/*-------------------------------------------------------------------------
 * test_drizzle.c
 *	  Unit tests of shared/drizzle.c: option parsing, errors, determinism,
 *	  and whole generated modules compared byte for byte with golden files
 *	  in tests/unit/golden/drizzle_*.ts.
 *
 * Every golden file is compiled with `tsc --strict` by tests/drizzle/run.sh
 * (with the generated files of that suite), which also checks the same
 * emitter's output against live databases with drizzle-kit.  Run from the
 * repository root; FARM_UPDATE_GOLDEN=1 rewrites the golden files.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include <stdbool.h>

#include "buf.h"
#include "dialect.h"
#include "drizzle.h"
#include "model.h"
#include "prisma.h"

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
 * Names and shapes that trip Drizzle output up: keywords, Object.prototype
 * members, __proto__, drizzle's own table members, dashes, spaces,
 * non-ASCII, names over 63 bytes, two references to one target, a
 * self-reference, one-to-one references (pairable and not), every type
 * with every kind of default, and quotes, backslashes, backticks and ${
 * in default strings.
 */
static const char *const odd_names =
"{\"tables\": ["
" {\"name\": \"class\", \"columns\": ["
"   {\"name\": \"__proto__\", \"type\": \"string\", \"nullable\": true},"
"   {\"name\": \"constructor\", \"type\": \"string\", \"nullable\": true},"
"   {\"name\": \"enableRLS\", \"type\": \"bool\", \"nullable\": true},"
"   {\"name\": \"default\", \"type\": \"integer\", \"default\": {\"value\": -7}},"
"   {\"name\": \"with space\", \"type\": \"string\", \"default\": {\"value\": \"a'b\\\"c\\\\d`e${f}\\n\xc3\xa9\"}},"
"   {\"name\": \"dash-ed\", \"type\": \"varchar(70000)\", \"nullable\": true},"
"   {\"name\": \"\xc3\xbc\", \"type\": \"bigint\", \"default\": {\"value\": 9223372036854775807}},"
"   {\"name\": \"big\", \"type\": \"bigint\", \"default\": {\"value\": 12}},"
"   {\"name\": \"dec\", \"type\": \"decimal\", \"default\": {\"value\": 1e20}},"
"   {\"name\": \"dec2\", \"type\": \"decimal\", \"default\": {\"value\": -0.00000015}},"
"   {\"name\": \"flag\", \"type\": \"bool\", \"default\": {\"value\": true}},"
"   {\"name\": \"j\", \"type\": \"json\", \"default\": {\"value\": {\"k\": \"v'q\", \"n\": [1, 2.5, null]}}},"
"   {\"name\": \"d\", \"type\": \"date\", \"default\": {\"dbSpecial\": \"now\"}},"
"   {\"name\": \"t\", \"type\": \"timestamp\", \"default\": {\"dbSpecial\": \"now\"}},"
"   {\"name\": \"rt\", \"type\": \"timestamp\", \"nullable\": true, \"default\": {\"runtime\": \"now\"}},"
"   {\"name\": \"rid\", \"type\": \"varchar(40)\", \"default\": {\"runtime\": \"cuid\"}},"
"   {\"name\": \"bin\", \"type\": \"binary\", \"nullable\": true}"
"  ],"
"  \"indexes\": [{\"name\": \"idx odd-name\", \"columns\": [\"with space\", \"dash-ed\"]}]},"
" {\"name\": \"user-profiles\", \"columns\": ["
"   {\"name\": \"classId\", \"type\": \"reference\", \"references\": \"class\"},"
"   {\"name\": \"class_id\", \"type\": \"reference\", \"references\": \"class\", \"nullable\": true},"
"   {\"name\": \"parentId\", \"type\": \"reference\", \"references\": \"user-profiles\", \"nullable\": true}"
"  ],"
"  \"indexes\": [{\"name\": \"uidx_parent\", \"columns\": [\"parentId\"], \"unique\": true},"
"   {\"name\": \"uidx_class\", \"columns\": [\"classId\"], \"unique\": true}]},"
" {\"name\": \"profile\", \"columns\": ["
"   {\"name\": \"ownerId\", \"type\": \"reference\", \"references\": \"class\"}],"
"  \"indexes\": [{\"name\": \"uidx_owner\", \"columns\": [\"ownerId\"], \"unique\": true}]},"
" {\"name\": \"a_table_name_that_is_exactly_long_enough_to_need_hashing_x\", \"columns\": ["
"   {\"name\": \"a_reference_column_whose_foreign_key_name_needs_hashing_tooId\","
"    \"type\": \"reference\", \"references\": \"class\"}],"
"  \"indexes\": [{\"name\": \"an_index_name_that_is_long_enough_to_be_hashed_with_the_ns\","
"    \"columns\": [\"a_reference_column_whose_foreign_key_name_needs_hashing_tooId\"]}]}"
"]}";

/* A table whose model name is another table's relations export. */
static const char *const class_schema =
"{\"tables\": [{\"name\": \"class\", \"columns\": ["
" {\"name\": \"selfId\", \"type\": \"reference\", \"references\": \"class\", \"nullable\": true}]}]}";

static const char *const node_schema =
"{\"tables\": [{\"name\": \"node\", \"columns\": [{\"name\": \"label\", \"type\": \"string\"}]}]}";

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

/* One operation of the migration-script form (farm_add_table / _column). */
static void
op(farm_schema *s, const char *table, const char *json)
{
	farm_strlist ops;
	farm_error	err;
	int			rc;

	memset(&err, 0, sizeof(err));
	farm_strlist_init(&ops);
	rc = table == NULL ? farm_op_add_table(s, json, strlen(json), &ops, &err)
		: farm_op_add_column(s, table, json, strlen(json), &ops, &err);
	if (rc != FARM_OK)
	{
		printf("FATAL: cannot apply %s: %s\n", json, err.msg);
		exit(2);
	}
	farm_strlist_free(&ops);
}

static farm_drizzle_opts
opts(farm_provider p, farm_storage st, bool internal)
{
	farm_drizzle_opts o;

	memset(&o, 0, sizeof(o));
	o.provider = p;
	o.storage = st;
	o.datasource = false;
	o.internal = internal;
	return o;
}

static void golden(const char *name, farm_schema *const *schemas, int n,
				   farm_drizzle_opts o);

/*
 * PostgreSQL database schemas: namespaces "cyc" in "pg", "odd" in "public",
 * "oddRelations" in "sales-eu", internal tables in "public" and "pg".
 * Tables outside "public" come out as <x>Schema.table(...); the export of
 * "pg" would be pgSchema, the import's name, so it is pgSchema2.
 */
static void
test_pg_schemas(farm_schema *const *multi)
{
	static const char *const ns[] = {"sales-eu", "public", "pg"};
	static const char *const isch[] = {"public", "pg"};
	farm_drizzle_opts o = opts(FARM_PG, FARM_STORAGE_PRISMA, true);

	o.ns_schemas = ns;
	o.internal_schemas = isch;
	o.ninternal = 2;
	golden("multi_pg_schemas", multi, 3, o);
}

static void
golden(const char *name, farm_schema *const *schemas, int n, farm_drizzle_opts o)
{
	farm_error	err;
	char		path[1024];
	char	   *got;

	memset(&err, 0, sizeof(err));
	snprintf(path, sizeof(path), "tests/unit/golden/drizzle_%s.ts", name);
	got = farm_drizzle_generate(schemas, n, &o, &err);
	CHECK(got != NULL);
	if (got == NULL)
	{
		printf("    %s: %s\n", name, err.msg);
		return;
	}
	unit_golden(path, got);
	free(got);
}

static void
expect_opts_error(const char *json, const char *msg)
{
	farm_drizzle_opts o = opts(FARM_PG, FARM_STORAGE_PRISMA, true);
	farm_error	err;
	int			rc;

	memset(&err, 0, sizeof(err));
	rc = farm_drizzle_parse_opts(json, strlen(json), &o, &err);
	CHECK(rc == FARM_EINVALID);
	CHECK_STR(err.msg, msg);
}

static void
test_opts(void)
{
	farm_drizzle_opts o = opts(FARM_SQLITE, FARM_STORAGE_DEFAULT, true);
	farm_error	err;
	const char *j;
	int			rc;

	memset(&err, 0, sizeof(err));
	rc = farm_drizzle_parse_opts(NULL, 0, &o, &err);
	CHECK(rc == FARM_OK && o.provider == FARM_SQLITE && o.storage == FARM_STORAGE_DEFAULT && o.internal);
	j = "{\"provider\":\"postgresql\",\"sqliteStorage\":\"prisma\",\"internal\":false}";
	rc = farm_drizzle_parse_opts(j, strlen(j), &o, &err);
	CHECK(rc == FARM_OK && o.provider == FARM_PG && o.storage == FARM_STORAGE_PRISMA && !o.internal);
	/* the same values and words as farm_generate_prisma, less datasource */
	expect_opts_error("{\"provider\":\"oracle\"}",
					  "invalid option \"provider\": expected \"postgresql\", \"sqlite\" or \"mysql\"");
	expect_opts_error("{\"sqliteStorage\":1}",
					  "invalid option \"sqliteStorage\": expected \"prisma\" or \"default\"");
	expect_opts_error("{\"internal\":\"no\"}",
					  "invalid option \"internal\": expected true or false");
	expect_opts_error("{\"datasource\":true}",
					  "unknown option \"datasource\": expected \"provider\", \"sqliteStorage\" or \"internal\"");
	expect_opts_error("[1]", "options must be a JSON object");
	expect_opts_error("{\"internal\":true,\"internal\":false}",
					  "options are not valid JSON: duplicate object key near '\"internal\"' (line 1, column 27)");
	rc = farm_drizzle_parse_opts("{}", FARM_JSON_MAX + 1, &o, &err);
	CHECK(rc == FARM_EINVALID && strstr(err.msg, "too large") != NULL);
}

static void
test_errors(farm_schema *a)
{
	farm_schema *twice[2] = {a, a};
	farm_schema *bad = farm_schema_new("bad ns");
	farm_drizzle_opts o = opts(FARM_PG, FARM_STORAGE_PRISMA, true);
	farm_drizzle_opts wrong = opts((farm_provider) 7, FARM_STORAGE_PRISMA, true);
	farm_error	err;
	char	   *x;

	memset(&err, 0, sizeof(err));
	x = farm_drizzle_generate(twice, 2, &o, &err);
	CHECK(x == NULL && err.code == FARM_EINVALID);
	CHECK_STR(err.msg, "namespace \"comment-fragment\" is given twice");
	free(x);
	x = farm_drizzle_generate(&bad, 1, &o, &err);
	CHECK(x == NULL && err.code == FARM_ECORRUPT);
	free(x);
	x = farm_drizzle_generate(&a, 1, NULL, &err);
	CHECK(x == NULL && err.code == FARM_EINVALID);
	free(x);
	x = farm_drizzle_generate(&a, 1, &wrong, &err);
	CHECK(x == NULL && err.code == FARM_EINVALID);
	free(x);
	farm_schema_free(bad);
}

/* Same bytes whatever the input order; same names as the Prisma output. */
static void
test_deterministic(farm_schema *a, farm_schema *b)
{
	farm_schema *ab[2] = {a, b};
	farm_schema *ba[2] = {b, a};
	farm_drizzle_opts o = opts(FARM_SQLITE, FARM_STORAGE_PRISMA, true);
	farm_prisma_opts po = o;
	farm_error	err;
	char	   *x = farm_drizzle_generate(ab, 2, &o, &err);
	char	   *y = farm_drizzle_generate(ba, 2, &o, &err);
	char	   *p = farm_prisma_generate(ab, 2, &po, &err);

	CHECK(x != NULL && y != NULL && p != NULL);
	if (x && y)
		CHECK_STR(x, y);
	/* the shared naming layer: model names and field keys agree */
	if (x && p)
	{
		CHECK(strstr(p, "model UserProfiles_odd_names {") != NULL);
		CHECK(strstr(x, "export const UserProfiles_odd_names = sqliteTable(") != NULL);
		CHECK(strstr(p, "  class2 ") != NULL);
		CHECK(strstr(x, "  class2: one(Class_odd_names, { fields: [UserProfiles_odd_names.class_id]") != NULL);
		CHECK(strstr(p, "  proto__ ") != NULL);
		CHECK(strstr(x, "  proto__: text(\"__proto__\")") != NULL);
	}
	free(x);
	free(y);
	free(p);
}

/* Files generated one namespace at a time never export one name twice. */
static void
test_split_exports(farm_schema *a, farm_schema *b)
{
	farm_drizzle_opts o = opts(FARM_PG, FARM_STORAGE_PRISMA, false);
	farm_error	err;
	char	   *x = farm_drizzle_generate(&a, 1, &o, &err);
	char	   *y = farm_drizzle_generate(&b, 1, &o, &err);
	const char *p;

	CHECK(x != NULL && y != NULL);
	for (p = x; x && y && (p = strstr(p, "export const ")) != NULL; p++)
	{
		char		name[256];
		char		probe[300];
		size_t		n = strcspn(p + 13, " ");

		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, p + 13, n);
		name[n] = '\0';
		snprintf(probe, sizeof(probe), "export const %s ", name);
		CHECK(strstr(y, probe) == NULL);
	}
	free(x);
	free(y);
}

/* Physical clashes across namespaces are the same error as for Prisma. */
static void
test_physical_clash(void)
{
	farm_schema *x = build("c", "{\"tables\":[{\"name\":\"a_b\",\"columns\":[]}]}");
	farm_schema *y = build("b_c", "{\"tables\":[{\"name\":\"a\",\"columns\":[]}]}");
	farm_schema *xy[2] = {x, y};
	farm_drizzle_opts o = opts(FARM_PG, FARM_STORAGE_PRISMA, true);
	farm_error	err;
	char	   *r;

	memset(&err, 0, sizeof(err));
	r = farm_drizzle_generate(xy, 2, &o, &err);
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
	farm_schema *multi[3];

	test_opts();

	cf = build("comment-fragment", comment_fragment);
	odd = build("odd-names", odd_names);

	golden("comment_sqlite", &cf, 1, opts(FARM_SQLITE, FARM_STORAGE_PRISMA, true));
	golden("comment_sqlite_default", &cf, 1, opts(FARM_SQLITE, FARM_STORAGE_DEFAULT, true));
	golden("comment_pg", &cf, 1, opts(FARM_PG, FARM_STORAGE_PRISMA, true));
	golden("comment_pg_nointernal", &cf, 1, opts(FARM_PG, FARM_STORAGE_PRISMA, false));
	golden("comment_mysql", &cf, 1, opts(FARM_MYSQL, FARM_STORAGE_PRISMA, true));
	golden("internal_only_pg", NULL, 0, opts(FARM_PG, FARM_STORAGE_PRISMA, true));
	golden("empty_sqlite", NULL, 0, opts(FARM_SQLITE, FARM_STORAGE_PRISMA, false));

	golden("odd_sqlite", &odd, 1, opts(FARM_SQLITE, FARM_STORAGE_PRISMA, false));
	golden("odd_sqlite_default", &odd, 1, opts(FARM_SQLITE, FARM_STORAGE_DEFAULT, false));
	golden("odd_pg", &odd, 1, opts(FARM_PG, FARM_STORAGE_PRISMA, false));
	golden("odd_mysql", &odd, 1, opts(FARM_MYSQL, FARM_STORAGE_PRISMA, false));

	/*
	 * Several namespaces: table "class" of namespace "oddRelations" is
	 * model Class_oddRelations, and the relations of Class_odd are
	 * class_oddRelations (lower-case first letter), so no export clashes,
	 * also when each namespace has its own file; a reference cycle made by
	 * a table and a column added later.
	 */
	multi[0] = build("oddRelations", class_schema);
	multi[1] = build("odd", class_schema);
	multi[2] = build("cyc", node_schema);
	op(multi[2], NULL, "{\"name\": \"edge\", \"columns\": ["
	   "{\"name\": \"fromId\", \"type\": \"reference\", \"references\": \"node\"},"
	   "{\"name\": \"toId\", \"type\": \"reference\", \"references\": \"node\"}]}");
	op(multi[2], "node", "{\"name\": \"edgeId\", \"type\": \"reference\", \"references\": \"edge\", \"nullable\": true}");
	golden("multi_sqlite", multi, 3, opts(FARM_SQLITE, FARM_STORAGE_PRISMA, true));
	golden("multi_pg", multi, 3, opts(FARM_PG, FARM_STORAGE_PRISMA, false));
	test_pg_schemas(multi);
	test_split_exports(multi[0], multi[1]);

	test_deterministic(cf, odd);
	test_errors(cf);
	test_physical_clash();

	farm_schema_free(cf);
	farm_schema_free(odd);
	farm_schema_free(multi[0]);
	farm_schema_free(multi[1]);
	farm_schema_free(multi[2]);
	return unit_done("test_drizzle");
}
