/*
 * security.c - what keeps the dashboard's server safe to leave running:
 * the headers every reply carries (a strict Content-Security-Policy: the
 * page's own scripts and styles only, nothing inline, no frames), the
 * per-address request rate cap, random tokens, and the checks a write must
 * pass (the token in a header or a SameSite=Strict cookie, and a CSRF
 * token the page echoes, from the page's own origin).
 */
#include "serve.h"

#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *const serve_security_headers[] = {
	"Content-Security-Policy",
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	"connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
	"frame-ancestors 'none'",
	"X-Content-Type-Options",
	"nosniff",
	"X-Frame-Options",
	"DENY",
	"Referrer-Policy",
	"no-referrer",
	"Cross-Origin-Opener-Policy",
	"same-origin",
	"Cross-Origin-Resource-Policy",
	"same-origin",
	NULL,
	NULL};

/* --------------------------------------------------------------- rate */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void serve_rate_init(struct serve_rate *r, double rate, double burst)
{
	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->lock, NULL);
	r->rate = rate > 0 ? rate : 0;
	r->burst = burst >= 1 ? burst : (rate > 0 ? 2 * rate : 0);
}

void serve_rate_release(struct serve_rate *r)
{
	pthread_mutex_destroy(&r->lock);
}

/* One slot per address, found by hash; an address that collides takes the
 * slot over (a fresh bucket), which only ever errs on the side of allowing. */
bool serve_rate_allow(struct serve_rate *r, const char *client)
{
	uint32_t h = 2166136261u;
	const char *c;
	struct serve_rate_slot *s;
	double t;
	bool ok;

	if (r->rate <= 0)
		return true;
	for (c = client; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	t = now_s();
	pthread_mutex_lock(&r->lock);
	s = &r->slot[h % SERVE_RATE_SLOTS];
	if (strcmp(s->client, client) != 0) {
		snprintf(s->client, sizeof(s->client), "%s", client);
		s->tokens = r->burst;
		s->last = t;
	}
	s->tokens += (t - s->last) * r->rate;
	if (s->tokens > r->burst)
		s->tokens = r->burst;
	s->last = t;
	ok = s->tokens >= 1;
	if (ok)
		s->tokens -= 1;
	pthread_mutex_unlock(&r->lock);
	return ok;
}

/* ------------------------------------------------------------- tokens */

enum rasd_status serve_random_hex(char out[SERVE_TOKEN_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[32];
	size_t got = 0, k;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return RASD_EIO;
	while (got < sizeof(raw)) {
		ssize_t n = read(fd, raw + got, sizeof(raw) - got);
		if (n <= 0) {
			close(fd);
			return RASD_EIO;
		}
		got += (size_t)n;
	}
	close(fd);
	for (k = 0; k < sizeof(raw); k++) {
		out[2 * k] = hex[raw[k] >> 4];
		out[2 * k + 1] = hex[raw[k] & 15];
	}
	out[64] = '\0';
	return RASD_OK;
}

bool serve_secret_eq(const char *secret, const char *given)
{
	size_t n = strlen(secret), m, k;
	unsigned diff = 0;

	if (!given)
		return false;
	m = strlen(given);
	diff = (unsigned)(n != m);
	for (k = 0; k < n; k++)
		diff |= (unsigned)(unsigned char)secret[k] ^ (unsigned char)(k < m ? given[k] : 0);
	return diff == 0 && n > 0;
}

/* The Origin a browser sends must be this server's own (http://Host). */
static bool same_origin(struct serve_request *rq)
{
	const char *origin = serve_header(rq, "Origin");
	const char *host = serve_header(rq, "Host");
	const char *site = serve_header(rq, "Sec-Fetch-Site");

	if (site && strcmp(site, "same-origin") != 0)
		return false;
	if (!origin)
		return true; /* not a browser, or a same-origin GET-like request */
	if (!host || strncmp(origin, "http://", 7) != 0)
		return false;
	return strcmp(origin + 7, host) == 0;
}

bool serve_write_allowed(struct serve_request *rq, struct serve_reply *rp)
{
	const char *auth = serve_header(rq, "Authorization");
	const char *token = serve_header(rq, "X-Rasd-Token");
	const char *cookie = serve_cookie(rq, "rasd_session");
	const char *type = serve_header(rq, "Content-Type");

	if (auth && strncmp(auth, "Bearer ", 7) == 0)
		token = auth + 7;
	if (!serve_secret_eq(rq->srv->token, token) && !serve_secret_eq(rq->srv->token, cookie)) {
		serve_error(rp, 401, "writing needs the token (X-Rasd-Token or the session cookie)");
		return false;
	}
	if (!same_origin(rq)) {
		serve_error(rp, 403, "cross-site request refused");
		return false;
	}
	if (!serve_secret_eq(rq->srv->csrf, serve_header(rq, "X-Rasd-CSRF"))) {
		serve_error(rp, 403, "missing or wrong X-Rasd-CSRF (GET /api/session gives it)");
		return false;
	}
	if (!type || strncmp(type, "application/json", 16) != 0) {
		serve_error(rp, 415, "writes take application/json");
		return false;
	}
	return true;
}

bool serve_read_allowed(struct serve_request *rq, struct serve_reply *rp)
{
	const char *auth = serve_header(rq, "Authorization");
	const char *token = serve_header(rq, "X-Rasd-Token");

	if (!rq->srv->token_given)
		return true;
	if (auth && strncmp(auth, "Bearer ", 7) == 0)
		token = auth + 7;
	if (serve_secret_eq(rq->srv->token, token) ||
	    serve_secret_eq(rq->srv->token, serve_cookie(rq, "rasd_session")))
		return true;
	serve_error(rp, 401, "this server needs its token (log in on the page, or X-Rasd-Token)");
	return false;
}
