/*
 * cmd_extract.c - `rasd extract`: code articles into events, written as
 * JSONL (default), ACLED-compatible CSV, a terminal table, or a brief TSV
 * used by the golden tests. Bad articles are reported on stderr with file
 * and line and skipped; the batch goes on and the exit code says so.
 */
#include "cli.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum format { FMT_JSONL, FMT_CSV, FMT_TABLE, FMT_BRIEF };

static void help(FILE *f)
{
	fputs("usage: rasd extract [options] INPUT...\n"
	      "\n"
	      "INPUT is a JSONL file (one article per line: id, title, text, published,\n"
	      "source, url; only text is required), a plain UTF-8 text file (one article;\n"
	      "its id is the file name), a saved web page (.html, any charset: its title,\n"
	      "date, source and main text are read from it), or - for standard input.\n"
	      "\n"
	      "options:\n"
	      "  --format jsonl|csv|table|brief   output format (default jsonl)\n"
	      "  --published YYYY-MM-DD           publication date for text inputs\n"
	      "  --source NAME                    source name for text inputs\n"
	      "  --input-format jsonl|text        do not guess the input format\n"
	      "  --min-confidence X               drop events below X (0-1, default 0)\n"
	      "  --jobs N                         code on N threads; output stays in input order\n"
	      "  --model FILE                     apply a learned model (rasd train; 'default' is\n"
	      "                                   data/model.txt): it may retype an event, its\n"
	      "                                   probability becomes the confidence, events below\n"
	      "                                   its threshold are dropped (docs/learn.md)\n"
	      "  --no-model                       rules alone, the rules' own confidence (the default)\n"
	      "  --explain                        add to each event a \"trace\": the rules that made\n"
	      "                                   it (docs/rules.md) and the words each looked at,\n"
	      "                                   with byte offsets into the original text (jsonl;\n"
	      "                                   with --format table, one \"why\" line a rule)\n"
	      "  --dropped                        --explain, and also one line per trigger that made\n"
	      "                                   no event, with the rule that dropped it\n"
	      "  --list-rules                     print every rule's name and what it decides\n"
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
	const char *id = art->id ? art->id : "-";
	enum rasd_status st;
	if (e->has_date)
		rasd_format_date(e->date, date);
	/* one event, one line: a tab or line break in the id becomes a space */
	for (; *id; id++) {
		st = rasd_buf_putc(b, (unsigned char)*id < 0x20 ? ' ' : *id);
		if (st)
			return st;
	}
	return rasd_buf_printf(b, "\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%ld\t%s\n",
			       date, e->time_precision, e->event_type,
			       e->sub_event_type, e->actor1 ? e->actor1->code : "-",
			       e->actor2 ? e->actor2->code : "-", e->location ? e->location : "-",
			       e->admin1 && *e->admin1 ? e->admin1 : "-", e->country ? e->country : "-",
			       e->fatalities, rasd_modality_name(e->modality));
}

/* One article in flight: its text, its events formatted, its outcome, and
 * the messages of the reader since the article before it. */
struct slot {
	struct rasd_arena in;   /* the article's strings */
	struct rasd_arena work; /* extraction */
	struct rasd_article art;
	struct rasd_buf out;
	struct rasd_buf log; /* reader messages, printed before the article's own */
	struct rasd_buf raw; /* --jobs: the JSONL line, parsed on a worker */
	struct cli_read_counts counts; /* of parsing raw */
	bool unread; /* --jobs: a line that gave no article (its messages only) */
	long line;
	bool jsonl;
	bool failed;
	char err[320];
	long nevents;
	struct rasd_trace trace; /* with --explain */
};

struct batch {
	const struct rasd_lexicon *lex;
	const struct rasd_acled *acled; /* CSV only */
	long long now;
	const struct rasd_extract_options *xo;
	const struct rasd_model *model; /* NULL: rules alone */
	enum format fmt;
	bool explain, dropped;
	struct slot *slots;
	size_t count;
	size_t next; /* shared counter, taken with __atomic builtins */
};

static void code_slot(struct batch *b, struct slot *s, struct rasd_lex_cache *cache)
{
	struct rasd_event *ev;
	size_t nev, e;
	struct rasd_error err;
	struct rasd_extract_options xo = *b->xo;
	struct rasd_trace model_trace;

	xo.lex_cache = cache;
	rasd_arena_reset(&s->work);
	rasd_buf_reset(&s->out);
	rasd_error_clear(&err);
	s->failed = false;
	s->nevents = 0;
	if (b->explain) {
		memset(&s->trace, 0, sizeof(s->trace));
		s->trace.dropped = b->dropped;
		xo.trace = &s->trace;
	} else if (b->model) {
		/* the rules' names are the model's features */
		memset(&model_trace, 0, sizeof(model_trace));
		xo.trace = &model_trace;
	}
	if (rasd_extract(b->lex, &s->art, &xo, &s->work, &ev, &nev, &err) != RASD_OK) {
		s->failed = true;
		snprintf(s->err, sizeof(s->err), "%.300s", err.msg);
		return;
	}
	if (b->model) {
		if (rasd_model_apply(b->model, &s->art, ev, nev, &s->work) != RASD_OK) {
			s->failed = true;
			snprintf(s->err, sizeof(s->err), "out of memory");
			return;
		}
		nev = rasd_model_keep(b->model, ev, nev);
	}
	for (e = 0; e < nev; e++) {
		enum rasd_status st = RASD_OK;
		if (ev[e].confidence < b->xo->min_confidence)
			continue;
		switch (b->fmt) {
		case FMT_JSONL:
			st = b->explain ? cli_event_json_traced(&s->out, &s->art, &ev[e])
					: rasd_event_write_json(&s->out, &s->art, &ev[e]);
			if (st == RASD_OK)
				st = rasd_buf_putc(&s->out, '\n');
			break;
		case FMT_CSV: {
			struct rasd_acled_event ae = {&s->art, &ev[e], 0, NULL, 1, 1, b->now, NULL, NULL, 0};
			st = rasd_acled_write_csv(&s->out, b->acled, &ae);
			break;
		}
		case FMT_TABLE:
			st = b->explain ? cli_event_table_traced(&s->out, &s->art, &ev[e])
					: rasd_event_write_table(&s->out, &s->art, &ev[e]);
			break;
		case FMT_BRIEF: st = write_brief(&s->out, &s->art, &ev[e]); break;
		}
		if (st != RASD_OK) {
			s->failed = true;
			snprintf(s->err, sizeof(s->err), "cannot format event: %s", rasd_strerror(st));
			return;
		}
		s->nevents++;
	}
	for (e = 0; b->dropped && e < s->trace.ndrops; e++) {
		enum rasd_status st;
		if (b->fmt == FMT_TABLE) {
			st = cli_dropped_table(&s->out, &s->art, &s->trace.drops[e]);
		} else {
			st = cli_dropped_json(&s->out, &s->art, &s->trace.drops[e]);
			if (st == RASD_OK)
				st = rasd_buf_putc(&s->out, '\n');
		}
		if (st != RASD_OK) {
			s->failed = true;
			snprintf(s->err, sizeof(s->err), "cannot format a dropped frame: %s",
				 rasd_strerror(st));
			return;
		}
	}
}

/* --list-rules: name, tab, description, one rule a line */
static int list_rules(void)
{
	struct rasd_buf b;
	const char *name, *desc;
	size_t i;
	bool ok = true;
	rasd_buf_init(&b, 0);
	for (i = 0; (name = rasd_rule_name(i, &desc)) != NULL && ok; i++)
		ok = rasd_buf_printf(&b, "%s\t%s\n", name, desc) == RASD_OK;
	ok = ok && cli_write(&b) && cli_flush();
	rasd_buf_release(&b);
	if (!ok)
		cli_error("cannot write the rules");
	return ok ? 0 : 1;
}

/* One coding thread: the batch and its own word-type cache. */
struct worker_arg {
	struct batch *b;
	struct rasd_lex_cache *cache;
};

static void *worker(void *arg)
{
	struct worker_arg *w = arg;
	struct batch *b = w->b;
	for (;;) {
		size_t i = __atomic_fetch_add(&b->next, 1, __ATOMIC_RELAXED);
		if (i >= b->count)
			break;
		code_slot(b, &b->slots[i], w->cache);
	}
	return NULL;
}

/* Code b->count slots on `jobs` threads (the caller's thread is one). */
static void run_batch(struct batch *b, unsigned jobs, struct rasd_lex_cache **caches)
{
	pthread_t th[64];
	struct worker_arg args[64];
	unsigned k, started = 0;

	b->next = 0;
	for (k = 0; k < jobs && k < 64; k++) {
		args[k].b = b;
		args[k].cache = caches[k];
	}
	for (k = 1; k < jobs && k < 64; k++)
		if (pthread_create(&th[started], NULL, worker, &args[k]) == 0)
			started++;
	worker(&args[0]);
	for (k = 0; k < started; k++)
		pthread_join(th[k], NULL);
}

/*
 * --jobs N over a JSONL input: N coding threads started once for the run;
 * the main thread only reads lines and writes output. Lines are parsed on
 * the workers too. Two groups of slots alternate, so that the next group
 * is read, and the last one written, while the workers code.
 */
struct group {
	struct slot *slots;
	size_t count, next, done;
	unsigned long seq; /* order of starting; 0: not started */
};

struct pool {
	struct batch *b;
	const struct cli_common *opt;
	const char *path;
	pthread_mutex_t mu;
	pthread_cond_t work, finished;
	struct group g[2];
	unsigned long seq;
	bool quit;
};

struct pool_worker {
	struct pool *p;
	struct rasd_lex_cache *cache;
};

static void parse_and_code(struct pool *p, struct slot *s, struct rasd_lex_cache *cache)
{
	s->failed = false;
	s->nevents = 0;
	if (s->unread)
		return;
	if (cli_parse_jsonl(p->opt, p->path, s->line, s->raw.p, s->raw.n, &s->in, &s->log,
			    &s->counts, &s->art) < 0) {
		s->unread = true;
		return;
	}
	code_slot(p->b, s, cache);
}

static void *pool_worker(void *arg)
{
	struct pool_worker *w = arg;
	struct pool *p = w->p;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct group *g = NULL;
		size_t k, i;
		for (k = 0; k < 2; k++) {
			struct group *c = &p->g[k];
			if (c->seq && c->next < c->count && (!g || c->seq < g->seq))
				g = c;
		}
		if (!g) {
			if (p->quit)
				break;
			pthread_cond_wait(&p->work, &p->mu);
			continue;
		}
		i = g->next++;
		pthread_mutex_unlock(&p->mu);
		parse_and_code(p, &g->slots[i], w->cache);
		pthread_mutex_lock(&p->mu);
		if (++g->done == g->count)
			pthread_cond_broadcast(&p->finished);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void group_start(struct pool *p, struct group *g, size_t count)
{
	pthread_mutex_lock(&p->mu);
	g->count = count;
	g->next = 0;
	g->done = 0;
	g->seq = ++p->seq;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
}

static void group_wait(struct pool *p, struct group *g)
{
	pthread_mutex_lock(&p->mu);
	while (g->done < g->count)
		pthread_cond_wait(&p->finished, &p->mu);
	g->seq = 0;
	pthread_mutex_unlock(&p->mu);
}

/* Read up to `room` lines into the group's slots; false at the end of the
 * input (or when out of memory). Returns how many slots were filled. */
static size_t group_fill(struct cli_reader *r, struct group *g, size_t room, bool *more)
{
	size_t n = 0;
	while (n < room && *more) {
		struct slot *s = &g->slots[n];
		const char *line;
		size_t len;
		int got;
		rasd_buf_reset(&s->log);
		rasd_buf_reset(&s->raw);
		memset(&s->counts, 0, sizeof(s->counts));
		s->unread = false;
		s->jsonl = true;
		r->log = &s->log;
		got = cli_reader_next_line(r, &line, &len);
		s->line = r->line;
		if (got == 0) {
			*more = false;
			if (s->log.n) { /* a read error: its message keeps its place */
				s->unread = true;
				n++;
			}
			break;
		}
		if (got < 0 || rasd_buf_append(&s->raw, line, len) != RASD_OK)
			s->unread = true;
		n++;
	}
	return n;
}

struct totals {
	long articles, events, errors, warnings;
};

/* Print a group's messages and events in input order; false when the
 * output cannot be written. */
static bool group_write(const char *path, struct group *g, struct totals *t)
{
	size_t j;
	for (j = 0; j < g->count; j++) {
		struct slot *s = &g->slots[j];
		cli_log_flush(&s->log);
		t->errors += s->counts.errors;
		t->warnings += s->counts.warnings;
		if (s->unread)
			continue;
		if (s->failed) {
			cli_error("%s:%ld: %s (id %s); skipped", path, s->line, s->err, s->art.id);
			t->errors++;
			continue;
		}
		t->articles++;
		t->events += s->nevents;
		if (!cli_write(&s->out))
			return false;
	}
	return true;
}

/* One JSONL input through the pool: read group A while group B is coded,
 * write B while A is. */
static bool pool_run(struct pool *p, struct cli_reader *r, size_t room, struct totals *t)
{
	bool more = true, ok = true;
	int cur = 0;
	size_t n;

	p->path = r->path;
	n = group_fill(r, &p->g[cur], room, &more);
	group_start(p, &p->g[cur], n);
	for (;;) {
		int nxt = cur ^ 1;
		size_t m = 0;
		if (more && ok) {
			m = group_fill(r, &p->g[nxt], room, &more);
			group_start(p, &p->g[nxt], m);
		}
		group_wait(p, &p->g[cur]);
		if (ok)
			ok = group_write(r->path, &p->g[cur], t);
		if (m == 0)
			break;
		cur = nxt;
	}
	return ok;
}

int cmd_extract(int argc, char **argv)
{
	struct cli_common o;
	enum format fmt = FMT_JSONL;
	const char *inputs[256];
	size_t ninputs = 0, k, nslots;
	struct rasd_lexicon *lex;
	struct rasd_acled *acled = NULL;
	struct cli_model_opt mo = {NULL, false};
	struct rasd_model *model;
	bool model_failed;
	struct rasd_buf head;
	struct rasd_extract_options xo = {0, 0, NULL, NULL};
	struct slot *slots;
	struct rasd_lex_cache *caches[64];
	struct batch b;
	struct pool pool;
	struct pool_worker workers[64];
	pthread_t threads[64];
	size_t started = 0;
	bool pool_sync = false; /* the pool's mutex and conditions are set up */
	long articles = 0, events = 0, errors = 0, warnings = 0;
	unsigned jobs = 1;
	bool write_ok = true, explain = false, dropped = false;
	int i;

	cli_common_init(&o);
	for (i = 1; i < argc; i++) {
		int r = cli_common_option(&o, argc, argv, &i);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		r = cli_model_option(&mo, argc, argv, &i);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			return 0;
		} else if (strcmp(argv[i], "--list-rules") == 0) {
			return list_rules();
		} else if (strcmp(argv[i], "--explain") == 0) {
			explain = true;
		} else if (strcmp(argv[i], "--dropped") == 0) {
			explain = dropped = true;
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
		} else if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc) {
			long v;
			if (!cli_parse_long("--jobs", argv[++i], 1, 64, &v))
				return 2;
			jobs = (unsigned)v;
		} else if (strcmp(argv[i], "--min-confidence") == 0 && i + 1 < argc) {
			if (!cli_parse_real("--min-confidence", argv[++i], 0, 1, &xo.min_confidence))
				return 2;
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
	if (explain && fmt != FMT_JSONL && fmt != FMT_TABLE) {
		cli_error("extract: --explain and --dropped write jsonl or table only");
		return 2;
	}
	xo.max_article_bytes = o.max_article_bytes;
	lex = cli_load_lexicon(&o);
	if (!lex)
		return 1;
	model = cli_load_model(&o, &mo, &model_failed);
	if (model_failed) {
		rasd_lexicon_free(lex);
		return mo.none && mo.path ? 2 : 1;
	}
	if (fmt == FMT_CSV) {
		acled = cli_load_acled(&o, lex);
		if (!acled) {
			rasd_lexicon_free(lex);
			rasd_model_free(model);
			return 1;
		}
	}
	/* Articles are read in batches, coded in parallel, written in order
	 * (with --jobs, two groups of 16 a thread: see struct pool). */
	nslots = jobs == 1 ? 1 : 32 * (size_t)jobs;
	slots = calloc(nslots, sizeof(*slots));
	if (!slots) {
		cli_error("out of memory");
		rasd_lexicon_free(lex);
		return 1;
	}
	for (k = 0; k < nslots; k++) {
		rasd_arena_init(&slots[k].in, 0);
		rasd_arena_init(&slots[k].work, 0);
		rasd_buf_init(&slots[k].out, 0);
		rasd_buf_init(&slots[k].log, 0);
		rasd_buf_init(&slots[k].raw, 0);
	}
	/* One word-type cache per thread (none when out of memory: slower,
	 * same output). */
	for (k = 0; k < jobs; k++)
		caches[k] = rasd_lex_cache_new(lex, 0);
	b.lex = lex;
	b.acled = acled;
	b.now = cli_now();
	b.xo = &xo;
	b.model = model;
	b.fmt = fmt;
	b.explain = explain;
	b.dropped = dropped;
	b.slots = slots;
	if (jobs > 1 && pthread_mutex_init(&pool.mu, NULL) == 0) {
		if (pthread_cond_init(&pool.work, NULL) == 0) {
			if (pthread_cond_init(&pool.finished, NULL) == 0) {
				pool_sync = true;
				pool.b = &b;
				pool.opt = &o;
				pool.seq = 0;
				pool.quit = false;
				pool.g[0].slots = slots;
				pool.g[1].slots = slots + nslots / 2;
				pool.g[0].count = pool.g[1].count = 0;
				pool.g[0].seq = pool.g[1].seq = 0;
				for (k = 0; k < jobs; k++) {
					workers[k].p = &pool;
					workers[k].cache = caches[k];
					if (pthread_create(&threads[started], NULL, pool_worker,
							   &workers[k]) == 0)
						started++;
				}
			} else {
				pthread_cond_destroy(&pool.work);
				pthread_mutex_destroy(&pool.mu);
			}
		} else {
			pthread_mutex_destroy(&pool.mu);
		}
	}
	rasd_buf_init(&head, 0);
	if (fmt == FMT_CSV && rasd_acled_csv_header(&head) == RASD_OK)
		write_ok = cli_write(&head);
	for (k = 0; k < ninputs && write_ok; k++) {
		struct cli_reader r;
		bool more = true;

		if (!cli_reader_open(&r, &o, inputs[k], &slots[0].in)) {
			errors++;
			continue;
		}
		if (started && r.jsonl) {
			struct totals t = {0, 0, 0, 0};
			write_ok = pool_run(&pool, &r, nslots / 2, &t);
			articles += t.articles;
			events += t.events;
			errors += t.errors + r.errors;
			warnings += t.warnings + r.warnings;
			cli_reader_close(&r);
			continue;
		}
		/* Messages are printed with the slot they belong to, so they come
		 * out in input order whatever the number of threads. */
		while (more && write_ok) {
			size_t n = 0, j;
			for (j = 0; j < nslots; j++)
				rasd_buf_reset(&slots[j].log);
			while (n < nslots) {
				int got;
				r.arena = &slots[n].in;
				r.log = &slots[n].log;
				got = cli_reader_next(&r, &slots[n].art);
				if (got == 0) {
					more = false;
					break;
				}
				if (got < 0) {
					if (slots[n].log.n > CLI_LOG_FLUSH_BYTES)
						break; /* a run of bad lines: report it now */
					continue;
				}
				slots[n].line = r.line;
				slots[n].jsonl = r.jsonl;
				n++;
			}
			b.count = n;
			run_batch(&b, jobs, caches);
			for (j = 0; j < n && write_ok; j++) {
				struct slot *s = &slots[j];
				cli_log_flush(&s->log);
				if (s->failed) {
					if (s->jsonl)
						cli_error("%s:%ld: %s (id %s); skipped", r.path, s->line, s->err,
							  s->art.id);
					else
						cli_error("%s: %s; skipped", r.path, s->err);
					errors++;
					continue;
				}
				articles++;
				events += s->nevents;
				write_ok = cli_write(&s->out);
			}
			if (write_ok && n < nslots)
				cli_log_flush(&slots[n].log); /* what was read after the last article */
		}
		errors += r.errors;
		warnings += r.warnings;
		cli_reader_close(&r);
	}
	if (pool_sync) {
		pthread_mutex_lock(&pool.mu);
		pool.quit = true;
		pthread_cond_broadcast(&pool.work);
		pthread_mutex_unlock(&pool.mu);
		for (k = 0; k < started; k++)
			pthread_join(threads[k], NULL);
		pthread_cond_destroy(&pool.finished);
		pthread_cond_destroy(&pool.work);
		pthread_mutex_destroy(&pool.mu);
	}
	if (write_ok)
		write_ok = cli_flush();
	if (!o.quiet)
		fprintf(stderr, "rasd: %ld %s coded, %ld %s, %ld %s%s\n", articles,
			cli_plural(articles, "article", "articles"), events,
			cli_plural(events, "event", "events"), errors,
			cli_plural(errors, "error", "errors"), warnings ? ", with warnings" : "");
	for (k = 0; k < nslots; k++) {
		rasd_arena_release(&slots[k].in);
		rasd_arena_release(&slots[k].work);
		rasd_buf_release(&slots[k].out);
		rasd_buf_release(&slots[k].log);
		rasd_buf_release(&slots[k].raw);
	}
	free(slots);
	for (k = 0; k < jobs; k++)
		rasd_lex_cache_free(caches[k]);
	rasd_buf_release(&head);
	rasd_acled_free(acled);
	rasd_model_free(model);
	rasd_lexicon_free(lex);
	return (!write_ok || errors) ? 1 : 0;
}
