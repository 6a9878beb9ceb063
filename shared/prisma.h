/*-------------------------------------------------------------------------
 * prisma.h
 *	  Prisma schema emission (SPEC section 5): models for the internal
 *	  schema and any number of namespaces, laid out exactly as
 *	  `prisma format` prints them.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_PRISMA_H
#define FARM_PRISMA_H

#include <stdbool.h>

#include "dialect.h"
#include "model.h"

typedef struct farm_prisma_opts
{
	farm_provider provider;
	farm_storage storage;		/* SQLite only */
	bool		datasource;		/* prepend datasource + generator blocks */
	bool		internal;		/* include the internal models */
	/*
	 * Option "schemas": @@schema on every model, "public" included, for an
	 * app whose datasource lists `schemas` (provider postgresql only).
	 * Without it only models outside "public" get @@schema.
	 */
	bool		schemas;
	/*
	 * PostgreSQL, filled by the binding (NULL: every table in "public"):
	 * the database schema of each entry of the array given to
	 * farm_prisma_generate, and the schemas that hold internal tables for
	 * them (the internal models are emitted once per schema; the copy in
	 * "public", else the first bytewise, keeps the unsuffixed names).
	 */
	const char *const *ns_schemas;
	const char *const *internal_schemas;
	int			ninternal;
} farm_prisma_opts;

/* Fill *opts with the host's defaults (everything else off / NULL). */
extern void farm_prisma_default_opts(farm_prisma_opts *opts, farm_provider provider,
									 farm_storage storage);

/*
 * Parse the options JSON of farm_generate_prisma (NULL = none) on top of the
 * host defaults already in *opts.  Unknown keys and bad values are errors.
 */
extern int	farm_prisma_parse_opts(const char *json, size_t len,
								   farm_prisma_opts *opts, farm_error *err);

/*
 * The Prisma schema text (malloc'd) of the given namespace schemas (any
 * order; sorted bytewise by namespace here).  NULL on error.
 */
extern char *farm_prisma_generate(farm_schema *const *schemas, int nschemas,
								  const farm_prisma_opts *opts, farm_error *err);

#endif							/* FARM_PRISMA_H */
