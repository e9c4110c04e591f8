/*
 * bench_tokenize.c - the floor for scripts/bench.sh: reads articles as
 * `polgraph extract` does (files, JSON Lines) and only tokenizes their
 * text with polgraph_text_tokens, or with --stem also normalises and
 * Snowball-stems every word (polgraph_stemmer_stem, by the article's
 * language). Consumes the same inputs as extract; produces one line of
 * counts on stdout. Not a test: built beside them, run by bench.sh.
 *
 *   bench_tokenize [--stem] FILE...
 */
#include <stdio.h>
#include <string.h>

#include "polgraph/polgraph.h"

int main(int argc, char **argv)
{
	struct polgraph_reader *reader = polgraph_reader_new(NULL);
	struct polgraph_stemmer *stem_ru = polgraph_stemmer_new("ru");
	struct polgraph_stemmer *stem_en = polgraph_stemmer_new("en");
	struct polgraph_arena arena = { 0 };
	unsigned long articles = 0, rejected = 0, tokens = 0;
	unsigned long long bytes = 0;
	bool stem = false;
	int exit_status = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--stem") == 0)
			stem = true;
		else
			polgraph_reader_add(reader, argv[i]);
	}
	for (;;) {
		struct polgraph_error err = { 0 };
		struct polgraph_article article;
		struct polgraph_token *toks;
		struct polgraph_stemmer *stemmer;
		const char *lang;
		size_t count;
		enum polgraph_status status =
			polgraph_reader_next(reader, &article, &err);

		if (status == POLGRAPH_DONE)
			break;
		if (status != POLGRAPH_OK) {
			fprintf(stderr, "bench_tokenize: error: %s\n",
			        err.message);
			rejected++;
			continue;
		}
		lang = article.lang ? article.lang
		                    : polgraph_text_detect_lang(
					      article.text, article.text_len);
		stemmer = strcmp(lang, "en") == 0 ? stem_en : stem_ru;
		polgraph_text_tokens(article.text, 0, article.text_len, &arena,
		                     &toks, &count);
		for (size_t t = 0; stem && t < count; t++) {
			size_t len;
			char *norm;

			if (toks[t].kind != POLGRAPH_TOKEN_WORD)
				continue;
			norm = polgraph_text_normalize(
				article.text + toks[t].start,
				toks[t].end - toks[t].start, &arena, &len);
			polgraph_stemmer_stem(stemmer, norm, len, &arena);
		}
		articles++;
		tokens += count;
		bytes += article.text_len;
		polgraph_arena_release(&arena);
	}
	printf("articles %lu bytes %llu tokens %lu rejected %lu\n", articles,
	       bytes, tokens, rejected);
	if (rejected)
		exit_status = 1;
	polgraph_stemmer_free(stem_ru);
	polgraph_stemmer_free(stem_en);
	polgraph_reader_free(reader);
	return exit_status;
}
