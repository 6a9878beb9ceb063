/*-------------------------------------------------------------------------
 * buf.c
 *	  Growable buffer, string list and quoting helpers (see buf.h).
 *-------------------------------------------------------------------------
 */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

void
farm_buf_init(farm_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->oom = false;
}

void
farm_buf_free(farm_buf *b)
{
	free(b->data);
	farm_buf_init(b);
}

void
farm_buf_reset(farm_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

bool
farm_buf_reserve(farm_buf *b, size_t extra)
{
	size_t		need;
	size_t		ncap;
	char	   *p;

	if (b->oom)
		return false;
	if (extra > ((size_t) -1) / 2 - b->len)
	{
		b->oom = true;
		return false;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap *= 2;
	p = realloc(b->data, ncap);
	if (p == NULL)
	{
		b->oom = true;
		return false;
	}
	b->data = p;
	b->cap = ncap;
	return true;
}

void
farm_buf_putn(farm_buf *b, const char *s, size_t n)
{
	if (!farm_buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
farm_buf_puts(farm_buf *b, const char *s)
{
	farm_buf_putn(b, s, strlen(s));
}

void
farm_buf_putc(farm_buf *b, char c)
{
	farm_buf_putn(b, &c, 1);
}

void
farm_buf_printf(farm_buf *b, const char *fmt,...)
{
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !farm_buf_reserve(b, (size_t) n))
	{
		b->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t) n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t) n;
}

void
farm_buf_pad(farm_buf *b, size_t n)
{
	if (!farm_buf_reserve(b, n))
		return;
	memset(b->data + b->len, ' ', n);
	b->len += n;
	b->data[b->len] = '\0';
}

char *
farm_buf_steal(farm_buf *b)
{
	char	   *s;

	if (b->oom)
		return NULL;
	if (b->data == NULL)
		return farm_strdup("");
	s = b->data;
	farm_buf_init(b);
	return s;
}

static void
put_doubled(farm_buf *b, const char *s, char q)
{
	const char *p;

	farm_buf_putc(b, q);
	for (p = s; *p; p++)
	{
		if (*p == q)
			farm_buf_putc(b, q);
		farm_buf_putc(b, *p);
	}
	farm_buf_putc(b, q);
}

void
farm_buf_sql_ident(farm_buf *b, const char *s)
{
	put_doubled(b, s, '"');
}

void
farm_buf_sql_literal(farm_buf *b, const char *s)
{
	put_doubled(b, s, '\'');
}

void
farm_buf_json_string(farm_buf *b, const char *s)
{
	const unsigned char *p;

	farm_buf_putc(b, '"');
	for (p = (const unsigned char *) s; *p; p++)
	{
		switch (*p)
		{
			case '"':
				farm_buf_puts(b, "\\\"");
				break;
			case '\\':
				farm_buf_puts(b, "\\\\");
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
			case '\b':
				farm_buf_puts(b, "\\b");
				break;
			case '\f':
				farm_buf_puts(b, "\\f");
				break;
			default:
				if (*p < 0x20 || *p == 0x7f)
					farm_buf_printf(b, "\\u%04x", *p);
				else
					farm_buf_putc(b, (char) *p);
		}
	}
	farm_buf_putc(b, '"');
}

void
farm_buf_err_name(farm_buf *b, const char *s, size_t len)
{
	size_t		i = 0;
	size_t		shown = 0;

	farm_buf_putc(b, '"');
	while (i < len)
	{
		unsigned char c = (unsigned char) s[i];
		size_t		cl = farm_utf8_char_len(s + i, len - i);

		if (shown >= 64)
		{
			farm_buf_puts(b, "...");
			break;
		}
		if (cl == 0)
		{
			farm_buf_printf(b, "\\x%02X", c);
			i++;
			shown += 4;
		}
		else if (cl == 2 && c == 0xC2 && (unsigned char) s[i + 1] < 0xA0)
		{
			/* C1 control characters (U+0080..U+009F) are escaped too */
			farm_buf_printf(b, "\\xC2\\x%02X", (unsigned char) s[i + 1]);
			i += 2;
			shown += 8;
		}
		else if (cl == 1 && (c < 0x20 || c == 0x7f || c == '"' || c == '\\'))
		{
			if (c == '"' || c == '\\')
				farm_buf_printf(b, "\\%c", c);
			else
				farm_buf_printf(b, "\\x%02X", c);
			i++;
			shown += 2;
		}
		else
		{
			farm_buf_putn(b, s + i, cl);
			i += cl;
			shown += cl;
		}
	}
	farm_buf_putc(b, '"');
}

void
farm_strlist_init(farm_strlist *l)
{
	l->items = NULL;
	l->lens = NULL;
	l->n = 0;
	l->cap = 0;
}

void
farm_strlist_free(farm_strlist *l)
{
	size_t		i;

	for (i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	free(l->lens);
	farm_strlist_init(l);
}

bool
farm_strlist_push_owned(farm_strlist *l, char *s, size_t len)
{
	if (s == NULL)
		return false;
	if (l->n == l->cap)
	{
		size_t		ncap = l->cap ? l->cap * 2 : 16;
		char	  **ni = realloc(l->items, ncap * sizeof(char *));
		size_t	   *nl;

		if (ni == NULL)
		{
			free(s);
			return false;
		}
		l->items = ni;
		nl = realloc(l->lens, ncap * sizeof(size_t));
		if (nl == NULL)
		{
			free(s);
			return false;
		}
		l->lens = nl;
		l->cap = ncap;
	}
	l->items[l->n] = s;
	l->lens[l->n] = len;
	l->n++;
	return true;
}

bool
farm_strlist_push(farm_strlist *l, const char *s)
{
	char	   *c = farm_strdup(s);

	if (c == NULL)
		return false;
	return farm_strlist_push_owned(l, c, strlen(c));
}

bool
farm_strlist_push_buf(farm_strlist *l, farm_buf *b)
{
	size_t		len = b->len;
	char	   *s = farm_buf_steal(b);

	return farm_strlist_push_owned(l, s, len);
}

char *
farm_strdup(const char *s)
{
	return farm_strndup(s, strlen(s));
}

char *
farm_strndup(const char *s, size_t n)
{
	char	   *p = malloc(n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/*
 * Append the JSON number `text` in plain decimal notation (no exponent:
 * Prisma's schema grammar has none, and PostgreSQL renders numerics so).  False if text is not a JSON number or its
 * exponent is beyond anything a double can carry.
 */
bool
farm_buf_plain_number(farm_buf *b, const char *text)
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
