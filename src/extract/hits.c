/*
 * hits.c - what the lexicon matches at one token, split by kind, with the
 * small cache the mention scan reads it through (recognising a place looks
 * at the words around it), the arena-grown mention arrays, and word-list
 * tests by prefix and substring. Shared by mention.c and places.c.
 * Part of extract/.
 */
#include "scan.h"

#include <string.h>

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


void *push(struct rasd_arena *a, struct grow *g)
{
	void *np = rasd_arena_grow(a, *g->p, *g->n, &g->cap, g->size, 32);
	if (!np)
		return NULL;
	*g->p = np;
	{
		void *slot = (char *)*g->p + (*g->n)++ * g->size;
		memset(slot, 0, g->size);
		return slot;
	}
}

static void get_hits_uncached(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
			      struct hits *h);

/* Hits at token i, valid until HIT_CACHE other tokens have been looked up. */
const struct hits *hits_at(struct scan *sc, const struct rasd_doc *doc, size_t i)
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
void get_hits(struct scan *sc, const struct rasd_doc *doc, size_t i, struct hits *h)
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
