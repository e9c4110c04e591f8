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
int cmd_neighbors(struct cli *cli, int argc, char **argv);
int cmd_path(struct cli *cli, int argc, char **argv);
int cmd_evidence(struct cli *cli, int argc, char **argv);
int cmd_sql(struct cli *cli, int argc, char **argv);
int cmd_query(struct cli *cli, int argc, char **argv);
int cmd_render(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_merge(struct cli *cli, int argc, char **argv);

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
enum {
	CLI_OPT_MAX_ARTICLE = 0x100, /* long-only input limits */
	CLI_OPT_MAX_LINE,
	CLI_OPT_MAX_JSON_DEPTH,
};
#define CLI_INPUT_LONG_OPTIONS                                                 \
	{ "format", required_argument, NULL, 'f' },                            \
		{ "lang", required_argument, NULL, 'l' },                      \
		{ "source", required_argument, NULL, 's' },                    \
		{ "max-article-size", required_argument, NULL,                 \
		  CLI_OPT_MAX_ARTICLE },                                       \
		{ "max-line", required_argument, NULL, CLI_OPT_MAX_LINE },     \
	{                                                                      \
		"max-json-depth", required_argument, NULL,                     \
			CLI_OPT_MAX_JSON_DEPTH                                 \
	}

/*
 * Input limits from the environment (POLGRAPH_MAX_ARTICLE_SIZE,
 * POLGRAPH_MAX_LINE, POLGRAPH_MAX_JSON_DEPTH), before options override
 * them. Returns -1 when valid, else CLI_USAGE after a message.
 */
int cli_input_env(const char *command, struct polgraph_reader_options *opts);

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

/*
 * Actor names on the command line (resolve.c), through the library's
 * resolver (resolve.h): an exact key in the store, else the lexicon (any
 * alias, case or inflection, loaded on first use), else the store's
 * aliases and names. Zero-initialise, set cli and store; release when
 * done.
 */
struct cli_resolver {
	struct cli *cli;
	struct polgraph_store *store;       /* borrowed */
	struct polgraph_resolver *resolver; /* made on first use */
};

/*
 * Resolves name to an actor key (owned by the resolver) in *key. On
 * failure prints "polgraph: error: no actor matches 'X'" or "'X' is
 * ambiguous: KEY (Name), ..." and returns CLI_FAIL; else CLI_OK.
 */
int cli_resolve_actor(struct cli_resolver *resolver, const char *name,
                      const char **key);
void cli_resolver_release(struct cli_resolver *resolver);

/*
 * Graph filter options shared by every graph-reading command
 * (graphopt.c): --since --until -t/--type --actor-type -l/--lang
 * -s/--source -w/--window --min-weight --ego --depth. Zero-initialise
 * with cli_graph_options_init, pass each getopt option to
 * cli_graph_option, build with cli_graph_build, then release.
 */
struct cli_graph_options {
	struct polgraph_graph_filter filter;
	const char *ego; /* --ego ACTOR, or NULL */
	long depth;      /* --depth, default 1 */
	char *lists[2];  /* copies split into types, actor_types */
	const char **types, **actor_types;
	bool has_types; /* --type was given */
};

#define CLI_GRAPH_OPTSTRING "t:l:s:w:"
/* Long option values; commands use other letters for their own. */
enum {
	CLI_OPT_SINCE = 0x100,
	CLI_OPT_UNTIL,
	CLI_OPT_ACTOR_TYPE,
	CLI_OPT_MIN_WEIGHT,
	CLI_OPT_EGO,
	CLI_OPT_DEPTH,
};
/* clang-format off */
#define CLI_GRAPH_LONG_OPTIONS \
	{ "since", required_argument, NULL, CLI_OPT_SINCE }, \
	{ "until", required_argument, NULL, CLI_OPT_UNTIL }, \
	{ "type", required_argument, NULL, 't' }, \
	{ "actor-type", required_argument, NULL, CLI_OPT_ACTOR_TYPE }, \
	{ "lang", required_argument, NULL, 'l' }, \
	{ "source", required_argument, NULL, 's' }, \
	{ "window", required_argument, NULL, 'w' }, \
	{ "min-weight", required_argument, NULL, CLI_OPT_MIN_WEIGHT }, \
	{ "ego", required_argument, NULL, CLI_OPT_EGO }, \
	{ "depth", required_argument, NULL, CLI_OPT_DEPTH }
/* clang-format on */

/* The help lines of those options, for the commands' usage text. */
#define CLI_GRAPH_HELP                                                         \
	"graph filters:\n"                                                     \
	"  --since DATE       only articles dated DATE (YYYY-MM-DD) or "       \
	"later\n"                                                              \
	"  --until DATE       only articles dated DATE or earlier\n"           \
	"  -t, --type T,...   relation types and/or comention (default all)\n" \
	"  --actor-type T,... only actors of these types\n"                    \
	"  -l, --lang LANG    only articles in LANG\n"                         \
	"  -s, --source NAME  only articles from NAME\n"                       \
	"  -w, --window W     co-mention window: sentence (default), N\n"      \
	"                     sentences, paragraph or document\n"              \
	"  --min-weight N     drop edges supported by fewer than N articles\n" \
	"  --ego ACTOR        only actors within --depth hops of ACTOR\n"      \
	"                     (edges followed either way)\n"                   \
	"  --depth K          hops for --ego (default 1)\n"

void cli_graph_options_init(struct cli_graph_options *options);
/* Returns -1 when handled, 0 when not a graph option, else an exit status. */
int cli_graph_option(const char *command, struct cli_graph_options *options,
                     int option, const char *value);
/*
 * Opens nothing: builds the filtered graph of store and, with --ego, cuts
 * it to the ego graph (the name resolved with resolver). CLI_OK with
 * *graph set, else prints the error and returns CLI_FAIL.
 */
int cli_graph_build(struct cli_graph_options *options,
                    struct cli_resolver *resolver, struct polgraph_store *store,
                    struct polgraph_graph **graph);

/* Output formats of the graph commands. */
enum cli_table_format { CLI_TABLE_TEXT, CLI_TABLE_JSON, CLI_TABLE_CSV };

/*
 * The argument loop of neighbors, path and evidence: --format
 * text|json|csv (into *format), the graph options and -h. Returns -1 when
 * parsed, else an exit status.
 */
int cli_graph_query_args(const char *command, int argc, char **argv,
                         struct cli_graph_options *graph_options,
                         enum cli_table_format *format);

void cli_graph_options_release(struct cli_graph_options *options);

/* Parses a long integer >= min; false if malformed. */
bool cli_parse_long(const char *value, long min, long *out);

/* Writes buf plus a newline to stdout; false on a write error. */
bool cli_print_line(const struct polgraph_buf *buf);

/* A CSV field on stdout, quoted when it holds , " CR or LF (RFC 4180). */
void cli_csv_field(const char *s);
/* Is value a date shaped YYYY-MM-DD? */
bool cli_parse_date(const char *value);
/* Splits "YYYY-MM-DD..YYYY-MM-DD" (first <= second); false if malformed. */
bool cli_parse_period(const char *value, char since[11], char until[11]);

/*
 * report --compare (report_compare.c): builds and analyses the graph of
 * options for each of the two periods ranges[0], ranges[1] (they replace
 * --since/--until; options->filter is changed) and prints the actors and
 * edges that appeared or vanished and the top PageRank rank changes.
 * Returns the exit status.
 */
int cli_report_compare(struct cli_graph_options *options,
                       struct cli_resolver *resolver,
                       struct polgraph_store *store,
                       const struct polgraph_analyze_options *analyze,
                       const char *const ranges[2],
                       enum cli_table_format format);

/* Parses --labels en|ru|orig; -1 when valid, else CLI_USAGE. */
int cli_parse_labels(const char *command, const char *value,
                     enum polgraph_labels *labels);

/*
 * Builds drawing (drawing.h) from graph as render and export do, with
 * the data directory of cli; warns (unless quiet) when a large graph is
 * cut to POLGRAPH_DRAWING_LARGE actors. Prints errors; returns CLI_OK or
 * CLI_FAIL. Release with polgraph_drawing_release.
 */
int cli_drawing_build(struct polgraph_drawing *drawing, struct cli *cli,
                      const struct polgraph_graph *graph,
                      struct polgraph_store *store,
                      const struct polgraph_graph_filter *filter,
                      struct polgraph_drawing_options *options);

/*
 * report --html (report_html.c): one self-contained HTML page with the
 * drawing, the filters, the centrality table and the relations with
 * their evidence. docs/report.md.
 */
#define CLI_HTML_DRAWN    50  /* actors drawn, by PageRank */
#define CLI_HTML_ROWS     100 /* table rows when --top is not given */
#define CLI_HTML_EVIDENCE 3   /* evidence sentences per edge on the page */

struct cli_report_page {
	const struct cli_graph_options *graph;  /* the filters applied */
	const struct polgraph_drawing *drawing; /* built, top CLI_HTML_DRAWN by
	                                      PageRank; its full graph and
	                                      analysis fill the tables */
	const size_t *rows; /* table: vertices of drawing->full, in order */
	size_t row_count;
	bool rows_capped;          /* cut to CLI_HTML_ROWS, --top not given */
	enum polgraph_metric sort; /* the table's order */
	const enum polgraph_metric *metrics; /* its columns */
	size_t metric_count;
	const char *community; /* "leiden" or "louvain" */
};

/*
 * Writes the page to path ("-": stdout); the relations' evidence comes
 * from store. Prints errors; returns CLI_OK or CLI_FAIL.
 */
int cli_report_html(const struct cli_report_page *page,
                    struct polgraph_store *store, const char *path);

/* A metric of actor as report prints it: integers whole, strength and
   betweenness with 2 decimals, the rest with 4. */
void cli_format_metric(char *out, size_t size,
                       const struct polgraph_actor_metrics *actor,
                       enum polgraph_metric metric);

/* Writes len bytes to path ("-": stdout); prints the error and returns
   false on failure. */
bool cli_write_file(const char *path, const char *data, size_t len);

#endif
