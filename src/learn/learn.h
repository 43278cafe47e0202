/*
 * learn.h - what the files of src/learn/ share: the table of feature
 * names, the features of an event (features.c), ACLED's sub-event types
 * the type model chooses among, and the model's parts (model.c) that the
 * trainer (train.c) fills. Internal to learn/.
 */
#ifndef RASD_LEARN_H
#define RASD_LEARN_H

#include "rasd.h"

#define LEARN_MAX_FEATURES_PER_EVENT 128
#define LEARN_FEATURE_NAME 96
#define LEARN_MAX_MODEL_FEATURES (1u << 20)
#define LEARN_NTYPES 25

/* Open-addressing table of feature names (owned copies) to numbers 1..n
 * and, for a model, their weights: one keep weight and one per type. */
struct names {
	char **key;
	uint32_t *id;
	double *weight;      /* keep model */
	double *type_weight; /* LEARN_NTYPES per slot, or NULL */
	size_t cap, n;
	bool typed;
};

void names_release(struct names *t);
/* The slot of name, or of where it would go (cap > 0). */
size_t names_slot(const struct names *t, const char *name);
/* The number of name, added when `add`; 0 when absent (or out of memory). */
uint32_t names_get(struct names *t, const char *name, bool add);
/* The slot of name, or SIZE_MAX when absent. */
size_t names_find(const struct names *t, const char *name);

struct featset {
	char name[LEARN_MAX_FEATURES_PER_EVENT][LEARN_FEATURE_NAME];
	size_t n;
};

/* What the models read of event i of an article's events: fixed names,
 * each present or not (scratch in a). */
void learn_features(const struct rasd_article *art, const struct rasd_event *ev, size_t nev,
		    size_t i, struct rasd_arena *a, struct featset *f);

/* ACLED's sub-event types, with their event types (static strings); the
 * type model's classes are their indexes. -1 for an unknown name. */
extern const char *const learn_type[LEARN_NTYPES];
extern const char *const learn_sub[LEARN_NTYPES];
int learn_sub_index(const char *sub);

struct rasd_model {
	struct names w;
	double threshold;      /* events whose confidence is below are dropped */
	double type_threshold; /* the type model's choice wins from this probability */
	bool has_type[LEARN_NTYPES]; /* the type model's classes */
	bool typed;
};

struct rasd_model *learn_model_new(void);

/* The keep model's logit and the type model's probabilities (prob[c] 0 for
 * classes the model lacks) of a feature set. */
double learn_keep_logit(const struct rasd_model *m, const struct featset *f);
bool learn_type_probs(const struct rasd_model *m, const struct featset *f,
		      double prob[LEARN_NTYPES]);
/* The probability that the event type is `type`, summed over its subs. */
double learn_type_prob_of(const double prob[LEARN_NTYPES], const char *type);

#endif
