/*
 * eval.h - scoring actor recognition against gold annotations.
 *
 * Consumes pairs of (pipeline result, gold JSON line in the factRuEval
 * format: "text" and "entities" with "type" Person|Org|Location|LocOrg|
 * Project and "start"/"end" in Unicode code points, end exclusive);
 * produces true positive, false positive and false negative counts per
 * metric and per type, and optionally the misses themselves for tuning.
 * `polgraph eval` (docs/eval.md) prints them. Nothing here runs the
 * pipeline or reads files.
 *
 * Types are compared coarsely, as is customary for this corpus: gold
 * Person -> PER, Location and LocOrg -> LOC, Org -> ORG (Project is not
 * scored); our person -> PER, country and location -> LOC, organization
 * -> ORG (group is not scored).
 *
 * Facts are scored too, as pairs of actors (docs/eval.md): gold Occupation
 * facts (Who at Where) against our holds-position and ambassador-of
 * relations (source at target), gold Meeting facts (every two
 * Participants) against meets-with (either order). A predicted actor
 * stands for a gold argument when one of its mentions overlaps one of the
 * argument's: a mention of the argument's cluster ("clusters",
 * "entities[].cluster"), or its span.
 */
#ifndef POLGRAPH_EVAL_H
#define POLGRAPH_EVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "polgraph/pipeline.h"
#include "polgraph/status.h"

/* X-macro of scored types: enum suffix, name in reports. */
#define POLGRAPH_EVAL_TYPES(_)                                                 \
	_(PER, "PER")                                                          \
	_(LOC, "LOC")                                                          \
	_(ORG, "ORG")

/* X-macro of entity metrics: enum suffix, name in reports. */
#define POLGRAPH_EVAL_METRICS(_)                                               \
	_(TOKEN, "token") /* per word and number token */                      \
	_(SPAN, "span")   /* exact (start, end, type) of each mention */

/* X-macro of gold entity types: enum suffix, name in the gold file. */
#define POLGRAPH_EVAL_GOLD_TYPES(_)                                            \
	_(PERSON, "Person")                                                    \
	_(ORG, "Org")                                                          \
	_(LOCATION, "Location")                                                \
	_(LOCORG, "LocOrg")                                                    \
	_(PROJECT, "Project")

/* X-macro of scored fact kinds: enum suffix, name in reports. */
#define POLGRAPH_EVAL_FACTS(_)                                                 \
	_(OCCUPATION, "occupation") /* holds-position, ambassador-of */        \
	_(MEETING, "meeting")       /* meets-with */

/* clang-format cannot see the commas inside the X-macros. */
/* clang-format off */
enum polgraph_eval_type {
#define POLGRAPH_EVAL_TYPE_ENUM(name, str) POLGRAPH_EVAL_##name,
	POLGRAPH_EVAL_TYPES(POLGRAPH_EVAL_TYPE_ENUM)
#undef POLGRAPH_EVAL_TYPE_ENUM
	POLGRAPH_EVAL_TYPE_COUNT
};

enum polgraph_eval_metric {
#define POLGRAPH_EVAL_METRIC_ENUM(name, str) POLGRAPH_EVAL_##name,
	POLGRAPH_EVAL_METRICS(POLGRAPH_EVAL_METRIC_ENUM)
#undef POLGRAPH_EVAL_METRIC_ENUM
	POLGRAPH_EVAL_METRIC_COUNT
};

enum polgraph_eval_gold_type {
#define POLGRAPH_EVAL_GOLD_ENUM(name, str) POLGRAPH_EVAL_GOLD_##name,
	POLGRAPH_EVAL_GOLD_TYPES(POLGRAPH_EVAL_GOLD_ENUM)
#undef POLGRAPH_EVAL_GOLD_ENUM
	POLGRAPH_EVAL_GOLD_TYPE_COUNT
};

enum polgraph_eval_fact {
#define POLGRAPH_EVAL_FACT_ENUM(name, str) POLGRAPH_EVAL_FACT_##name,
	POLGRAPH_EVAL_FACTS(POLGRAPH_EVAL_FACT_ENUM)
#undef POLGRAPH_EVAL_FACT_ENUM
	POLGRAPH_EVAL_FACT_COUNT
};
/* clang-format on */

/* "PER", ...; NULL for an out-of-range value. */
const char *polgraph_eval_type_name(enum polgraph_eval_type type);
/* "token", "span"; NULL for an out-of-range value. */
const char *polgraph_eval_metric_name(enum polgraph_eval_metric metric);
/* "Person", ...; NULL for an out-of-range value. */
const char *polgraph_eval_gold_type_name(enum polgraph_eval_gold_type type);
/* "occupation", "meeting"; NULL for an out-of-range value. */
const char *polgraph_eval_fact_name(enum polgraph_eval_fact fact);

struct polgraph_eval_counts {
	size_t tp; /* predicted and in the gold */
	size_t fp; /* predicted, not in the gold */
	size_t fn; /* in the gold, not predicted */
};

/* tp / (tp + fp), tp / (tp + fn) and their harmonic mean; 0 when the
 * denominator is 0. */
double polgraph_eval_precision(const struct polgraph_eval_counts *counts);
double polgraph_eval_recall(const struct polgraph_eval_counts *counts);
double polgraph_eval_f1(const struct polgraph_eval_counts *counts);

struct polgraph_eval_report {
	size_t documents;          /* gold lines scored */
	size_t gold_entities;      /* gold entities of a scored type */
	size_t predicted_mentions; /* mentions of a scored type */
	size_t tokens;             /* word and number tokens */
	struct polgraph_eval_counts entities[POLGRAPH_EVAL_METRIC_COUNT]
					    [POLGRAPH_EVAL_TYPE_COUNT];
	/* Sums over the types (micro-average). */
	struct polgraph_eval_counts micro[POLGRAPH_EVAL_METRIC_COUNT];
	/*
	 * Type confusion at exact spans, every type included: confusion[g][a]
	 * counts gold entities of type g whose span some mention of actor type
	 * a has exactly (one of the same scored type preferred);
	 * a == POLGRAPH_ACTOR_TYPE_COUNT when none has. The row
	 * g == POLGRAPH_EVAL_GOLD_TYPE_COUNT counts mentions at a span no gold
	 * entity has.
	 */
	size_t confusion[POLGRAPH_EVAL_GOLD_TYPE_COUNT + 1]
			[POLGRAPH_ACTOR_TYPE_COUNT + 1];
	/*
	 * Facts, counted only in documents whose facts are annotated
	 * ("has_facts": true, or a non-empty "facts" when has_facts is
	 * absent): tp = gold pairs some predicted pair matches, fn = gold
	 * pairs none matches, fp = predicted pairs (distinct per document)
	 * that match no gold pair.
	 */
	size_t fact_documents; /* documents whose facts are scored */
	struct polgraph_eval_counts facts[POLGRAPH_EVAL_FACT_COUNT];
};

/* A false positive or false negative at span level, kept for tuning. */
struct polgraph_eval_miss {
	bool false_positive;          /* else a false negative */
	enum polgraph_eval_type type; /* predicted or gold type */
	const char *article_id;       /* result->article.id; may be NULL */
	size_t start;                 /* byte offset into the article text */
	size_t end;                   /* end exclusive */
	const char *text;             /* the span's text */
};

/* A gold pair no relation matches (fn), or a relation's pair that matches
 * no gold pair (fp), kept for tuning. */
struct polgraph_eval_fact_miss {
	bool false_positive;          /* else a false negative */
	enum polgraph_eval_fact fact; /* occupation or meeting */
	const char *article_id;       /* result->article.id; may be NULL */
	const char *first;            /* Who, or a participant */
	const char *second;           /* Where, or the other participant */
};

struct polgraph_eval;

/* An empty evaluation. Free with polgraph_eval_free; never NULL. */
struct polgraph_eval *polgraph_eval_new(void);
void polgraph_eval_free(struct polgraph_eval *eval);

/*
 * Keeps the first max false positives and the first max false negatives
 * (span level) seen by later polgraph_eval_add calls, in document order
 * and text order within a document; and, apart from them, the first max
 * of each among the fact pairs, in document order. 0 (the default) keeps
 * none.
 */
void polgraph_eval_keep_misses(struct polgraph_eval *eval, size_t max);
size_t polgraph_eval_miss_count(const struct polgraph_eval *eval);
/* The i-th miss kept, owned by eval, valid until polgraph_eval_free. */
const struct polgraph_eval_miss *
polgraph_eval_miss(const struct polgraph_eval *eval, size_t i);
/*
 * The fact misses kept: per document the occupation ones, then the
 * meeting ones, each kind's false negatives in gold order before its
 * false positives in relation order. Owned by eval, valid until
 * polgraph_eval_free.
 */
size_t polgraph_eval_fact_miss_count(const struct polgraph_eval *eval);
const struct polgraph_eval_fact_miss *
polgraph_eval_fact_miss(const struct polgraph_eval *eval, size_t i);

/*
 * Scores one document: result is what the pipeline made of the gold
 * line's text; gold_line[0..len) is the gold JSON object, read with
 * polgraph_json_walk ("text", "entities", "clusters", "facts" and
 * "has_facts" are read, other fields ignored). Entities' code point
 * offsets are converted to byte offsets and compared with the mentions of
 * result->actors; Occupation and Meeting facts are compared with
 * result->relations.
 *
 * Returns POLGRAPH_OK; POLGRAPH_JSON for malformed JSON; POLGRAPH_INVALID
 * when "text" is missing or differs from result->article.text, or an
 * entity lacks a type, start or end, has an unknown type, or its offsets
 * are out of range or empty, or (in a document whose facts are scored) an
 * Occupation has no Who, or an argument of an Occupation or a Meeting has
 * an unknown kind, a cluster no entity belongs to, or a bad span;
 * err->message says which, without a file or line prefix. A rejected
 * document changes no count.
 * Costs O(text length + (tokens + entities + mentions) log + gold pairs x
 * predicted pairs x mentions per pair).
 */
enum polgraph_status polgraph_eval_add(struct polgraph_eval *eval,
                                       const struct polgraph_result *result,
                                       const char *gold_line, size_t len,
                                       struct polgraph_error *err);

/* Fills *report with the counts so far. */
void polgraph_eval_report(const struct polgraph_eval *eval,
                          struct polgraph_eval_report *report);

#endif
