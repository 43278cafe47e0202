/*
 * modality.c - the modality stage: how the text tells a frame. Decides
 * claims (تبنى التنظيم، بحسب ما أعلن), foiled attempts and the violence of
 * their foiling (إحباط هجوم), weapons stopped in flight (تم اعتراضه), and
 * the frames that are no event: questions and links, futures, modals and
 * negations (سيشن، قد يشن، لم يشن), statements and calls (دعت إلى وقف
 * استهداف), purposes and methods (من خلال استهداف), generic mentions
 * (سلسلة من الهجمات), bodies no one found, takeovers of nothing, truces only
 * talked about. Reads the document, the cue, trigger and actor mentions and
 * the frame. History and statistics are in history.c. Part of extract/.
 */
#include "frame.h"

bool is_question(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k;
	/* "للمزيد: ..." is a link to another story, not this one */
	if (WORD_AT(c, s->tok_begin, RASD_WL_LINK_LINE))
		return BECAUSE(c, f, R_MODALITY_LINK, s->tok_begin, s->tok_begin + 1);
	{
		/* the sentence's first question mark, found once a sentence */
		const struct sent_facts *sf = sent_facts(c, f->sent);
		if (sf) {
			k = sf->question;
			return k != UINT32_MAX && BECAUSE(c, f, R_MODALITY_QUESTION, k, k + 1);
		}
	}
	for (k = s->tok_begin; k < s->tok_end; k++)
		if (TOK_IS(c, k, "؟") || TOK_IS(c, k, "?"))
			return BECAUSE(c, f, R_MODALITY_QUESTION, k, k + 1);
	return false;
}

/* قد before a perfect verb (وكانت قسد قد أفرجت، وقد قتل، لقد شنت) tells
 * a completed act; only قد before an imperfect (قد يشن، قد تكون) hedges.
 * The imperfect is told by its prefix: ي always; ت unless the word ends
 * in the perfect's ت or وا (تعرضت، تمكنوا) or is تم. */
bool qad_perfect(const struct ctx *c, uint32_t at)
{
	const struct rasd_token *v;
	size_t n;
	if (!WORD_AT(c, at, RASD_WL_QAD) || at + 1 >= c->doc->ntokens)
		return false; /* قد، وقد، فقد، لقد */
	v = &c->doc->tokens[at + 1];
	n = v->klen;
	if (v->kind != RASD_TOK_WORD || n < 4 || WORD_AT(c, at + 1, RASD_WL_QAD_IMPERFECT))
		return false;
	if (memcmp(v->key, "ي", 2) == 0)
		return false;
	if (memcmp(v->key, "ت", 2) == 0)
		return WORD_AT(c, at + 1, RASD_WL_QAD_PERFECT) ||
		       (n >= 8 && memcmp(v->key + n - 2, "ت", 2) == 0) ||
		       (n >= 8 && memcmp(v->key + n - 4, "وا", 4) == 0);
	return true;
}

/* The first hedge in [from, to) that is one (not قد + a perfect verb). */
static bool hedge_in(const struct ctx *c, uint32_t from, uint32_t to, uint32_t *at)
{
	while (from < to && cue_in(c, from, to, RASD_CUE_HEDGE, at)) {
		if (!qad_perfect(c, *at))
			return true;
		from = *at + 1;
	}
	return false;
}

/* Future or modal verb just before the trigger: سيشن، قد يشن، يعتزم شن */
bool modal_before(const struct ctx *c, const struct frame *f)
{
	uint32_t t = f->trig->tok, from = t > f->cb + 4 ? t - 4 : f->cb;
	uint32_t k, at;
	const struct rasd_token *tt = &c->doc->tokens[t];

	if (hedge_in(c, from, t, &at))
		return BECAUSE(c, f, R_MODALITY_HEDGE, at, at + 1);
	if (cue_in(c, from, t, RASD_CUE_NEGATION, &at))
		return BECAUSE(c, f, R_MODALITY_NEGATION, at, at + 1);
	if (f->trig->form != RASD_FORM_VERB && hedge_in(c, f->cb, f->ce, &at))
		return BECAUSE(c, f, R_MODALITY_HEDGE, at, at + 1);
	/* س + present tense */
	if (tt->klen >= 6 && memcmp(tt->key, "س", 2) == 0 &&
	    (memcmp(tt->key + 2, "ي", 2) == 0 || memcmp(tt->key + 2, "ت", 2) == 0 ||
	     memcmp(tt->key + 2, "ن", 2) == 0) &&
	    !WORD_AT(c, t, RASD_WL_PAST_IN_SIN))
		return BECAUSE(c, f, R_MODALITY_FUTURE, t, t + 1);
	for (k = from; k < t; k++) {
		const struct rasd_token *w0 = &c->doc->tokens[k];
		struct rasd_token stripped = *w0;
		const struct rasd_token *w = &stripped;
		/* وستمثل، فسيشن: a conjunction before the future prefix */
		if (stripped.klen >= 8 && (memcmp(stripped.key, "و", 2) == 0 ||
					   memcmp(stripped.key, "ف", 2) == 0) &&
		    memcmp(stripped.key + 2, "س", 2) == 0) {
			stripped.key += 2;
			stripped.klen -= 2;
		}
		if (w->klen >= 6 && memcmp(w->key, "س", 2) == 0 &&
		    (memcmp(w->key + 2, "ي", 2) == 0 || memcmp(w->key + 2, "ت", 2) == 0) &&
		    !WORD_AT(c, k, RASD_WL_NOT_FUTURE))
			return BECAUSE(c, f, R_MODALITY_FUTURE, k, k + 1);
		/* habitual/method: من خلال، عبر + masdar */
		if (k + 2 >= t && (WORD_AT(c, k, RASD_WL_DURING) && k > 0 && WORD_AT(c, k - 1, RASD_WL_FROM)))
			return BECAUSE(c, f, R_MODALITY_METHOD, k - 1, k + 1);
		if (k + 1 == t && WORD_AT(c, k, RASD_WL_METHOD_LEAD))
			return BECAUSE(c, f, R_MODALITY_METHOD, k, k + 1);
	}
	return false;
}

/* A day (not a month or a period) in sentence s within the article's time
 * frame. */
static bool recent_day_in(const struct ctx *c, const struct rasd_sentence *s)
{
	size_t i;
	for (i = FIRST(date, ndate, s->tok_begin); i < c->m->ndate && c->m->date[i].tok < s->tok_end;
	     i++) {
		const struct rasd_date_expr *d = &c->m->date[i];
		if (d->precision == 1 && !d->since &&
		    (c->published == INT32_MIN || d->date >= c->published - HISTORY_DAYS))
			return true;
	}
	return false;
}

/* Statements, calls and condemnations are not events; nor is what they ask
 * to stop (دعت إلى وقف استهداف المدنيين), nor "this attack" told again. */
bool statement_or_reference(const struct ctx *c, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k;

	/* معركة مع الإرهاب، الحرب على الفساد: a fight against an idea */
	for (k = t->tok + t->ntok; k < s->tok_end && k < t->tok + t->ntok + 10; k++) {
		uint32_t p = k;
		if (!WORD_AT(c, k, RASD_WL_IDEA))
			continue;
		if (k < t->tok + t->ntok + 3 && k < f->ce)
			return BECAUSE(c, f, R_MODALITY_FIGHT_AGAINST_IDEA, k, k + 1);
		/* معركة بلدها "مستمرة ومفتوحة" مع "الإرهاب": further on, behind
		 * a preposition */
		if (p > 0 && c->doc->tokens[p - 1].kind == RASD_TOK_PUNCT)
			p--;
		if (p > 0 && WORD_AT(c, p - 1, RASD_WL_AGAINST))
			return BECAUSE(c, f, R_MODALITY_FIGHT_AGAINST_IDEA, p - 1, k + 1);
	}
	/* استهداف المدنيين يجب أن يتوقف: what must stop is not an event */
	if (t->form != RASD_FORM_VERB)
		for (k = t->tok + t->ntok; k < f->ce && k < t->tok + t->ntok + 12; k++)
			if (WORD_AT(c, k, RASD_WL_MUST_STOP))
				return BECAUSE(c, f, R_MODALITY_MUST_STOP, k, k + 1);

	if (t->form != RASD_FORM_VERB && cue_in(c, s->tok_begin, t->tok, RASD_CUE_STATEMENT, &k))
		return BECAUSE(c, f, R_MODALITY_STATEMENT, k, k + 1);
	/* تنفيذ هجماتها، غاراتهم: their attacks in general, not one, unless
	 * the clause dates them (استهدفت غاراتها الأربعاء) */
	if (t->form == RASD_FORM_PLURAL && (t->clitics & RASD_CLITIC_PRONOUN) && t->ntok == 1 &&
	    !(f->date && f->date->tok >= f->cb && f->date->tok < f->ce))
		return BECAUSE(c, f, R_MODALITY_THEIR_ATTACKS, t->tok, t->tok + 1);
	/* الهجوم الكيميائي المزعوم: the alleged attack everyone knows of */
	if (t->definite && t->form != RASD_FORM_VERB)
		for (k = t->tok + t->ntok; k < f->ce && k < t->tok + t->ntok + 3; k++)
			if (WORD_AT(c, k, RASD_WL_ALLEGED))
				return BECAUSE(c, f, R_MODALITY_ALLEGED, k, k + 1);
	/* an anniversary earlier in the clause: الذكرى الأولى لـ"مجزرة الناصرية"
	 * (the trigger is what is remembered), تحل الذكرى السابعة لمجزرة … التي
	 * ارتكبتها (a relative clause about it); «في ذكرى يوم الأرض» is the day
	 * something new happened, not what is remembered */
	for (k = f->cb; k < t->tok; k++) {
		uint32_t j;
		bool on_day;
		if (!WORD_AT(c, k, RASD_WL_ANNIVERSARY))
			continue;
		if (t->tok <= k + 4)
			return BECAUSE(c, f, R_MODALITY_ANNIVERSARY, k, k + 1);
		on_day = k > 0 && WORD_AT(c, k - 1, RASD_WL_ANNIVERSARY_DAY);
		for (j = k + 1; j < t->tok && !on_day; j++)
			if (WORD_AT(c, j, RASD_WL_RELATIVE))
				return BECAUSE(c, f, R_MODALITY_ANNIVERSARY, k, k + 1);
	}
	/* اتهمت الأمم المتحدة القوات بقتل مئتي مدني، اتهمه باغتيال والده: an
	 * accusation names a deed, it does not report one; one that gives the
	 * deed a recent day (اتهمت دمشق إسرائيل بقصف مطار، مساء الأحد) is
	 * how that strike is reported */
	if (t->form != RASD_FORM_VERB && sent_may_have(c, f->sent, RASD_WL_ACCUSE) &&
	    !recent_day_in(c, s))
		for (k = t->tok > s->tok_begin + 12 ? t->tok - 12 : s->tok_begin; k < t->tok; k++)
			if (WORD_AT(c, k, RASD_WL_ACCUSE))
				return BECAUSE(c, f, R_MODALITY_ACCUSATION, k, k + 1);
	for (k = t->tok > f->cb + 2 ? t->tok - 2 : f->cb; k < t->tok; k++) {
		if (WORD_AT(c, k, RASD_WL_REFERENCE_LEAD))
			return BECAUSE(c, f, R_MODALITY_TALK_ABOUT, k, k + 1);
	}
	return false;
}

/* A claim cue belongs to one trigger: attributions that follow what they
 * source (بحسب ما أعلن التنظيم) to the nearest trigger before them, claims
 * that govern a clause (تبنى التنظيم عملية قتل) to the nearest after. */
static bool claim_applies(const struct ctx *c, const struct frame *f, const struct rasd_sentence *s)
{
	size_t i, k;
	for (i = FIRST(cue, ncue, s->tok_begin); i < c->m->ncue; i++) {
		const struct m_cue *q = &c->m->cue[i];
		const struct m_trigger *best = NULL;
		bool backward;
		if (q->tok >= s->tok_end)
			break;
		if (q->tok < s->tok_begin || q->role != RASD_CUE_CLAIM)
			continue;
		backward = WORD_AT(c, q->tok, RASD_WL_ACCORDING_TO);
		for (k = FIRST(trig, ntrig, s->tok_begin); k < c->m->ntrig; k++) {
			const struct m_trigger *t = &c->m->trig[k];
			if (t->tok >= s->tok_end)
				break;
			if (t->tok < s->tok_begin)
				continue;
			if (backward && t->tok < q->tok)
				best = t; /* the last one before */
			else if (!backward && t->tok > q->tok) {
				best = t;
				break;
			}
		}
		if (!best) {
			/* a claim with nothing on its side: the nearest other way */
			for (k = FIRST(trig, ntrig, s->tok_begin); k < c->m->ntrig; k++) {
				const struct m_trigger *t = &c->m->trig[k];
				if (t->tok >= s->tok_end)
					break;
				if (t->tok < s->tok_begin)
					continue;
				if (!best || (t->tok > q->tok ? t->tok - q->tok : q->tok - t->tok) <
						     (best->tok > q->tok ? best->tok - q->tok : q->tok - best->tok))
					best = t;
			}
		}
		if (best == f->trig)
			return BECAUSE(c, f, R_MODALITY_CLAIM, q->tok, q->tok + q->ntok);
	}
	return false;
}

/* Generic mentions: quantities and kinds of attacks rather than one attack
 * (سلسلة من الهجمات، عمليات القتل، هجمات متعددة). */
bool generic_mention(const struct ctx *c, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	uint32_t from = t->tok > f->cb + 4 ? t->tok - 4 : f->cb, after = t->tok + t->ntok, at;
	if (cue_in(c, from, t->tok, RASD_CUE_GENERIC, &at))
		return BECAUSE(c, f, R_MODALITY_GENERIC, at, at + 1);
	if (after < f->ce && cue_at(c, after, RASD_CUE_GENERIC))
		return BECAUSE(c, f, R_MODALITY_GENERIC, after, after + 1);
	/* سلسلة من الهجمات، العديد من الغارات، عدة هجمات، هجمات متعددة */
	if (t->tok >= 2 + f->cb && WORD_AT(c, t->tok - 1, RASD_WL_FROM) &&
	    WORD_AT(c, t->tok - 2, RASD_WL_SERIES_OF))
		return BECAUSE(c, f, R_MODALITY_GENERIC, t->tok - 2, t->tok);
	if (t->tok > f->cb && WORD_AT(c, t->tok - 1, RASD_WL_SEVERAL))
		return BECAUSE(c, f, R_MODALITY_GENERIC, t->tok - 1, t->tok);
	if (after < f->ce && WORD_AT(c, after, RASD_WL_REPEATED))
		return BECAUSE(c, f, R_MODALITY_GENERIC, after, after + 1);
	{
		/* عمليات القتل والحرق: the kind word may govern a list of triggers */
		uint32_t k = t->tok;
		size_t j;
		/* a list of a few triggers: «قتل» repeated hundreds of times was
		 * walked back to the clause's start for each (F7 of issue 12) */
		while (k > f->cb && t->tok - k < 16) {
			bool prev_trigger = false;
			if (WORD_AT(c, k - 1, RASD_WL_KIND_WORD))
				return BECAUSE(c, f, R_MODALITY_GENERIC, k - 1, t->tok + t->ntok);
			/* a trigger is far shorter than 32 words */
			for (j = FIRST(trig, ntrig, k > 32 ? k - 32 : 0);
			     j < c->m->ntrig && c->m->trig[j].tok < k; j++)
				if (c->m->trig[j].tok + c->m->trig[j].ntok == k)
					prev_trigger = true;
			if (!prev_trigger)
				break;
			k--;
		}
	}
	return false;
}

void modality_claim_foil(struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	size_t i;

	/* claims and foiled attempts */
	f->claimed = claim_applies(c, f, s);
	if (!f->claimed && t->form != RASD_FORM_VERB && f->agent_actor &&
	    (t->cls == RASD_EC_ATTACK || t->cls == RASD_EC_KILL || t->cls == RASD_EC_CLASH ||
	     t->cls == RASD_EC_AIRSTRIKE || t->cls == RASD_EC_SHELLING || t->cls == RASD_EC_IED ||
	     t->cls == RASD_EC_SUICIDE || t->cls == RASD_EC_TAKEOVER) &&
	    f->agent_actor->inter >= 2 && f->agent_actor->inter <= 4 && f->agent >= 0 &&
	    c->m->act[f->agent].tok < t->tok) {
		/* أعلن الحوثيون استهداف المطار: a group announcing its own attack
		 * claims it (a state announcing its operation reports it) */
		uint32_t k;
		for (k = t->tok > s->tok_begin + 5 ? t->tok - 5 : s->tok_begin; k < t->tok; k++)
			if (WORD_AT(c, k, RASD_WL_ANNOUNCE)) {
				if (!f->claimed)
					RULE(c, f, R_MODALITY_CLAIM, k, k + 1);
				f->claimed = true;
			}
	}
	{
		uint32_t from = t->tok > f->cb + 3 ? t->tok - 3 : f->cb, at;
		if (from < s->tok_begin)
			from = s->tok_begin;
		f->foiled = cue_in(c, from, t->tok, RASD_CUE_FOIL, &at);
		if (f->foiled)
			RULE(c, f, R_MODALITY_FOILED, at, at + 1);
	}
	if (f->foiled) {
		/* violence in the sentence: deaths, a clash, captives */
		bool found_v = f->fatalities > 0;
		for (i = FIRST(trig, ntrig, s->tok_begin);
		     i < c->m->ntrig && c->m->trig[i].tok < s->tok_end && !found_v; i++)
			if (c->m->trig[i].tok >= s->tok_begin &&
			    c->m->trig[i].cls == RASD_EC_CLASH)
				found_v = true;
		if (!found_v && cue_in(c, s->tok_begin, s->tok_end, RASD_CUE_CAPTURE, NULL))
			found_v = true;
		if (!found_v) {
			/* death count anywhere in the sentence */
			struct frame g = *f;
			size_t mark = f->tr ? f->tr->n : 0;
			g.cb = s->tok_begin;
			g.ce = s->tok_end;
			count_fatalities(c, &g);
			if (g.fatalities > 0) {
				f->fatalities = g.fatalities;
				found_v = true;
				RULE(c, f, R_COUNTS_SENTENCE_TOLL, t->tok, t->tok + t->ntok);
			} else if (f->tr) {
				f->tr->n = mark;
			}
		}
		f->violent = found_v;
		/* the foiling force acts; the would-be attackers are the target */
		{
			const struct rasd_actor *foiler = NULL, *attacker = NULL, *assoc = f->assoc_actor;
			uint32_t ftok = 0, fend = 0, atok = 0, aend = 0;
			for (i = FIRST(act, nact, s->tok_begin);
			     i < c->m->nact && c->m->act[i].tok < s->tok_end; i++) {
				const struct m_actor *a = &c->m->act[i];
				const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
				if (a->tok < s->tok_begin || !actor_armed(ac) ||
				    !actor_usable(c, (int)i))
					continue;
				if (assoc_marker_before(c, a->head, s->tok_begin)) {
					if (!assoc)
						assoc = ac;
					continue;
				}
				if (a->tok < t->tok && !foiler) {
					foiler = ac;
					ftok = a->tok, fend = a->tok + a->ntok;
				} else if (ac != foiler && !attacker) {
					attacker = ac;
					atok = a->tok, aend = a->tok + a->ntok;
				}
			}
			if (foiler || attacker) {
				RULE2(c, f, R_MODALITY_FOILER_ACTS, ftok, fend, atok, aend);
				f->agent_actor = foiler;
				f->target_actor = attacker;
				f->assoc_actor = assoc != foiler && assoc != attacker ? assoc : NULL;
			}
		}
	}
}

void modality_intercept(const struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	size_t i;

	if (t->cls == RASD_EC_AIRSTRIKE || t->cls == RASD_EC_SHELLING ||
	    (t->cls == RASD_EC_ATTACK && (f->means_air || f->means_artillery))) {
		/* طائرة دون طيار جرى تدميرها، صاروخ تم اعتراضه: the weapon was
		 * stopped; its launcher is the target of a disrupted use */
		/* destroyed (تدميره) counts only as something done to the weapon:
		 * جرى تدميرها، تم تدميره، قامت بتدميره */
		uint32_t k;
		bool stopped = false;
		for (k = f->cb; k < f->ce && !stopped; k++) {
			if (k > 0 && WORD_AT(c, k, RASD_WL_DESTROY) &&
			    WORD_AT(c, k - 1, RASD_WL_DONE_BY))
				stopped = true;
			/* the word, or the word after و */
			if (WORD_OR_WAW_AT(c, k, RASD_WL_INTERCEPT_VERB))
				stopped = true;
		}
		if (stopped) {
			/* the launcher (an armed group) is the target of the disrupted
			 * use; the forces that stopped it (state or coalition) act */
			const struct rasd_actor *launcher = NULL, *stopper = NULL;
			f->intercepted = true;
			RULE(c, f, R_MODALITY_STOPPED_IN_FLIGHT, k - 1, k);
			for (i = FIRST(act, nact, s->tok_begin);
			     i < c->m->nact && c->m->act[i].tok < s->tok_end; i++) {
				const struct m_actor *a = &c->m->act[i];
				const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
				if (a->tok < s->tok_begin || !actor_usable(c, (int)i) ||
				    !ac)
					continue;
				if (!launcher && ac->inter >= 2 && ac->inter <= 4)
					launcher = ac;
				else if (!stopper && (ac->inter == 1 || ac->inter == 8))
					stopper = ac;
			}
			if (!launcher && f->agent_actor != stopper)
				launcher = f->agent_actor;
			f->agent_actor = stopper;
			f->target_actor = launcher;
		}
	}
	if (t->cls == RASD_EC_INTERCEPT && f->agent >= 0) {
		/* اعتراض صاروخ أطلقته ميليشيا الحوثي: who launched it is the target */
		const struct m_actor *a = &c->m->act[f->agent];
		uint32_t k;
		for (k = a->head > 2 ? a->head - 2 : 0; k < a->head; k++) {
			const struct rasd_token *tk = &c->doc->tokens[k];
			bool launched =
				word_list_prefix(c->lex, tk->key, tk->klen, RASD_WL_LAUNCHED_STEM);
			/* الصاروخ الحوثي: the missile's own side */
			if (!launched && k + 1 == a->head && WORD_AT(c, k, RASD_WL_PROJECTILE))
				launched = true;
			if (launched) {
				int was_target = f->target;
				RULE(c, f, R_MODALITY_LAUNCHER_TARGET, k, a->tok + a->ntok);
				const struct rasd_actor *was = f->target_actor;
				f->target = f->agent;
				f->target_actor = f->agent_actor;
				f->agent = -1;
				f->agent_actor = NULL;
				if (was && (was->inter == 1 || was->inter == 8)) {
					f->agent = was_target; /* the force named with it stopped it */
					f->agent_actor = was;
				}
				break;
			}
		}
	}
	if (t->cls == RASD_EC_INTERCEPT && !f->agent_actor) {
		/* أعلنت قيادة التحالف اعتراض صاروخ: who announces the interception
		 * made it, when it is a state or coalition force */
		for (i = FIRST(act, nact, s->tok_begin); i < c->m->nact && c->m->act[i].tok < t->tok; i++) {
			const struct rasd_actor *ac = rasd_lex_actor(c->lex, c->m->act[i].actor);
			if (ac && (ac->inter == 1 || ac->inter == 8) && ac != f->target_actor &&
			    actor_usable(c, (int)i)) {
				f->agent_actor = ac;
				RULE(c, f, R_MODALITY_STOPPED_IN_FLIGHT, c->m->act[i].tok,
				     c->m->act[i].tok + c->m->act[i].ntok);
			}
		}
	}
	if ((t->cls == RASD_EC_INTERCEPT || f->intercepted) && !f->target_actor) {
		/* اعتراض ثلاثة صواريخ فوق الرياض: the missiles are those of the
		 * armed group the report has been speaking of */
		for (i = END_BEFORE(act, nact, t->tok); i-- > 0;) {
			const struct m_actor *a = &c->m->act[i];
			const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
			if (a->tok >= t->tok || !ac || !actor_usable(c, (int)i) || ac == f->agent_actor)
				continue;
			if (ac->inter >= 2 && ac->inter <= 4) {
				f->target_actor = ac;
				RULE(c, f, R_MODALITY_LAUNCHER_TARGET, a->tok, a->tok + a->ntok);
				break;
			}
		}
	}
}

/* A truce or an agreement as a noun counts when a verb says it was reached,
 * signed or announced: توصل الطرفان إلى هدنة، وقع الجانبان اتفاقا. */
bool agreement_made(const struct ctx *c, const struct frame *f)
{
	uint32_t k, from = f->trig->tok > f->cb + 5 ? f->trig->tok - 5 : f->cb;
	for (k = from; k < f->trig->tok; k++)
		if (WORD_AT(c, k, RASD_WL_AGREEMENT_VERB))
			return true;
	return false;
}

/* A masdar that states a method or a purpose: من خلال استهداف، للسيطرة على */
bool purpose_or_method(const struct ctx *c, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	uint32_t k, from = t->tok > f->cb + 10 ? t->tok - 10 : f->cb;
	const struct rasd_token *tt = &c->doc->tokens[t->tok];

	if (t->form == RASD_FORM_VERB)
		return false;
	for (k = from; k + 1 < t->tok; k++)
		if (WORD_AT(c, k, RASD_WL_FROM) && WORD_AT(c, k + 1, RASD_WL_DURING))
			return BECAUSE(c, f, R_MODALITY_PURPOSE, k, k + 2);
	/* بمساندة طيران التحالف: air support for another operation */
	if (t->tok > f->cb && assoc_marker_before(c, t->tok, f->cb))
		return BECAUSE(c, f, R_MODALITY_PURPOSE, t->tok - 1, t->tok + t->ntok);
	if (t->tok > f->cb && WORD_AT(c, t->tok - 1, RASD_WL_PURPOSE_LEAD))
		return BECAUSE(c, f, R_MODALITY_PURPOSE, t->tok - 1, t->tok + t->ntok);
	/* لتحرير مدينة، لاستعادة السيطرة: a capture told as a purpose */
	if (t->cls == RASD_EC_TAKEOVER && (t->clitics & RASD_CLITIC_PREP) && tt->klen > 2 &&
	    memcmp(tt->key, "ل", 2) == 0)
		return BECAUSE(c, f, R_MODALITY_PURPOSE, t->tok - 1, t->tok + t->ntok);
	/* ل + ال + masdar: in order to (but تعرض للهجوم: was attacked) */
	if (tt->klen > 4 && memcmp(tt->key, "لل", 4) == 0 &&
	    !(t->tok > 0 && word_list_prefix(c->lex, c->doc->tokens[t->tok - 1].key,
					     c->doc->tokens[t->tok - 1].klen, RASD_WL_EXPOSED_STEM)))
		return BECAUSE(c, f, R_MODALITY_PURPOSE, t->tok - 1, t->tok + t->ntok);
	return false;
}

/* A plural or generic mention needs a day or a toll of its own. */
bool day_or_toll(const struct ctx *c, const struct frame *f)
{
	(void)c;
	if (f->fatalities > 0 && !f->fatalities_vague)
		return true;
	return f->date && f->date->precision == 1 && f->date->tok >= f->cb && f->date->tok < f->ce;
}

/* Does a plural or generic trigger have enough of its own to be one event? */
bool specific_enough(const struct ctx *c, const struct frame *f)
{
	const struct m_place *p;
	if (f->trig->form != RASD_FORM_PLURAL)
		return true;
	/* لهجماتهم، عملياته: their attacks, a habit told of an actor, unless
	 * the clause gives them a day */
	if (f->trig->clitics & RASD_CLITIC_PRONOUN)
		return f->date && f->date->precision == 1 && f->date->tok >= f->cb &&
		       f->date->tok < f->ce;
	if (f->fatalities > 0 && !f->fatalities_vague)
		return true;
	if (f->date && f->date->precision == 1 && f->place >= 0)
		return true; /* اشتباكات في ريف حماة، أمس: a day and a place */
	if (f->place < 0)
		return false;
	p = &c->m->place[f->place];
	if (p->anaphor && p->ref >= 0)
		p = &c->m->place[p->ref];
	if (p->tok < f->cb || p->tok >= f->ce)
		return false;
	/* في ريف حماة, not أنشطة طهران (a capital for its government) */
	{
		const struct m_place *q = &c->m->place[f->place];
		if (!q->locative && !q->anaphor && q->cue == PCUE_NONE && !q->direction)
			return false;
	}
	return p->specificity >= 4 && !(p->place && p->place->kind == RASD_PLACE_REGION);
}

bool body_found_only(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k;
	if (!body_word(c, f->trig->tok)) {
		/* جثث متفسخة ومفخخة: a booby-trapped body is no bombing */
		if (f->trig->cls != RASD_EC_IED && f->trig->cls != RASD_EC_SUICIDE)
			return false;
		for (k = f->trig->tok > s->tok_begin + 3 ? f->trig->tok - 3 : s->tok_begin;
		     k < f->trig->tok; k++)
			if (body_word(c, k))
				return BECAUSE(c, f, R_MODALITY_BODIES_NOT_FOUND, k, k + 1);
		return false;
	}
	bool found = false, violent = false;
	size_t i;
	for (k = s->tok_begin; k < f->trig->tok && !found; k++)
		found = word_in(c->lex, &c->doc->tokens[k], RASD_WL_FIND_BODY);
	if (!found)
		return BECAUSE(c, f, R_MODALITY_BODIES_NOT_FOUND, f->trig->tok, f->trig->tok + f->trig->ntok);
	/* and only in a conflict's telling: an armed group in the sentence or
	 * marks of killing (a mass grave, bullets, an execution); a body found
	 * after a fire, a flood or a crime is not coded */
	for (i = FIRST(act, nact, s->tok_begin); i < c->m->nact && c->m->act[i].tok < s->tok_end; i++) {
		const struct rasd_actor *ac = rasd_lex_actor(c->lex, c->m->act[i].actor);
		if (ac && ac->inter >= 2 && ac->inter <= 4)
			violent = true;
	}
	for (k = s->tok_begin; k < s->tok_end && !violent; k++)
		violent = word_in(c->lex, &c->doc->tokens[k], RASD_WL_KILLING_MARK);
	return !violent &&
	       BECAUSE(c, f, R_MODALITY_BODIES_NOT_FOUND, f->trig->tok, f->trig->tok + f->trig->ntok);
}

/* A capture takes ground: a place named right after the verb or noun
 * (حرر الجيش مدينة X، السيطرة على قرية)، or an armed side that takes it. */
bool takes_ground(const struct ctx *c, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	size_t q = FIRST(place, nplace, t->tok);
	if (f->agent_actor && f->agent_actor->inter != 6 && f->agent_actor->inter != 7)
		return true;
	for (; q < c->m->nplace && c->m->place[q].tok <= t->tok + t->ntok + 3; q++)
		if (c->m->place[q].tok >= t->tok && c->m->place[q].tok < f->ce)
			return true;
	return false;
}
