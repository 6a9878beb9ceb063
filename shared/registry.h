/*-------------------------------------------------------------------------
 * registry.h
 *	  The registry as a binding loads it: for each namespace its stored
 *	  operations (version order) and its applied version.  Helpers shared by
 *	  both bindings: contiguity checks, lookup, namespace listing JSON, and
 *	  replay of every namespace for generation.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_REGISTRY_H
#define FARM_REGISTRY_H

#include "model.h"

typedef struct farm_nsops
{
	char	   *ns;
	farm_strlist ops;			/* ops.items[v-1] is the text of version v */
	long		applied;		/* applied version, 0 when never migrated */
} farm_nsops;

typedef struct farm_registry
{
	farm_nsops *items;
	int			n;
	int			cap;
} farm_registry;

extern void farm_registry_init(farm_registry *r);
extern void farm_registry_free(farm_registry *r);

/*
 * Add the stored operation of (ns, version).  Rows of one namespace must
 * arrive together and in version order starting at 1; anything else means
 * the stored registry is damaged (FARM_ECORRUPT).
 */
extern int	farm_registry_add(farm_registry *r, const char *ns, long version,
							  const char *text, size_t len, farm_error *err);
/* Namespace entry, created empty if absent when `create`; NULL on OOM/absent. */
extern farm_nsops *farm_registry_get(farm_registry *r, const char *ns, bool create);
/* Sort namespaces bytewise. */
extern void farm_registry_sort(farm_registry *r);
/* [{"namespace":..,"version":..,"applied":..}, ...] sorted bytewise. malloc'd. */
extern char *farm_registry_namespaces_json(farm_registry *r);

/*
 * Replay namespaces to their registered versions: all of them (ns NULL) or
 * one (must be registered: FARM_EUNKNOWN otherwise).  *out is a malloc'd
 * array of *nout schemas; free with farm_schemas_free.
 */
extern int	farm_registry_schemas(farm_registry *r, const char *ns,
								  farm_schema ***out, int *nout, farm_error *err);
extern void farm_schemas_free(farm_schema **s, int n);

/* SQLite key of an operation in fragno_db_settings: "<ns>.farm_op.%010ld". */
extern char *farm_op_key(const char *ns, long version);
/* Key of the applied version: "<ns>.schema_version" (".schema_version" internal). */
extern char *farm_version_key(const char *ns);

#endif							/* FARM_REGISTRY_H */
