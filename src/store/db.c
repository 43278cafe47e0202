/*
 * db.c - the events database: SQLite schema and its migrations (PRAGMA
 * user_version), ingest of coded articles with deduplication of events
 * across sources, and the queries behind `rasd query`, `rasd search` and
 * `rasd stats`. Every statement is prepared from constant text and every
 * value is bound; filters choose among constant fragments, so user input
 * never becomes SQL. Every SQLite return code is checked. Part of store/:
 * the last stage of the flow, after extract/.
 */
#include "rasd.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* PRAGMA application_id: "rasd" in ASCII, so other programs can tell. */
#define APP_ID 1918989156
#define SAME_PLACE_KM 5.0   /* coordinates this close are one place */
#define EARTH_KM 6371.0088  /* mean radius */

/* ------------------------------------------------------------ SHA-256 */

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char block[64];
	size_t fill;
};

static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2};

static uint32_t ror(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static void sha_block(struct sha256 *s, const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h;
	size_t i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
	e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
	for (i = 0; i < 64; i++) {
		uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) +
			      sha_k[i] + w[i];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		h = g, g = f, f = e, e = d + t1;
		d = c, c = b, b = a, a = t1 + t2;
	}
	s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d;
	s->h[4] += e, s->h[5] += f, s->h[6] += g, s->h[7] += h;
}

static void sha_init(struct sha256 *s)
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	memcpy(s->h, h0, sizeof(h0));
	s->len = 0;
	s->fill = 0;
}

static void sha_update(struct sha256 *s, const void *data, size_t n)
{
	const unsigned char *p = data;

	s->len += n;
	while (n > 0) {
		size_t take = 64 - s->fill < n ? 64 - s->fill : n;
		if (s->fill == 0 && n >= 64) {
			sha_block(s, p);
			p += 64;
			n -= 64;
			continue;
		}
		memcpy(s->block + s->fill, p, take);
		s->fill += take;
		p += take;
		n -= take;
		if (s->fill == 64) {
			sha_block(s, s->block);
			s->fill = 0;
		}
	}
}

static void sha_final(struct sha256 *s, char out[RASD_DB_HASH_HEX])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t bits = s->len * 8;
	unsigned char pad = 0x80, zero = 0, len[8];
	size_t i;

	sha_update(s, &pad, 1);
	while (s->fill != 56)
		sha_update(s, &zero, 1);
	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha_update(s, len, 8);
	for (i = 0; i < 32; i++) {
		unsigned byte = (s->h[i / 4] >> (24 - 8 * (i % 4))) & 0xff;
		out[2 * i] = hex[byte >> 4];
		out[2 * i + 1] = hex[byte & 15];
	}
	out[64] = '\0';
}

/* A field and its length, then a separator no UTF-8 text contains. */
static void sha_field(struct sha256 *s, const char *p, size_t n)
{
	static const unsigned char sep = 0xff;
	if (p)
		sha_update(s, p, n);
	sha_update(s, &sep, 1);
}

void rasd_db_hash_article(const struct rasd_article *art, char out[RASD_DB_HASH_HEX])
{
	struct sha256 s;

	sha_init(&s);
	sha_field(&s, art->title, art->title ? art->title_n : 0);
	sha_field(&s, art->text, art->text ? art->text_n : 0);
	sha_field(&s, art->published, art->published ? strlen(art->published) : 0);
	sha_field(&s, art->source, art->source ? strlen(art->source) : 0);
	sha_field(&s, art->url, art->url ? strlen(art->url) : 0);
	sha_final(&s, out);
}

/* ------------------------------------------------------------- schema */

/*
 * Migrations: migrations[v] takes a database from version v-1 to v and
 * ends by setting user_version to v. Each runs in its own transaction.
 * Never edit a released step; add one.
 */
static const char schema_v1_article[] =
	"CREATE TABLE article (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  doc_id TEXT NOT NULL UNIQUE,\n"
	"  source TEXT,\n"
	"  url TEXT,\n"
	"  title TEXT,\n"
	"  published TEXT,\n"
	"  text TEXT NOT NULL,\n"
	"  hash TEXT NOT NULL,\n"
	"  ingested TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))\n"
	");\n"
	"CREATE INDEX article_published ON article(published);\n"
	"CREATE INDEX article_source ON article(source);\n"
	"CREATE TABLE actor (\n"
	"  code TEXT PRIMARY KEY,\n"
	"  name_en TEXT,\n"
	"  name_ar TEXT,\n"
	"  country TEXT,\n"
	"  inter INTEGER\n"
	") WITHOUT ROWID;\n";

static const char schema_v1_event[] =
	"CREATE TABLE event (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  event_id TEXT NOT NULL,\n"
	"  narticles INTEGER NOT NULL DEFAULT 1,\n"
	"  nsources INTEGER NOT NULL DEFAULT 1,\n"
	"  event_date TEXT,\n"
	"  time_precision INTEGER,\n"
	"  event_type TEXT NOT NULL,\n"
	"  sub_event_type TEXT NOT NULL,\n"
	"  actor1 TEXT, assoc_actor1 TEXT, actor2 TEXT, assoc_actor2 TEXT,\n"
	"  location TEXT, location_key TEXT,\n"
	"  admin1 TEXT, admin1_key TEXT,\n"
	"  admin2 TEXT, country TEXT, pcode TEXT,\n"
	"  latitude REAL, longitude REAL, geo_precision INTEGER,\n"
	"  fatalities INTEGER NOT NULL DEFAULT 0,\n"
	"  claimed INTEGER NOT NULL DEFAULT 0,\n"
	"  modality TEXT NOT NULL,\n"
	"  trigger TEXT,\n"
	"  confidence REAL\n"
	");\n"
	"CREATE INDEX event_event_id ON event(event_id);\n"
	"CREATE INDEX event_date ON event(event_date);\n"
	"CREATE INDEX event_type_date ON event(event_type, event_date);\n"
	"CREATE INDEX event_admin1_date ON event(admin1_key, event_date);\n"
	"CREATE INDEX event_country_date ON event(country, event_date);\n"
	"CREATE INDEX event_actor1 ON event(actor1);\n"
	"CREATE INDEX event_actor2 ON event(actor2);\n"
	"CREATE INDEX event_assoc_actor1 ON event(assoc_actor1);\n"
	"CREATE INDEX event_assoc_actor2 ON event(assoc_actor2);\n"
	"CREATE INDEX event_latitude ON event(latitude);\n";

static const char schema_v1_mention[] =
	"CREATE TABLE mention (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  event INTEGER NOT NULL REFERENCES event(id),\n"
	"  article INTEGER NOT NULL REFERENCES article(id),\n"
	"  source TEXT,\n"
	"  published TEXT,\n"
	"  is_primary INTEGER NOT NULL DEFAULT 0,\n"
	"  mention_id TEXT NOT NULL,\n"
	"  merged INTEGER NOT NULL DEFAULT 0,\n"
	"  evidence_field TEXT NOT NULL,\n"
	"  evidence_start INTEGER NOT NULL,\n"
	"  evidence_end INTEGER NOT NULL,\n"
	"  sentence_start INTEGER NOT NULL,\n"
	"  sentence_end INTEGER NOT NULL,\n"
	"  sentence TEXT NOT NULL,\n"
	"  event_date TEXT,\n"
	"  time_precision INTEGER,\n"
	"  event_type TEXT NOT NULL,\n"
	"  sub_event_type TEXT NOT NULL,\n"
	"  actor1 TEXT, assoc_actor1 TEXT, actor2 TEXT, assoc_actor2 TEXT,\n"
	"  location TEXT, location_key TEXT,\n"
	"  admin1 TEXT, admin1_key TEXT,\n"
	"  admin2 TEXT, country TEXT, pcode TEXT,\n"
	"  latitude REAL, longitude REAL, geo_precision INTEGER,\n"
	"  fatalities INTEGER NOT NULL DEFAULT 0,\n"
	"  claimed INTEGER NOT NULL DEFAULT 0,\n"
	"  modality TEXT NOT NULL,\n"
	"  trigger TEXT,\n"
	"  confidence REAL\n"
	");\n"
	"CREATE INDEX mention_event ON mention(event);\n"
	"CREATE INDEX mention_article ON mention(article);\n";

static const char schema_v1_fts[] =
	"CREATE VIRTUAL TABLE article_fts USING fts5(title, text, content='article',\n"
	"  content_rowid='id', tokenize='rasd');\n"
	"INSERT INTO article_fts(article_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');\n"
	"CREATE VIRTUAL TABLE evidence_fts USING fts5(sentence, content='mention',\n"
	"  content_rowid='id', tokenize='rasd');\n"
	"CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN\n"
	"  INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);\n"
	"END;\n"
	"CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN\n"
	"  INSERT INTO article_fts(article_fts, rowid, title, text)\n"
	"    VALUES ('delete', old.id, old.title, old.text);\n"
	"END;\n"
	"CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text ON article BEGIN\n"
	"  INSERT INTO article_fts(article_fts, rowid, title, text)\n"
	"    VALUES ('delete', old.id, old.title, old.text);\n"
	"  INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);\n"
	"END;\n"
	"CREATE TRIGGER evidence_fts_insert AFTER INSERT ON mention BEGIN\n"
	"  INSERT INTO evidence_fts(rowid, sentence) VALUES (new.id, new.sentence);\n"
	"END;\n"
	"CREATE TRIGGER evidence_fts_delete AFTER DELETE ON mention BEGIN\n"
	"  INSERT INTO evidence_fts(evidence_fts, rowid, sentence)\n"
	"    VALUES ('delete', old.id, old.sentence);\n"
	"END;\n"
	"CREATE TRIGGER evidence_fts_update AFTER UPDATE OF sentence ON mention BEGIN\n"
	"  INSERT INTO evidence_fts(evidence_fts, rowid, sentence)\n"
	"    VALUES ('delete', old.id, old.sentence);\n"
	"  INSERT INTO evidence_fts(rowid, sentence) VALUES (new.id, new.sentence);\n"
	"END;\n"
	"PRAGMA application_id = 1918989156;\n"
	"PRAGMA user_version = 1;\n";

static const char schema_v2[] =
	"CREATE TABLE ingest_run (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  started TEXT NOT NULL,\n"
	"  finished TEXT,\n"
	"  rasd_version TEXT NOT NULL,\n"
	"  inputs TEXT,\n"
	"  articles_new INTEGER, articles_updated INTEGER, articles_same INTEGER,\n"
	"  events_new INTEGER, events_merged INTEGER, events_removed INTEGER,\n"
	"  errors INTEGER\n"
	");\n"
	"PRAGMA user_version = 2;\n";

/* Each step in pieces, as C caps the length of one string literal. */
static const char *const schema_v1[] = {schema_v1_article, schema_v1_event, schema_v1_mention,
					schema_v1_fts, NULL};
static const char *const schema_v2_all[] = {schema_v2, NULL};
static const char *const *const migrations[RASD_DB_SCHEMA_VERSION + 1] = {NULL, schema_v1,
									  schema_v2_all};

/* ------------------------------------------------------------ columns */

/*
 * The coded fields of an event, stored alike in `event` (the merged
 * record) and in `mention` (what one article said). FIELD_COLS and
 * struct fields list them in the same order.
 */
#define FIELD_COLS                                                                         \
	"event_date, time_precision, event_type, sub_event_type, actor1, assoc_actor1, "   \
	"actor2, assoc_actor2, location, location_key, admin1, admin1_key, admin2, "        \
	"country, pcode, latitude, longitude, geo_precision, fatalities, claimed, "         \
	"modality, trigger, confidence"
#define E_FIELD_COLS                                                                       \
	"e.event_date, e.time_precision, e.event_type, e.sub_event_type, e.actor1, "       \
	"e.assoc_actor1, e.actor2, e.assoc_actor2, e.location, e.location_key, e.admin1, "  \
	"e.admin1_key, e.admin2, e.country, e.pcode, e.latitude, e.longitude, "             \
	"e.geo_precision, e.fatalities, e.claimed, e.modality, e.trigger, e.confidence"
#define M_FIELD_COLS                                                                       \
	"m.event_date, m.time_precision, m.event_type, m.sub_event_type, m.actor1, "       \
	"m.assoc_actor1, m.actor2, m.assoc_actor2, m.location, m.location_key, m.admin1, "  \
	"m.admin1_key, m.admin2, m.country, m.pcode, m.latitude, m.longitude, "             \
	"m.geo_precision, m.fatalities, m.claimed, m.modality, m.trigger, m.confidence"
#define FIELD_QS "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?"
#define NFIELDS 23

struct fields {
	const char *event_date; /* YYYY-MM-DD or NULL */
	int time_precision;
	const char *event_type, *sub_event_type;
	const char *actor[4]; /* actor1, assoc_actor1, actor2, assoc_actor2 codes */
	const char *location, *location_key, *admin1, *admin1_key, *admin2, *country, *pcode;
	bool has_coords;
	double lat, lon;
	int geo_precision;
	long fatalities;
	bool claimed;
	const char *modality, *trigger;
	double confidence;
};

/* ----------------------------------------------------------- the handle */

enum stmt_id {
	S_ARTICLE_FIND,
	S_ARTICLE_INSERT,
	S_ARTICLE_UPDATE,
	S_ARTICLE_EVENTS,
	S_ARTICLE_MENTIONS_DELETE,
	S_EVENT_CANDIDATES,
	S_EVENT_INSERT,
	S_EVENT_UPDATE,
	S_EVENT_DELETE,
	S_EVENT_MENTIONS,
	S_EVENT_SET_PRIMARY,
	S_MENTION_INSERT,
	S_ACTOR_UPSERT,
	S_LINKS,
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_ARTICLE_FIND] = "SELECT id, hash FROM article WHERE doc_id = ?1",
	[S_ARTICLE_INSERT] = "INSERT INTO article(doc_id, source, url, title, published, text, hash)"
			     " VALUES (?,?,?,?,?,?,?)",
	[S_ARTICLE_UPDATE] = "UPDATE article SET source = ?, url = ?, title = ?, published = ?,"
			     " text = ?, hash = ?,"
			     " ingested = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
	[S_ARTICLE_EVENTS] = "SELECT DISTINCT event FROM mention WHERE article = ?1",
	[S_ARTICLE_MENTIONS_DELETE] = "DELETE FROM mention WHERE article = ?1",
	[S_EVENT_CANDIDATES] = "SELECT id, " FIELD_COLS " FROM event"
			       " WHERE event_type = ?1 AND sub_event_type = ?2"
			       " AND event_date BETWEEN ?3 AND ?4"
			       " AND NOT EXISTS (SELECT 1 FROM mention m"
			       " WHERE m.event = event.id AND m.article = ?5)"
			       " ORDER BY id",
	[S_EVENT_INSERT] = "INSERT INTO event(event_id, narticles, nsources, " FIELD_COLS ")"
			   " VALUES (?,?,?," FIELD_QS ")",
	[S_EVENT_UPDATE] = "UPDATE event SET (event_id, narticles, nsources, " FIELD_COLS ")"
			   " = (?,?,?," FIELD_QS ") WHERE id = ?",
	[S_EVENT_DELETE] = "DELETE FROM event WHERE id = ?1",
	[S_EVENT_MENTIONS] = "SELECT m.id, m.mention_id, m.article, m.published, m.source, " M_FIELD_COLS
			     " FROM mention m WHERE m.event = ?1 ORDER BY m.id",
	[S_EVENT_SET_PRIMARY] = "UPDATE mention SET is_primary = (id = ?1)"
				" WHERE event = ?2 AND is_primary <> (id = ?1)",
	[S_MENTION_INSERT] = "INSERT INTO mention(event, article, source, published, is_primary,"
			     " mention_id, merged,"
			     " evidence_field, evidence_start, evidence_end, sentence_start,"
			     " sentence_end, sentence, " FIELD_COLS ")"
			     " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?," FIELD_QS ")",
	[S_ACTOR_UPSERT] = "INSERT INTO actor(code, name_en, name_ar, country, inter)"
			   " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(code) DO UPDATE SET"
			   " name_en = excluded.name_en, name_ar = excluded.name_ar,"
			   " country = excluded.country, inter = excluded.inter",
	[S_LINKS] = "SELECT a.doc_id, a.source, a.url, a.published, a.title, m.mention_id,"
		    " m.sentence, m.evidence_field, m.evidence_start, m.evidence_end,"
		    " m.sentence_start, m.sentence_end"
		    " FROM mention m JOIN article a ON a.id = m.article"
		    " WHERE m.event = ?1 ORDER BY m.is_primary DESC, m.id",
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
};

#define ACTOR_CACHE 256

struct rasd_db {
	sqlite3 *db;
	char *path;
	int version;
	int busy_ms;
	bool readonly;
	sqlite3_stmt *stmt[S_COUNT];
	struct rasd_arena scratch; /* keys and rows while storing one article */
	/* actors already written by this connection (lexicon entries live
	 * as long as the lexicon, so the pointer identifies the actor) */
	const struct rasd_actor *actors_seen[ACTOR_CACHE];
	size_t nactors_seen;
};

/* Report a SQLite failure as one line that names the file. */
static enum rasd_status fail(struct rasd_db *db, struct rasd_error *err, int rc, const char *what)
{
	const char *msg = db->db ? sqlite3_errmsg(db->db) : sqlite3_errstr(rc);

	if (err)
		snprintf(err->file, sizeof(err->file), "%s", db->path);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return rasd_error_set(err, RASD_EDB, 0, 0,
				      "'%s' is locked by another writer (waited %.1f s); try again "
				      "when it has finished",
				      db->path, db->busy_ms / 1000.0);
	case SQLITE_READONLY:
		return rasd_error_set(err, RASD_EIO, 0, 0, "cannot write to '%s': %s", db->path, msg);
	case SQLITE_FULL:
		return rasd_error_set(err, RASD_EIO, 0, 0, "cannot write to '%s': disk full", db->path);
	case SQLITE_NOMEM: return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	case SQLITE_NOTADB:
		return rasd_error_set(err, RASD_EDB, 0, 0, "'%s' is not a database", db->path);
	case SQLITE_CORRUPT:
		return rasd_error_set(err, RASD_EDB, 0, 0, "'%s' is damaged: %s", db->path, msg);
	default:
		return rasd_error_set(err, RASD_EDB, 0, 0, "'%s': %s: %s", db->path, what, msg);
	}
}

static enum rasd_status get_stmt(struct rasd_db *db, enum stmt_id id, sqlite3_stmt **out,
				 struct rasd_error *err)
{
	int rc;

	if (!db->stmt[id]) {
		rc = sqlite3_prepare_v3(db->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
					&db->stmt[id], NULL);
		if (rc != SQLITE_OK)
			return fail(db, err, rc, "preparing a statement");
	}
	*out = db->stmt[id];
	return RASD_OK;
}

/* Make a cached statement ready for its next use. */
static void done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Binding in order, the first failure sticks. */
struct binder {
	sqlite3_stmt *st;
	int i;
	int rc;
};

static void bind_init(struct binder *b, sqlite3_stmt *st)
{
	b->st = st;
	b->i = 0;
	b->rc = SQLITE_OK;
}

static void bind_text_n(struct binder *b, const char *s, size_t n)
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

/* Strings that are NULL or empty are stored as NULL. */
static void bind_text(struct binder *b, const char *s)
{
	bind_text_n(b, s && *s ? s : NULL, s ? strlen(s) : 0);
}

static void bind_int(struct binder *b, long long v)
{
	b->i++;
	if (b->rc == SQLITE_OK)
		b->rc = sqlite3_bind_int64(b->st, b->i, v);
}

static void bind_real(struct binder *b, double v)
{
	b->i++;
	if (b->rc == SQLITE_OK)
		b->rc = sqlite3_bind_double(b->st, b->i, v);
}

static void bind_null(struct binder *b)
{
	b->i++;
	if (b->rc == SQLITE_OK)
		b->rc = sqlite3_bind_null(b->st, b->i);
}

static void bind_fields(struct binder *b, const struct fields *f)
{
	size_t k;

	bind_text(b, f->event_date);
	if (f->event_date)
		bind_int(b, f->time_precision);
	else
		bind_null(b);
	bind_text(b, f->event_type);
	bind_text(b, f->sub_event_type);
	for (k = 0; k < 4; k++)
		bind_text(b, f->actor[k]);
	bind_text(b, f->location);
	bind_text(b, f->location_key);
	bind_text(b, f->admin1);
	bind_text(b, f->admin1_key);
	bind_text(b, f->admin2);
	bind_text(b, f->country);
	bind_text(b, f->pcode);
	if (f->has_coords) {
		bind_real(b, f->lat);
		bind_real(b, f->lon);
		bind_int(b, f->geo_precision);
	} else {
		bind_null(b);
		bind_null(b);
		bind_null(b);
	}
	bind_int(b, f->fatalities);
	bind_int(b, f->claimed);
	bind_text(b, f->modality);
	bind_text(b, f->trigger);
	bind_real(b, f->confidence);
}

/* Column text copied into the arena; NULL stays NULL. */
static const char *col_text(sqlite3_stmt *st, int col, struct rasd_arena *a, bool *oom)
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

static void read_fields(sqlite3_stmt *st, int col, struct rasd_arena *a, struct fields *f,
			bool *oom)
{
	size_t k;

	f->event_date = col_text(st, col++, a, oom);
	f->time_precision = sqlite3_column_int(st, col++);
	f->event_type = col_text(st, col++, a, oom);
	f->sub_event_type = col_text(st, col++, a, oom);
	for (k = 0; k < 4; k++)
		f->actor[k] = col_text(st, col++, a, oom);
	f->location = col_text(st, col++, a, oom);
	f->location_key = col_text(st, col++, a, oom);
	f->admin1 = col_text(st, col++, a, oom);
	f->admin1_key = col_text(st, col++, a, oom);
	f->admin2 = col_text(st, col++, a, oom);
	f->country = col_text(st, col++, a, oom);
	f->pcode = col_text(st, col++, a, oom);
	f->has_coords = sqlite3_column_type(st, col) != SQLITE_NULL;
	f->lat = sqlite3_column_double(st, col++);
	f->lon = sqlite3_column_double(st, col++);
	f->geo_precision = sqlite3_column_int(st, col++);
	f->fatalities = (long)sqlite3_column_int64(st, col++);
	f->claimed = sqlite3_column_int(st, col++) != 0;
	f->modality = col_text(st, col++, a, oom);
	f->trigger = col_text(st, col++, a, oom);
	f->confidence = sqlite3_column_double(st, col++);
	if (!f->event_type)
		f->event_type = "";
	if (!f->sub_event_type)
		f->sub_event_type = "";
	if (!f->modality)
		f->modality = "reported";
}

/* ---------------------------------------------------- SQL functions */

static double distance_km(double lat1, double lon1, double lat2, double lon2)
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
	sqlite3_result_double(ctx, distance_km(sqlite3_value_double(argv[0]),
					       sqlite3_value_double(argv[1]),
					       sqlite3_value_double(argv[2]),
					       sqlite3_value_double(argv[3])));
}

/* ------------------------------------------------------- open, migrate */

static enum rasd_status exec(struct rasd_db *db, const char *sql, const char *what,
			     struct rasd_error *err)
{
	int rc = sqlite3_exec(db->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return fail(db, err, rc, what);
	return RASD_OK;
}

/* A single integer from constant SQL, e.g. a PRAGMA. */
static enum rasd_status query_int(struct rasd_db *db, const char *sql, long long *out,
				  struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);
	enum rasd_status status = RASD_OK;

	if (rc != SQLITE_OK) {
		status = fail(db, err, rc, "reading the schema");
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
	} else if (rc == SQLITE_DONE) {
		*out = 0;
	} else {
		status = fail(db, err, rc, "reading the schema");
		goto out;
	}
out:
	sqlite3_finalize(st);
	return status;
}

static enum rasd_status migrate(struct rasd_db *db, struct rasd_error *err)
{
	enum rasd_status st = RASD_OK;
	long long v;
	int target;

	for (target = db->version + 1; target <= RASD_DB_SCHEMA_VERSION; target++) {
		st = exec(db, "BEGIN IMMEDIATE", "starting a migration", err);
		if (st != RASD_OK)
			goto out;
		/* another process may have migrated while we waited */
		st = query_int(db, "PRAGMA user_version", &v, err);
		if (st == RASD_OK && v < target) {
			const char *const *piece;
			for (piece = migrations[target]; *piece && st == RASD_OK; piece++)
				st = exec(db, *piece, "migrating the schema", err);
		}
		if (st != RASD_OK) {
			sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
			goto out;
		}
		st = exec(db, "COMMIT", "migrating the schema", err);
		if (st != RASD_OK) {
			sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
			goto out;
		}
		db->version = target;
	}
out:
	return st;
}

/* What the file holds before we touch it: version, and whether it is ours. */
static enum rasd_status check_schema(struct rasd_db *db, struct rasd_error *err)
{
	long long app, version, tables;
	enum rasd_status st;

	st = query_int(db, "PRAGMA application_id", &app, err);
	if (st == RASD_OK)
		st = query_int(db, "PRAGMA user_version", &version, err);
	if (st == RASD_OK)
		st = query_int(db, "SELECT count(*) FROM sqlite_master", &tables, err);
	if (st != RASD_OK)
		return st;
	if (app != APP_ID && tables > 0)
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "'%s' is a SQLite database but not a rasd events database",
				      db->path);
	if (version > RASD_DB_SCHEMA_VERSION)
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "'%s' has schema version %lld, newer than this rasd knows (%d); "
				      "upgrade rasd",
				      db->path, version, RASD_DB_SCHEMA_VERSION);
	db->version = (int)version;
	return RASD_OK;
}

enum rasd_status rasd_db_open(const char *path, unsigned flags, int busy_ms, struct rasd_db **out,
			      struct rasd_error *err)
{
	struct rasd_db *db;
	struct stat sb;
	enum rasd_status st = RASD_OK;
	int oflags, rc;

	*out = NULL;
	rasd_error_clear(err);
	db = calloc(1, sizeof(*db));
	if (!db)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	db->path = strdup(path);
	if (!db->path) {
		st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		goto out;
	}
	db->busy_ms = busy_ms < 0 ? 0 : busy_ms;
	db->readonly = (flags & RASD_DB_READONLY) != 0;
	rasd_arena_init(&db->scratch, 0);
	if (err)
		snprintf(err->file, sizeof(err->file), "%s", path);
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || !(flags & RASD_DB_CREATE) || db->readonly) {
			st = rasd_error_set(err, errno == ENOENT ? RASD_ENOTFOUND : RASD_EIO, 0, 0,
					    "cannot open database '%s': %s%s", path, strerror(errno),
					    errno == ENOENT ? " (rasd ingest creates it)" : "");
			goto out;
		}
	} else if (S_ISDIR(sb.st_mode)) {
		st = rasd_error_set(err, RASD_EINVAL, 0, 0, "'%s' is a directory, not a database",
				    path);
		goto out;
	}
	oflags = db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (!db->readonly && (flags & RASD_DB_CREATE))
		oflags |= SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(path, &db->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		st = rasd_error_set(err, rc == SQLITE_NOMEM ? RASD_ENOMEM : RASD_EIO, 0, 0,
				    "cannot open database '%s': %s", path,
				    db->db ? sqlite3_errmsg(db->db) : sqlite3_errstr(rc));
		goto out;
	}
	if (!db->readonly && sqlite3_db_readonly(db->db, "main") == 1) {
		st = rasd_error_set(err, RASD_EIO, 0, 0, "cannot write to '%s': the file is read-only",
				    path);
		goto out;
	}
	rc = sqlite3_busy_timeout(db->db, db->busy_ms);
	if (rc != SQLITE_OK) {
		st = fail(db, err, rc, "setting the lock timeout");
		goto out;
	}
	if (rasd_fts_register(db->db) != RASD_OK) {
		st = rasd_error_set(err, RASD_EDB, 0, 0,
				    "cannot register the search tokenizer: this SQLite lacks FTS5");
		goto out;
	}
	rc = sqlite3_create_function(db->db, "rasd_distance_km", 4,
				     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				     sql_distance, NULL, NULL);
	if (rc != SQLITE_OK) {
		st = fail(db, err, rc, "registering functions");
		goto out;
	}
	st = check_schema(db, err);
	if (st != RASD_OK)
		goto out;
	if (db->readonly) {
		if (db->version < RASD_DB_SCHEMA_VERSION) {
			st = rasd_error_set(err, RASD_EINVAL, 0, 0,
					    db->version == 0
						    ? "'%s' is empty: no events have been ingested"
						    : "'%s' has an older schema: run rasd ingest on it "
						      "to upgrade",
					    path);
			goto out;
		}
	} else {
		/* WAL: readers never block the writer, and a killed writer
		 * leaves only uncommitted pages that the next open ignores. */
		st = exec(db, "PRAGMA journal_mode = WAL", "switching to WAL", err);
		if (st == RASD_OK)
			st = exec(db, "PRAGMA synchronous = NORMAL", "setting synchronous", err);
		/* fewer, larger checkpoints: each one syncs the database file */
		if (st == RASD_OK)
			st = exec(db, "PRAGMA wal_autocheckpoint = 8192", "setting checkpoints", err);
		if (st == RASD_OK)
			st = migrate(db, err);
		if (st != RASD_OK)
			goto out;
	}
	st = exec(db, "PRAGMA foreign_keys = ON", "enabling foreign keys", err);
	if (st == RASD_OK)
		st = exec(db, "PRAGMA cache_size = -32768", "setting the cache size", err);
out:
	if (st != RASD_OK) {
		rasd_db_free(db);
		return st;
	}
	rasd_error_clear(err);
	*out = db;
	return RASD_OK;
}

void rasd_db_free(struct rasd_db *db)
{
	size_t i;

	if (!db)
		return;
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(db->stmt[i]);
	if (db->db) {
		if (!sqlite3_get_autocommit(db->db))
			sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db->db);
	}
	rasd_arena_release(&db->scratch);
	free(db->path);
	free(db);
}

int rasd_db_version(const struct rasd_db *db)
{
	return db->version;
}

/* ------------------------------------------------------- transactions */

static enum rasd_status run_simple(struct rasd_db *db, enum stmt_id id, const char *what,
				   struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = get_stmt(db, id, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	rc = sqlite3_step(st);
	done(st);
	if (rc != SQLITE_DONE)
		return fail(db, err, rc, what);
	return RASD_OK;
}

enum rasd_status rasd_db_begin(struct rasd_db *db, struct rasd_error *err)
{
	return run_simple(db, S_BEGIN, "starting a transaction", err);
}

enum rasd_status rasd_db_commit(struct rasd_db *db, struct rasd_error *err)
{
	return run_simple(db, S_COMMIT, "committing", err);
}

void rasd_db_rollback(struct rasd_db *db)
{
	if (db && db->db && !sqlite3_get_autocommit(db->db))
		sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ------------------------------------------------------------- ingest */

enum rasd_status rasd_db_article_state(struct rasd_db *db, const char *doc_id, const char *hash,
				       enum rasd_article_state *state, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct binder b;
	enum rasd_status status = get_stmt(db, S_ARTICLE_FIND, &st, err);
	int rc;

	*state = RASD_ARTICLE_NEW;
	if (status != RASD_OK)
		return status;
	bind_init(&b, st);
	bind_text_n(&b, doc_id, strlen(doc_id));
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 1);
		*state = h && strcmp(h, hash) == 0 ? RASD_ARTICLE_SAME : RASD_ARTICLE_CHANGED;
	} else if (rc != SQLITE_DONE) {
		status = fail(db, err, rc, "looking up an article");
	}
	done(st);
	return status;
}

static const char *key_of(struct rasd_arena *a, const char *s, bool *oom)
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

static const char *code_of(const struct rasd_actor *a)
{
	return a ? a->code : NULL;
}

static bool fields_from_event(struct rasd_arena *a, const struct rasd_event *e, struct fields *f)
{
	bool oom = false;

	memset(f, 0, sizeof(*f));
	if (e->has_date) {
		char *d = rasd_arena_alloc(a, 11);
		if (!d)
			return false;
		rasd_format_date(e->date, d);
		f->event_date = d;
	}
	f->time_precision = e->time_precision;
	f->event_type = e->event_type ? e->event_type : "";
	f->sub_event_type = e->sub_event_type ? e->sub_event_type : "";
	f->actor[0] = code_of(e->actor1);
	f->actor[1] = code_of(e->assoc_actor1);
	f->actor[2] = code_of(e->actor2);
	f->actor[3] = code_of(e->assoc_actor2);
	f->location = e->location && *e->location ? e->location : NULL;
	f->location_key = key_of(a, e->location, &oom);
	f->admin1 = e->admin1 && *e->admin1 ? e->admin1 : NULL;
	f->admin1_key = key_of(a, e->admin1, &oom);
	f->admin2 = e->admin2 && *e->admin2 ? e->admin2 : NULL;
	f->country = e->country && *e->country ? e->country : NULL;
	f->pcode = e->pcode && *e->pcode ? e->pcode : NULL;
	f->has_coords = e->has_coords;
	f->lat = e->latitude;
	f->lon = e->longitude;
	f->geo_precision = e->geo_precision;
	f->fatalities = e->fatalities;
	f->claimed = e->claimed;
	f->modality = rasd_modality_name(e->modality);
	f->trigger = e->trigger;
	f->confidence = e->confidence;
	return !oom;
}

static bool str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Two actor codes can name the same party: equal, or one unknown. */
static bool actor_compatible(const char *a, const char *b)
{
	if (!a || !b || strcmp(a, "UNK") == 0 || strcmp(b, "UNK") == 0)
		return true;
	return strcmp(a, b) == 0;
}

static bool same_actors(const struct fields *e, const struct fields *m)
{
	if (actor_compatible(e->actor[0], m->actor[0]) && actor_compatible(e->actor[2], m->actor[2]))
		return true;
	/* "clashes between A and B" and "between B and A" are one battle */
	return strcmp(e->event_type, "Battles") == 0 && actor_compatible(e->actor[0], m->actor[2]) &&
	       actor_compatible(e->actor[2], m->actor[0]);
}

static bool precise(const struct fields *f)
{
	return f->has_coords && f->geo_precision >= 1 && f->geo_precision <= 2;
}

/*
 * How well two records agree on the place: 0 the same spot (P-code, or
 * coordinates of precision 1-2 within SAME_PLACE_KM), 1 the same name in
 * the same governorate, -1 not the same place.
 */
static int place_match(const struct fields *e, const struct fields *m)
{
	if (e->country && m->country && strcmp(e->country, m->country) != 0)
		return -1;
	if (precise(e) && precise(m) && distance_km(e->lat, e->lon, m->lat, m->lon) <= SAME_PLACE_KM)
		return 0;
	if (str_eq(e->pcode, m->pcode))
		return 0;
	if (str_eq(e->location_key, m->location_key)) {
		/* two places of one name: different governorates or P-codes */
		if (e->admin1_key && m->admin1_key && strcmp(e->admin1_key, m->admin1_key) != 0)
			return -1;
		if (e->pcode && m->pcode && strcmp(e->pcode, m->pcode) != 0)
			return -1;
		return 1;
	}
	return -1;
}

/* 0 when both name the same actor1, 1 when one of them leaves it open. */
static int actor_match(const struct fields *e, const struct fields *m)
{
	return str_eq(e->actor[0], m->actor[0]) || str_eq(e->actor[0], m->actor[2]) ? 0 : 1;
}

static bool foiled(const struct fields *f)
{
	return f->modality && strcmp(f->modality, "foiled") == 0;
}

static int32_t day_of(const char *date)
{
	int32_t d = 0;
	if (!date || rasd_date_parse(date, strlen(date), &d) != RASD_OK)
		return INT32_MIN;
	return d;
}

/*
 * The stored event the new mention m reports, or 0 when there is none.
 * Among several candidates the closest wins: day difference, then how
 * well the place and the actors agree (docs/schema.md, "Deduplication").
 */
static enum rasd_status find_event(struct rasd_db *db, long long article, const struct fields *m,
				   long long *event, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct binder b;
	char lo[11], hi[11];
	int32_t day = day_of(m->event_date);
	int best = 1000;
	enum rasd_status status;
	int rc;

	*event = 0;
	if (day == INT32_MIN)
		return RASD_OK; /* an undated report cannot be matched */
	status = get_stmt(db, S_EVENT_CANDIDATES, &st, err);
	if (status != RASD_OK)
		return status;
	rasd_format_date(day - 1, lo);
	rasd_format_date(day + 1, hi);
	bind_init(&b, st);
	bind_text(&b, m->event_type);
	bind_text(&b, m->sub_event_type);
	bind_text(&b, lo);
	bind_text(&b, hi);
	bind_int(&b, article);
	rc = b.rc;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		struct fields e;
		bool oom = false;
		int32_t diff;
		int place, score;

		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		read_fields(st, 1, &db->scratch, &e, &oom);
		if (oom) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (foiled(&e) != foiled(m) || !same_actors(&e, m))
			continue;
		place = place_match(&e, m);
		if (place < 0)
			continue;
		diff = day_of(e.event_date) - day;
		score = 4 * (diff < 0 ? -diff : diff) + 2 * place + actor_match(&e, m);
		if (score < best) {
			best = score;
			*event = sqlite3_column_int64(st, 0);
		}
	}
	if (rc != SQLITE_DONE)
		status = fail(db, err, rc, "matching events");
	done(st);
	return status;
}

static enum rasd_status put_actor(struct rasd_db *db, const struct rasd_actor *a,
				  struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct binder b;
	enum rasd_status status;
	size_t i;
	int rc;

	if (!a || !a->code)
		return RASD_OK;
	for (i = 0; i < db->nactors_seen; i++)
		if (db->actors_seen[i] == a)
			return RASD_OK;
	status = get_stmt(db, S_ACTOR_UPSERT, &st, err);
	if (status != RASD_OK)
		return status;
	bind_init(&b, st);
	bind_text(&b, a->code);
	bind_text(&b, a->name_en);
	bind_text(&b, a->name_ar);
	bind_text(&b, a->country);
	if (a->inter)
		bind_int(&b, a->inter);
	else
		bind_null(&b);
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	done(st);
	if (rc != SQLITE_DONE)
		return fail(db, err, rc, "storing an actor");
	if (db->nactors_seen < ACTOR_CACHE)
		db->actors_seen[db->nactors_seen++] = a;
	return RASD_OK;
}

/* One stored mention, as the merge of an event sees it. */
struct mention_row {
	long long id, article;
	const char *mention_id, *published, *source;
	struct fields f;
};

/* 1 (precise) before 2 before 3; unknown (0) last. */
static int geo_rank(const struct fields *f)
{
	if (!f->has_coords || f->geo_precision <= 0)
		return 9;
	return f->geo_precision;
}

/* Is mention a a better primary source than b? */
static bool better_primary(const struct mention_row *a, const struct mention_row *b)
{
	int cmp;
	if (a->f.confidence != b->f.confidence)
		return a->f.confidence > b->f.confidence;
	if (geo_rank(&a->f) != geo_rank(&b->f))
		return geo_rank(&a->f) < geo_rank(&b->f);
	cmp = strcmp(a->published ? a->published : "~", b->published ? b->published : "~");
	if (cmp != 0)
		return cmp < 0;
	return a->id < b->id;
}

/*
 * Recompute an event from the mentions linked to it (docs/schema.md,
 * "Merging"): the primary mention gives type, date and trigger; actors
 * missing there come from the others; the place comes from the most
 * precise mention; fatalities are the lowest figure reported.
 */
static enum rasd_status recompute(struct rasd_db *db, long long event, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct binder b;
	struct mention_row *rows = NULL, *prim, *place;
	size_t n = 0, cap = 0, i, j, narticles = 0, nsources = 0;
	struct fields f;
	long low = 0;
	bool all_claimed = true, oom = false;
	enum rasd_status status = get_stmt(db, S_EVENT_MENTIONS, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	bind_init(&b, st);
	bind_int(&b, event);
	rc = b.rc;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct mention_row *nr = rasd_arena_calloc(&db->scratch, ncap, sizeof(*nr));
			if (!nr) {
				rc = SQLITE_NOMEM;
				break;
			}
			if (n)
				memcpy(nr, rows, n * sizeof(*nr));
			rows = nr;
			cap = ncap;
		}
		rows[n].id = sqlite3_column_int64(st, 0);
		rows[n].mention_id = col_text(st, 1, &db->scratch, &oom);
		rows[n].article = sqlite3_column_int64(st, 2);
		rows[n].published = col_text(st, 3, &db->scratch, &oom);
		rows[n].source = col_text(st, 4, &db->scratch, &oom);
		read_fields(st, 5, &db->scratch, &rows[n].f, &oom);
		if (oom) {
			rc = SQLITE_NOMEM;
			break;
		}
		n++;
	}
	done(st);
	if (rc != SQLITE_DONE)
		return fail(db, err, rc, "reading an event's mentions");
	if (n == 0)
		return RASD_OK;
	prim = &rows[0];
	place = NULL;
	for (i = 1; i < n; i++)
		if (better_primary(&rows[i], prim))
			prim = &rows[i];
	f = prim->f;
	for (i = 0; i < n; i++) {
		const struct fields *r = &rows[i].f;
		size_t k;
		bool seen_article = false, seen_source = false;
		/* a named actor beats none, and beats an unidentified one */
		for (k = 0; k < 4; k++)
			if (r->actor[k] && (!f.actor[k] || (strcmp(f.actor[k], "UNK") == 0 &&
							     strcmp(r->actor[k], "UNK") != 0)))
				f.actor[k] = r->actor[k];
		if ((r->location || r->has_coords) &&
		    (!place || geo_rank(r) < geo_rank(&place->f) ||
		     (geo_rank(r) == geo_rank(&place->f) && &rows[i] == prim)))
			place = &rows[i];
		if (r->fatalities > 0 && (low == 0 || r->fatalities < low))
			low = r->fatalities;
		if (!r->claimed)
			all_claimed = false;
		if (r->confidence > f.confidence)
			f.confidence = r->confidence;
		for (j = 0; j < i; j++) {
			if (rows[j].article == rows[i].article)
				seen_article = true;
			if ((!rows[j].source && !rows[i].source) ||
			    str_eq(rows[j].source, rows[i].source))
				seen_source = true;
		}
		narticles += !seen_article;
		nsources += !seen_source;
	}
	if (place && place != prim) {
		f.location = place->f.location;
		f.location_key = place->f.location_key;
		f.admin1 = place->f.admin1;
		f.admin1_key = place->f.admin1_key;
		f.admin2 = place->f.admin2;
		f.country = place->f.country;
		f.pcode = place->f.pcode;
		f.has_coords = place->f.has_coords;
		f.lat = place->f.lat;
		f.lon = place->f.lon;
		f.geo_precision = place->f.geo_precision;
	}
	f.fatalities = low;
	f.claimed = all_claimed;
	if (!foiled(&f))
		f.modality = all_claimed ? "claimed" : "reported";

	status = get_stmt(db, S_EVENT_UPDATE, &st, err);
	if (status != RASD_OK)
		return status;
	bind_init(&b, st);
	bind_text(&b, rows[0].mention_id); /* the oldest link names the event */
	bind_int(&b, (long long)narticles);
	bind_int(&b, (long long)nsources);
	bind_fields(&b, &f);
	bind_int(&b, event);
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	done(st);
	if (rc != SQLITE_DONE)
		return fail(db, err, rc, "updating an event");

	status = get_stmt(db, S_EVENT_SET_PRIMARY, &st, err);
	if (status != RASD_OK)
		return status;
	bind_init(&b, st);
	bind_int(&b, prim->id);
	bind_int(&b, event);
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	done(st);
	if (rc != SQLITE_DONE)
		return fail(db, err, rc, "marking the primary source");
	return RASD_OK;
}

/* Drop an updated article's mentions; events left without any go too. */
static enum rasd_status forget_article(struct rasd_db *db, long long article,
				       struct rasd_ingest_counts *counts, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct binder b;
	long long *events = NULL;
	size_t n = 0, cap = 0, i;
	enum rasd_status status = get_stmt(db, S_ARTICLE_EVENTS, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	bind_init(&b, st);
	bind_int(&b, article);
	rc = b.rc;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			long long *ne = rasd_arena_calloc(&db->scratch, ncap, sizeof(*ne));
			if (!ne) {
				rc = SQLITE_NOMEM;
				break;
			}
			if (n)
				memcpy(ne, events, n * sizeof(*ne));
			events = ne;
			cap = ncap;
		}
		events[n++] = sqlite3_column_int64(st, 0);
	}
	done(st);
	if (rc != SQLITE_DONE)
		return fail(db, err, rc, "reading an article's events");

	status = get_stmt(db, S_ARTICLE_MENTIONS_DELETE, &st, err);
	if (status != RASD_OK)
		return status;
	bind_init(&b, st);
	bind_int(&b, article);
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	done(st);
	if (rc != SQLITE_DONE)
		return fail(db, err, rc, "removing an article's events");

	for (i = 0; i < n; i++) {
		long long left;
		sqlite3_stmt *cnt = NULL;

		/* recompute() of an event with no mentions left changes nothing:
		 * count first and delete those */
		status = get_stmt(db, S_EVENT_MENTIONS, &cnt, err);
		if (status != RASD_OK)
			return status;
		bind_init(&b, cnt);
		bind_int(&b, events[i]);
		rc = b.rc;
		if (rc == SQLITE_OK)
			rc = sqlite3_step(cnt);
		left = rc == SQLITE_ROW;
		done(cnt);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return fail(db, err, rc, "reading an event's mentions");
		if (left) {
			status = recompute(db, events[i], err);
			if (status != RASD_OK)
				return status;
			continue;
		}
		status = get_stmt(db, S_EVENT_DELETE, &st, err);
		if (status != RASD_OK)
			return status;
		bind_init(&b, st);
		bind_int(&b, events[i]);
		rc = b.rc;
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		done(st);
		if (rc != SQLITE_DONE)
			return fail(db, err, rc, "removing an event");
		counts->events_removed++;
	}
	return RASD_OK;
}

static enum rasd_status put_mention(struct rasd_db *db, long long article,
				    const struct rasd_article *art, const struct rasd_event *e,
				    struct rasd_ingest_counts *counts, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct binder b;
	struct fields f;
	long long event = 0;
	bool created = false;
	const char *field = e->evidence.field == RASD_FIELD_TITLE ? art->title : art->text;
	size_t fn = e->evidence.field == RASD_FIELD_TITLE ? art->title_n : art->text_n;
	const char *sent = "";
	size_t sn = 0;
	enum rasd_status status;
	int rc;

	if (!fields_from_event(&db->scratch, e, &f))
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	if (field && e->evidence.sent_start <= e->evidence.sent_end && e->evidence.sent_end <= fn) {
		sent = field + e->evidence.sent_start;
		sn = e->evidence.sent_end - e->evidence.sent_start;
	}
	status = put_actor(db, e->actor1, err);
	if (status == RASD_OK)
		status = put_actor(db, e->assoc_actor1, err);
	if (status == RASD_OK)
		status = put_actor(db, e->actor2, err);
	if (status == RASD_OK)
		status = put_actor(db, e->assoc_actor2, err);
	if (status == RASD_OK)
		status = find_event(db, article, &f, &event, err);
	if (status != RASD_OK)
		return status;

	if (!event) {
		status = get_stmt(db, S_EVENT_INSERT, &st, err);
		if (status != RASD_OK)
			return status;
		bind_init(&b, st);
		bind_text(&b, e->event_id);
		bind_int(&b, 1);
		bind_int(&b, 1);
		bind_fields(&b, &f);
		rc = b.rc;
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		done(st);
		if (rc != SQLITE_DONE)
			return fail(db, err, rc, "storing an event");
		event = sqlite3_last_insert_rowid(db->db);
		created = true;
		counts->events_new++;
	} else {
		counts->events_merged++;
	}

	status = get_stmt(db, S_MENTION_INSERT, &st, err);
	if (status != RASD_OK)
		return status;
	bind_init(&b, st);
	bind_int(&b, event);
	bind_int(&b, article);
	bind_text(&b, art->source);
	bind_text(&b, art->published);
	bind_int(&b, created);
	bind_text(&b, e->event_id);
	bind_int(&b, e->merged);
	bind_text(&b, e->evidence.field == RASD_FIELD_TITLE ? "title" : "text");
	bind_int(&b, e->evidence.start);
	bind_int(&b, e->evidence.end);
	bind_int(&b, e->evidence.sent_start);
	bind_int(&b, e->evidence.sent_end);
	bind_text_n(&b, sent, sn);
	bind_fields(&b, &f);
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	done(st);
	if (rc != SQLITE_DONE)
		return fail(db, err, rc, "storing an event's evidence");
	counts->mentions++;
	/* a merged event takes the new source into account */
	return created ? RASD_OK : recompute(db, event, err);
}

enum rasd_status rasd_db_put(struct rasd_db *db, const struct rasd_article *art, const char *hash,
			     const struct rasd_event *events, size_t nevents,
			     struct rasd_ingest_counts *counts, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct binder b;
	long long article = 0;
	bool exists = false;
	enum rasd_status status;
	size_t i;
	int rc;

	if (!art->id || !*art->id || !art->text)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "an article needs an id and a text");
	if (sqlite3_get_autocommit(db->db))
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "rasd_db_put outside a transaction (call rasd_db_begin)");
	rasd_arena_reset(&db->scratch);
	status = get_stmt(db, S_ARTICLE_FIND, &st, err);
	if (status != RASD_OK)
		return status;
	bind_init(&b, st);
	bind_text(&b, art->id);
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 1);
		exists = true;
		article = sqlite3_column_int64(st, 0);
		if (h && strcmp(h, hash) == 0) {
			done(st);
			counts->articles_same++;
			return RASD_OK;
		}
	} else if (rc != SQLITE_DONE) {
		done(st);
		return fail(db, err, rc, "looking up an article");
	}
	done(st);

	if (exists) {
		status = forget_article(db, article, counts, err);
		if (status != RASD_OK)
			return status;
		status = get_stmt(db, S_ARTICLE_UPDATE, &st, err);
	} else {
		status = get_stmt(db, S_ARTICLE_INSERT, &st, err);
	}
	if (status != RASD_OK)
		return status;
	bind_init(&b, st);
	if (!exists)
		bind_text(&b, art->id);
	bind_text(&b, art->source);
	bind_text(&b, art->url);
	bind_text_n(&b, art->title, art->title ? art->title_n : 0);
	bind_text(&b, art->published);
	bind_text_n(&b, art->text, art->text_n);
	bind_text(&b, hash);
	if (exists)
		bind_int(&b, article);
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	done(st);
	if (rc != SQLITE_DONE)
		return fail(db, err, rc, "storing an article");
	if (exists) {
		counts->articles_updated++;
	} else {
		article = sqlite3_last_insert_rowid(db->db);
		counts->articles_new++;
	}
	for (i = 0; i < nevents; i++) {
		status = put_mention(db, article, art, &events[i], counts, err);
		if (status != RASD_OK)
			return status;
	}
	return RASD_OK;
}

enum rasd_status rasd_db_run_begin(struct rasd_db *db, const char *inputs, long *run,
				   struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct binder b;
	enum rasd_status status = RASD_OK;
	int rc;

	*run = 0;
	rc = sqlite3_prepare_v2(db->db,
				"INSERT INTO ingest_run(started, rasd_version, inputs)"
				" VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2)",
				-1, &st, NULL);
	if (rc != SQLITE_OK) {
		status = fail(db, err, rc, "recording the run");
		goto out;
	}
	bind_init(&b, st);
	bind_text(&b, RASD_VERSION);
	bind_text(&b, inputs);
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		status = fail(db, err, rc, "recording the run");
		goto out;
	}
	*run = (long)sqlite3_last_insert_rowid(db->db);
out:
	sqlite3_finalize(st);
	return status;
}

enum rasd_status rasd_db_run_end(struct rasd_db *db, long run, const struct rasd_ingest_counts *c,
				 long errors, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct binder b;
	enum rasd_status status = RASD_OK;
	int rc;

	rc = sqlite3_prepare_v2(db->db,
				"UPDATE ingest_run SET finished = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
				" articles_new = ?, articles_updated = ?, articles_same = ?,"
				" events_new = ?, events_merged = ?, events_removed = ?, errors = ?"
				" WHERE id = ?",
				-1, &st, NULL);
	if (rc != SQLITE_OK) {
		status = fail(db, err, rc, "recording the run");
		goto out;
	}
	bind_init(&b, st);
	bind_int(&b, c->articles_new);
	bind_int(&b, c->articles_updated);
	bind_int(&b, c->articles_same);
	bind_int(&b, c->events_new);
	bind_int(&b, c->events_merged);
	bind_int(&b, c->events_removed);
	bind_int(&b, errors);
	bind_int(&b, run);
	rc = b.rc;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		status = fail(db, err, rc, "recording the run");
out:
	sqlite3_finalize(st);
	return status;
}

/* ------------------------------------------------------------ filters */

enum param_kind { P_TEXT, P_INT, P_REAL };

struct param {
	enum param_kind kind;
	const char *s;
	long long i;
	double d;
};

#define MAX_PARAMS 48

/*
 * A WHERE clause made only of the constant fragments below, with the
 * user's values kept aside for binding.
 */
struct where {
	struct rasd_buf sql;
	struct rasd_buf fts; /* the translated FTS query */
	struct param p[MAX_PARAMS];
	int np;
	bool any;
};

static enum rasd_status clause(struct where *w, const char *fragment)
{
	enum rasd_status st = rasd_buf_puts(&w->sql, w->any ? " AND " : " WHERE ");
	w->any = true;
	return st == RASD_OK ? rasd_buf_puts(&w->sql, fragment) : st;
}

/* The clauses are fixed, so their parameters fit: an assert, not a check. */
static void param_text(struct where *w, const char *s)
{
	assert(w->np < MAX_PARAMS);
	w->p[w->np].kind = P_TEXT;
	w->p[w->np].s = s;
	w->np++;
}

static void param_real(struct where *w, double d)
{
	assert(w->np < MAX_PARAMS);
	w->p[w->np].kind = P_REAL;
	w->p[w->np].d = d;
	w->np++;
}

static void param_int(struct where *w, long long i)
{
	assert(w->np < MAX_PARAMS);
	w->p[w->np].kind = P_INT;
	w->p[w->np].i = i;
	w->np++;
}

static void where_release(struct where *w)
{
	rasd_buf_release(&w->sql);
	rasd_buf_release(&w->fts);
}

static enum rasd_status where_build(const struct rasd_db_filter *f, struct rasd_arena *a,
				    struct where *w, struct rasd_error *err)
{
	enum rasd_status st = RASD_OK;
	int32_t day;
	char *country;
	size_t k;

	memset(w, 0, sizeof(*w));
	rasd_buf_init(&w->sql, 1 << 16);
	rasd_buf_init(&w->fts, 1 << 16);
	if (!f)
		return RASD_OK;
	if (f->from) {
		if (rasd_date_parse(f->from, strlen(f->from), &day) != RASD_OK)
			return rasd_error_set(err, RASD_EINVAL, 0, 0, "'%s' is not a date (YYYY-MM-DD)",
					      f->from);
		st = clause(w, "e.event_date >= ?");
		param_text(w, f->from);
	}
	if (st == RASD_OK && f->to) {
		if (rasd_date_parse(f->to, strlen(f->to), &day) != RASD_OK)
			return rasd_error_set(err, RASD_EINVAL, 0, 0, "'%s' is not a date (YYYY-MM-DD)",
					      f->to);
		st = clause(w, "e.event_date <= ?");
		param_text(w, f->to);
	}
	if (st == RASD_OK && f->event_type) {
		st = clause(w, "e.event_type = ? COLLATE NOCASE");
		param_text(w, f->event_type);
	}
	if (st == RASD_OK && f->sub_event_type) {
		st = clause(w, "e.sub_event_type = ? COLLATE NOCASE");
		param_text(w, f->sub_event_type);
	}
	if (st == RASD_OK && f->actor) {
		/* one IN per role, so each can use its index */
#define WHO "(SELECT code FROM actor WHERE code = ? COLLATE NOCASE OR name_en = ? COLLATE NOCASE" \
	    " OR name_ar = ?)"
		st = clause(w, "(e.actor1 IN " WHO " OR e.actor2 IN " WHO " OR e.assoc_actor1 IN " WHO
			       " OR e.assoc_actor2 IN " WHO ")");
#undef WHO
		for (k = 0; k < 12; k++)
			param_text(w, f->actor);
	}
	if (st == RASD_OK && f->admin1) {
		bool oom = false;
		const char *key = key_of(a, f->admin1, &oom);
		if (oom)
			return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		st = clause(w, "e.admin1_key = ?");
		param_text(w, key ? key : "");
	}
	if (st == RASD_OK && f->country) {
		size_t n = strlen(f->country);
		country = rasd_arena_strndup(a, f->country, n);
		if (!country)
			return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		for (k = 0; k < n; k++)
			if (country[k] >= 'a' && country[k] <= 'z')
				country[k] = (char)(country[k] - 'a' + 'A');
		st = clause(w, "e.country = ?");
		param_text(w, country);
	}
	if (st == RASD_OK && f->text) {
		st = rasd_fts_query(&w->fts, f->text, strlen(f->text), err);
		if (st != RASD_OK)
			return st;
		st = clause(w, "e.id IN (SELECT m.event FROM mention m WHERE m.id IN"
			       " (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?))");
		param_text(w, w->fts.p);
	}
	if (st == RASD_OK && f->near) {
		double dlat = f->km / 111.195, c = cos(f->lat * 3.14159265358979323846 / 180.0);
		double dlon = c > 0.01 ? dlat / c : 360.0;
		if (!(f->km > 0) || f->lat < -90 || f->lat > 90 || f->lon < -180 || f->lon > 180)
			return rasd_error_set(err, RASD_EINVAL, 0, 0,
					      "--near needs a latitude, a longitude and a distance > 0");
		st = clause(w, "e.latitude BETWEEN ? AND ? AND e.longitude BETWEEN ? AND ?"
			       " AND rasd_distance_km(e.latitude, e.longitude, ?, ?) <= ?");
		param_real(w, f->lat - dlat);
		param_real(w, f->lat + dlat);
		param_real(w, f->lon - dlon);
		param_real(w, f->lon + dlon);
		param_real(w, f->lat);
		param_real(w, f->lon);
		param_real(w, f->km);
	}
	if (st == RASD_OK && f->min_fatalities > 0) {
		st = clause(w, "e.fatalities >= ?");
		param_int(w, f->min_fatalities);
	}
	if (st != RASD_OK)
		return rasd_error_set(err, st, 0, 0, "cannot build the query: %s", rasd_strerror(st));
	return RASD_OK;
}

/* Prepare prefix + WHERE + suffix and bind the filter's values. */
static enum rasd_status prepare_where(struct rasd_db *db, const char *prefix, struct where *w,
				      const char *suffix, sqlite3_stmt **out, int *next,
				      struct rasd_error *err)
{
	struct rasd_buf sql;
	enum rasd_status st;
	struct binder b;
	int rc, k;

	*out = NULL;
	rasd_buf_init(&sql, 1 << 16);
	st = rasd_buf_puts(&sql, prefix);
	if (st == RASD_OK)
		st = rasd_buf_append(&sql, w->sql.p, w->sql.n);
	if (st == RASD_OK)
		st = rasd_buf_puts(&sql, suffix);
	if (st != RASD_OK) {
		rasd_error_set(err, st, 0, 0, "cannot build the query: %s", rasd_strerror(st));
		goto out;
	}
	rc = sqlite3_prepare_v2(db->db, sql.p, (int)sql.n, out, NULL);
	if (rc != SQLITE_OK) {
		st = fail(db, err, rc, "preparing a query");
		goto out;
	}
	bind_init(&b, *out);
	for (k = 0; k < w->np; k++) {
		if (w->p[k].kind == P_TEXT)
			bind_text_n(&b, w->p[k].s, strlen(w->p[k].s));
		else if (w->p[k].kind == P_INT)
			bind_int(&b, w->p[k].i);
		else
			bind_real(&b, w->p[k].d);
	}
	*next = b.i + 1;
	if (b.rc != SQLITE_OK)
		st = fail(db, err, b.rc, "binding a query");
out:
	rasd_buf_release(&sql);
	if (st != RASD_OK) {
		sqlite3_finalize(*out);
		*out = NULL;
	}
	return st;
}

/* -------------------------------------------------------------- query */

#define EVENT_SELECT                                                                       \
	"SELECT e.id, e.event_id, e.narticles, e.nsources, " E_FIELD_COLS ","              \
	" m.mention_id, m.merged, m.evidence_field, m.evidence_start, m.evidence_end,"      \
	" m.sentence_start, m.sentence_end,"                                               \
	" a.doc_id, a.title, a.text, a.published, a.url,"                                  \
	" c1.name_en, c1.name_ar, c1.country, c1.inter,"                                   \
	" c2.name_en, c2.name_ar, c2.country, c2.inter,"                                   \
	" c3.name_en, c3.name_ar, c3.country, c3.inter,"                                   \
	" c4.name_en, c4.name_ar, c4.country, c4.inter"                                    \
	" FROM event e JOIN mention m ON m.event = e.id AND m.is_primary = 1"              \
	" JOIN article a ON a.id = m.article"                                              \
	" LEFT JOIN actor c1 ON c1.code = e.actor1"                                        \
	" LEFT JOIN actor c2 ON c2.code = e.assoc_actor1"                                  \
	" LEFT JOIN actor c3 ON c3.code = e.actor2"                                        \
	" LEFT JOIN actor c4 ON c4.code = e.assoc_actor2"
#define COL_FIELDS 4
#define COL_MENTION (COL_FIELDS + NFIELDS)
#define COL_ARTICLE (COL_MENTION + 7)
#define COL_ACTORS (COL_ARTICLE + 5)

/* The links of one event, and its outlets joined for the CSV source column. */
static enum rasd_status read_links(struct rasd_db *db, long long event, struct rasd_arena *a,
				   struct rasd_db_event *out, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct binder b;
	struct rasd_buf joined;
	size_t cap = 0, i;
	bool oom = false;
	enum rasd_status status = get_stmt(db, S_LINKS, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	rasd_buf_init(&joined, 1 << 20);
	out->links = NULL;
	out->nlinks = 0;
	bind_init(&b, st);
	bind_int(&b, event);
	rc = b.rc;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		struct rasd_db_source *s;
		const char *field;

		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (out->nlinks == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			struct rasd_db_source *nl = rasd_arena_calloc(a, ncap, sizeof(*nl));
			if (!nl) {
				rc = SQLITE_NOMEM;
				break;
			}
			if (cap)
				memcpy(nl, out->links, cap * sizeof(*nl));
			out->links = nl;
			cap = ncap;
		}
		s = &out->links[out->nlinks];
		s->doc_id = col_text(st, 0, a, &oom);
		s->source = col_text(st, 1, a, &oom);
		s->url = col_text(st, 2, a, &oom);
		s->published = col_text(st, 3, a, &oom);
		s->title = col_text(st, 4, a, &oom);
		s->mention_id = col_text(st, 5, a, &oom);
		s->sentence = col_text(st, 6, a, &oom);
		field = (const char *)sqlite3_column_text(st, 7);
		s->evidence.field = field && strcmp(field, "title") == 0 ? RASD_FIELD_TITLE
									 : RASD_FIELD_TEXT;
		s->evidence.start = (uint32_t)sqlite3_column_int64(st, 8);
		s->evidence.end = (uint32_t)sqlite3_column_int64(st, 9);
		s->evidence.sent_start = (uint32_t)sqlite3_column_int64(st, 10);
		s->evidence.sent_end = (uint32_t)sqlite3_column_int64(st, 11);
		if (oom) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (s->source) {
			bool seen = false;
			for (i = 0; i < out->nlinks && !seen; i++)
				seen = str_eq(out->links[i].source, s->source);
			if (!seen && ((joined.n && rasd_buf_puts(&joined, "; ") != RASD_OK) ||
				      rasd_buf_puts(&joined, s->source) != RASD_OK)) {
				rc = SQLITE_NOMEM;
				break;
			}
		}
		out->nlinks++;
	}
	done(st);
	if (rc != SQLITE_DONE) {
		status = fail(db, err, rc, "reading an event's sources");
		goto out;
	}
	if (joined.n) {
		out->article.source = rasd_arena_strndup(a, joined.p, joined.n);
		if (!out->article.source)
			status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	}
out:
	rasd_buf_release(&joined);
	return status;
}

static bool row_to_event(sqlite3_stmt *st, struct rasd_arena *a, struct rasd_db_event *out)
{
	struct fields f;
	struct rasd_event *e = &out->event;
	struct rasd_article *art = &out->article;
	const struct rasd_actor **roles[4];
	const char *s;
	bool oom = false;
	int k, col;

	memset(out, 0, sizeof(*out));
	s = (const char *)sqlite3_column_text(st, 1);
	snprintf(e->event_id, sizeof(e->event_id), "%s", s ? s : "");
	out->narticles = (long)sqlite3_column_int64(st, 2);
	out->nsources = (long)sqlite3_column_int64(st, 3);
	read_fields(st, COL_FIELDS, a, &f, &oom);
	if (f.event_date && rasd_date_parse(f.event_date, strlen(f.event_date), &e->date) == RASD_OK)
		e->has_date = true;
	e->time_precision = f.time_precision;
	e->event_type = f.event_type;
	e->sub_event_type = f.sub_event_type;
	roles[0] = &e->actor1;
	roles[1] = &e->assoc_actor1;
	roles[2] = &e->actor2;
	roles[3] = &e->assoc_actor2;
	for (k = 0; k < 4; k++) {
		struct rasd_actor *ac = &out->actors[k];
		col = COL_ACTORS + 4 * k;
		if (!f.actor[k])
			continue;
		ac->code = f.actor[k];
		ac->name_en = col_text(st, col, a, &oom);
		ac->name_ar = col_text(st, col + 1, a, &oom);
		ac->country = col_text(st, col + 2, a, &oom);
		ac->inter = sqlite3_column_int(st, col + 3);
		if (!ac->name_en)
			ac->name_en = ac->code;
		*roles[k] = ac;
	}
	e->location = f.location;
	e->admin1 = f.admin1 ? f.admin1 : "";
	e->admin2 = f.admin2 ? f.admin2 : "";
	e->country = f.country ? f.country : "";
	e->pcode = f.pcode;
	e->has_coords = f.has_coords;
	e->latitude = f.lat;
	e->longitude = f.lon;
	e->geo_precision = f.geo_precision;
	e->fatalities = f.fatalities;
	e->claimed = f.claimed;
	e->modality = strcmp(f.modality, "claimed") == 0  ? RASD_MOD_CLAIMED
		      : strcmp(f.modality, "foiled") == 0 ? RASD_MOD_FOILED
							   : RASD_MOD_REPORTED;
	e->trigger = f.trigger;
	e->confidence = f.confidence;

	col = COL_MENTION;
	e->merged = (uint32_t)sqlite3_column_int64(st, col + 1);
	s = (const char *)sqlite3_column_text(st, col + 2);
	e->evidence.field = s && strcmp(s, "title") == 0 ? RASD_FIELD_TITLE : RASD_FIELD_TEXT;
	e->evidence.start = (uint32_t)sqlite3_column_int64(st, col + 3);
	e->evidence.end = (uint32_t)sqlite3_column_int64(st, col + 4);
	e->evidence.sent_start = (uint32_t)sqlite3_column_int64(st, col + 5);
	e->evidence.sent_end = (uint32_t)sqlite3_column_int64(st, col + 6);

	col = COL_ARTICLE;
	art->id = col_text(st, col, a, &oom);
	art->title = col_text(st, col + 1, a, &oom);
	art->title_n = art->title ? (size_t)sqlite3_column_bytes(st, col + 1) : 0;
	art->text = col_text(st, col + 2, a, &oom);
	art->text_n = art->text ? (size_t)sqlite3_column_bytes(st, col + 2) : 0;
	art->published = col_text(st, col + 3, a, &oom);
	art->url = col_text(st, col + 4, a, &oom);
	if (!art->text)
		art->text = "";
	return !oom;
}

enum rasd_status rasd_db_query(struct rasd_db *db, const struct rasd_db_filter *f,
			       struct rasd_arena *a, rasd_db_event_fn fn, void *ctx,
			       struct rasd_error *err)
{
	struct rasd_arena fa; /* the filter's values, bound until the end */
	struct where w;
	sqlite3_stmt *st = NULL;
	enum rasd_status status;
	int next, rc;

	rasd_arena_init(&fa, 0);
	status = where_build(f, &fa, &w, err);
	if (status == RASD_OK)
		status = prepare_where(db, EVENT_SELECT, &w,
				       f && f->newest_first
					       ? " ORDER BY e.event_date IS NULL, e.event_date DESC,"
						 " e.id DESC LIMIT ?"
					       : " ORDER BY e.event_date IS NULL, e.event_date, e.id"
						 " LIMIT ?",
				       &st, &next, err);
	if (status != RASD_OK)
		goto out;
	rc = sqlite3_bind_int64(st, next, f && f->limit > 0 ? f->limit : -1);
	if (rc != SQLITE_OK) {
		status = fail(db, err, rc, "binding a query");
		goto out;
	}
	for (;;) {
		struct rasd_db_event ev;

		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			status = fail(db, err, rc, "reading events");
			goto out;
		}
		rasd_arena_reset(a);
		if (!row_to_event(st, a, &ev)) {
			status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			goto out;
		}
		status = read_links(db, sqlite3_column_int64(st, 0), a, &ev, err);
		if (status != RASD_OK)
			goto out;
		status = fn(ctx, &ev);
		if (status != RASD_OK)
			goto out;
	}
out:
	sqlite3_finalize(st);
	where_release(&w);
	rasd_arena_release(&fa);
	return status;
}

/* ------------------------------------------------------------- search */

enum rasd_status rasd_db_search(struct rasd_db *db, const char *query, long limit,
				const char *open, const char *close, struct rasd_arena *a,
				rasd_db_hit_fn fn, void *ctx, struct rasd_error *err)
{
	static const char sql[] =
		"SELECT a.doc_id, a.title, a.source, a.url, a.published,"
		" snippet(article_fts, -1, ?1, ?2, '…', 24), article_fts.rank,"
		" (SELECT count(DISTINCT m.event) FROM mention m WHERE m.article = a.id)"
		" FROM article_fts JOIN article a ON a.id = article_fts.rowid"
		" WHERE article_fts MATCH ?3 ORDER BY article_fts.rank LIMIT ?4";
	struct rasd_buf q;
	sqlite3_stmt *st = NULL;
	struct binder b;
	enum rasd_status status;
	int rc;

	rasd_buf_init(&q, 1 << 16);
	status = rasd_fts_query(&q, query, strlen(query), err);
	if (status != RASD_OK)
		goto out;
	rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		status = fail(db, err, rc, "preparing the search");
		goto out;
	}
	bind_init(&b, st);
	bind_text_n(&b, open ? open : "", open ? strlen(open) : 0);
	bind_text_n(&b, close ? close : "", close ? strlen(close) : 0);
	bind_text_n(&b, q.p, q.n);
	bind_int(&b, limit > 0 ? limit : 20);
	if (b.rc != SQLITE_OK) {
		status = fail(db, err, b.rc, "binding the search");
		goto out;
	}
	for (;;) {
		struct rasd_db_hit h;
		bool oom = false;

		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			status = fail(db, err, rc, "searching");
			goto out;
		}
		rasd_arena_reset(a);
		h.doc_id = col_text(st, 0, a, &oom);
		h.title = col_text(st, 1, a, &oom);
		h.source = col_text(st, 2, a, &oom);
		h.url = col_text(st, 3, a, &oom);
		h.published = col_text(st, 4, a, &oom);
		h.snippet = col_text(st, 5, a, &oom);
		h.rank = sqlite3_column_double(st, 6);
		h.nevents = (long)sqlite3_column_int64(st, 7);
		if (oom) {
			status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			goto out;
		}
		status = fn(ctx, &h);
		if (status != RASD_OK)
			goto out;
	}
out:
	sqlite3_finalize(st);
	rasd_buf_release(&q);
	return status;
}

/* -------------------------------------------------------------- stats */

static enum rasd_status scalar_row(struct rasd_db *db, const char *sql, long long *v, int nv,
				   struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL), k;

	if (rc != SQLITE_OK) {
		status = fail(db, err, rc, "counting");
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		status = fail(db, err, rc, "counting");
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
	struct where w;
	sqlite3_stmt *st = NULL;
	long long v[3];
	enum rasd_status status;
	int next, rc;

	memset(t, 0, sizeof(*t));
	rasd_arena_init(&a, 0);
	status = where_build(f, &a, &w, err);
	if (status == RASD_OK)
		status = prepare_where(db,
				       "SELECT count(*), coalesce(sum(e.fatalities), 0),"
				       " coalesce(sum(e.narticles > 1), 0), min(e.event_date),"
				       " max(e.event_date) FROM event e",
				       &w, "", &st, &next, err);
	if (status != RASD_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		status = fail(db, err, rc, "counting events");
		goto out;
	}
	t->events = (long)sqlite3_column_int64(st, 0);
	t->fatalities = (long)sqlite3_column_int64(st, 1);
	t->multi_source_events = (long)sqlite3_column_int64(st, 2);
	if (sqlite3_column_text(st, 3))
		snprintf(t->first_date, sizeof(t->first_date), "%.10s", sqlite3_column_text(st, 3));
	if (sqlite3_column_text(st, 4))
		snprintf(t->last_date, sizeof(t->last_date), "%.10s", sqlite3_column_text(st, 4));
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
	where_release(&w);
	rasd_arena_release(&a);
	return status;
}

enum rasd_status rasd_db_count_by(struct rasd_db *db, const struct rasd_db_filter *f,
				  enum rasd_db_stat by, long limit, rasd_db_count_fn fn, void *ctx,
				  struct rasd_error *err)
{
	struct rasd_arena a;
	struct where w;
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
	default: return rasd_error_set(err, RASD_EINVAL, 0, 0, "unknown statistic");
	}
	rasd_arena_init(&a, 0);
	status = where_build(f, &a, &w, err);
	if (status == RASD_OK)
		status = prepare_where(db, prefix, &w, suffix, &st, &next, err);
	if (status != RASD_OK)
		goto out;
	rc = sqlite3_bind_int64(st, next, limit > 0 ? limit : -1);
	if (rc != SQLITE_OK) {
		status = fail(db, err, rc, "binding a query");
		goto out;
	}
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			status = fail(db, err, rc, "counting");
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
	where_release(&w);
	rasd_arena_release(&a);
	return status;
}
