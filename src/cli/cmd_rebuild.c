/*
 * cmd_rebuild.c - `rasd rebuild`: every event of an events database
 * recomputed from its stored articles with the current lexicons
 * (rasd_db_rebuild), and the search indexes and indexes made anew; one
 * transaction, so an interrupted rebuild leaves the database as it was.
 */
#include "cli.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void help(FILE *f)
{
	fputs("usage: rasd rebuild --db FILE [options]\n"
	      "\n"
	      "Codes every stored article again (with the current lexicons and --places) and\n"
	      "recomputes the events, their sources and merges, the search indexes and every\n"
	      "index, in one transaction: after a lexicon update, or to repair what rasd\n"
	      "check reports. The articles are kept as they are, and so are the analysts'\n"
	      "reviews, corrections and audit trail. A database too damaged to rewrite in\n"
	      "place is rebuilt into a new one from the articles and reviews that can still\n"
	      "be read; the damaged file is kept aside as FILE.damaged-TIME.\n"
	      "\n"
	      "options:\n"
	      "  --db FILE                        the events database\n"
	      "  --min-confidence X               keep events of confidence X or more (0-1)\n"
	      "  --lock-timeout SECONDS           wait for another writer (default 10)\n"
	      "  --data DIR                       lexicon directory (default: the bundled data/)\n"
	      "  --places FILE                    extra places, same format as data/places.tsv\n"
	      "  -q, --quiet                      no summary on stderr\n",
	      f);
}

/*
 * Too damaged to rewrite in place: a new database from the articles that
 * can be read, then the damaged file is moved aside (kept, for whoever
 * wants to look) and the new one takes its name. Run it while no other
 * rasd has the database open.
 */
static int salvage(struct rasd_db *db, const char *path, const struct rasd_lexicon *lex,
		   const struct rasd_extract_options *xo, bool quiet)
{
	char fresh[4200], aside[4200], from[4300], to[4300];
	struct rasd_ingest_counts counts;
	struct rasd_error err;
	long failed = 0, lost = 0, reviews = 0, reviews_lost = 0;
	const char *suffix[2] = {"-wal", "-shm"};
	int k;

	snprintf(fresh, sizeof(fresh), "%.4000s.rebuilt-%ld", path, (long)getpid());
	snprintf(aside, sizeof(aside), "%.4000s.damaged-%ld", path, (long)time(NULL));
	if (!quiet)
		cli_warn("'%s' is too damaged to rewrite in place: building a new database from "
			 "the articles that can be read",
			 path);
	rasd_error_clear(&err);
	if (rasd_db_salvage(db, fresh, lex, xo, &counts, &failed, &lost, &reviews, &reviews_lost,
			    &err) != RASD_OK) {
		cli_db_error(&err);
		cli_error("rebuild: stopped; '%s' is as it was", path);
		rasd_db_free(db);
		return 1;
	}
	rasd_db_free(db);
	if (rename(path, aside) != 0 || rename(fresh, path) != 0) {
		cli_error("rebuild: cannot put '%s' in place of '%s': %s", fresh, path,
			  strerror(errno));
		return 1;
	}
	/* the damaged file's log goes with it; the new one starts its own */
	for (k = 0; k < 2; k++) {
		snprintf(from, sizeof(from), "%s%s", path, suffix[k]);
		snprintf(to, sizeof(to), "%s%s", aside, suffix[k]);
		if (access(from, F_OK) == 0 && rename(from, to) != 0)
			unlink(from);
	}
	if (!quiet)
		fprintf(stderr,
			"rasd: %ld article(s) coded again into a new '%s': %ld event(s), %ld report(s) "
			"merged into known events; %ld article(s) lost to the damage, %ld that no "
			"longer code; %ld reviewed event(s) kept, %ld lost to the damage; the damaged "
			"file is kept as '%s'\n",
			counts.articles_new, path, counts.events_new, counts.events_merged, lost,
			failed, reviews, reviews_lost, aside);
	return lost || failed || reviews_lost ? 1 : 0;
}

int cmd_rebuild(int argc, char **argv)
{
	struct cli_common o;
	struct rasd_extract_options xo = {0, 0, NULL, NULL};
	const char *path = NULL;
	double lock_timeout = 10;
	struct rasd_lexicon *lex = NULL;
	struct rasd_db *db = NULL;
	struct rasd_ingest_counts counts;
	struct rasd_error err;
	long failed = 0;
	int i, rc = 1;

	cli_common_init(&o);
	for (i = 1; i < argc; i++) {
		int r = cli_common_option(&o, argc, argv, &i);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			return 0;
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			path = argv[++i];
		} else if (strcmp(argv[i], "--min-confidence") == 0 && i + 1 < argc) {
			if (!cli_parse_real("--min-confidence", argv[++i], 0, 1, &xo.min_confidence))
				return 2;
		} else if (strcmp(argv[i], "--lock-timeout") == 0 && i + 1 < argc) {
			if (!cli_parse_real("--lock-timeout", argv[++i], 0, 86400, &lock_timeout))
				return 2;
		} else {
			cli_error("rebuild: unknown option or missing value '%s'", argv[i]);
			help(stderr);
			return 2;
		}
	}
	if (!path) {
		cli_error("rebuild: no database (give --db FILE)");
		help(stderr);
		return 2;
	}
	lex = cli_load_lexicon(&o);
	if (!lex)
		goto out;
	rasd_error_clear(&err);
	/* an existing database only (flags 0): rebuild never creates one */
	if (rasd_db_open(path, 0, (int)(lock_timeout * 1000), &db, &err) != RASD_OK) {
		cli_db_error(&err);
		goto out;
	}
	rasd_error_clear(&err);
	if (rasd_db_rebuild(db, lex, &xo, &counts, &failed, &err) != RASD_OK) {
		if (!rasd_db_damaged(db)) {
			cli_db_error(&err);
			cli_error("rebuild: stopped; '%s' is as it was", path);
			goto out;
		}
		rc = salvage(db, path, lex, &xo, o.quiet);
		db = NULL; /* closed by salvage */
		goto out;
	}
	{
		/* the English names of event_full follow the new lexicons */
		struct rasd_acled *acled = cli_load_acled(&o, lex);
		if (!acled)
			goto out;
		rasd_error_clear(&err);
		if (rasd_db_put_place_names(db, lex, acled, false, &err) != RASD_OK) {
			cli_db_error(&err);
			failed++;
		}
		rasd_acled_free(acled);
	}
	if (!o.quiet)
		fprintf(stderr,
			"rasd: %ld article(s) coded again: %ld event(s), %ld report(s) merged into "
			"known events; %ld article(s) that no longer code\n",
			counts.articles_updated, counts.events_new, counts.events_merged, failed);
	rc = failed ? 1 : 0;
out:
	rasd_db_free(db);
	rasd_lexicon_free(lex);
	return rc;
}
