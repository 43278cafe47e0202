/*
 * test_lex.c - lexicon loading and validation, clitic-aware matching, and
 * the number and date parsers, on a small lexicon written by the test.
 */
#include "harness.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static char dir[] = "/tmp/rasd-test-lex-XXXXXX";

static void write_file(const char *name, const char *content)
{
	char path[256];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return;
	fputs(content, f);
	fclose(f);
}

static void write_lexicons(void)
{
	write_file("triggers.tsv", "# test\nهجوم\tattack\tnoun\nهجمات\tattack\tplural\n"
				   "قصف\tshelling\tnoun\nقصف جوي\tairstrike\tnoun\n"
				   "اغتال\tkill\tverb\n");
	write_file("actors.tsv", "ISIS\t2\t-\tIslamic State\tداعش\nSDF\t2\tSY\tSDF\tقسد\n"
				 "CIV\t7\t-\tCivilians\tمدنيون\n");
	write_file("actor_aliases.tsv", "داعش\tISIS\t-\nتنظيم الدولة الإسلامية\tISIS\t-\n"
					"التنظيم\tISIS\tanaphor\nقسد\tSDF\t-\nمدني\tCIV\tvictim\n");
	write_file("cues.tsv", "بلدة\tplace-settlement\nريف\tplace-rural\nالغربي\tdirection\n"
			       "قتيل\tdeath\nمنذ مطلع\tstatistic\n");
	write_file("not_places.tsv", "# test\nالبلاد\tnot-place\n");
	write_file("numbers.tsv", "ثلاثة\t3\tunit\nخمسة\t5\tunit\nعشرين\t20\tten\n"
				  "عشرات\t12\tvague\nآلاف\t1000\tthousand\nمئة\t100\thundred\n"
				  "اثنين\t2\tunit\nقتيلين\t2\tdual\n");
	write_file("calendar.tsv", "نوفمبر\tmonth\t11\nتشرين الثاني\tmonth\t11\n"
				   "آذار\tmonth\t3\nالإثنين\tweekday\t1\nأمس\tday-offset\t-1\n"
				   "الشهر الحالي\tperiod\tmonth:0\nالشهر الماضي\tperiod\tmonth:-1\n"
				   "مطلع\tmonth-part\tearly\nرمضان\thijri-month\t9\n"
				   "مساء\tpart-of-day\t0\nالتاسع\tday-ordinal\t9\n"
				   "العاشر\tday-ordinal\t10\nالحادي والعشرين\tday-ordinal\t21\n");
	write_file("words.tsv", "# test\nقبل\tago\nمنذ\tsince\nيوم\tdate-lead\nفي\tdate-lead\nمن\tday-of\n"
				"يومين\tduration\t2\n"
				"أيام\tduration\t1\nأيام\tduration-plural\nالماضي\tweekday-past\n"
				"في\tlocative\nواد\twaw-stem\n");
	write_file("page_markers.tsv", "# test\nاقرأ أيضاً\trelated\nتصوير:\tcaption-mark\n");
	write_file("places.tsv",
		   "# id name variants en kind cc admin1 admin2 pcode lat lon pop\n"
		   "p1\tدير الزور\tديرالزور\tDeir ez-Zor\tadmin1\tSY\tدير الزور\t\tSY09\t35.3\t40.1\t1000\n"
		   "p2\tدير الزور\t\tDeir ez-Zor\tcity\tSY\tدير الزور\tدير الزور\t\t35.33\t40.14\t200000\n"
		   "p3\tالحسكة\tالحسكه\tHasakah\tadmin1\tSY\tالحسكة\t\tSY08\t36.5\t40.7\t0\n"
		   "p4\tبيروت\t\tBeirut\tcity\tLB\tبيروت\t\t\t33.89\t35.5\t1000000\n");
}

static struct rasd_lexicon *load(void)
{
	struct rasd_lexicon *lex = NULL;
	struct rasd_error err;
	enum rasd_status st = rasd_lexicon_load(dir, NULL, 0, &lex, &err);
	if (st != RASD_OK)
		fprintf(stderr, "load: %s:%ld: %s\n", err.file, err.line, err.msg);
	return lex;
}

static struct rasd_arena A;

static size_t match_kind(const struct rasd_lexicon *lex, const char *text, size_t tok,
			 enum rasd_lex_kind kind, struct rasd_lex_match *out)
{
	struct rasd_doc d;
	struct rasd_lex_match m[16];
	size_t n, k;
	if (rasd_doc_parse(&A, text, strlen(text), &d) != RASD_OK)
		return 0;
	n = rasd_lex_match_at(lex, &d, tok, m, 16);
	for (k = 0; k < n; k++)
		if (m[k].kind == kind) {
			*out = m[k];
			return m[k].ntokens;
		}
	return 0;
}

TEST(loads_and_matches_with_clitics)
{
	struct rasd_lexicon *lex = load();
	struct rasd_lex_match m;

	CHECK(lex != NULL);
	if (!lex)
		return;
	/* multiword places with clitics and a spelling variant */
	CHECK_INT(match_kind(lex, "بدير الزور اليوم", 0, RASD_LEX_PLACE, &m), 2);
	CHECK_INT(m.u.place.count, 2);
	CHECK_INT(match_kind(lex, "وديرالزور", 0, RASD_LEX_PLACE, &m), 1);
	CHECK_INT(match_kind(lex, "للحسكة", 0, RASD_LEX_PLACE, &m), 1);
	CHECK_INT(match_kind(lex, "والحسكه", 0, RASD_LEX_PLACE, &m), 1);
	/* a name that starts with a clitic letter keeps its reading */
	CHECK_INT(match_kind(lex, "بيروت", 0, RASD_LEX_PLACE, &m), 1);
	/* actors across quotation marks: لـ”قسد“ */
	CHECK_INT(match_kind(lex, "لـ”قسد“", 2, RASD_LEX_ACTOR, &m), 1);
	CHECK_INT(match_kind(lex, "لداعش", 0, RASD_LEX_ACTOR, &m), 1);
	CHECK_INT(match_kind(lex, "تنظيم ”الدولة الإسلامية“", 0, RASD_LEX_ACTOR, &m), 4);
	CHECK_INT(match_kind(lex, "التنظيم", 0, RASD_LEX_ACTOR, &m), 1);
	CHECK(m.u.actor.flags & RASD_ACTOR_ANAPHOR);
	/* the longest trigger wins; pronoun suffixes are read off triggers */
	CHECK_INT(match_kind(lex, "القصف الجوي", 0, RASD_LEX_TRIGGER, &m), 1);
	CHECK_INT(m.u.trigger.cls, RASD_EC_SHELLING);
	CHECK_INT(match_kind(lex, "قصف جوي", 0, RASD_LEX_TRIGGER, &m), 2);
	CHECK_INT(m.u.trigger.cls, RASD_EC_AIRSTRIKE);
	CHECK_INT(match_kind(lex, "هجماته", 0, RASD_LEX_TRIGGER, &m), 1);
	CHECK_INT(m.u.trigger.form, RASD_FORM_PLURAL);
	CHECK_INT(match_kind(lex, "وبالهجوم", 0, RASD_LEX_TRIGGER, &m), 1);
	/* الاثنين is Monday, not "two" */
	CHECK_INT(match_kind(lex, "الإثنين", 0, RASD_LEX_NUMBER, &m), 0);
	CHECK_INT(match_kind(lex, "الإثنين", 0, RASD_LEX_CALENDAR, &m), 1);
	rasd_lexicon_free(lex);
}

TEST(numbers)
{
	struct rasd_lexicon *lex = load();
	struct rasd_doc d;
	long v = 0;
	bool vague;
	const char *s;

	if (!lex)
		return;
#define NUM(text, want_tokens, want_value)                                                 \
	s = text;                                                                          \
	CHECK_INT(rasd_doc_parse(&A, s, strlen(s), &d), RASD_OK);                          \
	CHECK_INT(rasd_number_at(lex, &d, 0, &v, &vague), want_tokens);                    \
	CHECK_INT(v, want_value)

	NUM("39 قتيلا", 1, 39);
	NUM("١٢٠٠ شخص", 1, 1200);
	NUM("1,200 شخص", 1, 1200);
	NUM("خمسة وعشرين مدنيا", 2, 25);
	NUM("ثلاثة آلاف", 2, 3000);
	NUM("3 آلاف", 2, 3000);
	NUM("مئة وخمسة", 2, 105);
	NUM("عشرات القتلى", 1, 12);
	CHECK(vague);
	NUM("قتيلين", 1, 2);
	CHECK(!vague);
	NUM("وثلاثة مسلحين", 1, 3); /* the second count of a list */
	NUM("وخمسة وعشرين", 2, 25);
	s = "مدنيا";
	CHECK_INT(rasd_doc_parse(&A, s, strlen(s), &d), RASD_OK);
	CHECK_INT(rasd_number_at(lex, &d, 0, &v, &vague), 0);
	s = "وعشرات الجرحى"; /* a vague word after و counts nothing */
	CHECK_INT(rasd_doc_parse(&A, s, strlen(s), &d), RASD_OK);
	CHECK_INT(rasd_number_at(lex, &d, 0, &v, &vague), 0);
#undef NUM
	rasd_lexicon_free(lex);
}

TEST(dates)
{
	struct rasd_lexicon *lex = load();
	struct rasd_doc d;
	struct rasd_date_expr de;
	int32_t pub;
	char buf[11];
	const char *s;

	if (!lex)
		return;
	CHECK_INT(rasd_date_parse("2021-11-15", 10, &pub), RASD_OK); /* a Monday */
#define DATE(text, at, want, prec)                                                         \
	s = text;                                                                          \
	CHECK_INT(rasd_doc_parse(&A, s, strlen(s), &d), RASD_OK);                          \
	CHECK(rasd_date_at(lex, &d, at, pub, &de) > 0);                                    \
	rasd_format_date(de.date, buf);                                                    \
	CHECK_STR(buf, want);                                                              \
	CHECK_INT(de.precision, prec)

	DATE("في 9 نوفمبر/ تشرين الثاني على حرق", 0, "2021-11-09", 1);
	DATE("في 9 نوفمبر 2019", 0, "2019-11-09", 1);
	DATE("٨ تشرين الثاني", 0, "2021-11-08", 1);
	DATE("مطلع الشهر الحالي", 0, "2021-11-01", 3);
	DATE("الشهر الماضي", 0, "2021-10-01", 3);
	DATE("أمس", 0, "2021-11-14", 1);
	DATE("الإثنين", 0, "2021-11-15", 1);
	DATE("مساء الإثنين", 0, "2021-11-15", 1);
	DATE("قبل يومين", 0, "2021-11-13", 1);
	DATE("آذار", 0, "2021-03-01", 3);
	DATE("منذ مطلع الشهر الحالي", 0, "2021-11-01", 3);
	CHECK(de.since);
	/* 9 Ramadan 1439 AH = 25 May 2018 (tabular calendar) */
	DATE("9 رمضان 1439", 0, "2018-05-25", 1);
	DATE("في التاسع من نوفمبر", 0, "2021-11-09", 1);
	DATE("ليلة التاسع والعاشر من نوفمبر", 1, "2021-11-09", 1);
	DATE("الحادي والعشرين من آذار 2020", 0, "2020-03-21", 1);
	s = "التاسع في الترتيب"; /* an ordinal without من + a month is no date */
	CHECK_INT(rasd_doc_parse(&A, s, strlen(s), &d), RASD_OK);
	CHECK_INT(rasd_date_at(lex, &d, 0, pub, &de), 0);
	/* a number that is not a day, and relative dates without a publication date */
	s = "45 نوفمبر";
	CHECK_INT(rasd_doc_parse(&A, s, strlen(s), &d), RASD_OK);
	CHECK_INT(rasd_date_at(lex, &d, 0, pub, &de), 0);
	s = "أمس";
	CHECK_INT(rasd_doc_parse(&A, s, strlen(s), &d), RASD_OK);
	CHECK_INT(rasd_date_at(lex, &d, 0, INT32_MIN, &de), 0);
#undef DATE
	rasd_lexicon_free(lex);
}

TEST(word_lists)
{
	struct rasd_lexicon *lex = load();
	const struct rasd_str *w;
	size_t n;
	long v = -1;

	CHECK(lex != NULL);
	if (!lex)
		return;
	/* exact on the match key; the file's spelling is folded (أيام) */
	CHECK(rasd_lex_word_in(lex, "في", strlen("في"), RASD_WL_LOCATIVE));
	CHECK(!rasd_lex_word_in(lex, "وفي", strlen("وفي"), RASD_WL_LOCATIVE));
	CHECK(!rasd_lex_word_in(lex, "في", strlen("في"), RASD_WL_SINCE));
	CHECK(rasd_lex_word_in(lex, "ايام", strlen("ايام"), RASD_WL_DURATION_PLURAL));
	CHECK(!rasd_lex_word_in(lex, "", 0, RASD_WL_LOCATIVE));
	CHECK(!rasd_lex_word_in(lex, "في", strlen("في"), RASD_WL_NEAR)); /* an empty list */
	CHECK(rasd_lex_word_value(lex, "يومين", strlen("يومين"), RASD_WL_DURATION, &v));
	CHECK_INT(v, 2);
	CHECK(!rasd_lex_word_value(lex, "يوم", strlen("يوم"), RASD_WL_DURATION, &v));
	CHECK_INT(v, 2);
	w = rasd_lex_word_list(lex, RASD_WL_DURATION, &n);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK(w[0].n == strlen("يومين") && memcmp(w[0].p, "يومين", w[0].n) == 0);
		CHECK(w[1].n == strlen("ايام") && memcmp(w[1].p, "ايام", w[1].n) == 0);
	}
	CHECK_STR(rasd_word_list_name(RASD_WL_WAW_STEM), "waw-stem");
	CHECK_STR(rasd_word_list_name(RASD_WL_COUNT), "");
	rasd_lexicon_free(lex);
}

TEST(rejects_bad_lines_with_positions)
{
	struct rasd_lexicon *lex = NULL;
	struct rasd_error err;

	write_file("numbers.tsv", "ثلاثة\t3\tunit\nخمسة\tfive\tunit\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK(strstr(err.file, "numbers.tsv") != NULL);
	CHECK_INT(err.line, 2);
	CHECK_INT(err.column, 2);
	write_lexicons();
	write_file("actor_aliases.tsv", "داعش\tNOPE\t-\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK(strstr(err.msg, "unknown actor code 'NOPE'") != NULL);
	write_lexicons();
	write_file("actors.tsv", "ISIS\t2\t-\tIslamic State\tداعش\nCIV\t7\t-\tCivilians\tمدنيون\n"
				 "ISIS\t2\t-\tIS again\tالدولة\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK_INT(err.line, 3);
	CHECK_INT(err.column, 1);
	CHECK_STR(err.msg, "duplicate actor code 'ISIS'");
	/* allies: codes of earlier lines only, so a typo or a forward
	 * reference is named with its line */
	write_file("actors.tsv", "ISIS\t2\t-\tIslamic State\tداعش\nCIV\t7\t-\tCivilians\tمدنيون\n"
				 "SDF\t2\tSY\tSDF\tقسد\t\t\tCIV|ISI\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK_INT(err.line, 3);
	CHECK_INT(err.column, 8);
	CHECK_STR(err.msg, "ally 'ISI' is not an actor code of an earlier line");
	write_file("actors.tsv", "ISIS\t2\t-\tIslamic State\tداعش\nCIV\t7\t-\tCivilians\tمدنيون\n"
				 "SDF\t2\tSY\tSDF\tقسد\t\tSyrian Democratic Forces\tCIV\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_OK);
	CHECK_STR(rasd_lex_actor_by_code(lex, "SDF", NULL)->allies, "CIV");
	CHECK_STR(rasd_lex_actor_by_code(lex, "SDF", NULL)->also_en, "Syrian Democratic Forces");
	CHECK_STR(rasd_lex_actor_by_code(lex, "ISIS", NULL)->allies, "");
	rasd_lexicon_free(lex);
	lex = NULL;
	write_lexicons();
	write_file("places.tsv", "p1\tحلب\t\tAleppo\tcity\tSY\tحلب\t\t\t36.2\t37.1\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK(strstr(err.msg, "expected 12 columns") != NULL);
	write_file("places.tsv", "p1\tحلب\t\tAleppo\tcity\tSY\tحلب\t\t\t96.2\t37.1\t0\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK_INT(err.column, 10);
	write_file("places.tsv", "p1\tحلب\t\tAleppo\tcity\tSY\tحلب\t\t\t36.2\t37.1\t0\r\n\xff\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK_INT(err.line, 2);
	write_lexicons();
	/* words.tsv: an unknown list, a phrase, a missing or unwanted value, a
	 * word twice in one list (both lines named) */
	write_file("words.tsv", "في\tlocative\nمن\tlocativ\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK(strstr(err.file, "words.tsv") != NULL);
	CHECK_INT(err.line, 2);
	CHECK_INT(err.column, 2);
	CHECK(strstr(err.msg, "unknown word list 'locativ'") != NULL);
	write_file("words.tsv", "# c\nفي البلدة\tlocative\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK_INT(err.line, 2);
	CHECK_INT(err.column, 1);
	CHECK(strstr(err.msg, "not one word") != NULL);
	write_file("words.tsv", "يومين\tduration\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK(strstr(err.msg, "needs a value") != NULL);
	write_file("words.tsv", "يومين\tduration\ttwo\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK_INT(err.column, 3);
	write_file("words.tsv", "في\tlocative\t1\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK(strstr(err.msg, "takes no value") != NULL);
	write_file("words.tsv", "في\tlocative\nمن\tlocative\n\nفي\tlocative\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK_INT(err.line, 4);
	CHECK(strstr(err.msg, "already in list 'locative' (line 1)") != NULL);
	write_lexicons();
	/* page_markers.tsv: folded like a page's lines; a bad kind is named */
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_OK);
	if (lex) {
		const struct rasd_page_markers *pm = rasd_lex_page_markers(lex);
		CHECK_INT(pm->n[RASD_PM_RELATED], 1);
		if (pm->n[RASD_PM_RELATED] == 1)
			CHECK_STR(pm->phrase[RASD_PM_RELATED][0], "اقرا ايضا");
		CHECK_INT(pm->n[RASD_PM_CAPTION_MARK], 1);
		if (pm->n[RASD_PM_CAPTION_MARK] == 1)
			CHECK_STR(pm->phrase[RASD_PM_CAPTION_MARK][0], "تصوير:");
		rasd_lexicon_free(lex);
		lex = NULL;
	}
	write_file("page_markers.tsv", "اقرأ أيضاً\trelated\nمشاركة\tmenus\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK(strstr(err.file, "page_markers.tsv") != NULL);
	CHECK_INT(err.line, 2);
	CHECK_INT(err.column, 2);
	write_file("page_markers.tsv", "اقرأ أيضاً\trelated\nاقرا ايضا\trelated\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	CHECK(strstr(err.msg, "already a related marker (line 1)") != NULL);
	write_file("page_markers.tsv", "في البلدة\tstory-opener\n");
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_ESYNTAX);
	write_lexicons();
	CHECK_INT(rasd_lexicon_load("/nonexistent-rasd", NULL, 0, &lex, &err), RASD_EIO);
	CHECK(lex == NULL);
}

TEST(million_entries_sharing_a_prefix)
{
	/* a pathological lexicon: one first word, many phrases; loads and
	 * matches without quadratic behaviour */
	char path[256];
	FILE *f;
	struct rasd_lexicon *lex;
	struct rasd_error err;
	struct rasd_lex_match m;
	long i;

	snprintf(path, sizeof(path), "%s/cues.tsv", dir);
	f = fopen(path, "w");
	if (!f)
		return;
	for (i = 0; i < 200000; i++)
		fprintf(f, "منذ ب%ld\tstatistic\n", i);
	fclose(f);
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_OK);
	if (lex) {
		CHECK_INT(match_kind(lex, "منذ ب199999", 0, RASD_LEX_CUE, &m), 3);
		rasd_lexicon_free(lex);
	}
	write_lexicons();
}

/* Tokens covered by the cue of this role at token `tok`, or 0; its line. */
static size_t match_cue(const struct rasd_lexicon *lex, const struct rasd_doc *d, size_t tok,
			enum rasd_cue_role role, uint32_t *line)
{
	struct rasd_lex_match m[16];
	size_t n = rasd_lex_match_at(lex, d, tok, m, 16), k;

	for (k = 0; k < n; k++)
		if (m[k].kind == RASD_LEX_CUE && m[k].u.cue == role) {
			*line = m[k].line;
			return m[k].ntokens;
		}
	return 0;
}

TEST(phrases_sharing_two_words)
{
	/* 200,000 phrases of three tokens that share the first two (a letter
	 * and a number are two tokens: منذ ب + N), longer and shorter phrases
	 * on the same words, and copies of one phrase: each use costs a probe
	 * per word, not a walk over the 200,000; the longest match wins and
	 * of equals the first line */
	char path[256];
	FILE *f;
	struct rasd_lexicon *lex;
	struct rasd_error err;
	struct rasd_doc d;
	char *text;
	const char *use = "منذ ب199999 ";
	size_t nuse = 20000, ulen = strlen(use), k, ok = 0;
	uint32_t line = 0;
	clock_t t0;
	long i;

	snprintf(path, sizeof(path), "%s/cues.tsv", dir);
	f = fopen(path, "w");
	if (!f)
		return;
	fputs("منذ ب\thedge\n", f);                      /* line 1 */
	for (i = 0; i < 200000; i++)                          /* lines 2..200001 */
		fprintf(f, "منذ ب%ld\tstatistic\n", i);
	fputs("منذ ب7 أيام\tstatistic\n", f);               /* line 200002 */
	for (i = 0; i < 1000; i++)                            /* lines 200003.. */
		fputs("منذ ب7 أيام\tstatistic\n", f);
	fputs("منذ ب7 أيام\tdeath\n", f);                   /* line 201003 */
	fclose(f);
	CHECK_INT(rasd_lexicon_load(dir, NULL, 0, &lex, &err), RASD_OK);
	if (!lex) {
		write_lexicons();
		return;
	}
	CHECK_INT(rasd_doc_parse(&A, "وقال منذ ب7 أيام", strlen("وقال منذ ب7 أيام"), &d),
		  RASD_OK);
	CHECK_INT(match_cue(lex, &d, 1, RASD_CUE_STATISTIC, &line), 4);
	CHECK_INT(line, 200002);
	CHECK_INT(match_cue(lex, &d, 1, RASD_CUE_DEATH, &line), 4);
	CHECK_INT(line, 201003);
	CHECK_INT(match_cue(lex, &d, 1, RASD_CUE_HEDGE, &line), 2);
	CHECK_INT(rasd_doc_parse(&A, "منذ ب8 أيام", strlen("منذ ب8 أيام"), &d), RASD_OK);
	CHECK_INT(match_cue(lex, &d, 0, RASD_CUE_STATISTIC, &line), 3);
	CHECK_INT(line, 10);
	CHECK_INT(match_cue(lex, &d, 0, RASD_CUE_DEATH, &line), 0);
	/* a quotation mark inside a phrase is read past; the clitic و is too */
	CHECK_INT(rasd_doc_parse(&A, "ومنذ ب «7» أيام", strlen("ومنذ ب «7» أيام"), &d), RASD_OK);
	CHECK_INT(match_cue(lex, &d, 0, RASD_CUE_STATISTIC, &line), 6);

	text = malloc(nuse * ulen + 1);
	if (text) {
		for (k = 0; k < nuse; k++)
			memcpy(text + k * ulen, use, ulen);
		text[nuse * ulen] = '\0';
		CHECK_INT(rasd_doc_parse(&A, text, nuse * ulen, &d), RASD_OK);
		t0 = clock();
		for (k = 0; k < d.ntokens; k++)
			if (match_cue(lex, &d, k, RASD_CUE_STATISTIC, &line) == 3)
				ok++;
		/* a walk over the phrases at each use took minutes; now it is
		 * milliseconds (the bound leaves room for sanitizers) */
		CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
		CHECK_INT(ok, nuse);
		CHECK_INT(line, 200001);
		free(text);
	}
	rasd_lexicon_free(lex);
	write_lexicons();
}

/* Every token of a text matched with and without a word-type cache: the
 * same matches, a second pass without misses, and a small cache that
 * starts afresh instead of growing. */
static size_t match_all(const struct rasd_lexicon *lex, struct rasd_doc *d,
			struct rasd_lex_cache *c, struct rasd_lex_match *out, size_t cap)
{
	size_t i, n = 0;
	d->lex_cache = c;
	for (i = 0; i < d->ntokens && n + 16 <= cap; i++) {
		size_t got = rasd_lex_match_at(lex, d, i, out + n, 16);
		n += got;
	}
	return n;
}

static size_t same_matches(const struct rasd_lex_match *a, const struct rasd_lex_match *b, size_t n)
{
	size_t k, same = 0;
	for (k = 0; k < n; k++)
		same += a[k].kind == b[k].kind && a[k].ntokens == b[k].ntokens &&
			a[k].clitics == b[k].clitics && memcmp(&a[k].u, &b[k].u, sizeof(a[k].u)) == 0;
	return same;
}

TEST(word_cache_same_matches)
{
	static const char text[] =
		"قتل ثلاثة مدنيين بدير الزور وديرالزور وللحسكة والحسكه في هجوم لداعش "
		"على بيروت، وقصف جوي على ريف الحسكة الغربي منذ مطلع نوفمبر. "
		"هجماته وبالهجوم اغتاله الإثنين قبل يومين من تنظيم ”الدولة الإسلامية“ "
		"التنظيم قسد عشرين آلاف مئة قتيلين سيطرة قادتها عشرات القتلى والجرحى "
		"وكانت مصادر محلية قد أفادت بأن الاشتباكات اندلعت صباح اليوم قرب المدينة "
		"بينما أعلنت السلطات حظر التجول في الأحياء الشرقية وأغلقت الطرق المؤدية إلى "
		"المستشفى الوطني حيث نقل المصابون وسط تحذيرات من ارتفاع الحصيلة خلال الساعات المقبلة";
	struct rasd_lexicon *lex = load(), *other = load();
	struct rasd_lex_cache *c, *small;
	struct rasd_lex_cache_stats st, st2;
	struct rasd_lex_match plain[1024], cached[1024];
	struct rasd_doc d;
	size_t np, nc;

	CHECK(lex != NULL && other != NULL);
	if (!lex || !other)
		return;
	c = rasd_lex_cache_new(lex, 0);
	small = rasd_lex_cache_new(lex, 1);
	CHECK(c != NULL && small != NULL);
	if (!c || !small || rasd_doc_parse(&A, text, strlen(text), &d) != RASD_OK)
		return;
	np = match_all(lex, &d, NULL, plain, 1024);
	CHECK(np > 20);
	nc = match_all(lex, &d, c, cached, 1024);
	CHECK_INT(nc, np);
	CHECK_INT(same_matches(plain, cached, np < nc ? np : nc), np);
	rasd_lex_cache_get_stats(c, &st);
	CHECK(st.lookups > 0 && st.misses > 0 && st.misses < st.lookups);
	/* again: every word held is known now (a few may have taken each
	 * other's line) */
	CHECK_INT(match_all(lex, &d, c, cached, 1024), np);
	rasd_lex_cache_get_stats(c, &st2);
	CHECK(st2.lookups > st.lookups);
	CHECK(st2.misses - st.misses <= st.evictions * 2);
	CHECK(st2.misses - st.misses < (st2.lookups - st.lookups) / 4);
	/* a cache of 64 words over more distinct words: same matches, bounded */
	nc = match_all(lex, &d, small, cached, 1024);
	CHECK_INT(nc, np);
	CHECK_INT(same_matches(plain, cached, np < nc ? np : nc), np);
	rasd_lex_cache_get_stats(small, &st);
	CHECK(st.evictions > 0);
	CHECK(st.words <= 64);
	/* a cache made for another lexicon is bypassed, not misread */
	rasd_lex_cache_get_stats(c, &st);
	CHECK_INT(match_all(other, &d, c, cached, 1024), np);
	rasd_lex_cache_get_stats(c, &st2);
	CHECK(st2.lookups == st.lookups);
	rasd_lex_cache_free(small);
	rasd_lex_cache_free(c);
	rasd_lex_cache_free(NULL);
	rasd_lexicon_free(other);
	rasd_lexicon_free(lex);
}

static void setup(void)
{
	if (!mkdtemp(dir))
		abort();
	write_lexicons();
}

TEST(cleanup)
{
	const char *names[] = {"triggers.tsv", "actors.tsv", "actor_aliases.tsv", "cues.tsv",
			       "numbers.tsv", "calendar.tsv", "places.tsv", "not_places.tsv",
			       "words.tsv", "page_markers.tsv"};
	char path[256];
	size_t i;
	for (i = 0; i < 10; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	CHECK_INT(rmdir(dir), 0);
	rasd_arena_release(&A);
}

TEST(start)
{
	setup();
	CHECK(1);
}

RUN_TESTS(T(start), T(loads_and_matches_with_clitics), T(numbers), T(dates), T(word_lists),
	  T(rejects_bad_lines_with_positions), T(million_entries_sharing_a_prefix),
	  T(phrases_sharing_two_words), T(word_cache_same_matches), T(cleanup))
