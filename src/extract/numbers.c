/*
 * numbers.c - Arabic number expressions: digits (ASCII or Arabic-Indic,
 * already folded), thousands separators, number words and their compounds
 * (خمسة وعشرين، ثلاثة آلاف، مئتين), duals that carry their own count
 * (قتيلين) and the vague counts ACLED turns into conservative figures
 * (عشرات). Part of extract/.
 */
#include "rasd.h"

#include <string.h>

static bool parse_digits(const struct rasd_token *t, long *value)
{
	long v = 0;
	size_t i;
	bool any = false;

	for (i = 0; i < t->klen; i++) {
		char c = t->key[i];
		if (c >= '0' && c <= '9') {
			if (v > 100000000L)
				return false;
			v = v * 10 + (c - '0');
			any = true;
		} else if (c == ',') {
			/* thousands separator only when three digits follow */
			size_t k = i + 1, d = 0;
			while (k < t->klen && t->key[k] >= '0' && t->key[k] <= '9') {
				k++;
				d++;
			}
			if (d != 3)
				return any ? (*value = v, true) : false;
		} else if (c == '.') {
			break; /* a decimal part does not count people */
		}
	}
	if (any)
		*value = v;
	return any;
}

static bool number_word(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
			struct rasd_lex_match *m)
{
	struct rasd_lex_match ms[16];
	size_t n = rasd_lex_match_at(lex, doc, i, ms, 16), k;

	for (k = 0; k < n; k++) {
		if (ms[k].kind == RASD_LEX_NUMBER) {
			*m = ms[k];
			return true;
		}
	}
	return false;
}

size_t rasd_number_at(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
		      long *value, bool *vague)
{
	const struct rasd_token *t;
	struct rasd_lex_match m;
	long total = 0, current = 0;
	size_t j = i;
	bool any = false;

	*vague = false;
	if (i >= doc->ntokens)
		return 0;
	t = &doc->tokens[i];
	if (t->kind == RASD_TOK_NUMBER) {
		long v;
		if (!parse_digits(t, &v))
			return 0;
		j = i + 1;
		/* 3 آلاف, 1.5 مليون */
		if (j < doc->ntokens && number_word(lex, doc, j, &m) &&
		    (m.u.number.kind == RASD_NUM_THOUSAND || m.u.number.kind == RASD_NUM_MILLION) &&
		    !(m.clitics & RASD_CLITIC_CONJ)) {
			long mult = m.u.number.kind == RASD_NUM_MILLION ? 1000000L : 1000L;
			if (v < 1000000L)
				v *= mult;
			j += m.ntokens;
		}
		*value = v;
		return j - i;
	}
	if (t->kind != RASD_TOK_WORD)
		return 0;
	while (j < doc->ntokens && number_word(lex, doc, j, &m)) {
		bool conj = (m.clitics & RASD_CLITIC_CONJ) != 0;
		long v = m.u.number.value;

		if (any && !conj && m.u.number.kind != RASD_NUM_THOUSAND &&
		    m.u.number.kind != RASD_NUM_MILLION && m.u.number.kind != RASD_NUM_HUNDRED)
			break;
		/* "وثلاثة" may start a count (مقتل ثلاثة جنود وثلاثة مسلحين); inside
		 * a number it continues it (خمسة وعشرين) */
		if (m.u.number.kind == RASD_NUM_VAGUE || m.u.number.kind == RASD_NUM_DUAL) {
			if (any || conj)
				break; /* وعشرات، وعددا: no count of its own */
			*value = v;
			*vague = m.u.number.kind == RASD_NUM_VAGUE;
			return m.ntokens;
		}
		switch (m.u.number.kind) {
		case RASD_NUM_THOUSAND:
		case RASD_NUM_MILLION:
			/* ثلاثة آلاف = 3 x 1000; ألفين alone = 2000 */
			if (current && v % 1000 == 0 && (v == 1000 || v == 1000000))
				current *= v;
			else
				current = current ? current + v : v;
			total += current;
			current = 0;
			break;
		case RASD_NUM_HUNDRED:
			/* ثلاث مئة written apart */
			if (current > 0 && current < 10 && v == 100 && !conj)
				current *= 100;
			else
				current += v;
			break;
		default:
			current += v;
			break;
		}
		any = true;
		j += m.ntokens;
	}
	if (!any)
		return 0;
	*value = total + current;
	return j - i;
}
