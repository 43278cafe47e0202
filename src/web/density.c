/*
 * density.c - the main text of a news page. The tree is cut into text
 * blocks at block-level elements (and <br>); each block knows how much of
 * its text is link text. Blocks that read like prose (long, few links,
 * commas) score for the element around them and its ancestors; the best
 * scoring element, with its siblings that score nearly as well, is the
 * article. Navigation, headers, footers, asides, comments, related lists
 * and share bars are never entered: by tag, by ARIA role, or by class and
 * id words. The walk is iterative, so nesting depth costs nothing.
 * Part of web/.
 */
#include "web.h"

#include <string.h>

/* Per element, hung on node->_private during the walk. */
struct elinfo {
	size_t b0, b1; /* its blocks: [b0, b1) */
	double score;
	const xmlNode *block_parent; /* the block element open around it */
};

struct block {
	size_t off, len; /* into the text buffer */
	size_t chars, link_chars, words;
	bool terminal; /* ends like a sentence */
	const xmlNode *owner; /* the block element it was closed in */
};

struct walk {
	struct rasd_arena *a;
	struct rasd_buf text; /* every block's text, one after another */
	struct block *blocks;
	size_t nblocks, capblocks;
	size_t cur_off;    /* where the open block starts in text */
	size_t cur_links;  /* link bytes in the open block */
	int in_link;
	const xmlNode *open_block;
	bool space;
	enum rasd_status st;
};

static const char *const skip_tags[] = {
    "script", "style",    "noscript", "iframe", "form",  "button", "select", "svg",
    "nav",    "header",   "footer",   "aside",  "menu",  "template", "textarea", "input",
    "figure", "figcaption", "object", "embed",  "video", "audio",  "canvas", "map",
    "dialog", NULL};

static const char *const block_tags[] = {
    "p",     "div",   "li",     "ul",    "ol",       "h1",    "h2",   "h3",  "h4",
    "h5",    "h6",    "td",     "th",    "tr",       "table", "blockquote", "section",
    "article", "main", "dl",    "dd",    "dt",       "pre",   "br",   "hr",  "address",
    "body",  "center", "tbody", "thead", "caption",  NULL};

/* Words of class or id that mark boilerplate (compared whole, after
 * splitting on space, - and _). */
static const char *const bad_words[] = {
    "comment", "comments", "share",    "sharing",   "social",     "related",  "breadcrumb",
    "breadcrumbs", "sidebar", "widget", "widgets",  "footer",     "nav",      "navbar",
    "navigation", "menu",   "tags",    "tag",       "ad",         "ads",      "advert",
    "advertisement", "promo", "newsletter", "subscribe", "popular", "trending",
    "recommended", "readmore", "more-news", "masthead", "topbar", "toolbar", "cookie",
    "banner",  "login",    "print",    "author-box", "byline-share", "sponsored",
    "outbrain", "taboola", "disqus",   "comments-area", "most-read", "mostread", NULL};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static bool bad_attr_words(const char *v)
{
	char word[48];
	size_t k = 0;

	for (;; v++) {
		char c = *v;
		if (c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\0') {
			word[k] = '\0';
			if (k && in_list(bad_words, word))
				return true;
			k = 0;
			if (c == '\0')
				return false;
			continue;
		}
		if (k < sizeof(word) - 1)
			word[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
}

static bool attr_bad(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	bool bad = v && bad_attr_words((const char *)v);
	xmlFree(v);
	return bad;
}

/* An element whose subtree is never article text. */
static bool skipped(const xmlNode *n)
{
	xmlChar *v;
	bool bad = false;

	if (in_list(skip_tags, (const char *)n->name))
		return true;
	if (web_is(n, "body") || web_is(n, "html") || web_is(n, "article") || web_is(n, "main"))
		return false;
	v = xmlGetProp(n, (const xmlChar *)"role");
	if (v && (xmlStrcmp(v, (const xmlChar *)"navigation") == 0 ||
		  xmlStrcmp(v, (const xmlChar *)"complementary") == 0 ||
		  xmlStrcmp(v, (const xmlChar *)"contentinfo") == 0 ||
		  xmlStrcmp(v, (const xmlChar *)"banner") == 0 ||
		  xmlStrcmp(v, (const xmlChar *)"menu") == 0))
		bad = true;
	xmlFree(v);
	if (bad)
		return true;
	if (xmlHasProp(n, (const xmlChar *)"hidden"))
		return true;
	v = xmlGetProp(n, (const xmlChar *)"aria-hidden");
	bad = v && xmlStrcmp(v, (const xmlChar *)"true") == 0;
	xmlFree(v);
	if (bad)
		return true;
	v = xmlGetProp(n, (const xmlChar *)"style");
	if (v) {
		const char *s = (const char *)v;
		bad = strstr(s, "display:none") || strstr(s, "display: none");
		xmlFree(v);
		if (bad)
			return true;
	}
	return attr_bad(n, "class") || attr_bad(n, "id");
}

static bool is_block(const xmlNode *n)
{
	return in_list(block_tags, (const char *)n->name);
}

/* Count characters (code points) and words of a block's text. */
static void measure(const char *p, size_t n, struct block *b)
{
	size_t i;
	bool inword = false;

	b->chars = b->words = 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if ((c & 0xC0) != 0x80)
			b->chars++;
		if (c == ' ') {
			inword = false;
		} else if (!inword) {
			inword = true;
			b->words++;
		}
	}
	b->terminal = false;
	if (n) {
		char last = p[n - 1];
		b->terminal = last == '.' || last == '!' || last == '?' || last == ':' ||
			      last == '"' || last == ')' ||
			      (n >= 2 && memcmp(p + n - 2, "\xD8\x9F", 2) == 0) || /* ؟ */
			      (n >= 2 && memcmp(p + n - 2, "\xC2\xBB", 2) == 0);   /* » */
	}
}

/* Close the open block: trim it and keep it when it holds text. */
static void flush(struct walk *w)
{
	size_t off = w->cur_off, end = w->text.n;
	struct block *b;

	while (off < end && w->text.p[off] == ' ')
		off++;
	while (end > off && w->text.p[end - 1] == ' ')
		end--;
	if (end > off && w->st == RASD_OK) {
		if (w->nblocks == w->capblocks) {
			size_t ncap = w->capblocks ? w->capblocks * 2 : 256;
			struct block *nb = rasd_arena_calloc(w->a, ncap, sizeof(*nb));
			if (!nb) {
				w->st = RASD_ENOMEM;
				return;
			}
			if (w->nblocks)
				memcpy(nb, w->blocks, w->nblocks * sizeof(*nb));
			w->blocks = nb;
			w->capblocks = ncap;
		}
		b = &w->blocks[w->nblocks++];
		b->off = off;
		b->len = end - off;
		measure(w->text.p + off, end - off, b);
		b->link_chars = w->cur_links > b->chars ? b->chars : w->cur_links;
		b->owner = w->open_block;
		/* keep a separator so blocks never run together */
		if (rasd_buf_putc(&w->text, ' ') != RASD_OK)
			w->st = RASD_ETOOBIG;
	}
	w->cur_off = w->text.n;
	w->cur_links = 0;
	w->space = true;
}

static void add_text(struct walk *w, const char *s)
{
	size_t before = w->text.n;
	if (w->st != RASD_OK)
		return;
	if (web_append_collapsed(&w->text, s, &w->space) != RASD_OK) {
		w->st = RASD_ETOOBIG;
		return;
	}
	if (w->in_link) {
		size_t i, k = 0;
		for (i = before; i < w->text.n; i++)
			if (((unsigned char)w->text.p[i] & 0xC0) != 0x80)
				k++;
		w->cur_links += k;
	}
}

static size_t commas(const char *p, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++) {
		if (p[i] == ',')
			k++;
		else if (i + 1 < n && (unsigned char)p[i] == 0xD8 && (unsigned char)p[i + 1] == 0x8C)
			k++; /* ، */
	}
	return k;
}

/* Walk the tree once: blocks, element ranges, the first h1. */
static void walk_tree(struct walk *w, xmlNodePtr root, const char **h1)
{
	xmlNodePtr n = root;
	bool in_h1 = false;
	size_t h1_start = 0;

	while (n) {
		bool descend = false;
		if (n->type == XML_ELEMENT_NODE) {
			if (!skipped(n)) {
				struct elinfo *info = rasd_arena_calloc(w->a, 1, sizeof(*info));
				if (!info) {
					w->st = RASD_ENOMEM;
					return;
				}
				n->_private = info;
				if (is_block(n))
					flush(w);
				info->b0 = w->nblocks;
				info->block_parent = w->open_block;
				if (is_block(n))
					w->open_block = n;
				if (web_is(n, "a"))
					w->in_link++;
				if (web_is(n, "h1") && !*h1 && !in_h1) {
					in_h1 = true;
					h1_start = w->text.n;
				}
				descend = n->children != NULL;
				if (!descend)
					goto leave;
			}
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
			   n->content) {
			add_text(w, (const char *)n->content);
		}
		if (descend) {
			n = n->children;
			continue;
		}
		/* next node: a sibling, else climb, leaving each element */
		for (;;) {
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (!n)
				return;
		leave:
			if (n->type == XML_ELEMENT_NODE && n->_private) {
				struct elinfo *info = n->_private;
				if (in_h1 && web_is(n, "h1")) {
					size_t s = h1_start, e = w->text.n;
					while (s < e && w->text.p[s] == ' ')
						s++;
					while (e > s && w->text.p[e - 1] == ' ')
						e--;
					if (e > s)
						*h1 = rasd_arena_strndup(w->a, w->text.p + s, e - s);
					in_h1 = false;
				}
				if (is_block(n)) {
					flush(w);
					w->open_block = info->block_parent;
				}
				if (web_is(n, "a") && w->in_link > 0)
					w->in_link--;
				info->b1 = w->nblocks;
			}
			if (n == root)
				return;
		}
	}
}

static double link_density(const struct walk *w, size_t b0, size_t b1)
{
	size_t i, c = 0, l = 0;
	for (i = b0; i < b1; i++) {
		c += w->blocks[i].chars;
		l += w->blocks[i].link_chars;
	}
	return c ? (double)l / (double)c : 1.0;
}

/* Each prose-like block scores for the block element it was closed in,
 * that element's parent, and half as much for the grandparent. */
static void score_blocks(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->nblocks; i++) {
		const struct block *b = &w->blocks[i];
		xmlNodePtr p = (xmlNodePtr)b->owner;
		double s, l;
		int k;

		if (!p || b->chars < 25 || (double)b->link_chars > 0.33 * (double)b->chars)
			continue;
		l = (double)b->chars / 100.0;
		s = 1.0 + (double)commas(w->text.p + b->off, b->len) + (l > 3 ? 3 : l);
		for (k = 0; k < 3 && p; k++, p = p->parent) {
			struct elinfo *pi = p->type == XML_ELEMENT_NODE ? p->_private : NULL;
			if (pi)
				pi->score += k == 2 ? s / 2 : s;
		}
	}
}

/* A paragraph of the article, not a line around it. */
static bool prose(const struct block *b)
{
	return (b->terminal && b->words >= 8) || b->words >= 20;
}

static bool same_text(const struct walk *w, const struct block *b, const char *t)
{
	return t && strlen(t) == b->len && memcmp(t, w->text.p + b->off, b->len) == 0;
}

static bool keep_block(const struct walk *w, const struct block *b, const char *title,
		       const char *h1)
{
	if ((double)b->link_chars > 0.5 * (double)b->chars)
		return false;
	if (b->words < 4 && !(b->terminal && b->words >= 2))
		return false;
	if (same_text(w, b, title) || same_text(w, b, h1))
		return false;
	return true;
}

enum rasd_status web_main_text(struct rasd_arena *a, xmlDocPtr doc, const char *title,
			       struct rasd_str *text, const char **h1, struct rasd_error *err)
{
	struct walk w;
	xmlNodePtr root = xmlDocGetRootElement(doc), n, best = NULL;
	double best_score = 0;
	struct rasd_buf out;
	enum rasd_status st = RASD_OK;

	*h1 = NULL;
	memset(&w, 0, sizeof(w));
	w.a = a;
	rasd_buf_init(&w.text, 4u * RASD_WEB_MAX_PAGE);
	rasd_buf_init(&out, 4u * RASD_WEB_MAX_PAGE);
	w.space = true;
	if (!root) {
		st = rasd_error_set(err, RASD_EEMPTY, 0, 0, "page has no HTML elements");
		goto out;
	}
	walk_tree(&w, root, h1);
	flush(&w);
	if (w.st != RASD_OK) {
		st = rasd_error_set(err, w.st, 0, 0, "page text: %s", rasd_strerror(w.st));
		goto out;
	}
	score_blocks(&w);
	/* the best element, its score weighed by how little of it is links */
	for (n = root; n;) {
		struct elinfo *info = n->type == XML_ELEMENT_NODE ? n->_private : NULL;
		if (info && info->score > 0) {
			double s = info->score * (1.0 - link_density(&w, info->b0, info->b1));
			if (s > best_score) {
				best_score = s;
				best = n;
			}
		}
		if (n->children && info) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
	if (!best) {
		st = rasd_error_set(err, RASD_EEMPTY, 0, 0, "no article text found in the page");
		goto out;
	}
	{
		/* the best element and its siblings that score nearly as well;
		 * short lines before the first and after the last paragraph of
		 * prose (headline, dateline, byline, "print this") are left out */
		xmlNodePtr first = best->parent ? best->parent->children : best, c;
		size_t nkept = 0, i, lo, hi;
		size_t *kept = NULL;

		for (c = first; c; c = c->next) {
			struct elinfo *ci = c->type == XML_ELEMENT_NODE ? c->_private : NULL;
			if (!ci)
				continue;
			if (c != best && !(ci->score * (1.0 - link_density(&w, ci->b0, ci->b1)) >=
					   0.2 * best_score))
				continue;
			if (!kept) {
				kept = rasd_arena_calloc(a, w.nblocks + 1, sizeof(*kept));
				if (!kept) {
					st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
					goto out;
				}
			}
			for (i = ci->b0; i < ci->b1; i++)
				if (keep_block(&w, &w.blocks[i], title, *h1))
					kept[nkept++] = i;
			if (!best->parent)
				break;
		}
		lo = 0;
		hi = nkept;
		while (lo < hi && !prose(&w.blocks[kept[lo]]))
			lo++;
		while (hi > lo && !prose(&w.blocks[kept[hi - 1]]))
			hi--;
		for (i = lo; i < hi; i++) {
			const struct block *b = &w.blocks[kept[i]];
			if ((out.n && rasd_buf_puts(&out, "\n\n") != RASD_OK) ||
			    rasd_buf_append(&out, w.text.p + b->off, b->len) != RASD_OK) {
				st = rasd_error_set(err, RASD_ETOOBIG, 0, 0, "article text too large");
				goto out;
			}
		}
	}
	if (out.n == 0) {
		st = rasd_error_set(err, RASD_EEMPTY, 0, 0, "no article text found in the page");
		goto out;
	}
	text->p = rasd_arena_strndup(a, out.p, out.n);
	text->n = out.n;
	if (!text->p)
		st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
out:
	/* the tree is freed by the caller; clear what was hung on it */
	for (n = root; n;) {
		if (n->type == XML_ELEMENT_NODE)
			n->_private = NULL;
		if (n->children && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
	rasd_buf_release(&w.text);
	rasd_buf_release(&out);
	return st;
}
