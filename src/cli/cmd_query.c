/*
 * cmd_query.c - `polgraph query FILE.lua [ARGS...]` and `polgraph query -e
 * CODE`: runs a Lua script over the store (query.h), sandboxed unless
 * --unsafe, with instruction, memory and CPU-time limits.
 *
 * Consumes a script and its arguments; produces what the script prints,
 * or "polgraph: error: FILE:LINE: message" and exit status 1.
 *
 * The CPU-time limit is a profiling timer (user + system CPU of the
 * process). Its first signal asks the script to stop at its next Lua
 * instruction, which unwinds cleanly; a script stuck inside one C
 * function (string.find on a pathological pattern runs for many seconds
 * in one instruction) gets GRACE_SECONDS more CPU, then the handler
 * prints the same message and ends the process.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "cli.h"

#define DEFAULT_MAX_INSTRUCTIONS 1000000000ull
#define DEFAULT_MAX_MEMORY_MB    512
#define DEFAULT_TIMEOUT_SECONDS  60.0
#define GRACE_SECONDS            0.5

enum {
	OPT_UNSAFE = 0x100,
	OPT_MAX_INSTRUCTIONS,
	OPT_MAX_MEMORY,
	OPT_TIMEOUT,
};

/* What the timer's signal handler needs; set before the timer starts. */
static struct polgraph_query *running_query;
static volatile sig_atomic_t timer_expiries;
static char timeout_message[128];
static size_t timeout_message_len;

static void on_cpu_timer(int signal_number)
{
	(void)signal_number;
	if (timer_expiries++ == 0) {
		polgraph_query_interrupt(running_query);
		return;
	}
	/* Still inside one C function: only write and _exit are safe. */
	if (write(STDERR_FILENO, timeout_message, timeout_message_len) < 0)
		_exit(CLI_FAIL);
	_exit(CLI_FAIL);
}

static void set_timer(double first, double interval)
{
	struct itimerval timer = { { 0, 0 }, { 0, 0 } };

	timer.it_value.tv_sec = (time_t)first;
	timer.it_value.tv_usec =
		(suseconds_t)((first - (double)(time_t)first) * 1e6);
	timer.it_interval.tv_sec = (time_t)interval;
	timer.it_interval.tv_usec =
		(suseconds_t)((interval - (double)(time_t)interval) * 1e6);
	setitimer(ITIMER_PROF, &timer, NULL);
}

static void start_timer(struct polgraph_query *query, double seconds)
{
	struct sigaction action;

	running_query = query;
	timer_expiries = 0;
	timeout_message_len =
		(size_t)snprintf(timeout_message, sizeof(timeout_message),
	                         "polgraph: error: CPU time limit of %g s "
	                         "exceeded (--timeout)\n",
	                         seconds);
	memset(&action, 0, sizeof(action));
	action.sa_handler = on_cpu_timer;
	sigemptyset(&action.sa_mask);
	sigaction(SIGPROF, &action, NULL);
	set_timer(seconds, GRACE_SECONDS);
}

static void stop_timer(void)
{
	set_timer(0, 0);
	signal(SIGPROF, SIG_DFL);
	running_query = NULL;
}

/* Reads a whole file ('-': stdin) into buf; false with errno. */
static bool read_file(const char *path, struct polgraph_buf *buf)
{
	FILE *file = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[8192];
	size_t got;
	bool ok;

	if (!file)
		return false;
	while ((got = fread(chunk, 1, sizeof(chunk), file)) > 0)
		polgraph_buf_append(buf, chunk, got);
	ok = !ferror(file);
	if (file != stdin)
		fclose(file);
	polgraph_buf_append(buf, "", 0);
	return ok;
}

static bool parse_seconds(const char *value, double *seconds)
{
	char *end;

	errno = 0;
	*seconds = strtod(value, &end);
	return errno == 0 && end != value && !*end && *seconds >= 0 &&
	       *seconds < 1e6;
}

int cmd_query(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "unsafe", no_argument, NULL, OPT_UNSAFE },
		{ "max-instructions", required_argument, NULL,
		  OPT_MAX_INSTRUCTIONS },
		{ "max-memory", required_argument, NULL, OPT_MAX_MEMORY },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct polgraph_query_options query_options = { 0 };
	struct polgraph_store *store = NULL;
	struct polgraph_query *query = NULL;
	struct polgraph_error err = { 0 };
	struct polgraph_buf source = { 0 };
	const char *code = NULL, *script, *chunkname;
	char *chunkname_buf = NULL;
	long instructions = -1, memory_mb = -1;
	double timeout = -1;
	int option, status = CLI_FAIL;

	/* '+': the script's own options follow the script name. */
	while ((option = getopt_long(argc, argv, "+:he:", options, NULL)) !=
	       -1) {
		switch (option) {
		case 'h':
			return cli_help("query");
		case 'e':
			code = optarg;
			break;
		case OPT_UNSAFE:
			query_options.unsafe = true;
			break;
		case OPT_MAX_INSTRUCTIONS:
			if (!cli_parse_long(optarg, 0, &instructions))
				return cli_usage_error(
					"query", "bad --max-instructions '%s'",
					optarg);
			break;
		case OPT_MAX_MEMORY:
			if (!cli_parse_long(optarg, 0, &memory_mb) ||
			    memory_mb > 1024L * 1024)
				return cli_usage_error("query",
				                       "bad --max-memory '%s'",
				                       optarg);
			break;
		case OPT_TIMEOUT:
			if (!parse_seconds(optarg, &timeout))
				return cli_usage_error(
					"query", "bad --timeout '%s'", optarg);
			break;
		default:
			return cli_bad_option("query", option, argv);
		}
	}
	if (!code && optind >= argc)
		return cli_usage_error("query", "no script given");
	/* Sandboxed scripts get limits by default; --unsafe only if asked. */
	if (!query_options.unsafe) {
		if (instructions < 0)
			instructions = (long)DEFAULT_MAX_INSTRUCTIONS;
		if (memory_mb < 0)
			memory_mb = DEFAULT_MAX_MEMORY_MB;
		if (timeout < 0)
			timeout = DEFAULT_TIMEOUT_SECONDS;
	}
	query_options.max_instructions =
		instructions > 0 ? (uint64_t)instructions : 0;
	query_options.max_memory =
		memory_mb > 0 ? (size_t)memory_mb * 1024 * 1024 : 0;
	query_options.data_dir = cli->data_dir;

	if (code) {
		script = "-e";
		chunkname = "=(command line)";
	} else {
		script = argv[optind++];
		if (!read_file(script, &source)) {
			cli_error("cannot read '%s': %s", script,
			          strerror(errno));
			goto out;
		}
		code = source.data;
		if (strcmp(script, "-") == 0) {
			chunkname = "=stdin";
		} else {
			chunkname_buf = polgraph_xmalloc(strlen(script) + 2);
			chunkname_buf[0] = '@';
			strcpy(chunkname_buf + 1, script);
			chunkname = chunkname_buf;
		}
	}
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	query = polgraph_query_new(store, &query_options, &err);
	if (!query) {
		cli_error("%s", err.message);
		goto out;
	}
	if (timeout > 0)
		start_timer(query, timeout);
	if (polgraph_query_run(query, code, strlen(code), chunkname, script,
	                       argv + optind, (size_t)(argc - optind),
	                       &err) == POLGRAPH_OK) {
		status = CLI_OK;
	} else if (err.status == POLGRAPH_INTERRUPTED && timeout > 0) {
		fputs(timeout_message, stderr);
	} else {
		cli_error("%s", err.message);
	}
	if (timeout > 0)
		stop_timer();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the output: %s", strerror(errno));
		status = CLI_FAIL;
	}
out:
	polgraph_query_free(query);
	polgraph_store_close(store);
	polgraph_buf_release(&source);
	free(chunkname_buf);
	return status;
}
