/*
 * sql.c - running SQL on the events database: the cache of prepared
 * statements (keyed by the address of their constant text), constant SQL
 * run once, and the one-line report of a SQLite failure that names the
 * file. Every other file of store/ builds on it. Part of store/.
 */
#include "store.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

/*
 * Whether the database or its log has reached the file size limit (ulimit
 * -f): SQLite's last errno may be another call's by the time it reports
 * the failed write, so look at the sizes.
 */
static bool at_size_limit(const char *path)
{
	static const char *const suffix[2] = {"", "-wal"};
	struct rlimit rl;
	char p[4200];
	struct stat sb;
	int k;

	if (getrlimit(RLIMIT_FSIZE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return false;
	for (k = 0; k < 2; k++) {
		snprintf(p, sizeof(p), "%.4090s%s", path, suffix[k]);
		/* a page and a frame header short of it count */
		if (stat(p, &sb) == 0 && (rlim_t)sb.st_size + 70000 >= rl.rlim_cur)
			return true;
	}
	return false;
}

/* Report a SQLite failure as one line that names the file. */
enum rasd_status store_fail(struct rasd_db *db, struct rasd_error *err, int rc, const char *what)
{
	const char *msg = db->db ? sqlite3_errmsg(db->db) : sqlite3_errstr(rc);

	if (err)
		snprintf(err->file, sizeof(err->file), "%s", db->path);
	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
		db->damaged = true;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return rasd_error_set(err, RASD_EDB, 0, 0,
				      "'%s' is locked by another writer (waited %.1f s); try again "
				      "when it has finished",
				      db->path, db->busy_ms / 1000.0);
	case SQLITE_READONLY:
		return rasd_error_set(err, RASD_EIO, 0, 0, "cannot write to '%s': %s", db->path, msg);
	case SQLITE_IOERR: {
		int e = sqlite3_system_errno(db->db);
		if (e == EFBIG || at_size_limit(db->path))
			return rasd_error_set(err, RASD_EIO, 0, 0,
					      "cannot write to '%s': the file size limit is reached "
					      "(ulimit -f)",
					      db->path);
		if (e == ENOSPC || e == EDQUOT)
			return rasd_error_set(err, RASD_EIO, 0, 0, "cannot write to '%s': disk full",
					      db->path);
		return rasd_error_set(err, RASD_EIO, 0, 0, "'%s': %s: %s%s%s", db->path, what, msg,
				      e ? ": " : "", e ? strerror(e) : "");
	}
	case SQLITE_FULL:
		return rasd_error_set(err, RASD_EIO, 0, 0, "cannot write to '%s': disk full", db->path);
	case SQLITE_NOMEM: return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	case SQLITE_NOTADB:
		return rasd_error_set(err, RASD_EDB, 0, 0, "'%s' is not a database", db->path);
	case SQLITE_CONSTRAINT:
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "'%s': %s: %s", db->path, what, msg);
	case SQLITE_TOOBIG:
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0, "'%s': %s: too big for SQLite",
				      db->path, what);
	case SQLITE_CORRUPT:
		return rasd_error_set(err, RASD_EDB, 0, 0,
				      "'%s' is damaged: %s (rasd check --db lists the damage)",
				      db->path, msg);
	default:
		return rasd_error_set(err, RASD_EDB, 0, 0, "'%s': %s: %s", db->path, what, msg);
	}
}

enum rasd_status store_stmt(struct rasd_db *db, const char *sql, sqlite3_stmt **out,
			    struct rasd_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < db->nstmts; i++) {
		if (db->stmts[i].sql == sql) {
			*out = db->stmts[i].st;
			return RASD_OK;
		}
	}
	/* the statements are constants of the code: more than fit is a bug */
	assert(db->nstmts < STORE_STMT_CACHE);
	*out = NULL;
	rc = sqlite3_prepare_v3(db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
	if (rc != SQLITE_OK)
		return store_fail(db, err, rc, "preparing a statement");
	db->stmts[db->nstmts].sql = sql;
	db->stmts[db->nstmts].st = *out;
	db->nstmts++;
	return RASD_OK;
}

/* Make a cached statement ready for its next use. */
void store_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

enum rasd_status store_exec(struct rasd_db *db, const char *sql, const char *what,
			     struct rasd_error *err)
{
	int rc = sqlite3_exec(db->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(db, err, rc, what);
	return RASD_OK;
}

/* A single integer from constant SQL, e.g. a PRAGMA. */
enum rasd_status store_query_int(struct rasd_db *db, const char *sql, long long *out,
				  struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);
	enum rasd_status status = RASD_OK;

	if (rc != SQLITE_OK) {
		status = store_fail(db, err, rc, "reading the schema");
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
	} else if (rc == SQLITE_DONE) {
		*out = 0;
	} else {
		status = store_fail(db, err, rc, "reading the schema");
		goto out;
	}
out:
	sqlite3_finalize(st);
	return status;
}

enum rasd_status store_query_int_of(struct rasd_db *db, const char *sql, long long id,
				    long long *out, const char *what, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	else
		status = store_fail(db, err, rc, what);
	sqlite3_finalize(st);
	return status;
}
