/*
 * normalize.c - the two normalization layers over an offset map.
 * surface: what a reader sees, cleaned (presentation forms, marks,
 * tatweel, invisible controls, Arabic-Indic digits); key: surface plus the
 * spelling folds that let lexicon keys match (أ/إ/آ→ا, ى→ي, ة→ه, Persian
 * letters, ASCII lowercase). Each output byte maps back to the original.
 * The per-code-point folds are in fold.c. Part of text/: depends on
 * core/ and fold.c only.
 */
#include "fold.h"

#include <string.h>

enum rasd_status rasd_norm(struct rasd_arena *a, const char *p, size_t n, enum rasd_norm_layer layer,
			   struct rasd_norm *out)
{
	size_t i = 0, o = 0, cap;
	char *text;
	uint32_t *map;
	size_t last_len = 0; /* bytes of the last emitted letter, for composition */

	/* Folding never grows text by more than 2x (lam-alef: 3 bytes -> 4). */
	if (n > (SIZE_MAX / sizeof(uint32_t)) / 2 - 8 || n > UINT32_MAX / 2)
		return RASD_ETOOBIG;
	cap = n * 2 + 4;
	text = rasd_arena_alloc(a, cap + 1);
	map = rasd_arena_alloc(a, (cap + 1) * sizeof(uint32_t));
	if (!text || !map)
		return RASD_ENOMEM;
	while (i < n) {
		uint32_t cp, f[2];
		size_t len = rasd_utf8_decode(p + i, n - i, &cp), k, nf;

		if (len == 0) {
			cp = RASD_REPLACEMENT;
			len = 1;
		}
		if (cp >= 0x0653 && cp <= 0x0655 && last_len) {
			/* Compose a hamza/madda mark with the letter before it. */
			uint32_t base, composed;
			size_t blen = rasd_utf8_decode(text + o - last_len, last_len, &base);
			composed = blen ? compose_cp(base, cp) : 0;
			if (composed) {
				uint32_t at = map[o - last_len];
				o -= last_len;
				nf = fold_cp(composed, layer, f);
				for (k = 0; k < nf; k++) {
					size_t el = rasd_utf8_encode(f[k], text + o), b;
					for (b = 0; b < el; b++)
						map[o + b] = at;
					o += el;
					last_len = el;
				}
				i += len;
				continue;
			}
		}
		nf = fold_cp(cp, layer, f);
		last_len = 0;
		for (k = 0; k < nf; k++) {
			size_t el = rasd_utf8_encode(f[k], text + o), b;
			for (b = 0; b < el; b++)
				map[o + b] = (uint32_t)i;
			o += el;
			last_len = el;
		}
		i += len;
	}
	text[o] = '\0';
	map[o] = (uint32_t)n;
	out->text = text;
	out->n = o;
	out->map = map;
	return RASD_OK;
}
