/*
 * trace_json.c - the extractor's trace as JSON, for `rasd extract
 * --explain/--dropped` and `rasd explain`: an event with a "trace" array
 * (each step's rule and the words it looked at, with byte offsets into the
 * original field), and a dropped frame with the rule that dropped it; and
 * the same as lines under `--format table` (cli/ internal).
 */
#include "cli.h"

#include <string.h>

#define TRY(x)                                 \
	do {                                   \
		enum rasd_status st_ = (x);    \
		if (st_ != RASD_OK)            \
			return st_;            \
	} while (0)

static enum rasd_status json_text(struct rasd_buf *b, const struct rasd_article *art,
				  enum rasd_field field, uint32_t start, uint32_t end)
{
	const char *f = field == RASD_FIELD_TITLE ? art->title : art->text;
	size_t n = field == RASD_FIELD_TITLE ? art->title_n : art->text_n;
	if (!f || start > end || end > n)
		return rasd_buf_puts(b, "null");
	return rasd_buf_json_str(b, f + start, end - start);
}

enum rasd_status cli_trace_json(struct rasd_buf *b, const struct rasd_article *art,
				const struct rasd_trace_step *steps, size_t n)
{
	size_t i;
	unsigned k;
	TRY(rasd_buf_puts(b, "\"trace\":["));
	for (i = 0; i < n; i++) {
		const struct rasd_trace_step *st = &steps[i];
		TRY(rasd_buf_puts(b, i ? ",{\"rule\":" : "{\"rule\":"));
		TRY(rasd_buf_json_str(b, st->rule, strlen(st->rule)));
		TRY(rasd_buf_printf(b, ",\"field\":\"%s\",\"tokens\":[",
				    st->field == RASD_FIELD_TITLE ? "title" : "text"));
		for (k = 0; k < st->nspans; k++) {
			TRY(rasd_buf_puts(b, k ? ",{\"text\":" : "{\"text\":"));
			TRY(json_text(b, art, st->field, st->spans[k].start, st->spans[k].end));
			TRY(rasd_buf_printf(b, ",\"start\":%u,\"end\":%u}", st->spans[k].start,
					    st->spans[k].end));
		}
		TRY(rasd_buf_puts(b, "]}"));
	}
	return rasd_buf_putc(b, ']');
}

enum rasd_status cli_event_json_traced(struct rasd_buf *b, const struct rasd_article *art,
				       const struct rasd_event *e)
{
	size_t start = b->n;
	TRY(rasd_event_write_json(b, art, e));
	/* the same object with one more member: reopen it before its brace */
	if (b->n == start || b->p[b->n - 1] != '}')
		return RASD_EINVAL;
	b->n--;
	TRY(rasd_buf_putc(b, ','));
	TRY(cli_trace_json(b, art, e->trace, e->ntrace));
	return rasd_buf_putc(b, '}');
}

enum rasd_status cli_dropped_json(struct rasd_buf *b, const struct rasd_article *art,
				  const struct rasd_dropped_frame *d)
{
	const char *id = art->id ? art->id : "";
	TRY(rasd_buf_puts(b, "{\"doc_id\":"));
	TRY(rasd_buf_json_str(b, id, strlen(id)));
	TRY(rasd_buf_puts(b, ",\"dropped\":"));
	TRY(rasd_buf_json_str(b, d->rule, strlen(d->rule)));
	TRY(rasd_buf_puts(b, ",\"trigger\":"));
	TRY(rasd_buf_json_str(b, d->trigger ? d->trigger : "", d->trigger ? strlen(d->trigger) : 0));
	TRY(rasd_buf_printf(b,
			    ",\"evidence\":{\"field\":\"%s\",\"start\":%u,\"end\":%u,"
			    "\"sentence_start\":%u,\"sentence_end\":%u,\"sentence\":",
			    d->evidence.field == RASD_FIELD_TITLE ? "title" : "text",
			    d->evidence.start, d->evidence.end, d->evidence.sent_start,
			    d->evidence.sent_end));
	TRY(json_text(b, art, d->evidence.field, d->evidence.sent_start, d->evidence.sent_end));
	TRY(rasd_buf_puts(b, "},"));
	TRY(cli_trace_json(b, art, d->trace, d->ntrace));
	return rasd_buf_putc(b, '}');
}

/* The words of a span on one line: line breaks and tabs become spaces. */
static enum rasd_status table_text(struct rasd_buf *b, const struct rasd_article *art,
				   enum rasd_field field, uint32_t start, uint32_t end)
{
	const char *f = field == RASD_FIELD_TITLE ? art->title : art->text;
	size_t n = field == RASD_FIELD_TITLE ? art->title_n : art->text_n;
	uint32_t k;
	if (!f || start > end || end > n)
		return RASD_OK;
	for (k = start; k < end; k++)
		TRY(rasd_buf_putc(b, f[k] == '\n' || f[k] == '\r' || f[k] == '\t' ? ' ' : f[k]));
	return RASD_OK;
}

enum rasd_status cli_trace_table(struct rasd_buf *b, const struct rasd_article *art,
				 const struct rasd_trace_step *steps, size_t n)
{
	size_t i;
	unsigned k;
	for (i = 0; i < n; i++) {
		const struct rasd_trace_step *st = &steps[i];
		TRY(rasd_buf_printf(b, "    %-8s %-28s", i ? "" : "why", st->rule));
		for (k = 0; k < st->nspans; k++) {
			TRY(rasd_buf_puts(b, " «"));
			TRY(table_text(b, art, st->field, st->spans[k].start, st->spans[k].end));
			TRY(rasd_buf_printf(b, "»@%u", st->spans[k].start));
		}
		TRY(rasd_buf_putc(b, '\n'));
	}
	return RASD_OK;
}

enum rasd_status cli_event_table_traced(struct rasd_buf *b, const struct rasd_article *art,
					const struct rasd_event *e)
{
	TRY(rasd_event_write_table(b, art, e));
	/* the trace goes before the blank line that ends the event */
	if (b->n >= 2 && b->p[b->n - 1] == '\n' && b->p[b->n - 2] == '\n')
		b->n--;
	TRY(cli_trace_table(b, art, e->trace, e->ntrace));
	return rasd_buf_putc(b, '\n');
}

enum rasd_status cli_dropped_table(struct rasd_buf *b, const struct rasd_article *art,
				   const struct rasd_dropped_frame *d)
{
	TRY(rasd_buf_printf(b, "%s  dropped by %s  trigger «%s»\n    evidence ",
			    art->id ? art->id : "-", d->rule, d->trigger ? d->trigger : ""));
	TRY(table_text(b, art, d->evidence.field, d->evidence.sent_start, d->evidence.sent_end));
	TRY(rasd_buf_putc(b, '\n'));
	TRY(cli_trace_table(b, art, d->trace, d->ntrace));
	return rasd_buf_putc(b, '\n');
}
