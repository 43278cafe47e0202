/*
 * where.c - the where stage: the place of a frame and of its event.
 * Decides the place mention (the most specific in the clause, then the
 * sentence, then the last one of the paragraph; where a missile came from
 * only when nothing says where it struck), copies the chosen place onto the
 * event, gives each place of a list (مسعودة والعر ومحجان) its own event,
 * and narrows an event placed only in a part of a country to the one
 * governorate the article names. Reads the document, the resolved place
 * mentions and the frame. Part of extract/ (see frame.h).
 */
#include "frame.h"

/* Where something came from, not where it struck: أطلقت من الغوطة على
 * جرمانا، قادمين من سوريا، من جهة الجولان، من اتجاه مأرب. ACLED places
 * remote violence where it lands. */
static bool origin_place(const struct ctx *c, const struct m_place *p)
{
	uint32_t k = p->tok, j;
	if (k >= 2 && WORD_AT(c, k - 2, RASD_WL_FROM) &&
	    WORD_AT(c, k - 1, RASD_WL_DIRECTION_OF))
		return true;
	if (k < 2 || !WORD_AT(c, k - 1, RASD_WL_FROM))
		return false;
	for (j = k - 1; j-- > 0 && j + 5 >= k;) {
		if (c->doc->tokens[j].kind == RASD_TOK_PUNCT)
			break;
		if (word_list_prefix(c->lex, c->doc->tokens[j].key, c->doc->tokens[j].klen,
				     RASD_WL_LAUNCH))
			return true;
	}
	return false;
}

/* Where the reporter filed from or an organisation sits, not where it
 * happened: a dateline (حلب، 12 آذار 2019 /), «المرصد الذي يتخذ من لندن
 * مقرا له», «ومقره لندن», «ومقرها في بيروت»; and a medium's name that is a
 * place's (مراسل الميادين، قناة الجزيرة، تلفزيون سوريا). */
static bool seat_place(const struct ctx *c, const struct m_place *p)
{
	uint32_t k = p->tok;
	if (segment_of(c, k) == RASD_SEG_DATELINE)
		return true;
	if (k >= 1 && (WORD_AT(c, k - 1, RASD_WL_SEAT) || WORD_AT(c, k - 1, RASD_WL_OUTLET_NOUN)))
		return true;
	if (k >= 2 && WORD_AT(c, k - 1, RASD_WL_IN) && WORD_AT(c, k - 2, RASD_WL_SEAT))
		return true;
	return k >= 2 && WORD_AT(c, k - 1, RASD_WL_FROM) &&
	       WORD_AT(c, k - 2, RASD_WL_TAKE_SEAT);
}

/* A place inside an actor's name (مجلس دير الزور العسكري، شرطة البصرة)
 * names the actor, not where it acted. */
static bool in_actor_name(const struct ctx *c, const struct m_place *p)
{
	size_t i;
	for (i = END_BEFORE(act, nact, p->tok + 1); i-- > 0;) {
		const struct m_actor *a = &c->m->act[i];
		if (a->tok + 8 < p->tok)
			break;
		if (a->tok <= p->tok && p->tok + p->ntok <= a->tok + a->ntok)
			return true;
	}
	return false;
}

/* طريق مادبا عمان، طريق القامشلي - عامودا: the second town only names
 * where the road goes */
static bool road_end(const struct ctx *c, size_t i)
{
	const struct m_place *p = &c->m->place[i], *q;
	uint32_t gap;
	if (i == 0)
		return false;
	q = &c->m->place[i - 1];
	if (q->tok == 0 || q->tok + q->ntok > p->tok)
		return false;
	gap = p->tok - (q->tok + q->ntok);
	if (gap > 1 || (gap == 1 && c->doc->tokens[p->tok - 1].kind != RASD_TOK_PUNCT))
		return false;
	return WORD_AT(c, q->tok - 1, RASD_WL_ROAD);
}

/* حي سكني، منطقة صناعية، قرية مجاورة: a cue and an adjective, read as a
 * village no gazetteer knows */
static bool adjective_name(const struct ctx *c, const struct m_place *p)
{
	return p->unknown && p->ntok >= 2 && p->name && !strchr(p->name, ' ') &&
	       WORD_AT(c, p->tok + p->ntok - 1, RASD_WL_PLACE_ADJECTIVE);
}

int choose_place(struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	const struct m_trigger *t = f->trig;
	int best = -1, best_score = -1000, origin = -1, origin_score = -1000;
	size_t i;

	for (i = FIRST(place, nplace, s->tok_begin); i < c->m->nplace; i++) {
		const struct m_place *p = &c->m->place[i];
		int score, dist;
		const struct m_place *r = p;
		if (p->tok < s->tok_begin)
			continue;
		if (p->tok >= s->tok_end)
			break;
		if (p->anaphor) {
			if (p->ref < 0)
				continue;
			r = &c->m->place[p->ref];
		}
		if (!r->place && !r->unknown)
			continue;
		if (adjective_name(c, r)) {
			RULE(c, f, R_WHERE_ADJECTIVE_NAME, r->tok, r->tok + r->ntok);
			continue;
		}
		if (seat_place(c, p)) {
			RULE(c, f, R_WHERE_SEAT, p->tok, p->tok + p->ntok);
			continue;
		}
		dist = (int)p->tok - (int)(t->tok + t->ntok);
		if (p->tok < t->tok)
			dist = (int)(t->tok - p->tok) + 3; /* prefer places after the trigger */
		score = 40 - dist;
		if (p->tok >= f->cb && p->tok < f->ce)
			score += 30;
		score += r->specificity * 4;
		if (p->reference)
			score -= 25; /* it only says where the place before it lies */
		if (p->tok > 0 && (WORD_AT(c, p->tok - 1, RASD_WL_CLOSE_TO) ||
				   (p->tok > 1 && WORD_AT(c, p->tok - 1, RASD_WL_FROM) &&
				    WORD_AT(c, p->tok - 2, RASD_WL_CLOSE_BY))))
			score -= 20; /* قرب دمشق: a landmark, when the sentence has more */
		if (in_actor_name(c, p))
			score -= 200; /* مجلس دير الزور العسكري: only when nothing else is told */
		if (road_end(c, i))
			score -= 40; /* طريق مادبا عمان: the road's start, not its end */
		if (origin_place(c, p)) {
			/* where it came from: only when neither the sentence nor the
			 * paragraph says where it struck */
			if (score > origin_score) {
				origin_score = score;
				origin = (int)i;
			}
			continue;
		}
		if (score > best_score) {
			best_score = score;
			best = (int)i;
		}
	}
	if (best >= 0) {
		const struct m_place *p = &c->m->place[best];
		RULE(c, f, in_actor_name(c, p) ? R_WHERE_ACTOR_NAME :
			   p->tok >= f->cb && p->tok < f->ce ? R_WHERE_IN_CLAUSE : R_WHERE_IN_SENTENCE,
		     p->tok, p->tok + p->ntok);
		return best;
	}
	/* the paragraph: the last place named before the sentence */
	for (i = END_BEFORE(place, nplace, s->tok_begin); i-- > 0;) {
		const struct m_place *p = &c->m->place[i];
		if (p->tok >= s->tok_begin)
			continue;
		if (c->doc->tokens[p->tok].para != s->para)
			break;
		if (seat_place(c, p))
			continue;
		if (p->place || p->unknown || (p->anaphor && p->ref >= 0)) {
			RULE(c, f, R_WHERE_PARAGRAPH, p->tok, p->tok + p->ntok);
			return (int)i;
		}
	}
	if (origin >= 0)
		RULE(c, f, R_WHERE_ORIGIN, c->m->place[origin].tok,
		     c->m->place[origin].tok + c->m->place[origin].ntok);
	else
		RULE(c, f, R_WHERE_NONE, t->tok, t->tok + t->ntok);
	return origin;
}

void where_event(const struct ctx *c, const struct frame *f, struct rasd_event *e)
{
	const struct m_place *p = f->place >= 0 ? &c->m->place[f->place] : NULL;

	if (p && p->anaphor && p->ref >= 0)
		p = &c->m->place[p->ref];
	if (p) {
		e->location = p->name;
		e->place = p->place;
		e->admin1 = p->admin1;
		e->admin2 = p->admin2;
		e->country = p->country;
		e->pcode = p->place && !p->unknown && p->place->pcode[0] ? p->place->pcode : NULL;
		e->has_coords = p->has_coords;
		e->latitude = p->lat;
		e->longitude = p->lon;
		e->geo_precision = p->has_coords ? p->precision : 0;
		if (p->unknown && !p->has_coords)
			e->geo_precision = 0;
	}
	if (!e->country && c->doc_country && *c->doc_country) {
		e->country = c->doc_country;
		RULE(c, f, R_WHERE_ARTICLE_COUNTRY, f->trig->tok, f->trig->tok + f->trig->ntok);
	}
}

/* ACLED codes one event per place: strikes on مسعودة والعر ومحجان are three.
 * The other places of the list get copies of the event (the toll stays on
 * the first, as the text does not split it). */
/* Does place k open a further list joined to the one before it by «و»
 * and a plural cue (…، وبلدات أورم الكبرى وكفرداعل، وبلدتي حيان وحريتان)? */
static bool joined_list_head(const struct ctx *c, const struct m_place *p)
{
	if (p->cue != PCUE_SETTLEMENT)
		return false;
	return WORD_AT(c, p->cue_tok, RASD_WL_JOINED_LIST_CUE);
}

/* The same event at another place of its list: the place's fields, and no
 * toll (a list's toll is told once, on the event it came with). */
static struct rasd_event event_at_place(const struct rasd_event *e, const struct m_place *p)
{
	struct rasd_event copy = *e;
	copy.location = p->name;
	copy.place = p->place;
	copy.admin1 = p->admin1;
	copy.admin2 = p->admin2;
	copy.country = p->country ? p->country : e->country;
	copy.pcode = p->place && p->place->pcode[0] ? p->place->pcode : NULL;
	copy.has_coords = p->has_coords;
	copy.latitude = p->lat;
	copy.longitude = p->lon;
	copy.geo_precision = p->has_coords ? p->precision : 0;
	copy.fatalities = 0;
	return copy;
}

/* The other lists of the same sentence that the strike or raid reached:
 * each of their places is an event of its own, as ACLED codes lists. */
static enum rasd_status more_lists(struct ctx *c, int place, size_t event_index,
				   struct event_list *out)
{
	const struct m_place *chosen = &c->m->place[place];
	const struct rasd_sentence *s = &c->doc->sentences[c->sent_of[chosen->tok]];
	size_t k, last = (size_t)place;
	bool open = false;

	/* the end of the chosen place's own list */
	for (k = (size_t)place + 1; k < c->m->nplace; k++)
		if (c->m->place[k].list == chosen->list && chosen->list >= 0)
			last = k;
	for (k = last + 1; k < c->m->nplace; k++) {
		const struct m_place *p = &c->m->place[k];
		struct rasd_event copy;
		enum rasd_status st;
		if (p->tok >= s->tok_end)
			break;
		if (joined_list_head(c, p))
			open = true;
		else if (!(open && p->list >= 0 && p->list != (int32_t)k))
			open = false; /* a place outside the joined lists ends them */
		if (!open || (!p->place && !p->unknown) || p->anaphor || p->direction)
			continue;
		copy = event_at_place(&out->ev[event_index], p);
		trace_event(c, &copy, R_WHERE_JOINED_LIST, c->doc->tokens[p->tok].start,
			    c->doc->tokens[p->tok + p->ntok - 1].end);
		st = push_event(c->a, out, &copy);
		if (st)
			return st;
	}
	return RASD_OK;
}

enum rasd_status list_events(struct ctx *c, int place, size_t event_index,
			     struct event_list *out)
{
	const struct m_place *chosen;
	size_t k;
	int32_t list;

	if (place < 0)
		return RASD_OK;
	chosen = &c->m->place[place];
	list = chosen->list;
	if (list < 0)
		return RASD_OK;
	for (k = (size_t)list; k < c->m->nplace; k++) {
		const struct m_place *p = &c->m->place[k];
		struct rasd_event copy;
		enum rasd_status st;
		if (p == chosen || (p->list != list && (int32_t)k != list))
			continue;
		if (!p->place && !p->unknown)
			continue;
		/* re-read each time: push_event may move the array */
		copy = event_at_place(&out->ev[event_index], p);
		trace_event(c, &copy, R_WHERE_PLACE_LIST, c->doc->tokens[p->tok].start,
			    c->doc->tokens[p->tok + p->ntok - 1].end);
		/* listed places are distinct by construction: no merging */
		st = push_event(c->a, out, &copy);
		if (st)
			return st;
	}
	return more_lists(c, place, event_index, out);
}

/* غارة جوية على شمال غربي اليمن … المستشفى الجمهوري في حجة: an event the
 * text places only in a part of a country takes the governorate of the
 * article when every place the article names in that country lies in one
 * governorate (at geo_precision 3, as ACLED codes a province-level place). */
void narrow_country_events(struct ctx *c, struct event_list *l)
{
	const struct mentions *m = c->m;
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		struct rasd_event *e = &l->ev[i];
		const char *adm = NULL;
		const struct m_place *best = NULL;
		bool one = true;
		bool region = false;
		/* a toll with no place at all (قتل خمسة مدنيين في غارات) in an
		 * article about one governorate: there, if it names it twice */
		bool placeless = !e->location && e->country && *e->country &&
				 e->evidence.field == RASD_FIELD_TEXT;
		size_t seen = 0;
		if (placeless)
			goto scan;
		if (!e->place || e->place->kind != RASD_PLACE_COUNTRY || !e->country ||
		    e->evidence.field != RASD_FIELD_TEXT)
			continue;
		/* only a part of the country (شمال غربي اليمن): a bare country name
		 * may mean strikes all over it */
		for (k = 0; k < m->nplace && !region; k++) {
			const struct m_place *p = &m->place[k];
			uint32_t at = c->doc->tokens[p->tok].start;
			if (p->place == e->place && p->direction && at >= e->evidence.sent_start &&
			    at < e->evidence.sent_end)
				region = true;
		}
		if (!region)
			continue;
	scan:
		for (k = 0; k < m->nplace && one; k++) {
			const struct m_place *p = &m->place[k];
			if (!p->place || p->place->kind == RASD_PLACE_COUNTRY || !p->admin1 ||
			    !*p->admin1 || !p->country || strcmp(p->country, e->country) != 0)
				continue;
			if (adm && strcmp(adm, p->admin1) != 0)
				one = false;
			adm = p->admin1;
			seen++;
			/* the governorate itself (or its seat) for coordinates */
			if (!best || p->place->kind < best->place->kind)
				best = p;
		}
		if (!one || !best || (placeless && seen < 2))
			continue;
		e->location = best->place->kind == RASD_PLACE_ADMIN1 ? best->name : best->admin1;
		e->place = best->place->kind == RASD_PLACE_ADMIN1 ? best->place : NULL;
		e->admin1 = best->admin1;
		e->admin2 = best->place->kind == RASD_PLACE_ADMIN1 ? NULL : best->admin2;
		e->pcode = e->place && e->place->pcode[0] ? e->place->pcode : NULL;
		e->has_coords = best->has_coords;
		e->latitude = best->lat;
		e->longitude = best->lon;
		e->geo_precision = 3;
		trace_event(c, e, R_WHERE_ONE_GOVERNORATE, c->doc->tokens[best->tok].start,
			    c->doc->tokens[best->tok + best->ntok - 1].end);
	}
}
