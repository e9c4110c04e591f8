/*
 * pipeline.h - the one place that runs the extraction stages.
 *
 * Consumes one struct polgraph_article; runs text (sentences) -> actors ->
 * relations -> co-mentions and produces a struct polgraph_result, all of it
 * allocated in the result's arena. `polgraph extract` prints the result as
 * JSON (json.h); `polgraph ingest` hands it to the store (store.h). The
 * pipeline never sees a database.
 */
#ifndef POLGRAPH_PIPELINE_H
#define POLGRAPH_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "polgraph/ingest.h"
#include "polgraph/mem.h"
#include "polgraph/status.h"
#include "polgraph/text.h"

/* X-macro of actor types: enum suffix, name in JSON and in the store. */
#define POLGRAPH_ACTOR_TYPES(_)                                                \
	_(COUNTRY, "country")                                                  \
	_(PERSON, "person")                                                    \
	_(ORGANIZATION, "organization")                                        \
	_(LOCATION, "location")                                                \
	_(GROUP, "group")

/* clang-format cannot see the commas inside the X-macro. */
/* clang-format off */
enum polgraph_actor_type {
#define POLGRAPH_ACTOR_TYPE_ENUM(name, str) POLGRAPH_ACTOR_##name,
	POLGRAPH_ACTOR_TYPES(POLGRAPH_ACTOR_TYPE_ENUM)
#undef POLGRAPH_ACTOR_TYPE_ENUM
	POLGRAPH_ACTOR_TYPE_COUNT
};
/* clang-format on */

/* "country", ...; NULL for an out-of-range value. */
const char *polgraph_actor_type_name(enum polgraph_actor_type type);
/* Parses a type name; returns false if unknown. */
bool polgraph_actor_type_parse(const char *name,
                               enum polgraph_actor_type *type);

/* X-macro of mention kinds: how the text names the actor. */
#define POLGRAPH_MENTION_KINDS(_)                                                                 \
	_(NAME, "name") /* its name, a variant or an abbreviation */                              \
	_(DEMONYM, "demonym") /* "белорусское посольство": the state acts */ \
	_(METONYM, "metonym") /* "Кремль", "Washington" for the state */

/* clang-format off */
enum polgraph_mention_kind {
#define POLGRAPH_MENTION_KIND_ENUM(name, str) POLGRAPH_MENTION_##name,
	POLGRAPH_MENTION_KINDS(POLGRAPH_MENTION_KIND_ENUM)
#undef POLGRAPH_MENTION_KIND_ENUM
	POLGRAPH_MENTION_KIND_COUNT
};
/* clang-format on */

/* "name", "demonym", "metonym"; NULL for an out-of-range value. */
const char *polgraph_mention_kind_name(enum polgraph_mention_kind kind);
/* Parses a kind name; returns false if unknown. */
bool polgraph_mention_kind_parse(const char *name,
                                 enum polgraph_mention_kind *kind);

struct polgraph_mention {
	size_t start;                    /* byte offset into the article text */
	size_t end;                      /* end exclusive */
	size_t sentence;                 /* index into result->sentences */
	const char *text;                /* the surface form, as in the text */
	enum polgraph_mention_kind kind; /* name, demonym or metonym */
};

struct polgraph_actor {
	const char *key;  /* stable: "country:BLR", "person:..." */
	const char *name; /* display name, Latin script */
	enum polgraph_actor_type type;
	const char **aliases; /* distinct surface forms, sorted */
	size_t alias_count;
	struct polgraph_mention *mentions; /* in text order */
	size_t mention_count;
};

struct polgraph_relation {
	const char *type;   /* "ambassador-of", "meets-with", ... */
	const char *source; /* actor key */
	const char *target; /* actor key */
	size_t sentence;    /* index into result->sentences */
	size_t start;       /* evidence span in the article text */
	size_t end;
	bool negated;      /* "did not meet": kept, flagged */
	const char *rule;  /* id of the rule that matched */
	double confidence; /* 0..1 */
	const char *attrs; /* JSON object text, NULL for {} */
};

struct polgraph_comention {
	const char *a; /* actor key, a < b by strcmp */
	const char *b;
	size_t *sentences; /* sentence indices, ascending */
	size_t sentence_count;
};

/*
 * What the pipeline found in one article. Everything, strings included, is
 * allocated in `arena`; polgraph_result_release frees it all at once.
 */
struct polgraph_result {
	struct polgraph_arena arena;
	struct polgraph_article article; /* copy of the input, strings in arena;
	                                    lang filled in */
	struct polgraph_sentence *sentences;
	size_t sentence_count;
	/* The tokens of every sentence in text order, each with its form id
	 * in `forms`, tokenised once for all stages; NULL when the result was
	 * not made by polgraph_pipeline_run (then stages tokenise). */
	struct polgraph_token *tokens;
	size_t token_count;
	size_t *sentence_tokens;            /* [s]: first token of sentence s;
	                                       [sentence_count]: token_count */
	const struct polgraph_forms *forms; /* the pipeline's form table, whose
	                                       ids stay valid while it lives */
	struct polgraph_actor *actors;      /* sorted by key */
	size_t actor_count;
	struct polgraph_relation *relations; /* by sentence, then type */
	size_t relation_count;
	struct polgraph_comention *comentions; /* sorted by (a, b) */
	size_t comention_count;
};

struct polgraph_pipeline;

/*
 * The data directory used when none is given (data_dir NULL below): the
 * data/ of the source tree polgraph was built from. Static, never NULL.
 */
const char *polgraph_default_data_dir(void);

/* Free with polgraph_pipeline_free. Returns NULL and fills err on failure
 * (e.g. unreadable data files). data_dir may be NULL for the default. */
struct polgraph_pipeline *polgraph_pipeline_new(const char *data_dir,
                                                struct polgraph_error *err);
void polgraph_pipeline_free(struct polgraph_pipeline *pipeline);

/*
 * Runs every stage on article and fills *result (which the caller
 * zero-initialises or releases before reuse). The article is copied, so it
 * may go away afterwards. Costs O(text length) plus the stages' own costs.
 */
enum polgraph_status
polgraph_pipeline_run(struct polgraph_pipeline *pipeline,
                      const struct polgraph_article *article,
                      struct polgraph_result *result,
                      struct polgraph_error *err);

/* Frees everything in result and zeroes it; accepts a zeroed result. */
void polgraph_result_release(struct polgraph_result *result);

/*
 * Derives co-mentions from the actors' mentions: every pair of distinct
 * actors mentioned in the same sentence, with the sentences they share.
 * Called by polgraph_pipeline_run; public so the store can rebuild a stored
 * result the same way.
 */
void polgraph_result_comentions(struct polgraph_result *result);

#endif
