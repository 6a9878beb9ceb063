/*-------------------------------------------------------------------------
 * test_names.c
 *	  Unit tests of shared/names.c, shared/buf.c and shared/map.c: UTF-8
 *	  checks, namespace and name rules, physical names and the 63-byte
 *	  hashing rule (including UTF-8 boundaries), quoting, identifiers.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include "buf.h"
#include "map.h"
#include "names.h"

static char *
quoted(void (*fn) (farm_buf *, const char *), const char *s)
{
	farm_buf	b;

	farm_buf_init(&b);
	fn(&b, s);
	return farm_buf_steal(&b);
}

static void
test_utf8(void)
{
	CHECK(farm_utf8_valid("abc", 3));
	CHECK(farm_utf8_valid("\xC3\xA9", 2));			/* é */
	CHECK(farm_utf8_valid("\xF0\x9F\x98\x80", 4));	/* emoji */
	CHECK(!farm_utf8_valid("\xC3", 1));				/* truncated */
	CHECK(!farm_utf8_valid("\xC0\x80", 2));			/* overlong NUL */
	CHECK(!farm_utf8_valid("\xED\xA0\x80", 3));		/* surrogate */
	CHECK(!farm_utf8_valid("\xF4\x90\x80\x80", 4));	/* > U+10FFFF */
	CHECK(!farm_utf8_valid("a\0b", 3));				/* embedded NUL */
	CHECK(farm_utf8_count("h\xC3\xA9llo") == 5);
}

static void
test_namespace(void)
{
	CHECK(farm_namespace_valid("comment-fragment", 16));
	CHECK(farm_namespace_valid("a", 1));
	CHECK(farm_namespace_valid("A_b-9", 5));
	CHECK(!farm_namespace_valid("", 0));
	CHECK(!farm_namespace_valid("-a", 2));
	CHECK(!farm_namespace_valid("9a", 2));
	CHECK(!farm_namespace_valid("a b", 3));
	CHECK(!farm_namespace_valid("a.b", 3));
	CHECK(!farm_namespace_valid("a\"b", 3));
	CHECK(!farm_namespace_valid("\xC3\xA9", 2));
	CHECK(farm_namespace_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 63));
	CHECK(!farm_namespace_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 64));
}

static void
test_name_problem(void)
{
	CHECK(farm_name_problem("comment", 7) == NULL);
	CHECK(farm_name_problem("with space-and-dash", 19) == NULL);
	CHECK(farm_name_problem("\xC3\xBC" "ber", 5) == NULL);
	CHECK_STR(farm_name_problem("", 0), "name is empty");
	CHECK_STR(farm_name_problem("a\tb", 3), "name contains a control character");
	CHECK_STR(farm_name_problem("a\xC2\x85", 3), "name contains a control character");
	CHECK_STR(farm_name_problem("a\x7f", 2), "name contains a control character");
	CHECK_STR(farm_name_problem("a\0b", 3), "name contains a NUL byte");
	CHECK_STR(farm_name_problem("\xFF", 1), "name is not valid UTF-8");
	CHECK_STR(farm_name_problem("0123456789012345678901234567890123456789012345678901234567890123", 64),
			  "name is longer than 63 bytes");
}

static void
test_physical(void)
{
	char	   *n;
	char	   *m;
	char		longname[200];
	size_t		i;

	n = farm_table_physical("comment-fragment", "comment");
	CHECK_STR(n, "comment_comment-fragment");
	free(n);
	n = farm_table_physical("", "fragno_hooks");
	CHECK_STR(n, "fragno_hooks");
	free(n);
	n = farm_index_physical("ns", "idx");
	CHECK_STR(n, "idx_ns");
	free(n);

	/* exactly 63 bytes: kept */
	memset(longname, 'a', 60);
	longname[60] = '\0';
	n = farm_table_physical("ns", longname);
	CHECK(strlen(n) == 63);
	CHECK(strncmp(n, longname, 60) == 0);
	free(n);

	/* 64 bytes: 54-byte prefix + "_" + 8 hex digits, deterministic */
	longname[61] = '\0';
	memset(longname, 'a', 61);
	n = farm_table_physical("ns", longname);
	m = farm_table_physical("ns", longname);
	CHECK(strlen(n) == 63);
	CHECK(strncmp(n, longname, 54) == 0);
	CHECK(n[54] == '_');
	for (i = 55; i < 63; i++)
		CHECK((n[i] >= '0' && n[i] <= '9') || (n[i] >= 'a' && n[i] <= 'f'));
	CHECK_STR(n, m);
	free(m);

	/* a neighbour differing only past the cut gets another name */
	longname[60] = 'b';
	m = farm_table_physical("ns", longname);
	CHECK(strcmp(n, m) != 0);
	CHECK(strncmp(n, m, 54) == 0);
	free(n);
	free(m);

	/* the rule is fixed forever: pin one value (checked independently with a Python FNV-1a) */
	n = farm_physical_name3("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", "");
	CHECK_STR(n, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_d83db239");
	free(n);

	/* UTF-8 boundary: 53 ASCII bytes + a 2-byte char would end at 55 > 54 */
	memset(longname, 'x', 53);
	memcpy(longname + 53, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 10);
	longname[63] = '\0';
	n = farm_physical_name3(longname, "_ns", "");
	CHECK(strlen(n) == 53 + 9);
	CHECK(farm_utf8_valid(n, strlen(n)));
	free(n);
	/* 52 ASCII + 2-byte char fits exactly at 54 */
	memset(longname, 'x', 52);
	memcpy(longname + 52, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 12);
	longname[64] = '\0';
	n = farm_physical_name3(longname, "", "");
	CHECK(strlen(n) == 63);
	CHECK(farm_utf8_valid(n, strlen(n)));
	CHECK(memcmp(n + 52, "\xC3\xA9_", 3) == 0);
	free(n);
	/* 4-byte characters only */
	longname[0] = '\0';
	for (i = 0; i < 16; i++)
		strcat(longname, "\xF0\x9F\x98\x80");
	n = farm_physical_name3(longname, "", "");
	CHECK(strlen(n) == 52 + 9);
	CHECK(farm_utf8_valid(n, strlen(n)));
	free(n);
}

static void
test_quoting(void)
{
	char	   *q;
	farm_buf	b;

	q = quoted(farm_buf_sql_ident, "a\"b");
	CHECK_STR(q, "\"a\"\"b\"");
	free(q);
	q = quoted(farm_buf_sql_literal, "it's");
	CHECK_STR(q, "'it''s'");
	free(q);
	q = quoted(farm_buf_sql_ident, "x\"; DROP TABLE t; --");
	CHECK_STR(q, "\"x\"\"; DROP TABLE t; --\"");
	free(q);
	q = quoted(farm_buf_json_string, "a\"b\\c\nd\x01");
	CHECK_STR(q, "\"a\\\"b\\\\c\\nd\\u0001\"");
	free(q);

	farm_buf_init(&b);
	farm_buf_err_name(&b, "a\nb\xFF", 4);
	CHECK_STR(b.data, "\"a\\x0Ab\\xFF\"");
	farm_buf_reset(&b);
	farm_buf_err_name(&b, "0123456789012345678901234567890123456789012345678901234567890123456789", 70);
	CHECK_STR(b.data, "\"0123456789012345678901234567890123456789012345678901234567890123...\"");
	farm_buf_free(&b);
}

static void
test_prisma_ident(void)
{
	farm_buf	b;

	CHECK(farm_prisma_ident_ok("authorId"));
	CHECK(farm_prisma_ident_ok("a_b9"));
	CHECK(!farm_prisma_ident_ok("_internalId"));
	CHECK(!farm_prisma_ident_ok("9a"));
	CHECK(!farm_prisma_ident_ok("a-b"));
	CHECK(!farm_prisma_ident_ok("a b"));
	CHECK(!farm_prisma_ident_ok("\xC3\xA9"));
	farm_buf_init(&b);
	farm_buf_prisma_ident(&b, "_internalId", "f");
	CHECK_STR(b.data, "internalId");
	farm_buf_reset(&b);
	farm_buf_prisma_ident(&b, "first name-x", "f");
	CHECK_STR(b.data, "first_name_x");
	farm_buf_reset(&b);
	farm_buf_prisma_ident(&b, "9lives", "f");
	CHECK_STR(b.data, "lives");
	farm_buf_reset(&b);
	farm_buf_prisma_ident(&b, "\xE6\x97\xA5\xE6\x9C\xAC", "field");
	CHECK_STR(b.data, "field");
	farm_buf_reset(&b);
	farm_buf_prisma_ident(&b, "pr\xC3\xA9nom", "f");
	CHECK_STR(b.data, "pr_nom");
	farm_buf_free(&b);
}

static void
test_map(void)
{
	farm_map	m;
	char		keys[3000][16];
	int			i;
	bool		ok = true;

	farm_map_init(&m, true);
	CHECK(farm_map_get(&m, "x") == -1);
	for (i = 0; i < 3000; i++)
	{
		snprintf(keys[i], sizeof(keys[i]), "Key%d", i);
		ok = ok && farm_map_put(&m, keys[i], i);
	}
	CHECK(ok);
	CHECK(m.n == 3000);
	CHECK(farm_map_get(&m, "key2999") == 2999);
	CHECK(farm_map_get(&m, "KEY0") == 0);
	CHECK(farm_map_get(&m, "key3000") == -1);
	CHECK(farm_map_put(&m, "KEY7", 70));
	CHECK(farm_map_get(&m, "key7") == 70);
	CHECK(m.n == 3000);
	farm_map_free(&m);

	farm_map_init(&m, false);
	CHECK(farm_map_put(&m, "Abc", 1));
	CHECK(farm_map_get(&m, "abc") == -1);
	CHECK(farm_map_get(&m, "Abc") == 1);
	farm_map_free(&m);
	CHECK(farm_strcasecmp("ABC", "abc") == 0);
	CHECK(farm_strcasecmp("abc", "abd") < 0);
	/* only ASCII folds (SQLite's rule) */
	CHECK(farm_strcasecmp("\xC3\x89", "\xC3\xA9") != 0);
}

int
main(void)
{
	test_utf8();
	test_namespace();
	test_name_problem();
	test_physical();
	test_quoting();
	test_prisma_ident();
	test_map();
	return unit_done("test_names");
}
