/*
 * assets.c - the dashboard's files (HTML, the esbuild bundle, styles,
 * the governorate shapes), compiled into the binary from web-ui/dist by
 * tools/embed_assets.py at build time, so `rasd serve` needs nothing but
 * itself and the database. The page gets its session cookie here.
 */
#include "serve.h"

#include <string.h>

/* build/gen/assets_data.c */
extern const struct serve_asset serve_assets[];
extern const size_t serve_nassets;

const struct serve_asset *serve_asset_find(const char *path)
{
	size_t k;

	if (strcmp(path, "/") == 0)
		path = "/index.html";
	for (k = 0; k < serve_nassets; k++)
		if (strcmp(serve_assets[k].path, path) == 0)
			return &serve_assets[k];
	return NULL;
}

void serve_static(struct serve_request *rq, struct serve_reply *rp)
{
	const struct serve_asset *as = serve_asset_find(rq->path);

	if (!as) {
		serve_error(rp, 404, "no such page");
		return;
	}
	if (rasd_buf_append(&rp->body, as->data, as->n) != RASD_OK) {
		serve_error(rp, 500, "out of memory");
		return;
	}
	rp->status = 200;
	rp->type = as->type;
	rp->cache = CACHE_ASSET;
	/* On loopback without --token-file the page itself is the login: a
	 * browser that can load it from this machine may review. SameSite
	 * keeps other sites' pages from sending the cookie. */
	if (!rq->srv->token_given && strcmp(as->path, "/index.html") == 0)
		snprintf(rp->cookie[0], sizeof(rp->cookie[0]),
			 "rasd_session=%s; Path=/; HttpOnly; SameSite=Strict", rq->srv->token);
}
