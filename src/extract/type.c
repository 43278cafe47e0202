/*
 * type.c - the type stage: the ACLED event type and sub-event type of a
 * frame. Decides the means (air, artillery, explosives) from the clause's
 * cue words or a strike the killing happened in (قتل ... في غارة جوية),
 * what security forces did to a protest (تفريق، بالرصاص الحي), the type
 * from the trigger's class, its means, who acted and who was hit, and
 * ACLED's conventions for the actors of a type (protesters, rioters,
 * civilians). Reads the document, the cue and trigger mentions and the
 * frame's actors, toll and modality. Part of extract/ (see frame.h).
 */
#include "frame.h"

void type_means(const struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	size_t i;

	uint32_t at;

	/* means words in the clause decide remote violence */
	f->means_air = cue_in(c, f->cb, f->ce, RASD_CUE_MEANS_AIR, &at);
	if (f->means_air)
		RULE(c, f, R_TYPE_MEANS_IN_CLAUSE, at, at + 1);
	f->means_artillery = cue_in(c, f->cb, f->ce, RASD_CUE_MEANS_ARTILLERY, &at);
	if (f->means_artillery)
		RULE(c, f, R_TYPE_MEANS_IN_CLAUSE, at, at + 1);
	f->means_ied = cue_in(c, f->cb, f->ce, RASD_CUE_MEANS_IED, &at);
	if (f->means_ied)
		RULE(c, f, R_TYPE_MEANS_IN_CLAUSE, at, at + 1);
	if (t->cls == RASD_EC_ATTACK && !f->means_air && !f->means_artillery && !f->means_ied) {
		/* استهداف المطار …، بطائرتين من دون طيار: the instrument (بـ) told
		 * later in the sentence */
		uint32_t at2 = 0;
		if (cue_in(c, f->ce, s->tok_end, RASD_CUE_MEANS_AIR, &at2) &&
		    c->doc->tokens[at2].klen > 2 && memcmp(c->doc->tokens[at2].key, "ب", 2) == 0)
			f->means_air = true;
		else if (cue_in(c, f->ce, s->tok_end, RASD_CUE_MEANS_ARTILLERY, &at2) &&
			 c->doc->tokens[at2].klen > 2 && memcmp(c->doc->tokens[at2].key, "ب", 2) == 0)
			f->means_artillery = true;
		if (f->means_air || f->means_artillery)
			RULE(c, f, R_TYPE_MEANS_INSTRUMENT, at2, at2 + 1);
	}
	if ((t->cls == RASD_EC_KILL || t->cls == RASD_EC_ATTACK) && !f->means_air &&
	    !f->means_artillery && !f->means_ied) {
		/* قتل عشرون شخصا ... في غارة جوية: killed in a strike told later in
		 * the sentence */
		for (i = FIRST(trig, ntrig, s->tok_begin);
		     i < c->m->ntrig && c->m->trig[i].tok < s->tok_end; i++) {
			const struct m_trigger *o = &c->m->trig[i];
			const struct rasd_token *ot;
			bool caused;
			if (o->tok < s->tok_begin || o == t)
				continue;
			/* only a strike, a shelling or a bomb can be the means: the
			 * cheap test first (a sentence of «قتل» repeated asked
			 * means_context of each of its hundreds of triggers) */
			if (o->cls != RASD_EC_AIRSTRIKE && o->cls != RASD_EC_SHELLING &&
			    o->cls != RASD_EC_IED && o->cls != RASD_EC_SUICIDE)
				continue;
			ot = &c->doc->tokens[o->tok];
			caused = (o->clitics & RASD_CLITIC_PREP) || means_context(c, o->tok);
			(void)ot;
			if (!caused)
				continue;
			if (o->cls == RASD_EC_AIRSTRIKE)
				f->means_air = true;
			else if (o->cls == RASD_EC_SHELLING)
				f->means_artillery = true;
			else if (o->cls == RASD_EC_IED || o->cls == RASD_EC_SUICIDE)
				f->means_ied = true;
			else
				continue;
			RULE(c, f, R_TYPE_KILLED_IN_STRIKE, o->tok, o->tok + o->ntok);
			break;
		}
	}
}

void type_intervention(struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];

	if (t->cls == RASD_EC_PROTEST || t->cls == RASD_EC_RIOT) {
		/* what the security forces did to the protest, in the sentence */
		uint32_t k;
		struct frame g = *f;
		size_t mark = f->tr ? f->tr->n : 0;
		for (k = s->tok_begin; k < s->tok_end && !f->intervention; k++)
			if (WORD_AT(c, k, RASD_WL_DISPERSAL))
				f->intervention = true;
		if (f->intervention)
			RULE(c, f, R_TYPE_PROTEST_INTERVENTION, k - 1, k);
		{
			/* what the crowd did: stormed, burned, threw stones, blocked
			 * roads with burning tyres (a riot, as ACLED codes it) */
			for (k = s->tok_begin; k < s->tok_end && !f->crowd_violent; k++)
				if (WORD_AT(c, k, RASD_WL_CROWD_VIOLENCE))
					f->crowd_violent = true;
			if (f->crowd_violent)
				RULE(c, f, R_TYPE_CROWD_VIOLENCE, k - 1, k);
		}
		mark = f->tr ? f->tr->n : 0;
		g.cb = s->tok_begin;
		g.ce = s->tok_end;
		g.trig = f->trig;
		count_fatalities(c, &g);
		if (g.fatalities > 0 && !g.fatalities_vague) {
			f->fatalities = g.fatalities;
			f->intervention = true;
			RULE(c, f, R_COUNTS_SENTENCE_TOLL, t->tok, t->tok + t->ntok);
		} else if (f->tr) {
			f->tr->n = mark;
		}
	}
}

static enum rule decide_type(const struct frame *f, const char **type, const char **sub)
{
	const struct rasd_actor *a1 = f->agent_actor, *a2 = f->target_actor;
	bool civ_target = (a2 && a2->inter == 7) || (f->civilian_victims && !f->armed_victims);

	if (f->foiled && f->violent) {
		*type = T_BATTLES;
		*sub = "Armed clash";
		return R_TYPE_FOILED_VIOLENT;
	}
	if (f->intercepted) {
		*type = T_SD;
		*sub = "Disrupted weapons use";
		return R_TYPE_INTERCEPTED;
	}
	switch (f->trig->cls) {
	case RASD_EC_AIRSTRIKE: *type = T_ERV; *sub = "Air/drone strike"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_SHELLING:
		*type = T_ERV;
		*sub = f->means_air ? "Air/drone strike" : "Shelling/artillery/missile attack";
		return f->means_air ? R_TYPE_SHELLING_BY_AIR : R_TYPE_TRIGGER_CLASS;
	case RASD_EC_IED: *type = T_ERV; *sub = "Remote explosive/landmine/IED"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_SUICIDE: *type = T_ERV; *sub = "Suicide bomb"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_GRENADE: *type = T_ERV; *sub = "Grenade"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_CHEMICAL: *type = T_ERV; *sub = "Chemical weapon"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_ABDUCT: *type = T_VAC; *sub = "Abduction/forced disappearance"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_ARREST: *type = T_SD; *sub = "Arrests"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_INTERCEPT:
	case RASD_EC_DEFUSE: *type = T_SD; *sub = "Disrupted weapons use"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_RELEASE:
	case RASD_EC_CURFEW: *type = T_SD; *sub = "Other"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_AGREEMENT: *type = T_SD; *sub = "Agreement"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_BASE: *type = T_SD; *sub = "Headquarters or base established"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_LOOTING: *type = T_SD; *sub = "Looting/property destruction"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_ARSON:
		if (a1 && (a1->inter == 5 || a1->inter == 6)) {
			*type = T_RIOTS;
			*sub = "Violent demonstration";
		} else if (f->fatalities > 0 && civ_target) {
			*type = T_VAC;
			*sub = "Attack";
		} else {
			*type = T_SD;
			*sub = "Looting/property destruction";
		}
		return R_TYPE_ARSON;
	case RASD_EC_PROTEST:
		if (f->crowd_violent) {
			*type = T_RIOTS;
			*sub = "Violent demonstration";
			return R_TYPE_CROWD_VIOLENCE;
		}
		*type = T_PROTESTS;
		if (f->fatalities > 0)
			*sub = "Excessive force against protesters";
		else if (f->intervention || (a2 && a2->inter == 1))
			*sub = "Protest with intervention";
		else
			*sub = "Peaceful protest";
		return R_TYPE_PROTEST;
	case RASD_EC_RIOT: *type = T_RIOTS; *sub = "Violent demonstration"; return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_TAKEOVER:
		*type = T_BATTLES;
		if (a1 && a1->inter == 1)
			*sub = "Government regains territory";
		else if (a1)
			*sub = "Non-state actor overtakes territory";
		else
			*sub = "Armed clash";
		return R_TYPE_TAKEOVER;
	case RASD_EC_CLASH:
		if ((a1 && (a1->inter == 5 || a1->inter == 6)) || (a2 && (a2->inter == 5 || a2->inter == 6))) {
			/* اشتباكات بين المتظاهرين وقوات الأمن: a riot, not a battle */
			*type = T_RIOTS;
			*sub = "Violent demonstration";
			return R_TYPE_CROWD_CLASH;
		}
		*type = T_BATTLES;
		*sub = "Armed clash";
		return R_TYPE_TRIGGER_CLASS;
	case RASD_EC_ATTACK:
	case RASD_EC_KILL:
	default:
		if (a2 && a2->inter == 6 && (!a1 || a1->inter == 1) && !f->means_air &&
		    !f->means_artillery && !f->means_ied) {
			/* مقتل متظاهر برصاص قوات الأمن: force against protesters */
			*type = "Protests";
			*sub = "Excessive force against protesters";
			return R_TYPE_FORCE_ON_PROTESTERS;
		}
		if (f->trig->cls == RASD_EC_ATTACK && a1 && (a1->inter == 5 || a1->inter == 6) &&
		    !f->means_air && !f->means_artillery && !f->means_ied) {
			/* اعتداء محتجين على القنصلية: protesters who attack riot */
			*type = T_RIOTS;
			*sub = "Violent demonstration";
			return R_TYPE_CROWD_ATTACK_RIOT;
		}
		if (f->means_air) {
			*type = T_ERV;
			*sub = "Air/drone strike";
		} else if (f->means_artillery) {
			*type = T_ERV;
			*sub = "Shelling/artillery/missile attack";
		} else if (f->means_ied) {
			*type = T_ERV;
			*sub = "Remote explosive/landmine/IED";
		} else if (civ_target || f->execution ||
			   (!actor_armed(a2) && f->trig->cls == RASD_EC_KILL && !f->armed_victims)) {
			*type = T_VAC;
			*sub = "Attack";
			return R_TYPE_CIVILIAN_TARGET;
		} else {
			*type = T_BATTLES;
			*sub = "Armed clash";
			return R_TYPE_ARMED_CLASH;
		}
		return R_TYPE_REMOTE_MEANS_DECIDES;
	}
}

void set_type(const struct ctx *c, const struct frame *f, const char **type, const char **sub)
{
	enum rule r = decide_type(f, type, sub);
	RULE(c, f, r, f->trig->tok, f->trig->tok + f->trig->ntok);
}

void type_actors(const struct ctx *c, const struct frame *f, struct rasd_event *e)
{
	e->actor1 = f->agent_actor;
	e->actor2 = f->target_actor;
	e->assoc_actor1 = f->assoc_actor;
	if (e->actor2 == e->actor1)
		e->actor2 = NULL;
	if (e->actor1 && e->actor1->inter != 5 && e->actor1->inter != 6 &&
	    strcmp(e->sub_event_type, "Peaceful protest") == 0) {
		/* أنصار الحوثي يتظاهرون: protesters, with the movement behind them
		 * as associate; a state force is not who protests */
		if (e->actor1->inter != 1 && !e->assoc_actor1)
			e->assoc_actor1 = e->actor1;
		e->actor1 = NULL;
	}
	if (!e->actor1 && e->cls == RASD_EC_PROTEST)
		e->actor1 = rasd_lex_actor_by_code(c->lex, "PROTESTERS", NULL);
	if (!e->actor1 && e->cls == RASD_EC_RIOT)
		e->actor1 = rasd_lex_actor_by_code(c->lex, "RIOTERS", NULL);
	if (strcmp(e->event_type, T_RIOTS) == 0 && e->actor1 && e->actor1->inter != 5 &&
	    e->actor1->inter != 6 &&
	    (e->actor1->inter == 1 || (e->actor2 && (e->actor2->inter == 5 || e->actor2->inter == 6)))) {
		/* قوات الأمن ضد المتظاهرين in a riot: the crowd is actor1, the
		 * force it fought actor2 */
		e->actor2 = e->actor1 == c->civ ? NULL : e->actor1;
		e->actor1 = NULL;
	}
	if (strcmp(e->event_type, T_RIOTS) == 0 && (!e->actor1 || e->actor1->inter == 6))
		e->actor1 = rasd_lex_actor_by_code(c->lex, "RIOTERS", NULL); /* as ACLED */
	if (strcmp(e->event_type, T_RIOTS) == 0 && e->actor2 && e->actor2->inter == 6)
		e->actor2 = NULL;
	if (strcmp(e->sub_event_type, "Excessive force against protesters") == 0) {
		/* as ACLED: the force acts, the protesters are hit */
		if (e->actor1 && e->actor1->inter == 6) {
			e->actor1 = e->actor2 && e->actor2 != c->civ && e->actor2->inter != 6 ?
					    e->actor2 : NULL;
			e->actor2 = NULL;
		}
		if (!e->actor2 || e->actor2 == c->civ)
			e->actor2 = rasd_lex_actor_by_code(c->lex, "PROTESTERS", NULL);
	}
	if (!e->actor2 && strcmp(e->event_type, T_VAC) == 0)
		e->actor2 = c->civ;
	/* a peaceful protest has no side acted upon; whom it speaks for
	 * (أمهات المختطفين) is not one */
	if (strcmp(e->sub_event_type, "Peaceful protest") == 0)
		e->actor2 = NULL;
	if (e->actor1 != f->agent_actor || e->actor2 != f->target_actor ||
	    e->assoc_actor1 != f->assoc_actor)
		RULE(c, f, R_TYPE_ACLED_ACTORS, f->trig->tok, f->trig->tok + f->trig->ntok);
}
