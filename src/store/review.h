/*
 * review.h - what the review files (review.c, review_set.c, review_merge.c)
 * share with each other and with the rest of the store: the connection of
 * a struct rasd_db, the change log, and the two hooks the ingest path
 * calls (overrides after an event is recomputed, reconciliation after a
 * changed article is stored again). store/ internal.
 */
#ifndef RASD_STORE_REVIEW_H
#define RASD_STORE_REVIEW_H

#include "store.h"


/*
 * Hooks of the ingest path. review_apply() writes an event's corrected
 * fields over the values just recomputed from its mentions.
 * review_apply() is in corrections.c. review_reconcile() (review_merge.c) runs after a changed article's new events are stored:
 * mentions of reviewed events that the article had before (kept by the
 * delete) are matched to the new ones, which move to the reviewed event;
 * a reviewed event whose report changed or vanished is flagged for a
 * re-check. first_new is the smallest mention row id stored by this put;
 * recoded says the article is the same, coded again (rasd rebuild).
 */
enum rasd_status review_apply(struct rasd_db *db, long long event, struct rasd_error *err);
enum rasd_status review_reconcile(struct rasd_db *db, long long article, long long first_new,
				  const struct rasd_article *art, bool recoded,
				  struct rasd_ingest_counts *counts, struct rasd_error *err);

/* ------------------------------------------------ shared by review*.c */

/* store_recompute() for an event that keeps its reports. */
enum rasd_status review_recompute(struct rasd_db *db, long long event, struct rasd_error *err);

/* A statement prepared, stepped to its end and finalized in one go. */
struct review_stmt {
	sqlite3_stmt *st;
	int rc;
};

/* One write of the audit trail. */
struct review_entry_in {
	long long change;
	long long event;
	const char *action; /* accept, reject, set, merge, split, recheck, undo */
	const char *field;
	const char *old_value, *new_value;
	bool had_override;        /* for set: whether the field was corrected before */
	const char *old_override; /* and to what */
	const char *reviewer, *note;
};

/* Start a transaction when the caller has none; *own says to finish it. */
enum rasd_status review_begin(struct rasd_db *db, bool *own, struct rasd_error *err);
/* Commit (st == RASD_OK) or roll back an own transaction; returns the status. */
enum rasd_status review_end(struct rasd_db *db, bool own, enum rasd_status st,
			    struct rasd_error *err);
/* The next change number of the audit trail. */
enum rasd_status review_next_change(struct rasd_db *db, long long *change,
				    struct rasd_error *err);
enum rasd_status review_log_write(struct rasd_db *db, const struct review_entry_in *in,
				  struct rasd_error *err);
/* Run constant SQL with up to 4 integer parameters (?1..?4); *changes rows. */
enum rasd_status review_exec_ints(struct rasd_db *db, const char *sql, const long long *v,
				  int nv, int *changes, struct rasd_error *err);
/* The event's review status, reason and rasd- id (strings in a). */
struct review_row {
	long long id;
	enum rasd_review_status status;
	const char *reason;
	long long duplicate_of;
	const char *recheck;
	const char *event_id;
	long nmentions;
};
enum rasd_status review_row_get(struct rasd_db *db, long long event, struct rasd_arena *a,
				struct review_row *out, struct rasd_error *err);
/* One review verb on one event: its arena, whether it opened the
 * transaction, the event's row and the change number of its trail. */
struct review_op {
	struct rasd_arena a;
	bool own, begun;
	struct review_row row;
	long long change;
};
/* Open a verb on `event`: the arena, a transaction unless the caller holds
 * one, the event's row. Whatever it returns, close with review_op_end. */
enum rasd_status review_op_begin(struct rasd_db *db, struct review_op *op, long long event,
				 struct rasd_error *err);
/* Close it: commit (st == RASD_OK) or roll back the transaction it opened,
 * free the arena; returns the status. */
enum rasd_status review_op_end(struct rasd_db *db, struct review_op *op, enum rasd_status st,
			       struct rasd_error *err);
/* The event is corrected (a rejected one stays rejected, with its reason
 * and the event it duplicates), logged as `action` by `by`. */
enum rasd_status review_mark_corrected(struct rasd_db *db, long long change,
				       const struct review_row *row, bool clear_recheck,
				       const char *action, const struct rasd_review_by *by,
				       struct rasd_error *err);
/* Set status/reason/duplicate_of/recheck, logging each value that changes. */
enum rasd_status review_set_status(struct rasd_db *db, long long change, const struct review_row *old,
				   enum rasd_review_status status, const char *reason,
				   long long duplicate_of, bool clear_recheck, const char *action,
				   const char *reviewer, const char *note, struct rasd_error *err);

#endif
