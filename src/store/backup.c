/*
 * backup.c - rasd backup: an online, consistent copy of the events
 * database, taken with SQLite's backup API in one read snapshot while
 * other processes go on reading and writing, written under a temporary
 * name, synced, and renamed into place, so the copy is either whole or
 * absent. Part of store/.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool sync_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	bool ok;

	if (fd < 0)
		return false;
	ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

enum rasd_status rasd_db_backup(struct rasd_db *db, const char *dest, struct rasd_error *err)
{
	char tmp[4200];
	struct stat sb;
	sqlite3 *out = NULL;
	sqlite3_backup *bk;
	enum rasd_status st = RASD_OK;
	int rc, len;

	if (stat(dest, &sb) == 0)
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "'%s' exists: rasd backup writes a new file only", dest);
	len = snprintf(tmp, sizeof(tmp), "%s.part-%ld", dest, (long)getpid());
	if (len < 0 || (size_t)len >= sizeof(tmp))
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "backup path too long: '%s'", dest);
	unlink(tmp);
	rc = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		st = rasd_error_set(err, RASD_EIO, 0, 0, "cannot create '%s': %s", dest,
				    out ? sqlite3_errmsg(out) : sqlite3_errstr(rc));
		goto out;
	}
	bk = sqlite3_backup_init(out, "main", db->db, "main");
	if (!bk) {
		st = rasd_error_set(err, RASD_EDB, 0, 0, "cannot back up '%s': %s", db->path,
				    sqlite3_errmsg(out));
		goto out;
	}
	/* every page in one step: one read transaction, one snapshot */
	do {
		rc = sqlite3_backup_step(bk, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
			st = store_fail(db, err, rc, "backing up");
		else
			st = rasd_error_set(err, RASD_EIO, 0, 0, "cannot back up '%s' to '%s': %s",
					    db->path, dest, sqlite3_errstr(rc));
		goto out;
	}
	rc = sqlite3_close(out);
	out = NULL;
	if (rc != SQLITE_OK || !sync_file(tmp)) {
		st = rasd_error_set(err, RASD_EIO, 0, 0, "cannot write '%s': %s", dest,
				    strerror(errno));
		goto out;
	}
	/* link, not rename: a file that appeared meanwhile is never replaced */
	if (link(tmp, dest) != 0 && (errno == EEXIST || stat(dest, &sb) == 0 || rename(tmp, dest) != 0)) {
		st = rasd_error_set(err, RASD_EIO, 0, 0, "cannot write '%s': %s", dest,
				    strerror(errno));
		goto out;
	}
out:
	if (out)
		sqlite3_close(out);
	unlink(tmp);
	return st;
}
