/*
 * date.c - calendar arithmetic on day numbers (days since 1970-01-01):
 * civil (proleptic Gregorian) conversions, weekdays, ISO date parsing and
 * the tabular Islamic calendar for Hijri dates in reports. Part of core/.
 */
#include "rasd.h"

int32_t rasd_days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil algorithm, written out here. */
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void rasd_civil_from_days(int32_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;
	int32_t zz = z + 719468;

	era = (zz >= 0 ? zz : zz - 146096) / 146097;
	doe = (int)(zz - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int rasd_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((days % 7 + 7 + 4) % 7);
	return w;
}

static int digits(const char *p, size_t n, size_t at, size_t len, int *out)
{
	int v = 0;
	size_t i;

	if (at + len > n)
		return 0;
	for (i = at; i < at + len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return 1;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

enum rasd_status rasd_date_parse(const char *p, size_t n, int32_t *days)
{
	int y, m, d;

	if (n < 10 || !digits(p, n, 0, 4, &y) || p[4] != '-' || !digits(p, n, 5, 2, &m) ||
	    p[7] != '-' || !digits(p, n, 8, 2, &d))
		return RASD_ESYNTAX;
	if (n > 10 && p[10] != 'T' && p[10] != ' ')
		return RASD_ESYNTAX;
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return RASD_EINVAL;
	*days = rasd_days_from_civil(y, m, d);
	return RASD_OK;
}

int32_t rasd_days_from_hijri(int y, int m, int d)
{
	/*
	 * Tabular Islamic calendar (30-year cycle, leap years 2,5,7,10,13,16,
	 * 18,21,24,26,29); epoch 1 Muharram 1 AH = Julian day 1948439.5, i.e.
	 * civil 622-07-19. Announced dates may differ from it by a day.
	 */
	long jd = (long)d + (long)((295001L * (m - 1) + 9999) / 10000) /* ceil(29.5*(m-1)) */
		  + (long)(y - 1) * 354L + (3L + 11L * y) / 30L + 1948439L;
	/* julian day number (noon-based, integer) to days since 1970-01-01 */
	return (int32_t)(jd - 2440588L);
}
