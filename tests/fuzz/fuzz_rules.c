/*
 * fuzz_rules.c - the relation rule loader: the input is one rule file,
 * rules/en.json of a scratch data directory, loaded as the pipeline loads
 * it (without a lexicon: roles are not needed to check rules).
 */
#include "fuzz.h"
#include "polgraph/relations.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct polgraph_error err = { 0 };

	fuzz_write("rules/en.json", data, size);
	polgraph_relations_free(
		polgraph_relations_new(fuzz_scratch_dir(), NULL, &err));
	return 0;
}
