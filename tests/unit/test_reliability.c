/*
 * test_reliability.c - the store keeping its promises (issue 12): one
 * refused article never costs the transaction around it (F1), reads in
 * one snapshot while another connection writes (F3), a new database made
 * whole before anyone sees it (F2), rasd_db_check finding what was broken
 * behind rasd's back and rasd_db_rebuild / rasd_db_backup, and dedup
 * staying linear in the events of one article (F8).
 */
#include "harness.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[64];

static const struct rasd_actor ISIS = {.code = "ISIS", .name_en = "Islamic State",
				       .name_ar = "داعش", .country = "", .theatre = "", .inter = 2};

static void path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void remove_db(const char *name)
{
	char p[128], q[140];
	path_of(p, sizeof(p), name);
	unlink(p);
	snprintf(q, sizeof(q), "%s-wal", p);
	unlink(q);
	snprintf(q, sizeof(q), "%s-shm", p);
	unlink(q);
}

static struct rasd_db *open_db(const char *name, unsigned flags)
{
	char p[128];
	struct rasd_db *db = NULL;
	struct rasd_error err;

	path_of(p, sizeof(p), name);
	rasd_error_clear(&err);
	if (rasd_db_open(p, flags, 1000, &db, &err) != RASD_OK)
		fprintf(stderr, "open %s: %s\n", p, err.msg);
	return db;
}

static struct rasd_article article(const char *id, const char *text)
{
	struct rasd_article a;
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.text = text;
	a.text_n = text ? strlen(text) : 0;
	a.published = "2018-06-02";
	a.source = "test";
	return a;
}

/* A killing in place n of the article, dated day d of June 2018. */
static struct rasd_event event(const struct rasd_article *a, int n, int d)
{
	static char locs[4096][24];
	struct rasd_event e;

	memset(&e, 0, sizeof(e));
	snprintf(e.event_id, sizeof(e.event_id), "rasd-%s-%d", a->id, n);
	if (rasd_date_parse("2018-06-01", 10, &e.date) != RASD_OK)
		t_failed++;
	e.date += d;
	e.has_date = true;
	e.time_precision = 1;
	e.event_type = "Violence against civilians";
	e.sub_event_type = "Attack";
	e.actor1 = &ISIS;
	snprintf(locs[n % 4096], sizeof(locs[0]), "قرية %d", n);
	e.location = locs[n % 4096];
	e.admin1 = "";
	e.admin2 = "";
	e.country = "SY";
	e.fatalities = 1 + n % 7;
	e.modality = RASD_MOD_REPORTED;
	e.trigger = "قتل";
	e.confidence = 0.8;
	e.evidence.field = RASD_FIELD_TEXT;
	e.evidence.end = 4;
	e.evidence.sent_end = (uint32_t)a->text_n;
	return e;
}

static long long raw_int(const char *name, const char *sql)
{
	char p[128];
	sqlite3 *raw = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	path_of(p, sizeof(p), name);
	if (sqlite3_open_v2(p, &raw, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(raw, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return v;
}

static void raw_exec(const char *name, const char *sql)
{
	char p[128];
	sqlite3 *raw = NULL;

	path_of(p, sizeof(p), name);
	CHECK_INT(sqlite3_open_v2(p, &raw, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	CHECK_INT(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
}

/* F1: an article the store refuses leaves the batch around it alone. */
TEST(refused_article_keeps_the_batch)
{
	struct rasd_db *db;
	struct rasd_ingest_counts c;
	struct rasd_error err;
	struct rasd_article a = article("a", "قتل مدني"), bad = article("", "قتل"),
			    none = article("n", NULL), b = article("b", "قتل طفل");
	struct rasd_event ea = event(&a, 1, 1), eb = event(&b, 2, 1);
	char h[RASD_DB_HASH_HEX];

	remove_db("f1.db");
	db = open_db("f1.db", RASD_DB_CREATE);
	CHECK(db != NULL);
	if (!db)
		return;
	memset(&c, 0, sizeof(c));
	CHECK_INT(rasd_db_begin(db, &err), RASD_OK);
	rasd_db_hash_article(&a, h);
	CHECK_INT(rasd_db_put(db, &a, h, &ea, 1, &c, &err), RASD_OK);
	rasd_db_hash_article(&bad, h);
	CHECK_INT(rasd_db_put(db, &bad, h, &ea, 1, &c, &err), RASD_EINVAL);
	rasd_db_hash_article(&none, h);
	CHECK_INT(rasd_db_put(db, &none, h, NULL, 0, &c, &err), RASD_EINVAL);
	rasd_db_hash_article(&b, h);
	CHECK_INT(rasd_db_put(db, &b, h, &eb, 1, &c, &err), RASD_OK);
	CHECK_INT(rasd_db_commit(db, &err), RASD_OK);
	CHECK_INT(c.articles_new, 2);
	CHECK_INT(c.events_new, 2);
	rasd_db_free(db);
	CHECK_INT(raw_int("f1.db", "SELECT count(*) FROM article"), 2);
	CHECK_INT(raw_int("f1.db", "SELECT count(*) FROM mention"), 2);
	remove_db("f1.db");
}

struct sum {
	long events;
};

static enum rasd_status add_count(void *ctx, const char *key, const char *label, long events,
				  long fatalities)
{
	struct sum *s = ctx;
	(void)key;
	(void)label;
	(void)fatalities;
	s->events += events;
	return RASD_OK;
}

static void put_n(struct rasd_db *db, const char *prefix, int from, int n)
{
	struct rasd_ingest_counts c;
	struct rasd_error err;
	char id[32], h[RASD_DB_HASH_HEX];
	int k;

	memset(&c, 0, sizeof(c));
	CHECK_INT(rasd_db_begin(db, &err), RASD_OK);
	for (k = from; k < from + n; k++) {
		struct rasd_article a;
		struct rasd_event e;
		snprintf(id, sizeof(id), "%s-%d", prefix, k);
		a = article(id, "قتل مدني في قرية");
		e = event(&a, k, k % 20);
		rasd_db_hash_article(&a, h);
		CHECK_INT(rasd_db_put(db, &a, h, &e, 1, &c, &err), RASD_OK);
	}
	CHECK_INT(rasd_db_commit(db, &err), RASD_OK);
}

/* F3: the totals and the tables of one stats run count the same events. */
TEST(stats_in_one_snapshot)
{
	struct rasd_db *w, *r;
	struct rasd_db_totals t;
	struct rasd_error err;
	struct sum s = {0};

	remove_db("f3.db");
	w = open_db("f3.db", RASD_DB_CREATE);
	CHECK(w != NULL);
	if (!w)
		return;
	put_n(w, "x", 0, 30);
	r = open_db("f3.db", RASD_DB_READONLY);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(rasd_db_read_begin(r, &err), RASD_OK);
		CHECK_INT(rasd_db_totals(r, NULL, &t, &err), RASD_OK);
		put_n(w, "y", 100, 25); /* committed between the two reads */
		CHECK_INT(rasd_db_count_by(r, NULL, RASD_STAT_TYPE, 0, add_count, &s, &err),
			  RASD_OK);
		rasd_db_read_end(r);
		CHECK_INT(t.events, 30);
		CHECK_INT(s.events, t.events);
		/* and the next snapshot sees the new ones */
		CHECK_INT(rasd_db_totals(r, NULL, &t, &err), RASD_OK);
		CHECK_INT(t.events, 55);
	}
	rasd_db_free(r);
	rasd_db_free(w);
	remove_db("f3.db");
}

/* F2: a new database appears whole: schema, WAL and application id. */
TEST(new_database_appears_whole)
{
	struct rasd_db *db;
	char p[128];
	struct stat sb;

	remove_db("f2.db");
	db = open_db("f2.db", RASD_DB_CREATE);
	CHECK(db != NULL);
	CHECK_INT(rasd_db_version(db), RASD_DB_SCHEMA_VERSION);
	rasd_db_free(db);
	CHECK_INT(raw_int("f2.db", "PRAGMA application_id"), 1918989156);
	CHECK_INT(raw_int("f2.db", "PRAGMA user_version"), RASD_DB_SCHEMA_VERSION);
	/* no temporary file left behind */
	snprintf(p, sizeof(p), "%s/.f2.db.new-%ld", dir, (long)getpid());
	CHECK(stat(p, &sb) != 0);
	remove_db("f2.db");
}

struct problems {
	int n;
	char first[256];
};

static enum rasd_status keep(void *ctx, const char *problem)
{
	struct problems *p = ctx;
	if (!p->n++)
		snprintf(p->first, sizeof(p->first), "%s", problem);
	return RASD_OK;
}

static int check_db(const char *name, struct problems *p)
{
	struct rasd_db *db = open_db(name, 0);
	struct rasd_error err;
	long n = -1;

	memset(p, 0, sizeof(*p));
	if (!db)
		return -1;
	CHECK_INT(rasd_db_check(db, keep, p, &n, &err), RASD_OK);
	rasd_db_free(db);
	CHECK_INT(n, p->n);
	return p->n;
}

/* rasd check: whole, then each invariant broken behind rasd's back. */
TEST(check_finds_what_was_broken)
{
	static const struct {
		const char *sql, *says;
	} breaks[] = {
		{"UPDATE event SET narticles = 3 WHERE id = 2", "counts 3 article(s)"},
		{"UPDATE mention SET is_primary = 0 WHERE id = 3", "0 primary reports"},
		{"UPDATE article SET url = 'https://example.org/changed' WHERE id = 4",
		 "does not match its hash"},
		{"UPDATE mention SET sentence_end = sentence_end - 1 WHERE id = 5",
		 "is not the text its offsets"},
		{"UPDATE event SET event_id = 'rasd-other' WHERE id = 6", "its oldest report"},
		{"INSERT INTO event(event_id, event_type, sub_event_type, modality)"
		 " VALUES ('rasd-orphan', 'Battles', 'Armed clash', 'reported')",
		 "no article reports it"},
	};
	struct rasd_db *db;
	struct problems p;
	size_t k;

	for (k = 0; k < sizeof(breaks) / sizeof(breaks[0]); k++) {
		remove_db("c.db");
		db = open_db("c.db", RASD_DB_CREATE);
		CHECK(db != NULL);
		if (!db)
			return;
		put_n(db, "c", 0, 8);
		rasd_db_free(db);
		CHECK_INT(check_db("c.db", &p), 0);
		raw_exec("c.db", breaks[k].sql);
		CHECK(check_db("c.db", &p) >= 1);
		if (!strstr(p.first, breaks[k].says))
			fprintf(stderr, "check: '%s' found '%s'\n", breaks[k].sql, p.first);
		CHECK(strstr(p.first, breaks[k].says) != NULL);
	}
	remove_db("c.db");
}

/* F8: 3,000 events of one article, all of one type and day, cost about
 * 3,000 times one (they used to be matched against each other). */
TEST(many_events_in_one_article_are_linear)
{
	static struct rasd_event ev[3000];
	static char text[64];
	struct rasd_db *db;
	struct rasd_ingest_counts c;
	struct rasd_error err;
	struct rasd_article a;
	char h[RASD_DB_HASH_HEX];
	clock_t t0;
	double secs;
	int k;

	remove_db("f8.db");
	db = open_db("f8.db", RASD_DB_CREATE);
	CHECK(db != NULL);
	if (!db)
		return;
	snprintf(text, sizeof(text), "%s", "قتل مدنيون في قرى كثيرة");
	a = article("many", text);
	for (k = 0; k < 3000; k++)
		ev[k] = event(&a, k, 3);
	memset(&c, 0, sizeof(c));
	rasd_db_hash_article(&a, h);
	t0 = clock();
	CHECK_INT(rasd_db_begin(db, &err), RASD_OK);
	CHECK_INT(rasd_db_put(db, &a, h, ev, 3000, &c, &err), RASD_OK);
	CHECK_INT(rasd_db_commit(db, &err), RASD_OK);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK_INT(c.events_new, 3000);
	/* quadratic took ~40 s here; linear is well under a second, even
	 * under sanitizers */
	if (secs > 5)
		fprintf(stderr, "3,000 events in one article took %.1f s\n", secs);
	CHECK(secs < 5);
	rasd_db_free(db);
	remove_db("f8.db");
}

TEST(begin)
{
	snprintf(dir, sizeof(dir), "/tmp/rasd-test-rel-XXXXXX");
	CHECK(mkdtemp(dir) != NULL);
}

TEST(end)
{
	CHECK_INT(rmdir(dir), 0);
}

RUN_TESTS(T(begin), T(refused_article_keeps_the_batch), T(stats_in_one_snapshot),
	  T(new_database_appears_whole), T(check_finds_what_was_broken),
	  T(many_events_in_one_article_are_linear), T(end))
