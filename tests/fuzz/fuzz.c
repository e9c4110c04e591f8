/*
 * fuzz.c - the scratch directory of fuzz.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static char scratch[4096];

static void remove_scratch(void)
{
	char command[4200];

	if (!scratch[0])
		return;
	snprintf(command, sizeof(command), "rm -rf '%s'", scratch);
	if (system(command) != 0)
		fprintf(stderr, "fuzz: cannot remove %s\n", scratch);
}

const char *fuzz_scratch_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	if (scratch[0])
		return scratch;
	snprintf(scratch, sizeof(scratch), "%s/polgraph-fuzz.XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(scratch)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(remove_scratch);
	return scratch;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	static char path[4400];
	const char *slash;
	FILE *file;

	snprintf(path, sizeof(path), "%s/%s", fuzz_scratch_dir(), name);
	for (slash = strchr(path + strlen(scratch) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		char dir[4400];

		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
		mkdir(dir, 0700);
	}
	file = fopen(path, "wb");
	if (!file || (size && fwrite(data, 1, size, file) != size) ||
	    fclose(file) != 0) {
		perror("fuzz: write");
		abort();
	}
	return path;
}
