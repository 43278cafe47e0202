/*
 * frame.c - the word-level tests and the event list that several stages
 * share (frame.h declares them): whether an actor mention is usable yet,
 * words that mark an associate (بدعم، بالتنسيق مع), a bombardment told as
 * the means of a killing (في قصف، جراء الغارات), count qualifiers (نحو،
 * أكثر من), collective forces (قوات، دورية) and words for bodies (جثة،
 * رفات). They decide nothing on their own. Part of extract/.
 */
#include "frame.h"

bool assoc_marker_before(const struct ctx *c, uint32_t head, uint32_t limit)
{
	uint32_t k;
	for (k = head; k > limit && k + 4 > head; k--)
		if (WORD_AT(c, k - 1, RASD_WL_ASSOC_MARKER))
			return true;
	return false;
}

/* Is this actor mention usable here (anaphors need an earlier naming)? */
bool actor_usable(const struct ctx *c, int idx)
{
	const struct m_actor *a = &c->m->act[idx];
	const struct rasd_actor *ac;
	if (!(a->flags & RASD_ACTOR_ANAPHOR))
		return true;
	if (c->named[a->actor])
		return true;
	/* in its own theatre an anaphor needs no antecedent: التحالف in a
	 * report from Yemen is the Saudi-led coalition */
	ac = rasd_lex_actor(c->lex, a->actor);
	if (ac && c->doc_country && strlen(c->doc_country) == 2 && ac->theatre) {
		const char *p = strstr(ac->theatre, c->doc_country);
		return p && (p == ac->theatre || p[-1] == ',') && (p[2] == '\0' || p[2] == ',');
	}
	return false;
}

/* Words before a bombardment that make it the means of a killing in the
 * same sentence: في قصف، جراء الغارات، وسط القصف، مع استمرار القصف. */
bool means_context(const struct ctx *c, uint32_t tok)
{
	if (tok == 0)
		return false;
	if (WORD_AT(c, tok - 1, RASD_WL_MEANS_CONTEXT))
		return true;
	/* مع استمرار القصف، وسط تواصل الغارات */
	return tok >= 2 && WORD_AT(c, tok - 1, RASD_WL_ONGOING) &&
	       WORD_AT(c, tok - 2, RASD_WL_AMID);
}

bool qualifier(const struct ctx *c, uint32_t i)
{
	if (WORD_AT(c, i, RASD_WL_COUNT_QUALIFIER))
		return true;
	return false;
}

/* قوات، ميليشيات، دورية: a force, not people counted one by one */
bool collective_force(const struct rasd_lexicon *lex, const struct rasd_token *t)
{
	struct rasd_token bare = without_article(t);
	return word_in(lex, &bare, RASD_WL_COLLECTIVE_FORCE);
}

/* Bodies (جثة، جثث، رفات) are a killing only where the sentence says they
 * were found: عثرت القوات على 8 جثث، انتشال جثث الضحايا. */
/* جثة، جثث، جثتها، والجثث، رفات، جثامين: a word for bodies, clitics and
 * all */
bool body_word(const struct ctx *c, uint32_t k)
{
	const struct rasd_token *t = &c->doc->tokens[k];
	const char *p = t->key;
	size_t n = t->klen;
	if (n >= 2 && (memcmp(p, "و", 2) == 0 || memcmp(p, "ف", 2) == 0) && n > 6)
		p += 2, n -= 2;
	if (n >= 2 && (memcmp(p, "ب", 2) == 0 || memcmp(p, "ل", 2) == 0) && n > 6)
		p += 2, n -= 2;
	if (n >= 4 && memcmp(p, "ال", 4) == 0 && n > 6)
		p += 4, n -= 4;
	return word_list_prefix(c->lex, p, n, RASD_WL_BODY_STEM);
}

enum rasd_status push_event(struct rasd_arena *a, struct event_list *l,
			    const struct rasd_event *e)
{
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		struct rasd_event *nv = rasd_arena_alloc(a, ncap * sizeof(*nv));
		if (!nv)
			return RASD_ENOMEM;
		if (l->n)
			memcpy(nv, l->ev, l->n * sizeof(*nv));
		l->ev = nv;
		l->cap = ncap;
	}
	l->ev[l->n++] = *e;
	return RASD_OK;
}
