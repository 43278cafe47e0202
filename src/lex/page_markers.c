/*
 * page_markers.c - loads data/page_markers.tsv, the phrases by which
 * text/page.c tells a web page's furniture from its story (اقرأ أيضا,
 * كلمات دلالية, صورة أرشيفية, تصوير:). A phrase is folded with the same
 * function the page's lines are (rasd_page_key), except caption marks
 * and story openers, which are bytes of the line as written. Part of lex/.
 */
#include "page_markers.h"

#include <stdlib.h>
#include <string.h>

#define MAX_MARKER_BYTES 256

static const char *const kind_names[RASD_PM_COUNT] = {
	"related", "menu", "caption-start", "caption-end", "caption-mark", "story-opener"};

struct marker {
	const char *text;
	uint32_t kind, line;
};

static int kind_of(const struct tsv *t)
{
	int k;
	for (k = 0; k < RASD_PM_COUNT; k++)
		if (tsv_field_is(t, 1, kind_names[k]))
			return k;
	return -1;
}

static enum rasd_status read_line(struct tsv *t, struct rasd_arena *arena, struct marker *out,
				  struct rasd_error *err)
{
	const struct rasd_str *f = &t->field[0];
	char key[MAX_MARKER_BYTES + 8];
	size_t n, i;
	int kind;

	if (t->nfields != 2)
		return tsv_fail(t, err, t->nfields, "expected 2 columns (phrase, kind), found %zu",
				t->nfields);
	kind = kind_of(t);
	if (kind < 0)
		return tsv_fail(t, err, 2,
				"unknown marker kind '%.*s' (related, menu, caption-start, "
				"caption-end, caption-mark, story-opener)",
				(int)(t->field[1].n > 40 ? 40 : t->field[1].n), t->field[1].p);
	if (f->n == 0 || f->n > MAX_MARKER_BYTES)
		return tsv_fail(t, err, 1, "a phrase of 1 to %d bytes", MAX_MARKER_BYTES);
	if (kind == RASD_PM_CAPTION_MARK || kind == RASD_PM_STORY_OPENER) {
		/* matched as written: the bytes of the line */
		if (kind == RASD_PM_STORY_OPENER)
			for (i = 0; i < f->n; i++)
				if (f->p[i] == ' ')
					return tsv_fail(t, err, 1, "a story opener is one word");
		out->text = rasd_arena_strndup(arena, f->p, f->n);
	} else {
		n = rasd_page_key(f->p, f->n, key, sizeof(key));
		if (n == 0)
			return tsv_fail(t, err, 1, "'%.*s' has no letters to match",
					(int)(f->n > 60 ? 60 : f->n), f->p);
		out->text = rasd_arena_strndup(arena, key, n);
	}
	if (!out->text)
		return rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
	out->kind = (uint32_t)kind;
	out->line = (uint32_t)t->line;
	return RASD_OK;
}

enum rasd_status page_markers_load(struct rasd_page_markers *pm, struct tsv *t,
				   struct rasd_arena *arena, struct rasd_error *err)
{
	struct marker *all = NULL;
	size_t n = 0, cap = 0, i, j, at[RASD_PM_COUNT] = {0};
	enum rasd_status st = RASD_OK;
	int r;

	memset(pm, 0, sizeof(*pm));
	while ((r = tsv_next(t, err)) > 0) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct marker *na = realloc(all, ncap * sizeof(*na));
			if (!na) {
				st = rasd_error_set(err, RASD_ENOMEM, t->line, 0, "out of memory");
				goto out;
			}
			all = na;
			cap = ncap;
		}
		st = read_line(t, arena, &all[n], err);
		if (st)
			goto out;
		/* the same phrase twice in a kind: name both lines (few phrases) */
		for (j = 0; j < n; j++)
			if (all[j].kind == all[n].kind && strcmp(all[j].text, all[n].text) == 0) {
				st = tsv_fail(t, err, 1, "'%s' is already a %s marker (line %u)",
					      all[n].text, kind_names[all[n].kind], all[j].line);
				goto out;
			}
		pm->n[all[n].kind]++;
		n++;
	}
	if (r < 0) {
		st = RASD_ESYNTAX;
		goto out;
	}
	for (i = 0; i < RASD_PM_COUNT; i++) {
		const char **arr = rasd_arena_calloc(arena, pm->n[i] ? pm->n[i] : 1, sizeof(*arr));
		if (!arr) {
			st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			goto out;
		}
		pm->phrase[i] = arr;
	}
	for (i = 0; i < n; i++)
		((const char **)pm->phrase[all[i].kind])[at[all[i].kind]++] = all[i].text;
out:
	free(all);
	return st;
}
