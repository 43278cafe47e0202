/*
 * phrase.c - the match key of a phrase: the text tokenized by doc.c, each
 * word in key form, quotes dropped, words joined by single spaces. Every
 * lexicon key and every stored key (place, governorate) goes through it,
 * so they compare with the text's tokens. Part of text/: sits on doc.c.
 */
#include "rasd.h"

#include <string.h>

enum rasd_status rasd_norm_phrase(struct rasd_arena *a, const char *p, size_t n,
				  struct rasd_str *out)
{
	struct rasd_doc doc;
	enum rasd_status st;
	size_t i, len = 0;
	char *s;

	st = rasd_doc_parse(a, p, n, &doc);
	if (st != RASD_OK)
		return st;
	for (i = 0; i < doc.ntokens; i++)
		if (doc.tokens[i].kind != RASD_TOK_PUNCT || !(doc.tokens[i].flags & RASD_TOKF_QUOTE))
			len += doc.tokens[i].klen + 1;
	s = rasd_arena_alloc(a, len + 1);
	if (!s)
		return RASD_ENOMEM;
	len = 0;
	for (i = 0; i < doc.ntokens; i++) {
		const struct rasd_token *t = &doc.tokens[i];
		if (t->kind == RASD_TOK_PUNCT && (t->flags & RASD_TOKF_QUOTE))
			continue;
		if (len)
			s[len++] = ' ';
		memcpy(s + len, t->key, t->klen);
		len += t->klen;
	}
	s[len] = '\0';
	out->p = s;
	out->n = len;
	return RASD_OK;
}
