/*
 * cmd_query.c - `rasd query`: events from the database chosen by date,
 * type, actor, governorate, country, distance and words in the evidence,
 * written as a terminal table, JSONL, ACLED-compatible CSV (the columns of
 * `rasd extract --format csv`) or a GeoJSON FeatureCollection for QGIS.
 * Also the database plumbing that ingest, search and stats share.
 */
#include "cli.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ shared */

void cli_db_error(const struct rasd_error *err)
{
	cli_error("%s", err->msg[0] ? err->msg : rasd_strerror(err->status));
}

struct rasd_db *cli_open_db(const char *path, bool write, int busy_ms)
{
	struct rasd_db *db = NULL;
	struct rasd_error err;

	rasd_error_clear(&err);
	if (rasd_db_open(path, write ? RASD_DB_CREATE : RASD_DB_READONLY, busy_ms, &db, &err) !=
	    RASD_OK) {
		cli_db_error(&err);
		return NULL;
	}
	return db;
}

void cli_filter_init(struct cli_filter *cf)
{
	memset(cf, 0, sizeof(*cf));
}

void cli_filter_help(FILE *f)
{
	fputs("  --from DATE, --to DATE      event dates, inclusive: YYYY-MM-DD, YYYY-MM or YYYY\n"
	      "  --type TYPE                 ACLED event type, e.g. Battles\n"
	      "  --sub-type TYPE             ACLED sub-event type, e.g. 'Air/drone strike'\n"
	      "  --actor ACTOR               actor code (ISIS), English or Arabic name or alias\n"
	      "                              (داعش, 'Islamic State'), in any role\n"
	      "  --admin1 NAME               governorate, English or Arabic ('Deir ez-Zor',\n"
	      "                              دير الزور; الحسكة and الحسكه alike)\n"
	      "  --country CODE              ISO 3166 code or name: SY, SYR, 760, Syria, سوريا\n"
	      "  --near LAT,LON,KM           within KM kilometres of a point\n"
	      "  --text WORDS                words in the evidence sentences (as rasd search)\n"
	      "  --min-fatalities N          at least N killed\n"
	      "  --status LIST               review status: unreviewed, accepted, corrected,\n"
	      "                              rejected, reviewed, recheck or all, comma-separated\n"
	      "                              (default: all but rejected)\n",
	      f);
}

static bool digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* YYYY-MM-DD, YYYY-MM or YYYY; `last` picks the end of a month or year. */
static bool parse_day(const char *s, bool last, char out[11])
{
	size_t n = strlen(s);
	int32_t d;
	int y, m;

	if (n == 10) {
		if (rasd_date_parse(s, n, &d) != RASD_OK)
			return false;
		memcpy(out, s, 11);
		return true;
	}
	if (n == 4 && digits(s, 4)) {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		if (y < 1900 || y > 2200)
			return false;
		rasd_format_date(rasd_days_from_civil(y, last ? 12 : 1, last ? 31 : 1), out);
		return true;
	}
	if (n == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2)) {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[5] - '0') * 10 + (s[6] - '0');
		if (y < 1900 || y > 2200 || m < 1 || m > 12)
			return false;
		if (last) /* the day before the first of the next month */
			d = rasd_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
		else
			d = rasd_days_from_civil(y, m, 1);
		rasd_format_date(d, out);
		return true;
	}
	return false;
}

/* LAT,LON,KM, each a decimal number in range. */
static bool parse_near(const char *s, struct rasd_db_filter *f)
{
	static const double lo[3] = {-90, -180, 0.001}, hi[3] = {90, 180, 20000};
	static const char *const what[3] = {"--near latitude", "--near longitude",
					    "--near distance (km)"};
	const char *all = s;
	char part[3][64];
	double v[3];
	int k;

	for (k = 0; k < 3; k++) {
		const char *comma = k < 2 ? strchr(s, ',') : s + strlen(s);
		size_t n = comma ? (size_t)(comma - s) : 0;
		if (!comma || n >= sizeof(part[k])) {
			cli_error("--near: '%s' is not LAT,LON,KM (e.g. 35.33,40.14,25)", all);
			return false;
		}
		memcpy(part[k], s, n);
		part[k][n] = '\0';
		if (!cli_parse_real(what[k], part[k], lo[k], hi[k], &v[k]))
			return false;
		s = comma + (k < 2);
	}
	f->near = true;
	f->lat = v[0];
	f->lon = v[1];
	f->km = v[2];
	return true;
}

int cli_filter_option(struct cli_filter *cf, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
	struct rasd_db_filter *f = &cf->f;
	const char **target = NULL;

	if (strcmp(a, "--from") && strcmp(a, "--to") && strcmp(a, "--type") &&
	    strcmp(a, "--sub-type") && strcmp(a, "--actor") && strcmp(a, "--admin1") &&
	    strcmp(a, "--country") && strcmp(a, "--near") && strcmp(a, "--text") &&
	    strcmp(a, "--min-fatalities") && strcmp(a, "--status"))
		return 0;
	if (!v) {
		cli_error("option '%s' needs a value", a);
		return -1;
	}
	(*i)++;
	if (strcmp(a, "--from") == 0 || strcmp(a, "--to") == 0) {
		bool to = a[2] == 't';
		if (!parse_day(v, to, to ? cf->to : cf->from)) {
			cli_error("%s: '%s' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", a, v);
			return -1;
		}
		if (to)
			f->to = cf->to;
		else
			f->from = cf->from;
		return 1;
	}
	if (strcmp(a, "--near") == 0) {
		if (!parse_near(v, f))
			return -1;
		return 1;
	}
	if (strcmp(a, "--min-fatalities") == 0) {
		long n;
		if (!cli_parse_long("--min-fatalities", v, 0, 1000000000, &n))
			return -1;
		f->min_fatalities = n;
		return 1;
	}
	if (!rasd_utf8_valid(v, strlen(v))) {
		cli_error("%s: the value is not valid UTF-8", a);
		return -1;
	}
	if (strcmp(a, "--status") == 0)
		target = &f->review;
	else if (strcmp(a, "--type") == 0)
		target = &f->event_type;
	else if (strcmp(a, "--sub-type") == 0)
		target = &f->sub_event_type;
	else if (strcmp(a, "--actor") == 0)
		target = &f->actor;
	else if (strcmp(a, "--admin1") == 0)
		target = &f->admin1;
	else if (strcmp(a, "--country") == 0)
		target = &f->country;
	else
		target = &f->text;
	*target = v;
	return 1;
}

bool cli_check_query(const char *opt, const char *q)
{
	struct rasd_buf b;
	struct rasd_error err;
	enum rasd_status st;

	rasd_buf_init(&b, 1 << 16);
	rasd_error_clear(&err);
	if (!rasd_utf8_valid(q, strlen(q))) {
		cli_error("%s: the query is not valid UTF-8", opt);
		return false;
	}
	st = rasd_fts_query(&b, q, strlen(q), &err);
	rasd_buf_release(&b);
	if (st == RASD_OK)
		return true;
	if (st == RASD_ETOOBIG)
		cli_error("%s: the query (%zu bytes) is too long for a search", opt, strlen(q));
	else
		cli_error("%s: %s", opt, err.msg[0] ? err.msg : rasd_strerror(st));
	return false;
}

bool cli_filter_check(const struct cli_filter *cf)
{
	if (cf->f.from && cf->f.to && strcmp(cf->f.from, cf->f.to) > 0) {
		cli_error("--from %s is after --to %s: no day is in the range", cf->f.from, cf->f.to);
		return false;
	}
	return !cf->f.text || cli_check_query("--text", cf->f.text);
}

/* ------------------------------------------------------------- query */

enum format { FMT_TABLE, FMT_JSONL, FMT_CSV, FMT_GEOJSON };

static void help(FILE *f)
{
	fputs("usage: rasd query --db FILE [options]\n"
	      "\n"
	      "Events from an events database (made by rasd ingest), oldest first.\n"
	      "\n"
	      "options:\n"
	      "  --db FILE                   the events database\n"
	      "  --format table|jsonl|csv|geojson\n"
	      "                              table (default) for reading; jsonl with every\n"
	      "                              source; csv with ACLED's columns; geojson for QGIS\n"
	      "  --limit N                   at most N events\n"
	      "  --data DIR                  lexicon directory, for the English names of csv\n"
	      "                              and geojson (default: as rasd extract)\n"
	      "  --newest-first              latest events first\n"
	      "  -q, --quiet                 no notes on stderr\n",
	      f);
	cli_filter_help(f);
}

struct out {
	enum format fmt;
	const struct rasd_acled *acled; /* csv and geojson */
	struct rasd_buf b;
	long events;
	long without_coords;
};

/* Append s to b on one line, at most max code points, newlines as spaces. */
static enum rasd_status one_line(struct rasd_buf *b, const char *s, size_t n, size_t max)
{
	size_t i = 0, cps = 0;
	enum rasd_status st = RASD_OK;

	while (i < n && st == RASD_OK) {
		size_t len = 1;
		uint32_t cp;
		if (cps == max) {
			st = rasd_buf_puts(b, "…");
			break;
		}
		if ((unsigned char)s[i] >= 0x80) {
			len = rasd_utf8_decode(s + i, n - i, &cp);
			if (len == 0)
				len = 1;
		}
		if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
			st = rasd_buf_putc(b, ' ');
		else
			st = rasd_buf_append(b, s + i, len);
		i += len;
		cps++;
	}
	return st;
}

static enum rasd_status table_row(struct rasd_buf *b, const struct rasd_db_event *e)
{
	const struct rasd_event *ev = &e->event;
	char date[11] = "?", actors[64];
	const char *sentence = e->nlinks && e->links[0].sentence ? e->links[0].sentence : "";
	enum rasd_status st;

	if (ev->has_date)
		rasd_format_date(ev->date, date);
	snprintf(actors, sizeof(actors), "%s > %s", ev->actor1 ? ev->actor1->code : "?",
		 ev->actor2 ? ev->actor2->code : "-");
	/* Arabic goes last on each line, so right-to-left runs cannot move
	 * the columns before them. */
	st = rasd_buf_printf(b, "%-10s  %-26.26s  %-33.33s %6ld %4ld  %-24.24s  ", date,
			     ev->event_type, ev->sub_event_type, ev->fatalities, e->narticles, actors);
	if (st == RASD_OK)
		st = rasd_buf_puts(b, ev->location ? ev->location : "?");
	if (st == RASD_OK && ev->admin1 && *ev->admin1 &&
	    (!ev->location || strcmp(ev->location, ev->admin1) != 0))
		st = rasd_buf_printf(b, "، %s", ev->admin1);
	if (st == RASD_OK && ev->country && *ev->country)
		st = rasd_buf_printf(b, " (%s)", ev->country);
	/* the row id the review verbs take, and the review when there is one */
	if (st == RASD_OK)
		st = rasd_buf_printf(b, "\n  #%-8lld  ", e->number);
	if (st == RASD_OK && e->review_status && strcmp(e->review_status, "unreviewed") != 0)
		st = rasd_buf_printf(b, "[%s%s%s] ", e->review_status, e->review_reason ? ": " : "",
				     e->review_reason ? e->review_reason : "");
	if (st == RASD_OK && e->recheck)
		st = rasd_buf_puts(b, "[recheck] ");
	if (st == RASD_OK)
		st = one_line(b, sentence, strlen(sentence), 110);
	if (st == RASD_OK)
		st = rasd_buf_putc(b, '\n');
	return st;
}

static enum rasd_status emit(void *ctx, const struct rasd_db_event *e)
{
	struct out *o = ctx;
	enum rasd_status st = RASD_OK;

	switch (o->fmt) {
	case FMT_JSONL:
		st = rasd_db_event_write_json(&o->b, e);
		if (st == RASD_OK)
			st = rasd_buf_putc(&o->b, '\n');
		break;
	case FMT_CSV: {
		struct rasd_acled_event ae = rasd_db_event_acled(e);
		st = rasd_acled_write_csv(&o->b, o->acled, &ae);
		break;
	}
	case FMT_GEOJSON:
		if (!e->event.has_coords) {
			o->without_coords++;
			return RASD_OK;
		}
		if (o->events)
			st = rasd_buf_puts(&o->b, ",\n");
		if (st == RASD_OK) {
			struct rasd_acled_event ae = rasd_db_event_acled(e);
			st = rasd_acled_write_geojson(&o->b, o->acled, &ae);
		}
		break;
	case FMT_TABLE: st = table_row(&o->b, e); break;
	}
	if (st != RASD_OK)
		return st;
	o->events++;
	if (o->b.n >= 1 << 16) {
		if (!cli_write(&o->b))
			return RASD_EIO;
		rasd_buf_reset(&o->b);
	}
	return RASD_OK;
}

int cmd_query(int argc, char **argv)
{
	struct cli_filter cf;
	struct out o;
	const char *path = NULL;
	struct rasd_db *db = NULL;
	struct rasd_arena a;
	struct rasd_error err;
	struct cli_common co;
	struct rasd_lexicon *lex = NULL;
	struct rasd_acled *acled = NULL;
	enum rasd_status st;
	bool quiet = false, ok = true;
	int i, rc = 0;

	cli_filter_init(&cf);
	cli_common_init(&co);
	memset(&o, 0, sizeof(o));
	for (i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int r = cli_filter_option(&cf, argc, argv, &i);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout);
			return 0;
		} else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
			quiet = true;
		} else if (strcmp(argv[i], "--newest-first") == 0) {
			cf.f.newest_first = true;
		} else if (strcmp(argv[i], "--db") == 0 && v) {
			path = argv[++i];
		} else if (strcmp(argv[i], "--data") == 0 && v) {
			co.data_dir = argv[++i];
		} else if (strcmp(argv[i], "--format") == 0 && v) {
			i++;
			if (strcmp(v, "table") == 0)
				o.fmt = FMT_TABLE;
			else if (strcmp(v, "jsonl") == 0)
				o.fmt = FMT_JSONL;
			else if (strcmp(v, "csv") == 0)
				o.fmt = FMT_CSV;
			else if (strcmp(v, "geojson") == 0)
				o.fmt = FMT_GEOJSON;
			else {
				cli_error("--format: '%s' is not table, jsonl, csv or geojson", v);
				return 2;
			}
		} else if (strcmp(argv[i], "--limit") == 0 && v) {
			long n;
			if (!cli_parse_long("--limit", argv[++i], 1, LONG_MAX, &n))
				return 2;
			cf.f.limit = n;
		} else {
			cli_error("query: unknown option or missing value '%s'", argv[i]);
			help(stderr);
			return 2;
		}
	}
	if (!path) {
		cli_error("query: no database (give --db FILE)");
		help(stderr);
		return 2;
	}
	rc = cli_filter_resolve(&cf, co.data_dir);
	if (rc)
		return rc;
	if (!cli_filter_check(&cf))
		return 2;
	if (o.fmt == FMT_CSV || o.fmt == FMT_GEOJSON) {
		/* English place names and outlets come from the lexicons */
		lex = cli_load_lexicon(&co);
		acled = lex ? cli_load_acled(&co, lex) : NULL;
		if (!acled) {
			rasd_lexicon_free(lex);
			return 1;
		}
		o.acled = acled;
	}
	db = cli_open_db(path, false, 5000);
	if (!db) {
		rasd_acled_free(acled);
		rasd_lexicon_free(lex);
		return 1;
	}
	rasd_arena_init(&a, 0);
	rasd_buf_init(&o.b, 0);
	rasd_error_clear(&err);
	if (o.fmt == FMT_CSV)
		st = rasd_acled_csv_header(&o.b);
	else if (o.fmt == FMT_GEOJSON)
		st = rasd_buf_puts(&o.b, "{\"type\":\"FeatureCollection\",\"features\":[\n");
	else if (o.fmt == FMT_TABLE)
		st = rasd_buf_printf(&o.b, "%-10s  %-26s  %-33s %6s %4s  %-24s  %s\n", "DATE", "TYPE",
				     "SUB-TYPE", "KILLED", "SRC", "ACTORS", "PLACE");
	else
		st = RASD_OK;
	if (st == RASD_OK)
		st = rasd_db_read_begin(db, &err);
	if (st == RASD_OK)
		st = rasd_db_query(db, &cf.f, &a, emit, &o, &err);
	rasd_db_read_end(db);
	if (st == RASD_EIO && !err.msg[0]) {
		ok = false; /* a failed write, already reported */
	} else if (st != RASD_OK) {
		if (err.msg[0])
			cli_db_error(&err);
		else
			cli_error("query: %s", rasd_strerror(st));
		rc = st == RASD_EINVAL || st == RASD_ESYNTAX ? 2 : 1;
	}
	/* after a failure nothing more is written: the output stops where
	 * the damage was met, and the exit code says so */
	if (ok && rc == 0) {
		if (o.fmt == FMT_GEOJSON)
			st = rasd_buf_puts(&o.b, "\n]}\n");
		else if (o.fmt == FMT_TABLE)
			st = rasd_buf_printf(&o.b, "%ld event(s)\n", o.events);
		if (st != RASD_OK) {
			cli_error("query: %s", rasd_strerror(st));
			ok = false;
		} else {
			ok = cli_write(&o.b) && cli_flush();
		}
	}
	if (!quiet && o.without_coords)
		cli_warn("%ld event(s) without coordinates left out of the GeoJSON", o.without_coords);
	rasd_buf_release(&o.b);
	rasd_arena_release(&a);
	rasd_db_free(db);
	rasd_acled_free(acled);
	rasd_lexicon_free(lex);
	if (!ok && rc == 0)
		rc = 1;
	return rc;
}
