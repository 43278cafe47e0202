/*
 * fuzz_doc.c - libFuzzer target for the tokenizer, the sentence splitter
 * and clitic readings: repaired input through rasd_doc_parse, then
 * rasd_clitic_readings on every word. Invariants: tokens lie inside the
 * text, in order, without overlap, cut on character boundaries, with
 * non-empty valid key forms no longer than RASD_MAX_TOKEN_BYTES;
 * sentences cover the tokens in order, each non-empty and at most
 * RASD_MAX_SENTENCE_TOKENS long, with the byte span of their tokens;
 * clitic readings are at most RASD_MAX_CANDIDATES valid strings inside the
 * word or the scratch buffer, the word itself first.
 */
#include "fuzz.h"

static void doc_check_readings(const struct rasd_token *t)
{
	char scratch[RASD_CLITIC_SCRATCH];
	struct rasd_reading r[RASD_MAX_CANDIDATES];
	size_t nr = rasd_clitic_readings(t->key, t->klen, scratch, r), k;

	FUZZ_CHECK(nr <= RASD_MAX_CANDIDATES);
	for (k = 0; k < nr; k++) {
		const char *p = r[k].form.p;
		bool in_key = p >= t->key && p + r[k].form.n <= t->key + t->klen;
		bool in_scratch = p >= scratch && p + r[k].form.n <= scratch + sizeof(scratch);
		FUZZ_CHECK(r[k].form.n > 0);
		FUZZ_CHECK(in_key || in_scratch);
		FUZZ_CHECK(rasd_utf8_valid(p, r[k].form.n));
		FUZZ_CHECK(r[k].clitics < (RASD_CLITIC_PRONOUN << 1));
	}
	/* the word itself comes first whenever it is a reading at all */
	if (nr && r[0].clitics == 0)
		FUZZ_CHECK(r[0].form.p == t->key && r[0].form.n == t->klen);
}

static void doc_check(const struct rasd_doc *d, const char *p, size_t n)
{
	size_t i, s;

	FUZZ_CHECK(d->text == p && d->n == n);
	FUZZ_CHECK(d->tokens != NULL);
	for (i = 0; i < d->ntokens; i++) {
		const struct rasd_token *t = &d->tokens[i];
		FUZZ_CHECK(t->start < t->end && t->end <= n);
		FUZZ_CHECK(fuzz_boundary(p, n, t->start) && fuzz_boundary(p, n, t->end));
		if (i > 0) {
			FUZZ_CHECK(d->tokens[i - 1].end <= t->start);
			FUZZ_CHECK(d->tokens[i - 1].para <= t->para);
		}
		FUZZ_CHECK(t->klen > 0 && t->klen <= RASD_MAX_TOKEN_BYTES);
		FUZZ_CHECK(t->key[t->klen] == '\0');
		FUZZ_CHECK(rasd_utf8_valid(t->key, t->klen));
		FUZZ_CHECK(t->kind == RASD_TOK_WORD || t->kind == RASD_TOK_NUMBER ||
			   t->kind == RASD_TOK_PUNCT);
		if (t->kind == RASD_TOK_WORD)
			doc_check_readings(t);
	}
	FUZZ_CHECK((d->nsentences == 0) == (d->ntokens == 0));
	for (s = 0; s < d->nsentences; s++) {
		const struct rasd_sentence *st = &d->sentences[s];
		FUZZ_CHECK(st->tok_begin == (s ? d->sentences[s - 1].tok_end : 0));
		FUZZ_CHECK(st->tok_begin < st->tok_end && st->tok_end <= d->ntokens);
		FUZZ_CHECK(st->tok_end - st->tok_begin <= RASD_MAX_SENTENCE_TOKENS);
		FUZZ_CHECK(st->start == d->tokens[st->tok_begin].start);
		FUZZ_CHECK(st->end == d->tokens[st->tok_end - 1].end);
		FUZZ_CHECK(st->para == d->tokens[st->tok_begin].para);
	}
	if (d->nsentences)
		FUZZ_CHECK(d->sentences[d->nsentences - 1].tok_end == d->ntokens);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rasd_arena a;
	struct rasd_str clean;
	struct rasd_error err;
	struct rasd_doc doc;
	size_t replaced;

	rasd_arena_init(&a, 0);
	if (rasd_utf8_clean(&a, (const char *)data, size, 0, &clean, &replaced, &err) != RASD_OK)
		goto out;
	FUZZ_CHECK(rasd_doc_parse(&a, clean.p, clean.n, &doc) == RASD_OK);
	doc_check(&doc, clean.p, clean.n);
out:
	rasd_arena_release(&a);
	return 0;
}
