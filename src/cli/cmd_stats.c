/*
 * cmd_stats.c - `polgraph stats`: what the database holds.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_stats(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct polgraph_store *store = NULL;
	struct polgraph_error err = { 0 };
	struct polgraph_store_stats stats;
	bool json = false;
	int option;
	const struct {
		const char *name;
		const int64_t *value;
	} counts[] = {
		{ "articles", &stats.articles },
		{ "sentences", &stats.sentences },
		{ "actors", &stats.actors },
		{ "aliases", &stats.aliases },
		{ "mentions", &stats.mentions },
		{ "relations", &stats.relations },
	};

	while ((option = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (option) {
		case 'h':
			return cli_help("stats");
		case 'F':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "text") != 0)
				return cli_usage_error("stats",
				                       "unknown format '%s' "
				                       "(want text or json)",
				                       optarg);
			break;
		default:
			return cli_bad_option("stats", option, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error("stats", "unexpected argument '%s'",
		                       argv[optind]);
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK ||
	    polgraph_store_stats(store, &stats, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		polgraph_store_close(store);
		return CLI_FAIL;
	}
	polgraph_store_close(store);

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		printf(json ? "%s\"%s\":%lld" : "%s%-10s %lld\n",
		       json ? (i ? "," : "{") : "", counts[i].name,
		       (long long)*counts[i].value);
	if (json) {
		printf(",\"first_date\":%s%s%s,\"last_date\":%s%s%s,"
		       "\"schema_version\":%d}\n",
		       stats.first_date[0] ? "\"" : "",
		       stats.first_date[0] ? stats.first_date : "null",
		       stats.first_date[0] ? "\"" : "",
		       stats.last_date[0] ? "\"" : "",
		       stats.last_date[0] ? stats.last_date : "null",
		       stats.last_date[0] ? "\"" : "", stats.schema_version);
	} else {
		printf("%-10s %s\n%-10s %s\n%-10s %d\n", "first",
		       stats.first_date[0] ? stats.first_date : "-", "last",
		       stats.last_date[0] ? stats.last_date : "-", "schema",
		       stats.schema_version);
	}
	return fflush(stdout) == 0 ? CLI_OK : CLI_FAIL;
}
