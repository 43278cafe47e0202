/*
 * fuzz_html.c - libFuzzer target for rasd_web_extract, the reader of every
 * fetched or saved web page: charset sniffing and conversion, libxml2's
 * HTML parser, metadata and the main-text finder. The first byte picks a
 * Content-Type header (none, UTF-8, windows-1256, ISO-8859-6, a label
 * iconv does not know). Invariants: a failure is a status the reader can
 * give, with a message; a success is valid UTF-8 text, non-empty and of
 * the length it says, a title and source that are valid UTF-8, and a
 * publication day that parses.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = {NULL, "text/html; charset=utf-8",
					    "text/html; charset=windows-1256",
					    "text/html;charset=\"ISO-8859-6\"", "text/html; charset=x-bogus"};
	struct rasd_arena a;
	struct rasd_web_page page;
	struct rasd_error err;
	enum rasd_status st;
	const char *ct;

	if (size < 1)
		return 0;
	ct = types[data[0] % 5];
	rasd_arena_init(&a, 0);
	rasd_error_clear(&err);
	st = rasd_web_extract(&a, (const char *)data + 1, size - 1, ct, "https://news.example/a/1",
			      &page, &err);
	if (st != RASD_OK) {
		FUZZ_CHECK(st == RASD_EEMPTY || st == RASD_ETOOBIG || st == RASD_ESYNTAX ||
			   st == RASD_EINVAL || st == RASD_ENOMEM);
		FUZZ_CHECK(err.msg[0] != '\0');
	} else {
		FUZZ_CHECK(page.text && page.text_n > 0 && strlen(page.text) == page.text_n);
		FUZZ_CHECK(rasd_utf8_valid(page.text, page.text_n));
		FUZZ_CHECK(!page.title || (strlen(page.title) == page.title_n &&
					   rasd_utf8_valid(page.title, page.title_n)));
		FUZZ_CHECK(fuzz_valid_cstr(page.source));
		FUZZ_CHECK(fuzz_valid_cstr(page.url));
		if (page.published) {
			int32_t d;
			FUZZ_CHECK(strlen(page.published) == 10);
			FUZZ_CHECK(rasd_date_parse(page.published, 10, &d) == RASD_OK);
		}
	}
	rasd_arena_release(&a);
	return 0;
}
