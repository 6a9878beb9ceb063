/*-------------------------------------------------------------------------
 * ddl.h
 *	  DDL emission for SQLite and PostgreSQL and migration planning: the
 *	  statements that take a namespace from one version to another.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_DDL_H
#define FARM_DDL_H

#include "dialect.h"
#include "model.h"

typedef struct farm_ddl_opts
{
	farm_provider dialect;		/* FARM_PG or FARM_SQLITE */
	farm_storage storage;		/* SQLite only */
	/* PostgreSQL: schema that qualifies every table (NULL: unqualified) */
	const char *pg_schema;
	/*
	 * SQLite, optional: receives one query per table the plan rebuilds.  Run
	 * before the plan, each returns a row (kind, name) for every column,
	 * index or trigger of that table that farmorm does not manage and that
	 * the rebuild would drop; the binding refuses the migration then.
	 */
	farm_strlist *guards;
} farm_ddl_opts;

/*
 * Statements (no trailing semicolons) that migrate `ns` from version `from`
 * to version `to` of its operation log (ops[0..nops-1]).  For the internal
 * schema pass ns "" and the farm_internal_op() texts.
 */
extern int	farm_plan_migration(const char *ns, char *const *ops, const size_t *lens,
								int nops, int from, int to, const farm_ddl_opts *o,
								farm_strlist *stmts, farm_error *err);

/*
 * Pieces of a column definition, for farm_check (shared/check.c), which
 * compares the catalog with what this file creates: the declared type as
 * written, the default expression without the DEFAULT keyword (nothing when
 * the column has no database default), and the foreign key's name.
 */
extern void farm_ddl_put_type(farm_buf *b, const farm_column *c, const farm_ddl_opts *o);
extern void farm_ddl_put_default(farm_buf *b, const farm_column *c, const farm_ddl_opts *o);
extern char *farm_ddl_fk_name(const char *physical, const char *column);

/* Options of farm_generate_sql: from, to (-1 = not given), dialect, sqliteStorage. */
typedef struct farm_sql_opts
{
	int			from;
	int			to;
	farm_provider dialect;
	farm_storage storage;
} farm_sql_opts;

extern int	farm_sql_parse_opts(const char *json, size_t len, farm_sql_opts *o,
								farm_error *err);

/* Join statements as a script: "stmt;\n" each. malloc'd. */
extern char *farm_join_statements(const farm_strlist *stmts);

#endif							/* FARM_DDL_H */
