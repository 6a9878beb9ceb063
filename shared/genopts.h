/*-------------------------------------------------------------------------
 * genopts.h
 *	  The options object of the ORM generation functions
 *	  (farm_generate_prisma, farm_generate_drizzle; SPEC section 3):
 *	  provider, sqliteStorage, internal and, for Prisma only, datasource
 *	  and schemas.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_GENOPTS_H
#define FARM_GENOPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "dialect.h"
#include "model.h"

typedef struct farm_gen_opts
{
	farm_provider provider;
	farm_storage storage;		/* SQLite only */
	bool		datasource;		/* Prisma: prepend datasource + generator blocks */
	bool		internal;		/* include the internal tables */
	/*
	 * Prisma, option "schemas" (provider postgresql only): @@schema on
	 * every model, "public" included, for an app whose datasource lists
	 * `schemas`.  Without it @@schema appears only when some model lives
	 * outside "public" (then on every model).
	 */
	bool		schemas;
	/*
	 * PostgreSQL, filled by the binding (NULL: every table in "public"):
	 * the database schema of each entry of the schemas given to the
	 * generator, and the schemas that hold internal tables for them (see
	 * farm_naming_opts).  Zero the struct before filling it.
	 */
	const char *const *ns_schemas;
	const char *const *internal_schemas;
	int			ninternal;
} farm_gen_opts;

/*
 * Parse an options JSON object (NULL = none) on top of the host defaults
 * already in *opts.  "datasource" is accepted only when `datasource` is
 * true.  Unknown keys and bad values are errors naming the key; on error
 * *opts may be partly updated and is to be discarded.
 */
extern int	farm_gen_parse_opts(const char *json, size_t len, bool datasource,
								farm_gen_opts *opts, farm_error *err);

/*
 * The prologue every options parser of the core shares (generation,
 * farm_migrate, farm_sql): NULL json is no options (*out = NULL, FARM_OK);
 * otherwise *out is the parsed object, to be released with json_decref,
 * or the error says the options are too large, not valid JSON or not a
 * JSON object.  `any` parses any JSON value first, so a scalar is "not a
 * JSON object" rather than "not valid JSON"; `sized` names the size and
 * the limit in the too-large text.
 */
struct json_t;
extern int	farm_opts_load(const char *json, size_t len, bool any, bool sized,
						   struct json_t **out, farm_error *err);

#endif							/* FARM_GENOPTS_H */
