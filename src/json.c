/*
 * json.c - JSON in and out (json.h); the only user of cJSON.
 *
 * Reading: JSON Lines article records -> struct polgraph_article.
 * Writing: struct polgraph_result -> one line of the extract format
 * (docs/extract-format.md), built as a cJSON tree so escaping is cJSON's,
 * with a fixed key order so the output is byte-stable.
 */
#include <math.h>
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
enum polgraph_status polgraph_json_check(const char *text, size_t len,
                                         unsigned max_depth,
                                         struct polgraph_error *err)
{
	size_t depth = 0, values = 0;
	bool in_string = false;

	for (size_t at = 0; at < len; at++) {
		char c = text[at];

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
	const char *parse_end = NULL;
	const cJSON *text;
	const char *duplicate;
	cJSON *root;

	memset(article, 0, sizeof(*article));
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
	root = cJSON_ParseWithLengthOpts(line, len, &parse_end, false);
	if (!root) {
		size_t at = parse_end && parse_end >= line
		                    ? (size_t)(parse_end - line)
		                    : 0;
		return polgraph_error_set(err, POLGRAPH_JSON,
		                          "malformed JSON near byte %zu",
		                          at + 1);
	}
	if (!cJSON_IsObject(root)) {
		status = polgraph_error_set(err, POLGRAPH_JSON,
		                            "expected a JSON object");
		goto out;
	}
	for (const char *rest = parse_end; rest < line + len; rest++) {
		if (*rest == '\0' || !strchr(" \t\r\n", *rest)) {
			status = polgraph_error_set(err, POLGRAPH_JSON,
			                            "unexpected text after the "
			                            "JSON object at byte %zu",
			                            (size_t)(rest - line) + 1);
			goto out;
		}
	}
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

static cJSON *string_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *size_number(size_t value)
{
	return cJSON_CreateNumber((double)value);
}

/* cJSON reports allocation failure as NULL; we abort on OOM anywhere. */
static cJSON *checked(cJSON *item)
{
	if (!item) {
		fputs("polgraph: fatal: out of memory building JSON\n", stderr);
		abort();
	}
	return item;
}

static void add(cJSON *object, const char *name, cJSON *item)
{
	cJSON_AddItemToObject(object, name, checked(item));
}

static void append(cJSON *array, cJSON *item)
{
	cJSON_AddItemToArray(array, checked(item));
}

static cJSON *sentences_json(const struct polgraph_result *result)
{
	cJSON *array = checked(cJSON_CreateArray());

	for (size_t i = 0; i < result->sentence_count; i++) {
		const struct polgraph_sentence *sentence =
			&result->sentences[i];
		cJSON *item = checked(cJSON_CreateObject());

		add(item, "start", size_number(sentence->start));
		add(item, "end", size_number(sentence->end));
		add(item, "paragraph", size_number(sentence->paragraph));
		append(array, item);
	}
	return array;
}

static cJSON *actor_json(const struct polgraph_actor *actor)
{
	cJSON *item = checked(cJSON_CreateObject());
	cJSON *aliases = checked(cJSON_CreateArray());
	cJSON *mentions = checked(cJSON_CreateArray());

	add(item, "key", cJSON_CreateString(actor->key));
	add(item, "name", cJSON_CreateString(actor->name));
	add(item, "type",
	    cJSON_CreateString(polgraph_actor_type_name(actor->type)));
	for (size_t i = 0; i < actor->alias_count; i++)
		append(aliases, cJSON_CreateString(actor->aliases[i]));
	add(item, "aliases", aliases);
	for (size_t i = 0; i < actor->mention_count; i++) {
		const struct polgraph_mention *mention = &actor->mentions[i];
		cJSON *entry = checked(cJSON_CreateObject());

		add(entry, "start", size_number(mention->start));
		add(entry, "end", size_number(mention->end));
		add(entry, "text", cJSON_CreateString(mention->text));
		add(entry, "sentence", size_number(mention->sentence));
		add(entry, "kind",
		    cJSON_CreateString(
			    polgraph_mention_kind_name(mention->kind)));
		append(mentions, entry);
	}
	add(item, "mentions", mentions);
	return item;
}

static cJSON *evidence_json(const struct polgraph_result *result,
                            size_t sentence_index)
{
	const struct polgraph_sentence *sentence;
	cJSON *item;
	char *text;

	if (sentence_index >= result->sentence_count)
		return cJSON_CreateNull();
	sentence = &result->sentences[sentence_index];
	text = polgraph_xstrndup(result->article.text + sentence->start,
	                         sentence->end - sentence->start);
	item = cJSON_CreateString(text);
	free(text);
	return item;
}

static cJSON *relation_json(const struct polgraph_result *result,
                            const struct polgraph_relation *relation)
{
	cJSON *item = checked(cJSON_CreateObject());
	cJSON *attrs = relation->attrs ? cJSON_Parse(relation->attrs) : NULL;

	if (!cJSON_IsObject(attrs)) {
		cJSON_Delete(attrs);
		attrs = cJSON_CreateObject();
	}
	add(item, "type", cJSON_CreateString(relation->type));
	add(item, "source", cJSON_CreateString(relation->source));
	add(item, "target", cJSON_CreateString(relation->target));
	add(item, "sentence", size_number(relation->sentence));
	add(item, "start", size_number(relation->start));
	add(item, "end", size_number(relation->end));
	add(item, "evidence", evidence_json(result, relation->sentence));
	add(item, "negated", cJSON_CreateBool(relation->negated));
	add(item, "rule", string_or_null(relation->rule));
	add(item, "confidence", cJSON_CreateNumber(relation->confidence));
	add(item, "attrs", attrs);
	return item;
}

static cJSON *comention_json(const struct polgraph_comention *pair)
{
	cJSON *item = checked(cJSON_CreateObject());
	cJSON *sentences = checked(cJSON_CreateArray());

	add(item, "a", cJSON_CreateString(pair->a));
	add(item, "b", cJSON_CreateString(pair->b));
	for (size_t i = 0; i < pair->sentence_count; i++)
		append(sentences, size_number(pair->sentences[i]));
	add(item, "sentences", sentences);
	return item;
}

static cJSON *result_json(const struct polgraph_result *result)
{
	const struct polgraph_article *article = &result->article;
	cJSON *root = checked(cJSON_CreateObject());
	cJSON *array;

	add(root, "id", string_or_null(article->id));
	add(root, "date", string_or_null(article->date));
	add(root, "lang", string_or_null(article->lang));
	add(root, "title", string_or_null(article->title));
	add(root, "source", string_or_null(article->source));
	add(root, "url", string_or_null(article->url));
	add(root, "bytes", size_number(article->text_len));
	add(root, "sentences", sentences_json(result));

	array = checked(cJSON_CreateArray());
	for (size_t i = 0; i < result->actor_count; i++)
		append(array, actor_json(&result->actors[i]));
	add(root, "actors", array);

	array = checked(cJSON_CreateArray());
	for (size_t i = 0; i < result->relation_count; i++)
		append(array, relation_json(result, &result->relations[i]));
	add(root, "relations", array);

	array = checked(cJSON_CreateArray());
	for (size_t i = 0; i < result->comention_count; i++)
		append(array, comention_json(&result->comentions[i]));
	add(root, "comentions", array);
	return root;
}

enum polgraph_status
polgraph_json_write_result(const struct polgraph_result *result,
                           struct polgraph_buf *out, struct polgraph_error *err)
{
	cJSON *root = result_json(result);
	char *text = cJSON_PrintUnformatted(root);
	enum polgraph_status status;

	cJSON_Delete(root);
	if (!text)
		return polgraph_error_set(
			err, POLGRAPH_NOMEM, "cannot serialise article '%s'",
			result->article.id ? result->article.id : "?");
	status = polgraph_buf_puts(out, text);
	cJSON_free(text);
	if (status != POLGRAPH_OK)
		return polgraph_error_set(
			err, status, "article '%s' is too large to print",
			result->article.id ? result->article.id : "?");
	return POLGRAPH_OK;
}

enum polgraph_status polgraph_json_write_string(struct polgraph_buf *out,
                                                const char *s)
{
	cJSON *item = checked(cJSON_CreateString(s));
	char *text = cJSON_PrintUnformatted(item);
	enum polgraph_status status;

	cJSON_Delete(item);
	if (!text)
		return POLGRAPH_NOMEM;
	status = polgraph_buf_puts(out, text);
	cJSON_free(text);
	return status;
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
			int written;

			if (cJSON_IsObject(item))
				written = snprintf(
					walk->path + path_len,
					sizeof(walk->path) - path_len, "%s%s",
					path_len ? "." : "", child->string);
			else
				written = snprintf(
					walk->path + path_len,
					sizeof(walk->path) - path_len, "%s%zu",
					path_len ? "." : "", index);
			if (written < 0)
				written = 0;
			status = walk_item(walk, child,
			                   path_len + (size_t)written <
			                                   sizeof(walk->path)
			                           ? path_len + (size_t)written
			                           : sizeof(walk->path) - 1);
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
