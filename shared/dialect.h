/*-------------------------------------------------------------------------
 * dialect.h
 *	  Targets of generation: SQL dialects / Prisma providers and the SQLite
 *	  storage modes (SPEC section 6).
 *-------------------------------------------------------------------------
 */
#ifndef FARM_DIALECT_H
#define FARM_DIALECT_H

typedef enum farm_provider
{
	FARM_PG = 0,				/* "postgresql" */
	FARM_SQLITE,				/* "sqlite" */
	FARM_MYSQL					/* "mysql": Prisma generation only */
} farm_provider;

typedef enum farm_storage
{
	FARM_STORAGE_PRISMA = 0,	/* Prisma-native SQLite values (default) */
	FARM_STORAGE_DEFAULT		/* the seed's epoch-ms / BLOB int64 values */
} farm_storage;

extern const char *farm_provider_name(farm_provider p);
extern const char *farm_storage_name(farm_storage s);
/* -1 when unknown */
extern int	farm_provider_parse(const char *s);
extern int	farm_storage_parse(const char *s);

#endif							/* FARM_DIALECT_H */
