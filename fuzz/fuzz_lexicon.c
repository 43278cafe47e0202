/*
 * fuzz_lexicon.c - libFuzzer target for the lexicon loader (TSV reading,
 * per-file validation, phrase normalization, place grouping, hashing) and
 * for matching with whatever it accepted. For each input a scratch
 * directory gets a small valid copy of every lexicon file (and of any
 * other data/NAME.tsv); the first input byte picks the file the rest of the
 * input replaces (0-6: triggers, actors, actor_aliases, cues, numbers,
 * calendar, places; 8 and up: the other files, sorted) or makes the input
 * an extra places file (7). Invariants: a failure is reported with its
 * status, a message, the file and (for a syntax error) a line; a success
 * yields valid UTF-8 strings, in-range places and actor codes, and matches
 * over the input's own text stay inside the document.
 */
#include "fuzz.h"

#include <dirent.h>

/* The files rasd_lexicon_load reads, in load order, then an extra places
 * file; any other data/NAME.tsv (a lexicon added later) is copied as it is
 * and can be picked too, after these. */
static const char *const lexicon_known[] = {"triggers.tsv", "actors.tsv",   "actor_aliases.tsv",
					    "cues.tsv",     "numbers.tsv",  "calendar.tsv",
					    "places.tsv",   "extra.tsv"};

static const char *const lexicon_known_base[] = {
	"# triggers\nهجوم\tattack\tnoun\nهجمات\tattack\tplural\nقصف\tshelling\tnoun\n"
	"قصف جوي\tairstrike\tnoun\nاغتال\tkill\tverb\n",
	"ISIS\t2\t-\tIslamic State\tداعش\nSDF\t2\tSY\tSDF\tقسد\nCIV\t7\t-\tCivilians\tمدنيون\n",
	"داعش\tISIS\t-\nتنظيم الدولة الإسلامية\tISIS\t-\nالتنظيم\tISIS\tanaphor\nقسد\tSDF\t-\n"
	"مدني\tCIV\tvictim\n",
	"بلدة\tplace-settlement\nريف\tplace-rural\nالغربي\tdirection\nقتيل\tdeath\n"
	"منذ مطلع\tstatistic\n",
	"ثلاثة\t3\tunit\nخمسة\t5\tunit\nعشرين\t20\tten\nعشرات\t12\tvague\nآلاف\t1000\tthousand\n"
	"مئة\t100\thundred\nقتيلين\t2\tdual\n",
	"نوفمبر\tmonth\t11\nتشرين الثاني\tmonth\t11\nأمس\tday-offset\t-1\n"
	"الشهر الماضي\tperiod\tmonth:-1\nمطلع\tmonth-part\tearly\nرمضان\thijri-month\t9\n",
	"p1\tدير الزور\tديرالزور\tDeir ez-Zor\tadmin1\tSY\tدير الزور\t\tSY09\t35.3\t40.1\t1000\n"
	"p2\tدير الزور\t\tDeir ez-Zor\tcity\tSY\tدير الزور\tدير الزور\t\t35.33\t40.14\t200000\n"
	"p4\tبيروت\t\tBeirut\tcity\tLB\tبيروت\t\t\t33.89\t35.5\t1000000\n",
	""};

#define LEXICON_NKNOWN (sizeof(lexicon_known) / sizeof(lexicon_known[0]))
#define LEXICON_MAX 32

static char lexicon_names[LEXICON_MAX][256];
static char *lexicon_base[LEXICON_MAX]; /* heap copies, kept for the process */
static size_t lexicon_base_n[LEXICON_MAX];
static size_t lexicon_nfiles;

static char lexicon_dir[64];

static bool lexicon_write(const char *name, const void *p, size_t n)
{
	char path[400];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "%s/%.255s", lexicon_dir, name);
	f = fopen(path, "wb");
	if (!f)
		return false;
	ok = fwrite(p, 1, n, f) == n;
	return fclose(f) == 0 && ok;
}

static void lexicon_cleanup(void)
{
	char path[400];
	size_t i;

	for (i = 0; i < lexicon_nfiles; i++) {
		snprintf(path, sizeof(path), "%s/%.255s", lexicon_dir, lexicon_names[i]);
		unlink(path);
	}
	rmdir(lexicon_dir);
}

static bool lexicon_add(const char *name, const char *p, size_t n)
{
	if (lexicon_nfiles == LEXICON_MAX || strlen(name) >= sizeof(lexicon_names[0]))
		return false;
	lexicon_base[lexicon_nfiles] = malloc(n + 1);
	if (!lexicon_base[lexicon_nfiles])
		return false;
	memcpy(lexicon_base[lexicon_nfiles], p, n);
	lexicon_base_n[lexicon_nfiles] = n;
	snprintf(lexicon_names[lexicon_nfiles], sizeof(lexicon_names[0]), "%s", name);
	lexicon_nfiles++;
	return true;
}

static int lexicon_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Copy every data/NAME.tsv that is not one of the known files. */
static bool lexicon_add_others(void)
{
	const char *data = fuzz_data_dir();
	DIR *d = data ? opendir(data) : NULL;
	struct dirent *de;
	char *found[LEXICON_MAX];
	size_t nfound = 0, i, k;
	bool ok = true;

	if (!d)
		return true;
	while ((de = readdir(d)) != NULL && nfound < LEXICON_MAX) {
		size_t len = strlen(de->d_name);
		bool known = false;
		if (len < 5 || strcmp(de->d_name + len - 4, ".tsv") != 0)
			continue;
		for (k = 0; k < LEXICON_NKNOWN; k++)
			known |= strcmp(de->d_name, lexicon_known[k]) == 0;
		if (known)
			continue;
		found[nfound] = strdup(de->d_name);
		if (found[nfound])
			nfound++;
	}
	closedir(d);
	qsort(found, nfound, sizeof(found[0]), lexicon_cmp);
	for (i = 0; i < nfound; i++) {
		char path[4400];
		struct rasd_buf b;
		char chunk[65536];
		size_t got;
		FILE *f;

		snprintf(path, sizeof(path), "%.4000s/%s", data, found[i]);
		f = fopen(path, "rb");
		rasd_buf_init(&b, 64u * 1024u * 1024u);
		while (f && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			ok = ok && rasd_buf_append(&b, chunk, got) == RASD_OK;
		if (f)
			fclose(f);
		ok = ok && f && lexicon_add(found[i], b.p, b.n);
		rasd_buf_release(&b);
		free(found[i]);
	}
	return ok;
}

/* The base contents, read once per process. */
static bool lexicon_setup(void)
{
	static int state; /* 0 not yet, 1 ready, -1 failed */
	size_t i;

	if (state)
		return state > 0;
	state = -1;
	for (i = 0; i < LEXICON_NKNOWN; i++)
		if (!lexicon_add(lexicon_known[i], lexicon_known_base[i],
				 strlen(lexicon_known_base[i])))
			return false;
	if (!lexicon_add_others())
		return false;
	state = 1;
	return true;
}

/* A scratch directory for one input (libFuzzer may end the process without
 * running atexit handlers, so nothing is left for the end): every base
 * file but `which`, which gets p[0..n). */
static bool lexicon_make_dir(size_t which, const void *p, size_t n)
{
	struct stat st;
	const char *base = stat("/dev/shm", &st) == 0 ? "/dev/shm" : "/tmp";
	size_t i;

	snprintf(lexicon_dir, sizeof(lexicon_dir), "%s/rasd-fuzz-lex-XXXXXX", base);
	if (!mkdtemp(lexicon_dir))
		return false;
	for (i = 0; i < lexicon_nfiles; i++) {
		bool ok = i == which ? lexicon_write(lexicon_names[i], p, n)
				     : lexicon_write(lexicon_names[i], lexicon_base[i],
						     lexicon_base_n[i]);
		if (!ok) {
			lexicon_cleanup();
			return false;
		}
	}
	return true;
}

static void lexicon_check_loaded(const struct rasd_lexicon *lex, const char *text, size_t n)
{
	struct rasd_arena a;
	struct rasd_str clean;
	struct rasd_error err;
	struct rasd_doc doc;
	struct rasd_lex_match m[16];
	size_t i, k, replaced;
	const struct rasd_actor *act;

	for (i = 0; (act = rasd_lex_actor(lex, (uint32_t)i)) != NULL; i++) {
		const char *c;
		FUZZ_CHECK(act->code[0] && act->inter >= 1 && act->inter <= 8);
		for (c = act->code; *c; c++)
			FUZZ_CHECK((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
				   *c == '-' || *c == '_');
		FUZZ_CHECK(fuzz_valid_cstr(act->name_en) && fuzz_valid_cstr(act->name_ar) &&
			   fuzz_valid_cstr(act->country));
	}
	for (i = 0; i < rasd_lex_place_count(lex); i++) {
		const struct rasd_place *p = rasd_lex_place(lex, (uint32_t)i);
		FUZZ_CHECK(p && p->id[0] && p->name[0]);
		FUZZ_CHECK(fuzz_valid_cstr(p->name) && fuzz_valid_cstr(p->name_en) &&
			   fuzz_valid_cstr(p->admin1) && fuzz_valid_cstr(p->admin2) &&
			   fuzz_valid_cstr(p->pcode) && fuzz_valid_cstr(p->id));
		FUZZ_CHECK(strlen(p->country) == 2);
		FUZZ_CHECK(p->lat >= -90 && p->lat <= 90 && p->lon >= -180 && p->lon <= 180);
		FUZZ_CHECK(p->population >= 0 && rasd_place_kind_name(p->kind)[0]);
	}
	/* match the lexicon against its own text */
	rasd_arena_init(&a, 0);
	if (rasd_utf8_clean(&a, text, n, 0, &clean, &replaced, &err) == RASD_OK &&
	    rasd_doc_parse(&a, clean.p, clean.n, &doc) == RASD_OK) {
		for (i = 0; i < doc.ntokens; i++) {
			size_t got = rasd_lex_match_at(lex, &doc, i, m, 16);
			FUZZ_CHECK(got <= 16);
			for (k = 0; k < got; k++) {
				FUZZ_CHECK(m[k].kind >= RASD_LEX_TRIGGER && m[k].kind < RASD_LEX_KINDS);
				FUZZ_CHECK(m[k].ntokens >= 1 && m[k].ntokens <= doc.ntokens - i);
				if (m[k].kind == RASD_LEX_PLACE) {
					uint32_t c;
					FUZZ_CHECK(m[k].u.place.count >= 1);
					for (c = 0; c < m[k].u.place.count; c++)
						FUZZ_CHECK(m[k].u.place.places[c] <
							   rasd_lex_place_count(lex));
				}
				if (m[k].kind == RASD_LEX_ACTOR)
					FUZZ_CHECK(rasd_lex_actor(lex, m[k].u.actor.actor) != NULL);
			}
		}
		/* the first line as a phrase */
		for (k = 0; k < clean.n && clean.p[k] != '\n' && clean.p[k] != '\t'; k++)
			;
		FUZZ_CHECK(rasd_lex_lookup(lex, &a, clean.p, k, m, 16) <= 16);
	}
	rasd_arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rasd_lexicon *lex = NULL;
	struct rasd_error err;
	const char *name, *extra[1];
	char extra_path[400];
	size_t which, n_extra = 0;
	enum rasd_status st;

	if (size < 1 || !lexicon_setup())
		return 0;
	which = data[0] % lexicon_nfiles;
	name = lexicon_names[which];
	if (!lexicon_make_dir(which, data + 1, size - 1))
		return 0;
	if (which == LEXICON_NKNOWN - 1) {
		snprintf(extra_path, sizeof(extra_path), "%s/%.255s", lexicon_dir, name);
		extra[0] = extra_path;
		n_extra = 1;
	}
	st = rasd_lexicon_load(lexicon_dir, extra, n_extra, &lex, &err);
	if (st != RASD_OK) {
		FUZZ_CHECK(lex == NULL);
		FUZZ_CHECK(st == RASD_ESYNTAX || st == RASD_ETOOBIG);
		FUZZ_CHECK(err.status == st && err.msg[0]);
		/* the file named is ours (a fuzzed actors.tsv can break the
		 * aliases that follow it) */
		FUZZ_CHECK(strncmp(err.file, lexicon_dir, strlen(lexicon_dir)) == 0);
		if (st == RASD_ESYNTAX)
			FUZZ_CHECK(err.line >= 1);
	} else {
		FUZZ_CHECK(lex != NULL);
		lexicon_check_loaded(lex, (const char *)data + 1, size - 1);
		rasd_lexicon_free(lex);
	}
	lexicon_cleanup();
	return 0;
}
