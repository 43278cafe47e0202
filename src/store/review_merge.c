/*
 * review_merge.c - the shape of events under review: merging two events
 * that tell one happening, splitting reports off a wrongly merged one, and
 * keeping reviewed events through re-ingest (a changed article's reports
 * of a reviewed event are matched to what the article now says; what
 * changed or vanished flags the event for a re-check). Part of store/
 * (docs/review.md).
 */
#define _GNU_SOURCE /* memmem */
#include "review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum rasd_status log_simple(struct rasd_db *db, long long change, long long event,
				   const char *action, const char *field, const char *old_value,
				   const char *new_value, const struct rasd_review_by *by,
				   struct rasd_error *err)
{
	struct review_entry_in in;

	memset(&in, 0, sizeof(in));
	in.change = change;
	in.event = event;
	in.action = action;
	in.field = field;
	in.old_value = old_value;
	in.new_value = new_value;
	in.reviewer = by ? by->reviewer : NULL;
	in.note = by ? by->note : NULL;
	return review_log_write(db, &in, err);
}

/* ---------------------------------------------------------------- merge */

enum rasd_status rasd_review_merge(struct rasd_db *db, long long into, long long from,
				   const struct rasd_review_by *by, struct rasd_error *err)
{
	struct review_op op;
	struct review_row rf;
	long long v[2] = {into, from};
	enum rasd_status st;

	if (into == from)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "cannot merge an event with itself");
	st = review_op_begin(db, &op, into, err);
	if (st == RASD_OK)
		st = review_row_get(db, from, &op.a, &rf, err);
	if (st == RASD_OK)
		st = review_next_change(db, &op.change, err);
	/* the trail of the event that goes: its corrections and its end */
	if (st == RASD_OK)
		st = log_simple(db, op.change, from, "merge", "merged_into", NULL, op.row.event_id,
				by, err);
	if (st == RASD_OK)
		st = log_simple(db, op.change, into, "merge", "merged", NULL, rf.event_id, by, err);
	if (st == RASD_OK)
		st = review_exec_ints(db,
				      "UPDATE mention SET event = ?1, is_primary = 0 WHERE event = ?2",
				      v, 2, NULL, err);
	if (st == RASD_OK)
		st = review_exec_ints(db, "UPDATE event SET duplicate_of = ?1 WHERE duplicate_of = ?2",
				      v, 2, NULL, err);
	if (st == RASD_OK)
		st = review_exec_ints(db, "DELETE FROM review_field WHERE event = ?2", v, 2, NULL,
				      err);
	if (st == RASD_OK)
		st = review_exec_ints(db, "DELETE FROM event WHERE id = ?2", v, 2, NULL, err);
	if (st == RASD_OK)
		st = review_mark_corrected(db, op.change, &op.row, false, "merge", by, err);
	if (st == RASD_OK)
		st = review_recompute(db, into, err);
	return review_op_end(db, &op, st, err);
}

/* ---------------------------------------------------------------- split */

static enum rasd_status new_event(struct rasd_db *db, long long *id, struct rasd_error *err)
{
	sqlite3 *h = db->db;
	enum rasd_status st = review_exec_ints(
		db,
		"INSERT INTO event(event_id, narticles, nsources, event_type, sub_event_type,"
		" modality, review_status) VALUES ('', 1, 1, '', '', 'reported', 'corrected')",
		NULL, 0, NULL, err);
	if (st == RASD_OK)
		*id = sqlite3_last_insert_rowid(h);
	return st;
}

/* Mentions of an event as (row id, article row id, mention id, doc id). */
struct link {
	long long id, article;
	char *mention_id, *doc_id;
	bool is_primary;
};

static enum rasd_status read_links(struct rasd_db *db, long long event, struct rasd_arena *a,
				   struct link **out, size_t *n, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db,
				    "SELECT m.id, m.article, m.mention_id, a.doc_id, m.is_primary"
				    " FROM mention m JOIN article a ON a.id = m.article"
				    " WHERE m.event = ?1 ORDER BY m.id",
				    -1, &st, NULL);

	*out = NULL;
	*n = 0;
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, event);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		struct link *l;
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 8;
			struct link *nl = rasd_arena_calloc(a, nc, sizeof(*nl));
			if (!nl) {
				rc = SQLITE_NOMEM;
				break;
			}
			if (*n)
				memcpy(nl, *out, *n * sizeof(*nl));
			*out = nl;
			cap = nc;
		}
		l = &(*out)[(*n)++];
		l->id = sqlite3_column_int64(st, 0);
		l->article = sqlite3_column_int64(st, 1);
		l->mention_id = rasd_arena_strndup(a, (const char *)sqlite3_column_text(st, 2),
						   (size_t)sqlite3_column_bytes(st, 2));
		l->doc_id = rasd_arena_strndup(a, (const char *)sqlite3_column_text(st, 3),
					       (size_t)sqlite3_column_bytes(st, 3));
		l->is_primary = sqlite3_column_int(st, 4) != 0;
		if (!l->mention_id || !l->doc_id) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "reading an event's reports");
	sqlite3_finalize(st);
	return status;
}

static enum rasd_status move_mention(struct rasd_db *db, long long mention, long long to,
				     struct rasd_error *err)
{
	long long v[2] = {to, mention};
	return review_exec_ints(db, "UPDATE mention SET event = ?1, is_primary = 0 WHERE id = ?2",
				v, 2, NULL, err);
}

enum rasd_status rasd_review_split(struct rasd_db *db, long long event, const char *const *refs,
				   size_t nrefs, const struct rasd_review_by *by,
				   long long *first_new, struct rasd_error *err)
{
	struct review_op op;
	struct link *l = NULL;
	size_t n = 0, i, k, moved = 0;
	long long target = 0, *made = NULL;
	bool *pick = NULL;
	enum rasd_status st;

	if (first_new)
		*first_new = 0;
	st = review_op_begin(db, &op, event, err);
	if (st == RASD_OK)
		st = read_links(db, event, &op.a, &l, &n, err);
	if (st != RASD_OK)
		goto done;
	if (n < 2) {
		st = rasd_error_set(err, RASD_EINVAL, 0, 0,
				    "event %s has one report: there is nothing to split",
				    op.row.event_id);
		goto done;
	}
	pick = rasd_arena_calloc(&op.a, n, sizeof(*pick));
	made = rasd_arena_calloc(&op.a, n, sizeof(*made));
	if (!pick || !made) {
		st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		goto done;
	}
	for (k = 0; k < nrefs; k++) {
		bool found = false;
		for (i = 0; i < n; i++) {
			if (strcmp(l[i].mention_id, refs[k]) == 0 || strcmp(l[i].doc_id, refs[k]) == 0) {
				pick[i] = true;
				found = true;
			}
		}
		if (!found) {
			st = rasd_error_set(err, RASD_ENOTFOUND, 0, 0,
					    "'%.80s' is not a report of event %s (rasd query "
					    "--format jsonl lists its sources)",
					    refs[k], op.row.event_id);
			goto done;
		}
	}
	if (nrefs == 0) {
		/* every article but the primary's goes its own way */
		long long keep = 0;
		for (i = 0; i < n; i++)
			if (l[i].is_primary)
				keep = l[i].article;
		if (!keep)
			keep = l[0].article;
		for (i = 0; i < n; i++)
			pick[i] = l[i].article != keep;
	}
	for (i = 0; i < n; i++)
		moved += pick[i];
	if (moved == 0 || moved == n) {
		st = rasd_error_set(err, RASD_EINVAL, 0, 0,
				    moved ? "a split must leave at least one report with event %s"
					  : "event %s: nothing to split off (its reports are all "
					    "from one article)",
				    op.row.event_id);
		goto done;
	}
	st = review_next_change(db, &op.change, err);
	for (i = 0; i < n && st == RASD_OK; i++) {
		if (!pick[i])
			continue;
		if (nrefs > 0) {
			/* the named reports make one new event */
			if (!target)
				st = new_event(db, &target, err);
			made[i] = target;
		} else {
			/* one new event per article */
			for (k = 0; k < i; k++)
				if (pick[k] && l[k].article == l[i].article)
					made[i] = made[k];
			if (!made[i])
				st = new_event(db, &made[i], err);
		}
		if (st == RASD_OK)
			st = move_mention(db, l[i].id, made[i], err);
	}
	for (i = 0; i < n && st == RASD_OK; i++) {
		bool first = true;
		if (!pick[i])
			continue;
		for (k = 0; k < i; k++)
			if (pick[k] && made[k] == made[i])
				first = false;
		if (!first)
			continue;
		st = review_recompute(db, made[i], err);
		if (st == RASD_OK)
			st = log_simple(db, op.change, made[i], "split", "split_from", NULL,
					op.row.event_id, by, err);
		if (st == RASD_OK) {
			char idbuf[32];
			snprintf(idbuf, sizeof(idbuf), "%lld", made[i]);
			st = log_simple(db, op.change, event, "split", "split_off", NULL, idbuf, by, err);
		}
		if (st == RASD_OK && first_new && !*first_new)
			*first_new = made[i];
	}
	if (st == RASD_OK)
		st = review_mark_corrected(db, op.change, &op.row, false, "split", by, err);
	if (st == RASD_OK)
		st = review_recompute(db, event, err);
done:
	return review_op_end(db, &op, st, err);
}

/* ------------------------------------------------------------ re-ingest */

/* What reconciliation compares of a report. */
struct report {
	long long id, event;
	char *sentence, *trigger, *type, *sub, *fields;
	bool rejected; /* its event is */
	bool used;
};

/* The coded fields of a mention joined in one string, for comparison. */
#define REPORT_SQL                                                                         \
	"SELECT m.id, m.event, m.sentence, m.trigger, m.event_type, m.sub_event_type,"     \
	" coalesce(m.event_date, '') || '|' || coalesce(m.time_precision, '') " \
	" || '|' || coalesce(m.event_type, '') || '|' || " \
	" coalesce(m.sub_event_type, '') || '|' || coalesce(m.actor1, '') || " \
	" '|' || coalesce(m.assoc_actor1, '') || '|' || coalesce(m.actor2, '') " \
	" || '|' || coalesce(m.assoc_actor2, '') || '|' || " \
	" coalesce(m.location, '') || '|' || coalesce(m.admin1, '') || '|' || " \
	" coalesce(m.country, '') || '|' || coalesce(m.fatalities, '') || '|' " \
	" || coalesce(m.modality, '')," \
	" (SELECT e.review_status = 'rejected' FROM event e WHERE e.id = m.event)" \
	" FROM mention m WHERE m.article = ?1"

static char *dup_col(sqlite3_stmt *st, int col, struct rasd_arena *a, bool *oom)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	char *c = rasd_arena_strndup(a, s ? (const char *)s : "",
				     s ? (size_t)sqlite3_column_bytes(st, col) : 0);
	if (!c)
		*oom = true;
	return c;
}

static enum rasd_status read_reports(struct rasd_db *db, const char *sql, long long article,
				     long long first_new, struct rasd_arena *a,
				     struct report **out, size_t *n, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	bool oom = false;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);

	*out = NULL;
	*n = 0;
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, article);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, first_new);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		struct report *r;
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 8;
			struct report *nr = rasd_arena_calloc(a, nc, sizeof(*nr));
			if (!nr) {
				rc = SQLITE_NOMEM;
				break;
			}
			if (*n)
				memcpy(nr, *out, *n * sizeof(*nr));
			*out = nr;
			cap = nc;
		}
		r = &(*out)[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		r->event = sqlite3_column_int64(st, 1);
		r->sentence = dup_col(st, 2, a, &oom);
		r->trigger = dup_col(st, 3, a, &oom);
		r->type = dup_col(st, 4, a, &oom);
		r->sub = dup_col(st, 5, a, &oom);
		r->fields = dup_col(st, 6, a, &oom);
		r->rejected = sqlite3_column_int(st, 7) != 0;
		if (oom) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "reading an article's reports");
	sqlite3_finalize(st);
	return status;
}

/* How well a new report stands for an old one: 0 not at all. */
static int match_score(const struct report *old, const struct report *nw)
{
	bool same_sentence = strcmp(old->sentence, nw->sentence) == 0;
	bool same_trigger = strcmp(old->trigger, nw->trigger) == 0;
	bool same_sub = strcmp(old->sub, nw->sub) == 0;

	if (same_sentence && same_trigger)
		return same_sub ? 5 : 4;
	if (same_sentence && same_sub)
		return 3;
	if (same_trigger && same_sub)
		return 2;
	/* reworded, but coded alike: the same happening told again */
	if (same_sub && strcmp(old->fields, nw->fields) == 0)
		return 1;
	return 0;
}

static enum rasd_status set_recheck(struct rasd_db *db, long long event, const char *why,
				    const char *note, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	long long change = 0;
	int rc;

	status = review_next_change(db, &change, err);
	if (status == RASD_OK)
	{
		struct rasd_review_by by = {NULL, note};
		status = log_simple(db, change, event, "recheck", "recheck", NULL, why, &by, err);
	}
	if (status != RASD_OK)
		return status;
	rc = sqlite3_prepare_v2(db->db, "UPDATE event SET recheck = ?2 WHERE id = ?1", -1,
				&st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, event);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, why, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "flagging an event");
	sqlite3_finalize(st);
	return status;
}

/* Offsets of a kept report into the article's new text: the sentence found
 * again moves with it; a sentence that is gone is emptied (the re-check's
 * log entry keeps it), so the stored evidence is always what the article's
 * text holds at the offsets (rasd check). */
static enum rasd_status reanchor(struct rasd_db *db, long long mention,
				 const struct rasd_article *art, struct rasd_error *err)
{
	static const char sql[] =
		"UPDATE mention SET"
		" evidence_start = CASE WHEN ?2 >= 0 THEN evidence_start - sentence_start + ?2 ELSE 0 END,"
		" evidence_end = CASE WHEN ?2 >= 0 THEN evidence_end - sentence_start + ?2 ELSE 0 END,"
		" sentence_end = CASE WHEN ?2 >= 0 THEN sentence_end - sentence_start + ?2 ELSE 0 END,"
		" sentence_start = CASE WHEN ?2 >= 0 THEN ?2 ELSE 0 END,"
		" evidence_field = CASE WHEN ?2 >= 0 THEN ?3 ELSE evidence_field END,"
		" sentence = CASE WHEN ?2 >= 0 THEN sentence ELSE '' END"
		" WHERE id = ?1";
	sqlite3 *h = db->db;
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	long long at = -1;
	const char *field = "text";
	int rc = sqlite3_prepare_v2(h, "SELECT sentence FROM mention WHERE id = ?1", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, mention);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		size_t sn = (size_t)sqlite3_column_bytes(st, 0);
		const char *hit = NULL;
		if (s && sn) {
			hit = art->text ? memmem(art->text, art->text_n, s, sn) : NULL;
			if (hit) {
				at = hit - art->text;
			} else if (art->title && (hit = memmem(art->title, art->title_n, s, sn))) {
				at = hit - art->title;
				field = "title";
			}
		}
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "reading a report");
	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, mention);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, at);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "moving a report");
	sqlite3_finalize(st);
	return status;
}

static enum rasd_status event_mentions(struct rasd_db *db, long long event, long long *n,
				       struct rasd_error *err)
{
	return store_query_int_of(db, "SELECT count(*) FROM mention WHERE event = ?1", event, n,
				  "counting reports", err);
}

enum rasd_status review_reconcile(struct rasd_db *db, long long article, long long first_new,
				  const struct rasd_article *art, bool recoded,
				  struct rasd_ingest_counts *counts, struct rasd_error *err)
{
	struct rasd_arena a;
	struct report *old = NULL, *nw = NULL;
	size_t nold = 0, nnew = 0, i, j;
	enum rasd_status st;
	char why[512];

	rasd_arena_init(&a, 0);
	st = read_reports(db, REPORT_SQL " AND m.id < ?2 ORDER BY m.id", article, first_new, &a,
			  &old, &nold, err);
	if (st == RASD_OK && nold)
		st = read_reports(db, REPORT_SQL " AND m.id >= ?2 ORDER BY m.id", article, first_new,
				  &a, &nw, &nnew, err);
	for (i = 0; i < nold && st == RASD_OK; i++) {
		struct report *o = &old[i], *best = NULL;
		int score = 0;
		long long left = 0, v[1];

		for (j = 0; j < nnew; j++) {
			int s = nw[j].used ? 0 : match_score(o, &nw[j]);
			if (s > score) {
				score = s;
				best = &nw[j];
			}
		}
		if (!best) {
			/* the article no longer reports it: keep the report, flag the event */
			st = reanchor(db, o->id, art, err);
			/* what was rejected is gone: nothing to check; a report that
			 * vanished before was flagged then */
			if (st != RASD_OK || o->rejected || !o->sentence[0])
				continue;
			snprintf(why, sizeof(why),
				 recoded ? "coded again, article '%.200s' no longer reports it"
					 : "article '%.200s' changed and no longer reports it",
				 art->id);
			if (st == RASD_OK)
				st = set_recheck(db, o->event, why, o->sentence, err);
			if (st == RASD_OK)
				st = review_recompute(db, o->event, err);
			continue;
		}
		best->used = true;
		/* the new report takes the old one's place in the reviewed event */
		v[0] = o->id;
		st = review_exec_ints(db, "DELETE FROM mention WHERE id = ?1", v, 1, NULL, err);
		if (st == RASD_OK)
			st = move_mention(db, best->id, o->event, err);
		if (st == RASD_OK)
			st = event_mentions(db, best->event, &left, err);
		if (st == RASD_OK && best->event != o->event) {
			if (left == 0) {
				v[0] = best->event;
				st = review_exec_ints(db, "DELETE FROM event WHERE id = ?1", v, 1, NULL,
						      err);
				if (counts && counts->events_new > 0)
					counts->events_new--;
			} else {
				st = review_recompute(db, best->event, err);
			}
		}
		if (st == RASD_OK &&
		    (strcmp(o->fields, best->fields) != 0 || strcmp(o->sentence, best->sentence) != 0)) {
			snprintf(why, sizeof(why), "%s '%.200s'%s: %s",
				 recoded ? "coded again from article" : "article", art->id,
				 recoded ? "" : " changed",
				 strcmp(o->fields, best->fields) != 0 ? "it is now coded otherwise"
								      : "its sentence was edited");
			st = set_recheck(db, o->event, why, NULL, err);
		}
		if (st == RASD_OK)
			st = review_recompute(db, o->event, err);
	}
	rasd_arena_release(&a);
	return st;
}
