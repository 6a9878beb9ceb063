/*-------------------------------------------------------------------------
 * gate.c
 *	  The registration gate: host and Prisma rules every write must meet
 *	  (see gate.h).
 *
 * Design notes:
 *	- Each rule names what it refuses and why, located at namespace,
 *	  table, column and index, in the same words on both hosts.
 *	- The other namespaces' names come from one map per kind, built once
 *	  per write from schemas the binding already replays (its schema cache
 *	  keeps them), so a write costs one pass over the registry.
 *	- Facts behind the rules (checked with PostgreSQL 15, SQLite 3.40 and
 *	  Prisma 7.10's engine): CREATE TABLE with a column "xmin" fails with
 *	  42701; SQLite refuses any table or index name starting with "sqlite_"
 *	  in any case; the SQLite schema engine skips tables whose name is
 *	  "_cf_" and an upper-case ASCII letter ("_cf_KV", "_cf_METADATA",
 *	  but also "_cf_A"; "_cf_a" and "_CF_KV" are seen) and "d1_migrations"
 *	  exactly, and
 *	  fails to describe a database with a '"' in a table or index name;
 *	  PostgreSQL's json has no btree operator class; PostgreSQL names a
 *	  serial column's sequence by makeObjectName().
 *-------------------------------------------------------------------------
 */
#include "gate.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

void
farm_gate_init(farm_gate *g)
{
	memset(g, 0, sizeof(*g));
}

void
farm_gate_free(farm_gate *g)
{
	int			i;

	for (i = 0; i < g->n; i++)
		farm_schema_free(g->owned[i]);
	free(g->others);
	free(g->owned);
	free(g->from);
	farm_gate_init(g);
}

/* A user string quoted for a message (bounded, escaped). */
typedef struct gq
{
	char		s[300];
} gq;

static const char *
q(gq *out, const char *s)
{
	farm_buf	b;

	farm_buf_init(&b);
	farm_buf_err_name(&b, s, strlen(s));
	if (b.oom || b.len >= sizeof(out->s))
		memcpy(out->s, "\"?\"", 4);
	else
		memcpy(out->s, b.data, b.len + 1);
	farm_buf_free(&b);
	return out->s;
}

static int
gate_oom(farm_error *err)
{
	return farm_fail(err, FARM_ENOMEM, "out of memory");
}

static bool
gate_push(farm_gate *g, const farm_schema *s, farm_schema *owned, farm_nsops *from)
{
	if (g->n == g->cap)
	{
		int			ncap = g->cap ? g->cap * 2 : 8;
		const farm_schema **o = realloc(g->others, (size_t) ncap * sizeof(*o));
		farm_schema **w;
		farm_nsops **f;

		if (o == NULL)
			return false;
		g->others = o;
		w = realloc(g->owned, (size_t) ncap * sizeof(*w));
		if (w == NULL)
			return false;
		g->owned = w;
		f = realloc(g->from, (size_t) ncap * sizeof(*f));
		if (f == NULL)
			return false;
		g->from = f;
		g->cap = ncap;
	}
	g->others[g->n] = s;
	g->owned[g->n] = owned;
	g->from[g->n] = from;
	g->n++;
	return true;
}

char *
farm_gate_model_key(const char *ns)
{
	char	   *k = farm_strdup(ns);
	char	   *p;

	for (p = k; p && *p; p++)
		if (*p == '-')
			*p = '_';
	return k;
}

int
farm_gate_add_schema(farm_gate *g, const farm_schema *s, farm_error *err)
{
	return gate_push(g, s, NULL, NULL) ? FARM_OK : gate_oom(err);
}

int
farm_gate_build(farm_gate *g, farm_registry *r, const char *ns,
				farm_schema_cache *cache, farm_error *err)
{
	int			i;

	for (i = 0; i < r->n; i++)
	{
		farm_nsops *e = &r->items[i];
		farm_schema *s;

		if (strcmp(e->ns, ns) == 0 || e->ops.n == 0)
			continue;
		s = farm_cache_replay(cache, e->ns, &e->ops, err);
		if (s == NULL)
			return err->code;
		if (!gate_push(g, s, s, e))
		{
			farm_schema_free(s);
			return gate_oom(err);
		}
	}
	return FARM_OK;
}

void
farm_gate_release(farm_gate *g, farm_schema_cache *cache)
{
	int			i;

	for (i = 0; i < g->n; i++)
	{
		farm_strlist none;

		if (g->owned[i] == NULL || g->from[i] == NULL)
			continue;
		farm_strlist_init(&none);
		farm_cache_keep(cache, g->owned[i], &g->from[i]->ops, &none);
		g->owned[i] = NULL;
	}
}

int
farm_gate_namespace(const farm_gate *g, const char *ns, farm_error *err)
{
	char	   *key = farm_gate_model_key(ns);
	int			rc = FARM_OK;
	int			i;

	if (key == NULL)
		return gate_oom(err);
	for (i = 0; g != NULL && i < g->n && rc == FARM_OK; i++)
	{
		char	   *other = farm_gate_model_key(g->others[i]->ns);

		if (other == NULL)
			rc = gate_oom(err);
		else if (farm_strcasecmp(key, other) == 0)
			rc = farm_fail_at(err, FARM_EDUPLICATE, ns, NULL, NULL, NULL,
							  "namespace \"%s\" exists: Prisma model names end in \"_%s\" for both (\"-\" is written \"_\", case is ignored), so their models would clash",
							  g->others[i]->ns, key);
		free(other);
	}
	free(key);
	return rc;
}

/*
 * makeObjectName(physical, "_internalId", "seq") of PostgreSQL: the longer
 * of the two names is cut first, byte by byte, until
 * "<name1>_<name2>_seq" fits 63 bytes, then cut back to a whole character.
 */
char *
farm_gate_pg_sequence(const char *physical)
{
	static const char col[] = "_internalId";
	size_t		n1 = strlen(physical);
	size_t		n2 = sizeof(col) - 1;
	const size_t avail = FARM_NAME_MAX - (strlen("seq") + 1) - 1;
	farm_buf	b;
	char	   *res;

	while (n1 + n2 > avail)
	{
		if (n1 > n2)
			n1--;
		else
			n2--;
	}
	while (n1 > 0 && ((unsigned char) physical[n1] & 0xC0) == 0x80)
		n1--;
	farm_buf_init(&b);
	farm_buf_putn(&b, physical, n1);
	farm_buf_putc(&b, '_');
	farm_buf_putn(&b, col, n2);
	farm_buf_puts(&b, "_seq");
	res = farm_buf_steal(&b);
	farm_buf_free(&b);
	return res;
}

/* PostgreSQL's system columns: CREATE TABLE fails with 42701. */
static const char *const pg_system_columns[] = {
	"tableoid", "xmin", "cmin", "xmax", "cmax", "ctid", NULL
};

int
farm_gate_column(const farm_schema *s, const farm_table *t,
				 const farm_column *c, farm_error *err)
{
	const char *const *p;

	/* PostgreSQL compares quoted identifiers exactly: "Xmin" is allowed */
	for (p = pg_system_columns; *p; p++)
		if (strcmp(c->name, *p) == 0)
			return farm_fail_at(err, FARM_ENAME, s->ns, t->name, c->name, NULL,
								"column name is reserved by PostgreSQL (system columns tableoid, xmin, cmin, xmax, cmax, ctid)");
	return FARM_OK;
}

static bool
starts_with_nocase(const char *s, const char *prefix)
{
	size_t		n = strlen(prefix);
	size_t		i;

	for (i = 0; i < n; i++)
	{
		char		a = s[i];
		char		b = prefix[i];

		if (a >= 'A' && a <= 'Z')
			a = (char) (a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char) (b - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

/* Rules every physical table or index name meets; what = "table" / "index". */
static int
check_physical(const farm_schema *s, const farm_table *t, const char *index,
			   const char *physical, const char *what, farm_error *err)
{
	const char *tname = t->name;
	gq			qp;

	if (starts_with_nocase(physical, "sqlite_"))
		return farm_fail_at(err, FARM_ENAME, s->ns, tname, NULL, index,
							"the physical %s name %s starts with \"sqlite_\", which SQLite reserves (in any case)",
							what, q(&qp, physical));
	if (strchr(physical, '"') != NULL)
		return farm_fail_at(err, FARM_ENAME, s->ns, tname, NULL, index,
							"%s names must not contain '\"': Prisma's schema engine cannot describe such a database",
							what);
	return FARM_OK;
}

int
farm_gate_table(const farm_schema *s, const farm_table *t, const char *physical,
				farm_error *err)
{
	int			rc = check_physical(s, t, NULL, physical, "table", err);
	gq			qp;

	if (rc != FARM_OK)
		return rc;
	/* checked name by name: "_cf_" and an upper-case ASCII letter, exactly */
	if ((strncmp(physical, "_cf_", 4) == 0 && physical[4] >= 'A' && physical[4] <= 'Z') ||
		strcmp(physical, "d1_migrations") == 0)
		return farm_fail_at(err, FARM_ENAME, s->ns, t->name, NULL, NULL,
							"the physical table name %s is one Prisma's SQLite schema engine never describes (\"_cf_\" and an upper-case letter, as in \"_cf_KV\", or \"d1_migrations\")",
							q(&qp, physical));
	return FARM_OK;
}

int
farm_gate_index(const farm_schema *s, const farm_table *t, const farm_index *x,
				const char *physical, farm_error *err)
{
	int			rc = check_physical(s, t, x->name, physical, "index", err);
	int			i;
	gq			qc;

	if (rc != FARM_OK)
		return rc;
	for (i = 0; i < x->ncolumns; i++)
	{
		const farm_column *c = farm_table_find(t, x->columns[i]);

		if (c != NULL && c->type == FARM_T_JSON)
			return farm_fail_at(err, FARM_EUNSUPPORTED, s->ns, t->name, NULL, x->name,
								"column %s has type json, which PostgreSQL cannot index (no btree operator class)",
								q(&qc, c->name));
	}
	return FARM_OK;
}

int
farm_gate_claim(const farm_gate *g, const farm_schema *s, const char *table,
				const char *column, const char *index, const char *phys, bool fk,
				const char *what, farm_error *err)
{
	int			i;
	gq			qp;

	for (i = 0; g != NULL && i < g->n; i++)
	{
		const farm_schema *o = g->others[i];
		int			v = farm_map_get(fk ? &o->fkmap : &o->physmap, phys);

		/* the internal schema's names are every namespace's own */
		if (v < 0 || v == FARM_PHYS_INTERNAL)
			continue;
		return farm_fail_at(err, FARM_EDUPLICATE, s->ns, table, column, index,
							"the physical name %s of this %s is already used by namespace \"%s\"%s",
							q(&qp, phys), what, o->ns,
							fk ? " (foreign-key names are unique in the whole database on MySQL)" : "");
	}
	return FARM_OK;
}
