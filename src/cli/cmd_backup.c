/*
 * cmd_backup.c - `rasd backup`: an online, consistent copy of an events
 * database into a new file (rasd_db_backup), safe while ingest runs.
 */
#include "cli.h"

#include <string.h>

static void help(FILE *f)
{
	fputs("usage: rasd backup --db FILE COPY\n"
	      "\n"
	      "Copies the events database FILE into the new file COPY, consistently, while\n"
	      "other rasd commands go on reading and writing it (SQLite's backup API, in one\n"
	      "snapshot). COPY must not exist; it appears only when complete.\n"
	      "\n"
	      "options:\n"
	      "  --db FILE        the events database\n",
	      f);
}

int cmd_backup(int argc, char **argv)
{
	const char *path = NULL, *dest = NULL;
	struct rasd_db *db;
	struct rasd_error err;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			return 0;
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			path = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("backup: unknown option or missing value '%s'", argv[i]);
			help(stderr);
			return 2;
		} else if (dest) {
			cli_error("backup: one copy at a time ('%s' and '%s')", dest, argv[i]);
			return 2;
		} else {
			dest = argv[i];
		}
	}
	if (!path || !dest) {
		cli_error(path ? "backup: no file to copy to" : "backup: no database (give --db FILE)");
		help(stderr);
		return 2;
	}
	db = cli_open_db(path, false, 5000);
	if (!db)
		return 1;
	rasd_error_clear(&err);
	if (rasd_db_backup(db, dest, &err) != RASD_OK) {
		cli_db_error(&err);
		rc = 1;
	}
	rasd_db_free(db);
	return rc;
}
