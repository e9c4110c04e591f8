/*
 * fuzz.h - what the libFuzzer targets of tests/fuzz share: a private
 * scratch directory, removed at exit, for the loaders that read files.
 * Targets include public headers only (and this one).
 */
#ifndef POLGRAPH_FUZZ_H
#define POLGRAPH_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* assert() that NDEBUG does not remove: a failed check is a finding. */
#define FUZZ_CHECK(condition)                                                  \
	do {                                                                   \
		if (!(condition)) {                                            \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #condition);                         \
			abort();                                               \
		}                                                              \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A directory of our own under $TMPDIR, created on first use and removed
 * with everything in it at exit. */
const char *fuzz_scratch_dir(void);

/* Writes data to scratch/name (subdirectories created) and returns the
 * full path, valid until the next call. */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);

#endif
