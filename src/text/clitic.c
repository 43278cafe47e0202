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

static bool starts(const char *p, size_t n, const char *pre)
{
	size_t k = strlen(pre);
	return n >= k && memcmp(p, pre, k) == 0;
}

static bool ends(const char *p, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(p + n - k, suf, k) == 0;
}

/* Letters (not bytes) in an all-Arabic key; ASCII counts one each. */
static size_t letters(const char *p, size_t n)
{
	size_t i, c = 0;
	for (i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			c++;
	return c;
}

struct acc {
	struct rasd_reading *out;
	size_t n;
};

static void add(struct acc *acc, const char *p, size_t n, unsigned clitics)
{
	size_t i;

	if (acc->n >= RASD_MAX_CANDIDATES || letters(p, n) < 2)
		return;
	for (i = 0; i < acc->n; i++)
		if (acc->out[i].form.n == n && memcmp(acc->out[i].form.p, p, n) == 0)
			return;
	acc->out[acc->n].form.p = p;
	acc->out[acc->n].form.n = n;
	acc->out[acc->n].clitics = clitics;
	acc->n++;
}

/* Readings of a word that may carry a preposition and/or the article. */
static void prefixes(struct acc *acc, const char *p, size_t n, unsigned base, char **scratch)
{
	add(acc, p, n, base);
	if (starts(p, n, LAM LAM) && letters(p, n) >= 4) {
		/* لل = ل + ال with the alef dropped: للحسكة -> الحسكة, حسكة */
		char *s = *scratch;
		memcpy(s, ALEF LAM, 4);
		memcpy(s + 4, p + 4, n - 4);
		*scratch += n;
		add(acc, s, n, base | RASD_CLITIC_PREP);
		add(acc, p + 4, n - 4, base | RASD_CLITIC_PREP | RASD_CLITIC_ARTICLE);
	}
	if ((starts(p, n, BA) || starts(p, n, LAM) || starts(p, n, KAF)) && letters(p, n) >= 3) {
		add(acc, p + 2, n - 2, base | RASD_CLITIC_PREP);
		if (starts(p + 2, n - 2, ALEF LAM) && letters(p, n) >= 5)
			add(acc, p + 6, n - 6, base | RASD_CLITIC_PREP | RASD_CLITIC_ARTICLE);
	}
	if (starts(p, n, ALEF LAM) && letters(p, n) >= 4)
		add(acc, p + 4, n - 4, base | RASD_CLITIC_ARTICLE);
}

size_t rasd_clitic_readings(const char *key, size_t klen, char *scratch,
			    struct rasd_reading out[RASD_MAX_CANDIDATES])
{
	static const char *const pronouns[] = {HA MIM ALEF, HA MIM, HA ALEF, HA NUN, KAF MIM,
					       NUN ALEF, HA, NULL};
	struct acc acc = {out, 0};
	char *s = scratch;
	size_t i, plain;

	if (klen > RASD_MAX_TOKEN_BYTES)
		klen = RASD_MAX_TOKEN_BYTES;
	prefixes(&acc, key, klen, 0, &s);
	if ((starts(key, klen, WAW) || starts(key, klen, FA)) && letters(key, klen) >= 3)
		prefixes(&acc, key + 2, klen - 2, RASD_CLITIC_CONJ, &s);
	/* Enclitic pronouns on each reading so far: هجماته -> هجمات */
	plain = acc.n;
	for (i = 0; i < plain; i++) {
		const struct rasd_reading r = out[i];
		size_t k;
		if (r.clitics & RASD_CLITIC_ARTICLE)
			continue; /* a definite noun takes no pronoun suffix */
		for (k = 0; pronouns[k]; k++) {
			size_t sl = strlen(pronouns[k]);
			if (ends(r.form.p, r.form.n, pronouns[k]) && letters(r.form.p, r.form.n - sl) >= 3) {
				add(&acc, r.form.p, r.form.n - sl, r.clitics | RASD_CLITIC_PRONOUN);
				break;
			}
		}
	}
	return acc.n;
}
