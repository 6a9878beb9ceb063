/*-------------------------------------------------------------------------
 * external.c
 *	  What an application's Prisma Migrate must leave alone: the tables
 *	  farmorm created or adopted, as names for `tables.external` and as a
 *	  script that recreates them in a shadow database (external.h).
 *
 * Design notes:
 *	- The input is the registry's record only (applied versions, and the
 *	  schema on PostgreSQL), never the catalog: the list says what farmorm
 *	  answers for, and a table dropped by hand is farm_check's business.
 *	- Each set of tables is the replay of its log up to the applied
 *	  version; the shadow script creates the tables in their current form
 *	  directly (farm_ddl_create_schema), not by replaying migrations, so it
 *	  holds no table rebuilds and no temporary tables.
 *	- Names are sorted bytewise (strcmp), never by a host collation.
 *-------------------------------------------------------------------------
 */
#include "external.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ddl.h"
#include "names.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The schema of an item ("public" when the binding gives none). */
static const char *
schema_of(const farm_owned *o)
{
	return o->schema ? o->schema : "public";
}

/* Items ordered by schema, then namespace ("" = internal first). */
static int
cmp_owned(const void *a, const void *b)
{
	const farm_owned *const *x = a;
	const farm_owned *const *y = b;
	int			r = strcmp(schema_of(*x), schema_of(*y));

	return r != 0 ? r : strcmp((*x)->ns, (*y)->ns);
}

/* The tables of one item at its applied version (NULL + err on failure). */
static farm_schema *
owned_schema(const farm_owned *o, farm_error *err)
{
	const char *iops[8];
	size_t		ilens[8];
	char *const *ops = o->ops;
	const size_t *lens = o->lens;
	int			nops = o->nops;
	int			i;

	if (o->ns == NULL || (o->ns[0] != '\0' && !farm_namespace_valid(o->ns, strlen(o->ns))))
	{
		farm_fail(err, FARM_ECORRUPT, "a namespace farmorm owns tables of is invalid");
		return NULL;
	}
	if (o->ns[0] == '\0')
	{
		nops = farm_internal_nops();
		for (i = 0; i < nops && i < 8; i++)
		{
			iops[i] = farm_internal_op(i);
			ilens[i] = strlen(iops[i]);
		}
		ops = (char *const *) iops;
		lens = ilens;
	}
	if (o->applied < 0 || o->applied > nops)
	{
		if (o->ns[0] == '\0')
			farm_fail(err, FARM_ECORRUPT,
					  "internal schema: applied version %ld is beyond the registered version %d",
					  o->applied, nops);
		else
			farm_fail(err, FARM_ECORRUPT,
					  "namespace \"%s\": applied version %ld is beyond the registered version %d",
					  o->ns, o->applied, nops);
		return NULL;
	}
	return farm_schema_replay(o->ns, ops, lens, nops, (int) o->applied, err);
}

/* Sorted pointers to the items that own tables; NULL with *m 0 when none. */
static const farm_owned **
sorted_items(const farm_owned *items, int n, int *m, farm_error *err)
{
	const farm_owned **v;
	int			i;

	*m = 0;
	v = malloc(sizeof(*v) * (size_t) (n > 0 ? n : 1));
	if (v == NULL)
	{
		farm_fail(err, FARM_ENOMEM, "out of memory");
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (items[i].applied != 0)
			v[(*m)++] = &items[i];
	qsort(v, (size_t) *m, sizeof(*v), cmp_owned);
	return v;
}

char *
farm_external_tables(const farm_owned *items, int n, farm_provider dialect,
					 bool sqlite_sequence, farm_error *err)
{
	farm_strlist names;
	farm_buf	b;
	const farm_owned **v;
	char	   *res = NULL;
	int			m;
	int			i;
	int			k;
	size_t		j;
	bool		ok = true;

	v = sorted_items(items, n, &m, err);
	if (v == NULL)
		return NULL;
	farm_strlist_init(&names);
	farm_buf_init(&b);
	for (i = 0; ok && i < m; i++)
	{
		farm_schema *s = owned_schema(v[i], err);

		if (s == NULL)
		{
			ok = false;
			break;
		}
		for (k = 0; ok && k < s->ntables; k++)
		{
			char	   *phys = farm_table_physical(s->ns, s->tables[k]->name);

			farm_buf_reset(&b);
			if (dialect == FARM_PG)
			{
				farm_buf_puts(&b, schema_of(v[i]));
				farm_buf_putc(&b, '.');
			}
			farm_buf_puts(&b, phys ? phys : "");
			ok = phys != NULL && !b.oom && farm_strlist_push(&names, b.data);
			free(phys);
		}
		farm_schema_free(s);
		if (!ok && err->code == FARM_OK)
			farm_fail(err, FARM_ENOMEM, "out of memory");
	}
	if (ok && dialect == FARM_SQLITE && sqlite_sequence &&
		!farm_strlist_push(&names, "sqlite_sequence"))
	{
		farm_fail(err, FARM_ENOMEM, "out of memory");
		ok = false;
	}
	if (ok)
	{
		if (names.n > 0)
			qsort(names.items, names.n, sizeof(char *), cmp_str);
		farm_buf_reset(&b);
		farm_buf_putc(&b, '[');
		for (j = 0; j < names.n; j++)
		{
			if (j > 0 && strcmp(names.items[j], names.items[j - 1]) == 0)
				continue;
			if (b.len > 1)
				farm_buf_putc(&b, ',');
			farm_buf_json_string(&b, names.items[j]);
		}
		farm_buf_putc(&b, ']');
		res = b.oom ? NULL : farm_buf_steal(&b);
		if (res == NULL)
			farm_fail(err, FARM_ENOMEM, "out of memory");
	}
	/* the sort moved items only; lens is not used */
	farm_strlist_free(&names);
	farm_buf_free(&b);
	free(v);
	return res;
}

char *
farm_shadow_sql(const farm_owned *items, int n, farm_provider dialect,
				farm_storage storage, farm_error *err)
{
	farm_strlist schemas;
	farm_strlist tables;
	farm_strlist fks;
	farm_buf	b;
	const farm_owned **v;
	char	   *res = NULL;
	int			rc = FARM_OK;
	int			m;
	int			i;
	size_t		j;

	if (dialect != FARM_PG && dialect != FARM_SQLITE)
	{
		farm_fail(err, FARM_EINVALID, "invalid dialect for the shadow database script");
		return NULL;
	}
	v = sorted_items(items, n, &m, err);
	if (v == NULL)
		return NULL;
	farm_strlist_init(&schemas);
	farm_strlist_init(&tables);
	farm_strlist_init(&fks);
	farm_buf_init(&b);
	for (i = 0; rc == FARM_OK && i < m; i++)
	{
		farm_ddl_opts o;
		farm_schema *s;
		const char *schema = schema_of(v[i]);

		o.dialect = dialect;
		o.storage = storage;
		o.pg_schema = dialect == FARM_PG ? schema : NULL;
		o.guards = NULL;
		if (dialect == FARM_PG && strcmp(schema, "public") != 0 &&
			(i == 0 || strcmp(schema, schema_of(v[i - 1])) != 0))
		{
			farm_buf_reset(&b);
			farm_buf_puts(&b, "CREATE SCHEMA IF NOT EXISTS ");
			farm_buf_sql_ident(&b, schema);
			if (b.oom || !farm_strlist_push(&schemas, b.data))
				rc = farm_fail(err, FARM_ENOMEM, "out of memory");
		}
		if (rc != FARM_OK)
			break;
		s = owned_schema(v[i], err);
		if (s == NULL)
			rc = err->code;
		else
			rc = farm_ddl_create_schema(s, &o, &tables, &fks, err);
		farm_schema_free(s);
	}
	if (rc == FARM_OK)
	{
		farm_strlist *parts[3] = {&schemas, &tables, &fks};
		int			p;

		farm_buf_reset(&b);
		for (p = 0; p < 3; p++)
			for (j = 0; j < parts[p]->n; j++)
			{
				farm_buf_puts(&b, parts[p]->items[j]);
				farm_buf_puts(&b, ";\n");
			}
		res = farm_buf_steal(&b);
		if (res == NULL)
			farm_fail(err, FARM_ENOMEM, "out of memory");
	}
	farm_strlist_free(&schemas);
	farm_strlist_free(&tables);
	farm_strlist_free(&fks);
	farm_buf_free(&b);
	free(v);
	return res;
}
