/*
 * arena.c - the per-document bump allocator. Everything a document needs
 * (normalized text, tokens, mentions, events) lives in one arena and dies
 * with rasd_arena_reset(); blocks are kept for the next document so a warm
 * batch run does not call malloc at all. Part of core/.
 */
#include "rasd.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_MIN (64u * 1024u)
#define ALIGN 16u

struct rasd_arena_block {
	struct rasd_arena_block *next;
	size_t size; /* usable bytes after the header */
	size_t used;
	/* data follows, aligned */
};

static size_t header_size(void)
{
	return (sizeof(struct rasd_arena_block) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static unsigned char *block_data(struct rasd_arena_block *b)
{
	return (unsigned char *)b + header_size();
}

void rasd_arena_init(struct rasd_arena *a, size_t cap)
{
	a->head = NULL;
	a->free_list = NULL;
	a->used = 0;
	a->cap = cap;
}

static void free_chain(struct rasd_arena_block *b)
{
	while (b) {
		struct rasd_arena_block *next = b->next;
		free(b);
		b = next;
	}
}

void rasd_arena_release(struct rasd_arena *a)
{
	free_chain(a->head);
	free_chain(a->free_list);
	a->head = NULL;
	a->free_list = NULL;
	a->used = 0;
}

void rasd_arena_reset(struct rasd_arena *a)
{
	struct rasd_arena_block *b = a->head;

	while (b) {
		struct rasd_arena_block *next = b->next;
		b->used = 0;
		b->next = a->free_list;
		a->free_list = b;
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}

static struct rasd_arena_block *take_block(struct rasd_arena *a, size_t need)
{
	struct rasd_arena_block **pp = &a->free_list;
	struct rasd_arena_block *b;
	size_t size;

	while (*pp) {
		if ((*pp)->size >= need) {
			b = *pp;
			*pp = b->next;
			b->used = 0;
			return b;
		}
		pp = &(*pp)->next;
	}
	size = need < BLOCK_MIN ? BLOCK_MIN : need;
	if (size > SIZE_MAX - header_size())
		return NULL;
	b = malloc(header_size() + size);
	if (!b)
		return NULL;
	b->size = size;
	b->used = 0;
	return b;
}

void *rasd_arena_alloc(struct rasd_arena *a, size_t n)
{
	struct rasd_arena_block *b = a->head;
	size_t need;
	void *p;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ALIGN)
		return NULL;
	need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (a->cap && (need > a->cap || a->used > a->cap - need))
		return NULL;
	if (!b || b->size - b->used < need) {
		/* Grow geometrically so a large document needs few blocks. */
		size_t want = need;
		if (b && b->size < SIZE_MAX / 2 && want < b->size * 2)
			want = b->size * 2;
		b = take_block(a, want);
		if (!b)
			return NULL;
		b->next = a->head;
		a->head = b;
	}
	p = block_data(b) + b->used;
	b->used += need;
	a->used += need;
	return p;
}

void *rasd_arena_calloc(struct rasd_arena *a, size_t count, size_t size)
{
	void *p;

	if (size && count > SIZE_MAX / size)
		return NULL;
	p = rasd_arena_alloc(a, count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

void *rasd_arena_grow(struct rasd_arena *a, void *base, size_t n, size_t *cap, size_t size,
		      size_t first)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return base;
	if (*cap > SIZE_MAX / 2)
		return NULL;
	ncap = *cap ? *cap * 2 : first;
	if (ncap <= n)
		ncap = n + 1;
	p = rasd_arena_calloc(a, ncap, size);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, base, n * size);
	*cap = ncap;
	return p;
}

char *rasd_arena_strndup(struct rasd_arena *a, const char *p, size_t n)
{
	char *s;

	if (n == SIZE_MAX)
		return NULL;
	s = rasd_arena_alloc(a, n + 1);
	if (!s)
		return NULL;
	if (n)
		memcpy(s, p, n);
	s[n] = '\0';
	return s;
}
