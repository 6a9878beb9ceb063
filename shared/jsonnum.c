/*-------------------------------------------------------------------------
 * jsonnum.c
 *	  Exact JSON numbers on top of jansson (see jsonnum.h).
 *
 * Design notes:
 *	- One linear pass finds the number tokens outside strings; a second
 *	  pass (only when there is something to rewrite) copies the text with
 *	  those tokens quoted behind a NUL escape.  Strings are skipped with
 *	  their escapes, so a digit inside a string is never touched.
 *	- The rewrite keeps the syntax: a valid number becomes a valid string,
 *	  so the rewritten text parses exactly when the original (bar integers
 *	  beyond 64 bits) does; on failure the original text is parsed again
 *	  for jansson's own message and position.
 *	- A dumped marker is always `"\u0000<token>"`: a user string can hold
 *	  no NUL here, and a backslash of its own is dumped doubled, so the
 *	  sequence cannot come from anything else.
 *-------------------------------------------------------------------------
 */
#include "jsonnum.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define MARK "\"\\u0000"
#define MARK_LEN 7

/* Length of a valid JSON number token at p (0 if none); *integral set. */
static size_t
number_token(const char *p, const char *end, bool *integral)
{
	const char *s = p;

	*integral = true;
	if (p < end && *p == '-')
		p++;
	if (p >= end || *p < '0' || *p > '9')
		return 0;
	if (*p == '0')
		p++;
	else
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	if (p < end && *p == '.')
	{
		p++;
		*integral = false;
		if (p >= end || *p < '0' || *p > '9')
			return 0;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E'))
	{
		p++;
		*integral = false;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || *p < '0' || *p > '9')
			return 0;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	return (size_t) (p - s);
}

/* True if the integer token fits jansson's json_int_t (64 bits). */
static bool
fits_int64(const char *tok, size_t n)
{
	char		tmp[32];
	char	   *e;

	if (n >= sizeof(tmp))
		return false;
	memcpy(tmp, tok, n);
	tmp[n] = '\0';
	errno = 0;
	(void) strtoll(tmp, &e, 10);
	return errno == 0 && *e == '\0';
}

/*
 * Scan the text: count the tokens to rewrite; false if the text has a
 * "\u0000" escape of its own (then nothing is rewritten).
 */
static bool
scan(const char *text, size_t len, farm_buf *out, size_t *nmarked)
{
	const char *p = text;
	const char *end = text + len;
	const char *copied = text;

	*nmarked = 0;
	while (p < end)
	{
		if (*p == '"')
		{
			p++;
			while (p < end && *p != '"')
			{
				if (*p == '\\' && p + 1 < end)
				{
					if (p[1] == 'u' && end - p >= 6 && memcmp(p + 2, "0000", 4) == 0)
						return false;
					p += 2;
				}
				else
					p++;
			}
			p++;
		}
		else if (*p == '-' || (*p >= '0' && *p <= '9'))
		{
			bool		integral;
			size_t		n = number_token(p, end, &integral);

			if (n == 0)
				p++;
			else
			{
				if (!integral || !fits_int64(p, n))
				{
					(*nmarked)++;
					if (out != NULL)
					{
						farm_buf_putn(out, copied, (size_t) (p - copied));
						farm_buf_puts(out, MARK);
						farm_buf_putn(out, p, n);
						farm_buf_putc(out, '"');
						copied = p + n;
					}
				}
				p += n;
			}
		}
		else
			p++;
	}
	if (out != NULL)
		farm_buf_putn(out, copied, (size_t) (end - copied));
	return true;
}

json_t *
farm_jsonnum_loadb(const char *text, size_t len, size_t flags, json_error_t *jerr)
{
	farm_buf	b;
	size_t		n;
	json_t	   *j;

	if (!scan(text, len, NULL, &n) || n == 0)
		return json_loadb(text, len, flags, jerr);
	farm_buf_init(&b);
	scan(text, len, &b, &n);
	if (b.oom)
	{
		farm_buf_free(&b);
		if (jerr)
		{
			memset(jerr, 0, sizeof(*jerr));
			strcpy(jerr->text, "out of memory");
		}
		return NULL;
	}
	j = json_loadb(b.data, b.len, flags | JSON_ALLOW_NUL, jerr);
	farm_buf_free(&b);
	if (j == NULL)
		j = json_loadb(text, len, flags, jerr);
	return j;
}

const char *
farm_jsonnum_token(const json_t *v)
{
	if (!json_is_string(v) || json_string_length(v) < 2 || json_string_value(v)[0] != '\0')
		return NULL;
	return json_string_value(v) + 1;
}

bool
farm_jsonnum_is_number(const json_t *v)
{
	return json_is_number(v) || farm_jsonnum_token(v) != NULL;
}

bool
farm_jsonnum_is_string(const json_t *v)
{
	return json_is_string(v) && farm_jsonnum_token(v) == NULL;
}

char *
farm_jsonnum_dumps(const json_t *v, size_t flags)
{
	char	   *d = json_dumps(v, flags);
	char	   *r;
	char	   *w;

	if (d == NULL || strstr(d, MARK) == NULL)
		return d;
	/* `"\u0000<token>"` -> `<token>`, in place (the result is shorter) */
	r = d;
	w = d;
	while (*r)
	{
		if (strncmp(r, MARK, MARK_LEN) == 0)
		{
			r += MARK_LEN;
			while (*r && *r != '"')
				*w++ = *r++;
			if (*r == '"')
				r++;
		}
		else
			*w++ = *r++;
	}
	*w = '\0';
	return d;
}
