/*
 * acled.c - events as ACLED-true rows: ACLED's columns in ACLED's order
 * with its value conventions (numeric ISO code, ISO3 + number ids, English
 * place and actor names, interaction codes for the actor in that event,
 * outlet names and scales, one-line notes), then rasd's own columns (the
 * hash id, codes, Arabic names, evidence). One row is assembled once and
 * written as a CSV line or as the properties of a GeoJSON Feature, so the
 * two formats carry exactly the same fields. Part of store/.
 */
#include "acled.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col_kind { STR, NUM };

static const struct {
	const char *name;
	enum col_kind kind;
} columns[] = {
	/* ACLED's columns, in ACLED's order */
	{"event_id_cnty", STR}, {"event_date", STR}, {"year", NUM}, {"time_precision", NUM},
	{"disorder_type", STR}, {"event_type", STR}, {"sub_event_type", STR}, {"actor1", STR},
	{"assoc_actor_1", STR}, {"inter1", NUM}, {"actor2", STR}, {"assoc_actor_2", STR},
	{"inter2", NUM}, {"interaction", NUM}, {"civilian_targeting", STR}, {"iso", NUM},
	{"region", STR}, {"country", STR}, {"admin1", STR}, {"admin2", STR}, {"admin3", STR},
	{"location", STR}, {"latitude", NUM}, {"longitude", NUM}, {"geo_precision", NUM},
	{"source", STR}, {"source_scale", STR}, {"notes", STR}, {"fatalities", NUM},
	{"tags", STR}, {"timestamp", NUM},
	/* rasd's */
	{"event_id", STR}, {"doc_id", STR}, {"actor1_code", STR}, {"assoc_actor_1_code", STR},
	{"actor2_code", STR}, {"assoc_actor_2_code", STR}, {"admin1_ar", STR}, {"admin2_ar", STR},
	{"admin3_ar", STR}, {"location_ar", STR}, {"pcode", STR}, {"claimed", STR},
	{"modality", STR}, {"trigger", STR}, {"confidence", NUM}, {"evidence_field", STR},
	{"evidence_start", NUM}, {"evidence_end", NUM}, {"narticles", NUM}, {"nsources", NUM},
	{"url", STR}, {"review_status", STR}};

#define NCOLS (sizeof(columns) / sizeof(columns[0]))
#define NCOLS_ACLED 31

enum col {
	C_ID_CNTY, C_DATE, C_YEAR, C_TIME_PRECISION, C_DISORDER, C_TYPE, C_SUB_TYPE, C_ACTOR1,
	C_ASSOC1, C_INTER1, C_ACTOR2, C_ASSOC2, C_INTER2, C_INTERACTION, C_CIV_TARGETING, C_ISO,
	C_REGION, C_COUNTRY, C_ADMIN1, C_ADMIN2, C_ADMIN3, C_LOCATION, C_LAT, C_LON, C_GEO_PRECISION,
	C_SOURCE, C_SOURCE_SCALE, C_NOTES, C_FATALITIES, C_TAGS, C_TIMESTAMP, C_EVENT_ID, C_DOC_ID,
	C_ACTOR1_CODE, C_ASSOC1_CODE, C_ACTOR2_CODE, C_ASSOC2_CODE, C_ADMIN1_AR, C_ADMIN2_AR,
	C_ADMIN3_AR, C_LOCATION_AR, C_PCODE, C_CLAIMED, C_MODALITY, C_TRIGGER, C_CONFIDENCE,
	C_EVIDENCE_FIELD, C_EVIDENCE_START, C_EVIDENCE_END, C_NARTICLES, C_NSOURCES, C_URL, C_REVIEW_STATUS,
	C_COUNT
};

_Static_assert(C_COUNT == NCOLS, "enum col follows columns[]");
_Static_assert(C_TIMESTAMP + 1 == NCOLS_ACLED, "ACLED's 31 columns come first");

const char *rasd_acled_column(size_t i, bool *acled)
{
	if (i >= NCOLS)
		return NULL;
	if (acled)
		*acled = i < NCOLS_ACLED;
	return columns[i].name;
}

#define TRY(x)                                                                             \
	do {                                                                               \
		enum rasd_status st_ = (x);                                                \
		if (st_ != RASD_OK)                                                        \
			return st_;                                                        \
	} while (0)

/* ISO 3166: alpha-2, alpha-3, numeric, sorted by alpha-2. */
static const struct {
	const char *iso2, *iso3;
	int num;
} iso[] = {
#include "iso3166.inc"
};

static int iso_index(const char *iso2)
{
	size_t lo = 0, hi = sizeof(iso) / sizeof(iso[0]);
	if (!iso2)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(iso2, iso[mid].iso2);
		if (c == 0)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

const char *rasd_country_iso3(const char *iso2)
{
	int k = iso_index(iso2);
	return k < 0 ? "" : iso[k].iso3;
}

int rasd_country_numeric(const char *iso2)
{
	int k = iso_index(iso2);
	return k < 0 ? 0 : iso[k].num;
}

/* An ISO code (SY, SYR, 760), or NULL. */
const char *rasd_country_from_code(const char *s)
{
	size_t i, n = s ? strlen(s) : 0;
	char up[4];
	if (n < 2 || n > 3)
		return NULL;
	for (i = 0; i < n; i++)
		up[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' : s[i]);
	up[n] = '\0';
	for (i = 0; i < sizeof(iso) / sizeof(iso[0]); i++) {
		char num[8];
		snprintf(num, sizeof(num), "%d", iso[i].num);
		if (strcmp(up, iso[i].iso2) == 0 || strcmp(up, iso[i].iso3) == 0 ||
		    strcmp(up, num) == 0 || (n == 3 && up[0] == '0' && strcmp(up + 1, num) == 0))
			return iso[i].iso2;
	}
	return NULL;
}

/* ------------------------------------------------------------- actors */

/*
 * ACLED's interaction code for an actor in this event: state forces acting
 * outside their own country are external forces (8), foreign forces at
 * home are state forces (1), whoever demonstrates is a protester (6) or a
 * rioter (5).
 */
static int inter_in(const struct rasd_actor *a, const struct rasd_event *e, bool first)
{
	bool abroad, home;
	if (!a)
		return 0;
	abroad = a->country && *a->country && strcmp(a->country, "-") != 0 && e->country &&
		 *e->country && strcmp(a->country, e->country) != 0;
	home = a->country && e->country && *e->country && strcmp(a->country, e->country) == 0;
	if (first && e->event_type && strcmp(e->event_type, "Protests") == 0)
		return 6;
	if (first && e->event_type && strcmp(e->event_type, "Riots") == 0 && a->inter != 1)
		return 5;
	if (a->inter == 1 && abroad)
		return 8;
	if (a->inter == 8 && home)
		return 1;
	return a->inter;
}

/* Actors ACLED names after the country they act in. */
static const struct {
	const char *code, *name;
} generic[] = {{"CIV", "Civilians"},
	       {"UNK", "Unidentified Armed Group"},
	       {"PROTESTERS", "Protesters"},
	       {"RIOTERS", "Rioters"}};

static const char *generic_name(const struct rasd_actor *a)
{
	size_t i;
	for (i = 0; a && i < sizeof(generic) / sizeof(generic[0]); i++)
		if (strcmp(a->code, generic[i].code) == 0)
			return generic[i].name;
	return NULL;
}

/* actor1 when the text names nobody: ACLED's convention for the type. */
static const char *unnamed_actor1(const struct rasd_event *e, int *inter)
{
	const char *t = e->event_type ? e->event_type : "";
	if (strcmp(t, "Protests") == 0) {
		*inter = 6;
		return "Protesters";
	}
	if (strcmp(t, "Riots") == 0) {
		*inter = 5;
		return "Rioters";
	}
	if (strcmp(t, "Strategic developments") == 0) {
		*inter = 0;
		return NULL;
	}
	*inter = 3;
	return "Unidentified Armed Group";
}

/* ------------------------------------------------------------- a row */

struct row {
	struct rasd_buf text; /* every value, each followed by a NUL */
	size_t off[NCOLS];
	bool set[NCOLS];
};

static enum rasd_status put(struct row *r, enum col c, const char *s, size_t n)
{
	r->off[c] = r->text.n;
	r->set[c] = true;
	TRY(rasd_buf_append(&r->text, s, n));
	return rasd_buf_putc(&r->text, '\0');
}

static enum rasd_status put_s(struct row *r, enum col c, const char *s)
{
	if (!s || !*s)
		return RASD_OK;
	return put(r, c, s, strlen(s));
}

static enum rasd_status put_f(struct row *r, enum col c, const char *fmt, ...) RASD_PRINTF(3, 4);
static enum rasd_status put_f(struct row *r, enum col c, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return RASD_EINVAL;
	return put(r, c, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* Append s[0..n) on one line: line breaks and tabs become spaces, runs of
 * spaces one. */
static enum rasd_status one_line(struct rasd_buf *b, const char *s, size_t n)
{
	size_t i;
	bool space = b->n == 0 || b->p[b->n - 1] == ' ';
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			if (!space)
				TRY(rasd_buf_putc(b, ' '));
			space = true;
			continue;
		}
		TRY(rasd_buf_putc(b, c));
		space = false;
	}
	while (b->n && b->p[b->n - 1] == ' ')
		b->p[--b->n] = '\0';
	return RASD_OK;
}

static const char *const month_en[] = {"January", "February", "March",     "April",
				       "May",     "June",     "July",      "August",
				       "September", "October", "November", "December"};

static const char *actor_label(const struct rasd_actor *a, const char *country, char *buf,
			       size_t n)
{
	const char *g = generic_name(a);
	if (!a)
		return NULL;
	if (g) {
		if (country && *country)
			snprintf(buf, n, "%s (%s)", g, country);
		else
			snprintf(buf, n, "%s", g);
		return buf;
	}
	return a->name_en && *a->name_en ? a->name_en : a->code;
}

/* "On 15 November 2021, Armed clash: Islamic State against Syrian
 * Democratic Forces in Al-Busayrah (Deir-ez-Zor). 3 fatalities. Arabic
 * report (France 24): «...»" */
static enum rasd_status notes(struct rasd_buf *b, const struct rasd_event *e, const char *a1,
			      const char *assoc1, const char *a2, const char *where,
			      const char *admin1, const char *outlet, const char *sp, size_t sn)
{
	if (e->has_date) {
		int y, m, d;
		rasd_civil_from_days(e->date, &y, &m, &d);
		if (e->time_precision >= 3)
			TRY(rasd_buf_printf(b, "In %s %d, ", month_en[m - 1], y));
		else
			TRY(rasd_buf_printf(b, "On %s%d %s %d, ",
					    e->time_precision == 2 ? "or around " : "", d,
					    month_en[m - 1], y));
	}
	TRY(rasd_buf_printf(b, "%s", e->sub_event_type ? e->sub_event_type : "event"));
	if (a1)
		TRY(rasd_buf_printf(b, ": %s", a1));
	if (assoc1)
		TRY(rasd_buf_printf(b, " with %s", assoc1));
	if (a2)
		TRY(rasd_buf_printf(b, "%s %s", a1 ? " against" : ": against", a2));
	if (where && *where) {
		TRY(rasd_buf_printf(b, " in %s", where));
		if (admin1 && *admin1 && strcmp(admin1, where) != 0)
			TRY(rasd_buf_printf(b, " (%s)", admin1));
	} else if (admin1 && *admin1) {
		TRY(rasd_buf_printf(b, " in %s", admin1));
	}
	TRY(rasd_buf_printf(b, ". %ld %s.", e->fatalities, e->fatalities == 1 ? "fatality" : "fatalities"));
	if (e->modality == RASD_MOD_CLAIMED)
		TRY(rasd_buf_puts(b, " Claimed by the perpetrator."));
	else if (e->modality == RASD_MOD_FOILED)
		TRY(rasd_buf_puts(b, " Foiled attempt."));
	if (sn) {
		if (outlet && *outlet)
			TRY(rasd_buf_printf(b, " Arabic report (%s): ", outlet));
		else
			TRY(rasd_buf_puts(b, " Arabic report: "));
		TRY(one_line(b, sp, sn));
	}
	return RASD_OK;
}

static void evidence_text(const struct rasd_acled_event *ev, const struct rasd_article *art,
			  const struct rasd_event *e, const char **p, size_t *n)
{
	const char *f = e->evidence.field == RASD_FIELD_TITLE ? art->title : art->text;
	size_t fn = e->evidence.field == RASD_FIELD_TITLE ? art->title_n : art->text_n;
	*p = "";
	*n = 0;
	if (ev->sentence) {
		*p = ev->sentence;
		*n = ev->sentence_n;
		return;
	}
	if (!f || e->evidence.sent_end > fn || e->evidence.sent_start > e->evidence.sent_end)
		return;
	*p = f + e->evidence.sent_start;
	*n = e->evidence.sent_end - e->evidence.sent_start;
}

/* Every outlet through the outlet table, "; "-joined, and their scales
 * (distinct, '-'-joined: National-International). */
static enum rasd_status outlets(const struct rasd_acled *x, const char *sources, struct row *r,
				char *first, size_t first_n)
{
	struct rasd_buf names, scale;
	const char *p = sources;
	enum rasd_status st = RASD_OK;
	size_t nscales = 0;

	first[0] = '\0';
	if (!sources || !*sources)
		return RASD_OK;
	rasd_buf_init(&names, 1 << 20);
	rasd_buf_init(&scale, 1 << 12);
	while (*p && st == RASD_OK) {
		const char *end = strstr(p, "; ");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		struct rasd_str name;
		const char *sc;
		rasd_acled_outlet(x, p, n, &name, &sc);
		if (!first[0])
			snprintf(first, first_n, "%.*s", (int)name.n, name.p);
		if (names.n)
			st = rasd_buf_puts(&names, "; ");
		if (st == RASD_OK)
			st = rasd_buf_append(&names, name.p, name.n);
		if (st == RASD_OK && sc && nscales < 2 && !strstr(scale.p, sc)) {
			if (scale.n)
				st = rasd_buf_putc(&scale, '-');
			if (st == RASD_OK)
				st = rasd_buf_puts(&scale, sc);
			nscales++;
		}
		p = end ? end + 2 : p + n;
	}
	if (st == RASD_OK && names.n)
		st = put(r, C_SOURCE, names.p, names.n);
	if (st == RASD_OK && scale.n)
		st = put(r, C_SOURCE_SCALE, scale.p, scale.n);
	rasd_buf_release(&names);
	rasd_buf_release(&scale);
	return st;
}

/* The number in a rasd-<16 hex> id: its first 12 hex digits, stable for
 * the same input. */
static unsigned long long hash_number(const char *event_id)
{
	unsigned long long v = 0;
	size_t i;
	if (!event_id || strncmp(event_id, "rasd-", 5) != 0)
		return 0;
	for (i = 5; i < 17 && event_id[i]; i++) {
		char c = event_id[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return 0;
		v = v * 16 + (unsigned)d;
	}
	return v;
}

static enum rasd_status fill(struct row *r, const struct rasd_acled *x,
			     const struct rasd_acled_event *ev)
{
	const struct rasd_event *e = ev->event;
	const struct rasd_article *art = ev->article;
	const char *cname = rasd_country_name(e->country);
	struct rasd_acled_places pl;
	char date[11], buf1[160], buf2[160], buf3[160], buf4[160], outlet1[160];
	const char *a1, *a2, *as1, *as2, *sp, *where;
	const struct rasd_actor *r1, *r2;
	int i1, i2, inum;
	size_t sn;
	struct rasd_buf nb;
	enum rasd_status st;

	rasd_acled_places(x, e, &pl);
	if (ev->number > 0)
		TRY(put_f(r, C_ID_CNTY, "%s%lld", e->country && *rasd_country_iso3(e->country)
							 ? rasd_country_iso3(e->country)
							 : "XXX",
			  ev->number));
	else
		TRY(put_f(r, C_ID_CNTY, "%s%llu", e->country && *rasd_country_iso3(e->country)
							 ? rasd_country_iso3(e->country)
							 : "XXX",
			  hash_number(e->event_id)));
	if (e->has_date) {
		rasd_format_date(e->date, date);
		TRY(put_s(r, C_DATE, date));
		TRY(put(r, C_YEAR, date, 4));
		TRY(put_f(r, C_TIME_PRECISION, "%d", e->time_precision));
	}
	TRY(put_s(r, C_DISORDER, rasd_disorder_type(e->event_type)));
	TRY(put_s(r, C_TYPE, e->event_type));
	TRY(put_s(r, C_SUB_TYPE, e->sub_event_type));

	/* ACLED codes the demonstrators as actor1 of a protest, the force that
	 * intervenes as actor2 */
	r1 = e->actor1;
	r2 = e->actor2;
	if (r1 && !r2 && e->event_type && strcmp(e->event_type, "Protests") == 0 &&
	    (r1->inter == 1 || r1->inter == 8)) {
		r2 = r1;
		r1 = NULL;
	}
	a1 = actor_label(r1, cname, buf1, sizeof(buf1));
	i1 = inter_in(r1, e, true);
	if (!a1) {
		const char *g = unnamed_actor1(e, &i1);
		if (g && *cname)
			snprintf(buf1, sizeof(buf1), "%s (%s)", g, cname);
		else if (g)
			snprintf(buf1, sizeof(buf1), "%s", g);
		a1 = g ? buf1 : NULL;
	}
	as1 = actor_label(e->assoc_actor1, cname, buf2, sizeof(buf2));
	a2 = actor_label(r2, cname, buf3, sizeof(buf3));
	as2 = actor_label(e->assoc_actor2, cname, buf4, sizeof(buf4));
	i2 = inter_in(r2, e, false);
	TRY(put_s(r, C_ACTOR1, a1));
	TRY(put_s(r, C_ASSOC1, as1));
	if (i1)
		TRY(put_f(r, C_INTER1, "%d", i1));
	TRY(put_s(r, C_ACTOR2, a2));
	TRY(put_s(r, C_ASSOC2, as2));
	if (i2)
		TRY(put_f(r, C_INTER2, "%d", i2));
	if (i1 && i2)
		TRY(put_f(r, C_INTERACTION, "%d", i1 < i2 ? i1 * 10 + i2 : i2 * 10 + i1));
	else if (i1 || i2)
		TRY(put_f(r, C_INTERACTION, "%d", (i1 ? i1 : i2) * 10));
	if (i2 == 7)
		TRY(put_s(r, C_CIV_TARGETING, "Civilian targeting"));

	inum = rasd_country_numeric(e->country);
	if (inum)
		TRY(put_f(r, C_ISO, "%d", inum));
	TRY(put_s(r, C_REGION, rasd_country_region(e->country)));
	TRY(put_s(r, C_COUNTRY, cname));
	TRY(put_s(r, C_ADMIN1, pl.admin1_en));
	TRY(put_s(r, C_ADMIN2, pl.admin2_en));
	TRY(put_s(r, C_ADMIN3, pl.admin3_en));
	where = pl.location_en;
	TRY(put_s(r, C_LOCATION, where));
	if (e->has_coords) {
		TRY(put_f(r, C_LAT, "%.4f", e->latitude));
		TRY(put_f(r, C_LON, "%.4f", e->longitude));
		TRY(put_f(r, C_GEO_PRECISION, "%d", e->geo_precision));
	}
	TRY(outlets(x, ev->sources ? ev->sources : art->source, r, outlet1, sizeof(outlet1)));

	evidence_text(ev, art, e, &sp, &sn);
	rasd_buf_init(&nb, 1 << 20);
	st = notes(&nb, e, a1, as1, a2, where, pl.admin1_en, outlet1, sp, sn);
	if (st == RASD_OK)
		st = put(r, C_NOTES, nb.p, nb.n);
	rasd_buf_release(&nb);
	TRY(st);
	TRY(put_f(r, C_FATALITIES, "%ld", e->fatalities));
	if (e->event_type &&
	    (strcmp(e->event_type, "Protests") == 0 || strcmp(e->event_type, "Riots") == 0))
		TRY(put_s(r, C_TAGS, "crowd size=no report"));
	TRY(put_f(r, C_TIMESTAMP, "%lld", ev->timestamp));

	TRY(put_s(r, C_EVENT_ID, e->event_id));
	TRY(put_s(r, C_DOC_ID, art->id));
	TRY(put_s(r, C_ACTOR1_CODE, r1 ? r1->code : NULL));
	TRY(put_s(r, C_ASSOC1_CODE, e->assoc_actor1 ? e->assoc_actor1->code : NULL));
	TRY(put_s(r, C_ACTOR2_CODE, r2 ? r2->code : NULL));
	TRY(put_s(r, C_ASSOC2_CODE, e->assoc_actor2 ? e->assoc_actor2->code : NULL));
	TRY(put_s(r, C_ADMIN1_AR, e->admin1));
	TRY(put_s(r, C_ADMIN2_AR, e->admin2));
	TRY(put_s(r, C_ADMIN3_AR, pl.admin3_ar));
	TRY(put_s(r, C_LOCATION_AR, e->location));
	TRY(put_s(r, C_PCODE, e->pcode ? e->pcode : pl.admin3_pcode));
	TRY(put_s(r, C_CLAIMED, e->claimed ? "true" : "false"));
	TRY(put_s(r, C_MODALITY, rasd_modality_name(e->modality)));
	TRY(put_s(r, C_TRIGGER, e->trigger));
	TRY(put_f(r, C_CONFIDENCE, "%.2f", e->confidence));
	TRY(put_s(r, C_EVIDENCE_FIELD, e->evidence.field == RASD_FIELD_TITLE ? "title" : "text"));
	TRY(put_f(r, C_EVIDENCE_START, "%u", e->evidence.start));
	TRY(put_f(r, C_EVIDENCE_END, "%u", e->evidence.end));
	TRY(put_f(r, C_NARTICLES, "%ld", ev->narticles > 0 ? ev->narticles : 1));
	TRY(put_f(r, C_NSOURCES, "%ld", ev->nsources > 0 ? ev->nsources : 1));
	TRY(put_s(r, C_URL, art->url));
	return put_s(r, C_REVIEW_STATUS, ev->review_status);
}

static enum rasd_status build(struct row *r, const struct rasd_acled *x,
			      const struct rasd_acled_event *ev)
{
	memset(r->set, 0, sizeof(r->set));
	rasd_buf_init(&r->text, 1 << 22);
	return fill(r, x, ev);
}

enum rasd_status rasd_acled_csv_header(struct rasd_buf *b)
{
	size_t i;
	for (i = 0; i < NCOLS; i++) {
		if (i)
			TRY(rasd_buf_putc(b, ','));
		TRY(rasd_buf_puts(b, columns[i].name));
	}
	return rasd_buf_putc(b, '\n');
}

enum rasd_status rasd_acled_write_csv(struct rasd_buf *b, const struct rasd_acled *x,
				      const struct rasd_acled_event *ev)
{
	struct row r;
	enum rasd_status st = build(&r, x, ev);
	size_t i, mark = b->n;

	for (i = 0; i < NCOLS && st == RASD_OK; i++) {
		if (i)
			st = rasd_buf_putc(b, ',');
		if (st == RASD_OK && r.set[i])
			st = rasd_buf_csv_field(b, r.text.p + r.off[i], strlen(r.text.p + r.off[i]));
	}
	if (st == RASD_OK)
		st = rasd_buf_putc(b, '\n');
	if (st != RASD_OK) {
		b->n = mark;
		b->p[mark] = '\0';
	}
	rasd_buf_release(&r.text);
	return st;
}

enum rasd_status rasd_acled_write_geojson(struct rasd_buf *b, const struct rasd_acled *x,
					  const struct rasd_acled_event *ev)
{
	struct row r;
	enum rasd_status st;
	size_t i, mark = b->n;

	if (!ev->event->has_coords)
		return RASD_ENOTFOUND;
	st = build(&r, x, ev);
	if (st == RASD_OK)
		st = rasd_buf_printf(b, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
					"\"coordinates\":[%.5f,%.5f]},\"properties\":{",
				     ev->event->longitude, ev->event->latitude);
	for (i = 0; i < NCOLS && st == RASD_OK; i++) {
		const char *v = r.set[i] ? r.text.p + r.off[i] : "";
		if (i)
			st = rasd_buf_putc(b, ',');
		if (st == RASD_OK)
			st = rasd_buf_json_str(b, columns[i].name, strlen(columns[i].name));
		if (st == RASD_OK)
			st = rasd_buf_putc(b, ':');
		if (st != RASD_OK)
			break;
		if (!r.set[i])
			st = rasd_buf_puts(b, "null");
		else if (columns[i].kind == NUM)
			st = rasd_buf_puts(b, v);
		else if (i == C_CLAIMED)
			st = rasd_buf_puts(b, strcmp(v, "true") == 0 ? "true" : "false");
		else
			st = rasd_buf_json_str(b, v, strlen(v));
	}
	if (st == RASD_OK)
		st = rasd_buf_puts(b, "}}");
	if (st != RASD_OK) {
		b->n = mark;
		b->p[mark] = '\0';
	}
	rasd_buf_release(&r.text);
	return st;
}
