/*
 * fuzz_extract.c - the whole pipeline (sentences, actor recognition,
 * relation extraction, co-mentions) with the built-in data on arbitrary
 * valid UTF-8 text; the first byte picks the language (detected, ru, en,
 * uk). Every span of the result must lie inside the text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "polgraph/ingest.h"
#include "polgraph/pipeline.h"
#include "polgraph/text.h"

static struct polgraph_pipeline *pipeline;

static void free_pipeline(void)
{
	polgraph_pipeline_free(pipeline);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { NULL, "ru", "en", "uk" };
	struct polgraph_article article = { 0 };
	struct polgraph_result result = { 0 };
	struct polgraph_error err = { 0 };
	char *text;

	if (!pipeline) {
		pipeline = polgraph_pipeline_new(NULL, &err);
		if (!pipeline) {
			fprintf(stderr, "fuzz: %s\n", err.message);
			abort();
		}
		atexit(free_pipeline);
	}
	if (size == 0 || size > (256u << 10))
		return 0;
	/* The reader hands the pipeline NUL-terminated valid UTF-8. */
	if (!polgraph_text_utf8_valid((const char *)data + 1, size - 1, NULL))
		return 0;
	text = malloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	article.id = "fuzz";
	article.lang = langs[data[0] % 4];
	article.text = text;
	article.text_len = size - 1;
	if (polgraph_pipeline_run(pipeline, &article, &result, &err) ==
	    POLGRAPH_OK) {
		for (size_t i = 0; i < result.sentence_count; i++)
			FUZZ_CHECK(result.sentences[i].end <= article.text_len);
		for (size_t i = 0; i < result.actor_count; i++)
			for (size_t m = 0; m < result.actors[i].mention_count;
			     m++) {
				FUZZ_CHECK(result.actors[i].mentions[m].start <=
				           result.actors[i].mentions[m].end);
				FUZZ_CHECK(result.actors[i].mentions[m].end <=
				           article.text_len);
			}
		for (size_t i = 0; i < result.relation_count; i++) {
			FUZZ_CHECK(result.relations[i].end <= article.text_len);
			FUZZ_CHECK(result.relations[i].sentence <
			           result.sentence_count);
		}
	}
	polgraph_result_release(&result);
	free(text);
	return 0;
}
