/*
 * review_carry.c - the analysts' work kept when `rasd rebuild` has to
 * salvage a damaged database into a new one (rebuild.c): every reviewed
 * event that can still be read comes along with its reports, corrections,
 * audit trail and the actors its corrections name; the caller then
 * rebuilds the new database, as rasd rebuild does in place, so each
 * review lands on the events its articles code again. Part of store/.
 */
#include "store.h"

#include <string.h>

/* One statement on `out` with up to two integers bound, stepped to its
 * end: SQLITE_DONE or what went wrong. */
static int carry_step(struct rasd_db *out, const char *sql, long long a, long long b, int nbind)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(out->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK && nbind > 0)
		rc = sqlite3_bind_int64(st, 1, a);
	if (rc == SQLITE_OK && nbind > 1)
		rc = sqlite3_bind_int64(st, 2, b);
	if (rc == SQLITE_OK) {
		do
			rc = sqlite3_step(st);
		while (rc == SQLITE_ROW);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Constant SQL of several statements, as carry_step answers. */
static int carry_exec(struct rasd_db *out, const char *sql)
{
	int rc = sqlite3_exec(out->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? SQLITE_DONE : rc;
}

/* The ids of the damaged database's reviewed events, read through the
 * review index when it can be (a damaged page of the table then costs only
 * its rows), else from the table. */
static enum rasd_status reviewed_ids(struct rasd_db *out, long long **ids, size_t *n,
				     struct rasd_error *err)
{
	static const char *const sql[2] = {
		"SELECT id FROM old.event INDEXED BY event_review WHERE review_status <> 'unreviewed'",
		"SELECT id FROM old.event WHERE review_status <> 'unreviewed'"};
	size_t cap = 0;
	int k, rc = SQLITE_OK;

	for (k = 0; k < 2; k++) {
		sqlite3_stmt *st = NULL;
		*n = 0;
		rc = sqlite3_prepare_v2(out->db, sql[k], -1, &st, NULL);
		while (rc == SQLITE_OK || rc == SQLITE_ROW) {
			long long *ni;
			rc = sqlite3_step(st);
			if (rc != SQLITE_ROW)
				break;
			ni = rasd_arena_grow(&out->scratch, *ids, *n, &cap, sizeof(*ni), 256);
			if (!ni) {
				sqlite3_finalize(st);
				return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			}
			*ids = ni;
			(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return RASD_OK;
	}
	return rasd_error_set(err, RASD_EDB, 0, 0, "the reviewed events cannot be listed: %s",
			      sqlite3_errstr(rc));
}

/* Point the carried reports at the new database's rows of their
 * articles (found by doc_id); reports whose article is lost go. */
static int carry_articles(struct rasd_db *out)
{
	sqlite3_stmt *list = NULL, *find = NULL;
	int rc = sqlite3_prepare_v2(out->db, "SELECT DISTINCT article FROM temp.carry_mention",
				    -1, &list, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(out->db,
					"SELECT a.id FROM main.article a, old.article o"
					" WHERE o.id = ?1 AND a.doc_id = o.doc_id",
					-1, &find, NULL);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		long long old_id, new_id = 0;
		rc = sqlite3_step(list);
		if (rc != SQLITE_ROW)
			break;
		old_id = sqlite3_column_int64(list, 0);
		sqlite3_reset(find);
		if (sqlite3_bind_int64(find, 1, old_id) == SQLITE_OK &&
		    sqlite3_step(find) == SQLITE_ROW)
			new_id = sqlite3_column_int64(find, 0);
		/* new ids negative until all are mapped: an old id may be another's new */
		if (new_id)
			rc = carry_step(out, "UPDATE temp.carry_mention SET article = -?2 WHERE article = ?1",
					old_id, new_id, 2);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(list);
	sqlite3_finalize(find);
	if (rc != SQLITE_DONE)
		return rc;
	return carry_exec(out, "DELETE FROM temp.carry_mention WHERE article > 0;"
				" UPDATE temp.carry_mention SET article = -article");
}

enum rasd_status store_carry_reviews(struct rasd_db *out, const char *damaged, long *kept,
				     long *lost, struct rasd_error *err)
{
	sqlite3_stmt *at = NULL;
	long long *ids = NULL;
	size_t n = 0, i;
	enum rasd_status status = RASD_OK;
	int rc;

	*kept = *lost = 0;
	rasd_arena_reset(&out->scratch);
	rc = sqlite3_prepare_v2(out->db, "ATTACH ?1 AS old", -1, &at, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(at, 1, damaged, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(at);
	sqlite3_finalize(at);
	if (rc != SQLITE_DONE)
		return rasd_error_set(err, RASD_EDB, 0, 0, "cannot read the reviews of '%s': %s",
				      damaged, sqlite3_errmsg(out->db));
	status = reviewed_ids(out, &ids, &n, err);
	if (status != RASD_OK || n == 0)
		goto detach;
	status = rasd_db_begin(out, err);
	if (status != RASD_OK)
		goto detach;
	/* the events coded from the salvaged articles are rebuilt anyway */
	rc = carry_exec(out, "DELETE FROM main.mention; DELETE FROM main.event;"
			     " CREATE TEMP TABLE carry_mention AS SELECT * FROM old.mention WHERE 0;"
			     " CREATE INDEX temp.carry_mention_article ON carry_mention(article)");
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		int r = carry_step(out, "INSERT INTO main.event SELECT * FROM old.event WHERE id = ?1",
				   ids[i], 0, 1);
		if (r != SQLITE_DONE || sqlite3_changes(out->db) != 1) {
			(*lost)++; /* its row is on a damaged page */
			continue;
		}
		(*kept)++;
		/* its reports: those on damaged pages are lost, and the event is
		 * flagged for a re-check when its articles code again */
		(void)carry_step(out,
				 "INSERT INTO temp.carry_mention SELECT * FROM old.mention WHERE event = ?1",
				 ids[i], 0, 1);
	}
	if (rc == SQLITE_DONE)
		rc = carry_articles(out);
	if (rc == SQLITE_DONE)
		rc = carry_exec(out,
				"INSERT INTO main.mention SELECT * FROM temp.carry_mention;"
				" INSERT INTO main.review_field SELECT * FROM old.review_field"
				"  WHERE event IN (SELECT id FROM main.event);"
				" INSERT INTO main.review_log SELECT * FROM old.review_log;"
				" INSERT OR IGNORE INTO main.actor SELECT * FROM old.actor WHERE code IN"
				"  (SELECT value FROM main.review_field WHERE field IN"
				"   ('actor1', 'assoc_actor1', 'actor2', 'assoc_actor2'));"
				" DROP TABLE temp.carry_mention");
	if (rc != SQLITE_DONE) {
		status = rasd_error_set(err, RASD_EDB, 0, 0,
					"cannot carry the reviews of '%s' over: %s", damaged,
					sqlite3_errmsg(out->db));
		rasd_db_rollback(out);
		goto detach;
	}
	status = rasd_db_commit(out, err);
detach:
	sqlite3_exec(out->db, "DETACH old", NULL, NULL, NULL);
	rasd_arena_reset(&out->scratch);
	return status;
}
