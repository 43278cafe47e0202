/*
 * cmd_serve.c - `rasd serve --db DB`: the dashboard and its JSON API on
 * http://127.0.0.1:8080/ until Ctrl-C. Parses the options, reads the token
 * file, loads the gazetteer (for place look-ups), starts the server and
 * waits for SIGINT or SIGTERM.
 */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static void serve_usage(FILE *f)
{
	fputs("usage: rasd serve --db DB [--listen HOST:PORT] [--token-file FILE] [options]\n"
	      "\n"
	      "Serves the dashboard (map, timeline, table, evidence, review) and its\n"
	      "JSON API (docs/api.md) for an events database, until Ctrl-C.\n"
	      "\n"
	      "  --db DB               the events database (written only by reviews; a file\n"
	      "                        this user cannot write is served without them)\n"
	      "  --listen HOST:PORT    numeric address and port; default 127.0.0.1:8080,\n"
	      "                        [::1]:8080 for IPv6, port 0 for any free port\n"
	      "  --token-file FILE     the token every request must carry (a cookie after\n"
	      "                        logging in on the page); required to listen beyond\n"
	      "                        loopback\n"
	      "  --threads N           worker threads (default 2)\n"
	      "  --rate N              requests per second per client address (default 100,\n"
	      "                        0 for no cap); --burst N how many at once (default 2N)\n"
	      "  --data DIR            lexicon directory (for /api/places)\n"
	      "\n"
	      "The first line on standard output is the dashboard's URL.\n",
	      f);
}

static bool parse_listen(const char *s, char *host, size_t hostcap, unsigned *port)
{
	const char *colon;
	char *end;
	size_t n;
	unsigned long p;

	if (s[0] == '[') {
		colon = strchr(s, ']');
		if (!colon || colon[1] != ':')
			return false;
		n = (size_t)(colon - s - 1);
		s++;
		colon++;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return false;
		n = (size_t)(colon - s);
	}
	if (n == 0 || n >= hostcap)
		return false;
	memcpy(host, s, n);
	host[n] = '\0';
	errno = 0;
	p = strtoul(colon + 1, &end, 10);
	if (end == colon + 1 || *end || errno || p > 65535)
		return false;
	*port = (unsigned)p;
	return true;
}

/* The token: the file's first line, without surrounding white space. */
static bool read_token(const char *path, char *out, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n, b = 0;

	if (!f) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return false;
	}
	if (!fgets(out, (int)cap, f))
		out[0] = '\0';
	fclose(f);
	n = strcspn(out, "\r\n");
	out[n] = '\0';
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		out[--n] = '\0';
	while (out[b] == ' ' || out[b] == '\t')
		b++;
	memmove(out, out + b, n - b + 1);
	n -= b;
	if (n < 16) {
		cli_error("'%s': the token must be at least 16 characters", path);
		return false;
	}
	for (b = 0; b < n; b++)
		if ((unsigned char)out[b] < 0x21 || (unsigned char)out[b] > 0x7e || out[b] == ';' ||
		    out[b] == ',') {
			cli_error("'%s': the token must be printable ASCII without ';' or ','", path);
			return false;
		}
	return true;
}

static bool parse_num(const char *opt, const char *v, double lo, double hi, double *out)
{
	char *end;
	double d = strtod(v, &end);

	if (end == v || *end || !(d >= lo && d <= hi)) {
		cli_error("%s: '%s' is not a number in %g..%g", opt, v, lo, hi);
		return false;
	}
	*out = d;
	return true;
}

int cmd_serve(int argc, char **argv)
{
	struct cli_common o;
	struct rasd_server_config c;
	struct rasd_server *srv = NULL;
	struct rasd_lexicon *lex = NULL;
	struct rasd_acled *acled = NULL;
	struct rasd_error err;
	const char *listen = "127.0.0.1:8080", *token_file = NULL;
	char host[64], token[256];
	double threads = 2, rate = 100, burst = 0;
	sigset_t set;
	int i, sig;

	cli_common_init(&o);
	memset(&c, 0, sizeof(c));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int r = cli_common_option(&o, argc, argv, &i);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			serve_usage(stdout);
			return 0;
		}
		if (strcmp(a, "--db") && strcmp(a, "--listen") && strcmp(a, "--token-file") &&
		    strcmp(a, "--threads") && strcmp(a, "--rate") && strcmp(a, "--burst")) {
			cli_error("serve: unknown option '%s'", a);
			serve_usage(stderr);
			return 2;
		}
		if (!v) {
			cli_error("option '%s' needs a value", a);
			return 2;
		}
		i++;
		if (strcmp(a, "--db") == 0)
			c.db_path = v;
		else if (strcmp(a, "--listen") == 0)
			listen = v;
		else if (strcmp(a, "--token-file") == 0)
			token_file = v;
		else if (strcmp(a, "--threads") == 0 ? !parse_num(a, v, 1, 64, &threads)
			 : strcmp(a, "--rate") == 0   ? !parse_num(a, v, 0, 1e9, &rate)
						      : !parse_num(a, v, 1, 1e9, &burst))
			return 2;
	}
	if (!c.db_path) {
		cli_error("serve: --db DB is required");
		return 2;
	}
	if (!parse_listen(listen, host, sizeof(host), &c.port)) {
		cli_error("--listen: '%s' is not HOST:PORT (e.g. 127.0.0.1:8080)", listen);
		return 2;
	}
	if (token_file) {
		if (!read_token(token_file, token, sizeof(token)))
			return 2;
		c.token = token;
	} else if (!rasd_host_is_loopback(host)) {
		cli_error("serve: listening on '%s' (beyond this machine) needs --token-file", host);
		return 2;
	}
	lex = cli_load_lexicon(&o);
	if (!lex)
		return 1;
	acled = cli_load_acled(&o, lex);
	if (!acled) {
		rasd_lexicon_free(lex);
		return 1;
	}
	c.acled = acled;
	c.host = host;
	c.lex = lex;
	c.threads = (unsigned)threads;
	c.rate = rate;
	c.burst = burst;

	/* block the stop signals before the server's threads start, so that
	 * they inherit the mask and sigwait below receives them */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	rasd_error_clear(&err);
	if (rasd_server_start(&c, &srv, &err) != RASD_OK) {
		cli_db_error(&err);
		rasd_acled_free(acled);
		rasd_lexicon_free(lex);
		return 1;
	}
	printf("http://%s%s%s:%u/\n", strchr(host, ':') ? "[" : "", host,
	       strchr(host, ':') ? "]" : "", rasd_server_port(srv));
	fflush(stdout);
	if (!o.quiet)
		fprintf(stderr, "rasd: serving '%s'; open the URL above in a browser (Ctrl-C stops)\n",
			c.db_path);
	if (!rasd_server_reviews(srv))
		cli_warn("'%s' cannot be written here: the dashboard shows it without review buttons",
			 c.db_path);
	sig = 0;
	sigwait(&set, &sig);
	rasd_server_free(srv);
	rasd_acled_free(acled);
	rasd_lexicon_free(lex);
	return 0;
}
