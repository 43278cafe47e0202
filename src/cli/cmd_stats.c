/*
 * cmd_stats.c - `rasd stats`: what an events database holds: totals, then
 * event and fatality counts by month, type, sub-type, governorate, actor
 * and outlet, over all events or those the query filters choose. Counts
 * come first on each line so Arabic names cannot disturb the columns.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
	fputs("usage: rasd stats --db FILE [options]\n"
	      "\n"
	      "Counts of the events in an events database by month, type, governorate,\n"
	      "actor and outlet. The filters of rasd query narrow the events counted.\n"
	      "\n"
	      "options:\n"
	      "  --db FILE                   the events database\n"
	      "  --top N                     at most N rows per table but months (default 20;\n"
	      "                              0 for all)\n",
	      f);
	cli_filter_help(f);
}

struct table {
	struct rasd_buf *b;
	enum rasd_db_stat by;
	long rows;
};

static enum rasd_status row(void *ctx, const char *key, const char *label, long events,
			    long fatalities)
{
	struct table *t = ctx;
	enum rasd_status st;

	t->rows++;
	if (!key) {
		/* say plainly what is missing */
		const char *what = t->by == RASD_STAT_MONTH	     ? "undated"
				   : t->by == RASD_STAT_ADMIN1 ? "no governorate known"
				   : t->by == RASD_STAT_ACTOR  ? "no actor named"
				   : t->by == RASD_STAT_SOURCE ? "no outlet given"
							       : "not given";
		if (t->by == RASD_STAT_ADMIN1 && label && *label)
			st = rasd_buf_printf(t->b, "  %8ld %10ld  (%s, %s)\n", events, fatalities, what,
					     *rasd_country_name(label) ? rasd_country_name(label)
								       : label);
		else if (t->by == RASD_STAT_ADMIN1)
			st = rasd_buf_printf(t->b, "  %8ld %10ld  (%s, no country either)\n", events,
					     fatalities, what);
		else
			st = rasd_buf_printf(t->b, "  %8ld %10ld  (%s)\n", events, fatalities, what);
		return st;
	}
	st = rasd_buf_printf(t->b, "  %8ld %10ld  %s", events, fatalities, key);
	if (st == RASD_OK && label && *label) {
		if (t->by == RASD_STAT_ADMIN1)
			st = rasd_buf_printf(t->b, " (%s)", label);
		else if (t->by == RASD_STAT_SUB_TYPE)
			st = rasd_buf_printf(t->b, "  [%s]", label);
		else if (!key || strcmp(key, label) != 0)
			st = rasd_buf_printf(t->b, "  %s", label);
	}
	if (st == RASD_OK)
		st = rasd_buf_putc(t->b, '\n');
	return st;
}

int cmd_stats(int argc, char **argv)
{
	static const struct {
		enum rasd_db_stat by;
		const char *title;
		bool top;
	} tables[] = {
		{RASD_STAT_MONTH, "by month", false},
		{RASD_STAT_TYPE, "by event type", false},
		{RASD_STAT_SUB_TYPE, "by sub-event type", true},
		{RASD_STAT_ADMIN1, "by governorate (admin1)", true},
		{RASD_STAT_ACTOR, "by actor (actor1 or actor2)", true},
		{RASD_STAT_SOURCE, "by outlet", true},
	};
	struct cli_filter cf;
	const char *path = NULL;
	long top = 20;
	struct rasd_db *db;
	struct rasd_db_totals tot;
	struct rasd_error err;
	struct rasd_buf b;
	enum rasd_status st;
	size_t k;
	int i, rc = 0;

	cli_filter_init(&cf);
	for (i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int r = cli_filter_option(&cf, argc, argv, &i);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			return 0;
		} else if (strcmp(argv[i], "--db") == 0 && v) {
			path = argv[++i];
		} else if (strcmp(argv[i], "--top") == 0 && v) {
			if (!cli_parse_long("--top", argv[++i], 0, 1000000, &top))
				return 2;
		} else {
			cli_error("stats: unknown option or missing value '%s'", argv[i]);
			help(stderr);
			return 2;
		}
	}
	if (!path) {
		cli_error("stats: no database (give --db FILE)");
		help(stderr);
		return 2;
	}
	if (!cli_filter_check(&cf))
		return 2;
	{
		int r = cli_filter_resolve(&cf, NULL);
		if (r)
			return r;
	}
	db = cli_open_db(path, false, 5000);
	if (!db)
		return 1;
	rasd_buf_init(&b, 0);
	rasd_error_clear(&err);
	/* one snapshot: the header and every table count the same events */
	st = rasd_db_read_begin(db, &err);
	if (st == RASD_OK)
		st = rasd_db_totals(db, &cf.f, &tot, &err);
	if (st == RASD_OK)
		st = rasd_buf_printf(&b,
				     "%s (schema %d)\n"
				     "  articles    %ld (%ld with events) from %ld outlet(s)\n"
				     "  events      %ld from %ld report(s); %ld with several articles\n"
				     "  fatalities  %ld\n"
				     "  dates       %s .. %s\n",
				     path, rasd_db_version(db), tot.articles, tot.articles_with_events,
				     tot.sources, tot.events, tot.mentions, tot.multi_source_events,
				     tot.fatalities, tot.first_date[0] ? tot.first_date : "-",
				     tot.last_date[0] ? tot.last_date : "-");
	if (st == RASD_OK) {
		/* review of the whole database; the rejected are not counted above */
		struct rasd_review_counts rc_;
		st = rasd_review_count(db, &rc_, &err);
		if (st == RASD_OK)
			st = rasd_buf_printf(&b,
					     "  review      %ld unreviewed, %ld accepted, %ld corrected, "
					     "%ld rejected; %ld to re-check\n",
					     rc_.by_status[RASD_REVIEW_UNREVIEWED],
					     rc_.by_status[RASD_REVIEW_ACCEPTED],
					     rc_.by_status[RASD_REVIEW_CORRECTED],
					     rc_.by_status[RASD_REVIEW_REJECTED], rc_.recheck);
	}
	for (k = 0; k < sizeof(tables) / sizeof(tables[0]) && st == RASD_OK; k++) {
		struct table t = {&b, tables[k].by, 0};
		st = rasd_buf_printf(&b, "\n%s%s\n  %8s %10s\n", tables[k].title,
				     tables[k].top && top ? " (largest first)" : "", "events",
				     "fatalities");
		if (st == RASD_OK)
			st = rasd_db_count_by(db, &cf.f, tables[k].by, tables[k].top ? top : 0, row,
					      &t, &err);
	}
	rasd_db_read_end(db);
	if (st != RASD_OK) {
		if (err.msg[0])
			cli_db_error(&err);
		else
			cli_error("stats: %s", rasd_strerror(st));
		rc = st == RASD_EINVAL || st == RASD_ESYNTAX ? 2 : 1;
	} else if (!cli_write(&b) || !cli_flush()) {
		rc = 1;
	}
	rasd_buf_release(&b);
	rasd_db_free(db);
	return rc;
}
