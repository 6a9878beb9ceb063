/*-------------------------------------------------------------------------
 * naming.h
 *	  The naming decisions every ORM emitter shares (SPEC section 5): which
 *	  tables are generated and in what order, model (export) names, field
 *	  keys of columns, relation fields, relation names and back-relation
 *	  fields, with every collision resolved once, deterministically.
 *
 * An emitter fills farm_naming_opts, calls farm_naming_build and renders
 * from the result; the names are the same for every emitter given the same
 * options, so a naming fix lands in one place.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_NAMING_H
#define FARM_NAMING_H

#include <stdbool.h>

#include "buf.h"
#include "dialect.h"
#include "map.h"
#include "model.h"

/* One relation: a reference column and the two fields that model it. */
typedef struct farm_nm_rel
{
	int			src;			/* model of the referencing table */
	int			col;			/* the reference column (index in src table) */
	int			dst;			/* model of the target table */
	const char *fwd;			/* relation field on src */
	const char *back;			/* back-relation field on dst */
	const char *name;			/* relation name */
	bool		one;			/* one-to-one (single-column unique index) */
	int			next_back;		/* next relation with the same dst, or -1 */
} farm_nm_rel;

/* One model: a table of one schema. */
typedef struct farm_nm_model
{
	const farm_schema *schema;
	int			si;				/* index of schema in farm_naming.schemas */
	const farm_table *table;
	const char *physical;		/* physical table name */
	const char *name;			/* model name */
	const char **colfield;		/* field name of each user column */
	int		   *colrel;			/* relation of each user column, or -1 */
	/*
	 * Per index: the Prisma client name of a compound unique when it needs
	 * one (`name:`), NULL when Prisma's default (fields joined by '_') is
	 * free.  Scalar fields never take a compound's default name.
	 */
	const char **uname;
	int			back_head;		/* relations targeting this model */
	int			back_tail;
	farm_map	fields;			/* field names in use */
	farm_map	next;			/* base name -> next numeric suffix to try */
} farm_nm_model;

/* Zero it (memset) before filling: fields added later default to off. */
typedef struct farm_naming_opts
{
	farm_provider provider;		/* decides the physical-name clash rules */
	bool		internal;		/* include the internal schema's tables */
	/* NULL-terminated field names no model may use (NULL = none) */
	const char *const *reserved;
	/*
	 * PostgreSQL (NULL: every table in "public"): the database schema of
	 * each entry of the schemas given to farm_naming_build, and the schemas
	 * that hold internal tables for them.  The internal tables come once
	 * per schema; the copy in "public", else the first bytewise, keeps the
	 * plain names, the others get "_<schema>".  Physical names clash only
	 * within one database schema.
	 */
	const char *const *ns_schemas;
	const char *const *internal_schemas;
	int			ninternal;
} farm_naming_opts;

/* The names of one generation call; everything is owned by it. */
typedef struct farm_naming
{
	farm_error *err;
	farm_provider provider;
	bool		internal_wanted;
	const char *const *reserved;
	farm_strlist pool;			/* owns every string the maps borrow */
	farm_schema *internal;		/* owned */
	const farm_schema **schemas;	/* sorted; internal first if included */
	const char **pgschema;		/* per schemas[i]: its database schema */
	int			nschemas;
	int			first_user;		/* index of the first namespace schema */
	int		  **tab2model;		/* per schema: table index -> model */
	farm_nm_model *models;		/* in output order */
	int			nmodels;
	farm_nm_rel *rels;			/* sources in output order, columns in order */
	int			nrels;
	farm_map	modelnames;		/* case-insensitive */
	farm_map	modelnext;
	farm_map	relnames;
	farm_map	relnext;
	farm_buf	tmp;
} farm_naming;

/*
 * Decide every name for the given namespace schemas (any order; sorted
 * bytewise by namespace here), the internal schema first when wanted.
 * On error the error is set and *n must still be freed.
 */
extern int	farm_naming_build(farm_naming *n, farm_schema *const *schemas,
							  int nschemas, const farm_naming_opts *o,
							  farm_error *err);

extern void farm_naming_free(farm_naming *n);

/*
 * The error of every emitter for a stored default value that does not fit
 * its column: FARM_ECORRUPT naming column and table (FARM_ENOMEM when the
 * text cannot be built).
 */
extern int	farm_naming_bad_default(const char *table, const char *column,
									farm_error *err);

#endif							/* FARM_NAMING_H */
