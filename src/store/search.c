/*
 * search.c - rasd search: articles that match a full-text query, best
 * first, with a highlighted snippet. Part of store/.
 */
#include "store.h"

#include <string.h>

enum rasd_status rasd_db_search(struct rasd_db *db, const char *query, long limit,
				const char *open, const char *close, struct rasd_arena *a,
				rasd_db_hit_fn fn, void *ctx, struct rasd_error *err)
{
	static const char sql[] =
		"SELECT a.doc_id, a.title, a.source, a.url, a.published,"
		" snippet(article_fts, -1, ?1, ?2, '…', 24), article_fts.rank,"
		" (SELECT count(DISTINCT m.event) FROM mention m WHERE m.article = a.id)"
		" FROM article_fts JOIN article a ON a.id = article_fts.rowid"
		" WHERE article_fts MATCH ?3 ORDER BY article_fts.rank LIMIT ?4";
	struct rasd_buf q;
	sqlite3_stmt *st = NULL;
	struct store_binder b;
	enum rasd_status status;
	int rc;

	rasd_buf_init(&q, 1 << 16);
	status = rasd_fts_query(&q, query, strlen(query), err);
	if (status != RASD_OK)
		goto out;
	rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		status = store_fail(db, err, rc, "preparing the search");
		goto out;
	}
	store_bind_init(&b, st);
	store_bind_text_n(&b, open ? open : "", open ? strlen(open) : 0);
	store_bind_text_n(&b, close ? close : "", close ? strlen(close) : 0);
	store_bind_text_n(&b, q.p, q.n);
	store_bind_int(&b, limit > 0 ? limit : 20);
	if (b.rc != SQLITE_OK) {
		status = store_fail(db, err, b.rc, "binding the search");
		goto out;
	}
	for (;;) {
		struct rasd_db_hit h;
		bool oom = false;

		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			status = store_fail(db, err, rc, "searching");
			goto out;
		}
		rasd_arena_reset(a);
		h.doc_id = store_col_text(st, 0, a, &oom);
		h.title = store_col_text(st, 1, a, &oom);
		h.source = store_col_text(st, 2, a, &oom);
		h.url = store_col_text(st, 3, a, &oom);
		h.published = store_col_text(st, 4, a, &oom);
		h.snippet = store_col_text(st, 5, a, &oom);
		h.rank = sqlite3_column_double(st, 6);
		h.nevents = (long)sqlite3_column_int64(st, 7);
		if (oom) {
			status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			goto out;
		}
		status = fn(ctx, &h);
		if (status != RASD_OK)
			goto out;
	}
out:
	sqlite3_finalize(st);
	rasd_buf_release(&q);
	return status;
}
