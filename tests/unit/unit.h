/*-------------------------------------------------------------------------
 * unit.h
 *	  A minimal test harness for the core's unit tests: CHECK macros that
 *	  count and report failures, and golden-file comparison (set
 *	  FARM_UPDATE_GOLDEN=1 to rewrite the files from the current output).
 *	  Tests run from the repository root.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_UNIT_H
#define FARM_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	unit_failures = 0;
static int	unit_checks = 0;

#define CHECK(cond) \
	do { \
		unit_checks++; \
		if (!(cond)) \
		{ \
			unit_failures++; \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *g_ = (got); \
		const char *w_ = (want); \
		unit_checks++; \
		if (g_ == NULL || strcmp(g_, w_) != 0) \
		{ \
			unit_failures++; \
			printf("FAIL %s:%d: %s\n  got:  %s\n  want: %s\n", __FILE__, __LINE__, \
				   #got, g_ ? g_ : "(null)", w_); \
		} \
	} while (0)

static inline char *
unit_read_file(const char *path)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t) n + 1);
	if (buf && fread(buf, 1, (size_t) n, f) != (size_t) n)
	{
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Compare text with a golden file (path relative to the repository root). */
static inline void
unit_golden(const char *path, const char *text)
{
	char	   *want;

	unit_checks++;
	if (getenv("FARM_UPDATE_GOLDEN"))
	{
		FILE	   *f = fopen(path, "wb");

		if (f)
		{
			fputs(text, f);
			fclose(f);
		}
		return;
	}
	want = unit_read_file(path);
	if (want == NULL || strcmp(want, text) != 0)
	{
		unit_failures++;
		printf("FAIL golden %s differs (FARM_UPDATE_GOLDEN=1 rewrites it)\n--- got:\n%s\n", path, text);
	}
	free(want);
}

static inline int
unit_done(const char *name)
{
	printf("%s: %d checks, %d failures\n", name, unit_checks, unit_failures);
	return unit_failures ? 1 : 0;
}

#endif							/* FARM_UNIT_H */
