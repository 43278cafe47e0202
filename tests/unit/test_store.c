/*
 * test_store.c - the events database: the FTS5 tokenizer's clitic and
 * spelling behaviour (through SQLite itself), query translation, content
 * hashes, schema migrations, idempotent ingest, deduplication across
 * sources, article updates, query filters, locks and the export writers.
 * Events are built by hand so the tests do not move with the lexicons.
 */
#include "harness.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[64];

static void path_in(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void remove_db(const char *name)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char p[128];
	size_t k;
	for (k = 0; k < 4; k++) {
		snprintf(p, sizeof(p), "%s/%s%s", dir, name, suffix[k]);
		unlink(p);
	}
}

/* ---------------------------------------------------------- tokenizer */

static sqlite3 *fts_db(void)
{
	sqlite3 *db = NULL;
	CHECK_INT(sqlite3_open(":memory:", &db), SQLITE_OK);
	CHECK_INT(rasd_fts_register(db), RASD_OK);
	CHECK_INT(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='rasd')", NULL,
			       NULL, NULL),
		  SQLITE_OK);
	return db;
}

static void fts_add(sqlite3 *db, long id, const char *text, size_t n)
{
	sqlite3_stmt *st = NULL;
	CHECK_INT(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, body) VALUES (?1, ?2)", -1, &st, NULL),
		  SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, text, (int)n, SQLITE_TRANSIENT);
	CHECK_INT(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* The rowids that match what a user typed, as "1,3" (or "" / "error"). */
static const char *fts_find(sqlite3 *db, const char *typed)
{
	static char out[256];
	struct rasd_buf q;
	sqlite3_stmt *st = NULL;
	size_t n = 0;

	out[0] = '\0';
	rasd_buf_init(&q, 0);
	if (rasd_fts_query(&q, typed, strlen(typed), NULL) != RASD_OK) {
		rasd_buf_release(&q);
		return "error";
	}
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &st,
			       NULL) != SQLITE_OK) {
		rasd_buf_release(&q);
		return "error";
	}
	sqlite3_bind_text(st, 1, q.p, (int)q.n, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%lld", n ? "," : "",
				      sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	rasd_buf_release(&q);
	return out;
}

static const char *fts_highlight(sqlite3 *db, const char *typed, long id)
{
	static char out[512];
	struct rasd_buf q;
	sqlite3_stmt *st = NULL;

	snprintf(out, sizeof(out), "(none)");
	rasd_buf_init(&q, 0);
	if (rasd_fts_query(&q, typed, strlen(typed), NULL) == RASD_OK &&
	    sqlite3_prepare_v2(db,
			       "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 AND rowid = ?2",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, q.p, (int)q.n, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(out, sizeof(out), "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	rasd_buf_release(&q);
	return out;
}

TEST(tokenizer_clitics)
{
	sqlite3 *db = fts_db();
	const char *docs[] = {
		"هجوم لداعش على حاجز",              /* 1: ل */
		"قوات قسد وداعش تتبادلان القصف",     /* 2: و */
		"ضربة بداعش في البادية",             /* 3: ب */
		"داعش يتبنى الهجوم",                /* 4: the word itself */
		"داعشيون في الصحراء",                /* 5: another word */
		"قصف على مدينة الحسكة وريفها",       /* 6: ة */
		"اشتباكات في للحسكة امس",            /* 7: لل = ل + ال */
		"وصلت التعزيزات إلى بيروت",          /* 8: ب that is not a clitic */
		"هجماتهم على القرى",                 /* 9: enclitic pronoun */
	};
	size_t k;

	for (k = 0; k < sizeof(docs) / sizeof(docs[0]); k++)
		fts_add(db, (long)k + 1, docs[k], strlen(docs[k]));
	CHECK_STR(fts_find(db, "داعش"), "1,2,3,4");
	CHECK_STR(fts_find(db, "لداعش"), "1");
	CHECK_STR(fts_find(db, "داعش*"), "1,2,3,4,5");
	CHECK_STR(fts_find(db, "الحسكه"), "6,7");
	CHECK_STR(fts_find(db, "الحسكة"), "6,7");
	CHECK_STR(fts_find(db, "حسكة"), "6,7");
	CHECK_STR(fts_find(db, "بيروت"), "8");
	CHECK_STR(fts_find(db, "هجمات"), "9");
	CHECK_STR(fts_find(db, "\"قسد وداعش\""), "2");
	CHECK_STR(fts_find(db, "داعش OR بيروت"), "1,2,3,4,8");
	CHECK_STR(fts_find(db, "داعش NOT حاجز"), "2,3,4");
	CHECK_STR(fts_find(db, "داعش البادية"), "3");
	/* highlight marks the word as written, clitic and all */
	CHECK_STR(fts_highlight(db, "داعش", 1), "هجوم [لداعش] على حاجز");
	CHECK_STR(fts_highlight(db, "الحسكه", 7), "اشتباكات في [للحسكة] امس");
	sqlite3_close(db);
}

TEST(tokenizer_spelling)
{
	sqlite3 *db = fts_db();
	const char *marks = "قُتِلَ خمسةُ مدنيين في إدلب";
	const char *tatweel = "قصـــف على مستشفى في الرقة";
	const char *digits = "عام ٢٠١٨ في دير الزور";

	fts_add(db, 1, marks, strlen(marks));
	fts_add(db, 2, tatweel, strlen(tatweel));
	fts_add(db, 3, digits, strlen(digits));
	CHECK_STR(fts_find(db, "قتل"), "1");
	CHECK_STR(fts_find(db, "ادلب"), "1");
	CHECK_STR(fts_find(db, "أدلب"), "1");
	CHECK_STR(fts_find(db, "قصف"), "2");
	CHECK_STR(fts_find(db, "مستشفي"), "2");
	CHECK_STR(fts_find(db, "2018"), "3");
	CHECK_STR(fts_find(db, "٢٠١٨"), "3");
	CHECK_STR(fts_find(db, "\"دير الزور\""), "3");
	CHECK_STR(fts_highlight(db, "قتل", 1), "[قُتِلَ] خمسةُ مدنيين في إدلب");
	sqlite3_close(db);
}

TEST(tokenizer_hostile_text)
{
	sqlite3 *db = fts_db();
	/* invalid bytes and a NUL written by another program */
	const char bad[] = "قصف \xff\xfe على حلب\0 ثم";
	char *big;
	size_t n = 300000, k;

	fts_add(db, 1, bad, sizeof(bad) - 1);
	CHECK_STR(fts_find(db, "حلب"), "1");
	CHECK_STR(fts_find(db, "ثم"), "1");
	/* a long word without spaces and many marks on one letter */
	big = malloc(n + 1);
	CHECK(big != NULL);
	if (big) {
		for (k = 0; k + 2 <= n; k += 2)
			memcpy(big + k, k < n / 2 ? "\xd8\xa8" : "\xd9\x8e", 2);
		big[n] = '\0';
		fts_add(db, 2, big, n);
		free(big);
	}
	fts_add(db, 3, "", 0);
	CHECK_STR(fts_find(db, "حلب"), "1");
	sqlite3_close(db);
}

TEST(query_translation)
{
	struct rasd_buf b;
	struct rasd_error err;

	rasd_buf_init(&b, 0);
#define TR(in, want)                                                                       \
	do {                                                                               \
		rasd_buf_reset(&b);                                                        \
		CHECK_INT(rasd_fts_query(&b, in, strlen(in), &err), RASD_OK);              \
		CHECK_STR(b.p, want);                                                      \
	} while (0)
	TR("داعش", "\"داعش\"");
	TR("  داعش   الحسكة ", "\"داعش\" \"الحسكة\"");
	TR("داع*", "\"داع\"*");
	TR("\"دير الزور\" OR الرقة", "\"دير الزور\" OR \"الرقة\"");
	TR("داعش NOT قسد", "\"داعش\" NOT \"قسد\"");
	TR("or and not", "\"or\" \"and\" \"not\"");
	/* FTS5 and SQL syntax in the input is only text */
	TR("\") OR 1=1; DROP TABLE event; --", "\") OR 1=1; DROP TABLE event; --\"");
	TR("x\" OR \"y", "\"x\" \" OR \" \"y\"");
	TR("a(b)c: NEAR(x)", "\"a(b)c:\" \"NEAR(x)\"");
	TR("داعش ، !", "\"داعش\"");
#undef TR
	rasd_buf_reset(&b);
	CHECK_INT(rasd_fts_query(&b, "OR داعش", 9, &err), RASD_ESYNTAX);
	CHECK(strstr(err.msg, "'OR'") != NULL);
	CHECK_INT(rasd_fts_query(&b, "داعش NOT", strlen("داعش NOT"), &err), RASD_ESYNTAX);
	CHECK_INT(rasd_fts_query(&b, "داعش OR AND قسد", strlen("داعش OR AND قسد"), &err),
		  RASD_ESYNTAX);
	CHECK_INT(rasd_fts_query(&b, "، ؟ !", strlen("، ؟ !"), &err), RASD_EINVAL);
	CHECK_INT(rasd_fts_query(&b, "", 0, &err), RASD_EINVAL);
	CHECK_INT(rasd_fts_query(&b, "\xff", 1, &err), RASD_EUTF8);
	CHECK_INT(b.n, 0); /* failures leave nothing behind */
	rasd_buf_release(&b);
}

TEST(content_hash)
{
	struct rasd_article a;
	char h[RASD_DB_HASH_HEX], h2[RASD_DB_HASH_HEX];
	char *text = malloc(1000);

	memset(&a, 0, sizeof(a));
	a.text = "abc";
	a.text_n = 3;
	rasd_db_hash_article(&a, h);
	/* SHA-256 of ff 'abc' ff ff ff ff (title, text, published, source, url) */
	CHECK_STR(h, "07555661874587c356764267ea7e6a67bdec0e03278443a6cb46462b1a348a40");
	a.title = "T";
	a.title_n = 1;
	a.text = "نص";
	a.text_n = strlen("نص");
	a.published = "2018-01-02";
	a.source = "src";
	a.url = "http://x";
	rasd_db_hash_article(&a, h);
	CHECK_STR(h, "80fe0d52b884308fe8f58651ad05a1f45a3332e835dec6350e53c6d4d096cac1");
	a.url = "http://y";
	rasd_db_hash_article(&a, h2);
	CHECK(strcmp(h, h2) != 0);
	/* more than one block */
	CHECK(text != NULL);
	if (text) {
		memset(text, 'a', 1000);
		memset(&a, 0, sizeof(a));
		a.text = text;
		a.text_n = 1000;
		rasd_db_hash_article(&a, h);
		CHECK_STR(h, "2319acbc1a1c4b5947685884cf62acd4586c9986f54efd76c6ffe210ecd87c96");
		free(text);
	}
}

/* ----------------------------------------------------------- database */

static sqlite3 *raw_open(const char *name)
{
	char p[128];
	sqlite3 *db = NULL;
	path_in(p, sizeof(p), name);
	CHECK_INT(sqlite3_open(p, &db), SQLITE_OK);
	return db;
}

static long long raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		fprintf(stderr, "raw_int: %s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return v;
}

static long raw_rows(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_finalize(st);
	return n;
}

static struct rasd_db *open_db(const char *name, unsigned flags)
{
	char p[128];
	struct rasd_db *db = NULL;
	struct rasd_error err;
	path_in(p, sizeof(p), name);
	if (rasd_db_open(p, flags, 1000, &db, &err) != RASD_OK)
		fprintf(stderr, "open_db: %s\n", err.msg);
	return db;
}

TEST(migrations)
{
	char p[128];
	struct rasd_db *db;
	struct rasd_error err;
	sqlite3 *raw;

	remove_db("m.db");
	path_in(p, sizeof(p), "m.db");
	/* missing, read-only: not found, and nothing created */
	CHECK_INT(rasd_db_open(p, RASD_DB_READONLY, 0, &db, &err), RASD_ENOTFOUND);
	CHECK(db == NULL);
	CHECK(strstr(err.msg, "m.db") != NULL);
	CHECK(access(p, F_OK) != 0);
	/* created at the latest version, in WAL mode, marked as ours */
	db = open_db("m.db", RASD_DB_CREATE);
	CHECK(db != NULL);
	if (!db)
		return;
	CHECK_INT(rasd_db_version(db), RASD_DB_SCHEMA_VERSION);
	rasd_db_free(db);
	raw = raw_open("m.db");
	CHECK_INT(raw_int(raw, "PRAGMA user_version"), RASD_DB_SCHEMA_VERSION);
	CHECK_INT(raw_int(raw, "PRAGMA application_id"), 1918989156);
	/* a version-1 database (before ingest_run) is brought up to date */
	/* (dropping columns re-reads the schema, search tables included) */
	CHECK_INT(rasd_fts_register(raw), RASD_OK);
	CHECK_INT(sqlite3_exec(raw,
			       "DROP TRIGGER event_stat_insert; DROP TRIGGER event_stat_delete;"
			       " DROP TRIGGER event_stat_update_old; DROP TRIGGER event_stat_update_new;"
			       " DROP TRIGGER mention_stat_insert; DROP TRIGGER mention_stat_delete;"
			       " DROP TRIGGER mention_stat_update; DROP TABLE stat_month;"
			       " DROP TABLE stat_type; DROP TABLE stat_admin1; DROP TABLE stat_actor;"
			       " DROP TABLE stat_day_type; DROP TABLE stat_source;"
			       " DROP TABLE event_outlet; DROP TABLE article_live;"
			       " DROP TRIGGER event_geo_insert; DROP TRIGGER event_geo_update;"
			       " DROP TRIGGER event_geo_delete;"
			       " DROP TABLE event_geo; DROP INDEX event_type_nocase;"
			       " DROP INDEX event_sub_type_nocase;"
			       " CREATE INDEX event_latitude ON event(latitude);"
			       " DROP VIEW event_full; DROP VIEW event_source; DROP TABLE place_name;"
			       " DROP TABLE ingest_run; DROP TABLE review_log; DROP TABLE review_field;"
			       " DROP INDEX event_review; ALTER TABLE event DROP COLUMN review_status;"
			       " ALTER TABLE event DROP COLUMN review_reason;"
			       " ALTER TABLE event DROP COLUMN duplicate_of;"
			       " ALTER TABLE event DROP COLUMN recheck;"
			       " ALTER TABLE event DROP COLUMN reviewed_by;"
			       " ALTER TABLE event DROP COLUMN reviewed_at; PRAGMA user_version = 1",
			       NULL, NULL, NULL),
		  SQLITE_OK);
	sqlite3_close(raw);
	/* ...but not by a reader, who is told what to do */
	CHECK_INT(rasd_db_open(p, RASD_DB_READONLY, 0, &db, &err), RASD_EINVAL);
	CHECK(strstr(err.msg, "rasd ingest") != NULL);
	db = open_db("m.db", 0);
	CHECK(db != NULL);
	if (db)
		CHECK_INT(rasd_db_version(db), RASD_DB_SCHEMA_VERSION);
	rasd_db_free(db);
	raw = raw_open("m.db");
	CHECK_INT(raw_int(raw, "PRAGMA journal_mode"), 0); /* text 'wal' reads as 0 */
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM ingest_run"), 0);
	/* version 3's table and views, readable without rasd */
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM place_name"), 0);
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM event_full"), 0);
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM event_source"), 0);
	/* plain SQLite (pandas, R) reads the tables without the tokenizer */
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM event"), 0);
	/* a newer schema is refused */
	CHECK_INT(sqlite3_exec(raw, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	CHECK_INT(rasd_db_open(p, 0, 0, &db, &err), RASD_EINVAL);
	CHECK(strstr(err.msg, "newer") != NULL);

	/* someone else's database is left alone */
	remove_db("other.db");
	raw = raw_open("other.db");
	CHECK_INT(sqlite3_exec(raw, "CREATE TABLE notes(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	path_in(p, sizeof(p), "other.db");
	CHECK_INT(rasd_db_open(p, RASD_DB_CREATE, 0, &db, &err), RASD_EINVAL);
	CHECK(strstr(err.msg, "not a rasd events database") != NULL);
	raw = raw_open("other.db");
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM sqlite_master"), 1);
	sqlite3_close(raw);
	/* a file that is not SQLite at all */
	{
		FILE *f;
		path_in(p, sizeof(p), "text.db");
		f = fopen(p, "w");
		CHECK(f != NULL);
		if (f) {
			fputs("this is not a database, but it is long enough to have a header....\n", f);
			fclose(f);
		}
		CHECK_INT(rasd_db_open(p, RASD_DB_CREATE, 0, &db, &err), RASD_EDB);
		CHECK(strstr(err.msg, "not a database") != NULL);
		unlink(p);
	}
	/* a directory */
	CHECK_INT(rasd_db_open(dir, RASD_DB_CREATE, 0, &db, &err), RASD_EINVAL);
	remove_db("m.db");
	remove_db("other.db");
}

/* Hand-made events, so that these tests do not move with the lexicons. */
static const struct rasd_actor ISIS = {.code = "ISIS", .name_en = "Islamic State", .name_ar = "تنظيم الدولة",
					.country = "", .theatre = "", .inter = 2};
static const struct rasd_actor SDF = {.code = "SDF", .name_en = "Syrian Democratic Forces", .name_ar = "قسد",
					.country = "SY", .theatre = "SY", .inter = 2};
static const struct rasd_actor CIV = {.code = "CIV", .name_en = "Civilians", .name_ar = "مدنيون",
					.country = "", .theatre = "", .inter = 7};
static const struct rasd_actor UNK = {.code = "UNK", .name_en = "Unidentified armed group", .name_ar = "مجهولون",
					.country = "", .theatre = "", .inter = 3};

struct spec {
	const char *id, *date, *type, *sub;
	const struct rasd_actor *a1, *a2;
	const char *loc, *admin1, *pcode;
	double lat, lon;
	int prec;
	long killed;
	enum rasd_modality mod;
};

static struct rasd_event make_event(const struct rasd_article *art, const struct spec *s)
{
	struct rasd_event e;
	memset(&e, 0, sizeof(e));
	snprintf(e.event_id, sizeof(e.event_id), "%s", s->id);
	if (s->date) {
		CHECK_INT(rasd_date_parse(s->date, 10, &e.date), RASD_OK);
		e.has_date = true;
		e.time_precision = 1;
	}
	e.event_type = s->type;
	e.sub_event_type = s->sub;
	e.actor1 = s->a1;
	e.actor2 = s->a2;
	e.location = s->loc;
	e.admin1 = s->admin1 ? s->admin1 : "";
	e.admin2 = "";
	e.country = "SY";
	e.pcode = s->pcode;
	if (s->prec) {
		e.has_coords = true;
		e.latitude = s->lat;
		e.longitude = s->lon;
		e.geo_precision = s->prec;
	}
	e.fatalities = s->killed;
	e.modality = s->mod;
	e.claimed = s->mod == RASD_MOD_CLAIMED;
	e.trigger = "هجوم";
	e.confidence = 0.8;
	e.evidence.field = RASD_FIELD_TEXT;
	e.evidence.start = 0;
	e.evidence.end = 4;
	e.evidence.sent_start = 0;
	e.evidence.sent_end = (uint32_t)art->text_n;
	return e;
}

static struct rasd_article make_article(const char *id, const char *source, const char *text)
{
	struct rasd_article a;
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.source = source;
	a.text = text;
	a.text_n = strlen(text);
	a.title = "عنوان";
	a.title_n = strlen(a.title);
	a.published = "2018-06-02";
	a.url = "https://example.org/a";
	return a;
}

static enum rasd_status put(struct rasd_db *db, const struct rasd_article *a, const struct spec *s,
			    size_t n, struct rasd_ingest_counts *c)
{
	struct rasd_event ev[8];
	char hash[RASD_DB_HASH_HEX];
	struct rasd_error err;
	enum rasd_status st;
	size_t k;

	for (k = 0; k < n && k < 8; k++)
		ev[k] = make_event(a, &s[k]);
	rasd_db_hash_article(a, hash);
	st = rasd_db_begin(db, &err);
	if (st == RASD_OK)
		st = rasd_db_put(db, a, hash, ev, n, c, &err);
	if (st == RASD_OK)
		st = rasd_db_commit(db, &err);
	if (st != RASD_OK) {
		fprintf(stderr, "put: %s\n", err.msg);
		rasd_db_rollback(db);
	}
	return st;
}

#define PV "Explosions/Remote violence"
#define AIR "Air/drone strike"

/* Each event has exactly one primary mention and its counts are right. */
static void check_invariants(sqlite3 *raw)
{
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM event e WHERE (SELECT count(*) FROM mention m"
			       " WHERE m.event = e.id AND m.is_primary) <> 1"),
		  0);
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM event e WHERE e.narticles <>"
			       " (SELECT count(DISTINCT article) FROM mention m WHERE m.event = e.id)"),
		  0);
	CHECK_INT(raw_rows(raw, "PRAGMA foreign_key_check"), 0);
	/* the search indexes hold exactly what the tables hold */
	CHECK_INT(sqlite3_exec(raw, "INSERT INTO article_fts(article_fts) VALUES ('integrity-check');"
				    "INSERT INTO evidence_fts(evidence_fts) VALUES ('integrity-check')",
			       NULL, NULL, NULL),
		  SQLITE_OK);
}

static const struct spec A_EVENTS[] = {
	{"rasd-a1", "2018-06-01", PV, AIR, &ISIS, &CIV, "الشحيل", "دير الزور", "SY090500", 35.10,
	 40.30, 1, 12, RASD_MOD_REPORTED},
	{"rasd-a2", "2018-06-01", "Battles", "Armed clash", &SDF, &ISIS, "هجين", "دير الزور", NULL,
	 34.70, 40.80, 1, 3, RASD_MOD_REPORTED},
};

TEST(ingest_idempotent_and_dedup)
{
	struct rasd_db *db;
	struct rasd_ingest_counts c;
	struct rasd_article a = make_article("A", "outlet-a", "هجوم بطائرة مسيرة على الشحيل");
	struct rasd_article b = make_article("B", "outlet-b", "غارة على بلدة الشحيل ومقتل عشرة");
	struct rasd_article d = make_article("D", "outlet-c", "اشتباكات بين داعش وقسد في هجين");
	struct rasd_article e = make_article("E", "outlet-d", "هجوم فاشل على الشحيل");
	struct rasd_article f = make_article("F", "outlet-e", "غارة على الشحيل في اليوم نفسه");
	/* B: the same strike a day later by another outlet, a lower toll,
	 * a name written differently, coordinates 2 km off */
	const struct spec b_events[] = {
		{"rasd-b1", "2018-06-02", PV, AIR, NULL, &CIV, "الشحيل", "دير الزور", "SY090500", 35.11,
		 40.31, 1, 10, RASD_MOD_REPORTED},
		/* a strike elsewhere the same day is another event */
		{"rasd-b2", "2018-06-02", PV, AIR, &ISIS, &CIV, "الميادين", "دير الزور", NULL, 35.02,
		 40.45, 1, 0, RASD_MOD_REPORTED},
	};
	/* D: the battle, actors the other way round, three days later is
	 * too late for the strike but the battle is within a day */
	const struct spec d_events[] = {
		{"rasd-d1", "2018-06-02", "Battles", "Armed clash", &ISIS, &SDF, "هجين", "دير الزور",
		 NULL, 34.70, 40.80, 1, 5, RASD_MOD_REPORTED},
		{"rasd-d2", "2018-06-04", PV, AIR, &ISIS, &CIV, "الشحيل", "دير الزور", "SY090500", 35.10,
		 40.30, 1, 1, RASD_MOD_REPORTED},
	};
	/* E: a foiled attack is not the strike that happened */
	const struct spec e_events[] = {
		{"rasd-e1", "2018-06-01", PV, AIR, &ISIS, &CIV, "الشحيل", "دير الزور", "SY090500", 35.10,
		 40.30, 1, 0, RASD_MOD_FOILED},
	};
	/* F: an unknown perpetrator is compatible with ISIS; two events of
	 * one article never merge with each other */
	const struct spec f_events[] = {
		{"rasd-f1", "2018-06-02", PV, AIR, &UNK, NULL, "الشحيل", "دير الزور", NULL, 0, 0, 0, 0,
		 RASD_MOD_REPORTED},
		{"rasd-f2", "2018-06-02", PV, AIR, &UNK, NULL, "الشحيل", "دير الزور", NULL, 0, 0, 0, 0,
		 RASD_MOD_REPORTED},
	};
	sqlite3 *raw;

	remove_db("i.db");
	db = open_db("i.db", RASD_DB_CREATE);
	CHECK(db != NULL);
	if (!db)
		return;
	raw = raw_open("i.db");
	CHECK_INT(rasd_fts_register(raw), RASD_OK);
	memset(&c, 0, sizeof(c));
	CHECK_INT(put(db, &a, A_EVENTS, 2, &c), RASD_OK);
	CHECK_INT(c.articles_new, 1);
	CHECK_INT(c.events_new, 2);
	/* the same content again adds nothing */
	CHECK_INT(put(db, &a, A_EVENTS, 2, &c), RASD_OK);
	CHECK_INT(c.articles_same, 1);
	CHECK_INT(c.events_new, 2);
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM article"), 1);
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM mention"), 2);
	{
		enum rasd_article_state state;
		char hash[RASD_DB_HASH_HEX];
		struct rasd_error err;
		rasd_db_hash_article(&a, hash);
		CHECK_INT(rasd_db_article_state(db, "A", hash, &state, &err), RASD_OK);
		CHECK_INT(state, RASD_ARTICLE_SAME);
		CHECK_INT(rasd_db_article_state(db, "A", "0000", &state, &err), RASD_OK);
		CHECK_INT(state, RASD_ARTICLE_CHANGED);
		CHECK_INT(rasd_db_article_state(db, "Z", hash, &state, &err), RASD_OK);
		CHECK_INT(state, RASD_ARTICLE_NEW);
	}

	memset(&c, 0, sizeof(c));
	CHECK_INT(put(db, &b, b_events, 2, &c), RASD_OK);
	CHECK_INT(c.events_merged, 1);
	CHECK_INT(c.events_new, 1);
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM event"), 3);
	CHECK_INT(raw_int(raw, "SELECT narticles FROM event WHERE event_id = 'rasd-a1'"), 2);
	CHECK_INT(raw_int(raw, "SELECT nsources FROM event WHERE event_id = 'rasd-a1'"), 2);
	/* the lowest toll, the actor the other report named */
	CHECK_INT(raw_int(raw, "SELECT fatalities FROM event WHERE event_id = 'rasd-a1'"), 10);
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM event WHERE event_id = 'rasd-a1'"
			       " AND actor1 = 'ISIS'"),
		  1);

	memset(&c, 0, sizeof(c));
	CHECK_INT(put(db, &d, d_events, 2, &c), RASD_OK);
	CHECK_INT(c.events_merged, 1); /* the battle */
	CHECK_INT(c.events_new, 1);    /* the strike three days later */
	CHECK_INT(raw_int(raw, "SELECT narticles FROM event WHERE event_id = 'rasd-a2'"), 2);
	CHECK_INT(raw_int(raw, "SELECT fatalities FROM event WHERE event_id = 'rasd-a2'"), 3);

	memset(&c, 0, sizeof(c));
	CHECK_INT(put(db, &e, e_events, 1, &c), RASD_OK);
	CHECK_INT(c.events_new, 1);

	memset(&c, 0, sizeof(c));
	CHECK_INT(put(db, &f, f_events, 2, &c), RASD_OK);
	CHECK_INT(c.events_merged, 1);
	CHECK_INT(c.events_new, 1);
	CHECK_INT(raw_int(raw, "SELECT narticles FROM event WHERE event_id = 'rasd-a1'"), 3);
	/* a place named only by the unknown's report keeps ISIS as actor1 */
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM event WHERE event_id = 'rasd-a1'"
			       " AND actor1 = 'ISIS'"),
		  1);
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM event"), 6);
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM mention"), 9);
	check_invariants(raw);

	/* A is updated: it no longer reports anything. Its battle lives on
	 * in D's report; the strike lives on in B's and F's. */
	{
		struct rasd_article a2 = make_article("A", "outlet-a", "تصحيح: لا شيء هنا");
		memset(&c, 0, sizeof(c));
		CHECK_INT(put(db, &a2, NULL, 0, &c), RASD_OK);
		CHECK_INT(c.articles_updated, 1);
		CHECK_INT(c.events_removed, 0);
		CHECK_INT(raw_int(raw, "SELECT count(*) FROM article"), 5);
		CHECK_INT(raw_int(raw, "SELECT count(*) FROM mention"), 7);
		CHECK_INT(raw_int(raw, "SELECT count(*) FROM event"), 6);
		/* the strike is now named after its oldest remaining report */
		CHECK_INT(raw_int(raw, "SELECT narticles FROM event WHERE event_id = 'rasd-b1'"), 2);
		CHECK_INT(raw_int(raw, "SELECT count(*) FROM event WHERE event_id = 'rasd-a1'"), 0);
		check_invariants(raw);
		/* E is updated away: its event has no other source */
		{
			struct rasd_article e2 = make_article("E", "outlet-d", "نص آخر");
			memset(&c, 0, sizeof(c));
			CHECK_INT(put(db, &e2, NULL, 0, &c), RASD_OK);
			CHECK_INT(c.events_removed, 1);
			CHECK_INT(raw_int(raw, "SELECT count(*) FROM event"), 5);
		}
		/* A gets its events back: they merge into the same rows again */
		memset(&c, 0, sizeof(c));
		CHECK_INT(put(db, &a, A_EVENTS, 2, &c), RASD_OK);
		CHECK_INT(c.events_merged, 2);
		CHECK_INT(raw_int(raw, "SELECT count(*) FROM event"), 5);
		/* named actors win over unidentified ones */
		CHECK_INT(raw_int(raw, "SELECT count(*) FROM event WHERE event_id = 'rasd-b1'"
				       " AND actor1 = 'ISIS'"),
			  1);
		check_invariants(raw);
	}
	/* the search index follows the updates */
	CHECK_INT(raw_int(raw, "SELECT count(*) FROM evidence_fts_idx") > 0, 1);
	{
		struct rasd_error err;
		CHECK_INT(rasd_db_put(db, &a, "x", NULL, 0, &c, &err), RASD_EINVAL);
	}
	sqlite3_close(raw);
	rasd_db_free(db);
}

/* ------------------------------------------------------------ queries */

struct collected {
	char ids[512];
	size_t n;
	long links;
	struct rasd_buf json;
};

static enum rasd_status collect(void *ctx, const struct rasd_db_event *e)
{
	struct collected *c = ctx;
	size_t len = strlen(c->ids);
	enum rasd_status st;

	snprintf(c->ids + len, sizeof(c->ids) - len, "%s%s", c->n ? "," : "", e->event.event_id);
	c->n++;
	c->links += (long)e->nlinks;
	st = rasd_db_event_write_json(&c->json, e);
	if (st == RASD_OK)
		st = rasd_buf_putc(&c->json, '\n');
	return st;
}

static const char *run_query(struct rasd_db *db, const struct rasd_db_filter *f)
{
	static struct collected c;
	struct rasd_arena a;
	struct rasd_error err;

	memset(&c, 0, sizeof(c));
	rasd_buf_init(&c.json, 0);
	rasd_arena_init(&a, 0);
	if (rasd_db_query(db, f, &a, collect, &c, &err) != RASD_OK)
		snprintf(c.ids, sizeof(c.ids), "error: %s", err.msg);
	rasd_arena_release(&a);
	rasd_buf_release(&c.json);
	return c.ids;
}

static enum rasd_status count_row(void *ctx, const char *key, const char *label, long events,
				  long fatalities)
{
	struct rasd_buf *b = ctx;
	(void)label;
	return rasd_buf_printf(b, "%s=%ld/%ld;", key ? key : "-", events, fatalities);
}

static enum rasd_status first_hit(void *ctx, const struct rasd_db_hit *h)
{
	struct rasd_buf *b = ctx;
	return rasd_buf_printf(b, "%s|%s;", h->doc_id, h->snippet ? h->snippet : "");
}

TEST(queries_and_exports)
{
	struct rasd_db *db = open_db("i.db", RASD_DB_READONLY);
	struct rasd_db_filter f;
	struct rasd_buf b;
	struct rasd_arena a;
	struct rasd_error err;
	struct rasd_db_totals t;

	CHECK(db != NULL);
	if (!db)
		return;
	memset(&f, 0, sizeof(f));
	/* everything, oldest first, then in the order stored; a merged event
	 * is named after its oldest remaining report and dated by its primary */
	CHECK_STR(run_query(db, NULL), "rasd-b1,rasd-d1,rasd-b2,rasd-f2,rasd-d2");
	f.newest_first = true;
	CHECK_STR(run_query(db, &f), "rasd-d2,rasd-f2,rasd-b2,rasd-d1,rasd-b1");
	f.newest_first = false;
	f.from = "2018-06-03";
	f.to = "2018-06-30";
	CHECK_STR(run_query(db, &f), "rasd-d2");
	memset(&f, 0, sizeof(f));
	f.event_type = "battles"; /* any case */
	CHECK_STR(run_query(db, &f), "rasd-d1");
	memset(&f, 0, sizeof(f));
	f.sub_event_type = "AIR/DRONE STRIKE";
	f.min_fatalities = 5;
	CHECK_STR(run_query(db, &f), "rasd-b1");
	memset(&f, 0, sizeof(f));
	f.actor = "Syrian Democratic Forces"; /* by English name */
	CHECK_STR(run_query(db, &f), "rasd-d1");
	f.actor = "قسد"; /* by Arabic name */
	CHECK_STR(run_query(db, &f), "rasd-d1");
	f.actor = "sdf"; /* by code, any case */
	CHECK_STR(run_query(db, &f), "rasd-d1");
	memset(&f, 0, sizeof(f));
	f.admin1 = "دير الزور";
	f.limit = 2;
	CHECK_STR(run_query(db, &f), "rasd-b1,rasd-d1");
	f.limit = 0;
	f.admin1 = "الرقة";
	CHECK_STR(run_query(db, &f), "");
	memset(&f, 0, sizeof(f));
	f.near = true; /* 5 km around al-Mayadin */
	f.lat = 35.02;
	f.lon = 40.45;
	f.km = 5;
	CHECK_STR(run_query(db, &f), "rasd-b2");
	f.km = 20; /* al-Shuhayl is ~15 km away */
	CHECK_INT(strstr(run_query(db, &f), "rasd-b1") != NULL, 1);
	memset(&f, 0, sizeof(f));
	f.country = "sy";
	f.text = "هجين";
	CHECK_STR(run_query(db, &f), "rasd-d1,rasd-d2");
	f.text = "بلدة";
	CHECK_STR(run_query(db, &f), "rasd-b1,rasd-b2");
	f.text = "البلدة OR بالهجين"; /* readings index only the text's words */
	CHECK_STR(run_query(db, &f), "");
	memset(&f, 0, sizeof(f));
	f.from = "2018-02-30";
	CHECK_INT(strncmp(run_query(db, &f), "error", 5), 0);
	memset(&f, 0, sizeof(f));
	f.text = "OR";
	CHECK_INT(strncmp(run_query(db, &f), "error", 5), 0);
	/* user input that looks like SQL is only a value */
	memset(&f, 0, sizeof(f));
	f.admin1 = "x' OR '1'='1";
	f.actor = "'; DROP TABLE event; --";
	CHECK_STR(run_query(db, &f), "");

	/* JSON of a merged event lists every source, primary first */
	memset(&f, 0, sizeof(f));
	f.sub_event_type = AIR;
	f.min_fatalities = 5;
	{
		struct collected c;
		struct rasd_json *j;
		const struct rasd_json *sources;
		memset(&c, 0, sizeof(c));
		rasd_buf_init(&c.json, 0);
		rasd_arena_init(&a, 0);
		CHECK_INT(rasd_db_query(db, &f, &a, collect, &c, &err), RASD_OK);
		CHECK_INT(c.n, 1);
		CHECK_INT(c.links, 3);
		CHECK_INT(rasd_json_parse(&a, c.json.p, c.json.n, &j, &err), RASD_OK);
		sources = rasd_json_get(j, "sources");
		CHECK(sources && sources->type == RASD_JSON_ARRAY && sources->count == 3);
		CHECK_STR(rasd_json_get_str(j, "source", NULL), "outlet-b; outlet-e; outlet-a");
		rasd_arena_release(&a);
		rasd_buf_release(&c.json);
	}

	/* totals and counts */
	memset(&f, 0, sizeof(f));
	CHECK_INT(rasd_db_totals(db, NULL, &t, &err), RASD_OK);
	CHECK_INT(t.articles, 5);
	CHECK_INT(t.events, 5);
	CHECK_INT(t.multi_source_events, 2);
	CHECK_STR(t.first_date, "2018-06-02");
	CHECK_STR(t.last_date, "2018-06-04");
	rasd_buf_init(&b, 0);
	CHECK_INT(rasd_db_count_by(db, NULL, RASD_STAT_TYPE, 0, count_row, &b, &err), RASD_OK);
	CHECK_STR(b.p, "Explosions/Remote violence=4/11;Battles=1/3;");
	rasd_buf_reset(&b);
	CHECK_INT(rasd_db_count_by(db, NULL, RASD_STAT_MONTH, 0, count_row, &b, &err), RASD_OK);
	CHECK_STR(b.p, "2018-06=5/14;");
	rasd_buf_reset(&b);
	f.event_type = "Battles";
	CHECK_INT(rasd_db_count_by(db, &f, RASD_STAT_ACTOR, 1, count_row, &b, &err), RASD_OK);
	CHECK_STR(b.p, "ISIS=1/3;");
	rasd_buf_reset(&b);
	CHECK_INT(rasd_db_count_by(db, NULL, RASD_STAT_ADMIN1, 0, count_row, &b, &err), RASD_OK);
	CHECK_STR(b.p, "دير الزور=5/14;");

	/* search: clitics, spelling, snippets */
	rasd_arena_init(&a, 0);
	rasd_buf_reset(&b);
	CHECK_INT(rasd_db_search(db, "شحيل", 10, "<", ">", &a, first_hit, &b, &err), RASD_OK);
	CHECK(strstr(b.p, "<الشحيل>") != NULL);
	CHECK(strstr(b.p, "B|") != NULL);
	rasd_buf_reset(&b);
	CHECK_INT(rasd_db_search(db, "داعش", 10, "<", ">", &a, first_hit, &b, &err), RASD_OK);
	CHECK_STR(b.p, "D|اشتباكات بين <داعش> وقسد في هجين;");
	rasd_buf_reset(&b);
	CHECK_INT(rasd_db_search(db, "قسد", 10, "<", ">", &a, first_hit, &b, &err), RASD_OK);
	CHECK_STR(b.p, "D|اشتباكات بين داعش <وقسد> في هجين;");
	CHECK_INT(rasd_db_search(db, "، ،", 10, "<", ">", &a, first_hit, &b, &err), RASD_EINVAL);
	rasd_arena_release(&a);
	rasd_buf_release(&b);
	rasd_db_free(db);
}

static enum rasd_status geo(void *ctx, const struct rasd_db_event *e)
{
	struct rasd_buf *b = ctx;
	struct rasd_acled_event ae = rasd_db_event_acled(e);
	enum rasd_status st = rasd_acled_write_geojson(b, NULL, &ae);
	if (st == RASD_ENOTFOUND)
		return RASD_OK;
	return st == RASD_OK ? rasd_buf_putc(b, '\n') : st;
}

TEST(geojson_features)
{
	struct rasd_db *db = open_db("i.db", RASD_DB_READONLY);
	struct rasd_buf b;
	struct rasd_arena a, ja;
	struct rasd_error err;
	size_t start = 0, features = 0, k;

	CHECK(db != NULL);
	if (!db)
		return;
	rasd_buf_init(&b, 0);
	rasd_arena_init(&a, 0);
	rasd_arena_init(&ja, 0);
	CHECK_INT(rasd_db_query(db, NULL, &a, geo, &b, &err), RASD_OK);
	for (k = 0; k < b.n; k++) {
		struct rasd_json *j;
		const struct rasd_json *g, *c;
		if (b.p[k] != '\n')
			continue;
		CHECK_INT(rasd_json_parse(&ja, b.p + start, k - start, &j, &err), RASD_OK);
		start = k + 1;
		features++;
		g = rasd_json_get(j, "geometry");
		CHECK_STR(rasd_json_get_str(g, "type", NULL), "Point");
		c = rasd_json_get(g, "coordinates");
		CHECK(c && c->count == 2 && c->child->number > 40 && c->child->next->number < 36);
		CHECK(rasd_json_get(rasd_json_get(j, "properties"), "fatalities") != NULL);
	}
	/* F's second event has no coordinates and is left out */
	CHECK_INT(features, 4);
	rasd_arena_release(&a);
	rasd_arena_release(&ja);
	rasd_buf_release(&b);
	rasd_db_free(db);
}

TEST(locked_database)
{
	struct rasd_db *w1 = open_db("i.db", 0), *w2 = NULL, *r = NULL;
	struct rasd_error err;
	char p[128];
	struct rasd_db_totals t;

	CHECK(w1 != NULL);
	if (!w1)
		return;
	path_in(p, sizeof(p), "i.db");
	CHECK_INT(rasd_db_open(p, 0, 50, &w2, &err), RASD_OK);
	CHECK_INT(rasd_db_begin(w1, &err), RASD_OK);
	if (w2) {
		CHECK_INT(rasd_db_begin(w2, &err), RASD_EDB);
		CHECK(strstr(err.msg, "locked by another writer") != NULL);
	}
	/* readers are not blocked by the writer */
	CHECK_INT(rasd_db_open(p, RASD_DB_READONLY, 50, &r, &err), RASD_OK);
	if (r)
		CHECK_INT(rasd_db_totals(r, NULL, &t, &err), RASD_OK);
	rasd_db_rollback(w1);
	if (w2) {
		CHECK_INT(rasd_db_begin(w2, &err), RASD_OK);
		CHECK_INT(rasd_db_commit(w2, &err), RASD_OK);
	}
	rasd_db_free(r);
	rasd_db_free(w2);
	rasd_db_free(w1);
	remove_db("i.db");
}

/* Undated events come after the dated in both directions; a page may
 * start among them; --near goes through the R*Tree; the article's text is
 * read only when asked for, the evidence sentence always. */
static enum rasd_status text_seen(void *ctx, const struct rasd_db_event *e)
{
	int *seen = ctx;
	*seen = (e->article.text != NULL) * 10 + (e->sentence_n > 0);
	return RASD_OK;
}

TEST(query_order_and_pages)
{
	static const struct spec s[] = {
		{"rasd-q1", NULL, "Battles", "Armed clash", &ISIS, &SDF, "هجين", "دير الزور", NULL,
		 34.72, 40.79, 1, 1, RASD_MOD_REPORTED},
		{"rasd-q2", "2018-06-05", "Battles", "Armed clash", &ISIS, &SDF, "هجين",
		 "دير الزور", NULL, 34.72, 40.79, 1, 2, RASD_MOD_REPORTED},
		{"rasd-q3", NULL, "Riots", "Mob violence", &UNK, &CIV, "دوما", "ريف دمشق", NULL,
		 33.57, 36.40, 1, 0, RASD_MOD_REPORTED},
		{"rasd-q4", "2018-06-01", "Riots", "Mob violence", &UNK, &CIV, "دوما", "ريف دمشق",
		 NULL, 33.57, 36.40, 1, 0, RASD_MOD_REPORTED},
	};
	static const char *const texts[] = {"هجوم أول في هجين.", "هجوم ثان في هجين.",
					    "هجوم ثالث في دوما.", "هجوم رابع في دوما."};
	static const char *const ids[] = {"q-1", "q-2", "q-3", "q-4"};
	struct rasd_ingest_counts c;
	struct rasd_db_filter f;
	struct rasd_arena a;
	struct rasd_error err;
	struct rasd_db *db;
	int k, seen = -1;

	remove_db("q.db");
	db = open_db("q.db", RASD_DB_CREATE);
	CHECK(db != NULL);
	if (!db)
		return;
	memset(&c, 0, sizeof(c));
	for (k = 0; k < 4; k++) {
		struct rasd_article art = make_article(ids[k], "outlet", texts[k]);
		CHECK_INT(put(db, &art, &s[k], 1, &c), RASD_OK);
	}
	memset(&f, 0, sizeof(f));
	CHECK_STR(run_query(db, &f), "rasd-q4,rasd-q2,rasd-q1,rasd-q3");
	f.newest_first = true;
	CHECK_STR(run_query(db, &f), "rasd-q2,rasd-q4,rasd-q3,rasd-q1");
	f.limit = 2;
	f.offset = 1;
	CHECK_STR(run_query(db, &f), "rasd-q4,rasd-q3");
	f.offset = 3; /* past every dated event */
	CHECK_STR(run_query(db, &f), "rasd-q1");
	f.offset = 4;
	CHECK_STR(run_query(db, &f), "");
	f.newest_first = false;
	f.offset = 2;
	CHECK_STR(run_query(db, &f), "rasd-q1,rasd-q3");
	f.limit = 1;
	f.offset = 0;
	CHECK_STR(run_query(db, &f), "rasd-q4");
	memset(&f, 0, sizeof(f));
	f.event_type = "riots";
	CHECK_STR(run_query(db, &f), "rasd-q4,rasd-q3");
	f.event_type = NULL;
	f.sub_event_type = "ARMED CLASH";
	CHECK_STR(run_query(db, &f), "rasd-q2,rasd-q1");
	memset(&f, 0, sizeof(f));
	f.near = true;
	f.lat = 33.5;
	f.lon = 36.3;
	f.km = 15; /* Douma is 12 km away, Hajin 400 */
	CHECK_STR(run_query(db, &f), "rasd-q4,rasd-q3");
	f.km = 10;
	CHECK_STR(run_query(db, &f), "");
	memset(&f, 0, sizeof(f));
	rasd_arena_init(&a, 0);
	f.limit = 1;
	CHECK_INT(rasd_db_query(db, &f, &a, text_seen, &seen, &err), RASD_OK);
	CHECK_INT(seen, 1);
	f.article_text = true;
	f.limit = 0;
	CHECK_INT(rasd_db_query(db, &f, &a, text_seen, &seen, &err), RASD_OK);
	CHECK_INT(seen, 11);
	rasd_arena_release(&a);
	rasd_db_free(db);
	db = open_db("q.db", 0);
	if (db) {
		/* a moved event moves in the R*Tree */
		sqlite3 *raw = raw_open("q.db");
		CHECK_INT(rasd_fts_register(raw), RASD_OK);
		CHECK_INT(sqlite3_exec(raw,
				       "UPDATE event SET latitude = 34.72, longitude = 40.79"
				       " WHERE event_id = 'rasd-q4'",
				       NULL, NULL, NULL),
			  SQLITE_OK);
		CHECK_INT(raw_int(raw, "SELECT count(*) FROM event_geo WHERE min_lat > 34"), 3);
		CHECK_INT(sqlite3_exec(raw, "DELETE FROM mention; DELETE FROM event", NULL, NULL, NULL),
			  SQLITE_OK);
		CHECK_INT(raw_int(raw, "SELECT count(*) FROM event_geo"), 0);
		sqlite3_close(raw);
	}
	memset(&f, 0, sizeof(f));
	rasd_db_free(db);
	remove_db("q.db");
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/rasd-test-store-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
}

static void teardown(void)
{
	rmdir(dir);
}

TEST(begin)
{
	setup();
	CHECK(dir[0] != '\0');
}

TEST(end)
{
	teardown();
	CHECK(access(dir, F_OK) != 0);
}

RUN_TESTS(T(begin), T(tokenizer_clitics), T(tokenizer_spelling), T(tokenizer_hostile_text),
	  T(query_translation), T(content_hash), T(migrations), T(ingest_idempotent_and_dedup),
	  T(queries_and_exports), T(geojson_features), T(locked_database), T(query_order_and_pages), T(end))
