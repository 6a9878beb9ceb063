/*-------------------------------------------------------------------------
 * names.c
 *	  Name validation and physical naming (see names.h for the rules).
 *-------------------------------------------------------------------------
 */
#include "names.h"

#include <stdlib.h>
#include <string.h>

size_t
farm_utf8_char_len(const char *s, size_t avail)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		n;
	size_t		i;
	uint32_t	cp;

	if (avail == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
	{
		n = 2;
		cp = p[0] & 0x1F;
	}
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
	{
		n = 3;
		cp = p[0] & 0x0F;
	}
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
	{
		n = 4;
		cp = p[0] & 0x07;
	}
	else
		return 0;
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++)
	{
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		(cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return n;
}

bool
farm_utf8_valid(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		n;

		if (s[i] == '\0')
			return false;
		n = farm_utf8_char_len(s + i, len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

size_t
farm_utf8_count(const char *s)
{
	size_t		n = 0;

	for (; *s; s++)
		if ((*s & 0xC0) != 0x80)
			n++;
	return n;
}

static bool
is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
farm_namespace_valid(const char *s, size_t len)
{
	size_t		i;

	if (s == NULL || len < 1 || len > FARM_NAME_MAX || !is_alpha(s[0]))
		return false;
	for (i = 1; i < len; i++)
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '_' && s[i] != '-')
			return false;
	return true;
}

const char *
farm_name_problem(const char *s, size_t len)
{
	size_t		i = 0;

	if (len == 0)
		return "name is empty";
	if (len > FARM_NAME_MAX)
		return "name is longer than 63 bytes";
	while (i < len)
	{
		unsigned char c = (unsigned char) s[i];
		size_t		n;

		if (c == 0)
			return "name contains a NUL byte";
		n = farm_utf8_char_len(s + i, len - i);
		if (n == 0)
			return "name is not valid UTF-8";
		if (c < 0x20 || c == 0x7f)
			return "name contains a control character";
		/* C1 controls U+0080..U+009F are encoded C2 80..C2 9F */
		if (n == 2 && c == 0xC2 && (unsigned char) s[i + 1] < 0xA0)
			return "name contains a control character";
		i += n;
	}
	return NULL;
}

uint64_t
farm_fnv1a64(const char *s, size_t len)
{
	uint64_t	h = UINT64_C(14695981039346656037);
	size_t		i;

	for (i = 0; i < len; i++)
	{
		h ^= (unsigned char) s[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

void
farm_buf_physical(farm_buf *b, const char *name, size_t len)
{
	size_t		cut = 0;
	uint64_t	h;

	if (len <= FARM_NAME_MAX)
	{
		farm_buf_putn(b, name, len);
		return;
	}
	/* longest prefix <= 54 bytes ending on a character boundary */
	while (cut < len)
	{
		size_t		n = farm_utf8_char_len(name + cut, len - cut);

		if (n == 0)
			n = 1;				/* not reachable for validated names */
		if (cut + n > FARM_NAME_MAX - 9)
			break;
		cut += n;
	}
	h = farm_fnv1a64(name, len);
	farm_buf_putn(b, name, cut);
	farm_buf_printf(b, "_%08x", (unsigned int) ((h >> 32) ^ (h & 0xffffffffu)));
}

char *
farm_physical_name3(const char *a, const char *b, const char *c)
{
	farm_buf	full;
	farm_buf	out;
	char	   *res;

	farm_buf_init(&full);
	farm_buf_init(&out);
	farm_buf_puts(&full, a);
	farm_buf_puts(&full, b);
	farm_buf_puts(&full, c);
	if (full.oom)
	{
		farm_buf_free(&full);
		return NULL;
	}
	farm_buf_physical(&out, full.data, full.len);
	farm_buf_free(&full);
	res = farm_buf_steal(&out);
	farm_buf_free(&out);
	return res;
}

char *
farm_table_physical(const char *ns, const char *table)
{
	if (ns == NULL || ns[0] == '\0')
		return farm_physical_name3(table, "", "");
	return farm_physical_name3(table, "_", ns);
}

char *
farm_index_physical(const char *ns, const char *index)
{
	return farm_table_physical(ns, index);
}

int
farm_strcasecmp(const char *a, const char *b)
{
	for (;; a++, b++)
	{
		unsigned char ca = (unsigned char) *a;
		unsigned char cb = (unsigned char) *b;

		if (ca >= 'A' && ca <= 'Z')
			ca += 32;
		if (cb >= 'A' && cb <= 'Z')
			cb += 32;
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (ca == 0)
			return 0;
	}
}

bool
farm_prisma_ident_ok(const char *s)
{
	if (!is_alpha(s[0]))
		return false;
	for (s++; *s; s++)
		if (!is_alpha(*s) && !is_digit(*s) && *s != '_')
			return false;
	return true;
}

void
farm_buf_prisma_ident(farm_buf *b, const char *s, const char *fallback)
{
	size_t		start = b->len;
	bool		pending_sep = false;

	for (; *s; s++)
	{
		char		c = *s;
		bool		ok = is_alpha(c) || is_digit(c) || c == '_';

		if (!ok)
		{
			pending_sep = true;
			continue;
		}
		if (b->len == start)
		{
			if (!is_alpha(c))
				continue;		/* drop leading non-letters */
		}
		else if (pending_sep)
			farm_buf_putc(b, '_');
		pending_sep = false;
		farm_buf_putc(b, c);
	}
	if (b->len == start)
		farm_buf_puts(b, fallback);
}

char *
farm_fk_physical(const char *physical, const char *column)
{
	farm_buf	b;
	char	   *tail;
	char	   *res;

	farm_buf_init(&b);
	farm_buf_puts(&b, column);
	farm_buf_puts(&b, "_fkey");
	tail = farm_buf_steal(&b);
	farm_buf_free(&b);
	if (tail == NULL)
		return NULL;
	res = farm_physical_name3(physical, "_", tail);
	free(tail);
	return res;
}
