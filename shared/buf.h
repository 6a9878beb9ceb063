/*-------------------------------------------------------------------------
 * buf.h
 *	  Growable byte buffer, string lists and the quoting rules farmorm uses
 *	  for SQL identifiers, SQL literals, JSON/Prisma string literals and
 *	  names printed inside error messages.
 *
 * The core allocates with malloc and never aborts: every appender records
 * an out-of-memory condition in the buffer (oom flag) and becomes a no-op,
 * so callers check once at the end.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_BUF_H
#define FARM_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct farm_buf
{
	char	   *data;			/* always NUL-terminated when len > 0 or cap > 0 */
	size_t		len;
	size_t		cap;
	bool		oom;
} farm_buf;

extern void farm_buf_init(farm_buf *b);
extern void farm_buf_free(farm_buf *b);
extern void farm_buf_reset(farm_buf *b);
extern bool farm_buf_reserve(farm_buf *b, size_t extra);
extern void farm_buf_putn(farm_buf *b, const char *s, size_t n);
extern void farm_buf_puts(farm_buf *b, const char *s);
extern void farm_buf_putc(farm_buf *b, char c);
extern void farm_buf_printf(farm_buf *b, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));
/* Append n spaces. */
extern void farm_buf_pad(farm_buf *b, size_t n);
/* Take ownership of the bytes (NUL-terminated); the buffer is left empty. */
extern char *farm_buf_steal(farm_buf *b);

/* "ident" with embedded quotes doubled (SQL standard, both hosts). */
extern void farm_buf_sql_ident(farm_buf *b, const char *s);
/* 'literal' with embedded single quotes doubled. */
extern void farm_buf_sql_literal(farm_buf *b, const char *s);
/* "json string" escaped per RFC 8259 (also valid Prisma string literal). */
extern void farm_buf_json_string(farm_buf *b, const char *s);
/*
 * The JSON number `text` in plain decimal notation, digits kept as written
 * ("1.5e-3" -> "0.0015"); false if text is not a JSON number or its
 * exponent is beyond anything a double can carry.
 */
extern bool farm_buf_plain_number(farm_buf *b, const char *text);
/*
 * A name quoted for an error message: at most 64 bytes, non-printable and
 * non-UTF-8 bytes as \xNN, "..." appended when cut.
 */
extern void farm_buf_err_name(farm_buf *b, const char *s, size_t len);

/* A list of owned strings. */
typedef struct farm_strlist
{
	char	  **items;
	size_t	   *lens;
	size_t		n;
	size_t		cap;
} farm_strlist;

extern void farm_strlist_init(farm_strlist *l);
extern void farm_strlist_free(farm_strlist *l);
/* Takes ownership of s (malloc'd); returns false on OOM (and frees s). */
extern bool farm_strlist_push_owned(farm_strlist *l, char *s, size_t len);
extern bool farm_strlist_push(farm_strlist *l, const char *s);
/* Push the buffer's contents (stealing them); false on OOM. */
extern bool farm_strlist_push_buf(farm_strlist *l, farm_buf *b);

extern char *farm_strdup(const char *s);
extern char *farm_strndup(const char *s, size_t n);

#endif							/* FARM_BUF_H */
