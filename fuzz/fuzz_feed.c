/*
 * fuzz_feed.c - libFuzzer target for rasd_feed_parse (RSS 2.0, Atom 1.0,
 * RSS 1.0/RDF through libxml2) and rasd_url_canonical on every link it
 * gives. Invariants: a failure is a status the parser can give, with a
 * message; a success has a kind, at most RASD_FEED_MAX_ITEMS items, each
 * with a link, strings that are valid UTF-8 and days that parse; a
 * canonical URL is canonical again unchanged.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rasd_arena a;
	struct rasd_feed feed;
	struct rasd_error err;
	enum rasd_status st;
	size_t i;

	rasd_arena_init(&a, 0);
	rasd_error_clear(&err);
	st = rasd_feed_parse(&a, (const char *)data, size, "https://news.example/rss/", &feed, &err);
	if (st != RASD_OK) {
		FUZZ_CHECK(st == RASD_ESYNTAX || st == RASD_EINVAL || st == RASD_ETOOBIG ||
			   st == RASD_ENOMEM);
		FUZZ_CHECK(err.msg[0] != '\0');
		goto out;
	}
	FUZZ_CHECK(feed.kind != NULL);
	FUZZ_CHECK(feed.nitems <= RASD_FEED_MAX_ITEMS);
	FUZZ_CHECK(fuzz_valid_cstr(feed.title));
	for (i = 0; i < feed.nitems; i++) {
		const struct rasd_feed_item *it = &feed.items[i];
		struct rasd_buf c1, c2;

		FUZZ_CHECK(it->link && fuzz_valid_cstr(it->link));
		FUZZ_CHECK(fuzz_valid_cstr(it->guid) && fuzz_valid_cstr(it->title) &&
			   fuzz_valid_cstr(it->summary));
		if (it->published) {
			int32_t d;
			FUZZ_CHECK(rasd_date_parse(it->published, strlen(it->published), &d) ==
				   RASD_OK);
		}
		rasd_buf_init(&c1, 0);
		rasd_buf_init(&c2, 0);
		if (rasd_url_canonical(&c1, it->link) == RASD_OK) {
			FUZZ_CHECK(rasd_url_canonical(&c2, c1.p) == RASD_OK);
			FUZZ_CHECK(c1.n == c2.n && memcmp(c1.p, c2.p, c1.n) == 0);
		}
		rasd_buf_release(&c1);
		rasd_buf_release(&c2);
	}
out:
	rasd_arena_release(&a);
	return 0;
}
