/*
 * review.c - analysts' review of stored events: the review status of each
 * event, the audit trail (review_log), accept, reject, undo, the log and
 * counts, and the hook that writes corrected fields over the values an
 * event is recomputed to from its reports. Corrections live in
 * review_field; merge, split and re-ingest are in review_merge.c, field
 * validation in review_set.c. Part of store/ (docs/review.md).
 */
#include "review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


const char *const rasd_review_reasons[] = {"not-event", "duplicate", "wrong-type",
					   "history",   "plan-or-threat", "statistic",
					   "accident",  "off-topic", "other", NULL};

static const char *const status_names[] = {"unreviewed", "accepted", "corrected", "rejected"};

const char *rasd_review_status_name(enum rasd_review_status s)
{
	return (unsigned)s < 4 ? status_names[s] : "unreviewed";
}

enum rasd_status rasd_review_status_parse(const char *s, enum rasd_review_status *out)
{
	unsigned k;

	for (k = 0; k < 4; k++) {
		if (s && strcmp(s, status_names[k]) == 0) {
			*out = (enum rasd_review_status)k;
			return RASD_OK;
		}
	}
	return RASD_EINVAL;
}

/* ------------------------------------------------------------ plumbing */

enum rasd_status review_recompute(struct rasd_db *db, long long event, struct rasd_error *err)
{
	bool empty = false;
	return store_recompute(db, event, &empty, err);
}

enum rasd_status review_begin(struct rasd_db *db, bool *own, struct rasd_error *err)
{
	*own = sqlite3_get_autocommit(db->db) != 0;
	return *own ? rasd_db_begin(db, err) : RASD_OK;
}

enum rasd_status review_end(struct rasd_db *db, bool own, enum rasd_status st,
			    struct rasd_error *err)
{
	if (!own)
		return st;
	if (st != RASD_OK) {
		rasd_db_rollback(db);
		return st;
	}
	st = rasd_db_commit(db, err);
	if (st != RASD_OK)
		rasd_db_rollback(db);
	return st;
}

enum rasd_status review_op_begin(struct rasd_db *db, struct review_op *op, long long event,
				 struct rasd_error *err)
{
	enum rasd_status st;

	memset(op, 0, sizeof(*op));
	rasd_arena_init(&op->a, 0);
	st = review_begin(db, &op->own, err);
	if (st != RASD_OK)
		return st;
	op->begun = true;
	return review_row_get(db, event, &op->a, &op->row, err);
}

enum rasd_status review_op_end(struct rasd_db *db, struct review_op *op, enum rasd_status st,
			       struct rasd_error *err)
{
	if (op->begun)
		st = review_end(db, op->own, st, err);
	rasd_arena_release(&op->a);
	return st;
}

enum rasd_status review_exec_ints(struct rasd_db *db, const char *sql, const long long *v,
				  int nv, int *changes, struct rasd_error *err)
{
	sqlite3 *h = db->db;
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL), k;

	for (k = 0; rc == SQLITE_OK && k < nv; k++)
		rc = sqlite3_bind_int64(st, k + 1, v[k]);
	if (rc == SQLITE_OK) {
		do
			rc = sqlite3_step(st);
		while (rc == SQLITE_ROW);
	}
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "writing a review");
	else if (changes)
		*changes = sqlite3_changes(h);
	sqlite3_finalize(st);
	return status;
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *s, int *rc)
{
	if (*rc != SQLITE_OK)
		return;
	*rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

enum rasd_status review_next_change(struct rasd_db *db, long long *change, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->db,
				    "SELECT coalesce(max(change), 0) + 1 FROM review_log", -1, &st,
				    NULL);
	enum rasd_status status = RASD_OK;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*change = sqlite3_column_int64(st, 0);
	else
		status = store_fail(db, err, rc, "reading the review log");
	sqlite3_finalize(st);
	return status;
}

enum rasd_status review_log_write(struct rasd_db *db, const struct review_entry_in *in,
				  struct rasd_error *err)
{
	static const char sql[] =
		"INSERT INTO review_log(change, event, event_id, action, field, old, new,"
		" had_override, old_override, reviewer, note)"
		" VALUES (?1, ?2, (SELECT event_id FROM event WHERE id = ?2), ?3, ?4, ?5, ?6, ?7, ?8,"
		" ?9, ?10)";
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, in->change);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, in->event);
	bind_opt_text(st, 3, in->action, &rc);
	bind_opt_text(st, 4, in->field, &rc);
	bind_opt_text(st, 5, in->old_value, &rc);
	bind_opt_text(st, 6, in->new_value, &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, 7, in->had_override);
	bind_opt_text(st, 8, in->old_override, &rc);
	bind_opt_text(st, 9, in->reviewer && *in->reviewer ? in->reviewer : NULL, &rc);
	bind_opt_text(st, 10, in->note && *in->note ? in->note : NULL, &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "writing the review log");
	sqlite3_finalize(st);
	return status;
}

static const char *col_dup(sqlite3_stmt *st, int col, struct rasd_arena *a, bool *oom)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	char *c;

	if (!s)
		return NULL;
	c = rasd_arena_strndup(a, (const char *)s, (size_t)sqlite3_column_bytes(st, col));
	if (!c)
		*oom = true;
	return c;
}

enum rasd_status review_row_get(struct rasd_db *db, long long event, struct rasd_arena *a,
				struct review_row *out, struct rasd_error *err)
{
	static const char sql[] =
		"SELECT review_status, review_reason, duplicate_of, recheck, event_id,"
		" (SELECT count(*) FROM mention m WHERE m.event = event.id) FROM event WHERE id = ?1";
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	bool oom = false;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);

	memset(out, 0, sizeof(*out));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, event);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = event;
		if (rasd_review_status_parse((const char *)sqlite3_column_text(st, 0),
					     &out->status) != RASD_OK)
			out->status = RASD_REVIEW_UNREVIEWED;
		out->reason = col_dup(st, 1, a, &oom);
		out->duplicate_of = sqlite3_column_int64(st, 2);
		out->recheck = col_dup(st, 3, a, &oom);
		out->event_id = col_dup(st, 4, a, &oom);
		out->nmentions = (long)sqlite3_column_int64(st, 5);
		if (oom)
			status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	} else if (rc == SQLITE_DONE) {
		status = rasd_error_set(err, RASD_ENOTFOUND, 0, 0, "no event with row id %lld", event);
	} else {
		status = store_fail(db, err, rc, "reading an event's review");
	}
	sqlite3_finalize(st);
	return status;
}

static bool same_str(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static void id_text(long long id, char out[24])
{
	if (id)
		snprintf(out, 24, "%lld", id);
	else
		out[0] = '\0';
}

enum rasd_status review_set_status(struct rasd_db *db, long long change, const struct review_row *old,
				   enum rasd_review_status status, const char *reason,
				   long long duplicate_of, bool clear_recheck, const char *action,
				   const char *reviewer, const char *note, struct rasd_error *err)
{
	static const char sql[] =
		"UPDATE event SET review_status = ?1, review_reason = ?2, duplicate_of = ?3,"
		" recheck = CASE WHEN ?4 THEN NULL ELSE recheck END, reviewed_by = ?5,"
		" reviewed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?6";
	struct review_entry_in in;
	sqlite3_stmt *st = NULL;
	enum rasd_status rs = RASD_OK;
	char a[24], b[24];
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);

	bind_opt_text(st, 1, rasd_review_status_name(status), &rc);
	bind_opt_text(st, 2, reason, &rc);
	if (rc == SQLITE_OK)
		rc = duplicate_of ? sqlite3_bind_int64(st, 3, duplicate_of) : sqlite3_bind_null(st, 3);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, 4, clear_recheck);
	bind_opt_text(st, 5, reviewer && *reviewer ? reviewer : NULL, &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 6, old->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(db, err, rc, "writing a review");

	memset(&in, 0, sizeof(in));
	in.change = change;
	in.event = old->id;
	in.action = action;
	in.reviewer = reviewer;
	in.note = note;
	if (status != old->status) {
		in.field = "review_status";
		in.old_value = rasd_review_status_name(old->status);
		in.new_value = rasd_review_status_name(status);
		rs = review_log_write(db, &in, err);
	}
	if (rs == RASD_OK && !same_str(reason, old->reason)) {
		in.field = "review_reason";
		in.old_value = old->reason;
		in.new_value = reason;
		rs = review_log_write(db, &in, err);
	}
	if (rs == RASD_OK && duplicate_of != old->duplicate_of) {
		id_text(old->duplicate_of, a);
		id_text(duplicate_of, b);
		in.field = "duplicate_of";
		in.old_value = a[0] ? a : NULL;
		in.new_value = b[0] ? b : NULL;
		rs = review_log_write(db, &in, err);
	}
	if (rs == RASD_OK && clear_recheck && old->recheck) {
		in.field = "recheck";
		in.old_value = old->recheck;
		in.new_value = NULL;
		rs = review_log_write(db, &in, err);
	}
	return rs;
}

enum rasd_status review_mark_corrected(struct rasd_db *db, long long change,
				       const struct review_row *row, bool clear_recheck,
				       const char *action, const struct rasd_review_by *by,
				       struct rasd_error *err)
{
	bool rejected = row->status == RASD_REVIEW_REJECTED;

	return review_set_status(db, change, row,
				 rejected ? RASD_REVIEW_REJECTED : RASD_REVIEW_CORRECTED,
				 rejected ? row->reason : NULL, rejected ? row->duplicate_of : 0,
				 clear_recheck, action, by ? by->reviewer : NULL, by ? by->note : NULL,
				 err);
}

/* -------------------------------------------------------------- find */

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

enum rasd_status rasd_review_find(struct rasd_db *db, const char *ref, long long *event,
				  struct rasd_error *err)
{
	static const char sql[] =
		"SELECT id FROM event WHERE id = ?1 AND ?3"
		" UNION ALL SELECT id FROM event WHERE event_id = ?2"
		" UNION ALL SELECT event FROM mention WHERE mention_id = ?2 LIMIT 1";
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	bool numeric;
	long long id = 0;
	int rc;

	*event = 0;
	if (!ref || !*ref)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "an empty event id");
	numeric = all_digits(ref) && strlen(ref) < 19;
	if (numeric)
		id = strtoll(ref, NULL, 10);
	rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, 3, numeric);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*event = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		status = rasd_error_set(err, RASD_ENOTFOUND, 0, 0, "no event '%.100s' in the database",
					ref);
	else
		status = store_fail(db, err, rc, "finding an event");
	sqlite3_finalize(st);
	return status;
}

/* ------------------------------------------------------ accept, reject */

static enum rasd_status has_corrections(struct rasd_db *db, long long event, bool *any,
					struct rasd_error *err)
{
	long long v = 0;
	enum rasd_status status = store_query_int_of(
		db, "SELECT EXISTS (SELECT 1 FROM review_field WHERE event = ?1)", event, &v,
		"reading corrections", err);
	*any = v != 0;
	return status;
}

enum rasd_status rasd_review_accept(struct rasd_db *db, long long event,
				    const struct rasd_review_by *by, struct rasd_error *err)
{
	struct review_op op;
	bool corrected = false;
	enum rasd_status st;

	st = review_op_begin(db, &op, event, err);
	if (st == RASD_OK)
		st = has_corrections(db, event, &corrected, err);
	if (st == RASD_OK)
		st = review_next_change(db, &op.change, err);
	if (st == RASD_OK)
		st = review_set_status(db, op.change, &op.row,
				       corrected ? RASD_REVIEW_CORRECTED : RASD_REVIEW_ACCEPTED, NULL,
				       0, true, "accept", by ? by->reviewer : NULL,
				       by ? by->note : NULL, err);
	return review_op_end(db, &op, st, err);
}

static bool known_reason(const char *reason)
{
	size_t k;
	for (k = 0; rasd_review_reasons[k]; k++)
		if (strcmp(reason, rasd_review_reasons[k]) == 0)
			return true;
	return false;
}

enum rasd_status rasd_review_reject(struct rasd_db *db, long long event, const char *reason,
				    long long duplicate_of, const struct rasd_review_by *by,
				    struct rasd_error *err)
{
	struct review_op op;
	struct review_row dup;
	enum rasd_status st;

	if (!reason || !known_reason(reason))
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "'%.60s' is not a reason to reject (not-event, duplicate, "
				      "wrong-type, history, plan-or-threat, statistic, accident, "
				      "off-topic, other)",
				      reason ? reason : "");
	if (strcmp(reason, "duplicate") == 0 && !duplicate_of)
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "a duplicate needs the event it duplicates");
	if (strcmp(reason, "duplicate") != 0 && duplicate_of)
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "only a duplicate names another event (reason '%s')", reason);
	if (duplicate_of == event)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "an event cannot duplicate itself");
	st = review_op_begin(db, &op, event, err);
	if (st == RASD_OK && duplicate_of)
		st = review_row_get(db, duplicate_of, &op.a, &dup, err);
	if (st == RASD_OK)
		st = review_next_change(db, &op.change, err);
	if (st == RASD_OK)
		st = review_set_status(db, op.change, &op.row, RASD_REVIEW_REJECTED, reason,
				       duplicate_of, true, "reject", by ? by->reviewer : NULL,
				       by ? by->note : NULL, err);
	return review_op_end(db, &op, st, err);
}

/* ---------------------------------------------------------------- undo */

/* Columns of event a status undo may write back. */
static const char *const status_cols[] = {"review_status", "review_reason", "duplicate_of",
					  "recheck", NULL};
static const char *const status_sql[] = {
	"UPDATE event SET review_status = coalesce(?2, 'unreviewed') WHERE id = ?1",
	"UPDATE event SET review_reason = ?2 WHERE id = ?1",
	"UPDATE event SET duplicate_of = CAST(?2 AS INTEGER) WHERE id = ?1",
	"UPDATE event SET recheck = ?2 WHERE id = ?1",
};

static enum rasd_status exec_id_value(struct rasd_db *db, const char *sql, long long id,
				      sqlite3_value *v, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);
	enum rasd_status status = RASD_OK;

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = v ? sqlite3_bind_value(st, 2, v) : sqlite3_bind_null(st, 2);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "undoing a review");
	sqlite3_finalize(st);
	return status;
}

enum rasd_status rasd_review_undo(struct rasd_db *db, long long event,
				  const struct rasd_review_by *by, struct rasd_error *err)
{
	static const char last_sql[] =
		"SELECT change, action FROM review_log WHERE event = ?1 AND undone_by IS NULL"
		" AND action <> 'undo' AND action <> 'recheck' ORDER BY change DESC LIMIT 1";
	static const char rows_sql[] =
		"SELECT field, old, new, had_override, old_override FROM review_log"
		" WHERE change = ?1 AND event = ?2 ORDER BY id DESC";
	sqlite3 *h = db->db;
	sqlite3_stmt *st = NULL, *rows = NULL;
	long long change = 0, now = 0;
	bool own = false, recompute = false;
	enum rasd_status status;
	struct review_entry_in in;
	int rc;

	status = review_begin(db, &own, err);
	if (status != RASD_OK)
		return status;
	rc = sqlite3_prepare_v2(h, last_sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, event);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		status = rasd_error_set(err, RASD_ENOTFOUND, 0, 0,
					"nothing to undo for event %lld", event);
		goto out;
	}
	if (rc != SQLITE_ROW) {
		status = store_fail(db, err, rc, "reading the review log");
		goto out;
	}
	change = sqlite3_column_int64(st, 0);
	{
		const char *action = (const char *)sqlite3_column_text(st, 1);
		if (action && (strcmp(action, "merge") == 0 || strcmp(action, "split") == 0)) {
			status = rasd_error_set(err, RASD_EINVAL, 0, 0,
						"the last change to event %lld is a %s, which is "
						"not undone: %s",
						event, action,
						strcmp(action, "merge") == 0
							? "split the event instead"
							: "merge the events instead");
			goto out;
		}
	}
	status = review_next_change(db, &now, err);
	if (status != RASD_OK)
		goto out;
	memset(&in, 0, sizeof(in));
	in.change = now;
	in.event = event;
	in.action = "undo";
	in.reviewer = by ? by->reviewer : NULL;
	in.note = by ? by->note : NULL;

	rc = sqlite3_prepare_v2(h, rows_sql, -1, &rows, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(rows, 1, change);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(rows, 2, event);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		const char *field;
		size_t k;
		bool is_status = false;

		rc = sqlite3_step(rows);
		if (rc != SQLITE_ROW)
			break;
		field = (const char *)sqlite3_column_text(rows, 0);
		if (!field)
			continue;
		for (k = 0; status_cols[k]; k++) {
			if (strcmp(field, status_cols[k]) == 0) {
				status = exec_id_value(db, status_sql[k], event,
						       sqlite3_column_value(rows, 1), err);
				is_status = true;
			}
		}
		if (!is_status) {
			/* a corrected field: put the earlier correction back, or none */
			sqlite3_stmt *w = NULL;
			bool had = sqlite3_column_int(rows, 3) != 0;
			rc = sqlite3_prepare_v2(h,
						had ? "INSERT OR REPLACE INTO review_field(event, field,"
						      " value) VALUES (?1, ?2, ?3)"
						    : "DELETE FROM review_field WHERE event = ?1 AND"
						      " field = ?2",
						-1, &w, NULL);
			if (rc == SQLITE_OK)
				rc = sqlite3_bind_int64(w, 1, event);
			if (rc == SQLITE_OK)
				rc = sqlite3_bind_text(w, 2, field, -1, SQLITE_TRANSIENT);
			if (rc == SQLITE_OK && had)
				rc = sqlite3_bind_value(w, 3, sqlite3_column_value(rows, 4));
			if (rc == SQLITE_OK)
				rc = sqlite3_step(w);
			sqlite3_finalize(w);
			if (rc != SQLITE_DONE) {
				status = store_fail(db, err, rc, "undoing a correction");
				break;
			}
			rc = SQLITE_OK;
			recompute = true;
		}
		if (status != RASD_OK)
			break;
		in.field = field;
		in.old_value = (const char *)sqlite3_column_text(rows, 2);
		in.new_value = (const char *)sqlite3_column_text(rows, 1);
		status = review_log_write(db, &in, err);
		if (status != RASD_OK)
			break;
	}
	if (status == RASD_OK && rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "reading the review log");
	if (status == RASD_OK) {
		long long v[2] = {now, change};
		status = review_exec_ints(db, "UPDATE review_log SET undone_by = ?1 WHERE change = ?2",
					  v, 2, NULL, err);
	}
	if (status == RASD_OK && recompute)
		status = review_recompute(db, event, err);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(rows);
	return review_end(db, own, status, err);
}

/* ----------------------------------------------------------------- log */

enum rasd_status rasd_review_log(struct rasd_db *db, long long event, struct rasd_arena *a,
				 rasd_review_entry_fn fn, void *ctx, struct rasd_error *err)
{
	static const char sql[] =
		"SELECT id, change, event, event_id, action, field, old, new, reviewer, time, note,"
		" undone_by IS NOT NULL FROM review_log WHERE ?1 = 0 OR event = ?1 ORDER BY id";
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, event);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		struct rasd_review_entry e;
		bool oom = false;

		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		rasd_arena_reset(a);
		e.id = sqlite3_column_int64(st, 0);
		e.change = sqlite3_column_int64(st, 1);
		e.event = sqlite3_column_int64(st, 2);
		e.event_id = col_dup(st, 3, a, &oom);
		e.action = col_dup(st, 4, a, &oom);
		e.field = col_dup(st, 5, a, &oom);
		e.old_value = col_dup(st, 6, a, &oom);
		e.new_value = col_dup(st, 7, a, &oom);
		e.reviewer = col_dup(st, 8, a, &oom);
		e.time = col_dup(st, 9, a, &oom);
		e.note = col_dup(st, 10, a, &oom);
		e.undone = sqlite3_column_int(st, 11) != 0;
		if (oom) {
			status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			break;
		}
		status = fn(ctx, &e);
		if (status != RASD_OK)
			break;
	}
	if (status == RASD_OK && rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "reading the review log");
	sqlite3_finalize(st);
	return status;
}

enum rasd_status rasd_review_count(struct rasd_db *db, struct rasd_review_counts *c,
				   struct rasd_error *err)
{
	static const char sql[] =
		"SELECT review_status, count(*), count(recheck) FROM event GROUP BY review_status";
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);

	memset(c, 0, sizeof(*c));
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		enum rasd_review_status s;
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (rasd_review_status_parse((const char *)sqlite3_column_text(st, 0), &s) !=
		    RASD_OK)
			s = RASD_REVIEW_UNREVIEWED;
		c->by_status[s] += (long)sqlite3_column_int64(st, 1);
		c->recheck += (long)sqlite3_column_int64(st, 2);
	}
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "counting reviews");
	sqlite3_finalize(st);
	return status;
}
