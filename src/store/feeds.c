/*
 * feeds.c - what `rasd watch` remembers, in the events database beside
 * the events: the feeds followed (with their ETag and Last-Modified for
 * conditional requests), every item seen (by canonical URL, and by GUID
 * within its feed) and how far it got, the raw page of each item kept
 * compressed, and a log of every fetch. The tables have their own schema
 * version in watch_meta, created on first use; docs/watch.md describes
 * them. An item moves pending -> fetched -> stored (or failed, retried, or
 * gone), each step committed, so a killed watch resumes where it stopped
 * without fetching a stored page again. Part of store/.
 */
#include "store.h"

#include <stdlib.h>
#include <zlib.h>

#define WATCH_SCHEMA_VERSION 1

static const char sql_watch_schema[] =
    "CREATE TABLE IF NOT EXISTS watch_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS feed(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  url TEXT NOT NULL UNIQUE,\n"
    "  name TEXT, country TEXT,\n"
    "  etag TEXT, last_modified TEXT,\n"
    "  last_fetch TEXT, last_status INTEGER, last_error TEXT,\n"
    "  items INTEGER NOT NULL DEFAULT 0,\n"
    "  errors INTEGER NOT NULL DEFAULT 0,\n"
    "  added TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS feed_item(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  url TEXT NOT NULL UNIQUE,\n"
    "  link TEXT NOT NULL,\n"
    "  guid TEXT,\n"
    "  feed_id INTEGER NOT NULL REFERENCES feed(id),\n"
    "  title TEXT, published TEXT,\n"
    "  state TEXT NOT NULL CHECK (state IN ('pending','fetched','stored','failed','gone')),\n"
    "  attempts INTEGER NOT NULL DEFAULT 0,\n"
    "  error TEXT, doc_id TEXT,\n"
    "  seen TEXT NOT NULL, done TEXT);\n"
    "CREATE INDEX IF NOT EXISTS feed_item_guid ON feed_item(feed_id, guid);\n"
    "CREATE INDEX IF NOT EXISTS feed_item_state ON feed_item(state);\n"
    "CREATE TABLE IF NOT EXISTS feed_item_source(\n"
    "  item_id INTEGER NOT NULL REFERENCES feed_item(id),\n"
    "  feed_id INTEGER NOT NULL REFERENCES feed(id),\n"
    "  PRIMARY KEY (item_id, feed_id)) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS page(\n"
    "  item_id INTEGER PRIMARY KEY REFERENCES feed_item(id),\n"
    "  fetched TEXT NOT NULL,\n"
    "  url TEXT NOT NULL,\n"
    "  status INTEGER, content_type TEXT,\n"
    "  bytes INTEGER NOT NULL,\n"
    "  raw BLOB NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS fetch_log(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  at TEXT NOT NULL,\n"
    "  url TEXT NOT NULL,\n"
    "  feed_id INTEGER, item_id INTEGER,\n"
    "  status INTEGER, bytes INTEGER, ms INTEGER, attempts INTEGER,\n"
    "  error TEXT);\n"
    "CREATE INDEX IF NOT EXISTS fetch_log_at ON fetch_log(at);\n"
    "INSERT OR REPLACE INTO watch_meta(key, value) VALUES ('schema', '1');\n";

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

enum rasd_status rasd_watch_prepare(struct rasd_db *db, struct rasd_error *err)
{
	long long have = 0;
	enum rasd_status st;

	st = store_query_int(db,
			     "SELECT count(*) FROM sqlite_master WHERE name = 'watch_meta'", &have,
			     err);
	if (st != RASD_OK)
		return st;
	if (have) {
		st = store_query_int(db, "SELECT CAST(value AS INTEGER) FROM watch_meta "
					 "WHERE key = 'schema'",
				     &have, err);
		if (st != RASD_OK)
			return st;
		if (have > WATCH_SCHEMA_VERSION)
			return rasd_error_set(err, RASD_EINVAL, 0, 0,
					      "'%s' has watch tables of version %lld, newer than "
					      "this rasd knows (%d); upgrade rasd",
					      db->path, have, WATCH_SCHEMA_VERSION);
		if (have == WATCH_SCHEMA_VERSION)
			return RASD_OK;
	}
	if (db->readonly)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "'%s' has no watch state yet",
				      db->path);
	st = store_exec(db, "BEGIN IMMEDIATE", "creating the watch tables", err);
	if (st == RASD_OK)
		st = store_exec(db, sql_watch_schema, "creating the watch tables", err);
	if (st == RASD_OK)
		st = store_exec(db, "COMMIT", "creating the watch tables", err);
	if (st != RASD_OK)
		rasd_db_rollback(db);
	return st;
}

static const char sql_feed_upsert[] =
    "INSERT INTO feed(url, name, country, added) VALUES (?, ?, ?, " NOW ") "
    "ON CONFLICT(url) DO UPDATE SET name = excluded.name, country = excluded.country";
static const char sql_feed_get[] =
    "SELECT id, url, name, country, etag, last_modified, last_fetch, last_status, last_error, "
    "items, errors FROM feed WHERE url = ?";
static const char sql_feed_all[] =
    "SELECT id, url, name, country, etag, last_modified, last_fetch, last_status, last_error, "
    "items, errors FROM feed ORDER BY id";

static void read_feed(sqlite3_stmt *st, struct rasd_arena *a, struct rasd_watch_feed *f,
		      bool *oom)
{
	f->id = sqlite3_column_int64(st, 0);
	f->url = store_col_text(st, 1, a, oom);
	f->name = store_col_text(st, 2, a, oom);
	f->country = store_col_text(st, 3, a, oom);
	f->etag = store_col_text(st, 4, a, oom);
	f->last_modified = store_col_text(st, 5, a, oom);
	f->last_fetch = store_col_text(st, 6, a, oom);
	f->last_status = (long)sqlite3_column_int64(st, 7);
	f->last_error = store_col_text(st, 8, a, oom);
	f->items = (long)sqlite3_column_int64(st, 9);
	f->errors = (long)sqlite3_column_int64(st, 10);
}

enum rasd_status rasd_watch_feed_add(struct rasd_db *db, const char *url, const char *name,
				     const char *country, struct rasd_arena *a,
				     struct rasd_watch_feed *out, struct rasd_error *err)
{
	sqlite3_stmt *st;
	struct store_binder b;
	enum rasd_status status;
	bool oom = false;
	int rc;

	status = store_stmt(db, sql_feed_upsert, &st, err);
	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_text(&b, url);
	store_bind_text(&b, name);
	store_bind_text(&b, country);
	rc = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "recording a feed");
	status = store_stmt(db, sql_feed_get, &st, err);
	if (status != RASD_OK)
		return status;
	sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_feed(st, a, out, &oom);
	store_done(st);
	if (rc != SQLITE_ROW)
		return store_fail(db, err, rc, "reading a feed");
	return oom ? rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory") : RASD_OK;
}

enum rasd_status rasd_watch_feed_list(struct rasd_db *db, struct rasd_arena *a,
				      struct rasd_watch_feed **feeds, size_t *n,
				      struct rasd_error *err)
{
	sqlite3_stmt *st;
	enum rasd_status status = store_stmt(db, sql_feed_all, &st, err);
	size_t cap = 0;
	bool oom = false;
	int rc;

	*feeds = NULL;
	*n = 0;
	if (status != RASD_OK)
		return status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rasd_watch_feed *nf = rasd_arena_grow(a, *feeds, *n, &cap, sizeof(*nf), 32);
		if (!nf) {
			oom = true;
			break;
		}
		*feeds = nf;
		read_feed(st, a, &(*feeds)[(*n)++], &oom);
	}
	store_done(st);
	if (oom)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "listing feeds");
	return RASD_OK;
}

static const char sql_item_by_url[] = "SELECT id FROM feed_item WHERE url = ?";
static const char sql_item_by_guid[] = "SELECT id FROM feed_item WHERE feed_id = ? AND guid = ?";
static const char sql_item_insert[] =
    "INSERT INTO feed_item(url, link, guid, feed_id, title, published, state, seen) "
    "VALUES (?, ?, ?, ?, ?, ?, 'pending', " NOW ")";
static const char sql_item_source[] =
    "INSERT OR IGNORE INTO feed_item_source(item_id, feed_id) VALUES (?, ?)";
static const char sql_feed_fetched[] =
    "UPDATE feed SET etag = CASE WHEN ?2 = 304 THEN etag ELSE ?3 END, "
    "last_modified = CASE WHEN ?2 = 304 THEN last_modified ELSE ?4 END, "
    "last_fetch = " NOW ", last_status = ?2, last_error = NULL, items = items + ?5 "
    "WHERE id = ?1";
static const char sql_feed_failed[] =
    "UPDATE feed SET last_fetch = " NOW ", last_status = ?2, last_error = ?3, "
    "errors = errors + 1 WHERE id = ?1";

/* The id of a row found by a one-row query bound with text (and feed id). */
static enum rasd_status find_id(struct rasd_db *db, const char *sql, long long feed_id,
				const char *text, long long *id, struct rasd_error *err)
{
	sqlite3_stmt *st;
	enum rasd_status status = store_stmt(db, sql, &st, err);
	int rc, k = 1;

	*id = 0;
	if (status != RASD_OK)
		return status;
	if (feed_id)
		sqlite3_bind_int64(st, k++, feed_id);
	sqlite3_bind_text(st, k, text, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(db, err, rc, "looking up a feed item");
	return RASD_OK;
}

enum rasd_status rasd_watch_feed_seen(struct rasd_db *db, long long feed_id, long status_code,
				      const char *etag, const char *last_modified,
				      const struct rasd_feed_item *items,
				      const char *const *canonical, size_t n, long *new_items,
				      struct rasd_error *err)
{
	sqlite3_stmt *st;
	struct store_binder b;
	enum rasd_status status = RASD_OK;
	size_t i;
	int rc;

	*new_items = 0;
	for (i = 0; i < n && status == RASD_OK; i++) {
		long long id = 0;
		if (!canonical[i])
			continue;
		status = find_id(db, sql_item_by_url, 0, canonical[i], &id, err);
		if (status == RASD_OK && !id && items[i].guid)
			status = find_id(db, sql_item_by_guid, feed_id, items[i].guid, &id, err);
		if (status != RASD_OK)
			break;
		if (!id) {
			status = store_stmt(db, sql_item_insert, &st, err);
			if (status != RASD_OK)
				break;
			store_bind_init(&b, st);
			store_bind_text(&b, canonical[i]);
			store_bind_text(&b, items[i].link);
			store_bind_text(&b, items[i].guid);
			store_bind_int(&b, feed_id);
			store_bind_text(&b, items[i].title);
			store_bind_text(&b, items[i].published);
			rc = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
			store_done(st);
			if (rc != SQLITE_DONE)
				return store_fail(db, err, rc, "recording a feed item");
			id = sqlite3_last_insert_rowid(db->db);
			(*new_items)++;
		}
		status = store_stmt(db, sql_item_source, &st, err);
		if (status != RASD_OK)
			break;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, feed_id);
		rc = sqlite3_step(st);
		store_done(st);
		if (rc != SQLITE_DONE)
			return store_fail(db, err, rc, "recording where an item was seen");
	}
	if (status != RASD_OK)
		return status;
	status = store_stmt(db, sql_feed_fetched, &st, err);
	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_int(&b, feed_id);
	store_bind_int(&b, status_code);
	store_bind_text(&b, etag);
	store_bind_text(&b, last_modified);
	store_bind_int(&b, *new_items);
	rc = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "recording a feed's fetch");
	return RASD_OK;
}

enum rasd_status rasd_watch_feed_error(struct rasd_db *db, long long feed_id, long status_code,
				       const char *msg, struct rasd_error *err)
{
	sqlite3_stmt *st;
	struct store_binder b;
	enum rasd_status status = store_stmt(db, sql_feed_failed, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_int(&b, feed_id);
	store_bind_int(&b, status_code);
	store_bind_text(&b, msg);
	rc = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
	store_done(st);
	return rc == SQLITE_DONE ? RASD_OK : store_fail(db, err, rc, "recording a feed's error");
}

static const char sql_log[] =
    "INSERT INTO fetch_log(at, url, feed_id, item_id, status, bytes, ms, attempts, error) "
    "VALUES (" NOW ", ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_log_prune[] =
    "DELETE FROM fetch_log WHERE at < strftime('%Y-%m-%dT%H:%M:%SZ','now','-30 days')";

enum rasd_status rasd_watch_log(struct rasd_db *db, const struct rasd_watch_fetch *f,
				struct rasd_error *err)
{
	sqlite3_stmt *st;
	struct store_binder b;
	enum rasd_status status = store_stmt(db, sql_log, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_text(&b, f->url);
	if (f->feed_id)
		store_bind_int(&b, f->feed_id);
	else
		store_bind_null(&b);
	if (f->item_id)
		store_bind_int(&b, f->item_id);
	else
		store_bind_null(&b);
	store_bind_int(&b, f->status);
	store_bind_int(&b, (long long)f->bytes);
	store_bind_int(&b, f->ms);
	store_bind_int(&b, f->attempts);
	store_bind_text(&b, f->error);
	rc = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
	store_done(st);
	return rc == SQLITE_DONE ? RASD_OK : store_fail(db, err, rc, "logging a fetch");
}

enum rasd_status rasd_watch_log_prune(struct rasd_db *db, struct rasd_error *err)
{
	return store_exec(db, sql_log_prune, "pruning the fetch log", err);
}

static const char sql_items_due[] =
    "SELECT i.id, i.feed_id, i.url, i.link, i.guid, i.title, i.published, i.state, "
    "i.attempts, f.name, f.country FROM feed_item i JOIN feed f ON f.id = i.feed_id "
    "WHERE i.state IN ('pending','fetched') OR (i.state = 'failed' AND i.attempts < ?) "
    "ORDER BY i.id";

enum rasd_status rasd_watch_items_due(struct rasd_db *db, int max_attempts,
				      struct rasd_arena *a, struct rasd_watch_item **items,
				      size_t *n, struct rasd_error *err)
{
	sqlite3_stmt *st;
	enum rasd_status status = store_stmt(db, sql_items_due, &st, err);
	size_t cap = 0;
	bool oom = false;
	int rc;

	*items = NULL;
	*n = 0;
	if (status != RASD_OK)
		return status;
	sqlite3_bind_int(st, 1, max_attempts);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rasd_watch_item *it, *ni = rasd_arena_grow(a, *items, *n, &cap, sizeof(*ni), 64);
		if (!ni) {
			oom = true;
			break;
		}
		*items = ni;
		it = &(*items)[(*n)++];
		it->id = sqlite3_column_int64(st, 0);
		it->feed_id = sqlite3_column_int64(st, 1);
		it->url = store_col_text(st, 2, a, &oom);
		it->link = store_col_text(st, 3, a, &oom);
		it->guid = store_col_text(st, 4, a, &oom);
		it->title = store_col_text(st, 5, a, &oom);
		it->published = store_col_text(st, 6, a, &oom);
		it->fetched = store_str_eq((const char *)sqlite3_column_text(st, 7), "fetched");
		it->attempts = sqlite3_column_int(st, 8);
		it->feed_name = store_col_text(st, 9, a, &oom);
		it->feed_country = store_col_text(st, 10, a, &oom);
	}
	store_done(st);
	if (oom)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "listing the items to fetch");
	return RASD_OK;
}

static const char sql_page_put[] =
    "INSERT OR REPLACE INTO page(item_id, fetched, url, status, content_type, bytes, raw) "
    "VALUES (?, " NOW ", ?, ?, ?, ?, ?)";
static const char sql_page_get[] =
    "SELECT url, content_type, bytes, raw FROM page WHERE item_id = ?";
static const char sql_item_fetched[] =
    "UPDATE feed_item SET state = 'fetched', error = NULL WHERE id = ?";

enum rasd_status rasd_watch_page_put(struct rasd_db *db, long long item_id, const char *url,
				     long status_code, const char *content_type, const char *body,
				     size_t n, struct rasd_error *err)
{
	sqlite3_stmt *st;
	struct store_binder b;
	enum rasd_status status;
	uLongf zn = compressBound((uLong)n);
	unsigned char *z;
	int rc;

	if ((unsigned long long)n > 0x7fffffffull)
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0, "page too large to keep");
	z = malloc(zn ? zn : 1);
	if (!z)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	if (compress2(z, &zn, (const Bytef *)body, (uLong)n, 6) != Z_OK) {
		free(z);
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "could not compress the page");
	}
	status = store_stmt(db, sql_page_put, &st, err);
	if (status != RASD_OK) {
		free(z);
		return status;
	}
	store_bind_init(&b, st);
	store_bind_int(&b, item_id);
	store_bind_text(&b, url);
	store_bind_int(&b, status_code);
	store_bind_text(&b, content_type);
	store_bind_int(&b, (long long)n);
	if (b.rc == SQLITE_OK)
		b.rc = sqlite3_bind_blob(st, ++b.i, z, (int)zn, SQLITE_TRANSIENT);
	rc = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
	store_done(st);
	free(z);
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "keeping a page");
	status = store_stmt(db, sql_item_fetched, &st, err);
	if (status != RASD_OK)
		return status;
	sqlite3_bind_int64(st, 1, item_id);
	rc = sqlite3_step(st);
	store_done(st);
	return rc == SQLITE_DONE ? RASD_OK : store_fail(db, err, rc, "marking an item fetched");
}

enum rasd_status rasd_watch_page_get(struct rasd_db *db, long long item_id, struct rasd_buf *body,
				     struct rasd_arena *a, const char **url,
				     const char **content_type, struct rasd_error *err)
{
	sqlite3_stmt *st;
	enum rasd_status status = store_stmt(db, sql_page_get, &st, err);
	bool oom = false;
	int rc;

	rasd_buf_reset(body);
	if (status != RASD_OK)
		return status;
	sqlite3_bind_int64(st, 1, item_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		long long bytes = sqlite3_column_int64(st, 2);
		const void *z = sqlite3_column_blob(st, 3);
		int zn = sqlite3_column_bytes(st, 3);
		uLongf out = (uLongf)bytes;
		*url = store_col_text(st, 0, a, &oom);
		*content_type = store_col_text(st, 1, a, &oom);
		if (bytes < 0 || (unsigned long long)bytes > RASD_WEB_MAX_PAGE * 4ull ||
		    rasd_buf_append(body, "", 0) != RASD_OK) {
			status = rasd_error_set(err, RASD_ETOOBIG, 0, 0, "kept page too large");
		} else {
			char *p = malloc((size_t)bytes + 1);
			if (!p) {
				status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			} else if (uncompress((Bytef *)p, &out, z, (uLong)zn) != Z_OK ||
				   out != (uLongf)bytes) {
				status = rasd_error_set(err, RASD_EDB, 0, 0,
							"kept page of item %lld is damaged", item_id);
			} else if (rasd_buf_append(body, p, (size_t)bytes) != RASD_OK) {
				status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			}
			free(p);
		}
	} else {
		status = rc == SQLITE_DONE
			     ? rasd_error_set(err, RASD_ENOTFOUND, 0, 0, "no page kept for item %lld",
					      item_id)
			     : store_fail(db, err, rc, "reading a kept page");
	}
	store_done(st);
	if (status == RASD_OK && oom)
		status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	return status;
}

static const char sql_item_state[] =
    "UPDATE feed_item SET state = ?2, doc_id = coalesce(?3, doc_id), error = ?4, "
    "attempts = attempts + (?2 IN ('failed','gone')), done = " NOW " WHERE id = ?1";

enum rasd_status rasd_watch_item_set(struct rasd_db *db, long long item_id, const char *state,
				     const char *doc_id, const char *error,
				     struct rasd_error *err)
{
	sqlite3_stmt *st;
	struct store_binder b;
	enum rasd_status status = store_stmt(db, sql_item_state, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	store_bind_init(&b, st);
	store_bind_int(&b, item_id);
	store_bind_text(&b, state);
	store_bind_text(&b, doc_id);
	store_bind_text(&b, error);
	rc = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
	store_done(st);
	return rc == SQLITE_DONE ? RASD_OK : store_fail(db, err, rc, "recording an item's state");
}

static const char sql_item_counts[] = "SELECT state, count(*) FROM feed_item GROUP BY state";

enum rasd_status rasd_watch_counts(struct rasd_db *db, struct rasd_watch_counts *c,
				   struct rasd_error *err)
{
	sqlite3_stmt *st;
	enum rasd_status status = store_stmt(db, sql_item_counts, &st, err);
	int rc;

	memset(c, 0, sizeof(*c));
	if (status != RASD_OK)
		return status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		long v = (long)sqlite3_column_int64(st, 1);
		if (store_str_eq(s, "pending"))
			c->pending = v;
		else if (store_str_eq(s, "fetched"))
			c->fetched = v;
		else if (store_str_eq(s, "stored"))
			c->stored = v;
		else if (store_str_eq(s, "failed"))
			c->failed = v;
		else if (store_str_eq(s, "gone"))
			c->gone = v;
	}
	store_done(st);
	return rc == SQLITE_DONE ? RASD_OK : store_fail(db, err, rc, "counting items");
}
