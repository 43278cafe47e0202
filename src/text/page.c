/*
 * page.c - the parts of a scraped web page that are not its story: photo
 * captions («صورة من موقع الانفجار - أرشيفية», «تصوير:», «(Getty)»),
 * "related" and "read also" headlines («أخبار ذات علاقة», «اقرأ أيضاً:»),
 * embedded tweets («… pic.twitter.com/x — name (@handle) May 5, 2022»),
 * share and tag lines («مشاركة :», «كلمات دلالية:»), and datelines
 * («حلب، 12 آذار 2019 /», «الموصل (رويترز) -», «بغداد 10 نوفمبر 2024
 * (شينخوا)»). It runs over the original text line by line and returns byte
 * ranges with their kind; extraction asks which range a trigger or a place
 * lies in. The phrases it looks for are data (page_markers.tsv), handed in
 * by the caller from the lexicon. Part of text/: depends on core only.
 */
#include "rasd.h"

#include <string.h>

/* Key form of U+0600..U+067F by lead byte (D8, D9) and continuation byte:
 * 0 a separator, 1 a mark or tatweel (left out), else the letter's two
 * bytes after folding (أ إ آ to ا, ة to ه, ى to ي). */
static const uint16_t arabic_key[128] = {
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	0x0000, 0xD8A1, 0xD8A7, 0xD8A7, 0xD8A4, 0xD8A7, 0xD8A6, 0xD8A7,
	0xD8A8, 0xD987, 0xD8AA, 0xD8AB, 0xD8AC, 0xD8AD, 0xD8AE, 0xD8AF,
	0xD8B0, 0xD8B1, 0xD8B2, 0xD8B3, 0xD8B4, 0xD8B5, 0xD8B6, 0xD8B7,
	0xD8B8, 0xD8B9, 0xD8BA, 0xD8BB, 0xD8BC, 0xD8BD, 0xD8BE, 0xD8BF,
	0x0001, 0xD981, 0xD982, 0xD983, 0xD984, 0xD985, 0xD986, 0xD987,
	0xD988, 0xD98A, 0xD98A, 0x0001, 0x0001, 0x0001, 0x0001, 0x0001,
	0x0001, 0x0001, 0x0001, 0x0001, 0x0001, 0x0001, 0x0001, 0x0001,
	0x0001, 0x0001, 0x0001, 0x0001, 0x0001, 0x0001, 0x0001, 0x0001,
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	0x0001, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
};

/* ASCII in a key: letters lowered, digits and @ kept, the rest 0 (a
 * separator). */
static const uint8_t ascii_key[128] = {
	0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
	0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
	0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
	48,  49,  50,  51,  52,  53,  54,  55,  56,  57,  0,   0,   0,   0,   0,   0,
	64,  97,  98,  99,  100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0,   0,   0,   0,   0,
	0,   97,  98,  99,  100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0,   0,   0,   0,   0};

/* The key of a line, stopped after max_words words: every test on a line's
 * key asks for a short line (at most 30 words), so a paragraph's key need
 * not be folded to its end. Key letters are Arabic (U+0621..U+064A) and
 * ASCII letters, digits and @; marks and tatweel are left out; anything
 * else separates words. Table-driven: this runs over every line of every
 * article. */
static size_t line_key(const char *p, size_t n, char *out, size_t cap, size_t max_words,
		       size_t *nwords)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0, o = 0, words = 0;
	bool space = true;

	while (i < n && o + 4 < cap) {
		unsigned c0 = u[i], v;
		if (c0 < 0x80) {
			i++;
			v = ascii_key[c0];
			if (!v)
				goto separator;
			if (space && ++words > max_words)
				break;
			out[o++] = (char)v;
			space = false;
			continue;
		}
		if ((c0 == 0xD8 || c0 == 0xD9) && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
			v = arabic_key[((c0 & 1) << 6) | (u[i + 1] & 0x3F)];
			i += 2;
			if (v == 1)
				continue;
			if (!v)
				goto separator;
			if (space && ++words > max_words)
				break;
			out[o++] = (char)(v >> 8);
			out[o++] = (char)(v & 0xFF);
			space = false;
			/* the rest of an Arabic word in one tight loop */
			while (i + 1 < n && o + 4 < cap) {
				unsigned a = u[i] - 0xD8u, b = u[i + 1] - 0x80u;
				if (a > 1 || b > 0x3F)
					break;
				v = arabic_key[(a << 6) | b];
				if (!v)
					break;
				i += 2;
				if (v == 1)
					continue;
				out[o] = (char)(v >> 8);
				out[o + 1] = (char)(v & 0xFF);
				o += 2;
			}
			continue;
		}
		{
			/* no other character is a key letter or a mark */
			uint32_t cp;
			size_t len = rasd_utf8_decode(p + i, n - i, &cp);
			if (len == 0) {
				i++;
				continue;
			}
			i += len;
		}
	separator:
		if (!space)
			out[o++] = ' ';
		space = true;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	/* the words begun, less the one that stopped the key */
	*nwords = words > max_words ? max_words : words;
	return o;
}

size_t rasd_page_key(const char *p, size_t n, char *out, size_t cap)
{
	size_t words;
	return line_key(p, n, out, cap, SIZE_MAX, &words);
}

/* Past this many words a line is no caption, menu or related headline. */
#define SHORT_LINE_WORDS 30

static bool starts_with(const char *key, const char *word)
{
	size_t n = strlen(word);
	return strncmp(key, word, n) == 0 && (key[n] == '\0' || key[n] == ' ');
}

static bool ends_with(const char *key, size_t klen, const char *word)
{
	size_t n = strlen(word);
	return klen >= n && strcmp(key + klen - n, word) == 0 &&
	       (klen == n || key[klen - n - 1] == ' ');
}

static bool contains(const char *p, size_t n, const char *needle)
{
	size_t m = strlen(needle), i;
	/* the first byte before the call: this runs at every byte of a line */
	for (i = 0; i + m <= n; i++)
		if (p[i] == needle[0] && memcmp(p + i, needle, m) == 0)
			return true;
	return false;
}

/* Does the line key begin with a phrase of that kind (whole words)? */
static bool starts_with_marker(const struct rasd_page_markers *mk, enum rasd_page_marker kind,
			       const char *key)
{
	size_t i;
	for (i = 0; mk && i < mk->n[kind]; i++)
		if (key[0] == mk->phrase[kind][i][0] && key[1] == mk->phrase[kind][i][1] &&
		    starts_with(key, mk->phrase[kind][i]))
			return true;
	return false;
}

/* Does the line key end with a phrase of that kind (whole words)? */
static bool ends_with_marker(const struct rasd_page_markers *mk, enum rasd_page_marker kind,
			     const char *key, size_t klen)
{
	size_t i;
	for (i = 0; mk && i < mk->n[kind]; i++)
		if (ends_with(key, klen, mk->phrase[kind][i]))
			return true;
	return false;
}

/* Does the line hold a caption mark, as bytes? */
static bool caption_mark(const struct rasd_page_markers *mk, const char *p, size_t n)
{
	size_t i;
	for (i = 0; mk && i < mk->n[RASD_PM_CAPTION_MARK]; i++)
		if (contains(p, n, mk->phrase[RASD_PM_CAPTION_MARK][i]))
			return true;
	return false;
}

static enum rasd_status push(struct rasd_arena *a, struct rasd_page *page, size_t *cap,
			     size_t start, size_t end, enum rasd_segment_kind kind)
{
	if (end <= start)
		return RASD_OK;
	if (page->n && page->seg[page->n - 1].kind == kind && page->seg[page->n - 1].end + 2 >= start) {
		page->seg[page->n - 1].end = (uint32_t)end;
		return RASD_OK;
	}
	if (page->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct rasd_segment *s = rasd_arena_calloc(a, ncap, sizeof(*s));
		if (!s)
			return RASD_ENOMEM;
		if (page->n)
			memcpy(s, page->seg, page->n * sizeof(*s));
		page->seg = s;
		*cap = ncap;
	}
	page->seg[page->n].start = (uint32_t)start;
	page->seg[page->n].end = (uint32_t)end;
	page->seg[page->n].kind = kind;
	page->n++;
	return RASD_OK;
}

/* An English month name followed by a day and a year: the date under an
 * embedded tweet ("May 5, 2022"); returns the offset after the year. */
static size_t tweet_date_end(const char *p, size_t n, size_t from)
{
	static const char *const months[] = {"January", "February", "March",     "April",
					     "May",     "June",     "July",      "August",
					     "September", "October", "November", "December"};
	size_t i, k;
	for (i = from; i < n && i < from + 160; i++) {
		for (k = 0; k < 12; k++) {
			size_t m = strlen(months[k]), j;
			int digits = 0;
			if (i + m >= n || memcmp(p + i, months[k], m) != 0)
				continue;
			j = i + m;
			while (j < n && (p[j] == ' ' || (p[j] >= '0' && p[j] <= '9') || p[j] == ',')) {
				if (p[j] >= '0' && p[j] <= '9')
					digits++;
				j++;
			}
			if (digits >= 5)
				return j;
		}
	}
	return 0;
}

/* The tweet inside one line: from the line's start to the end of its
 * signature ("— name (@handle) May 5, 2022") or of its picture link. */
static size_t tweet_end(const char *p, size_t n)
{
	size_t i, end = 0;
	const char *q;
	/* memchr to each candidate's first byte: this runs over every line of
	 * every article, and almost none holds a tweet */
	for (i = 0; i + 2 < n && (q = memchr(p + i, '(', n - 2 - i)) != NULL; i = (size_t)(q - p) + 1) {
		size_t at = (size_t)(q - p);
		if (p[at + 1] == '@') {
			size_t d = tweet_date_end(p, n, at);
			if (d)
				end = d;
		}
	}
	if (!end) {
		const char *pic = "pic.twitter.com/";
		size_t m = strlen(pic);
		for (i = 0; i + m <= n && (q = memchr(p + i, 'p', n - m + 1 - i)) != NULL;
		     i = (size_t)(q - p) + 1)
			if (memcmp(q, pic, m) == 0) {
				end = (size_t)(q - p) + m;
				while (end < n && p[end] != ' ' && p[end] != '\n' && (unsigned char)p[end] < 0x80)
					end++;
			}
	}
	return end;
}

/* A dateline opening a line: a place, then a date or an agency in
 * parentheses, then «/» or «-» or «:»; returns the offset after it. */
static size_t dateline_end(const struct rasd_page_markers *mk, const char *p, size_t n)
{
	size_t i, words = 0, lim = n < 120 ? n : 120;
	bool paren = false, digit = false;
	/* a story's sentence opens with و or في, a dateline with a place */
	if (n >= 2 && (unsigned char)p[0] == 0xD9 && (unsigned char)p[1] == 0x88)
		return 0;
	for (i = 0; mk && i < mk->n[RASD_PM_STORY_OPENER]; i++) {
		size_t w = strlen(mk->phrase[RASD_PM_STORY_OPENER][i]);
		if (n >= w + 1 && memcmp(p, mk->phrase[RASD_PM_STORY_OPENER][i], w) == 0 &&
		    p[w] == ' ')
			return 0;
	}
	for (i = 0; i < lim; i++) {
		unsigned char ch = (unsigned char)p[i];
		if (ch == '(')
			paren = true;
		else if (ch >= '0' && ch <= '9')
			digit = true;
		else if (ch == ' ')
			words++;
		else if (ch == '\n' || ch == '.')
			return 0;
		else if ((ch == '/' || ch == '-' || ch == ':') && (paren || digit) && words >= 1 &&
			 words <= 8 && i + 1 < n && p[i + 1] == ' ') {
			/* «2024/6/9» is a date, not the end of a dateline */
			if (ch == '/' && i > 0 && p[i - 1] >= '0' && p[i - 1] <= '9')
				continue;
			return i + 1;
		} else if (ch == 0xD8 && i + 1 < lim && (unsigned char)p[i + 1] == 0x8C && words > 3)
			return 0; /* an Arabic comma after several words: a sentence */
		if (ch == ')' && paren && i + 1 < n && p[i + 1] == ' ' && i + 2 < n &&
		    (p[i + 2] == '-' || (unsigned char)p[i + 2] == 0xE2)) {
			size_t j = i + 2;
			while (j < n && p[j] != ' ')
				j++;
			return j;
		}
	}
	return 0;
}

/* A caption's tail: «… - 23 تشرين الأول 2020 (الدفاع المدني)», «… / 7 يونيو
 * 2023 (Getty)»: a dash or slash, a date, and a credit in parentheses that
 * ends the line. */
static bool credit_tail(const char *p, size_t n)
{
	size_t k = n, open, i;
	bool digit = false;
	while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\r'))
		k--;
	if (k == 0 || p[k - 1] != ')')
		return false;
	for (open = k - 1; open > 0 && p[open] != '('; open--)
		;
	if (p[open] != '(' || k - open > 60)
		return false;
	for (i = open; i > 2; i--) {
		if (p[i] >= '0' && p[i] <= '9')
			digit = true;
		if ((p[i] == '-' || p[i] == '/') && p[i - 1] == ' ' && p[i + 1] == ' ')
			return digit && open - i < 60;
	}
	return false;
}

enum rasd_status rasd_page_parse(struct rasd_arena *a, const char *p, size_t n,
				 const struct rasd_page_markers *markers, struct rasd_page *page)
{
	size_t pos = 0, cap = 0;
	bool related = false;
	enum rasd_status st = RASD_OK;
	int lines = 0; /* non-blank lines so far: a dateline opens the story */
	char key[512];

	page->seg = NULL;
	page->n = 0;
	while (pos < n) {
		const char *nl = memchr(p + pos, '\n', n - pos);
		size_t end = nl ? (size_t)(nl - p) : n, klen, words, te, de;
		const char *line = p + pos;
		size_t len = end - pos;
		bool final_stop = false;

		klen = line_key(line, len, key, sizeof(key), SHORT_LINE_WORDS + 1, &words);
		if (klen == 0) { /* a blank line keeps a block of links open */
			pos = end + 1;
			continue;
		}
		lines++;
		{
			size_t k = len;
			while (k > 0 && (line[k - 1] == ' ' || line[k - 1] == '\r'))
				k--;
			final_stop = k > 0 && line[k - 1] == '.';
		}
		if (starts_with_marker(markers, RASD_PM_RELATED, key) && words <= 20) {
			st = push(a, page, &cap, pos, end, RASD_SEG_RELATED);
			related = true;
		} else if (related && words <= 20 && !final_stop) {
			st = push(a, page, &cap, pos, end, RASD_SEG_RELATED);
		} else if ((te = tweet_end(line, len)) != 0) {
			related = false;
			st = push(a, page, &cap, pos, pos + te, RASD_SEG_TWEET);
		} else if (words <= 6 && starts_with_marker(markers, RASD_PM_MENU, key)) {
			related = false;
			st = push(a, page, &cap, pos, end, RASD_SEG_MENU);
		} else if (words <= 30 && !final_stop &&
			   (starts_with_marker(markers, RASD_PM_CAPTION_START, key) ||
			    caption_mark(markers, line, len))) {
			related = false;
			st = push(a, page, &cap, pos, end, RASD_SEG_CAPTION);
		} else {
			bool cap_end = words <= 30 && !final_stop &&
				       ends_with_marker(markers, RASD_PM_CAPTION_END, key, klen);
			related = false;
			if (cap_end || (words <= 35 && !final_stop && credit_tail(line, len)))
				st = push(a, page, &cap, pos, end, RASD_SEG_CAPTION);
			else if (lines <= 4 && (de = dateline_end(markers, line, len)) != 0)
				st = push(a, page, &cap, pos, pos + de, RASD_SEG_DATELINE);
		}
		if (st)
			return st;
		pos = end + 1;
	}
	return RASD_OK;
}

enum rasd_segment_kind rasd_page_kind_at(const struct rasd_page *page, size_t offset)
{
	size_t lo = 0, hi = page ? page->n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (page->seg[mid].end <= offset)
			lo = mid + 1;
		else if (page->seg[mid].start > offset)
			hi = mid;
		else
			return page->seg[mid].kind;
	}
	return RASD_SEG_BODY;
}

const char *rasd_segment_name(enum rasd_segment_kind kind)
{
	switch (kind) {
	case RASD_SEG_BODY: return "body";
	case RASD_SEG_CAPTION: return "caption";
	case RASD_SEG_RELATED: return "related";
	case RASD_SEG_TWEET: return "tweet";
	case RASD_SEG_MENU: return "menu";
	case RASD_SEG_DATELINE: return "dateline";
	}
	return "body";
}
