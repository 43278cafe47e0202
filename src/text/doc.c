/*
 * doc.c - one pass over valid UTF-8 text that yields key-form tokens with
 * offsets into the original, then sentences. Tokens split letters from
 * digits (نحو80), punctuation from words (لـ”قسد“), and hashtag
 * underscores (#الجيش_اليمني). Sentences end at . ! ? ؟ and at line
 * breaks, except where a long line stops mid-sentence without punctuation
 * and the text goes on after the break (a sentence broken across a
 * paragraph). Part of text/.
 */
#include "fold.h"

#include <string.h>

/* Key form of the two-byte letters U+0600..U+067F, by lead byte (D8, D9)
 * and continuation byte: 0 = not an Arabic letter here, 1 = a mark to drop,
 * 2 = ta marbuta (written as ه, remembered), else the two output bytes.
 * Generated from the folding rules in fold.c. */
static const uint16_t arabic_key[2][64] = {
	{
		0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
		0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
		0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
		0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
		0x0000, 0xD8A1, 0xD8A7, 0xD8A7, 0xD8A4, 0xD8A7, 0xD8A6, 0xD8A7,
		0xD8A8, 0x0002, 0xD8AA, 0xD8AB, 0xD8AC, 0xD8AD, 0xD8AE, 0xD8AF,
		0xD8B0, 0xD8B1, 0xD8B2, 0xD8B3, 0xD8B4, 0xD8B5, 0xD8B6, 0xD8B7,
		0xD8B8, 0xD8B9, 0xD8BA, 0xD8BB, 0xD8BC, 0xD8BD, 0xD8BE, 0xD8BF,
	},
	{
		0x0000, 0xD981, 0xD982, 0xD983, 0xD984, 0xD985, 0xD986, 0xD987,
		0xD988, 0xD98A, 0xD98A, 0x0001, 0x0001, 0x0001, 0x0001, 0x0001,
		0x0001, 0x0001, 0x0001, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
		0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
		0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
		0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
		0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
		0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	},
};

struct tokenizer {
	struct rasd_arena *a;
	struct rasd_token *tok;
	size_t ntok, cap;
	size_t expect; /* the first array's size */
	char *keys; /* one arena buffer for all token keys */
	size_t kused, kcap;
};

RASD_ALWAYS_INLINE static inline enum rasd_status push_token(struct tokenizer *tz, const char *key, size_t klen,
				   uint32_t start, uint32_t end, uint16_t kind, uint16_t flags,
				   uint32_t para)
{
	struct rasd_token *t;

	if (tz->ntok == tz->cap) {
		/* news runs about one token per six bytes: most texts need no
		 * growth (each growth leaves the old array in the arena) */
		size_t ncap = tz->cap ? tz->cap * 2 : tz->expect;
		struct rasd_token *nt = rasd_arena_alloc(tz->a, ncap * sizeof(*nt));
		if (!nt || ncap > SIZE_MAX / sizeof(*nt) / 2)
			return RASD_ENOMEM;
		if (tz->ntok)
			memcpy(nt, tz->tok, tz->ntok * sizeof(*nt));
		tz->tok = nt;
		tz->cap = ncap;
	}
	if (tz->kcap - tz->kused < klen + 1)
		return RASD_ENOMEM; /* sized up front; cannot happen */
	if (key != tz->keys + tz->kused) /* words are built in place */
		memmove(tz->keys + tz->kused, key, klen);
	tz->keys[tz->kused + klen] = '\0';
	t = &tz->tok[tz->ntok++];
	t->key = tz->keys + tz->kused;
	t->klen = (uint32_t)klen;
	t->start = start;
	t->end = end;
	t->kind = kind;
	t->flags = flags;
	t->para = para;
	tz->kused += klen + 1;
	return RASD_OK;
}

static uint16_t punct_flags(uint32_t cp)
{
	uint16_t f = 0;

	if (is_quote_cp(cp))
		f |= RASD_TOKF_QUOTE;
	if (cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x2026)
		f |= RASD_TOKF_TERMINAL;
	if (cp == ',' || cp == ';' || cp == 0x060C || cp == 0x061B || cp == ':')
		f |= RASD_TOKF_CLAUSE;
	return f;
}

static enum rasd_status tokenize(struct tokenizer *tz, const char *p, size_t n)
{
	/* Current word being built. */
	/* the word being built lives where its key will stay */
#define word (tz->keys + tz->kused)
	size_t wlen = 0;
	uint32_t wstart = 0, wend = 0;
	enum cp_class wclass = CP_SPACE;
	bool warabic = false;
	bool ta_end = false; /* the last letter of the word was ة */
	uint16_t pending = 0; /* line/para flags for the next token */
	uint16_t hashtag = 0;
	uint32_t para = 0;
	int newlines = 0;
	size_t i = 0;
	enum rasd_status st = RASD_OK;

#define FLUSH()                                                                              \
	do {                                                                                 \
		if (wlen) {                                                                  \
			uint16_t fl = (uint16_t)(pending | hashtag |                        \
						 (warabic ? RASD_TOKF_ARABIC : 0) |          \
						 (ta_end ? RASD_TOKF_TA_MARBUTA : 0));       \
			st = push_token(tz, word, wlen, wstart, wend,                        \
					wclass == CP_DIGIT ? RASD_TOK_NUMBER : RASD_TOK_WORD, fl, \
					para);                                               \
			if (st != RASD_OK)                                                   \
				return st;                                                   \
			pending = 0;                                                         \
			hashtag = 0;                                                         \
			wlen = 0;                                                            \
		}                                                                            \
	} while (0)

	while (i < n) {
		uint32_t cp, f[2];
		size_t len, nf, k;
		enum cp_class cls;
		unsigned char b0 = (unsigned char)p[i];

		/* Fast paths for what news is made of: Arabic letters and marks
		 * (two bytes, U+0621..U+0652) and the plain space. Everything
		 * else, and every edge case, takes the general path below. */
		if ((b0 == 0xD8 || b0 == 0xD9) && i + 1 < n &&
		    ((unsigned char)p[i + 1] & 0xC0) == 0x80) {
			uint32_t c2 = ((uint32_t)(b0 & 0x1F) << 6) | ((unsigned char)p[i + 1] & 0x3F);
			if (c2 >= 0x0621 && c2 <= 0x064A && c2 != 0x0640) {
				bool ta = c2 == 0x0629;
				if (c2 == 0x0622 || c2 == 0x0623 || c2 == 0x0625)
					c2 = 0x0627;
				else if (c2 == 0x0649)
					c2 = 0x064A;
				else if (ta)
					c2 = 0x0647;
				if (wlen && (wclass != CP_LETTER || wlen + 8 > RASD_MAX_TOKEN_BYTES))
					FLUSH();
				ta_end = ta;
				if (pending & RASD_TOKF_LINE_BEFORE && newlines) {
					para++;
					newlines = 0;
				}
				if (!wlen) {
					wstart = (uint32_t)i;
					wclass = CP_LETTER;
				}
				warabic = true;
				word[wlen++] = (char)(0xC0 | (c2 >> 6));
				word[wlen++] = (char)(0x80 | (c2 & 0x3F));
				i += 2;
				/* the rest of an Arabic word in one tight loop */
				{
					char *w = word;
					while (i + 1 < n && wlen + 8 <= RASD_MAX_TOKEN_BYTES) {
						unsigned a = (unsigned char)p[i] - 0xD8u;
						unsigned b = (unsigned char)p[i + 1] - 0x80u;
						uint16_t v;
						if (a > 1 || b > 0x3F)
							break;
						v = arabic_key[a][b];
						if (v == 0)
							break;
						i += 2;
						if (v == 1)
							continue; /* a mark inside the word */
						ta_end = v == 2;
						if (ta_end)
							v = 0xD987; /* ه */
						w[wlen++] = (char)(v >> 8);
						w[wlen++] = (char)(v & 0xFF);
					}
				}
				wend = (uint32_t)i;
				continue;
			}
			if (c2 >= 0x064B && c2 <= 0x0652) {
				if (wlen)
					wend = (uint32_t)(i + 2);
				i += 2;
				continue;
			}
		} else if (b0 == ' ') {
			FLUSH();
			i++;
			continue;
		}
		len = rasd_utf8_decode(p + i, n - i, &cp);
		if (len == 0) {
			cp = RASD_REPLACEMENT;
			len = 1;
		}
		if (cp >= 0x0653 && cp <= 0x0655 && wlen && wclass == CP_LETTER) {
			/* hamza/madda above or below: compose with the previous letter */
			uint32_t base;
			size_t back = 1;
			while (back < wlen && ((unsigned char)word[wlen - back] & 0xC0) == 0x80)
				back++;
			if (rasd_utf8_decode(word + wlen - back, back, &base) == back &&
			    compose_cp(base, cp)) {
				wlen -= back;
				nf = fold_cp(compose_cp(base, cp), RASD_NORM_KEY, f);
				for (k = 0; k < nf; k++)
					wlen += rasd_utf8_encode(f[k], word + wlen);
				wend = (uint32_t)(i + len);
				i += len;
				continue;
			}
		}
		nf = fold_cp(cp, RASD_NORM_KEY, f);
		if (nf == 0) {
			/* Dropped marks inside a word stay inside its span. */
			if (wlen)
				wend = (uint32_t)(i + len);
			i += len;
			continue;
		}
		cls = class_cp(f[0]);
		if (cls == CP_NEWLINE || cls == CP_SPACE) {
			FLUSH();
			if (cls == CP_NEWLINE) {
				newlines++;
				pending |= RASD_TOKF_LINE_BEFORE;
				if (newlines >= 2)
					pending |= RASD_TOKF_PARA_BEFORE;
			}
			i += len;
			continue;
		}
		if (pending & RASD_TOKF_LINE_BEFORE && newlines) {
			para++;
			newlines = 0;
		}
		if (cls == CP_PUNCT) {
			FLUSH();
			if (cp == '#') {
				hashtag = RASD_TOKF_HASHTAG;
			}
			{
				char enc[8];
				size_t el = rasd_utf8_encode(f[0], enc);
				st = push_token(tz, enc, el, (uint32_t)i, (uint32_t)(i + len),
						RASD_TOK_PUNCT, (uint16_t)(pending | punct_flags(f[0])),
						para);
				if (st != RASD_OK)
					return st;
				pending = 0;
			}
			i += len;
			continue;
		}
		/* Letters and digits: a change of class starts a new token, except
		 * for a separator between digits (1,200 or 3.5) handled below. */
		if (wlen && (wclass != cls || wlen + 8 > RASD_MAX_TOKEN_BYTES))
			FLUSH();
		if (!wlen) {
			wstart = (uint32_t)i;
			wclass = cls;
			warabic = false;
		}
		for (k = 0; k < nf; k++)
			wlen += rasd_utf8_encode(f[k], word + wlen);
		ta_end = cp == 0x0629 || cp == 0xFE93 || cp == 0xFE94;
		if (cls == CP_LETTER && is_arabic_letter(f[0]))
			warabic = true;
		wend = (uint32_t)(i + len);
		i += len;
		if (cls == CP_DIGIT && i + 1 < n) {
			/* Keep 1,200 / 3.5 / ٣٫٥ together as one number. */
			uint32_t sep, nx;
			size_t sl = rasd_utf8_decode(p + i, n - i, &sep), nl;
			if (sl && (sep == '.' || sep == ',' || sep == 0x066B || sep == 0x066C) &&
			    (nl = rasd_utf8_decode(p + i + sl, n - i - sl, &nx)) &&
			    ((nx >= '0' && nx <= '9') || (nx >= 0x0660 && nx <= 0x0669) ||
			     (nx >= 0x06F0 && nx <= 0x06F9))) {
				word[wlen++] = (sep == ',' || sep == 0x066C) ? ',' : '.';
				i += sl;
			}
		}
	}
	FLUSH();
#undef FLUSH
#undef word
	return RASD_OK;
}

static bool is_function_word(const struct rasd_token *t)
{
	static const char *const words[] = {"في", "علي", "من", "الي", "عن", "مع", "ضد", "و",
					    "او", "ثم", "بين", "بعد", "قبل", "ان", "الذي",
					    "التي", "لدي", "عند", "حول", "خلال", "نحو", NULL};
	size_t i;

	for (i = 0; words[i]; i++)
		if (words[i][0] == t->key[0] && strlen(words[i]) == t->klen &&
		    memcmp(words[i], t->key, t->klen) == 0)
			return true;
	return false;
}

/* Words in the current line (up to the token before `upto`). */
static size_t line_words(const struct rasd_token *tok, size_t line_start, size_t upto)
{
	size_t i, w = 0;

	for (i = line_start; i < upto; i++)
		if (tok[i].kind != RASD_TOK_PUNCT)
			w++;
	return w;
}

/* Does the text continue across the line break before token i? */
static bool continues_across(const struct rasd_token *tok, size_t ntok, size_t line_start,
			     size_t i)
{
	const struct rasd_token *prev, *next = &tok[i];
	size_t j = i;

	if (i == 0)
		return false;
	/* the first line of a text is its headline: it never runs on */
	if (line_start == 0)
		return false;
	prev = &tok[i - 1];
	/* Skip closing quotes at the end of the previous line. A quote set
	 * apart from the word before it opens a quotation: a line ending in
	 * one was cut off, and the next line is another text. */
	while (j > line_start + 1 && tok[j - 1].kind == RASD_TOK_PUNCT &&
	       (tok[j - 1].flags & RASD_TOKF_QUOTE)) {
		if (j == i && tok[j - 1].start > tok[j - 2].end)
			return false;
		j--;
	}
	prev = &tok[j - 1];
	if (prev->kind == RASD_TOK_PUNCT && !(prev->flags & RASD_TOKF_QUOTE))
		return false; /* ends with . : ، etc. */
	if (next->kind == RASD_TOK_PUNCT && !(next->flags & RASD_TOKF_QUOTE))
		return false; /* the next line opens with a bullet or dash */
	if (prev->kind == RASD_TOK_WORD && is_function_word(prev))
		return true;
	/* A heading is short; a sentence cut in two is long. */
	(void)ntok;
	return line_words(tok, line_start, i) >= 10;
}

static enum rasd_status split_sentences(struct rasd_arena *a, struct rasd_doc *doc)
{
	const struct rasd_token *tok = doc->tokens;
	size_t n = doc->ntokens, i, begin = 0, line_start = 0, ns = 0, cap = 16;
	struct rasd_sentence *s = rasd_arena_alloc(a, cap * sizeof(*s));

	if (!s)
		return RASD_ENOMEM;
	for (i = 0; i <= n; i++) {
		bool cut = false;
		size_t end = i;

		if (i == n) {
			cut = begin < n;
		} else if (i > begin && i - begin >= RASD_MAX_SENTENCE_TOKENS) {
			cut = true; /* before the line test: a sentence going on across
				     * many short lines is capped too */
		} else if (i > begin && (tok[i].flags & RASD_TOKF_LINE_BEFORE)) {
			if (!continues_across(tok, n, line_start, i))
				cut = true;
			line_start = i;
		} else if (tok[i].kind == RASD_TOK_PUNCT && (tok[i].flags & RASD_TOKF_TERMINAL)) {
			/* Take the terminal mark and any closing quotes after it. */
			end = i + 1;
			while (end < n && end - begin < RASD_MAX_SENTENCE_TOKENS &&
			       tok[end].kind == RASD_TOK_PUNCT &&
			       (tok[end].flags & (RASD_TOKF_QUOTE | RASD_TOKF_TERMINAL)) &&
			       !(tok[end].flags & RASD_TOKF_LINE_BEFORE) &&
			       tok[end].start == tok[end - 1].end)
				end++;
			cut = true;
		}
		if (i < n && (tok[i].flags & RASD_TOKF_LINE_BEFORE) && !cut)
			line_start = i;
		if (!cut)
			continue;
		if (end > begin) {
			if (ns == cap) {
				struct rasd_sentence *nsnt = rasd_arena_alloc(a, cap * 2 * sizeof(*s));
				if (!nsnt)
					return RASD_ENOMEM;
				memcpy(nsnt, s, ns * sizeof(*s));
				s = nsnt;
				cap *= 2;
			}
			s[ns].tok_begin = (uint32_t)begin;
			s[ns].tok_end = (uint32_t)end;
			s[ns].start = tok[begin].start;
			s[ns].end = tok[end - 1].end;
			s[ns].para = tok[begin].para;
			ns++;
		}
		begin = end;
		if (end > i)
			i = end - 1;
		if (i < n && (tok[begin < n ? begin : n - 1].flags & RASD_TOKF_LINE_BEFORE))
			line_start = begin;
	}
	doc->sentences = s;
	doc->nsentences = ns;
	return RASD_OK;
}

enum rasd_status rasd_doc_parse(struct rasd_arena *a, const char *p, size_t n, struct rasd_doc *doc)
{
	struct tokenizer tz;
	enum rasd_status st;

	memset(doc, 0, sizeof(*doc));
	memset(&tz, 0, sizeof(tz));
	if (n > UINT32_MAX / 4)
		return RASD_ETOOBIG;
	tz.a = a;
	tz.expect = n / 5 + 256;
	/* Keys never exceed 2x the input plus a NUL per token (<= 1 per byte). */
	tz.kcap = n * 3 + 16;
	tz.keys = rasd_arena_alloc(a, tz.kcap);
	if (!tz.keys)
		return RASD_ENOMEM;
	st = tokenize(&tz, p, n);
	if (st != RASD_OK)
		return st;
	doc->text = p;
	doc->n = n;
	doc->tokens = tz.tok;
	doc->ntokens = tz.ntok;
	if (!doc->tokens) {
		doc->tokens = rasd_arena_alloc(a, sizeof(struct rasd_token));
		if (!doc->tokens)
			return RASD_ENOMEM;
	}
	return split_sentences(a, doc);
}
