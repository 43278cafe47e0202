/*
 * space.c - white space in page and feed text made single spaces, as
 * every reader in web/ needs it (web/ internal).
 */
#include "web.h"

enum rasd_status web_append_collapsed(struct rasd_buf *b, const char *s, bool *space)
{
	const char *run = s;
	enum rasd_status st = RASD_OK;

	while (*s) {
		unsigned char c = (unsigned char)*s;
		size_t k = 0;
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			k = 1;
		else if (c == 0xC2 && (unsigned char)s[1] == 0xA0)
			k = 2; /* no-break space */
		if (!k) {
			s++;
			continue;
		}
		if (s > run) {
			st = rasd_buf_append(b, run, (size_t)(s - run));
			if (st != RASD_OK)
				return st;
			*space = false;
		}
		if (!*space) {
			st = rasd_buf_putc(b, ' ');
			if (st != RASD_OK)
				return st;
			*space = true;
		}
		s += k;
		run = s;
	}
	if (s > run) {
		st = rasd_buf_append(b, run, (size_t)(s - run));
		*space = false;
	}
	return st;
}
