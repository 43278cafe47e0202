/*
 * learn.c - the learned scorer that sits on the rules: the features of an
 * event the rules coded (its trigger and the words around it, the kinds of
 * actors, whether a place and a date were found, the sentence's place in
 * the article, the rules that made it), a logistic model over them trained
 * with liblinear from events labelled right or wrong (gold files, analysts'
 * reviews), and the model as a versioned text file. The model's
 * probability is the event's confidence. Part of learn/: sits on extract/.
 */
#include "rasd.h"

#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEL_MAGIC "rasd-model"
#define MAX_FEATURES_PER_EVENT 96
#define MAX_MODEL_FEATURES (1u << 20)
#define MAX_LINE 4096

/* ------------------------------------------------------- string table */

/* Open-addressing table of feature names (owned copies) to numbers 1..n. */
struct names {
	char **key;
	uint32_t *id;
	double *weight;
	size_t cap, n;
};

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static void names_release(struct names *t)
{
	size_t i;
	for (i = 0; i < t->cap; i++)
		free(t->key ? t->key[i] : NULL);
	free(t->key);
	free(t->id);
	free(t->weight);
	memset(t, 0, sizeof(*t));
}

static bool names_grow(struct names *t)
{
	struct names g;
	size_t i;

	memset(&g, 0, sizeof(g));
	g.cap = t->cap ? t->cap * 2 : 1024;
	g.key = calloc(g.cap, sizeof(*g.key));
	g.id = calloc(g.cap, sizeof(*g.id));
	g.weight = calloc(g.cap, sizeof(*g.weight));
	if (!g.key || !g.id || !g.weight) {
		free(g.key);
		free(g.id);
		free(g.weight);
		return false;
	}
	for (i = 0; i < t->cap; i++) {
		size_t j;
		if (!t->key[i])
			continue;
		for (j = fnv(t->key[i]) & (g.cap - 1); g.key[j]; j = (j + 1) & (g.cap - 1))
			;
		g.key[j] = t->key[i];
		g.id[j] = t->id[i];
		g.weight[j] = t->weight[i];
	}
	g.n = t->n;
	free(t->key);
	free(t->id);
	free(t->weight);
	*t = g;
	return true;
}

/* The slot of name, or of where it would go. */
static size_t names_slot(const struct names *t, const char *name)
{
	size_t j;
	for (j = fnv(name) & (t->cap - 1); t->key[j] && strcmp(t->key[j], name) != 0;
	     j = (j + 1) & (t->cap - 1))
		;
	return j;
}

/* The number of name, added when `add`; 0 when absent (or out of memory). */
static uint32_t names_get(struct names *t, const char *name, bool add)
{
	size_t j;

	if (t->cap) {
		j = names_slot(t, name);
		if (t->key[j])
			return t->id[j];
	}
	if (!add || t->n >= MAX_MODEL_FEATURES)
		return 0;
	if ((t->n + 1) * 2 > t->cap && !names_grow(t))
		return 0;
	j = names_slot(t, name);
	t->key[j] = strdup(name);
	if (!t->key[j])
		return 0;
	t->id[j] = (uint32_t)++t->n;
	return t->id[j];
}

/* ----------------------------------------------------------- features */

struct featset {
	char name[MAX_FEATURES_PER_EVENT][96];
	size_t n;
};

static void feat(struct featset *f, const char *fmt, const char *a, const char *b)
{
	size_t k;
	if (f->n >= MAX_FEATURES_PER_EVENT)
		return;
	snprintf(f->name[f->n], sizeof(f->name[0]), fmt, a ? a : "", b ? b : "");
	for (k = 0; f->name[f->n][k]; k++)
		if (f->name[f->n][k] == '\t' || f->name[f->n][k] == '\n')
			f->name[f->n][k] = ' ';
	for (k = 0; k < f->n; k++)
		if (strcmp(f->name[k], f->name[f->n]) == 0)
			return; /* once each */
	f->n++;
}

static const char *bucket(long v, const long *edges, size_t n, char *buf, size_t cap)
{
	size_t k;
	for (k = 0; k < n && v >= edges[k]; k++)
		;
	snprintf(buf, cap, "%zu", k);
	return buf;
}

/* What the model reads of an event: fixed names, each present or not. */
static void event_features(const struct rasd_article *art, const struct rasd_event *e,
			   struct rasd_arena *a, struct featset *f)
{
	static const long pos_edges[] = {1, 200, 800, 2000};
	static const long fat_edges[] = {1, 2, 5, 20};
	const char *field = e->evidence.field == RASD_FIELD_TITLE ? art->title : art->text;
	size_t fn = e->evidence.field == RASD_FIELD_TITLE ? art->title_n : art->text_n;
	char num[32];
	struct rasd_doc doc;
	size_t i;

	f->n = 0;
	feat(f, "bias%s%s", NULL, NULL);
	feat(f, "class=%s%s", rasd_event_class_name(e->cls), NULL);
	feat(f, "sub=%s%s", e->sub_event_type, NULL);
	feat(f, "a1=%s%s", e->actor1 ? e->actor1->code : "none", NULL);
	snprintf(num, sizeof(num), "%d", e->actor1 ? e->actor1->inter : 0);
	feat(f, "inter1=%s%s", num, NULL);
	snprintf(num, sizeof(num), "%d", e->actor2 ? e->actor2->inter : 0);
	feat(f, "inter2=%s%s", num, NULL);
	snprintf(num, sizeof(num), "%d", e->has_coords ? e->geo_precision : 0);
	feat(f, "geo=%s%s", num, NULL);
	feat(f, "%s%s", e->location ? "place" : "noplace", NULL);
	snprintf(num, sizeof(num), "%d", e->has_date ? e->time_precision : 0);
	feat(f, "time=%s%s", num, NULL);
	feat(f, "fat=%s%s", bucket(e->fatalities, fat_edges, 4, num, sizeof(num)), NULL);
	feat(f, "modality=%s%s",
	     e->modality == RASD_MOD_CLAIMED  ? "claimed"
	     : e->modality == RASD_MOD_FOILED ? "foiled"
					      : "reported",
	     NULL);
	feat(f, "%s%s", e->evidence.field == RASD_FIELD_TITLE ? "in-title" : "in-text", NULL);
	feat(f, "pos=%s%s", bucket(e->evidence.sent_start, pos_edges, 4, num, sizeof(num)), NULL);
	if (e->merged)
		feat(f, "merged%s%s", NULL, NULL);
	if (e->consequence)
		feat(f, "consequence%s%s", NULL, NULL);
	snprintf(num, sizeof(num), "%d", (int)(e->confidence * 10 + 0.5));
	feat(f, "rule-conf=%s%s", num, NULL);
	for (i = 0; i < e->ntrace; i++)
		if (e->trace[i].rule)
			feat(f, "rule=%s%s", e->trace[i].rule, NULL);
	/* the trigger and the words around it, in match-key form */
	if (!field || e->evidence.sent_end > fn || e->evidence.sent_start >= e->evidence.sent_end)
		return;
	if (rasd_doc_parse(a, field + e->evidence.sent_start,
			   e->evidence.sent_end - e->evidence.sent_start, &doc) != RASD_OK)
		return;
	{
		uint32_t ts = e->evidence.start - e->evidence.sent_start;
		uint32_t te = e->evidence.end - e->evidence.sent_start;
		size_t first = doc.ntokens, last = 0;
		for (i = 0; i < doc.ntokens; i++) {
			if (doc.tokens[i].start >= ts && doc.tokens[i].end <= te) {
				if (first == doc.ntokens)
					first = i;
				last = i;
			}
		}
		if (first == doc.ntokens)
			return;
		for (i = first; i <= last; i++)
			if (doc.tokens[i].kind == RASD_TOK_WORD)
				feat(f, "trig=%s%s", doc.tokens[i].key, NULL);
		for (i = first >= 4 ? first - 4 : 0; i < first; i++)
			if (doc.tokens[i].kind == RASD_TOK_WORD)
				feat(f, "before=%s%s", doc.tokens[i].key, NULL);
		for (i = last + 1; i < doc.ntokens && i <= last + 4; i++)
			if (doc.tokens[i].kind == RASD_TOK_WORD)
				feat(f, "after=%s%s", doc.tokens[i].key, NULL);
		if (first > 0 && doc.tokens[first - 1].kind == RASD_TOK_WORD)
			feat(f, "prev=%s%s", doc.tokens[first - 1].key, NULL);
		snprintf(num, sizeof(num), "%d", first == 0 ? 0 : first < 4 ? 1 : 2);
		feat(f, "trig-at=%s%s", num, NULL);
		snprintf(num, sizeof(num), "%d", doc.ntokens < 12 ? 0 : doc.ntokens < 40 ? 1 : 2);
		feat(f, "sent-len=%s%s", num, NULL);
		for (i = 0; i < doc.ntokens; i++)
			if (doc.tokens[i].flags & RASD_TOKF_QUOTE) {
				feat(f, "quoted%s%s", NULL, NULL);
				break;
			}
	}
}

/* -------------------------------------------------------------- model */

struct rasd_model {
	struct names w; /* feature name -> weight */
	double threshold;
};

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

double rasd_model_score(const struct rasd_model *m, const struct rasd_article *art,
			const struct rasd_event *e, struct rasd_arena *a)
{
	struct featset *f = rasd_arena_alloc(a, sizeof(*f));
	double z = 0;
	size_t i;

	if (!f)
		return e->confidence;
	event_features(art, e, a, f);
	for (i = 0; i < f->n; i++) {
		size_t j;
		if (!m->w.cap)
			break;
		j = names_slot(&m->w, f->name[i]);
		if (m->w.key[j])
			z += m->w.weight[j];
	}
	return 1.0 / (1.0 + exp(-z));
}

enum rasd_status rasd_model_write(const struct rasd_model *m, struct rasd_buf *b)
{
	enum rasd_status st;
	size_t i, k, n = 0;
	char **order;

	st = rasd_buf_printf(b,
			     "%s %d\n# rasd's learned scorer: logistic regression (liblinear) over the\n"
			     "# features of an event the rules coded; p = 1 / (1 + exp(-sum of the\n"
			     "# weights of its features)). Lines: threshold P, then w WEIGHT NAME.\n"
			     "threshold %.4f\n",
			     MODEL_MAGIC, RASD_MODEL_VERSION, m->threshold);
	order = calloc(m->w.n + 1, sizeof(*order));
	if (!order)
		return RASD_ENOMEM;
	for (i = 0; i < m->w.cap; i++)
		if (m->w.key[i] && m->w.weight[i] != 0)
			order[n++] = m->w.key[i];
	/* sorted by name, so the same model is the same file */
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && strcmp(order[k - 1], order[k]) > 0; k--) {
			char *t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	for (i = 0; i < n && st == RASD_OK; i++) {
		size_t j = names_slot(&m->w, order[i]);
		st = rasd_buf_printf(b, "w\t%.6f\t%s\n", m->w.weight[j], order[i]);
	}
	free(order);
	return st;
}

enum rasd_status rasd_model_load(const char *path, struct rasd_model **out, struct rasd_error *err)
{
	FILE *fp = fopen(path, "r");
	struct rasd_model *m;
	char line[MAX_LINE];
	long lineno = 0;
	enum rasd_status st = RASD_OK;
	bool header = false;

	*out = NULL;
	if (err)
		snprintf(err->file, sizeof(err->file), "%s", path);
	if (!fp)
		return rasd_error_set(err, RASD_EIO, 0, 0, "cannot open model '%s'", path);
	m = calloc(1, sizeof(*m));
	if (!m) {
		fclose(fp);
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	}
	m->threshold = 0.5;
	while (fgets(line, sizeof(line), fp)) {
		size_t n = strlen(line);
		char *end, *name;
		double v;

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
						    "(retrain it with rasd train)",
						    version, RASD_MODEL_VERSION);
				break;
			}
			header = true;
			continue;
		}
		if (!line[0] || line[0] == '#')
			continue;
		if (strncmp(line, "threshold ", 10) == 0) {
			v = strtod(line + 10, &end);
			if (end == line + 10 || *end || !(v > 0 && v < 1)) {
				st = rasd_error_set(err, RASD_ESYNTAX, lineno, 11,
						    "threshold '%.40s' is not a number in (0, 1)",
						    line + 10);
				break;
			}
			m->threshold = v;
			continue;
		}
		if (strncmp(line, "w\t", 2) != 0) {
			st = rasd_error_set(err, RASD_ESYNTAX, lineno, 1,
					    "expected 'w<TAB>WEIGHT<TAB>FEATURE' or 'threshold P'");
			break;
		}
		v = strtod(line + 2, &end);
		if (end == line + 2 || *end != '\t' || !isfinite(v)) {
			st = rasd_error_set(err, RASD_ESYNTAX, lineno, 3, "'%.40s' is not a weight",
					    line + 2);
			break;
		}
		name = end + 1;
		if (!*name || !rasd_utf8_valid(name, strlen(name))) {
			st = rasd_error_set(err, RASD_ESYNTAX, lineno, (long)(name - line) + 1,
					    "a weight without a valid feature name");
			break;
		}
		if (!names_get(&m->w, name, true)) {
			st = rasd_error_set(err, RASD_ETOOBIG, lineno, 0,
					    "too many features (at most %u)", MAX_MODEL_FEATURES);
			break;
		}
		m->w.weight[names_slot(&m->w, name)] = v;
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

/* ------------------------------------------------------------ trainer */

struct example {
	uint32_t *f; /* feature numbers, ascending */
	size_t nf;
	bool right;
	long group;
};

struct rasd_trainer {
	struct names names;
	struct example *ex;
	size_t n, cap;
	struct rasd_arena scratch;
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
	names_release(&t->names);
	rasd_arena_release(&t->scratch);
	free(t);
}

size_t rasd_trainer_count(const struct rasd_trainer *t, size_t *right)
{
	size_t i, r = 0;
	for (i = 0; i < t->n; i++)
		r += t->ex[i].right;
	if (right)
		*right = r;
	return t->n;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

enum rasd_status rasd_trainer_add(struct rasd_trainer *t, const struct rasd_article *art,
				  const struct rasd_event *e, bool right, long group)
{
	struct featset *f;
	struct example *x;
	size_t i;

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
	event_features(art, e, &t->scratch, f);
	x = &t->ex[t->n];
	x->f = malloc((f->n + 1) * sizeof(*x->f));
	if (!x->f)
		return RASD_ENOMEM;
	x->nf = 0;
	for (i = 0; i < f->n; i++) {
		uint32_t id = names_get(&t->names, f->name[i], true);
		if (id)
			x->f[x->nf++] = id;
	}
	qsort(x->f, x->nf, sizeof(*x->f), cmp_u32);
	x->right = right;
	x->group = group;
	t->n++;
	return RASD_OK;
}

static void quiet(const char *s)
{
	(void)s;
}

/* Train on the examples whose group is not in fold `fold` of k (k = 0:
 * all of them). */
static enum rasd_status fit(struct rasd_trainer *t, double C, long k, long fold,
			    struct model **out, struct rasd_error *err)
{
	struct problem prob;
	struct parameter param;
	struct feature_node *nodes = NULL;
	size_t i, j, total = 0, l = 0;
	const char *bad;

	*out = NULL;
	for (i = 0; i < t->n; i++)
		total += t->ex[i].nf + 1;
	memset(&prob, 0, sizeof(prob));
	prob.y = calloc(t->n + 1, sizeof(*prob.y));
	prob.x = calloc(t->n + 1, sizeof(*prob.x));
	nodes = calloc(total + 1, sizeof(*nodes));
	if (!prob.y || !prob.x || !nodes) {
		free(prob.y);
		free(prob.x);
		free(nodes);
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	}
	total = 0;
	for (i = 0; i < t->n; i++) {
		if (k > 0 && t->ex[i].group % k == fold)
			continue;
		prob.x[l] = &nodes[total];
		for (j = 0; j < t->ex[i].nf; j++) {
			nodes[total].index = (int)t->ex[i].f[j];
			nodes[total].value = 1;
			total++;
		}
		nodes[total++].index = -1;
		prob.y[l++] = t->ex[i].right ? 1 : -1;
	}
	prob.l = (int)l;
	prob.n = (int)t->names.n;
	prob.bias = -1; /* the "bias" feature is in every example */
	memset(&param, 0, sizeof(param));
	param.solver_type = L2R_LR;
	param.C = C;
	param.eps = 0.001;
	set_print_string_function(quiet);
	bad = check_parameter(&prob, &param);
	if (bad || l == 0) {
		free(prob.y);
		free(prob.x);
		free(nodes);
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "cannot train: %s",
				      bad ? bad : "no examples");
	}
	*out = train(&prob, &param);
	free(prob.y);
	free(prob.x);
	free(nodes);
	if (!*out)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	return RASD_OK;
}

/* The weight of feature number id for "right" (label 1). */
static double weight_of(const struct model *lm, uint32_t id)
{
	double w;
	if ((int)id > lm->nr_feature)
		return 0;
	w = lm->w[id - 1];
	return lm->nr_class == 2 && lm->label[0] != 1 ? -w : w;
}

enum rasd_status rasd_trainer_fit(struct rasd_trainer *t, double C, struct rasd_model **out,
				  struct rasd_error *err)
{
	struct model *lm = NULL;
	struct rasd_model *m;
	enum rasd_status st;
	size_t i;

	*out = NULL;
	st = fit(t, C, 0, 0, &lm, err);
	if (st != RASD_OK)
		return st;
	m = calloc(1, sizeof(*m));
	if (!m) {
		free_and_destroy_model(&lm);
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
	}
	m->threshold = 0.5;
	for (i = 0; i < t->names.cap; i++) {
		uint32_t id;
		double w;
		if (!t->names.key[i])
			continue;
		id = t->names.id[i];
		w = weight_of(lm, id);
		/* rounded as the file writes it, so a loaded model scores alike */
		w = round(w * 1e6) / 1e6;
		if (w == 0)
			continue;
		if (!names_get(&m->w, t->names.key[i], true)) {
			st = rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
			break;
		}
		m->w.weight[names_slot(&m->w, t->names.key[i])] = w;
	}
	free_and_destroy_model(&lm);
	if (st != RASD_OK) {
		rasd_model_free(m);
		return st;
	}
	*out = m;
	return RASD_OK;
}

enum rasd_status rasd_trainer_cv(struct rasd_trainer *t, double C, long k, double *p,
				 struct rasd_error *err)
{
	long fold;
	size_t i, j;

	if (k < 2)
		return rasd_error_set(err, RASD_EINVAL, 0, 0, "cross-validation needs 2 folds or more");
	for (fold = 0; fold < k; fold++) {
		struct model *lm = NULL;
		enum rasd_status st = fit(t, C, k, fold, &lm, err);
		if (st == RASD_EINVAL) {
			/* a fold with nothing to learn from: the rules' confidence stands */
			for (i = 0; i < t->n; i++)
				if (t->ex[i].group % k == fold)
					p[i] = -1;
			continue;
		}
		if (st != RASD_OK)
			return st;
		for (i = 0; i < t->n; i++) {
			double z = 0;
			if (t->ex[i].group % k != fold)
				continue;
			for (j = 0; j < t->ex[i].nf; j++)
				z += round(weight_of(lm, t->ex[i].f[j]) * 1e6) / 1e6;
			p[i] = 1.0 / (1.0 + exp(-z));
		}
		free_and_destroy_model(&lm);
	}
	return RASD_OK;
}

bool rasd_trainer_right(const struct rasd_trainer *t, size_t i)
{
	return i < t->n && t->ex[i].right;
}
