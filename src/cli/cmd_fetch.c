/*
 * cmd_fetch.c - `rasd fetch URL|FILE...`: web pages to rasd's article
 * JSONL (id, title, text, published, source, url), ready for `rasd
 * extract` or `rasd ingest`. A URL whose body is a feed stands for its
 * items: each item's page is fetched in turn. Saved pages and feeds are
 * read from files the same way. Each failure is one line naming the URL
 * or file; the others are still fetched, and the exit code is then 1.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
	fputs("usage: rasd fetch [options] URL|FILE...\n"
	      "\n"
	      "Fetches news pages (http, https) or reads saved ones and prints each article\n"
	      "as one JSON line: id (the canonical URL, or the file name), title, text,\n"
	      "published, source, url. A feed (RSS 2.0, Atom, RSS 1.0) stands for its\n"
	      "items, whose pages are fetched. Pipe the output into rasd extract - or\n"
	      "rasd ingest --db FILE -.\n"
	      "\n",
	      f);
	fputs("options:\n"
	      "  -q, --quiet               no summary on stderr\n"
	      "\n",
	      f);
	cli_fetch_help(f);
}

struct fetch_run {
	struct rasd_fetcher *fetcher;
	struct rasd_arena arena;
	struct rasd_buf out;
	long articles, errors;
};

static bool is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static void print_article(struct fetch_run *r, const struct rasd_article *art)
{
	rasd_buf_reset(&r->out);
	if (cli_article_json(&r->out, art) != RASD_OK) {
		cli_error("%s: article too large to write", art->id);
		r->errors++;
		return;
	}
	if (cli_write(&r->out))
		r->articles++;
	else
		r->errors++;
}

/* A page's body (fetched or read) to one line of output. */
static void emit_page(struct fetch_run *r, const char *where, const char *body, size_t n,
		      const char *content_type, const char *url, const char *id,
		      const struct rasd_feed_item *item)
{
	struct rasd_article art;
	struct rasd_web_page page;
	struct rasd_error err;

	rasd_error_clear(&err);
	if (cli_page_article(&r->arena, body, n, content_type, url, id, item, &art, &page, &err) !=
	    RASD_OK) {
		cli_error("%s: %s", where, err.msg);
		r->errors++;
		return;
	}
	if (page.charset.mislabelled)
		cli_warn("%s: labelled charset '%s' but read as %s", where,
			 page.charset.label[0] ? page.charset.label : "(none)", page.charset.name);
	print_article(r, &art);
}

static bool canonical_id(struct rasd_buf *b, const char *url)
{
	rasd_buf_reset(b);
	return rasd_url_canonical(b, url) == RASD_OK;
}

static void fetch_page(struct fetch_run *r, const char *url, const struct rasd_feed_item *item);

/* A feed's items, each page fetched. */
static void emit_feed(struct fetch_run *r, const char *where, const char *body, size_t n,
		      const char *base)
{
	struct rasd_feed feed;
	struct rasd_error err;
	struct rasd_arena fa;
	size_t i;

	rasd_arena_init(&fa, 0);
	rasd_error_clear(&err);
	if (rasd_feed_parse(&fa, body, n, base, &feed, &err) != RASD_OK) {
		cli_error("%s: %s", where, err.msg);
		r->errors++;
		goto out;
	}
	if (feed.recovered)
		cli_warn("%s: %s; %zu item(s) read anyway", where, err.msg, feed.nitems);
	for (i = 0; i < feed.nitems; i++)
		fetch_page(r, feed.items[i].link, &feed.items[i]);
out:
	rasd_arena_release(&fa);
}

static void fetch_page(struct fetch_run *r, const char *url, const struct rasd_feed_item *item)
{
	struct rasd_fetch_result res;
	struct rasd_error err;
	struct rasd_buf id;

	rasd_fetch_result_init(&res);
	rasd_buf_init(&id, 0);
	rasd_arena_reset(&r->arena);
	if (!canonical_id(&id, url)) {
		cli_error("%s: not an http(s) URL", url);
		r->errors++;
		goto out;
	}
	rasd_error_clear(&err);
	if (rasd_fetch_get(r->fetcher, url, NULL, NULL, &res, &err) != RASD_OK) {
		if (res.status)
			cli_error("%s: %s", url, err.msg);
		else
			cli_error("%s: %s", url, err.msg);
		r->errors++;
		goto out;
	}
	if (!item && cli_looks_like_feed(res.content_type, res.body.p, res.body.n))
		emit_feed(r, url, res.body.p, res.body.n, res.url);
	else
		emit_page(r, url, res.body.p, res.body.n, res.content_type, res.url, id.p, item);
out:
	rasd_buf_release(&id);
	rasd_fetch_result_release(&res);
}

static void read_file(struct fetch_run *r, const char *path)
{
	FILE *f = fopen(path, "rb");
	struct rasd_buf b;
	char chunk[65536];
	size_t got;
	const char *base;
	bool too_big = false;

	if (!f) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		r->errors++;
		return;
	}
	rasd_buf_init(&b, RASD_WEB_MAX_PAGE);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (rasd_buf_append(&b, chunk, got) != RASD_OK) {
			too_big = true;
			break;
		}
	fclose(f);
	rasd_arena_reset(&r->arena);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (too_big) {
		cli_error("%s: over the limit of %u bytes; skipped", path, RASD_WEB_MAX_PAGE);
		r->errors++;
	} else if (cli_looks_like_feed(NULL, b.p, b.n)) {
		emit_feed(r, path, b.p, b.n, NULL);
	} else {
		emit_page(r, path, b.p, b.n, NULL, NULL, base, NULL);
	}
	rasd_buf_release(&b);
}

int cmd_fetch(int argc, char **argv)
{
	struct rasd_fetch_options fo;
	struct fetch_run r;
	struct rasd_error err;
	bool quiet = false;
	int i, rc, ninputs = 0;

	rasd_fetch_options_init(&fo);
	for (i = 1; i < argc; i++) {
		int k = cli_fetch_option(&fo, argc, argv, &i);
		if (k < 0)
			return 2;
		if (k > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			return 0;
		}
		if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
			quiet = true;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("fetch: unknown option or missing value '%s'", argv[i]);
			help(stderr);
			return 2;
		}
		ninputs++;
	}
	if (!ninputs) {
		cli_error("fetch: no URL or file given");
		help(stderr);
		return 2;
	}
	memset(&r, 0, sizeof(r));
	rasd_arena_init(&r.arena, 0);
	rasd_buf_init(&r.out, 0);
	rasd_error_clear(&err);
	if (rasd_fetcher_new(&fo, &r.fetcher, &err) != RASD_OK) {
		cli_error("%s", err.msg);
		rc = 1;
		goto out;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '-' && a[1]) {
			if (strcmp(a, "-q") && strcmp(a, "--quiet"))
				i++; /* a fetch option and its value */
			continue;
		}
		if (is_url(a))
			fetch_page(&r, a, NULL);
		else
			read_file(&r, a);
		cli_flush();
	}
	if (!quiet)
		fprintf(stderr, "rasd: %ld article(s) fetched, %ld error(s)\n", r.articles, r.errors);
	rc = r.errors ? 1 : 0;
	if (!cli_flush())
		rc = 1;
out:
	rasd_fetcher_free(r.fetcher);
	rasd_buf_release(&r.out);
	rasd_arena_release(&r.arena);
	return rc;
}
