/*
 * test_text.c - table-driven tests of the text stage (text.h): UTF-8
 * validity, language guess, sentences, tokens, normalisation,
 * fingerprints and stemming. Each table row is { input, expected }.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "polgraph/mem.h"
#include "polgraph/text.h"

#define ARRAY_SIZE(a)      (sizeof(a) / sizeof((a)[0]))
#define MAX_EXPECTED       16
#define BYTES(literal)     literal, sizeof(literal) - 1
#define PINNED_FINGERPRINT "4f3d484d3b235a4c58f83093822fac46"
#define NFD_SHORT_I        "\xD0\x98\xCC\x86" /* И + combining breve */

/* Copy of text[start..end) for comparison, NUL-terminated in arena. */
static const char *span(struct polgraph_arena *arena, const char *text,
                        size_t start, size_t end)
{
	return polgraph_arena_strndup(arena, text + start, end - start);
}

static size_t count_strings(const char *const *strings)
{
	size_t n = 0;

	while (n < MAX_EXPECTED && strings[n])
		n++;
	return n;
}

/* ---- UTF-8 validity ---- */

static const struct {
	const char *bytes;
	size_t len;
	bool valid;
	size_t bad_offset;
} utf8_rows[] = {
	{ BYTES(""), true, 0 },
	{ BYTES("Минск, 2025"), true, 0 },
	{ BYTES("\xE2\x82\xAC"), true, 0 },      /* € */
	{ BYTES("\xF0\x9F\x98\x80"), true, 0 },  /* emoji, 4 bytes */
	{ BYTES("\xF4\x8F\xBF\xBF"), true, 0 },  /* U+10FFFF */
	{ BYTES("\xC0\xAF"), false, 0 },         /* overlong '/' */
	{ BYTES("\xE0\x80\x80"), false, 0 },     /* overlong NUL */
	{ BYTES("ab\xED\xA0\x80"), false, 2 },   /* surrogate D800 */
	{ BYTES("abc\xE2\x82"), false, 3 },      /* truncated */
	{ BYTES("\xF4\x90\x80\x80"), false, 0 }, /* above U+10FFFF */
	{ BYTES("a\0b"), false, 1 },             /* NUL inside */
	{ BYTES("\x80"), false, 0 },             /* lone continuation */
	{ BYTES("ok \xFF"), false, 3 },          /* never valid */
	{ BYTES("\xD0\x9F\xD1"), false, 2 },     /* cut Cyrillic */
};

static void test_utf8(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(utf8_rows); i++) {
		size_t bad = 12345;
		bool valid = polgraph_text_utf8_valid(utf8_rows[i].bytes,
		                                      utf8_rows[i].len, &bad);
		char label[64];

		snprintf(label, sizeof(label), "utf8 row %zu", i);
		CHECK_INT(valid, utf8_rows[i].valid, label);
		if (!utf8_rows[i].valid)
			CHECK_INT(bad, utf8_rows[i].bad_offset, label);
		else
			CHECK_INT(bad, 12345, label); /* untouched */
	}
	CHECK(!polgraph_text_utf8_valid("a\0b", 3, NULL), "NULL bad_offset");
}

/* ---- language ---- */

static const struct {
	const char *text;
	const char *lang;
} lang_rows[] = {
	{ "", "und" },
	{ "12345 !!! 3.14", "und" },
	{ "中华人民共和国", "und" },
	{ "Президент России выступил с обращением.", "ru" },
	{ "Президент України виступив у Києві з промовою.", "uk" },
	{ "ҐАНОК І ЇЖАК Є", "uk" },
	{ "The president addressed parliament on Tuesday.", "en" },
	/* One Ukrainian name in a Russian sentence stays Russian. */
	{ "Министр иностранных дел обсудил с коллегами положение вокруг "
	  "Києва и другие вопросы повестки.",
	  "ru" },
	/* Latin majority with a Russian word. */
	{ "The NATO summit in Вильнюс ended with a joint statement.", "en" },
	{ "Заседание ООН (UN) по Украине.", "ru" },
	{ "Mixed abc где", "en" },
	{ "\xFF\xFE ok", "en" },
};

static void test_lang(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lang_rows); i++) {
		char label[64];

		snprintf(label, sizeof(label), "lang row %zu", i);
		CHECK_STR(polgraph_text_detect_lang(lang_rows[i].text,
		                                    strlen(lang_rows[i].text)),
		          lang_rows[i].lang, label);
	}
}

/* ---- sentences ---- */

static const struct {
	const char *lang;
	const int *paragraphs; /* per sentence, or NULL: unchecked */
	const char *text;
	const char *want[MAX_EXPECTED]; /* sentence texts, NULL-terminated */
} sentence_rows[] = {
	{ "ru",
	  NULL,
	  "Делегация прибыла в Минск. Переговоры начнутся завтра.",
	  { "Делегация прибыла в Минск.", "Переговоры начнутся завтра." } },
	{ "en",
	  NULL,
	  "The talks ended early. Both sides left the hall.",
	  { "The talks ended early.", "Both sides left the hall." } },
	/* Initials, Russian and English. */
	{ "ru",
	  NULL,
	  "В. Путин принял А. Г. Лукашенко в Кремле. Встреча длилась час.",
	  { "В. Путин принял А. Г. Лукашенко в Кремле.",
	    "Встреча длилась час." } },
	{ "en",
	  NULL,
	  "John F. Kennedy once visited Berlin. J. D. Vance spoke next.",
	  { "John F. Kennedy once visited Berlin.",
	    "J. D. Vance spoke next." } },
	{ "ru",
	  NULL,
	  "Дж. Байден и Б. Джонсон обсудили НАТО. Итогов нет.",
	  { "Дж. Байден и Б. Джонсон обсудили НАТО.", "Итогов нет." } },
	/* т.е., т.к. never end a sentence, even before a capital. */
	{ "ru",
	  NULL,
	  "Решение отложено, т.е. Совет соберётся снова. Т.к. кворума нет, "
	  "голосования не будет.",
	  { "Решение отложено, т.е. Совет соберётся снова.",
	    "Т.к. кворума нет, голосования не будет." } },
	/* г. after a year may end a sentence; before a name it never does. */
	{ "ru",
	  NULL,
	  "Саммит прошёл в 2025 г. в Минске. Следующий намечен на 2026 г. "
	  "Участники согласились.",
	  { "Саммит прошёл в 2025 г. в Минске.", "Следующий намечен на 2026 г.",
	    "Участники согласились." } },
	{ "ru",
	  NULL,
	  "Встреча прошла в г. Бресте и на ул. Ленина. Затем гости уехали.",
	  { "Встреча прошла в г. Бресте и на ул. Ленина.",
	    "Затем гости уехали." } },
	{ "ru",
	  NULL,
	  "Итоги 2020\xE2\x80\x93"
	  "2024 гг. в докладе. Доклад одобрен.",
	  { "Итоги 2020\xE2\x80\x93"
	    "2024 гг. в докладе.",
	    "Доклад одобрен." } },
	/* и т.д.: lower case continues, a capital starts a new sentence. */
	{ "ru",
	  NULL,
	  "Обсуждали нефть, газ и т.д. в Минске и Москве. Обсуждали хлеб, "
	  "сахар и т.д. Итоги подведут позже.",
	  { "Обсуждали нефть, газ и т.д. в Минске и Москве.",
	    "Обсуждали хлеб, сахар и т.д.", "Итоги подведут позже." } },
	{ "ru",
	  NULL,
	  "Говорили о ценах, налогах и т. п. Затем был обед и др.",
	  { "Говорили о ценах, налогах и т. п.", "Затем был обед и др." } },
	{ "ru",
	  NULL,
	  "Бюджет составил 3 млрд. руб. и 5 тыс. долл. соответственно.",
	  { "Бюджет составил 3 млрд. руб. и 5 тыс. долл. соответственно." } },
	{ "ru",
	  NULL,
	  "МИНСК, 3 дек. — Переговоры продолжатся. Итоги позже.",
	  { "МИНСК, 3 дек. — Переговоры продолжатся.", "Итоги позже." } },
	{ "ru",
	  NULL,
	  "См. ст. 5 закона, им. Ломоносова и пр. Независимости.",
	  { "См. ст. 5 закона, им. Ломоносова и пр. Независимости." } },
	/* Decimals, times, dates and hosts do not break. */
	{ "ru",
	  NULL,
	  "Встреча назначена на 17.10.2025 в 12.30 по местному времени. "
	  "Курс вырос на 3.5 %. Подробности на сайте kremlin.ru.",
	  { "Встреча назначена на 17.10.2025 в 12.30 по местному времени.",
	    "Курс вырос на 3.5 %.", "Подробности на сайте kremlin.ru." } },
	{ "en",
	  NULL,
	  "Shares rose 3.5 percent by 12.30 GMT, reuters.com reported. "
	  "Write to desk@example.org. Markets closed higher.",
	  { "Shares rose 3.5 percent by 12.30 GMT, reuters.com reported.",
	    "Write to desk@example.org.", "Markets closed higher." } },
	/* English titles, months, places. */
	{ "en",
	  NULL,
	  "Mr. Smith met Dr. Jones, Sen. Reed and Gen. Miller on Jan. 5 in "
	  "St. Louis. Mrs. Clark and Prof. Lee were absent.",
	  { "Mr. Smith met Dr. Jones, Sen. Reed and Gen. Miller on Jan. 5 in "
	    "St. Louis.",
	    "Mrs. Clark and Prof. Lee were absent." } },
	{ "en",
	  NULL,
	  "The U.S. Senate and the U.N. Security Council met. The E.U. and "
	  "U.K. envoys joined them.",
	  { "The U.S. Senate and the U.N. Security Council met.",
	    "The E.U. and U.K. envoys joined them." } },
	/* "May" is a word, not an abbreviation. */
	{ "en",
	  NULL,
	  "The vote was set for May. Officials agreed. Talks resume Dec. 3.",
	  { "The vote was set for May.", "Officials agreed.",
	    "Talks resume Dec. 3." } },
	{ "en",
	  NULL,
	  "He joined Acme Inc. in 2019 and left Globex Corp. The firm later "
	  "collapsed.",
	  { "He joined Acme Inc. in 2019 and left Globex Corp.",
	    "The firm later collapsed." } },
	{ "en",
	  NULL,
	  "Tariffs on steel, tin, etc. were raised, e.g. on imports vs. "
	  "exports, i.e. Trade. Resolution No. 5 passed.",
	  { "Tariffs on steel, tin, etc. were raised, e.g. on imports vs. "
	    "exports, i.e. Trade.",
	    "Resolution No. 5 passed." } },
	/* Runs of ?! and ellipses. */
	{ "ru",
	  NULL,
	  "Кто за это ответит?! Никто не знает!!! Ждём ответа...",
	  { "Кто за это ответит?!", "Никто не знает!!!", "Ждём ответа..." } },
	{ "ru",
	  NULL,
	  "Он помолчал... и продолжил. Потом ушёл\xE2\x80\xA6 Зал опустел. "
	  "Все ждали\xE2\x80\xA6 долго.",
	  { "Он помолчал... и продолжил.", "Потом ушёл\xE2\x80\xA6",
	    "Зал опустел.", "Все ждали\xE2\x80\xA6 долго." } },
	{ "en",
	  NULL,
	  "Really? yes, he said. Why?! Nobody knows...",
	  { "Really? yes, he said.", "Why?!", "Nobody knows..." } },
	/* Closing quotes and brackets after the final punctuation. */
	{ "ru",
	  NULL,
	  "Он заявил: «Мы готовы к диалогу». Ответа нет. Она сказала: "
	  "«Переговоры завершены.» Делегации разъехались.",
	  { "Он заявил: «Мы готовы к диалогу».", "Ответа нет.",
	    "Она сказала: «Переговоры завершены.»",
	    "Делегации разъехались." } },
	{ "en",
	  NULL,
	  "\"We are ready,\" she said. \"Talks begin today.\" Reporters left "
	  "(as planned.) Then it rained.",
	  { "\"We are ready,\" she said.", "\"Talks begin today.\"",
	    "Reporters left (as planned.)", "Then it rained." } },
	{ "en",
	  NULL,
	  "He said “no.” Then “Why?” she asked.",
	  { "He said “no.”", "Then “Why?” she asked." } },
	/* Dialogue dashes; a dash then lower case is the attribution. */
	{ "ru",
	  NULL,
	  "Он вышел к журналистам. — Комментариев не будет, — сказал он. "
	  "«Кто виноват?» — спросил депутат. Ответа не было.",
	  { "Он вышел к журналистам.", "— Комментариев не будет, — сказал он.",
	    "«Кто виноват?» — спросил депутат.", "Ответа не было." } },
	/* Blank lines end sentences and paragraphs; headlines need no dot. */
	{ "ru",
	  (const int[]){ 0, 1, 1, 2 },
	  "Заголовок без точки\n\nПервый абзац. Второе предложение.\n \t\n\n\n"
	  "Второй абзац.",
	  { "Заголовок без точки", "Первый абзац.", "Второе предложение.",
	    "Второй абзац." } },
	{ "en",
	  (const int[]){ 0 },
	  "\n\n  Leading blank lines.  \n\n\n",
	  { "Leading blank lines." } },
	{ "en", (const int[]){ 0, 1 }, "Mr.\n\nSmith", { "Mr.", "Smith" } },
	{ "ru",
	  (const int[]){ 0, 1, 1 },
	  "Первый абзац\u2029Второй «Доколе?!» Всё.",
	  { "Первый абзац", "Второй «Доколе?!»", "Всё." } },
	{ "en",
	  (const int[]){ 0, 1, 1 },
	  "Line one.\r\n\r\nLine two.\r\nLine three.",
	  { "Line one.", "Line two.", "Line three." } },
	/* A single newline ends a sentence only after final punctuation. */
	{ "ru",
	  NULL,
	  "Строка без точки\nпродолжается здесь.",
	  { "Строка без точки\nпродолжается здесь." } },
	{ "ru",
	  NULL,
	  "Первая строка.\nвторая начинается со строчной.",
	  { "Первая строка.", "вторая начинается со строчной." } },
	{ "ru",
	  NULL,
	  "Он задумался...\nи ушёл.",
	  { "Он задумался...\nи ушёл." } },
	{ "en",
	  NULL,
	  "Meeting with Mr.\nSmith ended.",
	  { "Meeting with Mr.\nSmith ended." } },
	/* List numbers are not sentences of their own. */
	{ "ru",
	  NULL,
	  "1. Первый пункт.\n2. Второй пункт.",
	  { "1. Первый пункт.", "2. Второй пункт." } },
	/* 5G is not an initial; NBSP is whitespace. */
	{ "en",
	  NULL,
	  "Operators launched 5G. Prices fell.",
	  { "Operators launched 5G.", "Prices fell." } },
	{ "ru",
	  NULL,
	  "Заседание прошло 5\u00a0мая.\u00a0Итоги позже.",
	  { "Заседание прошло 5\u00a0мая.", "Итоги позже." } },
	/* lang picks the lists: Russian rules do not know "Mr". */
	/* Both abbreviation lists apply whatever the language. */
	{ "ru",
	  NULL,
	  "Визит Mr. Smith прошёл.",
	  { "Визит Mr. Smith прошёл." } },
	{ "und",
	  NULL,
	  "Визит Mr. Smith прошёл, т.е. Все довольны.",
	  { "Визит Mr. Smith прошёл, т.е. Все довольны." } },
	/* Robustness. */
	{ "en", NULL, "", { NULL } },
	{ "en", NULL, " \n\t \n \u00a0 ", { NULL } },
	{ "en",
	  NULL,
	  "Bad \xFF"
	  " byte. Next one.",
	  { "Bad \xFF byte.", "Next one." } },
	{ "en", NULL, "\xCC\x81", { "\xCC\x81" } },
	{ "en", NULL, "...", { "..." } },
	{ "en",
	  NULL,
	  "Ends with an abbreviation Mr.",
	  { "Ends with an abbreviation Mr." } },
};

static void test_sentences(void)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(sentence_rows); i++) {
		struct polgraph_arena arena = { 0 };
		struct polgraph_sentence *sentences = NULL;
		const char *text = sentence_rows[i].text;
		size_t count = 99, want = count_strings(sentence_rows[i].want);
		char label[64];

		polgraph_text_sentences(text, strlen(text),
		                        sentence_rows[i].lang, &arena,
		                        &sentences, &count);
		snprintf(label, sizeof(label), "sentence row %zu count", i);
		CHECK_INT(count, want, label);
		for (j = 0; j < count && j < want; j++) {
			snprintf(label, sizeof(label), "sentence row %zu.%zu",
			         i, j);
			CHECK_STR(span(&arena, text, sentences[j].start,
			               sentences[j].end),
			          sentence_rows[i].want[j], label);
			if (sentence_rows[i].paragraphs)
				CHECK_INT(sentences[j].paragraph,
				          sentence_rows[i].paragraphs[j],
				          label);
		}
		polgraph_arena_release(&arena);
	}
}

/* ---- tokens ---- */

static const struct {
	const char *text;
	const char *want[MAX_EXPECTED]; /* token texts, NULL-terminated */
	const char *kinds;              /* W word, N number, P punct */
} token_rows[] = {
	{ "Нью-Йорк и Russia's", { "Нью-Йорк", "и", "Russia's" }, "WWW" },
	{ "O’Neil встретил д’Эстена.",
	  { "O’Neil", "встретил", "д’Эстена", "." },
	  "WWWP" },
	{ "с коллегами-послами", { "с", "коллегами-послами" }, "WW" },
	{ "G7 и G20, COVID-19 и Су-35.",
	  { "G7", "и", "G20", ",", "COVID-19", "и", "Су-35", "." },
	  "WWWPWWWP" },
	{ "3,5 % в 12:30, 17.10.2025.",
	  { "3,5", "%", "в", "12:30", ",", "17.10.2025", "." },
	  "NPWNPNP" },
	{ "«Да» — сказал он",
	  { "«", "Да", "»", "—", "сказал", "он" },
	  "PWPPWW" },
	/* Trailing and doubled hyphens do not join. */
	{ "экс- и пост--советский",
	  { "экс", "-", "и", "пост", "-", "-", "советский" },
	  "WPWWPPW" },
	{ "the Smiths' house", { "the", "Smiths", "'", "house" }, "WWPW" },
	{ "trailing- 'quoted'",
	  { "trailing", "-", "'", "quoted", "'" },
	  "WPPWP" },
	/* Digit ranges stay apart; 1990-х is one word. */
	{ "2024-2025 и 1990-х",
	  { "2024", "-", "2025", "и", "1990-х" },
	  "NPNWW" },
	{ "3.5млн 5G", { "3.5", "млн", "5G" }, "NWW" },
	{ "в 2025. Итог", { "в", "2025", ".", "Итог" }, "WNPW" },
	/* NFD stays one word; Ukrainian ʼ joins. */
	{ NFD_SHORT_I "ошкар-Ола", { NFD_SHORT_I "ошкар-Ола" }, "W" },
	{ "сімʼя", { "сімʼя" }, "W" },
	{ "Москва – Минск", { "Москва", "–", "Минск" }, "WPW" },
	/* Robustness: lone mark, bad byte, emoji, empty. */
	{ "\xCC\x81", { "\xCC\x81" }, "W" },
	{ "a\xFF"
	  "b",
	  { "a", "\xFF", "b" },
	  "WPW" },
	{ "ok\xF0\x9F\x98\x80!", { "ok", "\xF0\x9F\x98\x80", "!" }, "WPP" },
	{ "", { NULL }, "" },
	{ " \t\n\u00a0", { NULL }, "" },
};

static void test_tokens(void)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(token_rows); i++) {
		struct polgraph_arena arena = { 0 };
		struct polgraph_token *tokens = NULL;
		const char *text = token_rows[i].text;
		size_t count = 99, want = count_strings(token_rows[i].want);
		char label[64];

		polgraph_text_tokens(text, 0, strlen(text), &arena, &tokens,
		                     &count);
		snprintf(label, sizeof(label), "token row %zu count", i);
		CHECK_INT(count, want, label);
		for (j = 0; j < count && j < want; j++) {
			static const char kind_letters[] = "WNP";

			snprintf(label, sizeof(label), "token row %zu.%zu", i,
			         j);
			CHECK_STR(span(&arena, text, tokens[j].start,
			               tokens[j].end),
			          token_rows[i].want[j], label);
			CHECK_INT(kind_letters[tokens[j].kind],
			          token_rows[i].kinds[j], label);
		}
		polgraph_arena_release(&arena);
	}
}

#define CAP     POLGRAPH_TOKEN_CAPITALIZED
#define ALLCAPS POLGRAPH_TOKEN_ALLCAPS
#define CYR     POLGRAPH_TOKEN_CYRILLIC
#define LAT     POLGRAPH_TOKEN_LATIN

static const struct {
	const char *word;
	unsigned flags;
} flag_rows[] = {
	{ "Путин", CAP | CYR },
	{ "США", CAP | ALLCAPS | CYR },
	{ "NATO", CAP | ALLCAPS | LAT },
	{ "iPhone", LAT },
	{ "G7", CAP | LAT },
	{ "COVID-19", CAP | ALLCAPS | LAT },
	{ "Су-35", CAP | CYR },
	{ "мир", CYR },
	{ "Ф", CAP | CYR },
	{ "McDonald’s", CAP | LAT },
	{ "ВКонтакте", CAP | CYR },
	{ "2025", 0 },
	{ "Ελλάδα", CAP },
};

static void test_token_flags(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flag_rows); i++) {
		struct polgraph_arena arena = { 0 };
		struct polgraph_token *tokens = NULL;
		size_t count = 0;
		char label[64];

		polgraph_text_tokens(flag_rows[i].word, 0,
		                     strlen(flag_rows[i].word), &arena, &tokens,
		                     &count);
		snprintf(label, sizeof(label), "flag row %zu (%s)", i,
		         flag_rows[i].word);
		CHECK_INT(count, 1, label);
		if (count == 1)
			CHECK_INT(tokens[0].flags, flag_rows[i].flags, label);
		polgraph_arena_release(&arena);
	}
}

/* Offsets are into the whole text, and nothing past end is read. */
static void test_token_offsets(void)
{
	static const char text[] = "Первое. Второе слово! Третье";
	struct polgraph_arena arena = { 0 };
	struct polgraph_sentence *sentences = NULL;
	struct polgraph_token *tokens = NULL;
	size_t n_sentences = 0, n_tokens = 0;

	polgraph_text_sentences(text, strlen(text), "ru", &arena, &sentences,
	                        &n_sentences);
	CHECK_INT(n_sentences, 3, "offsets: sentences");
	if (n_sentences != 3)
		goto out;
	polgraph_text_tokens(text, sentences[1].start, sentences[1].end, &arena,
	                     &tokens, &n_tokens);
	CHECK_INT(n_tokens, 3, "offsets: tokens");
	if (n_tokens != 3)
		goto out;
	CHECK_INT(tokens[0].start, strlen("Первое. "), "offsets: start");
	CHECK_STR(span(&arena, text, tokens[1].start, tokens[1].end), "слово",
	          "offsets: middle");
	CHECK_INT(tokens[2].end, sentences[1].end, "offsets: end");
	/* A range ending inside a word cuts the word there. */
	polgraph_text_tokens(text, 0, 4, &arena, &tokens, &n_tokens);
	CHECK_INT(n_tokens, 1, "offsets: cut");
	if (n_tokens == 1)
		CHECK_STR(span(&arena, text, tokens[0].start, tokens[0].end),
		          "Пе", "offsets: cut word");
	/* A range ending inside a code point yields a bad byte. */
	polgraph_text_tokens(text, 0, 3, &arena, &tokens, &n_tokens);
	CHECK_INT(n_tokens, 2, "offsets: split code point");
out:
	polgraph_arena_release(&arena);
}

/* ---- normalisation ---- */

static const struct {
	const char *text;
	size_t len; /* 0: strlen(text) */
	const char *want;
	size_t want_len; /* 0: strlen(want) */
} normalize_rows[] = {
	{ "Ёлка", 0, "елка", 0 },
	{ "ЁЖИК и ёж", 0, "ежик и еж", 0 },
	{ "ПУТИН Путин", 0, "путин путин", 0 },
	{ "\xD0\xB5\xCC\x88"
	  "\xD0\x95\xCC\x88",
	  0, "ее", 0 }, /* NFD ё Ё */
	{ NFD_SHORT_I "ошкар-Ола", 0, "йошкар-ола", 0 },
	{ "Cafe\xCC\x81", 0, "caf\xC3\xA9", 0 },
	{ "O’Neil ‘quoted’ сімʼя", 0, "o'neil 'quoted' сім'я", 0 },
	{ "Нью‐Йорк – Москва — Минск ‒ x ‑ y", 0,
	  "нью-йорк - москва - минск - x - y", 0 },
	{ "Straße", 0, "strasse", 0 },
	{ "İstanbul", 0, "i\xCC\x87stanbul", 0 },
	{ "ΣΟΦΙΑ", 0, "σοφια", 0 },
	{ "a\xFF"
	  "B",
	  0,
	  "a\xEF\xBF\xBD"
	  "b",
	  0 },
	{ "\xE2\x82", 0, "\xEF\xBF\xBD\xEF\xBF\xBD", 0 }, /* truncated */
	{ "a\0B", 3, "a\0b", 3 },
	{ "", 0, "", 0 },
	{ "\xCC\x81", 0, "\xCC\x81", 0 }, /* lone mark */
};

static void test_normalize(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(normalize_rows); i++) {
		struct polgraph_arena arena = { 0 };
		const char *text = normalize_rows[i].text;
		size_t len = normalize_rows[i].len ? normalize_rows[i].len
		                                   : strlen(text);
		const char *want = normalize_rows[i].want;
		size_t want_len = normalize_rows[i].want_len
		                          ? normalize_rows[i].want_len
		                          : strlen(want);
		size_t out_len = 99;
		char *out =
			polgraph_text_normalize(text, len, &arena, &out_len);
		char label[64];

		snprintf(label, sizeof(label), "normalize row %zu", i);
		CHECK_INT(out_len, want_len, label);
		CHECK(out_len == want_len && memcmp(out, want, want_len) == 0 &&
		              out[out_len] == '\0',
		      "%s: got \"%s\", want \"%s\"", label, out, want);
		polgraph_arena_release(&arena);
	}
}

/* Long input goes past the stack buffer. */
static void test_normalize_long(void)
{
	struct polgraph_arena arena = { 0 };
	struct polgraph_buf in = { 0 }, want = { 0 };
	size_t i, out_len = 0;
	char *out;

	for (i = 0; i < 2000; i++) {
		polgraph_buf_puts(&in, "ЁЛКА Straße ");
		polgraph_buf_puts(&want, "елка strasse ");
	}
	out = polgraph_text_normalize(in.data, in.len, &arena, &out_len);
	CHECK_INT(out_len, want.len, "normalize long: length");
	CHECK(strcmp(out, want.data) == 0, "normalize long: text");
	polgraph_buf_release(&in);
	polgraph_buf_release(&want);
	polgraph_arena_release(&arena);
}

/*
 * ASCII and U+0400..U+045F take a path without utf8proc; a trailing ā
 * (which folds to itself) sends the same character down utf8proc's path.
 * Both must agree for every character the short path takes.
 */
static void test_normalize_fast_path(void)
{
	struct polgraph_arena arena = { 0 };
	int32_t cp;

	for (cp = 1; cp < 0x460; cp = cp == 0x7F ? 0x400 : cp + 1) {
		char text[8], slow_text[8];
		size_t len, fast_len = 0, slow_len = 0;
		char *fast, *slow;

		if (cp < 0x80) {
			text[0] = (char)cp;
			len = 1;
		} else {
			text[0] = (char)(0xC0 | (cp >> 6));
			text[1] = (char)(0x80 | (cp & 0x3F));
			len = 2;
		}
		memcpy(slow_text, text, len);
		memcpy(slow_text + len, "\xC4\x81", 2);
		fast = polgraph_text_normalize(text, len, &arena, &fast_len);
		slow = polgraph_text_normalize(slow_text, len + 2, &arena,
		                               &slow_len);
		CHECK(slow_len == fast_len + 2 &&
		              memcmp(fast, slow, fast_len) == 0 &&
		              strcmp(slow + fast_len, "\xC4\x81") == 0,
		      "normalize U+%04X: fast \"%s\", utf8proc \"%s\"",
		      (unsigned)cp, fast, slow);
	}
	polgraph_arena_release(&arena);
}

/* ---- fingerprints ---- */

static const struct {
	const char *a;
	const char *b;
	bool same;
} fingerprint_rows[] = {
	{ "Делегация прибыла в Минск.", "ДЕЛЕГАЦИЯ   прибыла\tв\n Минск.",
	  true },
	{ "Ёлка у Кремля", "елка у кремля", true },
	{ "Й"
	  "ошкар-Ола",
	  NFD_SHORT_I "ошкар-Ола", true },
	{ "Нью–Йорк и O’Neil", "нью-йорк и o'neil", true },
	{ "  Текст с пробелами \n\n", "Текст с пробелами", true },
	{ "5\u00a0мая", "5 мая", true },
	{ "", " \n\t ", true },
	{ "Делегация прибыла в Минск.", "Делегация прибыла в Москву.", false },
	{ "ab", "a b", false },
	{ "", "a", false },
	{ "Встреча 12.30", "Встреча 12:30", false },
};

static bool is_hex32(const char *s)
{
	size_t i;

	for (i = 0; i < 32; i++)
		if (!strchr("0123456789abcdef", s[i]) || s[i] == '\0')
			return false;
	return s[32] == '\0';
}

static void test_fingerprint(void)
{
	char a[33], b[33];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fingerprint_rows); i++) {
		char label[64];

		polgraph_text_fingerprint(fingerprint_rows[i].a,
		                          strlen(fingerprint_rows[i].a), a);
		polgraph_text_fingerprint(fingerprint_rows[i].b,
		                          strlen(fingerprint_rows[i].b), b);
		snprintf(label, sizeof(label), "fingerprint row %zu", i);
		CHECK(is_hex32(a) && is_hex32(b), "%s: not hex: %s %s", label,
		      a, b);
		CHECK_INT(strcmp(a, b) == 0, fingerprint_rows[i].same, label);
	}
	/*
	 * Fingerprints are stored, so they must never drift. The first half
	 * is FNV-1a 64 of the normalised text, checked against its
	 * published values ("" and "a"); the whole of one is pinned.
	 */
	polgraph_text_fingerprint("", 0, a);
	CHECK(strncmp(a, "cbf29ce484222325", 16) == 0, "fnv of \"\": %s", a);
	polgraph_text_fingerprint(" A ", 3, a);
	CHECK(strncmp(a, "af63dc4c8601ec8c", 16) == 0, "fnv of \"a\": %s", a);
	polgraph_text_fingerprint("Polgraph fingerprint", 20, a);
	CHECK_STR(a, PINNED_FINGERPRINT, "pinned fingerprint");
	polgraph_text_fingerprint("a\xFF", 2, a);
	CHECK(is_hex32(a), "fingerprint of a bad byte: %s", a);
}

/* ---- stemming ---- */

static const struct {
	const char *lang;
	const char *words[MAX_EXPECTED]; /* all share want after normalising */
	const char *want;
} stem_rows[] = {
	{ "ru", { "Трампа", "Трампом", "Трамп", "ТРАМПУ" }, "трамп" },
	{ "ru", { "переговоры", "переговоров", "переговорами" }, "переговор" },
	{ "uk", { "Зеленского", "Зеленским" }, "зеленск" },
	{ "en", { "meetings", "meeting", "Meetings" }, "meet" },
	{ "en", { "sanctions", "sanction" }, "sanction" },
};

static void test_stemmer(void)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(stem_rows); i++) {
		struct polgraph_stemmer *stemmer =
			polgraph_stemmer_new(stem_rows[i].lang);
		struct polgraph_arena arena = { 0 };
		char label[64];

		snprintf(label, sizeof(label), "stem row %zu", i);
		CHECK(stemmer != NULL, "%s: no stemmer for %s", label,
		      stem_rows[i].lang);
		if (!stemmer)
			continue;
		for (j = 0; j < MAX_EXPECTED && stem_rows[i].words[j]; j++) {
			const char *word = stem_rows[i].words[j];
			size_t len = 0;
			char *norm = polgraph_text_normalize(word, strlen(word),
			                                     &arena, &len);

			CHECK_STR(polgraph_stemmer_stem(stemmer, norm, len,
			                                &arena),
			          stem_rows[i].want, label);
		}
		polgraph_stemmer_free(stemmer);
		polgraph_arena_release(&arena);
	}
}

static void test_stemmer_edges(void)
{
	struct polgraph_stemmer *stemmer = polgraph_stemmer_new("en");
	struct polgraph_arena arena = { 0 };

	CHECK(polgraph_stemmer_new("de") == NULL, "no German stemmer");
	CHECK(polgraph_stemmer_new(NULL) == NULL, "NULL lang");
	CHECK(polgraph_stemmer_new("") == NULL, "empty lang");
	CHECK(stemmer != NULL, "English stemmer");
	if (stemmer) {
		CHECK_STR(polgraph_stemmer_stem(stemmer, "", 0, &arena), "",
		          "stem of empty word");
		CHECK_STR(polgraph_stemmer_stem(stemmer, "bad\xFFings", 8,
		                                &arena),
		          "bad\xFFings", "bad UTF-8 comes back unchanged");
		CHECK_STR(
			polgraph_stemmer_stem(stemmer, "runningXYZ", 7, &arena),
			"run", "stem reads only len bytes");
	}
	CHECK_STR(polgraph_stemmer_stem(NULL, "words", 5, &arena), "words",
	          "no stemmer: unchanged");
	/* Remembered stems come back the same, past the memo's bound. */
	for (size_t i = 0; stemmer && i < 210000; i++) {
		char word[32];
		int len = snprintf(word, sizeof(word), "nations%zu", i);

		if (strcmp(polgraph_stemmer_stem(stemmer, word, (size_t)len,
		                                 &arena),
		           word) != 0)
			CHECK(false, "memo: %s does not stem to itself", word);
		if (i % 1000 == 0)
			CHECK_STR(polgraph_stemmer_stem(stemmer, "nations", 7,
			                                &arena),
			          "nation", "memo: stem after many words");
		if (i % 10000 == 0)
			polgraph_arena_release(&arena);
	}
	polgraph_stemmer_free(stemmer);
	polgraph_stemmer_free(NULL);
	polgraph_arena_release(&arena);
}

static void test_sanitize(void)
{
	static const struct {
		const char *input;
		size_t len; /* 0 = strlen */
		const char *want;
	} rows[] = {
		{ "plain Минск", 0, "plain Минск" },
		{ "a\tb\rc\x01"
		  "d\x7f",
		  0, "a b c d " },
		{ "line\nbreak", 0, "line\nbreak" },
		{ "c1\xc2\x85x", 0, "c1 x" },        /* U+0085 NEL */
		{ "ls\xe2\x80\xa8ps", 0, "ls\nps" }, /* U+2028 */
		{ "bad\xff\xfe!", 0, "bad\xef\xbf\xbd\xef\xbf\xbd!" },
		{ "cut\xd0", 0, "cut\xef\xbf\xbd" }, /* truncated sequence */
		{ "nc\xef\xbf\xbf", 0, "nc\xef\xbf\xbd" }, /* U+FFFF */
		{ "sur\xed\xa0\x80", 0,
		  "sur\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "<script>&\"\\", 0, "<script>&\"\\" },
		{ "", 0, "" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct polgraph_buf out = { 0 };
		size_t len = rows[i].len ? rows[i].len : strlen(rows[i].input);

		CHECK_INT(polgraph_text_sanitize(rows[i].input, len, &out),
		          POLGRAPH_OK, rows[i].input);
		CHECK_STR(out.data ? out.data : "", rows[i].want,
		          rows[i].input);
		polgraph_buf_release(&out);
	}
}

int main(void)
{
	test_sanitize();
	test_utf8();
	test_lang();
	test_sentences();
	test_tokens();
	test_token_flags();
	test_token_offsets();
	test_normalize();
	test_normalize_long();
	test_normalize_fast_path();
	test_fingerprint();
	test_stemmer();
	test_stemmer_edges();
	return check_done();
}
