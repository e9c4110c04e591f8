/*
 * fuzz_text.c - the text stage on arbitrary valid UTF-8: language
 * detection, sentences, tokens, normalisation, folding, sanitising. Spans
 * must lie inside the text, in order.
 */
#include <string.h>

#include "fuzz.h"
#include "polgraph/mem.h"
#include "polgraph/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct polgraph_arena arena = { 0 };
	struct polgraph_sentence *sentences;
	struct polgraph_buf clean = { 0 };
	size_t count, previous_end = 0;
	const char *lang;
	char fingerprint[33];

	/* Unvalidated bytes still must not crash the sanitiser. */
	polgraph_text_sanitize(text, size, &clean);
	polgraph_buf_release(&clean);
	if (!polgraph_text_utf8_valid(text, size, NULL))
		return 0;
	lang = polgraph_text_detect_lang(text, size);
	polgraph_text_fingerprint(text, size, fingerprint);
	polgraph_text_sentences(text, size, lang, &arena, &sentences, &count);
	for (size_t i = 0; i < count; i++) {
		struct polgraph_token *tokens;
		size_t token_count;

		FUZZ_CHECK(sentences[i].start <= sentences[i].end);
		FUZZ_CHECK(sentences[i].end <= size);
		FUZZ_CHECK(sentences[i].start >= previous_end);
		previous_end = sentences[i].end;
		polgraph_text_tokens(text, sentences[i].start, sentences[i].end,
		                     &arena, &tokens, &token_count);
		for (size_t t = 0; t < token_count; t++) {
			FUZZ_CHECK(tokens[t].start < tokens[t].end);
			FUZZ_CHECK(tokens[t].start >= sentences[i].start);
			FUZZ_CHECK(tokens[t].end <= sentences[i].end);
			size_t norm_len;

			polgraph_text_normalize(text + tokens[t].start,
			                        tokens[t].end - tokens[t].start,
			                        &arena, &norm_len);
		}
	}
	polgraph_text_ascii_fold(polgraph_arena_strndup(&arena, text, size),
	                         &arena);
	polgraph_arena_release(&arena);
	return 0;
}
