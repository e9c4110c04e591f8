/*
 * cmd_extract.c - `polgraph extract`: articles in, one JSON line each out,
 * no database. A streaming filter: one article is held at a time, so
 * memory does not grow with the input (docs/scale.md).
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

int cmd_extract(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_INPUT_LONG_OPTIONS,
		{ "full", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct polgraph_reader_options input = { 0 };
	struct polgraph_reader *reader = NULL;
	struct polgraph_pipeline *pipeline = NULL;
	struct polgraph_result result = { 0 };
	struct polgraph_buf line = { 0 };
	struct polgraph_error err = { 0 };
	unsigned long printed = 0, rejected = 0;
	int option, exit_status = CLI_OK, handled;
	bool full = false;

	handled = cli_input_env("extract", &input);
	if (handled >= 0)
		return handled;
	while ((option = getopt_long(argc, argv, ":h" CLI_INPUT_OPTSTRING,
	                             options, NULL)) != -1) {
		if (option == 'h')
			return cli_help("extract");
		if (option == 'F') {
			full = true;
			continue;
		}
		handled = cli_input_option("extract", option, optarg, &input);
		if (handled == 0)
			return cli_bad_option("extract", option, argv);
		if (handled > 0)
			return handled;
	}

	pipeline = polgraph_pipeline_new(cli->data_dir, &err);
	if (!pipeline) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	reader = polgraph_reader_new(&input);
	if (optind >= argc)
		polgraph_reader_add(reader, "-");
	for (int i = optind; i < argc; i++)
		polgraph_reader_add(reader, argv[i]);

	cli_catch_interrupts();
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
			cli_error("%s", err.message);
			rejected++;
			continue;
		}
		status = polgraph_pipeline_run(pipeline, &article, &result,
		                               &err);
		if (status == POLGRAPH_OK) {
			polgraph_buf_reset(&line);
			status = full ? polgraph_json_write_full(&result, &line,
			                                         &err)
			              : polgraph_json_write_result(&result,
			                                           &line, &err);
		}
		if (status != POLGRAPH_OK) {
			cli_error("%s: %s", article.id, err.message);
			rejected++;
			continue;
		}
		if (!cli_print_line(&line)) {
			cli_error("cannot write output: %m");
			exit_status = CLI_FAIL;
			break;
		}
		printed++;
	}
	if (fflush(stdout) != 0 && exit_status == CLI_OK) {
		cli_error("cannot write output: %m");
		exit_status = CLI_FAIL;
	}
	if (!cli->quiet && (rejected || exit_status == CLI_INTERRUPTED))
		fprintf(stderr, "extracted %lu, rejected %lu%s\n", printed,
		        rejected,
		        exit_status == CLI_INTERRUPTED ? " (interrupted)" : "");
	if (exit_status == CLI_OK && rejected)
		exit_status = CLI_FAIL;
	polgraph_result_release(&result);
	polgraph_buf_release(&line);
	polgraph_reader_free(reader);
	polgraph_pipeline_free(pipeline);
	return exit_status;
}
