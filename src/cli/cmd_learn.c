/*
 * cmd_learn.c - what rasd eval and rasd train do with the learned scorer:
 * every event the rules code from a gold article is an example, right when
 * the gold has it (the matching of rasd eval). rasd train fits the model
 * on them and writes the model file; rasd eval --cv K reports rules alone
 * against rules + model cross-validated by article, with a calibration
 * table of the held-out probabilities. The gold reading and matching stay
 * in cmd_eval.c; this file keeps the examples and prints the figures.
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct cli_learn {
	struct rasd_trainer *trainer;
	/* per example, in the order added */
	bool *required; /* matched a required gold event */
	double *rules_conf;
	int *file; /* which gold file */
	size_t n, cap;
	int cur_file, nfiles;
	const char *file_name[64];
	long file_required[64];
	long required_total; /* required gold events seen */
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
	if (!l)
		return;
	rasd_trainer_free(l->trainer);
	free(l->required);
	free(l->rules_conf);
	free(l->file);
	free(l);
}

void cli_learn_file(struct cli_learn *l, const char *path)
{
	if (l->nfiles < 64)
		l->file_name[l->nfiles++] = path;
	l->cur_file = l->nfiles - 1;
}

bool cli_learn_article(struct cli_learn *l, const struct rasd_article *art,
		       const struct rasd_event *ev, size_t nev, const int *match,
		       const bool *gold_required, size_t ngold)
{
	size_t j;

	for (j = 0; j < ngold; j++) {
		l->required_total += gold_required[j];
		l->file_required[l->cur_file] += gold_required[j];
	}
	for (j = 0; j < nev; j++) {
		bool right = match && match[j] >= 0;
		if (l->n == l->cap) {
			size_t nc = l->cap ? l->cap * 2 : 256;
			bool *nr = realloc(l->required, nc * sizeof(*nr));
			double *nconf;
			if (!nr)
				return false;
			l->required = nr;
			nconf = realloc(l->rules_conf, nc * sizeof(*nconf));
			if (!nconf)
				return false;
			l->rules_conf = nconf;
			{
				int *nf = realloc(l->file, nc * sizeof(*nf));
				if (!nf)
					return false;
				l->file = nf;
			}
			l->cap = nc;
		}
		if (rasd_trainer_add(l->trainer, art, &ev[j], right, l->articles) != RASD_OK)
			return false;
		l->required[l->n] = right && gold_required[match[j]];
		l->rules_conf[l->n] = ev[j].confidence;
		l->file[l->n] = l->cur_file;
		l->n++;
	}
	l->articles++;
	return true;
}

static void prf(const char *label, long tp, long fp, long fn, double *f1)
{
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
static void calibration(const struct cli_learn *l, const double *p, const char *what)
{
	long n[10] = {0}, right[10] = {0}, total = 0;
	double conf[10] = {0}, ece = 0;
	size_t i;
	int b;

	for (i = 0; i < l->n; i++) {
		if (p[i] < 0)
			continue;
		b = (int)(p[i] * 10);
		if (b > 9)
			b = 9;
		n[b]++;
		conf[b] += p[i];
		right[b] += rasd_trainer_right(l->trainer, i);
		total++;
	}
	printf("\ncalibration of %s:\n  %-9s %7s %7s %10s\n", what, "band", "events", "right",
	       "precision");
	for (b = 5; b < 10; b++)
		printf("  %.1f-%.1f   %7ld %7ld %9.1f%%\n", b / 10.0, (b + 1) / 10.0, n[b], right[b],
		       n[b] ? 100.0 * (double)right[b] / (double)n[b] : 0.0);
	for (b = 0; b < 10; b++)
		if (n[b])
			ece += (double)n[b] / (double)total *
			       fabs((double)right[b] / (double)n[b] - conf[b] / (double)n[b]);
	{
		long hn = n[8] + n[9], hr = right[8] + right[9];
		printf("  >= 0.8    %7ld %7ld %9.1f%%\n", hn, hr,
		       hn ? 100.0 * (double)hr / (double)hn : 0.0);
	}
	printf("  ECE %.3f (all %ld events, ten bands)\n", ece, total);
}

int cli_learn_report(struct cli_learn *l, long k, double C, double threshold)
{
	struct rasd_error err;
	double *p = calloc(l->n + 1, sizeof(*p));
	long tp = 0, fp = 0, mtp = 0, mfp = 0;
	double f_rules = 0, f_model = 0;
	size_t i, right = 0;

	if (!p) {
		cli_error("out of memory");
		return 1;
	}
	rasd_error_clear(&err);
	rasd_trainer_count(l->trainer, &right);
	if (rasd_trainer_cv(l->trainer, C, k, p, &err) != RASD_OK) {
		cli_error("eval --cv: %s", err.msg);
		free(p);
		return 1;
	}
	for (i = 0; i < l->n; i++) {
		bool ok = rasd_trainer_right(l->trainer, i);
		bool keep = p[i] < 0 ? true : p[i] >= threshold;
		tp += l->required[i];
		fp += !ok;
		if (keep) {
			mtp += l->required[i];
			mfp += !ok;
		}
		if (p[i] < 0)
			p[i] = 1; /* kept as the rules alone would */
	}
	printf("\nlearned scorer, %ld-fold cross-validation by article (%ld articles, %zu events"
	       " coded by the rules, %zu right):\n",
	       k, l->articles, l->n, right);
	prf("rules alone", tp, fp, l->required_total - tp, &f_rules);
	prf("rules + model", mtp, mfp, l->required_total - mtp, &f_model);
	printf("  F1 change %+.1f points (threshold %.2f; an event the model drops is not"
	       " matched again)\n",
	       100 * (f_model - f_rules), threshold);
	if (l->nfiles > 1) {
		int fi;
		for (fi = 0; fi < l->nfiles; fi++) {
			long a = 0, b = 0, c = 0, d = 0;
			double f1r, f1m;
			for (i = 0; i < l->n; i++) {
				bool ok = rasd_trainer_right(l->trainer, i);
				if (l->file[i] != fi)
					continue;
				a += l->required[i];
				b += !ok;
				if (p[i] >= threshold) {
					c += l->required[i];
					d += !ok;
				}
			}
			printf("  %s:\n", l->file_name[fi]);
			prf("  rules alone", a, b, l->file_required[fi] - a, &f1r);
			prf("  rules + model", c, d, l->file_required[fi] - c, &f1m);
			printf("    F1 change %+.1f points\n", 100 * (f1m - f1r));
		}
	}
	calibration(l, p, "the model's held-out probability");
	calibration(l, l->rules_conf, "the rules' confidence, for comparison");
	free(p);
	return 0;
}

int cli_learn_write(struct cli_learn *l, const char *out, double C, double threshold)
{
	struct rasd_error err;
	struct rasd_model *m = NULL;
	struct rasd_buf b;
	size_t right = 0, n = rasd_trainer_count(l->trainer, &right);
	FILE *f;
	int rc = 0;

	rasd_error_clear(&err);
	if (rasd_trainer_fit(l->trainer, C, &m, &err) != RASD_OK) {
		cli_error("train: %s", err.msg);
		return 1;
	}
	rasd_buf_init(&b, 0);
	rasd_model_set_threshold(m, threshold);
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
		fprintf(stderr, "rasd: %s: trained on %zu events (%zu right) from %ld articles\n", out, n,
			right, l->articles);
	rasd_buf_release(&b);
	rasd_model_free(m);
	return rc;
}
