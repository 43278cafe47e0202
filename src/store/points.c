/*
 * points.c - the events of a filter as map points: id, date, type, place
 * name, coordinates and toll only, for a map of thousands of events (the
 * dashboard's), without reading each event's article and sources as
 * rasd_db_query does. Same filter, same WHERE clause (filter.c).
 */
#include "store.h"

#include <string.h>

enum rasd_status rasd_db_points(struct rasd_db *db, const struct rasd_db_filter *f,
				rasd_db_point_fn fn, void *ctx, long *without_coords,
				struct rasd_error *err)
{
	struct rasd_arena fa; /* the filter's values, bound until the end */
	struct store_where w;
	sqlite3_stmt *st = NULL;
	enum rasd_status status;
	int next, rc;

	*without_coords = 0;
	rasd_arena_init(&fa, 0);
	status = store_where_build(f, &fa, &w, err);
	if (status == RASD_OK)
		status = store_prepare_where(db,
					     "SELECT e.event_id, e.event_date, e.event_type,"
					     " e.location, e.latitude, e.longitude, e.fatalities"
					     " FROM event e",
					     &w, " ORDER BY e.event_date IS NULL, e.event_date, e.id",
					     &st, &next, err);
	if (status != RASD_OK)
		goto out;
	for (;;) {
		struct rasd_db_point p;

		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			status = store_fail(db, err, rc, "reading events");
			goto out;
		}
		if (sqlite3_column_type(st, 4) == SQLITE_NULL ||
		    sqlite3_column_type(st, 5) == SQLITE_NULL) {
			(*without_coords)++;
			continue;
		}
		p.event_id = (const char *)sqlite3_column_text(st, 0);
		p.event_date = (const char *)sqlite3_column_text(st, 1);
		p.event_type = (const char *)sqlite3_column_text(st, 2);
		p.location = (const char *)sqlite3_column_text(st, 3);
		p.latitude = sqlite3_column_double(st, 4);
		p.longitude = sqlite3_column_double(st, 5);
		p.fatalities = (long)sqlite3_column_int64(st, 6);
		status = fn(ctx, &p);
		if (status != RASD_OK)
			goto out;
	}
out:
	sqlite3_finalize(st);
	store_where_release(&w);
	rasd_arena_release(&fa);
	(void)next;
	return status;
}
