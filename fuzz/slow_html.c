/*
 * slow_html.c - the slow-input fuzzer of `make fuzz-slow` for web pages
 * (issue 12): up to 1 MB of bytes through rasd_web_extract (charset
 * sniffing and conversion, libxml2's HTML parser, metadata, the main-text
 * finder), judged by its CPU time per byte (slow.h). The first byte picks
 * a Content-Type header, as in fuzz_html.c.
 */
#define SLOW_NAME "slow_html"
#include "slow.h"

static bool slow_init(void)
{
	return true;
}

static double slow_cost(const uint8_t *data, size_t size)
{
	static const char *const types[] = {NULL, "text/html; charset=utf-8",
					    "text/html; charset=windows-1256",
					    "text/html;charset=\"ISO-8859-6\""};
	struct rasd_arena a;
	struct rasd_web_page page;
	struct rasd_error err;
	double t0, per;
	enum rasd_status st;

	if (size < 2)
		return -1;
	rasd_arena_init(&a, 0);
	rasd_error_clear(&err);
	t0 = slow_cpu_ns();
	st = rasd_web_extract(&a, (const char *)data + 1, size - 1, types[data[0] % 4],
			      "https://news.example/a/1", &page, &err);
	(void)st; /* a page with no text is an answer too */
	per = (slow_cpu_ns() - t0) / (double)(size - 1);
	rasd_arena_release(&a);
	return per;
}
