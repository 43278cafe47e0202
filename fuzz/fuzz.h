/*
 * fuzz.h - what the libFuzzer targets in fuzz/ share: the check macro that
 * turns a broken invariant into a crash libFuzzer can minimize, UTF-8
 * boundary helpers, and the lexicon loaded once from data/ (found via
 * $RASD_DATA, next to the binary, or ./data). The same targets are
 * replayed over fuzz/seeds/ and fuzz/regressions/ by
 * tests/unit/test_hostile.c, which includes them; so everything here is
 * static and every target names its own helpers with its own prefix.
 */
#ifndef RASD_FUZZ_H
#define RASD_FUZZ_H

#include "rasd.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A broken invariant is a crash: libFuzzer saves the input, the replay
 * test fails loudly with the condition and where it is. */
#define FUZZ_CHECK(cond)                                                                   \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,        \
				__LINE__, #cond);                                          \
			abort();                                                           \
		}                                                                          \
	} while (0)

/* Is off a character boundary of the valid UTF-8 text p[0..n)? */
static inline bool fuzz_boundary(const char *p, size_t n, size_t off)
{
	if (off == 0 || off == n)
		return true;
	return off < n && ((unsigned char)p[off] & 0xC0) != 0x80;
}

/* A NUL-terminated string that is valid UTF-8 (NULL is allowed). */
static inline bool fuzz_valid_cstr(const char *s)
{
	return !s || rasd_utf8_valid(s, strlen(s));
}

static inline bool fuzz_has_lexicons(const char *dir)
{
	char path[4200];
	struct stat st;

	snprintf(path, sizeof(path), "%.4000s/triggers.tsv", dir);
	return stat(path, &st) == 0;
}

/* The project's data/ directory, or NULL. */
static inline const char *fuzz_data_dir(void)
{
	static char buf[4200];
	static const char *const up[] = {"/../../data", "/../../../data", "/../data"};
	const char *env = getenv("RASD_DATA");
	char exe[4096];
	ssize_t len;
	size_t i;

	if (env && *env)
		return env;
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		char *slash;
		exe[len] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			for (i = 0; i < sizeof(up) / sizeof(up[0]); i++) {
				snprintf(buf, sizeof(buf), "%.4000s%s", exe, up[i]);
				if (fuzz_has_lexicons(buf))
					return buf;
			}
		}
	}
	return fuzz_has_lexicons("data") ? "data" : NULL;
}

/*
 * The lexicons of data/, loaded on first use and kept for the process
 * (reachable through this pointer, so leak checkers stay quiet). NULL with
 * a message on stderr when they cannot be loaded.
 */
static inline const struct rasd_lexicon *fuzz_lexicon(void)
{
	static struct rasd_lexicon *lex;
	static bool tried;
	struct rasd_error err;
	const char *dir;

	if (tried)
		return lex;
	tried = true;
	dir = fuzz_data_dir();
	if (!dir) {
		fprintf(stderr, "fuzz: no data/ directory (set RASD_DATA)\n");
		return NULL;
	}
	if (rasd_lexicon_load(dir, NULL, 0, &lex, &err) != RASD_OK) {
		fprintf(stderr, "fuzz: cannot load lexicons from %s: %s:%ld: %s\n", dir, err.file,
			err.line, err.msg);
		lex = NULL;
	}
	return lex;
}

/* Days of 1900-01-01 .. 2200-12-31 from two input bytes, or "unknown" (the
 * range rasd_date_parse accepts for a publication date). */
static inline int32_t fuzz_published(uint8_t hi, uint8_t lo)
{
	int32_t first = rasd_days_from_civil(1900, 1, 1), last = rasd_days_from_civil(2200, 12, 31);
	unsigned v = (unsigned)hi << 8 | lo;

	if (v == 0xFFFF)
		return INT32_MIN;
	/* Most inputs should land near today, where relative dates resolve. */
	if (v < 0x8000)
		return rasd_days_from_civil(2015, 1, 1) + (int32_t)(v % 4000);
	return first + (int32_t)(v % (unsigned)(last - first + 1));
}

#endif
