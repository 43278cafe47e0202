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
#include <unistd.h>

static const char sql_begin[] =
	"BEGIN IMMEDIATE";
static const char sql_commit[] =
	"COMMIT";

/* Not part of the public flags: the file is a fresh one to publish. */
#define OPEN_UNPUBLISHED (1u << 30)

/* Whether rasd could write next to the file (its -wal and -shm). */
static bool can_write(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');

	if (access(path, W_OK) != 0)
		return false;
	if (!slash)
		return access(".", W_OK) == 0;
	if ((size_t)(slash - path) + 1 >= sizeof(dir))
		return true; /* let SQLite say */
	memcpy(dir, path, (size_t)(slash - path) + 1);
	dir[slash - path + 1] = '\0';
	return access(dir, W_OK) == 0;
}

/* "file:" + path with the characters a URI reserves escaped, + query. */
static char *file_uri(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path), k = 5, i;
	char *u = malloc(5 + 3 * n + strlen(query) + 1);

	if (!u)
		return NULL;
	memcpy(u, "file:", 5);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		if (c == '%' || c == '?' || c == '#' || c < 0x21 || c == 0x7f) {
			u[k++] = '%';
			u[k++] = hex[c >> 4];
			u[k++] = hex[c & 15];
		} else {
			u[k++] = (char)c;
		}
	}
	memcpy(u + k, query, strlen(query) + 1);
	return u;
}

static bool has_wal(const char *path)
{
	char wal[4200];
	struct stat sb;

	snprintf(wal, sizeof(wal), "%.4090s-wal", path);
	return stat(wal, &sb) == 0 && sb.st_size > 0;
}

/*
 * PRAGMA journal_mode = WAL needs the database to itself for a moment and
 * does not wait for it with the busy handler: wait here, up to busy_ms.
 */
static enum rasd_status set_wal(struct rasd_db *db, struct rasd_error *err)
{
	int waited = 0, rc;

	for (;;) {
		rc = sqlite3_exec(db->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		if (waited >= db->busy_ms)
			break;
		sqlite3_sleep(10);
		waited += 10;
	}
	return rc == SQLITE_OK ? RASD_OK : store_fail(db, err, rc, "switching to WAL");
}

/*
 * A new database is built under a temporary name in the same directory
 * and linked into place complete, with its schema, WAL mode and
 * application id: another rasd creating the same file at the same moment
 * either wins (and this one opens its file) or loses (and opens ours), but
 * nobody ever opens a file half made (F2 of issue 12).
 */
static enum rasd_status create_new(const char *path, int busy_ms, struct rasd_error *err)
{
	char tmp[4200];
	const char *slash = strrchr(path, '/');
	struct rasd_db *fresh = NULL;
	enum rasd_status st;
	int len;

	if (slash)
		len = snprintf(tmp, sizeof(tmp), "%.*s.%s.new-%ld", (int)(slash - path + 1), path,
			       slash + 1, (long)getpid());
	else
		len = snprintf(tmp, sizeof(tmp), ".%s.new-%ld", path, (long)getpid());
	if (len < 0 || (size_t)len >= sizeof(tmp) - 8)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "database path too long: '%s'", path);
	{
		char dir[4200];
		int dn = slash ? (int)(slash - path + 1) : 0;
		snprintf(dir, sizeof(dir), "%.*s", dn, path);
		if (access(dn ? dir : ".", W_OK) != 0)
			return rasd_error_set(err, RASD_EIO, 0, 0, "cannot create database '%s': %s",
					      path, strerror(errno));
	}
	unlink(tmp); /* left by a killed run of this pid */
	st = rasd_db_open(tmp, RASD_DB_CREATE | OPEN_UNPUBLISHED, busy_ms, &fresh, err);
	rasd_db_free(fresh); /* checkpoints: the file alone holds everything */
	if (st != RASD_OK) {
		unlink(tmp);
		return st;
	}
	if (link(tmp, path) != 0 && errno != EEXIST) {
		/* no hard links on this file system: a rename, when still free */
		if (access(path, F_OK) != 0 && rename(tmp, path) == 0)
			return RASD_OK;
		st = rasd_error_set(err, RASD_EIO, 0, 0, "cannot create database '%s': %s", path,
				    strerror(errno));
	}
	unlink(tmp);
	return st;
}

enum rasd_status rasd_db_open(const char *path, unsigned flags, int busy_ms, struct rasd_db **out,
			      struct rasd_error *err)
{
	struct rasd_db *db;
	struct stat sb;
	enum rasd_status st = RASD_OK;
	char *uri = NULL;
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
		if (!(flags & OPEN_UNPUBLISHED)) {
			st = create_new(path, db->busy_ms, err);
			if (st != RASD_OK)
				goto out;
		}
	} else if (S_ISDIR(sb.st_mode)) {
		st = rasd_error_set(err, RASD_EINVAL, 0, 0, "'%s' is a directory, not a database",
				    path);
		goto out;
	}
	oflags = db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (!db->readonly && (flags & OPEN_UNPUBLISHED))
		oflags |= SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE;
	if (db->readonly && !can_write(path)) {
		/* a read-only directory or file system (an archive on a DVD, a
		 * shared mount): nobody can be writing it, and SQLite cannot
		 * make the -shm it wants, so read it as immutable; a write-ahead
		 * log left there is read with the file, in read-only mode */
		uri = file_uri(path, has_wal(path) ? "?mode=ro" : "?immutable=1");
		if (!uri) {
			st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			goto out;
		}
		oflags |= SQLITE_OPEN_URI;
	}
	rc = sqlite3_open_v2(uri ? uri : path, &db->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
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
	/* damage inside a page is found when the page is read, not later */
	rc = sqlite3_exec(db->db, "PRAGMA cell_size_check = ON", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		st = store_fail(db, err, rc, "opening");
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
		st = set_wal(db, err);
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
	/* each article's savepoint keeps the pages it changes in a statement
	 * journal: in memory, not written to a temporary file page by page
	 * (two thirds of ingest's system calls); it is freed at each RELEASE.
	 * Readers keep the default, so that a large sort spills to a file. */
	if (st == RASD_OK && !db->readonly)
		st = store_exec(db, "PRAGMA temp_store = MEMORY", "setting the temporary store", err);
out:
	free(uri);
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

bool rasd_db_damaged(const struct rasd_db *db)
{
	return db && db->damaged;
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

static const char sql_begin_read[] = "BEGIN DEFERRED";

enum rasd_status rasd_db_read_begin(struct rasd_db *db, struct rasd_error *err)
{
	if (!sqlite3_get_autocommit(db->db))
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "a read inside a transaction");
	return run_simple(db, sql_begin_read, "starting to read", err);
}

void rasd_db_read_end(struct rasd_db *db)
{
	/* nothing was written: ending it cannot lose anything */
	if (db && db->db && !sqlite3_get_autocommit(db->db))
		sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL);
}

void rasd_db_rollback(struct rasd_db *db)
{
	if (db && db->db && !sqlite3_get_autocommit(db->db))
		sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
	if (db)
		db->nactors_seen = 0; /* the actors written in it are gone */
}
