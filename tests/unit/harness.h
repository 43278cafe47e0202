/*
 * harness.h - the unit-test harness: CHECK macros that count and report,
 * and a main() that runs each TEST in the file and prints one summary line
 * "name: N passed, N failed" that tests/run.sh adds up.
 */
#ifndef RASD_TEST_HARNESS_H
#define RASD_TEST_HARNESS_H

#include "rasd.h"

#include <stdio.h>
#include <string.h>

static int t_passed, t_failed;
static const char *t_name;

#define CHECK(cond)                                                                        \
	do {                                                                               \
		if (cond) {                                                                \
			t_passed++;                                                        \
		} else {                                                                   \
			t_failed++;                                                        \
			fprintf(stderr, "%s:%d: %s: check failed: %s\n", __FILE__,        \
				__LINE__, t_name, #cond);                                  \
		}                                                                          \
	} while (0)

#define CHECK_STR(got, want)                                                               \
	do {                                                                               \
		const char *g_ = (got), *w_ = (want);                                      \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                                     \
			t_passed++;                                                        \
		} else {                                                                   \
			t_failed++;                                                        \
			fprintf(stderr, "%s:%d: %s: got '%s', want '%s'\n", __FILE__,      \
				__LINE__, t_name, g_ ? g_ : "(null)", w_ ? w_ : "(null)");  \
		}                                                                          \
	} while (0)

#define CHECK_INT(got, want)                                                               \
	do {                                                                               \
		long long g_ = (long long)(got), w_ = (long long)(want);                   \
		if (g_ == w_) {                                                            \
			t_passed++;                                                        \
		} else {                                                                   \
			t_failed++;                                                        \
			fprintf(stderr, "%s:%d: %s: got %lld, want %lld (%s)\n", __FILE__, \
				__LINE__, t_name, g_, w_, #got);                           \
		}                                                                          \
	} while (0)

typedef void (*test_fn)(void);
struct test_case {
	const char *name;
	test_fn fn;
};

#define TEST(name) static void name(void)
#define RUN_TESTS(...)                                                                     \
	int main(void)                                                                     \
	{                                                                                  \
		static const struct test_case cases[] = {__VA_ARGS__};                     \
		size_t i_;                                                                 \
		for (i_ = 0; i_ < sizeof(cases) / sizeof(cases[0]); i_++) {                \
			t_name = cases[i_].name;                                           \
			cases[i_].fn();                                                    \
		}                                                                          \
		printf("%s: %d passed, %d failed\n", __FILE__, t_passed, t_failed);        \
		return t_failed ? 1 : 0;                                                   \
	}
#define T(fn) {#fn, fn}

#endif
