/*-------------------------------------------------------------------------
 * test_gate.c
 *	  Unit tests of shared/gate.c (the registration gate) as the write
 *	  operations of model.c apply it, and of shared/jsonnum.c (exact
 *	  numbers): every rule with its code and message, nothing appended
 *	  after a refusal, and a stored log written before a rule still
 *	  replays.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include <stdbool.h>

#include "gate.h"
#include "jsonnum.h"
#include "model.h"
#include "names.h"
#include "registry.h"

#define J(s) (s), strlen(s)

/*
 * One write on s must fail with code and message.  A failed write leaves
 * s to be discarded (model.h): every refusal below runs on a fresh schema.
 */
static void
refused(farm_schema *s, int rc, farm_strlist *out, farm_error *err, farm_code code,
		const char *msg, int line)
{
	unit_checks++;
	if (rc != (int) code || strcmp(err->msg, msg) != 0)
	{
		unit_failures++;
		printf("FAIL %s:%d: rc %d (want %d)\n  got:  %s\n  want: %s\n",
			   __FILE__, line, rc, (int) code, err->msg, msg);
	}
	(void) s;
	farm_strlist_free(out);
	farm_strlist_init(out);
}

#define REFUSED(s, call, code, msg) \
	do { \
		farm_strlist_free(&out); \
		farm_strlist_init(&out); \
		refused((s), (call), &out, &err, (code), (msg), __LINE__); \
	} while (0)

static farm_strlist out;
static farm_error err;

static farm_schema *
ns_with(const char *ns, const char *def)
{
	farm_schema *s = farm_schema_new(ns);

	farm_strlist_free(&out);
	farm_strlist_init(&out);
	if (def && farm_op_register(s, def, strlen(def), &out, &err) != FARM_OK)
	{
		printf("FATAL: cannot register %s: %s\n", ns, err.msg);
		exit(2);
	}
	return s;
}

#define NT "{\"tables\": [{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}]}]}"

/* A fresh copy of namespace n with table t (column a) for each refusal. */
#define FRESH_NT() (farm_schema_free(s), s = ns_with("n", NT))

static void
test_reserved_names(void)
{
	farm_schema *s = ns_with("n", NT);
	static const char *const sys[] = {"tableoid", "xmin", "cmin", "xmax", "cmax", "ctid"};
	size_t		i;
	char		def[200];
	char		msg[300];

	for (i = 0; i < sizeof(sys) / sizeof(sys[0]); i++)
	{
		snprintf(def, sizeof(def), "{\"name\": \"%s\", \"type\": \"string\", \"nullable\": true}", sys[i]);
		snprintf(msg, sizeof(msg), "namespace \"n\", table \"t\", column \"%s\": column name is reserved by PostgreSQL (system columns tableoid, xmin, cmin, xmax, cmax, ctid)", sys[i]);
		FRESH_NT();
		REFUSED(s, farm_op_add_column(s, "t", J(def), &out, &err), FARM_ENAME, msg);
	}
	FRESH_NT();
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"u\", \"columns\": [{\"name\": \"ctid\", \"type\": \"integer\"}]}"), &out, &err),
			FARM_ENAME, "namespace \"n\", table \"u\", column \"ctid\": column name is reserved by PostgreSQL (system columns tableoid, xmin, cmin, xmax, cmax, ctid)");
	/* quoted identifiers are exact on PostgreSQL: "Xmin" is a plain column */
	FRESH_NT();
	CHECK(farm_op_add_column(s, "t", J("{\"name\": \"Xmin\", \"type\": \"string\", \"nullable\": true}"), &out, &err) == FARM_OK);

	/* the sqlite_ prefix on the physical name, whatever made it */
	FRESH_NT();
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"SQLite\"}"), &out, &err),
			FARM_ENAME, "namespace \"n\", table \"SQLite\": the physical table name \"SQLite_n\" starts with \"sqlite_\", which SQLite reserves (in any case)");
	FRESH_NT();
	REFUSED(s, farm_op_add_index(s, "t", J("{\"name\": \"sqlite\", \"columns\": [\"a\"]}"), &out, &err),
			FARM_ENAME, "namespace \"n\", table \"t\", index \"sqlite\": the physical index name \"sqlite_n\" starts with \"sqlite_\", which SQLite reserves (in any case)");
	/* names Prisma's SQLite engine never describes or cannot describe */
	FRESH_NT();
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"_cf_KV\"}"), &out, &err),
			FARM_ENAME, "namespace \"n\", table \"_cf_KV\": the physical table name \"_cf_KV_n\" is one Prisma's SQLite schema engine never describes (\"_cf_\" and an upper-case letter, as in \"_cf_KV\", or \"d1_migrations\")");
	FRESH_NT();
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"_cf_METADATA_x\"}"), &out, &err),
			FARM_ENAME, "namespace \"n\", table \"_cf_METADATA_x\": the physical table name \"_cf_METADATA_x_n\" is one Prisma's SQLite schema engine never describes (\"_cf_\" and an upper-case letter, as in \"_cf_KV\", or \"d1_migrations\")");
	FRESH_NT();
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"a\\\"b\"}"), &out, &err),
			FARM_ENAME, "namespace \"n\", table \"a\\\"b\": table names must not contain '\"': Prisma's schema engine cannot describe such a database");
	FRESH_NT();
	REFUSED(s, farm_op_add_index(s, "t", J("{\"name\": \"i\\\"\", \"columns\": [\"a\"]}"), &out, &err),
			FARM_ENAME, "namespace \"n\", table \"t\", index \"i\\\"\": index names must not contain '\"': Prisma's schema engine cannot describe such a database");
	FRESH_NT();
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"_cf_K\"}"), &out, &err),
			FARM_ENAME, "namespace \"n\", table \"_cf_K\": the physical table name \"_cf_K_n\" is one Prisma's SQLite schema engine never describes (\"_cf_\" and an upper-case letter, as in \"_cf_KV\", or \"d1_migrations\")");
	/* the engine's rules are case-sensitive; a '"' in a column name is fine */
	FRESH_NT();
	CHECK(farm_op_add_table(s, J("{\"name\": \"_cf_kv\", \"columns\": [{\"name\": \"q\\\"\", \"type\": \"string\"}]}"), &out, &err) == FARM_OK);
	CHECK(s->version == 2);
	farm_schema_free(s);

	s = ns_with("migrations", NULL);
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"d1\"}"), &out, &err),
			FARM_ENAME, "namespace \"migrations\", table \"d1\": the physical table name \"d1_migrations\" is one Prisma's SQLite schema engine never describes (\"_cf_\" and an upper-case letter, as in \"_cf_KV\", or \"d1_migrations\")");
	CHECK(s->version == 0 && s->ntables == 0);
	farm_schema_free(s);
}

#define NJ "{\"tables\": [{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"j\", \"type\": \"json\"}]}]}"

static void
test_json_index(void)
{
	farm_schema *s = ns_with("n", NJ);

	REFUSED(s, farm_op_add_index(s, "t", J("{\"name\": \"ij\", \"columns\": [\"a\", \"j\"]}"), &out, &err),
			FARM_EUNSUPPORTED, "namespace \"n\", table \"t\", index \"ij\": column \"j\" has type json, which PostgreSQL cannot index (no btree operator class)");
	farm_schema_free(s);
	s = ns_with("n", NJ);
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"u\", \"columns\": [{\"name\": \"j\", \"type\": \"json\"}], \"indexes\": [{\"name\": \"uj\", \"columns\": [\"j\"], \"unique\": true}]}"), &out, &err),
			FARM_EUNSUPPORTED, "namespace \"n\", table \"u\", index \"uj\": column \"j\" has type json, which PostgreSQL cannot index (no btree operator class)");
	farm_schema_free(s);
	s = ns_with("n", NJ);
	REFUSED(s, farm_op_register(s, J("{\"tables\": [{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"j\", \"type\": \"json\"}], \"indexes\": [{\"name\": \"ij\", \"columns\": [\"j\"]}]}]}"), &out, &err),
			FARM_EUNSUPPORTED, "namespace \"n\", table \"t\", index \"ij\": column \"j\" has type json, which PostgreSQL cannot index (no btree operator class)");
	farm_schema_free(s);
}

static void
test_pg_sequence(void)
{
	/* 47 bytes: PostgreSQL's name and the plain one agree */
	const char *t47 = "abcdefghijabcdefghijabcdefghijabcdefghijabcdefg";
	char	   *seq;
	farm_schema *s;

	seq = farm_gate_pg_sequence(t47);
	CHECK_STR(seq, "abcdefghijabcdefghijabcdefghijabcdefghijabcdefg__internalId_seq");
	free(seq);
	/* 48 and more: the table name is cut to 47 bytes, no hash */
	seq = farm_gate_pg_sequence("abcdefghijabcdefghijabcdefghijabcdefghijabcdefgXYZ");
	CHECK_STR(seq, "abcdefghijabcdefghijabcdefghijabcdefghijabcdefg__internalId_seq");
	free(seq);
	/* cut back to a whole character: "\xc3\xa9" would straddle byte 47 */
	seq = farm_gate_pg_sequence("abcdefghijabcdefghijabcdefghijabcdefghijabcdef\xc3\xa9xyz");
	CHECK_STR(seq, "abcdefghijabcdefghijabcdefghijabcdefghijabcdef__internalId_seq");
	free(seq);
	seq = farm_gate_pg_sequence("t_ns");
	CHECK_STR(seq, "t_ns__internalId_seq");
	free(seq);

	/* an index with PostgreSQL's own sequence name is refused (it was accepted before) */
	s = ns_with("seq", "{\"tables\": [{\"name\": \"abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh\", \"columns\": [{\"name\": \"x\", \"type\": \"string\"}]}]}");
	REFUSED(s, farm_op_add_index(s, "abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh", J("{\"name\": \"abcdefghijabcdefghijabcdefghijabcdefghijabcdefg__internalId\", \"columns\": [\"x\"]}"), &out, &err),
			FARM_EDUPLICATE, "namespace \"seq\", table \"abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh\", index \"abcdefghijabcdefghijabcdefghijabcdefghijabcdefg__internalId\": the physical name \"abcdefghijabcdefghijabcdefghijabcdefghijabcdefg__internalId_seq\" of this index is already used by another table or index");
	farm_schema_free(s);
}

static void
test_constraint_names(void)
{
	farm_schema *s = ns_with("fkey", NULL);
	farm_schema *a;
	farm_gate	g;

	/* PostgreSQL (Prisma): one name space per model for keys, indexes and foreign keys */
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"t\", \"columns\": [{\"name\": \"c\", \"type\": \"reference\", \"references\": \"t\", \"nullable\": true}], \"indexes\": [{\"name\": \"t_fkey_c\", \"columns\": [\"c\"]}]}"), &out, &err),
			FARM_EDUPLICATE, "namespace \"fkey\", table \"t\", column \"c\": the name \"t_fkey_c_fkey\" of this column's foreign key is already used by an index or key of the same table (Prisma, PostgreSQL: a model's primary key, indexes, unique constraints and foreign keys share one name space)");
	farm_schema_free(s);
	s = ns_with("fkey", "{\"tables\": [{\"name\": \"t\", \"columns\": [{\"name\": \"x\", \"type\": \"string\"}], \"indexes\": [{\"name\": \"t_fkey_c\", \"columns\": [\"x\"]}]}]}");
	REFUSED(s, farm_op_add_column(s, "t", J("{\"name\": \"c\", \"type\": \"reference\", \"references\": \"t\", \"nullable\": true}"), &out, &err),
			FARM_EDUPLICATE, "namespace \"fkey\", table \"t\", column \"c\": the name \"t_fkey_c_fkey\" of this column's foreign key is already used by an index or key of the same table (Prisma, PostgreSQL: a model's primary key, indexes, unique constraints and foreign keys share one name space)");
	/* the same name on another table's index is no clash in Prisma or PostgreSQL */
	farm_schema_free(s);
	s = ns_with("fkey", "{\"tables\": [{\"name\": \"t\", \"columns\": [{\"name\": \"x\", \"type\": \"string\"}], \"indexes\": [{\"name\": \"t_fkey_c\", \"columns\": [\"x\"]}]}]}");
	CHECK(farm_op_add_table(s, J("{\"name\": \"u\", \"columns\": [{\"name\": \"c\", \"type\": \"reference\", \"references\": \"t\", \"nullable\": true}]}"), &out, &err) == FARM_OK);
	farm_schema_free(s);

	/* MySQL: foreign-key names are unique in the whole database */
	a = ns_with("n", "{\"tables\": [{\"name\": \"a\", \"columns\": [{\"name\": \"b_n_c\", \"type\": \"reference\", \"references\": \"a\", \"nullable\": true}]}]}");
	REFUSED(a, farm_op_add_table(a, J("{\"name\": \"a_n_b\", \"columns\": [{\"name\": \"c\", \"type\": \"reference\", \"references\": \"a\", \"nullable\": true}]}"), &out, &err),
			FARM_EDUPLICATE, "namespace \"n\", table \"a_n_b\", column \"c\": the foreign-key name \"a_n_b_n_c_fkey\" of this column's foreign key is already used by another foreign key (MySQL: foreign-key names are unique in the whole database)");
	farm_schema_free(a);
	/* ... also between namespaces: "p" + "_n_" + "q_m_r" and "p_n_q" + "_m_" + "r" */
	a = ns_with("n", "{\"tables\": [{\"name\": \"p\", \"columns\": [{\"name\": \"q_m_r\", \"type\": \"reference\", \"references\": \"p\", \"nullable\": true}]}]}");
	farm_gate_init(&g);
	CHECK(farm_gate_add_schema(&g, a, &err) == FARM_OK);
	s = ns_with("m", NULL);
	farm_schema_set_gate(s, &g);
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"p_n_q\", \"columns\": [{\"name\": \"r\", \"type\": \"reference\", \"references\": \"p_n_q\", \"nullable\": true}]}"), &out, &err),
			FARM_EDUPLICATE, "namespace \"m\", table \"p_n_q\", column \"r\": the physical name \"p_n_q_m_r_fkey\" of this column's foreign key is already used by namespace \"n\" (foreign-key names are unique in the whole database on MySQL)");
	CHECK(s->version == 0);
	farm_schema_free(s);
	farm_gate_free(&g);
	farm_schema_free(a);
}

static void
test_namespaces(void)
{
	farm_schema *c = ns_with("c", "{\"tables\": [{\"name\": \"a_b\", \"columns\": [{\"name\": \"r\", \"type\": \"reference\", \"references\": \"a_b\", \"nullable\": true}]}]}");
	farm_schema *ab = ns_with("a-b", "{\"tables\": [{\"name\": \"t\"}]}");
	farm_schema *kv = ns_with("Kv", "{\"tables\": [{\"name\": \"t\"}]}");
	farm_schema *s;
	farm_gate	g;

	farm_gate_init(&g);
	CHECK(farm_gate_add_schema(&g, c, &err) == FARM_OK);
	CHECK(farm_gate_add_schema(&g, ab, &err) == FARM_OK);
	CHECK(farm_gate_add_schema(&g, kv, &err) == FARM_OK);
	/* the internal schema's names are not another namespace's */
	CHECK(farm_gate_claim(&g, c, "x", NULL, NULL, "FRAGNO_DB_SETTINGS", false, "table", &err) == FARM_OK);
	CHECK(farm_gate_claim(&g, c, "x", NULL, NULL, "A_B_C", false, "table", &err) == FARM_EDUPLICATE);
	CHECK(farm_gate_claim(&g, c, "x", NULL, NULL, "a_b_c_r_fkey", true, "fk", &err) == FARM_EDUPLICATE);
	CHECK(farm_gate_claim(&g, c, "x", NULL, NULL, "a_b_c_r_fkey", false, "table", &err) == FARM_OK);

	/* physical names of two namespaces, case-insensitively (SQLite) */
	s = ns_with("b_c", NULL);
	farm_schema_set_gate(s, &g);
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"a\"}"), &out, &err),
			FARM_EDUPLICATE, "namespace \"b_c\", table \"a\": the physical name \"a_b_c\" of this table is already used by namespace \"c\"");
	farm_schema_free(s);
	s = ns_with("b_c", NULL);
	farm_schema_set_gate(s, &g);
	REFUSED(s, farm_op_register(s, J("{\"tables\": [{\"name\": \"x\", \"indexes\": []}, {\"name\": \"A\"}]}"), &out, &err),
			FARM_EDUPLICATE, "namespace \"b_c\", table \"A\": the physical name \"A_b_c\" of this table is already used by namespace \"c\"");
	farm_schema_free(s);
	s = ns_with("b_c", NULL);
	farm_schema_set_gate(s, &g);
	CHECK(farm_op_add_table(s, J("{\"name\": \"ok\", \"columns\": [{\"name\": \"x\", \"type\": \"string\"}]}"), &out, &err) == FARM_OK);
	/* indexes too */
	REFUSED(s, farm_op_add_index(s, "ok", J("{\"name\": \"A\", \"columns\": [\"x\"]}"), &out, &err),
			FARM_EDUPLICATE, "namespace \"b_c\", table \"ok\", index \"A\": the physical name \"A_b_c\" of this index is already used by namespace \"c\"");
	farm_schema_free(s);

	/* Prisma model names: "a_b" and "kv" share their suffix with "a-b" and "Kv" */
	s = ns_with("a_b", NULL);
	farm_schema_set_gate(s, &g);
	REFUSED(s, farm_op_add_table(s, J("{\"name\": \"u\"}"), &out, &err),
			FARM_EDUPLICATE, "namespace \"a_b\": namespace \"a-b\" exists: Prisma model names end in \"_a_b\" for both (\"-\" is written \"_\", case is ignored), so their models would clash");
	CHECK(s->version == 0 && s->ntables == 0);
	farm_schema_free(s);
	s = ns_with("kv", NULL);
	farm_schema_set_gate(s, &g);
	REFUSED(s, farm_op_register(s, J("{\"tables\": [{\"name\": \"u\"}]}"), &out, &err),
			FARM_EDUPLICATE, "namespace \"kv\": namespace \"Kv\" exists: Prisma model names end in \"_kv\" for both (\"-\" is written \"_\", case is ignored), so their models would clash");
	farm_schema_free(s);
	/* a namespace of its own suffix is fine */
	s = ns_with("a_b_c", NULL);
	farm_schema_set_gate(s, &g);
	CHECK(farm_op_add_table(s, J("{\"name\": \"t\"}"), &out, &err) == FARM_OK);
	farm_schema_free(s);

	farm_gate_free(&g);
	farm_schema_free(c);
	farm_schema_free(ab);
	farm_schema_free(kv);
}

/* farm_gate_build skips the written namespace and keeps replays in the cache. */
static void
test_build(void)
{
	farm_registry r;
	farm_schema_cache cache;
	farm_gate	g;
	const char *op = "{\"op\":\"add-table\",\"table\":{\"name\":\"t\",\"columns\":[],\"indexes\":[]}}";

	farm_registry_init(&r);
	farm_cache_init(&cache);
	farm_gate_init(&g);
	CHECK(farm_registry_add(&r, "one", 1, op, strlen(op), &err) == FARM_OK);
	CHECK(farm_registry_add(&r, "two", 1, op, strlen(op), &err) == FARM_OK);
	CHECK(farm_gate_build(&g, &r, "one", &cache, &err) == FARM_OK);
	CHECK(g.n == 1 && strcmp(g.others[0]->ns, "two") == 0);
	CHECK(farm_gate_claim(&g, g.others[0], "t", NULL, NULL, "t_two", false, "table", &err) == FARM_EDUPLICATE);
	CHECK(farm_gate_namespace(&g, "Two", &err) == FARM_EDUPLICATE);
	CHECK(farm_gate_namespace(&g, "one", &err) == FARM_OK);
	/* given back, the next write finds it cached */
	farm_gate_release(&g, &cache);
	CHECK(cache.slots[0].s != NULL || cache.slots[1].s != NULL);
	farm_gate_free(&g);
	farm_cache_clear(&cache);
	farm_registry_free(&r);
}

/* A log written before a rule existed still replays: the gate judges writes only. */
static void
test_replay_tolerates_old_logs(void)
{
	char	   *ops[3];
	size_t		lens[3];
	farm_schema *s;
	int			i;

	ops[0] = "{\"op\":\"add-table\",\"table\":{\"name\":\"t\",\"columns\":[{\"name\":\"xmin\",\"type\":\"string\"},{\"name\":\"j\",\"type\":\"json\"},{\"name\":\"c\",\"type\":\"reference\",\"references\":\"t\"}],\"indexes\":[{\"name\":\"ij\",\"columns\":[\"j\"]},{\"name\":\"t_fkey_c\",\"columns\":[\"c\"]}]}}";
	ops[1] = "{\"op\":\"add-table\",\"table\":{\"name\":\"sqlite\",\"columns\":[],\"indexes\":[]}}";
	ops[2] = "{\"op\":\"add-table\",\"table\":{\"name\":\"u\",\"columns\":[{\"name\":\"c\",\"type\":\"reference\",\"references\":\"t\"}],\"indexes\":[]}}";
	for (i = 0; i < 3; i++)
		lens[i] = strlen(ops[i]);
	s = farm_schema_replay("fkey", ops, lens, 3, -1, &err);
	CHECK(s != NULL);
	if (s == NULL)
		printf("    %s\n", err.msg);
	else
	{
		CHECK(s->version == 3 && s->ntables == 3);
		/* and the next write is judged: a new clash with the old names is refused */
		REFUSED(s, farm_op_add_column(s, "t", J("{\"name\": \"cmax\", \"type\": \"string\", \"nullable\": true}"), &out, &err),
				FARM_ENAME, "namespace \"fkey\", table \"t\", column \"cmax\": column name is reserved by PostgreSQL (system columns tableoid, xmin, cmin, xmax, cmax, ctid)");
	}
	farm_schema_free(s);
}

static void
test_exact_numbers(void)
{
	farm_schema *s = ns_with("d", NULL);
	char	   *js;
	json_error_t jerr;
	json_t	   *v;

	CHECK(farm_op_add_table(s, J("{\"name\": \"t\", \"columns\": ["
								 "{\"name\": \"a\", \"type\": \"decimal\", \"default\": {\"value\": 12345678901234567890.5}},"
								 "{\"name\": \"b\", \"type\": \"decimal\", \"default\": {\"value\": 123456789012345678901234}},"
								 "{\"name\": \"c\", \"type\": \"decimal\", \"default\": {\"value\": 1.50}},"
								 "{\"name\": \"e\", \"type\": \"decimal\", \"default\": {\"value\": -25E-3}},"
								 "{\"name\": \"z\", \"type\": \"decimal\", \"default\": {\"value\": -0.0}},"
								 "{\"name\": \"j\", \"type\": \"json\", \"default\": {\"value\": {\"y\": [123456789012345678901234567890, 1.0], \"x\": 0.30000000000000009}}}]}"),
							&out, &err) == FARM_OK);
	CHECK_STR(s->tables[0]->cols[0].dvalue, "12345678901234567890.5");
	CHECK_STR(s->tables[0]->cols[1].dvalue, "123456789012345678901234");
	CHECK_STR(s->tables[0]->cols[2].dvalue, "1.5");
	CHECK_STR(s->tables[0]->cols[3].dvalue, "-0.025");
	CHECK_STR(s->tables[0]->cols[4].dvalue, "0");
	CHECK_STR(s->tables[0]->cols[5].dvalue, "{\"x\":0.30000000000000009,\"y\":[123456789012345678901234567890,1.0]}");
	/* the canonical JSON feeds back as a no-op */
	js = farm_schema_json(s);
	farm_strlist_free(&out);
	farm_strlist_init(&out);
	CHECK(farm_op_register(s, js, strlen(js), &out, &err) == FARM_OK && out.n == 0);
	free(js);
	REFUSED(s, farm_op_add_column(s, "t", J("{\"name\": \"i\", \"type\": \"bigint\", \"default\": {\"value\": 9223372036854775808}}"), &out, &err),
			FARM_EINVALID, "namespace \"d\", table \"t\", column \"i\": default value must be an integer between -9223372036854775808 and 9223372036854775807");
	REFUSED(s, farm_op_add_column(s, "t", J("{\"name\": \"i\", \"type\": \"decimal\", \"default\": {\"value\": 1e-31}}"), &out, &err),
			FARM_EINVALID, "namespace \"d\", table \"t\", column \"i\": default value 1e-31 does not fit decimal(65,30): at most 35 digits before the point and 30 after");
	REFUSED(s, farm_op_add_column(s, "t", J("{\"name\": \"i\", \"type\": \"string\", \"default\": {\"value\": 1.5}}"), &out, &err),
			FARM_EINVALID, "namespace \"d\", table \"t\", column \"i\": default value must be a string for type string");
	REFUSED(s, farm_op_add_column(s, "t", J("{\"name\": 1.5, \"type\": \"string\"}"), &out, &err),
			FARM_EINVALID, "namespace \"d\", table \"t\": column \"name\" must be a string");
	farm_schema_free(s);

	/* jansson's own messages for the text as written */
	{
		json_error_t plain;

		v = farm_jsonnum_loadb(J("{\"a\": 1.5, }"), 0, &jerr);
		CHECK(v == NULL && json_loadb(J("{\"a\": 1.5, }"), 0, &plain) == NULL);
		CHECK(jerr.column == plain.column && strcmp(jerr.text, plain.text) == 0);
	}
	v = farm_jsonnum_loadb(J("{\"a\": \"\\u0000\", \"b\": 1.5}"), 0, &jerr);
	CHECK(v == NULL && strstr(jerr.text, "\\u0000 is not allowed") != NULL);
	/* digits inside strings are left alone */
	v = farm_jsonnum_loadb(J("[\"1.5\", \"\\\"2.5\", 3.5, -4]"), 0, &jerr);
	CHECK(v != NULL && farm_jsonnum_is_string(json_array_get(v, 0)) &&
		  strcmp(json_string_value(json_array_get(v, 1)), "\"2.5") == 0 &&
		  strcmp(farm_jsonnum_token(json_array_get(v, 2)), "3.5") == 0 &&
		  json_is_integer(json_array_get(v, 3)));
	js = farm_jsonnum_dumps(v, JSON_COMPACT);
	CHECK_STR(js, "[\"1.5\",\"\\\"2.5\",3.5,-4]");
	free(js);
	json_decref(v);
}

int
main(void)
{
	farm_strlist_init(&out);
	memset(&err, 0, sizeof(err));
	test_reserved_names();
	test_json_index();
	test_pg_sequence();
	test_constraint_names();
	test_namespaces();
	test_build();
	test_replay_tolerates_old_logs();
	test_exact_numbers();
	farm_strlist_free(&out);
	printf("test_gate: %d checks, %d failures\n", unit_checks, unit_failures);
	return unit_failures ? 1 : 0;
}
