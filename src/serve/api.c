/*
 * api.c - the JSON API's read handlers: events (a page of the current
 * filter, one event with its article and every source, CSV and GeoJSON
 * exports), statistics, full-text search, gazetteer look-up and the
 * session that writes need. Every database call is the store's public API
 * (rasd_db_query, rasd_db_count_by, rasd_db_search): the same code paths
 * as `rasd query`, `rasd stats` and `rasd search`.
 */
#include "serve.h"

#include <stdlib.h>
#include <string.h>

#define TRY(x)                                                                             \
	do {                                                                               \
		enum rasd_status st_ = (x);                                                \
		if (st_ != RASD_OK)                                                        \
			return st_;                                                        \
	} while (0)

/* The snippet marks of /api/search: control characters the page turns
 * into <mark> elements (article text cannot smuggle markup through them:
 * the page never parses text as HTML). */
#define MARK_OPEN "\x02"
#define MARK_CLOSE "\x03"

static void store_error(struct serve_reply *rp, const struct rasd_error *err, enum rasd_status st)
{
	const char *msg = err->msg[0] ? err->msg : rasd_strerror(st);

	if (st == RASD_EINVAL || st == RASD_ESYNTAX)
		serve_error(rp, 400, "%s", msg);
	else if (st == RASD_ETOOBIG)
		serve_error(rp, 413, "the answer is too large: narrow the filter");
	else
		serve_error(rp, 500, "%s", msg);
}

static enum rasd_status key_str(struct rasd_buf *b, const char *k, const char *v)
{
	TRY(rasd_buf_json_str(b, k, strlen(k)));
	TRY(rasd_buf_putc(b, ':'));
	if (!v)
		return rasd_buf_puts(b, "null");
	return rasd_buf_json_str(b, v, strlen(v));
}

/* ------------------------------------------------------------- events */

struct event_list {
	struct rasd_buf *b;
	long n;
	long no_coords;
	const struct rasd_acled *acled;
};

/* An event as the ACLED-true exports take it (the same as `rasd query`). */
static struct rasd_acled_event acled_event(const struct rasd_db_event *e)
{
	return rasd_db_event_acled(e);
}

static enum rasd_status list_json(void *ctx, const struct rasd_db_event *e)
{
	struct event_list *l = ctx;

	if (l->n++)
		TRY(rasd_buf_putc(l->b, ','));
	return rasd_db_event_write_json(l->b, e);
}

static enum rasd_status add_up(void *ctx, const char *key, const char *label, long events,
			       long fatalities)
{
	struct rasd_db_totals *t = ctx;

	(void)key;
	(void)label;
	t->events += events;
	t->fatalities += fatalities;
	return RASD_OK;
}

void api_events(struct serve_request *rq, struct serve_reply *rp)
{
	struct rasd_db_filter f;
	struct rasd_db_totals t;
	struct rasd_error err;
	struct event_list l = {&rp->body, 0, 0, rq->srv->cfg.acled};
	enum rasd_status st;

	rasd_error_clear(&err);
	if (!serve_filter(rq, rp, &f, true))
		return;
	/* the filter's totals, as the sum over event types: one grouped count,
	 * without the database-wide article counts of rasd_db_totals */
	memset(&t, 0, sizeof(t));
	st = rasd_db_count_by(rq->db, &f, RASD_STAT_TYPE, 0, add_up, &t, &err);
	if (st == RASD_OK)
		st = rasd_buf_printf(&rp->body,
				     "{\"total\":%ld,\"fatalities\":%ld,\"offset\":%ld,\"limit\":%ld,"
				     "\"events\":[",
				     t.events, t.fatalities, f.offset, f.limit);
	if (st == RASD_OK)
		st = rasd_db_query(rq->db, &f, &rq->arena, list_json, &l, &err);
	if (st == RASD_OK)
		st = rasd_buf_puts(&rp->body, "]}\n");
	if (st != RASD_OK) {
		store_error(rp, &err, st);
		return;
	}
	serve_json(rp);
}

static enum rasd_status list_geojson(void *ctx, const struct rasd_db_event *e)
{
	struct event_list *l = ctx;
	size_t mark = l->b->n;
	struct rasd_acled_event ae;
	enum rasd_status st;

	if (!e->event.has_coords) {
		l->no_coords++;
		return RASD_OK;
	}
	if (l->n && rasd_buf_putc(l->b, ',') != RASD_OK)
		return RASD_ETOOBIG;
	ae = acled_event(e);
	st = rasd_acled_write_geojson(l->b, l->acled, &ae);
	if (st == RASD_ENOTFOUND) { /* no point after all: undo the comma */
		l->b->n = mark;
		l->b->p[mark] = '\0';
		l->no_coords++;
		return RASD_OK;
	}
	if (st == RASD_OK)
		l->n++;
	return st;
}

void api_events_geojson(struct serve_request *rq, struct serve_reply *rp)
{
	struct rasd_db_filter f;
	struct rasd_error err;
	struct event_list l = {&rp->body, 0, 0, rq->srv->cfg.acled};
	enum rasd_status st;

	rasd_error_clear(&err);
	if (!serve_filter(rq, rp, &f, false))
		return;
	st = rasd_buf_puts(&rp->body, "{\"type\":\"FeatureCollection\",\"features\":[");
	if (st == RASD_OK)
		st = rasd_db_query(rq->db, &f, &rq->arena, list_geojson, &l, &err);
	if (st == RASD_OK)
		st = rasd_buf_printf(&rp->body, "],\"rasd_events_without_coordinates\":%ld}\n",
				     l.no_coords);
	if (st != RASD_OK) {
		store_error(rp, &err, st);
		return;
	}
	serve_json(rp);
	rp->type = "application/geo+json; charset=utf-8";
	if (serve_arg(rq, "download"))
		rp->attachment = "rasd-events.geojson";
}

static enum rasd_status list_csv(void *ctx, const struct rasd_db_event *e)
{
	struct event_list *l = ctx;
	struct rasd_acled_event ae = acled_event(e);

	l->n++;
	return rasd_acled_write_csv(l->b, l->acled, &ae);
}

void api_events_csv(struct serve_request *rq, struct serve_reply *rp)
{
	struct rasd_db_filter f;
	struct rasd_error err;
	struct event_list l = {&rp->body, 0, 0, rq->srv->cfg.acled};
	enum rasd_status st;

	rasd_error_clear(&err);
	if (!serve_filter(rq, rp, &f, false))
		return;
	st = rasd_acled_csv_header(&rp->body);
	if (st == RASD_OK)
		st = rasd_db_query(rq->db, &f, &rq->arena, list_csv, &l, &err);
	if (st != RASD_OK) {
		store_error(rp, &err, st);
		return;
	}
	serve_json(rp);
	rp->type = "text/csv; charset=utf-8";
	rp->attachment = "rasd-events.csv";
}

static enum rasd_status str_or_null(struct rasd_buf *b, const char *v)
{
	return v ? rasd_buf_json_str(b, v, strlen(v)) : rasd_buf_puts(b, "null");
}

static enum rasd_status point_json(void *ctx, const struct rasd_db_point *p)
{
	struct event_list *l = ctx;
	struct rasd_buf *b = l->b;

	TRY(rasd_buf_puts(b, l->n++ ? ",[" : "["));
	TRY(str_or_null(b, p->event_id));
	TRY(rasd_buf_putc(b, ','));
	TRY(str_or_null(b, p->event_date));
	TRY(rasd_buf_putc(b, ','));
	TRY(str_or_null(b, p->event_type));
	TRY(rasd_buf_putc(b, ','));
	TRY(str_or_null(b, p->location));
	return rasd_buf_printf(b, ",%.5f,%.5f,%ld]", p->latitude, p->longitude, p->fatalities);
}

/* The map's points: one array per event, the fields named once. */
void api_points(struct serve_request *rq, struct serve_reply *rp)
{
	struct rasd_db_filter f;
	struct rasd_error err;
	struct event_list l = {&rp->body, 0, 0, NULL};
	enum rasd_status st;

	rasd_error_clear(&err);
	if (!serve_filter(rq, rp, &f, false))
		return;
	st = rasd_buf_puts(&rp->body, "{\"fields\":[\"event_id\",\"event_date\",\"event_type\","
				      "\"location\",\"latitude\",\"longitude\",\"fatalities\"],"
				      "\"points\":[");
	if (st == RASD_OK)
		st = rasd_db_points(rq->db, &f, point_json, &l, &l.no_coords, &err);
	if (st == RASD_OK)
		st = rasd_buf_printf(&rp->body, "],\"count\":%ld,\"without_coordinates\":%ld}\n", l.n,
				     l.no_coords);
	if (st != RASD_OK) {
		store_error(rp, &err, st);
		return;
	}
	serve_json(rp);
}

/* One event: every field, its primary article (title and text, which the
 * evidence offsets point into) and every source with its evidence. */
static enum rasd_status one_event(void *ctx, const struct rasd_db_event *e)
{
	struct event_list *l = ctx;
	struct rasd_buf *b = l->b;
	const struct rasd_article *a = &e->article;

	l->n++;
	TRY(rasd_db_event_write_json(b, e));
	if (b->n == 0 || b->p[b->n - 1] != '}')
		return RASD_EINVAL;
	b->n--;
	b->p[b->n] = '\0';
	TRY(rasd_buf_puts(b, ",\"article\":{"));
	TRY(key_str(b, "doc_id", a->id));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "url", a->url));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "published", a->published));
	TRY(rasd_buf_puts(b, ",\"title\":"));
	TRY(rasd_buf_json_str(b, a->title ? a->title : "", a->title ? a->title_n : 0));
	TRY(rasd_buf_puts(b, ",\"text\":"));
	TRY(rasd_buf_json_str(b, a->text, a->text_n));
	TRY(rasd_buf_printf(b, ",\"title_bytes\":%zu,\"text_bytes\":%zu}}\n",
			    a->title ? a->title_n : 0, a->text_n));
	return RASD_OK;
}

void api_event(struct serve_request *rq, struct serve_reply *rp)
{
	struct rasd_db_filter f;
	struct rasd_error err;
	struct event_list l = {&rp->body, 0, 0, rq->srv->cfg.acled};
	enum rasd_status st;
	const char *id = rq->path + strlen("/api/events/");

	rasd_error_clear(&err);
	memset(&f, 0, sizeof(f));
	f.event_id = id;
	f.limit = 1;
	f.review = "all"; /* a rejected event can still be opened */
	f.article_text = true; /* the page shows the article around the evidence */
	st = rasd_db_query(rq->db, &f, &rq->arena, one_event, &l, &err);
	if (st != RASD_OK) {
		store_error(rp, &err, st);
		return;
	}
	if (!l.n) {
		serve_error(rp, 404, "no event '%s'", id);
		return;
	}
	serve_json(rp);
}

/* -------------------------------------------------------------- stats */

struct count_list {
	struct rasd_buf *b;
	long n;
	/* weeks folded from the day rows (which come in date order) */
	int32_t week;
	long week_events, week_fatalities;
	bool have_week;
	struct rasd_buf *weeks;
	long nweeks;
};

static enum rasd_status count_row(void *ctx, const char *key, const char *label, long events,
				  long fatalities)
{
	struct count_list *c = ctx;

	if (c->n++)
		TRY(rasd_buf_putc(c->b, ','));
	TRY(rasd_buf_putc(c->b, '{'));
	TRY(key_str(c->b, "key", key));
	TRY(rasd_buf_putc(c->b, ','));
	TRY(key_str(c->b, "label", label));
	return rasd_buf_printf(c->b, ",\"events\":%ld,\"fatalities\":%ld}", events, fatalities);
}

static enum rasd_status flush_week(struct count_list *c)
{
	char day[11];

	if (!c->have_week)
		return RASD_OK;
	rasd_format_date(c->week, day);
	if (c->nweeks++)
		TRY(rasd_buf_putc(c->weeks, ','));
	return rasd_buf_printf(c->weeks, "{\"key\":\"%s\",\"events\":%ld,\"fatalities\":%ld}", day,
			       c->week_events, c->week_fatalities);
}

static enum rasd_status day_row(void *ctx, const char *key, const char *label, long events,
				long fatalities)
{
	struct count_list *c = ctx;
	int32_t d, monday;

	TRY(count_row(ctx, key, label, events, fatalities));
	if (!key || rasd_date_parse(key, strlen(key), &d) != RASD_OK)
		return RASD_OK;
	/* day 0 (1970-01-01) was a Thursday: weeks start on Monday */
	monday = d - (int32_t)(((d % 7) + 7 + 3) % 7);
	if (!c->have_week || monday != c->week) {
		TRY(flush_week(c));
		c->have_week = true;
		c->week = monday;
		c->week_events = 0;
		c->week_fatalities = 0;
	}
	c->week_events += events;
	c->week_fatalities += fatalities;
	return RASD_OK;
}

void api_stats(struct serve_request *rq, struct serve_reply *rp)
{
	static const struct {
		const char *name;
		enum rasd_db_stat by;
		long limit;
	} groups[] = {
		{"by_month", RASD_STAT_MONTH, 0},       {"by_type", RASD_STAT_TYPE, 0},
		{"by_sub_type", RASD_STAT_SUB_TYPE, 0}, {"by_admin1", RASD_STAT_ADMIN1, 0},
		{"by_actor", RASD_STAT_ACTOR, 50},      {"by_source", RASD_STAT_SOURCE, 50},
	};
	struct rasd_db_filter f;
	struct rasd_db_totals t;
	struct rasd_error err;
	struct rasd_buf *b = &rp->body, weeks;
	struct count_list c;
	enum rasd_status st;
	size_t k;

	rasd_error_clear(&err);
	rasd_buf_init(&weeks, SERVE_MAX_REPLY);
	if (!serve_filter(rq, rp, &f, false))
		goto out;
	st = rasd_db_totals(rq->db, &f, &t, &err);
	if (st == RASD_OK)
		st = rasd_buf_printf(b,
				     "{\"totals\":{\"events\":%ld,\"fatalities\":%ld,"
				     "\"multi_source_events\":%ld,\"articles\":%ld,"
				     "\"articles_with_events\":%ld,\"mentions\":%ld,\"sources\":%ld,",
				     t.events, t.fatalities, t.multi_source_events, t.articles,
				     t.articles_with_events, t.mentions, t.sources);
	if (st == RASD_OK)
		st = key_str(b, "first_date", t.first_date[0] ? t.first_date : NULL);
	if (st == RASD_OK)
		st = rasd_buf_putc(b, ',');
	if (st == RASD_OK)
		st = key_str(b, "last_date", t.last_date[0] ? t.last_date : NULL);
	if (st == RASD_OK)
		st = rasd_buf_putc(b, '}');
	for (k = 0; st == RASD_OK && k < sizeof(groups) / sizeof(groups[0]); k++) {
		memset(&c, 0, sizeof(c));
		c.b = b;
		st = rasd_buf_printf(b, ",\"%s\":[", groups[k].name);
		if (st == RASD_OK)
			st = rasd_db_count_by(rq->db, &f, groups[k].by, groups[k].limit, count_row, &c,
					      &err);
		if (st == RASD_OK)
			st = rasd_buf_putc(b, ']');
	}
	memset(&c, 0, sizeof(c));
	c.b = b;
	c.weeks = &weeks;
	if (st == RASD_OK)
		st = rasd_buf_puts(b, ",\"by_day_type\":[");
	if (st == RASD_OK)
		st = rasd_db_count_by(rq->db, &f, RASD_STAT_DAY_TYPE, 0, day_row, &c, &err);
	if (st == RASD_OK)
		st = flush_week(&c);
	if (st == RASD_OK)
		st = rasd_buf_puts(b, "],\"by_week\":[");
	if (st == RASD_OK)
		st = rasd_buf_append(b, weeks.p, weeks.n);
	if (st == RASD_OK)
		st = rasd_buf_puts(b, "]}\n");
	if (st != RASD_OK) {
		store_error(rp, &err, st);
		goto out;
	}
	serve_json(rp);
out:
	rasd_buf_release(&weeks);
}

/* ------------------------------------------------------------- search */

static enum rasd_status hit_json(void *ctx, const struct rasd_db_hit *h)
{
	struct count_list *c = ctx;
	struct rasd_buf *b = c->b;

	if (c->n++)
		TRY(rasd_buf_putc(b, ','));
	TRY(rasd_buf_putc(b, '{'));
	TRY(key_str(b, "doc_id", h->doc_id));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "title", h->title));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "source", h->source));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "url", h->url));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "published", h->published));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "snippet", h->snippet));
	return rasd_buf_printf(b, ",\"events\":%ld,\"rank\":%.4f}", h->nevents, h->rank);
}

void api_search(struct serve_request *rq, struct serve_reply *rp)
{
	const char *q = serve_arg(rq, "q"), *lim = serve_arg(rq, "limit");
	struct rasd_error err;
	struct count_list c;
	enum rasd_status st;
	long limit = 20;
	char *end;

	rasd_error_clear(&err);
	if (!q || !*q) {
		serve_error(rp, 400, "give words to search for: /api/search?q=...");
		return;
	}
	if (lim) {
		limit = strtol(lim, &end, 10);
		if (end == lim || *end || limit < 1 || limit > 200) {
			serve_error(rp, 400, "limit must be 1..200");
			return;
		}
	}
	memset(&c, 0, sizeof(c));
	c.b = &rp->body;
	st = rasd_buf_printf(&rp->body, "{\"query\":");
	if (st == RASD_OK)
		st = rasd_buf_json_str(&rp->body, q, strlen(q));
	if (st == RASD_OK)
		st = rasd_buf_puts(&rp->body,
				   ",\"marks\":[\"" "\\u0002" "\",\"" "\\u0003" "\"],\"hits\":[");
	if (st == RASD_OK)
		st = rasd_db_search(rq->db, q, limit, MARK_OPEN, MARK_CLOSE, &rq->arena, hit_json, &c,
				    &err);
	if (st == RASD_OK)
		st = rasd_buf_puts(&rp->body, "]}\n");
	if (st != RASD_OK) {
		store_error(rp, &err, st);
		return;
	}
	serve_json(rp);
}

/* ------------------------------------------------------------- places */

static enum rasd_status place_json(struct rasd_buf *b, const struct rasd_place *p, bool first)
{
	if (!first)
		TRY(rasd_buf_putc(b, ','));
	TRY(rasd_buf_putc(b, '{'));
	TRY(key_str(b, "id", p->id));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "name", p->name));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "name_en", p->name_en));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "kind", rasd_place_kind_name(p->kind)));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "country", p->country));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "admin1", p->admin1));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "admin2", p->admin2));
	TRY(rasd_buf_putc(b, ','));
	TRY(key_str(b, "pcode", p->pcode && *p->pcode ? p->pcode : NULL));
	return rasd_buf_printf(b, ",\"latitude\":%.5f,\"longitude\":%.5f,\"population\":%ld}",
			       p->lat, p->lon, p->population);
}

static bool ascii_prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		char a = *s, b = *prefix;
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

#define PLACES_MAX 30

void api_places(struct serve_request *rq, struct serve_reply *rp)
{
	const struct rasd_lexicon *lex = rq->srv->cfg.lex;
	const char *q = serve_arg(rq, "q");
	struct rasd_lex_match m[32];
	uint32_t seen[PLACES_MAX];
	size_t nm, j, nseen = 0, k, total, qn;
	enum rasd_status st;
	uint32_t c;

	if (!lex) {
		serve_error(rp, 404, "this server was started without the gazetteer");
		return;
	}
	if (!q || !*q || strlen(q) > 200) {
		serve_error(rp, 400, "give a place name: /api/places?q=...");
		return;
	}
	qn = strlen(q);
	/* what extraction would read the name as, then names that begin so */
	nm = rasd_lex_lookup(lex, &rq->arena, q, qn, m, 32);
	for (j = 0; j < nm; j++) {
		if (m[j].kind != RASD_LEX_PLACE)
			continue;
		for (c = 0; c < m[j].u.place.count && nseen < PLACES_MAX; c++)
			seen[nseen++] = m[j].u.place.places[c];
	}
	total = rasd_lex_place_count(lex);
	for (k = 0; k < total && nseen < PLACES_MAX; k++) {
		const struct rasd_place *p = rasd_lex_place(lex, (uint32_t)k);
		bool dup = false;
		size_t i;
		if (!(strncmp(p->name, q, qn) == 0 || (p->name_en && ascii_prefix_ci(p->name_en, q))))
			continue;
		for (i = 0; i < nseen && !dup; i++)
			dup = seen[i] == (uint32_t)k;
		if (!dup)
			seen[nseen++] = (uint32_t)k;
	}
	st = rasd_buf_puts(&rp->body, "{\"places\":[");
	for (k = 0; st == RASD_OK && k < nseen; k++)
		st = place_json(&rp->body, rasd_lex_place(lex, seen[k]), k == 0);
	if (st == RASD_OK)
		st = rasd_buf_puts(&rp->body, "]}\n");
	if (st != RASD_OK) {
		serve_error(rp, 500, "%s", rasd_strerror(st));
		return;
	}
	serve_json(rp);
}

/* ------------------------------------------------------------ session */

static bool authenticated(struct serve_request *rq)
{
	const char *auth = serve_header(rq, "Authorization");
	const char *token = serve_header(rq, "X-Rasd-Token");

	if (auth && strncmp(auth, "Bearer ", 7) == 0)
		token = auth + 7;
	return serve_secret_eq(rq->srv->token, token) ||
	       serve_secret_eq(rq->srv->token, serve_cookie(rq, "rasd_session"));
}

void api_session_get(struct serve_request *rq, struct serve_reply *rp)
{
	struct rasd_buf *b = &rp->body;
	enum rasd_status st;
	size_t k;

	st = rasd_buf_printf(b,
			     "{\"csrf\":\"%s\",\"authenticated\":%s,\"login_required\":%s,"
			     "\"review\":%s,\"reasons\":[",
			     rq->srv->csrf, authenticated(rq) ? "true" : "false",
			     rq->srv->token_given ? "true" : "false",
			     rq->srv->writer ? "true" : "false");
	for (k = 0; st == RASD_OK && rasd_review_reasons[k]; k++)
		st = rasd_buf_printf(b, "%s\"%s\"", k ? "," : "", rasd_review_reasons[k]);
	if (st == RASD_OK)
		st = rasd_buf_puts(b, "]}\n");
	if (st != RASD_OK) {
		serve_error(rp, 500, "%s", rasd_strerror(st));
		return;
	}
	serve_json(rp);
	rp->cache = CACHE_NONE;
}

void api_session(struct serve_request *rq, struct serve_reply *rp)
{
	if (!serve_write_allowed(rq, rp))
		return;
	snprintf(rp->cookie[0], sizeof(rp->cookie[0]),
		 "rasd_session=%s; Path=/; HttpOnly; SameSite=Strict", rq->srv->token);
	if (rasd_buf_puts(&rp->body, "{\"ok\":true}\n") != RASD_OK) {
		serve_error(rp, 500, "out of memory");
		return;
	}
	serve_json(rp);
	rp->cache = CACHE_NONE;
}
