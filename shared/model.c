/*-------------------------------------------------------------------------
 * model.c
 *	  The schema model: the definition reader (on jansson), every validation
 *	  rule of SPEC section 2, the operation log and its replay, the
 *	  declarative diff behind farm_register and the canonical JSON behind
 *	  farm_schema.
 *
 * Design notes:
 *	- Every write is turned into canonical operation JSON first and then
 *	  applied through farm_apply_op, the very path a replay takes, so what is
 *	  stored always replays to what was validated.
 *	- Lookups go through case-insensitive hash maps (map.h); the diff and the
 *	  topological order of new tables are linear in the schema's size.
 *	- Error texts are written here once, so both hosts print the same words.
 *	  They start with the location: namespace "x", table "t", column "c".
 *-------------------------------------------------------------------------
 */
#include "model.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "jsonnum.h"
#include "names.h"

/* ----------------------------------------------------------------
 * Errors
 * ----------------------------------------------------------------
 */
int
farm_fail(farm_error *err, farm_code code, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	farm_clean_message(err->msg);
	return code;
}

int
farm_fail_busy(farm_error *err)
{
	return farm_fail(err, FARM_EBUSY,
					 "database is locked by another writer: retry the call; set a busy timeout (PRAGMA busy_timeout) to wait for the lock, and open transactions that call farmorm with BEGIN IMMEDIATE");
}

/*
 * Every message leaves the core as valid UTF-8 without control characters,
 * whatever a library or the input put in it (jansson quotes the bytes near a
 * syntax error verbatim; a message cut at its size limit may end inside a
 * character): offending bytes become '?'.
 */
void
farm_clean_message(char *msg)
{
	size_t		len = strlen(msg);
	size_t		i = 0;

	while (i < len)
	{
		unsigned char c = (unsigned char) msg[i];
		size_t		n = farm_utf8_char_len(msg + i, len - i);

		if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7f)) ||
			(n == 2 && c == 0xC2 && (unsigned char) msg[i + 1] < 0xA0))
		{
			size_t		k;

			if (n == 0)
				n = 1;
			for (k = 0; k < n; k++)
				msg[i + k] = '?';
		}
		i += n;
	}
}

const char *
farm_sqlstate(farm_code code)
{
	switch (code)
	{
		case FARM_OK:
			return "00000";
		case FARM_EINVALID:
			return "22023";
		case FARM_ENAME:
			return "42602";
		case FARM_EUNKNOWN:
			return "42704";
		case FARM_EDUPLICATE:
			return "42710";
		case FARM_EUNSUPPORTED:
			return "0A000";
		case FARM_ENOMEM:
			return "53200";
		case FARM_ECORRUPT:
			return "XX000";
		case FARM_EBUSY:
			return "55P03";
		case FARM_ESTATE:
			return "55000";
	}
	return "XX000";
}

static int
fail_oom(farm_error *err)
{
	return farm_fail(err, FARM_ENOMEM, "out of memory");
}

/*
 * Where an error happened.  Any field may be NULL.
 */
typedef struct loc
{
	const char *ns;
	const char *table;
	const char *column;
	const char *index;
} loc;

static int
loc_fail(farm_error *err, farm_code code, const loc *l, const char *fmt,...)
			__attribute__((format(printf, 4, 5)));

static int
loc_vfail(farm_error *err, farm_code code, const loc *l, const char *fmt, va_list ap)
			__attribute__((format(printf, 4, 0)));

static int
loc_vfail(farm_error *err, farm_code code, const loc *l, const char *fmt, va_list ap)
{
	farm_buf	b;
	char		tail[FARM_ERRMSG_MAX];
	bool		any = false;

	farm_buf_init(&b);
	if (l && l->ns && l->ns[0])
	{
		farm_buf_puts(&b, "namespace ");
		farm_buf_err_name(&b, l->ns, strlen(l->ns));
		any = true;
	}
	if (l && l->table)
	{
		farm_buf_puts(&b, any ? ", table " : "table ");
		farm_buf_err_name(&b, l->table, strlen(l->table));
		any = true;
	}
	if (l && l->column)
	{
		farm_buf_puts(&b, any ? ", column " : "column ");
		farm_buf_err_name(&b, l->column, strlen(l->column));
		any = true;
	}
	if (l && l->index)
	{
		farm_buf_puts(&b, any ? ", index " : "index ");
		farm_buf_err_name(&b, l->index, strlen(l->index));
		any = true;
	}
	vsnprintf(tail, sizeof(tail), fmt, ap);
	if (any)
		farm_buf_puts(&b, ": ");
	farm_buf_puts(&b, tail);
	if (b.oom)
	{
		farm_buf_free(&b);
		return fail_oom(err);
	}
	farm_fail(err, code, "%s", b.data);
	farm_buf_free(&b);
	return code;
}

static int
loc_fail(farm_error *err, farm_code code, const loc *l, const char *fmt,...)
{
	va_list		ap;
	int			rc;

	va_start(ap, fmt);
	rc = loc_vfail(err, code, l, fmt, ap);
	va_end(ap);
	return rc;
}

int
farm_fail_at(farm_error *err, farm_code code, const char *ns, const char *table,
			 const char *column, const char *index, const char *fmt,...)
{
	loc			l = {ns, table, column, index};
	va_list		ap;
	int			rc;

	va_start(ap, fmt);
	rc = loc_vfail(err, code, &l, fmt, ap);
	va_end(ap);
	return rc;
}

/* A user string quoted for a message (bounded, escaped). */
typedef struct qname
{
	char		s[300];
} qname;

static const char *
quote_for_msg(qname *q, const char *s, size_t len)
{
	farm_buf	b;

	farm_buf_init(&b);
	farm_buf_err_name(&b, s, len);
	if (b.oom || b.len >= sizeof(q->s))
		snprintf(q->s, sizeof(q->s), "\"?\"");
	else
		memcpy(q->s, b.data, b.len + 1);
	farm_buf_free(&b);
	return q->s;
}

int
farm_check_namespace(const char *ns, size_t len, farm_error *err)
{
	qname		q;

	if (ns == NULL)
		return farm_fail(err, FARM_EINVALID, "namespace must not be null");
	if (!farm_namespace_valid(ns, len) || strlen(ns) != len)
		return farm_fail(err, FARM_ENAME,
						 "invalid namespace %s: expected 1-63 bytes matching ^[A-Za-z][A-Za-z0-9_-]*$",
						 quote_for_msg(&q, ns, len));
	return FARM_OK;
}

int
farm_check_name_arg(const char *ns, const char *table, const char *what,
					const char *s, size_t len, farm_error *err)
{
	loc			l = {ns, table, NULL, NULL};
	const char *problem;
	qname		q;

	if (s == NULL)
		return loc_fail(err, FARM_EINVALID, &l, "%s name must not be null", what);
	problem = farm_name_problem(s, len);
	if (problem)
		return loc_fail(err, FARM_ENAME, &l, "invalid %s name %s: %s", what,
						quote_for_msg(&q, s, len), problem);
	return FARM_OK;
}

int
farm_check_text_arg(const char *ns, const char *table, const char *what,
					const char *s, size_t len, farm_error *err)
{
	loc			l = {ns, table, NULL, NULL};

	if (s == NULL)
		return loc_fail(err, FARM_EINVALID, &l, "%s must not be null", what);
	if (strlen(s) != len)
		return loc_fail(err, FARM_EINVALID, &l, "%s contains a NUL byte", what);
	return FARM_OK;
}

int
farm_check_bool_arg(const char *ns, const char *table, const char *column,
					const char *what, bool isnull, bool isbool, farm_error *err)
{
	loc			l = {ns, table, column, NULL};

	if (isnull)
		return loc_fail(err, FARM_EINVALID, &l, "%s must not be null", what);
	if (!isbool)
		return loc_fail(err, FARM_EINVALID, &l, "%s must be true or false", what);
	return FARM_OK;
}

/* ----------------------------------------------------------------
 * Types
 * ----------------------------------------------------------------
 */
static const char *const type_names[] = {
	"string", "varchar", "integer", "bigint", "decimal", "bool",
	"date", "timestamp", "json", "binary", "reference"
};

const char *
farm_type_name(farm_type t)
{
	return type_names[t];
}

/* Parse a type name; false if unknown or varchar length out of range. */
static bool
parse_type(const char *s, farm_type *t, long *vlen)
{
	size_t		i;

	if (strncmp(s, "varchar(", 8) == 0)
	{
		const char *p = s + 8;
		long		n = 0;

		if (*p < '1' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
		{
			n = n * 10 + (*p - '0');
			if (n > 10485760)
				return false;
			p++;
		}
		if (p[0] != ')' || p[1] != '\0')
			return false;
		*t = FARM_T_VARCHAR;
		*vlen = n;
		return true;
	}
	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
	{
		if (i == FARM_T_VARCHAR)
			continue;
		if (strcmp(s, type_names[i]) == 0)
		{
			*t = (farm_type) i;
			*vlen = 0;
			return true;
		}
	}
	return false;
}

static void
buf_type(farm_buf *b, const farm_column *c)
{
	if (c->type == FARM_T_VARCHAR)
		farm_buf_printf(b, "varchar(%ld)", c->varchar_len);
	else
		farm_buf_puts(b, farm_type_name(c->type));
}

/* ----------------------------------------------------------------
 * Allocation
 * ----------------------------------------------------------------
 */
static void
column_clear(farm_column *c)
{
	free(c->name);
	free(c->dvalue);
	free(c->references);
	memset(c, 0, sizeof(*c));
}

static void
index_clear(farm_index *x)
{
	int			i;

	free(x->name);
	for (i = 0; i < x->ncolumns; i++)
		free(x->columns[i]);
	free(x->columns);
	memset(x, 0, sizeof(*x));
}

static void
table_free(farm_table *t)
{
	int			i;

	if (t == NULL)
		return;
	free(t->name);
	for (i = 0; i < t->ncols; i++)
		column_clear(&t->cols[i]);
	free(t->cols);
	for (i = 0; i < t->nidx; i++)
		index_clear(&t->idx[i]);
	free(t->idx);
	farm_map_free(&t->colmap);
	free(t);
}

farm_schema *
farm_schema_new(const char *ns)
{
	farm_schema *s = calloc(1, sizeof(farm_schema));

	if (s == NULL)
		return NULL;
	s->ns = farm_strdup(ns ? ns : "");
	if (s->ns == NULL)
	{
		free(s);
		return NULL;
	}
	farm_map_init(&s->tablemap, true);
	farm_map_init(&s->indexmap, true);
	farm_map_init(&s->physmap, true);
	farm_map_init(&s->fkmap, true);
	farm_strlist_init(&s->physnames);
	return s;
}

void
farm_schema_free(farm_schema *s)
{
	int			i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ntables; i++)
		table_free(s->tables[i]);
	free(s->tables);
	farm_map_free(&s->tablemap);
	farm_map_free(&s->indexmap);
	farm_map_free(&s->physmap);
	farm_map_free(&s->fkmap);
	farm_strlist_free(&s->physnames);
	free(s->ns);
	free(s);
}

void
farm_schema_set_gate(farm_schema *s, const farm_gate *g)
{
	s->gate = g;
}

farm_table *
farm_schema_find(const farm_schema *s, const char *table)
{
	int			i = farm_map_get(&s->tablemap, table);

	return i < 0 ? NULL : s->tables[i];
}

farm_column *
farm_table_find(const farm_table *t, const char *column)
{
	int			i = farm_map_get(&t->colmap, column);

	return i < 0 ? NULL : &t->cols[i];
}

static bool
table_push_column(farm_table *t, farm_column *c)
{
	if (t->ncols == t->capcols)
	{
		int			ncap = t->capcols ? t->capcols * 2 : 8;
		farm_column *n = realloc(t->cols, (size_t) ncap * sizeof(farm_column));

		if (n == NULL)
			return false;
		t->cols = n;
		t->capcols = ncap;
		/* the map borrows names, which did not move: nothing to rebuild */
	}
	t->cols[t->ncols] = *c;
	if (!farm_map_put(&t->colmap, t->cols[t->ncols].name, t->ncols))
		return false;
	t->ncols++;
	memset(c, 0, sizeof(*c));
	return true;
}

static bool
table_push_index(farm_table *t, farm_index *x)
{
	if (t->nidx == t->capidx)
	{
		int			ncap = t->capidx ? t->capidx * 2 : 4;
		farm_index *n = realloc(t->idx, (size_t) ncap * sizeof(farm_index));

		if (n == NULL)
			return false;
		t->idx = n;
		t->capidx = ncap;
	}
	t->idx[t->nidx++] = *x;
	memset(x, 0, sizeof(*x));
	return true;
}

static bool
schema_push_table(farm_schema *s, farm_table *t)
{
	if (s->ntables == s->captables)
	{
		int			ncap = s->captables ? s->captables * 2 : 8;
		farm_table **n = realloc(s->tables, (size_t) ncap * sizeof(farm_table *));

		if (n == NULL)
			return false;
		s->tables = n;
		s->captables = ncap;
	}
	if (!farm_map_put(&s->tablemap, t->name, s->ntables))
		return false;
	s->tables[s->ntables++] = t;
	return true;
}

/* ----------------------------------------------------------------
 * Reading definitions (jansson values -> model structs)
 * ----------------------------------------------------------------
 */

/* Reject keys of obj not in the NULL-terminated list `allowed`. */
static int
check_keys(json_t *obj, const char *const *allowed, const char *what,
		   const loc *l, farm_error *err)
{
	const char *key;
	json_t	   *v;

	json_object_foreach(obj, key, v)
	{
		const char *const *a;
		bool		ok = false;
		qname		q;

		(void) v;
		for (a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				ok = true;
		if (!ok)
			return loc_fail(err, FARM_EINVALID, l, "unknown key %s in %s",
							quote_for_msg(&q, key, strlen(key)), what);
	}
	return FARM_OK;
}

/* Read a required name member; *out is borrowed from the JSON value. */
static int
get_name(json_t *obj, const char *what, const loc *l, const char **out,
		 farm_error *err)
{
	json_t	   *v = json_object_get(obj, "name");
	const char *problem;
	qname		q;

	if (v == NULL)
		return loc_fail(err, FARM_EINVALID, l, "%s is missing \"name\"", what);
	if (!farm_jsonnum_is_string(v))
		return loc_fail(err, FARM_EINVALID, l, "%s \"name\" must be a string", what);
	problem = farm_name_problem(json_string_value(v), json_string_length(v));
	if (problem)
		return loc_fail(err, FARM_ENAME, l, "invalid %s name %s: %s", what,
						quote_for_msg(&q, json_string_value(v), json_string_length(v)),
						problem);
	*out = json_string_value(v);
	return FARM_OK;
}

/* SQLite reserves names starting with "sqlite_", case-insensitively. */
static bool
has_sqlite_prefix(const char *name)
{
	char		head[8];

	if (strlen(name) < 7)
		return false;
	memcpy(head, name, 7);
	head[7] = '\0';
	return farm_strcasecmp(head, "sqlite_") == 0;
}

static bool
is_reserved_column(const char *name)
{
	return farm_strcasecmp(name, "id") == 0 ||
		farm_strcasecmp(name, "_internalId") == 0 ||
		farm_strcasecmp(name, "_version") == 0;
}

/*
 * Canonical plain decimal text of a JSON number token ("1.50" -> "1.5",
 * "1e2" -> "100", "-0.0" -> "0"): every digit kept, nothing rounded.
 * NULL when the exponent is beyond any decimal(65,30) value (or OOM).
 */
static char *
decimal_text(const char *tok)
{
	farm_buf	d;
	farm_buf	b;
	const char *p = tok;
	bool		neg = false;
	long		ilen = 0;
	long		exp = 0;
	bool		expneg = false;
	long		point;
	long		first;
	long		last;
	long		k;
	char	   *res;

	farm_buf_init(&d);
	if (*p == '-')
	{
		neg = true;
		p++;
	}
	while (*p >= '0' && *p <= '9')
	{
		farm_buf_putc(&d, *p++);
		ilen++;
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			farm_buf_putc(&d, *p);
	if (*p == 'e' || *p == 'E')
	{
		p++;
		if (*p == '+' || *p == '-')
			expneg = *p++ == '-';
		for (; *p >= '0' && *p <= '9'; p++)
			if ((exp = exp * 10 + (*p - '0')) > 100000)
			{
				farm_buf_free(&d);
				return NULL;
			}
	}
	if (d.oom || d.len == 0)
	{
		farm_buf_free(&d);
		return NULL;
	}
	point = ilen + (expneg ? -exp : exp);
	/* significant digits: d.data[first .. last], the point before index `point` */
	for (first = 0; first < (long) d.len && d.data[first] == '0'; first++)
		;
	for (last = (long) d.len - 1; last >= first && d.data[last] == '0'; last--)
		;
	farm_buf_init(&b);
	if (first > last)
		farm_buf_putc(&b, '0');
	else
	{
		if (neg)
			farm_buf_putc(&b, '-');
		if (point <= first)
			farm_buf_putc(&b, '0');
		for (k = first < point ? first : point; k < point; k++)
			farm_buf_putc(&b, k <= last ? d.data[k] : '0');
		if (last >= point)
		{
			farm_buf_putc(&b, '.');
			for (k = point; k < first; k++)
				farm_buf_putc(&b, '0');
			for (k = point > first ? point : first; k <= last; k++)
				farm_buf_putc(&b, d.data[k]);
		}
	}
	farm_buf_free(&d);
	res = farm_buf_steal(&b);
	farm_buf_free(&b);
	return res;
}

/* Canonical text of a number default (exact: see jsonnum.h). */
static char *
number_text(json_t *v)
{
	char		tmp[64];
	const char *tok = farm_jsonnum_token(v);

	if (tok != NULL)
		return decimal_text(tok);
	snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	return farm_strdup(tmp);
}

/*
 * True if the canonical number text fits PostgreSQL's decimal(65,30) (the
 * type decimal maps to there): fewer than 36 integer digits, at most 30
 * fractional digits, so both hosts and Prisma hold the same value.
 */
static bool
decimal_fits(const char *text)
{
	const char *p = text;
	const char *e = strpbrk(text, "eE");
	long		exp10 = e ? strtol(e + 1, NULL, 10) : 0;
	long		intdigits = 0;
	long		fracdigits = 0;
	bool		seen_point = false;
	bool		leading = true;

	if (*p == '-')
		p++;
	for (; *p && p != e; p++)
	{
		if (*p == '.')
		{
			seen_point = true;
			continue;
		}
		if (seen_point)
			fracdigits++;
		else if (!(leading && *p == '0'))
		{
			intdigits++;
			leading = false;
		}
	}
	/* the exponent moves the point */
	intdigits += exp10;
	fracdigits -= exp10;
	return intdigits <= 35 && fracdigits <= 30;
}

static int
parse_default(json_t *d, farm_column *c, const loc *l, farm_error *err)
{
	static const char *const keys[] = {"value", "dbSpecial", "runtime", NULL};
	json_t	   *v;
	const char *tn = farm_type_name(c->type);
	int			rc;

	if (!json_is_object(d))
		return loc_fail(err, FARM_EINVALID, l, "\"default\" must be an object");
	if ((rc = check_keys(d, keys, "default", l, err)) != FARM_OK)
		return rc;
	if (json_object_size(d) != 1)
		return loc_fail(err, FARM_EINVALID, l,
						"\"default\" must have exactly one of \"value\", \"dbSpecial\", \"runtime\"");
	if ((v = json_object_get(d, "dbSpecial")) != NULL)
	{
		if (!farm_jsonnum_is_string(v) || strcmp(json_string_value(v), "now") != 0)
			return loc_fail(err, FARM_EINVALID, l, "\"dbSpecial\" must be \"now\"");
		if (c->type != FARM_T_DATE && c->type != FARM_T_TIMESTAMP)
			return loc_fail(err, FARM_EINVALID, l,
							"default \"now\" needs type date or timestamp, not %s", tn);
		c->dkind = FARM_D_DB_NOW;
		return FARM_OK;
	}
	if ((v = json_object_get(d, "runtime")) != NULL)
	{
		const char *r = farm_jsonnum_is_string(v) ? json_string_value(v) : "";

		if (strcmp(r, "cuid") == 0)
		{
			if (c->type != FARM_T_STRING && c->type != FARM_T_VARCHAR)
				return loc_fail(err, FARM_EINVALID, l,
								"runtime default \"cuid\" needs type string or varchar, not %s", tn);
			c->dkind = FARM_D_RUNTIME_CUID;
			return FARM_OK;
		}
		if (strcmp(r, "now") == 0)
		{
			if (c->type != FARM_T_DATE && c->type != FARM_T_TIMESTAMP)
				return loc_fail(err, FARM_EINVALID, l,
								"runtime default \"now\" needs type date or timestamp, not %s", tn);
			c->dkind = FARM_D_RUNTIME_NOW;
			return FARM_OK;
		}
		return loc_fail(err, FARM_EINVALID, l, "\"runtime\" must be \"cuid\" or \"now\"");
	}

	v = json_object_get(d, "value");
	if (json_is_null(v))
		return loc_fail(err, FARM_EINVALID, l,
						"default value null is not allowed: leave \"default\" out instead");
	switch (c->type)
	{
		case FARM_T_STRING:
		case FARM_T_VARCHAR:
			if (!farm_jsonnum_is_string(v))
				return loc_fail(err, FARM_EINVALID, l, "default value must be a string for type %s", tn);
			if (c->type == FARM_T_VARCHAR &&
				farm_utf8_count(json_string_value(v)) > (size_t) c->varchar_len)
				return loc_fail(err, FARM_EINVALID, l,
								"default value is longer than varchar(%ld)", c->varchar_len);
			c->dvalue = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
			break;
		case FARM_T_INTEGER:
			if (!json_is_integer(v) || json_integer_value(v) < INT_MIN ||
				json_integer_value(v) > INT_MAX)
				return loc_fail(err, FARM_EINVALID, l,
								"default value must be an integer between -2147483648 and 2147483647");
			c->dvalue = number_text(v);
			break;
		case FARM_T_BIGINT:
			if (farm_jsonnum_token(v) != NULL && strpbrk(farm_jsonnum_token(v), ".eE") == NULL)
				return loc_fail(err, FARM_EINVALID, l,
								"default value must be an integer between -9223372036854775808 and 9223372036854775807");
			if (!json_is_integer(v))
				return loc_fail(err, FARM_EINVALID, l, "default value must be an integer for type bigint");
			c->dvalue = number_text(v);
			break;
		case FARM_T_DECIMAL:
			if (!farm_jsonnum_is_number(v))
				return loc_fail(err, FARM_EINVALID, l, "default value must be a number for type decimal");
			/* the number exactly as written, however many digits (jsonnum.h) */
			c->dvalue = number_text(v);
			if (c->dvalue == NULL && farm_jsonnum_token(v) != NULL)
				return loc_fail(err, FARM_EINVALID, l,
								"default value %.100s does not fit decimal(65,30): at most 35 digits before the point and 30 after",
								farm_jsonnum_token(v));
			if (c->dvalue != NULL && !decimal_fits(c->dvalue))
				return loc_fail(err, FARM_EINVALID, l,
								"default value %.100s does not fit decimal(65,30): at most 35 digits before the point and 30 after",
								farm_jsonnum_token(v) ? farm_jsonnum_token(v) : c->dvalue);
			break;
		case FARM_T_BOOL:
			if (!json_is_boolean(v))
				return loc_fail(err, FARM_EINVALID, l, "default value must be true or false for type bool");
			c->dvalue = farm_strdup(json_is_true(v) ? "true" : "false");
			break;
		case FARM_T_JSON:
			/* numbers exactly as written, however many digits (jsonnum.h) */
			c->dvalue = farm_jsonnum_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS);
			break;
		case FARM_T_DATE:
		case FARM_T_TIMESTAMP:
			return loc_fail(err, FARM_EUNSUPPORTED, l,
							"value defaults are not supported for type %s: use {\"dbSpecial\": \"now\"}", tn);
		case FARM_T_BINARY:
		case FARM_T_REFERENCE:
			return loc_fail(err, FARM_EUNSUPPORTED, l,
							"value defaults are not supported for type %s", tn);
	}
	if (c->dvalue == NULL)
		return fail_oom(err);
	c->dkind = FARM_D_VALUE;
	return FARM_OK;
}

/* Read one column definition into *c (zeroed on entry). */
static int
parse_column(json_t *j, const char *ns, const char *table, farm_column *c,
			 farm_error *err)
{
	static const char *const keys[] = {"name", "type", "nullable", "default", "references", NULL};
	loc			l = {ns, table, NULL, NULL};
	const char *name;
	json_t	   *v;
	int			rc;
	qname		q;

	if (!json_is_object(j))
		return loc_fail(err, FARM_EINVALID, &l, "a column definition must be a JSON object");
	if ((rc = get_name(j, "column", &l, &name, err)) != FARM_OK)
		return rc;
	l.column = name;
	if ((rc = check_keys(j, keys, "column", &l, err)) != FARM_OK)
		return rc;
	if (is_reserved_column(name))
		return loc_fail(err, FARM_ENAME, &l,
						"column name is reserved (id, _internalId and _version are system columns)");
	v = json_object_get(j, "type");
	if (v == NULL)
		return loc_fail(err, FARM_EINVALID, &l, "column is missing \"type\"");
	if (!farm_jsonnum_is_string(v) || !parse_type(json_string_value(v), &c->type, &c->varchar_len))
		return loc_fail(err, FARM_EINVALID, &l,
						"unknown type %s: expected string, varchar(n) with 1 <= n <= 10485760, integer, bigint, decimal, bool, date, timestamp, json, binary or reference",
						farm_jsonnum_is_string(v) ? quote_for_msg(&q, json_string_value(v), json_string_length(v)) : "(not a string)");
	v = json_object_get(j, "nullable");
	if (v != NULL)
	{
		if (!json_is_boolean(v))
			return loc_fail(err, FARM_EINVALID, &l, "\"nullable\" must be true or false");
		c->nullable = json_is_true(v);
	}
	v = json_object_get(j, "references");
	if (c->type == FARM_T_REFERENCE)
	{
		const char *problem;

		if (v == NULL)
			return loc_fail(err, FARM_EINVALID, &l, "a reference column needs \"references\"");
		if (!farm_jsonnum_is_string(v))
			return loc_fail(err, FARM_EINVALID, &l, "\"references\" must be a string");
		problem = farm_name_problem(json_string_value(v), json_string_length(v));
		if (problem)
			return loc_fail(err, FARM_ENAME, &l, "invalid referenced table name %s: %s",
							quote_for_msg(&q, json_string_value(v), json_string_length(v)), problem);
		c->references = farm_strdup(json_string_value(v));
		if (c->references == NULL)
			return fail_oom(err);
	}
	else if (v != NULL)
		return loc_fail(err, FARM_EINVALID, &l, "\"references\" is only allowed on type reference");
	c->name = farm_strdup(name);
	if (c->name == NULL)
		return fail_oom(err);
	v = json_object_get(j, "default");
	if (v != NULL)
		return parse_default(v, c, &l, err);
	return FARM_OK;
}

/* Read one index definition; columns must exist in t. */
static int
parse_index(json_t *j, const char *ns, const farm_table *t, farm_index *x,
			farm_error *err)
{
	static const char *const keys[] = {"name", "columns", "unique", NULL};
	loc			l = {ns, t->name, NULL, NULL};
	const char *name;
	json_t	   *cols;
	json_t	   *v;
	size_t		i;
	int			rc;
	farm_map	seen;
	qname		q;

	if (!json_is_object(j))
		return loc_fail(err, FARM_EINVALID, &l, "an index definition must be a JSON object");
	if ((rc = get_name(j, "index", &l, &name, err)) != FARM_OK)
		return rc;
	l.index = name;
	if ((rc = check_keys(j, keys, "index", &l, err)) != FARM_OK)
		return rc;
	if (has_sqlite_prefix(name))
		return loc_fail(err, FARM_ENAME, &l, "index names must not start with \"sqlite_\" (in any case)");
	v = json_object_get(j, "unique");
	if (v != NULL)
	{
		if (!json_is_boolean(v))
			return loc_fail(err, FARM_EINVALID, &l, "\"unique\" must be true or false");
		x->unique = json_is_true(v);
	}
	cols = json_object_get(j, "columns");
	if (!json_is_array(cols) || json_array_size(cols) == 0)
		return loc_fail(err, FARM_EINVALID, &l, "\"columns\" must be a non-empty array of column names");
	if (json_array_size(cols) > FARM_MAX_INDEX_COLUMNS)
		return loc_fail(err, FARM_EINVALID, &l, "an index has at most %d columns",
						FARM_MAX_INDEX_COLUMNS);
	x->name = farm_strdup(name);
	x->columns = calloc(json_array_size(cols), sizeof(char *));
	if (x->name == NULL || x->columns == NULL)
		return fail_oom(err);
	farm_map_init(&seen, true);
	for (i = 0; i < json_array_size(cols); i++)
	{
		json_t	   *cv = json_array_get(cols, i);
		const farm_column *col;

		if (!farm_jsonnum_is_string(cv))
		{
			farm_map_free(&seen);
			return loc_fail(err, FARM_EINVALID, &l, "index columns must be strings");
		}
		col = farm_table_find(t, json_string_value(cv));
		if (col == NULL)
		{
			farm_map_free(&seen);
			return loc_fail(err, FARM_EUNKNOWN, &l, "unknown column %s",
							quote_for_msg(&q, json_string_value(cv), json_string_length(cv)));
		}
		if (farm_map_get(&seen, col->name) >= 0)
		{
			farm_map_free(&seen);
			return loc_fail(err, FARM_EINVALID, &l, "column %s appears twice",
							quote_for_msg(&q, col->name, strlen(col->name)));
		}
		/* canonical: the column's own spelling */
		x->columns[i] = farm_strdup(col->name);
		x->ncolumns = (int) i + 1;
		if (x->columns[i] == NULL || !farm_map_put(&seen, x->columns[i], (int) i))
		{
			farm_map_free(&seen);
			return fail_oom(err);
		}
	}
	farm_map_free(&seen);
	return FARM_OK;
}

/*
 * Add a column read from JSON to t, checking uniqueness and the limit.
 * `later` marks a column added to an existing table.
 */
static int	resolve_reference(const farm_schema *s, const farm_table *self,
							  farm_column *c, const char *table, farm_error *err);

static int
table_add_column_json(farm_table *t, const farm_schema *s, const char *ns,
					  json_t *j, bool later, farm_error *err)
{
	farm_column c;
	loc			l = {ns, t->name, NULL, NULL};
	int			rc;

	memset(&c, 0, sizeof(c));
	rc = parse_column(j, ns, t->name, &c, err);
	if (rc == FARM_OK && s != NULL && c.type == FARM_T_REFERENCE)
		rc = resolve_reference(s, t, &c, t->name, err);
	if (rc != FARM_OK)
	{
		column_clear(&c);
		return rc;
	}
	l.column = c.name;
	if (farm_table_find(t, c.name) != NULL)
		rc = loc_fail(err, FARM_EDUPLICATE, &l, "column already exists");
	else if (t->ncols >= FARM_MAX_COLUMNS)
		rc = loc_fail(err, FARM_EINVALID, &l, "a table has at most %d columns",
					  FARM_MAX_COLUMNS);
	else if (later && !c.nullable && c.dkind != FARM_D_VALUE && c.dkind != FARM_D_DB_NOW)
		rc = loc_fail(err, FARM_EUNSUPPORTED, &l,
					  "a column added to an existing table must be nullable or have a database default (\"value\" or \"dbSpecial\")");
	else if (!table_push_column(t, &c))
		rc = fail_oom(err);
	column_clear(&c);
	return rc;
}

/*
 * Read a table definition into a new, unattached table.  References are
 * not resolved here (the caller knows the scope).
 */
static int
parse_table(json_t *j, const char *ns, farm_table **out, farm_error *err)
{
	static const char *const keys[] = {"name", "columns", "indexes", NULL};
	loc			l = {ns, NULL, NULL, NULL};
	const char *name;
	json_t	   *cols;
	json_t	   *idxs;
	farm_table *t;
	size_t		i;
	int			rc;
	qname		q;

	*out = NULL;
	if (!json_is_object(j))
		return loc_fail(err, FARM_EINVALID, &l, "a table definition must be a JSON object");
	if ((rc = get_name(j, "table", &l, &name, err)) != FARM_OK)
		return rc;
	l.table = name;
	if ((rc = check_keys(j, keys, "table", &l, err)) != FARM_OK)
		return rc;
	if (has_sqlite_prefix(name))
		return loc_fail(err, FARM_ENAME, &l, "table names must not start with \"sqlite_\" (in any case)");
	cols = json_object_get(j, "columns");
	if (cols != NULL && !json_is_array(cols))
		return loc_fail(err, FARM_EINVALID, &l, "\"columns\" must be an array");
	idxs = json_object_get(j, "indexes");
	if (idxs != NULL && !json_is_array(idxs))
		return loc_fail(err, FARM_EINVALID, &l, "\"indexes\" must be an array");
	if (cols != NULL && json_array_size(cols) > FARM_MAX_COLUMNS)
		return loc_fail(err, FARM_EINVALID, &l, "a table has at most %d columns (got %zu)",
						FARM_MAX_COLUMNS, json_array_size(cols));

	t = calloc(1, sizeof(farm_table));
	if (t == NULL)
		return fail_oom(err);
	farm_map_init(&t->colmap, true);
	t->name = farm_strdup(name);
	if (t->name == NULL)
	{
		table_free(t);
		return fail_oom(err);
	}
	for (i = 0; cols != NULL && i < json_array_size(cols); i++)
	{
		rc = table_add_column_json(t, NULL, ns, json_array_get(cols, i), false, err);
		if (rc != FARM_OK)
		{
			table_free(t);
			return rc;
		}
	}
	t->ninitial = t->ncols;
	for (i = 0; idxs != NULL && i < json_array_size(idxs); i++)
	{
		farm_index	x;
		int			k;

		memset(&x, 0, sizeof(x));
		rc = parse_index(json_array_get(idxs, i), ns, t, &x, err);
		for (k = 0; rc == FARM_OK && k < t->nidx; k++)
			if (farm_strcasecmp(t->idx[k].name, x.name) == 0)
			{
				loc			li = {ns, t->name, NULL, x.name};

				rc = loc_fail(err, FARM_EDUPLICATE, &li, "index name used twice in table %s",
							  quote_for_msg(&q, t->name, strlen(t->name)));
			}
		if (rc == FARM_OK && !table_push_index(t, &x))
			rc = fail_oom(err);
		index_clear(&x);
		if (rc != FARM_OK)
		{
			table_free(t);
			return rc;
		}
	}
	*out = t;
	return FARM_OK;
}

static json_t *
load_json(const char *text, size_t len, const char *what, const loc *l,
		  farm_error *err)
{
	json_error_t jerr;
	json_t	   *j;

	if (text == NULL)
	{
		loc_fail(err, FARM_EINVALID, l, "%s must not be null", what);
		return NULL;
	}
	if (len > FARM_JSON_MAX)
	{
		loc_fail(err, FARM_EINVALID, l, "%s is too large (%zu bytes, limit %zu)", what,
				 len, FARM_JSON_MAX);
		return NULL;
	}
	j = farm_jsonnum_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (j == NULL)
		loc_fail(err, FARM_EINVALID, l, "%s is not valid JSON: %s (line %d, column %d)",
				 what, jerr.text, jerr.line, jerr.column);
	return j;
}

/* ----------------------------------------------------------------
 * Canonical JSON
 * ----------------------------------------------------------------
 */
static void
buf_column_json(farm_buf *b, const farm_column *c)
{
	farm_buf_puts(b, "{\"name\":");
	farm_buf_json_string(b, c->name);
	farm_buf_puts(b, ",\"type\":\"");
	buf_type(b, c);
	farm_buf_putc(b, '"');
	if (c->references)
	{
		farm_buf_puts(b, ",\"references\":");
		farm_buf_json_string(b, c->references);
	}
	if (c->nullable)
		farm_buf_puts(b, ",\"nullable\":true");
	switch (c->dkind)
	{
		case FARM_D_NONE:
			break;
		case FARM_D_VALUE:
			farm_buf_printf(b, ",\"default\":{\"value\":%s}", c->dvalue);
			break;
		case FARM_D_DB_NOW:
			farm_buf_puts(b, ",\"default\":{\"dbSpecial\":\"now\"}");
			break;
		case FARM_D_RUNTIME_CUID:
			farm_buf_puts(b, ",\"default\":{\"runtime\":\"cuid\"}");
			break;
		case FARM_D_RUNTIME_NOW:
			farm_buf_puts(b, ",\"default\":{\"runtime\":\"now\"}");
			break;
	}
	farm_buf_putc(b, '}');
}

static void
buf_index_json(farm_buf *b, const farm_index *x)
{
	int			i;

	farm_buf_puts(b, "{\"name\":");
	farm_buf_json_string(b, x->name);
	farm_buf_puts(b, ",\"columns\":[");
	for (i = 0; i < x->ncolumns; i++)
	{
		if (i)
			farm_buf_putc(b, ',');
		farm_buf_json_string(b, x->columns[i]);
	}
	farm_buf_putc(b, ']');
	if (x->unique)
		farm_buf_puts(b, ",\"unique\":true");
	farm_buf_putc(b, '}');
}

static void
buf_table_json(farm_buf *b, const farm_table *t, bool all_columns)
{
	int			i;
	int			n = all_columns ? t->ncols : t->ninitial;

	farm_buf_puts(b, "{\"name\":");
	farm_buf_json_string(b, t->name);
	farm_buf_puts(b, ",\"columns\":[");
	for (i = 0; i < n; i++)
	{
		if (i)
			farm_buf_putc(b, ',');
		buf_column_json(b, &t->cols[i]);
	}
	farm_buf_puts(b, "],\"indexes\":[");
	for (i = 0; i < t->nidx; i++)
	{
		if (i)
			farm_buf_putc(b, ',');
		buf_index_json(b, &t->idx[i]);
	}
	farm_buf_puts(b, "]}");
}

char *
farm_schema_json(const farm_schema *s)
{
	farm_buf	b;
	int			i;
	char	   *res;

	farm_buf_init(&b);
	farm_buf_puts(&b, "{\"tables\":[");
	for (i = 0; i < s->ntables; i++)
	{
		if (i)
			farm_buf_putc(&b, ',');
		buf_table_json(&b, s->tables[i], true);
	}
	farm_buf_puts(&b, "]}");
	res = farm_buf_steal(&b);
	farm_buf_free(&b);
	return res;
}

/* ----------------------------------------------------------------
 * Applying operations
 * ----------------------------------------------------------------
 */

/* Resolve a reference column against s (self = the table being added). */
static int
resolve_reference(const farm_schema *s, const farm_table *self, farm_column *c,
				  const char *table, farm_error *err)
{
	loc			l = {s->ns, table, c->name, NULL};
	const char *target = NULL;
	const farm_table *t;
	qname		q;

	if (self && farm_strcasecmp(self->name, c->references) == 0)
		target = self->name;
	else if ((t = farm_schema_find(s, c->references)) != NULL)
		target = t->name;
	if (target == NULL)
		return loc_fail(err, FARM_EUNKNOWN, &l, "references unknown table %s",
						quote_for_msg(&q, c->references, strlen(c->references)));
	if (strcmp(target, c->references) != 0)
	{
		char	   *n = farm_strdup(target);

		if (n == NULL)
			return fail_oom(err);
		free(c->references);
		c->references = n;
	}
	return FARM_OK;
}

/* Check an index name of table t against the namespace and register it. */
static int
claim_index_name(farm_schema *s, const farm_table *t, const char *name, int tableno,
				 farm_error *err)
{
	if (farm_map_get(&s->indexmap, name) >= 0)
	{
		loc			l = {s->ns, t->name, NULL, name};

		return loc_fail(err, FARM_EDUPLICATE, &l, "index name already exists in the namespace");
	}
	if (!farm_map_put(&s->indexmap, name, tableno))
		return fail_oom(err);
	return FARM_OK;
}

/*
 * How a physical name is claimed: a relation name (table, key, index,
 * sequence: one pg_class name space) or a foreign-key name; `gate_rule`
 * marks a claim that only the gate makes strict (on replay a registry
 * written before the rule existed keeps loading).
 */
typedef enum claim_kind
{
	CLAIM_RELATION,
	CLAIM_RELATION_GATE,
	CLAIM_FK
} claim_kind;

/*
 * Reserve one physical name (malloc'd, taken over) of table number tableno
 * (FARM_PHYS_INTERNAL for the internal schema's) for the object described
 * by l.  Relation names are unique among relation names; foreign-key names
 * among foreign-key names (MySQL: database-wide).  Both kinds are unique
 * within one table too (Prisma's PostgreSQL constraint names: a model's
 * primary key, indexes, uniques and foreign keys share one name space).
 * While gating, the other namespaces' names count as well.
 */
static int
claim_phys(farm_schema *s, char *phys, const loc *l, const char *what, int tableno,
		   claim_kind kind, farm_error *err)
{
	bool		fk = kind == CLAIM_FK;
	farm_map   *own = fk ? &s->fkmap : &s->physmap;
	farm_map   *cross = fk ? &s->physmap : &s->fkmap;
	qname		q;
	int			rc;

	if (phys == NULL)
		return fail_oom(err);
	if (farm_map_get(own, phys) >= 0)
	{
		if (kind != CLAIM_RELATION && !s->gating)
		{
			free(phys);
			return FARM_OK;
		}
		if (fk)
			loc_fail(err, FARM_EDUPLICATE, l,
					 "the foreign-key name %s of this %s is already used by another foreign key (MySQL: foreign-key names are unique in the whole database)",
					 quote_for_msg(&q, phys, strlen(phys)), what);
		else
			loc_fail(err, FARM_EDUPLICATE, l,
					 "the physical name %s of this %s is already used by another table or index",
					 quote_for_msg(&q, phys, strlen(phys)), what);
		free(phys);
		return FARM_EDUPLICATE;
	}
	if (s->gating)
	{
		rc = FARM_OK;
		if (tableno != FARM_PHYS_INTERNAL && farm_map_get(cross, phys) == tableno)
			rc = loc_fail(err, FARM_EDUPLICATE, l,
						  "the name %s of this %s is already used by %s of the same table (Prisma, PostgreSQL: a model's primary key, indexes, unique constraints and foreign keys share one name space)",
						  quote_for_msg(&q, phys, strlen(phys)), what,
						  fk ? "an index or key" : "a foreign key");
		if (rc == FARM_OK)
			rc = farm_gate_claim(s->gate, s, l->table, l->column, l->index, phys, fk, what, err);
		if (rc != FARM_OK)
		{
			free(phys);
			return rc;
		}
	}
	if (!farm_strlist_push_owned(&s->physnames, phys, strlen(phys)))
		return fail_oom(err);
	if (!farm_map_put(own, s->physnames.items[s->physnames.n - 1], tableno))
		return fail_oom(err);
	return FARM_OK;
}

static int	claim_table_phys(farm_schema *s, const char *ns, const farm_table *t,
							 int tableno, bool with_table, int from_index,
							 int from_col, farm_error *err);

/* The internal schema's names are taken in every namespace. */
static int
seed_internal_phys(farm_schema *s, farm_error *err)
{
	farm_schema *in;
	int			i;
	int			rc = FARM_OK;

	if (s->ns[0] == '\0' || s->physnames.n > 0)
		return FARM_OK;
	in = farm_internal_schema(err);
	if (in == NULL)
		return err->code;
	for (i = 0; i < in->ntables && rc == FARM_OK; i++)
		rc = claim_table_phys(s, "", in->tables[i], FARM_PHYS_INTERNAL, true, 0, 0, err);
	farm_schema_free(in);
	return rc;
}

/*
 * Claim the names of table t (number tableno): its own (with_table), its
 * indexes from from_index on and the foreign keys of its columns from
 * from_col on; while gating, check the gate's rules for each of them.
 */
static int
claim_table_phys(farm_schema *s, const char *ns, const farm_table *t, int tableno,
				 bool with_table, int from_index, int from_col, farm_error *err)
{
	loc			l = {s->ns, t->name, NULL, NULL};
	bool		gate = s->gating && tableno != FARM_PHYS_INTERNAL;
	char	   *phys;
	int			rc = FARM_OK;
	int			i;

	for (i = from_col; gate && i < t->ncols; i++)
		if ((rc = farm_gate_column(s, t, &t->cols[i], err)) != FARM_OK)
			return rc;
	if (with_table)
	{
		phys = farm_table_physical(ns, t->name);
		if (phys == NULL)
			return fail_oom(err);
		if (gate)
			rc = farm_gate_table(s, t, phys, err);
		if (rc == FARM_OK)
		{
			char	   *pkey = farm_physical_name3(phys, "_pkey", "");
			char	   *idkey = farm_physical_name3(phys, "_id_key", "");
			/* the name PostgreSQL gives the sequence of the bigserial _internalId */
			char	   *seq = farm_gate_pg_sequence(phys);

			/* each claim takes its name over, also when it fails */
			rc = claim_phys(s, phys, &l, "table", tableno, CLAIM_RELATION, err);
			phys = NULL;
			if (rc == FARM_OK)
			{
				rc = claim_phys(s, pkey, &l, "table's primary key", tableno, CLAIM_RELATION, err);
				pkey = NULL;
			}
			if (rc == FARM_OK)
			{
				rc = claim_phys(s, idkey, &l, "table's id index", tableno, CLAIM_RELATION, err);
				idkey = NULL;
			}
			if (rc == FARM_OK)
			{
				rc = claim_phys(s, seq, &l, "table's id sequence", tableno, CLAIM_RELATION_GATE, err);
				seq = NULL;
			}
			free(pkey);
			free(idkey);
			free(seq);
		}
		free(phys);
		if (rc != FARM_OK)
			return rc;
	}
	for (i = from_index; i < t->nidx; i++)
	{
		loc			li = {s->ns, t->name, NULL, t->idx[i].name};

		phys = farm_index_physical(ns, t->idx[i].name);
		if (phys == NULL)
			return fail_oom(err);
		if (gate && (rc = farm_gate_index(s, t, &t->idx[i], phys, err)) != FARM_OK)
		{
			free(phys);
			return rc;
		}
		rc = claim_phys(s, phys, &li, "index", tableno, CLAIM_RELATION, err);
		if (rc != FARM_OK)
			return rc;
	}
	phys = NULL;
	for (i = from_col; i < t->ncols; i++)
	{
		loc			lc = {s->ns, t->name, t->cols[i].name, NULL};

		if (t->cols[i].type != FARM_T_REFERENCE)
			continue;
		if (phys == NULL && (phys = farm_table_physical(ns, t->name)) == NULL)
			return fail_oom(err);
		rc = claim_phys(s, farm_fk_physical(phys, t->cols[i].name), &lc, "column's foreign key",
						tableno, CLAIM_FK, err);
		if (rc != FARM_OK)
			break;
	}
	free(phys);
	return rc;
}

static int
apply_add_table(farm_schema *s, json_t *tj, farm_error *err)
{
	farm_table *t;
	int			rc;
	int			i;

	rc = parse_table(tj, s->ns, &t, err);
	if (rc != FARM_OK)
		return rc;
	if (farm_schema_find(s, t->name) != NULL)
	{
		loc			l = {s->ns, t->name, NULL, NULL};

		/* report before freeing: l borrows t->name */
		rc = loc_fail(err, FARM_EDUPLICATE, &l, "table already exists");
		table_free(t);
		return rc;
	}
	for (i = 0; i < t->ncols; i++)
		if (t->cols[i].type == FARM_T_REFERENCE &&
			(rc = resolve_reference(s, t, &t->cols[i], t->name, err)) != FARM_OK)
		{
			table_free(t);
			return rc;
		}
	/* index names are checked now and registered once t belongs to s */
	for (i = 0; i < t->nidx; i++)
		if (farm_map_get(&s->indexmap, t->idx[i].name) >= 0)
		{
			loc			l = {s->ns, t->name, NULL, t->idx[i].name};

			rc = loc_fail(err, FARM_EDUPLICATE, &l, "index name already exists in the namespace");
			table_free(t);
			return rc;
		}
	if ((rc = seed_internal_phys(s, err)) != FARM_OK ||
		(rc = claim_table_phys(s, s->ns, t, s->ntables, true, 0, 0, err)) != FARM_OK)
	{
		table_free(t);
		return rc;
	}
	if (!schema_push_table(s, t))
	{
		table_free(t);
		return fail_oom(err);
	}
	for (i = 0; i < t->nidx; i++)
		if ((rc = claim_index_name(s, t, t->idx[i].name, s->ntables - 1, err)) != FARM_OK)
			return rc;
	return FARM_OK;
}

static int
apply_alter_table(farm_schema *s, json_t *op, farm_error *err)
{
	static const char *const keys[] = {"op", "table", "addColumns", "addIndexes", "setNullable", NULL};
	json_t	   *tn = json_object_get(op, "table");
	json_t	   *cols = json_object_get(op, "addColumns");
	json_t	   *idxs = json_object_get(op, "addIndexes");
	json_t	   *nulls = json_object_get(op, "setNullable");
	farm_table *t;
	loc			l = {s->ns, NULL, NULL, NULL};
	size_t		i;
	int			rc;
	int			tableno;
	int			ncols;

	if ((rc = check_keys(op, keys, "operation", &l, err)) != FARM_OK)
		return rc;
	if (!farm_jsonnum_is_string(tn))
		return loc_fail(err, FARM_ECORRUPT, &l, "alter-table operation without a table");
	tableno = farm_map_get(&s->tablemap, json_string_value(tn));
	if (tableno < 0)
	{
		l.table = json_string_value(tn);
		return loc_fail(err, FARM_EUNKNOWN, &l, "table does not exist");
	}
	t = s->tables[tableno];
	l.table = t->name;
	if ((cols && !json_is_array(cols)) || (idxs && !json_is_array(idxs)) ||
		(nulls && !json_is_array(nulls)))
		return loc_fail(err, FARM_ECORRUPT, &l, "malformed alter-table operation");
	ncols = t->ncols;
	for (i = 0; cols && i < json_array_size(cols); i++)
	{
		rc = table_add_column_json(t, s, s->ns, json_array_get(cols, i), true, err);
		if (rc != FARM_OK)
			return rc;
	}
	/* the new columns' foreign-key names and gate rules */
	if (t->ncols > ncols &&
		((rc = seed_internal_phys(s, err)) != FARM_OK ||
		 (rc = claim_table_phys(s, s->ns, t, tableno, false, t->nidx, ncols, err)) != FARM_OK))
		return rc;
	for (i = 0; idxs && i < json_array_size(idxs); i++)
	{
		farm_index	x;

		memset(&x, 0, sizeof(x));
		rc = parse_index(json_array_get(idxs, i), s->ns, t, &x, err);
		if (rc == FARM_OK)
			rc = claim_index_name(s, t, x.name, tableno, err);
		if (rc == FARM_OK && !table_push_index(t, &x))
			rc = fail_oom(err);
		index_clear(&x);
		if (rc == FARM_OK)
			rc = seed_internal_phys(s, err);
		if (rc == FARM_OK)
			rc = claim_table_phys(s, s->ns, t, tableno, false, t->nidx - 1, t->ncols, err);
		if (rc != FARM_OK)
			return rc;
	}
	for (i = 0; nulls && i < json_array_size(nulls); i++)
	{
		json_t	   *e = json_array_get(nulls, i);
		json_t	   *cn = json_object_get(e, "column");
		json_t	   *nv = json_object_get(e, "nullable");
		farm_column *c;

		if (!farm_jsonnum_is_string(cn) || !json_is_boolean(nv))
			return loc_fail(err, FARM_ECORRUPT, &l, "malformed setNullable entry");
		c = farm_table_find(t, json_string_value(cn));
		if (c == NULL)
		{
			l.column = json_string_value(cn);
			if (is_reserved_column(l.column))
				return loc_fail(err, FARM_EUNSUPPORTED, &l,
								"the nullability of a system column cannot change");
			return loc_fail(err, FARM_EUNKNOWN, &l, "column does not exist");
		}
		c->nullable = json_is_true(nv);
	}
	return FARM_OK;
}

int
farm_apply_op(farm_schema *s, const char *text, size_t len, farm_error *err)
{
	loc			l = {s->ns, NULL, NULL, NULL};
	json_t	   *op = load_json(text, len, "stored operation", &l, err);
	json_t	   *kind;
	int			rc;

	if (op == NULL)
		return err ? (err->code = FARM_ECORRUPT) : FARM_ECORRUPT;
	kind = json_object_get(op, "op");
	if (farm_jsonnum_is_string(kind) && strcmp(json_string_value(kind), "add-table") == 0)
	{
		static const char *const keys[] = {"op", "table", NULL};

		rc = check_keys(op, keys, "operation", &l, err);
		if (rc == FARM_OK)
			rc = apply_add_table(s, json_object_get(op, "table"), err);
	}
	else if (farm_jsonnum_is_string(kind) && strcmp(json_string_value(kind), "alter-table") == 0)
		rc = apply_alter_table(s, op, err);
	else
		rc = loc_fail(err, FARM_ECORRUPT, &l, "unknown operation in the registry");
	json_decref(op);
	if (rc == FARM_OK)
		s->version++;
	return rc;
}

farm_schema *
farm_schema_replay(const char *ns, char *const *ops, const size_t *lens,
				   int nops, int upto, farm_error *err)
{
	farm_schema *s = farm_schema_new(ns);
	int			i;

	if (s == NULL)
	{
		fail_oom(err);
		return NULL;
	}
	if (upto < 0 || upto > nops)
		upto = nops;
	for (i = 0; i < upto; i++)
	{
		if (farm_apply_op(s, ops[i], lens[i], err) != FARM_OK)
		{
			char		prev[FARM_ERRMSG_MAX];

			if (err->code == FARM_ENOMEM)
			{
				farm_schema_free(s);
				return NULL;
			}

			/* a stored operation that no longer applies: the registry is damaged */
			memcpy(prev, err->msg, sizeof(prev));
			prev[sizeof(prev) - 1] = '\0';
			farm_fail(err, FARM_ECORRUPT, "registry of namespace \"%s\" is damaged at version %d: %.900s",
					  ns, i + 1, prev);
			farm_schema_free(s);
			return NULL;
		}
	}
	return s;
}

/* ----------------------------------------------------------------
 * The internal schema
 * ----------------------------------------------------------------
 */
static const char *const internal_ops[] = {
	"{\"op\":\"add-table\",\"table\":{\"name\":\"fragno_db_settings\",\"columns\":["
	"{\"name\":\"key\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"string\"}],"
	"\"indexes\":[{\"name\":\"unique_key\",\"columns\":[\"key\"],\"unique\":true}]}}",
	"{\"op\":\"add-table\",\"table\":{\"name\":\"fragno_hooks\",\"columns\":["
	"{\"name\":\"namespace\",\"type\":\"string\"},"
	"{\"name\":\"hookName\",\"type\":\"string\"},"
	"{\"name\":\"payload\",\"type\":\"json\"},"
	"{\"name\":\"status\",\"type\":\"string\"},"
	"{\"name\":\"attempts\",\"type\":\"integer\",\"default\":{\"value\":0}},"
	"{\"name\":\"maxAttempts\",\"type\":\"integer\",\"default\":{\"value\":5}},"
	"{\"name\":\"lastAttemptAt\",\"type\":\"timestamp\",\"nullable\":true},"
	"{\"name\":\"nextRetryAt\",\"type\":\"timestamp\",\"nullable\":true},"
	"{\"name\":\"error\",\"type\":\"string\",\"nullable\":true},"
	"{\"name\":\"createdAt\",\"type\":\"timestamp\",\"default\":{\"dbSpecial\":\"now\"}},"
	"{\"name\":\"nonce\",\"type\":\"string\"}],"
	"\"indexes\":[{\"name\":\"idx_namespace_status_retry\",\"columns\":[\"namespace\",\"status\",\"nextRetryAt\"]},"
	"{\"name\":\"idx_nonce\",\"columns\":[\"nonce\"]}]}}"
};

int
farm_internal_nops(void)
{
	return (int) (sizeof(internal_ops) / sizeof(internal_ops[0]));
}

const char *
farm_internal_op(int i)
{
	return internal_ops[i];
}

farm_schema *
farm_internal_schema(farm_error *err)
{
	size_t		lens[2];
	int			i;

	for (i = 0; i < farm_internal_nops(); i++)
		lens[i] = strlen(internal_ops[i]);
	return farm_schema_replay("", (char *const *) internal_ops, lens,
							  farm_internal_nops(), -1, err);
}

/* ----------------------------------------------------------------
 * Write operations
 * ----------------------------------------------------------------
 */

/* Serialize, apply and record one operation. */
static int
emit_op(farm_schema *s, farm_buf *b, farm_strlist *out, farm_error *err)
{
	int			rc;

	if (b->oom)
		return fail_oom(err);
	/* the namespace's first operation: its Prisma model names must be its own */
	if (s->version == 0 && (rc = farm_gate_namespace(s->gate, s->ns, err)) != FARM_OK)
		return rc;
	s->gating = true;
	rc = farm_apply_op(s, b->data, b->len, err);
	s->gating = false;
	if (rc != FARM_OK)
		return rc;
	if (!farm_strlist_push_buf(out, b))
		return fail_oom(err);
	return FARM_OK;
}

static int
emit_add_table(farm_schema *s, const farm_table *t, farm_strlist *out, farm_error *err)
{
	farm_buf	b;
	int			rc;

	farm_buf_init(&b);
	farm_buf_puts(&b, "{\"op\":\"add-table\",\"table\":");
	buf_table_json(&b, t, true);
	farm_buf_putc(&b, '}');
	rc = emit_op(s, &b, out, err);
	farm_buf_free(&b);
	return rc;
}

int
farm_op_add_table(farm_schema *s, const char *json, size_t len,
				  farm_strlist *out, farm_error *err)
{
	loc			l = {s->ns, NULL, NULL, NULL};
	json_t	   *j = load_json(json, len, "table definition", &l, err);
	farm_table *t;
	int			rc;

	if (j == NULL)
		return err->code;
	rc = parse_table(j, s->ns, &t, err);
	json_decref(j);
	if (rc != FARM_OK)
		return rc;
	rc = emit_add_table(s, t, out, err);
	table_free(t);
	return rc;
}

static int
find_table_arg(farm_schema *s, const char *table, farm_table **t, farm_error *err)
{
	loc			l = {s->ns, table, NULL, NULL};
	int			rc = farm_check_name_arg(s->ns, NULL, "table", table, table ? strlen(table) : 0, err);

	if (rc != FARM_OK)
		return rc;
	*t = farm_schema_find(s, table);
	if (*t == NULL)
		return loc_fail(err, FARM_EUNKNOWN, &l, "table does not exist");
	return FARM_OK;
}

int
farm_op_add_column(farm_schema *s, const char *table, const char *json,
				   size_t len, farm_strlist *out, farm_error *err)
{
	farm_table *t;
	loc			l = {s->ns, table, NULL, NULL};
	json_t	   *j;
	farm_column c;
	farm_buf	b;
	int			rc;

	if ((rc = find_table_arg(s, table, &t, err)) != FARM_OK)
		return rc;
	l.table = t->name;
	j = load_json(json, len, "column definition", &l, err);
	if (j == NULL)
		return err->code;
	memset(&c, 0, sizeof(c));
	rc = parse_column(j, s->ns, t->name, &c, err);
	json_decref(j);
	if (rc != FARM_OK)
	{
		column_clear(&c);
		return rc;
	}
	farm_buf_init(&b);
	farm_buf_puts(&b, "{\"op\":\"alter-table\",\"table\":");
	farm_buf_json_string(&b, t->name);
	farm_buf_puts(&b, ",\"addColumns\":[");
	buf_column_json(&b, &c);
	farm_buf_puts(&b, "]}");
	column_clear(&c);
	rc = emit_op(s, &b, out, err);
	farm_buf_free(&b);
	return rc;
}

int
farm_op_add_index(farm_schema *s, const char *table, const char *json,
				  size_t len, farm_strlist *out, farm_error *err)
{
	farm_table *t;
	loc			l = {s->ns, table, NULL, NULL};
	json_t	   *j;
	farm_index	x;
	farm_buf	b;
	int			rc;

	if ((rc = find_table_arg(s, table, &t, err)) != FARM_OK)
		return rc;
	l.table = t->name;
	j = load_json(json, len, "index definition", &l, err);
	if (j == NULL)
		return err->code;
	memset(&x, 0, sizeof(x));
	rc = parse_index(j, s->ns, t, &x, err);
	json_decref(j);
	if (rc != FARM_OK)
	{
		index_clear(&x);
		return rc;
	}
	farm_buf_init(&b);
	farm_buf_puts(&b, "{\"op\":\"alter-table\",\"table\":");
	farm_buf_json_string(&b, t->name);
	farm_buf_puts(&b, ",\"addIndexes\":[");
	buf_index_json(&b, &x);
	farm_buf_puts(&b, "]}");
	index_clear(&x);
	rc = emit_op(s, &b, out, err);
	farm_buf_free(&b);
	return rc;
}

int
farm_op_set_nullable(farm_schema *s, const char *table, const char *column,
					 bool nullable, farm_strlist *out, farm_error *err)
{
	farm_table *t;
	farm_column *c;
	loc			l = {s->ns, table, column, NULL};
	farm_buf	b;
	int			rc;

	if ((rc = find_table_arg(s, table, &t, err)) != FARM_OK)
		return rc;
	l.table = t->name;
	if ((rc = farm_check_name_arg(s->ns, t->name, "column", column, column ? strlen(column) : 0, err)) != FARM_OK)
		return rc;
	c = farm_table_find(t, column);
	if (c == NULL)
	{
		if (is_reserved_column(column))
			return loc_fail(err, FARM_EUNSUPPORTED, &l,
							"the nullability of a system column cannot change");
		return loc_fail(err, FARM_EUNKNOWN, &l, "column does not exist");
	}
	if (c->nullable == nullable)
		return FARM_OK;			/* nothing changes: nothing appended */
	farm_buf_init(&b);
	farm_buf_puts(&b, "{\"op\":\"alter-table\",\"table\":");
	farm_buf_json_string(&b, t->name);
	farm_buf_puts(&b, ",\"setNullable\":[{\"column\":");
	farm_buf_json_string(&b, c->name);
	farm_buf_printf(&b, ",\"nullable\":%s}]}", nullable ? "true" : "false");
	rc = emit_op(s, &b, out, err);
	farm_buf_free(&b);
	return rc;
}

/* ----------------------------------------------------------------
 * Declarative registration
 * ----------------------------------------------------------------
 */
static bool
same_default(const farm_column *a, const farm_column *b)
{
	if (a->dkind != b->dkind)
		return false;
	if (a->dkind == FARM_D_VALUE)
		return strcmp(a->dvalue, b->dvalue) == 0;
	return true;
}

static void
buf_default_desc(farm_buf *b, const farm_column *c)
{
	switch (c->dkind)
	{
		case FARM_D_NONE:
			farm_buf_puts(b, "none");
			break;
		case FARM_D_VALUE:
			farm_buf_puts(b, c->dvalue);
			break;
		case FARM_D_DB_NOW:
			farm_buf_puts(b, "dbSpecial now");
			break;
		case FARM_D_RUNTIME_CUID:
			farm_buf_puts(b, "runtime cuid");
			break;
		case FARM_D_RUNTIME_NOW:
			farm_buf_puts(b, "runtime now");
			break;
	}
}

/*
 * Compare one existing table with its desired form; write the alter-table
 * operation (if anything is added or changes nullability) into b.
 */
static int
diff_table(const farm_schema *s, const farm_table *cur, const farm_table *want,
		   farm_buf *b, farm_error *err)
{
	loc			l = {s->ns, cur->name, NULL, NULL};
	int			i;
	int			j;
	bool		any_cols = false;
	bool		any_idx = false;
	bool		any_null = false;
	farm_map	curidx;
	qname		q;

	if (strcmp(cur->name, want->name) != 0)
		return loc_fail(err, FARM_EUNSUPPORTED, &l, "renaming a table is not supported (to %s)",
						quote_for_msg(&q, want->name, strlen(want->name)));
	for (i = 0; i < cur->ncols; i++)
	{
		const farm_column *c = &cur->cols[i];
		const farm_column *w = farm_table_find(want, c->name);

		l.column = c->name;
		if (w == NULL)
			return loc_fail(err, FARM_EUNSUPPORTED, &l, "dropping a column is not supported");
		if (strcmp(c->name, w->name) != 0)
			return loc_fail(err, FARM_EUNSUPPORTED, &l, "renaming a column is not supported (to %s)",
							quote_for_msg(&q, w->name, strlen(w->name)));
		if (c->type != w->type || c->varchar_len != w->varchar_len)
		{
			farm_buf	tb;
			farm_buf	wb;
			int			rc;

			farm_buf_init(&tb);
			farm_buf_init(&wb);
			buf_type(&tb, c);
			buf_type(&wb, w);
			rc = loc_fail(err, FARM_EUNSUPPORTED, &l,
						  "changing the type of a column is not supported (from %s to %s)",
						  tb.data ? tb.data : "?", wb.data ? wb.data : "?");
			farm_buf_free(&tb);
			farm_buf_free(&wb);
			return rc;
		}
		if (c->type == FARM_T_REFERENCE &&
			farm_strcasecmp(c->references, w->references) != 0)
		{
			qname		q2;

			return loc_fail(err, FARM_EUNSUPPORTED, &l,
							"changing the referenced table is not supported (from %s to %s)",
							quote_for_msg(&q, c->references, strlen(c->references)),
							quote_for_msg(&q2, w->references, strlen(w->references)));
		}
		if (!same_default(c, w))
		{
			farm_buf	db;
			int			rc;

			farm_buf_init(&db);
			buf_default_desc(&db, c);
			farm_buf_puts(&db, " to ");
			buf_default_desc(&db, w);
			rc = loc_fail(err, FARM_EUNSUPPORTED, &l,
						  "changing a column default is not supported (from %.200s)",
						  db.data ? db.data : "?");
			farm_buf_free(&db);
			return rc;
		}
	}
	l.column = NULL;
	farm_map_init(&curidx, true);
	for (i = 0; i < cur->nidx; i++)
	{
		const farm_index *x = &cur->idx[i];
		const farm_index *w = NULL;
		bool		same;

		if (!farm_map_put(&curidx, x->name, i))
		{
			farm_map_free(&curidx);
			return fail_oom(err);
		}
		l.index = x->name;
		/* indexes per table are few: a linear scan stays O(indexes) */
		for (j = 0; j < want->nidx; j++)
			if (farm_strcasecmp(want->idx[j].name, x->name) == 0)
				w = &want->idx[j];
		if (w == NULL)
		{
			farm_map_free(&curidx);
			return loc_fail(err, FARM_EUNSUPPORTED, &l, "dropping an index is not supported");
		}
		same = strcmp(w->name, x->name) == 0 && w->unique == x->unique &&
			w->ncolumns == x->ncolumns;
		for (j = 0; same && j < x->ncolumns; j++)
			same = farm_strcasecmp(w->columns[j], x->columns[j]) == 0;
		if (!same)
		{
			farm_map_free(&curidx);
			return loc_fail(err, FARM_EUNSUPPORTED, &l,
							"changing or renaming an index is not supported");
		}
	}
	l.index = NULL;

	farm_buf_puts(b, "{\"op\":\"alter-table\",\"table\":");
	farm_buf_json_string(b, cur->name);
	for (i = 0; i < want->ncols; i++)
	{
		if (farm_table_find(cur, want->cols[i].name) != NULL)
			continue;
		farm_buf_puts(b, any_cols ? "," : ",\"addColumns\":[");
		buf_column_json(b, &want->cols[i]);
		any_cols = true;
	}
	if (any_cols)
		farm_buf_putc(b, ']');
	for (i = 0; i < want->nidx; i++)
	{
		if (farm_map_get(&curidx, want->idx[i].name) >= 0)
			continue;
		farm_buf_puts(b, any_idx ? "," : ",\"addIndexes\":[");
		buf_index_json(b, &want->idx[i]);
		any_idx = true;
	}
	farm_map_free(&curidx);
	if (any_idx)
		farm_buf_putc(b, ']');
	for (i = 0; i < cur->ncols; i++)
	{
		const farm_column *w = farm_table_find(want, cur->cols[i].name);

		if (w->nullable == cur->cols[i].nullable)
			continue;
		farm_buf_puts(b, any_null ? "," : ",\"setNullable\":[");
		farm_buf_puts(b, "{\"column\":");
		farm_buf_json_string(b, cur->cols[i].name);
		farm_buf_printf(b, ",\"nullable\":%s}", w->nullable ? "true" : "false");
		any_null = true;
	}
	if (any_null)
		farm_buf_putc(b, ']');
	farm_buf_putc(b, '}');
	if (!any_cols && !any_idx && !any_null)
		farm_buf_reset(b);
	return b->oom ? fail_oom(err) : FARM_OK;
}

/*
 * Order the new tables so that each comes after the new tables it
 * references (iterative depth-first search, linear).  `order` receives
 * indexes into want[].
 */
static int
order_new_tables(const farm_schema *s, farm_table **want, int nwant,
				 const farm_map *wantmap, const bool *isnew, int *order,
				 int *norder, farm_error *err)
{
	char	   *state = calloc((size_t) nwant + 1, 1);	/* 0 new, 1 open, 2 done */
	int		   *stack = malloc(((size_t) nwant + 1) * sizeof(int));
	int		   *next = calloc((size_t) nwant + 1, sizeof(int));
	int			i;
	int			rc = FARM_OK;

	*norder = 0;
	if (state == NULL || stack == NULL || next == NULL)
	{
		free(state);
		free(stack);
		free(next);
		return fail_oom(err);
	}
	for (i = 0; i < nwant && rc == FARM_OK; i++)
	{
		int			sp = 0;

		if (!isnew[i] || state[i])
			continue;
		stack[sp++] = i;
		state[i] = 1;
		while (sp > 0 && rc == FARM_OK)
		{
			int			v = stack[sp - 1];
			farm_table *t = want[v];

			if (next[v] < t->ncols)
			{
				farm_column *c = &t->cols[next[v]++];
				int			w;

				if (c->type != FARM_T_REFERENCE)
					continue;
				w = farm_map_get(wantmap, c->references);
				if (w < 0 || w == v || !isnew[w] || state[w] == 2)
					continue;
				if (state[w] == 1)
				{
					loc			l = {s->ns, t->name, c->name, NULL};

					rc = loc_fail(err, FARM_EUNSUPPORTED, &l,
								  "new tables reference each other in a cycle: register one of the references later with farm_add_column");
					break;
				}
				state[w] = 1;
				stack[sp++] = w;
			}
			else
			{
				state[v] = 2;
				order[(*norder)++] = v;
				sp--;
			}
		}
	}
	free(state);
	free(stack);
	free(next);
	return rc;
}

int
farm_op_register(farm_schema *s, const char *json, size_t len,
				 farm_strlist *out, farm_error *err)
{
	static const char *const keys[] = {"tables", NULL};
	loc			l = {s->ns, NULL, NULL, NULL};
	json_t	   *j = load_json(json, len, "schema definition", &l, err);
	json_t	   *tables;
	farm_table **want = NULL;
	bool	   *isnew = NULL;
	int		   *order = NULL;
	int			norder = 0;
	int			nwant = 0;
	farm_map	wantmap;
	farm_map	idxnames;
	farm_buf	b;
	int			rc = FARM_OK;
	int			i;
	int			k;

	if (j == NULL)
		return err->code;
	farm_map_init(&wantmap, true);
	farm_map_init(&idxnames, true);
	farm_buf_init(&b);
	if (!json_is_object(j))
	{
		rc = loc_fail(err, FARM_EINVALID, &l, "a schema definition must be a JSON object with \"tables\"");
		goto cleanup;
	}
	if ((rc = check_keys(j, keys, "schema", &l, err)) != FARM_OK)
		goto cleanup;
	tables = json_object_get(j, "tables");
	if (!json_is_array(tables))
	{
		rc = loc_fail(err, FARM_EINVALID, &l, "\"tables\" must be an array");
		goto cleanup;
	}
	want = calloc(json_array_size(tables) + 1, sizeof(farm_table *));
	isnew = calloc(json_array_size(tables) + 1, sizeof(bool));
	order = calloc(json_array_size(tables) + 1, sizeof(int));
	if (want == NULL || isnew == NULL || order == NULL)
	{
		rc = fail_oom(err);
		goto cleanup;
	}

	/* 1. read and validate the desired schema on its own */
	for (i = 0; i < (int) json_array_size(tables); i++)
	{
		rc = parse_table(json_array_get(tables, i), s->ns, &want[i], err);
		if (rc != FARM_OK)
			goto cleanup;
		nwant = i + 1;
		if (farm_map_get(&wantmap, want[i]->name) >= 0)
		{
			l.table = want[i]->name;
			rc = loc_fail(err, FARM_EDUPLICATE, &l, "table defined twice");
			goto cleanup;
		}
		if (!farm_map_put(&wantmap, want[i]->name, i))
		{
			rc = fail_oom(err);
			goto cleanup;
		}
		for (k = 0; k < want[i]->nidx; k++)
		{
			if (farm_map_get(&idxnames, want[i]->idx[k].name) >= 0)
			{
				loc			li = {s->ns, want[i]->name, NULL, want[i]->idx[k].name};

				rc = loc_fail(err, FARM_EDUPLICATE, &li, "index name already exists in the namespace");
				goto cleanup;
			}
			if (!farm_map_put(&idxnames, want[i]->idx[k].name, i))
			{
				rc = fail_oom(err);
				goto cleanup;
			}
		}
	}
	for (i = 0; i < nwant; i++)
		for (k = 0; k < want[i]->ncols; k++)
		{
			farm_column *c = &want[i]->cols[k];

			if (c->type == FARM_T_REFERENCE && farm_map_get(&wantmap, c->references) < 0)
			{
				loc			lc = {s->ns, want[i]->name, c->name, NULL};
				qname		q;

				rc = loc_fail(err, FARM_EUNKNOWN, &lc, "references unknown table %s",
							  quote_for_msg(&q, c->references, strlen(c->references)));
				goto cleanup;
			}
		}

	/* 2. what exists must still be there, unchanged in what ops can't change */
	for (i = 0; i < s->ntables; i++)
	{
		int			w = farm_map_get(&wantmap, s->tables[i]->name);

		if (w < 0)
		{
			l.table = s->tables[i]->name;
			rc = loc_fail(err, FARM_EUNSUPPORTED, &l, "dropping a table is not supported");
			goto cleanup;
		}
	}
	for (i = 0; i < nwant; i++)
		isnew[i] = farm_schema_find(s, want[i]->name) == NULL;

	/* 3. new tables, each after the new tables it references */
	rc = order_new_tables(s, want, nwant, &wantmap, isnew, order, &norder, err);
	if (rc != FARM_OK)
		goto cleanup;
	/* alter-table diffs are computed before adding tables changes s */
	{
		farm_strlist alters;

		farm_strlist_init(&alters);
		for (i = 0; i < s->ntables && rc == FARM_OK; i++)
		{
			int			w = farm_map_get(&wantmap, s->tables[i]->name);

			farm_buf_reset(&b);
			rc = diff_table(s, s->tables[i], want[w], &b, err);
			if (rc == FARM_OK && b.len > 0 && !farm_strlist_push_buf(&alters, &b))
				rc = fail_oom(err);
		}
		for (i = 0; i < norder && rc == FARM_OK; i++)
			rc = emit_add_table(s, want[order[i]], out, err);
		for (i = 0; i < (int) alters.n && rc == FARM_OK; i++)
		{
			s->gating = true;
			rc = farm_apply_op(s, alters.items[i], alters.lens[i], err);
			s->gating = false;
			if (rc == FARM_OK)
			{
				if (!farm_strlist_push_owned(out, alters.items[i], alters.lens[i]))
					rc = fail_oom(err);
				alters.items[i] = NULL;
			}
		}
		farm_strlist_free(&alters);
	}

cleanup:
	for (i = 0; want && i < nwant; i++)
		table_free(want[i]);
	free(want);
	free(isnew);
	free(order);
	farm_map_free(&wantmap);
	farm_map_free(&idxnames);
	farm_buf_free(&b);
	json_decref(j);
	return rc;
}
