/*-------------------------------------------------------------------------
 * genopts.c
 *	  Parsing the options object of the ORM generation functions, shared by
 *	  farm_generate_prisma and farm_generate_drizzle so both accept the same
 *	  keys and values and word their errors the same way; and the prologue
 *	  of every options parser of the core (farm_opts_load).
 *-------------------------------------------------------------------------
 */
#include "genopts.h"

#include <jansson.h>
#include <string.h>

#include "buf.h"

int
farm_opts_load(const char *json, size_t len, bool any, bool sized,
			   json_t **out, farm_error *err)
{
	json_t	   *j;
	json_error_t jerr;

	*out = NULL;
	if (json == NULL)
		return FARM_OK;
	if (len > FARM_JSON_MAX)
		return sized
			? farm_fail(err, FARM_EINVALID,
						"options are too large (%zu bytes, limit %zu)", len, FARM_JSON_MAX)
			: farm_fail(err, FARM_EINVALID, "options are too large");
	j = json_loadb(json, len, JSON_REJECT_DUPLICATES | (any ? JSON_DECODE_ANY : 0), &jerr);
	if (j == NULL)
		return farm_fail(err, FARM_EINVALID,
						 "options are not valid JSON: %s (line %d, column %d)",
						 jerr.text, jerr.line, jerr.column);
	if (!json_is_object(j))
	{
		json_decref(j);
		return farm_fail(err, FARM_EINVALID, "options must be a JSON object");
	}
	*out = j;
	return FARM_OK;
}

/*
 * Parse the options object on top of the host's defaults in *opts (see
 * genopts.h).
 */
int
farm_gen_parse_opts(const char *json, size_t len, bool datasource,
					farm_gen_opts *opts, farm_error *err)
{
	json_t	   *root;
	const char *key;
	json_t	   *v;
	int			rc;

	rc = farm_opts_load(json, len, true, true, &root, err);
	if (rc != FARM_OK || root == NULL)
		return rc;
	json_object_foreach(root, key, v)
	{
		if (strcmp(key, "provider") == 0)
		{
			int			p = json_is_string(v) ? farm_provider_parse(json_string_value(v)) : -1;

			if (p < 0)
				rc = farm_fail(err, FARM_EINVALID,
							   "invalid option \"provider\": expected \"postgresql\", \"sqlite\" or \"mysql\"");
			else
				opts->provider = (farm_provider) p;
		}
		else if (strcmp(key, "sqliteStorage") == 0)
		{
			int			s = json_is_string(v) ? farm_storage_parse(json_string_value(v)) : -1;

			if (s < 0)
				rc = farm_fail(err, FARM_EINVALID,
							   "invalid option \"sqliteStorage\": expected \"prisma\" or \"default\"");
			else
				opts->storage = (farm_storage) s;
		}
		else if ((datasource && strcmp(key, "datasource") == 0) ||
				 (datasource && strcmp(key, "schemas") == 0) ||
				 strcmp(key, "internal") == 0)
		{
			if (!json_is_boolean(v))
				rc = farm_fail(err, FARM_EINVALID,
							   "invalid option \"%s\": expected true or false", key);
			else if (key[0] == 'd')
				opts->datasource = json_is_true(v);
			else if (key[0] == 's')
				opts->schemas = json_is_true(v);
			else
				opts->internal = json_is_true(v);
		}
		else
		{
			farm_buf	b;

			farm_buf_init(&b);
			farm_buf_err_name(&b, key, strlen(key));
			if (b.oom)
				rc = farm_fail(err, FARM_ENOMEM, "out of memory");
			else if (datasource)
				rc = farm_fail(err, FARM_EINVALID,
							   "unknown option %s: expected \"provider\", \"sqliteStorage\", \"datasource\", \"internal\" or \"schemas\"",
							   b.data);
			else
				rc = farm_fail(err, FARM_EINVALID,
							   "unknown option %s: expected \"provider\", \"sqliteStorage\" or \"internal\"",
							   b.data);
			farm_buf_free(&b);
		}
		if (rc != FARM_OK)
			break;
	}
	json_decref(root);
	if (rc == FARM_OK && datasource && opts->schemas && opts->provider != FARM_PG)
		rc = farm_fail(err, FARM_EINVALID,
					   "invalid option \"schemas\": only provider \"postgresql\" has database schemas");
	return rc;
}
