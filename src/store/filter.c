/*
 * filter.c - the filters of rasd query and rasd stats (dates, type, actor,
 * governorate, country, --near, --text, fatalities) as a WHERE clause
 * made only of constant fragments, with the values kept aside and bound.
 * Nothing the user types becomes SQL text. Part of store/.
 */
#include "store.h"

#include <assert.h>
#include <math.h>
#include <string.h>

static enum rasd_status clause(struct store_where *w, const char *fragment)
{
	enum rasd_status st = rasd_buf_puts(&w->sql, w->any ? " AND " : " WHERE ");
	w->any = true;
	return st == RASD_OK ? rasd_buf_puts(&w->sql, fragment) : st;
}

/* The clauses are fixed, so their parameters fit: an assert, not a check. */
static void param_text(struct store_where *w, const char *s)
{
	assert(w->np < MAX_PARAMS);
	w->p[w->np].kind = P_TEXT;
	w->p[w->np].s = s;
	w->np++;
}

static void param_real(struct store_where *w, double d)
{
	assert(w->np < MAX_PARAMS);
	w->p[w->np].kind = P_REAL;
	w->p[w->np].d = d;
	w->np++;
}

static void param_int(struct store_where *w, long long i)
{
	assert(w->np < MAX_PARAMS);
	w->p[w->np].kind = P_INT;
	w->p[w->np].i = i;
	w->np++;
}

void store_where_release(struct store_where *w)
{
	rasd_buf_release(&w->sql);
	rasd_buf_release(&w->fts);
}

/*
 * The review filter: NULL leaves the rejected out; otherwise a list of
 * statuses (and "reviewed", "recheck", "all"), each bound as a parameter.
 */
static enum rasd_status review_clause(struct store_where *w, const char *list, struct rasd_error *err)
{
	bool want[4] = {true, true, true, false}, recheck = false;
	const char *p = list;
	enum rasd_status st;
	int k;

	if (list) {
		memset(want, 0, sizeof(want));
		while (*p) {
			const char *q = strchr(p, ',');
			size_t n = q ? (size_t)(q - p) : strlen(p);
			char word[16];
			enum rasd_review_status rs;
			if (n == 0 || n >= sizeof(word))
				goto bad;
			memcpy(word, p, n);
			word[n] = '\0';
			if (strcmp(word, "all") == 0)
				return RASD_OK;
			if (strcmp(word, "recheck") == 0)
				recheck = true;
			else if (strcmp(word, "reviewed") == 0)
				want[1] = want[2] = want[3] = true;
			else if (rasd_review_status_parse(word, &rs) == RASD_OK)
				want[rs] = true;
			else
				goto bad;
			p += n;
			if (*p == ',')
				p++;
		}
		if (!recheck && !want[0] && !want[1] && !want[2] && !want[3])
			goto bad;
	}
	if (recheck && !want[0] && !want[1] && !want[2] && !want[3])
		return clause(w, "e.recheck IS NOT NULL");
	/* all but the rejected (no list) holds nearly every event: the
	 * unary + keeps the planner off the status index for it */
	st = clause(w, recheck ? "(e.review_status IN (?, ?, ?, ?) OR e.recheck IS NOT NULL)"
		       : list  ? "e.review_status IN (?, ?, ?, ?)"
			       : "+e.review_status IN (?, ?, ?, ?)");
	for (k = 0; k < 4; k++)
		param_text(w, want[k] ? rasd_review_status_name((enum rasd_review_status)k) : "");
	return st;
bad:
	return rasd_error_set(err, RASD_EINVAL, 0, 0,
			      "'%.80s' is not a review status (unreviewed, accepted, corrected, "
			      "rejected, reviewed, recheck, all)",
			      list);
}

enum rasd_status store_where_build(const struct rasd_db_filter *f, struct rasd_arena *a,
				    struct store_where *w, struct rasd_error *err)
{
	enum rasd_status st = RASD_OK;
	int32_t day;
	char *country;
	size_t k;

	memset(w, 0, sizeof(*w));
	rasd_buf_init(&w->sql, 1 << 16);
	rasd_buf_init(&w->fts, 1 << 16);
	if (!f)
		return RASD_OK;
	if (f->from) {
		if (rasd_date_parse(f->from, strlen(f->from), &day) != RASD_OK)
			return rasd_error_set(err, RASD_EINVAL, 0, 0, "'%s' is not a date (YYYY-MM-DD)",
					      f->from);
		st = clause(w, "e.event_date >= ?");
		param_text(w, f->from);
	}
	if (st == RASD_OK && f->to) {
		if (rasd_date_parse(f->to, strlen(f->to), &day) != RASD_OK)
			return rasd_error_set(err, RASD_EINVAL, 0, 0, "'%s' is not a date (YYYY-MM-DD)",
					      f->to);
		st = clause(w, "e.event_date <= ?");
		param_text(w, f->to);
	}
	if (st == RASD_OK && f->event_type) {
		st = clause(w, "e.event_type = ? COLLATE NOCASE");
		param_text(w, f->event_type);
	}
	if (st == RASD_OK && f->sub_event_type) {
		st = clause(w, "e.sub_event_type = ? COLLATE NOCASE");
		param_text(w, f->sub_event_type);
	}
	if (st == RASD_OK && f->actor) {
		/* one IN per role, so each can use its index */
#define WHO "(SELECT code FROM actor WHERE code = ? COLLATE NOCASE OR name_en = ? COLLATE NOCASE" \
	    " OR name_ar = ?)"
		st = clause(w, "(e.actor1 IN " WHO " OR e.actor2 IN " WHO " OR e.assoc_actor1 IN " WHO
			       " OR e.assoc_actor2 IN " WHO ")");
#undef WHO
		for (k = 0; k < 12; k++)
			param_text(w, f->actor);
	}
	if (st == RASD_OK && f->admin1) {
		bool oom = false;
		const char *key = store_key_of(a, f->admin1, &oom);
		if (oom)
			return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		st = clause(w, "e.admin1_key = ?");
		param_text(w, key ? key : "");
	}
	if (st == RASD_OK && f->country) {
		size_t n = strlen(f->country);
		country = rasd_arena_strndup(a, f->country, n);
		if (!country)
			return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		for (k = 0; k < n; k++)
			if (country[k] >= 'a' && country[k] <= 'z')
				country[k] = (char)(country[k] - 'a' + 'A');
		st = clause(w, "e.country = ?");
		param_text(w, country);
	}
	if (st == RASD_OK && f->text) {
		st = rasd_fts_query(&w->fts, f->text, strlen(f->text), err);
		if (st != RASD_OK)
			return st;
		st = clause(w, "e.id IN (SELECT m.event FROM mention m WHERE m.id IN"
			       " (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?))");
		param_text(w, w->fts.p);
	}
	if (st == RASD_OK && f->near) {
		double dlat = f->km / 111.195, c = cos(f->lat * 3.14159265358979323846 / 180.0);
		double dlon = c > 0.01 ? dlat / c : 360.0;
		if (!(f->km > 0) || f->lat < -90 || f->lat > 90 || f->lon < -180 || f->lon > 180)
			return rasd_error_set(err, RASD_EINVAL, 0, 0,
					      "--near needs a latitude, a longitude and a distance > 0");
		/* the R*Tree finds the box (its 32-bit bounds are rounded
		 * outwards); the row then passes the exact box and distance */
		st = clause(w, "e.id IN (SELECT g.id FROM event_geo g WHERE g.max_lat >= ?"
			       " AND g.min_lat <= ? AND g.max_lon >= ? AND g.min_lon <= ?)"
			       " AND e.latitude BETWEEN ? AND ? AND e.longitude BETWEEN ? AND ?"
			       " AND rasd_distance_km(e.latitude, e.longitude, ?, ?) <= ?");
		param_real(w, f->lat - dlat);
		param_real(w, f->lat + dlat);
		param_real(w, f->lon - dlon);
		param_real(w, f->lon + dlon);
		param_real(w, f->lat - dlat);
		param_real(w, f->lat + dlat);
		param_real(w, f->lon - dlon);
		param_real(w, f->lon + dlon);
		param_real(w, f->lat);
		param_real(w, f->lon);
		param_real(w, f->km);
	}
	if (st == RASD_OK && f->min_fatalities > 0) {
		st = clause(w, "e.fatalities >= ?");
		param_int(w, f->min_fatalities);
	}
	if (st == RASD_OK && f->event_id) {
		st = clause(w, "e.event_id = ?");
		param_text(w, f->event_id);
	}
	if (st == RASD_OK && f->number > 0) {
		st = clause(w, "e.id = ?");
		param_int(w, f->number);
	}
	if (st == RASD_OK) {
		st = review_clause(w, f->review, err);
		if (st == RASD_EINVAL)
			return st;
	}
	if (st != RASD_OK)
		return rasd_error_set(err, st, 0, 0, "cannot build the query: %s", rasd_strerror(st));
	return RASD_OK;
}

/* Prepare prefix + WHERE + suffix and bind the filter's values. */
enum rasd_status store_prepare_where(struct rasd_db *db, const char *prefix, struct store_where *w,
				      const char *suffix, sqlite3_stmt **out, int *next,
				      struct rasd_error *err)
{
	struct rasd_buf sql;
	enum rasd_status st;
	struct store_binder b;
	int rc, k;

	*out = NULL;
	rasd_buf_init(&sql, 1 << 16);
	st = rasd_buf_puts(&sql, prefix);
	if (st == RASD_OK)
		st = rasd_buf_append(&sql, w->sql.p, w->sql.n);
	if (st == RASD_OK)
		st = rasd_buf_puts(&sql, suffix);
	if (st != RASD_OK) {
		rasd_error_set(err, st, 0, 0, "cannot build the query: %s", rasd_strerror(st));
		goto out;
	}
	rc = sqlite3_prepare_v2(db->db, sql.p, (int)sql.n, out, NULL);
	if (rc != SQLITE_OK) {
		st = store_fail(db, err, rc, "preparing a query");
		goto out;
	}
	store_bind_init(&b, *out);
	for (k = 0; k < w->np; k++) {
		if (w->p[k].kind == P_TEXT)
			store_bind_text_n(&b, w->p[k].s, strlen(w->p[k].s));
		else if (w->p[k].kind == P_INT)
			store_bind_int(&b, w->p[k].i);
		else
			store_bind_real(&b, w->p[k].d);
	}
	*next = b.i + 1;
	if (b.rc != SQLITE_OK)
		st = store_fail(db, err, b.rc, "binding a query");
out:
	rasd_buf_release(&sql);
	if (st != RASD_OK) {
		sqlite3_finalize(*out);
		*out = NULL;
	}
	return st;
}
