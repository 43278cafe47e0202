/*
 * stats.c - rasd stats: totals of the stored events that match a filter,
 * and counts by month, type, governorate, actor and outlet. Part of
 * store/.
 */
#include "store.h"

#include <stdio.h>
#include <string.h>

static enum rasd_status scalar_row(struct rasd_db *db, const char *sql, long long *v, int nv,
				   struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL), k;

	if (rc != SQLITE_OK) {
		status = store_fail(db, err, rc, "counting");
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		status = store_fail(db, err, rc, "counting");
		goto out;
	}
	for (k = 0; k < nv; k++)
		v[k] = sqlite3_column_int64(st, k);
out:
	sqlite3_finalize(st);
	return status;
}

enum rasd_status rasd_db_totals(struct rasd_db *db, const struct rasd_db_filter *f,
				struct rasd_db_totals *t, struct rasd_error *err)
{
	struct rasd_arena a;
	struct store_where w;
	sqlite3_stmt *st = NULL;
	long long v[3];
	enum rasd_status status;
	int next, rc;

	memset(t, 0, sizeof(*t));
	if (store_summary_fits(f))
		return store_summary_totals(db, t, err);
	rasd_arena_init(&a, 0);
	status = store_where_build(f, &a, &w, err);
	if (status == RASD_OK)
		status = store_prepare_where(db,
				       "SELECT count(*), coalesce(sum(e.fatalities), 0),"
				       " coalesce(sum(e.narticles > 1), 0), min(e.event_date),"
				       " max(e.event_date) FROM event e",
				       &w, "", &st, &next, err);
	if (status != RASD_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		status = store_fail(db, err, rc, "counting events");
		goto out;
	}
	t->events = (long)sqlite3_column_int64(st, 0);
	t->fatalities = (long)sqlite3_column_int64(st, 1);
	t->multi_source_events = (long)sqlite3_column_int64(st, 2);
	if (sqlite3_column_text(st, 3))
		snprintf(t->first_date, sizeof(t->first_date), "%.10s", sqlite3_column_text(st, 3));
	if (sqlite3_column_text(st, 4))
		snprintf(t->last_date, sizeof(t->last_date), "%.10s", sqlite3_column_text(st, 4));
	if (w.any) {
		/* under a filter, the reports, articles and outlets behind the
		 * events it chose, not the whole database's */
		sqlite3_finalize(st);
		st = NULL;
		status = store_prepare_where(db,
				       "SELECT count(*), count(DISTINCT m.article),"
				       " count(DISTINCT m.source) FROM mention m WHERE m.event IN"
				       " (SELECT e.id FROM event e",
				       &w, ")", &st, &next, err);
		if (status != RASD_OK)
			goto out;
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			status = store_fail(db, err, rc, "counting reports");
			goto out;
		}
		t->mentions = (long)sqlite3_column_int64(st, 0);
		t->articles = t->articles_with_events = (long)sqlite3_column_int64(st, 1);
		t->sources = (long)sqlite3_column_int64(st, 2);
		goto out;
	}
	status = scalar_row(db, "SELECT count(*), count(DISTINCT source) FROM article", v, 2, err);
	if (status != RASD_OK)
		goto out;
	t->articles = (long)v[0];
	t->sources = (long)v[1];
	status = scalar_row(db, "SELECT count(*), count(DISTINCT article) FROM mention", v, 2, err);
	if (status != RASD_OK)
		goto out;
	t->mentions = (long)v[0];
	t->articles_with_events = (long)v[1];
out:
	sqlite3_finalize(st);
	store_where_release(&w);
	rasd_arena_release(&a);
	return status;
}

enum rasd_status rasd_db_count_by(struct rasd_db *db, const struct rasd_db_filter *f,
				  enum rasd_db_stat by, long limit, rasd_db_count_fn fn, void *ctx,
				  struct rasd_error *err)
{
	struct rasd_arena a;
	struct store_where w;
	sqlite3_stmt *st = NULL;
	const char *prefix, *suffix;
	enum rasd_status status;
	int next, rc;

	switch (by) {
	case RASD_STAT_MONTH:
		prefix = "SELECT substr(e.event_date, 1, 7) AS k, NULL, count(*),"
			 " coalesce(sum(e.fatalities), 0) FROM event e";
		suffix = " GROUP BY k ORDER BY k IS NULL, k LIMIT ?";
		break;
	case RASD_STAT_TYPE:
		prefix = "SELECT e.event_type, NULL, count(*), coalesce(sum(e.fatalities), 0)"
			 " FROM event e";
		suffix = " GROUP BY e.event_type ORDER BY 3 DESC, 1 LIMIT ?";
		break;
	case RASD_STAT_SUB_TYPE:
		prefix = "SELECT e.sub_event_type, e.event_type, count(*),"
			 " coalesce(sum(e.fatalities), 0) FROM event e";
		suffix = " GROUP BY e.event_type, e.sub_event_type ORDER BY 3 DESC, 1 LIMIT ?";
		break;
	case RASD_STAT_ADMIN1:
		prefix = "SELECT min(e.admin1), min(e.country), count(*),"
			 " coalesce(sum(e.fatalities), 0) FROM event e";
		suffix = " GROUP BY e.admin1_key ORDER BY 3 DESC, 1 LIMIT ?";
		break;
	case RASD_STAT_ACTOR:
		prefix = "SELECT ac.code, ac.name_en, count(*), coalesce(sum(e.fatalities), 0)"
			 " FROM event e JOIN actor ac ON ac.code IN (e.actor1, e.actor2)";
		suffix = " GROUP BY ac.code ORDER BY 3 DESC, 1 LIMIT ?";
		break;
	case RASD_STAT_SOURCE:
		prefix = "SELECT src, NULL, count(*), coalesce(sum(fat), 0) FROM"
			 " (SELECT DISTINCT mm.source AS src, e.id, e.fatalities AS fat FROM event e"
			 " JOIN mention mm ON mm.event = e.id";
		suffix = ") GROUP BY src ORDER BY 3 DESC, 1 LIMIT ?";
		break;
	case RASD_STAT_DAY_TYPE:
		prefix = "SELECT e.event_date, e.event_type, count(*), coalesce(sum(e.fatalities), 0)"
			 " FROM event e";
		suffix = " GROUP BY e.event_date, e.event_type HAVING e.event_date IS NOT NULL"
			 " ORDER BY 1, 2 LIMIT ?";
		break;
	default: return rasd_error_set(err, RASD_EINVAL, 0, 0, "unknown statistic");
	}
	if (store_summary_fits(f))
		return store_summary_count(db, by, limit, fn, ctx, err);
	rasd_arena_init(&a, 0);
	status = store_where_build(f, &a, &w, err);
	if (status == RASD_OK)
		status = store_prepare_where(db, prefix, &w, suffix, &st, &next, err);
	if (status != RASD_OK)
		goto out;
	rc = sqlite3_bind_int64(st, next, limit > 0 ? limit : -1);
	if (rc != SQLITE_OK) {
		status = store_fail(db, err, rc, "binding a query");
		goto out;
	}
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			status = store_fail(db, err, rc, "counting");
			goto out;
		}
		status = fn(ctx, (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 1), (long)sqlite3_column_int64(st, 2),
			    (long)sqlite3_column_int64(st, 3));
		if (status != RASD_OK)
			goto out;
	}
out:
	sqlite3_finalize(st);
	store_where_release(&w);
	rasd_arena_release(&a);
	return status;
}
