/*
 * geojson.c - stored events as JSON lines (the fields of `rasd extract`
 * plus every source behind the event) and as GeoJSON Features (Points in
 * WGS84 longitude, latitude order, flat properties that QGIS, R and pandas
 * read as columns). Part of store/: writes what db.c reads.
 */
#include "rasd.h"

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

enum rasd_status rasd_db_event_write_json(struct rasd_buf *b, const struct rasd_db_event *e)
{
	size_t i;

	TRY(rasd_event_write_json(b, &e->article, &e->event));
	/* reopen the object that rasd_event_write_json closed */
	if (b->n == 0 || b->p[b->n - 1] != '}')
		return RASD_EINVAL;
	b->n--;
	b->p[b->n] = '\0';
	TRY(str_or_null(b, "source", e->article.source, false));
	TRY(rasd_buf_printf(b, ",\"narticles\":%ld,\"nsources\":%ld,\"sources\":[", e->narticles,
			    e->nsources));
	for (i = 0; i < e->nlinks; i++) {
		if (i)
			TRY(rasd_buf_putc(b, ','));
		TRY(source_object(b, &e->links[i]));
	}
	return rasd_buf_puts(b, "]}");
}

static const char *code(const struct rasd_actor *a)
{
	return a ? a->code : NULL;
}

static const char *name(const struct rasd_actor *a)
{
	return a ? a->name_en : NULL;
}

enum rasd_status rasd_db_event_write_geojson(struct rasd_buf *b, const struct rasd_db_event *e)
{
	const struct rasd_event *ev = &e->event;
	const char *sentence = e->nlinks ? e->links[0].sentence : NULL;
	char date[11];

	if (!ev->has_coords)
		return RASD_ENOTFOUND;
	TRY(rasd_buf_printf(b, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
			       "\"coordinates\":[%.5f,%.5f]},\"properties\":{",
			    ev->longitude, ev->latitude));
	TRY(str_or_null(b, "event_id", ev->event_id, true));
	if (ev->has_date) {
		rasd_format_date(ev->date, date);
		TRY(str_or_null(b, "event_date", date, false));
		TRY(rasd_buf_printf(b, ",\"year\":%.4s,\"time_precision\":%d", date,
				    ev->time_precision));
	} else {
		TRY(rasd_buf_puts(b, ",\"event_date\":null,\"year\":null,\"time_precision\":null"));
	}
	TRY(str_or_null(b, "disorder_type", rasd_disorder_type(ev->event_type), false));
	TRY(str_or_null(b, "event_type", ev->event_type, false));
	TRY(str_or_null(b, "sub_event_type", ev->sub_event_type, false));
	TRY(str_or_null(b, "actor1", code(ev->actor1), false));
	TRY(str_or_null(b, "actor1_name", name(ev->actor1), false));
	TRY(str_or_null(b, "assoc_actor1", code(ev->assoc_actor1), false));
	TRY(str_or_null(b, "actor2", code(ev->actor2), false));
	TRY(str_or_null(b, "actor2_name", name(ev->actor2), false));
	TRY(str_or_null(b, "assoc_actor2", code(ev->assoc_actor2), false));
	TRY(str_or_null(b, "location", ev->location, false));
	TRY(str_or_null(b, "admin1", ev->admin1, false));
	TRY(str_or_null(b, "admin2", ev->admin2, false));
	TRY(str_or_null(b, "country", ev->country, false));
	TRY(str_or_null(b, "pcode", ev->pcode, false));
	TRY(rasd_buf_printf(b, ",\"latitude\":%.5f,\"longitude\":%.5f,\"geo_precision\":%d",
			    ev->latitude, ev->longitude, ev->geo_precision));
	TRY(rasd_buf_printf(b, ",\"fatalities\":%ld,\"claimed\":%s", ev->fatalities,
			    ev->claimed ? "true" : "false"));
	TRY(str_or_null(b, "modality", rasd_modality_name(ev->modality), false));
	TRY(str_or_null(b, "trigger", ev->trigger, false));
	TRY(rasd_buf_printf(b, ",\"confidence\":%.2f", ev->confidence));
	TRY(rasd_buf_printf(b, ",\"narticles\":%ld,\"nsources\":%ld", e->narticles, e->nsources));
	TRY(str_or_null(b, "sources", e->article.source, false));
	TRY(str_or_null(b, "doc_id", e->article.id, false));
	TRY(str_or_null(b, "url", e->article.url, false));
	TRY(str_or_null(b, "notes", sentence, false));
	return rasd_buf_puts(b, "}}");
}
