/*
 * eval.c - scoring actor recognition and relations against gold
 * annotations (eval.h).
 *
 * Consumes a pipeline result and the gold JSON line of the same text;
 * produces counts: per word/number token (each token labelled with the
 * type of the longest span covering it on either side), per exact span,
 * and per pair of actors for Occupation and Meeting facts. The gold line
 * is read with polgraph_json_walk into a struct gold; each scorer then
 * compares it with the result's mentions or relations.
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

static const char *const fact_names[] = {
#define POLGRAPH_EVAL_FACT_NAME(name, str) str,
	POLGRAPH_EVAL_FACTS(POLGRAPH_EVAL_FACT_NAME)
#undef POLGRAPH_EVAL_FACT_NAME
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

const char *polgraph_eval_fact_name(enum polgraph_eval_fact fact)
{
	if ((unsigned)fact >= POLGRAPH_EVAL_FACT_COUNT)
		return NULL;
	return fact_names[fact];
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
	const char *id;      /* what "clusters" list it by; may be NULL */
	const char *cluster; /* the real entity it names; may be NULL */
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
	size_t fact_fp_kept, fact_fn_kept;
	struct polgraph_eval_fact_miss *fact_misses;
	size_t fact_miss_count, fact_miss_capacity;
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
	free(eval->fact_misses);
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

size_t polgraph_eval_fact_miss_count(const struct polgraph_eval *eval)
{
	return eval->fact_miss_count;
}

const struct polgraph_eval_fact_miss *
polgraph_eval_fact_miss(const struct polgraph_eval *eval, size_t i)
{
	return i < eval->fact_miss_count ? &eval->fact_misses[i] : NULL;
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

/* The argument roles read from a fact; the others (Position, ...) are
 * not scored. */
enum gold_role { ROLE_WHO, ROLE_WHERE, ROLE_PARTICIPANT, ROLE_COUNT };

static const char *const role_names[ROLE_COUNT] = { "Who", "Where",
	                                            "Participant" };

/* A gold fact type scored, and the roles its pairs are drawn from: every
 * first x every second, or every two of one role (unordered). */
struct fact_type {
	const char *name; /* in the gold file */
	enum polgraph_eval_fact fact;
	enum gold_role first, second;
	bool needs_first; /* a fact without the first role is malformed */
};

static const struct fact_type fact_types[] = {
	{ "Occupation", POLGRAPH_EVAL_FACT_OCCUPATION, ROLE_WHO, ROLE_WHERE,
	  true },
	{ "Meeting", POLGRAPH_EVAL_FACT_MEETING, ROLE_PARTICIPANT,
	  ROLE_PARTICIPANT, false },
};

/* Our relation types that state a fact of each kind. */
static const struct {
	const char *relation;
	enum polgraph_eval_fact fact;
} relation_facts[] = {
	{ "holds-position", POLGRAPH_EVAL_FACT_OCCUPATION },
	{ "ambassador-of", POLGRAPH_EVAL_FACT_OCCUPATION },
	{ "meets-with", POLGRAPH_EVAL_FACT_MEETING },
};

/* Does the order of a pair of this kind not matter (a meeting)? */
static bool unordered(enum polgraph_eval_fact fact)
{
	for (size_t i = 0; i < sizeof(fact_types) / sizeof(fact_types[0]); i++)
		if (fact_types[i].fact == fact)
			return fact_types[i].first == fact_types[i].second;
	return false;
}

/* What "has_facts" said. */
enum has_facts { HAS_FACTS_ABSENT, HAS_FACTS_TRUE, HAS_FACTS_FALSE };

/* A byte range in the article text. */
struct range {
	size_t start, end;
};

/* "clusters.N": its id; the entities it lists are links. */
struct gold_cluster {
	const char *id; /* NULL until read */
};

/* "clusters.N.mentions.M": cluster N lists the entity with this id. */
struct gold_link {
	size_t cluster; /* index into gold->clusters */
	const char *entity_id;
};

/* "facts.N". */
struct gold_fact {
	const struct fact_type *type; /* NULL: not scored (Deal, ...) */
};

/* "facts.N.args.ROLE.M", kept as text until its fact is known to be
 * scored, then resolved to the byte ranges that stand for it. */
struct gold_arg {
	size_t fact; /* N */
	enum gold_role role;
	size_t index;           /* M */
	const char *kind;       /* "entity", "span"; NULL when absent */
	const char *cluster;    /* kind entity */
	const char *start_text; /* kind span, code points */
	const char *end_text;   /* kind span */
	const char *text;       /* as annotated; may be NULL */
	bool is_span;           /* resolved: a span, else a cluster */
	size_t start, end;      /* resolved span, code points */
	struct range *mentions; /* resolved, bytes */
	size_t mention_count;
};

/* What visit_gold collects from one gold line. Facts and clusters are
 * allocated in arena, released with the line. */
struct gold {
	const struct polgraph_result *result; /* to compare the text with */
	struct polgraph_eval *eval;           /* owns the entity array */
	struct polgraph_arena *arena;         /* everything else read */
	size_t entity_count;
	size_t line_len; /* bounds array indices */
	bool has_text;
	bool text_matches; /* "text" is result->article.text */
	enum has_facts has_facts;
	struct gold_cluster *clusters;
	size_t cluster_count, cluster_capacity;
	struct gold_link *links;
	size_t link_count, link_capacity;
	struct gold_fact *facts;
	size_t fact_count, fact_capacity;
	struct gold_arg *args; /* in document order, so by fact */
	size_t arg_count, arg_capacity;
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
	if (strcmp(field, "id") == 0 && value)
		entity->id = polgraph_arena_strdup(gold->arena, value);
	else if (strcmp(field, "cluster") == 0 && value)
		entity->cluster = polgraph_arena_strdup(gold->arena, value);
	/* text, fragments, ...: not needed to score. */
	return POLGRAPH_OK;
not_array:
	return polgraph_error_set(gold->err, POLGRAPH_INVALID,
	                          "field 'entities' must be an array of "
	                          "objects");
}

/* Element index of an array in gold->arena, counted (and zero) when new.
 * The caller bounds index by the line length. */
static void *slot_at(struct gold *gold, void **array, size_t *count,
                     size_t *capacity, size_t index, size_t elem_size)
{
	if (index >= *count) {
		polgraph_arena_grow(gold->arena, array, capacity, index + 1,
		                    elem_size);
		*count = index + 1;
	}
	return (char *)*array + index * elem_size;
}

/* Splits what follows an array's key, ".N.field", into N and field; false
 * for another shape or an N past bound (no element is shorter than a
 * byte). */
static bool array_field(const char *path, size_t bound, size_t *index,
                        const char **field)
{
	char *end;

	if (path[0] != '.' || path[1] < '0' || path[1] > '9')
		return false;
	*index = strtoul(path + 1, &end, 10);
	if (*end != '.' || *index > bound)
		return false;
	*field = end + 1;
	return true;
}

/* "field 'KEY' must be an array", "... of objects". */
static enum polgraph_status not_array(struct gold *gold, const char *key,
                                      bool scalar)
{
	return polgraph_error_set(gold->err, POLGRAPH_INVALID,
	                          "field '%s' must be an array%s", key,
	                          scalar ? "" : " of objects");
}

static enum polgraph_status gold_has_facts(struct gold *gold, const char *value)
{
	if (!value)
		gold->has_facts = HAS_FACTS_ABSENT;
	else if (strcmp(value, "true") == 0)
		gold->has_facts = HAS_FACTS_TRUE;
	else if (strcmp(value, "false") == 0)
		gold->has_facts = HAS_FACTS_FALSE;
	else
		return polgraph_error_set(gold->err, POLGRAPH_INVALID,
		                          "field 'has_facts' must be true or "
		                          "false, not '%s'",
		                          value);
	return POLGRAPH_OK;
}

/* Reads one scalar under "clusters": ".N.id", ".N.mentions.M". */
static enum polgraph_status
gold_cluster_field(struct gold *gold, const char *path, const char *value)
{
	struct gold_cluster *cluster;
	const char *field;
	size_t index;

	if (!value)
		return POLGRAPH_OK;
	if (*path == '\0')
		return not_array(gold, "clusters", true);
	if (!array_field(path, gold->line_len, &index, &field))
		return not_array(gold, "clusters", false);
	cluster = slot_at(gold, (void **)&gold->clusters, &gold->cluster_count,
	                  &gold->cluster_capacity, index,
	                  sizeof(*gold->clusters));
	if (strcmp(field, "id") == 0) {
		cluster->id = polgraph_arena_strdup(gold->arena, value);
	} else if (strncmp(field, "mentions.", 9) == 0) {
		struct gold_link *link =
			slot_at(gold, (void **)&gold->links, &gold->link_count,
		                &gold->link_capacity, gold->link_count,
		                sizeof(*gold->links));

		link->cluster = index;
		link->entity_id = polgraph_arena_strdup(gold->arena, value);
	}
	/* type, attrs, extra_spans, ...: not needed to score. */
	return POLGRAPH_OK;
}

/* The argument being read: the last one, or a new one. The walk visits
 * an argument's fields together. */
static struct gold_arg *gold_arg_at(struct gold *gold, size_t fact,
                                    enum gold_role role, size_t index)
{
	struct gold_arg *arg;

	if (gold->arg_count) {
		arg = &gold->args[gold->arg_count - 1];
		if (arg->fact == fact && arg->role == role &&
		    arg->index == index)
			return arg;
	}
	arg = slot_at(gold, (void **)&gold->args, &gold->arg_count,
	              &gold->arg_capacity, gold->arg_count,
	              sizeof(*gold->args));
	arg->fact = fact;
	arg->role = role;
	arg->index = index;
	return arg;
}

/* Reads one scalar under "facts.N.args." of fact index; field is what
 * follows: "Who.0.cluster", "Position.0.alternatives.1.start", ... */
static enum polgraph_status gold_arg_field(struct gold *gold, size_t fact,
                                           const char *field, const char *value)
{
	const char **slot = NULL;
	struct gold_arg *arg;
	const char *rest;
	size_t role, index, len = 0;

	for (role = 0; role < ROLE_COUNT; role++) {
		len = strlen(role_names[role]);
		if (strncmp(field, role_names[role], len) == 0 &&
		    (field[len] == '.' || field[len] == '\0'))
			break;
	}
	if (role == ROLE_COUNT || !value)
		return POLGRAPH_OK; /* Position, Phase, ...: not scored */
	if (!array_field(field + len, gold->line_len, &index, &rest))
		return polgraph_error_set(gold->err, POLGRAPH_INVALID,
		                          "facts.%zu.args.%s must be an array "
		                          "of objects",
		                          fact, role_names[role]);
	arg = gold_arg_at(gold, fact, (enum gold_role)role, index);
	if (strcmp(rest, "kind") == 0)
		slot = &arg->kind;
	else if (strcmp(rest, "cluster") == 0)
		slot = &arg->cluster;
	else if (strcmp(rest, "start") == 0)
		slot = &arg->start_text;
	else if (strcmp(rest, "end") == 0)
		slot = &arg->end_text;
	else if (strcmp(rest, "text") == 0)
		slot = &arg->text;
	/* ref, alternatives, ...: not needed to score. */
	if (slot)
		*slot = polgraph_arena_strdup(gold->arena, value);
	return POLGRAPH_OK;
}

/* Reads one scalar under "facts": ".N.type", ".N.args.ROLE.M.FIELD". */
static enum polgraph_status gold_fact_field(struct gold *gold, const char *path,
                                            const char *value)
{
	struct gold_fact *fact;
	const char *field;
	size_t index;

	if (*path == '\0')
		return value ? not_array(gold, "facts", true) : POLGRAPH_OK;
	if (!array_field(path, gold->line_len, &index, &field))
		return not_array(gold, "facts", false);
	fact = slot_at(gold, (void **)&gold->facts, &gold->fact_count,
	               &gold->fact_capacity, index, sizeof(*gold->facts));
	if (strcmp(field, "type") == 0) {
		fact->type = NULL;
		for (size_t i = 0;
		     value && i < sizeof(fact_types) / sizeof(fact_types[0]);
		     i++)
			if (strcmp(value, fact_types[i].name) == 0)
				fact->type = &fact_types[i];
		return POLGRAPH_OK;
	}
	if (strncmp(field, "args.", 5) == 0)
		return gold_arg_field(gold, index, field + 5, value);
	/* id, attrs: not needed to score. */
	return POLGRAPH_OK;
}

static enum polgraph_status visit_gold(void *ctx, const char *path,
                                       const char *value)
{
	struct gold *gold = ctx;

	if (strcmp(path, "text") == 0)
		return gold_text(gold, value);
	if (strcmp(path, "has_facts") == 0)
		return gold_has_facts(gold, value);
	if (strncmp(path, "entities", 8) == 0 &&
	    (path[8] == '\0' || path[8] == '.'))
		return gold_entity_field(gold, path + 8, value);
	if (strncmp(path, "clusters", 8) == 0 &&
	    (path[8] == '\0' || path[8] == '.'))
		return gold_cluster_field(gold, path + 8, value);
	if (strncmp(path, "facts", 5) == 0 &&
	    (path[5] == '\0' || path[5] == '.'))
		return gold_fact_field(gold, path + 5, value);
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

/* ---- facts: gold pairs ---- */

/* An entity id and the entity's index, for the ids "clusters" lists. */
struct entity_id {
	const char *id;
	size_t entity;
};

static int compare_entity_ids(const void *left, const void *right)
{
	const struct entity_id *x = left, *y = right;

	return strcmp(x->id, y->id);
}

/* The gold side of the facts: what the arguments are resolved with. */
struct fact_gold {
	const struct gold *gold;
	const struct cp_index *index; /* code points to bytes */
	const struct span *entities;  /* in entity order, bytes */
	const struct entity_id *ids;  /* sorted by id */
	size_t id_count;
	struct polgraph_arena *arena;
	struct polgraph_error *err;
};

/* Two pairs of one kind, or one argument in two facts, name the same
 * thing when they have the same cluster or the same span. */
static bool same_arg(const struct gold_arg *x, const struct gold_arg *y)
{
	if (x->is_span != y->is_span)
		return false;
	if (x->is_span)
		return x->start == y->start && x->end == y->end;
	return strcmp(x->cluster, y->cluster) == 0;
}

static enum polgraph_status arg_error(const struct fact_gold *facts,
                                      const struct gold_arg *arg,
                                      const char *what, const char *value)
{
	return polgraph_error_set(
		facts->err, POLGRAPH_INVALID, "facts.%zu.args.%s.%zu: %s%s%s%s",
		arg->fact, role_names[arg->role], arg->index, what,
		value ? " '" : "", value ? value : "", value ? "'" : "");
}

/* A span argument: its one range. */
static enum polgraph_status resolve_span(const struct fact_gold *facts,
                                         struct gold_arg *arg)
{
	if (!arg->start_text || !arg->end_text)
		return arg_error(facts, arg,
		                 arg->start_text ? "missing end"
		                                 : "missing start",
		                 NULL);
	if (!parse_offset(arg->start_text, &arg->start))
		return arg_error(facts, arg,
		                 "start must be a non-negative integer, not",
		                 arg->start_text);
	if (!parse_offset(arg->end_text, &arg->end))
		return arg_error(facts, arg,
		                 "end must be a non-negative integer, not",
		                 arg->end_text);
	if (arg->end <= arg->start || arg->end > facts->index->code_points)
		return polgraph_error_set(
			facts->err, POLGRAPH_INVALID,
			"facts.%zu.args.%s.%zu: span %zu..%zu is empty or past "
			"the end of the text (%zu code points)",
			arg->fact, role_names[arg->role], arg->index,
			arg->start, arg->end, facts->index->code_points);
	arg->is_span = true;
	arg->mentions =
		polgraph_arena_alloc(facts->arena, sizeof(*arg->mentions));
	arg->mentions[0] = (struct range){
		cp_to_byte(facts->index, arg->start),
		cp_to_byte(facts->index, arg->end),
	};
	arg->mention_count = 1;
	return POLGRAPH_OK;
}

/* An entity argument: every entity of its cluster, whether the entity
 * names the cluster or the cluster lists the entity. */
static enum polgraph_status resolve_cluster(const struct fact_gold *facts,
                                            struct gold_arg *arg)
{
	const struct gold *gold = facts->gold;
	const struct gold_entity *entities = gold->eval->entities;
	size_t n = 0;

	if (!arg->cluster)
		return arg_error(facts, arg, "missing cluster", NULL);
	arg->mentions = polgraph_arena_alloc(
		facts->arena, (gold->entity_count + gold->link_count + 1) *
				      sizeof(*arg->mentions));
	for (size_t e = 0; e < gold->entity_count; e++)
		if (entities[e].cluster &&
		    strcmp(entities[e].cluster, arg->cluster) == 0)
			arg->mentions[n++] =
				(struct range){ facts->entities[e].start,
				                facts->entities[e].end };
	for (size_t l = 0; l < gold->link_count; l++) {
		const struct gold_link *link = &gold->links[l];
		const char *cluster_id = gold->clusters[link->cluster].id;
		struct entity_id key = { link->entity_id, 0 };
		const struct entity_id *found;

		if (!cluster_id || strcmp(cluster_id, arg->cluster) != 0)
			continue;
		found = bsearch(&key, facts->ids, facts->id_count,
		                sizeof(*facts->ids), compare_entity_ids);
		if (found)
			arg->mentions[n++] = (struct range){
				facts->entities[found->entity].start,
				facts->entities[found->entity].end
			};
	}
	if (n == 0)
		return arg_error(facts, arg, "no entity is in cluster",
		                 arg->cluster);
	arg->mention_count = n;
	return POLGRAPH_OK;
}

static enum polgraph_status resolve_arg(const struct fact_gold *facts,
                                        struct gold_arg *arg)
{
	const char *kind = arg->kind      ? arg->kind
	                   : arg->cluster ? "entity"
	                                  : "span";

	if (strcmp(kind, "span") == 0)
		return resolve_span(facts, arg);
	if (strcmp(kind, "entity") == 0)
		return resolve_cluster(facts, arg);
	return arg_error(facts, arg, "unknown kind", kind);
}

/* A gold fact reduced to two arguments. */
struct gold_pair {
	enum polgraph_eval_fact fact;
	const struct gold_arg *first, *second; /* Who, Where */
	bool matched;
};

static bool same_pair(const struct gold_pair *pair,
                      enum polgraph_eval_fact fact,
                      const struct gold_arg *first,
                      const struct gold_arg *second)
{
	if (pair->fact != fact)
		return false;
	if (same_arg(pair->first, first) && same_arg(pair->second, second))
		return true;
	return unordered(fact) && same_arg(pair->first, second) &&
	       same_arg(pair->second, first);
}

/* Appends the pair unless it is one argument twice or already there. */
static void add_gold_pair(struct gold_pair *pairs, size_t *count,
                          enum polgraph_eval_fact fact,
                          const struct gold_arg *first,
                          const struct gold_arg *second)
{
	if (same_arg(first, second))
		return;
	for (size_t i = 0; i < *count; i++)
		if (same_pair(&pairs[i], fact, first, second))
			return;
	pairs[(*count)++] = (struct gold_pair){ fact, first, second, false };
}

/* The pairs of the arguments args[0..count) of one fact of type. */
static enum polgraph_status fact_pairs(const struct fact_gold *facts,
                                       const struct fact_type *type,
                                       size_t fact_index, struct gold_arg *args,
                                       size_t count, struct gold_pair *pairs,
                                       size_t *pair_count)
{
	enum polgraph_status status;
	bool has_first = false;

	for (size_t i = 0; i < count; i++) {
		if (args[i].role != type->first && args[i].role != type->second)
			continue;
		status = resolve_arg(facts, &args[i]);
		if (status != POLGRAPH_OK)
			return status;
		has_first = has_first || args[i].role == type->first;
	}
	if (type->needs_first && !has_first)
		return polgraph_error_set(facts->err, POLGRAPH_INVALID,
		                          "facts.%zu: %s without %s",
		                          fact_index, type->name,
		                          role_names[type->first]);
	for (size_t i = 0; i < count; i++) {
		if (args[i].role != type->first)
			continue;
		/* Every two of one role are taken once: j after i. */
		for (size_t j = type->first == type->second ? i + 1 : 0;
		     j < count; j++)
			if (args[j].role == type->second)
				add_gold_pair(pairs, pair_count, type->fact,
				              &args[i], &args[j]);
	}
	return POLGRAPH_OK;
}

/* Does the gold line annotate facts? */
static bool facts_annotated(const struct gold *gold)
{
	if (gold->has_facts != HAS_FACTS_ABSENT)
		return gold->has_facts == HAS_FACTS_TRUE;
	return gold->fact_count > 0;
}

/* The pairs of every Occupation and Meeting of the gold line, distinct;
 * entities are the gold entities in bytes, in entity order. */
static enum polgraph_status
gold_pairs(const struct gold *gold, const struct cp_index *index,
           const struct span *entities, struct polgraph_arena *arena,
           struct gold_pair **pairs, size_t *count, struct polgraph_error *err)
{
	const struct gold_entity *read = gold->eval->entities;
	struct fact_gold facts = {
		.gold = gold,
		.index = index,
		.entities = entities,
		.arena = arena,
		.err = err,
	};
	struct entity_id *ids;
	size_t capacity = 0;

	ids = polgraph_arena_alloc(arena,
	                           (gold->entity_count + 1) * sizeof(*ids));
	for (size_t e = 0; e < gold->entity_count; e++)
		if (read[e].id)
			ids[facts.id_count++] =
				(struct entity_id){ read[e].id, e };
	qsort(ids, facts.id_count, sizeof(*ids), compare_entity_ids);
	facts.ids = ids;
	/* At most n(n-1)/2 pairs from n arguments of one fact. */
	for (size_t a = 0, run; a < gold->arg_count; a += run) {
		for (run = 1; a + run < gold->arg_count &&
		              gold->args[a + run].fact == gold->args[a].fact;
		     run++)
			;
		capacity += run * (run + 1) / 2;
	}
	*pairs = polgraph_arena_alloc(arena, (capacity + 1) * sizeof(**pairs));
	*count = 0;
	for (size_t f = 0, a = 0; f < gold->fact_count; f++) {
		size_t first = a;
		enum polgraph_status status;

		while (a < gold->arg_count && gold->args[a].fact == f)
			a++;
		if (!gold->facts[f].type)
			continue;
		status = fact_pairs(&facts, gold->facts[f].type, f,
		                    &gold->args[first], a - first, *pairs,
		                    count);
		if (status != POLGRAPH_OK)
			return status;
	}
	return POLGRAPH_OK;
}

/* ---- facts: predicted pairs and matching ---- */

/* A relation reduced to its two actors; distinct per document. */
struct predicted_pair {
	enum polgraph_eval_fact fact;
	const char *first_key, *second_key; /* ordered by key if unordered */
	const struct polgraph_actor *first, *second; /* NULL if unknown */
	bool matched;
};

static const struct polgraph_actor *
find_actor(const struct polgraph_result *result, const char *key)
{
	for (size_t a = 0; a < result->actor_count; a++)
		if (result->actors[a].key &&
		    strcmp(result->actors[a].key, key) == 0)
			return &result->actors[a];
	return NULL;
}

/* The relations that state an Occupation or a Meeting, not negated, as
 * distinct pairs in relation order. */
static void predicted_pairs(const struct polgraph_result *result,
                            struct polgraph_arena *arena,
                            struct predicted_pair **pairs, size_t *count)
{
	size_t n = 0;

	*pairs = polgraph_arena_alloc(arena, (result->relation_count + 1) *
	                                             sizeof(**pairs));
	for (size_t r = 0; r < result->relation_count; r++) {
		const struct polgraph_relation *relation =
			&result->relations[r];
		const char *first = relation->source,
			   *second = relation->target;
		size_t k, i;

		if (relation->negated || !relation->type || !first || !second)
			continue;
		for (k = 0;
		     k < sizeof(relation_facts) / sizeof(relation_facts[0]);
		     k++)
			if (strcmp(relation->type,
			           relation_facts[k].relation) == 0)
				break;
		if (k == sizeof(relation_facts) / sizeof(relation_facts[0]))
			continue;
		if (unordered(relation_facts[k].fact) &&
		    strcmp(first, second) > 0) {
			first = relation->target;
			second = relation->source;
		}
		for (i = 0; i < n; i++)
			if ((*pairs)[i].fact == relation_facts[k].fact &&
			    strcmp((*pairs)[i].first_key, first) == 0 &&
			    strcmp((*pairs)[i].second_key, second) == 0)
				break;
		if (i < n)
			continue;
		(*pairs)[n++] = (struct predicted_pair){
			.fact = relation_facts[k].fact,
			.first_key = first,
			.second_key = second,
			.first = find_actor(result, first),
			.second = find_actor(result, second),
		};
	}
	*count = n;
}

/* Does a mention of actor overlap a range of the argument? */
static bool stands_for(const struct polgraph_actor *actor,
                       const struct gold_arg *arg)
{
	if (!actor)
		return false;
	for (size_t m = 0; m < actor->mention_count; m++)
		for (size_t r = 0; r < arg->mention_count; r++)
			if (actor->mentions[m].start < arg->mentions[r].end &&
			    arg->mentions[r].start < actor->mentions[m].end)
				return true;
	return false;
}

static bool pair_matches(const struct predicted_pair *predicted,
                         const struct gold_pair *gold)
{
	if (predicted->fact != gold->fact)
		return false;
	if (stands_for(predicted->first, gold->first) &&
	    stands_for(predicted->second, gold->second))
		return true;
	return unordered(gold->fact) &&
	       stands_for(predicted->first, gold->second) &&
	       stands_for(predicted->second, gold->first);
}

/* What to call a gold argument in a miss: its annotated text, or the text
 * at its first range. */
static const char *arg_text(struct polgraph_arena *keep,
                            const struct polgraph_result *result,
                            const struct gold_arg *arg)
{
	if (arg->text)
		return polgraph_arena_strdup(keep, arg->text);
	return polgraph_arena_strndup(
		keep, result->article.text + arg->mentions[0].start,
		arg->mentions[0].end - arg->mentions[0].start);
}

/* What to call a predicted actor in a miss: its first mention by name,
 * else its first mention, else its key. */
static const char *actor_text(struct polgraph_arena *keep,
                              const struct polgraph_actor *actor,
                              const char *key)
{
	const struct polgraph_mention *mention = NULL;

	for (size_t m = 0; actor && m < actor->mention_count; m++) {
		if (!actor->mentions[m].text)
			continue;
		if (!mention ||
		    (actor->mentions[m].kind == POLGRAPH_MENTION_NAME &&
		     mention->kind != POLGRAPH_MENTION_NAME))
			mention = &actor->mentions[m];
	}
	return polgraph_arena_strdup(keep, mention ? mention->text : key);
}

static void keep_fact_miss(struct polgraph_eval *eval,
                           const struct polgraph_result *result,
                           enum polgraph_eval_fact fact, bool false_positive,
                           const struct gold_pair *gold,
                           const struct predicted_pair *predicted)
{
	size_t *kept =
		false_positive ? &eval->fact_fp_kept : &eval->fact_fn_kept;
	struct polgraph_eval_fact_miss *miss;

	if (*kept >= eval->max_misses)
		return;
	(*kept)++;
	polgraph_xgrow((void **)&eval->fact_misses, &eval->fact_miss_capacity,
	               eval->fact_miss_count + 1, sizeof(*eval->fact_misses));
	miss = &eval->fact_misses[eval->fact_miss_count++];
	miss->false_positive = false_positive;
	miss->fact = fact;
	miss->article_id =
		result->article.id
			? polgraph_arena_strdup(&eval->keep, result->article.id)
			: NULL;
	if (gold) {
		miss->first = arg_text(&eval->keep, result, gold->first);
		miss->second = arg_text(&eval->keep, result, gold->second);
	} else {
		miss->first = actor_text(&eval->keep, predicted->first,
		                         predicted->first_key);
		miss->second = actor_text(&eval->keep, predicted->second,
		                          predicted->second_key);
	}
}

/* A gold pair is found when some predicted pair matches it; a predicted
 * pair is wrong when it matches none. */
static void score_facts(struct polgraph_eval *eval,
                        const struct polgraph_result *result,
                        struct gold_pair *gold, size_t gold_count,
                        struct predicted_pair *predicted,
                        size_t predicted_count)
{
	for (size_t g = 0; g < gold_count; g++)
		for (size_t p = 0; p < predicted_count; p++)
			if (pair_matches(&predicted[p], &gold[g]))
				gold[g].matched = predicted[p].matched = true;
	for (size_t fact = 0; fact < POLGRAPH_EVAL_FACT_COUNT; fact++) {
		struct polgraph_eval_counts *counts = &eval->report.facts[fact];

		for (size_t g = 0; g < gold_count; g++) {
			if (gold[g].fact != fact)
				continue;
			if (gold[g].matched) {
				counts->tp++;
				continue;
			}
			counts->fn++;
			keep_fact_miss(eval, result, gold[g].fact, false,
			               &gold[g], NULL);
		}
		for (size_t p = 0; p < predicted_count; p++) {
			if (predicted[p].fact != fact || predicted[p].matched)
				continue;
			counts->fp++;
			keep_fact_miss(eval, result, predicted[p].fact, true,
			               NULL, &predicted[p]);
		}
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
	struct polgraph_arena scratch = { 0 };
	struct gold gold = {
		.result = result,
		.eval = eval,
		.arena = &scratch,
		.line_len = len,
		.err = err,
	};
	struct span *gold_list = NULL, *predicted_list = NULL;
	struct gold_pair *gold_pair_list = NULL;
	struct predicted_pair *predicted_pair_list = NULL;
	size_t predicted_count = 0, gold_pair_count = 0,
	       predicted_pair_count = 0;
	bool score_facts_too = false;
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
	score_facts_too = facts_annotated(&gold);
	if (score_facts_too) {
		status = gold_pairs(&gold, &index, gold_list, &scratch,
		                    &gold_pair_list, &gold_pair_count, err);
		if (status != POLGRAPH_OK)
			goto out;
		predicted_pairs(result, &scratch, &predicted_pair_list,
		                &predicted_pair_count);
	}

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
	if (score_facts_too) {
		eval->report.fact_documents++;
		score_facts(eval, result, gold_pair_list, gold_pair_count,
		            predicted_pair_list, predicted_pair_count);
	}
out:
	polgraph_arena_release(&scratch);
	return status;
}
