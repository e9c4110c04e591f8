/*
 * eval.c - scoring actor recognition against gold annotations (eval.h).
 *
 * Consumes a pipeline result and the gold JSON line of the same text;
 * produces counts: per word/number token (each token labelled with the
 * type of the longest span covering it on either side) and per exact span.
 * The gold line is read with polgraph_json_walk into a struct gold; each
 * scorer then compares it with the result's mentions. A facts scorer will
 * read "facts.*" in visit_gold and add its own pass in polgraph_eval_add.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "polgraph/eval.h"
#include "polgraph/json.h"
#include "polgraph/mem.h"
#include "polgraph/text.h"

/* A span whose type is not scored (Project, group) has this label. */
#define LABEL_NONE (-1)

static const char *const type_names[] = {
#define POLGRAPH_EVAL_TYPE_NAME(name, str) str,
	POLGRAPH_EVAL_TYPES(POLGRAPH_EVAL_TYPE_NAME)
#undef POLGRAPH_EVAL_TYPE_NAME
};

static const char *const metric_names[] = {
#define POLGRAPH_EVAL_METRIC_NAME(name, str) str,
	POLGRAPH_EVAL_METRICS(POLGRAPH_EVAL_METRIC_NAME)
#undef POLGRAPH_EVAL_METRIC_NAME
};

static const char *const gold_type_names[] = {
#define POLGRAPH_EVAL_GOLD_NAME(name, str) str,
	POLGRAPH_EVAL_GOLD_TYPES(POLGRAPH_EVAL_GOLD_NAME)
#undef POLGRAPH_EVAL_GOLD_NAME
};

const char *polgraph_eval_type_name(enum polgraph_eval_type type)
{
	if ((unsigned)type >= POLGRAPH_EVAL_TYPE_COUNT)
		return NULL;
	return type_names[type];
}

const char *polgraph_eval_metric_name(enum polgraph_eval_metric metric)
{
	if ((unsigned)metric >= POLGRAPH_EVAL_METRIC_COUNT)
		return NULL;
	return metric_names[metric];
}

const char *polgraph_eval_gold_type_name(enum polgraph_eval_gold_type type)
{
	if ((unsigned)type >= POLGRAPH_EVAL_GOLD_TYPE_COUNT)
		return NULL;
	return gold_type_names[type];
}

/* The scored type of a gold type: LocOrg (a place acting as a political
 * body) counts as LOC, as customary for this corpus. */
static int gold_label(enum polgraph_eval_gold_type type)
{
	switch (type) {
	case POLGRAPH_EVAL_GOLD_PERSON:
		return POLGRAPH_EVAL_PER;
	case POLGRAPH_EVAL_GOLD_ORG:
		return POLGRAPH_EVAL_ORG;
	case POLGRAPH_EVAL_GOLD_LOCATION:
	case POLGRAPH_EVAL_GOLD_LOCORG:
		return POLGRAPH_EVAL_LOC;
	case POLGRAPH_EVAL_GOLD_PROJECT:
	case POLGRAPH_EVAL_GOLD_TYPE_COUNT:
		break;
	}
	return LABEL_NONE;
}

/* The scored type of one of our actor types. No default: a new actor type
 * must be placed here (-Wswitch). */
static int actor_label(enum polgraph_actor_type type)
{
	switch (type) {
	case POLGRAPH_ACTOR_PERSON:
		return POLGRAPH_EVAL_PER;
	case POLGRAPH_ACTOR_COUNTRY:
	case POLGRAPH_ACTOR_LOCATION:
		return POLGRAPH_EVAL_LOC;
	case POLGRAPH_ACTOR_ORGANIZATION:
		return POLGRAPH_EVAL_ORG;
	case POLGRAPH_ACTOR_GROUP:
	case POLGRAPH_ACTOR_TYPE_COUNT:
		break;
	}
	return LABEL_NONE;
}

static double ratio(size_t part, size_t whole)
{
	return whole ? (double)part / (double)whole : 0.0;
}

double polgraph_eval_precision(const struct polgraph_eval_counts *counts)
{
	return ratio(counts->tp, counts->tp + counts->fp);
}

double polgraph_eval_recall(const struct polgraph_eval_counts *counts)
{
	return ratio(counts->tp, counts->tp + counts->fn);
}

double polgraph_eval_f1(const struct polgraph_eval_counts *counts)
{
	/* 2PR / (P + R) = 2TP / (2TP + FP + FN) */
	return ratio(2 * counts->tp, 2 * counts->tp + counts->fp + counts->fn);
}

/* ---- the evaluation ---- */

/* One gold entity as read; offsets in code points until converted. */
struct gold_entity {
	enum polgraph_eval_gold_type type;
	size_t start, end;
	bool has_type, has_start, has_end;
};

struct polgraph_eval {
	struct polgraph_eval_report report; /* micro left 0 until reported */
	size_t max_misses;                  /* per kind, 0 = keep none */
	size_t fp_kept, fn_kept;
	struct polgraph_eval_miss *misses;
	size_t miss_count, miss_capacity;
	struct polgraph_arena keep;   /* miss ids and texts */
	struct gold_entity *entities; /* reused by every add */
	size_t entity_capacity;
};

struct polgraph_eval *polgraph_eval_new(void)
{
	return polgraph_xcalloc(1, sizeof(struct polgraph_eval));
}

void polgraph_eval_free(struct polgraph_eval *eval)
{
	if (!eval)
		return;
	polgraph_arena_release(&eval->keep);
	free(eval->misses);
	free(eval->entities);
	free(eval);
}

void polgraph_eval_keep_misses(struct polgraph_eval *eval, size_t max)
{
	eval->max_misses = max;
}

size_t polgraph_eval_miss_count(const struct polgraph_eval *eval)
{
	return eval->miss_count;
}

const struct polgraph_eval_miss *
polgraph_eval_miss(const struct polgraph_eval *eval, size_t i)
{
	return i < eval->miss_count ? &eval->misses[i] : NULL;
}

void polgraph_eval_report(const struct polgraph_eval *eval,
                          struct polgraph_eval_report *report)
{
	*report = eval->report;
	for (size_t metric = 0; metric < POLGRAPH_EVAL_METRIC_COUNT; metric++) {
		struct polgraph_eval_counts *micro = &report->micro[metric];

		memset(micro, 0, sizeof(*micro));
		for (size_t type = 0; type < POLGRAPH_EVAL_TYPE_COUNT; type++) {
			micro->tp += report->entities[metric][type].tp;
			micro->fp += report->entities[metric][type].fp;
			micro->fn += report->entities[metric][type].fn;
		}
	}
}

/* ---- reading the gold line ---- */

/* What visit_gold collects from one gold line. */
struct gold {
	const struct polgraph_result *result; /* to compare the text with */
	struct polgraph_eval *eval;           /* owns the entity array */
	size_t entity_count;
	size_t line_len; /* bounds the entity index */
	bool has_text;
	bool text_matches; /* "text" is result->article.text */
	struct polgraph_error *err;
};

/* Parses a non-negative decimal integer; false for anything else. */
static bool parse_offset(const char *value, size_t *out)
{
	size_t number = 0;

	if (!value || !*value)
		return false;
	for (const char *p = value; *p; p++) {
		if (*p < '0' || *p > '9' || number > (SIZE_MAX / 2 - 9) / 10)
			return false;
		number = number * 10 + (size_t)(*p - '0');
	}
	*out = number;
	return true;
}

static enum polgraph_status gold_text(struct gold *gold, const char *value)
{
	const struct polgraph_article *article = &gold->result->article;

	if (!value)
		return POLGRAPH_OK; /* null: reported as missing */
	gold->has_text = true;
	gold->text_matches =
		strlen(value) == article->text_len &&
		memcmp(value, article->text, article->text_len) == 0;
	return POLGRAPH_OK;
}

/* The entity at index, appended when the walk reaches a new one. */
static struct gold_entity *gold_entity_at(struct gold *gold, size_t index)
{
	struct polgraph_eval *eval = gold->eval;

	if (index + 1 == gold->entity_count)
		return &eval->entities[index];
	if (index != gold->entity_count)
		return NULL;
	polgraph_xgrow((void **)&eval->entities, &eval->entity_capacity,
	               index + 1, sizeof(*eval->entities));
	memset(&eval->entities[index], 0, sizeof(*eval->entities));
	gold->entity_count = index + 1;
	return &eval->entities[index];
}

/* Reads one scalar under "entities"; path is what follows that key: "",
 * ".3", ".3.type", ".3.fragments.0.1", ... */
static enum polgraph_status
gold_entity_field(struct gold *gold, const char *path, const char *value)
{
	struct gold_entity *entity;
	size_t index = 0;
	char *field;

	if (*path == '\0') {
		if (!value)
			return POLGRAPH_OK; /* "entities": null */
		return polgraph_error_set(gold->err, POLGRAPH_INVALID,
		                          "field 'entities' must be an array");
	}
	if (path[1] < '0' || path[1] > '9')
		goto not_array;
	index = strtoul(path + 1, &field, 10);
	if (*field == '\0')
		return polgraph_error_set(gold->err, POLGRAPH_INVALID,
		                          "entities.%zu must be an object",
		                          index);
	if (*field != '.' || index > gold->line_len)
		goto not_array;
	/* The walk skips only an entity with no scalar in it at all. */
	if (index > gold->entity_count)
		return polgraph_error_set(gold->err, POLGRAPH_INVALID,
		                          "entities.%zu: missing type",
		                          gold->entity_count);
	entity = gold_entity_at(gold, index);
	if (!entity)
		goto not_array;
	field++;
	if (strcmp(field, "type") == 0) {
		if (!value)
			return POLGRAPH_OK;
		for (size_t i = 0; i < POLGRAPH_EVAL_GOLD_TYPE_COUNT; i++) {
			if (strcmp(value, gold_type_names[i]) == 0) {
				entity->type = (enum polgraph_eval_gold_type)i;
				entity->has_type = true;
				return POLGRAPH_OK;
			}
		}
		return polgraph_error_set(gold->err, POLGRAPH_INVALID,
		                          "entities.%zu: unknown type '%s'",
		                          index, value);
	}
	if (strcmp(field, "start") == 0 || strcmp(field, "end") == 0) {
		bool is_start = field[0] == 's';

		if (!value)
			return POLGRAPH_OK;
		if (!parse_offset(value,
		                  is_start ? &entity->start : &entity->end))
			return polgraph_error_set(
				gold->err, POLGRAPH_INVALID,
				"entities.%zu: %s must be a non-negative "
				"integer, not '%s'",
				index, field, value);
		if (is_start)
			entity->has_start = true;
		else
			entity->has_end = true;
	}
	/* id, text, fragments, cluster, ...: not needed to score. */
	return POLGRAPH_OK;
not_array:
	return polgraph_error_set(gold->err, POLGRAPH_INVALID,
	                          "field 'entities' must be an array of "
	                          "objects");
}

static enum polgraph_status visit_gold(void *ctx, const char *path,
                                       const char *value)
{
	struct gold *gold = ctx;

	if (strcmp(path, "text") == 0)
		return gold_text(gold, value);
	if (strncmp(path, "entities", 8) == 0 &&
	    (path[8] == '\0' || path[8] == '.'))
		return gold_entity_field(gold, path + 8, value);
	/* "facts.*" will be read here when facts are scored. */
	return POLGRAPH_OK;
}

/* ---- code points to bytes ---- */

/* Byte offset of every CP_STRIDE-th code point, so converting one offset
 * walks at most CP_STRIDE - 1 characters. */
#define CP_STRIDE 64

struct cp_index {
	const char *text;
	size_t len;         /* bytes */
	size_t code_points; /* in text */
	size_t *marks;      /* marks[i]: byte offset of code point i*STRIDE */
};

static bool continuation(char byte)
{
	return ((unsigned char)byte & 0xC0) == 0x80;
}

static void cp_index_build(struct cp_index *index, const char *text, size_t len,
                           struct polgraph_arena *arena)
{
	size_t code_points = 0;

	for (size_t i = 0; i < len; i++)
		code_points += !continuation(text[i]);
	index->text = text;
	index->len = len;
	index->code_points = code_points;
	index->marks = polgraph_arena_alloc(
		arena, (code_points / CP_STRIDE + 1) * sizeof(size_t));
	code_points = 0;
	for (size_t i = 0; i < len; i++) {
		if (continuation(text[i]))
			continue;
		if (code_points % CP_STRIDE == 0)
			index->marks[code_points / CP_STRIDE] = i;
		code_points++;
	}
	if (code_points % CP_STRIDE == 0)
		index->marks[code_points / CP_STRIDE] = len;
}

/* cp <= index->code_points; the text's length for cp == code_points. */
static size_t cp_to_byte(const struct cp_index *index, size_t cp)
{
	size_t byte = index->marks[cp / CP_STRIDE];

	for (size_t n = cp % CP_STRIDE; n > 0; n--) {
		byte++;
		while (byte < index->len && continuation(index->text[byte]))
			byte++;
	}
	return byte;
}

/* ---- spans on both sides ---- */

/* A gold entity or a predicted mention, in bytes. */
struct span {
	size_t start, end;
	int label;    /* enum polgraph_eval_type or LABEL_NONE */
	int kind;     /* gold type (gold side) or actor type (predicted) */
	size_t order; /* position in input order: ties go to the first */
	bool matched; /* exact-span match found */
};

/* Checks the entities read and converts them to byte spans. */
static enum polgraph_status gold_spans(const struct gold *gold,
                                       const struct cp_index *index,
                                       struct polgraph_arena *arena,
                                       struct span **spans,
                                       struct polgraph_error *err)
{
	const struct gold_entity *entities = gold->eval->entities;

	*spans = polgraph_arena_alloc(arena, (gold->entity_count + 1) *
	                                             sizeof(**spans));
	for (size_t i = 0; i < gold->entity_count; i++) {
		const struct gold_entity *entity = &entities[i];
		const char *missing = !entity->has_type    ? "type"
		                      : !entity->has_start ? "start"
		                      : !entity->has_end   ? "end"
		                                           : NULL;

		if (missing)
			return polgraph_error_set(err, POLGRAPH_INVALID,
			                          "entities.%zu: missing %s", i,
			                          missing);
		if (entity->end <= entity->start)
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"entities.%zu: end %zu is not after start %zu",
				i, entity->end, entity->start);
		if (entity->end > index->code_points)
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"entities.%zu: end %zu is past the end of the "
				"text (%zu code points)",
				i, entity->end, index->code_points);
		(*spans)[i] = (struct span){
			.start = cp_to_byte(index, entity->start),
			.end = cp_to_byte(index, entity->end),
			.label = gold_label(entity->type),
			.kind = (int)entity->type,
			.order = i,
		};
	}
	return POLGRAPH_OK;
}

/* The mentions of every actor, checked against the text. */
static enum polgraph_status
predicted_spans(const struct polgraph_result *result,
                struct polgraph_arena *arena, struct span **spans,
                size_t *count, struct polgraph_error *err)
{
	size_t total = 0, n = 0;

	for (size_t a = 0; a < result->actor_count; a++)
		total += result->actors[a].mention_count;
	*spans = polgraph_arena_alloc(arena, (total + 1) * sizeof(**spans));
	for (size_t a = 0; a < result->actor_count; a++) {
		const struct polgraph_actor *actor = &result->actors[a];

		for (size_t m = 0; m < actor->mention_count; m++) {
			const struct polgraph_mention *mention =
				&actor->mentions[m];

			/* Names are scored; "белорусское посольство" names
			 * no entity, though it stands for Belarus. */
			if (mention->kind == POLGRAPH_MENTION_DEMONYM)
				continue;
			if (mention->start > mention->end ||
			    mention->end > result->article.text_len)
				return polgraph_error_set(
					err, POLGRAPH_INVALID,
					"actor '%s': mention %zu..%zu is "
					"outside the text (%zu bytes)",
					actor->key ? actor->key : "?",
					mention->start, mention->end,
					result->article.text_len);
			(*spans)[n] = (struct span){
				.start = mention->start,
				.end = mention->end,
				.label = actor_label(actor->type),
				.kind = (int)actor->type,
				.order = n,
			};
			n++;
		}
	}
	*count = n;
	return POLGRAPH_OK;
}

/* By start, end, label, then input order. */
static int compare_spans(const void *left, const void *right)
{
	const struct span *x = left, *y = right;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->label != y->label)
		return x->label < y->label ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return 0;
}

/* By start, then end only. */
static int compare_places(const struct span *x, const struct span *y)
{
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

/* ---- token level ---- */

/* The longest span covering a token so far, on one side. */
struct cover {
	int label;
	size_t len;
	size_t order;
};

/* Labels each token [start, end) that lies wholly inside a span with the
 * span's label, the longest span winning (ties: the first in input order).
 * Tokens are sorted and do not overlap. */
static void cover_tokens(const struct polgraph_token *tokens, size_t count,
                         const struct span *spans, size_t span_count,
                         struct cover *covers)
{
	for (size_t s = 0; s < span_count; s++) {
		const struct span *span = &spans[s];
		size_t len = span->end - span->start, low = 0, high = count;

		while (low < high) {
			size_t mid = low + (high - low) / 2;

			if (tokens[mid].start < span->start)
				low = mid + 1;
			else
				high = mid;
		}
		for (size_t t = low; t < count && tokens[t].start < span->end;
		     t++) {
			struct cover *cover = &covers[t];

			if (tokens[t].end > span->end)
				break;
			if (len > cover->len ||
			    (len == cover->len && span->order < cover->order)) {
				cover->label = span->label;
				cover->len = len;
				cover->order = span->order;
			}
		}
	}
}

static void score_tokens(struct polgraph_eval *eval, const char *text,
                         size_t len, const struct span *gold, size_t gold_count,
                         const struct span *predicted, size_t predicted_count,
                         struct polgraph_arena *arena)
{
	struct polgraph_eval_counts *counts =
		eval->report.entities[POLGRAPH_EVAL_TOKEN];
	struct polgraph_token *tokens = NULL;
	struct cover *gold_covers, *predicted_covers;
	size_t count = 0, words = 0;

	polgraph_text_tokens(text, 0, len, arena, &tokens, &count);
	for (size_t t = 0; t < count; t++)
		if (tokens[t].kind != POLGRAPH_TOKEN_PUNCT)
			tokens[words++] = tokens[t];
	gold_covers =
		polgraph_arena_alloc(arena, (words + 1) * sizeof(*gold_covers));
	predicted_covers = polgraph_arena_alloc(
		arena, (words + 1) * sizeof(*predicted_covers));
	for (size_t t = 0; t < words; t++)
		gold_covers[t].label = predicted_covers[t].label = LABEL_NONE;
	cover_tokens(tokens, words, gold, gold_count, gold_covers);
	cover_tokens(tokens, words, predicted, predicted_count,
	             predicted_covers);
	for (size_t t = 0; t < words; t++) {
		int want = gold_covers[t].label,
		    got = predicted_covers[t].label;

		if (want == got && want != LABEL_NONE) {
			counts[want].tp++;
			continue;
		}
		if (got != LABEL_NONE)
			counts[got].fp++;
		if (want != LABEL_NONE)
			counts[want].fn++;
	}
	eval->report.tokens += words;
}

/* ---- exact spans ---- */

static void keep_miss(struct polgraph_eval *eval,
                      const struct polgraph_result *result,
                      const struct span *span, bool false_positive)
{
	size_t *kept = false_positive ? &eval->fp_kept : &eval->fn_kept;
	struct polgraph_eval_miss *miss;

	if (*kept >= eval->max_misses)
		return;
	(*kept)++;
	polgraph_xgrow((void **)&eval->misses, &eval->miss_capacity,
	               eval->miss_count + 1, sizeof(*eval->misses));
	miss = &eval->misses[eval->miss_count++];
	miss->false_positive = false_positive;
	miss->type = (enum polgraph_eval_type)span->label;
	miss->article_id =
		result->article.id
			? polgraph_arena_strdup(&eval->keep, result->article.id)
			: NULL;
	miss->start = span->start;
	miss->end = span->end;
	miss->text = polgraph_arena_strndup(&eval->keep,
	                                    result->article.text + span->start,
	                                    span->end - span->start);
}

/* Both arrays sorted with compare_spans. Matches (start, end, label) one
 * to one, so a span annotated twice needs two mentions. */
static void score_spans(struct polgraph_eval *eval,
                        const struct polgraph_result *result, struct span *gold,
                        size_t gold_count, struct span *predicted,
                        size_t predicted_count)
{
	struct polgraph_eval_counts *counts =
		eval->report.entities[POLGRAPH_EVAL_SPAN];
	size_t g = 0, p = 0;

	while (g < gold_count && p < predicted_count) {
		int order;

		if (gold[g].label == LABEL_NONE) {
			g++;
			continue;
		}
		if (predicted[p].label == LABEL_NONE) {
			p++;
			continue;
		}
		order = compare_spans(&gold[g], &predicted[p]);
		if (compare_places(&gold[g], &predicted[p]) == 0 &&
		    gold[g].label == predicted[p].label) {
			gold[g].matched = predicted[p].matched = true;
			counts[gold[g].label].tp++;
			g++;
			p++;
		} else if (order < 0) {
			g++;
		} else {
			p++;
		}
	}
	/* Misses in text order, the gold one first at the same place. */
	g = p = 0;
	while (g < gold_count || p < predicted_count) {
		bool take_gold = p == predicted_count ||
		                 (g < gold_count &&
		                  compare_places(&gold[g], &predicted[p]) <= 0);
		const struct span *span =
			take_gold ? &gold[g++] : &predicted[p++];

		if (span->label == LABEL_NONE || span->matched)
			continue;
		if (take_gold)
			counts[span->label].fn++;
		else
			counts[span->label].fp++;
		keep_miss(eval, result, span, !take_gold);
	}
}

/* The mention at gold's place to count gold against: one of the same
 * scored type if any, else the first; NULL when there is none. */
static const struct span *confused_with(const struct span *gold,
                                        const struct span *at_place,
                                        size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (at_place[i].label == gold->label &&
		    gold->label != LABEL_NONE)
			return &at_place[i];
	return count ? &at_place[0] : NULL;
}

/* Type confusion at exact places, every type included. Both arrays
 * sorted with compare_spans, so each place is one run on either side. */
static void count_confusion(struct polgraph_eval *eval, const struct span *gold,
                            size_t gold_count, const struct span *predicted,
                            size_t predicted_count)
{
	size_t(*confusion)[POLGRAPH_ACTOR_TYPE_COUNT + 1] =
		eval->report.confusion;
	size_t g = 0, p = 0;

	while (g < gold_count || p < predicted_count) {
		const struct span *place =
			p == predicted_count ||
					(g < gold_count &&
		                         compare_places(&gold[g],
		                                        &predicted[p]) <= 0)
				? &gold[g]
				: &predicted[p];
		size_t g_end = g, p_end = p;

		while (g_end < gold_count &&
		       compare_places(&gold[g_end], place) == 0)
			g_end++;
		while (p_end < predicted_count &&
		       compare_places(&predicted[p_end], place) == 0)
			p_end++;
		if (g == g_end) {
			for (; p < p_end; p++)
				confusion[POLGRAPH_EVAL_GOLD_TYPE_COUNT]
					 [predicted[p].kind]++;
			continue;
		}
		for (; g < g_end; g++) {
			const struct span *match = confused_with(
				&gold[g], &predicted[p], p_end - p);

			confusion[gold[g].kind]
				 [match ? match->kind
			                : POLGRAPH_ACTOR_TYPE_COUNT]++;
		}
		p = p_end;
	}
}

/* ---- one document ---- */

static size_t scored(const struct span *spans, size_t count)
{
	size_t n = 0;

	for (size_t i = 0; i < count; i++)
		n += spans[i].label != LABEL_NONE;
	return n;
}

enum polgraph_status polgraph_eval_add(struct polgraph_eval *eval,
                                       const struct polgraph_result *result,
                                       const char *gold_line, size_t len,
                                       struct polgraph_error *err)
{
	const struct polgraph_article *article = &result->article;
	struct gold gold = {
		.result = result,
		.eval = eval,
		.line_len = len,
		.err = err,
	};
	struct polgraph_arena scratch = { 0 };
	struct span *gold_list = NULL, *predicted_list = NULL;
	size_t predicted_count = 0;
	struct cp_index index;
	enum polgraph_status status;

	polgraph_error_clear(err);
	status = polgraph_json_walk(gold_line, len, visit_gold, &gold, err);
	if (status != POLGRAPH_OK)
		goto out;
	if (!gold.has_text) {
		status = polgraph_error_set(err, POLGRAPH_INVALID,
		                            "missing required field 'text'");
		goto out;
	}
	if (!gold.text_matches) {
		status = polgraph_error_set(err, POLGRAPH_INVALID,
		                            "field 'text' is not the text of "
		                            "article '%s'",
		                            article->id ? article->id : "");
		goto out;
	}
	cp_index_build(&index, article->text, article->text_len, &scratch);
	status = gold_spans(&gold, &index, &scratch, &gold_list, err);
	if (status != POLGRAPH_OK)
		goto out;
	status = predicted_spans(result, &scratch, &predicted_list,
	                         &predicted_count, err);
	if (status != POLGRAPH_OK)
		goto out;

	/* Nothing can fail from here on, so a rejected line counts nothing. */
	eval->report.documents++;
	eval->report.gold_entities += scored(gold_list, gold.entity_count);
	eval->report.predicted_mentions +=
		scored(predicted_list, predicted_count);
	score_tokens(eval, article->text, article->text_len, gold_list,
	             gold.entity_count, predicted_list, predicted_count,
	             &scratch);
	qsort(gold_list, gold.entity_count, sizeof(*gold_list), compare_spans);
	qsort(predicted_list, predicted_count, sizeof(*predicted_list),
	      compare_spans);
	score_spans(eval, result, gold_list, gold.entity_count, predicted_list,
	            predicted_count);
	count_confusion(eval, gold_list, gold.entity_count, predicted_list,
	                predicted_count);
out:
	polgraph_arena_release(&scratch);
	return status;
}
