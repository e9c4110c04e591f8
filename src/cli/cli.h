/*
 * cli.h - what the polgraph command's files share: the commands table
 * entry, global options, messages and progress. The CLI is a client of the
 * library and sees only include/polgraph/.
 */
#ifndef POLGRAPH_CLI_H
#define POLGRAPH_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "polgraph/polgraph.h"

/* Exit statuses. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2, CLI_INTERRUPTED = 130 };

/* Global options, parsed before the command name. */
struct cli {
	const char *db_path;  /* --db, $POLGRAPH_DB, or ./polgraph.db */
	const char *data_dir; /* --data, $POLGRAPH_DATA, or built-in */
	bool quiet;           /* --quiet: no progress, no summary */
};

#define CMD_NEEDS_DB 0x1u /* the command opens the database */

struct command {
	const char *name;
	int (*fn)(struct cli *cli, int argc, char **argv);
	unsigned flags;
	const char *summary; /* one line for `polgraph help` */
	const char *usage;   /* full help for `polgraph help NAME`, NAME -h */
};

int cmd_ingest(struct cli *cli, int argc, char **argv);
int cmd_extract(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_articles(struct cli *cli, int argc, char **argv);
int cmd_stats(struct cli *cli, int argc, char **argv);
int cmd_lexicon(struct cli *cli, int argc, char **argv);
int cmd_eval(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);

/* The table entry of a command, for usage messages. */
const struct command *cli_command(const char *name);

/* "polgraph: error: ..." on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "polgraph: warning: ..." on stderr. */
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "polgraph: error: ..." and the command's usage; returns CLI_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints the command's full help to stdout; returns CLI_OK. */
int cli_help(const char *command);

/*
 * For getopt_long's '?' and ':' (optstring starting with ':'): reports the
 * unknown option or missing value; returns CLI_USAGE.
 */
int cli_bad_option(const char *command, int option, char **argv);

/*
 * Input options shared by ingest and extract: -f/--format, -l/--lang,
 * -s/--source ("f:l:s:"). Returns -1 when handled, 0 when option is not
 * one of them, or an exit status.
 */
int cli_input_option(const char *command, int option, const char *value,
                     struct polgraph_reader_options *opts);
#define CLI_INPUT_OPTSTRING "f:l:s:"
#define CLI_INPUT_LONG_OPTIONS                                                 \
	{ "format", required_argument, NULL, 'f' },                            \
		{ "lang", required_argument, NULL, 'l' },                      \
	{                                                                      \
		"source", required_argument, NULL, 's'                         \
	}

/* Parses --format for inputs. Returns -1 when valid, else CLI_USAGE. */
int cli_parse_format(const char *command, const char *value,
                     enum polgraph_input_format *format);

/* Progress line on stderr, drawn only when stderr is a terminal. */
struct progress {
	bool enabled;
	double started; /* seconds, monotonic */
	double last_drawn;
	uint64_t articles;
};

void progress_init(struct progress *progress, bool enabled);
/* Redraws at most ten times a second. */
void progress_update(struct progress *progress,
                     const struct polgraph_reader *reader);
/* Erases the line. */
void progress_finish(struct progress *progress);

/* Set by SIGINT/SIGTERM; long loops check it and stop cleanly. */
extern volatile int cli_interrupted;
void cli_catch_interrupts(void);

/* Writes buf plus a newline to stdout; false on a write error. */
bool cli_print_line(const struct polgraph_buf *buf);

#endif
