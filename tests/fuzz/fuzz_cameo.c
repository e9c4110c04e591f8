/*
 * fuzz_cameo.c - the CAMEO actor dictionary importer on arbitrary bytes,
 * into a fresh lexicon (the entries it converts are checked by
 * polgraph_lexicon_add as they go in).
 */
#include "fuzz.h"
#include "polgraph/actors.h"
#include "polgraph/cameo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct polgraph_lexicon *lexicon = polgraph_lexicon_new();
	struct polgraph_cameo_report report = { 0 };
	struct polgraph_error err = { 0 };

	polgraph_cameo_import_from_buffer(
		lexicon, "fuzz.txt", (const char *)data, size, &report, &err);
	polgraph_lexicon_free(lexicon);
	return 0;
}
