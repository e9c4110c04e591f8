/*
 * json.c - JSON in and out (json.h); the only user of cJSON.
 *
 * Reading: JSON Lines article records -> struct polgraph_article.
 * Writing: struct polgraph_result -> one line of the extract format
 * (docs/extract-format.md), written directly with cJSON's escapes and
 * number formats, with a fixed key order so the output is byte-stable.
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "polgraph/json.h"
#include "polgraph/text.h"

/* ---- checks before cJSON sees the text ---- */

static unsigned json_max_depth = POLGRAPH_JSON_DEPTH_DEFAULT;

void polgraph_json_set_max_depth(unsigned max_depth)
{
	json_max_depth = max_depth ? max_depth : POLGRAPH_JSON_DEPTH_DEFAULT;
}

unsigned polgraph_json_max_depth(void)
{
	return json_max_depth;
}

/* Value of the 4 hex digits at s, or -1. */
static long hex4(const char *s, size_t avail)
{
	long value = 0;

	if (avail < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int digit = c >= '0' && c <= '9'   ? c - '0'
		            : c >= 'a' && c <= 'f' ? c - 'a' + 10
		            : c >= 'A' && c <= 'F' ? c - 'A' + 10
		                                   : -1;

		if (digit < 0)
			return -1;
		value = value * 16 + digit;
	}
	return value;
}

/*
 * A \u escape, *at on its 'u': refuses \u0000 and a UTF-16 surrogate
 * without its pair (cJSON's own message would only say "malformed"), and
 * steps *at over a valid pair. Bad hex is left to cJSON.
 */
static enum polgraph_status check_escape(const char *text, size_t len,
                                         size_t *at, struct polgraph_error *err)
{
	size_t u = *at;
	long unit = hex4(text + u + 1, len - u - 1), low;

	if (unit == 0)
		return polgraph_error_set(
			err, POLGRAPH_JSON,
			"\\u0000 (NUL) in a string at byte %zu", u);
	if (unit >= 0xDC00 && unit <= 0xDFFF)
		goto lone;
	if (unit < 0xD800 || unit > 0xDBFF)
		return POLGRAPH_OK;
	low = len - u > 10 && text[u + 5] == '\\' && text[u + 6] == 'u'
	              ? hex4(text + u + 7, len - u - 7)
	              : -1;
	if (low < 0xDC00 || low > 0xDFFF)
		goto lone;
	*at = u + 10; /* the low half's last digit */
	return POLGRAPH_OK;
lone:
	return polgraph_error_set(err, POLGRAPH_JSON,
	                          "lone UTF-16 surrogate \\u%.4s at byte %zu",
	                          text + u + 1, u);
}

/*
 * One pass over text before cJSON parses it: cJSON cuts a string at an
 * escaped NUL (\u0000) without a word, and its memory grows with nesting
 * and with the number of values, so those are refused here, by position.
 * Escapes are only followed inside strings; the syntax is cJSON's job.
 */
/*
 * Word-at-a-time tests on 8 bytes (any alignment, read with memcpy):
 * whether one of them is below n (n <= 0x80), or equal to c. Exact, not
 * approximate: the loops below skip 8 plain bytes with one test.
 */
#define BYTES_ONES  0x0101010101010101u
#define BYTES_HIGHS 0x8080808080808080u

static inline uint64_t load8(const char *s)
{
	uint64_t word;

	memcpy(&word, s, 8);
	return word;
}

static inline uint64_t bytes_below(uint64_t word, unsigned n)
{
	return (word - BYTES_ONES * n) & ~word & BYTES_HIGHS;
}

static inline uint64_t bytes_equal(uint64_t word, unsigned char c)
{
	return bytes_below(word ^ (BYTES_ONES * c), 1);
}

enum polgraph_status polgraph_json_check(const char *text, size_t len,
                                         unsigned max_depth,
                                         struct polgraph_error *err)
{
	size_t depth = 0, values = 0;
	bool in_string = false;

	for (size_t at = 0; at < len; at++) {
		char c;

		/* Inside a string, skip 8 bytes with no NUL, quote or \\. */
		while (in_string && at + 8 <= len) {
			uint64_t word = load8(text + at);

			if (bytes_below(word, 1) | bytes_equal(word, '"') |
			    bytes_equal(word, '\\'))
				break;
			at += 8;
		}
		if (at >= len)
			break;
		c = text[at];
		if (c == '\0')
			return polgraph_error_set(err, POLGRAPH_JSON,
			                          "NUL byte at byte %zu",
			                          at + 1);
		if (in_string) {
			if (c == '"') {
				in_string = false;
			} else if (c == '\\' && at + 1 < len) {
				at++;
				if (text[at] == 'u') {
					enum polgraph_status status =
						check_escape(text, len, &at,
					                     err);

					if (status != POLGRAPH_OK)
						return status;
				}
			}
			continue;
		}
		switch (c) {
		case '"':
			in_string = true;
			break;
		case '[':
		case '{':
			if (++depth > max_depth)
				return polgraph_error_set(
					err, POLGRAPH_TOOBIG,
					"JSON nested deeper than %u levels at "
					"byte %zu",
					max_depth, at + 1);
			break;
		case ']':
		case '}':
			if (depth)
				depth--;
			break;
		case ',':
			if (++values >= POLGRAPH_JSON_VALUES_MAX)
				return polgraph_error_set(
					err, POLGRAPH_TOOBIG,
					"more than %u JSON values at byte %zu",
					POLGRAPH_JSON_VALUES_MAX, at + 1);
			break;
		default:
			break;
		}
	}
	return POLGRAPH_OK;
}

/* Optional string member: absent or null -> NULL; numbers only for ids. */
static enum polgraph_status member_string(const cJSON *object, const char *name,
                                          bool allow_number,
                                          struct polgraph_arena *arena,
                                          const char **out,
                                          struct polgraph_error *err)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);

	*out = NULL;
	if (!item || cJSON_IsNull(item))
		return POLGRAPH_OK;
	if (cJSON_IsString(item)) {
		*out = polgraph_arena_strdup(arena, item->valuestring);
		return POLGRAPH_OK;
	}
	if (allow_number && cJSON_IsNumber(item)) {
		double value = item->valuedouble;

		if (value == floor(value) && fabs(value) < 9.007199254740992e15)
			*out = polgraph_arena_printf(arena, "%.0f", value);
		else
			*out = polgraph_arena_printf(arena, "%.17g", value);
		return POLGRAPH_OK;
	}
	return polgraph_error_set(err, POLGRAPH_INVALID,
	                          "field '%s' must be a string", name);
}

/* cJSON keeps every duplicate key and lookups take the first: a record
 * that says two things about one field it has is refused rather than
 * guessed. Linear: only the fields read are looked for. */
static const char *duplicate_field(const cJSON *object)
{
	static const char *const names[] = { "id",     "date", "lang", "title",
		                             "source", "url",  "text" };
	unsigned seen = 0;

	for (const cJSON *item = object->child; item; item = item->next) {
		for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]);
		     i++) {
			if (!item->string || strcmp(item->string, names[i]))
				continue;
			if (seen & (1u << i))
				return names[i];
			seen |= 1u << i;
		}
	}
	return NULL;
}

/*
 * One line of JSON Lines that must hold one object: checked first (UTF-8,
 * NUL escapes, nesting; polgraph_json_check), parsed, and nothing but
 * white space after it. On success *root is the object (cJSON_Delete it).
 */
static enum polgraph_status parse_object_line(const char *line, size_t len,
                                              cJSON **root,
                                              struct polgraph_error *err)
{
	enum polgraph_status status;
	const char *parse_end = NULL;

	*root = NULL;
	status = polgraph_json_check(line, len, json_max_depth, err);
	if (status == POLGRAPH_TOOBIG && err &&
	    strncmp(err->message, "JSON nested", 11) == 0) {
		char detail[sizeof(err->message)];

		snprintf(detail, sizeof(detail), "%s", err->message);
		return polgraph_error_set(
			err, status, "%s (limit: --max-json-depth)", detail);
	}
	if (status != POLGRAPH_OK)
		return status;
	*root = cJSON_ParseWithLengthOpts(line, len, &parse_end, false);
	if (!*root) {
		size_t at = parse_end && parse_end >= line
		                    ? (size_t)(parse_end - line)
		                    : 0;
		return polgraph_error_set(err, POLGRAPH_JSON,
		                          "malformed JSON near byte %zu",
		                          at + 1);
	}
	if (!cJSON_IsObject(*root)) {
		status = polgraph_error_set(err, POLGRAPH_JSON,
		                            "expected a JSON object");
		goto fail;
	}
	for (const char *rest = parse_end; rest < line + len; rest++) {
		if (*rest == '\0' || !strchr(" \t\r\n", *rest)) {
			status = polgraph_error_set(err, POLGRAPH_JSON,
			                            "unexpected text after the "
			                            "JSON object at byte %zu",
			                            (size_t)(rest - line) + 1);
			goto fail;
		}
	}
	return POLGRAPH_OK;
fail:
	cJSON_Delete(*root);
	*root = NULL;
	return status;
}

enum polgraph_status polgraph_json_parse_article(
	const char *line, size_t len, struct polgraph_arena *arena,
	struct polgraph_article *article, struct polgraph_error *err)
{
	static const struct {
		const char *name;
		size_t offset;
		bool allow_number;
	} fields[] = {
		{ "id", offsetof(struct polgraph_article, id), true },
		{ "date", offsetof(struct polgraph_article, date), false },
		{ "lang", offsetof(struct polgraph_article, lang), false },
		{ "title", offsetof(struct polgraph_article, title), false },
		{ "source", offsetof(struct polgraph_article, source), false },
		{ "url", offsetof(struct polgraph_article, url), false },
	};
	enum polgraph_status status = POLGRAPH_OK;
	const cJSON *text;
	const char *duplicate;
	cJSON *root;

	memset(article, 0, sizeof(*article));
	status = parse_object_line(line, len, &root, err);
	if (status != POLGRAPH_OK)
		return status;
	duplicate = duplicate_field(root);
	if (duplicate) {
		status = polgraph_error_set(err, POLGRAPH_INVALID,
		                            "duplicate field '%s'", duplicate);
		goto out;
	}
	text = cJSON_GetObjectItemCaseSensitive(root, "text");
	if (!text || cJSON_IsNull(text)) {
		status = polgraph_error_set(err, POLGRAPH_INVALID,
		                            "missing required field 'text'");
		goto out;
	}
	if (!cJSON_IsString(text)) {
		status = polgraph_error_set(err, POLGRAPH_INVALID,
		                            "field 'text' must be a string");
		goto out;
	}
	article->text = polgraph_arena_strdup(arena, text->valuestring);
	article->text_len = strlen(article->text);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char **slot =
			(const char **)((char *)article + fields[i].offset);

		status =
			member_string(root, fields[i].name,
		                      fields[i].allow_number, arena, slot, err);
		if (status != POLGRAPH_OK)
			goto out;
	}
out:
	cJSON_Delete(root);
	return status;
}

/* ---- writing ---- */

/*
 * The extract line is written straight into the caller's buffer: building
 * a cJSON tree for it cost as much as recognising the actors. The bytes
 * are cJSON's (cJSON_PrintUnformatted): the same escapes and the same
 * number formats, so the format stays byte-stable.
 */
struct writer {
	struct polgraph_buf *out;
	enum polgraph_status status; /* first failure; then writes are lost */
	size_t used;                 /* bytes in chunk */
	char chunk[8192];            /* goes to out when full and at the end */
};

/* Not an initialiser: zeroing the chunk cost more than most writes. */
static void writer_init(struct writer *w, struct polgraph_buf *out)
{
	w->out = out;
	w->status = POLGRAPH_OK;
	w->used = 0;
}

static void flush(struct writer *w)
{
	if (w->status == POLGRAPH_OK && w->used)
		w->status = polgraph_buf_append(w->out, w->chunk, w->used);
	w->used = 0;
}

static inline void put(struct writer *w, const char *s, size_t len)
{
	if (w->used + len > sizeof(w->chunk)) {
		flush(w);
		if (len > sizeof(w->chunk)) {
			if (w->status == POLGRAPH_OK)
				w->status = polgraph_buf_append(w->out, s, len);
			return;
		}
	}
	memcpy(w->chunk + w->used, s, len);
	w->used += len;
}

#define PUT_LITERAL(w, literal) put((w), (literal), sizeof(literal) - 1)

/* s[0..len) as a JSON string, escaped as cJSON does: " \ and control
 * characters; other bytes (UTF-8 included) pass unchanged. */
static void put_string_n(struct writer *w, const char *s, size_t len)
{
	size_t run = 0;

	PUT_LITERAL(w, "\"");
	for (size_t i = 0; i < len; i++) {
		unsigned char c;
		char escape[8];

		/* 8 bytes at a time while none needs an escape */
		while (i + 8 <= len) {
			uint64_t word = load8(s + i);

			if (bytes_below(word, 32) | bytes_equal(word, '"') |
			    bytes_equal(word, '\\'))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		if (c > 31 && c != '"' && c != '\\')
			continue;
		put(w, s + run, i - run);
		run = i + 1;
		escape[0] = '\\';
		escape[2] = '\0';
		switch (c) {
		case '"':
			escape[1] = '"';
			break;
		case '\\':
			escape[1] = '\\';
			break;
		case '\b':
			escape[1] = 'b';
			break;
		case '\f':
			escape[1] = 'f';
			break;
		case '\n':
			escape[1] = 'n';
			break;
		case '\r':
			escape[1] = 'r';
			break;
		case '\t':
			escape[1] = 't';
			break;
		default:
			snprintf(escape + 1, sizeof(escape) - 1, "u%04x", c);
		}
		put(w, escape, strlen(escape));
	}
	put(w, s + run, len - run);
	PUT_LITERAL(w, "\"");
}

static void put_string(struct writer *w, const char *s)
{
	if (s)
		put_string_n(w, s, strlen(s));
	else
		PUT_LITERAL(w, "null");
}

/*
 * The texts of the last few non-integers put_double formatted, per thread
 * (writers run on worker threads): confidences repeat, one per rule, and
 * formatting one costs an snprintf, an strtod and often a second snprintf.
 * 0.0 and -0.0 compare equal but never get here: both print as the int 0.
 */
#define KNOWN_DOUBLES 8

static _Thread_local struct {
	double value;
	char text[32];
} known_doubles[KNOWN_DOUBLES];
static _Thread_local size_t known_double_count, known_double_next;

static const char *known_double(double d)
{
	for (size_t i = 0; i < known_double_count; i++)
		if (known_doubles[i].value == d)
			return known_doubles[i].text;
	return NULL;
}

static void remember_double(double d, const char *text)
{
	known_doubles[known_double_next].value = d;
	snprintf(known_doubles[known_double_next].text,
	         sizeof(known_doubles[0].text), "%s", text);
	known_double_next = (known_double_next + 1) % KNOWN_DOUBLES;
	if (known_double_count < KNOWN_DOUBLES)
		known_double_count++;
}

/* A number as cJSON prints it: integers in int range as %d, others with
 * 15 significant digits unless that loses the value, then 17. */
static void put_double(struct writer *w, double d)
{
	char text[32];
	const char *known;
	int valueint = d >= INT_MAX ? INT_MAX : d <= INT_MIN ? INT_MIN : (int)d;
	double test = 0, max;

	if (isnan(d) || isinf(d)) {
		PUT_LITERAL(w, "null");
		return;
	}
	if (d == (double)valueint) {
		snprintf(text, sizeof(text), "%d", valueint);
	} else if ((known = known_double(d))) {
		put(w, known, strlen(known));
		return;
	} else {
		snprintf(text, sizeof(text), "%1.15g", d);
		test = strtod(text, NULL);
		max = fabs(test) > fabs(d) ? fabs(test) : fabs(d);
		if (!(fabs(test - d) <= max * DBL_EPSILON))
			snprintf(text, sizeof(text), "%1.17g", d);
		remember_double(d, text);
	}
	put(w, text, strlen(text));
}

/* Sizes (offsets, counts) without printf while they fit an int. */
static void put_size(struct writer *w, size_t value)
{
	char digits[24];
	size_t at = sizeof(digits);

	if (value > INT_MAX) {
		put_double(w, (double)value);
		return;
	}
	do {
		digits[--at] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	put(w, digits + at, sizeof(digits) - at);
}

static void put_sentences(struct writer *w,
                          const struct polgraph_result *result)
{
	PUT_LITERAL(w, "[");
	for (size_t i = 0; i < result->sentence_count; i++) {
		const struct polgraph_sentence *sentence =
			&result->sentences[i];

		put(w, i ? ",{\"start\":" : "{\"start\":", i ? 10 : 9);
		put_size(w, sentence->start);
		PUT_LITERAL(w, ",\"end\":");
		put_size(w, sentence->end);
		PUT_LITERAL(w, ",\"paragraph\":");
		put_size(w, sentence->paragraph);
		PUT_LITERAL(w, "}");
	}
	PUT_LITERAL(w, "]");
}

static void put_actor(struct writer *w, const struct polgraph_actor *actor)
{
	PUT_LITERAL(w, "{\"key\":");
	put_string(w, actor->key);
	PUT_LITERAL(w, ",\"name\":");
	put_string(w, actor->name);
	PUT_LITERAL(w, ",\"type\":");
	put_string(w, polgraph_actor_type_name(actor->type));
	PUT_LITERAL(w, ",\"aliases\":");
	PUT_LITERAL(w, "[");
	for (size_t i = 0; i < actor->alias_count; i++) {
		if (i)
			PUT_LITERAL(w, ",");
		put_string(w, actor->aliases[i]);
	}
	PUT_LITERAL(w, "]");
	PUT_LITERAL(w, ",\"mentions\":");
	PUT_LITERAL(w, "[");
	for (size_t i = 0; i < actor->mention_count; i++) {
		const struct polgraph_mention *mention = &actor->mentions[i];

		if (i)
			PUT_LITERAL(w, ",");
		PUT_LITERAL(w, "{\"start\":");
		put_size(w, mention->start);
		PUT_LITERAL(w, ",\"end\":");
		put_size(w, mention->end);
		PUT_LITERAL(w, ",\"text\":");
		put_string(w, mention->text);
		PUT_LITERAL(w, ",\"sentence\":");
		put_size(w, mention->sentence);
		PUT_LITERAL(w, ",\"kind\":");
		put_string(w, polgraph_mention_kind_name(mention->kind));
		PUT_LITERAL(w, "}");
	}
	PUT_LITERAL(w, "]}");
}

/* The sentence text, up to a NUL as a C string copy of it would stop. */
static void put_evidence(struct writer *w, const struct polgraph_result *result,
                         size_t sentence_index)
{
	const struct polgraph_sentence *sentence;
	const char *text, *nul;
	size_t len;

	if (sentence_index >= result->sentence_count) {
		PUT_LITERAL(w, "null");
		return;
	}
	sentence = &result->sentences[sentence_index];
	text = result->article.text + sentence->start;
	len = sentence->end - sentence->start;
	nul = memchr(text, '\0', len);
	put_string_n(w, text, nul ? (size_t)(nul - text) : len);
}

/* attrs is JSON text from the rules; reprinted through cJSON so its form
 * is cJSON's, and {} when it is missing or not an object. */
static void put_attrs(struct writer *w, const char *attrs)
{
	cJSON *parsed = attrs ? cJSON_Parse(attrs) : NULL;
	char *text =
		cJSON_IsObject(parsed) ? cJSON_PrintUnformatted(parsed) : NULL;

	if (cJSON_IsObject(parsed) && !text) {
		fputs("polgraph: fatal: out of memory building JSON\n", stderr);
		abort();
	}
	if (text)
		put(w, text, strlen(text));
	else
		PUT_LITERAL(w, "{}");
	cJSON_free(text);
	cJSON_Delete(parsed);
}

static void put_relation(struct writer *w, const struct polgraph_result *result,
                         const struct polgraph_relation *relation)
{
	PUT_LITERAL(w, "{\"type\":");
	put_string(w, relation->type);
	PUT_LITERAL(w, ",\"source\":");
	put_string(w, relation->source);
	PUT_LITERAL(w, ",\"target\":");
	put_string(w, relation->target);
	PUT_LITERAL(w, ",\"sentence\":");
	put_size(w, relation->sentence);
	PUT_LITERAL(w, ",\"start\":");
	put_size(w, relation->start);
	PUT_LITERAL(w, ",\"end\":");
	put_size(w, relation->end);
	PUT_LITERAL(w, ",\"evidence\":");
	put_evidence(w, result, relation->sentence);
	PUT_LITERAL(w, ",\"negated\":");
	if (relation->negated)
		PUT_LITERAL(w, "true");
	else
		PUT_LITERAL(w, "false");
	PUT_LITERAL(w, ",\"rule\":");
	put_string(w, relation->rule);
	PUT_LITERAL(w, ",\"confidence\":");
	put_double(w, relation->confidence);
	PUT_LITERAL(w, ",\"attrs\":");
	put_attrs(w, relation->attrs);
	PUT_LITERAL(w, "}");
}

static void put_comention(struct writer *w,
                          const struct polgraph_comention *pair)
{
	PUT_LITERAL(w, "{\"a\":");
	put_string(w, pair->a);
	PUT_LITERAL(w, ",\"b\":");
	put_string(w, pair->b);
	PUT_LITERAL(w, ",\"sentences\":");
	PUT_LITERAL(w, "[");
	for (size_t i = 0; i < pair->sentence_count; i++) {
		if (i)
			PUT_LITERAL(w, ",");
		put_size(w, pair->sentences[i]);
	}
	PUT_LITERAL(w, "]}");
}

static void put_result(struct writer *w, const struct polgraph_result *result)
{
	const struct polgraph_article *article = &result->article;

	PUT_LITERAL(w, "{\"id\":");
	put_string(w, article->id);
	PUT_LITERAL(w, ",\"date\":");
	put_string(w, article->date);
	PUT_LITERAL(w, ",\"lang\":");
	put_string(w, article->lang);
	PUT_LITERAL(w, ",\"title\":");
	put_string(w, article->title);
	PUT_LITERAL(w, ",\"source\":");
	put_string(w, article->source);
	PUT_LITERAL(w, ",\"url\":");
	put_string(w, article->url);
	PUT_LITERAL(w, ",\"bytes\":");
	put_size(w, article->text_len);
	PUT_LITERAL(w, ",\"sentences\":");
	put_sentences(w, result);
	PUT_LITERAL(w, ",\"actors\":");
	PUT_LITERAL(w, "[");
	for (size_t i = 0; i < result->actor_count; i++) {
		if (i)
			PUT_LITERAL(w, ",");
		put_actor(w, &result->actors[i]);
	}
	PUT_LITERAL(w, "],\"relations\":");
	PUT_LITERAL(w, "[");
	for (size_t i = 0; i < result->relation_count; i++) {
		if (i)
			PUT_LITERAL(w, ",");
		put_relation(w, result, &result->relations[i]);
	}
	PUT_LITERAL(w, "],\"comentions\":");
	PUT_LITERAL(w, "[");
	for (size_t i = 0; i < result->comention_count; i++) {
		if (i)
			PUT_LITERAL(w, ",");
		put_comention(w, &result->comentions[i]);
	}
	PUT_LITERAL(w, "]}");
}

enum polgraph_status
polgraph_json_write_result(const struct polgraph_result *result,
                           struct polgraph_buf *out, struct polgraph_error *err)
{
	struct writer w;
	size_t old_len = out->len;

	writer_init(&w, out);
	put_result(&w, result);
	flush(&w);
	if (w.status == POLGRAPH_OK)
		return POLGRAPH_OK;
	/* Leave the buffer as it was, like a failed append. */
	out->len = old_len;
	if (out->data)
		out->data[old_len] = '\0';
	return polgraph_error_set(
		err, w.status, "article '%s' is too large to print",
		result->article.id ? result->article.id : "?");
}

enum polgraph_status polgraph_json_write_string(struct polgraph_buf *out,
                                                const char *s)
{
	struct writer w;
	size_t old_len = out->len;

	writer_init(&w, out);
	put_string(&w, s);
	flush(&w);
	if (w.status != POLGRAPH_OK) {
		out->len = old_len;
		if (out->data)
			out->data[old_len] = '\0';
	}
	return w.status;
}

const char *polgraph_json_canonical_object(const char *text,
                                           struct polgraph_arena *arena)
{
	/* require_null_terminated: "{} junk" is not an object */
	cJSON *root = cJSON_ParseWithOpts(text, NULL, true);
	const char *copy = NULL;
	char *printed;

	if (!cJSON_IsObject(root))
		goto out;
	printed = cJSON_PrintUnformatted(root);
	if (printed) {
		copy = polgraph_arena_strdup(arena, printed);
		cJSON_free(printed);
	}
out:
	cJSON_Delete(root);
	return copy;
}

/* ---- walking data files ---- */

struct walk {
	enum polgraph_status (*visit)(void *ctx, const char *path,
	                              const char *value);
	void *ctx;
	struct polgraph_error *err;
	char path[256];
};

static int compare_keys(const void *left, const void *right)
{
	return strcmp(*(const char *const *)left, *(const char *const *)right);
}

/* The first key an object repeats, or NULL: cJSON keeps both and lookups
 * take the first, so a data file that says two things is refused. Sorted,
 * so a hostile object with many keys costs n log n. */
static const char *duplicate_key(const cJSON *object)
{
	const char **keys = NULL, *found = NULL;
	size_t count = 0, capacity = 0;

	for (const cJSON *child = object->child; child; child = child->next) {
		polgraph_xgrow((void **)&keys, &capacity, count + 1,
		               sizeof(*keys));
		keys[count++] = child->string ? child->string : "";
	}
	if (count > 1) {
		qsort(keys, count, sizeof(*keys), compare_keys);
		for (size_t i = 1; i < count && !found; i++)
			if (strcmp(keys[i - 1], keys[i]) == 0)
				found = keys[i];
	}
	free(keys);
	return found;
}

/*
 * Appends ".name" (or ".index" when name is NULL; no dot at the start) to
 * walk->path[0..path_len), cut to fit as snprintf would cut it; returns
 * the new length. Without printf: loading the lexicon walks every node.
 */
static size_t append_step(struct walk *walk, size_t path_len, const char *name,
                          size_t index)
{
	char digits[24];
	size_t room = sizeof(walk->path) - 1, len = path_len, name_len;

	if (!name) {
		size_t at = sizeof(digits);

		do {
			digits[--at] = (char)('0' + index % 10);
			index /= 10;
		} while (index);
		name = digits + at;
		name_len = sizeof(digits) - at;
	} else {
		name_len = strlen(name);
	}
	if (path_len && len < room)
		walk->path[len++] = '.';
	if (name_len > room - len)
		name_len = room - len;
	memcpy(walk->path + len, name, name_len);
	len += name_len;
	walk->path[len] = '\0';
	return len;
}

static enum polgraph_status walk_item(struct walk *walk, const cJSON *item,
                                      size_t path_len)
{
	enum polgraph_status status = POLGRAPH_OK;
	const char *duplicate;
	char number[64];
	size_t index = 0;

	if (cJSON_IsObject(item) && (duplicate = duplicate_key(item)))
		return polgraph_error_set(walk->err, POLGRAPH_JSON,
		                          "duplicate key '%s'%s%s", duplicate,
		                          path_len ? " in " : "", walk->path);
	if (cJSON_IsObject(item) || cJSON_IsArray(item)) {
		for (const cJSON *child = item->child; child;
		     child = child->next, index++) {
			status = walk_item(walk, child,
			                   append_step(walk, path_len,
			                               cJSON_IsObject(item)
			                                       ? child->string
			                                       : NULL,
			                               index));
			walk->path[path_len] = '\0';
			if (status != POLGRAPH_OK)
				return status;
		}
		return POLGRAPH_OK;
	}
	if (cJSON_IsString(item))
		return walk->visit(walk->ctx, walk->path, item->valuestring);
	if (cJSON_IsNumber(item)) {
		double value = item->valuedouble;

		if (value == floor(value) && fabs(value) < 9.007199254740992e15)
			snprintf(number, sizeof(number), "%.0f", value);
		else
			snprintf(number, sizeof(number), "%.17g", value);
		return walk->visit(walk->ctx, walk->path, number);
	}
	if (cJSON_IsBool(item))
		return walk->visit(walk->ctx, walk->path,
		                   cJSON_IsTrue(item) ? "true" : "false");
	return walk->visit(walk->ctx, walk->path, NULL);
}

enum polgraph_status
polgraph_json_walk(const char *text, size_t len,
                   enum polgraph_status (*visit)(void *ctx, const char *path,
                                                 const char *value),
                   void *ctx, struct polgraph_error *err)
{
	const char *parse_end = NULL;
	struct walk walk = { .visit = visit, .ctx = ctx, .err = err };
	enum polgraph_status status;
	size_t bad;
	cJSON *root;

	if (!polgraph_text_utf8_valid(text, len, &bad) && text[bad])
		return polgraph_error_set(err, POLGRAPH_UTF8,
		                          "invalid UTF-8 at byte %zu", bad + 1);
	status = polgraph_json_check(text, len, POLGRAPH_JSON_DEPTH_DEFAULT,
	                             err);
	if (status != POLGRAPH_OK)
		return status;
	root = cJSON_ParseWithLengthOpts(text, len, &parse_end, false);
	if (!root) {
		size_t at = parse_end && parse_end >= text
		                    ? (size_t)(parse_end - text)
		                    : 0;

		return polgraph_error_set(err, POLGRAPH_JSON,
		                          "malformed JSON near byte %zu",
		                          at + 1);
	}
	for (const char *rest = parse_end; rest < text + len; rest++) {
		if (*rest == '\0' || !strchr(" \t\r\n", *rest)) {
			cJSON_Delete(root);
			return polgraph_error_set(err, POLGRAPH_JSON,
			                          "unexpected text after the "
			                          "JSON value at byte %zu",
			                          (size_t)(rest - text) + 1);
		}
	}
	status = walk_item(&walk, root, 0);
	cJSON_Delete(root);
	return status;
}

/* ---- the extract format with the article: writing and reading back ---- */

enum polgraph_status
polgraph_json_write_full(const struct polgraph_result *result,
                         struct polgraph_buf *out, struct polgraph_error *err)
{
	const struct polgraph_article *article = &result->article;
	size_t start = out->len;
	enum polgraph_status status;

	status = polgraph_json_write_result(result, out, err);
	if (status != POLGRAPH_OK)
		return status;
	/* Reopen the object: the extract line always ends in '}'. */
	out->data[--out->len] = '\0';
	status = polgraph_buf_puts(out, ",\"text\":");
	if (status == POLGRAPH_OK) {
		char *text =
			polgraph_xstrndup(article->text, article->text_len);

		status = polgraph_json_write_string(out, text);
		free(text);
	}
	if (status == POLGRAPH_OK)
		status = polgraph_buf_puts(out, ",\"origin\":");
	if (status == POLGRAPH_OK)
		status = article->origin ? polgraph_json_write_string(
						   out, article->origin)
		                         : polgraph_buf_puts(out, "null");
	if (status == POLGRAPH_OK)
		status = article->line
		                 ? polgraph_buf_printf(out, ",\"line\":%zu}",
		                                       article->line)
		                 : polgraph_buf_puts(out, ",\"line\":null}");
	if (status != POLGRAPH_OK) {
		out->len = start;
		if (out->data)
			out->data[start] = '\0';
		return polgraph_error_set(err, status,
		                          "article '%s' is too large to print",
		                          article->id ? article->id : "?");
	}
	return POLGRAPH_OK;
}

/* Where a field is being read, for messages: "actors[2].mentions[0]". */
struct reading {
	struct polgraph_arena *arena;
	struct polgraph_error *err;
	char where[96]; /* "" at the top level */
};

static enum polgraph_status wrong(struct reading *reading, const char *name,
                                  const char *what)
{
	return polgraph_error_set(reading->err, POLGRAPH_INVALID,
	                          "%s%sfield '%s' %s", reading->where,
	                          *reading->where ? ": " : "", name, what);
}

static enum polgraph_status read_string(struct reading *reading,
                                        const cJSON *object, const char *name,
                                        bool nullable, const char **out)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);

	*out = NULL;
	if (!item || cJSON_IsNull(item))
		return nullable ? POLGRAPH_OK
		                : wrong(reading, name, "is missing");
	if (!cJSON_IsString(item))
		return wrong(reading, name, "must be a string");
	*out = polgraph_arena_strdup(reading->arena, item->valuestring);
	return POLGRAPH_OK;
}

/* A count or byte offset: an integer from 0 to 2^53. */
static enum polgraph_status read_size(struct reading *reading,
                                      const cJSON *object, const char *name,
                                      bool optional, size_t *out)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
	double value;

	*out = 0;
	if (!item || cJSON_IsNull(item))
		return optional ? POLGRAPH_OK
		                : wrong(reading, name, "is missing");
	value = cJSON_IsNumber(item) ? item->valuedouble : -1;
	if (value < 0 || value != floor(value) || value > 9.007199254740992e15)
		return wrong(reading, name, "must be a non-negative integer");
	*out = (size_t)value;
	return POLGRAPH_OK;
}

/* The array member name; *count its length. Missing is an error. */
static enum polgraph_status read_array(struct reading *reading,
                                       const cJSON *object, const char *name,
                                       const cJSON **array, size_t *count)
{
	*array = cJSON_GetObjectItemCaseSensitive(object, name);
	*count = 0;
	if (!*array)
		return wrong(reading, name, "is missing");
	if (!cJSON_IsArray(*array))
		return wrong(reading, name, "must be an array");
	*count = (size_t)cJSON_GetArraySize(*array);
	return POLGRAPH_OK;
}

static void read_at(struct reading *reading, const char *list, size_t index,
                    const char *inner, size_t inner_index)
{
	if (inner)
		snprintf(reading->where, sizeof(reading->where),
		         "%s[%zu].%s[%zu]", list, index, inner, inner_index);
	else
		snprintf(reading->where, sizeof(reading->where), "%s[%zu]",
		         list, index);
}

static enum polgraph_status read_article(struct reading *reading,
                                         const cJSON *root,
                                         struct polgraph_article *article)
{
	enum polgraph_status status;
	size_t bytes;

	status = read_string(reading, root, "id", false, &article->id);
	if (status == POLGRAPH_OK)
		status = read_string(reading, root, "date", true,
		                     &article->date);
	if (status == POLGRAPH_OK)
		status = read_string(reading, root, "lang", false,
		                     &article->lang);
	if (status == POLGRAPH_OK)
		status = read_string(reading, root, "title", true,
		                     &article->title);
	if (status == POLGRAPH_OK)
		status = read_string(reading, root, "source", true,
		                     &article->source);
	if (status == POLGRAPH_OK)
		status = read_string(reading, root, "url", true, &article->url);
	if (status == POLGRAPH_OK)
		status = read_string(reading, root, "text", false,
		                     &article->text);
	if (status == POLGRAPH_OK)
		status = read_string(reading, root, "origin", true,
		                     &article->origin);
	if (status == POLGRAPH_OK)
		status = read_size(reading, root, "line", true, &article->line);
	if (status == POLGRAPH_OK)
		status = read_size(reading, root, "bytes", true, &bytes);
	if (status != POLGRAPH_OK)
		return status;
	article->text_len = strlen(article->text);
	if (cJSON_GetObjectItemCaseSensitive(root, "bytes") &&
	    bytes != article->text_len)
		return polgraph_error_set(
			reading->err, POLGRAPH_INVALID,
			"field 'bytes' is %zu but the text has %zu bytes",
			bytes, article->text_len);
	return POLGRAPH_OK;
}

static enum polgraph_status read_sentences(struct reading *reading,
                                           const cJSON *root,
                                           struct polgraph_result *result)
{
	enum polgraph_status status;
	const cJSON *array, *item;
	size_t i = 0;

	status = read_array(reading, root, "sentences", &array,
	                    &result->sentence_count);
	if (status != POLGRAPH_OK || !result->sentence_count)
		return status;
	result->sentences = polgraph_arena_alloc(
		reading->arena,
		result->sentence_count * sizeof(*result->sentences));
	cJSON_ArrayForEach(item, array)
	{
		struct polgraph_sentence *sentence = &result->sentences[i];

		read_at(reading, "sentences", i++, NULL, 0);
		status = read_size(reading, item, "start", false,
		                   &sentence->start);
		if (status == POLGRAPH_OK)
			status = read_size(reading, item, "end", false,
			                   &sentence->end);
		if (status == POLGRAPH_OK)
			status = read_size(reading, item, "paragraph", false,
			                   &sentence->paragraph);
		if (status != POLGRAPH_OK)
			return status;
	}
	return POLGRAPH_OK;
}

static enum polgraph_status read_mentions(struct reading *reading,
                                          const cJSON *object, size_t index,
                                          struct polgraph_actor *actor)
{
	enum polgraph_status status;
	const cJSON *array, *item;
	const char *kind;
	size_t i = 0;

	status = read_array(reading, object, "mentions", &array,
	                    &actor->mention_count);
	if (status != POLGRAPH_OK || !actor->mention_count)
		return status;
	actor->mentions = polgraph_arena_alloc(
		reading->arena,
		actor->mention_count * sizeof(*actor->mentions));
	cJSON_ArrayForEach(item, array)
	{
		struct polgraph_mention *mention = &actor->mentions[i];

		read_at(reading, "actors", index, "mentions", i++);
		status = read_size(reading, item, "start", false,
		                   &mention->start);
		if (status == POLGRAPH_OK)
			status = read_size(reading, item, "end", false,
			                   &mention->end);
		if (status == POLGRAPH_OK)
			status = read_string(reading, item, "text", false,
			                     &mention->text);
		if (status == POLGRAPH_OK)
			status = read_size(reading, item, "sentence", false,
			                   &mention->sentence);
		if (status == POLGRAPH_OK)
			status = read_string(reading, item, "kind", false,
			                     &kind);
		if (status == POLGRAPH_OK &&
		    !polgraph_mention_kind_parse(kind, &mention->kind))
			status =
				wrong(reading, "kind", "is not a mention kind");
		if (status != POLGRAPH_OK)
			return status;
	}
	return POLGRAPH_OK;
}

static enum polgraph_status read_actor(struct reading *reading,
                                       const cJSON *item, size_t index,
                                       struct polgraph_actor *actor)
{
	enum polgraph_status status;
	const cJSON *aliases, *alias;
	const char *type;
	size_t i = 0;

	read_at(reading, "actors", index, NULL, 0);
	status = read_string(reading, item, "key", false, &actor->key);
	if (status == POLGRAPH_OK)
		status =
			read_string(reading, item, "name", false, &actor->name);
	if (status == POLGRAPH_OK)
		status = read_string(reading, item, "type", false, &type);
	if (status == POLGRAPH_OK &&
	    !polgraph_actor_type_parse(type, &actor->type))
		status = wrong(reading, "type", "is not an actor type");
	if (status == POLGRAPH_OK)
		status = read_array(reading, item, "aliases", &aliases,
		                    &actor->alias_count);
	if (status != POLGRAPH_OK)
		return status;
	actor->aliases = polgraph_arena_alloc(reading->arena,
	                                      (actor->alias_count + 1) *
	                                              sizeof(*actor->aliases));
	cJSON_ArrayForEach(alias, aliases)
	{
		if (!cJSON_IsString(alias))
			return wrong(reading, "aliases", "must hold strings");
		actor->aliases[i++] = polgraph_arena_strdup(reading->arena,
		                                            alias->valuestring);
	}
	return read_mentions(reading, item, index, actor);
}

static enum polgraph_status read_relation(struct reading *reading,
                                          const cJSON *item, size_t index,
                                          struct polgraph_relation *relation)
{
	enum polgraph_status status;
	const cJSON *negated, *confidence, *attrs;
	char *printed;

	read_at(reading, "relations", index, NULL, 0);
	status = read_string(reading, item, "type", false, &relation->type);
	if (status == POLGRAPH_OK)
		status = read_string(reading, item, "source", false,
		                     &relation->source);
	if (status == POLGRAPH_OK)
		status = read_string(reading, item, "target", false,
		                     &relation->target);
	if (status == POLGRAPH_OK)
		status = read_size(reading, item, "sentence", false,
		                   &relation->sentence);
	if (status == POLGRAPH_OK)
		status = read_size(reading, item, "start", false,
		                   &relation->start);
	if (status == POLGRAPH_OK)
		status = read_size(reading, item, "end", false, &relation->end);
	if (status == POLGRAPH_OK)
		status = read_string(reading, item, "rule", true,
		                     &relation->rule);
	if (status != POLGRAPH_OK)
		return status;
	negated = cJSON_GetObjectItemCaseSensitive(item, "negated");
	if (!cJSON_IsBool(negated))
		return wrong(reading, "negated", "must be true or false");
	relation->negated = cJSON_IsTrue(negated);
	confidence = cJSON_GetObjectItemCaseSensitive(item, "confidence");
	if (!cJSON_IsNumber(confidence) || confidence->valuedouble < 0 ||
	    confidence->valuedouble > 1)
		return wrong(reading, "confidence",
		             "must be a number from 0 to 1");
	relation->confidence = confidence->valuedouble;
	attrs = cJSON_GetObjectItemCaseSensitive(item, "attrs");
	if (!attrs || cJSON_IsNull(attrs))
		return POLGRAPH_OK;
	if (!cJSON_IsObject(attrs))
		return wrong(reading, "attrs", "must be an object");
	printed = cJSON_PrintUnformatted(attrs);
	if (!printed)
		return polgraph_error_set(reading->err, POLGRAPH_NOMEM,
		                          "out of memory");
	relation->attrs = polgraph_arena_strdup(reading->arena, printed);
	cJSON_free(printed);
	return POLGRAPH_OK;
}

static enum polgraph_status read_result(struct reading *reading,
                                        const cJSON *root,
                                        struct polgraph_result *result)
{
	enum polgraph_status status;
	const cJSON *array, *item;
	size_t i;

	status = read_article(reading, root, &result->article);
	if (status == POLGRAPH_OK)
		status = read_sentences(reading, root, result);
	if (status == POLGRAPH_OK)
		status = read_array(reading, root, "actors", &array,
		                    &result->actor_count);
	if (status != POLGRAPH_OK)
		return status;
	result->actors = polgraph_arena_alloc(reading->arena,
	                                      (result->actor_count + 1) *
	                                              sizeof(*result->actors));
	i = 0;
	cJSON_ArrayForEach(item, array)
	{
		status = read_actor(reading, item, i, &result->actors[i]);
		if (status != POLGRAPH_OK)
			return status;
		i++;
	}
	*reading->where = '\0';
	status = read_array(reading, root, "relations", &array,
	                    &result->relation_count);
	if (status != POLGRAPH_OK)
		return status;
	result->relations = polgraph_arena_alloc(
		reading->arena,
		(result->relation_count + 1) * sizeof(*result->relations));
	i = 0;
	cJSON_ArrayForEach(item, array)
	{
		status = read_relation(reading, item, i, &result->relations[i]);
		if (status != POLGRAPH_OK)
			return status;
		i++;
	}
	return POLGRAPH_OK;
}

enum polgraph_status polgraph_json_read_result(const char *line, size_t len,
                                               struct polgraph_result *result,
                                               struct polgraph_error *err)
{
	struct reading reading = { .arena = &result->arena, .err = err };
	enum polgraph_status status = POLGRAPH_OK;
	cJSON *root;

	polgraph_error_clear(err);
	polgraph_result_release(result);
	status = parse_object_line(line, len, &root, err);
	if (status != POLGRAPH_OK)
		return status;
	status = read_result(&reading, root, result);
	if (status == POLGRAPH_OK)
		polgraph_result_comentions(result);
	cJSON_Delete(root);
	if (status != POLGRAPH_OK)
		polgraph_result_release(result);
	return status;
}
