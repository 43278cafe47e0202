/*
 * server.c - the dashboard's HTTP server on libmicrohttpd: starting and
 * stopping the daemon, a pool of read-only database handles (one per
 * worker thread), reading a request (body capped), handing it to the
 * route's handler and sending the reply with its ETag, caching and
 * security headers. Sits on top of store/: it only calls the public API.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#define MAX_URL 4096

/* What one connection's request has sent so far. */
struct conn_state {
	struct rasd_buf body;
	bool too_big;
};

bool rasd_host_is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (!host)
		return true;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return false;
}

/* ------------------------------------------------------------ db pool */

static struct rasd_db *pool_take(struct serve_pool *p)
{
	struct rasd_db *db = NULL;
	unsigned k;

	pthread_mutex_lock(&p->lock);
	while (!db) {
		for (k = 0; k < p->n && !db; k++)
			if (!p->busy[k]) {
				p->busy[k] = true;
				db = p->db[k];
			}
		if (!db)
			pthread_cond_wait(&p->freed, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return db;
}

static void pool_give(struct serve_pool *p, struct rasd_db *db)
{
	unsigned k;

	pthread_mutex_lock(&p->lock);
	for (k = 0; k < p->n; k++)
		if (p->db[k] == db)
			p->busy[k] = false;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

static void pool_release(struct serve_pool *p)
{
	unsigned k;

	for (k = 0; k < p->n; k++)
		rasd_db_free(p->db[k]);
	free(p->db);
	free(p->busy);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
}

/* -------------------------------------------------------------- reply */

/* FNV-1a, 64 bits: an ETag only has to change when the bytes do. */
static void etag_of(const char *p, size_t n, char out[24])
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ull;
	}
	snprintf(out, 24, "\"%016llx\"", (unsigned long long)h);
}

static bool etag_matches(const char *inm, const char *etag)
{
	size_t n = strlen(etag);
	const char *p;

	if (!inm)
		return false;
	if (strcmp(inm, "*") == 0)
		return true;
	for (p = strstr(inm, etag); p; p = strstr(p + 1, etag))
		if ((p == inm || p[-1] == ' ' || p[-1] == ',' || p[-1] == '/') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return true;
	return false;
}

static enum MHD_Result send_reply(struct serve_request *rq, struct serve_reply *rp)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	char etag[24], disp[160];
	const char *tag = NULL;
	int status = rp->status;
	bool not_modified = false;
	size_t k;

	if (rp->cache == CACHE_ASSET) {
		const struct serve_asset *as = serve_asset_find(rq->path);
		tag = as ? as->etag : NULL;
	} else if (rp->cache == CACHE_REVALIDATE && status == 200) {
		etag_of(rp->body.p, rp->body.n, etag);
		tag = etag;
	}
	if (tag && status == 200 && etag_matches(serve_header(rq, "If-None-Match"), tag)) {
		not_modified = true;
		status = MHD_HTTP_NOT_MODIFIED;
	}
	if (not_modified || !rp->body.cap) {
		r = MHD_create_response_from_buffer(not_modified ? 0 : rp->body.n,
						    not_modified ? (void *)"" : (void *)rp->body.p,
						    MHD_RESPMEM_MUST_COPY);
	} else {
		/* hand the body's heap block to libmicrohttpd, which frees it */
		r = MHD_create_response_from_buffer(rp->body.n, rp->body.p, MHD_RESPMEM_MUST_FREE);
		if (r)
			rasd_buf_init(&rp->body, SERVE_MAX_REPLY);
	}
	if (!r)
		return MHD_NO;
	for (k = 0; serve_security_headers[k]; k += 2)
		MHD_add_response_header(r, serve_security_headers[k], serve_security_headers[k + 1]);
	if (rp->type && !not_modified)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rp->type);
	if (tag)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, tag);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
				rp->cache == CACHE_ASSET       ? "no-cache"
				: rp->cache == CACHE_REVALIDATE ? "no-cache"
								: "no-store");
	if (rp->attachment) {
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", rp->attachment);
		MHD_add_response_header(r, "Content-Disposition", disp);
	}
	for (k = 0; k < 2; k++)
		if (rp->cookie[k][0])
			MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, rp->cookie[k]);
	if (status == 429)
		MHD_add_response_header(r, "Retry-After", "1");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW,
					strncmp(rq->path, "/api/session", 12) == 0 ? "GET, HEAD, POST"
					: strstr(rq->path, "/review")               ? "POST"
										    : "GET, HEAD");
	ret = MHD_queue_response(rq->conn, (unsigned)status, r);
	MHD_destroy_response(r);
	return ret;
}

/* ------------------------------------------------------------ request */

static void client_address(struct MHD_Connection *conn, char out[48])
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, 48, "?");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, 48);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
			  48);
}

/* A server bound to loopback answers only requests addressed to loopback
 * names, so a web page elsewhere cannot reach it by rebinding a DNS name. */
static bool host_allowed(struct serve_request *rq)
{
	const char *h = serve_header(rq, "Host");
	char name[256];
	size_t n;
	const char *colon;

	if (rq->srv->token_given)
		return true;
	if (!h)
		return false;
	if (h[0] == '[') {
		colon = strchr(h, ']');
		if (!colon)
			return false;
		n = (size_t)(colon - h - 1);
		h++;
	} else {
		colon = strchr(h, ':');
		n = colon ? (size_t)(colon - h) : strlen(h);
	}
	if (n == 0 || n >= sizeof(name))
		return false;
	memcpy(name, h, n);
	name[n] = '\0';
	return strcmp(name, "localhost") == 0 || rasd_host_is_loopback(name);
}

static enum MHD_Result arg_valid(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	bool *ok = cls;

	(void)kind;
	if (!rasd_utf8_valid(key, strlen(key)) || (value && !rasd_utf8_valid(value, strlen(value))))
		*ok = false;
	return MHD_YES;
}

struct cache_key {
	struct rasd_buf *b;
	bool bad;
};

static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	struct cache_key *k = cls;

	(void)kind;
	if (rasd_buf_putc(k->b, '&') != RASD_OK || rasd_buf_puts(k->b, key) != RASD_OK ||
	    rasd_buf_putc(k->b, '=') != RASD_OK || rasd_buf_puts(k->b, value ? value : "") != RASD_OK)
		k->bad = true;
	return MHD_YES;
}

/* Run a read handler, or answer from the cache when the database has not
 * changed since the same request was answered. */
static void cached(struct serve_request *rq, struct serve_reply *rp, serve_handler h)
{
	struct rasd_server *srv = rq->srv;
	struct rasd_buf key;
	struct cache_key k;
	uint64_t gen;

	rasd_buf_init(&key, 8192);
	k.b = &key;
	k.bad = rasd_buf_puts(&key, rq->path) != RASD_OK;
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, key_arg, &k);
	gen = serve_db_generation(srv->cfg.db_path, __atomic_load_n(&srv->writes, __ATOMIC_ACQUIRE));
	if (!k.bad && serve_cache_get(&srv->cache, key.p, gen, rp)) {
		rasd_buf_release(&key);
		return;
	}
	rq->db = pool_take(&srv->pool);
	h(rq, rp);
	pool_give(&srv->pool, rq->db);
	rq->db = NULL;
	if (!k.bad)
		serve_cache_put(&srv->cache, key.p, gen, rp);
	rasd_buf_release(&key);
}

static void dispatch(struct serve_request *rq, struct serve_reply *rp)
{
	bool allowed = true;
	serve_handler h;

	if (!host_allowed(rq)) {
		serve_error(rp, 421, "this server answers only to loopback names");
		return;
	}
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, arg_valid, &allowed);
	if (!allowed) {
		serve_error(rp, 400, "a query argument is not valid UTF-8");
		return;
	}
	h = serve_route(rq->method, rq->path, &allowed);
	if (!allowed) {
		serve_error(rp, MHD_HTTP_METHOD_NOT_ALLOWED, "method %s not allowed here", rq->method);
		return;
	}
	if (!h) {
		if (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD"))
			serve_error(rp, MHD_HTTP_METHOD_NOT_ALLOWED, "method %s not allowed here",
				    rq->method);
		else
			serve_static(rq, rp);
		return;
	}
	if (strncmp(rq->path, "/api/", 5) == 0) {
		if (strcmp(rq->path, "/api/session") != 0 && !serve_read_allowed(rq, rp))
			return;
		if (strcmp(rq->method, "POST") != 0 && strcmp(rq->path, "/api/session") != 0) {
			cached(rq, rp, h);
			return;
		}
		rq->db = pool_take(&rq->srv->pool);
		h(rq, rp);
		pool_give(&rq->srv->pool, rq->db);
		rq->db = NULL;
		return;
	}
	h(rq, rp);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_n, void **con_cls)
{
	struct rasd_server *srv = cls;
	struct conn_state *cs = *con_cls;
	struct serve_request rq;
	struct serve_reply rp;
	enum MHD_Result ret;
	char client[48];

	(void)version;
	if (!cs) {
		const char *len;
		cs = calloc(1, sizeof(*cs));
		if (!cs)
			return MHD_NO;
		rasd_buf_init(&cs->body, srv->cfg.max_body);
		len = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						  MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (len && strtoull(len, NULL, 10) > srv->cfg.max_body)
			cs->too_big = true;
		*con_cls = cs;
		if (!cs->too_big)
			return MHD_YES;
	}
	if (*upload_n) {
		if (!cs->too_big && rasd_buf_append(&cs->body, upload, *upload_n) != RASD_OK)
			cs->too_big = true;
		*upload_n = 0;
		return MHD_YES;
	}

	memset(&rq, 0, sizeof(rq));
	memset(&rp, 0, sizeof(rp));
	client_address(conn, client);
	rq.srv = srv;
	rq.conn = conn;
	rq.method = method;
	rq.path = url;
	rq.client = client;
	rq.body = cs->body.p;
	rq.body_n = cs->body.n;
	rasd_arena_init(&rq.arena, 64u << 20);
	rasd_buf_init(&rp.body, SERVE_MAX_REPLY);
	rp.status = 200;

	if (!serve_rate_allow(&srv->rate, client))
		serve_error(&rp, 429, "too many requests; slow down");
	else if (cs->too_big)
		serve_error(&rp, 413, "request body over %zu bytes",
			    srv->cfg.max_body);
	else if (strlen(url) > MAX_URL)
		serve_error(&rp, 414, "URL over %d bytes", MAX_URL);
	else if (!rasd_utf8_valid(url, strlen(url)))
		serve_error(&rp, MHD_HTTP_BAD_REQUEST, "the URL is not valid UTF-8");
	else
		dispatch(&rq, &rp);
	ret = send_reply(&rq, &rp);
	rasd_buf_release(&rp.body);
	rasd_arena_release(&rq.arena);
	return ret;
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		      enum MHD_RequestTerminationCode code)
{
	struct conn_state *cs = *con_cls;

	(void)cls;
	(void)conn;
	(void)code;
	if (cs) {
		rasd_buf_release(&cs->body);
		free(cs);
	}
	*con_cls = NULL;
}

/* ----------------------------------------------------------- lifecycle */

static enum rasd_status pool_open(struct serve_pool *p, const char *path, unsigned n,
				  struct rasd_error *err)
{
	enum rasd_status st;
	unsigned k;

	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	p->db = calloc(n, sizeof(*p->db));
	p->busy = calloc(n, sizeof(*p->busy));
	if (!p->db || !p->busy)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	for (k = 0; k < n; k++) {
		st = rasd_db_open(path, RASD_DB_READONLY, 5000, &p->db[k], err);
		if (st != RASD_OK)
			return st;
		p->n++;
	}
	return RASD_OK;
}

enum rasd_status rasd_server_start(const struct rasd_server_config *c, struct rasd_server **out,
				   struct rasd_error *err)
{
	struct rasd_server *s;
	enum rasd_status st;
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	const struct sockaddr *sa;
	const char *host = c->host ? c->host : "127.0.0.1";
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *di;

	*out = NULL;
	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	if (inet_pton(AF_INET, host, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons((uint16_t)c->port);
		sa = (const struct sockaddr *)&sin;
	} else if (inet_pton(AF_INET6, host, &sin6.sin6_addr) == 1) {
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons((uint16_t)c->port);
		sa = (const struct sockaddr *)&sin6;
		flags |= MHD_USE_IPv6;
	} else {
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "'%s' is not a numeric IPv4 or IPv6 address", host);
	}
	if (!rasd_host_is_loopback(host) && !(c->token && *c->token))
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "listening on '%s' (not loopback) needs --token-file", host);
	if (c->port > 65535)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "port %u is out of range", c->port);

	s = calloc(1, sizeof(*s));
	if (!s)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	s->cfg = *c;
	if (!s->cfg.threads)
		s->cfg.threads = 2;
	if (!s->cfg.max_body)
		s->cfg.max_body = SERVE_MAX_BODY_DEFAULT;
	serve_rate_init(&s->rate, c->rate, c->burst);
	serve_cache_init(&s->cache);
	/* one writable handle for reviews, when the file may be written (an
	 * older schema is brought up to date here, before the readers open) */
	pthread_mutex_init(&s->write_lock, NULL);
	{
		struct rasd_error werr;
		rasd_error_clear(&werr);
		if (rasd_db_open(c->db_path, 0, 5000, &s->writer, &werr) != RASD_OK)
			s->writer = NULL;
	}
	st = pool_open(&s->pool, c->db_path, s->cfg.threads, err);
	if (st != RASD_OK)
		goto fail;
	if (c->token && *c->token) {
		snprintf(s->token, sizeof(s->token), "%s", c->token);
		s->token_given = true;
	} else if (serve_random_hex(s->token) != RASD_OK) {
		st = rasd_error_set(err, RASD_EIO, 0, 0, "cannot read random bytes for a token");
		goto fail;
	}
	if (serve_random_hex(s->csrf) != RASD_OK) {
		st = rasd_error_set(err, RASD_EIO, 0, 0, "cannot read random bytes for a token");
		goto fail;
	}
	s->daemon = MHD_start_daemon(
		flags, (uint16_t)c->port, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, sa,
		MHD_OPTION_THREAD_POOL_SIZE, s->cfg.threads, MHD_OPTION_CONNECTION_LIMIT, 512u,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, 128u, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64u * 1024u),
		MHD_OPTION_NOTIFY_COMPLETED, completed, s, MHD_OPTION_END);
	if (!s->daemon) {
		st = rasd_error_set(err, RASD_EIO, 0, 0, "cannot listen on %s:%u (in use?)", host,
				    c->port);
		goto fail;
	}
	di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : c->port;
	*out = s;
	return RASD_OK;
fail:
	rasd_server_free(s);
	return st;
}

unsigned rasd_server_port(const struct rasd_server *s)
{
	return s->port;
}

bool rasd_server_reviews(const struct rasd_server *s)
{
	return s->writer != NULL;
}

void rasd_server_free(struct rasd_server *s)
{
	if (!s)
		return;
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	pool_release(&s->pool);
	rasd_db_free(s->writer);
	pthread_mutex_destroy(&s->write_lock);
	serve_rate_release(&s->rate);
	serve_cache_release(&s->cache);
	free(s);
}
