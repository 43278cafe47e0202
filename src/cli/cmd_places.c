/*
 * cmd_places.c - `rasd places NAME`: every gazetteer candidate for a name
 * (clitics and spelling variants are folded as in extraction), with its
 * admin chain and coordinates, so an analyst can see why a place was
 * chosen.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Each input line is a separate text; print its resolved place mentions. */
static int geocode_lines(const struct cli_common *o, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct rasd_lexicon *lex;
	struct rasd_arena a;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int rc = 0;

	if (!f) {
		cli_error("cannot open '%s'", path);
		return 1;
	}
	lex = cli_load_lexicon(o);
	if (!lex) {
		if (f != stdin)
			fclose(f);
		return 1;
	}
	rasd_arena_init(&a, 0);
	while ((len = getline(&line, &cap, f)) >= 0) {
		struct rasd_place_mention *pm;
		size_t n, k;
		struct rasd_str clean;
		size_t replaced;
		struct rasd_error err;

		lineno++;
		rasd_arena_reset(&a);
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (rasd_utf8_clean(&a, line, (size_t)len, 0, &clean, &replaced, &err) != RASD_OK) {
			cli_error("%s:%ld: %s", path, lineno, err.msg);
			rc = 1;
			continue;
		}
		if (rasd_geocode(lex, clean.p, clean.n, &a, &pm, &n) != RASD_OK) {
			cli_error("%s:%ld: cannot geocode", path, lineno);
			rc = 1;
			continue;
		}
		for (k = 0; k < n; k++) {
			printf("%ld\t%.*s\t%s\t%s\t%s\t%d", lineno, (int)(pm[k].end - pm[k].start),
			       clean.p + pm[k].start, pm[k].location ? pm[k].location : "-",
			       pm[k].admin1 && *pm[k].admin1 ? pm[k].admin1 : "-",
			       pm[k].country ? pm[k].country : "-", pm[k].geo_precision);
			if (pm[k].has_coords)
				printf("\t%.5f\t%.5f", pm[k].latitude, pm[k].longitude);
			else
				printf("\t-\t-");
			/* the gazetteer entry: its own name and id, or "unknown" */
			if (pm[k].place)
				printf("\t%s\t%s\n", pm[k].place->name, pm[k].place->id);
			else
				printf("\t-\tunknown\n");
		}
	}
	free(line);
	if (f != stdin)
		fclose(f);
	rasd_arena_release(&a);
	rasd_lexicon_free(lex);
	if (!cli_flush())
		rc = 1;
	return rc;
}

int cmd_places(int argc, char **argv)
{
	struct cli_common o;
	struct rasd_lexicon *lex;
	struct rasd_arena a;
	struct rasd_lex_match m[32];
	const char *names[64];
	size_t nnames = 0, k, found_any = 0;
	const char *text_path = NULL;
	int i;

	cli_common_init(&o);
	for (i = 1; i < argc; i++) {
		int r = cli_common_option(&o, argc, argv, &i);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			puts("usage: rasd places [--data DIR] [--places FILE] NAME...\n"
			     "       rasd places --text FILE|-\n"
			     "Lists every gazetteer place a name can refer to; with --text, every place\n"
			     "mention in each line of FILE as extraction resolves it (tab-separated:\n"
			     "line, mention, location, admin1, country, precision, latitude, longitude,\n"
			     "gazetteer name, gazetteer id).");
			return 0;
		}
		if (strcmp(argv[i], "--text") == 0 && i + 1 < argc) {
			text_path = argv[++i];
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("places: unknown option '%s'", argv[i]);
			return 2;
		}
		if (nnames < 64)
			names[nnames++] = argv[i];
	}
	if (text_path)
		return geocode_lines(&o, text_path);
	if (!nnames) {
		cli_error("places: give a place name, e.g. rasd places 'دير الزور'");
		return 2;
	}
	lex = cli_load_lexicon(&o);
	if (!lex)
		return 1;
	rasd_arena_init(&a, 0);
	for (k = 0; k < nnames; k++) {
		size_t n = rasd_lex_lookup(lex, &a, names[k], strlen(names[k]), m, 32), j;
		bool any = false;
		for (j = 0; j < n; j++) {
			uint32_t c;
			if (m[j].kind != RASD_LEX_PLACE)
				continue;
			any = true;
			printf("%s: %u candidate(s)\n", names[k], m[j].u.place.count);
			for (c = 0; c < m[j].u.place.count; c++) {
				const struct rasd_place *p = rasd_lex_place(lex, m[j].u.place.places[c]);
				printf("  %-14s %-13s %s | %s | %s | %s  %.5f,%.5f  pop %ld  %s%s\n", p->id,
				       rasd_place_kind_name(p->kind), p->name, p->admin2[0] ? p->admin2 : "-",
				       p->admin1[0] ? p->admin1 : "-", p->country, p->lat, p->lon,
				       p->population, p->name_en, p->pcode[0] ? "" : "");
			}
		}
		if (!any) {
			/* an English name: the gazetteer's English names, spelled loosely
			 * (Deir ez-Zor, deir ezzor, Deir-ez-Zor) */
			size_t c, count = 0, np = rasd_lex_place_count(lex);
			for (c = 0; c < np; c++)
				if (cli_same_name(&a, rasd_lex_place(lex, (uint32_t)c)->name_en, names[k]))
					count++;
			if (count) {
				any = true;
				printf("%s: %zu candidate(s) by English name\n", names[k], count);
			}
			for (c = 0; c < np && count; c++) {
				const struct rasd_place *p = rasd_lex_place(lex, (uint32_t)c);
				if (!cli_same_name(&a, p->name_en, names[k]))
					continue;
				printf("  %-14s %-13s %s | %s | %s | %s  %.5f,%.5f  pop %ld  %s\n", p->id,
				       rasd_place_kind_name(p->kind), p->name, p->admin2[0] ? p->admin2 : "-",
				       p->admin1[0] ? p->admin1 : "-", p->country, p->lat, p->lon,
				       p->population, p->name_en);
			}
		}
		if (!any)
			printf("%s: not in the gazetteer (add it to a --places file)\n", names[k]);
		else
			found_any++;
	}
	rasd_arena_release(&a);
	rasd_lexicon_free(lex);
	return found_any == nnames ? 0 : 1;
}
