/*
 * frames.c - the frames stage: a trigger becomes a frame, and the frame
 * gets its clause. Decides the clause's token range from the sentence's
 * punctuation and the words that open a clause (حيث، فيما، بينما), stepping
 * over a date set off by commas (قصفت الطائرات، أمس، مواقع). Reads the
 * document's tokens and date mentions; the per-token tables it fills once
 * per document are a cache, not a decision. Also: the frame's confidence.
 * Part of extract/ (see frame.h for the order of the stages).
 */
#include "frame.h"

/* Words that open a new clause inside a sentence. */
static bool clause_opener(const struct ctx *c, uint32_t i)
{
	/* by length and first letter before the table (word_in): this runs on
	 * every word of a sentence with a trigger */
	return word_in(c->lex, &c->doc->tokens[i], RASD_WL_CLAUSE_OPENER);
}

/* «، الثلاثاء،»: a date set off by commas inside a clause. Given the comma
 * at `comma` that opens such an aside, the index of the comma closing it;
 * 0 when what follows is not a date alone. */
static uint32_t date_aside_end(const struct ctx *c, uint32_t comma, uint32_t end)
{
	uint32_t k = comma + 1;
	size_t i;
	if (!TOK_IS(c, comma, "،") && !TOK_IS(c, comma, ","))
		return 0;
	i = FIRST(date, ndate, k);
	/* «، مساء الأربعاء،» is one date expression; «، يوم الأربعاء،» may
	 * start one word later */
	if ((i >= c->m->ndate || c->m->date[i].tok != k) && k < end &&
	    WORD_AT(c, k, RASD_WL_TIME_OF_DAY)) {
		k++;
		i = FIRST(date, ndate, k);
	}
	if (i >= c->m->ndate || c->m->date[i].tok != k)
		return 0;
	k = c->m->date[i].tok + c->m->date[i].ntok;
	if (k + 1 < end && (TOK_IS(c, k, "،") || TOK_IS(c, k, ",")))
		return k;
	return 0;
}

/* Per-token tables of the document c->doc (with c->m its mentions): the
 * sentence of each token, the words that open a clause, and the commas that
 * set a date off (قصفت الطائرات، أمس، مواقع), computed once instead of for
 * every frame. */
enum rasd_status index_doc(struct ctx *c)
{
	const struct rasd_doc *doc = c->doc;
	size_t s, k, n = doc->ntokens + 1;

	c->sent_of = rasd_arena_alloc(c->a, n * sizeof(uint32_t));
	c->opener = rasd_arena_alloc(c->a, n);
	c->aside_close = rasd_arena_alloc(c->a, n * sizeof(uint32_t));
	c->aside_open = rasd_arena_alloc(c->a, n * sizeof(uint32_t));
	c->sent_done = rasd_arena_calloc(c->a, doc->nsentences + 1, 1);
	if (!c->sent_of || !c->opener || !c->aside_close || !c->aside_open || !c->sent_done)
		return RASD_ENOMEM;
	for (s = 0; s < doc->nsentences; s++)
		for (k = doc->sentences[s].tok_begin; k < doc->sentences[s].tok_end; k++)
			c->sent_of[k] = (uint32_t)s;
	return RASD_OK;
}

/* The opener and aside tables of one sentence, filled the first time a
 * frame in it needs them (most sentences have no trigger). */
static void index_sentence(const struct ctx *c, const struct rasd_sentence *se)
{
	uint32_t k, si = c->sent_of[se->tok_begin];
	if (se->tok_end <= se->tok_begin || c->sent_done[si])
		return;
	c->sent_done[si] = 1;
	for (k = se->tok_begin; k < se->tok_end; k++) {
		c->opener[k] = clause_opener(c, k);
		c->aside_close[k] = 0;
		c->aside_open[k] = 0;
	}
	for (k = se->tok_begin; k < se->tok_end; k++) {
		uint32_t close = date_aside_end(c, k, se->tok_end);
		if (close) {
			c->aside_close[k] = close;
			c->aside_open[close] = k;
		}
	}
}

void clause_bounds(const struct ctx *c, const struct rasd_sentence *s, uint32_t tok,
		   uint32_t *cb, uint32_t *ce)
{
	uint32_t b = tok, e = tok;

	index_sentence(c, s);
	while (b > s->tok_begin) {
		uint32_t open = c->aside_open[b - 1];
		if (b - 1 > s->tok_begin && open > s->tok_begin) {
			b = open; /* قصفت الطائرات، أمس، مواقع: past the aside */
			continue;
		}
		if (is_clause_punct(c, b - 1) && !TOK_IS(c, b - 1, ":"))
			break;
		if (c->opener[b - 1] && b - 1 != tok) {
			b--;
			break;
		}
		b--;
	}
	while (e < s->tok_end) {
		uint32_t close = c->aside_close[e];
		if (e > tok && close > 0) {
			e = close + 1;
			continue;
		}
		if (e > tok && (is_clause_punct(c, e) || c->opener[e]))
			break;
		e++;
	}
	*cb = b;
	*ce = e;
}

/* Confidence from how much of the frame the text itself filled. */
double frame_confidence(const struct frame *f)
{
	double conf = 0.35;
	if (f->trig->form == RASD_FORM_VERB)
		conf += 0.1;
	if (f->agent_actor)
		conf += 0.15;
	if (f->target_actor || f->civilian_victims)
		conf += 0.1;
	if (f->place >= 0)
		conf += 0.15;
	if (f->date)
		conf += 0.1;
	if (f->fatalities > 0)
		conf += 0.05;
	if (f->trig->form == RASD_FORM_PLURAL)
		conf -= 0.1;
	return conf > 1 ? 1 : conf;
}
