/*
 * wordlist.h - the word lists of data/words.tsv: single words the
 * extractor's rules test a token against (prepositions before a place,
 * verbs of finding bodies, adjectives that are no place name ...), each
 * list named in rasd.h, loaded and validated with file:line errors, and
 * held in one hash table from a word's match key to the lists it is in
 * (lex/ internal).
 */
#ifndef RASD_LEX_WORDLIST_H
#define RASD_LEX_WORDLIST_H

#include "tsv.h"

#define WL_MASK_WORDS ((RASD_WL_COUNT + 63) / 64)

struct wl_slot {
	const char *key; /* match key; NULL: free */
	uint32_t len;
	uint32_t tag;     /* high half of the hash */
	uint32_t records; /* first of this word's (list, value) records */
	uint64_t lists[WL_MASK_WORDS];
};

struct wl_record {
	uint32_t list;
	uint32_t line; /* in words.tsv */
	uint32_t next; /* next record of the same word, or UINT32_MAX */
	long value;
	struct rasd_str key;
};

struct wordlists {
	struct wl_slot *slots;
	size_t nslots;
	/* per list: the byte lengths and first letters of its words, in the
	 * lexicon's head (rasd.h), set before loading */
	struct rasd_word_filter *filter;
	struct wl_record *records; /* file order */
	size_t nrecords, cap;
	struct rasd_str *words[RASD_WL_COUNT]; /* per list, file order */
	size_t nwords[RASD_WL_COUNT];
};

/* Read words.tsv into wl; strings live in `arena`. On failure err names
 * the file, line and column; wordlists_release() frees what was built. */
enum rasd_status wordlists_load(struct wordlists *wl, struct tsv *t, struct rasd_arena *arena,
				struct rasd_arena *scratch, struct rasd_error *err);
void wordlists_release(struct wordlists *wl);
bool wordlists_has(const struct wordlists *wl, const char *key, size_t n, enum rasd_word_list list);
bool wordlists_value(const struct wordlists *wl, const char *key, size_t n,
		     enum rasd_word_list list, long *value);
const struct wl_slot *wordlists_find(const struct wordlists *wl, const char *key, size_t n);

#endif
