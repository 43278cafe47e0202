/*
 * cmd_watch.c - `rasd watch`: follow news feeds and keep the events
 * database current. Each cycle reads the feeds file, asks every feed for
 * what is new (conditionally: ETag, Last-Modified), records new items,
 * then fetches each item's page (kept compressed), takes the article out
 * of it, codes its events and stores them, one committed step at a time,
 * so a watch killed at any moment resumes where it stopped and never
 * fetches a stored page again. Errors are one line naming the feed or
 * URL; a terminal also gets one line per cycle. `--status` shows each
 * feed's state. Tables and politeness: docs/watch.md.
 */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void help(FILE *f)
{
	fputs("usage: rasd watch --db FILE --feeds FILE [--interval 15m] [--once] [options]\n"
	      "       rasd watch --db FILE --status\n"
	      "\n"
	      "Follows the feeds listed in the feeds file (one per line: URL, then an optional\n"
	      "name and a two-letter country code; # starts a comment; docs/watch.md), fetches\n"
	      "each new item's page, codes its events and stores them in FILE. Feeds are asked\n"
	      "with If-None-Match / If-Modified-Since; an article listed by several feeds is\n"
	      "stored once. Killed at any moment, a watch run again loses nothing and fetches\n"
	      "no stored page twice.\n"
	      "\n"
	      "options:\n"
	      "  --db FILE                 the events database (created when missing)\n"
	      "  --feeds FILE              the feeds to follow (read again every cycle)\n"
	      "  --interval N[s|m|h]       time between cycles (default 15m)\n"
	      "  --once                    one cycle, then exit (for cron); exit 1 on any error\n"
	      "  --status                  each feed's last fetch, HTTP status, items and errors\n"
	      "  --max-attempts N          tries of a page that keeps failing (default 3)\n"
	      "  --min-confidence X        keep events of confidence X or more (0-1)\n"
	      "  --model FILE              apply a learned model as rasd extract does ('default'\n"
	      "                            is data/model.txt)\n"
	      "  --no-model                rules alone (the default)\n"
	      "  --lock-timeout SECONDS    wait for another writer (default 10)\n"
	      "  --data DIR                lexicon directory (default: the bundled data/)\n"
	      "  --places FILE             extra places, same format as data/places.tsv\n"
	      "  -q, --quiet               no line per cycle on a terminal\n"
	      "\n",
	      f);
	cli_fetch_help(f);
}

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

struct watch {
	struct rasd_db *db;
	struct rasd_fetcher *fetcher;
	const struct rasd_lexicon *lex;
	struct rasd_extract_options xo;
	const struct rasd_model *model; /* NULL: rules alone */
	const char *feeds_path;
	int max_attempts;
	bool tty;
	struct rasd_arena arena; /* one cycle's feeds and items */
	struct rasd_arena page;  /* one page: its article */
	struct rasd_arena work;  /* one page: its extraction */
	/* this cycle */
	long feeds, not_modified, new_items, stored, events, errors;
	struct rasd_ingest_counts counts;
	bool db_failed;
};

/* ------------------------------------------------------------ the feeds file */

struct feed_line {
	const char *url, *name, *country;
	long line;
};

static bool is_country(const char *s, size_t n)
{
	return n == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* Read the feeds file into lines (arena strings); bad lines are reported. */
static bool read_feeds(struct watch *w, struct feed_line **out, size_t *n)
{
	FILE *f = fopen(w->feeds_path, "r");
	char buf[8192];
	size_t cap = 0;
	long line = 0;

	*out = NULL;
	*n = 0;
	if (!f) {
		cli_error("cannot open '%s': %s", w->feeds_path, strerror(errno));
		w->errors++;
		return false;
	}
	while (fgets(buf, sizeof(buf), f)) {
		char *p = buf, *e, *url_end, *rest;
		struct feed_line *fl;
		size_t len = strlen(buf);

		line++;
		if (len == sizeof(buf) - 1 && buf[len - 1] != '\n') {
			int c;
			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			cli_error("%s:%ld: line too long; skipped", w->feeds_path, line);
			w->errors++;
			continue;
		}
		/* a comment: # at the start or after white space */
		for (e = p; *e; e++)
			if (*e == '#' && (e == p || e[-1] == ' ' || e[-1] == '\t')) {
				*e = '\0';
				break;
			}
		while (*p == ' ' || *p == '\t')
			p++;
		e = p + strlen(p);
		while (e > p && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (!*p)
			continue;
		for (url_end = p; *url_end && *url_end != ' ' && *url_end != '\t'; url_end++)
			;
		rest = *url_end ? url_end + 1 : url_end;
		*url_end = '\0';
		if (strncmp(p, "http://", 7) != 0 && strncmp(p, "https://", 8) != 0) {
			cli_error("%s:%ld: '%.200s' is not an http(s) URL; skipped", w->feeds_path,
				  line, p);
			w->errors++;
			continue;
		}
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct feed_line *nl = rasd_arena_calloc(&w->arena, ncap, sizeof(*nl));
			if (!nl)
				break;
			if (*n)
				memcpy(nl, *out, *n * sizeof(*nl));
			*out = nl;
			cap = ncap;
		}
		fl = &(*out)[(*n)++];
		memset(fl, 0, sizeof(*fl));
		fl->line = line;
		fl->url = rasd_arena_strndup(&w->arena, p, strlen(p));
		while (*rest == ' ' || *rest == '\t')
			rest++;
		e = rest + strlen(rest);
		/* the last word, when it is a country code */
		{
			char *last = e;
			while (last > rest && last[-1] != ' ' && last[-1] != '\t')
				last--;
			if (is_country(last, (size_t)(e - last))) {
				fl->country = rasd_arena_strndup(&w->arena, last, 2);
				e = last;
				while (e > rest && (e[-1] == ' ' || e[-1] == '\t'))
					e--;
			}
		}
		if (e > rest)
			fl->name = rasd_arena_strndup(&w->arena, rest, (size_t)(e - rest));
	}
	fclose(f);
	return true;
}

/* ------------------------------------------------------------ database steps */

static bool db_ok(struct watch *w, enum rasd_status st, const struct rasd_error *err)
{
	if (st == RASD_OK)
		return true;
	cli_db_error(err);
	rasd_db_rollback(w->db);
	w->db_failed = true;
	return false;
}

static bool begin(struct watch *w)
{
	struct rasd_error err;
	rasd_error_clear(&err);
	return db_ok(w, rasd_db_begin(w->db, &err), &err);
}

static bool commit(struct watch *w)
{
	struct rasd_error err;
	rasd_error_clear(&err);
	return db_ok(w, rasd_db_commit(w->db, &err), &err);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void log_fetch(struct watch *w, const char *url, long long feed_id, long long item_id,
		      const struct rasd_fetch_result *res, double t0, const char *error)
{
	struct rasd_watch_fetch lf;
	struct rasd_error err;

	lf.url = url;
	lf.feed_id = feed_id;
	lf.item_id = item_id;
	lf.status = res->status;
	lf.bytes = res->body.n;
	lf.ms = (long)(now_ms() - t0);
	lf.attempts = res->attempts;
	lf.error = error;
	rasd_error_clear(&err);
	if (begin(w))
		if (db_ok(w, rasd_watch_log(w->db, &lf, &err), &err))
			commit(w);
}

/* ------------------------------------------------------------ one feed */

static void poll_feed(struct watch *w, const struct feed_line *fl)
{
	struct rasd_watch_feed state;
	struct rasd_fetch_result res;
	struct rasd_error err;
	struct rasd_feed feed;
	struct rasd_arena fa;
	const char **canon = NULL;
	double t0;
	long fresh = 0;
	size_t i;
	enum rasd_status st;

	rasd_fetch_result_init(&res);
	rasd_arena_init(&fa, 0);
	rasd_error_clear(&err);
	w->feeds++;
	if (!begin(w))
		goto out;
	if (!db_ok(w, rasd_watch_feed_add(w->db, fl->url, fl->name, fl->country, &fa, &state, &err),
		   &err) ||
	    !commit(w))
		goto out;
	t0 = now_ms();
	st = rasd_fetch_get(w->fetcher, fl->url, state.etag, state.last_modified, &res, &err);
	if (st != RASD_OK) {
		struct rasd_error e2;
		char msg[320];
		snprintf(msg, sizeof(msg), "%s", err.msg);
		cli_error("feed %s: %s", fl->url, msg);
		w->errors++;
		log_fetch(w, fl->url, state.id, 0, &res, t0, msg);
		rasd_error_clear(&e2);
		if (begin(w) && db_ok(w, rasd_watch_feed_error(w->db, state.id, res.status, msg, &e2),
				      &e2))
			commit(w);
		goto out;
	}
	log_fetch(w, fl->url, state.id, 0, &res, t0, NULL);
	if (res.status == 304) {
		w->not_modified++;
		if (begin(w) && db_ok(w, rasd_watch_feed_seen(w->db, state.id, 304, NULL, NULL, NULL,
							      NULL, 0, &fresh, &err),
				      &err))
			commit(w);
		goto out;
	}
	rasd_error_clear(&err);
	st = rasd_feed_parse(&fa, res.body.p, res.body.n, res.url, &feed, &err);
	if (st != RASD_OK) {
		struct rasd_error e2;
		char msg[320];
		snprintf(msg, sizeof(msg), "%s", err.msg);
		cli_error("feed %s: %s", fl->url, msg);
		w->errors++;
		rasd_error_clear(&e2);
		if (begin(w) && db_ok(w, rasd_watch_feed_error(w->db, state.id, res.status, msg, &e2),
				      &e2))
			commit(w);
		goto out;
	}
	if (feed.recovered)
		cli_warn("feed %s: %s; %zu item(s) read anyway", fl->url, err.msg, feed.nitems);
	canon = rasd_arena_calloc(&fa, feed.nitems + 1, sizeof(*canon));
	if (!canon) {
		cli_error("feed %s: out of memory", fl->url);
		w->errors++;
		goto out;
	}
	for (i = 0; i < feed.nitems; i++) {
		struct rasd_buf b;
		rasd_buf_init(&b, 8192);
		if (rasd_url_canonical(&b, feed.items[i].link) == RASD_OK)
			canon[i] = rasd_arena_strndup(&fa, b.p, b.n);
		rasd_buf_release(&b);
	}
	/* the items and the validators in one step: a feed is never marked
	 * seen without its items */
	rasd_error_clear(&err);
	if (begin(w) &&
	    db_ok(w, rasd_watch_feed_seen(w->db, state.id, res.status, res.etag, res.last_modified,
					  feed.items, canon, feed.nitems, &fresh, &err),
		  &err) &&
	    commit(w))
		w->new_items += fresh;
out:
	rasd_arena_release(&fa);
	rasd_fetch_result_release(&res);
}

/* ------------------------------------------------------------ one item */

static void item_failed(struct watch *w, const struct rasd_watch_item *it, const char *state,
			const char *msg)
{
	struct rasd_error err;
	cli_error("%s: %s", it->link, msg);
	w->errors++;
	rasd_error_clear(&err);
	if (begin(w) && db_ok(w, rasd_watch_item_set(w->db, it->id, state, NULL, msg, &err), &err))
		commit(w);
}

static void do_item(struct watch *w, const struct rasd_watch_item *it)
{
	struct rasd_fetch_result res;
	struct rasd_error err;
	struct rasd_article art;
	struct rasd_web_page page;
	struct rasd_feed_item fi;
	struct rasd_event *events = NULL;
	size_t nevents = 0, k, kept = 0;
	const char *url = it->link, *ctype = NULL;
	char hash[RASD_DB_HASH_HEX];
	enum rasd_status st;

	rasd_fetch_result_init(&res);
	rasd_arena_reset(&w->page);
	rasd_arena_reset(&w->work);
	rasd_error_clear(&err);
	if (it->fetched) {
		/* stopped after keeping the page: code it from what was kept */
		st = rasd_watch_page_get(w->db, it->id, &res.body, &w->page, &url, &ctype, &err);
		if (st != RASD_OK) {
			if (st == RASD_EDB || st == RASD_ENOMEM) {
				db_ok(w, st, &err);
				goto out;
			}
			item_failed(w, it, "failed", err.msg);
			goto out;
		}
	} else {
		double t0 = now_ms();
		st = rasd_fetch_get(w->fetcher, it->link, NULL, NULL, &res, &err);
		if (st != RASD_OK) {
			char msg[320];
			snprintf(msg, sizeof(msg), "%s", err.msg);
			log_fetch(w, it->link, it->feed_id, it->id, &res, t0, msg);
			item_failed(w, it, res.permanent ? "gone" : "failed", msg);
			goto out;
		}
		log_fetch(w, it->link, it->feed_id, it->id, &res, t0, NULL);
		url = res.url;
		ctype = res.content_type[0] ? res.content_type : NULL;
		rasd_error_clear(&err);
		if (!begin(w) ||
		    !db_ok(w, rasd_watch_page_put(w->db, it->id, url, res.status, ctype, res.body.p,
						  res.body.n, &err),
			   &err) ||
		    !commit(w))
			goto out;
	}
	memset(&fi, 0, sizeof(fi));
	fi.title = it->title;
	fi.published = it->published;
	rasd_error_clear(&err);
	st = cli_page_article(&w->page, res.body.p, res.body.n, ctype, url, it->url, &fi, &art,
			      &page, &err);
	if (st != RASD_OK) {
		item_failed(w, it, st == RASD_ENOMEM ? "failed" : "gone", err.msg);
		goto out;
	}
	if (page.charset.mislabelled)
		cli_warn("%s: labelled charset '%s' but read as %s", it->link,
			 page.charset.label[0] ? page.charset.label : "(none)", page.charset.name);
	if (it->feed_name)
		art.source = it->feed_name; /* the name the analyst gave the outlet */
	rasd_error_clear(&err);
	{
		struct rasd_extract_options xo = w->xo;
		struct rasd_trace trace;
		if (w->model) {
			/* the rules' names are the model's features */
			memset(&trace, 0, sizeof(trace));
			xo.trace = &trace;
		}
		if (rasd_extract(w->lex, &art, &xo, &w->work, &events, &nevents, &err) != RASD_OK) {
			item_failed(w, it, "gone", err.msg);
			goto out;
		}
	}
	if (w->model) {
		if (rasd_model_apply(w->model, &art, events, nevents, &w->work) != RASD_OK) {
			item_failed(w, it, "failed", "out of memory");
			goto out;
		}
		nevents = rasd_model_keep(w->model, events, nevents);
	}
	for (k = 0; k < nevents; k++)
		if (events[k].confidence >= w->xo.min_confidence)
			events[kept++] = events[k];
	rasd_db_hash_article(&art, hash);
	/* the article, its events and the item's new state in one step */
	rasd_error_clear(&err);
	if (begin(w) &&
	    db_ok(w, rasd_db_put(w->db, &art, hash, events, kept, &w->counts, &err), &err) &&
	    db_ok(w, rasd_watch_item_set(w->db, it->id, "stored", art.id, NULL, &err), &err) &&
	    commit(w)) {
		w->stored++;
		w->events += (long)kept;
	}
out:
	rasd_fetch_result_release(&res);
}

/* ------------------------------------------------------------ cycles */

static bool cycle(struct watch *w)
{
	struct feed_line *lines;
	struct rasd_watch_item *items;
	struct rasd_error err;
	size_t n, i;
	long run_id = 0;

	w->feeds = w->not_modified = w->new_items = w->stored = w->events = w->errors = 0;
	memset(&w->counts, 0, sizeof(w->counts));
	rasd_arena_reset(&w->arena);
	rasd_error_clear(&err);
	if (!db_ok(w, rasd_db_run_begin(w->db, w->feeds_path, &run_id, &err), &err))
		return false;
	if (read_feeds(w, &lines, &n))
		for (i = 0; i < n && !stop_requested && !w->db_failed; i++)
			poll_feed(w, &lines[i]);
	rasd_error_clear(&err);
	if (!w->db_failed && !stop_requested &&
	    db_ok(w, rasd_watch_items_due(w->db, w->max_attempts, &w->arena, &items, &n, &err),
		  &err))
		for (i = 0; i < n && !stop_requested && !w->db_failed; i++)
			do_item(w, &items[i]);
	if (w->db_failed)
		return false;
	rasd_error_clear(&err);
	if (!db_ok(w, rasd_db_run_end(w->db, run_id, &w->counts, w->errors, &err), &err))
		return false;
	if (begin(w) && db_ok(w, rasd_watch_log_prune(w->db, &err), &err))
		commit(w);
	if (w->tty)
		fprintf(stderr,
			"rasd: watch: %ld feed(s) (%ld not modified), %ld new item(s), %ld "
			"article(s) stored, %ld event(s), %ld error(s)\n",
			w->feeds, w->not_modified, w->new_items, w->stored, w->events, w->errors);
	return !w->db_failed;
}

static bool parse_interval(const char *v, long *sec)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v || !(x > 0))
		return false;
	if (*end == 'm')
		x *= 60, end++;
	else if (*end == 'h')
		x *= 3600, end++;
	else if (*end == 's')
		end++;
	if (*end || x < 1 || x > 7 * 86400)
		return false;
	*sec = (long)x;
	return true;
}

/* ------------------------------------------------------------ --status */

static int show_status(struct rasd_db *db)
{
	struct rasd_arena a;
	struct rasd_watch_feed *feeds;
	struct rasd_watch_counts c;
	struct rasd_error err;
	struct rasd_buf b;
	size_t n, i;
	int rc = 1;

	rasd_arena_init(&a, 0);
	rasd_buf_init(&b, 0);
	rasd_error_clear(&err);
	if (rasd_watch_prepare(db, &err) != RASD_OK ||
	    rasd_watch_feed_list(db, &a, &feeds, &n, &err) != RASD_OK ||
	    rasd_watch_counts(db, &c, &err) != RASD_OK) {
		cli_db_error(&err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct rasd_watch_feed *f = &feeds[i];
		rasd_buf_reset(&b);
		if (rasd_buf_printf(&b, "%s  last %s  HTTP %ld  %ld item(s)  %ld error(s)  %s%s%s%s%s\n",
				    f->url, f->last_fetch ? f->last_fetch : "never",
				    f->last_status, f->items, f->errors, f->name ? f->name : "",
				    f->country ? " " : "", f->country ? f->country : "",
				    f->last_error ? "  last error: " : "",
				    f->last_error ? f->last_error : "") != RASD_OK)
			goto out;
		if (!cli_write(&b))
			goto out;
	}
	rasd_buf_reset(&b);
	if (rasd_buf_printf(&b,
			    "items: %ld stored, %ld pending, %ld fetched (to code), %ld failed "
			    "(retried up to --max-attempts), %ld gone\n",
			    c.stored, c.pending, c.fetched, c.failed, c.gone) != RASD_OK ||
	    !cli_write(&b))
		goto out;
	rc = cli_flush() ? 0 : 1;
out:
	rasd_buf_release(&b);
	rasd_arena_release(&a);
	return rc;
}

int cmd_watch(int argc, char **argv)
{
	struct cli_common o;
	struct rasd_fetch_options fo;
	struct watch w;
	struct rasd_lexicon *lex = NULL;
	struct cli_model_opt mo = {NULL, false};
	struct rasd_model *model = NULL;
	bool model_failed;
	struct rasd_error err;
	const char *db_path = NULL;
	bool once = false, status = false;
	long interval = 15 * 60;
	double lock_timeout = 10;
	int i, rc = 1;

	cli_common_init(&o);
	rasd_fetch_options_init(&fo);
	memset(&w, 0, sizeof(w));
	w.max_attempts = 3;
	for (i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end;
		int k = cli_common_option(&o, argc, argv, &i);
		if (k < 0)
			return 2;
		if (k > 0)
			continue;
		k = cli_fetch_option(&fo, argc, argv, &i);
		if (k < 0)
			return 2;
		if (k > 0)
			continue;
		k = cli_model_option(&mo, argc, argv, &i);
		if (k < 0)
			return 2;
		if (k > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			return 0;
		} else if (strcmp(argv[i], "--db") == 0 && v) {
			db_path = argv[++i];
		} else if (strcmp(argv[i], "--feeds") == 0 && v) {
			w.feeds_path = argv[++i];
		} else if (strcmp(argv[i], "--interval") == 0 && v) {
			i++;
			if (!parse_interval(v, &interval)) {
				cli_error("--interval: '%s' is not a time like 90s, 15m or 1h", v);
				return 2;
			}
		} else if (strcmp(argv[i], "--once") == 0) {
			once = true;
		} else if (strcmp(argv[i], "--status") == 0) {
			status = true;
		} else if (strcmp(argv[i], "--max-attempts") == 0 && v) {
			long n = strtol(v, &end, 10);
			i++;
			if (end == v || *end || n < 1 || n > 100) {
				cli_error("--max-attempts: '%s' is not a number in 1..100", v);
				return 2;
			}
			w.max_attempts = (int)n;
		} else if (strcmp(argv[i], "--min-confidence") == 0 && v) {
			w.xo.min_confidence = strtod(v, &end);
			i++;
			if (end == v || *end || w.xo.min_confidence < 0 || w.xo.min_confidence > 1) {
				cli_error("--min-confidence: '%s' is not a number in 0..1", v);
				return 2;
			}
		} else if (strcmp(argv[i], "--lock-timeout") == 0 && v) {
			lock_timeout = strtod(v, &end);
			i++;
			if (end == v || *end || !(lock_timeout >= 0) || lock_timeout > 86400) {
				cli_error("--lock-timeout: '%s' is not a number of seconds", v);
				return 2;
			}
		} else {
			cli_error("watch: unknown option or missing value '%s'", argv[i]);
			help(stderr);
			return 2;
		}
	}
	if (!db_path) {
		cli_error("watch: no database (give --db FILE)");
		help(stderr);
		return 2;
	}
	if (status) {
		w.db = cli_open_db(db_path, false, (int)(lock_timeout * 1000));
		if (!w.db)
			return 1;
		rc = show_status(w.db);
		rasd_db_free(w.db);
		return rc;
	}
	if (!w.feeds_path) {
		cli_error("watch: no feeds (give --feeds FILE)");
		help(stderr);
		return 2;
	}
	w.xo.max_article_bytes = o.max_article_bytes;
	w.tty = !o.quiet && isatty(STDERR_FILENO);
	rasd_arena_init(&w.arena, 0);
	rasd_arena_init(&w.page, 0);
	rasd_arena_init(&w.work, 0);
	lex = cli_load_lexicon(&o);
	if (!lex)
		goto out;
	w.lex = lex;
	model = cli_load_model(&o, &mo, &model_failed);
	if (model_failed) {
		rc = mo.none && mo.path ? 2 : 1;
		goto out;
	}
	w.model = model;
	w.db = cli_open_db(db_path, true, (int)(lock_timeout * 1000));
	if (!w.db)
		goto out;
	rasd_error_clear(&err);
	if (rasd_watch_prepare(w.db, &err) != RASD_OK) {
		cli_db_error(&err);
		goto out;
	}
	if (rasd_fetcher_new(&fo, &w.fetcher, &err) != RASD_OK) {
		cli_error("%s", err.msg);
		goto out;
	}
	signal(SIGINT, on_stop);
	signal(SIGTERM, on_stop);
	for (;;) {
		double t0 = now_ms();
		if (!cycle(&w)) {
			rc = 1;
			break;
		}
		if (once || stop_requested) {
			rc = w.errors ? 1 : 0;
			break;
		}
		/* sleep to the next cycle; a signal ends the wait */
		while (!stop_requested && now_ms() - t0 < (double)interval * 1000.0)
			usleep(200000);
		if (stop_requested) {
			rc = 0;
			break;
		}
	}
out:
	rasd_fetcher_free(w.fetcher);
	rasd_db_free(w.db);
	rasd_model_free(model);
	rasd_lexicon_free(lex);
	rasd_arena_release(&w.arena);
	rasd_arena_release(&w.page);
	rasd_arena_release(&w.work);
	return rc;
}
