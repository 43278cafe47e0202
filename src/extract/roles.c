/*
 * roles.c - the roles stage: who did what to whom in a frame's clause.
 * Decides the agent, the target and the associate of a trigger from the
 * actor mentions around it and the words that mark their role (برصاص، بيد،
 * ضد، بدعم، التابع لـ), the verb-first order (استهدفت مقاتلات التحالف ...),
 * passives (قُتل أربعة عناصر) and partitives (قتلى من الحوثيين); then
 * whether the victims were civilians or combatants and the corrections
 * that follow from it (أعلنت الميليشيا مقتل أحد قادتها: its own dead).
 * Reads the document, the actor and cue mentions and the frame's clause.
 * Part of extract/ (see frame.h).
 */
#include "frame.h"

static bool target_marker_before(const struct ctx *c, uint32_t head, uint32_t limit)
{
	uint32_t k;
	for (k = head; k > limit && k + 3 > head; k--) {
		uint32_t j = k - 1;
		if (cue_at(c, j, RASD_CUE_TARGET))
			return true;
		if (WORD_AT(c, j, RASD_WL_TARGET_MARKER) ||
		    /* مواقع الحوثيين، تجمعات داعش: whose positions were hit */
		    WORD_AT(c, j, RASD_WL_TARGET_SITE))
			return true;
	}
	return false;
}

static bool agent_marker_before(const struct ctx *c, uint32_t head, uint32_t limit)
{
	uint32_t k;
	for (k = head; k > limit && k + 3 > head; k--)
		if (WORD_AT(c, k - 1, RASD_WL_AGENT_MARKER))
			return true;
	return false;
}

/* "affiliated to": التابع لـ قسد marks an owner, a target of property attacks. */
static bool owner_marker_before(const struct ctx *c, uint32_t head, uint32_t limit)
{
	uint32_t k;
	for (k = head; k > limit && k + 3 > head; k--)
		if (WORD_AT(c, k - 1, RASD_WL_AFFILIATION) ||
		    /* منطقة خاضعة لسيطرة المعارضة: who holds the place hit */
		    WORD_AT(c, k - 1, RASD_WL_CONTROL) ||
		    /* الميليشيا الموالية لقوات النظام: those loyal to it */
		    WORD_AT(c, k - 1, RASD_WL_LOYAL))
			return true;
	return false;
}

/* A verb-first clause names its agent right after the verb, alone or behind
 * the means it used: استهدفت مقاتلات التحالف مواقع الحوثيين. There the verb
 * is not the target marker it is after a subject (الحوثيون استهدفت ...). */
static bool vso_subject(const struct ctx *c, const struct m_trigger *t, const struct m_actor *a)
{
	uint32_t k, end = t->tok + t->ntok;
	if (t->form != RASD_FORM_VERB || a->tok < end || a->tok > end + 2)
		return false;
	for (k = end; k < a->tok; k++)
		if (!cue_at(c, k, RASD_CUE_MEANS_AIR) && !cue_at(c, k, RASD_CUE_MEANS_ARTILLERY))
			return false;
	return true;
}

/* The word before an actor, past a hashtag mark (من #ميليشيات_الحوثي). */
static uint32_t word_before(const struct ctx *c, const struct m_actor *a)
{
	uint32_t k = a->tok;
	if (k > 0 && c->doc->tokens[k - 1].kind == RASD_TOK_PUNCT)
		k--;
	return k; /* the word before is k - 1 (none when k == 0) */
}

static bool after_min(const struct ctx *c, const struct m_actor *a)
{
	uint32_t k = word_before(c, a);
	return k > 0 && WORD_AT(c, k - 1, RASD_WL_FROM);
}

/* 40 عنصرا من ميليشيات الحوثي: the side of people counted, not a subject */
static bool partitive(const struct ctx *c, const struct m_actor *a)
{
	uint32_t k = word_before(c, a);
	return k >= 2 && WORD_AT(c, k - 1, RASD_WL_FROM) &&
	       (cue_at(c, k - 2, RASD_CUE_ARMED_PERSON) || number_at_tok(c, k - 2) ||
		number_ending_at(c, k - 1) ||
		/* قتلى وجرحى من الحوثيين: the dead and wounded of a side */
		cue_at(c, k - 2, RASD_CUE_DEATH) || cue_at(c, k - 2, RASD_CUE_INJURY));
}

/* Is this actor the subject of a verb that opens the sentence? */
static bool opens_with_verb(const struct ctx *c, const struct rasd_sentence *s,
			    const struct m_actor *a)
{
	size_t k;
	for (k = FIRST(trig, ntrig, s->tok_begin); k < c->m->ntrig; k++) {
		const struct m_trigger *t = &c->m->trig[k];
		if (t->tok >= a->tok)
			break;
		if (t->tok < s->tok_begin || t->tok > s->tok_begin + 1)
			continue;
		if (t->cls != RASD_EC_KILL && t->cls != RASD_EC_ABDUCT &&
		    t->cls != RASD_EC_ARREST && vso_subject(c, t, a))
			return true;
	}
	return false;
}

/* قتل فلسطينيان في قصف إسرائيلي: an actor named with the attack a killing
 * happened in (right after or within that trigger) carried it out */
static bool means_agent(const struct ctx *c, const struct m_trigger *t, const struct m_actor *a)
{
	size_t q;
	for (q = FIRST(trig, ntrig, t->tok + t->ntok); q < c->m->ntrig && c->m->trig[q].tok < a->tok;
	     q++) {
		const struct m_trigger *o = &c->m->trig[q];
		if (a->head <= o->tok + o->ntok + 1 && o->cls != RASD_EC_KILL &&
		    (means_context(c, o->tok) || (o->clitics & RASD_CLITIC_PREP)))
			return true;
	}
	return false;
}

/* Is there a killing word (a verb or noun of class kill) in [from, to)? */
static bool kill_between(const struct ctx *c, uint32_t from, uint32_t to)
{
	size_t q;
	for (q = FIRST(trig, ntrig, from); q < c->m->ntrig && c->m->trig[q].tok < to; q++)
		if (c->m->trig[q].cls == RASD_EC_KILL)
			return true;
	return false;
}

/* After a subject: does the clause go on without an object? The end of
 * the clause, punctuation, a date, or a word of place, time or means
 * (في، قرب، خلال، برصاص) says so. */
static bool nothing_done_after(const struct ctx *c, uint32_t k, uint32_t ce)
{
	if (k >= ce || c->doc->tokens[k].kind == RASD_TOK_PUNCT || MENTION_AT(c->m, date, ndate, k) ||
	    word_in(c->lex, &c->doc->tokens[k], RASD_WL_AFTER_VICTIMS))
		return true;
	/* برصاص، بنيران، بقصف: how they died */
	return c->doc->tokens[k].klen > 6 && memcmp(c->doc->tokens[k].key, "ب", 2) == 0 &&
	       !cue_at(c, k, RASD_CUE_ARMED_PERSON) && number_at_tok(c, k) == NULL;
}

/* the end of actor mention a (in assign_actors' loop) */
#define END (a->tok + a->ntok)

void assign_actors(struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	bool victim_class = t->cls == RASD_EC_KILL || t->cls == RASD_EC_ABDUCT ||
			    t->cls == RASD_EC_ARREST;
	/* قُتل أربعة عناصر أمن: a killing verb followed by a count or a victim
	 * is passive (the diacritics that would say so are rarely written) */
	bool passive = false;
	size_t i;

	if (victim_class && t->form == RASD_FORM_VERB) {
		uint32_t nx = t->tok + t->ntok, q = nx;
		while (q < f->ce && q < nx + 4 && qualifier(c, q))
			q++; /* قتل نحو 40، قتل أكثر من 40 */
		if (number_at_tok(c, q))
			passive = true;
		/* an armed-person cue opens an actor at most 3 words before it */
		for (i = FIRST(act, nact, nx); i < c->m->nact && c->m->act[i].tok <= nx + 4 && !passive;
		     i++)
			if (c->m->act[i].head == nx && (c->m->act[i].flags & RASD_ACTOR_VICTIM))
				passive = true;
		if (nx + 1 < f->ce && cue_at(c, nx, RASD_CUE_ARMED_PERSON) &&
		    (WORD_AT(c, nx + 1, RASD_WL_FROM) || number_at_tok(c, nx + 1)))
			passive = true;
		/* قتل جندي إسرائيلي الجمعة، قتل جنديان تركيان في هجوم: soldiers
		 * named right after the verb with no object after them died */
		q = nx;
		if (WORD_AT(c, q, RASD_WL_IN_IT))
			q++; /* عملية دهس قتل فيها جنديان */
		for (i = FIRST(act, nact, q); i < c->m->nact && c->m->act[i].tok == q && !passive;
		     i++)
			if (t->cls == RASD_EC_KILL && cue_at(c, q, RASD_CUE_ARMED_PERSON) &&
			    !collective_force(c->lex, &c->doc->tokens[q]) &&
			    /* a state's soldiers; gunmen (قتل مسلحون في بغداد
			     * امرأة) are mostly the killers */
			    (rasd_lex_actor(c->lex, c->m->act[i].actor)->inter == 1 ||
			     rasd_lex_actor(c->lex, c->m->act[i].actor)->inter == 8) &&
			    nothing_done_after(c, c->m->act[i].tok + c->m->act[i].ntok, f->ce))
				passive = true;
	}
	int best_after = -1, best_before = -1, target = -1, assoc = -1, direct_after = -1;
	bool vso, marked;

	for (i = FIRST(act, nact, f->cb); i < c->m->nact; i++) {
		const struct m_actor *a = &c->m->act[i];
		uint32_t head = a->head;
		const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
		if (a->tok < f->cb)
			continue;
		if (a->tok >= f->ce)
			break;
		if (!actor_usable(c, (int)i))
			continue;
		if (assoc_marker_before(c, head, f->cb)) {
			if (assoc < 0) {
				assoc = (int)i;
				RULE(c, f, R_ROLES_ASSOC_MARKER, head > 0 ? head - 1 : head, END);
			}
			continue;
		}
		if ((a->flags & RASD_ACTOR_VICTIM) || ac->inter == 7) {
			if (target < 0) {
				target = (int)i;
				RULE(c, f, R_ROLES_VICTIM_ACTOR, head, END);
			}
			continue;
		}
		/* an actor among the trigger's own words is its agent: طيران
		 * التحالف، أوقفت الشرطة، سيطر الحوثيون، قصف إسرائيلي (a victim
		 * among them, احتجاز رهائن, was settled above) */
		if (a->tok >= t->tok && a->tok < t->tok + t->ntok) {
			if (best_after != -2) {
				best_before = (int)i;
				best_after = -2;
				RULE(c, f, R_ROLES_IN_TRIGGER, a->tok, END);
			}
			continue;
		}
		if (agent_marker_before(c, head, f->cb)) {
			best_before = (int)i; /* strongest evidence of the agent */
			best_after = -2;
			RULE(c, f, R_ROLES_PASSIVE_BY, head > 0 ? head - 1 : head, END);
			continue;
		}
		vso = !victim_class && best_before < 0 && vso_subject(c, t, a);
		marked = !vso && target_marker_before(c, head, f->cb);
		if (marked || owner_marker_before(c, head, f->cb)) {
			if (target < 0) {
				target = (int)i;
				RULE(c, f, marked ? R_ROLES_TARGET_MARKER : R_ROLES_OWNER_MARKER,
				     head > 0 ? head - 1 : head, END);
			}
			continue;
		}
		if (victim_class && head > t->tok && partitive(c, a)) {
			/* سقط قتلى من الحوثيين: the side the dead belong to */
			if (target < 0) {
				target = (int)i;
				RULE(c, f, R_ROLES_PARTITIVE, head > 0 ? head - 1 : head, END);
			}
			continue;
		}
		/* قُتل نحو 40 عنصرا من ميليشيات الحوثي: the killed and their side */
		if (passive && head >= t->tok + t->ntok &&
		    (head <= t->tok + t->ntok + 4 ||
		     (head <= t->tok + t->ntok + 8 && after_min(c, a))) &&
		    !agent_marker_before(c, head, f->cb) && !means_agent(c, t, a)) {
			if (target < 0) {
				target = (int)i;
				RULE2(c, f, R_ROLES_PASSIVE_VICTIMS, t->tok, t->tok + t->ntok, head, END);
			}
			continue;
		}
		if (!victim_class && head >= t->tok + t->ntok && kill_between(c, t->tok + t->ntok, a->tok)) {
			/* عملية دهس قتل فيها جنديان إسرائيليان: the dead of the
			 * attack, not its author */
			if (target < 0) {
				target = (int)i;
				RULE(c, f, R_ROLES_DEAD_OF_ATTACK, head, END);
			}
			continue;
		}
		if (head >= t->tok + t->ntok) {
			/* right after the trigger: the agent of a verb (VSO) or of a
			 * noun in construct (غارات التحالف), the victim of a killing */
			uint32_t gap = head - (t->tok + t->ntok);
			bool adjacent = gap <= 2 || (number_at_tok(c, t->tok + t->ntok) &&
						     gap <= 4);
			if (victim_class && adjacent && t->form != RASD_FORM_VERB) {
				if (target < 0) {
					target = (int)i;
					RULE2(c, f, R_ROLES_OBJECT_OF_KILLING, t->tok, t->tok + t->ntok,
					      head, END);
				}
				continue;
			}
			if (victim_class && adjacent && t->form == RASD_FORM_VERB &&
			    (a->armed_cue || number_at_tok(c, t->tok + t->ntok)) && direct_after < 0 &&
			    best_before >= 0) {
				if (target < 0) {
					target = (int)i;
					RULE2(c, f, R_ROLES_OBJECT_OF_KILLING, t->tok, t->tok + t->ntok,
					      head, END);
				}
				continue;
			}
			if (best_after == -1 && gap <= 6) {
				best_after = (int)i;
				if (adjacent)
					direct_after = (int)i;
				RULE2(c, f, R_ROLES_SUBJECT_AFTER, t->tok, t->tok + t->ntok, head, END);
			} else if (target < 0) {
				target = (int)i;
				RULE(c, f, R_ROLES_OBJECT_AFTER, head, END);
			}
		} else if (best_after != -2 && !partitive(c, a)) {
			/* nearest subject before the trigger (not قتلى من الحوثيين) */
			best_before = (int)i;
			RULE(c, f, R_ROLES_SUBJECT_BEFORE, head, END);
		}
	}
	if (best_after == -2)
		f->agent = best_before;
	else if (best_after >= 0 && (t->form == RASD_FORM_VERB || best_before < 0))
		f->agent = best_after;
	else
		f->agent = best_before;
	if (f->agent == best_after && best_before >= 0 && target < 0 && best_after >= 0)
		target = best_before, f->agent = best_after;
	if (f->agent >= 0 && best_after >= 0 && f->agent != best_after && target < 0)
		target = best_after;
	f->target = target == f->agent ? -1 : target;
	f->assoc = assoc;
	/* مقاتلات التحالف ومدفعية الجيش: an actor joined to the agent by و
	 * acts with it; the side hit is named further on */
	if (f->agent >= 0 && f->target >= 0 && f->assoc < 0 && t->cls != RASD_EC_CLASH &&
	    t->cls != RASD_EC_TAKEOVER &&
	    /* بين X وY names the two sides */
	    !(c->m->act[f->agent].head > 0 && WORD_AT(c, c->m->act[f->agent].head - 1, RASD_WL_BETWEEN))) {
		const struct m_actor *ag = &c->m->act[f->agent], *tg = &c->m->act[f->target];
		uint32_t ag_end = ag->tok + ag->ntok;
		/* ومدفعية #الجيش_اليمني: the partner behind a hashtag mark */
		bool hashtag = tg->head == ag_end + 2 && word_before(c, tg) == ag_end + 1;
		if (((tg->head == ag_end && conj_word(c, tg->head)) ||
		     ((tg->head == ag_end + 1 || hashtag) && conj_word(c, ag_end))) &&
		    tg->actor != ag->actor && !(tg->flags & RASD_ACTOR_VICTIM)) {
			RULE2(c, f, R_ROLES_CONJOINED_PARTNER, ag->tok, ag_end, tg->head,
			      tg->tok + tg->ntok);
			f->assoc = f->target;
			f->target = -1;
			for (i = (size_t)f->assoc + 1; i < c->m->nact && c->m->act[i].tok < f->ce; i++) {
				const struct m_actor *a = &c->m->act[i];
				if (a->actor != ag->actor && a->actor != tg->actor &&
				    actor_usable(c, (int)i) && target_marker_before(c, a->head, f->cb)) {
					f->target = (int)i;
					break;
				}
			}
		}
	}

	/* Clashes between X and Y: بين X و Y */
	if (t->cls == RASD_EC_CLASH && f->agent < 0) {
		for (i = FIRST(act, nact, f->cb); i < c->m->nact && c->m->act[i].tok < f->ce; i++) {
			const struct m_actor *a = &c->m->act[i];
			if (!actor_usable(c, (int)i))
				continue;
			if ((int)i == f->target || (int)i == f->assoc)
				continue; /* معارك ضد الحوثيين: the side fought against */
			if (f->agent < 0) {
				f->agent = (int)i;
				RULE(c, f, R_ROLES_CLASH_SIDES, a->tok, END);
			} else if (f->target < 0 && c->m->act[f->agent].actor != a->actor) {
				f->target = (int)i;
				RULE(c, f, R_ROLES_CLASH_SIDES, a->tok, END);
			}
		}
	}
	/* No agent in the clause: the sentence's subject, then the last agent
	 * named in the paragraph. */
	if (f->agent < 0) {
		for (i = FIRST(act, nact, s->tok_begin); i < c->m->nact; i++) {
			const struct m_actor *a = &c->m->act[i];
			const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
			if (a->tok >= s->tok_end)
				break;
			if (a->tok >= f->cb && a->tok < f->ce)
				continue;
			if (!actor_usable(c, (int)i) || !actor_armed(ac) || (int)i == f->target)
				continue;
			if ((target_marker_before(c, a->head, s->tok_begin) &&
			     !opens_with_verb(c, s, a)) || partitive(c, a) ||
			    assoc_marker_before(c, a->head, s->tok_begin) ||
			    owner_marker_before(c, a->head, s->tok_begin))
				continue;
			if (f->target >= 0 && c->m->act[f->target].actor == a->actor)
				continue;
			f->agent = (int)i; /* the sentence's first actor: its subject */
			RULE(c, f, R_ROLES_SENTENCE_SUBJECT, a->tok, END);
			break;
		}
	}
	f->agent_actor = actor_of(c, f->agent);
	f->target_actor = actor_of(c, f->target);
	f->assoc_actor = actor_of(c, f->assoc);
	if (f->agent_actor && f->target_actor && f->agent_actor == f->target_actor) {
		f->target_actor = NULL;
		f->target = -1;
	}
}
#undef END

/* في/خلال/أثناء + a front or the fighting, right after a killing */
static bool died_in_fighting(const struct ctx *c, uint32_t from, uint32_t ce)
{
	uint32_t j;
	for (j = from; j + 1 < ce && j < from + 3; j++) {
		if (!WORD_AT(c, j, RASD_WL_DURING_PREP))
			continue;
		if (WORD_AT(c, j + 1, RASD_WL_FRONT))
			return true;
	}
	return false;
}

/* An armed-person word within 4 words from `from` in the clause that is
 * not the agent's own head (قتلت عناصر داعش مدنيين: the killers) */
static bool armed_person_near(const struct ctx *c, const struct frame *f, uint32_t from,
			      uint32_t *at)
{
	return cue_in(c, from, f->ce, RASD_CUE_ARMED_PERSON, at) && *at < from + 4 &&
	       !(f->agent >= 0 && c->m->act[f->agent].head == *at);
}

/* Remote violence: the classes whose victims a sentence may
 * name in a clause of its own (استشهد 6 أشخاص بينهم طفل، وأصيب 5 آخرون،
 * بغارة إسرائيلية على ...; غارة استهدفت البلدة، ما أدى إلى مقتل شخصين) */
static bool strike_class(enum rasd_event_class cls)
{
	return cls == RASD_EC_AIRSTRIKE || cls == RASD_EC_SHELLING || cls == RASD_EC_IED ||
	       cls == RASD_EC_SUICIDE || cls == RASD_EC_GRENADE;
}

/* A death or injury word right before token k (مقتل شخصين، استشهاد شخص،
 * إصابة خمسة مدنيين), past a count */
static bool hurt_before(const struct ctx *c, uint32_t k, uint32_t from)
{
	uint32_t j;
	for (j = k; j > from && j + 4 > k; j--)
		if (cue_at(c, j - 1, RASD_CUE_DEATH) || cue_at(c, j - 1, RASD_CUE_INJURY) ||
		    kill_between(c, j - 1, j))
			return true;
	return false;
}

/* A strike whose clause names no one hit: the people the sentence says it
 * killed or wounded, in the clause before it or in the one after it that
 * tells the consequence, are its victims, unless an armed side is named
 * between them and the strike. */
static void sentence_victims(struct ctx *c, struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	size_t i;
	int found = -1;
	if (f->target >= 0 || f->civilian_victims || f->armed_victims || !strike_class(f->trig->cls))
		return;
	for (i = FIRST(act, nact, s->tok_begin); i < c->m->nact; i++) {
		const struct m_actor *a = &c->m->act[i];
		const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
		if (a->tok >= s->tok_end)
			break;
		if (a->tok >= f->cb && a->tok < f->ce)
			continue;
		if (a->tok >= f->ce && found >= 0)
			break;
		if (!(a->flags & RASD_ACTOR_VICTIM) && ac->inter != 7) {
			/* an armed side between the victims and the strike */
			if (actor_armed(ac) && (int)i != f->agent)
				found = a->tok < f->cb ? -1 : found;
			if (a->tok >= f->ce)
				break;
			continue;
		}
		if (!hurt_before(c, a->head, s->tok_begin))
			continue;
		if (a->tok >= f->ce) {
			/* the clause right after, told as the strike's result */
			uint32_t k;
			bool result = false;
			for (k = f->ce; k < a->tok && !result; k++)
				result = WORD_OR_WAW_AT(c, k, RASD_WL_CONSEQUENCE_VERB);
			if (!result)
				break;
		}
		found = (int)i;
	}
	if (found < 0)
		return;
	f->target = found;
	f->target_actor = actor_of(c, found);
	f->civilian_victims = true;
	RULE(c, f, R_ROLES_SENTENCE_VICTIMS, c->m->act[found].tok,
	     c->m->act[found].tok + c->m->act[found].ntok);
}

void roles_victims(struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	uint32_t at;
	bool hit;
	size_t i;

	for (i = FIRST(act, nact, f->cb); i < c->m->nact && c->m->act[i].tok < f->ce; i++) {
		const struct m_actor *a = &c->m->act[i];
		if (a->tok < f->cb)
			continue;
		if ((a->flags & RASD_ACTOR_VICTIM) && !f->civilian_victims) {
			f->civilian_victims = true;
			RULE(c, f, R_ROLES_CIVILIAN_VICTIMS, a->tok, a->tok + a->ntok);
		}
	}
	if (f->target_actor && actor_armed(f->target_actor)) {
		f->armed_victims = true;
		RULE(c, f, R_ROLES_ARMED_VICTIMS, c->m->act[f->target].tok,
		     c->m->act[f->target].tok + c->m->act[f->target].ntok);
	}
	/* قتل عنصرين، قتلت قوات الجيش اليمني مسلحا: combatants killed right
	 * after the verb, or right after its agent when the agent follows it */
	hit = false;
	if (t->cls == RASD_EC_KILL) {
		const struct m_actor *ag = f->agent >= 0 ? &c->m->act[f->agent] : NULL;
		uint32_t end = t->tok + t->ntok;
		hit = armed_person_near(c, f, end, &at);
		if (!hit && ag && ag->tok >= end && ag->tok < end + 2)
			hit = armed_person_near(c, f, ag->tok + ag->ntok, &at);
	}
	if (hit) {
		struct rasd_lex_match ms[16];
		size_t nm = rasd_lex_match_at(c->lex, c->doc, at, ms, 16), q;
		bool theirs = false;
		for (q = 0; q < nm; q++)
			if (ms[q].kind == RASD_LEX_CUE && ms[q].u.cue == RASD_CUE_ARMED_PERSON &&
			    (ms[q].clitics & RASD_CLITIC_PRONOUN))
				theirs = true;
		f->armed_victims = true;
		RULE(c, f, R_ROLES_ARMED_VICTIMS, at, at + 1);
		/* أعلنت ميليشيات الحوثي مقتل أحد قادتها: "its" commanders are the
		 * announcer's own dead, so the side named before is the one hit */
		if (theirs && f->agent >= 0 && c->m->act[f->agent].tok < t->tok && f->target < 0) {
			RULE2(c, f, R_ROLES_OWN_DEAD, c->m->act[f->agent].tok,
			      c->m->act[f->agent].tok + c->m->act[f->agent].ntok, at, at + 1);
			f->target = f->agent;
			f->target_actor = f->agent_actor;
			f->agent = -1;
			f->agent_actor = NULL;
		}
	}
	/* قتل في جبهة الساحل، قتلوا خلال المواجهات: a death in the fighting is
	 * a battle's */
	if (t->cls == RASD_EC_KILL && died_in_fighting(c, t->tok + t->ntok, f->ce)) {
		f->armed_victims = true;
		RULE(c, f, R_ROLES_ARMED_VICTIMS, t->tok, t->tok + t->ntok + 3);
	}
	/* أربعة عناصر أمن سعوديين قتلوا: combatants named before a killing verb
	 * are its victims */
	if (t->cls == RASD_EC_KILL && t->form == RASD_FORM_VERB && t->tok > f->cb &&
	    cue_in(c, t->tok > f->cb + 5 ? t->tok - 5 : f->cb, t->tok, RASD_CUE_ARMED_PERSON, &at) &&
	    (number_at_tok(c, at > 0 ? at - 1 : at) || number_ending_at(c, at))) {
		const struct m_number *nv = number_ending_at(c, at);
		f->armed_victims = true;
		RULE(c, f, R_ROLES_VICTIMS_BEFORE_VERB, at > 0 ? at - 1 : at, t->tok + t->ntok);
		if (nv && !nv->vague)
			f->pre_count = nv->value;
		if (f->agent >= 0 && c->m->act[f->agent].tok < t->tok) {
			/* the actor named with them is their side, not the killer */
			f->target = f->agent;
			f->target_actor = f->agent_actor;
			f->agent = -1;
			f->agent_actor = NULL;
		}
	}
	/* أعدم ضابطا: a soldier executed was not killed in battle */
	f->execution = t->cls == RASD_EC_KILL && word_list_prefix(c->lex, c->doc->tokens[t->tok].key,
								  c->doc->tokens[t->tok].klen,
								  RASD_WL_EXECUTION_STEM);
	if (f->execution) {
		f->armed_victims = false;
		RULE(c, f, R_ROLES_EXECUTION, t->tok, t->tok + t->ntok);
	}

	if (t->cls == RASD_EC_KILL && f->agent >= 0 && c->m->act[f->agent].tok < t->tok &&
	    body_word(c, t->tok)) {
		/* عثرت قوات الأمن على 8 جثث: who found the bodies did not kill */
		RULE2(c, f, R_ROLES_BODY_FINDER, c->m->act[f->agent].tok,
		      c->m->act[f->agent].tok + c->m->act[f->agent].ntok, t->tok, t->tok + t->ntok);
		f->agent = -1;
		f->agent_actor = NULL;
	}
	if (t->cls == RASD_EC_ATTACK && t->form != RASD_FORM_VERB) {
		/* اعتداء محتجين: a noun in construct with the crowd that did it */
		size_t q = FIRST(act, nact, t->tok + t->ntok);
		if (q < c->m->nact && c->m->act[q].head == t->tok + t->ntok) {
			const struct rasd_actor *ac = rasd_lex_actor(c->lex, c->m->act[q].actor);
			if (ac && (ac->inter == 5 || ac->inter == 6)) {
				if (f->target == (int)q) {
					f->target = -1;
					f->target_actor = NULL;
				}
				f->agent = (int)q;
				f->agent_actor = ac;
				RULE(c, f, R_ROLES_CROWD_ATTACK, t->tok,
				     c->m->act[q].tok + c->m->act[q].ntok);
			}
		}
	}
	sentence_victims(c, f);
}
