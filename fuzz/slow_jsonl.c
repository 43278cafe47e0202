/*
 * slow_jsonl.c - the slow-input fuzzer of `make fuzz-slow` for the article
 * reader of the command line (issue 12): up to 1 MB of a JSONL file read to
 * its end through cli_reader_next (src/cli/common.c, compiled in, its
 * messages sent to /dev/null, as in fuzz_jsonl.c): lines, JSON, UTF-8 at
 * the door, ids and dates, judged by its CPU time per byte (slow.h).
 */
#include <stdio.h>

#define SLOW_NAME "slow_jsonl"
#include "slow.h"

static FILE *slow_jsonl_sink(void)
{
	static FILE *sink;
	if (!sink)
		sink = fopen("/dev/null", "w");
	return sink;
}
#undef stderr
#define stderr slow_jsonl_sink()
#include "../src/cli/common.c"
#undef stderr
#define stderr stderr

static bool slow_init(void)
{
	return slow_jsonl_sink() != NULL;
}

static double slow_cost(const uint8_t *data, size_t size)
{
	struct cli_common opt;
	struct cli_reader r;
	struct rasd_arena a;
	struct rasd_article art;
	double t0, per = -1;

	cli_common_init(&opt);
	opt.input_format = "jsonl";
	rasd_arena_init(&a, 0);
	memset(&r, 0, sizeof(r));
	r.opt = &opt;
	r.path = "slow.jsonl";
	r.arena = &a;
	r.jsonl = true;
	r.f = fmemopen((void *)data, size, "rb");
	if (r.f) {
		t0 = slow_cpu_ns();
		while (cli_reader_next(&r, &art) != 0)
			;
		per = (slow_cpu_ns() - t0) / (double)size;
	}
	cli_reader_close(&r);
	rasd_arena_release(&a);
	return per;
}
