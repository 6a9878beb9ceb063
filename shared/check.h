/*-------------------------------------------------------------------------
 * check.h
 *	  farm_check: the live catalog of a namespace's tables against what the
 *	  DDL emitter (ddl.c) creates for a version of its schema.
 *
 * Each binding reads its catalog into a host-neutral description
 * (farm_catalog: tables, their columns with declared type, nullability and
 * default expression as the host prints them, primary key, indexes and
 * foreign keys); the core builds the expected description from the schema
 * model and compares the two, so both hosts name the same difference with
 * the same words.  A fact the host cannot report (SQLite keeps no names of
 * primary keys or foreign keys) is NULL and not compared.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_CHECK_H
#define FARM_CHECK_H

#include "ddl.h"
#include "map.h"
#include "model.h"

typedef struct farm_cat_column
{
	char	   *name;
	char	   *type;			/* declared type as the host prints it */
	bool		notnull;
	char	   *dflt;			/* default expression or NULL */
} farm_cat_column;

typedef struct farm_cat_index
{
	char	   *name;
	farm_strlist columns;		/* "" for an expression */
	bool		unique;
	bool		partial;
} farm_cat_index;

typedef struct farm_cat_fk
{
	char	   *name;			/* NULL when the host keeps no name */
	char	   *columns;		/* "a" or "a, b" */
	char	   *target;			/* referenced table (PostgreSQL: "schema.t" when elsewhere) */
	char	   *target_columns;
	char	   *on_delete;		/* "RESTRICT", "NO ACTION", "CASCADE", ... */
	char	   *on_update;
} farm_cat_fk;

typedef struct farm_cat_table
{
	char	   *name;
	farm_cat_column *cols;
	int			ncols;
	int			capcols;
	farm_cat_index *idx;
	int			nidx;
	int			capidx;
	farm_cat_fk *fks;
	int			nfks;
	int			capfks;
	farm_strlist pk;			/* primary key columns */
	char	   *pk_name;		/* NULL when the host keeps no name */
} farm_cat_table;

typedef struct farm_catalog
{
	farm_cat_table **tables;
	int			n;
	int			cap;
	farm_map	map;			/* table name -> index */
	bool		oom;			/* an add failed: the description is incomplete */
} farm_catalog;

/* SQLite names compare case-insensitively, PostgreSQL's exactly. */
extern void farm_catalog_init(farm_catalog *c, farm_provider dialect);
extern void farm_catalog_free(farm_catalog *c);
/* The table (created when absent); NULL on OOM (c->oom is set). */
extern farm_cat_table *farm_catalog_table(farm_catalog *c, const char *name);
extern farm_cat_table *farm_catalog_find(const farm_catalog *c, const char *name);
extern void farm_cat_add_column(farm_catalog *c, farm_cat_table *t, const char *name,
								const char *type, bool notnull, const char *dflt);
/* A new index; then farm_cat_index_column() for each of its columns in order. */
extern farm_cat_index *farm_cat_add_index(farm_catalog *c, farm_cat_table *t,
										  const char *name, bool unique, bool partial);
extern void farm_cat_index_column(farm_catalog *c, farm_cat_index *x, const char *column);
extern void farm_cat_add_pk_column(farm_catalog *c, farm_cat_table *t, const char *column,
								   const char *pk_name);
extern void farm_cat_add_fk(farm_catalog *c, farm_cat_table *t, const char *name,
							const char *columns, const char *target,
							const char *target_columns, const char *on_delete,
							const char *on_update);

/* One difference; the strings are owned (expected/found may be NULL). */
typedef struct farm_diff
{
	const char *kind;			/* "table", "column", "primary_key", "index", "foreign_key" */
	char	   *table;
	const char *what_key;		/* "column", "index" or NULL */
	char	   *what;			/* column or index name */
	const char *problem;		/* "missing", "extra", "type", "nullable", ... */
	char	   *expected;
	char	   *found;
	char	   *message;
} farm_diff;

typedef struct farm_diffs
{
	farm_diff  *items;
	int			n;
	int			cap;
} farm_diffs;

extern void farm_diffs_init(farm_diffs *d);
extern void farm_diffs_free(farm_diffs *d);

/*
 * The physical tables farm_check reads for ns: the internal tables, then
 * the tables of s (the namespace at the compared version), in that order.
 * Tables whose names end in "_<ns>" are read too (extra tables): `suffix`
 * receives that text.
 */
extern int	farm_check_tables(const farm_schema *internal, const farm_schema *s,
							  farm_strlist *names, farm_error *err);
extern char *farm_check_suffix(const char *ns);

/*
 * Compare the catalog with the internal schema and s as the DDL emitter
 * creates them for `o` (dialect, SQLite storage mode).  Differences in a
 * fixed order: expected tables in order (internal first), for each its
 * columns, primary key, indexes and foreign keys, expected ones first,
 * then extra ones; then extra tables bytewise.
 */
extern int	farm_check_compare(const farm_schema *internal, const farm_schema *s,
							   const farm_ddl_opts *o, const farm_catalog *cat,
							   farm_diffs *out, farm_error *err);

/*
 * {"namespace":..,"applied":..,"version":..,"differences":[{"kind":..,
 * "table":..,["column"|"index":..,]"problem":..,"expected":..,"found":..,
 * "message":..}, ...]}; malloc'd.
 */
extern char *farm_check_json(const char *ns, long applied, long version,
							 const farm_diffs *d);

#endif							/* FARM_CHECK_H */
