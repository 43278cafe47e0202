/*
 * feed.c - RSS 2.0, Atom 1.0 and RSS 1.0 (RDF) feeds with libxml2: each
 * item's link (resolved against xml:base and the feed's own address),
 * GUID, title, date and summary. XML that is not well-formed is read again
 * with libxml2's recovery, and the caller told; documents that declare
 * entities are refused before parsing, so no expansion can blow up.
 * Part of web/: depends on core only.
 */
#include "web.h"

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <stdio.h>
#include <string.h>

static const char *local_name(const xmlNode *n)
{
	return (const char *)n->name;
}

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp(local_name(n), name) == 0;
}

/* A copy that is valid UTF-8 whatever libxml2's recovery let through. */
static char *valid_dup(struct rasd_arena *a, const char *p, size_t n)
{
	struct rasd_str clean;
	size_t replaced;
	char *tmp = rasd_arena_strndup(a, p, n);

	if (!tmp)
		return NULL;
	if (rasd_utf8_clean(a, tmp, strlen(tmp), 0, &clean, &replaced, NULL) != RASD_OK)
		return NULL;
	return (char *)clean.p;
}

static char *text_of(struct rasd_arena *a, const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	struct rasd_buf b;
	bool space = true;
	char *out = NULL;

	if (!t)
		return NULL;
	rasd_buf_init(&b, 4u << 20);
	if (web_append_collapsed(&b, (const char *)t, &space) == RASD_OK) {
		size_t k = b.n;
		while (k && b.p[k - 1] == ' ')
			k--;
		if (k)
			out = valid_dup(a, b.p, k);
	}
	rasd_buf_release(&b);
	xmlFree(t);
	return out;
}

/* href resolved against the node's xml:base and the feed's address. */
static char *resolve(struct rasd_arena *a, xmlDocPtr doc, const xmlNode *n, const char *href,
		     const char *base_url)
{
	xmlChar *base = xmlNodeGetBase(doc, n), *abs = NULL, *full = NULL;
	char *out = NULL;

	if (base && base_url) {
		full = xmlBuildURI(base, (const xmlChar *)base_url);
		xmlFree(base);
		base = full;
	} else if (!base && base_url) {
		base = xmlStrdup((const xmlChar *)base_url);
	}
	abs = base ? xmlBuildURI((const xmlChar *)href, base) : xmlStrdup((const xmlChar *)href);
	if (abs)
		out = valid_dup(a, (const char *)abs, strlen((const char *)abs));
	xmlFree(abs);
	xmlFree(base);
	return out;
}

static void read_item(struct rasd_arena *a, xmlDocPtr doc, const xmlNode *it, const char *base,
		      struct rasd_feed_item *out)
{
	const xmlNode *c;
	char day[11];
	const char *date = NULL;
	bool link_alt = false;

	memset(out, 0, sizeof(*out));
	if (named(it, "item")) { /* RSS 1.0 names its item by rdf:about */
		xmlChar *about = xmlGetNsProp(
		    it, (const xmlChar *)"about",
		    (const xmlChar *)"http://www.w3.org/1999/02/22-rdf-syntax-ns#");
		if (about) {
			out->guid = valid_dup(a, (const char *)about, strlen((const char *)about));
			xmlFree(about);
		}
	}
	for (c = it->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, "title") && !out->title) {
			out->title = text_of(a, c);
		} else if (named(c, "link")) {
			xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
			xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
			if (href) { /* Atom: the alternate link, else any */
				bool alt = !rel || xmlStrcmp(rel, (const xmlChar *)"alternate") == 0;
				if ((alt && !link_alt) || !out->link) {
					out->link = resolve(a, doc, c, (const char *)href, base);
					link_alt = alt;
				}
			} else if (!out->link) {
				char *t = text_of(a, c);
				if (t)
					out->link = resolve(a, doc, c, t, base);
			}
			xmlFree(href);
			xmlFree(rel);
		} else if ((named(c, "guid") || named(c, "id")) && !out->guid) {
			out->guid = text_of(a, c);
		} else if (named(c, "pubDate") || named(c, "published") ||
			   (named(c, "date") && c->ns) || (named(c, "updated") && !date)) {
			char *t = text_of(a, c);
			if (t && (!date || !named(c, "updated")))
				date = t;
		} else if ((named(c, "description") || named(c, "summary") ||
			    named(c, "encoded")) &&
			   !out->summary) {
			out->summary = text_of(a, c);
		}
	}
	if (!out->link && out->guid && (strncmp(out->guid, "http://", 7) == 0 ||
					strncmp(out->guid, "https://", 8) == 0))
		out->link = out->guid; /* an RSS guid is a permalink unless it says not */
	if (date && rasd_web_date(date, day))
		out->published = rasd_arena_strndup(a, day, 10);
}

/* A copy of p with each & that starts no entity or character reference
 * written as &amp;, or NULL when there is none (or no memory). */
static const char *escape_ampersands(struct rasd_arena *a, const char *p, size_t n, size_t *out_n)
{
	size_t i, bare = 0, k = 0;
	char *q;

	for (i = 0; i < n; i++)
		if (p[i] == '&') {
			size_t j = i + 1;
			while (j < n && j - i < 12 &&
			       ((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= 'A' && p[j] <= 'Z') ||
				(p[j] >= '0' && p[j] <= '9') || p[j] == '#'))
				j++;
			if (!(j < n && p[j] == ';' && j > i + 1))
				bare++;
		}
	if (!bare || bare > (SIZE_MAX - n) / 4)
		return NULL;
	q = rasd_arena_alloc(a, n + 4 * bare + 1);
	if (!q)
		return NULL;
	for (i = 0; i < n; i++) {
		q[k++] = p[i];
		if (p[i] == '&') {
			size_t j = i + 1;
			while (j < n && j - i < 12 &&
			       ((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= 'A' && p[j] <= 'Z') ||
				(p[j] >= '0' && p[j] <= '9') || p[j] == '#'))
				j++;
			if (!(j < n && p[j] == ';' && j > i + 1)) {
				memcpy(q + k, "amp;", 4);
				k += 4;
			}
		}
	}
	q[k] = '\0';
	*out_n = k;
	return q;
}

static bool declares_entities(const char *p, size_t n)
{
	const char *q = p, *end = p + n;

	while ((q = memchr(q, '<', (size_t)(end - q))) != NULL) {
		if ((size_t)(end - q) >= 8 && memcmp(q, "<!ENTITY", 8) == 0)
			return true;
		q++;
	}
	return false;
}

enum rasd_status rasd_feed_parse(struct rasd_arena *a, const char *p, size_t n,
				 const char *base_url, struct rasd_feed *out,
				 struct rasd_error *err)
{
	const int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
			 XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS;
	xmlParserCtxtPtr ctx = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, channel, c;
	enum rasd_status st = RASD_OK;
	size_t cap = 0, fixed_n = 0;
	const char *fixed;

	memset(out, 0, sizeof(*out));
	if (n > RASD_WEB_MAX_PAGE)
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0, "feed is %zu bytes, over the limit of %u",
				      n, RASD_WEB_MAX_PAGE);
	if (n > INT32_MAX)
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0, "feed too large");
	if (declares_entities(p, n))
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "feed declares XML entities; refused");
	ctx = xmlNewParserCtxt();
	if (!ctx)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	doc = xmlCtxtReadMemory(ctx, p, (int)n, base_url, NULL, opts);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctx);
		long line = e ? e->line : 0;
		char msg[160] = "not well-formed";
		if (e && e->message) {
			size_t k;
			snprintf(msg, sizeof(msg), "%s", e->message);
			for (k = strlen(msg); k && (msg[k - 1] == '\n' || msg[k - 1] == ' '); k--)
				msg[k - 1] = '\0';
			for (k = 0; msg[k]; k++) /* one line, ASCII: libxml2 quotes raw bytes */
				if ((unsigned char)msg[k] < 0x20 || (unsigned char)msg[k] >= 0x7f)
					msg[k] = ' ';
		}
		/* the commonest fault: a bare & (in a URL's query, a title) */
		fixed = escape_ampersands(a, p, n, &fixed_n);
		if (fixed && fixed_n <= INT32_MAX)
			doc = xmlCtxtReadMemory(ctx, fixed, (int)fixed_n, base_url, NULL,
						opts | XML_PARSE_RECOVER);
		else
			doc = xmlCtxtReadMemory(ctx, p, (int)n, base_url, NULL,
						opts | XML_PARSE_RECOVER);
		out->recovered = true;
		if (!doc || !xmlDocGetRootElement(doc)) {
			st = rasd_error_set(err, RASD_ESYNTAX, line, 0,
					    "feed is not well-formed XML (line %ld: %s)", line, msg);
			goto out;
		}
		rasd_error_set(err, RASD_OK, line, 0, "feed is not well-formed XML (line %ld: %s)",
			       line, msg);
	}
	root = xmlDocGetRootElement(doc);
	if (!root) {
		st = rasd_error_set(err, RASD_ESYNTAX, 0, 0, "feed is empty");
		goto out;
	}
	if (named(root, "rss")) {
		out->kind = "rss";
		for (channel = root->children; channel && !named(channel, "channel");
		     channel = channel->next)
			;
		if (!channel) {
			st = rasd_error_set(err, RASD_ESYNTAX, 0, 0, "RSS feed without <channel>");
			goto out;
		}
	} else if (named(root, "feed")) {
		out->kind = "atom";
		channel = root;
	} else if (named(root, "RDF")) {
		out->kind = "rdf";
		channel = root;
	} else {
		st = rasd_error_set(err, RASD_ESYNTAX, 0, 0, "not an RSS, Atom or RDF feed (root <%s>)",
				    local_name(root));
		goto out;
	}
	/* RSS 1.0 keeps <channel> and the items side by side under <rdf:RDF> */
	for (c = channel->children; c; c = c->next) {
		if (named(c, "title") && !out->title)
			out->title = text_of(a, c);
		if (out->kind[0] == 'r' && out->kind[1] == 'd' && named(c, "channel"))
			for (xmlNodePtr t = c->children; t; t = t->next)
				if (named(t, "title") && !out->title)
					out->title = text_of(a, t);
		if (named(c, "item") || named(c, "entry")) {
			struct rasd_feed_item it;
			if (out->nitems >= RASD_FEED_MAX_ITEMS)
				break;
			read_item(a, doc, c, base_url, &it);
			if (!it.link)
				continue;
			if (out->nitems == cap) {
				size_t ncap = cap ? cap * 2 : 32;
				struct rasd_feed_item *ni = rasd_arena_calloc(a, ncap, sizeof(*ni));
				if (!ni) {
					st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
					goto out;
				}
				if (out->nitems)
					memcpy(ni, out->items, out->nitems * sizeof(*ni));
				out->items = ni;
				cap = ncap;
			}
			out->items[out->nitems++] = it;
		}
	}
	if (out->recovered && out->nitems == 0) {
		char msg[256];
		long line = err ? err->line : 0;
		snprintf(msg, sizeof(msg), "%s",
			 err && err->msg[0] ? err->msg : "feed is not well-formed XML");
		st = rasd_error_set(err, RASD_ESYNTAX, line, 0, "%s; no items could be read", msg);
	}
out:
	if (doc)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctx);
	return st;
}
