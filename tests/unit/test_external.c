/*-------------------------------------------------------------------------
 * test_external.c
 *	  Unit tests of shared/external.c: the names for Prisma's
 *	  `tables.external` and the shadow database script, derived from what
 *	  the registry records (applied versions, PostgreSQL schemas): order,
 *	  quoting, versions in between, bad records.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include "buf.h"
#include "external.h"
#include "model.h"

/* The operation log of a namespace, built with the write operations. */
static void
log_of(const char *ns, const char *const *writes, int n, farm_strlist *ops)
{
	farm_schema *s = farm_schema_new(ns);
	farm_error	err;
	int			i;

	memset(&err, 0, sizeof(err));
	farm_strlist_init(ops);
	for (i = 0; i < n; i++)
		if (s == NULL || farm_op_add_table(s, writes[i], strlen(writes[i]), ops, &err) != FARM_OK)
		{
			printf("FATAL: cannot build %s: %s\n", ns, err.msg);
			exit(2);
		}
	farm_schema_free(s);
}

static farm_owned
owned(const char *schema, const char *ns, const farm_strlist *ops, long applied)
{
	farm_owned	o;

	memset(&o, 0, sizeof(o));
	o.schema = schema;
	o.ns = ns;
	if (ops)
	{
		o.ops = ops->items;
		o.lens = ops->lens;
		o.nops = (int) ops->n;
	}
	o.applied = applied;
	return o;
}

static int
count(const char *hay, const char *needle)
{
	int			n = 0;
	const char *p = hay;

	while (p && (p = strstr(p, needle)) != NULL)
	{
		n++;
		p += strlen(needle);
	}
	return n;
}

static void
test_names(const farm_strlist *kv, const farm_strlist *b)
{
	farm_error	err;
	farm_owned	items[4];
	char	   *t;

	memset(&err, 0, sizeof(err));
	/* nothing owned */
	t = farm_external_tables(NULL, 0, FARM_SQLITE, false, &err);
	CHECK_STR(t, "[]");
	free(t);
	items[0] = owned(NULL, "", NULL, 0);
	items[1] = owned(NULL, "kv", kv, 0);
	t = farm_external_tables(items, 2, FARM_SQLITE, true, &err);
	CHECK_STR(t, "[\"sqlite_sequence\"]");
	free(t);

	/* SQLite: bare names, sqlite_sequence when it exists, bytewise */
	items[0] = owned(NULL, "", NULL, 1);
	items[1] = owned(NULL, "kv", kv, 1);
	items[2] = owned(NULL, "B", b, 1);
	t = farm_external_tables(items, 3, FARM_SQLITE, true, &err);
	CHECK_STR(t, "[\"Zed_B\",\"fragno_db_settings\",\"item_kv\",\"sqlite_sequence\"]");
	free(t);
	/* every version up to the applied one, no further */
	items[0].applied = 2;
	items[1].applied = 2;
	t = farm_external_tables(items, 2, FARM_SQLITE, false, &err);
	CHECK_STR(t, "[\"fragno_db_settings\",\"fragno_hooks\",\"item_kv\",\"other\\\\q_kv\"]");
	free(t);

	/* PostgreSQL: schema.table unquoted, sqlite_sequence never, one copy of
	 * the internal tables per schema */
	items[0] = owned("public", "", NULL, 2);
	items[1] = owned("frag", "", NULL, 2);
	items[2] = owned("frag", "kv", kv, 1);
	items[3] = owned(NULL, "B", b, 1);
	t = farm_external_tables(items, 4, FARM_PG, true, &err);
	CHECK_STR(t, "[\"frag.fragno_db_settings\",\"frag.fragno_hooks\",\"frag.item_kv\","
			  "\"public.Zed_B\",\"public.fragno_db_settings\",\"public.fragno_hooks\"]");
	free(t);
	/* a name given twice is listed once */
	items[1] = owned("public", "", NULL, 2);
	t = farm_external_tables(items, 2, FARM_PG, false, &err);
	CHECK_STR(t, "[\"public.fragno_db_settings\",\"public.fragno_hooks\"]");
	free(t);

	/* bad records */
	items[0] = owned(NULL, "kv", kv, 3);
	t = farm_external_tables(items, 1, FARM_SQLITE, false, &err);
	CHECK(t == NULL && err.code == FARM_ECORRUPT);
	CHECK_STR(err.msg, "namespace \"kv\": applied version 3 is beyond the registered version 2");
	items[0] = owned(NULL, "", NULL, 7);
	t = farm_external_tables(items, 1, FARM_SQLITE, false, &err);
	CHECK(t == NULL && err.code == FARM_ECORRUPT);
	CHECK_STR(err.msg, "internal schema: applied version 7 is beyond the registered version 2");
	items[0] = owned(NULL, "bad ns", kv, 1);
	t = farm_external_tables(items, 1, FARM_SQLITE, false, &err);
	CHECK(t == NULL && err.code == FARM_ECORRUPT);
}

static void
test_shadow(const farm_strlist *kv, const farm_strlist *b)
{
	farm_error	err;
	farm_owned	items[4];
	char	   *t;
	const char *fk;
	const char *last_create;
	const char *want = "CREATE SCHEMA IF NOT EXISTS \"fr\"\"ag\";\nCREATE TABLE \"fr\"\"ag\".\"fragno_db_settings\"";

	memset(&err, 0, sizeof(err));
	t = farm_shadow_sql(NULL, 0, FARM_PG, FARM_STORAGE_PRISMA, &err);
	CHECK_STR(t, "");
	free(t);

	/* PostgreSQL: CREATE SCHEMA once per schema but public, first; the
	 * foreign keys after every table */
	items[0] = owned("public", "", NULL, 2);
	items[1] = owned("fr\"ag", "", NULL, 2);
	items[2] = owned("fr\"ag", "kv", kv, 2);
	items[3] = owned(NULL, "B", b, 1);
	t = farm_shadow_sql(items, 4, FARM_PG, FARM_STORAGE_PRISMA, &err);
	CHECK(t != NULL);
	if (t)
	{
		CHECK(strncmp(t, want, strlen(want)) == 0);
		CHECK(count(t, "CREATE SCHEMA") == 1);
		CHECK(count(t, "CREATE TABLE ") == 7);
		CHECK(count(t, "CREATE TABLE \"fr\"\"ag\".\"fragno_hooks\"") == 1);
		CHECK(count(t, "CREATE TABLE \"public\".\"Zed_B\"") == 1);
		fk = strstr(t, "ALTER TABLE ");
		last_create = t;
		while (strstr(last_create + 1, "CREATE ") != NULL)
			last_create = strstr(last_create + 1, "CREATE ");
		CHECK(fk != NULL && fk > last_create);
		CHECK(count(t, "FOREIGN KEY") == 1);
		CHECK(strstr(t, "sqlite_sequence") == NULL);
		CHECK(t[strlen(t) - 1] == '\n' && t[strlen(t) - 2] == ';');
	}
	free(t);

	/* SQLite: no schemas, foreign keys inside CREATE TABLE, both storage
	 * modes, never sqlite_sequence */
	items[0] = owned(NULL, "", NULL, 2);
	items[1] = owned(NULL, "kv", kv, 2);
	t = farm_shadow_sql(items, 2, FARM_SQLITE, FARM_STORAGE_PRISMA, &err);
	CHECK(t != NULL && count(t, "CREATE TABLE \"main\".") == 4 && strstr(t, "SCHEMA") == NULL &&
		  strstr(t, "ALTER") == NULL && count(t, "FOREIGN KEY") == 1 && strstr(t, "JSONB") != NULL &&
		  strstr(t, "sqlite_sequence") == NULL);
	free(t);
	t = farm_shadow_sql(items, 2, FARM_SQLITE, FARM_STORAGE_DEFAULT, &err);
	CHECK(t != NULL && strstr(t, "JSONB") == NULL);
	free(t);

	/* versions: nothing beyond the applied one */
	items[1].applied = 1;
	t = farm_shadow_sql(items, 2, FARM_SQLITE, FARM_STORAGE_PRISMA, &err);
	CHECK(t != NULL && strstr(t, "other") == NULL && strstr(t, "item_kv") != NULL);
	free(t);

	/* bad input */
	items[1].applied = 5;
	t = farm_shadow_sql(items, 2, FARM_SQLITE, FARM_STORAGE_PRISMA, &err);
	CHECK(t == NULL && err.code == FARM_ECORRUPT);
	t = farm_shadow_sql(items, 1, FARM_MYSQL, FARM_STORAGE_PRISMA, &err);
	CHECK(t == NULL && err.code == FARM_EINVALID);
}

int
main(void)
{
	static const char *const kv_tables[] = {
		"{\"name\":\"item\",\"columns\":[{\"name\":\"k\",\"type\":\"string\"}]}",
		"{\"name\":\"other\\\\q\",\"columns\":[{\"name\":\"itemId\",\"type\":\"reference\",\"references\":\"item\"},"
		"{\"name\":\"meta\",\"type\":\"json\",\"nullable\":true}]}",
	};
	static const char *const b_tables[] = {"{\"name\":\"Zed\"}"};
	farm_strlist kv;
	farm_strlist b;

	log_of("kv", kv_tables, 2, &kv);
	log_of("B", b_tables, 1, &b);
	test_names(&kv, &b);
	test_shadow(&kv, &b);
	farm_strlist_free(&kv);
	farm_strlist_free(&b);
	return unit_done("test_external");
}
