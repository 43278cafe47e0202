/*
 * cmd_eval.c - `rasd eval GOLD`: runs extraction on hand-coded articles and
 * scores it. A system event matches a gold event when the event type is
 * the same, the dates agree (the same day, a day apart when either side is
 * approximate, the same month when either side only knows the month) and
 * the places agree (the same name once clitics and spelling are folded,
 * one name inside the other as in مخيم الهول / الهول, or the same
 * governorate when the gold place is a governorate). Gold events marked
 * "required": false count neither for nor against. Prints precision,
 * recall and F1, per-type and per-region figures (regions of
 * data/regions.tsv, eval_region.c), per-field accuracy on matches,
 * geocoding accuracy, then every miss and spurious event with evidence.
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct gold_event {
	const char *type, *sub, *date, *location, *admin1, *actor1, *actor2, *evidence;
	long fatalities;
	bool required;
	int precision;
	int matched; /* index of the system event, -1 */
};

struct tally {
	const char *type;
	long tp, fp, fn;
};

struct totals {
	long tp, fp, fn, optional_hits;
	long n_sub, ok_sub, n_a1, ok_a1, n_a2, ok_a2, n_fat, ok_fat, n_adm, ok_adm;
	long n_geo, ok_geo;
	struct tally types[16];
	size_t ntypes;
	struct eval_region_counts regions;
	const struct eval_regions *regdef; /* NULL: no per-region figures */
	const struct rasd_lexicon *lex;
	struct rasd_buf report;
	bool truncated;
};

static struct tally *tally_for(struct totals *t, const char *type)
{
	static const char *const known[] = {"Battles", "Explosions/Remote violence",
					    "Violence against civilians", "Protests", "Riots",
					    "Strategic developments", NULL};
	size_t i;
	/* gold strings live in a per-article arena: keep a static copy */
	for (i = 0; known[i]; i++)
		if (strcmp(type, known[i]) == 0)
			break;
	type = known[i] ? known[i] : "(other)";
	for (i = 0; i < t->ntypes; i++)
		if (strcmp(t->types[i].type, type) == 0)
			return &t->types[i];
	if (t->ntypes < 16) {
		t->types[t->ntypes].type = type;
		return &t->types[t->ntypes++];
	}
	return &t->types[15];
}

/* Key form without spaces, for comparing place names. */
static char *fold(struct rasd_arena *a, const char *s)
{
	struct rasd_norm n;
	size_t i, o = 0;
	char *out;
	if (!s)
		return NULL;
	if (rasd_norm(a, s, strlen(s), RASD_NORM_KEY, &n) != RASD_OK)
		return NULL;
	out = rasd_arena_alloc(a, n.n + 1);
	if (!out)
		return NULL;
	for (i = 0; i < n.n; i++)
		if (n.text[i] != ' ' && n.text[i] != '-' && n.text[i] != '#')
			out[o++] = n.text[i];
	out[o] = '\0';
	return out;
}

static bool place_agrees(struct rasd_arena *a, const struct gold_event *g,
			 const struct rasd_event *e)
{
	char *gl = fold(a, g->location), *sl = fold(a, e->location);
	char *ga = fold(a, g->admin1), *sa = fold(a, e->admin1);

	if (gl && sl && *gl && *sl) {
		if (strcmp(gl, sl) == 0 || strstr(gl, sl) || strstr(sl, gl))
			return true;
	}
	/* a governorate-level place on either side: the same governorate (the
	 * less precise side is still right; the distance figure tells how far) */
	if (gl && ga && sa && strcmp(gl, ga) == 0 && strcmp(ga, sa) == 0)
		return true;
	if (sl && ga && sa && strcmp(sl, sa) == 0 && strcmp(ga, sa) == 0)
		return true;
	if (!gl && !sl)
		return true;
	return false;
}

static bool date_agrees(const struct gold_event *g, const struct rasd_event *e)
{
	int32_t gd;
	int y, m, d;
	char buf[11];

	if (!g->date || !e->has_date)
		return !g->date && !e->has_date;
	rasd_format_date(e->date, buf);
	if (strlen(g->date) == 7 || g->precision == 3 || e->time_precision == 3)
		return strncmp(g->date, buf, 7) == 0;
	if (rasd_date_parse(g->date, strlen(g->date), &gd) != RASD_OK)
		return false;
	if (gd == e->date)
		return true;
	(void)y, (void)m, (void)d;
	if ((g->precision >= 2 || e->time_precision >= 2) && labs((long)(gd - e->date)) <= 1)
		return true;
	return false;
}

static bool actor_agrees(const char *gold, const struct rasd_actor *a)
{
	if (!gold || !*gold)
		return a == NULL;
	if (!a)
		return false;
	if (strcmp(gold, a->code) == 0)
		return true;
	if (strncmp(gold, "OTHER:", 6) == 0) {
		const char *name = gold + 6, *p = a->also_en, *paren = strstr(name, " (");
		size_t n = strlen(name);
		/* OTHER:Protesters (displaced civilians): the gold's note on who
		 * they were qualifies the actor, it does not name another */
		if (paren && name[n - 1] == ')')
			n = (size_t)(paren - name);
		if (strlen(a->name_en) == n && strncasecmp(name, a->name_en, n) == 0)
			return true;
		/* the other English names the gold sets write (LNA, GNA forces) */
		while (p && *p) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);
			if (len == n && strncasecmp(p, name, n) == 0)
				return true;
			p = bar ? bar + 1 : NULL;
		}
	}
	return false;
}

static const char *str_or_null(const struct rasd_json *o, const char *k)
{
	const struct rasd_json *v = rasd_json_get(o, k);
	return v && v->type == RASD_JSON_STRING ? v->str.p : NULL;
}

static void sentence_of(const struct rasd_article *art, const struct rasd_event *e, struct rasd_buf *b)
{
	const char *f = e->evidence.field == RASD_FIELD_TITLE ? art->title : art->text;
	size_t n = e->evidence.sent_end - e->evidence.sent_start, i;
	if (!f)
		return;
	if (n > 300) {
		n = 300;
		/* never cut a character in two */
		while (n > 0 && ((unsigned char)f[e->evidence.sent_start + n] & 0xC0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++) {
		char c = f[e->evidence.sent_start + i];
		if (rasd_buf_putc(b, c == '\n' ? ' ' : c) != RASD_OK)
			return;
	}
}

/* Returns which gold event each event matched (-1: none), in a. */
static int *score_article(struct totals *t, struct rasd_arena *a, const struct rasd_article *art,
			  struct gold_event *gold, size_t ngold, struct rasd_event *ev, size_t nev,
			  const struct rasd_lexicon *lex, const char *country)
{
	int *sys_match = rasd_arena_calloc(a, nev + 1, sizeof(int));
	size_t i, j;
	int pass;

	if (!sys_match)
		return NULL;
	for (j = 0; j < nev; j++)
		sys_match[j] = -1;
	/* required gold first, then optional; best field agreement wins */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < ngold; i++) {
			struct gold_event *g = &gold[i];
			int best = -1, best_score = -1;
			if (g->required != (pass == 0) || g->matched >= 0)
				continue;
			for (j = 0; j < nev; j++) {
				int s;
				if (sys_match[j] >= 0 || strcmp(ev[j].event_type, g->type) != 0 ||
				    !date_agrees(g, &ev[j]) || !place_agrees(a, g, &ev[j]))
					continue;
				s = (g->sub && strcmp(g->sub, ev[j].sub_event_type) == 0) +
				    actor_agrees(g->actor1, ev[j].actor1) +
				    actor_agrees(g->actor2, ev[j].actor2) +
				    (g->fatalities == ev[j].fatalities);
				if (s > best_score) {
					best_score = s;
					best = (int)j;
				}
			}
			if (best >= 0) {
				g->matched = best;
				sys_match[best] = (int)i;
			}
		}
	}
	for (i = 0; i < ngold; i++) {
		struct gold_event *g = &gold[i];
		struct tally *ty;
		struct eval_region_tally *rg;
		if (!g->required) {
			if (g->matched >= 0)
				t->optional_hits++;
			continue;
		}
		ty = tally_for(t, g->type);
		rg = eval_region_count(&t->regions, t->regdef, t->lex, a, country, g->admin1);
		if (g->matched < 0) {
			t->fn++;
			ty->fn++;
			rg->fn++;
			if (rasd_buf_printf(&t->report, "MISS      %s  %s / %s  %s  %s | %s  %s -> %s  killed %ld\n          gold: %.300s\n",
					      art->id, g->type, g->sub ? g->sub : "?", g->date ? g->date : "-",
					      g->location ? g->location : "-", g->admin1 ? g->admin1 : "-",
					      g->actor1 ? g->actor1 : "-", g->actor2 ? g->actor2 : "-",
					      g->fatalities, g->evidence ? g->evidence : "") != RASD_OK)
			t->truncated = true;
			continue;
		}
		{
			const struct rasd_event *e = &ev[g->matched];
			t->tp++;
			ty->tp++;
			rg->tp++;
			t->n_sub++;
			t->ok_sub += g->sub && strcmp(g->sub, e->sub_event_type) == 0;
			t->n_a1++;
			t->ok_a1 += actor_agrees(g->actor1, e->actor1);
			t->n_a2++;
			t->ok_a2 += actor_agrees(g->actor2, e->actor2);
			if (!actor_agrees(g->actor1, e->actor1) || !actor_agrees(g->actor2, e->actor2) ||
			    g->fatalities != e->fatalities ||
			    (g->sub && strcmp(g->sub, e->sub_event_type) != 0))
				if (rasd_buf_printf(&t->report,
						    "FIELDS    %s  %s  gold %s / %s -> %s killed %ld; got %s / %s -> %s killed %ld\n",
						    art->id, g->location ? g->location : "-", g->sub ? g->sub : "?",
						    g->actor1 ? g->actor1 : "-", g->actor2 ? g->actor2 : "-",
						    g->fatalities, e->sub_event_type,
						    e->actor1 ? e->actor1->code : "-",
						    e->actor2 ? e->actor2->code : "-", e->fatalities) != RASD_OK)
					t->truncated = true;
			t->n_fat++;
			t->ok_fat += g->fatalities == e->fatalities;
			if (g->admin1) {
				char *ga = fold(a, g->admin1), *sa = fold(a, e->admin1);
				bool ok = ga && sa && strcmp(ga, sa) == 0;
				t->n_adm++;
				t->ok_adm += ok;
				if (!ok && rasd_buf_printf(&t->report,
							   "PLACE     %s  gold %s | %s; got %s | %s\n", art->id,
							   g->location ? g->location : "-", g->admin1,
							   e->location ? e->location : "-",
							   e->admin1 && *e->admin1 ? e->admin1 : "-") != RASD_OK)
					t->truncated = true;
			}
			/* coordinates: the gold place looked up in the gazetteer */
			if (g->location && e->has_coords) {
				struct rasd_lex_match m[16];
				size_t n = rasd_lex_lookup(lex, a, g->location, strlen(g->location), m, 16), k;
				for (k = 0; k < n; k++) {
					uint32_t c;
					const struct rasd_place *best = NULL;
					if (m[k].kind != RASD_LEX_PLACE)
						continue;
					for (c = 0; c < m[k].u.place.count; c++) {
						const struct rasd_place *p = rasd_lex_place(lex, m[k].u.place.places[c]);
						/* the gold place: in the gold governorate, the
						 * most specific unit (a town before its province) */
						bool in_adm = !g->admin1 || strcmp(p->admin1, g->admin1) == 0;
						bool best_in = best && (!g->admin1 || strcmp(best->admin1, g->admin1) == 0);
						if (!best || (in_adm && !best_in) ||
						    (in_adm == best_in && p->kind > best->kind))
							best = p;
					}
					if (best) {
						double la1 = best->lat * M_PI / 180, la2 = e->latitude * M_PI / 180;
						double dla = la2 - la1, dlo = (e->longitude - best->lon) * M_PI / 180;
						double h = sin(dla / 2) * sin(dla / 2) +
							   cos(la1) * cos(la2) * sin(dlo / 2) * sin(dlo / 2);
						double km = 2 * 6371 * asin(sqrt(h));
						t->n_geo++;
						t->ok_geo += km <= 25;
					}
					break;
				}
			}
		}
	}
	for (j = 0; j < nev; j++) {
		char date[11] = "-";
		if (sys_match[j] >= 0)
			continue;
		t->fp++;
		tally_for(t, ev[j].event_type)->fp++;
		eval_region_count(&t->regions, t->regdef, t->lex, a, ev[j].country, ev[j].admin1)->fp++;
		if (ev[j].has_date)
			rasd_format_date(ev[j].date, date);
		if (rasd_buf_printf(&t->report, "SPURIOUS  %s  %s / %s  %s  %s | %s  %s -> %s  killed %ld  «%s»\n          text: ",
				      art->id, ev[j].event_type, ev[j].sub_event_type, date,
				      ev[j].location ? ev[j].location : "-",
				      ev[j].admin1 ? ev[j].admin1 : "-",
				      ev[j].actor1 ? ev[j].actor1->code : "-",
				      ev[j].actor2 ? ev[j].actor2->code : "-", ev[j].fatalities,
				      ev[j].trigger ? ev[j].trigger : "") != RASD_OK)
			t->truncated = true;
		sentence_of(art, &ev[j], &t->report);
		if (rasd_buf_putc(&t->report, '\n') != RASD_OK)
			t->truncated = true;
	}
	return sys_match;
}

/* Which gold event each event is regardless of its type (-1: none), for
 * the learned models' labels: the same place and date, the gold event of
 * the event's own type first, then the best agreement of the other fields.
 * In a; does not touch the gold's own matching. */
static int *match_any_type(struct rasd_arena *a, const struct gold_event *gold, size_t ngold,
			   const struct rasd_event *ev, size_t nev)
{
	int *sys = rasd_arena_calloc(a, nev + 1, sizeof(int));
	bool *taken = rasd_arena_calloc(a, ngold + 1, sizeof(bool));
	size_t i, j;
	int pass;

	if (!sys || !taken)
		return NULL;
	for (j = 0; j < nev; j++)
		sys[j] = -1;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < ngold; i++) {
			const struct gold_event *g = &gold[i];
			int best = -1, best_score = -1;
			if (g->required != (pass == 0) || taken[i])
				continue;
			for (j = 0; j < nev; j++) {
				int s;
				if (sys[j] >= 0 || !date_agrees(g, &ev[j]) || !place_agrees(a, g, &ev[j]))
					continue;
				s = 8 * (strcmp(ev[j].event_type, g->type) == 0) +
				    (g->sub && strcmp(g->sub, ev[j].sub_event_type) == 0) +
				    actor_agrees(g->actor1, ev[j].actor1) +
				    actor_agrees(g->actor2, ev[j].actor2) +
				    (g->fatalities == ev[j].fatalities);
				if (s > best_score) {
					best_score = s;
					best = (int)j;
				}
			}
			if (best >= 0) {
				taken[i] = true;
				sys[best] = (int)i;
			}
		}
	}
	return sys;
}

static double ratio(long a, long b)
{
	return b ? (double)a / (double)b : 0.0;
}

static void print_prf(const char *label, long tp, long fp, long fn)
{
	double p = ratio(tp, tp + fp), r = ratio(tp, tp + fn);
	double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
	printf("%-30s P %5.1f%%  R %5.1f%%  F1 %5.1f%%   (tp %ld, fp %ld, fn %ld)\n", label, 100 * p,
	       100 * r, 100 * f, tp, fp, fn);
}

/* rasd eval, and rasd train (train: the examples go into a model file). */
static int run(int argc, char **argv, bool training)
{
	struct cli_common o;
	const char *gold_path = NULL, *text_path = NULL, *model_path = NULL, *out_path = NULL;
	const char *db_path = NULL;
	const char *gold_paths[64];
	size_t ngold_paths = 0, gp;
	long cv = 0;
	bool cv_files = false;
	double threshold = 0; /* 0: the model's own, or chosen by inner cross-validation */
	struct cli_learn *learn = NULL;
	struct rasd_model *model = NULL;
	struct rasd_trace trace;
	struct rasd_extract_options xopt;
	struct rasd_lexicon *lex;
	struct eval_regions regions;
	struct rasd_arena arena, work;
	struct totals t, tm;
	int pass, npasses;
	bool quiet_list = false, require_perfect = false;
	double min_conf = 0;
	long articles = 0, errors = 0;
	size_t k;
	int i;
	FILE *tf = NULL;

	cli_common_init(&o);
	for (i = 1; i < argc; i++) {
		int r = cli_common_option(&o, argc, argv, &i);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if ((strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) && training) {
			puts("usage: rasd train [--db DB] [GOLD...] -o MODEL\n"
			     "Fits the learned models (logistic regression, liblinear) on the events the\n"
			     "rules code from gold articles (real when the gold has an event at their place\n"
			     "and date; its type teaches the type model) and from the reviewed events of a\n"
			     "database (accepted and corrected: real, with their corrected type; rejected:\n"
			     "not). The same examples give the same model file. See docs/learn.md.\n"
			     "  -o, --output FILE   the model file to write\n"
			     "  --db DB             learn from the reviews in DB too\n"
			     "  --threshold P       drop events below P (default: chosen by an inner\n"
			     "                      cross-validation on the examples)\n"
			     "  --data DIR          the lexicons");
			return 0;
		} else if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
			   i + 1 < argc && training) {
			out_path = argv[++i];
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc && training) {
			db_path = argv[++i];
		} else if (strcmp(argv[i], "--threshold") == 0 && i + 1 < argc && true) {
			if (!cli_parse_real("--threshold", argv[++i], 0.01, 0.99, &threshold))
				return 2;
		} else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc && !training) {
			model_path = argv[++i];
		} else if (strcmp(argv[i], "--cv") == 0 && i + 1 < argc && !training) {
			char *end;
			if (strcmp(argv[++i], "files") == 0) {
				cv_files = true;
				cv = 2; /* the number of files, below */
				continue;
			}
			cv = strtol(argv[i], &end, 10);
			if (*end || cv < 2 || cv > 50) {
				cli_error("--cv: '%s' is not a number of folds in 2..50, or files",
					  argv[i]);
				return 2;
			}
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			puts("usage: rasd eval [--text ARTICLE.txt] [--summary] [--require-perfect]\n"
			     "                 [--min-confidence X] [--model FILE | --cv K|files] GOLD...\n"
			     "GOLD is JSONL (one article with its hand-coded \"events\" per line) or one\n"
			     "JSON object. --text supplies the article text when the gold file has none.\n"
			     "Figures come by event type and by region (data/regions.tsv).\n"
			     "--require-perfect exits 1 unless every required event is found and no\n"
			     "spurious event is produced. --model FILE codes with the rules and a\n"
			     "learned model (rasd train; 'default' is data/model.txt), which may retype\n"
			     "events, gives their confidence and drops those below its threshold; --cv K\n"
			     "adds rules alone against rules + a model trained for each of K folds\n"
			     "without its articles, each article coded again with its fold's model, per\n"
			     "gold file, with calibration tables (docs/learn.md); --cv files leaves each\n"
			     "gold file out in turn instead (a source the model never saw); --threshold P is the\n"
			     "probability below which the model drops an event (default: the model's,\n"
			     "or chosen by an inner cross-validation).");
			return 0;
		} else if (strcmp(argv[i], "--text") == 0 && i + 1 < argc) {
			text_path = argv[++i];
		} else if (strcmp(argv[i], "--min-confidence") == 0 && i + 1 < argc) {
			if (!cli_parse_real("--min-confidence", argv[++i], 0, 1, &min_conf))
				return 2;
		} else if (strcmp(argv[i], "--summary") == 0) {
			quiet_list = true;
		} else if (strcmp(argv[i], "--require-perfect") == 0) {
			require_perfect = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("eval: unknown option '%s'", argv[i]);
			return 2;
		} else {
			gold_path = argv[i];
			if (ngold_paths == sizeof(gold_paths) / sizeof(gold_paths[0])) {
				cli_error("eval: at most 64 gold files");
				return 2;
			}
			gold_paths[ngold_paths++] = argv[i];
		}
	}
	if (training && !out_path) {
		cli_error("train: give the model file to write (-o MODEL)");
		return 2;
	}
	if (cv_files) {
		if (ngold_paths < 2 || ngold_paths > 50) {
			cli_error("eval: --cv files leaves each gold file out in turn: give 2 to 50");
			return 2;
		}
		cv = (long)ngold_paths;
	}
	if (model_path && cv) {
		cli_error("eval: --model and --cv do not go together");
		return 2;
	}
	if (!gold_path && !(training && db_path)) {
		if (training)
			cli_error("train: give gold files or --db DB");
		else
			cli_error("eval: give a gold file, e.g. rasd eval ../shared/dev/gold.jsonl");
		return 2;
	}
	lex = cli_load_lexicon(&o);
	if (!lex)
		return 1;
	if (model_path) {
		struct cli_model_opt mo = {model_path, false};
		bool failed;
		model = cli_load_model(&o, &mo, &failed);
		if (failed) {
			rasd_lexicon_free(lex);
			return 1;
		}
		if (threshold > 0)
			rasd_model_set_threshold(model, threshold);
	}
	memset(&trace, 0, sizeof(trace));
	memset(&xopt, 0, sizeof(xopt));
	if (cv || training || model) {
		xopt.trace = &trace; /* the rules' names are features */
		learn = cli_learn_new();
		if (!learn) {
			cli_error("out of memory");
			return 1;
		}
		if (cv_files)
			cli_learn_by_file(learn);
	}
	/* with a model or folds, the articles are coded twice: rules alone,
	 * then rules + model, both matched against the gold alike */
	npasses = cv || model ? 2 : 1;
	memset(&t, 0, sizeof(t));
	memset(&regions, 0, sizeof(regions));
	if (!training) {
		/* the per-region figures (train prints none) */
		if (!eval_regions_load(&regions, &o)) {
			rasd_lexicon_free(lex);
			rasd_model_free(model);
			cli_learn_free(learn);
			return 1;
		}
		t.regdef = &regions;
		t.lex = lex;
	}
	rasd_buf_init(&t.report, 0);
	memset(&tm, 0, sizeof(tm));
	tm.regdef = t.regdef;
	tm.lex = lex;
	rasd_buf_init(&tm.report, 0);
	rasd_arena_init(&arena, 0);
	rasd_arena_init(&work, 0);
	{
		struct cli_reader r;
		struct rasd_article art;
		struct cli_common ro = o;
		char *text_buf = NULL;
		size_t text_n = 0;

		if (text_path) {
			/* read the article text once */
			size_t cap = 0;
			tf = fopen(text_path, "rb");
			if (!tf) {
				cli_error("cannot open '%s'", text_path);
				return 1;
			}
			for (;;) {
				size_t g;
				if (text_n + 4096 > cap) {
					char *nb = realloc(text_buf, cap = cap ? cap * 2 : 65536);
					if (!nb) {
						free(text_buf);
						fclose(tf);
						return 1;
					}
					text_buf = nb;
				}
				g = fread(text_buf + text_n, 1, cap - text_n - 1, tf);
				if (!g)
					break;
				text_n += g;
			}
			fclose(tf);
			text_buf[text_n] = '\0';
		}
		ro.input_format = NULL;
		for (pass = 0; pass < npasses; pass++) {
		if (pass == 1 && cv && !cli_learn_folds(learn, cv, threshold)) {
			cli_error("eval --cv: cannot train the models of the folds");
			return 1;
		}
		articles = 0;
		for (gp = 0; gp < ngold_paths; gp++) {
		gold_path = gold_paths[gp];
		if (learn)
			cli_learn_file(learn, gold_path);
		if (!cli_reader_open(&r, &ro, gold_path, &arena))
			return 1;
		r.jsonl = true;
		for (;;) {
			struct rasd_json *obj;
			struct rasd_error err;
			const struct rasd_json *evs, *g;
			struct gold_event *gold;
			size_t ng = 0;
			struct rasd_event *ev;
			size_t nev;
			long len;

			/* read the whole line ourselves: the gold needs its events too */
			rasd_arena_reset(&arena);
			if (feof(r.f))
				break;
			{
				size_t cap = 0, n = 0;
				char *line = NULL;
				int c;
				/* a single JSON object may span lines: read the rest of the
				 * file when it does not parse line by line */
				while ((c = getc(r.f)) != EOF && c != '\n') {
					if (n + 1 >= cap) {
						char *nl = realloc(line, cap = cap ? cap * 2 : 65536);
						if (!nl)
							break;
						line = nl;
					}
					line[n++] = (char)c;
				}
				r.line++;
				if (!line && c == EOF)
					break;
				if (!line)
					continue;
				line[n] = '\0';
				len = (long)n;
				if (rasd_json_parse(&arena, line, (size_t)len, &obj, &err) != RASD_OK) {
					/* maybe a pretty-printed single object */
					while ((c = getc(r.f)) != EOF) {
						if (n + 1 >= cap) {
							char *nl = realloc(line, cap = cap * 2);
							if (!nl)
								break;
							line = nl;
						}
						line[n++] = (char)c;
					}
					line[n] = '\0';
					if (rasd_json_parse(&arena, line, n, &obj, &err) != RASD_OK) {
						if (pass == 0) {
							cli_error("%s:%ld: column %ld: %s; skipped",
								  r.path, r.line, err.column, err.msg);
							errors++;
						}
						free(line);
						continue;
					}
				}
				/* the DOM points into the arena, not into line */
				free(line);
			}
			memset(&art, 0, sizeof(art));
			art.id = str_or_null(obj, "id");
			art.title = str_or_null(obj, "title");
			art.title_n = art.title ? strlen(art.title) : 0;
			art.text = str_or_null(obj, "text");
			art.published = str_or_null(obj, "published");
			if (!art.text && text_buf) {
				art.text = text_buf;
				art.text_n = text_n;
			} else if (art.text) {
				const struct rasd_json *tv = rasd_json_get(obj, "text");
				art.text_n = tv->str.n;
			}
			if (!art.text) {
				if (pass == 0) {
					cli_error("%s:%ld: gold article has no text (use --text FILE)",
						  r.path, r.line);
					errors++;
				}
				continue;
			}
			if (!art.id)
				art.id = "-";
			evs = rasd_json_get(obj, "events");
			gold = rasd_arena_calloc(&arena, evs ? evs->count + 1 : 1, sizeof(*gold));
			if (!gold)
				break;
			for (g = evs && evs->type == RASD_JSON_ARRAY ? evs->child : NULL; g; g = g->next) {
				const struct rasd_json *req = rasd_json_get(g, "required");
				const struct rasd_json *fat = rasd_json_get(g, "fatalities");
				const struct rasd_json *tp = rasd_json_get(g, "time_precision");
				struct gold_event *ge = &gold[ng];
				ge->type = str_or_null(g, "event_type");
				if (!ge->type)
					continue;
				ge->sub = str_or_null(g, "sub_event_type");
				ge->date = str_or_null(g, "date");
				ge->location = str_or_null(g, "location");
				ge->admin1 = str_or_null(g, "admin1");
				ge->actor1 = str_or_null(g, "actor1");
				ge->actor2 = str_or_null(g, "actor2");
				ge->evidence = str_or_null(g, "evidence");
				ge->fatalities = fat && fat->type == RASD_JSON_NUMBER ? (long)fat->number : 0;
				ge->required = !req || req->type != RASD_JSON_FALSE;
				ge->precision = tp && tp->type == RASD_JSON_NUMBER ? (int)tp->number : 1;
				ge->matched = -1;
				ng++;
			}
			rasd_arena_reset(&work);
			if (rasd_extract(lex, &art, &xopt, &work, &ev, &nev, &err) != RASD_OK) {
				if (pass == 0) {
					cli_error("%s:%ld: %s (id %s)", r.path, r.line, err.msg, art.id);
					errors++;
				}
				nev = 0;
				ev = NULL;
			}
			articles++;
			{
				size_t a2, w2 = 0;
				for (a2 = 0; a2 < nev; a2++)
					if (ev[a2].confidence >= min_conf)
						ev[w2++] = ev[a2];
				nev = w2;
			}
			{
				const struct rasd_model *use =
					pass == 0 ? NULL : model ? model : cli_learn_fold_model(learn, articles - 1);
				struct totals *tt = pass == 0 ? &t : &tm;
				long tp0 = tt->tp, fp0 = tt->fp, fn0 = tt->fn;
				int *match;
				size_t gi;

				if (use) {
					/* the model retypes and scores every event; the
					 * calibration reads them all, before any is dropped */
					struct totals scratch;
					if (rasd_model_apply(use, &art, ev, nev, &work) != RASD_OK) {
						cli_error("out of memory");
						return 1;
					}
					memset(&scratch, 0, sizeof(scratch));
					rasd_buf_init(&scratch.report, 0);
					match = score_article(&scratch, &work, &art, gold, ng, ev, nev, lex,
								      NULL);
					rasd_buf_release(&scratch.report);
					for (k = 0; match && k < nev; k++)
						cli_learn_calibrate(learn, true, ev[k].confidence, match[k] >= 0);
					for (gi = 0; gi < ng; gi++)
						gold[gi].matched = -1;
					nev = rasd_model_keep(use, ev, nev);
				}
				match = score_article(tt, &work, &art, gold, ng, ev, nev, lex,
						      str_or_null(obj, "country"));
				if (!match) {
					cli_error("out of memory");
					return 1;
				}
				if (learn) {
					cli_learn_count(learn, pass == 1, tt->tp - tp0, tt->fp - fp0,
							tt->fn - fn0);
					if (pass == 1 && !use) {
						/* a fold without a model: rules alone there */
						for (k = 0; k < nev; k++)
							cli_learn_calibrate(learn, true, ev[k].confidence,
									    match[k] >= 0);
					}
				}
				if (learn && pass == 0) {
					struct rasd_train_label *lab =
						rasd_arena_calloc(&work, ng + 1, sizeof(*lab));
					int *umatch = match_any_type(&work, gold, ng, ev, nev);
					for (k = 0; k < nev; k++)
						cli_learn_calibrate(learn, false, ev[k].confidence, match[k] >= 0);
					for (gi = 0; lab && gi < ng; gi++) {
						lab[gi].real = true;
						lab[gi].event_type = gold[gi].type;
						lab[gi].sub_event_type = gold[gi].sub;
						lab[gi].required = gold[gi].required;
					}
					if (!umatch || !lab ||
					    !cli_learn_article(learn, &art, ev, nev, umatch, lab, ng)) {
						cli_error("out of memory");
						return 1;
					}
				}
			}
		}
		cli_reader_close(&r);
		}
		}
		free(text_buf);
	}

	if (training) {
		int trc = errors ? 1 : 0;
		if (!trc && db_path && !cli_learn_db(learn, db_path, lex))
			trc = 1;
		if (!trc)
			trc = cli_learn_write(learn, out_path, threshold);
		cli_learn_free(learn);
		rasd_buf_release(&t.report);
		rasd_buf_release(&tm.report);
		rasd_arena_release(&arena);
		rasd_arena_release(&work);
		rasd_lexicon_free(lex);
		return trc;
	}
	if (model) {
		/* the figures below are those of rules + model */
		struct totals x = t;
		t = tm;
		tm = x;
	}
	printf("rasd eval: %ld article(s) from %s%s%s\n\n", articles, gold_path,
	       ngold_paths > 1 ? " and others" : "", model ? " (rules + model)" : "");
	print_prf("all events", t.tp, t.fp, t.fn);
	printf("(optional gold events also found: %ld)\n\nby event type:\n", t.optional_hits);
	for (k = 0; k < t.ntypes; k++) {
		char label[64];
		snprintf(label, sizeof(label), "  %.28s", t.types[k].type);
		print_prf(label, t.types[k].tp, t.types[k].fp, t.types[k].fn);
	}
	printf("\nby region (data/regions.tsv; gold events by their governorate, others by theirs):\n");
	eval_regions_print(&regions, &t.regions, print_prf);
	printf("\nfields on matched events:\n");
	printf("  sub_event_type  %5.1f%% (%ld/%ld)\n", 100 * ratio(t.ok_sub, t.n_sub), t.ok_sub, t.n_sub);
	printf("  actor1          %5.1f%% (%ld/%ld)\n", 100 * ratio(t.ok_a1, t.n_a1), t.ok_a1, t.n_a1);
	printf("  actor2          %5.1f%% (%ld/%ld)\n", 100 * ratio(t.ok_a2, t.n_a2), t.ok_a2, t.n_a2);
	printf("  fatalities      %5.1f%% (%ld/%ld)\n", 100 * ratio(t.ok_fat, t.n_fat), t.ok_fat, t.n_fat);
	printf("\ngeocoding on matched events:\n");
	printf("  admin1 right    %5.1f%% (%ld/%ld)\n", 100 * ratio(t.ok_adm, t.n_adm), t.ok_adm, t.n_adm);
	printf("  within 25 km    %5.1f%% (%ld/%ld gold places found in the gazetteer)\n",
	       100 * ratio(t.ok_geo, t.n_geo), t.ok_geo, t.n_geo);
	if (learn)
		cli_learn_report(learn, cv);
	if (!quiet_list && t.report.n) {
		printf("\nmisses and spurious events:\n");
		fwrite(t.report.p, 1, t.report.n, stdout);
	}
	cli_flush();
	rasd_buf_release(&t.report);
	rasd_buf_release(&tm.report);
	rasd_arena_release(&arena);
	rasd_arena_release(&work);
	eval_regions_free(&regions);
	rasd_lexicon_free(lex);
	rasd_model_free(model);
	cli_learn_free(learn);
	if (errors)
		return 1;
	if (require_perfect && (t.fn || t.fp || t.ok_sub < t.n_sub || t.ok_a1 < t.n_a1 ||
				t.ok_a2 < t.n_a2 || t.ok_fat < t.n_fat || t.ok_adm < t.n_adm))
		return 1;
	return 0;
}

int cmd_eval(int argc, char **argv)
{
	return run(argc, argv, false);
}

int cmd_train(int argc, char **argv)
{
	return run(argc, argv, true);
}
