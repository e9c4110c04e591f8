/*
 * status.h - status codes and error reports shared by every polgraph module.
 *
 * Every fallible library function returns an enum polgraph_status and, when
 * the caller passes a struct polgraph_error, writes a one-line explanation
 * into it (the library never prints and never exits).
 */
#ifndef POLGRAPH_STATUS_H
#define POLGRAPH_STATUS_H

#include <stddef.h>

#define POLGRAPH_VERSION "0.1.0"

/* X-macro: name, default message. */
#define POLGRAPH_STATUS(_)                                                     \
	_(OK, "success")                                                       \
	_(DONE, "no more input")                                               \
	_(DUPLICATE, "duplicate article")                                      \
	_(ERROR, "error")                                                      \
	_(NOMEM, "out of memory")                                              \
	_(IO, "input/output error")                                            \
	_(INVALID, "invalid input")                                            \
	_(UTF8, "invalid UTF-8")                                               \
	_(JSON, "malformed JSON")                                              \
	_(EMPTY, "empty article")                                              \
	_(TOOBIG, "input too large")                                           \
	_(NOTFOUND, "not found")                                               \
	_(DB, "database error")                                                \
	_(SCHEMA, "unsupported database schema")                               \
	_(BUSY, "database is busy")                                            \
	_(INTERRUPTED, "interrupted")

enum polgraph_status {
#define POLGRAPH_STATUS_ENUM(name, msg) POLGRAPH_##name,
	POLGRAPH_STATUS(POLGRAPH_STATUS_ENUM)
#undef POLGRAPH_STATUS_ENUM
};

/* A status with its explanation. message is always NUL-terminated. */
struct polgraph_error {
	enum polgraph_status status; /* last failure, POLGRAPH_OK if none */
	char message[512];           /* "cannot open 'x': No such file..." */
};

/* Static, never NULL; "unknown status" for values outside the enum. */
const char *polgraph_strerror(enum polgraph_status status);

/* Library version string, e.g. "0.1.0". */
const char *polgraph_version(void);

/*
 * Records status and a printf-style message in err (which may be NULL) and
 * returns status, so callers can write `return polgraph_error_set(...)`.
 */
enum polgraph_status polgraph_error_set(struct polgraph_error *err,
                                        enum polgraph_status status,
                                        const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Resets err (may be NULL) to POLGRAPH_OK with an empty message. */
void polgraph_error_clear(struct polgraph_error *err);

#endif
