/*
 * rebuild.c - rasd rebuild: every event recomputed from the stored
 * articles. The events and their links are emptied, each article is coded
 * again in the order it was stored (so the events, their ids and their
 * merges come out as an ingest of the same articles makes them), the two
 * search indexes are rebuilt from their tables and every index is made
 * anew; all in one transaction. Part of store/: sits on extract/.
 */
#include "store.h"
#include "review.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum rasd_status rasd_db_rebuild(struct rasd_db *db, const struct rasd_lexicon *lex,
				 const struct rasd_extract_options *opt,
				 struct rasd_ingest_counts *counts, long *failed,
				 struct rasd_error *err)
{
	static const char sql[] =
		"SELECT id, doc_id, title, text, published, source, url FROM article ORDER BY id";
	struct rasd_arena work;
	sqlite3_stmt *st = NULL;
	enum rasd_status status;
	int rc;

	*failed = 0;
	memset(counts, 0, sizeof(*counts));
	rasd_arena_init(&work, 0);
	status = rasd_db_begin(db, err);
	if (status != RASD_OK)
		goto out;
	/* the actors are written again from the lexicon as they are met */
	db->nactors_seen = 0;
	/* reviewed events stay, with their reports, for review_reconcile() */
	status = store_exec(db,
			    "DELETE FROM mention WHERE event IN"
			    " (SELECT id FROM event WHERE review_status = 'unreviewed');"
			    " DELETE FROM event WHERE review_status = 'unreviewed';"
			    " DELETE FROM actor WHERE code NOT IN (SELECT value FROM review_field"
			    " WHERE field IN ('actor1', 'assoc_actor1', 'actor2', 'assoc_actor2')"
			    " AND value IS NOT NULL);",
			    "emptying the events", err);
	if (status != RASD_OK)
		goto out;
	rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		struct rasd_article art;
		struct rasd_event *events = NULL;
		struct rasd_error xerr;
		size_t n = 0, i, kept = 0;
		long long first = 0;

		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		memset(&art, 0, sizeof(art));
		art.id = (const char *)sqlite3_column_text(st, 1);
		art.title = (const char *)sqlite3_column_text(st, 2);
		art.title_n = art.title ? (size_t)sqlite3_column_bytes(st, 2) : 0;
		art.text = (const char *)sqlite3_column_text(st, 3);
		art.text_n = art.text ? (size_t)sqlite3_column_bytes(st, 3) : 0;
		art.published = (const char *)sqlite3_column_text(st, 4);
		art.source = (const char *)sqlite3_column_text(st, 5);
		art.url = (const char *)sqlite3_column_text(st, 6);
		rasd_arena_reset(&work);
		rasd_arena_reset(&db->scratch);
		rasd_error_clear(&xerr);
		if (!art.id || !art.text ||
		    rasd_extract(lex, &art, opt, &work, &events, &n, &xerr) != RASD_OK) {
			(*failed)++; /* stored, so it coded once: an empty article, say */
			continue;
		}
		for (i = 0; i < n; i++)
			if (events[i].confidence >= opt->min_confidence)
				events[kept++] = events[i];
		counts->articles_updated++;
		status = store_query_int(db, "SELECT coalesce(max(id), 0) + 1 FROM mention", &first,
					 err);
		if (status == RASD_OK)
			status = store_put_events(db, sqlite3_column_int64(st, 0), &art, events, kept,
						  counts, err);
		if (status == RASD_OK)
			status = review_reconcile(db, sqlite3_column_int64(st, 0), first, &art, true,
						  counts, err);
		if (status != RASD_OK)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		status = store_fail(db, err, rc, "reading the articles");
		goto out;
	}
	status = store_exec(db,
			  "INSERT INTO article_fts(article_fts) VALUES ('rebuild');"
			  " INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild'); REINDEX;",
			  "rebuilding the indexes", err);
	if (status != RASD_OK)
		goto out;
	sqlite3_finalize(st);
	st = NULL;
	status = rasd_db_commit(db, err);
out:
	sqlite3_finalize(st);
	if (status != RASD_OK)
		rasd_db_rollback(db);
	rasd_arena_release(&work);
	return status;
}

/* The article row ids, read through the doc_id index when it can be, so
 * that a damaged page of the table costs only the rows on it. */
static enum rasd_status article_ids(struct rasd_db *db, long long **ids, size_t *n,
				    struct rasd_error *err)
{
	static const char *const sql[2] = {"SELECT id FROM article INDEXED BY"
					   " sqlite_autoindex_article_1 WHERE doc_id IS NOT NULL",
					   "SELECT id FROM article"};
	size_t cap = 0;
	int k, rc = SQLITE_OK;

	for (k = 0; k < 2; k++) {
		sqlite3_stmt *st = NULL;
		*n = 0;
		rc = sqlite3_prepare_v2(db->db, sql[k], -1, &st, NULL);
		while (rc == SQLITE_OK || rc == SQLITE_ROW) {
			rc = sqlite3_step(st);
			if (rc != SQLITE_ROW)
				break;
			if (*n == cap) {
				size_t ncap = cap ? cap * 2 : 1024;
				long long *ni = realloc(*ids, ncap * sizeof(*ni));
				if (!ni) {
					sqlite3_finalize(st);
					return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
				}
				*ids = ni;
				cap = ncap;
			}
			(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			break;
	}
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "listing the articles");
	return RASD_OK;
}

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

enum rasd_status rasd_db_salvage(struct rasd_db *db, const char *dest,
				 const struct rasd_lexicon *lex,
				 const struct rasd_extract_options *opt,
				 struct rasd_ingest_counts *counts, long *failed, long *lost,
				 long *reviews_kept, long *reviews_lost, struct rasd_error *err)
{
	static const char sql[] = "SELECT doc_id, title, text, published, source, url"
				  " FROM article WHERE id = ?1";
	struct rasd_db *out = NULL;
	struct rasd_arena work;
	sqlite3_stmt *st = NULL;
	long long *ids = NULL;
	size_t n = 0, i;
	enum rasd_status status;
	struct stat sb;
	int rc;

	*failed = *lost = *reviews_kept = *reviews_lost = 0;
	memset(counts, 0, sizeof(*counts));
	rasd_arena_init(&work, 0);
	if (stat(dest, &sb) == 0)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "'%s' exists", dest);
	status = article_ids(db, &ids, &n, err);
	if (status != RASD_OK)
		goto out;
	qsort(ids, n, sizeof(*ids), cmp_id);
	status = rasd_db_open(dest, RASD_DB_CREATE, db->busy_ms, &out, err);
	if (status == RASD_OK)
		status = rasd_db_begin(out, err);
	if (status != RASD_OK)
		goto out;
	rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		status = store_fail(db, err, rc, "reading the articles");
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct rasd_article art;
		struct rasd_event *events = NULL;
		struct rasd_error xerr;
		char hash[RASD_DB_HASH_HEX];
		size_t ne = 0, k, kept = 0;

		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			(*lost)++; /* on a damaged page */
			continue;
		}
		memset(&art, 0, sizeof(art));
		art.id = (const char *)sqlite3_column_text(st, 0);
		art.title = (const char *)sqlite3_column_text(st, 1);
		art.title_n = art.title ? (size_t)sqlite3_column_bytes(st, 1) : 0;
		art.text = (const char *)sqlite3_column_text(st, 2);
		art.text_n = art.text ? (size_t)sqlite3_column_bytes(st, 2) : 0;
		art.published = (const char *)sqlite3_column_text(st, 3);
		art.source = (const char *)sqlite3_column_text(st, 4);
		art.url = (const char *)sqlite3_column_text(st, 5);
		if (!art.id || !*art.id || !art.text || !rasd_utf8_valid(art.text, art.text_n) ||
		    (art.title && !rasd_utf8_valid(art.title, art.title_n))) {
			(*lost)++; /* damaged inside the row */
			continue;
		}
		rasd_arena_reset(&work);
		rasd_error_clear(&xerr);
		if (rasd_extract(lex, &art, opt, &work, &events, &ne, &xerr) != RASD_OK) {
			(*failed)++;
			ne = 0; /* the article is kept, without events */
		}
		for (k = 0; k < ne; k++)
			if (events[k].confidence >= opt->min_confidence)
				events[kept++] = events[k];
		rasd_db_hash_article(&art, hash);
		status = rasd_db_put(out, &art, hash, events, kept, counts, err);
		if (status == RASD_EINVAL || status == RASD_ETOOBIG) {
			(*lost)++;
			continue;
		}
		if (status != RASD_OK)
			goto out;
	}
	status = rasd_db_commit(out, err);
	if (status == RASD_OK) {
		/* the provenance rows, as far as they can be read */
		sqlite3_stmt *at = NULL;
		if (sqlite3_prepare_v2(out->db, "ATTACH ?1 AS damaged", -1, &at, NULL) == SQLITE_OK &&
		    sqlite3_bind_text(at, 1, db->path, -1, SQLITE_STATIC) == SQLITE_OK &&
		    sqlite3_step(at) == SQLITE_DONE) {
			sqlite3_exec(out->db,
				     "INSERT INTO ingest_run(started, finished, rasd_version, inputs,"
				     " articles_new, articles_updated, articles_same, events_new,"
				     " events_merged, events_removed, errors) SELECT started, finished,"
				     " rasd_version, inputs, articles_new, articles_updated,"
				     " articles_same, events_new, events_merged, events_removed, errors"
				     " FROM damaged.ingest_run ORDER BY id",
				     NULL, NULL, NULL);
			sqlite3_exec(out->db, "DETACH damaged", NULL, NULL, NULL);
		}
		sqlite3_finalize(at);
	}
	if (status == RASD_OK) {
		/* the analysts' reviews come along; the events are then coded
		 * again around them, as rasd rebuild does in place */
		status = store_carry_reviews(out, db->path, reviews_kept, reviews_lost, err);
		if (status == RASD_OK && *reviews_kept) {
			struct rasd_ingest_counts again;
			long again_failed = 0;
			status = rasd_db_rebuild(out, lex, opt, &again, &again_failed, err);
			counts->events_new = again.events_new;
			counts->events_merged = again.events_merged;
			counts->mentions = again.mentions;
		}
	}
out:
	sqlite3_finalize(st);
	if (status != RASD_OK && out)
		rasd_db_rollback(out);
	rasd_db_free(out);
	if (status != RASD_OK)
		unlink(dest);
	free(ids);
	rasd_arena_release(&work);
	return status;
}
