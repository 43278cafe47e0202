/*
 * corrections.c - an analyst's corrections written over an event: after
 * merge.c recomputes an event from its reports, each field the review
 * corrected (review_field, docs/review.md) is put back, so queries,
 * exports, statistics and deduplication all read the corrected value.
 * Part of store/.
 */
#include "review.h"

#include <string.h>

/* One column written from its correction, by a constant statement. */
#define OV(c)                                                                              \
	{                                                                                  \
		c, "UPDATE event SET " c " = (SELECT value FROM review_field r WHERE"      \
		   " r.event = ?1 AND r.field = '" c "') WHERE id = ?1"                      \
	}

static const struct {
	const char *field, *sql;
} overrides[] = {
	OV("event_date"), OV("time_precision"), OV("event_type"), OV("sub_event_type"),
	OV("actor1"), OV("assoc_actor1"), OV("actor2"), OV("assoc_actor2"), OV("location"),
	OV("location_key"), OV("admin1"), OV("admin1_key"), OV("admin2"), OV("country"),
	OV("pcode"), OV("latitude"), OV("longitude"), OV("geo_precision"), OV("fatalities"),
	OV("claimed"), OV("modality"),
};
#undef OV

static const char sql_fields[] = "SELECT field FROM review_field WHERE event = ?1";

static enum rasd_status apply_one(struct rasd_db *db, const char *sql, long long event,
				  struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = store_stmt(db, sql, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	rc = sqlite3_bind_int64(st, 1, event);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	store_done(st);
	return rc == SQLITE_DONE ? RASD_OK : store_fail(db, err, rc, "applying corrections");
}

enum rasd_status review_apply(struct rasd_db *db, long long event, struct rasd_error *err)
{
	/* the fields first (a cached statement stays in use while we step it) */
	bool todo[sizeof(overrides) / sizeof(overrides[0])] = {false};
	sqlite3_stmt *st = NULL;
	enum rasd_status status = store_stmt(db, sql_fields, &st, err);
	size_t k;
	int rc;

	if (status != RASD_OK)
		return status;
	rc = sqlite3_bind_int64(st, 1, event);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		const char *field;
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		field = (const char *)sqlite3_column_text(st, 0);
		for (k = 0; field && k < sizeof(overrides) / sizeof(overrides[0]); k++)
			if (strcmp(field, overrides[k].field) == 0)
				todo[k] = true;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "reading corrections");
	for (k = 0; k < sizeof(overrides) / sizeof(overrides[0]) && status == RASD_OK; k++)
		if (todo[k])
			status = apply_one(db, overrides[k].sql, event, err);
	return status;
}
