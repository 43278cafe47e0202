/*
 * url.c - the canonical form of an article's address, so one article
 * linked from two feeds (or with tracking parameters added) is seen once.
 * Part of web/: depends on core only.
 */
#include "rasd.h"

#include <string.h>
#include <strings.h>

static bool tracking_param(const char *p, size_t n)
{
	static const char *const names[] = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid",
					    "mc_eid", "igshid", "ref_src", "_ga", "yclid"};
	size_t k, eq = 0;

	while (eq < n && p[eq] != '=')
		eq++;
	if (eq >= 4 && strncmp(p, "utm_", 4) == 0)
		return true;
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (strlen(names[k]) == eq && memcmp(p, names[k], eq) == 0)
			return true;
	return false;
}

/* Append p[0..n) with spaces and control bytes percent-encoded. */
static enum rasd_status append_encoded(struct rasd_buf *b, const char *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	enum rasd_status st = RASD_OK;
	size_t i;

	for (i = 0; i < n && st == RASD_OK; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c <= 0x20 || c == 0x7f) {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			st = rasd_buf_append(b, e, 3);
		} else {
			st = rasd_buf_putc(b, (char)c);
		}
	}
	return st;
}

enum rasd_status rasd_url_canonical(struct rasd_buf *b, const char *url)
{
	const char *p = url, *host, *hend, *path, *q, *frag, *end;
	size_t scheme_n, n0;
	bool https, first = true;
	enum rasd_status st;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	if (end - p > 7 && strncasecmp(p, "http://", 7) == 0) {
		https = false;
		scheme_n = 7;
	} else if (end - p > 8 && strncasecmp(p, "https://", 8) == 0) {
		https = true;
		scheme_n = 8;
	} else {
		return RASD_EINVAL;
	}
	host = p + scheme_n;
	for (hend = host; hend < end && *hend != '/' && *hend != '?' && *hend != '#'; hend++)
		;
	if (hend == host)
		return RASD_EINVAL;
	n0 = b->n;
	st = rasd_buf_puts(b, https ? "https://" : "http://");
	{
		const char *h = host, *port = NULL, *at = memchr(host, '@', (size_t)(hend - host));
		if (at)
			h = at + 1; /* credentials are not part of an article's name */
		for (const char *c = h; c < hend; c++)
			if (*c == ':')
				port = c;
		if (port && ((https && hend - port == 4 && memcmp(port, ":443", 4) == 0) ||
			     (!https && hend - port == 3 && memcmp(port, ":80", 3) == 0)))
			hend = port;
		if (port && port + 1 == hend)
			hend = port; /* "host:" */
		for (const char *c = h; c < hend; c++)
			if ((unsigned char)*c <= 0x20 || *c == 0x7f)
				hend = h; /* no host has spaces or controls */
		if (hend <= h) {
			b->n = n0; /* no host once credentials and port are gone */
			b->p[n0] = '\0';
			return RASD_EINVAL;
		}
		for (const char *c = h; c < hend && st == RASD_OK; c++)
			st = rasd_buf_putc(b, *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c);
		host = hend;
	}
	path = host;
	while (path < end && *path != '/' && *path != '?' && *path != '#')
		path++;
	frag = memchr(path, '#', (size_t)(end - path));
	if (frag)
		end = frag;
	q = memchr(path, '?', (size_t)(end - path));
	if (st == RASD_OK && (q ? q : end) == path)
		st = rasd_buf_putc(b, '/');
	if (st == RASD_OK)
		st = append_encoded(b, path, (size_t)((q ? q : end) - path));
	if (q) {
		const char *s = q + 1;
		while (s < end && st == RASD_OK) {
			const char *amp = memchr(s, '&', (size_t)(end - s));
			const char *e = amp ? amp : end;
			if (e > s && !tracking_param(s, (size_t)(e - s))) {
				st = rasd_buf_putc(b, first ? '?' : '&');
				if (st == RASD_OK)
					st = append_encoded(b, s, (size_t)(e - s));
				first = false;
			}
			s = e + 1;
		}
	}
	return st;
}
