/*
 * fuzz_json.c - libFuzzer target for rasd_json_parse, the parser every
 * JSONL article line goes through. Invariants: a failure names a status
 * the parser can give and a byte position inside the input (or just
 * after it); a success is a DOM no deeper than RASD_JSON_MAX_DEPTH whose
 * strings are valid, NUL-terminated UTF-8 and whose counts match its
 * children; writing the DOM back out (with rasd_buf_json_str) and parsing
 * that gives the same text again.
 */
#include "fuzz.h"

/* Serialize v without recursion: an explicit stack of open containers. */
static void json_write(struct rasd_buf *b, const struct rasd_json *root, size_t *max_depth)
{
	const struct rasd_json *stack[RASD_JSON_MAX_DEPTH + 2];
	size_t depth = 0;
	const struct rasd_json *v = root;

	*max_depth = 0;
	for (;;) {
		if (v) {
			const struct rasd_json *parent = depth ? stack[depth - 1] : NULL;
			if (parent && v != parent->child)
				FUZZ_CHECK(rasd_buf_putc(b, ',') == RASD_OK);
			if (parent && parent->type == RASD_JSON_OBJECT) {
				FUZZ_CHECK(v->key.p && v->key.p[v->key.n] == '\0');
				FUZZ_CHECK(rasd_utf8_valid(v->key.p, v->key.n));
				FUZZ_CHECK(rasd_buf_json_str(b, v->key.p, v->key.n) == RASD_OK);
				FUZZ_CHECK(rasd_buf_putc(b, ':') == RASD_OK);
			} else {
				FUZZ_CHECK(v->key.p == NULL && v->key.n == 0);
			}
			switch (v->type) {
			case RASD_JSON_NULL: FUZZ_CHECK(rasd_buf_puts(b, "null") == RASD_OK); break;
			case RASD_JSON_TRUE: FUZZ_CHECK(rasd_buf_puts(b, "true") == RASD_OK); break;
			case RASD_JSON_FALSE: FUZZ_CHECK(rasd_buf_puts(b, "false") == RASD_OK); break;
			case RASD_JSON_NUMBER:
				FUZZ_CHECK(v->str.n > 0);
				FUZZ_CHECK(rasd_buf_append(b, v->str.p, v->str.n) == RASD_OK);
				break;
			case RASD_JSON_STRING:
				FUZZ_CHECK(v->str.p[v->str.n] == '\0');
				FUZZ_CHECK(rasd_utf8_valid(v->str.p, v->str.n));
				FUZZ_CHECK(rasd_buf_json_str(b, v->str.p, v->str.n) == RASD_OK);
				break;
			case RASD_JSON_ARRAY:
			case RASD_JSON_OBJECT: {
				size_t count = 0;
				const struct rasd_json *c;
				for (c = v->child; c; c = c->next)
					count++;
				FUZZ_CHECK(count == v->count);
				FUZZ_CHECK(depth < RASD_JSON_MAX_DEPTH);
				FUZZ_CHECK(rasd_buf_putc(b, v->type == RASD_JSON_ARRAY ? '[' : '{') ==
					   RASD_OK);
				stack[depth++] = v;
				if (depth > *max_depth)
					*max_depth = depth;
				v = v->child;
				continue;
			}
			default: FUZZ_CHECK(!"unknown JSON type");
			}
			if (v == root)
				return;
			v = v->next;
			continue;
		}
		/* end of a container's children */
		FUZZ_CHECK(depth > 0);
		v = stack[--depth];
		FUZZ_CHECK(rasd_buf_putc(b, v->type == RASD_JSON_ARRAY ? ']' : '}') == RASD_OK);
		if (v == root)
			return;
		v = v->next;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rasd_arena a;
	struct rasd_json *root, *again;
	struct rasd_error err;
	struct rasd_buf b1, b2;
	size_t d1, d2;
	enum rasd_status st;

	rasd_arena_init(&a, 0);
	rasd_buf_init(&b1, 0);
	rasd_buf_init(&b2, 0);
	rasd_error_clear(&err);
	st = rasd_json_parse(&a, (const char *)data, size, &root, &err);
	if (st != RASD_OK) {
		FUZZ_CHECK(st == RASD_ESYNTAX || st == RASD_EUTF8 || st == RASD_ETOOBIG);
		FUZZ_CHECK(err.status == st && err.msg[0]);
		FUZZ_CHECK(err.column >= 1 && (size_t)err.column <= size + 1);
		FUZZ_CHECK(root == NULL);
		goto out;
	}
	FUZZ_CHECK(root != NULL);
	json_write(&b1, root, &d1);
	st = rasd_json_parse(&a, b1.p, b1.n, &again, &err);
	FUZZ_CHECK(st == RASD_OK);
	json_write(&b2, again, &d2);
	FUZZ_CHECK(d1 == d2);
	FUZZ_CHECK(b1.n == b2.n && memcmp(b1.p, b2.p, b1.n) == 0);
	/* member lookup agrees with the walk */
	if (root->type == RASD_JSON_OBJECT && root->child && root->child->key.n &&
	    strlen(root->child->key.p) == root->child->key.n)
		FUZZ_CHECK(rasd_json_get(root, root->child->key.p) != NULL);
out:
	rasd_buf_release(&b1);
	rasd_buf_release(&b2);
	rasd_arena_release(&a);
	return 0;
}
