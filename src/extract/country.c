/*
 * country.c - fixed facts about the countries rasd codes: English names
 * and ACLED regions for ISO 3166 alpha-2 codes, and ACLED's disorder type
 * for each event type. Part of extract/.
 */
#include "rasd.h"

#include <string.h>

static const struct {
	const char *iso2, *name, *region;
} countries[] = {
	{"SY", "Syria", "Middle East"},         {"IQ", "Iraq", "Middle East"},
	{"YE", "Yemen", "Middle East"},         {"SA", "Saudi Arabia", "Middle East"},
	{"LB", "Lebanon", "Middle East"},       {"JO", "Jordan", "Middle East"},
	{"IL", "Israel", "Middle East"},        {"PS", "Palestine", "Middle East"},
	{"TR", "Turkey", "Middle East"},        {"IR", "Iran", "Middle East"},
	{"KW", "Kuwait", "Middle East"},        {"BH", "Bahrain", "Middle East"},
	{"QA", "Qatar", "Middle East"},         {"AE", "United Arab Emirates", "Middle East"},
	{"OM", "Oman", "Middle East"},          {"EG", "Egypt", "Northern Africa"},
	{"LY", "Libya", "Northern Africa"},     {"TN", "Tunisia", "Northern Africa"},
	{"DZ", "Algeria", "Northern Africa"},   {"MA", "Morocco", "Northern Africa"},
	{"SD", "Sudan", "Northern Africa"},     {"SS", "South Sudan", "Eastern Africa"},
	{"SO", "Somalia", "Eastern Africa"},    {"DJ", "Djibouti", "Eastern Africa"},
	{"MR", "Mauritania", "Western Africa"}, {"KM", "Comoros", "Eastern Africa"},
	{"EH", "Western Sahara", "Northern Africa"},
	{"FR", "France", "Europe"},             {"US", "United States", "North America"},
	{NULL, NULL, NULL}};

const char *rasd_country_name(const char *iso2)
{
	size_t i;
	if (!iso2)
		return "";
	for (i = 0; countries[i].iso2; i++)
		if (strcmp(countries[i].iso2, iso2) == 0)
			return countries[i].name;
	return "";
}

const char *rasd_country_region(const char *iso2)
{
	size_t i;
	if (!iso2)
		return "";
	for (i = 0; countries[i].iso2; i++)
		if (strcmp(countries[i].iso2, iso2) == 0)
			return countries[i].region;
	return "";
}

const char *rasd_disorder_type(const char *event_type)
{
	if (!event_type)
		return "";
	if (strcmp(event_type, "Protests") == 0 || strcmp(event_type, "Riots") == 0)
		return "Demonstrations";
	if (strcmp(event_type, "Strategic developments") == 0)
		return "Strategic developments";
	return "Political violence";
}
