/*
 * train.c - fits the learned models with liblinear from labelled events
 * (gold files, analysts' reviews): keep, an L2-regularised logistic
 * regression on "there is such an event at this place and date", and
 * type, one-vs-rest logistic regressions over ACLED sub-event types on
 * the events that are real. The two thresholds (drop below a confidence;
 * let the type model's choice win from a probability) are chosen by an
 * inner cross-validation by article on the training examples alone, for
 * the best F1 there. liblinear's primal solver has no random step and the
 * weights are rounded as the file writes them, so the same examples give
 * the same model byte for byte. Part of learn/: sits on extract/.
 */
#include "learn.h"

#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define INNER_FOLDS 5

struct example {
	uint32_t *f; /* feature numbers, ascending */
	size_t nf;
	bool real, required;
	int type; /* the labelled event's sub-event type (class), -1 unknown */
	const char *event_type; /* its event type (static), NULL unknown */
	const char *rules_type; /* the event type the rules gave (static), NULL */
	long group;
};

struct rasd_trainer {
	struct names names;
	struct example *ex;
	size_t n, cap;
	long *required; /* per group: required labelled events */
	long *fold_of;  /* per group: its outer fold, -1 for group % k */
	size_t ngroups;
	struct rasd_arena scratch;
};

/* The weights of one fit, by feature number (1-based; [0] unused). */
struct fitted {
	double *keep;  /* nfeat + 1 */
	double *type;  /* (nfeat + 1) * LEARN_NTYPES, or NULL */
	bool has_type[LEARN_NTYPES];
	size_t nfeat;
};

struct rasd_trainer *rasd_trainer_new(void)
{
	struct rasd_trainer *t = calloc(1, sizeof(*t));
	if (t)
		rasd_arena_init(&t->scratch, 0);
	return t;
}

void rasd_trainer_free(struct rasd_trainer *t)
{
	size_t i;
	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		free(t->ex[i].f);
	free(t->ex);
	free(t->required);
	free(t->fold_of);
	names_release(&t->names);
	rasd_arena_release(&t->scratch);
	free(t);
}

size_t rasd_trainer_count(const struct rasd_trainer *t, size_t *real)
{
	size_t i, r = 0;
	for (i = 0; i < t->n; i++)
		r += t->ex[i].real;
	if (real)
		*real = r;
	return t->n;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static const char *static_type(const char *type)
{
	int c;
	for (c = 0; type && c < LEARN_NTYPES; c++)
		if (strcmp(learn_type[c], type) == 0)
			return learn_type[c];
	return NULL;
}

static bool group_slot(struct rasd_trainer *t, long group)
{
	size_t need = (size_t)group + 1, i;
	long *nr;
	if (group < 0)
		return false;
	if (need <= t->ngroups)
		return true;
	nr = realloc(t->required, need * sizeof(*nr));
	if (!nr)
		return false;
	t->required = nr;
	nr = realloc(t->fold_of, need * sizeof(*nr));
	if (!nr)
		return false;
	t->fold_of = nr;
	for (i = t->ngroups; i < need; i++) {
		t->required[i] = 0;
		t->fold_of[i] = -1;
	}
	t->ngroups = need;
	return true;
}

enum rasd_status rasd_trainer_article(struct rasd_trainer *t, long group, long nrequired)
{
	if (!group_slot(t, group))
		return group < 0 ? RASD_EINVAL : RASD_ENOMEM;
	t->required[group] += nrequired;
	return RASD_OK;
}

enum rasd_status rasd_trainer_set_fold(struct rasd_trainer *t, long group, long fold)
{
	if (fold < 0 || !group_slot(t, group))
		return group < 0 || fold < 0 ? RASD_EINVAL : RASD_ENOMEM;
	t->fold_of[group] = fold;
	return RASD_OK;
}

enum rasd_status rasd_trainer_add(struct rasd_trainer *t, const struct rasd_article *art,
				  const struct rasd_event *ev, size_t nev, size_t i,
				  const struct rasd_train_label *label, long group)
{
	struct featset *f;
	struct example *x;
	size_t k;

	if (i >= nev || !group_slot(t, group))
		return group < 0 || i >= nev ? RASD_EINVAL : RASD_ENOMEM;
	rasd_arena_reset(&t->scratch);
	f = rasd_arena_alloc(&t->scratch, sizeof(*f));
	if (!f)
		return RASD_ENOMEM;
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 256;
		struct example *ne = realloc(t->ex, nc * sizeof(*ne));
		if (!ne)
			return RASD_ENOMEM;
		t->ex = ne;
		t->cap = nc;
	}
	learn_features(art, ev, nev, i, &t->scratch, f);
	x = &t->ex[t->n];
	x->f = malloc((f->n + 1) * sizeof(*x->f));
	if (!x->f)
		return RASD_ENOMEM;
	x->nf = 0;
	for (k = 0; k < f->n; k++) {
		uint32_t id = names_get(&t->names, f->name[k], true);
		if (id)
			x->f[x->nf++] = id;
	}
	qsort(x->f, x->nf, sizeof(*x->f), cmp_u32);
	x->real = label->real;
	x->required = label->required;
	x->type = label->real ? learn_sub_index(label->sub_event_type) : -1;
	x->event_type = label->real ? static_type(x->type >= 0 ? learn_type[x->type]
								: label->event_type)
				    : NULL;
	x->rules_type = static_type(ev[i].event_type);
	x->group = group;
	t->n++;
	return RASD_OK;
}

/* ------------------------------------------------------------ fitting */

static void quiet(const char *s)
{
	(void)s;
}

/* Examples in the training set: not in outer fold `fold` of k (k 0: all),
 * and not in inner fold `inner` (-1: none). */
static bool in_outer(const struct rasd_trainer *t, long g, long k, long fold)
{
	if (k <= 0)
		return false;
	return (t->fold_of[g] >= 0 ? t->fold_of[g] : g % k) == fold;
}

static long inner_of(const struct rasd_trainer *t, long g, long k)
{
	return (t->fold_of[g] >= 0 || k <= 0 ? g : g / k) % INNER_FOLDS;
}

static bool in_train(const struct rasd_trainer *t, const struct example *x, long k, long fold,
		     long inner)
{
	if (in_outer(t, x->group, k, fold))
		return false;
	return inner < 0 || inner_of(t, x->group, k) != inner;
}

static bool in_inner(const struct rasd_trainer *t, const struct example *x, long k, long fold,
		     long inner)
{
	return !in_outer(t, x->group, k, fold) && inner_of(t, x->group, k) == inner;
}

/* The keep model learns whether the event is right as the rules typed
 * it (a real event of another type is wrong until the type model retypes
 * it: that is what the matching counts). */
static bool keep_label(const struct example *x)
{
	return x->real && x->event_type && x->rules_type &&
	       strcmp(x->event_type, x->rules_type) == 0;
}

/* One liblinear fit: the keep problem (y = real) or the type problem
 * (real examples of a known type, y = class + 1). NULL when the examples
 * hold one label only. */
static struct model *fit_one(const struct rasd_trainer *t, bool type, double C, long k,
			     long fold, long inner, enum rasd_status *st)
{
	struct problem prob;
	struct parameter param;
	struct feature_node *nodes;
	struct model *lm = NULL;
	size_t i, j, total = 0, l = 0;
	double first = 0;
	bool two = false;

	*st = RASD_OK;
	for (i = 0; i < t->n; i++)
		total += t->ex[i].nf + 1;
	memset(&prob, 0, sizeof(prob));
	prob.y = calloc(t->n + 1, sizeof(*prob.y));
	prob.x = calloc(t->n + 1, sizeof(*prob.x));
	nodes = calloc(total + 1, sizeof(*nodes));
	if (!prob.y || !prob.x || !nodes) {
		*st = RASD_ENOMEM;
		goto out;
	}
	total = 0;
	for (i = 0; i < t->n; i++) {
		const struct example *x = &t->ex[i];
		double y;
		if (!in_train(t, x, k, fold, inner))
			continue;
		if (type && (!x->real || x->type < 0))
			continue;
		y = type ? x->type + 1 : keep_label(x) ? 1 : -1;
		if (l == 0)
			first = y;
		else if (y != first)
			two = true;
		prob.x[l] = &nodes[total];
		for (j = 0; j < x->nf; j++) {
			nodes[total].index = (int)x->f[j];
			nodes[total].value = 1;
			total++;
		}
		nodes[total++].index = -1;
		prob.y[l++] = y;
	}
	if (!two)
		goto out;
	prob.l = (int)l;
	prob.n = (int)t->names.n;
	prob.bias = -1; /* the "bias" feature is in every example */
	memset(&param, 0, sizeof(param));
	/* the type model: L1, so that of 25 classes x every feature only
	 * the weights that matter are kept (and written) */
	param.solver_type = type ? L1R_LR : L2R_LR;
	param.C = C;
	param.eps = 0.001;
	set_print_string_function(quiet);
	if (check_parameter(&prob, &param)) {
		*st = RASD_EINVAL;
		goto out;
	}
	lm = train(&prob, &param);
	if (!lm)
		*st = RASD_ENOMEM;
out:
	free(prob.y);
	free(prob.x);
	free(nodes);
	return lm;
}

static void fitted_release(struct fitted *w)
{
	free(w->keep);
	free(w->type);
	memset(w, 0, sizeof(*w));
}

/* The keep and type weights of one training set, rounded as the model
 * file writes them. */
static enum rasd_status fit_both(const struct rasd_trainer *t, const struct rasd_train_options *o,
				 long k, long fold, long inner, struct fitted *w)
{
	enum rasd_status st;
	struct model *keep, *type;
	size_t id;
	int c;

	memset(w, 0, sizeof(*w));
	w->nfeat = t->names.n;
	keep = fit_one(t, false, o->C, k, fold, inner, &st);
	if (st != RASD_OK)
		return st;
	if (!keep)
		return RASD_EINVAL;
	type = o->no_type ? NULL : fit_one(t, true, o->C_type, k, fold, inner, &st);
	if (st != RASD_OK) {
		free_and_destroy_model(&keep);
		return st;
	}
	w->keep = calloc(w->nfeat + 1, sizeof(*w->keep));
	if (type)
		w->type = calloc((w->nfeat + 1) * LEARN_NTYPES, sizeof(*w->type));
	if (!w->keep || (type && !w->type)) {
		st = RASD_ENOMEM;
		goto out;
	}
	for (id = 1; id <= w->nfeat && (int)id <= keep->nr_feature; id++) {
		double v = keep->w[id - 1];
		if (keep->label[0] != 1)
			v = -v;
		w->keep[id] = round(v * 1e6) / 1e6;
	}
	if (type) {
		for (c = 0; c < type->nr_class; c++)
			w->has_type[(int)type->label[c] - 1] = true;
		for (id = 1; id <= w->nfeat && (int)id <= type->nr_feature; id++) {
			for (c = 0; c < type->nr_class; c++) {
				int cls = (int)type->label[c] - 1;
				double v = type->nr_class == 2 ? (c == 0 ? 1 : -1) * type->w[id - 1]
							       : type->w[(id - 1) * type->nr_class + c];
				w->type[id * LEARN_NTYPES + cls] = round(v * 1e6) / 1e6;
			}
		}
	}
out:
	free_and_destroy_model(&keep);
	if (type)
		free_and_destroy_model(&type);
	if (st != RASD_OK)
		fitted_release(w);
	return st;
}

/* What the fitted weights say of example x: P(keep) and its type's
 * probabilities (false without a type model). */
static bool predict_example(const struct fitted *w, const struct example *x, double *keep,
		    double prob[LEARN_NTYPES])
{
	double z = 0, zt[LEARN_NTYPES] = {0}, sum = 0;
	size_t j;
	int c;

	for (j = 0; j < x->nf; j++) {
		uint32_t id = x->f[j];
		if (id > w->nfeat)
			continue;
		z += w->keep[id];
		if (w->type)
			for (c = 0; c < LEARN_NTYPES; c++)
				zt[c] += w->type[id * LEARN_NTYPES + c];
	}
	*keep = 1.0 / (1.0 + exp(-z));
	memset(prob, 0, LEARN_NTYPES * sizeof(double));
	if (!w->type)
		return false;
	for (c = 0; c < LEARN_NTYPES; c++)
		if (w->has_type[c]) {
			prob[c] = 1.0 / (1.0 + exp(-zt[c]));
			sum += prob[c];
		}
	for (c = 0; c < LEARN_NTYPES && sum > 0; c++)
		prob[c] /= sum;
	return sum > 0;
}

/* Held-out predictions of the inner folds, for choosing the thresholds. */
struct heldout {
	double keep;
	double prob[LEARN_NTYPES];
	bool typed, have;
};

/* F1 over the examples with held-out predictions, for thresholds theta
 * (drop below) and tau (the type model wins from). */
static double sim_f1(const struct rasd_trainer *t, const struct heldout *h, double theta,
		     double tau, long required)
{
	long tp = 0, fp = 0;
	size_t i;
	for (i = 0; i < t->n; i++) {
		const struct example *x = &t->ex[i];
		const char *type = x->rules_type;
		double conf;
		bool right;
		if (!h[i].have)
			continue;
		conf = h[i].keep;
		if (h[i].typed) {
			int c, best = 0;
			for (c = 1; c < LEARN_NTYPES; c++)
				if (h[i].prob[c] > h[i].prob[best])
					best = c;
			if (tau < 1 && h[i].prob[best] >= tau && type &&
			    strcmp(learn_type[best], type) != 0) {
				type = learn_type[best];
				conf = learn_type_prob_of(h[i].prob, type);
			}
		}
		if (conf < theta)
			continue;
		right = x->real && x->event_type && type && strcmp(type, x->event_type) == 0;
		if (right)
			tp += x->required;
		else
			fp++;
	}
	return tp ? 2.0 * (double)tp / (double)(2 * tp + fp + (required - tp)) : 0;
}

enum rasd_status rasd_trainer_fit(struct rasd_trainer *t, const struct rasd_train_options *o,
				  long k, long fold, struct rasd_model **out,
				  struct rasd_error *err)
{
	struct heldout *h = NULL;
	struct fitted w;
	struct rasd_model *m = NULL;
	enum rasd_status st = RASD_OK;
	double theta = o->threshold, tau = o->type_threshold;
	size_t i, g;
	long inner, required = 0;
	int c;

	*out = NULL;
	memset(&w, 0, sizeof(w));
	if (t->n == 0)
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "no labelled events to learn from (give gold files, or review "
				      "events first)");
	for (g = 0; g < t->ngroups; g++)
		if (!in_outer(t, (long)g, k, fold))
			required += t->required[g];
	if (theta <= 0 || tau <= 0) {
		/* inner cross-validation: thresholds from held-out predictions */
		double best = -1, th, ta;
		double theta_best = 0.5, tau_best = 1;
		h = calloc(t->n + 1, sizeof(*h));
		if (!h) {
			st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			goto out;
		}
		for (inner = 0; inner < INNER_FOLDS; inner++) {
			struct fitted iw;
			st = fit_both(t, o, k, fold, inner, &iw);
			if (st == RASD_EINVAL) {
				st = RASD_OK;
				continue;
			}
			if (st != RASD_OK) {
				rasd_error_set(err, st, 0, 0, "cannot train: %s", rasd_strerror(st));
				goto out;
			}
			for (i = 0; i < t->n; i++)
				if (in_inner(t, &t->ex[i], k, fold, inner)) {
					h[i].have = true;
					h[i].typed = predict_example(&iw, &t->ex[i], &h[i].keep, h[i].prob);
				}
			fitted_release(&iw);
		}
		for (th = 0.02; th < 0.71; th += 0.02)
			for (ta = 1.0; ta > 0.34; ta -= 0.05) {
				double f = sim_f1(t, h, o->threshold > 0 ? o->threshold : th,
						  o->type_threshold > 0 ? o->type_threshold : ta,
						  required);
				if (f > best + 1e-12) {
					best = f;
					theta_best = th;
					tau_best = ta;
				}
			}
		if (theta <= 0)
			theta = theta_best;
		if (tau <= 0)
			tau = tau_best;
	}
	st = fit_both(t, o, k, fold, -1, &w);
	if (st != RASD_OK) {
		rasd_error_set(err, st, 0, 0, "cannot train: %s",
			       st == RASD_EINVAL ? "the examples are all right or all wrong"
						 : rasd_strerror(st));
		goto out;
	}
	m = learn_model_new();
	if (!m) {
		st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		goto out;
	}
	m->threshold = theta;
	m->type_threshold = tau > 1 ? 1 : tau;
	if (w.type) {
		m->typed = m->w.typed = true;
		memcpy(m->has_type, w.has_type, sizeof(m->has_type));
	}
	for (i = 0; i < t->names.cap; i++) {
		uint32_t id;
		bool any;
		size_t j;
		if (!t->names.key[i])
			continue;
		id = t->names.id[i];
		any = w.keep[id] != 0;
		for (c = 0; w.type && c < LEARN_NTYPES; c++)
			any = any || w.type[id * LEARN_NTYPES + c] != 0;
		if (!any)
			continue;
		if (!names_get(&m->w, t->names.key[i], true)) {
			st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			goto out;
		}
		j = names_slot(&m->w, t->names.key[i]);
		m->w.weight[j] = w.keep[id];
		for (c = 0; w.type && c < LEARN_NTYPES; c++)
			m->w.type_weight[j * LEARN_NTYPES + c] = w.type[id * LEARN_NTYPES + c];
	}
	*out = m;
	m = NULL;
out:
	fitted_release(&w);
	free(h);
	rasd_model_free(m);
	return st;
}
