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

/*
 * farm_discard_pending(ns): the operator's way out for a namespace whose
 * registered operations above its applied version can never be applied
 * (accepted by an older gate, say).  Those operations were never applied
 * in this database, so dropping them loses nothing that exists.  e is the
 * loaded namespace (NULL when absent).  On success *keep is the version to
 * keep (its applied version): the binding deletes versions *keep+1 .. the
 * registered version, and that is all.  Nothing is replayed, so a log that
 * no longer replays can still be cut back.  An unregistered namespace is
 * FARM_EUNKNOWN; an applied version beyond the log is FARM_ECORRUPT.
 */
extern int	farm_discard_plan(const char *ns, const farm_nsops *e, long *keep,
							  farm_error *err);

/*
 * Replayed schemas remembered between calls, so a migration script of many
 * single-operation calls does not replay the whole log each time.  An entry
 * is used only when the stored operation texts are byte for byte the ones it
 * was built from, so a rolled-back transaction, a restored file or another
 * connection's writes can never make it stale.  Writes keep the other
 * namespaces' schemas here too (the registration gate compares with them),
 * hence room for many namespaces.  Memory: malloc; one cache per SQLite
 * connection / PostgreSQL backend.
 */
#define FARM_CACHE_SLOTS 64

typedef struct farm_cache_entry
{
	farm_schema *s;				/* NULL: empty slot */
	farm_strlist ops;			/* the operation texts s reflects */
} farm_cache_entry;

typedef struct farm_schema_cache
{
	farm_cache_entry slots[FARM_CACHE_SLOTS];
	int			next;			/* slot to reuse next */
} farm_schema_cache;

extern void farm_cache_init(farm_schema_cache *c);
extern void farm_cache_clear(farm_schema_cache *c);
/*
 * The schema of ns at the end of ops: the cached one when it was built from
 * exactly these texts (the caller then owns it and the slot is emptied), a
 * fresh replay otherwise.  NULL and err filled on failure.
 */
extern farm_schema *farm_cache_replay(farm_schema_cache *c, const char *ns,
									  const farm_strlist *ops, farm_error *err);
/*
 * Remember s, which reflects `ops` followed by `added`.  Takes s and the
 * strings of both lists (which are left empty).
 */
extern void farm_cache_keep(farm_schema_cache *c, farm_schema *s,
							farm_strlist *ops, farm_strlist *added);

/* SQLite key of an operation in fragno_db_settings: "<ns>.farm_op.%010ld". */
extern char *farm_op_key(const char *ns, long version);
/* Key of the applied version: "<ns>.schema_version" (".schema_version" internal). */
extern char *farm_version_key(const char *ns);
/*
 * The one parser of stored versions, on both hosts.  A stored version is
 * what farmorm writes: "0" or a decimal number without sign, spaces or
 * leading zeros, at most FARM_VERSION_MAX (versions are SQL integers on
 * both hosts).  Anything else means the registry is damaged.
 */
#define FARM_VERSION_MAX 2147483647L

/*
 * Parse the stored value of version key `key` (text of len bytes, NULL
 * for SQL NULL); the text is anyone's, so a bad one is reported quoted and
 * escaped (FARM_ECORRUPT).  The same text on both hosts.
 */
extern int	farm_parse_version(const char *key, const char *text, size_t len,
							   long *out, farm_error *err);

/*
 * Parse the version of an operation key "<ns>.farm_op.<10 digits>" as
 * farm_op_key() writes it: `digits` points after "farm_op." (len bytes);
 * exactly 10 decimal digits, 1 to FARM_VERSION_MAX (FARM_ECORRUPT).
 */
extern int	farm_parse_op_version(const char *key, const char *digits, size_t len,
								  long *out, farm_error *err);

#endif							/* FARM_REGISTRY_H */
