/*
 * html.c - a saved or fetched news page to an article: decode the bytes
 * (charset.c), parse them with libxml2's HTML parser, read the page's
 * metadata (og: and article: meta tags, JSON-LD, <time>, <link
 * rel=canonical>) and hand the tree to density.c for the main text.
 * Part of web/: depends on core only.
 */
#include "web.h"

#include <string.h>

bool rasd_web_is_html(const char *p, size_t n)
{
	size_t i = 0, lim = n < 1024 ? n : 1024;
	static const char *const starts[] = {"<!doctype html", "<html", "<head", "<!--", "<meta",
					     "<body"};
	size_t k;

	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < lim && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
		i++;
	for (k = 0; k < sizeof(starts) / sizeof(starts[0]); k++) {
		size_t m = strlen(starts[k]), j;
		if (i + m > n)
			continue;
		for (j = 0; j < m; j++) {
			char c = p[i + j];
			if ((c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c) != starts[k][j])
				break;
		}
		if (j == m)
			return true;
	}
	return false;
}

struct meta {
	char *og_title, *site_name, *app_name, *published, *canonical, *og_url, *title_tag;
	char *ld_published, *ld_publisher, *time_datetime;
};

static char *dup_trim(struct rasd_arena *a, const char *s)
{
	struct rasd_buf b;
	bool space = true;
	char *out = NULL;

	if (!s)
		return NULL;
	rasd_buf_init(&b, 1u << 20);
	if (web_append_collapsed(&b, s, &space) == RASD_OK) {
		size_t n = b.n;
		while (n && b.p[n - 1] == ' ')
			n--;
		if (n)
			out = rasd_arena_strndup(a, b.p, n);
	}
	rasd_buf_release(&b);
	return out;
}

static char *prop(struct rasd_arena *a, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? dup_trim(a, (const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static bool prop_is(const xmlNode *n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	bool is = v && xmlStrcasecmp(v, (const xmlChar *)value) == 0;
	xmlFree(v);
	return is;
}

/* "datePublished": "..." found by hand in JSON-LD that does not parse. */
static char *ld_scan(struct rasd_arena *a, const char *s, const char *key)
{
	const char *k = strstr(s, key), *q, *e;

	if (!k)
		return NULL;
	q = k + strlen(key);
	while (*q == '"' || *q == ' ' || *q == ':' || *q == '\t' || *q == '\n')
		q++;
	e = q;
	while (*e && *e != '"' && e - q < 64)
		e++;
	return e > q ? rasd_arena_strndup(a, q, (size_t)(e - q)) : NULL;
}

/* datePublished and publisher.name anywhere in a JSON-LD block. */
static void read_json_ld(struct rasd_arena *a, struct meta *m, const char *s)
{
	struct rasd_arena tmp;
	struct rasd_json *root;
	const struct rasd_json *stack[RASD_JSON_MAX_DEPTH + 2], *v;
	size_t depth = 0;

	rasd_arena_init(&tmp, 4u << 20);
	if (rasd_json_parse(&tmp, s, strlen(s), &root, NULL) != RASD_OK) {
		if (!m->ld_published)
			m->ld_published = ld_scan(a, s, "\"datePublished\"");
		goto out;
	}
	/* pre-order over the DOM without recursion */
	v = root;
	while (v) {
		if (v->key.p && v->type == RASD_JSON_STRING && !m->ld_published &&
		    strcmp(v->key.p, "datePublished") == 0)
			m->ld_published = rasd_arena_strndup(a, v->str.p, v->str.n);
		if (v->key.p && v->type == RASD_JSON_OBJECT && !m->ld_publisher &&
		    strcmp(v->key.p, "publisher") == 0) {
			size_t len;
			const char *name = rasd_json_get_str(v, "name", &len);
			if (name && len)
				m->ld_publisher = rasd_arena_strndup(a, name, len);
		}
		if ((v->type == RASD_JSON_OBJECT || v->type == RASD_JSON_ARRAY) && v->child &&
		    depth < RASD_JSON_MAX_DEPTH + 1) {
			stack[depth++] = v;
			v = v->child;
			continue;
		}
		while (!v->next && depth > 0)
			v = stack[--depth];
		if (depth == 0 && v == root)
			break;
		v = v->next;
	}
out:
	rasd_arena_release(&tmp);
}

/* One pass over <head> and <body> for what the page says about itself. */
static void read_meta(struct rasd_arena *a, xmlDocPtr doc, struct meta *m)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n = root;

	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			if (web_is(n, "meta")) {
				char *content = prop(a, n, "content");
				if (content) {
					if ((prop_is(n, "property", "og:title") ||
					     prop_is(n, "name", "og:title") ||
					     prop_is(n, "name", "twitter:title")) &&
					    !m->og_title)
						m->og_title = content;
					else if (prop_is(n, "property", "og:site_name") &&
						 !m->site_name)
						m->site_name = content;
					else if (prop_is(n, "name", "application-name") &&
						 !m->app_name)
						m->app_name = content;
					else if (prop_is(n, "property", "og:url") && !m->og_url)
						m->og_url = content;
					else if ((prop_is(n, "property", "article:published_time") ||
						  prop_is(n, "name", "article:published_time") ||
						  prop_is(n, "property", "og:published_time") ||
						  prop_is(n, "itemprop", "datePublished") ||
						  prop_is(n, "name", "pubdate") ||
						  prop_is(n, "name", "publishdate") ||
						  prop_is(n, "name", "date") ||
						  prop_is(n, "name", "dc.date.issued")) &&
						 !m->published)
						m->published = content;
				}
			} else if (web_is(n, "link") && prop_is(n, "rel", "canonical") &&
				   !m->canonical) {
				m->canonical = prop(a, n, "href");
			} else if (web_is(n, "title") && !m->title_tag) {
				xmlChar *t = xmlNodeGetContent(n);
				m->title_tag = t ? dup_trim(a, (const char *)t) : NULL;
				xmlFree(t);
			} else if (web_is(n, "script") && prop_is(n, "type", "application/ld+json")) {
				xmlChar *t = xmlNodeGetContent(n);
				if (t && xmlStrlen(t) < (1 << 20))
					read_json_ld(a, m, (const char *)t);
				xmlFree(t);
			} else if (web_is(n, "time") && !m->time_datetime) {
				m->time_datetime = prop(a, n, "datetime");
			}
			if (n->children && !web_is(n, "script") && !web_is(n, "style")) {
				n = n->children;
				continue;
			}
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
}

/* "Headline | Site" or "Headline - Site": the longest part is the headline. */
static const char *title_from_tag(struct rasd_arena *a, const char *t)
{
	static const char *const seps[] = {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: "};
	size_t k;

	for (k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
		const char *s = strstr(t, seps[k]);
		if (s) {
			size_t left = (size_t)(s - t), right = strlen(s + strlen(seps[k]));
			if (left >= right)
				return rasd_arena_strndup(a, t, left);
			return rasd_arena_strndup(a, s + strlen(seps[k]), right);
		}
	}
	return t;
}

static char *host_of(struct rasd_arena *a, const char *url)
{
	const char *h, *e;

	if (!url)
		return NULL;
	h = strstr(url, "://");
	if (!h)
		return NULL;
	h += 3;
	if (strncmp(h, "www.", 4) == 0)
		h += 4;
	for (e = h; *e && *e != '/' && *e != ':' && *e != '?' && *e != '#'; e++)
		;
	return e > h ? rasd_arena_strndup(a, h, (size_t)(e - h)) : NULL;
}

static bool is_http(const char *u)
{
	return u && (strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0);
}

enum rasd_status rasd_web_extract(struct rasd_arena *a, const char *p, size_t n,
				  const char *content_type, const char *url,
				  struct rasd_web_page *out, struct rasd_error *err)
{
	struct rasd_str utf8, text;
	struct meta m;
	htmlParserCtxtPtr ctx = NULL;
	htmlDocPtr doc = NULL;
	const char *h1 = NULL, *title, *tag_title;
	char day[11];
	enum rasd_status st;

	memset(out, 0, sizeof(*out));
	memset(&m, 0, sizeof(m));
	st = rasd_web_decode(a, p, n, content_type, &utf8, &out->charset, err);
	if (st != RASD_OK)
		return st;
	if (utf8.n > INT32_MAX)
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0, "page too large");
	ctx = htmlNewParserCtxt();
	if (!ctx)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	/* the bytes are UTF-8 now, whatever the page's <meta> says */
	doc = htmlCtxtReadMemory(ctx, utf8.p, (int)utf8.n, url, "UTF-8",
				 HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				     HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	if (!doc) {
		st = rasd_error_set(err, RASD_ESYNTAX, 0, 0, "page could not be parsed as HTML");
		goto out;
	}
	read_meta(a, doc, &m);
	tag_title = m.title_tag ? title_from_tag(a, m.title_tag) : NULL;
	title = m.og_title;
	st = web_main_text(a, doc, title ? title : tag_title, &text, &h1, err);
	if (st != RASD_OK)
		goto out;
	if (!title)
		title = h1 ? h1 : tag_title;
	out->title = title;
	out->title_n = title ? strlen(title) : 0;
	out->text = text.p;
	out->text_n = text.n;
	if (rasd_web_date(m.published, day) || rasd_web_date(m.ld_published, day) ||
	    rasd_web_date(m.time_datetime, day))
		out->published = rasd_arena_strndup(a, day, 10);
	out->source = m.site_name ? m.site_name
				  : m.ld_publisher ? m.ld_publisher
				  : m.app_name	   ? m.app_name
						   : host_of(a, url);
	out->url = is_http(m.canonical) ? m.canonical : is_http(m.og_url) ? m.og_url : url;
	if (out->url && out->url == url)
		out->url = rasd_arena_strndup(a, url, strlen(url));
out:
	if (doc)
		xmlFreeDoc(doc);
	htmlFreeParserCtxt(ctx);
	return st;
}
