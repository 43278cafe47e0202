/*
 * cache.c - answers of the read API kept in memory, keyed by path and
 * query string, valid while the database is unchanged: the generation is
 * the identity, size and time of the database file and its WAL (another
 * process ingesting changes them) and the server's own writes. A dashboard
 * asks the same few questions over and over; the store answers each once.
 * At most CACHE_BYTES in all, least recently used first out.
 */
#include "serve.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CACHE_BYTES (64u << 20)
#define CACHE_ENTRY_MAX (16u << 20)

void serve_cache_init(struct serve_cache *c)
{
	memset(c, 0, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
}

static void drop(struct serve_cache *c, struct serve_cache_entry *e)
{
	c->bytes -= e->n + strlen(e->key);
	free(e->key);
	free(e->body);
	memset(e, 0, sizeof(*e));
}

void serve_cache_release(struct serve_cache *c)
{
	size_t k;

	for (k = 0; k < SERVE_CACHE_SLOTS; k++)
		if (c->e[k].key)
			drop(c, &c->e[k]);
	pthread_mutex_destroy(&c->lock);
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h;
}

uint64_t serve_db_generation(const char *path, uint64_t writes)
{
	char wal[4096];
	struct stat st;
	uint64_t h = mix(0, writes);
	const char *files[2];
	int k;

	snprintf(wal, sizeof(wal), "%s-wal", path);
	files[0] = path;
	files[1] = wal;
	for (k = 0; k < 2; k++) {
		if (stat(files[k], &st) != 0) {
			h = mix(h, 1);
			continue;
		}
		h = mix(h, (uint64_t)st.st_ino);
		h = mix(h, (uint64_t)st.st_size);
		h = mix(h, (uint64_t)st.st_mtim.tv_sec);
		h = mix(h, (uint64_t)st.st_mtim.tv_nsec);
	}
	return h;
}

bool serve_cache_get(struct serve_cache *c, const char *key, uint64_t gen, struct serve_reply *rp)
{
	bool hit = false;
	size_t k;

	pthread_mutex_lock(&c->lock);
	for (k = 0; k < SERVE_CACHE_SLOTS && !hit; k++) {
		struct serve_cache_entry *e = &c->e[k];
		if (!e->key || strcmp(e->key, key) != 0)
			continue;
		if (e->gen != gen) {
			drop(c, e);
			break;
		}
		if (rasd_buf_append(&rp->body, e->body, e->n) != RASD_OK)
			break;
		e->used = ++c->tick;
		rp->status = 200;
		rp->type = e->type;
		rp->attachment = e->attachment;
		rp->cache = CACHE_REVALIDATE;
		hit = true;
	}
	pthread_mutex_unlock(&c->lock);
	return hit;
}

void serve_cache_put(struct serve_cache *c, const char *key, uint64_t gen,
		     const struct serve_reply *rp)
{
	struct serve_cache_entry *slot = NULL;
	size_t k, need = rp->body.n + strlen(key);
	char *kcopy, *body;

	if (rp->status != 200 || rp->cache != CACHE_REVALIDATE || rp->body.n > CACHE_ENTRY_MAX)
		return;
	kcopy = strdup(key);
	body = malloc(rp->body.n ? rp->body.n : 1);
	if (!kcopy || !body) {
		free(kcopy);
		free(body);
		return;
	}
	memcpy(body, rp->body.p, rp->body.n);
	pthread_mutex_lock(&c->lock);
	for (k = 0; k < SERVE_CACHE_SLOTS; k++)
		if (c->e[k].key && strcmp(c->e[k].key, key) == 0)
			drop(c, &c->e[k]);
	/* make room: the least recently used go first */
	for (;;) {
		struct serve_cache_entry *lru = NULL;
		slot = NULL;
		for (k = 0; k < SERVE_CACHE_SLOTS; k++) {
			if (!c->e[k].key) {
				if (!slot)
					slot = &c->e[k];
			} else if (!lru || c->e[k].used < lru->used) {
				lru = &c->e[k];
			}
		}
		if (slot && c->bytes + need <= CACHE_BYTES)
			break;
		if (!lru)
			break;
		drop(c, lru);
	}
	if (slot && c->bytes + need <= CACHE_BYTES) {
		slot->key = kcopy;
		slot->body = body;
		slot->n = rp->body.n;
		slot->type = rp->type;
		slot->attachment = rp->attachment;
		slot->gen = gen;
		slot->used = ++c->tick;
		c->bytes += need;
		kcopy = NULL;
		body = NULL;
	}
	pthread_mutex_unlock(&c->lock);
	free(kcopy);
	free(body);
}
