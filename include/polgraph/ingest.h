/*
 * ingest.h - reading articles from files, directories and stdin.
 *
 * Consumes paths (plain .txt with an optional "date YYYY-MM-DD" header,
 * JSON Lines .jsonl/.ndjson, '-' for stdin); produces one struct
 * polgraph_article at a time, in input order, or a rejection naming the file
 * and line. Nothing is stored here: see pipeline.h and store.h.
 */
#ifndef POLGRAPH_INGEST_H
#define POLGRAPH_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polgraph/status.h"

/* Default limits: longest article text accepted, and longest JSON Lines
 * line (a line is read no further than this, so memory stays bounded). */
#define POLGRAPH_ARTICLE_MAX (16u << 20)
#define POLGRAPH_LINE_MAX    (32u << 20)

/*
 * One article. All strings are NUL-terminated UTF-8 owned by whoever filled
 * the struct (the reader: valid until the next polgraph_reader_next call).
 * Optional fields are NULL when absent.
 */
struct polgraph_article {
	const char *id;     /* external id: given, or "path" / "path:line" */
	const char *date;   /* "YYYY-MM-DD" or NULL */
	const char *lang;   /* "ru", "en", ... given or detected; never NULL
	                       once the pipeline has run */
	const char *title;  /* optional */
	const char *source; /* optional: publisher, feed name */
	const char *url;    /* optional */
	const char *text;   /* the article body, header removed */
	size_t text_len;    /* bytes in text */
	const char *origin; /* file the article came from ("-" = stdin) */
	size_t line;        /* line of origin where the article starts */
};

enum polgraph_input_format {
	POLGRAPH_FORMAT_AUTO,  /* by extension; sniffed for stdin and others */
	POLGRAPH_FORMAT_TEXT,  /* one article per file */
	POLGRAPH_FORMAT_JSONL, /* one article per line */
};

struct polgraph_reader_options {
	enum polgraph_input_format format;
	const char *lang;   /* force this language on every article, or NULL */
	const char *source; /* source for articles that name none, or NULL */
	size_t max_article; /* bytes of article text, 0 = POLGRAPH_ARTICLE_MAX
	                     */
	size_t max_line;    /* bytes of a JSON line, 0 = POLGRAPH_LINE_MAX */
};

struct polgraph_reader;

/* opts may be NULL for defaults. Free with polgraph_reader_free. */
struct polgraph_reader *
polgraph_reader_new(const struct polgraph_reader_options *opts);
void polgraph_reader_free(struct polgraph_reader *reader);

/*
 * Queues a path: a file, '-' for stdin, or a directory, which is walked
 * recursively in byte-wise sorted order, taking the files whose names end in
 * .txt, .jsonl or .ndjson. The walk happens here, so the total size is known
 * for progress. A path that cannot be read is reported by
 * polgraph_reader_next at its turn, not here.
 */
void polgraph_reader_add(struct polgraph_reader *reader, const char *path);

/*
 * Reads the next article into *article.
 * Returns POLGRAPH_OK with *article filled; POLGRAPH_DONE when all input is
 * consumed; or a rejection status (POLGRAPH_IO, POLGRAPH_UTF8, POLGRAPH_JSON,
 * POLGRAPH_INVALID, POLGRAPH_EMPTY, POLGRAPH_TOOBIG) with err->message of the
 * form "FILE:LINE: what is wrong". After a rejection, call again: reading
 * continues with the next article.
 */
enum polgraph_status polgraph_reader_next(struct polgraph_reader *reader,
                                          struct polgraph_article *article,
                                          struct polgraph_error *err);

/* Bytes consumed so far and the total of all queued regular files
 * (stdin counts 0 in the total). For progress lines. */
void polgraph_reader_progress(const struct polgraph_reader *reader,
                              uint64_t *done, uint64_t *total);

/*
 * Checks a date string: "YYYY-MM-DD" (a real calendar date), or an ISO 8601
 * date-time starting with one. On success copies the date part into out.
 */
bool polgraph_date_parse(const char *s, char out[11]);

/*
 * Splits the optional plain-text date header: after optional whitespace,
 * "date YYYY-MM-DD" followed by whitespace or end of text. On success
 * stores the date in date_out and the offset where the article body starts
 * (after the whitespace that follows the date) in *body_start, and returns
 * POLGRAPH_OK. Returns POLGRAPH_NOTFOUND when the text has no header, and
 * POLGRAPH_INVALID when it starts with "date " but the date is malformed.
 */
enum polgraph_status polgraph_text_header(const char *text, size_t len,
                                          char date_out[11],
                                          size_t *body_start);

#endif
