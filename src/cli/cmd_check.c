/*
 * cmd_check.c - `rasd check`: whether an events database is whole
 * (rasd_db_check), one problem per line on stdout, exit 1 when there is
 * any. Opened for writing when the file can be written, so that the search
 * indexes are checked too (a check that is rolled back); read-only
 * otherwise, without them.
 */
#include "cli.h"

#include <string.h>
#include <unistd.h>

static void help(FILE *f)
{
	fputs("usage: rasd check --db FILE\n"
	      "\n"
	      "Checks an events database: SQLite's integrity check and foreign keys, the\n"
	      "search indexes against their tables, and rasd's own rules (every event has\n"
	      "a source and one primary report, its counts and id agree with its reports,\n"
	      "each article's hash agrees with its text, each evidence sentence is the\n"
	      "text its offsets cut). Prints one line per problem and exits 1 when there\n"
	      "is any; exits 0 and prints nothing when the database is whole.\n"
	      "\n"
	      "options:\n"
	      "  --db FILE        the events database\n"
	      "  -q, --quiet      no summary on stderr\n",
	      f);
}

static enum rasd_status print_problem(void *ctx, const char *problem)
{
	struct rasd_buf *b = ctx;
	enum rasd_status st = rasd_buf_printf(b, "%s\n", problem);
	return st;
}

int cmd_check(int argc, char **argv)
{
	const char *path = NULL;
	struct rasd_db *db = NULL;
	struct rasd_error err;
	struct rasd_buf b;
	enum rasd_status st;
	bool quiet = false;
	long n = 0;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			return 0;
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			path = argv[++i];
		} else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
			quiet = true;
		} else {
			cli_error("check: unknown option or missing value '%s'", argv[i]);
			help(stderr);
			return 2;
		}
	}
	if (!path) {
		cli_error("check: no database (give --db FILE)");
		help(stderr);
		return 2;
	}
	rasd_error_clear(&err);
	/* writable (flags 0: an existing file) when it can be, for the
	 * search indexes' check */
	if (access(path, W_OK) != 0 || rasd_db_open(path, 0, 5000, &db, &err) != RASD_OK) {
		db = cli_open_db(path, false, 5000);
		if (!db)
			return 1;
		if (!quiet)
			cli_warn("'%s' is read-only here: the search indexes are not checked", path);
	}
	rasd_buf_init(&b, 0);
	rasd_error_clear(&err);
	st = rasd_db_check(db, print_problem, &b, &n, &err);
	if (st != RASD_OK) {
		cli_db_error(&err);
		rc = 1;
	} else {
		rc = n ? 1 : 0;
		if (!cli_write(&b) || !cli_flush())
			rc = 1;
		if (!quiet && n)
			cli_error("'%s': %ld problem(s); rasd rebuild recomputes the events and "
				  "indexes from the stored articles",
				  path, n);
	}
	rasd_buf_release(&b);
	rasd_db_free(db);
	return rc;
}
