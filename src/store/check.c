/*
 * check.c - rasd check: is the database whole? SQLite's integrity check
 * and foreign keys, the search indexes against the tables they index,
 * and rasd's own invariants (every event has a source and one primary
 * report, counts and ids agree with the reports, article hashes agree with
 * the text, evidence sentences are what their offsets cut). Each problem
 * is one line for the caller. Part of store/.
 */
#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_PROBLEMS 100

struct checker {
	struct rasd_db *db;
	rasd_db_problem_fn fn;
	void *ctx;
	long n;
	enum rasd_status cb; /* the callback's failure, if any */
};

static void problem(struct checker *c, const char *fmt, ...) RASD_PRINTF(2, 3);

static void problem(struct checker *c, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	c->n++;
	if (c->n > MAX_PROBLEMS || c->cb != RASD_OK)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	c->cb = c->fn(c->ctx, line);
	if (c->n == MAX_PROBLEMS && c->cb == RASD_OK)
		c->cb = c->fn(c->ctx, "(no more problems listed)");
}

/*
 * Run a check whose every row is a problem, described by fmt applied to
 * the row's text columns (up to 4). A statement that meets damage is a
 * problem too, not a failure of the check.
 */
static void rows(struct checker *c, const char *what, const char *sql, const char *fmt)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(c->db->db, sql, -1, &st, NULL);

	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		const char *v[4];
		int k;

		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		for (k = 0; k < 4; k++) {
			v[k] = k < sqlite3_column_count(st) ? (const char *)sqlite3_column_text(st, k)
							    : NULL;
			if (!v[k])
				v[k] = "NULL";
		}
		if (strcmp(fmt, "%s") == 0 && strcmp(v[0], "ok") == 0)
			continue; /* PRAGMA integrity_check's all-clear */
		problem(c, fmt, v[0], v[1], v[2], v[3]);
		if (c->n > MAX_PROBLEMS)
			break;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		problem(c, "%s: %s", what, sqlite3_errmsg(c->db->db));
	sqlite3_finalize(st);
}

/* An FTS5 index against its content table: a write, rolled back. */
static void fts(struct checker *c, const char *table, const char *sql)
{
	int rc = sqlite3_exec(c->db->db, "SAVEPOINT fts_check", NULL, NULL, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_exec(c->db->db, sql, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			problem(c, "search index %s does not match its table: %s (rasd rebuild "
				   "recreates it)",
				table, sqlite3_errmsg(c->db->db));
		sqlite3_exec(c->db->db, "ROLLBACK TO fts_check; RELEASE fts_check", NULL, NULL,
			     NULL);
	} else {
		problem(c, "search index %s: cannot be checked: %s", table,
			sqlite3_errmsg(c->db->db));
	}
}

/* Every article's stored hash against the hash of what is stored. */
static void hashes(struct checker *c)
{
	static const char sql[] =
		"SELECT doc_id, title, text, published, source, url, hash FROM article ORDER BY id";
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(c->db->db, sql, -1, &st, NULL);

	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		struct rasd_article art;
		char hex[RASD_DB_HASH_HEX];
		const char *h;

		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		memset(&art, 0, sizeof(art));
		art.id = (const char *)sqlite3_column_text(st, 0);
		art.title = (const char *)sqlite3_column_text(st, 1);
		art.title_n = (size_t)sqlite3_column_bytes(st, 1);
		art.text = (const char *)sqlite3_column_text(st, 2);
		art.text_n = (size_t)sqlite3_column_bytes(st, 2);
		art.published = (const char *)sqlite3_column_text(st, 3);
		art.source = (const char *)sqlite3_column_text(st, 4);
		art.url = (const char *)sqlite3_column_text(st, 5);
		h = (const char *)sqlite3_column_text(st, 6);
		rasd_db_hash_article(&art, hex);
		if (!h || strcmp(h, hex) != 0)
			problem(c, "article '%s': its content does not match its hash (changed or "
				   "damaged since it was stored)",
				art.id ? art.id : "NULL");
		if (c->n > MAX_PROBLEMS)
			break;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		problem(c, "articles: %s", sqlite3_errmsg(c->db->db));
	sqlite3_finalize(st);
}

enum rasd_status rasd_db_check(struct rasd_db *db, rasd_db_problem_fn fn, void *ctx,
			       long *nproblems, struct rasd_error *err)
{
	struct checker c = {db, fn, ctx, 0, RASD_OK};
	enum rasd_status st;

	*nproblems = 0;
	st = rasd_db_read_begin(db, err);
	if (st != RASD_OK)
		return st;
	rows(&c, "integrity check", "PRAGMA integrity_check(100)", "%s");
	rows(&c, "foreign keys", "PRAGMA foreign_key_check",
	     "table %s row %s: refers to a missing row of %s");
	if (!db->readonly) {
		fts(&c, "article_fts",
		    "INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)");
		fts(&c, "evidence_fts",
		    "INSERT INTO evidence_fts(evidence_fts, rank) VALUES ('integrity-check', 1)");
	}
	rows(&c, "events", "SELECT event_id FROM event e WHERE NOT EXISTS"
			   " (SELECT 1 FROM mention m WHERE m.event = e.id) ORDER BY id",
	     "event %s: no article reports it");
	rows(&c, "events",
	     "SELECT e.event_id, n FROM (SELECT event, sum(is_primary) AS n FROM mention"
	     " GROUP BY event) p JOIN event e ON e.id = p.event WHERE n <> 1 ORDER BY e.id",
	     "event %s: %s primary reports, not one");
	rows(&c, "events",
	     "SELECT e.event_id, e.narticles, m.na FROM event e JOIN (SELECT event,"
	     " count(DISTINCT article) AS na FROM mention GROUP BY event) m ON m.event = e.id"
	     " WHERE e.narticles <> m.na ORDER BY e.id",
	     "event %s: counts %s article(s), its reports come from %s");
	rows(&c, "events",
	     "SELECT e.event_id, e.nsources, m.ns FROM event e JOIN (SELECT event,"
	     " count(DISTINCT quote(source)) AS ns FROM mention GROUP BY event) m"
	     " ON m.event = e.id WHERE e.nsources <> m.ns ORDER BY e.id",
	     "event %s: counts %s outlet(s), its reports come from %s");
	rows(&c, "events",
	     "SELECT e.event_id, m.mention_id FROM event e JOIN mention m ON m.id ="
	     " (SELECT min(id) FROM mention WHERE event = e.id)"
	     " WHERE e.event_id <> m.mention_id ORDER BY e.id",
	     "event %s: named after %s, its oldest report, it should be");
	rows(&c, "evidence",
	     "SELECT a.doc_id, m.mention_id FROM mention m JOIN article a ON a.id = m.article"
	     " WHERE m.sentence_start > m.sentence_end OR m.evidence_start > m.evidence_end"
	     " OR CAST(m.sentence AS BLOB) IS NOT substr(CAST(CASE m.evidence_field"
	     " WHEN 'title' THEN a.title ELSE a.text END AS BLOB), m.sentence_start + 1,"
	     " m.sentence_end - m.sentence_start) ORDER BY m.id",
	     "article '%s', event %s: the stored evidence sentence is not the text its offsets "
	     "cut");
	hashes(&c);
	rasd_db_read_end(db);
	*nproblems = c.n;
	return c.cb;
}
