/*
 * buf.c - growable, capped byte buffers (output lines, messages, CSV and
 * JSON writers). Never NULL after init; exceeding the cap is an error, not
 * a realloc storm. Part of core/.
 */
#include "rasd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty_string[1];

void rasd_buf_init(struct rasd_buf *b, size_t max)
{
	b->p = empty_string;
	b->n = 0;
	b->cap = 0;
	b->max = max ? max : SIZE_MAX / 2;
}

void rasd_buf_release(struct rasd_buf *b)
{
	if (b->cap)
		free(b->p);
	b->p = empty_string;
	b->n = 0;
	b->cap = 0;
}

void rasd_buf_reset(struct rasd_buf *b)
{
	b->n = 0;
	if (b->cap)
		b->p[0] = '\0';
}

static enum rasd_status grow(struct rasd_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > b->max || b->n > b->max - extra)
		return RASD_ETOOBIG;
	need = b->n + extra + 1;
	if (need <= b->cap)
		return RASD_OK;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = b->cap ? realloc(b->p, cap) : malloc(cap);
	if (!p)
		return RASD_ENOMEM;
	if (!b->cap)
		p[0] = '\0';
	b->p = p;
	b->cap = cap;
	return RASD_OK;
}

enum rasd_status rasd_buf_append(struct rasd_buf *b, const void *p, size_t n)
{
	enum rasd_status st = grow(b, n);

	if (st != RASD_OK)
		return st;
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
	return RASD_OK;
}

enum rasd_status rasd_buf_puts(struct rasd_buf *b, const char *s)
{
	return rasd_buf_append(b, s, strlen(s));
}

enum rasd_status rasd_buf_putc(struct rasd_buf *b, char c)
{
	return rasd_buf_append(b, &c, 1);
}

enum rasd_status rasd_buf_printf(struct rasd_buf *b, const char *fmt, ...)
{
	va_list ap;
	int len;
	enum rasd_status st;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return RASD_EINVAL;
	st = grow(b, (size_t)len);
	if (st != RASD_OK)
		return st;
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)len;
	return RASD_OK;
}

enum rasd_status rasd_buf_json_str(struct rasd_buf *b, const char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	enum rasd_status st;
	size_t i, run = 0;

	st = rasd_buf_putc(b, '"');
	for (i = 0; st == RASD_OK && i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		char esc[6];
		size_t elen = 0;

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			elen = 2;
		} else if (c == '\n') {
			memcpy(esc, "\\n", 2);
			elen = 2;
		} else if (c == '\r') {
			memcpy(esc, "\\r", 2);
			elen = 2;
		} else if (c == '\t') {
			memcpy(esc, "\\t", 2);
			elen = 2;
		} else if (c < 0x20 || c == 0x7f) {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
		}
		if (elen) {
			st = rasd_buf_append(b, p + i - run, run);
			if (st == RASD_OK)
				st = rasd_buf_append(b, esc, elen);
			run = 0;
		} else {
			run++;
		}
	}
	if (st == RASD_OK)
		st = rasd_buf_append(b, p + n - run, run);
	if (st == RASD_OK)
		st = rasd_buf_putc(b, '"');
	return st;
}

enum rasd_status rasd_buf_csv_field(struct rasd_buf *b, const char *p, size_t n)
{
	enum rasd_status st;
	size_t i;
	bool quote = false;

	for (i = 0; i < n; i++) {
		if (p[i] == ',' || p[i] == '"' || p[i] == '\n' || p[i] == '\r') {
			quote = true;
			break;
		}
	}
	if (!quote)
		return rasd_buf_append(b, p, n);
	st = rasd_buf_putc(b, '"');
	for (i = 0; st == RASD_OK && i < n; i++) {
		if (p[i] == '"')
			st = rasd_buf_putc(b, '"');
		if (st == RASD_OK)
			st = rasd_buf_putc(b, p[i]);
	}
	if (st == RASD_OK)
		st = rasd_buf_putc(b, '"');
	return st;
}
