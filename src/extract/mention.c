/*
 * mention.c - one scan over a document that records every lexicon hit
 * (triggers, actors, cue words, numbers, dates, places) as mentions in
 * token order, and the indexes the stages look them up by. Place names
 * are recognised by places.c and resolved to the gazetteer by resolve.c.
 * Part of extract/.
 */
#include "scan.h"

#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static bool in_token_order(const void *base, size_t n, size_t size);

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
