/*
 * common.c - shared command-line plumbing: options every command takes,
 * finding the data directory, loading lexicons, reading articles from
 * JSONL/text/stdin (bad lines are reported and skipped, never fatal to the
 * batch), and checked writes to stdout. Part of cli/.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether a progress line (cli_progress) is on the terminal: a message
 * first clears it, so it always starts a line of its own. */
static bool progress_on;

static void progress_clear(void)
{
	if (progress_on) {
		fputs("\r\033[K", stderr);
		progress_on = false;
	}
}

void cli_progress(const char *fmt, ...)
{
	va_list ap;
	fputc('\r', stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\033[K", stderr);
	fflush(stderr);
	progress_on = true;
}

void cli_progress_end(void)
{
	if (progress_on)
		fputc('\n', stderr);
	progress_on = false;
}

const char *cli_plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* One message, one line: line breaks and other control characters in what
 * it quotes (an id or a date read from the input) are shown as spaces. */
static void cli_vmessage(struct rasd_buf *log, const char *prefix, const char *fmt, va_list ap)
{
	char msg[8192], *p;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	for (p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	/* a message that cannot be kept is printed now: late beats lost */
	if (log && rasd_buf_printf(log, "%s%s\n", prefix, msg) == RASD_OK)
		return;
	progress_clear();
	fprintf(stderr, "%s%s\n", prefix, msg);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vmessage(NULL, "rasd: ", fmt, ap);
	va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vmessage(NULL, "rasd: warning: ", fmt, ap);
	va_end(ap);
}

void cli_log_error(struct rasd_buf *log, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vmessage(log, "rasd: ", fmt, ap);
	va_end(ap);
}

void cli_log_warn(struct rasd_buf *log, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vmessage(log, "rasd: warning: ", fmt, ap);
	va_end(ap);
}

void cli_log_flush(struct rasd_buf *log)
{
	if (log->n) {
		progress_clear();
		fwrite(log->p, 1, log->n, stderr);
	}
	rasd_buf_reset(log);
}

static bool write_failed;

bool cli_write(const struct rasd_buf *b)
{
	if (write_failed)
		return false;
	if (b->n && fwrite(b->p, 1, b->n, stdout) != b->n) {
		cli_error("cannot write output: %s", strerror(errno));
		write_failed = true;
		return false;
	}
	return true;
}

bool cli_flush(void)
{
	if (write_failed)
		return false;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write output: %s", strerror(errno));
		write_failed = true;
		return false;
	}
	return true;
}

void cli_common_init(struct cli_common *o)
{
	memset(o, 0, sizeof(*o));
	o->max_article_bytes = RASD_DEFAULT_MAX_ARTICLE;
}

/* [-]digits[.digits]: how many bytes of s form one, or 0. */
static size_t decimal_span(const char *s, bool real, bool neg_ok) /* then range-checked */
{
	size_t i = 0, d = 0;

	if (neg_ok && s[i] == '-')
		i++;
	while (s[i] >= '0' && s[i] <= '9')
		i++, d++;
	if (d == 0)
		return 0;
	if (real && s[i] == '.') {
		size_t f = 0;
		i++;
		while (s[i] >= '0' && s[i] <= '9')
			i++, f++;
		if (f == 0)
			return 0;
	}
	return i;
}

bool cli_parse_long(const char *opt, const char *v, long lo, long hi, long *out)
{
	size_t n = decimal_span(v, false, true);
	long long x;
	char *end;

	if (n == 0 || v[n] != '\0') {
		cli_error("%s: '%s' is not a decimal number", opt, v);
		return false;
	}
	errno = 0;
	x = strtoll(v, &end, 10);
	if (errno == ERANGE || x < lo || x > hi) {
		cli_error("%s: '%s' is out of range (%ld..%ld)", opt, v, lo, hi);
		return false;
	}
	*out = (long)x;
	return true;
}

bool cli_parse_real(const char *opt, const char *v, double lo, double hi, double *out)
{
	size_t n = decimal_span(v, true, true);
	double x;

	if (n == 0 || v[n] != '\0') {
		cli_error("%s: '%s' is not a decimal number", opt, v);
		return false;
	}
	x = strtod(v, NULL);
	if (!(x >= lo && x <= hi)) {
		cli_error("%s: '%s' is out of range (%g..%g)", opt, v, lo, hi);
		return false;
	}
	*out = x;
	return true;
}

static bool parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	if (!(*s >= '0' && *s <= '9'))
		return false; /* decimal digits, then k or M */
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || v > (1ull << 32))
		return false;
	if (*end == 'k' || *end == 'K')
		v *= 1024ull, end++;
	else if (*end == 'm' || *end == 'M')
		v *= 1024ull * 1024ull, end++;
	if (*end || v == 0 || v > (1ull << 32))
		return false;
	*out = (size_t)v;
	return true;
}

int cli_common_option(struct cli_common *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;

#define NEEDS_VALUE                                                                        \
	do {                                                                               \
		if (!v) {                                                                  \
			cli_error("option '%s' needs a value", a);                         \
			return -1;                                                         \
		}                                                                          \
		(*i)++;                                                                    \
	} while (0)

	if (strcmp(a, "--data") == 0) {
		NEEDS_VALUE;
		o->data_dir = v;
	} else if (strcmp(a, "--places") == 0) {
		NEEDS_VALUE;
		if (o->nplaces >= sizeof(o->places) / sizeof(o->places[0])) {
			cli_error("too many --places files");
			return -1;
		}
		o->places[o->nplaces++] = v;
	} else if (strcmp(a, "--published") == 0) {
		int32_t d;
		NEEDS_VALUE;
		if (rasd_date_parse(v, strlen(v), &d) != RASD_OK) {
			cli_error("--published: '%s' is not a date (YYYY-MM-DD)", v);
			return -1;
		}
		o->published = v;
	} else if (strcmp(a, "--source") == 0) {
		NEEDS_VALUE;
		o->source = v;
	} else if (strcmp(a, "--input-format") == 0) {
		NEEDS_VALUE;
		if (strcmp(v, "jsonl") && strcmp(v, "text")) {
			cli_error("--input-format: '%s' is not jsonl or text", v);
			return -1;
		}
		o->input_format = v;
	} else if (strcmp(a, "--max-article-bytes") == 0) {
		NEEDS_VALUE;
		if (!parse_size(v, &o->max_article_bytes)) {
			cli_error("--max-article-bytes: '%s' is not a size", v);
			return -1;
		}
	} else if (strcmp(a, "--strict") == 0) {
		o->strict = true;
	} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
		o->quiet = true;
	} else {
		return 0;
	}
	return 1;
#undef NEEDS_VALUE
}

static bool has_lexicons(const char *dir)
{
	char path[4096];
	struct stat st;
	snprintf(path, sizeof(path), "%.4000s/triggers.tsv", dir);
	return stat(path, &st) == 0;
}

/* Where `make install` put the lexicons (mk/install.mk sets it). */
#ifndef RASD_DATADIR
#define RASD_DATADIR "/usr/local/share/rasd"
#endif

/* $RASD_DATA, data/ next to the executable's build directory, the installed
 * copy next to the executable (PREFIX/bin/../share/rasd), the prefix it was
 * built for, then ./data. */
static const char *find_data_dir(char *buf, size_t n)
{
	const char *env = getenv("RASD_DATA");
	char exe[4096];
	ssize_t len;

	if (env && *env)
		return env;
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		char *slash;
		exe[len] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(buf, n, "%.4000s/../data", exe);
			if (has_lexicons(buf))
				return buf;
			snprintf(buf, n, "%.4000s/../../data", exe);
			if (has_lexicons(buf))
				return buf;
			snprintf(buf, n, "%.4000s/../share/rasd", exe);
			if (has_lexicons(buf))
				return buf;
		}
	}
	if (has_lexicons(RASD_DATADIR))
		return RASD_DATADIR;
	if (has_lexicons("data"))
		return "data";
	return RASD_DATADIR;
}

const char *cli_data_dir(const struct cli_common *o, char *buf, size_t n)
{
	return o && o->data_dir ? o->data_dir : find_data_dir(buf, n);
}

struct rasd_acled *cli_load_acled(const struct cli_common *o, const struct rasd_lexicon *lex)
{
	char buf[4096];
	struct rasd_acled *x = NULL;
	struct rasd_error err;

	rasd_error_clear(&err);
	if (rasd_acled_new(lex, cli_data_dir(o, buf, sizeof(buf)), &x, &err) != RASD_OK) {
		if (err.line && err.column)
			cli_error("%s:%ld: column %ld: %s", err.file, err.line, err.column, err.msg);
		else if (err.line)
			cli_error("%s:%ld: %s", err.file, err.line, err.msg);
		else
			cli_error("%s: %s", err.file[0] ? err.file : "data", err.msg);
		return NULL;
	}
	return x;
}

long long cli_now(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e && *e) {
		char *end;
		long long v = strtoll(e, &end, 10);
		if (!*end && v >= 0)
			return v;
	}
	return (long long)time(NULL);
}

struct rasd_lexicon *cli_load_lexicon(const struct cli_common *o)
{
	char buf[4096], user[4096];
	const char *dir = cli_data_dir(o, buf, sizeof(buf));
	const char *env_data = getenv("RASD_DATA");
	const char *extra[17];
	size_t n = 0, i;
	struct rasd_lexicon *lex;
	struct rasd_error err;
	const char *home = getenv("HOME");
	const char *env_places = getenv("RASD_PLACES");
	struct stat st;

	/* the user's own places: $RASD_PLACES, else ~/.config/rasd/places.tsv */
	if (env_places && *env_places) {
		extra[n++] = env_places;
	} else if (home) {
		snprintf(user, sizeof(user), "%s/.config/rasd/places.tsv", home);
		if (stat(user, &st) == 0)
			extra[n++] = user;
	}
	for (i = 0; i < o->nplaces; i++)
		extra[n++] = o->places[i];
	if (!o->data_dir && !(env_data && *env_data) && !has_lexicons(dir)) {
		/* a binary copied without its data: say where it looked */
		cli_error("cannot find rasd's lexicons (triggers.tsv and the rest): not next to "
			  "the program (../share/rasd), not in %s; run 'make install', or set "
			  "RASD_DATA to a copy of rasd's data/ directory (or give --data DIR)",
			  RASD_DATADIR);
		return NULL;
	}
	if (rasd_lexicon_load(dir, extra, n, &lex, &err) != RASD_OK) {
		if (err.line && err.column)
			cli_error("%s:%ld: column %ld: %s", err.file, err.line, err.column, err.msg);
		else if (err.line)
			cli_error("%s:%ld: %s", err.file, err.line, err.msg);
		else
			cli_error("%s: %s", err.file[0] ? err.file : dir, err.msg);
		return NULL;
	}
	return lex;
}

/* ------------------------------------------------------------ reading */

bool cli_reader_open(struct cli_reader *r, const struct cli_common *o, const char *path,
		     struct rasd_arena *arena)
{
	memset(r, 0, sizeof(*r));
	r->opt = o;
	r->path = path;
	r->arena = arena;
	if (strcmp(path, "-") == 0) {
		r->f = stdin;
		r->path = "<stdin>";
	} else {
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			cli_error("'%s' is a directory", path);
			return false;
		}
		r->f = fopen(path, "rb");
		if (!r->f) {
			cli_error("cannot open '%s': %s", path, strerror(errno));
			return false;
		}
	}
	if (o->input_format) {
		r->jsonl = strcmp(o->input_format, "jsonl") == 0;
	} else {
		size_t len = strlen(path);
		if (len > 6 && strcmp(path + len - 6, ".jsonl") == 0)
			r->jsonl = true;
		else if (len > 5 && strcmp(path + len - 5, ".json") == 0)
			r->jsonl = true;
		else {
			/* peek at the first block (the readers start from it): a JSON
			 * object starts with '{', after blanks and a byte order mark */
			size_t k = 0;
			r->rlen = fread(r->rbuf, 1, sizeof(r->rbuf), r->f);
			r->rpos = 0;
			if (r->rlen >= 3 && memcmp(r->rbuf, "\xef\xbb\xbf", 3) == 0)
				k = 3;
			while (k < r->rlen && (r->rbuf[k] == ' ' || r->rbuf[k] == '\n' ||
					       r->rbuf[k] == '\r' || r->rbuf[k] == '\t'))
				k++;
			r->jsonl = k < r->rlen && r->rbuf[k] == '{';
		}
	}
	return true;
}

void cli_reader_close(struct cli_reader *r)
{
	if (r->f && r->f != stdin)
		fclose(r->f);
	r->f = NULL;
	free(r->buf);
	r->buf = NULL;
}

/* Read one line; returns length, -1 at EOF, -2 when over max (skipped).
 * Lines are found with memchr over a block buffer; a line longer than max
 * is skipped to its end without being held in memory. */
static long read_line(struct cli_reader *r, size_t max)
{
	size_t n = 0;
	bool over = false, any = false;

	for (;;) {
		char *nl;
		size_t take;

		if (r->rpos == r->rlen) {
			if (r->eof)
				break;
			r->rlen = fread(r->rbuf, 1, sizeof(r->rbuf), r->f);
			r->rpos = 0;
			if (r->rlen == 0) {
				r->eof = true;
				if (ferror(r->f)) {
					cli_log_error(r->log, "%s: read error: %s", r->path,
						      strerror(errno));
					r->errors++;
					r->done = true;
				}
				break;
			}
		}
		any = true;
		nl = memchr(r->rbuf + r->rpos, '\n', r->rlen - r->rpos);
		take = nl ? (size_t)(nl - (r->rbuf + r->rpos)) : r->rlen - r->rpos;
		if (!over) {
			if (n + take + 1 > max + 1) {
				over = true;
			} else {
				if (n + take + 1 > r->cap) {
					size_t ncap = r->cap ? r->cap : 1 << 16;
					char *nb;
					while (ncap < n + take + 1)
						ncap *= 2;
					nb = realloc(r->buf, ncap);
					if (!nb) {
						over = true;
					} else {
						r->buf = nb;
						r->cap = ncap;
					}
				}
				if (!over) {
					memcpy(r->buf + n, r->rbuf + r->rpos, take);
					n += take;
				}
			}
		}
		r->rpos += take;
		if (nl) {
			r->rpos++;
			break;
		}
	}
	if (!any)
		return -1;
	r->line++;
	if (over)
		return -2;
	if (n && r->buf[n - 1] == '\r')
		n--;
	if (!r->buf) {
		r->buf = malloc(1);
		if (!r->buf)
			return -2;
		r->cap = 1;
	}
	r->buf[n] = '\0';
	return (long)n;
}

/* A saved web page: by its name, or by how it starts. */
static bool is_html_input(const char *path, const char *p, size_t n)
{
	size_t len = strlen(path);
	if ((len > 5 && strcasecmp(path + len - 5, ".html") == 0) ||
	    (len > 4 && strcasecmp(path + len - 4, ".htm") == 0))
		return true;
	return rasd_web_is_html(p, n);
}

/* The article of a saved web page (src/web/): title, text, date, source. */
static int read_html(struct cli_reader *r, struct rasd_article *art, size_t n)
{
	struct rasd_web_page page;
	struct rasd_error err;
	const char *base;

	rasd_error_clear(&err);
	if (rasd_web_extract(r->arena, r->buf, n, NULL, NULL, &page, &err) != RASD_OK) {
		cli_log_error(r->log, "%s: %s; skipped", r->path, err.msg);
		r->errors++;
		return -1;
	}
	if (page.charset.mislabelled)
		cli_log_warn(r->log, "%s: page says charset '%s' but reads as %s", r->path,
			     page.charset.label, page.charset.name);
	if (page.charset.replaced) {
		cli_log_warn(r->log, "%s: %zu undecodable byte(s) replaced with U+FFFD", r->path,
			     page.charset.replaced);
		r->warnings++;
	}
	memset(art, 0, sizeof(*art));
	base = strrchr(r->path, '/');
	base = base ? base + 1 : r->path;
	art->id = rasd_arena_strndup(r->arena, base, strlen(base));
	art->title = page.title;
	art->title_n = page.title_n;
	art->text = page.text;
	art->text_n = page.text_n;
	/* what the page says outranks the options, which stand in for it */
	art->published = page.published ? page.published : r->opt->published;
	art->source = page.source ? page.source : r->opt->source;
	art->url = page.url;
	r->line = 1;
	return 1;
}

static int read_text(struct cli_reader *r, struct rasd_article *art)
{
	size_t max = r->opt->max_article_bytes, n = 0, got;
	struct rasd_str clean;
	size_t replaced;
	struct rasd_error err;
	const char *base;

	r->done = true;
	for (;;) {
		if (n + 65536 > r->cap || (r->rpos < r->rlen && n + (r->rlen - r->rpos) + 1 > r->cap)) {
			size_t ncap = r->cap ? r->cap * 2 : 1 << 17;
			char *nb;
			if (r->cap > max + 65536) {
				struct stat sb;
				if (fstat(fileno(r->f), &sb) == 0 && S_ISREG(sb.st_mode))
					cli_log_error(
					    r->log,
					    "%s: article is %lld bytes, over the limit of %zu "
					    "(--max-article-bytes); skipped",
					    r->path, (long long)sb.st_size, max);
				else
					cli_log_error(r->log,
						      "%s: article is over the limit of %zu bytes "
						      "(--max-article-bytes); skipped",
						      r->path, max);
				r->errors++;
				return -1;
			}
			nb = realloc(r->buf, ncap);
			if (!nb) {
				cli_log_error(r->log, "%s: out of memory", r->path);
				r->errors++;
				return -1;
			}
			r->buf = nb;
			r->cap = ncap;
		}
		if (r->rpos < r->rlen) {
			/* the block peeked at by cli_reader_open */
			got = r->rlen - r->rpos;
			memcpy(r->buf + n, r->rbuf + r->rpos, got);
			r->rpos = r->rlen;
		} else {
			got = fread(r->buf + n, 1, r->cap - n - 1, r->f);
		}
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(r->f)) {
		cli_log_error(r->log, "%s: read error: %s", r->path, strerror(errno));
		r->errors++;
		return -1;
	}
	if (n > max) {
		cli_log_error(r->log,
			      "%s: article is %zu bytes, over the limit of %zu "
			      "(--max-article-bytes); skipped",
			      r->path, n, max);
		r->errors++;
		return -1;
	}
	r->buf[n] = '\0';
	if (is_html_input(r->path, r->buf, n))
		return read_html(r, art, n);
	/* a UTF-8 byte order mark stays: the normalizer skips it like any
	 * invisible mark, and offsets then count the file's own bytes */
	if (rasd_utf8_clean(r->arena, r->buf, n, r->opt->strict ? RASD_UTF8_STRICT : 0, &clean,
			    &replaced, &err) != RASD_OK) {
		cli_log_error(r->log, "%s: %s; skipped", r->path, err.msg);
		r->errors++;
		return -1;
	}
	if (replaced) {
		cli_log_warn(r->log, "%s: %zu invalid UTF-8 byte(s) replaced with U+FFFD", r->path,
			     replaced);
		r->warnings++;
	}
	memset(art, 0, sizeof(*art));
	base = strrchr(r->path, '/');
	base = base ? base + 1 : r->path;
	art->id = rasd_arena_strndup(r->arena, base, strlen(base));
	art->text = clean.p;
	art->text_n = clean.n;
	art->published = r->opt->published;
	art->source = r->opt->source;
	r->line = 1;
	return 1;
}

static const char *json_field(struct rasd_arena *a, const struct rasd_json *obj, const char *key,
			      size_t *len)
{
	const struct rasd_json *v = rasd_json_get(obj, key);
	if (!v)
		return NULL;
	if (v->type == RASD_JSON_STRING) {
		if (len)
			*len = v->str.n;
		return v->str.p;
	}
	if (v->type == RASD_JSON_NUMBER) {
		if (len)
			*len = v->str.n;
		return rasd_arena_strndup(a, v->str.p, v->str.n);
	}
	return NULL;
}

int cli_reader_next_line(struct cli_reader *r, const char **out, size_t *out_n)
{
	for (;;) {
		size_t max = r->opt->max_article_bytes * 2 + 65536;
		long len;
		const char *line;

		if (r->done)
			return 0;
		len = read_line(r, max);
		if (len == -1) {
			r->done = true;
			return 0;
		}
		if (len == -2) {
			cli_log_error(
			    r->log,
			    "%s:%ld: line longer than %zu bytes (--max-article-bytes); skipped",
			    r->path, r->line, max);
			r->errors++;
			return -1;
		}
		line = r->buf;
		if (r->line == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
			line += 3; /* a byte order mark opening the file is not JSON */
			len -= 3;
		}
		{
			long k;
			bool blank = true;
			for (k = 0; k < len && blank; k++)
				if (line[k] != ' ' && line[k] != '\t')
					blank = false;
			if (blank)
				continue;
		}
		*out = line;
		*out_n = (size_t)len;
		return 1;
	}
}

int cli_parse_jsonl(const struct cli_common *opt, const char *path, long lineno,
		    const char *line, size_t len, struct rasd_arena *arena, struct rasd_buf *log,
		    struct cli_read_counts *counts, struct rasd_article *art)
{
	struct rasd_json *obj;
	struct rasd_error err;
	struct rasd_str clean;
	size_t replaced, n;
	const char *text, *pub;
	enum rasd_status pst;
	char id_buf[64];

	counts->id_synthetic = false;
	rasd_arena_reset(arena);
	if (memchr(line, '\0', len)) {
		cli_log_error(log, "%s:%ld: NUL byte in line; skipped", path,
			      lineno);
		counts->errors++;
		return -1;
	}
	/* Parse the line as it is (the parser checks the UTF-8 of every
	 * string); only a line with invalid bytes is cleaned and parsed
	 * again, so valid input is read once. */
	replaced = 0;
	rasd_error_clear(&err);
	pst = rasd_json_parse(arena, line, len, &obj, &err);
	if (pst == RASD_EUTF8 && !opt->strict) {
		if (rasd_utf8_clean(arena, line, len, 0, &clean, &replaced,
				    &err) != RASD_OK) {
			cli_log_error(log, "%s:%ld: %s; skipped", path, lineno,
				      err.msg);
			counts->errors++;
			return -1;
		}
		if (rasd_json_parse(arena, clean.p, clean.n, &obj, &err) != RASD_OK) {
			cli_log_error(log, "%s:%ld: column %ld: %s; skipped", path,
				      lineno, err.column, err.msg);
			counts->errors++;
			return -1;
		}
	} else if (pst != RASD_OK) {
		cli_log_error(log, "%s:%ld: column %ld: %s; skipped", path, lineno,
			      err.column, err.msg);
		counts->errors++;
		return -1;
	}
	if (obj->type != RASD_JSON_OBJECT) {
		cli_log_error(log, "%s:%ld: not a JSON object; skipped", path,
			      lineno);
		counts->errors++;
		return -1;
	}
	text = rasd_json_get_str(obj, "text", &n);
	if (!text) {
		cli_log_error(log, "%s:%ld: no \"text\" string; skipped", path,
			      lineno);
		counts->errors++;
		return -1;
	}
	if (replaced) {
		cli_log_warn(log,
			     "%s:%ld: %zu invalid UTF-8 byte(s) replaced with U+FFFD",
			     path, lineno, replaced);
		counts->warnings++;
	}
	if (obj->repaired) {
		cli_log_warn(log,
			     "%s:%ld: %zu lone surrogate escape(s) (\\uD800-\\uDFFF) "
			     "replaced with U+FFFD",
			     path, lineno, obj->repaired);
		counts->warnings++;
	}
	memset(art, 0, sizeof(*art));
	art->text = text;
	art->text_n = n;
	art->title = json_field(arena, obj, "title", &art->title_n);
	{
		const struct rasd_json *idv = rasd_json_get(obj, "id");
		counts->id_synthetic = false;
		if (idv && idv->type != RASD_JSON_STRING && idv->type != RASD_JSON_NUMBER &&
		    idv->type != RASD_JSON_NULL) {
			cli_log_error(log, "%s:%ld: \"id\" is not a string; skipped",
				      path, lineno);
			counts->errors++;
			return -1;
		}
		art->id = json_field(arena, obj, "id", NULL);
		if (art->id && !*art->id) {
			cli_log_error(log, "%s:%ld: empty \"id\"; skipped", path,
				      lineno);
			counts->errors++;
			return -1;
		}
	}
	if (!art->id) {
		snprintf(id_buf, sizeof(id_buf), "line-%ld", lineno);
		art->id = rasd_arena_strndup(arena, id_buf, strlen(id_buf));
		counts->id_synthetic = true;
	}
	pub = json_field(arena, obj, "published", NULL);
	if (pub) {
		int32_t d;
		size_t pl = strlen(pub);
		if (rasd_date_parse(pub, pl, &d) != RASD_OK) {
			cli_log_warn(log,
				     "%s:%ld: \"published\" '%.40s' is not YYYY-MM-DD; "
				     "relative dates left unresolved",
				     path, lineno, pub);
			pub = NULL;
		} else if (pl > 10) {
			pub = rasd_arena_strndup(arena, pub, 10);
		}
	}
	art->published = pub ? pub : opt->published;
	art->source = json_field(arena, obj, "source", NULL);
	if (!art->source)
		art->source = opt->source;
	art->url = json_field(arena, obj, "url", NULL);
	return 1;
}

static int read_jsonl(struct cli_reader *r, struct rasd_article *art)
{
	const char *line;
	size_t len;
	struct cli_read_counts counts = {0, 0, false};
	int got = cli_reader_next_line(r, &line, &len);

	if (got <= 0)
		return got;
	got = cli_parse_jsonl(r->opt, r->path, r->line, line, len, r->arena, r->log, &counts, art);
	r->errors += counts.errors;
	r->warnings += counts.warnings;
	r->id_synthetic = counts.id_synthetic;
	return got;
}

int cli_reader_next(struct cli_reader *r, struct rasd_article *art)
{
	if (r->done)
		return 0;
	if (r->jsonl)
		return read_jsonl(r, art);
	rasd_arena_reset(r->arena);
	return read_text(r, art);
}
