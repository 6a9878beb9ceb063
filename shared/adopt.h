/*-------------------------------------------------------------------------
 * adopt.h
 *	  Options of farm_migrate(ns, options_json) and the refusals of its
 *	  "adopt" mode (SPEC section 3), worded once for both hosts.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_ADOPT_H
#define FARM_ADOPT_H

#include "check.h"
#include "dialect.h"
#include "model.h"

typedef struct farm_migrate_opts
{
	bool		adopt;			/* record the version without DDL, if the tables match */
	char	   *schema;			/* PostgreSQL schema for the first migrate (malloc'd) or NULL */
} farm_migrate_opts;

/*
 * Parse {"adopt": bool, "schema": "name" | null}.  On SQLite (host
 * FARM_SQLITE) the only schema accepted is "main".  NULL json: defaults.
 */
extern int	farm_migrate_parse_opts(const char *json, size_t len, farm_provider host,
									farm_migrate_opts *o, farm_error *err);
extern void farm_migrate_opts_free(farm_migrate_opts *o);

/* 'namespace "ns": cannot adopt its tables: <difference>' (FARM_ESTATE). */
extern int	farm_adopt_refuse_diff(farm_error *err, const char *ns, const farm_diff *d);
/*
 * 'namespace "ns": cannot adopt its tables: table "t" <problem>[ "object"]'
 * (FARM_ESTATE), e.g. problem "has trigger", object its name.
 */
extern int	farm_adopt_refuse_table(farm_error *err, const char *ns, const char *table,
									const char *problem, const char *object);
/* The schema option names another schema than the one recorded (FARM_EUNSUPPORTED). */
extern int	farm_schema_option_conflict(farm_error *err, const char *ns, const char *recorded,
										const char *wanted);

#endif							/* FARM_ADOPT_H */
