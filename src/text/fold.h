/*
 * fold.h - per-code-point classification and folding (fold.c) shared by the
 * normalizer and the tokenizer (text/ internal).
 */
#ifndef RASD_TEXT_FOLD_H
#define RASD_TEXT_FOLD_H

#include "rasd.h"

enum cp_class {
	CP_DROP = 0,  /* marks, tatweel, invisible and bidi controls */
	CP_LETTER,
	CP_DIGIT,
	CP_SPACE,
	CP_NEWLINE,
	CP_PUNCT
};

/*
 * Fold one code point for a layer: writes up to 2 code points into out and
 * returns how many (0 = drop). Presentation forms become letters, digits
 * become ASCII; the key layer also folds alef/ya/ta-marbuta/Persian
 * letters and lowercases ASCII.
 */
size_t fold_cp(uint32_t cp, enum rasd_norm_layer layer, uint32_t out[2]);

/* Class of a code point after folding. */
enum cp_class class_cp(uint32_t cp);

/* Combine a letter with a following hamza/madda mark (U+0653..U+0655). */
uint32_t compose_cp(uint32_t base, uint32_t mark);

static inline bool is_arabic_letter(uint32_t cp)
{
	return (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x0671 && cp <= 0x06D3) ||
	       (cp >= 0x06FA && cp <= 0x06FF);
}

static inline bool is_quote_cp(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x201E ||
	       cp == 0x2018 || cp == 0x2019 || cp == 0x00AB || cp == 0x00BB || cp == 0x2039 ||
	       cp == 0x203A || cp == 0x201A;
}

#endif
