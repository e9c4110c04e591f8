/*
 * main.c - the polgraph command: global options, the commands table, help,
 * and the helpers every command shares (messages, progress, signals).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const struct command commands[] = {
	{ "ingest", cmd_ingest, CMD_NEEDS_DB, "read articles into the database",
	  "usage: polgraph [--db PATH] ingest [OPTIONS] [PATH...]\n"
	  "\n"
	  "Reads articles from files, directories (recursively, sorted) and\n"
	  "'-' (stdin; the default when no PATH is given), runs the "
	  "extraction\n"
	  "pipeline and stores each article with everything found in it.\n"
	  "Plain .txt files are one article each and may start with a\n"
	  "'date YYYY-MM-DD' header; .jsonl/.ndjson files hold one JSON "
	  "article\n"
	  "per line ('text' required; 'id', 'date', 'title', 'lang', 'url',\n"
	  "'source' optional). Articles already stored (same id or same\n"
	  "normalised text) are skipped. Bad input is reported by file and\n"
	  "line; the rest is still ingested, and the exit status is 1.\n"
	  "\n"
	  "options:\n"
	  "  -f, --format FMT   auto (by extension, sniffed for stdin), txt, "
	  "jsonl\n"
	  "  -l, --lang LANG    language of every article (default: detected)\n"
	  "  -s, --source NAME  source of articles that name none\n"
	  "  -b, --batch N      articles per transaction (default 1000; one\n"
	  "                     ends after a second in any case)\n"
	  "  -x, --extracted    the inputs are 'polgraph extract --full' "
	  "output\n"
	  "                     (files or '-'): stored without extracting\n"
	  "  -j, --jobs N       extract on N threads (default: the online\n"
	  "                     cores); one writer stores in input order, so\n"
	  "                     the database is the same for any N\n"
	  "  --max-article-size SIZE  longest article text (default 16M)\n"
	  "  --max-line SIZE    longest JSON Lines line (default 32M)\n"
	  "  --max-json-depth N deepest JSON nesting (default 64)\n"
	  "  -h, --help         show this help\n"
	  "Limits also come from POLGRAPH_MAX_ARTICLE_SIZE, POLGRAPH_MAX_LINE\n"
	  "and POLGRAPH_MAX_JSON_DEPTH; see docs/reliability.md.\n" },
	{ "extract", cmd_extract, 0,
	  "print what the pipeline finds, as JSON Lines, without a database",
	  "usage: polgraph extract [OPTIONS] [PATH...]\n"
	  "\n"
	  "Runs the extraction pipeline on articles (inputs as for 'ingest')\n"
	  "and prints one JSON object per article to stdout, in input order:\n"
	  "sentences, actors with their mentions, relations with evidence, "
	  "and\n"
	  "co-mentions. The format is documented in docs/extract-format.md.\n"
	  "\n"
	  "options:\n"
	  "  -f, --format FMT   auto, txt, jsonl\n"
	  "  -l, --lang LANG    language of every article (default: detected)\n"
	  "  -s, --source NAME  source of articles that name none\n"
	  "  --full             add each article's text, origin and line, so\n"
	  "                     'ingest --extracted' can store the output\n"
	  "  --max-article-size SIZE  longest article text (default 16M)\n"
	  "  --max-line SIZE    longest JSON Lines line (default 32M)\n"
	  "  --max-json-depth N deepest JSON nesting (default 64)\n"
	  "  -h, --help         show this help\n"
	  "Limits also come from POLGRAPH_MAX_ARTICLE_SIZE, POLGRAPH_MAX_LINE\n"
	  "and POLGRAPH_MAX_JSON_DEPTH; see docs/reliability.md.\n" },
	{ "merge", cmd_merge, 0, "merge shard databases into one",
	  "usage: polgraph merge [OPTIONS] -o OUT.db STORE.db...\n"
	  "\n"
	  "Writes a new database holding every given store (each read, never\n"
	  "changed), in the order given: articles already merged (same id or\n"
	  "same normalised text) are skipped, actors are resolved by key\n"
	  "(aliases merged), and mentions, relations and sentences get new\n"
	  "ids. Merging the stores of consecutive parts of an input gives the\n"
	  "database one ingest of the whole input gives (docs/scale.md).\n"
	  "Every store must have this polgraph's schema version. The output\n"
	  "appears only when all stores merged.\n"
	  "\n"
	  "options:\n"
	  "  -o, --output FILE  the database to write (required)\n"
	  "  -f, --force        replace FILE if it exists\n"
	  "  -h, --help         show this help\n" },
	{ "show", cmd_show, CMD_NEEDS_DB,
	  "print stored articles in the extract format",
	  "usage: polgraph [--db PATH] show [OPTIONS] ID...\n"
	  "\n"
	  "Prints each stored article, by its id, as one JSON line in the\n"
	  "format of 'polgraph extract': what ingest stored is exactly what\n"
	  "extract reported.\n"
	  "\n"
	  "options:\n"
	  "  -t, --text         print the article's sentences, one per line,\n"
	  "                     instead of JSON\n"
	  "  -h, --help         show this help\n" },
	{ "articles", cmd_articles, CMD_NEEDS_DB, "list stored articles",
	  "usage: polgraph [--db PATH] articles [OPTIONS]\n"
	  "\n"
	  "Lists stored articles by date, then id, as tab-separated columns:\n"
	  "id, date, lang, sentences, mentions, relations, title.\n"
	  "\n"
	  "options:\n"
	  "  --format FMT       tsv (default, with a header line) or json\n"
	  "  -h, --help         show this help\n" },
	{ "stats", cmd_stats, CMD_NEEDS_DB, "count what the database holds",
	  "usage: polgraph [--db PATH] stats [OPTIONS]\n"
	  "\n"
	  "Prints the number of articles, sentences, actors, aliases,\n"
	  "mentions and relations, the date range and the schema version.\n"
	  "\n"
	  "options:\n"
	  "  --format FMT       text (default) or json\n"
	  "  -h, --help         show this help\n" },
	{ "report", cmd_report, CMD_NEEDS_DB,
	  "rank actors by centrality in the stored graph",
	  "usage: polgraph [--db PATH] report [OPTIONS]\n"
	  "\n"
	  "Builds the actor graph from the database (one vertex per actor,\n"
	  "one edge per source, target and relation type, weighted by the\n"
	  "articles supporting it; negated relations never count) and prints\n"
	  "a graph summary and, per actor, degree in/out/total, weighted\n"
	  "strength, PageRank, betweenness, closeness, eigenvector, hub and\n"
	  "authority scores, k-core and community (Leiden or Louvain, fixed\n"
	  "seed). With --html, writes instead one self-contained HTML page\n"
	  "(no script, nothing external) and prints nothing: the graph drawn\n"
	  "as SVG (the 50 actors with the highest PageRank), the filters, the\n"
	  "table (--top, --sort, --metrics; 100 rows unless --top is given)\n"
	  "and the typed relations and strongest co-mentions with their\n"
	  "evidence sentences and dates. See docs/report.md.\n"
	  "\n" CLI_GRAPH_HELP "\n"
	  "options:\n"
	  "  -n, --top N        print the first N actors only\n"
	  "  --sort METRIC      order by METRIC, highest first (default\n"
	  "                     degree; community ascending); ties by key\n"
	  "  --metrics A,B      columns: in, out, degree, strength, pagerank,\n"
	  "                     betweenness, closeness, eigenvector, hub,\n"
	  "                     authority, kcore, community (default all);\n"
	  "                     only these (and the sort metric) are computed\n"
	  "  --damping X        PageRank damping factor (default 0.85)\n"
	  "  --compare A..B C..D  compare two periods "
	  "(YYYY-MM-DD..YYYY-MM-DD):\n"
	  "                     actors and edges that appeared or vanished,\n"
	  "                     top 10 PageRank rank rises and falls\n"
	  "  --sources K        on graphs over 5000 actors, estimate\n"
	  "                     betweenness and closeness from K sampled\n"
	  "                     sources (default 256, fewer on graphs over\n"
	  "                     85937 arcs; seeded)\n"
	  "  --community M      leiden (default) or louvain\n"
	  "  --timings          seconds per stage on stderr\n"
	  "  --format FMT       text (default), json or csv\n"
	  "  --html FILE        write the page to FILE ('-': stdout);\n"
	  "                     not with --format or --compare\n"
	  "  -h, --help         show this help\n" },
	{ "neighbors", cmd_neighbors, CMD_NEEDS_DB,
	  "list an actor's neighbours with relation types and weights",
	  "usage: polgraph [--db PATH] neighbors [OPTIONS] ACTOR\n"
	  "\n"
	  "Lists the actors one edge away from ACTOR in the graph the filters\n"
	  "describe: per neighbour and relation type, the direction (out:\n"
	  "ACTOR is the source, in: the target, both: a symmetric type such\n"
	  "as meets-with or comention), the weight (articles), the sentences\n"
	  "and the first and last article date; by weight, highest first,\n"
	  "then key and type. ACTOR is a key (person:...), or any name in\n"
	  "any case or inflection the lexicon or the database knows.\n"
	  "See docs/report.md.\n"
	  "\n" CLI_GRAPH_HELP "\n"
	  "options:\n"
	  "  --format FMT       text (default, aligned columns), json or csv\n"
	  "  -h, --help         show this help\n" },
	{ "path", cmd_path, CMD_NEEDS_DB,
	  "show a shortest chain of relations between two actors",
	  "usage: polgraph [--db PATH] path [OPTIONS] ACTOR ACTOR\n"
	  "\n"
	  "Finds a shortest path between two actors in the graph the filters\n"
	  "describe, counted in hops with edge direction ignored, and prints\n"
	  "each actor on it and, for each hop, the strongest edge (most\n"
	  "articles; a relation before a co-mention) with its type, weight\n"
	  "and up to 3 evidence sentences with article id and date. Exit\n"
	  "status 1 when there is no path. See docs/report.md.\n"
	  "\n" CLI_GRAPH_HELP "\n"
	  "options:\n"
	  "  --format FMT       text (default), json or csv (one row per\n"
	  "                     evidence sentence)\n"
	  "  -h, --help         show this help\n" },
	{ "evidence", cmd_evidence, CMD_NEEDS_DB,
	  "print every sentence supporting an actor's relations",
	  "usage: polgraph [--db PATH] evidence [OPTIONS] ACTOR [ACTOR]\n"
	  "\n"
	  "Prints every sentence supporting a relation of the first actor\n"
	  "(with the second, if given) in the graph the filters describe:\n"
	  "type, source, target, article id, date, article source and the\n"
	  "sentence, tab-separated ('-' when unknown). Negated relations\n"
	  "never count. Co-mentions are included only when --type names\n"
	  "comention. Order: type, source, target, article, sentence.\n"
	  "See docs/report.md.\n"
	  "\n" CLI_GRAPH_HELP "\n"
	  "options:\n"
	  "  --format FMT       text (default), json or csv\n"
	  "  -h, --help         show this help\n" },
	{ "query", cmd_query, CMD_NEEDS_DB,
	  "run a Lua script over the actor graph",
	  "usage: polgraph [--db PATH] query [OPTIONS] FILE.lua [ARGS...]\n"
	  "       polgraph [--db PATH] query [OPTIONS] -e CODE [ARGS...]\n"
	  "\n"
	  "Runs a Lua 5.4 script ('-' reads it from stdin) with the polgraph\n"
	  "module, also the global pg: pg.actor(NAME), pg.actors{...},\n"
	  "pg.relations{...}, pg.graph{...} with g:neighbors, g:path,\n"
	  "g:centrality, g:communities, g:subgraph, g:edges, g:actors,\n"
	  "g:summary; pg.sql(SELECT), pg.stats(), pg.print_table(rows,\n"
	  "columns) and pg.json(value). ARGS are in the table arg (arg[0] is\n"
	  "the script) and in '...'. Errors print FILE:LINE: message and exit\n"
	  "with status 1. Examples in graphs/queries/; see docs/queries.md.\n"
	  "\n"
	  "The script runs in a sandbox: no files, processes, environment,\n"
	  "bytecode or C modules (io.write and print go to stdout), and the\n"
	  "limits below end a runaway script.\n"
	  "\n"
	  "options:\n"
	  "  -e CODE            run CODE instead of a file\n"
	  "  --max-instructions N  Lua instructions (default 1000000000;\n"
	  "                     0 = no limit)\n"
	  "  --max-memory MB    Lua memory and graphs (default 512; 0 = none)\n"
	  "  --timeout SECONDS  CPU time (default 60; 0 = none)\n"
	  "  --unsafe           trusted script: every standard library (io,\n"
	  "                     os, require, debug) and no limits unless\n"
	  "                     given\n"
	  "  -h, --help         show this help\n" },
	{ "sql", cmd_sql, CMD_NEEDS_DB,
	  "run one read-only SQL statement on the database",
	  "usage: polgraph [--db PATH] sql [OPTIONS] SQL\n"
	  "\n"
	  "Runs one SQL statement (or the SQL read from stdin when SQL is "
	  "'-')\n"
	  "on the database opened read-only and prints the result. Anything\n"
	  "but reading is refused: INSERT, UPDATE, DELETE, CREATE, DROP,\n"
	  "ALTER, ATTACH, DETACH, transactions and pragmas that set\n"
	  "something. Besides the tables, these views resolve keys and names\n"
	  "(docs/schema.md): relations_named, mentions_named, actor_stats,\n"
	  "comentions, comention_pairs.\n"
	  "\n"
	  "options:\n"
	  "  --format FMT       text (default, aligned columns; NULL prints\n"
	  "                     empty), csv or json (an array of objects)\n"
	  "  -h, --help         show this help\n" },
	{ "render", cmd_render, CMD_NEEDS_DB,
	  "draw the actor graph as DOT, SVG, PNG or PDF",
	  "usage: polgraph [--db PATH] render -o FILE [OPTIONS]\n"
	  "\n"
	  "Draws the actor graph the filters describe with the Graphviz\n"
	  "libraries: actors shaped and coloured by type, edges coloured and\n"
	  "styled by relation type (meets-with and co-mentions undirected,\n"
	  "co-mentions light and thin), edge width by weight, node size by a\n"
	  "centrality, a legend. In SVG each node's tooltip gives its key,\n"
	  "type and aliases, each edge's its type, weight, dates and first\n"
	  "evidence sentences. DOT output is the graph before layout, in a\n"
	  "stable order. Graphs over 300 actors are cut to the top 300 unless\n"
	  "--top says otherwise. See docs/render.md.\n"
	  "\n" CLI_GRAPH_HELP "\n"
	  "options:\n"
	  "  -o, --output FILE  write here ('-' for stdout); required\n"
	  "  --format FMT       dot, svg, png or pdf (default: by FILE's\n"
	  "                     extension, else svg)\n"
	  "  -n, --top N        draw the N actors ranked highest by the\n"
	  "                     --size-by metric (pagerank by default)\n"
	  "  --size-by METRIC   node size by a metric of 'report' (default\n"
	  "                     pagerank), or none\n"
	  "  --labels L         en (default: the display name), ru (the\n"
	  "                     lexicon's Russian name, else the most used\n"
	  "                     Russian form) or orig (the name in the\n"
	  "                     language most of its mentions are in)\n"
	  "  --cluster C        community: draw communities as clusters;\n"
	  "                     none (default)\n"
	  "  --layout ENGINE    dot, neato, fdp, sfdp, circo or twopi\n"
	  "                     (default: dot up to 100 actors, else sfdp)\n"
	  "  --evidence N       evidence sentences per edge tooltip "
	  "(default 3)\n"
	  "  --title TEXT       a caption above the graph\n"
	  "  --no-legend        leave the legend out\n"
	  "  -h, --help         show this help\n" },
	{ "export", cmd_export, CMD_NEEDS_DB,
	  "write the actor graph as GraphML, GEXF, JSON, CSV or DOT",
	  "usage: polgraph [--db PATH] export -o PATH [OPTIONS]\n"
	  "\n"
	  "Writes the actor graph the filters describe for other tools:\n"
	  "GraphML (Gephi, Cytoscape, yEd, igraph, NetworkX), GEXF 1.3 with\n"
	  "first and last dates as time intervals (Gephi's timeline),\n"
	  "node-link JSON (d3, NetworkX node_link_graph), CSV with\n"
	  "neo4j-admin import headers, or DOT. Nodes carry key, name, type,\n"
	  "mentions, first and last seen and aliases; edges type, symmetric,\n"
	  "weight, sentences, first and last date. CSV writes two files:\n"
	  "PATH-nodes.csv and PATH-edges.csv (a trailing .csv of PATH is\n"
	  "dropped). See docs/render.md.\n"
	  "\n" CLI_GRAPH_HELP "\n"
	  "options:\n"
	  "  -o, --output PATH  write here ('-' for stdout, not for csv)\n"
	  "  --format FMT       graphml, gexf, json, csv or dot (default: by\n"
	  "                     PATH's extension)\n"
	  "  --centrality       add every metric of 'report' to the nodes\n"
	  "  -h, --help         show this help\n" },
	{ "eval", cmd_eval, 0,
	  "score actors and relations against gold-annotated articles",
	  "usage: polgraph eval [OPTIONS] GOLD.jsonl\n"
	  "\n"
	  "Runs the extraction pipeline on every article of a gold-annotated\n"
	  "JSON Lines file ('-' for stdin) in the factRuEval format: 'text',\n"
	  "and 'entities' with 'type' (Person, Org, Location, LocOrg, "
	  "Project)\n"
	  "and 'start'/'end' in Unicode code points, end exclusive; 'id' and\n"
	  "'lang' (default ru) are optional. Scores the actors found against\n"
	  "the gold entities per type - PER, LOC (Location and LocOrg), ORG -\n"
	  "and over all three: precision, recall and F1 per word and number\n"
	  "token (each labelled by the longest span covering it), and per\n"
	  "exact span. Where 'has_facts' is true (or, without it, 'facts' is\n"
	  "not empty), scores relations as pairs of actors against the gold\n"
	  "facts: holds-position and ambassador-of against Occupation (Who,\n"
	  "Where), meets-with against Meeting (every two Participants).\n"
	  "Bad lines are reported by file and line and skipped; the exit\n"
	  "status is then 1. See docs/eval.md.\n"
	  "\n"
	  "options:\n"
	  "  --format FMT       text (default, a table) or json\n"
	  "  --types            also count which of our actor types meet "
	  "which\n"
	  "                     gold types at exact spans\n"
	  "  --errors N         print up to N false positives and N false\n"
	  "                     negatives (exact spans), and as many fact\n"
	  "                     pairs, to stderr\n"
	  "  -h, --help         show this help\n" },
	{ "lexicon", cmd_lexicon, 0,
	  "list, look up, extend and import the actor lexicon",
	  "usage: polgraph [--data DIR] lexicon SUBCOMMAND [OPTIONS] [ARGS]\n"
	  "\n"
	  "Works with the actor lexicon the pipeline recognises actors with:\n"
	  "the JSON Lines files of DIR/actors/ (docs/lexicon.md), DIR being\n"
	  "--data, $POLGRAPH_DATA or the built-in data.\n"
	  "\n"
	  "subcommands:\n"
	  "  list [--type TYPE] [--format tsv|json]\n"
	  "                     every entry, one per line\n"
	  "  show NAME_OR_KEY   one entry, found by key or by any name in any\n"
	  "                     case or inflection\n"
	  "  export [--type TYPE]\n"
	  "                     the entries as JSON Lines (the lexicon "
	  "format)\n"
	  "  import --format cameo FILE [-o OUT]\n"
	  "                     convert a CAMEO actor dictionary to JSON "
	  "Lines\n"
	  "  add --key KEY --type TYPE --name NAME --alias LANG:TEXT ...\n"
	  "                     append an entry to DIR/actors/local.jsonl\n"
	  "\n"
	  "'polgraph lexicon SUBCOMMAND --help' describes each one.\n"
	  "\n"
	  "options:\n"
	  "  -h, --help         show this help\n" },
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

static const char main_usage[] =
	"usage: polgraph [--db PATH] [--data DIR] [-q] COMMAND [ARGS]\n"
	"       polgraph help [COMMAND]\n"
	"       polgraph --version\n";

const struct command *cli_command(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void vmessage(const char *kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
	fprintf(stderr, "polgraph: %s: ", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("error", fmt, ap);
	va_end(ap);
}

void cli_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("warning", fmt, ap);
	va_end(ap);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	const struct command *entry = command ? cli_command(command) : NULL;
	va_list ap;

	va_start(ap, fmt);
	vmessage("error", fmt, ap);
	va_end(ap);
	if (entry)
		fprintf(stderr, "%.*s", (int)strcspn(entry->usage, "\n") + 1,
		        entry->usage);
	else
		fputs(main_usage, stderr);
	fprintf(stderr, "Try 'polgraph help%s%s' for more information.\n",
	        command ? " " : "", command ? command : "");
	return CLI_USAGE;
}

static void list_commands(FILE *out)
{
	fputs(main_usage, out);
	fputs("\npolgraph turns political news into a graph of political "
	      "actors.\n\ncommands:\n",
	      out);
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
		        commands[i].summary);
	fputs("  help       show help for polgraph or a command\n"
	      "\nglobal options:\n"
	      "  --db PATH    database file (default $POLGRAPH_DB or "
	      "./polgraph.db)\n"
	      "  --data DIR   lexicons and rules (default $POLGRAPH_DATA or "
	      "the built-in data)\n"
	      "  -q, --quiet  no progress line and no summary on stderr\n"
	      "  --version    print the version\n"
	      "\nexit status: 0 success, 1 failure (including rejected "
	      "input), 2 usage error\n",
	      out);
}

int cli_help(const char *command)
{
	const struct command *entry;

	if (!command || strcmp(command, "help") == 0) {
		list_commands(stdout);
		return CLI_OK;
	}
	entry = cli_command(command);
	if (!entry)
		return cli_usage_error(NULL, "unknown command '%s'", command);
	fputs(entry->usage, stdout);
	return CLI_OK;
}

int cli_bad_option(const char *command, int option, char **argv)
{
	if (option == ':')
		return cli_usage_error(command, "option '%s' needs a value",
		                       argv[optind - 1]);
	if (optopt)
		return cli_usage_error(command, "unknown option '-%c'", optopt);
	return cli_usage_error(command, "unknown option '%s'",
	                       argv[optind - 1]);
}

/* "1048576", "64K", "16M", "1G" -> bytes; false unless 1 byte..1 TiB. */
static bool parse_size(const char *value, size_t *out)
{
	char *end;
	unsigned long long number;
	unsigned shift = 0;

	if (!value || *value < '0' || *value > '9')
		return false;
	errno = 0;
	number = strtoull(value, &end, 10);
	if (errno)
		return false;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift)
		end++;
	if (*end || number == 0 || number > (1ull << 40) >> shift)
		return false;
	*out = (size_t)(number << shift);
	return true;
}

/* Sets one input limit; which names the option or variable in messages. */
static int input_limit(const char *command, const char *which, int option,
                       const char *value, struct polgraph_reader_options *opts)
{
	size_t size;

	if (option == CLI_OPT_MAX_JSON_DEPTH) {
		char *end;
		unsigned long depth;

		errno = 0;
		depth = strtoul(value, &end, 10);
		if (errno || *end || *value < '1' || *value > '9' ||
		    depth > 100000)
			return cli_usage_error(command,
			                       "bad %s '%s' (want 1 to 100000)",
			                       which, value);
		polgraph_json_set_max_depth((unsigned)depth);
		return -1;
	}
	if (!parse_size(value, &size))
		return cli_usage_error(command,
		                       "bad %s '%s' (want a size such as 16M)",
		                       which, value);
	if (option == CLI_OPT_MAX_ARTICLE)
		opts->max_article = size;
	else
		opts->max_line = size;
	return -1;
}

int cli_input_env(const char *command, struct polgraph_reader_options *opts)
{
	static const struct {
		const char *name;
		int option;
	} vars[] = {
		{ "POLGRAPH_MAX_ARTICLE_SIZE", CLI_OPT_MAX_ARTICLE },
		{ "POLGRAPH_MAX_LINE", CLI_OPT_MAX_LINE },
		{ "POLGRAPH_MAX_JSON_DEPTH", CLI_OPT_MAX_JSON_DEPTH },
	};

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *value = getenv(vars[i].name);
		int status;

		if (!value || !*value)
			continue;
		status = input_limit(command, vars[i].name, vars[i].option,
		                     value, opts);
		if (status >= 0)
			return status;
	}
	return -1;
}

int cli_input_option(const char *command, int option, const char *value,
                     struct polgraph_reader_options *opts)
{
	switch (option) {
	case CLI_OPT_MAX_ARTICLE:
		return input_limit(command, "--max-article-size", option, value,
		                   opts);
	case CLI_OPT_MAX_LINE:
		return input_limit(command, "--max-line", option, value, opts);
	case CLI_OPT_MAX_JSON_DEPTH:
		return input_limit(command, "--max-json-depth", option, value,
		                   opts);
	case 'f':
		return cli_parse_format(command, value, &opts->format);
	case 'l':
		opts->lang = value;
		return -1;
	case 's':
		opts->source = value;
		return -1;
	default:
		return 0;
	}
}

int cli_parse_format(const char *command, const char *value,
                     enum polgraph_input_format *format)
{
	if (strcmp(value, "auto") == 0)
		*format = POLGRAPH_FORMAT_AUTO;
	else if (strcmp(value, "txt") == 0 || strcmp(value, "text") == 0)
		*format = POLGRAPH_FORMAT_TEXT;
	else if (strcmp(value, "jsonl") == 0 || strcmp(value, "ndjson") == 0)
		*format = POLGRAPH_FORMAT_JSONL;
	else
		return cli_usage_error(command,
		                       "unknown format '%s' (want auto, txt "
		                       "or jsonl)",
		                       value);
	return -1;
}

bool cli_print_line(const struct polgraph_buf *buf)
{
	if (fwrite(buf->data ? buf->data : "", 1, buf->len, stdout) !=
	            buf->len ||
	    putchar('\n') == EOF)
		return false;
	return true;
}

bool cli_write_file(const char *path, const char *data, size_t len)
{
	bool to_stdout = strcmp(path, "-") == 0;
	FILE *file = to_stdout ? stdout : fopen(path, "wb");
	bool ok;

	if (!file) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return false;
	}
	ok = fwrite(data ? data : "", 1, len, file) == len;
	ok = (to_stdout ? fflush(file) : fclose(file)) == 0 && ok;
	if (!ok)
		cli_error("cannot write '%s': %s", path, strerror(errno));
	return ok;
}

/* ---- progress ---- */

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *progress, bool enabled)
{
	memset(progress, 0, sizeof(*progress));
	progress->enabled = enabled && isatty(STDERR_FILENO);
	progress->started = now_seconds();
}

void progress_update(struct progress *progress,
                     const struct polgraph_reader *reader)
{
	double now, elapsed, rate;
	uint64_t done, total;

	if (!progress->enabled)
		return;
	now = now_seconds();
	if (now - progress->last_drawn < 0.1)
		return;
	progress->last_drawn = now;
	elapsed = now - progress->started;
	polgraph_reader_progress(reader, &done, &total);
	rate = elapsed > 0 ? (double)progress->articles / elapsed : 0;
	fprintf(stderr, "\r\033[K%llu articles, %.1f/%.1f MB, %.0f articles/s",
	        (unsigned long long)progress->articles, (double)done / 1e6,
	        (double)total / 1e6, rate);
	if (total > done && done > 0 && elapsed > 0.5) {
		double eta = elapsed * (double)(total - done) / (double)done;

		fprintf(stderr, ", ETA %d:%02d", (int)eta / 60, (int)eta % 60);
	}
	fflush(stderr);
}

void progress_finish(struct progress *progress)
{
	if (progress->enabled && progress->last_drawn > 0)
		fputs("\r\033[K", stderr);
}

/* ---- signals ---- */

volatile int cli_interrupted;

static void on_interrupt(int signal_number)
{
	(void)signal_number;
	cli_interrupted = 1;
}

void cli_catch_interrupts(void)
{
	struct sigaction action;

	memset(&action, 0, sizeof(action));
	action.sa_handler = on_interrupt;
	sigemptyset(&action.sa_mask);
	sigaction(SIGINT, &action, NULL);
	sigaction(SIGTERM, &action, NULL);
}

/* ---- main ---- */

int main(int argc, char **argv)
{
	static const struct option global_options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "data", required_argument, NULL, 'D' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli = { 0 };
	const struct command *command;
	int option;

	cli.db_path = getenv("POLGRAPH_DB");
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "polgraph.db";
	cli.data_dir = getenv("POLGRAPH_DATA");
	if (cli.data_dir && !*cli.data_dir)
		cli.data_dir = NULL;

	/* '+': stop at the command name; the command parses the rest. */
	opterr = 0;
	while ((option = getopt_long(argc, argv, "+qhV", global_options,
	                             NULL)) != -1) {
		switch (option) {
		case 'd':
			cli.db_path = optarg;
			break;
		case 'D':
			cli.data_dir = optarg;
			break;
		case 'q':
			cli.quiet = true;
			break;
		case 'h':
			return cli_help(NULL);
		case 'V':
			printf("polgraph %s\n", polgraph_version());
			return CLI_OK;
		default:
			return cli_usage_error(NULL, "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error(NULL, "no command given");
	if (strcmp(argv[optind], "help") == 0)
		return cli_help(optind + 1 < argc ? argv[optind + 1] : NULL);
	if (strcmp(argv[optind], "version") == 0) {
		printf("polgraph %s\n", polgraph_version());
		return CLI_OK;
	}
	command = cli_command(argv[optind]);
	if (!command)
		return cli_usage_error(NULL, "unknown command '%s'",
		                       argv[optind]);
	argc -= optind;
	argv += optind;
	optind = 0; /* glibc: full re-initialisation for the command */
	return command->fn(&cli, argc, argv);
}
