/*
 * main.c - the rasd command: dispatches to one cmd_*.c per sub-command.
 * The CLI is the only code that prints or exits. Exit codes: 0 success,
 * 1 bad input (some articles could not be coded) or a failed write,
 * 2 bad usage.
 */
#include "cli.h"

#include <signal.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: rasd <command> [options] [input...]\n"
	      "\n"
	      "Reads Arabic news reports and codes conflict events (ACLED-style).\n"
	      "\n"
	      "commands:\n"
	      "  extract   code articles (JSONL, plain text files, or - for stdin) into events\n"
	      "  eval      precision/recall/F1 of extraction against hand-coded gold JSONL\n"
	      "  places    what the gazetteer knows about a place name\n"
	      "  ingest    code articles into an events database (SQLite), without duplicates\n"
	      "  search    full-text search of the database's articles, in Arabic\n"
	      "  query     events from the database by date, type, actor, place, text;\n"
	      "            as a table, JSONL, ACLED CSV or GeoJSON\n"
	      "  stats     counts of the database's events by month, type, place, actor\n"
	      "  serve     the dashboard (map, timeline, evidence) and JSON API on loopback\n"
	      "  explain   why a stored event came out as it did: the rules that made it\n"
	      "  check     is the database whole? (integrity, search indexes, rasd's rules)\n"
	      "  backup    an online, consistent copy of the database\n"
	      "  rebuild   recompute the database's events and indexes from its articles\n"
	      "  review    accept, reject, correct, merge and split stored events; the queue\n"
	      "  fetch     news pages or feeds (URLs or saved files) to article JSONL\n"
	      "  watch     follow news feeds: fetch new articles, code and store them\n"
	      "  train     fit the learned models on gold files and reviewed events\n"
	      "  version   print the version (also -V, --version)\n"
	      "\n"
	      "Run 'rasd <command> --help' for a command's options.\n",
	      f);
}

int main(int argc, char **argv)
{
	const char *cmd;

	/* A closed pipe (rasd extract ... | head) ends the run quietly. */
	signal(SIGPIPE, SIG_DFL);
	/* Past a file size limit (ulimit -f) a write fails with EFBIG and
	 * rasd says so, instead of being killed without a word. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "extract") == 0)
		return cmd_extract(argc - 1, argv + 1);
	if (strcmp(cmd, "eval") == 0)
		return cmd_eval(argc - 1, argv + 1);
	if (strcmp(cmd, "places") == 0)
		return cmd_places(argc - 1, argv + 1);
	if (strcmp(cmd, "ingest") == 0)
		return cmd_ingest(argc - 1, argv + 1);
	if (strcmp(cmd, "search") == 0)
		return cmd_search(argc - 1, argv + 1);
	if (strcmp(cmd, "query") == 0)
		return cmd_query(argc - 1, argv + 1);
	if (strcmp(cmd, "stats") == 0)
		return cmd_stats(argc - 1, argv + 1);
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(cmd, "explain") == 0)
		return cmd_explain(argc - 1, argv + 1);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(cmd, "backup") == 0)
		return cmd_backup(argc - 1, argv + 1);
	if (strcmp(cmd, "rebuild") == 0)
		return cmd_rebuild(argc - 1, argv + 1);
	if (strcmp(cmd, "review") == 0)
		return cmd_review(argc - 1, argv + 1);
	if (strcmp(cmd, "watch") == 0)
		return cmd_watch(argc - 1, argv + 1);
	if (strcmp(cmd, "fetch") == 0)
		return cmd_fetch(argc - 1, argv + 1);
	if (strcmp(cmd, "train") == 0)
		return cmd_train(argc - 1, argv + 1);
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("rasd %s\n", RASD_VERSION);
		return 0;
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		usage(stdout);
		return 0;
	}
	cli_error("unknown command '%s'", cmd);
	usage(stderr);
	return 2;
}
