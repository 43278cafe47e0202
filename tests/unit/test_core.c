/* test_core.c - arena, buffers, UTF-8, JSON and calendar arithmetic. */
#include "harness.h"

#include <stdlib.h>

TEST(arena_grows_and_resets)
{
	struct rasd_arena a;
	size_t i;
	char *p = NULL;

	rasd_arena_init(&a, 0);
	for (i = 0; i < 10000; i++)
		p = rasd_arena_alloc(&a, 100);
	CHECK(p != NULL);
	CHECK(((uintptr_t)p & 15) == 0);
	rasd_arena_reset(&a);
	CHECK(a.used == 0);
	CHECK(rasd_arena_alloc(&a, 1 << 20) != NULL);
	rasd_arena_release(&a);

	rasd_arena_init(&a, 1000);
	CHECK(rasd_arena_alloc(&a, 2000) == NULL);
	CHECK(rasd_arena_alloc(&a, 500) != NULL);
	CHECK(rasd_arena_calloc(&a, SIZE_MAX / 2, 4) == NULL);
	rasd_arena_release(&a);
}

TEST(arena_array_grows)
{
	struct rasd_arena a;
	long long *v = NULL, *first;
	size_t n, cap = 0;
	bool ok = true;

	rasd_arena_init(&a, 0);
	for (n = 0; n < 1000; n++) {
		long long *nv = rasd_arena_grow(&a, v, n, &cap, sizeof(*v), 4);
		if (!nv || cap <= n || (n && nv != v && cap != 2 * n)) {
			ok = false;
			break;
		}
		v = nv;
		if (v[n] != 0) /* the new room is zero-filled */
			ok = false;
		v[n] = (long long)n * 7;
	}
	CHECK(ok);
	CHECK(cap == 1024);
	for (n = 0; n < 1000 && v[n] == (long long)n * 7; n++)
		;
	CHECK(n == 1000); /* every element came along */
	first = v;
	CHECK(rasd_arena_grow(&a, v, 999, &cap, sizeof(*v), 4) == first); /* room left: same array */
	rasd_arena_release(&a);

	rasd_arena_init(&a, 1000);
	cap = 0;
	v = rasd_arena_grow(&a, NULL, 0, &cap, sizeof(*v), 8);
	CHECK(v != NULL && cap == 8);
	CHECK(rasd_arena_grow(&a, v, 8, &cap, 200, 8) == NULL); /* over the arena's cap */
	CHECK(cap == 8);
	cap = SIZE_MAX / 2 + 1;
	CHECK(rasd_arena_grow(&a, v, cap, &cap, 1, 8) == NULL); /* the room would overflow */
	rasd_arena_release(&a);
}

TEST(buf_caps_and_escapes)
{
	struct rasd_buf b;

	rasd_buf_init(&b, 16);
	CHECK(b.p != NULL && b.p[0] == '\0');
	CHECK_INT(rasd_buf_puts(&b, "0123456789"), RASD_OK);
	CHECK_INT(rasd_buf_puts(&b, "0123456789"), RASD_ETOOBIG);
	CHECK_STR(b.p, "0123456789");
	rasd_buf_release(&b);

	rasd_buf_init(&b, 0);
	CHECK_INT(rasd_buf_json_str(&b, "a\"b\\\n\x01", 6), RASD_OK);
	CHECK_STR(b.p, "\"a\\\"b\\\\\\n\\u0001\"");
	rasd_buf_reset(&b);
	CHECK_INT(rasd_buf_csv_field(&b, "x,\"y\"", 5), RASD_OK);
	CHECK_STR(b.p, "\"x,\"\"y\"\"\"");
	rasd_buf_release(&b);
}

TEST(utf8_decode_rejects_bad_forms)
{
	uint32_t cp;
	char enc[4];

	CHECK_INT(rasd_utf8_decode("\xd8\xa7", 2, &cp), 2);
	CHECK_INT(cp, 0x0627);
	CHECK_INT(rasd_utf8_decode("\xc0\xaf", 2, &cp), 0);         /* overlong */
	CHECK_INT(rasd_utf8_decode("\xed\xa0\x80", 3, &cp), 0);     /* surrogate */
	CHECK_INT(rasd_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
	CHECK_INT(rasd_utf8_decode("\xe2\x82", 2, &cp), 0);         /* truncated */
	CHECK_INT(rasd_utf8_encode(0x1F600, enc), 4);
	CHECK(rasd_utf8_valid("abc", 3));
	CHECK(!rasd_utf8_valid("a\0c", 3));
}

TEST(utf8_clean_replaces_or_fails)
{
	struct rasd_arena a;
	struct rasd_str out;
	struct rasd_error err;
	size_t rep;

	rasd_arena_init(&a, 0);
	CHECK_INT(rasd_utf8_clean(&a, "a\xff" "b", 3, 0, &out, &rep, &err), RASD_OK);
	CHECK_INT(rep, 1);
	CHECK_STR(out.p, "a\xef\xbf\xbd" "b");
	CHECK_INT(rasd_utf8_clean(&a, "a\xff" "b", 3, RASD_UTF8_STRICT, &out, &rep, &err),
		  RASD_EUTF8);
	CHECK_INT(err.column, 2);
	CHECK_INT(rasd_utf8_clean(&a, "a\0b", 3, 0, &out, &rep, &err), RASD_EUTF8);
	rasd_arena_release(&a);
}

TEST(json_parses_and_rejects)
{
	struct rasd_arena a;
	struct rasd_json *v;
	struct rasd_error err;
	const char *s;
	size_t len;
	char deep[200];
	int i;

	rasd_arena_init(&a, 0);
	s = "{\"id\":\"x1\",\"text\":\"\\u0642\\u0633\\u062f \\ud83d\\ude00\",\"n\":-1.5e2,"
	    "\"a\":[1,[2],{}],\"t\":true,\"z\":null}";
	CHECK_INT(rasd_json_parse(&a, s, strlen(s), &v, &err), RASD_OK);
	CHECK_STR(rasd_json_get_str(v, "id", NULL), "x1");
	CHECK_STR(rasd_json_get_str(v, "text", &len), "قسد \xf0\x9f\x98\x80");
	CHECK(rasd_json_get(v, "n")->number == -150.0);
	CHECK_INT(rasd_json_get(v, "a")->count, 3);
	CHECK(rasd_json_get_str(v, "t", NULL) == NULL);

	CHECK_INT(rasd_json_parse(&a, "{\"a\":1,}", 8, &v, &err), RASD_ESYNTAX);
	CHECK_INT(rasd_json_parse(&a, "{\"a\":\"x", 7, &v, &err), RASD_ESYNTAX);
	CHECK_INT(rasd_json_parse(&a, "[1] 2", 5, &v, &err), RASD_ESYNTAX);
	CHECK_INT(rasd_json_parse(&a, "\"\xff\"", 3, &v, &err), RASD_EUTF8);
	CHECK_INT(rasd_json_parse(&a, "", 0, &v, &err), RASD_ESYNTAX);
	CHECK_INT(rasd_json_parse(&a, "01", 2, &v, &err), RASD_ESYNTAX);
	for (i = 0; i < 100; i++)
		deep[i] = '[';
	for (i = 100; i < 200; i++)
		deep[i] = ']';
	CHECK_INT(rasd_json_parse(&a, deep, 200, &v, &err), RASD_ETOOBIG);
	CHECK_INT(rasd_json_parse(&a, deep + 40, 120, &v, &err), RASD_OK);
	rasd_arena_release(&a);
}

/* Every error names the 1-based byte column of the character at fault. */
/* Strings of two-byte letters of every length up to 13, at every offset
 * from the quote, then a bad byte (an overlong C0/C1 lead, a lone
 * continuation, a lead with no continuation) at each position: the string is
 * read whole, and every bad form is caught where it is (the scanner reads
 * eight bytes at a time while they are four letters). */
TEST(json_strings_of_letters)
{
	static const char *const bad[] = {"\xc1\xa7", "\xc0\x80", "\xa7", "\xd8", "\xd8\x27"};
	struct rasd_arena a;
	struct rasd_json *v;
	struct rasd_error err;
	char line[128], want[64];
	size_t n, k, b, ok = 0, caught = 0, tried = 0;

	rasd_arena_init(&a, 0);
	for (n = 0; n <= 13; n++) {
		size_t o = 0, w = 0;
		o += (size_t)snprintf(line + o, sizeof(line) - o, "{\"text\":\"");
		for (k = 0; k < n; k++) {
			/* ا ب ... : D8 A7 + k */
			line[o++] = want[w++] = (char)0xD8;
			line[o++] = want[w++] = (char)(0xA7 + k);
		}
		line[o++] = want[w++] = 'x';
		want[w] = '\0';
		snprintf(line + o, sizeof(line) - o, "\"}");
		if (rasd_json_parse(&a, line, strlen(line), &v, &err) == RASD_OK &&
		    rasd_json_get_str(v, "text", NULL) &&
		    strcmp(rasd_json_get_str(v, "text", NULL), want) == 0)
			ok++;
		for (k = 0; k <= n; k++)
			for (b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
				size_t p = 0, q;
				p += (size_t)snprintf(line + p, sizeof(line) - p, "{\"text\":\"");
				for (q = 0; q < n; q++) {
					if (q == k)
						p += (size_t)snprintf(line + p, sizeof(line) - p, "%s", bad[b]);
					line[p++] = (char)0xD8;
					line[p++] = (char)(0xA7 + q);
				}
				if (k == n)
					p += (size_t)snprintf(line + p, sizeof(line) - p, "%s", bad[b]);
				snprintf(line + p, sizeof(line) - p, "\"}");
				tried++;
				caught += rasd_json_parse(&a, line, strlen(line), &v, &err) == RASD_EUTF8;
			}
	}
	CHECK_INT(ok, 14);
	CHECK_INT(caught, tried);
	rasd_arena_release(&a);
}

TEST(json_error_columns)
{
	struct rasd_arena a;
	struct rasd_json *v;
	struct rasd_error err;
	char deep[400];
	size_t k;
	int i;

	rasd_arena_init(&a, 0);
	CHECK_INT(rasd_json_parse(&a, "[1] 2", 5, &v, &err), RASD_ESYNTAX);
	CHECK_INT(err.column, 5); /* the '2' */
	CHECK_INT(rasd_json_parse(&a, "{\"a\":1,}", 8, &v, &err), RASD_ESYNTAX);
	CHECK_INT(err.column, 8); /* the '}' */
	CHECK_INT(rasd_json_parse(&a, "[1,x]", 5, &v, &err), RASD_ESYNTAX);
	CHECK_INT(err.column, 4); /* the 'x' */
	/* the bracket one past the cap is the one at fault */
	for (i = 0; i < 100; i++)
		deep[i] = '[';
	CHECK_INT(rasd_json_parse(&a, deep, 100, &v, &err), RASD_ETOOBIG);
	CHECK_INT(err.column, RASD_JSON_MAX_DEPTH + 1);
	CHECK_STR(err.msg, "JSON nested too deeply at byte 65");
	/* the same with objects and blanks: {"a": {"a": ... */
	for (k = 0, i = 0; i <= RASD_JSON_MAX_DEPTH; i++) {
		memcpy(deep + k, "{\"a\": ", 6);
		k += 6;
	}
	CHECK_INT(rasd_json_parse(&a, deep, k, &v, &err), RASD_ETOOBIG);
	CHECK_INT(err.column, 6 * RASD_JSON_MAX_DEPTH + 1);
	rasd_arena_release(&a);
}

TEST(calendar_arithmetic)
{
	int32_t d;
	int y, m, dd;

	CHECK_INT(rasd_days_from_civil(1970, 1, 1), 0);
	CHECK_INT(rasd_date_parse("2021-11-15", 10, &d), RASD_OK);
	rasd_civil_from_days(d - 15, &y, &m, &dd);
	CHECK_INT(y * 10000 + m * 100 + dd, 20211031);
	CHECK_INT(rasd_weekday(d), 1); /* a Monday */
	CHECK_INT(rasd_date_parse("2021-02-29", 10, &d), RASD_EINVAL);
	CHECK_INT(rasd_date_parse("2020-02-29T10:00:00Z", 20, &d), RASD_OK);
	CHECK_INT(rasd_date_parse("15/11/2021", 10, &d), RASD_ESYNTAX);
	/* 1 Ramadan 1439 AH fell on 16 or 17 May 2018 depending on sighting. */
	d = rasd_days_from_hijri(1439, 9, 1);
	rasd_civil_from_days(d, &y, &m, &dd);
	CHECK(y == 2018 && m == 5 && (dd == 16 || dd == 17));
	/* 1 Muharram 1440 AH: 11 September 2018. */
	d = rasd_days_from_hijri(1440, 1, 1);
	rasd_civil_from_days(d, &y, &m, &dd);
	CHECK(y == 2018 && m == 9 && (dd == 11 || dd == 12));
}

RUN_TESTS(T(arena_grows_and_resets), T(arena_array_grows), T(buf_caps_and_escapes), T(utf8_decode_rejects_bad_forms),
	  T(utf8_clean_replaces_or_fails), T(json_parses_and_rejects), T(json_strings_of_letters), T(json_error_columns),
	  T(calendar_arithmetic))
