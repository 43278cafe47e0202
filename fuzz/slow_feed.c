/*
 * slow_feed.c - the slow-input fuzzer of `make fuzz-slow` for news feeds
 * (issue 12): up to 1 MB of bytes through rasd_feed_parse (RSS 2.0, Atom,
 * RSS 1.0 through libxml2, with the bare-& repair and the entity refusal)
 * and rasd_url_canonical on every link, judged by their CPU time per byte
 * (slow.h).
 */
#define SLOW_NAME "slow_feed"
#include "slow.h"

static bool slow_init(void)
{
	return true;
}

static double slow_cost(const uint8_t *data, size_t size)
{
	struct rasd_arena a;
	struct rasd_feed feed;
	struct rasd_error err;
	double t0, per;
	size_t i;

	rasd_arena_init(&a, 0);
	rasd_error_clear(&err);
	t0 = slow_cpu_ns();
	if (rasd_feed_parse(&a, (const char *)data, size, "https://news.example/rss/", &feed,
			    &err) == RASD_OK) {
		for (i = 0; i < feed.nitems; i++) {
			struct rasd_buf c;
			rasd_buf_init(&c, 0);
			if (feed.items[i].link && rasd_url_canonical(&c, feed.items[i].link) != RASD_OK)
				c.n = 0; /* not http(s): nothing to compare */
			rasd_buf_release(&c);
		}
	}
	per = (slow_cpu_ns() - t0) / (double)size;
	rasd_arena_release(&a);
	return per;
}
