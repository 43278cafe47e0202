/*
 * tsv.c - the lexicon file reader. A file is read whole (capped), split
 * into lines and tab-separated fields; invalid UTF-8, NUL bytes and stray
 * carriage returns are reported with file:line:column. Part of lex/.
 */
#include "tsv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum rasd_status tsv_open(struct tsv *t, const char *path, struct rasd_error *err)
{
	FILE *f;
	size_t cap = 1 << 16, n = 0;
	char *data;

	memset(t, 0, sizeof(*t));
	t->path = path;
	if (err)
		snprintf(err->file, sizeof(err->file), "%.255s", path);
	f = fopen(path, "rb");
	if (!f)
		return rasd_error_set(err, RASD_EIO, 0, 0, "cannot open: %s", strerror(errno));
	data = malloc(cap);
	if (!data) {
		fclose(f);
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	}
	for (;;) {
		size_t got;
		if (n + 1 >= cap) {
			char *nd;
			if (cap >= TSV_MAX_FILE_BYTES) {
				free(data);
				fclose(f);
				return rasd_error_set(err, RASD_ETOOBIG, 0, 0,
						      "file larger than %u bytes",
						      TSV_MAX_FILE_BYTES);
			}
			nd = realloc(data, cap * 2);
			if (!nd) {
				free(data);
				fclose(f);
				return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			}
			data = nd;
			cap *= 2;
		}
		got = fread(data + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(data);
		fclose(f);
		return rasd_error_set(err, RASD_EIO, 0, 0, "read error");
	}
	fclose(f);
	data[n] = '\0';
	t->data = data;
	t->n = n;
	return RASD_OK;
}

void tsv_close(struct tsv *t)
{
	free(t->data);
	t->data = NULL;
}

enum rasd_status tsv_fail(struct tsv *t, struct rasd_error *err, size_t col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return RASD_ESYNTAX;
	snprintf(err->file, sizeof(err->file), "%.255s", t->path);
	err->status = RASD_ESYNTAX;
	err->line = t->line;
	err->column = (long)col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return RASD_ESYNTAX;
}

int tsv_next(struct tsv *t, struct rasd_error *err)
{
	while (t->pos < t->n) {
		size_t s = t->pos, e = s, i, f = 0;
		char *line;

		while (e < t->n && t->data[e] != '\n')
			e++;
		t->pos = e < t->n ? e + 1 : e;
		t->line++;
		t->line_start = s;
		if (e > s && t->data[e - 1] == '\r')
			e--;
		line = t->data + s;
		if (!rasd_utf8_valid(line, e - s)) {
			for (i = s; i < e; i++) {
				uint32_t cp;
				size_t l = rasd_utf8_decode(t->data + i, e - i, &cp);
				if (l == 0 || cp == 0)
					break;
				i += l - 1;
			}
			tsv_fail(t, err, 0, "invalid UTF-8 or NUL byte at byte %zu of the line",
				 i - s + 1);
			return -1;
		}
		/* Blank lines and comments. */
		for (i = s; i < e && (t->data[i] == ' ' || t->data[i] == '\t'); i++)
			;
		if (i == e || t->data[i] == '#')
			continue;
		t->data[e] = '\0';
		t->field[0].p = line;
		for (i = s; i <= e; i++) {
			if (i == e || t->data[i] == '\t') {
				if (f >= TSV_MAX_FIELDS) {
					tsv_fail(t, err, f + 1, "too many columns");
					return -1;
				}
				t->field[f].n = (size_t)(t->data + i - t->field[f].p);
				f++;
				if (i < e && f < TSV_MAX_FIELDS)
					t->field[f].p = t->data + i + 1;
			} else if (t->data[i] == '\r') {
				tsv_fail(t, err, f + 1, "carriage return inside a line");
				return -1;
			}
		}
		t->nfields = f;
		for (i = 0; i < f; i++) {
			struct rasd_str *fl = &t->field[i];
			if (fl->n && (fl->p[0] == ' ' || fl->p[fl->n - 1] == ' ')) {
				tsv_fail(t, err, i + 1, "leading or trailing space in '%.*s'",
					 (int)(fl->n > 60 ? 60 : fl->n), fl->p);
				return -1;
			}
		}
		return 1;
	}
	return 0;
}

bool tsv_field_is(const struct tsv *t, size_t i, const char *s)
{
	size_t n = strlen(s);
	return i < t->nfields && t->field[i].n == n && memcmp(t->field[i].p, s, n) == 0;
}

bool tsv_field_long(const struct tsv *t, size_t i, long min, long max, long *out)
{
	long v = 0;
	size_t k;
	bool neg = false;
	const struct rasd_str *f;

	if (i >= t->nfields)
		return false;
	f = &t->field[i];
	if (f->n == 0 || f->n > 18)
		return false;
	k = 0;
	if (f->p[0] == '-' || f->p[0] == '+') {
		neg = f->p[0] == '-';
		k = 1;
		if (f->n == 1)
			return false;
	}
	for (; k < f->n; k++) {
		if (f->p[k] < '0' || f->p[k] > '9')
			return false;
		v = v * 10 + (f->p[k] - '0');
	}
	if (neg)
		v = -v;
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool tsv_field_double(const struct tsv *t, size_t i, double min, double max, double *out)
{
	char tmp[40], *end;
	const struct rasd_str *f;
	double v;

	if (i >= t->nfields)
		return false;
	f = &t->field[i];
	if (f->n == 0 || f->n >= sizeof(tmp))
		return false;
	memcpy(tmp, f->p, f->n);
	tmp[f->n] = '\0';
	v = strtod(tmp, &end);
	if (*end != '\0' || v != v || v < min || v > max)
		return false;
	*out = v;
	return true;
}
