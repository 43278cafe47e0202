/*
 * store_grow.c - doubles an events database in place, N times, for the
 * store benchmark (bench/store.sh): each round copies every event, its
 * reports (mentions) and the articles behind them, with new row ids,
 * "~R"-suffixed doc, event and mention ids, and every date moved by
 * 2^(R-1) years, so copy k of the corpus (0 <= k < 2^N) lies k years
 * after it and no copy is a near-duplicate of another. Articles without
 * events are not copied; each copy's content hash is its own. The copies go through the same triggers as an
 * ingest (full-text indexes, and whatever the schema maintains), so the
 * grown file is what a team's database of that size would be. The same
 * input gives the same output (row ids, order). Part of bench/: linked with
 * librasd for the "rasd" tokenizer; it never runs in make test's timing.
 *   store_grow [--rounds N] DB
 */
#include "rasd.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: store_grow [--rounds N] DB\n"
	      "Doubles the events, reports and reporting articles of the rasd\n"
	      "database DB N times (default 7) with shifted dates and ids.\n",
	      f);
}

/* shift_year(date, years): 'YYYY...' with the year moved; anything else as is. */
static void shift_year(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	int n = sqlite3_value_bytes(argv[0]), k, year = 0;
	long long by = sqlite3_value_int64(argv[1]);
	char *out;

	(void)argc;
	if (!s || n < 4) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	for (k = 0; k < 4; k++) {
		if (s[k] < '0' || s[k] > '9') {
			sqlite3_result_value(cx, argv[0]);
			return;
		}
		year = year * 10 + (s[k] - '0');
	}
	if (year + by > 9999) {
		sqlite3_result_error(cx, "shift_year: past year 9999", -1);
		return;
	}
	out = sqlite3_malloc(n + 1);
	if (!out) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	snprintf(out, 5, "%04d", (int)(year + by));
	memcpy(out + 4, s + 4, (size_t)n - 4);
	out[n] = '\0';
	sqlite3_result_text(cx, out, n, sqlite3_free);
}

/* article_hash(title, text, published, source, url): rasd_db_hash_article's. */
static void article_hash(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct rasd_article art;
	char hex[RASD_DB_HASH_HEX];

	(void)argc;
	memset(&art, 0, sizeof(art));
	art.title = (const char *)sqlite3_value_text(argv[0]);
	art.title_n = (size_t)sqlite3_value_bytes(argv[0]);
	art.text = (const char *)sqlite3_value_text(argv[1]);
	art.text_n = (size_t)sqlite3_value_bytes(argv[1]);
	art.published = (const char *)sqlite3_value_text(argv[2]);
	art.source = (const char *)sqlite3_value_text(argv[3]);
	art.url = (const char *)sqlite3_value_text(argv[4]);
	rasd_db_hash_article(&art, hex);
	sqlite3_result_text(cx, hex, -1, SQLITE_TRANSIENT);
}

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		fprintf(stderr, "store_grow: %s\n  in: %.300s\n", msg ? msg : sqlite3_errmsg(db), sql);
		sqlite3_free(msg);
	}
	return rc;
}

static long long scalar(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* How each column of a copied row is made; the rest are copied as they are. */
struct rule {
	const char *table, *column, *expr; /* expr: printf with the round's values */
};

/* %1$lld: article offset, %2$lld: event offset, %3$lld: mention offset,
 * %4$d: round, %5$lld: years */
static const struct rule rules[] = {
	{"article", "id", "id + %1$lld"},
	{"article", "doc_id", "doc_id || '~%4$d'"},
	{"article", "published", "shift_year(published, %5$lld)"},
	{"article", "hash", "article_hash(title, text, shift_year(published, %5$lld), source, url)"},
	{"event", "id", "id + %2$lld"},
	{"event", "event_id", "event_id || '~%4$d'"},
	{"event", "event_date", "shift_year(event_date, %5$lld)"},
	{"event", "duplicate_of", "duplicate_of + %2$lld"},
	{"mention", "id", "id + %3$lld"},
	{"mention", "event", "event + %2$lld"},
	{"mention", "article", "article + %1$lld"},
	{"mention", "mention_id", "mention_id || '~%4$d'"},
	{"mention", "published", "shift_year(published, %5$lld)"},
	{"mention", "event_date", "shift_year(event_date, %5$lld)"},
};

/* INSERT INTO t(cols) SELECT exprs FROM t WHERE where, from the table's own columns. */
static int copy_table(sqlite3 *db, const char *table, const char *where, long long off_a,
		      long long off_e, long long off_m, int round, long long years)
{
	char sql[256], *cols = NULL, *exprs = NULL, *stmt = NULL;
	size_t cn = 0, en = 0;
	sqlite3_stmt *st = NULL;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char expr[256];
		size_t k, nl = strlen(name), xl;
		char *nc, *ne;

		snprintf(expr, sizeof(expr), "\"%s\"", name);
		for (k = 0; k < sizeof(rules) / sizeof(rules[0]); k++)
			if (strcmp(rules[k].table, table) == 0 && strcmp(rules[k].column, name) == 0)
				snprintf(expr, sizeof(expr), rules[k].expr, off_a, off_e, off_m, round,
					 years);
		xl = strlen(expr);
		nc = realloc(cols, cn + nl + 4);
		ne = realloc(exprs, en + xl + 3);
		if (!nc || !ne) {
			free(nc ? nc : cols);
			free(ne ? ne : exprs);
			sqlite3_finalize(st);
			return SQLITE_NOMEM;
		}
		cols = nc;
		exprs = ne;
		cn += (size_t)sprintf(cols + cn, "%s\"%s\"", cn ? "," : "", name);
		en += (size_t)sprintf(exprs + en, "%s%s", en ? "," : "", expr);
	}
	sqlite3_finalize(st);
	if (!cols)
		return SQLITE_ERROR;
	stmt = sqlite3_mprintf("INSERT INTO %s(%s) SELECT %s FROM %s WHERE %s ORDER BY id", table, cols,
			       exprs, table, where);
	rc = stmt ? exec(db, stmt) : SQLITE_NOMEM;
	sqlite3_free(stmt);
	free(cols);
	free(exprs);
	return rc;
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	long rounds = 7;
	sqlite3 *db = NULL;
	int i, r, rc = 1;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
			char *end;
			rounds = strtol(argv[++i], &end, 10);
			if (*end || rounds < 1 || rounds > 12) {
				fprintf(stderr, "store_grow: --rounds: '%s' is not 1-12\n", argv[i]);
				return 2;
			}
		} else if (argv[i][0] == '-' || path) {
			usage(stderr);
			return 2;
		} else {
			path = argv[i];
		}
	}
	if (!path) {
		usage(stderr);
		return 2;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "store_grow: cannot open '%s': %s\n", path,
			db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	if (scalar(db, "PRAGMA application_id") != 1918989156) {
		fprintf(stderr, "store_grow: '%s' is not a rasd events database\n", path);
		goto out;
	}
	if (rasd_fts_register(db) != RASD_OK || rasd_sql_functions_register(db) != RASD_OK ||
	    sqlite3_create_function(db, "shift_year", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    shift_year, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "article_hash", 5, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    article_hash, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "store_grow: cannot register rasd's SQL functions\n");
		goto out;
	}
	/* a benchmark's scratch file: no journal to keep */
	if (exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		     " PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY") != SQLITE_OK)
		goto out;
	for (r = 1; r <= rounds; r++) {
		long long off_a = scalar(db, "SELECT coalesce(max(id), 0) FROM article");
		long long off_e = scalar(db, "SELECT coalesce(max(id), 0) FROM event");
		long long off_m = scalar(db, "SELECT coalesce(max(id), 0) FROM mention");
		long long years = 1LL << (r - 1);

		if (off_a < 0 || off_e < 0 || off_m < 0 || exec(db, "BEGIN") != SQLITE_OK)
			goto out;
		if (copy_table(db, "article", "id IN (SELECT article FROM mention)", off_a, off_e, off_m,
			       r, years) != SQLITE_OK ||
		    copy_table(db, "event", "1", off_a, off_e, off_m, r, years) != SQLITE_OK ||
		    copy_table(db, "mention", "1", off_a, off_e, off_m, r, years) != SQLITE_OK ||
		    exec(db, "COMMIT") != SQLITE_OK) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			goto out;
		}
		fprintf(stderr, "store_grow: round %d: %lld events, %lld articles\n", r,
			scalar(db, "SELECT count(*) FROM event"),
			scalar(db, "SELECT count(*) FROM article"));
	}
	rc = exec(db, "PRAGMA journal_mode = WAL") == SQLITE_OK ? 0 : 1;
out:
	sqlite3_close(db);
	return rc;
}
