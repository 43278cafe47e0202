/*
 * fts.c - Arabic full-text search for the events database: the "rasd"
 * FTS5 tokenizer, which reads text with rasd's own tokenizer and
 * normalizer (rasd_doc_parse) and indexes each word in match-key form
 * together with every clitic reading of it at the same position, and the
 * translation of what a user types into a safe FTS5 query. Part of
 * store/: depends on text/ and SQLite.
 */
#include "rasd.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* One tokenizer instance per FTS5 table and connection. */
struct tokenizer {
	struct rasd_arena arena;
	bool busy; /* arena in use by a call further up the stack */
};

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct tokenizer *tk;

	(void)ctx;
	(void)argv;
	if (argc != 0) {
		*out = NULL;
		return SQLITE_ERROR; /* the tokenizer takes no options */
	}
	tk = calloc(1, sizeof(*tk));
	if (!tk) {
		*out = NULL;
		return SQLITE_NOMEM;
	}
	rasd_arena_init(&tk->arena, 0);
	*out = (Fts5Tokenizer *)tk;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	struct tokenizer *tk = (struct tokenizer *)t;
	if (!tk)
		return;
	rasd_arena_release(&tk->arena);
	free(tk);
}

/*
 * Text that reaches the tokenizer from outside rasd (another program
 * writing the table) may be invalid UTF-8. Invalid bytes become spaces so
 * that every offset still points at the same byte of the stored text.
 */
static const char *valid_copy(struct rasd_arena *a, const char *p, size_t n)
{
	char *c;
	size_t i = 0;

	if (rasd_utf8_valid(p, n))
		return p;
	c = rasd_arena_alloc(a, n + 1);
	if (!c)
		return NULL;
	memcpy(c, p, n);
	c[n] = '\0';
	while (i < n) {
		uint32_t cp;
		size_t len = rasd_utf8_decode(c + i, n - i, &cp);
		if (len == 0 || cp == 0) {
			c[i++] = ' ';
			continue;
		}
		i += len;
	}
	return c;
}

static int sqlite_rc(enum rasd_status st)
{
	switch (st) {
	case RASD_OK: return SQLITE_OK;
	case RASD_ENOMEM: return SQLITE_NOMEM;
	case RASD_ETOOBIG: return SQLITE_TOOBIG;
	default: return SQLITE_ERROR;
	}
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int ntext,
			int (*token)(void *, int, const char *, int, int, int))
{
	struct tokenizer *tk = (struct tokenizer *)t;
	struct rasd_arena local, *a = &tk->arena;
	struct rasd_doc doc;
	struct rasd_reading readings[RASD_MAX_CANDIDATES];
	char scratch[RASD_CLITIC_SCRATCH];
	const char *p;
	bool nested = tk->busy;
	int rc = SQLITE_OK;
	size_t i;

	if (ntext <= 0 || !text)
		return SQLITE_OK;
	if (nested) {
		rasd_arena_init(&local, 0);
		a = &local;
	}
	tk->busy = true;
	p = valid_copy(a, text, (size_t)ntext);
	if (!p) {
		rc = SQLITE_NOMEM;
		goto out;
	}
	rc = sqlite_rc(rasd_doc_parse(a, p, (size_t)ntext, &doc));
	if (rc != SQLITE_OK)
		goto out;
	for (i = 0; i < doc.ntokens && rc == SQLITE_OK; i++) {
		const struct rasd_token *tok = &doc.tokens[i];
		size_t k, nr;

		if (tok->kind == RASD_TOK_PUNCT || tok->klen == 0)
			continue;
		rc = token(ctx, 0, tok->key, (int)tok->klen, (int)tok->start, (int)tok->end);
		/* Readings go into the index only; a query term is matched as
		 * typed against them, and highlight() needs positions only. */
		if (rc != SQLITE_OK || !(flags & FTS5_TOKENIZE_DOCUMENT) || tok->kind != RASD_TOK_WORD)
			continue;
		nr = rasd_clitic_readings(tok->key, tok->klen, scratch, readings);
		for (k = 0; k < nr && rc == SQLITE_OK; k++) {
			const struct rasd_str *f = &readings[k].form;
			if (f->n == tok->klen && memcmp(f->p, tok->key, f->n) == 0)
				continue;
			rc = token(ctx, FTS5_TOKEN_COLOCATED, f->p, (int)f->n, (int)tok->start,
				   (int)tok->end);
		}
	}
out:
	if (nested) {
		rasd_arena_release(&local);
	} else {
		rasd_arena_reset(&tk->arena);
		tk->busy = false;
	}
	return rc;
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_step(st) != SQLITE_ROW)
		api = NULL;
out:
	sqlite3_finalize(st);
	return api;
}

enum rasd_status rasd_fts_register(void *sqlite3_db)
{
	static fts5_tokenizer methods = {tok_create, tok_delete, tok_tokenize};
	fts5_api *api = fts5_api_of(sqlite3_db);

	if (!api || api->iVersion < 2)
		return RASD_EDB; /* SQLite built without FTS5 */
	if (api->xCreateTokenizer(api, "rasd", NULL, &methods, NULL) != SQLITE_OK)
		return RASD_EDB;
	return RASD_OK;
}

/* ------------------------------------------------------------- queries */

/* Does text hold anything the tokenizer indexes (a word or a number)? */
static enum rasd_status searchable(struct rasd_arena *a, const char *p, size_t n, bool *yes)
{
	struct rasd_doc doc;
	enum rasd_status st;
	size_t i;

	*yes = false;
	rasd_arena_reset(a);
	st = rasd_doc_parse(a, p, n, &doc);
	if (st != RASD_OK)
		return st;
	for (i = 0; i < doc.ntokens; i++)
		if (doc.tokens[i].kind != RASD_TOK_PUNCT && doc.tokens[i].klen)
			*yes = true;
	return RASD_OK;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static const char *operator_of(const char *p, size_t n)
{
	if (n == 2 && memcmp(p, "OR", 2) == 0)
		return "OR";
	if (n == 3 && memcmp(p, "AND", 3) == 0)
		return "AND";
	if (n == 3 && memcmp(p, "NOT", 3) == 0)
		return "NOT";
	return NULL;
}

/* Append p[0..n) as an FTS5 string: in double quotes, quotes doubled. */
static enum rasd_status quoted(struct rasd_buf *b, const char *p, size_t n, bool prefix)
{
	enum rasd_status st = rasd_buf_putc(b, '"');
	size_t i, run = 0;

	for (i = 0; i < n && st == RASD_OK; i++) {
		if (p[i] != '"') {
			run++;
			continue;
		}
		st = rasd_buf_append(b, p + i - run, run + 1);
		if (st == RASD_OK)
			st = rasd_buf_putc(b, '"');
		run = 0;
	}
	if (st == RASD_OK)
		st = rasd_buf_append(b, p + n - run, run);
	if (st == RASD_OK)
		st = rasd_buf_putc(b, '"');
	if (st == RASD_OK && prefix)
		st = rasd_buf_putc(b, '*');
	return st;
}

enum rasd_status rasd_fts_query(struct rasd_buf *b, const char *q, size_t n, struct rasd_error *err)
{
	struct rasd_arena a;
	enum rasd_status st = RASD_OK;
	const char *pending = NULL; /* an operator waiting for its right-hand term */
	size_t i = 0, terms = 0, start = b->n;

	rasd_arena_init(&a, 0);
	if (!rasd_utf8_valid(q, n)) {
		st = rasd_error_set(err, RASD_EUTF8, 0, 0, "query is not valid UTF-8");
		goto out;
	}
	while (i < n) {
		const char *w;
		size_t wn;
		bool prefix = false, yes;

		while (i < n && is_space(q[i]))
			i++;
		if (i >= n)
			break;
		if (q[i] == '"') {
			size_t j = i + 1;
			while (j < n && q[j] != '"')
				j++;
			w = q + i + 1;
			wn = j - i - 1;
			i = j < n ? j + 1 : j;
			if (i < n && q[i] == '*') {
				prefix = true;
				i++;
			}
		} else {
			size_t j = i;
			const char *op;
			while (j < n && !is_space(q[j]) && q[j] != '"')
				j++;
			w = q + i;
			wn = j - i;
			i = j;
			op = operator_of(w, wn);
			if (op) {
				if (terms == 0 || pending) {
					st = rasd_error_set(err, RASD_ESYNTAX, 0, 0,
							    "query: '%s' needs a word before it", op);
					goto out;
				}
				pending = op;
				continue;
			}
			while (wn > 0 && w[wn - 1] == '*') {
				prefix = true;
				wn--;
			}
		}
		st = searchable(&a, w, wn, &yes);
		if (st != RASD_OK) {
			rasd_error_set(err, st, 0, 0, "query: %s", rasd_strerror(st));
			goto out;
		}
		if (!yes)
			continue;
		if (terms > 0) {
			st = rasd_buf_putc(b, ' ');
			if (st == RASD_OK && pending)
				st = rasd_buf_printf(b, "%s ", pending);
		}
		if (st == RASD_OK)
			st = quoted(b, w, wn, prefix);
		if (st != RASD_OK) {
			rasd_error_set(err, st, 0, 0, "query: %s", rasd_strerror(st));
			goto out;
		}
		pending = NULL;
		terms++;
	}
	if (pending) {
		st = rasd_error_set(err, RASD_ESYNTAX, 0, 0, "query: '%s' needs a word after it",
				    pending);
		goto out;
	}
	if (terms == 0)
		st = rasd_error_set(err, RASD_EINVAL, 0, 0, "query has no words to search for");
out:
	if (st != RASD_OK) {
		b->n = start;
		b->p[start] = '\0';
	}
	rasd_arena_release(&a);
	return st;
}
