/*-------------------------------------------------------------------------
 * registry.c
 *	  Loaded-registry helpers shared by the SQLite and PostgreSQL bindings
 *	  (see registry.h).
 *-------------------------------------------------------------------------
 */
#include "registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

void
farm_registry_init(farm_registry *r)
{
	r->items = NULL;
	r->n = 0;
	r->cap = 0;
}

void
farm_registry_free(farm_registry *r)
{
	int			i;

	for (i = 0; i < r->n; i++)
	{
		free(r->items[i].ns);
		farm_strlist_free(&r->items[i].ops);
	}
	free(r->items);
	farm_registry_init(r);
}

farm_nsops *
farm_registry_get(farm_registry *r, const char *ns, bool create)
{
	int			i;
	farm_nsops *e;

	/* rows arrive grouped: the last entry is the usual hit */
	if (r->n > 0 && strcmp(r->items[r->n - 1].ns, ns) == 0)
		return &r->items[r->n - 1];
	for (i = 0; i < r->n; i++)
		if (strcmp(r->items[i].ns, ns) == 0)
			return &r->items[i];
	if (!create)
		return NULL;
	if (r->n == r->cap)
	{
		int			ncap = r->cap ? r->cap * 2 : 8;
		farm_nsops *n = realloc(r->items, (size_t) ncap * sizeof(farm_nsops));

		if (n == NULL)
			return NULL;
		r->items = n;
		r->cap = ncap;
	}
	e = &r->items[r->n];
	e->ns = farm_strdup(ns);
	if (e->ns == NULL)
		return NULL;
	farm_strlist_init(&e->ops);
	e->applied = 0;
	r->n++;
	return e;
}

int
farm_registry_add(farm_registry *r, const char *ns, long version,
				  const char *text, size_t len, farm_error *err)
{
	farm_nsops *e = farm_registry_get(r, ns, true);
	char	   *copy;

	if (e == NULL)
		return farm_fail(err, FARM_ENOMEM, "out of memory");
	if (version != (long) e->ops.n + 1)
		return farm_fail(err, FARM_ECORRUPT,
						 "registry of namespace \"%s\" is damaged: version %ld found where %ld was expected",
						 ns, version, (long) e->ops.n + 1);
	copy = farm_strndup(text, len);
	if (copy == NULL || !farm_strlist_push_owned(&e->ops, copy, len))
		return farm_fail(err, FARM_ENOMEM, "out of memory");
	return FARM_OK;
}

static int
cmp_nsops(const void *a, const void *b)
{
	return strcmp(((const farm_nsops *) a)->ns, ((const farm_nsops *) b)->ns);
}

void
farm_registry_sort(farm_registry *r)
{
	if (r->n > 1)
		qsort(r->items, (size_t) r->n, sizeof(farm_nsops), cmp_nsops);
}

char *
farm_registry_namespaces_json(farm_registry *r)
{
	farm_buf	b;
	int			i;
	char	   *res;

	farm_registry_sort(r);
	farm_buf_init(&b);
	farm_buf_putc(&b, '[');
	for (i = 0; i < r->n; i++)
	{
		if (i)
			farm_buf_putc(&b, ',');
		farm_buf_puts(&b, "{\"namespace\":");
		farm_buf_json_string(&b, r->items[i].ns);
		farm_buf_printf(&b, ",\"version\":%zu,\"applied\":%ld}", r->items[i].ops.n,
						r->items[i].applied);
	}
	farm_buf_putc(&b, ']');
	res = farm_buf_steal(&b);
	farm_buf_free(&b);
	return res;
}

void
farm_schemas_free(farm_schema **s, int n)
{
	int			i;

	for (i = 0; s && i < n; i++)
		farm_schema_free(s[i]);
	free(s);
}

int
farm_registry_schemas(farm_registry *r, const char *ns, farm_schema ***out,
					  int *nout, farm_error *err)
{
	farm_schema **res;
	int			i;
	int			n = 0;

	*out = NULL;
	*nout = 0;
	if (ns != NULL)
	{
		farm_nsops *e = farm_registry_get(r, ns, false);

		if (e == NULL || e->ops.n == 0)
			return farm_fail(err, FARM_EUNKNOWN, "namespace \"%s\" is not registered", ns);
	}
	res = calloc((size_t) r->n + 1, sizeof(farm_schema *));
	if (res == NULL)
		return farm_fail(err, FARM_ENOMEM, "out of memory");
	for (i = 0; i < r->n; i++)
	{
		farm_nsops *e = &r->items[i];

		if (e->ops.n == 0 || (ns != NULL && strcmp(ns, e->ns) != 0))
			continue;
		res[n] = farm_schema_replay(e->ns, e->ops.items, e->ops.lens,
									(int) e->ops.n, -1, err);
		if (res[n] == NULL)
		{
			farm_schemas_free(res, n);
			return err->code;
		}
		n++;
	}
	*out = res;
	*nout = n;
	return FARM_OK;
}

int
farm_discard_plan(const char *ns, const farm_nsops *e, long *keep, farm_error *err)
{
	*keep = 0;
	if (e == NULL || e->ops.n == 0)
		return farm_fail(err, FARM_EUNKNOWN, "namespace \"%s\" is not registered", ns);
	if (e->applied > (long) e->ops.n)
		return farm_fail(err, FARM_ECORRUPT,
						 "namespace \"%s\": applied version %ld is beyond the registered version %zu",
						 ns, e->applied, e->ops.n);
	*keep = e->applied;
	return FARM_OK;
}

char *
farm_op_key(const char *ns, long version)
{
	size_t		n = strlen(ns) + 32;
	char	   *k = malloc(n);

	if (k)
		snprintf(k, n, "%s.farm_op.%010ld", ns, version);
	return k;
}

char *
farm_version_key(const char *ns)
{
	size_t		n = strlen(ns) + 32;
	char	   *k = malloc(n);

	if (k)
		snprintf(k, n, "%s.schema_version", ns);
	return k;
}

/*
 * Digits of a stored version: only '0'-'9', at most 10 of them, value at
 * most FARM_VERSION_MAX; leading zeros only when `padded` (op keys).
 * strtol is not used: it skips spaces, takes a sign and wraps nothing
 * into what the hosts' integer results can hold.
 */
static bool
version_digits(const char *s, size_t len, bool padded, long *out)
{
	long		v = 0;
	size_t		i;

	if (len == 0 || len > 10 || (!padded && len > 1 && s[0] == '0'))
		return false;
	for (i = 0; i < len; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');	/* 10 digits fit in 64 bits */
	}
	if (v > FARM_VERSION_MAX)
		return false;
	*out = v;
	return true;
}

int
farm_parse_version(const char *key, const char *text, size_t len, long *out,
				   farm_error *err)
{
	farm_buf	b;
	int			rc;

	*out = 0;
	if (text != NULL && version_digits(text, len, false, out))
		return FARM_OK;
	farm_buf_init(&b);
	if (text == NULL)
		farm_buf_puts(&b, "NULL");
	else
		farm_buf_err_name(&b, text, len);
	rc = farm_fail(err, b.oom ? FARM_ENOMEM : FARM_ECORRUPT,
				   "fragno_db_settings key \"%s\" holds %s, not a version number (decimal digits without sign, spaces or leading zeros, at most %ld)",
				   key, b.oom ? "?" : b.data, FARM_VERSION_MAX);
	farm_buf_free(&b);
	return rc;
}

int
farm_parse_op_version(const char *key, const char *digits, size_t len, long *out,
					  farm_error *err)
{
	farm_buf	b;
	int			rc;

	*out = 0;
	if (len == 10 && version_digits(digits, len, true, out) && *out >= 1)
		return FARM_OK;
	*out = 0;
	farm_buf_init(&b);
	farm_buf_err_name(&b, key, strlen(key));
	rc = farm_fail(err, b.oom ? FARM_ENOMEM : FARM_ECORRUPT,
				   "fragno_db_settings key %s is not an operation key (10 decimal digits from 0000000001 to %010ld after \"farm_op.\")",
				   b.oom ? "?" : b.data, FARM_VERSION_MAX);
	farm_buf_free(&b);
	return rc;
}

void
farm_cache_init(farm_schema_cache *c)
{
	int			i;

	for (i = 0; i < FARM_CACHE_SLOTS; i++)
	{
		c->slots[i].s = NULL;
		farm_strlist_init(&c->slots[i].ops);
	}
	c->next = 0;
}

static void
slot_clear(farm_cache_entry *e)
{
	farm_schema_free(e->s);
	e->s = NULL;
	farm_strlist_free(&e->ops);
}

void
farm_cache_clear(farm_schema_cache *c)
{
	int			i;

	for (i = 0; i < FARM_CACHE_SLOTS; i++)
		slot_clear(&c->slots[i]);
	c->next = 0;
}

static bool
same_texts(const farm_strlist *a, const farm_strlist *b)
{
	size_t		i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (a->lens[i] != b->lens[i] || memcmp(a->items[i], b->items[i], a->lens[i]) != 0)
			return false;
	return true;
}

farm_schema *
farm_cache_replay(farm_schema_cache *c, const char *ns, const farm_strlist *ops,
				  farm_error *err)
{
	int			i;

	for (i = 0; i < FARM_CACHE_SLOTS; i++)
	{
		farm_cache_entry *e = &c->slots[i];

		if (e->s == NULL || strcmp(e->s->ns, ns) != 0)
			continue;
		if (same_texts(&e->ops, ops))
		{
			farm_schema *s = e->s;

			e->s = NULL;
			farm_strlist_free(&e->ops);
			return s;
		}
		slot_clear(e);			/* stale: the log moved on without us */
	}
	return farm_schema_replay(ns, ops->items, ops->lens, (int) ops->n, -1, err);
}

/* Move every string of src to the end of dst; false on OOM. */
static bool
move_strings(farm_strlist *dst, farm_strlist *src)
{
	size_t		i;
	bool		ok = true;

	for (i = 0; i < src->n; i++)
	{
		if (ok)
			ok = farm_strlist_push_owned(dst, src->items[i], src->lens[i]);
		else
			free(src->items[i]);
	}
	free(src->items);
	free(src->lens);
	farm_strlist_init(src);
	return ok;
}

void
farm_cache_keep(farm_schema_cache *c, farm_schema *s, farm_strlist *ops,
				farm_strlist *added)
{
	int			i;
	farm_cache_entry *e = NULL;

	for (i = 0; i < FARM_CACHE_SLOTS && e == NULL; i++)
		if (c->slots[i].s == NULL)
			e = &c->slots[i];
	if (e == NULL)
	{
		e = &c->slots[c->next];
		c->next = (c->next + 1) % FARM_CACHE_SLOTS;
		slot_clear(e);
	}
	e->s = s;
	if (!move_strings(&e->ops, ops) || !move_strings(&e->ops, added))
		slot_clear(e);
}
