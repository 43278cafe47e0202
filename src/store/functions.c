/*
 * functions.c - the SQL functions every rasd connection has (and the
 * sqlite3 shell, Python or R, with the loadable extension rasd.so):
 * rasd_distance_km(lat1, lon1, lat2, lon2), the great-circle distance that
 * --near and deduplication measure with; rasd_key(text), the match-key
 * form; rasd_fts_query(words), a search as an FTS5 expression. Part of store/.
 */
#include "store.h"

#include <math.h>

#define EARTH_KM 6371.0088 /* mean radius */

double store_distance_km(double lat1, double lon1, double lat2, double lon2)
{
	const double rad = 3.14159265358979323846 / 180.0;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double h = sin(dlat / 2) * sin(dlat / 2) +
		   cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
	if (h > 1)
		h = 1;
	return 2 * EARTH_KM * asin(sqrt(h));
}

/* rasd_distance_km(lat1, lon1, lat2, lon2): NULL when any is NULL. */
static void sql_distance(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
			sqlite3_result_null(ctx);
			return;
		}
	}
	sqlite3_result_double(ctx, store_distance_km(sqlite3_value_double(argv[0]),
					       sqlite3_value_double(argv[1]),
					       sqlite3_value_double(argv[2]),
					       sqlite3_value_double(argv[3])));
}

/* rasd_key(text): the match-key form rasd compares names in (الحسكة and
 * الحسكه alike, as the *_key columns hold them); NULL for NULL. */
static void sql_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	struct rasd_arena a;
	struct rasd_str k;

	(void)argc;
	if (!t) {
		sqlite3_result_null(ctx);
		return;
	}
	if (!rasd_utf8_valid(t, (size_t)n)) {
		sqlite3_result_error(ctx, "rasd_key: not valid UTF-8", -1);
		return;
	}
	rasd_arena_init(&a, 0);
	if (rasd_norm_phrase(&a, t, (size_t)n, &k) != RASD_OK)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, k.p, (int)k.n, SQLITE_TRANSIENT);
	rasd_arena_release(&a);
}

/* rasd_fts_query(words): what `rasd search` makes of what a user typed, an
 * FTS5 expression for MATCH (clitics and spellings are the tokenizer's). */
static void sql_fts_query(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	struct rasd_buf b;
	struct rasd_error err;

	(void)argc;
	if (!t) {
		sqlite3_result_null(ctx);
		return;
	}
	rasd_buf_init(&b, 1 << 20);
	rasd_error_clear(&err);
	if (rasd_fts_query(&b, t, (size_t)sqlite3_value_bytes(argv[0]), &err) != RASD_OK)
		sqlite3_result_error(ctx, err.msg[0] ? err.msg : "rasd_fts_query: bad query", -1);
	else
		sqlite3_result_text(ctx, b.p, (int)b.n, SQLITE_TRANSIENT);
	rasd_buf_release(&b);
}

enum rasd_status rasd_sql_functions_register(void *sqlite3_db)
{
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
	sqlite3 *db = sqlite3_db;
	int rc = sqlite3_create_function(db, "rasd_distance_km", 4, flags, NULL, sql_distance,
					 NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "rasd_key", 1, flags, NULL, sql_key, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "rasd_fts_query", 1, flags, NULL, sql_fts_query,
					     NULL, NULL);
	return rc == SQLITE_OK ? RASD_OK : RASD_EDB;
}

enum rasd_status store_register_functions(struct rasd_db *db, struct rasd_error *err)
{
	if (rasd_sql_functions_register(db->db) != RASD_OK)
		return store_fail(db, err, sqlite3_errcode(db->db), "registering functions");
	return RASD_OK;
}
