/*
 * utf8.c - UTF-8 decoding, encoding and validation at the door. Text is
 * checked once here; every later stage may assume valid UTF-8 plus a
 * length. Part of core/.
 */
#include "rasd.h"

#include <string.h>

size_t rasd_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c;

	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		if (n < 2 || (p[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		c = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		*cp = c;
		return 3;
	}
	if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		c = ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
		    ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
		if (c < 0x10000 || c > 0x10FFFF)
			return 0;
		*cp = c;
		return 4;
	}
	return 0;
}

size_t rasd_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool rasd_utf8_valid(const char *p, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		size_t len;
		unsigned char b = (unsigned char)p[i];
		if (b < 0x80) {
			if (b == 0)
				return false;
			i++;
			continue;
		}
		/* the Arabic block and its neighbours: two bytes, C2..DF 80..BF */
		if (b >= 0xC2 && b <= 0xDF && i + 1 < n && ((unsigned char)p[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		len = rasd_utf8_decode(p + i, n - i, &cp);
		if (len == 0)
			return false;
		i += len;
	}
	return true;
}

enum rasd_status rasd_utf8_clean(struct rasd_arena *a, const char *p, size_t n, unsigned flags,
				 struct rasd_str *out, size_t *replaced, struct rasd_error *err)
{
	size_t i = 0, o = 0, bad = 0, first_bad = 0;
	char *dst;
	uint32_t cp;

	*replaced = 0;
	/* Pass 1: measure. */
	while (i < n) {
		size_t len;
		unsigned char b = (unsigned char)p[i];
		if (b >= 0xC2 && b <= 0xDF && i + 1 < n && ((unsigned char)p[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		if (b < 0x80) {
			if (p[i] == '\0')
				return rasd_error_set(err, RASD_EUTF8, 0, (long)i + 1,
						      "NUL byte at offset %zu", i);
			i++;
			continue;
		}
		len = rasd_utf8_decode(p + i, n - i, &cp);
		if (len == 0) {
			if (bad == 0)
				first_bad = i;
			bad++;
			i++;
		} else {
			i += len;
		}
	}
	if (bad && (flags & RASD_UTF8_STRICT))
		return rasd_error_set(err, RASD_EUTF8, 0, (long)first_bad + 1,
				      "invalid UTF-8 byte 0x%02x at offset %zu",
				      (unsigned char)p[first_bad], first_bad);
	if (bad == 0) {
		dst = rasd_arena_strndup(a, p, n);
		if (!dst)
			return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		out->p = dst;
		out->n = n;
		return RASD_OK;
	}
	/* Pass 2: fill, each invalid byte becoming U+FFFD (3 bytes). */
	if (bad > (SIZE_MAX - n - 1) / 2)
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0, "text too large");
	dst = rasd_arena_alloc(a, n + 2 * bad + 1);
	if (!dst)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	i = 0;
	while (i < n) {
		size_t len = rasd_utf8_decode(p + i, n - i, &cp);
		if (len == 0) {
			o += rasd_utf8_encode(RASD_REPLACEMENT, dst + o);
			i++;
		} else {
			memcpy(dst + o, p + i, len);
			o += len;
			i += len;
		}
	}
	dst[o] = '\0';
	out->p = dst;
	out->n = o;
	*replaced = bad;
	return RASD_OK;
}
