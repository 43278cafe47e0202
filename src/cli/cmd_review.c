/*
 * cmd_review.c - `rasd review`: an analyst's verdicts on stored events.
 * Verbs for scripts (accept, reject, set, merge, split, undo, log) and,
 * with no verb on a terminal, the interactive queue (cmd_review_queue.c).
 * Every change goes through the store's review API, so it is validated,
 * logged and kept through re-ingest.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void help(FILE *f)
{
	fputs("usage: rasd review --db FILE [options] [filters]        the queue (on a terminal)\n"
	      "       rasd review --db FILE accept ID...\n"
	      "       rasd review --db FILE reject ID... --reason REASON [--of ID]\n"
	      "       rasd review --db FILE set ID FIELD=VALUE...\n"
	      "       rasd review --db FILE merge ID ID                (the second into the first)\n"
	      "       rasd review --db FILE split ID [REPORT...]\n"
	      "       rasd review --db FILE undo ID\n"
	      "       rasd review --db FILE log [ID]\n"
	      "\n"
	      "ID is an event's row id (#12 in rasd query), its rasd-... id, or the id of any\n"
	      "of its reports. Every change is kept in the audit log; corrected fields\n"
	      "override the coded ones in queries, exports and statistics and survive\n"
	      "re-ingest.\n"
	      "\n"
	      "reasons: not-event, duplicate (with --of ID), wrong-type, history,\n"
	      "         plan-or-threat, statistic, accident, off-topic, other\n"
	      "fields:  event_date, time_precision, event_type, sub_event_type, actor1,\n"
	      "         assoc_actor1, actor2, assoc_actor2 (codes or aliases: ISIS, داعش),\n"
	      "         location (a gazetteer place; 'NAME، GOVERNORATE' for namesakes),\n"
	      "         fatalities, modality (reported, claimed, foiled)\n"
	      "REPORT:  a report's rasd-... id or its article's doc_id (default for split:\n"
	      "         every article but the primary's becomes an event of its own)\n"
	      "\n"
	      "options:\n"
	      "  --db FILE                   the events database\n"
	      "  --reviewer NAME             who reviews (default $RASD_REVIEWER, then $USER)\n"
	      "  --note TEXT                 a note kept with the change\n"
	      "  --reason REASON, --of ID    for reject\n"
	      "  --data DIR, --places FILE   the lexicons that validate actors and places\n"
	      "  --limit N                   queue: at most N events (default 500)\n"
	      "queue filters (default --status unreviewed,recheck), lowest confidence first:\n",
	      f);
	cli_filter_help(f);
}

/* Report a failed review call; 1 for bad input. */
static int fail(const struct rasd_error *err, enum rasd_status st)
{
	cli_error("%s", err->msg[0] ? err->msg : rasd_strerror(st));
	return 1;
}

static bool find(struct rasd_db *db, const char *ref, long long *id, const char *path)
{
	struct rasd_error err;

	rasd_error_clear(&err);
	if (rasd_review_find(db, ref, id, &err) != RASD_OK) {
		if (err.status == RASD_ENOTFOUND)
			cli_error("no event '%s' in '%s'", ref, path);
		else
			cli_error("%s", err.msg);
		return false;
	}
	return true;
}

static enum rasd_status print_entry(void *ctx, const struct rasd_review_entry *e)
{
	struct rasd_buf *b = ctx;
	size_t n = e->field ? strlen(e->field) : 0;

	(void)ctx;
	/* the key forms follow location and admin1; they say nothing new */
	if (n > 4 && strcmp(e->field + n - 4, "_key") == 0)
		return RASD_OK;
	/* parts of a corrected place that stayed as they were */
	if ((strcmp(e->action, "set") == 0 || strcmp(e->action, "undo") == 0) &&
	    (e->old_value && e->new_value ? strcmp(e->old_value, e->new_value) == 0
					  : e->old_value == e->new_value))
		return RASD_OK;
	if (rasd_buf_printf(b, "%s  #%lld  %s  %-7s  %s: %s -> %s", e->time ? e->time : "",
			    e->event, e->event_id ? e->event_id : "-", e->action, e->field,
			    e->old_value ? e->old_value : "(none)",
			    e->new_value ? e->new_value : "(none)") != RASD_OK)
		return RASD_ENOMEM;
	if (e->reviewer && rasd_buf_printf(b, "  by %s", e->reviewer) != RASD_OK)
		return RASD_ENOMEM;
	if (e->note && rasd_buf_printf(b, "  (%s)", e->note) != RASD_OK)
		return RASD_ENOMEM;
	if (e->undone && rasd_buf_puts(b, "  [undone]") != RASD_OK)
		return RASD_ENOMEM;
	if (rasd_buf_putc(b, '\n') != RASD_OK)
		return RASD_ENOMEM;
	if (b->n > (1u << 16)) {
		if (!cli_write(b))
			return RASD_EIO;
		rasd_buf_reset(b);
	}
	return RASD_OK;
}

static int do_log(struct rasd_db *db, const char *path, char **ids, int nids)
{
	struct rasd_buf b;
	struct rasd_arena a;
	struct rasd_error err;
	long long id = 0;
	enum rasd_status st;
	int rc = 0;

	if (nids > 1) {
		cli_error("review log: give at most one event");
		return 2;
	}
	if (nids == 1) {
		/* an event merged away keeps its trail under its old row id */
		struct rasd_error e2;
		rasd_error_clear(&e2);
		if (rasd_review_find(db, ids[0], &id, &e2) != RASD_OK) {
			char *end;
			id = strtoll(ids[0], &end, 10);
			if (e2.status != RASD_ENOTFOUND || end == ids[0] || *end || id <= 0) {
				find(db, ids[0], &id, path); /* reports it */
				return 1;
			}
		}
	}
	rasd_buf_init(&b, 0);
	rasd_arena_init(&a, 0);
	rasd_error_clear(&err);
	st = rasd_review_log(db, id, &a, print_entry, &b, &err);
	if (st == RASD_EIO)
		rc = 1;
	else if (st != RASD_OK)
		rc = fail(&err, st);
	if (rc == 0 && nids == 1 && b.n == 0) {
		long long ignored;
		if (!find(db, ids[0], &ignored, path))
			rc = 1;
	}
	if (rc == 0 && (!cli_write(&b) || !cli_flush()))
		rc = 1;
	rasd_arena_release(&a);
	rasd_buf_release(&b);
	return rc;
}

/* FIELD=VALUE words into assignments (argv strings are split in place). */
static bool parse_assignments(char **words, int n, struct rasd_review_assign *out)
{
	int k;

	for (k = 0; k < n; k++) {
		char *eq = strchr(words[k], '=');
		if (!eq || eq == words[k]) {
			cli_error("review set: '%s' is not FIELD=VALUE (e.g. fatalities=3)", words[k]);
			return false;
		}
		*eq = '\0';
		out[k].field = words[k];
		out[k].value = eq + 1;
	}
	return true;
}

int cmd_review(int argc, char **argv)
{
	struct cli_common common;
	struct cli_filter cf;
	const char *path = NULL, *reason = NULL, *of = NULL, *verb = NULL;
	struct rasd_review_by by = {NULL, NULL};
	char **args;
	int nargs = 0, i, rc = 0;
	long limit = 500;
	struct rasd_db *db = NULL;
	struct rasd_lexicon *lex = NULL;
	struct rasd_error err;
	enum rasd_status st;

	cli_common_init(&common);
	cli_filter_init(&cf);
	args = calloc((size_t)argc + 1, sizeof(*args));
	if (!args) {
		cli_error("out of memory");
		return 1;
	}
	by.reviewer = getenv("RASD_REVIEWER");
	if (!by.reviewer || !*by.reviewer)
		by.reviewer = getenv("USER");
	for (i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int r = cli_filter_option(&cf, argc, argv, &i);
		if (r == 0)
			r = cli_common_option(&common, argc, argv, &i);
		if (r < 0) {
			rc = 2;
			goto out;
		}
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			goto out;
		} else if (strcmp(argv[i], "--db") == 0 && v) {
			path = argv[++i];
		} else if (strcmp(argv[i], "--reviewer") == 0 && v) {
			by.reviewer = argv[++i];
		} else if (strcmp(argv[i], "--note") == 0 && v) {
			by.note = argv[++i];
		} else if (strcmp(argv[i], "--reason") == 0 && v) {
			reason = argv[++i];
		} else if (strcmp(argv[i], "--of") == 0 && v) {
			of = argv[++i];
		} else if (strcmp(argv[i], "--limit") == 0 && v) {
			char *end;
			limit = strtol(v, &end, 10);
			i++;
			if (end == v || *end || limit < 1 || limit > 1000000) {
				cli_error("--limit: '%s' is not a number of events in 1..1000000", v);
				rc = 2;
				goto out;
			}
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("review: unknown option or missing value '%s'", argv[i]);
			help(stderr);
			rc = 2;
			goto out;
		} else if (!verb) {
			verb = argv[i];
		} else {
			args[nargs++] = argv[i];
		}
	}
	if (!path) {
		cli_error("review: no database (give --db FILE)");
		help(stderr);
		rc = 2;
		goto out;
	}
	if (verb && strcmp(verb, "accept") && strcmp(verb, "reject") && strcmp(verb, "set") &&
	    strcmp(verb, "merge") && strcmp(verb, "split") && strcmp(verb, "undo") &&
	    strcmp(verb, "log")) {
		cli_error("review: unknown verb '%s' (accept, reject, set, merge, split, undo, log)",
			  verb);
		rc = 2;
		goto out;
	}
	if (verb && strcmp(verb, "log") && nargs == 0) {
		cli_error("review %s: give an event id", verb);
		rc = 2;
		goto out;
	}
	if ((reason || of) && (!verb || strcmp(verb, "reject"))) {
		cli_error("review: --reason and --of go with reject");
		rc = 2;
		goto out;
	}
	if (reason) {
		size_t k;
		for (k = 0; rasd_review_reasons[k] && strcmp(rasd_review_reasons[k], reason); k++)
			;
		if (!rasd_review_reasons[k]) {
			cli_error("--reason: '%s' is not a reason (not-event, duplicate, wrong-type, "
				  "history, plan-or-threat, statistic, accident, off-topic, other)",
				  reason);
			rc = 2;
			goto out;
		}
		if ((strcmp(reason, "duplicate") == 0) != (of != NULL)) {
			cli_error(of ? "--of goes with --reason duplicate"
				     : "--reason duplicate needs --of ID (the event it duplicates)");
			rc = 2;
			goto out;
		}
	}
	if (verb && strcmp(verb, "reject") == 0 && !reason) {
		cli_error("review reject: give --reason (not-event, duplicate, wrong-type, history, "
			  "plan-or-threat, statistic, accident, off-topic, other)");
		rc = 2;
		goto out;
	}
	if (verb && (strcmp(verb, "merge") == 0) && nargs != 2) {
		cli_error("review merge: give two events (the second is merged into the first)");
		rc = 2;
		goto out;
	}
	if (verb && (strcmp(verb, "undo") == 0) && nargs != 1) {
		cli_error("review undo: give one event");
		rc = 2;
		goto out;
	}
	if (verb && strcmp(verb, "set") == 0 && nargs < 2) {
		cli_error("review set: give an event and FIELD=VALUE (e.g. fatalities=3)");
		rc = 2;
		goto out;
	}
	if (!verb && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		cli_error("review: the queue needs a terminal; in scripts use the verbs "
			  "(rasd review --db FILE accept ID ...)");
		rc = 2;
		goto out;
	}
	db = cli_open_db(path, !verb || strcmp(verb, "log") != 0, 10000);
	if (!db) {
		rc = 1;
		goto out;
	}
	rasd_error_clear(&err);

	if (!verb) {
		lex = cli_load_lexicon(&common);
		if (!lex) {
			rc = 1;
			goto out;
		}
		if (!cf.f.review)
			cf.f.review = "unreviewed,recheck";
		cf.f.limit = limit;
		rc = cli_review_queue(db, lex, &cf.f, &by);
	} else if (strcmp(verb, "log") == 0) {
		rc = do_log(db, path, args, nargs);
	} else if (strcmp(verb, "accept") == 0 || strcmp(verb, "reject") == 0) {
		long long dup = 0;
		if (of && !find(db, of, &dup, path)) {
			rc = 1;
			goto out;
		}
		for (i = 0; i < nargs; i++) {
			long long id;
			if (!find(db, args[i], &id, path)) {
				rc = 1;
				continue;
			}
			st = verb[0] == 'a' ? rasd_review_accept(db, id, &by, &err)
					    : rasd_review_reject(db, id, reason, dup, &by, &err);
			if (st != RASD_OK) {
				rc = fail(&err, st);
				if (st == RASD_EINVAL && verb[0] == 'r')
					break; /* the same reason fails for every event */
			} else if (!common.quiet) {
				fprintf(stderr, "rasd: %s %s\n", args[i],
					verb[0] == 'a' ? "accepted" : "rejected");
			}
		}
	} else if (strcmp(verb, "set") == 0) {
		struct rasd_review_assign *set = calloc((size_t)nargs, sizeof(*set));
		long long id;
		if (!set) {
			cli_error("out of memory");
			rc = 1;
			goto out;
		}
		if (!parse_assignments(args + 1, nargs - 1, set)) {
			rc = 2;
		} else if (!find(db, args[0], &id, path)) {
			rc = 1;
		} else if (!(lex = cli_load_lexicon(&common))) {
			rc = 1;
		} else {
			st = rasd_review_set(db, lex, id, set, (size_t)nargs - 1, &by, &err);
			if (st != RASD_OK)
				rc = fail(&err, st);
			else if (!common.quiet)
				fprintf(stderr, "rasd: %s corrected\n", args[0]);
		}
		free(set);
	} else if (strcmp(verb, "merge") == 0) {
		long long into, from;
		if (!find(db, args[0], &into, path) || !find(db, args[1], &from, path)) {
			rc = 1;
		} else {
			st = rasd_review_merge(db, into, from, &by, &err);
			if (st != RASD_OK)
				rc = fail(&err, st);
			else if (!common.quiet)
				fprintf(stderr, "rasd: %s merged into %s (#%lld)\n", args[1], args[0],
					into);
		}
	} else if (strcmp(verb, "split") == 0) {
		long long id, made = 0;
		if (!find(db, args[0], &id, path)) {
			rc = 1;
		} else {
			st = rasd_review_split(db, id, (const char *const *)args + 1,
					       (size_t)nargs - 1, &by, &made, &err);
			if (st != RASD_OK)
				rc = fail(&err, st);
			else if (!common.quiet)
				fprintf(stderr, "rasd: %s split; the first new event is #%lld\n",
					args[0], made);
		}
	} else { /* undo */
		long long id;
		if (!find(db, args[0], &id, path)) {
			rc = 1;
		} else {
			st = rasd_review_undo(db, id, &by, &err);
			if (st != RASD_OK)
				rc = fail(&err, st);
			else if (!common.quiet)
				fprintf(stderr, "rasd: the last change to %s is undone\n", args[0]);
		}
	}
out:
	rasd_lexicon_free(lex);
	rasd_db_free(db);
	free(args);
	return rc;
}
