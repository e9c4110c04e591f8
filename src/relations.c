/*
 * relations.c - the relations stage (relations.h).
 *
 * Consumes a result with sentences and actors; produces result->relations.
 * Rules (the JSON files of data/rules/, docs/rules.md) are matched per sentence
 * on Snowball stems: a trigger phrase, then slots filled by the actor mentions
 * nearest to it on the allowed side, of the preferred type, after the
 * required preposition. Negation, "former" and modality words before the
 * trigger mark the relation. People of the lexicon also hold the positions
 * of their dated roles.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polgraph/json.h"
#include "polgraph/relations.h"
#include "polgraph/strmap.h"
#include "polgraph/text.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_PHRASE    6 /* words in a trigger or cue phrase */

static const struct {
	const char *name;
	bool symmetric;
} relation_types[] = {
#define POLGRAPH_RELATION_TYPE_ROW(id, name, symmetric) { name, symmetric },
	POLGRAPH_RELATION_TYPES(POLGRAPH_RELATION_TYPE_ROW)
#undef POLGRAPH_RELATION_TYPE_ROW
};

bool polgraph_relation_symmetric(const char *type)
{
	for (size_t i = 0; i < ARRAY_SIZE(relation_types); i++)
		if (strcmp(type, relation_types[i].name) == 0)
			return relation_types[i].symmetric;
	return false;
}

/* ---- rules ---- */

/* A phrase as the stems of its words, e.g. {"провел", "переговор"}. */
struct phrase {
	const char *stems[MAX_PHRASE];
	size_t count;
};

/*
 * A set of interned stems (phrase_stem), or a map from them to a size_t:
 * open addressing on the pointer, so asking whether a word's stem starts
 * a phrase costs no string hashing. A slot is empty when its key is NULL.
 */
struct stem_map {
	const char **keys;
	size_t *values;
	size_t count, capacity; /* capacity: 0 or a power of two */
};

struct phrases {
	struct phrase *items;
	size_t count, capacity;
	struct stem_map firsts, lasts; /* the phrases' first and last stems */
};

enum side { SIDE_BEFORE, SIDE_AFTER, SIDE_ANY };

struct slot {
	bool present; /* the rule has this slot */
	enum side side;
	unsigned types; /* bit per enum polgraph_actor_type */
	enum polgraph_actor_type order[POLGRAPH_ACTOR_TYPE_COUNT];
	size_t order_count; /* preference: earlier types win */
	size_t window;
	struct phrases preps; /* words the mention must follow */
	bool adjacent, possessive, many, optional;
};

enum { SLOT_SOURCE, SLOT_TARGET, SLOT_TO, SLOT_COUNT };
static const char *const slot_names[SLOT_COUNT] = { "source", "target", "to" };

struct rule {
	const char *id;
	const char *type;
	struct phrases triggers;
	struct slot slots[SLOT_COUNT];
	const char *attrs; /* constant attributes as JSON members, or NULL */
	bool chain_head;   /* a trigger right after another is not read */
	unsigned vetoes;   /* bit v: set->vetoes[v] applies to its type */
	double confidence;
	const char *origin; /* file */
};

struct veto {
	struct phrases words;
	const char *types[8];
	size_t type_count;
};

struct mode {
	const char *name; /* "planned", "requested" */
	struct phrases words;
};

/* Everything one rules file says. */
struct ruleset {
	const char *lang;
	struct phrases negation;
	struct phrases negation_after; /* "встреча ... не состоялась" */
	size_t negation_window;
	struct phrases former;
	size_t former_window;
	struct phrases
		fillers; /* words distances skip: "со своими коллегами" */
	struct phrases locatives; /* "в Минске": where, not who */
	struct mode modes[4];
	size_t mode_count;
	size_t mode_window;
	struct veto vetoes[8];
	size_t veto_count;
	struct rule *rules;
	size_t rule_count, rule_capacity;
	/* Trigger index: first stem -> a run of (rule, phrase) in cues. */
	struct stem_map trigger_index;
	struct trigger_cue *cues;
	size_t cue_count;
};

struct trigger_cue {
	const char *first;   /* the phrase's first stem */
	size_t rule, phrase; /* set->rules[rule].triggers.items[phrase] */
};

/* A word form met in text: its normalised form and stem, kept by form id
 * so a repeated word is not normalised and stemmed again. */
struct form {
	const char *norm;  /* NULL: not derived yet */
	const char *stem;  /* Snowball stem (words), else the norm */
	bool clause_break; /* . ; : ? ! */
	bool negative;     /* ends in n't */
};

struct polgraph_relations {
	struct polgraph_arena arena;
	struct polgraph_stemmer *stem_ru, *stem_en;
	const struct polgraph_lexicon *lexicon;
	struct ruleset *sets;
	size_t set_count, set_capacity;
	/* Every stem of every phrase, once: a word's stem is swapped for
	 * the copy here, so phrase matching compares pointers. */
	struct polgraph_strmap stem_index; /* stem -> index into stems */
	const char **stems;
	size_t stem_count, stem_capacity;
	/* Forms of words by the form ids of the pipeline's table
	 * (result->forms), derived when first met and kept until freed. */
	const struct polgraph_forms *form_table; /* whose ids index forms */
	struct form *forms;
	size_t form_capacity;
	struct polgraph_arena form_arena; /* strings of forms */
};

static bool has_cyrillic(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0xd0 && (unsigned char)*s <= 0xd4)
			return true;
	return false;
}

static const char *stem_word(struct polgraph_relations *relations,
                             const char *norm, struct polgraph_arena *arena)
{
	return polgraph_stemmer_stem(has_cyrillic(norm) ? relations->stem_ru
	                                                : relations->stem_en,
	                             norm, strlen(norm), arena);
}

/* The one copy of stem that phrases hold, added if new. */
static const char *intern_stem(struct polgraph_relations *relations,
                               const char *stem)
{
	size_t index;

	if (polgraph_strmap_get(&relations->stem_index, stem, strlen(stem),
	                        &index))
		return relations->stems[index];
	polgraph_xgrow((void **)&relations->stems, &relations->stem_capacity,
	               relations->stem_count + 1, sizeof(*relations->stems));
	relations->stems[relations->stem_count] = stem;
	polgraph_strmap_put(&relations->stem_index, stem,
	                    relations->stem_count);
	return relations->stems[relations->stem_count++];
}

/* The phrases' copy of a word's stem, or stem itself when no phrase has
 * it (then no phrase matches it either). */
static const char *phrase_stem(const struct polgraph_relations *relations,
                               const char *stem)
{
	size_t index;

	if (polgraph_strmap_get(&relations->stem_index, stem, strlen(stem),
	                        &index))
		return relations->stems[index];
	return stem;
}

static size_t stem_slot(const char *stem, size_t capacity)
{
	uint64_t hash = (uint64_t)(uintptr_t)stem * 0x9e3779b97f4a7c15u;

	return (size_t)(hash >> 32) & (capacity - 1);
}

/* The slot of stem in map, or the empty slot where it would go. */
static size_t stem_find(const struct stem_map *map, const char *stem)
{
	size_t at = stem_slot(stem, map->capacity);

	while (map->keys[at] && map->keys[at] != stem)
		at = (at + 1) & (map->capacity - 1);
	return at;
}

/* Is stem in map? Then *value (if not NULL) gets its value. */
static bool stem_get(const struct stem_map *map, const char *stem,
                     size_t *value)
{
	size_t at;

	if (!map->capacity || !stem)
		return false;
	at = stem_find(map, stem);
	if (!map->keys[at])
		return false;
	if (value)
		*value = map->values[at];
	return true;
}

/* Adds stem with value, or sets the value of a stem already there. */
static void stem_put(struct stem_map *map, const char *stem, size_t value)
{
	size_t at;

	if ((map->count + 1) * 2 > map->capacity) {
		struct stem_map grown = { .count = map->count };

		grown.capacity = map->capacity ? map->capacity * 2 : 16;
		grown.keys =
			polgraph_xcalloc(grown.capacity, sizeof(*grown.keys));
		grown.values =
			polgraph_xcalloc(grown.capacity, sizeof(*grown.values));
		for (size_t i = 0; i < map->capacity; i++) {
			if (!map->keys[i])
				continue;
			at = stem_find(&grown, map->keys[i]);
			grown.keys[at] = map->keys[i];
			grown.values[at] = map->values[i];
		}
		free(map->keys);
		free(map->values);
		*map = grown;
	}
	at = stem_find(map, stem);
	if (!map->keys[at])
		map->count++;
	map->keys[at] = stem;
	map->values[at] = value;
}

static void release_stem_map(struct stem_map *map)
{
	free(map->keys);
	free(map->values);
	memset(map, 0, sizeof(*map));
}

/* Adds the phrase's word stems to list. */
static void add_phrase(struct polgraph_relations *relations,
                       struct phrases *list, const char *text)
{
	struct polgraph_arena *arena = &relations->arena;
	struct polgraph_arena scratch = { 0 };
	struct polgraph_token *tokens;
	struct phrase phrase = { 0 };
	size_t count;

	polgraph_text_tokens(text, 0, strlen(text), &scratch, &tokens, &count);
	for (size_t i = 0; i < count && phrase.count < MAX_PHRASE; i++) {
		const char *norm = polgraph_text_normalize(
			text + tokens[i].start, tokens[i].end - tokens[i].start,
			&scratch, NULL);

		phrase.stems[phrase.count++] = intern_stem(
			relations,
			tokens[i].kind == POLGRAPH_TOKEN_WORD
				? stem_word(relations, norm, arena)
				: polgraph_arena_strdup(arena, norm));
	}
	polgraph_arena_release(&scratch);
	if (!phrase.count)
		return;
	polgraph_xgrow((void **)&list->items, &list->capacity, list->count + 1,
	               sizeof(*list->items));
	list->items[list->count++] = phrase;
	stem_put(&list->firsts, phrase.stems[0], 1);
	stem_put(&list->lasts, phrase.stems[phrase.count - 1], 1);
}

static void release_phrases(struct phrases *list)
{
	free(list->items);
	release_stem_map(&list->firsts);
	release_stem_map(&list->lasts);
	memset(list, 0, sizeof(*list));
}

/* ---- loading a rules file ---- */

struct load {
	struct polgraph_relations *relations;
	struct ruleset *set;
	const char *path;
	const char *bad; /* first problem, in the arena */
};

static struct rule *rule_at(struct load *load, size_t index)
{
	struct ruleset *set = load->set;

	if (index > 100000)
		return NULL;
	if (index >= set->rule_count) {
		polgraph_xgrow((void **)&set->rules, &set->rule_capacity,
		               index + 1, sizeof(*set->rules));
		memset(set->rules + set->rule_count, 0,
		       (index + 1 - set->rule_count) * sizeof(*set->rules));
		for (size_t i = set->rule_count; i <= index; i++) {
			set->rules[i].confidence = 0.8;
			set->rules[i].origin = load->path;
		}
		set->rule_count = index + 1;
	}
	return &set->rules[index];
}

static bool parse_size(const char *value, size_t *out)
{
	char *end;
	unsigned long number;

	if (!value)
		return false;
	number = strtoul(value, &end, 10);
	if (*end || number > 1000)
		return false;
	*out = number;
	return true;
}

static void problem(struct load *load, const char *path, const char *what)
{
	if (!load->bad)
		load->bad = polgraph_arena_printf(&load->relations->arena,
		                                  "'%s': %s", path, what);
}

/* "rules.3.target.types.1" etc. for one slot; rest is after "source.". */
static void visit_slot(struct load *load, struct slot *slot, const char *path,
                       const char *rest, const char *value)
{
	enum polgraph_actor_type type;

	slot->present = true;
	if (strcmp(rest, "side") == 0) {
		if (value && strcmp(value, "before") == 0)
			slot->side = SIDE_BEFORE;
		else if (value && strcmp(value, "after") == 0)
			slot->side = SIDE_AFTER;
		else if (value && strcmp(value, "any") == 0)
			slot->side = SIDE_ANY;
		else
			problem(load, path, "side is before, after or any");
	} else if (strncmp(rest, "types.", 6) == 0) {
		if (!value || !polgraph_actor_type_parse(value, &type))
			problem(load, path, "unknown actor type");
		else if (!(slot->types & (1u << type))) {
			slot->types |= 1u << type;
			slot->order[slot->order_count++] = type;
		}
	} else if (strcmp(rest, "window") == 0) {
		if (!parse_size(value, &slot->window))
			problem(load, path, "window is a number of tokens");
	} else if (strncmp(rest, "preps.", 6) == 0) {
		if (value)
			add_phrase(load->relations, &slot->preps, value);
	} else if (strcmp(rest, "adjacent") == 0) {
		slot->adjacent = value && strcmp(value, "true") == 0;
	} else if (strcmp(rest, "possessive") == 0) {
		slot->possessive = value && strcmp(value, "true") == 0;
	} else if (strcmp(rest, "many") == 0) {
		slot->many = value && strcmp(value, "true") == 0;
	} else if (strcmp(rest, "optional") == 0) {
		slot->optional = value && strcmp(value, "true") == 0;
	} else {
		problem(load, path, "unknown slot field");
	}
}

static void visit_rule(struct load *load, struct rule *rule, const char *path,
                       const char *rest, const char *value)
{
	struct polgraph_arena *arena = &load->relations->arena;

	if (strcmp(rest, "id") == 0) {
		rule->id = value ? polgraph_arena_strdup(arena, value) : NULL;
	} else if (strcmp(rest, "type") == 0) {
		rule->type = value ? polgraph_arena_strdup(arena, value) : NULL;
	} else if (strncmp(rest, "trigger.", 8) == 0) {
		if (value)
			add_phrase(load->relations, &rule->triggers, value);
	} else if (strcmp(rest, "chain_head") == 0) {
		rule->chain_head = value && strcmp(value, "true") == 0;
	} else if (strcmp(rest, "confidence") == 0) {
		rule->confidence = value ? strtod(value, NULL) : 0.8;
		if (rule->confidence < 0 || rule->confidence > 1)
			problem(load, path, "confidence is between 0 and 1");
	} else if (strncmp(rest, "attrs.", 6) == 0) {
		struct polgraph_buf member = { 0 };

		/* Kept as JSON members: "role":"special envoy" */
		polgraph_json_write_string(&member, rest + 6);
		polgraph_buf_puts(&member, ":");
		/* The walker gives JSON true/false as text: keep them
		 * booleans ("former": true), not strings. */
		if (!value)
			polgraph_buf_puts(&member, "null");
		else if (strcmp(value, "true") == 0 ||
		         strcmp(value, "false") == 0)
			polgraph_buf_puts(&member, value);
		else
			polgraph_json_write_string(&member, value);
		rule->attrs =
			rule->attrs ? polgraph_arena_printf(arena, "%s,%s",
		                                            rule->attrs,
		                                            member.data)
				    : polgraph_arena_strdup(arena, member.data);
		polgraph_buf_release(&member);
	} else {
		for (size_t s = 0; s < SLOT_COUNT; s++) {
			size_t len = strlen(slot_names[s]);

			if (strncmp(rest, slot_names[s], len) == 0 &&
			    rest[len] == '.') {
				visit_slot(load, &rule->slots[s], path,
				           rest + len + 1, value);
				return;
			}
		}
		if (strcmp(rest, "comment") != 0 && strcmp(rest, "//") != 0)
			problem(load, path, "unknown rule field");
	}
}

static enum polgraph_status visit_rules_file(void *ctx, const char *path,
                                             const char *value)
{
	struct load *load = ctx;
	struct ruleset *set = load->set;
	struct polgraph_relations *relations = load->relations;
	size_t index;
	int consumed = 0;

	if (strcmp(path, "lang") == 0) {
		set->lang =
			value ? polgraph_arena_strdup(&relations->arena, value)
			      : NULL;
	} else if (strncmp(path, "negation.words.", 15) == 0 ||
	           strncmp(path, "negation.phrases.", 17) == 0) {
		if (value)
			add_phrase(relations, &set->negation, value);
	} else if (strncmp(path, "negation.after.", 15) == 0) {
		if (value)
			add_phrase(relations, &set->negation_after, value);
	} else if (strcmp(path, "negation.window") == 0) {
		if (!parse_size(value, &set->negation_window))
			problem(load, path, "window is a number of tokens");
	} else if (strncmp(path, "locatives.words.", 16) == 0) {
		if (value)
			add_phrase(relations, &set->locatives, value);
	} else if (strncmp(path, "fillers.words.", 14) == 0) {
		if (value)
			add_phrase(relations, &set->fillers, value);
	} else if (strncmp(path, "former.words.", 13) == 0) {
		if (value)
			add_phrase(relations, &set->former, value);
	} else if (strcmp(path, "former.window") == 0) {
		if (!parse_size(value, &set->former_window))
			problem(load, path, "window is a number of tokens");
	} else if (strcmp(path, "modes.window") == 0) {
		if (!parse_size(value, &set->mode_window))
			problem(load, path, "window is a number of tokens");
	} else if (strncmp(path, "modes.", 6) == 0) {
		const char *name = path + 6, *dot = strchr(name, '.');
		struct mode *mode = NULL;

		if (!dot || !value)
			return POLGRAPH_OK;
		for (size_t m = 0; m < set->mode_count; m++)
			if (strncmp(set->modes[m].name, name,
			            (size_t)(dot - name)) == 0 &&
			    set->modes[m].name[dot - name] == '\0')
				mode = &set->modes[m];
		if (!mode && set->mode_count < ARRAY_SIZE(set->modes)) {
			mode = &set->modes[set->mode_count++];
			mode->name = polgraph_arena_strndup(
				&relations->arena, name, (size_t)(dot - name));
		}
		if (mode)
			add_phrase(relations, &mode->words, value);
	} else if (sscanf(path, "vetoes.%zu.%n", &index, &consumed) == 1 &&
	           consumed) {
		const char *rest = path + consumed;
		struct veto *veto;

		if (index >= ARRAY_SIZE(set->vetoes)) {
			problem(load, path, "at most 8 vetoes");
			return POLGRAPH_OK;
		}
		if (index >= set->veto_count)
			set->veto_count = index + 1;
		veto = &set->vetoes[index];
		if (strncmp(rest, "words.", 6) == 0 && value)
			add_phrase(relations, &veto->words, value);
		else if (strncmp(rest, "types.", 6) == 0 && value &&
		         veto->type_count < ARRAY_SIZE(veto->types))
			veto->types[veto->type_count++] =
				polgraph_arena_strdup(&relations->arena, value);
	} else if (sscanf(path, "rules.%zu.%n", &index, &consumed) == 1 &&
	           consumed) {
		struct rule *rule = rule_at(load, index);

		if (rule)
			visit_rule(load, rule, path, path + consumed, value);
	}
	return POLGRAPH_OK;
}

static enum polgraph_status check_rules(struct load *load,
                                        struct polgraph_error *err)
{
	const struct ruleset *set = load->set;

	if (load->bad)
		return polgraph_error_set(err, POLGRAPH_INVALID, "%s: %s",
		                          load->path, load->bad);
	if (!set->lang)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "%s: no \"lang\"", load->path);
	for (size_t i = 0; i < set->rule_count; i++) {
		const struct rule *rule = &set->rules[i];
		const char *id = rule->id ? rule->id : "(no id)";

		if (!rule->id || !rule->type || !rule->triggers.count ||
		    !rule->slots[SLOT_SOURCE].present ||
		    !rule->slots[SLOT_TARGET].present)
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"%s: rule %zu (%s) needs id, type, trigger, "
				"source and target",
				load->path, i, id);
		for (size_t s = 0; s < SLOT_COUNT; s++)
			if (rule->slots[s].present && !rule->slots[s].types)
				return polgraph_error_set(
					err, POLGRAPH_INVALID,
					"%s: rule %s: slot %s has no types",
					load->path, id, slot_names[s]);
	}
	return POLGRAPH_OK;
}

static void release_set(struct ruleset *set)
{
	for (size_t i = 0; i < set->rule_count; i++) {
		release_phrases(&set->rules[i].triggers);
		for (size_t s = 0; s < SLOT_COUNT; s++)
			release_phrases(&set->rules[i].slots[s].preps);
	}
	free(set->rules);
	release_stem_map(&set->trigger_index);
	free(set->cues);
	release_phrases(&set->negation);
	release_phrases(&set->negation_after);
	release_phrases(&set->former);
	release_phrases(&set->fillers);
	release_phrases(&set->locatives);
	for (size_t m = 0; m < set->mode_count; m++)
		release_phrases(&set->modes[m].words);
	for (size_t v = 0; v < set->veto_count; v++)
		release_phrases(&set->vetoes[v].words);
}

static int compare_cues(const void *left, const void *right)
{
	const struct trigger_cue *x = left, *y = right;
	int order = strcmp(x->first, y->first);

	if (order)
		return order;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->phrase < y->phrase ? -1 : x->phrase > y->phrase;
}

/*
 * Indexes every trigger phrase by its first stem, so a word costs one
 * hash lookup whatever the number of rules: cues sorted by stem, the map
 * pointing at the first cue of each stem.
 */
static void index_triggers(struct ruleset *set)
{
	size_t count = 0;

	/* Which vetoes apply to each rule's type (all, if they name none). */
	for (size_t r = 0; r < set->rule_count; r++) {
		set->rules[r].vetoes = 0;
		for (size_t v = 0; v < set->veto_count; v++) {
			const struct veto *veto = &set->vetoes[v];
			bool applies = veto->type_count == 0;

			for (size_t t = 0; t < veto->type_count && !applies;
			     t++)
				applies = strcmp(veto->types[t],
				                 set->rules[r].type) == 0;
			if (applies)
				set->rules[r].vetoes |= 1u << v;
		}
	}

	for (size_t r = 0; r < set->rule_count; r++)
		count += set->rules[r].triggers.count;
	set->cues = polgraph_xcalloc(count + 1, sizeof(*set->cues));
	for (size_t r = 0; r < set->rule_count; r++)
		for (size_t p = 0; p < set->rules[r].triggers.count; p++)
			set->cues[set->cue_count++] = (struct trigger_cue){
				set->rules[r].triggers.items[p].stems[0], r, p
			};
	if (set->cue_count)
		qsort(set->cues, set->cue_count, sizeof(*set->cues),
		      compare_cues);
	for (size_t c = set->cue_count; c-- > 0;)
		if (c == 0 ||
		    strcmp(set->cues[c - 1].first, set->cues[c].first))
			stem_put(&set->trigger_index, set->cues[c].first, c);
}

static enum polgraph_status load_file(struct polgraph_relations *relations,
                                      const char *path,
                                      struct polgraph_error *err)
{
	struct polgraph_buf text = { 0 };
	struct ruleset *set;
	struct load load = { .relations = relations };
	enum polgraph_status status;
	char chunk[65536];
	size_t got;
	FILE *file = fopen(path, "rb");

	if (!file)
		return polgraph_error_set(err, POLGRAPH_IO,
		                          "cannot open rules '%s'", path);
	while ((got = fread(chunk, 1, sizeof(chunk), file)) > 0)
		polgraph_buf_append(&text, chunk, got);
	fclose(file);
	polgraph_xgrow((void **)&relations->sets, &relations->set_capacity,
	               relations->set_count + 1, sizeof(*relations->sets));
	set = &relations->sets[relations->set_count++];
	memset(set, 0, sizeof(*set));
	set->negation_window = 4;
	set->former_window = 2;
	set->mode_window = 4;
	load.set = set;
	load.path = polgraph_arena_strdup(&relations->arena, path);
	status = polgraph_json_walk(text.data ? text.data : "", text.len,
	                            visit_rules_file, &load, err);
	polgraph_buf_release(&text);
	if (status != POLGRAPH_OK) {
		char detail[sizeof(err->message)];

		snprintf(detail, sizeof(detail), "%s", err ? err->message : "");
		return polgraph_error_set(err, status, "%s: %s", path, detail);
	}
	status = check_rules(&load, err);
	if (status == POLGRAPH_OK)
		index_triggers(set);
	return status;
}

static int compare_names(const void *left, const void *right)
{
	return strcmp(*(char *const *)left, *(char *const *)right);
}

struct polgraph_relations *
polgraph_relations_new(const char *data_dir,
                       const struct polgraph_lexicon *lexicon,
                       struct polgraph_error *err)
{
	struct polgraph_relations *relations =
		polgraph_xcalloc(1, sizeof(*relations));
	char **names = NULL;
	size_t name_count = 0, name_capacity = 0;
	char *dir =
		polgraph_arena_printf(&relations->arena, "%s/rules", data_dir);
	enum polgraph_status status = POLGRAPH_OK;
	struct dirent *entry;
	DIR *handle;

	relations->lexicon = lexicon;
	relations->stem_ru = polgraph_stemmer_new("ru");
	relations->stem_en = polgraph_stemmer_new("en");
	handle = opendir(dir);
	if (!handle)
		return relations; /* no rules: co-mentions and roles only */
	while ((entry = readdir(handle))) {
		size_t len = strlen(entry->d_name);

		if (entry->d_name[0] == '.' || len < 6 ||
		    strcmp(entry->d_name + len - 5, ".json") != 0)
			continue;
		polgraph_xgrow((void **)&names, &name_capacity, name_count + 1,
		               sizeof(*names));
		names[name_count++] = polgraph_xstrdup(entry->d_name);
	}
	closedir(handle);
	if (name_count)
		qsort(names, name_count, sizeof(*names), compare_names);
	for (size_t i = 0; i < name_count; i++) {
		char *path = polgraph_arena_printf(&relations->arena, "%s/%s",
		                                   dir, names[i]);

		if (status == POLGRAPH_OK)
			status = load_file(relations, path, err);
		free(names[i]);
	}
	free(names);
	if (status != POLGRAPH_OK) {
		polgraph_relations_free(relations);
		return NULL;
	}
	return relations;
}

void polgraph_relations_free(struct polgraph_relations *relations)
{
	if (!relations)
		return;
	for (size_t i = 0; i < relations->set_count; i++)
		release_set(&relations->sets[i]);
	free(relations->sets);
	polgraph_stemmer_free(relations->stem_ru);
	polgraph_stemmer_free(relations->stem_en);
	polgraph_arena_release(&relations->arena);
	polgraph_strmap_release(&relations->stem_index);
	free(relations->stems);
	free(relations->forms);
	polgraph_arena_release(&relations->form_arena);
	free(relations);
}

size_t polgraph_relations_rule_count(const struct polgraph_relations *relations)
{
	size_t count = 0;

	for (size_t i = 0; i < relations->set_count; i++)
		count += relations->sets[i].rule_count;
	return count;
}

/* ---- matching ---- */

struct word {
	size_t start, end; /* bytes in the article text */
	const char *norm;
	const char *stem; /* Snowball stem (words), else the norm */
	bool punct;
	bool filler;                 /* skipped when measuring distances */
	bool clause_break, negative; /* from its form */
	long spot;                   /* the mention covering it, or -1 */
};

/* An actor mention in the sentence, in words. */
struct spot {
	size_t first, last; /* words [first, last) */
	size_t actor;       /* index into result->actors */
	enum polgraph_actor_type type;
	const char *text;
};

struct sentence_view {
	struct word *words;
	size_t word_count;
	struct spot *spots;
	size_t spot_count;
	size_t index; /* sentence index */
};

struct found {
	const char *type;
	size_t source, target; /* actor indices */
	size_t sentence, start, end;
	bool negated;
	const char *rule;
	double confidence;
	const char *attrs;
};

/* A trigger already read by a rule of a type: one reading per trigger. */
struct reading {
	size_t sentence, word;
	const char *type;
};

/* A mention with its actor, filed by sentence (struct matcher). */
struct placed_mention {
	size_t actor; /* index into result->actors */
	const struct polgraph_mention *mention;
};

struct matcher {
	struct polgraph_relations *relations;
	struct polgraph_result *result;
	/* Every mention by sentence, in actor then mention order: those of
	 * sentence s are placed[sentence_first[s] .. sentence_first[s + 1]). */
	struct placed_mention *placed;
	size_t *sentence_first;
	struct found *found;
	size_t found_count, found_capacity;
	struct reading *readings;
	size_t reading_count, reading_capacity;
};

static bool already_read(const struct matcher *matcher, size_t sentence,
                         size_t word, const char *type)
{
	for (size_t i = matcher->reading_count; i-- > 0;) {
		const struct reading *reading = &matcher->readings[i];

		if (reading->sentence != sentence)
			break;
		if (reading->word == word && strcmp(reading->type, type) == 0)
			return true;
	}
	return false;
}

static void mark_read(struct matcher *matcher, size_t sentence, size_t word,
                      const char *type)
{
	polgraph_xgrow((void **)&matcher->readings, &matcher->reading_capacity,
	               matcher->reading_count + 1, sizeof(*matcher->readings));
	matcher->readings[matcher->reading_count++] =
		(struct reading){ sentence, word, type };
}

/* Does phrase match the words at i? Returns its length in words. */
static size_t phrase_match(const struct sentence_view *view, size_t i,
                           const struct phrase *phrase)
{
	if (i + phrase->count > view->word_count)
		return 0;
	for (size_t k = 0; k < phrase->count; k++)
		if (view->words[i + k].stem != phrase->stems[k])
			return 0; /* both interned (phrase_stem) */
	return phrase->count;
}

static size_t longest_match(const struct sentence_view *view, size_t i,
                            const struct phrases *list)
{
	size_t best = 0;

	if (i >= view->word_count ||
	    !stem_get(&list->firsts, view->words[i].stem, NULL))
		return 0;
	for (size_t p = 0; p < list->count; p++) {
		size_t length = phrase_match(view, i, &list->items[p]);

		if (length > best)
			best = length;
	}
	return best;
}

/* Does a phrase of list end at word i? */
static bool phrase_ends(const struct sentence_view *view, size_t i,
                        const struct phrases *list)
{
	if (i >= view->word_count ||
	    !stem_get(&list->lasts, view->words[i].stem, NULL))
		return false;
	for (size_t p = 0; p < list->count; p++) {
		size_t count = list->items[p].count;

		if (count <= i + 1 &&
		    phrase_match(view, i + 1 - count, &list->items[p]))
			return true;
	}
	return false;
}

/* . ; : ? ! (the form's clause_break) */
static bool ends_clause(const char *norm)
{
	return strcmp(norm, ".") == 0 || strcmp(norm, ";") == 0 ||
	       strcmp(norm, ":") == 0 || strcmp(norm, "?") == 0 ||
	       strcmp(norm, "!") == 0;
}

static bool clause_break(const struct word *word)
{
	return word->punct && word->clause_break;
}

/* Is a word of list within window words before `before`, in its clause? */
static bool cue_before(const struct sentence_view *view, size_t before,
                       const struct phrases *list, size_t window)
{
	size_t seen = 0;

	for (size_t i = before; i-- > 0 && seen < window;) {
		const struct word *word = &view->words[i];

		if (clause_break(word))
			break;
		if (phrase_ends(view, i, list))
			return true;
		if (!word->punct)
			seen++;
	}
	return false;
}

static bool negated(const struct ruleset *set, const struct sentence_view *view,
                    size_t trigger)
{
	size_t seen = 0;

	for (size_t i = trigger; i-- > 0 && seen < set->negation_window;) {
		const struct word *word = &view->words[i];

		if (clause_break(word))
			break;
		if (word->negative)
			return true;
		if (!word->punct)
			seen++;
	}
	if (cue_before(view, trigger, &set->negation, set->negation_window))
		return true;
	/* "Встреча Лукашенко с Путиным не состоялась": a phrase of
	 * negation.after later in the clause cancels it too. */
	for (size_t i = trigger; i < view->word_count; i++) {
		if (clause_break(&view->words[i]))
			break;
		if (longest_match(view, i, &set->negation_after))
			return true;
	}
	return false;
}

/*
 * The word where a preposition of the slot that leads the mention starts,
 * or -1. Up to three words (adjectives: "с белорусской государственной
 * авиакомпанией", "со своими коллегами") and any punctuation ("с
 * «Белавиа»") may stand between.
 */
static long leading_prep(const struct sentence_view *view,
                         const struct spot *spot, const struct slot *slot)
{
	size_t words = 0;

	for (size_t i = spot->first; i-- > 0;) {
		for (size_t p = 0;
		     p < slot->preps.count &&
		     stem_get(&slot->preps.lasts, view->words[i].stem, NULL);
		     p++) {
			size_t count = slot->preps.items[p].count;

			if (count <= i + 1 &&
			    phrase_match(view, i + 1 - count,
			                 &slot->preps.items[p]))
				return (long)(i + 1 - count);
		}
		if (view->words[i].spot >= 0 &&
		    view->words[i].spot != (long)(spot - view->spots))
			return -1;
		if (!view->words[i].punct && ++words > 3)
			return -1;
	}
	return -1;
}

static bool has_comma(const struct sentence_view *view, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (view->words[i].punct &&
		    strcmp(view->words[i].norm, ",") == 0)
			return true;
	return false;
}

/* Words between a and b, not counting punctuation or the slot's prep. */
static size_t gap(const struct sentence_view *view, size_t from, size_t to)
{
	size_t count = 0;

	for (size_t i = from; i < to; i++)
		if (!view->words[i].punct && !view->words[i].filler)
			count++;
	return count;
}

static size_t type_rank(const struct slot *slot, enum polgraph_actor_type type)
{
	for (size_t i = 0; i < slot->order_count; i++)
		if (slot->order[i] == type)
			return i;
	return POLGRAPH_ACTOR_TYPE_COUNT;
}

static bool possessive(const struct spot *spot)
{
	size_t len = strlen(spot->text);

	return (len > 2 && strcmp(spot->text + len - 2, "'s") == 0) ||
	       (len > 4 && strcmp(spot->text + len - 4, "’s") == 0);
}

/*
 * The best mention for slot around the trigger [first, last): of the most
 * preferred type, then on the preferred side (after, for "any"), then the
 * nearest. Mentions of actors in `taken` are skipped. -1 if none.
 */
static long fill_slot(const struct ruleset *set,
                      const struct sentence_view *view, const struct slot *slot,
                      size_t first, size_t last, const size_t *taken,
                      size_t taken_count)
{
	long best = -1;
	size_t best_rank = 0, best_side = 0, best_gap = 0;

	for (size_t p = 0; p < view->spot_count; p++) {
		const struct spot *spot = &view->spots[p];
		size_t distance, side, rank;
		bool skip = false;

		if (!(slot->types & (1u << spot->type)))
			continue;
		for (size_t t = 0; t < taken_count; t++)
			skip |= taken[t] == spot->actor;
		if (skip)
			continue;
		if (spot->last <= first && slot->side != SIDE_AFTER) {
			distance = gap(view, spot->last, first);
			side = slot->side == SIDE_ANY ? 1 : 0;
			if (slot->possessive && !possessive(spot))
				continue;
		} else if (spot->first >= last && slot->side != SIDE_BEFORE) {
			bool comma = has_comma(view, last, spot->first);

			distance = gap(view, last, spot->first);
			side = 0;
			if (slot->possessive)
				continue;
			/* "Kellogg, the U.S. special envoy, met Lukashenko":
			 * past the comma that closes an apposition is the
			 * rest of the sentence. A tight slot never crosses
			 * it; "any" prefers the person before. */
			if (comma && slot->window <= 2)
				continue;
			if (comma && slot->side == SIDE_ANY)
				side = 2;
		} else {
			continue;
		}
		/* "принимает в Белом доме своего коллегу": a mention after a
		 * locative preposition says where, unless the slot asks for
		 * that preposition. */
		if (!slot->preps.count && spot->first > 0 &&
		    longest_match(view, spot->first - 1, &set->locatives))
			continue;
		if (slot->preps.count) {
			long prep = leading_prep(view, spot, slot);

			if (prep < 0)
				continue;
			/* After the trigger, the distance is the trigger's to
			 * its preposition: "встречах со своими коллегами". */
			if (spot->first >= last)
				distance =
					(size_t)prep >= last
						? gap(view, last, (size_t)prep)
						: 0;
		}
		if (distance > slot->window ||
		    ((slot->adjacent || slot->possessive) && distance > 0))
			continue;
		rank = type_rank(slot, spot->type);
		if (best < 0 || rank < best_rank ||
		    (rank == best_rank &&
		     (side < best_side ||
		      (side == best_side && distance < best_gap)))) {
			best = (long)p;
			best_rank = rank;
			best_side = side;
			best_gap = distance;
		}
	}
	return best;
}

/* Mentions coordinated with spot by "и", "and", ",": "met X and Y". */
static size_t coordinated(const struct sentence_view *view, size_t spot,
                          const struct slot *slot, size_t *out, size_t max)
{
	/* Not "а" or "but": "раскритиковала Лукашенко, а Макрон ..." */
	static const char *const links[] = { ",",  "и",    "and", "также",
		                             "as", "well", "или", "or" };
	size_t count = 0, last = view->spots[spot].last;

	for (size_t q = spot + 1; q < view->spot_count && count < max; q++) {
		const struct spot *next = &view->spots[q];
		bool linked = next->first > last;

		for (size_t i = last; i < next->first && linked; i++) {
			bool link = false;

			for (size_t k = 0; k < ARRAY_SIZE(links); k++)
				link |= strcmp(view->words[i].norm, links[k]) ==
				        0;
			linked = link;
		}
		/* ", and" before a mention that a word follows starts a new
		 * clause: "criticized Putin, and Merz backed Zelensky". */
		if (linked && next->first >= last + 2 &&
		    strcmp(view->words[last].norm, ",") == 0 &&
		    next->last < view->word_count &&
		    !view->words[next->last].punct)
			linked = false;
		if (!linked || !(slot->types & (1u << next->type)))
			break;
		out[count++] = q;
		last = next->last;
	}
	return count;
}

static void append_member(struct polgraph_buf *attrs, const char *name,
                          const char *value, bool raw)
{
	polgraph_buf_puts(attrs, attrs->len > 1 ? "," : "");
	polgraph_json_write_string(attrs, name);
	polgraph_buf_puts(attrs, ":");
	if (raw)
		polgraph_buf_puts(attrs, value);
	else
		polgraph_json_write_string(attrs, value);
}

/*
 * A rule's constant attributes, with "$trigger" replaced by the trigger as
 * the text writes it (normalised): {"position": "$trigger"} on a rule
 * triggered by any person title gives "лидер", "пилот", "president".
 */
static void put_constant_attrs(struct polgraph_buf *attrs, const char *members,
                               const struct sentence_view *view, size_t first,
                               size_t last)
{
	const char *placeholder = strstr(members, "\"$trigger\"");
	struct polgraph_buf trigger = { 0 };

	if (!placeholder) {
		polgraph_buf_puts(attrs, members);
		return;
	}
	for (size_t i = first; i < last; i++) {
		if (trigger.len)
			polgraph_buf_puts(&trigger, " ");
		polgraph_buf_puts(&trigger, view->words[i].norm);
	}
	polgraph_buf_append(attrs, members, (size_t)(placeholder - members));
	polgraph_json_write_string(attrs, trigger.data ? trigger.data : "");
	polgraph_buf_puts(attrs, placeholder + strlen("\"$trigger\""));
	polgraph_buf_release(&trigger);
}

static void emit(struct matcher *matcher, const struct found *found)
{
	polgraph_xgrow((void **)&matcher->found, &matcher->found_capacity,
	               matcher->found_count + 1, sizeof(*matcher->found));
	matcher->found[matcher->found_count++] = *found;
}

static void apply_rule(struct matcher *matcher, const struct ruleset *set,
                       const struct rule *rule,
                       const struct sentence_view *view,
                       const unsigned char *lengths)
{
	struct polgraph_arena *arena = &matcher->result->arena;
	const struct polgraph_actor *actors = matcher->result->actors;

	for (size_t i = 0; i < view->word_count; i++) {
		size_t length, last, taken[2], targets[8], target_count = 0;
		long source, target, to;
		struct polgraph_buf attrs = { 0 };
		const char *mode = NULL;
		struct found found;

		if (view->words[i].spot >= 0 || !(length = lengths[i]) ||
		    already_read(matcher, view->index, i, rule->type))
			continue;
		/* "спецпредставитель президента США Кит Келлог": the head of
		 * a chain of titles says who the person is. */
		if (rule->chain_head && i > 0 &&
		    phrase_ends(view, i - 1, &rule->triggers)) {
			i += length - 1;
			continue;
		}
		last = i + length;
		source = fill_slot(set, view, &rule->slots[SLOT_SOURCE], i,
		                   last, NULL, 0);
		if (source < 0)
			continue;
		taken[0] = view->spots[source].actor;
		target = fill_slot(set, view, &rule->slots[SLOT_TARGET], i,
		                   last, taken, 1);
		if (target < 0)
			continue;
		targets[target_count++] = (size_t)target;
		if (rule->slots[SLOT_TARGET].many)
			target_count += coordinated(
				view, (size_t)target, &rule->slots[SLOT_TARGET],
				targets + 1, ARRAY_SIZE(targets) - 1);
		to = -1;
		if (rule->slots[SLOT_TO].present) {
			taken[1] = view->spots[target].actor;
			to = fill_slot(set, view, &rule->slots[SLOT_TO], i,
			               last, taken, 2);
			if (to < 0 && !rule->slots[SLOT_TO].optional)
				continue;
		}
		for (size_t m = 0; m < set->mode_count && !mode; m++)
			if (cue_before(view, i, &set->modes[m].words,
			               set->mode_window))
				mode = set->modes[m].name;

		polgraph_buf_puts(&attrs, "{");
		if (rule->attrs)
			put_constant_attrs(&attrs, rule->attrs, view, i, last);
		if (to >= 0)
			append_member(&attrs, "to",
			              actors[view->spots[to].actor].key, false);
		if (cue_before(view, i, &set->former, set->former_window))
			append_member(&attrs, "former", "true", true);
		if (mode)
			append_member(&attrs, "mode", mode, false);
		polgraph_buf_puts(&attrs, "}");

		memset(&found, 0, sizeof(found));
		found.type = rule->type;
		found.sentence = view->index;
		found.negated = negated(set, view, i);
		found.rule = rule->id;
		found.confidence = rule->confidence;
		found.attrs = attrs.len > 2
		                      ? polgraph_arena_strdup(arena, attrs.data)
		                      : NULL;
		polgraph_buf_release(&attrs);
		for (size_t t = 0; t < target_count; t++) {
			const struct spot *from = &view->spots[source];
			const struct spot *onto = &view->spots[targets[t]];
			size_t start = view->words[i].start;
			size_t end = view->words[last - 1].end;

			if (from->actor == onto->actor)
				continue;
			start = view->words[from->first].start < start
			                ? view->words[from->first].start
			                : start;
			start = view->words[onto->first].start < start
			                ? view->words[onto->first].start
			                : start;
			end = view->words[from->last - 1].end > end
			              ? view->words[from->last - 1].end
			              : end;
			end = view->words[onto->last - 1].end > end
			              ? view->words[onto->last - 1].end
			              : end;
			found.source = from->actor;
			found.target = onto->actor;
			found.start = start;
			found.end = end;
			emit(matcher, &found);
		}
		/* The first rule (in file order) that reads a trigger for a
		 * type is its reading; later rules of that type skip it. */
		mark_read(matcher, view->index, i, rule->type);
		i = last - 1;
	}
}

/*
 * Is a rule vetoed in the sentence (by a veto of its type)? hit[v] caches, per
 * sentence, whether veto v's words occur: -1 not looked at yet, 0, 1.
 */
static bool vetoed(const struct ruleset *set, const struct sentence_view *view,
                   const struct rule *rule, signed char *hit)
{
	for (size_t v = 0; v < set->veto_count; v++) {
		const struct veto *veto = &set->vetoes[v];

		if (!(rule->vetoes & 1u << v))
			continue;
		if (hit[v] < 0) {
			hit[v] = 0;
			for (size_t i = 0; i < view->word_count && !hit[v]; i++)
				hit[v] = longest_match(view, i, &veto->words) >
				         0;
		}
		if (hit[v])
			return true;
	}
	return false;
}

/*
 * Every rule of set on one sentence, in rule order. Trigger lengths per
 * (rule, word) come from the trigger index first: one hash lookup a word.
 */
static void apply_set(struct matcher *matcher, const struct ruleset *set,
                      const struct sentence_view *view,
                      struct polgraph_arena *scratch)
{
	size_t words = view->word_count;
	unsigned char *lengths;
	bool *triggered;
	signed char *veto_hit;
	bool any = false;

	if (!set->rule_count || !words)
		return;
	lengths = polgraph_arena_alloc(scratch, set->rule_count * words);
	triggered = polgraph_arena_alloc(scratch, set->rule_count); /* zeroed */
	for (size_t i = 0; i < words; i++) {
		size_t first;

		if (view->words[i].spot >= 0 ||
		    !stem_get(&set->trigger_index, view->words[i].stem, &first))
			continue;
		for (size_t c = first;
		     c < set->cue_count &&
		     set->cues[c].first == view->words[i].stem;
		     c++) { /* both interned */
			const struct trigger_cue *cue = &set->cues[c];
			size_t length = phrase_match(
				view, i,
				&set->rules[cue->rule]
					 .triggers.items[cue->phrase]);
			unsigned char *slot = &lengths[cue->rule * words + i];

			if (length > *slot)
				*slot = (unsigned char)length;
			any |= length > 0;
			triggered[cue->rule] |= length > 0;
		}
	}
	if (!any)
		return;
	veto_hit = polgraph_arena_alloc(scratch, set->veto_count + 1);
	memset(veto_hit, -1, set->veto_count + 1);
	for (size_t r = 0; r < set->rule_count; r++)
		if (triggered[r] &&
		    !vetoed(set, view, &set->rules[r], veto_hit))
			apply_rule(matcher, set, &set->rules[r], view,
			           lengths + r * words);
}

static bool lang_matches(const char *set_lang, const char *article_lang)
{
	if (!article_lang || strcmp(article_lang, "und") == 0)
		return true;
	if (strcmp(set_lang, article_lang) == 0)
		return true;
	/* Ukrainian and Belarusian news is often in Russian script rules. */
	return strcmp(set_lang, "ru") == 0 &&
	       (strcmp(article_lang, "uk") == 0 ||
	        strcmp(article_lang, "be") == 0);
}

static int compare_spots(const void *left, const void *right)
{
	const struct spot *x = left, *y = right;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* Derives the form of text[0..len), a word or punctuation, in arena. */
static struct form derive_form(struct polgraph_relations *relations,
                               const char *text, size_t len, bool punct,
                               struct polgraph_arena *arena)
{
	struct form form;

	size_t norm_len;

	form.norm = polgraph_text_normalize(text, len, arena, NULL);
	norm_len = strlen(form.norm); /* as C strings compare: to a NUL */
	form.stem = phrase_stem(relations,
	                        punct ? form.norm
	                              : stem_word(relations, form.norm, arena));
	form.clause_break = ends_clause(form.norm);
	form.negative =
		norm_len > 3 && strcmp(form.norm + norm_len - 3, "n't") == 0;
	return form;
}

/* The form of a token: remembered by its form id, newly remembered or,
 * for a token without an id, derived in scratch. */
static struct form form_of(struct polgraph_relations *relations,
                           const struct polgraph_result *result,
                           const struct polgraph_token *token,
                           struct polgraph_arena *scratch)
{
	const char *text = result->article.text + token->start;
	size_t len = token->end - token->start, id = token->form;
	bool punct = token->kind == POLGRAPH_TOKEN_PUNCT;

	if (id == POLGRAPH_FORM_NONE || !result->forms)
		return derive_form(relations, text, len, punct, scratch);
	if (relations->form_table != result->forms) { /* another table */
		if (relations->form_capacity)
			memset(relations->forms, 0,
			       relations->form_capacity *
			               sizeof(*relations->forms));
		polgraph_arena_release(&relations->form_arena);
		relations->form_table = result->forms;
	}
	if (id >= relations->form_capacity) {
		size_t old = relations->form_capacity;

		polgraph_xgrow((void **)&relations->forms,
		               &relations->form_capacity, id + 1,
		               sizeof(*relations->forms));
		memset(relations->forms + old, 0,
		       (relations->form_capacity - old) *
		               sizeof(*relations->forms));
	}
	if (!relations->forms[id].norm)
		relations->forms[id] = derive_form(relations, text, len, punct,
		                                   &relations->form_arena);
	return relations->forms[id];
}

/* Words and mentions of one sentence. */
static void view_sentence(struct matcher *matcher, size_t s,
                          struct sentence_view *view,
                          struct polgraph_arena *scratch)
{
	const struct polgraph_result *result = matcher->result;
	const struct polgraph_sentence *sentence = &result->sentences[s];
	struct polgraph_token *tokens;
	size_t count, spot_capacity = 0, mentions = 0;

	memset(view, 0, sizeof(*view));
	view->index = s;
	/* Rules need two mentions in the sentence; most have fewer. */
	mentions = matcher->sentence_first[s + 1] - matcher->sentence_first[s];
	if (mentions < 2)
		return;
	if (result->tokens) {
		tokens = result->tokens + result->sentence_tokens[s];
		count = result->sentence_tokens[s + 1] -
		        result->sentence_tokens[s];
	} else {
		polgraph_text_tokens(result->article.text, sentence->start,
		                     sentence->end, scratch, &tokens, &count);
	}
	view->words = polgraph_arena_alloc(scratch,
	                                   (count + 1) * sizeof(*view->words));
	for (size_t i = 0; i < count; i++) {
		struct word *word = &view->words[i];

		word->start = tokens[i].start;
		word->end = tokens[i].end;
		word->punct = tokens[i].kind == POLGRAPH_TOKEN_PUNCT;
		word->spot = -1;
	}
	view->word_count = count;
	for (size_t p = matcher->sentence_first[s];
	     p < matcher->sentence_first[s + 1]; p++) {
		size_t a = matcher->placed[p].actor;
		const struct polgraph_mention *mention =
			matcher->placed[p].mention;
		struct spot spot = { .actor = a,
			             .type = result->actors[a].type,
			             .text = mention->text };
		size_t first = 0;

		while (first < count &&
		       view->words[first].end <= mention->start)
			first++;
		spot.first = first;
		spot.last = first;
		while (spot.last < count &&
		       view->words[spot.last].start < mention->end)
			spot.last++;
		if (spot.last == spot.first)
			continue;
		polgraph_arena_grow(scratch, (void **)&view->spots,
		                    &spot_capacity, view->spot_count + 1,
		                    sizeof(*view->spots));
		view->spots[view->spot_count++] = spot;
	}
	if (view->spot_count < 2)
		return; /* the caller skips the sentence */
	for (size_t i = 0; i < count; i++) {
		struct word *word = &view->words[i];
		struct form form = form_of(matcher->relations, result,
		                           &tokens[i], scratch);

		word->norm = form.norm;
		word->stem = form.stem;
		word->clause_break = form.clause_break;
		word->negative = form.negative;
	}
	qsort(view->spots, view->spot_count, sizeof(*view->spots),
	      compare_spots);
	for (size_t p = 0; p < view->spot_count; p++)
		for (size_t i = view->spots[p].first; i < view->spots[p].last;
		     i++)
			view->words[i].spot = (long)p;
}

/* ---- positions from the lexicon ---- */

/* "2025" -> "2025-01-01" (pad "-01") or "2025-12-31" (pad "-12-31"). */
static void pad_date(const char *date, bool end, char out[11])
{
	size_t len = strlen(date);

	snprintf(out, 11, "%s", date);
	if (len == 4)
		snprintf(out + 4, 7, "%s", end ? "-12-31" : "-01-01");
	else if (len == 7)
		snprintf(out + 7, 4, "%s", end ? "-31" : "-01");
}

/* Did the role hold on the article's date? An undated article may speak
 * of any of them. */
static bool role_holds(const struct polgraph_role *role, const char *date)
{
	char from[11], until[11];

	if (!date)
		return true; /* undated text: any role it may speak of */
	if (role->from) {
		pad_date(role->from, false, from);
		if (strcmp(date, from) < 0)
			return false;
	}
	if (role->until) {
		pad_date(role->until, true, until);
		if (strcmp(date, until) > 0)
			return false;
	}
	return true;
}

static long actor_index(const struct polgraph_result *result, const char *key)
{
	size_t low = 0, high = result->actor_count;

	while (low < high) {
		size_t mid = (low + high) / 2;
		int order = strcmp(result->actors[mid].key, key);

		if (order == 0)
			return (long)mid;
		if (order < 0)
			low = mid + 1;
		else
			high = mid;
	}
	return -1;
}

/*
 * A lexicon person mentioned in an article dated within one of their
 * roles holds that position, when the article also mentions what they
 * hold it of. Evidence: the sentence of their first mention.
 */
static void lexicon_roles(struct matcher *matcher)
{
	const struct polgraph_result *result = matcher->result;
	const struct polgraph_lexicon *lexicon = matcher->relations->lexicon;
	struct polgraph_arena *arena = &matcher->result->arena;

	if (!lexicon)
		return;
	for (size_t a = 0; a < result->actor_count; a++) {
		const struct polgraph_actor *actor = &result->actors[a];
		const struct polgraph_lexicon_entry *entry;

		if (actor->type != POLGRAPH_ACTOR_PERSON ||
		    !actor->mention_count ||
		    !(entry = polgraph_lexicon_find(lexicon, actor->key)))
			continue;
		for (size_t r = 0; r < entry->role_count; r++) {
			const struct polgraph_role *role = &entry->roles[r];
			struct polgraph_buf attrs = { 0 };
			struct found found = { 0 };
			long of = actor_index(result, role->of);

			if (of < 0 || (size_t)of == a ||
			    !role_holds(role, result->article.date))
				continue;
			polgraph_buf_puts(&attrs, "{");
			append_member(&attrs, "position", role->position,
			              false);
			if (role->to)
				append_member(&attrs, "to", role->to, false);
			polgraph_buf_puts(&attrs, "}");
			found.type = "holds-position";
			found.source = a;
			found.target = (size_t)of;
			found.sentence = actor->mentions[0].sentence;
			found.start = actor->mentions[0].start;
			found.end = actor->mentions[0].end;
			found.rule = "lexicon.role";
			found.confidence = 1.0;
			found.attrs = polgraph_arena_strdup(arena, attrs.data);
			polgraph_buf_release(&attrs);
			emit(matcher, &found);
		}
	}
}

/* ---- the stage ---- */

/* For the comparator; per thread, as pipelines run on worker threads. */
static _Thread_local const struct polgraph_result *sort_result;

static int compare_found(const void *left, const void *right)
{
	const struct found *x = left, *y = right;
	const struct polgraph_actor *actors = sort_result->actors;
	int order;

	if (x->sentence != y->sentence)
		return x->sentence < y->sentence ? -1 : 1;
	if ((order = strcmp(x->type, y->type)))
		return order;
	if ((order = strcmp(actors[x->source].key, actors[y->source].key)))
		return order;
	if ((order = strcmp(actors[x->target].key, actors[y->target].key)))
		return order;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

/* The same relation twice in one sentence (two rules, or meets-with both
 * ways) counts once. */
static bool same_relation(const struct found *x, const struct found *y)
{
	if (x->sentence != y->sentence || strcmp(x->type, y->type) != 0 ||
	    x->negated != y->negated)
		return false;
	if (x->source == y->source && x->target == y->target)
		return true;
	return polgraph_relation_symmetric(x->type) && x->source == y->target &&
	       x->target == y->source;
}

/* Files every mention under its sentence (matcher->placed), keeping the
 * order of actors and of their mentions. */
static void place_mentions(struct matcher *matcher)
{
	const struct polgraph_result *result = matcher->result;
	size_t sentences = result->sentence_count, total = 0, *next;

	matcher->sentence_first = polgraph_xcalloc(
		sentences + 2, sizeof(*matcher->sentence_first));
	for (size_t a = 0; a < result->actor_count; a++)
		for (size_t m = 0; m < result->actors[a].mention_count; m++)
			if (result->actors[a].mentions[m].sentence < sentences)
				matcher->sentence_first[result->actors[a]
				                                .mentions[m]
				                                .sentence +
				                        2]++;
	for (size_t s = 2; s < sentences + 2; s++)
		matcher->sentence_first[s] += matcher->sentence_first[s - 1];
	total = matcher->sentence_first[sentences + 1];
	matcher->placed = polgraph_xmalloc((total ? total : 1) *
	                                   sizeof(*matcher->placed));
	/* sentence_first[s + 1] runs ahead as the next free place of s */
	next = matcher->sentence_first + 1;
	for (size_t a = 0; a < result->actor_count; a++) {
		for (size_t m = 0; m < result->actors[a].mention_count; m++) {
			const struct polgraph_mention *mention =
				&result->actors[a].mentions[m];

			if (mention->sentence >= sentences)
				continue;
			matcher->placed[next[mention->sentence]++] =
				(struct placed_mention){ a, mention };
		}
	}
}

enum polgraph_status
polgraph_relations_run(struct polgraph_relations *relations,
                       struct polgraph_result *result,
                       struct polgraph_error *err)
{
	struct matcher matcher = { .relations = relations, .result = result };
	struct polgraph_arena scratch = { 0 };
	size_t kept = 0;

	(void)err;
	result->relations = NULL;
	result->relation_count = 0;
	if (result->actor_count >= 2)
		place_mentions(&matcher);
	for (size_t s = 0;
	     s < result->sentence_count && result->actor_count >= 2; s++) {
		struct sentence_view view;

		view_sentence(&matcher, s, &view, &scratch);
		if (view.spot_count >= 2) {
			for (size_t k = 0; k < relations->set_count; k++) {
				const struct ruleset *set = &relations->sets[k];

				if (!lang_matches(set->lang,
				                  result->article.lang))
					continue;
				for (size_t w = 0; w < view.word_count; w++)
					view.words[w].filler =
						!view.words[w].punct &&
						longest_match(&view, w,
					                      &set->fillers) ==
							1;
				apply_set(&matcher, set, &view, &scratch);
			}
		}
		polgraph_arena_release(&scratch);
	}
	lexicon_roles(&matcher);

	sort_result = result;
	if (matcher.found_count)
		qsort(matcher.found, matcher.found_count,
		      sizeof(*matcher.found), compare_found);
	if (matcher.found_count)
		result->relations = polgraph_arena_alloc(
			&result->arena,
			matcher.found_count * sizeof(*result->relations));
	for (size_t i = 0; i < matcher.found_count; i++) {
		const struct found *found = &matcher.found[i];
		struct polgraph_relation *relation;
		bool duplicate = false;

		for (size_t j = 0; j < i && !duplicate; j++)
			duplicate =
				found->sentence == matcher.found[j].sentence &&
				same_relation(found, &matcher.found[j]);
		if (duplicate)
			continue;
		relation = &result->relations[kept++];
		relation->type =
			polgraph_arena_strdup(&result->arena, found->type);
		relation->source = result->actors[found->source].key;
		relation->target = result->actors[found->target].key;
		relation->sentence = found->sentence;
		relation->start = found->start;
		relation->end = found->end;
		relation->negated = found->negated;
		relation->rule =
			polgraph_arena_strdup(&result->arena, found->rule);
		relation->confidence = found->confidence;
		relation->attrs = found->attrs;
	}
	result->relation_count = kept;
	free(matcher.found);
	free(matcher.readings);
	free(matcher.placed);
	free(matcher.sentence_first);
	return POLGRAPH_OK;
}
