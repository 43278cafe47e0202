/*
 * clitic.c - readings of an Arabic word with its attached clitics removed:
 * conjunctions (و ف), prepositions (ب ل ك), the article (ال, and لل = ل+ال)
 * and enclitic pronouns (ه ها هم هما هن كم نا). The matcher tries the word
 * itself first, so names that begin with those letters (بيروت، لبنان،
 * وادي) keep their own reading; a stripped reading must leave at least two
 * letters. Part of text/.
 */
#include "rasd.h"

#include <string.h>

/* Key-form letters are two bytes each in UTF-8 (U+0600..U+06FF). */
#define WAW "\xd9\x88"
#define FA "\xd9\x81"
#define BA "\xd8\xa8"
#define LAM "\xd9\x84"
#define KAF "\xd9\x83"
#define ALEF "\xd8\xa7"
#define HA "\xd9\x87"
#define MIM "\xd9\x85"
#define NUN "\xd9\x86"
#define TA "\xd8\xaa"

/* Key-form words are mostly two-byte Arabic letters: compare letters as
 * 16-bit pairs rather than through strlen/memcmp. */
static inline bool at(const char *p, size_t n, size_t i, const char *letter)
{
	return i + 2 <= n && p[i] == letter[0] && p[i + 1] == letter[1];
}

/* Letters (not bytes); ASCII counts one each. A key that starts with a
 * two-byte letter is taken to be all Arabic (two bytes a letter). */
static size_t letters(const char *p, size_t n)
{
	size_t i, c = 0;
	if (n && (unsigned char)p[0] >= 0xC0 && (unsigned char)p[0] < 0xE0 && !(n & 1))
		return n / 2;
	for (i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			c++;
	return c;
}

struct acc {
	struct rasd_reading *out;
	size_t n;
};

/* nl = letters in p[0..n) */
static void add(struct acc *acc, const char *p, size_t n, size_t nl, unsigned clitics)
{
	size_t i;

	if (acc->n >= RASD_MAX_CANDIDATES || nl < 2)
		return;
	/* readings are slices of one word: the same slice twice is a duplicate
	 * (a rare equal copy from the لل case costs one extra lookup, no more) */
	for (i = 0; i < acc->n; i++)
		if (acc->out[i].form.n == n && acc->out[i].form.p == p)
			return;
	acc->out[acc->n].form.p = p;
	acc->out[acc->n].form.n = n;
	acc->out[acc->n].clitics = clitics;
	acc->n++;
}

/* Readings of a word that may carry a preposition and/or the article. */
static void prefixes(struct acc *acc, const char *p, size_t n, size_t nl, unsigned base,
		     char **scratch)
{
	add(acc, p, n, nl, base);
	if (at(p, n, 0, LAM) && at(p, n, 2, LAM) && nl >= 4) {
		/* لل = ل + ال with the alef dropped: للحسكة -> الحسكة, حسكة */
		char *s = *scratch;
		memcpy(s, ALEF LAM, 4);
		memcpy(s + 4, p + 4, n - 4);
		*scratch += n;
		add(acc, s, n, nl, base | RASD_CLITIC_PREP);
		add(acc, p + 4, n - 4, nl - 2, base | RASD_CLITIC_PREP | RASD_CLITIC_ARTICLE);
	}
	if ((at(p, n, 0, BA) || at(p, n, 0, LAM) || at(p, n, 0, KAF)) && nl >= 3) {
		add(acc, p + 2, n - 2, nl - 1, base | RASD_CLITIC_PREP);
		if (at(p, n, 2, ALEF) && at(p, n, 4, LAM) && nl >= 5)
			add(acc, p + 6, n - 6, nl - 3, base | RASD_CLITIC_PREP | RASD_CLITIC_ARTICLE);
	}
	if (at(p, n, 0, ALEF) && at(p, n, 2, LAM) && nl >= 4)
		add(acc, p + 4, n - 4, nl - 2, base | RASD_CLITIC_ARTICLE);
}

size_t rasd_clitic_readings(const char *key, size_t klen, char *scratch,
			    struct rasd_reading out[RASD_MAX_CANDIDATES])
{
	struct acc acc = {out, 0};
	char *s = scratch;
	size_t i, plain, nl;

	if (klen > RASD_MAX_TOKEN_BYTES)
		klen = RASD_MAX_TOKEN_BYTES;
	nl = letters(key, klen);
	if (nl < 2) {
		/* a one-letter word has only itself */
		if (klen) {
			out[0].form.p = key;
			out[0].form.n = klen;
			out[0].clitics = 0;
			return 1;
		}
		return 0;
	}
	prefixes(&acc, key, klen, nl, 0, &s);
	if ((at(key, klen, 0, WAW) || at(key, klen, 0, FA)) && nl >= 3)
		prefixes(&acc, key + 2, klen - 2, nl - 1, RASD_CLITIC_CONJ, &s);
	/* Enclitic pronouns on each reading so far: هجماته -> هجمات */
	plain = acc.n;
	for (i = 0; i < plain; i++) {
		const struct rasd_reading r = out[i];
		const char *p = r.form.p;
		size_t n = r.form.n, sl = 0, rl;
		if (r.clitics & RASD_CLITIC_ARTICLE)
			continue; /* a definite noun takes no pronoun suffix */
		if (n < 8)
			continue;
		/* هما هم ها هن كم نا ه */
		if (at(p, n, n - 6, HA) && at(p, n, n - 4, MIM) && at(p, n, n - 2, ALEF))
			sl = 6;
		else if ((at(p, n, n - 4, HA) && (at(p, n, n - 2, MIM) || at(p, n, n - 2, ALEF) ||
						  at(p, n, n - 2, NUN))) ||
			 (at(p, n, n - 4, KAF) && at(p, n, n - 2, MIM)) ||
			 (at(p, n, n - 4, NUN) && at(p, n, n - 2, ALEF)))
			sl = 4;
		else if (at(p, n, n - 2, HA))
			sl = 2;
		if (!sl)
			continue;
		rl = letters(p, n - sl);
		if (rl >= 3)
			add(&acc, p, n - sl, rl, r.clitics | RASD_CLITIC_PRONOUN);
		/* a plural verb drops its alif before a pronoun: أحرقوه -> أحرقوا */
		if (rl >= 3 && at(p, n, n - sl - 2, WAW) &&
		    (size_t)(s - scratch) + (n - sl) + 2 <= RASD_CLITIC_SCRATCH) {
			memcpy(s, p, n - sl);
			memcpy(s + n - sl, ALEF, 2);
			add(&acc, s, n - sl + 2, rl + 1, r.clitics | RASD_CLITIC_PRONOUN);
			s += n - sl + 2;
		}
		/* ة is written ت before a suffix: قادتها -> قادة (key قاده) */
		if (rl >= 3 && at(p, n, n - sl - 2, TA) &&
		    (size_t)(s - scratch) + (n - sl) <= RASD_CLITIC_SCRATCH) {
			memcpy(s, p, n - sl - 2);
			memcpy(s + n - sl - 2, HA, 2);
			add(&acc, s, n - sl, rl, r.clitics | RASD_CLITIC_PRONOUN);
			s += n - sl;
		}
	}
	return acc.n;
}
