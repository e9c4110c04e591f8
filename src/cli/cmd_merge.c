/*
 * cmd_merge.c - `polgraph merge`: shard stores in, one store out, actors
 * resolved by key and articles deduplicated (store.h,
 * polgraph_store_merge). The result is written beside the output under a
 * temporary name and renamed into place only when every source merged, so
 * a failure leaves no half-merged file at the output path.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Removes a database file with its WAL and shared-memory files. */
static void remove_database(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm",
		                                "-journal" };
	char name[4096];

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(name, sizeof(name), "%s%s", path, suffixes[i]);
		unlink(name);
	}
}

/* Does path name the same file as output (which exists)? */
static bool same_file(const char *path, const struct stat *output)
{
	struct stat st;

	return stat(path, &st) == 0 && st.st_dev == output->st_dev &&
	       st.st_ino == output->st_ino;
}

int cmd_merge(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct polgraph_store *store = NULL;
	struct polgraph_error err = { 0 };
	struct polgraph_merge_counts counts, total = { 0 };
	const char *output = NULL;
	char partial[4096];
	struct stat output_stat;
	bool force = false, output_exists;
	int option, exit_status = CLI_FAIL;

	while ((option = getopt_long(argc, argv, ":ho:f", options, NULL)) !=
	       -1) {
		switch (option) {
		case 'h':
			return cli_help("merge");
		case 'o':
			output = optarg;
			break;
		case 'f':
			force = true;
			break;
		default:
			return cli_bad_option("merge", option, argv);
		}
	}
	if (!output)
		return cli_usage_error("merge", "no output given (-o FILE)");
	if (optind >= argc)
		return cli_usage_error("merge", "no stores to merge");
	if ((size_t)snprintf(partial, sizeof(partial), "%s.partial-%ld", output,
	                     (long)getpid()) >= sizeof(partial))
		return cli_usage_error("merge", "output path too long");
	output_exists = stat(output, &output_stat) == 0;
	if (output_exists && !force) {
		cli_error("'%s' exists; use --force to replace it", output);
		return CLI_FAIL;
	}
	for (int i = optind; output_exists && i < argc; i++) {
		if (same_file(argv[i], &output_stat)) {
			cli_error("cannot write '%s': it is one of the stores "
			          "to merge",
			          output);
			return CLI_FAIL;
		}
	}

	remove_database(partial);
	if (polgraph_store_open(partial, 0, &store, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	for (int i = optind; i < argc; i++) {
		if (cli_interrupted) {
			exit_status = CLI_INTERRUPTED;
			goto out;
		}
		if (polgraph_store_merge(store, argv[i], &counts, &err) !=
		    POLGRAPH_OK) {
			cli_error("%s", err.message);
			goto out;
		}
		total.articles += counts.articles;
		total.duplicates += counts.duplicates;
		total.actors += counts.actors;
	}
	polgraph_store_close(store);
	store = NULL;
	/* A stale WAL beside the old output would be read as part of the
	   new file. */
	if (force) {
		char name[4096 + 8];

		snprintf(name, sizeof(name), "%s-wal", output);
		unlink(name);
		snprintf(name, sizeof(name), "%s-shm", output);
		unlink(name);
	}
	if (rename(partial, output) != 0) {
		cli_error("cannot write '%s': %s", output, strerror(errno));
		goto out;
	}
	exit_status = CLI_OK;
	if (!cli->quiet)
		fprintf(stderr,
		        "merged %d stores: %lld articles, skipped %lld "
		        "duplicates, %lld actors\n",
		        argc - optind, (long long)total.articles,
		        (long long)total.duplicates, (long long)total.actors);
out:
	polgraph_store_close(store);
	if (exit_status != CLI_OK)
		remove_database(partial);
	return exit_status;
}
