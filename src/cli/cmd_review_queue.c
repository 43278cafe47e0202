/*
 * cmd_review_queue.c - the interactive review queue of `rasd review` on a
 * terminal: events lowest confidence first, each shown with its headline,
 * its coded fields and the evidence sentence with the trigger highlighted;
 * one key accepts, rejects, edits a field, skips or undoes. The terminal
 * is put in non-canonical mode for single keys and restored on every exit
 * path; prompts for a reason or a FIELD=VALUE read a whole line.
 */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define BOLD "\033[1m"
#define MARK "\033[7m" /* the trigger, in reverse video */
#define DIM "\033[2m"
#define OFF "\033[0m"

static struct termios saved;
static bool raw_on;

static void raw_mode(bool on)
{
	struct termios t;

	if (on && !raw_on) {
		if (tcgetattr(STDIN_FILENO, &saved) != 0)
			return;
		t = saved;
		t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
			raw_on = true;
	} else if (!on && raw_on) {
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
		raw_on = false;
	}
}

/* ^C or a hangup leaves the terminal as it was found. */
static void on_signal(int sig)
{
	if (raw_on)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* One key; -1 at the end of input. */
static int read_key(void)
{
	unsigned char c;
	ssize_t n;

	fflush(stdout);
	raw_mode(true);
	do
		n = read(STDIN_FILENO, &c, 1);
	while (n < 0 && errno == EINTR);
	return n == 1 ? c : -1;
}

/* A whole line, echoed, without its newline; false at the end of input. */
static bool read_line(const char *prompt, char *out, size_t n)
{
	size_t len;

	raw_mode(false);
	fputs(prompt, stdout);
	fflush(stdout);
	if (!fgets(out, (int)n, stdin))
		return false;
	len = strlen(out);
	while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	return true;
}

/* The events of the queue, by row id, fixed when it starts. */
struct ids {
	long long *v;
	size_t n, cap;
};

static enum rasd_status collect(void *ctx, const struct rasd_db_event *e)
{
	struct ids *ids = ctx;

	if (ids->n == ids->cap) {
		size_t nc = ids->cap ? ids->cap * 2 : 64;
		long long *nv = realloc(ids->v, nc * sizeof(*nv));
		if (!nv)
			return RASD_ENOMEM;
		ids->v = nv;
		ids->cap = nc;
	}
	ids->v[ids->n++] = e->number;
	return RASD_OK;
}

struct shown {
	bool found;
	char status[16];
};

static void sentence_with_trigger(const struct rasd_db_event *e)
{
	const struct rasd_db_source *s = e->nlinks ? &e->links[0] : NULL;
	const char *p = s && s->sentence ? s->sentence : "";
	size_t n = strlen(p), a = 0, b = 0, i;

	if (s && s->evidence.start >= s->evidence.sent_start &&
	    s->evidence.end >= s->evidence.start && s->evidence.end - s->evidence.sent_start <= n) {
		a = s->evidence.start - s->evidence.sent_start;
		b = s->evidence.end - s->evidence.sent_start;
	}
	fputs("  ", stdout);
	for (i = 0; i < n; i++) {
		if (a < b && i == a)
			fputs(MARK, stdout);
		if (a < b && i == b)
			fputs(OFF, stdout);
		putchar(p[i] == '\n' || p[i] == '\t' ? ' ' : p[i]);
	}
	if (a < b && b >= n)
		fputs(OFF, stdout);
	putchar('\n');
}

static const char *code(const struct rasd_actor *a)
{
	return a ? a->code : "-";
}

static enum rasd_status show(void *ctx, const struct rasd_db_event *e)
{
	struct shown *sh = ctx;
	const struct rasd_event *ev = &e->event;
	char date[11] = "undated";

	sh->found = true;
	snprintf(sh->status, sizeof(sh->status), "%s", e->review_status);
	if (ev->has_date)
		rasd_format_date(ev->date, date);
	printf(BOLD "#%lld" OFF "  %s  confidence %.2f  %s%s%s\n", e->number, ev->event_id,
	       ev->confidence, e->review_status, e->review_reason ? ": " : "",
	       e->review_reason ? e->review_reason : "");
	if (e->recheck)
		printf("  " BOLD "re-check:" OFF " %s\n", e->recheck);
	printf("  headline: %s\n", e->article.title && *e->article.title ? e->article.title : "-");
	printf("  %s / %s   %s   killed %ld   %s\n", ev->event_type, ev->sub_event_type, date,
	       ev->fatalities, rasd_modality_name(ev->modality));
	printf("  actor1 %s  assoc %s  actor2 %s  assoc %s\n", code(ev->actor1),
	       code(ev->assoc_actor1), code(ev->actor2), code(ev->assoc_actor2));
	printf("  place %s%s%s%s%s (precision %d)\n", ev->location ? ev->location : "-",
	       ev->admin1 && *ev->admin1 ? "، " : "", ev->admin1 ? ev->admin1 : "",
	       ev->country && *ev->country ? " " : "", ev->country ? ev->country : "",
	       ev->geo_precision);
	printf("  trigger " MARK "%s" OFF "   %s, %ld article(s)\n", ev->trigger ? ev->trigger : "",
	       e->article.id ? e->article.id : "", e->narticles);
	sentence_with_trigger(e);
	return RASD_OK;
}

/* The undo stack keeps the latest changes when it is full. */
static void remember(long long *done, size_t *n, size_t cap, long long event)
{
	if (*n == cap) {
		memmove(done, done + 1, (cap - 1) * sizeof(*done));
		(*n)--;
	}
	done[(*n)++] = event;
}

static void reason_menu(void)
{
	size_t k;

	fputs("  reject as:", stdout);
	for (k = 0; rasd_review_reasons[k]; k++)
		printf(" %zu %s", k + 1, rasd_review_reasons[k]);
	fputs("   (other key: back)\n", stdout);
}

int cli_review_queue(struct rasd_db *db, const struct rasd_lexicon *lex,
		     const struct rasd_db_filter *filter, const struct rasd_review_by *by)
{
	struct rasd_db_filter f = *filter;
	struct rasd_arena a;
	struct rasd_error err;
	struct ids ids = {NULL, 0, 0};
	long long *done = NULL; /* events changed in this session, for undo */
	size_t ndone = 0, pos = 0, done_cap;
	long accepted = 0, rejected = 0, edited = 0, skipped = 0, undone = 0;
	enum rasd_status st;
	char msg[600] = "";
	int rc = 0;

	rasd_arena_init(&a, 0);
	rasd_error_clear(&err);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	f.order = RASD_ORDER_CONFIDENCE;
	f.newest_first = false;
	st = rasd_db_query(db, &f, &a, collect, &ids, &err);
	if (st != RASD_OK) {
		cli_error("%s", err.msg[0] ? err.msg : rasd_strerror(st));
		rc = st == RASD_EINVAL || st == RASD_ESYNTAX ? 2 : 1;
		goto out;
	}
	done_cap = ids.n * 4 + 16;
	done = calloc(done_cap, sizeof(*done));
	if (!done) {
		cli_error("out of memory");
		rc = 1;
		goto out;
	}
	while (pos < ids.n) {
		struct rasd_db_filter one;
		struct shown sh = {false, ""};
		int key;

		memset(&one, 0, sizeof(one));
		one.number = ids.v[pos];
		one.review = "all";
		fputs("\033[H\033[2J", stdout);
		printf(DIM "rasd review: %zu of %zu" OFF "\n\n", pos + 1, ids.n);
		st = rasd_db_query(db, &one, &a, show, &sh, &err);
		if (st != RASD_OK) {
			raw_mode(false);
			cli_error("%s", err.msg[0] ? err.msg : rasd_strerror(st));
			rc = 1;
			goto out;
		}
		if (!sh.found) { /* merged away meanwhile */
			pos++;
			continue;
		}
		if (msg[0])
			printf("\n  %s\n", msg);
		msg[0] = '\0';
		fputs("\n  " BOLD "a" OFF " accept   " BOLD "r" OFF " reject   " BOLD "e" OFF
		      " edit a field   " BOLD "s" OFF " skip   " BOLD "u" OFF " undo   " BOLD "q" OFF
		      " quit\n",
		      stdout);
		key = read_key();
		if (key < 0 || key == 'q' || key == 4 /* ^D */)
			break;
		rasd_error_clear(&err);
		if (key == 'a') {
			st = rasd_review_accept(db, ids.v[pos], by, &err);
			if (st == RASD_OK) {
				accepted++;
				remember(done, &ndone, done_cap, ids.v[pos]);
				pos++;
			}
		} else if (key == 'r') {
			int k2, nreasons = 0;
			reason_menu();
			while (rasd_review_reasons[nreasons])
				nreasons++;
			k2 = read_key();
			if (k2 >= '1' && k2 < '1' + nreasons) {
				const char *reason = rasd_review_reasons[k2 - '1'];
				long long dup = 0;
				char line[256];
				st = RASD_OK;
				if (strcmp(reason, "duplicate") == 0) {
					if (!read_line("  duplicate of event: ", line, sizeof(line)))
						break;
					st = rasd_review_find(db, line, &dup, &err);
				}
				if (st == RASD_OK)
					st = rasd_review_reject(db, ids.v[pos], reason, dup, by, &err);
				if (st == RASD_OK) {
					rejected++;
					remember(done, &ndone, done_cap, ids.v[pos]);
					pos++;
				}
			} else {
				st = RASD_OK;
			}
		} else if (key == 'e') {
			char line[1024], *eq;
			struct rasd_review_assign set;
			if (!read_line("  FIELD=VALUE (e.g. fatalities=3, actor1=ISIS): ", line,
				       sizeof(line)))
				break;
			eq = strchr(line, '=');
			st = RASD_OK;
			if (!line[0]) {
				/* nothing typed: back to the event */
			} else if (!eq || eq == line) {
				snprintf(msg, sizeof(msg), "'%.500s' is not FIELD=VALUE", line);
			} else {
				*eq = '\0';
				set.field = line;
				set.value = eq + 1;
				st = rasd_review_set(db, lex, ids.v[pos], &set, 1, by, &err);
				if (st == RASD_OK) {
					edited++;
					remember(done, &ndone, done_cap, ids.v[pos]);
					snprintf(msg, sizeof(msg), "%.500s set; a to accept it as corrected",
						 line);
				}
			}
		} else if (key == 's' || key == ' ' || key == 'n') {
			skipped++;
			pos++;
			st = RASD_OK;
		} else if (key == 'u') {
			st = RASD_OK;
			if (ndone == 0) {
				snprintf(msg, sizeof(msg), "nothing to undo in this session");
			} else {
				long long ev = done[--ndone];
				size_t k;
				st = rasd_review_undo(db, ev, by, &err);
				if (st == RASD_OK) {
					undone++;
					for (k = 0; k < ids.n; k++)
						if (ids.v[k] == ev)
							pos = k;
					snprintf(msg, sizeof(msg), "undone");
				}
			}
		} else {
			st = RASD_OK;
		}
		if (st != RASD_OK)
			snprintf(msg, sizeof(msg), "%s", err.msg[0] ? err.msg : rasd_strerror(st));
	}
	raw_mode(false);
	printf("\nrasd review: %ld accepted, %ld rejected, %ld edited, %ld skipped, %ld undone; "
	       "%zu left\n",
	       accepted, rejected, edited, skipped, undone, ids.n > pos ? ids.n - pos : 0);
	fflush(stdout);
out:
	raw_mode(false);
	free(done);
	free(ids.v);
	rasd_arena_release(&a);
	return rc;
}
