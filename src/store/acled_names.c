/*
 * acled_names.c - the facts an ACLED-true export needs beyond the events:
 * English names of places and of their governorate, district and
 * sub-district (from the lexicon's gazetteer and data/admin3.tsv), and the
 * name and scale of each outlet (data/outlets.tsv). Built once per export
 * from data, then only read. Part of store/; acled.c writes the rows.
 */
#include "acled.h"

#include "../lex/tsv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sub_district {
	const char *place_id, *pcode, *name_ar, *name_en;
};

struct outlet {
	const char *key, *name, *scale;
};

struct rasd_acled {
	const struct rasd_lexicon *lex; /* borrowed */
	struct rasd_arena arena;
	uint32_t *by_coord; /* place indexes by (lat, lon) */
	size_t ncoord;
	uint32_t *units; /* admin1 and admin2 rows by (country, admin1, name) */
	size_t nunits;
	uint32_t *by_name; /* every place by (country, name) */
	size_t nnames;
	struct sub_district *subs; /* by place id */
	size_t nsubs;
	struct outlet *outlets; /* by key */
	size_t noutlets;
};

static const struct rasd_lexicon *sort_lex; /* qsort has no context argument */

static long long coord_key(double v)
{
	return llround(v * 1e5);
}

static int cmp_coord(const void *a, const void *b)
{
	const struct rasd_place *p = rasd_lex_place(sort_lex, *(const uint32_t *)a);
	const struct rasd_place *q = rasd_lex_place(sort_lex, *(const uint32_t *)b);
	long long x = coord_key(p->lat), y = coord_key(q->lat);
	if (x != y)
		return x < y ? -1 : 1;
	x = coord_key(p->lon);
	y = coord_key(q->lon);
	if (x != y)
		return x < y ? -1 : 1;
	/* the most general unit first: a town sharing its district's centroid
	 * is found by name, not by position */
	if (p->kind != q->kind)
		return p->kind < q->kind ? -1 : 1;
	return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

/* Units are keyed by (country, kind, admin1, name); a governorate's own
 * admin1 (itself) is left out of its key. */
static const char *unit_admin1(const struct rasd_place *q)
{
	return q->kind == RASD_PLACE_ADMIN1 || !q->admin1 ? "" : q->admin1;
}

static int cmp_unit_key(const char *country, int kind, const char *admin1, const char *name,
			const struct rasd_place *q)
{
	int c = strcmp(country, q->country);
	if (!c)
		c = kind - (int)q->kind;
	if (!c)
		c = strcmp(admin1, unit_admin1(q));
	if (!c)
		c = strcmp(name, q->name);
	return c;
}

static int cmp_unit(const void *a, const void *b)
{
	const struct rasd_place *p = rasd_lex_place(sort_lex, *(const uint32_t *)a);
	const struct rasd_place *q = rasd_lex_place(sort_lex, *(const uint32_t *)b);
	return cmp_unit_key(p->country, (int)p->kind, unit_admin1(p), p->name, q);
}

static int cmp_name(const void *a, const void *b)
{
	const struct rasd_place *p = rasd_lex_place(sort_lex, *(const uint32_t *)a);
	const struct rasd_place *q = rasd_lex_place(sort_lex, *(const uint32_t *)b);
	int c = strcmp(p->country, q->country);
	if (!c)
		c = strcmp(p->name, q->name);
	if (!c && p->kind != q->kind)
		c = p->kind < q->kind ? -1 : 1;
	if (!c)
		c = *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
	return c;
}

static int cmp_sub(const void *a, const void *b)
{
	return strcmp(((const struct sub_district *)a)->place_id,
		      ((const struct sub_district *)b)->place_id);
}

static int cmp_outlet(const void *a, const void *b)
{
	return strcmp(((const struct outlet *)a)->key, ((const struct outlet *)b)->key);
}

static char *field_dup(struct rasd_arena *a, const struct tsv *t, size_t i)
{
	return rasd_arena_strndup(a, t->field[i].p, t->field[i].n);
}

/* Lower-case ASCII copy: outlet keys are matched without case. */
static void ascii_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static const char *const scales[] = {"International", "Regional", "National", "Subnational",
				     "Local partner", "New media", "Other", NULL};

static bool scale_ok(const char *s, size_t n)
{
	/* one scale, or two joined with '-' (National-International) */
	size_t i, k;
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '-')
			continue;
		for (k = 0; scales[k]; k++)
			if (strlen(scales[k]) == i && memcmp(scales[k], s, i) == 0)
				break;
		if (scales[k]) {
			if (i == n)
				return true;
			s += i + 1;
			n -= i + 1;
			i = (size_t)-1;
			continue;
		}
		if (i == n)
			return false;
	}
	return false;
}

static enum rasd_status load_outlets(struct rasd_acled *x, const char *path, struct rasd_error *err)
{
	struct tsv t;
	size_t cap = 0;
	int r;
	enum rasd_status st = tsv_open(&t, path, err);

	if (st != RASD_OK)
		return st;
	while ((r = tsv_next(&t, err)) > 0) {
		struct outlet *o;
		if (t.nfields != 3) {
			st = tsv_fail(&t, err, t.nfields, "expected 3 columns (key, name, scale), found %zu",
				      t.nfields);
			goto out;
		}
		if (!t.field[0].n || !t.field[1].n) {
			st = tsv_fail(&t, err, t.field[0].n ? 2 : 1, "empty field");
			goto out;
		}
		if (!scale_ok(t.field[2].p, t.field[2].n)) {
			st = tsv_fail(&t, err, 3,
				      "'%.*s' is not an ACLED source scale (International, Regional, "
				      "National, Subnational, Local partner, New media, Other, or two "
				      "joined with '-')",
				      (int)t.field[2].n, t.field[2].p);
			goto out;
		}
		if (x->noutlets == cap) {
			size_t ncap = cap ? 2 * cap : 32;
			struct outlet *no = realloc(x->outlets, ncap * sizeof(*no));
			if (!no) {
				st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
				goto out;
			}
			x->outlets = no;
			cap = ncap;
		}
		o = &x->outlets[x->noutlets];
		o->key = field_dup(&x->arena, &t, 0);
		o->name = field_dup(&x->arena, &t, 1);
		o->scale = field_dup(&x->arena, &t, 2);
		if (!o->key || !o->name || !o->scale) {
			st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			goto out;
		}
		ascii_lower((char *)o->key);
		x->noutlets++;
	}
	if (r < 0)
		st = RASD_ESYNTAX;
	else if (x->noutlets)
		qsort(x->outlets, x->noutlets, sizeof(*x->outlets), cmp_outlet);
out:
	tsv_close(&t);
	return st;
}

static enum rasd_status load_subs(struct rasd_acled *x, const char *path, struct rasd_error *err)
{
	struct tsv t;
	size_t cap = 0;
	int r;
	enum rasd_status st = tsv_open(&t, path, err);

	if (st != RASD_OK)
		return st;
	while ((r = tsv_next(&t, err)) > 0) {
		struct sub_district *s;
		size_t k;
		if (t.nfields != 4) {
			st = tsv_fail(&t, err, t.nfields,
				      "expected 4 columns (place_id, pcode, name_ar, name_en), found %zu",
				      t.nfields);
			goto out;
		}
		for (k = 0; k < 4; k++)
			if (!t.field[k].n) {
				st = tsv_fail(&t, err, k + 1, "empty field");
				goto out;
			}
		if (x->nsubs == cap) {
			size_t ncap = cap ? 2 * cap : 256;
			struct sub_district *ns = realloc(x->subs, ncap * sizeof(*ns));
			if (!ns) {
				st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
				goto out;
			}
			x->subs = ns;
			cap = ncap;
		}
		s = &x->subs[x->nsubs];
		s->place_id = field_dup(&x->arena, &t, 0);
		s->pcode = field_dup(&x->arena, &t, 1);
		s->name_ar = field_dup(&x->arena, &t, 2);
		s->name_en = field_dup(&x->arena, &t, 3);
		if (!s->place_id || !s->pcode || !s->name_ar || !s->name_en) {
			st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			goto out;
		}
		x->nsubs++;
	}
	if (r < 0)
		st = RASD_ESYNTAX;
	else if (x->nsubs)
		qsort(x->subs, x->nsubs, sizeof(*x->subs), cmp_sub);
out:
	tsv_close(&t);
	return st;
}

static enum rasd_status index_places(struct rasd_acled *x, struct rasd_error *err)
{
	size_t n = rasd_lex_place_count(x->lex), i;

	x->by_coord = calloc(n ? n : 1, sizeof(*x->by_coord));
	x->units = calloc(n ? n : 1, sizeof(*x->units));
	x->by_name = calloc(n ? n : 1, sizeof(*x->by_name));
	if (!x->by_coord || !x->units || !x->by_name)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	for (i = 0; i < n; i++) {
		const struct rasd_place *p = rasd_lex_place(x->lex, (uint32_t)i);
		x->by_coord[x->ncoord++] = (uint32_t)i;
		x->by_name[x->nnames++] = (uint32_t)i;
		if (p->kind == RASD_PLACE_ADMIN1 || p->kind == RASD_PLACE_ADMIN2)
			x->units[x->nunits++] = (uint32_t)i;
	}
	sort_lex = x->lex;
	qsort(x->by_coord, x->ncoord, sizeof(*x->by_coord), cmp_coord);
	qsort(x->units, x->nunits, sizeof(*x->units), cmp_unit);
	qsort(x->by_name, x->nnames, sizeof(*x->by_name), cmp_name);
	sort_lex = NULL;
	return RASD_OK;
}

enum rasd_status rasd_acled_new(const struct rasd_lexicon *lex, const char *data_dir,
				struct rasd_acled **out, struct rasd_error *err)
{
	struct rasd_acled *x = calloc(1, sizeof(*x));
	char path[4096];
	enum rasd_status st;

	*out = NULL;
	if (!x)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	rasd_arena_init(&x->arena, 0);
	x->lex = lex;
	st = lex ? index_places(x, err) : RASD_OK;
	if (st == RASD_OK && data_dir) {
		snprintf(path, sizeof(path), "%.4000s/admin3.tsv", data_dir);
		st = load_subs(x, path, err);
		if (st == RASD_OK) {
			snprintf(path, sizeof(path), "%.4000s/outlets.tsv", data_dir);
			st = load_outlets(x, path, err);
		}
	}
	if (st != RASD_OK) {
		rasd_acled_free(x);
		return st;
	}
	*out = x;
	return RASD_OK;
}

void rasd_acled_free(struct rasd_acled *x)
{
	if (!x)
		return;
	free(x->by_coord);
	free(x->units);
	free(x->by_name);
	free(x->subs);
	free(x->outlets);
	rasd_arena_release(&x->arena);
	free(x);
}

/* A unit (governorate or district) of country by its Arabic name. */
static const struct rasd_place *unit(const struct rasd_acled *x, const char *country,
				     const char *admin1, enum rasd_place_kind kind,
				     const char *name)
{
	size_t lo = 0, hi = x->nunits;
	if (!country || !name || !*name)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct rasd_place *q = rasd_lex_place(x->lex, x->units[mid]);
		int c = cmp_unit_key(country, (int)kind, kind == RASD_PLACE_ADMIN1 ? "" : admin1,
				     name, q);
		if (c == 0)
			return q;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The most general place of country named `name` (Arabic), or NULL: a
 * division abroad that the gazetteer lists only as its capital city. */
static const struct rasd_place *named(const struct rasd_acled *x, const char *country,
				      const char *name)
{
	size_t lo = 0, hi = x->nnames;
	if (!country || !name || !*name)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct rasd_place *q = rasd_lex_place(x->lex, x->by_name[mid]);
		int c = strcmp(country, q->country);
		if (!c)
			c = strcmp(name, q->name);
		if (c <= 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo < x->nnames) {
		const struct rasd_place *q = rasd_lex_place(x->lex, x->by_name[lo]);
		if (strcmp(q->country, country) == 0 && strcmp(q->name, name) == 0)
			return q;
	}
	return NULL;
}

/* The gazetteer place an event's coordinates were taken from: same
 * position and country, the one named like the event's location first. */
static const struct rasd_place *place_at(const struct rasd_acled *x, const struct rasd_event *e)
{
	long long la = coord_key(e->latitude), lo = coord_key(e->longitude);
	size_t a = 0, b = x->ncoord, i;
	const struct rasd_place *best = NULL;

	while (a < b) {
		size_t mid = a + (b - a) / 2;
		const struct rasd_place *q = rasd_lex_place(x->lex, x->by_coord[mid]);
		long long qa = coord_key(q->lat), qo = coord_key(q->lon);
		if (qa < la || (qa == la && qo < lo))
			a = mid + 1;
		else
			b = mid;
	}
	for (i = a; i < x->ncoord; i++) {
		const struct rasd_place *q = rasd_lex_place(x->lex, x->by_coord[i]);
		if (coord_key(q->lat) != la || coord_key(q->lon) != lo)
			break;
		if (e->country && *e->country && strcmp(q->country, e->country) != 0)
			continue;
		if (e->location && strcmp(q->name, e->location) == 0)
			return q;
		if (!best)
			best = q;
	}
	return best;
}

static const struct sub_district *sub_of(const struct rasd_acled *x, const struct rasd_place *p)
{
	struct sub_district key = {p->id, NULL, NULL, NULL};
	if (!p->id || !x->nsubs)
		return NULL;
	return bsearch(&key, x->subs, x->nsubs, sizeof(*x->subs), cmp_sub);
}

void rasd_acled_places(const struct rasd_acled *x, const struct rasd_event *e,
		       struct rasd_acled_places *out)
{
	const struct rasd_place *p = e->place, *u;
	const struct sub_district *s;

	memset(out, 0, sizeof(*out));
	if (!x || !x->lex)
		return;
	if (!p && e->has_coords)
		p = place_at(x, e);
	u = unit(x, e->country, "", RASD_PLACE_ADMIN1, e->admin1);
	if (!u)
		u = named(x, e->country, e->admin1);
	if (u)
		out->admin1_en = u->name_en;
	u = unit(x, e->country, e->admin1 ? e->admin1 : "", RASD_PLACE_ADMIN2, e->admin2);
	if (u)
		out->admin2_en = u->name_en;
	if (!p)
		return;
	out->location_en = p->name_en && *p->name_en ? p->name_en : NULL;
	out->place_name_ar = p->name;
	/* a sub-district only for an event placed inside a district, near a
	 * town or better */
	s = e->admin2 && *e->admin2 && e->geo_precision >= 1 && e->geo_precision <= 2
		    ? sub_of(x, p)
		    : NULL;
	if (s) {
		out->admin3_ar = s->name_ar;
		out->admin3_en = s->name_en;
		out->admin3_pcode = s->pcode;
	}
}

static const struct outlet *outlet_of(const struct rasd_acled *x, const char *s, size_t n)
{
	char key[256];
	struct outlet k = {key, NULL, NULL};
	size_t i;

	if (!x || !x->noutlets || n == 0 || n >= sizeof(key))
		return NULL;
	for (i = 0; i < n; i++)
		key[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	key[n] = '\0';
	return bsearch(&k, x->outlets, x->noutlets, sizeof(*x->outlets), cmp_outlet);
}

void rasd_acled_outlet(const struct rasd_acled *x, const char *source, size_t n,
		       struct rasd_str *name, const char **scale)
{
	const struct outlet *o = outlet_of(x, source, n);
	const char *paren;

	*scale = NULL;
	name->p = source;
	name->n = n;
	if (o) {
		name->p = o->name;
		name->n = strlen(o->name);
		*scale = o->scale;
		return;
	}
	/* "enabbaladi.net (Enab Baladi)": the domain is the key, the words in
	 * parentheses the name */
	paren = memchr(source, '(', n);
	if (paren && paren > source && paren[-1] == ' ' && source[n - 1] == ')') {
		o = outlet_of(x, source, (size_t)(paren - 1 - source));
		if (o) {
			name->p = o->name;
			name->n = strlen(o->name);
			*scale = o->scale;
		} else {
			name->p = paren + 1;
			name->n = (size_t)(source + n - 1 - (paren + 1));
		}
	}
}

bool rasd_acled_has_admin1(const struct rasd_acled *x, const char *country, const char *admin1)
{
	return x && x->lex && unit(x, country, "", RASD_PLACE_ADMIN1, admin1) != NULL;
}

void rasd_acled_sub_district(const struct rasd_acled *x, const struct rasd_place *p,
			     const char **name_ar, const char **name_en)
{
	const struct sub_district *s = x && p ? sub_of(x, p) : NULL;
	*name_ar = s ? s->name_ar : NULL;
	*name_en = s ? s->name_en : NULL;
}
