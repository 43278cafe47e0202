/*
 * charset.c - a fetched page or feed body to valid UTF-8. The label comes
 * from the HTTP header, a byte order mark, <meta charset>, <meta
 * http-equiv> or an XML declaration; Arabic sites still serve
 * windows-1256 and ISO-8859-6, and sometimes say one thing while sending
 * another, so a label the bytes cannot be is overruled. Conversion is
 * iconv's. Part of web/: depends on core only.
 */
#include "rasd.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#define SNIFF_BYTES 4096

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive search for needle in p[0..n). */
static const char *find_ci(const char *p, size_t n, const char *needle)
{
	size_t k = strlen(needle), i, j;

	if (k == 0 || n < k)
		return NULL;
	for (i = 0; i + k <= n; i++) {
		for (j = 0; j < k && lower(p[i + j]) == needle[j]; j++)
			;
		if (j == k)
			return p + i;
	}
	return NULL;
}

/* The value after "charset=" (or "encoding=") at s, into out. */
static void take_label(const char *s, const char *end, char out[32])
{
	size_t k = 0;

	while (s < end && (*s == ' ' || *s == '=' || *s == '"' || *s == '\''))
		s++;
	while (s < end && k < 31 && *s != '"' && *s != '\'' && *s != ';' && *s != ' ' &&
	       *s != '>' && *s != '/' && *s != '?')
		out[k++] = lower(*s++);
	out[k] = '\0';
}

/* The iconv name rasd uses for a label, or NULL when it is unknown. */
static const char *canonical_name(const char *label)
{
	static const struct {
		const char *label, *name;
	} names[] = {
	    {"utf-8", "UTF-8"},           {"utf8", "UTF-8"},
	    {"unicode-1-1-utf-8", "UTF-8"}, {"windows-1256", "WINDOWS-1256"},
	    {"cp1256", "WINDOWS-1256"},   {"x-cp1256", "WINDOWS-1256"},
	    {"iso-8859-6", "ISO-8859-6"}, {"iso8859-6", "ISO-8859-6"},
	    {"iso_8859-6", "ISO-8859-6"}, {"arabic", "ISO-8859-6"},
	    {"asmo-708", "ISO-8859-6"},   {"csisolatinarabic", "ISO-8859-6"},
	    {"iso-ir-127", "ISO-8859-6"}, {"ecma-114", "ISO-8859-6"},
	    {"windows-1252", "WINDOWS-1252"}, {"iso-8859-1", "WINDOWS-1252"},
	    {"latin1", "WINDOWS-1252"},   {"us-ascii", "WINDOWS-1252"},
	    {"ascii", "WINDOWS-1252"},    {"utf-16", "UTF-16"},
	    {"utf-16le", "UTF-16LE"},     {"utf-16be", "UTF-16BE"},
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(label, names[i].label) == 0)
			return names[i].name;
	return NULL;
}

/* A charset named in the document's first bytes: <meta>, XML declaration. */
static void sniff_label(const char *p, size_t n, char out[32])
{
	const char *m, *end;
	size_t lim = n < SNIFF_BYTES ? n : SNIFF_BYTES;

	out[0] = '\0';
	if (lim >= 5 && memcmp(p, "<?xml", 5) == 0) {
		const char *close = memchr(p, '>', lim);
		end = close ? close : p + lim;
		m = find_ci(p, (size_t)(end - p), "encoding");
		if (m) {
			take_label(m + 8, end, out);
			return;
		}
	}
	for (m = p; (m = find_ci(m, lim - (size_t)(m - p), "<meta")) != NULL; m += 5) {
		const char *close = memchr(m, '>', lim - (size_t)(m - p));
		const char *c;
		end = close ? close : p + lim;
		c = find_ci(m, (size_t)(end - m), "charset");
		if (c) {
			take_label(c + 7, end, out);
			if (out[0])
				return;
		}
	}
}

/* How many bytes of p[0..n) are not ASCII; how many sequences are not UTF-8. */
static void utf8_profile(const char *p, size_t n, size_t *high, size_t *bad)
{
	size_t i = 0;

	*high = *bad = 0;
	while (i < n) {
		uint32_t cp;
		size_t k;
		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		k = rasd_utf8_decode(p + i, n - i, &cp);
		if (k == 0) {
			(*bad)++;
			(*high)++;
			i++;
		} else {
			*high += k;
			i += k;
		}
	}
}

/* Convert with iconv; undecodable bytes become U+FFFD. */
static enum rasd_status convert(struct rasd_arena *a, const char *p, size_t n, const char *from,
				struct rasd_str *out, size_t *replaced, struct rasd_error *err)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap, left_in = n, left_out;
	char *dst, *o;
	char *in = (char *)p;

	if (cd == (iconv_t)-1)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "charset '%s' is not supported", from);
	/* one byte of a single-byte charset is at most 3 bytes of UTF-8; two
	 * bytes of UTF-16 at most 3 too */
	if (n > (SIZE_MAX - 16) / 3) {
		iconv_close(cd);
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0, "page too large to decode");
	}
	cap = 3 * n + 16;
	dst = rasd_arena_alloc(a, cap + 1);
	if (!dst) {
		iconv_close(cd);
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory decoding the page");
	}
	o = dst;
	left_out = cap;
	*replaced = 0;
	while (left_in > 0) {
		size_t r = iconv(cd, &in, &left_in, &o, &left_out);
		if (r != (size_t)-1)
			break;
		if (errno == EILSEQ || errno == EINVAL) {
			/* skip one byte, write U+FFFD */
			if (left_out < 3)
				break;
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			left_out -= 3;
			in++;
			left_in--;
			(*replaced)++;
			iconv(cd, NULL, NULL, NULL, NULL);
			continue;
		}
		break; /* E2BIG cannot happen with 3n room; stop rather than loop */
	}
	iconv_close(cd);
	*o = '\0';
	out->p = dst;
	out->n = (size_t)(o - dst);
	return RASD_OK;
}

enum rasd_status rasd_web_decode(struct rasd_arena *a, const char *p, size_t n,
				 const char *content_type, struct rasd_str *out,
				 struct rasd_charset *cs, struct rasd_error *err)
{
	char header[32] = "", meta[32] = "";
	const char *name = NULL;
	size_t high, bad;
	enum rasd_status st;
	struct rasd_str clean;

	memset(cs, 0, sizeof(*cs));
	if (n > RASD_WEB_MAX_PAGE)
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0,
				      "page is %zu bytes, over the limit of %u", n,
				      RASD_WEB_MAX_PAGE);
	if (content_type) {
		const char *c = find_ci(content_type, strlen(content_type), "charset");
		if (c)
			take_label(c + 7, content_type + strlen(content_type), header);
	}
	/* a byte order mark outranks every label */
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3, n -= 3;
		name = "UTF-8";
	} else if (n >= 2 && memcmp(p, "\xFF\xFE", 2) == 0) {
		p += 2, n -= 2;
		name = "UTF-16LE";
	} else if (n >= 2 && memcmp(p, "\xFE\xFF", 2) == 0) {
		p += 2, n -= 2;
		name = "UTF-16BE";
	}
	sniff_label(p, n, meta);
	snprintf(cs->label, sizeof(cs->label), "%s", header[0] ? header : meta);
	if (!name && cs->label[0]) {
		name = canonical_name(cs->label);
		if (!name) {
			/* let iconv judge a label rasd does not list */
			iconv_t cd = iconv_open("UTF-8", cs->label);
			if (cd != (iconv_t)-1) {
				iconv_close(cd);
				name = cs->label;
			} else {
				cs->mislabelled = true;
			}
		}
	}
	utf8_profile(p, n, &high, &bad);
	if (!name || strcmp(name, "UTF-8") == 0) {
		if (bad > 0 && bad * 20 > high / 2) {
			/* not UTF-8 at all: the other label, else the legacy Arabic
			 * charset sites most often mislabel */
			const char *other = meta[0] ? canonical_name(meta) : NULL;
			name = other && strcmp(other, "UTF-8") ? other : "WINDOWS-1256";
			cs->mislabelled = true;
		} else {
			name = "UTF-8";
		}
	} else if (strncmp(name, "UTF-16", 6) != 0 && high > 0 && bad == 0) {
		/* a single-byte label on bytes that are all valid multi-byte
		 * UTF-8: a legacy page would not look like this by chance */
		name = "UTF-8";
		cs->mislabelled = true;
	}
	snprintf(cs->name, sizeof(cs->name), "%s", name);
	if (strcmp(name, "UTF-8") == 0) {
		st = rasd_utf8_clean(a, p, n, 0, &clean, &cs->replaced, err);
		if (st == RASD_EUTF8) /* a NUL byte: drop them, a page is no C string */
		{
			char *q = rasd_arena_alloc(a, n + 1);
			size_t i, k = 0;
			if (!q)
				return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			for (i = 0; i < n; i++)
				if (p[i])
					q[k++] = p[i];
			q[k] = '\0';
			rasd_error_clear(err);
			st = rasd_utf8_clean(a, q, k, 0, &clean, &cs->replaced, err);
		}
		if (st != RASD_OK)
			return st;
		*out = clean;
		return RASD_OK;
	}
	st = convert(a, p, n, name, &clean, &cs->replaced, err);
	if (st != RASD_OK)
		return st;
	/* iconv output is UTF-8; NUL bytes in the input survive it */
	if (memchr(clean.p, '\0', clean.n)) {
		char *q = (char *)clean.p;
		size_t i, k = 0;
		for (i = 0; i < clean.n; i++)
			if (q[i])
				q[k++] = q[i];
		q[k] = '\0';
		clean.n = k;
	}
	*out = clean;
	return RASD_OK;
}
