/*
 * page_markers.h - the page-furniture phrases of data/page_markers.tsv,
 * loaded with the lexicon for text/page.c (lex/ internal).
 */
#ifndef RASD_LEX_PAGE_MARKERS_H
#define RASD_LEX_PAGE_MARKERS_H

#include "tsv.h"

/* Read page_markers.tsv into pm; strings and arrays live in `arena`. On a
 * bad line err names the file, line and column. */
enum rasd_status page_markers_load(struct rasd_page_markers *pm, struct tsv *t,
				   struct rasd_arena *arena, struct rasd_error *err);

#endif
