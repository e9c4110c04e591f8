/*
 * fuzz_cliargs.c - the query-argument parsers of the CLI (dates, windows,
 * type and language filters, actor names: src/cli/graphopt.c and
 * resolve.c) through the real entry point. The CLI is compiled into this
 * target with main renamed polgraph_cli_main (tests/fuzz/CMakeLists.txt),
 * so the harness needs no CLI header. The input is newline-separated
 * arguments; its first byte picks a command that reads the database and
 * writes only to stdout, on a small database and lexicon made at
 * start-up. Run with -close_fd_mask=3: the CLI prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int polgraph_cli_main(int argc, char **argv);

#define MAX_ARGS 16

static char db_option[4200], data_option[4200];

/* A lexicon of three: the built-in one takes seconds to load under the
 * fuzzer's instrumentation, and every name lookup loads it. */
static const char lexicon[] =
	"{\"key\":\"person:vladimir-putin\",\"type\":\"person\",\"name\":"
	"\"Vladimir Putin\",\"names\":{\"en\":[\"Vladimir Putin\",\"Putin\"],"
	"\"ru\":[\"Владимир Путин\",\"Путин\"]}}\n"
	"{\"key\":\"person:emmanuel-macron\",\"type\":\"person\",\"name\":"
	"\"Emmanuel Macron\",\"names\":{\"en\":[\"Emmanuel Macron\","
	"\"Macron\"],\"ru\":[\"Макрон\"]}}\n"
	"{\"key\":\"country:FRA\",\"type\":\"country\",\"name\":\"France\","
	"\"names\":{\"en\":[\"France\",\"Paris\"],\"ru\":[\"Париж\"]}}\n";

static void make_database(void)
{
	static const char articles[] =
		"{\"id\":\"a1\",\"date\":\"2025-10-01\",\"text\":\"Putin met "
		"Macron in Paris. Macron criticized Putin.\"}\n"
		"{\"id\":\"a2\",\"date\":\"2025-10-02\",\"text\":\"Путин "
		"встретился с Лукашенко в Минске.\"}\n";
	char *argv[] = { "polgraph", db_option, data_option, "-q",
		         "ingest",   NULL,      NULL };

	snprintf(db_option, sizeof(db_option), "--db=%s/fuzz.db",
	         fuzz_scratch_dir());
	snprintf(data_option, sizeof(data_option), "--data=%s/data",
	         fuzz_scratch_dir());
	fuzz_write("data/actors/fuzz.jsonl", (const uint8_t *)lexicon,
	           sizeof(lexicon) - 1);
	argv[5] = (char *)fuzz_write("in.jsonl", (const uint8_t *)articles,
	                             sizeof(articles) - 1);
	optind = 0;
	if (polgraph_cli_main(6, argv) != 0) {
		fprintf(stderr, "fuzz: cannot make the database\n");
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const commands[] = {
		"report", "neighbors", "path",  "articles",
		"show",   "evidence",  "stats", "lexicon",
	};
	char *argv[MAX_ARGS + 7], *copy, *arg;
	int argc = 0;

	if (!db_option[0])
		make_database();
	if (size == 0 || size > 4096)
		return 0;
	copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = "polgraph";
	argv[argc++] = db_option;
	argv[argc++] = data_option;
	argv[argc++] = "-q";
	argv[argc++] = (char *)commands[data[0] % 8];
	if (data[0] % 8 == 7)
		argv[argc++] = "show"; /* lexicon show NAME: name lookup */
	for (arg = copy + 1; arg <= copy + size && argc < MAX_ARGS + 6;) {
		char *newline = memchr(arg, '\n', (size_t)(copy + size - arg));

		if (newline)
			*newline = '\0';
		argv[argc++] = arg;
		if (!newline)
			break;
		arg = newline + 1;
	}
	argv[argc] = NULL;
	optind = 0;
	polgraph_cli_main(argc, argv);
	free(copy);
	return 0;
}
