/*
 * cameo.h - CAMEO actor dictionaries into the lexicon.
 *
 * Consumes an actor dictionary in the PETRARCH/TABARI format (the one the
 * CAMEO event coders read: a primary phrase, '+' synonyms, tab-indented
 * [CODE date-restriction] lines); produces lexicon entries (actors.h),
 * added with polgraph_lexicon_add so that a record whose key is already
 * present merges into that entry. docs/lexicon.md describes the mapping:
 * phrases become Title Case "en" names, a bare country code a country
 * entry, IGO/NGO/MNC codes an organisation, role codes and dates a person
 * with one role per code.
 */
#ifndef POLGRAPH_CAMEO_H
#define POLGRAPH_CAMEO_H

#include <stddef.h>

#include "polgraph/actors.h"
#include "polgraph/status.h"

/* What one import did; the caller may also ask to hear of each skip. */
struct polgraph_cameo_report {
	size_t records;  /* out: records read, good or bad */
	size_t imported; /* out: records added or merged into the lexicon */
	size_t skipped;  /* out: malformed records left out */
	/* in, optional: called with "FILE:LINE: what" for each skipped
	 * record, in file order */
	void (*on_skip)(void *ctx, const char *message);
	void *ctx; /* in: passed to on_skip */
};

/*
 * Reads the CAMEO actor dictionary at path and adds its records to
 * lexicon. A malformed record (a bad or impossible date, an unbalanced
 * bracket, a record without a code, ...) is skipped and the rest is still
 * read; the call then returns POLGRAPH_INVALID with err "FILE:LINE: what
 * (N records skipped)" naming the first bad line. POLGRAPH_IO if the file
 * cannot be read. report (may be NULL) receives the counts. Costs O(file
 * size) plus the lexicon insertions.
 */
enum polgraph_status polgraph_cameo_import(struct polgraph_lexicon *lexicon,
                                           const char *path,
                                           struct polgraph_cameo_report *report,
                                           struct polgraph_error *err);

/*
 * The same for a dictionary already in memory: text of len bytes (need not
 * be NUL-terminated); name stands for the file in messages.
 */
enum polgraph_status polgraph_cameo_import_from_buffer(
	struct polgraph_lexicon *lexicon, const char *name, const char *text,
	size_t len, struct polgraph_cameo_report *report,
	struct polgraph_error *err);

#endif
