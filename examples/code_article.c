/*
 * code_article.c - librasd from another program: load the lexicons, code
 * one article and print its events as JSON lines, then the ACLED CSV row
 * of each. Build it against an installed rasd with
 *
 *     cc code_article.c $(pkg-config --cflags --libs rasd) -o code_article
 *     ./code_article "$(pkg-config --variable=pkgdatadir rasd)" report.txt 2025-03-18
 */
#include <rasd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t cap = 0;

	*n = 0;
	if (!f)
		return NULL;
	for (;;) {
		size_t got;
		if (*n + 4096 + 1 > cap) {
			char *np = realloc(p, cap = cap * 2 + 8192);
			if (!np) {
				free(p);
				fclose(f);
				return NULL;
			}
			p = np;
		}
		got = fread(p + *n, 1, cap - *n - 1, f);
		*n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	p[*n] = '\0';
	return p;
}

int main(int argc, char **argv)
{
	struct rasd_lexicon *lex = NULL;
	struct rasd_acled *acled = NULL;
	struct rasd_error err;
	struct rasd_arena arena;
	struct rasd_article art;
	struct rasd_event *events;
	struct rasd_buf out;
	size_t nevents, i, n;
	char *text;
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: %s DATA_DIR ARTICLE.txt YYYY-MM-DD\n", argv[0]);
		return 2;
	}
	text = read_file(argv[2], &n);
	if (!text) {
		fprintf(stderr, "code_article: cannot read '%s'\n", argv[2]);
		return 1;
	}
	rasd_error_clear(&err);
	if (rasd_lexicon_load(argv[1], NULL, 0, &lex, &err) != RASD_OK ||
	    rasd_acled_new(lex, argv[1], &acled, &err) != RASD_OK) {
		fprintf(stderr, "code_article: %s:%ld: %s\n", err.file, err.line, err.msg);
		goto out;
	}
	memset(&art, 0, sizeof(art));
	art.id = argv[2];
	art.text = text;
	art.text_n = n;
	art.published = argv[3];
	art.source = "example";
	rasd_arena_init(&arena, 0);
	rasd_buf_init(&out, 0);
	if (rasd_extract(lex, &art, NULL, &arena, &events, &nevents, &err) != RASD_OK) {
		fprintf(stderr, "code_article: %s\n", err.msg);
	} else {
		for (i = 0; i < nevents; i++) {
			if (rasd_event_write_json(&out, &art, &events[i]) != RASD_OK ||
			    rasd_buf_putc(&out, '\n') != RASD_OK)
				break;
		}
		if (rasd_acled_csv_header(&out) == RASD_OK)
			for (i = 0; i < nevents; i++) {
				struct rasd_acled_event ae = {&art, &events[i], 0, NULL, 1, 1, 0};
				if (rasd_acled_write_csv(&out, acled, &ae) != RASD_OK)
					break;
			}
		fwrite(out.p, 1, out.n, stdout);
		fprintf(stderr, "code_article: %zu event(s)\n", nevents);
		rc = 0;
	}
	rasd_buf_release(&out);
	rasd_arena_release(&arena);
out:
	rasd_acled_free(acled);
	rasd_lexicon_free(lex);
	free(text);
	return rc;
}
