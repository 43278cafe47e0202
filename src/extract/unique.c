/*
 * unique.c - drops exact repetitions from an article's events: the same
 * event (same id, date, type, actors, place, toll and evidence) coded
 * twice is one event. Part of extract/.
 */
#include "rasd.h"

#include <stdlib.h>
#include <string.h>

static bool str_same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b || (!a && !*b) || (!b && !*a);
	return strcmp(a, b) == 0;
}

bool rasd_event_same(const struct rasd_event *a, const struct rasd_event *b)
{
	return strcmp(a->event_id, b->event_id) == 0 && a->has_date == b->has_date &&
	       (!a->has_date || a->date == b->date) && a->time_precision == b->time_precision &&
	       str_same(a->event_type, b->event_type) &&
	       str_same(a->sub_event_type, b->sub_event_type) && a->actor1 == b->actor1 &&
	       a->assoc_actor1 == b->assoc_actor1 && a->actor2 == b->actor2 &&
	       a->assoc_actor2 == b->assoc_actor2 && str_same(a->location, b->location) &&
	       str_same(a->admin1, b->admin1) && str_same(a->admin2, b->admin2) &&
	       str_same(a->country, b->country) && a->has_coords == b->has_coords &&
	       (!a->has_coords || (a->latitude == b->latitude && a->longitude == b->longitude)) &&
	       a->fatalities == b->fatalities && a->modality == b->modality &&
	       a->evidence.field == b->evidence.field && a->evidence.start == b->evidence.start &&
	       a->evidence.end == b->evidence.end;
}

static uint64_t id_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Repetitions share their id, so only events with equal ids are compared:
 * a table of the kept events by id keeps this linear. */
size_t rasd_events_unique(struct rasd_event *ev, size_t n)
{
	size_t cap = 16, i, out = 0;
	size_t *slot;

	while (cap < 2 * n)
		cap *= 2;
	if (n < 2)
		return n;
	slot = calloc(cap, sizeof(*slot)); /* kept index + 1; 0 is empty */
	if (!slot)
		return n; /* out of memory: keep everything rather than lose events */
	for (i = 0; i < n; i++) {
		size_t h = (size_t)id_hash(ev[i].event_id) & (cap - 1);
		bool dup = false;
		while (slot[h] && !dup) {
			dup = rasd_event_same(&ev[slot[h] - 1], &ev[i]);
			h = (h + 1) & (cap - 1);
		}
		if (dup)
			continue;
		if (out != i)
			ev[out] = ev[i];
		slot[h] = ++out;
	}
	free(slot);
	return out;
}
