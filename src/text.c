/*
 * text.c - the text stage (text.h): UTF-8 checks, language guess, sentence
 * segmentation, tokenisation, normalisation, fingerprints and stemming.
 *
 * Consumes an article's UTF-8 text; produces sentence and token spans as
 * byte offsets into it, and normalised or stemmed copies in the caller's
 * arena. Decoding, character categories, NFC and case folding come from
 * utf8proc, stems from Snowball (libstemmer); this is the only file that
 * includes either header. Every function makes one forward pass over its
 * input with bounded look-behind and look-ahead, so cost is O(n).
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "polgraph/strmap.h"
#include "polgraph/text.h"

#define REPLACEMENT_CHAR 0xFFFD
#define ARRAY_SIZE(a)    (sizeof(a) / sizeof((a)[0]))
#define IN_SET(set, cp)  in_set((set), ARRAY_SIZE(set), (cp))

/* ---- code points and character classes ---- */

/*
 * Decodes the code point at text[pos..end). A byte that does not start a
 * valid sequence decodes as U+FFFD of length 1, so callers always advance.
 */
static size_t decode(const char *text, size_t end, size_t pos, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)text + pos;
	size_t avail = end - pos;
	utf8proc_ssize_t n;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	n = utf8proc_iterate(p, avail < 4 ? (utf8proc_ssize_t)avail : 4, cp);
	if (n <= 0) {
		*cp = REPLACEMENT_CHAR;
		return 1;
	}
	return (size_t)n;
}

/* Start of the code point that ends at pos (floor < pos); *cp its value. */
static size_t decode_back(const char *text, size_t floor, size_t pos,
                          int32_t *cp)
{
	size_t start = pos - 1;
	int steps = 0;

	while (start > floor && steps < 3 &&
	       ((unsigned char)text[start] & 0xC0) == 0x80) {
		start--;
		steps++;
	}
	if (decode(text, pos, start, cp) != pos - start) {
		start = pos - 1;
		*cp = REPLACEMENT_CHAR;
	}
	return start;
}

/* Offset of the first invalid sequence (or NUL, unless allowed), else len. */
static size_t first_invalid(const char *s, size_t len, bool allow_nul)
{
	size_t pos = 0;

	while (pos < len) {
		const unsigned char *p = (const unsigned char *)s + pos;
		size_t avail = len - pos;
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;
		uint64_t word;

		/* Eight ASCII bytes (none NUL, unless allowed) at a time. */
		if (avail >= 8) {
			memcpy(&word, p, 8);
			if (!(word & 0x8080808080808080u) &&
			    (allow_nul || !((word - 0x0101010101010101u) &
			                    ~word & 0x8080808080808080u))) {
				pos += 8;
				continue;
			}
		}
		if (p[0] < 0x80) {
			if (p[0] == 0 && !allow_nul)
				return pos;
			pos++;
			continue;
		}
		/* A lead byte C2..DF and one continuation byte are always a
		 * valid two-byte sequence (Cyrillic among them). */
		if (p[0] >= 0xC2 && p[0] <= 0xDF && avail >= 2 &&
		    (p[1] & 0xC0) == 0x80) {
			pos += 2;
			continue;
		}
		n = utf8proc_iterate(p, avail < 4 ? (utf8proc_ssize_t)avail : 4,
		                     &cp);
		if (n <= 0)
			return pos;
		pos += (size_t)n;
	}
	return len;
}

static bool in_set(const int32_t *set, size_t n, int32_t cp)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == cp)
			return true;
	return false;
}

/* utf8proc_category with the letters and digits of ASCII and the basic
 * Cyrillic block (U+0400..U+042F upper, U+0430..U+045F lower) answered
 * inline: they are nearly every character of the news we read. */
static utf8proc_category_t category(int32_t cp)
{
	if (cp >= 'a' && cp <= 'z')
		return UTF8PROC_CATEGORY_LL;
	if (cp >= 'A' && cp <= 'Z')
		return UTF8PROC_CATEGORY_LU;
	if (cp >= '0' && cp <= '9')
		return UTF8PROC_CATEGORY_ND;
	if (cp >= 0x0400 && cp < 0x0460)
		return cp < 0x0430 ? UTF8PROC_CATEGORY_LU
		                   : UTF8PROC_CATEGORY_LL;
	return utf8proc_category(cp);
}

static bool is_letter(int32_t cp)
{
	utf8proc_category_t cat = category(cp);

	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static bool is_mark(int32_t cp)
{
	utf8proc_category_t cat = category(cp);

	return cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
}

static bool is_digit(int32_t cp)
{
	return category(cp) == UTF8PROC_CATEGORY_ND;
}

static bool is_upper(int32_t cp)
{
	utf8proc_category_t cat = category(cp);

	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

static bool is_lower(int32_t cp)
{
	return category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Unicode spaces and line breaks, plus the invisible ZWSP and BOM. */
static bool is_space(int32_t cp)
{
	utf8proc_category_t cat;

	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	if (cp == 0x85 || cp == 0x200B || cp == 0xFEFF)
		return true;
	cat = category(cp);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP;
}

static bool is_cyrillic(int32_t cp)
{
	return (cp >= 0x0400 && cp <= 0x052F) ||
	       (cp >= 0x1C80 && cp <= 0x1C8F) ||
	       (cp >= 0x2DE0 && cp <= 0x2DFF) || (cp >= 0xA640 && cp <= 0xA69F);
}

/* Only called for letters, so the ranges may include a few non-letters. */
static bool is_latin(int32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0x00AA && cp <= 0x024F) ||
	       (cp >= 0x1E00 && cp <= 0x1EFF) ||
	       (cp >= 0x2C60 && cp <= 0x2C7F) ||
	       (cp >= 0xA720 && cp <= 0xA7FF) ||
	       (cp >= 0xAB30 && cp <= 0xAB6F) ||
	       (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
}

/* . ! ? … ‼ ⁇ ⁈ ⁉ */
static const int32_t terminals[] = {
	'!', '.', '?', 0x2026, 0x203C, 0x2047, 0x2048, 0x2049,
};

/* Closing quotes and brackets that may follow final punctuation. “ closes
 * „German-style“ quotes, which Russian uses inside «». */
static const int32_t closers[] = {
	'"', '\'', ')', ']', 0x00BB, 0x2019, 0x201C, 0x201D, 0x203A,
};

/* Opening quotes and brackets that may begin a sentence. */
static const int32_t openers[] = {
	'"', '\'', '(', '[', 0x00AB, 0x2018, 0x201C, 0x201E, 0x2039,
};

/* Dashes that open a line of dialogue. */
static const int32_t dashes[] = {
	'-', 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015,
};

/* Join two parts of a word; en and em dashes separate words instead. */
static const int32_t hyphens[] = { '-', 0x2010, 0x2011 };
static const int32_t apostrophes[] = { '\'', 0x02BC, 0x2019 };
static const int32_t number_separators[] = { ',', '.', ':' };

/* і ї є ґ in both cases: letters Ukrainian has and Russian lacks. */
static const int32_t ukrainian_letters[] = {
	0x0404, 0x0406, 0x0407, 0x0454, 0x0456, 0x0457, 0x0490, 0x0491,
};

/* ---- UTF-8 checks and language ---- */

bool polgraph_text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t bad = first_invalid(s, len, false);

	if (bad == len)
		return true;
	if (bad_offset)
		*bad_offset = bad;
	return false;
}

const char *polgraph_text_detect_lang(const char *text, size_t len)
{
	size_t letters = 0, cyrillic = 0, latin = 0, ukrainian = 0;
	size_t pos = 0;

	while (pos < len) {
		int32_t cp;

		pos += decode(text, len, pos, &cp);
		if (!is_letter(cp))
			continue;
		letters++;
		if (is_cyrillic(cp)) {
			cyrillic++;
			if (IN_SET(ukrainian_letters, cp))
				ukrainian++;
		} else if (is_latin(cp)) {
			latin++;
		}
	}
	if (!letters)
		return "und";
	/* Russian text has none of them; one in 50 Cyrillic letters is
	 * far above what a quoted Ukrainian name adds. */
	if (cyrillic > letters / 2)
		return ukrainian && ukrainian * 50 >= cyrillic ? "uk" : "ru";
	if (latin > letters / 2)
		return "en";
	return "und";
}

/* ---- abbreviations ---- */

/*
 * What a period after a known word means. A prefix abbreviation stands
 * before a name or number and never ends a sentence (Mr., ул., т.е.); a
 * terminal one may end it, and does when the next word is capitalised
 * (etc., и т.д., млн.); "г." and "гг." are years, terminal after a number
 * (в 2025 г.) and prefixes otherwise (г. Минск).
 */
enum abbr_class {
	ABBR_NONE,
	ABBR_PREFIX,
	ABBR_TERMINAL,
	ABBR_YEAR,
};

struct abbr {
	const char *text; /* without the final period */
	enum abbr_class cls;
};

#define ABBR_MAX_BYTES 32 /* longer words are never abbreviations */
#define ABBR_LIST_RU   0x1u
#define ABBR_LIST_EN   0x2u

/* Sorted by strcmp (byte order) for bsearch. */
static const struct abbr ru_abbrevs[] = {
	{ "Дж", ABBR_PREFIX },     { "авг", ABBR_PREFIX },
	{ "акад", ABBR_PREFIX },   { "англ", ABBR_PREFIX },
	{ "апр", ABBR_PREFIX },    { "букв", ABBR_PREFIX },
	{ "вв", ABBR_TERMINAL },   { "г", ABBR_YEAR },
	{ "гг", ABBR_YEAR },       { "ген", ABBR_PREFIX },
	{ "гл", ABBR_PREFIX },     { "д", ABBR_TERMINAL },
	{ "дек", ABBR_PREFIX },    { "долл", ABBR_TERMINAL },
	{ "др", ABBR_TERMINAL },   { "е", ABBR_PREFIX },
	{ "зам", ABBR_PREFIX },    { "им", ABBR_PREFIX },
	{ "к", ABBR_PREFIX },      { "кв", ABBR_PREFIX },
	{ "коп", ABBR_TERMINAL },  { "млн", ABBR_TERMINAL },
	{ "млрд", ABBR_TERMINAL }, { "н.э", ABBR_TERMINAL },
	{ "напр", ABBR_PREFIX },   { "нояб", ABBR_PREFIX },
	{ "обл", ABBR_TERMINAL },  { "окт", ABBR_PREFIX },
	{ "п", ABBR_TERMINAL },    { "пр", ABBR_PREFIX },
	{ "проф", ABBR_PREFIX },   { "рис", ABBR_PREFIX },
	{ "руб", ABBR_TERMINAL },  { "св", ABBR_PREFIX },
	{ "сент", ABBR_PREFIX },   { "см", ABBR_PREFIX },
	{ "ст", ABBR_PREFIX },     { "стр", ABBR_PREFIX },
	{ "т.д", ABBR_TERMINAL },  { "т.е", ABBR_PREFIX },
	{ "т.к", ABBR_PREFIX },    { "т.н", ABBR_PREFIX },
	{ "т.п", ABBR_TERMINAL },  { "тов", ABBR_PREFIX },
	{ "трлн", ABBR_TERMINAL }, { "тыс", ABBR_TERMINAL },
	{ "ул", ABBR_PREFIX },     { "фев", ABBR_PREFIX },
	{ "февр", ABBR_PREFIX },   { "ч", ABBR_PREFIX },
	{ "янв", ABBR_PREFIX },
};

static const struct abbr en_abbrevs[] = {
	{ "Adm", ABBR_PREFIX },    { "Apr", ABBR_PREFIX },
	{ "Aug", ABBR_PREFIX },    { "Capt", ABBR_PREFIX },
	{ "Co", ABBR_TERMINAL },   { "Col", ABBR_PREFIX },
	{ "Corp", ABBR_TERMINAL }, { "Dec", ABBR_PREFIX },
	{ "Dr", ABBR_PREFIX },     { "E.U", ABBR_PREFIX },
	{ "Feb", ABBR_PREFIX },    { "Ft", ABBR_PREFIX },
	{ "Gen", ABBR_PREFIX },    { "Gov", ABBR_PREFIX },
	{ "Hon", ABBR_PREFIX },    { "Inc", ABBR_TERMINAL },
	{ "Jan", ABBR_PREFIX },    { "Jr", ABBR_TERMINAL },
	{ "Jul", ABBR_PREFIX },    { "Jun", ABBR_PREFIX },
	{ "Lt", ABBR_PREFIX },     { "Ltd", ABBR_TERMINAL },
	{ "Maj", ABBR_PREFIX },    { "Mar", ABBR_PREFIX },
	{ "Mr", ABBR_PREFIX },     { "Mrs", ABBR_PREFIX },
	{ "Ms", ABBR_PREFIX },     { "Mt", ABBR_PREFIX },
	{ "No", ABBR_PREFIX },     { "Nov", ABBR_PREFIX },
	{ "Oct", ABBR_PREFIX },    { "Prof", ABBR_PREFIX },
	{ "Rep", ABBR_PREFIX },    { "Rev", ABBR_PREFIX },
	{ "Sen", ABBR_PREFIX },    { "Sep", ABBR_PREFIX },
	{ "Sept", ABBR_PREFIX },   { "Sgt", ABBR_PREFIX },
	{ "Sr", ABBR_TERMINAL },   { "St", ABBR_PREFIX },
	{ "U.K", ABBR_PREFIX },    { "U.N", ABBR_PREFIX },
	{ "U.S", ABBR_PREFIX },    { "a.m", ABBR_TERMINAL },
	{ "e.g", ABBR_PREFIX },    { "etc", ABBR_TERMINAL },
	{ "i.e", ABBR_PREFIX },    { "p.m", ABBR_TERMINAL },
	{ "vs", ABBR_PREFIX },
};

/*
 * The Russian and English lists are in different scripts and never collide,
 * and news in either language quotes the other's abbreviations ("посол
 * U.S.", "Mr." in a Russian translation), so every language gets both.
 * lang stays in the signature for languages whose lists would collide.
 */
static unsigned abbr_lists(const char *lang)
{
	(void)lang;
	return ABBR_LIST_RU | ABBR_LIST_EN;
}

static int compare_abbr(const void *key, const void *elem)
{
	const struct abbr *entry = elem;

	return strcmp(key, entry->text);
}

static enum abbr_class find_abbr(unsigned lists, const char *word)
{
	const struct abbr *hit = NULL;

	if (lists & ABBR_LIST_RU)
		hit = bsearch(word, ru_abbrevs, ARRAY_SIZE(ru_abbrevs),
		              sizeof(ru_abbrevs[0]), compare_abbr);
	if (!hit && (lists & ABBR_LIST_EN))
		hit = bsearch(word, en_abbrevs, ARRAY_SIZE(en_abbrevs),
		              sizeof(en_abbrevs[0]), compare_abbr);
	return hit ? hit->cls : ABBR_NONE;
}

/*
 * Looks word (NUL-terminated, at most ABBR_MAX_BYTES) up as written, then
 * with its first letter lowered so a sentence-initial "Т.е" or "Ул" is
 * found; "No" stays distinct from the English word "no".
 */
static enum abbr_class lookup_abbr(unsigned lists, const char *word, size_t len)
{
	unsigned char lowered[ABBR_MAX_BYTES + 8];
	enum abbr_class cls = find_abbr(lists, word);
	int32_t first, lower;
	size_t n;
	utf8proc_ssize_t lower_len;

	if (cls != ABBR_NONE)
		return cls;
	n = decode(word, len, 0, &first);
	lower = utf8proc_tolower(first);
	if (lower == first)
		return ABBR_NONE;
	lower_len = utf8proc_encode_char(lower, lowered);
	if (lower_len <= 0)
		return ABBR_NONE;
	memcpy(lowered + lower_len, word + n, len - n + 1);
	return find_abbr(lists, (const char *)lowered);
}

/* ---- sentences ---- */

#define NO_SENTENCE    SIZE_MAX
#define LOOKAROUND_MAX 8 /* code points examined around a candidate */

struct splitter {
	const char *text;
	size_t len;
	unsigned lists; /* ABBR_LIST_* tables in use */
	struct polgraph_arena *arena;
	struct polgraph_sentence *sentences; /* in arena */
	size_t count;
	size_t capacity;
	size_t start;           /* open sentence, or NO_SENTENCE */
	size_t last_end;        /* past its last non-space character */
	size_t paragraph;       /* index of the current paragraph */
	bool paragraph_pending; /* blank line seen since last sentence */
};

static void open_sentence(struct splitter *sp, size_t pos)
{
	if (sp->start != NO_SENTENCE)
		return;
	if (sp->paragraph_pending) {
		sp->paragraph++;
		sp->paragraph_pending = false;
	}
	sp->start = pos;
}

static void close_sentence(struct splitter *sp)
{
	void *array = sp->sentences;
	struct polgraph_sentence *sentence;

	if (sp->start == NO_SENTENCE)
		return;
	polgraph_arena_grow(sp->arena, &array, &sp->capacity, sp->count + 1,
	                    sizeof(*sp->sentences));
	sp->sentences = array;
	sentence = &sp->sentences[sp->count++];
	sentence->start = sp->start;
	sentence->end = sp->last_end;
	sentence->paragraph = sp->paragraph;
	sp->start = NO_SENTENCE;
}

/*
 * Skips the whitespace run at pos and returns its end; *line_breaks gets
 * the number of line breaks in it (\r\n is one, U+2029 counts as two).
 */
static size_t skip_space(const char *text, size_t len, size_t pos,
                         int *line_breaks)
{
	*line_breaks = 0;
	while (pos < len) {
		unsigned char lead = (unsigned char)text[pos];
		int32_t cp;
		size_t n;

		if (lead == ' ') { /* nearly every space */
			pos++;
			continue;
		}
		if (lead == 0xD0 ||
		    lead == 0xD1) /* U+0400..U+047F: no spaces */
			break;
		n = decode(text, len, pos, &cp);
		if (!is_space(cp))
			break;
		if (cp == '\r') {
			if (pos + 1 == len || text[pos + 1] != '\n')
				*line_breaks += 1;
		} else if (cp == '\n' || cp == '\v' || cp == '\f' ||
		           cp == 0x85 || cp == 0x2028) {
			*line_breaks += 1;
		} else if (cp == 0x2029) {
			*line_breaks += 2;
		}
		pos += n;
	}
	return pos;
}

/* A blank line ends the sentence and the paragraph. */
static void blank_line(struct splitter *sp)
{
	close_sentence(sp);
	if (sp->count > 0)
		sp->paragraph_pending = true;
}

/* Whether the text before the period is only a list number ("2. ..."). */
static bool list_number(const struct splitter *sp, size_t period)
{
	size_t pos;

	if (period == sp->start || period - sp->start > 3)
		return false;
	for (pos = sp->start; pos < period; pos++)
		if (sp->text[pos] < '0' || sp->text[pos] > '9')
			return false;
	return true;
}

/* Whether a digit precedes word_start, with at most a few spaces between. */
static bool after_number(const struct splitter *sp, size_t word_start)
{
	size_t pos = word_start;
	int steps;

	for (steps = 0; pos > sp->start && steps < LOOKAROUND_MAX; steps++) {
		int32_t cp;

		pos = decode_back(sp->text, sp->start, pos, &cp);
		if (!is_space(cp))
			return is_digit(cp);
	}
	return false;
}

/* Whether a digit comes right before pos. */
static bool digit_before(const struct splitter *sp, size_t pos)
{
	int32_t cp;

	if (pos == sp->start)
		return false;
	decode_back(sp->text, sp->start, pos, &cp);
	return is_digit(cp);
}

/* Whether text[from..to) is initials or an acronym: "В", "J.D", "U.S". */
static bool initials(const char *text, size_t from, size_t to)
{
	bool want_letter = true;
	size_t pos = from;

	while (pos < to) {
		int32_t cp;
		size_t n = decode(text, to, pos, &cp);

		if (want_letter ? !is_upper(cp) : cp != '.' && !is_mark(cp))
			return false;
		if (!is_mark(cp))
			want_letter = !want_letter;
		pos += n;
	}
	return !want_letter;
}

/* Classifies the word (letters and inner periods) before a lone period. */
static enum abbr_class period_class(const struct splitter *sp, size_t period)
{
	char word[ABBR_MAX_BYTES + 1];
	size_t word_start = period;
	enum abbr_class cls;
	int32_t cp;

	while (word_start > sp->start) {
		size_t prev = decode_back(sp->text, sp->start, word_start, &cp);

		if (cp != '.' && !is_letter(cp) && !is_mark(cp))
			break;
		if (period - prev > ABBR_MAX_BYTES)
			return ABBR_NONE;
		word_start = prev;
	}
	if (word_start == period)
		return list_number(sp, period) ? ABBR_PREFIX : ABBR_NONE;
	/* "5G." is no initial, but "2025г." is still a year. */
	if (!digit_before(sp, word_start) &&
	    initials(sp->text, word_start, period))
		return ABBR_PREFIX;
	memcpy(word, sp->text + word_start, period - word_start);
	word[period - word_start] = '\0';
	cls = lookup_abbr(sp->lists, word, period - word_start);
	if (cls == ABBR_YEAR)
		cls = after_number(sp, word_start) ? ABBR_TERMINAL
		                                   : ABBR_PREFIX;
	return cls;
}

/*
 * Whether text[pos] can begin a sentence: an upper-case letter, a digit,
 * an opening quote or bracket, or a dialogue dash. A dash followed by a
 * lower-case word is the speaker's attribution («Кто?» — спросил он).
 */
static bool starts_sentence(const char *text, size_t len, size_t pos)
{
	int32_t cp;
	size_t n = decode(text, len, pos, &cp);
	int steps;

	if (is_upper(cp) || is_digit(cp) || IN_SET(openers, cp))
		return true;
	if (!IN_SET(dashes, cp))
		return false;
	pos += n;
	for (steps = 0; pos < len && steps < LOOKAROUND_MAX; steps++) {
		n = decode(text, len, pos, &cp);
		if (!is_space(cp))
			return !is_lower(cp);
		pos += n;
	}
	return true;
}

/*
 * Handles final punctuation at pos: the run of . ! ? …, closing quotes and
 * brackets, then the whitespace after it, ending the sentence when the
 * context says so. Returns where scanning resumes.
 */
static size_t after_terminal(struct splitter *sp, size_t pos)
{
	size_t cluster_start = pos, periods = 0, ellipses = 0, others = 0;
	enum abbr_class cls = ABBR_NONE;
	size_t next;
	int line_breaks;
	int32_t cp;
	bool ends;

	while (pos < sp->len) {
		size_t n = decode(sp->text, sp->len, pos, &cp);

		if (!IN_SET(terminals, cp))
			break;
		if (cp == '.')
			periods++;
		else if (cp == 0x2026)
			ellipses++;
		else
			others++;
		pos += n;
	}
	while (pos < sp->len) {
		size_t n = decode(sp->text, sp->len, pos, &cp);

		if (!IN_SET(closers, cp))
			break;
		pos += n;
	}
	sp->last_end = pos;
	if (pos == sp->len)
		return pos;
	decode(sp->text, sp->len, pos, &cp);
	if (!is_space(cp))
		return pos; /* 3.5, 17.10.2025, reuters.com, U.S */
	next = skip_space(sp->text, sp->len, pos, &line_breaks);
	if (line_breaks >= 2) {
		blank_line(sp);
		return next;
	}
	if (next == sp->len)
		return next;
	if (periods == 1 && ellipses == 0 && others == 0)
		cls = period_class(sp, cluster_start);
	decode(sp->text, sp->len, next, &cp);
	if (cls == ABBR_PREFIX)
		ends = false;
	else if (cls == ABBR_TERMINAL)
		ends = is_upper(cp);
	else if (line_breaks > 0 && periods < 2 && ellipses == 0)
		ends = true; /* the line ended with final punctuation */
	else
		ends = starts_sentence(sp->text, sp->len, next);
	if (ends)
		close_sentence(sp);
	return next;
}

void polgraph_text_sentences(const char *text, size_t len, const char *lang,
                             struct polgraph_arena *arena,
                             struct polgraph_sentence **sentences,
                             size_t *count)
{
	struct splitter sp = {
		.text = text,
		.len = text ? len : 0,
		.lists = abbr_lists(lang),
		.arena = arena,
		.start = NO_SENTENCE,
	};
	size_t pos = 0;

	while (pos < sp.len) {
		unsigned char byte = (unsigned char)text[pos];
		int32_t cp;
		size_t n;
		int line_breaks;

		/* Letters, digits and most punctuation only extend the
		 * sentence: printable ASCII other than . ! ? and Cyrillic
		 * (U+0400..U+04FF: no space, no terminal) skip decoding. */
		if ((byte > ' ' && byte < 0x7F && byte != '.' && byte != '!' &&
		     byte != '?') ||
		    ((byte == 0xD0 || byte == 0xD1 || byte == 0xD2 ||
		      byte == 0xD3) &&
		     pos + 1 < sp.len &&
		     ((unsigned char)text[pos + 1] & 0xC0) == 0x80)) {
			open_sentence(&sp, pos);
			pos += byte < 0x80 ? 1 : 2;
			sp.last_end = pos;
			continue;
		}
		n = decode(text, sp.len, pos, &cp);
		if (is_space(cp)) {
			pos = skip_space(text, sp.len, pos, &line_breaks);
			if (line_breaks >= 2)
				blank_line(&sp);
			continue;
		}
		open_sentence(&sp, pos);
		if (IN_SET(terminals, cp)) {
			pos = after_terminal(&sp, pos);
			continue;
		}
		pos += n;
		sp.last_end = pos;
	}
	close_sentence(&sp);
	*sentences = sp.sentences;
	*count = sp.count;
}

/* ---- tokens ---- */

/* Adds the letter cp to the flags of the word being scanned. */
static void note_letter(struct polgraph_token *token, int32_t cp,
                        size_t *letters, size_t *upper)
{
	bool upper_case = is_upper(cp);

	if (*letters == 0 && upper_case)
		token->flags |= POLGRAPH_TOKEN_CAPITALIZED;
	(*letters)++;
	if (upper_case)
		(*upper)++;
	if (is_cyrillic(cp))
		token->flags |= POLGRAPH_TOKEN_CYRILLIC;
	else if (is_latin(cp))
		token->flags |= POLGRAPH_TOKEN_LATIN;
}

/*
 * The length of the letter at text[pos] if it is an ASCII letter or a
 * letter of the basic Cyrillic block (U+0400..U+045F), with *cp its code
 * point; else 0. Inline: it runs for nearly every byte of every word.
 */
static inline size_t text_letter(const char *text, size_t end, size_t pos,
                                 int32_t *cp)
{
	unsigned char lead = (unsigned char)text[pos], trail;

	if ((unsigned char)((lead | 0x20) - 'a') < 26) {
		*cp = lead;
		return 1;
	}
	if ((lead != 0xD0 && lead != 0xD1) || pos + 1 >= end)
		return 0;
	trail = (unsigned char)text[pos + 1];
	if ((trail & 0xC0) != 0x80 || (lead == 0xD1 && trail > 0x9F))
		return 0;
	*cp = ((lead & 0x1F) << 6) | (trail & 0x3F);
	return 2;
}

/* note_letter for a letter text_letter found. */
static inline void note_basic_letter(struct polgraph_token *token, int32_t cp,
                                     size_t *letters, size_t *upper)
{
	bool upper_case = cp < 0x80 ? cp <= 'Z' : cp < 0x0430;

	if (*letters == 0 && upper_case)
		token->flags |= POLGRAPH_TOKEN_CAPITALIZED;
	(*letters)++;
	if (upper_case)
		(*upper)++;
	token->flags |=
		cp < 0x80 ? POLGRAPH_TOKEN_LATIN : POLGRAPH_TOKEN_CYRILLIC;
}

/* ʼ (U+02BC) is a modifier letter to Unicode but an apostrophe here. */
static bool word_char(int32_t cp)
{
	return cp != 0x02BC && (is_letter(cp) || is_mark(cp));
}

/*
 * Scans a word or number starting at pos and fills token. Letters, marks
 * and digits glued together make one word (G7, Су35, 5G); digits alone
 * make a number, which may hold . , : between digits (3.5, 12:30,
 * 17.10.2025) but then takes no letters (3.5млн is 3.5 and млн). A hyphen
 * joins when a letter follows it or the word already has one (Нью-Йорк,
 * COVID-19, Су-35, 1990-х), so a digit range (2024-2025) stays three
 * tokens. An apostrophe joins letters only (Russia's, O’Neil, д’Эстен).
 */
static size_t scan_word(const char *text, size_t end, size_t pos,
                        struct polgraph_token *token)
{
	bool has_letter = false, has_separator = false, prev_letter = false;
	size_t letters = 0, upper = 0;

	token->start = pos;
	token->flags = 0;
	while (pos < end) {
		int32_t cp, next;
		size_t n;
		bool next_letter;

		/* ASCII letters and digits and the basic Cyrillic block are
		 * nearly every character of a word: no decoding, no table. */
		if ((n = text_letter(text, end, pos, &cp))) {
			if (has_separator)
				break;
			note_basic_letter(token, cp, &letters, &upper);
			has_letter = prev_letter = true;
			pos += n;
			continue;
		}
		if (text[pos] >= '0' && text[pos] <= '9') {
			prev_letter = false;
			pos++;
			continue;
		}
		/* Other ASCII ends the word unless it may join (below). */
		if ((unsigned char)text[pos] < 0x80 && text[pos] != ',' &&
		    text[pos] != '.' && text[pos] != ':' && text[pos] != '-' &&
		    text[pos] != '\'')
			break;
		n = decode(text, end, pos, &cp);
		if (word_char(cp)) {
			if (has_separator)
				break;
			if (is_letter(cp))
				note_letter(token, cp, &letters, &upper);
			has_letter = prev_letter = true;
			pos += n;
			continue;
		}
		if (is_digit(cp)) {
			prev_letter = false;
			pos += n;
			continue;
		}
		if (pos + n >= end)
			break;
		decode(text, end, pos + n, &next);
		next_letter = is_letter(next) && next != 0x02BC;
		if (IN_SET(number_separators, cp) && !has_letter &&
		    !prev_letter && is_digit(next)) {
			has_separator = true;
		} else if (IN_SET(hyphens, cp) && !has_separator &&
		           (next_letter || (has_letter && is_digit(next)))) {
			prev_letter = false;
		} else if (IN_SET(apostrophes, cp) && prev_letter &&
		           next_letter) {
			prev_letter = false;
		} else {
			break;
		}
		pos += n;
	}
	token->end = pos;
	token->kind = has_letter ? POLGRAPH_TOKEN_WORD : POLGRAPH_TOKEN_NUMBER;
	if (letters >= 2 && upper == letters)
		token->flags |= POLGRAPH_TOKEN_ALLCAPS;
	return pos;
}

void polgraph_text_tokens_append(const char *text, size_t start, size_t end,
                                 struct polgraph_arena *arena,
                                 struct polgraph_token **tokens, size_t *count,
                                 size_t *capacity)
{
	void *array = *tokens;
	size_t n_tokens = *count, pos = start;

	while (text && pos < end) {
		struct polgraph_token token = { .form = POLGRAPH_FORM_NONE };
		unsigned char lead = (unsigned char)text[pos];
		int32_t cp;
		size_t n;

		if (lead < 0x80 && is_space(lead)) {
			pos++;
			continue;
		}
		if (text_letter(text, end, pos, &cp) ||
		    (lead >= '0' && lead <= '9')) {
			pos = scan_word(text, end, pos, &token);
			goto add;
		}
		n = decode(text, end, pos, &cp);
		if (is_space(cp)) {
			pos += n;
			continue;
		}
		if (word_char(cp) || is_digit(cp)) {
			pos = scan_word(text, end, pos, &token);
		} else {
			token.start = pos;
			token.end = pos += n;
			token.kind = POLGRAPH_TOKEN_PUNCT;
		}
	add:
		if (n_tokens == *capacity)
			polgraph_arena_grow(arena, &array, capacity,
			                    n_tokens + 1, sizeof(token));
		((struct polgraph_token *)array)[n_tokens++] = token;
	}
	*tokens = array;
	*count = n_tokens;
}

void polgraph_text_tokens(const char *text, size_t start, size_t end,
                          struct polgraph_arena *arena,
                          struct polgraph_token **tokens, size_t *count)
{
	size_t capacity = 0;

	*tokens = NULL;
	*count = 0;
	polgraph_text_tokens_append(text, start, end, arena, tokens, count,
	                            &capacity);
}

/* ---- form table ---- */

#define FORM_BYTES_MAX 126 /* longer tokens get no id */
#define FORM_NONE_SLOT UINT32_MAX

/* Open addressing on the hash; the id's bytes are compared only when the
 * whole slot (hash, length, kind) agrees. */
struct form_slot {
	uint64_t hash;
	uint32_t id; /* FORM_NONE_SLOT: empty */
	uint16_t len;
	uint8_t kind;
};

struct polgraph_forms {
	struct form_slot *slots;
	size_t capacity;    /* power of two, 0 when empty */
	const char **bytes; /* by id: the form's bytes, in arena */
	size_t count, bytes_capacity;
	size_t max; /* forms numbered at most */
	struct polgraph_arena arena;
};

struct polgraph_forms *polgraph_forms_new(size_t max)
{
	struct polgraph_forms *forms = polgraph_xcalloc(1, sizeof(*forms));

	forms->max = max < FORM_NONE_SLOT ? max : FORM_NONE_SLOT - 1;
	return forms;
}

void polgraph_forms_free(struct polgraph_forms *forms)
{
	if (!forms)
		return;
	free(forms->slots);
	free(forms->bytes);
	polgraph_arena_release(&forms->arena);
	free(forms);
}

/* The splitmix64 finaliser: every input bit moves every output bit. */
static uint64_t splitmix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

/* Eight bytes at a time, the tail gathered byte by byte; the splitmix64
 * finaliser mixes every byte into the low bits that pick the slot. */
static uint64_t form_hash(const char *s, size_t len, unsigned kind)
{
	uint64_t hash = 0x9e3779b97f4a7c15u ^ (len << 8 | kind), word = 0;
	size_t at = 0;

	for (; at + 8 <= len; at += 8) {
		memcpy(&word, s + at, 8);
		hash = (hash ^ word) * 0xff51afd7ed558ccdu;
		hash ^= hash >> 32;
	}
	word = 0;
	for (size_t shift = 0; at < len; at++, shift += 8)
		word |= (uint64_t)(unsigned char)s[at] << shift;
	return splitmix(hash ^ word);
}

static void grow_forms(struct polgraph_forms *forms)
{
	size_t capacity = forms->capacity ? forms->capacity * 2 : 1024;
	struct form_slot *slots = polgraph_xcalloc(capacity, sizeof(*slots));

	for (size_t i = 0; i < capacity; i++)
		slots[i].id = FORM_NONE_SLOT;
	for (size_t i = 0; i < forms->capacity; i++) {
		size_t at;

		if (forms->slots[i].id == FORM_NONE_SLOT)
			continue;
		at = forms->slots[i].hash & (capacity - 1);
		while (slots[at].id != FORM_NONE_SLOT)
			at = (at + 1) & (capacity - 1);
		slots[at] = forms->slots[i];
	}
	free(forms->slots);
	forms->slots = slots;
	forms->capacity = capacity;
}

void polgraph_forms_assign(struct polgraph_forms *forms, const char *text,
                           struct polgraph_token *tokens, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		struct polgraph_token *token = &tokens[i];
		const char *bytes = text + token->start;
		size_t len = token->end - token->start, at;
		uint64_t hash;
		struct form_slot *slot;

		token->form = POLGRAPH_FORM_NONE;
		if (len > FORM_BYTES_MAX || memchr(bytes, '\0', len))
			continue;
		if ((forms->count + 1) * 2 > forms->capacity)
			grow_forms(forms);
		hash = form_hash(bytes, len, token->kind);
		for (at = hash & (forms->capacity - 1);
		     (slot = &forms->slots[at])->id != FORM_NONE_SLOT;
		     at = (at + 1) & (forms->capacity - 1)) {
			if (slot->hash == hash && slot->len == len &&
			    slot->kind == token->kind &&
			    memcmp(forms->bytes[slot->id], bytes, len) == 0) {
				token->form = slot->id;
				break;
			}
		}
		if (token->form != POLGRAPH_FORM_NONE ||
		    forms->count >= forms->max)
			continue;
		polgraph_xgrow((void **)&forms->bytes, &forms->bytes_capacity,
		               forms->count + 1, sizeof(*forms->bytes));
		forms->bytes[forms->count] =
			polgraph_arena_strndup(&forms->arena, bytes, len);
		slot->hash = hash;
		slot->len = (uint16_t)len;
		slot->kind = (uint8_t)token->kind;
		slot->id = (uint32_t)forms->count;
		token->form = forms->count++;
	}
}

/* ---- normalisation ---- */

#define FOLD_OPTIONS     (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)
#define STACK_CODEPOINTS 256

/* Code points in a stack buffer, moved to the heap when they outgrow it. */
struct codepoints {
	utf8proc_int32_t *data; /* stack or heap */
	size_t len;
	size_t capacity;
	utf8proc_int32_t stack[STACK_CODEPOINTS];
};

/* Applied after folding and composition, so an NFD е + ◌̈ is caught too.
 * Sorted by from. */
static const struct {
	int32_t from, to;
} fold_map[] = {
	{ 0x02BC, '\'' },   /* ʼ */
	{ 0x0451, 0x0435 }, /* ё → е (Ё has folded to ё) */
	{ 0x2010, '-' },    { 0x2011, '-' }, { 0x2012, '-' },  { 0x2013, '-' },
	{ 0x2014, '-' },    { 0x2015, '-' }, { 0x2018, '\'' }, { 0x2019, '\'' },
};

static void reserve_codepoints(struct codepoints *cps, size_t needed)
{
	if (needed <= cps->capacity)
		return;
	if (needed > SIZE_MAX / sizeof(*cps->data))
		needed = SIZE_MAX / sizeof(*cps->data); /* xmalloc aborts */
	if (cps->data == cps->stack)
		cps->data = polgraph_xmalloc(needed * sizeof(*cps->data));
	else
		cps->data = polgraph_xrealloc(cps->data,
		                              needed * sizeof(*cps->data));
	cps->capacity = needed;
}

static void release_codepoints(struct codepoints *cps)
{
	if (cps->data != cps->stack)
		free(cps->data);
	cps->data = cps->stack;
	cps->capacity = STACK_CODEPOINTS;
	cps->len = 0;
}

/* Copy of s with every invalid byte replaced by U+FFFD; caller frees. */
static char *sanitize(const char *s, size_t len, size_t *out_len)
{
	static const char replacement[] = "\xEF\xBF\xBD";
	char *clean;
	size_t pos = 0, out = 0;

	if (len > SIZE_MAX / 3)
		len = SIZE_MAX / 3;
	clean = polgraph_xmalloc(len * 3);
	while (pos < len) {
		int32_t cp;
		size_t n = decode(s, len, pos, &cp);

		if (cp == REPLACEMENT_CHAR && n == 1) {
			memcpy(clean + out, replacement, 3);
			out += 3;
		} else {
			memcpy(clean + out, s + pos, n);
			out += n;
		}
		pos += n;
	}
	*out_len = out;
	return clean;
}

static void map_folded(struct codepoints *cps)
{
	size_t i, j;

	for (i = 0; i < cps->len; i++) {
		if (cps->data[i] < fold_map[0].from)
			continue;
		for (j = 0; j < ARRAY_SIZE(fold_map); j++) {
			if (cps->data[i] == fold_map[j].from) {
				cps->data[i] = fold_map[j].to;
				break;
			}
		}
	}
}

/* Decodes s without folding: the fallback if utf8proc reports an error. */
static void decode_plain(const char *s, size_t len, struct codepoints *cps)
{
	size_t pos = 0;

	reserve_codepoints(cps, len);
	cps->len = 0;
	while (pos < len) {
		int32_t cp;

		pos += decode(s, len, pos, &cp);
		cps->data[cps->len++] = cp;
	}
}

/*
 * Folds s[0..len) into cps (initialised by the caller, released with
 * release_codepoints): invalid bytes → U+FFFD, case folding, NFC, then
 * fold_map.
 */
static void fold_text(const char *s, size_t len, struct codepoints *cps)
{
	const char *src = s;
	char *clean = NULL;
	size_t src_len = len;
	utf8proc_ssize_t got;

	cps->len = 0;
	if (len == 0)
		return;
	if (first_invalid(s, len, true) < len) {
		clean = sanitize(s, len, &src_len);
		src = clean;
	}
	if (src_len > (size_t)(PTRDIFF_MAX / 8))
		goto plain;
	reserve_codepoints(cps, src_len + 16);
	got = utf8proc_decompose_custom((const utf8proc_uint8_t *)src,
	                                (utf8proc_ssize_t)src_len, cps->data,
	                                (utf8proc_ssize_t)cps->capacity,
	                                FOLD_OPTIONS, NULL, NULL);
	if (got > (utf8proc_ssize_t)cps->capacity) {
		reserve_codepoints(cps, (size_t)got);
		got = utf8proc_decompose_custom((const utf8proc_uint8_t *)src,
		                                (utf8proc_ssize_t)src_len,
		                                cps->data,
		                                (utf8proc_ssize_t)cps->capacity,
		                                FOLD_OPTIONS, NULL, NULL);
	}
	if (got < 0 || got > (utf8proc_ssize_t)cps->capacity)
		goto plain;
	got = utf8proc_normalize_utf32(cps->data, got, FOLD_OPTIONS);
	if (got < 0)
		goto plain;
	cps->len = (size_t)got;
	goto out;
plain:
	decode_plain(src, src_len, cps);
out:
	map_folded(cps);
	free(clean);
}

static size_t utf8_length(int32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/*
 * The common case without utf8proc: text of ASCII and the basic Cyrillic
 * block (U+0400..U+045F) only. There NFC changes nothing and case folding
 * is a fixed offset (А..Я +0x20, Ѐ..Џ +0x50, A..Z +0x20), then ё → е; every
 * character keeps its byte length. Returns false, writing nothing, for
 * anything else (marks to compose, other scripts, invalid bytes).
 */
static bool is_simple(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] < 0x80)
			continue;
		if ((p[i] != 0xD0 && p[i] != 0xD1) || i + 1 == len ||
		    (p[i + 1] & 0xC0) != 0x80 ||
		    (p[i] == 0xD1 && p[i + 1] > 0x9F))
			return false;
		i++;
	}
	return true;
}

/* Folds len bytes of simple text (is_simple) into out, same length. */
static void fold_simple_bytes(const unsigned char *p, size_t len,
                              unsigned char *out)
{
	for (size_t i = 0; i < len; i++) {
		int32_t cp;

		if (p[i] < 0x80) {
			out[i] = p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i];
			continue;
		}
		cp = ((p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F);
		if (cp < 0x410)
			cp += 0x50;
		else if (cp < 0x430)
			cp += 0x20;
		if (cp == 0x0451)
			cp = 0x0435;
		out[i] = (unsigned char)(0xC0 | (cp >> 6));
		out[i + 1] = (unsigned char)(0x80 | (cp & 0x3F));
		i++;
	}
}

static bool fold_simple(const char *s, size_t len, struct polgraph_arena *arena,
                        char **out, size_t *out_len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char *folded;

	if (!is_simple(p, len))
		return false;
	folded = polgraph_arena_alloc(arena, len + 1);
	fold_simple_bytes(p, len, folded);
	folded[len] = '\0';
	*out = (char *)folded;
	*out_len = len;
	return true;
}

char *polgraph_text_normalize(const char *s, size_t len,
                              struct polgraph_arena *arena, size_t *out_len)
{
	struct codepoints cps = { .capacity = STACK_CODEPOINTS };
	size_t bytes = 0, pos = 0, i;
	char *out;

	if (s && fold_simple(s, len, arena, &out, &pos)) {
		if (out_len)
			*out_len = pos;
		return out;
	}
	cps.data = cps.stack;
	fold_text(s, s ? len : 0, &cps);
	for (i = 0; i < cps.len; i++)
		bytes += utf8_length(cps.data[i]);
	out = polgraph_arena_alloc(arena, bytes + 1);
	for (i = 0; i < cps.len; i++)
		pos += (size_t)utf8proc_encode_char(
			cps.data[i], (utf8proc_uint8_t *)out + pos);
	out[pos] = '\0';
	release_codepoints(&cps);
	if (out_len)
		*out_len = pos;
	return out;
}

char *polgraph_text_ascii_fold(const char *s, struct polgraph_arena *arena)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t got;
	char *out;

	got = utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
	                   UTF8PROC_NULLTERM | UTF8PROC_STABLE |
	                           UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
	if (got < 0)
		return polgraph_arena_strdup(arena, s);
	out = polgraph_arena_strndup(arena, (const char *)folded, (size_t)got);
	free(folded);
	return out;
}

/* ---- fingerprint ---- */

/*
 * A 128-bit fingerprint from two unrelated 64-bit hashes of the same bytes:
 * FNV-1a byte by byte, and a multiply-xorshift lane that takes 8 bytes at a
 * time (read little-endian, so every platform agrees), mixes each word with
 * the splitmix64 finaliser and folds it in with a rotate and an odd
 * multiply; the length goes into the final mix. Not cryptographic: it
 * finds accidental duplicates, not adversarial ones.
 */
#define FNV_OFFSET     0xcbf29ce484222325ull
#define FNV_PRIME      0x100000001b3ull
#define MIX_SEED       0x9e3779b97f4a7c15ull
#define MIX_MULTIPLIER 0xff51afd7ed558ccdull

struct hasher {
	uint64_t fnv;          /* FNV-1a lane */
	uint64_t mix;          /* multiply-xorshift lane */
	uint64_t total;        /* bytes hashed */
	unsigned char word[8]; /* pending bytes of the mix lane */
	size_t word_len;
};

static uint64_t load_le64(const unsigned char *p)
{
	uint64_t word = 0;
	int i;

	for (i = 7; i >= 0; i--)
		word = word << 8 | p[i];
	return word;
}

static void mix_word(struct hasher *h, uint64_t word)
{
	h->mix ^= splitmix(word);
	h->mix = (h->mix << 31 | h->mix >> 33) * MIX_MULTIPLIER;
}

static void hash_bytes(struct hasher *h, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h->fnv = (h->fnv ^ p[i]) * FNV_PRIME;
		h->word[h->word_len++] = p[i];
		if (h->word_len == 8) {
			mix_word(h, load_le64(h->word));
			h->word_len = 0;
		}
	}
	h->total += n;
}

static void hash_hex(struct hasher *h, char out[33])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t halves[2];
	int i, j;

	memset(h->word + h->word_len, 0, 8 - h->word_len);
	mix_word(h, load_le64(h->word) ^ (uint64_t)h->word_len << 59);
	halves[0] = h->fnv;
	halves[1] = splitmix(h->mix ^ h->total);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 16; j++)
			out[i * 16 + j] = hex[halves[i] >> (60 - 4 * j) & 0xf];
	out[32] = '\0';
}

/* Hashes folded code points, whitespace runs as one space, none at the
   ends (*pending and *started carry that state from word to word). */
static void hash_folded(struct hasher *h, const struct codepoints *cps,
                        bool *pending_space, bool *started)
{
	for (size_t i = 0; i < cps->len; i++) {
		unsigned char bytes[4];
		utf8proc_ssize_t n;

		if (is_space(cps->data[i])) {
			*pending_space = *started;
			continue;
		}
		if (*pending_space)
			hash_bytes(h, (const unsigned char *)" ", 1);
		*pending_space = false;
		*started = true;
		n = utf8proc_encode_char(cps->data[i], bytes);
		hash_bytes(h, bytes, (size_t)n);
	}
}

static bool is_ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * The fingerprint of the folded text, word by word: folding (NFC, case
 * folding) never joins characters across ASCII whitespace, so folding
 * each run between ASCII whitespace gives the code points of folding the
 * whole text. Runs of ASCII and basic Cyrillic only (most words of our
 * news) are folded by fold_simple without utf8proc; any other run goes
 * through fold_text.
 */
void polgraph_text_fingerprint(const char *text, size_t len, char out[33])
{
	struct codepoints cps = { .capacity = STACK_CODEPOINTS };
	struct hasher h = { .fnv = FNV_OFFSET, .mix = MIX_SEED };
	bool pending_space = false, started = false;
	const unsigned char *p = (const unsigned char *)text;
	size_t pos = 0;

	cps.data = cps.stack;
	if (!text)
		len = 0;
	while (pos < len) {
		size_t end = pos;

		if (is_ascii_space(p[pos])) {
			pending_space = started;
			pos++;
			continue;
		}
		while (end < len && !is_ascii_space(p[end]))
			end++;
		if (is_simple(p + pos, end - pos)) {
			unsigned char folded[256];

			if (pending_space)
				hash_bytes(&h, (const unsigned char *)" ", 1);
			pending_space = false;
			started = true;
			/* In chunks that never split a two-byte letter. */
			while (pos < end) {
				size_t n = end - pos < sizeof(folded)
				                   ? end - pos
				                   : sizeof(folded) - 1;

				if (n < end - pos &&
				    (p[pos + n] & 0xC0) == 0x80)
					n--;
				fold_simple_bytes(p + pos, n, folded);
				hash_bytes(&h, folded, n);
				pos += n;
			}
		} else {
			fold_text(text + pos, end - pos, &cps);
			hash_folded(&h, &cps, &pending_space, &started);
			pos = end;
		}
	}
	release_codepoints(&cps);
	hash_hex(&h, out);
}

/* ---- stemming ---- */

/* Bounds of the memo of stems: a news corpus has a few hundred thousand
 * word forms, and the memo starts afresh when it would outgrow these. */
#define STEM_MEMO_ENTRIES 200000
#define STEM_MEMO_BYTES   (16u << 20)

struct stem_entry {
	const char *stem; /* in memo_arena */
	size_t len;
};

struct polgraph_stemmer {
	struct sb_stemmer *snowball; /* owned */
	struct polgraph_strmap memo; /* word -> index into stems */
	struct stem_entry *stems;    /* memo values */
	size_t stem_count, stem_capacity;
	struct polgraph_arena memo_arena; /* memo keys and stems */
	size_t memo_bytes;                /* allocated in memo_arena */
};

/* Our language codes and the Snowball algorithm for each. */
static const struct {
	const char *lang;
	const char *algorithm;
} stemmer_langs[] = {
	{ "en", "english" },
	{ "ru", "russian" },
	{ "uk", "russian" }, /* no Ukrainian stemmer; close enough */
};

struct polgraph_stemmer *polgraph_stemmer_new(const char *lang)
{
	struct polgraph_stemmer *stemmer;
	struct sb_stemmer *snowball = NULL;
	size_t i;

	for (i = 0; lang && i < ARRAY_SIZE(stemmer_langs); i++) {
		if (strcmp(lang, stemmer_langs[i].lang) == 0) {
			snowball = sb_stemmer_new(stemmer_langs[i].algorithm,
			                          "UTF_8");
			break;
		}
	}
	if (!snowball)
		return NULL;
	stemmer = polgraph_xcalloc(1, sizeof(*stemmer));
	stemmer->snowball = snowball;
	return stemmer;
}

static void forget_stems(struct polgraph_stemmer *stemmer)
{
	polgraph_strmap_release(&stemmer->memo);
	polgraph_arena_release(&stemmer->memo_arena);
	stemmer->stem_count = 0;
	stemmer->memo_bytes = 0;
}

void polgraph_stemmer_free(struct polgraph_stemmer *stemmer)
{
	if (!stemmer)
		return;
	sb_stemmer_delete(stemmer->snowball);
	forget_stems(stemmer);
	free(stemmer->stems);
	free(stemmer);
}

/* Remembers word[0..len) -> stem[0..stem_len). */
static void memo_stem(struct polgraph_stemmer *stemmer, const char *word,
                      size_t len, const char *stem, size_t stem_len)
{
	struct stem_entry *entry;

	if (stemmer->stem_count == STEM_MEMO_ENTRIES ||
	    stemmer->memo_bytes + len + stem_len > STEM_MEMO_BYTES)
		forget_stems(stemmer);
	polgraph_xgrow((void **)&stemmer->stems, &stemmer->stem_capacity,
	               stemmer->stem_count + 1, sizeof(*stemmer->stems));
	entry = &stemmer->stems[stemmer->stem_count];
	entry->stem =
		polgraph_arena_strndup(&stemmer->memo_arena, stem, stem_len);
	entry->len = stem_len;
	polgraph_strmap_put(
		&stemmer->memo,
		polgraph_arena_strndup(&stemmer->memo_arena, word, len),
		stemmer->stem_count++);
	stemmer->memo_bytes += len + stem_len + 2;
}

char *polgraph_stemmer_stem(struct polgraph_stemmer *stemmer, const char *word,
                            size_t len, struct polgraph_arena *arena)
{
	const sb_symbol *stem;
	size_t index, stem_len;

	if (!word)
		return polgraph_arena_strdup(arena, "");
	if (!stemmer || len == 0 || len > INT_MAX ||
	    !polgraph_text_utf8_valid(word, len, NULL))
		return polgraph_arena_strndup(arena, word, len);
	if (polgraph_strmap_get(&stemmer->memo, word, len, &index))
		return polgraph_arena_strndup(arena, stemmer->stems[index].stem,
		                              stemmer->stems[index].len);
	stem = sb_stemmer_stem(stemmer->snowball, (const sb_symbol *)word,
	                       (int)len);
	if (!stem)
		return polgraph_arena_strndup(arena, word, len);
	stem_len = (size_t)sb_stemmer_length(stemmer->snowball);
	memo_stem(stemmer, word, len, (const char *)stem, stem_len);
	return polgraph_arena_strndup(arena, (const char *)stem, stem_len);
}

/* ---- sanitising untrusted text for writers ---- */

enum polgraph_status polgraph_text_sanitize(const char *s, size_t len,
                                            struct polgraph_buf *out)
{
	enum polgraph_status status = POLGRAPH_OK;
	size_t pos = 0, run = 0; /* bytes of s[run..pos) pass unchanged */

	while (pos < len && status == POLGRAPH_OK) {
		int32_t cp;
		size_t n = decode(s, len, pos, &cp);
		const char *replacement = NULL;

		if (cp == REPLACEMENT_CHAR && n == 1)
			replacement = "\xEF\xBF\xBD"; /* invalid byte */
		else if (cp == 0xFFFE || cp == 0xFFFF)
			replacement = "\xEF\xBF\xBD";
		else if (cp == 0x2028 || cp == 0x2029)
			replacement = "\n";
		else if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0))
			replacement = " ";
		if (replacement) {
			status = polgraph_buf_append(out, s + run, pos - run);
			if (status == POLGRAPH_OK)
				status = polgraph_buf_puts(out, replacement);
			run = pos + n;
		}
		pos += n;
	}
	if (status == POLGRAPH_OK)
		status = polgraph_buf_append(out, s + run, pos - run);
	return status;
}
