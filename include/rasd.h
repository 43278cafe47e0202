/*
 * rasd.h - the public API of librasd: Arabic news articles in, coded
 * conflict events out. This is the only installed header; everything the
 * command-line tool uses from the library is declared here, grouped by the
 * module that implements it (core <- text <- lex <- extract <- store).
 */
#ifndef RASD_H
#define RASD_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>

#define RASD_VERSION "0.1.0"

#if defined(__GNUC__)
#define RASD_MUST_CHECK __attribute__((warn_unused_result))
#define RASD_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define RASD_MUST_CHECK
#define RASD_PRINTF(a, b)
#endif

/* ------------------------------------------------------------------ core */

enum rasd_status {
	RASD_OK = 0,
	RASD_ENOMEM,   /* allocation failed */
	RASD_EUTF8,    /* invalid UTF-8 (strict mode) or a NUL byte in text */
	RASD_ETOOBIG,  /* input exceeds a documented cap */
	RASD_EIO,      /* read or write failed */
	RASD_EDB,      /* SQLite reported an error */
	RASD_ESYNTAX,  /* malformed JSON, TSV or date */
	RASD_EEMPTY,   /* an article with no text */
	RASD_EINVAL,   /* an argument or a field value is out of range */
	RASD_ENOTFOUND /* a named thing does not exist */
};

/** Name of a status, e.g. "invalid UTF-8". Static storage. */
const char *rasd_strerror(enum rasd_status status);

/** Where and why a parser failed: filled by loaders and readers. */
struct rasd_error {
	enum rasd_status status;
	long line;   /* 1-based; 0 when not applicable */
	long column; /* 1-based; 0 when not applicable */
	char msg[256];
};

void rasd_error_clear(struct rasd_error *err);
/** Fill err (may be NULL) and return status, for `return rasd_error_set(...)`. */
enum rasd_status rasd_error_set(struct rasd_error *err, enum rasd_status status, long line,
				long column, const char *fmt, ...) RASD_PRINTF(5, 6);

/* A non-owning view of bytes. */
struct rasd_str {
	const char *p;
	size_t n;
};

/*
 * Arena: bump allocator for everything that lives as long as one document.
 * Blocks are kept across rasd_arena_reset() so batch runs stop allocating
 * once warm. `cap` bounds the total bytes handed out (0 = unlimited).
 */
struct rasd_arena_block;
struct rasd_arena {
	struct rasd_arena_block *head;
	struct rasd_arena_block *free_list;
	size_t used;
	size_t cap;
};

void rasd_arena_init(struct rasd_arena *a, size_t cap);
void rasd_arena_release(struct rasd_arena *a);
/** Drop every allocation; keep the memory for reuse. */
void rasd_arena_reset(struct rasd_arena *a);
/** Aligned allocation of n bytes; NULL when out of memory or over cap. */
void *rasd_arena_alloc(struct rasd_arena *a, size_t n);
/** rasd_arena_alloc of count*size with overflow check, zero-filled. */
void *rasd_arena_calloc(struct rasd_arena *a, size_t count, size_t size);
/** Copy of p[0..n) with a NUL after it, in the arena. */
char *rasd_arena_strndup(struct rasd_arena *a, const char *p, size_t n);

/*
 * Growable byte buffer with a cap: never NULL once initialised (p points at
 * an empty string), always NUL-terminated. Appends beyond `max` fail with
 * RASD_ETOOBIG and leave the buffer as it was.
 */
struct rasd_buf {
	char *p;
	size_t n;
	size_t cap;
	size_t max;
};

void rasd_buf_init(struct rasd_buf *b, size_t max);
void rasd_buf_release(struct rasd_buf *b);
void rasd_buf_reset(struct rasd_buf *b);
enum rasd_status rasd_buf_append(struct rasd_buf *b, const void *p, size_t n) RASD_MUST_CHECK;
enum rasd_status rasd_buf_puts(struct rasd_buf *b, const char *s) RASD_MUST_CHECK;
enum rasd_status rasd_buf_putc(struct rasd_buf *b, char c) RASD_MUST_CHECK;
enum rasd_status rasd_buf_printf(struct rasd_buf *b, const char *fmt, ...) RASD_PRINTF(2, 3)
	RASD_MUST_CHECK;
/** Append s as a JSON string literal (quotes included, escapes as needed). */
enum rasd_status rasd_buf_json_str(struct rasd_buf *b, const char *p, size_t n) RASD_MUST_CHECK;
/** Append s as a CSV field (RFC 4180 quoting when needed). */
enum rasd_status rasd_buf_csv_field(struct rasd_buf *b, const char *p, size_t n) RASD_MUST_CHECK;

/* UTF-8 */
#define RASD_REPLACEMENT 0xFFFDu

/**
 * Decode one code point at p[0..n). Returns its byte length (1-4) and sets
 * *cp, or 0 when the bytes there are not valid UTF-8 (overlong, surrogate,
 * out of range, truncated).
 */
size_t rasd_utf8_decode(const char *p, size_t n, uint32_t *cp);
/** Encode cp into out (4 bytes room); returns its length. */
size_t rasd_utf8_encode(uint32_t cp, char *out);
/** True when p[0..n) is valid UTF-8 without NUL bytes. */
bool rasd_utf8_valid(const char *p, size_t n);

enum rasd_utf8_flags {
	RASD_UTF8_STRICT = 1 << 0 /* fail on invalid bytes instead of replacing */
};

/**
 * Validate text at the door. Invalid sequences become U+FFFD (or the call
 * fails with RASD_EUTF8 under RASD_UTF8_STRICT); a NUL byte always fails.
 * On success *out is a NUL-terminated arena copy (or p itself when nothing
 * had to change and p is already NUL-terminated at p[n]), *replaced the
 * count of replacements. err gets the byte offset in `column`.
 */
enum rasd_status rasd_utf8_clean(struct rasd_arena *a, const char *p, size_t n, unsigned flags,
				 struct rasd_str *out, size_t *replaced,
				 struct rasd_error *err) RASD_MUST_CHECK;

/* JSON: a small strict parser into an arena DOM (for article lines, gold). */
enum rasd_json_type {
	RASD_JSON_NULL,
	RASD_JSON_FALSE,
	RASD_JSON_TRUE,
	RASD_JSON_NUMBER,
	RASD_JSON_STRING,
	RASD_JSON_ARRAY,
	RASD_JSON_OBJECT
};

struct rasd_json {
	enum rasd_json_type type;
	double number;
	struct rasd_str str;        /* unescaped string (NUL-terminated) or number text */
	struct rasd_str key;        /* member name when inside an object */
	struct rasd_json *child;    /* first element or member */
	struct rasd_json *next;     /* next sibling */
	size_t count;               /* number of children */
};

#define RASD_JSON_MAX_DEPTH 64

/**
 * Parse exactly one JSON value from p[0..n) (surrounding whitespace
 * allowed). Nodes live in the arena. Nesting deeper than
 * RASD_JSON_MAX_DEPTH fails with RASD_ETOOBIG. err->column is the 1-based
 * byte position of the problem.
 */
enum rasd_status rasd_json_parse(struct rasd_arena *a, const char *p, size_t n,
				 struct rasd_json **out, struct rasd_error *err) RASD_MUST_CHECK;
/** Member of an object by name, or NULL. */
const struct rasd_json *rasd_json_get(const struct rasd_json *obj, const char *key);
/** The string value of obj[key], or NULL when absent or not a string. */
const char *rasd_json_get_str(const struct rasd_json *obj, const char *key, size_t *len);

/* Dates as days since 1970-01-01 (proleptic Gregorian). */
int32_t rasd_days_from_civil(int y, int m, int d);
void rasd_civil_from_days(int32_t days, int *y, int *m, int *d);
/** Parse "YYYY-MM-DD" (a longer ISO timestamp is cut at the day). */
enum rasd_status rasd_date_parse(const char *p, size_t n, int32_t *days) RASD_MUST_CHECK;
/** Day of week, 0 = Sunday. */
int rasd_weekday(int32_t days);
/** Convert a date of the tabular Islamic (Hijri) calendar to days. */
int32_t rasd_days_from_hijri(int y, int m, int d);

/* ------------------------------------------------------------------ text */

/*
 * Normalization layers. Both return text plus a map from each output byte
 * to the byte offset in the input it came from (map has n+1 entries; the
 * last is the input length), so evidence always points at original text.
 *  - surface: NFC-ish composition of the Arabic forms news uses,
 *    presentation forms to letters, tatweel, marks, invisible and bidi
 *    controls removed, Arabic-Indic digits to ASCII;
 *  - key: surface plus alef forms to ا, ى to ي, ة to ه, Persian letters
 *    folded, Latin lowercased. Every lexicon key goes through the key layer.
 */
struct rasd_norm {
	char *text;
	size_t n;
	uint32_t *map;
};

enum rasd_norm_layer { RASD_NORM_SURFACE = 0, RASD_NORM_KEY = 1 };

enum rasd_status rasd_norm(struct rasd_arena *a, const char *p, size_t n, enum rasd_norm_layer layer,
			   struct rasd_norm *out) RASD_MUST_CHECK;

/** Normalize a lexicon phrase into key form: words joined by one space. */
enum rasd_status rasd_norm_phrase(struct rasd_arena *a, const char *p, size_t n,
				  struct rasd_str *out) RASD_MUST_CHECK;

enum rasd_token_kind {
	RASD_TOK_WORD = 1,  /* letters (Arabic or Latin) */
	RASD_TOK_NUMBER,    /* digits, possibly with . or , inside */
	RASD_TOK_PUNCT      /* one punctuation character */
};

enum rasd_token_flags {
	RASD_TOKF_LINE_BEFORE = 1 << 0, /* a newline precedes the token */
	RASD_TOKF_PARA_BEFORE = 1 << 1, /* a blank line precedes the token */
	RASD_TOKF_QUOTE = 1 << 2,       /* punctuation is a quotation mark */
	RASD_TOKF_TERMINAL = 1 << 3,    /* punctuation ends a sentence: . ! ? ؟ */
	RASD_TOKF_CLAUSE = 1 << 4,      /* punctuation separates clauses: ، , ; ؛ : */
	RASD_TOKF_ARABIC = 1 << 5,      /* word in Arabic script */
	RASD_TOKF_HASHTAG = 1 << 6      /* word directly after '#' */
};

struct rasd_token {
	const char *key; /* match-key form, NUL-terminated, in the arena */
	uint32_t klen;
	uint32_t start; /* byte offsets into the ORIGINAL text */
	uint32_t end;
	uint16_t kind;
	uint16_t flags;
	uint32_t para; /* paragraph number, 0-based */
};

struct rasd_sentence {
	uint32_t tok_begin; /* [tok_begin, tok_end) into the token array */
	uint32_t tok_end;
	uint32_t start; /* byte offsets into the original text */
	uint32_t end;
	uint32_t para;
};

/* Caps that stop hostile input before memory does. */
#define RASD_MAX_TOKEN_BYTES 256u     /* longer words are cut into pieces */
#define RASD_MAX_SENTENCE_TOKENS 400u /* longer sentences are split */

struct rasd_doc {
	const char *text; /* original text (valid UTF-8) */
	size_t n;
	struct rasd_token *tokens;
	size_t ntokens;
	struct rasd_sentence *sentences;
	size_t nsentences;
};

/**
 * Tokenize valid UTF-8 text and split it into sentences in one pass.
 * Everything lives in the arena. Sentences survive a paragraph break in
 * the middle of a sentence and quotation marks such as ”قسد“.
 */
enum rasd_status rasd_doc_parse(struct rasd_arena *a, const char *p, size_t n,
				struct rasd_doc *doc) RASD_MUST_CHECK;

enum rasd_clitic {
	RASD_CLITIC_CONJ = 1 << 0,  /* و ف */
	RASD_CLITIC_PREP = 1 << 1,  /* ب ل ك */
	RASD_CLITIC_ARTICLE = 1 << 2, /* ال (also the ل of لل) */
	RASD_CLITIC_PRONOUN = 1 << 3  /* enclitic pronoun: ه ها هم هما هن */
};

#define RASD_MAX_CANDIDATES 16

/*
 * Clitic readings of one key-form word, longest first: the word itself,
 * then without a conjunction, a preposition and/or the article. Forms that
 * would leave fewer than two letters are not produced, so بيروت and لبنان
 * keep their own reading first. Readings without an enclitic pronoun come
 * before those with one. `scratch` must hold RASD_CLITIC_SCRATCH bytes;
 * candidates may point into it.
 */
#define RASD_CLITIC_SCRATCH (4 * RASD_MAX_TOKEN_BYTES)
struct rasd_reading {
	struct rasd_str form;
	unsigned clitics; /* enum rasd_clitic that were removed */
};
size_t rasd_clitic_readings(const char *key, size_t klen, char *scratch,
			    struct rasd_reading out[RASD_MAX_CANDIDATES]);

#endif /* RASD_H */
