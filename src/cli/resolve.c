/*
 * resolve.c - filters that meet people halfway: --actor, --admin1,
 * --country, --type and --sub-type take codes, Arabic and English names and
 * aliases (داعش, "Islamic State", ISIS; "Deir ez-Zor", دير الزور; SYR, 760,
 * سوريا, Syria) and become what the database stores; an unknown value is a
 * usage error (exit 2) that names the closest known values. Also English
 * names for `places` and `search`. cli/ internal.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char *const event_types[] = {"Battles",
					  "Explosions/Remote violence",
					  "Violence against civilians",
					  "Protests",
					  "Riots",
					  "Strategic developments",
					  NULL};

static const char *const sub_event_types[] = {
	"Armed clash", "Government regains territory", "Non-state actor overtakes territory",
	"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
	"Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
	"Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
	"Excessive force against protesters", "Violent demonstration", "Mob violence",
	"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
	"Headquarters or base established", "Looting/property destruction",
	"Non-violent transfer of territory", "Other", NULL};

static bool has_arabic(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)s[0] == 0xd8 || (unsigned char)s[0] == 0xd9 ||
		    (unsigned char)s[0] == 0xda || (unsigned char)s[0] == 0xdb)
			return true;
	return false;
}

/* Latin names compared without case, spaces or punctuation: "Deir ez-Zor",
 * "deir ezzor" and "Deir-ez-Zor" are one name. Arabic in key form. */
static void fold(struct rasd_arena *a, const char *s, char *out, size_t n)
{
	size_t k = 0;
	if (has_arabic(s)) {
		struct rasd_str key;
		if (rasd_norm_phrase(a, s, strlen(s), &key) == RASD_OK) {
			snprintf(out, n, "%.*s", (int)key.n, key.p);
			return;
		}
	}
	for (; *s && k + 1 < n; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			out[k++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			out[k++] = (char)c;
	}
	out[k] = '\0';
}

/* Edit distance of two short strings (bytes), capped at 99. */
static int distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), i, j;
	int row[128], prev;
	if (n > 120 || m > 120)
		return 99;
	for (j = 0; j <= m; j++)
		row[j] = (int)j;
	for (i = 1; i <= n; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= m; j++) {
			int cur = row[j];
			int best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[m];
}

/* The closest known values, for "did you mean". */
struct near {
	const char *label[3];
	int d[3];
	char buf[3][160];
};

static void near_init(struct near *nr)
{
	memset(nr, 0, sizeof(*nr));
	nr->d[0] = nr->d[1] = nr->d[2] = 1000;
}

static void near_add(struct near *nr, struct rasd_arena *a, const char *want_folded,
		     const char *candidate, const char *label)
{
	char f[256];
	int d, k, j;
	fold(a, candidate, f, sizeof(f));
	d = distance(want_folded, f);
	/* a candidate that contains what was typed is close */
	if (*want_folded && strstr(f, want_folded))
		d = d < 2 ? d : 2;
	for (k = 0; k < 3; k++)
		if (nr->label[k] && strcmp(nr->buf[k], label) == 0)
			return;
	for (k = 0; k < 3 && d >= nr->d[k]; k++)
		;
	if (k == 3)
		return;
	for (j = 2; j > k; j--) {
		nr->d[j] = nr->d[j - 1];
		memcpy(nr->buf[j], nr->buf[j - 1], sizeof(nr->buf[j]));
		nr->label[j] = nr->label[j - 1] ? nr->buf[j] : NULL;
	}
	nr->d[k] = d;
	snprintf(nr->buf[k], sizeof(nr->buf[k]), "%s", label);
	nr->label[k] = nr->buf[k];
}

static void unknown(const char *opt, const char *what, const char *v, const struct near *nr)
{
	char list[600] = "";
	size_t k, n = 0;
	for (k = 0; k < 3; k++)
		if (nr->label[k] && nr->d[k] < 1000)
			n += (size_t)snprintf(list + n, n < sizeof(list) ? sizeof(list) - n : 0,
					      "%s'%s'", k ? ", " : "", nr->label[k]);
	if (n)
		cli_error("%s: no %s '%s'; the closest known: %s", opt, what, v, list);
	else
		cli_error("%s: no %s '%s'", opt, what, v);
}

static int resolve_list(const char *opt, const char *what, const char *const *list, const char *v,
			const char **out, struct rasd_arena *a)
{
	struct near nr;
	char want[256];
	size_t i;
	for (i = 0; list[i]; i++)
		if (strcasecmp(list[i], v) == 0) {
			*out = list[i];
			return 0;
		}
	fold(a, v, want, sizeof(want));
	near_init(&nr);
	for (i = 0; list[i]; i++)
		near_add(&nr, a, want, list[i], list[i]);
	unknown(opt, what, v, &nr);
	return 2;
}

bool cli_same_name(struct rasd_arena *a, const char *x, const char *y)
{
	char fx[256], fy[256];
	if (!x || !y)
		return false;
	fold(a, x, fx, sizeof(fx));
	fold(a, y, fy, sizeof(fy));
	return *fx && strcmp(fx, fy) == 0;
}

static bool same_folded(struct rasd_arena *a, const char *x, const char *y)
{
	char fx[256], fy[256];
	fold(a, x, fx, sizeof(fx));
	fold(a, y, fy, sizeof(fy));
	return *fx && strcmp(fx, fy) == 0;
}

const struct rasd_actor *cli_find_actor(const struct rasd_lexicon *lex, struct rasd_arena *a,
					const char *v)
{
	struct rasd_lex_match m[32];
	const struct rasd_actor *ac;
	uint32_t i;
	size_t k, n;

	for (i = 0; (ac = rasd_lex_actor(lex, i)) != NULL; i++)
		if (strcasecmp(ac->code, v) == 0)
			return ac;
	for (i = 0; (ac = rasd_lex_actor(lex, i)) != NULL; i++) {
		const char *p = ac->also_en;
		if (same_folded(a, ac->name_en, v) || same_folded(a, ac->name_ar, v))
			return ac;
		while (p && *p) { /* '|'-separated other English names */
			const char *bar = strchr(p, '|');
			char one[160];
			size_t len = bar ? (size_t)(bar - p) : strlen(p);
			snprintf(one, sizeof(one), "%.*s", (int)len, p);
			if (same_folded(a, one, v))
				return ac;
			p = bar ? bar + 1 : p + len;
		}
	}
	/* the aliases of data/actor_aliases.tsv, clitics and spellings folded */
	n = rasd_lex_lookup(lex, a, v, strlen(v), m, 32);
	for (k = 0; k < n; k++)
		if (m[k].kind == RASD_LEX_ACTOR)
			return rasd_lex_actor(lex, m[k].u.actor.actor);
	return NULL;
}

static int resolve_actor(struct cli_filter *cf, const struct rasd_lexicon *lex,
			 struct rasd_arena *a)
{
	const char *v = cf->f.actor;
	const struct rasd_actor *ac = cli_find_actor(lex, a, v);
	struct near nr;
	char want[256], label[200];
	uint32_t i;

	if (ac) {
		snprintf(cf->actor, sizeof(cf->actor), "%s", ac->code);
		cf->f.actor = cf->actor;
		return 0;
	}
	fold(a, v, want, sizeof(want));
	near_init(&nr);
	for (i = 0; (ac = rasd_lex_actor(lex, i)) != NULL; i++) {
		if (strcmp(ac->code, "STATE") == 0)
			continue;
		snprintf(label, sizeof(label), "%s' (%s", ac->name_en, ac->code);
		near_add(&nr, a, want, ac->code, label);
		near_add(&nr, a, want, ac->name_en, label);
		if (has_arabic(v)) {
			snprintf(label, sizeof(label), "%s' (%s", ac->name_ar, ac->code);
			near_add(&nr, a, want, ac->name_ar, label);
		}
	}
	/* labels carry "name' (CODE": close the parenthesis in the message */
	for (i = 0; i < 3; i++)
		if (nr.label[i]) {
			size_t l = strlen(nr.buf[i]);
			if (l + 2 < sizeof(nr.buf[i]) && strchr(nr.buf[i], '(')) {
				nr.buf[i][l] = ')';
				nr.buf[i][l + 1] = '\0';
			}
		}
	{
		char list[700] = "";
		size_t n = 0;
		for (i = 0; i < 3; i++)
			if (nr.label[i])
				n += (size_t)snprintf(list + n, n < sizeof(list) ? sizeof(list) - n : 0,
						      "%s'%s", i ? ", " : "", nr.buf[i]);
		cli_error("--actor: no actor '%s' (a code, an English or Arabic name or alias); "
			  "the closest known: %s",
			  v, list);
	}
	return 2;
}

/* The country code of a name, a code or an Arabic name, or NULL. */
static const char *find_country(const struct rasd_lexicon *lex, struct rasd_arena *a,
				const char *v)
{
	const char *cc = rasd_country_from_code(v);
	struct rasd_lex_match m[32];
	size_t i, k, n;

	if (cc)
		return cc;
	for (i = 0; i < rasd_lex_place_count(lex); i++) {
		const struct rasd_place *p = rasd_lex_place(lex, (uint32_t)i);
		if (p->kind == RASD_PLACE_COUNTRY &&
		    (same_folded(a, p->name_en, v) || same_folded(a, p->name, v) ||
		     same_folded(a, rasd_country_name(p->country), v)))
			return p->country;
	}
	n = rasd_lex_lookup(lex, a, v, strlen(v), m, 32);
	for (k = 0; k < n; k++)
		if (m[k].kind == RASD_LEX_PLACE)
			for (i = 0; i < m[k].u.place.count; i++) {
				const struct rasd_place *p =
					rasd_lex_place(lex, m[k].u.place.places[i]);
				if (p->kind == RASD_PLACE_COUNTRY)
					return p->country;
			}
	return NULL;
}

static int resolve_country(struct cli_filter *cf, const struct rasd_lexicon *lex,
			   struct rasd_arena *a)
{
	const char *v = cf->f.country, *cc = find_country(lex, a, v);
	struct near nr;
	char want[256], label[200];
	size_t i;

	if (cc) {
		snprintf(cf->country, sizeof(cf->country), "%s", cc);
		cf->f.country = cf->country;
		return 0;
	}
	fold(a, v, want, sizeof(want));
	near_init(&nr);
	for (i = 0; i < rasd_lex_place_count(lex); i++) {
		const struct rasd_place *p = rasd_lex_place(lex, (uint32_t)i);
		if (p->kind != RASD_PLACE_COUNTRY)
			continue;
		snprintf(label, sizeof(label), "%s", p->country);
		near_add(&nr, a, want, has_arabic(v) ? p->name : p->name_en, label);
	}
	for (i = 0; i < 3; i++)
		if (nr.label[i]) {
			char code[8];
			snprintf(code, sizeof(code), "%s", nr.buf[i]);
			snprintf(nr.buf[i], sizeof(nr.buf[i]), "%s (%s, %s)", code,
				 rasd_country_iso3(code), rasd_country_name(code));
		}
	unknown("--country", "country", v, &nr);
	return 2;
}

/* A governorate by its English or Arabic name (and its country, when
 * --country was given): the Arabic name the database stores. */
static const struct rasd_place *find_admin1(const struct rasd_lexicon *lex, struct rasd_arena *a,
					    const char *v, const char *country,
					    const struct rasd_place **inside)
{
	struct rasd_lex_match m[32];
	size_t i, k, n;

	*inside = NULL;
	for (i = 0; i < rasd_lex_place_count(lex); i++) {
		const struct rasd_place *p = rasd_lex_place(lex, (uint32_t)i);
		if (p->kind == RASD_PLACE_ADMIN1 && (!country || strcmp(p->country, country) == 0) &&
		    (same_folded(a, p->name_en, v) || same_folded(a, p->name, v)))
			return p;
	}
	n = rasd_lex_lookup(lex, a, v, strlen(v), m, 32);
	for (k = 0; k < n; k++)
		if (m[k].kind == RASD_LEX_PLACE)
			for (i = 0; i < m[k].u.place.count; i++) {
				const struct rasd_place *p =
					rasd_lex_place(lex, m[k].u.place.places[i]);
				if (country && strcmp(p->country, country) != 0)
					continue;
				if (p->kind == RASD_PLACE_ADMIN1)
					return p;
				if (!*inside)
					*inside = p;
			}
	return NULL;
}

static int resolve_admin1(struct cli_filter *cf, const struct rasd_lexicon *lex,
			  struct rasd_arena *a)
{
	const char *v = cf->f.admin1;
	const struct rasd_place *inside, *p = find_admin1(lex, a, v, cf->f.country, &inside);
	struct near nr;
	char want[256], label[300];
	size_t i;

	if (p) {
		snprintf(cf->admin1, sizeof(cf->admin1), "%s", p->name);
		cf->f.admin1 = cf->admin1;
		return 0;
	}
	if (inside && inside->admin1 && *inside->admin1) {
		cli_error("--admin1: '%s' is not a governorate but a place in %s (%s); give "
			  "--admin1 '%s', or --near for the place itself",
			  v, inside->admin1, rasd_country_name(inside->country), inside->admin1);
		return 2;
	}
	fold(a, v, want, sizeof(want));
	near_init(&nr);
	for (i = 0; i < rasd_lex_place_count(lex); i++) {
		p = rasd_lex_place(lex, (uint32_t)i);
		if (p->kind != RASD_PLACE_ADMIN1 || (cf->f.country && strcmp(p->country, cf->f.country)))
			continue;
		snprintf(label, sizeof(label), "%s' (%s, %s", p->name_en, p->name, p->country);
		near_add(&nr, a, want, has_arabic(v) ? p->name : p->name_en, label);
	}
	for (i = 0; i < 3; i++)
		if (nr.label[i]) {
			size_t l = strlen(nr.buf[i]);
			if (l + 2 < sizeof(nr.buf[i])) {
				nr.buf[i][l] = ')';
				nr.buf[i][l + 1] = '\0';
			}
		}
	{
		char list[900] = "";
		size_t n = 0;
		for (i = 0; i < 3; i++)
			if (nr.label[i])
				n += (size_t)snprintf(list + n, n < sizeof(list) ? sizeof(list) - n : 0,
						      "%s'%s", i ? ", " : "", nr.buf[i]);
		cli_error("--admin1: no governorate '%s'; the closest known: %s", v, list);
	}
	return 2;
}

int cli_filter_resolve(struct cli_filter *cf, const char *data_dir)
{
	struct rasd_arena a;
	struct rasd_lexicon *lex = NULL;
	struct cli_common o;
	int rc = 0;

	rasd_arena_init(&a, 0);
	if (cf->f.event_type)
		rc = resolve_list("--type", "ACLED event type", event_types, cf->f.event_type,
				  &cf->f.event_type, &a);
	if (!rc && cf->f.sub_event_type)
		rc = resolve_list("--sub-type", "ACLED sub-event type", sub_event_types,
				  cf->f.sub_event_type, &cf->f.sub_event_type, &a);
	if (!rc && (cf->f.actor || cf->f.admin1 || cf->f.country)) {
		cli_common_init(&o);
		o.data_dir = data_dir;
		o.quiet = true;
		lex = cli_load_lexicon(&o);
		if (!lex)
			rc = 1;
	}
	if (!rc && cf->f.country)
		rc = resolve_country(cf, lex, &a);
	if (!rc && cf->f.actor)
		rc = resolve_actor(cf, lex, &a);
	if (!rc && cf->f.admin1)
		rc = resolve_admin1(cf, lex, &a);
	rasd_lexicon_free(lex);
	rasd_arena_release(&a);
	return rc;
}

/* Append an Arabic name to a search query: a phrase in quotes, ORed. */
static bool or_term(struct rasd_buf *b, const char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (p[i] == '"')
			return true; /* never breaks the query's syntax */
	{
		char q[600];
		snprintf(q, sizeof(q), "\"%.*s\"", (int)(n < 500 ? n : 500), p);
		if (strstr(b->p, q))
			return true; /* once is enough */
	}
	if (b->n && rasd_buf_puts(b, " OR ") != RASD_OK)
		return false;
	return rasd_buf_putc(b, '"') == RASD_OK && rasd_buf_append(b, p, n) == RASD_OK &&
	       rasd_buf_putc(b, '"') == RASD_OK;
}

bool cli_search_in_arabic(const char *query, const char *data_dir, struct rasd_buf *out)
{
	struct cli_common o;
	struct rasd_lexicon *lex;
	struct rasd_arena a;
	const struct rasd_actor *ac;
	char dir[4096], path[4200], line[1024];
	size_t i, n = 0;
	FILE *f;

	if (has_arabic(query) || strchr(query, '"'))
		return false;
	cli_common_init(&o);
	o.data_dir = data_dir;
	lex = cli_load_lexicon(&o);
	if (!lex)
		return false;
	rasd_arena_init(&a, 0);
	ac = cli_find_actor(lex, &a, query);
	if (ac) {
		/* the actor's Arabic name and its aliases (data/actor_aliases.tsv) */
		or_term(out, ac->name_ar, strlen(ac->name_ar));
		snprintf(path, sizeof(path), "%s/actor_aliases.tsv",
			 cli_data_dir(&o, dir, sizeof(dir)));
		f = fopen(path, "r");
		while (f && n < 12 && fgets(line, sizeof(line), f)) {
			char *tab = strchr(line, '\t'), *end;
			size_t cl = strlen(ac->code);
			if (line[0] == '#' || !tab)
				continue;
			end = tab + 1;
			if (strncmp(end, ac->code, cl) == 0 && (end[cl] == '\t' || end[cl] == '\n')) {
				or_term(out, line, (size_t)(tab - line));
				n++;
			}
		}
		if (f)
			fclose(f);
	} else {
		for (i = 0; i < rasd_lex_place_count(lex) && n < 4; i++) {
			const struct rasd_place *p = rasd_lex_place(lex, (uint32_t)i);
			if (cli_same_name(&a, p->name_en, query)) {
				or_term(out, p->name, strlen(p->name));
				n++;
			}
		}
	}
	rasd_arena_release(&a);
	rasd_lexicon_free(lex);
	return out->n > 0;
}
