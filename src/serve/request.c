/*
 * request.c - what a handler reads of its request (query arguments,
 * headers, cookies, as libmicrohttpd parsed them) and the JSON shapes of
 * its reply; used by every other file of serve/, calling none of them.
 */
#include "serve.h"

#include <microhttpd.h>
#include <stdarg.h>
#include <string.h>

const char *serve_arg(struct serve_request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *serve_header(struct serve_request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *serve_cookie(struct serve_request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

void serve_error(struct serve_reply *rp, int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rasd_buf_reset(&rp->body);
	rp->status = status;
	rp->type = "application/json; charset=utf-8";
	rp->cache = CACHE_NONE;
	/* a message too long for the buffer still leaves valid JSON */
	if (rasd_buf_puts(&rp->body, "{\"error\":") != RASD_OK ||
	    rasd_buf_json_str(&rp->body, msg, strlen(msg)) != RASD_OK ||
	    rasd_buf_puts(&rp->body, "}\n") != RASD_OK) {
		rasd_buf_reset(&rp->body);
	}
}

void serve_json(struct serve_reply *rp)
{
	rp->status = 200;
	rp->type = "application/json; charset=utf-8";
	rp->cache = CACHE_REVALIDATE;
}
