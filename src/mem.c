/*
 * mem.c - abort-on-OOM allocation, the per-article arena and the byte
 * buffer (mem.h).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polgraph/mem.h"

static void die_oom(size_t size)
{
	fprintf(stderr, "polgraph: fatal: out of memory allocating %zu bytes\n",
	        size);
	abort();
}

void *polgraph_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_oom(size);
	return p;
}

void *polgraph_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		die_oom(count * size);
	return p;
}

void *polgraph_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die_oom(size);
	return p;
}

char *polgraph_xstrndup(const char *s, size_t len)
{
	char *p = polgraph_xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *polgraph_xstrdup(const char *s)
{
	return polgraph_xstrndup(s, strlen(s));
}

/* Capacity for `needed` elements, doubling from at least 8. */
static size_t grown_capacity(size_t capacity, size_t needed, size_t elem_size)
{
	size_t new_capacity = capacity ? capacity : 8;

	while (new_capacity < needed) {
		if (new_capacity > SIZE_MAX / 2)
			die_oom(SIZE_MAX);
		new_capacity *= 2;
	}
	if (new_capacity > SIZE_MAX / elem_size)
		die_oom(SIZE_MAX);
	return new_capacity;
}

void polgraph_xgrow(void **array, size_t *capacity, size_t needed,
                    size_t elem_size)
{
	size_t new_capacity;

	if (needed <= *capacity)
		return;
	new_capacity = grown_capacity(*capacity, needed, elem_size);
	*array = polgraph_xrealloc(*array, new_capacity * elem_size);
	*capacity = new_capacity;
}

/* ---- arena ---- */

#define ARENA_BLOCK_MIN 8192
#define ARENA_ALIGN     16

struct polgraph_arena_block {
	struct polgraph_arena_block *next; /* older block */
	size_t size;                       /* usable bytes in data */
	size_t used;                       /* bytes handed out */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void *polgraph_arena_take(struct polgraph_arena *arena, size_t size)
{
	struct polgraph_arena_block *block = arena->head;
	size_t rounded;
	void *p;

	if (size > SIZE_MAX - ARENA_ALIGN - sizeof(*block))
		die_oom(size);
	rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (!block || block->size - block->used < rounded) {
		size_t block_size =
			rounded > ARENA_BLOCK_MIN ? rounded : ARENA_BLOCK_MIN;

		/* Blocks grow with the arena so big articles need few. */
		if (arena->used / 4 > block_size && rounded <= arena->used / 4)
			block_size = (arena->used / 4 + ARENA_ALIGN - 1) &
			             ~(size_t)(ARENA_ALIGN - 1);
		block = polgraph_xmalloc(sizeof(*block) + block_size);
		block->size = block_size;
		block->used = 0;
		block->next = arena->head;
		arena->head = block;
	}
	p = block->data + block->used;
	block->used += rounded;
	arena->used += rounded;
	return p;
}

void *polgraph_arena_alloc(struct polgraph_arena *arena, size_t size)
{
	void *p = polgraph_arena_take(arena, size);

	memset(p, 0, size);
	return p;
}

char *polgraph_arena_strndup(struct polgraph_arena *arena, const char *s,
                             size_t len)
{
	char *p = polgraph_arena_take(arena, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *polgraph_arena_strdup(struct polgraph_arena *arena, const char *s)
{
	return polgraph_arena_strndup(arena, s, strlen(s));
}

char *polgraph_arena_printf(struct polgraph_arena *arena, const char *fmt, ...)
{
	va_list ap;
	int len;
	char *p;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return polgraph_arena_strdup(arena, "");
	p = polgraph_arena_alloc(arena, (size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return p;
}

char *polgraph_arena_concat(struct polgraph_arena *arena, ...)
{
	va_list ap;
	size_t len = 0;
	const char *part;
	char *p, *at;

	va_start(ap, arena);
	while ((part = va_arg(ap, const char *)))
		len += strlen(part);
	va_end(ap);
	at = p = polgraph_arena_alloc(arena, len + 1);
	va_start(ap, arena);
	while ((part = va_arg(ap, const char *))) {
		size_t part_len = strlen(part);

		memcpy(at, part, part_len);
		at += part_len;
	}
	va_end(ap);
	*at = '\0';
	return p;
}

void polgraph_arena_grow(struct polgraph_arena *arena, void **array,
                         size_t *capacity, size_t needed, size_t elem_size)
{
	size_t new_capacity;
	void *p;

	if (needed <= *capacity)
		return;
	new_capacity = grown_capacity(*capacity, needed, elem_size);
	p = polgraph_arena_alloc(arena, new_capacity * elem_size);
	if (*capacity)
		memcpy(p, *array, *capacity * elem_size);
	*array = p;
	*capacity = new_capacity;
}

void polgraph_arena_release(struct polgraph_arena *arena)
{
	struct polgraph_arena_block *block = arena->head;

	while (block) {
		struct polgraph_arena_block *next = block->next;

		free(block);
		block = next;
	}
	arena->head = NULL;
	arena->used = 0;
}

/* ---- buffer ---- */

static enum polgraph_status buf_reserve(struct polgraph_buf *buf, size_t extra)
{
	size_t needed;

	if (extra > SIZE_MAX - buf->len - 1)
		return POLGRAPH_TOOBIG;
	needed = buf->len + extra + 1;
	if (buf->max && buf->len + extra > buf->max)
		return POLGRAPH_TOOBIG;
	polgraph_xgrow((void **)&buf->data, &buf->cap, needed, 1);
	return POLGRAPH_OK;
}

enum polgraph_status polgraph_buf_append(struct polgraph_buf *buf,
                                         const void *data, size_t len)
{
	enum polgraph_status status = buf_reserve(buf, len);

	if (status != POLGRAPH_OK)
		return status;
	if (len)
		memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
	return POLGRAPH_OK;
}

enum polgraph_status polgraph_buf_puts(struct polgraph_buf *buf, const char *s)
{
	return polgraph_buf_append(buf, s, strlen(s));
}

enum polgraph_status polgraph_buf_printf(struct polgraph_buf *buf,
                                         const char *fmt, ...)
{
	enum polgraph_status status;
	va_list ap;
	int len;

	/* Format straight into spare room when there is some: one
	   vsnprintf instead of two for most calls. */
	if (buf->data && buf->cap - buf->len > 1) {
		size_t room = buf->cap - buf->len;

		va_start(ap, fmt);
		len = vsnprintf(buf->data + buf->len, room, fmt, ap);
		va_end(ap);
		if (len >= 0 && (size_t)len < room &&
		    (!buf->max || buf->len + (size_t)len <= buf->max)) {
			buf->len += (size_t)len;
			return POLGRAPH_OK;
		}
		buf->data[buf->len] = '\0'; /* unchanged */
	}
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return POLGRAPH_INVALID;
	status = buf_reserve(buf, (size_t)len);
	if (status != POLGRAPH_OK)
		return status;
	va_start(ap, fmt);
	vsnprintf(buf->data + buf->len, (size_t)len + 1, fmt, ap);
	va_end(ap);
	buf->len += (size_t)len;
	return POLGRAPH_OK;
}

void polgraph_buf_reset(struct polgraph_buf *buf)
{
	buf->len = 0;
	if (buf->data)
		buf->data[0] = '\0';
}

char *polgraph_buf_detach(struct polgraph_buf *buf, size_t *len)
{
	char *data = buf->data ? buf->data : polgraph_xstrdup("");

	if (len)
		*len = buf->len;
	buf->data = NULL;
	buf->len = buf->cap = 0;
	return data;
}

void polgraph_buf_release(struct polgraph_buf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}
