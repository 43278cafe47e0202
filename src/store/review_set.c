/*
 * review_set.c - corrected fields: what an analyst types (fatalities=3,
 * actor1=داعش, location=الشحيل) is validated against the ACLED type
 * names, the actor lexicon and the gazetteer, then written as corrections
 * (review_field) that override the coded values, each change in the audit
 * trail. Part of store/ (docs/review.md).
 */
#include "review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The event columns a correction can write, in the order of `cols_sql`. */
enum col {
	C_EVENT_DATE,
	C_TIME_PRECISION,
	C_EVENT_TYPE,
	C_SUB_EVENT_TYPE,
	C_ACTOR1,
	C_ASSOC_ACTOR1,
	C_ACTOR2,
	C_ASSOC_ACTOR2,
	C_LOCATION,
	C_LOCATION_KEY,
	C_ADMIN1,
	C_ADMIN1_KEY,
	C_ADMIN2,
	C_COUNTRY,
	C_PCODE,
	C_LATITUDE,
	C_LONGITUDE,
	C_GEO_PRECISION,
	C_FATALITIES,
	C_CLAIMED,
	C_MODALITY,
	C_COUNT
};

static const char *const col_name[C_COUNT] = {
	"event_date", "time_precision", "event_type", "sub_event_type", "actor1",
	"assoc_actor1", "actor2", "assoc_actor2", "location", "location_key",
	"admin1", "admin1_key", "admin2", "country", "pcode",
	"latitude", "longitude", "geo_precision", "fatalities", "claimed",
	"modality"};

static const char cols_sql[] =
	"SELECT event_date, time_precision, event_type, sub_event_type, actor1, assoc_actor1,"
	" actor2, assoc_actor2, location, location_key, admin1, admin1_key, admin2, country,"
	" pcode, latitude, longitude, geo_precision, fatalities, claimed, modality"
	" FROM event WHERE id = ?1";

/* ACLED's event types and sub-event types. */
static const struct {
	const char *type, *sub;
} acled[] = {
	{"Battles", "Armed clash"},
	{"Battles", "Government regains territory"},
	{"Battles", "Non-state actor overtakes territory"},
	{"Explosions/Remote violence", "Chemical weapon"},
	{"Explosions/Remote violence", "Air/drone strike"},
	{"Explosions/Remote violence", "Suicide bomb"},
	{"Explosions/Remote violence", "Shelling/artillery/missile attack"},
	{"Explosions/Remote violence", "Remote explosive/landmine/IED"},
	{"Explosions/Remote violence", "Grenade"},
	{"Violence against civilians", "Sexual violence"},
	{"Violence against civilians", "Attack"},
	{"Violence against civilians", "Abduction/forced disappearance"},
	{"Protests", "Peaceful protest"},
	{"Protests", "Protest with intervention"},
	{"Protests", "Excessive force against protesters"},
	{"Riots", "Violent demonstration"},
	{"Riots", "Mob violence"},
	{"Strategic developments", "Agreement"},
	{"Strategic developments", "Arrests"},
	{"Strategic developments", "Change to group/activity"},
	{"Strategic developments", "Disrupted weapons use"},
	{"Strategic developments", "Headquarters or base established"},
	{"Strategic developments", "Looting/property destruction"},
	{"Strategic developments", "Non-violent transfer of territory"},
	{"Strategic developments", "Other"},
};
#define NACLED (sizeof(acled) / sizeof(acled[0]))

/* A value to write: NULL, an integer, a real or text. */
struct value {
	int type; /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT */
	long long i;
	double d;
	const char *s;
};

struct plan {
	bool set[C_COUNT];
	struct value v[C_COUNT];
	const char *shown[C_COUNT]; /* the field name logged (location for its parts) */
};

static int ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 32;
		if (cb >= 'A' && cb <= 'Z')
			cb += 32;
		if (ca != cb || !ca)
			return ca - cb;
	}
}

static void put_text(struct plan *p, enum col c, const char *s, const char *shown)
{
	p->set[c] = true;
	p->v[c].type = s && *s ? SQLITE_TEXT : SQLITE_NULL;
	p->v[c].s = s && *s ? s : NULL;
	p->shown[c] = shown;
}

static void put_int(struct plan *p, enum col c, long long i, const char *shown)
{
	p->set[c] = true;
	p->v[c].type = SQLITE_INTEGER;
	p->v[c].i = i;
	p->shown[c] = shown;
}

static void put_real(struct plan *p, enum col c, double d, const char *shown)
{
	p->set[c] = true;
	p->v[c].type = SQLITE_FLOAT;
	p->v[c].d = d;
	p->shown[c] = shown;
}

static void put_null(struct plan *p, enum col c, const char *shown)
{
	p->set[c] = true;
	p->v[c].type = SQLITE_NULL;
	p->shown[c] = shown;
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!*s || *s == '+' || *s == '-' || *s == ' ')
		return false;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static enum rasd_status bad(struct rasd_error *err, const char *field, const char *value,
			    const char *why)
{
	return rasd_error_set(err, RASD_EINVAL, 0, 0, "%s: '%.80s' is not %s", field, value, why);
}

/* An actor by code, English name or any Arabic alias of the lexicon. */
static const struct rasd_actor *find_actor(const struct rasd_lexicon *lex, struct rasd_arena *a,
					   const char *v)
{
	const struct rasd_actor *ac = rasd_lex_actor_by_code(lex, v, NULL);
	struct rasd_lex_match m[RASD_MAX_CANDIDATES];
	size_t n, k;
	uint32_t i;

	if (ac)
		return ac;
	for (i = 0; (ac = rasd_lex_actor(lex, i)) != NULL; i++)
		if (ascii_casecmp(ac->code, v) == 0 || (ac->name_en && ascii_casecmp(ac->name_en, v) == 0))
			return ac;
	n = rasd_lex_lookup(lex, a, v, strlen(v), m, RASD_MAX_CANDIDATES);
	for (k = 0; k < n; k++)
		if (m[k].kind == RASD_LEX_ACTOR)
			return rasd_lex_actor(lex, m[k].u.actor.actor);
	return NULL;
}

static const char *key_form(struct rasd_arena *a, const char *s)
{
	struct rasd_str k;

	if (!s || !*s || rasd_norm_phrase(a, s, strlen(s), &k) != RASD_OK || !k.n)
		return NULL;
	return k.p;
}

static int place_precision(const struct rasd_place *p)
{
	switch (p->kind) {
	case RASD_PLACE_COUNTRY:
	case RASD_PLACE_ADMIN1: return 3;
	case RASD_PLACE_ADMIN2:
	case RASD_PLACE_ADMIN3:
	case RASD_PLACE_REGION:
	case RASD_PLACE_WATER: return 2;
	default: return 1;
	}
}

/* "NAME" or "NAME، ADMIN1" (or a comma): the place and the governorate. */
static void split_place(struct rasd_arena *a, const char *v, const char **name,
			const char **admin1)
{
	const char *sep = NULL, *p;
	size_t seplen = 0;
	char *n;

	for (p = v; *p; p++) {
		if (*p == ',') {
			sep = p;
			seplen = 1;
		} else if ((unsigned char)p[0] == 0xd8 && (unsigned char)p[1] == 0x8c) { /* ، */
			sep = p;
			seplen = 2;
		}
	}
	*name = v;
	*admin1 = NULL;
	if (!sep)
		return;
	n = rasd_arena_strndup(a, v, (size_t)(sep - v));
	if (!n)
		return;
	*name = n;
	for (p = sep + seplen; *p == ' '; p++)
		;
	*admin1 = *p ? p : NULL;
}

/* The current row, for old values and for choosing among namesakes. */
struct current {
	char *text[C_COUNT]; /* each column as text, NULL for NULL */
};

static bool is_unit(const struct rasd_place *p)
{
	return p->kind == RASD_PLACE_COUNTRY || p->kind == RASD_PLACE_ADMIN1 ||
	       p->kind == RASD_PLACE_ADMIN2 || p->kind == RASD_PLACE_ADMIN3;
}

/*
 * A city and the governorate or district named after it (حلب, حلب): one
 * place that is not an administrative unit, every other candidate a unit
 * of the same name it lies in. The city is what a location names.
 */
static const struct rasd_place *settlement_of_unit(struct rasd_arena *a,
						   const struct rasd_place *const *cand, size_t nc,
						   const char *country)
{
	const struct rasd_place *town = NULL;
	const char *tk;
	size_t k;

	for (k = 0; k < nc; k++) {
		if (country && strcmp(cand[k]->country, country) != 0)
			continue;
		if (!is_unit(cand[k])) {
			if (town)
				return NULL;
			town = cand[k];
		}
	}
	if (!town)
		return NULL;
	tk = key_form(a, town->name);
	for (k = 0; k < nc; k++) {
		const char *uk;
		if (cand[k] == town || (country && strcmp(cand[k]->country, country) != 0))
			continue;
		uk = key_form(a, cand[k]->name);
		if (!tk || !uk || strcmp(tk, uk) != 0 || strcmp(cand[k]->country, town->country) != 0)
			return NULL;
	}
	return town;
}

static enum rasd_status plan_location(const struct rasd_lexicon *lex, struct rasd_arena *a,
				      const struct current *cur, const char *v, struct plan *p,
				      struct rasd_error *err)
{
	struct rasd_lex_match m[RASD_MAX_CANDIDATES];
	const struct rasd_place *best = NULL, *cand[64];
	const char *name, *admin1, *want_key = NULL;
	size_t n, k, nc = 0;
	uint32_t c;
	char list[400];
	size_t used = 0;

	if (!*v) {
		enum col cl[] = {C_LOCATION, C_LOCATION_KEY, C_ADMIN1, C_ADMIN1_KEY, C_ADMIN2,
				 C_COUNTRY, C_PCODE, C_LATITUDE, C_LONGITUDE, C_GEO_PRECISION};
		for (k = 0; k < sizeof(cl) / sizeof(cl[0]); k++)
			put_null(p, cl[k], "location");
		return RASD_OK;
	}
	split_place(a, v, &name, &admin1);
	if (admin1)
		want_key = key_form(a, admin1);
	n = rasd_lex_lookup(lex, a, name, strlen(name), m, RASD_MAX_CANDIDATES);
	for (k = 0; k < n; k++) {
		if (m[k].kind != RASD_LEX_PLACE)
			continue;
		for (c = 0; c < m[k].u.place.count && nc < 64; c++) {
			const struct rasd_place *pl = rasd_lex_place(lex, m[k].u.place.places[c]);
			const char *ak;
			if (!pl)
				continue;
			ak = key_form(a, pl->admin1 && *pl->admin1 ? pl->admin1 : pl->name);
			if (want_key && (!ak || strcmp(ak, want_key) != 0))
				continue;
			cand[nc++] = pl;
		}
	}
	if (nc == 0)
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      admin1 ? "location: no place '%.80s' in '%.80s' in the gazetteer "
					       "(rasd places '%.80s' lists them)"
					     : "location: '%.80s' is not in the gazetteer (add it to a "
					       "--places file or ~/.config/rasd/places.tsv)%.0s%.0s",
				      name, admin1 ? admin1 : "", name);
	if (nc == 1) {
		best = cand[0];
	} else {
		/* namesakes: the one in the event's governorate, then its country */
		const struct rasd_place *in_admin = NULL, *in_country = NULL;
		size_t nadmin = 0, ncountry = 0;
		const char *cur_admin = cur->text[C_ADMIN1_KEY], *cur_country = cur->text[C_COUNTRY];
		for (k = 0; k < nc; k++) {
			const char *ak = key_form(a, cand[k]->admin1);
			if (cur_admin && ak && strcmp(ak, cur_admin) == 0) {
				in_admin = cand[k];
				nadmin++;
			}
			if (cur_country && strcmp(cand[k]->country, cur_country) == 0) {
				in_country = cand[k];
				ncountry++;
			}
		}
		if (nadmin == 1)
			best = in_admin;
		else if (nadmin == 0 && ncountry == 1)
			best = in_country;
		if (!best && cur_country)
			best = settlement_of_unit(a, cand, nc, cur_country);
		if (!best)
			best = settlement_of_unit(a, cand, nc, NULL);
	}
	if (!best) {
		list[0] = '\0';
		for (k = 0; k < nc && k < 6 && used < sizeof(list); k++) {
			int w = snprintf(list + used, sizeof(list) - used, "%s%s (%s, %s)",
					 k ? ", " : "", cand[k]->admin1[0] ? cand[k]->admin1 : "-",
					 rasd_place_kind_name(cand[k]->kind), cand[k]->country);
			if (w < 0)
				break;
			used += (size_t)w;
		}
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "location: '%.80s' names %zu places, in %s%s; choose one as "
				      "location='%.80s، GOVERNORATE'",
				      name, nc, list, nc > 6 ? ", …" : "", name);
	}
	put_text(p, C_LOCATION, best->name, "location");
	put_text(p, C_LOCATION_KEY, key_form(a, best->name), "location");
	if (best->admin1 && *best->admin1) {
		put_text(p, C_ADMIN1, best->admin1, "location");
		put_text(p, C_ADMIN1_KEY, key_form(a, best->admin1), "location");
	} else if (best->kind == RASD_PLACE_ADMIN1) {
		put_text(p, C_ADMIN1, best->name, "location");
		put_text(p, C_ADMIN1_KEY, key_form(a, best->name), "location");
	} else {
		put_null(p, C_ADMIN1, "location");
		put_null(p, C_ADMIN1_KEY, "location");
	}
	put_text(p, C_ADMIN2, best->admin2, "location");
	put_text(p, C_COUNTRY, best->country, "location");
	put_text(p, C_PCODE, best->pcode, "location");
	put_real(p, C_LATITUDE, best->lat, "location");
	put_real(p, C_LONGITUDE, best->lon, "location");
	put_int(p, C_GEO_PRECISION, place_precision(best), "location");
	return RASD_OK;
}

static const char *type_of_sub(const char *sub, const char **canon)
{
	size_t k;
	for (k = 0; k < NACLED; k++) {
		if (ascii_casecmp(acled[k].sub, sub) == 0) {
			*canon = acled[k].sub;
			return acled[k].type;
		}
	}
	return NULL;
}

static const char *canon_type(const char *type)
{
	size_t k;
	for (k = 0; k < NACLED; k++)
		if (ascii_casecmp(acled[k].type, type) == 0)
			return acled[k].type;
	return NULL;
}

/* Validate every assignment into a plan of column writes. */
static enum rasd_status make_plan(const struct rasd_lexicon *lex, struct rasd_arena *a,
				  const struct current *cur, const struct rasd_review_assign *set,
				  size_t nset, struct plan *p, struct rasd_error *err)
{
	const char *type = NULL, *sub = NULL;
	enum rasd_status st = RASD_OK;
	size_t i;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < nset && st == RASD_OK; i++) {
		const char *f = set[i].field ? set[i].field : "", *v = set[i].value ? set[i].value : "";
		long n;

		if (!rasd_utf8_valid(v, strlen(v)))
			return rasd_error_set(err, RASD_EINVAL, 0, 0, "%.40s: the value is not valid "
							"UTF-8", f);
		if (strcmp(f, "fatalities") == 0) {
			if (!parse_long(v, 0, 100000, &n))
				return bad(err, f, v, "a number of people killed (0-100000)");
			put_int(p, C_FATALITIES, n, f);
		} else if (strcmp(f, "event_date") == 0 || strcmp(f, "date") == 0) {
			int32_t d;
			int y;
			if (strlen(v) != 10 || rasd_date_parse(v, 10, &d) != RASD_OK)
				return bad(err, "event_date", v, "a date (YYYY-MM-DD)");
			y = atoi(v);
			if (y < 1900 || y > 2200)
				return bad(err, "event_date", v, "a date between 1900 and 2200");
			put_text(p, C_EVENT_DATE, v, "event_date");
		} else if (strcmp(f, "time_precision") == 0) {
			if (!parse_long(v, 1, 3, &n))
				return bad(err, f, v, "a time precision (1 day, 2 week, 3 month)");
			put_int(p, C_TIME_PRECISION, n, f);
		} else if (strcmp(f, "event_type") == 0 || strcmp(f, "type") == 0) {
			type = canon_type(v);
			if (!type)
				return bad(err, "event_type", v,
					   "an ACLED event type (Battles, Explosions/Remote violence, "
					   "Violence against civilians, Protests, Riots, Strategic "
					   "developments)");
		} else if (strcmp(f, "sub_event_type") == 0 || strcmp(f, "sub_type") == 0) {
			const char *canon = NULL;
			if (!type_of_sub(v, &canon))
				return bad(err, "sub_event_type", v,
					   "an ACLED sub-event type (e.g. 'Armed clash', 'Air/drone "
					   "strike', 'Attack')");
			sub = canon;
		} else if (strcmp(f, "actor1") == 0 || strcmp(f, "assoc_actor1") == 0 ||
			   strcmp(f, "actor2") == 0 || strcmp(f, "assoc_actor2") == 0) {
			enum col c = strcmp(f, "actor1") == 0         ? C_ACTOR1
				     : strcmp(f, "assoc_actor1") == 0 ? C_ASSOC_ACTOR1
				     : strcmp(f, "actor2") == 0       ? C_ACTOR2
								      : C_ASSOC_ACTOR2;
			const struct rasd_actor *ac = NULL;
			if (*v && strcmp(v, "UNK") != 0) {
				ac = find_actor(lex, a, v);
				if (!ac)
					return bad(err, f, v,
						   "an actor code or a name the actor lexicon knows "
						   "(data/actors.tsv, data/actor_aliases.tsv)");
			}
			put_text(p, c, ac ? ac->code : *v ? "UNK" : NULL, f);
		} else if (strcmp(f, "location") == 0) {
			st = plan_location(lex, a, cur, v, p, err);
		} else if (strcmp(f, "modality") == 0) {
			if (strcmp(v, "reported") && strcmp(v, "claimed") && strcmp(v, "foiled"))
				return bad(err, f, v, "reported, claimed or foiled");
			put_text(p, C_MODALITY, v, f);
			put_int(p, C_CLAIMED, strcmp(v, "claimed") == 0, f);
		} else {
			return rasd_error_set(err, RASD_EINVAL, 0, 0,
					      "'%.40s' is not a field a review can set (event_date, "
					      "time_precision, event_type, sub_event_type, actor1, "
					      "assoc_actor1, actor2, assoc_actor2, location, fatalities, "
					      "modality)",
					      f);
		}
	}
	if (st != RASD_OK)
		return st;
	if (sub) {
		const char *canon = NULL, *of = type_of_sub(sub, &canon);
		if (type && strcmp(type, of) != 0)
			return rasd_error_set(err, RASD_EINVAL, 0, 0,
					      "sub_event_type: '%s' is a sub-type of '%s', not of '%s'",
					      sub, of, type);
		put_text(p, C_SUB_EVENT_TYPE, canon, "sub_event_type");
		put_text(p, C_EVENT_TYPE, of, "event_type");
	} else if (type) {
		const char *canon = NULL, *of =
			cur->text[C_SUB_EVENT_TYPE] ? type_of_sub(cur->text[C_SUB_EVENT_TYPE], &canon)
						    : NULL;
		if (!of || strcmp(of, type) != 0)
			return rasd_error_set(err, RASD_EINVAL, 0, 0,
					      "event_type: the sub-event type '%s' is not one of "
					      "'%s'; set sub_event_type too",
					      cur->text[C_SUB_EVENT_TYPE] ? cur->text[C_SUB_EVENT_TYPE]
									  : "",
					      type);
		put_text(p, C_EVENT_TYPE, type, "event_type");
	}
	return RASD_OK;
}

static enum rasd_status read_current(struct rasd_db *db, long long event, struct rasd_arena *a,
				     struct current *cur, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db, cols_sql, -1, &st, NULL), k;

	memset(cur, 0, sizeof(*cur));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, event);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (k = 0; k < C_COUNT; k++) {
			const unsigned char *s = sqlite3_column_text(st, k);
			if (s) {
				cur->text[k] = rasd_arena_strndup(a, (const char *)s,
								  (size_t)sqlite3_column_bytes(st, k));
				if (!cur->text[k]) {
					status = rasd_error_set(err, RASD_ENOMEM, 0, 0,
								"out of memory");
					break;
				}
			}
		}
	} else if (rc == SQLITE_DONE) {
		status = rasd_error_set(err, RASD_ENOTFOUND, 0, 0, "no event with row id %lld",
					event);
	} else {
		status = store_fail(db, err, rc, "reading an event");
	}
	sqlite3_finalize(st);
	return status;
}

/* A value as the text the log keeps (and that compares with the old one). */
static const char *value_text(struct rasd_arena *a, const struct value *v)
{
	char buf[64];

	switch (v->type) {
	case SQLITE_INTEGER: snprintf(buf, sizeof(buf), "%lld", v->i); break;
	case SQLITE_FLOAT: snprintf(buf, sizeof(buf), "%.5f", v->d); break;
	case SQLITE_TEXT: return v->s;
	default: return NULL;
	}
	return rasd_arena_strndup(a, buf, strlen(buf));
}

static bool same_value(const char *old, const struct value *v, const char *vt)
{
	if (!old || !vt)
		return !old && !vt;
	if (v->type == SQLITE_FLOAT)
		return strtod(old, NULL) == v->d;
	return strcmp(old, vt) == 0;
}

/* The correction this event already has for a column, if any (as text). */
static enum rasd_status old_override(struct rasd_db *db, long long event, const char *field,
				     struct rasd_arena *a, bool *had, const char **value,
				     struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db,
				    "SELECT value FROM review_field WHERE event = ?1 AND field = ?2",
				    -1, &st, NULL);

	*had = false;
	*value = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, event);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *s = sqlite3_column_text(st, 0);
		*had = true;
		if (s) {
			*value = rasd_arena_strndup(a, (const char *)s,
						    (size_t)sqlite3_column_bytes(st, 0));
			if (!*value)
				status = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		}
	} else if (rc != SQLITE_DONE) {
		status = store_fail(db, err, rc, "reading corrections");
	}
	sqlite3_finalize(st);
	return status;
}

static enum rasd_status write_override(struct rasd_db *db, long long event, const char *field,
				       const struct value *v, struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db,
				    "INSERT OR REPLACE INTO review_field(event, field, value)"
				    " VALUES (?1, ?2, ?3)",
				    -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, event);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK) {
		switch (v->type) {
		case SQLITE_INTEGER: rc = sqlite3_bind_int64(st, 3, v->i); break;
		case SQLITE_FLOAT: rc = sqlite3_bind_double(st, 3, v->d); break;
		case SQLITE_TEXT: rc = sqlite3_bind_text(st, 3, v->s, -1, SQLITE_STATIC); break;
		default: rc = sqlite3_bind_null(st, 3); break;
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "writing a correction");
	sqlite3_finalize(st);
	return status;
}

/* The actors table names every code an event refers to, for the exports. */
static enum rasd_status put_actor_row(struct rasd_db *db, const struct rasd_actor *ac,
				      struct rasd_error *err)
{
	sqlite3_stmt *st = NULL;
	enum rasd_status status = RASD_OK;
	int rc = sqlite3_prepare_v2(db->db,
				    "INSERT INTO actor(code, name_en, name_ar, country, inter)"
				    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(code) DO NOTHING",
				    -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, ac->code, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, ac->name_en, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, ac->name_ar, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = ac->country && *ac->country
			     ? sqlite3_bind_text(st, 4, ac->country, -1, SQLITE_STATIC)
			     : sqlite3_bind_null(st, 4);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, 5, ac->inter);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		status = store_fail(db, err, rc, "storing an actor");
	sqlite3_finalize(st);
	return status;
}

enum rasd_status rasd_review_set(struct rasd_db *db, const struct rasd_lexicon *lex,
				 long long event, const struct rasd_review_assign *set, size_t nset,
				 const struct rasd_review_by *by, struct rasd_error *err)
{
	struct review_op op;
	struct current cur;
	struct plan p;
	struct review_entry_in in;
	enum rasd_status st;
	int k;

	if (nset == 0)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "nothing to set (give FIELD=VALUE)");
	st = review_op_begin(db, &op, event, err);
	if (st == RASD_OK)
		st = read_current(db, event, &op.a, &cur, err);
	if (st == RASD_OK)
		st = make_plan(lex, &op.a, &cur, set, nset, &p, err);
	if (st == RASD_OK)
		st = review_next_change(db, &op.change, err);
	memset(&in, 0, sizeof(in));
	in.change = op.change;
	in.event = event;
	in.action = "set";
	in.reviewer = by ? by->reviewer : NULL;
	in.note = by ? by->note : NULL;
	for (k = 0; k < C_COUNT && st == RASD_OK; k++) {
		const char *vt, *prev = NULL;
		bool had = false;
		if (!p.set[k])
			continue;
		vt = value_text(&op.a, &p.v[k]);
		st = old_override(db, event, col_name[k], &op.a, &had, &prev, err);
		if (st != RASD_OK)
			break;
		if (same_value(cur.text[k], &p.v[k], vt) && had)
			continue; /* already corrected to this */
		st = write_override(db, event, col_name[k], &p.v[k], err);
		if (st == RASD_OK && (k == C_ACTOR1 || k == C_ASSOC_ACTOR1 || k == C_ACTOR2 ||
				      k == C_ASSOC_ACTOR2) &&
		    p.v[k].s && strcmp(p.v[k].s, "UNK") != 0) {
			const struct rasd_actor *ac = rasd_lex_actor_by_code(lex, p.v[k].s, NULL);
			if (ac)
				st = put_actor_row(db, ac, err);
		}
		if (st != RASD_OK)
			break;
		in.field = col_name[k];
		in.old_value = cur.text[k];
		in.new_value = vt;
		in.had_override = had;
		in.old_override = prev;
		st = review_log_write(db, &in, err);
	}
	if (st == RASD_OK)
		st = review_mark_corrected(db, op.change, &op.row, true, "set", by, err);
	if (st == RASD_OK)
		st = review_apply(db, event, err);
	return review_op_end(db, &op, st, err);
}
