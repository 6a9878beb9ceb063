/*-------------------------------------------------------------------------
 * dialect.c
 *	  Names of the generation targets (Prisma providers / SQL dialects) and
 *	  of the SQLite storage modes, and their parsers.
 *
 * The spellings are the ones users write in option JSON and the ones the
 * Prisma header comment prints; they never change.
 *-------------------------------------------------------------------------
 */
#include "dialect.h"

#include <stddef.h>
#include <string.h>

static const char *const provider_names[] = {"postgresql", "sqlite", "mysql"};
static const char *const storage_names[] = {"prisma", "default"};

#define NPROVIDERS ((int) (sizeof(provider_names) / sizeof(provider_names[0])))
#define NSTORAGES ((int) (sizeof(storage_names) / sizeof(storage_names[0])))

const char *
farm_provider_name(farm_provider p)
{
	if ((int) p < 0 || (int) p >= NPROVIDERS)
		return "unknown";
	return provider_names[p];
}

const char *
farm_storage_name(farm_storage s)
{
	if ((int) s < 0 || (int) s >= NSTORAGES)
		return "unknown";
	return storage_names[s];
}

/* The provider spelled exactly as s (case-sensitive), or -1. */
int
farm_provider_parse(const char *s)
{
	int			i;

	if (s == NULL)
		return -1;
	for (i = 0; i < NPROVIDERS; i++)
		if (strcmp(s, provider_names[i]) == 0)
			return i;
	return -1;
}

/* The storage mode spelled exactly as s (case-sensitive), or -1. */
int
farm_storage_parse(const char *s)
{
	int			i;

	if (s == NULL)
		return -1;
	for (i = 0; i < NSTORAGES; i++)
		if (strcmp(s, storage_names[i]) == 0)
			return i;
	return -1;
}
