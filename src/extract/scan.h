/*
 * scan.h - the mention scan's internals, shared by mention.c (the scan),
 * hits.c (the lexicon hits at a token), places.c (the shapes of place
 * names) and resolve.c (choosing among a name's gazetteer candidates):
 * the per-token lexicon hits, their cache, the arena-grown mention arrays,
 * and the place-shape recognisers
 * (extract/ internal; the stages see only mention.h).
 */
#ifndef RASD_EXTRACT_SCAN_H
#define RASD_EXTRACT_SCAN_H

#include "mention.h"

#include <string.h>

#define MAX_MATCH 16

static inline bool starts_with(const struct rasd_token *t, const char *pre)
{
	size_t n = strlen(pre);
	return t->klen >= n && memcmp(t->key, pre, n) == 0;
}

static inline bool ends_with(const struct rasd_token *t, const char *suf)
{
	size_t n = strlen(suf);
	return t->klen >= n && memcmp(t->key + t->klen - n, suf, n) == 0;
}

struct grow {
	void **p;
	size_t *n;
	size_t cap;
	size_t size;
};

/* Lexicon hits at one token, split by kind. */
struct hits {
	struct rasd_lex_match all[MAX_MATCH];
	size_t n;
	const struct rasd_lex_match *trigger, *actor, *place, *number, *calendar;
	uint32_t cue_mask; /* roles present; cue_[role] is valid only when set */
	const struct rasd_lex_match *cue_[RASD_CUE_COUNT];
};

/* The cue of a role at this token, or NULL. */
#define CUE(h, role) (((h)->cue_mask >> (role)) & 1u ? (h)->cue_[role] : NULL)

/* The scan's lexicon and a small cache of lexicon hits: recognising a
 * place looks at the words around it, and each word is matched once. */
#define HIT_CACHE 32
struct scan {
	const struct rasd_lexicon *lex;
	struct hits none; /* no hits (for number tokens) */
	size_t tok[HIT_CACHE];
	struct hits hits[HIT_CACHE];
};

/* hits.c: a zeroed slot at the end of g's array (grown in the arena),
 * or NULL when the arena is out of memory. */
void *push(struct rasd_arena *a, struct grow *g);
/* Hits at token i, valid until HIT_CACHE other tokens have been looked up. */
const struct hits *hits_at(struct scan *sc, const struct rasd_doc *doc, size_t i);
/* A copy of the hits at token i whose role pointers point into the copy. */
void get_hits(struct scan *sc, const struct rasd_doc *doc, size_t i, struct hits *h);

/* places.c: the shapes of place names. */
bool is_word(const struct rasd_doc *doc, size_t i);
/* Skip quote marks and '#' between a cue and its name. */
size_t skip_marks(const struct rasd_doc *doc, size_t j);
/* Words after which a bare name is read as a place. */
bool locative_before(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
		     unsigned clitics);
/* Facility words that name a site inside a town: the town is the place. */
bool site_word(const struct rasd_lexicon *lex, const char *key);
/* Is the word at j a place cue (مدينة، بلدة، مخيم، ريف ...)? */
bool prev_is_cue(struct scan *lex, const struct rasd_doc *doc, size_t j);
/* Could this word be (the start of) an unknown place name? */
bool name_word_ok(struct scan *lex, const struct rasd_doc *doc, size_t j, bool first);
/* The words of an unknown name after a cue (0: none). */
size_t unknown_name(struct scan *lex, const struct rasd_doc *doc, size_t j, bool require_definite);
/* The words of a direction after a place (ريف دير الزور الغربي), or 0. */
size_t trailing_direction(struct scan *lex, const struct rasd_doc *doc, size_t j);
/* A settlement cue that names the unit kind expected after it. */
bool cue_fits(const struct rasd_lexicon *lex, const struct rasd_token *cue,
	      const struct rasd_place *p);
/* The cue word's key without its clitics (in the arena). */
const char *cue_key_of(struct rasd_arena *a, const struct rasd_token *t, unsigned clitics);
/* Push a place mention of tokens [from, to) named by [name_from, name_to). */
enum rasd_status add_place(const struct rasd_lexicon *lex, struct rasd_arena *a, struct grow *g,
			   const struct rasd_doc *doc, size_t from, size_t to, size_t name_from,
			   size_t name_to, unsigned name_clitics, const struct rasd_lex_match *pm,
			   enum place_cue cue, const char *cue_key, bool direction, bool keep_cue,
			   unsigned cue_clitics);
/* The places listed after place `head` (X وY وZ); *end: the list's end. */
enum rasd_status extend_list(struct scan *sc, struct rasd_arena *a, struct grow *gp,
			     struct mentions *m, const struct rasd_doc *doc, size_t head,
			     size_t *end);
/* ذات المنطقة، المنطقة نفسها: the word at i is marked as the place just told. */
bool same_marked(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i);

#endif
