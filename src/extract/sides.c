/*
 * sides.c - the sides an article's events show, used on finished events to
 * fill in what a clause left unsaid: the enemy of a side that strikes or
 * fights without a named target (an article tells one front), and the force
 * that broke up a protest. Built once per pass from the events in linear
 * time: who fought whom in each country, who fought beside whom, which state
 * or foreign force acts there. Reads the actors' allies (actors.tsv). Part of
 * extract/ (see frame.h), after merges and before unnamed perpetrators
 * become UNK.
 */
#include "frame.h"

/* What the events in one country show. */
struct country_sides {
	const char *cc;
	uint8_t *opposed; /* nact x nact, or NULL: a fought b there (either way) */
	int32_t *enemy;	  /* per actor: its one enemy there, -1 none, -2 not yet asked */
	const struct rasd_actor *force; /* the one state or foreign force acting there */
	bool forces_many;
};

struct sides {
	const struct rasd_actor *base; /* actor i is base + i */
	uint32_t nact;
	uint8_t *partner; /* nact x nact: actor and associate in some event */
	struct country_sides *cc;
	size_t ncc;
};

static bool fighting_type(const struct rasd_event *e)
{
	return strcmp(e->event_type, T_BATTLES) == 0 || strcmp(e->event_type, T_ERV) == 0;
}

/* Fights whose target is the other side of the front: battles, air raids and
 * shelling. A bomb, a suicide attack or a grenade hits whoever is there. */
static bool front_type(const struct rasd_event *e)
{
	return strcmp(e->event_type, T_BATTLES) == 0 ||
	       strcmp(e->sub_event_type, "Air/drone strike") == 0 ||
	       strcmp(e->sub_event_type, "Shelling/artillery/missile attack") == 0;
}

/* Does the '|'-separated code list `list` hold `code`? */
static bool code_listed(const char *list, const char *code)
{
	size_t n = strlen(code);
	const char *p = list;
	while (p && *p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && memcmp(p, code, n) == 0)
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

/* Allies by actors.tsv (the army and the settlers, the coalition and the
 * Yemeni government): never each other's enemy by inference. */
static bool allied(const struct rasd_actor *a, const struct rasd_actor *b)
{
	return code_listed(a->allies, b->code) || code_listed(b->allies, a->code);
}

static int32_t actor_index(const struct sides *s, const struct rasd_actor *a)
{
	if (!a || a < s->base || a >= s->base + s->nact)
		return -1;
	return (int32_t)(a - s->base);
}

static struct country_sides *country_of(struct sides *s, const char *cc)
{
	size_t i;
	for (i = 0; cc && i < s->ncc; i++)
		if (strcmp(s->cc[i].cc, cc) == 0)
			return &s->cc[i];
	return NULL;
}

static bool is_force(const struct rasd_actor *a)
{
	return a && (a->inter == 1 || a->inter == 8);
}

static void note_force(struct country_sides *k, const struct rasd_actor *a)
{
	if (!is_force(a))
		return;
	if (k->force && k->force != a)
		k->forces_many = true;
	k->force = a;
}

/* The sides of the events of l; false when out of memory (then nothing is
 * inferred). Countries are at most the lexicon's, so the look-ups stay
 * linear in the number of events. */
static bool sides_build(struct ctx *c, const struct event_list *l, struct sides *s)
{
	size_t i, cap = 0;
	const struct rasd_actor *a;

	memset(s, 0, sizeof *s);
	s->base = rasd_lex_actor(c->lex, 0);
	while ((a = rasd_lex_actor(c->lex, s->nact)) != NULL)
		s->nact++;
	if (!s->base || l->n == 0)
		return false;
	for (i = 0; i < l->n; i++)
		if (l->ev[i].country && !country_of(s, l->ev[i].country)) {
			if (s->ncc == cap) {
				size_t ncap = cap ? 2 * cap : 8;
				struct country_sides *n = rasd_arena_calloc(c->a, ncap, sizeof *n);
				if (!n)
					return false;
				if (s->ncc)
					memcpy(n, s->cc, s->ncc * sizeof *n);
				s->cc = n;
				cap = ncap;
			}
			s->cc[s->ncc++].cc = l->ev[i].country;
		}
	s->partner = rasd_arena_calloc(c->a, (size_t)s->nact * s->nact, 1);
	if (!s->partner)
		return false;
	for (i = 0; i < l->n; i++) {
		const struct rasd_event *e = &l->ev[i];
		struct country_sides *k = country_of(s, e->country);
		int32_t x = actor_index(s, e->actor1), y = actor_index(s, e->actor2), p;
		if ((p = actor_index(s, e->assoc_actor1)) >= 0 && x >= 0)
			s->partner[x * s->nact + p] = s->partner[p * s->nact + x] = 1;
		if ((p = actor_index(s, e->assoc_actor2)) >= 0 && y >= 0)
			s->partner[y * s->nact + p] = s->partner[p * s->nact + y] = 1;
		if (!k)
			continue;
		note_force(k, e->actor1);
		note_force(k, e->actor2);
		if (x < 0 || y < 0 || x == y || !fighting_type(e))
			continue;
		if (!k->opposed) {
			k->opposed = rasd_arena_calloc(c->a, (size_t)s->nact * s->nact, 1);
			k->enemy = rasd_arena_alloc(c->a, s->nact * sizeof *k->enemy);
			if (!k->opposed || !k->enemy)
				return false;
			for (p = 0; p < (int32_t)s->nact; p++)
				k->enemy[p] = -2;
		}
		k->opposed[x * s->nact + y] = k->opposed[y * s->nact + x] = 1;
	}
	return true;
}

/* Is b on x's side: x itself, an ally, or its partner in some event
 * (الجيش بإسناد من التحالف: actor1 and its associate)? */
static bool on_side(const struct sides *s, uint32_t x, uint32_t b)
{
	return b == x || s->partner[x * s->nact + b] || allied(s->base + x, s->base + b);
}

/* The one armed enemy x's side fights in country k, or -1. */
static int32_t enemy_of(const struct sides *s, struct country_sides *k, uint32_t x,
			const struct rasd_actor *unk)
{
	uint32_t y, m;
	int32_t found = -1;
	if (!k->opposed)
		return -1;
	if (k->enemy[x] != -2)
		return k->enemy[x];
	for (y = 0; y < s->nact && found != -3; y++) {
		const struct rasd_actor *ya = s->base + y;
		if (ya == unk || !actor_armed(ya) || on_side(s, x, y))
			continue;
		for (m = 0; m < s->nact; m++)
			if (k->opposed[m * s->nact + y] && on_side(s, x, m))
				break;
		if (m == s->nact)
			continue;
		found = found == -1 ? (int32_t)y : -3;
	}
	k->enemy[x] = found < 0 ? -1 : found;
	return k->enemy[x];
}

/* A battle or a strike whose clause names no target (مدفعية الجيش دمرت
 * بدورها، عدداً من مواقع ...; غارات التحالف استهدفت ذات المنطقة) was fought
 * against the enemy the same article has that side fight in its other
 * events in that country, when it has exactly one: an article tells one
 * front. Unidentified groups and civilians are no such enemy, nor an ally.
 * Decided on the events as the text gave them, then applied, so that one
 * inference never feeds the next. */
void article_opponents(struct ctx *c, struct event_list *l)
{
	const struct rasd_actor *unk = rasd_lex_actor_by_code(c->lex, "UNK", NULL);
	struct sides s;
	int32_t *found;
	size_t i;
	if (l->n < 2 || !sides_build(c, l, &s))
		return;
	found = rasd_arena_alloc(c->a, l->n * sizeof *found);
	if (!found)
		return; /* the events stay as the text gave them */
	for (i = 0; i < l->n; i++) {
		const struct rasd_event *e = &l->ev[i];
		struct country_sides *k = country_of(&s, e->country);
		int32_t x = actor_index(&s, e->actor1);
		found[i] = -1;
		if (x < 0 || e->actor2 || !k || e->actor1 == unk || !actor_armed(e->actor1) ||
		    !front_type(e))
			continue;
		found[i] = enemy_of(&s, k, (uint32_t)x, unk);
	}
	for (i = 0; i < l->n; i++)
		if (found[i] >= 0) {
			l->ev[i].actor2 = s.base + found[i];
			trace_event(c, &l->ev[i], R_ACTORS_ARTICLE_OPPONENT, l->ev[i].evidence.start,
				    l->ev[i].evidence.end);
		}
}

/* The state forces (inter 1) of a country, first in actors.tsv, or NULL */
static const struct rasd_actor *national_force(const struct sides *s, const char *country)
{
	uint32_t i;
	for (i = 0; country && i < s->nact; i++)
		if (s->base[i].inter == 1 && strcmp(s->base[i].country, country) == 0 &&
		    strcmp(s->base[i].code, "STATE") != 0)
			return &s->base[i];
	return NULL;
}

static bool crowd(const struct rasd_actor *a)
{
	return a && (a->inter == 5 || a->inter == 6);
}

/* A protest broken up (فرقت الشرطة المتظاهرين، اعتقلت عددا منهم) has the
 * protesters as actor1 and the force that broke it up as actor2, as ACLED
 * codes it: the force the clause named (read as actor1 when it is the
 * clause's subject), else the one state or foreign force the article has
 * act in that country (the Israeli army in a report from Gaza), else the
 * country's own state forces; never the civilians or the crowd. A peaceful
 * protest has no side acted upon. */
void protest_counterparts(struct ctx *c, struct event_list *l)
{
	const struct rasd_actor *protesters = rasd_lex_actor_by_code(c->lex, "PROTESTERS", NULL);
	struct sides s;
	size_t i;
	if (!protesters || !sides_build(c, l, &s))
		return;
	for (i = 0; i < l->n; i++) {
		struct rasd_event *e = &l->ev[i];
		const struct rasd_actor *force;
		struct country_sides *k;
		if (strcmp(e->sub_event_type, "Peaceful protest") == 0 && e->actor2 == c->civ) {
			e->actor2 = NULL;
			continue;
		}
		if (strcmp(e->sub_event_type, "Protest with intervention") != 0 ||
		    !(k = country_of(&s, e->country)))
			continue;
		if (e->actor2 && e->actor2 != c->civ && !crowd(e->actor2))
			continue;
		if (e->actor1 && e->actor1 != c->civ && !crowd(e->actor1))
			force = e->actor1; /* فرقت قوات الأمن الاحتجاج: the subject */
		else if (k->force && !k->forces_many)
			force = k->force;
		else
			force = national_force(&s, e->country);
		if (!force)
			continue;
		e->actor1 = protesters;
		e->actor2 = force;
		trace_event(c, e, R_ACTORS_PROTEST_FORCE, e->evidence.start, e->evidence.end);
	}
}
