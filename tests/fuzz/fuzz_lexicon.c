/*
 * fuzz_lexicon.c - the actor lexicon loader: the input is one lexicon
 * file (JSON Lines, docs/lexicon.md), parsed line by line from memory and
 * loaded from a file, into a fresh lexicon.
 */
#include <string.h>

#include "fuzz.h"
#include "polgraph/actors.h"
#include "polgraph/mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct polgraph_lexicon *lexicon = polgraph_lexicon_new();
	struct polgraph_arena arena = { 0 };
	struct polgraph_error err = { 0 };
	const char *text = (const char *)data;
	size_t start = 0;

	while (start < size) {
		const char *newline = memchr(text + start, '\n', size - start);
		size_t end = newline ? (size_t)(newline - text) + 1 : size;
		struct polgraph_lexicon_entry entry;

		if (polgraph_lexicon_parse(text + start, end - start, &arena,
		                           &entry, &err) == POLGRAPH_OK)
			polgraph_lexicon_add(lexicon, &entry, &err);
		start = end;
	}
	polgraph_lexicon_free(lexicon);
	polgraph_arena_release(&arena);

	lexicon = polgraph_lexicon_new();
	polgraph_lexicon_load_file(lexicon, fuzz_write("zz.jsonl", data, size),
	                           &err);
	polgraph_lexicon_free(lexicon);
	return 0;
}
