/*-------------------------------------------------------------------------
 * external.h
 *	  The tables farmorm owns in a database, for an application's own
 *	  Prisma Migrate (SPEC section 3, "Living beside an app's own Prisma
 *	  Migrate"): the names for prisma.config.ts `tables.external`
 *	  (farm_external_tables) and the script for `migrations.initShadowDb`
 *	  that creates those tables in an empty database (farm_shadow_sql).
 *
 * The bindings say what the registry records, nothing else: for each
 * namespace (and the internal schema) the version whose tables exist and,
 * on PostgreSQL, the schema they live in.  Tables farmorm adopted count as
 * its own because adopting records an applied version, like migrating.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_EXTERNAL_H
#define FARM_EXTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "dialect.h"
#include "model.h"

/* One set of tables farmorm created or adopted. */
typedef struct farm_owned
{
	const char *schema;			/* PostgreSQL schema of the tables; NULL on SQLite */
	const char *ns;				/* namespace; "" = the internal schema */
	char *const *ops;			/* its operation log (ignored for "") */
	const size_t *lens;
	int			nops;
	long		applied;		/* the tables exist at this version; 0: none */
} farm_owned;

/*
 * JSON array of the physical table names, PostgreSQL "schema.table"
 * unquoted, SQLite bare, plus "sqlite_sequence" when `sqlite_sequence`
 * (the binding saw it exists); bytewise order, each name once.  malloc'd;
 * NULL and err filled on failure.
 */
extern char *farm_external_tables(const farm_owned *items, int n, farm_provider dialect,
								  bool sqlite_sequence, farm_error *err);

/*
 * SQL script that creates those tables as they stand at their applied
 * versions in an empty database of the host without farmorm: PostgreSQL
 * "CREATE SCHEMA IF NOT EXISTS" for every schema but public first, then
 * every table (internal tables first per schema, then namespaces bytewise),
 * then the PostgreSQL foreign keys.  Never DDL for sqlite_sequence (SQLite
 * creates it with the first AUTOINCREMENT table).  "" when nothing is
 * owned.  malloc'd; NULL and err filled on failure.
 */
extern char *farm_shadow_sql(const farm_owned *items, int n, farm_provider dialect,
							 farm_storage storage, farm_error *err);

#endif							/* FARM_EXTERNAL_H */
