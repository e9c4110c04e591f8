/*
 * cmd_show.c - `polgraph show ID...`: stored articles in the extract format,
 * or their sentences as text.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static void print_sentences(const struct polgraph_result *result)
{
	const struct polgraph_article *article = &result->article;

	printf("# %s  %s  %s\n", article->id,
	       article->date ? article->date : "-", article->lang);
	if (article->title)
		printf("# %s\n", article->title);
	for (size_t i = 0; i < result->sentence_count; i++) {
		const struct polgraph_sentence *sentence =
			&result->sentences[i];

		if (i > 0 &&
		    sentence->paragraph != result->sentences[i - 1].paragraph)
			putchar('\n');
		printf("%zu\t", i);
		/* One sentence per line: line breaks inside become spaces. */
		for (size_t at = sentence->start; at < sentence->end; at++) {
			char c = article->text[at];

			putchar(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
		}
		putchar('\n');
	}
}

int cmd_show(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "text", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct polgraph_store *store = NULL;
	struct polgraph_result result = { 0 };
	struct polgraph_buf line = { 0 };
	struct polgraph_error err = { 0 };
	bool as_text = false;
	int option, exit_status = CLI_OK;

	while ((option = getopt_long(argc, argv, ":ht", options, NULL)) != -1) {
		switch (option) {
		case 'h':
			return cli_help("show");
		case 't':
			as_text = true;
			break;
		default:
			return cli_bad_option("show", option, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error("show", "no article id given");
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	for (int i = optind; i < argc; i++) {
		enum polgraph_status status;

		polgraph_result_release(&result);
		status = polgraph_store_load_article(store, argv[i], &result,
		                                     &err);

		if (status != POLGRAPH_OK) {
			cli_error("%s", err.message);
			exit_status = CLI_FAIL;
			continue;
		}
		if (as_text) {
			print_sentences(&result);
			continue;
		}
		polgraph_buf_reset(&line);
		if (polgraph_json_write_result(&result, &line, &err) !=
		    POLGRAPH_OK) {
			cli_error("%s", err.message);
			exit_status = CLI_FAIL;
			continue;
		}
		if (!cli_print_line(&line)) {
			cli_error("cannot write output: %m");
			exit_status = CLI_FAIL;
			break;
		}
	}
	polgraph_result_release(&result);
	polgraph_buf_release(&line);
	polgraph_store_close(store);
	return exit_status;
}
