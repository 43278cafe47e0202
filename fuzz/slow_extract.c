/*
 * slow_extract.c - the slow-input fuzzer of `make fuzz-slow` for the
 * extractor (issue 12): whole articles of up to 1 MB through rasd_extract
 * with the real lexicons, judged by what they cost per byte rather than by
 * whether they crash (slow.h). The text is cleaned at the door first, as
 * the command line does, outside the time measured; the arena is one for
 * the whole run, reset for each article as a batch does, so the kernel's
 * time to fault in fresh memory is not counted as the coder's.
 */
#define SLOW_NAME "slow_extract"
#include "slow.h"

static struct rasd_arena slow_work;

static bool slow_init(void)
{
	rasd_arena_init(&slow_work, 0);
	return fuzz_lexicon() != NULL;
}

static double slow_cost(const uint8_t *data, size_t size)
{
	struct rasd_arena a;
	struct rasd_str clean;
	struct rasd_article art;
	struct rasd_extract_options xo;
	struct rasd_event *events = NULL;
	struct rasd_error err;
	size_t replaced, n = 0;
	double t0, per = -1;
	enum rasd_status st;

	rasd_arena_init(&a, 0);
	rasd_arena_reset(&slow_work);
	if (rasd_utf8_clean(&a, (const char *)data, size, 0, &clean, &replaced, &err) != RASD_OK)
		goto out; /* NUL bytes: refused at the door */
	memset(&art, 0, sizeof(art));
	art.id = "slow";
	art.text = clean.p;
	art.text_n = clean.n;
	art.published = "2018-03-05";
	memset(&xo, 0, sizeof(xo));
	xo.max_article_bytes = 1u << 21;
	t0 = slow_cpu_ns();
	st = rasd_extract(fuzz_lexicon(), &art, &xo, &slow_work, &events, &n, &err);
	(void)st; /* blank or oversized inputs cost little and are fine */
	per = (slow_cpu_ns() - t0) / (double)(art.text_n ? art.text_n : 1);
out:
	rasd_arena_release(&a);
	return per;
}
