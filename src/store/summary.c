/*
 * summary.c - the counts `rasd stats` and the dashboard show for the
 * whole database, kept current by triggers (schema version 7) so that
 * they are read, not computed by scanning a million events: per month,
 * type and sub-type, governorate, actor, day and type, and outlet, each
 * split by whether the event is live (not rejected), plus the reports of
 * each (event, outlet) and the live reports of each article. Every write
 * to `event` or `mention` (ingest, re-ingest, review, merge, rebuild)
 * goes through the triggers. stats.c answers from here when the filter is
 * the default one (every event but the rejected); any other filter is
 * counted from the events. Part of store/.
 */
#include "store.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------- schema */

static const char summary_tables[] =
	"CREATE TABLE stat_month (month TEXT NOT NULL, live INTEGER NOT NULL, n INTEGER NOT NULL,\n"
	"  fatalities INTEGER NOT NULL, multi INTEGER NOT NULL, PRIMARY KEY (month, live))\n"
	"  WITHOUT ROWID;\n"
	"CREATE TABLE stat_type (event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,\n"
	"  live INTEGER NOT NULL, n INTEGER NOT NULL, fatalities INTEGER NOT NULL,\n"
	"  PRIMARY KEY (event_type, sub_event_type, live)) WITHOUT ROWID;\n"
	"CREATE TABLE stat_admin1 (admin1_key TEXT NOT NULL, admin1 TEXT NOT NULL,\n"
	"  country TEXT NOT NULL, live INTEGER NOT NULL, n INTEGER NOT NULL,\n"
	"  fatalities INTEGER NOT NULL, PRIMARY KEY (admin1_key, admin1, country, live))\n"
	"  WITHOUT ROWID;\n"
	"CREATE TABLE stat_actor (code TEXT NOT NULL, live INTEGER NOT NULL, n INTEGER NOT NULL,\n"
	"  fatalities INTEGER NOT NULL, PRIMARY KEY (code, live)) WITHOUT ROWID;\n"
	"CREATE TABLE stat_day_type (day TEXT NOT NULL, event_type TEXT NOT NULL,\n"
	"  live INTEGER NOT NULL, n INTEGER NOT NULL, fatalities INTEGER NOT NULL,\n"
	"  PRIMARY KEY (day, event_type, live)) WITHOUT ROWID;\n"
	"CREATE TABLE event_outlet (event INTEGER NOT NULL, source TEXT NOT NULL,\n"
	"  n INTEGER NOT NULL, PRIMARY KEY (event, source)) WITHOUT ROWID;\n"
	"CREATE TABLE stat_source (source TEXT NOT NULL, live INTEGER NOT NULL,\n"
	"  events INTEGER NOT NULL, fatalities INTEGER NOT NULL, mentions INTEGER NOT NULL,\n"
	"  PRIMARY KEY (source, live)) WITHOUT ROWID;\n"
	"CREATE TABLE article_live (article INTEGER PRIMARY KEY, n INTEGER NOT NULL);\n";

/* The event X counted S (1 or -1) times in the event-level tables. */
#define LIVE(X) "(" X ".review_status IS NOT 'rejected')"
#define UPSERT2 " ON CONFLICT DO UPDATE SET n = n + excluded.n,"                           \
		" fatalities = fatalities + excluded.fatalities"
#define EVENT_ADD(X, S)                                                                    \
	"INSERT INTO stat_month SELECT coalesce(substr(" X ".event_date, 1, 7), ''), " LIVE(X) \
	", " S ", " S " * " X ".fatalities, " S " * (" X ".narticles > 1) WHERE 1"             \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n,"                                   \
	" fatalities = fatalities + excluded.fatalities, multi = multi + excluded.multi;\n"   \
	"INSERT INTO stat_type SELECT " X ".event_type, " X ".sub_event_type, " LIVE(X)    \
	", " S ", " S " * " X ".fatalities WHERE 1" UPSERT2 ";\n"                              \
	"INSERT INTO stat_admin1 SELECT coalesce(" X ".admin1_key, ''), coalesce(" X          \
	".admin1, ''), coalesce(" X ".country, ''), " LIVE(X) ", " S ", " S " * " X            \
	".fatalities WHERE 1" UPSERT2 ";\n"                                                   \
	"INSERT INTO stat_actor SELECT " X ".actor1, " LIVE(X) ", " S ", " S " * " X          \
	".fatalities WHERE " X ".actor1 IS NOT NULL" UPSERT2 ";\n"                             \
	"INSERT INTO stat_actor SELECT " X ".actor2, " LIVE(X) ", " S ", " S " * " X          \
	".fatalities WHERE " X ".actor2 IS NOT NULL AND " X ".actor2 IS NOT " X ".actor1"      \
	UPSERT2 ";\n"                                                                         \
	"INSERT INTO stat_day_type SELECT " X ".event_date, " X ".event_type, " LIVE(X)      \
	", " S ", " S " * " X ".fatalities WHERE " X ".event_date IS NOT NULL" UPSERT2 ";\n"   \
	"INSERT INTO stat_source SELECT o.source, " LIVE(X) ", " S ", " S " * " X            \
	".fatalities, " S " * o.n FROM event_outlet o WHERE o.event = " X ".id"               \
	" ON CONFLICT DO UPDATE SET events = events + excluded.events,"                    \
	" fatalities = fatalities + excluded.fatalities,"                                  \
	" mentions = mentions + excluded.mentions;\n"                                      \
	"INSERT INTO article_live SELECT m.article, " S " FROM mention m"                    \
	" WHERE m.event = " X ".id AND " LIVE(X)                                             \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n;\n"

#define EVENT_COLS_COUNTED                                                                 \
	"event_date, event_type, sub_event_type, actor1, actor2, admin1, admin1_key, "      \
	"country, fatalities, narticles, review_status"

static const char summary_event_insert[] =
	"CREATE TRIGGER event_stat_insert AFTER INSERT ON event BEGIN\n" EVENT_ADD("new", "1")
	"END;\n";
static const char summary_event_delete[] =
	"CREATE TRIGGER event_stat_delete AFTER DELETE ON event BEGIN\n" EVENT_ADD("old", "-1")
	"  DELETE FROM article_live WHERE n = 0 AND article IN\n"
	"    (SELECT article FROM mention WHERE event = old.id);\n"
	"END;\n";
/* an update takes the old row out and puts the new one in: two triggers
 * (their order does not matter: the counts add up either way) */
#define EVENT_CHANGED                                                                      \
	" AFTER UPDATE OF " EVENT_COLS_COUNTED " ON event\n"                               \
	"  WHEN old.event_date IS NOT new.event_date OR old.event_type IS NOT new.event_type\n" \
	"  OR old.sub_event_type IS NOT new.sub_event_type OR old.actor1 IS NOT new.actor1\n" \
	"  OR old.actor2 IS NOT new.actor2 OR old.admin1 IS NOT new.admin1\n"              \
	"  OR old.admin1_key IS NOT new.admin1_key OR old.country IS NOT new.country\n"    \
	"  OR old.fatalities IS NOT new.fatalities OR old.narticles IS NOT new.narticles\n" \
	"  OR old.review_status IS NOT new.review_status BEGIN\n"
static const char summary_event_update_old[] =
	"CREATE TRIGGER event_stat_update_old" EVENT_CHANGED EVENT_ADD("old", "-1")
	"  DELETE FROM article_live WHERE n = 0 AND article IN\n"
	"    (SELECT article FROM mention WHERE event = old.id);\n"
	"END;\n";
static const char summary_event_update_new[] =
	"CREATE TRIGGER event_stat_update_new" EVENT_CHANGED EVENT_ADD("new", "1")
	"  DELETE FROM article_live WHERE n = 0 AND article IN\n"
	"    (SELECT article FROM mention WHERE event = new.id);\n"
	"END;\n";

/* The report X counted S times: its (event, outlet), outlet and article. */
#define MENTION_ADD(X, S)                                                                  \
	"INSERT INTO event_outlet VALUES (" X ".event, coalesce(" X ".source, ''), " S ")"    \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n;\n"                                 \
	"INSERT INTO stat_source SELECT o.source, " LIVE("e") ", "                          \
	" CASE WHEN o.n = (" S " > 0) THEN " S " ELSE 0 END,"                              \
	" CASE WHEN o.n = (" S " > 0) THEN " S " * e.fatalities ELSE 0 END, " S            \
	" FROM event e JOIN event_outlet o ON o.event = e.id AND o.source = coalesce(" X      \
	".source, '') WHERE e.id = " X ".event"                                            \
	" ON CONFLICT DO UPDATE SET events = events + excluded.events,"                    \
	" fatalities = fatalities + excluded.fatalities,"                                  \
	" mentions = mentions + excluded.mentions;\n"                                      \
	"DELETE FROM event_outlet WHERE event = " X ".event AND source = coalesce(" X         \
	".source, '') AND n = 0;\n"                                                        \
	"INSERT INTO article_live SELECT " X ".article, " S " FROM event e WHERE e.id = " X   \
	".event AND " LIVE("e") " ON CONFLICT DO UPDATE SET n = n + excluded.n;\n"           \
	"DELETE FROM article_live WHERE article = " X ".article AND n = 0;\n"

static const char summary_mention_triggers[] =
	"CREATE TRIGGER mention_stat_insert AFTER INSERT ON mention BEGIN\n"
	MENTION_ADD("new", "1") "END;\n"
	"CREATE TRIGGER mention_stat_delete AFTER DELETE ON mention BEGIN\n"
	MENTION_ADD("old", "-1") "END;\n"
	"CREATE TRIGGER mention_stat_update AFTER UPDATE OF event, article, source ON mention\n"
	"  WHEN old.event IS NOT new.event OR old.article IS NOT new.article\n"
	"  OR old.source IS NOT new.source BEGIN\n"
	MENTION_ADD("old", "-1") MENTION_ADD("new", "1") "END;\n";

/* The counts of the events already there. */
static const char summary_fill[] =
	"INSERT INTO event_outlet SELECT event, coalesce(source, ''), count(*) FROM mention\n"
	"  GROUP BY 1, 2;\n"
	"INSERT INTO stat_month SELECT coalesce(substr(event_date, 1, 7), ''), " LIVE("event")
	", count(*), sum(fatalities), sum(narticles > 1) FROM event GROUP BY 1, 2;\n"
	"INSERT INTO stat_type SELECT event_type, sub_event_type, " LIVE("event")
	", count(*), sum(fatalities) FROM event GROUP BY 1, 2, 3;\n"
	"INSERT INTO stat_admin1 SELECT coalesce(admin1_key, ''), coalesce(admin1, ''),"
	" coalesce(country, ''), " LIVE("event") ", count(*), sum(fatalities) FROM event"
	" GROUP BY 1, 2, 3, 4;\n"
	"INSERT INTO stat_actor SELECT code, live, count(*), sum(f) FROM"
	" (SELECT actor1 AS code, " LIVE("event") " AS live, fatalities AS f FROM event"
	"  WHERE actor1 IS NOT NULL UNION ALL SELECT actor2, " LIVE("event") ", fatalities"
	"  FROM event WHERE actor2 IS NOT NULL AND actor2 IS NOT actor1) GROUP BY 1, 2;\n"
	"INSERT INTO stat_day_type SELECT event_date, event_type, " LIVE("event")
	", count(*), sum(fatalities) FROM event WHERE event_date IS NOT NULL GROUP BY 1, 2, 3;\n"
	"INSERT INTO stat_source SELECT o.source, " LIVE("e") ", count(*), sum(e.fatalities),"
	" sum(o.n) FROM event_outlet o JOIN event e ON e.id = o.event GROUP BY 1, 2;\n"
	"INSERT INTO article_live SELECT m.article, count(*) FROM mention m JOIN event e"
	" ON e.id = m.event WHERE " LIVE("e") " GROUP BY 1;\n"
	"PRAGMA user_version = 7;\n";

const char *const store_schema_v7[] = {
	summary_tables, summary_event_insert, summary_event_delete, summary_event_update_old,
	summary_event_update_new, summary_mention_triggers, summary_fill, NULL};

/* -------------------------------------------------------------- reads */

bool store_summary_fits(const struct rasd_db_filter *f)
{
	/* no filter at all (f NULL, or --status all) counts the rejected
	 * too, and the whole database's articles: counted from the tables */
	return f && !f->from && !f->to && !f->event_type && !f->sub_event_type && !f->actor &&
	       !f->admin1 && !f->country && !f->text && !f->near && f->min_fatalities <= 0 &&
	       !f->event_id && f->number <= 0 && !f->review;
}

static enum rasd_status one_row(struct rasd_db *db, const char *sql, long long *v, int nv,
				char *text, size_t text_n, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = store_stmt(db, sql, &st, err);
	int rc, k;

	if (status != RASD_OK)
		return status;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (k = 0; k < nv; k++)
			v[k] = sqlite3_column_int64(st, k);
		if (text && sqlite3_column_text(st, 0))
			snprintf(text, text_n, "%.10s", (const char *)sqlite3_column_text(st, 0));
		rc = SQLITE_DONE;
	}
	store_done(st);
	return rc == SQLITE_DONE ? RASD_OK : store_fail(db, err, rc, "reading the counts");
}

enum rasd_status store_summary_totals(struct rasd_db *db, struct rasd_db_totals *t,
				      struct rasd_error *err)
{
	static const char sql_events[] =
		"SELECT coalesce(sum(n), 0), coalesce(sum(fatalities), 0), coalesce(sum(multi), 0)"
		" FROM stat_month WHERE live = 1";
	static const char sql_reports[] =
		"SELECT coalesce(sum(mentions), 0), coalesce(sum(mentions > 0 AND source <> ''), 0)"
		" FROM stat_source WHERE live = 1";
	static const char sql_articles[] = "SELECT count(*) FROM article_live";
	static const char sql_first[] =
		"SELECT e.event_date FROM event e WHERE e.event_date IS NOT NULL"
		" AND +e.review_status IS NOT 'rejected' ORDER BY e.event_date LIMIT 1";
	static const char sql_last[] =
		"SELECT e.event_date FROM event e WHERE e.event_date IS NOT NULL"
		" AND +e.review_status IS NOT 'rejected' ORDER BY e.event_date DESC LIMIT 1";
	long long v[3] = {0, 0, 0};
	enum rasd_status st;

	memset(t, 0, sizeof(*t));
	st = one_row(db, sql_events, v, 3, NULL, 0, err);
	t->events = (long)v[0];
	t->fatalities = (long)v[1];
	t->multi_source_events = (long)v[2];
	if (st == RASD_OK)
		st = one_row(db, sql_reports, v, 2, NULL, 0, err);
	t->mentions = (long)v[0];
	t->sources = (long)v[1];
	if (st == RASD_OK)
		st = one_row(db, sql_articles, v, 1, NULL, 0, err);
	t->articles = t->articles_with_events = (long)v[0];
	if (st == RASD_OK)
		st = one_row(db, sql_first, v, 0, t->first_date, sizeof(t->first_date), err);
	if (st == RASD_OK)
		st = one_row(db, sql_last, v, 0, t->last_date, sizeof(t->last_date), err);
	return st;
}

enum rasd_status store_summary_count(struct rasd_db *db, enum rasd_db_stat by, long limit,
				     rasd_db_count_fn fn, void *ctx, struct rasd_error *err)
{
	/* each as the query over the events would order it (stats.c) */
	static const char *const sql[] = {
		[RASD_STAT_MONTH] = "SELECT nullif(month, ''), NULL, n, fatalities FROM stat_month"
				    " WHERE live = 1 AND n > 0 ORDER BY month = '', month LIMIT ?1",
		[RASD_STAT_TYPE] = "SELECT event_type, NULL, sum(n), sum(fatalities) FROM stat_type"
				   " WHERE live = 1 AND n > 0 GROUP BY event_type"
				   " ORDER BY 3 DESC, 1 LIMIT ?1",
		[RASD_STAT_SUB_TYPE] = "SELECT sub_event_type, event_type, n, fatalities FROM"
				       " stat_type WHERE live = 1 AND n > 0 ORDER BY 3 DESC, 1"
				       " LIMIT ?1",
		[RASD_STAT_ADMIN1] = "SELECT min(nullif(admin1, '')), min(nullif(country, '')),"
				     " sum(n), sum(fatalities) FROM stat_admin1"
				     " WHERE live = 1 AND n > 0 GROUP BY admin1_key"
				     " ORDER BY 3 DESC, 1 LIMIT ?1",
		[RASD_STAT_ACTOR] = "SELECT ac.code, ac.name_en, s.n, s.fatalities FROM stat_actor s"
				    " JOIN actor ac ON ac.code = s.code WHERE s.live = 1 AND s.n > 0"
				    " ORDER BY 3 DESC, 1 LIMIT ?1",
		[RASD_STAT_SOURCE] = "SELECT nullif(source, ''), NULL, events, fatalities FROM"
				     " stat_source WHERE live = 1 AND events > 0"
				     " ORDER BY 3 DESC, 1 LIMIT ?1",
		[RASD_STAT_DAY_TYPE] = "SELECT day, event_type, n, fatalities FROM stat_day_type"
				       " WHERE live = 1 AND n > 0 ORDER BY 1, 2 LIMIT ?1",
	};
	sqlite3_stmt *st = NULL;
	enum rasd_status status;
	int rc;

	if ((unsigned)by >= sizeof(sql) / sizeof(sql[0]) || !sql[by])
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "unknown statistic");
	rc = sqlite3_prepare_v2(db->db, sql[by], -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	if (rc != SQLITE_OK) {
		status = store_fail(db, err, rc, "reading the counts");
		goto out;
	}
	status = RASD_OK;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			status = store_fail(db, err, rc, "reading the counts");
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
	return status;
}
