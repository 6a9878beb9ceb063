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
 *	  in any case; the SQLite schema engine skips tables named "_cf_KV*",
 *	  "_cf_METADATA*" (case-sensitive prefixes) and "d1_migrations", and
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
	farm_map_init(&g->relations, true);
	farm_map_init(&g->fks, true);
	farm_map_init(&g->modelkeys, true);
	farm_strlist_init(&g->names);
	farm_strlist_init(&g->owners);
}

void
farm_gate_free(farm_gate *g)
{
	farm_map_free(&g->relations);
	farm_map_free(&g->fks);
	farm_map_free(&g->modelkeys);
	farm_strlist_free(&g->names);
	farm_strlist_free(&g->owners);
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

/* Put a copy of key into m with value owner (first owner wins). */
static bool
gate_put(farm_gate *g, farm_map *m, const char *key, int owner)
{
	char	   *k;

	if (farm_map_get(m, key) >= 0)
		return true;
	k = farm_strdup(key);
	if (k == NULL || !farm_strlist_push_owned(&g->names, k, strlen(k)))
		return false;
	return farm_map_put(m, k, owner);
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
	int			owner = (int) g->owners.n;
	char	   *key;
	size_t		i;
	bool		ok;

	if (!farm_strlist_push(&g->owners, s->ns))
		return gate_oom(err);
	for (i = 0; i < s->physmap.cap; i++)
	{
		const farm_map_slot *sl = &s->physmap.slots[i];

		/* the internal schema's names are every namespace's own */
		if (sl->key != NULL && sl->value != FARM_PHYS_INTERNAL &&
			!gate_put(g, &g->relations, sl->key, owner))
			return gate_oom(err);
	}
	for (i = 0; i < s->fkmap.cap; i++)
	{
		const farm_map_slot *sl = &s->fkmap.slots[i];

		if (sl->key != NULL && !gate_put(g, &g->fks, sl->key, owner))
			return gate_oom(err);
	}
	key = farm_gate_model_key(s->ns);
	ok = key != NULL && gate_put(g, &g->modelkeys, key, owner);
	free(key);
	return ok ? FARM_OK : gate_oom(err);
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
		farm_strlist none;
		int			rc;

		if (strcmp(e->ns, ns) == 0 || e->ops.n == 0)
			continue;
		s = farm_cache_replay(cache, e->ns, &e->ops, err);
		if (s == NULL)
			return err->code;
		rc = farm_gate_add_schema(g, s, err);
		/* hand it back: the next write replays nothing */
		farm_strlist_init(&none);
		farm_cache_keep(cache, s, &e->ops, &none);
		if (rc != FARM_OK)
			return rc;
	}
	return FARM_OK;
}

int
farm_gate_namespace(const farm_gate *g, const char *ns, farm_error *err)
{
	char	   *key = farm_gate_model_key(ns);
	int			owner;
	int			rc = FARM_OK;

	if (key == NULL)
		return gate_oom(err);
	owner = g ? farm_map_get(&g->modelkeys, key) : -1;
	if (owner >= 0)
		rc = farm_fail_at(err, FARM_EDUPLICATE, ns, NULL, NULL, NULL,
						  "namespace \"%s\" exists: Prisma model names end in \"_%s\" for both (\"-\" is written \"_\", case is ignored), so their models would clash",
						  g->owners.items[owner], key);
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
	if (strncmp(physical, "_cf_KV", 6) == 0 || strncmp(physical, "_cf_METADATA", 12) == 0 ||
		strcmp(physical, "d1_migrations") == 0)
		return farm_fail_at(err, FARM_ENAME, s->ns, t->name, NULL, NULL,
							"the physical table name %s is one Prisma's SQLite schema engine never describes (\"_cf_KV*\", \"_cf_METADATA*\", \"d1_migrations\")",
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
	int			owner;
	gq			qp;

	if (g == NULL)
		return FARM_OK;
	owner = farm_map_get(fk ? &g->fks : &g->relations, phys);
	if (owner < 0)
		return FARM_OK;
	return farm_fail_at(err, FARM_EDUPLICATE, s->ns, table, column, index,
						"the physical name %s of this %s is already used by namespace \"%s\"%s",
						q(&qp, phys), what, g->owners.items[owner],
						fk ? " (foreign-key names are unique in the whole database on MySQL)" : "");
}
