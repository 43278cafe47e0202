/*
 * sentfacts.c - facts about a sentence that the stages ask of every frame
 * in it (which word lists its words are in, where its question mark is,
 * whether it names a year), found once per sentence instead of once per
 * frame. A sentence of 400 triggers («قتل» repeated) was walked 400 times
 * by each such test; now a test whose words the sentence lacks skips its
 * walk. Facts are a superset test: a walk still decides. Part of
 * extract/.
 */
#include "frame.h"

#include <string.h>

const struct sent_facts *sent_facts(const struct ctx *c, uint32_t sent)
{
	struct sent_memo *m = c->memo;
	const struct rasd_doc *doc = c->doc;
	struct sent_facts *f;
	const struct rasd_sentence *s;
	uint32_t k;

	if (!m || sent >= doc->nsentences)
		return NULL;
	if (m->doc != doc) {
		/* the title's sentences, then the body's again: a new table */
		m->f = rasd_arena_calloc(c->a, doc->nsentences, sizeof(*m->f));
		m->doc = m->f ? doc : NULL;
		if (!m->f)
			return NULL;
	}
	f = &m->f[sent];
	if (f->known)
		return f;
	s = &doc->sentences[sent];
	f->question = UINT32_MAX;
	for (k = s->tok_begin; k < s->tok_end; k++) {
		const struct rasd_token *t = &doc->tokens[k];
		if (t->kind == RASD_TOK_WORD) {
			rasd_lex_word_lists(c->lex, t->key, t->klen, f->lists);
			if (t->klen > 2 && memcmp(t->key, "و", 2) == 0)
				rasd_lex_word_lists(c->lex, t->key + 2, t->klen - 2, f->lists);
		} else if (t->kind == RASD_TOK_NUMBER && t->klen == 4) {
			f->year = true;
		}
		if (f->question == UINT32_MAX && (TOK_IS(c, k, "؟") || TOK_IS(c, k, "?")))
			f->question = k;
	}
	f->known = true;
	return f;
}
