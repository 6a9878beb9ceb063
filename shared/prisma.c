/*-------------------------------------------------------------------------
 * prisma.c
 *	  Prisma schema emission (SPEC section 5): one models-only file (with an
 *	  optional datasource/generator preamble) for the internal schema and
 *	  any number of namespaces, laid out exactly as `prisma format` prints
 *	  it, so formatting the output changes nothing.
 *
 * Design notes
 *
 * Generation runs in phases so every name is decided deterministically
 * and every pass is linear in the size of the schemas:
 *
 *	1. collect the models in output order (internal schema first, then
 *	   namespaces bytewise, tables bytewise by physical name) and check that
 *	   no two of them share a physical table or index name;
 *	2. model names, one file-wide set (ASCII case-insensitive, so the
 *	   generated client's per-model files never clash on case-insensitive
 *	   file systems);
 *	3. scalar field names per model: system fields first, then columns whose
 *	   name is already a legal Prisma identifier, then sanitised names;
 *	4. forward relation fields and relation names (source models in output
 *	   order, columns in physical order);
 *	5. back-relation fields on the target models, in the same order.
 *
 * A name that is taken gets the smallest numeric suffix 2, 3, ... that is
 * free; a per-base counter remembers where the search stopped, so long
 * runs of collisions on one base stay linear.  Every string a name set
 * borrows is owned by one string pool that lives as long as the call.
 *
 * Fields come in physical column order (model.h): id, the initial user
 * columns, internalId, version, columns added later; then forward relation
 * fields, then back-relation fields.  One exception works around a Prisma
 * bug: a user column named exactly "internalId" or "version" is emitted
 * right after the system fields (see shadows_system()).
 *
 * Field names avoided besides the taken ones: Prisma Client 7 silently
 * drops fields named AND, OR, NOT or after an Object.prototype member
 * from its generated filter types (checked with `prisma generate`), so
 * those get a suffix and an @map like any other collision.
 *
 * Layout rules of `prisma format` reproduced here (checked with the
 * formatter of @prisma/prisma-schema-wasm, which is what the CLI runs):
 * fields are a table of name, type and attributes, each column padded to
 * its widest entry plus one space, with no trailing blanks; field
 * attributes in the order @id/@unique, @default, @map, @relation, @db.*;
 * one blank line between the fields and the block attributes, which come
 * in the order @@unique, @@index, @@map; one blank line between blocks.
 *-------------------------------------------------------------------------
 */
#include "prisma.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "map.h"
#include "names.h"

/* The epoch-milliseconds "now" the SQLite default-storage DDL uses. */
#define SQLITE_EPOCH_MS_NOW \
	"(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))"

/* Field names Prisma Client cannot expose (see the header comment). */
static const char *const reserved_fields[] = {
	"AND", "OR", "NOT",
	"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
	"toLocaleString", "toString", "valueOf",
	NULL
};

/* One relation: a reference column and the two fields that model it. */
typedef struct pm_rel
{
	int			src;			/* model of the referencing table */
	int			col;			/* the reference column (index in src table) */
	int			dst;			/* model of the target table */
	const char *fwd;			/* relation field on src */
	const char *back;			/* back-relation field on dst */
	const char *name;			/* relation name */
	bool		one;			/* one-to-one (single-column unique index) */
	int			next_back;		/* next relation with the same dst, or -1 */
} pm_rel;

/* One model: a table of one schema. */
typedef struct pm_model
{
	const farm_schema *schema;
	int			si;				/* index of schema in pm_ctx.schemas */
	const farm_table *table;
	const char *physical;		/* physical table name */
	const char *name;			/* model name */
	const char **colfield;		/* field name of each user column */
	int		   *colrel;			/* relation of each user column, or -1 */
	int			back_head;		/* relations targeting this model */
	int			back_tail;
	farm_map	fields;			/* field names in use */
	farm_map	next;			/* base name -> next numeric suffix to try */
} pm_model;

/* Everything one generation call owns. */
typedef struct pm_ctx
{
	const farm_prisma_opts *o;
	farm_error *err;
	farm_strlist pool;			/* owns every string the maps borrow */
	farm_schema *internal;		/* owned */
	const farm_schema **schemas;	/* sorted; internal first if included */
	const char **pgschema;		/* per schemas[i]: PostgreSQL schema */
	bool		atschema;		/* every model gets @@schema */
	int			nschemas;
	int		  **tab2model;		/* per schema: table index -> model */
	pm_model   *models;
	int			nmodels;
	pm_rel	   *rels;
	int			nrels;
	farm_map	modelnames;		/* case-insensitive */
	farm_map	modelnext;
	farm_map	relnames;
	farm_map	relnext;
	farm_buf	tmp;
} pm_ctx;

/* A rendered field line: offsets into a scratch buffer. */
typedef struct pm_line
{
	const char *name;
	size_t		tpos;
	size_t		tlen;
	size_t		apos;
	size_t		alen;
} pm_line;

static int
oom(pm_ctx *c)
{
	return farm_fail(c->err, FARM_ENOMEM, "out of memory");
}

/* ----------------------------------------------------------------
 * Options
 * ----------------------------------------------------------------
 */

void
farm_prisma_default_opts(farm_prisma_opts *opts, farm_provider provider,
						 farm_storage storage)
{
	memset(opts, 0, sizeof(*opts));
	opts->provider = provider;
	opts->storage = storage;
	opts->datasource = false;
	opts->internal = true;
	opts->schemas = false;
}

/*
 * Parse the options object of farm_generate_prisma on top of the host's
 * defaults in *opts.  NULL means no options.  On error *opts may be
 * partly updated; callers discard it.
 */
int
farm_prisma_parse_opts(const char *json, size_t len, farm_prisma_opts *opts,
					   farm_error *err)
{
	json_t	   *root;
	json_error_t jerr;
	const char *key;
	json_t	   *v;
	int			rc = FARM_OK;

	if (json == NULL)
		return FARM_OK;
	if (len > FARM_JSON_MAX)
		return farm_fail(err, FARM_EINVALID,
						 "options are too large (%zu bytes, limit %zu)", len, FARM_JSON_MAX);
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (root == NULL)
		return farm_fail(err, FARM_EINVALID,
						 "options are not valid JSON: %s (line %d, column %d)",
						 jerr.text, jerr.line, jerr.column);
	if (!json_is_object(root))
	{
		json_decref(root);
		return farm_fail(err, FARM_EINVALID, "options must be a JSON object");
	}
	json_object_foreach(root, key, v)
	{
		if (strcmp(key, "provider") == 0)
		{
			int			p = json_is_string(v) ? farm_provider_parse(json_string_value(v)) : -1;

			if (p < 0)
				rc = farm_fail(err, FARM_EINVALID,
							   "invalid option \"provider\": expected \"postgresql\", \"sqlite\" or \"mysql\"");
			else
				opts->provider = (farm_provider) p;
		}
		else if (strcmp(key, "sqliteStorage") == 0)
		{
			int			s = json_is_string(v) ? farm_storage_parse(json_string_value(v)) : -1;

			if (s < 0)
				rc = farm_fail(err, FARM_EINVALID,
							   "invalid option \"sqliteStorage\": expected \"prisma\" or \"default\"");
			else
				opts->storage = (farm_storage) s;
		}
		else if (strcmp(key, "datasource") == 0 || strcmp(key, "internal") == 0 ||
				 strcmp(key, "schemas") == 0)
		{
			if (!json_is_boolean(v))
				rc = farm_fail(err, FARM_EINVALID,
							   "invalid option \"%s\": expected true or false", key);
			else if (key[0] == 'd')
				opts->datasource = json_is_true(v);
			else if (key[0] == 'i')
				opts->internal = json_is_true(v);
			else
				opts->schemas = json_is_true(v);
		}
		else
		{
			farm_buf	b;

			farm_buf_init(&b);
			farm_buf_err_name(&b, key, strlen(key));
			if (b.oom)
				rc = farm_fail(err, FARM_ENOMEM, "out of memory");
			else
				rc = farm_fail(err, FARM_EINVALID,
							   "unknown option %s: expected \"provider\", \"sqliteStorage\", \"datasource\", \"internal\" or \"schemas\"",
							   b.data);
			farm_buf_free(&b);
		}
		if (rc != FARM_OK)
			break;
	}
	json_decref(root);
	if (rc == FARM_OK && opts->schemas && opts->provider != FARM_PG)
		rc = farm_fail(err, FARM_EINVALID,
					   "invalid option \"schemas\": only provider \"postgresql\" has database schemas");
	return rc;
}

/* ----------------------------------------------------------------
 * Names
 * ----------------------------------------------------------------
 */

/* Keep a copy of s for the rest of the call; NULL on OOM. */
static const char *
pool_dup(pm_ctx *c, const char *s, size_t len)
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
claim(pm_ctx *c, farm_map *taken, farm_map *next, const char *prefix,
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
name_models(pm_ctx *c)
{
	farm_buf	pascal;
	farm_buf	suffix;
	int			i;

	farm_buf_init(&pascal);
	farm_buf_init(&suffix);
	for (i = 0; i < c->nmodels; i++)
	{
		pm_model   *m = &c->models[i];
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
pool_ident(pm_ctx *c, const char *s, size_t len, const char *fallback)
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
 * Phase 3: scalar field names of one model.  System fields first, then
 * columns whose name is a legal identifier as is, then the others
 * (sanitised, suffixed on collision).
 */
static int
name_scalars(pm_ctx *c, pm_model *m)
{
	const farm_table *t = m->table;
	const char *const *r;
	int			i;

	for (r = reserved_fields; *r; r++)
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
	return FARM_OK;
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
name_forward(pm_ctx *c)
{
	farm_buf	b;
	bool	   *unique1 = NULL;
	int			cap = 0;
	int			mi;
	int			rc = FARM_OK;

	farm_buf_init(&b);
	for (mi = 0; mi < c->nmodels && rc == FARM_OK; mi++)
	{
		pm_model   *m = &c->models[mi];
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
			pm_rel	   *rel;
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
name_back(pm_ctx *c)
{
	farm_buf	b;
	int			i;

	farm_buf_init(&b);
	for (i = 0; i < c->nrels; i++)
	{
		pm_rel	   *rel = &c->rels[i];
		pm_model   *dst = &c->models[rel->dst];
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

/* ----------------------------------------------------------------
 * Collecting and checking the models
 * ----------------------------------------------------------------
 */

static int
cmp_model_physical(const void *a, const void *b)
{
	const pm_model *x = a;
	const pm_model *y = b;

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
pool_take(pm_ctx *c, char *s)
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
claim_physical(pm_ctx *c, farm_map *names, const char *phys, int model,
			   const char *what)
{
	const char *key = phys;
	int			other;
	farm_buf	b;

	/* PostgreSQL names are per database schema */
	if (c->pgschema[c->models[model].si] != NULL && c->o->provider == FARM_PG)
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
collect_models(pm_ctx *c)
{
	farm_map	tables;
	farm_map	indexes;
	bool		nocase = c->o->provider != FARM_PG;
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
	c->models = calloc((size_t) (total > 0 ? total : 1), sizeof(pm_model));
	c->rels = calloc((size_t) (nrefs > 0 ? nrefs : 1), sizeof(pm_rel));
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
			pm_model   *m = &c->models[c->nmodels++];

			m->schema = s;
			m->si = si;
			m->table = s->tables[i];
			m->physical = pool_take(c, farm_table_physical(s->ns, s->tables[i]->name));
			if (m->physical == NULL)
				return oom(c);
		}
		qsort(c->models + first, (size_t) (c->nmodels - first), sizeof(pm_model),
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
		pm_model   *m = &c->models[i];
		int			n = m->table->ncols > 0 ? m->table->ncols : 1;
		int			k;

		farm_map_init(&m->fields, false);
		farm_map_init(&m->next, false);
		m->back_head = -1;
		m->back_tail = -1;
		m->colfield = calloc((size_t) n, sizeof(char *));
		m->colrel = malloc((size_t) n * sizeof(int));
		if (m->colfield == NULL || m->colrel == NULL)
			return oom(c);
		for (k = 0; k < n; k++)
			m->colrel[k] = -1;
	}

	farm_map_init(&tables, nocase);
	farm_map_init(&indexes, nocase);
	for (i = 0; i < c->nmodels && rc == FARM_OK; i++)
	{
		pm_model   *m = &c->models[i];
		const char *ns = m->schema->ns;
		const char *name;
		int			k;

		rc = claim_physical(c, &tables, m->physical, i, "table");
		if (rc == FARM_OK)
		{
			name = pool_take(c, farm_physical_name3(m->physical, "_id_key", ""));
			rc = name ? claim_physical(c, &indexes, name, i, "index") : oom(c);
		}
		if (rc == FARM_OK && c->o->provider == FARM_PG)
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

/* ----------------------------------------------------------------
 * Types and defaults
 * ----------------------------------------------------------------
 */

/*
 * Append the Prisma scalar type of a user column to `type` and its native
 * type attribute, if any, to `native`.
 */
static void
buf_scalar_type(const pm_ctx *c, const farm_column *col, farm_buf *type,
				farm_buf *native)
{
	farm_provider p = c->o->provider;
	bool		sqlite = p == FARM_SQLITE;
	bool		compat = sqlite && c->o->storage == FARM_STORAGE_DEFAULT;

	switch (col->type)
	{
		case FARM_T_STRING:
			farm_buf_puts(type, "String");
			break;
		case FARM_T_VARCHAR:
			farm_buf_puts(type, "String");
			if (p == FARM_PG || (p == FARM_MYSQL && col->varchar_len <= 65535))
				farm_buf_printf(native, "@db.VarChar(%ld)", col->varchar_len);
			else if (p == FARM_MYSQL)
				farm_buf_puts(native, "@db.LongText");
			break;
		case FARM_T_INTEGER:
			farm_buf_puts(type, "Int");
			break;
		case FARM_T_BIGINT:
			farm_buf_puts(type, compat ? "Bytes" : "BigInt");
			break;
		case FARM_T_DECIMAL:
			farm_buf_puts(type, sqlite ? "Float" : "Decimal");
			break;
		case FARM_T_BOOL:
			farm_buf_puts(type, "Boolean");
			break;
		case FARM_T_DATE:
			farm_buf_puts(type, compat ? "Int" : "DateTime");
			if (!sqlite)
				farm_buf_puts(native, "@db.Date");
			break;
		case FARM_T_TIMESTAMP:
			farm_buf_puts(type, compat ? "Int" : "DateTime");
			break;
		case FARM_T_JSON:
			farm_buf_puts(type, "Json");
			if (p == FARM_PG)
				farm_buf_puts(native, "@db.Json");
			break;
		case FARM_T_BINARY:
			farm_buf_puts(type, "Bytes");
			break;
		case FARM_T_REFERENCE:
			farm_buf_puts(type, sqlite ? "Int" : "BigInt");
			break;
	}
	if (col->nullable)
		farm_buf_putc(type, '?');
}

/*
 * Append the JSON number `text` in plain decimal notation: Prisma's schema
 * grammar has no exponent form.  False if text is not a JSON number or its
 * exponent is beyond anything a double can carry.
 */
static bool
buf_plain_number(farm_buf *b, const char *text)
{
	const char *p = text;
	farm_buf	d;
	size_t		ilen = 0;
	long		exp = 0;
	long		point;
	long		k;
	bool		expneg = false;
	bool		any = false;

	farm_buf_init(&d);
	if (*p == '-')
		farm_buf_putc(b, *p++);
	if (*p < '0' || *p > '9')
	{
		farm_buf_free(&d);
		return false;
	}
	while (*p >= '0' && *p <= '9')
	{
		farm_buf_putc(&d, *p++);
		ilen++;
	}
	if (*p == '.')
	{
		p++;
		if (*p < '0' || *p > '9')
		{
			farm_buf_free(&d);
			return false;
		}
		while (*p >= '0' && *p <= '9')
			farm_buf_putc(&d, *p++);
	}
	if (*p == 'e' || *p == 'E')
	{
		p++;
		if (*p == '+' || *p == '-')
			expneg = *p++ == '-';
		if (*p < '0' || *p > '9')
		{
			farm_buf_free(&d);
			return false;
		}
		while (*p >= '0' && *p <= '9')
		{
			exp = exp * 10 + (*p++ - '0');
			if (exp > 1000)
			{
				farm_buf_free(&d);
				return false;
			}
		}
	}
	if (*p != '\0' || d.oom)
	{
		farm_buf_free(&d);
		return false;
	}
	point = (long) ilen + (expneg ? -exp : exp);
	/* integer part without leading zeros */
	for (k = 0; k < point; k++)
	{
		char		ch = k < (long) d.len ? d.data[k] : '0';

		if (ch == '0' && !any && k + 1 < point)
			continue;
		any = true;
		farm_buf_putc(b, ch);
	}
	if (point <= 0)
		farm_buf_putc(b, '0');
	if (point < (long) d.len)
	{
		farm_buf_putc(b, '.');
		for (k = point; k < 0; k++)
			farm_buf_putc(b, '0');
		farm_buf_puts(b, d.data + (point > 0 ? point : 0));
	}
	farm_buf_free(&d);
	return true;
}

/* Fail for a default value that does not fit its column. */
static int
bad_default(pm_ctx *c, const pm_model *m, const farm_column *col)
{
	farm_buf	b;

	farm_buf_init(&b);
	farm_buf_puts(&b, "stored default of column ");
	farm_buf_err_name(&b, col->name, strlen(col->name));
	farm_buf_puts(&b, " of table ");
	farm_buf_err_name(&b, m->table->name, strlen(m->table->name));
	farm_buf_puts(&b, " is damaged");
	if (b.oom)
	{
		farm_buf_free(&b);
		return oom(c);
	}
	farm_fail(c->err, FARM_ECORRUPT, "%s", b.data);
	farm_buf_free(&b);
	return FARM_ECORRUPT;
}

/* Append the @default(...) attribute of a user column, if it has one. */
static int
buf_default(pm_ctx *c, const pm_model *m, const farm_column *col, farm_buf *a)
{
	bool		compat = c->o->provider == FARM_SQLITE &&
		c->o->storage == FARM_STORAGE_DEFAULT;

	switch (col->dkind)
	{
		case FARM_D_NONE:
		case FARM_D_RUNTIME_NOW:
			return FARM_OK;
		case FARM_D_RUNTIME_CUID:
			if (col->type == FARM_T_STRING || col->type == FARM_T_VARCHAR)
				farm_buf_puts(a, "@default(cuid())");
			return FARM_OK;
		case FARM_D_DB_NOW:
			if (compat)
			{
				farm_buf_puts(a, "@default(dbgenerated(");
				farm_buf_json_string(a, SQLITE_EPOCH_MS_NOW);
				farm_buf_puts(a, "))");
			}
			else
				farm_buf_puts(a, "@default(now())");
			return FARM_OK;
		case FARM_D_VALUE:
			break;
	}
	if (col->dvalue == NULL)
		return bad_default(c, m, col);
	switch (col->type)
	{
		case FARM_T_STRING:
		case FARM_T_VARCHAR:
			{
				json_error_t jerr;
				json_t	   *v = json_loads(col->dvalue, JSON_DECODE_ANY, &jerr);
				bool		ok = v != NULL && json_is_string(v) &&
					strlen(json_string_value(v)) == json_string_length(v);

				if (ok)
				{
					farm_buf_puts(a, "@default(");
					farm_buf_json_string(a, json_string_value(v));
					farm_buf_putc(a, ')');
				}
				json_decref(v);
				return ok ? FARM_OK : bad_default(c, m, col);
			}
		case FARM_T_JSON:
			farm_buf_puts(a, "@default(");
			farm_buf_json_string(a, col->dvalue);
			farm_buf_putc(a, ')');
			return FARM_OK;
		case FARM_T_BOOL:
			if (strcmp(col->dvalue, "true") != 0 && strcmp(col->dvalue, "false") != 0)
				return bad_default(c, m, col);
			farm_buf_printf(a, "@default(%s)", col->dvalue);
			return FARM_OK;
		case FARM_T_BIGINT:
			if (compat)
			{
				/* 8-byte big-endian two's complement BLOB literal */
				char	   *end;
				long long	v;

				errno = 0;
				v = strtoll(col->dvalue, &end, 10);
				if (errno != 0 || end == col->dvalue || *end != '\0')
					return bad_default(c, m, col);
				farm_buf_printf(a, "@default(dbgenerated(\"X'%016llX'\"))",
								(unsigned long long) v);
				return FARM_OK;
			}
			/* FALLTHROUGH */
		case FARM_T_INTEGER:
		case FARM_T_DECIMAL:
			farm_buf_puts(a, "@default(");
			if (!buf_plain_number(a, col->dvalue))
				return bad_default(c, m, col);
			farm_buf_putc(a, ')');
			return FARM_OK;
		case FARM_T_DATE:
		case FARM_T_TIMESTAMP:
		case FARM_T_BINARY:
		case FARM_T_REFERENCE:
			break;
	}
	return bad_default(c, m, col);
}

/* ----------------------------------------------------------------
 * Rendering
 * ----------------------------------------------------------------
 */

/* Append " " between attributes when the list is not empty. */
static void
attr_sep(farm_buf *b, size_t start)
{
	if (b->len > start)
		farm_buf_putc(b, ' ');
}

/*
 * Prisma's own default name for a constraint: `joined` cut (at a UTF-8
 * boundary) so that it plus `suffix` fits the provider's identifier limit,
 * then `suffix` (psl ConstraintNames).  True if it equals `ours`.
 */
static bool
prisma_default_name_is(const pm_ctx *c, const char *joined, const char *suffix,
					   const char *ours)
{
	size_t		limit = c->o->provider == FARM_PG ? 63 :
		c->o->provider == FARM_MYSQL ? 64 : 10000;
	size_t		jlen = strlen(joined);
	size_t		slen = strlen(suffix);
	size_t		olen = strlen(ours);

	if (jlen >= limit - slen)
	{
		jlen = limit - slen;
		while (jlen > 0 && (joined[jlen] & 0xC0) == 0x80)
			jlen--;
	}
	return olen == jlen + slen && memcmp(ours, joined, jlen) == 0 &&
		strcmp(ours + jlen, suffix) == 0;
}

/* Add one field line (type and attributes are appended to scratch). */
static pm_line *
new_line(pm_line *lines, int *n, const char *name, const farm_buf *scratch)
{
	pm_line    *l = &lines[(*n)++];

	l->name = name;
	l->tpos = scratch->len;
	l->tlen = 0;
	l->apos = scratch->len;
	l->alen = 0;
	return l;
}

/* Close the type part of a line and open its attributes. */
static void
end_type(pm_line *l, const farm_buf *scratch)
{
	l->tlen = scratch->len - l->tpos;
	l->apos = scratch->len;
}

static void
end_attrs(pm_line *l, const farm_buf *scratch)
{
	l->alen = scratch->len - l->apos;
}

/* The field of a user column: type, @default, @map, @db.*. */
static int
column_line(pm_ctx *c, const pm_model *m, int i, pm_line *lines, int *n,
			farm_buf *s)
{
	const farm_column *col = &m->table->cols[i];
	farm_buf	native;
	pm_line    *l = new_line(lines, n, m->colfield[i], s);
	size_t		start;
	int			rc;

	farm_buf_init(&native);
	buf_scalar_type(c, col, s, &native);
	end_type(l, s);
	start = s->len;
	rc = buf_default(c, m, col, s);
	if (rc != FARM_OK)
	{
		farm_buf_free(&native);
		return rc;
	}
	if (strcmp(m->colfield[i], col->name) != 0)
	{
		attr_sep(s, start);
		farm_buf_puts(s, "@map(");
		farm_buf_json_string(s, col->name);
		farm_buf_putc(s, ')');
	}
	if (native.len > 0)
	{
		attr_sep(s, start);
		farm_buf_putn(s, native.data, native.len);
	}
	if (native.oom)
		s->oom = true;
	farm_buf_free(&native);
	end_attrs(l, s);
	return FARM_OK;
}

/*
 * True for a user column named exactly like a system field.  Its field is
 * "<name>2" with @map("<name>"), and Prisma (psl attributes/map.rs) wrongly
 * reports a duplicate field when such a field comes before the field that
 * carries that name, because the later field's own @map is not known yet.
 * So these columns are emitted right after the system fields instead of
 * in their physical position.
 */
static bool
shadows_system(const char *name)
{
	return strcmp(name, "internalId") == 0 || strcmp(name, "version") == 0;
}

/* Append one @@unique/@@index attribute line. */
static int
index_attr(pm_ctx *c, const pm_model *m, const farm_index *x, farm_buf *out)
{
	char	   *phys;
	int			k;

	farm_buf_puts(out, x->unique ? "  @@unique([" : "  @@index([");
	for (k = 0; k < x->ncolumns; k++)
	{
		int			ci = farm_map_get(&m->table->colmap, x->columns[k]);

		if (ci < 0 || ci >= m->table->ncols)
			return farm_fail(c->err, FARM_ECORRUPT, "index refers to a missing column");
		if (k > 0)
			farm_buf_puts(out, ", ");
		farm_buf_puts(out, m->colfield[ci]);
	}
	phys = farm_index_physical(m->schema->ns, x->name);
	if (phys == NULL)
		return oom(c);
	farm_buf_puts(out, "], map: ");
	farm_buf_json_string(out, phys);
	farm_buf_puts(out, ")\n");
	free(phys);
	return FARM_OK;
}

/*
 * The @@schema of a model, or NULL.  PostgreSQL only: once a datasource
 * lists `schemas`, Prisma wants @@schema on every model, so every model
 * gets it when any model of the file lives outside "public" or with the
 * option "schemas"; otherwise none (the output stays as it always was).
 */
static const char *
model_schema(const pm_ctx *c, const pm_model *m)
{
	if (!c->atschema)
		return NULL;
	return c->pgschema[m->si] ? c->pgschema[m->si] : "public";
}

/*
 * Render one model block.  Lines are gathered first (types and attributes
 * in `s`) so the columns can be padded to their widest entries.
 */
static int
render_model(pm_ctx *c, int mi, pm_line *lines, farm_buf *s, farm_buf *out)
{
	const pm_model *m = &c->models[mi];
	const farm_table *t = m->table;
	farm_provider p = c->o->provider;
	bool		sqlite = p == FARM_SQLITE;
	size_t		wname = 0;
	size_t		wtype = 0;
	char	   *name;
	pm_line    *l;
	int			n = 0;
	int			i;
	int			r;
	int			rc;

	farm_buf_reset(s);

	/* id */
	l = new_line(lines, &n, "id", s);
	farm_buf_puts(s, "String");
	end_type(l, s);
	farm_buf_puts(s, "@unique");
	name = farm_physical_name3(m->physical, "_id_key", "");
	if (name == NULL)
		return oom(c);
	farm_buf_reset(&c->tmp);
	farm_buf_puts(&c->tmp, m->physical);
	farm_buf_puts(&c->tmp, "_id");
	if (c->tmp.oom || !prisma_default_name_is(c, c->tmp.data, "_key", name))
	{
		farm_buf_puts(s, "(map: ");
		farm_buf_json_string(s, name);
		farm_buf_putc(s, ')');
	}
	free(name);
	farm_buf_puts(s, " @default(cuid())");
	if (!sqlite)
		farm_buf_puts(s, " @db.VarChar(128)");
	end_attrs(l, s);

	for (i = 0; i < t->ninitial && i < t->ncols; i++)
		if (!shadows_system(t->cols[i].name) &&
			(rc = column_line(c, m, i, lines, &n, s)) != FARM_OK)
			return rc;

	/* internalId */
	l = new_line(lines, &n, "internalId", s);
	farm_buf_puts(s, sqlite ? "Int" : "BigInt");
	end_type(l, s);
	farm_buf_puts(s, "@id");
	if (p == FARM_PG)
	{
		name = farm_physical_name3(m->physical, "_pkey", "");
		if (name == NULL)
			return oom(c);
		if (!prisma_default_name_is(c, m->physical, "_pkey", name))
		{
			farm_buf_puts(s, "(map: ");
			farm_buf_json_string(s, name);
			farm_buf_putc(s, ')');
		}
		free(name);
	}
	farm_buf_puts(s, " @default(autoincrement()) @map(\"_internalId\")");
	end_attrs(l, s);

	/* version */
	l = new_line(lines, &n, "version", s);
	farm_buf_puts(s, "Int");
	end_type(l, s);
	farm_buf_puts(s, "@default(0) @map(\"_version\")");
	end_attrs(l, s);

	for (i = 0; i < t->ninitial && i < t->ncols; i++)
		if (shadows_system(t->cols[i].name) &&
			(rc = column_line(c, m, i, lines, &n, s)) != FARM_OK)
			return rc;
	for (i = t->ninitial; i < t->ncols; i++)
		if ((rc = column_line(c, m, i, lines, &n, s)) != FARM_OK)
			return rc;

	/* forward relation fields */
	for (i = 0; i < t->ncols; i++)
	{
		const pm_rel *rel;

		if (m->colrel[i] < 0)
			continue;
		rel = &c->rels[m->colrel[i]];
		l = new_line(lines, &n, rel->fwd, s);
		farm_buf_puts(s, c->models[rel->dst].name);
		if (t->cols[i].nullable)
			farm_buf_putc(s, '?');
		end_type(l, s);
		farm_buf_puts(s, "@relation(");
		farm_buf_json_string(s, rel->name);
		farm_buf_printf(s, ", fields: [%s], references: [internalId], "
						"onDelete: Restrict, onUpdate: Restrict", m->colfield[i]);
		if (!sqlite)
		{
			farm_buf_reset(&c->tmp);
			farm_buf_puts(&c->tmp, t->cols[i].name);
			farm_buf_puts(&c->tmp, "_fkey");
			if (c->tmp.oom)
				return oom(c);
			name = farm_physical_name3(m->physical, "_", c->tmp.data);
			if (name == NULL)
				return oom(c);
			farm_buf_puts(s, ", map: ");
			farm_buf_json_string(s, name);
			free(name);
		}
		farm_buf_putc(s, ')');
		end_attrs(l, s);
	}

	/* back-relation fields */
	for (r = m->back_head; r >= 0; r = c->rels[r].next_back)
	{
		const pm_rel *rel = &c->rels[r];

		l = new_line(lines, &n, rel->back, s);
		farm_buf_puts(s, c->models[rel->src].name);
		farm_buf_puts(s, rel->one ? "?" : "[]");
		end_type(l, s);
		farm_buf_puts(s, "@relation(");
		farm_buf_json_string(s, rel->name);
		farm_buf_putc(s, ')');
		end_attrs(l, s);
	}
	if (s->oom)
		return oom(c);

	for (i = 0; i < n; i++)
	{
		size_t		nl = strlen(lines[i].name);

		if (nl > wname)
			wname = nl;
		if (lines[i].tlen > wtype)
			wtype = lines[i].tlen;
	}

	farm_buf_puts(out, "model ");
	farm_buf_puts(out, m->name);
	farm_buf_puts(out, " {\n");
	for (i = 0; i < n; i++)
	{
		size_t		nl = strlen(lines[i].name);

		farm_buf_puts(out, "  ");
		farm_buf_puts(out, lines[i].name);
		farm_buf_pad(out, wname - nl + 1);
		farm_buf_putn(out, s->data + lines[i].tpos, lines[i].tlen);
		if (lines[i].alen > 0)
		{
			farm_buf_pad(out, wtype - lines[i].tlen + 1);
			farm_buf_putn(out, s->data + lines[i].apos, lines[i].alen);
		}
		farm_buf_putc(out, '\n');
	}
	farm_buf_putc(out, '\n');
	for (i = 0; i < t->nidx; i++)
		if (t->idx[i].unique && (rc = index_attr(c, m, &t->idx[i], out)) != FARM_OK)
			return rc;
	for (i = 0; i < t->nidx; i++)
		if (!t->idx[i].unique && (rc = index_attr(c, m, &t->idx[i], out)) != FARM_OK)
			return rc;
	farm_buf_puts(out, "  @@map(");
	farm_buf_json_string(out, m->physical);
	farm_buf_puts(out, ")\n");
	if (model_schema(c, m) != NULL)
	{
		farm_buf_puts(out, "  @@schema(");
		farm_buf_json_string(out, model_schema(c, m));
		farm_buf_puts(out, ")\n");
	}
	farm_buf_puts(out, "}\n");
	return out->oom ? oom(c) : FARM_OK;
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/*
 * `schemas = [...]` for the datasource block when any model has @@schema:
 * every schema a model names, bytewise, each once.
 */
static void
render_datasource_schemas(const pm_ctx *c, farm_buf *out)
{
	const char **v;
	int			n = 0;
	int			i;

	if (c->nmodels == 0)
		return;
	v = malloc((size_t) c->nmodels * sizeof(char *));
	if (v == NULL)
	{
		out->oom = true;
		return;
	}
	for (i = 0; i < c->nmodels; i++)
		if (model_schema(c, &c->models[i]) != NULL)
			v[n++] = model_schema(c, &c->models[i]);
	qsort(v, (size_t) n, sizeof(char *), cmp_cstr);
	if (n > 0)
	{
		farm_buf_puts(out, "  schemas  = [");
		for (i = 0; i < n; i++)
		{
			if (i > 0 && strcmp(v[i], v[i - 1]) == 0)
				continue;
			if (i > 0)
				farm_buf_puts(out, ", ");
			farm_buf_json_string(out, v[i]);
		}
		farm_buf_puts(out, "]\n");
	}
	free(v);
}

/* The header comment: only validated namespaces and fixed words. */
static void
render_header(const pm_ctx *c, int first_user_schema, farm_buf *out)
{
	int			i;

	farm_buf_puts(out, "// Generated by farmorm from its schema registry; do not edit. Provider: ");
	farm_buf_puts(out, farm_provider_name(c->o->provider));
	if (c->o->provider == FARM_SQLITE)
		farm_buf_printf(out, " (%s storage)", farm_storage_name(c->o->storage));
	farm_buf_puts(out, ". Namespaces: ");
	if (first_user_schema >= c->nschemas)
		farm_buf_puts(out, "(none)");
	for (i = first_user_schema; i < c->nschemas; i++)
	{
		if (i > first_user_schema)
			farm_buf_puts(out, ", ");
		farm_buf_puts(out, c->schemas[i]->ns);
	}
	farm_buf_puts(out, ".\n");
	if (c->o->datasource)
	{
		farm_buf_puts(out, "\ndatasource db {\n  provider = \"");
		farm_buf_puts(out, farm_provider_name(c->o->provider));
		farm_buf_puts(out, "\"\n");
		render_datasource_schemas(c, out);
		farm_buf_puts(out, "}\n\ngenerator client {\n"
					  "  provider = \"prisma-client\"\n"
					  "  output   = \"./generated\"\n}\n");
	}
}

static void
ctx_free(pm_ctx *c)
{
	int			i;

	for (i = 0; c->models != NULL && i < c->nmodels; i++)
	{
		free(c->models[i].colfield);
		free(c->models[i].colrel);
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

/* A namespace schema with its PostgreSQL schema, for sorting both together. */
typedef struct pm_entry
{
	const farm_schema *s;
	const char *pg;
} pm_entry;

static int
cmp_entry_ns(const void *a, const void *b)
{
	const pm_entry *x = a;
	const pm_entry *y = b;

	return strcmp(x->s->ns, y->s->ns);
}

/* Check options and namespaces; build the sorted schema list. */
static int
prepare_schemas(pm_ctx *c, farm_schema *const *schemas, int nschemas,
				int *first_user)
{
	const char **isch = NULL;
	pm_entry   *ent = NULL;
	int			ni = 0;
	int			i;

	if ((int) c->o->provider < FARM_PG || (int) c->o->provider > FARM_MYSQL ||
		(int) c->o->storage < FARM_STORAGE_PRISMA ||
		(int) c->o->storage > FARM_STORAGE_DEFAULT ||
		c->o->ninternal < 0 || (c->o->ninternal > 0 && c->o->internal_schemas == NULL))
		return farm_fail(c->err, FARM_EINVALID, "invalid Prisma generation options");
	if (nschemas < 0 || (nschemas > 0 && schemas == NULL))
		return farm_fail(c->err, FARM_EINVALID, "invalid schema list");
	if (c->o->internal)
	{
		/* one set of internal models per schema (schemas: PostgreSQL only) */
		ni = c->o->ninternal > 0 && c->o->provider == FARM_PG ? c->o->ninternal : 1;
		isch = malloc((size_t) ni * sizeof(char *));
		if (isch == NULL)
			return oom(c);
		for (i = 0; i < ni; i++)
		{
			isch[i] = c->o->ninternal > 0 ? c->o->internal_schemas[i] : "public";
			if (isch[i] == NULL)
				isch[i] = "public";
		}
		qsort(isch, (size_t) ni, sizeof(char *), cmp_internal_schema);
	}
	c->schemas = malloc((size_t) (nschemas + ni + 1) * sizeof(farm_schema *));
	c->pgschema = malloc((size_t) (nschemas + ni + 1) * sizeof(char *));
	ent = malloc((size_t) (nschemas + 1) * sizeof(pm_entry));
	if (c->schemas == NULL || c->pgschema == NULL || ent == NULL)
	{
		free(isch);
		free(ent);
		return oom(c);
	}
	if (c->o->internal)
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
			/* each schema once */
			if (i > 0 && strcmp(isch[i], isch[i - 1]) == 0)
				continue;
			c->pgschema[c->nschemas] = isch[i];
			c->schemas[c->nschemas++] = c->internal;
		}
	}
	free(isch);
	*first_user = c->nschemas;
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
		ent[i].pg = c->o->ns_schemas && c->o->ns_schemas[i] ? c->o->ns_schemas[i] : "public";
	}
	qsort(ent, (size_t) nschemas, sizeof(pm_entry), cmp_entry_ns);
	for (i = 0; i < nschemas; i++)
	{
		c->pgschema[c->nschemas] = ent[i].pg;
		c->schemas[c->nschemas++] = ent[i].s;
	}
	free(ent);
	c->atschema = c->o->provider == FARM_PG && c->o->schemas;
	for (i = 0; c->o->provider == FARM_PG && i < c->nschemas; i++)
		if (strcmp(c->pgschema[i], "public") != 0)
			c->atschema = true;
	for (i = *first_user + 1; i < c->nschemas; i++)
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
 * The Prisma schema text of the given namespace schemas (see prisma.h).
 */
char *
farm_prisma_generate(farm_schema *const *schemas, int nschemas,
					 const farm_prisma_opts *opts, farm_error *err)
{
	pm_ctx		c;
	farm_buf	out;
	farm_buf	scratch;
	pm_line    *lines = NULL;
	size_t		maxlines = 0;
	int			first_user = 0;
	int			rc;
	int			i;
	char	   *res = NULL;

	memset(&c, 0, sizeof(c));
	c.o = opts;
	c.err = err;
	farm_strlist_init(&c.pool);
	farm_map_init(&c.modelnames, true);
	farm_map_init(&c.modelnext, true);
	farm_map_init(&c.relnames, false);
	farm_map_init(&c.relnext, false);
	farm_buf_init(&c.tmp);
	farm_buf_init(&out);
	farm_buf_init(&scratch);

	if (opts == NULL)
	{
		farm_fail(err, FARM_EINVALID, "Prisma generation options are missing");
		goto done;
	}
	rc = prepare_schemas(&c, schemas, nschemas, &first_user);
	if (rc == FARM_OK)
		rc = collect_models(&c);
	if (rc == FARM_OK)
		rc = name_models(&c);
	for (i = 0; rc == FARM_OK && i < c.nmodels; i++)
		rc = name_scalars(&c, &c.models[i]);
	if (rc == FARM_OK)
		rc = name_forward(&c);
	if (rc == FARM_OK)
		rc = name_back(&c);
	if (rc != FARM_OK)
		goto done;

	/* room for the longest model's field lines */
	for (i = 0; i < c.nmodels; i++)
	{
		size_t		need = 3 + 2 * (size_t) c.models[i].table->ncols;
		int			r;

		for (r = c.models[i].back_head; r >= 0; r = c.rels[r].next_back)
			need++;
		if (need > maxlines)
			maxlines = need;
	}
	lines = malloc((maxlines > 0 ? maxlines : 1) * sizeof(pm_line));
	if (lines == NULL)
	{
		oom(&c);
		goto done;
	}

	render_header(&c, first_user, &out);
	for (i = 0; i < c.nmodels; i++)
	{
		farm_buf_putc(&out, '\n');
		if (render_model(&c, i, lines, &scratch, &out) != FARM_OK)
			goto done;
	}
	if (out.oom)
	{
		oom(&c);
		goto done;
	}
	res = farm_buf_steal(&out);
	if (res == NULL)
		oom(&c);

done:
	free(lines);
	farm_buf_free(&out);
	farm_buf_free(&scratch);
	ctx_free(&c);
	return res;
}
