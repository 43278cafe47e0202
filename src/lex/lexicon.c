/*
 * lexicon.c - loads the analyst-editable TSV lexicons (triggers, actors and
 * their aliases, cue words, number words, calendar words, places) and
 * compiles them into a trie of words held in two hashes: first words, and
 * (word so far, next word) steps. Matching a document position costs one
 * probe per clitic reading of the word there, plus one per further word of
 * the longest phrase that fits, however many phrases share a beginning.
 * Every key goes through the same normalizer as the text. The word lists
 * of words.tsv are held apart (wordlist.c): rules test one word against
 * them, they are never matched as phrases. Part of lex/.
 */
#include "tsv.h"
#include "page_markers.h"
#include "wordlist.h"
#include "lexcache.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_ENTRY UINT32_MAX
#define ROOT UINT32_MAX /* the parent of a first word */
#define MAX_PHRASE_WORDS 12
/* names of one place (its name and its '|'-separated variants): the
 * gazetteer's most is 21; a row of 400,000 is a mistake, not a place */
#define MAX_PLACE_NAMES 1024

struct entry {
	struct rasd_str first;
	const struct rasd_str *rest; /* following words, key form */
	uint32_t nrest;
	uint32_t next; /* next entry ending at the same trie node */
	struct rasd_lex_match m; /* kind and payload; ntokens/clitics unset */
};

/*
 * A trie node: one word after the node it follows (its parent). First
 * words live in `slots` and their node id is the slot index; later words
 * live in `steps`, id nslots + slot index. The entries that end at a node
 * are chained in file order, at most one per signature (see signature()).
 */
struct slot {
	const char *key;       /* the word; NULL: the slot is free */
	unsigned len : 31;
	unsigned children : 1; /* some phrase goes on past this word */
	uint32_t tag;          /* high half of the hash */
	uint32_t parent;       /* node id of the word before, or ROOT */
	uint32_t head;         /* entries that end here */
};

struct vec {
	void *p;
	size_t n, cap, size;
};

#define FIRST_FILTER_BITS (1u << 17)
#define FILTER_BIT(h) ((uint32_t)((h) >> 47) & (FIRST_FILTER_BITS - 1))

struct rasd_lexicon {
	struct rasd_lexicon_head head; /* first: rasd_word_in (rasd.h) reads it */
	struct rasd_arena arena; /* strings, words, candidate lists */
	struct vec entries;      /* struct entry */
	struct vec actors;       /* struct rasd_actor */
	struct vec places;       /* struct rasd_place */
	struct slot *slots;   /* first words */
	size_t nslots;
	/* one bit per hash of a first word: most words of a text start no
	 * entry, and this 16 KB filter says so without touching the table */
	uint64_t first_filter[FIRST_FILTER_BITS / 64];
	struct slot *steps;   /* later words, keyed by (parent node, word) */
	size_t nsteps;
	struct wordlists words; /* words.tsv */
	struct rasd_page_markers page_markers; /* page_markers.tsv */
};

static void *vec_push(struct vec *v)
{
	if (v->n == v->cap) {
		size_t ncap = v->cap ? v->cap * 2 : 64;
		void *np;
		if (ncap > SIZE_MAX / v->size)
			return NULL;
		np = realloc(v->p, ncap * v->size);
		if (!np)
			return NULL;
		v->p = np;
		v->cap = ncap;
	}
	memset((char *)v->p + v->n * v->size, 0, v->size);
	return (char *)v->p + v->n++ * v->size;
}

/* Words are short: mix eight bytes at a time (multiply-xorshift). */
static uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
		h ^= h >> 31;
		p += 8;
		n -= 8;
	}
	if (n) {
		/* the last 1..7 bytes without a variable-length copy: two
		 * overlapping 4-byte loads, or three single bytes (n is mixed
		 * into h, so overlaps cannot collide across lengths) */
		uint64_t w;
		if (n >= 4) {
			uint32_t a, b;
			memcpy(&a, p, 4);
			memcpy(&b, p + n - 4, 4);
			w = (uint64_t)a | ((uint64_t)b << 32);
		} else {
			w = (uint64_t)(unsigned char)p[0] | ((uint64_t)(unsigned char)p[n / 2] << 8) |
			    ((uint64_t)(unsigned char)p[n - 1] << 16);
		}
		h = (h ^ w) * 0x94D049BB133111EBull;
		h ^= h >> 29;
	}
	return h ^ (h >> 32);
}

/* The hash of a word after node `parent`; after ROOT it is the word's own. */
static uint64_t hash_step(uint32_t parent, const char *p, size_t n)
{
	return hash_bytes(p, n) ^ ((uint64_t)(uint32_t)(parent + 1) * 0x9E3779B97F4A7C15ull);
}

/* The slot of (parent, word), or the free slot where it would go. */
static struct slot *find_hashed(struct slot *slots, size_t nslots, uint64_t h, uint32_t parent,
				const char *key, size_t len)
{
	size_t mask = nslots - 1, i = (size_t)h & mask;
	uint32_t tag = (uint32_t)(h >> 32);

	for (;;) {
		struct slot *s = &slots[i];
		/* the tag settles most mismatches without touching the key */
		if (!s->key || (s->tag == tag && s->parent == parent && s->len == len &&
				memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & mask;
	}
}

static struct slot *find_in(struct slot *slots, size_t nslots, uint32_t parent, const char *key,
			    size_t len)
{
	return find_hashed(slots, nslots, hash_step(parent, key, len), parent, key, len);
}

/* The slot of a first word, or a free one. */
static const struct slot *find_first(const struct rasd_lexicon *lex, const char *word, size_t len)
{
	static const struct slot none;
	uint64_t h = hash_step(ROOT, word, len);
	uint32_t b = FILTER_BIT(h);
	if (!(lex->first_filter[b / 64] >> (b % 64) & 1))
		return &none;
	return find_hashed(lex->slots, lex->nslots, h, ROOT, word, len);
}

static const char *dup_str(struct rasd_lexicon *lex, const struct rasd_str *s)
{
	return rasd_arena_strndup(&lex->arena, s->p, s->n);
}

/* Normalize a phrase and add an entry for it. */
static enum rasd_status add_phrase(struct rasd_lexicon *lex, struct rasd_arena *scratch,
				   const struct rasd_str *phrase, const struct rasd_lex_match *m,
				   struct tsv *t, struct rasd_error *err, size_t col,
				   uint32_t *index)
{
	struct rasd_str key;
	struct entry *e;
	struct rasd_str *words;
	size_t nw = 1, i, w;
	const char *k;
	enum rasd_status st;

	st = rasd_norm_phrase(scratch, phrase->p, phrase->n, &key);
	if (st != RASD_OK)
		return rasd_error_set(err, st, t->line, (long)col, "cannot normalize phrase");
	if (key.n == 0)
		return tsv_fail(t, err, col, "empty phrase '%.*s'", (int)phrase->n, phrase->p);
	for (i = 0; i < key.n; i++)
		if (key.p[i] == ' ')
			nw++;
	if (nw > MAX_PHRASE_WORDS)
		return tsv_fail(t, err, col, "phrase longer than %d words", MAX_PHRASE_WORDS);
	k = rasd_arena_strndup(&lex->arena, key.p, key.n);
	words = rasd_arena_alloc(&lex->arena, nw * sizeof(*words));
	if (!k || !words)
		return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
	for (i = 0, w = 0; w < nw; w++) {
		size_t s = i;
		while (i < key.n && k[i] != ' ')
			i++;
		words[w].p = k + s;
		words[w].n = i - s;
		i++;
	}
	e = vec_push(&lex->entries);
	if (!e)
		return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
	e->first = words[0];
	e->rest = words + 1;
	e->nrest = (uint32_t)(nw - 1);
	e->next = NO_ENTRY;
	e->m = *m;
	e->m.line = (uint32_t)t->line;
	if (index)
		*index = (uint32_t)(lex->entries.n - 1);
	return RASD_OK;
}

static const char *const class_names[RASD_EC_COUNT] = {
	"none",    "attack",  "kill",      "clash",   "airstrike", "shelling", "ied",
	"suicide", "grenade", "chemical",  "abduct",  "arrest",    "arson",    "intercept",
	"defuse",  "takeover", "protest",  "riot",    "release",   "curfew",   "agreement",
	"base",    "looting"};

const char *rasd_event_class_name(enum rasd_event_class cls)
{
	return (unsigned)cls < RASD_EC_COUNT ? class_names[cls] : "none";
}

static const char *const cue_names[RASD_CUE_COUNT] = {
	"none",          "place-settlement", "place-facility", "place-rural", "direction",
	"armed-person",  "death",            "injury",         "capture",     "claim",
	"foil",          "hedge",            "negation",       "statistic",   "statement",
	"report",        "target",           "means-air",      "means-artillery",
	"means-ied",     "weapon-small",     "not-place",      "generic",     "off-topic",
	"disaster"};

static const char *const place_kind_names[] = {
	"", "country", "admin1", "admin2", "admin3", "city", "town", "village", "neighbourhood",
	"camp", "airport", "base", "prison", "port", "crossing", "region", "water", NULL};

const char *rasd_place_kind_name(enum rasd_place_kind kind)
{
	if (kind < RASD_PLACE_COUNTRY || kind > RASD_PLACE_WATER)
		return "";
	return place_kind_names[kind];
}

static int name_index(const struct tsv *t, size_t col, const char *const *names, size_t count)
{
	size_t i;
	for (i = 1; i < count; i++)
		if (names[i] && tsv_field_is(t, col, names[i]))
			return (int)i;
	return 0;
}

static enum rasd_status need_fields(struct tsv *t, struct rasd_error *err, size_t min, size_t max)
{
	if (t->nfields < min || t->nfields > max)
		return tsv_fail(t, err, t->nfields, "expected %zu columns, found %zu", min,
				t->nfields);
	return RASD_OK;
}

/* ---- one loader per file ---- */

static enum rasd_status load_triggers(struct rasd_lexicon *lex, struct tsv *t,
				      struct rasd_arena *scratch, struct rasd_error *err)
{
	static const char *const forms[] = {"", "verb", "noun", "plural", "part"};
	int r;

	while ((r = tsv_next(t, err)) > 0) {
		struct rasd_lex_match m;
		enum rasd_status st = need_fields(t, err, 3, 3);
		int cls, form;

		if (st)
			return st;
		cls = name_index(t, 1, class_names, RASD_EC_COUNT);
		if (!cls)
			return tsv_fail(t, err, 2, "unknown event class '%.*s'", (int)t->field[1].n,
					t->field[1].p);
		form = name_index(t, 2, forms, 5);
		if (!form)
			return tsv_fail(t, err, 3, "unknown form '%.*s' (verb, noun, plural, part)",
					(int)t->field[2].n, t->field[2].p);
		memset(&m, 0, sizeof(m));
		m.kind = RASD_LEX_TRIGGER;
		m.u.trigger.cls = (enum rasd_event_class)cls;
		m.u.trigger.form = (enum rasd_trigger_form)form;
		st = add_phrase(lex, scratch, &t->field[0], &m, t, err, 1, NULL);
		if (st)
			return st;
		rasd_arena_reset(scratch);
	}
	return r < 0 ? RASD_ESYNTAX : RASD_OK;
}

static enum rasd_status load_actors(struct rasd_lexicon *lex, struct tsv *t,
				    struct rasd_error *err)
{
	int r;

	while ((r = tsv_next(t, err)) > 0) {
		struct rasd_actor *a;
		long inter;
		enum rasd_status st = need_fields(t, err, 5, 8);
		size_t i;

		if (st)
			return st;
		if (t->field[0].n == 0 || t->field[0].n > 64)
			return tsv_fail(t, err, 1, "bad actor code");
		for (i = 0; i < t->field[0].n; i++) {
			char c = t->field[0].p[i];
			if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
				return tsv_fail(t, err, 1, "actor code '%.*s' must be A-Z, 0-9, '-'",
						(int)t->field[0].n, t->field[0].p);
		}
		{
			char code[65]; /* the field is not NUL-terminated */
			memcpy(code, t->field[0].p, t->field[0].n);
			code[t->field[0].n] = '\0';
			if (rasd_lex_actor_by_code(lex, code, NULL))
				return tsv_fail(t, err, 1, "duplicate actor code '%s'", code);
		}
		if (!tsv_field_long(t, 1, 1, 8, &inter))
			return tsv_fail(t, err, 2, "inter must be an ACLED code 1-8, not '%.*s'",
					(int)t->field[1].n, t->field[1].p);
		a = vec_push(&lex->actors);
		if (!a)
			return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
		a->code = dup_str(lex, &t->field[0]);
		a->inter = (int)inter;
		a->country = dup_str(lex, &t->field[2]);
		a->name_en = dup_str(lex, &t->field[3]);
		a->name_ar = dup_str(lex, &t->field[4]);
		if (t->nfields >= 6 && t->field[5].n > 0) {
			const struct rasd_str *th = &t->field[5];
			for (i = 0; i < th->n; i++) {
				char ch = th->p[i];
				if (!((ch >= 'A' && ch <= 'Z') || ch == ','))
					return tsv_fail(t, err, 6, "theatre must be ISO codes like YE,SA");
			}
			a->theatre = dup_str(lex, th);
		} else {
			a->theatre = a->country;
		}
		if (t->nfields >= 7) {
			const struct rasd_str *en = &t->field[6];
			for (i = 0; i < en->n; i++)
				if ((unsigned char)en->p[i] >= 0x80)
					return tsv_fail(t, err, 7, "other English names must be ASCII");
			a->also_en = dup_str(lex, en);
		} else {
			a->also_en = "";
		}
		a->allies = "";
		if (t->nfields == 8 && t->field[7].n > 0) {
			/* codes of actors already loaded, so that a typo is caught here */
			const struct rasd_str *al = &t->field[7];
			size_t b = 0, e;
			for (e = 0; e <= al->n; e++) {
				char code[65];
				if (e < al->n && al->p[e] != '|')
					continue;
				if (e - b == 0 || e - b > 64)
					return tsv_fail(t, err, 8, "allies must be actor codes separated by |");
				memcpy(code, al->p + b, e - b);
				code[e - b] = '\0';
				if (!rasd_lex_actor_by_code(lex, code, NULL))
					return tsv_fail(t, err, 8,
							"ally '%s' is not an actor code of an earlier line",
							code);
				b = e + 1;
			}
			a->allies = dup_str(lex, al);
		}
		if (!a->code || !a->country || !a->name_en || !a->name_ar || !a->theatre ||
		    !a->also_en || !a->allies)
			return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
	}
	return r < 0 ? RASD_ESYNTAX : RASD_OK;
}

static enum rasd_status load_aliases(struct rasd_lexicon *lex, struct tsv *t,
				     struct rasd_arena *scratch, struct rasd_error *err)
{
	int r;

	while ((r = tsv_next(t, err)) > 0) {
		struct rasd_lex_match m;
		uint32_t idx;
		char code[72];
		enum rasd_status st = need_fields(t, err, 2, 3);

		if (st)
			return st;
		memset(&m, 0, sizeof(m));
		m.kind = RASD_LEX_ACTOR;
		snprintf(code, sizeof(code), "%.*s", (int)t->field[1].n, t->field[1].p);
		if (!rasd_lex_actor_by_code(lex, code, &idx))
			return tsv_fail(t, err, 2, "unknown actor code '%s' (see actors.tsv)", code);
		m.u.actor.actor = idx;
		if (t->nfields == 3 && !tsv_field_is(t, 2, "-") && t->field[2].n) {
			const char *p = t->field[2].p, *end = p + t->field[2].n;
			while (p < end) {
				const char *q = p;
				while (q < end && *q != ',')
					q++;
				if (q - p == 7 && memcmp(p, "anaphor", 7) == 0)
					m.u.actor.flags |= RASD_ACTOR_ANAPHOR;
				else if (q - p == 6 && memcmp(p, "victim", 6) == 0)
					m.u.actor.flags |= RASD_ACTOR_VICTIM;
				else
					return tsv_fail(t, err, 3, "unknown flag '%.*s' (anaphor, victim)",
							(int)(q - p), p);
				p = q + 1;
			}
		}
		st = add_phrase(lex, scratch, &t->field[0], &m, t, err, 1, NULL);
		if (st)
			return st;
		rasd_arena_reset(scratch);
	}
	return r < 0 ? RASD_ESYNTAX : RASD_OK;
}

static enum rasd_status load_cues(struct rasd_lexicon *lex, struct tsv *t,
				  struct rasd_arena *scratch, struct rasd_error *err)
{
	int r;

	while ((r = tsv_next(t, err)) > 0) {
		struct rasd_lex_match m;
		int role;
		enum rasd_status st = need_fields(t, err, 2, 2);

		if (st)
			return st;
		role = name_index(t, 1, cue_names, RASD_CUE_COUNT);
		if (!role)
			return tsv_fail(t, err, 2, "unknown cue role '%.*s'", (int)t->field[1].n,
					t->field[1].p);
		memset(&m, 0, sizeof(m));
		m.kind = RASD_LEX_CUE;
		m.u.cue = (enum rasd_cue_role)role;
		st = add_phrase(lex, scratch, &t->field[0], &m, t, err, 1, NULL);
		if (st)
			return st;
		rasd_arena_reset(scratch);
	}
	return r < 0 ? RASD_ESYNTAX : RASD_OK;
}

static enum rasd_status load_numbers(struct rasd_lexicon *lex, struct tsv *t,
				     struct rasd_arena *scratch, struct rasd_error *err)
{
	static const char *const kinds[] = {"",         "unit",    "ten",   "teen", "hundred",
					    "thousand", "million", "vague", "dual"};
	int r;

	while ((r = tsv_next(t, err)) > 0) {
		struct rasd_lex_match m;
		long v;
		int kind;
		enum rasd_status st = need_fields(t, err, 3, 3);

		if (st)
			return st;
		if (!tsv_field_long(t, 1, 0, 1000000000L, &v))
			return tsv_fail(t, err, 2, "bad number value '%.*s'", (int)t->field[1].n,
					t->field[1].p);
		kind = name_index(t, 2, kinds, 9);
		if (!kind)
			return tsv_fail(t, err, 3, "unknown number kind '%.*s'", (int)t->field[2].n,
					t->field[2].p);
		memset(&m, 0, sizeof(m));
		m.kind = RASD_LEX_NUMBER;
		m.u.number.value = v;
		m.u.number.kind = (enum rasd_number_kind)kind;
		st = add_phrase(lex, scratch, &t->field[0], &m, t, err, 1, NULL);
		if (st)
			return st;
		rasd_arena_reset(scratch);
	}
	return r < 0 ? RASD_ESYNTAX : RASD_OK;
}

static enum rasd_status load_calendar(struct rasd_lexicon *lex, struct tsv *t,
				      struct rasd_arena *scratch, struct rasd_error *err)
{
	static const char *const kinds[] = {"",        "month",       "hijri-month",
					    "weekday", "day-offset",  "part-of-day",
					    "period",  "month-part",  "day-ordinal"};
	int r;

	while ((r = tsv_next(t, err)) > 0) {
		struct rasd_lex_match m;
		long v = 0;
		int kind;
		enum rasd_status st = need_fields(t, err, 3, 3);

		if (st)
			return st;
		kind = name_index(t, 1, kinds, 9);
		if (!kind)
			return tsv_fail(t, err, 2, "unknown calendar kind '%.*s'",
					(int)t->field[1].n, t->field[1].p);
		memset(&m, 0, sizeof(m));
		m.kind = RASD_LEX_CALENDAR;
		m.u.calendar.kind = (enum rasd_calendar_kind)kind;
		if (kind == RASD_CAL_PERIOD) {
			/* unit:offset, e.g. month:-1 */
			const struct rasd_str *f = &t->field[2];
			static const char *const units[] = {"", "day", "week", "month", "year"};
			size_t u, colon = 0;
			while (colon < f->n && f->p[colon] != ':')
				colon++;
			for (u = 1; u <= 4; u++)
				if (strlen(units[u]) == colon && memcmp(f->p, units[u], colon) == 0)
					break;
			if (u > 4 || colon == f->n)
				return tsv_fail(t, err, 3, "period must be unit:offset, e.g. month:-1");
			{
				struct tsv tmp = *t;
				tmp.field[2].p = f->p + colon + 1;
				tmp.field[2].n = f->n - colon - 1;
				if (!tsv_field_long(&tmp, 2, -1000, 1000, &v))
					return tsv_fail(t, err, 3, "bad period offset");
			}
			m.u.calendar.unit = (enum rasd_period_unit)u;
		} else if (kind == RASD_CAL_MONTH_PART) {
			if (tsv_field_is(t, 2, "early"))
				v = 1;
			else if (tsv_field_is(t, 2, "mid"))
				v = 2;
			else if (tsv_field_is(t, 2, "late"))
				v = 3;
			else
				return tsv_fail(t, err, 3, "month-part value must be early, mid or late");
		} else {
			long lo = -3660, hi = 3660;
			if (kind == RASD_CAL_MONTH || kind == RASD_CAL_HIJRI_MONTH) {
				lo = 1;
				hi = 12;
			} else if (kind == RASD_CAL_WEEKDAY) {
				lo = 0;
				hi = 6;
			} else if (kind == RASD_CAL_DAY_ORDINAL) {
				lo = 1;
				hi = 31;
			}
			if (!tsv_field_long(t, 2, lo, hi, &v))
				return tsv_fail(t, err, 3, "value must be an integer in %ld..%ld", lo,
						hi);
		}
		m.u.calendar.value = (int)v;
		st = add_phrase(lex, scratch, &t->field[0], &m, t, err, 1, NULL);
		if (st)
			return st;
		rasd_arena_reset(scratch);
	}
	return r < 0 ? RASD_ESYNTAX : RASD_OK;
}

/* Place names are grouped after loading: one entry per distinct key with
 * the list of candidate places. */
struct place_name {
	const char *key;
	uint32_t len;
	uint32_t place;
	uint32_t line;
	uint32_t order;
};

static enum rasd_status add_place_name(struct vec *names, struct rasd_lexicon *lex,
				       struct rasd_arena *scratch, const char *p, size_t n,
				       uint32_t place, struct tsv *t, struct rasd_error *err,
				       size_t col)
{
	struct rasd_str key;
	struct place_name *pn;
	enum rasd_status st;

	if (n == 0)
		return RASD_OK;
	st = rasd_norm_phrase(scratch, p, n, &key);
	if (st != RASD_OK)
		return rasd_error_set(err, st, t->line, (long)col, "cannot normalize place name");
	if (key.n == 0)
		return tsv_fail(t, err, col, "place name '%.*s' has no letters", (int)n, p);
	{
		/* as for other phrases: the matcher follows at most this many words */
		size_t i, nw = 1;
		for (i = 0; i < key.n; i++)
			if (key.p[i] == ' ')
				nw++;
		if (nw > MAX_PHRASE_WORDS)
			return tsv_fail(t, err, col, "place name longer than %d words",
					MAX_PHRASE_WORDS);
	}
	pn = vec_push(names);
	if (!pn)
		return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
	pn->key = rasd_arena_strndup(&lex->arena, key.p, key.n);
	if (!pn->key)
		return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
	pn->len = (uint32_t)key.n;
	pn->place = place;
	pn->line = (uint32_t)t->line;
	pn->order = (uint32_t)names->n;
	/* the tokens of this name are done with: a row of 400,000 variants
	 * used to keep every one's (4.7 KB each, 1.9 GB for a 5.9 MB file) */
	rasd_arena_reset(scratch);
	return RASD_OK;
}

static enum rasd_status load_places(struct rasd_lexicon *lex, struct tsv *t,
				    struct rasd_arena *scratch, struct vec *names,
				    struct rasd_error *err)
{
	int r;

	while ((r = tsv_next(t, err)) > 0) {
		struct rasd_place *pl;
		int kind;
		long pop;
		double lat, lon;
		uint32_t idx;
		enum rasd_status st = need_fields(t, err, 12, 12);
		const struct rasd_str *v;

		if (st)
			return st;
		if (t->field[0].n == 0)
			return tsv_fail(t, err, 1, "empty id");
		if (t->field[1].n == 0)
			return tsv_fail(t, err, 2, "empty name");
		kind = name_index(t, 4, place_kind_names, RASD_PLACE_WATER + 1);
		if (!kind)
			return tsv_fail(t, err, 5, "unknown place kind '%.*s'", (int)t->field[4].n,
					t->field[4].p);
		if (t->field[5].n != 2 || t->field[5].p[0] < 'A' || t->field[5].p[0] > 'Z' ||
		    t->field[5].p[1] < 'A' || t->field[5].p[1] > 'Z')
			return tsv_fail(t, err, 6, "country must be ISO 3166 alpha-2, not '%.*s'",
					(int)t->field[5].n, t->field[5].p);
		if (!tsv_field_double(t, 9, -90, 90, &lat))
			return tsv_fail(t, err, 10, "bad latitude '%.*s'", (int)t->field[9].n,
					t->field[9].p);
		if (!tsv_field_double(t, 10, -180, 180, &lon))
			return tsv_fail(t, err, 11, "bad longitude '%.*s'", (int)t->field[10].n,
					t->field[10].p);
		if (!tsv_field_long(t, 11, 0, 100000000L, &pop))
			return tsv_fail(t, err, 12, "bad population '%.*s'", (int)t->field[11].n,
					t->field[11].p);
		pl = vec_push(&lex->places);
		if (!pl)
			return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
		idx = (uint32_t)(lex->places.n - 1);
		pl->id = dup_str(lex, &t->field[0]);
		pl->name = dup_str(lex, &t->field[1]);
		pl->name_en = dup_str(lex, &t->field[3]);
		pl->kind = (enum rasd_place_kind)kind;
		pl->country = dup_str(lex, &t->field[5]);
		pl->admin1 = dup_str(lex, &t->field[6]);
		pl->admin2 = dup_str(lex, &t->field[7]);
		pl->pcode = dup_str(lex, &t->field[8]);
		pl->lat = lat;
		pl->lon = lon;
		pl->population = pop;
		if (!pl->id || !pl->name || !pl->name_en || !pl->country || !pl->admin1 ||
		    !pl->admin2 || !pl->pcode)
			return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
		st = add_place_name(names, lex, scratch, t->field[1].p, t->field[1].n, idx, t, err, 2);
		if (st)
			return st;
		v = &t->field[2];
		if (v->n) {
			const char *p = v->p, *end = v->p + v->n;
			size_t nnames = 1;
			while (p < end) {
				const char *q = p;
				while (q < end && *q != '|')
					q++;
				if (++nnames > MAX_PLACE_NAMES) {
					tsv_fail(t, err, 3, "more than %d names for one place",
						 MAX_PLACE_NAMES);
					if (err)
						err->status = RASD_ETOOBIG;
					return RASD_ETOOBIG;
				}
				st = add_place_name(names, lex, scratch, p, (size_t)(q - p), idx, t, err,
						    3);
				if (st)
					return st;
				p = q + 1;
			}
		}
		rasd_arena_reset(scratch);
	}
	return r < 0 ? RASD_ESYNTAX : RASD_OK;
}

static int cmp_place_name(const void *a, const void *b)
{
	const struct place_name *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return 0;
}

static enum rasd_status group_places(struct rasd_lexicon *lex, struct vec *names,
				     struct rasd_error *err)
{
	struct place_name *pn = names->p;
	size_t i = 0, total = names->n;
	uint32_t *lists;

	if (!total)
		return RASD_OK;
	qsort(pn, total, sizeof(*pn), cmp_place_name);
	lists = rasd_arena_alloc(&lex->arena, total * sizeof(uint32_t));
	if (!lists)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	while (i < total) {
		size_t j = i, count = 0;
		struct rasd_lex_match m;
		struct rasd_str *words;
		struct entry *e;
		size_t nw = 1, k, w;

		while (j < total && pn[j].len == pn[i].len && memcmp(pn[j].key, pn[i].key, pn[i].len) == 0) {
			if (count == 0 || lists[count - 1] != pn[j].place)
				lists[count++] = pn[j].place;
			j++;
		}
		for (k = 0; k < pn[i].len; k++)
			if (pn[i].key[k] == ' ')
				nw++;
		words = rasd_arena_alloc(&lex->arena, nw * sizeof(*words));
		e = vec_push(&lex->entries);
		if (!words || !e)
			return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		for (k = 0, w = 0; w < nw; w++) {
			size_t s = k;
			while (k < pn[i].len && pn[i].key[k] != ' ')
				k++;
			words[w].p = pn[i].key + s;
			words[w].n = k - s;
			k++;
		}
		memset(&m, 0, sizeof(m));
		m.kind = RASD_LEX_PLACE;
		m.line = pn[i].line;
		m.u.place.places = lists;
		m.u.place.count = (uint32_t)count;
		e->first = words[0];
		e->rest = words + 1;
		e->nrest = (uint32_t)(nw - 1);
		e->next = NO_ENTRY;
		e->m = m;
		lists += count;
		i = j;
	}
	return RASD_OK;
}

/*
 * What decides whether an entry is matched through a reading, and whether
 * it can displace another: its kind, its cue role, and the two flags the
 * filters in rasd_lex_match_at look at. Of two entries ending at one node
 * with one signature the later can never win (same length, and the first
 * of the longest is kept), so only the first is chained: a thousand copies
 * of a phrase cost what one does.
 */
static unsigned signature(const struct rasd_lex_match *m)
{
	unsigned sub = 0;

	if (m->kind == RASD_LEX_CUE)
		sub = (unsigned)m->u.cue;
	else if (m->kind == RASD_LEX_ACTOR)
		sub = (m->u.actor.flags & RASD_ACTOR_VICTIM) != 0;
	else if (m->kind == RASD_LEX_TRIGGER)
		sub = m->u.trigger.form == RASD_FORM_VERB;
	return (unsigned)m->kind | sub << 8;
}

static struct slot *add_node(struct slot *slots, size_t nslots, uint32_t parent,
			     const struct rasd_str *word)
{
	struct slot *s = find_in(slots, nslots, parent, word->p, word->n);

	if (!s->key) {
		s->key = word->p;
		s->len = (unsigned)word->n;
		s->tag = (uint32_t)(hash_step(parent, word->p, word->n) >> 32);
		s->parent = parent;
		s->head = NO_ENTRY;
	}
	return s;
}

/*
 * The trie: first words in one table, later words in another keyed by the
 * node they follow. A word that starts many place names (أبو، جبل، عين) or
 * a million phrases that share two words (منذ ب1، منذ ب2 …) then cost one
 * probe per word of the text, not a walk over the phrases.
 */
static enum rasd_status build_hash(struct rasd_lexicon *lex, struct rasd_error *err)
{
	size_t n = 16, n2 = 16, nlater = 0, i;
	struct entry *e = lex->entries.p;

	/* at most one node per word: tables at most half full */
	for (i = 0; i < lex->entries.n; i++)
		nlater += e[i].nrest;
	while (n < lex->entries.n * 2)
		n *= 2;
	while (n2 < nlater * 2)
		n2 *= 2;
	if (n + n2 >= ROOT)
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0, "too many lexicon words");
	lex->slots = calloc(n, sizeof(*lex->slots));
	lex->steps = calloc(n2, sizeof(*lex->steps));
	if (!lex->slots || !lex->steps)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	lex->nslots = n;
	lex->nsteps = n2;
	for (i = 0; i < lex->entries.n; i++) {
		struct slot *s = add_node(lex->slots, n, ROOT, &e[i].first);
		uint32_t b = FILTER_BIT(hash_step(ROOT, e[i].first.p, e[i].first.n));
		uint32_t id = (uint32_t)(s - lex->slots), *link;
		unsigned sig = signature(&e[i].m);
		size_t w;

		lex->first_filter[b / 64] |= 1ull << (b % 64);

		for (w = 0; w < e[i].nrest; w++) {
			s->children = 1;
			s = add_node(lex->steps, n2, id, &e[i].rest[w]);
			id = (uint32_t)(n + (size_t)(s - lex->steps));
		}
		/* append, keeping file order; the chain holds one per signature */
		for (link = &s->head; *link != NO_ENTRY; link = &e[*link].next)
			if (signature(&e[*link].m) == sig)
				break;
		if (*link == NO_ENTRY)
			*link = (uint32_t)i;
	}
	return RASD_OK;
}

static enum rasd_status load_words(struct rasd_lexicon *lex, struct tsv *t,
				   struct rasd_arena *scratch, struct rasd_error *err)
{
	return wordlists_load(&lex->words, t, &lex->arena, scratch, err);
}

static enum rasd_status load_page_markers(struct rasd_lexicon *lex, struct tsv *t,
					  struct rasd_arena *scratch, struct rasd_error *err)
{
	(void)scratch;
	return page_markers_load(&lex->page_markers, t, &lex->arena, err);
}

typedef enum rasd_status (*loader_fn)(struct rasd_lexicon *, struct tsv *, struct rasd_arena *,
				       struct rasd_error *);

static enum rasd_status load_file(struct rasd_lexicon *lex, const char *dir, const char *name,
				  loader_fn fn, struct rasd_arena *scratch, struct rasd_error *err)
{
	char path[4096];
	struct tsv t;
	enum rasd_status st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	st = tsv_open(&t, path, err);
	if (st != RASD_OK)
		return st;
	st = fn(lex, &t, scratch, err);
	if (st != RASD_OK && err)
		snprintf(err->file, sizeof(err->file), "%.255s", path);
	tsv_close(&t);
	return st;
}

static enum rasd_status actors_adapter(struct rasd_lexicon *lex, struct tsv *t,
				       struct rasd_arena *scratch, struct rasd_error *err)
{
	(void)scratch;
	return load_actors(lex, t, err);
}

static enum rasd_status load_place_file(struct rasd_lexicon *lex, const char *path,
					struct rasd_arena *scratch, struct vec *names,
					struct rasd_error *err)
{
	struct tsv t;
	enum rasd_status st = tsv_open(&t, path, err);

	if (st != RASD_OK)
		return st;
	st = load_places(lex, &t, scratch, names, err);
	if (st != RASD_OK && err)
		snprintf(err->file, sizeof(err->file), "%.255s", path);
	tsv_close(&t);
	return st;
}

enum rasd_status rasd_lexicon_load(const char *data_dir, const char *const *extra_places,
				   size_t n_extra, struct rasd_lexicon **out,
				   struct rasd_error *err)
{
	struct rasd_lexicon *lex;
	struct rasd_arena scratch;
	struct vec names = {NULL, 0, 0, sizeof(struct place_name)};
	enum rasd_status st;
	char path[4096];
	size_t i;

	*out = NULL;
	rasd_error_clear(err);
	if (err)
		err->file[0] = '\0';
	lex = calloc(1, sizeof(*lex));
	if (!lex)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	rasd_arena_init(&lex->arena, 0);
	rasd_arena_init(&scratch, 0);
	lex->entries.size = sizeof(struct entry);
	lex->actors.size = sizeof(struct rasd_actor);
	lex->places.size = sizeof(struct rasd_place);
	lex->words.filter = lex->head.word_filter;

	st = load_file(lex, data_dir, "triggers.tsv", load_triggers, &scratch, err);
	if (!st)
		st = load_file(lex, data_dir, "actors.tsv", actors_adapter, &scratch, err);
	if (!st)
		st = load_file(lex, data_dir, "actor_aliases.tsv", load_aliases, &scratch, err);
	if (!st)
		st = load_file(lex, data_dir, "cues.tsv", load_cues, &scratch, err);
	if (!st)
		st = load_file(lex, data_dir, "not_places.tsv", load_cues, &scratch, err);
	if (!st)
		st = load_file(lex, data_dir, "numbers.tsv", load_numbers, &scratch, err);
	if (!st)
		st = load_file(lex, data_dir, "calendar.tsv", load_calendar, &scratch, err);
	if (!st)
		st = load_file(lex, data_dir, "words.tsv", load_words, &scratch, err);
	if (!st)
		st = load_file(lex, data_dir, "page_markers.tsv", load_page_markers, &scratch, err);
	if (!st) {
		snprintf(path, sizeof(path), "%s/places.tsv", data_dir);
		st = load_place_file(lex, path, &scratch, &names, err);
	}
	for (i = 0; !st && i < n_extra; i++)
		st = load_place_file(lex, extra_places[i], &scratch, &names, err);
	if (!st)
		st = group_places(lex, &names, err);
	if (!st)
		st = build_hash(lex, err);
	free(names.p);
	rasd_arena_release(&scratch);
	if (st != RASD_OK) {
		rasd_lexicon_free(lex);
		return st;
	}
	*out = lex;
	return RASD_OK;
}

void rasd_lexicon_free(struct rasd_lexicon *lex)
{
	if (!lex)
		return;
	rasd_arena_release(&lex->arena);
	free(lex->entries.p);
	free(lex->actors.p);
	free(lex->places.p);
	free(lex->slots);
	free(lex->steps);
	wordlists_release(&lex->words);
	free(lex);
}

/* May an entry of this kind be matched through a reading with these clitics?
 * (What this looks at must be in signature().) */
static bool reading_allowed(const struct rasd_lex_match *m, unsigned clitics)
{
	switch (m->kind) {
	case RASD_LEX_PLACE:
		/* الحمورية for حمورية: see reading_allowed_place for the article */
		return !(clitics & RASD_CLITIC_PRONOUN);
	case RASD_LEX_NUMBER:
		return !(clitics & (RASD_CLITIC_ARTICLE | RASD_CLITIC_PRONOUN));
	case RASD_LEX_CALENDAR:
		return !(clitics & RASD_CLITIC_PRONOUN);
	case RASD_LEX_ACTOR:
		/* وطفلها: a victim noun may carry a possessive */
		return !(clitics & RASD_CLITIC_PRONOUN) || (m->u.actor.flags & RASD_ACTOR_VICTIM);
	case RASD_LEX_TRIGGER:
	case RASD_LEX_CUE:
	default:
		return true;
	}
}

static size_t skip_quotes(const struct rasd_doc *doc, size_t j)
{
	while (j < doc->ntokens && doc->tokens[j].kind == RASD_TOK_PUNCT &&
	       (doc->tokens[j].flags & RASD_TOKF_QUOTE))
		j++;
	return j;
}

/*
 * Follow the phrases whose first word is node `first` over the tokens after
 * i (quotation marks skipped; the second word is not punctuation): for each
 * node on the way with entries, its chain and the tokens covered from i.
 * One probe per word, however many phrases share the words. Returns how
 * many chains; fewer than MAX_PHRASE_WORDS.
 */
static size_t follow_phrases(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
			     uint32_t first, uint32_t *heads, uint32_t *lens)
{
	size_t n = 0, j = skip_quotes(doc, i + 1);
	uint32_t node = first;

	if (j >= doc->ntokens || doc->tokens[j].kind == RASD_TOK_PUNCT)
		return 0;
	for (;;) {
		const struct rasd_token *w = &doc->tokens[j];
		const struct slot *s = find_in(lex->steps, lex->nsteps, node, w->key, w->klen);

		if (!s->key)
			break;
		node = (uint32_t)(lex->nslots + (size_t)(s - lex->steps));
		j++;
		if (s->head != NO_ENTRY) {
			assert(n < MAX_PHRASE_WORDS - 1);
			heads[n] = s->head;
			lens[n] = (uint32_t)(j - i);
			n++;
		}
		if (!s->children)
			break;
		j = skip_quotes(doc, j);
		if (j >= doc->ntokens)
			break;
	}
	return n;
}

static unsigned subkind(const struct rasd_lex_match *m)
{
	if (m->kind == RASD_LEX_CUE)
		return (unsigned)m->u.cue;
	if (m->kind == RASD_LEX_TRIGGER)
		return 0;
	return 0;
}

/* Could a key-form word carry a proclitic (و ف ب ل ك ال) or an enclitic
 * pronoun (ه ا م ن at the end)? Two-byte letters are compared directly. */
static bool may_have_clitics(const char *k, size_t n)
{
	unsigned char a, b, y, z;
	if (n < 4)
		return false;
	a = (unsigned char)k[0];
	b = (unsigned char)k[1];
	y = (unsigned char)k[n - 2];
	z = (unsigned char)k[n - 1];
	/* و U+0648, ف U+0641, ل U+0644, ك U+0643, ه U+0647, م U+0645, ن U+0646: D9 8x */
	if (a == 0xD9 && (b == 0x88 || b == 0x81 || b == 0x84 || b == 0x83))
		return true;
	/* ب U+0628, ا U+0627: D8 A8 / D8 A7 */
	if (a == 0xD8 && (b == 0xA8 || b == 0xA7))
		return true;
	if (y == 0xD9 && (z == 0x87 || z == 0x85 || z == 0x86))
		return true;
	if (y == 0xD8 && z == 0xA7)
		return true;
	return false;
}

static size_t first_hits(const struct rasd_lexicon *lex, const char *key, size_t klen,
		      struct lex_hit out[RASD_MAX_CANDIDATES])
{
	char scratch[RASD_CLITIC_SCRATCH];
	struct rasd_reading r[RASD_MAX_CANDIDATES];
	size_t nr, k, n = 0;

	if (!may_have_clitics(key, klen)) {
		/* no clitic letter at either end: the word is its only reading */
		r[0].form.p = key;
		r[0].form.n = klen;
		r[0].clitics = 0;
		nr = 1;
	} else {
		nr = rasd_clitic_readings(key, klen, scratch, r);
	}
	for (k = 0; k < nr; k++) {
		const struct slot *s = find_first(lex, r[k].form.p, r[k].form.n);
		const char *end = key + klen;
		size_t pend;

		if (!s->key)
			continue;
		/* where the word (as read, after proclitics) ends in the key: a
		 * scratch copy (لل) is never a bare ه case */
		if (r[k].form.p >= key && r[k].form.p <= end)
			pend = (size_t)(end - r[k].form.p);
		else
			pend = r[k].form.n;
		out[n].slot = (uint32_t)(s - lex->slots);
		out[n].form_n = (uint16_t)r[k].form.n;
		out[n].clitics = (uint8_t)r[k].clitics;
		out[n].ta_suffix = r[k].form.n + 2 == pend;
		n++;
	}
	return n;
}

size_t rasd_lex_match_at(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
			 struct rasd_lex_match *out, size_t max)
{
	struct lex_hit own[RASD_MAX_CANDIDATES];
	const struct lex_hit *r;
	const struct rasd_token *t;
	const struct entry *entries = lex->entries.p;
	size_t nr, k, nout = 0;
	/* kinds (and cue roles) already matched through an earlier reading */
	uint32_t done_kinds = 0;
	uint32_t done_roles = 0;

	if (i >= doc->ntokens || !lex->nslots)
		return 0;
	t = &doc->tokens[i];
	if (t->kind != RASD_TOK_WORD)
		return 0;
	r = NULL;
	if (doc->lex_cache) {
		uint64_t hash = 0;
		r = lexcache_find(doc->lex_cache, lex, t->key, t->klen, &nr, &hash);
		if (!r && hash) {
			nr = first_hits(lex, t->key, t->klen, own);
			lexcache_add(doc->lex_cache, t->key, t->klen, hash, own, nr);
			r = own;
		}
	}
	if (!r) {
		nr = first_hits(lex, t->key, t->klen, own);
		r = own;
	}
	for (k = 0; k < nr; k++) {
		const struct slot *s = &lex->slots[r[k].slot];
		/* chains of entries: [0] one word, then longer phrases by length */
		uint32_t heads[MAX_PHRASE_WORDS], lens[MAX_PHRASE_WORDS];
		size_t nh = 1, h;
		uint32_t new_kinds = 0, new_roles = 0;

		heads[0] = s->head;
		lens[0] = 1;
		if (s->children)
			nh += follow_phrases(lex, doc, i, r[k].slot, heads + 1, lens + 1);
		/* The one-word entries, then the phrases in file order: the order
		 * decides ties and the order of the output. */
		for (;;) {
			const struct entry *e;
			uint32_t len;
			size_t o, from = 0;
			unsigned sk;

			if (heads[0] == NO_ENTRY)
				for (h = 1; h < nh; h++)
					if (heads[h] < heads[from])
						from = h;
			if (heads[from] == NO_ENTRY)
				break;
			e = &entries[heads[from]];
			len = lens[from];
			heads[from] = e->next;
			sk = subkind(&e->m);

			/* what decides here must be in signature() */
			if (done_kinds & (1u << e->m.kind) &&
			    (e->m.kind != RASD_LEX_CUE || done_roles & (1u << sk)))
				continue;
			if (!reading_allowed(&e->m, r[k].clitics))
				continue;
			/* a place name read without its article must be long
			 * enough not to be a common word (الحمورية -> حمورية) */
			if (e->m.kind == RASD_LEX_PLACE && (r[k].clitics & RASD_CLITIC_ARTICLE) &&
			    r[k].form_n < 10)
				continue;
			/* سيطرة is not سيطر + ه: a ة is never a pronoun; and a
			 * verb with an object pronoun is not listed by its stem */
			if ((r[k].clitics & RASD_CLITIC_PRONOUN) &&
			    (((t->flags & RASD_TOKF_TA_MARBUTA) && r[k].ta_suffix) ||
			     (e->m.kind == RASD_LEX_TRIGGER && e->m.u.trigger.form == RASD_FORM_VERB)))
				continue;
			/* Keep the longest per kind (per role for cues). */
			for (o = 0; o < nout; o++) {
				if (out[o].kind != e->m.kind)
					continue;
				if (e->m.kind == RASD_LEX_CUE && out[o].u.cue != e->m.u.cue)
					continue;
				break;
			}
			if (o < nout) {
				if (len > out[o].ntokens) {
					out[o] = e->m;
					out[o].ntokens = len;
					out[o].clitics = r[k].clitics;
				}
				continue;
			}
			if (nout >= max)
				continue;
			out[nout] = e->m;
			out[nout].ntokens = len;
			out[nout].clitics = r[k].clitics;
			nout++;
			new_kinds |= 1u << e->m.kind;
			if (e->m.kind == RASD_LEX_CUE)
				new_roles |= 1u << sk;
		}
		done_kinds |= new_kinds & ~(1u << RASD_LEX_CUE);
		done_roles |= new_roles;
		if (new_roles)
			done_kinds |= 1u << RASD_LEX_CUE;
	}
	return nout;
}

size_t rasd_lex_lookup(const struct rasd_lexicon *lex, struct rasd_arena *a, const char *phrase,
		       size_t n, struct rasd_lex_match *out, size_t max)
{
	struct rasd_doc doc;
	size_t got, k, w = 0;

	if (rasd_doc_parse(a, phrase, n, &doc) != RASD_OK || doc.ntokens == 0)
		return 0;
	got = rasd_lex_match_at(lex, &doc, 0, out, max);
	/* Only matches that cover the whole phrase. */
	for (k = 0; k < got; k++)
		if (out[k].ntokens == doc.ntokens)
			out[w++] = out[k];
	return w;
}

const struct rasd_actor *rasd_lex_actor(const struct rasd_lexicon *lex, uint32_t index)
{
	if (index >= lex->actors.n)
		return NULL;
	return (const struct rasd_actor *)lex->actors.p + index;
}

const struct rasd_actor *rasd_lex_actor_by_code(const struct rasd_lexicon *lex, const char *code,
						uint32_t *index)
{
	size_t i;
	const struct rasd_actor *a = lex->actors.p;

	for (i = 0; i < lex->actors.n; i++) {
		if (strcmp(a[i].code, code) == 0) {
			if (index)
				*index = (uint32_t)i;
			return &a[i];
		}
	}
	return NULL;
}

const struct rasd_place *rasd_lex_place(const struct rasd_lexicon *lex, uint32_t index)
{
	if (index >= lex->places.n)
		return NULL;
	return (const struct rasd_place *)lex->places.p + index;
}

size_t rasd_lex_place_count(const struct rasd_lexicon *lex)
{
	return lex->places.n;
}

size_t rasd_lex_entry_count(const struct rasd_lexicon *lex)
{
	return lex->entries.n;
}

void rasd_lex_word_lists(const struct rasd_lexicon *lex, const char *key, size_t n,
			 uint64_t out[RASD_WL_MASK_WORDS])
{
	const struct wl_slot *s = wordlists_find(&lex->words, key, n);
	size_t k;
	if (!s)
		return;
	for (k = 0; k < RASD_WL_MASK_WORDS && k < WL_MASK_WORDS; k++)
		out[k] |= s->lists[k];
}

bool rasd_lex_word_in(const struct rasd_lexicon *lex, const char *key, size_t n,
		      enum rasd_word_list list)
{
	return wordlists_has(&lex->words, key, n, list);
}

bool rasd_lex_word_value(const struct rasd_lexicon *lex, const char *key, size_t n,
			 enum rasd_word_list list, long *value)
{
	return wordlists_value(&lex->words, key, n, list, value);
}

const struct rasd_str *rasd_lex_word_list(const struct rasd_lexicon *lex, enum rasd_word_list list,
					  size_t *n)
{
	if ((unsigned)list >= RASD_WL_COUNT || !lex->words.words[list]) {
		*n = 0;
		return NULL;
	}
	*n = lex->words.nwords[list];
	return lex->words.words[list];
}

const struct rasd_page_markers *rasd_lex_page_markers(const struct rasd_lexicon *lex)
{
	return &lex->page_markers;
}
