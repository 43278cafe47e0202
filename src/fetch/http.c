/*
 * http.c - one HTTP GET with libcurl, as a careful crawler makes it:
 * http and https only (redirects too, at most max_redirects), connect and
 * total timeouts, a cap on the decompressed body checked as it arrives
 * (so an endless body or a gzip bomb stops at the cap), every encoding
 * libcurl can decode, HTTP/2 over TLS when offered, TLS peers verified,
 * proxies from the environment as libcurl reads them, conditional
 * headers, and the response headers rasd keeps (ETag, Last-Modified,
 * Content-Type, Retry-After). Part of fetch/.
 */
#include "fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct transfer {
	struct rasd_fetch_result *res;
	size_t max;
	bool too_big;
	long retry_after_ms;
};

static size_t on_body(char *p, size_t size, size_t nmemb, void *ctx)
{
	struct transfer *t = ctx;
	size_t n = size * nmemb;

	if (t->res->body.n + n > t->max) {
		t->too_big = true;
		return 0; /* libcurl stops the transfer */
	}
	if (rasd_buf_append(&t->res->body, p, n) != RASD_OK) {
		t->too_big = true;
		return 0;
	}
	return n;
}

/* Copy a header's value (trimmed) into out. */
static void header_value(const char *v, size_t n, char *out, size_t cap)
{
	size_t k;
	while (n && (*v == ' ' || *v == '\t'))
		v++, n--;
	while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
		n--;
	k = n < cap - 1 ? n : cap - 1;
	memcpy(out, v, k);
	out[k] = '\0';
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *ctx)
{
	struct transfer *t = ctx;
	size_t n = size * nmemb;
	char tmp[128];

	if (n >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		/* a new response (after a redirect or a 100): forget the last one's */
		t->res->content_type[0] = t->res->etag[0] = t->res->last_modified[0] = '\0';
		t->retry_after_ms = -1;
	} else if (n > 5 && strncasecmp(p, "etag:", 5) == 0) {
		header_value(p + 5, n - 5, t->res->etag, sizeof(t->res->etag));
	} else if (n > 14 && strncasecmp(p, "last-modified:", 14) == 0) {
		header_value(p + 14, n - 14, t->res->last_modified, sizeof(t->res->last_modified));
	} else if (n > 13 && strncasecmp(p, "content-type:", 13) == 0) {
		header_value(p + 13, n - 13, t->res->content_type, sizeof(t->res->content_type));
	} else if (n > 12 && strncasecmp(p, "retry-after:", 12) == 0) {
		char *end;
		long sec;
		header_value(p + 12, n - 12, tmp, sizeof(tmp));
		sec = strtol(tmp, &end, 10);
		if (end != tmp && *end == '\0' && sec >= 0) {
			t->retry_after_ms = sec > 86400 ? 86400000L : sec * 1000L;
		} else {
			/* an HTTP-date */
			time_t when = curl_getdate(tmp, NULL), now = time(NULL);
			if (when != (time_t)-1)
				t->retry_after_ms = when > now ? (long)(when - now) * 1000L : 0;
		}
	}
	return n;
}

enum http_outcome http_get(CURL *h, const struct rasd_fetch_options *o, const char *url,
			   const char *etag, const char *last_modified,
			   struct rasd_fetch_result *res, long *retry_after_ms, char *msg, size_t n)
{
	struct curl_slist *headers = NULL;
	struct transfer t = {res, o->max_body, false, -1};
	char line[400];
	CURLcode rc;
	char *eff = NULL;
	enum http_outcome out = HTTP_DONE;

	rasd_buf_reset(&res->body);
	res->status = 0;
	res->content_type[0] = res->etag[0] = res->last_modified[0] = '\0';
	snprintf(res->url, sizeof(res->url), "%s", url);
	curl_easy_reset(h);
	headers = curl_slist_append(headers, "Accept: text/html,application/xhtml+xml,"
					     "application/rss+xml,application/atom+xml,"
					     "application/xml;q=0.9,*/*;q=0.5");
	headers = curl_slist_append(headers, "Accept-Language: ar,en;q=0.5");
	if (etag && *etag) {
		snprintf(line, sizeof(line), "If-None-Match: %.300s", etag);
		headers = curl_slist_append(headers, line);
	}
	if (last_modified && *last_modified) {
		snprintf(line, sizeof(line), "If-Modified-Since: %.100s", last_modified);
		headers = curl_slist_append(headers, line);
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, o->max_redirects);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* all libcurl decodes */
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_USERAGENT,
			 o->user_agent ? o->user_agent : RASD_FETCH_USER_AGENT);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_body);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &res->status);
	if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff)
		snprintf(res->url, sizeof(res->url), "%s", eff);
	*retry_after_ms = t.retry_after_ms;
	switch (rc) {
	case CURLE_OK: break;
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		out = HTTP_TOO_BIG;
		snprintf(msg, n, "body over the limit of %zu bytes", o->max_body);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		out = HTTP_FATAL;
		snprintf(msg, n, "timed out after %.1f s (%zu bytes received)",
			 (double)o->timeout_ms / 1000.0, res->body.n);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		out = HTTP_LOOP;
		snprintf(msg, n, "more than %ld redirects", o->max_redirects);
		break;
	case CURLE_COULDNT_CONNECT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		out = HTTP_TRANSIENT;
		snprintf(msg, n, "%s%s", curl_easy_strerror(rc),
			 rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR
			     ? " (connection closed mid-body)"
			     : "");
		break;
	case CURLE_BAD_CONTENT_ENCODING:
		out = HTTP_FATAL;
		snprintf(msg, n, "body could not be decompressed");
		break;
	default:
		out = HTTP_FATAL;
		snprintf(msg, n, "%s", curl_easy_strerror(rc));
		break;
	}
	curl_slist_free_all(headers);
	return out;
}
