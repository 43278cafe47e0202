/*
 * web.h - what the files of src/web/ share (web/ internal): the main-text
 * finder that html.c hands its parsed tree to, and small string helpers.
 */
#ifndef RASD_WEB_H
#define RASD_WEB_H

#include "rasd.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/*
 * Find the article's main text in a parsed HTML tree and return it,
 * paragraphs separated by blank lines, in the arena; *h1 gets the text of
 * the first <h1> (NULL when none) and the paragraph equal to the title is
 * left out. RASD_EEMPTY when nothing looks like article text.
 */
enum rasd_status web_main_text(struct rasd_arena *a, xmlDocPtr doc, const char *title,
			       struct rasd_str *text, const char **h1,
			       struct rasd_error *err);

/* Element name is name (ASCII, lower-case as libxml2's HTML parser gives). */
static inline bool web_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

/* Append text to b with runs of white space (ASCII and U+00A0) made one
 * space; *space carries whether the last byte written was one. */
enum rasd_status web_append_collapsed(struct rasd_buf *b, const char *s, bool *space);

#endif
