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
	cJSON *root;

	memset(article, 0, sizeof(*article));
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
	char path[256];
};

static enum polgraph_status walk_item(struct walk *walk, const cJSON *item,
                                      size_t path_len)
{
	enum polgraph_status status = POLGRAPH_OK;
	char number[64];
	size_t index = 0;

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
	struct walk walk = { .visit = visit, .ctx = ctx };
	enum polgraph_status status;
	cJSON *root;

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
	const char *parse_end = NULL;
	cJSON *root;

	polgraph_error_clear(err);
	polgraph_result_release(result);
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
	status = read_result(&reading, root, result);
	if (status == POLGRAPH_OK)
		polgraph_result_comentions(result);
out:
	cJSON_Delete(root);
	if (status != POLGRAPH_OK)
		polgraph_result_release(result);
	return status;
}
