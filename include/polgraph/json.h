/*
 * json.h - JSON in and out: the one module that uses cJSON.
 *
 * Parses JSON Lines articles for ingest, writes pipeline results in the
 * `polgraph extract` format (docs/extract-format.md) and reads that format
 * back for `polgraph ingest --extracted`. Later stages add their
 * own readers and writers here so JSON handling stays in one place.
 */
#ifndef POLGRAPH_JSON_H
#define POLGRAPH_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "polgraph/ingest.h"
#include "polgraph/mem.h"
#include "polgraph/pipeline.h"
#include "polgraph/status.h"

/* Default nesting limit of article records, and the fixed one of data
 * files (lexicons, cues, rules). */
#define POLGRAPH_JSON_DEPTH_DEFAULT 64u
/* Most values (counted by commas) in one JSON text: bounds cJSON's memory,
 * about 64 bytes per value. */
#define POLGRAPH_JSON_VALUES_MAX 1000000u

/*
 * Sets the nesting limit polgraph_json_parse_article applies from now on
 * (0 restores the default). Process-wide: call at start-up, before any
 * parsing thread.
 */
void polgraph_json_set_max_depth(unsigned max_depth);
unsigned polgraph_json_max_depth(void);

/*
 * The checks every parse here runs before cJSON sees the text, for what
 * cJSON itself gets wrong or pays for in memory: a raw NUL byte, an escaped
 * NUL (\u0000, which cJSON would silently cut the string at), a UTF-16
 * surrogate without its pair, nesting deeper than max_depth, more than
 * POLGRAPH_JSON_VALUES_MAX values. Returns POLGRAPH_OK, POLGRAPH_JSON or
 * POLGRAPH_TOOBIG with err saying what and at which byte. Linear, no
 * allocation.
 */
enum polgraph_status polgraph_json_check(const char *text, size_t len,
                                         unsigned max_depth,
                                         struct polgraph_error *err);

/*
 * Parses one JSON Lines record into *article, copying strings into arena.
 * `text` is required and must be a string; `id`, `date`, `title`, `lang`,
 * `url`, `source` are optional strings (`id` may also be a number); other
 * fields are ignored. Does not validate UTF-8 or dates (ingest does).
 * Returns POLGRAPH_JSON (not an object, or a syntax error),
 * POLGRAPH_INVALID (missing or mistyped field) with err->message saying
 * which, without any file/line prefix.
 */
enum polgraph_status polgraph_json_parse_article(
	const char *line, size_t len, struct polgraph_arena *arena,
	struct polgraph_article *article, struct polgraph_error *err);

/*
 * Appends result as one line of JSON (no trailing newline) in the extract
 * format to out. Key order is fixed, so output is byte-stable.
 */
enum polgraph_status
polgraph_json_write_result(const struct polgraph_result *result,
                           struct polgraph_buf *out,
                           struct polgraph_error *err);

/*
 * Appends result like polgraph_json_write_result, with three more fields
 * at the end of the object: "text" (the article text), "origin" (the file
 * it came from, or null) and "line" (its line there, or null). What
 * `polgraph extract --full` prints and polgraph_json_read_result reads.
 */
enum polgraph_status
polgraph_json_write_full(const struct polgraph_result *result,
                         struct polgraph_buf *out, struct polgraph_error *err);

/*
 * Parses one line written by polgraph_json_write_full back into *result
 * (released first; every string in result->arena; release with
 * polgraph_result_release): the article with its text, origin and line,
 * sentences, actors with aliases and mentions, relations (evidence is
 * ignored: it is the sentence's text) and co-mentions derived again with
 * polgraph_result_comentions. "id", "lang", "text", "sentences", "actors"
 * and "relations" are required; "bytes", when present, must match the
 * text. Offsets are not checked against the text here (the store checks
 * them). Returns POLGRAPH_JSON for a syntax error or POLGRAPH_INVALID for
 * a missing or mistyped field, with err naming it ("actors[2].mentions[0]:
 * field 'start' is missing"); *result is then empty.
 */
enum polgraph_status polgraph_json_read_result(const char *line, size_t len,
                                               struct polgraph_result *result,
                                               struct polgraph_error *err);

/* Appends s as a JSON string literal (quoted, escaped) to out. */
enum polgraph_status polgraph_json_write_string(struct polgraph_buf *out,
                                                const char *s);

/*
 * Visits every scalar in one JSON document (an object or array), depth
 * first in document order: visit(ctx, path, value) where path joins object
 * keys with '.' and array indices in decimal ("names.ru.0",
 * "roles.1.from"), and value is the string, the number as text, "true" /
 * "false", or NULL for null. Empty arrays and objects are not visited.
 * Stops at the first visit that does not return POLGRAPH_OK and returns
 * its status. A syntax error returns POLGRAPH_JSON with err saying where.
 * Paths longer than 255 bytes are cut. Data files (lexicons, cue lists,
 * rules) are read through this, so cJSON stays in one module.
 */
enum polgraph_status
polgraph_json_walk(const char *text, size_t len,
                   enum polgraph_status (*visit)(void *ctx, const char *path,
                                                 const char *value),
                   void *ctx, struct polgraph_error *err);

/*
 * Checks that text is a JSON object (for relation attrs) and returns its
 * compact form allocated in arena, or NULL if it is not an object.
 */
const char *polgraph_json_canonical_object(const char *text,
                                           struct polgraph_arena *arena);

#endif
