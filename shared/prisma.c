/*-------------------------------------------------------------------------
 * prisma.c
 *	  Prisma schema emission (SPEC section 5): one models-only file (with an
 *	  optional datasource/generator preamble) for the internal schema and
 *	  any number of namespaces, laid out exactly as `prisma format` prints
 *	  it, so formatting the output changes nothing.
 *
 * Design notes
 *
 * Every name (model, field, relation, back-relation) is decided by the
 * naming layer shared with the other ORM emitters (naming.h); this file
 * only renders.  Prisma's own restrictions on field names enter it as the
 * reserved list below.
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
#include "genopts.h"
#include "names.h"
#include "naming.h"

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

/* Everything one generation call owns. */
typedef struct pm_ctx
{
	const farm_prisma_opts *o;
	farm_error *err;
	farm_naming nm;				/* every name (naming.h) */
	bool		atschema;		/* every model gets @@schema */
	farm_buf	tmp;
} pm_ctx;

/* The Prisma names for a model and a relation. */
typedef farm_nm_model pm_model;
typedef farm_nm_rel pm_rel;

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

/* Parse the options of farm_generate_prisma (see prisma.h). */
int
farm_prisma_parse_opts(const char *json, size_t len, farm_prisma_opts *opts,
					   farm_error *err)
{
	return farm_gen_parse_opts(json, len, true, opts, err);
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

/* Fail for a default value that does not fit its column. */
static int
bad_default(pm_ctx *c, const pm_model *m, const farm_column *col)
{
	return farm_naming_bad_default(m->table->name, col->name, c->err);
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
			if (!farm_buf_plain_number(a, col->dvalue))
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

/* Key prefix of a MySQL TEXT / BLOB field in an index (characters or bytes). */
#define MYSQL_PREFIX_LENGTH "191"

/*
 * True for a column whose field MySQL indexes only by a prefix: one
 * emitted as @db.LongText (varchar beyond 65535) or Bytes (LONGBLOB).
 * Plain String is VARCHAR(191) there and needs none.
 */
static bool
mysql_prefix_column(const pm_ctx *c, const farm_column *col)
{
	if (c->o->provider != FARM_MYSQL)
		return false;
	return col->type == FARM_T_BINARY ||
		(col->type == FARM_T_VARCHAR && col->varchar_len > 65535);
}

/*
 * Append one @@unique/@@index attribute line.  MySQL indexes a TEXT or
 * BLOB field by a prefix only: such fields get `(length: 191)` (191
 * characters of utf8mb4 fit InnoDB's 767-byte key prefix limit of the
 * oldest row formats), and a compound unique whose default client name is
 * taken gets `name:` (name_compounds).
 */
static int
index_attr(pm_ctx *c, const pm_model *m, int xi, farm_buf *out)
{
	const farm_index *x = &m->table->idx[xi];
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
		if (mysql_prefix_column(c, &m->table->cols[ci]))
			farm_buf_puts(out, "(length: " MYSQL_PREFIX_LENGTH ")");
	}
	farm_buf_puts(out, "]");
	if (m->uname[xi] != NULL)
	{
		farm_buf_puts(out, ", name: ");
		farm_buf_json_string(out, m->uname[xi]);
	}
	phys = farm_index_physical(m->schema->ns, x->name);
	if (phys == NULL)
		return oom(c);
	farm_buf_puts(out, ", map: ");
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
	return c->nm.pgschema[m->si];
}

/*
 * Render one model block.  Lines are gathered first (types and attributes
 * in `s`) so the columns can be padded to their widest entries.
 */
static int
render_model(pm_ctx *c, int mi, pm_line *lines, farm_buf *s, farm_buf *out)
{
	const pm_model *m = &c->nm.models[mi];
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
		rel = &c->nm.rels[m->colrel[i]];
		l = new_line(lines, &n, rel->fwd, s);
		farm_buf_puts(s, c->nm.models[rel->dst].name);
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
	for (r = m->back_head; r >= 0; r = c->nm.rels[r].next_back)
	{
		const pm_rel *rel = &c->nm.rels[r];

		l = new_line(lines, &n, rel->back, s);
		farm_buf_puts(s, c->nm.models[rel->src].name);
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
		if (t->idx[i].unique && (rc = index_attr(c, m, i, out)) != FARM_OK)
			return rc;
	for (i = 0; i < t->nidx; i++)
		if (!t->idx[i].unique && (rc = index_attr(c, m, i, out)) != FARM_OK)
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
 * `schemas = [...]` for the datasource block when the models carry
 * @@schema: every schema they name, bytewise, each once.
 */
static void
render_datasource_schemas(const pm_ctx *c, farm_buf *out)
{
	const char **v;
	int			n = 0;
	int			i;

	if (!c->atschema || c->nm.nmodels == 0)
		return;
	v = malloc((size_t) c->nm.nmodels * sizeof(char *));
	if (v == NULL)
	{
		out->oom = true;
		return;
	}
	for (i = 0; i < c->nm.nmodels; i++)
		v[n++] = model_schema(c, &c->nm.models[i]);
	qsort(v, (size_t) n, sizeof(char *), cmp_cstr);
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
	if (first_user_schema >= c->nm.nschemas)
		farm_buf_puts(out, "(none)");
	for (i = first_user_schema; i < c->nm.nschemas; i++)
	{
		if (i > first_user_schema)
			farm_buf_puts(out, ", ");
		farm_buf_puts(out, c->nm.schemas[i]->ns);
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
	farm_naming_opts nopts;
	int			rc;
	int			i;
	char	   *res = NULL;

	memset(&c, 0, sizeof(c));
	c.o = opts;
	c.err = err;
	farm_buf_init(&c.tmp);
	farm_buf_init(&out);
	farm_buf_init(&scratch);

	if (opts == NULL)
	{
		farm_fail(err, FARM_EINVALID, "Prisma generation options are missing");
		goto done;
	}
	if ((int) opts->provider < FARM_PG || (int) opts->provider > FARM_MYSQL ||
		(int) opts->storage < FARM_STORAGE_PRISMA ||
		(int) opts->storage > FARM_STORAGE_DEFAULT)
	{
		farm_fail(err, FARM_EINVALID, "invalid Prisma generation options");
		goto done;
	}
	memset(&nopts, 0, sizeof(nopts));
	nopts.provider = opts->provider;
	nopts.internal = opts->internal;
	nopts.reserved = reserved_fields;
	nopts.ns_schemas = opts->ns_schemas;
	nopts.internal_schemas = opts->internal_schemas;
	nopts.ninternal = opts->ninternal;
	rc = farm_naming_build(&c.nm, schemas, nschemas, &nopts, err);
	if (rc != FARM_OK)
		goto done;
	c.atschema = opts->provider == FARM_PG && opts->schemas;
	for (i = 0; opts->provider == FARM_PG && i < c.nm.nschemas; i++)
		if (strcmp(c.nm.pgschema[i], "public") != 0)
			c.atschema = true;

	/* room for the longest model's field lines */
	for (i = 0; i < c.nm.nmodels; i++)
	{
		size_t		need = 3 + 2 * (size_t) c.nm.models[i].table->ncols;
		int			r;

		for (r = c.nm.models[i].back_head; r >= 0; r = c.nm.rels[r].next_back)
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

	render_header(&c, c.nm.first_user, &out);
	for (i = 0; i < c.nm.nmodels; i++)
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
	farm_naming_free(&c.nm);
	farm_buf_free(&c.tmp);
	return res;
}
