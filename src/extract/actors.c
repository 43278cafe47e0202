/*
 * actors.c - which actor a mention names, beyond the lexicon's own reading:
 * coreference (an anaphor such as التنظيم counts once its actor has been
 * named), «الجيش» and «قوات الأمن» resolved to the state the article is
 * about, codes that depend on where and when (Hezbollah in Syria, the Syrian
 * state after December 2024), and, on finished events, the author of an air
 * raid the text leaves unsaid. Reads the lexicon, the actor mentions and the
 * events so far. Part of extract/ (see frame.h).
 */
#include "frame.h"

/* Actors named before `upto` count as named (for anaphora); marking only
 * grows, so each call goes on from where the last one stopped. */
void mark_named(struct ctx *c, uint32_t upto)
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

/* Codes that depend on where and when: Hezbollah and the IRGC fighting in
 * Syria are coded as Iran-backed militias there (as ACLED does), and the
 * Syrian state after 8 December 2024 is the new government, not the regime. */
const struct rasd_actor *recode_actor(const struct ctx *c, const struct rasd_actor *a,
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
static bool generic_adjective(const struct rasd_lexicon *lex, const struct rasd_token *t)
{
	return word_in(lex, t, RASD_WL_FORCE_ADJECTIVE);
}

void resolve_state_forces(const struct rasd_lexicon *lex, const struct rasd_doc *doc,
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
						ma->state_resolved = true;
						ma->ntok = nx + ms[r].ntokens - 1 - ma->tok;
						found = true;
					}
				if (found) {
					m->act[w++] = *ma;
					continue;
				}
				if (!generic_adjective(lex, t))
					continue;
			}
		}
		/* «الجيش»: the army just named (within a few sentences), else the
		 * article's own state's; the government's forces, its security
		 * forces and police are the article's state's */
		for (q = ma->tok; q < ma->tok + ma->ntok; q++)
			if (word_in(lex, &doc->tokens[q], RASD_WL_ARMY))
				army = true;
		if (last != UINT32_MAX &&
		    (national == UINT32_MAX || (army && ma->tok < last_tok + 80)))
			ma->actor = last, ma->state_resolved = true;
		else if (national != UINT32_MAX)
			ma->actor = national, ma->state_resolved = true;
		else
			continue;
		m->act[w++] = *ma;
	}
	m->nact = w;
}

/* Air raids told without their author in an article whose other air raids
 * in that country all have one (غارات النظام … الغارات قتلت 94) are that
 * author's: the article speaks of one campaign. */
void share_strike_agents(struct ctx *c, struct event_list *l)
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
		if (one && who && who != e->actor2 && (who->inter == 1 || who->inter == 8)) {
			e->actor1 = who;
			trace_event(c, e, R_ACTORS_CAMPAIGN_AUTHOR, e->evidence.start, e->evidence.end);
		}
	}
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

/* Does the original text hay[0..n) contain a word of the list, as bytes? */
static bool has_list_bytes(const struct rasd_lexicon *lex, const char *hay, size_t n,
			   enum rasd_word_list list)
{
	size_t nw, i;
	const struct rasd_str *w = rasd_lex_word_list(lex, list, &nw);
	for (i = 0; i < nw; i++)
		if (has_bytes(hay, n, w[i].p))
			return true;
	return false;
}

/* In Yemen only the Saudi-led coalition flies warplanes (the Houthis fly
 * drones; US strikes on al-Qaeda are named as such), so an air raid there
 * whose author the report leaves unsaid is the coalition's, as ACLED codes
 * it. Raids told with drones (مسيرة، درون) or on al-Qaeda stay unattributed.
 * Done on finished events, so that the inference never steers a merge. */
void attribute_yemen_air_raids(struct ctx *c, const struct rasd_article *art,
			       struct event_list *l)
{
	const struct rasd_actor *coal = rasd_lex_actor_by_code(c->lex, "SAUDI-COAL", NULL);
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
		if (has_list_bytes(c->lex, sent, n, RASD_WL_DRONE_WORD))
			continue;
		/* with no warplanes of its own, no one raids the coalition from
		 * the air: named as the target, it was the raider */
		if (e->actor2 == coal)
			e->actor2 = NULL;
		e->actor1 = coal;
		trace_event(c, e, R_ACTORS_YEMEN_AIR_RAID, e->evidence.start, e->evidence.end);
	}
}

/* Political violence always has a perpetrator: one the report does not name
 * (انفجرت عبوة ناسفة، قتل شاب بإطلاق نار) is an unidentified armed group,
 * as ACLED codes it. Done last, so that merges still join an unnamed report
 * of a happening with the one that names its author. */
void unidentified_perpetrators(struct ctx *c, struct event_list *l)
{
	const struct rasd_actor *unk = rasd_lex_actor_by_code(c->lex, "UNK", NULL);
	size_t i;
	for (i = 0; i < l->n && unk; i++) {
		struct rasd_event *e = &l->ev[i];
		if (e->actor1 || !(strcmp(e->event_type, T_BATTLES) == 0 ||
				   strcmp(e->event_type, T_ERV) == 0 || strcmp(e->event_type, T_VAC) == 0))
			continue;
		if (e->actor2 == unk)
			continue;
		e->actor1 = unk;
		trace_event(c, e, R_ACTORS_UNIDENTIFIED, e->evidence.start, e->evidence.end);
	}
}

