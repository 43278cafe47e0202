/*
 * query.c - rasd query: stored events that match a filter, each with its
 * primary report, its actors and every article behind it. Part of
 * store/.
 */
#include "store.h"

#include <stdio.h>
#include <string.h>

static const char sql_links[] =
	"SELECT a.doc_id, a.source, a.url, a.published, a.title, m.mention_id,"
	" m.sentence, m.evidence_field, m.evidence_start, m.evidence_end,"
	" m.sentence_start, m.sentence_end"
	" FROM mention m JOIN article a ON a.id = m.article"
	" WHERE m.event = ?1 ORDER BY m.is_primary DESC, m.id";

/* -------------------------------------------------------------- query */

/*
 * An event's row: the event, its primary report and article (without the
 * article's text unless asked: exports and pages print the evidence
 * sentence, which the report holds), its actors, and how many reports it
 * has (one: its only link is this row, read without another query).
 */
#define EVENT_COLS(TEXT)                                                                   \
	"SELECT e.id, e.event_id, e.narticles, e.nsources, " E_FIELD_COLS ","              \
	" m.mention_id, m.merged, m.evidence_field, m.evidence_start, m.evidence_end,"      \
	" m.sentence_start, m.sentence_end,"                                               \
	" a.doc_id, a.title, " TEXT ", a.published, a.url,"                                \
	" c1.name_en, c1.name_ar, c1.country, c1.inter,"                                   \
	" c2.name_en, c2.name_ar, c2.country, c2.inter,"                                   \
	" c3.name_en, c3.name_ar, c3.country, c3.inter,"                                   \
	" c4.name_en, c4.name_ar, c4.country, c4.inter,"                                   \
	" (SELECT max(strftime('%s', a2.ingested)) FROM mention m2"                         \
	"  JOIN article a2 ON a2.id = m2.article WHERE m2.event = e.id),"                    \
	" e.review_status, e.review_reason, e.recheck,"                                    \
	" (SELECT d.event_id FROM event d WHERE d.id = e.duplicate_of),"                   \
	" m.sentence, a.source, (SELECT count(*) FROM mention m3 WHERE m3.event = e.id)"   \
	" FROM event e JOIN mention m ON m.event = e.id AND m.is_primary = 1"              \
	" JOIN article a ON a.id = m.article"                                              \
	" LEFT JOIN actor c1 ON c1.code = e.actor1"                                        \
	" LEFT JOIN actor c2 ON c2.code = e.assoc_actor1"                                  \
	" LEFT JOIN actor c3 ON c3.code = e.actor2"                                        \
	" LEFT JOIN actor c4 ON c4.code = e.assoc_actor2"
#define EVENT_SELECT EVENT_COLS("NULL")
#define EVENT_SELECT_TEXT EVENT_COLS("a.text")
#define COL_FIELDS 4
#define COL_MENTION (COL_FIELDS + NFIELDS)
#define COL_ARTICLE (COL_MENTION + 7)
#define COL_ACTORS (COL_ARTICLE + 5)
#define COL_CHANGED (COL_ACTORS + 16)
#define COL_REVIEW (COL_CHANGED + 1)
#define COL_SENTENCE (COL_REVIEW + 4)
#define COL_SOURCE (COL_SENTENCE + 1)
#define COL_NMENTIONS (COL_SOURCE + 1)

/* One event's row by number, for a page whose numbers were chosen first. */
static const char sql_event_row[] = EVENT_SELECT " WHERE e.id = ?1";
static const char sql_event_row_text[] = EVENT_SELECT_TEXT " WHERE e.id = ?1";

/* The links of one event, and its outlets joined for the CSV source column. */
static enum rasd_status read_links(struct rasd_db *db, long long event, struct rasd_arena *a,
				   struct rasd_db_event *out, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	struct rasd_buf joined;
	size_t cap = 0, i;
	bool oom = false;
	enum rasd_status status = store_stmt(db, sql_links, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	rasd_buf_init(&joined, 1 << 20);
	out->links = NULL;
	out->nlinks = 0;
	store_bind_init(&b, st);
	store_bind_int(&b, event);
	rc = b.rc;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		struct rasd_db_source *s, *nl;
		const char *field;

		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		nl = rasd_arena_grow(a, out->links, out->nlinks, &cap, sizeof(*nl), 4);
		if (!nl) {
			rc = SQLITE_NOMEM;
			break;
		}
		out->links = nl;
		s = &out->links[out->nlinks];
		s->doc_id = store_col_text(st, 0, a, &oom);
		s->source = store_col_text(st, 1, a, &oom);
		s->url = store_col_text(st, 2, a, &oom);
		s->published = store_col_text(st, 3, a, &oom);
		s->title = store_col_text(st, 4, a, &oom);
		s->mention_id = store_col_text(st, 5, a, &oom);
		s->sentence = store_col_text(st, 6, a, &oom);
		field = (const char *)sqlite3_column_text(st, 7);
		s->evidence.field = field && strcmp(field, "title") == 0 ? RASD_FIELD_TITLE
									 : RASD_FIELD_TEXT;
		s->evidence.start = (uint32_t)sqlite3_column_int64(st, 8);
		s->evidence.end = (uint32_t)sqlite3_column_int64(st, 9);
		s->evidence.sent_start = (uint32_t)sqlite3_column_int64(st, 10);
		s->evidence.sent_end = (uint32_t)sqlite3_column_int64(st, 11);
		if (oom) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (s->source) {
			bool seen = false;
			for (i = 0; i < out->nlinks && !seen; i++)
				seen = store_str_eq(out->links[i].source, s->source);
			if (!seen && ((joined.n && rasd_buf_puts(&joined, "; ") != RASD_OK) ||
				      rasd_buf_puts(&joined, s->source) != RASD_OK)) {
				rc = SQLITE_NOMEM;
				break;
			}
		}
		out->nlinks++;
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		status = store_fail(db, err, rc, "reading an event's sources");
		goto out;
	}
	if (joined.n) {
		out->article.source = rasd_arena_strndup(a, joined.p, joined.n);
		if (!out->article.source)
			status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	}
out:
	rasd_buf_release(&joined);
	return status;
}

static bool row_to_event(sqlite3_stmt *st, bool text, struct rasd_arena *a,
			 struct rasd_db_event *out)
{
	struct store_fields f;
	struct rasd_event *e = &out->event;
	struct rasd_article *art = &out->article;
	const struct rasd_actor **roles[4];
	const char *s;
	bool oom = false;
	int k, col;

	memset(out, 0, sizeof(*out));
	out->number = sqlite3_column_int64(st, 0);
	out->changed = sqlite3_column_int64(st, COL_CHANGED);
	s = (const char *)sqlite3_column_text(st, 1);
	snprintf(e->event_id, sizeof(e->event_id), "%s", s ? s : "");
	out->narticles = (long)sqlite3_column_int64(st, 2);
	out->nsources = (long)sqlite3_column_int64(st, 3);
	store_read_fields(st, COL_FIELDS, a, &f, &oom);
	if (f.event_date && rasd_date_parse(f.event_date, strlen(f.event_date), &e->date) == RASD_OK)
		e->has_date = true;
	e->time_precision = f.time_precision;
	e->event_type = f.event_type;
	e->sub_event_type = f.sub_event_type;
	roles[0] = &e->actor1;
	roles[1] = &e->assoc_actor1;
	roles[2] = &e->actor2;
	roles[3] = &e->assoc_actor2;
	for (k = 0; k < 4; k++) {
		struct rasd_actor *ac = &out->actors[k];
		col = COL_ACTORS + 4 * k;
		if (!f.actor[k])
			continue;
		ac->code = f.actor[k];
		ac->name_en = store_col_text(st, col, a, &oom);
		ac->name_ar = store_col_text(st, col + 1, a, &oom);
		ac->country = store_col_text(st, col + 2, a, &oom);
		ac->inter = sqlite3_column_int(st, col + 3);
		if (!ac->name_en)
			ac->name_en = ac->code;
		*roles[k] = ac;
	}
	e->location = f.location;
	e->admin1 = f.admin1 ? f.admin1 : "";
	e->admin2 = f.admin2 ? f.admin2 : "";
	e->country = f.country ? f.country : "";
	e->pcode = f.pcode;
	e->has_coords = f.has_coords;
	e->latitude = f.lat;
	e->longitude = f.lon;
	e->geo_precision = f.geo_precision;
	e->fatalities = f.fatalities;
	e->claimed = f.claimed;
	e->modality = strcmp(f.modality, "claimed") == 0  ? RASD_MOD_CLAIMED
		      : strcmp(f.modality, "foiled") == 0 ? RASD_MOD_FOILED
							   : RASD_MOD_REPORTED;
	e->trigger = f.trigger;
	e->confidence = f.confidence;

	col = COL_MENTION;
	e->merged = (uint32_t)sqlite3_column_int64(st, col + 1);
	s = (const char *)sqlite3_column_text(st, col + 2);
	e->evidence.field = s && strcmp(s, "title") == 0 ? RASD_FIELD_TITLE : RASD_FIELD_TEXT;
	e->evidence.start = (uint32_t)sqlite3_column_int64(st, col + 3);
	e->evidence.end = (uint32_t)sqlite3_column_int64(st, col + 4);
	e->evidence.sent_start = (uint32_t)sqlite3_column_int64(st, col + 5);
	e->evidence.sent_end = (uint32_t)sqlite3_column_int64(st, col + 6);

	col = COL_ARTICLE;
	art->id = store_col_text(st, col, a, &oom);
	art->title = store_col_text(st, col + 1, a, &oom);
	art->title_n = art->title ? (size_t)sqlite3_column_bytes(st, col + 1) : 0;
	art->text = store_col_text(st, col + 2, a, &oom);
	art->text_n = art->text ? (size_t)sqlite3_column_bytes(st, col + 2) : 0;
	art->published = store_col_text(st, col + 3, a, &oom);
	art->url = store_col_text(st, col + 4, a, &oom);
	if (!art->text && text)
		art->text = "";
	out->sentence = store_col_text(st, COL_SENTENCE, a, &oom);
	out->sentence_n = out->sentence ? (size_t)sqlite3_column_bytes(st, COL_SENTENCE) : 0;

	s = store_col_text(st, COL_REVIEW, a, &oom);
	out->review_status = s ? s : "unreviewed";
	out->review_reason = store_col_text(st, COL_REVIEW + 1, a, &oom);
	out->recheck = store_col_text(st, COL_REVIEW + 2, a, &oom);
	out->duplicate_of = store_col_text(st, COL_REVIEW + 3, a, &oom);
	return !oom;
}

/* An event with one report: its only link is the row's own report. */
static bool only_link(sqlite3_stmt *st, struct rasd_arena *a, struct rasd_db_event *out)
{
	struct rasd_db_source *s = rasd_arena_calloc(a, 1, sizeof(*s));
	bool oom = false;

	if (!s)
		return false;
	s->doc_id = out->article.id;
	s->source = store_col_text(st, COL_SOURCE, a, &oom);
	s->url = out->article.url;
	s->published = out->article.published;
	s->title = out->article.title;
	s->mention_id = store_col_text(st, COL_MENTION, a, &oom);
	s->sentence = out->sentence;
	s->evidence = out->event.evidence;
	out->links = s;
	out->nlinks = 1;
	if (s->source && *s->source)
		out->article.source = s->source;
	return !oom;
}

/* One row to the caller: read, its links, then fn (after st is done with,
 * as fn may query the database itself). */
static enum rasd_status emit_row(struct rasd_db *db, sqlite3_stmt *st, bool text, bool cached,
				 struct rasd_arena *a, rasd_db_event_fn fn, void *ctx,
				 struct rasd_error *err)
{
	struct rasd_db_event ev;
	long long id = sqlite3_column_int64(st, 0);
	bool one = sqlite3_column_int64(st, COL_NMENTIONS) == 1, ok;
	enum rasd_status status = RASD_OK;

	rasd_arena_reset(a);
	ok = row_to_event(st, text, a, &ev) && (!one || only_link(st, a, &ev));
	if (cached)
		store_done(st);
	if (!ok)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	if (!one)
		status = read_links(db, id, a, &ev, err);
	return status == RASD_OK ? fn(ctx, &ev) : status;
}

/*
 * ORDER BY for a filter: constant strings only, never built from input.
 * The date order (the default) runs as two passes, the dated events then
 * the undated, so that each is one index's order and a page reads only its
 * own rows; the other orders sort.
 */
enum pass { PASS_DATED, PASS_UNDATED, PASS_ALL };

static const char *order_by(const struct rasd_db_filter *f, enum pass pass)
{
	static const char *const asc[] = {
		" ORDER BY e.event_date IS NULL, e.event_date, e.id LIMIT ? OFFSET ?",
		" ORDER BY e.fatalities, e.event_date IS NULL, e.event_date, e.id LIMIT ? OFFSET ?",
		" ORDER BY e.event_type, e.event_date IS NULL, e.event_date, e.id LIMIT ? OFFSET ?",
		" ORDER BY e.admin1 IS NULL, e.admin1, e.event_date IS NULL, e.event_date, e.id"
		" LIMIT ? OFFSET ?",
		" ORDER BY e.confidence, e.event_date IS NULL, e.event_date, e.id LIMIT ? OFFSET ?"};
	static const char *const desc[] = {
		" ORDER BY e.event_date IS NULL, e.event_date DESC, e.id DESC LIMIT ? OFFSET ?",
		" ORDER BY e.fatalities DESC, e.event_date IS NULL, e.event_date DESC, e.id DESC"
		" LIMIT ? OFFSET ?",
		" ORDER BY e.event_type DESC, e.event_date IS NULL, e.event_date DESC, e.id DESC"
		" LIMIT ? OFFSET ?",
		" ORDER BY e.admin1 IS NULL, e.admin1 DESC, e.event_date IS NULL,"
		" e.event_date DESC, e.id DESC LIMIT ? OFFSET ?",
		" ORDER BY e.confidence DESC, e.event_date IS NULL, e.event_date DESC, e.id DESC"
		" LIMIT ? OFFSET ?"};
	static const char *const dated[2] = {
		" e.event_date IS NOT NULL ORDER BY e.event_date, e.id LIMIT ? OFFSET ?",
		" e.event_date IS NOT NULL ORDER BY e.event_date DESC, e.id DESC LIMIT ? OFFSET ?"};
	static const char *const undated[2] = {
		" e.event_date IS NULL ORDER BY e.id LIMIT ? OFFSET ?",
		" e.event_date IS NULL ORDER BY e.id DESC LIMIT ? OFFSET ?"};
	unsigned k = f ? (unsigned)f->order : 0;
	bool down = f && f->newest_first;

	if (pass == PASS_DATED)
		return dated[down];
	if (pass == PASS_UNDATED)
		return undated[down];
	if (k >= sizeof(asc) / sizeof(asc[0]))
		k = 0;
	return down ? desc[k] : asc[k];
}

/* One pass: rows [offset, offset + limit) of it (limit -1: all) to fn;
 * *rows counts them. */
static enum rasd_status run_pass(struct rasd_db *db, const struct rasd_db_filter *f,
				 struct store_where *w, enum pass pass, long long limit,
				 long long offset, struct rasd_arena *a, rasd_db_event_fn fn,
				 void *ctx, long long *rows, struct rasd_error *err)
{
	/* a page chooses its events by number first, so that nothing but
	 * the numbers is sorted; an export reads the rows in one statement */
	bool paged = limit >= 0, text = f && f->article_text;
	struct rasd_buf suffix;
	sqlite3_stmt *st = NULL;
	enum rasd_status status;
	int next, rc;

	*rows = 0;
	rasd_buf_init(&suffix, 1 << 12);
	status = RASD_OK;
	if (pass != PASS_ALL)
		status = rasd_buf_puts(&suffix, w->any ? " AND" : " WHERE");
	if (status == RASD_OK)
		status = rasd_buf_puts(&suffix, order_by(f, pass));
	if (status != RASD_OK) {
		status = rasd_error_set(err, status, 0, 0, "cannot build the query");
		goto out;
	}
	status = store_prepare_where(db,
				     paged  ? "SELECT e.id FROM event e"
				     : text ? EVENT_SELECT_TEXT
					    : EVENT_SELECT,
				     w, suffix.p, &st, &next, err);
	if (status != RASD_OK)
		goto out;
	rc = sqlite3_bind_int64(st, next, limit);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, next + 1, offset);
	if (rc != SQLITE_OK) {
		status = store_fail(db, err, rc, "binding a query");
		goto out;
	}
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			status = store_fail(db, err, rc, "reading events");
			goto out;
		}
		++*rows;
		if (paged) {
			sqlite3_stmt *row = NULL;
			status = store_stmt(db, text ? sql_event_row_text : sql_event_row, &row, err);
			if (status != RASD_OK)
				goto out;
			rc = sqlite3_bind_int64(row, 1, sqlite3_column_int64(st, 0));
			if (rc == SQLITE_OK)
				rc = sqlite3_step(row);
			if (rc == SQLITE_ROW) {
				status = emit_row(db, row, text, true, a, fn, ctx, err);
			} else {
				store_done(row);
				if (rc != SQLITE_DONE)
					status = store_fail(db, err, rc, "reading an event");
			}
		} else {
			status = emit_row(db, st, text, false, a, fn, ctx, err);
		}
		if (status != RASD_OK)
			goto out;
	}
out:
	sqlite3_finalize(st);
	rasd_buf_release(&suffix);
	return status;
}

/* How many dated events pass the filter (a page past all of them). */
static enum rasd_status count_dated(struct rasd_db *db, struct store_where *w, long long *n,
				    struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status;
	int next, rc;

	*n = 0;
	status = store_prepare_where(db, "SELECT count(*) FROM event e", w,
				     w->any ? " AND e.event_date IS NOT NULL"
					    : " WHERE e.event_date IS NOT NULL",
				     &st, &next, err);
	if (status != RASD_OK)
		return status;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		status = store_fail(db, err, rc, "counting events");
	sqlite3_finalize(st);
	return status;
}

enum rasd_status rasd_db_query(struct rasd_db *db, const struct rasd_db_filter *f,
			       struct rasd_arena *a, rasd_db_event_fn fn, void *ctx,
			       struct rasd_error *err)
{
	struct rasd_arena fa; /* the filter's values, bound until the end */
	struct store_where w;
	long long limit = f && f->limit > 0 ? f->limit : -1;
	long long offset = f && f->offset > 0 ? f->offset : 0, rows = 0, dated;
	enum rasd_status status;

	rasd_arena_init(&fa, 0);
	status = store_where_build(f, &fa, &w, err);
	if (status != RASD_OK)
		goto out;
	if (f && f->order != RASD_ORDER_DATE) {
		status = run_pass(db, f, &w, PASS_ALL, limit, offset, a, fn, ctx, &rows, err);
		goto out;
	}
	status = run_pass(db, f, &w, PASS_DATED, limit, offset, a, fn, ctx, &rows, err);
	if (status != RASD_OK || (limit >= 0 && rows >= limit))
		goto out;
	if (limit >= 0)
		limit -= rows;
	if (rows == 0 && offset > 0) {
		/* the page starts among the undated: skip what the dated were */
		status = count_dated(db, &w, &dated, err);
		if (status != RASD_OK)
			goto out;
		offset = offset > dated ? offset - dated : 0;
	} else {
		offset = 0;
	}
	status = run_pass(db, f, &w, PASS_UNDATED, limit, offset, a, fn, ctx, &rows, err);
out:
	store_where_release(&w);
	rasd_arena_release(&fa);
	return status;
}
