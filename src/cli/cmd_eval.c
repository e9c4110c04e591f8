/*
 * cmd_eval.c - `polgraph eval`: gold-annotated JSON Lines in, scores of
 * actor recognition and of relations (against Occupation and Meeting
 * facts) out (a table, or one JSON object), no database.
 *
 * Each line is read as an article, run through the pipeline and handed
 * with the line to polgraph_eval_add (eval.h), which does the scoring.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct eval_options {
	bool json;         /* --format json */
	bool types;        /* --types: the type confusion table too */
	size_t max_misses; /* --errors N */
};

/* ---- scoring ---- */

/* Runs one gold line through the pipeline and the evaluation. err gets the
 * reason for a rejection, without the FILE:LINE prefix. */
static enum polgraph_status
score_line(struct polgraph_pipeline *pipeline, struct polgraph_eval *eval,
           const char *path, size_t line_number, const char *line, size_t len,
           struct polgraph_result *result, struct polgraph_error *err)
{
	struct polgraph_arena arena = { 0 };
	struct polgraph_article article;
	enum polgraph_status status;
	size_t bad_offset = 0;

	status = polgraph_json_parse_article(line, len, &arena, &article, err);
	if (status != POLGRAPH_OK)
		goto out;
	if (!polgraph_text_utf8_valid(article.text, article.text_len,
	                              &bad_offset)) {
		status = polgraph_error_set(
			err, POLGRAPH_UTF8,
			"invalid UTF-8 in 'text' at byte %zu", bad_offset);
		goto out;
	}
	if (!article.id)
		article.id = polgraph_arena_printf(&arena, "%s:%zu", path,
		                                   line_number);
	if (!article.lang || !*article.lang)
		article.lang = "ru";
	article.origin = path;
	article.line = line_number;
	status = polgraph_pipeline_run(pipeline, &article, result, err);
	if (status != POLGRAPH_OK)
		goto out;
	status = polgraph_eval_add(eval, result, line, len, err);
out:
	polgraph_arena_release(&arena);
	return status;
}

static bool blank(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
		    line[i] != '\n')
			return false;
	return true;
}

/* Scores every line of path ('-' is stdin). Returns CLI_OK, CLI_FAIL when
 * the file cannot be read, or CLI_INTERRUPTED; *rejected counts bad lines.
 */
static int score_file(struct polgraph_pipeline *pipeline,
                      struct polgraph_eval *eval, const char *path,
                      unsigned long *rejected)
{
	struct polgraph_result result = { 0 };
	struct polgraph_error err = { 0 };
	FILE *in = NULL;
	char *line = NULL;
	size_t capacity = 0, line_number = 0;
	ssize_t got;
	int exit_status = CLI_OK;

	if (strcmp(path, "-") == 0) {
		in = stdin;
		path = "<stdin>"; /* in messages and default ids, as ingest */
	} else {
		in = fopen(path, "r");
	}
	if (!in) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return CLI_FAIL;
	}
	cli_catch_interrupts();
	while ((got = getline(&line, &capacity, in)) != -1) {
		size_t len = (size_t)got;

		line_number++;
		if (cli_interrupted) {
			exit_status = CLI_INTERRUPTED;
			break;
		}
		if (blank(line, len))
			continue;
		if (len > POLGRAPH_ARTICLE_MAX) {
			cli_error("%s:%zu: line longer than %u bytes", path,
			          line_number, POLGRAPH_ARTICLE_MAX);
			(*rejected)++;
			continue;
		}
		if (score_line(pipeline, eval, path, line_number, line, len,
		               &result, &err) != POLGRAPH_OK) {
			cli_error("%s:%zu: %s", path, line_number, err.message);
			(*rejected)++;
		}
	}
	if (ferror(in)) {
		cli_error("cannot read '%s': %s", path, strerror(errno));
		exit_status = CLI_FAIL;
	}
	free(line);
	polgraph_result_release(&result);
	if (in != stdin)
		fclose(in);
	return exit_status;
}

/* ---- text output ---- */

#define TABLE_ROWS 12
#define TABLE_COLS 8

/* Cells printed left-aligned in columns two spaces apart. */
struct table {
	size_t rows, cols;
	char cell[TABLE_ROWS][TABLE_COLS][32];
};

static void table_print(const struct table *table)
{
	size_t width[TABLE_COLS] = { 0 };

	for (size_t row = 0; row < table->rows; row++)
		for (size_t col = 0; col < table->cols; col++)
			if (strlen(table->cell[row][col]) > width[col])
				width[col] = strlen(table->cell[row][col]);
	for (size_t row = 0; row < table->rows; row++)
		for (size_t col = 0; col < table->cols; col++)
			if (col + 1 < table->cols)
				printf("%-*s  ", (int)width[col],
				       table->cell[row][col]);
			else
				printf("%s\n", table->cell[row][col]);
}

static void score_row(struct table *table, const char *metric, const char *type,
                      const struct polgraph_eval_counts *counts)
{
	char(*cell)[32] = table->cell[table->rows++];

	snprintf(cell[0], sizeof(cell[0]), "%s", metric);
	snprintf(cell[1], sizeof(cell[1]), "%s", type);
	snprintf(cell[2], sizeof(cell[2]), "%.3f",
	         polgraph_eval_precision(counts));
	snprintf(cell[3], sizeof(cell[3]), "%.3f",
	         polgraph_eval_recall(counts));
	snprintf(cell[4], sizeof(cell[4]), "%.3f", polgraph_eval_f1(counts));
	snprintf(cell[5], sizeof(cell[5]), "%zu", counts->tp);
	snprintf(cell[6], sizeof(cell[6]), "%zu", counts->fp);
	snprintf(cell[7], sizeof(cell[7]), "%zu", counts->fn);
}

/* The name of confusion row g and column a; "none" past the types. */
static const char *gold_row_name(size_t g)
{
	return g < POLGRAPH_EVAL_GOLD_TYPE_COUNT
	               ? polgraph_eval_gold_type_name(
				 (enum polgraph_eval_gold_type)g)
	               : "none";
}

static const char *actor_column_name(size_t a)
{
	return a < POLGRAPH_ACTOR_TYPE_COUNT
	               ? polgraph_actor_type_name((enum polgraph_actor_type)a)
	               : "none";
}

static void print_confusion(const struct polgraph_eval_report *report)
{
	struct table table = { .rows = POLGRAPH_EVAL_GOLD_TYPE_COUNT + 2,
		               .cols = POLGRAPH_ACTOR_TYPE_COUNT + 2 };

	snprintf(table.cell[0][0], sizeof(table.cell[0][0]),
	         "gold \\ predicted");
	for (size_t a = 0; a <= POLGRAPH_ACTOR_TYPE_COUNT; a++)
		snprintf(table.cell[0][a + 1], sizeof(table.cell[0][a + 1]),
		         "%s", actor_column_name(a));
	for (size_t g = 0; g <= POLGRAPH_EVAL_GOLD_TYPE_COUNT; g++) {
		snprintf(table.cell[g + 1][0], sizeof(table.cell[g + 1][0]),
		         "%s", gold_row_name(g));
		for (size_t a = 0; a <= POLGRAPH_ACTOR_TYPE_COUNT; a++)
			snprintf(table.cell[g + 1][a + 1],
			         sizeof(table.cell[g + 1][a + 1]), "%zu",
			         report->confusion[g][a]);
	}
	snprintf(table.cell[POLGRAPH_EVAL_GOLD_TYPE_COUNT + 1]
	                   [POLGRAPH_ACTOR_TYPE_COUNT + 1],
	         sizeof(table.cell[0][0]), "-");
	putchar('\n');
	table_print(&table);
}

static void print_text(const struct polgraph_eval_report *report,
                       unsigned long rejected, bool types)
{
	static const char *const header[TABLE_COLS] = {
		"metric", "type", "precision", "recall", "f1", "tp", "fp", "fn",
	};
	struct table table = { .rows = 1, .cols = TABLE_COLS };

	for (size_t col = 0; col < TABLE_COLS; col++)
		snprintf(table.cell[0][col], sizeof(table.cell[0][col]), "%s",
		         header[col]);
	for (size_t metric = 0; metric < POLGRAPH_EVAL_METRIC_COUNT; metric++) {
		const char *name = polgraph_eval_metric_name(
			(enum polgraph_eval_metric)metric);

		for (size_t type = 0; type < POLGRAPH_EVAL_TYPE_COUNT; type++)
			score_row(&table, name,
			          polgraph_eval_type_name(
					  (enum polgraph_eval_type)type),
			          &report->entities[metric][type]);
		score_row(&table, name, "micro", &report->micro[metric]);
	}
	/* Only when the file annotates facts: no rows of zeros otherwise. */
	for (size_t fact = 0;
	     report->fact_documents && fact < POLGRAPH_EVAL_FACT_COUNT; fact++)
		score_row(
			&table, "fact",
			polgraph_eval_fact_name((enum polgraph_eval_fact)fact),
			&report->facts[fact]);
	table_print(&table);
	printf("documents %zu, gold entities %zu, predicted mentions %zu",
	       report->documents, report->gold_entities,
	       report->predicted_mentions);
	if (report->fact_documents)
		printf(", documents with facts %zu", report->fact_documents);
	if (rejected)
		printf(", rejected %lu", rejected);
	putchar('\n');
	if (types)
		print_confusion(report);
}

/* ---- JSON output ---- */

/* The buffers here have no size cap, so appends cannot fail. */

static void json_scores(struct polgraph_buf *out, const char *key,
                        const struct polgraph_eval_counts *counts)
{
	polgraph_json_write_string(out, key);
	polgraph_buf_printf(
		out,
		":{\"precision\":%.4f,\"recall\":%.4f,"
		"\"f1\":%.4f,\"tp\":%zu,\"fp\":%zu,\"fn\":%zu}",
		polgraph_eval_precision(counts), polgraph_eval_recall(counts),
		polgraph_eval_f1(counts), counts->tp, counts->fp, counts->fn);
}

static void json_confusion(struct polgraph_buf *out,
                           const struct polgraph_eval_report *report)
{
	polgraph_buf_puts(out, ",\"types\":{");
	for (size_t g = 0; g <= POLGRAPH_EVAL_GOLD_TYPE_COUNT; g++) {
		if (g)
			polgraph_buf_puts(out, ",");
		polgraph_json_write_string(out, gold_row_name(g));
		polgraph_buf_puts(out, ":{");
		for (size_t a = 0; a <= POLGRAPH_ACTOR_TYPE_COUNT; a++) {
			if (g == POLGRAPH_EVAL_GOLD_TYPE_COUNT &&
			    a == POLGRAPH_ACTOR_TYPE_COUNT)
				break; /* none against none */
			if (a)
				polgraph_buf_puts(out, ",");
			polgraph_json_write_string(out, actor_column_name(a));
			polgraph_buf_printf(out, ":%zu",
			                    report->confusion[g][a]);
		}
		polgraph_buf_puts(out, "}");
	}
	polgraph_buf_puts(out, "}");
}

static void json_report(struct polgraph_buf *out,
                        const struct polgraph_eval_report *report,
                        unsigned long rejected, bool types)
{
	polgraph_buf_printf(out,
	                    "{\"documents\":%zu,\"rejected\":%lu,"
	                    "\"gold_entities\":%zu,\"predicted_mentions\":%zu,"
	                    "\"tokens\":%zu,\"fact_documents\":%zu",
	                    report->documents, rejected, report->gold_entities,
	                    report->predicted_mentions, report->tokens,
	                    report->fact_documents);
	for (size_t metric = 0; metric < POLGRAPH_EVAL_METRIC_COUNT; metric++) {
		polgraph_buf_puts(out, ",");
		polgraph_json_write_string(
			out, polgraph_eval_metric_name(
				     (enum polgraph_eval_metric)metric));
		polgraph_buf_puts(out, ":{");
		for (size_t type = 0; type < POLGRAPH_EVAL_TYPE_COUNT; type++) {
			json_scores(out,
			            polgraph_eval_type_name(
					    (enum polgraph_eval_type)type),
			            &report->entities[metric][type]);
			polgraph_buf_puts(out, ",");
		}
		json_scores(out, "micro", &report->micro[metric]);
		polgraph_buf_puts(out, "}");
	}
	polgraph_buf_puts(out, ",\"facts\":{");
	for (size_t fact = 0; fact < POLGRAPH_EVAL_FACT_COUNT; fact++) {
		if (fact)
			polgraph_buf_puts(out, ",");
		json_scores(
			out,
			polgraph_eval_fact_name((enum polgraph_eval_fact)fact),
			&report->facts[fact]);
	}
	polgraph_buf_puts(out, "}");
	if (types)
		json_confusion(out, report);
	polgraph_buf_puts(out, "}");
}

/* ---- misses ---- */

/* Text as one field: tabs and newlines made spaces. */
static void print_field(const char *text)
{
	for (const char *p = text; *p; p++)
		fputc(*p == '\t' || *p == '\r' || *p == '\n' ? ' ' : *p,
		      stderr);
}

/* One tab-separated line per miss: fp|fn, type, article id, byte start,
 * byte end, the span's text; then per fact miss: fp|fn, occupation or
 * meeting, article id, the text of either side. */
static void print_misses(const struct polgraph_eval *eval)
{
	for (size_t i = 0; i < polgraph_eval_miss_count(eval); i++) {
		const struct polgraph_eval_miss *miss =
			polgraph_eval_miss(eval, i);

		fprintf(stderr, "%s\t%s\t%s\t%zu\t%zu\t",
		        miss->false_positive ? "fp" : "fn",
		        polgraph_eval_type_name(miss->type),
		        miss->article_id ? miss->article_id : "", miss->start,
		        miss->end);
		print_field(miss->text);
		fputc('\n', stderr);
	}
	for (size_t i = 0; i < polgraph_eval_fact_miss_count(eval); i++) {
		const struct polgraph_eval_fact_miss *miss =
			polgraph_eval_fact_miss(eval, i);

		fprintf(stderr, "%s\t%s\t%s\t",
		        miss->false_positive ? "fp" : "fn",
		        polgraph_eval_fact_name(miss->fact),
		        miss->article_id ? miss->article_id : "");
		print_field(miss->first);
		fputc('\t', stderr);
		print_field(miss->second);
		fputc('\n', stderr);
	}
}

/* ---- the command ---- */

static int parse_options(int argc, char **argv, struct eval_options *opts)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "types", no_argument, NULL, 'T' },
		{ "errors", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int option;

	while ((option = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		char *end = NULL;

		switch (option) {
		case 'h':
			return cli_help("eval");
		case 'F':
			if (strcmp(optarg, "json") == 0)
				opts->json = true;
			else if (strcmp(optarg, "text") == 0)
				opts->json = false;
			else
				return cli_usage_error("eval",
				                       "unknown format '%s' "
				                       "(want text or json)",
				                       optarg);
			break;
		case 'T':
			opts->types = true;
			break;
		case 'E':
			errno = 0;
			opts->max_misses = strtoul(optarg, &end, 10);
			if (optarg[0] < '0' || optarg[0] > '9' || *end || errno)
				return cli_usage_error("eval",
				                       "--errors wants a "
				                       "number, not '%s'",
				                       optarg);
			break;
		default:
			return cli_bad_option("eval", option, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error("eval", "no gold file given");
	if (optind + 1 < argc)
		return cli_usage_error("eval", "unexpected argument '%s'",
		                       argv[optind + 1]);
	return -1;
}

int cmd_eval(struct cli *cli, int argc, char **argv)
{
	struct eval_options opts = { 0 };
	struct polgraph_pipeline *pipeline = NULL;
	struct polgraph_eval *eval = NULL;
	struct polgraph_eval_report report;
	struct polgraph_buf json = { 0 };
	struct polgraph_error err = { 0 };
	unsigned long rejected = 0;
	int exit_status;

	exit_status = parse_options(argc, argv, &opts);
	if (exit_status >= 0)
		return exit_status;
	pipeline = polgraph_pipeline_new(cli->data_dir, &err);
	if (!pipeline) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	eval = polgraph_eval_new();
	polgraph_eval_keep_misses(eval, opts.max_misses);
	exit_status = score_file(pipeline, eval, argv[optind], &rejected);
	if (exit_status == CLI_FAIL)
		goto out;

	polgraph_eval_report(eval, &report);
	if (opts.json) {
		json_report(&json, &report, rejected, opts.types);
		if (!cli_print_line(&json))
			exit_status = CLI_FAIL;
	} else {
		print_text(&report, rejected, opts.types);
	}
	if (fflush(stdout) != 0)
		exit_status = CLI_FAIL;
	if (exit_status == CLI_FAIL)
		cli_error("cannot write output: %s", strerror(errno));
	print_misses(eval);
	if (exit_status == CLI_INTERRUPTED && !cli->quiet)
		fprintf(stderr, "scored %zu documents (interrupted)\n",
		        report.documents);
	if (exit_status == CLI_OK && rejected)
		exit_status = CLI_FAIL;
out:
	polgraph_buf_release(&json);
	polgraph_eval_free(eval);
	polgraph_pipeline_free(pipeline);
	return exit_status;
}
