/*
 * mention.h - what the extractor finds in one document before it builds
 * events: triggers, actors, cues, numbers, dates and places, each with its
 * token span (extract/ internal).
 */
#ifndef RASD_EXTRACT_MENTION_H
#define RASD_EXTRACT_MENTION_H

#include "rasd.h"

#include <string.h>

struct m_trigger {
	uint32_t tok, ntok;
	enum rasd_event_class cls;
	enum rasd_trigger_form form;
	unsigned clitics;
	bool definite; /* الهجوم: likely refers back */
};

struct m_actor {
	uint32_t tok, ntok;     /* the actor words */
	uint32_t head;          /* first token incl. an armed-person cue before it */
	uint32_t actor;
	unsigned flags;         /* enum rasd_actor_flags */
	bool armed_cue;         /* عناصر التنظيم، مقاتلو داعش */
	bool plural;            /* for victims: a plural noun */
	bool state_resolved;    /* «الجيش، قوات الأمن» read as a state's forces (actors.c) */
};

struct m_cue {
	uint32_t tok, ntok;
	enum rasd_cue_role role;
};

struct m_number {
	uint32_t tok, ntok;
	long value;
	bool vague;
};

enum place_cue { PCUE_NONE = 0, PCUE_SETTLEMENT, PCUE_FACILITY, PCUE_RURAL };

struct m_place {
	uint32_t tok, ntok;   /* whole span incl. cue words and directions */
	const char *name;     /* location as written, without clitics */
	const char *cue_key;  /* key of the cue word (no article), for anaphora */
	uint32_t cue_tok;     /* the cue word's token */
	const uint32_t *cands;
	uint32_t ncand;
	const struct rasd_place *place; /* chosen candidate */
	enum place_cue cue;
	bool direction;       /* شرق X: near, not in */
	bool unknown;         /* a name no gazetteer knows */
	bool anaphor;         /* المخيم: refers to an earlier place */
	bool same;            /* ذات المنطقة، المنطقة نفسها: the place just told */
	bool locative;        /* after في، من، بـ or a cue word */
	int32_t list;         /* index of the first place of a list (X وY وZ), or -1 */
	bool reference;       /* صحراء الثرثار شمالي الرمادي: الرمادي only locates the first */
	int32_t ref;          /* for anaphora: index of the mention referred to */
	const char *admin1, *admin2, *country;
	double lat, lon;
	bool has_coords;
	int precision;
	int specificity;      /* higher = more specific */
};

struct mentions {
	struct m_trigger *trig;
	size_t ntrig;
	struct m_actor *act;
	size_t nact;
	struct m_cue *cue;
	size_t ncue;
	struct m_number *num;
	size_t nnum;
	struct rasd_date_expr *date;
	size_t ndate;
	struct m_place *place;
	size_t nplace;
	/* the tokens of the disaster cues (زلزال، حادث سير) that are not part
	 * of a place's name, in order: history.c counts them by binary search
	 * (it used to walk every cue for every frame) */
	uint32_t *disaster;
	size_t ndisaster;
	/* token -> the first cue, trigger and number at or after it, for
	 * tokens 0..nindex: MENTION_FIRST on those arrays is then a look-up,
	 * not a binary search (the counts stage asks it at every word after
	 * every death word) */
	uint32_t *first_cue, *first_trig, *first_num;
	size_t nindex;
	/* the tokens of the cues of each role, in order (cue_in: the first of
	 * a role in a span by binary search, where walking every cue of the
	 * span made «قتل» repeated read 400 death cues for each question) */
	uint32_t *role_tok[RASD_CUE_COUNT];
	uint32_t nrole[RASD_CUE_COUNT];
	bool role_index;
};

/* The first token of a cue of `role` in [from, to), if any (find_mentions
 * builds the index; without it, false is never wrong to ask for: callers
 * fall back). */
static inline bool role_cue_in(const struct mentions *m, uint32_t from, uint32_t to,
			       enum rasd_cue_role role, uint32_t *at)
{
	const uint32_t *v = m->role_tok[role];
	size_t lo = 0, hi = m->nrole[role];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->nrole[role] && v[lo] < to) {
		if (at)
			*at = v[lo];
		return true;
	}
	return false;
}

/* Index of the first element of a mention array (trig, act, cue, num, date,
 * place; each begins with its token) at or after token `tok`, by binary
 * search. find_mentions pushes every array in token order (each mention at
 * the scan position), and asserts it. */
size_t mention_first_at(const struct mentions *m, const void *base, size_t n, size_t size,
			uint32_t tok);
#define MENTION_FIRST(m, arr, n, tok) \
	mention_first_at((m), (m)->arr, (m)->n, sizeof(*(m)->arr), (tok))
/* Does a mention of that array begin exactly at token `tok`? */
bool mention_starts_at(const void *base, size_t n, size_t size, uint32_t tok);
#define MENTION_AT(m, arr, n, tok) \
	mention_starts_at((m)->arr, (m)->n, sizeof(*(m)->arr), (tok))
/* For walking backwards from token `tok`: the index past the last mention
 * before it. */
#define MENTION_END_BEFORE(m, arr, n, tok) MENTION_FIRST(m, arr, n, tok)

/* Collect all mentions of a document (arrays in the arena, in token order). */
enum rasd_status find_mentions(const struct rasd_lexicon *lex, const struct rasd_doc *doc,
			       int32_t published, struct rasd_arena *a, struct mentions *m);

/* province.c: the support of candidates' provinces among the place
 * mentions of the three paragraphs around a mention (resolve_places uses
 * it from WINDOW_FROM mentions on; fewer are walked). */
#define WINDOW_FROM 64 /* place mentions; fewer are walked as before */

struct province_support {
	uint32_t key;   /* province id */
	uint32_t place; /* its only qualifying candidate, or UINT32_MAX */
};

struct province_window {
	const struct rasd_lexicon *lex;
	size_t nkeys;
	struct {
		const char *country, *admin1;
	} *keys;
	uint32_t *key_slot; /* hash of keys: index + 1, 0 empty */
	size_t key_cap;
	uint32_t *place_slot; /* hash of place index -> count slot + 1 */
	uint32_t *place_of;   /* the place index of each count slot */
	size_t place_cap, nplaces;
	int *count_key, *count_place;
	size_t *first;   /* per mention: its supports */
	uint32_t *nsupp;
	struct province_support *supp;
	bool *in;        /* the mention's supports are counted now */
	size_t lo, hi;   /* mentions [lo, hi) are in the window */
};

bool window_init(struct province_window *w, const struct rasd_lexicon *lex,
		 const struct mentions *m);
void window_free(struct province_window *w);
/* Bring the window to the paragraphs around mention i (in order). */
void window_move(struct province_window *w, const struct mentions *m, const struct rasd_doc *doc,
		 size_t i);
/* The number of other mentions around idx supporting candidate `place`. */
int window_support(struct province_window *w, size_t idx, uint32_t place);

/* Choose candidates and fill admin/coordinates for every place mention. */
void resolve_places(const struct rasd_lexicon *lex, const struct rasd_doc *doc,
		    struct mentions *m, const char *doc_country);

/* The country most place mentions of the document point to ("" if none). */
const char *dominant_country(const struct rasd_lexicon *lex, const struct mentions *m);

/* Surface text of tokens [from, to) with clitics removed from the first. */
const char *surface_span(struct rasd_arena *a, const struct rasd_doc *doc, size_t from, size_t to,
			 unsigned clitics);

/* Is the token's key exactly `key`? Most comparisons fail on the first
 * bytes, tested before strlen; inline: it runs in every word-list loop. */
static inline bool token_is(const struct rasd_token *t, const char *key)
{
	size_t n;
	if (!t->klen || t->key[0] != key[0] || (t->klen > 1 && t->key[1] != key[1]))
		return false;
	n = strlen(key);
	return t->klen == n && memcmp(t->key, key, n) == 0;
}
/* Is the token's key one of the NULL-terminated list's words? */
static inline bool in_list(const struct rasd_token *t, const char *const *list)
{
	size_t i;
	for (i = 0; list[i]; i++)
		if (token_is(t, list[i]))
			return true;
	return false;
}
/* Is the token's key in the word list (data/words.tsv)? Exact, like
 * token_is: list every clitic form a rule accepts. */
static inline bool word_in(const struct rasd_lexicon *lex, const struct rasd_token *t,
			   enum rasd_word_list list)
{
	return rasd_word_in(lex, t->key, t->klen, list);
}
/* Is a NUL-terminated key (a cue word without its clitics) in the list? */
static inline bool key_in(const struct rasd_lexicon *lex, const char *key, enum rasd_word_list list)
{
	return rasd_word_in(lex, key, strlen(key), list);
}
/* The token is a word of the list, or one with the conjunction و before
 * it (منذ، ومنذ). */
RASD_ALWAYS_INLINE static inline bool word_in_or_waw(const struct rasd_lexicon *lex, const struct rasd_token *t,
				  enum rasd_word_list list)
{
	return rasd_word_in(lex, t->key, t->klen, list) ||
	       (t->klen > 2 && memcmp(t->key, "و", 2) == 0 &&
		rasd_word_in(lex, t->key + 2, t->klen - 2, list));
}
/* Could the token be a word of the list, or و and one (by length and
 * first letter)? For loops over every word of a document: fills `f` from
 * the lists once, then word_maybe_or_waw(f, t) costs a few instructions. */
struct word_prefilter {
	uint64_t len, lead[2];
};
static inline void word_prefilter_add(struct word_prefilter *f, const struct rasd_lexicon *lex,
				      enum rasd_word_list list)
{
	const struct rasd_word_filter *w =
		&((const struct rasd_lexicon_head *)(const void *)lex)->word_filter[list];
	unsigned waw = rasd_word_lead("و", 2);
	f->len |= w->len | w->len << 2 | (w->len >> 61 & 1ull) << 63;
	f->lead[0] |= w->lead[0];
	f->lead[1] |= w->lead[1];
	f->lead[waw / 64] |= 1ull << (waw % 64);
}
static inline bool word_maybe_or_waw(const struct word_prefilter *f, const struct rasd_token *t)
{
	unsigned b;
	if (!(f->len >> (t->klen < 63 ? t->klen : 63) & 1))
		return false;
	b = rasd_word_lead(t->key, t->klen);
	return f->lead[b / 64] >> (b % 64) & 1;
}
/* Does key[0..n) begin with a word of the list? */
bool word_list_prefix(const struct rasd_lexicon *lex, const char *key, size_t n,
		      enum rasd_word_list list);
/* Does the NUL-terminated key contain a word of the list? */
bool word_list_inside(const struct rasd_lexicon *lex, const char *key, enum rasd_word_list list);
/* token_is for a string literal: its length is known at compile time */
#define TOKEN_IS(t, lit) ((t)->klen == sizeof(lit) - 1 && memcmp((t)->key, lit, sizeof(lit) - 1) == 0)

#endif
