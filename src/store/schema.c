/*
 * schema.c - the tables of the events database and their migrations
 * (PRAGMA user_version, one step per version, each in its own
 * transaction), and the check of what a file holds before rasd writes to
 * it. docs/schema.md describes every table. Part of store/.
 */
#include "store.h"

#include <stdio.h>

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

/* The view event_full (schema_v3, and schema_v6 with the review columns
 * after these): its columns and its joins. */
#define EVENT_FULL_COLUMNS \
	"  e.id, e.event_id, e.event_date, e.time_precision, e.event_type, e.sub_event_type,\n" \
	"  e.actor1, c1.name_en AS actor1_name, c1.name_ar AS actor1_name_ar,\n" \
	"  e.assoc_actor1, c2.name_en AS assoc_actor1_name, c2.name_ar AS assoc_actor1_name_ar,\n" \
	"  e.actor2, c3.name_en AS actor2_name, c3.name_ar AS actor2_name_ar,\n" \
	"  e.assoc_actor2, c4.name_en AS assoc_actor2_name, c4.name_ar AS assoc_actor2_name_ar,\n" \
	"  e.country,\n" \
	"  (SELECT p.name_en FROM place_name p WHERE p.kind = 'admin1' AND p.country = e.country\n" \
	"    AND p.name_ar = e.admin1) AS admin1,\n" \
	"  e.admin1 AS admin1_ar,\n" \
	"  (SELECT p.name_en FROM place_name p WHERE p.kind = 'admin2' AND p.country = e.country\n" \
	"    AND p.admin1 = e.admin1 AND p.name_ar = e.admin2) AS admin2,\n" \
	"  e.admin2 AS admin2_ar,\n" \
	"  coalesce((SELECT p.name_en FROM place_name p WHERE p.country = e.country\n" \
	"    AND p.kind = 'place' AND p.latitude = e.latitude AND p.longitude = e.longitude\n" \
	"    AND p.name_ar = e.location),\n" \
	"   (SELECT p.name_en FROM place_name p WHERE p.country = e.country AND p.kind = 'place'\n" \
	"    AND p.latitude = e.latitude AND p.longitude = e.longitude\n" \
	"    ORDER BY p.specificity LIMIT 1)) AS location,\n" \
	"  e.location AS location_ar, e.pcode, e.latitude, e.longitude, e.geo_precision,\n" \
	"  e.fatalities, e.claimed, e.modality, e.trigger, e.confidence, e.narticles, e.nsources,\n" \
	"  (SELECT group_concat(s.source, '; ') FROM (SELECT DISTINCT m2.source AS source\n" \
	"    FROM mention m2 WHERE m2.event = e.id AND m2.source IS NOT NULL) s) AS sources,\n" \
	"  a.doc_id, a.title, a.url, a.published, pm.sentence AS evidence"
#define EVENT_FULL_FROM \
	"FROM event e\n" \
	"LEFT JOIN actor c1 ON c1.code = e.actor1\n" \
	"LEFT JOIN actor c2 ON c2.code = e.assoc_actor1\n" \
	"LEFT JOIN actor c3 ON c3.code = e.actor2\n" \
	"LEFT JOIN actor c4 ON c4.code = e.assoc_actor2\n" \
	"LEFT JOIN mention pm ON pm.event = e.id AND pm.is_primary = 1\n" \
	"LEFT JOIN article a ON a.id = pm.article"

/* Version 3: `place_name` (the gazetteer's English names, filled by
 * place_names.c) and two views for analysts: event_full (an event with its
 * actors' and places' names in English and Arabic, its outlets and its
 * primary evidence) and event_source (one row per article behind an
 * event), so R, pandas or the sqlite3 shell need no joins. */
static const char schema_v3[] =
	"CREATE TABLE place_name (\n"
	"  kind TEXT NOT NULL,\n" /* admin1, admin2 or place */
	"  country TEXT NOT NULL,\n"
	"  admin1 TEXT NOT NULL DEFAULT '',\n"
	"  name_ar TEXT NOT NULL,\n"
	"  name_en TEXT,\n"
	"  latitude REAL, longitude REAL,\n"
	"  specificity INTEGER,\n"
	"  admin3_ar TEXT, admin3_en TEXT\n"
	");\n"
	"CREATE INDEX place_name_unit ON place_name(kind, country, name_ar);\n"
	"CREATE INDEX place_name_point ON place_name(country, latitude, longitude);\n"
	"CREATE VIEW event_full AS SELECT\n"
	EVENT_FULL_COLUMNS "\n"
	EVENT_FULL_FROM ";\n"
	"CREATE VIEW event_source AS SELECT\n"
	"  m.event, e.event_id, m.mention_id, m.is_primary, a.doc_id, a.source, a.url, a.title,\n"
	"  a.published, m.evidence_field, m.evidence_start, m.evidence_end, m.sentence,\n"
	"  m.confidence, a.ingested\n"
	"FROM mention m JOIN event e ON e.id = m.event JOIN article a ON a.id = m.article;\n"
	"PRAGMA user_version = 3;\n";

/* Version 4: review columns on event, corrections (review_field) and the
 * audit trail (review_log); review*.c and docs/review.md. */
static const char schema_v4[] =
	"ALTER TABLE event ADD COLUMN review_status TEXT NOT NULL DEFAULT 'unreviewed';\n"
	"ALTER TABLE event ADD COLUMN review_reason TEXT;\n"
	"ALTER TABLE event ADD COLUMN duplicate_of INTEGER;\n"
	"ALTER TABLE event ADD COLUMN recheck TEXT;\n"
	"ALTER TABLE event ADD COLUMN reviewed_by TEXT;\n"
	"ALTER TABLE event ADD COLUMN reviewed_at TEXT;\n"
	"CREATE INDEX event_review ON event(review_status);\n"
	"CREATE TABLE review_field (\n"
	"  event INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,\n"
	"  field TEXT NOT NULL,\n"
	"  value,\n"
	"  PRIMARY KEY (event, field)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE review_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  change INTEGER NOT NULL,\n"
	"  event INTEGER NOT NULL,\n"
	"  event_id TEXT,\n"
	"  action TEXT NOT NULL,\n"
	"  field TEXT NOT NULL,\n"
	"  old TEXT,\n"
	"  new TEXT,\n"
	"  had_override INTEGER NOT NULL DEFAULT 0,\n"
	"  old_override,\n"
	"  reviewer TEXT,\n"
	"  time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
	"  note TEXT,\n"
	"  undone_by INTEGER\n"
	");\n"
	"CREATE INDEX review_log_event ON review_log(event, change);\n"
	"PRAGMA user_version = 4;\n";

/* Version 5: the store at a million events (issue 13). Type filters
 * compare without case, so their indexes do too, with the date after
 * them for the date order; --near goes through an R*Tree of the events'
 * points (event_geo, kept by triggers; 32-bit boxes, so the exact test
 * stays in the query); the latitude band index it replaces goes. */
static const char schema_v5[] =
	"CREATE INDEX event_type_nocase ON event(event_type COLLATE NOCASE, event_date);\n"
	"CREATE INDEX event_sub_type_nocase ON event(sub_event_type COLLATE NOCASE, event_date);\n"
	"DROP INDEX event_latitude;\n"
	"CREATE VIRTUAL TABLE event_geo USING rtree(id, min_lat, max_lat, min_lon, max_lon);\n"
	"INSERT INTO event_geo SELECT id, latitude, latitude, longitude, longitude FROM event\n"
	"  WHERE latitude IS NOT NULL AND longitude IS NOT NULL;\n"
	"CREATE TRIGGER event_geo_insert AFTER INSERT ON event\n"
	"  WHEN new.latitude IS NOT NULL AND new.longitude IS NOT NULL BEGIN\n"
	"  INSERT INTO event_geo VALUES (new.id, new.latitude, new.latitude, new.longitude,\n"
	"    new.longitude);\n"
	"END;\n"
	"CREATE TRIGGER event_geo_update AFTER UPDATE OF latitude, longitude ON event\n"
	"  WHEN old.latitude IS NOT new.latitude OR old.longitude IS NOT new.longitude BEGIN\n"
	"  DELETE FROM event_geo WHERE id = old.id;\n"
	"  INSERT INTO event_geo SELECT new.id, new.latitude, new.latitude, new.longitude,\n"
	"    new.longitude WHERE new.latitude IS NOT NULL AND new.longitude IS NOT NULL;\n"
	"END;\n"
	"CREATE TRIGGER event_geo_delete AFTER DELETE ON event BEGIN\n"
	"  DELETE FROM event_geo WHERE id = old.id;\n"
	"END;\n"
	"PRAGMA user_version = 5;\n";

/* Version 6: event_full gains the review columns (review_status,
 * review_reason, duplicate_of), so a reader of the view can leave out the
 * events an analyst rejected. */
static const char schema_v6[] =
	"DROP VIEW event_full;\n"
	"CREATE VIEW event_full AS SELECT\n"
	EVENT_FULL_COLUMNS ",\n"
	"  e.review_status, e.review_reason, e.duplicate_of\n"
	EVENT_FULL_FROM ";\n"
	"PRAGMA user_version = 6;\n";

/* Each step in pieces, as C caps the length of one string literal. */
static const char *const schema_v1[] = {schema_v1_article, schema_v1_event, schema_v1_mention,
					schema_v1_fts, NULL};
static const char *const schema_v2_all[] = {schema_v2, NULL};
static const char *const schema_v3_all[] = {schema_v3, NULL};
static const char *const schema_v4_all[] = {schema_v4, NULL};
static const char *const schema_v5_all[] = {schema_v5, NULL};
static const char *const schema_v6_all[] = {schema_v6, NULL};
/* Version 7: the counts of rasd stats, kept by triggers (summary.c). */
static const char *const *const migrations[RASD_DB_SCHEMA_VERSION + 1] = {
	NULL,	       schema_v1,     schema_v2_all, schema_v3_all,
	schema_v4_all, schema_v5_all, schema_v6_all, store_schema_v7};

enum rasd_status store_migrate(struct rasd_db *db, struct rasd_error *err)
{
	enum rasd_status st = RASD_OK;
	long long v;
	int target;

	for (target = db->version + 1; target <= RASD_DB_SCHEMA_VERSION; target++) {
		st = store_exec(db, "BEGIN IMMEDIATE", "starting a migration", err);
		if (st != RASD_OK)
			goto out;
		/* another process may have migrated while we waited */
		st = store_query_int(db, "PRAGMA user_version", &v, err);
		if (st == RASD_OK && v < target) {
			const char *const *piece;
			for (piece = migrations[target]; *piece && st == RASD_OK; piece++)
				st = store_exec(db, *piece, "migrating the schema", err);
		}
		if (st != RASD_OK) {
			sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
			goto out;
		}
		st = store_exec(db, "COMMIT", "migrating the schema", err);
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
enum rasd_status store_check_schema(struct rasd_db *db, struct rasd_error *err)
{
	/* one statement, so one snapshot: another process migrating the
	 * file between two reads cannot make it look like somebody else's */
	static const char sql[] = "SELECT (SELECT application_id FROM pragma_application_id),"
				  " (SELECT user_version FROM pragma_user_version),"
				  " (SELECT count(*) FROM sqlite_master)";
	sqlite3_stmt *q = NULL;
	long long app, version, tables;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &q, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		enum rasd_status st = store_fail(db, err, rc, "reading the schema");
		sqlite3_finalize(q);
		return st;
	}
	app = sqlite3_column_int64(q, 0);
	version = sqlite3_column_int64(q, 1);
	tables = sqlite3_column_int64(q, 2);
	sqlite3_finalize(q);
	if (app != STORE_APP_ID && tables > 0)
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
