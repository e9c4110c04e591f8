/*
 * relations.h - the relations stage: typed relations between the actors of
 * an article, each with the sentence that proves it.
 *
 * Consumes a result whose sentences and actors are set (pipeline.h);
 * produces result->relations. Relations come from rules that are data
 * (the JSON files of data/rules/, docs/rules.md): a trigger phrase and slots
 * filled by actor mentions around it, with negation, "former" and modality
 * marked. People of the lexicon also hold the positions of their dated roles
 * (rule "lexicon.role"). Relation types: docs/relations.md.
 */
#ifndef POLGRAPH_RELATIONS_H
#define POLGRAPH_RELATIONS_H

#include <stdbool.h>

#include "polgraph/actors.h"
#include "polgraph/pipeline.h"
#include "polgraph/status.h"

/* X-macro of the built-in relation types: enum suffix, name, symmetric. */
#define POLGRAPH_RELATION_TYPES(_)                                             \
	_(AMBASSADOR_OF, "ambassador-of", false)                               \
	_(SANCTIONS_LIFTED_BY, "sanctions-lifted-by", false)                   \
	_(SANCTIONS_IMPOSED_BY, "sanctions-imposed-by", false)                 \
	_(MEETS_WITH, "meets-with", true)                                      \
	_(HOLDS_POSITION, "holds-position", false)                             \
	_(SUPPORTS, "supports", false)                                         \
	_(CRITICIZES, "criticizes", false)

/*
 * Is the relation type symmetric (meets-with)? Types that rules add and
 * this build does not know are directed.
 */
bool polgraph_relation_symmetric(const char *type);

struct polgraph_relations;

/*
 * Loads the rules of data_dir/rules/. lexicon (may be NULL) gives the
 * dated roles of people; it must outlive the returned object. A rule file
 * that cannot be read or is malformed fails with err naming the file and
 * the rule. Free with polgraph_relations_free. Not thread-safe (it owns
 * stemmers): one per thread.
 */
struct polgraph_relations *
polgraph_relations_new(const char *data_dir,
                       const struct polgraph_lexicon *lexicon,
                       struct polgraph_error *err);
void polgraph_relations_free(struct polgraph_relations *relations);

/* Number of rules loaded, for reports and tests. */
size_t
polgraph_relations_rule_count(const struct polgraph_relations *relations);

/*
 * Finds the relations of result's article and fills result->relations,
 * sorted by sentence, type, source, target and start, in result->arena.
 * Costs O(rules x triggers found + mentions per sentence).
 */
enum polgraph_status
polgraph_relations_run(struct polgraph_relations *relations,
                       struct polgraph_result *result,
                       struct polgraph_error *err);

#endif
