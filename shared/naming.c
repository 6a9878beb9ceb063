/*-------------------------------------------------------------------------
 * naming.c
 *	  The naming layer shared by the ORM emitters (prisma.c, drizzle.c):
 *	  the models in output order, their names, field keys, relation fields,
 *	  relation names and back-relation fields (SPEC section 5).
 *
 * Design notes
 *
 * Names are decided in phases so every decision is deterministic and every
 * pass is linear in the size of the schemas:
 *
 *	1. collect the models in output order (internal schema first, then
 *	   namespaces bytewise, tables bytewise by physical name) and check that
 *	   no two of them share a physical table or index name;
 *	2. model names, one file-wide set (ASCII case-insensitive, so the
 *	   generated client's per-model files never clash on case-insensitive
 *	   file systems);
 *	3. scalar field names per model: system fields first, then columns whose
 *	   name is already a legal Prisma identifier, then sanitised names; a
 *	   scalar field never takes the default client name of a compound
 *	   unique of its model (Prisma refuses that even with `name:`);
 *	4. forward relation fields and relation names (source models in output
 *	   order, columns in physical order);
 *	5. back-relation fields on the target models, in the same order;
 *	6. compound unique client names: Prisma's default (fields joined by
 *	   '_') whenever no field or earlier compound of the model has it.
 *
 * A name that is taken gets the smallest numeric suffix 2, 3, ... that is
 * free; a per-base counter remembers where the search stopped, so long
 * runs of collisions on one base stay linear.  Every string a name set
 * borrows is owned by one string pool that lives as long as the call.
 *
 * Every name produced is a legal Prisma identifier (^[A-Za-z][A-Za-z0-9_]*$),
 * hence also a JavaScript identifier; model names start with an upper-case
 * ASCII letter.  The emitter passes the field names its target cannot
 * use (opts.reserved); they are avoided like taken names.
 *-------------------------------------------------------------------------
 */
#include "naming.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"

static int
oom(farm_naming *c)
{
	return farm_fail(c->err, FARM_ENOMEM, "out of memory");
}

/* ----------------------------------------------------------------
 * Names
 * ----------------------------------------------------------------
 */


/* Keep a copy of s for the rest of the call; NULL on OOM. */
static const char *
pool_dup(farm_naming *c, const char *s, size_t len)
{
	char	   *d = farm_strndup(s, len);

	if (d == NULL || !farm_strlist_push_owned(&c->pool, d, len))
		return NULL;
	return d;
}

/*
 * Claim a name in `taken`: "<prefix><suffix>" when free, else
 * "<prefix>N<suffix>" for the smallest N >= 2 that is free, resuming where
 * the last search on the same base stopped (`next`).  Returns the pooled
 * name, or NULL after setting the OOM error.
 */
static const char *
claim(farm_naming *c, farm_map *taken, farm_map *next, const char *prefix,
	  const char *suffix)
{
	const char *name;
	const char *basekey;
	size_t		plen = strlen(prefix);
	int			n;

	farm_buf_reset(&c->tmp);
	farm_buf_puts(&c->tmp, prefix);
	farm_buf_puts(&c->tmp, suffix);
	if (c->tmp.oom)
		goto nomem;
	if (farm_map_get(taken, c->tmp.data) < 0)
	{
		name = pool_dup(c, c->tmp.data, c->tmp.len);
		if (name == NULL || !farm_map_put(taken, name, 1))
			goto nomem;
		return name;
	}
	/* the base key must outlive the map when it is new */
	n = farm_map_get(next, c->tmp.data);
	if (n < 0)
	{
		basekey = pool_dup(c, c->tmp.data, c->tmp.len);
		if (basekey == NULL)
			goto nomem;
		n = 2;
	}
	else
		basekey = NULL;
	for (;; n++)
	{
		farm_buf_reset(&c->tmp);
		farm_buf_putn(&c->tmp, prefix, plen);
		farm_buf_printf(&c->tmp, "%d", n);
		farm_buf_puts(&c->tmp, suffix);
		if (c->tmp.oom)
			goto nomem;
		if (farm_map_get(taken, c->tmp.data) < 0)
			break;
	}
	name = pool_dup(c, c->tmp.data, c->tmp.len);
	if (name == NULL || !farm_map_put(taken, name, 1))
		goto nomem;
	if (basekey == NULL)
	{
		/* existing key: farm_map_put only updates the value */
		farm_buf_reset(&c->tmp);
		farm_buf_puts(&c->tmp, prefix);
		farm_buf_puts(&c->tmp, suffix);
		if (c->tmp.oom)
			goto nomem;
		basekey = c->tmp.data;
	}
	if (!farm_map_put(next, basekey, n + 1))
		goto nomem;
	return name;

nomem:
	oom(c);
	return NULL;
}

/*
 * PascalCase of a table name: split on '_' and '-', keep ASCII letters and
 * digits only, upper-case the first kept character of each part when it is
 * a letter ("2nd" stays "2nd", "\u00fcber" becomes "Ber"); "T" in
 * front when nothing is left or it starts with a digit.
 */
static void
buf_pascal(farm_buf *b, const char *s)
{
	size_t		start = b->len;
	bool		upper = true;

	for (; *s; s++)
	{
		char		ch = *s;

		if (ch == '_' || ch == '-')
			upper = true;
		else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
				 (ch >= '0' && ch <= '9'))
		{
			if (upper && ch >= 'a' && ch <= 'z')
				ch = (char) (ch - 'a' + 'A');
			upper = false;
			farm_buf_putc(b, ch);
		}
	}
	if (b->oom)
		return;
	if (b->len == start || (b->data[start] >= '0' && b->data[start] <= '9'))
	{
		farm_buf_putc(b, 'T');
		if (b->oom)
			return;
		memmove(b->data + start + 1, b->data + start, b->len - start - 1);
		b->data[start] = 'T';
	}
}

/* Phase 2: model names, file-wide, in output order. */
static int
name_models(farm_naming *c)
{
	farm_buf	pascal;
	farm_buf	suffix;
	int			i;

	farm_buf_init(&pascal);
	farm_buf_init(&suffix);
	for (i = 0; i < c->nmodels; i++)
	{
		farm_nm_model   *m = &c->models[i];
		const char *ns = m->schema->ns;

		farm_buf_reset(&pascal);
		farm_buf_reset(&suffix);
		buf_pascal(&pascal, m->table->name);
		farm_buf_puts(&suffix, "");
		if (ns[0] == '\0' && m->si > 0)
		{
			/* a further copy of the internal tables, in another schema */
			farm_buf_putc(&suffix, '_');
			farm_buf_prisma_ident(&suffix, c->pgschema[m->si], "schema");
		}
		else if (ns[0] != '\0')
		{
			farm_buf_putc(&suffix, '_');
			for (; *ns; ns++)
				farm_buf_putc(&suffix, *ns == '-' ? '_' : *ns);
		}
		if (pascal.oom || suffix.oom)
		{
			farm_buf_free(&pascal);
			farm_buf_free(&suffix);
			return oom(c);
		}
		m->name = claim(c, &c->modelnames, &c->modelnext, pascal.data, suffix.data);
		if (m->name == NULL)
		{
			farm_buf_free(&pascal);
			farm_buf_free(&suffix);
			return (int) c->err->code;
		}
	}
	farm_buf_free(&pascal);
	farm_buf_free(&suffix);
	return FARM_OK;
}

/* A sanitised identifier for s, pooled; NULL on OOM. */
static const char *
pool_ident(farm_naming *c, const char *s, size_t len, const char *fallback)
{
	farm_buf	b;
	const char *r;

	farm_buf_init(&b);
	if (len == strlen(s))
		farm_buf_prisma_ident(&b, s, fallback);
	else
	{
		char	   *cut = farm_strndup(s, len);

		if (cut == NULL)
			return NULL;
		farm_buf_prisma_ident(&b, cut, fallback);
		free(cut);
	}
	r = b.oom ? NULL : pool_dup(c, b.data, b.len);
	farm_buf_free(&b);
	return r;
}

/*
 * The default client name of a compound unique (fields joined by '_'),
 * in c->tmp; false on OOM.
 */
static bool
compound_default(farm_naming *c, const farm_nm_model *m, const farm_index *x)
{
	int			k;

	farm_buf_reset(&c->tmp);
	for (k = 0; k < x->ncolumns; k++)
	{
		int			ci = farm_map_get(&m->table->colmap, x->columns[k]);

		if (k > 0)
			farm_buf_putc(&c->tmp, '_');
		if (ci >= 0 && ci < m->table->ncols)
			farm_buf_puts(&c->tmp, m->colfield[ci]);
	}
	return !c->tmp.oom;
}

/*
 * Prisma refuses a scalar field named like the default client name of a
 * compound unique of its model ("a_b" for @@unique([a, b])), even when
 * the unique has a `name:` (checked with Prisma 7.10), so such a field
 * gets the next free suffix and an @map.  A renamed field can change
 * other compound names: repeat until nothing clashes (each pass renames
 * at least one field, so at most ncols + 1 passes).
 */
static int
unclash_compounds(farm_naming *c, farm_nm_model *m)
{
	const farm_table *t = m->table;
	int			pass;
	int			i;

	for (pass = 0; pass <= t->ncols; pass++)
	{
		farm_map	defaults;
		bool		changed = false;

		farm_map_init(&defaults, false);
		for (i = 0; i < t->nidx; i++)
		{
			const char *name;

			if (!t->idx[i].unique || t->idx[i].ncolumns < 2)
				continue;
			if (!compound_default(c, m, &t->idx[i]) ||
				(name = pool_dup(c, c->tmp.data, c->tmp.len)) == NULL ||
				!farm_map_put(&defaults, name, 1))
			{
				farm_map_free(&defaults);
				return oom(c);
			}
		}
		for (i = 0; defaults.n > 0 && i < t->ncols; i++)
		{
			if (farm_map_get(&defaults, m->colfield[i]) < 0)
				continue;
			m->colfield[i] = claim(c, &m->fields, &m->next, m->colfield[i], "");
			if (m->colfield[i] == NULL)
			{
				farm_map_free(&defaults);
				return (int) c->err->code;
			}
			changed = true;
		}
		farm_map_free(&defaults);
		if (!changed)
			break;
	}
	return FARM_OK;
}

/*
 * Phase 3: scalar field names of one model.  System fields first, then
 * columns whose name is a legal identifier as is, then the others
 * (sanitised, suffixed on collision).
 */
static int
name_scalars(farm_naming *c, farm_nm_model *m)
{
	const farm_table *t = m->table;
	const char *const *r;
	int			i;

	for (r = c->reserved; r != NULL && *r; r++)
		if (!farm_map_put(&m->fields, *r, 1))
			return oom(c);
	if (!farm_map_put(&m->fields, "id", 1) ||
		!farm_map_put(&m->fields, "internalId", 1) ||
		!farm_map_put(&m->fields, "version", 1))
		return oom(c);
	for (i = 0; i < t->ncols; i++)
	{
		const char *cn = t->cols[i].name;

		if (farm_prisma_ident_ok(cn) && farm_map_get(&m->fields, cn) < 0)
		{
			if (!farm_map_put(&m->fields, cn, 1))
				return oom(c);
			m->colfield[i] = cn;
		}
	}
	for (i = 0; i < t->ncols; i++)
	{
		const char *base;

		if (m->colfield[i] != NULL)
			continue;
		base = pool_ident(c, t->cols[i].name, strlen(t->cols[i].name), "field");
		if (base == NULL)
			return oom(c);
		m->colfield[i] = claim(c, &m->fields, &m->next, base, "");
		if (m->colfield[i] == NULL)
			return (int) c->err->code;
	}
	return unclash_compounds(c, m);
}

/* Mark the columns of t that have a unique index on exactly that column. */
static void
mark_unique1(const farm_table *t, bool *unique1)
{
	int			i;

	for (i = 0; i < t->nidx; i++)
	{
		int			k;

		if (!t->idx[i].unique || t->idx[i].ncolumns != 1)
			continue;
		k = farm_map_get(&t->colmap, t->idx[i].columns[0]);
		if (k >= 0 && k < t->ncols)
			unique1[k] = true;
	}
}

/*
 * Phase 4: forward relation fields and relation names, all models in
 * output order, reference columns in physical order.
 */
static int
name_forward(farm_naming *c)
{
	farm_buf	b;
	bool	   *unique1 = NULL;
	int			cap = 0;
	int			mi;
	int			rc = FARM_OK;

	farm_buf_init(&b);
	for (mi = 0; mi < c->nmodels && rc == FARM_OK; mi++)
	{
		farm_nm_model   *m = &c->models[mi];
		const farm_table *t = m->table;
		int			i;

		if (t->ncols > cap)
		{
			bool	   *nu = realloc(unique1, (size_t) t->ncols * sizeof(bool));

			if (nu == NULL)
			{
				rc = oom(c);
				break;
			}
			unique1 = nu;
			cap = t->ncols;
		}
		if (t->ncols > 0)
			memset(unique1, 0, (size_t) t->ncols * sizeof(bool));
		mark_unique1(t, unique1);
		for (i = 0; i < t->ncols && rc == FARM_OK; i++)
		{
			const farm_column *col = &t->cols[i];
			size_t		len = strlen(col->name);
			int			ti;
			farm_nm_rel	   *rel;
			const char *base;

			if (col->type != FARM_T_REFERENCE)
				continue;
			ti = col->references ? farm_map_get(&m->schema->tablemap, col->references) : -1;
			if (ti < 0 || ti >= m->schema->ntables)
			{
				farm_buf_reset(&b);
				farm_buf_err_name(&b, col->name, len);
				rc = b.oom ? oom(c) :
					farm_fail(c->err, FARM_ECORRUPT,
							  "column %s references a table that does not exist", b.data);
				break;
			}
			/* the column name without a trailing "Id" / "_id" */
			if (len > 3 && strcmp(col->name + len - 3, "_id") == 0)
				len -= 3;
			else if (len > 2 && strcmp(col->name + len - 2, "Id") == 0)
				len -= 2;
			base = pool_ident(c, col->name, len, "relation");
			if (base == NULL)
			{
				rc = oom(c);
				break;
			}
			rel = &c->rels[c->nrels];
			rel->src = mi;
			rel->col = i;
			rel->dst = c->tab2model[m->si][ti];
			rel->one = unique1[i];
			rel->back = NULL;
			rel->next_back = -1;
			rel->fwd = claim(c, &m->fields, &m->next, base, "");
			if (rel->fwd == NULL)
			{
				rc = (int) c->err->code;
				break;
			}
			farm_buf_reset(&b);
			farm_buf_puts(&b, m->schema->ns);
			farm_buf_putc(&b, '_');
			farm_buf_puts(&b, t->name);
			farm_buf_putc(&b, '_');
			farm_buf_puts(&b, rel->fwd);
			farm_buf_putc(&b, '_');
			farm_buf_puts(&b, c->models[rel->dst].table->name);
			if (b.oom)
			{
				rc = oom(c);
				break;
			}
			rel->name = claim(c, &c->relnames, &c->relnext, b.data, "");
			if (rel->name == NULL)
			{
				rc = (int) c->err->code;
				break;
			}
			m->colrel[i] = c->nrels;
			/* append to the target's back-relation list */
			if (c->models[rel->dst].back_tail < 0)
				c->models[rel->dst].back_head = c->nrels;
			else
				c->rels[c->models[rel->dst].back_tail].next_back = c->nrels;
			c->models[rel->dst].back_tail = c->nrels;
			c->nrels++;
		}
	}
	free(unique1);
	farm_buf_free(&b);
	return rc;
}

/*
 * Phase 5: back-relation fields.  Named after the referencing table, else
 * "<table>_<relation field>", else that with a numeric suffix.
 */
static int
name_back(farm_naming *c)
{
	farm_buf	b;
	int			i;

	farm_buf_init(&b);
	for (i = 0; i < c->nrels; i++)
	{
		farm_nm_rel	   *rel = &c->rels[i];
		farm_nm_model   *dst = &c->models[rel->dst];
		const char *tn = c->models[rel->src].table->name;
		const char *base = pool_ident(c, tn, strlen(tn), "model");

		if (base == NULL)
		{
			farm_buf_free(&b);
			return oom(c);
		}
		if (farm_map_get(&dst->fields, base) < 0)
		{
			if (!farm_map_put(&dst->fields, base, 1))
			{
				farm_buf_free(&b);
				return oom(c);
			}
			rel->back = base;
			continue;
		}
		farm_buf_reset(&b);
		farm_buf_puts(&b, base);
		farm_buf_putc(&b, '_');
		farm_buf_puts(&b, rel->fwd);
		if (b.oom)
		{
			farm_buf_free(&b);
			return oom(c);
		}
		rel->back = claim(c, &dst->fields, &dst->next, b.data, "");
		if (rel->back == NULL)
		{
			farm_buf_free(&b);
			return (int) c->err->code;
		}
	}
	farm_buf_free(&b);
	return FARM_OK;
}

/*
 * Phase 6: client names of compound uniques.  Prisma names
 * @@unique([a, b]) "a_b" (the fields joined by '_') in the client, where
 * it sits beside the model's fields in the unique-where input.  Keep
 * Prisma's name whenever it is free (app code writes
 * `where: { a_b: ... }`): scalar fields never take it (unclash_compounds);
 * when a relation field or an earlier compound has it, the unique gets
 * `name: "a_b2"` (the first free suffix), in index order.
 */
static int
name_compounds(farm_naming *c, farm_nm_model *m)
{
	const farm_table *t = m->table;
	farm_map	used;
	int			i;
	int			r;
	int			rc = FARM_OK;

	/* the names in use now: every field and every compound so far */
	farm_map_init(&used, false);
	if (!farm_map_put(&used, "id", 1) || !farm_map_put(&used, "internalId", 1) ||
		!farm_map_put(&used, "version", 1))
		rc = oom(c);
	for (i = 0; rc == FARM_OK && i < t->ncols; i++)
		if (!farm_map_put(&used, m->colfield[i], 1))
			rc = oom(c);
	for (i = 0; rc == FARM_OK && i < t->ncols; i++)
		if (m->colrel[i] >= 0 && !farm_map_put(&used, c->rels[m->colrel[i]].fwd, 1))
			rc = oom(c);
	for (r = m->back_head; rc == FARM_OK && r >= 0; r = c->rels[r].next_back)
		if (!farm_map_put(&used, c->rels[r].back, 1))
			rc = oom(c);
	for (i = 0; rc == FARM_OK && i < t->nidx; i++)
	{
		const char *name;

		if (!t->idx[i].unique || t->idx[i].ncolumns < 2)
			continue;
		if (!compound_default(c, m, &t->idx[i]) ||
			(name = pool_dup(c, c->tmp.data, c->tmp.len)) == NULL)
		{
			rc = oom(c);
			break;
		}
		if (farm_map_get(&used, name) >= 0)
		{
			m->uname[i] = claim(c, &m->fields, &m->next, name, "");
			if (m->uname[i] == NULL)
			{
				rc = (int) c->err->code;
				break;
			}
			name = m->uname[i];
		}
		else if (!farm_map_put(&m->fields, name, 1))
		{
			rc = oom(c);
			break;
		}
		if (!farm_map_put(&used, name, 1))
			rc = oom(c);
	}
	farm_map_free(&used);
	return rc;
}

/* ----------------------------------------------------------------
 * Collecting and checking the models
 * ----------------------------------------------------------------
 */

static int
cmp_model_physical(const void *a, const void *b)
{
	const farm_nm_model *x = a;
	const farm_nm_model *y = b;

	return strcmp(x->physical, y->physical);
}

/* Append "namespace "x"" or "the internal schema" for messages. */
static void
buf_where(farm_buf *b, const farm_schema *s)
{
	if (s->ns[0] == '\0')
		farm_buf_puts(b, "the internal schema");
	else
	{
		farm_buf_puts(b, "namespace ");
		farm_buf_err_name(b, s->ns, strlen(s->ns));
	}
}

/* Pool a malloc'd name (NULL = OOM already happened). */
static const char *
pool_take(farm_naming *c, char *s)
{
	if (s == NULL || !farm_strlist_push_owned(&c->pool, s, strlen(s)))
		return NULL;
	return s;
}

/*
 * Register a physical name in `names`; two objects with one name would
 * make Prisma reject the file (and the DDL fail), so that is an error
 * naming both owners.
 */
static int
claim_physical(farm_naming *c, farm_map *names, const char *phys, int model,
			   const char *what)
{
	const char *key = phys;
	int			other;
	farm_buf	b;

	/* PostgreSQL names are per database schema */
	if (c->provider == FARM_PG)
	{
		farm_buf_init(&b);
		farm_buf_puts(&b, c->pgschema[c->models[model].si]);
		farm_buf_putc(&b, '\x01');
		farm_buf_puts(&b, phys);
		key = pool_take(c, farm_buf_steal(&b));
		farm_buf_free(&b);
		if (key == NULL)
			return oom(c);
	}
	other = farm_map_get(names, key);
	if (other < 0)
		return farm_map_put(names, key, model) ? FARM_OK : oom(c);
	farm_buf_init(&b);
	farm_buf_puts(&b, "physical ");
	farm_buf_puts(&b, what);
	farm_buf_puts(&b, " name ");
	farm_buf_err_name(&b, phys, strlen(phys));
	farm_buf_puts(&b, " is used twice: by table ");
	farm_buf_err_name(&b, c->models[other].table->name, strlen(c->models[other].table->name));
	farm_buf_puts(&b, " of ");
	buf_where(&b, c->models[other].schema);
	farm_buf_puts(&b, " and by table ");
	farm_buf_err_name(&b, c->models[model].table->name, strlen(c->models[model].table->name));
	farm_buf_puts(&b, " of ");
	buf_where(&b, c->models[model].schema);
	if (b.oom)
	{
		farm_buf_free(&b);
		return oom(c);
	}
	farm_fail(c->err, FARM_EDUPLICATE, "%s", b.data);
	farm_buf_free(&b);
	return FARM_EDUPLICATE;
}


/*
 * Phase 1: the models in output order, their per-model arrays, and the
 * physical-name collision check (tables; indexes, id keys and, on
 * PostgreSQL, primary keys share one namespace per database schema).
 */
static int
collect_models(farm_naming *c)
{
	farm_map	tables;
	farm_map	indexes;
	bool		nocase = c->provider != FARM_PG;
	int			total = 0;
	int			nrefs = 0;
	int			si;
	int			i;
	int			rc = FARM_OK;

	for (si = 0; si < c->nschemas; si++)
	{
		total += c->schemas[si]->ntables;
		for (i = 0; i < c->schemas[si]->ntables; i++)
		{
			const farm_table *t = c->schemas[si]->tables[i];
			int			k;

			for (k = 0; k < t->ncols; k++)
				if (t->cols[k].type == FARM_T_REFERENCE)
					nrefs++;
		}
	}
	c->models = calloc((size_t) (total > 0 ? total : 1), sizeof(farm_nm_model));
	c->rels = calloc((size_t) (nrefs > 0 ? nrefs : 1), sizeof(farm_nm_rel));
	c->tab2model = calloc((size_t) (c->nschemas > 0 ? c->nschemas : 1), sizeof(int *));
	if (c->models == NULL || c->rels == NULL || c->tab2model == NULL)
		return oom(c);

	for (si = 0; si < c->nschemas; si++)
	{
		const farm_schema *s = c->schemas[si];
		int			first = c->nmodels;

		c->tab2model[si] = malloc((size_t) (s->ntables > 0 ? s->ntables : 1) * sizeof(int));
		if (c->tab2model[si] == NULL)
			return oom(c);
		for (i = 0; i < s->ntables; i++)
		{
			farm_nm_model   *m = &c->models[c->nmodels++];

			m->schema = s;
			m->si = si;
			m->table = s->tables[i];
			m->physical = pool_take(c, farm_table_physical(s->ns, s->tables[i]->name));
			if (m->physical == NULL)
				return oom(c);
		}
		qsort(c->models + first, (size_t) (c->nmodels - first), sizeof(farm_nm_model),
			  cmp_model_physical);
		for (i = first; i < c->nmodels; i++)
		{
			int			ti = farm_map_get(&s->tablemap, c->models[i].table->name);

			if (ti < 0 || ti >= s->ntables || s->tables[ti] != c->models[i].table)
				return farm_fail(c->err, FARM_ECORRUPT,
								 "schema table map is inconsistent");
			c->tab2model[si][ti] = i;
		}
	}

	for (i = 0; i < c->nmodels; i++)
	{
		farm_nm_model   *m = &c->models[i];
		int			n = m->table->ncols > 0 ? m->table->ncols : 1;
		int			k;

		farm_map_init(&m->fields, false);
		farm_map_init(&m->next, false);
		m->back_head = -1;
		m->back_tail = -1;
		m->colfield = calloc((size_t) n, sizeof(char *));
		m->colrel = malloc((size_t) n * sizeof(int));
		m->uname = calloc((size_t) (m->table->nidx > 0 ? m->table->nidx : 1), sizeof(char *));
		if (m->colfield == NULL || m->colrel == NULL || m->uname == NULL)
			return oom(c);
		for (k = 0; k < n; k++)
			m->colrel[k] = -1;
	}

	farm_map_init(&tables, nocase);
	farm_map_init(&indexes, nocase);
	for (i = 0; i < c->nmodels && rc == FARM_OK; i++)
	{
		farm_nm_model   *m = &c->models[i];
		const char *ns = m->schema->ns;
		const char *name;
		int			k;

		rc = claim_physical(c, &tables, m->physical, i, "table");
		if (rc == FARM_OK)
		{
			name = pool_take(c, farm_physical_name3(m->physical, "_id_key", ""));
			rc = name ? claim_physical(c, &indexes, name, i, "index") : oom(c);
		}
		if (rc == FARM_OK && c->provider == FARM_PG)
		{
			name = pool_take(c, farm_physical_name3(m->physical, "_pkey", ""));
			rc = name ? claim_physical(c, &indexes, name, i, "index") : oom(c);
		}
		for (k = 0; k < m->table->nidx && rc == FARM_OK; k++)
		{
			name = pool_take(c, farm_index_physical(ns, m->table->idx[k].name));
			rc = name ? claim_physical(c, &indexes, name, i, "index") : oom(c);
		}
	}
	farm_map_free(&tables);
	farm_map_free(&indexes);
	return rc;
}

/* Free everything the naming call owns (safe on a zeroed struct). */
void
farm_naming_free(farm_naming *c)
{
	int			i;

	for (i = 0; c->models != NULL && i < c->nmodels; i++)
	{
		free(c->models[i].colfield);
		free(c->models[i].colrel);
		free(c->models[i].uname);
		farm_map_free(&c->models[i].fields);
		farm_map_free(&c->models[i].next);
	}
	free(c->models);
	free(c->rels);
	for (i = 0; c->tab2model != NULL && i < c->nschemas; i++)
		free(c->tab2model[i]);
	free(c->tab2model);
	free(c->schemas);
	free(c->pgschema);
	farm_map_free(&c->modelnames);
	farm_map_free(&c->modelnext);
	farm_map_free(&c->relnames);
	farm_map_free(&c->relnext);
	farm_buf_free(&c->tmp);
	farm_strlist_free(&c->pool);
	if (c->internal)
		farm_schema_free(c->internal);
}

/* Internal schema copies: "public" first, then bytewise. */
static int
cmp_internal_schema(const void *a, const void *b)
{
	const char *x = *(const char *const *) a;
	const char *y = *(const char *const *) b;
	bool		px = strcmp(x, "public") == 0;
	bool		py = strcmp(y, "public") == 0;

	if (px != py)
		return px ? -1 : 1;
	return strcmp(x, y);
}

/* A namespace schema with its database schema, sorted together. */
typedef struct nm_entry
{
	const farm_schema *s;
	const char *pg;
} nm_entry;

static int
cmp_entry_ns(const void *a, const void *b)
{
	const nm_entry *x = a;
	const nm_entry *y = b;

	return strcmp(x->s->ns, y->s->ns);
}

/*
 * Check the namespaces; build the sorted schema list: the internal schema
 * (once per database schema on PostgreSQL), then the namespaces bytewise.
 */
static int
prepare_schemas(farm_naming *c, farm_schema *const *schemas, int nschemas,
				const farm_naming_opts *o)
{
	const char **isch = NULL;
	nm_entry   *ent;
	int			ni = 0;
	int			i;

	if (nschemas < 0 || (nschemas > 0 && schemas == NULL) ||
		o->ninternal < 0 || (o->ninternal > 0 && o->internal_schemas == NULL))
		return farm_fail(c->err, FARM_EINVALID, "invalid schema list");
	if (c->internal_wanted)
	{
		ni = o->ninternal > 0 && c->provider == FARM_PG ? o->ninternal : 1;
		isch = malloc((size_t) ni * sizeof(char *));
		if (isch == NULL)
			return oom(c);
		for (i = 0; i < ni; i++)
		{
			isch[i] = o->ninternal > 0 ? o->internal_schemas[i] : "public";
			if (isch[i] == NULL)
				isch[i] = "public";
		}
		qsort(isch, (size_t) ni, sizeof(char *), cmp_internal_schema);
	}
	c->schemas = malloc((size_t) (nschemas + ni + 1) * sizeof(farm_schema *));
	c->pgschema = malloc((size_t) (nschemas + ni + 1) * sizeof(char *));
	ent = malloc((size_t) (nschemas + 1) * sizeof(nm_entry));
	if (c->schemas == NULL || c->pgschema == NULL || ent == NULL)
	{
		free(isch);
		free(ent);
		return oom(c);
	}
	if (c->internal_wanted)
	{
		c->internal = farm_internal_schema(c->err);
		if (c->internal == NULL)
		{
			free(isch);
			free(ent);
			if (c->err->code != FARM_OK)
				return (int) c->err->code;
			return farm_fail(c->err, FARM_ECORRUPT, "internal schema unavailable");
		}
		for (i = 0; i < ni; i++)
		{
			if (i > 0 && strcmp(isch[i], isch[i - 1]) == 0)
				continue;		/* each schema once */
			c->pgschema[c->nschemas] = isch[i];
			c->schemas[c->nschemas++] = c->internal;
		}
	}
	free(isch);
	c->first_user = c->nschemas;
	for (i = 0; i < nschemas; i++)
	{
		const farm_schema *s = schemas[i];

		if (s == NULL || s->ns == NULL ||
			!farm_namespace_valid(s->ns, strlen(s->ns)))
		{
			free(ent);
			return farm_fail(c->err, FARM_ECORRUPT,
							 "a schema to generate has an invalid namespace");
		}
		ent[i].s = s;
		ent[i].pg = o->ns_schemas && o->ns_schemas[i] ? o->ns_schemas[i] : "public";
	}
	qsort(ent, (size_t) nschemas, sizeof(nm_entry), cmp_entry_ns);
	for (i = 0; i < nschemas; i++)
	{
		c->pgschema[c->nschemas] = ent[i].pg;
		c->schemas[c->nschemas++] = ent[i].s;
	}
	free(ent);
	for (i = c->first_user + 1; i < c->nschemas; i++)
		if (strcmp(c->schemas[i - 1]->ns, c->schemas[i]->ns) == 0)
		{
			farm_buf	b;

			farm_buf_init(&b);
			farm_buf_err_name(&b, c->schemas[i]->ns, strlen(c->schemas[i]->ns));
			if (b.oom)
			{
				farm_buf_free(&b);
				return oom(c);
			}
			farm_fail(c->err, FARM_EINVALID, "namespace %s is given twice", b.data);
			farm_buf_free(&b);
			return FARM_EINVALID;
		}
	return FARM_OK;
}

/*
 * Decide every name (see naming.h).
 */
int
farm_naming_build(farm_naming *c, farm_schema *const *schemas, int nschemas,
				  const farm_naming_opts *o, farm_error *err)
{
	int			rc;
	int			i;

	memset(c, 0, sizeof(*c));
	c->err = err;
	farm_strlist_init(&c->pool);
	farm_map_init(&c->modelnames, true);
	farm_map_init(&c->modelnext, true);
	farm_map_init(&c->relnames, false);
	farm_map_init(&c->relnext, false);
	farm_buf_init(&c->tmp);
	c->provider = o->provider;
	c->internal_wanted = o->internal;
	c->reserved = o->reserved;

	rc = prepare_schemas(c, schemas, nschemas, o);
	if (rc == FARM_OK)
		rc = collect_models(c);
	if (rc == FARM_OK)
		rc = name_models(c);
	for (i = 0; rc == FARM_OK && i < c->nmodels; i++)
		rc = name_scalars(c, &c->models[i]);
	if (rc == FARM_OK)
		rc = name_forward(c);
	if (rc == FARM_OK)
		rc = name_back(c);
	for (i = 0; rc == FARM_OK && i < c->nmodels; i++)
		rc = name_compounds(c, &c->models[i]);
	return rc;
}

int
farm_naming_bad_default(const char *table, const char *column, farm_error *err)
{
	farm_buf	b;

	farm_buf_init(&b);
	farm_buf_puts(&b, "stored default of column ");
	farm_buf_err_name(&b, column, strlen(column));
	farm_buf_puts(&b, " of table ");
	farm_buf_err_name(&b, table, strlen(table));
	farm_buf_puts(&b, " is damaged");
	if (b.oom)
	{
		farm_buf_free(&b);
		return farm_fail(err, FARM_ENOMEM, "out of memory");
	}
	farm_fail(err, FARM_ECORRUPT, "%s", b.data);
	farm_buf_free(&b);
	return FARM_ECORRUPT;
}
