/*
 * history.c - the modality stage, continued: frames that tell history or a
 * statistic, not an event. Decides that a clause set in a past year (في
 * العام 2017، معركة القصير 2013), a period (منذ بداية العام، منذ 2011), a
 * war's toll (قتل في الحرب 10 آلاف) or an attack known by its town's name
 * (عقب هجوم مانشستر) is no news, and that a definite noun with nothing of
 * its own (الهجوم) refers back. Reads the document, the date, trigger and
 * place mentions, the frame and the publication date. Part of extract/.
 */
#include "frame.h"

/* معارك تدور منذ فجر الأحد: fighting that has gone on since a day or two
 * ago is that day's event (with its toll), not a period's statistic. */
static bool ongoing_since(const struct ctx *c, const struct rasd_date_expr *d)
{
	return d->precision == 1 && c->published != INT32_MIN && d->date <= c->published &&
	       d->date >= c->published - 3;
}

/* The first of the sorted tokens d[0..n) at or after tok. */
static size_t tok_lower_bound(const uint32_t *d, size_t n, uint32_t tok)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d[mid] < tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first of them in paragraph para or later (paragraphs grow with the
 * tokens). */
static size_t para_lower_bound(const struct rasd_doc *doc, const uint32_t *d, size_t n,
			       uint32_t para)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->tokens[d[mid]].para < para)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* An explosion trigger ends right before token d (انفجار أسطوانة غاز). */
static bool explosion_of(const struct ctx *c, uint32_t d)
{
	size_t q;
	for (q = FIRST(trig, ntrig, d > 4 ? d - 4 : 0); q < c->m->ntrig && c->m->trig[q].tok < d; q++)
		if (c->m->trig[q].cls == RASD_EC_IED && c->m->trig[q].tok + c->m->trig[q].ntok == d)
			return true;
	return false;
}

/* Deaths in an earthquake, a flood, a road or plane crash, a fire or a gas
 * explosion are not political violence: a clause with a disaster word and
 * neither a named perpetrator nor a weapon of war. */
bool accident_or_disaster(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	enum rasd_event_class cls = f->trig->cls;
	size_t in_sentence = 0, in_para = 0, in_article = 0;

	/* a raid, a shelling, an arson or an arrest is never an accident */
	if (cls != RASD_EC_KILL && cls != RASD_EC_ATTACK && cls != RASD_EC_CLASH &&
	    cls != RASD_EC_IED)
		return false;
	/* the disaster words not in a place's name (mention.c), by binary
	 * search: those in the sentence, and those elsewhere in its paragraph
	 * (they used to be found by walking every cue for every frame) */
	in_article = c->m->ndisaster;
	if (in_article) {
		const uint32_t *d = c->m->disaster;
		size_t n = c->m->ndisaster, s_lo, s_hi, p_lo, p_hi, lo, hi;
		s_lo = tok_lower_bound(d, n, s->tok_begin);
		s_hi = tok_lower_bound(d, n, s->tok_end);
		in_sentence = s_hi - s_lo;
		p_lo = para_lower_bound(c->doc, d, n, s->para);
		p_hi = para_lower_bound(c->doc, d, n, s->para + 1);
		lo = p_lo > s_lo ? p_lo : s_lo;
		hi = p_hi < s_hi ? p_hi : s_hi;
		in_para = (p_hi - p_lo) - (hi > lo ? hi - lo : 0);
	}
	/* in the sentence, or in its paragraph of an article about a disaster
	 * (three of its words) */
	if (!in_sentence && !(in_para && in_article >= 3))
		return false;
	if (f->agent >= 0 || f->means_artillery)
		return false;
	if (f->means_ied) {
		/* انفجار أسطوانة غاز: what blew up was the disaster's (in the
		 * sentence or its paragraph), not a bomb */
		const uint32_t *d = c->m->disaster;
		size_t q = para_lower_bound(c->doc, d, c->m->ndisaster, s->para);
		bool exploded = false;
		for (; q < c->m->ndisaster && c->doc->tokens[d[q]].para == s->para && !exploded; q++)
			exploded = explosion_of(c, d[q]);
		if (!exploded)
			return false;
	}
	if (f->means_air) {
		/* تحطم طائرة ركاب: the aircraft crashed, it struck no one */
		const uint32_t *d = c->m->disaster;
		size_t q = tok_lower_bound(d, c->m->ndisaster, s->tok_begin);
		bool crash = false;
		for (; q < c->m->ndisaster && d[q] < s->tok_end && !crash; q++)
			crash = WORD_AT(c, d[q] + 1, RASD_WL_PROJECTILE);
		if (!crash)
			return false;
	}
	if (cue_in(c, s->tok_begin, s->tok_end, RASD_CUE_ARMED_PERSON, NULL) ||
	    cue_in(c, s->tok_begin, s->tok_end, RASD_CUE_WEAPON_SMALL, NULL))
		return false;
	return BECAUSE(c, f, R_HISTORY_ACCIDENT, f->trig->tok, f->trig->tok + f->trig->ntok);
}

/* How many days the period after a lead word at k spans: خلال يومين 2,
 * خلال الأيام الثلاثة الماضية 3, في خمسة أيام 5, خلال الساعات الثماني
 * والأربعين الماضية 2, خلال الـ24 ساعة 1, خلال الساعات الماضية 0; -1
 * when no period follows (a count, a qualifier or an article may come
 * between). */
static long period_days_after(const struct ctx *c, uint32_t k, uint32_t end)
{
	uint32_t j;
	long count = -1;
	for (j = k + 1; j < end && j < k + 6; j++) {
		const struct rasd_token *t = &c->doc->tokens[j];
		const struct m_number *n = number_at_tok(c, j);
		struct rasd_token bare;
		long days = 0;
		bool unit;
		if (t->kind == RASD_TOK_PUNCT)
			return -1;
		bare = without_article(t);
		unit = rasd_lex_word_value(c->lex, bare.key, bare.klen, RASD_WL_DURATION, &days);
		if (n && !n->vague && !unit) {
			count = n->value;
			j = n->tok + n->ntok - 1;
			continue;
		}
		if (unit) {
			/* الأيام الثلاثة: the count after the unit */
			const struct m_number *after = j + 1 < end ? number_at_tok(c, j + 1) : NULL;
			bool plural = word_in(c->lex, &bare, RASD_WL_DURATION_PLURAL);
			/* في العام 2015 is a year (history.past_year judges it) */
			if (count < 0 && !plural && j + 1 < end &&
			    c->doc->tokens[j + 1].kind == RASD_TOK_NUMBER && c->doc->tokens[j + 1].klen == 4)
				return -1;
			if (count < 0 && after && !after->vague)
				count = after->value;
			if (days == 0) /* hours */
				return count > 0 ? count / 24 : 0;
			if (count > 0)
				return count * days;
			return plural ? 3 * days : days;
		}
		if (!WORD_AT(c, j, RASD_WL_COUNT_QUALIFIER) && !WORD_AT(c, j, RASD_WL_PERIOD_FILLER))
			return -1;
	}
	return -1;
}

bool is_statistic(const struct ctx *c, const struct frame *f)
{
	size_t i;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k;
	bool own = f->date && f->date->precision == 1 && f->date->tok >= f->cb &&
		   f->date->tok < f->ce;

	/* قتل في الحرب اليمنية 10 آلاف شخص: a war's toll, not an event */
	/* (each walk below is skipped when the sentence has none of its words:
	 * sentfacts.c) */
	for (k = sent_may_have(c, f->sent, RASD_WL_WAR) ? f->cb : f->ce; k < f->ce; k++) {
		if (WORD_AT(c, k, RASD_WL_WAR)) {
			if (!(f->date && f->date->precision == 1 && f->date->tok >= f->cb &&
			      f->date->tok < f->ce))
				return BECAUSE(c, f, R_HISTORY_WAR_TOLL, k, k + 1);
		}
	}

	/* خلال نيسان 2020، خلال الشهر الماضي، طيلة العام: a tally over a period
	 * (a monthly report), not one happening; a span of days before the
	 * clause (وخلال ثلاثة أيام من المظاهرات، قتل …) frames it too unless
	 * the clause has its own day */
	/* (a few words before the clause at most: a sentence of «قتل» repeated
	 * must stay linear; skipped when the sentence has no lead word) */
	for (k = !sent_may_have(c, f->sent, RASD_WL_TALLY_LEAD) ? s->tok_end
		 : own ? f->cb : f->cb > s->tok_begin + 24 ? f->cb - 24 : s->tok_begin;
	     k + 1 < f->ce + 6 && k + 1 < s->tok_end; k++) {
		/* (the during-period words are tally-leads: one test a word) */
		if (!WORD_OR_WAW_AT(c, k, RASD_WL_TALLY_LEAD))
			continue;
		if (period_days_after(c, k, s->tok_end) >= 2)
			return BECAUSE(c, f, R_HISTORY_PERIOD_TALLY, k, k + 2);
		if (k < f->cb || !WORD_AT(c, k, RASD_WL_DURING_PERIOD))
			continue;
		if (WORD_AT(c, k + 1, RASD_WL_PERIOD_UNIT))
			return BECAUSE(c, f, R_HISTORY_PERIOD_TALLY, k, k + 2);
		for (i = FIRST(date, ndate, k + 1); i < c->m->ndate && c->m->date[i].tok == k + 1; i++)
			if (c->m->date[i].precision >= 3)
				return BECAUSE(c, f, R_HISTORY_PERIOD_TALLY, k, k + 2);
	}

	for (i = FIRST(date, ndate, s->tok_begin); i < c->m->ndate && c->m->date[i].tok < s->tok_end;
	     i++) {
		const struct rasd_date_expr *d = &c->m->date[i];
		if (d->tok >= s->tok_begin && d->since &&
		    d->tok >= f->cb && d->tok < f->ce + 8 && !ongoing_since(c, d))
			return BECAUSE(c, f, R_HISTORY_SINCE_DATE, d->tok, d->tok + d->ntok);
	}
	/* منذ إشعالها للحرب، منذ سيطرتها على المدينة: a period from an event,
	 * not a day (منذ with a date is judged above); «ومنذ ذلك التاريخ، قتل»
	 * opens the sentence before the clause */
	for (k = !sent_may_have(c, f->sent, RASD_WL_SINCE) ? s->tok_end
		 : WORD_OR_WAW_AT(c, s->tok_begin, RASD_WL_SINCE) ? s->tok_begin : f->cb;
	     k < s->tok_end && k < f->ce + 8; k++) {
		size_t q;
		bool dated = false;
		if (!WORD_OR_WAW_AT(c, k, RASD_WL_SINCE))
			continue;
		for (q = FIRST(date, ndate, k); q < c->m->ndate && c->m->date[q].tok <= k + 2; q++)
			dated = true;
		if (!dated)
			return BECAUSE(c, f, R_HISTORY_SINCE_EVENT, k, k + 2);
	}
	/* قتل حينها، وأعلنت إسرائيل وقتها: told from an earlier time */
	for (k = f->trig->tok > f->cb + 8 ? f->trig->tok - 8 : f->cb;
	     k < f->ce && k < f->trig->tok + 12 && !own && sent_may_have(c, f->sent, RASD_WL_THEN_ADVERB);
	     k++)
		if (WORD_AT(c, k, RASD_WL_THEN_ADVERB))
			return BECAUSE(c, f, R_HISTORY_THEN, k, k + 1);
	/* وأضاف التقرير أن …، وقالت إحصائية إن …: what a report or a
	 * statistic counts, not a happening of its own day */
	for (k = f->trig->tok > s->tok_begin + 24 ? f->trig->tok - 24 : s->tok_begin;
	     k < f->trig->tok && !own && sent_may_have(c, f->sent, RASD_WL_REPORT_DOCUMENT); k++)
		if (WORD_AT(c, k, RASD_WL_REPORT_DOCUMENT))
			return BECAUSE(c, f, R_HISTORY_REPORT, k, k + 1);
	if (cue_in(c, f->cb, f->ce, RASD_CUE_STATISTIC, &k)) {
		/* a daily toll with its own day is still an event (the day of the
		 * report, in another clause, does not count) */
		if (own)
			return false;
		return BECAUSE(c, f, R_HISTORY_STATISTIC, k, k + 1);
	}
	return false;
}

/* A definite noun (الهجوم، الغارات) with no place in its clause and no date
 * in its sentence refers to an event already told. */
bool definite_reference(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	const struct m_place *p;
	if (!f->trig->definite || f->trig->form == RASD_FORM_VERB)
		return false;
	if (f->date && f->date->tok >= s->tok_begin && f->date->tok < s->tok_end)
		return false;
	if (f->fatalities > 0 && !f->fatalities_vague)
		return false;
	if (f->place < 0)
		return BECAUSE(c, f, R_HISTORY_TOLD_BEFORE, f->trig->tok, f->trig->tok + f->trig->ntok);
	p = &c->m->place[f->place];
	return (p->tok < f->cb || p->tok >= f->ce) &&
	       BECAUSE(c, f, R_HISTORY_TOLD_BEFORE, f->trig->tok, f->trig->tok + f->trig->ntok);
}

static long past_year_at(const struct ctx *c, uint32_t k, int py)
{
	const struct rasd_token *t = &c->doc->tokens[k];
	long y = 0;
	uint32_t q;
	if (t->kind != RASD_TOK_NUMBER || t->klen != 4)
		return 0;
	for (q = 0; q < 4; q++)
		y = y * 10 + (t->key[q] - '0');
	return y >= 1900 && y < py ? y : 0;
}

/* A year named in the clause before the publication year (في العام 2017،
 * عام 2014) makes the clause history. So does a phrase of its own that
 * counts from a past year, anywhere in the sentence: «…، منذ اجتياحها صنعاء
 * أواخر عام 2014، …» (but not «المحاصرة منذ 2013», which describes a
 * place). */
bool year_in_past(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k, j;
	int py, pm, pd;
	bool since, year;
	if (c->published == INT32_MIN)
		return false;
	rasd_civil_from_days(c->published, &py, &pm, &pd);
	since = sent_may_have(c, f->sent, RASD_WL_SINCE); /* else no walk for منذ */
	year = !sent_facts(c, f->sent) || sent_facts(c, f->sent)->year;
	for (k = since ? s->tok_begin + 1 : s->tok_end; k < s->tok_end && k < f->trig->tok + 20; k++) {
		if (!WORD_AT(c, k, RASD_WL_SINCE) || !is_clause_punct(c, k - 1))
			continue;
		for (j = k + 1; j < s->tok_end && j < k + 10; j++)
			if (past_year_at(c, j, py))
				return BECAUSE(c, f, R_HISTORY_SINCE_PAST_YEAR, k, j + 1);
	}
	{
		/* في العام الماضي، العام المنصرم: a sentence set in an earlier year
		 * is history, unless it also gives a recent day */
		size_t i;
		bool past_year = false, recent_day = false;
		uint32_t past_at = 0, past_end = 0;
		for (i = FIRST(date, ndate, s->tok_begin);
		     i < c->m->ndate && c->m->date[i].tok < s->tok_end; i++) {
			const struct rasd_date_expr *d = &c->m->date[i];
			int y, mo, dd;
			rasd_civil_from_days(d->date, &y, &mo, &dd);
			if ((d->precision == 4 && y < py && !d->since) ||
			    /* في ديسمبر 2012: any date long before publication */
			    (d->precision <= 3 && !d->since && d->date < c->published - HISTORY_DAYS)) {
				if (!past_year)
					past_at = d->tok, past_end = d->tok + d->ntok;
				past_year = true;
			}
			if (d->precision <= 2 && d->date >= c->published - HISTORY_DAYS)
				recent_day = true;
		}
		if (past_year && !recent_day)
			return BECAUSE(c, f, R_HISTORY_PAST_DATE, past_at, past_end);
		/* وفي عام 2014، سيطر …: a past year opening the sentence sets all
		 * of it in that year */
		for (k = s->tok_begin + 1; k < s->tok_begin + 4 && k < f->trig->tok && !recent_day; k++)
			if (WORD_OR_WAW_AT(c, k - 1, RASD_WL_YEAR_LEAD) && past_year_at(c, k, py))
				return BECAUSE(c, f, R_HISTORY_PAST_YEAR, k - 1, k + 1);
		/* ويرتبط الحزب بتفجير الخبر عام 1996 … الذي فجر: a past year a few
		 * words before the trigger (منذ عام 2013 describes, see below) */
		for (k = f->trig->tok > s->tok_begin + 12 ? f->trig->tok - 12 : s->tok_begin + 1;
		     year && k < f->trig->tok && !recent_day; k++)
			if (WORD_AT(c, k - 1, RASD_WL_YEAR_LEAD) && !WORD_OR_WAW_AT(c, k - 1, RASD_WL_SINCE) &&
			    !(k >= 2 && WORD_OR_WAW_AT(c, k - 2, RASD_WL_SINCE)) && past_year_at(c, k, py))
				return BECAUSE(c, f, R_HISTORY_PAST_YEAR, k - 1, k + 1);
		/* وتلاحق السلطات منذ 2011 معارضيها ونفذت …: a period opened before
		 * the trigger frames the verbs that follow it */
		for (k = s->tok_begin + 1; since && year && k + 1 < f->trig->tok && !recent_day; k++)
			if (WORD_AT(c, k, RASD_WL_SINCE) && past_year_at(c, k + 1, py))
				return BECAUSE(c, f, R_HISTORY_SINCE_PAST_YEAR, k, k + 2);
	}
	for (k = year ? f->cb : f->ce; k < f->ce; k++) {
		size_t i;
		bool dated = false;
		if (!past_year_at(c, k, py))
			continue;
		if (k > 0 && WORD_AT(c, k - 1, RASD_WL_YEAR_LEAD))
			return BECAUSE(c, f, R_HISTORY_PAST_YEAR, k - 1, k + 1);
		/* قتل 2015 مدنيا: a count, not a year */
		if (k + 1 < c->doc->ntokens && c->doc->tokens[k + 1].kind == RASD_TOK_WORD) {
			const struct rasd_token *nx = &c->doc->tokens[k + 1];
			size_t ai = FIRST(act, nact, k + 1);
			if (cue_at(c, k + 1, RASD_CUE_DEATH) || cue_at(c, k + 1, RASD_CUE_ARMED_PERSON) ||
			    cue_at(c, k + 1, RASD_CUE_INJURY) ||
			    (ai < c->m->nact && c->m->act[ai].tok == k + 1 &&
			     (c->m->act[ai].flags & RASD_ACTOR_VICTIM)) ||
			    (looks_plural(c->lex, nx) && nx->klen >= 10 && memcmp(nx->key, "ال", 4) != 0))
				continue;
		}
		/* معركة القصير 2013: a past year on its own; a year that ends a full
		 * date (28 ديسمبر 2017) is judged with its date */
		for (i = END_BEFORE(date, ndate, k + 1); i-- > 0 && !dated;) {
			const struct rasd_date_expr *d = &c->m->date[i];
			if (d->tok + d->ntok <= k)
				break;
			if (d->precision <= 3)
				dated = true;
		}
		if (!dated)
			return BECAUSE(c, f, R_HISTORY_PAST_YEAR, k, k + 1);
	}
	return false;
}

bool sentence_has_since(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	size_t i;
	for (i = FIRST(date, ndate, s->tok_begin);
	     i < c->m->ndate && c->m->date[i].tok < s->tok_end; i++)
		if (c->m->date[i].tok >= s->tok_begin &&
		    c->m->date[i].since && !ongoing_since(c, &c->m->date[i]))
			return BECAUSE(c, f, R_HISTORY_PERIOD, c->m->date[i].tok, c->m->date[i].tok + c->m->date[i].ntok);
	return false;
}

/* عقب هجوم مانشستر، بعد مجزرة الغوطة: an attack called by its town's name
 * after «after» is one the reader knows, not news, unless the clause gives
 * it a day. */
static bool named_event_at(const struct ctx *c, const struct m_trigger *t, uint32_t ce)
{
	uint32_t nx = t->tok + t->ntok;
	size_t q;
	if (t->form == RASD_FORM_VERB || t->definite || t->tok == 0 || nx >= ce)
		return false;
	if (!WORD_AT(c, t->tok - 1, RASD_WL_AFTER_EVENT))
		return false;
	q = FIRST(place, nplace, nx);
	return q < c->m->nplace && c->m->place[q].tok == nx && !c->m->place[q].locative &&
	       c->m->place[q].cue == PCUE_NONE;
}

bool named_past_event(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	size_t q;
	if (f->date && f->date->precision == 1 && f->date->tok >= f->cb && f->date->tok < f->ce)
		return false;
	if (named_event_at(c, f->trig, f->ce))
		return BECAUSE(c, f, R_HISTORY_NAMED_ATTACK, f->trig->tok, f->trig->tok + f->trig->ntok + 1);
	/* … الذي أودى بحياة 22 شخصا: the toll of that named attack */
	for (q = FIRST(trig, ntrig, s->tok_begin); q < c->m->ntrig && c->m->trig[q].tok < f->trig->tok;
	     q++)
		if (named_event_at(c, &c->m->trig[q], s->tok_end) &&
		    f->trig->tok <= c->m->trig[q].tok + c->m->trig[q].ntok + 10)
			return BECAUSE(c, f, R_HISTORY_NAMED_ATTACK, c->m->trig[q].tok, c->m->trig[q].tok + c->m->trig[q].ntok + 1);
	return false;
}

/* وكانت القوات قد استعادت السيطرة على …: كان then قد before a perfect
 * verb tells what had happened before the news; it is an event of its own
 * only when its sentence gives it a recent day (وكان المرصد قد رصد، أمس،
 * …). */
bool pluperfect_background(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t t = f->trig->tok, k = 0, q;
	size_t i;
	bool found = false;

	if (!sent_may_have(c, f->sent, RASD_WL_KANA))
		return false;
	/* قد a few words before the trigger (or the trigger's own verb), then
	 * كان a few words before قد */
	for (q = t + 1; q-- > s->tok_begin && q + 30 > t && !found;) {
		if (!qad_perfect(c, q))
			continue;
		for (k = q; k-- > s->tok_begin && k + 10 > q && !found;)
			found = WORD_AT(c, k, RASD_WL_KANA);
	}
	if (!found)
		return false;
	for (i = FIRST(date, ndate, s->tok_begin); i < c->m->ndate && c->m->date[i].tok < s->tok_end;
	     i++) {
		const struct rasd_date_expr *d = &c->m->date[i];
		if (d->precision <= 2 && !d->since &&
		    (c->published == INT32_MIN || d->date >= c->published - HISTORY_DAYS))
			return false;
	}
	return BECAUSE(c, f, R_HISTORY_PLUPERFECT, k, k + 1);
}

/* قتل 120 فلسطينيا خلال الاحتجاجات، 139 مسلحا قتلوا خلال المعارك: a toll
 * of dozens or more told over plural protests or battles, with no day of
 * its own, is the running total of a movement or a campaign. */
bool cumulative_toll(const struct ctx *c, const struct frame *f)
{
	uint32_t k;
	if (f->fatalities < CUMULATIVE_TOLL || (f->date && f->date->precision == 1 &&
						 f->date->tok >= f->cb && f->date->tok < f->ce))
		return false;
	if (!sent_may_have(c, f->sent, RASD_WL_PLURAL_HAPPENING))
		return false;
	for (k = f->trig->tok > f->cb + 16 ? f->trig->tok - 16 : f->cb;
	     k < f->ce && k < f->trig->tok + 24; k++)
		/* خلال المعارك، في الاحتجاجات، أثناء مسيرات العودة (but «في مواجهات
		 * عنيفة اندلعت …» is one happening) */
		if (k > 0 && WORD_AT(c, k, RASD_WL_PLURAL_HAPPENING) &&
		    (WORD_AT(c, k - 1, RASD_WL_DURING) || WORD_AT(c, k - 1, RASD_WL_DURING_PERIOD) ||
		     (WORD_AT(c, k - 1, RASD_WL_DURING_PREP) && c->doc->tokens[k].klen > 4 &&
		      memcmp(c->doc->tokens[k].key, "ال", 4) == 0)))
			return BECAUSE(c, f, R_HISTORY_CUMULATIVE_TOLL, k - 1, k + 1);
	return false;
}
