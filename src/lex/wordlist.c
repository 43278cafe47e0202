/*
 * wordlist.c - loads data/words.tsv, the word lists the extractor's rules
 * name (rasd.h, RASD_WORD_LISTS), and answers "is this token's key in list
 * L?" with two bit tests (the list's word lengths and first letters, kept
 * at the head of the lexicon so callers test them inline) that turn most
 * words away, then one probe of a hash table from a word's key to the set
 * of lists it is in. Part of lex/.
 */
#include "wordlist.h"

#include <stdlib.h>
#include <string.h>

#define NO_RECORD UINT32_MAX
#define MAX_WORD_BYTES 64 /* far longer than any Arabic word */

static const struct {
	const char *name;
	bool valued;
} lists[RASD_WL_COUNT] = {
	{"", false},
#define RASD_WL_NAME(id, name, valued) {name, valued},
	RASD_WORD_LISTS(RASD_WL_NAME)
#undef RASD_WL_NAME
};

const char *rasd_word_list_name(enum rasd_word_list list)
{
	return (unsigned)list < RASD_WL_COUNT ? lists[list].name : "";
}

static enum rasd_word_list list_by_name(const struct rasd_str *s)
{
	size_t i;
	for (i = 1; i < RASD_WL_COUNT; i++)
		if (strlen(lists[i].name) == s->n && memcmp(lists[i].name, s->p, s->n) == 0)
			return (enum rasd_word_list)i;
	return RASD_WL_NONE;
}

/* Keys are short: mix eight bytes at a time (multiply-xorshift). */
static uint64_t wl_hash(const char *p, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ ((uint64_t)n << 56);
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
		h ^= h >> 31;
		p += 8;
		n -= 8;
	}
	if (n) {
		uint64_t w = 0;
		memcpy(&w, p, n);
		h = (h ^ w) * 0x94D049BB133111EBull;
		h ^= h >> 29;
	}
	return h ^ (h >> 32);
}

const struct wl_slot *wordlists_find(const struct wordlists *wl, const char *key, size_t n)
{
	uint64_t h;
	size_t mask, i;
	uint32_t tag;

	if (!wl->nslots)
		return NULL;
	h = wl_hash(key, n);
	mask = wl->nslots - 1;
	i = (size_t)h & mask;
	tag = (uint32_t)(h >> 32);
	for (;;) {
		const struct wl_slot *s = &wl->slots[i];
		if (!s->key)
			return NULL;
		if (s->tag == tag && s->len == n && memcmp(s->key, key, n) == 0)
			return s;
		i = (i + 1) & mask;
	}
}

static struct wl_slot *find_or_add(struct wordlists *wl, const char *key, size_t n)
{
	uint64_t h = wl_hash(key, n);
	size_t mask = wl->nslots - 1, i = (size_t)h & mask;
	uint32_t tag = (uint32_t)(h >> 32);

	for (;;) {
		struct wl_slot *s = &wl->slots[i];
		if (!s->key) {
			s->key = key;
			s->len = (uint32_t)n;
			s->tag = tag;
			s->records = NO_RECORD;
			return s;
		}
		if (s->tag == tag && s->len == n && memcmp(s->key, key, n) == 0)
			return s;
		i = (i + 1) & mask;
	}
}

static unsigned len_bit(size_t n)
{
	return n < 63 ? (unsigned)n : 63;
}

bool wordlists_has(const struct wordlists *wl, const char *key, size_t n, enum rasd_word_list list)
{
	const struct wl_slot *s;
	unsigned b;

	if ((unsigned)list >= RASD_WL_COUNT || !wl->filter || !(wl->filter[list].len >> len_bit(n) & 1))
		return false;
	b = rasd_word_lead(key, n);
	if (!(wl->filter[list].lead[b / 64] >> (b % 64) & 1))
		return false;
	s = wordlists_find(wl, key, n);
	return s && (s->lists[list / 64] >> (list % 64) & 1);
}

bool wordlists_value(const struct wordlists *wl, const char *key, size_t n,
		     enum rasd_word_list list, long *value)
{
	const struct wl_slot *s;
	uint32_t r;

	if (!wordlists_has(wl, key, n, list))
		return false;
	s = wordlists_find(wl, key, n);
	for (r = s->records; r != NO_RECORD; r = wl->records[r].next) {
		if (wl->records[r].list == (uint32_t)list) {
			*value = wl->records[r].value;
			return true;
		}
	}
	return false;
}

static struct wl_record *push_record(struct wordlists *wl)
{
	if (wl->nrecords == wl->cap) {
		size_t ncap = wl->cap ? wl->cap * 2 : 256;
		struct wl_record *nr;
		if (ncap > UINT32_MAX / 2)
			return NULL;
		nr = realloc(wl->records, ncap * sizeof(*nr));
		if (!nr)
			return NULL;
		wl->records = nr;
		wl->cap = ncap;
	}
	return &wl->records[wl->nrecords++];
}

/* One data line: a word (normalized like the text, one token), a list
 * name, and a value for a valued list. */
static enum rasd_status read_line(struct wordlists *wl, struct tsv *t, struct rasd_arena *arena,
				  struct rasd_arena *scratch, struct rasd_error *err)
{
	struct rasd_doc doc;
	struct wl_record *rec;
	enum rasd_word_list list;
	long value = 0;
	enum rasd_status st;

	if (t->nfields < 2 || t->nfields > 3)
		return tsv_fail(t, err, t->nfields, "expected 2 or 3 columns (word, list, value), found %zu",
				t->nfields);
	list = list_by_name(&t->field[1]);
	if (list == RASD_WL_NONE)
		return tsv_fail(t, err, 2, "unknown word list '%.*s' (see docs/lexicons.md)",
				(int)(t->field[1].n > 60 ? 60 : t->field[1].n), t->field[1].p);
	if (lists[list].valued) {
		if (t->nfields != 3)
			return tsv_fail(t, err, 2, "list '%s' needs a value in column 3",
					lists[list].name);
		if (!tsv_field_long(t, 2, -1000000L, 1000000L, &value))
			return tsv_fail(t, err, 3, "bad value '%.*s' (an integer)",
					(int)(t->field[2].n > 30 ? 30 : t->field[2].n), t->field[2].p);
	} else if (t->nfields == 3) {
		return tsv_fail(t, err, 3, "list '%s' takes no value", lists[list].name);
	}
	st = rasd_doc_parse(scratch, t->field[0].p, t->field[0].n, &doc);
	if (st != RASD_OK)
		return rasd_error_set(err, st, t->line, 1, "cannot normalize the word");
	if (doc.ntokens != 1)
		return tsv_fail(t, err, 1, doc.ntokens ? "'%.*s' is not one word (a list holds single words)"
						       : "empty word '%.*s'",
				(int)(t->field[0].n > 60 ? 60 : t->field[0].n), t->field[0].p);
	if (doc.tokens[0].klen > MAX_WORD_BYTES)
		return tsv_fail(t, err, 1, "word longer than %d bytes", MAX_WORD_BYTES);
	rec = push_record(wl);
	if (!rec)
		return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
	rec->key.p = rasd_arena_strndup(arena, doc.tokens[0].key, doc.tokens[0].klen);
	rec->key.n = doc.tokens[0].klen;
	if (!rec->key.p)
		return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
	rec->list = (uint32_t)list;
	rec->line = (uint32_t)t->line;
	rec->value = value;
	rec->next = NO_RECORD;
	return RASD_OK;
}

/* The table, the per-list arrays and filters; a word twice in one list is
 * an error naming both lines. */
static enum rasd_status build(struct wordlists *wl, struct tsv *t, struct rasd_arena *arena,
			      struct rasd_error *err)
{
	size_t n = 16, i, at[RASD_WL_COUNT];

	while (n < wl->nrecords * 2)
		n *= 2;
	wl->slots = calloc(n, sizeof(*wl->slots));
	if (!wl->slots)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	wl->nslots = n;
	for (i = 0; i < wl->nrecords; i++) {
		struct wl_record *r = &wl->records[i];
		struct wl_slot *s = find_or_add(wl, r->key.p, r->key.n);
		unsigned b = rasd_word_lead(r->key.p, r->key.n);

		if (s->lists[r->list / 64] >> (r->list % 64) & 1) {
			uint32_t o;
			for (o = s->records; o != NO_RECORD; o = wl->records[o].next)
				if (wl->records[o].list == r->list)
					break;
			t->line = (long)r->line;
			return tsv_fail(t, err, 1, "'%s' is already in list '%s' (line %u)", r->key.p,
					lists[r->list].name,
					o != NO_RECORD ? wl->records[o].line : 0);
		}
		s->lists[r->list / 64] |= 1ull << (r->list % 64);
		r->next = s->records;
		s->records = (uint32_t)i;
		wl->filter[r->list].len |= 1ull << len_bit(r->key.n);
		wl->filter[r->list].lead[b / 64] |= 1ull << (b % 64);
		wl->nwords[r->list]++;
	}
	for (i = 1; i < RASD_WL_COUNT; i++) {
		wl->words[i] = rasd_arena_calloc(arena, wl->nwords[i] ? wl->nwords[i] : 1,
						 sizeof(struct rasd_str));
		if (!wl->words[i])
			return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		at[i] = 0;
	}
	for (i = 0; i < wl->nrecords; i++) {
		const struct wl_record *r = &wl->records[i];
		wl->words[r->list][at[r->list]++] = r->key;
	}
	for (i = 1; i < RASD_WL_COUNT; i++) {
		struct rasd_word_filter *f = &wl->filter[i];
		size_t k;
		if (wl->nwords[i] > RASD_WORD_SMALL)
			continue;
		for (k = 0; k < wl->nwords[i]; k++) {
			f->small[k] = wl->words[i][k].p;
			f->small_n[k] = (uint32_t)wl->words[i][k].n;
		}
		f->nsmall = (uint32_t)wl->nwords[i];
	}
	return RASD_OK;
}

enum rasd_status wordlists_load(struct wordlists *wl, struct tsv *t, struct rasd_arena *arena,
				struct rasd_arena *scratch, struct rasd_error *err)
{
	int r;

	while ((r = tsv_next(t, err)) > 0) {
		enum rasd_status st = read_line(wl, t, arena, scratch, err);
		if (st)
			return st;
		rasd_arena_reset(scratch);
	}
	if (r < 0)
		return RASD_ESYNTAX;
	return build(wl, t, arena, err);
}

void wordlists_release(struct wordlists *wl)
{
	struct rasd_word_filter *filter = wl->filter;
	free(wl->slots);
	free(wl->records);
	memset(wl, 0, sizeof(*wl));
	wl->filter = filter;
}
