/*
 * mem.h - allocation: abort-on-OOM wrappers, a per-article arena and a
 * growable byte buffer with a size cap.
 *
 * Out of memory is not recoverable in a command-line tool (git, redis): the
 * x* wrappers print one line to stderr and abort. Everything else reports a
 * status.
 */
#ifndef POLGRAPH_MEM_H
#define POLGRAPH_MEM_H

#include <stdarg.h>
#include <stddef.h>

#include "polgraph/status.h"

void *polgraph_xmalloc(size_t size);
void *polgraph_xcalloc(size_t count, size_t size);
void *polgraph_xrealloc(void *ptr, size_t size);
char *polgraph_xstrdup(const char *s);
char *polgraph_xstrndup(const char *s, size_t len);

/*
 * Grows *array (of *capacity elements of elem_size bytes) so it can hold at
 * least `needed` elements; doubles to keep appends amortised O(1).
 */
void polgraph_xgrow(void **array, size_t *capacity, size_t needed,
                    size_t elem_size);

/*
 * Arena: many small allocations freed together. Per-article work allocates
 * here and the whole arena is released once the article is stored.
 * Zero-initialise (struct polgraph_arena a = {0}) before first use.
 */
struct polgraph_arena_block;
struct polgraph_arena {
	struct polgraph_arena_block *head; /* newest block, NULL when empty */
	size_t used;                       /* bytes handed out, for stats */
};

/* Returns size bytes aligned for any type, zero-filled; never NULL. */
void *polgraph_arena_alloc(struct polgraph_arena *arena, size_t size);
/* The same without the zero-fill, for memory the caller writes before it
 * reads it (copies, arrays filled in order). */
void *polgraph_arena_take(struct polgraph_arena *arena, size_t size);
/* Copies len bytes of s and appends a NUL. */
char *polgraph_arena_strndup(struct polgraph_arena *arena, const char *s,
                             size_t len);
char *polgraph_arena_strdup(struct polgraph_arena *arena, const char *s);
char *polgraph_arena_printf(struct polgraph_arena *arena, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Concatenates the strings up to a NULL argument: printf("%s%s...")
 * without parsing a format, for keys and names built per mention. */
char *polgraph_arena_concat(struct polgraph_arena *arena, ...)
	__attribute__((sentinel));
/*
 * Arena counterpart of polgraph_xgrow: the old array is copied into a new
 * one (the old bytes stay in the arena until release).
 */
void polgraph_arena_grow(struct polgraph_arena *arena, void **array,
                         size_t *capacity, size_t needed, size_t elem_size);
/* Frees every block; the arena is empty and reusable afterwards. */
void polgraph_arena_release(struct polgraph_arena *arena);

/*
 * Growable NUL-terminated byte buffer. max == 0 means no cap; appends past
 * the cap fail with POLGRAPH_TOOBIG and leave the buffer unchanged.
 */
struct polgraph_buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len; /* bytes used, excluding the NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* cap on len, 0 = unlimited */
};

enum polgraph_status polgraph_buf_append(struct polgraph_buf *buf,
                                         const void *data, size_t len);
enum polgraph_status polgraph_buf_puts(struct polgraph_buf *buf, const char *s);
enum polgraph_status polgraph_buf_printf(struct polgraph_buf *buf,
                                         const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its memory. */
void polgraph_buf_reset(struct polgraph_buf *buf);
/* Hands the data to the caller (free() it) and empties the buffer. */
char *polgraph_buf_detach(struct polgraph_buf *buf, size_t *len);
void polgraph_buf_release(struct polgraph_buf *buf);

#endif
