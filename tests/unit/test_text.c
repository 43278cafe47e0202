/* test_text.c - normalization with offsets, tokenization, clitics, sentences. */
#include "harness.h"

static struct rasd_arena A = {NULL, NULL, 0, 0};

static const char *tok_key(const struct rasd_doc *d, size_t i)
{
	return i < d->ntokens ? d->tokens[i].key : "(none)";
}

TEST(norm_surface_and_key)
{
	struct rasd_norm n;
	/* أَحرقَ with marks, tatweel, a bidi mark and Arabic-Indic digits */
	const char *in = "\xd8\xa3\xd9\x8e\xd8\xad\xd8\xb1\xd9\x82\xd9\x80\xd9\x80\xd8\xa9 \xe2\x80\x8f\xd9\xa9";

	CHECK_INT(rasd_norm(&A, in, strlen(in), RASD_NORM_SURFACE, &n), RASD_OK);
	CHECK_STR(n.text, "أحرقة 9");
	CHECK_INT(rasd_norm(&A, in, strlen(in), RASD_NORM_KEY, &n), RASD_OK);
	CHECK_STR(n.text, "احرقه 9");
	/* every output byte maps back inside the input, monotonically */
	{
		size_t i, ok = 1;
		for (i = 0; i < n.n; i++)
			if (n.map[i] > strlen(in) || (i && n.map[i] < n.map[i - 1]))
				ok = 0;
		CHECK(ok);
		CHECK_INT(n.map[n.n], strlen(in));
		/* the digit 9 comes from the last two bytes of the input */
		CHECK_INT(n.map[n.n - 1], strlen(in) - 2);
	}
	/* presentation forms and the lam-alef ligature */
	CHECK_INT(rasd_norm(&A, "\xef\xbb\xbb\xef\xba\x8d", 6, RASD_NORM_KEY, &n), RASD_OK);
	CHECK_STR(n.text, "لاا");
	/* alef + combining hamza above composes to أ in the surface layer */
	CHECK_INT(rasd_norm(&A, "\xd8\xa7\xd9\x94", 4, RASD_NORM_SURFACE, &n), RASD_OK);
	CHECK_STR(n.text, "أ");
	/* ى and Persian letters in the key layer */
	CHECK_INT(rasd_norm(&A, "مستشفى کرکوک", strlen("مستشفى کرکوک"), RASD_NORM_KEY, &n), RASD_OK);
	CHECK_STR(n.text, "مستشفي كركوك");
}

TEST(tokens_split_punctuation_and_digits)
{
	struct rasd_doc d;
	const char *in = "تابعين لـ ”قسد“، نحو80 قتيلا #الجيش_اليمني 1,200 ٣٫٥";

	CHECK_INT(rasd_doc_parse(&A, in, strlen(in), &d), RASD_OK);
	CHECK_STR(tok_key(&d, 0), "تابعين");
	CHECK_STR(tok_key(&d, 1), "ل");
	CHECK_STR(tok_key(&d, 2), "”");
	CHECK(d.tokens[2].flags & RASD_TOKF_QUOTE);
	CHECK_STR(tok_key(&d, 3), "قسد");
	CHECK_STR(tok_key(&d, 5), "،");
	CHECK_STR(tok_key(&d, 6), "نحو");
	CHECK_STR(tok_key(&d, 7), "80");
	CHECK_INT(d.tokens[7].kind, RASD_TOK_NUMBER);
	CHECK_STR(tok_key(&d, 8), "قتيلا");
	CHECK_STR(tok_key(&d, 9), "#");
	CHECK_STR(tok_key(&d, 10), "الجيش");
	CHECK(d.tokens[10].flags & RASD_TOKF_HASHTAG);
	CHECK_STR(tok_key(&d, 11), "اليمني");
	CHECK_STR(tok_key(&d, 12), "1,200");
	CHECK_STR(tok_key(&d, 13), "3.5");
	/* offsets point into the original text */
	CHECK(memcmp(in + d.tokens[3].start, "قسد", strlen("قسد")) == 0);
	CHECK_INT(d.tokens[3].end - d.tokens[3].start, strlen("قسد"));
}

TEST(sentences_survive_paragraph_break)
{
	struct rasd_doc d;
	const char *in = "عنوان قصير للتقرير\n\n"
			 "وأعلنت القوات في 8 نوفمبر عن إحباط هجوم كبير على سجن لعناصر تنظيم ”داعش“\n\n"
			 "في دير الزور، حيث تمكنت قواتها من إحباط الهجوم. وقال مصدر إن الوضع هادئ؟ نعم.";

	CHECK_INT(rasd_doc_parse(&A, in, strlen(in), &d), RASD_OK);
	CHECK_INT(d.nsentences, 4);
	if (d.nsentences >= 2) {
		const char *s1 = in + d.sentences[1].start;
		size_t n1 = d.sentences[1].end - d.sentences[1].start;
		CHECK(memcmp(s1, "وأعلنت", strlen("وأعلنت")) == 0);
		CHECK(memcmp(s1 + n1 - 1, ".", 1) == 0);
		CHECK_INT(d.sentences[1].para, 1);
	}
	/* a line ending in an opening quote was cut off: the next line is
	 * another text, even after a function word */
	in = "عنوان قصير للتقرير\n\n"
	     "وقالت المصادر إن الاشتباكات أسفرت عن مقتل أربعة عناصر فيما قتل ثلاثة من \"\n\n"
	     "استعرضت الوزارة أبرز الانتهاكات في تقرير نشرته الأحد.";
	CHECK_INT(rasd_doc_parse(&A, in, strlen(in), &d), RASD_OK);
	CHECK_INT(d.nsentences, 3);
	if (d.nsentences == 3)
		CHECK(memcmp(in + d.sentences[2].start, "استعرضت", strlen("استعرضت")) == 0);
}

TEST(clitic_readings)
{
	char scratch[RASD_CLITIC_SCRATCH];
	struct rasd_reading r[RASD_MAX_CANDIDATES];
	size_t n, i;
	int found;

#define HAS(word, want)                                                                    \
	do {                                                                               \
		n = rasd_clitic_readings(word, strlen(word), scratch, r);                  \
		found = 0;                                                                 \
		for (i = 0; i < n; i++)                                                    \
			if (r[i].form.n == strlen(want) && !memcmp(r[i].form.p, want, r[i].form.n)) \
				found = 1;                                                 \
		CHECK(found);                                                              \
	} while (0)

	HAS("وبالحسكه", "الحسكه");
	HAS("وبالحسكه", "حسكه");
	HAS("للحسكه", "الحسكه");
	HAS("لداعش", "داعش");
	HAS("وداعش", "داعش");
	HAS("هجماته", "هجمات");
	HAS("وقواتها", "قوات");
	HAS("قادتها", "قاده");   /* ة written ت before a suffix */
	HAS("بمدينتهم", "مدينه");
	HAS("واحرقوه", "احرقوا"); /* a plural verb drops its alif before a pronoun */
	n = rasd_clitic_readings("بيروت", strlen("بيروت"), scratch, r);
	CHECK(n > 0 && r[0].form.n == strlen("بيروت"));
	/* a stripped reading never leaves a single letter */
	n = rasd_clitic_readings("لي", strlen("لي"), scratch, r);
	CHECK_INT(n, 1);
#undef HAS
}

TEST(phrase_keys)
{
	struct rasd_str s;
	CHECK_INT(rasd_norm_phrase(&A, "  تنظيم ”الدولة الإسلامية“ ", strlen("  تنظيم ”الدولة الإسلامية“ "), &s), RASD_OK);
	CHECK_STR(s.p, "تنظيم الدوله الاسلاميه");
}

/* The kind of page segment at the first byte of a phrase of the text. */
static enum rasd_segment_kind kind_of(const struct rasd_page *pg, const char *text, const char *at)
{
	const char *hit = strstr(text, at);
	return hit ? rasd_page_kind_at(pg, (size_t)(hit - text)) : (enum rasd_segment_kind)-1;
}

/* A line key: alef forms, ta marbuta and alef maqsura folded, marks and
 * tatweel dropped, Latin lowered, digits and @ kept, anything else (Arabic
 * digits, Latin-1 letters, emoji, punctuation) a single space; invalid
 * bytes dropped without a space. */
TEST(page_key_letters)
{
	static const char line[] = "«إلى» الـمـدينةُ Getty-News 2024 \xd9\xa3 \xc3\xa9\xf0\x9f\x98\x80 "
				   "@User آمنة مستشفى\xd8 \xffغرب!!";
	char key[128], small[12];
	size_t n = rasd_page_key(line, strlen(line), key, sizeof(key));
	CHECK_STR(key, "الي المدينه getty news 2024 @user امنه مستشفي غرب");
	CHECK_INT(n, strlen("الي المدينه getty news 2024 @user امنه مستشفي غرب"));
	/* a short buffer holds a prefix, never a cut letter */
	n = rasd_page_key(line, strlen(line), small, sizeof(small));
	CHECK_STR(small, "الي ا");
	CHECK_INT(n, strlen("الي ا"));
}

TEST(page_segments)
{
	/* the phrases come from data/page_markers.tsv in the lexicon; here a
	 * few of them, written as line keys (rasd_page_key) */
	static const char *const related[] = {"اقرا ايضا"}, *const menu[] = {"مشاركه"},
				 *const cap_end[] = {"ارشيفيه"}, *const opener[] = {"في"};
	struct rasd_page_markers mk;
	char key[64];
	struct rasd_page pg;
	const char *t = "الموصل (رويترز) - قتل ثلاثة جنود في هجوم على نقطة تفتيش غرب المدينة.\n"
			"جنود عراقيون في موقع الهجوم - أرشيفية\n"
			"وقال مصدر أمني إن المهاجمين فروا.\n"
			"صور جديدة من الموصل pic.twitter.com/Xy12ab — أحمد (@ahmad) May 5, 2022 وأضاف المصدر أن التحقيق بدأ.\n"
			"اقرأ أيضاً: هجوم بعبوة ناسفة يقتل جنديين في كركوك\n"
			"\n"
			"انفجار سيارة مفخخة في تكريت\n"
			"وفي سياق آخر، أعلنت الحكومة خطة جديدة للإعمار في المدينة تشمل مئات المنازل.\n"
			"مشاركة :\n";
	memset(&mk, 0, sizeof(mk));
	mk.phrase[RASD_PM_RELATED] = related;
	mk.n[RASD_PM_RELATED] = 1;
	mk.phrase[RASD_PM_MENU] = menu;
	mk.n[RASD_PM_MENU] = 1;
	mk.phrase[RASD_PM_CAPTION_END] = cap_end;
	mk.n[RASD_PM_CAPTION_END] = 1;
	mk.phrase[RASD_PM_STORY_OPENER] = opener;
	mk.n[RASD_PM_STORY_OPENER] = 1;
	CHECK_INT(rasd_page_key("اقرأ أيضاً:", strlen("اقرأ أيضاً:"), key, sizeof(key)),
		  strlen("اقرا ايضا"));
	CHECK_STR(key, "اقرا ايضا");
	/* without phrases only tweets and datelines are found */
	CHECK_INT(rasd_page_parse(&A, t, strlen(t), NULL, &pg), RASD_OK);
	CHECK_INT(kind_of(&pg, t, "جنود عراقيون"), RASD_SEG_BODY);
	CHECK_INT(kind_of(&pg, t, "(@ahmad)"), RASD_SEG_TWEET);
	CHECK_INT(rasd_page_parse(&A, t, strlen(t), &mk, &pg), RASD_OK);
	CHECK_INT(kind_of(&pg, t, "الموصل (رويترز)"), RASD_SEG_DATELINE);
	CHECK_INT(kind_of(&pg, t, "قتل ثلاثة"), RASD_SEG_BODY);
	CHECK_INT(kind_of(&pg, t, "جنود عراقيون"), RASD_SEG_CAPTION);
	CHECK_INT(kind_of(&pg, t, "وقال مصدر"), RASD_SEG_BODY);
	CHECK_INT(kind_of(&pg, t, "صور جديدة"), RASD_SEG_TWEET);
	CHECK_INT(kind_of(&pg, t, "(@ahmad)"), RASD_SEG_TWEET);
	CHECK_INT(kind_of(&pg, t, "وأضاف المصدر"), RASD_SEG_BODY); /* after the signature */
	CHECK_INT(kind_of(&pg, t, "هجوم بعبوة"), RASD_SEG_RELATED);
	CHECK_INT(kind_of(&pg, t, "انفجار سيارة"), RASD_SEG_RELATED);
	CHECK_INT(kind_of(&pg, t, "وفي سياق آخر"), RASD_SEG_BODY); /* a long sentence ends the links */
	CHECK_INT(kind_of(&pg, t, "مشاركة"), RASD_SEG_MENU);
	CHECK_STR(rasd_segment_name(RASD_SEG_CAPTION), "caption");
	t = "فرق الدفاع المدني تسعف شخصا أصيب بقصف على بلدة البارة - 23 تشرين الأول 2020 (الدفاع المدني)\n"
	    "وقال مدير المركز إن مدنيا قتل في منزله (حسب قوله).\n";
	CHECK_INT(rasd_page_parse(&A, t, strlen(t), &mk, &pg), RASD_OK);
	CHECK_INT(kind_of(&pg, t, "فرق الدفاع"), RASD_SEG_CAPTION);
	CHECK_INT(kind_of(&pg, t, "وقال مدير"), RASD_SEG_BODY);
	/* a story's own sentence that opens with a date and a slash is no dateline */
	t = "وبدأ الجيش عملياته في الغوطة 18 فبراير/ شباط الماضي وسيطر على معظمها.";
	CHECK_INT(rasd_page_parse(&A, t, strlen(t), &mk, &pg), RASD_OK);
	CHECK_INT(pg.n, 0);
	/* «في 12 آذار 2019 - ...»: a line opening with a story opener is no
	 * dateline; without the opener it is one */
	t = "في 12 آذار 2019 - قتل جندي في هجوم.\n";
	CHECK_INT(rasd_page_parse(&A, t, strlen(t), &mk, &pg), RASD_OK);
	CHECK_INT(pg.n, 0);
	CHECK_INT(rasd_page_parse(&A, t, strlen(t), NULL, &pg), RASD_OK);
	CHECK_INT(pg.n, 1);
	CHECK_INT(rasd_page_parse(&A, "", 0, &mk, &pg), RASD_OK);
	CHECK_INT(pg.n, 0);
}

RUN_TESTS(T(norm_surface_and_key), T(tokens_split_punctuation_and_digits),
	  T(sentences_survive_paragraph_break), T(clitic_readings), T(phrase_keys),
	  T(page_key_letters), T(page_segments))
