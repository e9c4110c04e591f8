/*
 * test_relations.c - the relation engine on hand-built articles and the
 * rules of tests/data/relations/rules/ (not the shipped ones, which change
 * as analysts edit them): slots, sides, prepositions, coordination,
 * possessives, negation, "former", modes, vetoes, and positions from the
 * lexicon's dated roles. Each row lists its actors as "key@surface" (the
 * surface's first occurrence in the text) and the relations it must yield,
 * one "type source>target [neg] attrs" per line.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "polgraph/polgraph.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *label;
	const char *lang;
	const char *date;
	const char *text;
	const char *actors[6]; /* "key@surface", NULL-terminated */
	const char *want;      /* one relation per line, in output order */
} rows[] = {
	{ "meets-with with a preposition and coordination",
	  "ru",
	  NULL,
	  "Лукашенко встретился с Путиным и Сийярто.",
	  { "person:l@Лукашенко", "person:p@Путиным", "person:s@Сийярто" },
	  "meets-with person:l>person:p {}\n"
	  "meets-with person:l>person:s {}\n" },
	{ "negated",
	  "ru",
	  NULL,
	  "Лукашенко не встретился с Путиным.",
	  { "person:l@Лукашенко", "person:p@Путиным" },
	  "meets-with person:l>person:p neg {}\n" },
	{ "a plan is a mode, not a negation",
	  "ru",
	  NULL,
	  "Лукашенко планирует встретиться с Путиным.",
	  { "person:l@Лукашенко", "person:p@Путиным" },
	  "meets-with person:l>person:p {\"mode\":\"planned\"}\n" },
	{ "a request before a noun trigger",
	  "ru",
	  NULL,
	  "Посольство просил о встречах с Францией.",
	  { "country:b@Посольство", "country:f@Францией" },
	  "meets-with country:b>country:f {\"mode\":\"requested\"}\n" },
	{ "a veto: football",
	  "ru",
	  NULL,
	  "Динамо встретилось с ЦСКА, матч завершился вничью.",
	  { "org:d@Динамо", "org:c@ЦСКА" },
	  "" },
	{ "no preposition, no target",
	  "ru",
	  NULL,
	  "Лукашенко встретился вчера, Путин тоже.",
	  { "person:l@Лукашенко", "person:p@Путин" },
	  "" },
	{ "ambassador: person after, 'to' slot",
	  "ru",
	  NULL,
	  "Посол Беларуси в Италии Юрий Кравцов вручил грамоты.",
	  { "country:BLR@Беларуси", "country:ITA@Италии",
	    "person:k@Юрий Кравцов" },
	  "ambassador-of person:k>country:BLR {\"to\":\"country:ITA\"}\n" },
	{ "former ambassador, person before",
	  "ru",
	  NULL,
	  "Юрий Кравцов, бывший посол Беларуси, промолчал.",
	  { "person:k@Юрий Кравцов", "country:BLR@Беларуси" },
	  "ambassador-of person:k>country:BLR {\"former\":true}\n" },
	{ "constant attributes and sides",
	  "ru",
	  NULL,
	  "США сняли санкции с «Белавиа».",
	  { "country:USA@США", "org:b@Белавиа" },
	  "sanctions-lifted-by org:b>country:USA {\"scope\":\"aviation\"}\n" },
	{ "English possessive",
	  "en",
	  NULL,
	  "Russia's ambassador to the UN, Vassily Nebenzia, spoke.",
	  { "country:RUS@Russia's", "org:UN@UN", "person:n@Vassily Nebenzia" },
	  "ambassador-of person:n>country:RUS {\"to\":\"org:UN\"}\n" },
	{ "English negation phrase",
	  "en",
	  NULL,
	  "Nausėda refused to meet Lukashenko.",
	  { "person:n@Nausėda", "person:l@Lukashenko" },
	  "meets-with person:n>person:l neg {}\n" },
	{ "rules of another language do not apply",
	  "en",
	  NULL,
	  "Лукашенко встретился с Путиным.",
	  { "person:l@Лукашенко", "person:p@Путиным" },
	  "" },
	{ "lexicon role on the article's date",
	  "en",
	  "2025-10-01",
	  "Alexander Lukashenko spoke in Minsk. Belarus waited.",
	  { "person:alexander-lukashenko@Alexander Lukashenko",
	    "country:BLR@Belarus" },
	  "holds-position person:alexander-lukashenko>country:BLR "
	  "{\"position\":\"president\"}\n" },
	{ "no role before it began",
	  "en",
	  "1990-01-01",
	  "Alexander Lukashenko spoke. Belarus waited.",
	  { "person:alexander-lukashenko@Alexander Lukashenko",
	    "country:BLR@Belarus" },
	  "" },
};

static int compare_actor_keys(const void *left, const void *right)
{
	return strcmp(((const struct polgraph_actor *)left)->key,
	              ((const struct polgraph_actor *)right)->key);
}

/* Builds the result a pipeline would: sentences by the text stage,
 * actors from the row. */
static void build(struct polgraph_result *result, size_t row)
{
	struct polgraph_arena *arena = &result->arena;
	size_t count = 0;

	result->article.id = "row";
	result->article.lang = rows[row].lang;
	result->article.date = rows[row].date;
	result->article.text = rows[row].text;
	result->article.text_len = strlen(rows[row].text);
	polgraph_text_sentences(rows[row].text, strlen(rows[row].text),
	                        rows[row].lang, arena, &result->sentences,
	                        &result->sentence_count);
	while (count < ARRAY_SIZE(rows[row].actors) && rows[row].actors[count])
		count++;
	result->actors =
		polgraph_arena_alloc(arena, count * sizeof(*result->actors));
	for (size_t a = 0; a < count; a++) {
		const char *spec = rows[row].actors[a], *at = strchr(spec, '@');
		struct polgraph_actor *actor = &result->actors[a];
		struct polgraph_mention *mention;
		const char *found = strstr(rows[row].text, at + 1);

		actor->key = polgraph_arena_strndup(arena, spec,
		                                    (size_t)(at - spec));
		actor->name = actor->key;
		polgraph_actor_type_parse(
			strncmp(spec, "person:", 7) == 0 ? "person"
			: strncmp(spec, "org:", 4) == 0  ? "organization"
							 : "country",
			&actor->type);
		mention = polgraph_arena_alloc(arena, sizeof(*mention));
		mention->start = (size_t)(found - rows[row].text);
		mention->end = mention->start + strlen(at + 1);
		mention->text = at + 1;
		for (size_t s = 0; s < result->sentence_count; s++)
			if (mention->start >= result->sentences[s].start &&
			    mention->start < result->sentences[s].end)
				mention->sentence = s;
		actor->mentions = mention;
		actor->mention_count = 1;
		actor->aliases = &mention->text;
		actor->alias_count = 1;
	}
	result->actor_count = count;
	qsort(result->actors, count, sizeof(*result->actors),
	      compare_actor_keys);
}

static char *describe(const struct polgraph_result *result)
{
	struct polgraph_buf out = { 0 };

	for (size_t i = 0; i < result->relation_count; i++) {
		const struct polgraph_relation *relation =
			&result->relations[i];

		polgraph_buf_printf(&out, "%s %s>%s %s%s\n", relation->type,
		                    relation->source, relation->target,
		                    relation->negated ? "neg " : "",
		                    relation->attrs ? relation->attrs : "{}");
	}
	return polgraph_buf_detach(&out, NULL);
}

int main(void)
{
	struct polgraph_error err = { 0 };
	struct polgraph_actors *actors =
		polgraph_actors_new(POLGRAPH_TEST_DATA, NULL, &err);
	struct polgraph_relations *relations;

	CHECK(actors != NULL, "actors: %s", err.message);
	relations = polgraph_relations_new(
		POLGRAPH_TEST_SOURCE "/tests/data/relations",
		polgraph_actors_lexicon(actors), &err);
	CHECK(relations != NULL, "relations: %s", err.message);
	if (!relations || !actors)
		return check_done();
	CHECK_INT(polgraph_relations_rule_count(relations), 5, "rules loaded");
	CHECK(polgraph_relation_symmetric("meets-with"),
	      "meets-with symmetric");
	CHECK(!polgraph_relation_symmetric("ambassador-of"), "directed");
	CHECK(!polgraph_relation_symmetric("made-up"), "unknown: directed");

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct polgraph_result result = { 0 };
		char *got;

		build(&result, i);
		CHECK_INT(polgraph_relations_run(relations, &result, &err),
		          POLGRAPH_OK, rows[i].label);
		got = describe(&result);
		CHECK_STR(got, rows[i].want, rows[i].label);
		for (size_t r = 0; r < result.relation_count; r++) {
			const struct polgraph_relation *relation =
				&result.relations[r];

			CHECK(relation->start < relation->end &&
			              relation->end <= result.article.text_len,
			      "%s: evidence span", rows[i].label);
			CHECK(relation->rule != NULL, "%s: rule id",
			      rows[i].label);
		}
		free(got);
		polgraph_result_release(&result);
	}

	/* A malformed rule file names the file and the rule. */
	{
		char dir[] = "/tmp/polgraph-rules-XXXXXX";
		char path[256];
		FILE *file;
		struct polgraph_relations *bad;

		CHECK(mkdtemp(dir) != NULL, "mkdtemp");
		snprintf(path, sizeof(path), "%s/rules", dir);
		mkdir(path, 0700);
		snprintf(path, sizeof(path), "%s/rules/x.json", dir);
		file = fopen(path, "w");
		fputs("{\"lang\": \"ru\", \"rules\": [{\"id\": \"x.1\", "
		      "\"type\": \"meets-with\", \"trigger\": [\"встреча\"], "
		      "\"source\": {\"side\": \"up\", \"types\": "
		      "[\"person\"]}, "
		      "\"target\": {\"types\": [\"person\"]}}]}",
		      file);
		fclose(file);
		bad = polgraph_relations_new(dir, NULL, &err);
		CHECK(bad == NULL, "bad side rejected");
		CHECK(strstr(err.message, "x.json") &&
		              strstr(err.message,
		                     "side is before, after or any"),
		      "message: %s", err.message);
		remove(path);
		snprintf(path, sizeof(path), "%s/rules", dir);
		rmdir(path);
		rmdir(dir);
	}
	polgraph_relations_free(relations);
	polgraph_actors_free(actors);
	return check_done();
}
