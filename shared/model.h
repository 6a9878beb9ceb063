/*-------------------------------------------------------------------------
 * model.h
 *	  The schema model of one namespace, its operation log, validation and
 *	  the error type every core entry point fills.
 *
 * A namespace's schema is the replay of its operation log.  Each operation
 * is stored by the host as one JSON text (canonical, written by the core):
 *
 *	 {"op":"add-table","table":{<table definition>}}
 *	 {"op":"alter-table","table":"<name>","addColumns":[...],
 *	  "addIndexes":[...],"setNullable":[{"column":"c","nullable":true}]}
 *
 * Version n is the schema after the first n operations.  The internal
 * schema (namespace "") is built in: two add-table operations.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_MODEL_H
#define FARM_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "map.h"

/* Status codes; each binding maps them to host errors in one place. */
typedef enum farm_code
{
	FARM_OK = 0,
	FARM_EINVALID,				/* 22023 invalid_parameter_value */
	FARM_ENAME,					/* 42602 invalid_name */
	FARM_EUNKNOWN,				/* 42704 undefined_object */
	FARM_EDUPLICATE,			/* 42710 duplicate_object */
	FARM_EUNSUPPORTED,			/* 0A000 feature_not_supported */
	FARM_ENOMEM,				/* 53200 out_of_memory */
	FARM_ECORRUPT,				/* XX000 registry content is damaged */
	FARM_EBUSY,					/* 55P03 lock_not_available: retry the call */
	FARM_ESTATE					/* 55000 object_not_in_prerequisite_state */
} farm_code;

#define FARM_ERRMSG_MAX 1024

typedef struct farm_error
{
	farm_code	code;
	char		msg[FARM_ERRMSG_MAX];
} farm_error;

extern int	farm_fail(farm_error *err, farm_code code, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));
/*
 * farm_fail with the location in front: namespace "x", table "t", column
 * "c", index "i" (any of them NULL; names are quoted and escaped).
 */
extern int	farm_fail_at(farm_error *err, farm_code code, const char *ns,
						 const char *table, const char *column, const char *index,
						 const char *fmt,...)
			__attribute__((format(printf, 7, 8)));
/*
 * Another connection holds the database's write lock (beyond the busy
 * timeout): the one retryable error, worded once for every host.
 */
extern int	farm_fail_busy(farm_error *err);
/* Replace invalid UTF-8 and control characters in a message by '?'. */
extern void farm_clean_message(char *msg);
/* The SQLSTATE text of a code ("22023", ...). */
extern const char *farm_sqlstate(farm_code code);

typedef enum farm_type
{
	FARM_T_STRING,
	FARM_T_VARCHAR,
	FARM_T_INTEGER,
	FARM_T_BIGINT,
	FARM_T_DECIMAL,
	FARM_T_BOOL,
	FARM_T_DATE,
	FARM_T_TIMESTAMP,
	FARM_T_JSON,
	FARM_T_BINARY,
	FARM_T_REFERENCE
} farm_type;

typedef enum farm_default_kind
{
	FARM_D_NONE,
	FARM_D_VALUE,				/* database default, dvalue holds JSON text */
	FARM_D_DB_NOW,				/* {"dbSpecial":"now"} */
	FARM_D_RUNTIME_CUID,		/* {"runtime":"cuid"}: no database default */
	FARM_D_RUNTIME_NOW			/* {"runtime":"now"}: no database default */
} farm_default_kind;

typedef struct farm_column
{
	char	   *name;
	farm_type	type;
	long		varchar_len;	/* FARM_T_VARCHAR only */
	bool		nullable;
	farm_default_kind dkind;
	/*
	 * FARM_D_VALUE: canonical compact JSON text of the value ("\"abc\"",
	 * "5", "1.5", "true", "{\"a\":1}").
	 */
	char	   *dvalue;
	char	   *references;		/* FARM_T_REFERENCE: target table's name */
} farm_column;

typedef struct farm_index
{
	char	   *name;
	char	  **columns;		/* user column names, as declared */
	int			ncolumns;
	bool		unique;
} farm_index;

/*
 * Physical column order: "id", cols[0 .. ninitial-1], "_internalId",
 * "_version", cols[ninitial .. ncols-1] (columns added later).
 */
typedef struct farm_table
{
	char	   *name;
	farm_column *cols;
	int			ncols;
	int			capcols;
	int			ninitial;
	farm_index *idx;
	int			nidx;
	int			capidx;
	farm_map	colmap;			/* case-insensitive column name -> index */
} farm_table;

typedef struct farm_schema
{
	char	   *ns;				/* "" for the internal schema */
	farm_table **tables;		/* in creation order */
	int			ntables;
	int			captables;
	farm_map	tablemap;		/* case-insensitive table name -> index */
	farm_map	indexmap;		/* case-insensitive index name -> table index */
	/*
	 * Physical names of every relation the namespace creates (tables, their
	 * primary key and id indexes, user indexes) plus the internal schema's,
	 * case-insensitively: two objects may never share one.
	 */
	farm_map	physmap;			/* value: table index, or FARM_PHYS_INTERNAL */
	farm_map	fkmap;			/* foreign-key names -> table index */
	farm_strlist physnames;		/* owns the keys of physmap and fkmap */
	int			version;		/* number of operations applied */
	/*
	 * Set while a write applies its new operations (never on replay): the
	 * rules of gate.h apply, and `gate` (may be NULL) holds the other
	 * namespaces' names.
	 */
	bool		gating;
	const struct farm_gate *gate;
} farm_schema;

#define FARM_PHYS_INTERNAL 0x7fffffff

extern const char *farm_type_name(farm_type t);

extern farm_schema *farm_schema_new(const char *ns);
extern void farm_schema_free(farm_schema *s);
extern farm_table *farm_schema_find(const farm_schema *s, const char *table);
extern farm_column *farm_table_find(const farm_table *t, const char *column);

/*
 * Apply one stored operation (JSON text) to s, validating it exactly as a
 * new write would be.  On error s may be partly changed: callers discard it.
 */
extern int	farm_apply_op(farm_schema *s, const char *op, size_t len, farm_error *err);

/*
 * Build the schema of `ns` at version `upto` (-1 = all) from its stored
 * operations.  Returns NULL and fills err on failure.
 */
extern farm_schema *farm_schema_replay(const char *ns, char *const *ops,
									   const size_t *lens, int nops, int upto,
									   farm_error *err);

/* The internal schema's operations. */
extern int	farm_internal_nops(void);
extern const char *farm_internal_op(int i);
/* The internal schema at its latest version (built once per call). */
extern farm_schema *farm_internal_schema(farm_error *err);

/*
 * Write operations.  Each validates its input against s, applies it to s
 * and appends the operation texts to `out` (nothing when nothing changes).
 * On error nothing is appended and s must be discarded.
 */
extern int	farm_op_add_table(farm_schema *s, const char *json, size_t len,
							  farm_strlist *out, farm_error *err);
extern int	farm_op_add_column(farm_schema *s, const char *table, const char *json,
							   size_t len, farm_strlist *out, farm_error *err);
extern int	farm_op_add_index(farm_schema *s, const char *table, const char *json,
							  size_t len, farm_strlist *out, farm_error *err);
extern int	farm_op_set_nullable(farm_schema *s, const char *table, const char *column,
								 bool nullable, farm_strlist *out, farm_error *err);
/* Declarative: diff the desired schema against s. */
extern int	farm_op_register(farm_schema *s, const char *json, size_t len,
							 farm_strlist *out, farm_error *err);
/*
 * The other namespaces' names the next writes on s must not take (gate.h);
 * NULL for none.  The gate must outlive those writes.
 */
extern void farm_schema_set_gate(farm_schema *s, const struct farm_gate *g);

/* Canonical JSON of the schema (section 2 format); malloc'd. */
extern char *farm_schema_json(const farm_schema *s);

/*
 * Argument checks shared by both bindings: namespace, object names and texts
 * given as separate SQL arguments (len is the byte length the host reported,
 * so an embedded NUL is caught).  ns and table (either may be NULL) locate
 * the error in its message.
 */
extern int	farm_check_namespace(const char *ns, size_t len, farm_error *err);
extern int	farm_check_name_arg(const char *ns, const char *table, const char *what,
								const char *s, size_t len, farm_error *err);
/* A text argument (definition, options): NULL and embedded NUL refused. */
extern int	farm_check_text_arg(const char *ns, const char *table, const char *what,
								const char *s, size_t len, farm_error *err);
/*
 * A boolean argument about a column (farm_set_nullable's nullable): NULL
 * (isnull) and, on a host without a boolean type, any other value than
 * true or false (!isbool) refused, naming namespace, table and column.
 */
extern int	farm_check_bool_arg(const char *ns, const char *table, const char *column,
								const char *what, bool isnull, bool isbool,
								farm_error *err);

/* Upper bound on any JSON text the core accepts (bytes). */
#define FARM_JSON_MAX ((size_t) 64 * 1024 * 1024)
#define FARM_MAX_COLUMNS 1000
#define FARM_MAX_INDEX_COLUMNS 32

#endif							/* FARM_MODEL_H */
