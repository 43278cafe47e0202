/*
 * merge.c - the merge stage: the event a finished frame becomes (type,
 * actors, place and date from the stages before), and one event per
 * happening. Decides whether an event folds into one already coded (the
 * same sentence first, then the same place, day and sides; a generic
 * killing into the typed attack it belongs to; a toll into the event of
 * that day; an interception with the missile it stopped), whether a
 * definite noun only completes an earlier event (إحباط الهجوم جرى الخميس في
 * بادوش), and folds a lead that names only the province into the event that
 * names the town. Reads the events
 * so far and the frame. Part of extract/ (see frame.h).
 */
#include "frame.h"

static bool same_location(const struct ctx *c, const struct rasd_event *a, const struct rasd_event *b)
{
	(void)c;
	if (!a->location || !b->location)
		return true;
	if (strcmp(a->location, b->location) == 0)
		return true;
	if (a->place && a->place == b->place)
		return true;
	/* مخيم الهول vs الهول */
	if (strstr(a->location, b->location) || strstr(b->location, a->location))
		return true;
	/* a report of the governorate and one of a town in it, when the
	 * counts do not tell them apart */
	if (a->admin1 && b->admin1 && *a->admin1 && strcmp(a->admin1, b->admin1) == 0 &&
	    (a->geo_precision == 3 || b->geo_precision == 3) &&
	    (a->fatalities == b->fatalities || !a->fatalities || !b->fatalities))
		return true;
	return false;
}

static bool compatible_actor(const struct rasd_actor *x, const struct rasd_actor *y)
{
	return !x || !y || x == y;
}

/* The same side acting, or its partner: the coalition's strike told once
 * with the army as its partner and once by the army alone. */
static bool allied_actors(const struct rasd_event *a, const struct rasd_event *b)
{
	return compatible_actor(a->actor1, b->actor1) ||
	       (a->assoc_actor1 && a->assoc_actor1 == b->actor1) ||
	       (b->assoc_actor1 && b->assoc_actor1 == a->actor1);
}

static bool generic_type(const struct rasd_event *e)
{
	return e->cls == RASD_EC_ATTACK || e->cls == RASD_EC_KILL;
}

/* الهجوم، والهجوم، بالهجوم: a definite trigger usually refers back. */
static bool definite_trigger(const struct rasd_event *e)
{
	const char *t = e->trigger;
	size_t i;
	if (!t)
		return false;
	for (i = 0; i < 2; i++) {
		if (strncmp(t, "ال", 4) == 0)
			return true;
		if (strncmp(t, "و", 2) == 0 || strncmp(t, "ف", 2) == 0 || strncmp(t, "ب", 2) == 0 ||
		    strncmp(t, "ل", 2) == 0)
			t += 2;
	}
	return strncmp(t, "ال", 4) == 0 || strncmp(t, "ل", 2) == 0;
}

/* A change of who holds ground (ACLED's two territorial Battles sub-types). */
static bool territory_change(const struct rasd_event *e)
{
	return strcmp(e->sub_event_type, "Government regains territory") == 0 ||
	       strcmp(e->sub_event_type, "Non-state actor overtakes territory") == 0;
}

static bool shares_actor(const struct rasd_event *a, const struct rasd_event *b)
{
	const struct rasd_actor *x[3] = {a->actor1, a->actor2, a->assoc_actor1};
	const struct rasd_actor *y[3] = {b->actor1, b->actor2, b->assoc_actor1};
	int i, j;
	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++)
			if (x[i] && x[i] == y[j] && x[i]->inter != 7)
				return true;
	return !a->actor1 || !b->actor1;
}

static int means_rank(const char *sub)
{
	if (strcmp(sub, "Air/drone strike") == 0)
		return 0;
	if (strcmp(sub, "Chemical weapon") == 0)
		return 1;
	if (strcmp(sub, "Suicide bomb") == 0)
		return 2;
	if (strcmp(sub, "Shelling/artillery/missile attack") == 0)
		return 3;
	return 4;
}

/* Fold e into an existing event when both describe the same happening. */
static void take_place(struct rasd_event *o, const struct rasd_event *e)
{
	o->location = e->location;
	o->place = e->place;
	o->admin1 = e->admin1;
	o->admin2 = e->admin2;
	o->country = e->country;
	o->pcode = e->pcode;
	o->has_coords = e->has_coords;
	o->latitude = e->latitude;
	o->longitude = e->longitude;
	o->geo_precision = e->geo_precision;
}

void fill_event(struct ctx *c, const struct frame *f, struct rasd_event *e)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];

	memset(e, 0, sizeof(*e));
	set_type(c, f, &e->event_type, &e->sub_event_type);
	e->cls = f->trig->cls;
	e->consequence = consequence_kill(c, f);
	type_actors(c, f, e);
	where_event(c, f, e);
	when_event(c, f, e);
	{
		const struct rasd_actor *a1 = e->actor1, *a2 = e->actor2, *as = e->assoc_actor1;
		e->actor1 = recode_actor(c, e->actor1, e);
		e->actor2 = recode_actor(c, e->actor2, e);
		e->assoc_actor1 = recode_actor(c, e->assoc_actor1, e);
		if (a1 != e->actor1 || a2 != e->actor2 || as != e->assoc_actor1)
			RULE(c, f, R_ACTORS_RECODE, f->trig->tok, f->trig->tok + f->trig->ntok);
	}
	e->fatalities = f->fatalities;
	e->claimed = f->claimed;
	e->modality = f->foiled ? RASD_MOD_FOILED : f->claimed ? RASD_MOD_CLAIMED : RASD_MOD_REPORTED;
	e->trigger = surface_span(c->a, c->doc, f->trig->tok, f->trig->tok + f->trig->ntok, 0);
	e->evidence.field = c->field;
	e->evidence.start = c->doc->tokens[f->trig->tok].start;
	e->evidence.end = c->doc->tokens[f->trig->tok + f->trig->ntok - 1].end;
	e->evidence.sent_start = s->start;
	e->evidence.sent_end = s->end;
	e->confidence = f->confidence;
	trace_keep(f, e);
}

/* وقع، جرى، حدث just after a noun (قد وقع too): the clause says when it
 * happened */
static bool happened_verb(const struct ctx *c, uint32_t from)
{
	uint32_t j;
	for (j = from; j < from + 3 && j < c->doc->ntokens; j++)
		if (WORD_AT(c, j, RASD_WL_HAPPENED_VERB))
			return true;
	return false;
}

/* «إحباط الهجوم جرى الخميس في ناحية بادوش»: a definite noun that tells
 * the day or the place of an event already coded (الهجوم) completes it
 * instead of starting another. The nearest earlier event of the same kind
 * in the same governorate takes the finer place and the clause's own day. */
bool elaborates(struct ctx *c, struct event_list *l, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	bool own_place, own_day;
	struct rasd_event e;
	size_t k;

	if (t->form == RASD_FORM_VERB && l->n > 0) {
		/* واستهدف الهجوم بلدة حمورية، طال القصف: a verb whose subject is a
		 * definite attack noun tells more of that attack */
		size_t q = FIRST(trig, ntrig, t->tok + t->ntok);
		if (q < c->m->ntrig && c->m->trig[q].tok == t->tok + t->ntok &&
		    c->m->trig[q].definite && c->m->trig[q].form != RASD_FORM_VERB &&
		    c->m->trig[q].cls != RASD_EC_KILL)
			t = &c->m->trig[q];
	}
	if (!t->definite || t->form == RASD_FORM_VERB || l->n == 0)
		return false;
	own_place = f->place >= 0 && c->m->place[f->place].tok >= f->cb &&
		    c->m->place[f->place].tok < s->tok_end;
	own_day = f->date && f->date->precision == 1 && f->date->tok >= s->tok_begin &&
		  f->date->tok < s->tok_end;
	if ((!own_place && !own_day) || year_in_past(c, f))
		return false;
	if (f->date && c->published != INT32_MIN &&
	    (f->date->date < c->published - HISTORY_DAYS || f->date->date > c->published + 1))
		return false;
	fill_event(c, f, &e);
	for (k = l->n; k-- > 0;) {
		struct rasd_event *o = &l->ev[k];
		bool kin = o->cls == t->cls || (f->foiled && o->modality == RASD_MOD_FOILED) ||
			   (generic_type(o) && generic_type(&e)) ||
			   /* الهجوم: whatever violent event was told */
			   (t->cls == RASD_EC_ATTACK && (strcmp(o->event_type, T_ERV) == 0 ||
							 strcmp(o->event_type, T_BATTLES) == 0 ||
							 strcmp(o->event_type, T_VAC) == 0));
		if (o->evidence.field != c->field || !kin)
			continue;
		if (own_place) {
			/* the same place, or a finer one inside the governorate the
			 * event had; two towns are two events */
			bool same = same_location(c, o, &e);
			bool finer = e.location && e.admin1 && o->admin1 &&
				     strcmp(e.admin1, o->admin1) == 0 &&
				     ((o->place && o->place->kind == RASD_PLACE_ADMIN1) ||
				      (e.geo_precision && o->geo_precision &&
				       e.geo_precision < o->geo_precision));
			if (!same && !finer)
				return false;
			if (finer)
				take_place(o, &e);
		}
		if (own_day && (o->time_precision > 1 || happened_verb(c, t->tok + t->ntok))) {
			o->date = e.date;
			o->has_date = true;
			o->time_precision = 1;
		}
		o->merged++;
		RULE(c, f, R_MERGE_ELABORATES, t->tok, t->tok + t->ntok);
		trace_merge(c, o, &e, R_MERGE_ELABORATES);
		return true;
	}
	return false;
}

/* أعدم ضابطا كبيرا رميا بالرصاص، قتلوه ذبحا: an adverb of manner (an
 * accusative masdar, ending in ا) a few words after a killing tells how
 * that killing was done */
static bool manner_of(const struct rasd_event *o, const struct rasd_event *e)
{
	const struct rasd_event *first = o->evidence.start < e->evidence.start ? o : e;
	const struct rasd_event *second = first == o ? e : o;
	const char *w = second->trigger, *sp;
	size_t n;
	if (!w || second->evidence.start < first->evidence.end ||
	    second->evidence.start - first->evidence.end >= 40)
		return false;
	sp = strchr(w, ' ');
	n = sp ? (size_t)(sp - w) : strlen(w);
	if (n > 2 && memcmp(w + n - 2, "\xd9\x8b", 2) == 0)
		n -= 2; /* رمياً: the tanween written after the alif */
	return n > 4 && memcmp(w + n - 2, "ا", 2) == 0;
}

bool merge_into(struct ctx *c, struct event_list *l, const struct rasd_event *e,
		bool title)
{
	size_t i, pass;
	enum rule why;
	/* the same sentence first: its mentions are surely one happening */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < l->n; i++) {
		struct rasd_event *o = &l->ev[i];
		bool same_type = strcmp(o->event_type, e->event_type) == 0 &&
				 strcmp(o->sub_event_type, e->sub_event_type) == 0;
		bool same_sentence = o->evidence.field == e->evidence.field &&
				     o->evidence.sent_start == e->evidence.sent_start;
		bool near_mention;
		if (same_sentence != (pass == 0))
			continue;
		near_mention = !title && o->evidence.field == e->evidence.field &&
				    o->evidence.sent_start == e->evidence.sent_start;
		/* أطلقت صاروخا مساء اليوم الخميس ... أدى إلى مقتل: the toll of
		 * what the sentence told, whatever day each part reads */
		bool toll_of = near_mention && e->consequence && generic_type(e) &&
			       o->evidence.start < e->evidence.start;
		bool date_ok = !o->has_date || !e->has_date || o->date == e->date ||
			       e->time_precision > 1 || o->time_precision > 1 || toll_of;
		bool place_ok = same_location(c, o, e) ||
				(title && o->admin1 && e->admin1 && *o->admin1 &&
				 strcmp(o->admin1, e->admin1) == 0) ||
				/* the toll of what the sentence told first, wherever
				 * its own words place it */
				(near_mention && e->consequence && generic_type(e) &&
				 o->evidence.start < e->evidence.start);
		if (!place_ok || !date_ok)
			continue;
		if (near_mention) {
			/* two killings listed in one sentence are two events */
			if (o->cls == RASD_EC_KILL && e->cls == RASD_EC_KILL && o->fatalities > 0 &&
			    e->fatalities > 0 && !definite_trigger(o) &&
			    !definite_trigger(e) && o->evidence.start != e->evidence.start &&
			    !manner_of(o, e))
				continue;
			if (!shares_actor(o, e) && o->cls != RASD_EC_INTERCEPT &&
			    e->cls != RASD_EC_INTERCEPT)
				continue;
		} else if (title ? !shares_actor(o, e) : !allied_actors(o, e)) {
			continue;
		}
		/* same sentence: a generic attack/kill merges with a typed event, and
		 * an interception absorbs the missile or drone it stopped */
		/* القصف والغارات in one sentence: one bombardment, coded by its
		 * most specific means (air before artillery before the rest) */
		bool same_bombing = near_mention && strcmp(o->event_type, T_ERV) == 0 &&
				    strcmp(e->event_type, T_ERV) == 0;
		bool intercepted = near_mention &&
				   ((o->cls == RASD_EC_INTERCEPT && strcmp(e->event_type, T_ERV) == 0) ||
				    (e->cls == RASD_EC_INTERCEPT && strcmp(o->event_type, T_ERV) == 0));
		/* a killing told with no place of its own (أسفر القصف عن مقتل 80)
		 * belongs to the violent event of that day */
		bool placeless_kill = !near_mention && generic_type(e) && !e->location &&
				      strcmp(o->event_type, T_SD) != 0 && o->has_date &&
				      e->has_date && o->date == e->date;
		/* سيطرت القوات على البلدة بعد معارك مع الفصائل: the clash that
		 * won the ground is the takeover, not a second event */
		bool territory_fight = near_mention && !same_type &&
				       strcmp(o->event_type, T_BATTLES) == 0 &&
				       strcmp(e->event_type, T_BATTLES) == 0 &&
				       (o->cls == RASD_EC_CLASH || e->cls == RASD_EC_CLASH) &&
				       (territory_change(o) || territory_change(e));
		if (!same_type && !(near_mention && (generic_type(e) || generic_type(o))) &&
		    !territory_fight &&
		    !(title && generic_type(e) && strcmp(o->event_type, T_SD) != 0) && !intercepted &&
		    !same_bombing && !placeless_kill)
			continue;
		why = near_mention ? R_MERGE_SAME_SENTENCE : title ? R_MERGE_HEADLINE : R_MERGE_SAME_HAPPENING;
		if (same_bombing && !same_type && means_rank(e->sub_event_type) < means_rank(o->sub_event_type)) {
			o->sub_event_type = e->sub_event_type;
			o->cls = e->cls;
			why = R_MERGE_BOMBING_MEANS;
		}
		if (territory_fight && !territory_change(o)) {
			o->sub_event_type = e->sub_event_type;
			o->cls = e->cls;
		}
		if (territory_fight)
			why = R_MERGE_TERRITORY_FIGHT;
		if (intercepted) {
			const struct rasd_event *icp = o->cls == RASD_EC_INTERCEPT ? o : e;
			const struct rasd_event *wpn = icp == o ? e : o;
			const struct rasd_actor *launcher = wpn->actor1;
			const struct rasd_actor *stopper = icp->actor1 != launcher ? icp->actor1 : NULL;
			o->event_type = icp->event_type;
			o->sub_event_type = icp->sub_event_type;
			o->cls = RASD_EC_INTERCEPT;
			o->actor1 = stopper;
			o->actor2 = launcher ? launcher : icp->actor2;
			o->merged++;
			trace_merge(c, o, e, R_MERGE_INTERCEPTION);
			return true;
		}
		if (!same_type && near_mention && o->cls == RASD_EC_ARREST && e->cls == RASD_EC_KILL &&
		    e->fatalities > 0 && strcmp(e->event_type, T_BATTLES) == 0) {
			/* a raid in which fighters died was a fight, not arrests */
			o->event_type = e->event_type;
			o->sub_event_type = e->sub_event_type;
			o->cls = RASD_EC_CLASH;
			why = R_MERGE_RAID_WAS_FIGHT;
		}
		if (!same_type && near_mention &&
		    ((generic_type(o) && e->cls == RASD_EC_PROTEST &&
		      strcmp(o->event_type, T_RIOTS) != 0) ||
		     (o->cls == RASD_EC_PROTEST && generic_type(e) &&
		      strcmp(e->event_type, T_RIOTS) != 0)) &&
		    (o->fatalities > 0 || e->fatalities > 0)) {
			/* قتلت القوات العشرات خلال الاحتجاجات: one event, the force
			 * that killed against the protesters */
			const struct rasd_event *kill = generic_type(o) ? o : e;
			const struct rasd_actor *force = kill->actor1;
			o->event_type = "Protests";
			o->sub_event_type = "Excessive force against protesters";
			o->cls = RASD_EC_PROTEST;
			o->actor1 = force && force->inter != 5 && force->inter != 6 ? force : NULL;
			o->actor2 = rasd_lex_actor_by_code(c->lex, "PROTESTERS", NULL);
			if (o->assoc_actor1 == o->actor1)
				o->assoc_actor1 = NULL;
			if (o->fatalities < e->fatalities)
				o->fatalities = e->fatalities;
			o->merged++;
			trace_merge(c, o, e, R_MERGE_PROTEST_KILLING);
			return true;
		}
		if (toll_of && o->has_date && e->has_date && o->date != e->date &&
		    o->time_precision == 1 && e->time_precision == 1 && o->merged == 0) {
			/* عملية الطعن التي جرت السبت وأدت إلى مقتل: the day told
			 * next to what it first caused, not the day of the report
			 * before */
			o->date = e->date;
			why = R_MERGE_TOLL_OF_ATTACK;
		}
		if (toll_of && !same_type && generic_type(o) && strcmp(e->event_type, T_VAC) == 0 &&
		    strcmp(o->sub_event_type, "Armed clash") == 0 &&
		    (!o->actor2 || o->actor2 == c->civ)) {
			/* an attack on no named armed side that killed civilians */
			o->event_type = e->event_type;
			o->sub_event_type = e->sub_event_type;
			why = R_MERGE_TOLL_OF_ATTACK;
		}
		if (!same_type && near_mention && generic_type(o) && !generic_type(e) &&
		    strcmp(e->event_type, T_SD) != 0) {
			/* the typed mention decides the type */
			o->event_type = e->event_type;
			o->sub_event_type = e->sub_event_type;
			o->cls = e->cls;
			why = R_MERGE_TYPED_MENTION;
		}
		/* the side hit in one mention is not the agent of the other
		 * (قتل العشرات من الحوثيين في معارك: the Houthis died) */
		if (!o->actor1 && e->actor1 != o->actor2)
			o->actor1 = e->actor1;
		/* قتل 12 حوثيا في مواجهات مع العمالقة: the dead were one side of
		 * the clash, the other side is who fought them */
		if (!o->actor1 && o->actor2 && e->cls == RASD_EC_CLASH && e->actor1 == o->actor2 && e->actor2 &&
		    e->actor2 != c->civ)
			o->actor1 = e->actor2;
		if ((!o->actor2 || (o->actor2 == c->civ && e->actor2 && e->actor2 != c->civ &&
				    strcmp(o->event_type, T_VAC) != 0)) &&
		    e->actor2 != o->actor1)
			o->actor2 = e->actor2;
		if (!o->assoc_actor1)
			o->assoc_actor1 = e->assoc_actor1;
		/* the first report's toll stands (a later "بينهم 12 طفلا" is a
		 * subset, not a lower report); a toll in the same sentence may
		 * complete it */
		if (o->fatalities == 0)
			o->fatalities = e->fatalities;
		else if (near_mention && e->fatalities > o->fatalities)
			o->fatalities = e->fatalities;
		if (e->location && (!o->location ||
				    (o->admin1 && e->admin1 && strcmp(o->admin1, e->admin1) == 0 &&
				     /* (a headline's town does not undo the body's
				      * district: the body tells it in full) */
				     ((!title && e->geo_precision && o->geo_precision &&
				       e->geo_precision < o->geo_precision) ||
				      /* a named village beats its province */
				      (o->place && o->place->kind == RASD_PLACE_ADMIN1 &&
				       strcmp(e->location, e->admin1) != 0))))) {
			/* keep the most precise place the reports give */
			take_place(o, e);
		}
		if (e->time_precision < o->time_precision && e->has_date) {
			o->date = e->date;
			o->time_precision = e->time_precision;
		}
		if (e->modality == RASD_MOD_FOILED)
			o->modality = RASD_MOD_FOILED;
		o->claimed = o->claimed && e->claimed;
		if (e->confidence > o->confidence)
			o->confidence = e->confidence;
		if (o->actor2 == o->actor1)
			o->actor2 = NULL;
		o->merged++;
		trace_merge(c, o, e, why);
		return true;
	}
	return false;
}

/* A lead that names only the province and a later sentence that names the
 * town are one happening: fold the vaguer event into the precise one. */
void consolidate(struct ctx *c, struct event_list *l)
{
	size_t i, j, w;
	bool *gone = NULL;

	if (l->n < 2)
		return;
	for (i = 0; i < l->n; i++) {
		struct rasd_event *v = &l->ev[i];
		/* only an event placed at the province itself */
		if (!v->place || v->place->kind != RASD_PLACE_ADMIN1 || !v->admin1 || !*v->admin1)
			continue;
		for (j = 0; j < l->n; j++) {
			struct rasd_event *p = &l->ev[j];
			if (j == i || !p->location || (p->place && p->place->kind <= RASD_PLACE_ADMIN1) ||
			    p->merged == UINT32_MAX || !p->admin1 || strcmp(p->admin1, v->admin1) != 0 ||
			    strcmp(p->event_type, v->event_type) != 0 ||
			    (strcmp(p->sub_event_type, v->sub_event_type) != 0 &&
			     strcmp(p->event_type, T_BATTLES) != 0) ||
			    p->has_date != v->has_date || (p->has_date && p->date != v->date &&
							   p->time_precision == 1 && v->time_precision == 1) ||
			    !allied_actors(p, v))
				continue;
			if (!p->actor2)
				p->actor2 = v->actor2;
			if (!p->fatalities)
				p->fatalities = v->fatalities;
			p->merged += v->merged + 1;
			trace_merge(c, p, v, R_MERGE_PROVINCE_INTO_TOWN);
			v->merged = UINT32_MAX; /* folded */
			break;
		}
	}
	(void)gone;
	for (i = 0, w = 0; i < l->n; i++)
		if (l->ev[i].merged != UINT32_MAX)
			l->ev[w++] = l->ev[i];
	l->n = w;
}
