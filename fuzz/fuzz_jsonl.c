/*
 * fuzz_jsonl.c - libFuzzer target for the article reader of the command
 * line (src/cli/common.c, compiled into this target; its messages go to
 * /dev/null). Input: one byte of options (JSONL or text, --strict, a
 * small or the default --max-article-bytes), then the file. Invariants:
 * the reader ends, never returns more articles than the input has lines,
 * and every article it returns has an id and valid, NUL-terminated UTF-8
 * text and title, and a publication date that is YYYY-MM-DD or absent.
 */
#include <stdio.h>

#include "fuzz.h"

/* Send the reader's messages to /dev/null instead of the fuzzer's log. */
static FILE *jsonl_sink(void)
{
	static FILE *sink;
	if (!sink)
		sink = fopen("/dev/null", "w");
	return sink;
}
#undef stderr
#define stderr jsonl_sink()
#include "../src/cli/common.c"
#undef stderr
#define stderr stderr

static void jsonl_check_article(const struct rasd_article *art)
{
	int32_t days;

	FUZZ_CHECK(art->id != NULL && fuzz_valid_cstr(art->id));
	FUZZ_CHECK(art->text != NULL && art->text[art->text_n] == '\0');
	FUZZ_CHECK(rasd_utf8_valid(art->text, art->text_n));
	if (art->title) {
		FUZZ_CHECK(art->title[art->title_n] == '\0');
		FUZZ_CHECK(rasd_utf8_valid(art->title, art->title_n));
	}
	if (art->published) {
		FUZZ_CHECK(strlen(art->published) == 10);
		FUZZ_CHECK(rasd_date_parse(art->published, 10, &days) == RASD_OK);
	}
	FUZZ_CHECK(fuzz_valid_cstr(art->source) && fuzz_valid_cstr(art->url));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cli_common opt;
	struct cli_reader r;
	struct rasd_arena a;
	struct rasd_article art;
	size_t lines = 1, i, articles = 0, calls = 0;
	int got;

	if (size < 1)
		return 0;
	cli_common_init(&opt);
	opt.input_format = data[0] & 1 ? "text" : "jsonl";
	opt.strict = (data[0] & 2) != 0;
	if (data[0] & 4)
		opt.max_article_bytes = 1 + (size_t)(data[0] >> 3) * 16;
	if (data[0] & 0x80)
		opt.published = "2021-11-15";
	data++;
	size--;
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';

	rasd_arena_init(&a, 0);
	memset(&r, 0, sizeof(r));
	r.opt = &opt;
	r.path = "fuzz.jsonl";
	r.arena = &a;
	r.jsonl = data[-1] & 1 ? false : true;
	/* fmemopen of zero bytes is not portable: an empty file instead */
	r.f = size ? fmemopen((void *)data, size, "rb") : fopen("/dev/null", "rb");
	if (!r.f)
		goto out;
	while ((got = cli_reader_next(&r, &art)) != 0) {
		FUZZ_CHECK(got == 1 || got == -1);
		FUZZ_CHECK(++calls <= lines + 1);
		if (got == 1) {
			jsonl_check_article(&art);
			articles++;
		}
	}
	FUZZ_CHECK(articles <= lines);
	FUZZ_CHECK(r.errors >= 0 && (size_t)r.errors <= lines);
out:
	cli_reader_close(&r);
	rasd_arena_release(&a);
	return 0;
}
