/*
 * place_names.c - fills `place_name` (schema version 3): the gazetteer's
 * English names, written from the lexicon at ingest as `actor` is, so the
 * view event_full names places in English for readers without the
 * lexicon. Part of store/; docs/schema.md documents the table and views.
 */
#include "store.h"
#include "acled.h"

static const char sql_clear[] = "DELETE FROM place_name";
static const char sql_put[] =
	"INSERT INTO place_name(kind, country, admin1, name_ar, name_en, latitude, longitude,"
	" specificity, admin3_ar, admin3_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_count[] = "SELECT count(*) FROM place_name";

static enum rasd_status put(struct rasd_db *db, const char *kind, const struct rasd_place *p,
			    const char *name_en, const char *a3_ar, const char *a3_en,
			    struct rasd_error *err)
{
	sqlite3_stmt *st;
	enum rasd_status s = store_stmt(db, sql_put, &st, err);
	bool unit = kind[0] == 'a';
	int rc;

	if (s != RASD_OK)
		return s;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->country, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, strcmp(kind, "admin2") == 0 && p->admin1 ? p->admin1 : "", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 4, unit && strcmp(kind, "admin1") == 0 && p->kind != RASD_PLACE_ADMIN1
					 ? p->admin1
					 : p->name,
			  -1, SQLITE_STATIC);
	if (name_en && *name_en)
		sqlite3_bind_text(st, 5, name_en, -1, SQLITE_STATIC);
	if (!unit) {
		sqlite3_bind_double(st, 6, p->lat);
		sqlite3_bind_double(st, 7, p->lon);
		sqlite3_bind_int(st, 8, (int)p->kind);
		if (a3_ar)
			sqlite3_bind_text(st, 9, a3_ar, -1, SQLITE_STATIC);
		if (a3_en)
			sqlite3_bind_text(st, 10, a3_en, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	store_done(st);
	return rc == SQLITE_DONE ? RASD_OK : store_fail(db, err, rc, "writing place names");
}

enum rasd_status rasd_db_put_place_names(struct rasd_db *db, const struct rasd_lexicon *lex,
					 const struct rasd_acled *x, bool only_if_empty,
					 struct rasd_error *err)
{
	size_t i, n = rasd_lex_place_count(lex);
	enum rasd_status st;
	long long have = 0;

	if (only_if_empty) {
		st = store_query_int(db, sql_count, &have, err);
		if (st != RASD_OK || have > 0)
			return st;
	}
	st = rasd_db_begin(db, err);
	if (st != RASD_OK)
		return st;
	st = store_exec(db, sql_clear, "writing place names", err);
	for (i = 0; i < n && st == RASD_OK; i++) {
		const struct rasd_place *p = rasd_lex_place(lex, (uint32_t)i);
		const char *a3_ar = NULL, *a3_en = NULL;
		if (p->kind == RASD_PLACE_ADMIN1)
			st = put(db, "admin1", p, p->name_en, NULL, NULL, err);
		else if (p->kind == RASD_PLACE_ADMIN2)
			st = put(db, "admin2", p, p->name_en, NULL, NULL, err);
		else if (p->kind != RASD_PLACE_COUNTRY && p->admin1 && *p->admin1 &&
			 !rasd_acled_has_admin1(x, p->country, p->admin1) &&
			 strcmp(p->name, p->admin1) == 0)
			/* a division abroad the gazetteer knows only by its city */
			st = put(db, "admin1", p, p->name_en, NULL, NULL, err);
		if (st == RASD_OK) {
			rasd_acled_sub_district(x, p, &a3_ar, &a3_en);
			st = put(db, "place", p, p->name_en, a3_ar, a3_en, err);
		}
	}
	if (st == RASD_OK)
		return rasd_db_commit(db, err);
	rasd_db_rollback(db);
	return st;
}
