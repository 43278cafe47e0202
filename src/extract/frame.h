/*
 * frame.h - what the stages of extract/ share: the frame (one trigger with
 * its clause, actors, place, date, toll and modality, filled stage by stage
 * in the order the data flows), the per-document context the stages read,
 * and the small token helpers they all use (inline here; the larger shared
 * word tests in frame.c). The stages, each in its own file and each using
 * only frame.c and the stages listed before it: frames.c (the clause),
 * actors.c (which actor a mention names, coreference), roles.c (who did what
 * to whom), counts.c (the toll), type.c (means and type), modality.c and
 * history.c (claims, foiled attempts, and what is not an event), when.c,
 * where.c, merge.c (the event, one per happening). The driver extract.c
 * runs them (extract/ internal).
 */
#ifndef RASD_EXTRACT_FRAME_H
#define RASD_EXTRACT_FRAME_H

#include "mention.h"

#include <string.h>

#define VAGUE_PLURAL_FATALITIES 10 /* ACLED: "several", unspecified plural */
#define HISTORY_DAYS 60            /* older than this before publication: history */
#define CUMULATIVE_TOLL 50         /* dead over plural protests or battles, no day: a total */

/* ACLED's names, exactly. */
static const char T_BATTLES[] = "Battles";
static const char T_ERV[] = "Explosions/Remote violence";
static const char T_VAC[] = "Violence against civilians";
static const char T_PROTESTS[] = "Protests";
static const char T_RIOTS[] = "Riots";
static const char T_SD[] = "Strategic developments";

/* The steps recorded on one frame when the caller asked for a trace
 * (arena array, grown by doubling). */
struct frame_trace {
	struct rasd_trace_step *steps;
	size_t n, cap;
};

struct frame {
	const struct m_trigger *trig;
	struct frame_trace *tr; /* NULL unless tracing: RULE() tests only this */
	uint32_t sent;                /* sentence index */
	uint32_t cb, ce;              /* clause token range */
	int agent, target, assoc;     /* indexes into mentions.act, -1 if none */
	const struct rasd_actor *agent_actor, *target_actor, *assoc_actor;
	int place;                    /* index into mentions.place, -1 */
	const struct rasd_date_expr *date;
	int32_t day;
	int precision;
	long fatalities;
	bool fatalities_vague;
	bool claimed, foiled, violent;
	bool intervention; /* protests: dispersed, shot at, arrested */
	bool crowd_violent; /* protests: the crowd stormed, burned, threw stones */
	bool intercepted;  /* the missile or drone was destroyed in flight */
	long pre_count;    /* أربعة عناصر ... قتلوا: victims counted before the verb */
	bool civilian_victims, armed_victims;
	bool execution; /* أعدم، رميا بالرصاص: killed in someone's hands */
	bool means_air, means_artillery, means_ied;
	bool dropped;
	double confidence;
};

struct event_list {
	struct rasd_event *ev;
	size_t n, cap;
};

struct ctx {
	const struct rasd_lexicon *lex;
	const struct rasd_doc *doc;
	struct mentions *m;
	struct rasd_arena *a;
	int32_t published;
	const char *doc_country;
	uint32_t *sent_of;  /* token -> sentence */
	uint8_t *opener;    /* token -> opens a clause (clause_opener) */
	uint8_t *sent_done; /* sentence -> opener and aside tables filled */
	uint32_t *aside_close, *aside_open; /* comma -> the comma pairing it around a date, or 0 */
	bool *named;        /* actor index -> named explicitly so far (for anaphora) */
	const struct mentions *named_m; /* mark_named: the mentions it walks, */
	size_t named_next;              /* and the next actor to look at */
	const struct rasd_date_expr *month_frame;
	/* month_frame_before's forward scan of c->m's dates */
	struct month_scan {
		const struct mentions *m;
		size_t next;  /* dates before this index are scanned */
		uint32_t tok; /* the token asked for last */
		const struct rasd_date_expr *last;
	} month_scan;
	enum rasd_field field;
	const struct rasd_actor *civ;
	bool headline; /* the body's first line is a headline */
	struct rasd_page page; /* captions, related headlines, tweets, datelines of
				  the field being coded (none for the title) */
	struct event_list headline_events;
	struct pending_list {
		int place;
		size_t event;
	} *pending; /* events whose place heads a list (arena array; it had a
		       fixed 64, and the lists after the 64th lost their events) */
	size_t npending, pending_cap;
	struct rasd_trace *trace; /* the caller's, or NULL */
	struct rasd_lex_cache *lex_cache; /* the caller's word-type cache, or NULL */
	struct sent_memo *memo;           /* sentfacts.c; NULL: none */
	bool trace_oom;           /* a step could not be recorded */
	size_t drops_cap;         /* room in trace->drops */
};

/* ------------------------------------------------------------- rules */

#include "rules.h"

/* Record that rule r decided something about frame f, having looked at
 * tokens [from, to) (and [from2, to2)); nothing when not tracing. */
#define RULE(c, f, r, from, to)                                                             \
	((f)->tr ? trace_rule((c), (f)->tr, (r), (from), (to), 0, 0) : (void)0)
#define RULE2(c, f, r, from, to, from2, to2)                                               \
	((f)->tr ? trace_rule((c), (f)->tr, (r), (from), (to), (from2), (to2)) : (void)0)
void trace_rule(const struct ctx *c, struct frame_trace *tr, enum rule r, uint32_t from,
		uint32_t to, uint32_t from2, uint32_t to2);
/* For tests that drop or decide: record rule r at [from, to), say yes. */
#define BECAUSE(c, f, r, from, to) (RULE((c), (f), (r), (from), (to)), true)
/* The same for an event (after merging): byte spans of its field; nothing
 * when not tracing. */
void trace_event(struct ctx *c, struct rasd_event *e, enum rule r, uint32_t start, uint32_t end);
/* o absorbed e by rule r: o's trace goes on with r (at e's trigger) and
 * e's own steps. */
void trace_merge(struct ctx *c, struct rasd_event *o, const struct rasd_event *e, enum rule r);
/* The frame's steps so far, to keep on its event. */
void trace_keep(const struct frame *f, struct rasd_event *e);
/* Frame f makes no event, by the rule of its last step. */
void trace_drop(struct ctx *c, const struct frame *f);

/* ------------------------------------------------------------ helpers */

/* The page segment (caption, related headline, tweet, dateline …) a token
 * lies in; RASD_SEG_BODY for the story's own text. */
static inline enum rasd_segment_kind segment_of(const struct ctx *c, uint32_t tok)
{
	return rasd_page_kind_at(&c->page, c->doc->tokens[tok].start);
}

/* The first mention of a kind at or after a token (mention arrays are in
 * token order, so loops over a span start here instead of at 0). */
#define FIRST(arr, n, tok) MENTION_FIRST(c->m, arr, n, (uint32_t)(tok))
#define END_BEFORE(arr, n, tok) MENTION_END_BEFORE(c->m, arr, n, (uint32_t)(tok))

static inline bool cue_in(const struct ctx *c, uint32_t from, uint32_t to, enum rasd_cue_role role,
		   uint32_t *at)
{
	size_t i;
	if (c->m->role_index)
		return role_cue_in(c->m, from, to, role, at);
	for (i = FIRST(cue, ncue, from); i < c->m->ncue; i++) {
		const struct m_cue *q = &c->m->cue[i];
		if (q->tok >= to)
			break;
		if (q->tok >= from && q->role == role) {
			if (at)
				*at = q->tok;
			return true;
		}
	}
	return false;
}

static inline bool cue_at(const struct ctx *c, uint32_t tok, enum rasd_cue_role role)
{
	return cue_in(c, tok, tok + 1, role, NULL);
}

static inline const struct m_number *number_at_tok(const struct ctx *c, uint32_t tok)
{
	size_t i;
	for (i = FIRST(num, nnum, tok); i < c->m->nnum; i++) {
		if (c->m->num[i].tok == tok)
			return &c->m->num[i];
		if (c->m->num[i].tok > tok)
			break;
	}
	return NULL;
}

static inline const struct m_number *number_ending_at(const struct ctx *c, uint32_t end)
{
	size_t i;
	/* a number is far shorter than 64 tokens */
	for (i = FIRST(num, nnum, end > 64 ? end - 64 : 0); i < c->m->nnum; i++) {
		if (c->m->num[i].tok + c->m->num[i].ntok == end)
			return &c->m->num[i];
		if (c->m->num[i].tok >= end)
			break;
	}
	return NULL;
}

static inline bool tok_is(const struct ctx *c, uint32_t i, const char *key)
{
	return i < c->doc->ntokens && token_is(&c->doc->tokens[i], key);
}

/* tok_is for a string literal */
#define TOK_IS(c, i, lit) ((i) < (c)->doc->ntokens && TOKEN_IS(&(c)->doc->tokens[i], lit))
/* Is token i a word of the list (data/words.tsv, exactly)? */
#define WORD_AT(c, i, list) \
	((i) < (c)->doc->ntokens && word_in((c)->lex, &(c)->doc->tokens[i], (list)))
/* ... or the word after the conjunction و (منذ، ومنذ)? */
#define WORD_OR_WAW_AT(c, i, list) \
	((i) < (c)->doc->ntokens && word_in_or_waw((c)->lex, &(c)->doc->tokens[i], (list)))

/* sentfacts.c: what a sentence holds, found once (NULL when out of memory). */
struct sent_facts {
	uint64_t lists[RASD_WL_MASK_WORDS]; /* lists of its words, or of a word after و */
	uint32_t question;                  /* its first ؟ or ?, or UINT32_MAX */
	bool year;                          /* a number of four digits */
	bool known;
};
struct sent_memo {
	const struct rasd_doc *doc;
	struct sent_facts *f;
};
const struct sent_facts *sent_facts(const struct ctx *c, uint32_t sent);
/* Might a word of the sentence (or one after و) be in the list? */
static inline bool sent_may_have(const struct ctx *c, uint32_t sent, enum rasd_word_list list)
{
	const struct sent_facts *f = sent_facts(c, sent);
	return !f || (f->lists[(unsigned)list / 64] >> ((unsigned)list % 64) & 1);
}

static inline bool is_clause_punct(const struct ctx *c, uint32_t i)
{
	const struct rasd_token *t = &c->doc->tokens[i];
	return t->kind == RASD_TOK_PUNCT && (t->flags & RASD_TOKF_CLAUSE);
}

static inline const struct rasd_actor *actor_of(const struct ctx *c, int idx)
{
	return idx < 0 ? NULL : rasd_lex_actor(c->lex, c->m->act[idx].actor);
}

static inline bool actor_armed(const struct rasd_actor *a)
{
	return a && a->inter != 7 && a->inter != 6;
}

static inline bool key_has_prefix(const struct rasd_token *t, const char *pre)
{
	size_t n = strlen(pre);
	return t->klen >= n && memcmp(t->key, pre, n) == 0;
}

/* Does this word carry the conjunction و (وأصيب، وإصابة)? */
static inline bool conj_word(const struct ctx *c, uint32_t i)
{
	const struct rasd_token *t = &c->doc->tokens[i];
	return t->klen > 4 && memcmp(t->key, "\xd9\x88", 2) == 0;
}

/* A copy of a token's key without its article: الجندي -> جندي */
static inline struct rasd_token without_article(const struct rasd_token *t)
{
	struct rasd_token bare = *t;
	if (bare.klen > 6 && memcmp(bare.key, "ال", 4) == 0)
		bare.key += 4, bare.klen -= 4;
	return bare;
}

/* frame.c: word-level tests and the event list the stages share */
bool actor_usable(const struct ctx *c, int idx);
bool assoc_marker_before(const struct ctx *c, uint32_t head, uint32_t limit);
bool means_context(const struct ctx *c, uint32_t tok);
bool qualifier(const struct ctx *c, uint32_t i);
bool collective_force(const struct rasd_lexicon *lex, const struct rasd_token *t);
bool body_word(const struct ctx *c, uint32_t k);
enum rasd_status push_event(struct rasd_arena *a, struct event_list *l,
			    const struct rasd_event *e);

/* ------------------------------------------------------------- stages
 * Each file uses only frame.c and the stages before it in this list. */

/* frames.c: the per-token tables of c->doc, then a trigger's clause */
enum rasd_status index_doc(struct ctx *c);
void clause_bounds(const struct ctx *c, const struct rasd_sentence *s, uint32_t tok, uint32_t *cb,
		   uint32_t *ce);
double frame_confidence(const struct frame *f);

/* actors.c: coreference, state forces, codes by place and date, and the
 * inferences made on finished events */
void mark_named(struct ctx *c, uint32_t upto);
void resolve_state_forces(const struct rasd_lexicon *lex, const struct rasd_doc *doc,
			  struct mentions *m, const char *country);
const struct rasd_actor *recode_actor(const struct ctx *c, const struct rasd_actor *a,
				      const struct rasd_event *e);
void share_strike_agents(struct ctx *c, struct event_list *l);
void article_opponents(struct ctx *c, struct event_list *l);
void protest_counterparts(struct ctx *c, struct event_list *l);
void unidentified_perpetrators(struct ctx *c, struct event_list *l);
void attribute_yemen_air_raids(struct ctx *c, const struct rasd_article *art,
			       struct event_list *l);

/* roles.c: agent, target and associate in the clause; the victims */
void assign_actors(struct ctx *c, struct frame *f);
void roles_victims(struct ctx *c, struct frame *f);

/* counts.c: the toll */
bool looks_plural(const struct rasd_lexicon *lex, const struct rasd_token *t);
void count_fatalities(struct ctx *c, struct frame *f);
void counts_frame(struct ctx *c, struct frame *f);
bool consequence_kill(const struct ctx *c, const struct frame *f);

/* type.c: the means, what was done to a protest, the type, and the actors
 * ACLED gives each type */
void type_means(const struct ctx *c, struct frame *f);
void type_intervention(struct ctx *c, struct frame *f);
void set_type(const struct ctx *c, const struct frame *f, const char **type, const char **sub);
void type_actors(const struct ctx *c, const struct frame *f, struct rasd_event *e);

/* modality.c: claims, foiled and stopped attacks, and frames that are no
 * event */
void modality_claim_foil(struct ctx *c, struct frame *f);
void modality_intercept(const struct ctx *c, struct frame *f);
bool is_question(const struct ctx *c, const struct frame *f);
bool modal_before(const struct ctx *c, const struct frame *f);
bool statement_or_reference(const struct ctx *c, const struct frame *f);
bool purpose_or_method(const struct ctx *c, const struct frame *f);
bool generic_mention(const struct ctx *c, const struct frame *f);
bool day_or_toll(const struct ctx *c, const struct frame *f);
bool specific_enough(const struct ctx *c, const struct frame *f);
bool agreement_made(const struct ctx *c, const struct frame *f);
bool body_found_only(const struct ctx *c, const struct frame *f);
bool takes_ground(const struct ctx *c, const struct frame *f);

/* history.c: history and statistics */
bool accident_or_disaster(const struct ctx *c, const struct frame *f);
bool is_statistic(const struct ctx *c, const struct frame *f);
bool year_in_past(const struct ctx *c, const struct frame *f);
bool sentence_has_since(const struct ctx *c, const struct frame *f);
bool named_past_event(const struct ctx *c, const struct frame *f);
bool definite_reference(const struct ctx *c, const struct frame *f);
/* وكان الجيش قد سيطر: a pluperfect with no recent day of its own is background. */
bool pluperfect_background(const struct ctx *c, const struct frame *f);
/* 120 killed during the protests, no day of their own: a running total. */
bool cumulative_toll(const struct ctx *c, const struct frame *f);
/* Token at is قد (وقد، لقد) before a perfect verb: a completed act, no hedge. */
bool qad_perfect(const struct ctx *c, uint32_t at);

/* when.c and where.c: the date and the place */
const struct rasd_date_expr *choose_date(struct ctx *c, const struct frame *f);
const struct rasd_date_expr *month_frame_before(struct ctx *c, uint32_t tok);
void when_event(const struct ctx *c, const struct frame *f, struct rasd_event *e);
int choose_place(struct ctx *c, const struct frame *f);
void where_event(const struct ctx *c, const struct frame *f, struct rasd_event *e);
enum rasd_status list_events(struct ctx *c, int place, size_t event_index,
			     struct event_list *out);
void narrow_country_events(struct ctx *c, struct event_list *l);

/* merge.c: the event a finished frame becomes; one event per happening */
void fill_event(struct ctx *c, const struct frame *f, struct rasd_event *e);
bool elaborates(struct ctx *c, struct event_list *l, const struct frame *f);
bool merge_into(struct ctx *c, struct event_list *l, const struct rasd_event *e, bool title);
void consolidate(struct ctx *c, struct event_list *l);


#endif
