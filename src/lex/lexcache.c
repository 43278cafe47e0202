/*
 * lexcache.c - the word-type cache of rasd_lex_match_at: for each key-form
 * word met, the clitic readings that begin a lexicon entry (most words:
 * none), so the split into readings, their hashes and probes are paid once
 * per word type in a batch, not at every occurrence. News is Zipfian: a
 * corpus of 30,000 articles holds about 200,000 word types, and a few
 * thousand make most of its tokens. The cache is direct-mapped: one
 * 64-byte line per word, its key and hits inline, so a look-up touches one
 * cache line and its memory is fixed whatever the input (a word met later
 * takes the line of an earlier one with the same hash). Words too long to
 * hold, or with more hits than a line holds, are not kept. Part of lex/.
 */
#include "lexcache.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_WORDS 32768u
#define MIN_WORDS 64u
#define MAX_WORDS (1u << 22)
#define KEY_MAX 38u /* bytes of a key held inline: 19 Arabic letters */
#define HITS_MAX 3u

struct line {
	uint8_t klen; /* 0: free */
	uint8_t nhits;
	char key[KEY_MAX];
	struct lex_hit hits[HITS_MAX];
};

struct rasd_lex_cache {
	const struct rasd_lexicon *lex;
	struct line *lines;
	size_t mask;
	size_t held;
	struct rasd_lex_cache_stats stats;
};

struct rasd_lex_cache *rasd_lex_cache_new(const struct rasd_lexicon *lex, size_t max_words)
{
	struct rasd_lex_cache *c;
	size_t n = MIN_WORDS;

	if (!lex)
		return NULL;
	if (max_words == 0)
		max_words = DEFAULT_WORDS;
	while (n < max_words && n < MAX_WORDS)
		n *= 2;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->lex = lex;
	c->mask = n - 1;
	c->lines = calloc(n, sizeof(*c->lines));
	if (!c->lines) {
		free(c);
		return NULL;
	}
	return c;
}

void rasd_lex_cache_free(struct rasd_lex_cache *c)
{
	if (!c)
		return;
	free(c->lines);
	free(c);
}

void rasd_lex_cache_get_stats(const struct rasd_lex_cache *c, struct rasd_lex_cache_stats *out)
{
	*out = c->stats;
	out->words = c->held;
}

/* Words are short: mix eight bytes at a time (multiply-xorshift). */
static uint64_t hash_word(const char *p, size_t n)
{
	uint64_t h = 0xC2B2AE3D27D4EB4Full ^ (uint64_t)n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
		h ^= h >> 31;
		p += 8;
		n -= 8;
	}
	if (n) {
		uint64_t w;
		if (n >= 4) {
			uint32_t a, b;
			memcpy(&a, p, 4);
			memcpy(&b, p + n - 4, 4);
			w = (uint64_t)a | ((uint64_t)b << 32);
		} else {
			w = (uint64_t)(unsigned char)p[0] | ((uint64_t)(unsigned char)p[n / 2] << 8) |
			    ((uint64_t)(unsigned char)p[n - 1] << 16);
		}
		h = (h ^ w) * 0x94D049BB133111EBull;
		h ^= h >> 29;
	}
	return h ^ (h >> 32);
}

/* key[0..n) == the line's key, n <= KEY_MAX: eight bytes at a time, the
 * last eight overlapping (no call, no byte loop; both sides hold n bytes) */
static bool same_key(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	size_t i;
	if (n < 8) {
		uint32_t p, q;
		if (n < 4)
			return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
		memcpy(&p, a, 4);
		memcpy(&q, b, 4);
		if (p != q)
			return false;
		memcpy(&p, a + n - 4, 4);
		memcpy(&q, b + n - 4, 4);
		return p == q;
	}
	for (i = 0; i + 8 < n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return false;
	}
	memcpy(&x, a + n - 8, 8);
	memcpy(&y, b + n - 8, 8);
	return x == y;
}

const struct lex_hit *lexcache_find(struct rasd_lex_cache *c, const struct rasd_lexicon *lex,
				    const char *key, size_t klen, size_t *nhits, uint64_t *hash)
{
	const struct line *l;
	uint64_t h;

	if (c->lex != lex || klen == 0 || klen > KEY_MAX)
		return NULL;
	h = hash_word(key, klen);
	*hash = h;
	c->stats.lookups++;
	l = &c->lines[h & c->mask];
	if (l->klen == klen && same_key(l->key, key, klen)) {
		*nhits = l->nhits;
		return l->hits;
	}
	c->stats.misses++;
	return NULL;
}

void lexcache_add(struct rasd_lex_cache *c, const char *key, size_t klen, uint64_t hash,
		  const struct lex_hit *hits, size_t n)
{
	struct line *l;

	if (klen == 0 || klen > KEY_MAX || n > HITS_MAX)
		return;
	l = &c->lines[hash & c->mask];
	if (l->klen)
		c->stats.evictions++;
	else
		c->held++;
	l->klen = (uint8_t)klen;
	l->nhits = (uint8_t)n;
	memcpy(l->key, key, klen);
	if (n)
		memcpy(l->hits, hits, n * sizeof(hits[0]));
}
