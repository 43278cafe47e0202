/*
 * acled.h - what acled.c (the rows) asks of acled_names.c (English place
 * names, outlets) (store/ internal).
 */
#ifndef RASD_STORE_ACLED_H
#define RASD_STORE_ACLED_H

#include "rasd.h"

/* English (and Arabic) names of where an event happened; NULL when unknown.
 * Strings belong to the lexicon or to the struct rasd_acled. */
struct rasd_acled_places {
	const char *location_en, *place_name_ar;
	const char *admin1_en, *admin2_en;
	const char *admin3_en, *admin3_ar, *admin3_pcode;
};

void rasd_acled_places(const struct rasd_acled *x, const struct rasd_event *e,
		       struct rasd_acled_places *out);

/* One outlet as written in an article's source (skynews, "enabbaladi.net
 * (Enab Baladi)"): its name and ACLED source scale (NULL when unknown). */
void rasd_acled_outlet(const struct rasd_acled *x, const char *source, size_t n,
		       struct rasd_str *name, const char **scale);

/* Whether the gazetteer has a governorate row named admin1 in country. */
bool rasd_acled_has_admin1(const struct rasd_acled *x, const char *country, const char *admin1);
/* The sub-district of a place (data/admin3.tsv), NULLs when none. */
void rasd_acled_sub_district(const struct rasd_acled *x, const struct rasd_place *p,
			     const char **name_ar, const char **name_en);

#endif
