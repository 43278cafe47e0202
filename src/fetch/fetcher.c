/*
 * fetcher.c - the polite client around http.c: one request per host per
 * host_delay_ms (or the host's Crawl-delay, when longer), robots.txt read
 * once per host and honoured, and retries with exponential backoff on
 * 5xx, 429 and connections that broke before a response, waiting what
 * Retry-After asks when the server says; never on other 4xx, timeouts or
 * bodies over the cap. Part of fetch/.
 */
#include "fetch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROBOTS_MAX_BYTES (512u * 1024u)

struct host {
	char key[300];              /* scheme://host:port */
	double next_ms;             /* monotonic time before which no request goes */
	struct rasd_robots *robots; /* NULL: allow all */
	bool robots_read;
};

struct rasd_fetcher {
	struct rasd_fetch_options o;
	CURL *curl;
	struct host *hosts;
	size_t nhosts, caphosts;
};

void rasd_fetch_options_init(struct rasd_fetch_options *o)
{
	memset(o, 0, sizeof(*o));
	o->connect_timeout_ms = 10000;
	o->timeout_ms = 60000;
	o->max_body = 8u * 1024u * 1024u;
	o->max_redirects = 5;
	o->retries = 3;
	o->retry_base_ms = 2000;
	o->retry_max_ms = 120000;
	o->host_delay_ms = 1000;
}

void rasd_fetch_result_init(struct rasd_fetch_result *r)
{
	memset(r, 0, sizeof(*r));
	rasd_buf_init(&r->body, 0);
}

void rasd_fetch_result_release(struct rasd_fetch_result *r)
{
	rasd_buf_release(&r->body);
}

enum rasd_status rasd_fetcher_new(const struct rasd_fetch_options *o, struct rasd_fetcher **out,
				  struct rasd_error *err)
{
	struct rasd_fetcher *f;

	*out = NULL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	if (o)
		f->o = *o;
	else
		rasd_fetch_options_init(&f->o);
	/* libcurl counts its global users; each fetcher is one */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		free(f);
		return rasd_error_set(err, RASD_EIO, 0, 0, "libcurl could not be initialised");
	}
	f->curl = curl_easy_init();
	if (!f->curl) {
		curl_global_cleanup();
		free(f);
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "libcurl could not make a handle");
	}
	*out = f;
	return RASD_OK;
}

void rasd_fetcher_free(struct rasd_fetcher *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->nhosts; i++)
		rasd_robots_free(f->hosts[i].robots);
	free(f->hosts);
	curl_easy_cleanup(f->curl);
	curl_global_cleanup();
	free(f);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(double ms)
{
	struct timespec ts;
	if (ms <= 0)
		return;
	ts.tv_sec = (time_t)(ms / 1000.0);
	ts.tv_nsec = (long)((ms - (double)ts.tv_sec * 1000.0) * 1e6);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Split url into "scheme://host:port" and its path with query. */
static bool split_url(const char *url, char *key, size_t keyn, char *path, size_t pathn)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *p = NULL, *q = NULL;
	bool ok = false;

	if (!u)
		return false;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &p, 0) != CURLUE_OK)
		goto out;
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
		goto out;
	curl_url_get(u, CURLUPART_QUERY, &q, 0);
	snprintf(key, keyn, "%s://%s:%s", scheme, host, port);
	snprintf(path, pathn, "%s%s%s", p, q ? "?" : "", q ? q : "");
	ok = true;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(p);
	curl_free(q);
	curl_url_cleanup(u);
	return ok;
}

static struct host *host_for(struct rasd_fetcher *f, const char *key)
{
	size_t i;
	struct host *h;

	for (i = 0; i < f->nhosts; i++)
		if (strcmp(f->hosts[i].key, key) == 0)
			return &f->hosts[i];
	if (f->nhosts == f->caphosts) {
		size_t ncap = f->caphosts ? f->caphosts * 2 : 16;
		struct host *nh = realloc(f->hosts, ncap * sizeof(*nh));
		if (!nh)
			return NULL;
		f->hosts = nh;
		f->caphosts = ncap;
	}
	h = &f->hosts[f->nhosts++];
	memset(h, 0, sizeof(*h));
	snprintf(h->key, sizeof(h->key), "%s", key);
	return h;
}

static long host_delay(const struct rasd_fetcher *f, const struct host *h)
{
	long d = rasd_robots_delay_ms(h->robots);
	return d > f->o.host_delay_ms ? d : f->o.host_delay_ms;
}

/* Wait for the host's turn, then book the next one. */
static void wait_turn(struct rasd_fetcher *f, struct host *h)
{
	double t = now_ms();
	if (h->next_ms > t)
		sleep_ms(h->next_ms - t);
	h->next_ms = now_ms() + (double)host_delay(f, h);
}

/* robots.txt of the host, once: 2xx is read, any other answer (or none)
 * allows everything except a 5xx, which RFC 9309 reads as "disallow all"
 * for now. */
static void read_robots(struct rasd_fetcher *f, struct host *h)
{
	struct rasd_fetch_options ro = f->o;
	struct rasd_fetch_result res;
	char url[400], msg[256];
	long ra;
	enum http_outcome out;

	h->robots_read = true;
	ro.max_body = ROBOTS_MAX_BYTES;
	ro.max_redirects = 5;
	snprintf(url, sizeof(url), "%s/robots.txt", h->key);
	rasd_fetch_result_init(&res);
	wait_turn(f, h);
	out = http_get(f->curl, &ro, url, NULL, NULL, &res, &ra, msg, sizeof(msg));
	if (out == HTTP_DONE && res.status >= 200 && res.status < 300) {
		if (rasd_robots_parse(res.body.p, res.body.n, "rasd", &h->robots) != RASD_OK)
			h->robots = NULL;
	} else if (out == HTTP_DONE && res.status >= 500) {
		if (rasd_robots_parse("User-agent: *\nDisallow: /\n", 26, "rasd", &h->robots) !=
		    RASD_OK)
			h->robots = NULL;
	}
	/* a delay the robots.txt asks for starts with this request */
	h->next_ms = now_ms() + (double)host_delay(f, h);
	rasd_fetch_result_release(&res);
}

static bool retryable_status(long s)
{
	return s == 429 || (s >= 500 && s <= 599);
}

enum rasd_status rasd_fetch_get(struct rasd_fetcher *f, const char *url, const char *etag,
				const char *last_modified, struct rasd_fetch_result *res,
				struct rasd_error *err)
{
	char key[300], path[4096], msg[256];
	struct host *h;
	int attempt;
	long wait = f->o.retry_base_ms;

	res->attempts = 0;
	res->robots_denied = false;
	res->permanent = false;
	res->status = 0;
	rasd_buf_reset(&res->body);
	if (!split_url(url, key, sizeof(key), path, sizeof(path))) {
		res->permanent = true;
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "not an http(s) URL");
	}
	h = host_for(f, key);
	if (!h)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	if (!f->o.ignore_robots && !h->robots_read)
		read_robots(f, h);
	if (!f->o.ignore_robots && !rasd_robots_allowed(h->robots, path)) {
		res->robots_denied = res->permanent = true;
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "disallowed by the site's robots.txt");
	}
	for (attempt = 0;; attempt++) {
		long retry_after = -1;
		enum http_outcome out;
		bool retry;

		wait_turn(f, h);
		res->attempts++;
		out = http_get(f->curl, &f->o, url, etag, last_modified, res, &retry_after, msg,
			       sizeof(msg));
		if (out == HTTP_DONE && ((res->status >= 200 && res->status < 300) ||
					 res->status == 304))
			return RASD_OK;
		if (out == HTTP_TOO_BIG || out == HTTP_LOOP) {
			res->permanent = true;
			return rasd_error_set(err, out == HTTP_TOO_BIG ? RASD_ETOOBIG : RASD_EIO, 0,
					      0, "%s", msg);
		}
		if (out == HTTP_FATAL)
			return rasd_error_set(err, RASD_EIO, 0, 0, "%s", msg);
		if (out == HTTP_DONE)
			snprintf(msg, sizeof(msg), "HTTP %ld", res->status);
		retry = out == HTTP_TRANSIENT || retryable_status(res->status);
		if (!retry) {
			res->permanent = res->status >= 400 && res->status < 500 && res->status != 408;
			return rasd_error_set(err, RASD_EIO, 0, 0, "%s", msg);
		}
		if (attempt >= f->o.retries)
			return rasd_error_set(err, RASD_EIO, 0, 0, "%s after %d attempt%s", msg,
					      res->attempts, res->attempts == 1 ? "" : "s");
		if (retry_after >= 0) {
			if (retry_after > f->o.retry_max_ms)
				return rasd_error_set(err, RASD_EIO, 0, 0,
						      "%s with Retry-After %ld s, longer than the "
						      "%ld s rasd waits; try later",
						      msg, retry_after / 1000,
						      f->o.retry_max_ms / 1000);
			/* the host's next turn is no sooner than the server asked */
			if (h->next_ms < now_ms() + (double)retry_after)
				h->next_ms = now_ms() + (double)retry_after;
		} else {
			double t = now_ms() + (double)(wait < f->o.retry_max_ms ? wait : f->o.retry_max_ms);
			if (h->next_ms < t)
				h->next_ms = t;
			wait = wait > f->o.retry_max_ms / 2 ? f->o.retry_max_ms : wait * 2;
		}
	}
}
