/*
 * fuzz_numdate.c - libFuzzer target for the number and date parsers
 * against the real lexicons of data/. Input: two bytes choosing the
 * publication date (or none), then text. At every token, rasd_number_at
 * and rasd_date_at must stay inside the document, report what they
 * consumed, and give counts that are not negative and dates whose year
 * can be written (1..9999) with a precision of 1..4.
 */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!fuzz_lexicon())
		abort();
	return 0;
}

static void numdate_check(const struct rasd_lexicon *lex, const struct rasd_doc *d,
			  int32_t published)
{
	int32_t lo = rasd_days_from_civil(1, 1, 1), hi = rasd_days_from_civil(9999, 12, 31);
	size_t i;

	for (i = 0; i < d->ntokens; i++) {
		struct rasd_date_expr de;
		long value = -1;
		bool vague = true;
		size_t used = rasd_number_at(lex, d, i, &value, &vague);

		FUZZ_CHECK(used <= d->ntokens - i);
		if (used)
			FUZZ_CHECK(value >= 0);
		used = rasd_date_at(lex, d, i, published, &de);
		FUZZ_CHECK(used <= d->ntokens - i);
		if (used) {
			FUZZ_CHECK(de.tok == i && de.ntok == used);
			FUZZ_CHECK(de.precision >= 1 && de.precision <= 4);
			FUZZ_CHECK(de.date >= lo && de.date <= hi);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct rasd_lexicon *lex = fuzz_lexicon();
	struct rasd_arena a;
	struct rasd_str clean;
	struct rasd_error err;
	struct rasd_doc doc;
	size_t replaced;
	int32_t published;

	if (!lex || size < 2)
		return 0;
	published = fuzz_published(data[0], data[1]);
	rasd_arena_init(&a, 0);
	if (rasd_utf8_clean(&a, (const char *)data + 2, size - 2, 0, &clean, &replaced, &err) !=
	    RASD_OK)
		goto out;
	FUZZ_CHECK(rasd_doc_parse(&a, clean.p, clean.n, &doc) == RASD_OK);
	numdate_check(lex, &doc, published);
out:
	rasd_arena_release(&a);
	return 0;
}
