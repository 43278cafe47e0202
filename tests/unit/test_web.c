/*
 * test_web.c - web/: article extraction measured on the test pages of
 * tests/web/pages/ (main-text word overlap with the known article text at
 * least 0.95, boilerplate words at most 5%), titles, dates and sources,
 * charsets (windows-1256, ISO-8859-6, a wrong label), feeds (RSS 2.0 with
 * CDATA and relative links, Atom with xml:base, RSS 1.0 in windows-1256,
 * broken XML), canonical URLs and feed dates; and a replay of the HTML and
 * feed fuzz targets over fuzz/seeds/{html,feed}.
 */
#include "harness.h"

#include <dirent.h>
#include <stdlib.h>

#define LLVMFuzzerTestOneInput fuzz_html_one
#include "../../fuzz/fuzz_html.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_feed_one
#include "../../fuzz/fuzz_feed.c"
#undef LLVMFuzzerTestOneInput

static bool slurp(const char *path, struct rasd_buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t got;

	rasd_buf_init(b, 64u << 20);
	if (!f)
		return false;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (rasd_buf_append(b, chunk, got) != RASD_OK)
			break;
	fclose(f);
	return true;
}

/* Words of s (split on white space), sorted, as offsets into a copy. */
struct words {
	char *copy;
	char **w;
	size_t n;
};

static int cmp_word(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void split_words(struct words *ws, const char *s)
{
	size_t len = strlen(s), i, cap = len / 2 + 1;
	bool in = false;

	ws->copy = malloc(len + 1);
	ws->w = malloc(cap * sizeof(*ws->w));
	ws->n = 0;
	if (!ws->copy || !ws->w)
		abort();
	memcpy(ws->copy, s, len + 1);
	for (i = 0; i < len; i++) {
		char c = ws->copy[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			ws->copy[i] = '\0';
			in = false;
		} else if (!in) {
			in = true;
			if (ws->n < cap)
				ws->w[ws->n++] = ws->copy + i;
		}
	}
	qsort(ws->w, ws->n, sizeof(*ws->w), cmp_word);
}

/* Multiset intersection size of two sorted word lists. */
static size_t common_words(const struct words *a, const struct words *b)
{
	size_t i = 0, j = 0, k = 0;
	while (i < a->n && j < b->n) {
		int c = strcmp(a->w[i], b->w[j]);
		if (c == 0)
			k++, i++, j++;
		else if (c < 0)
			i++;
		else
			j++;
	}
	return k;
}

struct page_case {
	const char *name, *title, *published, *source, *charset;
	bool mislabelled;
};

TEST(article_quality)
{
	static const struct page_case cases[] = {
	    {"sham-idlib", "مقتل خمسة مدنيين بينهم طفلان بقصف لقوات النظام على أريحا",
	     "2024-12-03", "شبكة الشام الإخبارية", "UTF-8", false},
	    {"rafidain-anbar", "ضربة جوية تقتل 4 من داعش في صحراء الأنبار", "2024-11-24",
	     "الرافدين نيوز", "UTF-8", false},
	    {"yemen-taiz-1256", "مقتل ثلاثة مدنيين بقذائف حوثية على حي الروضة في تعز",
	     "2024-12-14", "يمن برس", "WINDOWS-1256", false},
	    {"libya-tripoli-8859-6", "مقتل ثلاثة في اشتباكات بحي أبو سليم جنوبي طرابلس",
	     "2024-12-05", "بوابة ليبيا", "ISO-8859-6", false},
	    {"mislabel-1256", "غارة جوية تستهدف مواقع في ريف حماة الشمالي", NULL, "news.example",
	     "WINDOWS-1256", true},
	};
	size_t i, total_expected = 0, total_common = 0, total_got = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct page_case *c = &cases[i];
		char path[256];
		struct rasd_buf html, want;
		struct rasd_arena a;
		struct rasd_web_page page;
		struct rasd_error err;
		struct words ww, gw;
		size_t common;

		snprintf(path, sizeof(path), "tests/web/pages/%s.html", c->name);
		CHECK(slurp(path, &html));
		snprintf(path, sizeof(path), "tests/web/pages/%s.expected", c->name);
		CHECK(slurp(path, &want));
		rasd_arena_init(&a, 0);
		rasd_error_clear(&err);
		if (rasd_web_extract(&a, html.p, html.n, NULL, "https://www.news.example/a/1", &page,
				     &err) != RASD_OK) {
			fprintf(stderr, "%s: %s\n", c->name, err.msg);
			CHECK(!"extraction failed");
			goto next;
		}
		CHECK_STR(page.title, c->title);
		if (c->published)
			CHECK_STR(page.published, c->published);
		else
			CHECK(page.published == NULL);
		CHECK_STR(page.source, c->source);
		CHECK_STR(page.charset.name, c->charset);
		CHECK(page.charset.mislabelled == c->mislabelled);
		/* paragraphs kept */
		CHECK(strstr(page.text, "\n\n") != NULL);
		split_words(&ww, want.p);
		split_words(&gw, page.text);
		common = common_words(&ww, &gw);
		fprintf(stderr, "%s: overlap %.3f, boilerplate %.3f (%zu/%zu words)\n", c->name,
			ww.n ? (double)common / (double)ww.n : 0.0,
			gw.n ? (double)(gw.n - common) / (double)gw.n : 0.0, common, ww.n);
		CHECK((double)common >= 0.95 * (double)ww.n);
		CHECK((double)(gw.n - common) <= 0.05 * (double)gw.n);
		total_expected += ww.n;
		total_got += gw.n;
		total_common += common;
		free(ww.copy);
		free(ww.w);
		free(gw.copy);
		free(gw.w);
	next:
		rasd_arena_release(&a);
		rasd_buf_release(&html);
		rasd_buf_release(&want);
	}
	fprintf(stderr, "all pages: overlap %.3f, boilerplate %.3f\n",
		(double)total_common / (double)(total_expected ? total_expected : 1),
		(double)(total_got - total_common) / (double)(total_got ? total_got : 1));
}

TEST(canonical_link_and_empty_page)
{
	struct rasd_arena a;
	struct rasd_web_page page;
	struct rasd_error err;
	static const char nav_only[] =
	    "<html><body><nav><a href='/'>الرئيسية</a><a href='/s'>سوريا</a></nav>"
	    "<footer>جميع الحقوق محفوظة</footer></body></html>";
	static const char deep_head[] = "<html><head><title>عنوان</title></head><body>";

	rasd_arena_init(&a, 0);
	CHECK(rasd_web_extract(&a, nav_only, sizeof(nav_only) - 1, NULL, NULL, &page, &err) ==
	      RASD_EEMPTY);
	CHECK(rasd_web_extract(&a, deep_head, sizeof(deep_head) - 1, NULL, NULL, &page, &err) ==
	      RASD_EEMPTY);
	CHECK(rasd_web_is_html("  <!DOCTYPE html><html>", 22));
	CHECK(rasd_web_is_html("\xEF\xBB\xBF<html lang=ar>", 18));
	CHECK(!rasd_web_is_html("{\"id\":1}", 8));
	CHECK(!rasd_web_is_html("قتل خمسة", 15));
	rasd_arena_release(&a);
}

TEST(deep_nesting_is_linear)
{
	/* 200k nested divs around one paragraph: no recursion, no blow-up */
	struct rasd_buf b;
	struct rasd_arena a;
	struct rasd_web_page page;
	struct rasd_error err;
	size_t i;
	enum rasd_status st;

	bool built = true;

	rasd_buf_init(&b, 0);
	CHECK(rasd_buf_puts(&b, "<html><body>") == RASD_OK);
	for (i = 0; i < 200000; i++)
		built = built && rasd_buf_puts(&b, "<div>") == RASD_OK;
	CHECK(built);
	CHECK(rasd_buf_puts(&b, "<p>قتل ثلاثة مدنيين وأصيب خمسة آخرون بقصف مدفعي على حي سكني في "
				"المدينة، وفق مصادر طبية محلية.</p>") == RASD_OK);
	rasd_arena_init(&a, 0);
	st = rasd_web_extract(&a, b.p, b.n, NULL, NULL, &page, &err);
	CHECK(st == RASD_OK || st == RASD_EEMPTY);
	rasd_arena_release(&a);
	rasd_buf_release(&b);
}

TEST(charsets)
{
	struct rasd_arena a;
	struct rasd_str out;
	struct rasd_charset cs;
	struct rasd_error err;
	/* "قتل" in windows-1256 and in ISO-8859-6 */
	static const char win[] = {(char)0xDE, (char)0xCA, (char)0xE1, 0};
	static const char iso[] = {(char)0xE2, (char)0xCA, (char)0xE4, 0};

	rasd_arena_init(&a, 0);
	CHECK(rasd_web_decode(&a, win, 3, "text/html; charset=windows-1256", &out, &cs, &err) ==
	      RASD_OK);
	CHECK_STR(out.p, "قتل");
	CHECK(rasd_web_decode(&a, iso, 3, "text/html; charset=ISO-8859-6", &out, &cs, &err) ==
	      RASD_OK);
	CHECK_STR(out.p, "قتل");
	/* the header outranks the page; a UTF-8 page labelled windows-1256 is UTF-8 */
	CHECK(rasd_web_decode(&a, "<meta charset=utf-8>قتل", 26, "text/html; charset=cp1256",
			      &out, &cs, &err) == RASD_OK);
	CHECK_STR(cs.name, "UTF-8");
	CHECK(cs.mislabelled);
	/* an unknown label on ASCII: rasd's fallback, reported */
	CHECK(rasd_web_decode(&a, "<p>x</p>", 8, "text/html; charset=x-nonesuch", &out, &cs,
			      &err) == RASD_OK);
	CHECK(cs.mislabelled);
	/* NUL bytes never reach the text */
	CHECK(rasd_web_decode(&a, "a\0b", 3, NULL, &out, &cs, &err) == RASD_OK);
	CHECK_STR(out.p, "ab");
	rasd_arena_release(&a);
}

static struct rasd_feed parse_file(struct rasd_arena *a, const char *path, enum rasd_status *st,
				   struct rasd_error *err, const char *base)
{
	struct rasd_buf b;
	struct rasd_feed f;

	CHECK(slurp(path, &b));
	rasd_error_clear(err);
	*st = rasd_feed_parse(a, b.p, b.n, base, &f, err);
	rasd_buf_release(&b);
	return f;
}

TEST(feeds)
{
	struct rasd_arena a;
	struct rasd_error err;
	struct rasd_feed f;
	enum rasd_status st;

	rasd_arena_init(&a, 0);
	f = parse_file(&a, "tests/web/feeds/rss2.xml", &st, &err,
		       "https://www.sham-news.example/rss/syria");
	CHECK(st == RASD_OK);
	CHECK_STR(f.kind, "rss");
	CHECK_STR(f.title, "شبكة الشام الإخبارية - سوريا");
	CHECK_INT(f.nitems, 3); /* the item without any link is left out */
	if (f.nitems == 3) {
		CHECK_STR(f.items[0].link, "https://www.sham-news.example/news/2024/12/03/"
					   "ariha-shelling?utm_source=rss&utm_medium=feed");
		CHECK_STR(f.items[0].title, "مقتل خمسة مدنيين بقصف لقوات النظام على أريحا");
		CHECK_STR(f.items[0].guid, "sham-88121");
		CHECK_STR(f.items[0].published, "2024-12-03");
		CHECK(strstr(f.items[0].summary, "<b>وأصيب</b>") != NULL);
		CHECK_STR(f.items[1].published, "2024-12-01");
		CHECK_STR(f.items[2].link, "https://www.sham-news.example/news/2024/11/30/only-guid");
	}
	f = parse_file(&a, "tests/web/feeds/atom.xml", &st, &err,
		       "https://alrafidain.example/feeds/security.atom");
	CHECK(st == RASD_OK);
	CHECK_STR(f.kind, "atom");
	CHECK_INT(f.nitems, 2);
	if (f.nitems == 2) {
		CHECK_STR(f.items[0].link, "https://alrafidain.example/iraq/anbar-airstrike-4");
		CHECK_STR(f.items[0].published, "2024-11-24");
		CHECK_STR(f.items[0].guid, "tag:alrafidain.example,2024:991");
		CHECK_STR(f.items[1].link, "https://alrafidain.example/diyala/muqdadiya-ied");
		CHECK_STR(f.items[1].published, "2024-11-23");
	}
	f = parse_file(&a, "tests/web/feeds/rdf.xml", &st, &err, NULL);
	CHECK(st == RASD_OK);
	CHECK_STR(f.kind, "rdf");
	CHECK_STR(f.title, "يمن برس");
	CHECK_INT(f.nitems, 1);
	if (f.nitems == 1) {
		CHECK_STR(f.items[0].title, "مقتل ثلاثة مدنيين بقذائف حوثية على حي الروضة في تعز");
		CHECK_STR(f.items[0].guid, "http://yemen-press.example/news.php?id=8812");
		CHECK_STR(f.items[0].published, "2024-12-14");
	}
	f = parse_file(&a, "tests/web/feeds/notafeed.xml", &st, &err, NULL);
	CHECK(st == RASD_ESYNTAX);
	f = parse_file(&a, "tests/web/feeds/ampersand.xml", &st, &err, NULL);
	/* recovered: the items are read, and the feed is said to be broken */
	CHECK(st == RASD_OK && f.recovered && err.msg[0]);
	CHECK_INT(f.nitems, 2);
	if (f.nitems == 2) {
		CHECK_STR(f.items[0].title, "اشتباكات في درعا & ريفها");
		CHECK_STR(f.items[1].link, "https://x.example/2?a=1&b=2");
	}
	f = parse_file(&a, "tests/web/feeds/truncated.xml", &st, &err, NULL);
	CHECK(st == RASD_ESYNTAX && strstr(err.msg, "line 3") != NULL);
	CHECK(rasd_feed_parse(&a, "garbage <<<", 11, NULL, &f, &err) == RASD_ESYNTAX);
	CHECK(strstr(err.msg, "not well-formed") != NULL);
	{
		static const char bomb[] =
		    "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b "
		    "'&a;&a;&a;&a;&a;&a;&a;&a;'>]><rss><channel><item><link>&b;</link></item>"
		    "</channel></rss>";
		CHECK(rasd_feed_parse(&a, bomb, sizeof(bomb) - 1, NULL, &f, &err) == RASD_EINVAL);
	}
	rasd_arena_release(&a);
}

static void check_canon(const char *in, const char *want)
{
	struct rasd_buf b;
	rasd_buf_init(&b, 0);
	if (want) {
		CHECK(rasd_url_canonical(&b, in) == RASD_OK);
		CHECK_STR(b.p, want);
	} else {
		CHECK(rasd_url_canonical(&b, in) == RASD_EINVAL);
	}
	rasd_buf_release(&b);
}

TEST(urls_and_dates)
{
	char d[11];

	check_canon("HTTPS://WWW.Sham-News.example:443/news/1?utm_source=rss&id=5&fbclid=x#c",
		    "https://www.sham-news.example/news/1?id=5");
	check_canon("http://example.org", "http://example.org/");
	check_canon("http://example.org:8080/a?utm_medium=x", "http://example.org:8080/a");
	check_canon(" https://user:pw@example.org/a ", "https://example.org/a");
	check_canon("ftp://example.org/a", NULL);
	check_canon("/relative", NULL);
	CHECK(rasd_web_date("Tue, 03 Dec 2024 06:42:00 +0000", d));
	CHECK_STR(d, "2024-12-03");
	CHECK(rasd_web_date("1 Dec 2024 21:10 GMT", d));
	CHECK_STR(d, "2024-12-01");
	CHECK(rasd_web_date("2024-11-24T13:05:00+03:00", d));
	CHECK_STR(d, "2024-11-24");
	CHECK(rasd_web_date("2024/02/29", d));
	CHECK(!rasd_web_date("2023-02-29", d));
	CHECK(!rasd_web_date("Tue, 33 Foo 2024", d));
	CHECK(!rasd_web_date("", d));
	CHECK(!rasd_web_date(NULL, d));
}

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static size_t replay_dir(const char *dir, fuzz_fn fn)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	if (!dp)
		return 0;
	while ((de = readdir(dp)) != NULL) {
		char path[512];
		struct rasd_buf b;
		uint8_t *copy;
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		CHECK(slurp(path, &b));
		copy = malloc(b.n ? b.n : 1);
		if (!copy)
			abort();
		memcpy(copy, b.p, b.n);
		fprintf(stderr, "replay %s\n", path);
		CHECK_INT(fn(copy, b.n), 0);
		free(copy);
		rasd_buf_release(&b);
		n++;
	}
	closedir(dp);
	return n;
}

TEST(fuzz_replay)
{
	size_t n = replay_dir("fuzz/seeds/html", fuzz_html_one);
	n += replay_dir("fuzz/regressions/html", fuzz_html_one);
	CHECK(n > 0);
	n = replay_dir("fuzz/seeds/feed", fuzz_feed_one);
	n += replay_dir("fuzz/regressions/feed", fuzz_feed_one);
	CHECK(n > 0);
}

RUN_TESTS(T(article_quality), T(canonical_link_and_empty_page),
	  T(deep_nesting_is_linear), T(charsets), T(feeds),
	  T(urls_and_dates), T(fuzz_replay))
