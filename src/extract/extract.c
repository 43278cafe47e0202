/*
 * extract.c - from mentions to events. Each trigger becomes a frame: its
 * clause, who acted and against whom (actors around it, with coreference
 * for التنظيم، مقاتلوه), where (the most specific place in the clause, then
 * the sentence, then the paragraph), when (a date in the clause or
 * sentence, then the month the article is about, then publication),
 * how many died, and whether it is a claim or a foiled attempt. Frames
 * that are threats, plans, negations, questions, statistics or history
 * are dropped; frames that describe the same happening are merged, so an
 * article that repeats an attack yields one event. Part of extract/.
 */
#include "mention.h"

#include <stdio.h>
#include <string.h>

#define VAGUE_PLURAL_FATALITIES 10 /* ACLED: "several", unspecified plural */
#define HISTORY_DAYS 60            /* older than this before publication: history */
#define MAX_PENDING_LISTS 64       /* place lists expanded per article */

/* ACLED's names, exactly. */
static const char T_BATTLES[] = "Battles";
static const char T_ERV[] = "Explosions/Remote violence";
static const char T_VAC[] = "Violence against civilians";
static const char T_PROTESTS[] = "Protests";
static const char T_RIOTS[] = "Riots";
static const char T_SD[] = "Strategic developments";

struct frame {
	const struct m_trigger *trig;
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
	enum rasd_field field;
	const struct rasd_actor *civ;
	bool headline; /* the body's first line is a headline */
	struct event_list headline_events;
	struct {
		int place;
		size_t event;
	} pending[MAX_PENDING_LISTS]; /* events whose place heads a list */
	size_t npending;
};

/* ------------------------------------------------------------ helpers */

/* The first mention of a kind at or after a token (mention arrays are in
 * token order, so loops over a span start here instead of at 0). */
#define FIRST(arr, n, tok) MENTION_FIRST(c->m, arr, n, (uint32_t)(tok))
#define END_BEFORE(arr, n, tok) MENTION_END_BEFORE(c->m, arr, n, (uint32_t)(tok))

static bool cue_in(const struct ctx *c, uint32_t from, uint32_t to, enum rasd_cue_role role,
		   uint32_t *at)
{
	size_t i;
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

static bool cue_at(const struct ctx *c, uint32_t tok, enum rasd_cue_role role)
{
	return cue_in(c, tok, tok + 1, role, NULL);
}

static const struct m_number *number_at_tok(const struct ctx *c, uint32_t tok)
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

static const struct m_number *number_ending_at(const struct ctx *c, uint32_t end)
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

static bool tok_is(const struct ctx *c, uint32_t i, const char *key)
{
	return i < c->doc->ntokens && token_is(&c->doc->tokens[i], key);
}

/* tok_is for a string literal */
#define TOK_IS(c, i, lit) ((i) < (c)->doc->ntokens && TOKEN_IS(&(c)->doc->tokens[i], lit))

static bool is_clause_punct(const struct ctx *c, uint32_t i)
{
	const struct rasd_token *t = &c->doc->tokens[i];
	return t->kind == RASD_TOK_PUNCT && (t->flags & RASD_TOKF_CLAUSE);
}

/* Words that open a new clause inside a sentence. */
static bool clause_opener(const struct ctx *c, uint32_t i)
{
	const struct rasd_token *t = &c->doc->tokens[i];
	/* compared by length first (TOKEN_IS): this runs on every word of a
	 * sentence with a trigger */
	switch (t->klen) {
	case 4:
		return TOKEN_IS(t, "اذ") || TOKEN_IS(t, "ما");
	case 6:
		return TOKEN_IS(t, "حيث") || TOKEN_IS(t, "كما") || TOKEN_IS(t, "لكن") ||
		       TOKEN_IS(t, "الا") || TOKEN_IS(t, "وفق") || TOKEN_IS(t, "اما");
	case 8:
		return TOKEN_IS(t, "فيما") || TOKEN_IS(t, "ولكن") || TOKEN_IS(t, "بحسب") ||
		       TOKEN_IS(t, "ووفق") || TOKEN_IS(t, "وكان") || TOKEN_IS(t, "واما");
	case 10:
		return TOKEN_IS(t, "بينما") || TOKEN_IS(t, "وفيما") || TOKEN_IS(t, "وكانت");
	case 12:
		return TOKEN_IS(t, "وبينما");
	default:
		return false;
	}
}

/* «، الثلاثاء،»: a date set off by commas inside a clause. Given the comma
 * at `comma` that opens such an aside, the index of the comma closing it;
 * 0 when what follows is not a date alone. */
static uint32_t date_aside_end(const struct ctx *c, uint32_t comma, uint32_t end)
{
	uint32_t k = comma + 1;
	size_t i;
	if (!TOK_IS(c, comma, "،") && !TOK_IS(c, comma, ","))
		return 0;
	i = FIRST(date, ndate, k);
	/* «، مساء الأربعاء،» is one date expression; «، يوم الأربعاء،» may
	 * start one word later */
	if ((i >= c->m->ndate || c->m->date[i].tok != k) && k < end &&
	    (TOK_IS(c, k, "يوم") || TOK_IS(c, k, "فجر") || TOK_IS(c, k, "مساء") ||
	     TOK_IS(c, k, "صباح") || TOK_IS(c, k, "ليل") || TOK_IS(c, k, "ليله"))) {
		k++;
		i = FIRST(date, ndate, k);
	}
	if (i >= c->m->ndate || c->m->date[i].tok != k)
		return 0;
	k = c->m->date[i].tok + c->m->date[i].ntok;
	if (k + 1 < end && (TOK_IS(c, k, "،") || TOK_IS(c, k, ",")))
		return k;
	return 0;
}

static void index_sentence(const struct ctx *c, const struct rasd_sentence *se);

static void clause_bounds(const struct ctx *c, const struct rasd_sentence *s, uint32_t tok,
			  uint32_t *cb, uint32_t *ce)
{
	uint32_t b = tok, e = tok;

	index_sentence(c, s);
	while (b > s->tok_begin) {
		uint32_t open = c->aside_open[b - 1];
		if (b - 1 > s->tok_begin && open > s->tok_begin) {
			b = open; /* قصفت الطائرات، أمس، مواقع: past the aside */
			continue;
		}
		if (is_clause_punct(c, b - 1) && !TOK_IS(c, b - 1, ":"))
			break;
		if (c->opener[b - 1] && b - 1 != tok) {
			b--;
			break;
		}
		b--;
	}
	while (e < s->tok_end) {
		uint32_t close = c->aside_close[e];
		if (e > tok && close > 0) {
			e = close + 1;
			continue;
		}
		if (e > tok && (is_clause_punct(c, e) || c->opener[e]))
			break;
		e++;
	}
	*cb = b;
	*ce = e;
}

static const struct rasd_actor *actor_of(const struct ctx *c, int idx)
{
	return idx < 0 ? NULL : rasd_lex_actor(c->lex, c->m->act[idx].actor);
}

static bool actor_armed(const struct rasd_actor *a)
{
	return a && a->inter != 7 && a->inter != 6;
}

/* ------------------------------------------------------------- actors */

static bool target_marker_before(const struct ctx *c, uint32_t head, uint32_t limit)
{
	uint32_t k;
	for (k = head; k > limit && k + 3 > head; k--) {
		uint32_t j = k - 1;
		if (cue_at(c, j, RASD_CUE_TARGET))
			return true;
		if (TOK_IS(c, j, "علي") || TOK_IS(c, j, "ضد") || TOK_IS(c, j, "بحق") ||
		    TOK_IS(c, j, "صفوف") || TOK_IS(c, j, "استهدف") || TOK_IS(c, j, "استهدفت") ||
		    TOK_IS(c, j, "طالت") || TOK_IS(c, j, "مع") || TOK_IS(c, j, "طرد") ||
		    TOK_IS(c, j, "دحر") || TOK_IS(c, j, "ايدي") ||
		    /* مواقع الحوثيين، تجمعات داعش: whose positions were hit */
		    TOK_IS(c, j, "مواقع") || TOK_IS(c, j, "تجمعات") || TOK_IS(c, j, "تحصينات") ||
		    TOK_IS(c, j, "معاقل") || TOK_IS(c, j, "مقرات") || TOK_IS(c, j, "تعزيزات") ||
		    TOK_IS(c, j, "اليات"))
			return true;
	}
	return false;
}

static bool agent_marker_before(const struct ctx *c, uint32_t head, uint32_t limit)
{
	static const char *const w[] = {"يد", "برصاص", "بنيران", "قبل", "شنه", "شنها", "شنتها",
					"نفذه", "نفذها", "نفذته", "تبناه", "تبنته", "لقوات",
					"بواسطه", "شنته", NULL};
	uint32_t k;
	size_t i;
	for (k = head; k > limit && k + 3 > head; k--)
		for (i = 0; w[i]; i++)
			if (tok_is(c, k - 1, w[i]))
				return true;
	return false;
}

static bool assoc_marker_before(const struct ctx *c, uint32_t head, uint32_t limit)
{
	static const char *const w[] = {"بالتعاون", "بدعم", "بمسانده", "بمشاركه", "مدعومه",
					"مدعوما", "المدعومه", "المدعوم", "بالتنسيق", "واسناد",
					"باسناد", "بغطاء", "واسناد", NULL};
	uint32_t k;
	size_t i;
	for (k = head; k > limit && k + 4 > head; k--)
		for (i = 0; w[i]; i++)
			if (tok_is(c, k - 1, w[i]))
				return true;
	return false;
}

/* "affiliated to": التابع لـ قسد marks an owner, a target of property attacks. */
static bool owner_marker_before(const struct ctx *c, uint32_t head, uint32_t limit)
{
	uint32_t k;
	for (k = head; k > limit && k + 3 > head; k--)
		if (TOK_IS(c, k - 1, "بانتمائهم") || TOK_IS(c, k - 1, "بانتمائه") ||
		    TOK_IS(c, k - 1, "لانتمائهم") || TOK_IS(c, k - 1, "المنتمين") ||
		    TOK_IS(c, k - 1, "بتهمه") || TOK_IS(c, k - 1, "بالانتماء") ||
		    TOK_IS(c, k - 1, "منتسبي") || TOK_IS(c, k - 1, "عائلات") ||
		    TOK_IS(c, k - 1, "التابع") || TOK_IS(c, k - 1, "التابعه") ||
		    TOK_IS(c, k - 1, "التابعين") || TOK_IS(c, k - 1, "تابعين") ||
		    TOK_IS(c, k - 1, "تابع") || TOK_IS(c, k - 1, "تابعه") ||
		    /* منطقة خاضعة لسيطرة المعارضة: who holds the place hit */
		    TOK_IS(c, k - 1, "لسيطره") || TOK_IS(c, k - 1, "سيطره") ||
		    TOK_IS(c, k - 1, "الخاضعه") || TOK_IS(c, k - 1, "خاضعه") ||
		    /* الميليشيا الموالية لقوات النظام: those loyal to it */
		    TOK_IS(c, k - 1, "المواليه") || TOK_IS(c, k - 1, "الموالي") ||
		    TOK_IS(c, k - 1, "الموالين") || TOK_IS(c, k - 1, "الموالون") ||
		    TOK_IS(c, k - 1, "مواليه") || TOK_IS(c, k - 1, "موالين"))
			return true;
	return false;
}

/* A verb-first clause names its agent right after the verb, alone or behind
 * the means it used: استهدفت مقاتلات التحالف مواقع الحوثيين. There the verb
 * is not the target marker it is after a subject (الحوثيون استهدفت ...). */
static bool vso_subject(const struct ctx *c, const struct m_trigger *t, const struct m_actor *a)
{
	uint32_t k, end = t->tok + t->ntok;
	if (t->form != RASD_FORM_VERB || a->tok < end || a->tok > end + 2)
		return false;
	for (k = end; k < a->tok; k++)
		if (!cue_at(c, k, RASD_CUE_MEANS_AIR) && !cue_at(c, k, RASD_CUE_MEANS_ARTILLERY))
			return false;
	return true;
}

/* The word before an actor, past a hashtag mark (من #ميليشيات_الحوثي). */
static uint32_t word_before(const struct ctx *c, const struct m_actor *a)
{
	uint32_t k = a->tok;
	if (k > 0 && c->doc->tokens[k - 1].kind == RASD_TOK_PUNCT)
		k--;
	return k; /* the word before is k - 1 (none when k == 0) */
}

static bool after_min(const struct ctx *c, const struct m_actor *a)
{
	uint32_t k = word_before(c, a);
	return k > 0 && TOK_IS(c, k - 1, "من");
}

/* 40 عنصرا من ميليشيات الحوثي: the side of people counted, not a subject */
static bool partitive(const struct ctx *c, const struct m_actor *a)
{
	uint32_t k = word_before(c, a);
	return k >= 2 && TOK_IS(c, k - 1, "من") &&
	       (cue_at(c, k - 2, RASD_CUE_ARMED_PERSON) || number_at_tok(c, k - 2) ||
		number_ending_at(c, k - 1) ||
		/* قتلى وجرحى من الحوثيين: the dead and wounded of a side */
		cue_at(c, k - 2, RASD_CUE_DEATH) || cue_at(c, k - 2, RASD_CUE_INJURY));
}

/* Is this actor the subject of a verb that opens the sentence? */
static bool opens_with_verb(const struct ctx *c, const struct rasd_sentence *s,
			    const struct m_actor *a)
{
	size_t k;
	for (k = FIRST(trig, ntrig, s->tok_begin); k < c->m->ntrig; k++) {
		const struct m_trigger *t = &c->m->trig[k];
		if (t->tok >= a->tok)
			break;
		if (t->tok < s->tok_begin || t->tok > s->tok_begin + 1)
			continue;
		if (t->cls != RASD_EC_KILL && t->cls != RASD_EC_ABDUCT &&
		    t->cls != RASD_EC_ARREST && vso_subject(c, t, a))
			return true;
	}
	return false;
}

/* Is this actor mention usable here (anaphors need an earlier naming)? */
static bool actor_usable(const struct ctx *c, int idx)
{
	const struct m_actor *a = &c->m->act[idx];
	const struct rasd_actor *ac;
	if (!(a->flags & RASD_ACTOR_ANAPHOR))
		return true;
	if (c->named[a->actor])
		return true;
	/* in its own theatre an anaphor needs no antecedent: التحالف in a
	 * report from Yemen is the Saudi-led coalition */
	ac = rasd_lex_actor(c->lex, a->actor);
	if (ac && c->doc_country && strlen(c->doc_country) == 2 && ac->theatre) {
		const char *p = strstr(ac->theatre, c->doc_country);
		return p && (p == ac->theatre || p[-1] == ',') && (p[2] == '\0' || p[2] == ',');
	}
	return false;
}

static bool qualifier(const struct ctx *c, uint32_t i);
static bool conj_word(const struct ctx *c, uint32_t i);
static bool means_context(const struct ctx *c, uint32_t tok);

/* قتل فلسطينيان في قصف إسرائيلي: an actor named with the attack a killing
 * happened in (right after or within that trigger) carried it out */
static bool means_agent(const struct ctx *c, const struct m_trigger *t, const struct m_actor *a)
{
	size_t q;
	for (q = FIRST(trig, ntrig, t->tok + t->ntok); q < c->m->ntrig && c->m->trig[q].tok < a->tok;
	     q++) {
		const struct m_trigger *o = &c->m->trig[q];
		if (a->head <= o->tok + o->ntok + 1 && o->cls != RASD_EC_KILL &&
		    (means_context(c, o->tok) || (o->clitics & RASD_CLITIC_PREP)))
			return true;
	}
	return false;
}

/* Is there a killing word (a verb or noun of class kill) in [from, to)? */
static bool kill_between(const struct ctx *c, uint32_t from, uint32_t to)
{
	size_t q;
	for (q = FIRST(trig, ntrig, from); q < c->m->ntrig && c->m->trig[q].tok < to; q++)
		if (c->m->trig[q].cls == RASD_EC_KILL)
			return true;
	return false;
}

/* A copy of a token's key without its article: الجندي -> جندي */
static struct rasd_token without_article(const struct rasd_token *t)
{
	struct rasd_token bare = *t;
	if (bare.klen > 6 && memcmp(bare.key, "ال", 4) == 0)
		bare.key += 4, bare.klen -= 4;
	return bare;
}

/* قوات، ميليشيات، دورية: a force, not people counted one by one */
static bool collective_force(const struct rasd_token *t)
{
	static const char *const w[] = {"قوات", "ميليشيا", "مليشيا", "ميليشيات", "مليشيات", "دوريه",
					"دوريات", "وحدات", "قوه", "افراد", "قيادات", "قاده",
					"مرتزقه", "مجندين", NULL};
	struct rasd_token bare = without_article(t);
	return in_list(&bare, w);
}

/* After a subject: does the clause go on without an object? The end of
 * the clause, punctuation, a date, or a word of place, time or means
 * (في، قرب، خلال، برصاص) says so. */
static bool nothing_done_after(const struct ctx *c, uint32_t k, uint32_t ce)
{
	static const char *const w[] = {"في", "علي", "قرب", "خلال", "جراء", "اثر", "بعد", "عند",
					"داخل", "امس", "اليوم", "صباح", "مساء", "فجر", "ليل",
					"ليله", "واصيب", "واصيبت", "وجرح", "متاثرا", "متاثرين",
					NULL};
	if (k >= ce || c->doc->tokens[k].kind == RASD_TOK_PUNCT || MENTION_AT(c->m, date, ndate, k) ||
	    in_list(&c->doc->tokens[k], w))
		return true;
	/* برصاص، بنيران، بقصف: how they died */
	return c->doc->tokens[k].klen > 6 && memcmp(c->doc->tokens[k].key, "ب", 2) == 0 &&
	       !cue_at(c, k, RASD_CUE_ARMED_PERSON) && number_at_tok(c, k) == NULL;
}

static void assign_actors(struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	bool victim_class = t->cls == RASD_EC_KILL || t->cls == RASD_EC_ABDUCT ||
			    t->cls == RASD_EC_ARREST;
	/* قُتل أربعة عناصر أمن: a killing verb followed by a count or a victim
	 * is passive (the diacritics that would say so are rarely written) */
	bool passive = false;
	size_t i;

	if (victim_class && t->form == RASD_FORM_VERB) {
		uint32_t nx = t->tok + t->ntok, q = nx;
		while (q < f->ce && q < nx + 4 && qualifier(c, q))
			q++; /* قتل نحو 40، قتل أكثر من 40 */
		if (number_at_tok(c, q))
			passive = true;
		/* an armed-person cue opens an actor at most 3 words before it */
		for (i = FIRST(act, nact, nx); i < c->m->nact && c->m->act[i].tok <= nx + 4 && !passive;
		     i++)
			if (c->m->act[i].head == nx && (c->m->act[i].flags & RASD_ACTOR_VICTIM))
				passive = true;
		if (nx + 1 < f->ce && cue_at(c, nx, RASD_CUE_ARMED_PERSON) &&
		    (TOK_IS(c, nx + 1, "من") || number_at_tok(c, nx + 1)))
			passive = true;
		/* قتل جندي إسرائيلي الجمعة، قتل جنديان تركيان في هجوم: soldiers
		 * named right after the verb with no object after them died */
		q = nx;
		if (TOK_IS(c, q, "فيها") || TOK_IS(c, q, "فيه") || TOK_IS(c, q, "خلالها") ||
		    TOK_IS(c, q, "خلاله") || TOK_IS(c, q, "بها"))
			q++; /* عملية دهس قتل فيها جنديان */
		for (i = FIRST(act, nact, q); i < c->m->nact && c->m->act[i].tok == q && !passive;
		     i++)
			if (t->cls == RASD_EC_KILL && cue_at(c, q, RASD_CUE_ARMED_PERSON) &&
			    !collective_force(&c->doc->tokens[q]) &&
			    /* a state's soldiers; gunmen (قتل مسلحون في بغداد
			     * امرأة) are mostly the killers */
			    (rasd_lex_actor(c->lex, c->m->act[i].actor)->inter == 1 ||
			     rasd_lex_actor(c->lex, c->m->act[i].actor)->inter == 8) &&
			    nothing_done_after(c, c->m->act[i].tok + c->m->act[i].ntok, f->ce))
				passive = true;
	}
	int best_after = -1, best_before = -1, target = -1, assoc = -1, direct_after = -1;
	bool vso;

	for (i = FIRST(act, nact, f->cb); i < c->m->nact; i++) {
		const struct m_actor *a = &c->m->act[i];
		uint32_t head = a->head;
		const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
		if (a->tok < f->cb)
			continue;
		if (a->tok >= f->ce)
			break;
		if (!actor_usable(c, (int)i))
			continue;
		if (assoc_marker_before(c, head, f->cb)) {
			if (assoc < 0)
				assoc = (int)i;
			continue;
		}
		if ((a->flags & RASD_ACTOR_VICTIM) || ac->inter == 7) {
			if (target < 0)
				target = (int)i;
			continue;
		}
		/* an actor among the trigger's own words is its agent: طيران
		 * التحالف، أوقفت الشرطة، سيطر الحوثيون، قصف إسرائيلي (a victim
		 * among them, احتجاز رهائن, was settled above) */
		if (a->tok >= t->tok && a->tok < t->tok + t->ntok) {
			if (best_after != -2) {
				best_before = (int)i;
				best_after = -2;
			}
			continue;
		}
		if (agent_marker_before(c, head, f->cb)) {
			best_before = (int)i; /* strongest evidence of the agent */
			best_after = -2;
			continue;
		}
		vso = !victim_class && best_before < 0 && vso_subject(c, t, a);
		if ((!vso && target_marker_before(c, head, f->cb)) ||
		    owner_marker_before(c, head, f->cb)) {
			if (target < 0)
				target = (int)i;
			continue;
		}
		if (victim_class && head > t->tok && partitive(c, a)) {
			/* سقط قتلى من الحوثيين: the side the dead belong to */
			if (target < 0)
				target = (int)i;
			continue;
		}
		/* قُتل نحو 40 عنصرا من ميليشيات الحوثي: the killed and their side */
		if (passive && head >= t->tok + t->ntok &&
		    (head <= t->tok + t->ntok + 4 ||
		     (head <= t->tok + t->ntok + 8 && after_min(c, a))) &&
		    !agent_marker_before(c, head, f->cb) && !means_agent(c, t, a)) {
			if (target < 0)
				target = (int)i;
			continue;
		}
		if (!victim_class && head >= t->tok + t->ntok && kill_between(c, t->tok + t->ntok, a->tok)) {
			/* عملية دهس قتل فيها جنديان إسرائيليان: the dead of the
			 * attack, not its author */
			if (target < 0)
				target = (int)i;
			continue;
		}
		if (head >= t->tok + t->ntok) {
			/* right after the trigger: the agent of a verb (VSO) or of a
			 * noun in construct (غارات التحالف), the victim of a killing */
			uint32_t gap = head - (t->tok + t->ntok);
			bool adjacent = gap <= 2 || (number_at_tok(c, t->tok + t->ntok) &&
						     gap <= 4);
			if (victim_class && adjacent && t->form != RASD_FORM_VERB) {
				if (target < 0)
					target = (int)i;
				continue;
			}
			if (victim_class && adjacent && t->form == RASD_FORM_VERB &&
			    (a->armed_cue || number_at_tok(c, t->tok + t->ntok)) && direct_after < 0 &&
			    best_before >= 0) {
				if (target < 0)
					target = (int)i;
				continue;
			}
			if (best_after == -1 && gap <= 6) {
				best_after = (int)i;
				if (adjacent)
					direct_after = (int)i;
			} else if (target < 0) {
				target = (int)i;
			}
		} else if (best_after != -2 && !partitive(c, a)) {
			/* nearest subject before the trigger (not قتلى من الحوثيين) */
			best_before = (int)i;
		}
	}
	if (best_after == -2)
		f->agent = best_before;
	else if (best_after >= 0 && (t->form == RASD_FORM_VERB || best_before < 0))
		f->agent = best_after;
	else
		f->agent = best_before;
	if (f->agent == best_after && best_before >= 0 && target < 0 && best_after >= 0)
		target = best_before, f->agent = best_after;
	if (f->agent >= 0 && best_after >= 0 && f->agent != best_after && target < 0)
		target = best_after;
	f->target = target == f->agent ? -1 : target;
	f->assoc = assoc;
	/* مقاتلات التحالف ومدفعية الجيش: an actor joined to the agent by و
	 * acts with it; the side hit is named further on */
	if (f->agent >= 0 && f->target >= 0 && f->assoc < 0 && t->cls != RASD_EC_CLASH &&
	    t->cls != RASD_EC_TAKEOVER &&
	    /* بين X وY names the two sides */
	    !(c->m->act[f->agent].head > 0 && TOK_IS(c, c->m->act[f->agent].head - 1, "بين"))) {
		const struct m_actor *ag = &c->m->act[f->agent], *tg = &c->m->act[f->target];
		uint32_t ag_end = ag->tok + ag->ntok;
		if (((tg->head == ag_end && conj_word(c, tg->head)) ||
		     (tg->head == ag_end + 1 && conj_word(c, ag_end))) &&
		    tg->actor != ag->actor && !(tg->flags & RASD_ACTOR_VICTIM)) {
			f->assoc = f->target;
			f->target = -1;
			for (i = (size_t)f->assoc + 1; i < c->m->nact && c->m->act[i].tok < f->ce; i++) {
				const struct m_actor *a = &c->m->act[i];
				if (a->actor != ag->actor && a->actor != tg->actor &&
				    actor_usable(c, (int)i) && target_marker_before(c, a->head, f->cb)) {
					f->target = (int)i;
					break;
				}
			}
		}
	}

	/* Clashes between X and Y: بين X و Y */
	if (t->cls == RASD_EC_CLASH && f->agent < 0) {
		for (i = FIRST(act, nact, f->cb); i < c->m->nact && c->m->act[i].tok < f->ce; i++) {
			const struct m_actor *a = &c->m->act[i];
			if (!actor_usable(c, (int)i))
				continue;
			if ((int)i == f->target || (int)i == f->assoc)
				continue; /* معارك ضد الحوثيين: the side fought against */
			if (f->agent < 0)
				f->agent = (int)i;
			else if (f->target < 0 && c->m->act[f->agent].actor != a->actor)
				f->target = (int)i;
		}
	}
	/* No agent in the clause: the sentence's subject, then the last agent
	 * named in the paragraph. */
	if (f->agent < 0) {
		for (i = FIRST(act, nact, s->tok_begin); i < c->m->nact; i++) {
			const struct m_actor *a = &c->m->act[i];
			const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
			if (a->tok >= s->tok_end)
				break;
			if (a->tok >= f->cb && a->tok < f->ce)
				continue;
			if (!actor_usable(c, (int)i) || !actor_armed(ac) || (int)i == f->target)
				continue;
			if ((target_marker_before(c, a->head, s->tok_begin) &&
			     !opens_with_verb(c, s, a)) || partitive(c, a) ||
			    assoc_marker_before(c, a->head, s->tok_begin) ||
			    owner_marker_before(c, a->head, s->tok_begin))
				continue;
			if (f->target >= 0 && c->m->act[f->target].actor == a->actor)
				continue;
			f->agent = (int)i; /* the sentence's first actor: its subject */
			break;
		}
	}
	f->agent_actor = actor_of(c, f->agent);
	f->target_actor = actor_of(c, f->target);
	f->assoc_actor = actor_of(c, f->assoc);
	if (f->agent_actor && f->target_actor && f->agent_actor == f->target_actor) {
		f->target_actor = NULL;
		f->target = -1;
	}
}

/* -------------------------------------------------------- fatalities */

static bool qualifier(const struct ctx *c, uint32_t i)
{
	static const char *const w[] = {"نحو", "حوالي", "قرابه", "اكثر", "من", "ما", "لا", "يقل",
					"عن", "الي", "زهاء", "ما", "يزيد", "اقل", "الاقل", "علي",
					"اجمالي", "ليصل", "لتصل", "ارتفع", "الي", "وصل", "بلغ",
					"الي", "يناهز", "قرابه", "حواليي", NULL};
	size_t k;
	for (k = 0; w[k]; k++)
		if (tok_is(c, i, w[k]))
			return true;
	return false;
}

static bool looks_plural(const struct rasd_token *t)
{
	size_t n = t->klen;
	const char *k = t->key;
	if (n >= 4 && (memcmp(k + n - 4, "ين", 4) == 0 || memcmp(k + n - 4, "ون", 4) == 0 ||
		       memcmp(k + n - 4, "ات", 4) == 0))
		return true;
	return token_is(t, "اطفال") || token_is(t, "نساء") || token_is(t, "اشخاص") ||
	       token_is(t, "سكان") || token_is(t, "اهالي") || token_is(t, "رجال") ||
	       token_is(t, "عناصر") || token_is(t, "جنود") || token_is(t, "ضباط") ||
	       token_is(t, "قتلي");
}

/* Does this word carry the conjunction و (وأصيب، وإصابة)? */
static bool conj_word(const struct ctx *c, uint32_t i)
{
	const struct rasd_token *t = &c->doc->tokens[i];
	return t->klen > 4 && memcmp(t->key, "\xd9\x88", 2) == 0;
}

/* Count after a death word d (end = first token after it); the agent's
 * words in between are skipped: اغتال مقاتلو داعش اثنين. */
/* مقتل ثلاثة عناصر من الأمن وثلاثة من المسلحين: further counts of dead
 * joined by و after the first one (from = the token after it). A count of
 * the injured or captured (و5 جرحى، وإصابة 10), a subset (بينهم 3 أطفال) or
 * punctuation ends the list. */
static long armed_word_count(const struct ctx *c, uint32_t k, uint32_t ce, bool conj);

static long more_dead(const struct ctx *c, uint32_t from, uint32_t ce)
{
	uint32_t k, limit = from + 8;
	long sum = 0;

	for (k = from; k < ce && k < limit; k++) {
		const struct m_number *n;
		const struct rasd_token *t = &c->doc->tokens[k];
		if (t->kind == RASD_TOK_PUNCT) {
			if (t->flags & RASD_TOKF_QUOTE)
				continue;
			break;
		}
		if (cue_at(c, k, RASD_CUE_INJURY) || cue_at(c, k, RASD_CUE_CAPTURE) ||
		    TOK_IS(c, k, "بينهم") || TOK_IS(c, k, "منهم") || TOK_IS(c, k, "بينهن") ||
		    TOK_IS(c, k, "بينها") || TOK_IS(c, k, "اغلبهم") || TOK_IS(c, k, "معظمهم"))
			break;
		n = number_at_tok(c, k);
		if (!n) {
			/* قتل جنديان ومسلح: one more named without a number */
			long one = conj_word(c, k) ? armed_word_count(c, k, ce, true) : 0;
			if (one > 0 && k == from) {
				sum += one;
				limit = k + 8;
			}
			continue;
		}
		if (n->vague || !(conj_word(c, k) || (k > from && TOK_IS(c, k - 1, "و"))))
			break;
		if (n->tok + n->ntok < ce && (cue_at(c, n->tok + n->ntok, RASD_CUE_INJURY) ||
					       cue_at(c, n->tok + n->ntok, RASD_CUE_CAPTURE)))
			break;
		sum += n->value;
		k = n->tok + n->ntok - 1;
		limit = n->tok + n->ntok + 8;
	}
	return sum;
}

static long count_after_death(const struct ctx *c, const struct frame *f, uint32_t end,
			      uint32_t ce, bool *found, bool *vague)
{
	uint32_t j = end, limit = end + 6;
	const struct m_number *n;

	*found = false;
	while (j < ce && j < limit) {
		if (f->agent >= 0 && j == c->m->act[f->agent].head) {
			const struct m_actor *ag = &c->m->act[f->agent];
			limit += ag->tok + ag->ntok - j;
			j = ag->tok + ag->ntok;
			continue;
		}
		if (c->doc->tokens[j].kind == RASD_TOK_PUNCT) {
			if (c->doc->tokens[j].flags & RASD_TOKF_QUOTE) {
				j++;
				continue;
			}
			break;
		}
		n = number_at_tok(c, j);
		if (n) {
			uint32_t after = n->tok + n->ntok;
			*vague = n->vague;
			/* 5 جرحى counts the injured; 5 وإصابة 10 names the dead
			 * and then the injured */
			if (after < ce && !conj_word(c, after) &&
			    (cue_at(c, after, RASD_CUE_INJURY) || cue_at(c, after, RASD_CUE_CAPTURE)))
				return 0;
			*found = true;
			return n->vague ? n->value : n->value + more_dead(c, after, ce);
		}
		if (cue_at(c, j, RASD_CUE_INJURY) || cue_at(c, j, RASD_CUE_CAPTURE))
			return 0;
		if (!qualifier(c, j) && j > end + 1 && !cue_at(c, j, RASD_CUE_DEATH))
			break;
		j++;
	}
	return 0;
}

/* Singular victims joined by و after a killing: رئيس المجلس وشخص آخر وامرأة */
static long count_victims(const struct ctx *c, uint32_t from, uint32_t ce, bool named_ok,
			  bool *plural)
{
	long count = 0;
	size_t i;
	uint32_t last_end = from;

	*plural = false;
	for (i = FIRST(act, nact, from); i < c->m->nact; i++) {
		const struct m_actor *a = &c->m->act[i];
		const struct rasd_token *t;
		if (a->tok < from)
			continue;
		if (a->tok >= ce || a->tok > last_end + 6)
			break;
		{
			const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
			/* people, not forces: civilians, protesters (مقتل متظاهر) */
			if (!(a->flags & RASD_ACTOR_VICTIM) && !(ac && (ac->inter == 6 || ac->inter == 7)))
				continue;
		}
		t = &c->doc->tokens[a->tok + a->ntok - 1];
		if (a->plural || looks_plural(t)) {
			*plural = true;
			if (count == 0)
				return 0;
			break;
		}
		count++;
		last_end = a->tok + a->ntok;
	}
	if (count == 0 && named_ok && from < ce) {
		/* a personal name right after the killing: قتل عايد راشد */
		const struct rasd_token *t = &c->doc->tokens[from];
		struct rasd_lex_match ms[16];
		if (t->kind == RASD_TOK_WORD && (t->flags & RASD_TOKF_ARABIC) &&
		    rasd_lex_match_at(c->lex, c->doc, from, ms, 16) == 0 &&
		    !(t->klen >= 4 && memcmp(t->key, "ال", 4) == 0) && !looks_plural(t))
			count = 1;
	}
	return count;
}

/* How many combatants one word at k names: جندي 1, شرطيان 2, مسلحين اثنين
 * 2 (a count after it); 0 for plurals and collectives (قوات، دورية). A
 * leading و (ومسلحان) is allowed when conj is set. */
static long armed_word_count(const struct ctx *c, uint32_t k, uint32_t ce, bool conj)
{
	struct rasd_token bare;
	const struct rasd_token *t = &bare;
	const struct m_number *n;

	if (k >= ce || !cue_at(c, k, RASD_CUE_ARMED_PERSON))
		return 0;
	bare = c->doc->tokens[k];
	if (conj && bare.klen > 4 && memcmp(bare.key, "و", 2) == 0)
		bare.key += 2, bare.klen -= 2;
	bare = without_article(&bare); /* قتل الجندي، قتلت العناصر */
	if (collective_force(t))
		return 0;
	n = k + 1 < ce ? number_at_tok(c, k + 1) : NULL;
	if (n && !n->vague && n->tok == k + 1)
		return n->value;
	if (t->klen > 6 && memcmp(t->key + t->klen - 4, "ان", 4) == 0)
		return 2; /* جنديان، عنصران */
	if (looks_plural(t) || (t->klen > 6 && memcmp(t->key + t->klen - 2, "و", 2) == 0) ||
	    (t->klen > 6 && memcmp(t->key + t->klen - 2, "ي", 2) == 0 && !token_is(t, "جندي") &&
	     !token_is(t, "عسكري") && !token_is(t, "شرطي") && !token_is(t, "قيادي")))
		return 0;
	return 1;
}

/* قتل جندي، قتلت قوات الجيش مسلحا، مقتل قيادي، قتل شرطيان ومسلحان: the
 * combatants named right after a killing (after its agent when the agent
 * follows the verb), joined by و, are its dead. */
static long armed_victim_count(const struct ctx *c, const struct frame *f, uint32_t from)
{
	uint32_t k = from, lim;
	long sum;

	if (f->agent >= 0 && c->m->act[f->agent].tok == k)
		k = c->m->act[f->agent].tok + c->m->act[f->agent].ntok;
	if (f->agent >= 0 && c->m->act[f->agent].head == k)
		return 0; /* قتل مسلح مدنيا: the gunman is the killer */
	sum = armed_word_count(c, k, f->ce, false);
	if (sum <= 0)
		return 0;
	/* the next و-joined word within a few (adjectives, «من الأمن» between) */
	for (lim = k + 5, k++; k < f->ce && k < lim; k++) {
		long more;
		if (c->doc->tokens[k].kind == RASD_TOK_PUNCT)
			break;
		if (!conj_word(c, k))
			continue;
		more = armed_word_count(c, k, f->ce, true);
		if (more <= 0)
			break;
		sum += more;
		lim = k + 5;
	}
	return sum;
}

/* قتلوا، قتلا: a verb agreeing with a plural or dual subject */
static bool plural_verb(const struct rasd_token *t)
{
	return t->klen > 6 && (memcmp(t->key + t->klen - 4, "وا", 4) == 0 ||
			       memcmp(t->key + t->klen - 2, "ا", 2) == 0);
}

/* أربعة أشخاص من عائلة واحدة قتلوا: the count that opens the clause's
 * subject, a number followed by a plural noun */
static const struct m_number *subject_count(const struct ctx *c, const struct frame *f, uint32_t verb)
{
	size_t q = FIRST(num, nnum, f->cb);
	for (; q < c->m->nnum && c->m->num[q].tok < verb; q++) {
		const struct m_number *n = &c->m->num[q];
		uint32_t after = n->tok + n->ntok;
		if (n->value < 2 || after >= verb || c->doc->tokens[after].kind != RASD_TOK_WORD)
			continue;
		if (looks_plural(&c->doc->tokens[after]) || number_at_tok(c, after))
			return n;
	}
	return NULL;
}

static void count_fatalities(struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	size_t i;
	long best = -1;
	/* the clause's cues and triggers: [1 + cue_lo, 1 + cue_hi) and
	 * [1 + ncue + trig_lo, 1 + ncue + trig_hi) of the index space below */
	size_t cue_lo = FIRST(cue, ncue, f->cb), cue_hi = FIRST(cue, ncue, f->ce);
	size_t trig_lo = FIRST(trig, ntrig, f->cb), trig_hi = FIRST(trig, ntrig, f->ce);

	/* Death words in the clause, the trigger itself first for killings. */
	for (i = 0; i < c->m->ncue + 1 + c->m->ntrig && best < 0; i++) {
		uint32_t d, dend;
		bool found;
		long v;
		const struct m_number *before;

		if (i >= 1 && i < 1 + cue_lo)
			i = 1 + cue_lo;
		if (i >= 1 + cue_hi && i < 1 + c->m->ncue + trig_lo)
			i = 1 + c->m->ncue + trig_lo;
		if (i >= 1 + c->m->ncue + trig_hi)
			break;
		if (i == 0) {
			if (t->cls != RASD_EC_KILL)
				continue;

			d = t->tok;
			dend = t->tok + t->ntok;
		} else if (i - 1 < c->m->ncue) {
			const struct m_cue *q = &c->m->cue[i - 1];
			if (q->role != RASD_CUE_DEATH || q->tok < f->cb || q->tok >= f->ce)
				continue;
			d = q->tok;
			dend = q->tok + q->ntok;
		} else {
			/* a killing verb in the clause counts too: قتل 39 مدنيا في انفجار */
			size_t k2 = i - 1 - c->m->ncue;
			const struct m_trigger *kt = &c->m->trig[k2];
			if (kt->cls != RASD_EC_KILL || kt == t || kt->tok < f->cb || kt->tok >= f->ce)
				continue;
			d = kt->tok;
			dend = kt->tok + kt->ntok;
		}
		/* محاولة قتل ضابط: an attempt kills nobody */
		if (d > 0 && (TOK_IS(c, d - 1, "محاوله") || TOK_IS(c, d - 1, "بمحاوله") ||
			      TOK_IS(c, d - 1, "لمحاوله") || TOK_IS(c, d - 1, "محاولات")))
			continue;
		/* dual death nouns carry their count: قتيلين */
		{
			const struct m_number *self = number_at_tok(c, d);
			if (self && !self->vague && self->value == 2 && self->ntok == 1 &&
			    c->doc->tokens[d].kind == RASD_TOK_WORD) {
				best = 2;
				break;
			}
		}
		/* N before: 39 قتيلا، عشرات القتلى */
		before = number_ending_at(c, d);
		if (!before && d > 0)
			before = number_ending_at(c, d - 1);
		/* عائلة واحدة قتلوا: "one" after a noun describes it, it counts no one */
		if (before && before->value == 1 && before->ntok == 1 && before->tok > f->cb &&
		    c->doc->tokens[before->tok].kind == RASD_TOK_WORD &&
		    c->doc->tokens[before->tok - 1].kind == RASD_TOK_WORD)
			before = NULL;
		if (!before && i == 0 && t->form == RASD_FORM_VERB && plural_verb(&c->doc->tokens[d]))
			before = subject_count(c, f, d);
		if (before && before->tok >= f->cb && c->doc->tokens[d].kind == RASD_TOK_WORD &&
		    !(d > 0 && before->tok + before->ntok == d - 1 &&
		      cue_at(c, d - 1, RASD_CUE_INJURY))) {
			best = before->value;
			f->fatalities_vague = before->vague;
			break;
		}
		{
			bool vague = false;
			v = count_after_death(c, f, dend, f->ce, &found, &vague);
			if (found) {
				best = v;
				f->fatalities_vague = vague;
				break;
			}
		}
		{
			bool plural;
			long n = count_victims(c, dend, f->ce, i == 0, &plural);
			if (n == 0 && !plural)
				n = armed_victim_count(c, f, dend);
			if (n > 0) {
				best = n;
				break;
			}
			if (plural) {
				best = VAGUE_PLURAL_FATALITIES;
				f->fatalities_vague = true;
			}
		}
	}
	f->fatalities = best > 0 ? best : 0;
	if (f->fatalities > 0)
		f->violent = true;
}

/* ------------------------------------------------------------- places */

static bool key_has_prefix(const struct rasd_token *t, const char *pre)
{
	size_t n = strlen(pre);
	return t->klen >= n && memcmp(t->key, pre, n) == 0;
}

/* Where something came from, not where it struck: أطلقت من الغوطة على
 * جرمانا، قادمين من سوريا، من جهة الجولان، من اتجاه مأرب. ACLED places
 * remote violence where it lands. */
static bool origin_place(const struct ctx *c, const struct m_place *p)
{
	static const char *const launch[] = {"اطلق", "واطلق", "انطلق", "اطلاق", "يطلق",
					     "تطلق", "قادم", "القادم", "منطلق", "متسلل", NULL};
	uint32_t k = p->tok, j;
	size_t q;
	if (k >= 2 && TOK_IS(c, k - 2, "من") &&
	    (TOK_IS(c, k - 1, "جهه") || TOK_IS(c, k - 1, "اتجاه") || TOK_IS(c, k - 1, "ناحيه")))
		return true;
	if (k < 2 || !TOK_IS(c, k - 1, "من"))
		return false;
	for (j = k - 1; j-- > 0 && j + 5 >= k;) {
		if (c->doc->tokens[j].kind == RASD_TOK_PUNCT)
			break;
		for (q = 0; launch[q]; q++)
			if (key_has_prefix(&c->doc->tokens[j], launch[q]))
				return true;
	}
	return false;
}

static int choose_place(struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	const struct m_trigger *t = f->trig;
	int best = -1, best_score = -1000, origin = -1, origin_score = -1000;
	size_t i;

	for (i = FIRST(place, nplace, s->tok_begin); i < c->m->nplace; i++) {
		const struct m_place *p = &c->m->place[i];
		int score, dist;
		const struct m_place *r = p;
		if (p->tok < s->tok_begin)
			continue;
		if (p->tok >= s->tok_end)
			break;
		if (p->anaphor) {
			if (p->ref < 0)
				continue;
			r = &c->m->place[p->ref];
		}
		if (!r->place && !r->unknown)
			continue;
		dist = (int)p->tok - (int)(t->tok + t->ntok);
		if (p->tok < t->tok)
			dist = (int)(t->tok - p->tok) + 3; /* prefer places after the trigger */
		score = 40 - dist;
		if (p->tok >= f->cb && p->tok < f->ce)
			score += 30;
		score += r->specificity * 4;
		if (p->reference)
			score -= 25; /* it only says where the place before it lies */
		if (p->tok > 0 && (TOK_IS(c, p->tok - 1, "قرب") ||
				   (p->tok > 1 && TOK_IS(c, p->tok - 1, "من") &&
				    TOK_IS(c, p->tok - 2, "بالقرب"))))
			score -= 20; /* قرب دمشق: a landmark, when the sentence has more */
		if (origin_place(c, p)) {
			/* where it came from: only when neither the sentence nor the
			 * paragraph says where it struck */
			if (score > origin_score) {
				origin_score = score;
				origin = (int)i;
			}
			continue;
		}
		if (score > best_score) {
			best_score = score;
			best = (int)i;
		}
	}
	if (best >= 0)
		return best;
	/* the paragraph: the last place named before the sentence */
	for (i = END_BEFORE(place, nplace, s->tok_begin); i-- > 0;) {
		const struct m_place *p = &c->m->place[i];
		if (p->tok >= s->tok_begin)
			continue;
		if (c->doc->tokens[p->tok].para != s->para)
			break;
		if (p->place || p->unknown || (p->anaphor && p->ref >= 0))
			return (int)i;
	}
	return origin;
}

/* -------------------------------------------------------------- dates */

static const struct rasd_date_expr *choose_date(struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	const struct rasd_date_expr *best = NULL;
	int best_d = 1 << 30;
	size_t i;

	for (i = FIRST(date, ndate, s->tok_begin); i < c->m->ndate; i++) {
		const struct rasd_date_expr *d = &c->m->date[i];
		int dist;
		if (d->tok < s->tok_begin)
			continue;
		if (d->tok >= s->tok_end)
			break;
		if (d->precision > 3)
			continue;
		if (d->tok < f->trig->tok) {
			/* أعلن المرصد الثلاثاء أن حصيلة الغارات...: that day dates the
			 * report, not what it reports */
			uint32_t k;
			bool reported = false;
			for (k = d->tok + d->ntok; k < f->trig->tok; k++)
				if (TOK_IS(c, k, "ان") || TOK_IS(c, k, "بان") || TOK_IS(c, k, "وان"))
					reported = true;
			if (reported)
				continue;
		}
		dist = d->tok > f->trig->tok ? (int)(d->tok - f->trig->tok)
					     : (int)(f->trig->tok - d->tok);
		if (d->tok >= f->cb && d->tok < f->ce)
			dist -= 100;
		/* أعلن الحرس الثوري، الأحد، ... السبت: the day beside a reporting
		 * verb dates the report; another day in the sentence is the event's */
		if (d->tok < f->trig->tok &&
		    cue_in(c, d->tok > s->tok_begin + 6 ? d->tok - 6 : s->tok_begin, d->tok,
			   RASD_CUE_REPORT, NULL))
			dist += 60;
		if (dist < best_d) {
			best_d = dist;
			best = d;
		}
	}
	return best;
}

/* ------------------------------------------------------- typing */

static void set_type(const struct frame *f, const char **type, const char **sub)
{
	const struct rasd_actor *a1 = f->agent_actor, *a2 = f->target_actor;
	bool civ_target = (a2 && a2->inter == 7) || (f->civilian_victims && !f->armed_victims);

	if (f->foiled && f->violent) {
		*type = T_BATTLES;
		*sub = "Armed clash";
		return;
	}
	if (f->intercepted) {
		*type = T_SD;
		*sub = "Disrupted weapons use";
		return;
	}
	switch (f->trig->cls) {
	case RASD_EC_AIRSTRIKE: *type = T_ERV; *sub = "Air/drone strike"; return;
	case RASD_EC_SHELLING:
		*type = T_ERV;
		*sub = f->means_air ? "Air/drone strike" : "Shelling/artillery/missile attack";
		return;
	case RASD_EC_IED: *type = T_ERV; *sub = "Remote explosive/landmine/IED"; return;
	case RASD_EC_SUICIDE: *type = T_ERV; *sub = "Suicide bomb"; return;
	case RASD_EC_GRENADE: *type = T_ERV; *sub = "Grenade"; return;
	case RASD_EC_CHEMICAL: *type = T_ERV; *sub = "Chemical weapon"; return;
	case RASD_EC_ABDUCT: *type = T_VAC; *sub = "Abduction/forced disappearance"; return;
	case RASD_EC_ARREST: *type = T_SD; *sub = "Arrests"; return;
	case RASD_EC_INTERCEPT:
	case RASD_EC_DEFUSE: *type = T_SD; *sub = "Disrupted weapons use"; return;
	case RASD_EC_RELEASE:
	case RASD_EC_CURFEW: *type = T_SD; *sub = "Other"; return;
	case RASD_EC_AGREEMENT: *type = T_SD; *sub = "Agreement"; return;
	case RASD_EC_BASE: *type = T_SD; *sub = "Headquarters or base established"; return;
	case RASD_EC_LOOTING: *type = T_SD; *sub = "Looting/property destruction"; return;
	case RASD_EC_ARSON:
		if (a1 && (a1->inter == 5 || a1->inter == 6)) {
			*type = T_RIOTS;
			*sub = "Violent demonstration";
		} else if (f->fatalities > 0 && civ_target) {
			*type = T_VAC;
			*sub = "Attack";
		} else {
			*type = T_SD;
			*sub = "Looting/property destruction";
		}
		return;
	case RASD_EC_PROTEST:
		*type = T_PROTESTS;
		if (f->fatalities > 0)
			*sub = "Excessive force against protesters";
		else if (f->intervention || (a2 && a2->inter == 1))
			*sub = "Protest with intervention";
		else
			*sub = "Peaceful protest";
		return;
	case RASD_EC_RIOT: *type = T_RIOTS; *sub = "Violent demonstration"; return;
	case RASD_EC_TAKEOVER:
		*type = T_BATTLES;
		if (a1 && a1->inter == 1)
			*sub = "Government regains territory";
		else if (a1)
			*sub = "Non-state actor overtakes territory";
		else
			*sub = "Armed clash";
		return;
	case RASD_EC_CLASH: *type = T_BATTLES; *sub = "Armed clash"; return;
	case RASD_EC_ATTACK:
	case RASD_EC_KILL:
	default:
		if (a2 && a2->inter == 6 && (!a1 || a1->inter == 1) && !f->means_air &&
		    !f->means_artillery && !f->means_ied) {
			/* مقتل متظاهر برصاص قوات الأمن: force against protesters */
			*type = "Protests";
			*sub = "Excessive force against protesters";
			return;
		}
		if (f->trig->cls == RASD_EC_ATTACK && a1 && (a1->inter == 5 || a1->inter == 6) &&
		    !f->means_air && !f->means_artillery && !f->means_ied) {
			/* اعتداء محتجين على القنصلية: protesters who attack riot */
			*type = T_RIOTS;
			*sub = "Violent demonstration";
			return;
		}
		if (f->means_air) {
			*type = T_ERV;
			*sub = "Air/drone strike";
		} else if (f->means_artillery) {
			*type = T_ERV;
			*sub = "Shelling/artillery/missile attack";
		} else if (f->means_ied) {
			*type = T_ERV;
			*sub = "Remote explosive/landmine/IED";
		} else if (civ_target || f->execution ||
			   (!actor_armed(a2) && f->trig->cls == RASD_EC_KILL && !f->armed_victims)) {
			*type = T_VAC;
			*sub = "Attack";
		} else {
			*type = T_BATTLES;
			*sub = "Armed clash";
		}
		return;
	}
}

/* ------------------------------------------------------ filtering */

static bool is_question(const struct ctx *c, const struct rasd_sentence *s)
{
	uint32_t k;
	/* "للمزيد: ..." is a link to another story, not this one */
	if (TOK_IS(c, s->tok_begin, "للمزيد") || TOK_IS(c, s->tok_begin, "اقرا") ||
	    TOK_IS(c, s->tok_begin, "شاهد") || TOK_IS(c, s->tok_begin, "اقرا"))
		return true;
	for (k = s->tok_begin; k < s->tok_end; k++)
		if (TOK_IS(c, k, "؟") || TOK_IS(c, k, "?"))
			return true;
	return false;
}

/* Future or modal verb just before the trigger: سيشن، قد يشن، يعتزم شن */
static bool modal_before(const struct ctx *c, const struct frame *f)
{
	uint32_t t = f->trig->tok, from = t > f->cb + 4 ? t - 4 : f->cb;
	uint32_t k;
	const struct rasd_token *tt = &c->doc->tokens[t];

	if (cue_in(c, from, t, RASD_CUE_HEDGE, NULL) || cue_in(c, from, t, RASD_CUE_NEGATION, NULL))
		return true;
	if (cue_in(c, f->cb, f->ce, RASD_CUE_HEDGE, NULL) && f->trig->form != RASD_FORM_VERB)
		return true;
	/* س + present tense */
	if (tt->klen >= 6 && memcmp(tt->key, "س", 2) == 0 &&
	    (memcmp(tt->key + 2, "ي", 2) == 0 || memcmp(tt->key + 2, "ت", 2) == 0 ||
	     memcmp(tt->key + 2, "ن", 2) == 0))
		return true;
	for (k = from; k < t; k++) {
		const struct rasd_token *w0 = &c->doc->tokens[k];
		struct rasd_token stripped = *w0;
		const struct rasd_token *w = &stripped;
		/* وستمثل، فسيشن: a conjunction before the future prefix */
		if (stripped.klen >= 8 && (memcmp(stripped.key, "و", 2) == 0 ||
					   memcmp(stripped.key, "ف", 2) == 0) &&
		    memcmp(stripped.key + 2, "س", 2) == 0) {
			stripped.key += 2;
			stripped.klen -= 2;
		}
		if (w->klen >= 6 && memcmp(w->key, "س", 2) == 0 &&
		    (memcmp(w->key + 2, "ي", 2) == 0 || memcmp(w->key + 2, "ت", 2) == 0) &&
		    !TOK_IS(c, k, "سياره") && !TOK_IS(c, k, "سيطره") && !TOK_IS(c, k, "سيارات"))
			return true;
		/* habitual/method: من خلال، عبر + masdar */
		if (k + 2 >= t && (TOK_IS(c, k, "خلال") && k > 0 && TOK_IS(c, k - 1, "من")))
			return true;
		if (k + 1 == t && (TOK_IS(c, k, "عبر") || TOK_IS(c, k, "لتنفيذ") ||
				   TOK_IS(c, k, "بتنفيذ") || TOK_IS(c, k, "لشن") ||
				   TOK_IS(c, k, "بشن") || TOK_IS(c, k, "لمنع") ||
				   TOK_IS(c, k, "منع")))
			return true;
	}
	return false;
}

/* Statements, calls and condemnations are not events; nor is what they ask
 * to stop (دعت إلى وقف استهداف المدنيين), nor "this attack" told again. */
static bool statement_or_reference(const struct ctx *c, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k;

	/* معركة مع الإرهاب، الحرب على الفساد: a fight against an idea */
	for (k = t->tok + t->ntok; k < s->tok_end && k < t->tok + t->ntok + 10; k++) {
		uint32_t p = k;
		if (!(TOK_IS(c, k, "الارهاب") || TOK_IS(c, k, "الفساد") || TOK_IS(c, k, "التطرف") ||
		      TOK_IS(c, k, "والارهاب")))
			continue;
		if (k < t->tok + t->ntok + 3 && k < f->ce)
			return true;
		/* معركة بلدها "مستمرة ومفتوحة" مع "الإرهاب": further on, behind
		 * a preposition */
		if (p > 0 && c->doc->tokens[p - 1].kind == RASD_TOK_PUNCT)
			p--;
		if (p > 0 && (TOK_IS(c, p - 1, "مع") || TOK_IS(c, p - 1, "ضد") ||
			      TOK_IS(c, p - 1, "علي")))
			return true;
	}
	/* استهداف المدنيين يجب أن يتوقف: what must stop is not an event */
	if (t->form != RASD_FORM_VERB)
		for (k = t->tok + t->ntok; k < f->ce && k < t->tok + t->ntok + 12; k++)
			if (TOK_IS(c, k, "يجب") || TOK_IS(c, k, "ينبغي") || TOK_IS(c, k, "يتوقف") ||
			    TOK_IS(c, k, "تتوقف") || TOK_IS(c, k, "مرفوض") || TOK_IS(c, k, "مدان"))
				return true;

	if (t->form != RASD_FORM_VERB && cue_in(c, s->tok_begin, t->tok, RASD_CUE_STATEMENT, NULL))
		return true;
	/* تنفيذ هجماتها، غاراتهم: their attacks in general, not one, unless
	 * the clause dates them (استهدفت غاراتها الأربعاء) */
	if (t->form == RASD_FORM_PLURAL && (t->clitics & RASD_CLITIC_PRONOUN) && t->ntok == 1 &&
	    !(f->date && f->date->tok >= f->cb && f->date->tok < f->ce))
		return true;
	/* الهجوم الكيميائي المزعوم: the alleged attack everyone knows of */
	if (t->definite && t->form != RASD_FORM_VERB)
		for (k = t->tok + t->ntok; k < f->ce && k < t->tok + t->ntok + 3; k++)
			if (TOK_IS(c, k, "المزعوم") || TOK_IS(c, k, "المزعومه") ||
			    TOK_IS(c, k, "المفترض") || TOK_IS(c, k, "المفترضه"))
				return true;
	for (k = t->tok > f->cb + 2 ? t->tok - 2 : f->cb; k < t->tok; k++) {
		static const char *const w[] = {"وقف", "لوقف", "بوقف", "منع", "لمنع", "انهاء",
						"لانهاء", "ضروره", "هذا", "هذه", "ذلك", "تلك",
						"وقفا", "ايقاف", "لايقاف", "تجنب", "لتجنب",
						"مكافحه", "لمكافحه", "ادانه", "تداعيات", "الكف",
						"بالكف", "يكف", "استمرار", "باستمرار", "يقضي",
						"تقضي", "دوي", "اصوات", "تنديدا", "احتجاجا",
						"رفضا", "استنكارا", "تضامنا",
						/* تهديدهم بالقتل، عقوبة القتل: a threat or a
						 * sentence, not a killing */
						"تهديد", "تهديدهم", "تهديده", "بتهديد", "التهديد",
						"عقوبه", "بعقوبه", "عقوبات",
						/* بتهمة قتل، تهمة الشروع في قتل: a charge */
						"تهمه", "بتهمه", "بتهم", "تهمتي", "الشروع",
						/* بالإعداد لاستخدام مواد سامة: preparing it */
						"بالاعداد", "الاعداد", "للاعداد", "بالتحضير",
						"التحضير", "للتحضير", "يخطط", "تخطط",
						/* كرد على الهجوم، بشأن الهجوم، موقع الهجوم:
						 * talk about an attack told elsewhere */
						"كرد", "ردا", "بشان", "يتعلق", "خلفيه", "موقع",
						/* يشتبه بتورطهم في تفجير: suspects of one */
						"بتورطهم", "بتورطه", "بتورط", "بالتورط", "تورطهم",
						/* بعد أيام من هجوم: one told days before */
						"ايام", "اسابيع", "اشهر", NULL};
		size_t j;
		for (j = 0; w[j]; j++)
			if (tok_is(c, k, w[j]))
				return true;
	}
	return false;
}

/* معارك تدور منذ فجر الأحد: fighting that has gone on since a day or two
 * ago is that day's event (with its toll), not a period's statistic. */
static bool ongoing_since(const struct ctx *c, const struct rasd_date_expr *d)
{
	return d->precision == 1 && c->published != INT32_MIN && d->date <= c->published &&
	       d->date >= c->published - 3;
}

static bool is_statistic(const struct ctx *c, const struct frame *f)
{
	size_t i;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k;

	/* قتل في الحرب اليمنية 10 آلاف شخص: a war's toll, not an event */
	for (k = f->cb; k < f->ce; k++) {
		if (TOK_IS(c, k, "الحرب") || TOK_IS(c, k, "النزاع") || TOK_IS(c, k, "الصراع") ||
		    TOK_IS(c, k, "الازمه") || TOK_IS(c, k, "الحروب")) {
			if (!(f->date && f->date->precision == 1 && f->date->tok >= f->cb &&
			      f->date->tok < f->ce))
				return true;
		}
	}

	for (i = FIRST(date, ndate, s->tok_begin); i < c->m->ndate && c->m->date[i].tok < s->tok_end;
	     i++) {
		const struct rasd_date_expr *d = &c->m->date[i];
		if (d->tok >= s->tok_begin && d->since &&
		    d->tok >= f->cb && d->tok < f->ce + 8 && !ongoing_since(c, d))
			return true;
	}
	/* منذ إشعالها للحرب، منذ سيطرتها على المدينة: a period from an event,
	 * not a day (منذ with a date is judged above) */
	for (k = f->cb; k < s->tok_end && k < f->ce + 8; k++) {
		size_t q;
		bool dated = false;
		if (!TOK_IS(c, k, "منذ") && !TOK_IS(c, k, "ومنذ"))
			continue;
		for (q = FIRST(date, ndate, k); q < c->m->ndate && c->m->date[q].tok <= k + 2; q++)
			dated = true;
		if (!dated)
			return true;
	}
	if (cue_in(c, f->cb, f->ce, RASD_CUE_STATISTIC, NULL)) {
		/* a daily toll with its own day is still an event (the day of the
		 * report, in another clause, does not count) */
		if (f->date && f->date->precision == 1 && f->date->tok >= f->cb &&
		    f->date->tok < f->ce)
			return false;
		(void)s;
		return true;
	}
	return false;
}

/* ------------------------------------------------------- the frame */

/* A claim cue belongs to one trigger: attributions that follow what they
 * source (بحسب ما أعلن التنظيم) to the nearest trigger before them, claims
 * that govern a clause (تبنى التنظيم عملية قتل) to the nearest after. */
static bool claim_applies(const struct ctx *c, const struct frame *f, const struct rasd_sentence *s)
{
	size_t i, k;
	for (i = FIRST(cue, ncue, s->tok_begin); i < c->m->ncue; i++) {
		const struct m_cue *q = &c->m->cue[i];
		const struct m_trigger *best = NULL;
		bool backward;
		if (q->tok >= s->tok_end)
			break;
		if (q->tok < s->tok_begin || q->role != RASD_CUE_CLAIM)
			continue;
		backward = TOK_IS(c, q->tok, "بحسب") || TOK_IS(c, q->tok, "حسب") ||
			   TOK_IS(c, q->tok, "وفق") || TOK_IS(c, q->tok, "وفقا") ||
			   TOK_IS(c, q->tok, "حسبما");
		for (k = FIRST(trig, ntrig, s->tok_begin); k < c->m->ntrig; k++) {
			const struct m_trigger *t = &c->m->trig[k];
			if (t->tok >= s->tok_end)
				break;
			if (t->tok < s->tok_begin)
				continue;
			if (backward && t->tok < q->tok)
				best = t; /* the last one before */
			else if (!backward && t->tok > q->tok) {
				best = t;
				break;
			}
		}
		if (!best) {
			/* a claim with nothing on its side: the nearest other way */
			for (k = FIRST(trig, ntrig, s->tok_begin); k < c->m->ntrig; k++) {
				const struct m_trigger *t = &c->m->trig[k];
				if (t->tok >= s->tok_end)
					break;
				if (t->tok < s->tok_begin)
					continue;
				if (!best || (t->tok > q->tok ? t->tok - q->tok : q->tok - t->tok) <
						     (best->tok > q->tok ? best->tok - q->tok : q->tok - best->tok))
					best = t;
			}
		}
		if (best == f->trig)
			return true;
	}
	return false;
}

/* Generic mentions: quantities and kinds of attacks rather than one attack
 * (سلسلة من الهجمات، عمليات القتل، هجمات متعددة). */
static bool generic_mention(const struct ctx *c, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	uint32_t from = t->tok > f->cb + 4 ? t->tok - 4 : f->cb, after = t->tok + t->ntok;
	if (cue_in(c, from, t->tok, RASD_CUE_GENERIC, NULL))
		return true;
	if (after < f->ce && cue_at(c, after, RASD_CUE_GENERIC))
		return true;
	/* سلسلة من الهجمات، العديد من الغارات، عدة هجمات، هجمات متعددة */
	if (t->tok >= 2 + f->cb && TOK_IS(c, t->tok - 1, "من") &&
	    (TOK_IS(c, t->tok - 2, "سلسله") || TOK_IS(c, t->tok - 2, "العديد") ||
	     TOK_IS(c, t->tok - 2, "عدد") || TOK_IS(c, t->tok - 2, "مجموعه") ||
	     TOK_IS(c, t->tok - 2, "موجه") || TOK_IS(c, t->tok - 2, "عشرات") ||
	     TOK_IS(c, t->tok - 2, "مئات")))
		return true;
	if (t->tok > f->cb && (TOK_IS(c, t->tok - 1, "عده") || TOK_IS(c, t->tok - 1, "جمله")))
		return true;
	if (after < f->ce && (TOK_IS(c, after, "متعدده") || TOK_IS(c, after, "مماثله") ||
			      TOK_IS(c, after, "متفرقه") || TOK_IS(c, after, "متكرره") ||
			      TOK_IS(c, after, "متتاليه") || TOK_IS(c, after, "عديده") ||
			      TOK_IS(c, after, "مختلفه")))
		return true;
	{
		/* عمليات القتل والحرق: the kind word may govern a list of triggers */
		uint32_t k = t->tok;
		size_t j;
		while (k > f->cb) {
			bool prev_trigger = false;
			if (TOK_IS(c, k - 1, "عمليات") || TOK_IS(c, k - 1, "حالات") ||
			    TOK_IS(c, k - 1, "اعمال") || TOK_IS(c, k - 1, "موجه") ||
			    TOK_IS(c, k - 1, "سلسله"))
				return true;
			/* a trigger is far shorter than 32 words */
			for (j = FIRST(trig, ntrig, k > 32 ? k - 32 : 0);
			     j < c->m->ntrig && c->m->trig[j].tok < k; j++)
				if (c->m->trig[j].tok + c->m->trig[j].ntok == k)
					prev_trigger = true;
			if (!prev_trigger)
				break;
			k--;
		}
	}
	return false;
}

/* في/خلال/أثناء + a front or the fighting, right after a killing */
static bool died_in_fighting(const struct ctx *c, uint32_t from, uint32_t ce)
{
	static const char *const w[] = {"جبهه", "جبهات", "الجبهه", "الجبهات", "معارك", "المعارك",
					"مواجهات", "المواجهات", "اشتباكات", "الاشتباكات", NULL};
	uint32_t j;
	size_t k;
	for (j = from; j + 1 < ce && j < from + 3; j++) {
		if (!TOK_IS(c, j, "في") && !TOK_IS(c, j, "خلال") && !TOK_IS(c, j, "اثناء") &&
		    !TOK_IS(c, j, "علي"))
			continue;
		for (k = 0; w[k]; k++)
			if (tok_is(c, j + 1, w[k]))
				return true;
	}
	return false;
}

/* Words before a bombardment that make it the means of a killing in the
 * same sentence: في قصف، جراء الغارات، وسط القصف، مع استمرار القصف. */
static bool means_context(const struct ctx *c, uint32_t tok)
{
	static const char *const w[] = {"في", "جراء", "اثر", "بسبب", "نتيجه", "بفعل", "وسط",
					"تحت", "ظل", NULL};
	size_t i;
	if (tok == 0)
		return false;
	for (i = 0; w[i]; i++)
		if (tok_is(c, tok - 1, w[i]))
			return true;
	/* مع استمرار القصف، وسط تواصل الغارات */
	return tok >= 2 && (TOK_IS(c, tok - 1, "استمرار") || TOK_IS(c, tok - 1, "تواصل")) &&
	       (TOK_IS(c, tok - 2, "مع") || TOK_IS(c, tok - 2, "وسط") || TOK_IS(c, tok - 2, "ظل"));
}

static bool body_word(const struct ctx *c, uint32_t k);

/* An armed-person word within 4 words from `from` in the clause that is
 * not the agent's own head (قتلت عناصر داعش مدنيين: the killers) */
static bool armed_person_near(const struct ctx *c, const struct frame *f, uint32_t from,
			      uint32_t *at)
{
	return cue_in(c, from, f->ce, RASD_CUE_ARMED_PERSON, at) && *at < from + 4 &&
	       !(f->agent >= 0 && c->m->act[f->agent].head == *at);
}

static void build_frame(struct ctx *c, struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t at;
	bool hit;
	size_t i;

	clause_bounds(c, s, t->tok, &f->cb, &f->ce);
	f->agent = f->target = f->assoc = -1;
	assign_actors(c, f);

	/* means words in the clause decide remote violence */
	f->means_air = cue_in(c, f->cb, f->ce, RASD_CUE_MEANS_AIR, NULL);
	f->means_artillery = cue_in(c, f->cb, f->ce, RASD_CUE_MEANS_ARTILLERY, NULL);
	f->means_ied = cue_in(c, f->cb, f->ce, RASD_CUE_MEANS_IED, NULL);
	if (t->cls == RASD_EC_ATTACK && !f->means_air && !f->means_artillery && !f->means_ied) {
		/* استهداف المطار …، بطائرتين من دون طيار: the instrument (بـ) told
		 * later in the sentence */
		uint32_t at2;
		if (cue_in(c, f->ce, s->tok_end, RASD_CUE_MEANS_AIR, &at2) &&
		    c->doc->tokens[at2].klen > 2 && memcmp(c->doc->tokens[at2].key, "ب", 2) == 0)
			f->means_air = true;
		else if (cue_in(c, f->ce, s->tok_end, RASD_CUE_MEANS_ARTILLERY, &at2) &&
			 c->doc->tokens[at2].klen > 2 && memcmp(c->doc->tokens[at2].key, "ب", 2) == 0)
			f->means_artillery = true;
	}
	if ((t->cls == RASD_EC_KILL || t->cls == RASD_EC_ATTACK) && !f->means_air &&
	    !f->means_artillery && !f->means_ied) {
		/* قتل عشرون شخصا ... في غارة جوية: killed in a strike told later in
		 * the sentence */
		for (i = FIRST(trig, ntrig, s->tok_begin);
		     i < c->m->ntrig && c->m->trig[i].tok < s->tok_end; i++) {
			const struct m_trigger *o = &c->m->trig[i];
			const struct rasd_token *ot;
			bool caused;
			if (o->tok < s->tok_begin || o == t)
				continue;
			ot = &c->doc->tokens[o->tok];
			caused = (o->clitics & RASD_CLITIC_PREP) || means_context(c, o->tok);
			(void)ot;
			if (!caused)
				continue;
			if (o->cls == RASD_EC_AIRSTRIKE)
				f->means_air = true;
			else if (o->cls == RASD_EC_SHELLING)
				f->means_artillery = true;
			else if (o->cls == RASD_EC_IED || o->cls == RASD_EC_SUICIDE)
				f->means_ied = true;
			else
				continue;
			break;
		}
	}

	for (i = FIRST(act, nact, f->cb); i < c->m->nact && c->m->act[i].tok < f->ce; i++) {
		const struct m_actor *a = &c->m->act[i];
		if (a->tok < f->cb)
			continue;
		if (a->flags & RASD_ACTOR_VICTIM)
			f->civilian_victims = true;
	}
	if (f->target_actor && actor_armed(f->target_actor))
		f->armed_victims = true;
	/* قتل عنصرين، قتلت قوات الجيش اليمني مسلحا: combatants killed right
	 * after the verb, or right after its agent when the agent follows it */
	hit = false;
	if (t->cls == RASD_EC_KILL) {
		const struct m_actor *ag = f->agent >= 0 ? &c->m->act[f->agent] : NULL;
		uint32_t end = t->tok + t->ntok;
		hit = armed_person_near(c, f, end, &at);
		if (!hit && ag && ag->tok >= end && ag->tok < end + 2)
			hit = armed_person_near(c, f, ag->tok + ag->ntok, &at);
	}
	if (hit) {
		struct rasd_lex_match ms[16];
		size_t nm = rasd_lex_match_at(c->lex, c->doc, at, ms, 16), q;
		bool theirs = false;
		for (q = 0; q < nm; q++)
			if (ms[q].kind == RASD_LEX_CUE && ms[q].u.cue == RASD_CUE_ARMED_PERSON &&
			    (ms[q].clitics & RASD_CLITIC_PRONOUN))
				theirs = true;
		f->armed_victims = true;
		/* أعلنت ميليشيات الحوثي مقتل أحد قادتها: "its" commanders are the
		 * announcer's own dead, so the side named before is the one hit */
		if (theirs && f->agent >= 0 && c->m->act[f->agent].tok < t->tok && f->target < 0) {
			f->target = f->agent;
			f->target_actor = f->agent_actor;
			f->agent = -1;
			f->agent_actor = NULL;
		}
	}
	/* قتل في جبهة الساحل، قتلوا خلال المواجهات: a death in the fighting is
	 * a battle's */
	if (t->cls == RASD_EC_KILL && died_in_fighting(c, t->tok + t->ntok, f->ce))
		f->armed_victims = true;
	/* أربعة عناصر أمن سعوديين قتلوا: combatants named before a killing verb
	 * are its victims */
	if (t->cls == RASD_EC_KILL && t->form == RASD_FORM_VERB && t->tok > f->cb &&
	    cue_in(c, t->tok > f->cb + 5 ? t->tok - 5 : f->cb, t->tok, RASD_CUE_ARMED_PERSON, &at) &&
	    (number_at_tok(c, at > 0 ? at - 1 : at) || number_ending_at(c, at))) {
		const struct m_number *nv = number_ending_at(c, at);
		f->armed_victims = true;
		if (nv && !nv->vague)
			f->pre_count = nv->value;
		if (f->agent >= 0 && c->m->act[f->agent].tok < t->tok) {
			/* the actor named with them is their side, not the killer */
			f->target = f->agent;
			f->target_actor = f->agent_actor;
			f->agent = -1;
			f->agent_actor = NULL;
		}
	}
	/* أعدم ضابطا: a soldier executed was not killed in battle */
	f->execution = t->cls == RASD_EC_KILL && (key_has_prefix(&c->doc->tokens[t->tok], "اعدم") ||
						 key_has_prefix(&c->doc->tokens[t->tok], "واعدم") ||
						 key_has_prefix(&c->doc->tokens[t->tok], "رميا"));
	if (f->execution)
		f->armed_victims = false;

	if (t->cls == RASD_EC_KILL && f->agent >= 0 && c->m->act[f->agent].tok < t->tok &&
	    body_word(c, t->tok)) {
		/* عثرت قوات الأمن على 8 جثث: who found the bodies did not kill */
		f->agent = -1;
		f->agent_actor = NULL;
	}
	if (t->cls == RASD_EC_ATTACK && t->form != RASD_FORM_VERB) {
		/* اعتداء محتجين: a noun in construct with the crowd that did it */
		size_t q = FIRST(act, nact, t->tok + t->ntok);
		if (q < c->m->nact && c->m->act[q].head == t->tok + t->ntok) {
			const struct rasd_actor *ac = rasd_lex_actor(c->lex, c->m->act[q].actor);
			if (ac && (ac->inter == 5 || ac->inter == 6)) {
				if (f->target == (int)q) {
					f->target = -1;
					f->target_actor = NULL;
				}
				f->agent = (int)q;
				f->agent_actor = ac;
			}
		}
	}
	count_fatalities(c, f);
	if (f->pre_count > 0) {
		f->fatalities = f->pre_count;
		f->fatalities_vague = false;
		f->violent = true;
	}

	/* claims and foiled attempts */
	f->claimed = claim_applies(c, f, s);
	if (!f->claimed && t->form != RASD_FORM_VERB && f->agent_actor &&
	    (t->cls == RASD_EC_ATTACK || t->cls == RASD_EC_KILL || t->cls == RASD_EC_CLASH ||
	     t->cls == RASD_EC_AIRSTRIKE || t->cls == RASD_EC_SHELLING || t->cls == RASD_EC_IED ||
	     t->cls == RASD_EC_SUICIDE || t->cls == RASD_EC_TAKEOVER) &&
	    f->agent_actor->inter >= 2 && f->agent_actor->inter <= 4 && f->agent >= 0 &&
	    c->m->act[f->agent].tok < t->tok) {
		/* أعلن الحوثيون استهداف المطار: a group announcing its own attack
		 * claims it (a state announcing its operation reports it) */
		uint32_t k;
		for (k = t->tok > s->tok_begin + 5 ? t->tok - 5 : s->tok_begin; k < t->tok; k++)
			if (TOK_IS(c, k, "اعلن") || TOK_IS(c, k, "اعلنت") || TOK_IS(c, k, "اعلنوا") ||
			    TOK_IS(c, k, "واعلن") || TOK_IS(c, k, "واعلنت") || TOK_IS(c, k, "واعلنوا"))
				f->claimed = true;
	}
	{
		uint32_t from = t->tok > f->cb + 3 ? t->tok - 3 : f->cb;
		if (from < s->tok_begin)
			from = s->tok_begin;
		f->foiled = cue_in(c, from, t->tok, RASD_CUE_FOIL, NULL);
	}
	if (f->foiled) {
		/* violence in the sentence: deaths, a clash, captives */
		bool found_v = f->fatalities > 0;
		for (i = FIRST(trig, ntrig, s->tok_begin);
		     i < c->m->ntrig && c->m->trig[i].tok < s->tok_end && !found_v; i++)
			if (c->m->trig[i].tok >= s->tok_begin &&
			    c->m->trig[i].cls == RASD_EC_CLASH)
				found_v = true;
		if (!found_v && cue_in(c, s->tok_begin, s->tok_end, RASD_CUE_CAPTURE, NULL))
			found_v = true;
		if (!found_v) {
			/* death count anywhere in the sentence */
			struct frame g = *f;
			g.cb = s->tok_begin;
			g.ce = s->tok_end;
			count_fatalities(c, &g);
			if (g.fatalities > 0) {
				f->fatalities = g.fatalities;
				found_v = true;
			}
		}
		f->violent = found_v;
		/* the foiling force acts; the would-be attackers are the target */
		{
			const struct rasd_actor *foiler = NULL, *attacker = NULL, *assoc = f->assoc_actor;
			for (i = FIRST(act, nact, s->tok_begin);
			     i < c->m->nact && c->m->act[i].tok < s->tok_end; i++) {
				const struct m_actor *a = &c->m->act[i];
				const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
				if (a->tok < s->tok_begin || !actor_armed(ac) ||
				    !actor_usable(c, (int)i))
					continue;
				if (assoc_marker_before(c, a->head, s->tok_begin)) {
					if (!assoc)
						assoc = ac;
					continue;
				}
				if (a->tok < t->tok && !foiler)
					foiler = ac;
				else if (ac != foiler && !attacker)
					attacker = ac;
			}
			if (foiler || attacker) {
				f->agent_actor = foiler;
				f->target_actor = attacker;
				f->assoc_actor = assoc != foiler && assoc != attacker ? assoc : NULL;
			}
		}
	}

	if (t->cls == RASD_EC_PROTEST || t->cls == RASD_EC_RIOT) {
		/* what the security forces did to the protest, in the sentence */
		static const char *const w[] = {"تفريق", "لتفريق", "لتفريقهم", "فرقت", "قمع",
						"قمعت", "بقمع", "الرصاص", "بالرصاص", "الحي",
						"المسيل", "للدموع", "هراوات", "بالهراوات", "اعتدت",
						"واعتقلت", "اعتقلت", "فضت", "لفض", "بفض", NULL};
		uint32_t k;
		size_t q;
		struct frame g = *f;
		for (k = s->tok_begin; k < s->tok_end && !f->intervention; k++)
			for (q = 0; w[q]; q++)
				if (tok_is(c, k, w[q]))
					f->intervention = true;
		g.cb = s->tok_begin;
		g.ce = s->tok_end;
		g.trig = f->trig;
		count_fatalities(c, &g);
		if (g.fatalities > 0 && !g.fatalities_vague) {
			f->fatalities = g.fatalities;
			f->intervention = true;
		}
	}
	if (t->cls == RASD_EC_AIRSTRIKE || t->cls == RASD_EC_SHELLING ||
	    (t->cls == RASD_EC_ATTACK && (f->means_air || f->means_artillery))) {
		/* طائرة دون طيار جرى تدميرها، صاروخ تم اعتراضه: the weapon was
		 * stopped; its launcher is the target of a disrupted use */
		static const char *const w[] = {"اعتراض", "اعتراضه", "اعتراضها", "اعترضت", "اعترض",
						"اسقاط", "اسقاطه", "اسقاطها", "اسقطت", "اسقط", "تصدت",
						"التصدي", "اسقطتها", "اعتراضهما", NULL};
		/* destroyed (تدميره) counts only as something done to the weapon:
		 * جرى تدميرها، تم تدميره، قامت بتدميره */
		static const char *const d[] = {"تدمير", "تدميره", "تدميرها", "بتدميره", "بتدميرها",
						"تدميرهما", NULL};
		static const char *const by[] = {"جري", "تم", "وتم", "قامت", "وقامت", "تمكنت", NULL};
		uint32_t k;
		size_t q;
		bool stopped = false;
		for (k = f->cb; k < f->ce && !stopped; k++) {
			const struct rasd_token *tk = &c->doc->tokens[k];
			size_t b;
			for (q = 0; d[q] && k > 0; q++)
				if (tok_is(c, k, d[q]))
					for (b = 0; by[b]; b++)
						if (tok_is(c, k - 1, by[b]))
							stopped = true;
			for (q = 0; w[q]; q++) {
				size_t wl = strlen(w[q]);
				/* the word, or the word after و */
				if ((tk->klen == wl && memcmp(tk->key, w[q], wl) == 0) ||
				    (tk->klen == wl + 2 && memcmp(tk->key, "و", 2) == 0 &&
				     memcmp(tk->key + 2, w[q], wl) == 0))
					stopped = true;
			}
		}
		if (stopped) {
			/* the launcher (an armed group) is the target of the disrupted
			 * use; the forces that stopped it (state or coalition) act */
			const struct rasd_actor *launcher = NULL, *stopper = NULL;
			f->intercepted = true;
			for (i = FIRST(act, nact, s->tok_begin);
			     i < c->m->nact && c->m->act[i].tok < s->tok_end; i++) {
				const struct m_actor *a = &c->m->act[i];
				const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
				if (a->tok < s->tok_begin || !actor_usable(c, (int)i) ||
				    !ac)
					continue;
				if (!launcher && ac->inter >= 2 && ac->inter <= 4)
					launcher = ac;
				else if (!stopper && (ac->inter == 1 || ac->inter == 8))
					stopper = ac;
			}
			if (!launcher && f->agent_actor != stopper)
				launcher = f->agent_actor;
			f->agent_actor = stopper;
			f->target_actor = launcher;
		}
	}
	if (t->cls == RASD_EC_INTERCEPT && f->agent >= 0) {
		/* اعتراض صاروخ أطلقته ميليشيا الحوثي: who launched it is the target */
		static const char *const weapon[] = {"صاروخ", "الصاروخ", "صاروخا", "صواريخ",
						     "الصواريخ", "طائره", "الطائره", "مسيره",
						     "المسيره", "طائرات", "قذيفه", "القذيفه", NULL};
		const struct m_actor *a = &c->m->act[f->agent];
		uint32_t k;
		size_t w;
		for (k = a->head > 2 ? a->head - 2 : 0; k < a->head; k++) {
			bool launched = key_has_prefix(&c->doc->tokens[k], "اطلق") ||
					key_has_prefix(&c->doc->tokens[k], "يطلق");
			/* الصاروخ الحوثي: the missile's own side */
			for (w = 0; weapon[w] && !launched; w++)
				if (k + 1 == a->head && tok_is(c, k, weapon[w]))
					launched = true;
			if (launched) {
				int was_target = f->target;
				const struct rasd_actor *was = f->target_actor;
				f->target = f->agent;
				f->target_actor = f->agent_actor;
				f->agent = -1;
				f->agent_actor = NULL;
				if (was && (was->inter == 1 || was->inter == 8)) {
					f->agent = was_target; /* the force named with it stopped it */
					f->agent_actor = was;
				}
				break;
			}
		}
	}
	if (t->cls == RASD_EC_INTERCEPT && !f->agent_actor) {
		/* أعلنت قيادة التحالف اعتراض صاروخ: who announces the interception
		 * made it, when it is a state or coalition force */
		for (i = FIRST(act, nact, s->tok_begin); i < c->m->nact && c->m->act[i].tok < t->tok; i++) {
			const struct rasd_actor *ac = rasd_lex_actor(c->lex, c->m->act[i].actor);
			if (ac && (ac->inter == 1 || ac->inter == 8) && ac != f->target_actor &&
			    actor_usable(c, (int)i))
				f->agent_actor = ac;
		}
	}
	if ((t->cls == RASD_EC_INTERCEPT || f->intercepted) && !f->target_actor) {
		/* اعتراض ثلاثة صواريخ فوق الرياض: the missiles are those of the
		 * armed group the report has been speaking of */
		for (i = END_BEFORE(act, nact, t->tok); i-- > 0;) {
			const struct m_actor *a = &c->m->act[i];
			const struct rasd_actor *ac = rasd_lex_actor(c->lex, a->actor);
			if (a->tok >= t->tok || !ac || !actor_usable(c, (int)i) || ac == f->agent_actor)
				continue;
			if (ac->inter >= 2 && ac->inter <= 4) {
				f->target_actor = ac;
				break;
			}
		}
	}
	f->date = choose_date(c, f);
	f->place = choose_place(c, f);
}

/* A truce or an agreement as a noun counts when a verb says it was reached,
 * signed or announced: توصل الطرفان إلى هدنة، وقع الجانبان اتفاقا. */
static bool agreement_made(const struct ctx *c, const struct frame *f)
{
	static const char *const w[] = {"توصل", "توصلت", "توصلا", "توصلوا", "التوصل", "وقع",
					"وقعت", "وقعا", "توقيع", "ابرم", "ابرمت", "ابرام", "اتفق",
					"اتفقت", "اتفقا", "دخل", "دخلت", "بدء", "سريان", "تطبيق",
					"اعلن", "اعلنت", NULL};
	uint32_t k, from = f->trig->tok > f->cb + 5 ? f->trig->tok - 5 : f->cb;
	size_t j;
	for (k = from; k < f->trig->tok; k++)
		for (j = 0; w[j]; j++)
			if (tok_is(c, k, w[j]))
				return true;
	return false;
}

/* A definite noun (الهجوم، الغارات) with no place in its clause and no date
 * in its sentence refers to an event already told. */
static bool definite_reference(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	const struct m_place *p;
	if (!f->trig->definite || f->trig->form == RASD_FORM_VERB)
		return false;
	if (f->date && f->date->tok >= s->tok_begin && f->date->tok < s->tok_end)
		return false;
	if (f->fatalities > 0 && !f->fatalities_vague)
		return false;
	if (f->place < 0)
		return true;
	p = &c->m->place[f->place];
	return p->tok < f->cb || p->tok >= f->ce;
}

static long past_year_at(const struct ctx *c, uint32_t k, int py)
{
	const struct rasd_token *t = &c->doc->tokens[k];
	long y = 0;
	uint32_t q;
	if (t->kind != RASD_TOK_NUMBER || t->klen != 4)
		return 0;
	for (q = 0; q < 4; q++)
		y = y * 10 + (t->key[q] - '0');
	return y >= 1900 && y < py ? y : 0;
}

/* A year named in the clause before the publication year (في العام 2017،
 * عام 2014) makes the clause history. So does a phrase of its own that
 * counts from a past year, anywhere in the sentence: «…، منذ اجتياحها صنعاء
 * أواخر عام 2014، …» (but not «المحاصرة منذ 2013», which describes a
 * place). */
static bool year_in_past(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k, j;
	int py, pm, pd;
	if (c->published == INT32_MIN)
		return false;
	rasd_civil_from_days(c->published, &py, &pm, &pd);
	for (k = s->tok_begin + 1; k < s->tok_end && k < f->trig->tok + 20; k++) {
		if (!TOK_IS(c, k, "منذ") || !is_clause_punct(c, k - 1))
			continue;
		for (j = k + 1; j < s->tok_end && j < k + 10; j++)
			if (past_year_at(c, j, py))
				return true;
	}
	{
		/* في العام الماضي، العام المنصرم: a sentence set in an earlier year
		 * is history, unless it also gives a recent day */
		size_t i;
		bool past_year = false, recent_day = false;
		for (i = FIRST(date, ndate, s->tok_begin);
		     i < c->m->ndate && c->m->date[i].tok < s->tok_end; i++) {
			const struct rasd_date_expr *d = &c->m->date[i];
			int y, mo, dd;
			rasd_civil_from_days(d->date, &y, &mo, &dd);
			if (d->precision == 4 && y < py && !d->since)
				past_year = true;
			/* في ديسمبر 2012: any date long before publication */
			if (d->precision <= 3 && !d->since && d->date < c->published - HISTORY_DAYS)
				past_year = true;
			if (d->precision <= 2 && d->date >= c->published - HISTORY_DAYS)
				recent_day = true;
		}
		if (past_year && !recent_day)
			return true;
		/* وتلاحق السلطات منذ 2011 معارضيها ونفذت …: a period opened before
		 * the trigger frames the verbs that follow it */
		for (k = s->tok_begin + 1; k + 1 < f->trig->tok && !recent_day; k++)
			if (TOK_IS(c, k, "منذ") && past_year_at(c, k + 1, py))
				return true;
	}
	for (k = f->cb; k < f->ce; k++) {
		size_t i;
		bool dated = false;
		if (!past_year_at(c, k, py))
			continue;
		if (k > 0 && (TOK_IS(c, k - 1, "عام") || TOK_IS(c, k - 1, "العام") ||
			      TOK_IS(c, k - 1, "سنه") || TOK_IS(c, k - 1, "في") ||
			      TOK_IS(c, k - 1, "بدايه") || TOK_IS(c, k - 1, "منذ") ||
			      TOK_IS(c, k - 1, "مطلع") || TOK_IS(c, k - 1, "اواخر")))
			return true;
		/* قتل 2015 مدنيا: a count, not a year */
		if (k + 1 < c->doc->ntokens && c->doc->tokens[k + 1].kind == RASD_TOK_WORD) {
			const struct rasd_token *nx = &c->doc->tokens[k + 1];
			size_t ai = FIRST(act, nact, k + 1);
			if (cue_at(c, k + 1, RASD_CUE_DEATH) || cue_at(c, k + 1, RASD_CUE_ARMED_PERSON) ||
			    cue_at(c, k + 1, RASD_CUE_INJURY) ||
			    (ai < c->m->nact && c->m->act[ai].tok == k + 1 &&
			     (c->m->act[ai].flags & RASD_ACTOR_VICTIM)) ||
			    (looks_plural(nx) && nx->klen >= 10 && memcmp(nx->key, "ال", 4) != 0))
				continue;
		}
		/* معركة القصير 2013: a past year on its own; a year that ends a full
		 * date (28 ديسمبر 2017) is judged with its date */
		for (i = END_BEFORE(date, ndate, k + 1); i-- > 0 && !dated;) {
			const struct rasd_date_expr *d = &c->m->date[i];
			if (d->tok + d->ntok <= k)
				break;
			if (d->precision <= 3)
				dated = true;
		}
		if (!dated)
			return true;
	}
	return false;
}

/* A masdar that states a method or a purpose: من خلال استهداف، للسيطرة على */
static bool purpose_or_method(const struct ctx *c, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	uint32_t k, from = t->tok > f->cb + 10 ? t->tok - 10 : f->cb;
	const struct rasd_token *tt = &c->doc->tokens[t->tok];

	if (t->form == RASD_FORM_VERB)
		return false;
	for (k = from; k + 1 < t->tok; k++)
		if (TOK_IS(c, k, "من") && TOK_IS(c, k + 1, "خلال"))
			return true;
	/* بمساندة طيران التحالف: air support for another operation */
	if (t->tok > f->cb && assoc_marker_before(c, t->tok, f->cb))
		return true;
	if (t->tok > f->cb && (TOK_IS(c, t->tok - 1, "عبر") || TOK_IS(c, t->tok - 1, "بهدف") ||
			       TOK_IS(c, t->tok - 1, "لغرض") || TOK_IS(c, t->tok - 1, "بغيه")))
		return true;
	/* لتحرير مدينة، لاستعادة السيطرة: a capture told as a purpose */
	if (t->cls == RASD_EC_TAKEOVER && (t->clitics & RASD_CLITIC_PREP) && tt->klen > 2 &&
	    memcmp(tt->key, "ل", 2) == 0)
		return true;
	/* ل + ال + masdar: in order to (but تعرض للهجوم: was attacked) */
	if (tt->klen > 4 && memcmp(tt->key, "لل", 4) == 0 &&
	    !(t->tok > 0 && c->doc->tokens[t->tok - 1].klen >= 6 &&
	      memcmp(c->doc->tokens[t->tok - 1].key, "تعرض", 8) == 0))
		return true;
	return false;
}

static bool sentence_has_since(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	size_t i;
	for (i = FIRST(date, ndate, s->tok_begin);
	     i < c->m->ndate && c->m->date[i].tok < s->tok_end; i++)
		if (c->m->date[i].tok >= s->tok_begin &&
		    c->m->date[i].since && !ongoing_since(c, &c->m->date[i]))
			return true;
	return false;
}

/* A plural or generic mention needs a day or a toll of its own. */
static bool day_or_toll(const struct ctx *c, const struct frame *f)
{
	(void)c;
	if (f->fatalities > 0 && !f->fatalities_vague)
		return true;
	return f->date && f->date->precision == 1 && f->date->tok >= f->cb && f->date->tok < f->ce;
}

/* --------------------------------------------------------- events */

static bool same_location(const struct ctx *c, const struct rasd_event *a, const struct rasd_event *b)
{
	(void)c;
	if (!a->location || !b->location)
		return true;
	if (strcmp(a->location, b->location) == 0)
		return true;
	if (a->place && a->place == b->place)
		return true;
	/* مخيم الهول vs الهول */
	if (strstr(a->location, b->location) || strstr(b->location, a->location))
		return true;
	/* a report of the governorate and one of a town in it, when the
	 * counts do not tell them apart */
	if (a->admin1 && b->admin1 && *a->admin1 && strcmp(a->admin1, b->admin1) == 0 &&
	    (a->geo_precision == 3 || b->geo_precision == 3) &&
	    (a->fatalities == b->fatalities || !a->fatalities || !b->fatalities))
		return true;
	return false;
}

static bool compatible_actor(const struct rasd_actor *x, const struct rasd_actor *y)
{
	return !x || !y || x == y;
}

/* The same side acting, or its partner: the coalition's strike told once
 * with the army as its partner and once by the army alone. */
static bool allied_actors(const struct rasd_event *a, const struct rasd_event *b)
{
	return compatible_actor(a->actor1, b->actor1) ||
	       (a->assoc_actor1 && a->assoc_actor1 == b->actor1) ||
	       (b->assoc_actor1 && b->assoc_actor1 == a->actor1);
}

/* Codes that depend on where and when: Hezbollah and the IRGC fighting in
 * Syria are coded as Iran-backed militias there (as ACLED does), and the
 * Syrian state after 8 December 2024 is the new government, not the regime. */
static const struct rasd_actor *recode_actor(const struct ctx *c, const struct rasd_actor *a,
					     const struct rasd_event *e)
{
	const struct rasd_actor *to = NULL;
	if (!a)
		return NULL;
	if (e->country && strcmp(e->country, "SY") == 0 &&
	    (strcmp(a->code, "HEZBOLLAH") == 0 || strcmp(a->code, "IRGC") == 0))
		to = rasd_lex_actor_by_code(c->lex, "IRAN-MIL", NULL);
	else if (strcmp(a->code, "SYR-REGIME") == 0 && e->has_date &&
		 e->date >= rasd_days_from_civil(2024, 12, 8))
		to = rasd_lex_actor_by_code(c->lex, "SYR-GOV", NULL);
	return to ? to : a;
}

/* تسببت قذيفة ... في مقتل 35، أسفرت الغارة عن مقتل، ما أدى إلى مقتل: a
 * killing told as the result of something earlier in the sentence */
static bool consequence_kill(const struct ctx *c, const struct frame *f)
{
	static const char *const verb[] = {"تسبب", "تسببت", "وتسبب", "وتسببت", "يتسبب", "اسفر",
					   "اسفرت", "واسفر", "واسفرت", "ادي", "ادت", "وادي",
					   "وادت", "خلف", "خلفت", "اوقع", "اوقعت", "واوقع",
					   "واوقعت", "اودي", "اودت", "نجم", NULL};
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k;
	size_t q;
	if (t->cls == RASD_EC_KILL && t->form == RASD_FORM_VERB && conj_word(c, t->tok)) {
		/* قصفوا البلدة وقتلوا مدنيين اثنين: the killing the attack did */
		for (q = FIRST(trig, ntrig, s->tok_begin); q < c->m->ntrig && c->m->trig[q].tok < t->tok;
		     q++) {
			enum rasd_event_class o = c->m->trig[q].cls;
			if (o == RASD_EC_ATTACK || o == RASD_EC_AIRSTRIKE || o == RASD_EC_SHELLING ||
			    o == RASD_EC_IED || o == RASD_EC_SUICIDE || o == RASD_EC_CLASH)
				return true;
		}
		return false;
	}
	if (t->cls != RASD_EC_KILL || t->form == RASD_FORM_VERB || t->tok == s->tok_begin ||
	    !(TOK_IS(c, t->tok - 1, "في") || TOK_IS(c, t->tok - 1, "عن") ||
	      TOK_IS(c, t->tok - 1, "الي") || (t->clitics & RASD_CLITIC_PREP)))
		return false;
	for (k = s->tok_begin; k < t->tok; k++)
		if (in_list(&c->doc->tokens[k], verb))
			return true;
	return false;
}

static void fill_event(struct ctx *c, const struct frame *f, struct rasd_event *e)
{
	const struct m_place *p = f->place >= 0 ? &c->m->place[f->place] : NULL;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];

	memset(e, 0, sizeof(*e));
	set_type(f, &e->event_type, &e->sub_event_type);
	e->cls = f->trig->cls;
	e->consequence = consequence_kill(c, f);
	e->actor1 = f->agent_actor;
	e->actor2 = f->target_actor;
	e->assoc_actor1 = f->assoc_actor;
	if (e->actor2 == e->actor1)
		e->actor2 = NULL;
	if (e->actor1 && e->actor1->inter != 5 && e->actor1->inter != 6 &&
	    strcmp(e->sub_event_type, "Peaceful protest") == 0) {
		/* أنصار الحوثي يتظاهرون: protesters, with the movement behind them
		 * as associate; a state force is not who protests */
		if (e->actor1->inter != 1 && !e->assoc_actor1)
			e->assoc_actor1 = e->actor1;
		e->actor1 = NULL;
	}
	if (!e->actor1 && e->cls == RASD_EC_PROTEST)
		e->actor1 = rasd_lex_actor_by_code(c->lex, "PROTESTERS", NULL);
	if (!e->actor1 && e->cls == RASD_EC_RIOT)
		e->actor1 = rasd_lex_actor_by_code(c->lex, "RIOTERS", NULL);
	if (strcmp(e->event_type, T_RIOTS) == 0 && e->actor1 && e->actor1->inter == 6)
		e->actor1 = rasd_lex_actor_by_code(c->lex, "RIOTERS", NULL); /* as ACLED */
	if (strcmp(e->sub_event_type, "Excessive force against protesters") == 0) {
		/* as ACLED: the force acts, the protesters are hit */
		if (e->actor1 && e->actor1->inter == 6) {
			e->actor1 = e->actor2 && e->actor2 != c->civ && e->actor2->inter != 6 ?
					    e->actor2 : NULL;
			e->actor2 = NULL;
		}
		if (!e->actor2 || e->actor2 == c->civ)
			e->actor2 = rasd_lex_actor_by_code(c->lex, "PROTESTERS", NULL);
	}
	if (!e->actor2 && strcmp(e->event_type, T_VAC) == 0)
		e->actor2 = c->civ;
	/* a peaceful protest has no side acted upon; whom it speaks for
	 * (أمهات المختطفين) is not one */
	if (strcmp(e->sub_event_type, "Peaceful protest") == 0)
		e->actor2 = NULL;
	if (p && p->anaphor && p->ref >= 0)
		p = &c->m->place[p->ref];
	if (p) {
		e->location = p->name;
		e->place = p->place;
		e->admin1 = p->admin1;
		e->admin2 = p->admin2;
		e->country = p->country;
		e->pcode = p->place && !p->unknown && p->place->pcode[0] ? p->place->pcode : NULL;
		e->has_coords = p->has_coords;
		e->latitude = p->lat;
		e->longitude = p->lon;
		e->geo_precision = p->has_coords ? p->precision : 0;
		if (p->unknown && !p->has_coords)
			e->geo_precision = 0;
	}
	if (!e->country && c->doc_country && *c->doc_country)
		e->country = c->doc_country;
	if (f->date) {
		e->date = f->date->date;
		e->has_date = true;
		e->time_precision = f->date->precision > 3 ? 3 : f->date->precision;
	} else if (c->month_frame) {
		e->date = c->month_frame->date;
		e->has_date = true;
		e->time_precision = 3;
	} else if (c->published != INT32_MIN) {
		e->date = c->published;
		e->has_date = true;
		e->time_precision = 2;
	}
	e->actor1 = recode_actor(c, e->actor1, e);
	e->actor2 = recode_actor(c, e->actor2, e);
	e->assoc_actor1 = recode_actor(c, e->assoc_actor1, e);
	e->fatalities = f->fatalities;
	e->claimed = f->claimed;
	e->modality = f->foiled ? RASD_MOD_FOILED : f->claimed ? RASD_MOD_CLAIMED : RASD_MOD_REPORTED;
	e->trigger = surface_span(c->a, c->doc, f->trig->tok, f->trig->tok + f->trig->ntok, 0);
	e->evidence.field = c->field;
	e->evidence.start = c->doc->tokens[f->trig->tok].start;
	e->evidence.end = c->doc->tokens[f->trig->tok + f->trig->ntok - 1].end;
	e->evidence.sent_start = s->start;
	e->evidence.sent_end = s->end;
	e->confidence = f->confidence;
}

/* Confidence from how much of the frame the text itself filled. */
static double frame_confidence(const struct frame *f)
{
	double conf = 0.35;
	if (f->trig->form == RASD_FORM_VERB)
		conf += 0.1;
	if (f->agent_actor)
		conf += 0.15;
	if (f->target_actor || f->civilian_victims)
		conf += 0.1;
	if (f->place >= 0)
		conf += 0.15;
	if (f->date)
		conf += 0.1;
	if (f->fatalities > 0)
		conf += 0.05;
	if (f->trig->form == RASD_FORM_PLURAL)
		conf -= 0.1;
	return conf > 1 ? 1 : conf;
}

/* Does a plural or generic trigger have enough of its own to be one event? */
static bool specific_enough(const struct ctx *c, const struct frame *f)
{
	const struct m_place *p;
	if (f->trig->form != RASD_FORM_PLURAL)
		return true;
	/* لهجماتهم، عملياته: their attacks, a habit told of an actor, unless
	 * the clause gives them a day */
	if (f->trig->clitics & RASD_CLITIC_PRONOUN)
		return f->date && f->date->precision == 1 && f->date->tok >= f->cb &&
		       f->date->tok < f->ce;
	if (f->fatalities > 0 && !f->fatalities_vague)
		return true;
	if (f->date && f->date->precision == 1 && f->place >= 0)
		return true; /* اشتباكات في ريف حماة، أمس: a day and a place */
	if (f->place < 0)
		return false;
	p = &c->m->place[f->place];
	if (p->anaphor && p->ref >= 0)
		p = &c->m->place[p->ref];
	if (p->tok < f->cb || p->tok >= f->ce)
		return false;
	/* في ريف حماة, not أنشطة طهران (a capital for its government) */
	{
		const struct m_place *q = &c->m->place[f->place];
		if (!q->locative && !q->anaphor && q->cue == PCUE_NONE && !q->direction)
			return false;
	}
	return p->specificity >= 4 && !(p->place && p->place->kind == RASD_PLACE_REGION);
}

/* Actors named before `upto` count as named (for anaphora); marking only
 * grows, so each call goes on from where the last one stopped. */
static void mark_named(struct ctx *c, uint32_t upto)
{
	size_t i;
	if (c->named_m != c->m) {
		c->named_m = c->m;
		c->named_next = 0;
	}
	for (i = c->named_next; i < c->m->nact; i++) {
		const struct m_actor *a = &c->m->act[i];
		if (a->tok >= upto)
			break;
		if (!(a->flags & RASD_ACTOR_ANAPHOR))
			c->named[a->actor] = true;
	}
	c->named_next = i;
}

/* The month the article is about: a month named without a day (خلال نوفمبر،
 * مطلع الشهر الحالي) that is the publication month or the one before. */
static const struct rasd_date_expr *month_frame_before(const struct ctx *c, uint32_t tok)
{
	const struct rasd_date_expr *best = NULL;
	size_t i;
	int py, pm, pd;

	if (c->published == INT32_MIN)
		return NULL;
	rasd_civil_from_days(c->published, &py, &pm, &pd);
	/* the last such month before the token */
	for (i = END_BEFORE(date, ndate, tok); i-- > 0 && !best;) {
		const struct rasd_date_expr *d = &c->m->date[i];
		int y, mo, dd;
		if (d->tok >= tok || d->precision != 3 || d->since)
			continue;
		rasd_civil_from_days(d->date, &y, &mo, &dd);
		if ((y == py && mo == pm) || (y * 12 + mo + 1 == py * 12 + pm))
			best = d;
	}
	return best;
}


static enum rasd_status push_event(struct rasd_arena *a, struct event_list *l,
				   const struct rasd_event *e)
{
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		struct rasd_event *nv = rasd_arena_alloc(a, ncap * sizeof(*nv));
		if (!nv)
			return RASD_ENOMEM;
		if (l->n)
			memcpy(nv, l->ev, l->n * sizeof(*nv));
		l->ev = nv;
		l->cap = ncap;
	}
	l->ev[l->n++] = *e;
	return RASD_OK;
}

static bool generic_type(const struct rasd_event *e)
{
	return e->cls == RASD_EC_ATTACK || e->cls == RASD_EC_KILL;
}

/* الهجوم، والهجوم، بالهجوم: a definite trigger usually refers back. */
static bool definite_trigger(const struct rasd_event *e)
{
	const char *t = e->trigger;
	size_t i;
	if (!t)
		return false;
	for (i = 0; i < 2; i++) {
		if (strncmp(t, "ال", 4) == 0)
			return true;
		if (strncmp(t, "و", 2) == 0 || strncmp(t, "ف", 2) == 0 || strncmp(t, "ب", 2) == 0 ||
		    strncmp(t, "ل", 2) == 0)
			t += 2;
	}
	return strncmp(t, "ال", 4) == 0 || strncmp(t, "ل", 2) == 0;
}

static bool shares_actor(const struct rasd_event *a, const struct rasd_event *b)
{
	const struct rasd_actor *x[3] = {a->actor1, a->actor2, a->assoc_actor1};
	const struct rasd_actor *y[3] = {b->actor1, b->actor2, b->assoc_actor1};
	int i, j;
	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++)
			if (x[i] && x[i] == y[j] && x[i]->inter != 7)
				return true;
	return !a->actor1 || !b->actor1;
}

static int means_rank(const char *sub)
{
	if (strcmp(sub, "Air/drone strike") == 0)
		return 0;
	if (strcmp(sub, "Chemical weapon") == 0)
		return 1;
	if (strcmp(sub, "Suicide bomb") == 0)
		return 2;
	if (strcmp(sub, "Shelling/artillery/missile attack") == 0)
		return 3;
	return 4;
}

/* Fold e into an existing event when both describe the same happening. */
static void take_place(struct rasd_event *o, const struct rasd_event *e)
{
	o->location = e->location;
	o->place = e->place;
	o->admin1 = e->admin1;
	o->admin2 = e->admin2;
	o->country = e->country;
	o->pcode = e->pcode;
	o->has_coords = e->has_coords;
	o->latitude = e->latitude;
	o->longitude = e->longitude;
	o->geo_precision = e->geo_precision;
}

/* وقع، جرى، حدث just after a noun (قد وقع too): the clause says when it
 * happened */
static bool happened_verb(const struct ctx *c, uint32_t from)
{
	static const char *const w[] = {"وقع", "وقعت", "جري", "جرت", "حدث", "حدثت", "نفذ",
					"نفذت", NULL};
	uint32_t j;
	size_t k;
	for (j = from; j < from + 3 && j < c->doc->ntokens; j++)
		for (k = 0; w[k]; k++)
			if (tok_is(c, j, w[k]))
				return true;
	return false;
}

/* «إحباط الهجوم جرى الخميس في ناحية بادوش»: a definite noun that tells
 * the day or the place of an event already coded (الهجوم) completes it
 * instead of starting another. The nearest earlier event of the same kind
 * in the same governorate takes the finer place and the clause's own day. */
static bool elaborates(struct ctx *c, struct event_list *l, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	bool own_place, own_day;
	struct rasd_event e;
	size_t k;

	if (t->form == RASD_FORM_VERB && l->n > 0) {
		/* واستهدف الهجوم بلدة حمورية، طال القصف: a verb whose subject is a
		 * definite attack noun tells more of that attack */
		size_t q = FIRST(trig, ntrig, t->tok + t->ntok);
		if (q < c->m->ntrig && c->m->trig[q].tok == t->tok + t->ntok &&
		    c->m->trig[q].definite && c->m->trig[q].form != RASD_FORM_VERB &&
		    c->m->trig[q].cls != RASD_EC_KILL)
			t = &c->m->trig[q];
	}
	if (!t->definite || t->form == RASD_FORM_VERB || l->n == 0)
		return false;
	own_place = f->place >= 0 && c->m->place[f->place].tok >= f->cb &&
		    c->m->place[f->place].tok < s->tok_end;
	own_day = f->date && f->date->precision == 1 && f->date->tok >= s->tok_begin &&
		  f->date->tok < s->tok_end;
	if ((!own_place && !own_day) || year_in_past(c, f))
		return false;
	if (f->date && c->published != INT32_MIN &&
	    (f->date->date < c->published - HISTORY_DAYS || f->date->date > c->published + 1))
		return false;
	fill_event(c, f, &e);
	for (k = l->n; k-- > 0;) {
		struct rasd_event *o = &l->ev[k];
		bool kin = o->cls == t->cls || (f->foiled && o->modality == RASD_MOD_FOILED) ||
			   (generic_type(o) && generic_type(&e)) ||
			   /* الهجوم: whatever violent event was told */
			   (t->cls == RASD_EC_ATTACK && (strcmp(o->event_type, T_ERV) == 0 ||
							 strcmp(o->event_type, T_BATTLES) == 0 ||
							 strcmp(o->event_type, T_VAC) == 0));
		if (o->evidence.field != c->field || !kin)
			continue;
		if (own_place) {
			/* the same place, or a finer one inside the governorate the
			 * event had; two towns are two events */
			bool same = same_location(c, o, &e);
			bool finer = e.location && e.admin1 && o->admin1 &&
				     strcmp(e.admin1, o->admin1) == 0 &&
				     ((o->place && o->place->kind == RASD_PLACE_ADMIN1) ||
				      (e.geo_precision && o->geo_precision &&
				       e.geo_precision < o->geo_precision));
			if (!same && !finer)
				return false;
			if (finer)
				take_place(o, &e);
		}
		if (own_day && (o->time_precision > 1 || happened_verb(c, t->tok + t->ntok))) {
			o->date = e.date;
			o->has_date = true;
			o->time_precision = 1;
		}
		o->merged++;
		return true;
	}
	return false;
}

/* أعدم ضابطا كبيرا رميا بالرصاص، قتلوه ذبحا: an adverb of manner (an
 * accusative masdar, ending in ا) a few words after a killing tells how
 * that killing was done */
static bool manner_of(const struct rasd_event *o, const struct rasd_event *e)
{
	const struct rasd_event *first = o->evidence.start < e->evidence.start ? o : e;
	const struct rasd_event *second = first == o ? e : o;
	const char *w = second->trigger, *sp;
	size_t n;
	if (!w || second->evidence.start < first->evidence.end ||
	    second->evidence.start - first->evidence.end >= 40)
		return false;
	sp = strchr(w, ' ');
	n = sp ? (size_t)(sp - w) : strlen(w);
	if (n > 2 && memcmp(w + n - 2, "\xd9\x8b", 2) == 0)
		n -= 2; /* رمياً: the tanween written after the alif */
	return n > 4 && memcmp(w + n - 2, "ا", 2) == 0;
}

static bool merge_into(struct ctx *c, struct event_list *l, const struct rasd_event *e,
		       bool title)
{
	size_t i, pass;
	/* the same sentence first: its mentions are surely one happening */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < l->n; i++) {
		struct rasd_event *o = &l->ev[i];
		bool same_type = strcmp(o->event_type, e->event_type) == 0 &&
				 strcmp(o->sub_event_type, e->sub_event_type) == 0;
		bool same_sentence = o->evidence.field == e->evidence.field &&
				     o->evidence.sent_start == e->evidence.sent_start;
		bool near_mention;
		if (same_sentence != (pass == 0))
			continue;
		near_mention = !title && o->evidence.field == e->evidence.field &&
				    o->evidence.sent_start == e->evidence.sent_start;
		bool date_ok = !o->has_date || !e->has_date || o->date == e->date ||
			       e->time_precision > 1 || o->time_precision > 1;
		bool place_ok = same_location(c, o, e) ||
				(title && o->admin1 && e->admin1 && *o->admin1 &&
				 strcmp(o->admin1, e->admin1) == 0) ||
				/* the toll of what the sentence told first, wherever
				 * its own words place it */
				(near_mention && e->consequence && generic_type(e) &&
				 o->evidence.start < e->evidence.start);
		if (!place_ok || !date_ok)
			continue;
		if (near_mention) {
			/* two killings listed in one sentence are two events */
			if (o->cls == RASD_EC_KILL && e->cls == RASD_EC_KILL && o->fatalities > 0 &&
			    e->fatalities > 0 && !definite_trigger(o) &&
			    !definite_trigger(e) && o->evidence.start != e->evidence.start &&
			    !manner_of(o, e))
				continue;
			if (!shares_actor(o, e) && o->cls != RASD_EC_INTERCEPT &&
			    e->cls != RASD_EC_INTERCEPT)
				continue;
		} else if (title ? !shares_actor(o, e) : !allied_actors(o, e)) {
			continue;
		}
		/* same sentence: a generic attack/kill merges with a typed event, and
		 * an interception absorbs the missile or drone it stopped */
		/* القصف والغارات in one sentence: one bombardment, coded by its
		 * most specific means (air before artillery before the rest) */
		bool same_bombing = near_mention && strcmp(o->event_type, T_ERV) == 0 &&
				    strcmp(e->event_type, T_ERV) == 0;
		bool intercepted = near_mention &&
				   ((o->cls == RASD_EC_INTERCEPT && strcmp(e->event_type, T_ERV) == 0) ||
				    (e->cls == RASD_EC_INTERCEPT && strcmp(o->event_type, T_ERV) == 0));
		/* a killing told with no place of its own (أسفر القصف عن مقتل 80)
		 * belongs to the violent event of that day */
		bool placeless_kill = !near_mention && generic_type(e) && !e->location &&
				      strcmp(o->event_type, T_SD) != 0 && o->has_date &&
				      e->has_date && o->date == e->date;
		if (!same_type && !(near_mention && (generic_type(e) || generic_type(o))) &&
		    !(title && generic_type(e) && strcmp(o->event_type, T_SD) != 0) && !intercepted &&
		    !same_bombing && !placeless_kill)
			continue;
		if (same_bombing && !same_type && means_rank(e->sub_event_type) < means_rank(o->sub_event_type)) {
			o->sub_event_type = e->sub_event_type;
			o->cls = e->cls;
		}
		if (intercepted) {
			const struct rasd_event *icp = o->cls == RASD_EC_INTERCEPT ? o : e;
			const struct rasd_event *wpn = icp == o ? e : o;
			const struct rasd_actor *launcher = wpn->actor1;
			const struct rasd_actor *stopper = icp->actor1 != launcher ? icp->actor1 : NULL;
			o->event_type = icp->event_type;
			o->sub_event_type = icp->sub_event_type;
			o->cls = RASD_EC_INTERCEPT;
			o->actor1 = stopper;
			o->actor2 = launcher ? launcher : icp->actor2;
			o->merged++;
			return true;
		}
		if (!same_type && near_mention && o->cls == RASD_EC_ARREST && e->cls == RASD_EC_KILL &&
		    e->fatalities > 0 && strcmp(e->event_type, T_BATTLES) == 0) {
			/* a raid in which fighters died was a fight, not arrests */
			o->event_type = e->event_type;
			o->sub_event_type = e->sub_event_type;
			o->cls = RASD_EC_CLASH;
		}
		if (!same_type && near_mention &&
		    ((generic_type(o) && e->cls == RASD_EC_PROTEST &&
		      strcmp(o->event_type, T_RIOTS) != 0) ||
		     (o->cls == RASD_EC_PROTEST && generic_type(e) &&
		      strcmp(e->event_type, T_RIOTS) != 0)) &&
		    (o->fatalities > 0 || e->fatalities > 0)) {
			/* قتلت القوات العشرات خلال الاحتجاجات: one event, the force
			 * that killed against the protesters */
			const struct rasd_event *kill = generic_type(o) ? o : e;
			const struct rasd_actor *force = kill->actor1;
			o->event_type = "Protests";
			o->sub_event_type = "Excessive force against protesters";
			o->cls = RASD_EC_PROTEST;
			o->actor1 = force && force->inter != 5 && force->inter != 6 ? force : NULL;
			o->actor2 = rasd_lex_actor_by_code(c->lex, "PROTESTERS", NULL);
			if (o->assoc_actor1 == o->actor1)
				o->assoc_actor1 = NULL;
			if (o->fatalities < e->fatalities)
				o->fatalities = e->fatalities;
			o->merged++;
			return true;
		}
		if (!same_type && near_mention && generic_type(o) && !generic_type(e) &&
		    strcmp(e->event_type, T_SD) != 0) {
			/* the typed mention decides the type */
			o->event_type = e->event_type;
			o->sub_event_type = e->sub_event_type;
			o->cls = e->cls;
		}
		/* the side hit in one mention is not the agent of the other
		 * (قتل العشرات من الحوثيين في معارك: the Houthis died) */
		if (!o->actor1 && e->actor1 != o->actor2)
			o->actor1 = e->actor1;
		/* قتل 12 حوثيا في مواجهات مع العمالقة: the dead were one side of
		 * the clash, the other side is who fought them */
		if (!o->actor1 && o->actor2 && e->cls == RASD_EC_CLASH && e->actor1 == o->actor2 && e->actor2 &&
		    e->actor2 != c->civ)
			o->actor1 = e->actor2;
		if ((!o->actor2 || (o->actor2 == c->civ && e->actor2 && e->actor2 != c->civ &&
				    strcmp(o->event_type, T_VAC) != 0)) &&
		    e->actor2 != o->actor1)
			o->actor2 = e->actor2;
		if (!o->assoc_actor1)
			o->assoc_actor1 = e->assoc_actor1;
		/* the first report's toll stands (a later "بينهم 12 طفلا" is a
		 * subset, not a lower report); a toll in the same sentence may
		 * complete it */
		if (o->fatalities == 0)
			o->fatalities = e->fatalities;
		else if (near_mention && e->fatalities > o->fatalities)
			o->fatalities = e->fatalities;
		if (e->location && (!o->location ||
				    (o->admin1 && e->admin1 && strcmp(o->admin1, e->admin1) == 0 &&
				     /* (a headline's town does not undo the body's
				      * district: the body tells it in full) */
				     ((!title && e->geo_precision && o->geo_precision &&
				       e->geo_precision < o->geo_precision) ||
				      /* a named village beats its province */
				      (o->place && o->place->kind == RASD_PLACE_ADMIN1 &&
				       strcmp(e->location, e->admin1) != 0))))) {
			/* keep the most precise place the reports give */
			take_place(o, e);
		}
		if (e->time_precision < o->time_precision && e->has_date) {
			o->date = e->date;
			o->time_precision = e->time_precision;
		}
		if (e->modality == RASD_MOD_FOILED)
			o->modality = RASD_MOD_FOILED;
		o->claimed = o->claimed && e->claimed;
		if (e->confidence > o->confidence)
			o->confidence = e->confidence;
		if (o->actor2 == o->actor1)
			o->actor2 = NULL;
		o->merged++;
		return true;
	}
	return false;
}

/* ACLED codes one event per place: strikes on مسعودة والعر ومحجان are three.
 * The other places of the list get copies of the event (the toll stays on
 * the first, as the text does not split it). */
static enum rasd_status list_events(struct ctx *c, int place, size_t event_index,
				    struct event_list *out)
{
	const struct m_place *chosen;
	const struct rasd_event *e;
	size_t k;
	int32_t list;

	if (place < 0)
		return RASD_OK;
	chosen = &c->m->place[place];
	list = chosen->list;
	if (list < 0)
		return RASD_OK;
	for (k = (size_t)list; k < c->m->nplace; k++) {
		const struct m_place *p = &c->m->place[k];
		struct rasd_event copy;
		enum rasd_status st;
		if (p == chosen || (p->list != list && (int32_t)k != list))
			continue;
		if (!p->place && !p->unknown)
			continue;
		e = &out->ev[event_index]; /* re-read: push_event may move the array */
		copy = *e;
		copy.location = p->name;
		copy.place = p->place;
		copy.admin1 = p->admin1;
		copy.admin2 = p->admin2;
		copy.country = p->country ? p->country : e->country;
		copy.pcode = p->place && p->place->pcode[0] ? p->place->pcode : NULL;
		copy.has_coords = p->has_coords;
		copy.latitude = p->lat;
		copy.longitude = p->lon;
		copy.geo_precision = p->has_coords ? p->precision : 0;
		copy.fatalities = 0;
		/* listed places are distinct by construction: no merging */
		st = push_event(c->a, out, &copy);
		if (st)
			return st;
	}
	return RASD_OK;
}

/* Bodies (جثة، جثث، رفات) are a killing only where the sentence says they
 * were found: عثرت القوات على 8 جثث، انتشال جثث الضحايا. */
/* جثة، جثث، جثتها، والجثث، رفات، جثامين: a word for bodies, clitics and
 * all */
static bool body_word(const struct ctx *c, uint32_t k)
{
	const struct rasd_token *t = &c->doc->tokens[k];
	const char *p = t->key;
	size_t n = t->klen;
	if (n >= 2 && (memcmp(p, "و", 2) == 0 || memcmp(p, "ف", 2) == 0) && n > 6)
		p += 2, n -= 2;
	if (n >= 2 && (memcmp(p, "ب", 2) == 0 || memcmp(p, "ل", 2) == 0) && n > 6)
		p += 2, n -= 2;
	if (n >= 4 && memcmp(p, "ال", 4) == 0 && n > 6)
		p += 4, n -= 4;
	return (n >= 6 && memcmp(p, "جث", 4) == 0) || (n >= 8 && memcmp(p, "رفات", 8) == 0);
}

static bool body_found_only(const struct ctx *c, const struct frame *f)
{
	static const char *const find[] = {"عثر", "عثرت", "عثروا", "العثور", "عثرنا", "انتشال",
					   "انتشلت", "اكتشاف", "اكتشفت", "وعثر", "وعثرت", "ظهور",
					   "ظهرت", NULL};
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	uint32_t k;
	if (!body_word(c, f->trig->tok)) {
		/* جثث متفسخة ومفخخة: a booby-trapped body is no bombing */
		if (f->trig->cls != RASD_EC_IED && f->trig->cls != RASD_EC_SUICIDE)
			return false;
		for (k = f->trig->tok > s->tok_begin + 3 ? f->trig->tok - 3 : s->tok_begin;
		     k < f->trig->tok; k++)
			if (body_word(c, k))
				return true;
		return false;
	}
	static const char *const violence[] = {"مقبره", "جماعيه", "بالرصاص", "رصاص", "اعدام",
					       "اعدامهم", "اعدامه", "تعذيب", "مكبلي", "مكبله",
					       "معصوبي", "مقطوعه", "ذبحا", "ميدانيا", NULL};
	bool found = false, violent = false;
	size_t i;
	for (k = s->tok_begin; k < f->trig->tok && !found; k++)
		found = in_list(&c->doc->tokens[k], find);
	if (!found)
		return true;
	/* and only in a conflict's telling: an armed group in the sentence or
	 * marks of killing (a mass grave, bullets, an execution); a body found
	 * after a fire, a flood or a crime is not coded */
	for (i = FIRST(act, nact, s->tok_begin); i < c->m->nact && c->m->act[i].tok < s->tok_end; i++) {
		const struct rasd_actor *ac = rasd_lex_actor(c->lex, c->m->act[i].actor);
		if (ac && ac->inter >= 2 && ac->inter <= 4)
			violent = true;
	}
	for (k = s->tok_begin; k < s->tok_end && !violent; k++)
		violent = in_list(&c->doc->tokens[k], violence);
	return !violent;
}

/* عقب هجوم مانشستر، بعد مجزرة الغوطة: an attack called by its town's name
 * after «after» is one the reader knows, not news, unless the clause gives
 * it a day. */
static bool named_event_at(const struct ctx *c, const struct m_trigger *t, uint32_t ce)
{
	uint32_t nx = t->tok + t->ntok;
	size_t q;
	if (t->form == RASD_FORM_VERB || t->definite || t->tok == 0 || nx >= ce)
		return false;
	if (!(TOK_IS(c, t->tok - 1, "عقب") || TOK_IS(c, t->tok - 1, "بعد") ||
	      TOK_IS(c, t->tok - 1, "اثر") || TOK_IS(c, t->tok - 1, "منذ") ||
	      TOK_IS(c, t->tok - 1, "وبعد") || TOK_IS(c, t->tok - 1, "ذكري")))
		return false;
	q = FIRST(place, nplace, nx);
	return q < c->m->nplace && c->m->place[q].tok == nx && !c->m->place[q].locative &&
	       c->m->place[q].cue == PCUE_NONE;
}

static bool named_past_event(const struct ctx *c, const struct frame *f)
{
	const struct rasd_sentence *s = &c->doc->sentences[f->sent];
	size_t q;
	if (f->date && f->date->precision == 1 && f->date->tok >= f->cb && f->date->tok < f->ce)
		return false;
	if (named_event_at(c, f->trig, f->ce))
		return true;
	/* … الذي أودى بحياة 22 شخصا: the toll of that named attack */
	for (q = FIRST(trig, ntrig, s->tok_begin); q < c->m->ntrig && c->m->trig[q].tok < f->trig->tok;
	     q++)
		if (named_event_at(c, &c->m->trig[q], s->tok_end) &&
		    f->trig->tok <= c->m->trig[q].tok + c->m->trig[q].ntok + 10)
			return true;
	return false;
}

/* A capture takes ground: a place named right after the verb or noun
 * (حرر الجيش مدينة X، السيطرة على قرية)، or an armed side that takes it. */
static bool takes_ground(const struct ctx *c, const struct frame *f)
{
	const struct m_trigger *t = f->trig;
	size_t q = FIRST(place, nplace, t->tok);
	if (f->agent_actor && f->agent_actor->inter != 6 && f->agent_actor->inter != 7)
		return true;
	for (; q < c->m->nplace && c->m->place[q].tok <= t->tok + t->ntok + 3; q++)
		if (c->m->place[q].tok >= t->tok && c->m->place[q].tok < f->ce)
			return true;
	return false;
}

static enum rasd_status code_doc(struct ctx *c, struct event_list *out, bool title)
{
	size_t i;
	enum rasd_status st;

	for (i = 0; i < c->m->ntrig; i++) {
		struct frame f;
		struct rasd_event e;
		const struct m_trigger *t = &c->m->trig[i];

		memset(&f, 0, sizeof(f));
		f.trig = t;
		f.sent = c->sent_of[t->tok];
		mark_named(c, t->tok + t->ntok + 6);
		build_frame(c, &f);
		c->month_frame = month_frame_before(c, t->tok);
		if (is_question(c, &c->doc->sentences[f.sent]) || modal_before(c, &f) ||
		    is_statistic(c, &f) || purpose_or_method(c, &f) ||
		    statement_or_reference(c, &f))
			continue;
		if (body_found_only(c, &f))
			continue; /* جثة with no one finding it: a funeral, an exchange */
		if (t->cls == RASD_EC_TAKEOVER && !takes_ground(c, &f))
			continue; /* حرر الكثير من الأموال: freed money, took no town */
		if (named_past_event(c, &f))
			continue; /* عقب هجوم مانشستر: an attack known by its town's name */
		if (sentence_has_since(c, &f) &&
		    !(f.date && f.date->precision == 1 && f.date->tok >= f.cb && f.date->tok < f.ce))
			continue; /* a sentence about a period is a statistic */
		if (generic_mention(c, &f) && !day_or_toll(c, &f))
			continue;
		if (!title && elaborates(c, out, &f))
			continue; /* الهجوم وقع الخميس في بادوش: told before */
		if (f.foiled && !f.violent && t->cls != RASD_EC_INTERCEPT &&
		    t->cls != RASD_EC_DEFUSE && t->cls != RASD_EC_IED && t->cls != RASD_EC_SUICIDE)
			continue; /* a foiled plan with no violence is not an event */
		if (!specific_enough(c, &f))
			continue;
		if (year_in_past(c, &f))
			continue; /* في العام 2017: history */
		/* history: long before the publication date */
		if (f.date && c->published != INT32_MIN &&
		    (f.date->date < c->published - HISTORY_DAYS || f.date->date > c->published + 1))
			continue;
		f.confidence = frame_confidence(&f);
		fill_event(c, &f, &e);
		if (f.foiled && !f.violent)
			e.event_type = T_SD, e.sub_event_type = "Disrupted weapons use";
		/* an event needs a place below the country, unless it killed */
		if ((!e.location || (e.place && e.place->kind == RASD_PLACE_COUNTRY)) &&
		    !(e.fatalities > 0 && !f.fatalities_vague))
			continue;
		/* hundreds killed with no day of their own: a running toll */
		if (e.fatalities >= 200 &&
		    !(f.date && f.date->precision == 1 && f.date->tok >= f.cb && f.date->tok < f.ce))
			continue;
		if (merge_into(c, out, &e, title))
			continue;
		if (title)
			continue; /* a headline repeats the body; see rasd_extract */
		if (f.sent == 0 && c->headline) {
			/* a text file's first line is its headline: keep it aside and
			 * fold it into the body's events at the end */
			st = push_event(c->a, &c->headline_events, &e);
			if (st)
				return st;
			continue;
		}
		if (definite_reference(c, &f))
			continue; /* الهجوم with nothing of its own: told before */
		if (f.trig->cls == RASD_EC_AGREEMENT && f.trig->form != RASD_FORM_VERB &&
		    !agreement_made(c, &f))
			continue; /* a truce talked about is not a truce agreed */
		if (f.trig->cls == RASD_EC_KILL && f.trig->form != RASD_FORM_VERB && f.trig->tok > 0 &&
		    number_ending_at(c, f.trig->tok) && !body_word(c, f.trig->tok))
			continue; /* مئة قتيل: a toll, counted on the event it belongs to */
		if ((f.trig->cls == RASD_EC_PROTEST || f.trig->cls == RASD_EC_RIOT) &&
		    f.trig->form == RASD_FORM_PART)
			continue; /* متظاهرون: the people, told with their protest */
		st = push_event(c->a, out, &e);
		if (st)
			return st;
		if (f.place >= 0 && c->m->place[f.place].list >= 0 && c->npending < MAX_PENDING_LISTS) {
			/* copies for the other listed places, once merges are done */
			c->pending[c->npending].place = f.place;
			c->pending[c->npending].event = out->n - 1;
			c->npending++;
		}
	}
	return RASD_OK;
}

/* Title frames, unmerged, for rasd_extract to fold into the body's events. */
static enum rasd_status code_doc_title(struct ctx *c, struct event_list *out)
{
	size_t i;
	enum rasd_status st;

	for (i = 0; i < c->m->ntrig; i++) {
		struct frame f;
		struct rasd_event e;
		memset(&f, 0, sizeof(f));
		f.trig = &c->m->trig[i];
		f.sent = c->sent_of[f.trig->tok];
		mark_named(c, f.trig->tok + f.trig->ntok + 6);
		build_frame(c, &f);
		c->month_frame = NULL;
		if (is_question(c, &c->doc->sentences[f.sent]) || modal_before(c, &f) ||
		    is_statistic(c, &f) || purpose_or_method(c, &f) || statement_or_reference(c, &f))
			continue;
		if (f.foiled && !f.violent && f.trig->cls != RASD_EC_INTERCEPT &&
		    f.trig->cls != RASD_EC_DEFUSE)
			continue;
		f.confidence = frame_confidence(&f);
		fill_event(c, &f, &e);
		if (merge_into(c, out, &e, false))
			continue;
		st = push_event(c->a, out, &e);
		if (st)
			return st;
	}
	return RASD_OK;
}

/* A lead that names only the province and a later sentence that names the
 * town are one happening: fold the vaguer event into the precise one. */
static void consolidate(struct event_list *l)
{
	size_t i, j, w;
	bool *gone = NULL;

	if (l->n < 2)
		return;
	for (i = 0; i < l->n; i++) {
		struct rasd_event *v = &l->ev[i];
		/* only an event placed at the province itself */
		if (!v->place || v->place->kind != RASD_PLACE_ADMIN1 || !v->admin1 || !*v->admin1)
			continue;
		for (j = 0; j < l->n; j++) {
			struct rasd_event *p = &l->ev[j];
			if (j == i || !p->location || (p->place && p->place->kind <= RASD_PLACE_ADMIN1) ||
			    p->merged == UINT32_MAX || !p->admin1 || strcmp(p->admin1, v->admin1) != 0 ||
			    strcmp(p->event_type, v->event_type) != 0 ||
			    (strcmp(p->sub_event_type, v->sub_event_type) != 0 &&
			     strcmp(p->event_type, T_BATTLES) != 0) ||
			    p->has_date != v->has_date || (p->has_date && p->date != v->date &&
							   p->time_precision == 1 && v->time_precision == 1) ||
			    !allied_actors(p, v))
				continue;
			if (!p->actor2)
				p->actor2 = v->actor2;
			if (!p->fatalities)
				p->fatalities = v->fatalities;
			p->merged += v->merged + 1;
			v->merged = UINT32_MAX; /* folded */
			break;
		}
	}
	(void)gone;
	for (i = 0, w = 0; i < l->n; i++)
		if (l->ev[i].merged != UINT32_MAX)
			l->ev[w++] = l->ev[i];
	l->n = w;
}

/* Sports and arts pages borrow the words of war (الصاروخ، هجوم، سحق): an
 * article with several of their own words is not coded. */
static bool has_bytes(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle), i;
	for (i = 0; i + m <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
			return true;
	return false;
}

/* In Yemen only the Saudi-led coalition flies warplanes (the Houthis fly
 * drones; US strikes on al-Qaeda are named as such), so an air raid there
 * whose author the report leaves unsaid is the coalition's, as ACLED codes
 * it. Raids told with drones (مسيرة، درون) or on al-Qaeda stay unattributed.
 * Done on finished events, so that the inference never steers a merge. */
static void attribute_yemen_air_raids(const struct rasd_lexicon *lex,
				      const struct rasd_article *art, struct event_list *l)
{
	const struct rasd_actor *coal = rasd_lex_actor_by_code(lex, "SAUDI-COAL", NULL);
	size_t i;
	for (i = 0; i < l->n && coal; i++) {
		struct rasd_event *e = &l->ev[i];
		const char *text = e->evidence.field == RASD_FIELD_TITLE ? art->title : art->text;
		const char *sent;
		size_t n;
		if (e->actor1 || !e->country || strcmp(e->country, "YE") != 0 ||
		    strcmp(e->sub_event_type, "Air/drone strike") != 0)
			continue;
		if (e->actor2 && (strcmp(e->actor2->code, "AQAP") == 0 ||
				  strcmp(e->actor2->code, "AL-QAEDA") == 0 ||
				  strcmp(e->actor2->code, "ISIS") == 0))
			continue;
		if (!text || e->evidence.sent_end <= e->evidence.sent_start)
			continue;
		sent = text + e->evidence.sent_start;
		n = e->evidence.sent_end - e->evidence.sent_start;
		if (has_bytes(sent, n, "مسير") || has_bytes(sent, n, "درون"))
			continue;
		/* with no warplanes of its own, no one raids the coalition from
		 * the air: named as the target, it was the raider */
		if (e->actor2 == coal)
			e->actor2 = NULL;
		e->actor1 = coal;
	}
}

static bool off_topic(const struct mentions *m)
{
	size_t i, n = 0;
	uint32_t last = UINT32_MAX;
	for (i = 0; i < m->ncue; i++) {
		if (m->cue[i].role != RASD_CUE_OFF_TOPIC || m->cue[i].tok == last)
			continue;
		last = m->cue[i].tok;
		if (++n >= 3)
			return true;
	}
	return false;
}

/* A text whose first line stands alone (no sentence end, a line break after
 * it) starts with a headline. */
static bool is_headline(const struct rasd_doc *doc)
{
	const struct rasd_sentence *s;
	const struct rasd_token *last;
	if (doc->nsentences < 2)
		return false;
	s = &doc->sentences[0];
	last = &doc->tokens[s->tok_end - 1];
	if (last->kind == RASD_TOK_PUNCT && (last->flags & RASD_TOKF_TERMINAL))
		return false;
	return s->tok_end < doc->ntokens &&
	       (doc->tokens[s->tok_end].flags & RASD_TOKF_LINE_BEFORE) &&
	       s->tok_end - s->tok_begin <= 30;
}

static void make_id(const struct rasd_article *art, const struct rasd_event *e, char *out,
		    size_t n)
{
	uint64_t h = 1469598103934665603ull;
	const char *parts[4];
	char num[64];
	size_t k, i;

	snprintf(num, sizeof(num), "%d:%u:%u", (int)e->evidence.field, e->evidence.start,
		 e->evidence.end);
	parts[0] = art->id ? art->id : "";
	parts[1] = num;
	parts[2] = e->sub_event_type;
	parts[3] = e->location ? e->location : "";
	for (k = 0; k < 4; k++) {
		for (i = 0; parts[k][i]; i++) {
			h ^= (unsigned char)parts[k][i];
			h *= 1099511628211ull;
		}
		h ^= 0xff;
		h *= 1099511628211ull;
	}
	snprintf(out, n, "rasd-%016llx", (unsigned long long)h);
}

/* Per-token tables of the document c->doc (with c->m its mentions): the
 * sentence of each token, the words that open a clause, and the commas that
 * set a date off (قصفت الطائرات، أمس، مواقع), computed once instead of for
 * every frame. */
static enum rasd_status index_doc(struct ctx *c)
{
	const struct rasd_doc *doc = c->doc;
	size_t s, k, n = doc->ntokens + 1;

	c->sent_of = rasd_arena_alloc(c->a, n * sizeof(uint32_t));
	c->opener = rasd_arena_alloc(c->a, n);
	c->aside_close = rasd_arena_alloc(c->a, n * sizeof(uint32_t));
	c->aside_open = rasd_arena_alloc(c->a, n * sizeof(uint32_t));
	c->sent_done = rasd_arena_calloc(c->a, doc->nsentences + 1, 1);
	if (!c->sent_of || !c->opener || !c->aside_close || !c->aside_open || !c->sent_done)
		return RASD_ENOMEM;
	for (s = 0; s < doc->nsentences; s++)
		for (k = doc->sentences[s].tok_begin; k < doc->sentences[s].tok_end; k++)
			c->sent_of[k] = (uint32_t)s;
	return RASD_OK;
}

/* The opener and aside tables of one sentence, filled the first time a
 * frame in it needs them (most sentences have no trigger). */
static void index_sentence(const struct ctx *c, const struct rasd_sentence *se)
{
	uint32_t k, si = c->sent_of[se->tok_begin];
	if (se->tok_end <= se->tok_begin || c->sent_done[si])
		return;
	c->sent_done[si] = 1;
	for (k = se->tok_begin; k < se->tok_end; k++) {
		c->opener[k] = clause_opener(c, k);
		c->aside_close[k] = 0;
		c->aside_open[k] = 0;
	}
	for (k = se->tok_begin; k < se->tok_end; k++) {
		uint32_t close = date_aside_end(c, k, se->tok_end);
		if (close) {
			c->aside_close[k] = close;
			c->aside_open[close] = k;
		}
	}
}

static enum rasd_status code_field(struct ctx *c, const char *text, size_t n, enum rasd_field field,
				   struct mentions *m, struct rasd_doc *doc)
{
	enum rasd_status st;

	st = rasd_doc_parse(c->a, text, n, doc);
	if (st)
		return st;
	st = find_mentions(c->lex, doc, c->published, c->a, m);
	if (st)
		return st;
	c->doc = doc;
	c->m = m;
	c->field = field;
	return index_doc(c);
}

/* Air raids told without their author in an article whose other air raids
 * in that country all have one (غارات النظام … الغارات قتلت 94) are that
 * author's: the article speaks of one campaign. */
static void share_strike_agents(struct event_list *l)
{
	size_t i, j;
	for (i = 0; i < l->n; i++) {
		struct rasd_event *e = &l->ev[i];
		const struct rasd_actor *who = NULL;
		bool one = true;
		/* air raids only: shelling and rockets cross front lines both ways
		 * (غزة and بئر السبع in one report), chemical attacks are disputed */
		if (e->actor1 || strcmp(e->sub_event_type, "Air/drone strike") != 0)
			continue;
		for (j = 0; j < l->n && one; j++) {
			const struct rasd_event *o = &l->ev[j];
			if (j == i || !o->actor1 || strcmp(o->sub_event_type, e->sub_event_type) != 0 ||
			    !o->country || !e->country || strcmp(o->country, e->country) != 0)
				continue;
			if (who && who != o->actor1)
				one = false;
			who = o->actor1;
		}
		/* only a force that flies: a state's or a foreign one */
		if (one && who && who != e->actor2 && (who->inter == 1 || who->inter == 8))
			e->actor1 = who;
	}
}

/* غارة جوية على شمال غربي اليمن … المستشفى الجمهوري في حجة: an event the
 * text places only in a part of a country takes the governorate of the
 * article when every place the article names in that country lies in one
 * governorate (at geo_precision 3, as ACLED codes a province-level place). */
static void narrow_country_events(const struct ctx *c, struct event_list *l)
{
	const struct mentions *m = c->m;
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		struct rasd_event *e = &l->ev[i];
		const char *adm = NULL;
		const struct m_place *best = NULL;
		bool one = true;
		bool region = false;
		/* a toll with no place at all (قتل خمسة مدنيين في غارات) in an
		 * article about one governorate: there, if it names it twice */
		bool placeless = !e->location && e->country && *e->country &&
				 e->evidence.field == RASD_FIELD_TEXT;
		size_t seen = 0;
		if (placeless)
			goto scan;
		if (!e->place || e->place->kind != RASD_PLACE_COUNTRY || !e->country ||
		    e->evidence.field != RASD_FIELD_TEXT)
			continue;
		/* only a part of the country (شمال غربي اليمن): a bare country name
		 * may mean strikes all over it */
		for (k = 0; k < m->nplace && !region; k++) {
			const struct m_place *p = &m->place[k];
			uint32_t at = c->doc->tokens[p->tok].start;
			if (p->place == e->place && p->direction && at >= e->evidence.sent_start &&
			    at < e->evidence.sent_end)
				region = true;
		}
		if (!region)
			continue;
	scan:
		for (k = 0; k < m->nplace && one; k++) {
			const struct m_place *p = &m->place[k];
			if (!p->place || p->place->kind == RASD_PLACE_COUNTRY || !p->admin1 ||
			    !*p->admin1 || !p->country || strcmp(p->country, e->country) != 0)
				continue;
			if (adm && strcmp(adm, p->admin1) != 0)
				one = false;
			adm = p->admin1;
			seen++;
			/* the governorate itself (or its seat) for coordinates */
			if (!best || p->place->kind < best->place->kind)
				best = p;
		}
		if (!one || !best || (placeless && seen < 2))
			continue;
		e->location = best->place->kind == RASD_PLACE_ADMIN1 ? best->name : best->admin1;
		e->place = best->place->kind == RASD_PLACE_ADMIN1 ? best->place : NULL;
		e->admin1 = best->admin1;
		e->admin2 = best->place->kind == RASD_PLACE_ADMIN1 ? NULL : best->admin2;
		e->pcode = e->place && e->place->pcode[0] ? e->place->pcode : NULL;
		e->has_coords = best->has_coords;
		e->latitude = best->lat;
		e->longitude = best->lon;
		e->geo_precision = 3;
	}
}

/* «الجيش», «قوات الأمن», «القوات الحكومية» (actor code STATE) name the forces
 * of the state the article is about: the state force the article named just
 * before (الجيش الإسرائيلي … الجيش, within 80 words), else the first
 * state-forces actor of the article's country (date-dependent codes are
 * recoded later), else the last state force named at all. A mention
 * that cannot be resolved, or that a nationality qualifies (قوات الأمن
 * الكويتية: a state rasd has no code for), is dropped. */
/* الشرطة المحلية، القوات الحكومية: adjectives that say which of a state's
 * forces, not whose; any other nisba after them names a state (or, for
 * قوات الأمن الداخلي, a force of its own: the Asayish, Lebanon's ISF) */
static bool generic_adjective(const struct rasd_token *t)
{
	static const char *const adj[] = {"المحليه", "الحكومي", "الحكوميه",
					  "النظامي", "النظاميه", "الرسمي", "الرسميه", "الاتحادي",
					  "الاتحاديه", "المركزي", "المركزيه", NULL};
	return in_list(t, adj);
}

static void resolve_state_forces(const struct rasd_lexicon *lex, const struct rasd_doc *doc,
				 struct mentions *m, const char *country)
{
	uint32_t state, national = UINT32_MAX, i, last = UINT32_MAX, last_tok = 0;
	size_t k, w = 0;
	const struct rasd_actor *a;

	if (!rasd_lex_actor_by_code(lex, "STATE", &state))
		return;
	for (i = 0; country && *country && (a = rasd_lex_actor(lex, i)) != NULL; i++)
		if (i != state && a->inter == 1 && strcmp(a->country, country) == 0) {
			national = i;
			break;
		}
	for (k = 0; k < m->nact; k++) {
		struct m_actor *ma = &m->act[k];
		bool army = false;
		uint32_t q;
		if (ma->actor != state) {
			a = rasd_lex_actor(lex, ma->actor);
			/* a state's own forces, or a foreign army (not a coalition,
			 * which lists the theatres it fights in) */
			if (a && !(ma->flags & RASD_ACTOR_ANAPHOR) &&
			    (a->inter == 1 || (a->inter == 8 && strcmp(a->theatre, a->country) == 0))) {
				last = ma->actor;
				last_tok = ma->tok + ma->ntok;
			}
			m->act[w++] = *ma;
			continue;
		}
		{
			uint32_t nx = ma->tok + ma->ntok;
			const struct rasd_token *t = nx < doc->ntokens ? &doc->tokens[nx] : NULL;
			if (t && t->kind == RASD_TOK_WORD && t->klen > 6 &&
			    memcmp(t->key, "ال", 4) == 0 &&
			    ((t->klen >= 2 && memcmp(t->key + t->klen - 2, "ي", 2) == 0) ||
			     (t->klen >= 4 && memcmp(t->key + t->klen - 4, "يه", 4) == 0))) {
				/* قوات الجيش اليمني: the name read from its last word
				 * (الجيش اليمني); قوات الأمن الكويتية, which rasd has
				 * no code for, is dropped */
				struct rasd_lex_match ms[16];
				size_t n = rasd_lex_match_at(lex, doc, nx - 1, ms, 16), r;
				bool found = false;
				for (r = 0; r < n && !found; r++)
					if (ms[r].kind == RASD_LEX_ACTOR && ms[r].u.actor.actor != state &&
					    ms[r].ntokens >= 2) {
						ma->actor = ms[r].u.actor.actor;
						ma->ntok = nx + ms[r].ntokens - 1 - ma->tok;
						found = true;
					}
				if (found) {
					m->act[w++] = *ma;
					continue;
				}
				if (!generic_adjective(t))
					continue;
			}
		}
		/* «الجيش»: the army just named (within a few sentences), else the
		 * article's own state's; the government's forces, its security
		 * forces and police are the article's state's */
		for (q = ma->tok; q < ma->tok + ma->ntok; q++)
			if (TOKEN_IS(&doc->tokens[q], "الجيش") || TOKEN_IS(&doc->tokens[q], "والجيش") ||
			    TOKEN_IS(&doc->tokens[q], "بالجيش") || TOKEN_IS(&doc->tokens[q], "للجيش"))
				army = true;
		if (last != UINT32_MAX &&
		    (national == UINT32_MAX || (army && ma->tok < last_tok + 80)))
			ma->actor = last;
		else if (national != UINT32_MAX)
			ma->actor = national;
		else
			continue;
		m->act[w++] = *ma;
	}
	m->nact = w;
}

enum rasd_status rasd_extract(const struct rasd_lexicon *lex, const struct rasd_article *art,
			      const struct rasd_extract_options *opt, struct rasd_arena *a,
			      struct rasd_event **events, size_t *nevents, struct rasd_error *err)
{
	struct ctx c;
	struct {
		uint32_t *sent_of;
		uint8_t *opener, *sent_done;
		uint32_t *aside_close, *aside_open;
	} body_index = {NULL, NULL, NULL, NULL, NULL};
	struct event_list out = {NULL, 0, 0};
	struct mentions body_m, title_m;
	struct rasd_doc body, title;
	size_t max = opt && opt->max_article_bytes ? opt->max_article_bytes : RASD_DEFAULT_MAX_ARTICLE;
	size_t i, nactors = 0;
	enum rasd_status st;
	const char *country;

	*events = NULL;
	*nevents = 0;
	if (!art->text || art->text_n == 0) {
		size_t k;
		bool blank = true;
		for (k = 0; art->text && k < art->text_n; k++)
			blank = false;
		if (blank)
			return rasd_error_set(err, RASD_EEMPTY, 0, 0, "article has no text");
	}
	{
		size_t k;
		bool blank = true;
		for (k = 0; k < art->text_n && blank; k++)
			if (art->text[k] != ' ' && art->text[k] != '\n' && art->text[k] != '\t' &&
			    art->text[k] != '\r')
				blank = false;
		if (blank)
			return rasd_error_set(err, RASD_EEMPTY, 0, 0, "article has no text");
	}
	if (art->text_n > max)
		return rasd_error_set(err, RASD_ETOOBIG, 0, 0,
				      "article is %zu bytes, over the limit of %zu (--max-article-bytes)",
				      art->text_n, max);
	memset(&c, 0, sizeof(c));
	c.lex = lex;
	c.a = a;
	c.published = INT32_MIN;
	if (art->published && rasd_date_parse(art->published, strlen(art->published), &c.published))
		c.published = INT32_MIN;
	c.civ = rasd_lex_actor_by_code(lex, "CIV", NULL);
	while (rasd_lex_actor(lex, (uint32_t)nactors))
		nactors++;
	c.named = rasd_arena_calloc(a, nactors + 1, sizeof(bool));
	if (!c.named)
		return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");

	/* Title first (for actor naming and the document's country), then body. */
	memset(&title, 0, sizeof(title));
	memset(&title_m, 0, sizeof(title_m));
	if (art->title && art->title_n) {
		st = code_field(&c, art->title, art->title_n, RASD_FIELD_TITLE, &title_m, &title);
		if (st)
			return rasd_error_set(err, st, 0, 0, "cannot tokenize title");
		mark_named(&c, (uint32_t)title.ntokens);
	}
	st = code_field(&c, art->text, art->text_n, RASD_FIELD_TEXT, &body_m, &body);
	if (st)
		return rasd_error_set(err, st, 0, 0, "cannot tokenize text");
	if (off_topic(&body_m)) {
		/* a match report's «الصاروخ» and «ضربة حرة» are football */
		*events = NULL;
		*nevents = 0;
		return RASD_OK;
	}
	country = dominant_country(lex, &body_m);
	if (!*country && title.ntokens)
		country = dominant_country(lex, &title_m);
	c.doc_country = country;
	resolve_state_forces(lex, &body, &body_m, country);
	resolve_places(lex, &body, &body_m, country);
	c.headline = !(art->title && art->title_n) && is_headline(&body);
	st = code_doc(&c, &out, false);
	if (st)
		return rasd_error_set(err, st, 0, 0, "out of memory");
	for (i = 0; i < c.headline_events.n; i++) {
		size_t body_n = out.n;
		if (merge_into(&c, &out, &c.headline_events.ev[i], true))
			continue;
		if (body_n > c.headline_events.n)
			continue; /* the body tells its own story */
		st = push_event(a, &out, &c.headline_events.ev[i]);
		if (st)
			return rasd_error_set(err, st, 0, 0, "out of memory");
	}
	if (title.ntokens) {
		resolve_state_forces(lex, &title, &title_m, country);
		resolve_places(lex, &title, &title_m, country);
		body_index.sent_of = c.sent_of;
		body_index.opener = c.opener;
		body_index.aside_close = c.aside_close;
		body_index.aside_open = c.aside_open;
		body_index.sent_done = c.sent_done;
		c.doc = &title;
		c.m = &title_m;
		c.field = RASD_FIELD_TITLE;
		if (index_doc(&c))
			return rasd_error_set(err, RASD_ENOMEM, 0, 0, "out of memory");
		{
			/* headline events only fold into the body's; a body with no
			 * event keeps a headline event that names a place */
			struct event_list tl = {NULL, 0, 0};
			size_t body_n = out.n;
			st = code_doc_title(&c, &tl);
			if (st)
				return rasd_error_set(err, st, 0, 0, "out of memory");
			for (i = 0; i < tl.n; i++) {
				if (merge_into(&c, &out, &tl.ev[i], true))
					continue;
				if (body_n == 0 && tl.ev[i].location && tl.ev[i].geo_precision < 3) {
					st = push_event(a, &out, &tl.ev[i]);
					if (st)
						return rasd_error_set(err, st, 0, 0, "out of memory");
				}
			}
		}
	}
	/* the body's place lists, now that merges have filled the events */
	c.doc = &body;
	c.m = &body_m;
	if (body_index.sent_of) {
		c.sent_of = body_index.sent_of;
		c.opener = body_index.opener;
		c.aside_close = body_index.aside_close;
		c.aside_open = body_index.aside_open;
		c.sent_done = body_index.sent_done;
	}
	for (i = 0; i < c.npending; i++) {
		st = list_events(&c, c.pending[i].place, c.pending[i].event, &out);
		if (st)
			return rasd_error_set(err, st, 0, 0, "out of memory");
	}
	consolidate(&out);
	for (i = 0; i < out.n; i++) {
		/* merges may have handed the crowd the force's role */
		struct rasd_event *e = &out.ev[i];
		if (strcmp(e->sub_event_type, "Excessive force against protesters") == 0 && e->actor1 &&
		    (e->actor1->inter == 5 || e->actor1->inter == 6))
			e->actor1 = NULL;
	}
	share_strike_agents(&out);
	narrow_country_events(&c, &out);
	attribute_yemen_air_raids(lex, art, &out);
	for (i = 0; i < out.n; i++)
		make_id(art, &out.ev[i], out.ev[i].event_id, sizeof(out.ev[i].event_id));
	*events = out.ev;
	*nevents = out.n;
	return RASD_OK;
}

enum rasd_status rasd_geocode(const struct rasd_lexicon *lex, const char *text, size_t n,
			      struct rasd_arena *a, struct rasd_place_mention **out, size_t *nout)
{
	struct rasd_doc doc;
	struct mentions m;
	struct rasd_place_mention *pm;
	enum rasd_status st;
	size_t i, k = 0;

	*out = NULL;
	*nout = 0;
	st = rasd_doc_parse(a, text, n, &doc);
	if (st)
		return st;
	st = find_mentions(lex, &doc, INT32_MIN, a, &m);
	if (st)
		return st;
	resolve_places(lex, &doc, &m, dominant_country(lex, &m));
	pm = rasd_arena_calloc(a, m.nplace + 1, sizeof(*pm));
	if (!pm)
		return RASD_ENOMEM;
	for (i = 0; i < m.nplace; i++) {
		const struct m_place *p = &m.place[i];
		const struct m_place *r = p;
		if (p->anaphor) {
			if (p->ref < 0)
				continue;
			r = &m.place[p->ref];
		}
		if (!r->place && !r->unknown)
			continue;
		pm[k].start = doc.tokens[p->tok].start;
		pm[k].end = doc.tokens[p->tok + p->ntok - 1].end;
		pm[k].location = r->name;
		pm[k].admin1 = r->admin1;
		pm[k].admin2 = r->admin2;
		pm[k].country = r->country;
		pm[k].place = r->place;
		pm[k].latitude = r->lat;
		pm[k].longitude = r->lon;
		pm[k].has_coords = r->has_coords;
		pm[k].geo_precision = r->precision;
		pm[k].unknown = r->unknown;
		k++;
	}
	*out = pm;
	*nout = k;
	return RASD_OK;
}
