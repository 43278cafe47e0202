/*
 * extract.c - from mentions to events: the driver that runs the stages.
 * For each field of an article (title, body) it finds the mentions, then
 * turns every trigger into a frame stage by stage (frames.c: the clause;
 * roles.c and actors.c: who did what to whom; type.c: the means; counts.c:
 * the toll; modality.c: claims, foiled and stopped attacks; when.c and
 * where.c: date and place), drops the frames modality.c and history.c say
 * are no event, fills an event from each remaining frame and merges events
 * of one happening (merge.c). Last come the place lists, the article-wide
 * inferences and the event ids. Part of extract/.
 */
#include "frame.h"

#include <stdio.h>
#include <string.h>

/* off_topic(): a page is off topic with this many sports, arts or science
 * words, not counting place names, and at most this many triggers for
 * each (the 2018 corpus's off-topic pages have at most 4) */
#define OFF_TOPIC_CUES 3
#define OFF_TOPIC_TRIGGERS_PER_CUE 10
#define OFF_TOPIC_PLACE_BACK 8 /* tokens a place mention may start before its word */

/* One frame, stage by stage in the order the data flows: each stage reads
 * what the ones before it filled. */
static void build_frame(struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];

	clause_bounds(c, s, t->tok, &f->cb, &f->ce);
	RULE2(c, f, R_FRAMES_CLAUSE, t->tok, t->tok + t->ntok, f->cb, f->ce);
	f->agent = f->target = f->assoc = -1;
	assign_actors(c, f);
	type_means(c, f);
	roles_victims(c, f);
	counts_frame(c, f);
	modality_claim_foil(c, f);
	type_intervention(c, f);
	modality_intercept(c, f);
	f->date = choose_date(c, f);
	f->place = choose_place(c, f);
	if (f->tr) {
		/* which of its actors were «الجيش، قوات الأمن» read as a state's */
		int who[3] = {f->agent, f->target, f->assoc};
		size_t k;
		for (k = 0; k < 3; k++)
			if (who[k] >= 0 && c->m->act[who[k]].state_resolved)
				RULE(c, f, R_ACTORS_STATE_FORCE, c->m->act[who[k]].tok,
				     c->m->act[who[k]].tok + c->m->act[who[k]].ntok);
	}
}

/* A frame's date is its clause's own day. */
static bool own_day(const struct frame *f)
{
	return f->date && f->date->precision == 1 && f->date->tok >= f->cb && f->date->tok < f->ce;
}

/* The steps recorded since `mark` were a test that did not decide: not the
 * frame's. */
static void trace_back(struct frame *f, size_t mark)
{
	if (f->tr)
		f->tr->n = mark;
}

#define TRACE_MARK(f) ((f)->tr ? (f)->tr->n : 0)

static enum rasd_status code_doc(struct ctx *c, struct event_list *out, bool title)
{
	size_t i, mark;
	enum rasd_status st;

	for (i = 0; i < c->m->ntrig; i++) {
		struct frame f;
		struct frame_trace ft = {NULL, 0, 0};
		struct rasd_event e;
		const struct m_trigger *t = &c->m->trig[i];

		memset(&f, 0, sizeof(f));
		f.trig = t;
		f.sent = c->sent_of[t->tok];
		f.tr = c->trace ? &ft : NULL;
		if (segment_of(c, t->tok) != RASD_SEG_BODY &&
		    segment_of(c, t->tok) != RASD_SEG_DATELINE) {
			RULE(c, &f, R_FRAMES_NOT_STORY, t->tok, t->tok + t->ntok);
			goto drop; /* a caption, a related headline, a tweet: not the story */
		}
		mark_named(c, t->tok + t->ntok + 6);
		build_frame(c, &f);
		c->month_frame = month_frame_before(c, t->tok);
		/* each test records the rule that decided when it drops the frame */
		if (is_question(c, &f) || modal_before(c, &f) || is_statistic(c, &f) ||
		    pluperfect_background(c, &f) || cumulative_toll(c, &f) || purpose_or_method(c, &f) ||
		    statement_or_reference(c, &f))
			goto drop;
		if (accident_or_disaster(c, &f))
			goto drop; /* زلزال، حادث سير، تحطم طائرة: not political violence */
		if (body_found_only(c, &f))
			goto drop; /* جثة with no one finding it: a funeral, an exchange */
		if (t->cls == RASD_EC_TAKEOVER && !takes_ground(c, &f)) {
			RULE(c, &f, R_MODALITY_TAKES_NO_GROUND, t->tok, t->tok + t->ntok);
			goto drop; /* حرر الكثير من الأموال: freed money, took no town */
		}
		if (named_past_event(c, &f))
			goto drop; /* عقب هجوم مانشستر: an attack known by its town's name */
		mark = TRACE_MARK(&f);
		if (sentence_has_since(c, &f) && !own_day(&f))
			goto drop; /* a sentence about a period is a statistic */
		trace_back(&f, mark);
		if (generic_mention(c, &f) && !day_or_toll(c, &f))
			goto drop;
		trace_back(&f, mark);
		if (!title && elaborates(c, out, &f))
			goto drop; /* الهجوم وقع الخميس في بادوش: told before */
		trace_back(&f, mark);
		if (f.foiled && !f.violent && t->cls != RASD_EC_INTERCEPT &&
		    t->cls != RASD_EC_DEFUSE && t->cls != RASD_EC_IED && t->cls != RASD_EC_SUICIDE) {
			RULE(c, &f, R_MODALITY_FOILED_PLAN, t->tok, t->tok + t->ntok);
			goto drop; /* a foiled plan with no violence is not an event */
		}
		if (!specific_enough(c, &f)) {
			RULE(c, &f, R_MODALITY_NOT_SPECIFIC, t->tok, t->tok + t->ntok);
			goto drop;
		}
		if (year_in_past(c, &f))
			goto drop; /* في العام 2017: history */
		/* history: long before the publication date */
		if (f.date && c->published != INT32_MIN &&
		    (f.date->date < c->published - HISTORY_DAYS || f.date->date > c->published + 1)) {
			RULE(c, &f, R_HISTORY_OLD_DATE, f.date->tok, f.date->tok + f.date->ntok);
			goto drop;
		}
		f.confidence = frame_confidence(&f);
		fill_event(c, &f, &e);
		if (f.foiled && !f.violent) {
			e.event_type = T_SD, e.sub_event_type = "Disrupted weapons use";
			RULE(c, &f, R_TYPE_FOILED_PLAN, t->tok, t->tok + t->ntok);
			trace_keep(&f, &e);
		}
		/* an event needs a place below the country, unless it killed */
		if ((!e.location || (e.place && e.place->kind == RASD_PLACE_COUNTRY)) &&
		    !(e.fatalities > 0 && !f.fatalities_vague)) {
			RULE(c, &f, R_WHERE_NO_PLACE, t->tok, t->tok + t->ntok);
			goto drop;
		}
		/* hundreds killed with no day of their own (مقتل المئات): a running
		 * toll */
		if ((e.fatalities >= 200 || (f.fatalities_vague && e.fatalities >= 100)) &&
		    !own_day(&f)) {
			RULE(c, &f, R_COUNTS_RUNNING_TOLL, t->tok, t->tok + t->ntok);
			goto drop;
		}
		if (merge_into(c, out, &e, title))
			continue;
		if (title)
			continue; /* a headline repeats the body; see rasd_extract */
		if (f.sent == 0 && c->headline) {
			/* a text file's first line is its headline: keep it aside and
			 * fold it into the body's events at the end */
			RULE(c, &f, R_MERGE_HEADLINE_ASIDE, t->tok, t->tok + t->ntok);
			trace_keep(&f, &e);
			st = push_event(c->a, &c->headline_events, &e);
			if (st)
				return st;
			continue;
		}
		if (definite_reference(c, &f))
			goto drop; /* الهجوم with nothing of its own: told before */
		if (f.trig->cls == RASD_EC_AGREEMENT && f.trig->form != RASD_FORM_VERB &&
		    !agreement_made(c, &f)) {
			RULE(c, &f, R_MODALITY_TRUCE_TALK, t->tok, t->tok + t->ntok);
			goto drop; /* a truce talked about is not a truce agreed */
		}
		if (f.trig->cls == RASD_EC_KILL && f.trig->form != RASD_FORM_VERB && f.trig->tok > 0 &&
		    number_ending_at(c, f.trig->tok) && !body_word(c, f.trig->tok)) {
			RULE(c, &f, R_COUNTS_TOLL_NOUN, number_ending_at(c, f.trig->tok)->tok,
			     t->tok + t->ntok);
			goto drop; /* مئة قتيل: a toll, counted on the event it belongs to */
		}
		if ((f.trig->cls == RASD_EC_PROTEST || f.trig->cls == RASD_EC_RIOT) &&
		    f.trig->form == RASD_FORM_PART &&
		    !(f.crowd_violent && !f.intervention &&
		      (!f.agent_actor || f.agent_actor->inter == 5 || f.agent_actor->inter == 6))) {
			/* (قطع المحتجون الطرق بالإطارات المشتعلة, with no protest
			 * told: the crowd's own riot, see type.crowd_violence) */
			RULE(c, &f, R_TYPE_PARTICIPANTS, t->tok, t->tok + t->ntok);
			goto drop; /* متظاهرون: the people, told with their protest */
		}
		st = push_event(c->a, out, &e);
		if (st)
			return st;
		if (f.place >= 0 && c->m->place[f.place].list >= 0) {
			/* copies for the other listed places, once merges are done */
			struct pending_list *pl = rasd_arena_grow(c->a, c->pending, c->npending,
								  &c->pending_cap, sizeof(*pl), 16);
			if (!pl)
				return RASD_ENOMEM;
			c->pending = pl;
			c->pending[c->npending].place = f.place;
			c->pending[c->npending].event = out->n - 1;
			c->npending++;
		}
		continue;
	drop:
		trace_drop(c, &f);
	}
	return RASD_OK;
}

/* Title frames, unmerged, for rasd_extract to fold into the body's events. */
static enum rasd_status code_doc_title(struct ctx *c, struct event_list *out)
{
	size_t i;
	enum rasd_status st;

	for (i = 0; i < c->m->ntrig; i++) {
		struct frame f;
		struct frame_trace ft = {NULL, 0, 0};
		struct rasd_event e;
		memset(&f, 0, sizeof(f));
		f.trig = &c->m->trig[i];
		f.sent = c->sent_of[f.trig->tok];
		f.tr = c->trace ? &ft : NULL;
		mark_named(c, f.trig->tok + f.trig->ntok + 6);
		build_frame(c, &f);
		c->month_frame = NULL;
		if (is_question(c, &f) || modal_before(c, &f) || is_statistic(c, &f) ||
		    purpose_or_method(c, &f) || statement_or_reference(c, &f)) {
			trace_drop(c, &f);
			continue;
		}
		if (f.foiled && !f.violent && f.trig->cls != RASD_EC_INTERCEPT &&
		    f.trig->cls != RASD_EC_DEFUSE) {
			RULE(c, &f, R_MODALITY_FOILED_PLAN, f.trig->tok, f.trig->tok + f.trig->ntok);
			trace_drop(c, &f);
			continue;
		}
		f.confidence = frame_confidence(&f);
		fill_event(c, &f, &e);
		if (merge_into(c, out, &e, false))
			continue;
		st = push_event(c->a, out, &e);
		if (st)
			return st;
	}
	return RASD_OK;
}

/* Is token tok inside a place mention (a place may begin a few words
 * before: a cue word, a compound name)? */
static bool in_place_mention(const struct mentions *m, uint32_t tok)
{
	size_t j = MENTION_FIRST(m, place, nplace,
				 tok > OFF_TOPIC_PLACE_BACK ? tok - OFF_TOPIC_PLACE_BACK : 0);
	for (; j < m->nplace && m->place[j].tok <= tok; j++)
		if (tok < m->place[j].tok + m->place[j].ntok)
			return true;
	return false;
}

/* A sports, arts or science page borrows the words of war (الصاروخ، ضربة
 * حرة): three or more of its words make the page off topic, unless
 * - the word is a place's name (a village called الملعب, «على الملعب»),
 * - or the article's triggers far outnumber them: a report of a thousand
 *   strikes that names a stadium three times is still a war report (with
 *   an absolute count of three, any article of about 1,075 events on the
 *   gazetteer's Syrian towns came out empty, without a word). */
static bool off_topic(const struct mentions *m)
{
	size_t i, n = 0;
	uint32_t last = UINT32_MAX;
	for (i = 0; i < m->ncue; i++) {
		if (m->cue[i].role != RASD_CUE_OFF_TOPIC || m->cue[i].tok == last)
			continue;
		last = m->cue[i].tok;
		if (!in_place_mention(m, m->cue[i].tok))
			n++;
	}
	return n >= OFF_TOPIC_CUES && m->ntrig <= OFF_TOPIC_TRIGGERS_PER_CUE * n;
}

/* A text whose first line stands alone (no sentence end, a line break after
 * it) starts with a headline. */
static bool is_headline(const struct rasd_doc *doc)
{
	const struct rasd_sentence *s;
	const struct rasd_token *last;
	if (doc->nsentences < 2)
		return false;
	s = &doc->sentences[0];
	last = &doc->tokens[s->tok_end - 1];
	if (last->kind == RASD_TOK_PUNCT && (last->flags & RASD_TOKF_TERMINAL))
		return false;
	return s->tok_end < doc->ntokens &&
	       (doc->tokens[s->tok_end].flags & RASD_TOKF_LINE_BEFORE) &&
	       s->tok_end - s->tok_begin <= 30;
}

static void make_id(const struct rasd_article *art, const struct rasd_event *e, char *out,
		    size_t n)
{
	uint64_t h = 1469598103934665603ull;
	const char *parts[4];
	char num[64];
	size_t k, i;

	snprintf(num, sizeof(num), "%d:%u:%u", (int)e->evidence.field, e->evidence.start,
		 e->evidence.end);
	parts[0] = art->id ? art->id : "";
	parts[1] = num;
	parts[2] = e->sub_event_type;
	parts[3] = e->location ? e->location : "";
	for (k = 0; k < 4; k++) {
		for (i = 0; parts[k][i]; i++) {
			h ^= (unsigned char)parts[k][i];
			h *= 1099511628211ull;
		}
		h ^= 0xff;
		h *= 1099511628211ull;
	}
	snprintf(out, n, "rasd-%016llx", (unsigned long long)h);
}

static enum rasd_status code_field(struct ctx *c, const char *text, size_t n, enum rasd_field field,
				   struct mentions *m, struct rasd_doc *doc)
{
	enum rasd_status st;

	st = rasd_doc_parse(c->a, text, n, doc);
	if (st)
		return st;
	doc->lex_cache = c->lex_cache;
	st = find_mentions(c->lex, doc, c->published, c->a, m);
	if (st)
		return st;
	c->doc = doc;
	c->m = m;
	c->field = field;
	c->page.seg = NULL;
	c->page.n = 0;
	if (field == RASD_FIELD_TEXT) {
		st = rasd_page_parse(c->a, text, n, rasd_lex_page_markers(c->lex), &c->page);
		if (st)
			return st;
	}
	return index_doc(c);
}

enum rasd_status rasd_extract(const struct rasd_lexicon *lex, const struct rasd_article *art,
			      const struct rasd_extract_options *opt, struct rasd_arena *a,
			      struct rasd_event **events, size_t *nevents, struct rasd_error *err)
{
	struct ctx c;
	struct {
		uint32_t *sent_of;
		uint8_t *opener, *sent_done;
		uint32_t *aside_close, *aside_open;
	} body_index = {NULL, NULL, NULL, NULL, NULL};
	struct rasd_page body_page = {NULL, 0};
	struct event_list out = {NULL, 0, 0};
	struct mentions body_m, title_m;
	struct rasd_doc body, title;
	size_t max = opt && opt->max_article_bytes ? opt->max_article_bytes : RASD_DEFAULT_MAX_ARTICLE;
	size_t i, nactors = 0;
	enum rasd_status st;
	const char *country;

	*events = NULL;
	*nevents = 0;
	if (!art->text || art->text_n == 0) {
		size_t k;
		bool blank = true;
		for (k = 0; art->text && k < art->text_n; k++)
			blank = false;
		if (blank)
			return rasd_error_set(err, RASD_EEMPTY, 0, 0, "article has no text");
	}
	{
		size_t k;
		bool blank = true;
		for (k = 0; k < art->text_n && blank; k++)
			if (art->text[k] != ' ' && art->text[k] != '\n' && art->text[k] != '\t' &&
			    art->text[k] != '\r')
				blank = false;
		if (blank)
			return rasd_error_set(err, RASD_EEMPTY, 0, 0, "article has no text");
	}
	if (art->text_n > max)
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0,
				      "article is %zu bytes, over the limit of %zu (--max-article-bytes)",
				      art->text_n, max);
	memset(&c, 0, sizeof(c));
	c.lex = lex;
	c.a = a;
	c.published = INT32_MIN;
	if (art->published && rasd_date_parse(art->published, strlen(art->published), &c.published))
		c.published = INT32_MIN;
	c.civ = rasd_lex_actor_by_code(lex, "CIV", NULL);
	c.trace = opt ? opt->trace : NULL;
	c.lex_cache = opt ? opt->lex_cache : NULL;
	c.memo = rasd_arena_calloc(a, 1, sizeof(*c.memo)); /* NULL: facts not kept */
	if (c.trace) {
		c.trace->drops = NULL;
		c.trace->ndrops = 0;
	}
	while (rasd_lex_actor(lex, (uint32_t)nactors))
		nactors++;
	c.named = rasd_arena_calloc(a, nactors + 1, sizeof(bool));
	if (!c.named)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");

	/* Title first (for actor naming and the document's country), then body. */
	memset(&title, 0, sizeof(title));
	memset(&title_m, 0, sizeof(title_m));
	if (art->title && art->title_n) {
		st = code_field(&c, art->title, art->title_n, RASD_FIELD_TITLE, &title_m, &title);
		if (st)
			return rasd_error_set(err, st, 0, 0, "cannot tokenize title");
		mark_named(&c, (uint32_t)title.ntokens);
	}
	st = code_field(&c, art->text, art->text_n, RASD_FIELD_TEXT, &body_m, &body);
	if (st)
		return rasd_error_set(err, st, 0, 0, "cannot tokenize text");
	if (off_topic(&body_m)) {
		/* a match report's «الصاروخ» and «ضربة حرة» are football */
		*events = NULL;
		*nevents = 0;
		return RASD_OK;
	}
	country = dominant_country(lex, &body_m);
	if (!*country && title.ntokens)
		country = dominant_country(lex, &title_m);
	c.doc_country = country;
	resolve_state_forces(lex, &body, &body_m, country);
	resolve_places(lex, &body, &body_m, country);
	c.headline = !(art->title && art->title_n) && is_headline(&body);
	st = code_doc(&c, &out, false);
	if (st)
		return rasd_error_set(err, st, 0, 0, "out of memory");
	for (i = 0; i < c.headline_events.n; i++) {
		size_t body_n = out.n;
		if (merge_into(&c, &out, &c.headline_events.ev[i], true))
			continue;
		if (body_n > c.headline_events.n)
			continue; /* the body tells its own story */
		st = push_event(a, &out, &c.headline_events.ev[i]);
		if (st)
			return rasd_error_set(err, st, 0, 0, "out of memory");
	}
	if (title.ntokens) {
		resolve_state_forces(lex, &title, &title_m, country);
		resolve_places(lex, &title, &title_m, country);
		body_index.sent_of = c.sent_of;
		body_index.opener = c.opener;
		body_index.aside_close = c.aside_close;
		body_index.aside_open = c.aside_open;
		body_index.sent_done = c.sent_done;
		c.doc = &title;
		c.m = &title_m;
		c.field = RASD_FIELD_TITLE;
		body_page = c.page;
		c.page.seg = NULL;
		c.page.n = 0;
		if (index_doc(&c))
			return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		{
			/* headline events only fold into the body's; a body with no
			 * event keeps a headline event that names a place */
			struct event_list tl = {NULL, 0, 0};
			size_t body_n = out.n;
			st = code_doc_title(&c, &tl);
			if (st)
				return rasd_error_set(err, st, 0, 0, "out of memory");
			for (i = 0; i < tl.n; i++) {
				if (merge_into(&c, &out, &tl.ev[i], true))
					continue;
				if (body_n == 0 && tl.ev[i].location && tl.ev[i].geo_precision < 3) {
					st = push_event(a, &out, &tl.ev[i]);
					if (st)
						return rasd_error_set(err, st, 0, 0, "out of memory");
				}
			}
		}
	}
	/* the body's place lists, now that merges have filled the events */
	c.doc = &body;
	c.m = &body_m;
	if (body_index.sent_of) {
		c.page = body_page;
		c.sent_of = body_index.sent_of;
		c.opener = body_index.opener;
		c.aside_close = body_index.aside_close;
		c.aside_open = body_index.aside_open;
		c.sent_done = body_index.sent_done;
	}
	for (i = 0; i < c.npending; i++) {
		st = list_events(&c, c.pending[i].place, c.pending[i].event, &out);
		if (st)
			return rasd_error_set(err, st, 0, 0, "out of memory");
	}
	consolidate(&c, &out);
	for (i = 0; i < out.n; i++) {
		/* merges may have handed the crowd the force's role */
		struct rasd_event *e = &out.ev[i];
		if (strcmp(e->sub_event_type, "Excessive force against protesters") == 0 && e->actor1 &&
		    (e->actor1->inter == 5 || e->actor1->inter == 6)) {
			e->actor1 = NULL;
			trace_event(&c, e, R_MERGE_CROWD_NOT_FORCE, e->evidence.start, e->evidence.end);
		}
	}
	share_strike_agents(&c, &out);
	narrow_country_events(&c, &out);
	attribute_yemen_air_raids(&c, art, &out);
	article_opponents(&c, &out);
	protest_counterparts(&c, &out);
	unidentified_perpetrators(&c, &out);
	for (i = 0; i < out.n; i++)
		make_id(art, &out.ev[i], out.ev[i].event_id, sizeof(out.ev[i].event_id));
	/* the same event reached twice (a list and a merge) is written once */
	out.n = rasd_events_unique(out.ev, out.n);
	if (c.trace_oom)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory (trace)");
	*events = out.ev;
	*nevents = out.n;
	return RASD_OK;
}

enum rasd_status rasd_geocode(const struct rasd_lexicon *lex, const char *text, size_t n,
			      struct rasd_arena *a, struct rasd_place_mention **out, size_t *nout)
{
	struct rasd_doc doc;
	struct mentions m;
	struct rasd_place_mention *pm;
	enum rasd_status st;
	size_t i, k = 0;

	*out = NULL;
	*nout = 0;
	st = rasd_doc_parse(a, text, n, &doc);
	if (st)
		return st;
	st = find_mentions(lex, &doc, INT32_MIN, a, &m);
	if (st)
		return st;
	resolve_places(lex, &doc, &m, dominant_country(lex, &m));
	pm = rasd_arena_calloc(a, m.nplace + 1, sizeof(*pm));
	if (!pm)
		return RASD_ENOMEM;
	for (i = 0; i < m.nplace; i++) {
		const struct m_place *p = &m.place[i];
		const struct m_place *r = p;
		if (p->anaphor) {
			if (p->ref < 0)
				continue;
			r = &m.place[p->ref];
		}
		if (!r->place && !r->unknown)
			continue;
		pm[k].start = doc.tokens[p->tok].start;
		pm[k].end = doc.tokens[p->tok + p->ntok - 1].end;
		pm[k].location = r->name;
		pm[k].admin1 = r->admin1;
		pm[k].admin2 = r->admin2;
		pm[k].country = r->country;
		pm[k].place = r->place;
		pm[k].latitude = r->lat;
		pm[k].longitude = r->lon;
		pm[k].has_coords = r->has_coords;
		pm[k].geo_precision = r->precision;
		pm[k].unknown = r->unknown;
		k++;
	}
	*out = pm;
	*nout = k;
	return RASD_OK;
}
