/*
 * cmd_explain.c - `rasd explain --db DB EVENT_ID`: why a stored event came
 * out as it did. The store keeps the article an event was coded from, so
 * the article is coded again with the trace on and the event with that id
 * is printed as `rasd extract --explain` prints it: its fields and the
 * rules that made it, with the words each looked at at their byte offsets.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
	fputs("usage: rasd explain --db DB [options] EVENT_ID\n"
	      "\n"
	      "Codes again the article a stored event came from and prints the event with\n"
	      "its trace (the rules of docs/rules.md that made it and the words each looked\n"
	      "at), as 'rasd extract --explain' does. EVENT_ID is the event's id as query\n"
	      "prints it, or the id of one of its mentions in its primary article.\n"
	      "\n"
	      "options:\n"
	      "  --db DB          the events database (required)\n"
	      "  --dropped        also the article's triggers that made no event, and why\n"
	      "  --format F       jsonl (default) or table: the event as a terminal table with\n"
	      "                   one \"why\" line a rule\n"
	      "  --data DIR       lexicon directory (default: the bundled data/)\n"
	      "  --places FILE    extra places, same format as data/places.tsv\n",
	      f);
}

struct explain {
	const struct rasd_lexicon *lex;
	const char *id;
	bool dropped;
	bool table;
	bool found;    /* the stored event */
	bool recoded;  /* and its event again from the article */
	struct rasd_arena work;
	struct rasd_buf out;
	char err[320];
};


static bool is_mention(const struct rasd_db_event *e, const char *id)
{
	size_t k;
	if (strcmp(e->event.event_id, id) == 0)
		return true;
	for (k = 0; k < e->nlinks; k++)
		if (e->links[k].mention_id && strcmp(e->links[k].mention_id, id) == 0)
			return true;
	return false;
}

static enum rasd_status one_event(void *ctx, const struct rasd_db_event *se)
{
	struct explain *x = ctx;
	struct rasd_extract_options xo = {0, 0, NULL, NULL};
	struct rasd_trace trace;
	struct rasd_event *ev;
	struct rasd_error err;
	const char *want;
	size_t n, i;
	enum rasd_status st;

	if (!is_mention(se, x->id))
		return RASD_OK;
	x->found = true;
	/* the primary article's own id for the event: its first link */
	want = se->nlinks && se->links[0].mention_id ? se->links[0].mention_id : se->event.event_id;
	memset(&trace, 0, sizeof(trace));
	trace.dropped = x->dropped;
	xo.trace = &trace;
	rasd_arena_reset(&x->work);
	rasd_error_clear(&err);
	st = rasd_extract(x->lex, &se->article, &xo, &x->work, &ev, &n, &err);
	if (st != RASD_OK) {
		snprintf(x->err, sizeof(x->err), "article '%.100s': %.200s",
			 se->article.id ? se->article.id : "", err.msg);
		return st;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(ev[i].event_id, want) != 0 && strcmp(ev[i].event_id, x->id) != 0)
			continue;
		if (x->table) {
			st = cli_event_table_traced(&x->out, &se->article, &ev[i]);
		} else {
			st = cli_event_json_traced(&x->out, &se->article, &ev[i]);
			if (st == RASD_OK)
				st = rasd_buf_putc(&x->out, '\n');
		}
		if (st != RASD_OK)
			return st;
		x->recoded = true;
		break;
	}
	for (i = 0; x->recoded && x->dropped && i < trace.ndrops; i++) {
		if (x->table) {
			st = cli_dropped_table(&x->out, &se->article, &trace.drops[i]);
		} else {
			st = cli_dropped_json(&x->out, &se->article, &trace.drops[i]);
			if (st == RASD_OK)
				st = rasd_buf_putc(&x->out, '\n');
		}
		if (st != RASD_OK)
			return st;
	}
	return RASD_EIO; /* stop the walk: one event is wanted */
}

int cmd_explain(int argc, char **argv)
{
	struct cli_common o;
	struct explain x;
	struct rasd_lexicon *lex;
	struct rasd_db *db;
	struct rasd_arena a;
	struct rasd_error err;
	struct rasd_db_filter f;
	const char *path = NULL;
	enum rasd_status st;
	int i, rc = 0;

	cli_common_init(&o);
	memset(&x, 0, sizeof(x));
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
		} else if (strcmp(argv[i], "--dropped") == 0) {
			x.dropped = true;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			const char *v = argv[++i];
			if (strcmp(v, "table") == 0) {
				x.table = true;
			} else if (strcmp(v, "jsonl") != 0) {
				cli_error("--format: '%s' is not jsonl or table", v);
				return 2;
			}
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_error("explain: unknown option '%s'", argv[i]);
			help(stderr);
			return 2;
		} else if (x.id) {
			cli_error("explain: one event id at a time ('%s' and '%s')", x.id, argv[i]);
			return 2;
		} else {
			x.id = argv[i];
		}
	}
	if (!path || !x.id || !*x.id) {
		cli_error("explain: give --db DB and an EVENT_ID");
		help(stderr);
		return 2;
	}
	db = cli_open_db(path, false, 5000);
	if (!db)
		return 1;
	lex = cli_load_lexicon(&o);
	if (!lex) {
		rasd_db_free(db);
		return 1;
	}
	x.lex = lex;
	rasd_arena_init(&x.work, 0);
	rasd_arena_init(&a, 0);
	rasd_buf_init(&x.out, 0);
	rasd_error_clear(&err);
	memset(&f, 0, sizeof(f));
	f.review = "all";
	f.article_text = true; /* the article is coded again */
	st = rasd_db_query(db, &f, &a, one_event, &x, &err);
	if (!x.found) {
		if (st != RASD_OK)
			cli_db_error(&err);
		else
			cli_error("explain: no event '%s' in '%s'", x.id, path);
		rc = 1;
	} else if (x.err[0]) {
		cli_error("explain: %s", x.err);
		rc = 1;
	} else if (!x.recoded) {
		cli_error("explain: event '%s': its article no longer codes it with these lexicons "
			  "(ingest it again)",
			  x.id);
		rc = 1;
	} else if (!cli_write(&x.out) || !cli_flush()) {
		rc = 1;
	}
	rasd_buf_release(&x.out);
	rasd_arena_release(&a);
	rasd_arena_release(&x.work);
	rasd_db_free(db);
	rasd_lexicon_free(lex);
	return rc;
}
