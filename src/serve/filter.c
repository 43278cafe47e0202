/*
 * filter.c - the query string of /api/events, /api/stats and the exports
 * as a store filter (struct rasd_db_filter), with the meaning `rasd query`
 * gives the same options: from/to (YYYY, YYYY-MM or YYYY-MM-DD,
 * inclusive), type, sub_type, actor, admin1, country, near=LAT,LON,KM,
 * text, min_fatalities, review (statuses, as --status); and for lists
 * limit, offset and sort. The store
 * builds and binds the SQL; nothing here becomes SQL text.
 */
#include "serve.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_DEFAULT 100
#define PAGE_MAX 5000

static bool digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	size_t i;
	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* YYYY-MM-DD, YYYY-MM or YYYY; `last` picks the end of a month or year. */
static bool parse_day(const char *s, bool last, char out[11])
{
	size_t n = strlen(s);
	int32_t d;
	int y, m;

	if (n == 10) {
		if (rasd_date_parse(s, n, &d) != RASD_OK)
			return false;
		memcpy(out, s, 11);
		return true;
	}
	if (n != 4 && !(n == 7 && s[4] == '-' && digits(s + 5, 2)))
		return false;
	if (!digits(s, 4))
		return false;
	y = num(s, 4);
	m = n == 7 ? num(s + 5, 2) : 0;
	if (y < 1900 || y > 2200 || (n == 7 && (m < 1 || m > 12)))
		return false;
	if (n == 4)
		d = rasd_days_from_civil(y, last ? 12 : 1, last ? 31 : 1);
	else if (last)
		d = rasd_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	else
		d = rasd_days_from_civil(y, m, 1);
	rasd_format_date(d, out);
	return true;
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool parse_near(const char *s, struct rasd_db_filter *f)
{
	char *end;
	double v[3];
	int k;

	for (k = 0; k < 3; k++) {
		v[k] = strtod(s, &end);
		if (end == s || !isfinite(v[k]))
			return false;
		if (k < 2 && *end != ',')
			return false;
		s = end + 1;
	}
	if (*end != '\0' || v[0] < -90 || v[0] > 90 || v[1] < -180 || v[1] > 180 || !(v[2] > 0) ||
	    v[2] > 20000)
		return false;
	f->near = true;
	f->lat = v[0];
	f->lon = v[1];
	f->km = v[2];
	return true;
}

/* An argument, or NULL when absent or empty (an empty field in the page's
 * filter bar means "any"). */
static const char *arg(struct serve_request *rq, const char *name)
{
	const char *v = serve_arg(rq, name);
	return v && *v ? v : NULL;
}

bool serve_filter(struct serve_request *rq, struct serve_reply *rp, struct rasd_db_filter *f,
		  bool paging)
{
	static const struct {
		const char *name;
		enum rasd_db_order order;
		bool desc;
	} sorts[] = {
		{"date", RASD_ORDER_DATE, false},           {"-date", RASD_ORDER_DATE, true},
		{"fatalities", RASD_ORDER_FATALITIES, false}, {"-fatalities", RASD_ORDER_FATALITIES, true},
		{"type", RASD_ORDER_TYPE, false},           {"-type", RASD_ORDER_TYPE, true},
		{"admin1", RASD_ORDER_ADMIN1, false},       {"-admin1", RASD_ORDER_ADMIN1, true},
	};
	const char *v;
	char *day;
	size_t k;

	memset(f, 0, sizeof(*f));
	v = arg(rq, "from");
	if (v) {
		day = rasd_arena_alloc(&rq->arena, 11);
		if (!day || !parse_day(v, false, day))
			goto bad_date;
		f->from = day;
	}
	v = arg(rq, "to");
	if (v) {
		day = rasd_arena_alloc(&rq->arena, 11);
		if (!day || !parse_day(v, true, day))
			goto bad_date;
		f->to = day;
	}
	f->event_type = arg(rq, "type");
	f->sub_event_type = arg(rq, "sub_type");
	f->actor = arg(rq, "actor");
	f->admin1 = arg(rq, "admin1");
	f->country = arg(rq, "country");
	f->text = arg(rq, "text");
	f->review = arg(rq, "review");
	v = arg(rq, "near");
	if (v && !parse_near(v, f)) {
		serve_error(rp, 400, "near must be LAT,LON,KM (e.g. 36.5,40.7,25)");
		return false;
	}
	v = arg(rq, "min_fatalities");
	if (v && !parse_long(v, 0, 1000000000L, &f->min_fatalities)) {
		serve_error(rp, 400, "min_fatalities must be a number >= 0");
		return false;
	}
	if (!paging)
		return true;
	f->limit = PAGE_DEFAULT;
	v = arg(rq, "limit");
	if (v && !parse_long(v, 1, PAGE_MAX, &f->limit)) {
		serve_error(rp, 400, "limit must be 1..%d", PAGE_MAX);
		return false;
	}
	v = arg(rq, "offset");
	if (v && !parse_long(v, 0, 1000000000L, &f->offset)) {
		serve_error(rp, 400, "offset must be a number >= 0");
		return false;
	}
	v = arg(rq, "sort");
	if (v) {
		for (k = 0; k < sizeof(sorts) / sizeof(sorts[0]); k++)
			if (strcmp(v, sorts[k].name) == 0)
				break;
		if (k == sizeof(sorts) / sizeof(sorts[0])) {
			serve_error(rp, 400,
				    "sort must be date, fatalities, type or admin1 (- for descending)");
			return false;
		}
		f->order = sorts[k].order;
		f->newest_first = sorts[k].desc;
	}
	return true;
bad_date:
	serve_error(rp, 400, "'%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", v);
	return false;
}
