/*
 * cmd_ingest.c - `rasd ingest`: code articles and keep them, with their
 * events and the evidence behind each, in the events database. Articles
 * already stored with the same content are skipped before coding; the rest
 * are coded on --jobs threads and written in input order, one transaction
 * per --batch articles, so a killed run leaves a consistent database and
 * the same command run again finishes the job without duplicates.
 */
#include "cli.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_BATCH 500

static void help(FILE *f)
{
	fputs("usage: rasd ingest --db FILE [options] INPUT...\n"
	      "\n"
	      "Codes articles (JSONL, plain text files, saved web pages, or - for standard input, as rasd\n"
	      "extract reads them) and stores articles, events and evidence in FILE, a\n"
	      "SQLite database created when missing. Running it again on the same input\n"
	      "adds nothing; an article whose content changed has its events replaced.\n"
	      "Reports of one happening by several outlets become one event with several\n"
	      "sources (docs/schema.md).\n"
	      "\n"
	      "options:\n"
	      "  --db FILE                        the events database\n"
	      "  --batch N                        articles per transaction (default 500)\n"
	      "  --jobs N                         code on N threads (default 1)\n"
	      "  --lock-timeout SECONDS           wait for another writer (default 10)\n"
	      "  --min-confidence X               keep events of confidence X or more (0-1)\n"
	      "  --model FILE                     apply a learned model (rasd train; 'default' is\n"
	      "                                   data/model.txt), as rasd extract does\n"
	      "  --no-model                       rules alone (the default)\n"
	      "  --published YYYY-MM-DD           publication date for text inputs\n"
	      "  --source NAME                    source name for text inputs\n"
	      "  --input-format jsonl|text        do not guess the input format\n"
	      "  --max-article-bytes N[k|M]       skip longer articles (default 8M)\n"
	      "  --strict                         reject invalid UTF-8 instead of replacing it\n"
	      "  --data DIR                       lexicon directory (default: the bundled data/)\n"
	      "  --places FILE                    extra places, same format as data/places.tsv\n"
	      "  -q, --quiet                      no summary on stderr\n",
	      f);
}

/* One article in flight, with the reader's messages since the one before. */
struct slot {
	struct rasd_arena in;   /* the article's strings */
	struct rasd_arena work; /* extraction */
	struct rasd_article art;
	struct rasd_buf log; /* reader messages, printed before the article's own */
	char hash[RASD_DB_HASH_HEX];
	char id[40];
	long line;
	bool jsonl;
	bool id_synthetic;
	bool failed;
	char err[320];
	struct rasd_event *events;
	size_t nevents;
};

struct pool {
	const struct rasd_lexicon *lex;
	const struct rasd_extract_options *xo;
	const struct rasd_model *model; /* NULL: rules alone */
	struct slot *slots;
	size_t count;
	size_t next; /* shared counter, taken with __atomic builtins */
};

static void code_slot(struct pool *p, struct slot *s)
{
	struct rasd_error err;
	struct rasd_extract_options xo = *p->xo;
	struct rasd_trace trace;
	size_t i, kept = 0;

	rasd_arena_reset(&s->work);
	rasd_error_clear(&err);
	s->failed = false;
	s->nevents = 0;
	if (p->model) {
		/* the rules' names are the model's features */
		memset(&trace, 0, sizeof(trace));
		xo.trace = &trace;
	}
	if (rasd_extract(p->lex, &s->art, &xo, &s->work, &s->events, &s->nevents, &err) !=
	    RASD_OK) {
		s->failed = true;
		snprintf(s->err, sizeof(s->err), "%.300s", err.msg);
		return;
	}
	if (p->model) {
		if (rasd_model_apply(p->model, &s->art, s->events, s->nevents, &s->work) !=
		    RASD_OK) {
			s->failed = true;
			snprintf(s->err, sizeof(s->err), "out of memory");
			return;
		}
		s->nevents = rasd_model_keep(p->model, s->events, s->nevents);
	}
	for (i = 0; i < s->nevents; i++)
		if (s->events[i].confidence >= p->xo->min_confidence)
			s->events[kept++] = s->events[i];
	s->nevents = kept;
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	for (;;) {
		size_t i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED);
		if (i >= p->count)
			break;
		code_slot(p, &p->slots[i]);
	}
	return NULL;
}

static void run_pool(struct pool *p, unsigned jobs)
{
	pthread_t th[64];
	unsigned k, started = 0;

	p->next = 0;
	for (k = 1; k < jobs && k < 64; k++)
		if (pthread_create(&th[started], NULL, worker, p) == 0)
			started++;
	worker(p);
	for (k = 0; k < started; k++)
		pthread_join(th[k], NULL);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * An article without an id of its own gets "line-N" from the reader, which
 * would make line 3 of one file replace line 3 of another: name it by its
 * content instead.
 */
static void name_by_content(struct slot *s)
{
	if (s->id_synthetic) {
		snprintf(s->id, sizeof(s->id), "sha256:%.16s", s->hash);
		s->art.id = s->id;
	}
}

/*
 * The ids read in this run, with where each was first read and its hash:
 * a second article under one id is reported, never silently stored over
 * the first. Open addressing; grows by doubling.
 */
struct seen_id {
	char *id;
	const char *path; /* an input name from argv, or "<stdin>" */
	long line;
	char hash[RASD_DB_HASH_HEX];
};

struct id_table {
	struct seen_id *slot;
	size_t cap, n;
};

static uint64_t id_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct seen_id *id_find(struct id_table *t, const char *id)
{
	size_t i = (size_t)id_hash(id) & (t->cap - 1);
	while (t->slot[i].id && strcmp(t->slot[i].id, id) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slot[i];
}

/* The earlier article with this id, or NULL (and then it is recorded). */
static const struct seen_id *id_seen(struct id_table *t, const char *id, const char *path,
				     long line, const char *hash, bool *oom)
{
	struct seen_id *e;

	if (2 * (t->n + 1) > t->cap) {
		struct id_table bigger;
		size_t k;
		bigger.cap = t->cap ? t->cap * 2 : 1024;
		bigger.n = t->n;
		bigger.slot = calloc(bigger.cap, sizeof(*bigger.slot));
		if (!bigger.slot) {
			*oom = true;
			return NULL;
		}
		for (k = 0; k < t->cap; k++)
			if (t->slot[k].id)
				*id_find(&bigger, t->slot[k].id) = t->slot[k];
		free(t->slot);
		*t = bigger;
	}
	e = id_find(t, id);
	if (e->id)
		return e;
	e->id = strdup(id);
	if (!e->id) {
		*oom = true;
		return NULL;
	}
	e->path = path;
	e->line = line;
	memcpy(e->hash, hash, RASD_DB_HASH_HEX);
	t->n++;
	return NULL;
}

static void id_table_release(struct id_table *t)
{
	size_t k;
	for (k = 0; k < t->cap; k++)
		free(t->slot[k].id);
	free(t->slot);
}

struct run {
	struct rasd_db *db;
	struct rasd_ingest_counts counts; /* what was committed */
	struct rasd_ingest_counts tx;     /* what the open transaction holds */
	struct id_table ids;
	long read, errors, pending;
	bool in_tx, progress, failed;
	double total_bytes;		  /* of the inputs, 0 when unknown (stdin) */
	long long done_bytes;		  /* of the inputs already read */
	const struct cli_reader *reader; /* the input being read */
	size_t batch;
	double start, last_progress;
};

/* Bytes of the inputs read so far: the files done and the position in the
 * one being read (what its reader holds in its buffer is not yet read). */
static double bytes_read(const struct run *r)
{
	double pos = (double)r->done_bytes;
	if (r->reader && r->reader->f) {
		off_t at = ftello(r->reader->f);
		if (at > 0)
			pos += (double)at - (double)(r->reader->rlen - r->reader->rpos);
	}
	return pos;
}

static void progress(struct run *r, bool force)
{
	double t = now(), el = t - r->start, pos;
	long events = r->counts.events_new + r->tx.events_new;
	char head[96] = "";
	if (!r->progress || (!force && t - r->last_progress < 0.25))
		return;
	r->last_progress = t;
	pos = bytes_read(r);
	if (r->total_bytes > 0 && pos > 0) {
		double frac = pos / r->total_bytes, left = el * (1 - frac) / frac;
		if (frac > 1)
			frac = 1;
		bool mb = r->total_bytes >= 1e6;
		double size = r->total_bytes / (mb ? 1e6 : 1e3);
		if (force || frac >= 1)
			snprintf(head, sizeof(head), "100%% of %.1f %s, ", size, mb ? "MB" : "kB");
		else
			snprintf(head, sizeof(head), "%.0f%% of %.1f %s, ETA %d:%02d, ", 100 * frac,
				 size, mb ? "MB" : "kB", (int)(left / 60), (int)left % 60);
	}
	cli_progress("rasd: %s%ld %s (%.0f/s), %ld %s, %ld %s", head, r->read,
		     cli_plural(r->read, "article", "articles"), el > 0 ? (double)r->read / el : 0.0,
		     events, cli_plural(events, "event", "events"), r->errors,
		     cli_plural(r->errors, "error", "errors"));
}

/* Commit the open transaction; its counts then become the run's. */
static bool commit(struct run *r)
{
	struct rasd_error err;

	rasd_error_clear(&err);
	if (r->in_tx) {
		r->in_tx = false;
		r->pending = 0;
		if (rasd_db_commit(r->db, &err) != RASD_OK) {
			cli_db_error(&err);
			rasd_db_rollback(r->db);
			memset(&r->tx, 0, sizeof(r->tx));
			r->failed = true;
			return false;
		}
	}
	r->counts.articles_new += r->tx.articles_new;
	r->counts.articles_updated += r->tx.articles_updated;
	r->counts.articles_same += r->tx.articles_same;
	r->counts.events_new += r->tx.events_new;
	r->counts.events_merged += r->tx.events_merged;
	r->counts.events_removed += r->tx.events_removed;
	r->counts.mentions += r->tx.mentions;
	memset(&r->tx, 0, sizeof(r->tx));
	return true;
}

static bool store(struct run *r, struct slot *s, const char *path)
{
	struct rasd_error err;
	enum rasd_status st;

	rasd_error_clear(&err);
	if (!r->in_tx) {
		if (rasd_db_begin(r->db, &err) != RASD_OK) {
			cli_db_error(&err);
			r->failed = true;
			return false;
		}
		r->in_tx = true;
	}
	st = rasd_db_put(r->db, &s->art, s->hash, s->events, s->nevents, &r->tx, &err);
	if (st == RASD_EINVAL || st == RASD_ETOOBIG) {
		/* this article only: the rest of the batch goes on */
		if (s->jsonl)
			cli_error("%s:%ld: %s (id %s); skipped", path, s->line, err.msg, s->art.id);
		else
			cli_error("%s: %s; skipped", path, err.msg);
		r->errors++;
		return true;
	}
	if (st != RASD_OK) {
		cli_db_error(&err);
		rasd_db_rollback(r->db);
		r->in_tx = false;
		memset(&r->tx, 0, sizeof(r->tx));
		r->failed = true;
		return false;
	}
	r->pending++;
	if ((size_t)r->pending >= r->batch)
		return commit(r);
	return true;
}

/*
 * Whether the slot's id was read before in this run: 0 no (now recorded),
 * 1 with the same content (a warning: skipped as unchanged), 2 with other
 * content (an error: skipped), -1 out of memory (the run fails). Messages
 * go to log, or straight out when it is NULL.
 */
static int repeated(struct run *r, struct slot *s, const char *path, struct rasd_buf *log)
{
	bool oom = false;
	const struct seen_id *first = id_seen(&r->ids, s->art.id, path, s->line, s->hash, &oom);

	if (oom) {
		cli_log_error(log, "out of memory");
		r->failed = true;
		return -1;
	}
	if (!first)
		return 0;
	if (strcmp(first->hash, s->hash) == 0) {
		cli_log_warn(log, "%s:%ld: id '%s' again, with the same content as %s:%ld; skipped",
			     path, s->line, s->art.id, first->path, first->line);
		return 1;
	}
	cli_log_error(log,
		      "%s:%ld: id '%s' again, with other content than %s:%ld; skipped (give "
		      "each article its own id)",
		      path, s->line, s->art.id, first->path, first->line);
	r->errors++;
	return 2;
}

/* Read, code and store one input; false on a database failure. */
static bool ingest_input(struct run *r, const struct cli_common *o, const char *path,
			 struct pool *p, size_t nslots, unsigned jobs)
{
	struct cli_reader rd;
	struct rasd_error err;
	bool more = true;

	if (!cli_reader_open(&rd, o, path, &p->slots[0].in)) {
		r->errors++;
		return true;
	}
	r->reader = &rd;
	/* Messages are printed with the slot they belong to, so they come out
	 * in input order whatever the number of threads. */
	while (more && !r->failed) {
		size_t n = 0, j;
		int k;
		for (j = 0; j < nslots; j++)
			rasd_buf_reset(&p->slots[j].log);
		while (n < nslots) {
			struct slot *s = &p->slots[n];
			enum rasd_article_state state;
			int got;

			rd.arena = &s->in;
			rd.log = &s->log;
			got = cli_reader_next(&rd, &s->art);
			if (got == 0) {
				more = false;
				break;
			}
			if (got < 0) {
				if (s->log.n > CLI_LOG_FLUSH_BYTES)
					break; /* a run of bad lines: report it now */
				continue;
			}
			r->read++;
			s->line = rd.line;
			s->jsonl = rd.jsonl;
			s->id_synthetic = rd.jsonl && rd.id_synthetic;
			rasd_db_hash_article(&s->art, s->hash);
			name_by_content(s);
			rasd_error_clear(&err);
			if (rasd_db_article_state(r->db, s->art.id, s->hash, &state, &err) != RASD_OK) {
				for (j = 0; j <= n; j++) /* the bad lines read so far */
					cli_log_flush(&p->slots[j].log);
				cli_db_error(&err);
				r->failed = true;
				more = false;
				break;
			}
			if (state == RASD_ARTICLE_SAME) {
				/* nothing to code */
				if (repeated(r, s, rd.path, &s->log) < 0) {
					more = false;
					break;
				}
				r->tx.articles_same++;
				continue;
			}
			n++;
		}
		if (r->failed)
			break;
		p->count = n;
		run_pool(p, jobs);
		for (j = 0; j < n && !r->failed; j++) {
			struct slot *s = &p->slots[j];
			cli_log_flush(&s->log);
			if (s->failed) {
				if (s->jsonl)
					cli_error("%s:%ld: %s (id %s); skipped", rd.path, s->line, s->err,
						  s->art.id);
				else
					cli_error("%s: %s; skipped", rd.path, s->err);
				r->errors++;
				continue;
			}
			k = repeated(r, s, rd.path, NULL);
			if (k != 0) {
				r->tx.articles_same += k == 1;
				continue;
			}
			store(r, s, rd.path);
		}
		if (!r->failed && n < nslots)
			cli_log_flush(&p->slots[n].log); /* what was read after the last article */
		progress(r, false);
	}
	r->errors += rd.errors;
	r->reader = NULL;
	{
		struct stat sb;
		if (strcmp(path, "-") != 0 && stat(path, &sb) == 0)
			r->done_bytes += (long long)sb.st_size;
	}
	cli_reader_close(&rd);
	return !r->failed;
}

static int parse_args(int argc, char **argv, struct cli_common *o, const char **db_path,
		      const char **inputs, size_t *ninputs, size_t *batch, unsigned *jobs,
		      double *lock_timeout, struct rasd_extract_options *xo,
		      struct cli_model_opt *mo)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int r = cli_common_option(o, argc, argv, &i);

		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		r = cli_model_option(mo, argc, argv, &i);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			return 0;
		} else if (strcmp(argv[i], "--db") == 0 && v) {
			*db_path = argv[++i];
		} else if (strcmp(argv[i], "--batch") == 0 && v) {
			long n;
			if (!cli_parse_long("--batch", argv[++i], 1, 1000000, &n))
				return 2;
			*batch = (size_t)n;
		} else if (strcmp(argv[i], "--jobs") == 0 && v) {
			long n;
			if (!cli_parse_long("--jobs", argv[++i], 1, 64, &n))
				return 2;
			*jobs = (unsigned)n;
		} else if (strcmp(argv[i], "--lock-timeout") == 0 && v) {
			if (!cli_parse_real("--lock-timeout", argv[++i], 0, 86400, lock_timeout))
				return 2;
		} else if (strcmp(argv[i], "--min-confidence") == 0 && v) {
			if (!cli_parse_real("--min-confidence", argv[++i], 0, 1, &xo->min_confidence))
				return 2;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_error("ingest: unknown option or missing value '%s'", argv[i]);
			help(stderr);
			return 2;
		} else {
			if (*ninputs == 256) {
				cli_error("ingest: too many inputs (at most 256; use a JSONL file)");
				return 2;
			}
			inputs[(*ninputs)++] = argv[i];
		}
	}
	if (!*db_path) {
		cli_error("ingest: no database (give --db FILE)");
		help(stderr);
		return 2;
	}
	if (*ninputs == 0) {
		cli_error("ingest: no input (give files, or - for standard input)");
		help(stderr);
		return 2;
	}
	return -1;
}

int cmd_ingest(int argc, char **argv)
{
	struct cli_common o;
	struct rasd_extract_options xo = {0, 0, NULL, NULL};
	const char *db_path = NULL, *inputs[256];
	size_t ninputs = 0, batch = DEFAULT_BATCH, nslots, k;
	unsigned jobs = 1;
	double lock_timeout = 10;
	struct rasd_lexicon *lex = NULL;
	struct slot *slots = NULL;
	struct pool pool;
	struct cli_model_opt mo = {NULL, false};
	struct rasd_model *model = NULL;
	bool model_failed;
	struct run r;
	struct rasd_buf names;
	struct rasd_error err;
	long run_id = 0;
	int rc;

	cli_common_init(&o);
	rc = parse_args(argc, argv, &o, &db_path, inputs, &ninputs, &batch, &jobs, &lock_timeout,
			&xo, &mo);
	if (rc >= 0)
		return rc;
	xo.max_article_bytes = o.max_article_bytes;
	memset(&r, 0, sizeof(r));
	r.batch = batch;
	r.progress = !o.quiet && isatty(STDERR_FILENO);
	rasd_buf_init(&names, 4000);
	rc = 1;
	lex = cli_load_lexicon(&o);
	if (!lex)
		goto out;
	model = cli_load_model(&o, &mo, &model_failed);
	if (model_failed) {
		rc = mo.none && mo.path ? 2 : 1;
		goto out;
	}
	r.db = cli_open_db(db_path, true, (int)(lock_timeout * 1000));
	if (!r.db)
		goto out;
	for (k = 0; k < ninputs; k++)
		if ((k && rasd_buf_putc(&names, ' ') != RASD_OK) ||
		    rasd_buf_puts(&names, inputs[k]) != RASD_OK)
			break; /* the record of inputs is cut at 4000 bytes */
	rasd_error_clear(&err);
	if (rasd_db_run_begin(r.db, names.p, &run_id, &err) != RASD_OK) {
		cli_db_error(&err);
		goto out;
	}
	nslots = 32 * (size_t)jobs;
	slots = calloc(nslots, sizeof(*slots));
	if (!slots) {
		cli_error("out of memory");
		goto out;
	}
	for (k = 0; k < nslots; k++) {
		rasd_arena_init(&slots[k].in, 0);
		rasd_arena_init(&slots[k].work, 0);
		rasd_buf_init(&slots[k].log, 0);
	}
	pool.lex = lex;
	pool.xo = &xo;
	pool.model = model;
	pool.slots = slots;
	for (k = 0; k < ninputs; k++) {
		struct stat sb;
		if (strcmp(inputs[k], "-") == 0 || stat(inputs[k], &sb) != 0 || !S_ISREG(sb.st_mode)) {
			r.total_bytes = 0; /* standard input, a pipe: no total */
			break;
		}
		r.total_bytes += (double)sb.st_size;
	}
	r.start = r.last_progress = now();
	for (k = 0; k < ninputs && !r.failed; k++)
		ingest_input(&r, &o, inputs[k], &pool, nslots, jobs);
	if (!r.failed)
		commit(&r);
	if (r.progress) {
		progress(&r, true);
		cli_progress_end();
	}
	if (!r.failed) {
		/* the English names the view event_full reads: rewritten when
		 * articles came in (the lexicon may have changed), else only when
		 * missing */
		struct rasd_acled *acled = cli_load_acled(&o, lex);
		bool wrote = r.counts.articles_new || r.counts.articles_updated;
		rasd_error_clear(&err);
		if (!acled) {
			r.failed = true;
		} else if (rasd_db_put_place_names(r.db, lex, acled, !wrote, &err) != RASD_OK) {
			cli_db_error(&err);
			r.failed = true;
		}
		rasd_acled_free(acled);
	}
	if (!r.failed) {
		rasd_error_clear(&err);
		if (rasd_db_run_end(r.db, run_id, &r.counts, r.errors, &err) != RASD_OK) {
			cli_db_error(&err);
			r.failed = true;
		}
	}
	if (!o.quiet)
		fprintf(stderr,
			"rasd: %ld %s read: %ld new, %ld updated, %ld unchanged; "
			"%ld %s new, %ld %s merged into known events, %ld removed; "
			"%ld %s%s\n",
			r.read, cli_plural(r.read, "article", "articles"), r.counts.articles_new,
			r.counts.articles_updated, r.counts.articles_same, r.counts.events_new,
			cli_plural(r.counts.events_new, "event", "events"), r.counts.events_merged,
			cli_plural(r.counts.events_merged, "report", "reports"),
			r.counts.events_removed, r.errors, cli_plural(r.errors, "error", "errors"),
			r.failed ? "; stopped: the last batch was not stored" : "");
	rc = r.failed || r.errors ? 1 : 0;
out:
	if (slots) {
		for (k = 0; k < nslots; k++) {
			rasd_arena_release(&slots[k].in);
			rasd_arena_release(&slots[k].work);
			rasd_buf_release(&slots[k].log);
		}
		free(slots);
	}
	rasd_buf_release(&names);
	id_table_release(&r.ids);
	rasd_db_free(r.db);
	rasd_model_free(model);
	rasd_lexicon_free(lex);
	return rc;
}
