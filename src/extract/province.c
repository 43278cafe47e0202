/*
 * province.c - how many other place mentions of the paragraphs around a
 * mention name a candidate's province: the support resolve_places
 * (mention.c) adds to a candidate's score, counted over a sliding window
 * of three paragraphs. Part of extract/.
 */
#include "mention.h"

#include <stdlib.h>
#include <string.h>

/* How many other place mentions of the paragraphs around a mention name a
 * candidate's province, counted for a sliding window of three paragraphs
 * instead of by walking the window for every candidate of every mention:
 * a paragraph of N place mentions (a name repeated, a long list of
 * villages) cost N^2 (F7 of issue 12). Exactly the count of the walk in
 * candidate_score: a mention supports province K (country, admin1) when
 * one of its candidates other than the one scored is in K and is the
 * province itself or its only candidate.
 */
static uint64_t hash_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static uint32_t key_id(struct province_window *w, const char *country, const char *admin1)
{
	size_t i = (size_t)hash_str(hash_str(1469598103934665603ull, country), admin1) &
		   (w->key_cap - 1);
	while (w->key_slot[i]) {
		uint32_t k = w->key_slot[i] - 1;
		if (strcmp(w->keys[k].country, country) == 0 && strcmp(w->keys[k].admin1, admin1) == 0)
			return k;
		i = (i + 1) & (w->key_cap - 1);
	}
	w->keys[w->nkeys].country = country;
	w->keys[w->nkeys].admin1 = admin1;
	w->key_slot[i] = (uint32_t)++w->nkeys;
	return (uint32_t)(w->nkeys - 1);
}

static uint32_t place_id(struct province_window *w, uint32_t place)
{
	size_t i = (size_t)(place * 2654435761u) & (w->place_cap - 1);
	while (w->place_slot[i]) {
		if (w->place_of[w->place_slot[i] - 1] == place)
			return w->place_slot[i] - 1;
		i = (i + 1) & (w->place_cap - 1);
	}
	w->place_of[w->nplaces] = place;
	w->place_slot[i] = (uint32_t)++w->nplaces;
	return (uint32_t)(w->nplaces - 1);
}

void window_free(struct province_window *w)
{
	free(w->keys);
	free(w->key_slot);
	free(w->place_slot);
	free(w->place_of);
	free(w->count_key);
	free(w->count_place);
	free(w->first);
	free(w->nsupp);
	free(w->supp);
	free(w->in);
	memset(w, 0, sizeof(*w));
}

static size_t pow2_above(size_t n)
{
	size_t c = 16;
	while (c < 2 * n + 1)
		c *= 2;
	return c;
}

/* The supports of every mention as it is now; false when out of memory
 * (then the walk is used). */
bool window_init(struct province_window *w, const struct rasd_lexicon *lex,
			const struct mentions *m)
{
	size_t total = 0, i, ns = 0;

	memset(w, 0, sizeof(*w));
	w->lex = lex;
	for (i = 0; i < m->nplace; i++)
		total += m->place[i].ncand;
	w->key_cap = w->place_cap = pow2_above(total);
	w->keys = calloc(total + 1, sizeof(*w->keys));
	w->key_slot = calloc(w->key_cap, sizeof(*w->key_slot));
	w->place_slot = calloc(w->place_cap, sizeof(*w->place_slot));
	w->place_of = calloc(total + 1, sizeof(*w->place_of));
	w->count_key = calloc(total + 1, sizeof(*w->count_key));
	w->count_place = calloc(total + 1, sizeof(*w->count_place));
	w->first = calloc(m->nplace, sizeof(*w->first));
	w->nsupp = calloc(m->nplace, sizeof(*w->nsupp));
	w->supp = calloc(total + 1, sizeof(*w->supp));
	w->in = calloc(m->nplace, sizeof(*w->in));
	if (!w->keys || !w->key_slot || !w->place_slot || !w->place_of || !w->count_key ||
	    !w->count_place || !w->first || !w->nsupp || !w->supp || !w->in) {
		window_free(w);
		return false;
	}
	for (i = 0; i < m->nplace; i++) {
		const struct m_place *o = &m->place[i];
		uint32_t j;
		w->first[i] = ns;
		for (j = 0; j < o->ncand; j++) {
			const struct rasd_place *op = rasd_lex_place(lex, o->cands[j]);
			uint32_t k, s;
			if (!*op->admin1 || !(op->kind == RASD_PLACE_ADMIN1 || o->ncand == 1))
				continue;
			k = key_id(w, op->country, op->admin1);
			for (s = 0; s < w->nsupp[i] && w->supp[ns - w->nsupp[i] + s].key != k; s++)
				;
			if (s == w->nsupp[i]) {
				w->supp[ns].key = k;
				w->supp[ns].place = place_id(w, o->cands[j]);
				ns++;
				w->nsupp[i]++;
			} else if (w->supp[ns - w->nsupp[i] + s].place != place_id(w, o->cands[j])) {
				w->supp[ns - w->nsupp[i] + s].place = UINT32_MAX;
			}
		}
	}
	return true;
}

static void window_count(struct province_window *w, const struct mentions *m, size_t o, int by)
{
	uint32_t s;

	if (by > 0 && (w->in[o] || !m->place[o].ncand))
		return;
	if (by < 0 && !w->in[o])
		return;
	w->in[o] = by > 0;
	for (s = 0; s < w->nsupp[o]; s++) {
		const struct province_support *sp = &w->supp[w->first[o] + s];
		w->count_key[sp->key] += by;
		if (sp->place != UINT32_MAX)
			w->count_place[sp->place] += by;
	}
}

/* Bring the window to the paragraphs around mention i (in order). */
void window_move(struct province_window *w, const struct mentions *m,
			const struct rasd_doc *doc, size_t i)
{
	uint32_t para = doc->tokens[m->place[i].tok].para;

	while (w->hi < m->nplace && doc->tokens[m->place[w->hi].tok].para <= para + 1)
		window_count(w, m, w->hi++, 1);
	while (w->lo < w->hi && doc->tokens[m->place[w->lo].tok].para + 1 < para)
		window_count(w, m, w->lo++, -1);
	/* a mention whose candidates were just dropped supports nothing */
	if (!m->place[i].ncand)
		window_count(w, m, i, -1);
}

/* The walk's count for candidate `place` of mention idx. */
int window_support(struct province_window *w, size_t idx, uint32_t place)
{
	const struct rasd_place *c = rasd_lex_place(w->lex, place);
	uint32_t k, pid, s;
	int n;

	if (!*c->admin1)
		return 0;
	k = key_id(w, c->country, c->admin1);
	pid = place_id(w, place);
	n = w->count_key[k] - w->count_place[pid];
	for (s = 0; s < w->nsupp[idx]; s++) {
		const struct province_support *sp = &w->supp[w->first[idx] + s];
		if (sp->key == k && w->in[idx] && sp->place != pid)
			n--; /* the mention itself */
	}
	return n;
}

