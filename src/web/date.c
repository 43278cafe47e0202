/*
 * date.c - the day of a date as feeds and pages write it: RFC 822 in RSS
 * (Mon, 02 Dec 2024 10:00:00 +0300), ISO 8601 in Atom, meta tags and
 * JSON-LD (2024-12-02T10:00:00+03:00), and 2024/12/02. The day is the one
 * written, in the writer's own time zone. Part of web/.
 */
#include "rasd.h"

#include <stdio.h>
#include <string.h>

static bool digits(const char *s, int n, int *v)
{
	int i;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

static bool put(int y, int m, int d, char out[11])
{
	int32_t days;
	char tmp[16];

	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	if (rasd_date_parse(tmp, 10, &days) != RASD_OK)
		return false;
	memcpy(out, tmp, 11);
	return true;
}

bool rasd_web_date(const char *s, char out[11])
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
					     "jul", "aug", "sep", "oct", "nov", "dec"};
	int y, m, d, i;

	if (!s)
		return false;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	/* ISO 8601 and 2024/12/02 */
	if (strlen(s) >= 10 && digits(s, 4, &y) && (s[4] == '-' || s[4] == '/') &&
	    digits(s + 5, 2, &m) && s[7] == s[4] && digits(s + 8, 2, &d))
		return put(y, m, d, out);
	/* RFC 822: [Day,] DD Mon YYYY */
	{
		const char *p = s, *comma = strchr(s, ',');
		char mon[4];
		int dn = 0;
		if (comma && comma - s <= 10)
			p = comma + 1;
		while (*p == ' ')
			p++;
		while (*p >= '0' && *p <= '9' && dn < 3)
			d = (dn ? d * 10 : 0) + (*p++ - '0'), dn++;
		if (dn == 0 || dn > 2 || *p != ' ')
			return false;
		while (*p == ' ')
			p++;
		for (i = 0; i < 3 && p[i]; i++)
			mon[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] - 'A' + 'a' : p[i]);
		if (i < 3)
			return false;
		mon[3] = '\0';
		for (m = 0; m < 12 && strcmp(mon, months[m]) != 0; m++)
			;
		if (m == 12)
			return false;
		p += 3;
		while (*p && *p != ' ')
			p++; /* "December" */
		while (*p == ' ')
			p++;
		if (!digits(p, 4, &y))
			return false;
		return put(y, m + 1, d, out);
	}
}
