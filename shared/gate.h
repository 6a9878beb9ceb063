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
 *	- names Prisma's schema engine never describes (SQLite tables "_cf_KV*",
 *	  "_cf_METADATA*", "d1_migrations") or cannot describe at all (a '"' in
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
 * What the other namespaces of the database hold, built by a binding from
 * the registry before a write (farm_gate_build).  Every map is
 * ASCII-case-insensitive; values index `owners`.
 */
typedef struct farm_gate
{
	farm_map	relations;		/* tables, indexes, keys, sequences */
	farm_map	fks;			/* foreign-key names (MySQL: database-wide) */
	farm_map	modelkeys;		/* farm_gate_model_key() of each namespace */
	farm_strlist names;			/* owns the keys of the maps */
	farm_strlist owners;		/* namespace of each value */
} farm_gate;

extern void farm_gate_init(farm_gate *g);
extern void farm_gate_free(farm_gate *g);

/*
 * Fill g from every namespace of r except `ns`, each replayed through the
 * cache (which keeps them for the next call).  Linear in the registry.
 */
extern int	farm_gate_build(farm_gate *g, farm_registry *r, const char *ns,
							farm_schema_cache *cache, farm_error *err);
/* Add the names of one other namespace's schema. */
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
