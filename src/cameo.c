/*
 * cameo.c - CAMEO actor dictionaries into the lexicon (cameo.h).
 *
 * Consumes the text of a PETRARCH/TABARI actor dictionary; produces
 * lexicon entries. Reading goes line by line: a primary phrase opens a
 * record, '+' lines add synonyms, indented lines add [CODE restriction]
 * codes, and the record is converted and added to the lexicon when the
 * next one opens or the text ends. A malformed line spoils its whole
 * record, which is reported and skipped; the rest of the file still counts.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "polgraph/cameo.h"
#include "polgraph/text.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* One [CODE restriction] of a record. */
struct code_line {
	const char *code;  /* "USAGOV" */
	const char *from;  /* "YYYY-MM-DD" (>date, or an interval), or NULL */
	const char *until; /* "YYYY-MM-DD" (<date, or an interval), or NULL */
};

/* The record being read; its strings live in import->arena. */
struct record {
	size_t line;          /* line of the primary phrase */
	const char **phrases; /* as written; [0] is the primary phrase */
	size_t phrase_count, phrase_capacity;
	struct code_line *codes;
	size_t code_count, code_capacity;
	bool open; /* a primary phrase (or a stray line) began it */
	bool bad;  /* reported and skipped: its other lines are ignored */
};

struct import {
	struct polgraph_lexicon *lexicon;
	const char *name;                     /* the file, for messages */
	struct polgraph_cameo_report *report; /* never NULL */
	struct polgraph_arena arena;          /* the current record */
	struct record record;
	struct polgraph_error first; /* the first skipped record */
};

/* CAMEO role codes after the three-letter country code. */
static const struct {
	const char *code;
	const char *position;
} role_codes[] = {
	{ "GOV", "government" },   { "ELI", "elite" },
	{ "MIL", "military" },     { "OPP", "opposition" },
	{ "LEG", "legislature" },  { "JUD", "judiciary" },
	{ "REB", "rebels" },       { "BUS", "business" },
	{ "MED", "media" },        { "COP", "police" },
	{ "SPY", "intelligence" }, { "EDU", "education" },
	{ "LAB", "labor" },        { "REF", "refugees" },
	{ "CVL", "civilians" },    { "AGR", "agriculture" },
	{ "CRM", "criminals" },    { "DEV", "development" },
	{ "ENV", "environment" },  { "HLH", "health" },
	{ "HRI", "human-rights" }, { "INS", "insurgents" },
	{ "MOD", "moderates" },    { "RAD", "radicals" },
	{ "SEP", "separatists" },  { "UAF", "armed-forces" },
};

/* Codes of organisations rather than states: key "org:" + code. */
static const char *const org_prefixes[] = { "IGO", "NGO", "MNC" };

/* Words Title Case leaves in lower case inside a name. */
static const char *const minor_words[] = { "of", "the", "and", "for", "in",
	                                   "on", "at",  "to",  "by" };

/* ---- reporting ---- */

static void skip(struct import *import, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reports the current record as malformed at line and marks it skipped. */
static void skip(struct import *import, size_t line, const char *fmt, ...)
{
	struct polgraph_error what = { 0 };
	char message[sizeof(what.message) + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what.message, sizeof(what.message), fmt, ap);
	va_end(ap);
	snprintf(message, sizeof(message), "%s:%zu: %s", import->name, line,
	         what.message);
	if (import->first.status == POLGRAPH_OK)
		polgraph_error_set(&import->first, POLGRAPH_INVALID, "%s",
		                   message);
	import->report->skipped++;
	if (import->report->on_skip)
		import->report->on_skip(import->report->ctx, message);
	import->record.bad = true;
}

/* ---- small text helpers ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void trim(const char **s, size_t *len)
{
	while (*len && is_space(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && is_space((*s)[*len - 1]))
		(*len)--;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_space(s[i]))
			return false;
	return true;
}

static bool all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

static bool contains(const char *s, size_t len, const char *needle)
{
	size_t needle_len = strlen(needle);

	for (size_t i = 0; i + needle_len <= len; i++)
		if (memcmp(s + i, needle, needle_len) == 0)
			return true;
	return false;
}

/* ---- phrases ---- */

static bool phrase_separator(char c)
{
	return c == '_' || c == ' ' || c == '\t';
}

/*
 * One word of a phrase in Title Case, written over out (same length):
 * HAMID -> Hamid, KI-MOON -> Ki-Moon, O'BRIEN -> O'Brien, U.S. -> U.S.
 * Words already in mixed case, with digits (G20), or of three or more
 * letters without a vowel (KGB, BBC) stay as they are; "of", "the", ...
 * go lower case after the first word.
 */
static void title_word(const char *word, size_t len, bool first, char *out)
{
	size_t letters = 0, vowels = 0;

	memcpy(out, word, len);
	for (size_t i = 0; i < len; i++) {
		if (is_lower(word[i]) || is_digit(word[i]))
			return;
		if (is_upper(word[i])) {
			letters++;
			vowels += strchr("AEIOUY", word[i]) != NULL;
		}
	}
	if (letters == len && letters >= 3 && vowels == 0)
		return;
	for (size_t i = 0; i < len; i++)
		if (is_upper(out[i]))
			out[i] = (char)(out[i] - 'A' + 'a');
	for (size_t i = 0; !first && i < ARRAY_SIZE(minor_words); i++)
		if (strlen(minor_words[i]) == len &&
		    memcmp(minor_words[i], out, len) == 0)
			return;
	for (size_t i = 0; i < len; i++) {
		unsigned char previous = i ? (unsigned char)word[i - 1] : ' ';
		bool starts = previous < 0x80 && !is_upper((char)previous) &&
		              previous != '\'';

		if (previous == '\'' && i == 2) /* O'Brien, D'Alema */
			starts = true;
		if (is_lower(out[i]) && starts)
			out[i] = (char)(out[i] - 'a' + 'A');
	}
}

/*
 * "HAMID_KARZAI_" -> "Hamid Karzai" in arena. With acronyms (countries and
 * organisations), a phrase of one word of two or three capitals stays as
 * it is: UN, EU, USA. NULL if the phrase has no words.
 */
static char *title_case(struct polgraph_arena *arena, const char *phrase,
                        bool acronyms)
{
	size_t len = strlen(phrase);
	char *out = polgraph_arena_alloc(arena, len + 1);
	size_t out_len = 0, words = 0, at = 0;

	for (;;) {
		size_t start;

		while (at < len && phrase_separator(phrase[at]))
			at++;
		if (at == len)
			break;
		start = at;
		while (at < len && !phrase_separator(phrase[at]))
			at++;
		if (words++)
			out[out_len++] = ' ';
		title_word(phrase + start, at - start, words == 1,
		           out + out_len);
		out_len += at - start;
	}
	out[out_len] = '\0';
	if (acronyms && words == 1 && out_len >= 2 && out_len <= 3) {
		size_t capitals = 0;

		for (size_t i = 0; i < len; i++)
			capitals += is_upper(phrase[i]);
		for (size_t i = 0; capitals == out_len && i < out_len; i++)
			out[i] = is_lower(out[i]) ? (char)(out[i] - 'a' + 'A')
			                          : out[i];
	}
	return out_len ? out : NULL;
}

/*
 * "Ban Ki-Moon" -> "ban-ki-moon", "O'Brien" -> "obrien": Cyrillic
 * romanised, accents stripped, ASCII letters and digits kept, apostrophes
 * dropped, other runs one hyphen. NULL if nothing is left.
 */
static char *slug(struct polgraph_arena *arena, const char *name)
{
	const char *latin = polgraph_romanize(name, strlen(name), arena);
	const char *folded = polgraph_text_ascii_fold(latin, arena);
	char *out = polgraph_arena_alloc(arena, strlen(folded) + 1);
	size_t n = 0;
	bool hyphen = false;

	for (const char *c = folded; *c; c++) {
		if (is_upper(*c) || is_lower(*c) || is_digit(*c)) {
			if (hyphen && n)
				out[n++] = '-';
			hyphen = false;
			out[n++] = is_upper(*c) ? (char)(*c - 'A' + 'a') : *c;
		} else if ((unsigned char)*c < 0x80 && *c != '\'') {
			hyphen = true;
		}
	}
	out[n] = '\0';
	return n ? out : NULL;
}

/* ---- codes and dates ---- */

static bool is_org_code(const char *code)
{
	for (size_t i = 0; i < ARRAY_SIZE(org_prefixes); i++)
		if (strncmp(code, org_prefixes[i], 3) == 0)
			return true;
	return false;
}

/* Upper-case letters and digits, the first three letters. */
static bool valid_code(const char *code, size_t len)
{
	if (len < 3 || len > 64)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_upper(code[i]) && (i < 3 || !is_digit(code[i])))
			return false;
	return true;
}

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
		                    31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

static int digits_value(const char *s, size_t len)
{
	int value = 0;

	for (size_t i = 0; i < len; i++)
		value = value * 10 + (s[i] - '0');
	return value;
}

/*
 * YYMMDD (00-30 is 20YY, 31-99 19YY) or YYYYMMDD -> "YYYY-MM-DD" in
 * arena; NULL, with the record skipped, if it is not a calendar date.
 */
static const char *read_date(struct import *import, size_t line,
                             const char *text, size_t len)
{
	int year, month, day;

	trim(&text, &len);
	if ((len != 6 && len != 8) || !all_digits(text, len)) {
		skip(import, line, "bad date '%.*s' (want YYMMDD or YYYYMMDD)",
		     (int)len, text);
		return NULL;
	}
	if (len == 6) {
		year = digits_value(text, 2);
		year += year <= 30 ? 2000 : 1900;
	} else {
		year = digits_value(text, 4);
	}
	month = digits_value(text + len - 4, 2);
	day = digits_value(text + len - 2, 2);
	if (year < 1 || month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month)) {
		skip(import, line, "no such date '%.*s'", (int)len, text);
		return NULL;
	}
	return polgraph_arena_printf(&import->arena, "%04d-%02d-%02d", year,
	                             month, day);
}

/*
 * The inside of one bracket: "CODE", "CODE >DATE", "CODE <DATE" or
 * "CODE DATE-DATE". Adds it to the record; false if it is malformed.
 */
static bool read_code(struct import *import, size_t line, const char *text,
                      size_t len)
{
	struct record *record = &import->record;
	struct code_line code = { 0 };
	const char *rest, *dash;
	size_t code_len = 0, rest_len;

	trim(&text, &len);
	while (code_len < len && !is_space(text[code_len]))
		code_len++;
	if (!valid_code(text, code_len)) {
		skip(import, line,
		     "bad code '%.*s' (want upper-case letters and digits "
		     "after a three-letter prefix)",
		     (int)code_len, text);
		return false;
	}
	code.code = polgraph_arena_strndup(&import->arena, text, code_len);
	rest = text + code_len;
	rest_len = len - code_len;
	trim(&rest, &rest_len);
	if (rest_len && (rest[0] == '<' || rest[0] == '>')) {
		const char *date =
			read_date(import, line, rest + 1, rest_len - 1);

		if (!date)
			return false;
		*(rest[0] == '<' ? &code.until : &code.from) = date;
	} else if (rest_len) {
		dash = memchr(rest, '-', rest_len);
		if (!dash) {
			skip(import, line,
			     "cannot read restriction '%.*s' (want >DATE, "
			     "<DATE or DATE-DATE)",
			     (int)rest_len, rest);
			return false;
		}
		code.from =
			read_date(import, line, rest, (size_t)(dash - rest));
		if (!code.from)
			return false;
		code.until = read_date(import, line, dash + 1,
		                       rest_len - (size_t)(dash - rest) - 1);
		if (!code.until)
			return false;
		if (strcmp(code.until, code.from) < 0) {
			skip(import, line,
			     "restriction '%.*s' ends before it "
			     "starts",
			     (int)rest_len, rest);
			return false;
		}
	}
	polgraph_arena_grow(&import->arena, (void **)&record->codes,
	                    &record->code_capacity, record->code_count + 1,
	                    sizeof(*record->codes));
	record->codes[record->code_count++] = code;
	return true;
}

/* ---- lines ---- */

/*
 * Finds the one "[...]" of a line: *before is the length of the text
 * before it (all of it if there is none), *inner and *inner_len its inside
 * (NULL if none). Only spaces may follow it. false with the record
 * skipped if the brackets do not pair up.
 */
static bool split_bracket(struct import *import, size_t line, const char *text,
                          size_t len, size_t *before, const char **inner,
                          size_t *inner_len)
{
	const char *open = memchr(text, '[', len);
	const char *close = memchr(text, ']', len);
	const char *what = NULL;

	*before = len;
	*inner = NULL;
	*inner_len = 0;
	if (!open && !close)
		return true;
	if (!close)
		what = "unbalanced '['";
	else if (!open || close < open)
		what = "unbalanced ']'";
	else if (memchr(open + 1, '[', (size_t)(close - open - 1)) ||
	         memchr(close + 1, '[', len - (size_t)(close - text) - 1) ||
	         memchr(close + 1, ']', len - (size_t)(close - text) - 1))
		what = "more than one '[...]'";
	for (const char *c = close ? close + 1 : text + len;
	     !what && c < text + len; c++)
		if (!is_space(*c))
			what = "text after ']'";
	if (what) {
		skip(import, line, "%s", what);
		return false;
	}
	*before = (size_t)(open - text);
	*inner = open + 1;
	*inner_len = (size_t)(close - open - 1);
	return true;
}

/* Adds a phrase to the record; false if it has no words. */
static bool add_phrase(struct import *import, size_t line, const char *text,
                       size_t len)
{
	struct record *record = &import->record;
	char *phrase = polgraph_arena_strndup(&import->arena, text, len);

	if (!title_case(&import->arena, phrase, false)) {
		skip(import, line, "empty phrase");
		return false;
	}
	polgraph_arena_grow(&import->arena, (void **)&record->phrases,
	                    &record->phrase_capacity, record->phrase_count + 1,
	                    sizeof(*record->phrases));
	record->phrases[record->phrase_count++] = phrase;
	return true;
}

/* "PHRASE_ [CODE]": the primary phrase, with an optional default code. */
static void read_primary(struct import *import, size_t line, const char *text,
                         size_t len)
{
	const char *inner;
	size_t before, inner_len;

	if (!split_bracket(import, line, text, len, &before, &inner,
	                   &inner_len) ||
	    !add_phrase(import, line, text, before))
		return;
	if (inner)
		read_code(import, line, inner, inner_len);
}

/* "+PHRASE_": a synonym; it takes no code. */
static void read_synonym(struct import *import, size_t line, const char *text,
                         size_t len)
{
	if (memchr(text, '[', len) || memchr(text, ']', len)) {
		skip(import, line, "a synonym ('+') takes no '[CODE]'");
		return;
	}
	add_phrase(import, line, text + 1, len - 1);
}

/* "\t[CODE restriction]": a code, perhaps limited in time. */
static void read_restriction(struct import *import, size_t line,
                             const char *text, size_t len)
{
	const char *inner;
	size_t before, inner_len;

	if (!split_bracket(import, line, text, len, &before, &inner,
	                   &inner_len))
		return;
	trim(&text, &before);
	if (!inner || before) {
		skip(import, line, "indented line is not '[CODE ...]'");
		return;
	}
	read_code(import, line, inner, inner_len);
}

/* ---- records into entries ---- */

static bool same(const char *x, const char *y)
{
	return x == y || (x && y && strcmp(x, y) == 0);
}

/*
 * The position a CAMEO code stands for: USAGOV -> "government",
 * USAGOVMIL -> "government-military", a bare country -> "representative",
 * IGO/NGO/MNC -> "official", anything else -> "cameo-" + the code.
 */
static const char *position_of(struct polgraph_arena *arena, const char *code)
{
	struct polgraph_buf position = { 0 };
	size_t len = strlen(code);
	const char *result;

	if (is_org_code(code))
		return "official";
	if (len == 3)
		return "representative";
	for (size_t at = 3; at < len; at += 3) {
		const char *name = NULL;

		for (size_t i = 0; at + 3 <= len && i < ARRAY_SIZE(role_codes);
		     i++)
			if (strncmp(code + at, role_codes[i].code, 3) == 0)
				name = role_codes[i].position;
		if (!name) {
			polgraph_buf_reset(&position);
			polgraph_buf_puts(&position, "cameo-");
			for (const char *c = code; *c; c++)
				polgraph_buf_printf(
					&position, "%c",
					is_upper(*c) ? *c - 'A' + 'a' : *c);
			break;
		}
		polgraph_buf_printf(&position, "%s%s", at > 3 ? "-" : "", name);
	}
	result = polgraph_arena_strdup(arena, position.data);
	polgraph_buf_release(&position);
	return result;
}

/* A person's roles: one per distinct code line not already known. */
static void add_roles(struct import *import,
                      struct polgraph_lexicon_entry *entry,
                      const struct polgraph_lexicon_entry *existing)
{
	struct record *record = &import->record;
	struct polgraph_arena *arena = &import->arena;

	entry->roles = polgraph_arena_alloc(
		arena, record->code_count * sizeof(*entry->roles));
	for (size_t i = 0; i < record->code_count; i++) {
		const struct code_line *code = &record->codes[i];
		struct polgraph_role role = { 0 };
		bool known = false;

		role.position = position_of(arena, code->code);
		role.of = is_org_code(code->code)
		                  ? polgraph_arena_printf(arena, "org:%s",
		                                          code->code)
		                  : polgraph_arena_printf(arena, "country:%.3s",
		                                          code->code);
		role.from = code->from;
		role.until = code->until;
		for (size_t j = 0; j < entry->role_count; j++)
			known |=
				same(entry->roles[j].position, role.position) &&
				same(entry->roles[j].of, role.of) &&
				same(entry->roles[j].from, role.from) &&
				same(entry->roles[j].until, role.until);
		for (size_t j = 0; existing && j < existing->role_count; j++)
			known |= same(existing->roles[j].position,
			              role.position) &&
			         same(existing->roles[j].of, role.of) &&
			         same(existing->roles[j].from, role.from) &&
			         same(existing->roles[j].until, role.until);
		if (!known)
			entry->roles[entry->role_count++] = role;
	}
}

/* The record's phrases as "en" names, less those already known. */
static void add_aliases(struct import *import,
                        struct polgraph_lexicon_entry *entry,
                        const struct polgraph_lexicon_entry *existing)
{
	struct record *record = &import->record;

	entry->aliases = polgraph_arena_alloc(
		&import->arena, record->phrase_count * sizeof(*entry->aliases));
	for (size_t i = 0; i < record->phrase_count; i++) {
		const char *phrase = record->phrases[i];
		bool known = false;

		for (size_t j = 0; j < entry->alias_count; j++)
			known |=
				strcasecmp(entry->aliases[j].text, phrase) == 0;
		for (size_t j = 0; existing && j < existing->alias_count; j++)
			known |= strcasecmp(existing->aliases[j].text,
			                    phrase) == 0;
		if (known)
			continue;
		entry->aliases[entry->alias_count].text = phrase;
		entry->aliases[entry->alias_count].lang = "en";
		entry->aliases[entry->alias_count].kind = POLGRAPH_ALIAS_NAME;
		entry->alias_count++;
	}
	/* polgraph_lexicon_add wants an alias even when only roles are new. */
	if (!entry->alias_count && entry->role_count) {
		entry->aliases[0].text = record->phrases[0];
		entry->aliases[0].lang = "en";
		entry->aliases[0].kind = POLGRAPH_ALIAS_NAME;
		entry->alias_count = 1;
	}
}

/*
 * Undated IGO/NGO/MNC codes: an organisation. One undated bare country
 * code: that country. Anything else (dates, role codes): a person with a
 * role per code.
 */
static void add_record(struct import *import)
{
	struct record *record = &import->record;
	struct polgraph_arena *arena = &import->arena;
	struct polgraph_lexicon_entry entry = { 0 };
	const struct polgraph_lexicon_entry *existing;
	struct polgraph_error add_err = { 0 };
	bool dated = false, organization = true, country = true;

	if (!record->code_count) {
		skip(import, record->line, "'%s' has no code",
		     record->phrases[0]);
		return;
	}
	for (size_t i = 0; i < record->code_count; i++) {
		const struct code_line *code = &record->codes[i];

		dated |= code->from || code->until;
		organization &= is_org_code(code->code);
		country &= strlen(code->code) == 3 &&
		           !is_org_code(code->code) &&
		           strcmp(code->code, record->codes[0].code) == 0;
	}
	/* Title Case once the type is known: it decides about acronyms. */
	for (size_t i = 0; i < record->phrase_count; i++)
		record->phrases[i] =
			title_case(arena, record->phrases[i],
		                   !dated && (organization || country));
	entry.name = record->phrases[0];
	entry.origin = import->name;
	entry.line = record->line;
	if (!dated && organization) {
		entry.type = POLGRAPH_ACTOR_ORGANIZATION;
		entry.key = polgraph_arena_printf(arena, "org:%s",
		                                  record->codes[0].code);
	} else if (!dated && country) {
		entry.type = POLGRAPH_ACTOR_COUNTRY;
		entry.key = polgraph_arena_printf(arena, "country:%s",
		                                  record->codes[0].code);
	} else {
		const char *id = slug(arena, entry.name);

		if (!id) {
			skip(import, record->line,
			     "'%s' has no Latin letters for a key", entry.name);
			return;
		}
		entry.type = POLGRAPH_ACTOR_PERSON;
		entry.key = polgraph_arena_printf(arena, "person:%s", id);
	}
	existing = polgraph_lexicon_find(import->lexicon, entry.key);
	if (entry.type == POLGRAPH_ACTOR_PERSON)
		add_roles(import, &entry, existing);
	add_aliases(import, &entry, existing);
	if (!entry.alias_count) { /* nothing new: already merged */
		import->report->imported++;
		return;
	}
	if (polgraph_lexicon_add(import->lexicon, &entry, &add_err) !=
	    POLGRAPH_OK) {
		skip(import, record->line, "%s", add_err.message);
		return;
	}
	import->report->imported++;
}

static void finish_record(struct import *import)
{
	if (import->record.open && !import->record.bad)
		add_record(import);
	polgraph_arena_release(&import->arena);
	memset(&import->record, 0, sizeof(import->record));
}

static void begin_record(struct import *import, size_t line)
{
	finish_record(import);
	import->record.open = true;
	import->record.line = line;
	import->report->records++;
}

static void read_line(struct import *import, const char *text, size_t len,
                      size_t line)
{
	bool continues; /* a synonym or restriction of the open record */

	if (len && (text[0] == '#' || (len >= 2 && memcmp(text, "<!", 2) == 0)))
		return;
	for (size_t i = 0; i < len; i++)
		if (text[i] == ';' || text[i] == '#')
			len = i;
	while (len && is_space(text[len - 1]))
		len--;
	if (blank(text, len))
		return;
	continues = is_space(text[0]) || text[0] == '+';
	if (!continues) {
		begin_record(import, line);
	} else if (!import->record.open) {
		begin_record(import, line);
		skip(import, line, "%s before any primary phrase",
		     text[0] == '+' ? "synonym" : "indented line");
		return;
	} else if (import->record.bad) {
		return;
	}
	if (memchr(text, '\0', len)) {
		skip(import, line, "NUL byte");
		return;
	}
	if (!polgraph_text_utf8_valid(text, len, NULL)) {
		skip(import, line, "invalid UTF-8");
		return;
	}
	if (text[0] == '+')
		read_synonym(import, line, text, len);
	else if (continues)
		read_restriction(import, line, text, len);
	else
		read_primary(import, line, text, len);
}

enum polgraph_status polgraph_cameo_import_from_buffer(
	struct polgraph_lexicon *lexicon, const char *name, const char *text,
	size_t len, struct polgraph_cameo_report *report,
	struct polgraph_error *err)
{
	struct polgraph_cameo_report unreported = { 0 };
	struct import import = { .lexicon = lexicon,
		                 .name = name ? name : "<buffer>" };
	size_t at = 0, line = 0;

	polgraph_error_clear(err);
	import.report = report ? report : &unreported;
	import.report->records = 0;
	import.report->imported = 0;
	import.report->skipped = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		at = 3; /* a UTF-8 byte order mark */
	while (at < len) {
		const char *start = text + at;
		const char *newline = memchr(start, '\n', len - at);
		size_t line_len =
			newline ? (size_t)(newline - start) : len - at;

		at += line_len + (newline != NULL);
		line++;
		if (contains(start, line_len, "---STOP---"))
			break;
		read_line(&import, start, line_len, line);
	}
	finish_record(&import);
	if (import.report->skipped)
		return polgraph_error_set(
			err, POLGRAPH_INVALID, "%s (%zu record%s skipped)",
			import.first.message, import.report->skipped,
			import.report->skipped == 1 ? "" : "s");
	return POLGRAPH_OK;
}

enum polgraph_status polgraph_cameo_import(struct polgraph_lexicon *lexicon,
                                           const char *path,
                                           struct polgraph_cameo_report *report,
                                           struct polgraph_error *err)
{
	struct polgraph_buf text = { 0 };
	enum polgraph_status status = POLGRAPH_OK;
	char chunk[65536];
	size_t got;
	FILE *file = fopen(path, "rb");

	if (report) {
		report->records = 0;
		report->imported = 0;
		report->skipped = 0;
	}
	if (!file)
		return polgraph_error_set(err, POLGRAPH_IO,
		                          "cannot open '%s': %s", path,
		                          strerror(errno));
	while ((got = fread(chunk, 1, sizeof(chunk), file)) > 0)
		polgraph_buf_append(&text, chunk, got);
	if (ferror(file))
		status = polgraph_error_set(err, POLGRAPH_IO,
		                            "cannot read '%s': %s", path,
		                            strerror(errno));
	fclose(file);
	if (status == POLGRAPH_OK)
		status = polgraph_cameo_import_from_buffer(
			lexicon, path, text.data ? text.data : "", text.len,
			report, err);
	polgraph_buf_release(&text);
	return status;
}
