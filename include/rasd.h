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
#include <string.h>

#define RASD_VERSION "0.1.0"

#if defined(__GNUC__)
#define RASD_MUST_CHECK __attribute__((warn_unused_result))
#define RASD_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define RASD_ALWAYS_INLINE __attribute__((always_inline))
#else
#define RASD_MUST_CHECK
#define RASD_PRINTF(a, b)
#define RASD_ALWAYS_INLINE
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
	char file[256]; /* the file being read, when known */
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
/** Room for element n of an arena-backed array of `size`-byte elements:
 * `base` itself when *cap > n, else a copy of its n elements at the head
 * of a new zero-filled array of twice the room (`first` elements the first
 * time), *cap updated; the old array stays in the arena until it is reset.
 * NULL when out of memory or when the size overflows (*cap unchanged). */
void *rasd_arena_grow(struct rasd_arena *a, void *base, size_t n, size_t *cap, size_t size,
		      size_t first);

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
	size_t repaired;            /* root only: lone surrogate escapes made U+FFFD */
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
	RASD_TOKF_HASHTAG = 1 << 6,     /* word directly after '#' */
	RASD_TOKF_TA_MARBUTA = 1 << 7   /* word ends in ة (folded to ه in the key) */
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

struct rasd_lex_cache;

struct rasd_doc {
	const char *text; /* original text (valid UTF-8) */
	size_t n;
	struct rasd_token *tokens;
	size_t ntokens;
	struct rasd_sentence *sentences;
	size_t nsentences;
	/* optional, set by the caller after rasd_doc_parse (which leaves it
	 * NULL): the word-type cache rasd_lex_match_at reads and fills */
	struct rasd_lex_cache *lex_cache;
};

/**
 * Tokenize valid UTF-8 text and split it into sentences in one pass.
 * Everything lives in the arena. Sentences survive a paragraph break in
 * the middle of a sentence and quotation marks such as ”قسد“.
 */
enum rasd_status rasd_doc_parse(struct rasd_arena *a, const char *p, size_t n,
				struct rasd_doc *doc) RASD_MUST_CHECK;

/* The parts of a scraped web page that are not its story. */
enum rasd_segment_kind {
	RASD_SEG_BODY = 0,
	RASD_SEG_CAPTION,  /* photo caption, credit (تصوير:، أرشيفية، Getty) */
	RASD_SEG_RELATED,  /* "related" / "read also" headlines of other stories */
	RASD_SEG_TWEET,    /* an embedded tweet, up to its signature */
	RASD_SEG_MENU,     /* share, tags, source and comment furniture */
	RASD_SEG_DATELINE  /* «حلب، 12 آذار 2019 /», «الموصل (رويترز) -» */
};

struct rasd_segment {
	uint32_t start, end; /* byte offsets into the original text */
	enum rasd_segment_kind kind;
};

/* Non-body segments of a page, in text order, not overlapping. */
struct rasd_page {
	struct rasd_segment *seg;
	size_t n;
};

/* The phrases that mark page furniture (data/page_markers.tsv, loaded with
 * the lexicon): each kind a list of line keys (rasd_page_key), except
 * caption marks (bytes of the line) and story openers (a line's first
 * word, as written). */
enum rasd_page_marker {
	RASD_PM_RELATED = 0,   /* a line that opens a block of links (اقرأ أيضا) */
	RASD_PM_MENU,          /* a line of sharing, tags, credits (كلمات دلالية) */
	RASD_PM_CAPTION_START, /* a short line that begins with it is a caption (صورة) */
	RASD_PM_CAPTION_END,   /* ... or ends with it (أرشيفية، Getty) */
	RASD_PM_CAPTION_MARK,  /* ... or holds it anywhere, as bytes (تصوير:) */
	RASD_PM_STORY_OPENER,  /* a line that begins with it and a space is no dateline (في) */
	RASD_PM_COUNT
};
struct rasd_page_markers {
	const char *const *phrase[RASD_PM_COUNT]; /* NUL-terminated strings */
	size_t n[RASD_PM_COUNT];
};

/**
 * The comparison key of a line's beginning, as page markers are matched:
 * Arabic marks and tatweel dropped, أ إ آ to ا, ة to ه, ى to ي, ASCII
 * lower-cased, every run of other characters one space. Writes at most
 * cap - 1 bytes and a NUL (cap >= 5); returns the length.
 */
size_t rasd_page_key(const char *p, size_t n, char *out, size_t cap);

/**
 * Find the captions, related headlines, tweets, page furniture and
 * datelines of p[0..n) (valid UTF-8), line by line, by the phrases of
 * `markers` (NULL: tweets and datelines only). Segments live in the
 * arena. Returns RASD_ENOMEM only.
 */
enum rasd_status rasd_page_parse(struct rasd_arena *a, const char *p, size_t n,
				 const struct rasd_page_markers *markers,
				 struct rasd_page *page) RASD_MUST_CHECK;
/** The kind of segment holding byte offset; RASD_SEG_BODY outside all. */
enum rasd_segment_kind rasd_page_kind_at(const struct rasd_page *page, size_t offset);
/** "body", "caption", "related", "tweet", "menu" or "dateline". */
const char *rasd_segment_name(enum rasd_segment_kind kind);

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

/* ------------------------------------------------------------------- lex */

/* What a trigger word says happened (data/triggers.tsv, column 2). */
enum rasd_event_class {
	RASD_EC_NONE = 0,
	RASD_EC_ATTACK,
	RASD_EC_KILL,
	RASD_EC_CLASH,
	RASD_EC_AIRSTRIKE,
	RASD_EC_SHELLING,
	RASD_EC_IED,
	RASD_EC_SUICIDE,
	RASD_EC_GRENADE,
	RASD_EC_CHEMICAL,
	RASD_EC_ABDUCT,
	RASD_EC_ARREST,
	RASD_EC_ARSON,
	RASD_EC_INTERCEPT,
	RASD_EC_DEFUSE,
	RASD_EC_TAKEOVER,
	RASD_EC_PROTEST,
	RASD_EC_RIOT,
	RASD_EC_RELEASE,
	RASD_EC_CURFEW,
	RASD_EC_AGREEMENT,
	RASD_EC_BASE,
	RASD_EC_LOOTING,
	RASD_EC_COUNT
};

enum rasd_trigger_form { RASD_FORM_VERB = 1, RASD_FORM_NOUN, RASD_FORM_PLURAL, RASD_FORM_PART };

/* Roles of cue words (data/cues.tsv, column 2). */
enum rasd_cue_role {
	RASD_CUE_NONE = 0,
	RASD_CUE_PLACE_SETTLEMENT,
	RASD_CUE_PLACE_FACILITY,
	RASD_CUE_PLACE_RURAL,
	RASD_CUE_DIRECTION,
	RASD_CUE_ARMED_PERSON,
	RASD_CUE_DEATH,
	RASD_CUE_INJURY,
	RASD_CUE_CAPTURE,
	RASD_CUE_CLAIM,
	RASD_CUE_FOIL,
	RASD_CUE_HEDGE,
	RASD_CUE_NEGATION,
	RASD_CUE_STATISTIC,
	RASD_CUE_STATEMENT,
	RASD_CUE_REPORT,
	RASD_CUE_TARGET,
	RASD_CUE_MEANS_AIR,
	RASD_CUE_MEANS_ARTILLERY,
	RASD_CUE_MEANS_IED,
	RASD_CUE_WEAPON_SMALL,
	RASD_CUE_NOT_PLACE, /* a gazetteer name that is usually a common word */
	RASD_CUE_GENERIC,   /* quantifiers that make a trigger generic: سلسلة، عدة */
	RASD_CUE_OFF_TOPIC, /* words of sports and arts pages: مباراة، المرمى */
	RASD_CUE_DISASTER,  /* accidents and natural disasters: زلزال، حادث سير */
	RASD_CUE_COUNT
};

enum rasd_number_kind {
	RASD_NUM_UNIT = 1,
	RASD_NUM_TEN,
	RASD_NUM_TEEN,
	RASD_NUM_HUNDRED,
	RASD_NUM_THOUSAND,
	RASD_NUM_MILLION,
	RASD_NUM_VAGUE,
	RASD_NUM_DUAL
};

enum rasd_calendar_kind {
	RASD_CAL_MONTH = 1,
	RASD_CAL_HIJRI_MONTH,
	RASD_CAL_WEEKDAY,
	RASD_CAL_DAY_OFFSET,
	RASD_CAL_PART_OF_DAY,
	RASD_CAL_PERIOD,
	RASD_CAL_MONTH_PART,
	RASD_CAL_DAY_ORDINAL /* التاسع (من أيار): a day of the month as an ordinal */
};

enum rasd_period_unit { RASD_PERIOD_DAY = 1, RASD_PERIOD_WEEK, RASD_PERIOD_MONTH, RASD_PERIOD_YEAR };

enum rasd_actor_flags {
	RASD_ACTOR_ANAPHOR = 1 << 0, /* counts only after the actor was named */
	RASD_ACTOR_VICTIM = 1 << 1   /* denotes people as victims/targets */
};

struct rasd_actor {
	const char *code;
	const char *name_en;
	const char *name_ar;
	const char *country;
	const char *theatre; /* countries (ISO2, comma-separated) where its anaphors
				(التحالف، الميليشيا) need no earlier naming */
	const char *also_en; /* other English names analysts write for it
				('|'-separated, e.g. "LNA|Haftar forces"), or "" */
	const char *allies; /* codes of the actors fighting on its side ('|'-separated,
			       each listed earlier in actors.tsv), or "" */
	int inter; /* ACLED interaction code 1..8 */
};

enum rasd_place_kind {
	RASD_PLACE_COUNTRY = 1,
	RASD_PLACE_ADMIN1,
	RASD_PLACE_ADMIN2,
	RASD_PLACE_ADMIN3,
	RASD_PLACE_CITY,
	RASD_PLACE_TOWN,
	RASD_PLACE_VILLAGE,
	RASD_PLACE_NEIGHBOURHOOD,
	RASD_PLACE_CAMP,
	RASD_PLACE_AIRPORT,
	RASD_PLACE_BASE,
	RASD_PLACE_PRISON,
	RASD_PLACE_PORT,
	RASD_PLACE_CROSSING,
	RASD_PLACE_REGION,
	RASD_PLACE_WATER
};

struct rasd_place {
	const char *id;
	const char *name;
	const char *name_en;
	const char *country; /* ISO 3166 alpha-2 */
	const char *admin1;  /* Arabic; "" for countries */
	const char *admin2;
	const char *pcode;
	double lat, lon;
	long population;
	enum rasd_place_kind kind;
};

const char *rasd_place_kind_name(enum rasd_place_kind kind);

/* Payload of one lexicon match. */
enum rasd_lex_kind {
	RASD_LEX_TRIGGER = 1,
	RASD_LEX_ACTOR,
	RASD_LEX_CUE,
	RASD_LEX_NUMBER,
	RASD_LEX_CALENDAR,
	RASD_LEX_PLACE,
	RASD_LEX_KINDS
};

struct rasd_lex_match {
	enum rasd_lex_kind kind;
	uint32_t ntokens;  /* document tokens covered, quotes inside included */
	unsigned clitics;  /* enum rasd_clitic removed from the first word */
	uint32_t line;     /* source line of the entry, for explanations */
	union {
		struct {
			enum rasd_event_class cls;
			enum rasd_trigger_form form;
		} trigger;
		struct {
			uint32_t actor; /* index into the actor table */
			unsigned flags; /* enum rasd_actor_flags */
		} actor;
		enum rasd_cue_role cue;
		struct {
			long value;
			enum rasd_number_kind kind;
		} number;
		struct {
			enum rasd_calendar_kind kind;
			int value;
			enum rasd_period_unit unit;
		} calendar;
		struct {
			const uint32_t *places; /* candidates, indexes into the place table */
			uint32_t count;
		} place;
	} u;
};

/*
 * Word lists (data/words.tsv): single words that rules test a token's match
 * key against, named here so the C names the list, not its words. Each is
 * X(ID, "name-in-the-file", valued): a valued list gives each word an
 * integer (a duration's days). docs/lexicons.md describes every list.
 */
#define RASD_WORD_LISTS(X) \
	/* extract/dates.c */ \
	X(AGO, "ago", 0) \
	X(SINCE, "since", 0) \
	X(DATE_LEAD, "date-lead", 0) \
	X(ERA_MARK, "era-mark", 0) \
	X(DURATION, "duration", 1) \
	X(DURATION_PLURAL, "duration-plural", 0) \
	X(DAY_OF, "day-of", 0) \
	X(MONTH_PAST, "month-past", 0) \
	X(WEEKDAY_PAST, "weekday-past", 0) \
	X(WEEKDAY_NEXT, "weekday-next", 0) \
	/* extract/mention.c */ \
	X(PLACE_NAME_PREFIX, "place-name-prefix", 0) \
	X(NOT_PLACE_NAME, "not-place-name", 0) \
	X(PLACE_NAME_STOP, "place-name-stop", 0) \
	X(WAW_STEM, "waw-stem", 0) \
	X(LOCATIVE, "locative", 0) \
	X(PLACE_SITE, "place-site", 0) \
	X(CUE_ADMIN1, "cue-admin1", 0) \
	X(CUE_ADMIN3, "cue-admin3", 0) \
	X(CUE_ADMIN, "cue-admin", 0) \
	X(CUE_SETTLEMENT, "cue-settlement", 0) \
	X(PLURAL_CUE, "plural-cue", 0) \
	X(AREA_CUE, "area-cue", 0) \
	X(COMMON_NOUN_CUE, "common-noun-cue", 0) \
	X(COUNTRYSIDE_CUE, "countryside-cue", 0) \
	X(MOUNTAIN_CUE, "mountain-cue", 0) \
	X(CROSSING_CUE, "crossing-cue", 0) \
	X(NEIGHBOURHOOD_CUE, "neighbourhood-cue", 0) \
	X(ALLEGIANCE, "allegiance", 0) \
	X(ALLEGIANCE_LINK, "allegiance-link", 0) \
	X(SAME_BEFORE, "same-before", 0) \
	X(SAME_AFTER, "same-after", 0) \
	X(VERB_AS_NOUN_AFTER, "verb-as-noun-after", 0) \
	X(VICTIM_PLURAL, "victim-plural", 0) \
	X(VICTIM_PLURAL_STEM, "victim-plural-stem", 0) \
	X(COUNCIL, "council", 0) \
	X(NAME_END_WORD, "name-end-word", 0) \
	X(NAME_CONTINUATION, "name-continuation", 0) \
	X(NEAR, "near", 0) \
	/* extract/frames.c */ \
	X(CLAUSE_OPENER, "clause-opener", 0) \
	X(TIME_OF_DAY, "time-of-day", 0) \
	/* extract/roles.c */ \
	X(TARGET_MARKER, "target-marker", 0) \
	X(TARGET_SITE, "target-site", 0) \
	X(AFFILIATION, "affiliation", 0) \
	X(CONTROL, "control", 0) \
	X(LOYAL, "loyal", 0) \
	X(IN_IT, "in-it", 0) \
	X(BETWEEN, "between", 0) \
	X(DURING_PREP, "during-prep", 0) \
	X(AGENT_MARKER, "agent-marker", 0) \
	X(AFTER_VICTIMS, "after-victims", 0) \
	X(FRONT, "front", 0) \
	X(EXECUTION_STEM, "execution-stem", 0) \
	/* extract/actors.c */ \
	X(ARMY, "army", 0) \
	X(FORCE_ADJECTIVE, "force-adjective", 0) \
	X(DRONE_WORD, "drone-word", 0) \
	/* extract/where.c */ \
	X(DIRECTION_OF, "direction-of", 0) \
	X(IN, "in", 0) \
	X(TAKE_SEAT, "take-seat", 0) \
	X(SEAT, "seat", 0) \
	X(OUTLET_NOUN, "outlet-noun", 0) \
	X(PLACE_ADJECTIVE, "place-adjective", 0) \
	X(ROAD, "road", 0) \
	X(CLOSE_TO, "close-to", 0) \
	X(CLOSE_BY, "close-by", 0) \
	X(LAUNCH, "launch", 0) \
	X(JOINED_LIST_CUE, "joined-list-cue", 0) \
	/* extract/when.c */ \
	X(THAT, "that", 0) \
	/* extract/counts.c */ \
	X(PLURAL_NOUN, "plural-noun", 0) \
	X(AMONG_THEM, "among-them", 0) \
	X(SINGULAR_COMBATANT, "singular-combatant", 0) \
	X(ATTEMPT, "attempt", 0) \
	X(CONSEQUENCE_LINK, "consequence-link", 0) \
	X(CONSEQUENCE_VERB, "consequence-verb", 0) \
	/* extract/modality.c */ \
	X(LINK_LINE, "link-line", 0) \
	X(NOT_FUTURE, "not-future", 0) \
	X(PAST_IN_SIN, "past-in-sin", 0) \
	X(DURING, "during", 0) \
	X(FROM, "from", 0) \
	X(METHOD_LEAD, "method-lead", 0) \
	X(IDEA, "idea", 0) \
	X(AGAINST, "against", 0) \
	X(MUST_STOP, "must-stop", 0) \
	X(ALLEGED, "alleged", 0) \
	X(ACCORDING_TO, "according-to", 0) \
	X(SERIES_OF, "series-of", 0) \
	X(SEVERAL, "several", 0) \
	X(REPEATED, "repeated", 0) \
	X(KIND_WORD, "kind-word", 0) \
	X(ANNOUNCE, "announce", 0) \
	X(PURPOSE_LEAD, "purpose-lead", 0) \
	X(REFERENCE_LEAD, "reference-lead", 0) \
	X(ANNIVERSARY, "anniversary", 0) \
	X(ANNIVERSARY_DAY, "anniversary-day", 0) \
	X(RELATIVE, "relative", 0) \
	X(INTERCEPT_VERB, "intercept-verb", 0) \
	X(DESTROY, "destroy", 0) \
	X(DONE_BY, "done-by", 0) \
	X(PROJECTILE, "projectile", 0) \
	X(AGREEMENT_VERB, "agreement-verb", 0) \
	X(FIND_BODY, "find-body", 0) \
	X(KILLING_MARK, "killing-mark", 0) \
	X(LAUNCHED_STEM, "launched-stem", 0) \
	X(EXPOSED_STEM, "exposed-stem", 0) \
	X(QAD, "qad", 0) \
	X(ACCUSE, "accuse", 0) \
	X(QAD_PERFECT, "qad-perfect", 0) \
	X(QAD_IMPERFECT, "qad-imperfect", 0) \
	/* extract/history.c */ \
	X(WAR, "war", 0) \
	X(YEAR_LEAD, "year-lead", 0) \
	X(AFTER_EVENT, "after-event", 0) \
	X(DURING_PERIOD, "during-period", 0) \
	X(PERIOD_UNIT, "period-unit", 0) \
	X(KANA, "kana", 0) \
	X(TALLY_LEAD, "tally-lead", 0) \
	X(PLURAL_HAPPENING, "plural-happening", 0) \
	X(PERIOD_FILLER, "period-filler", 0) \
	X(THEN_ADVERB, "then-adverb", 0) \
	X(REPORT_DOCUMENT, "report-document", 0) \
	/* extract/type.c */ \
	X(DISPERSAL, "dispersal", 0) \
	X(CROWD_VIOLENCE, "crowd-violence", 0) \
	/* extract/merge.c */ \
	X(HAPPENED_VERB, "happened-verb", 0) \
	/* extract/frame.c */ \
	X(ONGOING, "ongoing", 0) \
	X(AMID, "amid", 0) \
	X(ASSOC_MARKER, "assoc-marker", 0) \
	X(MEANS_CONTEXT, "means-context", 0) \
	X(COUNT_QUALIFIER, "count-qualifier", 0) \
	X(COLLECTIVE_FORCE, "collective-force", 0) \
	X(BODY_STEM, "body-stem", 0)

enum rasd_word_list {
	RASD_WL_NONE = 0,
#define RASD_WL_ENUM(id, name, valued) RASD_WL_##id,
	RASD_WORD_LISTS(RASD_WL_ENUM)
#undef RASD_WL_ENUM
	RASD_WL_COUNT
};

struct rasd_lexicon;

/*
 * Per word list, the byte lengths (bit 63: 63 or more) and the first
 * letters of its words. Every lexicon begins with these filters, so a
 * rule's test turns most words away inline (rasd_word_in) before
 * rasd_lex_word_in probes the table.
 */
#define RASD_WORD_SMALL 4
struct rasd_word_filter {
	uint64_t len;
	uint64_t lead[2]; /* by rasd_word_lead() */
	/* a list of at most RASD_WORD_SMALL words is compared here directly
	 * (nsmall > 0), like a string literal, without the table */
	uint32_t nsmall;
	uint32_t small_n[RASD_WORD_SMALL];
	const char *small[RASD_WORD_SMALL];
};
struct rasd_lexicon_head {
	struct rasd_word_filter word_filter[RASD_WL_COUNT];
};

/* The first letter of a key as a bucket 0-127: Arabic letters U+0600-U+067F
 * by their second UTF-8 byte, anything else 127. */
static inline unsigned rasd_word_lead(const char *key, size_t n)
{
	unsigned a, b;
	if (n < 2)
		return 127;
	a = (unsigned char)key[0];
	b = (unsigned char)key[1];
	if (a == 0xD8 && b >= 0x80 && b < 0xC0)
		return b - 0x80;
	if (a == 0xD9 && b >= 0x80 && b < 0xBF)
		return 64 + (b - 0x80);
	return 127;
}

/**
 * Is the match-key word key[0..n) in the word list? Exact comparison with
 * the key (no clitics removed); false for a list with no words.
 */
bool rasd_lex_word_in(const struct rasd_lexicon *lex, const char *key, size_t n,
		      enum rasd_word_list list);

/**
 * rasd_lex_word_in with the filters inline: a word of the wrong length or
 * first letter is turned away, a small list compared directly, and only
 * the rest looked up in the table.
 */
RASD_ALWAYS_INLINE static inline bool rasd_word_in(const struct rasd_lexicon *lex, const char *key,
						   size_t n, enum rasd_word_list list)
{
	const struct rasd_word_filter *f =
		&((const struct rasd_lexicon_head *)(const void *)lex)->word_filter[list];
	unsigned b;
	uint32_t i;
	if (!(f->len >> (n < 63 ? n : 63) & 1))
		return false;
	if (f->nsmall) {
		for (i = 0; i < f->nsmall && i < RASD_WORD_SMALL; i++)
			/* keys and small words are NUL-terminated: [1] exists; it
			 * tells Arabic letters apart (byte 0 is D8 or D9) */
			if (f->small_n[i] == n && f->small[i][1] == key[1] &&
			    memcmp(f->small[i], key, n) == 0)
				return true;
		return false;
	}
	b = rasd_word_lead(key, n);
	if (!(f->lead[b / 64] >> (b % 64) & 1))
		return false;
	return rasd_lex_word_in(lex, key, n, list);
}

/**
 * Load every lexicon from data_dir (triggers.tsv, actors.tsv,
 * actor_aliases.tsv, cues.tsv, not_places.tsv, numbers.tsv, calendar.tsv,
 * words.tsv, page_markers.tsv, places.tsv) plus
 * any extra place files (same format as places.tsv; a missing extra file
 * is an error). Each line is validated; the first bad line fails the load
 * with err->file, err->line, err->column and a message. The caller owns
 * *out and frees it with rasd_lexicon_free().
 */
enum rasd_status rasd_lexicon_load(const char *data_dir, const char *const *extra_places,
				   size_t n_extra, struct rasd_lexicon **out,
				   struct rasd_error *err) RASD_MUST_CHECK;
void rasd_lexicon_free(struct rasd_lexicon *lex);

/**
 * All entries that match the document at token i (the longest per kind and
 * per entry, first word read with clitics removed when its full form does
 * not match). Returns how many were written to out (at most max).
 */
size_t rasd_lex_match_at(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
			 struct rasd_lex_match *out, size_t max);

/**
 * A word-type cache for rasd_lex_match_at (through rasd_doc.lex_cache):
 * each word's clitic readings that begin a lexicon entry, or that none
 * does, so a word is split, hashed and probed once per batch rather than at
 * each occurrence. Matches are the same with or without it. Direct-mapped,
 * 64 bytes a word, max_words rounded up to a power of two (0: 32,768,
 * 2 MB): a word takes the place of an earlier one with the same
 * hash, so its memory is fixed. Tied to one lexicon (a look-up in another
 * bypasses it); one per thread. The caller frees it with
 * rasd_lex_cache_free() before the lexicon. NULL when out of memory.
 */
struct rasd_lex_cache *rasd_lex_cache_new(const struct rasd_lexicon *lex, size_t max_words);
void rasd_lex_cache_free(struct rasd_lex_cache *c);
struct rasd_lex_cache_stats {
	uint64_t lookups, misses, evictions;
	size_t words; /* held now */
};
void rasd_lex_cache_get_stats(const struct rasd_lex_cache *c, struct rasd_lex_cache_stats *out);

/** Look a single phrase up (any text; normalized here) and return matches. */
size_t rasd_lex_lookup(const struct rasd_lexicon *lex, struct rasd_arena *a, const char *phrase,
		       size_t n, struct rasd_lex_match *out, size_t max);


/* Word lists as a bit set: list L is bit L % 64 of word L / 64. */
#define RASD_WL_MASK_WORDS ((RASD_WL_COUNT + 63) / 64)
/** Every list the match-key word key[0..n) is in, as bits ORed into out
 * (the same test as rasd_lex_word_in, for all lists at once). */
void rasd_lex_word_lists(const struct rasd_lexicon *lex, const char *key, size_t n,
			 uint64_t out[RASD_WL_MASK_WORDS]);
/** The word's value in a valued list; false (and *value untouched) if absent. */
bool rasd_lex_word_value(const struct rasd_lexicon *lex, const char *key, size_t n,
			 enum rasd_word_list list, long *value);
/**
 * The words of a list in file order, as match keys (for prefix and
 * substring tests); *n gets the count. Owned by the lexicon.
 */
const struct rasd_str *rasd_lex_word_list(const struct rasd_lexicon *lex, enum rasd_word_list list,
					  size_t *n);
/** The page-furniture phrases of page_markers.tsv. Owned by the lexicon. */
const struct rasd_page_markers *rasd_lex_page_markers(const struct rasd_lexicon *lex);
/** The list's name in words.tsv ("" for none). */
const char *rasd_word_list_name(enum rasd_word_list list);

const struct rasd_actor *rasd_lex_actor(const struct rasd_lexicon *lex, uint32_t index);
/** Actor by code (e.g. "ISIS"), or NULL. */
const struct rasd_actor *rasd_lex_actor_by_code(const struct rasd_lexicon *lex, const char *code,
						uint32_t *index);
const struct rasd_place *rasd_lex_place(const struct rasd_lexicon *lex, uint32_t index);
size_t rasd_lex_place_count(const struct rasd_lexicon *lex);
size_t rasd_lex_entry_count(const struct rasd_lexicon *lex);

const char *rasd_event_class_name(enum rasd_event_class cls);

/* --------------------------------------------------------------- extract */

/* One article as read from JSONL or a text file; strings are valid UTF-8. */
struct rasd_article {
	const char *id;
	const char *title; /* may be NULL */
	size_t title_n;
	const char *text;
	size_t text_n;
	const char *published; /* YYYY-MM-DD or NULL */
	const char *source;    /* may be NULL */
	const char *url;       /* may be NULL */
};

enum rasd_modality { RASD_MOD_REPORTED = 0, RASD_MOD_CLAIMED, RASD_MOD_FOILED };
enum rasd_field { RASD_FIELD_TEXT = 0, RASD_FIELD_TITLE };

struct rasd_evidence {
	enum rasd_field field;
	uint32_t start, end;        /* the trigger's words, byte offsets into the field */
	uint32_t sent_start, sent_end; /* the sentence around them */
};

struct rasd_event {
	char event_id[24];
	int32_t date; /* days since 1970-01-01 */
	bool has_date;
	int time_precision; /* 1 day, 2 within a week, 3 month */
	const char *event_type;
	const char *sub_event_type;
	enum rasd_event_class cls;
	const struct rasd_actor *actor1, *assoc_actor1, *actor2, *assoc_actor2;
	const char *location; /* Arabic, without clitics; NULL when unknown */
	const char *admin1, *admin2, *country, *pcode;
	const struct rasd_place *place; /* the gazetteer entry used, or NULL */
	double latitude, longitude;
	bool has_coords;
	int geo_precision; /* ACLED 1..3, 0 when unknown */
	long fatalities;
	bool claimed;
	enum rasd_modality modality;
	const char *trigger; /* the words that signalled the event, as written */
	double confidence;
	struct rasd_evidence evidence;
	uint32_t merged; /* further mentions folded into this event */
	bool consequence; /* a toll told as what another mention caused (في مقتل) */
	/* the decisions that made it, in order (only with
	 * rasd_extract_options.trace; NULL otherwise); arena array */
	const struct rasd_trace_step *trace;
	size_t ntrace;
};

/* One decision of the extractor: the rule that made it (named as in
 * docs/rules.md, e.g. "history.past_year") and the words it looked at, as
 * byte offsets into the ORIGINAL text of the field. */
#define RASD_TRACE_SPANS 3
struct rasd_trace_span {
	uint32_t start, end;
};
struct rasd_trace_step {
	const char *rule; /* static string */
	enum rasd_field field;
	unsigned nspans;
	struct rasd_trace_span spans[RASD_TRACE_SPANS];
};

/* A trigger that made no event, the rule that dropped it and the steps
 * before (trigger and trace live in the arena). */
struct rasd_dropped_frame {
	const char *rule;
	const char *trigger; /* as written */
	struct rasd_evidence evidence;
	const struct rasd_trace_step *trace;
	size_t ntrace;
};

/* Where rasd_extract() records its decisions when asked: each event's
 * trace, and with `dropped` set the frames it dropped (arena array).
 * Without one (options.trace NULL) extraction is as fast as ever. */
struct rasd_trace {
	bool dropped;                     /* in: keep the dropped frames */
	struct rasd_dropped_frame *drops; /* out */
	size_t ndrops;
};

/* The rules the extractor names, in the order of docs/rules.md: the i-th
 * rule's name (NULL past the last) and a one-line description. */
const char *rasd_rule_name(size_t i, const char **description);

struct rasd_extract_options {
	size_t max_article_bytes; /* 0 = RASD_DEFAULT_MAX_ARTICLE */
	double min_confidence;    /* events below are dropped */
	struct rasd_trace *trace; /* NULL: no trace */
	/* NULL: none; else a word-type cache of the same lexicon, kept
	 * across the articles of a batch (rasd_lex_cache_new) */
	struct rasd_lex_cache *lex_cache;
};

#define RASD_DEFAULT_MAX_ARTICLE (8u * 1024u * 1024u)

/**
 * Code one article. Events (and every string they point to that is not a
 * lexicon string) live in the arena; *events is an arena array. An article
 * with no text fails with RASD_EEMPTY; one over max_article_bytes with
 * RASD_ETOOBIG. Articles without a usable `published` date still code, with
 * relative dates left unresolved (null).
 */
enum rasd_status rasd_extract(const struct rasd_lexicon *lex, const struct rasd_article *art,
			      const struct rasd_extract_options *opt, struct rasd_arena *a,
			      struct rasd_event **events, size_t *nevents,
			      struct rasd_error *err) RASD_MUST_CHECK;

/** True when a and b are the same event coded twice (id, date, type,
 * actors, place, toll, modality, evidence). */
bool rasd_event_same(const struct rasd_event *a, const struct rasd_event *b);
/** Drop exact repetitions (rasd_event_same) from ev[0..n) (rasd_extract
 * does so before it returns), keeping the
 * first of each and the order; returns the new count. Linear in n (a
 * table of ids; on allocation failure nothing is dropped). */
size_t rasd_events_unique(struct rasd_event *ev, size_t n);

/* A place named in a text, as the extractor resolves it. */
struct rasd_place_mention {
	uint32_t start, end; /* byte offsets of the mention in the text */
	const char *location;
	const char *admin1, *admin2, *country;
	const struct rasd_place *place; /* gazetteer entry, NULL for unknown names */
	double latitude, longitude;
	bool has_coords;
	int geo_precision;
	bool unknown; /* named after a cue word but in no gazetteer */
};

/**
 * Every place mention in a text, resolved with the same rules as
 * rasd_extract (clitics, cue words, directions, context, anaphora).
 * The array lives in the arena.
 */
enum rasd_status rasd_geocode(const struct rasd_lexicon *lex, const char *text, size_t n,
			      struct rasd_arena *a, struct rasd_place_mention **out,
			      size_t *nout) RASD_MUST_CHECK;

/** "Political violence", "Demonstrations" or "Strategic developments". */
const char *rasd_disorder_type(const char *event_type);
/** English country name for an ISO 3166 alpha-2 code ("" when unknown). */
const char *rasd_country_name(const char *iso2);
/** ACLED region for an ISO 3166 alpha-2 code ("" when unknown). */
const char *rasd_country_region(const char *iso2);

/**
 * Parse an Arabic number expression starting at token i (digits, number
 * words, compounds such as خمسة وعشرين, vague counts such as عشرات).
 * Returns tokens consumed (0 if none) and sets *value and *vague.
 */
size_t rasd_number_at(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
		      long *value, bool *vague);

/* A date expression resolved against the publication date. */
struct rasd_date_expr {
	uint32_t tok, ntok;
	int32_t date;
	int precision; /* 1 day, 2 approximate/within a week, 3 month, 4 year */
	bool since;    /* introduced by منذ: a period, not a day */
};

/**
 * Parse a date expression starting at token i (9 نوفمبر/ تشرين الثاني 2021,
 * الاثنين الماضي، أمس، مطلع الشهر الحالي، قبل يومين, Hijri dates). `published`
 * is days since 1970 (or INT32_MIN when unknown: relative expressions then
 * fail). Returns tokens consumed, 0 when there is no date at i.
 */
size_t rasd_date_at(const struct rasd_lexicon *lex, const struct rasd_doc *doc, size_t i,
		    int32_t published, struct rasd_date_expr *out);

/* ----------------------------------------------------------------- learn */

/*
 * The learned models (src/learn/, liblinear) over the features of each
 * event the rules code (its trigger and the words and clause cues around
 * it, the kinds of actors, whether a place and a date were found, the
 * sentence's shape and place, the rules that made it, the article's other
 * events): keep (is the event real?) and type (which ACLED sub-event
 * type?), trained from gold files and analysts' reviews. The rules stay
 * the candidate generator and the hard constraints; the model retypes an
 * event when confident, its probability becomes the confidence, and
 * events below the model's threshold are dropped. docs/learn.md.
 */
#define RASD_MODEL_VERSION 2

struct rasd_model;

/**
 * Load a model file ("rasd-model 2", then "threshold P", "type-threshold
 * P", "class SUB", "w WEIGHT FEATURE" and "t SUB WEIGHT FEATURE" lines). A
 * malformed line fails with err->file/line/column; a model of another
 * version with RASD_EINVAL. Free with rasd_model_free().
 */
enum rasd_status rasd_model_load(const char *path, struct rasd_model **out,
				 struct rasd_error *err) RASD_MUST_CHECK;
void rasd_model_free(struct rasd_model *m);
/**
 * Apply the model to the n events the rules coded from art: each event
 * whose type the type model gives a probability of at least its type
 * threshold takes that type; every event's confidence becomes P(keep)
 * (a retyped event's, the type model's probability of its new type).
 * Features the model does not know weigh nothing.
 * Scratch in a; RASD_ENOMEM when the arena fails.
 */
enum rasd_status rasd_model_apply(const struct rasd_model *m, const struct rasd_article *art,
				  struct rasd_event *ev, size_t n,
				  struct rasd_arena *a) RASD_MUST_CHECK;
/** Drop the events whose confidence is below the model's threshold,
 * keeping the order; returns the new count. */
size_t rasd_model_keep(const struct rasd_model *m, struct rasd_event *ev, size_t n);
/** Events scored below this are dropped (0.5 unless the file says). */
double rasd_model_threshold(const struct rasd_model *m);
void rasd_model_set_threshold(struct rasd_model *m, double threshold);
/** The model as its text file, features sorted: the same model, the same bytes. */
enum rasd_status rasd_model_write(const struct rasd_model *m, struct rasd_buf *b) RASD_MUST_CHECK;

/* Labelled events to train from; `group` is the article, numbered from 0
 * (folds keep an article's events together). */
struct rasd_trainer;
struct rasd_train_label {
	bool real;                  /* a gold or accepted event at its place and date */
	const char *event_type;     /* that event's type (any type of the rules' event) */
	const char *sub_event_type; /* and sub-event type; NULL when unknown */
	bool required;              /* it counts for recall */
};
struct rasd_train_options {
	double C, C_type;      /* liblinear's cost for the keep and the type model */
	double threshold;      /* <= 0: chosen by inner cross-validation */
	double type_threshold; /* <= 0: chosen by inner cross-validation; 1: never retype */
	bool no_type;          /* no type model */
};
struct rasd_trainer *rasd_trainer_new(void);
void rasd_trainer_free(struct rasd_trainer *t);
/** Event i of the nev events the rules coded from art, with its label. */
enum rasd_status rasd_trainer_add(struct rasd_trainer *t, const struct rasd_article *art,
				  const struct rasd_event *ev, size_t nev, size_t i,
				  const struct rasd_train_label *label, long group) RASD_MUST_CHECK;
/** The number of labelled events of article `group` that count for recall
 * (for the F1 the thresholds are chosen by); adds up over calls. */
enum rasd_status rasd_trainer_article(struct rasd_trainer *t, long group,
				      long nrequired) RASD_MUST_CHECK;
/** Put article `group` in outer fold `fold` (by default group % k), e.g.
 * one fold per gold file. */
enum rasd_status rasd_trainer_set_fold(struct rasd_trainer *t, long group,
				       long fold) RASD_MUST_CHECK;
/** Examples added (and how many are real). */
size_t rasd_trainer_count(const struct rasd_trainer *t, size_t *real);
/** Fit the keep and type models on the examples whose group is not in
 * fold `fold` of k (k 0: every example; folds as rasd_trainer_set_fold
 * put them), the thresholds chosen by a
 * 5-fold inner cross-validation on those examples alone unless o gives
 * them. Deterministic: the same examples give the same model. RASD_EINVAL
 * (with err) when the examples are all real or all spurious. */
enum rasd_status rasd_trainer_fit(struct rasd_trainer *t, const struct rasd_train_options *o,
				  long k, long fold, struct rasd_model **out,
				  struct rasd_error *err) RASD_MUST_CHECK;

/* ----------------------------------------------------------------- store */

/* Writers for one event; they append to b and return its status. */
const char *rasd_modality_name(enum rasd_modality m);
/** One JSON object (no newline) with the documented field names. */
enum rasd_status rasd_event_write_json(struct rasd_buf *b, const struct rasd_article *art,
				       const struct rasd_event *e) RASD_MUST_CHECK;
/** A readable multi-line block for terminals. */
enum rasd_status rasd_event_write_table(struct rasd_buf *b, const struct rasd_article *art,
					const struct rasd_event *e) RASD_MUST_CHECK;
/** "YYYY-MM-DD" of a day number into out (11 bytes). */
void rasd_format_date(int32_t days, char out[11]);

/* store: ACLED-true exports (docs/output.md, "CSV columns") */

/*
 * What an ACLED-true row needs beyond the event: English names of places
 * and of their governorate, district and sub-district (the lexicon's
 * gazetteer plus data_dir/admin3.tsv), outlets' names and source scales
 * (data_dir/outlets.tsv). lex is borrowed and must outlive the object;
 * with lex NULL the English place columns stay empty, with data_dir NULL
 * sub-districts and outlet names do. A bad line of either file fails with
 * err->file, err->line and err->column. Free with rasd_acled_free().
 */
struct rasd_acled;
enum rasd_status rasd_acled_new(const struct rasd_lexicon *lex, const char *data_dir,
				struct rasd_acled **out, struct rasd_error *err) RASD_MUST_CHECK;
void rasd_acled_free(struct rasd_acled *x);

/* One event to export. */
struct rasd_acled_event {
	const struct rasd_article *article; /* the (primary) report */
	const struct rasd_event *event;
	long long number;    /* the database's number for the event (event_id_cnty is
				its ISO3 + this); 0 outside a database: then a number
				taken from event_id, the same for the same input */
	const char *sources; /* every outlet, "; "-joined; NULL: article->source */
	long narticles, nsources; /* 0 counts as 1 */
	long long timestamp;      /* Unix time of the event's last change */
	const char *review_status; /* a stored event's review (rasd_review_status_name);
				      NULL outside a database */
	const char *sentence;      /* the evidence sentence when article->text is not at
				      hand (a stored event's); NULL: cut from the article */
	size_t sentence_n;
};

/** ACLED's 31 columns in ACLED's order, then rasd's; with a newline. */
enum rasd_status rasd_acled_csv_header(struct rasd_buf *b) RASD_MUST_CHECK;
/** One CSV row (RFC 4180) in the header's order, with a newline. */
enum rasd_status rasd_acled_write_csv(struct rasd_buf *b, const struct rasd_acled *x,
				      const struct rasd_acled_event *ev) RASD_MUST_CHECK;
/**
 * One GeoJSON Feature (no newline): a Point and, as properties, exactly the
 * CSV's columns (numbers as numbers, empty values as null). Events without
 * coordinates return RASD_ENOTFOUND and write nothing.
 */
enum rasd_status rasd_acled_write_geojson(struct rasd_buf *b, const struct rasd_acled *x,
					  const struct rasd_acled_event *ev) RASD_MUST_CHECK;
/** Name of column i (NULL past the last); *acled tells ACLED's from rasd's. */
const char *rasd_acled_column(size_t i, bool *acled);
/** ISO 3166 alpha-3 ("SYR") and numeric (760) codes of an alpha-2 code; "" / 0 when unknown. */
const char *rasd_country_iso3(const char *iso2);
int rasd_country_numeric(const char *iso2);
/** The alpha-2 code for an alpha-2, alpha-3 or numeric code (SY, SYR, 760), or NULL. */
const char *rasd_country_from_code(const char *code);

/* store: database */

/*
 * The events database: one SQLite file holding articles, the events coded
 * from them (one row per happening, deduplicated across sources), the
 * links from every event to each article and evidence sentence behind it,
 * and FTS5 indexes over article text and evidence built on rasd's own
 * normalizer and clitic splitter. docs/schema.md documents the tables and
 * the deduplication rule. A struct rasd_db is used by one thread at a time.
 */
#define RASD_DB_SCHEMA_VERSION 7
#define RASD_DB_HASH_HEX 65 /* 64 hex digits and a NUL */

struct rasd_db;

enum rasd_db_flags {
	RASD_DB_READONLY = 1 << 0, /* open an existing database for reading only */
	RASD_DB_CREATE = 1 << 1    /* create the file when it does not exist */
};

/**
 * Open the database at path (with RASD_DB_CREATE, create it), register the
 * "rasd" FTS5 tokenizer, and bring an older schema up to
 * RASD_DB_SCHEMA_VERSION (writable opens only; a read-only open of an
 * older schema fails and says so). A file that is not a rasd database, or
 * one from a newer rasd, is refused. busy_ms is how long to wait for
 * another writer's lock before failing. Errors (missing file, read-only
 * file opened for writing, lock held, SQLite errors) come back as status
 * plus a one-line err->msg that names the file. The caller owns *out and
 * frees it with rasd_db_free().
 */
enum rasd_status rasd_db_open(const char *path, unsigned flags, int busy_ms, struct rasd_db **out,
			      struct rasd_error *err) RASD_MUST_CHECK;
/** Close the database; NULL does nothing. */
void rasd_db_free(struct rasd_db *db);
/** Whether a command on db met damage (SQLITE_CORRUPT, SQLITE_NOTADB). */
bool rasd_db_damaged(const struct rasd_db *db);
/** The schema version of the open database (PRAGMA user_version). */
int rasd_db_version(const struct rasd_db *db);

/**
 * Register the "rasd" FTS5 tokenizer on an open sqlite3 connection (passed
 * as void * so that this header does not need sqlite3.h). Documents are
 * split with rasd_doc_parse; each word is indexed in match-key form
 * together with every rasd_clitic_readings form at the same position, so a
 * query for داعش finds لداعش and وداعش and one for الحسكه finds الحسكة.
 * Queries are normalized the same way but not split. Offsets given to FTS5
 * are bytes of the original text, so highlight() marks what was written.
 */
enum rasd_status rasd_fts_register(void *sqlite3_db) RASD_MUST_CHECK;

/**
 * Register rasd's SQL functions on an open sqlite3 connection (void * as
 * for rasd_fts_register): rasd_distance_km(lat1, lon1, lat2, lon2),
 * rasd_key(text) (the match-key form of the *_key columns) and
 * rasd_fts_query(words) (rasd_fts_query's expression, for MATCH).
 */
enum rasd_status rasd_sql_functions_register(void *sqlite3_db) RASD_MUST_CHECK;

/**
 * Turn what a user typed into an FTS5 query expression appended to b:
 * each word becomes a quoted string (so no character of the input is FTS5
 * syntax), "double-quoted phrases" stay phrases, a final * asks for a
 * prefix, and the upper-case words OR, AND and NOT between terms are
 * operators. Words without letters or digits are dropped. Fails with
 * RASD_EINVAL when nothing searchable remains and RASD_ESYNTAX when an
 * operator has no term on one side; err->msg says which.
 */
enum rasd_status rasd_fts_query(struct rasd_buf *b, const char *q, size_t n,
				struct rasd_error *err) RASD_MUST_CHECK;

/**
 * Content hash of an article (title, text, published, source and url) as
 * 64 lowercase hex digits of SHA-256 and a NUL. Ingest uses it to tell an
 * unchanged article from an updated one.
 */
void rasd_db_hash_article(const struct rasd_article *art, char out[RASD_DB_HASH_HEX]);

enum rasd_article_state {
	RASD_ARTICLE_NEW = 0, /* no article with this id */
	RASD_ARTICLE_SAME,    /* stored with the same content hash */
	RASD_ARTICLE_CHANGED  /* stored with other content */
};

/** Whether doc_id is stored, and with the content hash `hash`. */
enum rasd_status rasd_db_article_state(struct rasd_db *db, const char *doc_id, const char *hash,
				       enum rasd_article_state *state,
				       struct rasd_error *err) RASD_MUST_CHECK;

/**
 * Write the gazetteer's English names (governorates, districts, every
 * place with its point and sub-district) into the table `place_name` that
 * the view `event_full` reads, replacing what was there, in one
 * transaction; with only_if_empty, only when the table is empty. x is
 * rasd_acled_new(lex, ...).
 */
enum rasd_status rasd_db_put_place_names(struct rasd_db *db, const struct rasd_lexicon *lex,
					 const struct rasd_acled *x, bool only_if_empty,
					 struct rasd_error *err) RASD_MUST_CHECK;

/** Start a write transaction (BEGIN IMMEDIATE: waits busy_ms for the lock). */
enum rasd_status rasd_db_begin(struct rasd_db *db, struct rasd_error *err) RASD_MUST_CHECK;
/** Commit the transaction that rasd_db_begin() started. */
enum rasd_status rasd_db_commit(struct rasd_db *db, struct rasd_error *err) RASD_MUST_CHECK;
/** Roll back an open transaction, if any. */
void rasd_db_rollback(struct rasd_db *db);
/**
 * Read in one snapshot: between rasd_db_read_begin() and rasd_db_read_end()
 * every query, search and count sees the database as it was at the first
 * of them, whatever another process writes meanwhile (stats whose header
 * and tables agree). Not inside rasd_db_begin().
 */
enum rasd_status rasd_db_read_begin(struct rasd_db *db, struct rasd_error *err) RASD_MUST_CHECK;
void rasd_db_read_end(struct rasd_db *db);

/* What rasd_db_put() did, added to the counters it is given. */
struct rasd_ingest_counts {
	long articles_new;
	long articles_updated;
	long articles_same;    /* unchanged: nothing written */
	long events_new;       /* event rows created */
	long events_merged;    /* mentions folded into an event from another article */
	long events_removed;   /* event rows dropped when an updated article lost them */
	long mentions;         /* event mentions stored */
};

/**
 * Store one article and the events rasd_extract() coded from it, inside a
 * transaction. `hash` must be rasd_db_hash_article(art). An article stored
 * with the same hash is left alone; one stored with another hash has its
 * row, links and events replaced. Each event is matched against the stored
 * events of other articles by the rule in docs/schema.md and becomes a new
 * event or another source of an existing one. Each article is written in
 * a savepoint of its own: RASD_EINVAL or RASD_ETOOBIG means this article
 * was refused (no id or text, a value SQLite cannot hold), nothing of it
 * is stored, the counters are as before and the transaction goes on; any
 * other failure loses the transaction, which the caller rolls back.
 */
enum rasd_status rasd_db_put(struct rasd_db *db, const struct rasd_article *art, const char *hash,
			     const struct rasd_event *events, size_t nevents,
			     struct rasd_ingest_counts *counts, struct rasd_error *err) RASD_MUST_CHECK;

/* One problem rasd_db_check() found, as one line of text. */
typedef enum rasd_status (*rasd_db_problem_fn)(void *ctx, const char *problem);

/**
 * Check the database: SQLite's integrity check and foreign keys, the two
 * search indexes against the tables they index (only on a writable open:
 * the check is a write that is rolled back), and rasd's own invariants:
 * every event has a source and exactly one primary report, its article
 * and outlet counts and its id agree with its reports, every article's
 * hash agrees with its text, and every stored evidence sentence is the
 * text its offsets cut. Each problem goes to fn (at most 100 per check);
 * *nproblems is their number. Fails only when the check itself cannot
 * run.
 */
enum rasd_status rasd_db_check(struct rasd_db *db, rasd_db_problem_fn fn, void *ctx,
			       long *nproblems, struct rasd_error *err) RASD_MUST_CHECK;

/**
 * An online, consistent copy of the database in the new file `dest`
 * (SQLite's backup API, in one read snapshot, written under a temporary
 * name and renamed into place). dest must not exist.
 */
enum rasd_status rasd_db_backup(struct rasd_db *db, const char *dest,
				struct rasd_error *err) RASD_MUST_CHECK;

/**
 * Recompute every event from the stored articles: each article is coded
 * again with lex and opt (in the order it was stored, so the result is
 * what an ingest of the same articles gives), its events deduplicated
 * and merged anew, the search indexes rebuilt and every index
 * re-created; one transaction, so an interrupted rebuild changes nothing.
 * Articles that no longer code are counted in *failed. counts gets what
 * was stored.
 */
enum rasd_status rasd_db_rebuild(struct rasd_db *db, const struct rasd_lexicon *lex,
				 const struct rasd_extract_options *opt,
				 struct rasd_ingest_counts *counts, long *failed,
				 struct rasd_error *err) RASD_MUST_CHECK;

/**
 * What rasd_db_rebuild() does, for a database too damaged to rewrite in
 * place: a new database at dest (which must not exist) from every article
 * of db that can still be read, coded again in the order they were
 * stored. Articles on damaged pages are counted in *lost, those that no
 * longer code (kept, without events) in *failed. The analysts' reviews
 * (statuses, corrections, the audit trail) of every reviewed event that
 * can be read come along, counted in *reviews_kept (those on damaged pages
 * in *reviews_lost), and the new database is then rebuilt around them as
 * rasd_db_rebuild() does. dest is removed on failure.
 */
enum rasd_status rasd_db_salvage(struct rasd_db *db, const char *dest,
				 const struct rasd_lexicon *lex,
				 const struct rasd_extract_options *opt,
				 struct rasd_ingest_counts *counts, long *failed, long *lost,
				 long *reviews_kept, long *reviews_lost,
				 struct rasd_error *err) RASD_MUST_CHECK;

/**
 * Record one ingest run (provenance: when, which rasd, what was read).
 * rasd_db_run_begin returns its id in *run; rasd_db_run_end fills in the
 * counts and the end time. Each is its own transaction.
 */
enum rasd_status rasd_db_run_begin(struct rasd_db *db, const char *inputs, long *run,
				   struct rasd_error *err) RASD_MUST_CHECK;
enum rasd_status rasd_db_run_end(struct rasd_db *db, long run, const struct rasd_ingest_counts *c,
				 long errors, struct rasd_error *err) RASD_MUST_CHECK;

/* The sort key of rasd_db_query(); ties go by date, then row. */
enum rasd_db_order {
	RASD_ORDER_DATE = 0,
	RASD_ORDER_FATALITIES,
	RASD_ORDER_TYPE,
	RASD_ORDER_ADMIN1,
	RASD_ORDER_CONFIDENCE /* lowest first: the review queue's order */
};

/* Which events a query, an export or the statistics look at. */
struct rasd_db_filter {
	const char *from, *to;        /* YYYY-MM-DD, inclusive; NULL for open */
	const char *event_type;       /* exact, case-insensitive */
	const char *sub_event_type;   /* exact, case-insensitive */
	const char *actor;            /* code, English or Arabic name, any role */
	const char *admin1;           /* Arabic, compared in match-key form */
	const char *country;          /* ISO 3166 alpha-2 */
	const char *text;             /* words in the evidence (rasd_fts_query syntax) */
	bool near;                    /* within km of (lat, lon) */
	double lat, lon, km;
	long min_fatalities;          /* 0 for no minimum */
	long limit;                   /* 0 for no limit */
	long offset;                  /* events skipped first (paging) */
	bool newest_first;            /* descending order */
	enum rasd_db_order order;     /* what the events are sorted by */
	const char *event_id;         /* one event, by its rasd-... id */
	/* review status: NULL for every event but the rejected ones; else a
	 * comma-separated list of unreviewed, accepted, corrected, rejected,
	 * reviewed (the last three), recheck (flagged for a re-check), or all */
	const char *review;
	long long number;             /* one event by its number (rasd_db_event.number); 0: any */
	bool article_text;            /* also read each primary article's whole text */
};

/* One link from an event to an article: the article and its evidence. */
struct rasd_db_source {
	const char *doc_id, *source, *url, *published, *title;
	const char *mention_id; /* the event id extract gave this mention */
	const char *sentence;
	struct rasd_evidence evidence;
};

/* One stored event as queries return it. */
struct rasd_db_event {
	struct rasd_event event;     /* actor pointers point at actors[] */
	struct rasd_article article; /* the primary article; its text only when the
				      * filter asked (article_text), else NULL;
				      * source is every outlet, "; "-joined */
	const char *sentence;        /* the evidence sentence (the field's bytes
				      * sent_start..sent_end), always there */
	size_t sentence_n;
	struct rasd_actor actors[4];
	long narticles, nsources;
	struct rasd_db_source *links; /* every article behind it, primary first */
	size_t nlinks;
	long long number;  /* the event's row number: stable while the event exists */
	long long changed; /* Unix time of the last write to any of its articles */
	const char *review_status;    /* rasd_review_status_name() */
	const char *review_reason;    /* why it was rejected, or NULL */
	const char *duplicate_of;     /* the rasd-… id of the event it duplicates, or NULL */
	const char *recheck;          /* why it needs a re-check, or NULL */
};

typedef enum rasd_status (*rasd_db_event_fn)(void *ctx, const struct rasd_db_event *e);

/** The ACLED row's view of a stored event (for rasd_acled_write_csv/_geojson),
 * pointing into e. */
struct rasd_acled_event rasd_db_event_acled(const struct rasd_db_event *e);

/**
 * Events that pass filter f (NULL for all), in date order, each handed to
 * fn. Strings live in the arena `a`, which is reset before each event, so
 * they are valid during the call only. A status other than RASD_OK from fn
 * stops the walk and is returned. A bad filter (date, FTS syntax) fails
 * with RASD_EINVAL or RASD_ESYNTAX before any event.
 */
enum rasd_status rasd_db_query(struct rasd_db *db, const struct rasd_db_filter *f,
			       struct rasd_arena *a, rasd_db_event_fn fn, void *ctx,
			       struct rasd_error *err) RASD_MUST_CHECK;

/* One article found by rasd_db_search(). */
struct rasd_db_hit {
	const char *doc_id, *title, *source, *url, *published;
	const char *snippet; /* matches wrapped in the caller's marks */
	long nevents;
	double rank; /* bm25: lower is better */
};

typedef enum rasd_status (*rasd_db_hit_fn)(void *ctx, const struct rasd_db_hit *h);

/**
 * Full-text search of article titles and texts, best match first, at most
 * limit (0 = 20) hits. query uses rasd_fts_query syntax. Snippets wrap each
 * match in open/close (e.g. terminal colours or brackets). Strings live in
 * `a`, reset before each hit.
 */
enum rasd_status rasd_db_search(struct rasd_db *db, const char *query, long limit,
				const char *open, const char *close, struct rasd_arena *a,
				rasd_db_hit_fn fn, void *ctx, struct rasd_error *err) RASD_MUST_CHECK;

/* One event as a map point (rasd_db_points). */
struct rasd_db_point {
	const char *event_id, *event_date, *event_type, *location; /* date, location may be NULL */
	double latitude, longitude;
	long fatalities;
};

typedef enum rasd_status (*rasd_db_point_fn)(void *ctx, const struct rasd_db_point *p);

/**
 * The events with coordinates that pass f (limit, offset and order are
 * ignored), in date order, as points: one query, no article text or
 * sources read. *without_coords counts the others. Strings are valid
 * during the call only.
 */
enum rasd_status rasd_db_points(struct rasd_db *db, const struct rasd_db_filter *f,
				rasd_db_point_fn fn, void *ctx, long *without_coords,
				struct rasd_error *err) RASD_MUST_CHECK;

/* Database-wide counts. */
struct rasd_db_totals {
	long articles, articles_with_events, events, mentions, multi_source_events;
	long fatalities, sources;
	char first_date[11], last_date[11]; /* "" when no dated events */
};

enum rasd_db_stat {
	RASD_STAT_MONTH = 0, /* key YYYY-MM (NULL: undated) */
	RASD_STAT_TYPE,      /* key event_type */
	RASD_STAT_SUB_TYPE,  /* key sub_event_type, label its event_type */
	RASD_STAT_ADMIN1,    /* key governorate, label country */
	RASD_STAT_ACTOR,     /* key actor code, label English name */
	RASD_STAT_SOURCE,    /* key outlet */
	RASD_STAT_DAY_TYPE   /* key YYYY-MM-DD, label event_type: dated events only,
				in date order (the dashboard's timeline) */
};

typedef enum rasd_status (*rasd_db_count_fn)(void *ctx, const char *key, const char *label,
					     long events, long fatalities);

/** Totals over the events that pass f (NULL for all). */
enum rasd_status rasd_db_totals(struct rasd_db *db, const struct rasd_db_filter *f,
				struct rasd_db_totals *t, struct rasd_error *err) RASD_MUST_CHECK;
/**
 * Event and fatality counts grouped by month, type, sub-type, governorate,
 * actor (as actor1 or actor2) or outlet, over the events that pass f:
 * months in order, the others largest first, at most limit rows (0 = all).
 * key is NULL for events without that field; label as enum rasd_db_stat
 * says, or NULL. Strings are valid during the call only.
 */
enum rasd_status rasd_db_count_by(struct rasd_db *db, const struct rasd_db_filter *f,
				  enum rasd_db_stat by, long limit, rasd_db_count_fn fn, void *ctx,
				  struct rasd_error *err) RASD_MUST_CHECK;

/**
 * A stored event as one JSON object (rasd_event_write_json's fields plus
 * "sources" and "narticles"), without a newline. GeoJSON and CSV of stored
 * events: rasd_acled_write_geojson / rasd_acled_write_csv.
 */
enum rasd_status rasd_db_event_write_json(struct rasd_buf *b,
					  const struct rasd_db_event *e) RASD_MUST_CHECK;

/* ------------------------------------------------------------------- web */

/*
 * Web pages and feeds in (src/web/, libxml2 and iconv; depends on core
 * only). Pages are decoded to UTF-8 from the charset the HTTP header or
 * the page itself names (UTF-8, windows-1256, ISO-8859-6 and whatever
 * iconv knows), parsed with libxml2's HTML parser, and the article is
 * taken out of the boilerplate around it.
 */
#define RASD_WEB_MAX_PAGE (16u * 1024u * 1024u) /* bytes of HTML or feed read */
#define RASD_FEED_MAX_ITEMS 5000u

/** What rasd_web_decode did: the charset used and whether it was a guess. */
struct rasd_charset {
	char name[32];  /* iconv name used, e.g. "UTF-8", "WINDOWS-1256" */
	char label[32]; /* what the header or page said ("" when nothing) */
	bool mislabelled; /* the label did not fit the bytes; name was guessed */
	size_t replaced;  /* bytes that could not be decoded (now U+FFFD) */
};

/**
 * Decode a page or feed body to valid, NUL-terminated UTF-8 in the arena.
 * The charset is taken from content_type (an HTTP Content-Type value, may
 * be NULL), else a byte order mark, <meta charset>, <meta http-equiv> or
 * an XML declaration in the first 4 KB, else UTF-8; a label the bytes do
 * not fit (UTF-8 that is not, windows-1256 that is valid UTF-8) is
 * overruled and cs->mislabelled says so. RASD_ETOOBIG over
 * RASD_WEB_MAX_PAGE; RASD_EINVAL for a charset iconv cannot read.
 */
enum rasd_status rasd_web_decode(struct rasd_arena *a, const char *p, size_t n,
				 const char *content_type, struct rasd_str *out,
				 struct rasd_charset *cs, struct rasd_error *err) RASD_MUST_CHECK;

/** An article taken out of a web page. Strings live in the arena. */
struct rasd_web_page {
	const char *title;     /* og:title, else the first h1, else <title>; may be NULL */
	size_t title_n;
	const char *text;      /* main text, paragraphs separated by blank lines */
	size_t text_n;
	const char *published; /* YYYY-MM-DD or NULL */
	const char *source;    /* og:site_name, JSON-LD publisher, else the URL's host */
	const char *url;       /* canonical link of the page, else the URL given */
	struct rasd_charset charset;
};

/**
 * Extract the article of an HTML page: p[0..n) as fetched (any charset;
 * see rasd_web_decode), content_type the HTTP header or NULL, url the
 * page's address or NULL (resolves relative links, names the source).
 * The main text is chosen by text and link density, without navigation,
 * headers, footers, asides, comments, related-article lists, share bars
 * or scripts. RASD_EEMPTY when the page holds no article text.
 */
enum rasd_status rasd_web_extract(struct rasd_arena *a, const char *p, size_t n,
				  const char *content_type, const char *url,
				  struct rasd_web_page *out, struct rasd_error *err) RASD_MUST_CHECK;

/** True when p[0..n) looks like an HTML document (for readers guessing a format). */
bool rasd_web_is_html(const char *p, size_t n);

/** One entry of a feed. Strings live in the arena; any but link may be NULL. */
struct rasd_feed_item {
	const char *guid;      /* guid / id / rdf:about */
	const char *link;      /* absolute URL of the article page */
	const char *title;
	const char *published; /* YYYY-MM-DD */
	const char *summary;   /* description or summary as given (may hold HTML) */
};

struct rasd_feed {
	const char *kind; /* "rss", "atom" or "rdf" */
	const char *title;
	struct rasd_feed_item *items;
	size_t nitems;
	bool recovered; /* not well-formed XML; items read by libxml2's recovery */
};

/**
 * Parse an RSS 2.0, Atom 1.0 or RSS 1.0 (RDF) feed. Relative links are
 * resolved against xml:base and base_url; CDATA is text. Documents that
 * declare entities are refused (RASD_EINVAL); XML that libxml2 cannot read
 * at all, or that is no feed, fails with RASD_ESYNTAX naming the line.
 * Items without a link are left out; at most RASD_FEED_MAX_ITEMS are read.
 */
enum rasd_status rasd_feed_parse(struct rasd_arena *a, const char *p, size_t n,
				 const char *base_url, struct rasd_feed *out,
				 struct rasd_error *err) RASD_MUST_CHECK;

/**
 * The canonical form of an absolute http(s) URL, appended to b: scheme
 * and host lower-cased, default port and fragment dropped, tracking
 * parameters (utm_*, fbclid, gclid …) removed. RASD_EINVAL for what is not
 * an http(s) URL.
 */
enum rasd_status rasd_url_canonical(struct rasd_buf *b, const char *url) RASD_MUST_CHECK;

/** A date as feeds and pages write it (RFC 822, ISO 8601) as YYYY-MM-DD in out. */
bool rasd_web_date(const char *s, char out[11]);
/* serve: the dashboard's HTTP server (libmicrohttpd) */

struct rasd_server;

struct rasd_server_config {
	const char *db_path;            /* an events database (opened read-only) */
	const char *host;               /* numeric IPv4/IPv6 address; NULL: 127.0.0.1 */
	unsigned port;                  /* 0: any free port (rasd_server_port tells) */
	const char *token;              /* what writes need; NULL: a random one per run,
					 * handed to the page as a cookie (loopback only) */
	const struct rasd_lexicon *lex; /* gazetteer for /api/places; NULL: 404 */
	const struct rasd_acled *acled; /* English names for the CSV/GeoJSON exports */
	unsigned threads;               /* worker threads (0: 2) */
	double rate;                    /* requests/s per client address; 0: no cap */
	double burst;                   /* requests a client may send at once */
	size_t max_body;                /* request bodies above this get 413 */
};

/**
 * Start serving the JSON API and the embedded dashboard on host:port.
 * A host other than a loopback address is refused (RASD_EINVAL) unless
 * c->token is set. The server owns its database handles and threads and
 * keeps c->lex and c->acled (owned by the caller, who frees them after the
 * server).
 */
enum rasd_status rasd_server_start(const struct rasd_server_config *c, struct rasd_server **out,
				   struct rasd_error *err) RASD_MUST_CHECK;
/** The port the server listens on. */
unsigned rasd_server_port(const struct rasd_server *s);
/** Whether the server takes reviews (it could open the database for writing). */
bool rasd_server_reviews(const struct rasd_server *s);
/** Stop the server, finish its requests and free it; NULL does nothing. */
void rasd_server_free(struct rasd_server *s);
/** True when host (numeric) is 127.0.0.0/8 or ::1. */
bool rasd_host_is_loopback(const char *host);

/* store: review */

/*
 * Analysts' review of stored events. Each event has a review status; every
 * change (accept, reject, a corrected field, a merge, a split, a re-check
 * flag, an undo) is one row of the audit trail `review_log`. Corrected
 * fields override the values coded from the articles everywhere the event
 * is read (rasd_db_query, the exports, the statistics, deduplication) and
 * survive re-ingest: when an article behind a reviewed event changes, the
 * event keeps its review and is flagged for a re-check instead.
 * docs/review.md describes the model. Each call below that writes runs in
 * its own transaction, or inside the caller's when one is open
 * (rasd_db_begin). Unknown events fail with RASD_ENOTFOUND, invalid values
 * with RASD_EINVAL, both with a one-line err->msg.
 */
enum rasd_review_status {
	RASD_REVIEW_UNREVIEWED = 0,
	RASD_REVIEW_ACCEPTED,  /* right as coded */
	RASD_REVIEW_CORRECTED, /* right once its corrected fields are applied */
	RASD_REVIEW_REJECTED   /* not an event (review_reason says why) */
};

/** "unreviewed", "accepted", "corrected", "rejected". Static storage. */
const char *rasd_review_status_name(enum rasd_review_status s);
/** Parse a status name; RASD_EINVAL when it is none of them. */
enum rasd_status rasd_review_status_parse(const char *s,
					  enum rasd_review_status *out) RASD_MUST_CHECK;

/* A report of a reviewed event, as rasd train --db learns from it: where
 * the rules found it in its article, the verdict, and the event's type as
 * corrected (strings live until the callback returns). */
struct rasd_review_report {
	const char *mention_id; /* the rasd- id the rules gave it */
	enum rasd_field field;
	uint32_t start, end; /* the trigger's bytes in the field */
	enum rasd_review_status status;
	const char *event_type, *sub_event_type;
};
/* Called once per article with its reports; a status other than RASD_OK
 * stops the walk and is returned. */
typedef enum rasd_status (*rasd_review_article_fn)(void *ctx, const struct rasd_article *art,
						   const struct rasd_review_report *r, size_t n);
/** Every stored article with a report of an accepted, corrected or
 * rejected event, in row order, with those reports. */
enum rasd_status rasd_db_reviewed_articles(struct rasd_db *db, rasd_review_article_fn fn,
					   void *ctx, struct rasd_error *err) RASD_MUST_CHECK;

/**
 * The reasons an event can be rejected for, NULL-terminated: not-event,
 * duplicate (of another event), wrong-type, history, plan-or-threat,
 * statistic, accident, off-topic, other. Static storage.
 */
extern const char *const rasd_review_reasons[];

/**
 * Resolve what a user typed to an event's row id: the number shown by
 * rasd_db_event.number, the event's rasd-… id, or the rasd-… id of any of its
 * reports (which keeps naming the event after a merge). RASD_ENOTFOUND
 * with "no event 'X' in 'DB'" otherwise.
 */
enum rasd_status rasd_review_find(struct rasd_db *db, const char *ref, long long *event,
				  struct rasd_error *err) RASD_MUST_CHECK;

/** Who made a change and why; either may be NULL. */
struct rasd_review_by {
	const char *reviewer;
	const char *note;
};

/** Mark an event right as coded (corrected when it has corrected fields);
 * clears a re-check flag. */
enum rasd_status rasd_review_accept(struct rasd_db *db, long long event,
				    const struct rasd_review_by *by,
				    struct rasd_error *err) RASD_MUST_CHECK;

/**
 * Reject an event: reason is one of rasd_review_reasons; "duplicate" needs
 * duplicate_of (another event's row id), the others take 0. Rejected
 * events are left out of queries, exports and statistics unless asked for
 * (rasd_db_filter.review), and never absorb new reports.
 */
enum rasd_status rasd_review_reject(struct rasd_db *db, long long event, const char *reason,
				    long long duplicate_of, const struct rasd_review_by *by,
				    struct rasd_error *err) RASD_MUST_CHECK;

/* One corrected field: name and value as a user types them. */
struct rasd_review_assign {
	const char *field;
	const char *value; /* "" clears an optional field (actor2=) */
};

/**
 * Correct fields of an event. Fields: event_date (YYYY-MM-DD),
 * time_precision (1-3), event_type and sub_event_type (ACLED names, any
 * case; a sub-type sets its type), actor1, assoc_actor1, actor2,
 * assoc_actor2 (an actor code or any alias the lexicon knows, e.g. ISIS,
 * داعش; "" clears), location (a gazetteer place, optionally "NAME، ADMIN1"
 * to choose among namesakes; sets the governorate, district, country,
 * P-code, coordinates and precision), fatalities (0-100000), modality
 * (reported, claimed, foiled). Every assignment is validated before any is
 * written (RASD_EINVAL naming the field and value); the event becomes
 * corrected. lex is the lexicon that validates actors and places.
 */
enum rasd_status rasd_review_set(struct rasd_db *db, const struct rasd_lexicon *lex,
				 long long event, const struct rasd_review_assign *set, size_t nset,
				 const struct rasd_review_by *by,
				 struct rasd_error *err) RASD_MUST_CHECK;

/**
 * Merge event `from` into event `into`: every report of `from` becomes a
 * report of `into`, which is recomputed (its corrections kept) and marked
 * corrected; `from` is deleted (its own corrections are logged and dropped).
 */
enum rasd_status rasd_review_merge(struct rasd_db *db, long long into, long long from,
				   const struct rasd_review_by *by,
				   struct rasd_error *err) RASD_MUST_CHECK;

/**
 * Split reports off a wrongly merged event. refs name the reports to move
 * to one new event (their rasd-… mention ids or article doc_ids); with
 * nrefs == 0 every article but the primary's becomes an event of its own.
 * New events are marked corrected. *first_new (may be NULL) is the row id
 * of the first new event. An event with one report cannot be split.
 */
enum rasd_status rasd_review_split(struct rasd_db *db, long long event, const char *const *refs,
				   size_t nrefs, const struct rasd_review_by *by, long long *first_new,
				   struct rasd_error *err) RASD_MUST_CHECK;

/**
 * Undo the latest change to an event that is not undone yet (an accept, a
 * rejection, corrected fields). Merges and splits are not undone (split or
 * merge again); RASD_ENOTFOUND when there is nothing to undo.
 */
enum rasd_status rasd_review_undo(struct rasd_db *db, long long event,
				  const struct rasd_review_by *by,
				  struct rasd_error *err) RASD_MUST_CHECK;

/* One row of the audit trail. */
struct rasd_review_entry {
	long long id, change; /* rows of one change share `change` */
	long long event;      /* the event's row id (it may since have been merged away) */
	const char *event_id; /* its rasd-… id at the time */
	const char *action;   /* accept, reject, set, merge, split, recheck, undo */
	const char *field;    /* review_status, review_reason, a coded field, … */
	const char *old_value, *new_value; /* NULL for none */
	const char *reviewer, *time, *note;
	bool undone;
};

typedef enum rasd_status (*rasd_review_entry_fn)(void *ctx, const struct rasd_review_entry *e);

/** The audit trail, oldest first; event 0 for every event. Strings live in
 * `a`, reset before each entry. */
enum rasd_status rasd_review_log(struct rasd_db *db, long long event, struct rasd_arena *a,
				 rasd_review_entry_fn fn, void *ctx,
				 struct rasd_error *err) RASD_MUST_CHECK;

/* Counts of events by review status, and those flagged for a re-check. */
struct rasd_review_counts {
	long by_status[4]; /* indexed by enum rasd_review_status */
	long recheck;
};
enum rasd_status rasd_review_count(struct rasd_db *db, struct rasd_review_counts *c,
				   struct rasd_error *err) RASD_MUST_CHECK;

/* ----------------------------------------------------------------- fetch */

/*
 * Fetching pages and feeds over HTTP(S) with libcurl (src/fetch/; depends
 * on core only): redirects capped, connect and total timeouts, a cap on
 * the body (decompressed: a gzip bomb stops there), gzip/deflate/br,
 * HTTP/2 where the server offers it, TLS verification on, proxies from the
 * environment (http_proxy, https_proxy, no_proxy), an honest User-Agent;
 * conditional GET; at most one request per host per host_delay_ms (or the
 * host's robots.txt Crawl-delay, if longer); robots.txt honoured; retries
 * with backoff on 5xx and 429 (Retry-After), never on other 4xx.
 */
#define RASD_FETCH_USER_AGENT                                                              \
	"rasd/" RASD_VERSION " (Arabic conflict-event monitor; reads news feeds and articles)"

struct rasd_fetch_options {
	const char *user_agent;  /* NULL: RASD_FETCH_USER_AGENT */
	long connect_timeout_ms; /* default 10 s */
	long timeout_ms;         /* the whole transfer; default 60 s */
	size_t max_body;         /* bytes after decompression; default 8 MB */
	long max_redirects;      /* default 5 */
	int retries;             /* after the first attempt; default 3 */
	long retry_base_ms;      /* first backoff, doubled each time; default 2 s */
	long retry_max_ms;       /* the longest wait, Retry-After included; default 120 s */
	long host_delay_ms;      /* between requests to one host; default 1 s */
	bool ignore_robots;      /* default false: robots.txt is honoured */
};

/** The defaults above. */
void rasd_fetch_options_init(struct rasd_fetch_options *o);

/* What one GET brought back. */
struct rasd_fetch_result {
	long status;             /* HTTP status of the last response; 0 when none */
	struct rasd_buf body;    /* decompressed body (NUL-terminated) */
	char content_type[128];
	char etag[256];
	char last_modified[64];
	char url[4096];          /* where the body came from, after redirects */
	int attempts;
	bool robots_denied;      /* robots.txt disallows the URL: nothing was requested */
	bool permanent;          /* a failure trying later will not mend: a 4xx but 408
				  * and 429, robots.txt, the body cap, a redirect loop */
};

void rasd_fetch_result_init(struct rasd_fetch_result *r);
void rasd_fetch_result_release(struct rasd_fetch_result *r);

/* A client: one libcurl handle (connections reused), the time of the last
 * request to each host and each host's robots.txt. One thread at a time. */
struct rasd_fetcher;

/** A client with options o (copied; NULL for the defaults). Caller frees it. */
enum rasd_status rasd_fetcher_new(const struct rasd_fetch_options *o, struct rasd_fetcher **out,
				  struct rasd_error *err) RASD_MUST_CHECK;
void rasd_fetcher_free(struct rasd_fetcher *f);

/**
 * GET url, waiting for the host's turn, after checking its robots.txt.
 * With etag and/or last_modified (may be NULL) the request is conditional
 * and a 304 is a success with an empty body. RASD_OK for 2xx and 304;
 * otherwise err->msg is one line saying what happened (HTTP 404, timed out
 * after 5 s, connection reset, body over the cap, too many redirects,
 * disallowed by robots.txt): RASD_ETOOBIG for the body cap, RASD_EINVAL
 * for a URL that is not http(s) or that robots.txt disallows, RASD_EIO
 * for the rest. res->status holds the last HTTP status seen.
 */
enum rasd_status rasd_fetch_get(struct rasd_fetcher *f, const char *url, const char *etag,
				const char *last_modified, struct rasd_fetch_result *res,
				struct rasd_error *err) RASD_MUST_CHECK;

/* robots.txt (RFC 9309): the group for rasd's product token, else "*". */
struct rasd_robots;

/** Parse a robots.txt body for the agent token (e.g. "rasd"). Caller frees. */
enum rasd_status rasd_robots_parse(const char *p, size_t n, const char *agent,
				   struct rasd_robots **out) RASD_MUST_CHECK;
/** Whether the path (with its query) may be fetched: the longest matching rule wins. */
bool rasd_robots_allowed(const struct rasd_robots *r, const char *path);
/** The group's Crawl-delay in milliseconds (0 when none; at most 60 s). */
long rasd_robots_delay_ms(const struct rasd_robots *r);
void rasd_robots_free(struct rasd_robots *r);

/* ----------------------------------------------------- store: watch state */

/*
 * What `rasd watch` keeps in the events database (src/store/feeds.c;
 * tables in docs/watch.md): feeds with their validators, items seen by
 * canonical URL (and GUID within a feed), raw pages kept compressed, and
 * a fetch log. Writers run inside the caller's rasd_db_begin/commit.
 * Strings returned live in the arena given.
 */
struct rasd_watch_feed {
	long long id;
	const char *url, *name, *country;
	const char *etag, *last_modified; /* validators for the next request */
	const char *last_fetch;           /* UTC, ISO 8601 */
	long last_status;
	const char *last_error;
	long items, errors; /* items first seen in it; failed fetches */
};

struct rasd_watch_item {
	long long id, feed_id;
	const char *url; /* canonical: what makes two items one */
	const char *link, *guid, *title, *published;
	const char *feed_name, *feed_country;
	bool fetched; /* its page is kept: code it without fetching again */
	int attempts;
};

struct rasd_watch_counts {
	long pending, fetched, stored, failed, gone;
};

/* One fetch, for the log. */
struct rasd_watch_fetch {
	const char *url;
	long long feed_id, item_id; /* 0 when not applicable */
	long status;
	size_t bytes;
	long ms;
	int attempts;
	const char *error; /* NULL on success */
};

/** Create (or check) the watch tables; a read-only db must have them. */
enum rasd_status rasd_watch_prepare(struct rasd_db *db, struct rasd_error *err) RASD_MUST_CHECK;
/** Add a feed or update its name and country; *out is its stored state. */
enum rasd_status rasd_watch_feed_add(struct rasd_db *db, const char *url, const char *name,
				     const char *country, struct rasd_arena *a,
				     struct rasd_watch_feed *out, struct rasd_error *err) RASD_MUST_CHECK;
/** Every feed, in the order they were added. */
enum rasd_status rasd_watch_feed_list(struct rasd_db *db, struct rasd_arena *a,
				      struct rasd_watch_feed **feeds, size_t *n,
				      struct rasd_error *err) RASD_MUST_CHECK;
/**
 * A feed fetched (status 200, or 304 with no items): record its items
 * (canonical[i] is items[i]'s canonical URL, NULL to skip it) that are new
 * by URL and by GUID, as pending, and keep its validators. *new_items
 * counts the items recorded.
 */
enum rasd_status rasd_watch_feed_seen(struct rasd_db *db, long long feed_id, long status,
				      const char *etag, const char *last_modified,
				      const struct rasd_feed_item *items,
				      const char *const *canonical, size_t n, long *new_items,
				      struct rasd_error *err) RASD_MUST_CHECK;
/** A feed's fetch failed: its status (0: no response) and the message. */
enum rasd_status rasd_watch_feed_error(struct rasd_db *db, long long feed_id, long status,
				       const char *msg, struct rasd_error *err) RASD_MUST_CHECK;
/** Append to the fetch log. */
enum rasd_status rasd_watch_log(struct rasd_db *db, const struct rasd_watch_fetch *f,
				struct rasd_error *err) RASD_MUST_CHECK;
/** Forget log entries older than 30 days. */
enum rasd_status rasd_watch_log_prune(struct rasd_db *db, struct rasd_error *err) RASD_MUST_CHECK;
/** Items still to do: pending, fetched, or failed fewer than max_attempts times; oldest first. */
enum rasd_status rasd_watch_items_due(struct rasd_db *db, int max_attempts,
				      struct rasd_arena *a, struct rasd_watch_item **items,
				      size_t *n, struct rasd_error *err) RASD_MUST_CHECK;
/** Keep an item's raw page (zlib-compressed) and mark it fetched. */
enum rasd_status rasd_watch_page_put(struct rasd_db *db, long long item_id, const char *url,
				     long status, const char *content_type, const char *body,
				     size_t n, struct rasd_error *err) RASD_MUST_CHECK;
/** An item's kept page, decompressed into body; RASD_ENOTFOUND when none. */
enum rasd_status rasd_watch_page_get(struct rasd_db *db, long long item_id, struct rasd_buf *body,
				     struct rasd_arena *a, const char **url,
				     const char **content_type, struct rasd_error *err) RASD_MUST_CHECK;
/** Move an item to state "stored" (with the article's doc_id), "failed" or "gone" (with error). */
enum rasd_status rasd_watch_item_set(struct rasd_db *db, long long item_id, const char *state,
				     const char *doc_id, const char *error,
				     struct rasd_error *err) RASD_MUST_CHECK;
/** How many items are in each state. */
enum rasd_status rasd_watch_counts(struct rasd_db *db, struct rasd_watch_counts *c,
				   struct rasd_error *err) RASD_MUST_CHECK;

#endif /* RASD_H */
