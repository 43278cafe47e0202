/*
 * serve.h - what the files of the dashboard's server share (serve/
 * internal): one request and its reply as the handlers see them, the
 * server object, the routing table, the embedded assets and the security
 * checks. server.c owns libmicrohttpd; the other files never call it
 * except through serve_arg()/serve_header().
 */
#ifndef RASD_SERVE_H
#define RASD_SERVE_H

#include "rasd.h"

#include <pthread.h>
#include <stdio.h>

struct MHD_Connection;

#define SERVE_TOKEN_HEX 65 /* 32 random bytes as hex, and a NUL */
#define SERVE_MAX_BODY_DEFAULT (16u * 1024u)
#define SERVE_MAX_REPLY (512u * 1024u * 1024u)
#define SERVE_RATE_SLOTS 256

/* Requests a client address may still send: a token bucket per address. */
struct serve_rate_slot {
	char client[48];
	double tokens;
	double last; /* monotonic seconds */
};

struct serve_rate {
	pthread_mutex_t lock;
	double rate, burst;
	struct serve_rate_slot slot[SERVE_RATE_SLOTS];
};

/* Read handles, one per worker thread, handed out under a lock. */
struct serve_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	struct rasd_db **db;
	bool *busy;
	unsigned n;
};

/* Answers of the read API, valid for one generation of the database. */
#define SERVE_CACHE_SLOTS 256
struct serve_cache_entry {
	char *key; /* path?query, NULL for a free slot */
	char *body;
	size_t n;
	const char *type, *attachment; /* static strings */
	uint64_t gen, used;
};

struct serve_cache {
	pthread_mutex_t lock;
	struct serve_cache_entry e[SERVE_CACHE_SLOTS];
	size_t bytes;
	uint64_t tick;
};

struct rasd_server {
	struct rasd_server_config cfg;
	struct MHD_Daemon *daemon;
	struct serve_pool pool;
	struct serve_rate rate;
	char token[SERVE_TOKEN_HEX]; /* the write token */
	char csrf[SERVE_TOKEN_HEX];  /* echoed by the page in X-Rasd-CSRF */
	bool token_given;            /* --token-file: the page must log in */
	unsigned port;
	struct serve_cache cache;
	uint64_t writes; /* the server's own writes, part of the generation */
	struct rasd_db *writer; /* for reviews; NULL when the file is read-only */
	pthread_mutex_t write_lock;
};

enum serve_caching {
	CACHE_REVALIDATE = 0, /* API: ETag, no-cache */
	CACHE_ASSET,          /* embedded files: their build ETag, revalidated */
	CACHE_NONE            /* errors and writes: no-store */
};

struct serve_request {
	struct rasd_server *srv;
	struct MHD_Connection *conn;
	const char *method;
	const char *path;   /* without the query string */
	const char *client; /* the peer's address */
	const char *body;
	size_t body_n;
	struct rasd_db *db;    /* a read handle for this request */
	struct rasd_arena arena; /* per request */
};

struct serve_reply {
	int status;
	const char *type;
	struct rasd_buf body;
	enum serve_caching cache;
	const char *attachment; /* file name for Content-Disposition, or NULL */
	char cookie[2][160];    /* Set-Cookie values, "" when none */
};

typedef void (*serve_handler)(struct serve_request *rq, struct serve_reply *rp);

/* request.c: query arguments and headers of the request (NULL when absent). */
const char *serve_arg(struct serve_request *rq, const char *name);
const char *serve_header(struct serve_request *rq, const char *name);
const char *serve_cookie(struct serve_request *rq, const char *name);

/* route.c: the handler for a method and path; sets *allowed false when the
 * path exists but not for that method. NULL when nothing matches. */
serve_handler serve_route(const char *method, const char *path, bool *method_allowed);

/* Replies: a JSON error {"error": msg} with a status. */
void serve_error(struct serve_reply *rp, int status, const char *fmt, ...) RASD_PRINTF(3, 4);
/* Set status/type and leave the body for the caller. */
void serve_json(struct serve_reply *rp);

/* api.c */
void api_events(struct serve_request *rq, struct serve_reply *rp);
void api_events_csv(struct serve_request *rq, struct serve_reply *rp);
void api_events_geojson(struct serve_request *rq, struct serve_reply *rp);
void api_points(struct serve_request *rq, struct serve_reply *rp);
void api_event(struct serve_request *rq, struct serve_reply *rp);
void api_stats(struct serve_request *rq, struct serve_reply *rp);
void api_search(struct serve_request *rq, struct serve_reply *rp);
void api_places(struct serve_request *rq, struct serve_reply *rp);
void api_session(struct serve_request *rq, struct serve_reply *rp);
void api_session_get(struct serve_request *rq, struct serve_reply *rp);

/* review.c */
void api_review(struct serve_request *rq, struct serve_reply *rp);
void api_review_log(struct serve_request *rq, struct serve_reply *rp);

/* filter.c: the request's query arguments as a store filter (values point
 * into the request's arena); false with rp filled when one is bad. */
bool serve_filter(struct serve_request *rq, struct serve_reply *rp, struct rasd_db_filter *f,
		  bool paging);

/* assets.c: the page's embedded files. */
struct serve_asset {
	const char *path; /* "/index.html" */
	const char *type;
	const unsigned char *data;
	size_t n;
	const char *etag; /* quoted */
};
const struct serve_asset *serve_asset_find(const char *path);
void serve_static(struct serve_request *rq, struct serve_reply *rp);

/* cache.c */
void serve_cache_init(struct serve_cache *c);
void serve_cache_release(struct serve_cache *c);
/* What identifies the database's state: its file and WAL, and writes. */
uint64_t serve_db_generation(const char *path, uint64_t writes);
/* A kept answer for key in generation gen, copied into rp: true on a hit. */
bool serve_cache_get(struct serve_cache *c, const char *key, uint64_t gen, struct serve_reply *rp);
/* Keep rp (a 200 of the read API) for key in generation gen. */
void serve_cache_put(struct serve_cache *c, const char *key, uint64_t gen,
		     const struct serve_reply *rp);

/* security.c */
bool serve_rate_allow(struct serve_rate *r, const char *client);
void serve_rate_init(struct serve_rate *r, double rate, double burst);
void serve_rate_release(struct serve_rate *r);
enum rasd_status serve_random_hex(char out[SERVE_TOKEN_HEX]);
/* Constant-time comparison of a secret with what a client sent. */
bool serve_secret_eq(const char *secret, const char *given);
/* Whether a write may go ahead: token (header or cookie) and CSRF checks;
 * false with rp filled (401/403) when not. */
bool serve_write_allowed(struct serve_request *rq, struct serve_reply *rp);
/* Whether a read may go ahead: always on a server without --token-file,
 * else with the token (header or cookie); false with rp filled when not. */
bool serve_read_allowed(struct serve_request *rq, struct serve_reply *rp);
/* The headers every reply carries (CSP, nosniff, frame and referrer
 * policies) as name/value pairs ending with NULL. */
extern const char *const serve_security_headers[];

#endif
