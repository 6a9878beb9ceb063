/*-------------------------------------------------------------------------
 * names.h
 *	  Name rules: UTF-8 checks, namespace and object name validation, the
 *	  physical naming scheme with its 63-byte hashing rule, and the
 *	  identifier sanitiser used for Prisma model and field names.
 *
 * The hashing rule (documented in the README, never to change): a name
 * longer than 63 bytes keeps its longest prefix of at most 54 bytes that
 * ends on a UTF-8 character boundary, then "_" and 8 lowercase hex digits
 * of the 64-bit FNV-1a hash of the full name, folded to 32 bits
 * (high ^ low).  The result is at most 63 bytes.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_NAMES_H
#define FARM_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define FARM_NAME_MAX 63

/* Byte length of the UTF-8 character at s (1-4), or 0 if invalid. */
extern size_t farm_utf8_char_len(const char *s, size_t avail);
/* True if the len bytes are valid UTF-8 with no NUL. */
extern bool farm_utf8_valid(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string. */
extern size_t farm_utf8_count(const char *s);

/* Namespace: 1-63 bytes, ^[A-Za-z][A-Za-z0-9_-]*$ */
extern bool farm_namespace_valid(const char *s, size_t len);
/*
 * Object name (table, column, index): 1-63 bytes of valid UTF-8, no
 * control characters.  Returns NULL when valid, else a reason.
 */
extern const char *farm_name_problem(const char *s, size_t len);

extern uint64_t farm_fnv1a64(const char *s, size_t len);

/* Append `name` to b, shortened by the hashing rule if over 63 bytes. */
extern void farm_buf_physical(farm_buf *b, const char *name, size_t len);
/* malloc'd physical name of "<a><b><c>" (any of them may be ""). */
extern char *farm_physical_name3(const char *a, const char *b, const char *c);
/* Physical table name: "<table>_<ns>" or "<table>" when ns is "" (internal). */
extern char *farm_table_physical(const char *ns, const char *table);
/* Physical index name: "<index>_<ns>" or "<index>". */
extern char *farm_index_physical(const char *ns, const char *index);

/* Foreign-key name: physical name of "<physical table>_<column>_fkey". */
extern char *farm_fk_physical(const char *physical, const char *column);

/* ASCII case folding for name comparisons (SQLite's rule). */
extern int	farm_strcasecmp(const char *a, const char *b);

/* True if s is a legal Prisma identifier: ^[A-Za-z][A-Za-z0-9_]*$ */
extern bool farm_prisma_ident_ok(const char *s);
/*
 * Append a legal Prisma identifier derived from s: ASCII letters, digits and
 * '_' kept, every run of other bytes becomes one '_', leading non-letters
 * dropped; `fallback` when nothing is left.
 */
extern void farm_buf_prisma_ident(farm_buf *b, const char *s, const char *fallback);

#endif							/* FARM_NAMES_H */
