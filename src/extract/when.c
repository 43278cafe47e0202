/*
 * when.c - the when stage: the date of a frame and of its event. Decides
 * which date expression of the sentence dates the trigger (the clause's
 * first, not the day a report was made: أعلن المرصد الثلاثاء أن ...), then
 * the month the article is about, then the publication day, with ACLED's
 * time precision. dates.c reads the expressions themselves. Reads the
 * document, the date mentions, the frame and the publication date.
 * Part of extract/ (see frame.h).
 */
#include "frame.h"

const struct rasd_date_expr *choose_date(struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	const struct rasd_date_expr *best = NULL;
	int best_d = 1 << 30;
	size_t i;

	for (i = FIRST(date, ndate, s->tok_begin); i < c->m->ndate; i++) {
		const struct rasd_date_expr *d = &c->m->date[i];
		int dist;
		if (d->tok < s->tok_begin)
			continue;
		if (d->tok >= s->tok_end)
			break;
		if (d->precision > 3)
			continue;
		if (d->tok < f->trig->tok) {
			/* أعلن المرصد الثلاثاء أن حصيلة الغارات...: that day dates the
			 * report, not what it reports */
			uint32_t k;
			bool reported = false;
			for (k = d->tok + d->ntok; k < f->trig->tok; k++)
				if (WORD_AT(c, k, RASD_WL_THAT))
					reported = true;
			if (reported)
				continue;
		}
		dist = d->tok > f->trig->tok ? (int)(d->tok - f->trig->tok)
					     : (int)(f->trig->tok - d->tok);
		if (d->tok >= f->cb && d->tok < f->ce)
			dist -= 100;
		/* أعلن الحرس الثوري، الأحد، ... السبت: the day beside a reporting
		 * verb dates the report; another day in the sentence is the event's */
		if (d->tok < f->trig->tok &&
		    cue_in(c, d->tok > s->tok_begin + 6 ? d->tok - 6 : s->tok_begin, d->tok,
			   RASD_CUE_REPORT, NULL))
			dist += 60;
		if (dist < best_d) {
			best_d = dist;
			best = d;
		}
	}
	return best;
}

/* The month the article is about: a month named without a day (خلال نوفمبر،
 * مطلع الشهر الحالي) that is the publication month or the one before: the
 * last such month before the token. Triggers come in token order, so the
 * dates are scanned forward once per document (c->month_scan), not walked
 * back from each trigger: linear in a long article. */
const struct rasd_date_expr *month_frame_before(struct ctx *c, uint32_t tok)
{
	struct month_scan *ms = &c->month_scan;
	size_t end;
	int py, pm, pd;

	if (c->published == INT32_MIN)
		return NULL;
	if (ms->m != c->m || tok < ms->tok) {
		ms->m = c->m;
		ms->next = 0;
		ms->last = NULL;
	}
	ms->tok = tok;
	rasd_civil_from_days(c->published, &py, &pm, &pd);
	end = END_BEFORE(date, ndate, tok);
	for (; ms->next < end; ms->next++) {
		const struct rasd_date_expr *d = &c->m->date[ms->next];
		int y, mo, dd;
		if (d->tok >= tok || d->precision != 3 || d->since)
			continue;
		rasd_civil_from_days(d->date, &y, &mo, &dd);
		if ((y == py && mo == pm) || (y * 12 + mo + 1 == py * 12 + pm))
			ms->last = d;
	}
	return ms->last;
}

void when_event(const struct ctx *c, const struct frame *f, struct rasd_event *e)
{
	if (f->date) {
		e->date = f->date->date;
		e->has_date = true;
		e->time_precision = f->date->precision > 3 ? 3 : f->date->precision;
		RULE(c, f,
		     f->date->tok >= f->cb && f->date->tok < f->ce ? R_WHEN_CLAUSE_DATE
								     : R_WHEN_SENTENCE_DATE,
		     f->date->tok, f->date->tok + f->date->ntok);
	} else if (c->month_frame) {
		e->date = c->month_frame->date;
		e->has_date = true;
		e->time_precision = 3;
		RULE(c, f, R_WHEN_MONTH_OF_ARTICLE, c->month_frame->tok,
		     c->month_frame->tok + c->month_frame->ntok);
	} else if (c->published != INT32_MIN) {
		e->date = c->published;
		e->has_date = true;
		e->time_precision = 2;
		RULE(c, f, R_WHEN_PUBLISHED, f->trig->tok, f->trig->tok + f->trig->ntok);
	}
}
