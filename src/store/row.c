/*
 * row.c - binding the values of a statement in order, and reading the
 * coded fields of an event from a row, as `event` and `mention` store
 * them (struct store_fields). Part of store/.
 */
#include "store.h"

#include <string.h>

void store_bind_init(struct store_binder *b, sqlite3_stmt *st)
{
	b->st = st;
	b->i = 0;
	b->rc = SQLITE_OK;
}

void store_bind_text_n(struct store_binder *b, const char *s, size_t n)
{
	b->i++;
	if (b->rc != SQLITE_OK)
		return;
	if (!s)
		b->rc = sqlite3_bind_null(b->st, b->i);
	else if (n > 0x7fffffff)
		b->rc = SQLITE_TOOBIG;
	else
		b->rc = sqlite3_bind_text(b->st, b->i, s, (int)n, SQLITE_STATIC);
}

void store_bind_text(struct store_binder *b, const char *s)
{
	store_bind_text_n(b, s && *s ? s : NULL, s ? strlen(s) : 0);
}

void store_bind_int(struct store_binder *b, long long v)
{
	b->i++;
	if (b->rc == SQLITE_OK)
		b->rc = sqlite3_bind_int64(b->st, b->i, v);
}

void store_bind_real(struct store_binder *b, double v)
{
	b->i++;
	if (b->rc == SQLITE_OK)
		b->rc = sqlite3_bind_double(b->st, b->i, v);
}

void store_bind_null(struct store_binder *b)
{
	b->i++;
	if (b->rc == SQLITE_OK)
		b->rc = sqlite3_bind_null(b->st, b->i);
}

enum rasd_status store_bind_step(struct rasd_db *db, struct store_binder *b, const char *what,
				 struct rasd_error *err)
{
	int rc = b->rc;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(b->st);
	store_done(b->st);
	return rc == SQLITE_DONE ? RASD_OK : store_fail(db, err, rc, what);
}

void store_bind_fields(struct store_binder *b, const struct store_fields *f)
{
	size_t k;

	store_bind_text(b, f->event_date);
	if (f->event_date)
		store_bind_int(b, f->time_precision);
	else
		store_bind_null(b);
	store_bind_text(b, f->event_type);
	store_bind_text(b, f->sub_event_type);
	for (k = 0; k < 4; k++)
		store_bind_text(b, f->actor[k]);
	store_bind_text(b, f->location);
	store_bind_text(b, f->location_key);
	store_bind_text(b, f->admin1);
	store_bind_text(b, f->admin1_key);
	store_bind_text(b, f->admin2);
	store_bind_text(b, f->country);
	store_bind_text(b, f->pcode);
	if (f->has_coords) {
		store_bind_real(b, f->lat);
		store_bind_real(b, f->lon);
		store_bind_int(b, f->geo_precision);
	} else {
		store_bind_null(b);
		store_bind_null(b);
		store_bind_null(b);
	}
	store_bind_int(b, f->fatalities);
	store_bind_int(b, f->claimed);
	store_bind_text(b, f->modality);
	store_bind_text(b, f->trigger);
	store_bind_real(b, f->confidence);
}

/* Column text copied into the arena; NULL stays NULL. */
const char *store_col_text(sqlite3_stmt *st, int col, struct rasd_arena *a, bool *oom)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	char *c;

	if (!s) {
		if (sqlite3_column_type(st, col) != SQLITE_NULL)
			*oom = true;
		return NULL;
	}
	c = rasd_arena_strndup(a, (const char *)s, (size_t)sqlite3_column_bytes(st, col));
	if (!c)
		*oom = true;
	return c;
}

void store_read_fields(sqlite3_stmt *st, int col, struct rasd_arena *a, struct store_fields *f,
			bool *oom)
{
	size_t k;

	f->event_date = store_col_text(st, col++, a, oom);
	f->time_precision = sqlite3_column_int(st, col++);
	f->event_type = store_col_text(st, col++, a, oom);
	f->sub_event_type = store_col_text(st, col++, a, oom);
	for (k = 0; k < 4; k++)
		f->actor[k] = store_col_text(st, col++, a, oom);
	f->location = store_col_text(st, col++, a, oom);
	f->location_key = store_col_text(st, col++, a, oom);
	f->admin1 = store_col_text(st, col++, a, oom);
	f->admin1_key = store_col_text(st, col++, a, oom);
	f->admin2 = store_col_text(st, col++, a, oom);
	f->country = store_col_text(st, col++, a, oom);
	f->pcode = store_col_text(st, col++, a, oom);
	f->has_coords = sqlite3_column_type(st, col) != SQLITE_NULL;
	f->lat = sqlite3_column_double(st, col++);
	f->lon = sqlite3_column_double(st, col++);
	f->geo_precision = sqlite3_column_int(st, col++);
	f->fatalities = (long)sqlite3_column_int64(st, col++);
	f->claimed = sqlite3_column_int(st, col++) != 0;
	f->modality = store_col_text(st, col++, a, oom);
	f->trigger = store_col_text(st, col++, a, oom);
	f->confidence = sqlite3_column_double(st, col++);
	if (!f->event_type)
		f->event_type = "";
	if (!f->sub_event_type)
		f->sub_event_type = "";
	if (!f->modality)
		f->modality = "reported";
}

const char *store_key_of(struct rasd_arena *a, const char *s, bool *oom)
{
	struct rasd_str k;

	if (!s || !*s)
		return NULL;
	if (rasd_norm_phrase(a, s, strlen(s), &k) != RASD_OK) {
		*oom = true;
		return NULL;
	}
	return k.n ? k.p : NULL;
}
