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

/* Each step in pieces, as C caps the length of one string literal. */
static const char *const schema_v1[] = {schema_v1_article, schema_v1_event, schema_v1_mention,
					schema_v1_fts, NULL};
static const char *const schema_v2_all[] = {schema_v2, NULL};
static const char *const *const migrations[RASD_DB_SCHEMA_VERSION + 1] = {NULL, schema_v1,
									  schema_v2_all};

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
