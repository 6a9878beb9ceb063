/*-------------------------------------------------------------------------
 * jsonnum.h
 *	  Exact JSON numbers on top of jansson, which keeps integers only up to
 *	  64 bits (a longer one is a parse error) and reals only as doubles (a
 *	  longer one is silently rounded).
 *
 * Before parsing, every number token jansson would not keep exactly (any
 * number with a fraction or exponent, any integer beyond 64 bits) is
 * rewritten into the string "\u0000<token>" and the text is parsed with
 * JSON_ALLOW_NUL.  Input text never holds such a string: a text with a
 * "\u0000" escape of its own is parsed unchanged (and jansson refuses it).
 * Readers ask farm_jsonnum_token() for the token text; farm_jsonnum_dumps()
 * writes a value back with every token exactly as it was written.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_JSONNUM_H
#define FARM_JSONNUM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * json_loadb with exact numbers.  On a syntax error the error is the one
 * jansson reports for the original text.
 */
extern json_t *farm_jsonnum_loadb(const char *text, size_t len, size_t flags,
								  json_error_t *jerr);
/* The token text of a rewritten number, or NULL if v is not one. */
extern const char *farm_jsonnum_token(const json_t *v);
/* True if v is a JSON number (jansson's or a rewritten one). */
extern bool farm_jsonnum_is_number(const json_t *v);
/* True if v is a real string (not a rewritten number). */
extern bool farm_jsonnum_is_string(const json_t *v);
/* json_dumps with rewritten numbers written back as their tokens; malloc'd. */
extern char *farm_jsonnum_dumps(const json_t *v, size_t flags);

#endif							/* FARM_JSONNUM_H */
