/*
 * pipeline.c - runs one article through the extraction stages (pipeline.h).
 *
 * Consumes a struct polgraph_article; produces a struct polgraph_result in
 * the result's arena: the article copy with its language, sentences, actors,
 * relations and the co-mentions derived from the actors' mentions.
 * The text stage splits sentences and tokenises them once; actor
 * recognition and relation rules share those tokens and their form ids.
 */
#include <stdlib.h>
#include <string.h>

#include "polgraph/actors.h"
#include "polgraph/pipeline.h"
#include "polgraph/relations.h"

static const char *const actor_type_names[] = {
#define POLGRAPH_ACTOR_TYPE_NAME(name, str) str,
	POLGRAPH_ACTOR_TYPES(POLGRAPH_ACTOR_TYPE_NAME)
#undef POLGRAPH_ACTOR_TYPE_NAME
};

const char *polgraph_actor_type_name(enum polgraph_actor_type type)
{
	if ((unsigned)type >= POLGRAPH_ACTOR_TYPE_COUNT)
		return NULL;
	return actor_type_names[type];
}

static const char *const mention_kind_names[] = {
#define POLGRAPH_MENTION_KIND_NAME(name, str) str,
	POLGRAPH_MENTION_KINDS(POLGRAPH_MENTION_KIND_NAME)
#undef POLGRAPH_MENTION_KIND_NAME
};

const char *polgraph_mention_kind_name(enum polgraph_mention_kind kind)
{
	if ((unsigned)kind >= POLGRAPH_MENTION_KIND_COUNT)
		return NULL;
	return mention_kind_names[kind];
}

bool polgraph_mention_kind_parse(const char *name,
                                 enum polgraph_mention_kind *kind)
{
	for (size_t i = 0; i < POLGRAPH_MENTION_KIND_COUNT; i++) {
		if (strcmp(name, mention_kind_names[i]) == 0) {
			*kind = (enum polgraph_mention_kind)i;
			return true;
		}
	}
	return false;
}

bool polgraph_actor_type_parse(const char *name, enum polgraph_actor_type *type)
{
	for (size_t i = 0; i < POLGRAPH_ACTOR_TYPE_COUNT; i++) {
		if (strcmp(name, actor_type_names[i]) == 0) {
			*type = (enum polgraph_actor_type)i;
			return true;
		}
	}
	return false;
}

const char *polgraph_default_data_dir(void)
{
	return POLGRAPH_DATA_DIR;
}

/* Word forms numbered at most (struct polgraph_forms): a news corpus has a
 * few hundred thousand; past this the stages derive forms per article. */
#define MAX_FORMS 100000

struct polgraph_pipeline {
	char *data_dir;                       /* lexicons, cues and rules */
	struct polgraph_forms *forms;         /* ids of tokens' word forms */
	struct polgraph_actors *actors;       /* lexicon and recogniser */
	struct polgraph_relations *relations; /* relation rules */
};

struct polgraph_pipeline *polgraph_pipeline_new(const char *data_dir,
                                                struct polgraph_error *err)
{
	struct polgraph_pipeline *pipeline;

	polgraph_error_clear(err);
	pipeline = polgraph_xcalloc(1, sizeof(*pipeline));
	pipeline->data_dir =
		polgraph_xstrdup(data_dir ? data_dir : POLGRAPH_DATA_DIR);
	pipeline->forms = polgraph_forms_new(MAX_FORMS);
	pipeline->actors = polgraph_actors_new(pipeline->data_dir, NULL, err);
	if (!pipeline->actors) {
		polgraph_pipeline_free(pipeline);
		return NULL;
	}
	pipeline->relations = polgraph_relations_new(
		pipeline->data_dir, polgraph_actors_lexicon(pipeline->actors),
		err);
	if (!pipeline->relations) {
		polgraph_pipeline_free(pipeline);
		return NULL;
	}
	return pipeline;
}

void polgraph_pipeline_free(struct polgraph_pipeline *pipeline)
{
	if (!pipeline)
		return;
	polgraph_relations_free(pipeline->relations);
	polgraph_actors_free(pipeline->actors);
	polgraph_forms_free(pipeline->forms);
	free(pipeline->data_dir);
	free(pipeline);
}

static const char *arena_copy(struct polgraph_arena *arena, const char *s)
{
	return s ? polgraph_arena_strdup(arena, s) : NULL;
}

static void copy_article(struct polgraph_result *result,
                         const struct polgraph_article *article)
{
	struct polgraph_arena *arena = &result->arena;
	struct polgraph_article *copy = &result->article;

	copy->id = arena_copy(arena, article->id);
	copy->date = arena_copy(arena, article->date);
	copy->title = arena_copy(arena, article->title);
	copy->source = arena_copy(arena, article->source);
	copy->url = arena_copy(arena, article->url);
	copy->origin = arena_copy(arena, article->origin);
	copy->line = article->line;
	copy->text =
		polgraph_arena_strndup(arena, article->text, article->text_len);
	copy->text_len = article->text_len;
	copy->lang = article->lang && *article->lang
	                     ? polgraph_arena_strdup(arena, article->lang)
	                     : polgraph_text_detect_lang(article->text,
	                                                 article->text_len);
}

/* Tokenises every sentence once, for every stage, and numbers the forms. */
static void tokenize(struct polgraph_pipeline *pipeline,
                     struct polgraph_result *result)
{
	size_t capacity = 0;

	/* Room for a token per 5 bytes, more than news text has (words
	 * average 6 bytes in English and 12 in Russian, with the space):
	 * the array is rarely copied to grow. Not zero-filled: the
	 * tokenizer writes every token it counts. */
	capacity = result->article.text_len / 5 + 16;
	result->tokens = polgraph_arena_take(
		&result->arena, capacity * sizeof(*result->tokens));
	result->sentence_tokens = polgraph_arena_alloc(
		&result->arena, (result->sentence_count + 1) *
					sizeof(*result->sentence_tokens));
	for (size_t s = 0; s < result->sentence_count; s++) {
		result->sentence_tokens[s] = result->token_count;
		polgraph_text_tokens_append(
			result->article.text, result->sentences[s].start,
			result->sentences[s].end, &result->arena,
			&result->tokens, &result->token_count, &capacity);
	}
	result->sentence_tokens[result->sentence_count] = result->token_count;
	polgraph_forms_assign(pipeline->forms, result->article.text,
	                      result->tokens, result->token_count);
	result->forms = pipeline->forms;
}

enum polgraph_status
polgraph_pipeline_run(struct polgraph_pipeline *pipeline,
                      const struct polgraph_article *article,
                      struct polgraph_result *result,
                      struct polgraph_error *err)
{
	enum polgraph_status status;

	polgraph_error_clear(err);
	polgraph_result_release(result);
	copy_article(result, article);
	polgraph_text_sentences(result->article.text, result->article.text_len,
	                        result->article.lang, &result->arena,
	                        &result->sentences, &result->sentence_count);
	tokenize(pipeline, result);
	status = polgraph_actors_run(pipeline->actors, result, err);
	if (status == POLGRAPH_OK)
		status = polgraph_relations_run(pipeline->relations, result,
		                                err);
	if (status != POLGRAPH_OK)
		return status;
	polgraph_result_comentions(result);
	return POLGRAPH_OK;
}

void polgraph_result_release(struct polgraph_result *result)
{
	polgraph_arena_release(&result->arena);
	memset(result, 0, sizeof(*result));
}

/* ---- co-mentions ---- */

struct pair_hit {
	size_t a, b; /* actor indices, a < b in key order */
	size_t sentence;
};

static int compare_hits(const void *left, const void *right)
{
	const struct pair_hit *x = left, *y = right;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	if (x->b != y->b)
		return x->b < y->b ? -1 : 1;
	if (x->sentence != y->sentence)
		return x->sentence < y->sentence ? -1 : 1;
	return 0;
}

struct actor_in_sentence {
	size_t sentence;
	size_t actor;
};

static int compare_presence(const void *left, const void *right)
{
	const struct actor_in_sentence *x = left, *y = right;

	if (x->sentence != y->sentence)
		return x->sentence < y->sentence ? -1 : 1;
	if (x->actor != y->actor)
		return x->actor < y->actor ? -1 : 1;
	return 0;
}

static int compare_actor_keys(const struct polgraph_result *result, size_t i,
                              size_t j)
{
	return strcmp(result->actors[i].key, result->actors[j].key);
}

/*
 * Sentence-window co-mentions. Cost: O(M log M) for M mentions plus the
 * pairs actually present in each sentence.
 */
void polgraph_result_comentions(struct polgraph_result *result)
{
	struct actor_in_sentence *presence = NULL;
	struct pair_hit *hits = NULL;
	size_t presence_count = 0, mention_total = 0, hit_count = 0;
	size_t hit_capacity = 0, out_capacity = 0;

	result->comentions = NULL;
	result->comention_count = 0;
	for (size_t i = 0; i < result->actor_count; i++)
		mention_total += result->actors[i].mention_count;
	if (mention_total < 2)
		return;

	presence = polgraph_xmalloc(mention_total * sizeof(*presence));
	for (size_t i = 0; i < result->actor_count; i++) {
		const struct polgraph_actor *actor = &result->actors[i];

		for (size_t m = 0; m < actor->mention_count; m++) {
			presence[presence_count].sentence =
				actor->mentions[m].sentence;
			presence[presence_count].actor = i;
			presence_count++;
		}
	}
	qsort(presence, presence_count, sizeof(*presence), compare_presence);

	for (size_t first = 0; first < presence_count;) {
		size_t last = first;

		while (last < presence_count &&
		       presence[last].sentence == presence[first].sentence)
			last++;
		for (size_t i = first; i < last; i++) {
			if (i > first &&
			    presence[i].actor == presence[i - 1].actor)
				continue;
			for (size_t j = i + 1; j < last; j++) {
				size_t x = presence[i].actor;
				size_t y = presence[j].actor;

				if (y == presence[j - 1].actor && j > i + 1)
					continue;
				if (x == y)
					continue;
				polgraph_xgrow((void **)&hits, &hit_capacity,
				               hit_count + 1, sizeof(*hits));
				if (compare_actor_keys(result, x, y) > 0) {
					size_t swap = x;

					x = y;
					y = swap;
				}
				hits[hit_count].a = x;
				hits[hit_count].b = y;
				hits[hit_count].sentence = presence[i].sentence;
				hit_count++;
			}
		}
		first = last;
	}
	free(presence);
	if (hit_count) /* hits is NULL when no two actors share a sentence */
		qsort(hits, hit_count, sizeof(*hits), compare_hits);

	for (size_t first = 0; first < hit_count;) {
		size_t last = first;
		struct polgraph_comention *pair;

		while (last < hit_count && hits[last].a == hits[first].a &&
		       hits[last].b == hits[first].b)
			last++;
		polgraph_arena_grow(&result->arena,
		                    (void **)&result->comentions, &out_capacity,
		                    result->comention_count + 1,
		                    sizeof(*result->comentions));
		pair = &result->comentions[result->comention_count++];
		pair->a = result->actors[hits[first].a].key;
		pair->b = result->actors[hits[first].b].key;
		pair->sentences = polgraph_arena_alloc(
			&result->arena, (last - first) * sizeof(size_t));
		for (size_t k = first; k < last; k++)
			pair->sentences[pair->sentence_count++] =
				hits[k].sentence;
		first = last;
	}
	free(hits);
}
