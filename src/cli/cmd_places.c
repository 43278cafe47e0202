/*
 * cmd_places.c - `rasd places NAME`: every gazetteer candidate for a name
 * (clitics and spelling variants are folded as in extraction), with its
 * admin chain and coordinates, so an analyst can see why a place was
 * chosen.
 */
#include "cli.h"

#include <string.h>

int cmd_places(int argc, char **argv)
{
	struct cli_common o;
	struct rasd_lexicon *lex;
	struct rasd_arena a;
	struct rasd_lex_match m[32];
	const char *names[64];
	size_t nnames = 0, k, found_any = 0;
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
			     "Lists every gazetteer place a name can refer to.");
			return 0;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("places: unknown option '%s'", argv[i]);
			return 2;
		}
		if (nnames < 64)
			names[nnames++] = argv[i];
	}
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
		if (!any)
			printf("%s: not in the gazetteer (add it to a --places file)\n", names[k]);
		else
			found_any++;
	}
	rasd_arena_release(&a);
	rasd_lexicon_free(lex);
	return found_any == nnames ? 0 : 1;
}
