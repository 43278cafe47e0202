/*
 * counts.c - the counts stage: how many a frame's happening killed. Decides
 * the toll from the death words of the clause (the killing trigger first,
 * then قتيل، مقتل، حصيلة) and the numbers before or after them (39 قتيلا،
 * مقتل ثلاثة عناصر وثلاثة مسلحين), singular and dual victims (قتل جندي،
 * شرطيان), and «several» as ACLED's 10. Also whether a killing is told as
 * the result of something earlier in the sentence (أسفر القصف عن مقتل).
 * Reads the document, the number, cue and actor mentions and the frame's
 * clause and agent. Part of extract/ (see frame.h).
 */
#include "frame.h"

bool looks_plural(const struct rasd_lexicon *lex, const struct rasd_token *t)
{
	size_t n = t->klen;
	const char *k = t->key;
	if (n >= 4 && (memcmp(k + n - 4, "ين", 4) == 0 || memcmp(k + n - 4, "ون", 4) == 0 ||
		       memcmp(k + n - 4, "ات", 4) == 0))
		return true;
	return word_in(lex, t, RASD_WL_PLURAL_NOUN);
}

/* Count after a death word d (end = first token after it); the agent's
 * words in between are skipped: اغتال مقاتلو داعش اثنين. */
/* مقتل ثلاثة عناصر من الأمن وثلاثة من المسلحين: further counts of dead
 * joined by و after the first one (from = the token after it). A count of
 * the injured or captured (و5 جرحى، وإصابة 10), a subset (بينهم 3 أطفال) or
 * punctuation ends the list. */
static long armed_word_count(const struct ctx *c, uint32_t k, uint32_t ce, bool conj);

static long more_dead(const struct ctx *c, uint32_t from, uint32_t ce)
{
	uint32_t k, limit = from + 8;
	long sum = 0;

	for (k = from; k < ce && k < limit; k++) {
		const struct m_number *n;
		const struct rasd_token *t = &c->doc->tokens[k];
		if (t->kind == RASD_TOK_PUNCT) {
			if (t->flags & RASD_TOKF_QUOTE)
				continue;
			break;
		}
		if (cue_at(c, k, RASD_CUE_INJURY) || cue_at(c, k, RASD_CUE_CAPTURE) ||
		    WORD_AT(c, k, RASD_WL_AMONG_THEM))
			break;
		n = number_at_tok(c, k);
		if (!n) {
			/* قتل جنديان ومسلح: one more named without a number */
			long one = conj_word(c, k) ? armed_word_count(c, k, ce, true) : 0;
			if (one > 0 && k == from) {
				sum += one;
				limit = k + 8;
			}
			continue;
		}
		if (n->vague || !(conj_word(c, k) || (k > from && TOK_IS(c, k - 1, "و"))))
			break;
		if (n->tok + n->ntok < ce && (cue_at(c, n->tok + n->ntok, RASD_CUE_INJURY) ||
					       cue_at(c, n->tok + n->ntok, RASD_CUE_CAPTURE)))
			break;
		sum += n->value;
		k = n->tok + n->ntok - 1;
		limit = n->tok + n->ntok + 8;
	}
	return sum;
}

static long count_after_death(const struct ctx *c, const struct frame *f, uint32_t end,
			      uint32_t ce, bool *found, bool *vague)
{
	uint32_t j = end, limit = end + 6;
	const struct m_number *n;

	*found = false;
	while (j < ce && j < limit) {
		if (f->agent >= 0 && j == c->m->act[f->agent].head) {
			const struct m_actor *ag = &c->m->act[f->agent];
			limit += ag->tok + ag->ntok - j;
			j = ag->tok + ag->ntok;
			continue;
		}
		if (c->doc->tokens[j].kind == RASD_TOK_PUNCT) {
			if (c->doc->tokens[j].flags & RASD_TOKF_QUOTE) {
				j++;
				continue;
			}
			break;
		}
		n = number_at_tok(c, j);
		/* قائد اللواء 405 مشاة: a number after a definite noun names it */
		if (n && j > end && c->doc->tokens[j].kind == RASD_TOK_NUMBER &&
		    c->doc->tokens[j - 1].kind == RASD_TOK_WORD && c->doc->tokens[j - 1].klen > 4 &&
		    memcmp(c->doc->tokens[j - 1].key, "ال", 4) == 0 && !qualifier(c, j - 1) &&
		    !cue_at(c, j - 1, RASD_CUE_DEATH))
			return 0;
		if (n) {
			uint32_t after = n->tok + n->ntok;
			*vague = n->vague;
			/* 5 جرحى counts the injured; 5 وإصابة 10 names the dead
			 * and then the injured */
			if (after < ce && !conj_word(c, after) &&
			    (cue_at(c, after, RASD_CUE_INJURY) || cue_at(c, after, RASD_CUE_CAPTURE)))
				return 0;
			*found = true;
			return n->vague ? n->value : n->value + more_dead(c, after, ce);
		}
		if (cue_at(c, j, RASD_CUE_INJURY) || cue_at(c, j, RASD_CUE_CAPTURE))
			return 0;
		if (!qualifier(c, j) && j > end + 1 && !cue_at(c, j, RASD_CUE_DEATH))
			break;
		j++;
	}
	return 0;
}

/* Singular victims joined by و after a killing: رئيس المجلس وشخص آخر وامرأة */
static long count_victims(const struct ctx *c, uint32_t from, uint32_t ce, bool named_ok,
			  bool *plural)
{
	long count = 0;
	size_t i;
	uint32_t last_end = from;

	*plural = false;
	for (i = FIRST(act, nact, from); i < c->m->nact; i++) {
		const struct m_actor *a = &c->m->act[i];
		const struct rasd_token *t;
		if (a->tok < from)
			continue;
		if (a->tok >= ce || a->tok > last_end + 6)
			break;
		{
			const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
			/* people, not forces: civilians, protesters (مقتل متظاهر) */
			if (!(a->flags & RASD_ACTOR_VICTIM) && !(ac && (ac->inter == 6 || ac->inter == 7)))
				continue;
		}
		t = &c->doc->tokens[a->tok + a->ntok - 1];
		if (a->plural || looks_plural(c->lex, t)) {
			*plural = true;
			if (count == 0)
				return 0;
			break;
		}
		/* مدنيان، متظاهران: a dual names two */
		count += t->klen > 8 && memcmp(t->key + t->klen - 4, "ان", 4) == 0 ? 2 : 1;
		last_end = a->tok + a->ntok;
	}
	if (count == 0 && named_ok && from < ce) {
		/* a personal name right after the killing: قتل عايد راشد */
		const struct rasd_token *t = &c->doc->tokens[from];
		struct rasd_lex_match ms[16];
		if (t->kind == RASD_TOK_WORD && (t->flags & RASD_TOKF_ARABIC) &&
		    rasd_lex_match_at(c->lex, c->doc, from, ms, 16) == 0 &&
		    !(t->klen >= 4 && memcmp(t->key, "ال", 4) == 0) && !looks_plural(c->lex, t))
			count = 1;
	}
	return count;
}

/* How many combatants one word at k names: جندي 1, شرطيان 2, مسلحين اثنين
 * 2 (a count after it); 0 for plurals and collectives (قوات، دورية). A
 * leading و (ومسلحان) is allowed when conj is set. */
static long armed_word_count(const struct ctx *c, uint32_t k, uint32_t ce, bool conj)
{
	struct rasd_token bare;
	const struct rasd_token *t = &bare;
	const struct m_number *n;

	if (k >= ce || !cue_at(c, k, RASD_CUE_ARMED_PERSON))
		return 0;
	bare = c->doc->tokens[k];
	if (conj && bare.klen > 4 && memcmp(bare.key, "و", 2) == 0)
		bare.key += 2, bare.klen -= 2;
	bare = without_article(&bare); /* قتل الجندي، قتلت العناصر */
	if (collective_force(c->lex, t))
		return 0;
	n = k + 1 < ce ? number_at_tok(c, k + 1) : NULL;
	if (n && !n->vague && n->tok == k + 1)
		return n->value;
	if (t->klen > 6 && memcmp(t->key + t->klen - 4, "ان", 4) == 0)
		return 2; /* جنديان، عنصران */
	if (looks_plural(c->lex, t) || (t->klen > 6 && memcmp(t->key + t->klen - 2, "و", 2) == 0) ||
	    (t->klen > 6 && memcmp(t->key + t->klen - 2, "ي", 2) == 0 && !word_in(c->lex, t, RASD_WL_SINGULAR_COMBATANT)))
		return 0;
	return 1;
}

/* قتل جندي، قتلت قوات الجيش مسلحا، مقتل قيادي، قتل شرطيان ومسلحان: the
 * combatants named right after a killing (after its agent when the agent
 * follows the verb), joined by و, are its dead. */
static long armed_victim_count(const struct ctx *c, const struct frame *f, uint32_t from)
{
	uint32_t k = from, lim;
	long sum;

	if (f->agent >= 0 && c->m->act[f->agent].tok == k)
		k = c->m->act[f->agent].tok + c->m->act[f->agent].ntok;
	if (f->agent >= 0 && c->m->act[f->agent].head == k)
		return 0; /* قتل مسلح مدنيا: the gunman is the killer */
	sum = armed_word_count(c, k, f->ce, false);
	if (sum <= 0)
		return 0;
	/* the next و-joined word within a few (adjectives, «من الأمن» between) */
	for (lim = k + 5, k++; k < f->ce && k < lim; k++) {
		long more;
		if (c->doc->tokens[k].kind == RASD_TOK_PUNCT)
			break;
		if (!conj_word(c, k))
			continue;
		more = armed_word_count(c, k, f->ce, true);
		if (more <= 0)
			break;
		sum += more;
		lim = k + 5;
	}
	return sum;
}

/* قتلوا، قتلا: a verb agreeing with a plural or dual subject */
static bool plural_verb(const struct rasd_token *t)
{
	return t->klen > 6 && (memcmp(t->key + t->klen - 4, "وا", 4) == 0 ||
			       memcmp(t->key + t->klen - 2, "ا", 2) == 0);
}

/* أربعة أشخاص من عائلة واحدة قتلوا: the count that opens the clause's
 * subject, a number followed by a plural noun */
static const struct m_number *subject_count(const struct ctx *c, const struct frame *f, uint32_t verb)
{
	size_t q = FIRST(num, nnum, f->cb);
	for (; q < c->m->nnum && c->m->num[q].tok < verb; q++) {
		const struct m_number *n = &c->m->num[q];
		uint32_t after = n->tok + n->ntok;
		if (n->value < 2 || after >= verb || c->doc->tokens[after].kind != RASD_TOK_WORD)
			continue;
		if (looks_plural(c->lex, &c->doc->tokens[after]) || number_at_tok(c, after))
			return n;
	}
	return NULL;
}

#define MAX_DEATH_WORDS 4

void count_fatalities(struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	size_t i, examined = 0;
	long best = -1;
	/* the clause's cues and triggers: [1 + cue_lo, 1 + cue_hi) and
	 * [1 + ncue + trig_lo, 1 + ncue + trig_hi) of the index space below */
	size_t cue_lo = FIRST(cue, ncue, f->cb), cue_hi = FIRST(cue, ncue, f->ce);
	size_t trig_lo = FIRST(trig, ntrig, f->cb), trig_hi = FIRST(trig, ntrig, f->ce);

	/* Death words in the clause, the trigger itself first for killings. */
	for (i = 0; i < c->m->ncue + 1 + c->m->ntrig && best < 0; i++) {
		uint32_t d, dend;
		bool found;
		long v;
		const struct m_number *before;
		bool subject;

		if (i >= 1 && i < 1 + cue_lo)
			i = 1 + cue_lo;
		if (i >= 1 + cue_hi && i < 1 + c->m->ncue + trig_lo)
			i = 1 + c->m->ncue + trig_lo;
		if (i >= 1 + c->m->ncue + trig_hi)
			break;
		if (i == 0) {
			if (t->cls != RASD_EC_KILL)
				continue;

			d = t->tok;
			dend = t->tok + t->ntok;
		} else if (i - 1 < c->m->ncue) {
			const struct m_cue *q = &c->m->cue[i - 1];
			if (q->role != RASD_CUE_DEATH || q->tok < f->cb || q->tok >= f->ce)
				continue;
			d = q->tok;
			dend = q->tok + q->ntok;
		} else {
			/* a killing verb in the clause counts too: قتل 39 مدنيا في انفجار */
			size_t k2 = i - 1 - c->m->ncue;
			const struct m_trigger *kt = &c->m->trig[k2];
			if (kt->cls != RASD_EC_KILL || kt == t || kt->tok < f->cb || kt->tok >= f->ce)
				continue;
			d = kt->tok;
			dend = kt->tok + kt->ntok;
		}
		/* the toll is told by one of the clause's first death words: a
		 * clause of hundreds («قتل» repeated) read them all for each of
		 * its hundreds of frames (F7 of issue 12) */
		if (++examined > MAX_DEATH_WORDS)
			break;
		/* محاولة قتل ضابط: an attempt kills nobody */
		if (d > 0 && WORD_AT(c, d - 1, RASD_WL_ATTEMPT)) {
			RULE(c, f, R_COUNTS_ATTEMPT, d - 1, dend);
			continue;
		}
		/* dual death nouns carry their count: قتيلين */
		{
			const struct m_number *self = number_at_tok(c, d);
			if (self && !self->vague && self->value == 2 && self->ntok == 1 &&
			    c->doc->tokens[d].kind == RASD_TOK_WORD) {
				best = 2;
				RULE(c, f, R_COUNTS_DUAL_NOUN, d, dend);
				break;
			}
		}
		/* N before: 39 قتيلا، عشرات القتلى */
		before = number_ending_at(c, d);
		if (!before && d > 0)
			before = number_ending_at(c, d - 1);
		/* عائلة واحدة قتلوا: "one" after a noun describes it, it counts no one */
		if (before && before->value == 1 && before->ntok == 1 && before->tok > f->cb &&
		    c->doc->tokens[before->tok].kind == RASD_TOK_WORD &&
		    c->doc->tokens[before->tok - 1].kind == RASD_TOK_WORD)
			before = NULL;
		subject = false;
		if (!before && i == 0 && t->form == RASD_FORM_VERB && plural_verb(&c->doc->tokens[d])) {
			before = subject_count(c, f, d);
			subject = true;
		}
		if (before && before->tok >= f->cb && c->doc->tokens[d].kind == RASD_TOK_WORD &&
		    !(d > 0 && before->tok + before->ntok == d - 1 &&
		      cue_at(c, d - 1, RASD_CUE_INJURY))) {
			best = before->value;
			f->fatalities_vague = before->vague;
			RULE(c, f, subject ? R_COUNTS_SUBJECT_COUNT : R_COUNTS_NUMBER_BEFORE, before->tok,
			     subject ? before->tok + before->ntok : dend);
			break;
		}
		{
			bool vague = false;
			v = count_after_death(c, f, dend, f->ce, &found, &vague);
			if (found) {
				best = v;
				f->fatalities_vague = vague;
				RULE2(c, f, R_COUNTS_NUMBER_AFTER, d, dend, dend,
				      dend + 6 < f->ce ? dend + 6 : f->ce);
				break;
			}
		}
		{
			bool plural;
			long n = count_victims(c, dend, f->ce, i == 0, &plural);
			enum rule r = R_COUNTS_NAMED_VICTIMS;
			if (n == 0 && !plural) {
				n = armed_victim_count(c, f, dend);
				r = R_COUNTS_COMBATANTS_NAMED;
			}
			if (n > 0) {
				best = n;
				RULE2(c, f, r, d, dend, dend, dend + 6 < f->ce ? dend + 6 : f->ce);
				break;
			}
			if (plural) {
				best = VAGUE_PLURAL_FATALITIES;
				f->fatalities_vague = true;
				RULE2(c, f, R_COUNTS_VAGUE_PLURAL, d, dend, dend,
				      dend + 6 < f->ce ? dend + 6 : f->ce);
			}
		}
	}
	f->fatalities = best > 0 ? best : 0;
	if (f->fatalities > 0)
		f->violent = true;
	else
		RULE(c, f, R_COUNTS_NONE, f->cb, f->ce);
}

void counts_frame(struct ctx *c, struct frame *f)
{
	count_fatalities(c, f);
	if (f->pre_count > 0) {
		RULE(c, f, R_COUNTS_SUBJECT_COUNT, f->trig->tok, f->trig->tok + f->trig->ntok);
		f->fatalities = f->pre_count;
		f->fatalities_vague = false;
		f->violent = true;
	}
}

/* تسببت قذيفة ... في مقتل 35، أسفرت الغارة عن مقتل، ما أدى إلى مقتل: a
 * killing told as the result of something earlier in the sentence */
bool consequence_kill(const struct ctx *c, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k;
	size_t q;
	if (t->cls == RASD_EC_KILL && t->form == RASD_FORM_VERB && conj_word(c, t->tok)) {
		/* قصفوا البلدة وقتلوا مدنيين اثنين: the killing the attack did */
		for (q = FIRST(trig, ntrig, s->tok_begin); q < c->m->ntrig && c->m->trig[q].tok < t->tok;
		     q++) {
			enum rasd_event_class o = c->m->trig[q].cls;
			if (o == RASD_EC_ATTACK || o == RASD_EC_AIRSTRIKE || o == RASD_EC_SHELLING ||
			    o == RASD_EC_IED || o == RASD_EC_SUICIDE || o == RASD_EC_CLASH)
				return BECAUSE(c, f, R_COUNTS_CONSEQUENCE, c->m->trig[q].tok, t->tok + t->ntok);
		}
		return false;
	}
	if (t->cls != RASD_EC_KILL || t->form == RASD_FORM_VERB || t->tok == s->tok_begin ||
	    !(WORD_AT(c, t->tok - 1, RASD_WL_CONSEQUENCE_LINK) || (t->clitics & RASD_CLITIC_PREP)))
		return false;
	for (k = s->tok_begin; k < t->tok; k++)
		if (word_in(c->lex, &c->doc->tokens[k], RASD_WL_CONSEQUENCE_VERB))
			return BECAUSE(c, f, R_COUNTS_CONSEQUENCE, k, t->tok + t->ntok);
	return false;
}
