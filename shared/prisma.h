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
#include "genopts.h"
#include "model.h"

typedef farm_gen_opts farm_prisma_opts;

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
