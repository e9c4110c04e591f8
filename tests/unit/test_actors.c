/*
 * test_actors.c - the actors stage on short texts of our own: every row is
 * an article and the actors it must yield, written "key=alias|alias" in key
 * order, aliases sorted, joined by "; ". Uses the repository's data/.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "polgraph/polgraph.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *label;
	const char *text;
	const char *want;
} rows[] = {
	{ "inflected forms merge",
	  "Трамп позвонил в Варшаву. Позиция Трампа не изменилась. "
	  "С Трампом согласились не все.",
	  "country:POL=Варшаву; person:donald-trump=Трамп|Трампа|Трампом" },
	{ "metonyms stand for the state",
	  "Кремль ответил Вашингтону. В Москве это назвали ошибкой, а "
	  "Белый дом промолчал.",
	  "country:RUS=Кремль|Москве; country:USA=Белый дом|Вашингтону" },
	{ "state names and capitals",
	  "Минск и Беларусь в целом ждут ответа Республики Беларусь.",
	  "country:BLR=Беларусь|Минск|Республики Беларусь" },
	{ "a demonym acts only before an agent noun",
	  "Белорусское посольство ответило. Белорусский язык изучают "
	  "немногие.",
	  "country:BLR=Белорусское" },
	{ "English demonym and possessive",
	  "American officials met Russia's envoy.",
	  "country:RUS=Russia's; country:USA=American" },
	{ "unknown person with first name, then surname alone",
	  "Посол Юрий Кравченок прибыл в Рим. Кравченоку вручили ноту, "
	  "и Кравченок её принял.",
	  "country:ITA=Рим; person:yury-kravchenok=Кравченок|Кравченоку|Юрий "
	  "Кравченок" },
	{ "female surname in oblique cases",
	  "Ирине Петруевской передали письмо. Петруевская ответила.",
	  "person:irina-petruyevskaya=Ирине Петруевской|Петруевская" },
	{ "patronymic marks a name",
	  "Заявление сделал Олег Станиславович Малышко.",
	  "person:oleg-malyshko=Олег Станиславович Малышко" },
	{ "initials join a known name", "А. Г. Лукашенко принял гостей.",
	  "person:alexander-lukashenko=А. Г. Лукашенко" },
	{ "a title before a lone surname",
	  "Как сообщил посол Драпеко, переговоры продолжатся.",
	  "person:drapeko=Драпеко" },
	{ "a plural title names no one", "Депутаты Сейма поддержали решение.",
	  "" },
	{ "sentence-initial common words are not actors",
	  "Об этом сообщил Один дипломат. Трое других подтвердили. Как "
	  "известно, Американские горки закрыты.",
	  "" },
	{ "English names: full, then surname",
	  "John Harlow arrived on Monday. Harlow said the talks went well.",
	  "person:john-harlow=Harlow|John Harlow" },
	{ "quoted organisation after an organisation noun",
	  "Авиакомпания «Северный ветер» отменила рейсы.",
	  "org:severny-veter=Авиакомпания «Северный ветер»" },
	{ "known organisation and acronym; СМИ is not one",
	  "Агентство БелТА сообщило об этом, как и другие СМИ.",
	  "org:BELTA=БелТА" },
	{ "company suffix",
	  "Shares of Harwick Group rose 3 percent. Analysts were surprised.",
	  "org:harwick-group=Harwick Group" },
	{ "cross-script and transliteration variants",
	  "Lukashenka met Tsikhanouskaya's critics. Тихановскую не пустили.",
	  "person:alexander-lukashenko=Lukashenka; "
	  "person:sviatlana-tsikhanouskaya=Tsikhanouskaya's|Тихановскую" },
	{ "Niger and Nigeria stay apart",
	  "Делегация из Нигерии прибыла в Нигер.",
	  "country:NER=Нигер; country:NGA=Нигерии" },
	{ "dotted abbreviations are not initials",
	  "U.S. officials met U.N. staff.", "country:USA=U.S.; org:UN=U.N." },
	{ "short capitals only in capitals",
	  "Мы надеемся, что ес ли будет время. ЕС ответил.", "org:EU=ЕС" },
	{ "nothing political in a football report",
	  "Встреча завершилась вничью: 1:1. Защитник получил травму.", "" },
};

static char *describe(const struct polgraph_result *result)
{
	struct polgraph_buf out = { 0 };

	for (size_t i = 0; i < result->actor_count; i++) {
		const struct polgraph_actor *actor = &result->actors[i];

		polgraph_buf_printf(&out, "%s%s=", i ? "; " : "", actor->key);
		for (size_t a = 0; a < actor->alias_count; a++)
			polgraph_buf_printf(&out, "%s%s", a ? "|" : "",
			                    actor->aliases[a]);
	}
	return polgraph_buf_detach(&out, NULL);
}

/* Mentions point at their surface text and their sentence. */
static void check_mentions(const struct polgraph_result *result,
                           const char *label)
{
	for (size_t i = 0; i < result->actor_count; i++) {
		const struct polgraph_actor *actor = &result->actors[i];

		for (size_t m = 0; m < actor->mention_count; m++) {
			const struct polgraph_mention *mention =
				&actor->mentions[m];
			const struct polgraph_sentence *sentence =
				&result->sentences[mention->sentence];

			CHECK(strlen(mention->text) ==
			                      mention->end - mention->start &&
			              memcmp(result->article.text +
			                             mention->start,
			                     mention->text,
			                     mention->end - mention->start) ==
			                      0,
			      "%s: mention '%s' does not match its span", label,
			      mention->text);
			CHECK(mention->start >= sentence->start &&
			              mention->end <= sentence->end,
			      "%s: mention '%s' outside its sentence", label,
			      mention->text);
			CHECK(m == 0 || actor->mentions[m - 1].start <
			                        mention->start,
			      "%s: mentions of %s out of order", label,
			      actor->key);
		}
	}
}

static void test_rows(struct polgraph_pipeline *pipeline)
{
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct polgraph_article article = { 0 };
		struct polgraph_result result = { 0 };
		struct polgraph_error err = { 0 };
		char *got;

		article.id = rows[i].label;
		article.text = rows[i].text;
		article.text_len = strlen(rows[i].text);
		CHECK_INT(polgraph_pipeline_run(pipeline, &article, &result,
		                                &err),
		          POLGRAPH_OK, rows[i].label);
		got = describe(&result);
		CHECK_STR(got, rows[i].want, rows[i].label);
		check_mentions(&result, rows[i].label);
		free(got);
		polgraph_result_release(&result);
	}
}

static void test_romanize(void)
{
	static const struct {
		const char *cyrillic, *latin;
	} names[] = {
		{ "Амбразевич", "Ambrazevich" },
		{ "Юрий", "Yury" },
		{ "Тихановская", "Tikhanovskaya" },
		{ "Евгений Щёкин", "Yevgeny Shchekin" },
		{ "Рыженков", "Ryzhenkov" },
		{ "Зеленский", "Zelensky" },
		{ "Київ", "Kyiv" },
		{ "Ў", "W" },
		{ "Україна", "Ukraina" },
		{ "Мінск", "Minsk" },
		{ "Maxim", "Maxim" },
	};
	struct polgraph_arena arena = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		CHECK_STR(polgraph_romanize(names[i].cyrillic,
		                            strlen(names[i].cyrillic), &arena),
		          names[i].latin, names[i].cyrillic);
	polgraph_arena_release(&arena);
}

static void test_lookup(struct polgraph_pipeline *pipeline)
{
	static const struct {
		const char *name;
		const char *key; /* NULL: no match */
	} names[] = {
		{ "лукашенко", "person:alexander-lukashenko" },
		{ "Lukashenka", "person:alexander-lukashenko" },
		{ "Минска", "country:BLR" },
		{ "country:VAT", "country:VAT" },
		{ "holy see", "country:VAT" },
		{ "Nobody Atall", NULL },
	};
	struct polgraph_error err = { 0 };
	struct polgraph_actors *actors =
		polgraph_actors_new(POLGRAPH_TEST_DATA, NULL, &err);

	(void)pipeline;
	CHECK(actors != NULL, "actors_new: %s", err.message);
	for (size_t i = 0; actors && i < ARRAY_SIZE(names); i++) {
		const struct polgraph_lexicon_entry *found[4];
		size_t count =
			polgraph_actors_lookup(actors, names[i].name, found, 4);

		CHECK_INT(count, names[i].key ? 1 : 0, names[i].name);
		if (count == 1 && names[i].key)
			CHECK_STR(found[0]->key, names[i].key, names[i].name);
	}
	polgraph_actors_free(actors);
}

int main(void)
{
	struct polgraph_error err = { 0 };
	struct polgraph_pipeline *pipeline =
		polgraph_pipeline_new(POLGRAPH_TEST_DATA, &err);

	if (!pipeline) {
		fprintf(stderr, "pipeline: %s\n", err.message);
		return 1;
	}
	test_rows(pipeline);
	test_romanize();
	test_lookup(pipeline);
	polgraph_pipeline_free(pipeline);
	return check_done();
}
