/*-------------------------------------------------------------------------
 * drizzle.c
 *	  Drizzle ORM schema emission (SPEC section 3): one TypeScript module
 *	  for the internal schema and any number of namespaces, with a table
 *	  per farmorm table, every column's builder and options, the indexes
 *	  and foreign keys under farmorm's physical names, and relations() for
 *	  every reference with its inverse.
 *
 * Design notes
 *
 * Names come from the naming layer shared with the Prisma emitter
 * (naming.h): export names are the Prisma model names, keys are the
 * Prisma field names (so code can move between the two clients), and the
 * relation names are Prisma's, which are unique per file as drizzle-orm
 * needs.  Every name the layer produces is an ASCII identifier, so no key
 * needs quoting; physical names appear only inside string literals.  The
 * relations() exports are the model names with a lower-case first letter
 * plus "Relations" (see render_relations()).
 *
 * What "matches the DDL" means is what drizzle-kit's push planner
 * compares (facts in DRIZZLE-NOTES): SQLite declared types are folded by
 * affinity (DATETIME, BOOLEAN, JSONB are `numeric`, BIGINT `integer`), so
 * those columns are customType()s with that data type and the value
 * mapping Prisma uses; PostgreSQL defaults are compared in the form
 * PostgreSQL stores them (a negative integer as '-5', a decimal in plain
 * notation, json as '<text>'::json).  drizzle-orm writes a .default()
 * value itself on insert, so SQL defaults are sql.raw(...) expressions
 * (exact) wherever the planner accepts one, and JavaScript numbers only
 * where it compares numbers.
 *
 * Layout: header comment, imports (only what is used), value helpers,
 * tables in output order (naming.h), then the relations() exports in the
 * same order.  Deterministic: same registry and options, same bytes.
 *-------------------------------------------------------------------------
 */
#include "drizzle.h"

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

/*
 * Keys no column may take: Prisma's list (so both clients see the same
 * keys; Object.prototype members would also shadow the table object's own)
 * and enableRLS, which pgTable() puts on every table.
 */
static const char *const reserved_keys[] = {
	"AND", "OR", "NOT",
	"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
	"toLocaleString", "toString", "valueOf",
	"enableRLS",
	NULL
};

/* What a generated file may import or define, by bit. */
enum
{
	U_RELATIONS = 0, U_SQL,
	/* builders (the import list of the provider's core module) */
	U_BIGINT, U_BIGSERIAL, U_BLOB, U_BOOLEAN, U_CUSTOMTYPE, U_DATE, U_DATETIME,
	U_DECIMAL, U_FOREIGNKEY, U_INDEX, U_INT, U_INTEGER, U_JSON, U_LONGTEXT,
	U_NUMERIC, U_REAL, U_TABLE, U_TEXT, U_TIMESTAMP, U_UNIQUEINDEX, U_VARCHAR,
	/* helpers defined in the file */
	U_H_CUID, U_H_DATETIME, U_H_BOOLEAN, U_H_JSON, U_H_BIGINT, U_H_INT64BLOB,
	U_H_BYTEA, U_H_LONGBLOB,
	U_COUNT
};

/* Import names of the builder bits, in the order of the enum (sorted). */
static const char *const builder_names[] = {
	"bigint", "bigserial", "blob", "boolean", "customType", "date", "datetime",
	"decimal", "foreignKey", "index", "int", "integer", "json", "longtext",
	"numeric", "real", NULL, "text", "timestamp", "uniqueIndex", "varchar"
};

typedef struct dz_ctx
{
	const farm_drizzle_opts *o;
	farm_error *err;
	farm_naming nm;
	bool	   *hasrel;			/* per model: holds or is the target of a reference */
	bool		used[U_COUNT];
	/*
	 * PostgreSQL tables outside "public": the distinct database schemas
	 * (bytewise), the export name of each one's pgSchema(), and per
	 * nm.schemas entry the index into them, or -1 for "public".
	 */
	const char **pgs;
	char	  **pgsvar;
	int			npgs;
	int		   *si2pgs;
	farm_buf	tmp;
} dz_ctx;

static int
oom(dz_ctx *c)
{
	return farm_fail(c->err, FARM_ENOMEM, "out of memory");
}

/* Parse the options of farm_generate_drizzle (see drizzle.h). */
int
farm_drizzle_parse_opts(const char *json, size_t len, farm_drizzle_opts *opts,
						farm_error *err)
{
	return farm_gen_parse_opts(json, len, false, opts, err);
}

/* ----------------------------------------------------------------
 * Columns and defaults
 * ----------------------------------------------------------------
 */

static bool
sqlite_default_storage(const dz_ctx *c)
{
	return c->o->provider == FARM_SQLITE && c->o->storage == FARM_STORAGE_DEFAULT;
}

/* `<builder>(` marking the import. */
static void
put_builder(dz_ctx *c, farm_buf *b, int bit)
{
	c->used[bit] = true;
	farm_buf_puts(b, builder_names[bit - U_BIGINT]);
	farm_buf_putc(b, '(');
}

/* `<helper>(` marking the helper (and customType, which defines it). */
static void
put_helper(dz_ctx *c, farm_buf *b, int bit, const char *name)
{
	c->used[bit] = true;
	c->used[U_CUSTOMTYPE] = true;
	farm_buf_puts(b, name);
	farm_buf_putc(b, '(');
}

/*
 * The builder call of a user column, e.g. `text("content")`, by provider
 * and storage mode (the DDL types of SPEC section 6).
 */
static void
put_column_builder(dz_ctx *c, const farm_column *col, farm_buf *b)
{
	farm_provider p = c->o->provider;
	bool		compat = sqlite_default_storage(c);
	const char *opts = NULL;

	if (p == FARM_SQLITE)
	{
		switch (col->type)
		{
			case FARM_T_STRING:
			case FARM_T_VARCHAR:
				put_builder(c, b, U_TEXT);
				break;
			case FARM_T_INTEGER:
			case FARM_T_REFERENCE:
				put_builder(c, b, U_INTEGER);
				break;
			case FARM_T_BIGINT:
				if (compat)
					put_helper(c, b, U_H_INT64BLOB, "farmInt64Blob");
				else
					put_helper(c, b, U_H_BIGINT, "farmBigInt");
				break;
			case FARM_T_DECIMAL:
				put_builder(c, b, U_REAL);
				break;
			case FARM_T_BOOL:
				put_helper(c, b, U_H_BOOLEAN, "farmBoolean");
				break;
			case FARM_T_DATE:
			case FARM_T_TIMESTAMP:
				if (compat)
				{
					put_builder(c, b, U_INTEGER);
					opts = "{ mode: \"timestamp_ms\" }";
				}
				else
					put_helper(c, b, U_H_DATETIME, "farmDateTime");
				break;
			case FARM_T_JSON:
				if (compat)
				{
					put_builder(c, b, U_TEXT);
					opts = "{ mode: \"json\" }";
				}
				else
					put_helper(c, b, U_H_JSON, "farmJson");
				break;
			case FARM_T_BINARY:
				put_builder(c, b, U_BLOB);
				opts = "{ mode: \"buffer\" }";
				break;
		}
	}
	else if (p == FARM_PG)
	{
		switch (col->type)
		{
			case FARM_T_STRING:
				put_builder(c, b, U_TEXT);
				break;
			case FARM_T_VARCHAR:
				put_builder(c, b, U_VARCHAR);
				break;
			case FARM_T_INTEGER:
				put_builder(c, b, U_INTEGER);
				break;
			case FARM_T_BIGINT:
			case FARM_T_REFERENCE:
				put_builder(c, b, U_BIGINT);
				opts = "{ mode: \"bigint\" }";
				break;
			case FARM_T_DECIMAL:
				put_builder(c, b, U_NUMERIC);
				opts = "{ precision: 65, scale: 30 }";
				break;
			case FARM_T_BOOL:
				put_builder(c, b, U_BOOLEAN);
				break;
			case FARM_T_DATE:
				put_builder(c, b, U_DATE);
				opts = "{ mode: \"date\" }";
				break;
			case FARM_T_TIMESTAMP:
				put_builder(c, b, U_TIMESTAMP);
				opts = "{ precision: 3, mode: \"date\" }";
				break;
			case FARM_T_JSON:
				put_builder(c, b, U_JSON);
				break;
			case FARM_T_BINARY:
				put_helper(c, b, U_H_BYTEA, "farmBytea");
				break;
		}
	}
	else
	{
		/* MySQL, as Prisma maps the types there (generation only) */
		switch (col->type)
		{
			case FARM_T_STRING:
				put_builder(c, b, U_VARCHAR);
				opts = "{ length: 191 }";
				break;
			case FARM_T_VARCHAR:
				if (col->varchar_len > 65535)
					put_builder(c, b, U_LONGTEXT);
				else
					put_builder(c, b, U_VARCHAR);
				break;
			case FARM_T_INTEGER:
				put_builder(c, b, U_INT);
				break;
			case FARM_T_BIGINT:
			case FARM_T_REFERENCE:
				put_builder(c, b, U_BIGINT);
				opts = "{ mode: \"bigint\" }";
				break;
			case FARM_T_DECIMAL:
				put_builder(c, b, U_DECIMAL);
				opts = "{ precision: 65, scale: 30 }";
				break;
			case FARM_T_BOOL:
				put_builder(c, b, U_BOOLEAN);
				break;
			case FARM_T_DATE:
				put_builder(c, b, U_DATE);
				opts = "{ mode: \"date\" }";
				break;
			case FARM_T_TIMESTAMP:
				put_builder(c, b, U_DATETIME);
				opts = "{ mode: \"date\", fsp: 3 }";
				break;
			case FARM_T_JSON:
				put_builder(c, b, U_JSON);
				break;
			case FARM_T_BINARY:
				put_helper(c, b, U_H_LONGBLOB, "farmLongBlob");
				break;
		}
	}
	farm_buf_json_string(b, col->name);
	if (col->type == FARM_T_VARCHAR && p != FARM_SQLITE &&
		!(p == FARM_MYSQL && col->varchar_len > 65535))
		farm_buf_printf(b, ", { length: %ld }", col->varchar_len);
	else if (opts != NULL)
	{
		farm_buf_puts(b, ", ");
		farm_buf_puts(b, opts);
	}
	farm_buf_putc(b, ')');
}

/* Fail for a default value that does not fit its column. */
static int
bad_default(dz_ctx *c, const farm_nm_model *m, const farm_column *col)
{
	return farm_naming_bad_default(m->table->name, col->name, c->err);
}

/* `.default(sql.raw("<text>"))`: an SQL expression, written exactly. */
static void
put_sql_default(dz_ctx *c, farm_buf *b, const char *pre, const char *text,
				const char *post)
{
	farm_buf_reset(&c->tmp);
	farm_buf_puts(&c->tmp, pre);
	farm_buf_puts(&c->tmp, text);
	farm_buf_puts(&c->tmp, post);
	if (c->tmp.oom)
	{
		b->oom = true;
		return;
	}
	c->used[U_SQL] = true;
	farm_buf_puts(b, ".default(sql.raw(");
	farm_buf_json_string(b, c->tmp.data);
	farm_buf_puts(b, "))");
}

/* `.default(sql.raw("'<text with quotes doubled>'<post>"))` */
static void
put_sql_literal_default(dz_ctx *c, farm_buf *b, const char *text,
						const char *pre, const char *post)
{
	farm_buf	lit;

	farm_buf_init(&lit);
	farm_buf_puts(&lit, pre);
	farm_buf_sql_literal(&lit, text);
	if (lit.oom)
		b->oom = true;
	else
		put_sql_default(c, b, "", lit.data, post);
	farm_buf_free(&lit);
}

/*
 * True if drizzle-kit reads this SQLite default text as a number
 * (/^-?[\d.]+(?:e-?\d+)?$/): then the schema must carry that number.
 */
static bool
kit_sqlite_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (!((*p >= '0' && *p <= '9') || *p == '.'))
		return false;
	while ((*p >= '0' && *p <= '9') || *p == '.')
		p++;
	if (*p == 'e')
	{
		p++;
		if (*p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/*
 * True if PostgreSQL stores this integer default as a bare number (a
 * non-negative value of integer range; others become '<v>'::type).
 */
static bool
pg_bare_integer(const char *s)
{
	char	   *end;
	long long	v;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' && v <= 2147483647LL;
}

/* An integer/bigint/decimal default given as a JavaScript number. */
static void
put_number_default(dz_ctx *c, farm_buf *b, const char *text, bool bigint)
{
	farm_buf_puts(b, ".default(");
	farm_buf_puts(b, text);
	if (bigint)
		farm_buf_puts(b, " as unknown as bigint");
	farm_buf_putc(b, ')');
	(void) c;
}

/*
 * JSON text as JavaScript's JSON.stringify(JSON.parse(text)) prints it:
 * drizzle-kit normalises a PostgreSQL json default that way before it
 * compares, so the schema must carry the same bytes.  Numbers are doubles
 * printed by Number.prototype.toString (shortest round-trip digits, plain
 * notation from 1e-6 to below 1e21); object keys that are array indexes come
 * first in numeric order, as JavaScript orders them; strings escape only ",
 * \ and control characters.
 */
static void
put_js_number(farm_buf *b, double d)
{
	char		tmp[64];
	char		digits[24];
	int			nd = 0;
	int			prec;
	int			n;
	int			k;
	const char *p;

	if (d == 0)
	{
		farm_buf_putc(b, '0');
		return;
	}
	for (prec = 1; prec <= 17; prec++)
	{
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	p = tmp;
	if (*p == '-')
	{
		farm_buf_putc(b, '-');
		p++;
	}
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && nd < (int) sizeof(digits) - 1)
			digits[nd++] = *p;
	digits[nd] = '\0';
	n = (*p == 'e' ? atoi(p + 1) : 0) + 1;
	k = nd;
	if (k <= n && n <= 21)
	{
		farm_buf_puts(b, digits);
		farm_buf_printf(b, "%.*s", n - k, "000000000000000000000");
	}
	else if (0 < n && n <= 21)
	{
		farm_buf_putn(b, digits, (size_t) n);
		farm_buf_putc(b, '.');
		farm_buf_puts(b, digits + n);
	}
	else if (-6 < n && n <= 0)
	{
		farm_buf_puts(b, "0.");
		farm_buf_printf(b, "%.*s", -n, "000000");
		farm_buf_puts(b, digits);
	}
	else
	{
		farm_buf_putc(b, digits[0]);
		if (k > 1)
		{
			farm_buf_putc(b, '.');
			farm_buf_puts(b, digits + 1);
		}
		farm_buf_printf(b, "e%c%d", n - 1 >= 0 ? '+' : '-', n - 1 >= 0 ? n - 1 : 1 - n);
	}
}

static void
put_js_string(farm_buf *b, const char *s, size_t len)
{
	size_t		i;

	farm_buf_putc(b, '"');
	for (i = 0; i < len; i++)
	{
		unsigned char ch = (unsigned char) s[i];

		switch (ch)
		{
			case '"':
				farm_buf_puts(b, "\\\"");
				break;
			case '\\':
				farm_buf_puts(b, "\\\\");
				break;
			case '\b':
				farm_buf_puts(b, "\\b");
				break;
			case '\f':
				farm_buf_puts(b, "\\f");
				break;
			case '\n':
				farm_buf_puts(b, "\\n");
				break;
			case '\r':
				farm_buf_puts(b, "\\r");
				break;
			case '\t':
				farm_buf_puts(b, "\\t");
				break;
			default:
				if (ch < 0x20)
					farm_buf_printf(b, "\\u%04x", ch);
				else
					farm_buf_putc(b, (char) ch);
		}
	}
	farm_buf_putc(b, '"');
}

/* A key JavaScript orders as an array index: "0" or [1-9][0-9]* below 2^32-1. */
static bool
js_index_key(const char *k, unsigned long *value)
{
	const char *p;
	unsigned long long v = 0;

	if (*k == '\0' || (k[0] == '0' && k[1] != '\0'))
		return false;
	for (p = k; *p; p++)
	{
		if (*p < '0' || *p > '9' || p - k > 10)
			return false;
		v = v * 10 + (unsigned long long) (*p - '0');
	}
	if (v >= 4294967295ULL)
		return false;
	*value = (unsigned long) v;
	return true;
}

static int
cmp_index_key(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *) a;
	unsigned long y = *(const unsigned long *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

static void
put_js_json(farm_buf *b, json_t *v)
{
	size_t		i;

	switch (json_typeof(v))
	{
		case JSON_OBJECT:
			{
				const char *key;
				json_t	   *x;
				unsigned long *idx = malloc((json_object_size(v) + 1) * sizeof(unsigned long));
				size_t		nidx = 0;
				bool		first = true;

				if (idx == NULL)
				{
					b->oom = true;
					return;
				}
				json_object_foreach(v, key, x)
				{
					unsigned long iv;

					if (js_index_key(key, &iv))
						idx[nidx++] = iv;
				}
				qsort(idx, nidx, sizeof(unsigned long), cmp_index_key);
				farm_buf_putc(b, '{');
				for (i = 0; i < nidx; i++)
				{
					char		kb[24];

					snprintf(kb, sizeof(kb), "%lu", idx[i]);
					if (!first)
						farm_buf_putc(b, ',');
					first = false;
					put_js_string(b, kb, strlen(kb));
					farm_buf_putc(b, ':');
					put_js_json(b, json_object_get(v, kb));
				}
				json_object_foreach(v, key, x)
				{
					unsigned long iv;

					if (js_index_key(key, &iv))
						continue;
					if (!first)
						farm_buf_putc(b, ',');
					first = false;
					put_js_string(b, key, strlen(key));
					farm_buf_putc(b, ':');
					put_js_json(b, x);
				}
				farm_buf_putc(b, '}');
				free(idx);
				return;
			}
		case JSON_ARRAY:
			farm_buf_putc(b, '[');
			for (i = 0; i < json_array_size(v); i++)
			{
				if (i > 0)
					farm_buf_putc(b, ',');
				put_js_json(b, json_array_get(v, i));
			}
			farm_buf_putc(b, ']');
			return;
		case JSON_STRING:
			put_js_string(b, json_string_value(v), json_string_length(v));
			return;
		case JSON_INTEGER:
			put_js_number(b, (double) json_integer_value(v));
			return;
		case JSON_REAL:
			put_js_number(b, json_real_value(v));
			return;
		case JSON_TRUE:
			farm_buf_puts(b, "true");
			return;
		case JSON_FALSE:
			farm_buf_puts(b, "false");
			return;
		case JSON_NULL:
			farm_buf_puts(b, "null");
			return;
	}
}

/* The default chain of a user column: .default(...) / .$defaultFn(...). */
static int
put_default(dz_ctx *c, const farm_nm_model *m, const farm_column *col, farm_buf *b)
{
	farm_provider p = c->o->provider;
	bool		compat = sqlite_default_storage(c);

	switch (col->dkind)
	{
		case FARM_D_NONE:
			return FARM_OK;
		case FARM_D_RUNTIME_NOW:
			farm_buf_puts(b, ".$defaultFn(() => new Date())");
			return FARM_OK;
		case FARM_D_RUNTIME_CUID:
			c->used[U_H_CUID] = true;
			farm_buf_puts(b, ".$defaultFn(() => farmCuid())");
			return FARM_OK;
		case FARM_D_DB_NOW:
			if (p == FARM_SQLITE)
				/* SQLite keeps the epoch-ms expression without its outer
				 * parentheses; the planner puts one pair around either */
				put_sql_default(c, b, compat ? "" : "(",
								compat ? SQLITE_EPOCH_MS_NOW : "CURRENT_TIMESTAMP",
								compat ? "" : ")");
			else if (p == FARM_PG)
				put_sql_default(c, b, "", "CURRENT_TIMESTAMP", "");
			else
				put_sql_default(c, b, "", col->type == FARM_T_DATE ?
								"(CURRENT_DATE)" : "CURRENT_TIMESTAMP(3)", "");
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
					farm_buf_puts(b, ".default(");
					farm_buf_json_string(b, json_string_value(v));
					farm_buf_putc(b, ')');
				}
				json_decref(v);
				return ok ? FARM_OK : bad_default(c, m, col);
			}
		case FARM_T_JSON:
			if (p == FARM_PG)
			{
				json_t	   *v = json_loads(col->dvalue, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, NULL);
				farm_buf	js;

				if (v == NULL)
					return bad_default(c, m, col);
				farm_buf_init(&js);
				put_js_json(&js, v);
				json_decref(v);
				if (js.oom)
				{
					farm_buf_free(&js);
					return oom(c);
				}
				put_sql_literal_default(c, b, js.data, "", "::json");
				farm_buf_free(&js);
			}
			else if (p == FARM_SQLITE)
				put_sql_literal_default(c, b, col->dvalue, "", "");
			else
				put_sql_literal_default(c, b, col->dvalue, "(", ")");
			return FARM_OK;
		case FARM_T_BOOL:
			if (strcmp(col->dvalue, "true") != 0 && strcmp(col->dvalue, "false") != 0)
				return bad_default(c, m, col);
			farm_buf_printf(b, ".default(%s)", col->dvalue);
			return FARM_OK;
		case FARM_T_INTEGER:
		case FARM_T_BIGINT:
			{
				char	   *end;
				long long	v;
				bool		big = col->type == FARM_T_BIGINT;

				errno = 0;
				v = strtoll(col->dvalue, &end, 10);
				if (errno != 0 || end == col->dvalue || *end != '\0')
					return bad_default(c, m, col);
				if (big && compat)
				{
					/* 8-byte big-endian two's complement BLOB literal */
					char		hex[40];

					snprintf(hex, sizeof(hex), "X'%016llX'", (unsigned long long) v);
					put_sql_default(c, b, "(", hex, ")");
				}
				else if (p == FARM_PG && !pg_bare_integer(col->dvalue))
					put_sql_literal_default(c, b, col->dvalue, "", "");
				else if (p == FARM_SQLITE && !kit_sqlite_number(col->dvalue))
					put_sql_default(c, b, "(", col->dvalue, ")");
				else
					put_number_default(c, b, col->dvalue, big);
				return FARM_OK;
			}
		case FARM_T_DECIMAL:
			if (p == FARM_SQLITE)
			{
				/* REAL: written as given; the planner reads numbers back */
				if (kit_sqlite_number(col->dvalue))
					put_number_default(c, b, col->dvalue, false);
				else
					put_sql_default(c, b, "(", col->dvalue, ")");
				return FARM_OK;
			}
			/* numeric: a string in the plain notation PostgreSQL shows */
			farm_buf_reset(&c->tmp);
			if (!farm_buf_plain_number(&c->tmp, col->dvalue))
				return bad_default(c, m, col);
			if (c->tmp.oom)
				return oom(c);
			farm_buf_puts(b, ".default(");
			farm_buf_json_string(b, c->tmp.data);
			farm_buf_putc(b, ')');
			return FARM_OK;
		case FARM_T_DATE:
		case FARM_T_TIMESTAMP:
		case FARM_T_BINARY:
		case FARM_T_REFERENCE:
			break;
	}
	return bad_default(c, m, col);
}

/* One user column line: `  key: builder("name").notNull()<default>,` */
static int
render_column(dz_ctx *c, const farm_nm_model *m, int i, farm_buf *out)
{
	const farm_column *col = &m->table->cols[i];
	int			rc;

	farm_buf_puts(out, "  ");
	farm_buf_puts(out, m->colfield[i]);
	farm_buf_puts(out, ": ");
	put_column_builder(c, col, out);
	if (!col->nullable)
		farm_buf_puts(out, ".notNull()");
	rc = put_default(c, m, col, out);
	farm_buf_puts(out, ",\n");
	return rc;
}

/* ----------------------------------------------------------------
 * Tables
 * ----------------------------------------------------------------
 */

/* `    [unique]index("<physical>").on(t.a, t.b),` */
static int
render_index(dz_ctx *c, const farm_nm_model *m, const farm_index *x, farm_buf *out)
{
	char	   *phys;
	int			k;

	phys = farm_index_physical(m->schema->ns, x->name);
	if (phys == NULL)
		return oom(c);
	farm_buf_puts(out, "  ");
	put_builder(c, out, x->unique ? U_UNIQUEINDEX : U_INDEX);
	farm_buf_json_string(out, phys);
	free(phys);
	farm_buf_puts(out, ").on(");
	for (k = 0; k < x->ncolumns; k++)
	{
		int			ci = farm_map_get(&m->table->colmap, x->columns[k]);

		if (ci < 0 || ci >= m->table->ncols)
			return farm_fail(c->err, FARM_ECORRUPT, "index refers to a missing column");
		if (k > 0)
			farm_buf_puts(out, ", ");
		farm_buf_puts(out, "t.");
		farm_buf_puts(out, m->colfield[ci]);
	}
	farm_buf_puts(out, "),\n");
	return FARM_OK;
}

/* The table function and the type of its extra-config entries. */
static void
table_words(const dz_ctx *c, const char **fn, const char **extra)
{
	switch (c->o->provider)
	{
		case FARM_SQLITE:
			*fn = "sqliteTable";
			*extra = "SQLiteTableExtraConfigValue";
			break;
		case FARM_PG:
			*fn = "pgTable";
			*extra = "PgTableExtraConfigValue";
			break;
		default:
			*fn = "mysqlTable";
			*extra = "MySqlTableExtraConfigValue";
			break;
	}
}

/*
 * One table: `export const <Model> = <table>("<physical>", {...}, (t) =>
 * [...]);` with the columns in physical order, then the id index, the
 * unique and plain indexes, and the foreign keys.  The extra-config
 * callback is always typed, so reference cycles compile under --strict.
 */
static int
render_table(dz_ctx *c, int mi, farm_buf *out)
{
	const farm_nm_model *m = &c->nm.models[mi];
	const farm_table *t = m->table;
	farm_provider p = c->o->provider;
	const char *fn;
	const char *extra;
	char	   *name;
	int			i;
	int			rc;

	table_words(c, &fn, &extra);
	farm_buf_puts(out, "export const ");
	farm_buf_puts(out, m->name);
	farm_buf_puts(out, " = ");
	if (c->si2pgs != NULL && c->si2pgs[m->si] >= 0)
	{
		farm_buf_puts(out, c->pgsvar[c->si2pgs[m->si]]);
		farm_buf_puts(out, ".table");
	}
	else
	{
		c->used[U_TABLE] = true;
		farm_buf_puts(out, fn);
	}
	farm_buf_putc(out, '(');
	farm_buf_json_string(out, m->physical);
	farm_buf_puts(out, ", {\n");

	/* id */
	c->used[U_H_CUID] = true;
	farm_buf_puts(out, "  id: ");
	if (p == FARM_SQLITE)
	{
		put_builder(c, out, U_TEXT);
		farm_buf_puts(out, "\"id\")");
	}
	else
	{
		put_builder(c, out, U_VARCHAR);
		farm_buf_puts(out, "\"id\", { length: 128 })");
	}
	farm_buf_puts(out, ".notNull().$defaultFn(() => farmCuid()),\n");

	for (i = 0; i < t->ninitial && i < t->ncols; i++)
		if ((rc = render_column(c, m, i, out)) != FARM_OK)
			return rc;

	/* internalId, version */
	farm_buf_puts(out, "  internalId: ");
	if (p == FARM_SQLITE)
	{
		put_builder(c, out, U_INTEGER);
		farm_buf_puts(out, "\"_internalId\").primaryKey({ autoIncrement: true }),\n");
	}
	else if (p == FARM_PG)
	{
		put_builder(c, out, U_BIGSERIAL);
		farm_buf_puts(out, "\"_internalId\", { mode: \"bigint\" }).primaryKey(),\n");
	}
	else
	{
		put_builder(c, out, U_BIGINT);
		farm_buf_puts(out, "\"_internalId\", { mode: \"bigint\" }).autoincrement().primaryKey(),\n");
	}
	farm_buf_puts(out, "  version: ");
	put_builder(c, out, p == FARM_MYSQL ? U_INT : U_INTEGER);
	farm_buf_puts(out, "\"_version\").notNull().default(0),\n");

	for (i = t->ninitial; i < t->ncols; i++)
		if ((rc = render_column(c, m, i, out)) != FARM_OK)
			return rc;

	farm_buf_puts(out, "}, (t): ");
	farm_buf_puts(out, extra);
	farm_buf_puts(out, "[] => [\n");
	name = farm_physical_name3(m->physical, "_id_key", "");
	if (name == NULL)
		return oom(c);
	farm_buf_puts(out, "  ");
	put_builder(c, out, U_UNIQUEINDEX);
	farm_buf_json_string(out, name);
	farm_buf_puts(out, ").on(t.id),\n");
	free(name);
	for (i = 0; i < t->nidx; i++)
		if (t->idx[i].unique && (rc = render_index(c, m, &t->idx[i], out)) != FARM_OK)
			return rc;
	for (i = 0; i < t->nidx; i++)
		if (!t->idx[i].unique && (rc = render_index(c, m, &t->idx[i], out)) != FARM_OK)
			return rc;
	for (i = 0; i < t->ncols; i++)
	{
		const farm_nm_rel *rel;

		if (m->colrel[i] < 0)
			continue;
		rel = &c->nm.rels[m->colrel[i]];
		farm_buf_reset(&c->tmp);
		farm_buf_puts(&c->tmp, t->cols[i].name);
		farm_buf_puts(&c->tmp, "_fkey");
		if (c->tmp.oom)
			return oom(c);
		name = farm_physical_name3(m->physical, "_", c->tmp.data);
		if (name == NULL)
			return oom(c);
		farm_buf_puts(out, "  ");
		put_builder(c, out, U_FOREIGNKEY);
		farm_buf_puts(out, "{ name: ");
		farm_buf_json_string(out, name);
		free(name);
		farm_buf_puts(out, ", columns: [t.");
		farm_buf_puts(out, m->colfield[i]);
		farm_buf_puts(out, "], foreignColumns: [");
		if (rel->dst == mi)
			farm_buf_puts(out, "t");
		else
			farm_buf_puts(out, c->nm.models[rel->dst].name);
		farm_buf_puts(out, ".internalId] }).onDelete(\"restrict\").onUpdate(\"restrict\"),\n");
	}
	farm_buf_puts(out, "]);\n");
	return out->oom ? oom(c) : FARM_OK;
}

/*
 * True if the inverse of a one-to-one reference can be a `one`.
 * drizzle-orm's one() takes a relation name only together with fields, so
 * an inverse `one` is unnamed, and drizzle-orm pairs it with the only
 * relation of the referencing table that points back at this one: there
 * must be exactly one (one reference, none the other way, no
 * self-reference).  Otherwise the inverse is a `many` (at most one row).
 */
static bool
inverse_one_ok(const dz_ctx *c, const farm_nm_rel *rel)
{
	const farm_nm_model *src = &c->nm.models[rel->src];
	int			n = 0;
	int			i;
	int			r;

	if (rel->src == rel->dst)
		return false;
	for (i = 0; i < src->table->ncols; i++)
		if (src->colrel[i] >= 0 && c->nm.rels[src->colrel[i]].dst == rel->dst)
			n++;
	for (r = src->back_head; r >= 0; r = c->nm.rels[r].next_back)
		if (c->nm.rels[r].src == rel->dst)
			n++;
	return n == 1;
}

/*
 * relations() of one model: a `one` per reference it holds, then the
 * inverse of every reference to it (`many`, or `one` where a unique index
 * covers exactly the referencing column and inverse_one_ok()).  Both sides
 * of a `many` carry the relation name, so two references between one pair
 * of tables stay apart.
 */
static void
render_relations(dz_ctx *c, int mi, farm_buf *out)
{
	const farm_nm_model *m = &c->nm.models[mi];
	int			i;
	int			r;

	c->used[U_RELATIONS] = true;
	/*
	 * "<model>Relations" with the first letter in lower case: model names
	 * start with an upper-case ASCII letter and are unique across files
	 * (namespace suffix), so this name is unique too, also among files
	 * generated one namespace at a time, and never a model's name.
	 */
	farm_buf_puts(out, "export const ");
	farm_buf_putc(out, (char) (m->name[0] >= 'A' && m->name[0] <= 'Z' ? m->name[0] - 'A' + 'a' : m->name[0]));
	farm_buf_puts(out, m->name + 1);
	farm_buf_puts(out, "Relations = relations(");
	farm_buf_puts(out, m->name);
	farm_buf_puts(out, ", ({ one, many }) => ({\n");
	for (i = 0; i < m->table->ncols; i++)
	{
		const farm_nm_rel *rel;
		const char *dst;

		if (m->colrel[i] < 0)
			continue;
		rel = &c->nm.rels[m->colrel[i]];
		dst = c->nm.models[rel->dst].name;
		farm_buf_printf(out, "  %s: one(%s, { fields: [%s.%s], references: [%s.internalId], relationName: ",
						rel->fwd, dst, m->name, m->colfield[i], dst);
		farm_buf_json_string(out, rel->name);
		farm_buf_puts(out, " }),\n");
	}
	for (r = m->back_head; r >= 0; r = c->nm.rels[r].next_back)
	{
		const farm_nm_rel *rel = &c->nm.rels[r];

		if (rel->one && inverse_one_ok(c, rel))
		{
			farm_buf_printf(out, "  %s: one(%s),\n", rel->back,
							c->nm.models[rel->src].name);
			continue;
		}
		farm_buf_printf(out, "  %s: many(%s, { relationName: ", rel->back,
						c->nm.models[rel->src].name);
		farm_buf_json_string(out, rel->name);
		farm_buf_puts(out, " }),\n");
	}
	farm_buf_puts(out, "}));\n");
}

/* ----------------------------------------------------------------
 * The file
 * ----------------------------------------------------------------
 */

/* Value helpers, each defined only when a column uses it. */
static const struct
{
	int			bit;
	const char *text;
}			helpers[] = {
	{U_H_CUID,
		"/** A collision-resistant id like Prisma's cuid(): the runtime default of `id`. */\n"
		"let farmCuidCounter = 0;\n"
		"function farmCuid(): string {\n"
		"  farmCuidCounter = (farmCuidCounter + 1) % 1679616;\n"
		"  const random = Math.floor(Math.random() * 2821109907456).toString(36).padStart(8, \"0\");\n"
		"  return \"c\" + Date.now().toString(36) + farmCuidCounter.toString(36).padStart(4, \"0\") + random;\n"
		"}\n"},
	{U_H_DATETIME,
		"/** DATETIME as Prisma stores it: ISO text written; ISO text, CURRENT_TIMESTAMP text (UTC) or epoch ms read. */\n"
		"const farmDateTime = customType<{ data: Date; driverData: string | number }>({\n"
		"  dataType() {\n"
		"    return \"numeric\";\n"
		"  },\n"
		"  toDriver(value) {\n"
		"    return value.toISOString().replace(\"Z\", \"+00:00\");\n"
		"  },\n"
		"  fromDriver(value) {\n"
		"    if (typeof value === \"number\") return new Date(value);\n"
		"    const s = String(value);\n"
		"    if (/^\\d+$/.test(s)) return new Date(Number(s));\n"
		"    if (/^\\d{4}-\\d\\d-\\d\\d$/.test(s)) return new Date(s + \"T00:00:00Z\");\n"
		"    if (/^\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?$/.test(s)) return new Date(s.replace(\" \", \"T\") + \"Z\");\n"
		"    return new Date(s);\n"
		"  },\n"
		"});\n"},
	{U_H_BOOLEAN,
		"/** BOOLEAN as Prisma stores it: 1 or 0. */\n"
		"const farmBoolean = customType<{ data: boolean; driverData: number }>({\n"
		"  dataType() {\n"
		"    return \"numeric\";\n"
		"  },\n"
		"  toDriver(value) {\n"
		"    return value ? 1 : 0;\n"
		"  },\n"
		"  fromDriver(value) {\n"
		"    return Number(value) !== 0;\n"
		"  },\n"
		"});\n"},
	{U_H_JSON,
		"/** JSONB as Prisma stores it: JSON text. */\n"
		"const farmJson = customType<{ data: unknown; driverData: string }>({\n"
		"  dataType() {\n"
		"    return \"numeric\";\n"
		"  },\n"
		"  toDriver(value) {\n"
		"    return JSON.stringify(value);\n"
		"  },\n"
		"  fromDriver(value) {\n"
		"    return typeof value === \"string\" ? JSON.parse(value) : value;\n"
		"  },\n"
		"});\n"},
	{U_H_BIGINT,
		"/** BIGINT: a 64-bit integer (exact when the driver returns bigint or text). */\n"
		"const farmBigInt = customType<{ data: bigint; driverData: number | bigint | string }>({\n"
		"  dataType() {\n"
		"    return \"integer\";\n"
		"  },\n"
		"  toDriver(value) {\n"
		"    return value;\n"
		"  },\n"
		"  fromDriver(value) {\n"
		"    return BigInt(value);\n"
		"  },\n"
		"});\n"},
	{U_H_INT64BLOB,
		"/** bigint in the seed's storage: an 8-byte big-endian two's complement BLOB. */\n"
		"const farmInt64Blob = customType<{ data: bigint; driverData: Uint8Array | ArrayBuffer }>({\n"
		"  dataType() {\n"
		"    return \"blob\";\n"
		"  },\n"
		"  toDriver(value) {\n"
		"    const bytes = new Uint8Array(8);\n"
		"    new DataView(bytes.buffer).setBigInt64(0, BigInt(value));\n"
		"    return bytes;\n"
		"  },\n"
		"  fromDriver(value) {\n"
		"    const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);\n"
		"    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigInt64(0);\n"
		"  },\n"
		"});\n"},
	{U_H_BYTEA,
		"/** bytea (drizzle-orm has no builder for it). */\n"
		"const farmBytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({\n"
		"  dataType() {\n"
		"    return \"bytea\";\n"
		"  },\n"
		"});\n"},
	{U_H_LONGBLOB,
		"/** LONGBLOB, Prisma's Bytes on MySQL. */\n"
		"const farmLongBlob = customType<{ data: Uint8Array; driverData: Uint8Array }>({\n"
		"  dataType() {\n"
		"    return \"longblob\";\n"
		"  },\n"
		"});\n"},
};

/* Header comment and imports (only validated namespaces and fixed words). */
static void
render_header(const dz_ctx *c, farm_buf *out)
{
	const char *fn;
	const char *extra;
	const char *module;
	bool		any = false;
	int			i;

	table_words(c, &fn, &extra);
	module = c->o->provider == FARM_SQLITE ? "drizzle-orm/sqlite-core" :
		c->o->provider == FARM_PG ? "drizzle-orm/pg-core" : "drizzle-orm/mysql-core";
	farm_buf_puts(out, "// Generated by farmorm from its schema registry; do not edit. Provider: ");
	farm_buf_puts(out, farm_provider_name(c->o->provider));
	if (c->o->provider == FARM_SQLITE)
		farm_buf_printf(out, " (%s storage)", farm_storage_name(c->o->storage));
	farm_buf_puts(out, ". Namespaces: ");
	if (c->nm.first_user >= c->nm.nschemas)
		farm_buf_puts(out, "(none)");
	for (i = c->nm.first_user; i < c->nm.nschemas; i++)
	{
		if (i > c->nm.first_user)
			farm_buf_puts(out, ", ");
		farm_buf_puts(out, c->nm.schemas[i]->ns);
	}
	farm_buf_puts(out, ".\n");

	if (c->used[U_RELATIONS] || c->used[U_SQL])
	{
		farm_buf_puts(out, "import { ");
		if (c->used[U_RELATIONS])
			farm_buf_puts(out, c->used[U_SQL] ? "relations, sql" : "relations");
		else
			farm_buf_puts(out, "sql");
		farm_buf_puts(out, " } from \"drizzle-orm\";\n");
	}
	farm_buf_puts(out, "import { ");
	for (i = U_BIGINT; i <= U_VARCHAR; i++)
	{
		const char *name = i == U_TABLE ? fn : builder_names[i - U_BIGINT];

		if (i == U_TABLE && c->npgs > 0)
		{
			/* "pgSchema" sorts just before "pgTable" */
			if (any)
				farm_buf_puts(out, ", ");
			farm_buf_puts(out, "pgSchema");
			any = true;
		}
		if (!c->used[i])
			continue;
		if (any)
			farm_buf_puts(out, ", ");
		farm_buf_puts(out, name);
		any = true;
	}
	farm_buf_puts(out, " } from \"");
	farm_buf_puts(out, module);
	farm_buf_puts(out, "\";\nimport type { ");
	farm_buf_puts(out, extra);
	farm_buf_puts(out, " } from \"");
	farm_buf_puts(out, module);
	farm_buf_puts(out, "\";\n");
	for (i = 0; i < (int) (sizeof(helpers) / sizeof(helpers[0])); i++)
		if (c->used[helpers[i].bit])
		{
			farm_buf_putc(out, '\n');
			farm_buf_puts(out, helpers[i].text);
		}
	if (c->npgs > 0)
		farm_buf_putc(out, '\n');
	for (i = 0; i < c->npgs; i++)
	{
		farm_buf_puts(out, "export const ");
		farm_buf_puts(out, c->pgsvar[i]);
		farm_buf_puts(out, " = pgSchema(");
		farm_buf_json_string(out, c->pgs[i]);
		farm_buf_puts(out, ");\n");
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/*
 * PostgreSQL: every database schema other than "public" that holds a
 * table gets `export const <name>Schema = pgSchema("<schema>")`, its
 * tables `<name>Schema.table(...)`.  <name> is the schema name made an
 * identifier (farm_buf_prisma_ident); a name some model, the pgSchema
 * import or an earlier schema (bytewise order) took gets the suffix 2, 3,
 * ...  Relations exports end in "Relations", helpers start with "farm" and
 * none ends in "Schema", so only those can clash.  Nothing to do when
 * every table is in "public": that output is unchanged.
 */
static int
assign_pg_schemas(dz_ctx *c)
{
	farm_map	used;
	int			i;
	int			k;
	int			rc = FARM_OK;

	if (c->o->provider != FARM_PG || c->nm.nschemas == 0)
		return FARM_OK;
	c->pgs = calloc((size_t) c->nm.nschemas, sizeof(char *));
	c->si2pgs = calloc((size_t) c->nm.nschemas, sizeof(int));
	if (c->pgs == NULL || c->si2pgs == NULL)
		return oom(c);
	for (i = 0; i < c->nm.nschemas; i++)
	{
		const char *pg = c->nm.pgschema[i];

		if (strcmp(pg, "public") == 0)
			continue;
		for (k = 0; k < c->npgs; k++)
			if (strcmp(c->pgs[k], pg) == 0)
				break;
		if (k == c->npgs)
			c->pgs[c->npgs++] = pg;
	}
	if (c->npgs == 0)
	{
		free(c->si2pgs);
		c->si2pgs = NULL;
		return FARM_OK;
	}
	qsort(c->pgs, (size_t) c->npgs, sizeof(char *), cmp_str);
	for (i = 0; i < c->nm.nschemas; i++)
	{
		c->si2pgs[i] = -1;
		for (k = 0; k < c->npgs; k++)
			if (strcmp(c->pgs[k], c->nm.pgschema[i]) == 0)
				c->si2pgs[i] = k;
	}
	c->pgsvar = calloc((size_t) c->npgs, sizeof(char *));
	if (c->pgsvar == NULL)
		return oom(c);
	farm_map_init(&used, false);
	if (!farm_map_put(&used, "pgSchema", 0))
		rc = oom(c);
	for (i = 0; rc == FARM_OK && i < c->nm.nmodels; i++)
		if (!farm_map_put(&used, c->nm.models[i].name, 0))
			rc = oom(c);
	for (k = 0; rc == FARM_OK && k < c->npgs; k++)
	{
		size_t		base;
		int			n = 1;

		farm_buf_reset(&c->tmp);
		farm_buf_prisma_ident(&c->tmp, c->pgs[k], "db");
		farm_buf_puts(&c->tmp, "Schema");
		base = c->tmp.len;
		while (!c->tmp.oom && farm_map_get(&used, c->tmp.data) >= 0)
		{
			c->tmp.len = base;
			c->tmp.data[base] = '\0';
			farm_buf_printf(&c->tmp, "%d", ++n);
		}
		if (c->tmp.oom || (c->pgsvar[k] = farm_strdup(c->tmp.data)) == NULL ||
			!farm_map_put(&used, c->pgsvar[k], 0))
			rc = oom(c);
	}
	farm_map_free(&used);
	return rc;
}

/*
 * The Drizzle schema module of the given namespace schemas (see
 * drizzle.h).
 */
char *
farm_drizzle_generate(farm_schema *const *schemas, int nschemas,
					  const farm_drizzle_opts *opts, farm_error *err)
{
	dz_ctx		c;
	farm_naming_opts nopts;
	farm_buf	body;
	farm_buf	out;
	char	   *res = NULL;
	int			i;

	memset(&c, 0, sizeof(c));
	c.o = opts;
	c.err = err;
	farm_buf_init(&c.tmp);
	farm_buf_init(&body);
	farm_buf_init(&out);

	if (opts == NULL)
	{
		farm_fail(err, FARM_EINVALID, "Drizzle generation options are missing");
		goto done;
	}
	if ((int) opts->provider < FARM_PG || (int) opts->provider > FARM_MYSQL ||
		(int) opts->storage < FARM_STORAGE_PRISMA ||
		(int) opts->storage > FARM_STORAGE_DEFAULT)
	{
		farm_fail(err, FARM_EINVALID, "invalid Drizzle generation options");
		goto done;
	}
	memset(&nopts, 0, sizeof(nopts));
	nopts.provider = opts->provider;
	nopts.internal = opts->internal;
	nopts.reserved = reserved_keys;
	if (opts->provider == FARM_PG)
	{
		nopts.ns_schemas = opts->ns_schemas;
		nopts.internal_schemas = opts->internal_schemas;
		nopts.ninternal = opts->ninternal;
	}
	if (farm_naming_build(&c.nm, schemas, nschemas, &nopts, err) != FARM_OK)
		goto done;
	if (assign_pg_schemas(&c) != FARM_OK)
		goto done;

	c.hasrel = calloc((size_t) (c.nm.nmodels > 0 ? c.nm.nmodels : 1), sizeof(bool));
	if (c.hasrel == NULL)
	{
		oom(&c);
		goto done;
	}
	for (i = 0; i < c.nm.nrels; i++)
	{
		c.hasrel[c.nm.rels[i].src] = true;
		c.hasrel[c.nm.rels[i].dst] = true;
	}

	for (i = 0; i < c.nm.nmodels; i++)
	{
		farm_buf_putc(&body, '\n');
		if (render_table(&c, i, &body) != FARM_OK)
			goto done;
	}
	for (i = 0; i < c.nm.nmodels; i++)
		if (c.hasrel[i])
		{
			farm_buf_putc(&body, '\n');
			render_relations(&c, i, &body);
		}
	if (body.oom)
	{
		oom(&c);
		goto done;
	}
	render_header(&c, &out);
	farm_buf_putn(&out, body.data, body.len);
	if (out.oom)
	{
		oom(&c);
		goto done;
	}
	res = farm_buf_steal(&out);
	if (res == NULL)
		oom(&c);

done:
	for (i = 0; i < c.npgs && c.pgsvar != NULL; i++)
		free(c.pgsvar[i]);
	free(c.pgsvar);
	free(c.pgs);
	free(c.si2pgs);
	free(c.hasrel);
	farm_buf_free(&body);
	farm_buf_free(&out);
	farm_buf_free(&c.tmp);
	farm_naming_free(&c.nm);
	return res;
}
