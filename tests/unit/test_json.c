/*
 * test_json.c - unit tests for json.h: parsing JSON Lines article records,
 * writing a pipeline result in the extract format (compared byte for byte),
 * string escaping and canonical attribute objects.
 */
#include <string.h>

#include "check.h"
#include "polgraph/json.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- polgraph_json_parse_article ---- */

static void test_parse_fields(void)
{
	static const char line[] =
		"{\"id\":\"x1\",\"date\":\"2025-10-17\",\"lang\":\"ru\","
		"\"title\":\"Заголовок\",\"source\":\"ТАСС\","
		"\"url\":\"https://example.org/"
		"1\",\"extra\":{\"nested\":[1,2]},"
		"\"tags\":[\"a\"],\"Text\":\"wrong case is ignored\","
		"\"text\":\"Посол \\\"Беларуси\\\"\\nи \\u0041\\t/\"}";
	struct polgraph_arena arena = { 0 };
	struct polgraph_article article;
	struct polgraph_error err = { POLGRAPH_ERROR, "stale" };
	enum polgraph_status status;

	memset(&article, 0xFF, sizeof(article));
	status = polgraph_json_parse_article(line, strlen(line), &arena,
	                                     &article, &err);
	CHECK_INT(status, POLGRAPH_OK, "full record");
	CHECK_STR(article.id, "x1", "id");
	CHECK_STR(article.date, "2025-10-17", "date");
	CHECK_STR(article.lang, "ru", "lang");
	CHECK_STR(article.title, "Заголовок", "title");
	CHECK_STR(article.source, "ТАСС", "source");
	CHECK_STR(article.url, "https://example.org/1", "url");
	CHECK_STR(article.text, "Посол \"Беларуси\"\nи A\t/", "text unescaped");
	CHECK_INT(article.text_len, strlen("Посол \"Беларуси\"\nи A\t/"),
	          "text_len");
	CHECK(article.origin == NULL && article.line == 0,
	      "origin and line are left for the reader");
	CHECK(article.text < line || article.text > line + sizeof(line),
	      "text is a copy");
	polgraph_arena_release(&arena);
}

static void test_parse_rows(void)
{
	static const struct {
		const char *line;
		size_t len; /* 0: strlen(line) */
		enum polgraph_status want_status;
		const char *want_message; /* rejections */
		const char *want_id;      /* OK rows */
		const char *want_text;
		const char *want_title;
	} rows[] = {
		{ "{\"text\":\"x\"}", 0, POLGRAPH_OK, NULL, NULL, "x", NULL },
		{ "{\"text\":\"x\"}  \r\n", 0, POLGRAPH_OK, NULL, NULL, "x",
		  NULL },
		{ "  {\"text\":\"x\"}", 0, POLGRAPH_OK, NULL, NULL, "x", NULL },
		{ "{\"text\":\"\"}", 0, POLGRAPH_OK, NULL, NULL, "", NULL },
		{ "{\"id\":null,\"date\":null,\"lang\":null,\"title\":null,"
		  "\"source\":null,\"url\":null,\"text\":\"n\"}",
		  0, POLGRAPH_OK, NULL, NULL, "n", NULL },
		{ "{\"id\":42,\"text\":\"t\"}", 0, POLGRAPH_OK, NULL, "42", "t",
		  NULL },
		{ "{\"id\":-7,\"text\":\"t\"}", 0, POLGRAPH_OK, NULL, "-7", "t",
		  NULL },
		{ "{\"id\":1e3,\"text\":\"t\"}", 0, POLGRAPH_OK, NULL, "1000",
		  "t", NULL },
		{ "{\"id\":4.5,\"text\":\"t\"}", 0, POLGRAPH_OK, NULL, "4.5",
		  "t", NULL },
		{ "{\"id\":\"\",\"text\":\"t\"}", 0, POLGRAPH_OK, NULL, "", "t",
		  NULL },
		{ "{\"title\":\"Минск\",\"text\":\"t\",\"x\":null}", 0,
		  POLGRAPH_OK, NULL, NULL, "t", "Минск" },
		/* len bounds the record: the garbage is outside it */
		{ "{\"text\":\"x\"}GARBAGE", 12, POLGRAPH_OK, NULL, NULL, "x",
		  NULL },
		{ "", 0, POLGRAPH_JSON, "malformed JSON near byte 1", NULL,
		  NULL, NULL },
		{ "not json", 0, POLGRAPH_JSON, "malformed JSON near byte 1",
		  NULL, NULL, NULL },
		{ "{\"text\":\"x\",}", 0, POLGRAPH_JSON,
		  "malformed JSON near byte 13", NULL, NULL, NULL },
		{ "[{\"text\":\"x\"}]", 0, POLGRAPH_JSON,
		  "expected a JSON object", NULL, NULL, NULL },
		{ "\"text\"", 0, POLGRAPH_JSON, "expected a JSON object", NULL,
		  NULL, NULL },
		{ "null", 0, POLGRAPH_JSON, "expected a JSON object", NULL,
		  NULL, NULL },
		{ "{\"text\":\"x\"} junk", 0, POLGRAPH_JSON,
		  "unexpected text after the JSON object at byte 14", NULL,
		  NULL, NULL },
		{ "{\"text\":\"x\"}{\"text\":\"y\"}", 0, POLGRAPH_JSON,
		  "unexpected text after the JSON object at byte 13", NULL,
		  NULL, NULL },
		{ "{\"text\":\"x\"}\0", 13, POLGRAPH_JSON,
		  "NUL byte at byte 13", NULL, NULL, NULL },
		/* cJSON would cut the text at \u0000 and keep the first of
		 * two keys without a word: both refused here. */
		{ "{\"text\":\"ab\\u0000cd\"}", 0, POLGRAPH_JSON,
		  "\\u0000 (NUL) in a string at byte 12", NULL, NULL, NULL },
		{ "{\"text\":\"ab\\\\u0000\"}", 0, POLGRAPH_OK, NULL, NULL,
		  "ab\\u0000", NULL },
		{ "{\"text\":\"x\",\"text\":\"y\"}", 0, POLGRAPH_INVALID,
		  "duplicate field 'text'", NULL, NULL, NULL },
		{ "{\"text\":\"\\ud800 lone\"}", 0, POLGRAPH_JSON,
		  "lone UTF-16 surrogate \\ud800 at byte 10", NULL, NULL,
		  NULL },
		{ "{\"text\":\"\\udc00\"}", 0, POLGRAPH_JSON,
		  "lone UTF-16 surrogate \\udc00 at byte 10", NULL, NULL,
		  NULL },
		{ "{\"text\":\"\\ud83d\\ude00\"}", 0, POLGRAPH_OK, NULL, NULL,
		  "\xF0\x9F\x98\x80", NULL },
		{ "{\"text\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
		  "[["
		  "[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
		  "]]]]]]]]]]]]]]]]]]]]]}",
		  0, POLGRAPH_TOOBIG,
		  "JSON nested deeper than 64 levels at byte 72 (limit: "
		  "--max-json-depth)",
		  NULL, NULL, NULL },
		{ "{}", 0, POLGRAPH_INVALID, "missing required field 'text'",
		  NULL, NULL, NULL },
		{ "{\"id\":\"a\",\"TEXT\":\"x\"}", 0, POLGRAPH_INVALID,
		  "missing required field 'text'", NULL, NULL, NULL },
		{ "{\"text\":null}", 0, POLGRAPH_INVALID,
		  "missing required field 'text'", NULL, NULL, NULL },
		{ "{\"text\":5}", 0, POLGRAPH_INVALID,
		  "field 'text' must be a string", NULL, NULL, NULL },
		{ "{\"text\":[\"a\"]}", 0, POLGRAPH_INVALID,
		  "field 'text' must be a string", NULL, NULL, NULL },
		{ "{\"text\":true}", 0, POLGRAPH_INVALID,
		  "field 'text' must be a string", NULL, NULL, NULL },
		{ "{\"text\":\"x\",\"title\":5}", 0, POLGRAPH_INVALID,
		  "field 'title' must be a string", NULL, NULL, NULL },
		{ "{\"text\":\"x\",\"id\":true}", 0, POLGRAPH_INVALID,
		  "field 'id' must be a string", NULL, NULL, NULL },
		{ "{\"text\":\"x\",\"id\":{}}", 0, POLGRAPH_INVALID,
		  "field 'id' must be a string", NULL, NULL, NULL },
		{ "{\"text\":\"x\",\"date\":20251017}", 0, POLGRAPH_INVALID,
		  "field 'date' must be a string", NULL, NULL, NULL },
		{ "{\"text\":\"x\",\"lang\":[\"ru\"]}", 0, POLGRAPH_INVALID,
		  "field 'lang' must be a string", NULL, NULL, NULL },
		{ "{\"text\":\"x\",\"source\":1}", 0, POLGRAPH_INVALID,
		  "field 'source' must be a string", NULL, NULL, NULL },
		{ "{\"text\":\"x\",\"url\":false}", 0, POLGRAPH_INVALID,
		  "field 'url' must be a string", NULL, NULL, NULL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct polgraph_arena arena = { 0 };
		struct polgraph_article article;
		struct polgraph_error err = { POLGRAPH_OK, "" };
		size_t len = rows[i].len ? rows[i].len : strlen(rows[i].line);
		enum polgraph_status status;

		memset(&article, 0xFF, sizeof(article));
		status = polgraph_json_parse_article(rows[i].line, len, &arena,
		                                     &article, &err);
		CHECK_INT(status, rows[i].want_status, rows[i].line);
		if (rows[i].want_status == POLGRAPH_OK) {
			CHECK_STR(article.id, rows[i].want_id, rows[i].line);
			CHECK_STR(article.text, rows[i].want_text,
			          rows[i].line);
			CHECK_INT(article.text_len, strlen(rows[i].want_text),
			          rows[i].line);
			CHECK_STR(article.title, rows[i].want_title,
			          rows[i].line);
			CHECK_STR(article.date, NULL, rows[i].line);
			CHECK_STR(article.lang, NULL, rows[i].line);
			CHECK_STR(article.source, NULL, rows[i].line);
			CHECK_STR(article.url, NULL, rows[i].line);
		} else {
			CHECK_INT(err.status, rows[i].want_status,
			          rows[i].line);
			CHECK_STR(err.message, rows[i].want_message,
			          rows[i].line);
		}
		/* err is optional */
		status = polgraph_json_parse_article(rows[i].line, len, &arena,
		                                     &article, NULL);
		CHECK_INT(status, rows[i].want_status, rows[i].line);
		polgraph_arena_release(&arena);
	}
}

/* ---- polgraph_json_write_result ---- */

static const char article_text[] =
	"Посол \"Беларуси\" встретился с нунцием.\n\n"
	"Ватикан не подтвердил встречу.";

/* What json.c's fixed key order gives for build_result() below. */
static const char want_result[] =
	"{\"id\":\"art-1\",\"date\":\"2025-10-17\",\"lang\":\"ru\","
	"\"title\":\"Визит \\\"посла\\\"\",\"source\":null,"
	"\"url\":\"https://example.org/news/1\",\"bytes\":127,"
	"\"sentences\":["
	"{\"start\":0,\"end\":69,\"paragraph\":0},"
	"{\"start\":71,\"end\":127,\"paragraph\":1}],"
	"\"actors\":["
	"{\"key\":\"country:BLR\",\"name\":\"Belarus\",\"type\":\"country\","
	"\"aliases\":[\"Беларуси\"],"
	"\"mentions\":[{\"start\":12,\"end\":28,\"text\":\"Беларуси\","
	"\"sentence\":0,\"kind\":\"name\"}]},"
	"{\"key\":\"country:VAT\",\"name\":\"Holy See\",\"type\":\"country\","
	"\"aliases\":[\"Ватикан\",\"нунцием\"],"
	"\"mentions\":[{\"start\":54,\"end\":68,\"text\":\"нунцием\","
	"\"sentence\":0,\"kind\":\"name\"},"
	"{\"start\":71,\"end\":85,\"text\":\"Ватикан\",\"sentence\":1,\"kind\":"
	"\"metonym\"}]}],"
	"\"relations\":["
	"{\"type\":\"meets-with\",\"source\":\"country:BLR\","
	"\"target\":\"country:VAT\",\"sentence\":0,\"start\":0,\"end\":68,"
	"\"evidence\":\"Посол \\\"Беларуси\\\" встретился с нунцием.\","
	"\"negated\":false,\"rule\":\"meet-01\",\"confidence\":0.8,"
	"\"attrs\":{\"to\":\"country:VAT\"}},"
	"{\"type\":\"meets-with\",\"source\":\"country:VAT\","
	"\"target\":\"country:BLR\",\"sentence\":1,\"start\":71,\"end\":127,"
	"\"evidence\":\"Ватикан не подтвердил встречу.\","
	"\"negated\":true,\"rule\":\"meet-neg-02\",\"confidence\":0.5,"
	"\"attrs\":{}}],"
	"\"comentions\":["
	"{\"a\":\"country:BLR\",\"b\":\"country:VAT\",\"sentences\":[0]}]}";

/* Copies s into the result's arena, as the pipeline does. */
static const char *keep(struct polgraph_result *result, const char *s)
{
	return polgraph_arena_strdup(&result->arena, s);
}

static void build_result(struct polgraph_result *result)
{
	struct polgraph_arena *arena = &result->arena;
	struct polgraph_actor *actors;
	struct polgraph_mention *mentions;
	struct polgraph_relation *relations;
	const char **aliases;

	memset(result, 0, sizeof(*result));
	result->article.id = keep(result, "art-1");
	result->article.date = keep(result, "2025-10-17");
	result->article.lang = keep(result, "ru");
	result->article.title = keep(result, "Визит \"посла\"");
	result->article.source = NULL;
	result->article.url = keep(result, "https://example.org/news/1");
	result->article.text = keep(result, article_text);
	result->article.text_len = strlen(article_text);
	result->article.origin = keep(result, "feed.jsonl");
	result->article.line = 3;

	result->sentences =
		polgraph_arena_alloc(arena, 2 * sizeof(*result->sentences));
	result->sentences[0] = (struct polgraph_sentence){ 0, 69, 0 };
	result->sentences[1] = (struct polgraph_sentence){ 71, 127, 1 };
	result->sentence_count = 2;

	actors = polgraph_arena_alloc(arena, 2 * sizeof(*actors));
	aliases = polgraph_arena_alloc(arena, sizeof(*aliases));
	aliases[0] = keep(result, "Беларуси");
	mentions = polgraph_arena_alloc(arena, sizeof(*mentions));
	mentions[0] =
		(struct polgraph_mention){ 12, 28, 0, keep(result, "Беларуси"),
		                           POLGRAPH_MENTION_NAME };
	actors[0] = (struct polgraph_actor){ keep(result, "country:BLR"),
		                             keep(result, "Belarus"),
		                             POLGRAPH_ACTOR_COUNTRY,
		                             aliases,
		                             1,
		                             mentions,
		                             1 };
	aliases = polgraph_arena_alloc(arena, 2 * sizeof(*aliases));
	aliases[0] = keep(result, "Ватикан");
	aliases[1] = keep(result, "нунцием");
	mentions = polgraph_arena_alloc(arena, 2 * sizeof(*mentions));
	mentions[0] =
		(struct polgraph_mention){ 54, 68, 0, keep(result, "нунцием"),
		                           POLGRAPH_MENTION_NAME };
	mentions[1] =
		(struct polgraph_mention){ 71, 85, 1, keep(result, "Ватикан"),
		                           POLGRAPH_MENTION_METONYM };
	actors[1] = (struct polgraph_actor){ keep(result, "country:VAT"),
		                             keep(result, "Holy See"),
		                             POLGRAPH_ACTOR_COUNTRY,
		                             aliases,
		                             2,
		                             mentions,
		                             2 };
	result->actors = actors;
	result->actor_count = 2;

	relations = polgraph_arena_alloc(arena, 2 * sizeof(*relations));
	relations[0] = (struct polgraph_relation){
		.type = keep(result, "meets-with"),
		.source = keep(result, "country:BLR"),
		.target = keep(result, "country:VAT"),
		.sentence = 0,
		.start = 0,
		.end = 68,
		.negated = false,
		.rule = keep(result, "meet-01"),
		.confidence = 0.8,
		.attrs = keep(result, "{\"to\":\"country:VAT\"}"),
	};
	relations[1] = (struct polgraph_relation){
		.type = keep(result, "meets-with"),
		.source = keep(result, "country:VAT"),
		.target = keep(result, "country:BLR"),
		.sentence = 1,
		.start = 71,
		.end = 127,
		.negated = true,
		.rule = keep(result, "meet-neg-02"),
		.confidence = 0.5,
		.attrs = NULL,
	};
	result->relations = relations;
	result->relation_count = 2;

	polgraph_result_comentions(result);
}

/* Prints where two strings first differ, to make a mismatch readable. */
static void show_difference(const char *got, const char *want)
{
	size_t at = 0;

	while (got[at] && got[at] == want[at])
		at++;
	fprintf(stderr,
	        "first difference at byte %zu:\n got: %.60s\nwant: %.60s\n", at,
	        got + at, want + at);
}

static void test_write_result(void)
{
	struct polgraph_result result;
	struct polgraph_buf out = { 0 };
	struct polgraph_error err = { POLGRAPH_OK, "" };
	enum polgraph_status status;
	size_t prefix_len;

	build_result(&result);
	CHECK_INT(result.comention_count, 1, "built comentions");
	status = polgraph_json_write_result(&result, &out, &err);
	CHECK_INT(status, POLGRAPH_OK, "write_result");
	CHECK_INT(err.status, POLGRAPH_OK, "write_result err untouched");
	CHECK_STR(out.data, want_result, "write_result bytes");
	if (out.data && strcmp(out.data, want_result) != 0)
		show_difference(out.data, want_result);
	CHECK_INT(out.len, strlen(want_result), "write_result length");

	/* Appends (no newline): a second call doubles the buffer. */
	status = polgraph_json_write_result(&result, &out, &err);
	CHECK_INT(status, POLGRAPH_OK, "write_result twice");
	CHECK_INT(out.len, 2 * strlen(want_result), "write_result appends");
	CHECK(out.data &&
	              strcmp(out.data + strlen(want_result), want_result) == 0,
	      "second copy identical (byte-stable)");

	/* A capped buffer refuses and keeps what it had. */
	polgraph_buf_release(&out);
	out.max = 100;
	polgraph_buf_puts(&out, "prefix");
	prefix_len = out.len;
	status = polgraph_json_write_result(&result, &out, &err);
	CHECK_INT(status, POLGRAPH_TOOBIG, "write_result over the cap");
	CHECK_INT(err.status, POLGRAPH_TOOBIG, "over the cap err status");
	CHECK_STR(err.message, "article 'art-1' is too large to print",
	          "over the cap message");
	CHECK_INT(out.len, prefix_len, "over the cap leaves the buffer");
	CHECK_STR(out.data, "prefix", "over the cap keeps the data");
	polgraph_buf_release(&out);
	polgraph_result_release(&result);
}

static void test_write_result_edges(void)
{
	static const char want_empty[] =
		"{\"id\":null,\"date\":null,\"lang\":null,\"title\":null,"
		"\"source\":null,\"url\":null,\"bytes\":0,\"sentences\":[],"
		"\"actors\":[],\"relations\":[],\"comentions\":[]}";
	static const char want_edges[] =
		"{\"id\":\"e\",\"date\":null,\"lang\":\"en\",\"title\":null,"
		"\"source\":\"Wire\",\"url\":null,\"bytes\":13,"
		"\"sentences\":[{\"start\":0,\"end\":13,\"paragraph\":0}],"
		"\"actors\":[{\"key\":\"person:nobody\",\"name\":\"Nobody\","
		"\"type\":\"person\",\"aliases\":[],\"mentions\":[]}],"
		"\"relations\":["
		"{\"type\":\"t\",\"source\":\"s\",\"target\":\"u\","
		"\"sentence\":7,\"start\":0,\"end\":4,\"evidence\":null,"
		"\"negated\":false,\"rule\":null,\"confidence\":1,"
		"\"attrs\":{}},"
		"{\"type\":\"t\",\"source\":\"s\",\"target\":\"u\","
		"\"sentence\":0,\"start\":5,\"end\":8,"
		"\"evidence\":\"Line\\none\\ttwo.\","
		"\"negated\":false,\"rule\":\"r\",\"confidence\":0.25,"
		"\"attrs\":{}},"
		"{\"type\":\"t\",\"source\":\"s\",\"target\":\"u\","
		"\"sentence\":0,\"start\":0,\"end\":13,"
		"\"evidence\":\"Line\\none\\ttwo.\","
		"\"negated\":true,\"rule\":\"r\",\"confidence\":0,"
		"\"attrs\":{\"n\":[1,2],\"s\":\"ü\"}}],"
		"\"comentions\":[]}";
	struct polgraph_result result;
	struct polgraph_actor actor = { 0 };
	struct polgraph_relation relations[3];
	struct polgraph_sentence sentence = { 0, 13, 0 };
	struct polgraph_buf out = { 0 };

	/* A zeroed result: every optional field null, every list empty. */
	memset(&result, 0, sizeof(result));
	CHECK_INT(polgraph_json_write_result(&result, &out, NULL), POLGRAPH_OK,
	          "empty result");
	CHECK_STR(out.data, want_empty, "empty result bytes");

	/* Out-of-range sentence -> null evidence; evidence is the whole
	 * sentence, not the relation's own span; attrs that are not an
	 * object -> {}; NULL rule -> null; an actor without mentions. */
	polgraph_buf_reset(&out);
	result.article.id = "e";
	result.article.lang = "en";
	result.article.source = "Wire";
	result.article.text = "Line\none\ttwo.";
	result.article.text_len = 13;
	result.sentences = &sentence;
	result.sentence_count = 1;
	actor.key = "person:nobody";
	actor.name = "Nobody";
	actor.type = POLGRAPH_ACTOR_PERSON;
	result.actors = &actor;
	result.actor_count = 1;
	relations[0] =
		(struct polgraph_relation){ "t", "s",   "u",  7,   0,
		                            4,   false, NULL, 1.0, "[1]" };
	relations[1] =
		(struct polgraph_relation){ "t", "s",   "u", 0,    5,
		                            8,   false, "r", 0.25, "not json" };
	relations[2] = (struct polgraph_relation){
		"t", "s",  "u", 0,   0,
		13,  true, "r", 0.0, "{ \"n\" : [1, 2], \"s\": \"\\u00fc\" }"
	};
	result.relations = relations;
	result.relation_count = 3;
	CHECK_INT(polgraph_json_write_result(&result, &out, NULL), POLGRAPH_OK,
	          "edge result");
	CHECK_STR(out.data, want_edges, "edge result bytes");
	if (out.data && strcmp(out.data, want_edges) != 0)
		show_difference(out.data, want_edges);
	polgraph_buf_release(&out);
}

/* ---- polgraph_json_write_string ---- */

static void test_write_string(void)
{
	static const struct {
		const char *input;
		const char *want;
	} rows[] = {
		{ "plain", "\"plain\"" },
		{ "", "\"\"" },
		{ "say \"hi\"", "\"say \\\"hi\\\"\"" },
		{ "back\\slash", "\"back\\\\slash\"" },
		{ "line\nbreak", "\"line\\nbreak\"" },
		{ "tab\there\r", "\"tab\\there\\r\"" },
		{ "\b\f", "\"\\b\\f\"" },
		{ "ctl\x01", "\"ctl\\u0001\"" },
		{ "\x1f", "\"\\u001f\"" },
		{ "a/b", "\"a/b\"" },
		{ "Минск «Запад»", "\"Минск «Запад»\"" },
		{ "\xE2\x80\x94 dash", "\"\xE2\x80\x94 dash\"" },
	};
	struct polgraph_buf out = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		polgraph_buf_reset(&out);
		CHECK_INT(polgraph_json_write_string(&out, rows[i].input),
		          POLGRAPH_OK, rows[i].want);
		CHECK_STR(out.data, rows[i].want, rows[i].input);
	}

	/* Appends to what is there. */
	polgraph_buf_reset(&out);
	polgraph_buf_puts(&out, "[");
	polgraph_json_write_string(&out, "a");
	polgraph_buf_puts(&out, ",");
	polgraph_json_write_string(&out, "b\"");
	polgraph_buf_puts(&out, "]");
	CHECK_STR(out.data, "[\"a\",\"b\\\"\"]", "write_string appends");
	polgraph_buf_release(&out);

	/* Over the cap: refused, buffer unchanged. */
	out.max = 6;
	polgraph_buf_puts(&out, "ab");
	CHECK_INT(polgraph_json_write_string(&out, "xyz"), POLGRAPH_TOOBIG,
	          "write_string over the cap");
	CHECK_STR(out.data, "ab", "write_string over the cap keeps data");
	CHECK_INT(polgraph_json_write_string(&out, "xy"), POLGRAPH_OK,
	          "write_string at the cap");
	CHECK_STR(out.data, "ab\"xy\"", "write_string at the cap data");
	polgraph_buf_release(&out);
}

/* ---- polgraph_json_canonical_object ---- */

static void test_canonical_object(void)
{
	static const struct {
		const char *input;
		const char *want; /* NULL: not an object */
	} rows[] = {
		{ "{}", "{}" },
		{ " { } ", "{}" },
		{ "{\"to\":\"country:VAT\"}", "{\"to\":\"country:VAT\"}" },
		{ "  {\n\t\"to\" : \"country:VAT\" }\n",
		  "{\"to\":\"country:VAT\"}" },
		{ "{\"a\": 1, \"b\": [true, null, \"x\"], \"c\": {\"d\": "
		  "-2.5}}",
		  "{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{\"d\":-2.5}}" },
		{ "{\"b\":1,\"a\":2}", "{\"b\":1,\"a\":2}" }, /* order kept */
		{ "{\"x\":1.50,\"y\":1e2}", "{\"x\":1.5,\"y\":100}" },
		{ "{\"s\":\"Минск \\\"Запад\\\"\"}",
		  "{\"s\":\"Минск \\\"Запад\\\"\"}" },
		{ "[1]", NULL },
		{ "\"s\"", NULL },
		{ "1", NULL },
		{ "null", NULL },
		{ "", NULL },
		{ "{", NULL },
		{ "{\"a\":}", NULL },
		{ "{} trailing", NULL },
		{ "{\"a\":1}{\"b\":2}", NULL },
	};
	struct polgraph_arena arena = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		CHECK_STR(polgraph_json_canonical_object(rows[i].input, &arena),
		          rows[i].want, rows[i].input);
	polgraph_arena_release(&arena);
}

int main(void)
{
	test_parse_fields();
	test_parse_rows();
	test_write_result();
	test_write_result_edges();
	test_write_string();
	test_canonical_object();
	return check_done();
}
