/*
 * test_pipeline.c - unit tests for pipeline.h: actor type names,
 * co-mentions derived from hand-built results, and polgraph_pipeline_run
 * (article copy, language, sentences).
 */
#include <string.h>

#include "check.h"
#include "polgraph/pipeline.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ACTORS    4
#define MAX_PAIRS     6
#define MAX_SENTENCES 4

/* ---- actor types ---- */

static void test_actor_types(void)
{
	static const struct {
		enum polgraph_actor_type type;
		const char *name;
	} rows[] = {
		{ POLGRAPH_ACTOR_COUNTRY, "country" },
		{ POLGRAPH_ACTOR_PERSON, "person" },
		{ POLGRAPH_ACTOR_ORGANIZATION, "organization" },
		{ POLGRAPH_ACTOR_LOCATION, "location" },
		{ POLGRAPH_ACTOR_GROUP, "group" },
	};
	static const char *const unknown[] = {
		"",     "Country", "PERSON", "countries",
		"pers", "org",     "group ", "unknown",
	};

	CHECK_INT(POLGRAPH_ACTOR_TYPE_COUNT, 5, "five actor types");
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		enum polgraph_actor_type parsed = POLGRAPH_ACTOR_TYPE_COUNT;

		CHECK_STR(polgraph_actor_type_name(rows[i].type), rows[i].name,
		          "type name");
		CHECK(polgraph_actor_type_parse(rows[i].name, &parsed),
		      "parse '%s'", rows[i].name);
		CHECK_INT(parsed, rows[i].type, rows[i].name);
	}
	CHECK_STR(polgraph_actor_type_name(POLGRAPH_ACTOR_TYPE_COUNT), NULL,
	          "name of the count");
	CHECK_STR(polgraph_actor_type_name((enum polgraph_actor_type)99), NULL,
	          "name of 99");
	for (size_t i = 0; i < ARRAY_SIZE(unknown); i++) {
		enum polgraph_actor_type parsed = POLGRAPH_ACTOR_TYPE_COUNT;

		CHECK(!polgraph_actor_type_parse(unknown[i], &parsed),
		      "'%s' is not a type", unknown[i]);
	}
}

/* ---- co-mentions ---- */

struct actor_spec {
	const char *key;
	size_t sentences[MAX_SENTENCES]; /* one mention per entry */
	size_t mention_count;
};

struct pair_spec {
	const char *a, *b;
	size_t sentences[MAX_SENTENCES];
	size_t sentence_count;
};

static const struct {
	const char *name;
	struct actor_spec actors[MAX_ACTORS];
	size_t actor_count;
	struct pair_spec pairs[MAX_PAIRS];
	size_t pair_count;
	bool keys_sorted; /* actors given sorted by key, as documented */
} comention_rows[] = {
	{ "documented example",
	  { { "country:AAA", { 0, 2 }, 2 },
	    { "country:BBB", { 0, 0 }, 2 }, /* twice in one sentence */
	    { "person:ccc", { 2, 3 }, 2 } },
	  3,
	  { { "country:AAA", "country:BBB", { 0 }, 1 },
	    { "country:AAA", "person:ccc", { 2 }, 1 } },
	  2,
	  true },
	{ "actors not sorted by key",
	  { { "person:ccc", { 2, 3 }, 2 },
	    { "country:BBB", { 0, 0 }, 2 },
	    { "country:AAA", { 0, 2 }, 2 } },
	  3,
	  { { "country:AAA", "country:BBB", { 0 }, 1 },
	    { "country:AAA", "person:ccc", { 2 }, 1 } },
	  2,
	  false },
	{ "no actors",
	  { { NULL, { 0 }, 0 } },
	  0,
	  { { NULL, NULL, { 0 }, 0 } },
	  0,
	  true },
	{ "one actor",
	  { { "country:AAA", { 0, 0, 1 }, 3 } },
	  1,
	  { { NULL, NULL, { 0 }, 0 } },
	  0,
	  true },
	{ "never together",
	  { { "country:AAA", { 0, 1 }, 2 }, { "country:BBB", { 2, 3 }, 2 } },
	  2,
	  { { NULL, NULL, { 0 }, 0 } },
	  0,
	  true },
	{ "several shared sentences",
	  { { "country:AAA", { 1, 3, 3, 5 }, 4 },
	    { "country:BBB", { 3, 5, 7 }, 3 } },
	  2,
	  { { "country:AAA", "country:BBB", { 3, 5 }, 2 } },
	  1,
	  true },
	{ "mentions out of sentence order",
	  { { "country:AAA", { 2, 0 }, 2 }, { "country:BBB", { 0, 2 }, 2 } },
	  2,
	  { { "country:AAA", "country:BBB", { 0, 2 }, 2 } },
	  1,
	  true },
	{ "actor without mentions",
	  { { "country:AAA", { 0 }, 1 },
	    { "country:BBB", { 0 }, 0 },
	    { "country:CCC", { 0 }, 1 } },
	  3,
	  { { "country:AAA", "country:CCC", { 0 }, 1 } },
	  1,
	  true },
	{ "four in one sentence",
	  { { "k1", { 4 }, 1 },
	    { "k2", { 4 }, 1 },
	    { "k3", { 4 }, 1 },
	    { "k4", { 4, 4 }, 2 } },
	  4,
	  { { "k1", "k2", { 4 }, 1 },
	    { "k1", "k3", { 4 }, 1 },
	    { "k1", "k4", { 4 }, 1 },
	    { "k2", "k3", { 4 }, 1 },
	    { "k2", "k4", { 4 }, 1 },
	    { "k3", "k4", { 4 }, 1 } },
	  6,
	  true },
	{ "keys compared bytewise",
	  { { "country:RUS", { 1 }, 1 }, { "country:rus", { 1 }, 1 } },
	  2,
	  { { "country:RUS", "country:rus", { 1 }, 1 } },
	  1,
	  true },
};

/* Builds the actors of a row into result (arena-allocated). */
static void build_actors(struct polgraph_result *result,
                         const struct actor_spec *specs, size_t count)
{
	memset(result, 0, sizeof(*result));
	if (!count)
		return;
	result->actors = polgraph_arena_alloc(&result->arena,
	                                      count * sizeof(*result->actors));
	result->actor_count = count;
	for (size_t i = 0; i < count; i++) {
		struct polgraph_actor *actor = &result->actors[i];

		actor->key =
			polgraph_arena_strdup(&result->arena, specs[i].key);
		actor->name = actor->key;
		actor->type = POLGRAPH_ACTOR_COUNTRY;
		actor->mention_count = specs[i].mention_count;
		actor->mentions = polgraph_arena_alloc(
			&result->arena,
			specs[i].mention_count * sizeof(*actor->mentions));
		for (size_t m = 0; m < specs[i].mention_count; m++) {
			actor->mentions[m].start = 10 * m;
			actor->mentions[m].end = 10 * m + 3;
			actor->mentions[m].sentence = specs[i].sentences[m];
			actor->mentions[m].text = actor->key;
		}
	}
}

static bool same_pair(const struct polgraph_comention *got,
                      const struct pair_spec *want)
{
	if (strcmp(got->a, want->a) != 0 || strcmp(got->b, want->b) != 0 ||
	    got->sentence_count != want->sentence_count)
		return false;
	for (size_t s = 0; s < want->sentence_count; s++)
		if (got->sentences[s] != want->sentences[s])
			return false;
	return true;
}

static void check_comentions(const struct polgraph_result *result, size_t row)
{
	const char *name = comention_rows[row].name;

	CHECK_INT(result->comention_count, comention_rows[row].pair_count,
	          name);
	if (result->comention_count != comention_rows[row].pair_count)
		return;
	if (!result->comention_count)
		CHECK(result->comentions == NULL, "%s: no array", name);
	for (size_t p = 0; p < result->comention_count; p++) {
		const struct polgraph_comention *got = &result->comentions[p];
		bool found = false;

		CHECK(strcmp(got->a, got->b) < 0, "%s: pair %zu has a < b",
		      name, p);
		if (comention_rows[row].keys_sorted) {
			/* exact order: sorted by (a, b) */
			CHECK(same_pair(got, &comention_rows[row].pairs[p]),
			      "%s: pair %zu is (%s, %s)", name, p,
			      comention_rows[row].pairs[p].a,
			      comention_rows[row].pairs[p].b);
			continue;
		}
		for (size_t w = 0; w < comention_rows[row].pair_count; w++)
			if (same_pair(got, &comention_rows[row].pairs[w]))
				found = true;
		CHECK(found, "%s: pair (%s, %s) is expected", name, got->a,
		      got->b);
	}
}

static void test_comentions(void)
{
	for (size_t row = 0; row < ARRAY_SIZE(comention_rows); row++) {
		struct polgraph_result result;

		build_actors(&result, comention_rows[row].actors,
		             comention_rows[row].actor_count);
		polgraph_result_comentions(&result);
		check_comentions(&result, row);
		/* Deriving again replaces, never appends. */
		polgraph_result_comentions(&result);
		check_comentions(&result, row);
		polgraph_result_release(&result);
		CHECK(result.actors == NULL && result.comention_count == 0 &&
		              result.arena.head == NULL,
		      "%s: release zeroes the result",
		      comention_rows[row].name);
	}
}

/* ---- polgraph_pipeline_run ---- */

static void test_run_rows(struct polgraph_pipeline *pipeline)
{
	static const struct {
		const char *text;
		const char *lang; /* given */
		const char *want_lang;
		size_t want_sentences;
		const char *want_first; /* first sentence text */
		size_t want_actors; /* lexicon: Putin, Belarus, Lukashenko */
		size_t want_comentions; /* Putin and Belarus share sentence 0 */
		size_t want_relations;  /* Lukashenko, president of Belarus,
		                           from the lexicon's dated roles */
	} rows[] = {
		{ "Путин прилетел в Минск. Лукашенко встретил его.", NULL, "ru",
		  2, "Путин прилетел в Минск.", 3, 1, 1 },
		{ "Путин прилетел в Минск. Лукашенко встретил его.", "", "ru",
		  2, "Путин прилетел в Минск.", 3, 1, 1 },
		{ "Путин прилетел в Минск. Лукашенко встретил его.", "en", "en",
		  2, "Путин прилетел в Минск.", 3, 1, 1 },
		{ "  The envoy arrived in Minsk. He met the minister.\n", NULL,
		  "en", 2, "The envoy arrived in Minsk.", 1, 0, 0 },
		{ "", NULL, "und", 0, NULL, 0, 0, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct polgraph_article article = { 0 };
		struct polgraph_result result = { 0 };
		struct polgraph_error err = { POLGRAPH_ERROR, "stale" };
		const char *label = rows[i].text;
		enum polgraph_status status;

		article.id = "row";
		article.text = rows[i].text;
		article.text_len = strlen(rows[i].text);
		article.lang = rows[i].lang;
		status = polgraph_pipeline_run(pipeline, &article, &result,
		                               &err);
		CHECK_INT(status, POLGRAPH_OK, label);
		CHECK_INT(err.status, POLGRAPH_OK, label);
		CHECK_STR(err.message, "", label);
		CHECK_STR(result.article.lang, rows[i].want_lang, label);
		CHECK_INT(result.sentence_count, rows[i].want_sentences, label);
		if (rows[i].want_first && result.sentence_count) {
			size_t start = (size_t)(strstr(rows[i].text,
			                               rows[i].want_first) -
			                        rows[i].text);

			CHECK_INT(result.sentences[0].start, start, label);
			CHECK_INT(result.sentences[0].end,
			          start + strlen(rows[i].want_first), label);
			CHECK_INT(result.sentences[0].paragraph, 0, label);
		}
		CHECK_INT(result.actor_count, rows[i].want_actors, label);
		CHECK_INT(result.relation_count, rows[i].want_relations, label);
		CHECK_INT(result.comention_count, rows[i].want_comentions,
		          label);
		polgraph_result_release(&result);
	}
}

/* The result owns a copy: changing the input afterwards changes nothing. */
static void test_run_copies(struct polgraph_pipeline *pipeline)
{
	char id[] = "feed.jsonl:7", date[] = "2025-10-17", title[] = "Визит";
	char source[] = "Wire", url[] = "https://example.org/7";
	char origin[] = "feed.jsonl", lang[] = "ru";
	char text[] = "Посол прибыл в Ватикан. Встреча прошла.";
	struct polgraph_article article = { 0 };
	struct polgraph_result result = { 0 };
	enum polgraph_status status;

	article.id = id;
	article.date = date;
	article.lang = lang;
	article.title = title;
	article.source = source;
	article.url = url;
	article.text = text;
	article.text_len = strlen(text);
	article.origin = origin;
	article.line = 7;

	status = polgraph_pipeline_run(pipeline, &article, &result, NULL);
	CHECK_INT(status, POLGRAPH_OK, "copy run");
	memset(id, 'X', sizeof(id) - 1);
	memset(date, 'X', sizeof(date) - 1);
	memset(title, 'X', sizeof(title) - 1);
	memset(source, 'X', sizeof(source) - 1);
	memset(url, 'X', sizeof(url) - 1);
	memset(origin, 'X', sizeof(origin) - 1);
	memset(lang, 'X', sizeof(lang) - 1);
	memset(text, 'X', sizeof(text) - 1);

	CHECK_STR(result.article.id, "feed.jsonl:7", "copied id");
	CHECK_STR(result.article.date, "2025-10-17", "copied date");
	CHECK_STR(result.article.lang, "ru", "copied lang");
	CHECK_STR(result.article.title, "Визит", "copied title");
	CHECK_STR(result.article.source, "Wire", "copied source");
	CHECK_STR(result.article.url, "https://example.org/7", "copied url");
	CHECK_STR(result.article.origin, "feed.jsonl", "copied origin");
	CHECK_INT(result.article.line, 7, "copied line");
	CHECK_STR(result.article.text,
	          "Посол прибыл в Ватикан. Встреча прошла.", "copied text");
	CHECK_INT(result.article.text_len,
	          strlen("Посол прибыл в Ватикан. Встреча прошла."),
	          "copied text_len");
	CHECK(result.article.text != text, "text is not the input buffer");
	CHECK_INT(result.sentence_count, 2, "copy run sentences");

	/* Optional fields stay NULL; a text with an inner NUL is copied by
	 * length. */
	article = (struct polgraph_article){ 0 };
	article.text = "Minsk.\0hidden";
	article.text_len = 13;
	status = polgraph_pipeline_run(pipeline, &article, &result, NULL);
	CHECK_INT(status, POLGRAPH_OK, "rerun into the same result");
	CHECK(result.article.id == NULL && result.article.date == NULL &&
	              result.article.title == NULL &&
	              result.article.source == NULL &&
	              result.article.url == NULL &&
	              result.article.origin == NULL,
	      "absent fields stay NULL");
	CHECK_INT(result.article.text_len, 13, "text_len by length");
	CHECK(memcmp(result.article.text, "Minsk.\0hidden", 14) == 0,
	      "bytes after an inner NUL copied, then a NUL");
	CHECK_INT(result.article.line, 0, "line reset on rerun");
	polgraph_result_release(&result);
	polgraph_result_release(&result); /* a zeroed result is fine */
}

int main(void)
{
	struct polgraph_error err = { POLGRAPH_ERROR, "stale" };
	struct polgraph_pipeline *pipeline;

	test_actor_types();
	test_comentions();

	pipeline = polgraph_pipeline_new(NULL, &err);
	CHECK(pipeline != NULL, "pipeline_new");
	CHECK_INT(err.status, POLGRAPH_OK, "pipeline_new err");
	CHECK_STR(err.message, "", "pipeline_new message");
	if (pipeline) {
		test_run_rows(pipeline);
		test_run_copies(pipeline);
	}
	polgraph_pipeline_free(pipeline);
	polgraph_pipeline_free(NULL);
	return check_done();
}
