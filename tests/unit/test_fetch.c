/*
 * test_fetch.c - fetch/ without a network: robots.txt groups, rules,
 * wildcards and Crawl-delay as RFC 9309 reads them, the fetch options'
 * defaults, and URLs the client refuses before any request.
 */
#include "harness.h"

#include <stdlib.h>

static struct rasd_robots *robots(const char *txt)
{
	struct rasd_robots *r = NULL;
	CHECK(rasd_robots_parse(txt, strlen(txt), "rasd", &r) == RASD_OK);
	return r;
}

TEST(robots_groups)
{
	struct rasd_robots *r = robots("User-agent: *\nDisallow: /private/\nAllow: /private/ok\n\n"
				       "User-agent: BadBot\nDisallow: /\n");
	CHECK(rasd_robots_allowed(r, "/news/1.html"));
	CHECK(!rasd_robots_allowed(r, "/private/x"));
	CHECK(rasd_robots_allowed(r, "/private/ok.html")); /* longer Allow wins */
	CHECK(rasd_robots_allowed(r, "/robots.txt"));
	rasd_robots_free(r);
	/* a group naming rasd replaces "*" */
	r = robots("User-agent: *\nDisallow: /\n\nUser-agent: Googlebot\nUser-agent: rasd\n"
		   "Disallow: /search\nCrawl-delay: 2.5\n");
	CHECK(rasd_robots_allowed(r, "/news/1"));
	CHECK(!rasd_robots_allowed(r, "/search?q=x"));
	CHECK_INT(rasd_robots_delay_ms(r), 2500);
	rasd_robots_free(r);
	/* an empty Disallow allows all; comments and CRLF */
	r = robots("User-agent: * # everyone\r\nDisallow:\r\n");
	CHECK(rasd_robots_allowed(r, "/anything"));
	CHECK_INT(rasd_robots_delay_ms(r), 0);
	rasd_robots_free(r);
	/* Crawl-delay is capped at a minute */
	r = robots("User-agent: *\nCrawl-delay: 86400\n");
	CHECK_INT(rasd_robots_delay_ms(r), 60000);
	rasd_robots_free(r);
	CHECK(rasd_robots_allowed(NULL, "/x"));
	rasd_robots_free(NULL);
}

TEST(robots_wildcards)
{
	struct rasd_robots *r = robots("User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?print=\n"
				       "Allow: /$\nDisallow: /tmp*/cache\n");
	CHECK(!rasd_robots_allowed(r, "/files/report.pdf"));
	CHECK(rasd_robots_allowed(r, "/files/report.pdf.html"));
	CHECK(!rasd_robots_allowed(r, "/news/1?print=1"));
	CHECK(rasd_robots_allowed(r, "/news/1?page=2"));
	CHECK(rasd_robots_allowed(r, "/"));
	CHECK(!rasd_robots_allowed(r, "/tmp123/cache/x"));
	rasd_robots_free(r);
	{
		/* many stars against a long path stays quick */
		struct rasd_buf b;
		size_t i;
		bool built = true;
		rasd_buf_init(&b, 0);
		built = rasd_buf_puts(&b, "User-agent: *\nDisallow: /") == RASD_OK;
		for (i = 0; i < 200; i++)
			built = built && rasd_buf_puts(&b, "*a") == RASD_OK;
		built = built && rasd_buf_puts(&b, "b\n") == RASD_OK;
		CHECK(built);
		CHECK(rasd_robots_parse(b.p, b.n, "rasd", &r) == RASD_OK);
		rasd_buf_reset(&b);
		built = rasd_buf_putc(&b, '/') == RASD_OK;
		for (i = 0; i < 4000; i++)
			built = built && rasd_buf_putc(&b, 'a') == RASD_OK;
		CHECK(built);
		CHECK(rasd_robots_allowed(r, b.p));
		rasd_robots_free(r);
		rasd_buf_release(&b);
	}
}

TEST(client_refuses_before_asking)
{
	struct rasd_fetch_options o;
	struct rasd_fetcher *f = NULL;
	struct rasd_fetch_result res;
	struct rasd_error err;

	rasd_fetch_options_init(&o);
	CHECK_INT(o.host_delay_ms, 1000);
	CHECK_INT(o.max_redirects, 5);
	CHECK(o.max_body == 8u * 1024u * 1024u);
	CHECK(!o.ignore_robots);
	CHECK(rasd_fetcher_new(&o, &f, &err) == RASD_OK);
	rasd_fetch_result_init(&res);
	CHECK(rasd_fetch_get(f, "ftp://example.org/x", NULL, NULL, &res, &err) == RASD_EINVAL);
	CHECK(res.permanent);
	CHECK(rasd_fetch_get(f, "file:///etc/passwd", NULL, NULL, &res, &err) == RASD_EINVAL);
	CHECK(rasd_fetch_get(f, "not a url", NULL, NULL, &res, &err) == RASD_EINVAL);
	CHECK(res.attempts == 0);
	rasd_fetch_result_release(&res);
	rasd_fetcher_free(f);
	rasd_fetcher_free(NULL);
}

RUN_TESTS(T(robots_groups), T(robots_wildcards), T(client_refuses_before_asking))
