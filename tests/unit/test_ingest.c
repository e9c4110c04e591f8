/*
 * test_ingest.c - unit tests for ingest.h: date checks, the plain-text date
 * header, and the reader on real files (plain text, JSON Lines, directory
 * walks, options, progress) written to a temporary directory that is
 * removed at the end.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "polgraph/ingest.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define PATH_SIZE     4096

static char tmp_root[256];

/* ---- temporary files ---- */

static void join(char *out, const char *rel)
{
	snprintf(out, PATH_SIZE, "%s/%s", tmp_root, rel);
}

/* Writes len bytes of content to tmp_root/rel; returns len. */
static uint64_t write_file(const char *rel, const char *content, size_t len)
{
	char path[PATH_SIZE];
	FILE *file;

	join(path, rel);
	file = fopen(path, "wb");
	if (!file) {
		fprintf(stderr, "cannot create '%s': %s\n", path,
		        strerror(errno));
		exit(2);
	}
	if (len && fwrite(content, 1, len, file) != len) {
		fprintf(stderr, "cannot write '%s'\n", path);
		exit(2);
	}
	fclose(file);
	return len;
}

static uint64_t write_text(const char *rel, const char *content)
{
	return write_file(rel, content, strlen(content));
}

static void make_dir(const char *rel)
{
	char path[PATH_SIZE];

	join(path, rel);
	if (mkdir(path, 0700) != 0) {
		fprintf(stderr, "cannot mkdir '%s': %s\n", path,
		        strerror(errno));
		exit(2);
	}
}

static void remove_tree(const char *path)
{
	struct stat info;
	DIR *handle;
	struct dirent *entry;

	if (lstat(path, &info) != 0)
		return;
	if (!S_ISDIR(info.st_mode)) {
		unlink(path);
		return;
	}
	handle = opendir(path);
	if (handle) {
		while ((entry = readdir(handle))) {
			char child[PATH_SIZE];

			if (strcmp(entry->d_name, ".") == 0 ||
			    strcmp(entry->d_name, "..") == 0)
				continue;
			snprintf(child, sizeof(child), "%s/%s", path,
			         entry->d_name);
			remove_tree(child);
		}
		closedir(handle);
	}
	rmdir(path);
}

/* ---- polgraph_date_parse ---- */

static void test_date_parse(void)
{
	static const struct {
		const char *input;
		const char *want; /* NULL: rejected */
	} rows[] = {
		{ "2025-10-17", "2025-10-17" },
		{ "2025-01-01", "2025-01-01" },
		{ "2025-12-31", "2025-12-31" },
		{ "2024-02-29", "2024-02-29" }, /* leap year */
		{ "2025-02-29", NULL },
		{ "1900-02-29", NULL },         /* century, not leap */
		{ "2000-02-29", "2000-02-29" }, /* 400-year leap */
		{ "2025-02-28", "2025-02-28" },
		{ "2025-04-31", NULL },
		{ "2025-06-30", "2025-06-30" },
		{ "2025-13-01", NULL },
		{ "2025-00-10", NULL },
		{ "2025-01-00", NULL },
		{ "2025-01-32", NULL },
		{ "2025-1-01", NULL },
		{ "2025-01-1", NULL },
		{ "25-01-01", NULL },
		{ "2025/10/17", NULL },
		{ "2025-10-17T08:00:00Z", "2025-10-17" },
		{ "2025-10-17T08:00:00+03:00", "2025-10-17" },
		{ "2025-10-17 08:00", "2025-10-17" },
		{ "2025-10-17x", NULL },
		{ "2025-10-170", NULL },
		{ "2025-10-17Z", NULL },
		{ " 2025-10-17", NULL },
		{ "abcd-ef-gh", NULL },
		{ "", NULL },
		{ "2025", NULL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		char out[11] = "untouched";
		bool ok = polgraph_date_parse(rows[i].input, out);

		CHECK_INT(ok, rows[i].want != NULL, rows[i].input);
		if (rows[i].want)
			CHECK_STR(out, rows[i].want, rows[i].input);
	}
	CHECK(!polgraph_date_parse(NULL, (char[11]){ 0 }), "NULL date");
}

/* ---- polgraph_text_header ---- */

static void test_text_header(void)
{
	static const struct {
		const char *input;
		size_t len; /* 0: strlen(input) */
		enum polgraph_status want_status;
		const char *want_date;
		size_t want_body;
	} rows[] = {
		{ "No header here.\n", 0, POLGRAPH_NOTFOUND, NULL, 0 },
		{ "", 0, POLGRAPH_NOTFOUND, NULL, 0 },
		{ "  \n ", 0, POLGRAPH_NOTFOUND, NULL, 0 },
		{ "date 2025-10-17\nBody", 0, POLGRAPH_OK, "2025-10-17", 16 },
		{ " \n date 2025-10-17 Body on same line", 0, POLGRAPH_OK,
		  "2025-10-17", 19 },
		{ "date 2025-10-17", 0, POLGRAPH_OK, "2025-10-17", 15 },
		{ "date 2025-10-17\n\n  ", 0, POLGRAPH_OK, "2025-10-17", 19 },
		{ "date\t2025-10-17\tBody", 0, POLGRAPH_OK, "2025-10-17", 16 },
		{ "date   2025-10-17\r\n\r\nBody", 0, POLGRAPH_OK, "2025-10-17",
		  21 },
		{ "date 2024-02-29\nЛукашенко", 0, POLGRAPH_OK, "2024-02-29",
		  16 },
		/* len bounds the text: the X is outside it */
		{ "date 2025-10-17X", 15, POLGRAPH_OK, "2025-10-17", 15 },
		{ "date 2025-02-30\nBody", 0, POLGRAPH_INVALID, NULL, 0 },
		{ "date 2025-13-01\nBody", 0, POLGRAPH_INVALID, NULL, 0 },
		{ "date 2025-1-01 Body", 0, POLGRAPH_INVALID, NULL, 0 },
		{ "date 2025-10-17x Body", 0, POLGRAPH_INVALID, NULL, 0 },
		{ "date 2025-10-17T08:00:00Z Body", 0, POLGRAPH_INVALID, NULL,
		  0 },
		{ "date 2025-10", 0, POLGRAPH_INVALID, NULL, 0 },
		{ "date 2025-10-17", 12, POLGRAPH_INVALID, NULL, 0 },
		{ "date night in Paris", 0, POLGRAPH_NOTFOUND, NULL, 0 },
		{ "Date 2025-10-17\nBody", 0, POLGRAPH_NOTFOUND, NULL, 0 },
		{ "DATE 2025-10-17\nBody", 0, POLGRAPH_NOTFOUND, NULL, 0 },
		{ "dated 2025-10-17\nBody", 0, POLGRAPH_NOTFOUND, NULL, 0 },
		{ "date", 0, POLGRAPH_NOTFOUND, NULL, 0 },
		{ "date ", 0, POLGRAPH_NOTFOUND, NULL, 0 },
		{ "date\n2025-10-17\nBody", 0, POLGRAPH_NOTFOUND, NULL, 0 },
		{ "Body first\ndate 2025-10-17", 0, POLGRAPH_NOTFOUND, NULL,
		  0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		size_t len = rows[i].len ? rows[i].len : strlen(rows[i].input);
		char date[11] = "";
		size_t body = 12345;
		enum polgraph_status status;

		status = polgraph_text_header(rows[i].input, len, date, &body);
		CHECK_INT(status, rows[i].want_status, rows[i].input);
		if (rows[i].want_status != POLGRAPH_OK)
			continue;
		CHECK_STR(date, rows[i].want_date, rows[i].input);
		CHECK_INT(body, rows[i].want_body, rows[i].input);
	}
}

/* ---- the reader ---- */

/*
 * Calls polgraph_reader_next once and checks its status; for POLGRAPH_OK
 * want is the article id, otherwise the whole error message.
 */
static void expect_next(struct polgraph_reader *reader,
                        struct polgraph_article *article,
                        enum polgraph_status want_status, const char *want,
                        const char *label)
{
	struct polgraph_error err;
	enum polgraph_status status;

	memset(&err, 'x', sizeof(err));
	status = polgraph_reader_next(reader, article, &err);
	CHECK_INT(status, want_status, label);
	if (status != want_status)
		return;
	if (status == POLGRAPH_OK) {
		CHECK_STR(article->id, want, label);
		CHECK_INT(err.status, POLGRAPH_OK, label);
		CHECK_STR(err.message, "", label);
	} else if (status == POLGRAPH_DONE) {
		CHECK_INT(err.status, POLGRAPH_OK, label);
	} else {
		CHECK_INT(err.status, want_status, label);
		CHECK_STR(err.message, want, label);
	}
}

static void test_text_files(void)
{
	static const struct {
		const char *name;
		const char *content;
		size_t len; /* 0: strlen(content) */
		enum polgraph_status want_status;
		const char *want_date;
		const char *want_text;    /* OK: exact article text */
		size_t want_line;         /* OK: line where the body starts */
		const char *want_message; /* rejection: after "PATH" */
	} rows[] = {
		{ "header.txt",
		  "\ndate 2025-10-17\n\nПосол встретился с министром.\n"
		  "Вторая строка.\n",
		  0, POLGRAPH_OK, "2025-10-17",
		  "Посол встретился с министром.\nВторая строка.\n", 4, NULL },
		{ "same-line.txt", "date 2025-03-01 Body on the same line.", 0,
		  POLGRAPH_OK, "2025-03-01", "Body on the same line.", 1,
		  NULL },
		{ "bom.txt",
		  "\xEF\xBB\xBF"
		  "date 2024-02-29\nBOM body.\n",
		  0, POLGRAPH_OK, "2024-02-29", "BOM body.\n", 2, NULL },
		{ "bom-plain.txt", "\xEF\xBB\xBFNo header after the BOM.", 0,
		  POLGRAPH_OK, NULL, "No header after the BOM.", 1, NULL },
		{ "plain.txt", "No header, just news.\nSecond line.\n", 0,
		  POLGRAPH_OK, NULL, "No header, just news.\nSecond line.\n", 1,
		  NULL },
		{ "prose.txt", "date night in Paris ended early.\n", 0,
		  POLGRAPH_OK, NULL, "date night in Paris ended early.\n", 1,
		  NULL },
		{ "bad-utf8.txt", "line one\nline two\nbad \xC3\x28 byte\n", 0,
		  POLGRAPH_UTF8, NULL, NULL, 0, ":3:5: invalid UTF-8" },
		{ "nul.txt", "ok\nthen\0nul\n", 12, POLGRAPH_UTF8, NULL, NULL,
		  0, ":2:5: NUL byte" },
		{ "empty.txt", "", 0, POLGRAPH_EMPTY, NULL, NULL, 0,
		  ": empty article" },
		{ "blank.txt", "  \n\t\n", 0, POLGRAPH_EMPTY, NULL, NULL, 0,
		  ": empty article" },
		{ "header-only.txt", "date 2025-10-17\n", 0, POLGRAPH_EMPTY,
		  NULL, NULL, 0, ": empty article" },
		{ "bad-header.txt", "\n\ndate 2025-02-30\nBody.\n", 0,
		  POLGRAPH_INVALID, NULL, NULL, 0,
		  ":3: invalid date header (want 'date YYYY-MM-DD')" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct polgraph_reader *reader = polgraph_reader_new(NULL);
		struct polgraph_article article;
		char path[PATH_SIZE], want[PATH_SIZE + 100];
		size_t len =
			rows[i].len ? rows[i].len : strlen(rows[i].content);

		write_file(rows[i].name, rows[i].content, len);
		join(path, rows[i].name);
		polgraph_reader_add(reader, path);
		if (rows[i].want_status == POLGRAPH_OK) {
			expect_next(reader, &article, POLGRAPH_OK, path,
			            rows[i].name);
			CHECK_STR(article.origin, path, rows[i].name);
			CHECK_STR(article.date, rows[i].want_date,
			          rows[i].name);
			CHECK_STR(article.text, rows[i].want_text,
			          rows[i].name);
			CHECK_INT(article.text_len, strlen(rows[i].want_text),
			          rows[i].name);
			CHECK_INT(article.line, rows[i].want_line,
			          rows[i].name);
			CHECK_STR(article.lang, NULL, rows[i].name);
			CHECK_STR(article.title, NULL, rows[i].name);
			CHECK_STR(article.source, NULL, rows[i].name);
			CHECK_STR(article.url, NULL, rows[i].name);
		} else {
			snprintf(want, sizeof(want), "%s%s", path,
			         rows[i].want_message);
			expect_next(reader, &article, rows[i].want_status, want,
			            rows[i].name);
		}
		expect_next(reader, &article, POLGRAPH_DONE, NULL,
		            rows[i].name);
		expect_next(reader, &article, POLGRAPH_DONE, NULL,
		            rows[i].name);
		polgraph_reader_free(reader);
	}
}

/* The JSON Lines file: every kind of line, in order. */
static const char feed_jsonl[] =
	"{\"id\":\"a1\",\"date\":\"2025-10-17\",\"lang\":\"en\","
	"\"title\":\"Talks in Minsk\",\"source\":\"Wire\","
	"\"url\":\"https://example.org/1\",\"text\":\"Envoys met in Minsk.\"}\n"
	"   \n"
	"{\"id\":\"a3\",\"text\":\"unterminated\n"
	"{\"id\":\"a4\",\"title\":\"No body\"}\n"
	"{\"id\":\"a5\",\"text\":5}\n"
	"{\"id\":42,\"text\":\"Numeric id.\"}\n"
	"{\"text\":\"No id here.\",\"title\":null}\n"
	"{\"id\":\"a8\",\"date\":\"2025-02-30\",\"text\":\"Bad date.\"}\n"
	"{\"id\":\"a9\",\"lang\":\"RU\",\"text\":\"Посол прибыл.\"}\n"
	"{\"id\":\"a10\",\"lang\":\"russian\",\"text\":\"Посол уехал.\"}\n"
	"{\"id\":\"a11\",\"text\":\"Trailing.\"} x\n"
	"{\"id\":\"a12\",\"text\":\" \\n\\t \"}\n"
	"{\"id\":\"a13\",\"text\":\"bad \xC3\x28\"}\n"
	"\n"
	"{\"id\":\"a15\",\"date\":\"2025-10-17T08:00:00Z\",\"lang\":\"pt-BR\","
	"\"text\":\"Last one.\"}";

static const struct {
	enum polgraph_status status;
	const char *id;     /* OK with a given id */
	const char *suffix; /* after "PATH": the id (OK) or the message */
	const char *date;   /* OK rows */
	const char *lang;
	const char *text;
	size_t line;
} feed_rows[] = {
	{ POLGRAPH_OK, "a1", NULL, "2025-10-17", "en", "Envoys met in Minsk.",
	  1 },
	{ POLGRAPH_JSON, NULL, ":3: malformed JSON near byte 20", NULL, NULL,
	  NULL, 0 },
	{ POLGRAPH_INVALID, NULL, ":4: missing required field 'text'", NULL,
	  NULL, NULL, 0 },
	{ POLGRAPH_INVALID, NULL, ":5: field 'text' must be a string", NULL,
	  NULL, NULL, 0 },
	{ POLGRAPH_OK, "42", NULL, NULL, NULL, "Numeric id.", 6 },
	{ POLGRAPH_OK, NULL, ":7", NULL, NULL, "No id here.", 7 },
	{ POLGRAPH_INVALID, NULL,
	  ":8 (article 'a8'): invalid date '2025-02-30' (want YYYY-MM-DD)",
	  NULL, NULL, NULL, 0 },
	{ POLGRAPH_OK, "a9", NULL, NULL, "ru", "Посол прибыл.", 9 },
	{ POLGRAPH_INVALID, NULL,
	  ":10 (article 'a10'): invalid language 'russian' (want a code "
	  "like 'ru' or 'en')",
	  NULL, NULL, NULL, 0 },
	{ POLGRAPH_JSON, NULL,
	  ":11: unexpected text after the JSON object at byte 33", NULL, NULL,
	  NULL, 0 },
	{ POLGRAPH_EMPTY, NULL, ":12 (article 'a12'): empty article", NULL,
	  NULL, NULL, 0 },
	{ POLGRAPH_UTF8, NULL, ":13:25: invalid UTF-8", NULL, NULL, NULL, 0 },
	{ POLGRAPH_OK, "a15", NULL, "2025-10-17", "pt", "Last one.", 15 },
};

static void check_feed(struct polgraph_reader *reader, const char *path)
{
	struct polgraph_article article;

	for (size_t i = 0; i < ARRAY_SIZE(feed_rows); i++) {
		char want[PATH_SIZE + 200], label[64];

		snprintf(label, sizeof(label), "feed row %zu", i);
		if (feed_rows[i].id)
			snprintf(want, sizeof(want), "%s", feed_rows[i].id);
		else
			snprintf(want, sizeof(want), "%s%s", path,
			         feed_rows[i].suffix);
		expect_next(reader, &article, feed_rows[i].status, want, label);
		if (feed_rows[i].status != POLGRAPH_OK)
			continue;
		CHECK_STR(article.origin, path, label);
		CHECK_STR(article.date, feed_rows[i].date, label);
		CHECK_STR(article.lang, feed_rows[i].lang, label);
		CHECK_STR(article.text, feed_rows[i].text, label);
		CHECK_INT(article.text_len, strlen(feed_rows[i].text), label);
		CHECK_INT(article.line, feed_rows[i].line, label);
		if (i == 0) {
			CHECK_STR(article.source, "Wire", label);
			CHECK_STR(article.title, "Talks in Minsk", label);
			CHECK_STR(article.url, "https://example.org/1", label);
		} else {
			CHECK_STR(article.source, NULL, label);
			CHECK_STR(article.title, NULL, label);
			CHECK_STR(article.url, NULL, label);
		}
	}
	expect_next(reader, &article, POLGRAPH_DONE, NULL, "feed end");
	expect_next(reader, &article, POLGRAPH_DONE, NULL, "feed end again");
}

static void test_jsonl_file(void)
{
	struct polgraph_reader *reader = polgraph_reader_new(NULL);
	struct polgraph_article article;
	enum polgraph_status status;
	char path[PATH_SIZE];
	size_t i;

	write_file("feed.jsonl", feed_jsonl, sizeof(feed_jsonl) - 1);
	join(path, "feed.jsonl");
	polgraph_reader_add(reader, path);
	check_feed(reader, path);
	polgraph_reader_free(reader);

	/* The error report is optional: the same statuses without one. */
	reader = polgraph_reader_new(NULL);
	polgraph_reader_add(reader, path);
	for (i = 0; i < ARRAY_SIZE(feed_rows); i++) {
		status = polgraph_reader_next(reader, &article, NULL);
		CHECK_INT(status, feed_rows[i].status, "feed without err");
	}
	CHECK_INT(polgraph_reader_next(reader, &article, NULL), POLGRAPH_DONE,
	          "feed without err: end");
	polgraph_reader_free(reader);

	/* Freeing a reader in the middle of a file releases it. */
	reader = polgraph_reader_new(NULL);
	polgraph_reader_add(reader, path);
	expect_next(reader, &article, POLGRAPH_OK, "a1", "free mid-file");
	polgraph_reader_free(reader);
	polgraph_reader_free(NULL);
}

static void test_directory(void)
{
	static const char *const want_ids[] = {
		"tree/B.txt",      "tree/a.jsonl:1", "tree/a.jsonl:2",
		"tree/b.txt",      "tree/sub/c.txt", "tree/sub/deeper/d.txt",
		"tree/z.ndjson:1",
	};
	struct polgraph_reader *reader;
	struct polgraph_article article;
	uint64_t size = 0, done = 7, total = 7;
	char dir[PATH_SIZE], dir_slash[PATH_SIZE + 1];

	make_dir("tree");
	make_dir("tree/sub");
	make_dir("tree/sub/deeper");
	make_dir("tree/sub/empty");
	make_dir("tree/.git");
	size += write_text("tree/b.txt", "B body.\n");
	size += write_text("tree/B.txt", "Upper-case B sorts first.\n");
	size += write_text("tree/a.jsonl",
	                   "{\"text\":\"A one.\"}\n{\"text\":\"A two.\"}\n");
	size += write_text("tree/sub/c.txt", "C body.");
	size += write_text("tree/sub/deeper/d.txt", "date 2025-10-17\nD.\n");
	size += write_text("tree/z.ndjson", "{\"text\":\"Z.\"}\n");
	write_text("tree/README.md", "not an article\n");
	write_text("tree/notes.json", "{\"text\":\"not JSON Lines\"}\n");
	write_text("tree/.hidden.txt", "hidden\n");
	write_text("tree/.git/e.txt", "inside a hidden directory\n");
	write_text("tree/sub/c.txt~", "editor backup\n");

	join(dir, "tree");
	snprintf(dir_slash, sizeof(dir_slash), "%s/", dir);
	for (int pass = 0; pass < 2; pass++) {
		reader = polgraph_reader_new(NULL);
		polgraph_reader_add(reader, pass ? dir_slash : dir);
		polgraph_reader_progress(reader, &done, &total);
		CHECK_INT(done, 0, "walk: nothing read yet");
		CHECK_INT(total, size, "walk: total is the article files");
		for (size_t i = 0; i < ARRAY_SIZE(want_ids); i++) {
			char want[PATH_SIZE];

			join(want, want_ids[i]);
			expect_next(reader, &article, POLGRAPH_OK, want,
			            pass ? "walk with slash" : "walk");
		}
		expect_next(reader, &article, POLGRAPH_DONE, NULL, "walk end");
		polgraph_reader_progress(reader, &done, &total);
		CHECK_INT(done, size, "walk: done after reading");
		CHECK_INT(total, size, "walk: total after reading");
		polgraph_reader_free(reader);
	}
}

static void test_missing_and_mixed(void)
{
	struct polgraph_reader *reader = polgraph_reader_new(NULL);
	struct polgraph_article article;
	char missing[PATH_SIZE], first[PATH_SIZE], second[PATH_SIZE];
	char want[PATH_SIZE + 100];

	join(missing, "no-such-file.txt");
	snprintf(want, sizeof(want),
	         "cannot read '%s': No such file or directory", missing);
	polgraph_reader_add(reader, missing);
	expect_next(reader, &article, POLGRAPH_IO, want, "missing");
	expect_next(reader, &article, POLGRAPH_DONE, NULL, "missing end");
	polgraph_reader_free(reader);

	/* Reading goes on past a missing path and a rejected file. */
	write_text("mixed-1.txt", "First article.\n");
	write_text("mixed-2.txt", "Second article.\n");
	join(first, "mixed-1.txt");
	join(second, "mixed-2.txt");
	reader = polgraph_reader_new(NULL);
	polgraph_reader_add(reader, first);
	polgraph_reader_add(reader, missing);
	polgraph_reader_add(reader, "relative/missing.jsonl");
	polgraph_reader_add(reader, second);
	expect_next(reader, &article, POLGRAPH_OK, first, "mixed 1");
	expect_next(reader, &article, POLGRAPH_IO, want, "mixed missing");
	expect_next(reader, &article, POLGRAPH_IO,
	            "cannot read 'relative/missing.jsonl': No such file or "
	            "directory",
	            "mixed relative");
	expect_next(reader, &article, POLGRAPH_OK, second, "mixed 2");
	CHECK_STR(article.text, "Second article.\n", "mixed 2 text");
	expect_next(reader, &article, POLGRAPH_DONE, NULL, "mixed end");
	polgraph_reader_free(reader);
}

static const char opts_jsonl[] =
	"{\"id\":\"o1\",\"lang\":\"en\",\"source\":\"Wire\","
	"\"text\":\"Given source.\"}\n"
	"{\"id\":\"o2\",\"text\":\"No source.\"}\n";

static void test_options(void)
{
	struct polgraph_reader_options opts = { 0 };
	struct polgraph_reader *reader;
	struct polgraph_article article;
	char jsonl[PATH_SIZE], text[PATH_SIZE], want[PATH_SIZE + 20];

	write_text("opts.jsonl", opts_jsonl);
	write_text("opts.txt", "Plain text.\n");
	join(jsonl, "opts.jsonl");
	join(text, "opts.txt");

	/* Defaults: nothing added. */
	reader = polgraph_reader_new(&opts);
	polgraph_reader_add(reader, jsonl);
	polgraph_reader_add(reader, text);
	expect_next(reader, &article, POLGRAPH_OK, "o1", "defaults o1");
	CHECK_STR(article.lang, "en", "defaults o1 lang");
	CHECK_STR(article.source, "Wire", "defaults o1 source");
	expect_next(reader, &article, POLGRAPH_OK, "o2", "defaults o2");
	CHECK_STR(article.lang, NULL, "defaults o2 lang");
	CHECK_STR(article.source, NULL, "defaults o2 source");
	expect_next(reader, &article, POLGRAPH_OK, text, "defaults txt");
	CHECK_STR(article.source, NULL, "defaults txt source");
	polgraph_reader_free(reader);

	/* Forced language everywhere; default source only where none. */
	opts.lang = "uk";
	opts.source = "Default Feed";
	reader = polgraph_reader_new(&opts);
	opts.lang = opts.source = NULL; /* the reader keeps its own copies */
	polgraph_reader_add(reader, jsonl);
	polgraph_reader_add(reader, text);
	expect_next(reader, &article, POLGRAPH_OK, "o1", "forced o1");
	CHECK_STR(article.lang, "uk", "forced o1 lang");
	CHECK_STR(article.source, "Wire", "forced o1 keeps its source");
	expect_next(reader, &article, POLGRAPH_OK, "o2", "forced o2");
	CHECK_STR(article.lang, "uk", "forced o2 lang");
	CHECK_STR(article.source, "Default Feed", "forced o2 default source");
	expect_next(reader, &article, POLGRAPH_OK, text, "forced txt");
	CHECK_STR(article.lang, "uk", "forced txt lang");
	CHECK_STR(article.source, "Default Feed", "forced txt source");
	expect_next(reader, &article, POLGRAPH_DONE, NULL, "forced end");
	polgraph_reader_free(reader);

	/* Empty option strings mean "not given". */
	opts.lang = "";
	opts.source = "";
	reader = polgraph_reader_new(&opts);
	polgraph_reader_add(reader, text);
	expect_next(reader, &article, POLGRAPH_OK, text, "empty options");
	CHECK_STR(article.lang, NULL, "empty option lang");
	CHECK_STR(article.source, NULL, "empty option source");
	polgraph_reader_free(reader);

	/* Format forced to JSON Lines for a .txt name. */
	write_text("really-jsonl.txt", "{\"id\":\"j1\",\"text\":\"Forced.\"}\n"
	                               "{\"text\":\"Second.\"}\n");
	join(text, "really-jsonl.txt");
	opts = (struct polgraph_reader_options){
		.format = POLGRAPH_FORMAT_JSONL
	};
	reader = polgraph_reader_new(&opts);
	polgraph_reader_add(reader, text);
	expect_next(reader, &article, POLGRAPH_OK, "j1", "forced jsonl 1");
	CHECK_STR(article.text, "Forced.", "forced jsonl 1 text");
	snprintf(want, sizeof(want), "%s:2", text);
	expect_next(reader, &article, POLGRAPH_OK, want, "forced jsonl 2");
	expect_next(reader, &article, POLGRAPH_DONE, NULL, "forced jsonl end");
	polgraph_reader_free(reader);

	/* Format forced to plain text for a .jsonl name. */
	opts.format = POLGRAPH_FORMAT_TEXT;
	reader = polgraph_reader_new(&opts);
	polgraph_reader_add(reader, jsonl);
	expect_next(reader, &article, POLGRAPH_OK, jsonl, "forced text");
	CHECK_STR(article.text, opts_jsonl, "forced text: the whole file");
	expect_next(reader, &article, POLGRAPH_DONE, NULL, "forced text end");
	polgraph_reader_free(reader);
}

/* Files without a known extension are sniffed by their first line. */
static void test_sniffing(void)
{
	struct polgraph_reader *reader = polgraph_reader_new(NULL);
	struct polgraph_article article;
	char json[PATH_SIZE], text[PATH_SIZE], want[PATH_SIZE + 20];
	uint64_t size = 0, done, total;

	size += write_text("sniff-json.data",
	                   "  {\"text\":\"Sniffed.\"}\n{\"text\":\"Two.\"}\n");
	size += write_text("sniff-text.data",
	                   "date 2025-10-17\nPlain words.\nMore.\n");
	join(json, "sniff-json.data");
	join(text, "sniff-text.data");
	polgraph_reader_add(reader, json);
	polgraph_reader_add(reader, text);
	snprintf(want, sizeof(want), "%s:1", json);
	expect_next(reader, &article, POLGRAPH_OK, want, "sniff json 1");
	CHECK_STR(article.text, "Sniffed.", "sniff json 1 text");
	snprintf(want, sizeof(want), "%s:2", json);
	expect_next(reader, &article, POLGRAPH_OK, want, "sniff json 2");
	expect_next(reader, &article, POLGRAPH_OK, text, "sniff text");
	CHECK_STR(article.date, "2025-10-17", "sniff text date");
	CHECK_STR(article.text, "Plain words.\nMore.\n", "sniff text body");
	CHECK_INT(article.line, 2, "sniff text line");
	expect_next(reader, &article, POLGRAPH_DONE, NULL, "sniff end");
	polgraph_reader_progress(reader, &done, &total);
	CHECK_INT(done, size, "sniff done");
	CHECK_INT(total, size, "sniff total");
	polgraph_reader_free(reader);
}

/* After everything is read, done == total == the sum of the file sizes. */
static void test_progress(void)
{
	static const char *const names[] = { "header.txt", "bom.txt",
		                             "feed.jsonl", "empty.txt",
		                             "bad-utf8.txt" };
	struct polgraph_reader *reader = polgraph_reader_new(NULL);
	struct polgraph_article article;
	uint64_t size = 0, done, total;
	int calls = 0;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char path[PATH_SIZE];
		struct stat info;

		join(path, names[i]);
		if (stat(path, &info) == 0)
			size += (uint64_t)info.st_size;
		polgraph_reader_add(reader, path);
	}
	polgraph_reader_add(reader, "/nonexistent/polgraph/test.txt");
	polgraph_reader_progress(reader, &done, &total);
	CHECK_INT(done, 0, "progress before");
	CHECK_INT(total, size, "progress total before");
	while (polgraph_reader_next(reader, &article, NULL) != POLGRAPH_DONE &&
	       calls < 100)
		calls++;
	/* 2 text + 13 JSON Lines answers + empty + bad UTF-8 + missing */
	CHECK_INT(calls, 18, "progress: answers before DONE");
	polgraph_reader_progress(reader, &done, &total);
	CHECK_INT(done, size, "progress done after");
	CHECK_INT(total, size, "progress total after");
	CHECK(size > 0, "progress files exist");
	polgraph_reader_free(reader);
}

int main(void)
{
	const char *tmpdir = getenv("TMPDIR");

	snprintf(tmp_root, sizeof(tmp_root), "%s/polgraph-ingest-XXXXXX",
	         tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(tmp_root)) {
		fprintf(stderr, "cannot create a temporary directory: %s\n",
		        strerror(errno));
		return 2;
	}
	test_date_parse();
	test_text_header();
	test_text_files();
	test_jsonl_file();
	test_directory();
	test_missing_and_mixed();
	test_options();
	test_sniffing();
	test_progress();
	remove_tree(tmp_root);
	return check_done();
}
