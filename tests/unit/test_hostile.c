/*
 * test_hostile.c - replays every file of fuzz/seeds/NAME/ and
 * fuzz/regressions/NAME/ through the libFuzzer target fuzz/fuzz_NAME.c,
 * compiled in here with the normal compiler (and the sanitizers under
 * `make test SAN=...`), so each crash the fuzzers ever found stays fixed
 * without clang. A broken invariant aborts with the condition and the
 * file being replayed. Runs from the project root, like every test.
 */
#include "harness.h"

#include <dirent.h>
#include <stdlib.h>

#define LLVMFuzzerTestOneInput fuzz_norm_one
#include "../../fuzz/fuzz_norm.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_doc_one
#include "../../fuzz/fuzz_doc.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_json_one
#include "../../fuzz/fuzz_json.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_jsonl_one
#include "../../fuzz/fuzz_jsonl.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_lexicon_one
#include "../../fuzz/fuzz_lexicon.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_numdate_one
#define LLVMFuzzerInitialize fuzz_numdate_init
#include "../../fuzz/fuzz_numdate.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize

#define LLVMFuzzerTestOneInput fuzz_extract_one
#define LLVMFuzzerInitialize fuzz_extract_init
#include "../../fuzz/fuzz_extract.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay every regular file of dir (sorted, for stable output); returns
 * how many there were. */
static size_t replay_dir(const char *dir, fuzz_fn fn)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn;
			cap = cap ? cap * 2 : 64;
			nn = realloc(names, cap * sizeof(*names));
			if (!nn)
				abort();
			names = nn;
		}
		{
			size_t len = strlen(dir) + strlen(de->d_name) + 2;
			names[n] = malloc(len);
			if (!names[n])
				abort();
			snprintf(names[n], len, "%s/%s", dir, de->d_name);
			n++;
		}
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		FILE *f = fopen(names[i], "rb");
		struct rasd_buf b;
		char chunk[65536];
		size_t got;

		CHECK(f != NULL);
		if (!f)
			continue;
		rasd_buf_init(&b, 64u * 1024u * 1024u);
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			if (rasd_buf_append(&b, chunk, got) != RASD_OK)
				abort();
		fclose(f);
		/* what a crash report names, should the target abort */
		fprintf(stderr, "replay %s\n", names[i]);
		/* an exact-size heap copy, so reads past the end are caught */
		{
			uint8_t *copy = malloc(b.n ? b.n : 1);
			if (!copy)
				abort();
			memcpy(copy, b.p, b.n);
			CHECK_INT(fn(copy, b.n), 0);
			free(copy);
		}
		rasd_buf_release(&b);
		free(names[i]);
	}
	free(names);
	return n;
}

static void replay(const char *name, fuzz_fn fn)
{
	char dir[256];
	size_t n;

	snprintf(dir, sizeof(dir), "fuzz/seeds/%s", name);
	n = replay_dir(dir, fn);
	snprintf(dir, sizeof(dir), "fuzz/regressions/%s", name);
	n += replay_dir(dir, fn);
	/* a missing seed directory would make this test pass vacuously */
	CHECK(n > 0);
}

TEST(norm)
{
	replay("norm", fuzz_norm_one);
}

TEST(doc)
{
	replay("doc", fuzz_doc_one);
}

TEST(json)
{
	replay("json", fuzz_json_one);
}

TEST(jsonl)
{
	replay("jsonl", fuzz_jsonl_one);
}

TEST(lexicon)
{
	replay("lexicon", fuzz_lexicon_one);
}

TEST(numdate)
{
	CHECK(fuzz_lexicon() != NULL);
	if (fuzz_lexicon())
		replay("numdate", fuzz_numdate_one);
}

TEST(extract)
{
	CHECK(fuzz_lexicon() != NULL);
	if (fuzz_lexicon())
		replay("extract", fuzz_extract_one);
}

/* Inputs no seed holds: sizes at and around the caps. */
TEST(caps)
{
	struct rasd_arena a;
	struct rasd_doc doc;
	struct rasd_json *v;
	struct rasd_error err;
	char *p;
	size_t n = 200000, i;

	rasd_arena_init(&a, 0);
	/* 64 nested arrays parse, 65 are refused by the cap, not the stack */
	p = malloc(2 * n + 2);
	if (!p)
		abort();
	for (i = 0; i < 64; i++) {
		p[i] = '[';
		p[64 + i] = ']';
	}
	CHECK_INT(rasd_json_parse(&a, p, 128, &v, &err), RASD_OK);
	for (i = 0; i < n; i++) {
		p[i] = '[';
		p[n + i] = ']';
	}
	CHECK_INT(rasd_json_parse(&a, p, 2 * n, &v, &err), RASD_ETOOBIG);
	CHECK(err.column >= 65 && err.column <= 66); /* at or just after the 65th '[' */
	/* a word longer than RASD_MAX_TOKEN_BYTES is cut into pieces */
	memset(p, 'a', n);
	CHECK_INT(rasd_doc_parse(&a, p, n, &doc), RASD_OK);
	CHECK(doc.ntokens >= n / RASD_MAX_TOKEN_BYTES);
	for (i = 0; i < doc.ntokens; i++)
		CHECK(doc.tokens[i].klen <= RASD_MAX_TOKEN_BYTES);
	/* a run of sentence marks is one token each, in sentences of at most
	 * RASD_MAX_SENTENCE_TOKENS */
	memset(p, '!', n);
	CHECK_INT(rasd_doc_parse(&a, p, n, &doc), RASD_OK);
	CHECK_INT(doc.ntokens, n);
	for (i = 0; i < doc.nsentences; i++)
		CHECK(doc.sentences[i].tok_end - doc.sentences[i].tok_begin <=
		      RASD_MAX_SENTENCE_TOKENS);
	free(p);
	rasd_arena_release(&a);
}

RUN_TESTS(T(norm), T(doc), T(json), T(jsonl), T(lexicon), T(numdate), T(extract), T(caps))
