/*
 * cli.h - what the sub-commands share: reading articles from JSONL, text
 * files or standard input with one-line errors that name file and line,
 * finding and loading the lexicons, and writing to stdout with write
 * errors reported (cli/ internal).
 */
#ifndef RASD_CLI_H
#define RASD_CLI_H

#include "rasd.h"

#include <stdio.h>

#define CLI_MAX_LINE_DEFAULT (64u * 1024u * 1024u)

struct cli_common {
	const char *data_dir;
	const char *places[16];
	size_t nplaces;
	const char *published; /* for text inputs */
	const char *source;
	const char *input_format; /* NULL (auto), "jsonl" or "text" */
	size_t max_article_bytes;
	bool strict;
	bool quiet;
};

/* Parse an option shared by several commands at argv[*i]; returns 1 when
 * consumed (advancing *i past its value), 0 when not ours, -1 on error. */
int cli_common_option(struct cli_common *o, int argc, char **argv, int *i);
void cli_common_init(struct cli_common *o);

/*
 * Numbers on the command line, one rule for all: decimal digits only (an
 * optional '-' where the range allows it, and for reals one '.' and
 * digits: no exponent, hex, spaces, '+', inf or nan), and a value outside
 * lo..hi, overflow included, is out of range. On failure they print
 * "OPT: 'V' is not a decimal number" or "OPT: 'V' is out of range
 * (lo..hi)" and return false: a usage error.
 */
bool cli_parse_long(const char *opt, const char *v, long lo, long hi, long *out);
bool cli_parse_real(const char *opt, const char *v, double lo, double hi, double *out);

/* Load the lexicons; prints the error and returns NULL on failure. */
struct rasd_lexicon *cli_load_lexicon(const struct cli_common *o);
/* The lexicon directory: --data, $RASD_DATA, next to the executable (the
 * build tree or PREFIX/share/rasd), then the compiled-in RASD_DATADIR. */
const char *cli_data_dir(const struct cli_common *o, char *buf, size_t n);
/* What ACLED-true exports need (rasd_acled_new); prints the error and
 * returns NULL on failure. */
struct rasd_acled *cli_load_acled(const struct cli_common *o, const struct rasd_lexicon *lex);
/* Unix time now, or $SOURCE_DATE_EPOCH for reproducible output. */
long long cli_now(void);

/* Articles one at a time. */
struct cli_reader {
	const struct cli_common *opt;
	const char *path; /* as named by the user; "-" for stdin */
	FILE *f;
	bool jsonl;
	bool done;
	long line;
	char *buf;
	size_t cap;
	struct rasd_arena *arena; /* per article */
	char id_buf[64];
	char rbuf[1 << 16]; /* block buffer for line reading */
	size_t rpos, rlen;
	bool eof;
	bool id_synthetic; /* the last article had no id: it was named line-N */
	long errors;   /* articles that could not be read */
	long warnings; /* articles read with repairs */
	/* When set, messages about what is read are appended here instead of
	 * printed: a batch coded on several threads keeps them with the next
	 * article's slot and prints them when that slot is written, so they
	 * come out in input order (cli_log_flush). */
	struct rasd_buf *log;
};

/* Open path ("-" = stdin); prints an error and returns false on failure. */
bool cli_reader_open(struct cli_reader *r, const struct cli_common *o, const char *path,
		     struct rasd_arena *arena);
/* Next article: 1 read, 0 end of input, -1 this one is bad (already
 * reported, or kept in r->log; call again for the next). */
int cli_reader_next(struct cli_reader *r, struct rasd_article *art);
void cli_reader_close(struct cli_reader *r);

/* The two halves of cli_reader_next for a JSONL file, so that lines can be
 * parsed on several threads: the next line that is not blank (BOM
 * removed; valid until the next call): 1, 0 at the end, -1 a bad line
 * (reported in r->log); and one line parsed (lineno for messages) into
 * art, in arena (reset first), messages appended to log and counted in
 * counts: 1, or -1 skipped. */
struct cli_read_counts {
	long errors, warnings;
	bool id_synthetic; /* the article had no id: it was named line-N */
};
int cli_reader_next_line(struct cli_reader *r, const char **line, size_t *len);
int cli_parse_jsonl(const struct cli_common *opt, const char *path, long lineno,
		    const char *line, size_t len, struct rasd_arena *arena, struct rasd_buf *log,
		    struct cli_read_counts *counts, struct rasd_article *art);

/* Report "rasd: <where>: <msg>" on stderr. */
void cli_error(const char *fmt, ...) RASD_PRINTF(1, 2);
void cli_warn(const char *fmt, ...) RASD_PRINTF(1, 2);
/* The same, appended to log as whole lines to be printed later with
 * cli_log_flush; printed at once when log is NULL or cannot grow. */
void cli_log_error(struct rasd_buf *log, const char *fmt, ...) RASD_PRINTF(2, 3);
void cli_log_warn(struct rasd_buf *log, const char *fmt, ...) RASD_PRINTF(2, 3);
/* A progress line on a terminal: rewritten in place by the next call,
 * cleared before any message so messages stand on lines of their own;
 * cli_progress_end leaves the last one on its line. */
void cli_progress(const char *fmt, ...) RASD_PRINTF(1, 2);
void cli_progress_end(void);
/* one or many, by n: "1 error", "2 errors" */
const char *cli_plural(long n, const char *one, const char *many);
/* Print what log holds on stderr and empty it. */
void cli_log_flush(struct rasd_buf *log);
/* A log holding more than this ends the batch being read early, so a file
 * of bad lines is reported as it goes, not held in memory. */
#define CLI_LOG_FLUSH_BYTES (64u * 1024u)

/* Write a buffer to stdout; false (reported once) when stdout fails. */
bool cli_write(const struct rasd_buf *b);
bool cli_flush(void);

int cmd_extract(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_places(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_rebuild(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_train(int argc, char **argv);
/* The learned models in rasd eval and rasd train (cmd_learn.c): the
 * examples (every event the rules code from a gold article, labelled by
 * the gold event at its place and date), the models of the folds of a
 * cross-validation, and the figures of rules alone against rules + model
 * per gold file with the calibration tables. */
struct cli_learn;
struct cli_learn *cli_learn_new(void);
void cli_learn_free(struct cli_learn *l);
void cli_learn_file(struct cli_learn *l, const char *path);
/* The events of one more article: label[umatch[j]] is event j's gold
 * event regardless of type (umatch[j] -1: none, a spurious event;
 * CLI_LEARN_UNLABELLED: not an example). */
#define CLI_LEARN_UNLABELLED (-2)
bool cli_learn_article(struct cli_learn *l, const struct rasd_article *art,
		       const struct rasd_event *ev, size_t nev, const int *umatch,
		       const struct rasd_train_label *label, size_t ngold);
/* The F1 counts of the current file, rules alone (model false) or with
 * the model; and an event for the calibration tables. */
void cli_learn_count(struct cli_learn *l, bool model, long tp, long fp, long fn);
void cli_learn_calibrate(struct cli_learn *l, bool model, double confidence, bool right);
/* Fit one model per fold of k (cross-validation); the model for article
 * number `article` (NULL: its fold had nothing to learn from). */
bool cli_learn_folds(struct cli_learn *l, long k, double threshold);
const struct rasd_model *cli_learn_fold_model(const struct cli_learn *l, long article);
/* Folds by gold file instead of by article (before the articles come). */
void cli_learn_by_file(struct cli_learn *l);
void cli_learn_report(const struct cli_learn *l, long k);
int cli_learn_write(struct cli_learn *l, const char *out, double threshold);
/* rasd train --db: the reviewed events of DB as examples (each article
 * coded again, its events paired with the reviewed reports); false after
 * an error it printed. */
bool cli_learn_db(struct cli_learn *l, const char *db_path, const struct rasd_lexicon *lex);
/* Training options: liblinear's costs, thresholds by inner cross-validation
 * unless --threshold (docs/learn.md has the measurement behind them). */
void cli_learn_options(struct rasd_train_options *o, double threshold);
/* --model FILE and --no-model of the commands that code articles. */
struct cli_model_opt {
	const char *path;
	bool none;
};
/* 1 consumed (advancing *i past its value), 0 not ours, -1 bad usage. */
int cli_model_option(struct cli_model_opt *mo, int argc, char **argv, int *i);
/* The model to apply: --model's file ('default': DATA/model.txt); NULL
 * for rules alone (no --model, or --no-model). A model that does not load
 * is reported (file:line) and sets *failed. */
struct rasd_model *cli_load_model(const struct cli_common *o, const struct cli_model_opt *mo,
				  bool *failed);
/* The regularisation costs of the keep and the type model, measured by
 * cross-validation on the four shared dev sets pooled (docs/learn.md). */
#define CLI_LEARN_C 0.1
#define CLI_LEARN_C_TYPE 1.0
/* The interactive queue of rasd review (cmd_review_queue.c): the events
 * that pass filter, one at a time; returns the exit code. */
int cli_review_queue(struct rasd_db *db, const struct rasd_lexicon *lex,
		     const struct rasd_db_filter *filter, const struct rasd_review_by *by);
int cmd_fetch(int argc, char **argv);
int cmd_watch(int argc, char **argv);

/* Fetching, shared by fetch and watch (fetch_common.c). */
void cli_fetch_help(FILE *f);
/* --timeout, --delay, --retries ...: 1 consumed, 0 not ours, -1 bad value. */
int cli_fetch_option(struct rasd_fetch_options *o, int argc, char **argv, int *i);
/* A body that is a feed rather than a page (by Content-Type or first bytes). */
bool cli_looks_like_feed(const char *content_type, const char *p, size_t n);
/* A fetched page as an article named id; item (may be NULL) fills in a
 * missing title or date. Strings live in a. */
enum rasd_status cli_page_article(struct rasd_arena *a, const char *body, size_t n,
				  const char *content_type, const char *url, const char *id,
				  const struct rasd_feed_item *item, struct rasd_article *art,
				  struct rasd_web_page *page, struct rasd_error *err);
/* One line of rasd's article JSONL (id, title, text, published, source, url). */
enum rasd_status cli_article_json(struct rasd_buf *b, const struct rasd_article *art);

/* The events database, shared by ingest, search, query and stats
 * (cmd_query.c). Opening prints the error and returns NULL on failure. */
struct rasd_db *cli_open_db(const char *path, bool write, int busy_ms);
void cli_db_error(const struct rasd_error *err);
/* Options that choose events (--from, --type, --near ...) for query and
 * stats: like cli_common_option, 1 consumed, 0 not ours, -1 bad value. */
struct cli_filter {
	struct rasd_db_filter f;
	char from[11], to[11];
	char actor[64], admin1[256], country[4]; /* resolved values */
};
/* After the options: turn names, aliases and codes of --actor, --admin1,
 * --country, --type and --sub-type into what the database stores (resolve.c).
 * 0 when all are known; 2 (usage, the closest known values printed) or 1
 * (the lexicons cannot be read) otherwise. data_dir may be NULL. */
int cli_filter_resolve(struct cli_filter *cf, const char *data_dir);
/* A Latin query (ISIS, "Deir ez-Zor") as the Arabic names rasd knows for it,
 * ORed phrases appended to out; false when it is Arabic or unknown. */
bool cli_search_in_arabic(const char *query, const char *data_dir, struct rasd_buf *out);
/* Two names alike: Latin without case, spaces or punctuation (Deir ez-Zor,
 * deir-ezzor), Arabic in match-key form. */
bool cli_same_name(struct rasd_arena *a, const char *x, const char *y);
/* An actor by code, English or Arabic name, or alias; NULL when unknown. */
const struct rasd_actor *cli_find_actor(const struct rasd_lexicon *lex, struct rasd_arena *a,
					const char *name);
void cli_filter_init(struct cli_filter *cf);
int cli_filter_option(struct cli_filter *cf, int argc, char **argv, int *i);
void cli_filter_help(FILE *f);
/* After the options: an empty date range or a --text that is no query is
 * a usage error (printed; false). */
bool cli_filter_check(const struct cli_filter *cf);
/* A search query as rasd_fts_query reads it: false (printed) when it is
 * no query, so the command exits 2 before printing anything. */
bool cli_check_query(const char *opt, const char *q);

/* The extractor's trace as JSON (trace_json.c): a "trace" member with
 * each step's rule and words (text and byte offsets into the original
 * field), an event object with that member added, and one dropped frame as
 * an object of its own. */
enum rasd_status cli_trace_json(struct rasd_buf *b, const struct rasd_article *art,
				const struct rasd_trace_step *steps, size_t n) RASD_MUST_CHECK;
enum rasd_status cli_event_json_traced(struct rasd_buf *b, const struct rasd_article *art,
				       const struct rasd_event *e) RASD_MUST_CHECK;
enum rasd_status cli_dropped_json(struct rasd_buf *b, const struct rasd_article *art,
				  const struct rasd_dropped_frame *d) RASD_MUST_CHECK;
/* The same for --format table: "why" lines (rule, «words»@offset). */
enum rasd_status cli_trace_table(struct rasd_buf *b, const struct rasd_article *art,
				 const struct rasd_trace_step *steps, size_t n) RASD_MUST_CHECK;
enum rasd_status cli_event_table_traced(struct rasd_buf *b, const struct rasd_article *art,
					const struct rasd_event *e) RASD_MUST_CHECK;
enum rasd_status cli_dropped_table(struct rasd_buf *b, const struct rasd_article *art,
				   const struct rasd_dropped_frame *d) RASD_MUST_CHECK;


/* The regions of `rasd eval`'s breakdown (data/regions.tsv, eval_region.c). */
struct eval_regions {
	struct rasd_arena arena;
	struct {
		const char *key, *region;
	} *rows;
	size_t n;
};
/* Load data/regions.tsv; prints the error (file:line) and returns false. */
bool eval_regions_load(struct eval_regions *r, const struct cli_common *o);
void eval_regions_free(struct eval_regions *r);
/* The region of an event in that country (ISO2, may be NULL: read from the
 * governorate) and governorate (Arabic, may be NULL); a string that lives
 * as long as r and is the same pointer for the same region. */
const char *eval_region_of(const struct eval_regions *r, const struct rasd_lexicon *lex,
			   struct rasd_arena *a, const char *country, const char *admin1);
/* The figures of each region seen. */
struct eval_region_tally {
	const char *region;
	long tp, fp, fn;
};
struct eval_region_counts {
	struct eval_region_tally t[64];
	size_t n;
};
/* The tally of that event's region (eval_region_of) in c; with no table
 * (r NULL) a tally that is never printed. */
struct eval_region_tally *eval_region_count(struct eval_region_counts *c, const struct eval_regions *r,
					    const struct rasd_lexicon *lex, struct rasd_arena *a,
					    const char *country, const char *admin1);
/* One prf(label, tp, fp, fn) line per region with events, in table order,
 * then "other countries", then "(no place)". */
void eval_regions_print(const struct eval_regions *r, const struct eval_region_counts *c,
			void (*prf)(const char *label, long tp, long fp, long fn));

#endif
