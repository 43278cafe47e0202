/*
 * merge.c - an event recomputed from every report linked to it: the
 * primary source, actors, the most precise place, the lowest toll,
 * claimed only when every report is a claim. docs/schema.md, "Merging".
 * Part of store/.
 */
#include "store.h"
#include "review.h"

#include <string.h>

static const char sql_event_mentions[] =
	"SELECT m.id, m.mention_id, m.article, m.published, m.source, " M_FIELD_COLS
	" FROM mention m WHERE m.event = ?1 ORDER BY m.id";
static const char sql_event_update[] =
	"UPDATE event SET (event_id, narticles, nsources, " FIELD_COLS ")"
	" = (?,?,?," FIELD_QS ") WHERE id = ?";
static const char sql_event_set_primary[] =
	"UPDATE mention SET is_primary = (id = ?1)"
	" WHERE event = ?2 AND is_primary <> (id = ?1)";

struct mention_row {
	long long id, article;
	const char *mention_id, *published, *source;
	struct store_fields f;
};

static bool foiled(const struct store_fields *f)
{
	return f->modality && strcmp(f->modality, "foiled") == 0;
}

/* 1 (precise) before 2 before 3; unknown (0) last. */
static int geo_rank(const struct store_fields *f)
{
	if (!f->has_coords || f->geo_precision <= 0)
		return 9;
	return f->geo_precision;
}

/* Is mention a a better primary source than b? */
static bool better_primary(const struct mention_row *a, const struct mention_row *b)
{
	int cmp;
	if (a->f.confidence != b->f.confidence)
		return a->f.confidence > b->f.confidence;
	if (geo_rank(&a->f) != geo_rank(&b->f))
		return geo_rank(&a->f) < geo_rank(&b->f);
	cmp = strcmp(a->published ? a->published : "~", b->published ? b->published : "~");
	if (cmp != 0)
		return cmp < 0;
	return a->id < b->id;
}

/*
 * Recompute an event from the mentions linked to it (docs/schema.md,
 * "Merging"): the primary mention gives type, date and trigger; actors
 * missing there come from the others; the place comes from the most
 * precise mention; fatalities are the lowest figure reported.
 */
enum rasd_status store_recompute(struct rasd_db *db, long long event, bool *empty,
				 struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	struct mention_row *rows = NULL, *nr, *prim, *place;
	size_t n = 0, cap = 0, i, j, narticles = 0, nsources = 0;
	struct store_fields f;
	long low = 0;
	bool all_claimed = true, oom = false;
	enum rasd_status status = store_stmt(db, sql_event_mentions, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_int(&b, event);
	rc = b.rc;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		nr = rasd_arena_grow(&db->scratch, rows, n, &cap, sizeof(*nr), 8);
		if (!nr) {
			rc = SQLITE_NOMEM;
			break;
		}
		rows = nr;
		rows[n].id = sqlite3_column_int64(st, 0);
		rows[n].mention_id = store_col_text(st, 1, &db->scratch, &oom);
		rows[n].article = sqlite3_column_int64(st, 2);
		rows[n].published = store_col_text(st, 3, &db->scratch, &oom);
		rows[n].source = store_col_text(st, 4, &db->scratch, &oom);
		store_read_fields(st, 5, &db->scratch, &rows[n].f, &oom);
		if (oom) {
			rc = SQLITE_NOMEM;
			break;
		}
		n++;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "reading an event's mentions");
	*empty = n == 0;
	if (n == 0)
		return RASD_OK;
	prim = &rows[0];
	place = NULL;
	for (i = 1; i < n; i++)
		if (better_primary(&rows[i], prim))
			prim = &rows[i];
	f = prim->f;
	for (i = 0; i < n; i++) {
		const struct store_fields *r = &rows[i].f;
		size_t k;
		bool seen_article = false, seen_source = false;
		/* a named actor beats none, and beats an unidentified one */
		for (k = 0; k < 4; k++)
			if (r->actor[k] && (!f.actor[k] || (strcmp(f.actor[k], "UNK") == 0 &&
							     strcmp(r->actor[k], "UNK") != 0)))
				f.actor[k] = r->actor[k];
		if ((r->location || r->has_coords) &&
		    (!place || geo_rank(r) < geo_rank(&place->f) ||
		     (geo_rank(r) == geo_rank(&place->f) && &rows[i] == prim)))
			place = &rows[i];
		if (r->fatalities > 0 && (low == 0 || r->fatalities < low))
			low = r->fatalities;
		if (!r->claimed)
			all_claimed = false;
		if (r->confidence > f.confidence)
			f.confidence = r->confidence;
		for (j = 0; j < i; j++) {
			if (rows[j].article == rows[i].article)
				seen_article = true;
			if ((!rows[j].source && !rows[i].source) ||
			    store_str_eq(rows[j].source, rows[i].source))
				seen_source = true;
		}
		narticles += !seen_article;
		nsources += !seen_source;
	}
	if (place && place != prim) {
		f.location = place->f.location;
		f.location_key = place->f.location_key;
		f.admin1 = place->f.admin1;
		f.admin1_key = place->f.admin1_key;
		f.admin2 = place->f.admin2;
		f.country = place->f.country;
		f.pcode = place->f.pcode;
		f.has_coords = place->f.has_coords;
		f.lat = place->f.lat;
		f.lon = place->f.lon;
		f.geo_precision = place->f.geo_precision;
	}
	f.fatalities = low;
	f.claimed = all_claimed;
	if (!foiled(&f))
		f.modality = all_claimed ? "claimed" : "reported";

	status = store_stmt(db, sql_event_update, &st, err);
	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_text(&b, rows[0].mention_id); /* the oldest link names the event */
	store_bind_int(&b, (long long)narticles);
	store_bind_int(&b, (long long)nsources);
	store_bind_fields(&b, &f);
	store_bind_int(&b, event);
	status = store_bind_step(db, &b, "updating an event", err);
	if (status != RASD_OK)
		return status;

	status = store_stmt(db, sql_event_set_primary, &st, err);
	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_int(&b, prim->id);
	store_bind_int(&b, event);
	status = store_bind_step(db, &b, "marking the primary source", err);
	if (status != RASD_OK)
		return status;
	/* an analyst's corrections win over what the reports say */
	return review_apply(db, event, err);
}
