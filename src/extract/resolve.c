/*
 * resolve.c - choosing among the gazetteer candidates of each place
 * mention (the document's country, the provinces named around it, the
 * kind of place a cue announces), anaphora and landmarks, and admin units
 * for names no gazetteer knows. Runs after the mention scan (mention.c).
 * Part of extract/.
 */
#include "scan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------- disambiguation */

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

/* The last mention (not an anaphor) of each cue word so far, so that an
 * anaphor (البلدة) finds its antecedent without walking back over every
 * earlier place: linear in a long article. Past CUE_LAST_KEYS distinct cue
 * words, the walk back. */
#define CUE_LAST_KEYS 64
struct cue_last {
	const char *key[CUE_LAST_KEYS];
	size_t last[CUE_LAST_KEYS];
	size_t n;
	bool full; /* a cue word was not noted: walk back */
};

static void cue_last_note(struct cue_last *cl, const struct mentions *m, size_t j)
{
	const struct m_place *o = &m->place[j];
	size_t k;
	if (o->anaphor || !o->cue_key)
		return;
	for (k = 0; k < cl->n; k++)
		if (strcmp(cl->key[k], o->cue_key) == 0) {
			cl->last[k] = j;
			return;
		}
	if (cl->n == CUE_LAST_KEYS) {
		cl->full = true;
		return;
	}
	cl->key[cl->n] = o->cue_key;
	cl->last[cl->n++] = j;
}

/* The last place before i, not an anaphor, with that cue word; SIZE_MAX
 * when none. */
static size_t cue_last_find(const struct cue_last *cl, const struct mentions *m, size_t i,
			    const char *key)
{
	size_t k, j;
	if (!key)
		return SIZE_MAX;
	if (!cl->full) {
		for (k = 0; k < cl->n; k++)
			if (strcmp(cl->key[k], key) == 0)
				return cl->last[k];
		return SIZE_MAX;
	}
	for (j = i; j-- > 0;) {
		const struct m_place *o = &m->place[j];
		if (!o->anaphor && o->cue_key && strcmp(o->cue_key, key) == 0)
			return j;
	}
	return SIZE_MAX;
}

void resolve_places(const struct rasd_lexicon *lex, const struct rasd_doc *doc, struct mentions *m,
		    const char *doc_country)
{
	struct province_window w;
	struct cue_last cues;
	bool windowed;
	size_t i, k;

	cues.n = 0;
	cues.full = false;
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
		if (i > 0)
			cue_last_note(&cues, m, i - 1);
		if (p->anaphor) {
			/* the last earlier mention with the same cue word */
			size_t j = cue_last_find(&cues, m, i, p->cue_key);
			if (j != SIZE_MAX)
				p->ref = (int32_t)j;
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
