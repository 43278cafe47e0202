/*
 * slow_extract.c - the slow-input fuzzer of `make fuzz-slow` (issue 12):
 * whole articles of up to 1 MB through rasd_extract with the real
 * lexicons, judged by what they cost rather than by whether they crash.
 * The cost of an input is the CPU time of its extraction per byte (this
 * machine has no hardware instruction counters, so time stands in for
 * instructions; docs/robustness.md gives callgrind's instruction counts
 * for the shapes found). Inputs of at least SLOW_MIN_BYTES are judged
 * against the running average per byte of those judged before; one that
 * costs more than SLOW_FACTOR times it, measured again twice and taken at
 * its cheapest, aborts, so libFuzzer keeps it as fuzz/artifacts/slow-*.
 * At exit it prints the average and the worst cost per byte it saw.
 * Not part of `make test`: see fuzz/run_slow.sh.
 */
#include "fuzz.h"

#include <time.h>

#define SLOW_MIN_BYTES 16384
#define SLOW_FACTOR 20.0
#define SLOW_WARMUP 20 /* judged inputs before any is called slow */

static double slow_sum, slow_worst;
static long slow_judged;

static double slow_cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void slow_report(void)
{
	if (slow_judged)
		fprintf(stderr,
			"slow_extract: %ld input(s) of %d bytes or more judged: average %.1f ns/byte, "
			"worst %.1f ns/byte (%.1f x the average)\n",
			slow_judged, SLOW_MIN_BYTES, slow_sum / (double)slow_judged, slow_worst,
			slow_worst / (slow_sum / (double)slow_judged));
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!fuzz_lexicon())
		abort();
	atexit(slow_report);
	return 0;
}

/* CPU ns per byte of coding the article once. */
static double slow_cost(const struct rasd_article *art, struct rasd_arena *a)
{
	struct rasd_extract_options xo;
	struct rasd_event *events = NULL;
	struct rasd_error err;
	size_t n = 0;
	double t0;
	enum rasd_status st;

	memset(&xo, 0, sizeof(xo));
	xo.max_article_bytes = 1u << 21;
	rasd_arena_reset(a);
	t0 = slow_cpu_ns();
	st = rasd_extract(fuzz_lexicon(), art, &xo, a, &events, &n, &err);
	(void)st; /* blank or oversized inputs cost little and are fine */
	return (slow_cpu_ns() - t0) / (double)(art->text_n ? art->text_n : 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rasd_arena a;
	struct rasd_str clean;
	struct rasd_article art;
	struct rasd_error err;
	size_t replaced;
	double per, avg;

	if (size == 0 || size > (1u << 20))
		return 0;
	rasd_arena_init(&a, 0);
	if (rasd_utf8_clean(&a, (const char *)data, size, 0, &clean, &replaced, &err) != RASD_OK) {
		rasd_arena_release(&a);
		return 0; /* NUL bytes: refused at the door */
	}
	memset(&art, 0, sizeof(art));
	art.id = "slow";
	art.text = clean.p;
	art.text_n = clean.n;
	art.published = "2018-03-05";
	{
		struct rasd_arena work;
		rasd_arena_init(&work, 0);
		per = slow_cost(&art, &work);
		if (size >= SLOW_MIN_BYTES) {
			avg = slow_judged ? slow_sum / (double)slow_judged : per;
			if (slow_judged >= SLOW_WARMUP && per > SLOW_FACTOR * avg) {
				double again = slow_cost(&art, &work), third = slow_cost(&art, &work);
				if (again < per)
					per = again;
				if (third < per)
					per = third;
				if (per > SLOW_FACTOR * avg) {
					fprintf(stderr,
						"slow_extract: %zu bytes cost %.1f ns/byte, %.1f x the "
						"average %.1f ns/byte\n",
						size, per, per / avg, avg);
					abort();
				}
			}
			if (per > slow_worst)
				slow_worst = per;
			slow_sum += per;
			slow_judged++;
		}
		rasd_arena_release(&work);
	}
	rasd_arena_release(&a);
	return 0;
}
