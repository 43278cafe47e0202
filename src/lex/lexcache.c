/*
 * lexcache.c - the word-type cache of rasd_lex_match_at: for each key-form
 * word met, the clitic readings that begin a lexicon entry (most words:
 * none), so the split into readings, their hashes and probes are paid once
 * per word type in a batch, not at every occurrence. A news corpus of 30,000
 * articles holds about 200,000 word types, and the 64,000 most common make
 * 97% of its tokens. The cache holds a fixed number of words and starts
 * afresh when full, so its memory is flat whatever the input. Part of lex/.
 */
#include "lexcache.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_WORDS 65536u
#define MAX_WORDS (1u << 24)
#define KEY_BYTES_PER_WORD 24u /* pool of key bytes: words average ~12 */
#define HITS_PER_WORD 2u       /* pool of hits: most words have none */

struct tslot {
	uint32_t tag;   /* high half of the hash */
	uint32_t entry; /* 1 + index into entries; 0: free */
};

struct centry {
	uint32_t key_off;
	uint32_t hit_off;
	uint16_t klen;
	uint16_t nhits;
};

struct rasd_lex_cache {
	const struct rasd_lexicon *lex;
	size_t max_words;
	struct tslot *table;
	size_t mask;
	struct centry *entries;
	size_t nentries;
	char *keys;
	size_t nkeys, keys_cap;
	struct lex_hit *hits;
	size_t nhits, hits_cap;
	struct rasd_lex_cache_stats stats;
};

struct rasd_lex_cache *rasd_lex_cache_new(const struct rasd_lexicon *lex, size_t max_words)
{
	struct rasd_lex_cache *c;
	size_t nslots = 16;

	if (!lex)
		return NULL;
	if (max_words == 0)
		max_words = DEFAULT_WORDS;
	if (max_words < 64)
		max_words = 64; /* room for any one word's hits and key */
	if (max_words > MAX_WORDS)
		max_words = MAX_WORDS;
	while (nslots < 2 * max_words)
		nslots *= 2;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->lex = lex;
	c->max_words = max_words;
	c->mask = nslots - 1;
	c->keys_cap = max_words * KEY_BYTES_PER_WORD;
	c->hits_cap = max_words * HITS_PER_WORD;
	c->table = calloc(nslots, sizeof(*c->table));
	c->entries = malloc(max_words * sizeof(*c->entries));
	c->keys = malloc(c->keys_cap);
	c->hits = malloc(c->hits_cap * sizeof(*c->hits));
	if (!c->table || !c->entries || !c->keys || !c->hits) {
		rasd_lex_cache_free(c);
		return NULL;
	}
	return c;
}

void rasd_lex_cache_free(struct rasd_lex_cache *c)
{
	if (!c)
		return;
	free(c->table);
	free(c->entries);
	free(c->keys);
	free(c->hits);
	free(c);
}

void rasd_lex_cache_get_stats(const struct rasd_lex_cache *c, struct rasd_lex_cache_stats *out)
{
	*out = c->stats;
	out->words = c->nentries;
}

/* Full: forget every word (cheaper than choosing which, and as good for a
 * stream whose vocabulary drifts). */
static void reset(struct rasd_lex_cache *c)
{
	memset(c->table, 0, (c->mask + 1) * sizeof(*c->table));
	c->nentries = 0;
	c->nkeys = 0;
	c->nhits = 0;
	c->stats.resets++;
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

const struct lex_hit *lexcache_find(struct rasd_lex_cache *c, const struct rasd_lexicon *lex,
				    const char *key, size_t klen, size_t *nhits, uint64_t *hash)
{
	uint64_t h;
	uint32_t tag;
	size_t i;

	if (c->lex != lex || klen > UINT16_MAX || klen > c->keys_cap)
		return NULL;
	h = hash_word(key, klen);
	*hash = h;
	tag = (uint32_t)(h >> 32);
	c->stats.lookups++;
	for (i = (size_t)h & c->mask; c->table[i].entry; i = (i + 1) & c->mask) {
		const struct centry *e;
		if (c->table[i].tag != tag)
			continue;
		e = &c->entries[c->table[i].entry - 1];
		if (e->klen == klen && memcmp(c->keys + e->key_off, key, klen) == 0) {
			*nhits = e->nhits;
			return c->hits + e->hit_off;
		}
	}
	c->stats.misses++;
	return NULL;
}

void lexcache_add(struct rasd_lex_cache *c, const char *key, size_t klen, uint64_t h,
		  const struct lex_hit *hits, size_t n)
{
	struct centry *e;
	size_t i;

	if (klen > UINT16_MAX || klen > c->keys_cap || n > c->hits_cap)
		return;
	if (c->nentries == c->max_words || c->nkeys + klen > c->keys_cap ||
	    c->nhits + n > c->hits_cap)
		reset(c);
	for (i = (size_t)h & c->mask; c->table[i].entry; i = (i + 1) & c->mask)
		;
	e = &c->entries[c->nentries];
	e->key_off = (uint32_t)c->nkeys;
	e->hit_off = (uint32_t)c->nhits;
	e->klen = (uint16_t)klen;
	e->nhits = (uint16_t)n;
	memcpy(c->keys + c->nkeys, key, klen);
	c->nkeys += klen;
	if (n)
		memcpy(c->hits + c->nhits, hits, n * sizeof(hits[0]));
	c->nhits += n;
	c->nentries++;
	c->table[i].tag = (uint32_t)(h >> 32);
	c->table[i].entry = (uint32_t)c->nentries;
}
