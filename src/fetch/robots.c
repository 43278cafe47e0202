/*
 * robots.c - robots.txt as RFC 9309 reads it: groups of User-agent lines
 * with Allow and Disallow rules (* and $ in paths), the group naming
 * rasd's token, else the "*" group; the longest matching rule wins and
 * Allow wins a tie. Crawl-delay, which many news sites set, is read too.
 * Matching is iterative and bounded by the lengths of rule and path.
 * Part of fetch/: depends on core only.
 */
#include "rasd.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_RULES 2000
#define MAX_RULE_BYTES 512

struct rule {
	char *path;
	size_t n;
	bool allow;
};

struct rasd_robots {
	struct rule *rules;
	size_t nrules;
	long delay_ms;
};

struct group_state {
	bool named_us;  /* the current group names our token */
	bool star;      /* the current group is "*" */
	bool in_agents; /* still reading the group's User-agent lines */
};

static void trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
		(*e)--;
}

static bool add_rule(struct rule **rules, size_t *n, size_t *cap, const char *p, size_t len,
		     bool allow)
{
	struct rule *r;
	if (*n >= MAX_RULES || len > MAX_RULE_BYTES)
		return true; /* beyond the caps: ignored, as crawlers do */
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct rule *nr = realloc(*rules, ncap * sizeof(*nr));
		if (!nr)
			return false;
		*rules = nr;
		*cap = ncap;
	}
	r = &(*rules)[(*n)++];
	r->path = malloc(len + 1);
	if (!r->path) {
		(*n)--;
		return false;
	}
	memcpy(r->path, p, len);
	r->path[len] = '\0';
	r->n = len;
	r->allow = allow;
	return true;
}

static void free_rules(struct rule *rules, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(rules[i].path);
	free(rules);
}

enum rasd_status rasd_robots_parse(const char *p, size_t n, const char *agent,
				   struct rasd_robots **out)
{
	/* rules of our own group and of "*", kept apart: ours win when present */
	struct rule *own = NULL, *any = NULL;
	size_t nown = 0, cown = 0, nany = 0, cany = 0;
	long own_delay = -1, any_delay = -1;
	bool own_seen = false;
	struct group_state g = {false, false, false};
	const char *line = p, *end = p + n;
	struct rasd_robots *r;
	size_t alen = strlen(agent);

	*out = NULL;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *le = nl ? nl : end, *hash, *colon, *ks, *ke, *vs, *ve;

		hash = memchr(line, '#', (size_t)(le - line));
		if (hash)
			le = hash;
		colon = memchr(line, ':', (size_t)(le - line));
		if (colon) {
			ks = line, ke = colon, vs = colon + 1, ve = le;
			trim(&ks, &ke);
			trim(&vs, &ve);
			if ((size_t)(ke - ks) == 10 && strncasecmp(ks, "user-agent", 10) == 0) {
				if (!g.in_agents)
					g.named_us = g.star = false;
				g.in_agents = true;
				if (ve - vs == 1 && *vs == '*')
					g.star = true;
				else if ((size_t)(ve - vs) >= alen && alen &&
					 strncasecmp(vs, agent, alen) == 0)
					g.named_us = own_seen = true;
			} else {
				bool allow = (size_t)(ke - ks) == 5 && strncasecmp(ks, "allow", 5) == 0;
				bool disallow =
				    (size_t)(ke - ks) == 8 && strncasecmp(ks, "disallow", 8) == 0;
				bool delay =
				    (size_t)(ke - ks) == 11 && strncasecmp(ks, "crawl-delay", 11) == 0;
				g.in_agents = false;
				if ((allow || disallow) && ve > vs) { /* an empty Disallow allows all */
					if (g.named_us &&
					    !add_rule(&own, &nown, &cown, vs, (size_t)(ve - vs), allow))
						goto nomem;
					if (g.star &&
					    !add_rule(&any, &nany, &cany, vs, (size_t)(ve - vs), allow))
						goto nomem;
				} else if (delay) {
					char num[32];
					size_t k = (size_t)(ve - vs) < 31 ? (size_t)(ve - vs) : 31;
					double sec;
					memcpy(num, vs, k);
					num[k] = '\0';
					sec = strtod(num, NULL);
					if (sec > 60)
						sec = 60;
					if (sec > 0) {
						if (g.named_us)
							own_delay = (long)(sec * 1000);
						if (g.star)
							any_delay = (long)(sec * 1000);
					}
				}
			}
		}
		line = nl ? nl + 1 : end;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		goto nomem;
	if (own_seen) {
		r->rules = own, r->nrules = nown, r->delay_ms = own_delay > 0 ? own_delay : 0;
		free_rules(any, nany);
	} else {
		r->rules = any, r->nrules = nany, r->delay_ms = any_delay > 0 ? any_delay : 0;
		free_rules(own, nown);
	}
	*out = r;
	return RASD_OK;
nomem:
	free_rules(own, nown);
	free_rules(any, nany);
	return RASD_ENOMEM;
}

/* Does pattern (with * and a final $) match the start of path? Greedy
 * matching with one backtrack point: O(len(pattern) * len(path)). */
static bool match(const char *pat, size_t pn, const char *path)
{
	size_t pi = 0, si = 0, star_p = (size_t)-1, star_s = 0, sn = strlen(path);
	bool anchored = pn && pat[pn - 1] == '$';

	if (anchored)
		pn--;
	for (;;) {
		if (pi == pn) {
			if (!anchored || si == sn)
				return true;
		} else if (pat[pi] == '*') {
			star_p = pi++;
			star_s = si;
			continue;
		} else if (si < sn && pat[pi] == path[si]) {
			pi++, si++;
			continue;
		}
		if (star_p == (size_t)-1 || star_s >= sn)
			return false;
		pi = star_p + 1;
		si = ++star_s;
	}
}

bool rasd_robots_allowed(const struct rasd_robots *r, const char *path)
{
	size_t i, best = 0;
	bool allowed = true, any = false;

	if (!r)
		return true;
	if (strcmp(path, "/robots.txt") == 0)
		return true;
	for (i = 0; i < r->nrules; i++) {
		const struct rule *ru = &r->rules[i];
		if (!match(ru->path, ru->n, path))
			continue;
		if (!any || ru->n > best || (ru->n == best && ru->allow)) {
			best = ru->n;
			allowed = ru->allow;
			any = true;
		}
	}
	return allowed;
}

long rasd_robots_delay_ms(const struct rasd_robots *r)
{
	return r ? r->delay_ms : 0;
}

void rasd_robots_free(struct rasd_robots *r)
{
	if (!r)
		return;
	free_rules(r->rules, r->nrules);
	free(r);
}
