/*-------------------------------------------------------------------------
 * farmorm.c (SQLite binding)
 *	  The SQLite loadable extension: every function of SPEC section 3 on top
 *	  of the host-neutral core in shared/.
 *
 * Design notes:
 *	- The registry lives in the database file itself, in the modelled table
 *	  fragno_db_settings: operation texts under "<ns>.farm_op.<version>",
 *	  applied versions under "<ns>.schema_version" (".schema_version" for the
 *	  internal schema), the storage mode under ".sqlite_storage".  Nothing
 *	  unmodelled is stored, so Prisma never sees drift.
 *	- Writers and farm_migrate are SQLITE_DIRECTONLY (never from triggers or
 *	  views) and work inside a SAVEPOINT: they join the caller's transaction
 *	  or commit alone, and undo everything on any error (ROLLBACK TO the
 *	  savepoint, or ROLLBACK of the transaction it started), so an error
 *	  leaves registry, tables and versions as they were.
 *	- They take the database's write lock before reading anything
 *	  (lock_first), on any file, so concurrent callers wait for the busy
 *	  timeout and then see each other's commits; past the timeout, the one
 *	  retryable error (FARM_EBUSY, SQLITE_BUSY).
 *	- PRAGMA foreign_keys is never touched; table rebuilds rely on
 *	  PRAGMA defer_foreign_keys, restored afterwards.
 *	- Every core status is turned into an SQLite error in one place
 *	  (report()).
 *-------------------------------------------------------------------------
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../shared/adopt.h"
#include "../shared/check.h"
#include "../shared/ddl.h"
#include "../shared/drizzle.h"
#include "../shared/gate.h"
#include "../shared/external.h"
#include "../shared/model.h"
#include "../shared/names.h"
#include "../shared/prisma.h"
#include "../shared/registry.h"

#ifndef FARM_VERSION
#error "FARM_VERSION must be defined by the build"
#endif

/*
 * Per-connection state, shared by every registered function (user data)
 * and freed when the last of them goes away.
 */
typedef struct farm_conn
{
	int			refs;
	farm_schema_cache cache;
} farm_conn;

static farm_conn *
conn_of(sqlite3_context *ctx)
{
	return (farm_conn *) sqlite3_user_data(ctx);
}

static void
conn_release(void *p)
{
	farm_conn  *conn = p;

	if (--conn->refs == 0)
	{
		farm_cache_clear(&conn->cache);
		sqlite3_free(conn);
	}
}

/*
 * One place where core statuses become SQLite errors.  The retryable lock
 * error keeps SQLite's own code, SQLITE_BUSY, so a caller can tell it apart.
 */
static void
report(sqlite3_context *ctx, const farm_error *err)
{
	if (err->code == FARM_ENOMEM)
		sqlite3_result_error_nomem(ctx);
	else
	{
		sqlite3_result_error(ctx, err->msg, -1);
		if (err->code == FARM_EBUSY)
			sqlite3_result_error_code(ctx, SQLITE_BUSY);
	}
}

/* ----------------------------------------------------------------
 * Arguments
 * ----------------------------------------------------------------
 */
typedef struct arg
{
	const char *s;
	size_t		len;
} arg;

/* Text of an argument; s is NULL for SQL NULL. */
static arg
get_arg(sqlite3_value *v)
{
	arg			a;

	a.s = (const char *) sqlite3_value_text(v);
	a.len = a.s ? (size_t) sqlite3_value_bytes(v) : 0;
	return a;
}

static int
get_namespace(sqlite3_value *v, arg *a, farm_error *err)
{
	*a = get_arg(v);
	return farm_check_namespace(a->s, a->len, err);
}

/* A JSON text argument: NULL and embedded NUL are refused here (located at ns/table). */
static int
get_json_arg(sqlite3_value *v, const char *ns, const char *table,
			 const char *what, arg *a, farm_error *err)
{
	*a = get_arg(v);
	return farm_check_text_arg(ns, table, what, a->s, a->len, err);
}

/* ----------------------------------------------------------------
 * SQL helpers
 * ----------------------------------------------------------------
 */
/*
 * Whether the last error on db is another connection's lock ("database is
 * locked": the busy timeout ran out, or a read transaction could not become
 * a write one).  SQLITE_BUSY with another message (for instance "cannot
 * open savepoint - SQL statements in progress") is not.
 */
static bool
lock_busy(sqlite3 *db)
{
	return (sqlite3_errcode(db) & 0xff) == SQLITE_BUSY &&
		strcmp(sqlite3_errmsg(db), sqlite3_errstr(SQLITE_BUSY)) == 0;
}

static int
sql_fail(sqlite3 *db, farm_error *err, const char *what)
{
	if (lock_busy(db))
		return farm_fail_busy(err);
	return farm_fail(err, FARM_EINVALID, "%s: %s", what, sqlite3_errmsg(db));
}

static int
exec_sql(sqlite3 *db, const char *sql, farm_error *err)
{
	char	   *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
	{
		if (lock_busy(db))
			farm_fail_busy(err);
		else
			farm_fail(err, FARM_EINVALID, "%s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return err->code;
	}
	return FARM_OK;
}

/*
 * Whether main.fragno_db_settings exists.  Preparing a statement on it
 * resolves the name through SQLite's in-memory schema (a hash lookup); a
 * query on sqlite_master would scan every schema object on every call.
 */
static bool
settings_exist(sqlite3 *db)
{
	sqlite3_stmt *st;
	bool		found;

	found = sqlite3_prepare_v2(db, "SELECT 1 FROM \"main\".\"fragno_db_settings\" LIMIT 0",
							   -1, &st, NULL) == SQLITE_OK;
	sqlite3_finalize(st);
	return found;
}

/*
 * Read a setting; *out malloc'd or NULL when absent.  len (if not NULL)
 * receives its length in bytes (embedded NULs included), isnull (if not
 * NULL) whether the stored value is SQL NULL (*out is then "").
 */
static int
get_setting(sqlite3 *db, const char *key, char **out, size_t *len, bool *isnull,
			farm_error *err)
{
	sqlite3_stmt *st;
	int			rc;

	*out = NULL;
	if (len)
		*len = 0;
	if (isnull)
		*isnull = false;
	if (!settings_exist(db))
		return FARM_OK;
	if (sqlite3_prepare_v2(db, "SELECT \"value\" FROM \"main\".\"fragno_db_settings\" WHERE \"key\" = ?1",
						   -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, err, "cannot read fragno_db_settings");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
	{
		const char *v = (const char *) sqlite3_column_text(st, 0);
		size_t		n = v ? (size_t) sqlite3_column_bytes(st, 0) : 0;

		*out = v ? farm_strndup(v, n) : farm_strdup("");
		if (len)
			*len = n;
		if (isnull)
			*isnull = v == NULL;
		if (*out == NULL)
		{
			sqlite3_finalize(st);
			return farm_fail(err, FARM_ENOMEM, "out of memory");
		}
	}
	else if (rc != SQLITE_DONE)
	{
		sqlite3_finalize(st);
		return sql_fail(db, err, "cannot read fragno_db_settings");
	}
	sqlite3_finalize(st);
	return FARM_OK;
}

static int
set_setting(sqlite3 *db, const char *key, const char *value, farm_error *err)
{
	sqlite3_stmt *st;
	int			rc;

	if (sqlite3_prepare_v2(db,
						   "UPDATE \"main\".\"fragno_db_settings\" SET \"value\" = ?2 WHERE \"key\" = ?1",
						   -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, err, "cannot write fragno_db_settings");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_fail(db, err, "cannot write fragno_db_settings");
	if (sqlite3_changes(db) > 0)
		return FARM_OK;
	if (sqlite3_prepare_v2(db,
						   "INSERT INTO \"main\".\"fragno_db_settings\" (\"id\", \"key\", \"value\") "
						   "VALUES ('c' || lower(hex(randomblob(12))), ?1, ?2)",
						   -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, err, "cannot write fragno_db_settings");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_fail(db, err, "cannot write fragno_db_settings");
	return FARM_OK;
}

static int
get_long_setting(sqlite3 *db, const char *key, long *out, farm_error *err)
{
	char	   *v;
	size_t		len;
	bool		isnull;
	int			rc = get_setting(db, key, &v, &len, &isnull, err);

	*out = 0;
	if (rc != FARM_OK || v == NULL)
		return rc;
	rc = farm_parse_version(key, isnull ? NULL : v, len, out, err);
	free(v);
	return rc;
}

static int
get_applied(sqlite3 *db, const char *ns, long *out, farm_error *err)
{
	char	   *key = farm_version_key(ns);
	int			rc;

	if (key == NULL)
		return farm_fail(err, FARM_ENOMEM, "out of memory");
	rc = get_long_setting(db, key, out, err);
	free(key);
	return rc;
}

static int
set_applied(sqlite3 *db, const char *ns, long v, farm_error *err)
{
	char	   *key = farm_version_key(ns);
	char		val[32];
	int			rc;

	if (key == NULL)
		return farm_fail(err, FARM_ENOMEM, "out of memory");
	snprintf(val, sizeof(val), "%ld", v);
	rc = set_setting(db, key, val, err);
	free(key);
	return rc;
}

static int
get_storage(sqlite3 *db, farm_storage *out, farm_error *err)
{
	char	   *v;
	int			rc = get_setting(db, ".sqlite_storage", &v, NULL, NULL, err);

	*out = FARM_STORAGE_PRISMA;
	if (rc == FARM_OK && v != NULL)
	{
		int			s = farm_storage_parse(v);

		if (s < 0)
			rc = farm_fail(err, FARM_ECORRUPT, "fragno_db_settings key \".sqlite_storage\" holds an unknown mode");
		else
			*out = (farm_storage) s;
	}
	free(v);
	return rc;
}

/*
 * Load the registry: one namespace (ns) or all (ns NULL), with applied
 * versions.
 */
static int
load_registry(sqlite3 *db, const char *ns, farm_registry *r, farm_error *err)
{
	sqlite3_stmt *st;
	int			rc = FARM_OK;
	int			step;
	int			i;

	if (!settings_exist(db))
		return FARM_OK;
	if (ns)
	{
		char	   *lo = farm_op_key(ns, 0);

		if (lo == NULL)
			return farm_fail(err, FARM_ENOMEM, "out of memory");
		/* "<ns>.farm_op." .. "<ns>.farm_op/" : the index range of one namespace */
		lo[strlen(ns) + 9] = '\0';
		if (sqlite3_prepare_v2(db,
							   "SELECT \"key\", \"value\" FROM \"main\".\"fragno_db_settings\" "
							   "WHERE \"key\" > ?1 AND \"key\" < ?1 || '~' ORDER BY \"key\"",
							   -1, &st, NULL) != SQLITE_OK)
		{
			free(lo);
			return sql_fail(db, err, "cannot read the registry");
		}
		sqlite3_bind_text(st, 1, lo, -1, SQLITE_TRANSIENT);
		free(lo);
		if (farm_registry_get(r, ns, true) == NULL)
		{
			sqlite3_finalize(st);
			return farm_fail(err, FARM_ENOMEM, "out of memory");
		}
	}
	else if (sqlite3_prepare_v2(db,
								"SELECT \"key\", \"value\" FROM \"main\".\"fragno_db_settings\" "
								"WHERE \"key\" GLOB '*.farm_op.[0-9]*' ORDER BY \"key\"",
								-1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, err, "cannot read the registry");
	while (rc == FARM_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
	{
		const char *key = (const char *) sqlite3_column_text(st, 0);
		const char *val = (const char *) sqlite3_column_text(st, 1);
		const char *dot = key ? strstr(key, ".farm_op.") : NULL;
		char	   *kns;
		long		version;

		if (dot == NULL)
			continue;
		rc = farm_parse_op_version(key, dot + 9,
								   (size_t) sqlite3_column_bytes(st, 0) - (size_t) (dot + 9 - key),
								   &version, err);
		if (rc != FARM_OK)
			break;
		kns = farm_strndup(key, (size_t) (dot - key));
		if (kns == NULL)
			rc = farm_fail(err, FARM_ENOMEM, "out of memory");
		else if (!farm_namespace_valid(kns, strlen(kns)))
			rc = farm_fail(err, FARM_ECORRUPT, "registry key \"%.100s\" has an invalid namespace", key);
		else if (val == NULL)
			rc = farm_fail(err, FARM_ECORRUPT, "fragno_db_settings key \"%s\" holds NULL, not an operation", key);
		else
			rc = farm_registry_add(r, kns, version, val,
								   (size_t) sqlite3_column_bytes(st, 1), err);
		free(kns);
	}
	if (rc == FARM_OK && step != SQLITE_DONE)
		rc = sql_fail(db, err, "cannot read the registry");
	sqlite3_finalize(st);
	for (i = 0; rc == FARM_OK && i < r->n; i++)
		rc = get_applied(db, r->items[i].ns, &r->items[i].applied, err);
	return rc;
}

static int
insert_ops(sqlite3 *db, const char *ns, long first_version, const farm_strlist *ops,
		   farm_error *err)
{
	sqlite3_stmt *st;
	size_t		i;
	int			rc = FARM_OK;

	if (ops->n == 0)
		return FARM_OK;
	if (sqlite3_prepare_v2(db,
						   "INSERT INTO \"main\".\"fragno_db_settings\" (\"id\", \"key\", \"value\") "
						   "VALUES ('c' || lower(hex(randomblob(12))), ?1, ?2)",
						   -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, err, "cannot write the registry");
	for (i = 0; rc == FARM_OK && i < ops->n; i++)
	{
		char	   *key = farm_op_key(ns, first_version + (long) i);

		if (key == NULL)
		{
			rc = farm_fail(err, FARM_ENOMEM, "out of memory");
			break;
		}
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, ops->items[i], (int) ops->lens[i], SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = sql_fail(db, err, "cannot write the registry");
		sqlite3_reset(st);
		free(key);
	}
	sqlite3_finalize(st);
	return rc;
}

/* ----------------------------------------------------------------
 * Savepoints, the write lock and migrations
 * ----------------------------------------------------------------
 */
static int	finish(sqlite3 *db, int open, int rc, farm_error *err);

/* How a call's savepoint sits (begin() says, finish() ends it). */
typedef enum txn_kind
{
	TXN_NONE = 0,				/* nothing open */
	TXN_JOINED,					/* nested in the caller's transaction */
	TXN_OWN						/* the savepoint started the transaction */
} txn_kind;

/*
 * Take the write lock of the main database before the call reads anything.
 * A read transaction that later upgrades to a write gets "database is
 * locked" at once while another connection writes, busy timeout or not,
 * whereas a write statement that starts while no transaction holds a lock
 * waits for the busy timeout like BEGIN IMMEDIATE, and checks the schema
 * once it has the lock, so every later read sees what the other writer
 * committed.
 *
 * The write must be one that every database file accepts, a 0-byte or
 * missing one included: a statement that fails to prepare ("no such
 * table") takes no lock.  With the registry there, a delete that matches no
 * row takes the lock and changes nothing.  Without it, PRAGMA
 * incremental_vacuum(1): a write transaction on any file, which frees at
 * most one free page of an auto_vacuum=INCREMENTAL database and does
 * nothing on any other.  sqlite3_txn_state() then proves the lock.  A
 * caller's transaction that already writes has it.
 */
static int
lock_first(sqlite3 *db, farm_error *err)
{
	sqlite3_stmt *st;
	int			step;

	if (sqlite3_txn_state(db, "main") == SQLITE_TXN_WRITE)
		return FARM_OK;
	if (sqlite3_prepare_v2(db, "DELETE FROM \"main\".\"fragno_db_settings\" WHERE 0",
						   -1, &st, NULL) == SQLITE_OK)
	{
		step = sqlite3_step(st);
		sqlite3_finalize(st);
		if (step != SQLITE_DONE && lock_busy(db))
			return farm_fail_busy(err);
	}
	else
		sqlite3_finalize(st);
	if (sqlite3_txn_state(db, "main") != SQLITE_TXN_WRITE &&
		exec_sql(db, "PRAGMA \"main\".incremental_vacuum(1)", err) != FARM_OK)
	{
		if (err->code == FARM_EBUSY)
			return err->code;
		return farm_fail(err, FARM_EINVALID, "cannot lock the database: %s", sqlite3_errmsg(db));
	}
	if (sqlite3_txn_state(db, "main") != SQLITE_TXN_WRITE)
		return farm_fail(err, FARM_EINVALID, "cannot lock the database: no write transaction");
	return FARM_OK;
}

/*
 * Open the call's savepoint "farmorm" and take the write lock (see
 * lock_first).  *open tells finish() whether the savepoint joined the
 * caller's transaction or started one.
 */
static int
begin(sqlite3 *db, int *open, farm_error *err)
{
	int			kind = sqlite3_get_autocommit(db) ? TXN_OWN : TXN_JOINED;
	int			rc;

	*open = TXN_NONE;
	rc = exec_sql(db, "SAVEPOINT \"farmorm\"", err);
	if (rc != FARM_OK)
		return rc;
	*open = kind;
	rc = lock_first(db, err);
	if (rc != FARM_OK)
	{
		rc = finish(db, *open, rc, err);
		*open = TXN_NONE;
	}
	return rc;
}

/*
 * Release the savepoint on success (committing the transaction it started);
 * undo everything on failure, a failed commit included.  A transaction the
 * savepoint started is undone with ROLLBACK, never with ROLLBACK TO that
 * savepoint: on a file that was 0 bytes when this connection's write
 * started waiting for another writer, SQLite's ROLLBACK TO the savepoint
 * that opened the transaction marks the database empty, and the RELEASE
 * after it writes an empty database over the other writer's commit
 * (SQLite 3.40; a nested savepoint and ROLLBACK are not affected).
 */
static int
finish(sqlite3 *db, int open, int rc, farm_error *err)
{
	farm_error	e2;

	if (rc == FARM_OK)
	{
		rc = exec_sql(db, "RELEASE \"farmorm\"", err);
		if (rc == FARM_OK)
			return rc;
	}
	if (open == TXN_OWN && exec_sql(db, "ROLLBACK", &e2) == FARM_OK)
		return rc;
	exec_sql(db, "ROLLBACK TO \"farmorm\"", &e2);
	exec_sql(db, "RELEASE \"farmorm\"", &e2);
	return rc;
}

static int
run_statements(sqlite3 *db, const char *ns, long to, const farm_strlist *stmts,
			   farm_error *err)
{
	size_t		i;

	for (i = 0; i < stmts->n; i++)
	{
		char	   *msg = NULL;

		if (sqlite3_exec(db, stmts->items[i], NULL, NULL, &msg) != SQLITE_OK)
		{
			if (lock_busy(db))
			{
				sqlite3_free(msg);
				return farm_fail_busy(err);
			}
			farm_fail(err, FARM_EINVALID,
					  "%s%s%smigration to version %ld failed at statement %zu of %zu: %s",
					  ns[0] ? "namespace \"" : "internal schema", ns, ns[0] ? "\": " : ": ",
					  to, i + 1, stmts->n, msg ? msg : sqlite3_errmsg(db));
			sqlite3_free(msg);
			return err->code;
		}
	}
	return FARM_OK;
}

/*
 * A table rebuild drops the table: refuse it while the table has columns,
 * indexes or triggers farmorm does not manage (added by hand), naming them,
 * instead of losing them.  PostgreSQL changes such tables in place.
 */
static int
check_rebuild_guards(sqlite3 *db, const char *ns, long to, const farm_strlist *guards,
					 farm_error *err)
{
	size_t		i;
	farm_buf	found;
	int			rc = FARM_OK;

	farm_buf_init(&found);
	for (i = 0; i < guards->n && rc == FARM_OK; i++)
	{
		sqlite3_stmt *st;
		int			step;

		if (sqlite3_prepare_v2(db, guards->items[i], -1, &st, NULL) != SQLITE_OK)
			return sql_fail(db, err, "cannot inspect a table before rebuilding it");
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
		{
			const char *kind = (const char *) sqlite3_column_text(st, 0);
			const char *name = (const char *) sqlite3_column_text(st, 1);

			farm_buf_puts(&found, found.len ? ", " : "");
			farm_buf_puts(&found, kind ? kind : "?");
			farm_buf_putc(&found, ' ');
			farm_buf_err_name(&found, name ? name : "", name ? strlen(name) : 0);
		}
		if (step != SQLITE_DONE)
			rc = sql_fail(db, err, "cannot inspect a table before rebuilding it");
		sqlite3_finalize(st);
	}
	if (rc == FARM_OK && found.len > 0)
		rc = farm_fail(err, FARM_EUNSUPPORTED,
					   "namespace \"%s\": migration to version %ld must rebuild a table that has objects farmorm does not manage, and would drop them: %.700s; drop or move them first",
					   ns, to, found.oom ? "?" : found.data);
	farm_buf_free(&found);
	return rc;
}

/*
 * Migrate one namespace (ns "" = internal) from its applied version to
 * `to`, recording the new applied version in the same savepoint.
 */
static int
migrate_ns(sqlite3 *db, const char *ns, char *const *ops, const size_t *lens,
		   int nops, long to, farm_storage storage, farm_error *err)
{
	farm_strlist guards;
	farm_ddl_opts o = {FARM_SQLITE, storage, NULL, &guards};
	farm_strlist stmts;
	long		applied;
	int			rc;

	rc = get_applied(db, ns, &applied, err);
	if (rc != FARM_OK || applied >= to)
	{
		if (rc == FARM_OK && applied > nops)
			rc = farm_fail(err, FARM_ECORRUPT,
						   "namespace \"%s\": applied version %ld is beyond the registered version %d",
						   ns, applied, nops);
		return rc;
	}
	farm_strlist_init(&stmts);
	farm_strlist_init(&guards);
	rc = farm_plan_migration(ns, ops, lens, nops, (int) applied, (int) to, &o, &stmts, err);
	if (rc == FARM_OK)
		rc = check_rebuild_guards(db, ns, to, &guards, err);
	if (rc == FARM_OK)
		rc = run_statements(db, ns, to, &stmts, err);
	farm_strlist_free(&stmts);
	farm_strlist_free(&guards);
	if (rc == FARM_OK)
		rc = set_applied(db, ns, to, err);
	return rc;
}

static int
migrate_internal(sqlite3 *db, long to, farm_storage storage, farm_error *err)
{
	const char *ops[8];
	size_t		lens[8];
	int			i;

	for (i = 0; i < farm_internal_nops(); i++)
	{
		ops[i] = farm_internal_op(i);
		lens[i] = strlen(ops[i]);
	}
	return migrate_ns(db, "", (char *const *) ops, lens, farm_internal_nops(), to,
					  storage, err);
}

/* Restores PRAGMA defer_foreign_keys after statements that may set it. */
static int
get_defer_fk(sqlite3 *db)
{
	sqlite3_stmt *st;
	int			v = 0;

	if (sqlite3_prepare_v2(db, "PRAGMA defer_foreign_keys", -1, &st, NULL) == SQLITE_OK)
	{
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return v;
}

/* ----------------------------------------------------------------
 * Registry writes
 * ----------------------------------------------------------------
 */
typedef enum write_kind
{
	W_REGISTER,
	W_ADD_TABLE,
	W_ADD_COLUMN,
	W_ADD_INDEX,
	W_SET_NULLABLE
} write_kind;

static void
registry_write(sqlite3_context *ctx, int argc, sqlite3_value **argv, write_kind kind)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_registry reg;
	farm_strlist out;
	farm_schema *s = NULL;
	farm_nsops *e = NULL;
	arg			ns;
	arg			a1 = {NULL, 0};
	arg			a2 = {NULL, 0};
	int			nullable = 0;
	int			rc;
	int			open = TXN_NONE;
	farm_gate	gate;

	(void) argc;
	farm_registry_init(&reg);
	farm_strlist_init(&out);
	farm_gate_init(&gate);
	err.code = FARM_OK;
	rc = get_namespace(argv[0], &ns, &err);
	if (rc != FARM_OK)
		goto done;
	switch (kind)
	{
		case W_REGISTER:
			rc = get_json_arg(argv[1], ns.s, NULL, "schema definition", &a1, &err);
			break;
		case W_ADD_TABLE:
			rc = get_json_arg(argv[1], ns.s, NULL, "table definition", &a1, &err);
			break;
		case W_ADD_COLUMN:
		case W_ADD_INDEX:
			a1 = get_arg(argv[1]);
			rc = farm_check_name_arg(ns.s, NULL, "table", a1.s, a1.len, &err);
			if (rc == FARM_OK)
				rc = get_json_arg(argv[2], ns.s, a1.s, kind == W_ADD_COLUMN ? "column definition" : "index definition",
								  &a2, &err);
			break;
		case W_SET_NULLABLE:
			a1 = get_arg(argv[1]);
			rc = farm_check_name_arg(ns.s, NULL, "table", a1.s, a1.len, &err);
			if (rc == FARM_OK)
			{
				a2 = get_arg(argv[2]);
				rc = farm_check_name_arg(ns.s, a1.s, "column", a2.s, a2.len, &err);
			}
			if (rc == FARM_OK)
			{
				rc = farm_check_bool_arg(ns.s, a1.s, a2.s, "nullable",
										 sqlite3_value_type(argv[3]) == SQLITE_NULL,
										 sqlite3_value_type(argv[3]) == SQLITE_INTEGER &&
										 (sqlite3_value_int64(argv[3]) == 0 ||
										  sqlite3_value_int64(argv[3]) == 1),
										 &err);
				if (rc == FARM_OK)
					nullable = sqlite3_value_int(argv[3]);
			}
			break;
	}
	if (rc != FARM_OK)
		goto done;

	if ((rc = begin(db, &open, &err)) != FARM_OK)
		goto done;
	/* every namespace: the gate checks the write against all of them */
	rc = load_registry(db, NULL, &reg, &err);
	if (rc != FARM_OK)
		goto done;
	e = farm_registry_get(&reg, ns.s, true);
	if (e == NULL)
	{
		rc = farm_fail(&err, FARM_ENOMEM, "out of memory");
		goto done;
	}
	s = farm_cache_replay(&conn_of(ctx)->cache, ns.s, &e->ops, &err);
	if (s == NULL)
	{
		rc = err.code;
		goto done;
	}
	rc = farm_gate_build(&gate, &reg, ns.s, &conn_of(ctx)->cache, &err);
	if (rc != FARM_OK)
		goto done;
	/* reg may have grown: find the entry again */
	e = farm_registry_get(&reg, ns.s, false);
	farm_schema_set_gate(s, &gate);
	switch (kind)
	{
		case W_REGISTER:
			rc = farm_op_register(s, a1.s, a1.len, &out, &err);
			break;
		case W_ADD_TABLE:
			rc = farm_op_add_table(s, a1.s, a1.len, &out, &err);
			break;
		case W_ADD_COLUMN:
			rc = farm_op_add_column(s, a1.s, a2.s, a2.len, &out, &err);
			break;
		case W_ADD_INDEX:
			rc = farm_op_add_index(s, a1.s, a2.s, a2.len, &out, &err);
			break;
		case W_SET_NULLABLE:
			rc = farm_op_set_nullable(s, a1.s, a2.s, nullable != 0, &out, &err);
			break;
	}
	/*
	 * The registry lives in fragno_db_settings: create it when there is
	 * something to store (a call that changes nothing changes nothing).
	 */
	if (rc == FARM_OK && out.n > 0)
		rc = migrate_internal(db, 1, FARM_STORAGE_PRISMA, &err);
	if (rc == FARM_OK)
		rc = insert_ops(db, ns.s, (long) e->ops.n + 1, &out, &err);

done:
	if (s != NULL)
		farm_schema_set_gate(s, NULL);
	/* the other namespaces' schemas stay cached for the next call */
	farm_gate_release(&gate, &conn_of(ctx)->cache);
	farm_gate_free(&gate);
	if (open)
		rc = finish(db, open, rc, &err);
	if (rc == FARM_OK)
	{
		sqlite3_result_int64(ctx, s->version);
		/* the next call on this connection starts from here */
		farm_cache_keep(&conn_of(ctx)->cache, s, &e->ops, &out);
		s = NULL;
	}
	else
		report(ctx, &err);
	farm_schema_free(s);
	farm_strlist_free(&out);
	farm_registry_free(&reg);
}

static void
fn_register(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	registry_write(ctx, argc, argv, W_REGISTER);
}

static void
fn_add_table(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	registry_write(ctx, argc, argv, W_ADD_TABLE);
}

static void
fn_add_column(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	registry_write(ctx, argc, argv, W_ADD_COLUMN);
}

static void
fn_add_index(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	registry_write(ctx, argc, argv, W_ADD_INDEX);
}

static void
fn_set_nullable(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	registry_write(ctx, argc, argv, W_SET_NULLABLE);
}

/*
 * farm_discard_pending(ns): delete the registered operations of ns above
 * its applied version (never applied in this database; the core decides
 * what goes, see farm_discard_plan) and return the registered version that
 * remains.  A registry write like the others: SQLITE_DIRECTONLY, in the
 * SAVEPOINT, nothing changed on error.  The connection's cache needs no
 * flush: it is keyed on the operation texts, which now differ.
 */
static void
fn_discard_pending(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_registry reg;
	farm_nsops *e = NULL;
	sqlite3_stmt *st = NULL;
	arg			ns;
	long		keep = 0;
	long		v;
	int			rc;
	int			open = TXN_NONE;

	(void) argc;
	farm_registry_init(&reg);
	rc = get_namespace(argv[0], &ns, &err);
	if (rc != FARM_OK)
		goto done;
	if ((rc = begin(db, &open, &err)) != FARM_OK)
		goto done;
	rc = load_registry(db, ns.s, &reg, &err);
	if (rc == FARM_OK)
	{
		e = farm_registry_get(&reg, ns.s, false);
		rc = farm_discard_plan(ns.s, e, &keep, &err);
	}
	if (rc == FARM_OK && keep < (long) e->ops.n &&
		sqlite3_prepare_v2(db, "DELETE FROM \"main\".\"fragno_db_settings\" WHERE \"key\" = ?1",
						   -1, &st, NULL) != SQLITE_OK)
		rc = sql_fail(db, &err, "cannot write the registry");
	for (v = keep + 1; rc == FARM_OK && st != NULL && v <= (long) e->ops.n; v++)
	{
		char	   *key = farm_op_key(ns.s, v);

		if (key == NULL)
		{
			rc = farm_fail(&err, FARM_ENOMEM, "out of memory");
			break;
		}
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(db) != 1)
			rc = sql_fail(db, &err, "cannot write the registry");
		sqlite3_reset(st);
		free(key);
	}
	sqlite3_finalize(st);

done:
	if (open)
		rc = finish(db, open, rc, &err);
	if (rc == FARM_OK)
		sqlite3_result_int64(ctx, keep);
	else
		report(ctx, &err);
	farm_registry_free(&reg);
}

/* ----------------------------------------------------------------
 * Reads
 * ----------------------------------------------------------------
 */
static void
fn_schema(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_registry reg;
	farm_schema **schemas = NULL;
	int			n = 0;
	arg			ns;
	int			rc;
	char	   *json = NULL;

	(void) argc;
	farm_registry_init(&reg);
	rc = get_namespace(argv[0], &ns, &err);
	if (rc == FARM_OK)
		rc = load_registry(db, ns.s, &reg, &err);
	if (rc == FARM_OK)
		rc = farm_registry_schemas(&reg, ns.s, &schemas, &n, &err);
	if (rc == FARM_OK && (json = farm_schema_json(schemas[0])) == NULL)
		rc = farm_fail(&err, FARM_ENOMEM, "out of memory");
	if (rc == FARM_OK)
		sqlite3_result_text(ctx, json, -1, free);
	else
		report(ctx, &err);
	farm_schemas_free(schemas, n);
	farm_registry_free(&reg);
}

static void
fn_schema_version(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_registry reg;
	arg			ns;
	int			rc;

	(void) argc;
	farm_registry_init(&reg);
	rc = get_namespace(argv[0], &ns, &err);
	if (rc == FARM_OK)
		rc = load_registry(db, ns.s, &reg, &err);
	if (rc == FARM_OK)
		sqlite3_result_int64(ctx, reg.n ? (sqlite3_int64) reg.items[0].ops.n : 0);
	else
		report(ctx, &err);
	farm_registry_free(&reg);
}

static void
fn_applied_version(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	arg			ns;
	long		v = 0;
	int			rc;

	(void) argc;
	rc = get_namespace(argv[0], &ns, &err);
	if (rc == FARM_OK)
		rc = get_applied(db, ns.s, &v, &err);
	if (rc == FARM_OK)
		sqlite3_result_int64(ctx, v);
	else
		report(ctx, &err);
}

static void
fn_namespaces(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_registry reg;
	char	   *json = NULL;
	int			rc;

	(void) argc;
	(void) argv;
	farm_registry_init(&reg);
	rc = load_registry(db, NULL, &reg, &err);
	if (rc == FARM_OK && (json = farm_registry_namespaces_json(&reg)) == NULL)
		rc = farm_fail(&err, FARM_ENOMEM, "out of memory");
	if (rc == FARM_OK)
		sqlite3_result_text(ctx, json, -1, free);
	else
		report(ctx, &err);
	farm_registry_free(&reg);
}

static void
fn_table_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	farm_error	err;
	arg			ns;
	arg			t;
	char	   *name = NULL;
	int			rc;

	(void) argc;
	rc = get_namespace(argv[0], &ns, &err);
	if (rc == FARM_OK)
	{
		t = get_arg(argv[1]);
		rc = farm_check_name_arg(ns.s, NULL, "table", t.s, t.len, &err);
	}
	if (rc == FARM_OK && (name = farm_table_physical(ns.s, t.s)) == NULL)
		rc = farm_fail(&err, FARM_ENOMEM, "out of memory");
	if (rc == FARM_OK)
		sqlite3_result_text(ctx, name, -1, free);
	else
		report(ctx, &err);
}

static void
fn_version(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_text(ctx, FARM_VERSION, -1, SQLITE_STATIC);
}

/* ----------------------------------------------------------------
 * Generation
 * ----------------------------------------------------------------
 */
/*
 * farm_generate_prisma / farm_generate_drizzle: one body, the emitter
 * picked by `drizzle` (same arguments, options, defaults and errors).
 */
static void
generate_orm(sqlite3_context *ctx, int argc, sqlite3_value **argv, bool drizzle)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_registry reg;
	farm_schema **schemas = NULL;
	farm_gen_opts po;
	farm_storage storage = FARM_STORAGE_PRISMA;
	int			n = 0;
	arg			ns = {NULL, 0};
	arg			opts = {NULL, 0};
	char	   *text = NULL;
	int			rc = FARM_OK;

	farm_registry_init(&reg);
	if (argc >= 1 && (argc == 1 || sqlite3_value_type(argv[0]) != SQLITE_NULL))
		rc = get_namespace(argv[0], &ns, &err);
	if (rc == FARM_OK && argc == 2 && sqlite3_value_type(argv[1]) != SQLITE_NULL)
		rc = get_json_arg(argv[1], ns.s, NULL, "options", &opts, &err);
	if (rc == FARM_OK)
		rc = get_storage(db, &storage, &err);
	if (rc == FARM_OK)
	{
		farm_prisma_default_opts(&po, FARM_SQLITE, storage);
		rc = drizzle ? farm_drizzle_parse_opts(opts.s, opts.len, &po, &err)
			: farm_prisma_parse_opts(opts.s, opts.len, &po, &err);
	}
	if (rc == FARM_OK)
		rc = load_registry(db, ns.s, &reg, &err);
	if (rc == FARM_OK)
		rc = farm_registry_schemas(&reg, ns.s, &schemas, &n, &err);
	if (rc == FARM_OK)
	{
		text = drizzle ? farm_drizzle_generate(schemas, n, &po, &err)
			: farm_prisma_generate(schemas, n, &po, &err);
		if (text == NULL)
			rc = err.code;
	}
	if (rc == FARM_OK)
		sqlite3_result_text(ctx, text, -1, free);
	else
		report(ctx, &err);
	farm_schemas_free(schemas, n);
	farm_registry_free(&reg);
}

static void
fn_generate_prisma(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	generate_orm(ctx, argc, argv, false);
}

static void
fn_generate_drizzle(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	generate_orm(ctx, argc, argv, true);
}

static void
fn_generate_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_registry reg;
	farm_sql_opts so;
	farm_ddl_opts o;
	farm_strlist stmts;
	farm_storage storage = FARM_STORAGE_PRISMA;
	farm_nsops *e;
	arg			ns;
	arg			opts = {NULL, 0};
	char	   *text = NULL;
	int			rc;

	farm_registry_init(&reg);
	farm_strlist_init(&stmts);
	rc = get_namespace(argv[0], &ns, &err);
	if (rc == FARM_OK && argc == 2 && sqlite3_value_type(argv[1]) != SQLITE_NULL)
		rc = get_json_arg(argv[1], ns.s, NULL, "options", &opts, &err);
	if (rc == FARM_OK)
		rc = get_storage(db, &storage, &err);
	so.from = -1;
	so.to = -1;
	so.dialect = FARM_SQLITE;
	so.storage = storage;
	if (rc == FARM_OK)
		rc = farm_sql_parse_opts(opts.s, opts.len, &so, &err);
	if (rc == FARM_OK)
		rc = load_registry(db, ns.s, &reg, &err);
	if (rc == FARM_OK)
	{
		e = farm_registry_get(&reg, ns.s, false);
		if (e == NULL || e->ops.n == 0)
			rc = farm_fail(&err, FARM_EUNKNOWN, "namespace \"%s\" is not registered", ns.s);
	}
	if (rc == FARM_OK)
	{
		o.dialect = so.dialect;
		o.storage = so.storage;
		o.pg_schema = NULL;
		o.guards = NULL;
		if (so.from < 0 && so.to < 0)
		{
			/* exactly what farm_migrate would run now */
			long		iapplied = 0;
			const char *iops[8];
			size_t		ilens[8];
			int			i;

			for (i = 0; i < farm_internal_nops(); i++)
			{
				iops[i] = farm_internal_op(i);
				ilens[i] = strlen(iops[i]);
			}
			if (so.dialect == FARM_SQLITE)
				rc = get_applied(db, "", &iapplied, &err);
			if (rc == FARM_OK)
				rc = farm_plan_migration("", (char *const *) iops, ilens, farm_internal_nops(),
										 (int) iapplied, farm_internal_nops(), &o, &stmts, &err);
			so.from = so.dialect == FARM_SQLITE ? (int) e->applied : 0;
		}
		if (so.from < 0)
			so.from = 0;
		if (so.to < 0)
			so.to = (int) e->ops.n;
		if (rc == FARM_OK)
			rc = farm_plan_migration(ns.s, e->ops.items, e->ops.lens, (int) e->ops.n,
									 so.from, so.to, &o, &stmts, &err);
	}
	if (rc == FARM_OK && (text = farm_join_statements(&stmts)) == NULL)
		rc = farm_fail(&err, FARM_ENOMEM, "out of memory");
	if (rc == FARM_OK)
		sqlite3_result_text(ctx, text, -1, free);
	else
		report(ctx, &err);
	farm_strlist_free(&stmts);
	farm_registry_free(&reg);
}

/* ----------------------------------------------------------------
 * farm_check: the catalog against the schema
 * ----------------------------------------------------------------
 */
static int
prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, farm_error *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return sql_fail(db, err, "cannot read the catalog");
	return FARM_OK;
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	return (const char *) sqlite3_column_text(st, i);
}

/* Columns, primary key, indexes and foreign keys of main.<name> into t. */
static int
read_table(sqlite3 *db, const char *name, farm_catalog *cat, farm_cat_table *t,
		   farm_error *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_stmt *cols = NULL;
	int			rc;
	int			step;

	rc = prepare(db, "SELECT \"name\", \"type\", \"notnull\", \"dflt_value\" FROM pragma_table_info(?1, 'main') ORDER BY \"cid\"", &st, err);
	if (rc != FARM_OK)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		farm_cat_add_column(cat, t, col_text(st, 0), col_text(st, 1),
							sqlite3_column_int(st, 2) != 0, col_text(st, 3));
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return sql_fail(db, err, "cannot read the catalog");

	rc = prepare(db, "SELECT \"name\" FROM pragma_table_info(?1, 'main') WHERE \"pk\" > 0 ORDER BY \"pk\"", &st, err);
	if (rc != FARM_OK)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		farm_cat_add_pk_column(cat, t, col_text(st, 0), NULL);
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return sql_fail(db, err, "cannot read the catalog");

	rc = prepare(db, "SELECT \"name\", \"unique\", \"partial\" FROM pragma_index_list(?1, 'main') WHERE \"origin\" <> 'pk' ORDER BY \"name\"", &st, err);
	if (rc == FARM_OK)
		rc = prepare(db, "SELECT \"name\" FROM pragma_index_info(?1, 'main') ORDER BY \"seqno\"", &cols, err);
	if (rc != FARM_OK)
	{
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while (rc == FARM_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
	{
		farm_cat_index *x = farm_cat_add_index(cat, t, col_text(st, 0),
											   sqlite3_column_int(st, 1) != 0,
											   sqlite3_column_int(st, 2) != 0);
		int			cstep;

		sqlite3_bind_text(cols, 1, col_text(st, 0), -1, SQLITE_TRANSIENT);
		while ((cstep = sqlite3_step(cols)) == SQLITE_ROW)
			farm_cat_index_column(cat, x, col_text(cols, 0));
		if (cstep != SQLITE_DONE)
			rc = sql_fail(db, err, "cannot read the catalog");
		sqlite3_reset(cols);
	}
	if (rc == FARM_OK && step != SQLITE_DONE)
		rc = sql_fail(db, err, "cannot read the catalog");
	sqlite3_finalize(st);
	sqlite3_finalize(cols);
	if (rc != FARM_OK)
		return rc;

	/* one row per column of each foreign key (id), in key order (seq) */
	rc = prepare(db, "SELECT group_concat(\"from\", ', '), \"table\", group_concat(ifnull(\"to\", ''), ', '), \"on_delete\", \"on_update\" "
				 "FROM (SELECT * FROM pragma_foreign_key_list(?1, 'main') ORDER BY \"id\", \"seq\") GROUP BY \"id\" ORDER BY \"id\"", &st, err);
	if (rc != FARM_OK)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		farm_cat_add_fk(cat, t, NULL, col_text(st, 0), col_text(st, 1), col_text(st, 2),
						col_text(st, 3), col_text(st, 4));
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return sql_fail(db, err, "cannot read the catalog");
	return FARM_OK;
}

/*
 * The catalog of the tables named in `names` that exist, and of every other
 * table whose name ends in `suffix` (extra tables of the namespace).
 */
static int
read_catalog(sqlite3 *db, const farm_strlist *names, const char *suffix,
			 farm_catalog *cat, farm_error *err)
{
	sqlite3_stmt *st;
	farm_strlist found;
	size_t		i;
	int			rc;
	int			step;

	farm_strlist_init(&found);
	rc = prepare(db, "SELECT \"name\" FROM \"main\".\"sqlite_master\" WHERE \"type\" = 'table' AND \"name\" = ?1 COLLATE NOCASE", &st, err);
	for (i = 0; rc == FARM_OK && i < names->n; i++)
	{
		sqlite3_bind_text(st, 1, names->items[i], -1, SQLITE_STATIC);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW)
		{
			if (!farm_strlist_push(&found, col_text(st, 0)))
				rc = farm_fail(err, FARM_ENOMEM, "out of memory");
		}
		else if (step != SQLITE_DONE)
			rc = sql_fail(db, err, "cannot read the catalog");
		sqlite3_reset(st);
	}
	if (rc == FARM_OK)
		sqlite3_finalize(st);
	if (rc == FARM_OK)
		rc = prepare(db, "SELECT \"name\" FROM \"main\".\"sqlite_master\" WHERE \"type\" = 'table' "
					 "AND length(\"name\") > length(?1) AND substr(\"name\", -length(?1)) = ?1 COLLATE NOCASE ORDER BY \"name\"", &st, err);
	if (rc == FARM_OK)
	{
		sqlite3_bind_text(st, 1, suffix, -1, SQLITE_STATIC);
		while (rc == FARM_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
			if (!farm_strlist_push(&found, col_text(st, 0)))
				rc = farm_fail(err, FARM_ENOMEM, "out of memory");
		if (rc == FARM_OK && step != SQLITE_DONE)
			rc = sql_fail(db, err, "cannot read the catalog");
	}
	sqlite3_finalize(st);
	for (i = 0; rc == FARM_OK && i < found.n; i++)
	{
		farm_cat_table *t;

		if (farm_catalog_find(cat, found.items[i]) != NULL)
			continue;
		t = farm_catalog_table(cat, found.items[i]);
		rc = t ? read_table(db, found.items[i], cat, t, err) : farm_fail(err, FARM_ENOMEM, "out of memory");
	}
	if (rc == FARM_OK && cat->oom)
		rc = farm_fail(err, FARM_ENOMEM, "out of memory");
	farm_strlist_free(&found);
	return rc;
}

/*
 * The differences between the catalog and the internal schema plus ns at
 * `version`; *names receives the physical tables compared.
 */
static int
check_ns(sqlite3 *db, const farm_nsops *e, int version, farm_storage storage,
		 farm_strlist *names, farm_diffs *diffs, farm_error *err)
{
	farm_ddl_opts o = {FARM_SQLITE, storage, NULL, NULL};
	farm_schema *internal = NULL;
	farm_schema *s = NULL;
	farm_catalog cat;
	char	   *suffix = NULL;
	int			rc = FARM_OK;

	farm_catalog_init(&cat, FARM_SQLITE);
	internal = farm_internal_schema(err);
	if (internal != NULL)
		s = farm_schema_replay(e->ns, e->ops.items, e->ops.lens, (int) e->ops.n, version, err);
	if (internal == NULL || s == NULL)
		rc = err->code;
	if (rc == FARM_OK)
		rc = farm_check_tables(internal, s, names, err);
	if (rc == FARM_OK && (suffix = farm_check_suffix(e->ns)) == NULL)
		rc = farm_fail(err, FARM_ENOMEM, "out of memory");
	if (rc == FARM_OK)
		rc = read_catalog(db, names, suffix, &cat, err);
	if (rc == FARM_OK)
		rc = farm_check_compare(internal, s, &o, &cat, diffs, err);
	free(suffix);
	farm_catalog_free(&cat);
	farm_schema_free(internal);
	farm_schema_free(s);
	return rc;
}

/* The registered namespace ns of reg, or an error naming it. */
static int
registered(farm_registry *reg, const char *ns, farm_nsops **e, farm_error *err)
{
	*e = farm_registry_get(reg, ns, false);
	if (*e == NULL || (*e)->ops.n == 0)
		return farm_fail(err, FARM_EUNKNOWN, "namespace \"%s\" is not registered", ns);
	return FARM_OK;
}

static void
fn_check(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_registry reg;
	farm_strlist names;
	farm_diffs	diffs;
	farm_storage storage = FARM_STORAGE_PRISMA;
	farm_nsops *e = NULL;
	arg			ns;
	char	   *json = NULL;
	long		version = 0;
	int			rc;

	(void) argc;
	farm_registry_init(&reg);
	farm_strlist_init(&names);
	farm_diffs_init(&diffs);
	rc = get_namespace(argv[0], &ns, &err);
	if (rc == FARM_OK)
		rc = get_storage(db, &storage, &err);
	if (rc == FARM_OK)
		rc = load_registry(db, ns.s, &reg, &err);
	if (rc == FARM_OK)
		rc = registered(&reg, ns.s, &e, &err);
	if (rc == FARM_OK)
	{
		/* the applied version; before the first migrate, what it would create */
		version = e->applied > 0 ? e->applied : (long) e->ops.n;
		rc = check_ns(db, e, (int) version, storage, &names, &diffs, &err);
	}
	if (rc == FARM_OK && (json = farm_check_json(ns.s, e->applied, version, &diffs)) == NULL)
		rc = farm_fail(&err, FARM_ENOMEM, "out of memory");
	if (rc == FARM_OK)
		sqlite3_result_text(ctx, json, -1, free);
	else
		report(ctx, &err);
	farm_diffs_free(&diffs);
	farm_strlist_free(&names);
	farm_registry_free(&reg);
}

/*
 * farm_migrate's adopt: take over the tables of the internal schema and of
 * ns at its registered version, which someone else created (an app's
 * Prisma Migrate), recording the versions without DDL.  Only when
 * farm_check finds no difference and no table has a trigger.
 */
static int
adopt_ns(sqlite3 *db, farm_nsops *e, farm_storage storage, farm_error *err)
{
	farm_strlist names;
	farm_diffs	diffs;
	sqlite3_stmt *st = NULL;
	long		iapplied = 0;
	size_t		i;
	int			rc;

	if (e->applied >= (long) e->ops.n)
		return FARM_OK;			/* nothing to adopt: migrate as usual */
	farm_strlist_init(&names);
	farm_diffs_init(&diffs);
	rc = check_ns(db, e, (int) e->ops.n, storage, &names, &diffs, err);
	if (rc == FARM_OK && diffs.n > 0)
		rc = farm_adopt_refuse_diff(err, e->ns, &diffs.items[0]);
	if (rc == FARM_OK)
		rc = prepare(db, "SELECT \"name\" FROM \"main\".\"sqlite_master\" WHERE \"type\" = 'trigger' AND \"tbl_name\" = ?1 COLLATE NOCASE ORDER BY \"name\" LIMIT 1", &st, err);
	for (i = 0; rc == FARM_OK && i < names.n; i++)
	{
		int			step;

		sqlite3_bind_text(st, 1, names.items[i], -1, SQLITE_STATIC);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW)
			rc = farm_adopt_refuse_table(err, e->ns, names.items[i], "has trigger", col_text(st, 0));
		else if (step != SQLITE_DONE)
			rc = sql_fail(db, err, "cannot read the catalog");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc == FARM_OK)
		rc = get_applied(db, "", &iapplied, err);
	if (rc == FARM_OK && iapplied < farm_internal_nops())
		rc = set_applied(db, "", farm_internal_nops(), err);
	if (rc == FARM_OK)
		rc = set_applied(db, e->ns, (long) e->ops.n, err);
	if (rc == FARM_OK)
		e->applied = (long) e->ops.n;
	farm_diffs_free(&diffs);
	farm_strlist_free(&names);
	return rc;
}

/* ----------------------------------------------------------------
 * Living beside an app's own Prisma Migrate
 * ----------------------------------------------------------------
 */
typedef enum owned_kind
{
	O_EXTERNAL_TABLES,
	O_SHADOW_SQL
} owned_kind;

/*
 * farm_external_tables() / farm_shadow_sql(): what the registry records as
 * farmorm's tables (the internal schema and every namespace at their
 * applied versions), rendered by the core.
 */
static void
owned_tables(sqlite3_context *ctx, owned_kind kind)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_registry reg;
	farm_owned *items = NULL;
	farm_storage storage = FARM_STORAGE_PRISMA;
	long		iapplied = 0;
	char	   *text = NULL;
	int			rc;
	int			i;

	farm_registry_init(&reg);
	rc = get_storage(db, &storage, &err);
	if (rc == FARM_OK)
		rc = load_registry(db, NULL, &reg, &err);
	if (rc == FARM_OK)
		rc = get_applied(db, "", &iapplied, &err);
	if (rc == FARM_OK &&
		(items = calloc((size_t) reg.n + 1, sizeof(farm_owned))) == NULL)
		rc = farm_fail(&err, FARM_ENOMEM, "out of memory");
	if (rc == FARM_OK)
	{
		items[0].ns = "";
		items[0].applied = iapplied;
		for (i = 0; i < reg.n; i++)
		{
			items[i + 1].ns = reg.items[i].ns;
			items[i + 1].ops = reg.items[i].ops.items;
			items[i + 1].lens = reg.items[i].ops.lens;
			items[i + 1].nops = (int) reg.items[i].ops.n;
			items[i + 1].applied = reg.items[i].applied;
		}
		if (kind == O_EXTERNAL_TABLES)
		{
			sqlite3_stmt *st = NULL;
			/* made by SQLite with the first AUTOINCREMENT table */
			bool		seq = sqlite3_prepare_v2(db, "SELECT 1 FROM \"main\".\"sqlite_sequence\" LIMIT 0",
												 -1, &st, NULL) == SQLITE_OK;

			sqlite3_finalize(st);
			text = farm_external_tables(items, reg.n + 1, FARM_SQLITE, seq, &err);
		}
		else
			text = farm_shadow_sql(items, reg.n + 1, FARM_SQLITE, storage, &err);
		if (text == NULL)
			rc = err.code;
	}
	if (rc == FARM_OK)
		sqlite3_result_text(ctx, text, -1, free);
	else
		report(ctx, &err);
	free(items);
	farm_registry_free(&reg);
}

static void
fn_external_tables(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	owned_tables(ctx, O_EXTERNAL_TABLES);
}

static void
fn_shadow_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	owned_tables(ctx, O_SHADOW_SQL);
}

/* ----------------------------------------------------------------
 * Bootstrap
 * ----------------------------------------------------------------
 */
static void
fn_migrate(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_registry reg;
	farm_storage storage = FARM_STORAGE_PRISMA;
	arg			ns = {NULL, 0};
	arg			opts = {NULL, 0};
	farm_migrate_opts mo = {false, NULL};
	int			rc = FARM_OK;
	int			defer_fk;
	int			i;
	long		result = 0;
	int			open = TXN_NONE;

	farm_registry_init(&reg);
	if (argc >= 1)
		rc = get_namespace(argv[0], &ns, &err);
	if (rc == FARM_OK && argc == 2 && sqlite3_value_type(argv[1]) != SQLITE_NULL)
	{
		rc = get_json_arg(argv[1], ns.s, NULL, "options", &opts, &err);
		if (rc == FARM_OK)
			rc = farm_migrate_parse_opts(opts.s, opts.len, FARM_SQLITE, &mo, &err);
	}
	if (rc != FARM_OK)
		goto done;
	defer_fk = get_defer_fk(db);
	if ((rc = begin(db, &open, &err)) != FARM_OK)
		goto done;
	rc = get_storage(db, &storage, &err);
	if (rc == FARM_OK)
		rc = load_registry(db, ns.s, &reg, &err);
	if (rc == FARM_OK && ns.s != NULL &&
		(reg.n == 0 || reg.items[0].ops.n == 0))
		rc = farm_fail(&err, FARM_EUNKNOWN, "namespace \"%s\" is not registered", ns.s);
	if (rc == FARM_OK && mo.adopt)
		rc = adopt_ns(db, &reg.items[0], storage, &err);
	if (rc == FARM_OK)
		rc = migrate_internal(db, farm_internal_nops(), storage, &err);
	if (rc == FARM_OK)
		farm_registry_sort(&reg);
	for (i = 0; rc == FARM_OK && i < reg.n; i++)
	{
		farm_nsops *e = &reg.items[i];

		rc = migrate_ns(db, e->ns, e->ops.items, e->ops.lens, (int) e->ops.n,
						(long) e->ops.n, storage, &err);
		result = (long) e->ops.n;
	}
	if (ns.s == NULL)
		result = farm_internal_nops();
	if (get_defer_fk(db) != defer_fk)
	{
		farm_error	e2;

		exec_sql(db, defer_fk ? "PRAGMA defer_foreign_keys = ON" : "PRAGMA defer_foreign_keys = OFF", &e2);
	}

done:
	if (open)
		rc = finish(db, open, rc, &err);
	if (rc == FARM_OK)
		sqlite3_result_int64(ctx, result);
	else
		report(ctx, &err);
	farm_migrate_opts_free(&mo);
	farm_registry_free(&reg);
}

static void
fn_set_sqlite_storage(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	farm_error	err;
	farm_storage cur;
	arg			mode = get_arg(argv[0]);
	int			want;
	int			rc;
	long		iapplied = 0;
	int			open = TXN_NONE;

	(void) argc;
	if (mode.s == NULL)
	{
		rc = farm_fail(&err, FARM_EINVALID, "storage mode must not be null");
		goto done;
	}
	want = (strlen(mode.s) == mode.len) ? farm_storage_parse(mode.s) : -1;
	if (want < 0)
	{
		rc = farm_fail(&err, FARM_EINVALID, "invalid storage mode: expected \"prisma\" or \"default\"");
		goto done;
	}
	if ((rc = begin(db, &open, &err)) != FARM_OK)
		goto done;
	rc = get_storage(db, &cur, &err);
	if (rc == FARM_OK && (int) cur != want)
	{
		sqlite3_stmt *st;
		bool		migrated = false;

		rc = get_applied(db, "", &iapplied, &err);
		if (rc == FARM_OK && iapplied >= 2)
			migrated = true;
		if (rc == FARM_OK && !migrated && settings_exist(db))
		{
			if (sqlite3_prepare_v2(db,
								   "SELECT 1 FROM \"main\".\"fragno_db_settings\" WHERE \"key\" GLOB '?*.schema_version' AND \"value\" <> '0'",
								   -1, &st, NULL) != SQLITE_OK)
				rc = sql_fail(db, &err, "cannot read fragno_db_settings");
			else
			{
				migrated = sqlite3_step(st) == SQLITE_ROW;
				sqlite3_finalize(st);
			}
		}
		if (rc == FARM_OK && migrated)
			rc = farm_fail(&err, FARM_EUNSUPPORTED,
						   "the SQLite storage mode is fixed once anything has been migrated (it is \"%s\")",
						   farm_storage_name(cur));
		if (rc == FARM_OK)
			rc = migrate_internal(db, 1, FARM_STORAGE_PRISMA, &err);
		if (rc == FARM_OK)
			rc = set_setting(db, ".sqlite_storage", farm_storage_name((farm_storage) want), &err);
	}

done:
	if (open)
		rc = finish(db, open, rc, &err);
	if (rc == FARM_OK)
		sqlite3_result_text(ctx, farm_storage_name((farm_storage) want), -1, SQLITE_STATIC);
	else
		report(ctx, &err);
}

/* ----------------------------------------------------------------
 * Registration
 * ----------------------------------------------------------------
 */
#define WRITER (SQLITE_UTF8 | SQLITE_DIRECTONLY)
#define READER (SQLITE_UTF8)
#define PURE (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

static const struct
{
	const char *name;
	int			nargs;
	int			flags;
	void		(*fn) (sqlite3_context *, int, sqlite3_value **);
}			functions[] = {
	{"farm_register", 2, WRITER, fn_register},
	{"farm_add_table", 2, WRITER, fn_add_table},
	{"farm_add_column", 3, WRITER, fn_add_column},
	{"farm_add_index", 3, WRITER, fn_add_index},
	{"farm_set_nullable", 4, WRITER, fn_set_nullable},
	{"farm_discard_pending", 1, WRITER, fn_discard_pending},
	{"farm_schema", 1, READER, fn_schema},
	{"farm_schema_version", 1, READER, fn_schema_version},
	{"farm_applied_version", 1, READER, fn_applied_version},
	{"farm_namespaces", 0, READER, fn_namespaces},
	{"farm_table_name", 2, PURE, fn_table_name},
	{"farm_version", 0, PURE, fn_version},
	{"farm_generate_prisma", 0, READER, fn_generate_prisma},
	{"farm_generate_prisma", 1, READER, fn_generate_prisma},
	{"farm_generate_prisma", 2, READER, fn_generate_prisma},
	{"farm_generate_drizzle", 1, READER, fn_generate_drizzle},
	{"farm_generate_drizzle", 2, READER, fn_generate_drizzle},
	{"farm_generate_sql", 1, READER, fn_generate_sql},
	{"farm_generate_sql", 2, READER, fn_generate_sql},
	{"farm_external_tables", 0, READER, fn_external_tables},
	{"farm_shadow_sql", 0, READER, fn_shadow_sql},
	{"farm_migrate", 0, WRITER, fn_migrate},
	{"farm_migrate", 1, WRITER, fn_migrate},
	{"farm_migrate", 2, WRITER, fn_migrate},
	{"farm_check", 1, READER, fn_check},
	{"farm_set_sqlite_storage", 1, WRITER, fn_set_sqlite_storage},
};

/* The only exported symbol (the module is built with hidden visibility). */
extern int	sqlite3_farmorm_init(sqlite3 *db, char **pzErrMsg,
								 const sqlite3_api_routines *pApi)
			__attribute__((visibility("default")));

int
sqlite3_farmorm_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi)
{
	size_t		i;
	farm_conn  *conn;

	SQLITE_EXTENSION_INIT2(pApi);
	(void) pzErrMsg;
	conn = sqlite3_malloc(sizeof(farm_conn));
	if (conn == NULL)
		return SQLITE_NOMEM;
	conn->refs = 1;				/* held by this function until the loop ends */
	farm_cache_init(&conn->cache);
	for (i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
	{
		int			rc;

		conn->refs++;
		/* on failure SQLite calls the destructor itself */
		rc = sqlite3_create_function_v2(db, functions[i].name, functions[i].nargs,
										functions[i].flags, conn, functions[i].fn,
										NULL, NULL, conn_release);
		if (rc != SQLITE_OK)
		{
			conn_release(conn);
			return rc;
		}
	}
	conn_release(conn);
	return SQLITE_OK;
}
