/*-------------------------------------------------------------------------
 * fuzz_definition.c
 *	  libFuzzer target for the definition reader and everything downstream
 *	  of it: the input is fed to farm_register (on an empty schema and on
 *	  the SPEC example), to farm_add_table/column/index, and to both option
 *	  parsers and farm_migrate's; whatever registers is then emitted as Prisma (every provider)
 *	  and planned as DDL (both dialects).  Built and run for a few seconds by
 *	  `make fuzz` (part of `make test`) with ASan and UBSan.
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "adopt.h"
#include "check.h"
#include "ddl.h"
#include "model.h"
#include "prisma.h"

extern int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const example =
"{\"tables\": [{\"name\": \"comment\", \"columns\": ["
"{\"name\": \"content\", \"type\": \"string\"},"
"{\"name\": \"parentId\", \"type\": \"reference\", \"references\": \"comment\", \"nullable\": true}],"
"\"indexes\": [{\"name\": \"idx_content\", \"columns\": [\"content\"]}]}]}";

static void
emit_all(farm_schema *s, farm_strlist *log)
{
	farm_error	err;
	int			p;

	for (p = 0; p < 3; p++)
	{
		farm_prisma_opts po = {(farm_provider) p, FARM_STORAGE_PRISMA, p == 0, true};
		char	   *text = farm_prisma_generate(&s, 1, &po, &err);

		free(text);
	}
	for (p = 0; p < 2; p++)
	{
		farm_ddl_opts o = {(farm_provider) p, FARM_STORAGE_PRISMA, "public", NULL};
		farm_strlist stmts;

		farm_strlist_init(&stmts);
		farm_plan_migration(s->ns, log->items, log->lens, (int) log->n, 0, (int) log->n,
							&o, &stmts, &err);
		farm_strlist_free(&stmts);
	}
}

/* farm_check on the example with the input as a found default, type and name. */
static void
check_catalog(const char *data, size_t size)
{
	char	   *text = malloc(size + 1);
	farm_strlist log;
	farm_error	err;
	farm_schema *s;
	int			p;

	if (text == NULL)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	farm_strlist_init(&log);
	s = farm_schema_new("fuzz-ns");
	if (farm_op_register(s, example, strlen(example), &log, &err) == FARM_OK)
		for (p = 0; p < 2; p++)
		{
			farm_ddl_opts o = {(farm_provider) p, FARM_STORAGE_PRISMA, NULL, NULL};
			farm_catalog cat;
			farm_diffs	d;
			farm_cat_table *t;
			farm_cat_index *x;
			char	   *json;

			farm_catalog_init(&cat, (farm_provider) p);
			farm_diffs_init(&d);
			t = farm_catalog_table(&cat, "comment_fuzz-ns");
			farm_cat_add_column(&cat, t, "id", text, true, text);
			farm_cat_add_column(&cat, t, "content", "text", true, text);
			farm_cat_add_column(&cat, t, text, text, false, text);
			x = farm_cat_add_index(&cat, t, text, true, true);
			farm_cat_index_column(&cat, x, text);
			farm_cat_add_pk_column(&cat, t, text, text);
			farm_cat_add_fk(&cat, t, text, "parentId", text, text, text, text);
			farm_catalog_table(&cat, text);
			if (farm_check_compare(NULL, s, &o, &cat, &d, &err) == FARM_OK)
			{
				json = farm_check_json(text, 1, 1, &d);
				free(json);
			}
			farm_diffs_free(&d);
			farm_catalog_free(&cat);
		}
	farm_schema_free(s);
	farm_strlist_free(&log);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	farm_error	err;
	farm_strlist log;
	farm_schema *s;
	int			round;

	for (round = 0; round < 2; round++)
	{
		farm_strlist_init(&log);
		s = farm_schema_new("fuzz-ns");
		if (round == 1)
			farm_op_register(s, example, strlen(example), &log, &err);
		if (farm_op_register(s, text, size, &log, &err) == FARM_OK)
			emit_all(s, &log);
		farm_schema_free(s);
		farm_strlist_free(&log);
	}

	farm_strlist_init(&log);
	s = farm_schema_new("fuzz-ns");
	farm_op_register(s, example, strlen(example), &log, &err);
	if (farm_op_add_table(s, text, size, &log, &err) == FARM_OK ||
		farm_op_add_column(s, "comment", text, size, &log, &err) == FARM_OK ||
		farm_op_add_index(s, "comment", text, size, &log, &err) == FARM_OK)
		emit_all(s, &log);
	farm_schema_free(s);
	farm_strlist_free(&log);

	{
		farm_prisma_opts po = {FARM_SQLITE, FARM_STORAGE_PRISMA, false, true};
		farm_sql_opts so = {-1, -1, FARM_SQLITE, FARM_STORAGE_PRISMA};

		farm_migrate_opts mo;

		farm_prisma_parse_opts(text, size, &po, &err);
		farm_sql_parse_opts(text, size, &so, &err);
		if (farm_migrate_parse_opts(text, size, FARM_PG, &mo, &err) == FARM_OK)
			farm_migrate_opts_free(&mo);
	}
	if (size <= 4096)		/* catalog texts are short; keep the run rate up */
		check_catalog(text, size);
	return 0;
}
