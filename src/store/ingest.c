/*
 * ingest.c - storing coded articles: an article is skipped when stored with
 * the same hash, updated (its old reports removed, their events recomputed
 * or deleted) when changed, and each of its events linked to the stored
 * event it reports (dedup.c) or stored as a new one; and the ingest_run
 * provenance rows. Part of store/.
 */
#include "store.h"
#include "review.h"

#include <stdio.h>
#include <string.h>

static const char sql_article_find[] =
	"SELECT id, hash FROM article WHERE doc_id = ?1";
static const char sql_article_insert[] =
	"INSERT INTO article(doc_id, source, url, title, published, text, hash)"
	" VALUES (?,?,?,?,?,?,?)";
static const char sql_article_update[] =
	"UPDATE article SET source = ?, url = ?, title = ?, published = ?,"
	" text = ?, hash = ?,"
	" ingested = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?";
static const char sql_article_events[] =
	"SELECT DISTINCT event FROM mention WHERE article = ?1";
/* reports of reviewed events stay for review_reconcile() */
static const char sql_article_mentions_delete[] =
	"DELETE FROM mention WHERE article = ?1 AND"
	" (SELECT review_status FROM event e WHERE e.id = mention.event) = 'unreviewed'";
static const char sql_event_insert[] =
	"INSERT INTO event(event_id, narticles, nsources, " FIELD_COLS ")"
	" VALUES (?,?,?," FIELD_QS ")";
static const char sql_event_delete[] =
	"DELETE FROM event WHERE id = ?1";
static const char sql_mention_insert[] =
	"INSERT INTO mention(event, article, source, published, is_primary,"
	" mention_id, merged,"
	" evidence_field, evidence_start, evidence_end, sentence_start,"
	" sentence_end, sentence, " FIELD_COLS ")"
	" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?," FIELD_QS ")";
static const char sql_savepoint[] = "SAVEPOINT article";
static const char sql_release[] = "RELEASE article";
static const char sql_rollback_to[] = "ROLLBACK TO article";
static const char sql_actor_upsert[] =
	"INSERT INTO actor(code, name_en, name_ar, country, inter)"
	" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(code) DO UPDATE SET"
	" name_en = excluded.name_en, name_ar = excluded.name_ar,"
	" country = excluded.country, inter = excluded.inter";

/* ------------------------------------------------------------- ingest */

enum rasd_status rasd_db_article_state(struct rasd_db *db, const char *doc_id, const char *hash,
				       enum rasd_article_state *state, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	enum rasd_status status = store_stmt(db, sql_article_find, &st, err);
	int rc;

	*state = RASD_ARTICLE_NEW;
	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_text_n(&b, doc_id, strlen(doc_id));
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 1);
		*state = h && strcmp(h, hash) == 0 ? RASD_ARTICLE_SAME : RASD_ARTICLE_CHANGED;
	} else if (rc != SQLITE_DONE) {
		status = store_fail(db, err, rc, "looking up an article");
	}
	store_done(st);
	return status;
}

static const char *code_of(const struct rasd_actor *a)
{
	return a ? a->code : NULL;
}

static bool fields_from_event(struct rasd_arena *a, const struct rasd_event *e, struct store_fields *f)
{
	bool oom = false;

	memset(f, 0, sizeof(*f));
	if (e->has_date) {
		char *d = rasd_arena_alloc(a, 11);
		if (!d)
			return false;
		rasd_format_date(e->date, d);
		f->event_date = d;
	}
	f->time_precision = e->time_precision;
	f->event_type = e->event_type ? e->event_type : "";
	f->sub_event_type = e->sub_event_type ? e->sub_event_type : "";
	f->actor[0] = code_of(e->actor1);
	f->actor[1] = code_of(e->assoc_actor1);
	f->actor[2] = code_of(e->actor2);
	f->actor[3] = code_of(e->assoc_actor2);
	f->location = e->location && *e->location ? e->location : NULL;
	f->location_key = store_key_of(a, e->location, &oom);
	f->admin1 = e->admin1 && *e->admin1 ? e->admin1 : NULL;
	f->admin1_key = store_key_of(a, e->admin1, &oom);
	f->admin2 = e->admin2 && *e->admin2 ? e->admin2 : NULL;
	f->country = e->country && *e->country ? e->country : NULL;
	f->pcode = e->pcode && *e->pcode ? e->pcode : NULL;
	f->has_coords = e->has_coords;
	f->lat = e->latitude;
	f->lon = e->longitude;
	f->geo_precision = e->geo_precision;
	f->fatalities = e->fatalities;
	f->claimed = e->claimed;
	f->modality = rasd_modality_name(e->modality);
	f->trigger = e->trigger;
	f->confidence = e->confidence;
	return !oom;
}

static enum rasd_status put_actor(struct rasd_db *db, const struct rasd_actor *a,
				  struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	enum rasd_status status;
	size_t i;

	if (!a || !a->code)
		return RASD_OK;
	for (i = 0; i < db->nactors_seen; i++)
		if (db->actors_seen[i] == a)
			return RASD_OK;
	status = store_stmt(db, sql_actor_upsert, &st, err);
	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_text(&b, a->code);
	store_bind_text(&b, a->name_en);
	store_bind_text(&b, a->name_ar);
	store_bind_text(&b, a->country);
	if (a->inter)
		store_bind_int(&b, a->inter);
	else
		store_bind_null(&b);
	status = store_bind_step(db, &b, "storing an actor", err);
	if (status != RASD_OK)
		return status;
	if (db->nactors_seen < STORE_ACTOR_CACHE)
		db->actors_seen[db->nactors_seen++] = a;
	return RASD_OK;
}

/* Drop an updated article's mentions; events left without any go too. */
static enum rasd_status forget_article(struct rasd_db *db, long long article,
				       struct rasd_ingest_counts *counts, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	long long *events = NULL, *ne;
	size_t n = 0, cap = 0, i;
	enum rasd_status status = store_stmt(db, sql_article_events, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_int(&b, article);
	rc = b.rc;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		ne = rasd_arena_grow(&db->scratch, events, n, &cap, sizeof(*ne), 16);
		if (!ne) {
			rc = SQLITE_NOMEM;
			break;
		}
		events = ne;
		events[n++] = sqlite3_column_int64(st, 0);
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "reading an article's events");

	status = store_stmt(db, sql_article_mentions_delete, &st, err);
	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_int(&b, article);
	status = store_bind_step(db, &b, "removing an article's events", err);
	if (status != RASD_OK)
		return status;

	for (i = 0; i < n; i++) {
		bool empty = false;

		/* an event with other reports is recomputed; one without any goes */
		status = store_recompute(db, events[i], &empty, err);
		if (status != RASD_OK)
			return status;
		if (!empty)
			continue;
		status = store_stmt(db, sql_event_delete, &st, err);
		if (status != RASD_OK)
			return status;
		store_bind_init(&b, st);
		store_bind_int(&b, events[i]);
		status = store_bind_step(db, &b, "removing an event", err);
		if (status != RASD_OK)
			return status;
		counts->events_removed++;
	}
	return RASD_OK;
}

/* Store one event of an article as a report of `event` (0: a new one). */
static enum rasd_status put_mention(struct rasd_db *db, long long article,
				    const struct rasd_article *art, const struct rasd_event *e,
				    const struct store_fields *fp, long long event,
				    struct rasd_ingest_counts *counts, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	struct store_fields f = *fp;
	bool created = false;
	const char *field = e->evidence.field == RASD_FIELD_TITLE ? art->title : art->text;
	size_t fn = e->evidence.field == RASD_FIELD_TITLE ? art->title_n : art->text_n;
	const char *sent = "";
	size_t sn = 0;
	enum rasd_status status;

	if (field && e->evidence.sent_start <= e->evidence.sent_end && e->evidence.sent_end <= fn) {
		sent = field + e->evidence.sent_start;
		sn = e->evidence.sent_end - e->evidence.sent_start;
	}
	status = put_actor(db, e->actor1, err);
	if (status == RASD_OK)
		status = put_actor(db, e->assoc_actor1, err);
	if (status == RASD_OK)
		status = put_actor(db, e->actor2, err);
	if (status == RASD_OK)
		status = put_actor(db, e->assoc_actor2, err);
	if (status != RASD_OK)
		return status;

	if (!event) {
		status = store_stmt(db, sql_event_insert, &st, err);
		if (status != RASD_OK)
			return status;
		store_bind_init(&b, st);
		store_bind_text(&b, e->event_id);
		store_bind_int(&b, 1);
		store_bind_int(&b, 1);
		store_bind_fields(&b, &f);
		status = store_bind_step(db, &b, "storing an event", err);
		if (status != RASD_OK)
			return status;
		event = sqlite3_last_insert_rowid(db->db);
		created = true;
		counts->events_new++;
	} else {
		counts->events_merged++;
	}

	status = store_stmt(db, sql_mention_insert, &st, err);
	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_int(&b, event);
	store_bind_int(&b, article);
	store_bind_text(&b, art->source);
	store_bind_text(&b, art->published);
	store_bind_int(&b, created);
	store_bind_text(&b, e->event_id);
	store_bind_int(&b, e->merged);
	store_bind_text(&b, e->evidence.field == RASD_FIELD_TITLE ? "title" : "text");
	store_bind_int(&b, e->evidence.start);
	store_bind_int(&b, e->evidence.end);
	store_bind_int(&b, e->evidence.sent_start);
	store_bind_int(&b, e->evidence.sent_end);
	store_bind_text_n(&b, sent, sn);
	store_bind_fields(&b, &f);
	status = store_bind_step(db, &b, "storing an event's evidence", err);
	if (status != RASD_OK)
		return status;
	counts->mentions++;
	/* a merged event takes the new source into account */
	if (!created) {
		bool empty = false;
		status = store_recompute(db, event, &empty, err);
	}
	return status;
}

static enum rasd_status put_article(struct rasd_db *db, const struct rasd_article *art,
				    const char *hash, const struct rasd_event *events,
				    size_t nevents, struct rasd_ingest_counts *counts,
				    struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	long long article = 0, first_new = 0;
	bool exists = false;
	enum rasd_status status;
	int rc;

	status = store_stmt(db, sql_article_find, &st, err);
	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_text(&b, art->id);
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 1);
		exists = true;
		article = sqlite3_column_int64(st, 0);
		if (h && strcmp(h, hash) == 0) {
			store_done(st);
			counts->articles_same++;
			return RASD_OK;
		}
	} else if (rc != SQLITE_DONE) {
		store_done(st);
		return store_fail(db, err, rc, "looking up an article");
	}
	store_done(st);

	if (exists) {
		status = forget_article(db, article, counts, err);
		if (status != RASD_OK)
			return status;
		status = store_stmt(db, sql_article_update, &st, err);
	} else {
		status = store_stmt(db, sql_article_insert, &st, err);
	}
	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	if (!exists)
		store_bind_text(&b, art->id);
	store_bind_text(&b, art->source);
	store_bind_text(&b, art->url);
	store_bind_text_n(&b, art->title, art->title ? art->title_n : 0);
	store_bind_text(&b, art->published);
	store_bind_text_n(&b, art->text, art->text_n);
	store_bind_text(&b, hash);
	if (exists)
		store_bind_int(&b, article);
	status = store_bind_step(db, &b, "storing an article", err);
	if (status != RASD_OK)
		return status;
	if (exists) {
		counts->articles_updated++;
	} else {
		article = sqlite3_last_insert_rowid(db->db);
		counts->articles_new++;
	}
	if (exists) {
		long long top = 0;
		status = store_query_int(db, "SELECT coalesce(max(id), 0) FROM mention", &top, err);
		if (status != RASD_OK)
			return status;
		first_new = top + 1;
	}
	status = store_put_events(db, article, art, events, nevents, counts, err);
	/* the reviewed events this article reported keep their review */
	if (status == RASD_OK && exists)
		status = review_reconcile(db, article, first_new, art, false, counts, err);
	return status;
}

/*
 * Match every event first, then write: an event is never merged with
 * another of its own article, so each is matched against the events
 * stored before this article, less those its earlier events report. The
 * writes then come in the same order as matching one event at a time
 * would make them, but no match reads this article's own new events
 * (which made ingest quadratic in events per article: F8 of issue 12).
 */
enum rasd_status store_put_events(struct rasd_db *db, long long article,
				  const struct rasd_article *art, const struct rasd_event *events,
				  size_t nevents, struct rasd_ingest_counts *counts,
				  struct rasd_error *err)
{
	struct store_fields *f;
	long long *target;
	struct store_event_set linked;
	enum rasd_status status;
	size_t i;

	if (!nevents)
		return RASD_OK;
	f = rasd_arena_calloc(&db->scratch, nevents, sizeof(*f));
	target = rasd_arena_calloc(&db->scratch, nevents, sizeof(*target));
	if (!f || !target || !store_event_set_init(&linked, &db->scratch, nevents))
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	for (i = 0; i < nevents; i++) {
		if (!fields_from_event(&db->scratch, &events[i], &f[i]))
			return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		status = store_find_event(db, &linked, &f[i], &target[i], err);
		if (status != RASD_OK)
			return status;
		if (target[i])
			store_event_set_add(&linked, target[i]);
	}
	for (i = 0; i < nevents; i++) {
		status = put_mention(db, article, art, &events[i], &f[i], target[i], counts, err);
		if (status != RASD_OK)
			return status;
	}
	return RASD_OK;
}

/* The ingest_run row: its statement prepared and binding begun. */
static enum rasd_status run_row_prepare(struct rasd_db *db, const char *sql, sqlite3_stmt **st,
					struct store_binder *b, struct rasd_error *err)
{
	int rc = sqlite3_prepare_v2(db->db, sql, -1, st, NULL);

	if (rc != SQLITE_OK)
		return store_fail(db, err, rc, "recording the run");
	store_bind_init(b, *st);
	return RASD_OK;
}

enum rasd_status rasd_db_run_begin(struct rasd_db *db, const char *inputs, long *run,
				   struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	enum rasd_status status;

	*run = 0;
	status = run_row_prepare(db,
				 "INSERT INTO ingest_run(started, rasd_version, inputs)"
				 " VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2)",
				 &st, &b, err);
	if (status == RASD_OK) {
		store_bind_text(&b, RASD_VERSION);
		store_bind_text(&b, inputs);
		status = store_bind_step(db, &b, "recording the run", err);
	}
	if (status == RASD_OK)
		*run = (long)sqlite3_last_insert_rowid(db->db);
	sqlite3_finalize(st);
	return status;
}

enum rasd_status rasd_db_run_end(struct rasd_db *db, long run, const struct rasd_ingest_counts *c,
				 long errors, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	enum rasd_status status;

	status = run_row_prepare(db,
				 "UPDATE ingest_run SET finished = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
				 " articles_new = ?, articles_updated = ?, articles_same = ?,"
				 " events_new = ?, events_merged = ?, events_removed = ?, errors = ?"
				 " WHERE id = ?",
				 &st, &b, err);
	if (status == RASD_OK) {
		store_bind_int(&b, c->articles_new);
		store_bind_int(&b, c->articles_updated);
		store_bind_int(&b, c->articles_same);
		store_bind_int(&b, c->events_new);
		store_bind_int(&b, c->events_merged);
		store_bind_int(&b, c->events_removed);
		store_bind_int(&b, errors);
		store_bind_int(&b, run);
		status = store_bind_step(db, &b, "recording the run", err);
	}
	sqlite3_finalize(st);
	return status;
}

static enum rasd_status run(struct rasd_db *db, const char *sql, const char *what,
			    struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = store_stmt(db, sql, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	rc = sqlite3_step(st);
	store_done(st);
	return rc == SQLITE_DONE ? RASD_OK : store_fail(db, err, rc, what);
}

/*
 * One article in a savepoint of its own: an article the database refuses
 * (RASD_EINVAL, RASD_ETOOBIG) leaves nothing behind and the transaction
 * goes on, so one bad article never costs the batch around it.
 */
enum rasd_status rasd_db_put(struct rasd_db *db, const struct rasd_article *art, const char *hash,
			     const struct rasd_event *events, size_t nevents,
			     struct rasd_ingest_counts *counts, struct rasd_error *err)
{
	struct rasd_ingest_counts before = *counts;
	size_t actors_before = db->nactors_seen;
	enum rasd_status status;
	struct rasd_error ignored;

	if (!art->id || !*art->id || !art->text)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "an article needs an id and a text");
	if (sqlite3_get_autocommit(db->db))
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "rasd_db_put outside a transaction (call rasd_db_begin)");
	rasd_arena_reset(&db->scratch);
	status = run(db, sql_savepoint, "starting an article", err);
	if (status != RASD_OK)
		return status;
	status = put_article(db, art, hash, events, nevents, counts, err);
	if (status == RASD_OK)
		return run(db, sql_release, "storing an article", err);
	if (status != RASD_EINVAL && status != RASD_ETOOBIG)
		return status; /* the transaction is lost: the caller rolls back */
	*counts = before;
	db->nactors_seen = actors_before; /* their rows went with the savepoint */
	if (run(db, sql_rollback_to, "skipping an article", &ignored) != RASD_OK ||
	    run(db, sql_release, "skipping an article", &ignored) != RASD_OK)
		return rasd_error_set(err, RASD_EDB, 0, 0, "%s (and the transaction is lost)",
				      err ? err->msg : "");
	return status;
}
