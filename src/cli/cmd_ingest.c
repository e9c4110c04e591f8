/*
 * cmd_ingest.c - `polgraph ingest`: articles in, stored with everything the
 * pipeline found, in batched transactions; duplicates skipped, bad input
 * named and counted. Extraction runs on --jobs worker threads with one
 * writer, or not at all with --extracted (the output of `extract --full`).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* Is the article stored already (same id or text fingerprint)? Counts a
 * duplicate. Returns false on a database failure, which ends the run. */
static bool already_stored(struct polgraph_store *store,
                           const struct polgraph_article *article,
                           const char *fingerprint, bool *exists,
                           struct counts *counts)
{
	struct polgraph_error err = { 0 };

	if (polgraph_store_has_article(store, article->id, fingerprint, exists,
	                               &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		return false;
	}
	if (*exists)
		counts->duplicates++;
	return true;
}

/* Stores what the pipeline made of an article that is not stored yet, or
 * reports why it failed (status, err). Returns false on a database
 * failure, which ends the run. */
static bool store_result(struct polgraph_store *store,
                         const struct polgraph_article *article,
                         enum polgraph_status status,
                         const struct polgraph_error *pipeline_err,
                         const struct polgraph_result *result,
                         const char *fingerprint, struct counts *counts)
{
	struct polgraph_error err = { 0 };

	if (status != POLGRAPH_OK) {
		cli_error("%s: %s", article->id, pipeline_err->message);
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

/* Stores one article unless already present, extracting on this thread.
 * Returns false on a database failure, which ends the run. */
static bool ingest_one(struct polgraph_store *store,
                       struct polgraph_pipeline *pipeline,
                       const struct polgraph_article *article,
                       struct polgraph_result *result, struct counts *counts)
{
	struct polgraph_error err = { 0 };
	enum polgraph_status status;
	char fingerprint[33];
	bool exists = false;

	polgraph_text_fingerprint(article->text, article->text_len,
	                          fingerprint);
	if (!already_stored(store, article, fingerprint, &exists, counts))
		return false;
	if (exists)
		return true;
	status = polgraph_pipeline_run(pipeline, article, result, &err);
	return store_result(store, article, status, &err, result, fingerprint,
	                    counts);
}

/* The same for an article a worker has extracted: what ingest_one does,
 * in the same order, so the database is the same as with one job. */
static bool store_item(struct polgraph_store *store,
                       const struct polgraph_parallel_item *item,
                       struct counts *counts)
{
	bool exists = false;

	if (!already_stored(store, item->article, item->fingerprint, &exists,
	                    counts))
		return false;
	if (exists)
		return true;
	return store_result(store, item->article, item->status, &item->error,
	                    item->result, item->fingerprint, counts);
}

/* One run of ingest: where articles go and what happened to them. */
struct ingest {
	struct polgraph_store *store;
	struct polgraph_reader *reader; /* NULL with --extracted */
	struct counts counts;
	struct progress progress;
	unsigned long batch_size, in_batch;
	double batch_started; /* when the open transaction began */
};

/* Counts an article handled and ends the batch when it is full. Returns
 * false (reported) on a database failure. */
static bool handled_one(struct ingest *ingest)
{
	struct polgraph_error err = { 0 };

	ingest->progress.articles++;
	if (ingest->reader)
		progress_update(&ingest->progress, ingest->reader);
	if (++ingest->in_batch < ingest->batch_size &&
	    now_seconds() - ingest->batch_started < BATCH_SECONDS)
		return true;
	ingest->in_batch = 0;
	if (polgraph_store_commit(ingest->store, &err) == POLGRAPH_OK) {
		ingest->counts.uncommitted = 0;
		ingest->batch_started = now_seconds();
		if (polgraph_store_begin(ingest->store, &err) == POLGRAPH_OK)
			return true;
	}
	progress_finish(&ingest->progress);
	cli_error("%s", err.message);
	return false;
}

/* A rejection from the reader, or from parsing --extracted input. */
static void rejected(struct ingest *ingest, const char *message)
{
	progress_finish(&ingest->progress);
	cli_error("%s", message);
	ingest->counts.rejected++;
}

/* --jobs 1: read, extract and store on this thread. Returns an exit
 * status; CLI_FAIL after a reported database failure. */
static int ingest_serial(struct cli *cli, struct ingest *ingest)
{
	struct polgraph_pipeline *pipeline = NULL;
	struct polgraph_result result = { 0 };
	struct polgraph_error err = { 0 };
	int exit_status = CLI_OK;

	pipeline = polgraph_pipeline_new(cli->data_dir, &err);
	if (!pipeline) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	for (;;) {
		struct polgraph_article article;
		enum polgraph_status status;

		if (cli_interrupted) {
			exit_status = CLI_INTERRUPTED;
			break;
		}
		status = polgraph_reader_next(ingest->reader, &article, &err);
		if (status == POLGRAPH_DONE)
			break;
		if (status != POLGRAPH_OK) {
			rejected(ingest, err.message);
			continue;
		}
		if (!ingest_one(ingest->store, pipeline, &article, &result,
		                &ingest->counts) ||
		    !handled_one(ingest)) {
			exit_status = CLI_FAIL;
			break;
		}
	}
	polgraph_result_release(&result);
	polgraph_pipeline_free(pipeline);
	return exit_status;
}

/*
 * --jobs N: this thread reads and stores, N workers extract. Input is
 * submitted while the queue has room, results are stored in input order,
 * so ids, duplicates and messages come out as with one job.
 */
static int ingest_parallel(struct cli *cli, struct ingest *ingest,
                           unsigned jobs)
{
	struct polgraph_parallel *parallel = NULL;
	struct polgraph_error err = { 0 };
	bool input_done = false;
	int exit_status = CLI_OK;

	parallel = polgraph_parallel_new(cli->data_dir, jobs, 0, &err);
	if (!parallel) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	for (;;) {
		const struct polgraph_parallel_item *item;
		struct polgraph_article article;
		enum polgraph_status status;

		if (cli_interrupted) {
			exit_status = CLI_INTERRUPTED;
			break;
		}
		if (!input_done && polgraph_parallel_has_room(parallel)) {
			status = polgraph_reader_next(ingest->reader, &article,
			                              &err);
			if (status == POLGRAPH_DONE)
				input_done = true;
			else if (status == POLGRAPH_OK)
				polgraph_parallel_submit(parallel, &article,
				                         NULL);
			else
				polgraph_parallel_submit(parallel, NULL, &err);
			continue;
		}
		if (polgraph_parallel_next(parallel, &item) == POLGRAPH_DONE)
			break;
		if (!item->article) {
			rejected(ingest, item->error.message);
			continue;
		}
		if (!store_item(ingest->store, item, &ingest->counts) ||
		    !handled_one(ingest)) {
			exit_status = CLI_FAIL;
			break;
		}
	}
	polgraph_parallel_free(parallel);
	return exit_status;
}

/* Longest line of --extracted input: an article and what was found in it. */
#define EXTRACTED_LINE_MAX (4 * (size_t)POLGRAPH_ARTICLE_MAX)

/* Stores the lines of one file of `extract --full` output. Returns an exit
 * status; CLI_FAIL after a reported database failure. */
static int ingest_extracted_file(struct ingest *ingest, const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *label = is_stdin ? "<stdin>" : path;
	FILE *file = is_stdin ? stdin : fopen(path, "r");
	struct polgraph_result result = { 0 };
	struct polgraph_error err = { 0 };
	int exit_status = CLI_OK;
	char *line = NULL, message[sizeof(err.message) + 64];
	size_t capacity = 0, line_number = 0;
	ssize_t len;

	if (!file) {
		snprintf(message, sizeof(message), "cannot open '%s': %s", path,
		         strerror(errno));
		rejected(ingest, message);
		return CLI_OK;
	}
	while ((len = getline(&line, &capacity, file)) != -1) {
		char fingerprint[33];
		bool exists = false;

		line_number++;
		if (cli_interrupted) {
			exit_status = CLI_INTERRUPTED;
			break;
		}
		if (strspn(line, " \t\r\n") == (size_t)len)
			continue;
		if ((size_t)len > EXTRACTED_LINE_MAX)
			polgraph_error_set(&err, POLGRAPH_TOOBIG,
			                   "line longer than %zu MiB",
			                   EXTRACTED_LINE_MAX >> 20);
		else if (polgraph_json_read_result(line, (size_t)len, &result,
		                                   &err) == POLGRAPH_OK)
			err.status = POLGRAPH_OK;
		if (err.status != POLGRAPH_OK) {
			snprintf(message, sizeof(message), "%s:%zu: %s", label,
			         line_number, err.message);
			rejected(ingest, message);
			continue;
		}
		polgraph_text_fingerprint(result.article.text,
		                          result.article.text_len, fingerprint);
		if (!already_stored(ingest->store, &result.article, fingerprint,
		                    &exists, &ingest->counts) ||
		    (!exists && !store_result(ingest->store, &result.article,
		                              POLGRAPH_OK, NULL, &result,
		                              fingerprint, &ingest->counts)) ||
		    !handled_one(ingest)) {
			exit_status = CLI_FAIL;
			break;
		}
	}
	if (exit_status == CLI_OK && ferror(file)) {
		snprintf(message, sizeof(message), "cannot read '%s': %s",
		         label, strerror(errno));
		rejected(ingest, message);
	}
	free(line);
	polgraph_result_release(&result);
	if (!is_stdin)
		fclose(file);
	return exit_status;
}

/* --extracted: every input is `extract --full` output; no pipeline. */
static int ingest_extracted(struct ingest *ingest, int count, char **paths)
{
	int exit_status = CLI_OK;

	if (count == 0)
		return ingest_extracted_file(ingest, "-");
	for (int i = 0; i < count && exit_status == CLI_OK; i++)
		exit_status = ingest_extracted_file(ingest, paths[i]);
	return exit_status;
}

/* --jobs default: the online cores, at least 1. */
static unsigned default_jobs(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	return cores < 1 ? 1 : cores > 256 ? 256 : (unsigned)cores;
}

int cmd_ingest(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_INPUT_LONG_OPTIONS,
		{ "batch", required_argument, NULL, 'b' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "extracted", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct polgraph_reader_options input = { 0 };
	struct polgraph_error err = { 0 };
	struct ingest ingest = { .batch_size = 1000 };
	unsigned long jobs = default_jobs();
	int option, exit_status = CLI_OK, handled;
	bool extracted = false;
	char *end;

	handled = cli_input_env("ingest", &input);
	if (handled >= 0)
		return handled;
	while ((option = getopt_long(argc, argv, ":hb:j:x" CLI_INPUT_OPTSTRING,
	                             options, NULL)) != -1) {
		switch (option) {
		case 'h':
			return cli_help("ingest");
		case 'b':
			ingest.batch_size = strtoul(optarg, &end, 10);
			if (*end || !ingest.batch_size ||
			    ingest.batch_size > 1000000)
				return cli_usage_error(
					"ingest", "invalid batch size '%s'",
					optarg);
			continue;
		case 'j':
			jobs = strtoul(optarg, &end, 10);
			if (*end || !jobs || jobs > 256 || *optarg == '-')
				return cli_usage_error(
					"ingest",
					"invalid number of jobs '%s' (1 to "
					"256)",
					optarg);
			continue;
		case 'x':
			extracted = true;
			continue;
		}
		handled = cli_input_option("ingest", option, optarg, &input);
		if (handled == 0)
			return cli_bad_option("ingest", option, argv);
		if (handled > 0)
			return handled;
	}

	if (polgraph_store_open(cli->db_path, 0, &ingest.store, &err) !=
	    POLGRAPH_OK) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	if (!extracted) {
		ingest.reader = polgraph_reader_new(&input);
		if (optind >= argc)
			polgraph_reader_add(ingest.reader, "-");
		for (int i = optind; i < argc; i++)
			polgraph_reader_add(ingest.reader, argv[i]);
	}

	cli_catch_interrupts();
	progress_init(&ingest.progress, !cli->quiet);
	if (polgraph_store_begin(ingest.store, &err) != POLGRAPH_OK) {
		progress_finish(&ingest.progress);
		cli_error("%s", err.message);
		exit_status = CLI_FAIL;
		goto summary;
	}
	ingest.batch_started = now_seconds();
	if (extracted)
		exit_status =
			ingest_extracted(&ingest, argc - optind, argv + optind);
	else if (jobs == 1)
		exit_status = ingest_serial(cli, &ingest);
	else
		exit_status = ingest_parallel(cli, &ingest, (unsigned)jobs);
	progress_finish(&ingest.progress);
	if (exit_status != CLI_FAIL &&
	    polgraph_store_commit(ingest.store, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		exit_status = CLI_FAIL;
	}
	if (exit_status == CLI_FAIL) {
		/* The summary counts what is stored: not the batch rolled
		   back. */
		polgraph_store_rollback(ingest.store);
		ingest.counts.ingested -= ingest.counts.uncommitted;
	}

summary:
	if (!cli->quiet)
		fprintf(stderr,
		        "ingested %lu, skipped %lu duplicates, rejected "
		        "%lu%s\n",
		        ingest.counts.ingested, ingest.counts.duplicates,
		        ingest.counts.rejected,
		        exit_status == CLI_INTERRUPTED ? " (interrupted)" : "");
	if (exit_status == CLI_OK && ingest.counts.rejected)
		exit_status = CLI_FAIL;
	polgraph_reader_free(ingest.reader);
	polgraph_store_close(ingest.store);
	return exit_status;
}
