/*
 * fetch_common.c - what `rasd fetch` and `rasd watch` share: the fetching
 * options (timeouts, caps, retries, politeness), a fetched page turned
 * into an article, and articles written as rasd's JSONL. Part of cli/.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void cli_fetch_help(FILE *f)
{
	fputs("fetching options:\n"
	      "  --timeout SECONDS         whole transfer, per attempt (default 60)\n"
	      "  --connect-timeout SECONDS  time to connect (default 10)\n"
	      "  --max-bytes N[k|M]        largest body read, decompressed (default 8M)\n"
	      "  --max-redirects N         redirects followed (default 5)\n"
	      "  --retries N               retries on 5xx, 429 and broken connections (default 3)\n"
	      "  --retry-max SECONDS       longest wait before a retry, Retry-After included;\n"
	      "                            a server asking more is given up on (default 120)\n"
	      "  --delay SECONDS           at least this long between requests to one host\n"
	      "                            (default 1; a robots.txt Crawl-delay may ask more)\n"
	      "  --user-agent STRING       the User-Agent header (default \"" RASD_FETCH_USER_AGENT "\")\n"
	      "\n"
	      "Proxies come from http_proxy, https_proxy and no_proxy; robots.txt is honoured.\n",
	      f);
}

static bool seconds_ms(const char *v, long *ms, double max)
{
	char *end;
	double s;
	errno = 0;
	s = strtod(v, &end);
	if (errno || end == v || *end || !(s >= 0) || s > max)
		return false;
	*ms = (long)(s * 1000.0 + 0.5);
	return true;
}

int cli_fetch_option(struct rasd_fetch_options *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
	long ms;
	char *end;

	if (strcmp(a, "--timeout") && strcmp(a, "--connect-timeout") && strcmp(a, "--max-bytes") &&
	    strcmp(a, "--max-redirects") && strcmp(a, "--retries") && strcmp(a, "--retry-max") &&
	    strcmp(a, "--delay") && strcmp(a, "--user-agent"))
		return 0;
	if (!v) {
		cli_error("option '%s' needs a value", a);
		return -1;
	}
	(*i)++;
	if (strcmp(a, "--timeout") == 0 || strcmp(a, "--connect-timeout") == 0) {
		if (!seconds_ms(v, &ms, 86400) || ms < 1) {
			cli_error("%s: '%s' is not a number of seconds", a, v);
			return -1;
		}
		if (a[2] == 't')
			o->timeout_ms = ms;
		else
			o->connect_timeout_ms = ms;
	} else if (strcmp(a, "--retry-max") == 0 || strcmp(a, "--delay") == 0) {
		if (!seconds_ms(v, &ms, 86400)) {
			cli_error("%s: '%s' is not a number of seconds", a, v);
			return -1;
		}
		if (a[2] == 'r') {
			o->retry_max_ms = ms;
			if (o->retry_base_ms > ms)
				o->retry_base_ms = ms;
		} else {
			o->host_delay_ms = ms;
		}
	} else if (strcmp(a, "--max-bytes") == 0) {
		unsigned long long n = strtoull(v, &end, 10);
		if (end != v && (*end == 'k' || *end == 'K'))
			n *= 1024, end++;
		else if (end != v && (*end == 'm' || *end == 'M'))
			n *= 1024 * 1024, end++;
		if (end == v || *end || n == 0 || n > RASD_WEB_MAX_PAGE) {
			cli_error("--max-bytes: '%s' is not a size up to %uM", v,
				  RASD_WEB_MAX_PAGE >> 20);
			return -1;
		}
		o->max_body = (size_t)n;
	} else if (strcmp(a, "--max-redirects") == 0 || strcmp(a, "--retries") == 0) {
		long n = strtol(v, &end, 10);
		if (end == v || *end || n < 0 || n > 20) {
			cli_error("%s: '%s' is not a number in 0..20", a, v);
			return -1;
		}
		if (a[2] == 'm')
			o->max_redirects = n;
		else
			o->retries = (int)n;
	} else {
		o->user_agent = v;
	}
	return 1;
}

bool cli_looks_like_feed(const char *content_type, const char *p, size_t n)
{
	size_t i = 0;
	if (content_type && (strstr(content_type, "rss") || strstr(content_type, "atom") ||
			     strstr(content_type, "rdf")))
		return true;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
		i++;
	if (n - i >= 5 && memcmp(p + i, "<?xml", 5) == 0) {
		/* an XML declaration: a feed unless it is XHTML */
		size_t lim = n - i < 2048 ? n - i : 2048;
		const char *q = p + i;
		size_t k;
		for (k = 0; k + 5 <= lim; k++)
			if (memcmp(q + k, "<html", 5) == 0)
				return false;
		return true;
	}
	return (n - i >= 4 && memcmp(p + i, "<rss", 4) == 0) ||
	       (n - i >= 5 && memcmp(p + i, "<feed", 5) == 0) ||
	       (n - i >= 8 && memcmp(p + i, "<rdf:RDF", 8) == 0);
}

enum rasd_status cli_page_article(struct rasd_arena *a, const char *body, size_t n,
				  const char *content_type, const char *url, const char *id,
				  const struct rasd_feed_item *item, struct rasd_article *art,
				  struct rasd_web_page *page, struct rasd_error *err)
{
	enum rasd_status st = rasd_web_extract(a, body, n, content_type, url, page, err);
	if (st != RASD_OK)
		return st;
	memset(art, 0, sizeof(*art));
	art->id = rasd_arena_strndup(a, id, strlen(id));
	art->title = page->title;
	art->title_n = page->title_n;
	if (!art->title && item && item->title) {
		art->title = item->title;
		art->title_n = strlen(item->title);
	}
	art->text = page->text;
	art->text_n = page->text_n;
	/* the page's own date, else the feed's */
	art->published = page->published ? page->published : item ? item->published : NULL;
	art->source = page->source;
	art->url = page->url ? page->url : url;
	return art->id ? RASD_OK : rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
}

enum rasd_status cli_article_json(struct rasd_buf *b, const struct rasd_article *art)
{
	enum rasd_status st = rasd_buf_puts(b, "{\"id\":");
#define FIELD(name, p, n)                                                                  \
	do {                                                                               \
		if (st == RASD_OK && (p)) {                                                \
			st = rasd_buf_puts(b, ",\"" name "\":");                           \
			if (st == RASD_OK)                                                 \
				st = rasd_buf_json_str(b, (p), (n));                       \
		}                                                                          \
	} while (0)
	if (st == RASD_OK)
		st = rasd_buf_json_str(b, art->id, strlen(art->id));
	FIELD("title", art->title, art->title_n);
	FIELD("text", art->text, art->text_n);
	FIELD("published", art->published, art->published ? strlen(art->published) : 0);
	FIELD("source", art->source, art->source ? strlen(art->source) : 0);
	FIELD("url", art->url, art->url ? strlen(art->url) : 0);
#undef FIELD
	if (st == RASD_OK)
		st = rasd_buf_puts(b, "}\n");
	return st;
}
