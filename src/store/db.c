/*
 * db.c - the events database handle: opening (creating, migrating and
 * setting up WAL on a writable open), closing, transactions, the cache of
 * prepared statements and the one-line report of a SQLite failure. Every
 * statement is prepared from constant text and every value is bound;
 * every SQLite return code is checked. The tables are in schema.c,
 * storing in ingest.c, reading in query.c, search.c and stats.c. Part of
 * store/: the last stage of the flow, after extract/.
 */
#include "store.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char sql_begin[] =
	"BEGIN IMMEDIATE";
static const char sql_commit[] =
	"COMMIT";

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
		st = store_fail(db, err, rc, "setting the lock timeout");
		goto out;
	}
	if (rasd_fts_register(db->db) != RASD_OK) {
		st = rasd_error_set(err, RASD_EDB, 0, 0,
				    "cannot register the search tokenizer: this SQLite lacks FTS5");
		goto out;
	}
	st = store_register_functions(db, err);
	if (st != RASD_OK)
		goto out;
	st = store_check_schema(db, err);
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
		st = store_exec(db, "PRAGMA journal_mode = WAL", "switching to WAL", err);
		if (st == RASD_OK)
			st = store_exec(db, "PRAGMA synchronous = NORMAL", "setting synchronous", err);
		/* fewer, larger checkpoints: each one syncs the database file */
		if (st == RASD_OK)
			st = store_exec(db, "PRAGMA wal_autocheckpoint = 8192", "setting checkpoints", err);
		if (st == RASD_OK)
			st = store_migrate(db, err);
		if (st != RASD_OK)
			goto out;
	}
	st = store_exec(db, "PRAGMA foreign_keys = ON", "enabling foreign keys", err);
	if (st == RASD_OK)
		st = store_exec(db, "PRAGMA cache_size = -32768", "setting the cache size", err);
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
	for (i = 0; i < db->nstmts; i++)
		sqlite3_finalize(db->stmts[i].st);
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

static enum rasd_status run_simple(struct rasd_db *db, const char *sql, const char *what,
				   struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = store_stmt(db, sql, &st, err);
	int rc;

	if (status != RASD_OK)
		return status;
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, what);
	return RASD_OK;
}

enum rasd_status rasd_db_begin(struct rasd_db *db, struct rasd_error *err)
{
	return run_simple(db, sql_begin, "starting a transaction", err);
}

enum rasd_status rasd_db_commit(struct rasd_db *db, struct rasd_error *err)
{
	return run_simple(db, sql_commit, "committing", err);
}

void rasd_db_rollback(struct rasd_db *db)
{
	if (db && db->db && !sqlite3_get_autocommit(db->db))
		sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
}
