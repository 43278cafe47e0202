/*
 * eval_region.c - the regions of `rasd eval`'s per-region breakdown: an
 * event's region from its country and governorate (admin1), by the table
 * of data/regions.tsv (a governorate's P-code before its country's code:
 * SY08 NE Syria, SY Syria (rest), IQ Iraq ...).
 */
#include "cli.h"
#include "../lex/tsv.h"

#include <stdlib.h>
#include <string.h>

static const char other_countries[] = "other countries";
static const char no_place[] = "(no place)";

static bool key_ok(const struct rasd_str *f)
{
	size_t i;
	if (f->n < 2 || f->n > 8)
		return false;
	for (i = 0; i < f->n; i++) {
		char c = f->p[i];
		if (!((c >= 'A' && c <= 'Z') || (i >= 2 && c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

static char *dup_field(struct rasd_arena *a, const struct rasd_str *f)
{
	char *s = rasd_arena_alloc(a, f->n + 1);
	if (s) {
		memcpy(s, f->p, f->n);
		s[f->n] = '\0';
	}
	return s;
}

bool eval_regions_load(struct eval_regions *r, const struct cli_common *o)
{
	char dir[4096], path[4200];
	struct rasd_error err;
	struct tsv t;
	int rc;
	size_t cap = 0;

	memset(r, 0, sizeof(*r));
	rasd_arena_init(&r->arena, 0);
	rasd_error_clear(&err);
	snprintf(path, sizeof(path), "%.4000s/regions.tsv", cli_data_dir(o, dir, sizeof(dir)));
	if (tsv_open(&t, path, &err) != RASD_OK) {
		cli_error("%s: %s", path, err.msg);
		return false;
	}
	while ((rc = tsv_next(&t, &err)) > 0) {
		size_t i;
		if (t.nfields != 2) {
			tsv_fail(&t, &err, t.nfields, "expected 2 columns (key, region), found %zu",
				 t.nfields);
			rc = -1;
			break;
		}
		if (!key_ok(&t.field[0])) {
			tsv_fail(&t, &err, 1,
				 "'%.*s' is neither a country code (SY) nor a P-code (SY08)",
				 (int)t.field[0].n, t.field[0].p);
			rc = -1;
			break;
		}
		if (!t.field[1].n) {
			tsv_fail(&t, &err, 2, "empty region");
			rc = -1;
			break;
		}
		for (i = 0; i < r->n; i++)
			if (strlen(r->rows[i].key) == t.field[0].n &&
			    memcmp(r->rows[i].key, t.field[0].p, t.field[0].n) == 0)
				break;
		if (i < r->n) {
			tsv_fail(&t, &err, 1, "'%s' is listed twice", r->rows[i].key);
			rc = -1;
			break;
		}
		if (r->n == cap) {
			size_t ncap = cap ? 2 * cap : 32;
			void *nr = realloc(r->rows, ncap * sizeof(*r->rows));
			if (!nr) {
				rasd_error_set(&err, RASD_ENOMEM, 0, 0, "out of memory");
				rc = -1;
				break;
			}
			r->rows = nr;
			cap = ncap;
		}
		r->rows[r->n].key = dup_field(&r->arena, &t.field[0]);
		r->rows[r->n].region = dup_field(&r->arena, &t.field[1]);
		if (!r->rows[r->n].key || !r->rows[r->n].region) {
			rasd_error_set(&err, RASD_ENOMEM, 0, 0, "out of memory");
			rc = -1;
			break;
		}
		/* a region's label is one string, so tallies compare pointers */
		for (i = 0; i < r->n; i++)
			if (strcmp(r->rows[i].region, r->rows[r->n].region) == 0)
				r->rows[r->n].region = r->rows[i].region;
		r->n++;
	}
	tsv_close(&t);
	if (rc < 0) {
		if (err.line && err.column)
			cli_error("%s:%ld: column %ld: %s", path, err.line, err.column, err.msg);
		else if (err.line)
			cli_error("%s:%ld: %s", path, err.line, err.msg);
		else
			cli_error("%s: %s", path, err.msg);
		eval_regions_free(r);
		return false;
	}
	return true;
}

void eval_regions_free(struct eval_regions *r)
{
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
	rasd_arena_release(&r->arena);
}

static const char *row(const struct eval_regions *r, const char *key)
{
	size_t i;
	for (i = 0; key && *key && i < r->n; i++)
		if (strcmp(r->rows[i].key, key) == 0)
			return r->rows[i].region;
	return NULL;
}

/* The governorate of that name (in `country` when known). */
static const struct rasd_place *governorate(const struct rasd_lexicon *lex, struct rasd_arena *a,
					    const char *country, const char *admin1)
{
	struct rasd_lex_match m[16];
	const struct rasd_place *found = NULL;
	size_t n, k;
	uint32_t c;

	if (!admin1 || !*admin1)
		return NULL;
	n = rasd_lex_lookup(lex, a, admin1, strlen(admin1), m, 16);
	for (k = 0; k < n; k++) {
		if (m[k].kind != RASD_LEX_PLACE)
			continue;
		for (c = 0; c < m[k].u.place.count; c++) {
			const struct rasd_place *p = rasd_lex_place(lex, m[k].u.place.places[c]);
			if (p->kind != RASD_PLACE_ADMIN1)
				continue;
			if (country && *country && strcmp(p->country, country) != 0)
				continue;
			if (!found)
				found = p;
		}
	}
	return found;
}

const char *eval_region_of(const struct eval_regions *r, const struct rasd_lexicon *lex,
			   struct rasd_arena *a, const char *country, const char *admin1)
{
	const struct rasd_place *gov = governorate(lex, a, country, admin1);
	const char *reg;

	if (gov && (!country || !*country))
		country = gov->country;
	if (gov && (reg = row(r, gov->pcode)) != NULL)
		return reg;
	if ((reg = row(r, country)) != NULL)
		return reg;
	return country && *country ? other_countries : no_place;
}

struct eval_region_tally *eval_region_count(struct eval_region_counts *c, const struct eval_regions *r,
					    const struct rasd_lexicon *lex, struct rasd_arena *a,
					    const char *country, const char *admin1)
{
	static struct eval_region_tally unused;
	const char *label;
	size_t i;

	if (!r)
		return &unused;
	label = eval_region_of(r, lex, a, country, admin1);
	for (i = 0; i < c->n; i++)
		if (c->t[i].region == label)
			return &c->t[i];
	if (c->n == sizeof(c->t) / sizeof(c->t[0]))
		return &c->t[c->n - 1];
	c->t[c->n].region = label;
	return &c->t[c->n++];
}

void eval_regions_print(const struct eval_regions *r, const struct eval_region_counts *c,
			void (*prf)(const char *label, long tp, long fp, long fn))
{
	size_t i, j, k;
	for (i = 0; i <= r->n + 1; i++) {
		const char *lab = i < r->n ? r->rows[i].region : i == r->n ? other_countries : no_place;
		bool seen = false;
		for (j = 0; j < i && j < r->n; j++)
			seen |= r->rows[j].region == lab;
		for (k = 0; !seen && k < c->n; k++)
			if (c->t[k].region == lab) {
				char label[64];
				snprintf(label, sizeof(label), "  %.28s", lab);
				prf(label, c->t[k].tp, c->t[k].fp, c->t[k].fn);
			}
	}
}
