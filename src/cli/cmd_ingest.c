/*
 * cmd_ingest.c - `polgraph ingest`: articles in, stored with everything the
 * pipeline found, in batched transactions; duplicates skipped, bad input
 * named and counted.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"

/* A transaction ends after --batch articles or this long, whichever comes
 * first, so another writer waiting for the lock gets a turn in good time. */
#define BATCH_SECONDS 1.0

static double now_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

struct counts {
	unsigned long ingested, duplicates, rejected;
	unsigned long uncommitted; /* of ingested, in the open transaction */
};

/* Stores one article unless already present. Returns false on a database
 * failure, which ends the run. */
static bool ingest_one(struct polgraph_store *store,
                       struct polgraph_pipeline *pipeline,
                       const struct polgraph_article *article,
                       struct polgraph_result *result, struct counts *counts)
{
	struct polgraph_error err = { 0 };
	char fingerprint[33];
	bool exists = false;
	enum polgraph_status status;

	polgraph_text_fingerprint(article->text, article->text_len,
	                          fingerprint);
	status = polgraph_store_has_article(store, article->id, fingerprint,
	                                    &exists, &err);
	if (status != POLGRAPH_OK) {
		cli_error("%s", err.message);
		return false;
	}
	if (exists) {
		counts->duplicates++;
		return true;
	}
	status = polgraph_pipeline_run(pipeline, article, result, &err);
	if (status != POLGRAPH_OK) {
		cli_error("%s: %s", article->id, err.message);
		counts->rejected++;
		return true;
	}
	status = polgraph_store_put_article(store, result, fingerprint, NULL,
	                                    &err);
	switch (status) {
	case POLGRAPH_OK:
		counts->ingested++;
		counts->uncommitted++;
		return true;
	case POLGRAPH_DUPLICATE:
		counts->duplicates++;
		return true;
	case POLGRAPH_INVALID:
		cli_error("%s: %s", article->id, err.message);
		counts->rejected++;
		return true;
	default:
		cli_error("%s: %s", article->id, err.message);
		return false;
	}
}

int cmd_ingest(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_INPUT_LONG_OPTIONS,
		{ "batch", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct polgraph_reader_options input = { 0 };
	struct polgraph_reader *reader = NULL;
	struct polgraph_pipeline *pipeline = NULL;
	struct polgraph_store *store = NULL;
	struct polgraph_result result = { 0 };
	struct polgraph_error err = { 0 };
	struct counts counts = { 0 };
	struct progress progress;
	unsigned long batch_size = 100, in_batch = 0;
	double batch_started;
	int option, exit_status = CLI_OK, handled;
	char *end;

	handled = cli_input_env("ingest", &input);
	if (handled >= 0)
		return handled;
	while ((option = getopt_long(argc, argv, ":hb:" CLI_INPUT_OPTSTRING,
	                             options, NULL)) != -1) {
		switch (option) {
		case 'h':
			return cli_help("ingest");
		case 'b':
			batch_size = strtoul(optarg, &end, 10);
			if (*end || !batch_size || batch_size > 1000000)
				return cli_usage_error(
					"ingest", "invalid batch size '%s'",
					optarg);
			continue;
		}
		handled = cli_input_option("ingest", option, optarg, &input);
		if (handled == 0)
			return cli_bad_option("ingest", option, argv);
		if (handled > 0)
			return handled;
	}

	pipeline = polgraph_pipeline_new(cli->data_dir, &err);
	if (!pipeline) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	if (polgraph_store_open(cli->db_path, 0, &store, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		exit_status = CLI_FAIL;
		goto out;
	}
	reader = polgraph_reader_new(&input);
	if (optind >= argc)
		polgraph_reader_add(reader, "-");
	for (int i = optind; i < argc; i++)
		polgraph_reader_add(reader, argv[i]);

	cli_catch_interrupts();
	progress_init(&progress, !cli->quiet);
	if (polgraph_store_begin(store, &err) != POLGRAPH_OK)
		goto db_failure;
	batch_started = now_seconds();
	for (;;) {
		struct polgraph_article article;
		enum polgraph_status status;

		if (cli_interrupted) {
			exit_status = CLI_INTERRUPTED;
			break;
		}
		status = polgraph_reader_next(reader, &article, &err);
		if (status == POLGRAPH_DONE)
			break;
		if (status != POLGRAPH_OK) {
			progress_finish(&progress);
			cli_error("%s", err.message);
			counts.rejected++;
			continue;
		}
		if (!ingest_one(store, pipeline, &article, &result, &counts)) {
			exit_status = CLI_FAIL;
			break;
		}
		progress.articles++;
		progress_update(&progress, reader);
		if (++in_batch >= batch_size ||
		    now_seconds() - batch_started >= BATCH_SECONDS) {
			if (polgraph_store_commit(store, &err) != POLGRAPH_OK)
				goto db_failure;
			counts.uncommitted = 0;
			if (polgraph_store_begin(store, &err) != POLGRAPH_OK)
				goto db_failure;
			batch_started = now_seconds();
			in_batch = 0;
		}
	}
	if (exit_status == CLI_FAIL)
		goto rollback;
	if (polgraph_store_commit(store, &err) != POLGRAPH_OK)
		goto db_failure;
	counts.uncommitted = 0;
	progress_finish(&progress);
	goto summary;

db_failure:
	progress_finish(&progress);
	cli_error("%s", err.message);
	exit_status = CLI_FAIL;
rollback:
	/* The summary counts what is stored: not the batch rolled back. */
	polgraph_store_rollback(store);
	counts.ingested -= counts.uncommitted;
summary:
	if (!cli->quiet)
		fprintf(stderr,
		        "ingested %lu, skipped %lu duplicates, rejected "
		        "%lu%s\n",
		        counts.ingested, counts.duplicates, counts.rejected,
		        exit_status == CLI_INTERRUPTED ? " (interrupted)" : "");
	if (exit_status == CLI_OK && counts.rejected)
		exit_status = CLI_FAIL;
out:
	polgraph_result_release(&result);
	polgraph_reader_free(reader);
	polgraph_store_close(store);
	polgraph_pipeline_free(pipeline);
	return exit_status;
}
