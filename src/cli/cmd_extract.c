/*
 * cmd_extract.c - `rasd extract`: code articles into events, written as
 * JSONL (default), ACLED-compatible CSV, a terminal table, or a brief TSV
 * used by the golden tests. Bad articles are reported on stderr with file
 * and line and skipped; the batch goes on and the exit code says so.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

enum format { FMT_JSONL, FMT_CSV, FMT_TABLE, FMT_BRIEF };

static void help(FILE *f)
{
	fputs("usage: rasd extract [options] INPUT...\n"
	      "\n"
	      "INPUT is a JSONL file (one article per line: id, title, text, published,\n"
	      "source, url; only text is required), a plain UTF-8 text file (one article;\n"
	      "its id is the file name), or - for standard input.\n"
	      "\n"
	      "options:\n"
	      "  --format jsonl|csv|table|brief   output format (default jsonl)\n"
	      "  --published YYYY-MM-DD           publication date for text inputs\n"
	      "  --source NAME                    source name for text inputs\n"
	      "  --input-format jsonl|text        do not guess the input format\n"
	      "  --min-confidence X               drop events below X (0-1, default 0)\n"
	      "  --max-article-bytes N[k|M]       skip longer articles (default 8M)\n"
	      "  --strict                         reject invalid UTF-8 instead of replacing it\n"
	      "  --data DIR                       lexicon directory (default: the bundled data/)\n"
	      "  --places FILE                    extra places, same format as data/places.tsv\n"
	      "  -q, --quiet                      no summary on stderr\n",
	      f);
}

static enum rasd_status write_brief(struct rasd_buf *b, const struct rasd_article *art,
				    const struct rasd_event *e)
{
	char date[11] = "-";
	if (e->has_date)
		rasd_format_date(e->date, date);
	return rasd_buf_printf(b, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%ld\t%s\n",
			       art->id ? art->id : "-", date, e->time_precision, e->event_type,
			       e->sub_event_type, e->actor1 ? e->actor1->code : "-",
			       e->actor2 ? e->actor2->code : "-", e->location ? e->location : "-",
			       e->admin1 && *e->admin1 ? e->admin1 : "-", e->country ? e->country : "-",
			       e->fatalities, rasd_modality_name(e->modality));
}

int cmd_extract(int argc, char **argv)
{
	struct cli_common o;
	enum format fmt = FMT_JSONL;
	const char *inputs[256];
	size_t ninputs = 0, k;
	struct rasd_lexicon *lex;
	struct rasd_arena arena, work;
	struct rasd_buf out;
	struct rasd_extract_options xo = {0, 0};
	long articles = 0, events = 0, errors = 0, warnings = 0;
	bool write_ok = true;
	int i;

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
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			const char *v = argv[++i];
			if (strcmp(v, "jsonl") == 0)
				fmt = FMT_JSONL;
			else if (strcmp(v, "csv") == 0)
				fmt = FMT_CSV;
			else if (strcmp(v, "table") == 0)
				fmt = FMT_TABLE;
			else if (strcmp(v, "brief") == 0)
				fmt = FMT_BRIEF;
			else {
				cli_error("--format: '%s' is not jsonl, csv, table or brief", v);
				return 2;
			}
		} else if (strcmp(argv[i], "--min-confidence") == 0 && i + 1 < argc) {
			char *end;
			xo.min_confidence = strtod(argv[++i], &end);
			if (*end || xo.min_confidence < 0 || xo.min_confidence > 1) {
				cli_error("--min-confidence: '%s' is not a number in 0..1", argv[i]);
				return 2;
			}
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_error("extract: unknown option '%s'", argv[i]);
			help(stderr);
			return 2;
		} else {
			if (ninputs == sizeof(inputs) / sizeof(inputs[0])) {
				cli_error("extract: too many inputs (at most 256; use a JSONL file)");
				return 2;
			}
			inputs[ninputs++] = argv[i];
		}
	}
	if (ninputs == 0) {
		cli_error("extract: no input (give files, or - for standard input)");
		help(stderr);
		return 2;
	}
	xo.max_article_bytes = o.max_article_bytes;
	lex = cli_load_lexicon(&o);
	if (!lex)
		return 1;
	rasd_arena_init(&arena, 0);
	rasd_arena_init(&work, 0);
	rasd_buf_init(&out, 0);
	if (fmt == FMT_CSV && rasd_event_csv_header(&out) == RASD_OK)
		write_ok = cli_write(&out);
	for (k = 0; k < ninputs && write_ok; k++) {
		struct cli_reader r;
		struct rasd_article art;
		int got;

		if (!cli_reader_open(&r, &o, inputs[k], &arena)) {
			errors++;
			continue;
		}
		while ((got = cli_reader_next(&r, &art)) != 0 && write_ok) {
			struct rasd_event *ev;
			size_t nev, e;
			struct rasd_error err;

			if (got < 0)
				continue;
			rasd_arena_reset(&work);
			rasd_error_clear(&err);
			if (rasd_extract(lex, &art, &xo, &work, &ev, &nev, &err) != RASD_OK) {
				if (r.jsonl)
					cli_error("%s:%ld: %s (id %s); skipped", r.path, r.line, err.msg,
						  art.id);
				else
					cli_error("%s: %s; skipped", r.path, err.msg);
				errors++;
				continue;
			}
			articles++;
			rasd_buf_reset(&out);
			for (e = 0; e < nev; e++) {
				enum rasd_status st = RASD_OK;
				if (ev[e].confidence < xo.min_confidence)
					continue;
				switch (fmt) {
				case FMT_JSONL:
					st = rasd_event_write_json(&out, &art, &ev[e]);
					if (st == RASD_OK)
						st = rasd_buf_putc(&out, '\n');
					break;
				case FMT_CSV: st = rasd_event_write_csv(&out, &art, &ev[e]); break;
				case FMT_TABLE: st = rasd_event_write_table(&out, &art, &ev[e]); break;
				case FMT_BRIEF: st = write_brief(&out, &art, &ev[e]); break;
				}
				if (st != RASD_OK) {
					cli_error("%s: cannot format event: %s", art.id, rasd_strerror(st));
					break;
				}
				events++;
			}
			write_ok = cli_write(&out);
		}
		errors += r.errors;
		warnings += r.warnings;
		cli_reader_close(&r);
	}
	if (write_ok)
		write_ok = cli_flush();
	if (!o.quiet)
		fprintf(stderr, "rasd: %ld article(s) coded, %ld event(s), %ld error(s)%s\n", articles,
			events, errors, warnings ? ", with warnings" : "");
	rasd_buf_release(&out);
	rasd_arena_release(&arena);
	rasd_arena_release(&work);
	rasd_lexicon_free(lex);
	return (!write_ok || errors) ? 1 : 0;
}
