/*
 * fetch.h - what the files of src/fetch/ share (fetch/ internal): one
 * HTTP attempt over a libcurl handle, which fetcher.c wraps in politeness,
 * robots.txt and retries.
 */
#ifndef RASD_FETCH_H
#define RASD_FETCH_H

#include "rasd.h"

#include <curl/curl.h>

/* How one attempt ended, beyond its HTTP status. */
enum http_outcome {
	HTTP_DONE = 0,     /* a response arrived (any status) */
	HTTP_TRANSIENT,    /* connection refused or reset, nothing received: worth a retry */
	HTTP_FATAL,        /* timeout, TLS, DNS, bad URL: not retried */
	HTTP_LOOP,         /* more redirects than allowed: never worth a retry */
	HTTP_TOO_BIG       /* the body passed the cap */
};

/*
 * One GET of url on handle h with the options of o; conditional when etag
 * or last_modified is given. Fills res (status, body, headers, final URL)
 * and, when the response carries one, *retry_after_ms (-1 when absent).
 * On anything but HTTP_DONE, msg (n bytes) says what went wrong.
 */
enum http_outcome http_get(CURL *h, const struct rasd_fetch_options *o, const char *url,
			   const char *etag, const char *last_modified,
			   struct rasd_fetch_result *res, long *retry_after_ms, char *msg,
			   size_t n);

#endif
