/*
 * stages.c - where the time goes in `rasd extract`: runs each stage of the
 * pipeline separately over a JSONL corpus held one line at a time (UTF-8
 * cleaning and JSON parsing of the line, rasd_doc_parse, lexicon matching
 * at every token, the whole of rasd_extract, JSON formatting of the events)
 * and reports seconds, MB/s and ns per token for each, then the lexicon
 * load time averaged over several loads and the peak resident memory.
 * Part of bench/: linked with librasd, run by bench/bench.sh; it reads the
 * articles as src/cli/common.c does so its event count matches the CLI's.
 */
#include "rasd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_MATCHES 64

enum stage { ST_CLEAN, ST_JSON, ST_PARSE, ST_MATCH, ST_EXTRACT, ST_FORMAT, ST_COUNT };

static const char *const stage_names[ST_COUNT] = {
    "read: UTF-8 clean",          "read: JSON parse",   "rasd_doc_parse (norm+tokens)",
    "lexicon match, every token", "rasd_extract (all)", "output: JSON formatting",
};

struct totals {
	double sec[ST_COUNT];
	unsigned long long bytes;      /* corpus bytes, newlines included */
	unsigned long long text_bytes; /* title + text of the articles read */
	unsigned long long tokens;
	unsigned long long sentences;
	unsigned long long matches;
	unsigned long long events;
	unsigned long long out_bytes;
	long lines;
	long articles;  /* coded by rasd_extract */
	long bad_lines; /* not UTF-8, not JSON, no text */
	long not_coded; /* rasd_extract refused them (empty, too big) */
	struct rasd_lex_cache *cache; /* the word-type cache, as rasd extract keeps one */
};

static void usage(FILE *f)
{
	fputs("usage: stages [--data DIR] [--loads N] [--limit N] CORPUS.jsonl\n"
	      "\n"
	      "Times each stage of rasd's pipeline over a JSONL corpus (one article a\n"
	      "line, as `rasd extract` reads it) and the lexicon load.\n"
	      "\n"
	      "  --data DIR   lexicon directory (default $RASD_DATA, else data)\n"
	      "  --loads N    lexicon loads to average (default 10)\n"
	      "  --limit N    stop after N lines\n",
	      f);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static bool parse_count(const char *s, long *out)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v <= 0)
		return false;
	*out = v;
	return true;
}

static void print_error(const char *what, const struct rasd_error *err)
{
	if (err->line)
		fprintf(stderr, "stages: %s:%ld: %s\n", err->file[0] ? err->file : what, err->line,
		        err->msg);
	else
		fprintf(stderr, "stages: %s: %s\n", err->file[0] ? err->file : what, err->msg);
}

/* The extra places `rasd extract` would load, so both code the same events. */
static size_t user_places(char *buf, size_t n, const char **extra)
{
	const char *env = getenv("RASD_PLACES");
	const char *home = getenv("HOME");
	struct stat st;

	if (env && *env) {
		extra[0] = env;
		return 1;
	}
	if (home) {
		snprintf(buf, n, "%s/.config/rasd/places.tsv", home);
		if (stat(buf, &st) == 0) {
			extra[0] = buf;
			return 1;
		}
	}
	return 0;
}

/* Load the lexicons `loads` times, keep the last one. */
static struct rasd_lexicon *load_lexicons(const char *dir, const char *const *extra, size_t nextra,
                                          long loads, double *mean_ms, double *min_ms,
                                          double *max_ms)
{
	struct rasd_lexicon *lex = NULL;
	double sum = 0, lo = 0, hi = 0;
	long k;

	for (k = 0; k < loads; k++) {
		struct rasd_error err;
		double t0, ms;

		rasd_lexicon_free(lex);
		lex = NULL;
		rasd_error_clear(&err);
		t0 = now();
		if (rasd_lexicon_load(dir, extra, nextra, &lex, &err) != RASD_OK) {
			print_error(dir, &err);
			return NULL;
		}
		ms = (now() - t0) * 1e3;
		sum += ms;
		if (k == 0 || ms < lo)
			lo = ms;
		if (k == 0 || ms > hi)
			hi = ms;
	}
	*mean_ms = sum / (double)loads;
	*min_ms = lo;
	*max_ms = hi;
	return lex;
}

static const char *json_field(struct rasd_arena *a, const struct rasd_json *obj, const char *key,
                              size_t *len)
{
	const struct rasd_json *v = rasd_json_get(obj, key);
	if (!v)
		return NULL;
	if (v->type == RASD_JSON_STRING) {
		if (len)
			*len = v->str.n;
		return v->str.p;
	}
	if (v->type == RASD_JSON_NUMBER) {
		if (len)
			*len = v->str.n;
		return rasd_arena_strndup(a, v->str.p, v->str.n);
	}
	return NULL;
}

/* The article fields as src/cli/common.c reads them from a parsed line. */
static bool article_from_json(struct rasd_arena *a, const struct rasd_json *obj, long line,
                              char *id_buf, size_t id_n, struct rasd_article *art)
{
	const char *pub;
	size_t n;

	if (obj->type != RASD_JSON_OBJECT)
		return false;
	memset(art, 0, sizeof(*art));
	art->text = rasd_json_get_str(obj, "text", &n);
	if (!art->text)
		return false;
	art->text_n = n;
	art->title = json_field(a, obj, "title", &art->title_n);
	art->id = json_field(a, obj, "id", NULL);
	if (!art->id) {
		snprintf(id_buf, id_n, "line-%ld", line);
		art->id = id_buf;
	}
	pub = json_field(a, obj, "published", NULL);
	if (pub) {
		int32_t d;
		size_t pl = strlen(pub);
		if (rasd_date_parse(pub, pl, &d) != RASD_OK)
			pub = NULL;
		else if (pl > 10)
			pub = rasd_arena_strndup(a, pub, 10);
	}
	art->published = pub;
	art->source = json_field(a, obj, "source", NULL);
	art->url = json_field(a, obj, "url", NULL);
	return true;
}

/* Parse one field and match the lexicons at every token; false on error. */
static bool parse_and_match(const struct rasd_lexicon *lex, struct rasd_arena *a, const char *p,
                            size_t n, struct totals *t)
{
	struct rasd_lex_match ms[MAX_MATCHES];
	struct rasd_doc doc;
	double t0, t1;
	size_t i;

	t0 = now();
	if (rasd_doc_parse(a, p, n, &doc) != RASD_OK)
		return false;
	doc.lex_cache = t->cache;
	t1 = now();
	t->sec[ST_PARSE] += t1 - t0;
	for (i = 0; i < doc.ntokens; i++)
		t->matches += rasd_lex_match_at(lex, &doc, i, ms, MAX_MATCHES);
	t->sec[ST_MATCH] += now() - t1;
	t->tokens += doc.ntokens;
	t->sentences += doc.nsentences;
	return true;
}

/* One corpus line through every stage. */
static void run_line(const struct rasd_lexicon *lex, struct rasd_arena *line_arena,
                     struct rasd_arena *work, struct rasd_buf *out, const char *p, size_t n,
                     struct totals *t)
{
	struct rasd_str clean;
	struct rasd_json *obj;
	struct rasd_article art;
	struct rasd_event *ev;
	struct rasd_error err;
	struct rasd_extract_options xo = {0, 0, NULL, t->cache};
	char id_buf[64];
	size_t replaced, nev, e;
	double t0, t1;

	rasd_arena_reset(line_arena);
	t0 = now();
	if (memchr(p, '\0', n) ||
	    rasd_utf8_clean(line_arena, p, n, 0, &clean, &replaced, &err) != RASD_OK) {
		t->bad_lines++;
		return;
	}
	t1 = now();
	t->sec[ST_CLEAN] += t1 - t0;
	if (rasd_json_parse(line_arena, clean.p, clean.n, &obj, &err) != RASD_OK) {
		t->bad_lines++;
		return;
	}
	t->sec[ST_JSON] += now() - t1;
	if (!article_from_json(line_arena, obj, t->lines, id_buf, sizeof(id_buf), &art)) {
		t->bad_lines++;
		return;
	}
	t->text_bytes += art.text_n + art.title_n;

	rasd_arena_reset(work);
	if (art.title && art.title_n)
		(void)parse_and_match(lex, work, art.title, art.title_n, t);
	(void)parse_and_match(lex, work, art.text, art.text_n, t);

	rasd_arena_reset(work);
	rasd_error_clear(&err);
	t0 = now();
	if (rasd_extract(lex, &art, &xo, work, &ev, &nev, &err) != RASD_OK) {
		t->not_coded++;
		return;
	}
	t1 = now();
	t->sec[ST_EXTRACT] += t1 - t0;
	t->articles++;
	t->events += nev;

	rasd_buf_reset(out);
	for (e = 0; e < nev; e++) {
		if (rasd_event_write_json(out, &art, &ev[e]) != RASD_OK ||
		    rasd_buf_putc(out, '\n') != RASD_OK)
			break;
	}
	t->sec[ST_FORMAT] += now() - t1;
	t->out_bytes += out->n;
}

static void print_report(const char *path, const struct totals *t, double wall, double load_mean,
                         double load_min, double load_max, long loads,
                         const struct rasd_lexicon *lex)
{
	double mb = (double)t->bytes / 1e6;
	double pipeline =
	    t->sec[ST_CLEAN] + t->sec[ST_JSON] + t->sec[ST_EXTRACT] + t->sec[ST_FORMAT];
	double rest = t->sec[ST_EXTRACT] - t->sec[ST_PARSE] - t->sec[ST_MATCH];
	struct rusage ru;
	int s;

	printf("stages: %s\n", path);
	printf("  %ld articles coded (%ld bad lines, %ld refused by rasd_extract), %.1f MB\n",
	       t->articles, t->bad_lines, t->not_coded, mb);
	printf("  %llu sentences, %llu tokens, %llu lexicon matches, %llu events\n", t->sentences,
	       t->tokens, t->matches, t->events);
	printf("\n  %-30s %8s %9s %9s %6s\n", "stage", "seconds", "MB/s", "ns/token", "share");
	for (s = 0; s < ST_COUNT; s++) {
		double sec = t->sec[s];
		printf("  %-30s %8.3f %9.1f %9.1f %5.1f%%\n", stage_names[s], sec,
		       sec > 0 ? mb / sec : 0.0, t->tokens ? sec * 1e9 / (double)t->tokens : 0.0,
		       pipeline > 0 ? 100.0 * sec / pipeline : 0.0);
		if (s == ST_EXTRACT)
			printf("  %-30s %8.3f %9s %9.1f %5.1f%%\n", "  of which beyond parse+match",
			       rest, "", t->tokens ? rest * 1e9 / (double)t->tokens : 0.0,
			       pipeline > 0 ? 100.0 * rest / pipeline : 0.0);
	}
	printf("  %-30s %8.3f %9.1f %9.1f %5.1f%%\n", "pipeline (read+extract+output)", pipeline,
	       pipeline > 0 ? mb / pipeline : 0.0,
	       t->tokens ? pipeline * 1e9 / (double)t->tokens : 0.0, 100.0);
	printf("  (parse and match are timed apart and are also inside rasd_extract;\n"
	       "   shares are of the pipeline; wall time of this run %.2f s)\n",
	       wall);
	printf("\n  lexicon load: %.1f ms mean over %ld loads (min %.1f, max %.1f); "
	       "%zu entries, %zu places\n",
	       load_mean, loads, load_min, load_max, rasd_lex_entry_count(lex),
	       rasd_lex_place_count(lex));
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		printf("  peak RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
	/* One line for scripts (bench/bench.sh reads it). */
	printf("totals articles=%ld bytes=%llu sentences=%llu tokens=%llu events=%llu "
	       "pipeline_s=%.4f load_ms=%.2f\n",
	       t->articles, t->bytes, t->sentences, t->tokens, t->events, pipeline, load_mean);
}

int main(int argc, char **argv)
{
	const char *data_dir = getenv("RASD_DATA");
	const char *path = NULL;
	const char *extra[1];
	char places_buf[4096];
	size_t nextra;
	long loads = 10, limit = -1;
	struct rasd_lexicon *lex = NULL;
	struct rasd_arena line_arena, work;
	struct rasd_buf out;
	struct totals t;
	double load_mean = 0, load_min = 0, load_max = 0, t0;
	char *line = NULL;
	size_t cap = 0;
	FILE *f = NULL;
	int rc = 1, i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--data") == 0 && i + 1 < argc) {
			data_dir = argv[++i];
		} else if (strcmp(a, "--loads") == 0 && i + 1 < argc) {
			if (!parse_count(argv[++i], &loads)) {
				fprintf(stderr, "stages: --loads: '%s' is not a positive count\n",
				        argv[i]);
				return 2;
			}
		} else if (strcmp(a, "--limit") == 0 && i + 1 < argc) {
			if (!parse_count(argv[++i], &limit)) {
				fprintf(stderr, "stages: --limit: '%s' is not a positive count\n",
				        argv[i]);
				return 2;
			}
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "stages: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		} else if (!path) {
			path = a;
		} else {
			fprintf(stderr, "stages: one corpus only\n");
			return 2;
		}
	}
	if (!path) {
		usage(stderr);
		return 2;
	}
	if (!data_dir || !*data_dir)
		data_dir = "data";

	memset(&t, 0, sizeof(t));
	rasd_arena_init(&line_arena, 0);
	rasd_arena_init(&work, 0);
	rasd_buf_init(&out, 0);

	if (strcmp(path, "-") == 0) {
		f = stdin;
	} else {
		f = fopen(path, "rb");
		if (!f) {
			fprintf(stderr, "stages: cannot open '%s': %s\n", path, strerror(errno));
			goto out;
		}
	}
	nextra = user_places(places_buf, sizeof(places_buf), extra);
	lex = load_lexicons(data_dir, extra, nextra, loads, &load_mean, &load_min, &load_max);
	if (!lex)
		goto out;
	t.cache = rasd_lex_cache_new(lex, 0); /* NULL: none, slower */

	t0 = now();
	while (limit < 0 || t.lines < limit) {
		ssize_t got = getline(&line, &cap, f);
		size_t n, k;
		bool blank = true;

		if (got < 0)
			break;
		n = (size_t)got;
		t.lines++;
		t.bytes += n;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		for (k = 0; k < n && blank; k++)
			if (line[k] != ' ' && line[k] != '\t')
				blank = false;
		if (blank)
			continue;
		run_line(lex, &line_arena, &work, &out, line, n, &t);
	}
	if (ferror(f)) {
		fprintf(stderr, "stages: %s: read error: %s\n", path, strerror(errno));
		goto out;
	}
	print_report(path, &t, now() - t0, load_mean, load_min, load_max, loads, lex);
	rc = 0;
out:
	if (f && f != stdin)
		fclose(f);
	free(line);
	rasd_buf_release(&out);
	rasd_arena_release(&line_arena);
	rasd_arena_release(&work);
	rasd_lex_cache_free(t.cache);
	rasd_lexicon_free(lex);
	return rc;
}
