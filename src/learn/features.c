/*
 * features.c - what the learned models read of an event the rules coded:
 * its trigger and the words and clause cues around it, the kinds of
 * actors, whether a place and a date were found, the sentence's shape and
 * place in the article (headline, lead, length, quotation), the rules of
 * its trace, and what else the article holds (other events at the same
 * place). Each feature is a name, present or not; the table of names maps
 * them to numbers for liblinear and to weights for a model. Part of
 * learn/: sits on extract/.
 */
#include "learn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of the sentence read on each side of the trigger. */
#define WINDOW 1024
/* Events on each side of an event that its article features compare. */
#define NEIGHBOURS 200

/* ------------------------------------------------------- string table */

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

void names_release(struct names *t)
{
	size_t i;
	for (i = 0; i < t->cap; i++)
		free(t->key ? t->key[i] : NULL);
	free(t->key);
	free(t->id);
	free(t->weight);
	free(t->type_weight);
	memset(t, 0, sizeof(*t));
}

static bool names_grow(struct names *t)
{
	struct names g;
	size_t i;

	memset(&g, 0, sizeof(g));
	g.cap = t->cap ? t->cap * 2 : 1024;
	g.typed = t->typed;
	g.key = calloc(g.cap, sizeof(*g.key));
	g.id = calloc(g.cap, sizeof(*g.id));
	g.weight = calloc(g.cap, sizeof(*g.weight));
	if (g.typed)
		g.type_weight = calloc(g.cap * LEARN_NTYPES, sizeof(*g.type_weight));
	if (!g.key || !g.id || !g.weight || (g.typed && !g.type_weight)) {
		free(g.key);
		free(g.id);
		free(g.weight);
		free(g.type_weight);
		return false;
	}
	for (i = 0; i < t->cap; i++) {
		size_t j;
		if (!t->key[i])
			continue;
		for (j = fnv(t->key[i]) & (g.cap - 1); g.key[j]; j = (j + 1) & (g.cap - 1))
			;
		g.key[j] = t->key[i];
		g.id[j] = t->id[i];
		g.weight[j] = t->weight[i];
		if (g.typed)
			memcpy(&g.type_weight[j * LEARN_NTYPES], &t->type_weight[i * LEARN_NTYPES],
			       LEARN_NTYPES * sizeof(double));
	}
	g.n = t->n;
	free(t->key);
	free(t->id);
	free(t->weight);
	free(t->type_weight);
	*t = g;
	return true;
}

size_t names_slot(const struct names *t, const char *name)
{
	size_t j;
	for (j = fnv(name) & (t->cap - 1); t->key[j] && strcmp(t->key[j], name) != 0;
	     j = (j + 1) & (t->cap - 1))
		;
	return j;
}

size_t names_find(const struct names *t, const char *name)
{
	size_t j;
	if (!t->cap)
		return SIZE_MAX;
	j = names_slot(t, name);
	return t->key[j] ? j : SIZE_MAX;
}

uint32_t names_get(struct names *t, const char *name, bool add)
{
	size_t j;

	if (t->cap) {
		j = names_slot(t, name);
		if (t->key[j])
			return t->id[j];
	}
	if (!add || t->n >= LEARN_MAX_MODEL_FEATURES)
		return 0;
	if ((t->n + 1) * 2 > t->cap && !names_grow(t))
		return 0;
	j = names_slot(t, name);
	t->key[j] = strdup(name);
	if (!t->key[j])
		return 0;
	t->id[j] = (uint32_t)++t->n;
	return t->id[j];
}

/* --------------------------------------------------------- ACLED types */

const char *const learn_type[LEARN_NTYPES] = {
	"Battles", "Battles", "Battles",
	"Explosions/Remote violence", "Explosions/Remote violence", "Explosions/Remote violence",
	"Explosions/Remote violence", "Explosions/Remote violence", "Explosions/Remote violence",
	"Violence against civilians", "Violence against civilians", "Violence against civilians",
	"Protests", "Protests", "Protests",
	"Riots", "Riots",
	"Strategic developments", "Strategic developments", "Strategic developments",
	"Strategic developments", "Strategic developments", "Strategic developments",
	"Strategic developments", "Strategic developments",
};

const char *const learn_sub[LEARN_NTYPES] = {
	"Armed clash", "Government regains territory", "Non-state actor overtakes territory",
	"Chemical weapon", "Air/drone strike", "Suicide bomb",
	"Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
	"Sexual violence", "Attack", "Abduction/forced disappearance",
	"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
	"Violent demonstration", "Mob violence",
	"Agreement", "Arrests", "Change to group/activity",
	"Disrupted weapons use", "Headquarters or base established", "Looting/property destruction",
	"Non-violent transfer of territory", "Other",
};

int learn_sub_index(const char *sub)
{
	int c;
	if (!sub)
		return -1;
	for (c = 0; c < LEARN_NTYPES; c++)
		if (strcmp(learn_sub[c], sub) == 0)
			return c;
	return -1;
}

/* ----------------------------------------------------------- features */

static void feat(struct featset *f, const char *fmt, const char *a, const char *b)
{
	size_t k;
	if (f->n >= LEARN_MAX_FEATURES_PER_EVENT)
		return;
	snprintf(f->name[f->n], sizeof(f->name[0]), fmt, a ? a : "", b ? b : "");
	for (k = 0; f->name[f->n][k]; k++)
		if (f->name[f->n][k] == '\t' || f->name[f->n][k] == '\n')
			f->name[f->n][k] = ' ';
	for (k = 0; k < f->n; k++)
		if (strcmp(f->name[k], f->name[f->n]) == 0)
			return; /* once each */
	f->n++;
}

static const char *bucket(long v, const long *edges, size_t n, char *buf, size_t cap)
{
	size_t k;
	for (k = 0; k < n && v >= edges[k]; k++)
		;
	snprintf(buf, cap, "%zu", k);
	return buf;
}

static bool same_str(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* What the rest of the article says around event i: how many events it
 * codes, and the others at the same place (the merge may have missed a
 * repetition) or of the same type. */
static void article_features(const struct rasd_event *ev, size_t nev, size_t i,
			     struct featset *f)
{
	static const long n_edges[] = {2, 3, 5, 9};
	const struct rasd_event *e = &ev[i];
	size_t j, same_place = 0, same_place_type = 0, earlier_same = 0, same_type = 0;
	char num[32];

	/* the nearest events only, so that an article of thousands of events
	 * stays linear */
	for (j = i > NEIGHBOURS ? i - NEIGHBOURS : 0; j < nev && j <= i + NEIGHBOURS; j++) {
		if (j == i)
			continue;
		if (same_str(ev[j].event_type, e->event_type))
			same_type++;
		if (!same_str(ev[j].location, e->location))
			continue;
		same_place++;
		if (same_str(ev[j].event_type, e->event_type)) {
			same_place_type++;
			if (j < i)
				earlier_same++;
		}
	}
	feat(f, "article-events=%s%s", bucket((long)nev, n_edges, 4, num, sizeof(num)), NULL);
	if (same_place)
		feat(f, "other-at-place%s%s", NULL, NULL);
	if (same_place_type)
		feat(f, "same-type-at-place%s%s", NULL, NULL);
	if (earlier_same)
		feat(f, "earlier-same-type-at-place%s%s", NULL, NULL);
	if (!same_type)
		feat(f, "only-of-its-type%s%s", NULL, NULL);
	if (e->evidence.field == RASD_FIELD_TITLE) {
		size_t end = nev < NEIGHBOURS ? nev : NEIGHBOURS;
		for (j = 0; j < end; j++)
			if (j != i && ev[j].evidence.field == RASD_FIELD_TEXT &&
			    same_str(ev[j].event_type, e->event_type))
				break;
		if (j == end)
			feat(f, "title-only%s%s", NULL, NULL);
	}
}

/* The trigger's words, the words before and after it in its sentence and
 * in its clause, and the sentence's shape. */
static void sentence_features(const struct rasd_article *art, const struct rasd_event *e,
			      struct rasd_arena *a, struct featset *f)
{
	const char *field = e->evidence.field == RASD_FIELD_TITLE ? art->title : art->text;
	size_t fn = e->evidence.field == RASD_FIELD_TITLE ? art->title_n : art->text_n;
	struct rasd_doc doc;
	uint32_t ts, te;
	size_t first, last, i;
	char num[32];

	size_t ws, we;

	if (!field || e->evidence.sent_end > fn || e->evidence.sent_start >= e->evidence.sent_end ||
	    e->evidence.start < e->evidence.sent_start || e->evidence.end > e->evidence.sent_end ||
	    e->evidence.start > e->evidence.end)
		return;
	/* at most WINDOW bytes each side of the trigger: a sentence of
	 * megabytes with many events stays linear; a cut word at either
	 * edge is left out */
	ws = e->evidence.sent_start;
	we = e->evidence.sent_end;
	if (e->evidence.start - ws > WINDOW) {
		ws = e->evidence.start - WINDOW;
		while (ws < e->evidence.start && field[ws] != ' ' && field[ws] != '\n')
			ws++;
	}
	if (we - e->evidence.end > WINDOW) {
		we = e->evidence.end + WINDOW;
		while (we > e->evidence.end && field[we] != ' ' && field[we] != '\n')
			we--;
	}
	if (rasd_doc_parse(a, field + ws, we - ws, &doc) != RASD_OK)
		return;
	ts = (uint32_t)(e->evidence.start - ws);
	te = (uint32_t)(e->evidence.end - ws);
	first = doc.ntokens;
	last = 0;
	for (i = 0; i < doc.ntokens; i++) {
		if (doc.tokens[i].start >= ts && doc.tokens[i].end <= te) {
			if (first == doc.ntokens)
				first = i;
			last = i;
		}
	}
	if (first == doc.ntokens)
		return;
	for (i = first; i <= last; i++)
		if (doc.tokens[i].kind == RASD_TOK_WORD)
			feat(f, "trig=%s%s", doc.tokens[i].key, NULL);
	for (i = first >= 4 ? first - 4 : 0; i < first; i++)
		if (doc.tokens[i].kind == RASD_TOK_WORD)
			feat(f, "before=%s%s", doc.tokens[i].key, NULL);
	for (i = last + 1; i < doc.ntokens && i <= last + 4; i++)
		if (doc.tokens[i].kind == RASD_TOK_WORD)
			feat(f, "after=%s%s", doc.tokens[i].key, NULL);
	if (first > 0 && doc.tokens[first - 1].kind == RASD_TOK_WORD)
		feat(f, "prev=%s%s", doc.tokens[first - 1].key, NULL);
	if (last + 1 < doc.ntokens && doc.tokens[last + 1].kind == RASD_TOK_WORD)
		feat(f, "next=%s%s", doc.tokens[last + 1].key, NULL);
	if (ws == e->evidence.sent_start && doc.tokens[0].kind == RASD_TOK_WORD)
		feat(f, "first=%s%s", doc.tokens[0].key, NULL);
	/* the clause: back to the last comma or colon, forward to the next */
	{
		size_t cs = first, ce = last, words = 0;
		while (cs > 0 && !(doc.tokens[cs - 1].flags & (RASD_TOKF_CLAUSE | RASD_TOKF_TERMINAL)))
			cs--;
		while (ce + 1 < doc.ntokens &&
		       !(doc.tokens[ce + 1].flags & (RASD_TOKF_CLAUSE | RASD_TOKF_TERMINAL)))
			ce++;
		for (i = cs; i < first && words < 8; i++)
			if (doc.tokens[i].kind == RASD_TOK_WORD && first - i > 4) {
				feat(f, "clause=%s%s", doc.tokens[i].key, NULL);
				words++;
			}
		snprintf(num, sizeof(num), "%d", cs == 0 ? 0 : 1);
		feat(f, "clause-start=%s%s", num, NULL);
		snprintf(num, sizeof(num), "%d", ce - cs < 6 ? 0 : ce - cs < 15 ? 1 : 2);
		feat(f, "clause-len=%s%s", num, NULL);
	}
	snprintf(num, sizeof(num), "%d", first == 0 ? 0 : first < 4 ? 1 : 2);
	feat(f, "trig-at=%s%s", num, NULL);
	snprintf(num, sizeof(num), "%d", doc.ntokens < 12 ? 0 : doc.ntokens < 40 ? 1 : 2);
	feat(f, "sent-len=%s%s", num, NULL);
	for (i = 0; i < doc.ntokens; i++)
		if (doc.tokens[i].flags & RASD_TOKF_QUOTE) {
			feat(f, "quoted%s%s", NULL, NULL);
			break;
		}
	for (i = 0; i < doc.ntokens; i++)
		if (doc.tokens[i].flags & RASD_TOKF_HASHTAG) {
			feat(f, "hashtag%s%s", NULL, NULL);
			break;
		}
	if (we == e->evidence.sent_end && doc.ntokens &&
	    !(doc.tokens[doc.ntokens - 1].flags & RASD_TOKF_TERMINAL))
		feat(f, "no-full-stop%s%s", NULL, NULL);
}

void learn_features(const struct rasd_article *art, const struct rasd_event *ev, size_t nev,
		    size_t i, struct rasd_arena *a, struct featset *f)
{
	static const long pos_edges[] = {1, 200, 800, 2000};
	static const long fat_edges[] = {1, 2, 5, 20};
	const struct rasd_event *e = &ev[i];
	char num[32];
	size_t k;

	f->n = 0;
	feat(f, "bias%s%s", NULL, NULL);
	feat(f, "class=%s%s", rasd_event_class_name(e->cls), NULL);
	feat(f, "sub=%s%s", e->sub_event_type, NULL);
	feat(f, "type=%s%s", e->event_type, NULL);
	feat(f, "a1=%s%s", e->actor1 ? e->actor1->code : "none", NULL);
	feat(f, "a2=%s%s", e->actor2 ? e->actor2->code : "none", NULL);
	snprintf(num, sizeof(num), "%d", e->actor1 ? e->actor1->inter : 0);
	feat(f, "inter1=%s%s", num, NULL);
	snprintf(num, sizeof(num), "%d", e->actor2 ? e->actor2->inter : 0);
	feat(f, "inter2=%s%s", num, NULL);
	snprintf(num, sizeof(num), "%d%d", e->actor1 ? e->actor1->inter : 0,
		 e->actor2 ? e->actor2->inter : 0);
	feat(f, "inter=%s/%s", num, e->event_type);
	snprintf(num, sizeof(num), "%d", e->has_coords ? e->geo_precision : 0);
	feat(f, "geo=%s%s", num, NULL);
	feat(f, "%s%s", e->location ? "place" : "noplace", NULL);
	if (e->place)
		feat(f, "country=%s%s", e->country, NULL);
	snprintf(num, sizeof(num), "%d", e->has_date ? e->time_precision : 0);
	feat(f, "time=%s%s", num, NULL);
	feat(f, "fat=%s%s", bucket(e->fatalities, fat_edges, 4, num, sizeof(num)), NULL);
	feat(f, "modality=%s%s",
	     e->modality == RASD_MOD_CLAIMED  ? "claimed"
	     : e->modality == RASD_MOD_FOILED ? "foiled"
					      : "reported",
	     NULL);
	feat(f, "%s%s", e->evidence.field == RASD_FIELD_TITLE ? "in-title" : "in-text", NULL);
	feat(f, "pos=%s%s", bucket(e->evidence.sent_start, pos_edges, 4, num, sizeof(num)), NULL);
	if (e->merged)
		feat(f, "merged%s%s", NULL, NULL);
	if (e->consequence)
		feat(f, "consequence%s%s", NULL, NULL);
	snprintf(num, sizeof(num), "%d", (int)(e->confidence * 10 + 0.5));
	feat(f, "rule-conf=%s%s", num, NULL);
	for (k = 0; k < e->ntrace; k++)
		if (e->trace[k].rule)
			feat(f, "rule=%s%s", e->trace[k].rule, NULL);
	article_features(ev, nev, i, f);
	sentence_features(art, e, a, f);
}
