/*
 * cmd_learn.c - what rasd eval and rasd train do with the learned models:
 * every event the rules code from a gold article is an example, real when
 * a gold event is at its place and date (of any type: the type model
 * learns the type from those). rasd train fits the models and writes the
 * model file; rasd eval --cv K fits one model per fold by article and
 * codes each article again with the model of the folds it was not in, so
 * rules alone and rules + model are matched against the gold the same way;
 * it prints both per gold file and the calibration tables. The gold
 * reading and matching stay in cmd_eval.c.
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 64
#define MAX_FOLDS 50

struct calib {
	long n[10], right[10];
	double conf[10];
};

struct cli_learn {
	struct rasd_trainer *trainer;
	int cur_file, nfiles;
	const char *file_name[MAX_FILES];
	long counts[2][MAX_FILES][3]; /* rules, model: tp fp fn */
	struct calib calib[2];
	struct rasd_model *fold[MAX_FOLDS];
	long k;
	bool by_file;      /* one fold per gold file */
	int *article_file; /* per article: its gold file */
	size_t article_cap;
	long articles;
};

struct cli_learn *cli_learn_new(void)
{
	struct cli_learn *l = calloc(1, sizeof(*l));
	if (l && !(l->trainer = rasd_trainer_new())) {
		free(l);
		l = NULL;
	}
	return l;
}

void cli_learn_free(struct cli_learn *l)
{
	long f;
	if (!l)
		return;
	rasd_trainer_free(l->trainer);
	for (f = 0; f < MAX_FOLDS; f++)
		rasd_model_free(l->fold[f]);
	free(l->article_file);
	free(l);
}

void cli_learn_file(struct cli_learn *l, const char *path)
{
	int i;
	/* the second pass of a cross-validation reads the same files again */
	for (i = 0; i < l->nfiles; i++)
		if (l->file_name[i] == path) {
			l->cur_file = i;
			return;
		}
	if (l->nfiles < MAX_FILES)
		l->file_name[l->nfiles++] = path;
	l->cur_file = l->nfiles - 1;
}

void cli_learn_options(struct rasd_train_options *o, double threshold)
{
	memset(o, 0, sizeof(*o));
	o->C = CLI_LEARN_C;
	o->C_type = CLI_LEARN_C_TYPE;
	o->threshold = threshold;
	o->type_threshold = 0;
}

bool cli_learn_article(struct cli_learn *l, const struct rasd_article *art,
		       const struct rasd_event *ev, size_t nev, const int *umatch,
		       const struct rasd_train_label *label, size_t ngold)
{
	static const struct rasd_train_label none = {false, NULL, NULL, false};
	long required = 0;
	size_t j;

	for (j = 0; j < ngold; j++)
		required += label[j].required;
	if (rasd_trainer_article(l->trainer, l->articles, required) != RASD_OK)
		return false;
	if ((size_t)l->articles == l->article_cap) {
		size_t nc = l->article_cap ? l->article_cap * 2 : 256;
		int *na = realloc(l->article_file, nc * sizeof(*na));
		if (!na)
			return false;
		l->article_file = na;
		l->article_cap = nc;
	}
	l->article_file[l->articles] = l->cur_file;
	if (l->by_file && rasd_trainer_set_fold(l->trainer, l->articles, l->cur_file) != RASD_OK)
		return false;
	for (j = 0; j < nev; j++) {
		const struct rasd_train_label *lab = umatch[j] >= 0 ? &label[umatch[j]] : &none;
		if (umatch[j] == CLI_LEARN_UNLABELLED)
			continue; /* nobody said whether it is right */
		if (rasd_trainer_add(l->trainer, art, ev, nev, j, lab, l->articles) != RASD_OK)
			return false;
	}
	l->articles++;
	return true;
}

void cli_learn_count(struct cli_learn *l, bool model, long tp, long fp, long fn)
{
	long *c = l->counts[model][l->cur_file];
	c[0] += tp;
	c[1] += fp;
	c[2] += fn;
}

void cli_learn_calibrate(struct cli_learn *l, bool model, double confidence, bool right)
{
	struct calib *c = &l->calib[model];
	int b = (int)(confidence * 10);
	if (b > 9)
		b = 9;
	if (b < 0)
		b = 0;
	c->n[b]++;
	c->conf[b] += confidence;
	c->right[b] += right;
}

bool cli_learn_folds(struct cli_learn *l, long k, double threshold)
{
	struct rasd_train_options o;
	long f;

	if (k > MAX_FOLDS)
		return false;
	cli_learn_options(&o, threshold);
	l->k = k;
	for (f = 0; f < k; f++) {
		struct rasd_error err;
		enum rasd_status st;
		rasd_error_clear(&err);
		st = rasd_trainer_fit(l->trainer, &o, k, f, &l->fold[f], &err);
		/* a fold with nothing to learn from: rules alone there */
		if (st != RASD_OK && st != RASD_EINVAL)
			return false;
	}
	return true;
}

const struct rasd_model *cli_learn_fold_model(const struct cli_learn *l, long article)
{
	if (l->k <= 0 || article < 0 || article >= l->articles)
		return NULL;
	return l->fold[l->by_file ? l->article_file[article] : article % l->k];
}

void cli_learn_by_file(struct cli_learn *l)
{
	l->by_file = true;
}

static void prf(const char *label, const long *c, double *f1)
{
	long tp = c[0], fp = c[1], fn = c[2];
	double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	double r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
	double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
	if (f1)
		*f1 = f;
	printf("  %-22s P %5.1f%%  R %5.1f%%  F1 %5.1f%%   (tp %ld, fp %ld, fn %ld)\n", label,
	       100 * p, 100 * r, 100 * f, tp, fp, fn);
}

/* Precision per band of 0.1 from 0.5 up, and the expected calibration
 * error over all ten bands. */
static void calibration(const struct calib *c, const char *what)
{
	long total = 0, hn, hr;
	double ece = 0;
	int b;

	for (b = 0; b < 10; b++)
		total += c->n[b];
	printf("\ncalibration of %s:\n  %-9s %7s %7s %10s\n", what, "band", "events", "right",
	       "precision");
	for (b = 5; b < 10; b++)
		printf("  %.1f-%.1f   %7ld %7ld %9.1f%%\n", b / 10.0, (b + 1) / 10.0, c->n[b],
		       c->right[b],
		       c->n[b] ? 100.0 * (double)c->right[b] / (double)c->n[b] : 0.0);
	for (b = 0; b < 10; b++)
		if (c->n[b])
			ece += (double)c->n[b] / (double)total *
			       fabs((double)c->right[b] / (double)c->n[b] - c->conf[b] / (double)c->n[b]);
	hn = c->n[8] + c->n[9];
	hr = c->right[8] + c->right[9];
	printf("  >= 0.8    %7ld %7ld %9.1f%%\n", hn, hr,
	       hn ? 100.0 * (double)hr / (double)hn : 0.0);
	printf("  ECE %.3f (all %ld events, ten bands)\n", ece, total);
}

void cli_learn_report(const struct cli_learn *l, long k)
{
	long all[2][3] = {{0}};
	double f_rules, f_model;
	size_t real = 0, n = rasd_trainer_count(l->trainer, &real);
	int fi, m, c;

	for (fi = 0; fi < l->nfiles; fi++)
		for (m = 0; m < 2; m++)
			for (c = 0; c < 3; c++)
				all[m][c] += l->counts[m][fi][c];
	if (k > 0 && l->by_file)
		printf("\nlearned model, each of %ld gold files left out in turn (%ld articles, %zu"
		       " events coded by the rules, %zu real); each article coded again with the"
		       " model of the other files and matched as the rules are:\n",
		       k, l->articles, n, real);
	else if (k > 0)
		printf("\nlearned model, %ld-fold cross-validation by article (%ld articles, %zu events"
		       " coded by the rules, %zu real); each article coded again with the model of"
		       " the other folds and matched as the rules are:\n",
		       k, l->articles, n, real);
	else
		printf("\nlearned model:\n");
	prf("rules alone", all[0], &f_rules);
	prf("rules + model", all[1], &f_model);
	printf("  F1 change %+.1f points\n", 100 * (f_model - f_rules));
	for (fi = 0; l->nfiles > 1 && fi < l->nfiles; fi++) {
		double f1r, f1m;
		printf("  %s:\n", l->file_name[fi]);
		prf("  rules alone", l->counts[0][fi], &f1r);
		prf("  rules + model", l->counts[1][fi], &f1m);
		printf("    F1 change %+.1f points\n", 100 * (f1m - f1r));
	}
	calibration(&l->calib[1], k > 0 ? "the model's held-out probability"
					 : "the model's probability");
	calibration(&l->calib[0], "the rules' confidence, for comparison");
}

int cli_learn_write(struct cli_learn *l, const char *out, double threshold)
{
	struct rasd_train_options o;
	struct rasd_error err;
	struct rasd_model *m = NULL;
	struct rasd_buf b;
	size_t real = 0, n = rasd_trainer_count(l->trainer, &real);
	FILE *f;
	int rc = 0;

	rasd_error_clear(&err);
	cli_learn_options(&o, threshold);
	if (rasd_trainer_fit(l->trainer, &o, 0, 0, &m, &err) != RASD_OK) {
		cli_error("train: %s", err.msg);
		return 1;
	}
	rasd_buf_init(&b, 0);
	if (rasd_model_write(m, &b) != RASD_OK) {
		cli_error("train: out of memory");
		rc = 1;
	} else if (!(f = fopen(out, "w"))) {
		cli_error("cannot write '%s'", out);
		rc = 1;
	} else {
		if (fwrite(b.p, 1, b.n, f) != b.n || fclose(f) != 0) {
			cli_error("cannot write '%s'", out);
			rc = 1;
		}
	}
	if (rc == 0)
		fprintf(stderr,
			"rasd: %s: trained on %zu events (%zu real) from %ld articles; threshold %.2f\n",
			out, n, real, l->articles, rasd_model_threshold(m));
	rasd_buf_release(&b);
	rasd_model_free(m);
	return rc;
}

int cli_model_option(struct cli_model_opt *mo, int argc, char **argv, int *i)
{
	if (strcmp(argv[*i], "--no-model") == 0) {
		mo->none = true;
		return 1;
	}
	if (strcmp(argv[*i], "--model") != 0)
		return 0;
	if (*i + 1 >= argc) {
		cli_error("option '--model' needs a value");
		return -1;
	}
	mo->path = argv[++*i];
	return 1;
}

static void model_error(const char *path, const struct rasd_error *err)
{
	if (err->line && err->column)
		cli_error("%s:%ld: column %ld: %s", path, err->line, err->column, err->msg);
	else if (err->line)
		cli_error("%s:%ld: %s", path, err->line, err->msg);
	else
		cli_error("%s", err->msg);
}

struct rasd_model *cli_load_model(const struct cli_common *o, const struct cli_model_opt *mo,
				  bool *failed)
{
	char dir[4096], path[4200];
	const char *p = mo->path;
	struct rasd_model *m = NULL;
	struct rasd_error err;

	*failed = false;
	if (mo->none && mo->path) {
		cli_error("--model and --no-model do not go together");
		*failed = true;
		return NULL;
	}
	/* rules alone unless asked: docs/learn.md says why */
	if (mo->none || !p)
		return NULL;
	if (strcmp(p, "default") == 0) {
		snprintf(path, sizeof(path), "%s/model.txt", cli_data_dir(o, dir, sizeof(dir)));
		p = path;
	}
	rasd_error_clear(&err);
	if (rasd_model_load(p, &m, &err) != RASD_OK) {
		model_error(p, &err);
		*failed = true;
		return NULL;
	}
	return m;
}

/* rasd train --db: one reviewed article at a time */
struct db_walk {
	struct cli_learn *l;
	const struct rasd_lexicon *lex;
	struct rasd_arena work;
	long articles, reports, paired;
	bool oom;
};

static enum rasd_status db_article(void *ctx, const struct rasd_article *art,
				   const struct rasd_review_report *r, size_t n)
{
	struct db_walk *w = ctx;
	struct rasd_extract_options xo;
	struct rasd_trace trace;
	struct rasd_train_label *lab;
	struct rasd_event *ev;
	struct rasd_error err;
	bool *used;
	int *umatch;
	size_t nev, j, k;

	rasd_arena_reset(&w->work);
	memset(&xo, 0, sizeof(xo));
	memset(&trace, 0, sizeof(trace));
	xo.trace = &trace; /* the rules' names are features */
	w->articles++;
	w->reports += (long)n;
	rasd_error_clear(&err);
	if (rasd_extract(w->lex, art, &xo, &w->work, &ev, &nev, &err) != RASD_OK)
		return RASD_OK; /* nothing the rules code today: nothing to learn */
	lab = rasd_arena_calloc(&w->work, n + 1, sizeof(*lab));
	used = rasd_arena_calloc(&w->work, n + 1, sizeof(*used));
	umatch = rasd_arena_calloc(&w->work, nev + 1, sizeof(*umatch));
	if (!lab || !used || !umatch)
		return RASD_ENOMEM;
	for (k = 0; k < n; k++) {
		lab[k].real = r[k].status != RASD_REVIEW_REJECTED;
		lab[k].event_type = r[k].event_type;
		lab[k].sub_event_type = r[k].sub_event_type;
		lab[k].required = lab[k].real;
	}
	/* the rules' event is the report with its rasd- id, else the one at
	 * the same trigger (the rules changed since the article was stored) */
	for (j = 0; j < nev; j++) {
		size_t found = n;
		for (k = 0; k < n && found == n; k++)
			if (!used[k] && r[k].mention_id && strcmp(r[k].mention_id, ev[j].event_id) == 0)
				found = k;
		for (k = 0; k < n && found == n; k++)
			if (!used[k] && r[k].field == ev[j].evidence.field &&
			    r[k].start == ev[j].evidence.start && r[k].end == ev[j].evidence.end)
				found = k;
		umatch[j] = CLI_LEARN_UNLABELLED;
		if (found < n) {
			used[found] = true;
			umatch[j] = (int)found;
			w->paired++;
		}
	}
	if (!cli_learn_article(w->l, art, ev, nev, umatch, lab, n))
		return RASD_ENOMEM;
	return RASD_OK;
}

bool cli_learn_db(struct cli_learn *l, const char *db_path, const struct rasd_lexicon *lex)
{
	struct rasd_db *db = cli_open_db(db_path, false, 10000);
	struct rasd_error err;
	struct db_walk w;
	enum rasd_status st;

	if (!db)
		return false;
	memset(&w, 0, sizeof(w));
	w.l = l;
	w.lex = lex;
	rasd_arena_init(&w.work, 0);
	rasd_error_clear(&err);
	st = rasd_db_reviewed_articles(db, db_article, &w, &err);
	if (st != RASD_OK) {
		if (err.msg[0])
			cli_db_error(&err);
		else
			cli_error("%s: %s", db_path, rasd_strerror(st));
	} else {
		fprintf(stderr, "rasd: %s: %ld reviewed %s in %ld %s, %ld coded alike today\n",
			db_path, w.reports, cli_plural(w.reports, "report", "reports"), w.articles,
			cli_plural(w.articles, "article", "articles"), w.paired);
	}
	rasd_arena_release(&w.work);
	rasd_db_free(db);
	return st == RASD_OK;
}
