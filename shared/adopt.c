/*-------------------------------------------------------------------------
 * adopt.c
 *	  farm_migrate's options ("adopt", "schema") and the texts of the
 *	  adopt refusals, so both bindings print the same words.
 *
 * Design notes:
 *	- Adopting takes over tables someone else created (an app's Prisma
 *	  Migrate from the generated schema): the binding compares them with
 *	  farm_check's routine at the registered version and checks that they
 *	  are safe to take over (PostgreSQL: owned by the caller, no triggers,
 *	  rules, row level security or policies; SQLite: no triggers); the
 *	  first problem refuses the call, naming it, with FARM_ESTATE (55000:
 *	  the tables are not in the state adopting needs).
 *	- Option errors are FARM_EINVALID (22023), as for every option parser.
 *-------------------------------------------------------------------------
 */
#include "adopt.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "genopts.h"
#include "names.h"

int
farm_migrate_parse_opts(const char *json, size_t len, farm_provider host,
						farm_migrate_opts *o, farm_error *err)
{
	json_t	   *j;
	const char *key;
	json_t	   *v;
	int			rc = FARM_OK;

	o->adopt = false;
	o->schema = NULL;
	rc = farm_opts_load(json, len, false, false, &j, err);
	if (rc != FARM_OK || j == NULL)
		return rc;
	json_object_foreach(j, key, v)
	{
		if (strcmp(key, "adopt") == 0)
		{
			if (!json_is_boolean(v))
			{
				rc = farm_fail(err, FARM_EINVALID, "invalid option \"adopt\": expected true or false");
				break;
			}
			o->adopt = json_is_true(v);
		}
		else if (strcmp(key, "schema") == 0)
		{
			const char *s = json_is_string(v) ? json_string_value(v) : NULL;
			size_t		slen = s ? json_string_length(v) : 0;

			if (json_is_null(v))
				continue;
			if (s == NULL || slen == 0 || slen > FARM_NAME_MAX || strlen(s) != slen ||
				farm_name_problem(s, slen) != NULL)
			{
				rc = farm_fail(err, FARM_EINVALID, "invalid option \"schema\": expected a schema name (1-63 bytes, no control characters) or null");
				break;
			}
			if (host == FARM_SQLITE && strcmp(s, "main") != 0)
			{
				rc = farm_fail(err, FARM_EINVALID, "invalid option \"schema\": farmorm keeps its SQLite tables in schema \"main\"");
				break;
			}
			free(o->schema);
			o->schema = farm_strdup(s);
			if (o->schema == NULL)
			{
				rc = farm_fail(err, FARM_ENOMEM, "out of memory");
				break;
			}
		}
		else
		{
			farm_buf	b;

			farm_buf_init(&b);
			farm_buf_err_name(&b, key, strlen(key));
			rc = farm_fail(err, FARM_EINVALID, "unknown option %s: expected adopt or schema",
						   b.data ? b.data : "?");
			farm_buf_free(&b);
			break;
		}
	}
	json_decref(j);
	if (rc != FARM_OK)
		farm_migrate_opts_free(o);
	return rc;
}

void
farm_migrate_opts_free(farm_migrate_opts *o)
{
	free(o->schema);
	o->schema = NULL;
}

int
farm_adopt_refuse_diff(farm_error *err, const char *ns, const farm_diff *d)
{
	return farm_fail(err, FARM_ESTATE, "namespace \"%s\": cannot adopt its tables: %s", ns,
					 d->message);
}

int
farm_adopt_refuse_table(farm_error *err, const char *ns, const char *table,
						const char *problem, const char *object)
{
	farm_buf	b;
	int			rc;

	farm_buf_init(&b);
	farm_buf_err_name(&b, table, strlen(table));
	farm_buf_putc(&b, ' ');
	farm_buf_puts(&b, problem);
	if (object != NULL)
	{
		farm_buf_putc(&b, ' ');
		farm_buf_err_name(&b, object, strlen(object));
	}
	rc = farm_fail(err, FARM_ESTATE, "namespace \"%s\": cannot adopt its tables: table %s", ns,
				   b.data && !b.oom ? b.data : "?");
	farm_buf_free(&b);
	return rc;
}

int
farm_schema_option_conflict(farm_error *err, const char *ns, const char *recorded,
							const char *wanted)
{
	farm_buf	a;
	farm_buf	b;
	int			rc;

	farm_buf_init(&a);
	farm_buf_init(&b);
	farm_buf_err_name(&a, recorded, strlen(recorded));
	farm_buf_err_name(&b, wanted, strlen(wanted));
	rc = farm_fail(err, FARM_EUNSUPPORTED,
				   "namespace \"%s\": its tables are in schema %s (chosen at its first migrate), not in schema %s",
				   ns, a.data ? a.data : "?", b.data ? b.data : "?");
	farm_buf_free(&a);
	farm_buf_free(&b);
	return rc;
}
