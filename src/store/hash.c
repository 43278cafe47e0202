/*
 * hash.c - what "the same article" means to the store: SHA-256 (nettle)
 * over its title, text, publication date, source and URL, each followed
 * by a byte no UTF-8 text contains, so that moving bytes from one field to
 * the next changes the hash. An article stored with the same hash is
 * skipped before it is coded. Part of store/.
 */
#include "store.h"

#include <nettle/sha2.h>

/* A field, then a separator no UTF-8 text contains. */
static void hash_field(struct sha256_ctx *s, const char *p, size_t n)
{
	static const uint8_t sep = 0xff;

	if (p && n)
		sha256_update(s, n, (const uint8_t *)p);
	sha256_update(s, 1, &sep);
}

void rasd_db_hash_article(const struct rasd_article *art, char out[RASD_DB_HASH_HEX])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx s;
	size_t i;

	sha256_init(&s);
	hash_field(&s, art->title, art->title ? art->title_n : 0);
	hash_field(&s, art->text, art->text ? art->text_n : 0);
	hash_field(&s, art->published, art->published ? strlen(art->published) : 0);
	hash_field(&s, art->source, art->source ? strlen(art->source) : 0);
	hash_field(&s, art->url, art->url ? strlen(art->url) : 0);
	sha256_digest(&s, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[2 * sizeof(digest)] = '\0';
}
