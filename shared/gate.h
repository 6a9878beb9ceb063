/*-------------------------------------------------------------------------
 * gate.h
 *	  Registration is the gate (SPEC section 2): the rules of both hosts and
 *	  of Prisma that every write must meet beyond the definition format, so
 *	  that whatever a write accepts migrates on SQLite and PostgreSQL and
 *	  yields valid Prisma for every provider.
 *
 * The rules live here once:
 *	- names a host reserves: PostgreSQL's system columns, SQLite's
 *	  "sqlite_" prefix on any physical table or index name;
 *	- names Prisma's schema engine never describes (SQLite tables "_cf_"
 *	  plus an upper-case letter, "d1_migrations") or cannot describe at all (a '"' in
 *	  a table or index name);
 *	- indexes a host cannot build (json columns: no btree operator class on
 *	  PostgreSQL);
 *	- names a host chooses itself (PostgreSQL's serial sequence name);
 *	- names other namespaces of the same database already use (physical
 *	  names, foreign-key names, Prisma model-name suffixes).
 *
 * The write operations of model.c call these checks for what they add;
 * replaying a stored log does not, so a registry written before a rule
 * existed still loads.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_GATE_H
#define FARM_GATE_H

#include "model.h"
#include "registry.h"

/*
 * The other namespaces of the database, as replayed schemas (a binding
 * builds it from the registry before a write: farm_gate_build).  Lookups
 * ask each schema's own name maps (physmap, fkmap: ASCII-case-insensitive),
 * so building costs nothing beyond the replays the schema cache keeps.
 */
typedef struct farm_gate
{
	const farm_schema **others;
	farm_schema **owned;		/* per entry: taken from the cache, or NULL */
	farm_nsops **from;			/* per entry: the registry entry it reflects */
	int			n;
	int			cap;
} farm_gate;

extern void farm_gate_init(farm_gate *g);
/* Frees the schemas still owned (not given back with farm_gate_release). */
extern void farm_gate_free(farm_gate *g);

/*
 * Fill g from every namespace of r except `ns`, each replayed through the
 * cache.  Linear in the registry; nothing is copied.
 */
extern int	farm_gate_build(farm_gate *g, farm_registry *r, const char *ns,
							farm_schema_cache *cache, farm_error *err);
/*
 * Give the schemas farm_gate_build took back to the cache (for the next
 * call; takes the operation texts of their registry entries).
 */
extern void farm_gate_release(farm_gate *g, farm_schema_cache *cache);
/* Add one other namespace's schema (borrowed: it must outlive g). */
extern int	farm_gate_add_schema(farm_gate *g, const farm_schema *s, farm_error *err);

/*
 * The key under which a namespace's Prisma model names are unique: the
 * namespace with '-' as '_' (the model-name suffix), compared
 * case-insensitively.  malloc'd.
 */
extern char *farm_gate_model_key(const char *ns);
/* A new namespace must not share its model key with another (FARM_EDUPLICATE). */
extern int	farm_gate_namespace(const farm_gate *g, const char *ns, farm_error *err);

/* PostgreSQL's name for the sequence of the bigserial "_internalId" of a table. */
extern char *farm_gate_pg_sequence(const char *physical);

/* Rules for one new column, table, index of schema s. */
extern int	farm_gate_column(const farm_schema *s, const farm_table *t,
							 const farm_column *c, farm_error *err);
extern int	farm_gate_table(const farm_schema *s, const farm_table *t,
							const char *physical, farm_error *err);
extern int	farm_gate_index(const farm_schema *s, const farm_table *t,
							const farm_index *x, const char *physical, farm_error *err);

/*
 * A new relation name (kind false) or foreign-key name (kind true) against
 * the other namespaces; `what` describes the object for the message.
 */
extern int	farm_gate_claim(const farm_gate *g, const farm_schema *s, const char *table,
							const char *column, const char *index, const char *phys,
							bool fk, const char *what, farm_error *err);

#endif							/* FARM_GATE_H */
