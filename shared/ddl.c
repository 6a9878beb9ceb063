/*-------------------------------------------------------------------------
 * ddl.c
 *	  DDL for SQLite and PostgreSQL (SPEC sections 4, 6) and migration
 *	  planning from an applied version to a registered one.
 *
 * Design notes:
 *	- Dialect differences are data: one row of column types per target.
 *	- Every identifier and literal goes through the quoting helpers.
 *	- SQLite cannot change a column's nullability or add a column whose
 *	  default is CURRENT_TIMESTAMP in place.  For those the table is rebuilt
 *	  inside the caller's transaction without touching PRAGMA foreign_keys:
 *	  rows are copied to a temp table, the table is dropped and recreated,
 *	  and rows are copied back.  With PRAGMA defer_foreign_keys on, the
 *	  references from other tables that the drop orphaned are counted as
 *	  deferred violations and un-counted when the parent rows come back, so
 *	  the transaction commits with every reference intact.  The
 *	  AUTOINCREMENT counter is carried over.
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "genopts.h"
#include "map.h"
#include "jsonnum.h"
#include "names.h"

/* Column types by target: [pg, sqlite prisma storage, sqlite default storage] */
static const char *const col_types[3][11] = {
	/* string varchar integer bigint decimal bool date timestamp json binary reference */
	{"text", "varchar", "integer", "bigint", "decimal(65,30)", "boolean", "date",
	"timestamp(3)", "json", "bytea", "bigint"},
	{"TEXT", "TEXT", "INTEGER", "BIGINT", "REAL", "BOOLEAN", "DATETIME",
	"DATETIME", "JSONB", "BLOB", "INTEGER"},
	{"TEXT", "TEXT", "INTEGER", "BLOB", "REAL", "BOOLEAN", "INTEGER",
	"INTEGER", "TEXT", "BLOB", "INTEGER"},
};

/* The epoch-milliseconds "now" of the default SQLite storage. */
#define SQLITE_EPOCH_MS_NOW "(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))"

static int
target_row(const farm_ddl_opts *o)
{
	if (o->dialect == FARM_PG)
		return 0;
	return o->storage == FARM_STORAGE_DEFAULT ? 2 : 1;
}

static void
put_table(farm_buf *b, const farm_ddl_opts *o, const char *physical)
{
	if (o->dialect == FARM_PG && o->pg_schema)
	{
		farm_buf_sql_ident(b, o->pg_schema);
		farm_buf_putc(b, '.');
	}
	else if (o->dialect == FARM_SQLITE)
		farm_buf_puts(b, "\"main\".");
	farm_buf_sql_ident(b, physical);
}

/*
 * A string literal.  PostgreSQL reads backslashes in '...' as escapes when
 * standard_conforming_strings is off; E'...' with backslashes doubled means
 * the same under either setting (what quote_literal() does).  SQLite has no
 * escapes in literals.
 */
static void
put_literal(farm_buf *b, const char *s, const farm_ddl_opts *o)
{
	const char *p;

	if (o->dialect != FARM_PG || strchr(s, '\\') == NULL)
	{
		farm_buf_sql_literal(b, s);
		return;
	}
	farm_buf_puts(b, "E'");
	for (p = s; *p; p++)
	{
		if (*p == '\'' || *p == '\\')
			farm_buf_putc(b, *p);
		farm_buf_putc(b, *p);
	}
	farm_buf_putc(b, '\'');
}

/* The default expression of a column (no DEFAULT keyword), or nothing. */
void
farm_ddl_put_default(farm_buf *b, const farm_column *c, const farm_ddl_opts *o)
{
	int			row = target_row(o);

	if (c->dkind == FARM_D_DB_NOW)
	{
		farm_buf_puts(b, row == 2 ? SQLITE_EPOCH_MS_NOW : "CURRENT_TIMESTAMP");
		return;
	}
	if (c->dkind != FARM_D_VALUE)
		return;
	switch (c->type)
	{
		case FARM_T_STRING:
		case FARM_T_VARCHAR:
			{
				json_t	   *v = json_loads(c->dvalue, JSON_DECODE_ANY, NULL);

				if (v == NULL || !json_is_string(v))
					b->oom = true;	/* not reachable for validated values */
				else
					put_literal(b, json_string_value(v), o);
				json_decref(v);
				break;
			}
		case FARM_T_JSON:
			put_literal(b, c->dvalue, o);
			break;
		case FARM_T_BIGINT:
			if (row == 2)
			{
				/* 8-byte big-endian two's complement BLOB */
				unsigned long long u = (unsigned long long) strtoll(c->dvalue, NULL, 10);

				farm_buf_printf(b, "X'%016llX'", u);
				break;
			}
			/* FALLTHROUGH */
		default:
			farm_buf_puts(b, c->dvalue);
			break;
	}
}

/* The default clause (with leading space) of a column, or nothing. */
static void
put_default(farm_buf *b, const farm_column *c, const farm_ddl_opts *o)
{
	if (c->dkind != FARM_D_DB_NOW && c->dkind != FARM_D_VALUE)
		return;
	farm_buf_puts(b, " DEFAULT ");
	farm_ddl_put_default(b, c, o);
}

/* The declared type of a column as the DDL writes it. */
void
farm_ddl_put_type(farm_buf *b, const farm_column *c, const farm_ddl_opts *o)
{
	int			row = target_row(o);

	if (row == 0 && c->type == FARM_T_VARCHAR)
		farm_buf_printf(b, "varchar(%ld)", c->varchar_len);
	else
		farm_buf_puts(b, col_types[row][c->type]);
}

static void
put_column_def(farm_buf *b, const farm_column *c, const farm_ddl_opts *o)
{
	farm_buf_sql_ident(b, c->name);
	farm_buf_putc(b, ' ');
	farm_ddl_put_type(b, c, o);
	if (!c->nullable)
		farm_buf_puts(b, " NOT NULL");
	put_default(b, c, o);
}

char *
farm_ddl_fk_name(const char *physical, const char *column)
{
	/* the one rule, shared with the registration gate (names.c) */
	return farm_fk_physical(physical, column);
}

/* " REFERENCES target ("_internalId") ON DELETE ... " */
static void
put_references(farm_buf *b, const farm_schema *s, const farm_column *c,
			   const farm_ddl_opts *o)
{
	char	   *target = farm_table_physical(s->ns, c->references);

	if (target == NULL)
	{
		b->oom = true;
		return;
	}
	farm_buf_puts(b, " REFERENCES ");
	if (o->dialect == FARM_PG)
		put_table(b, o, target);
	else
		farm_buf_sql_ident(b, target);	/* SQLite: no schema in REFERENCES */
	farm_buf_puts(b, " (\"_internalId\") ON DELETE RESTRICT ON UPDATE RESTRICT");
	free(target);
}

/*
 * CREATE TABLE with the columns in physical order: "id", the columns the
 * table was created with, "_internalId", "_version", columns added later.
 */
static void
put_create_table(farm_buf *b, const farm_schema *s, const farm_table *t,
				 const char *physical, const farm_ddl_opts *o)
{
	bool		pg = o->dialect == FARM_PG;
	const char *system = pg
		? ",\n    \"_internalId\" bigserial NOT NULL,\n    \"_version\" integer NOT NULL DEFAULT 0"
		: ",\n    \"_internalId\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    \"_version\" INTEGER NOT NULL DEFAULT 0";
	int			i;

	farm_buf_puts(b, "CREATE TABLE ");
	put_table(b, o, physical);
	farm_buf_puts(b, " (\n    \"id\" ");
	farm_buf_puts(b, pg ? "varchar(128) NOT NULL" : "TEXT NOT NULL");
	for (i = 0; i <= t->ncols; i++)
	{
		if (i == t->ninitial)
			farm_buf_puts(b, system);
		if (i == t->ncols)
			break;
		farm_buf_puts(b, ",\n    ");
		put_column_def(b, &t->cols[i], o);
	}
	if (pg)
	{
		char	   *pk = farm_physical_name3(physical, "_pkey", "");

		if (pk == NULL)
			b->oom = true;
		else
		{
			farm_buf_puts(b, ",\n    CONSTRAINT ");
			farm_buf_sql_ident(b, pk);
			farm_buf_puts(b, " PRIMARY KEY (\"_internalId\")");
		}
		free(pk);
	}
	else
	{
		/* SQLite keeps foreign keys in the table definition */
		for (i = 0; i < t->ncols; i++)
		{
			char	   *fk;

			if (t->cols[i].type != FARM_T_REFERENCE)
				continue;
			fk = farm_ddl_fk_name(physical, t->cols[i].name);
			if (fk == NULL)
			{
				b->oom = true;
				continue;
			}
			farm_buf_puts(b, ",\n    CONSTRAINT ");
			farm_buf_sql_ident(b, fk);
			farm_buf_puts(b, " FOREIGN KEY (");
			farm_buf_sql_ident(b, t->cols[i].name);
			farm_buf_putc(b, ')');
			put_references(b, s, &t->cols[i], o);
			free(fk);
		}
	}
	farm_buf_puts(b, "\n)");
}

static bool
push(farm_strlist *stmts, farm_buf *b)
{
	if (b->oom)
		return false;
	return farm_strlist_push_buf(stmts, b);
}

/* CREATE [UNIQUE] INDEX <name> ON <table>(<columns>) */
static bool
emit_create_index(farm_strlist *stmts, const farm_ddl_opts *o, const char *physical,
				  const char *name, bool unique, char *const *columns, int ncolumns)
{
	farm_buf	b;
	int			i;
	bool		ok;

	if (name == NULL)
		return false;
	farm_buf_init(&b);
	farm_buf_puts(&b, unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
	if (o->dialect == FARM_SQLITE)
	{
		/* SQLite: the schema goes on the index; the table name stays bare */
		farm_buf_puts(&b, "\"main\".");
		farm_buf_sql_ident(&b, name);
		farm_buf_puts(&b, " ON ");
		farm_buf_sql_ident(&b, physical);
	}
	else
	{
		farm_buf_sql_ident(&b, name);
		farm_buf_puts(&b, " ON ");
		put_table(&b, o, physical);
	}
	farm_buf_putc(&b, '(');
	for (i = 0; i < ncolumns; i++)
	{
		if (i)
			farm_buf_puts(&b, ", ");
		farm_buf_sql_ident(&b, columns[i]);
	}
	farm_buf_putc(&b, ')');
	ok = push(stmts, &b);
	farm_buf_free(&b);
	return ok;
}

static bool
emit_id_index(farm_strlist *stmts, const char *physical, const farm_ddl_opts *o)
{
	static char *const id_column[] = {"id"};
	char	   *name = farm_physical_name3(physical, "_id_key", "");
	bool		ok = emit_create_index(stmts, o, physical, name, true, id_column, 1);

	free(name);
	return ok;
}

static bool
emit_index(farm_strlist *stmts, const farm_schema *s, const char *physical,
		   const farm_index *x, const farm_ddl_opts *o)
{
	char	   *name = farm_index_physical(s->ns, x->name);
	bool		ok = emit_create_index(stmts, o, physical, name, x->unique,
									   x->columns, x->ncolumns);

	free(name);
	return ok;
}

/* PostgreSQL: ALTER TABLE ... ADD CONSTRAINT ..._fkey FOREIGN KEY ... */
static bool
emit_pg_fk(farm_strlist *stmts, const farm_schema *s, const char *physical,
		   const farm_column *c, const farm_ddl_opts *o)
{
	farm_buf	b;
	char	   *fk = farm_ddl_fk_name(physical, c->name);
	bool		ok;

	if (fk == NULL)
		return false;
	farm_buf_init(&b);
	farm_buf_puts(&b, "ALTER TABLE ");
	put_table(&b, o, physical);
	farm_buf_puts(&b, " ADD CONSTRAINT ");
	farm_buf_sql_ident(&b, fk);
	farm_buf_puts(&b, " FOREIGN KEY (");
	farm_buf_sql_ident(&b, c->name);
	farm_buf_putc(&b, ')');
	put_references(&b, s, c, o);
	ok = push(stmts, &b);
	farm_buf_free(&b);
	free(fk);
	return ok;
}

static bool
emit_simple(farm_strlist *stmts, const char *sql)
{
	return farm_strlist_push(stmts, sql);
}

/*
 * SQLite table rebuild to the current definition of t; `nold` is the number
 * of user columns the table had before (they are copied back).
 */
static bool
emit_sqlite_rebuild(farm_strlist *stmts, const farm_schema *s, const farm_table *t,
					const char *physical, int nold, const farm_ddl_opts *o)
{
	farm_buf	b;
	farm_buf	cols;
	int			i;
	bool		ok = true;

	farm_buf_init(&b);
	farm_buf_init(&cols);
	farm_buf_puts(&cols, "\"id\", \"_internalId\", \"_version\"");
	for (i = 0; i < nold; i++)
	{
		farm_buf_puts(&cols, ", ");
		farm_buf_sql_ident(&cols, t->cols[i].name);
	}
	if (cols.oom)
		ok = false;

	ok = ok && emit_simple(stmts, "PRAGMA defer_foreign_keys = ON");
	if (ok)
	{
		farm_buf_puts(&b, "CREATE TEMP TABLE \"_farm_rebuild\" AS SELECT ");
		farm_buf_puts(&b, cols.data);
		farm_buf_puts(&b, " FROM ");
		put_table(&b, o, physical);
		ok = push(stmts, &b);
	}
	if (ok)
	{
		farm_buf_puts(&b, "CREATE TEMP TABLE \"_farm_seq\" AS SELECT \"seq\" FROM \"main\".\"sqlite_sequence\" WHERE \"name\" = ");
		farm_buf_sql_literal(&b, physical);
		ok = push(stmts, &b);
	}
	if (ok)
	{
		farm_buf_puts(&b, "DROP TABLE ");
		put_table(&b, o, physical);
		ok = push(stmts, &b);
	}
	if (ok)
	{
		put_create_table(&b, s, t, physical, o);
		ok = push(stmts, &b);
	}
	if (ok)
	{
		farm_buf_puts(&b, "INSERT INTO ");
		put_table(&b, o, physical);
		farm_buf_printf(&b, " (%s) SELECT %s FROM \"temp\".\"_farm_rebuild\"", cols.data, cols.data);
		ok = push(stmts, &b);
	}
	if (ok)
	{
		farm_buf_puts(&b, "UPDATE \"main\".\"sqlite_sequence\" SET \"seq\" = (SELECT max(\"seq\") FROM \"temp\".\"_farm_seq\") WHERE \"name\" = ");
		farm_buf_sql_literal(&b, physical);
		farm_buf_puts(&b, " AND \"seq\" < (SELECT max(\"seq\") FROM \"temp\".\"_farm_seq\")");
		ok = push(stmts, &b);
	}
	if (ok)
	{
		farm_buf_puts(&b, "INSERT INTO \"main\".\"sqlite_sequence\" (\"name\", \"seq\") SELECT ");
		farm_buf_sql_literal(&b, physical);
		farm_buf_puts(&b, ", \"seq\" FROM \"temp\".\"_farm_seq\" WHERE NOT EXISTS (SELECT 1 FROM \"main\".\"sqlite_sequence\" WHERE \"name\" = ");
		farm_buf_sql_literal(&b, physical);
		farm_buf_putc(&b, ')');
		ok = push(stmts, &b);
	}
	ok = ok && emit_simple(stmts, "DROP TABLE \"temp\".\"_farm_rebuild\"");
	ok = ok && emit_simple(stmts, "DROP TABLE \"temp\".\"_farm_seq\"");
	ok = ok && emit_id_index(stmts, physical, o);
	for (i = 0; ok && i < t->nidx; i++)
		ok = emit_index(stmts, s, physical, &t->idx[i], o);
	farm_buf_free(&b);
	farm_buf_free(&cols);
	return ok;
}

static int
plan_add_table(farm_strlist *stmts, const farm_schema *s, const farm_table *t,
			   const farm_ddl_opts *o, farm_error *err)
{
	char	   *physical = farm_table_physical(s->ns, t->name);
	farm_buf	b;
	bool		ok;
	int			i;

	if (physical == NULL)
		return farm_fail(err, FARM_ENOMEM, "out of memory");
	farm_buf_init(&b);
	put_create_table(&b, s, t, physical, o);
	ok = push(stmts, &b);
	ok = ok && emit_id_index(stmts, physical, o);
	for (i = 0; ok && i < t->nidx; i++)
		ok = emit_index(stmts, s, physical, &t->idx[i], o);
	for (i = 0; ok && o->dialect == FARM_PG && i < t->ncols; i++)
		if (t->cols[i].type == FARM_T_REFERENCE)
			ok = emit_pg_fk(stmts, s, physical, &t->cols[i], o);
	farm_buf_free(&b);
	free(physical);
	return ok ? FARM_OK : farm_fail(err, FARM_ENOMEM, "out of memory");
}

/*
 * DDL for an alter-table operation already applied to t.  nold/nidx_old:
 * column and index counts before; was_nullable: nullability before.
 */
static int
plan_alter_table(farm_strlist *stmts, const farm_schema *s, const farm_table *t,
				 int nold, int nidx_old, const bool *was_nullable,
				 const farm_ddl_opts *o, farm_map *rebuilt, farm_error *err)
{
	char	   *physical = farm_table_physical(s->ns, t->name);
	farm_buf	b;
	bool		ok = true;
	bool		rebuild = false;
	int			i;

	if (physical == NULL)
		return farm_fail(err, FARM_ENOMEM, "out of memory");
	farm_buf_init(&b);
	if (o->dialect == FARM_SQLITE)
	{
		for (i = 0; i < nold; i++)
			if (was_nullable[i] != t->cols[i].nullable)
				rebuild = true;
		for (i = nold; i < t->ncols; i++)
			if (t->cols[i].dkind == FARM_D_DB_NOW)
				rebuild = true;
	}
	if (rebuild)
	{
		ok = emit_sqlite_rebuild(stmts, s, t, physical, nold, o) &&
			farm_map_put(rebuilt, t->name, 1);
		farm_buf_free(&b);
		free(physical);
		return ok ? FARM_OK : farm_fail(err, FARM_ENOMEM, "out of memory");
	}
	for (i = nold; ok && i < t->ncols; i++)
	{
		farm_buf_puts(&b, "ALTER TABLE ");
		put_table(&b, o, physical);
		farm_buf_puts(&b, " ADD COLUMN ");
		put_column_def(&b, &t->cols[i], o);
		if (t->cols[i].type == FARM_T_REFERENCE)
		{
			/*
			 * The reference comes with the column, in one statement: the new
			 * column is all NULL, so PostgreSQL has no existing rows to
			 * validate (and plans no validation query on the table).
			 */
			if (o->dialect == FARM_PG)
			{
				char	   *fk = farm_ddl_fk_name(physical, t->cols[i].name);

				if (fk == NULL)
					b.oom = true;
				else
				{
					farm_buf_puts(&b, " CONSTRAINT ");
					farm_buf_sql_ident(&b, fk);
				}
				free(fk);
			}
			put_references(&b, s, &t->cols[i], o);
		}
		ok = push(stmts, &b);
	}
	for (i = 0; ok && o->dialect == FARM_PG && i < nold; i++)
	{
		if (was_nullable[i] == t->cols[i].nullable)
			continue;
		farm_buf_puts(&b, "ALTER TABLE ");
		put_table(&b, o, physical);
		farm_buf_puts(&b, " ALTER COLUMN ");
		farm_buf_sql_ident(&b, t->cols[i].name);
		farm_buf_puts(&b, t->cols[i].nullable ? " DROP NOT NULL" : " SET NOT NULL");
		ok = push(stmts, &b);
	}
	for (i = nidx_old; ok && i < t->nidx; i++)
		ok = emit_index(stmts, s, physical, &t->idx[i], o);
	farm_buf_free(&b);
	free(physical);
	return ok ? FARM_OK : farm_fail(err, FARM_ENOMEM, "out of memory");
}

/*
 * The query that lists what a rebuild of t would lose: columns, indexes and
 * triggers of its physical table that t (at its final version) does not
 * have.  Objects the plan itself creates are part of t, so the query can run
 * before the plan.
 */
static bool
push_rebuild_guard(farm_strlist *guards, const farm_schema *s, const farm_table *t)
{
	char	   *physical = farm_table_physical(s->ns, t->name);
	char	   *name;
	farm_buf	b;
	int			i;
	bool		ok;

	if (physical == NULL)
		return false;
	farm_buf_init(&b);
	farm_buf_puts(&b, "SELECT 'column', \"name\" FROM pragma_table_info(");
	farm_buf_sql_literal(&b, physical);
	farm_buf_puts(&b, ", 'main') WHERE \"name\" NOT IN ('id', '_internalId', '_version'");
	for (i = 0; i < t->ncols; i++)
	{
		farm_buf_puts(&b, ", ");
		farm_buf_sql_literal(&b, t->cols[i].name);
	}
	farm_buf_puts(&b, ") UNION ALL SELECT \"type\", \"name\" FROM \"main\".\"sqlite_master\" WHERE \"tbl_name\" = ");
	farm_buf_sql_literal(&b, physical);
	farm_buf_puts(&b, " AND \"type\" IN ('index', 'trigger') AND \"sql\" IS NOT NULL AND \"name\" NOT IN (");
	name = farm_physical_name3(physical, "_id_key", "");
	if (name == NULL)
		b.oom = true;
	else
		farm_buf_sql_literal(&b, name);
	free(name);
	for (i = 0; i < t->nidx; i++)
	{
		name = farm_index_physical(s->ns, t->idx[i].name);
		if (name == NULL)
		{
			b.oom = true;
			break;
		}
		farm_buf_puts(&b, ", ");
		farm_buf_sql_literal(&b, name);
		free(name);
	}
	farm_buf_putc(&b, ')');
	ok = push(guards, &b);
	farm_buf_free(&b);
	free(physical);
	return ok;
}

int
farm_plan_migration(const char *ns, char *const *ops, const size_t *lens,
					int nops, int from, int to, const farm_ddl_opts *o,
					farm_strlist *stmts, farm_error *err)
{
	farm_schema *s;
	int			v;
	int			rc = FARM_OK;
	bool	   *was_nullable = NULL;
	farm_map	rebuilt;

	farm_map_init(&rebuilt, false);
	if (from < 0 || to > nops || from > to)
		return farm_fail(err, FARM_EINVALID,
						 "cannot migrate namespace \"%s\" from version %d to version %d (registered version %d; migrations only go forward)",
						 ns, from, to, nops);
	s = farm_schema_replay(ns, ops, lens, nops, from, err);
	if (s == NULL)
		return err->code;
	for (v = from; v < to && rc == FARM_OK; v++)
	{
		int			ntables = s->ntables;
		/* stored texts may hold numbers only jsonnum reads (jsonnum.h) */
		json_t	   *op = farm_jsonnum_loadb(ops[v], lens[v], 0, NULL);
		json_t	   *tn = op ? json_object_get(op, "table") : NULL;
		farm_table *t = json_is_string(tn) ? farm_schema_find(s, json_string_value(tn)) : NULL;
		int			nold = t ? t->ncols : 0;
		int			nidx_old = t ? t->nidx : 0;
		int			i;

		if (t)
		{
			free(was_nullable);
			was_nullable = malloc(sizeof(bool) * ((size_t) t->ncols + 1));
			if (was_nullable == NULL)
				rc = farm_fail(err, FARM_ENOMEM, "out of memory");
			for (i = 0; rc == FARM_OK && i < t->ncols; i++)
				was_nullable[i] = t->cols[i].nullable;
		}
		json_decref(op);
		if (rc == FARM_OK)
			rc = farm_apply_op(s, ops[v], lens[v], err);
		if (rc != FARM_OK)
			break;
		if (s->ntables > ntables)
			rc = plan_add_table(stmts, s, s->tables[s->ntables - 1], o, err);
		else if (t)
			rc = plan_alter_table(stmts, s, t, nold, nidx_old, was_nullable, o,
								  &rebuilt, err);
	}
	for (v = 0; rc == FARM_OK && o->guards && v < s->ntables; v++)
		if (farm_map_get(&rebuilt, s->tables[v]->name) >= 0 &&
			!push_rebuild_guard(o->guards, s, s->tables[v]))
			rc = farm_fail(err, FARM_ENOMEM, "out of memory");
	free(was_nullable);
	farm_map_free(&rebuilt);
	farm_schema_free(s);
	return rc;
}

int
farm_ddl_create_schema(const farm_schema *s, const farm_ddl_opts *o,
					   farm_strlist *tables, farm_strlist *fks, farm_error *err)
{
	int			i;
	int			k;
	bool		ok = true;

	for (i = 0; ok && i < s->ntables; i++)
	{
		const farm_table *t = s->tables[i];
		char	   *physical = farm_table_physical(s->ns, t->name);
		farm_buf	b;

		if (physical == NULL)
			return farm_fail(err, FARM_ENOMEM, "out of memory");
		farm_buf_init(&b);
		put_create_table(&b, s, t, physical, o);
		ok = push(tables, &b);
		ok = ok && emit_id_index(tables, physical, o);
		for (k = 0; ok && k < t->nidx; k++)
			ok = emit_index(tables, s, physical, &t->idx[k], o);
		for (k = 0; ok && o->dialect == FARM_PG && k < t->ncols; k++)
			if (t->cols[k].type == FARM_T_REFERENCE)
				ok = emit_pg_fk(fks, s, physical, &t->cols[k], o);
		farm_buf_free(&b);
		free(physical);
	}
	return ok ? FARM_OK : farm_fail(err, FARM_ENOMEM, "out of memory");
}

int
farm_sql_parse_opts(const char *json, size_t len, farm_sql_opts *o, farm_error *err)
{
	json_t	   *j;
	const char *key;
	json_t	   *v;
	int			rc = FARM_OK;

	rc = farm_opts_load(json, len, false, false, &j, err);
	if (rc != FARM_OK || j == NULL)
		return rc;
	json_object_foreach(j, key, v)
	{
		if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0)
		{
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
				json_integer_value(v) > 1000000000)
			{
				rc = farm_fail(err, FARM_EINVALID, "invalid option \"%s\": expected a version number >= 0", key);
				break;
			}
			if (key[0] == 'f')
				o->from = (int) json_integer_value(v);
			else
				o->to = (int) json_integer_value(v);
		}
		else if (strcmp(key, "dialect") == 0)
		{
			int			p = json_is_string(v) ? farm_provider_parse(json_string_value(v)) : -1;

			if (p != FARM_PG && p != FARM_SQLITE)
			{
				rc = farm_fail(err, FARM_EINVALID, "invalid option \"dialect\": expected \"postgresql\" or \"sqlite\"");
				break;
			}
			o->dialect = (farm_provider) p;
		}
		else if (strcmp(key, "sqliteStorage") == 0)
		{
			int			st = json_is_string(v) ? farm_storage_parse(json_string_value(v)) : -1;

			if (st < 0)
			{
				rc = farm_fail(err, FARM_EINVALID, "invalid option \"sqliteStorage\": expected \"prisma\" or \"default\"");
				break;
			}
			o->storage = (farm_storage) st;
		}
		else
		{
			farm_buf	b;

			farm_buf_init(&b);
			farm_buf_err_name(&b, key, strlen(key));
			rc = farm_fail(err, FARM_EINVALID, "unknown option %s: expected from, to, dialect or sqliteStorage",
						   b.data ? b.data : "?");
			farm_buf_free(&b);
			break;
		}
	}
	json_decref(j);
	return rc;
}

char *
farm_join_statements(const farm_strlist *stmts)
{
	farm_buf	b;
	size_t		i;
	char	   *res;

	farm_buf_init(&b);
	for (i = 0; i < stmts->n; i++)
	{
		farm_buf_putn(&b, stmts->items[i], stmts->lens[i]);
		farm_buf_puts(&b, ";\n");
	}
	res = farm_buf_steal(&b);
	farm_buf_free(&b);
	return res;
}
