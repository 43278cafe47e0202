/*
 * export.c - events as JSON lines and readable terminal blocks (ACLED CSV
 * rows are acled.c's). Evidence offsets are bytes into the ORIGINAL field
 * (text or title) so a reader can highlight exactly what was coded.
 * Part of store/.
 */
#include "store.h"

#include <stdio.h>
#include <string.h>

const char *rasd_modality_name(enum rasd_modality m)
{
	switch (m) {
	case RASD_MOD_CLAIMED: return "claimed";
	case RASD_MOD_FOILED: return "foiled";
	default: return "reported";
	}
}

void rasd_format_date(int32_t days, char out[11])
{
	int y, m, d;
	rasd_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

#define TRY(x)                                                                             \
	do {                                                                               \
		enum rasd_status st_ = (x);                                                \
		if (st_ != RASD_OK)                                                        \
			return st_;                                                        \
	} while (0)

static enum rasd_status json_key(struct rasd_buf *b, const char *key, bool first)
{
	if (!first)
		TRY(rasd_buf_putc(b, ','));
	TRY(rasd_buf_json_str(b, key, strlen(key)));
	return rasd_buf_putc(b, ':');
}

static enum rasd_status json_str_or_null(struct rasd_buf *b, const char *key, const char *v)
{
	TRY(json_key(b, key, false));
	if (!v || !*v)
		return rasd_buf_puts(b, "null");
	return rasd_buf_json_str(b, v, strlen(v));
}

static const char *code(const struct rasd_actor *a)
{
	return a ? a->code : NULL;
}

static void evidence_text(const struct rasd_article *art, const struct rasd_event *e,
			  const char **p, size_t *n)
{
	const char *f = e->evidence.field == RASD_FIELD_TITLE ? art->title : art->text;
	size_t fn = e->evidence.field == RASD_FIELD_TITLE ? art->title_n : art->text_n;
	if (!f || e->evidence.sent_end > fn || e->evidence.sent_start > e->evidence.sent_end) {
		*p = "";
		*n = 0;
		return;
	}
	*p = f + e->evidence.sent_start;
	*n = e->evidence.sent_end - e->evidence.sent_start;
}

enum rasd_status rasd_event_write_json(struct rasd_buf *b, const struct rasd_article *art,
				       const struct rasd_event *e)
{
	return store_event_write_json(b, art, e, NULL, 0);
}

enum rasd_status store_event_write_json(struct rasd_buf *b, const struct rasd_article *art,
					const struct rasd_event *e, const char *sentence,
					size_t sentence_n)
{
	char date[11];
	const char *sp;
	size_t sn;

	TRY(rasd_buf_putc(b, '{'));
	TRY(json_key(b, "doc_id", true));
	TRY(rasd_buf_json_str(b, art->id ? art->id : "", art->id ? strlen(art->id) : 0));
	TRY(json_str_or_null(b, "event_id", e->event_id));
	TRY(json_key(b, "event_date", false));
	if (e->has_date) {
		rasd_format_date(e->date, date);
		TRY(rasd_buf_json_str(b, date, 10));
		TRY(rasd_buf_printf(b, ",\"time_precision\":%d", e->time_precision));
	} else {
		TRY(rasd_buf_puts(b, "null,\"time_precision\":null"));
	}
	TRY(json_str_or_null(b, "event_type", e->event_type));
	TRY(json_str_or_null(b, "sub_event_type", e->sub_event_type));
	TRY(json_str_or_null(b, "actor1", code(e->actor1)));
	TRY(json_str_or_null(b, "assoc_actor1", code(e->assoc_actor1)));
	TRY(json_str_or_null(b, "actor2", code(e->actor2)));
	TRY(json_str_or_null(b, "assoc_actor2", code(e->assoc_actor2)));
	TRY(json_str_or_null(b, "location", e->location));
	TRY(json_str_or_null(b, "admin1", e->admin1));
	TRY(json_str_or_null(b, "admin2", e->admin2));
	TRY(json_str_or_null(b, "country", e->country));
	TRY(json_str_or_null(b, "pcode", e->pcode));
	if (e->has_coords)
		TRY(rasd_buf_printf(b, ",\"latitude\":%.5f,\"longitude\":%.5f,\"geo_precision\":%d",
				    e->latitude, e->longitude, e->geo_precision));
	else
		TRY(rasd_buf_puts(b, ",\"latitude\":null,\"longitude\":null,\"geo_precision\":null"));
	TRY(rasd_buf_printf(b, ",\"fatalities\":%ld,\"claimed\":%s", e->fatalities,
			    e->claimed ? "true" : "false"));
	TRY(json_str_or_null(b, "modality", rasd_modality_name(e->modality)));
	TRY(json_str_or_null(b, "trigger", e->trigger));
	TRY(rasd_buf_printf(b, ",\"confidence\":%.2f", e->confidence));
	if (sentence) {
		sp = sentence;
		sn = sentence_n;
	} else {
		evidence_text(art, e, &sp, &sn);
	}
	TRY(rasd_buf_printf(b, ",\"evidence\":{\"field\":\"%s\",\"start\":%u,\"end\":%u,"
			       "\"sentence_start\":%u,\"sentence_end\":%u,\"sentence\":",
			    e->evidence.field == RASD_FIELD_TITLE ? "title" : "text",
			    e->evidence.start, e->evidence.end, e->evidence.sent_start,
			    e->evidence.sent_end));
	TRY(rasd_buf_json_str(b, sp, sn));
	return rasd_buf_puts(b, "}}");
}

enum rasd_status rasd_event_write_table(struct rasd_buf *b, const struct rasd_article *art,
					const struct rasd_event *e)
{
	char date[11] = "?";
	const char *sp;
	size_t sn;

	if (e->has_date)
		rasd_format_date(e->date, date);
	TRY(rasd_buf_printf(b, "%s  %s (p%d)  %s / %s\n", art->id ? art->id : "-", date,
			    e->time_precision, e->event_type, e->sub_event_type));
	TRY(rasd_buf_printf(b, "    actors   %s%s%s -> %s\n", e->actor1 ? e->actor1->code : "?",
			    e->assoc_actor1 ? " + " : "",
			    e->assoc_actor1 ? e->assoc_actor1->code : "",
			    e->actor2 ? e->actor2->code : "-"));
	TRY(rasd_buf_printf(b, "    place    %s | %s | %s", e->location ? e->location : "?",
			    e->admin1 && *e->admin1 ? e->admin1 : "?", e->country ? e->country : "?"));
	if (e->has_coords)
		TRY(rasd_buf_printf(b, "  (%.4f, %.4f) precision %d", e->latitude, e->longitude,
				    e->geo_precision));
	TRY(rasd_buf_printf(b, "\n    killed   %ld   %s   confidence %.2f   trigger «%s»\n",
			    e->fatalities, rasd_modality_name(e->modality), e->confidence,
			    e->trigger ? e->trigger : ""));
	evidence_text(art, e, &sp, &sn);
	TRY(rasd_buf_puts(b, "    evidence "));
	/* one line: newlines in the sentence become spaces */
	{
		size_t i, run = 0;
		for (i = 0; i < sn; i++) {
			if (sp[i] == '\n' || sp[i] == '\r') {
				TRY(rasd_buf_append(b, sp + i - run, run));
				TRY(rasd_buf_putc(b, ' '));
				run = 0;
			} else {
				run++;
			}
		}
		TRY(rasd_buf_append(b, sp + sn - run, run));
	}
	return rasd_buf_puts(b, "\n\n");
}
