/*
 * test_mem.c - unit tests for mem.h: the x* wrappers and xgrow, the
 * per-article arena and the capped byte buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "polgraph/mem.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int aligned16(const void *p)
{
	return ((uintptr_t)p & 15u) == 0;
}

/* Every byte of p[0..len) equals value. */
static int all_bytes(const void *p, size_t len, unsigned char value)
{
	const unsigned char *bytes = p;

	for (size_t i = 0; i < len; i++)
		if (bytes[i] != value)
			return 0;
	return 1;
}

static void test_x_wrappers(void)
{
	char *copy = polgraph_xstrdup("Минск");
	char *part = polgraph_xstrndup("Brussels summit", 8);
	char *empty = polgraph_xmalloc(0);
	int *zeroed = polgraph_xcalloc(64, sizeof(int));
	int *resized;

	CHECK_STR(copy, "Минск", "xstrdup");
	CHECK_STR(part, "Brussels", "xstrndup stops at len");
	CHECK(empty != NULL, "xmalloc(0) returns a pointer");
	CHECK(all_bytes(zeroed, 64 * sizeof(int), 0), "xcalloc zero-fills");
	for (int i = 0; i < 64; i++)
		zeroed[i] = i * 3;
	resized = polgraph_xrealloc(zeroed, 1024 * sizeof(int));
	CHECK_INT(resized[63], 189, "xrealloc keeps contents");
	free(resized);
	free(empty);
	free(part);
	free(copy);
}

static void test_xgrow(void)
{
	static const struct {
		size_t needed;
		size_t want_capacity;
	} rows[] = {
		{ 0, 0 },  /* nothing needed, nothing allocated */
		{ 1, 8 },  /* first growth: at least 8 */
		{ 8, 8 },  /* fits: unchanged */
		{ 9, 16 }, /* doubles */
		{ 16, 16 }, { 100, 128 }, /* doubles until it fits */
		{ 3, 128 },               /* never shrinks */
	};
	int *array = NULL;
	size_t capacity = 0, filled = 0;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		int *before = array;
		size_t before_capacity = capacity;
		int intact = 1;

		polgraph_xgrow((void **)&array, &capacity, rows[i].needed,
		               sizeof(*array));
		CHECK_INT(capacity, rows[i].want_capacity, "xgrow capacity");
		if (rows[i].needed <= before_capacity)
			CHECK(array == before,
			      "xgrow row %zu: no realloc when "
			      "it fits",
			      i);
		for (size_t k = 0; k < filled; k++)
			if (array[k] != (int)(k * 7 + 1))
				intact = 0;
		CHECK(intact, "xgrow row %zu keeps the first %zu elements", i,
		      filled);
		for (; filled < capacity; filled++)
			array[filled] = (int)(filled * 7 + 1);
	}
	free(array);
}

static void test_arena_alloc(void)
{
	static const size_t sizes[] = { 1, 3, 15, 16, 17, 31, 33, 100, 0, 7 };
	struct polgraph_arena arena = { 0 };
	unsigned char *previous = NULL;
	size_t previous_size = 0, want_used = 0;

	CHECK(arena.head == NULL, "zeroed arena is empty");
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned char *p = polgraph_arena_alloc(&arena, sizes[i]);

		CHECK(p != NULL, "alloc(%zu) returns a pointer", sizes[i]);
		CHECK(aligned16(p), "alloc(%zu) is 16-byte aligned", sizes[i]);
		CHECK(all_bytes(p, sizes[i], 0), "alloc(%zu) is zero-filled",
		      sizes[i]);
		if (previous)
			CHECK(p >= previous + previous_size ||
			              previous >= p + sizes[i],
			      "alloc(%zu) does not overlap the last one",
			      sizes[i]);
		/* Write the whole allocation: ASan catches an undersized one.
		 */
		memset(p, 0xAB, sizes[i]);
		want_used += (sizes[i] + 15) / 16 * 16;
		CHECK_INT(arena.used, want_used, "arena.used after alloc");
		previous = p;
		previous_size = sizes[i];
	}
	polgraph_arena_release(&arena);
	CHECK(arena.head == NULL, "release empties the arena");
	CHECK_INT(arena.used, 0, "release resets used");

	/* Reuse after release: fresh memory, zero-filled again, even where
	 * the allocator hands back the bytes we just dirtied. */
	for (int round = 0; round < 3; round++) {
		unsigned char *p = polgraph_arena_alloc(&arena, 4000);
		unsigned char *q = polgraph_arena_alloc(&arena, 4000);

		CHECK(all_bytes(p, 4000, 0) && all_bytes(q, 4000, 0),
		      "round %d: reused arena zero-fills", round);
		CHECK(aligned16(p) && aligned16(q), "round %d: aligned", round);
		CHECK(q >= p + 4000 || p >= q + 4000,
		      "round %d: allocations do not overlap", round);
		memset(p, 0x5A, 4000);
		memset(q, 0xA5, 4000);
		CHECK_INT(arena.used, 8000, "used after two 4000-byte allocs");
		polgraph_arena_release(&arena);
	}
	polgraph_arena_release(&arena); /* releasing an empty arena is fine */
	CHECK(arena.head == NULL, "double release");
}

/* Many allocations across several blocks, one much larger than a block:
 * none may overlap or be clobbered by a later one. */
static void test_arena_blocks(void)
{
	enum { COUNT = 300 };
	struct polgraph_arena arena = { 0 };
	unsigned char *small = polgraph_arena_alloc(&arena, 24);
	unsigned char *parts[COUNT];
	size_t part_sizes[COUNT];
	unsigned char *big;
	int intact = 1;

	memset(small, 0x11, 24);
	big = polgraph_arena_alloc(&arena, 100000);
	CHECK(aligned16(big), "big allocation aligned");
	CHECK(all_bytes(big, 100000, 0), "big allocation zero-filled");
	memset(big, 0x22, 100000);
	CHECK(all_bytes(small, 24, 0x11), "big allocation leaves earlier data");

	for (size_t i = 0; i < COUNT; i++) {
		part_sizes[i] = 1 + (i * 37) % 3000;
		parts[i] = polgraph_arena_alloc(&arena, part_sizes[i]);
		if (!aligned16(parts[i]) ||
		    !all_bytes(parts[i], part_sizes[i], 0))
			intact = 0;
		memset(parts[i], (int)(i & 0xFF), part_sizes[i]);
	}
	CHECK(intact, "block-spanning allocations aligned and zeroed");
	for (size_t i = 0; i < COUNT; i++)
		if (!all_bytes(parts[i], part_sizes[i], (unsigned char)i))
			intact = 0;
	CHECK(intact, "block-spanning allocations keep their contents");
	CHECK(all_bytes(big, 100000, 0x22), "big allocation kept");
	CHECK(all_bytes(small, 24, 0x11), "first allocation kept");
	polgraph_arena_release(&arena);
}

static void test_arena_strings(void)
{
	static const struct {
		const char *input;
		size_t len;
		const char *want;
	} strndup_rows[] = {
		{ "hello world", 5, "hello" },
		{ "hello", 5, "hello" },
		{ "", 0, "" },
		{ "Лукашенко", 6, "Лук" }, /* bytes, not characters */
		{ "a\0b", 3, "a" },        /* copies len bytes, NUL included */
	};
	struct polgraph_arena arena = { 0 };
	char long_want[10001];
	char *copy;

	for (size_t i = 0; i < ARRAY_SIZE(strndup_rows); i++) {
		copy = polgraph_arena_strndup(&arena, strndup_rows[i].input,
		                              strndup_rows[i].len);
		CHECK_STR(copy, strndup_rows[i].want, "arena_strndup");
		CHECK(copy[strndup_rows[i].len] == '\0',
		      "arena_strndup row %zu terminates at len", i);
		CHECK(memcmp(copy, strndup_rows[i].input,
		             strndup_rows[i].len) == 0,
		      "arena_strndup row %zu copies every byte", i);
		CHECK(aligned16(copy), "arena_strndup row %zu aligned", i);
	}
	copy = polgraph_arena_strdup(&arena, "Совет Безопасности ООН");
	CHECK_STR(copy, "Совет Безопасности ООН", "arena_strdup");

	CHECK_STR(polgraph_arena_printf(&arena, "%s:%zu", "feed.jsonl",
	                                (size_t)42),
	          "feed.jsonl:42", "arena_printf");
	CHECK_STR(polgraph_arena_printf(&arena, "%s", ""), "", "printf empty");
	CHECK_STR(polgraph_arena_printf(&arena, "%05d|%-3s|%c", 7, "ab", 'z'),
	          "00007|ab |z", "arena_printf widths");
	/* Longer than one arena block. */
	memset(long_want, 'x', 10000);
	long_want[10000] = '\0';
	CHECK_STR(polgraph_arena_printf(&arena, "%10000s", "x") + 9999, "x",
	          "arena_printf long tail");
	copy = polgraph_arena_printf(&arena, "%.*s", 10000, long_want);
	CHECK_INT(strlen(copy), 10000, "arena_printf long length");
	CHECK(strcmp(copy, long_want) == 0, "arena_printf long content");
	polgraph_arena_release(&arena);
}

static void test_arena_grow(void)
{
	static const struct {
		size_t needed;
		size_t want_capacity;
	} rows[] = {
		{ 1, 8 },   { 8, 8 },       { 9, 16 },
		{ 17, 32 }, { 1000, 1024 }, { 2, 1024 },
	};
	struct polgraph_arena arena = { 0 };
	size_t *array = NULL, capacity = 0, filled = 0;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		size_t *before = array;
		size_t before_capacity = capacity;
		int intact = 1;

		polgraph_arena_grow(&arena, (void **)&array, &capacity,
		                    rows[i].needed, sizeof(*array));
		CHECK_INT(capacity, rows[i].want_capacity,
		          "arena_grow capacity");
		CHECK(aligned16(array), "arena_grow row %zu aligned", i);
		if (rows[i].needed <= before_capacity)
			CHECK(array == before, "arena_grow row %zu unchanged",
			      i);
		for (size_t k = 0; k < filled; k++)
			if (array[k] != k * k + 5)
				intact = 0;
		CHECK(intact, "arena_grow row %zu keeps %zu elements", i,
		      filled);
		CHECK(all_bytes(array + filled,
		                (capacity - filled) * sizeof(*array), 0),
		      "arena_grow row %zu: new room zero-filled", i);
		for (; filled < capacity; filled++)
			array[filled] = filled * filled + 5;
	}
	polgraph_arena_release(&arena);
}

static void test_buf_append(void)
{
	struct polgraph_buf buf = { 0 };
	char big[5000];

	CHECK(buf.data == NULL, "new buffer has no data");
	CHECK_INT(polgraph_buf_append(&buf, "abc", 3), POLGRAPH_OK, "append");
	CHECK_INT(buf.len, 3, "append len");
	CHECK_STR(buf.data, "abc", "append data");
	CHECK(buf.cap >= 4, "append leaves room for the NUL");
	CHECK_INT(polgraph_buf_append(&buf, "defXYZ", 3), POLGRAPH_OK,
	          "append part");
	CHECK_STR(buf.data, "abcdef", "append takes len bytes");
	CHECK_INT(polgraph_buf_append(&buf, NULL, 0), POLGRAPH_OK,
	          "append nothing");
	CHECK_STR(buf.data, "abcdef", "append nothing keeps data");
	CHECK_INT(polgraph_buf_puts(&buf, "-Минск"), POLGRAPH_OK, "puts");
	CHECK_STR(buf.data, "abcdef-Минск", "puts data");
	CHECK_INT(buf.len, strlen("abcdef-Минск"), "puts len");
	CHECK_INT(polgraph_buf_printf(&buf, "|%d|%s|", 2025, "x"), POLGRAPH_OK,
	          "printf");
	CHECK_STR(buf.data, "abcdef-Минск|2025|x|", "printf data");
	CHECK_INT(buf.len, strlen("abcdef-Минск|2025|x|"), "printf len");
	CHECK_INT(polgraph_buf_printf(&buf, "%s", ""), POLGRAPH_OK,
	          "printf empty");
	CHECK_INT(buf.len, strlen("abcdef-Минск|2025|x|"), "printf empty len");

	/* Binary data with an inner NUL keeps its length. */
	polgraph_buf_reset(&buf);
	CHECK_INT(polgraph_buf_append(&buf, "a\0b", 3), POLGRAPH_OK,
	          "append NUL");
	CHECK_INT(buf.len, 3, "append NUL len");
	CHECK(memcmp(buf.data, "a\0b", 4) == 0, "append NUL bytes + NUL");

	/* Many growths. */
	polgraph_buf_reset(&buf);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	for (int i = 0; i < 20; i++)
		polgraph_buf_append(&buf, big, sizeof(big));
	CHECK_INT(buf.len, 20 * sizeof(big), "20 appends len");
	CHECK(buf.data[buf.len] == '\0', "20 appends NUL-terminated");
	CHECK(buf.cap > buf.len, "cap leaves room for the NUL");
	CHECK(memcmp(buf.data + 19 * sizeof(big), big, sizeof(big)) == 0,
	      "20 appends content");
	polgraph_buf_release(&buf);
	CHECK(buf.data == NULL && buf.len == 0 && buf.cap == 0, "release");

	/* printf into an empty buffer allocates. */
	CHECK_INT(polgraph_buf_printf(&buf, "%s=%d", "n", 5), POLGRAPH_OK,
	          "printf first");
	CHECK_STR(buf.data, "n=5", "printf first data");
	polgraph_buf_release(&buf);
	polgraph_buf_release(&buf); /* twice is harmless */
}

static void test_buf_cap(void)
{
	static const struct {
		int op; /* 0 append, 1 puts, 2 printf %s */
		const char *input;
		enum polgraph_status want_status;
		const char *want_data;
	} rows[] = {
		{ 0, "abc", POLGRAPH_OK, "abc" },
		{ 0, "def", POLGRAPH_TOOBIG, "abc" }, /* 6 > 5 */
		{ 1, "defg", POLGRAPH_TOOBIG, "abc" },
		{ 2, "xyz", POLGRAPH_TOOBIG, "abc" },
		{ 1, "", POLGRAPH_OK, "abc" },
		{ 0, "de", POLGRAPH_OK, "abcde" }, /* exactly at the cap */
		{ 0, "f", POLGRAPH_TOOBIG, "abcde" },
		{ 2, "g", POLGRAPH_TOOBIG, "abcde" },
		{ 2, "", POLGRAPH_OK, "abcde" },
	};
	struct polgraph_buf buf = { 0 };

	buf.max = 5;
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		enum polgraph_status status;
		char *data_before = buf.data;
		size_t cap_before = buf.cap;

		if (rows[i].op == 0)
			status = polgraph_buf_append(&buf, rows[i].input,
			                             strlen(rows[i].input));
		else if (rows[i].op == 1)
			status = polgraph_buf_puts(&buf, rows[i].input);
		else
			status = polgraph_buf_printf(&buf, "%s", rows[i].input);
		CHECK_INT(status, rows[i].want_status, rows[i].input);
		CHECK_STR(buf.data, rows[i].want_data, rows[i].input);
		CHECK_INT(buf.len, strlen(rows[i].want_data), rows[i].input);
		if (status != POLGRAPH_OK)
			CHECK(buf.data == data_before && buf.cap == cap_before,
			      "row %zu: failed append leaves memory alone", i);
	}
	CHECK_INT(buf.max, 5, "max kept");

	/* A cap on a fresh buffer: nothing is allocated by a refusal. */
	polgraph_buf_release(&buf);
	buf.max = 2;
	CHECK_INT(polgraph_buf_puts(&buf, "long"), POLGRAPH_TOOBIG,
	          "fresh capped");
	CHECK(buf.data == NULL && buf.len == 0, "fresh capped stays empty");
	polgraph_buf_release(&buf);
}

static void test_buf_detach_reset(void)
{
	struct polgraph_buf buf = { 0 };
	char *data;
	char *kept;
	size_t len = 99, cap;

	/* Detach of a never-used buffer: an empty, freeable string. */
	data = polgraph_buf_detach(&buf, &len);
	CHECK_STR(data, "", "detach empty");
	CHECK_INT(len, 0, "detach empty len");
	free(data);

	polgraph_buf_puts(&buf, "Ватикан");
	kept = buf.data;
	data = polgraph_buf_detach(&buf, &len);
	CHECK(data == kept, "detach hands over the same memory");
	CHECK_STR(data, "Ватикан", "detach data");
	CHECK_INT(len, strlen("Ватикан"), "detach len");
	CHECK(buf.data == NULL && buf.len == 0 && buf.cap == 0,
	      "detach empties the buffer");
	free(data);
	data = polgraph_buf_detach(&buf, NULL); /* len may be NULL */
	CHECK_STR(data, "", "detach NULL len");
	free(data);

	CHECK_INT(polgraph_buf_puts(&buf, "after"), POLGRAPH_OK,
	          "append after detach");
	CHECK_STR(buf.data, "after", "append after detach");

	kept = buf.data;
	cap = buf.cap;
	polgraph_buf_reset(&buf);
	CHECK_INT(buf.len, 0, "reset len");
	CHECK(buf.data == kept && buf.cap == cap, "reset keeps memory");
	CHECK_STR(buf.data, "", "reset leaves an empty string");
	polgraph_buf_puts(&buf, "xy");
	CHECK_STR(buf.data, "xy", "append after reset");
	CHECK(buf.data == kept, "append after reset reuses memory");
	polgraph_buf_release(&buf);

	polgraph_buf_reset(&buf); /* reset of an unused buffer is safe */
	CHECK(buf.data == NULL && buf.len == 0, "reset unused buffer");
}

int main(void)
{
	test_x_wrappers();
	test_xgrow();
	test_arena_alloc();
	test_arena_blocks();
	test_arena_strings();
	test_arena_grow();
	test_buf_append();
	test_buf_cap();
	test_buf_detach_reset();
	return check_done();
}
