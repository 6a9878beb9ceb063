/*-------------------------------------------------------------------------
 * check.c
 *	  farm_check: compare the catalog description a binding read with the
 *	  tables the DDL emitter (ddl.c) creates for a schema, and describe
 *	  every difference (SPEC section 3).
 *
 * Design notes:
 *	- The expected side is built as a farm_catalog too, from the schema
 *	  model and ddl.c's own type and default texts, so the comparison is
 *	  one routine over two descriptions.  PostgreSQL prints declared types
 *	  in its catalog spelling (format_type()), which is data here.
 *	- Defaults are compared after one normalisation applied to both sides:
 *	  outer parentheses and "::type" casts dropped, quoted literals decoded
 *	  (E'' too), numbers in canonical form, nextval(...) as one value, the
 *	  rest lower-cased.  PostgreSQL prints `DEFAULT -1` as '-1'::integer and
 *	  `DEFAULT 'a'` as 'a'::text; SQLite prints the text as written.
 *	- Names compare as the host does: case-insensitively (ASCII) on SQLite,
 *	  exactly on PostgreSQL.
 *	- Column order is not compared (neither host can reorder columns, and
 *	  both farmorm and Prisma address columns by name).
 *	- The output order is fixed (see check.h), so the first difference,
 *	  which farm_migrate's adopt names when it refuses, is the same on both
 *	  hosts for the same change.
 *-------------------------------------------------------------------------
 */
#include "check.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

/* PostgreSQL's spelling of each column type (format_type()); varchar takes its length. */
static const char *const pg_catalog_types[11] = {
	"text", "character varying(%ld)", "integer", "bigint", "numeric(65,30)", "boolean",
	"date", "timestamp(3) without time zone", "json", "bytea", "bigint"
};

/* ----------------------------------------------------------------
 * The catalog description
 * ----------------------------------------------------------------
 */
static bool
grow(void **items, int *cap, int n, size_t size)
{
	void	   *p;
	int			ncap;

	if (n < *cap)
		return true;
	ncap = *cap ? *cap * 2 : 8;
	p = realloc(*items, size * (size_t) ncap);
	if (p == NULL)
		return false;
	*items = p;
	*cap = ncap;
	return true;
}

/* strdup that keeps NULL and records OOM. */
static char *
dup_or_null(farm_catalog *c, const char *s)
{
	char	   *r;

	if (s == NULL)
		return NULL;
	r = farm_strdup(s);
	if (r == NULL)
		c->oom = true;
	return r;
}

void
farm_catalog_init(farm_catalog *c, farm_provider dialect)
{
	c->tables = NULL;
	c->n = 0;
	c->cap = 0;
	c->oom = false;
	farm_map_init(&c->map, dialect == FARM_SQLITE);
}

static void
table_free(farm_cat_table *t)
{
	int			i;

	for (i = 0; i < t->ncols; i++)
	{
		free(t->cols[i].name);
		free(t->cols[i].type);
		free(t->cols[i].dflt);
	}
	for (i = 0; i < t->nidx; i++)
	{
		free(t->idx[i].name);
		farm_strlist_free(&t->idx[i].columns);
	}
	for (i = 0; i < t->nfks; i++)
	{
		free(t->fks[i].name);
		free(t->fks[i].columns);
		free(t->fks[i].target);
		free(t->fks[i].target_columns);
		free(t->fks[i].on_delete);
		free(t->fks[i].on_update);
	}
	free(t->cols);
	free(t->idx);
	free(t->fks);
	farm_strlist_free(&t->pk);
	free(t->pk_name);
	free(t->name);
	free(t);
}

void
farm_catalog_free(farm_catalog *c)
{
	int			i;

	for (i = 0; i < c->n; i++)
		table_free(c->tables[i]);
	free(c->tables);
	farm_map_free(&c->map);
	c->tables = NULL;
	c->n = 0;
	c->cap = 0;
}

farm_cat_table *
farm_catalog_find(const farm_catalog *c, const char *name)
{
	int			i = farm_map_get(&c->map, name);

	return i < 0 ? NULL : c->tables[i];
}

farm_cat_table *
farm_catalog_table(farm_catalog *c, const char *name)
{
	farm_cat_table *t = farm_catalog_find(c, name);

	if (t != NULL)
		return t;
	if (!grow((void **) &c->tables, &c->cap, c->n, sizeof(farm_cat_table *)) ||
		(t = calloc(1, sizeof(farm_cat_table))) == NULL)
	{
		c->oom = true;
		return NULL;
	}
	farm_strlist_init(&t->pk);
	t->name = farm_strdup(name);
	if (t->name == NULL || !farm_map_put(&c->map, t->name, c->n))
	{
		free(t->name);
		free(t);
		c->oom = true;
		return NULL;
	}
	c->tables[c->n++] = t;
	return t;
}

void
farm_cat_add_column(farm_catalog *c, farm_cat_table *t, const char *name,
					const char *type, bool notnull, const char *dflt)
{
	farm_cat_column *col;

	if (t == NULL || !grow((void **) &t->cols, &t->capcols, t->ncols, sizeof(farm_cat_column)))
	{
		c->oom = true;
		return;
	}
	col = &t->cols[t->ncols++];
	col->name = dup_or_null(c, name ? name : "");
	col->type = dup_or_null(c, type ? type : "");
	col->notnull = notnull;
	col->dflt = dup_or_null(c, dflt);
}

farm_cat_index *
farm_cat_add_index(farm_catalog *c, farm_cat_table *t, const char *name, bool unique,
				   bool partial)
{
	farm_cat_index *x;

	if (t == NULL || !grow((void **) &t->idx, &t->capidx, t->nidx, sizeof(farm_cat_index)))
	{
		c->oom = true;
		return NULL;
	}
	x = &t->idx[t->nidx++];
	x->name = dup_or_null(c, name ? name : "");
	farm_strlist_init(&x->columns);
	x->unique = unique;
	x->partial = partial;
	return x;
}

void
farm_cat_index_column(farm_catalog *c, farm_cat_index *x, const char *column)
{
	if (x == NULL || !farm_strlist_push(&x->columns, column ? column : ""))
		c->oom = true;
}

void
farm_cat_add_pk_column(farm_catalog *c, farm_cat_table *t, const char *column,
					   const char *pk_name)
{
	if (t == NULL || !farm_strlist_push(&t->pk, column ? column : ""))
	{
		c->oom = true;
		return;
	}
	if (pk_name != NULL && t->pk_name == NULL)
		t->pk_name = dup_or_null(c, pk_name);
}

void
farm_cat_add_fk(farm_catalog *c, farm_cat_table *t, const char *name, const char *columns,
				const char *target, const char *target_columns, const char *on_delete,
				const char *on_update)
{
	farm_cat_fk *f;

	if (t == NULL || !grow((void **) &t->fks, &t->capfks, t->nfks, sizeof(farm_cat_fk)))
	{
		c->oom = true;
		return;
	}
	f = &t->fks[t->nfks++];
	f->name = dup_or_null(c, name);
	f->columns = dup_or_null(c, columns ? columns : "");
	f->target = dup_or_null(c, target ? target : "");
	f->target_columns = dup_or_null(c, target_columns ? target_columns : "");
	f->on_delete = dup_or_null(c, on_delete ? on_delete : "");
	f->on_update = dup_or_null(c, on_update ? on_update : "");
}

/* ----------------------------------------------------------------
 * The expected description
 * ----------------------------------------------------------------
 */
static char *
steal_or_null(farm_buf *b)
{
	char	   *s;

	if (b->len == 0 && !b->oom)
	{
		farm_buf_free(b);
		return NULL;
	}
	s = farm_buf_steal(b);
	farm_buf_free(b);
	return s;
}

static void
expect_user_column(farm_catalog *c, farm_cat_table *t, const farm_column *col,
				   const farm_ddl_opts *o)
{
	farm_buf	type;
	farm_buf	dflt;
	char	   *dtext;

	farm_buf_init(&type);
	farm_buf_init(&dflt);
	if (o->dialect == FARM_PG)
		farm_buf_printf(&type, pg_catalog_types[col->type], col->varchar_len);
	else
		farm_ddl_put_type(&type, col, o);
	farm_ddl_put_default(&dflt, col, o);
	if (type.oom || dflt.oom)
		c->oom = true;
	dtext = steal_or_null(&dflt);
	farm_cat_add_column(c, t, col->name, type.data ? type.data : "", !col->nullable, dtext);
	free(dtext);
	farm_buf_free(&type);
}

static void
expect_table(farm_catalog *c, const farm_schema *s, const farm_table *st,
			 const farm_ddl_opts *o)
{
	bool		pg = o->dialect == FARM_PG;
	char	   *phys = farm_table_physical(s->ns, st->name);
	char	   *name;
	farm_cat_table *t;
	farm_cat_index *x;
	int			i;
	int			k;

	if (phys == NULL || (t = farm_catalog_table(c, phys)) == NULL)
	{
		free(phys);
		c->oom = true;
		return;
	}
	farm_cat_add_column(c, t, "id", pg ? "character varying(128)" : "TEXT", true, NULL);
	for (i = 0; i <= st->ncols; i++)
	{
		if (i == st->ninitial)
		{
			farm_cat_add_column(c, t, "_internalId", pg ? "bigint" : "INTEGER", true,
								pg ? "nextval(...)" : NULL);
			farm_cat_add_column(c, t, "_version", pg ? "integer" : "INTEGER", true, "0");
		}
		if (i == st->ncols)
			break;
		expect_user_column(c, t, &st->cols[i], o);
	}
	name = pg ? farm_physical_name3(phys, "_pkey", "") : NULL;
	if (pg && name == NULL)
		c->oom = true;
	farm_cat_add_pk_column(c, t, "_internalId", name);
	free(name);

	name = farm_physical_name3(phys, "_id_key", "");
	x = farm_cat_add_index(c, t, name ? name : "", true, false);
	farm_cat_index_column(c, x, "id");
	if (name == NULL)
		c->oom = true;
	free(name);
	for (i = 0; i < st->nidx; i++)
	{
		name = farm_index_physical(s->ns, st->idx[i].name);
		if (name == NULL)
		{
			c->oom = true;
			continue;
		}
		x = farm_cat_add_index(c, t, name, st->idx[i].unique, false);
		for (k = 0; k < st->idx[i].ncolumns; k++)
			farm_cat_index_column(c, x, st->idx[i].columns[k]);
		free(name);
	}
	for (i = 0; i < st->ncols; i++)
	{
		char	   *target;

		if (st->cols[i].type != FARM_T_REFERENCE)
			continue;
		name = pg ? farm_ddl_fk_name(phys, st->cols[i].name) : NULL;
		target = farm_table_physical(s->ns, st->cols[i].references);
		if ((pg && name == NULL) || target == NULL)
			c->oom = true;
		else
			farm_cat_add_fk(c, t, name, st->cols[i].name, target, "_internalId",
							"RESTRICT", "RESTRICT");
		free(name);
		free(target);
	}
	free(phys);
}

int
farm_check_tables(const farm_schema *internal, const farm_schema *s, farm_strlist *names,
				  farm_error *err)
{
	const farm_schema *both[2];
	int			k;
	int			i;

	both[0] = internal;
	both[1] = s;
	for (k = 0; k < 2; k++)
		for (i = 0; both[k] && i < both[k]->ntables; i++)
		{
			char	   *phys = farm_table_physical(both[k]->ns, both[k]->tables[i]->name);

			if (phys == NULL || !farm_strlist_push_owned(names, phys, strlen(phys)))
				return farm_fail(err, FARM_ENOMEM, "out of memory");
		}
	return FARM_OK;
}

char *
farm_check_suffix(const char *ns)
{
	return farm_physical_name3("_", ns, "");
}

/* ----------------------------------------------------------------
 * Default normalisation
 * ----------------------------------------------------------------
 */

/* Index just past the quoted literal starting at s[i] (a '\''), or 0. */
static size_t
literal_end(const char *s, size_t i, bool e)
{
	for (i++; s[i]; i++)
	{
		if (e && s[i] == '\\' && s[i + 1])
			i++;
		else if (s[i] == '\'')
		{
			if (s[i + 1] == '\'')
				i++;
			else
				return i + 1;
		}
	}
	return 0;
}

/* s[0..len) is one parenthesised group: "( ... )". */
static bool
wrapped(const char *s, size_t len)
{
	size_t		i;
	int			depth = 0;

	if (len < 2 || s[0] != '(' || s[len - 1] != ')')
		return false;
	for (i = 0; i < len; i++)
	{
		if (s[i] == '\'')
		{
			size_t		e = literal_end(s, i, i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e'));

			if (e == 0)
				return false;
			i = e - 1;
		}
		else if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0 && i != len - 1)
			return false;
	}
	return depth == 0;
}

/* Position of the last "::" outside quotes and parentheses, or -1. */
static long
last_cast(const char *s, size_t len)
{
	size_t		i;
	int			depth = 0;
	long		pos = -1;

	for (i = 0; i < len; i++)
	{
		if (s[i] == '\'')
		{
			size_t		e = literal_end(s, i, i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e'));

			if (e == 0)
				return -1;
			i = e - 1;
		}
		else if (s[i] == '(')
			depth++;
		else if (s[i] == ')')
			depth--;
		else if (depth == 0 && s[i] == ':' && i + 1 < len && s[i + 1] == ':')
		{
			pos = (long) i;
			i++;
		}
	}
	return pos;
}

static bool
type_name_text(const char *s, size_t len)
{
	size_t		i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++)
		if (!(isalnum((unsigned char) s[i]) || strchr(" _(),\".", s[i]) != NULL))
			return false;
	return true;
}

/* A decimal number: [+-]digits[.digits][e[+-]digits] */
static bool
is_number(const char *s)
{
	const char *p = s;
	bool		digits = false;

	if (*p == '+' || *p == '-')
		p++;
	while (isdigit((unsigned char) *p))
		p++, digits = true;
	if (*p == '.')
		for (p++; isdigit((unsigned char) *p); p++)
			digits = true;
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E')
	{
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char) *p))
			return false;
		while (isdigit((unsigned char) *p))
			p++;
	}
	return *p == '\0';
}

/* Canonical text of a number: no '+', no leading or trailing zeros, "-0" is "0". */
static void
put_number(farm_buf *b, const char *s)
{
	const char *p = s;
	const char *ip;
	const char *ie;
	const char *fp = NULL;
	const char *fe = NULL;
	bool		neg = false;
	bool		zero;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	ip = p;
	while (isdigit((unsigned char) *p))
		p++;
	ie = p;
	if (*p == '.')
	{
		fp = ++p;
		while (isdigit((unsigned char) *p))
			p++;
		fe = p;
		while (fe > fp && fe[-1] == '0')
			fe--;
	}
	while (ip < ie - 1 && *ip == '0')
		ip++;
	zero = (ie - ip == 0 || (ie - ip == 1 && *ip == '0')) && (fp == NULL || fe == fp);
	if (neg && !zero)
		farm_buf_putc(b, '-');
	if (ie > ip)
		farm_buf_putn(b, ip, (size_t) (ie - ip));
	else
		farm_buf_putc(b, '0');
	if (fp && fe > fp)
	{
		farm_buf_putc(b, '.');
		farm_buf_putn(b, fp, (size_t) (fe - fp));
	}
	for (; *p; p++)
		farm_buf_putc(b, (char) tolower((unsigned char) *p));
}

static bool
starts_nocase(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (tolower((unsigned char) *s) != *prefix)
			return false;
	return true;
}

/*
 * The comparable form of a default expression (malloc'd; NULL for none).
 * See the design notes at the top.
 */
static char *
norm_default(const char *text)
{
	farm_buf	b;
	const char *s;
	size_t		len;
	char	   *res;
	int			layers;

	if (text == NULL)
		return NULL;
	s = text;
	len = strlen(s);
	farm_buf_init(&b);
	/* each layer costs a pass over the text: a bounded number of layers */
	for (layers = 0; layers < 32; layers++)
	{
		long		cast;

		while (len > 0 && isspace((unsigned char) *s))
			s++, len--;
		while (len > 0 && isspace((unsigned char) s[len - 1]))
			len--;
		if (wrapped(s, len))
		{
			s++;
			len -= 2;
			continue;
		}
		cast = last_cast(s, len);
		if (cast > 0 && type_name_text(s + cast + 2, len - (size_t) cast - 2))
		{
			len = (size_t) cast;
			continue;
		}
		break;
	}
	if (len == 0)
	{
		farm_buf_free(&b);
		return NULL;
	}
	if (len >= 8 && starts_nocase(s, "nextval("))
		farm_buf_puts(&b, "nextval(...)");
	else if ((s[0] == '\'' && literal_end(s, 0, false) == len) ||
			 ((s[0] == 'E' || s[0] == 'e') && len > 1 && s[1] == '\'' &&
			  literal_end(s, 1, true) == len))
	{
		bool		e = s[0] != '\'';
		farm_buf	v;
		size_t		i;

		farm_buf_init(&v);
		for (i = e ? 2 : 1; i < len - 1; i++)
		{
			char		ch = s[i];

			if (e && ch == '\\' && i + 1 < len - 1)
			{
				/* the usual E'' escapes; others stand for the character */
				ch = s[++i];
				ch = ch == 'n' ? '\n' : ch == 't' ? '\t' : ch == 'r' ? '\r' :
					ch == 'b' ? '\b' : ch == 'f' ? '\f' : ch;
			}
			else if (ch == '\'')
				i++;		/* '' */
			farm_buf_putc(&v, ch);
		}
		if (v.data && is_number(v.data))
			put_number(&b, v.data);
		else
		{
			farm_buf_putc(&b, '\'');
			farm_buf_putn(&b, v.data ? v.data : "", v.len);
			farm_buf_putc(&b, '\'');
		}
		if (v.oom)
			b.oom = true;
		farm_buf_free(&v);
	}
	else
	{
		farm_buf	v;

		farm_buf_init(&v);
		farm_buf_putn(&v, s, len);
		if (v.data && is_number(v.data))
			put_number(&b, v.data);
		else
		{
			size_t		i;

			for (i = 0; i < len; i++)
				farm_buf_putc(&b, (char) tolower((unsigned char) s[i]));
		}
		if (v.oom)
			b.oom = true;
		farm_buf_free(&v);
	}
	res = farm_buf_steal(&b);
	farm_buf_free(&b);
	return res;
}

/* ----------------------------------------------------------------
 * Differences
 * ----------------------------------------------------------------
 */
void
farm_diffs_init(farm_diffs *d)
{
	d->items = NULL;
	d->n = 0;
	d->cap = 0;
}

void
farm_diffs_free(farm_diffs *d)
{
	int			i;

	for (i = 0; i < d->n; i++)
	{
		free(d->items[i].table);
		free(d->items[i].what);
		free(d->items[i].expected);
		free(d->items[i].found);
		free(d->items[i].message);
	}
	free(d->items);
	farm_diffs_init(d);
}

typedef struct cmp_state
{
	farm_diffs *out;
	bool		nocase;
	bool		oom;
} cmp_state;

static void
put_name(farm_buf *b, const char *s)
{
	farm_buf_err_name(b, s, strlen(s));
}

/*
 * Record one difference.  The message: 'table "t": ' then, for a column or
 * index, '<what_key> "name" ', then `text` (printf-style, already worded).
 */
static void
add_diff(cmp_state *st, const char *kind, const char *table, const char *what_key,
		 const char *what, const char *problem, const char *expected, const char *found,
		 const char *text)
{
	farm_diff  *d;
	farm_buf	m;

	if (!grow((void **) &st->out->items, &st->out->cap, st->out->n, sizeof(farm_diff)))
	{
		st->oom = true;
		return;
	}
	farm_buf_init(&m);
	farm_buf_puts(&m, "table ");
	put_name(&m, table);
	if (strcmp(kind, "table") == 0)
		farm_buf_putc(&m, ' ');
	else
		farm_buf_puts(&m, ": ");
	if (what_key != NULL)
	{
		farm_buf_puts(&m, strcmp(kind, "foreign_key") == 0 ? "foreign key on column " : what_key);
		if (strcmp(kind, "foreign_key") != 0)
			farm_buf_putc(&m, ' ');
		put_name(&m, what);
		farm_buf_putc(&m, ' ');
	}
	farm_buf_puts(&m, text);
	d = &st->out->items[st->out->n++];
	d->kind = kind;
	d->table = farm_strdup(table);
	d->what_key = what_key;
	d->what = what ? farm_strdup(what) : NULL;
	d->problem = problem;
	d->expected = expected ? farm_strdup(expected) : NULL;
	d->found = found ? farm_strdup(found) : NULL;
	d->message = farm_buf_steal(&m);
	farm_buf_free(&m);
	if (d->table == NULL || d->message == NULL || (what && d->what == NULL) ||
		(expected && d->expected == NULL) || (found && d->found == NULL))
		st->oom = true;
}

/* "text" + quoted value, for messages: 'has type X, expected Y'. */
static char *
worded(const char *fmt_a, const char *a, const char *fmt_b, const char *b)
{
	farm_buf	m;
	char	   *r;

	farm_buf_init(&m);
	farm_buf_puts(&m, fmt_a);
	if (a)
		farm_buf_err_name(&m, a, strlen(a));
	farm_buf_puts(&m, fmt_b);
	if (b)
		farm_buf_err_name(&m, b, strlen(b));
	r = farm_buf_steal(&m);
	farm_buf_free(&m);
	return r;
}

static void
diff_worded(cmp_state *st, const char *kind, const char *table, const char *what_key,
			const char *what, const char *problem, const char *expected, const char *found,
			const char *fa, const char *fb)
{
	char	   *text = worded(fa, found, fb, expected);

	if (text == NULL)
		st->oom = true;
	else
		add_diff(st, kind, table, what_key, what, problem, expected, found, text);
	free(text);
}

static bool
same_name(const cmp_state *st, const char *a, const char *b)
{
	return st->nocase ? farm_strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

static char *
join_list(const farm_strlist *l)
{
	farm_buf	b;
	size_t		i;
	char	   *r;

	farm_buf_init(&b);
	for (i = 0; i < l->n; i++)
	{
		if (i)
			farm_buf_puts(&b, ", ");
		farm_buf_puts(&b, l->items[i][0] ? l->items[i] : "(expression)");
	}
	if (l->n == 0)
		farm_buf_puts(&b, "");
	r = farm_buf_steal(&b);
	farm_buf_free(&b);
	return r ? r : farm_strdup("");
}

static void
compare_columns(cmp_state *st, const farm_cat_table *e, const farm_cat_table *f)
{
	int			i;
	int			k;
	bool	   *seen = calloc((size_t) f->ncols + 1, sizeof(bool));

	if (seen == NULL)
	{
		st->oom = true;
		return;
	}
	for (i = 0; i < e->ncols; i++)
	{
		const farm_cat_column *ec = &e->cols[i];
		const farm_cat_column *fc = NULL;
		char	   *ne;
		char	   *nf;

		for (k = 0; k < f->ncols && fc == NULL; k++)
			if (!seen[k] && same_name(st, ec->name, f->cols[k].name))
			{
				fc = &f->cols[k];
				seen[k] = true;
			}
		if (fc == NULL)
		{
			add_diff(st, "column", e->name, "column", ec->name, "missing", NULL, NULL, "is missing");
			continue;
		}
		if (st->nocase ? farm_strcasecmp(ec->type, fc->type) != 0 : strcmp(ec->type, fc->type) != 0)
			diff_worded(st, "column", e->name, "column", ec->name, "type", ec->type, fc->type,
						"has type ", ", expected ");
		if (ec->notnull != fc->notnull)
			add_diff(st, "column", e->name, "column", ec->name, "nullable",
					 ec->notnull ? "NOT NULL" : "NULL", fc->notnull ? "NOT NULL" : "NULL",
					 fc->notnull ? "is NOT NULL, expected nullable" : "is nullable, expected NOT NULL");
		ne = norm_default(ec->dflt);
		nf = norm_default(fc->dflt);
		if ((ne == NULL) != (nf == NULL) || (ne && strcmp(ne, nf) != 0))
		{
			if (nf == NULL)
				diff_worded(st, "column", e->name, "column", ec->name, "default", ec->dflt, NULL,
							"has no default", ", expected ");
			else if (ne == NULL)
				diff_worded(st, "column", e->name, "column", ec->name, "default", NULL, fc->dflt,
							"has default ", ", expected none");
			else
				diff_worded(st, "column", e->name, "column", ec->name, "default", ec->dflt, fc->dflt,
							"has default ", ", expected ");
		}
		free(ne);
		free(nf);
	}
	for (k = 0; k < f->ncols; k++)
		if (!seen[k])
			add_diff(st, "column", e->name, "column", f->cols[k].name, "extra", NULL, NULL,
					 "is not in the schema");
	free(seen);
}

static void
compare_pk(cmp_state *st, const farm_cat_table *e, const farm_cat_table *f)
{
	char	   *je = join_list(&e->pk);
	char	   *jf = join_list(&f->pk);

	if (je == NULL || jf == NULL)
		st->oom = true;
	else if (f->pk.n == 0)
		diff_worded(st, "primary_key", e->name, NULL, NULL, "missing", je, NULL,
					"primary key is missing", ", expected one on ");
	else if (!same_name(st, je, jf))
		diff_worded(st, "primary_key", e->name, NULL, NULL, "columns", je, jf,
					"primary key is on ", ", expected ");
	else if (e->pk_name && f->pk_name && !same_name(st, e->pk_name, f->pk_name))
		diff_worded(st, "primary_key", e->name, NULL, NULL, "name", e->pk_name, f->pk_name,
					"primary key is named ", ", expected ");
	free(je);
	free(jf);
}

static int
cmp_index_ptr(const void *a, const void *b)
{
	return strcmp((*(farm_cat_index *const *) a)->name, (*(farm_cat_index *const *) b)->name);
}

static void
compare_indexes(cmp_state *st, const farm_cat_table *e, const farm_cat_table *f)
{
	int			i;
	int			k;
	int			nextra = 0;
	bool	   *seen = calloc((size_t) f->nidx + 1, sizeof(bool));
	farm_cat_index **extra = calloc((size_t) f->nidx + 1, sizeof(farm_cat_index *));

	if (seen == NULL || extra == NULL)
	{
		st->oom = true;
		free(seen);
		free(extra);
		return;
	}
	for (i = 0; i < e->nidx; i++)
	{
		const farm_cat_index *ex = &e->idx[i];
		const farm_cat_index *fx = NULL;
		char	   *je;
		char	   *jf;

		for (k = 0; k < f->nidx && fx == NULL; k++)
			if (!seen[k] && same_name(st, ex->name, f->idx[k].name))
			{
				fx = &f->idx[k];
				seen[k] = true;
			}
		if (fx == NULL)
		{
			add_diff(st, "index", e->name, "index", ex->name, "missing", NULL, NULL, "is missing");
			continue;
		}
		je = join_list(&ex->columns);
		jf = join_list(&fx->columns);
		if (je == NULL || jf == NULL)
			st->oom = true;
		else if (!same_name(st, je, jf))
			diff_worded(st, "index", e->name, "index", ex->name, "columns", je, jf,
						"is on ", ", expected ");
		if (ex->unique != fx->unique)
			add_diff(st, "index", e->name, "index", ex->name, "unique",
					 ex->unique ? "unique" : "not unique", fx->unique ? "unique" : "not unique",
					 fx->unique ? "is unique, expected not unique" : "is not unique, expected unique");
		if (fx->partial)
			add_diff(st, "index", e->name, "index", ex->name, "partial", "not partial", "partial",
					 "is partial, expected an index on all rows");
		free(je);
		free(jf);
	}
	for (k = 0; k < f->nidx; k++)
		if (!seen[k])
			extra[nextra++] = &f->idx[k];
	qsort(extra, (size_t) nextra, sizeof(farm_cat_index *), cmp_index_ptr);
	for (k = 0; k < nextra; k++)
		add_diff(st, "index", e->name, "index", extra[k]->name, "extra", NULL, NULL,
				 "is not in the schema");
	free(seen);
	free(extra);
}

/* 'has ON DELETE CASCADE, expected ON DELETE RESTRICT' */
static void
action_diff(cmp_state *st, const char *table, const char *col, const char *problem,
			const char *event, const char *expected, const char *found)
{
	farm_buf	m;

	farm_buf_init(&m);
	farm_buf_printf(&m, "has ON %s %s, expected ON %s %s", event, found, event, expected);
	if (m.oom)
		st->oom = true;
	else
		add_diff(st, "foreign_key", table, "column", col, problem, expected, found, m.data);
	farm_buf_free(&m);
}

static void
compare_fks(cmp_state *st, const farm_cat_table *e, const farm_cat_table *f)
{
	int			i;
	int			k;
	bool	   *seen = calloc((size_t) f->nfks + 1, sizeof(bool));

	if (seen == NULL)
	{
		st->oom = true;
		return;
	}
	for (i = 0; i < e->nfks; i++)
	{
		const farm_cat_fk *ef = &e->fks[i];
		const farm_cat_fk *ff = NULL;
		const char *col = ef->columns;

		for (k = 0; k < f->nfks && ff == NULL; k++)
			if (!seen[k] && same_name(st, ef->columns, f->fks[k].columns))
			{
				ff = &f->fks[k];
				seen[k] = true;
			}
		if (ff == NULL)
		{
			add_diff(st, "foreign_key", e->name, "column", col, "missing", NULL, NULL, "is missing");
			continue;
		}
		if (!same_name(st, ef->target, ff->target))
			diff_worded(st, "foreign_key", e->name, "column", col, "target", ef->target, ff->target,
						"references table ", ", expected ");
		else if (!same_name(st, ef->target_columns, ff->target_columns))
			diff_worded(st, "foreign_key", e->name, "column", col, "target", ef->target_columns,
						ff->target_columns, "references column ", ", expected ");
		if (farm_strcasecmp(ef->on_delete, ff->on_delete) != 0)
			action_diff(st, e->name, col, "on_delete", "DELETE", ef->on_delete, ff->on_delete);
		if (farm_strcasecmp(ef->on_update, ff->on_update) != 0)
			action_diff(st, e->name, col, "on_update", "UPDATE", ef->on_update, ff->on_update);
		if (ef->name && ff->name && !same_name(st, ef->name, ff->name))
			diff_worded(st, "foreign_key", e->name, "column", col, "name", ef->name, ff->name,
						"is named ", ", expected ");
	}
	for (k = 0; k < f->nfks; k++)
		if (!seen[k])
			add_diff(st, "foreign_key", e->name, "column", f->fks[k].columns, "extra", NULL, NULL,
					 "is not in the schema");
	free(seen);
}

static int
cmp_table_ptr(const void *a, const void *b)
{
	return strcmp((*(farm_cat_table *const *) a)->name, (*(farm_cat_table *const *) b)->name);
}

int
farm_check_compare(const farm_schema *internal, const farm_schema *s,
				   const farm_ddl_opts *o, const farm_catalog *cat, farm_diffs *out,
				   farm_error *err)
{
	farm_catalog exp;
	cmp_state	st;
	farm_cat_table **extra = NULL;
	int			nextra = 0;
	int			i;

	farm_catalog_init(&exp, o->dialect);
	for (i = 0; internal && i < internal->ntables; i++)
		expect_table(&exp, internal, internal->tables[i], o);
	for (i = 0; s && i < s->ntables; i++)
		expect_table(&exp, s, s->tables[i], o);
	st.out = out;
	st.nocase = o->dialect == FARM_SQLITE;
	st.oom = exp.oom || cat->oom;
	for (i = 0; !st.oom && i < exp.n; i++)
	{
		const farm_cat_table *e = exp.tables[i];
		const farm_cat_table *f = farm_catalog_find(cat, e->name);

		if (f == NULL)
		{
			add_diff(&st, "table", e->name, NULL, NULL, "missing", NULL, NULL, "is missing");
			continue;
		}
		compare_columns(&st, e, f);
		compare_pk(&st, e, f);
		compare_indexes(&st, e, f);
		compare_fks(&st, e, f);
	}
	extra = calloc((size_t) cat->n + 1, sizeof(farm_cat_table *));
	if (extra == NULL)
		st.oom = true;
	for (i = 0; !st.oom && i < cat->n; i++)
		if (farm_catalog_find(&exp, cat->tables[i]->name) == NULL)
			extra[nextra++] = cat->tables[i];
	if (!st.oom)
		qsort(extra, (size_t) nextra, sizeof(farm_cat_table *), cmp_table_ptr);
	for (i = 0; !st.oom && i < nextra; i++)
		add_diff(&st, "table", extra[i]->name, NULL, NULL, "extra", NULL, NULL,
				 "is not in the schema");
	free(extra);
	farm_catalog_free(&exp);
	if (st.oom)
		return farm_fail(err, FARM_ENOMEM, "out of memory");
	return FARM_OK;
}

/* ----------------------------------------------------------------
 * JSON
 * ----------------------------------------------------------------
 */

/* A JSON string; bytes that are not UTF-8 (SQLite names may hold any) become U+FFFD. */
static void
put_json_text(farm_buf *b, const char *s)
{
	farm_buf	clean;
	size_t		len;
	size_t		i = 0;

	if (s == NULL)
	{
		farm_buf_puts(b, "null");
		return;
	}
	len = strlen(s);
	if (farm_utf8_valid(s, len))
	{
		farm_buf_json_string(b, s);
		return;
	}
	farm_buf_init(&clean);
	while (i < len)
	{
		size_t		cl = farm_utf8_char_len(s + i, len - i);

		if (cl == 0)
		{
			farm_buf_puts(&clean, "\xEF\xBF\xBD");
			i++;
		}
		else
		{
			farm_buf_putn(&clean, s + i, cl);
			i += cl;
		}
	}
	if (clean.oom)
		b->oom = true;
	farm_buf_json_string(b, clean.data ? clean.data : "");
	farm_buf_free(&clean);
}

char *
farm_check_json(const char *ns, long applied, long version, const farm_diffs *d)
{
	farm_buf	b;
	int			i;
	char	   *res;

	farm_buf_init(&b);
	farm_buf_puts(&b, "{\"namespace\":");
	put_json_text(&b, ns);
	farm_buf_printf(&b, ",\"applied\":%ld,\"version\":%ld,\"differences\":[", applied, version);
	for (i = 0; i < d->n; i++)
	{
		const farm_diff *x = &d->items[i];

		if (i)
			farm_buf_putc(&b, ',');
		farm_buf_puts(&b, "{\"kind\":");
		put_json_text(&b, x->kind);
		farm_buf_puts(&b, ",\"table\":");
		put_json_text(&b, x->table);
		if (x->what_key)
		{
			farm_buf_putc(&b, ',');
			put_json_text(&b, x->what_key);
			farm_buf_putc(&b, ':');
			put_json_text(&b, x->what);
		}
		farm_buf_puts(&b, ",\"problem\":");
		put_json_text(&b, x->problem);
		farm_buf_puts(&b, ",\"expected\":");
		put_json_text(&b, x->expected);
		farm_buf_puts(&b, ",\"found\":");
		put_json_text(&b, x->found);
		farm_buf_puts(&b, ",\"message\":");
		put_json_text(&b, x->message);
		farm_buf_putc(&b, '}');
	}
	farm_buf_puts(&b, "]}");
	res = farm_buf_steal(&b);
	farm_buf_free(&b);
	return res;
}
