/*
 * trace.c - the record of the stages' decisions, for `rasd extract
 * --explain` and `--dropped`: each named rule (rules.h) with the words it
 * looked at, as byte offsets into the original text. Only called when the
 * caller asked for a trace (frame.tr or ctx.trace set), so extraction
 * without one pays a pointer test per decision. Part of extract/.
 */
#include "frame.h"

static const struct {
	const char *name, *description;
} rules[R_COUNT] = {
#define X(id, name, description) {name, description},
	RASD_RULES(X)
#undef X
};

const char *rasd_rule_name(size_t i, const char **description)
{
	if (i >= R_COUNT)
		return NULL;
	if (description)
		*description = rules[i].description;
	return rules[i].name;
}

/* Room for one more step in (*steps, n, cap), in the arena. */
static struct rasd_trace_step *grow(struct ctx *c, struct rasd_trace_step **steps, size_t n,
				    size_t *cap, size_t more)
{
	struct rasd_trace_step *nv;
	size_t ncap = *cap ? *cap : 8;
	if (n + more <= *cap)
		return *steps;
	while (ncap < n + more)
		ncap *= 2;
	nv = rasd_arena_alloc(c->a, ncap * sizeof(*nv));
	if (!nv) {
		c->trace_oom = true;
		return NULL;
	}
	if (n)
		memcpy(nv, *steps, n * sizeof(*nv));
	*steps = nv;
	*cap = ncap;
	return nv;
}

static void span(const struct ctx *c, struct rasd_trace_step *st, uint32_t from, uint32_t to)
{
	if (from >= to || to > c->doc->ntokens || st->nspans >= RASD_TRACE_SPANS)
		return;
	st->spans[st->nspans].start = c->doc->tokens[from].start;
	st->spans[st->nspans].end = c->doc->tokens[to - 1].end;
	st->nspans++;
}

void trace_rule(const struct ctx *c, struct frame_trace *tr, enum rule r, uint32_t from,
		uint32_t to, uint32_t from2, uint32_t to2)
{
	/* the context is the caller's own; only its arena and OOM flag change */
	struct ctx *mc = (struct ctx *)c;
	struct rasd_trace_step *st;
	if (!grow(mc, &tr->steps, tr->n, &tr->cap, 1))
		return;
	st = &tr->steps[tr->n++];
	memset(st, 0, sizeof(*st));
	st->rule = rules[r].name;
	st->field = c->field;
	span(c, st, from, to);
	span(c, st, from2, to2);
}

void trace_keep(const struct frame *f, struct rasd_event *e)
{
	if (!f->tr)
		return;
	e->trace = f->tr->steps;
	e->ntrace = f->tr->n;
}

/* An event keeps at most this many steps. Each step added or merge
 * copies the event's steps into a new arena array, so an event merged
 * from thousands of mentions (one sentence listing a place after place)
 * would cost memory quadratic in them; the first steps, which made the
 * event and its first merges, are kept. */
#define MAX_EVENT_STEPS 64

/* A new array for e: its steps, then room for `more`. */
static struct rasd_trace_step *event_steps(struct ctx *c, struct rasd_event *e, size_t more)
{
	struct rasd_trace_step *nv = NULL;
	size_t cap = 0;
	nv = grow(c, &nv, 0, &cap, e->ntrace + more);
	if (!nv)
		return NULL;
	if (e->ntrace)
		memcpy(nv, e->trace, e->ntrace * sizeof(*nv));
	return nv;
}

void trace_event(struct ctx *c, struct rasd_event *e, enum rule r, uint32_t start, uint32_t end)
{
	struct rasd_trace_step *nv;
	if (!c->trace || e->ntrace >= MAX_EVENT_STEPS)
		return;
	nv = event_steps(c, e, 1);
	if (!nv)
		return;
	memset(&nv[e->ntrace], 0, sizeof(nv[0]));
	nv[e->ntrace].rule = rules[r].name;
	nv[e->ntrace].field = e->evidence.field;
	if (start < end) {
		nv[e->ntrace].spans[0].start = start;
		nv[e->ntrace].spans[0].end = end;
		nv[e->ntrace].nspans = 1;
	}
	e->trace = nv;
	e->ntrace++;
}

void trace_merge(struct ctx *c, struct rasd_event *o, const struct rasd_event *e, enum rule r)
{
	struct rasd_trace_step *nv;
	size_t n, more;
	if (!c->trace || o->ntrace >= MAX_EVENT_STEPS)
		return;
	n = o->ntrace;
	more = e->ntrace < MAX_EVENT_STEPS - n - 1 ? e->ntrace : MAX_EVENT_STEPS - n - 1;
	nv = event_steps(c, o, 1 + more);
	if (!nv)
		return;
	memset(&nv[n], 0, sizeof(nv[0]));
	nv[n].rule = rules[r].name;
	nv[n].field = e->evidence.field;
	nv[n].spans[0].start = e->evidence.start;
	nv[n].spans[0].end = e->evidence.end;
	nv[n].nspans = 1;
	if (more)
		memcpy(&nv[n + 1], e->trace, more * sizeof(*nv));
	o->trace = nv;
	o->ntrace = n + 1 + more;
}

void trace_drop(struct ctx *c, const struct frame *f)
{
	struct rasd_trace *t = c->trace;
	struct rasd_dropped_frame *d;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	if (!t || !t->dropped || !f->tr)
		return;
	if (t->ndrops == c->drops_cap) {
		size_t ncap = c->drops_cap ? c->drops_cap * 2 : 8;
		struct rasd_dropped_frame *nv = rasd_arena_alloc(c->a, ncap * sizeof(*nv));
		if (!nv) {
			c->trace_oom = true;
			return;
		}
		if (t->ndrops)
			memcpy(nv, t->drops, t->ndrops * sizeof(*nv));
		t->drops = nv;
		c->drops_cap = ncap;
	}
	d = &t->drops[t->ndrops++];
	memset(d, 0, sizeof(*d));
	d->rule = f->tr->n ? f->tr->steps[f->tr->n - 1].rule : "";
	d->trigger = surface_span(c->a, c->doc, f->trig->tok, f->trig->tok + f->trig->ntok, 0);
	d->evidence.field = c->field;
	d->evidence.start = c->doc->tokens[f->trig->tok].start;
	d->evidence.end = c->doc->tokens[f->trig->tok + f->trig->ntok - 1].end;
	d->evidence.sent_start = s->start;
	d->evidence.sent_end = s->end;
	d->trace = f->tr->steps;
	d->ntrace = f->tr->n;
}
