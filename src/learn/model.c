/*
 * model.c - the learned model applied to the events the rules coded, and
 * its text file. Two logistic models over the same features: keep (is
 * there such an event, at this place and date?) and type (which ACLED
 * sub-event type, one-vs-rest). The type model's choice replaces the
 * rules' type when its probability reaches the model's type threshold;
 * the event's confidence becomes P(keep) (for a retyped event, the type
 * model's probability of its new type), and events below the model's
 * threshold are dropped. Features the model does not
 * know weigh nothing, so a model trained before the rules changed still
 * scores. Part of learn/: sits on extract/.
 */
#include "learn.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEL_MAGIC "rasd-model"
#define MAX_LINE 4096

struct rasd_model *learn_model_new(void)
{
	struct rasd_model *m = calloc(1, sizeof(*m));
	if (m) {
		m->threshold = 0.5;
		m->type_threshold = 1.0;
	}
	return m;
}

void rasd_model_free(struct rasd_model *m)
{
	if (!m)
		return;
	names_release(&m->w);
	free(m);
}

double rasd_model_threshold(const struct rasd_model *m)
{
	return m->threshold;
}

void rasd_model_set_threshold(struct rasd_model *m, double threshold)
{
	if (threshold > 0 && threshold < 1)
		m->threshold = threshold;
}

double learn_keep_logit(const struct rasd_model *m, const struct featset *f)
{
	double z = 0;
	size_t i, j;
	for (i = 0; i < f->n; i++) {
		j = names_find(&m->w, f->name[i]);
		if (j != SIZE_MAX)
			z += m->w.weight[j];
	}
	return z;
}

bool learn_type_probs(const struct rasd_model *m, const struct featset *f,
		      double prob[LEARN_NTYPES])
{
	double z[LEARN_NTYPES] = {0}, sum = 0;
	size_t i, j;
	int c;

	memset(prob, 0, LEARN_NTYPES * sizeof(double));
	if (!m->typed)
		return false;
	for (i = 0; i < f->n; i++) {
		j = names_find(&m->w, f->name[i]);
		if (j == SIZE_MAX)
			continue;
		for (c = 0; c < LEARN_NTYPES; c++)
			z[c] += m->w.type_weight[j * LEARN_NTYPES + c];
	}
	/* one-vs-rest: each class's own probability, normalised */
	for (c = 0; c < LEARN_NTYPES; c++)
		if (m->has_type[c]) {
			prob[c] = 1.0 / (1.0 + exp(-z[c]));
			sum += prob[c];
		}
	if (sum <= 0)
		return false;
	for (c = 0; c < LEARN_NTYPES; c++)
		prob[c] /= sum;
	return true;
}

double learn_type_prob_of(const double prob[LEARN_NTYPES], const char *type)
{
	double p = 0;
	int c;
	for (c = 0; c < LEARN_NTYPES; c++)
		if (type && strcmp(learn_type[c], type) == 0)
			p += prob[c];
	return p;
}

enum rasd_status rasd_model_apply(const struct rasd_model *m, const struct rasd_article *art,
				  struct rasd_event *ev, size_t n, struct rasd_arena *a)
{
	struct featset *f;
	double *keep, *prob;
	bool *typed;
	size_t i;

	if (!n)
		return RASD_OK;
	f = rasd_arena_alloc(a, sizeof(*f));
	keep = rasd_arena_calloc(a, n, sizeof(*keep));
	prob = rasd_arena_calloc(a, n * LEARN_NTYPES, sizeof(*prob));
	typed = rasd_arena_calloc(a, n, sizeof(*typed));
	if (!f || !keep || !prob || !typed)
		return RASD_ENOMEM;
	/* every event's features first: they read the other events' types */
	for (i = 0; i < n; i++) {
		learn_features(art, ev, n, i, a, f);
		keep[i] = 1.0 / (1.0 + exp(-learn_keep_logit(m, f)));
		typed[i] = learn_type_probs(m, f, &prob[i * LEARN_NTYPES]);
	}
	for (i = 0; i < n; i++) {
		const double *p = &prob[i * LEARN_NTYPES];
		ev[i].confidence = keep[i];
		if (typed[i]) {
			int c, best = 0;
			for (c = 1; c < LEARN_NTYPES; c++)
				if (p[c] > p[best])
					best = c;
			/* a new event type: the type model's probability of it is
			 * the confidence (the keep model judged the old type);
			 * a new sub-event type of the same type keeps it */
			if (m->type_threshold < 1 && p[best] >= m->type_threshold &&
			    strcmp(learn_sub[best], ev[i].sub_event_type) != 0) {
				if (strcmp(learn_type[best], ev[i].event_type) != 0)
					ev[i].confidence = learn_type_prob_of(p, learn_type[best]);
				ev[i].event_type = learn_type[best];
				ev[i].sub_event_type = learn_sub[best];
			}
		}
	}
	return RASD_OK;
}

size_t rasd_model_keep(const struct rasd_model *m, struct rasd_event *ev, size_t n)
{
	size_t i, w = 0;
	for (i = 0; i < n; i++)
		if (ev[i].confidence >= m->threshold)
			ev[w++] = ev[i];
	return w;
}

/* --------------------------------------------------------------- file */

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

enum rasd_status rasd_model_write(const struct rasd_model *m, struct rasd_buf *b)
{
	enum rasd_status st;
	size_t i, n = 0;
	char **order;
	int c;

	st = rasd_buf_printf(
		b,
		"%s %d\n"
		"# rasd's learned models (liblinear logistic regression) over the features\n"
		"# of an event the rules coded (docs/learn.md). keep: p = 1 / (1 + exp(-sum of\n"
		"# the w weights of its features)), the event's confidence; type: one-vs-rest\n"
		"# over the class lines from the t weights, whose choice wins from the\n"
		"# type-threshold (a retyped event's confidence is its new type's\n"
		"# probability). Below the threshold an event is dropped. Lines: threshold P,\n"
		"# type-threshold P, class SUB, w WEIGHT FEATURE, t SUB WEIGHT FEATURE.\n"
		"threshold %.4f\n",
		MODEL_MAGIC, RASD_MODEL_VERSION, m->threshold);
	if (st == RASD_OK && m->typed) {
		st = rasd_buf_printf(b, "type-threshold %.4f\n", m->type_threshold);
		for (c = 0; c < LEARN_NTYPES && st == RASD_OK; c++)
			if (m->has_type[c])
				st = rasd_buf_printf(b, "class\t%s\n", learn_sub[c]);
	}
	if (st != RASD_OK)
		return st;
	order = calloc(m->w.n + 1, sizeof(*order));
	if (!order)
		return RASD_ENOMEM;
	for (i = 0; i < m->w.cap; i++)
		if (m->w.key[i])
			order[n++] = m->w.key[i];
	/* sorted by name, so the same model is the same file */
	qsort(order, n, sizeof(*order), cmp_name);
	for (i = 0; i < n && st == RASD_OK; i++) {
		size_t j = names_slot(&m->w, order[i]);
		if (m->w.weight[j] != 0)
			st = rasd_buf_printf(b, "w\t%.6f\t%s\n", m->w.weight[j], order[i]);
		for (c = 0; m->typed && c < LEARN_NTYPES && st == RASD_OK; c++)
			if (m->w.type_weight[j * LEARN_NTYPES + c] != 0)
				st = rasd_buf_printf(b, "t\t%s\t%.6f\t%s\n", learn_sub[c],
						     m->w.type_weight[j * LEARN_NTYPES + c], order[i]);
	}
	free(order);
	return st;
}

/* A probability after "threshold " or "type-threshold ". */
static bool parse_prob(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !(v > 0 && v <= 1))
		return false;
	*out = v;
	return true;
}

/* One "w WEIGHT NAME" or "t SUB WEIGHT NAME" line into m. */
static enum rasd_status weight_line(struct rasd_model *m, char *line, long lineno,
				    struct rasd_error *err)
{
	bool type_line = line[0] == 't';
	char *p = line + 2, *end, *name;
	int c = -1;
	double v;
	size_t j;

	if (type_line) {
		char *tab = strchr(p, '\t');
		if (tab)
			*tab = '\0';
		c = learn_sub_index(p);
		if (!tab || c < 0 || !m->has_type[c])
			return rasd_error_set(err, RASD_ESYNTAX, lineno, 3,
					      "'%.60s' is not a sub-event type of a class line", p);
		p = tab + 1;
	}
	v = strtod(p, &end);
	if (end == p || *end != '\t' || !isfinite(v))
		return rasd_error_set(err, RASD_ESYNTAX, lineno, (long)(p - line) + 1,
				      "'%.40s' is not a weight", p);
	name = end + 1;
	if (!*name || strlen(name) >= LEARN_FEATURE_NAME || !rasd_utf8_valid(name, strlen(name)))
		return rasd_error_set(err, RASD_ESYNTAX, lineno, (long)(name - line) + 1,
				      "a weight without a valid feature name");
	if (!names_get(&m->w, name, true))
		return rasd_error_set(err, RASD_ETOOBIG, lineno, 0, "too many features (at most %u)",
				      LEARN_MAX_MODEL_FEATURES);
	j = names_slot(&m->w, name);
	if (type_line)
		m->w.type_weight[j * LEARN_NTYPES + c] = v;
	else
		m->w.weight[j] = v;
	return RASD_OK;
}

enum rasd_status rasd_model_load(const char *path, struct rasd_model **out, struct rasd_error *err)
{
	FILE *fp = fopen(path, "r");
	struct rasd_model *m;
	char line[MAX_LINE];
	long lineno = 0;
	enum rasd_status st = RASD_OK;
	bool header = false, weights = false;

	*out = NULL;
	if (err)
		snprintf(err->file, sizeof(err->file), "%s", path);
	if (!fp)
		return rasd_error_set(err, RASD_EIO, 0, 0, "cannot open model '%s'", path);
	m = learn_model_new();
	if (!m) {
		fclose(fp);
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	}
	while (fgets(line, sizeof(line), fp)) {
		size_t n = strlen(line);

		lineno++;
		if (n && line[n - 1] != '\n' && !feof(fp)) {
			st = rasd_error_set(err, RASD_ETOOBIG, lineno, 0, "line longer than %d bytes",
					    MAX_LINE);
			break;
		}
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!header) {
			int version;
			if (sscanf(line, MODEL_MAGIC " %d", &version) != 1) {
				st = rasd_error_set(err, RASD_ESYNTAX, lineno, 1,
						    "not a rasd model (no 'rasd-model VERSION' line)");
				break;
			}
			if (version != RASD_MODEL_VERSION) {
				st = rasd_error_set(err, RASD_EINVAL, lineno, 0,
						    "a model of version %d; this rasd reads version %d "
						    "(retrain it with rasd train or make model)",
						    version, RASD_MODEL_VERSION);
				break;
			}
			header = true;
			continue;
		}
		if (!line[0] || line[0] == '#')
			continue;
		if (strncmp(line, "threshold ", 10) == 0) {
			if (!parse_prob(line + 10, &m->threshold) || m->threshold >= 1) {
				st = rasd_error_set(err, RASD_ESYNTAX, lineno, 11,
						    "threshold '%.40s' is not a number in (0, 1)",
						    line + 10);
				break;
			}
		} else if (strncmp(line, "type-threshold ", 15) == 0) {
			if (!parse_prob(line + 15, &m->type_threshold)) {
				st = rasd_error_set(err, RASD_ESYNTAX, lineno, 16,
						    "type-threshold '%.40s' is not a number in (0, 1]",
						    line + 15);
				break;
			}
		} else if (strncmp(line, "class\t", 6) == 0) {
			int c = learn_sub_index(line + 6);
			if (c < 0 || weights) {
				st = rasd_error_set(err, RASD_ESYNTAX, lineno, 7,
						    weights ? "a class line after the weights"
							    : "'%.60s' is not an ACLED sub-event type",
						    line + 6);
				break;
			}
			if (!m->typed) {
				/* the table must carry type weights from its first name on */
				m->typed = m->w.typed = true;
			}
			m->has_type[c] = true;
		} else if ((line[0] == 'w' || line[0] == 't') && line[1] == '\t') {
			weights = true;
			st = weight_line(m, line, lineno, err);
			if (st != RASD_OK)
				break;
		} else {
			st = rasd_error_set(err, RASD_ESYNTAX, lineno, 1,
					    "expected 'w<TAB>WEIGHT<TAB>FEATURE', "
					    "'t<TAB>SUB<TAB>WEIGHT<TAB>FEATURE', 'class<TAB>SUB' "
					    "or 'threshold P'");
			break;
		}
	}
	if (st == RASD_OK && !header)
		st = rasd_error_set(err, RASD_ESYNTAX, lineno + 1, 1,
				    "not a rasd model (the file is empty)");
	if (st == RASD_OK && ferror(fp))
		st = rasd_error_set(err, RASD_EIO, lineno, 0, "cannot read '%s'", path);
	fclose(fp);
	if (st != RASD_OK) {
		rasd_model_free(m);
		return st;
	}
	*out = m;
	return RASD_OK;
}
