/*
 * fuzz_norm.c - libFuzzer target for the door and the normalizer: any
 * bytes through rasd_utf8_clean (strict and replacing), then both
 * normalization layers and rasd_norm_phrase. Invariants: the door accepts
 * exactly the valid UTF-8 without NUL and repairs everything else; output
 * is valid UTF-8; normalize(normalize(x)) == normalize(x) for each layer;
 * key(surface(x)) == key(x); the offset map is monotonic, in bounds, on
 * character boundaries of the input, constant across the bytes of one
 * output character and ends at the input length.
 */
#include "fuzz.h"

static void norm_check_map(const char *in, size_t in_n, const struct rasd_norm *nm)
{
	size_t i;

	FUZZ_CHECK(nm->text[nm->n] == '\0');
	FUZZ_CHECK(rasd_utf8_valid(nm->text, nm->n));
	FUZZ_CHECK(nm->map[nm->n] == in_n);
	for (i = 0; i < nm->n; i++) {
		FUZZ_CHECK(nm->map[i] < in_n);
		FUZZ_CHECK(nm->map[i] <= nm->map[i + 1]);
		FUZZ_CHECK(fuzz_boundary(in, in_n, nm->map[i]));
		/* the bytes of one output character come from one place */
		if (((unsigned char)nm->text[i] & 0xC0) == 0x80)
			FUZZ_CHECK(nm->map[i] == nm->map[i - 1]);
	}
}

static void norm_layer(struct rasd_arena *a, const char *p, size_t n, enum rasd_norm_layer layer,
		       struct rasd_norm *out)
{
	struct rasd_norm again;

	FUZZ_CHECK(rasd_norm(a, p, n, layer, out) == RASD_OK);
	norm_check_map(p, n, out);
	FUZZ_CHECK(rasd_norm(a, out->text, out->n, layer, &again) == RASD_OK);
	norm_check_map(out->text, out->n, &again);
	FUZZ_CHECK(again.n == out->n && memcmp(again.text, out->text, out->n) == 0);
}

static void norm_door(struct rasd_arena *a, const char *p, size_t n)
{
	struct rasd_str clean;
	struct rasd_error err;
	size_t replaced = 99, i;
	bool valid = rasd_utf8_valid(p, n), nul = memchr(p, 0, n) != NULL;
	enum rasd_status st;

	st = rasd_utf8_clean(a, p, n, RASD_UTF8_STRICT, &clean, &replaced, &err);
	if (valid) {
		FUZZ_CHECK(st == RASD_OK && replaced == 0);
		FUZZ_CHECK(clean.n == n && memcmp(clean.p, p, n) == 0 && clean.p[n] == '\0');
	} else {
		FUZZ_CHECK(st == RASD_EUTF8 && err.status == RASD_EUTF8);
		FUZZ_CHECK(err.column >= 1 && (size_t)err.column <= n && err.msg[0]);
	}
	st = rasd_utf8_clean(a, p, n, 0, &clean, &replaced, &err);
	if (nul) {
		FUZZ_CHECK(st == RASD_EUTF8 && err.column >= 1 && (size_t)err.column <= n);
		FUZZ_CHECK(p[err.column - 1] == '\0');
		return;
	}
	FUZZ_CHECK(st == RASD_OK);
	FUZZ_CHECK(rasd_utf8_valid(clean.p, clean.n) && clean.p[clean.n] == '\0');
	FUZZ_CHECK((replaced == 0) == valid);
	FUZZ_CHECK(clean.n == n + 2 * replaced);
	/* decode/encode round trip on the repaired text */
	for (i = 0; i < clean.n;) {
		uint32_t cp;
		char enc[4];
		size_t len = rasd_utf8_decode(clean.p + i, clean.n - i, &cp);
		FUZZ_CHECK(len >= 1 && len <= 4);
		FUZZ_CHECK(rasd_utf8_encode(cp, enc) == len && memcmp(enc, clean.p + i, len) == 0);
		i += len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rasd_arena a;
	struct rasd_str clean, phrase;
	struct rasd_norm surface, key, key2;
	struct rasd_error err;
	size_t replaced, i;

	rasd_arena_init(&a, 0);
	norm_door(&a, (const char *)data, size);
	if (rasd_utf8_clean(&a, (const char *)data, size, 0, &clean, &replaced, &err) != RASD_OK)
		goto out;
	norm_layer(&a, clean.p, clean.n, RASD_NORM_SURFACE, &surface);
	norm_layer(&a, clean.p, clean.n, RASD_NORM_KEY, &key);
	FUZZ_CHECK(rasd_norm(&a, surface.text, surface.n, RASD_NORM_KEY, &key2) == RASD_OK);
	FUZZ_CHECK(key2.n == key.n && memcmp(key2.text, key.text, key.n) == 0);

	/* lexicon phrases: words joined by exactly one space */
	FUZZ_CHECK(rasd_norm_phrase(&a, clean.p, clean.n, &phrase) == RASD_OK);
	FUZZ_CHECK(rasd_utf8_valid(phrase.p, phrase.n) && phrase.p[phrase.n] == '\0');
	if (phrase.n) {
		FUZZ_CHECK(phrase.p[0] != ' ' && phrase.p[phrase.n - 1] != ' ');
		for (i = 1; i < phrase.n; i++)
			FUZZ_CHECK(!(phrase.p[i] == ' ' && phrase.p[i - 1] == ' '));
	}
out:
	rasd_arena_release(&a);
	return 0;
}
