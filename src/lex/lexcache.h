/*
 * lexcache.h - the word-type cache of rasd_lex_match_at (lex/ internal):
 * what the first-word probe found for one key-form word, kept so that a
 * word is split into clitic readings, hashed and probed once per batch
 * rather than at each occurrence. lexicon.c computes a word's hits;
 * lexcache.c remembers them.
 */
#ifndef RASD_LEX_LEXCACHE_H
#define RASD_LEX_LEXCACHE_H

#include "rasd.h"

/* One clitic reading of a word that is a first word in the trie. */
struct lex_hit {
	uint32_t slot;     /* index into the lexicon's first-word slots */
	uint16_t form_n;   /* bytes of the reading */
	uint8_t clitics;   /* enum rasd_clitic removed */
	uint8_t ta_suffix; /* the pronoun follows a ت that was a ة (pronoun_end) */
};

/* The remembered hits of a word and their count; NULL when the word is not
 * held (*hash then gets its hash for lexcache_add), or the cache is for
 * another lexicon. */
const struct lex_hit *lexcache_find(struct rasd_lex_cache *c, const struct rasd_lexicon *lex,
				    const char *key, size_t klen, size_t *nhits, uint64_t *hash);

/* Remember a word's hits (the cache starts afresh when full). */
void lexcache_add(struct rasd_lex_cache *c, const char *key, size_t klen, uint64_t hash,
		  const struct lex_hit *hits, size_t n);

#endif
