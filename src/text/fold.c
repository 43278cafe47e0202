/*
 * fold.c - what one code point becomes: the folding of each layer
 * (presentation forms, marks, tatweel, invisible controls, digits; in the
 * key layer also alef, ya, ta marbuta, Persian letters and ASCII case),
 * its class after folding, and hamza composition. The normalizer
 * (normalize.c) and the tokenizer (doc.c) both build on it, so neither
 * depends on the other. Part of text/: depends on core/ only.
 */
#include "fold.h"

/* Base letters of U+FE80..U+FEF4 with the number of forms each has. */
static const struct {
	uint16_t base;
	uint8_t forms;
} pres_forms[] = {
	{0x0621, 1}, {0x0622, 2}, {0x0623, 2}, {0x0624, 2}, {0x0625, 2}, {0x0626, 4},
	{0x0627, 2}, {0x0628, 4}, {0x0629, 2}, {0x062A, 4}, {0x062B, 4}, {0x062C, 4},
	{0x062D, 4}, {0x062E, 4}, {0x062F, 2}, {0x0630, 2}, {0x0631, 2}, {0x0632, 2},
	{0x0633, 4}, {0x0634, 4}, {0x0635, 4}, {0x0636, 4}, {0x0637, 4}, {0x0638, 4},
	{0x0639, 4}, {0x063A, 4}, {0x0641, 4}, {0x0642, 4}, {0x0643, 4}, {0x0644, 4},
	{0x0645, 4}, {0x0646, 4}, {0x0647, 4}, {0x0648, 2}, {0x0649, 2}, {0x064A, 4},
};

static uint32_t presentation_base(uint32_t cp)
{
	uint32_t at = 0xFE80;
	size_t i;

	for (i = 0; i < sizeof(pres_forms) / sizeof(pres_forms[0]); i++) {
		if (cp < at + pres_forms[i].forms)
			return pres_forms[i].base;
		at += pres_forms[i].forms;
	}
	return 0;
}

static bool is_mark(uint32_t cp)
{
	return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x0610 && cp <= 0x061A) ||
	       (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E8) ||
	       (cp >= 0x06EA && cp <= 0x06ED) || (cp >= 0xFE70 && cp <= 0xFE7F) ||
	       (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x08D3 && cp <= 0x08FF);
}

static bool is_invisible(uint32_t cp)
{
	return cp == 0x0640 /* tatweel */ || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
	       cp == 0xFEFF || cp == 0x061C || cp == 0x00AD || cp == 0x034F;
}

uint32_t compose_cp(uint32_t base, uint32_t mark)
{
	if (base == 0x0627 && mark == 0x0653)
		return 0x0622;
	if (base == 0x0627 && mark == 0x0654)
		return 0x0623;
	if (base == 0x0627 && mark == 0x0655)
		return 0x0625;
	if (base == 0x0648 && mark == 0x0654)
		return 0x0624;
	/* every letter the key layer folds to ي, so key(x) == key(surface(x)) */
	if ((base == 0x064A || base == 0x0649 || base == 0x06CC || base == 0x06D0) &&
	    mark == 0x0654)
		return 0x0626;
	return 0;
}

size_t fold_cp(uint32_t cp, enum rasd_norm_layer layer, uint32_t out[2])
{
	if (is_mark(cp) || is_invisible(cp))
		return 0;
	if (cp >= 0x0660 && cp <= 0x0669)
		cp = '0' + (cp - 0x0660);
	else if (cp >= 0x06F0 && cp <= 0x06F9)
		cp = '0' + (cp - 0x06F0);
	else if (cp == 0x066B)
		cp = '.';
	else if (cp == 0x066C)
		cp = ',';
	else if (cp == 0x066A)
		cp = '%';
	else if (cp == 0x06D4)
		cp = '.';
	else if (cp >= 0xFE80 && cp <= 0xFEF4)
		cp = presentation_base(cp);
	else if (cp >= 0xFEF5 && cp <= 0xFEFC) {
		static const uint16_t alef[] = {0x0622, 0x0623, 0x0625, 0x0627};
		out[0] = 0x0644;
		out[1] = alef[(cp - 0xFEF5) / 2];
		if (layer == RASD_NORM_KEY)
			out[1] = 0x0627;
		return 2;
	} else if (cp == 0xFDF2) { /* the ligature of the word Allah */
		out[0] = 0x0627;
		out[1] = 0x0644;
		return 2; /* the rest (له) is rare enough to leave to the reader */
	} else if (cp >= 0x00A0 && cp <= 0x00A0) {
		cp = ' ';
	}
	if (layer == RASD_NORM_KEY) {
		switch (cp) {
		case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
			cp = 0x0627;
			break;
		case 0x0649: case 0x06CC: case 0x06D0:
			cp = 0x064A;
			break;
		case 0x0629: case 0x06C1: case 0x06C3: case 0x06D5: case 0x06BE:
			cp = 0x0647;
			break;
		case 0x06A9: case 0x06AA: case 0x06AF: case 0x06AC:
			cp = 0x0643;
			break;
		case 0x067E:
			cp = 0x0628;
			break;
		case 0x0686:
			cp = 0x062C;
			break;
		case 0x0698:
			cp = 0x0632;
			break;
		case 0x06A4: case 0x06A5:
			cp = 0x0641;
			break;
		default:
			if (cp >= 'A' && cp <= 'Z')
				cp += 'a' - 'A';
			break;
		}
	}
	out[0] = cp;
	return 1;
}

enum cp_class class_cp(uint32_t cp)
{
	if (cp == '\n' || cp == 0x2028 || cp == 0x2029 || cp == 0x0085)
		return CP_NEWLINE;
	if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x00A0 ||
	    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
	    cp == '_' || cp == 0x1680)
		return CP_SPACE;
	if (cp >= '0' && cp <= '9')
		return CP_DIGIT;
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return CP_LETTER;
	if (cp < 0x80)
		return cp < 0x20 || cp == 0x7F ? CP_SPACE : CP_PUNCT;
	if (cp >= 0x00A1 && cp <= 0x00BF)
		return CP_PUNCT;
	if (cp == 0x00D7 || cp == 0x00F7)
		return CP_PUNCT;
	if (cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x060D || cp == 0x066D ||
	    cp == 0x06DD || cp == 0x06DE || cp == 0x06E9 || cp == 0x061E || cp == 0x0609 ||
	    cp == 0x060A)
		return CP_PUNCT;
	if (cp >= 0x2010 && cp <= 0x205E)
		return CP_PUNCT;
	if ((cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x3001 && cp <= 0x3003) ||
	    (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
	    (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
	    cp == 0xFD3E || cp == 0xFD3F || cp == RASD_REPLACEMENT || (cp >= 0x2600 && cp <= 0x27BF))
		return CP_PUNCT;
	return CP_LETTER;
}
