/*-------------------------------------------------------------------------
 * drizzle.h
 *	  Drizzle ORM schema emission (SPEC section 3): one TypeScript module
 *	  with a table per farmorm table (sqliteTable / pgTable / mysqlTable),
 *	  its indexes and foreign keys, and relations() for every reference,
 *	  matching the DDL farmorm runs so drizzle-kit plans nothing.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_DRIZZLE_H
#define FARM_DRIZZLE_H

#include <stddef.h>

#include "genopts.h"
#include "model.h"

typedef farm_gen_opts farm_drizzle_opts;

/*
 * Parse the options JSON of farm_generate_drizzle (NULL = none) on top of
 * the host defaults already in *opts: provider, sqliteStorage, internal.
 */
extern int	farm_drizzle_parse_opts(const char *json, size_t len,
									farm_drizzle_opts *opts, farm_error *err);

/*
 * The TypeScript module text (malloc'd) for the given namespace schemas
 * (any order; sorted bytewise by namespace here).  NULL on error.
 */
extern char *farm_drizzle_generate(farm_schema *const *schemas, int nschemas,
								   const farm_drizzle_opts *opts, farm_error *err);

#endif							/* FARM_DRIZZLE_H */
