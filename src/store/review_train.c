/*
 * review_train.c - the analysts' verdicts as training data for the learned
 * models: each stored article with a report of a reviewed event (accepted,
 * corrected or rejected), its text, and those reports with the verdict
 * and the event's values as corrected. The caller codes the article again
 * and pairs its events with the reports (rasd train --db). Part of store/
 * (docs/learn.md, docs/review.md).
 */
#include "review.h"

#include <stdlib.h>
#include <string.h>

static const char sql_reports[] =
	"SELECT m.article, m.mention_id, m.evidence_field, m.evidence_start, m.evidence_end,"
	" e.review_status, e.event_type, e.sub_event_type"
	" FROM mention m JOIN event e ON e.id = m.event"
	" WHERE e.review_status IN ('accepted', 'corrected', 'rejected')"
	" ORDER BY m.article, m.id";
static const char sql_article[] =
	"SELECT doc_id, title, text, published, source, url FROM article WHERE id = ?1";

/* Fill art from article row `id` (strings in a). */
static enum rasd_status read_article(struct rasd_db *db, long long id, struct rasd_arena *a,
				     struct rasd_article *art, struct rasd_error *err)
{
	sqlite3_stmt *st;
	enum rasd_status s = store_stmt(db, sql_article, &st, err);
	bool oom = false;
	int rc;

	if (s != RASD_OK)
		return s;
	memset(art, 0, sizeof(*art));
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		art->id = store_col_text(st, 0, a, &oom);
		art->title = store_col_text(st, 1, a, &oom);
		art->title_n = art->title ? strlen(art->title) : 0;
		art->text = store_col_text(st, 2, a, &oom);
		art->text_n = art->text ? strlen(art->text) : 0;
		art->published = store_col_text(st, 3, a, &oom);
		art->source = store_col_text(st, 4, a, &oom);
		art->url = store_col_text(st, 5, a, &oom);
		s = oom ? rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory") : RASD_OK;
	} else {
		s = store_fail(db, err, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
			       "cannot read a reviewed event's article");
	}
	store_done(st);
	return s;
}

static enum rasd_status flush(struct rasd_db *db, long long article, struct rasd_arena *a,
			      struct rasd_review_report *r, size_t n, rasd_review_article_fn fn,
			      void *ctx, struct rasd_error *err)
{
	struct rasd_article art;
	enum rasd_status s;

	if (!n)
		return RASD_OK;
	s = read_article(db, article, a, &art, err);
	if (s != RASD_OK)
		return s;
	return fn(ctx, &art, r, n);
}

enum rasd_status rasd_db_reviewed_articles(struct rasd_db *db, rasd_review_article_fn fn,
					   void *ctx, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	struct rasd_arena a;
	struct rasd_review_report *r = NULL;
	size_t n = 0, cap = 0;
	long long cur = -1;
	enum rasd_status s;
	int rc;

	rasd_arena_init(&a, 0);
	rc = sqlite3_prepare_v2(db->db, sql_reports, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		s = store_fail(db, err, rc, "cannot read the reviewed events");
		goto out;
	}
	s = RASD_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long article = sqlite3_column_int64(st, 0);
		struct rasd_review_report *x;
		const char *status;
		bool oom = false;

		if (article != cur) {
			s = flush(db, cur, &a, r, n, fn, ctx, err);
			if (s != RASD_OK)
				goto out;
			rasd_arena_reset(&a);
			n = 0;
			cur = article;
		}
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			struct rasd_review_report *nr = realloc(r, nc * sizeof(*nr));
			if (!nr) {
				s = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
				goto out;
			}
			r = nr;
			cap = nc;
		}
		x = &r[n];
		memset(x, 0, sizeof(*x));
		x->mention_id = store_col_text(st, 1, &a, &oom);
		{
			const char *field = (const char *)sqlite3_column_text(st, 2);
			x->field = field && strcmp(field, "title") == 0 ? RASD_FIELD_TITLE
								       : RASD_FIELD_TEXT;
		}
		x->start = (uint32_t)sqlite3_column_int64(st, 3);
		x->end = (uint32_t)sqlite3_column_int64(st, 4);
		status = (const char *)sqlite3_column_text(st, 5);
		if (!status || rasd_review_status_parse(status, &x->status) != RASD_OK)
			x->status = RASD_REVIEW_UNREVIEWED;
		x->event_type = store_col_text(st, 6, &a, &oom);
		x->sub_event_type = store_col_text(st, 7, &a, &oom);
		if (oom) {
			s = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			goto out;
		}
		n++;
	}
	if (rc != SQLITE_DONE) {
		s = store_fail(db, err, rc, "cannot read the reviewed events");
		goto out;
	}
	s = flush(db, cur, &a, r, n, fn, ctx, err);
out:
	sqlite3_finalize(st);
	free(r);
	rasd_arena_release(&a);
	return s;
}
