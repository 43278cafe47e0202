/*
 * tsv.h - reading the plain-text lexicon files: one entry per line, tab
 * separated, '#' comments, validated with file:line:column errors
 * (lex/ internal).
 */
#ifndef RASD_LEX_TSV_H
#define RASD_LEX_TSV_H

#include "rasd.h"

#define TSV_MAX_FIELDS 16
#define TSV_MAX_FILE_BYTES (256u * 1024u * 1024u)

struct tsv {
	const char *path;
	char *data; /* whole file, heap */
	size_t n;
	size_t pos;
	long line;
	struct rasd_str field[TSV_MAX_FIELDS];
	size_t nfields;
	size_t line_start;
};

enum rasd_status tsv_open(struct tsv *t, const char *path, struct rasd_error *err);
void tsv_close(struct tsv *t);
/* Next data line (comments and blank lines skipped): 1, or 0 at the end, or
 * -1 with err filled on a malformed line. */
int tsv_next(struct tsv *t, struct rasd_error *err);
/* Fail on the current line with a message about field `col` (1-based). */
enum rasd_status tsv_fail(struct tsv *t, struct rasd_error *err, size_t col, const char *fmt,
			  ...) RASD_PRINTF(4, 5);
/* Field checks. */
bool tsv_field_is(const struct tsv *t, size_t i, const char *s);
bool tsv_field_long(const struct tsv *t, size_t i, long min, long max, long *out);
bool tsv_field_double(const struct tsv *t, size_t i, double min, double max, double *out);

#endif
