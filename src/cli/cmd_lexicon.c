/*
 * cmd_lexicon.c - `polgraph lexicon`: the actor lexicon the pipeline
 * recognises actors with (the JSON Lines files of DATA/actors/,
 * docs/lexicon.md), listed, looked up, exported, extended by hand (add)
 * or converted from a CAMEO actor dictionary (import). Each subcommand
 * has its own options and help.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

struct subcommand {
	const char *name;
	int (*fn)(struct cli *cli, const struct subcommand *sub, int argc,
	          char **argv);
	const char *usage; /* full help; its first line is the synopsis */
};

/* Candidates named in an "is ambiguous" message. */
#define SHOWN_MATCHES 10

/* ---- shared helpers ---- */

static int sub_usage_error(const struct subcommand *sub, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "polgraph: error: ...", the subcommand's synopsis; returns CLI_USAGE. */
static int sub_usage_error(const struct subcommand *sub, const char *fmt, ...)
{
	va_list ap;

	fputs("polgraph: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, "%.*s", (int)strcspn(sub->usage, "\n") + 1, sub->usage);
	fprintf(stderr,
	        "Try 'polgraph lexicon %s --help' for more information.\n",
	        sub->name);
	return CLI_USAGE;
}

static int sub_bad_option(const struct subcommand *sub, int option, char **argv)
{
	if (option == ':')
		return sub_usage_error(sub, "option '%s' needs a value",
		                       argv[optind - 1]);
	if (optopt)
		return sub_usage_error(sub, "unknown option '-%c'", optopt);
	return sub_usage_error(sub, "unknown option '%s'", argv[optind - 1]);
}

static int sub_help(const struct subcommand *sub)
{
	fputs(sub->usage, stdout);
	return CLI_OK;
}

/* --type TYPE: returns -1 when valid, else CLI_USAGE. */
static int parse_type(const struct subcommand *sub, const char *value,
                      enum polgraph_actor_type *type)
{
	if (polgraph_actor_type_parse(value, type))
		return -1;
	return sub_usage_error(sub,
	                       "unknown type '%s' (want country, person, "
	                       "organization, location or group)",
	                       value);
}

static const char *data_dir(const struct cli *cli)
{
	return cli->data_dir ? cli->data_dir : polgraph_default_data_dir();
}

/* The lexicon and recogniser the pipeline would use; NULL with a message. */
static struct polgraph_actors *load_actors(const struct cli *cli)
{
	struct polgraph_error err = { 0 };
	struct polgraph_actors *actors =
		polgraph_actors_new(data_dir(cli), NULL, &err);

	if (!actors)
		cli_error("%s", err.message);
	return actors;
}

/* Prints every entry (of one type if typed) as a JSON line. */
static bool write_entries(FILE *out, const struct polgraph_lexicon *lexicon,
                          const enum polgraph_actor_type *type)
{
	struct polgraph_buf line = { 0 };
	bool ok = true;

	for (size_t i = 0; ok && i < polgraph_lexicon_count(lexicon); i++) {
		const struct polgraph_lexicon_entry *entry =
			polgraph_lexicon_entry(lexicon, i);

		if (type && entry->type != *type)
			continue;
		polgraph_buf_reset(&line);
		polgraph_lexicon_write(entry, &line);
		ok = fwrite(line.data, 1, line.len, out) == line.len &&
		     putc('\n', out) != EOF;
	}
	polgraph_buf_release(&line);
	return ok;
}

static int finish_output(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write output: %s", strerror(errno));
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* TSV cells must not contain tabs or newlines. */
static void put_cell(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* ---- list and export ---- */

static int sub_list(struct cli *cli, const struct subcommand *sub, int argc,
                    char **argv)
{
	static const struct option list_options[] = {
		{ "type", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct option export_options[] = {
		{ "type", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, export = strcmp(sub->name, "export") == 0;
	enum polgraph_actor_type type;
	bool typed = false;
	struct polgraph_actors *actors;
	const struct polgraph_lexicon *lexicon;
	int option, status;

	while ((option = getopt_long(argc, argv, export ? ":t:h" : ":t:f:h",
	                             export ? export_options : list_options,
	                             NULL)) != -1) {
		switch (option) {
		case 'h':
			return sub_help(sub);
		case 't':
			if ((status = parse_type(sub, optarg, &type)) >= 0)
				return status;
			typed = true;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "tsv") != 0)
				return sub_usage_error(sub,
				                       "unknown format '%s' "
				                       "(want tsv or json)",
				                       optarg);
			break;
		default:
			return sub_bad_option(sub, option, argv);
		}
	}
	if (optind < argc)
		return sub_usage_error(sub, "unexpected argument '%s'",
		                       argv[optind]);
	actors = load_actors(cli);
	if (!actors)
		return CLI_FAIL;
	lexicon = polgraph_actors_lexicon(actors);
	if (json || export) {
		write_entries(stdout, lexicon, typed ? &type : NULL);
	} else {
		puts("key\ttype\tname\taliases\troles");
		for (size_t i = 0; i < polgraph_lexicon_count(lexicon); i++) {
			const struct polgraph_lexicon_entry *entry =
				polgraph_lexicon_entry(lexicon, i);

			if (typed && entry->type != type)
				continue;
			put_cell(entry->key);
			printf("\t%s\t", polgraph_actor_type_name(entry->type));
			put_cell(entry->name);
			printf("\t%zu\t%zu\n", entry->alias_count,
			       entry->role_count);
		}
	}
	polgraph_actors_free(actors);
	return finish_output();
}

/* ---- show ---- */

/* "KEY (Name)", or just KEY when the lexicon does not know it. */
static void print_actor_ref(const struct polgraph_lexicon *lexicon,
                            const char *key)
{
	const struct polgraph_lexicon_entry *entry =
		polgraph_lexicon_find(lexicon, key);

	if (entry)
		printf("%s (%s)", key, entry->name);
	else
		fputs(key, stdout);
}

/* One line per language of one kind of alias, in first-seen order. */
static void print_aliases(const struct polgraph_lexicon_entry *entry,
                          enum polgraph_alias_kind kind, const char *label)
{
	bool any = false;

	for (size_t i = 0; i < entry->alias_count; i++) {
		const struct polgraph_alias *alias = &entry->aliases[i];
		bool seen = false;

		if (alias->kind != kind)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = entry->aliases[j].kind == kind &&
			       strcmp(entry->aliases[j].lang, alias->lang) == 0;
		if (seen)
			continue;
		if (!any)
			printf("%s:\n", label);
		any = true;
		printf("  %s: ", alias->lang);
		for (size_t j = i, n = 0; j < entry->alias_count; j++) {
			if (entry->aliases[j].kind != kind ||
			    strcmp(entry->aliases[j].lang, alias->lang) != 0)
				continue;
			printf("%s%s", n++ ? "; " : "", entry->aliases[j].text);
		}
		putchar('\n');
	}
}

static void print_entry(const struct polgraph_lexicon *lexicon,
                        const struct polgraph_lexicon_entry *entry)
{
	printf("key: %s\ntype: %s\nname: %s\n", entry->key,
	       polgraph_actor_type_name(entry->type), entry->name);
	if (entry->belongs_to) {
		fputs("belongs to: ", stdout);
		print_actor_ref(lexicon, entry->belongs_to);
		putchar('\n');
	}
	print_aliases(entry, POLGRAPH_ALIAS_NAME, "names");
	print_aliases(entry, POLGRAPH_ALIAS_DEMONYM, "demonyms");
	print_aliases(entry, POLGRAPH_ALIAS_METONYM, "metonyms");
	if (entry->role_count)
		puts("roles:");
	for (size_t i = 0; i < entry->role_count; i++) {
		const struct polgraph_role *role = &entry->roles[i];

		printf("  %s of ", role->position);
		print_actor_ref(lexicon, role->of);
		if (role->to) {
			fputs(" to ", stdout);
			print_actor_ref(lexicon, role->to);
		}
		if (role->from && role->until)
			printf(", %s to %s", role->from, role->until);
		else if (role->from)
			printf(", since %s", role->from);
		else if (role->until)
			printf(", until %s", role->until);
		putchar('\n');
	}
	if (entry->origin)
		printf("source: %s:%zu\n", entry->origin, entry->line);
}

/* "KEY (Name), KEY (Name)" for the ambiguity message. */
static void describe_matches(struct polgraph_buf *out,
                             const struct polgraph_lexicon_entry **matches,
                             size_t count)
{
	size_t shown = count < SHOWN_MATCHES ? count : SHOWN_MATCHES;

	for (size_t i = 0; i < shown; i++)
		polgraph_buf_printf(out, "%s%s (%s)", i ? ", " : "",
		                    matches[i]->key, matches[i]->name);
	if (count > shown)
		polgraph_buf_printf(out, " and %zu more", count - shown);
}

static int sub_show(struct cli *cli, const struct subcommand *sub, int argc,
                    char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct polgraph_lexicon_entry *matches[SHOWN_MATCHES];
	struct polgraph_buf name = { 0 }, message = { 0 };
	struct polgraph_actors *actors = NULL;
	int option, exit_status = CLI_FAIL;
	size_t count;

	while ((option = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (option == 'h')
			return sub_help(sub);
		return sub_bad_option(sub, option, argv);
	}
	if (optind >= argc)
		return sub_usage_error(sub, "no name or key given");
	/* Unquoted words make one name: lexicon show Alexander Lukashenko */
	for (int i = optind; i < argc; i++)
		polgraph_buf_printf(&name, "%s%s", i > optind ? " " : "",
		                    argv[i]);
	if (!polgraph_text_utf8_valid(name.data, name.len, NULL)) {
		polgraph_buf_release(&name);
		return sub_usage_error(sub, "the name is not valid UTF-8");
	}
	actors = load_actors(cli);
	if (!actors)
		goto out;
	count = polgraph_actors_lookup(actors, name.data, matches,
	                               SHOWN_MATCHES);
	if (count == 0) {
		cli_error("no actor matches '%s'", name.data);
		goto out;
	}
	if (count > 1) {
		describe_matches(&message, matches, count);
		cli_error("'%s' is ambiguous: %s", name.data, message.data);
		goto out;
	}
	print_entry(polgraph_actors_lexicon(actors), matches[0]);
	exit_status = finish_output();
out:
	polgraph_actors_free(actors);
	polgraph_buf_release(&message);
	polgraph_buf_release(&name);
	return exit_status;
}

/* ---- import ---- */

static void report_skip(void *ctx, const char *message)
{
	(void)ctx;
	cli_error("%s", message);
}

/* Reads all of stdin into text; false with a message on a read error. */
static bool read_stdin(struct polgraph_buf *text)
{
	char chunk[65536];
	size_t got;

	while ((got = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		polgraph_buf_append(text, chunk, got);
	if (ferror(stdin)) {
		cli_error("cannot read stdin: %s", strerror(errno));
		return false;
	}
	return true;
}

/*
 * Writes the entries to path through path.tmp and a rename, so a lexicon
 * directory never holds half a file; "-" or NULL is stdout.
 */
static bool write_lexicon(const char *path,
                          const struct polgraph_lexicon *lexicon)
{
	struct polgraph_buf temp = { 0 };
	FILE *out;
	bool ok;

	if (!path || strcmp(path, "-") == 0)
		return write_entries(stdout, lexicon, NULL) &&
		       finish_output() == CLI_OK;
	polgraph_buf_printf(&temp, "%s.tmp", path);
	out = fopen(temp.data, "w");
	if (!out) {
		cli_error("cannot open '%s': %s", temp.data, strerror(errno));
		polgraph_buf_release(&temp);
		return false;
	}
	ok = write_entries(out, lexicon, NULL);
	ok = (fclose(out) == 0) && ok;
	if (!ok)
		cli_error("cannot write '%s': %s", temp.data, strerror(errno));
	else if (rename(temp.data, path) != 0) {
		cli_error("cannot rename '%s' to '%s': %s", temp.data, path,
		          strerror(errno));
		ok = false;
	}
	if (!ok)
		remove(temp.data);
	polgraph_buf_release(&temp);
	return ok;
}

/* An alias of the active lexicon, for finding names taken already. */
struct taken_name {
	const char *text;
	const struct polgraph_lexicon_entry *entry;
};

static int compare_taken(const void *left, const void *right)
{
	return strcasecmp(((const struct taken_name *)left)->text,
	                  ((const struct taken_name *)right)->text);
}

/*
 * Warns about imported names that the active lexicon already gives to an
 * actor with another key (org:IGOUNO's "United Nations" is org:UN's):
 * once both are loaded, such a name is ambiguous. Exact names up to ASCII
 * case; O((n + m) log n).
 */
static void warn_taken_names(const struct cli *cli,
                             const struct polgraph_lexicon *imported)
{
	struct polgraph_lexicon *active = polgraph_lexicon_new();
	struct polgraph_error err = { 0 };
	struct polgraph_buf dir = { 0 };
	struct taken_name *taken = NULL;
	size_t count = 0, capacity = 0;

	polgraph_buf_printf(&dir, "%s/actors", data_dir(cli));
	if (polgraph_lexicon_load_dir(active, dir.data, &err) != POLGRAPH_OK) {
		cli_warning("cannot compare with the lexicon: %s", err.message);
		goto out;
	}
	for (size_t i = 0; i < polgraph_lexicon_count(active); i++) {
		const struct polgraph_lexicon_entry *entry =
			polgraph_lexicon_entry(active, i);

		for (size_t a = 0; a < entry->alias_count; a++) {
			polgraph_xgrow((void **)&taken, &capacity, count + 1,
			               sizeof(*taken));
			taken[count].text = entry->aliases[a].text;
			taken[count++].entry = entry;
		}
	}
	if (!count)
		goto out;
	qsort(taken, count, sizeof(*taken), compare_taken);
	for (size_t i = 0; i < polgraph_lexicon_count(imported); i++) {
		const struct polgraph_lexicon_entry *entry =
			polgraph_lexicon_entry(imported, i);

		for (size_t a = 0; a < entry->alias_count; a++) {
			struct taken_name want = { entry->aliases[a].text,
				                   NULL };
			const struct taken_name *hit =
				bsearch(&want, taken, count, sizeof(*taken),
			                compare_taken);

			while (hit && hit > taken &&
			       compare_taken(hit - 1, &want) == 0)
				hit--;
			for (; hit && hit < taken + count &&
			       compare_taken(hit, &want) == 0;
			     hit++)
				if (strcmp(hit->entry->key, entry->key) != 0)
					cli_warning("'%s' of %s already names "
					            "%s (%s)",
					            want.text, entry->key,
					            hit->entry->key,
					            hit->entry->name);
		}
	}
out:
	free(taken);
	polgraph_buf_release(&dir);
	polgraph_lexicon_free(active);
}

static int sub_import(struct cli *cli, const struct subcommand *sub, int argc,
                      char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct polgraph_cameo_report report = { .on_skip = report_skip };
	struct polgraph_lexicon *lexicon = NULL;
	struct polgraph_error err = { 0 };
	struct polgraph_buf text = { 0 };
	const char *format = NULL, *output = NULL, *path;
	enum polgraph_status status;
	int option, exit_status = CLI_FAIL;
	size_t count;

	while ((option = getopt_long(argc, argv, ":f:o:h", options, NULL)) !=
	       -1) {
		switch (option) {
		case 'h':
			return sub_help(sub);
		case 'f':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		default:
			return sub_bad_option(sub, option, argv);
		}
	}
	if (!format)
		return sub_usage_error(sub, "which format? (--format cameo)");
	if (strcmp(format, "cameo") != 0)
		return sub_usage_error(sub, "unknown format '%s' (want cameo)",
		                       format);
	if (optind >= argc)
		return sub_usage_error(sub, "no FILE given");
	if (optind + 1 < argc)
		return sub_usage_error(sub, "unexpected argument '%s'",
		                       argv[optind + 1]);
	path = argv[optind];

	lexicon = polgraph_lexicon_new();
	if (strcmp(path, "-") == 0) {
		if (!read_stdin(&text))
			goto out;
		status = polgraph_cameo_import_from_buffer(
			lexicon, "<stdin>", text.data ? text.data : "",
			text.len, &report, &err);
	} else {
		status = polgraph_cameo_import(lexicon, path, &report, &err);
	}
	if (status != POLGRAPH_OK && status != POLGRAPH_INVALID) {
		cli_error("%s", err.message);
		goto out;
	}
	if (!write_lexicon(output, lexicon))
		goto out;
	warn_taken_names(cli, lexicon);
	count = polgraph_lexicon_count(lexicon);
	if (!cli->quiet)
		fprintf(stderr, "imported %zu entr%s (%zu skipped)\n", count,
		        count == 1 ? "y" : "ies", report.skipped);
	exit_status = report.skipped ? CLI_FAIL : CLI_OK;
out:
	polgraph_buf_release(&text);
	polgraph_lexicon_free(lexicon);
	return exit_status;
}

/* ---- add ---- */

/* The new entry as the options describe it. */
struct new_entry {
	struct polgraph_lexicon_entry entry;
	struct polgraph_alias *aliases; /* argc slots: enough for any */
	const char *type_name;
	const char *file;
};

/* LANG:TEXT into an alias; -1 when valid, else CLI_USAGE. */
static int parse_alias(const struct subcommand *sub, const char *option,
                       char *value, enum polgraph_alias_kind kind,
                       struct new_entry *add)
{
	struct polgraph_alias *alias = &add->aliases[add->entry.alias_count];
	char *colon = strchr(value, ':');
	size_t lang_len = colon ? (size_t)(colon - value) : 0;

	if (!colon || lang_len < 2 || lang_len > 8 ||
	    strspn(value, "abcdefghijklmnopqrstuvwxyz") != lang_len ||
	    !colon[1])
		return sub_usage_error(sub,
		                       "--%s '%s' is not LANG:TEXT (e.g. "
		                       "ru:Лукашенко)",
		                       option, value);
	*colon = '\0';
	alias->lang = value;
	alias->text = colon + 1;
	alias->kind = kind;
	add->entry.alias_count++;
	return -1;
}

/* Key, name and aliases make sense; -1 when they do, else CLI_USAGE. */
static int check_new_entry(const struct subcommand *sub, struct new_entry *add)
{
	static const struct {
		const char *prefix;
		enum polgraph_actor_type type;
	} prefixes[] = {
		{ "country:", POLGRAPH_ACTOR_COUNTRY },
		{ "person:", POLGRAPH_ACTOR_PERSON },
		{ "org:", POLGRAPH_ACTOR_ORGANIZATION },
		{ "loc:", POLGRAPH_ACTOR_LOCATION },
	};
	struct polgraph_lexicon_entry *entry = &add->entry;
	const char *strings[] = { entry->key, entry->name, entry->belongs_to };
	bool named = false;

	if (!entry->key || !add->type_name || !entry->name)
		return sub_usage_error(sub, "--key, --type and --name are "
		                            "required");
	if (!polgraph_actor_type_parse(add->type_name, &entry->type))
		return parse_type(sub, add->type_name, &entry->type);
	for (size_t i = 0; i < entry->alias_count; i++)
		named |= entry->aliases[i].kind == POLGRAPH_ALIAS_NAME;
	if (!named)
		return sub_usage_error(sub, "at least one --alias is required");
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		if (strings[i] && !polgraph_text_utf8_valid(
					  strings[i], strlen(strings[i]), NULL))
			return sub_usage_error(sub, "'%s' is not valid UTF-8",
			                       strings[i]);
	for (size_t i = 0; i < entry->alias_count; i++)
		if (!polgraph_text_utf8_valid(entry->aliases[i].text,
		                              strlen(entry->aliases[i].text),
		                              NULL))
			return sub_usage_error(sub, "'%s' is not valid UTF-8",
			                       entry->aliases[i].text);
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(entry->key, prefixes[i].prefix,
		            strlen(prefixes[i].prefix)) == 0 &&
		    entry->type != prefixes[i].type)
			return sub_usage_error(
				sub, "key '%s' is for a %s, not a %s",
				entry->key,
				polgraph_actor_type_name(prefixes[i].type),
				add->type_name);
	return -1;
}

/*
 * Compares the entry with the active lexicon: a key there with another
 * type is an error (loading would fail); names that already stand for
 * another actor, or an unknown belongs-to, are warnings.
 */
static bool check_against_lexicon(const struct cli *cli,
                                  const struct polgraph_lexicon_entry *entry)
{
	struct polgraph_actors *actors = load_actors(cli);
	const struct polgraph_lexicon *lexicon;
	const struct polgraph_lexicon_entry *existing;
	bool ok = true;

	if (!actors)
		return false;
	lexicon = polgraph_actors_lexicon(actors);
	existing = polgraph_lexicon_find(lexicon, entry->key);
	if (existing && existing->type != entry->type) {
		cli_error("'%s' is already a %s (%s:%zu)", entry->key,
		          polgraph_actor_type_name(existing->type),
		          existing->origin ? existing->origin : "?",
		          existing->line);
		ok = false;
	}
	if (entry->belongs_to &&
	    !polgraph_lexicon_find(lexicon, entry->belongs_to))
		cli_warning("belongs-to '%s' is not in the lexicon",
		            entry->belongs_to);
	for (size_t i = 0; ok && i < entry->alias_count; i++) {
		const struct polgraph_lexicon_entry *matches[SHOWN_MATCHES];
		size_t count = polgraph_actors_lookup(
			actors, entry->aliases[i].text, matches, SHOWN_MATCHES);

		for (size_t m = 0; m < count && m < SHOWN_MATCHES; m++)
			if (strcmp(matches[m]->key, entry->key) != 0)
				cli_warning("'%s' also names %s (%s)",
				            entry->aliases[i].text,
				            matches[m]->key, matches[m]->name);
	}
	polgraph_actors_free(actors);
	return ok;
}

/*
 * Checks that path (if it exists) is a lexicon file the entry can join,
 * then appends line to it on a line of its own.
 */
static bool append_entry(const char *path,
                         const struct polgraph_lexicon_entry *entry,
                         const struct polgraph_buf *line)
{
	struct polgraph_lexicon *lexicon = polgraph_lexicon_new();
	struct polgraph_error err = { 0 };
	bool newline = false, ok = false;
	FILE *file = fopen(path, "r");

	if (file) {
		fclose(file);
		if (polgraph_lexicon_load_file(lexicon, path, &err) !=
		            POLGRAPH_OK ||
		    polgraph_lexicon_add(lexicon, entry, &err) != POLGRAPH_OK) {
			cli_error("%s", err.message);
			goto out;
		}
	}
	file = fopen(path, "a+");
	if (!file) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	if (fseek(file, -1, SEEK_END) == 0)
		newline = fgetc(file) != '\n';
	fseek(file, 0, SEEK_END);
	ok = (!newline || putc('\n', file) != EOF) &&
	     fwrite(line->data, 1, line->len, file) == line->len &&
	     putc('\n', file) != EOF;
	ok = fclose(file) == 0 && ok;
	if (!ok)
		cli_error("cannot write '%s': %s", path, strerror(errno));
out:
	polgraph_lexicon_free(lexicon);
	return ok;
}

static int sub_add(struct cli *cli, const struct subcommand *sub, int argc,
                   char **argv)
{
	enum { OPT_DEMONYM = 256, OPT_METONYM, OPT_BELONGS_TO };
	static const struct option options[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "type", required_argument, NULL, 't' },
		{ "name", required_argument, NULL, 'n' },
		{ "alias", required_argument, NULL, 'a' },
		{ "demonym", required_argument, NULL, OPT_DEMONYM },
		{ "metonym", required_argument, NULL, OPT_METONYM },
		{ "belongs-to", required_argument, NULL, OPT_BELONGS_TO },
		{ "file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct new_entry add = { 0 };
	struct polgraph_lexicon_entry parsed;
	struct polgraph_arena arena = { 0 };
	struct polgraph_buf line = { 0 }, default_file = { 0 };
	struct polgraph_error err = { 0 };
	int option, exit_status = CLI_FAIL, status = -1;

	add.aliases = polgraph_xcalloc((size_t)argc, sizeof(*add.aliases));
	add.entry.aliases = add.aliases;
	while (status < 0 && (option = getopt_long(argc, argv, ":k:t:n:a:f:h",
	                                           options, NULL)) != -1) {
		switch (option) {
		case 'h':
			status = sub_help(sub);
			break;
		case 'k':
			add.entry.key = optarg;
			break;
		case 't':
			add.type_name = optarg;
			break;
		case 'n':
			add.entry.name = optarg;
			break;
		case 'a':
			status = parse_alias(sub, "alias", optarg,
			                     POLGRAPH_ALIAS_NAME, &add);
			break;
		case OPT_DEMONYM:
			status = parse_alias(sub, "demonym", optarg,
			                     POLGRAPH_ALIAS_DEMONYM, &add);
			break;
		case OPT_METONYM:
			status = parse_alias(sub, "metonym", optarg,
			                     POLGRAPH_ALIAS_METONYM, &add);
			break;
		case OPT_BELONGS_TO:
			add.entry.belongs_to = optarg;
			break;
		case 'f':
			add.file = optarg;
			break;
		default:
			status = sub_bad_option(sub, option, argv);
		}
	}
	if (status < 0 && optind < argc)
		status = sub_usage_error(sub, "unexpected argument '%s'",
		                         argv[optind]);
	if (status < 0)
		status = check_new_entry(sub, &add);
	if (status >= 0) {
		exit_status = status;
		goto out;
	}

	/* The line as the lexicon will read it, read back to validate it. */
	polgraph_lexicon_write(&add.entry, &line);
	if (polgraph_lexicon_parse(line.data, line.len, &arena, &parsed,
	                           &err) != POLGRAPH_OK) {
		exit_status = sub_usage_error(sub, "%s", err.message);
		goto out;
	}
	if (!add.file) {
		polgraph_buf_printf(&default_file, "%s/actors/local.jsonl",
		                    data_dir(cli));
		add.file = default_file.data;
	}
	if (!check_against_lexicon(cli, &parsed) ||
	    !append_entry(add.file, &parsed, &line))
		goto out;
	if (!cli->quiet)
		fprintf(stderr, "added '%s' to '%s'\n", parsed.key, add.file);
	exit_status = CLI_OK;
out:
	polgraph_buf_release(&default_file);
	polgraph_buf_release(&line);
	polgraph_arena_release(&arena);
	free(add.aliases);
	return exit_status;
}

/* ---- the subcommands ---- */

static const struct subcommand subcommands[] = {
	{ "list", sub_list,
	  "usage: polgraph [--data DIR] lexicon list [--type TYPE] "
	  "[--format tsv|json]\n"
	  "\n"
	  "Lists every entry of the lexicon the pipeline uses (the *.jsonl\n"
	  "files of DIR/actors/, in load order) as tab-separated columns\n"
	  "with a header line: key, type, name, number of aliases, number of\n"
	  "roles. With --format json, one entry per line in the lexicon\n"
	  "format (as 'lexicon export').\n"
	  "\n"
	  "options:\n"
	  "  -t, --type TYPE    only country, person, organization, location\n"
	  "                     or group entries\n"
	  "  -f, --format FMT   tsv (default) or json\n"
	  "  -h, --help         show this help\n" },
	{ "show", sub_show,
	  "usage: polgraph [--data DIR] lexicon show NAME_OR_KEY\n"
	  "\n"
	  "Finds one actor by its key (country:BLR) or by any of its names,\n"
	  "demonyms or metonyms, in any case and inflection, in any of its\n"
	  "languages (Lukashenka, лукашенко, Минска), and prints its entry:\n"
	  "key, type, display name, what it belongs to, its aliases by kind\n"
	  "and language, its roles with their dates and the file and line it\n"
	  "comes from. Several words are joined into one name. A name that\n"
	  "fits several actors is an error that lists them; exit status 1.\n"
	  "\n"
	  "options:\n"
	  "  -h, --help         show this help\n" },
	{ "export", sub_list,
	  "usage: polgraph [--data DIR] lexicon export [--type TYPE]\n"
	  "\n"
	  "Prints the entries of the lexicon the pipeline uses as JSON "
	  "Lines,\n"
	  "one entry per line in the lexicon format (docs/lexicon.md), in "
	  "load\n"
	  "order. Entries that several files extend come out merged.\n"
	  "\n"
	  "options:\n"
	  "  -t, --type TYPE    only entries of this type\n"
	  "  -h, --help         show this help\n" },
	{ "import", sub_import,
	  "usage: polgraph [--data DIR] lexicon import --format cameo FILE "
	  "[-o OUT]\n"
	  "\n"
	  "Converts a CAMEO actor dictionary (the PETRARCH/TABARI format;\n"
	  "FILE '-' is stdin) into lexicon entries and prints them as JSON\n"
	  "Lines, or writes them to OUT. Phrases become English names in\n"
	  "Title Case; a bare country code makes a country entry, IGO/NGO/MNC\n"
	  "codes an organisation, role codes and date restrictions a person\n"
	  "with one role per code (docs/lexicon.md has the details).\n"
	  "\n"
	  "The result takes effect once it is in the lexicon directory:\n"
	  "write it to DIR/actors/zz-cameo.jsonl (data/actors/ or --data "
	  "DIR).\n"
	  "An entry whose key is already there merges into it: a country\n"
	  "record adds its names to the built-in country:XXX entry. Files\n"
	  "load in sorted order and the first file to name a key gives it\n"
	  "its display name, so a name sorting last keeps the built-in "
	  "ones.\n"
	  "Names that DIR/actors/ already gives to an actor with another key\n"
	  "(CAMEO's org:IGOUNO and the built-in org:UN) would be ambiguous\n"
	  "and are reported as warnings.\n"
	  "\n"
	  "Malformed records (bad dates, unbalanced brackets, no code) are\n"
	  "reported by file and line and skipped; the rest is still "
	  "converted,\n"
	  "and the exit status is 1. A summary goes to stderr.\n"
	  "\n"
	  "options:\n"
	  "  -f, --format FMT   the dictionary format: cameo (required)\n"
	  "  -o, --output OUT   write to OUT (replaced as a whole) instead of\n"
	  "                     stdout\n"
	  "  -h, --help         show this help\n" },
	{ "add", sub_add,
	  "usage: polgraph [--data DIR] lexicon add --key KEY --type TYPE "
	  "--name NAME\n"
	  "                --alias LANG:TEXT [--alias ...] [OPTIONS]\n"
	  "\n"
	  "Appends one entry to a lexicon file, by default\n"
	  "DIR/actors/local.jsonl (DIR is --data, $POLGRAPH_DATA or the\n"
	  "built-in data), where the pipeline picks it up. The entry is\n"
	  "checked first: the key must be TYPE:ID and fit the type (country:,\n"
	  "person:, org:, loc:); a key already in the lexicon or the file\n"
	  "must keep its type, and the entry then adds names to it; names\n"
	  "that already stand for another actor are reported as warnings.\n"
	  "Give names in the nominative: the matcher finds inflected forms.\n"
	  "\n"
	  "options:\n"
	  "  -k, --key KEY          country:ISO3, person:first-last, org:ID, "
	  "...\n"
	  "  -t, --type TYPE        country, person, organization, location "
	  "or\n"
	  "                         group\n"
	  "  -n, --name NAME        display name, Latin script\n"
	  "  -a, --alias LANG:TEXT  a name as written in running text, e.g.\n"
	  "                         ru:Лукашенко (at least one)\n"
	  "  --demonym LANG:TEXT    an adjective or noun of nationality\n"
	  "  --metonym LANG:TEXT    a name that stands for it (a capital)\n"
	  "  --belongs-to KEY       the actor it is part of\n"
	  "  -f, --file PATH        append to PATH instead\n"
	  "  -h, --help             show this help\n" },
};

int cmd_lexicon(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int option;

	/* '+': stop at the subcommand; it parses its own options. */
	while ((option = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		if (option == 'h')
			return cli_help("lexicon");
		return cli_bad_option("lexicon", option, argv);
	}
	if (optind >= argc)
		return cli_usage_error("lexicon", "no subcommand given");
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]);
	     i++) {
		if (strcmp(argv[optind], subcommands[i].name) != 0)
			continue;
		argc -= optind;
		argv += optind;
		optind = 0; /* glibc: full re-initialisation */
		return subcommands[i].fn(cli, &subcommands[i], argc, argv);
	}
	return cli_usage_error("lexicon", "unknown subcommand '%s'",
	                       argv[optind]);
}
