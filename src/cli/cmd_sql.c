/*
 * cmd_sql.c - `polgraph sql "SELECT ..."`: one read-only SQL statement on
 * the store, with the convenience views of src/views.sql.
 *
 * Consumes SQL text (an argument, or stdin for '-'); produces the result
 * as an aligned text table, CSV or JSON. The store refuses anything but
 * reading (store.h, polgraph_store_sql).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The result, kept whole for the text table's column widths. */
struct result {
	enum cli_table_format format;
	struct polgraph_arena arena; /* every string below */
	size_t column_count;
	const char **names;
	struct value {
		const char *text; /* NULL for SQL NULL */
		enum polgraph_sql_type type;
	} * values; /* row-major, row_count * column_count */
	size_t row_count, capacity;
	struct polgraph_buf line; /* JSON output */
	bool failed_write;
};

/* Display width: UTF-8 code points. */
static size_t width_of(const char *s)
{
	size_t width = 0;

	for (; s && *s; s++)
		width += ((unsigned char)*s & 0xc0) != 0x80;
	return width;
}

static void write_json_value(struct polgraph_buf *out, const char *text,
                             enum polgraph_sql_type type)
{
	if (type == POLGRAPH_SQL_NULL)
		polgraph_buf_puts(out, "null");
	else if (type == POLGRAPH_SQL_INTEGER ||
	         (type == POLGRAPH_SQL_REAL && strpbrk(text, "0123456789") &&
	          !strpbrk(text, "IiNn")))
		polgraph_buf_puts(out, text);
	else
		polgraph_json_write_string(out, text);
}

/* CSV and JSON stream; the text table waits for every row. */
static enum polgraph_status on_row(const struct polgraph_sql_row *row,
                                   void *ctx)
{
	struct result *result = ctx;

	if (!row->values) {
		result->column_count = row->column_count;
		result->names = polgraph_arena_alloc(
			&result->arena,
			(row->column_count + 1) * sizeof(*result->names));
		for (size_t i = 0; i < row->column_count; i++)
			result->names[i] = polgraph_arena_strdup(&result->arena,
			                                         row->names[i]);
		if (result->format == CLI_TABLE_CSV) {
			for (size_t i = 0; i < row->column_count; i++) {
				if (i)
					putchar(',');
				cli_csv_field(row->names[i]);
			}
			putchar('\n');
		} else if (result->format == CLI_TABLE_JSON) {
			fputs("[", stdout);
		}
		return POLGRAPH_OK;
	}
	if (result->format == CLI_TABLE_CSV) {
		for (size_t i = 0; i < row->column_count; i++) {
			if (i)
				putchar(',');
			cli_csv_field(row->values[i] ? row->values[i] : "");
		}
		putchar('\n');
	} else if (result->format == CLI_TABLE_JSON) {
		polgraph_buf_reset(&result->line);
		polgraph_buf_puts(&result->line,
		                  result->row_count ? ",{" : "{");
		for (size_t i = 0; i < row->column_count; i++) {
			if (i)
				polgraph_buf_puts(&result->line, ",");
			polgraph_json_write_string(&result->line,
			                           row->names[i]);
			polgraph_buf_puts(&result->line, ":");
			write_json_value(&result->line, row->values[i],
			                 row->types[i]);
		}
		polgraph_buf_puts(&result->line, "}");
		fputs(result->line.data, stdout);
	} else {
		polgraph_xgrow((void **)&result->values, &result->capacity,
		               (result->row_count + 1) * row->column_count,
		               sizeof(*result->values));
		for (size_t i = 0; i < row->column_count; i++) {
			struct value *value =
				&result->values[result->row_count *
			                                row->column_count +
			                        i];

			value->type = row->types[i];
			value->text =
				row->values[i]
					? polgraph_arena_strdup(&result->arena,
			                                        row->values[i])
					: NULL;
		}
	}
	result->row_count++;
	return ferror(stdout) ? POLGRAPH_IO : POLGRAPH_OK;
}

/* Columns left-aligned, numeric ones right-aligned; NULL prints empty. */
static void print_text(const struct result *result)
{
	size_t columns = result->column_count;
	size_t *widths = polgraph_xcalloc(columns + 1, sizeof(*widths));
	bool *numeric = polgraph_xcalloc(columns + 1, sizeof(*numeric));

	for (size_t c = 0; c < columns; c++) {
		widths[c] = width_of(result->names[c]);
		numeric[c] = result->row_count > 0;
	}
	for (size_t r = 0; r < result->row_count; r++)
		for (size_t c = 0; c < columns; c++) {
			const struct value *value =
				&result->values[r * columns + c];
			size_t width = width_of(value->text);

			if (width > widths[c])
				widths[c] = width;
			if (value->type != POLGRAPH_SQL_INTEGER &&
			    value->type != POLGRAPH_SQL_REAL &&
			    value->type != POLGRAPH_SQL_NULL)
				numeric[c] = false;
		}
	for (size_t r = 0; r <= result->row_count; r++) {
		struct polgraph_buf line = { 0 };

		for (size_t c = 0; c < columns; c++) {
			const char *text =
				r ? result->values[(r - 1) * columns + c].text
				  : result->names[c];
			size_t pad = widths[c] - width_of(text);

			if (c)
				polgraph_buf_puts(&line, "  ");
			if (numeric[c])
				polgraph_buf_printf(&line, "%*s", (int)pad, "");
			polgraph_buf_puts(&line, text ? text : "");
			if (!numeric[c] && c + 1 < columns)
				polgraph_buf_printf(&line, "%*s", (int)pad, "");
		}
		while (line.len && line.data[line.len - 1] == ' ')
			line.data[--line.len] = '\0';
		cli_print_line(&line);
		polgraph_buf_release(&line);
	}
	free(numeric);
	free(widths);
}

/* Reads all of stdin into buf; false on a read error. */
static bool read_stdin(struct polgraph_buf *buf)
{
	char chunk[4096];
	size_t got;

	while ((got = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		polgraph_buf_append(buf, chunk, got);
	polgraph_buf_append(buf, "", 0);
	return !ferror(stdin);
}

int cmd_sql(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct result result = { .format = CLI_TABLE_TEXT };
	struct polgraph_store *store = NULL;
	struct polgraph_error err = { 0 };
	struct polgraph_buf input = { 0 };
	const char *sql;
	int option, status = CLI_FAIL;

	while ((option = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (option == 'h')
			return cli_help("sql");
		if (option != 'F')
			return cli_bad_option("sql", option, argv);
		if (strcmp(optarg, "text") == 0)
			result.format = CLI_TABLE_TEXT;
		else if (strcmp(optarg, "csv") == 0)
			result.format = CLI_TABLE_CSV;
		else if (strcmp(optarg, "json") == 0)
			result.format = CLI_TABLE_JSON;
		else
			return cli_usage_error(
				"sql",
				"unknown format '%s' (want text, "
				"csv or json)",
				optarg);
	}
	if (argc - optind != 1)
		return cli_usage_error("sql", argc - optind
		                                      ? "give one SQL statement"
		                                      : "no SQL given");
	sql = argv[optind];
	if (strcmp(sql, "-") == 0) {
		if (!read_stdin(&input)) {
			cli_error("cannot read SQL from stdin: %s",
			          strerror(errno));
			goto out;
		}
		sql = input.data;
	}
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	if (polgraph_store_sql(store, sql, on_row, &result, &err) !=
	    POLGRAPH_OK) {
		if (result.format == CLI_TABLE_JSON && result.names)
			puts("]");
		fflush(stdout);
		cli_error("%s", err.status == POLGRAPH_IO
		                        ? "cannot write the result"
		                        : err.message);
		goto out;
	}
	if (result.format == CLI_TABLE_JSON)
		puts("]");
	else if (result.format == CLI_TABLE_TEXT)
		print_text(&result);
	status = CLI_OK;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the result: %s", strerror(errno));
		status = CLI_FAIL;
	}
out:
	polgraph_store_close(store);
	polgraph_buf_release(&input);
	polgraph_buf_release(&result.line);
	free(result.values);
	polgraph_arena_release(&result.arena);
	return status;
}
