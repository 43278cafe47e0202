/*
 * mention.c - one scan over a document that records every lexicon hit
 * (triggers, actors, cue words, numbers, dates, places), then recognises
 * place mentions the way news writes them: gazetteer names with clitics,
 * cue words (بلدة أبو خشب، لمخيم الهول), countryside and directions (ريف
 * دير الزور الغربي، شرق الحسكة), unknown villages after a cue, and
 * anaphora (في المخيم). Part of extract/.
 */
#include "mention.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static bool in_token_order(const void *base, size_t n, size_t size);

#define MAX_MATCH 16

static bool starts_with(const struct rasd_token *t, const char *pre)
{
	size_t n = strlen(pre);
	return t->klen >= n && memcmp(t->key, pre, n) == 0;
}

static bool ends_with(const struct rasd_token *t, const char *suf)
{
	size_t n = strlen(suf);
	return t->klen >= n && memcmp(t->key + t->klen - n, suf, n) == 0;
}

bool word_list_prefix(const struct rasd_lexicon *lex, const char *key, size_t n,
		      enum rasd_word_list list)
{
	size_t nw, i;
	const struct rasd_str *w = rasd_lex_word_list(lex, list, &nw);
	for (i = 0; i < nw; i++)
		if (n >= w[i].n && memcmp(key, w[i].p, w[i].n) == 0)
			return true;
	return false;
}

bool word_list_inside(const struct rasd_lexicon *lex, const char *key, enum rasd_word_list list)
{
	size_t nw, i;
	const struct rasd_str *w = rasd_lex_word_list(lex, list, &nw);
	for (i = 0; i < nw; i++)
		if (strstr(key, w[i].p)) /* list words are NUL-terminated */
			return true;
	return false;
}

/* Bytes of the clitic letters removed from a key-form word's front. */
static size_t clitic_bytes(const struct rasd_token *t, unsigned clitics, bool *lil)
{
	size_t b = 0;
	*lil = false;
	if (clitics & RASD_CLITIC_CONJ)
		b += 2;
	if (clitics & RASD_CLITIC_PREP) {
		/* لل + word: both ل go and the caller writes ال back */
		if (t->klen >= b + 4 && memcmp(t->key + b, "لل", 4) == 0 &&
		    !(clitics & RASD_CLITIC_ARTICLE)) {
			*lil = true;
			b += 2;
		}
		b += 2;
	}
	if (clitics & RASD_CLITIC_ARTICLE)
		b += (*lil) ? 2 : 4;
	return b;
}

const char *surface_span(struct rasd_arena *a, const struct rasd_doc *doc, size_t from, size_t to,
			 unsigned clitics)
{
	struct rasd_norm n;
	size_t start, end, skip_letters, k, o;
	bool lil = false;
	char *out;

	if (from >= to || to > doc->ntokens)
		return NULL;
	start = doc->tokens[from].start;
	end = doc->tokens[to - 1].end;
	/* trailing quotes are not part of a name */
	while (to > from + 1 && doc->tokens[to - 1].kind == RASD_TOK_PUNCT) {
		to--;
		end = doc->tokens[to - 1].end;
	}
	if (rasd_norm(a, doc->text + start, end - start, RASD_NORM_SURFACE, &n) != RASD_OK)
		return NULL;
	/* Drop the clitic letters: count letters (2-byte Arabic) removed. */
	skip_letters = clitic_bytes(&doc->tokens[from], clitics, &lil) / 2;
	k = 0;
	for (o = 0; o < n.n && skip_letters; skip_letters--) {
		uint32_t cp;
		size_t l = rasd_utf8_decode(n.text + o, n.n - o, &cp);
		if (!l)
			break;
		o += l;
	}
	k = o;
	out = rasd_arena_alloc(a, n.n - k + 8);
	if (!out)
		return NULL;
	o = 0;
	if (lil) {
		memcpy(out, "ال", 4);
		o = 4;
	}
	/* Copy, turning quote marks and hashtag underscores into nothing/space
	 * and collapsing space runs. */
	for (; k < n.n; k++) {
		unsigned char c = (unsigned char)n.text[k];
		uint32_t cp;
		size_t l = rasd_utf8_decode(n.text + k, n.n - k, &cp);
		if (l == 0)
			break;
		if (cp == 0x201C || cp == 0x201D || cp == '"' || cp == 0x00AB || cp == 0x00BB ||
		    cp == '#') {
			k += l - 1;
			continue;
		}
		if (c == '_' || c == '\n' || c == '\t' || c == '\r')
			c = ' ';
		if (c == ' ' && (o == 0 || out[o - 1] == ' ')) {
			continue;
		}
		if (l > 1) {
			memcpy(out + o, n.text + k, l);
			o += l;
			k += l - 1;
		} else {
			out[o++] = (char)c;
		}
	}
	while (o && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return o ? out : NULL;
}

/* ------------------------------------------------------------ scanning */

struct grow {
	void **p;
	size_t *n;
	size_t cap;
	size_t size;
};

static void *push(struct rasd_arena *a, struct grow *g)
{
	if (*g->n == g->cap) {
		size_t ncap = g->cap ? g->cap * 2 : 32;
		void *np = rasd_arena_alloc(a, ncap * g->size);
		if (!np)
			return NULL;
		if (*g->n)
			memcpy(np, *g->p, *g->n * g->size);
		*g->p = np;
		g->cap = ncap;
	}
	{
		void *slot = (char *)*g->p + (*g->n)++ * g->size;
		memset(slot, 0, g->size);
		return slot;
	}
}



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

static void get_hits_uncached(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
			      struct hits *h);

/* Hits at token i, valid until HIT_CACHE other tokens have been looked up. */
static const struct hits *hits_at(struct scan *sc, const struct rasd_doc *doc, size_t i)
{
	size_t slot = i % HIT_CACHE;
	if (sc->tok[slot] != i) {
		get_hits_uncached(sc->lex, doc, i, &sc->hits[slot]);
		sc->tok[slot] = i;
	}
	return &sc->hits[slot];
}

/* Point the role fields at the matches of h->all[0..n). */
static void assign_roles(struct hits *h)
{
	size_t k;

	h->trigger = h->actor = h->place = h->number = h->calendar = NULL;
	h->cue_mask = 0;
	for (k = 0; k < h->n; k++) {
		const struct rasd_lex_match *m = &h->all[k];
		switch (m->kind) {
		case RASD_LEX_TRIGGER:
			if (!h->trigger || m->ntokens > h->trigger->ntokens)
				h->trigger = m;
			break;
		case RASD_LEX_ACTOR: h->actor = m; break;
		case RASD_LEX_PLACE: h->place = m; break;
		case RASD_LEX_NUMBER: h->number = m; break;
		case RASD_LEX_CALENDAR: h->calendar = m; break;
		case RASD_LEX_CUE:
			h->cue_[m->u.cue] = m;
			h->cue_mask |= 1u << m->u.cue;
			break;
		default: break;
		}
	}
}

/* A copy whose role pointers point into the copy. */
static void get_hits(struct scan *sc, const struct rasd_doc *doc, size_t i, struct hits *h)
{
	const struct hits *c = hits_at(sc, doc, i);
	h->n = c->n;
	memcpy(h->all, c->all, c->n * sizeof(c->all[0]));
	assign_roles(h);
}

static void get_hits_uncached(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
			      struct hits *h)
{
	h->n = rasd_lex_match_at(lex, doc, i, h->all, MAX_MATCH);
	assign_roles(h);
}

static bool is_word(const struct rasd_doc *doc, size_t i)
{
	return i < doc->ntokens && doc->tokens[i].kind == RASD_TOK_WORD;
}

/* Skip quote marks and '#' between a cue and its name. */
static size_t skip_marks(const struct rasd_doc *doc, size_t j)
{
	while (j < doc->ntokens && doc->tokens[j].kind == RASD_TOK_PUNCT &&
	       ((doc->tokens[j].flags & RASD_TOKF_QUOTE) || TOKEN_IS(&doc->tokens[j], "#")))
		j++;
	return j;
}

/* Words after which a bare name is read as a place. */
static bool locative_before(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
			    unsigned clitics)
{
	if (clitics & RASD_CLITIC_PREP)
		return true;
	return i > 0 && word_in(lex, &doc->tokens[i - 1], RASD_WL_LOCATIVE);
}

/* Facility words that name a site inside a town: the town is the place. */
static bool site_word(const struct rasd_lexicon *lex, const char *key)
{
	if (!key)
		return false;
	if (strncmp(key, "ال", 4) == 0)
		key += 4;
	return rasd_lex_word_in(lex, key, strlen(key), RASD_WL_PLACE_SITE);
}

/* Is the word at j a place cue (مدينة، بلدة، مخيم، ريف ...)? */
static bool prev_is_cue(struct scan *lex, const struct rasd_doc *doc, size_t j)
{
	const struct hits *h = hits_at(lex, doc, j);
	return CUE(h, RASD_CUE_PLACE_SETTLEMENT) || CUE(h, RASD_CUE_PLACE_FACILITY) ||
	       CUE(h, RASD_CUE_PLACE_RURAL) || CUE(h, RASD_CUE_DIRECTION);
}

/* Could this word be (the start of) an unknown place name? */
static bool name_word_ok(struct scan *lex, const struct rasd_doc *doc, size_t j,
			 bool first)
{
	struct hits h;
	const struct rasd_token *t;
	size_t r;

	if (!is_word(doc, j))
		return false;
	t = &doc->tokens[j];
	if (!(t->flags & RASD_TOKF_ARABIC) || t->klen < 4)
		return false;
	if (word_in(lex->lex, t, RASD_WL_NOT_PLACE_NAME))
		return false;
	if (!first && (t->flags & RASD_TOKF_LINE_BEFORE))
		return false;
	get_hits(lex, doc, j, &h);
	if (h.trigger || h.number || h.calendar || (h.actor && !first))
		return false;
	for (r = 1; r < RASD_CUE_COUNT; r++)
		if (CUE(&h, r) && r != RASD_CUE_PLACE_SETTLEMENT)
			return false;
	if (CUE(&h, RASD_CUE_PLACE_SETTLEMENT) && !first)
		return false;
	/* function words, prepositions, verbs saying where a place lies */
	if (word_in(lex->lex, t, RASD_WL_PLACE_NAME_STOP))
		return false;
	/* a word with a conjunction attached starts a new phrase */
	if (starts_with(t, "و") && !word_list_prefix(lex->lex, t->key, t->klen, RASD_WL_WAW_STEM) &&
	    !starts_with(t, "وال") && t->klen > 6)
		return false;
	if (first && starts_with(t, "وال"))
		return false;
	/* إحياء للذكرى: a cue is followed by its name, never by لِلـ */
	if (starts_with(t, "لل") && t->klen > 6)
		return false;
	return true;
}

/* Unknown name after a cue: one word, two for compound names (أبو خشب),
 * or a word plus a definite continuation (معرة النعمان). */
static size_t unknown_name(struct scan *lex, const struct rasd_doc *doc, size_t j,
			   bool require_definite)
{
	const struct rasd_token *t;

	if (!name_word_ok(lex, doc, j, true))
		return 0;
	{
		struct hits h;
		get_hits(lex, doc, j, &h);
		if (CUE(&h, RASD_CUE_PLACE_SETTLEMENT) || CUE(&h, RASD_CUE_PLACE_FACILITY) ||
		    CUE(&h, RASD_CUE_PLACE_RURAL) || CUE(&h, RASD_CUE_DIRECTION))
			return 0;
		/* محافظة البلاد، منطقة المدنيين: a listed common word names no
		 * place the gazetteer lacks */
		if (CUE(&h, RASD_CUE_NOT_PLACE) && CUE(&h, RASD_CUE_NOT_PLACE)->ntokens == 1 &&
		    !h.place)
			return 0;
	}
	t = &doc->tokens[j];
	if (require_definite && !starts_with(t, "ال") && !word_in(lex->lex, t, RASD_WL_PLACE_NAME_PREFIX))
		return 0;
	/* adjectives are not names: قرية حدودية، منطقة سكنية (not_names); but
	 * many names end the same way (قانية، حمورية), so no suffix rule */
	if (word_in(lex->lex, t, RASD_WL_PLACE_NAME_PREFIX) && !TOKEN_IS(t, "ال")) {
		if (name_word_ok(lex, doc, j + 1, false) &&
		    !(doc->tokens[j + 1].flags & RASD_TOKF_LINE_BEFORE))
			return 2;
		return 0;
	}
	if (name_word_ok(lex, doc, j + 1, false) && starts_with(&doc->tokens[j + 1], "ال") &&
	    ((!ends_with(&doc->tokens[j + 1], "ي") && !ends_with(&doc->tokens[j + 1], "يه") &&
	      !ends_with(&doc->tokens[j + 1], "يين") && !ends_with(&doc->tokens[j + 1], "ين")) ||
	     word_in(lex->lex, &doc->tokens[j + 1], RASD_WL_NAME_CONTINUATION)) &&
	    doc->tokens[j + 1].start == doc->tokens[j].end + 1) {
		struct hits h;
		get_hits(lex, doc, j + 1, &h);
		if (!h.place && !h.actor)
			return 2;
	}
	return 1;
}

/* Direction words after a place: ريف دير الزور الغربي، شمال شرق */
static size_t trailing_direction(struct scan *lex, const struct rasd_doc *doc,
				 size_t j)
{
	struct hits h;
	if (!is_word(doc, j))
		return 0;
	get_hits(lex, doc, j, &h);
	if (CUE(&h, RASD_CUE_DIRECTION) && starts_with(&doc->tokens[j], "ال"))
		return CUE(&h, RASD_CUE_DIRECTION)->ntokens;
	return 0;
}

static int kind_specificity(enum rasd_place_kind k)
{
	switch (k) {
	case RASD_PLACE_COUNTRY: return 1;
	case RASD_PLACE_ADMIN1: return 2;
	case RASD_PLACE_REGION: case RASD_PLACE_WATER: return 2;
	case RASD_PLACE_ADMIN2: return 3;
	case RASD_PLACE_ADMIN3: return 4;
	case RASD_PLACE_CITY: return 5;
	default: return 6;
	}
}

/* A settlement cue that names the unit kind expected after it. */
static bool cue_fits(const struct rasd_lexicon *lex, const struct rasd_token *cue,
		     const struct rasd_place *p)
{
	const char *k = cue->key;
	/* strip clitics roughly: look for the cue word inside the key */
	if (word_list_inside(lex, k, RASD_WL_CUE_ADMIN1))
		return p->kind == RASD_PLACE_ADMIN1;
	if (word_list_inside(lex, k, RASD_WL_CUE_ADMIN3))
		return p->kind == RASD_PLACE_ADMIN3 || p->kind == RASD_PLACE_TOWN ||
		       p->kind == RASD_PLACE_CITY || p->kind == RASD_PLACE_VILLAGE;
	if (word_list_inside(lex, k, RASD_WL_CUE_ADMIN))
		return p->kind != RASD_PLACE_COUNTRY;
	if (word_list_inside(lex, k, RASD_WL_CUE_SETTLEMENT))
		return p->kind >= RASD_PLACE_ADMIN2 && p->kind <= RASD_PLACE_NEIGHBOURHOOD;
	return true;
}

static const char *cue_key_of(struct rasd_arena *a, const struct rasd_token *t, unsigned clitics)
{
	bool lil;
	size_t b = clitic_bytes(t, clitics, &lil);
	if (lil)
		b -= 0;
	if (b > t->klen)
		b = t->klen;
	return rasd_arena_strndup(a, t->key + b, t->klen - b);
}

/* الميليشيات الموالية لإيران، المدعومة من تركيا، التابعة لروسيا: whose side,
 * not where */
static bool allegiance_before(const struct rasd_lexicon *lex, const struct rasd_doc *doc,
			      uint32_t tok)
{
	uint32_t k = tok;
	if (k > 1 && word_in(lex, &doc->tokens[k - 1], RASD_WL_ALLEGIANCE_LINK))
		k--;
	return k > 0 && word_in(lex, &doc->tokens[k - 1], RASD_WL_ALLEGIANCE);
}

static enum rasd_status add_place(const struct rasd_lexicon *lex, struct rasd_arena *a, struct grow *g,
				  const struct rasd_doc *doc,
				  size_t from, size_t to, size_t name_from, size_t name_to,
				  unsigned name_clitics, const struct rasd_lex_match *pm,
				  enum place_cue cue, const char *cue_key, bool direction,
				  bool keep_cue, unsigned cue_clitics)
{
	struct m_place *p = push(a, g);

	if (!p)
		return RASD_ENOMEM;
	p->tok = (uint32_t)from;
	p->ntok = (uint32_t)(to - from);
	p->cue_tok = (uint32_t)from;
	p->list = -1;
	p->cue = cue;
	p->cue_key = cue_key;
	p->direction = direction;
	p->ref = -1;
	if (keep_cue)
		p->name = surface_span(a, doc, from, name_to, cue_clitics);
	else
		p->name = surface_span(a, doc, name_from, name_to, name_clitics);
	if (!p->name)
		return RASD_ENOMEM;
	if (allegiance_before(lex, doc, (uint32_t)from))
		return RASD_OK; /* a side's patron: no candidates, not a place */
	if (pm) {
		p->cands = pm->u.place.places;
		p->ncand = pm->u.place.count;
	} else {
		p->unknown = true;
	}
	return RASD_OK;
}

/* مناطق، قرى، بلدات، منطقتي ...: a cue that announces several places. */
static bool plural_cue(const struct rasd_lexicon *lex, const char *k)
{
	if (!k)
		return false;
	if (strncmp(k, "ال", 4) == 0)
		k += 4;
	return rasd_lex_word_in(lex, k, strlen(k), RASD_WL_PLURAL_CUE);
}

/* Places listed after a place: مناطق مسعودة والعر ومحجان، مفرقي زبيد و الجبلية.
 * Each item is a mention of its own (an event per place), sharing the
 * head's cue word; returns the end of the list. */
static enum rasd_status extend_list(struct scan *sc, struct rasd_arena *a, struct grow *gp,
				    struct mentions *m, const struct rasd_doc *doc, size_t head,
				    size_t *end)
{
	size_t j = *end;
	enum rasd_status st;

	for (;;) {
		const struct hits *h;
		const struct m_place *hp = &m->place[head];
		bool bare_waw = false;
		size_t k = j, nl;
		const struct rasd_token *t;

		if (k < doc->ntokens && doc->tokens[k].kind == RASD_TOK_PUNCT &&
		    (TOKEN_IS(&doc->tokens[k], "،") || TOKEN_IS(&doc->tokens[k], ",")))
			k++;
		if (k < doc->ntokens && TOKEN_IS(&doc->tokens[k], "و")) {
			bare_waw = true;
			k++;
		}
		k = skip_marks(doc, k);
		if (k >= doc->ntokens || !is_word(doc, k) ||
		    (doc->tokens[k].flags & RASD_TOKF_LINE_BEFORE))
			break;
		t = &doc->tokens[k];
		if (!bare_waw && !(t->klen > 4 && memcmp(t->key, "و", 2) == 0))
			break;
		h = hits_at(sc, doc, k);
		if (h->trigger || h->actor || h->number || h->calendar)
			break;
		if (h->place && (bare_waw || (h->place->clitics & RASD_CLITIC_CONJ))) {
			size_t e = k + h->place->ntokens;
			st = add_place(sc->lex, a, gp, doc, k, e, k, e, h->place->clitics, h->place, hp->cue,
				       hp->cue_key, false, false, 0);
			if (st)
				return st;
		} else if (hp->cue != PCUE_NONE && hp->cue != PCUE_RURAL && plural_cue(sc->lex, hp->cue_key)) {
			/* an unknown name in a cue'd list: the word without its و */
			const struct rasd_token *w = t;
			size_t r;
			bool ok = w->klen >= (bare_waw ? 6u : 8u) && (w->flags & RASD_TOKF_ARABIC);
			for (r = 1; r < RASD_CUE_COUNT && ok; r++)
				if (CUE(h, r))
					ok = false;
			if (ok) {
				struct rasd_token probe = *w;
				if (!bare_waw) {
					probe.key += 2;
					probe.klen -= 2;
				}
				if (word_in(sc->lex, &probe, RASD_WL_NOT_PLACE_NAME))
					ok = false;
			}
			if (!ok)
				break;
			nl = 1;
			{
				struct rasd_token probe = *w;
				if (!bare_waw) {
					probe.key += 2;
					probe.klen -= 2;
				}
				/* ومعرة حرمة: a compound name in the list */
				if (word_in(sc->lex, &probe, RASD_WL_PLACE_NAME_PREFIX) && k + 1 < doc->ntokens &&
				    name_word_ok(sc, doc, k + 1, false))
					nl = 2;
			}
			st = add_place(sc->lex, a, gp, doc, k, k + nl, k, k + nl,
				       bare_waw ? 0 : RASD_CLITIC_CONJ, NULL, hp->cue, hp->cue_key, false,
				       false, 0);
			if (st)
				return st;
		} else {
			break;
		}
		m->place[m->nplace - 1].list = (int32_t)head;
		m->place[m->nplace - 1].locative = true;
		m->place[m->nplace - 1].cue_tok = hp->cue_tok;
		if (m->place[head].list < 0)
			m->place[head].list = (int32_t)head;
		j = m->place[m->nplace - 1].tok + m->place[m->nplace - 1].ntok;
	}
	*end = j;
	return RASD_OK;
}

/* ذات المنطقة، نفس البلدة، المنطقة نفسها: "the same" marks the word at i as
 * the place just told, even a word that is otherwise too common to be one */
static bool same_marked(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i)
{
	return (i > 0 && word_in(lex, &doc->tokens[i - 1], RASD_WL_SAME_BEFORE)) ||
	       (i + 1 < doc->ntokens && word_in(lex, &doc->tokens[i + 1], RASD_WL_SAME_AFTER));
}

enum rasd_status find_mentions(const struct rasd_lexicon *lex, const struct rasd_doc *doc,
			       int32_t published, struct rasd_arena *a, struct mentions *m)
{
	struct grow gt = {(void **)&m->trig, &m->ntrig, 0, sizeof(struct m_trigger)};
	struct grow ga = {(void **)&m->act, &m->nact, 0, sizeof(struct m_actor)};
	struct grow gc = {(void **)&m->cue, &m->ncue, 0, sizeof(struct m_cue)};
	struct grow gn = {(void **)&m->num, &m->nnum, 0, sizeof(struct m_number)};
	struct grow gd = {(void **)&m->date, &m->ndate, 0, sizeof(struct rasd_date_expr)};
	struct grow gp = {(void **)&m->place, &m->nplace, 0, sizeof(struct m_place)};
	size_t i, actor_end = 0, place_end = 0, num_end = 0, date_end = 0, trig_end = 0;
	/* قبل، منذ، ومنذ: the words that start a date, by length and first
	 * letter before the lists (every word is tested) */
	struct word_prefilter date_words = {0, {0, 0}};
	size_t armed_cue_at = SIZE_MAX, listed = 0;
	uint32_t list_cue_tok = UINT32_MAX;
	enum rasd_status st;

	struct scan *sc = rasd_arena_alloc(a, sizeof(*sc));

	memset(m, 0, sizeof(*m));
	if (!sc)
		return RASD_ENOMEM;
	sc->lex = lex;
	word_prefilter_add(&date_words, lex, RASD_WL_AGO);
	word_prefilter_add(&date_words, lex, RASD_WL_SINCE);
	memset(&sc->none, 0, sizeof(sc->none));
	for (i = 0; i < HIT_CACHE; i++)
		sc->tok[i] = SIZE_MAX;
	for (i = 0; i < doc->ntokens; i++) {
		const struct rasd_token *t = &doc->tokens[i];
		const struct hits *hp;
		const struct rasd_lex_match *hplace;
		size_t r;

		if (m->nplace > listed) {
			/* the place just found may head a list */
			size_t head = m->nplace - 1, end;
			listed = m->nplace;
			if (!m->place[head].anaphor && m->place[head].list < 0 &&
			    m->place[head].cue != PCUE_RURAL) {
				end = m->place[head].tok + m->place[head].ntok;
				st = extend_list(sc, a, &gp, m, doc, head, &end);
				if (st)
					return st;
				listed = m->nplace;
				if (end > place_end) {
					place_end = end;
				}
				if (end > i)
					i = end;
				if (i >= doc->ntokens)
					break;
				t = &doc->tokens[i];
			}
		}

		if (t->kind == RASD_TOK_PUNCT)
			continue;
		if (t->kind == RASD_TOK_NUMBER) {
			hp = &sc->none;
		} else {
			hp = hits_at(sc, doc, i);
		}
		hplace = hp->place;

		/* Dates first: a number may start one (9 نوفمبر). */
		if (i >= date_end && (t->kind == RASD_TOK_NUMBER || hp->calendar ||
				      (word_maybe_or_waw(&date_words, t) &&
				       (word_in_or_waw(lex, t, RASD_WL_AGO) ||
					word_in_or_waw(lex, t, RASD_WL_SINCE))))) {
			struct rasd_date_expr de;
			size_t got = rasd_date_at(lex, doc, i, published, &de);
			if (got) {
				struct rasd_date_expr *d = push(a, &gd);
				if (!d)
					return RASD_ENOMEM;
				*d = de;
				if (i > 0 && word_in_or_waw(lex, &doc->tokens[i - 1], RASD_WL_SINCE))
					d->since = true;
				/* منذ بدء التصعيد في 18 شباط: a period opened by منذ */
				{
					size_t k;
					for (k = i; k > 0 && k + 8 > i; k--) {
						const struct rasd_token *w = &doc->tokens[k - 1];
						if (w->kind == RASD_TOK_PUNCT && (w->flags & (RASD_TOKF_CLAUSE | RASD_TOKF_TERMINAL)))
							break;
						if (word_in_or_waw(lex, w, RASD_WL_SINCE))
							d->since = true;
					}
				}
				date_end = i + got;
				if (num_end < date_end)
					num_end = date_end; /* the day is not a count */
				if (place_end < date_end)
					place_end = date_end; /* تشرين is a month here */
			}
		}
		if (i >= num_end && (t->kind == RASD_TOK_NUMBER || hp->number)) {
			long v;
			bool vague;
			size_t got = rasd_number_at(lex, doc, i, &v, &vague);
			if (got) {
				struct m_number *n = push(a, &gn);
				if (!n)
					return RASD_ENOMEM;
				n->tok = (uint32_t)i;
				n->ntok = (uint32_t)got;
				n->value = v;
				n->vague = vague;
				num_end = i + got;
			}
		}
		if (t->kind != RASD_TOK_WORD)
			continue;
		for (r = 0; hp->cue_mask && r < hp->n; r++) {
			const struct rasd_lex_match *q = &hp->all[r];
			struct m_cue *c;
			if (q->kind != RASD_LEX_CUE || CUE(hp, q->u.cue) != q)
				continue;
			c = push(a, &gc);
			if (!c)
				return RASD_ENOMEM;
			c->tok = (uint32_t)i;
			c->ntok = q->ntokens;
			c->role = q->u.cue;
		}
		if (CUE(hp, RASD_CUE_ARMED_PERSON))
			armed_cue_at = i;
		if (hp->trigger && i >= trig_end) {
			struct m_trigger *tr = push(a, &gt);
			if (!tr)
				return RASD_ENOMEM;
			tr->tok = (uint32_t)i;
			tr->ntok = hp->trigger->ntokens;
			tr->cls = hp->trigger->u.trigger.cls;
			tr->form = hp->trigger->u.trigger.form;
			tr->clitics = hp->trigger->clitics;
			tr->definite = (hp->trigger->clitics & RASD_CLITIC_ARTICLE) != 0 ||
				       starts_with(t, "ال");
			/* في قتل، بقتل، على قتل: the verb's spelling used as a noun */
			if (tr->form == RASD_FORM_VERB &&
			    ((hp->trigger->clitics & (RASD_CLITIC_PREP | RASD_CLITIC_ARTICLE)) ||
			     (i > 0 && word_in(lex, &doc->tokens[i - 1], RASD_WL_VERB_AS_NOUN_AFTER))))
				tr->form = RASD_FORM_NOUN;
			trig_end = i + hp->trigger->ntokens;
		}
		if (hp->actor && i >= actor_end && hplace && hplace->ntokens >= hp->actor->ntokens &&
		    locative_before(lex, doc, i, hplace->clitics)) {
			/* في السعودية: the country is where, not who */
		} else if (hp->actor && i >= actor_end) {
			struct m_actor *ac = push(a, &ga);
			if (!ac)
				return RASD_ENOMEM;
			ac->tok = (uint32_t)i;
			ac->ntok = hp->actor->ntokens;
			ac->head = (uint32_t)i;
			ac->actor = hp->actor->u.actor.actor;
			ac->flags = hp->actor->u.actor.flags;
			/* عناصر التنظيم، مقاتلو ”داعش“: the combatant word right before
			 * an armed actor (quotes between allowed) is its head */
			if (armed_cue_at != SIZE_MAX && armed_cue_at < i && armed_cue_at + 3 >= i &&
			    !(ac->flags & RASD_ACTOR_VICTIM) && armed_cue_at >= actor_end &&
			    skip_marks(doc, armed_cue_at + 1) == i) {
				ac->armed_cue = true;
				ac->head = (uint32_t)armed_cue_at;
			}
			{
				const struct rasd_token *last = &doc->tokens[i + ac->ntok - 1];
				ac->plural = ends_with(last, "ين") || ends_with(last, "ون") ||
					     ends_with(last, "ات") ||
					     word_in(lex, last, RASD_WL_VICTIM_PLURAL) ||
					     word_list_prefix(lex, last->key, last->klen,
							      RASD_WL_VICTIM_PLURAL_STEM) ||
					     ends_with(last, "يين");
			}
			actor_end = i + hp->actor->ntokens;
			/* A place word inside an actor's name is not a place:
			 * قوات سوريا الديمقراطية */
			if (hp->actor->ntokens > 1 && place_end < actor_end) {
				size_t k;
				bool inner_place_longer = false;
				for (k = i + 1; k < actor_end; k++) {
					struct hits h2;
					uint32_t q;
					get_hits(sc, doc, k, &h2);
					if (h2.place && k + h2.place->ntokens > actor_end)
						inner_place_longer = true;
					/* مجلس منبج العسكري names its town; قوات سوريا
					 * الديمقراطية does not name a country as a place, nor
					 * فيلق القدس، أنصار بيت المقدس a city */
					for (q = 0; h2.place && q < h2.place->u.place.count &&
						    word_in(lex, &doc->tokens[i], RASD_WL_COUNCIL);
					     q++) {
						const struct rasd_place *pl =
							rasd_lex_place(lex, h2.place->u.place.places[q]);
						if (pl->kind >= RASD_PLACE_ADMIN2 && pl->kind != RASD_PLACE_REGION)
							inner_place_longer = true;
					}
				}
				if (!inner_place_longer && !hplace)
					place_end = actor_end;
			}
		}

		/* Places. A common word that is also a place name (البيت الأبيض، في
		 * البلاد) blocks its span unless a cue word introduces it. */
		if (CUE(hp, RASD_CUE_NOT_PLACE) && !same_marked(lex, doc, i) &&
		    !(hplace && hplace->ntokens > CUE(hp, RASD_CUE_NOT_PLACE)->ntokens) &&
		    !(i > 0 && is_word(doc, i - 1) &&
		      (CUE(hits_at(sc, doc, i - 1), RASD_CUE_PLACE_SETTLEMENT) ||
		       CUE(hits_at(sc, doc, i - 1), RASD_CUE_PLACE_FACILITY)))) {
			size_t e = i + CUE(hp, RASD_CUE_NOT_PLACE)->ntokens;
			if (place_end < e)
				place_end = e;
		}
		if (i < place_end)
			continue;
		{
			const struct rasd_lex_match *setl = CUE(hp, RASD_CUE_PLACE_SETTLEMENT);
			const struct rasd_lex_match *fac = CUE(hp, RASD_CUE_PLACE_FACILITY);
			const struct rasd_lex_match *rural = CUE(hp, RASD_CUE_PLACE_RURAL);
			/* مدرسته، قريتهم: a cue word that owns a pronoun points back,
			 * it introduces no name */
			if (setl && (setl->clitics & RASD_CLITIC_PRONOUN))
				setl = NULL;
			if (fac && (fac->clitics & RASD_CLITIC_PRONOUN))
				fac = NULL;
			if (rural && (rural->clitics & RASD_CLITIC_PRONOUN))
				rural = NULL;
			const struct rasd_lex_match *dir = CUE(hp, RASD_CUE_DIRECTION);
			const struct rasd_lex_match *cue = setl ? setl : fac ? fac : rural;
			bool definite_cue;

			if (fac && site_word(lex, cue_key_of(a, t, fac->clitics))) {
				/* a market or a hospital: the town around it is the place */
				if (!hplace || hplace->ntokens <= fac->ntokens)
					continue;
			}
			definite_cue = (cue && (cue->clitics & RASD_CLITIC_ARTICLE)) ||
					    starts_with(t, "ال") ||
					    (cue && starts_with(t, "بال")) || (cue && starts_with(t, "وال")) ||
					    (cue && starts_with(t, "لل")) || (cue && starts_with(t, "فال"));

			/* A one-word name that is also an actor, a trigger, a date word
			 * or a listed common word is not a place without a cue word
			 * before it (التحالف، الثورة). */
			if (hplace && hplace->ntokens == 1 &&
			    ((hp->actor && hp->actor->ntokens >= 1) ||
			     hp->trigger || hp->calendar || hp->number || CUE(hp, RASD_CUE_DEATH) ||
			     CUE(hp, RASD_CUE_ARMED_PERSON)) &&
			    !(i > 0 && is_word(doc, i - 1) && prev_is_cue(sc, doc, i - 1)))
				hplace = NULL;
			if (hplace && hp->actor && hp->actor->ntokens >= hplace->ntokens &&
			    !locative_before(lex, doc, i, hplace->clitics))
				hplace = NULL; /* قالت الرياض: the government; من الرياض: the city */
			if (hplace && hplace->ntokens == 1 && !cue && !dir &&
			    !locative_before(lex, doc, i, hplace->clitics)) {
				/* a bare country name is a subject or an adjective
				 * (مدفعية تركية), not where something happened */
				uint32_t k;
				bool all_countries = true;
				for (k = 0; k < hplace->u.place.count; k++)
					if (rasd_lex_place(lex, hplace->u.place.places[k])->kind !=
					    RASD_PLACE_COUNTRY)
						all_countries = false;
				if (all_countries)
					hplace = NULL;
			}
			/* الحدود الشرقية، كوريا الشمالية: a name shaped like an adjective
			 * (ال...ية، ال...ي) after a noun describes it */
			if (hplace && hplace->ntokens == 1 && !cue && CUE(hp, RASD_CUE_DIRECTION) &&
			    !(i > 0 && is_word(doc, i - 1) && prev_is_cue(sc, doc, i - 1)))
				hplace = NULL;
			/* A bare one-word name of a small place needs a locative word
			 * before it (في، من، قرب ...), a clitic preposition (بـ) or a list
			 * it continues. */
			if (hplace && hplace->ntokens == 1 && !cue && !dir &&
			    !locative_before(lex, doc, i, hplace->clitics)) {
				uint32_t k;
				bool important = false;
				for (k = 0; k < hplace->u.place.count; k++) {
					const struct rasd_place *pl = rasd_lex_place(lex, hplace->u.place.places[k]);
					if (pl->kind <= RASD_PLACE_CITY || pl->kind == RASD_PLACE_REGION ||
					    pl->kind == RASD_PLACE_WATER)
						important = true;
				}
				bool in_list = (hplace->clitics & RASD_CLITIC_CONJ) && m->nplace &&
					       m->place[m->nplace - 1].tok + m->place[m->nplace - 1].ntok + 2 >= i;
				if (!important && !in_list)
					hplace = NULL;
			}
			/* A gazetteer name that starts here wins when it is longer than
			 * the cue (مخيم الهول as one name). */
			if (hplace && (!cue || hplace->ntokens > cue->ntokens)) {
				size_t end = i + hplace->ntokens;
				size_t d = trailing_direction(sc, doc, end);
				enum place_cue pc = fac ? PCUE_FACILITY : setl ? PCUE_SETTLEMENT : PCUE_NONE;
				const char *ck = cue ? cue_key_of(a, t, cue->clitics) : NULL;
				/* محافظتي الحسكة ودير الزور: a list shares its cue word */
				if (!cue && (hplace->clitics & RASD_CLITIC_CONJ) && m->nplace &&
				    m->place[m->nplace - 1].tok + m->place[m->nplace - 1].ntok + 1 >= i &&
				    m->place[m->nplace - 1].cue == PCUE_SETTLEMENT) {
					pc = PCUE_SETTLEMENT;
					ck = m->place[m->nplace - 1].cue_key;
					list_cue_tok = m->place[m->nplace - 1].cue_tok;
				}
				st = add_place(lex, a, &gp, doc, i, end + d, i, end, hplace->clitics, hplace,
					       pc, ck, d > 0, false, 0);
				if (!st)
					m->place[m->nplace - 1].locative =
						locative_before(lex, doc, i, hplace->clitics) || cue != NULL;
				if (!st && list_cue_tok != UINT32_MAX)
					m->place[m->nplace - 1].cue_tok = list_cue_tok;
				list_cue_tok = UINT32_MAX;
				if (st)
					return st;
				place_end = end + d;
				continue;
			}
			if (cue || dir) {
				const struct rasd_lex_match *c = cue ? cue : dir;
				size_t j = skip_marks(doc, i + c->ntokens), d;
				struct hits hj;
				enum place_cue pc = setl ? PCUE_SETTLEMENT : fac ? PCUE_FACILITY :
						    rural ? PCUE_RURAL : PCUE_NONE;
				bool is_dir = !cue && dir;
				size_t dir2 = 0;

				/* شمال شرق X, ريف X الشمالي */
				if (j < doc->ntokens && is_word(doc, j)) {
					get_hits(sc, doc, j, &hj);
					if (is_dir && CUE(&hj, RASD_CUE_DIRECTION) && !hj.place) {
						dir2 = CUE(&hj, RASD_CUE_DIRECTION)->ntokens;
						j = skip_marks(doc, j + dir2);
						get_hits(sc, doc, j, &hj);
					}
					if (CUE(&hj, RASD_CUE_PLACE_RURAL) && !hj.place && is_dir) {
						/* جنوب ريف X */
						j = skip_marks(doc, j + CUE(&hj, RASD_CUE_PLACE_RURAL)->ntokens);
						get_hits(sc, doc, j, &hj);
						pc = PCUE_RURAL;
					}
				} else {
					memset(&hj, 0, sizeof(hj));
				}
				if (j < doc->ntokens && hj.place && hj.place->ntokens == 1 && cue &&
				    word_in(lex, &doc->tokens[j], RASD_WL_PLACE_NAME_PREFIX) &&
				    name_word_ok(sc, doc, j + 1, false))
					hj.place = NULL; /* قرية تل السمن: a compound unknown name */
				if (j < doc->ntokens && hj.place && hj.place->ntokens == 1 &&
				    CUE(&hj, RASD_CUE_DIRECTION) && pc != PCUE_SETTLEMENT)
					hj.place = NULL; /* على الحدود الشرقية: an adjective */
				if (j < doc->ntokens && hj.place && CUE(&hj, RASD_CUE_NOT_PLACE) &&
				    pc != PCUE_SETTLEMENT && pc != PCUE_FACILITY)
					hj.place = NULL; /* جنوب البلاد: a common word, not a place */
				if (j < doc->ntokens && hj.place && !(is_dir && hj.place->clitics)) {
					size_t end = j + hj.place->ntokens;
					const struct rasd_lex_match *pm = hj.place;
					d = trailing_direction(sc, doc, end);
					/* a settlement cue must fit one candidate's kind */
					if (pc == PCUE_SETTLEMENT) {
						uint32_t k;
						bool fits = false;
						for (k = 0; k < pm->u.place.count; k++)
							if (cue_fits(lex, t, rasd_lex_place(lex, pm->u.place.places[k])))
								fits = true;
						if (!fits)
							pm = NULL;
					}
					{
						const char *ck = cue ? cue_key_of(a, t, c->clitics) : NULL;
						/* ريف X names a place of its own; محيط X, أطراف X
						 * are X's outskirts */
						bool countryside = pc == PCUE_RURAL && ck &&
								   key_in(lex, ck, RASD_WL_COUNTRYSIDE_CUE);
						st = add_place(lex, a, &gp, doc, i, end + d, j, end, hj.place->clitics,
							       pm, pc, ck, is_dir || pc == PCUE_RURAL || d > 0,
							       pc == PCUE_FACILITY || countryside, c->clitics);
						if (!countryside && pc == PCUE_RURAL && !st)
							m->place[m->nplace - 1].cue = PCUE_NONE;
					}
					if (st)
						return st;
					if (pc == PCUE_RURAL && m->nplace && m->place[m->nplace - 1].cue == PCUE_RURAL) {
						/* location keeps the direction: ريف درعا الشرقي */
						m->place[m->nplace - 1].name =
							surface_span(a, doc, i, end + d, c->clitics);
					}
					place_end = end + d;
					continue;
				}
				if (cue && !is_dir && pc != PCUE_RURAL && j < doc->ntokens) {
					size_t nl = 0;
					const char *uk = cue_key_of(a, t, c->clitics);
					/* سد المنافذ، منفذ البيع، سجن رجل: cue words that are
					 * also common nouns name only places the gazetteer knows */
					bool common = uk && key_in(lex, uk, RASD_WL_COMMON_NOUN_CUE);
					if (!definite_cue && !common) {
						const char *ck = uk;
						bool area = ck && key_in(lex, ck, RASD_WL_AREA_CUE);
						nl = unknown_name(sc, doc, j, area);
						/* مناطق مسعودة والعر ومحجان: a list of names after a
						 * plural cue is evidence enough */
						if (!nl && area) {
							size_t ln = unknown_name(sc, doc, j, false);
							size_t nx = j + ln;
							if (ln && nx < doc->ntokens && is_word(doc, nx) &&
							    doc->tokens[nx].klen > 4 &&
							    memcmp(doc->tokens[nx].key, "و", 2) == 0)
								nl = ln;
						}
					}
					if (nl) {
						size_t end = j + nl;
						d = trailing_direction(sc, doc, end);
						st = add_place(lex, a, &gp, doc, i, end, j, end, 0, NULL, pc,
							       cue_key_of(a, t, c->clitics), false,
							       pc == PCUE_FACILITY, c->clitics);
						if (st)
							return st;
						place_end = end;
						continue;
					}
					if (definite_cue && c->ntokens == 1) {
						/* المخيم, البلدة: refers back */
						struct m_place *p = push(a, &gp);
						if (!p)
							return RASD_ENOMEM;
						p->tok = (uint32_t)i;
						p->ntok = 1;
						p->anaphor = true;
						p->ref = -1;
						p->list = -1;
						p->cue = pc;
						p->same = same_marked(lex, doc, i);
						{
							const char *k = cue_key_of(a, t, c->clitics);
							if (k && strncmp(k, "ال", 4) == 0)
								k += 4;
							p->cue_key = k;
						}
						p->name = NULL;
						place_end = i + 1;
						continue;
					}
				}
			}
			if (hplace) {
				size_t end = i + hplace->ntokens;
				size_t d = trailing_direction(sc, doc, end);
				st = add_place(lex, a, &gp, doc, i, end + d, i, end, hplace->clitics, hplace,
					       PCUE_NONE, NULL, d > 0, false, 0);
				if (!st)
					m->place[m->nplace - 1].locative = locative_before(lex, doc, i, hplace->clitics);
				if (st)
					return st;
				place_end = end + d;
			}
		}
	}
	/* every array is pushed at the scan position: the binary searches of
	 * MENTION_FIRST rely on it */
	{
		size_t q_i, n = 0;
		for (q_i = 0; q_i < m->ncue; q_i++)
			n += m->cue[q_i].role == RASD_CUE_DISASTER;
		m->disaster = n ? rasd_arena_alloc(a, n * sizeof(*m->disaster)) : NULL;
		if (n && !m->disaster)
			return RASD_ENOMEM;
		m->ndisaster = 0;
		for (q_i = 0; q_i < m->ncue; q_i++) {
			const struct m_cue *q = &m->cue[q_i];
			bool in_place = false;
			if (q->role != RASD_CUE_DISASTER)
				continue;
			/* سلسلة جبال الزلزال is a place */
			{
				size_t j;
				for (j = MENTION_FIRST(m, place, nplace, q->tok > 3 ? q->tok - 3 : 0);
				     j < m->nplace && m->place[j].tok <= q->tok; j++)
					if (q->tok < m->place[j].tok + m->place[j].ntok)
						in_place = true;
			}
			if (!in_place)
				m->disaster[m->ndisaster++] = q->tok;
		}
	}
	{
		/* the cues of each role, by token */
		size_t r, q_i;
		bool ok = true;
		memset(m->nrole, 0, sizeof(m->nrole));
		for (q_i = 0; q_i < m->ncue; q_i++)
			if ((unsigned)m->cue[q_i].role < RASD_CUE_COUNT)
				m->nrole[m->cue[q_i].role]++;
		for (r = 0; r < RASD_CUE_COUNT; r++) {
			m->role_tok[r] = m->nrole[r] ? rasd_arena_alloc(a, m->nrole[r] * sizeof(uint32_t))
						     : NULL;
			if (m->nrole[r] && !m->role_tok[r])
				ok = false;
			m->nrole[r] = 0;
		}
		if (ok) {
			for (q_i = 0; q_i < m->ncue; q_i++) {
				unsigned role = (unsigned)m->cue[q_i].role;
				if (role < RASD_CUE_COUNT)
					m->role_tok[role][m->nrole[role]++] = m->cue[q_i].tok;
			}
		}
		m->role_index = ok;
	}
	{
		/* the look-up tables of MENTION_FIRST (a table too big is
		 * simply not made: the binary search stays) */
		size_t nt = doc->ntokens + 1, t_i, k_c = 0, k_t = 0, k_n = 0;
		m->first_cue = rasd_arena_alloc(a, nt * sizeof(uint32_t));
		m->first_trig = rasd_arena_alloc(a, nt * sizeof(uint32_t));
		m->first_num = rasd_arena_alloc(a, nt * sizeof(uint32_t));
		if (!m->first_cue || !m->first_trig || !m->first_num || nt > UINT32_MAX) {
			m->first_cue = m->first_trig = m->first_num = NULL;
			m->nindex = 0;
		} else {
			for (t_i = 0; t_i < nt; t_i++) {
				while (k_c < m->ncue && m->cue[k_c].tok < t_i)
					k_c++;
				while (k_t < m->ntrig && m->trig[k_t].tok < t_i)
					k_t++;
				while (k_n < m->nnum && m->num[k_n].tok < t_i)
					k_n++;
				m->first_cue[t_i] = (uint32_t)k_c;
				m->first_trig[t_i] = (uint32_t)k_t;
				m->first_num[t_i] = (uint32_t)k_n;
			}
			m->nindex = nt;
		}
	}
	assert(in_token_order(m->trig, m->ntrig, sizeof(*m->trig)) &&
	       in_token_order(m->act, m->nact, sizeof(*m->act)) &&
	       in_token_order(m->cue, m->ncue, sizeof(*m->cue)) &&
	       in_token_order(m->num, m->nnum, sizeof(*m->num)) &&
	       in_token_order(m->date, m->ndate, sizeof(*m->date)) &&
	       in_token_order(m->place, m->nplace, sizeof(*m->place)));
	return RASD_OK;
}

/* Every mention struct begins with its token. */
_Static_assert(offsetof(struct m_trigger, tok) == 0, "tok first");
_Static_assert(offsetof(struct m_actor, tok) == 0, "tok first");
_Static_assert(offsetof(struct m_cue, tok) == 0, "tok first");
_Static_assert(offsetof(struct m_number, tok) == 0, "tok first");
_Static_assert(offsetof(struct rasd_date_expr, tok) == 0, "tok first");
_Static_assert(offsetof(struct m_place, tok) == 0, "tok first");

static uint32_t tok_of(const void *base, size_t i, size_t size)
{
	uint32_t t;
	memcpy(&t, (const char *)base + i * size, sizeof(t));
	return t;
}

static bool in_token_order(const void *base, size_t n, size_t size)
{
	size_t i;
	for (i = 1; i < n; i++)
		if (tok_of(base, i, size) < tok_of(base, i - 1, size))
			return false;
	return true;
}

size_t mention_first_at(const struct mentions *m, const void *base, size_t n, size_t size,
			uint32_t tok)
{
	size_t lo = 0, hi = n;
	if (m && tok < m->nindex) {
		if (base == m->cue && m->first_cue)
			return m->first_cue[tok];
		if (base == m->trig && m->first_trig)
			return m->first_trig[tok];
		if (base == m->num && m->first_num)
			return m->first_num[tok];
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tok_of(base, mid, size) < tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool mention_starts_at(const void *base, size_t n, size_t size, uint32_t tok)
{
	size_t i = mention_first_at(NULL, base, n, size, tok);
	return i < n && tok_of(base, i, size) == tok;
}

/* ------------------------------------------------------- disambiguation */

static void add_country_vote(const char **codes, double *votes, size_t *n, const char *cc, double w)
{
	size_t i;
	for (i = 0; i < *n; i++) {
		if (strcmp(codes[i], cc) == 0) {
			votes[i] += w;
			return;
		}
	}
	if (*n < 32) {
		codes[*n] = cc;
		votes[*n] = w;
		(*n)++;
	}
}

/* منطقة عقبة الظاهر: a cue-led name that goes on with a definite word no
 * lexicon knows is a compound name of its own, not the city abroad its
 * first word spells */
static bool compound_name_after(const struct rasd_lexicon *lex, const struct rasd_doc *doc,
				const struct mentions *m, const struct m_place *p)
{
	uint32_t k = p->tok + p->ntok;
	const struct rasd_token *t;
	if (p->cue != PCUE_SETTLEMENT || k >= doc->ntokens)
		return false;
	t = &doc->tokens[k];
	/* only a definite word continues a name (عقبة الظاهر); anything else
	 * (a verb, عادت) starts the rest of the sentence */
	if (t->kind != RASD_TOK_WORD || !(t->flags & RASD_TOKF_ARABIC) || t->klen < 8 ||
	    memcmp(t->key, "ال", 4) != 0 || (t->flags & RASD_TOKF_LINE_BEFORE))
		return false;
	/* محافظة صعدة الحدودية، مدينة العقبة الأردنية، المحاصرة: an adjective
	 * (a nisba, a feminine or plural form) describes the place, it does
	 * not extend its name */
	if (memcmp(t->key + t->klen - 2, "ي", 2) == 0 || memcmp(t->key + t->klen - 2, "ه", 2) == 0 ||
	    memcmp(t->key + t->klen - 4, "ين", 4) == 0 || memcmp(t->key + t->klen - 4, "ون", 4) == 0 ||
	    memcmp(t->key + t->klen - 4, "ات", 4) == 0)
		return false;
	if (word_in(lex, t, RASD_WL_NAME_END_WORD))
		return false;
	/* a word that is a mention of anything is not part of the name */
	return !MENTION_AT(m, place, nplace, k) && !MENTION_AT(m, act, nact, k) &&
	       !MENTION_AT(m, trig, ntrig, k) && !MENTION_AT(m, cue, ncue, k) &&
	       !MENTION_AT(m, date, ndate, k);
}

/* جبل القاهرة، سلسلة جبال عقبة: a mountain's name, whatever city it shares
 * the name with */
static bool landmark_cue(const struct rasd_lexicon *lex, const struct m_place *p)
{
	return p->cue != PCUE_NONE && p->cue_key && key_in(lex, p->cue_key, RASD_WL_MOUNTAIN_CUE);
}

const char *dominant_country(const struct rasd_lexicon *lex, const struct mentions *m)
{
	const char *codes[32];
	double votes[32], best = 0;
	size_t n = 0, i, k;
	const char *out = "";

	for (i = 0; i < m->nplace; i++) {
		const struct m_place *p = &m->place[i];
		const char *cc = NULL;
		bool one = true;
		double w;
		if (!p->ncand || landmark_cue(lex, p))
			continue;
		for (k = 0; k < p->ncand; k++) {
			const struct rasd_place *pl = rasd_lex_place(lex, p->cands[k]);
			if (!cc)
				cc = pl->country;
			else if (strcmp(cc, pl->country) != 0)
				one = false;
		}
		if (!one || !cc)
			continue;
		/* countries and provinces are strong evidence; towns weaker */
		w = 1.0;
		{
			const struct rasd_place *pl = rasd_lex_place(lex, p->cands[0]);
			if (pl->kind == RASD_PLACE_COUNTRY || pl->kind == RASD_PLACE_ADMIN1)
				w = 2.0;
		}
		add_country_vote(codes, votes, &n, cc, w);
	}
	/* the armed groups of one country (الحوثيون، قسد) say where we are */
	for (i = 0; i < m->nact; i++) {
		const struct rasd_actor *ac = rasd_lex_actor(lex, m->act[i].actor);
		if (ac && ac->inter >= 1 && ac->inter <= 4 && strlen(ac->country) == 2)
			add_country_vote(codes, votes, &n, ac->country, 0.5);
	}
	for (i = 0; i < n; i++) {
		if (votes[i] > best) {
			best = votes[i];
			out = codes[i];
		}
	}
	return out;
}

static int place_precision(const struct rasd_place *p, bool near)
{
	int prec;
	switch (p->kind) {
	case RASD_PLACE_COUNTRY:
	case RASD_PLACE_ADMIN1: prec = 3; break;
	case RASD_PLACE_ADMIN2:
	case RASD_PLACE_ADMIN3:
	case RASD_PLACE_REGION:
	case RASD_PLACE_WATER: prec = 2; break;
	default: prec = 1; break;
	}
	if (near && prec < 3)
		prec++;
	return prec;
}

/* Is an armed actor of this country (الحوثيون، الجيش اليمني) named within
 * a few words of tok? */
static bool actor_country_near(const struct rasd_lexicon *lex, const struct mentions *m,
			       uint32_t tok, const char *country)
{
	size_t lo = MENTION_FIRST(m, act, nact, tok > 30 ? tok - 30 : 0);
	for (; lo < m->nact && m->act[lo].tok <= tok + 30; lo++) {
		const struct rasd_actor *ac = rasd_lex_actor(lex, m->act[lo].actor);
		if (ac && ac->inter >= 1 && ac->inter <= 4 && strcmp(ac->country, country) == 0)
			return true;
	}
	return false;
}

static double candidate_score(const struct rasd_lexicon *lex, const struct mentions *m, size_t idx,
			      uint32_t place, const char *doc_country, const struct rasd_doc *doc,
			      struct province_window *w)
{
	const struct rasd_place *c = rasd_lex_place(lex, place);
	const struct m_place *p = &m->place[idx];
	double s = 0;
	size_t k;
	uint32_t para = doc->tokens[p->tok].para;

	if (doc_country && *doc_country && strcmp(c->country, doc_country) == 0)
		s += 10;
	/* الجوف beside the Houthis is Yemen's, in a report about several
	 * countries */
	if (p->ncand > 1 && actor_country_near(lex, m, p->tok, c->country))
		s += 4;
	/* Other mentions nearby (this paragraph and the ones either side) that
	 * name this candidate's province. */
	if (w) {
		s += 6.0 * window_support(w, idx, place);
		goto kind;
	}
	k = idx;
	while (k > 0 && doc->tokens[m->place[k - 1].tok].para + 1 >= para)
		k--;
	for (; k < m->nplace; k++) {
		const struct m_place *o = &m->place[k];
		uint32_t j;
		if (doc->tokens[o->tok].para > para + 1)
			break;
		if (k == idx || !o->ncand)
			continue;
		if (doc->tokens[o->tok].para + 1 < para || doc->tokens[o->tok].para > para + 1)
			continue;
		for (j = 0; j < o->ncand; j++) {
			const struct rasd_place *op = rasd_lex_place(lex, o->cands[j]);
			if (op == c)
				continue;
			if (strcmp(op->country, c->country) == 0 && *c->admin1 &&
			    strcmp(op->admin1, c->admin1) == 0 &&
			    (op->kind == RASD_PLACE_ADMIN1 || o->ncand == 1)) {
				s += 6;
				break;
			}
		}
	}
kind:
	if (p->cue == PCUE_RURAL && c->kind == RASD_PLACE_ADMIN1)
		s += 1.5; /* ريف X: X is a governorate */
	switch (c->kind) {
	case RASD_PLACE_COUNTRY: s += 3; break;
	case RASD_PLACE_ADMIN1: s += 2.5; break;
	case RASD_PLACE_CITY: s += 2.9; break;
	case RASD_PLACE_CAMP: case RASD_PLACE_AIRPORT: case RASD_PLACE_BASE:
	case RASD_PLACE_PRISON: s += 2.6; break;
	case RASD_PLACE_TOWN: s += 1.5; break;
	case RASD_PLACE_REGION: s += 2; break;
	case RASD_PLACE_ADMIN2: s += 1.2; break;
	case RASD_PLACE_ADMIN3: s += 1.0; break;
	default: s += 0.5; break;
	}
	if (c->population > 0)
		s += log10((double)c->population) / 3.0;
	return s;
}

void resolve_places(const struct rasd_lexicon *lex, const struct rasd_doc *doc, struct mentions *m,
		    const char *doc_country)
{
	struct province_window w;
	bool windowed;
	size_t i, k;

	/* A dateline (دبي، الإمارات العربية المتحدة (CNN)) says where the story
	 * was filed, not where it happened. */
	if (m->nplace && m->place[0].tok == 0) {
		for (k = 1; k < doc->ntokens && k < 10; k++) {
			if (TOKEN_IS(&doc->tokens[k], "(")) {
				for (i = 0; i < m->nplace && m->place[i].tok < k; i++) {
					m->place[i].ncand = 0;
					m->place[i].cands = NULL;
					m->place[i].unknown = false;
				}
				break;
			}
		}
	}

	windowed = m->nplace >= WINDOW_FROM && window_init(&w, lex, m);
	for (i = 0; i < m->nplace; i++) {
		struct m_place *p = &m->place[i];
		if (p->anaphor) {
			/* the last earlier mention with the same cue word */
			size_t j;
			for (j = i; j-- > 0;) {
				const struct m_place *o = &m->place[j];
				if (!o->anaphor && o->cue_key && p->cue_key &&
				    strcmp(o->cue_key, p->cue_key) == 0) {
					p->ref = (int32_t)j;
					break;
				}
			}
			continue;
		}
		if (p->ncand && doc_country && *doc_country && p->cue == PCUE_NONE && !p->direction &&
		    !p->locative && p->ntok == 1) {
			/* الخوذ البيضاء: a bare word that names a town abroad only */
			bool home = false;
			for (k = 0; k < p->ncand; k++) {
				const struct rasd_place *c = rasd_lex_place(lex, p->cands[k]);
				if (strcmp(c->country, doc_country) == 0 || c->kind == RASD_PLACE_COUNTRY)
					home = true;
			}
			if (!home) {
				p->ncand = 0;
				p->cands = NULL;
			}
		}
		if (p->ncand && doc_country && *doc_country && p->name &&
		    (!strchr(p->name, ' ') ||
		     /* جبل الإشارة: one name word behind a cue kept in the name */
		     (p->cue != PCUE_NONE && p->cue_tok == p->tok &&
		      !strchr(strchr(p->name, ' ') + 1, ' ') &&
		      /* a border crossing is named after the town across it */
		      !(p->cue_key && key_in(lex, p->cue_key, RASD_WL_CROSSING_CUE))))) {
			/* small places abroad are name clashes, not the place meant;
			 * so is any city abroad behind a mountain's cue (جبل القاهرة
			 * in Yemen is not Cairo) */
			uint32_t keep = 0;
			bool landmark = landmark_cue(lex, p) || compound_name_after(lex, doc, m, p);
			for (k = 0; k < p->ncand; k++) {
				const struct rasd_place *c = rasd_lex_place(lex, p->cands[k]);
				if (strcmp(c->country, doc_country) == 0 ||
				    (!landmark && (c->kind <= RASD_PLACE_CITY || c->kind == RASD_PLACE_REGION ||
						   c->kind == RASD_PLACE_WATER)))
					keep++;
			}
			if (keep == 0) {
				if (p->cue != PCUE_NONE) {
					p->unknown = true; /* keep the name; admin from context */
				}
				p->ncand = 0;
				p->cands = NULL;
			}
		}
		if (windowed)
			window_move(&w, m, doc, i);
		if (p->ncand) {
			double best = -1e9;
			for (k = 0; k < p->ncand; k++) {
				const struct rasd_place *c = rasd_lex_place(lex, p->cands[k]);
				double s = candidate_score(lex, m, i, p->cands[k], doc_country, doc,
							   windowed ? &w : NULL);
				if (p->cue == PCUE_SETTLEMENT && p->cue_key && !cue_fits(lex, &doc->tokens[p->cue_tok], c))
					s -= 20;
				if (s > best) {
					best = s;
					p->place = c;
				}
			}
		}
		if (p->place && p->cue != PCUE_RURAL && p->list < 0 &&
		    p->place->kind >= RASD_PLACE_TOWN && p->place->kind <= RASD_PLACE_NEIGHBOURHOOD) {
			/* حي الروضة شرقي مدينة تعز: the place named right after decides
			 * the province; a candidate elsewhere is a namesake */
			size_t q;
			for (q = i + 1; q < m->nplace; q++) {
				const struct m_place *o = &m->place[q];
				const struct rasd_place *op;
				uint32_t j;
				bool found = false;
				if (o->tok > p->tok + p->ntok + 3)
					break;
				if (!o->ncand || o->anaphor)
					continue;
				/* only a container: شرقي مدينة تعز، في ريف حلب، بحمص; a
				 * direction contains a neighbourhood, but only locates a
				 * town (جرمانا شرقي دمشق lies outside the city) */
				if (!o->direction && o->cue != PCUE_RURAL && !o->locative &&
				    /* في مدينة تعز، شرقي مدينة تعز: a cue-led place after a
				     * locative or direction word */
				    !(o->cue == PCUE_SETTLEMENT &&
				      (locative_before(lex, doc, o->tok, 0) ||
				       (o->cue_key && doc->tokens[o->tok].klen == strlen(o->cue_key) + 2 &&
					starts_with(&doc->tokens[o->tok], "ب")))))
					break; /* بمدينة تعز counts too */
				if (o->direction && o->cue != PCUE_RURAL && !o->locative &&
				    p->place->kind != RASD_PLACE_NEIGHBOURHOOD &&
				    !(p->cue_key && key_in(lex, p->cue_key, RASD_WL_NEIGHBOURHOOD_CUE)))
					break;
				if (o->tok > 0 && doc->tokens[o->tok].klen >= 4 &&
				    memcmp(doc->tokens[o->tok].key, "ل", 2) == 0 &&
				    memcmp(doc->tokens[o->tok].key, "لل", 4) != 0 && !o->direction)
					break; /* الضاحية الجنوبية لبيروت: of, not in */
				op = rasd_lex_place(lex, o->cands[0]);
				if (op->kind == RASD_PLACE_COUNTRY || !*op->admin1 ||
				    strcmp(op->country, p->place->country) != 0 ||
				    strcmp(op->admin1, p->place->admin1) == 0)
					break;
				for (j = 0; j < p->ncand && !found; j++) {
					const struct rasd_place *c2 = rasd_lex_place(lex, p->cands[j]);
					if (strcmp(c2->admin1, op->admin1) == 0) {
						p->place = c2;
						found = true;
					}
				}
				if (!found) {
					p->place = NULL;
					p->unknown = true;
				}
				break;
			}
		}
		if (p->place) {
			p->admin1 = p->place->admin1;
			p->admin2 = p->place->admin2;
			p->country = p->place->country;
			p->lat = p->place->lat;
			p->lon = p->place->lon;
			p->has_coords = true;
			p->precision = place_precision(p->place, p->direction);
			p->specificity = kind_specificity(p->place->kind);
			if (p->cue == PCUE_RURAL && p->precision < 2)
				p->precision = 2;
		}
	}
	if (windowed)
		window_free(&w);
	/* X شمالي Y، X القريبة من Y: Y is a landmark that locates X */
	for (i = 1; i < m->nplace; i++) {
		struct m_place *q = &m->place[i];
		const struct m_place *p = &m->place[i - 1];
		uint32_t gap_from = p->tok + p->ntok, g;
		bool near_word = false;
		if (q->tok < gap_from || q->tok > gap_from + 3 || p->anaphor)
			continue;
		for (g = gap_from; g < q->tok; g++)
			if (word_in(lex, &doc->tokens[g], RASD_WL_NEAR))
				near_word = true;
		if ((q->direction && q->cue != PCUE_RURAL) || near_word)
			q->reference = true;
	}
	/* في ذات المنطقة with no earlier منطقة: the place last told (not a
	 * country, not a landmark that only located another place) */
	for (i = 0; i < m->nplace; i++) {
		struct m_place *p = &m->place[i];
		size_t j;
		if (!p->anaphor || !p->same || p->ref >= 0)
			continue;
		uint32_t para = UINT32_MAX;
		int best_spec = -1;
		/* the most specific place of the last paragraph that named one */
		for (j = i; j-- > 0;) {
			const struct m_place *o = &m->place[j];
			uint32_t op = doc->tokens[o->tok].para;
			int spec;
			if (para != UINT32_MAX && op != para)
				break;
			if (o->anaphor || o->reference || !(o->place || o->unknown) ||
			    (o->place && o->place->kind == RASD_PLACE_COUNTRY))
				continue;
			para = op;
			spec = o->unknown ? 6 : o->specificity;
			if (spec > best_spec) {
				best_spec = spec;
				p->ref = (int32_t)j;
			}
		}
	}
	/* Unknown names take admin units from the nearest known place in the
	 * same sentence (preferring one that follows: أبو خشب في ريف دير الزور),
	 * else from the paragraph. */
	for (i = 0; i < m->nplace; i++) {
		struct m_place *p = &m->place[i];
		const struct m_place *best = NULL;
		size_t j;
		uint32_t para;
		if (!p->unknown || p->anaphor)
			continue;
		para = doc->tokens[p->tok].para;
		for (j = i + 1; j < m->nplace && !best; j++) {
			const struct m_place *o = &m->place[j];
			if (o->tok > p->tok + p->ntok + 8)
				break;
			if (o->place && o->tok <= p->tok + p->ntok + 8 &&
			    o->place->kind != RASD_PLACE_COUNTRY)
				best = o;
		}
		for (j = i; j-- > 0 && !best;) {
			const struct m_place *o = &m->place[j];
			if (doc->tokens[o->tok].para < para)
				break;
			if (o->place && doc->tokens[o->tok].para == para &&
			    o->place->kind != RASD_PLACE_COUNTRY)
				best = o;
		}
		p->specificity = 6;
		if (!best) {
			/* no known place nearby: the last one the article named */
			for (j = i; j-- > 0 && !best;)
				if (m->place[j].place && m->place[j].place->kind != RASD_PLACE_COUNTRY &&
				    *m->place[j].place->admin1)
					best = &m->place[j];
			if (best) {
				p->admin1 = best->place->admin1;
				p->admin2 = NULL;
				p->country = best->place->country;
				p->lat = best->place->lat;
				p->lon = best->place->lon;
				p->has_coords = true;
				p->precision = 3;
				continue;
			}
		}
		if (best) {
			p->admin1 = best->place->admin1;
			p->admin2 = best->place->admin2;
			p->country = best->place->country;
			p->lat = best->place->lat;
			p->lon = best->place->lon;
			p->has_coords = true;
			p->precision = best->place->kind == RASD_PLACE_ADMIN1 ? 3 : 2;
		} else if (doc_country && *doc_country) {
			p->country = doc_country;
			p->precision = 3;
		}
	}
}
