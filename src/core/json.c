/*
 * json.c - a strict JSON parser (RFC 8259) into an arena DOM, used for
 * article lines and gold files. Iterative, so nesting depth is a cap
 * (RASD_JSON_MAX_DEPTH), never recursion the input controls. Strings are
 * unescaped (surrogate pairs joined; lone surrogates become U+FFFD) and
 * must be valid UTF-8. Part of core/.
 */
#include "rasd.h"

#include <stdlib.h>
#include <string.h>

struct parser {
	const char *p;
	size_t n;
	size_t i;
	struct rasd_arena *a;
	struct rasd_error *err;
	size_t repaired; /* lone surrogate escapes */
};

static enum rasd_status fail(struct parser *ps, enum rasd_status st, const char *what)
{
	return rasd_error_set(ps->err, st, 0, (long)ps->i + 1, "%s at byte %zu", what, ps->i + 1);
}

static void skip_ws(struct parser *ps)
{
	while (ps->i < ps->n) {
		char c = ps->p[ps->i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		ps->i++;
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool read_hex4(struct parser *ps, uint32_t *out)
{
	uint32_t v = 0;
	size_t k;

	if (ps->i + 4 > ps->n)
		return false;
	for (k = 0; k < 4; k++) {
		int h = hexval(ps->p[ps->i + k]);
		if (h < 0)
			return false;
		v = v * 16 + (uint32_t)h;
	}
	ps->i += 4;
	*out = v;
	return true;
}

/* ps->i is at the opening quote. */
/* Are the eight bytes of w (in memory order) four valid two-byte UTF-8
 * sequences: 110xxxxx 10xxxxxx each, the lead at least C2? */
static inline bool two_byte_letters(uint64_t w)
{
	uint64_t lead;
	const union {
		uint16_t u;
		unsigned char b[2];
	} order = {1};
	if (order.b[0] != 1) /* big-endian: take the bytes in memory order */
		w = __builtin_bswap64(w);
	if ((w & 0xC0E0C0E0C0E0C0E0ull) != 0x80C080C080C080C0ull)
		return false;
	/* lead & 0x1E nonzero: not the overlong C0 or C1 */
	lead = w & 0x001E001E001E001Eull;
	return ((lead + 0x7FFF7FFF7FFF7FFFull) & 0x8000800080008000ull) == 0x8000800080008000ull;
}

static enum rasd_status parse_string(struct parser *ps, struct rasd_str *out)
{
	size_t start = ++ps->i, j, o = 0;
	bool escapes = false;
	char *dst;

	/* Measure: find the closing quote; check UTF-8 on the way (two-byte
	 * sequences, the bulk of Arabic text, inline). */
	bool need_check = false;
	for (j = start; j < ps->n; j++) {
		unsigned char c = (unsigned char)ps->p[j];
		/* eight bytes at a time while they are four two-byte letters (most
		 * of an Arabic word): each a lead C2..DF and a continuation */
		while (j + 8 <= ps->n) {
			uint64_t w;
			memcpy(&w, ps->p + j, 8);
			if (!two_byte_letters(w))
				break;
			j += 8;
		}
		if (j >= ps->n)
			break;
		c = (unsigned char)ps->p[j];
		if (c >= 0x80) {
			uint32_t cp;
			size_t l;
			if (c >= 0xC2 && c <= 0xDF && j + 1 < ps->n &&
			    ((unsigned char)ps->p[j + 1] & 0xC0) == 0x80) {
				j++;
				continue;
			}
			l = rasd_utf8_decode(ps->p + j, ps->n - j, &cp);
			if (l == 0)
				need_check = true; /* reported below with its position */
			else
				j += l - 1;
			continue;
		}
		if (c == '"')
			break;
		if (c == '\\') {
			escapes = true;
			j++;
			continue;
		}
		if (c < 0x20) {
			ps->i = j;
			return fail(ps, RASD_ESYNTAX, "control character in string");
		}
	}
	if (j >= ps->n) {
		ps->i = ps->n;
		return fail(ps, RASD_ESYNTAX, "unterminated string");
	}
	if (!escapes) {
		if (need_check && !rasd_utf8_valid(ps->p + start, j - start)) {
			ps->i = start;
			return fail(ps, RASD_EUTF8, "invalid UTF-8 in string");
		}
		out->p = rasd_arena_strndup(ps->a, ps->p + start, j - start);
		if (!out->p)
			return fail(ps, RASD_ENOMEM, "out of memory");
		out->n = j - start;
		ps->i = j + 1;
		return RASD_OK;
	}
	/* Escapes never grow the text: \uXXXX (6 bytes) is at most 4 bytes. */
	dst = rasd_arena_alloc(ps->a, j - start + 1);
	if (!dst)
		return fail(ps, RASD_ENOMEM, "out of memory");
	ps->i = start;
	while (ps->i < j) {
		char c = ps->p[ps->i];
		uint32_t cp, lo;
		size_t run = ps->i;

		if (c != '\\') {
			{
				const char *bs = memchr(ps->p + ps->i, '\\', j - ps->i);
				ps->i = bs ? (size_t)(bs - ps->p) : j;
			}
			if (need_check && !rasd_utf8_valid(ps->p + run, ps->i - run)) {
				ps->i = run;
				return fail(ps, RASD_EUTF8, "invalid UTF-8 in string");
			}
			memcpy(dst + o, ps->p + run, ps->i - run);
			o += ps->i - run;
			continue;
		}
		ps->i++;
		c = ps->p[ps->i++];
		switch (c) {
		case '"': dst[o++] = '"'; break;
		case '\\': dst[o++] = '\\'; break;
		case '/': dst[o++] = '/'; break;
		case 'b': dst[o++] = '\b'; break;
		case 'f': dst[o++] = '\f'; break;
		case 'n': dst[o++] = '\n'; break;
		case 'r': dst[o++] = '\r'; break;
		case 't': dst[o++] = '\t'; break;
		case 'u':
			if (!read_hex4(ps, &cp))
				return fail(ps, RASD_ESYNTAX, "bad \\u escape");
			if (cp >= 0xD800 && cp <= 0xDBFF && ps->i + 6 <= j && ps->p[ps->i] == '\\' &&
			    ps->p[ps->i + 1] == 'u') {
				size_t save = ps->i;
				ps->i += 2;
				if (read_hex4(ps, &lo) && lo >= 0xDC00 && lo <= 0xDFFF)
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				else
					ps->i = save;
			}
			if ((cp >= 0xD800 && cp <= 0xDFFF)) {
				cp = RASD_REPLACEMENT;
				ps->repaired++;
			}
			if (cp == 0)
				return fail(ps, RASD_EUTF8, "NUL character in string");
			o += rasd_utf8_encode(cp, dst + o);
			break;
		default:
			ps->i--;
			return fail(ps, RASD_ESYNTAX, "bad escape in string");
		}
	}
	dst[o] = '\0';
	out->p = dst;
	out->n = o;
	ps->i = j + 1;
	return RASD_OK;
}

static enum rasd_status parse_number(struct parser *ps, struct rasd_json *v)
{
	size_t s = ps->i;
	char tmp[64];

	if (ps->i < ps->n && ps->p[ps->i] == '-')
		ps->i++;
	if (ps->i >= ps->n)
		return fail(ps, RASD_ESYNTAX, "bad number");
	if (ps->p[ps->i] == '0') {
		ps->i++;
	} else if (ps->p[ps->i] >= '1' && ps->p[ps->i] <= '9') {
		while (ps->i < ps->n && ps->p[ps->i] >= '0' && ps->p[ps->i] <= '9')
			ps->i++;
	} else {
		return fail(ps, RASD_ESYNTAX, "bad number");
	}
	if (ps->i < ps->n && ps->p[ps->i] == '.') {
		ps->i++;
		if (ps->i >= ps->n || ps->p[ps->i] < '0' || ps->p[ps->i] > '9')
			return fail(ps, RASD_ESYNTAX, "bad number");
		while (ps->i < ps->n && ps->p[ps->i] >= '0' && ps->p[ps->i] <= '9')
			ps->i++;
	}
	if (ps->i < ps->n && (ps->p[ps->i] == 'e' || ps->p[ps->i] == 'E')) {
		ps->i++;
		if (ps->i < ps->n && (ps->p[ps->i] == '+' || ps->p[ps->i] == '-'))
			ps->i++;
		if (ps->i >= ps->n || ps->p[ps->i] < '0' || ps->p[ps->i] > '9')
			return fail(ps, RASD_ESYNTAX, "bad number");
		while (ps->i < ps->n && ps->p[ps->i] >= '0' && ps->p[ps->i] <= '9')
			ps->i++;
	}
	v->type = RASD_JSON_NUMBER;
	v->str.p = ps->p + s;
	v->str.n = ps->i - s;
	if (v->str.n >= sizeof(tmp)) {
		v->number = 0;
		return RASD_OK;
	}
	memcpy(tmp, ps->p + s, v->str.n);
	tmp[v->str.n] = '\0';
	v->number = strtod(tmp, NULL);
	return RASD_OK;
}

static bool literal(struct parser *ps, const char *word)
{
	size_t len = strlen(word);
	if (ps->n - ps->i < len || memcmp(ps->p + ps->i, word, len) != 0)
		return false;
	ps->i += len;
	return true;
}

struct frame {
	struct rasd_json *node;
	struct rasd_json *last;
};

enum rasd_status rasd_json_parse(struct rasd_arena *a, const char *p, size_t n,
				 struct rasd_json **out, struct rasd_error *err)
{
	struct parser ps = {p, n, 0, a, err, 0};
	struct frame stack[RASD_JSON_MAX_DEPTH];
	size_t depth = 0;
	struct rasd_json *root = NULL;
	enum rasd_status st;

	*out = NULL;
	for (;;) {
		struct rasd_json *v;
		struct rasd_str key = {NULL, 0};
		char c;

		skip_ws(&ps);
		if (depth > 0) {
			struct frame *f = &stack[depth - 1];
			/* Between elements: close, or a comma, or (first) nothing. */
			if (ps.i < ps.n && ps.p[ps.i] == (f->node->type == RASD_JSON_ARRAY ? ']' : '}')) {
				ps.i++;
				depth--;
				if (depth == 0)
					break;
				continue;
			}
			if (f->node->count > 0) {
				if (ps.i >= ps.n || ps.p[ps.i] != ',')
					return fail(&ps, RASD_ESYNTAX, "expected ',' or closing bracket");
				ps.i++;
				skip_ws(&ps);
			}
			if (f->node->type == RASD_JSON_OBJECT) {
				if (ps.i >= ps.n || ps.p[ps.i] != '"')
					return fail(&ps, RASD_ESYNTAX, "expected member name");
				st = parse_string(&ps, &key);
				if (st != RASD_OK)
					return st;
				skip_ws(&ps);
				if (ps.i >= ps.n || ps.p[ps.i] != ':')
					return fail(&ps, RASD_ESYNTAX, "expected ':'");
				ps.i++;
				skip_ws(&ps);
			}
		}
		if (ps.i >= ps.n)
			return fail(&ps, RASD_ESYNTAX, "unexpected end of input");
		v = rasd_arena_calloc(a, 1, sizeof(*v));
		if (!v)
			return fail(&ps, RASD_ENOMEM, "out of memory");
		v->key = key;
		c = ps.p[ps.i];
		if (c == '{' || c == '[') {
			/* checked before stepping over the bracket, so the error
			 * names its column like every other error */
			if (depth == RASD_JSON_MAX_DEPTH)
				return fail(&ps, RASD_ETOOBIG, "JSON nested too deeply");
			v->type = c == '{' ? RASD_JSON_OBJECT : RASD_JSON_ARRAY;
			ps.i++;
		} else if (c == '"') {
			v->type = RASD_JSON_STRING;
			st = parse_string(&ps, &v->str);
			if (st != RASD_OK)
				return st;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			st = parse_number(&ps, v);
			if (st != RASD_OK)
				return st;
		} else if (literal(&ps, "true")) {
			v->type = RASD_JSON_TRUE;
		} else if (literal(&ps, "false")) {
			v->type = RASD_JSON_FALSE;
		} else if (literal(&ps, "null")) {
			v->type = RASD_JSON_NULL;
		} else {
			return fail(&ps, RASD_ESYNTAX, "unexpected character");
		}
		if (depth > 0) {
			struct frame *f = &stack[depth - 1];
			if (f->last)
				f->last->next = v;
			else
				f->node->child = v;
			f->last = v;
			f->node->count++;
		} else {
			root = v;
		}
		if (v->type == RASD_JSON_OBJECT || v->type == RASD_JSON_ARRAY) {
			stack[depth].node = v;
			stack[depth].last = NULL;
			depth++;
			continue;
		}
		if (depth == 0)
			break;
	}
	skip_ws(&ps);
	if (ps.i != ps.n)
		return fail(&ps, RASD_ESYNTAX, "trailing characters after JSON value");
	root->repaired = ps.repaired;
	*out = root;
	return RASD_OK;
}

const struct rasd_json *rasd_json_get(const struct rasd_json *obj, const char *key)
{
	const struct rasd_json *m;
	size_t len = strlen(key);

	if (!obj || obj->type != RASD_JSON_OBJECT)
		return NULL;
	for (m = obj->child; m; m = m->next)
		if (m->key.n == len && memcmp(m->key.p, key, len) == 0)
			return m;
	return NULL;
}

const char *rasd_json_get_str(const struct rasd_json *obj, const char *key, size_t *len)
{
	const struct rasd_json *m = rasd_json_get(obj, key);

	if (!m || m->type != RASD_JSON_STRING)
		return NULL;
	if (len)
		*len = m->str.n;
	return m->str.p;
}
