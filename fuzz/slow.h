/*
 * slow.h - the judge the slow-input fuzzers of `make fuzz-slow` share
 * (issue 12): each fuzz/slow_NAME.c gives slow_init() and slow_cost(), the
 * CPU time of its parser on one input per byte, and this file turns that
 * into a libFuzzer target. The machine has no hardware instruction
 * counters, so time stands in for instructions (docs/robustness.md gives
 * callgrind's counts for the shapes found). Inputs of at least
 * SLOW_MIN_BYTES are judged against the running average per byte of those
 * judged before; one that costs more than SLOW_FACTOR times it, measured
 * twice more and taken at its cheapest, aborts, so libFuzzer keeps it as
 * fuzz/artifacts/slow_NAME-crash-*. At exit it prints the average and the
 * worst cost per byte it saw. Not part of `make test`: fuzz/run_slow.sh.
 */
#ifndef RASD_FUZZ_SLOW_H
#define RASD_FUZZ_SLOW_H

#include "fuzz.h"

#include <time.h>

#define SLOW_MIN_BYTES 16384
#define SLOW_MAX_BYTES (1u << 20)
#define SLOW_FACTOR 20.0
#define SLOW_WARMUP 20 /* judged inputs before any is called slow */

#ifndef SLOW_NAME
#error "define SLOW_NAME, the target's name, before including slow.h"
#endif
static const char slow_name[] = SLOW_NAME;

/* The target's set-up (false: abort), and the CPU ns per byte of one run
 * of its parser on the input (negative: an input refused before the
 * parser, not judged). */
static bool slow_init(void);
static double slow_cost(const uint8_t *data, size_t size);

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
			"%s: %ld input(s) of %d bytes or more judged: average %.1f ns/byte, "
			"worst %.1f ns/byte (%.1f x the average)\n",
			slow_name, slow_judged, SLOW_MIN_BYTES, slow_sum / (double)slow_judged,
			slow_worst, slow_worst / (slow_sum / (double)slow_judged));
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!slow_init())
		abort();
	atexit(slow_report);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	double per, avg;

	if (size == 0 || size > SLOW_MAX_BYTES)
		return 0;
	per = slow_cost(data, size);
	if (per < 0 || size < SLOW_MIN_BYTES)
		return 0;
	avg = slow_judged ? slow_sum / (double)slow_judged : per;
	if (slow_judged >= SLOW_WARMUP && per > SLOW_FACTOR * avg) {
		double again = slow_cost(data, size), third = slow_cost(data, size);
		if (again < per)
			per = again;
		if (third < per)
			per = third;
		if (per > SLOW_FACTOR * avg) {
			fprintf(stderr, "%s: %zu bytes cost %.1f ns/byte, %.1f x the average %.1f ns/byte\n",
				slow_name, size, per, per / avg, avg);
			abort();
		}
	}
	if (per > slow_worst)
		slow_worst = per;
	slow_sum += per;
	slow_judged++;
	return 0;
}

#endif
