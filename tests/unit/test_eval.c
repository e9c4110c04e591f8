/*
 * test_eval.c - unit tests for eval.h: hand-built results scored against
 * gold lines with Cyrillic text (so code point offsets differ from byte
 * offsets): exact TP/FP/FN per token and per span, nested gold entities,
 * type mapping, kept misses, type confusion and rejected gold lines.
 */
#include <string.h>

#include "check.h"
#include "polgraph/eval.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_MENTIONS  6

/* One gold entity in JSON; offsets in code points. */
#define E(type, start, end)                                                    \
	"{\"type\":\"" type "\",\"start\":" #start ",\"end\":" #end "}"

/* Code points: Италии 6-12, Виторио Сандали 13-28, Сандали 21-28,
 * Путиным 42-49, Минске 52-58 (bytes: 11-23, 24-53, 39-53, 78-92, 96-108).
 */
static const char basic_text[] =
	"Посол Италии Виторио Сандали встретился с Путиным в Минске.";
/* Министерство иностранных дел России 0-35, России 29-35. */
static const char nested_text[] =
	"Министерство иностранных дел России сообщило об этом.";
/* Подмосковья 7-18, Моя улица 38-47, ЕС 52-54, НАТО 57-61. */
static const char mapping_text[] = "Жители Подмосковья поддержали проект "
				   "«Моя улица», а ЕС и НАТО промолчали.";
/* Грузии 10-16. */
static const char tie_text[] = "Делегация Грузии прибыла.";

/* A predicted mention: the first occurrence of surface in the text. */
struct mention_spec {
	const char *surface;
	enum polgraph_actor_type type;
};

/* A result with one actor per mention, all in static storage. */
struct built {
	struct polgraph_result result;
	struct polgraph_actor actors[MAX_MENTIONS];
	struct polgraph_mention mentions[MAX_MENTIONS];
};

static void build_result(struct built *built, const char *text,
                         const struct mention_spec *specs, size_t count)
{
	static const char *const keys[MAX_MENTIONS] = { "a0", "a1", "a2",
		                                        "a3", "a4", "a5" };

	memset(built, 0, sizeof(*built));
	built->result.article.id = "doc";
	built->result.article.lang = "ru";
	built->result.article.text = text;
	built->result.article.text_len = strlen(text);
	built->result.actors = built->actors;
	built->result.actor_count = count;
	for (size_t i = 0; i < count; i++) {
		const char *at = strstr(text, specs[i].surface);

		CHECK(at != NULL, "'%s' is in the text", specs[i].surface);
		if (!at)
			at = text;
		built->mentions[i].start = (size_t)(at - text);
		built->mentions[i].end =
			built->mentions[i].start + strlen(specs[i].surface);
		built->mentions[i].text = specs[i].surface;
		built->actors[i].key = keys[i];
		built->actors[i].name = keys[i];
		built->actors[i].type = specs[i].type;
		built->actors[i].mentions = &built->mentions[i];
		built->actors[i].mention_count = 1;
	}
}

/* The gold line for text with the given entities (a JSON array body). */
static void gold_line(char *out, size_t size, const char *text,
                      const char *entities)
{
	snprintf(out, size,
	         "{\"id\":\"doc\",\"text\":\"%s\",\"entities\":[%s],"
	         "\"facts\":[]}",
	         text, entities);
}

static void check_counts(const struct polgraph_eval_counts *got,
                         const struct polgraph_eval_counts *want,
                         const char *row, const char *metric)
{
	for (size_t type = 0; type < POLGRAPH_EVAL_TYPE_COUNT; type++) {
		char label[160];

		snprintf(
			label, sizeof(label), "%s: %s %s tp/fp/fn", row, metric,
			polgraph_eval_type_name((enum polgraph_eval_type)type));
		CHECK(got[type].tp == want[type].tp &&
		              got[type].fp == want[type].fp &&
		              got[type].fn == want[type].fn,
		      "%s: got %zu/%zu/%zu, want %zu/%zu/%zu", label,
		      got[type].tp, got[type].fp, got[type].fn, want[type].tp,
		      want[type].fp, want[type].fn);
	}
}

/* ---- scoring ---- */

/* Counts per type in the order PER, LOC, ORG. */
static const struct {
	const char *name;
	const char *text;
	const char *entities;
	struct mention_spec mentions[MAX_MENTIONS];
	size_t mention_count;
	struct polgraph_eval_counts token[POLGRAPH_EVAL_TYPE_COUNT];
	struct polgraph_eval_counts span[POLGRAPH_EVAL_TYPE_COUNT];
	size_t gold_entities, predicted_mentions;
} score_rows[] = {
	{ "exact matches, code points converted to bytes",
	  basic_text,
	  E("LocOrg", 6, 12) "," E("Person", 13, 28) "," E(
		  "Person", 42, 49) "," E("LocOrg", 52, 58),
	  { { "Италии", POLGRAPH_ACTOR_COUNTRY },
	    { "Виторио Сандали", POLGRAPH_ACTOR_PERSON },
	    { "Путиным", POLGRAPH_ACTOR_PERSON },
	    { "Минске", POLGRAPH_ACTOR_COUNTRY } },
	  4,
	  { { 3, 0, 0 }, { 2, 0, 0 }, { 0, 0, 0 } },
	  { { 2, 0, 0 }, { 2, 0, 0 }, { 0, 0, 0 } },
	  4,
	  4 },
	{ "a mention wider than the gold entity",
	  basic_text,
	  E("Person", 21, 28),
	  { { "Виторио Сандали", POLGRAPH_ACTOR_PERSON } },
	  1,
	  { { 1, 1, 0 }, { 0, 0, 0 }, { 0, 0, 0 } },
	  { { 0, 1, 1 }, { 0, 0, 0 }, { 0, 0, 0 } },
	  1,
	  1 },
	{ "a mention inside a token labels no token",
	  basic_text,
	  E("LocOrg", 52, 58),
	  { { "Минск", POLGRAPH_ACTOR_COUNTRY } },
	  1,
	  { { 0, 0, 0 }, { 0, 0, 1 }, { 0, 0, 0 } },
	  { { 0, 0, 0 }, { 0, 1, 1 }, { 0, 0, 0 } },
	  1,
	  1 },
	{ "nested gold: the longest entity labels the tokens",
	  nested_text,
	  E("Org", 0, 35) "," E("LocOrg", 29, 35),
	  { { "России", POLGRAPH_ACTOR_COUNTRY } },
	  1,
	  { { 0, 0, 0 }, { 0, 1, 0 }, { 0, 0, 4 } },
	  { { 0, 0, 0 }, { 1, 0, 0 }, { 0, 0, 1 } },
	  2,
	  1 },
	{ "nested on both sides",
	  nested_text,
	  E("LocOrg", 29, 35) "," E("Org", 0, 35),
	  { { "Министерство иностранных дел России",
	      POLGRAPH_ACTOR_ORGANIZATION },
	    { "России", POLGRAPH_ACTOR_COUNTRY } },
	  2,
	  { { 0, 0, 0 }, { 0, 0, 0 }, { 4, 0, 0 } },
	  { { 0, 0, 0 }, { 1, 0, 0 }, { 1, 0, 0 } },
	  2,
	  2 },
	{ "equal spans: the first gold entity labels the token",
	  tie_text,
	  E("Person", 10, 16) "," E("LocOrg", 10, 16),
	  { { "Грузии", POLGRAPH_ACTOR_COUNTRY } },
	  1,
	  { { 0, 0, 1 }, { 0, 1, 0 }, { 0, 0, 0 } },
	  { { 0, 0, 1 }, { 1, 0, 0 }, { 0, 0, 0 } },
	  2,
	  1 },
	{ "type mapping: Location, Org; Project and group not scored",
	  mapping_text,
	  E("Location", 7, 18) "," E("Project", 38, 47) "," E("Org", 57, 61),
	  { { "Подмосковья", POLGRAPH_ACTOR_LOCATION },
	    { "ЕС", POLGRAPH_ACTOR_GROUP },
	    { "Моя улица", POLGRAPH_ACTOR_GROUP },
	    { "НАТО", POLGRAPH_ACTOR_ORGANIZATION } },
	  4,
	  { { 0, 0, 0 }, { 1, 0, 0 }, { 1, 0, 0 } },
	  { { 0, 0, 0 }, { 1, 0, 0 }, { 1, 0, 0 } },
	  2,
	  2 },
	{ "a country where the gold has an Org",
	  mapping_text,
	  E("Org", 57, 61),
	  { { "НАТО", POLGRAPH_ACTOR_COUNTRY },
	    { "Жители", POLGRAPH_ACTOR_PERSON } },
	  2,
	  { { 0, 1, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
	  { { 0, 1, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
	  1,
	  2 },
	{ "a span annotated twice needs two mentions",
	  basic_text,
	  E("Location", 52, 58) "," E("LocOrg", 52, 58),
	  { { "Минске", POLGRAPH_ACTOR_COUNTRY } },
	  1,
	  { { 0, 0, 0 }, { 1, 0, 0 }, { 0, 0, 0 } },
	  { { 0, 0, 0 }, { 1, 0, 1 }, { 0, 0, 0 } },
	  2,
	  1 },
	{ "no gold entities",
	  basic_text,
	  "",
	  { { "Путиным", POLGRAPH_ACTOR_PERSON } },
	  1,
	  { { 0, 1, 0 }, { 0, 0, 0 }, { 0, 0, 0 } },
	  { { 0, 1, 0 }, { 0, 0, 0 }, { 0, 0, 0 } },
	  0,
	  1 },
};

static void test_scores(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(score_rows); i++) {
		struct polgraph_eval *eval = polgraph_eval_new();
		struct polgraph_eval_report report;
		struct polgraph_error err = { 0 };
		struct built built;
		char line[1024];

		build_result(&built, score_rows[i].text, score_rows[i].mentions,
		             score_rows[i].mention_count);
		gold_line(line, sizeof(line), score_rows[i].text,
		          score_rows[i].entities);
		CHECK_INT(polgraph_eval_add(eval, &built.result, line,
		                            strlen(line), &err),
		          POLGRAPH_OK, score_rows[i].name);
		CHECK_STR(err.message, "", score_rows[i].name);
		polgraph_eval_report(eval, &report);
		CHECK_INT(report.documents, 1, score_rows[i].name);
		CHECK_INT(report.gold_entities, score_rows[i].gold_entities,
		          score_rows[i].name);
		CHECK_INT(report.predicted_mentions,
		          score_rows[i].predicted_mentions, score_rows[i].name);
		check_counts(report.entities[POLGRAPH_EVAL_TOKEN],
		             score_rows[i].token, score_rows[i].name, "token");
		check_counts(report.entities[POLGRAPH_EVAL_SPAN],
		             score_rows[i].span, score_rows[i].name, "span");
		for (size_t metric = 0; metric < POLGRAPH_EVAL_METRIC_COUNT;
		     metric++) {
			struct polgraph_eval_counts sum = { 0 };

			for (size_t type = 0; type < POLGRAPH_EVAL_TYPE_COUNT;
			     type++) {
				sum.tp += report.entities[metric][type].tp;
				sum.fp += report.entities[metric][type].fp;
				sum.fn += report.entities[metric][type].fn;
			}
			CHECK(report.micro[metric].tp == sum.tp &&
			              report.micro[metric].fp == sum.fp &&
			              report.micro[metric].fn == sum.fn,
			      "%s: micro is the sum over types",
			      score_rows[i].name);
		}
		polgraph_eval_free(eval);
	}
}

/* Documents add up; the token count covers words and numbers only. */
static void test_accumulates(void)
{
	static const struct mention_spec mentions[] = {
		{ "Путиным", POLGRAPH_ACTOR_PERSON },
	};
	struct polgraph_eval *eval = polgraph_eval_new();
	struct polgraph_eval_report report;
	struct polgraph_error err = { 0 };
	struct built built;
	char line[1024];

	build_result(&built, basic_text, mentions, 1);
	gold_line(line, sizeof(line), basic_text, E("Person", 42, 49));
	for (int i = 0; i < 3; i++)
		CHECK_INT(polgraph_eval_add(eval, &built.result, line,
		                            strlen(line), &err),
		          POLGRAPH_OK, "add");
	polgraph_eval_report(eval, &report);
	CHECK_INT(report.documents, 3, "three documents");
	CHECK_INT(report.tokens, 3 * 9, "nine words each, '.' not counted");
	CHECK_INT(report.entities[POLGRAPH_EVAL_SPAN][POLGRAPH_EVAL_PER].tp, 3,
	          "span tp summed");
	CHECK_INT(report.micro[POLGRAPH_EVAL_TOKEN].tp, 3, "token micro tp");
	polgraph_eval_free(eval);
}

/* ---- misses and confusion ---- */

static void test_misses(void)
{
	static const struct mention_spec mentions[] = {
		{ "Виторио Сандали", POLGRAPH_ACTOR_PERSON },
	};
	struct polgraph_eval *eval = polgraph_eval_new();
	const struct polgraph_eval_miss *miss;
	struct polgraph_error err = { 0 };
	struct built built;
	char line[1024];

	build_result(&built, basic_text, mentions, 1);
	gold_line(line, sizeof(line), basic_text,
	          E("Person", 21, 28) "," E("LocOrg", 6, 12));
	polgraph_eval_add(eval, &built.result, line, strlen(line), &err);
	CHECK_INT(polgraph_eval_miss_count(eval), 0, "none kept by default");

	/* Misses in text order: fn Италии, fp Виторио Сандали, fn Сандали;
	 * one of each kind is kept. */
	polgraph_eval_keep_misses(eval, 1);
	built.result.article.id = "second";
	polgraph_eval_add(eval, &built.result, line, strlen(line), &err);
	CHECK_INT(polgraph_eval_miss_count(eval), 2, "one fn and one fp kept");
	miss = polgraph_eval_miss(eval, 0);
	CHECK(miss && !miss->false_positive, "first miss is a false negative");
	if (miss) {
		CHECK_INT(miss->type, POLGRAPH_EVAL_LOC, "fn type");
		CHECK_STR(miss->article_id, "second", "fn article");
		CHECK_INT(miss->start, 11, "fn start in bytes");
		CHECK_INT(miss->end, 23, "fn end in bytes");
		CHECK_STR(miss->text, "Италии", "fn text");
	}
	miss = polgraph_eval_miss(eval, 1);
	CHECK(miss && miss->false_positive, "second miss is a false positive");
	if (miss) {
		CHECK_INT(miss->type, POLGRAPH_EVAL_PER, "fp type");
		CHECK_INT(miss->start, 24, "fp start");
		CHECK_STR(miss->text, "Виторио Сандали", "fp text");
	}
	CHECK(polgraph_eval_miss(eval, 2) == NULL, "no third miss");
	polgraph_eval_free(eval);
}

static void test_confusion(void)
{
	static const struct mention_spec mentions[] = {
		{ "Подмосковья", POLGRAPH_ACTOR_LOCATION },
		{ "ЕС", POLGRAPH_ACTOR_GROUP },
		{ "НАТО", POLGRAPH_ACTOR_COUNTRY },
	};
	struct polgraph_eval *eval = polgraph_eval_new();
	struct polgraph_eval_report report;
	struct polgraph_error err = { 0 };
	struct built built;
	size_t total = 0;
	char line[1024];

	build_result(&built, mapping_text, mentions, ARRAY_SIZE(mentions));
	gold_line(line, sizeof(line), mapping_text,
	          E("Location", 7, 18) "," E("Project", 38, 47) "," E("Org", 57,
	                                                              61));
	CHECK_INT(polgraph_eval_add(eval, &built.result, line, strlen(line),
	                            &err),
	          POLGRAPH_OK, "add");
	polgraph_eval_report(eval, &report);
	CHECK_INT(report.confusion[POLGRAPH_EVAL_GOLD_LOCATION]
	                          [POLGRAPH_ACTOR_LOCATION],
	          1, "Location as location");
	CHECK_INT(report.confusion[POLGRAPH_EVAL_GOLD_PROJECT]
	                          [POLGRAPH_ACTOR_TYPE_COUNT],
	          1, "Project not found");
	CHECK_INT(report.confusion[POLGRAPH_EVAL_GOLD_ORG]
	                          [POLGRAPH_ACTOR_COUNTRY],
	          1, "Org as country");
	CHECK_INT(report.confusion[POLGRAPH_EVAL_GOLD_TYPE_COUNT]
	                          [POLGRAPH_ACTOR_GROUP],
	          1, "group where the gold has nothing");
	for (size_t g = 0; g <= POLGRAPH_EVAL_GOLD_TYPE_COUNT; g++)
		for (size_t a = 0; a <= POLGRAPH_ACTOR_TYPE_COUNT; a++)
			total += report.confusion[g][a];
	CHECK_INT(total, 4, "nothing else counted");
	polgraph_eval_free(eval);
}

/* ---- bad gold lines ---- */

static const struct {
	const char *name;
	const char *line;
	enum polgraph_status status;
	const char *message;
} bad_rows[] = {
	{ "malformed JSON", "{\"text\": \"Минск\", ", POLGRAPH_JSON,
	  "malformed JSON near byte 23" },
	{ "no text", "{\"id\":\"x\",\"entities\":[]}", POLGRAPH_INVALID,
	  "missing required field 'text'" },
	{ "null text", "{\"text\":null}", POLGRAPH_INVALID,
	  "missing required field 'text'" },
	{ "another text", "{\"text\":\"Москва.\"}", POLGRAPH_INVALID,
	  "field 'text' is not the text of article 'doc'" },
	{ "not an object", "[\"Минск вручил ноту.\"]", POLGRAPH_INVALID,
	  "missing required field 'text'" },
	{ "end past the text in code points (not in bytes)",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":[" E(
		  "LocOrg", 0, 5) "," E("Org", 7, 25) "]}",
	  POLGRAPH_INVALID,
	  "entities.1: end 25 is past the end of the text (18 code points)" },
	{ "empty span",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":[" E("LocOrg", 5,
	                                                      5) "]}",
	  POLGRAPH_INVALID, "entities.0: end 5 is not after start 5" },
	{ "end before start",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":[" E("LocOrg", 5,
	                                                      2) "]}",
	  POLGRAPH_INVALID, "entities.0: end 2 is not after start 5" },
	{ "negative start",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":[" E("LocOrg", -1,
	                                                      5) "]}",
	  POLGRAPH_INVALID,
	  "entities.0: start must be a non-negative integer, not '-1'" },
	{ "fractional end",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":[" E("LocOrg", 0,
	                                                      4.5) "]}",
	  POLGRAPH_INVALID,
	  "entities.0: end must be a non-negative integer, not '4.5'" },
	{ "unknown type",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":[" E("City", 0,
	                                                      5) "]}",
	  POLGRAPH_INVALID, "entities.0: unknown type 'City'" },
	{ "missing start",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":["
	  "{\"type\":\"LocOrg\",\"end\":5}]}",
	  POLGRAPH_INVALID, "entities.0: missing start" },
	{ "missing type",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":["
	  "{\"type\":null,\"start\":0,\"end\":5}]}",
	  POLGRAPH_INVALID, "entities.0: missing type" },
	{ "an entity with no fields before another",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":[{}," E("LocOrg", 0,
	                                                         5) "]}",
	  POLGRAPH_INVALID, "entities.0: missing type" },
	{ "entities not an array",
	  "{\"text\":\"Минск вручил ноту.\","
	  "\"entities\":{\"a\":{\"type\":\"Org\"}}}",
	  POLGRAPH_INVALID, "field 'entities' must be an array of objects" },
	{ "entities a number",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":3}", POLGRAPH_INVALID,
	  "field 'entities' must be an array" },
	{ "an entity not an object",
	  "{\"text\":\"Минск вручил ноту.\",\"entities\":[" E("LocOrg", 0,
	                                                      5) ",7]}",
	  POLGRAPH_INVALID, "entities.1 must be an object" },
};

static void test_bad_lines(void)
{
	static const struct mention_spec mentions[] = {
		{ "Минск", POLGRAPH_ACTOR_COUNTRY },
	};
	static const char text[] = "Минск вручил ноту.";
	struct polgraph_eval *eval = polgraph_eval_new();
	struct polgraph_eval_report report, empty = { 0 };
	struct polgraph_error err = { 0 };
	struct built built;
	char line[256];

	polgraph_eval_keep_misses(eval, 10);
	build_result(&built, text, mentions, 1);
	for (size_t i = 0; i < ARRAY_SIZE(bad_rows); i++) {
		CHECK_INT(polgraph_eval_add(eval, &built.result,
		                            bad_rows[i].line,
		                            strlen(bad_rows[i].line), &err),
		          bad_rows[i].status, bad_rows[i].name);
		CHECK_STR(err.message, bad_rows[i].message, bad_rows[i].name);
	}

	/* A mention outside the text is the caller's bug, not the gold's. */
	gold_line(line, sizeof(line), text, E("LocOrg", 0, 5));
	built.mentions[0].end = sizeof(text) + 4;
	CHECK_INT(polgraph_eval_add(eval, &built.result, line, strlen(line),
	                            &err),
	          POLGRAPH_INVALID, "mention outside the text");
	CHECK_STR(err.message,
	          "actor 'a0': mention 0..38 is outside the text (33 bytes)",
	          "mention outside the text");

	polgraph_eval_report(eval, &report);
	CHECK(memcmp(&report, &empty, sizeof(report)) == 0,
	      "rejected lines count nothing");
	CHECK_INT(polgraph_eval_miss_count(eval), 0, "and keep no miss");

	/* The same evaluation still scores a good line. */
	built.mentions[0].end = strlen("Минск");
	CHECK_INT(polgraph_eval_add(eval, &built.result, line, strlen(line),
	                            &err),
	          POLGRAPH_OK, "good line after bad ones");
	polgraph_eval_report(eval, &report);
	CHECK_INT(report.documents, 1, "one document");
	CHECK_INT(report.entities[POLGRAPH_EVAL_SPAN][POLGRAPH_EVAL_LOC].tp, 1,
	          "its match");
	polgraph_eval_free(eval);
}

/* ---- names and ratios ---- */

static void test_names_and_ratios(void)
{
	struct polgraph_eval_counts counts = { 3, 1, 2 }, zero = { 0 };

	CHECK_STR(polgraph_eval_type_name(POLGRAPH_EVAL_PER), "PER", "PER");
	CHECK_STR(polgraph_eval_type_name(POLGRAPH_EVAL_LOC), "LOC", "LOC");
	CHECK_STR(polgraph_eval_type_name(POLGRAPH_EVAL_ORG), "ORG", "ORG");
	CHECK_STR(polgraph_eval_type_name(POLGRAPH_EVAL_TYPE_COUNT), NULL,
	          "no fourth type");
	CHECK_STR(polgraph_eval_metric_name(POLGRAPH_EVAL_TOKEN), "token",
	          "token");
	CHECK_STR(polgraph_eval_metric_name(POLGRAPH_EVAL_SPAN), "span",
	          "span");
	CHECK_STR(polgraph_eval_gold_type_name(POLGRAPH_EVAL_GOLD_LOCORG),
	          "LocOrg", "LocOrg");
	CHECK_STR(polgraph_eval_gold_type_name(POLGRAPH_EVAL_GOLD_TYPE_COUNT),
	          NULL, "no sixth gold type");
	CHECK(polgraph_eval_precision(&counts) == 0.75, "precision 3/4");
	CHECK(polgraph_eval_recall(&counts) == 0.6, "recall 3/5");
	CHECK(polgraph_eval_f1(&counts) == 6.0 / 9.0, "f1 6/9");
	CHECK(polgraph_eval_precision(&zero) == 0 &&
	              polgraph_eval_recall(&zero) == 0 &&
	              polgraph_eval_f1(&zero) == 0,
	      "0 when nothing is counted");
}

int main(void)
{
	test_scores();
	test_accumulates();
	test_misses();
	test_confusion();
	test_bad_lines();
	test_names_and_ratios();
	return check_done();
}
