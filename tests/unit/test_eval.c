/*
 * test_eval.c - unit tests for eval.h: hand-built results scored against
 * gold lines with Cyrillic text (so code point offsets differ from byte
 * offsets): exact TP/FP/FN per token and per span, nested gold entities,
 * type mapping, kept misses, type confusion, fact pairs (Occupation and
 * Meeting against hand-built relations) and rejected gold lines.
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

/* ---- facts ---- */

/* Code points: Италии 6-12, Виторио Сандали 13-28, Путиным 42-49,
 * Лукашенко 52-61 and 82-91, Беларуси 73-81 (bytes: Сандали 39-53,
 * Путиным 78-92, Беларуси 135-151, the second Лукашенко 152-170). */
#define FACT_TEXT                                                                                                              \
	"Посол Италии Виторио Сандали встретился с Путиным и Лукашенко. " \
	"Президент Беларуси Лукашенко доволен."

/* A gold entity with an id, in a cluster or (cluster "") in none. */
#define EC(id, type, start, end, cluster)                                      \
	"{\"id\":\"" id "\",\"type\":\"" type "\",\"start\":" #start           \
	",\"end\":" #end ",\"cluster\":\"" cluster "\"}"
/* An entity argument. */
#define ARG(cluster, text)                                                     \
	"{\"kind\":\"entity\",\"ref\":\"obj\",\"cluster\":\"" cluster          \
	"\",\"text\":\"" text "\"}"

/*
 * The second Лукашенко (e6) is in the cluster "luk" only by the cluster's
 * list. Gold pairs: occupation (sandali, italy) - stated twice, counted
 * once -, (luk, the span Беларуси); Putin's Occupation has no Where and
 * gives none; the Meeting of three gives (sandali, putin), (sandali, luk),
 * (putin, luk). The Deal is not scored, malformed as it is.
 */
/* One JSON element per line reads better than what clang-format makes. */
/* clang-format off */
static const char fact_gold[] =
	"{\"id\":\"doc\",\"has_facts\":true,\"text\":\"" FACT_TEXT "\","
	"\"entities\":["
		EC("e1", "LocOrg", 6, 12, "italy") ","
		EC("e2", "Person", 13, 28, "sandali") ","
		EC("e3", "Person", 42, 49, "putin") ","
		EC("e4", "Person", 52, 61, "luk") ","
		EC("e5", "LocOrg", 73, 81, "blr") ","
		"{\"id\":\"e6\",\"type\":\"Person\",\"start\":82,\"end\":91}],"
	"\"clusters\":["
		"{\"id\":\"luk\",\"mentions\":[\"e4\",\"e6\"]},"
		"{\"id\":\"italy\",\"mentions\":[\"e1\"]}],"
	"\"facts\":["
		"{\"type\":\"Occupation\",\"args\":{"
			"\"Who\":[" ARG("sandali", "Сандали Виторио") "],"
			"\"Position\":[{\"kind\":\"span\",\"start\":0,\"end\":5}],"
			"\"Where\":[" ARG("italy", "Италия") "]}},"
		"{\"type\":\"Occupation\",\"args\":{"
			"\"Who\":[" ARG("luk", "Лукашенко Александр") "],"
			"\"Where\":[{\"kind\":\"span\",\"start\":73,\"end\":81}]}},"
		"{\"type\":\"Occupation\",\"args\":{"
			"\"Who\":[" ARG("putin", "Путин Владимир") "],"
			"\"Position\":[{\"kind\":\"span\",\"start\":0,\"end\":5}]}},"
		"{\"type\":\"Meeting\",\"args\":{\"Participant\":["
			ARG("sandali", "Сандали Виторио") ","
			ARG("putin", "Путин Владимир") ","
			"{\"kind\":\"entity\",\"cluster\":\"luk\"}]}},"
		"{\"args\":{"
			"\"Where\":[" ARG("italy", "Италия") "],"
			"\"Who\":[" ARG("sandali", "Сандали") "]},"
			"\"type\":\"Occupation\"},"
		"{\"type\":\"Deal\",\"args\":{"
			"\"Participant\":[{\"kind\":\"bogus\"}]}}"
	"]}";
/* clang-format on */
/* clang-format on */

/* Actors sorted by key, one mention each. */
static const struct {
	const char *key;
	const char *surface;
	size_t occurrence; /* 0 first, 1 second */
} fact_actors[] = {
	{ "country:BLR", "Беларуси", 0 },   { "country:ITA", "Италии", 0 },
	{ "person:luk", "Лукашенко", 1 },   { "person:putin", "Путиным", 0 },
	{ "person:sandali", "Сандали", 0 },
};

static const struct polgraph_relation fact_relations[] = {
	{ .type = "ambassador-of",
	  .source = "person:sandali",
	  .target = "country:ITA" },
	{ .type = "holds-position",
	  .source = "person:sandali",
	  .target = "country:ITA" }, /* the same pair: one */
	{ .type = "holds-position",
	  .source = "person:luk",
	  .target = "country:BLR" },
	{ .type = "meets-with",
	  .source = "person:putin",
	  .target = "person:sandali" }, /* gold has them the other way */
	{ .type = "meets-with",
	  .source = "person:luk",
	  .target = "person:putin",
	  .negated = true }, /* not counted */
	{ .type = "holds-position",
	  .source = "person:putin",
	  .target = "country:BLR" }, /* fp */
	{ .type = "supports",
	  .source = "person:sandali",
	  .target = "person:luk" }, /* not scored */
	{ .type = "ambassador-of",
	  .source = "country:ITA",
	  .target = "person:sandali" }, /* fp: the order matters */
	{ .type = "holds-position",
	  .source = "person:putin",
	  .target = "country:BLR",
	  .rule = "another" }, /* the same fp: one */
};

struct fact_built {
	struct polgraph_result result;
	struct polgraph_actor actors[ARRAY_SIZE(fact_actors)];
	struct polgraph_mention mentions[ARRAY_SIZE(fact_actors)];
	struct polgraph_relation relations[ARRAY_SIZE(fact_relations)];
};

static void build_fact_result(struct fact_built *built, const char *text)
{
	memset(built, 0, sizeof(*built));
	built->result.article.id = "doc";
	built->result.article.lang = "ru";
	built->result.article.text = text;
	built->result.article.text_len = strlen(text);
	built->result.actors = built->actors;
	built->result.actor_count = ARRAY_SIZE(fact_actors);
	for (size_t i = 0; i < ARRAY_SIZE(fact_actors); i++) {
		const char *at = strstr(text, fact_actors[i].surface);

		if (at && fact_actors[i].occurrence)
			at = strstr(at + 1, fact_actors[i].surface);
		CHECK(at != NULL, "'%s' is in the text",
		      fact_actors[i].surface);
		if (!at)
			at = text;
		built->mentions[i].start = (size_t)(at - text);
		built->mentions[i].end = built->mentions[i].start +
		                         strlen(fact_actors[i].surface);
		built->mentions[i].text = fact_actors[i].surface;
		built->actors[i].key = fact_actors[i].key;
		built->actors[i].name = fact_actors[i].key;
		built->actors[i].type = fact_actors[i].key[0] == 'c'
		                                ? POLGRAPH_ACTOR_COUNTRY
		                                : POLGRAPH_ACTOR_PERSON;
		built->actors[i].mentions = &built->mentions[i];
		built->actors[i].mention_count = 1;
	}
	memcpy(built->relations, fact_relations, sizeof(fact_relations));
	built->result.relations = built->relations;
	built->result.relation_count = ARRAY_SIZE(fact_relations);
}

static void check_fact_counts(const struct polgraph_eval_report *report,
                              enum polgraph_eval_fact fact, size_t tp,
                              size_t fp, size_t fn, const char *label)
{
	const struct polgraph_eval_counts *got = &report->facts[fact];

	CHECK(got->tp == tp && got->fp == fp && got->fn == fn,
	      "%s: %s tp/fp/fn: got %zu/%zu/%zu, want %zu/%zu/%zu", label,
	      polgraph_eval_fact_name(fact), got->tp, got->fp, got->fn, tp, fp,
	      fn);
}

static void check_fact_miss(const struct polgraph_eval *eval, size_t i,
                            bool false_positive, enum polgraph_eval_fact fact,
                            const char *first, const char *second)
{
	const struct polgraph_eval_fact_miss *miss =
		polgraph_eval_fact_miss(eval, i);

	CHECK(miss != NULL, "fact miss %zu kept", i);
	if (!miss)
		return;
	CHECK(miss->false_positive == false_positive && miss->fact == fact,
	      "fact miss %zu: %s %s", i, false_positive ? "fp" : "fn",
	      polgraph_eval_fact_name(fact));
	CHECK_STR(miss->article_id, "doc", "fact miss article");
	CHECK_STR(miss->first, first, "fact miss first side");
	CHECK_STR(miss->second, second, "fact miss second side");
}

static void test_facts(void)
{
	struct polgraph_eval *eval = polgraph_eval_new();
	struct polgraph_eval_report report;
	struct polgraph_error err = { 0 };
	struct fact_built built;

	build_fact_result(&built, FACT_TEXT);
	polgraph_eval_keep_misses(eval, 10);
	CHECK_INT(polgraph_eval_add(eval, &built.result, fact_gold,
	                            strlen(fact_gold), &err),
	          POLGRAPH_OK, "facts: add");
	CHECK_STR(err.message, "", "facts: no error");
	polgraph_eval_report(eval, &report);
	CHECK_INT(report.fact_documents, 1, "facts: one document");
	check_fact_counts(&report, POLGRAPH_EVAL_FACT_OCCUPATION, 2, 2, 0,
	                  "facts");
	check_fact_counts(&report, POLGRAPH_EVAL_FACT_MEETING, 1, 0, 2,
	                  "facts");

	/* Occupation fps in relation order, then the meeting fns in gold
	 * order; an argument without text is called by its first mention. */
	CHECK_INT(polgraph_eval_fact_miss_count(eval), 4, "fact misses");
	check_fact_miss(eval, 0, true, POLGRAPH_EVAL_FACT_OCCUPATION, "Путиным",
	                "Беларуси");
	check_fact_miss(eval, 1, true, POLGRAPH_EVAL_FACT_OCCUPATION, "Италии",
	                "Сандали");
	check_fact_miss(eval, 2, false, POLGRAPH_EVAL_FACT_MEETING,
	                "Сандали Виторио", "Лукашенко");
	check_fact_miss(eval, 3, false, POLGRAPH_EVAL_FACT_MEETING,
	                "Путин Владимир", "Лукашенко");
	CHECK(polgraph_eval_fact_miss(eval, 4) == NULL, "no fifth fact miss");

	/* Without relations every gold pair is missed. */
	built.result.relation_count = 0;
	CHECK_INT(polgraph_eval_add(eval, &built.result, fact_gold,
	                            strlen(fact_gold), &err),
	          POLGRAPH_OK, "facts: add without relations");
	polgraph_eval_report(eval, &report);
	CHECK_INT(report.fact_documents, 2, "facts: two documents");
	check_fact_counts(&report, POLGRAPH_EVAL_FACT_OCCUPATION, 2, 2, 2,
	                  "facts, twice");
	check_fact_counts(&report, POLGRAPH_EVAL_FACT_MEETING, 1, 0, 5,
	                  "facts, twice");
	polgraph_eval_free(eval);
}

/* Which documents count for the facts: "has_facts", else a non-empty
 * "facts". Putin meets Lukashenko in every result. */
#define MEETING_TEXT "Путин встретился с Лукашенко."
#define MEETING_ENTITIES                                                       \
	"\"entities\":[" EC("1", "Person", 0, 5, "p") "," EC("2", "Person",    \
	                                                     19, 28, "l") "]"
#define MEETING_FACT                                                           \
	"{\"type\":\"Meeting\",\"args\":{\"Participant\":[" ARG(               \
		"p", "Путин") "," ARG("l", "Лукашенко") "]}}"

static const struct {
	const char *name;
	const char *line;
	size_t fact_documents;
	struct polgraph_eval_counts meeting;
} fact_document_rows[] = {
	{ "has_facts false: not scored",
	  "{\"text\":\"" MEETING_TEXT "\"," MEETING_ENTITIES
	  ",\"has_facts\":false,\"facts\":[" MEETING_FACT "]}",
	  0,
	  { 0, 0, 0 } },
	{ "has_facts false: a bad fact is not read",
	  "{\"text\":\"" MEETING_TEXT "\"," MEETING_ENTITIES
	  ",\"has_facts\":false,\"facts\":[{\"type\":\"Meeting\","
	  "\"args\":{\"Participant\":[{\"kind\":\"bogus\"}]}}]}",
	  0,
	  { 0, 0, 0 } },
	{ "no has_facts, no facts: not scored",
	  "{\"text\":\"" MEETING_TEXT "\"," MEETING_ENTITIES ",\"facts\":[]}",
	  0,
	  { 0, 0, 0 } },
	{ "no has_facts, a fact: scored",
	  "{\"text\":\"" MEETING_TEXT "\"," MEETING_ENTITIES
	  ",\"facts\":[" MEETING_FACT "]}",
	  1,
	  { 1, 0, 0 } },
	{ "has_facts true, no facts: every pair is wrong",
	  "{\"text\":\"" MEETING_TEXT "\"," MEETING_ENTITIES
	  ",\"has_facts\":true}",
	  1,
	  { 0, 1, 0 } },
	{ "a Meeting of one gives no pair",
	  "{\"text\":\"" MEETING_TEXT "\"," MEETING_ENTITIES
	  ",\"facts\":[{\"type\":\"Meeting\",\"args\":{\"Participant\":[" ARG(
		  "p", "Путин") "]}}]}",
	  1,
	  { 0, 1, 0 } },
	{ "a participant as a span",
	  "{\"text\":\"" MEETING_TEXT "\"," MEETING_ENTITIES
	  ",\"facts\":[{\"type\":\"Meeting\",\"args\":{\"Participant\":[" ARG(
		  "p", "Путин") ",{\"kind\":\"span\",\"start\":21,\"end\":"
	                        "24}]}}]}",
	  1,
	  { 1, 0, 0 } },
};

static void test_fact_documents(void)
{
	static const struct polgraph_relation meeting = {
		.type = "meets-with",
		.source = "a1",
		.target = "a0",
	};
	static const struct mention_spec mentions[] = {
		{ "Путин", POLGRAPH_ACTOR_PERSON },
		{ "Лукашенко", POLGRAPH_ACTOR_PERSON },
	};

	for (size_t i = 0; i < ARRAY_SIZE(fact_document_rows); i++) {
		struct polgraph_eval *eval = polgraph_eval_new();
		struct polgraph_eval_report report;
		struct polgraph_error err = { 0 };
		struct built built;

		build_result(&built, MEETING_TEXT, mentions, 2);
		built.result.relations = (struct polgraph_relation *)&meeting;
		built.result.relation_count = 1;
		CHECK_INT(polgraph_eval_add(eval, &built.result,
		                            fact_document_rows[i].line,
		                            strlen(fact_document_rows[i].line),
		                            &err),
		          POLGRAPH_OK, fact_document_rows[i].name);
		CHECK_STR(err.message, "", fact_document_rows[i].name);
		polgraph_eval_report(eval, &report);
		CHECK_INT(report.fact_documents,
		          fact_document_rows[i].fact_documents,
		          fact_document_rows[i].name);
		check_fact_counts(&report, POLGRAPH_EVAL_FACT_MEETING,
		                  fact_document_rows[i].meeting.tp,
		                  fact_document_rows[i].meeting.fp,
		                  fact_document_rows[i].meeting.fn,
		                  fact_document_rows[i].name);
		check_fact_counts(&report, POLGRAPH_EVAL_FACT_OCCUPATION, 0, 0,
		                  0, fact_document_rows[i].name);
		polgraph_eval_free(eval);
	}
}

/* ---- bad gold lines ---- */

/* A gold line for "Минск вручил ноту." with Минск in cluster "c" and the
 * given facts. */
#define BAD_FACTS(facts)                                                       \
	"{\"text\":\"Минск вручил ноту.\",\"entities\":[" EC(                  \
		"1", "LocOrg", 0, 5, "c") "],\"facts\":" facts "}"

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
	{ "an Occupation without Who",
	  BAD_FACTS("[{\"type\":\"Occupation\",\"args\":{\"Where\":[" ARG(
		  "c", "Минск") "]}}]"),
	  POLGRAPH_INVALID, "facts.0: Occupation without Who" },
	{ "an argument of unknown kind",
	  BAD_FACTS("[{\"type\":\"Deal\"},{\"type\":\"Meeting\",\"args\":{"
	            "\"Participant\":[" ARG("c", "Минск") ",{\"kind\":"
	                                                  "\"thing\"}]}}]"),
	  POLGRAPH_INVALID,
	  "facts.1.args.Participant.1: unknown kind 'thing'" },
	{ "a cluster no entity is in",
	  BAD_FACTS("[{\"type\":\"Occupation\",\"args\":{\"Who\":[" ARG(
		  "x", "Икс") "],\"Where\":[" ARG("c", "Минск") "]}}]"),
	  POLGRAPH_INVALID, "facts.0.args.Who.0: no entity is in cluster 'x'" },
	{ "an entity argument without cluster",
	  BAD_FACTS("[{\"type\":\"Meeting\",\"args\":{\"Participant\":["
	            "{\"kind\":\"entity\",\"text\":\"Минск\"}]}}]"),
	  POLGRAPH_INVALID, "facts.0.args.Participant.0: missing cluster" },
	{ "a span past the text",
	  BAD_FACTS("[{\"type\":\"Occupation\",\"args\":{\"Who\":[{"
	            "\"kind\":\"span\",\"start\":6,\"end\":25}]}}]"),
	  POLGRAPH_INVALID,
	  "facts.0.args.Who.0: span 6..25 is empty or past the end of the text "
	  "(18 code points)" },
	{ "a span with a bad start",
	  BAD_FACTS("[{\"type\":\"Occupation\",\"args\":{\"Who\":[{"
	            "\"kind\":\"span\",\"start\":-1,\"end\":5}]}}]"),
	  POLGRAPH_INVALID,
	  "facts.0.args.Who.0: start must be a non-negative integer, not "
	  "'-1'" },
	{ "a span without end",
	  BAD_FACTS("[{\"type\":\"Occupation\",\"args\":{\"Who\":[{"
	            "\"start\":0}]}}]"),
	  POLGRAPH_INVALID, "facts.0.args.Who.0: missing end" },
	{ "an argument list not an array",
	  BAD_FACTS("[{\"type\":\"Occupation\",\"args\":{\"Who\":\"Минск\"}}]"),
	  POLGRAPH_INVALID, "facts.0.args.Who must be an array of objects" },
	{ "facts not an array", BAD_FACTS("{\"a\":{\"type\":\"Meeting\"}}"),
	  POLGRAPH_INVALID, "field 'facts' must be an array of objects" },
	{ "facts a number", BAD_FACTS("2"), POLGRAPH_INVALID,
	  "field 'facts' must be an array" },
	{ "clusters not an array",
	  "{\"text\":\"Минск вручил ноту.\",\"clusters\":{\"c\":{\"id\":1}}}",
	  POLGRAPH_INVALID, "field 'clusters' must be an array of objects" },
	{ "has_facts not a boolean",
	  "{\"text\":\"Минск вручил ноту.\",\"has_facts\":\"yes\"}",
	  POLGRAPH_INVALID,
	  "field 'has_facts' must be true or false, not 'yes'" },
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
	CHECK_STR(polgraph_eval_fact_name(POLGRAPH_EVAL_FACT_OCCUPATION),
	          "occupation", "occupation");
	CHECK_STR(polgraph_eval_fact_name(POLGRAPH_EVAL_FACT_MEETING),
	          "meeting", "meeting");
	CHECK_STR(polgraph_eval_fact_name(POLGRAPH_EVAL_FACT_COUNT), NULL,
	          "no third fact kind");
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
	test_facts();
	test_fact_documents();
	test_bad_lines();
	test_names_and_ratios();
	return check_done();
}
