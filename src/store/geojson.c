/*
 * geojson.c - stored events as JSON lines: the fields of `rasd extract`
 * plus every source behind the event. (GeoJSON Features carry the ACLED
 * row's columns and are written by acled.c.) Part of store/: writes what
 * db.c reads.
 */
#include "store.h"

#include <string.h>

#define TRY(x)                                                                             \
	do {                                                                               \
		enum rasd_status st_ = (x);                                                \
		if (st_ != RASD_OK)                                                        \
			return st_;                                                        \
	} while (0)

static enum rasd_status key(struct rasd_buf *b, const char *k, bool first)
{
	if (!first)
		TRY(rasd_buf_putc(b, ','));
	TRY(rasd_buf_json_str(b, k, strlen(k)));
	return rasd_buf_putc(b, ':');
}

static enum rasd_status str_or_null(struct rasd_buf *b, const char *k, const char *v, bool first)
{
	TRY(key(b, k, first));
	if (!v || !*v)
		return rasd_buf_puts(b, "null");
	return rasd_buf_json_str(b, v, strlen(v));
}

static enum rasd_status source_object(struct rasd_buf *b, const struct rasd_db_source *s)
{
	TRY(rasd_buf_putc(b, '{'));
	TRY(str_or_null(b, "doc_id", s->doc_id, true));
	TRY(str_or_null(b, "source", s->source, false));
	TRY(str_or_null(b, "url", s->url, false));
	TRY(str_or_null(b, "published", s->published, false));
	TRY(str_or_null(b, "event_id", s->mention_id, false));
	TRY(rasd_buf_printf(b, ",\"evidence\":{\"field\":\"%s\",\"start\":%u,\"end\":%u,"
			       "\"sentence_start\":%u,\"sentence_end\":%u,\"sentence\":",
			    s->evidence.field == RASD_FIELD_TITLE ? "title" : "text",
			    s->evidence.start, s->evidence.end, s->evidence.sent_start,
			    s->evidence.sent_end));
	TRY(rasd_buf_json_str(b, s->sentence ? s->sentence : "",
			      s->sentence ? strlen(s->sentence) : 0));
	return rasd_buf_puts(b, "}}");
}

/* The review of a stored event: its row id, status and what goes with it. */
static enum rasd_status review_members(struct rasd_buf *b, const struct rasd_db_event *e)
{
	TRY(rasd_buf_printf(b, ",\"id\":%lld", e->number));
	TRY(str_or_null(b, "review_status", e->review_status ? e->review_status : "unreviewed",
			false));
	TRY(str_or_null(b, "review_reason", e->review_reason, false));
	TRY(str_or_null(b, "duplicate_of", e->duplicate_of, false));
	return str_or_null(b, "recheck", e->recheck, false);
}

struct rasd_acled_event rasd_db_event_acled(const struct rasd_db_event *e)
{
	struct rasd_acled_event ae;

	memset(&ae, 0, sizeof(ae));
	ae.article = &e->article;
	ae.event = &e->event;
	ae.number = e->number;
	ae.sources = e->article.source;
	ae.narticles = e->narticles;
	ae.nsources = e->nsources;
	ae.timestamp = e->changed;
	ae.review_status = e->review_status;
	ae.sentence = e->sentence ? e->sentence : "";
	ae.sentence_n = e->sentence_n;
	return ae;
}

enum rasd_status rasd_db_event_write_json(struct rasd_buf *b, const struct rasd_db_event *e)
{
	size_t i;

	TRY(store_event_write_json(b, &e->article, &e->event, e->sentence ? e->sentence : "",
				   e->sentence_n));
	/* reopen the object that rasd_event_write_json closed */
	if (b->n == 0 || b->p[b->n - 1] != '}')
		return RASD_EINVAL;
	b->n--;
	b->p[b->n] = '\0';
	TRY(str_or_null(b, "source", e->article.source, false));
	TRY(rasd_buf_printf(b, ",\"narticles\":%ld,\"nsources\":%ld", e->narticles, e->nsources));
	TRY(review_members(b, e));
	TRY(rasd_buf_puts(b, ",\"sources\":["));
	for (i = 0; i < e->nlinks; i++) {
		if (i)
			TRY(rasd_buf_putc(b, ','));
		TRY(source_object(b, &e->links[i]));
	}
	return rasd_buf_puts(b, "]}");
}
