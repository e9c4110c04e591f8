/*
 * ingest.c - reads articles from files, directories and stdin (ingest.h).
 *
 * Consumes paths; produces one struct polgraph_article at a time or a
 * rejection naming FILE:LINE. Plain text files are one article each, with
 * an optional "date YYYY-MM-DD" header; JSON Lines files hold one article
 * per line (parsed by json.c). Strings handed out live in the reader's
 * per-article arena until the next call.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "polgraph/ingest.h"
#include "polgraph/json.h"
#include "polgraph/mem.h"
#include "polgraph/text.h"

#define STDIN_LABEL "<stdin>"

struct input {
	char *path;    /* as given, or joined under a given directory */
	int error;     /* errno from stat/opendir, reported at its turn */
	uint64_t size; /* bytes, 0 for stdin */
};

struct polgraph_reader {
	enum polgraph_input_format format_option;
	char *lang;         /* forced language or NULL */
	char *source;       /* default source or NULL */
	size_t max_article; /* longest article text, bytes */
	size_t max_line;    /* longest JSON Lines line, bytes */

	struct input *inputs;
	size_t input_count, input_capacity;
	size_t next_input; /* index of the next input to open */

	FILE *file;         /* open JSON Lines input, or NULL */
	const char *label;  /* its name in messages and ids */
	size_t line_number; /* lines read from it so far */
	char *line;         /* getline buffer */
	size_t line_capacity;
	char *pending_line; /* first stdin line read while sniffing */
	size_t pending_len;
	bool pending_too_long; /* it was longer than max_line */

	struct polgraph_buf text;    /* whole-file article text */
	struct polgraph_arena arena; /* strings of the current article */
	uint64_t done, total;        /* progress in bytes */
};

struct polgraph_reader *
polgraph_reader_new(const struct polgraph_reader_options *opts)
{
	struct polgraph_reader *reader = polgraph_xcalloc(1, sizeof(*reader));

	if (opts) {
		reader->format_option = opts->format;
		if (opts->lang && *opts->lang)
			reader->lang = polgraph_xstrdup(opts->lang);
		if (opts->source && *opts->source)
			reader->source = polgraph_xstrdup(opts->source);
	}
	reader->max_article = opts && opts->max_article ? opts->max_article
	                                                : POLGRAPH_ARTICLE_MAX;
	reader->max_line =
		opts && opts->max_line ? opts->max_line : POLGRAPH_LINE_MAX;
	reader->text.max = reader->max_article;
	return reader;
}

static void close_current(struct polgraph_reader *reader)
{
	if (reader->file && reader->file != stdin)
		fclose(reader->file);
	reader->file = NULL;
	free(reader->pending_line);
	reader->pending_line = NULL;
	reader->pending_too_long = false;
}

void polgraph_reader_free(struct polgraph_reader *reader)
{
	if (!reader)
		return;
	close_current(reader);
	for (size_t i = 0; i < reader->input_count; i++)
		free(reader->inputs[i].path);
	free(reader->inputs);
	free(reader->line);
	free(reader->lang);
	free(reader->source);
	polgraph_buf_release(&reader->text);
	polgraph_arena_release(&reader->arena);
	free(reader);
}

static void push_input(struct polgraph_reader *reader, char *path, int error,
                       uint64_t size)
{
	struct input *input;

	polgraph_xgrow((void **)&reader->inputs, &reader->input_capacity,
	               reader->input_count + 1, sizeof(*reader->inputs));
	input = &reader->inputs[reader->input_count++];
	input->path = path;
	input->error = error;
	input->size = size;
	reader->total += size;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t len = strlen(s), suffix_len = strlen(suffix);

	return len >= suffix_len && strcmp(s + len - suffix_len, suffix) == 0;
}

static bool is_article_file(const char *name)
{
	return ends_with(name, ".txt") || ends_with(name, ".jsonl") ||
	       ends_with(name, ".ndjson");
}

static int compare_names(const void *left, const void *right)
{
	return strcmp(*(char *const *)left, *(char *const *)right);
}

/*
 * Queues the article files under dir in byte-wise sorted order. Hidden
 * entries are skipped, and symbolic links to directories are not followed
 * (no cycles).
 */
static void walk_directory(struct polgraph_reader *reader, const char *dir)
{
	char **names = NULL;
	size_t name_count = 0, name_capacity = 0;
	struct dirent *entry;
	DIR *handle = opendir(dir);

	if (!handle) {
		push_input(reader, polgraph_xstrdup(dir), errno, 0);
		return;
	}
	while ((entry = readdir(handle))) {
		if (entry->d_name[0] == '.')
			continue;
		polgraph_xgrow((void **)&names, &name_capacity, name_count + 1,
		               sizeof(*names));
		names[name_count++] = polgraph_xstrdup(entry->d_name);
	}
	closedir(handle);
	if (name_count) /* names is NULL for an empty directory */
		qsort(names, name_count, sizeof(*names), compare_names);

	for (size_t i = 0; i < name_count; i++) {
		size_t dir_len = strlen(dir);
		bool slash = dir_len && dir[dir_len - 1] == '/';
		char *path = polgraph_xmalloc(dir_len + strlen(names[i]) + 2);
		struct stat link_info, info;

		sprintf(path, "%s%s%s", dir, slash ? "" : "/", names[i]);
		if (lstat(path, &link_info) != 0) {
			push_input(reader, path, errno, 0);
		} else if (S_ISDIR(link_info.st_mode)) {
			walk_directory(reader, path);
			free(path);
		} else if (!is_article_file(names[i])) {
			free(path);
		} else if (stat(path, &info) != 0) {
			push_input(reader, path, errno, 0);
		} else if (S_ISREG(info.st_mode)) {
			push_input(reader, path, 0, (uint64_t)info.st_size);
		} else {
			free(path);
		}
		free(names[i]);
	}
	free(names);
}

void polgraph_reader_add(struct polgraph_reader *reader, const char *path)
{
	struct stat info;

	if (strcmp(path, "-") == 0) {
		push_input(reader, polgraph_xstrdup(path), 0, 0);
		return;
	}
	if (stat(path, &info) != 0) {
		push_input(reader, polgraph_xstrdup(path), errno, 0);
		return;
	}
	if (S_ISDIR(info.st_mode)) {
		walk_directory(reader, path);
		return;
	}
	push_input(reader, polgraph_xstrdup(path), 0,
	           S_ISREG(info.st_mode) ? (uint64_t)info.st_size : 0);
}

void polgraph_reader_progress(const struct polgraph_reader *reader,
                              uint64_t *done, uint64_t *total)
{
	*done = reader->done;
	*total = reader->total > reader->done ? reader->total : reader->done;
}

/* ---- dates and headers ---- */

static bool all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int number_at(const char *s, size_t len)
{
	int value = 0;

	for (size_t i = 0; i < len; i++)
		value = value * 10 + (s[i] - '0');
	return value;
}

/* Is s[0..10) a real calendar date YYYY-MM-DD? */
static bool valid_date(const char *s)
{
	static const int days_in_month[] = { 31, 28, 31, 30, 31, 30,
		                             31, 31, 30, 31, 30, 31 };
	int year, month, day, limit;

	if (!all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) ||
	    s[7] != '-' || !all_digits(s + 8, 2))
		return false;
	year = number_at(s, 4);
	month = number_at(s + 5, 2);
	day = number_at(s + 8, 2);
	if (year < 1000 || month < 1 || month > 12 || day < 1)
		return false;
	limit = days_in_month[month - 1];
	if (month == 2 &&
	    (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
		limit = 29;
	return day <= limit;
}

bool polgraph_date_parse(const char *s, char out[11])
{
	if (!s || strlen(s) < 10 || !valid_date(s))
		return false;
	if (s[10] != '\0' && s[10] != 'T' && s[10] != ' ')
		return false;
	memcpy(out, s, 10);
	out[10] = '\0';
	return true;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

enum polgraph_status polgraph_text_header(const char *text, size_t len,
                                          char date_out[11], size_t *body_start)
{
	size_t at = 0;

	while (at < len && is_space(text[at]))
		at++;
	if (len - at < 5 || memcmp(text + at, "date", 4) != 0 ||
	    (text[at + 4] != ' ' && text[at + 4] != '\t'))
		return POLGRAPH_NOTFOUND;
	at += 4;
	while (at < len && (text[at] == ' ' || text[at] == '\t'))
		at++;
	if (at >= len || text[at] < '0' || text[at] > '9')
		return POLGRAPH_NOTFOUND; /* prose that starts with "date" */
	if (len - at < 10 || !valid_date(text + at) ||
	    (len - at > 10 && !is_space(text[at + 10])))
		return POLGRAPH_INVALID;
	memcpy(date_out, text + at, 10);
	date_out[10] = '\0';
	at += 10;
	while (at < len && is_space(text[at]))
		at++;
	*body_start = at;
	return POLGRAPH_OK;
}

/* ---- shared checks ---- */

static size_t line_of(const char *text, size_t offset)
{
	size_t line = 1;

	for (size_t i = 0; i < offset; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

/* 1-based byte column of offset within its line. */
static size_t column_of(const char *text, size_t offset)
{
	size_t line_start = offset;

	while (line_start > 0 && text[line_start - 1] != '\n')
		line_start--;
	return offset - line_start + 1;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_space(s[i]))
			return false;
	return true;
}

/* Language tag: two or three letters, optionally a region ("pt-BR");
 * stored as the lower-case primary subtag. */
static const char *language_tag(struct polgraph_arena *arena, const char *tag)
{
	size_t letters = 0;
	char *copy;

	while ((tag[letters] >= 'a' && tag[letters] <= 'z') ||
	       (tag[letters] >= 'A' && tag[letters] <= 'Z'))
		letters++;
	if (letters < 2 || letters > 3 ||
	    (tag[letters] != '\0' && tag[letters] != '-' &&
	     tag[letters] != '_'))
		return NULL;
	copy = polgraph_arena_strndup(arena, tag, letters);
	for (size_t i = 0; i < letters; i++)
		if (copy[i] >= 'A' && copy[i] <= 'Z')
			copy[i] = (char)(copy[i] - 'A' + 'a');
	return copy;
}

/* Applies reader options and validates the fields every format shares. */
static enum polgraph_status finish_article(struct polgraph_reader *reader,
                                           struct polgraph_article *article,
                                           const char *where,
                                           struct polgraph_error *err)
{
	char date[11];

	if (blank(article->text, article->text_len))
		return polgraph_error_set(err, POLGRAPH_EMPTY,
		                          "%s: empty article", where);
	if (article->date) {
		if (!polgraph_date_parse(article->date, date))
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"%s: invalid date '%s' (want YYYY-MM-DD)",
				where, article->date);
		article->date = polgraph_arena_strdup(&reader->arena, date);
	}
	if (reader->lang) {
		article->lang = reader->lang;
	} else if (article->lang && *article->lang) {
		const char *tag = language_tag(&reader->arena, article->lang);

		if (!tag)
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"%s: invalid language '%s' (want a code like "
				"'ru' or 'en')",
				where, article->lang);
		article->lang = tag;
	} else {
		article->lang = NULL; /* detected by the pipeline */
	}
	if (!article->source && reader->source)
		article->source = reader->source;
	return POLGRAPH_OK;
}

/* "16 MiB" or "1000 bytes", for limit messages. */
static const char *size_text(size_t bytes, char out[32])
{
	if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
		snprintf(out, 32, "%zu MiB", bytes >> 20);
	else
		snprintf(out, 32, "%zu bytes", bytes);
	return out;
}

/* ---- plain text ---- */

static enum polgraph_status read_all(struct polgraph_reader *reader, FILE *file,
                                     const char *label,
                                     struct polgraph_error *err)
{
	char chunk[65536], limit[32];
	size_t got;

	while ((got = fread(chunk, 1, sizeof(chunk), file)) > 0) {
		reader->done += got;
		if (polgraph_buf_append(&reader->text, chunk, got) !=
		    POLGRAPH_OK)
			return polgraph_error_set(
				err, POLGRAPH_TOOBIG,
				"%s: article larger than %s (limit: "
				"--max-article-size)",
				label, size_text(reader->max_article, limit));
	}
	if (ferror(file))
		return polgraph_error_set(err, POLGRAPH_IO,
		                          "cannot read '%s': %s", label,
		                          strerror(errno));
	return POLGRAPH_OK;
}

/* The article in reader->text, read from the file `label`. */
static enum polgraph_status text_article(struct polgraph_reader *reader,
                                         const char *label,
                                         struct polgraph_article *article,
                                         struct polgraph_error *err)
{
	const char *text = reader->text.data ? reader->text.data : "";
	size_t len = reader->text.len, bad, body = 0;
	char date[11];
	enum polgraph_status status;
	const char *where;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3; /* byte order mark */
		len -= 3;
	}
	if (!polgraph_text_utf8_valid(text, len, &bad))
		return polgraph_error_set(
			err, POLGRAPH_UTF8, "%s:%zu:%zu: %s", label,
			line_of(text, bad), column_of(text, bad),
			text[bad] ? "invalid UTF-8" : "NUL byte");

	memset(article, 0, sizeof(*article));
	status = polgraph_text_header(text, len, date, &body);
	if (status == POLGRAPH_INVALID) {
		size_t start = 0;

		while (start < len && is_space(text[start]))
			start++;
		return polgraph_error_set(
			err, POLGRAPH_INVALID,
			"%s:%zu: invalid date header (want 'date YYYY-MM-DD')",
			label, line_of(text, start));
	}
	if (status == POLGRAPH_OK)
		article->date = polgraph_arena_strdup(&reader->arena, date);
	article->id = polgraph_arena_strdup(&reader->arena, label);
	article->origin = article->id;
	article->line = line_of(text, body);
	article->text = text + body;
	article->text_len = len - body;
	where = article->id;
	return finish_article(reader, article, where, err);
}

static enum polgraph_status read_text_file(struct polgraph_reader *reader,
                                           const struct input *input,
                                           struct polgraph_article *article,
                                           struct polgraph_error *err)
{
	enum polgraph_status status;
	FILE *file = fopen(input->path, "rb");

	if (!file)
		return polgraph_error_set(err, POLGRAPH_IO,
		                          "cannot open '%s': %s", input->path,
		                          strerror(errno));
	polgraph_buf_reset(&reader->text);
	status = read_all(reader, file, input->path, err);
	fclose(file);
	if (status != POLGRAPH_OK)
		return status;
	return text_article(reader, input->path, article, err);
}

/* ---- JSON Lines ---- */

/*
 * Reads one line (with its newline) of reader->file into reader->line,
 * keeping at most reader->max_line + 1 bytes so a hostile line costs no
 * more memory than the limit: the rest of an over-long line is read and
 * dropped, and *too_long is set. Returns the bytes kept, or -1 at end of
 * input.
 */
static long read_line(struct polgraph_reader *reader, bool *too_long)
{
	size_t kept = 0, total = 0;
	bool newline = false;
	int c;

	*too_long = false;
	while ((c = getc_unlocked(reader->file)) != EOF) {
		total++;
		if (kept <= reader->max_line) {
			if (kept + 2 >
			    reader->line_capacity) /* per byte: no call */
				polgraph_xgrow((void **)&reader->line,
				               &reader->line_capacity, kept + 2,
				               1);
			reader->line[kept++] = (char)c;
		}
		if (c == '\n') {
			newline = true;
			break;
		}
	}
	if (total == 0)
		return -1;
	reader->line[kept] = '\0';
	reader->done += total;
	*too_long =
		total - newline > reader->max_line; /* newline not counted */
	return (long)kept;
}

/* The next line of the open JSON Lines input, counted. */
static long next_line(struct polgraph_reader *reader, bool *too_long)
{
	long got;

	*too_long = false;
	if (reader->pending_line) {
		free(reader->line);
		reader->line = reader->pending_line;
		reader->line_capacity = reader->pending_len + 1;
		*too_long = reader->pending_too_long;
		reader->pending_line = NULL;
		reader->line_number++;
		return (long)reader->pending_len;
	}
	got = read_line(reader, too_long);
	if (got >= 0)
		reader->line_number++;
	return got;
}

static enum polgraph_status jsonl_article(struct polgraph_reader *reader,
                                          struct polgraph_article *article,
                                          struct polgraph_error *err)
{
	const char *line;
	char limit[32];
	size_t len, bad;
	bool too_long;
	long got;
	enum polgraph_status status;

	for (;;) {
		got = next_line(reader, &too_long);
		if (got < 0) {
			status = ferror(reader->file) ? POLGRAPH_IO
			                              : POLGRAPH_DONE;
			if (status == POLGRAPH_IO)
				polgraph_error_set(
					err, status, "cannot read '%s': %s",
					reader->label, strerror(errno));
			close_current(reader);
			return status;
		}
		line = reader->line;
		len = (size_t)got;
		if (reader->line_number == 1 && len >= 3 &&
		    memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
			line += 3;
			len -= 3;
		}
		if (!blank(line, len))
			break;
	}
	if (too_long)
		return polgraph_error_set(
			err, POLGRAPH_TOOBIG,
			"%s:%zu: line longer than %s (limit: --max-line)",
			reader->label, reader->line_number,
			size_text(reader->max_line, limit));
	if (!polgraph_text_utf8_valid(line, len, &bad))
		return polgraph_error_set(
			err, POLGRAPH_UTF8, "%s:%zu:%zu: %s", reader->label,
			reader->line_number, bad + 1,
			line[bad] ? "invalid UTF-8" : "NUL byte");
	status = polgraph_json_parse_article(line, len, &reader->arena, article,
	                                     err);
	if (status != POLGRAPH_OK) {
		char detail[sizeof(err->message)];

		if (!err)
			return status;
		snprintf(detail, sizeof(detail), "%s", err->message);
		return polgraph_error_set(err, status, "%s:%zu: %s",
		                          reader->label, reader->line_number,
		                          detail);
	}
	if (!polgraph_text_utf8_valid(article->text, article->text_len, NULL))
		return polgraph_error_set(err, POLGRAPH_UTF8,
		                          "%s:%zu: text is not valid UTF-8",
		                          reader->label, reader->line_number);
	if (article->text_len > reader->max_article)
		return polgraph_error_set(
			err, POLGRAPH_TOOBIG,
			"%s:%zu: article larger than %s (limit: "
			"--max-article-size)",
			reader->label, reader->line_number,
			size_text(reader->max_article, limit));
	if (!article->id || !*article->id)
		article->id = polgraph_arena_printf(&reader->arena, "%s:%zu",
		                                    reader->label,
		                                    reader->line_number);
	article->origin = reader->label;
	article->line = reader->line_number;
	return finish_article(
		reader, article,
		polgraph_arena_printf(&reader->arena, "%s:%zu (article '%s')",
	                              reader->label, reader->line_number,
	                              article->id),
		err);
}

/* ---- dispatch ---- */

static enum polgraph_input_format
format_of(const struct polgraph_reader *reader, const char *path)
{
	if (reader->format_option != POLGRAPH_FORMAT_AUTO)
		return reader->format_option;
	if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson"))
		return POLGRAPH_FORMAT_JSONL;
	if (ends_with(path, ".txt"))
		return POLGRAPH_FORMAT_TEXT;
	return POLGRAPH_FORMAT_AUTO;
}

/* Does this first line look like the start of a JSON object? */
static bool looks_like_json(const char *line, size_t len)
{
	size_t at = 0;

	if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
		at = 3;
	while (at < len && is_space(line[at]))
		at++;
	return at < len && line[at] == '{';
}

/*
 * Opens the input at reader->next_input. Plain text inputs are read whole
 * and returned as an article right away; JSON Lines inputs are left open in
 * reader->file, *streaming is set and no article is returned yet.
 */
static enum polgraph_status open_next(struct polgraph_reader *reader,
                                      struct polgraph_article *article,
                                      bool *streaming,
                                      struct polgraph_error *err)
{
	const struct input *input = &reader->inputs[reader->next_input++];
	bool from_stdin = strcmp(input->path, "-") == 0;
	enum polgraph_input_format format = format_of(reader, input->path);
	FILE *file;
	enum polgraph_status status;

	if (input->error)
		return polgraph_error_set(err, POLGRAPH_IO,
		                          "cannot read '%s': %s", input->path,
		                          strerror(input->error));
	if (format == POLGRAPH_FORMAT_TEXT && !from_stdin)
		return read_text_file(reader, input, article, err);

	file = from_stdin ? stdin : fopen(input->path, "rb");
	if (!file)
		return polgraph_error_set(err, POLGRAPH_IO,
		                          "cannot open '%s': %s", input->path,
		                          strerror(errno));
	reader->file = file;
	reader->label = from_stdin ? STDIN_LABEL : input->path;
	reader->line_number = 0;
	if (format == POLGRAPH_FORMAT_AUTO) {
		/* Sniff the first line; keep it for the JSON Lines reader. */
		bool too_long;
		long got = read_line(reader, &too_long);

		if (got < 0) {
			close_current(reader);
			return polgraph_error_set(
				err, POLGRAPH_EMPTY, "%s: empty input",
				from_stdin ? STDIN_LABEL : input->path);
		}
		reader->pending_line =
			polgraph_xstrndup(reader->line, (size_t)got);
		reader->pending_len = (size_t)got;
		reader->pending_too_long = too_long;
		format = looks_like_json(reader->line, (size_t)got)
		                 ? POLGRAPH_FORMAT_JSONL
		                 : POLGRAPH_FORMAT_TEXT;
	}
	if (format == POLGRAPH_FORMAT_JSONL) {
		*streaming = true;
		return POLGRAPH_OK;
	}

	polgraph_buf_reset(&reader->text);
	if (reader->pending_too_long) {
		char limit[32];

		close_current(reader);
		return polgraph_error_set(
			err, POLGRAPH_TOOBIG,
			"%s:1: line longer than %s (limit: --max-line)",
			reader->label, size_text(reader->max_line, limit));
	}
	if (reader->pending_line &&
	    polgraph_buf_append(&reader->text, reader->pending_line,
	                        reader->pending_len) != POLGRAPH_OK) {
		char limit[32];

		close_current(reader);
		return polgraph_error_set(
			err, POLGRAPH_TOOBIG,
			"%s: article larger than %s (limit: "
			"--max-article-size)",
			reader->label, size_text(reader->max_article, limit));
	}
	status = read_all(reader, file, reader->label, err);
	close_current(reader);
	if (status != POLGRAPH_OK)
		return status;
	return text_article(reader, from_stdin ? STDIN_LABEL : input->path,
	                    article, err);
}

enum polgraph_status polgraph_reader_next(struct polgraph_reader *reader,
                                          struct polgraph_article *article,
                                          struct polgraph_error *err)
{
	enum polgraph_status status;
	bool streaming;

	polgraph_error_clear(err);
	polgraph_arena_release(&reader->arena);
	memset(article, 0, sizeof(*article));
	for (;;) {
		if (reader->file) {
			status = jsonl_article(reader, article, err);
			if (status != POLGRAPH_DONE)
				return status;
			continue;
		}
		if (reader->next_input >= reader->input_count)
			return POLGRAPH_DONE;
		streaming = false;
		status = open_next(reader, article, &streaming, err);
		if (!streaming)
			return status;
	}
}
