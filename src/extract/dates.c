/*
 * dates.c - date expressions in Arabic reports, resolved against the
 * publication date: explicit days (9 نوفمبر/ تشرين الثاني 2021), months
 * (خلال نوفمبر), weekdays (الاثنين الماضي), offsets (أمس، اليوم), periods
 * (الشهر الماضي، مطلع الشهر الحالي), "N days ago" (قبل يومين) and Hijri
 * dates. `since` marks expressions after منذ, which open a period (an
 * aggregate) rather than date an event. Part of extract/.
 */
#include "rasd.h"

#include <string.h>

static bool key_is(const struct rasd_token *t, const char *s)
{
	size_t n = strlen(s);
	return t->klen == n && memcmp(t->key, s, n) == 0;
}

static bool word_in(const struct rasd_lexicon *lex, const struct rasd_token *t,
		    enum rasd_word_list list)
{
	return rasd_word_in(lex, t->key, t->klen, list);
}

/* A word of the list after a clitic و, ب or ف: compare with and without it. */
static bool word_in_cl(const struct rasd_lexicon *lex, const struct rasd_token *t,
		       enum rasd_word_list list)
{
	if (word_in(lex, t, list))
		return true;
	if (t->klen > 2 && (memcmp(t->key, "و", 2) == 0 || memcmp(t->key, "ب", 2) == 0 ||
			    memcmp(t->key, "ف", 2) == 0))
		return rasd_word_in(lex, t->key + 2, t->klen - 2, list);
	return false;
}

static bool cal_at(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
		   struct rasd_lex_match *m)
{
	struct rasd_lex_match ms[16];
	size_t n, k;

	if (i >= doc->ntokens)
		return false;
	n = rasd_lex_match_at(lex, doc, i, ms, 16);
	for (k = 0; k < n; k++) {
		if (ms[k].kind == RASD_LEX_CALENDAR) {
			*m = ms[k];
			return true;
		}
	}
	return false;
}

static long small_number(const struct rasd_token *t)
{
	long v = 0;
	size_t i;
	if (t->kind != RASD_TOK_NUMBER || t->klen > 4)
		return -1;
	for (i = 0; i < t->klen; i++) {
		if (t->key[i] < '0' || t->key[i] > '9')
			return -1;
		v = v * 10 + (t->key[i] - '0');
	}
	return v;
}

static bool is_slash(const struct rasd_token *t)
{
	return t->kind == RASD_TOK_PUNCT && (key_is(t, "/") || key_is(t, "-") || key_is(t, "(") ||
					     key_is(t, ")") || key_is(t, "\xe2\x80\x93"));
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

/* The year of a month named without one: the latest such month not far
 * after publication. */
static int infer_year(int32_t published, int month)
{
	int y, m, d;
	rasd_civil_from_days(published, &y, &m, &d);
	if (month > m + 1)
		return y - 1;
	return y;
}

/* Skip a second month name after a slash: نوفمبر/ تشرين الثاني */
static size_t skip_alt_month(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t j)
{
	struct rasd_lex_match m;
	size_t k = j;

	while (k < doc->ntokens && is_slash(&doc->tokens[k]))
		k++;
	if (k > j && cal_at(lex, doc, k, &m) &&
	    (m.u.calendar.kind == RASD_CAL_MONTH || m.u.calendar.kind == RASD_CAL_HIJRI_MONTH)) {
		k += m.ntokens;
		while (k < doc->ntokens && doc->tokens[k].kind == RASD_TOK_PUNCT &&
		       key_is(&doc->tokens[k], ")"))
			k++;
		return k;
	}
	return j;
}

/* Optional year after a month: 2021, 2021م, 1439 هـ */
static size_t read_year(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t j,
			int *year)
{
	long y;

	if (j >= doc->ntokens)
		return j;
	y = small_number(&doc->tokens[j]);
	if (y >= 1900 && y <= 2200) {
		*year = (int)y;
		j++;
	} else if (y >= 1300 && y <= 1600) {
		*year = (int)-y; /* Hijri year, negative marks it */
		j++;
	} else {
		return j;
	}
	if (j < doc->ntokens && word_in(lex, &doc->tokens[j], RASD_WL_ERA_MARK))
		j++;
	return j;
}

/* published minus n units of `days`, or false when that falls before the
 * year 1: a count that large is not a date (and would wrap the day number) */
static bool days_before(int32_t published, long n, int days, int32_t *out)
{
	long long d = (long long)published - (long long)n * days;
	if (d < rasd_days_from_civil(1, 1, 1))
		return false;
	*out = (int32_t)d;
	return true;
}

static size_t ago(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
		  int32_t published, struct rasd_date_expr *out)
{
	size_t j = i + 1;
	long n = 1, days;
	bool vague = false, had_number = false;
	size_t used;

	if (!word_in_cl(lex, &doc->tokens[i], RASD_WL_AGO) || j >= doc->ntokens ||
	    published == INT32_MIN)
		return 0;
	used = rasd_number_at(lex, doc, j, &n, &vague);
	if (used) {
		had_number = true;
		j += used;
	}
	if (j >= doc->ntokens)
		return 0;
	/* a unit with its length in days; a plural one needs a number */
	if (!rasd_lex_word_value(lex, doc->tokens[j].key, doc->tokens[j].klen, RASD_WL_DURATION,
				 &days))
		return 0;
	if (!had_number && word_in(lex, &doc->tokens[j], RASD_WL_DURATION_PLURAL))
		n = 3, vague = true; /* قبل أيام: a few days */
	if (!days_before(published, n, (int)days, &out->date))
		return 0;
	out->precision = (vague || days >= 7) ? (days >= 30 ? 3 : 2) : 1;
	if (days >= 365)
		out->precision = 4;
	out->tok = (uint32_t)i;
	out->ntok = (uint32_t)(j + 1 - i);
	return j + 1 - i;
}

/* A day of the month followed at `k` by a month name (and maybe the other
 * calendar's name and a year): the whole expression from `start`, or 0. */
static size_t day_of_month(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t start,
			   size_t k, int day, int32_t published, bool since, struct rasd_date_expr *out)
{
	struct rasd_lex_match m;
	int year = 0, month;

	if (!cal_at(lex, doc, k, &m) ||
	    (m.u.calendar.kind != RASD_CAL_MONTH && m.u.calendar.kind != RASD_CAL_HIJRI_MONTH))
		return 0;
	month = m.u.calendar.value;
	k = skip_alt_month(lex, doc, k + m.ntokens);
	k = read_year(lex, doc, k, &year);
	if (m.u.calendar.kind == RASD_CAL_HIJRI_MONTH || year < 0) {
		if (year >= 0) {
			/* Hijri month without a year: the year that puts it
			 * nearest before publication. */
			int hy;
			if (published == INT32_MIN)
				return 0;
			hy = (int)((published + 2440588L - 1948439L) * 30L / 10631L) + 1;
			while (rasd_days_from_hijri(hy, month, day) > published + 31)
				hy--;
			out->date = rasd_days_from_hijri(hy, month, day);
		} else {
			out->date = rasd_days_from_hijri(-year, month, day);
		}
	} else {
		if (year == 0) {
			if (published == INT32_MIN)
				return 0;
			year = infer_year(published, month);
		}
		if (day > days_in_month(year, month))
			return 0;
		out->date = rasd_days_from_civil(year, month, day);
	}
	out->precision = 1;
	out->tok = (uint32_t)start;
	out->ntok = (uint32_t)(k - start);
	out->since = since;
	return out->ntok;
}

size_t rasd_date_at(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
		    int32_t published, struct rasd_date_expr *out)
{
	struct rasd_lex_match m, m2;
	size_t j = i, start = i;
	bool since = false;
	int py = 0, pm = 0, pd = 0;

	memset(out, 0, sizeof(*out));
	if (i >= doc->ntokens)
		return 0;
	if (published != INT32_MIN)
		rasd_civil_from_days(published, &py, &pm, &pd);
	if (word_in_cl(lex, &doc->tokens[j], RASD_WL_SINCE)) {
		since = true;
		j++;
	}
	if (j < doc->ntokens && word_in_cl(lex, &doc->tokens[j], RASD_WL_DATE_LEAD))
		j++;
	if (j >= doc->ntokens)
		return 0;
	if (since) {
		/* منذ أسابيع، منذ ثلاثة أيام: a period up to now */
		size_t k = j;
		long n = 1;
		bool vague;
		long days;
		size_t used = rasd_number_at(lex, doc, k, &n, &vague);
		k += used;
		if (k < doc->ntokens && rasd_lex_word_value(lex, doc->tokens[k].key, doc->tokens[k].klen,
							    RASD_WL_DURATION, &days)) {
			if (published == INT32_MIN)
				return 0;
			if (!days_before(published, n, (int)days, &out->date))
				return 0;
			out->precision = 2;
			out->tok = (uint32_t)start;
			out->ntok = (uint32_t)(k + 1 - start);
			out->since = true;
			return out->ntok;
		}
	}
	{
		size_t got = ago(lex, doc, j, published, out);
		if (got) {
			out->tok = (uint32_t)start;
			out->ntok = (uint32_t)(j + got - start);
			out->since = since;
			return out->ntok;
		}
	}
	/* Part of day before a day word: مساء الأربعاء، فجر اليوم */
	if (cal_at(lex, doc, j, &m) && m.u.calendar.kind == RASD_CAL_PART_OF_DAY) {
		size_t k = j + m.ntokens;
		if (cal_at(lex, doc, k, &m2) && (m2.u.calendar.kind == RASD_CAL_WEEKDAY ||
						 m2.u.calendar.kind == RASD_CAL_DAY_OFFSET))
			j = k;
		else
			return 0;
	}
	/* Day number + month */
	{
		long day = small_number(&doc->tokens[j]);
		if (day >= 1 && day <= 31)
			return day_of_month(lex, doc, start, j + 1, (int)day, published, since, out);
	}
	/* التاسع من أيار، ليلة التاسع والعاشر من مايو: an ordinal day, من, a
	 * month (the first day named dates it) */
	if (cal_at(lex, doc, j, &m) && m.u.calendar.kind == RASD_CAL_DAY_ORDINAL) {
		size_t k = j + m.ntokens;
		if (cal_at(lex, doc, k, &m2) && m2.u.calendar.kind == RASD_CAL_DAY_ORDINAL &&
		    (m2.clitics & RASD_CLITIC_CONJ))
			k += m2.ntokens;
		if (k + 1 < doc->ntokens && word_in(lex, &doc->tokens[k], RASD_WL_DAY_OF))
			return day_of_month(lex, doc, start, k + 1, m.u.calendar.value, published,
					    since, out);
		return 0;
	}
	if (!cal_at(lex, doc, j, &m))
		return 0;
	switch (m.u.calendar.kind) {
	case RASD_CAL_MONTH: {
		int year = 0;
		size_t k = skip_alt_month(lex, doc, j + m.ntokens);
		k = read_year(lex, doc, k, &year);
		if (year < 0)
			return 0;
		if (year == 0) {
			if (published == INT32_MIN)
				return 0;
			year = infer_year(published, m.u.calendar.value);
			/* أكتوبر الماضي: the last October before this month */
			if (k < doc->ntokens && word_in(lex, &doc->tokens[k], RASD_WL_MONTH_PAST)) {
				if (year == py && m.u.calendar.value >= pm)
					year--;
				k++;
			}
		}
		out->date = rasd_days_from_civil(year, m.u.calendar.value, 1);
		out->precision = 3;
		out->tok = (uint32_t)start;
		out->ntok = (uint32_t)(k - start);
		out->since = since;
		return out->ntok;
	}
	case RASD_CAL_WEEKDAY: {
		size_t k = j + m.ntokens;
		int delta;
		long day;
		if (published == INT32_MIN)
			return 0;
		/* الثلاثاء 20 فبراير: the explicit day wins */
		if (k < doc->ntokens && (day = small_number(&doc->tokens[k])) >= 1 && day <= 31) {
			struct rasd_date_expr inner;
			size_t got = rasd_date_at(lex, doc, k, published, &inner);
			if (got && inner.precision == 1) {
				*out = inner;
				out->tok = (uint32_t)start;
				out->ntok = (uint32_t)(k + got - start);
				out->since = since;
				return out->ntok;
			}
		}
		delta = (rasd_weekday(published) - m.u.calendar.value + 7) % 7;
		if (k < doc->ntokens && word_in(lex, &doc->tokens[k], RASD_WL_WEEKDAY_PAST)) {
			if (delta == 0)
				delta = 7;
			k++;
		} else if (k < doc->ntokens && word_in(lex, &doc->tokens[k], RASD_WL_WEEKDAY_NEXT)) {
			delta = -((m.u.calendar.value - rasd_weekday(published) + 7) % 7);
			if (delta == 0)
				delta = -7;
			k++;
		}
		out->date = published - delta;
		out->precision = 1;
		out->tok = (uint32_t)start;
		out->ntok = (uint32_t)(k - start);
		out->since = since;
		return out->ntok;
	}
	case RASD_CAL_DAY_OFFSET:
		if (published == INT32_MIN)
			return 0;
		out->date = published + m.u.calendar.value;
		out->precision = 1;
		out->tok = (uint32_t)start;
		out->ntok = (uint32_t)(j + m.ntokens - start);
		out->since = since;
		return out->ntok;
	case RASD_CAL_MONTH_PART:
	case RASD_CAL_PERIOD: {
		size_t k = j;
		int unit, off;
		if (m.u.calendar.kind == RASD_CAL_MONTH_PART) {
			/* مطلع الشهر الحالي، أواخر نوفمبر */
			k = j + m.ntokens;
			if (cal_at(lex, doc, k, &m2) && m2.u.calendar.kind == RASD_CAL_MONTH) {
				struct rasd_date_expr inner;
				size_t got = rasd_date_at(lex, doc, k, published, &inner);
				if (!got)
					return 0;
				*out = inner;
				out->tok = (uint32_t)start;
				out->ntok = (uint32_t)(k + got - start);
				out->since = since;
				return out->ntok;
			}
			if (!cal_at(lex, doc, k, &m2) || m2.u.calendar.kind != RASD_CAL_PERIOD)
				return 0;
			m = m2;
		}
		if (published == INT32_MIN)
			return 0;
		unit = m.u.calendar.unit;
		off = m.u.calendar.value;
		k += m.ntokens;
		out->tok = (uint32_t)start;
		out->ntok = (uint32_t)(k - start);
		out->since = since;
		switch (unit) {
		case RASD_PERIOD_DAY:
			out->date = published + off;
			out->precision = off == 0 || off == -1 ? 1 : 2;
			break;
		case RASD_PERIOD_WEEK:
			out->date = published + 7 * off;
			out->precision = 2;
			break;
		case RASD_PERIOD_MONTH: {
			int y = py, mo = pm + off;
			while (mo < 1) {
				mo += 12;
				y--;
			}
			while (mo > 12) {
				mo -= 12;
				y++;
			}
			out->date = rasd_days_from_civil(y, mo, 1);
			out->precision = 3;
			break;
		}
		default:
			out->date = rasd_days_from_civil(py + off, 1, 1);
			out->precision = 4;
			break;
		}
		return out->ntok;
	}
	default:
		return 0;
	}
}
