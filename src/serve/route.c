/*
 * route.c - which handler answers which method and path: one table, exact
 * paths and one prefix (/api/events/ID). Everything not here is an
 * embedded asset or 404 (server.c).
 */
#include "serve.h"

#include <string.h>

struct route {
	const char *method; /* GET routes answer HEAD too */
	const char *path;
	bool prefix;        /* path is followed by an id */
	const char *suffix; /* and then this ("/review"), or NULL */
	serve_handler handler;
};

static const struct route routes[] = {
	{"GET", "/api/events", false, NULL, api_events},
	{"GET", "/api/events.csv", false, NULL, api_events_csv},
	{"GET", "/api/events.geojson", false, NULL, api_events_geojson},
	{"GET", "/api/events/", true, NULL, api_event},
	{"POST", "/api/events/", true, "/review", api_review},
	{"GET", "/api/events/", true, "/log", api_review_log},
	{"GET", "/api/points", false, NULL, api_points},
	{"GET", "/api/stats", false, NULL, api_stats},
	{"GET", "/api/search", false, NULL, api_search},
	{"GET", "/api/places", false, NULL, api_places},
	{"GET", "/api/session", false, NULL, api_session_get},
	{"POST", "/api/session", false, NULL, api_session},
};

serve_handler serve_route(const char *method, const char *path, bool *method_allowed)
{
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	bool path_known = false;
	size_t k;

	*method_allowed = true;
	for (k = 0; k < sizeof(routes) / sizeof(routes[0]); k++) {
		const struct route *r = &routes[k];
		size_t n = strlen(r->path);
		const char *slash = strchr(path + (strncmp(path, r->path, n) == 0 ? n : 0), '/');
		bool match;

		if (!r->prefix)
			match = strcmp(path, r->path) == 0;
		else if (strncmp(path, r->path, n) != 0 || !path[n] || path[n] == '/')
			match = false;
		else if (!r->suffix)
			match = !slash;
		else
			match = slash && strcmp(slash, r->suffix) == 0;
		if (!match)
			continue;
		path_known = true;
		if (strcmp(r->method, m) == 0)
			return r->handler;
	}
	if (path_known || strncmp(path, "/api/", 5) == 0)
		*method_allowed = !path_known;
	return NULL;
}
