/*
 * places.c - the shapes in which news writes a place, read during the
 * mention scan (mention.c): gazetteer names with clitics, cue words
 * (بلدة أبو خشب، لمخيم الهول), countryside and directions (ريف دير الزور
 * الغربي، شرق الحسكة), unknown villages after a cue, lists sharing a cue,
 * and anaphora (في المخيم). Part of extract/.
 */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

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

bool is_word(const struct rasd_doc *doc, size_t i)
{
	return i < doc->ntokens && doc->tokens[i].kind == RASD_TOK_WORD;
}

/* Skip quote marks and '#' between a cue and its name. */
size_t skip_marks(const struct rasd_doc *doc, size_t j)
{
	while (j < doc->ntokens && doc->tokens[j].kind == RASD_TOK_PUNCT &&
	       ((doc->tokens[j].flags & RASD_TOKF_QUOTE) || TOKEN_IS(&doc->tokens[j], "#")))
		j++;
	return j;
}

/* Words after which a bare name is read as a place. */
bool locative_before(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
			    unsigned clitics)
{
	if (clitics & RASD_CLITIC_PREP)
		return true;
	return i > 0 && word_in(lex, &doc->tokens[i - 1], RASD_WL_LOCATIVE);
}

/* Facility words that name a site inside a town: the town is the place. */
bool site_word(const struct rasd_lexicon *lex, const char *key)
{
	if (!key)
		return false;
	if (strncmp(key, "ال", 4) == 0)
		key += 4;
	return rasd_lex_word_in(lex, key, strlen(key), RASD_WL_PLACE_SITE);
}

/* Is the word at j a place cue (مدينة، بلدة، مخيم، ريف ...)? */
bool prev_is_cue(struct scan *lex, const struct rasd_doc *doc, size_t j)
{
	const struct hits *h = hits_at(lex, doc, j);
	return CUE(h, RASD_CUE_PLACE_SETTLEMENT) || CUE(h, RASD_CUE_PLACE_FACILITY) ||
	       CUE(h, RASD_CUE_PLACE_RURAL) || CUE(h, RASD_CUE_DIRECTION);
}

/* Could this word be (the start of) an unknown place name? */
bool name_word_ok(struct scan *lex, const struct rasd_doc *doc, size_t j,
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
size_t unknown_name(struct scan *lex, const struct rasd_doc *doc, size_t j,
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
size_t trailing_direction(struct scan *lex, const struct rasd_doc *doc,
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

/* A settlement cue that names the unit kind expected after it. */
bool cue_fits(const struct rasd_lexicon *lex, const struct rasd_token *cue,
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

const char *cue_key_of(struct rasd_arena *a, const struct rasd_token *t, unsigned clitics)
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

enum rasd_status add_place(const struct rasd_lexicon *lex, struct rasd_arena *a, struct grow *g,
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
enum rasd_status extend_list(struct scan *sc, struct rasd_arena *a, struct grow *gp,
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
bool same_marked(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i)
{
	return (i > 0 && word_in(lex, &doc->tokens[i - 1], RASD_WL_SAME_BEFORE)) ||
	       (i + 1 < doc->ntokens && word_in(lex, &doc->tokens[i + 1], RASD_WL_SAME_AFTER));
}
