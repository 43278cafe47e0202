/*
 * dedup.c - deduplication: which event already stored from other articles
 * a new report tells of (same type, dates a day apart at most, the same
 * place, compatible actors, the same modality), the closest among
 * several. docs/schema.md, "Deduplication". Part of store/.
 */
#include "store.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#define SAME_PLACE_KM 5.0 /* coordinates this close are one place */

static const char sql_event_candidates[] =
	"SELECT id, " FIELD_COLS " FROM event"
	" WHERE event_type = ?1 AND sub_event_type = ?2"
	" AND event_date BETWEEN ?3 AND ?4 AND review_status <> 'rejected'"
	" ORDER BY id";

/* Two actor codes can name the same party: equal, or one unknown. */
static bool actor_compatible(const char *a, const char *b)
{
	if (!a || !b || strcmp(a, "UNK") == 0 || strcmp(b, "UNK") == 0)
		return true;
	return strcmp(a, b) == 0;
}

static bool same_actors(const struct store_fields *e, const struct store_fields *m)
{
	if (actor_compatible(e->actor[0], m->actor[0]) && actor_compatible(e->actor[2], m->actor[2]))
		return true;
	/* "clashes between A and B" and "between B and A" are one battle */
	return strcmp(e->event_type, "Battles") == 0 && actor_compatible(e->actor[0], m->actor[2]) &&
	       actor_compatible(e->actor[2], m->actor[0]);
}

static bool precise(const struct store_fields *f)
{
	return f->has_coords && f->geo_precision >= 1 && f->geo_precision <= 2;
}

/*
 * How well two records agree on the place: 0 the same spot (P-code, or
 * coordinates of precision 1-2 within SAME_PLACE_KM), 1 the same name in
 * the same governorate, -1 not the same place.
 */
static int place_match(const struct store_fields *e, const struct store_fields *m)
{
	if (e->country && m->country && strcmp(e->country, m->country) != 0)
		return -1;
	if (precise(e) && precise(m) && store_distance_km(e->lat, e->lon, m->lat, m->lon) <= SAME_PLACE_KM)
		return 0;
	if (store_str_eq(e->pcode, m->pcode))
		return 0;
	if (store_str_eq(e->location_key, m->location_key)) {
		/* two places of one name: different governorates or P-codes */
		if (e->admin1_key && m->admin1_key && strcmp(e->admin1_key, m->admin1_key) != 0)
			return -1;
		if (e->pcode && m->pcode && strcmp(e->pcode, m->pcode) != 0)
			return -1;
		return 1;
	}
	return -1;
}

/* 0 when both name the same actor1, 1 when one of them leaves it open. */
static int actor_match(const struct store_fields *e, const struct store_fields *m)
{
	return store_str_eq(e->actor[0], m->actor[0]) || store_str_eq(e->actor[0], m->actor[2]) ? 0 : 1;
}

static bool foiled(const struct store_fields *f)
{
	return f->modality && strcmp(f->modality, "foiled") == 0;
}

static int32_t day_of(const char *date)
{
	int32_t d = 0;
	if (!date || rasd_date_parse(date, strlen(date), &d) != RASD_OK)
		return INT32_MIN;
	return d;
}

/*
 * The stored event the new mention m reports, or 0 when there is none.
 * Among several candidates the closest wins: day difference, then how
 * well the place and the actors agree (docs/schema.md, "Deduplication").
 */
enum rasd_status store_find_event(struct rasd_db *db, const struct store_event_set *linked,
				  const struct store_fields *m, long long *event,
				  struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	char lo[11], hi[11];
	int32_t day = day_of(m->event_date);
	int best = 1000;
	enum rasd_status status;
	int rc;

	*event = 0;
	if (day == INT32_MIN)
		return RASD_OK; /* an undated report cannot be matched */
	status = store_stmt(db, sql_event_candidates, &st, err);
	if (status != RASD_OK)
		return status;
	rasd_format_date(day - 1, lo);
	rasd_format_date(day + 1, hi);
	store_bind_init(&b, st);
	store_bind_text(&b, m->event_type);
	store_bind_text(&b, m->sub_event_type);
	store_bind_text(&b, lo);
	store_bind_text(&b, hi);
	rc = b.rc;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		struct store_fields e;
		bool oom = false;
		int32_t diff;
		int place, score;

		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		/* never within one article */
		if (store_event_set_has(linked, sqlite3_column_int64(st, 0)))
			continue;
		store_read_fields(st, 1, &db->scratch, &e, &oom);
		if (oom) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (foiled(&e) != foiled(m) || !same_actors(&e, m))
			continue;
		place = place_match(&e, m);
		if (place < 0)
			continue;
		diff = day_of(e.event_date) - day;
		score = 4 * (diff < 0 ? -diff : diff) + 2 * place + actor_match(&e, m);
		if (score < best) {
			best = score;
			*event = sqlite3_column_int64(st, 0);
		}
	}
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "matching events");
	store_done(st);
	return status;
}

/* ----------------------------------------------------- the event set */

bool store_event_set_init(struct store_event_set *s, struct rasd_arena *a, size_t max)
{
	size_t cap = 16;

	while (cap < 2 * max + 1) {
		if (cap > SIZE_MAX / 4 / sizeof(*s->slot))
			return false;
		cap *= 2;
	}
	s->slot = rasd_arena_calloc(a, cap, sizeof(*s->slot));
	s->cap = cap;
	s->n = 0;
	return s->slot != NULL;
}

static size_t slot_of(const struct store_event_set *s, long long id)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 32) & (s->cap - 1);
}

void store_event_set_add(struct store_event_set *s, long long id)
{
	size_t i = slot_of(s, id);

	assert(id > 0 && 2 * (s->n + 1) < s->cap);
	while (s->slot[i] && s->slot[i] != id)
		i = (i + 1) & (s->cap - 1);
	if (!s->slot[i]) {
		s->slot[i] = id;
		s->n++;
	}
}

bool store_event_set_has(const struct store_event_set *s, long long id)
{
	size_t i = slot_of(s, id);

	while (s->slot[i]) {
		if (s->slot[i] == id)
			return true;
		i = (i + 1) & (s->cap - 1);
	}
	return false;
}
