/*-------------------------------------------------------------------------
 * farmorm.c (PostgreSQL binding)
 *	  The PostgreSQL extension: every function of SPEC section 3 on top of
 *	  the host-neutral core in shared/, with the same names, arguments,
 *	  results and error texts as the SQLite binding.
 *
 * Design notes:
 *	- Registry storage.  Operation texts live in farmorm.operations
 *	  (ns, version, op), the schema each namespace's tables went to at its
 *	  first migrate in farmorm.namespaces (ns, schema_name), and the schemas
 *	  where farmorm created the internal tables in farmorm.internal_schemas.
 *	  The schema "farmorm" belongs to the extension and the three tables are
 *	  marked with pg_extension_config_dump, so pg_dump/restore keeps them;
 *	  nothing unmodelled lives in the user's schema.  Applied versions are
 *	  kept where SPEC section 1 puts them: fragno_db_settings of the
 *	  namespace's schema ("<ns>.schema_version", ".schema_version"), written
 *	  in the same transaction as the DDL.
 *	- Every call runs: arguments -> checks -> pinned settings -> SPI ->
 *	  load the registry -> pure core -> write back.  The core allocates with
 *	  malloc; everything it returned is tracked in one farm_call and freed
 *	  on every exit, including errors thrown by PostgreSQL (PG_CATCH), before
 *	  the error propagates.  Results are copied into palloc'd text in the
 *	  caller's memory context.
 *	- search_path is pinned to "pg_catalog, pg_temp" and
 *	  standard_conforming_strings to "on" for the duration of every call
 *	  with NewGUCNestLevel()/set_config_option()/AtEOXact_GUC() (the
 *	  CVE-2023-2454 pattern; on error the (sub)transaction abort restores
 *	  them), and every name in SPI is schema-qualified.  The caller's
 *	  creation schema is read before the pin: it is where a namespace's
 *	  tables go at its first migrate.  Each planned DDL text must parse as
 *	  exactly one CREATE TABLE / CREATE INDEX / ALTER TABLE, and that parse
 *	  is what runs.
 *	- The registry rows that say which schema's tables farmorm uses can be
 *	  written by whoever may insert into farmorm.*, and PostgreSQL runs code
 *	  a table's owner attached (triggers, defaults, index predicates, ...)
 *	  with the rights of whoever uses the table.  So fragno_db_settings is
 *	  checked (no triggers, rules or row level security, text key/value, an
 *	  owner the writer is a member of) and then read and written as its
 *	  owner in a security-restricted operation; and a migration alters or
 *	  references existing tables only when the caller really is (a member
 *	  of) their owner, a superuser too, or the owner is a superuser.
 *	- Writers and farm_migrate take pg_advisory_xact_lock(FARM_LOCK_NS,
 *	  hashtext(ns)) (and FARM_LOCK_INTERNAL, hashtext(schema) for the
 *	  internal tables of a schema) and read the registry and applied
 *	  versions only after the lock, with a fresh snapshot per statement;
 *	  hence they refuse REPEATABLE READ / SERIALIZABLE, read-only
 *	  transactions and recovery up front.  Writers first take
 *	  (FARM_LOCK_REGISTRY, hashtext('')), so the registration gate checks a
 *	  write against every other namespace's committed writes.  Lock order:
 *	  the registry (writers), namespaces (bytewise), then internal schemas
 *	  (bytewise).
 *	- Tables are created with plain CREATE TABLE; a relation of the same
 *	  name that farmorm did not create is refused with a clear error before
 *	  any DDL runs.
 *	- Stored values are read defensively: the registry tables' columns are
 *	  checked (and share-locked) at the start of every call, the type of
 *	  every SPI result column is checked again before its Datum is read,
 *	  NULLs and duplicate rows are errors, and versions go through the
 *	  core's one parser (farm_parse_version).  A damaged registry is XX000
 *	  naming table, column or key, never a crash.
 *	- Every core status becomes a PostgreSQL error in one place (report()):
 *	  SQLSTATE from farm_sqlstate(), message text from the core.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/relation.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/rel.h"

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

PG_MODULE_MAGIC;

/*
 * Advisory lock classes: "farm" (namespaces), "farn" (internal tables) and
 * "faro" (the registry: writers, so the gate sees every other namespace's
 * committed writes).
 */
#define FARM_LOCK_NS		0x6661726d
#define FARM_LOCK_INTERNAL	0x6661726e
#define FARM_LOCK_REGISTRY	0x6661726f

/* The extension's own schema (created by the install script). */
#define REG_SCHEMA "farmorm"

/* ----------------------------------------------------------------
 * Per-call state and the one place errors are raised
 * ----------------------------------------------------------------
 */
typedef enum result_kind
{
	R_INT,
	R_TEXT
} result_kind;

/*
 * Everything a call owns.  Lives in palloc'd memory; the malloc'd pieces
 * from the core are freed by call_free(), which is idempotent.
 */
typedef struct farm_call
{
	const char *fname;			/* SQL name, for host-side messages */
	bool		read_only;		/* SPI read_only (STABLE functions) */
	char	   *creation_schema;	/* caller's creation schema or NULL */
	farm_error	err;
	farm_registry reg;
	char	  **targets;		/* per reg.items[i]: schema (palloc) or NULL */
	farm_strlist out;			/* new operation texts */
	farm_strlist stmts;			/* DDL */
	farm_schema *s;
	farm_gate	gate;			/* the other namespaces' names (writes) */
	farm_schema **schemas;
	int			nschemas;
	/* check_tables(): core allocations held across catalog lookups */
	farm_schema *before;
	farm_schema *after;
	char	   *phys;
	char	   *text;			/* malloc'd text result */
	/* farm_check / adopt */
	farm_catalog cat;
	farm_diffs	diffs;
	farm_strlist names;
	char	   *suffix;
	farm_migrate_opts mopts;
	result_kind kind;
	long		ival;			/* integer result */
} farm_call;

static void
call_init(farm_call *c, const char *fname, bool read_only)
{
	c->fname = fname;
	c->read_only = read_only;
	c->creation_schema = NULL;
	c->err.code = FARM_OK;
	c->err.msg[0] = '\0';
	farm_registry_init(&c->reg);
	c->targets = NULL;
	farm_strlist_init(&c->out);
	farm_strlist_init(&c->stmts);
	c->s = NULL;
	farm_gate_init(&c->gate);
	c->schemas = NULL;
	c->nschemas = 0;
	c->before = NULL;
	c->after = NULL;
	c->phys = NULL;
	c->text = NULL;
	farm_catalog_init(&c->cat, FARM_PG);
	farm_diffs_init(&c->diffs);
	farm_strlist_init(&c->names);
	c->suffix = NULL;
	c->mopts.adopt = false;
	c->mopts.schema = NULL;
	c->kind = R_INT;
	c->ival = 0;
}

static void
call_free(farm_call *c)
{
	farm_registry_free(&c->reg);
	farm_strlist_free(&c->out);
	farm_strlist_free(&c->stmts);
	farm_schema_free(c->s);
	c->s = NULL;
	farm_gate_free(&c->gate);
	farm_gate_init(&c->gate);
	farm_schemas_free(c->schemas, c->nschemas);
	c->schemas = NULL;
	c->nschemas = 0;
	farm_schema_free(c->before);
	c->before = NULL;
	farm_schema_free(c->after);
	c->after = NULL;
	free(c->phys);
	c->phys = NULL;
	free(c->text);
	c->text = NULL;
	farm_catalog_free(&c->cat);
	farm_diffs_free(&c->diffs);
	farm_strlist_free(&c->names);
	free(c->suffix);
	c->suffix = NULL;
	farm_migrate_opts_free(&c->mopts);
}

/*
 * The one place where core statuses become PostgreSQL errors: SQLSTATE
 * from farm_sqlstate(), text from the core (identical on SQLite).
 */
static void report(const farm_error *err) pg_attribute_noreturn();

static void
report(const farm_error *err)
{
	const char *st = farm_sqlstate(err->code);

	ereport(ERROR,
			(errcode(MAKE_SQLSTATE(st[0], st[1], st[2], st[3], st[4])),
			 errmsg("%s", err->msg)));
}

static int
oom(farm_error *err)
{
	return farm_fail(err, FARM_ENOMEM, "out of memory");
}

/* ----------------------------------------------------------------
 * Arguments
 * ----------------------------------------------------------------
 */
typedef struct arg
{
	const char *s;				/* NULL for SQL NULL */
	size_t		len;
} arg;

static arg
get_arg(FunctionCallInfo fcinfo, int i)
{
	arg			a = {NULL, 0};

	if (i < PG_NARGS() && !PG_ARGISNULL(i))
	{
		text	   *t = PG_GETARG_TEXT_PP(i);

		a.len = VARSIZE_ANY_EXHDR(t);
		a.s = text_to_cstring(t);
	}
	return a;
}

static int
get_namespace(FunctionCallInfo fcinfo, int i, arg *a, farm_error *err)
{
	*a = get_arg(fcinfo, i);
	return farm_check_namespace(a->s, a->len, err);
}

/* A JSON text argument: NULL and embedded NUL are refused here (located at ns/table). */
static int
get_json_arg(FunctionCallInfo fcinfo, int i, const char *ns, const char *table,
			 const char *what, arg *a, farm_error *err)
{
	*a = get_arg(fcinfo, i);
	return farm_check_text_arg(ns, table, what, a->s, a->len, err);
}

/* ----------------------------------------------------------------
 * Host checks
 * ----------------------------------------------------------------
 */

/*
 * Writers and farm_migrate read the registry after taking a lock and need
 * a fresh snapshot for that read; they also write.  Refuse what cannot work
 * before doing anything.
 */
static void
require_writable(const farm_call *c)
{
	char		cmd[64];

	snprintf(cmd, sizeof(cmd), "%s()", c->fname);
	PreventCommandIfReadOnly(cmd);
	PreventCommandDuringRecovery(cmd);
	if (IsolationUsesXactSnapshot())
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TRANSACTION_STATE),
				 errmsg("%s cannot run in a %s transaction", cmd,
						IsolationIsSerializable() ? "SERIALIZABLE" : "REPEATABLE READ"),
				 errdetail("It serialises on an advisory lock and must read the registry as committed after taking it."),
				 errhint("Run it in a READ COMMITTED transaction.")));
}

/*
 * The caller's creation schema (what current_schema() returns), read
 * before search_path is pinned.  NULL when there is none.
 */
static char *
caller_creation_schema(void)
{
	List	   *path = fetch_search_path(false);
	char	   *name = NULL;

	if (path != NIL)
		name = get_namespace_name(linitial_oid(path));
	list_free(path);
	return name;
}

/*
 * Pin, for the rest of the call, the settings that change what farmorm's
 * SQL means: search_path (name lookup) and standard_conforming_strings
 * (whether a backslash in '...' is an escape: the planned DDL quotes
 * string defaults for "on").  Returns the GUC nest level; AtEOXact_GUC()
 * at its end, or the abort of the (sub)transaction, restores the caller's
 * values.
 */
static int
pin_settings(void)
{
	int			level = NewGUCNestLevel();

	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("standard_conforming_strings", "on",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	return level;
}

/* ----------------------------------------------------------------
 * SPI helpers (every name schema-qualified; search_path is pinned too)
 * ----------------------------------------------------------------
 */
static void
spi_run(const farm_call *c, const char *sql, int nargs, Oid *types,
		Datum *values, int expect)
{
	int			rc = SPI_execute_with_args(sql, nargs, types, values, NULL,
										   c->read_only, 0);

	if (rc != expect)
		elog(ERROR, "farmorm: SPI returned %d (%s) for: %s", rc,
			 SPI_result_code_string(rc), sql);
}

/* ----------------------------------------------------------------
 * Reading stored values defensively
 *
 * The registry tables belong to the extension, but a superuser can alter
 * them (ALTER TABLE ... TYPE, DROP NOT NULL, DROP CONSTRAINT, ...), and
 * a Datum read as the wrong type crashes the backend.  So the registry
 * tables' columns are checked (and the tables locked against ALTER TABLE)
 * at the start of every call, every value read through SPI is checked for
 * its type again, and NULLs and duplicate rows are errors: a damaged
 * registry gives XX000 naming the table and column, never a crash or a
 * silently wrong answer.
 * ----------------------------------------------------------------
 */
static void damaged(const char *fmt,...) pg_attribute_printf(1, 2) pg_attribute_noreturn();

static void
damaged(const char *fmt,...)
{
	farm_error	err;
	char		what[FARM_ERRMSG_MAX - 64];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	(void) farm_fail(&err, FARM_ECORRUPT, "farmorm registry is damaged: %s", what);
	report(&err);
}

typedef struct reg_column
{
	const char *name;
	Oid			type;
} reg_column;

typedef struct reg_table
{
	const char *name;
	int			ncols;
	reg_column	cols[3];
} reg_table;

/* What the install script creates in schema farmorm, and farmorm reads. */
static const reg_table reg_tables[] = {
	{"operations", 3, {{"ns", TEXTOID}, {"version", INT4OID}, {"op", TEXTOID}}},
	{"namespaces", 2, {{"ns", TEXTOID}, {"schema_name", TEXTOID}}},
	{"internal_schemas", 1, {{"schema_name", TEXTOID}}},
};

/*
 * Check the registry tables: each exists as a table (ordinary or
 * partitioned) with the columns farmorm reads, of the types it reads them
 * as.  They stay locked
 * (AccessShareLock, what a SELECT takes) until the end of the
 * transaction, so no ALTER TABLE can change them before farmorm's queries.
 */
static void
check_registry(void)
{
	size_t		i;
	int			k;
	int			a;

	for (i = 0; i < lengthof(reg_tables); i++)
	{
		const reg_table *t = &reg_tables[i];
		RangeVar   *rv = makeRangeVar(pstrdup(REG_SCHEMA), pstrdup(t->name), -1);
		Oid			relid = RangeVarGetRelidExtended(rv, AccessShareLock, RVR_MISSING_OK,
													 NULL, NULL);
		Relation	rel;
		TupleDesc	desc;

		if (!OidIsValid(relid))
			damaged("table " REG_SCHEMA ".%s does not exist", t->name);
		rel = relation_open(relid, NoLock);
		if (RelationGetForm(rel)->relkind != RELKIND_RELATION &&
			RelationGetForm(rel)->relkind != RELKIND_PARTITIONED_TABLE)
			damaged(REG_SCHEMA ".%s is not a table", t->name);
		desc = RelationGetDescr(rel);
		for (k = 0; k < t->ncols; k++)
		{
			Form_pg_attribute att = NULL;

			for (a = 0; a < desc->natts && att == NULL; a++)
				if (!TupleDescAttr(desc, a)->attisdropped &&
					strcmp(NameStr(TupleDescAttr(desc, a)->attname), t->cols[k].name) == 0)
					att = TupleDescAttr(desc, a);
			if (att == NULL)
				damaged("table " REG_SCHEMA ".%s has no column \"%s\"", t->name, t->cols[k].name);
			if (att->atttypid != t->cols[k].type)
				damaged("column \"%s\" of table " REG_SCHEMA ".%s has type %s, not %s",
						t->cols[k].name, t->name, format_type_be(att->atttypid),
						format_type_be(t->cols[k].type));
		}
		relation_close(rel, NoLock);
	}
}

/*
 * Column `col` of row `row` of the last SPI result, which must be of type
 * `type` (checked again here: a Datum of another type must never be
 * read).  `table` names where the value comes from, for the message.
 */
static Datum
spi_value(int row, int col, Oid type, const char *table, bool *isnull)
{
	Oid			got = SPI_gettypeid(SPI_tuptable->tupdesc, col);

	if (got != type)
		damaged("column \"%s\" of table %s has type %s, not %s",
				SPI_fname(SPI_tuptable->tupdesc, col), table, format_type_be(got),
				format_type_be(type));
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, isnull);
}

/* Text of column `col` of row `row` of the last result (palloc'd) or NULL. */
static char *
spi_text(int row, int col, const char *table, size_t *len)
{
	bool		isnull;
	Datum		d = spi_value(row, col, TEXTOID, table, &isnull);
	text	   *t;

	if (isnull)
		return NULL;
	t = DatumGetTextPP(d);
	if (len)
		*len = VARSIZE_ANY_EXHDR(t);
	return text_to_cstring(t);
}

/* Name of column `col` of the last result, for messages. */
static const char *
spi_colname(int col)
{
	return SPI_fname(SPI_tuptable->tupdesc, col);
}

static void
advisory_lock(const farm_call *c, int32 cls, const char *key)
{
	Oid			types[2] = {INT4OID, TEXTOID};
	Datum		values[2];

	values[0] = Int32GetDatum(cls);
	values[1] = CStringGetTextDatum(key);
	spi_run(c, "SELECT pg_catalog.pg_advisory_xact_lock($1, pg_catalog.hashtext($2))",
			2, types, values, SPI_OK_SELECT);
}

/* "schema"."fragno_db_settings" */
static char *
settings_table(const char *schema)
{
	return psprintf("%s.%s", quote_identifier(schema), "\"fragno_db_settings\"");
}

static bool
relation_exists(const char *schema, const char *rel)
{
	Oid			nsp = get_namespace_oid(schema, true);

	return OidIsValid(nsp) && OidIsValid(get_relname_relid(rel, nsp));
}

/* ----------------------------------------------------------------
 * fragno_db_settings: checked, then used as its owner
 * ----------------------------------------------------------------
 */

static void refuse_settings(const char *schema, const char *msg, const char *detail)
			pg_attribute_noreturn();

static void
refuse_settings(const char *schema, const char *msg, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("table \"%s\".\"fragno_db_settings\" %s", schema, msg),
			 errdetail("%s", detail),
			 errhint("If farmorm did not create this table, the rows of farmorm.internal_schemas and farmorm.namespaces naming schema \"%s\" did not come from farmorm.",
					 schema)));
}

/*
 * Run statements on a checked fragno_db_settings as its owner, the way
 * PostgreSQL runs maintenance commands: a security-restricted operation
 * with its own GUC nest level, so code the owner attached runs with the
 * owner's rights, cannot change role, and leaves no setting behind.  The
 * (sub)transaction abort restores both on error.
 */
typedef struct owner_ctx
{
	Oid			user;
	int			sec;
	int			nest;
} owner_ctx;

static void
as_owner(Oid owner, owner_ctx *o)
{
	GetUserIdAndSecContext(&o->user, &o->sec);
	SetUserIdAndSecContext(owner, o->sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	o->nest = NewGUCNestLevel();
}

static void
end_owner(const owner_ctx *o)
{
	AtEOXact_GUC(false, o->nest);
	SetUserIdAndSecContext(o->user, o->sec);
}

/* Is `name` a column of type text of rel? */
static bool
has_text_column(Relation rel, const char *name)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
			return att->atttypid == TEXTOID;
	}
	return false;
}

/*
 * The fragno_db_settings table of `schema`, checked before farmorm reads
 * (write false) or writes it, and locked until the end of the transaction
 * (AccessShareLock / RowExclusiveLock); InvalidOid when there is none.
 * *owner receives its owner.
 *
 * Which schema's table farmorm uses comes from farmorm.internal_schemas and
 * farmorm.namespaces, and whoever may insert there can point farmorm at a
 * table of theirs, to run code with the rights of whoever calls farmorm
 * next (often a superuser running migrations).  So reads and writes run as
 * the table's owner (as_owner()): column defaults, CHECK constraints,
 * domains, index expressions and predicates (folded already when a query
 * is planned) run with the owner's rights.  Refused before that, for
 * reads: anything but an ordinary table, row level security (the owner
 * would bypass it), "key" or "value" not of type text.  For writes also:
 * an owner the caller is not a member of (the write would have rights the
 * caller lacks), triggers and rules (nothing may run, or change or drop the
 * version row, when farmorm writes it).  The lock keeps anyone from adding
 * these before farmorm's statement runs (CREATE TRIGGER, CREATE RULE and
 * ALTER TABLE conflict with it).
 */
static Oid
settings_relation(const char *schema, bool write, Oid *owner)
{
	RangeVar   *rv = makeRangeVar(pstrdup(schema), pstrdup("fragno_db_settings"), -1);
	Oid			relid = RangeVarGetRelidExtended(rv, write ? RowExclusiveLock : AccessShareLock,
												 RVR_MISSING_OK, NULL, NULL);
	Relation	rel;
	Form_pg_class form;
	Oid			me = GetUserId();
	int			i;

	if (!OidIsValid(relid))
		return InvalidOid;
	rel = relation_open(relid, NoLock);
	form = RelationGetForm(rel);
	*owner = form->relowner;
	if (form->relkind != RELKIND_RELATION)
		refuse_settings(schema, "is not an ordinary table",
						"farmorm creates it as an ordinary table.");
	if (form->relispartition)
		refuse_settings(schema, "is a partition",
						"farmorm creates it as a table of its own.");
	if (form->relrowsecurity)
		refuse_settings(schema, "has row level security enabled",
						"farmorm uses the table as its owner, for whom the policies do not apply.");
	if (!has_text_column(rel, "key") || !has_text_column(rel, "value"))
		refuse_settings(schema, "has no text columns \"key\" and \"value\"",
						"farmorm creates them as text.");
	if (write && !is_member_of_role(me, form->relowner))
		refuse_settings(schema,
						psprintf("is owned by role \"%s\", of which role \"%s\" is not a member",
								 GetUserNameFromId(form->relowner, false),
								 GetUserNameFromId(me, false)),
						"farmorm writes the applied version as the table's owner.");
	for (i = 0; write && rel->trigdesc != NULL && i < rel->trigdesc->numtriggers; i++)
		if (!rel->trigdesc->triggers[i].tgisinternal)
			refuse_settings(schema,
							psprintf("has trigger \"%s\"", rel->trigdesc->triggers[i].tgname),
							"It would run, and could change or drop the row, when farmorm writes the applied version.");
	if (write && rel->rd_rules != NULL)	/* relhasrules may be stale */
		refuse_settings(schema, "has rules",
						"They would run, and could change or drop the row, when farmorm writes the applied version.");
	relation_close(rel, NoLock);
	return relid;
}

/*
 * Read a setting of schema.fragno_db_settings (palloc'd) or NULL; *found
 * says whether a row exists (its value may be NULL).  More than one row
 * for the key is damage.  The caller must be allowed to read "key" and
 * "value"; the query then runs as the owner, since even planning it can
 * run the owner's code (a partial index predicate calling an immutable
 * function is folded then).
 */
static char *
get_setting(const farm_call *c, const char *schema, const char *key, bool *found)
{
	Oid			types[1] = {TEXTOID};
	Datum		values[1];
	Oid			owner;
	Oid			relid;
	owner_ctx	o;
	char	   *sql;
	char	   *v = NULL;
	uint64		nrows;

	*found = false;
	if (schema == NULL)
		return NULL;
	relid = settings_relation(schema, false, &owner);
	if (!OidIsValid(relid))
		return NULL;
	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK &&
		(pg_attribute_aclcheck(relid, get_attnum(relid, "key"), GetUserId(), ACL_SELECT) != ACLCHECK_OK ||
		 pg_attribute_aclcheck(relid, get_attnum(relid, "value"), GetUserId(), ACL_SELECT) != ACLCHECK_OK))
		aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_TABLE, "fragno_db_settings");
	sql = psprintf("SELECT \"value\" FROM ONLY %s WHERE \"key\" = $1", settings_table(schema));
	values[0] = CStringGetTextDatum(key);
	as_owner(owner, &o);
	spi_run(c, sql, 1, types, values, SPI_OK_SELECT);
	nrows = SPI_processed;
	if (nrows == 1)
		v = spi_text(0, 1, psprintf("\"%s\".\"fragno_db_settings\"", schema), NULL);
	end_owner(&o);
	if (nrows > 1)
		damaged("table \"%s\".\"fragno_db_settings\" has %llu rows with key \"%s\"", schema,
				(unsigned long long) nrows, key);
	*found = nrows == 1;
	return v;
}

/* 'c' + 24 hex digits from the strong random source (as on SQLite). */
static char *
new_id(void)
{
	unsigned char raw[12];
	char	   *id = palloc(26);
	int			i;

	if (!pg_strong_random(raw, sizeof(raw)))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not generate random values")));
	id[0] = 'c';
	for (i = 0; i < 12; i++)
		snprintf(id + 1 + 2 * i, 3, "%02x", raw[i]);
	return id;
}

static void
set_setting(const farm_call *c, const char *schema, const char *key, const char *value)
{
	Oid			types[3] = {TEXTOID, TEXTOID, VARCHAROID};
	Datum		values[3];
	char	   *tbl = settings_table(schema);
	Oid			owner;
	owner_ctx	o;

	if (!OidIsValid(settings_relation(schema, true, &owner)))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"%s\".\"fragno_db_settings\" does not exist", schema)));
	values[0] = CStringGetTextDatum(key);
	values[1] = CStringGetTextDatum(value);
	values[2] = CStringGetTextDatum(new_id());
	as_owner(owner, &o);
	spi_run(c, psprintf("UPDATE ONLY %s SET \"value\" = $2 WHERE \"key\" = $1", tbl),
			2, types, values, SPI_OK_UPDATE);
	if (SPI_processed == 0)
		spi_run(c, psprintf("INSERT INTO %s (\"key\", \"value\", \"id\") VALUES ($1, $2, $3)", tbl),
				3, types, values, SPI_OK_INSERT);
	end_owner(&o);
}

/* The applied version of ns ("" = internal) in schema (NULL: 0). */
static int
get_applied(const farm_call *c, const char *schema, const char *ns, long *out,
			farm_error *err)
{
	char	   *key = psprintf("%s.schema_version", ns);
	bool		found;
	char	   *v = get_setting(c, schema, key, &found);

	*out = 0;
	if (!found)
		return FARM_OK;
	return farm_parse_version(key, v, v ? strlen(v) : 0, out, err);
}

static void
set_applied(const farm_call *c, const char *schema, const char *ns, long v)
{
	set_setting(c, schema, psprintf("%s.schema_version", ns), psprintf("%ld", v));
}

/* The schema recorded for ns at its first migrate (palloc'd) or NULL. */
static char *
recorded_schema(const farm_call *c, const char *ns)
{
	Oid			types[1] = {TEXTOID};
	Datum		values[1];

	char	   *schema;

	values[0] = CStringGetTextDatum(ns);
	spi_run(c, "SELECT \"schema_name\" FROM \"" REG_SCHEMA "\".\"namespaces\" WHERE \"ns\" = $1",
			1, types, values, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return NULL;
	if (SPI_processed > 1)
		damaged("table " REG_SCHEMA ".namespaces has %llu rows for namespace \"%s\"",
				(unsigned long long) SPI_processed, ns);
	schema = spi_text(0, 1, REG_SCHEMA ".namespaces", NULL);
	if (schema == NULL)
		damaged("column \"schema_name\" of table " REG_SCHEMA ".namespaces is NULL for namespace \"%s\"", ns);
	return schema;
}

/*
 * Load the registry: one namespace (ns) or all (ns NULL), sorted bytewise,
 * with each namespace's recorded schema (c->targets) and applied version.
 */
static int
load_registry(farm_call *c, const char *ns)
{
	farm_registry *r = &c->reg;
	int			rc = FARM_OK;
	uint64		i;
	int			k;

	if (ns)
	{
		Oid			types[1] = {TEXTOID};
		Datum		values[1];

		if (farm_registry_get(r, ns, true) == NULL)
			return oom(&c->err);
		values[0] = CStringGetTextDatum(ns);
		spi_run(c, "SELECT \"version\", \"op\", \"ns\" FROM \"" REG_SCHEMA "\".\"operations\" "
				"WHERE \"ns\" = $1 ORDER BY \"version\"",
				1, types, values, SPI_OK_SELECT);
	}
	else
		spi_run(c, "SELECT \"version\", \"op\", \"ns\" FROM \"" REG_SCHEMA "\".\"operations\" "
				"ORDER BY \"ns\" COLLATE pg_catalog.\"C\", \"version\"",
				0, NULL, NULL, SPI_OK_SELECT);
	for (i = 0; rc == FARM_OK && i < SPI_processed; i++)
	{
		size_t		len = 0;
		bool		vnull;
		Datum		version = spi_value((int) i, 1, INT4OID, REG_SCHEMA ".operations", &vnull);
		char	   *op = spi_text((int) i, 2, REG_SCHEMA ".operations", &len);
		char	   *kns = spi_text((int) i, 3, REG_SCHEMA ".operations", NULL);

		if (kns == NULL)
			damaged("column \"ns\" of table " REG_SCHEMA ".operations is NULL");
		if (!farm_namespace_valid(kns, strlen(kns)))
			rc = farm_fail(&c->err, FARM_ECORRUPT, "registry row of namespace \"%.100s\" has an invalid namespace",
						   kns);
		else if (vnull || op == NULL)
			damaged("column \"%s\" of table " REG_SCHEMA ".operations is NULL in a row of namespace \"%s\"",
					spi_colname(vnull ? 1 : 2), kns);
		else
			rc = farm_registry_add(r, kns, (long) DatumGetInt32(version), op, len, &c->err);
		if (op)
			pfree(op);
		pfree(kns);
	}
	SPI_freetuptable(SPI_tuptable);
	if (rc != FARM_OK)
		return rc;
	farm_registry_sort(r);
	c->targets = palloc0(sizeof(char *) * (r->n + 1));
	for (k = 0; rc == FARM_OK && k < r->n; k++)
	{
		c->targets[k] = recorded_schema(c, r->items[k].ns);
		rc = get_applied(c, c->targets[k], r->items[k].ns, &r->items[k].applied, &c->err);
	}
	return rc;
}

/* Append operations as versions first_version.. of ns (one statement). */
static void
insert_ops(const farm_call *c, const char *ns, long first_version, const farm_strlist *ops)
{
	Oid			types[3] = {TEXTOID, INT4OID, TEXTARRAYOID};
	Datum		values[3];
	Datum	   *elems;
	size_t		i;

	if (ops->n == 0)
		return;
	elems = palloc(sizeof(Datum) * ops->n);
	for (i = 0; i < ops->n; i++)
		elems[i] = PointerGetDatum(cstring_to_text_with_len(ops->items[i], (int) ops->lens[i]));
	values[0] = CStringGetTextDatum(ns);
	values[1] = Int32GetDatum((int32) first_version);
	values[2] = PointerGetDatum(construct_array(elems, (int) ops->n, TEXTOID, -1, false,
												TYPALIGN_INT));
	spi_run(c, "INSERT INTO \"" REG_SCHEMA "\".\"operations\" (\"ns\", \"version\", \"op\") "
			"SELECT $1, $2 + (o.n - 1)::pg_catalog.int4, o.op "
			"FROM pg_catalog.unnest($3) WITH ORDINALITY AS o(op, n)",
			3, types, values, SPI_OK_INSERT);
}

/* ----------------------------------------------------------------
 * Migrations
 * ----------------------------------------------------------------
 */

/*
 * A schema farmorm never creates tables in: PostgreSQL's own (pg_catalog,
 * pg_toast, information_schema and whatever else initdb created, except
 * public), any name with the reserved prefix "pg_" (pg_temp_N,
 * pg_toast_temp_N, ...), and farmorm's registry schema.  A superuser may
 * create tables in several of them, so the server alone would not refuse.
 */
static bool
system_schema(Oid nsp, const char *name)
{
	return IsCatalogNamespace(nsp) || IsToastNamespace(nsp) ||
		(nsp < FirstNormalObjectId && nsp != PG_PUBLIC_NAMESPACE) ||
		strncmp(name, "pg_", 3) == 0 || strcmp(name, REG_SCHEMA) == 0;
}

/*
 * The schema a namespace's tables go to: the recorded one, else the
 * caller's creation schema.  Refuses schemas farmorm must not use (3F000,
 * like a missing schema): temporary and system schemas.
 */
static int
check_target(farm_call *c, const char *ns, const char *schema, bool recorded)
{
	Oid			nsp;
	const char *what = ns[0] ? psprintf("namespace \"%s\"", ns) : "the internal schema";

	if (schema == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_SCHEMA_NAME),
				 errmsg("no schema has been selected to create the tables of %s in", what),
				 errhint("Set search_path to the schema that should hold them, or name it in farm_migrate's \"schema\" option.")));
	nsp = get_namespace_oid(schema, true);
	if (!OidIsValid(nsp))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_SCHEMA_NAME),
				 errmsg("schema \"%s\" %sof %s does not exist", schema,
						recorded ? "recorded for the tables " : "", what)));
	if (isAnyTempNamespace(nsp))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_SCHEMA_NAME),
				 errmsg("%s: farmorm does not create tables in a temporary schema", what),
				 errhint("Set search_path to the schema that should hold them, or name it in farm_migrate's \"schema\" option.")));
	if (system_schema(nsp, schema))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_SCHEMA_NAME),
				 errmsg("%s: farmorm does not create tables in schema \"%s\" (a system schema or its own registry schema)",
						what, schema),
				 errhint("Set search_path to the schema that should hold them, or name it in farm_migrate's \"schema\" option.")));
	return FARM_OK;
}

/*
 * A table of ns at its applied version, which the migration may alter or
 * reference, must belong to the caller, to a role the caller is a member
 * of (a superuser's implicit membership does not count) or to a superuser.
 * PostgreSQL runs some code a table's owner attached with the rights of
 * whoever runs DDL on the table: validating a new foreign key plans a
 * query as the caller, which folds the owner's partial index predicates
 * (immutable functions, which may call any function).  A superuser
 * migrating a namespace whose tables a less trusted role owns, or that a
 * forged farmorm.namespaces row points at, would run that role's code.
 * Locked (AccessShareLock) so that nobody swaps the table before the DDL.
 */
static void
check_owner(const char *ns, const char *schema, const char *phys)
{
	RangeVar   *rv = makeRangeVar(pstrdup(schema), pstrdup(phys), -1);
	Oid			relid = RangeVarGetRelidExtended(rv, AccessShareLock, RVR_MISSING_OK, NULL, NULL);
	Relation	rel;
	Oid			owner;

	if (!OidIsValid(relid))
		return;
	rel = relation_open(relid, NoLock);
	owner = RelationGetForm(rel)->relowner;
	relation_close(rel, NoLock);
	if (is_member_of_role_nosuper(GetUserId(), owner) || superuser_arg(owner))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("%s%s%stable \"%s\".\"%s\" is owned by role \"%s\", of which the current role is not a member",
					ns[0] ? "namespace \"" : "internal schema", ns, ns[0] ? "\": " : ": ",
					schema, phys, GetUserNameFromId(owner, false)),
			 errdetail("Code the owner attached to the table could run with the current role's rights during the migration; superuser rights do not count as membership here."),
			 errhint("Run farm_migrate as role \"%s\" or a member of it.", GetUserNameFromId(owner, false))));
}

/*
 * Refuse to adopt: every table that migrating from version `from` to `to`
 * creates must not exist yet in `schema`; and the tables there already
 * must be the caller's (check_owner()).  The core's allocations live in
 * the call (catalog lookups may throw).
 */
static int
check_tables(farm_call *c, const char *ns, char *const *ops, const size_t *lens,
			 int nops, int from, int to, const char *schema)
{
	int			rc = FARM_OK;
	int			i;

	c->before = farm_schema_replay(ns, ops, lens, nops, from, &c->err);
	if (c->before != NULL)
		c->after = farm_schema_replay(ns, ops, lens, nops, to, &c->err);
	if (c->before == NULL || c->after == NULL)
		rc = c->err.code;
	for (i = 0; rc == FARM_OK && i < c->before->ntables; i++)
	{
		c->phys = farm_table_physical(ns, c->before->tables[i]->name);
		if (c->phys == NULL)
			rc = oom(&c->err);
		else
			check_owner(ns, schema, c->phys);
		free(c->phys);
		c->phys = NULL;
	}
	for (i = c->before ? c->before->ntables : 0; rc == FARM_OK && c->after && i < c->after->ntables; i++)
	{
		c->phys = farm_table_physical(ns, c->after->tables[i]->name);
		if (c->phys == NULL)
			rc = oom(&c->err);
		else if (relation_exists(schema, c->phys))
			rc = farm_fail(&c->err, FARM_EDUPLICATE,
						   "%s%s%srelation \"%s\" already exists in schema \"%s\", and farmorm did not create it there (it adopts no table)",
						   ns[0] ? "namespace \"" : "internal schema", ns, ns[0] ? "\": " : ": ",
						   c->phys, schema);
		free(c->phys);
		c->phys = NULL;
	}
	farm_schema_free(c->before);
	c->before = NULL;
	farm_schema_free(c->after);
	c->after = NULL;
	return rc;
}

/*
 * Run DDL statement i of n.  A failing statement's error is re-raised with
 * the SQLite binding's wording (keeping the original SQLSTATE, detail and
 * hint; the statement goes into the context).
 *
 * Defence in depth against a quoting bug in the planner: the text must
 * parse as exactly one CREATE TABLE, CREATE INDEX or ALTER TABLE, and that
 * parse is what runs (SPI_prepare accepts several statements, so they are
 * counted).
 */
static void
run_statement(const char *ns, long to, size_t i, size_t n, const char *stmt)
{
	MemoryContext cxt = CurrentMemoryContext;

	PG_TRY();
	{
		SPIPlanPtr	plan = SPI_prepare(stmt, 0, NULL);
		List	   *sources;
		CommandTag	tag;
		int			rc;

		if (plan == NULL)
			elog(ERROR, "SPI_prepare returned %d (%s)", SPI_result,
				 SPI_result_code_string(SPI_result));
		sources = SPI_plan_get_plan_sources(plan);
		tag = list_length(sources) == 1 ?
			((CachedPlanSource *) linitial(sources))->commandTag : CMDTAG_UNKNOWN;
		if (tag != CMDTAG_CREATE_TABLE && tag != CMDTAG_CREATE_INDEX && tag != CMDTAG_ALTER_TABLE)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("the planned text is not exactly one CREATE TABLE, CREATE INDEX or ALTER TABLE statement (it has %d)",
							list_length(sources))));
		rc = SPI_execute_plan(plan, NULL, NULL, false, 0);
		if (rc < 0)
			elog(ERROR, "SPI returned %d (%s)", rc, SPI_result_code_string(rc));
		SPI_freeplan(plan);
	}
	PG_CATCH();
	{
		ErrorData  *ed;

		MemoryContextSwitchTo(cxt);
		ed = CopyErrorData();
		FlushErrorState();
		ereport(ERROR,
				(errcode(ed->sqlerrcode),
				 errmsg("%s%s%smigration to version %ld failed at statement %zu of %zu: %s",
						ns[0] ? "namespace \"" : "internal schema", ns, ns[0] ? "\": " : ": ",
						to, i + 1, n, ed->message),
				 ed->detail ? errdetail("%s", ed->detail) : 0,
				 ed->hint ? errhint("%s", ed->hint) : 0,
				 errcontext("farmorm DDL statement: %.1000s", stmt)));
	}
	PG_END_TRY();
}

static void
run_statements(const char *ns, long to, const farm_strlist *stmts)
{
	size_t		i;

	for (i = 0; i < stmts->n; i++)
		run_statement(ns, to, i, stmts->n, stmts->items[i]);
}

/*
 * Migrate ns ("" = internal) in `schema` from its applied version to `to`,
 * recording the new applied version in the same transaction.  `fresh`:
 * farmorm never migrated ns in this schema (the registry says so), so it
 * starts from version 0 whatever fragno_db_settings holds, and every table
 * must be absent: nothing is adopted.
 */
static int
migrate_ns(farm_call *c, const char *ns, char *const *ops, const size_t *lens,
		   int nops, long to, const char *schema, bool fresh)
{
	farm_ddl_opts o = {FARM_PG, FARM_STORAGE_PRISMA, schema};
	long		applied = 0;
	int			rc = FARM_OK;
	Oid			owner;

	if (!fresh)
		rc = get_applied(c, schema, ns, &applied, &c->err);
	if (rc != FARM_OK || applied >= to)
	{
		if (rc == FARM_OK && applied > nops)
			rc = farm_fail(&c->err, FARM_ECORRUPT,
						   "namespace \"%s\": applied version %ld is beyond the registered version %d",
						   ns, applied, nops);
		return rc;
	}
	rc = check_tables(c, ns, ops, lens, nops, (int) applied, (int) to, schema);
	if (rc != FARM_OK)
		return rc;
	farm_strlist_free(&c->stmts);
	farm_strlist_init(&c->stmts);
	rc = farm_plan_migration(ns, ops, lens, nops, (int) applied, (int) to, &o, &c->stmts, &c->err);
	if (rc != FARM_OK)
		return rc;
	/* a table that will refuse the version row refuses before any DDL */
	(void) settings_relation(schema, true, &owner);
	run_statements(ns, to, &c->stmts);
	set_applied(c, schema, ns, to);
	farm_strlist_free(&c->stmts);
	farm_strlist_init(&c->stmts);
	return FARM_OK;
}

static void
internal_ops(const char **ops, size_t *lens)
{
	int			i;

	for (i = 0; i < farm_internal_nops(); i++)
	{
		ops[i] = farm_internal_op(i);
		lens[i] = strlen(ops[i]);
	}
}

/* Did farmorm create the internal tables of `schema`? */
static bool
internal_known(const farm_call *c, const char *schema)
{
	Oid			types[1] = {TEXTOID};
	Datum		values[1];

	if (schema == NULL)
		return false;
	values[0] = CStringGetTextDatum(schema);
	spi_run(c, "SELECT 1 FROM \"" REG_SCHEMA "\".\"internal_schemas\" WHERE \"schema_name\" = $1",
			1, types, values, SPI_OK_SELECT);
	return SPI_processed > 0;
}

/*
 * The internal tables of `schema` (caller holds the schema's internal
 * lock): created once per schema, recorded in farmorm.internal_schemas.
 */
static int
migrate_internal(farm_call *c, const char *schema)
{
	const char *ops[8];
	size_t		lens[8];
	bool		known = internal_known(c, schema);
	int			rc;

	internal_ops(ops, lens);
	rc = migrate_ns(c, "", (char *const *) ops, lens, farm_internal_nops(),
					farm_internal_nops(), schema, !known);
	if (rc == FARM_OK && !known)
	{
		Oid			types[1] = {TEXTOID};
		Datum		values[1];

		values[0] = CStringGetTextDatum(schema);
		spi_run(c, "INSERT INTO \"" REG_SCHEMA "\".\"internal_schemas\" (\"schema_name\") VALUES ($1)",
				1, types, values, SPI_OK_INSERT);
	}
	return rc;
}

/* Record the schema of a namespace at its first migrate. */
static void
record_schema(const farm_call *c, const char *ns, const char *schema)
{
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		values[2];

	values[0] = CStringGetTextDatum(ns);
	values[1] = CStringGetTextDatum(schema);
	spi_run(c, "INSERT INTO \"" REG_SCHEMA "\".\"namespaces\" (\"ns\", \"schema_name\") VALUES ($1, $2)",
			2, types, values, SPI_OK_INSERT);
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* ----------------------------------------------------------------
 * Call wrapper
 * ----------------------------------------------------------------
 */
typedef int (*body_fn) (FunctionCallInfo fcinfo, farm_call *c);

/*
 * Run one SQL-callable function: pin search_path, connect SPI, run the
 * body; free the core's allocations on every exit (also when PostgreSQL
 * throws), then raise the core's error or return the result.
 */
static Datum
run_call(FunctionCallInfo fcinfo, const char *fname, bool read_only, body_fn body)
{
	farm_call  *c = palloc(sizeof(farm_call));
	int			nest;
	int			rc = FARM_OK;
	Datum		result;

	call_init(c, fname, read_only);
	c->creation_schema = caller_creation_schema();
	nest = pin_settings();
	PG_TRY();
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "farmorm: SPI_connect failed");
		check_registry();
		rc = body(fcinfo, c);
		SPI_finish();
		AtEOXact_GUC(true, nest);
		/* palloc may throw too: the copy is made while errors free c */
		if (rc == FARM_OK && c->kind == R_TEXT)
			result = PointerGetDatum(cstring_to_text(c->text ? c->text : ""));
		else
			result = Int32GetDatum((int32) c->ival);
	}
	PG_CATCH();
	{
		call_free(c);
		PG_RE_THROW();
	}
	PG_END_TRY();
	call_free(c);
	if (rc != FARM_OK)
		report(&c->err);
	pfree(c);
	return result;
}

/* ----------------------------------------------------------------
 * Registry writes
 * ----------------------------------------------------------------
 */
/*
 * Schemas this backend replayed, reused only while the stored operation
 * texts are exactly the ones they were built from (see registry.h), so a
 * migration script of many writes does not replay the whole log each time.
 */
static farm_schema_cache *
backend_cache(void)
{
	static farm_schema_cache cache;
	static bool ready = false;

	if (!ready)
	{
		farm_cache_init(&cache);
		ready = true;
	}
	return &cache;
}

typedef enum write_kind
{
	W_REGISTER,
	W_ADD_TABLE,
	W_ADD_COLUMN,
	W_ADD_INDEX,
	W_SET_NULLABLE
} write_kind;

static int
registry_write(FunctionCallInfo fcinfo, farm_call *c, write_kind kind)
{
	farm_error *err = &c->err;
	farm_nsops *e;
	arg			ns;
	arg			a1 = {NULL, 0};
	arg			a2 = {NULL, 0};
	bool		nullable = false;
	int			rc;

	rc = get_namespace(fcinfo, 0, &ns, err);
	if (rc != FARM_OK)
		return rc;
	switch (kind)
	{
		case W_REGISTER:
			rc = get_json_arg(fcinfo, 1, ns.s, NULL, "schema definition", &a1, err);
			break;
		case W_ADD_TABLE:
			rc = get_json_arg(fcinfo, 1, ns.s, NULL, "table definition", &a1, err);
			break;
		case W_ADD_COLUMN:
		case W_ADD_INDEX:
			a1 = get_arg(fcinfo, 1);
			rc = farm_check_name_arg(ns.s, NULL, "table", a1.s, a1.len, err);
			if (rc == FARM_OK)
				rc = get_json_arg(fcinfo, 2, ns.s, a1.s, kind == W_ADD_COLUMN ? "column definition" : "index definition",
								  &a2, err);
			break;
		case W_SET_NULLABLE:
			a1 = get_arg(fcinfo, 1);
			rc = farm_check_name_arg(ns.s, NULL, "table", a1.s, a1.len, err);
			if (rc == FARM_OK)
			{
				a2 = get_arg(fcinfo, 2);
				rc = farm_check_name_arg(ns.s, a1.s, "column", a2.s, a2.len, err);
			}
			if (rc == FARM_OK)
			{
				rc = farm_check_bool_arg(ns.s, a1.s, a2.s, "nullable", PG_ARGISNULL(3),
										 true, err);
				if (rc == FARM_OK)
					nullable = PG_GETARG_BOOL(3);
			}
			break;
	}
	if (rc != FARM_OK)
		return rc;

	require_writable(c);
	/* one writer at a time: the gate compares with every namespace */
	advisory_lock(c, FARM_LOCK_REGISTRY, "");
	advisory_lock(c, FARM_LOCK_NS, ns.s);
	/* every namespace: the gate checks the write against all of them */
	rc = load_registry(c, NULL);
	if (rc != FARM_OK)
		return rc;
	e = farm_registry_get(&c->reg, ns.s, true);
	if (e == NULL)
		return oom(err);
	c->s = farm_cache_replay(backend_cache(), ns.s, &e->ops, err);
	if (c->s == NULL)
		return err->code;
	rc = farm_gate_build(&c->gate, &c->reg, ns.s, backend_cache(), err);
	if (rc != FARM_OK)
		return rc;
	farm_schema_set_gate(c->s, &c->gate);
	switch (kind)
	{
		case W_REGISTER:
			rc = farm_op_register(c->s, a1.s, a1.len, &c->out, err);
			break;
		case W_ADD_TABLE:
			rc = farm_op_add_table(c->s, a1.s, a1.len, &c->out, err);
			break;
		case W_ADD_COLUMN:
			rc = farm_op_add_column(c->s, a1.s, a2.s, a2.len, &c->out, err);
			break;
		case W_ADD_INDEX:
			rc = farm_op_add_index(c->s, a1.s, a2.s, a2.len, &c->out, err);
			break;
		case W_SET_NULLABLE:
			rc = farm_op_set_nullable(c->s, a1.s, a2.s, nullable, &c->out, err);
			break;
	}
	farm_schema_set_gate(c->s, NULL);
	/* the other namespaces' schemas stay cached for the next write */
	farm_gate_release(&c->gate, backend_cache());
	if (rc != FARM_OK)
		return rc;
	insert_ops(c, ns.s, (long) e->ops.n + 1, &c->out);
	c->kind = R_INT;
	c->ival = c->s->version;
	/* the next write of this backend starts from here */
	farm_cache_keep(backend_cache(), c->s, &e->ops, &c->out);
	c->s = NULL;
	return FARM_OK;
}

static int
body_register(FunctionCallInfo fcinfo, farm_call *c)
{
	return registry_write(fcinfo, c, W_REGISTER);
}

static int
body_add_table(FunctionCallInfo fcinfo, farm_call *c)
{
	return registry_write(fcinfo, c, W_ADD_TABLE);
}

static int
body_add_column(FunctionCallInfo fcinfo, farm_call *c)
{
	return registry_write(fcinfo, c, W_ADD_COLUMN);
}

static int
body_add_index(FunctionCallInfo fcinfo, farm_call *c)
{
	return registry_write(fcinfo, c, W_ADD_INDEX);
}

static int
body_set_nullable(FunctionCallInfo fcinfo, farm_call *c)
{
	return registry_write(fcinfo, c, W_SET_NULLABLE);
}

/*
 * farm_discard_pending(ns): delete the registered operations of ns above
 * its applied version (never applied in this database; the core decides
 * what goes, see farm_discard_plan) and return the registered version that
 * remains.  A registry write: the writers' transaction checks, then the
 * writers' and the namespace's advisory locks, then the registry read.  The backend's cache
 * needs no flush: it is keyed on the operation texts, which now differ.
 */
static int
body_discard_pending(FunctionCallInfo fcinfo, farm_call *c)
{
	farm_nsops *e;
	arg			ns;
	long		keep = 0;
	int			rc;

	c->kind = R_INT;
	rc = get_namespace(fcinfo, 0, &ns, &c->err);
	if (rc != FARM_OK)
		return rc;
	require_writable(c);
	/* a registry write: the writers' lock order */
	advisory_lock(c, FARM_LOCK_REGISTRY, "");
	advisory_lock(c, FARM_LOCK_NS, ns.s);
	rc = load_registry(c, ns.s);
	if (rc != FARM_OK)
		return rc;
	e = farm_registry_get(&c->reg, ns.s, false);
	rc = farm_discard_plan(ns.s, e, &keep, &c->err);
	if (rc != FARM_OK)
		return rc;
	if (keep < (long) e->ops.n)
	{
		Oid			types[2] = {TEXTOID, INT4OID};
		Datum		values[2];

		values[0] = CStringGetTextDatum(ns.s);
		values[1] = Int32GetDatum((int32) keep);
		spi_run(c, "DELETE FROM \"" REG_SCHEMA "\".\"operations\" "
				"WHERE \"ns\" = $1 AND \"version\" > $2",
				2, types, values, SPI_OK_DELETE);
	}
	c->ival = keep;
	return FARM_OK;
}

/* ----------------------------------------------------------------
 * Reads
 * ----------------------------------------------------------------
 */
static int
body_schema(FunctionCallInfo fcinfo, farm_call *c)
{
	arg			ns;
	int			rc = get_namespace(fcinfo, 0, &ns, &c->err);

	if (rc == FARM_OK)
		rc = load_registry(c, ns.s);
	if (rc == FARM_OK)
		rc = farm_registry_schemas(&c->reg, ns.s, &c->schemas, &c->nschemas, &c->err);
	if (rc == FARM_OK && (c->text = farm_schema_json(c->schemas[0])) == NULL)
		rc = oom(&c->err);
	c->kind = R_TEXT;
	return rc;
}

static int
body_schema_version(FunctionCallInfo fcinfo, farm_call *c)
{
	arg			ns;
	int			rc = get_namespace(fcinfo, 0, &ns, &c->err);

	if (rc == FARM_OK)
		rc = load_registry(c, ns.s);
	c->kind = R_INT;
	c->ival = c->reg.n ? (long) c->reg.items[0].ops.n : 0;
	return rc;
}

static int
body_applied_version(FunctionCallInfo fcinfo, farm_call *c)
{
	arg			ns;
	int			rc = get_namespace(fcinfo, 0, &ns, &c->err);

	c->kind = R_INT;
	if (rc == FARM_OK)
		rc = get_applied(c, recorded_schema(c, ns.s), ns.s, &c->ival, &c->err);
	return rc;
}

static int
body_namespaces(FunctionCallInfo fcinfo, farm_call *c)
{
	int			rc = load_registry(c, NULL);

	if (rc == FARM_OK && (c->text = farm_registry_namespaces_json(&c->reg)) == NULL)
		rc = oom(&c->err);
	c->kind = R_TEXT;
	return rc;
}

/* ----------------------------------------------------------------
 * Generation
 * ----------------------------------------------------------------
 */
/*
 * The database schema of every namespace to generate (recorded at its
 * first migrate, else where farm_migrate would put it now) and the schemas
 * that hold internal tables for them, for @@schema (palloc'd).
 */
static void
prisma_schemas(farm_call *c, farm_prisma_opts *po)
{
	const char **nss = palloc0(sizeof(char *) * (c->nschemas + 1));
	const char **isch = palloc0(sizeof(char *) * (c->nschemas + 1));
	int			ni = 0;
	int			k;
	int			i;

	/* c->schemas follows the (sorted) registry order, skipping empty entries */
	for (k = 0, i = 0; k < c->nschemas; k++)
	{
		while (i < c->reg.n && strcmp(c->reg.items[i].ns, c->schemas[k]->ns) != 0)
			i++;
		if (i < c->reg.n)
			nss[k] = c->targets[i];
		if (nss[k] == NULL)
			nss[k] = c->creation_schema;
		isch[ni++] = nss[k];
	}
	if (ni == 0)
		isch[ni++] = c->creation_schema;
	po->ns_schemas = nss;
	po->internal_schemas = isch;
	po->ninternal = ni;
}

/*
 * farm_generate_prisma / farm_generate_drizzle: one body, the emitter
 * picked by `drizzle` (same arguments, options, defaults and errors).
 */
static int
generate_orm(FunctionCallInfo fcinfo, farm_call *c, bool drizzle)
{
	farm_gen_opts po;
	arg			ns = {NULL, 0};
	arg			opts = {NULL, 0};
	int			rc = FARM_OK;
	int			nargs = PG_NARGS();

	c->kind = R_TEXT;
	if (nargs >= 1 && (nargs == 1 || !PG_ARGISNULL(0)))
		rc = get_namespace(fcinfo, 0, &ns, &c->err);
	if (rc == FARM_OK && nargs == 2 && !PG_ARGISNULL(1))
		rc = get_json_arg(fcinfo, 1, ns.s, NULL, "options", &opts, &c->err);
	if (rc == FARM_OK)
	{
		farm_prisma_default_opts(&po, FARM_PG, FARM_STORAGE_PRISMA);
		rc = drizzle ? farm_drizzle_parse_opts(opts.s, opts.len, &po, &c->err)
			: farm_prisma_parse_opts(opts.s, opts.len, &po, &c->err);
	}
	if (rc == FARM_OK)
		rc = load_registry(c, ns.s);
	if (rc == FARM_OK)
		rc = farm_registry_schemas(&c->reg, ns.s, &c->schemas, &c->nschemas, &c->err);
	if (rc == FARM_OK)
		prisma_schemas(c, &po);
	if (rc == FARM_OK)
	{
		c->text = drizzle ? farm_drizzle_generate(c->schemas, c->nschemas, &po, &c->err)
			: farm_prisma_generate(c->schemas, c->nschemas, &po, &c->err);
		if (c->text == NULL)
			rc = c->err.code;
	}
	return rc;
}

static int
body_generate_prisma(FunctionCallInfo fcinfo, farm_call *c)
{
	return generate_orm(fcinfo, c, false);
}

static int
body_generate_drizzle(FunctionCallInfo fcinfo, farm_call *c)
{
	return generate_orm(fcinfo, c, true);
}

static int
body_generate_sql(FunctionCallInfo fcinfo, farm_call *c)
{
	farm_sql_opts so;
	farm_ddl_opts o;
	farm_nsops *e = NULL;
	arg			ns;
	arg			opts = {NULL, 0};
	const char *schema = NULL;
	int			rc;

	c->kind = R_TEXT;
	rc = get_namespace(fcinfo, 0, &ns, &c->err);
	if (rc == FARM_OK && PG_NARGS() == 2 && !PG_ARGISNULL(1))
		rc = get_json_arg(fcinfo, 1, ns.s, NULL, "options", &opts, &c->err);
	so.from = -1;
	so.to = -1;
	so.dialect = FARM_PG;
	so.storage = FARM_STORAGE_PRISMA;
	if (rc == FARM_OK)
		rc = farm_sql_parse_opts(opts.s, opts.len, &so, &c->err);
	if (rc == FARM_OK)
		rc = load_registry(c, ns.s);
	if (rc == FARM_OK)
	{
		e = farm_registry_get(&c->reg, ns.s, false);
		if (e == NULL || e->ops.n == 0)
			rc = farm_fail(&c->err, FARM_EUNKNOWN, "namespace \"%s\" is not registered", ns.s);
	}
	if (rc != FARM_OK)
		return rc;
	/* PostgreSQL DDL names the schema farm_migrate would use */
	if (so.dialect == FARM_PG)
		schema = c->targets[0] ? c->targets[0] : c->creation_schema;
	o.dialect = so.dialect;
	o.storage = so.storage;
	o.pg_schema = schema;
	o.guards = NULL;
	if (so.from < 0 && so.to < 0)
	{
		/* exactly what farm_migrate would run now */
		const char *iops[8];
		size_t		ilens[8];
		long		iapplied = 0;

		internal_ops(iops, ilens);
		if (so.dialect == FARM_PG && internal_known(c, schema))
			rc = get_applied(c, schema, "", &iapplied, &c->err);
		if (rc == FARM_OK)
			rc = farm_plan_migration("", (char *const *) iops, ilens, farm_internal_nops(),
									 (int) iapplied, farm_internal_nops(), &o, &c->stmts, &c->err);
		so.from = so.dialect == FARM_PG ? (int) e->applied : 0;
	}
	if (so.from < 0)
		so.from = 0;
	if (so.to < 0)
		so.to = (int) e->ops.n;
	if (rc == FARM_OK)
		rc = farm_plan_migration(ns.s, e->ops.items, e->ops.lens, (int) e->ops.n,
								 so.from, so.to, &o, &c->stmts, &c->err);
	if (rc == FARM_OK && (c->text = farm_join_statements(&c->stmts)) == NULL)
		rc = oom(&c->err);
	return rc;
}

/* ----------------------------------------------------------------
 * farm_check: the catalog against the schema
 * ----------------------------------------------------------------
 */

/* A text[] of the strings (palloc'd). */
static Datum
strlist_array(const farm_strlist *l)
{
	Datum	   *elems = palloc(sizeof(Datum) * (l->n + 1));
	size_t		i;

	for (i = 0; i < l->n; i++)
		elems[i] = PointerGetDatum(cstring_to_text_with_len(l->items[i], (int) l->lens[i]));
	return PointerGetDatum(construct_array(elems, (int) l->n, TEXTOID, -1, false, TYPALIGN_INT));
}

static bool
spi_bool(int row, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, &isnull);

	return !isnull && DatumGetBool(d);
}

/*
 * Read the catalog of `schema`: the tables named in c->names that exist and
 * every other table whose name ends in c->suffix, with their columns,
 * primary key, indexes and foreign keys, into c->cat.
 */
static int
read_catalog(farm_call *c, const char *schema)
{
	Oid			types[3] = {TEXTOID, TEXTARRAYOID, TEXTOID};
	Datum		values[3];
	uint64		i;
	farm_cat_table *t = NULL;
	farm_cat_index *x = NULL;
	char	   *cur_table = NULL;
	char	   *cur_index = NULL;

	values[0] = CStringGetTextDatum(schema);
	values[1] = strlist_array(&c->names);
	values[2] = CStringGetTextDatum(c->suffix);
	spi_run(c, "SELECT c.relname::pg_catalog.text FROM pg_catalog.pg_class c "
			"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
			"WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND (c.relname::pg_catalog.text = ANY ($2) "
			"OR (pg_catalog.length(c.relname) > pg_catalog.length($3) "
			"AND pg_catalog.right(c.relname::pg_catalog.text, pg_catalog.length($3)) = $3)) "
			"ORDER BY c.relname::pg_catalog.text COLLATE pg_catalog.\"C\"",
			3, types, values, SPI_OK_SELECT);
	/* the found names, as malloc'd strings in the call (freed on error) */
	farm_strlist_free(&c->names);
	farm_strlist_init(&c->names);
	for (i = 0; i < SPI_processed; i++)
		if (farm_catalog_table(&c->cat, spi_text((int) i, 1, "pg_catalog", NULL)) == NULL)
			return oom(&c->err);
	for (i = 0; i < (uint64) c->cat.n; i++)
		if (!farm_strlist_push(&c->names, c->cat.tables[i]->name))
			return oom(&c->err);
	if (c->cat.n == 0)
		return FARM_OK;
	values[1] = strlist_array(&c->names);

	spi_run(c, "SELECT c.relname::pg_catalog.text, a.attname::pg_catalog.text, "
			"pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
			"pg_catalog.pg_get_expr(d.adbin, d.adrelid) "
			"FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
			"JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
			"LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
			"WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname::pg_catalog.text = ANY ($2) "
			"ORDER BY c.relname, a.attnum",
			2, types, values, SPI_OK_SELECT);
	for (i = 0; i < SPI_processed; i++)
		farm_cat_add_column(&c->cat, farm_catalog_find(&c->cat, spi_text((int) i, 1, "pg_catalog", NULL)),
							spi_text((int) i, 2, "pg_catalog", NULL), spi_text((int) i, 3, "pg_catalog", NULL),
							spi_bool((int) i, 4), spi_text((int) i, 5, "pg_catalog", NULL));

	spi_run(c, "SELECT t.relname::pg_catalog.text, i.relname::pg_catalog.text, x.indisunique, "
			"x.indisprimary, x.indpred IS NOT NULL, a.attname::pg_catalog.text "
			"FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class t ON t.oid = x.indrelid "
			"JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
			"JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid "
			"CROSS JOIN LATERAL pg_catalog.generate_series(0, x.indnkeyatts - 1) AS k(n) "
			"LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[k.n] "
			"WHERE n.nspname = $1 AND t.relname::pg_catalog.text = ANY ($2) "
			"ORDER BY t.relname, i.relname, k.n",
			2, types, values, SPI_OK_SELECT);
	for (i = 0; i < SPI_processed; i++)
	{
		char	   *tn = spi_text((int) i, 1, "pg_catalog", NULL);
		char	   *in = spi_text((int) i, 2, "pg_catalog", NULL);
		char	   *col = spi_text((int) i, 6, "pg_catalog", NULL);
		bool		primary = spi_bool((int) i, 4);

		if (cur_table == NULL || strcmp(cur_table, tn) != 0 || strcmp(cur_index, in) != 0)
		{
			t = farm_catalog_find(&c->cat, tn);
			x = primary ? NULL : farm_cat_add_index(&c->cat, t, in, spi_bool((int) i, 3),
													spi_bool((int) i, 5));
			cur_table = tn;
			cur_index = in;
		}
		if (primary)
			farm_cat_add_pk_column(&c->cat, t, col ? col : "", in);
		else
			farm_cat_index_column(&c->cat, x, col ? col : "");
	}

	spi_run(c, "SELECT t.relname::pg_catalog.text, co.conname::pg_catalog.text, "
			"(SELECT pg_catalog.string_agg(a.attname::pg_catalog.text, ', ' ORDER BY k.o) "
			" FROM pg_catalog.unnest(co.conkey) WITH ORDINALITY AS k(attnum, o) "
			" JOIN pg_catalog.pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum), "
			"CASE WHEN fn.nspname = $1 THEN ft.relname::pg_catalog.text "
			" ELSE fn.nspname::pg_catalog.text OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) ft.relname::pg_catalog.text END, "
			"(SELECT pg_catalog.string_agg(a.attname::pg_catalog.text, ', ' ORDER BY k.o) "
			" FROM pg_catalog.unnest(co.confkey) WITH ORDINALITY AS k(attnum, o) "
			" JOIN pg_catalog.pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum), "
			"CASE co.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' "
			" WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END, "
			"CASE co.confupdtype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' "
			" WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END "
			"FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_class t ON t.oid = co.conrelid "
			"JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
			"JOIN pg_catalog.pg_class ft ON ft.oid = co.confrelid "
			"JOIN pg_catalog.pg_namespace fn ON fn.oid = ft.relnamespace "
			"WHERE co.contype = 'f' AND n.nspname = $1 AND t.relname::pg_catalog.text = ANY ($2) "
			"ORDER BY t.relname, co.conname",
			2, types, values, SPI_OK_SELECT);
	for (i = 0; i < SPI_processed; i++)
		farm_cat_add_fk(&c->cat, farm_catalog_find(&c->cat, spi_text((int) i, 1, "pg_catalog", NULL)),
						spi_text((int) i, 2, "pg_catalog", NULL), spi_text((int) i, 3, "pg_catalog", NULL),
						spi_text((int) i, 4, "pg_catalog", NULL), spi_text((int) i, 5, "pg_catalog", NULL),
						spi_text((int) i, 6, "pg_catalog", NULL), spi_text((int) i, 7, "pg_catalog", NULL));
	return c->cat.oom ? oom(&c->err) : FARM_OK;
}

/*
 * Compare the catalog of `schema` (NULL: none, every table is missing) with
 * the internal schema and e at `version`; the differences go to c->diffs,
 * the expected physical tables to c->names.  With `lock`, the tables that
 * exist are locked against DDL (ShareUpdateExclusiveLock: CREATE INDEX,
 * CREATE TRIGGER and ALTER TABLE wait) before the catalog is read.
 */
static int
check_ns(farm_call *c, const farm_nsops *e, int version, const char *schema, bool lock)
{
	farm_ddl_opts o = {FARM_PG, FARM_STORAGE_PRISMA, schema, NULL};
	int			rc = FARM_OK;
	size_t		i;

	c->before = farm_internal_schema(&c->err);
	if (c->before != NULL)
		c->after = farm_schema_replay(e->ns, e->ops.items, e->ops.lens, (int) e->ops.n,
									  version, &c->err);
	if (c->before == NULL || c->after == NULL)
		return c->err.code;
	rc = farm_check_tables(c->before, c->after, &c->names, &c->err);
	if (rc == FARM_OK && (c->suffix = farm_check_suffix(e->ns)) == NULL)
		rc = oom(&c->err);
	for (i = 0; rc == FARM_OK && lock && schema && i < c->names.n; i++)
	{
		RangeVar   *rv = makeRangeVar(pstrdup(schema), pstrdup(c->names.items[i]), -1);

		(void) RangeVarGetRelidExtended(rv, ShareUpdateExclusiveLock, RVR_MISSING_OK, NULL, NULL);
	}
	if (rc == FARM_OK && schema != NULL)
	{
		farm_strlist expected = c->names;

		/* read_catalog() replaces c->names with the tables it found */
		farm_strlist_init(&c->names);
		for (i = 0; rc == FARM_OK && i < expected.n; i++)
			if (!farm_strlist_push(&c->names, expected.items[i]))
				rc = oom(&c->err);
		if (rc == FARM_OK)
			rc = read_catalog(c, schema);
		/* c->names: the expected tables again, in expected order */
		farm_strlist_free(&c->names);
		c->names = expected;
	}
	if (rc == FARM_OK)
		rc = farm_check_compare(c->before, c->after, &o, &c->cat, &c->diffs, &c->err);
	farm_schema_free(c->before);
	c->before = NULL;
	farm_schema_free(c->after);
	c->after = NULL;
	return rc;
}

static int
body_check(FunctionCallInfo fcinfo, farm_call *c)
{
	arg			ns;
	farm_nsops *e;
	const char *schema;
	long		version;
	int			rc = get_namespace(fcinfo, 0, &ns, &c->err);

	c->kind = R_TEXT;
	if (rc == FARM_OK)
		rc = load_registry(c, ns.s);
	if (rc != FARM_OK)
		return rc;
	e = farm_registry_get(&c->reg, ns.s, false);
	if (e == NULL || e->ops.n == 0)
		return farm_fail(&c->err, FARM_EUNKNOWN, "namespace \"%s\" is not registered", ns.s);
	/* where farm_migrate put the tables, or would put them now */
	schema = c->targets[0] ? c->targets[0] : c->creation_schema;
	/* the applied version; before the first migrate, what it would create */
	version = e->applied > 0 ? e->applied : (long) e->ops.n;
	rc = check_ns(c, e, (int) version, schema, false);
	if (rc == FARM_OK && (c->text = farm_check_json(ns.s, e->applied, version, &c->diffs)) == NULL)
		rc = oom(&c->err);
	return rc;
}

/*
 * farm_migrate's adopt: take over the internal tables of `schema` and the
 * tables of ns at its registered version, which someone else created (an
 * app's Prisma Migrate), recording the versions without DDL.  Only when
 * farm_check finds no difference and every table is safe to take over:
 * an ordinary table, owned by the caller or a role the caller is a member
 * of (superuser rights do not count), without triggers, rules, row level
 * security or policies.  The caller holds the namespace's and the schema's
 * advisory locks.
 */
static int
adopt_ns(farm_call *c, farm_nsops *e, const char *schema)
{
	Oid			types[2] = {TEXTOID, TEXTARRAYOID};
	Datum		values[2];
	bool		known = internal_known(c, schema);
	uint64		i;
	int			rc;

	if (known && e->applied >= (long) e->ops.n)
		return FARM_OK;			/* nothing to adopt: migrate as usual */
	rc = check_ns(c, e, (int) e->ops.n, schema, true);
	if (rc != FARM_OK)
		return rc;
	if (c->diffs.n > 0)
		return farm_adopt_refuse_diff(&c->err, e->ns, &c->diffs.items[0]);

	values[0] = CStringGetTextDatum(schema);
	values[1] = strlist_array(&c->names);
	spi_run(c, "SELECT c.relname::pg_catalog.text, c.relowner, c.relkind OPERATOR(pg_catalog.=) 'r' AND NOT c.relispartition, "
			"c.relrowsecurity OR c.relforcerowsecurity, "
			"(SELECT g.tgname::pg_catalog.text FROM pg_catalog.pg_trigger g WHERE g.tgrelid = c.oid AND NOT g.tgisinternal ORDER BY 1 LIMIT 1), "
			"(SELECT r.rulename::pg_catalog.text FROM pg_catalog.pg_rewrite r WHERE r.ev_class = c.oid ORDER BY 1 LIMIT 1), "
			"(SELECT p.polname::pg_catalog.text FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid ORDER BY 1 LIMIT 1), "
			"c.relhassubclass "
			"FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
			"WHERE n.nspname = $1 AND c.relname::pg_catalog.text = ANY ($2) "
			"ORDER BY pg_catalog.array_position($2, c.relname::pg_catalog.text)",
			2, types, values, SPI_OK_SELECT);
	for (i = 0; i < SPI_processed; i++)
	{
		char	   *rel = spi_text((int) i, 1, "pg_catalog", NULL);
		bool		isnull;
		Oid			owner = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull));
		char	   *trigger = spi_text((int) i, 5, "pg_catalog", NULL);
		char	   *rule = spi_text((int) i, 6, "pg_catalog", NULL);
		char	   *policy = spi_text((int) i, 7, "pg_catalog", NULL);

		if (!is_member_of_role_nosuper(GetUserId(), owner))
		{
			(void) farm_adopt_refuse_table(&c->err, e->ns, rel,
										   psprintf("is owned by role \"%s\", of which role \"%s\" is not a member",
													GetUserNameFromId(owner, false),
													GetUserNameFromId(GetUserId(), false)), NULL);
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("%s", c->err.msg),
					 errhint("Run farm_migrate as role \"%s\" or a member of it.",
							 GetUserNameFromId(owner, false))));
		}
		if (!spi_bool((int) i, 3))
			return farm_adopt_refuse_table(&c->err, e->ns, rel, "is not an ordinary table", NULL);
		if (spi_bool((int) i, 8))
			return farm_adopt_refuse_table(&c->err, e->ns, rel, "has inheritance children", NULL);
		if (trigger)
			return farm_adopt_refuse_table(&c->err, e->ns, rel, "has trigger", trigger);
		if (rule)
			return farm_adopt_refuse_table(&c->err, e->ns, rel, "has rule", rule);
		if (spi_bool((int) i, 4))
			return farm_adopt_refuse_table(&c->err, e->ns, rel, "has row level security enabled", NULL);
		if (policy)
			return farm_adopt_refuse_table(&c->err, e->ns, rel, "has policy", policy);
	}
	if (!known)
	{
		spi_run(c, "INSERT INTO \"" REG_SCHEMA "\".\"internal_schemas\" (\"schema_name\") VALUES ($1)",
				1, types, values, SPI_OK_INSERT);
		set_applied(c, schema, "", farm_internal_nops());
	}
	set_applied(c, schema, e->ns, (long) e->ops.n);
	e->applied = (long) e->ops.n;
	return FARM_OK;
}

/* ----------------------------------------------------------------
 * Living beside an app's own Prisma Migrate
 * ----------------------------------------------------------------
 */
/*
 * farm_external_tables() / farm_shadow_sql(): what the registry records as
 * farmorm's tables: the internal tables of every schema in
 * farmorm.internal_schemas and every namespace in its recorded schema, at
 * their applied versions, rendered by the core.
 */
static int
owned_tables(farm_call *c, bool shadow)
{
	farm_owned *items;
	char	  **ischemas;
	long	   *iapplied;
	uint64		ni;
	uint64		k;
	int			n = 0;
	int			rc;
	int			i;

	c->kind = R_TEXT;
	rc = load_registry(c, NULL);
	if (rc != FARM_OK)
		return rc;
	spi_run(c, "SELECT \"schema_name\" FROM \"" REG_SCHEMA "\".\"internal_schemas\" "
			"ORDER BY \"schema_name\" COLLATE pg_catalog.\"C\"",
			0, NULL, NULL, SPI_OK_SELECT);
	ni = SPI_processed;
	ischemas = palloc0(sizeof(char *) * (ni + 1));
	iapplied = palloc0(sizeof(long) * (ni + 1));
	for (k = 0; k < ni; k++)
	{
		ischemas[k] = spi_text((int) k, 1, REG_SCHEMA ".internal_schemas", NULL);
		if (ischemas[k] == NULL)
			damaged("column \"schema_name\" of table " REG_SCHEMA ".internal_schemas is NULL");
	}
	SPI_freetuptable(SPI_tuptable);
	items = palloc0(sizeof(farm_owned) * (ni + c->reg.n + 1));
	for (k = 0; rc == FARM_OK && k < ni; k++)
	{
		rc = get_applied(c, ischemas[k], "", &iapplied[k], &c->err);
		items[n].schema = ischemas[k];
		items[n].ns = "";
		items[n].applied = iapplied[k];
		n++;
	}
	for (i = 0; rc == FARM_OK && i < c->reg.n; i++)
	{
		if (c->targets[i] == NULL)
			continue;			/* never migrated */
		items[n].schema = c->targets[i];
		items[n].ns = c->reg.items[i].ns;
		items[n].ops = c->reg.items[i].ops.items;
		items[n].lens = c->reg.items[i].ops.lens;
		items[n].nops = (int) c->reg.items[i].ops.n;
		items[n].applied = c->reg.items[i].applied;
		n++;
	}
	if (rc != FARM_OK)
		return rc;
	c->text = shadow
		? farm_shadow_sql(items, n, FARM_PG, FARM_STORAGE_PRISMA, &c->err)
		: farm_external_tables(items, n, FARM_PG, false, &c->err);
	return c->text ? FARM_OK : c->err.code;
}

static int
body_external_tables(FunctionCallInfo fcinfo, farm_call *c)
{
	return owned_tables(c, false);
}

static int
body_shadow_sql(FunctionCallInfo fcinfo, farm_call *c)
{
	return owned_tables(c, true);
}

/* ----------------------------------------------------------------
 * Bootstrap
 * ----------------------------------------------------------------
 */
static int
body_migrate(FunctionCallInfo fcinfo, farm_call *c)
{
	arg			ns = {NULL, 0};
	char	  **schemas;
	bool	   *fresh;
	bool	   *skip;
	char	  **locked = NULL;
	int			nlocked = 0;
	int			nschemas = 0;
	int			rc = FARM_OK;
	int			i;

	c->kind = R_INT;
	if (PG_NARGS() >= 1)
		rc = get_namespace(fcinfo, 0, &ns, &c->err);
	if (rc == FARM_OK && PG_NARGS() == 2 && !PG_ARGISNULL(1))
	{
		arg			opts;

		rc = get_json_arg(fcinfo, 1, ns.s, NULL, "options", &opts, &c->err);
		if (rc == FARM_OK)
			rc = farm_migrate_parse_opts(opts.s, opts.len, FARM_PG, &c->mopts, &c->err);
	}
	if (rc != FARM_OK)
		return rc;
	require_writable(c);

	if (ns.s != NULL)
		advisory_lock(c, FARM_LOCK_NS, ns.s);
	else
	{
		/* every registered namespace, locked in bytewise order */
		spi_run(c, "SELECT DISTINCT \"ns\" COLLATE pg_catalog.\"C\" FROM \"" REG_SCHEMA "\".\"operations\" ORDER BY 1",
				0, NULL, NULL, SPI_OK_SELECT);
		{
			SPITupleTable *tt = SPI_tuptable;
			uint64		n = SPI_processed;
			uint64		k;

			locked = palloc0(sizeof(char *) * (n + 1));
			for (k = 0; k < n; k++)
			{
				char	   *kns = spi_text((int) k, 1, REG_SCHEMA ".operations", NULL);

				if (kns == NULL)
					damaged("column \"ns\" of table " REG_SCHEMA ".operations is NULL");
				locked[nlocked++] = kns;
			}
			SPI_freetuptable(tt);
			for (k = 0; k < (uint64) nlocked; k++)
				advisory_lock(c, FARM_LOCK_NS, locked[k]);
		}
	}
	/* read everything only now, under the locks */
	rc = load_registry(c, ns.s);
	if (rc == FARM_OK && ns.s != NULL && (c->reg.n == 0 || c->reg.items[0].ops.n == 0))
		rc = farm_fail(&c->err, FARM_EUNKNOWN, "namespace \"%s\" is not registered", ns.s);
	if (rc != FARM_OK)
		return rc;

	/* target schema of every namespace: recorded, or recorded now */
	schemas = palloc0(sizeof(char *) * (c->reg.n + 1));
	fresh = palloc0(sizeof(bool) * (c->reg.n + 1));
	skip = palloc0(sizeof(bool) * (c->reg.n + 1));
	for (i = 0; rc == FARM_OK && i < c->reg.n; i++)
	{
		const char *nsn = c->reg.items[i].ns;
		bool		recorded = c->targets[i] != NULL;

		/* a namespace registered after the locks were taken is left alone */
		skip[i] = c->reg.items[i].ops.n == 0 ||
			(ns.s == NULL && !bsearch(&nsn, locked, nlocked, sizeof(char *), cmp_cstr));
		if (skip[i])
			continue;
		fresh[i] = !recorded;
		if (recorded && c->mopts.schema && strcmp(c->targets[i], c->mopts.schema) != 0)
			return farm_schema_option_conflict(&c->err, nsn, c->targets[i], c->mopts.schema);
		if (!recorded)
			c->targets[i] = c->mopts.schema ? pstrdup(c->mopts.schema) : c->creation_schema;
		rc = check_target(c, nsn, c->targets[i], recorded);
		if (rc == FARM_OK && !recorded)
			record_schema(c, nsn, c->targets[i]);
		if (rc == FARM_OK)
			schemas[nschemas++] = c->targets[i];
	}
	if (rc == FARM_OK && nschemas == 0)
	{
		/* nothing registered: the internal tables go to the current schema */
		rc = check_target(c, "", c->creation_schema, false);
		if (rc == FARM_OK)
			schemas[nschemas++] = c->creation_schema;
	}
	if (rc != FARM_OK)
		return rc;

	/* adopt: take over what someone else created, before any DDL */
	if (c->mopts.adopt)
	{
		advisory_lock(c, FARM_LOCK_INTERNAL, c->targets[0]);
		rc = adopt_ns(c, &c->reg.items[0], c->targets[0]);
		if (rc != FARM_OK)
			return rc;
		fresh[0] = false;
	}

	/* internal tables first, once per schema, in bytewise order */
	if (nschemas > 1)
		qsort(schemas, nschemas, sizeof(char *), cmp_cstr);
	for (i = 0; rc == FARM_OK && i < nschemas; i++)
	{
		if (i > 0 && strcmp(schemas[i], schemas[i - 1]) == 0)
			continue;
		advisory_lock(c, FARM_LOCK_INTERNAL, schemas[i]);
		rc = migrate_internal(c, schemas[i]);
	}
	for (i = 0; rc == FARM_OK && i < c->reg.n; i++)
	{
		farm_nsops *e = &c->reg.items[i];

		if (skip[i])
			continue;
		rc = migrate_ns(c, e->ns, e->ops.items, e->ops.lens, (int) e->ops.n,
						(long) e->ops.n, c->targets[i], fresh[i]);
		c->ival = (long) e->ops.n;
	}
	if (ns.s == NULL)
		c->ival = farm_internal_nops();
	return rc;
}

/* ----------------------------------------------------------------
 * SQL-callable entry points
 * ----------------------------------------------------------------
 */
PG_FUNCTION_INFO_V1(farmorm_register);
PG_FUNCTION_INFO_V1(farmorm_add_table);
PG_FUNCTION_INFO_V1(farmorm_add_column);
PG_FUNCTION_INFO_V1(farmorm_add_index);
PG_FUNCTION_INFO_V1(farmorm_set_nullable);
PG_FUNCTION_INFO_V1(farmorm_discard_pending);
PG_FUNCTION_INFO_V1(farmorm_schema);
PG_FUNCTION_INFO_V1(farmorm_schema_version);
PG_FUNCTION_INFO_V1(farmorm_applied_version);
PG_FUNCTION_INFO_V1(farmorm_namespaces);
PG_FUNCTION_INFO_V1(farmorm_table_name);
PG_FUNCTION_INFO_V1(farmorm_version);
PG_FUNCTION_INFO_V1(farmorm_generate_prisma);
PG_FUNCTION_INFO_V1(farmorm_generate_drizzle);
PG_FUNCTION_INFO_V1(farmorm_generate_sql);
PG_FUNCTION_INFO_V1(farmorm_migrate);
PG_FUNCTION_INFO_V1(farmorm_external_tables);
PG_FUNCTION_INFO_V1(farmorm_shadow_sql);
PG_FUNCTION_INFO_V1(farmorm_check);

Datum
farmorm_register(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_register", false, body_register);
}

Datum
farmorm_add_table(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_add_table", false, body_add_table);
}

Datum
farmorm_add_column(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_add_column", false, body_add_column);
}

Datum
farmorm_add_index(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_add_index", false, body_add_index);
}

Datum
farmorm_set_nullable(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_set_nullable", false, body_set_nullable);
}

Datum
farmorm_discard_pending(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_discard_pending", false, body_discard_pending);
}

Datum
farmorm_schema(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_schema", true, body_schema);
}

Datum
farmorm_schema_version(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_schema_version", true, body_schema_version);
}

Datum
farmorm_applied_version(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_applied_version", true, body_applied_version);
}

Datum
farmorm_namespaces(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_namespaces", true, body_namespaces);
}

Datum
farmorm_generate_prisma(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_generate_prisma", true, body_generate_prisma);
}

Datum
farmorm_generate_drizzle(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_generate_drizzle", true, body_generate_drizzle);
}

Datum
farmorm_generate_sql(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_generate_sql", true, body_generate_sql);
}

Datum
farmorm_migrate(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_migrate", false, body_migrate);
}

Datum
farmorm_check(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_check", true, body_check);
}

Datum
farmorm_external_tables(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_external_tables", true, body_external_tables);
}

Datum
farmorm_shadow_sql(PG_FUNCTION_ARGS)
{
	return run_call(fcinfo, "farm_shadow_sql", true, body_shadow_sql);
}

/* Pure: no SPI, no registry. */
Datum
farmorm_table_name(PG_FUNCTION_ARGS)
{
	farm_error	err;
	arg			ns;
	arg			t = {NULL, 0};
	char	   *name = NULL;
	text	   *result;
	int			rc;

	rc = get_namespace(fcinfo, 0, &ns, &err);
	if (rc == FARM_OK)
	{
		t = get_arg(fcinfo, 1);
		rc = farm_check_name_arg(ns.s, NULL, "table", t.s, t.len, &err);
	}
	if (rc == FARM_OK && (name = farm_table_physical(ns.s, t.s)) == NULL)
		rc = oom(&err);
	if (rc != FARM_OK)
		report(&err);
	PG_TRY();
	{
		result = cstring_to_text(name);
	}
	PG_FINALLY();
	{
		free(name);
	}
	PG_END_TRY();
	PG_RETURN_TEXT_P(result);
}

Datum
farmorm_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(FARM_VERSION));
}
