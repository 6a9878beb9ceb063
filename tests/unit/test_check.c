/*-------------------------------------------------------------------------
 * test_check.c
 *	  Unit tests of shared/check.c (farm_check's comparison) and
 *	  shared/adopt.c (farm_migrate's options): a catalog written the way
 *	  each host prints it compares equal to what ddl.c creates; each kind of
 *	  difference is named, in the fixed order; defaults compare after
 *	  normalisation only; the JSON shape; option errors.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include "adopt.h"
#include "check.h"

#define J(s) (s), strlen(s)

static farm_schema *
schema(void)
{
	farm_schema *s = farm_schema_new("ns");
	farm_strlist log;
	farm_error	err;

	farm_strlist_init(&log);
	CHECK(farm_op_add_table(s, J("{\"name\": \"t\", \"columns\": ["
								 "{\"name\": \"a\", \"type\": \"string\", \"default\": {\"value\": \"it's\"}},"
								 "{\"name\": \"n\", \"type\": \"integer\", \"default\": {\"value\": -5}},"
								 "{\"name\": \"r\", \"type\": \"reference\", \"references\": \"t\", \"nullable\": true}],"
								 "\"indexes\": [{\"name\": \"ix\", \"columns\": [\"n\", \"a\"], \"unique\": true}]}"),
							&log, &err) == FARM_OK);
	farm_strlist_free(&log);
	return s;
}

/* The table as PostgreSQL's catalog shows it; `change` alters one fact. */
static void
pg_catalog_of(farm_catalog *c, int change)
{
	farm_cat_table *t = farm_catalog_table(c, "t_ns");
	farm_cat_index *x;

	farm_cat_add_column(c, t, "id", "character varying(128)", true, NULL);
	farm_cat_add_column(c, t, "a", change == 1 ? "text[]" : "text", true,
						change == 2 ? "'its'::text" : "('it''s'::text)");
	farm_cat_add_column(c, t, "n", "integer", change != 3, "'-5'::integer");
	farm_cat_add_column(c, t, "r", "bigint", false, NULL);
	farm_cat_add_column(c, t, "_internalId", "bigint", true, "nextval('\"t_ns__internalId_seq\"'::regclass)");
	farm_cat_add_column(c, t, "_version", "integer", true, "0");
	if (change == 4)
		farm_cat_add_column(c, t, "extra", "text", false, NULL);
	farm_cat_add_pk_column(c, t, "_internalId", "t_ns_pkey");
	x = farm_cat_add_index(c, t, "t_ns_id_key", true, false);
	farm_cat_index_column(c, x, "id");
	if (change != 5)
	{
		x = farm_cat_add_index(c, t, "ix_ns", change != 6, false);
		farm_cat_index_column(c, x, "n");
		farm_cat_index_column(c, x, "a");
	}
	farm_cat_add_fk(c, t, "t_ns_r_fkey", "r", "t_ns", "_internalId",
					change == 7 ? "CASCADE" : "RESTRICT", "RESTRICT");
}

static char *
run(farm_provider p, farm_catalog *c, farm_diffs *d)
{
	farm_ddl_opts o = {p, FARM_STORAGE_PRISMA, NULL, NULL};
	farm_schema *s = schema();
	farm_error	err;
	char	   *json = NULL;

	farm_diffs_init(d);
	if (farm_check_compare(NULL, s, &o, c, d, &err) == FARM_OK)
		json = farm_check_json("ns", 1, 1, d);
	farm_schema_free(s);
	return json;
}

static void
test_pg(void)
{
	static const char *const first[] = {
		NULL,
		"table \"t_ns\": column \"a\" has type \"text[]\", expected \"text\"",
		"table \"t_ns\": column \"a\" has default \"'its'::text\", expected \"'it''s'\"",
		"table \"t_ns\": column \"n\" is nullable, expected NOT NULL",
		"table \"t_ns\": column \"extra\" is not in the schema",
		"table \"t_ns\": index \"ix_ns\" is missing",
		"table \"t_ns\": index \"ix_ns\" is not unique, expected unique",
		"table \"t_ns\": foreign key on column \"r\" has ON DELETE CASCADE, expected ON DELETE RESTRICT",
	};
	int			change;

	for (change = 0; change < 8; change++)
	{
		farm_catalog c;
		farm_diffs	d;
		char	   *json;

		farm_catalog_init(&c, FARM_PG);
		pg_catalog_of(&c, change);
		json = run(FARM_PG, &c, &d);
		CHECK(json != NULL);
		if (change == 0)
			CHECK_STR(json, "{\"namespace\":\"ns\",\"applied\":1,\"version\":1,\"differences\":[]}");
		else
		{
			CHECK(d.n == 1);
			if (d.n >= 1)
				CHECK_STR(d.items[0].message, first[change]);
		}
		free(json);
		farm_diffs_free(&d);
		farm_catalog_free(&c);
	}
}

static void
test_sqlite_and_json(void)
{
	farm_catalog c;
	farm_diffs	d;
	farm_cat_table *t;
	farm_cat_index *x;
	char	   *json;

	/* SQLite: names and types case-insensitively, no constraint names */
	farm_catalog_init(&c, FARM_SQLITE);
	t = farm_catalog_table(&c, "T_NS");
	farm_cat_add_column(&c, t, "ID", "text", true, NULL);
	farm_cat_add_column(&c, t, "a", "TEXT", true, "'it''s'");
	farm_cat_add_column(&c, t, "n", "INTEGER", true, "(-5)");
	farm_cat_add_column(&c, t, "r", "INTEGER", false, NULL);
	farm_cat_add_column(&c, t, "_internalId", "INTEGER", true, NULL);
	farm_cat_add_column(&c, t, "_version", "INTEGER", true, "'0'");
	farm_cat_add_pk_column(&c, t, "_internalId", NULL);
	x = farm_cat_add_index(&c, t, "t_ns_id_key", true, false);
	farm_cat_index_column(&c, x, "id");
	x = farm_cat_add_index(&c, t, "IX_NS", true, false);
	farm_cat_index_column(&c, x, "N");
	farm_cat_index_column(&c, x, "A");
	farm_cat_add_fk(&c, t, NULL, "r", "t_ns", "_internalId", "RESTRICT", "RESTRICT");
	json = run(FARM_SQLITE, &c, &d);
	CHECK_STR(json, "{\"namespace\":\"ns\",\"applied\":1,\"version\":1,\"differences\":[]}");
	free(json);
	farm_diffs_free(&d);

	/* extra tables bytewise after the expected ones; the JSON shape */
	farm_catalog_table(&c, "z_ns");
	farm_catalog_table(&c, "b_ns");
	json = run(FARM_SQLITE, &c, &d);
	CHECK_STR(json, "{\"namespace\":\"ns\",\"applied\":1,\"version\":1,\"differences\":["
			  "{\"kind\":\"table\",\"table\":\"b_ns\",\"problem\":\"extra\",\"expected\":null,\"found\":null,\"message\":\"table \\\"b_ns\\\" is not in the schema\"},"
			  "{\"kind\":\"table\",\"table\":\"z_ns\",\"problem\":\"extra\",\"expected\":null,\"found\":null,\"message\":\"table \\\"z_ns\\\" is not in the schema\"}]}");
	free(json);
	farm_diffs_free(&d);
	farm_catalog_free(&c);

	/* nothing there: the table is missing */
	farm_catalog_init(&c, FARM_SQLITE);
	json = run(FARM_SQLITE, &c, &d);
	CHECK(d.n == 1 && strcmp(d.items[0].problem, "missing") == 0 && strcmp(d.items[0].kind, "table") == 0);
	free(json);
	farm_diffs_free(&d);
	farm_catalog_free(&c);
}

static void
test_options(void)
{
	farm_migrate_opts o;
	farm_error	err;

	CHECK(farm_migrate_parse_opts(NULL, 0, FARM_PG, &o, &err) == FARM_OK && !o.adopt && o.schema == NULL);
	CHECK(farm_migrate_parse_opts(J("{\"adopt\": true, \"schema\": \"app\"}"), FARM_PG, &o, &err) == FARM_OK);
	CHECK(o.adopt && o.schema && strcmp(o.schema, "app") == 0);
	farm_migrate_opts_free(&o);
	CHECK(farm_migrate_parse_opts(J("{\"schema\": \"app\"}"), FARM_SQLITE, &o, &err) == FARM_EINVALID);
	CHECK_STR(err.msg, "invalid option \"schema\": farmorm keeps its SQLite tables in schema \"main\"");
	CHECK(farm_migrate_parse_opts(J("{\"schema\": \"main\"}"), FARM_SQLITE, &o, &err) == FARM_OK);
	farm_migrate_opts_free(&o);
	CHECK(farm_migrate_parse_opts(J("{\"adopt\": null}"), FARM_PG, &o, &err) == FARM_EINVALID);
	CHECK(farm_migrate_parse_opts(J("{\"x\": 1}"), FARM_PG, &o, &err) == FARM_EINVALID);
	CHECK_STR(err.msg, "unknown option \"x\": expected adopt or schema");
	CHECK(farm_migrate_parse_opts(J("{\"schema\": \"a\\u0000b\"}"), FARM_PG, &o, &err) == FARM_EINVALID);
	CHECK_STR(farm_sqlstate(FARM_ESTATE), "55000");
}

int
main(void)
{
	test_pg();
	test_sqlite_and_json();
	test_options();
	return unit_done("test_check");
}
