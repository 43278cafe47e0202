/*
 * cmd_search.c - `rasd search`: full-text search of the articles in the
 * events database, in Arabic. Query words go through the same normalizer
 * as the index, and the index holds every clitic reading of each word, so
 * داعش finds لداعش and وداعش, and الحسكه finds الحسكة. Prints the best
 * matches with the matching words highlighted (colour on a terminal,
 * [brackets] otherwise).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void help(FILE *f)
{
	fputs("usage: rasd search --db FILE [options] QUERY\n"
	      "\n"
	      "Articles of an events database that contain the words of QUERY, best first,\n"
	      "with a snippet around the matches. Words are matched with their clitics\n"
	      "(داعش finds لداعش، وداعش، بداعش) and spelling variants (ة/ه, أ/إ/ا, ى/ي).\n"
	      "\"quoted words\" are a phrase, a final * matches a prefix, and OR, AND and NOT\n"
	      "(in capitals) combine words.\n"
	      "\n"
	      "options:\n"
	      "  --db FILE          the events database\n"
	      "  --limit N          at most N articles (default 20)\n"
	      "  --color, --no-color  highlight with colour or with [brackets]\n"
	      "                     (default: colour on a terminal)\n"
	      "  -q, --quiet        no note on stderr when nothing matches\n",
	      f);
}

struct hits {
	struct rasd_buf b;
	long n;
};

static enum rasd_status line_of(struct rasd_buf *b, const char *s)
{
	enum rasd_status st = RASD_OK;
	size_t i, run = 0, n = strlen(s);

	for (i = 0; i < n && st == RASD_OK; i++) {
		if (s[i] != '\n' && s[i] != '\r' && s[i] != '\t') {
			run++;
			continue;
		}
		st = rasd_buf_append(b, s + i - run, run);
		if (st == RASD_OK)
			st = rasd_buf_putc(b, ' ');
		run = 0;
	}
	if (st == RASD_OK)
		st = rasd_buf_append(b, s + n - run, run);
	return st;
}

static enum rasd_status print_hit(void *ctx, const struct rasd_db_hit *h)
{
	struct hits *o = ctx;
	struct rasd_buf *b = &o->b;
	enum rasd_status st;

	o->n++;
	st = rasd_buf_printf(b, "%ld. %s  %s  %s  %ld event(s)\n", o->n, h->doc_id,
			     h->published ? h->published : "-", h->source ? h->source : "-",
			     h->nevents);
	if (st == RASD_OK && h->title && *h->title) {
		st = rasd_buf_puts(b, "   ");
		if (st == RASD_OK)
			st = line_of(b, h->title);
		if (st == RASD_OK)
			st = rasd_buf_putc(b, '\n');
	}
	if (st == RASD_OK && h->snippet) {
		st = rasd_buf_puts(b, "   ");
		if (st == RASD_OK)
			st = line_of(b, h->snippet);
		if (st == RASD_OK)
			st = rasd_buf_putc(b, '\n');
	}
	if (st == RASD_OK && h->url)
		st = rasd_buf_printf(b, "   %s\n", h->url);
	if (st == RASD_OK)
		st = rasd_buf_putc(b, '\n');
	/* written when the search has ended well: a search that meets
	 * damage half-way prints nothing but the error */
	return st;
}

int cmd_search(int argc, char **argv)
{
	const char *path = NULL, *query = NULL;
	long limit = 20;
	int color = -1, i, rc = 0;
	bool quiet = false;
	struct rasd_db *db;
	struct rasd_arena a;
	struct rasd_error err;
	struct hits o;
	struct rasd_buf arabic;
	enum rasd_status st;

	for (i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			return 0;
		} else if (strcmp(argv[i], "--db") == 0 && v) {
			path = argv[++i];
		} else if (strcmp(argv[i], "--limit") == 0 && v) {
			if (!cli_parse_long("--limit", argv[++i], 1, 100000, &limit))
				return 2;
		} else if (strcmp(argv[i], "--color") == 0) {
			color = 1;
		} else if (strcmp(argv[i], "--no-color") == 0) {
			color = 0;
		} else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
			quiet = true;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0' && strcmp(argv[i], "--") != 0) {
			cli_error("search: unknown option or missing value '%s'", argv[i]);
			help(stderr);
			return 2;
		} else {
			if (strcmp(argv[i], "--") == 0 && i + 1 < argc)
				i++;
			if (query) {
				cli_error("search: give the query as one argument (in quotes)");
				return 2;
			}
			query = argv[i];
		}
	}
	if (!path || !query) {
		cli_error(path ? "search: no query" : "search: no database (give --db FILE)");
		help(stderr);
		return 2;
	}
	if (!cli_check_query("search", query))
		return 2;
	if (color < 0)
		color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	rasd_buf_init(&arabic, 1 << 16);
	if (cli_search_in_arabic(query, NULL, &arabic)) {
		/* an English name of an actor or a place: its Arabic names */
		if (!quiet)
			cli_warn("searching for '%s' as: %s", query, arabic.p);
		query = arabic.p;
	}
	db = cli_open_db(path, false, 5000);
	if (!db) {
		rasd_buf_release(&arabic);
		return 1;
	}
	rasd_arena_init(&a, 0);
	rasd_buf_init(&o.b, 0);
	o.n = 0;
	rasd_error_clear(&err);
	st = rasd_db_search(db, query, limit, color ? "\033[1;31m" : "[", color ? "\033[0m" : "]",
			    &a, print_hit, &o, &err);
	if (st == RASD_EIO && !err.msg[0]) {
		rc = 1; /* the write failure is reported */
	} else if (st != RASD_OK) {
		cli_db_error(&err);
		rc = st == RASD_EINVAL || st == RASD_ESYNTAX || st == RASD_EUTF8 ? 2 : 1;
	} else if (!cli_write(&o.b) || !cli_flush()) {
		rc = 1;
	} else if (o.n == 0 && !quiet) {
		cli_warn("no article matches '%s'", query);
	}
	rasd_buf_release(&o.b);
	rasd_buf_release(&arabic);
	rasd_arena_release(&a);
	rasd_db_free(db);
	return rc;
}
