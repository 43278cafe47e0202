/*
 * fuzz_extract.c - libFuzzer target for the whole pipeline: rasd_extract
 * with the real lexicons of data/, then the JSON, CSV and table writers.
 * Input: a flags byte (bit 0: the first line is the title), two bytes
 * choosing the publication date (or none), then the article. Invariants:
 * extraction succeeds (or says the text is blank); every event's evidence
 * and sentence offsets lie inside its field, in order, on character
 * boundaries; every string of an event is valid UTF-8; figures are in
 * range; each JSON line parses back and quotes exactly the sentence the
 * offsets cut.
 */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!fuzz_lexicon())
		abort();
	return 0;
}

static bool extract_blank(const char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\n' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

static void extract_check_json(struct rasd_arena *a, const struct rasd_buf *b, const char *sent,
			       size_t sent_n)
{
	struct rasd_json *obj;
	struct rasd_error err;
	const struct rasd_json *ev;
	const char *s;
	size_t n = 0;

	FUZZ_CHECK(rasd_json_parse(a, b->p, b->n, &obj, &err) == RASD_OK);
	FUZZ_CHECK(obj->type == RASD_JSON_OBJECT);
	ev = rasd_json_get(obj, "evidence");
	FUZZ_CHECK(ev && ev->type == RASD_JSON_OBJECT);
	s = rasd_json_get_str(ev, "sentence", &n);
	FUZZ_CHECK(s && n == sent_n && memcmp(s, sent, n) == 0);
}

static void extract_check_event(struct rasd_arena *a, const struct rasd_article *art,
				const struct rasd_event *e)
{
	const struct rasd_evidence *ev = &e->evidence;
	const char *f = ev->field == RASD_FIELD_TITLE ? art->title : art->text;
	size_t fn = ev->field == RASD_FIELD_TITLE ? art->title_n : art->text_n;
	int32_t lo = rasd_days_from_civil(1, 1, 1), hi = rasd_days_from_civil(9999, 12, 31);
	struct rasd_buf b;

	FUZZ_CHECK(ev->field == RASD_FIELD_TEXT || ev->field == RASD_FIELD_TITLE);
	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(ev->sent_start <= ev->start && ev->start < ev->end);
	FUZZ_CHECK(ev->end <= ev->sent_end && ev->sent_end <= fn);
	FUZZ_CHECK(fuzz_boundary(f, fn, ev->start) && fuzz_boundary(f, fn, ev->end));
	FUZZ_CHECK(fuzz_boundary(f, fn, ev->sent_start) && fuzz_boundary(f, fn, ev->sent_end));

	FUZZ_CHECK(strncmp(e->event_id, "rasd-", 5) == 0 && strlen(e->event_id) == 21);
	FUZZ_CHECK(e->event_type && e->sub_event_type && e->trigger);
	FUZZ_CHECK(fuzz_valid_cstr(e->event_type) && fuzz_valid_cstr(e->sub_event_type));
	FUZZ_CHECK(fuzz_valid_cstr(e->trigger) && fuzz_valid_cstr(e->location));
	FUZZ_CHECK(fuzz_valid_cstr(e->admin1) && fuzz_valid_cstr(e->admin2));
	FUZZ_CHECK(fuzz_valid_cstr(e->country) && fuzz_valid_cstr(e->pcode));
	FUZZ_CHECK(rasd_disorder_type(e->event_type)[0]);
	if (e->has_date) {
		FUZZ_CHECK(e->date >= lo && e->date <= hi);
		FUZZ_CHECK(e->time_precision >= 1 && e->time_precision <= 3);
	}
	if (e->has_coords)
		FUZZ_CHECK(e->latitude >= -90 && e->latitude <= 90 && e->longitude >= -180 &&
			   e->longitude <= 180);
	FUZZ_CHECK(e->geo_precision >= 0 && e->geo_precision <= 3);
	FUZZ_CHECK(e->fatalities >= 0);
	FUZZ_CHECK(e->confidence >= 0 && e->confidence <= 1);
	FUZZ_CHECK(e->modality == RASD_MOD_REPORTED || e->modality == RASD_MOD_CLAIMED ||
		   e->modality == RASD_MOD_FOILED);

	rasd_buf_init(&b, 0);
	FUZZ_CHECK(rasd_event_write_json(&b, art, e) == RASD_OK);
	FUZZ_CHECK(rasd_utf8_valid(b.p, b.n) && !memchr(b.p, '\n', b.n));
	extract_check_json(a, &b, f + ev->sent_start, ev->sent_end - ev->sent_start);
	rasd_buf_reset(&b);
	{
		struct rasd_acled_event ae = {art, e, 0, NULL, 1, 1, 0, NULL, NULL, 0};
		FUZZ_CHECK(rasd_acled_write_csv(&b, NULL, &ae) == RASD_OK);
	}
	FUZZ_CHECK(rasd_utf8_valid(b.p, b.n));
	rasd_buf_reset(&b);
	FUZZ_CHECK(rasd_event_write_table(&b, art, e) == RASD_OK);
	FUZZ_CHECK(rasd_utf8_valid(b.p, b.n));
	rasd_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct rasd_lexicon *lex = fuzz_lexicon();
	struct rasd_arena a;
	struct rasd_article art;
	struct rasd_str text, title = {NULL, 0};
	struct rasd_event *events;
	struct rasd_error err;
	size_t nevents, replaced, i, split = 0;
	const char *body;
	size_t body_n;
	char published[11];
	int32_t days;
	enum rasd_status st;

	if (!lex || size < 3)
		return 0;
	days = fuzz_published(data[1], data[2]);
	body = (const char *)data + 3;
	body_n = size - 3;
	rasd_arena_init(&a, 0);
	memset(&art, 0, sizeof(art));
	if (data[0] & 1) {
		const char *nl = memchr(body, '\n', body_n);
		split = nl ? (size_t)(nl - body) : body_n;
		if (rasd_utf8_clean(&a, body, split, 0, &title, &replaced, &err) != RASD_OK)
			goto out;
		body += split < body_n ? split + 1 : split;
		body_n -= split < body_n ? split + 1 : split;
	}
	if (rasd_utf8_clean(&a, body, body_n, 0, &text, &replaced, &err) != RASD_OK)
		goto out;
	art.id = "fuzz";
	art.title = title.p;
	art.title_n = title.n;
	art.text = text.p;
	art.text_n = text.n;
	if (days != INT32_MIN) {
		rasd_format_date(days, published);
		art.published = published;
	}
	art.source = "fuzz";
	st = rasd_extract(lex, &art, NULL, &a, &events, &nevents, &err);
	if (extract_blank(text.p, text.n)) {
		FUZZ_CHECK(st == RASD_EEMPTY && nevents == 0);
		goto out;
	}
	FUZZ_CHECK(st == RASD_OK);
	for (i = 0; i < nevents; i++)
		extract_check_event(&a, &art, &events[i]);
out:
	rasd_arena_release(&a);
	return 0;
}
