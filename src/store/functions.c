/*
 * functions.c - the SQL functions every rasd connection has:
 * rasd_distance_km(lat1, lon1, lat2, lon2), the great-circle distance that
 * --near and deduplication measure with. Part of store/.
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

enum rasd_status store_register_functions(struct rasd_db *db, struct rasd_error *err)
{
	int rc = sqlite3_create_function(db->db, "rasd_distance_km", 4,
					 SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
					 sql_distance, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(db, err, rc, "registering functions");
	return RASD_OK;
}
