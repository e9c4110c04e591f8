/*
 * actors.h - the actors stage: the lexicon of known actors, recognition of
 * unknown people and organisations, and resolution of every surface form
 * to one actor.
 *
 * Consumes a result whose sentences are set (pipeline.h); produces
 * result->actors: one entry per real actor with every mention, whatever
 * case, spelling or script the text used. Known actors come from the
 * lexicon (the JSON Lines files in data/actors/, docs/lexicon.md); unknown ones
 * from cues (data/recognize/): first names, patronymics, titles, organisation
 * nouns, quoted names and acronyms.
 */
#ifndef POLGRAPH_ACTORS_H
#define POLGRAPH_ACTORS_H

#include <stdbool.h>
#include <stddef.h>

#include "polgraph/mem.h"
#include "polgraph/pipeline.h"
#include "polgraph/status.h"

enum polgraph_alias_kind {
	POLGRAPH_ALIAS_NAME, /* the actor's own name or abbreviation */
	POLGRAPH_ALIAS_DEMONYM, /* "белорусский", "American": the state acts */
	POLGRAPH_ALIAS_METONYM, /* "Минск", "Kremlin": stands for the actor */
};

struct polgraph_alias {
	const char *text; /* as written in the lexicon */
	const char *lang; /* "en", "ru", ... */
	enum polgraph_alias_kind kind;
};

/* A dated role; becomes a holds-position edge. */
struct polgraph_role {
	const char *position; /* "president", "foreign-minister", ... */
	const char *of;       /* actor key */
	const char *to;       /* actor key (ambassadors), or NULL */
	const char *from;     /* "YYYY[-MM[-DD]]" or NULL */
	const char *until;    /* same, NULL while the role lasts */
};

struct polgraph_lexicon_entry {
	const char *key;  /* "country:BLR", "person:...", "org:UN" */
	const char *name; /* display name, Latin script */
	enum polgraph_actor_type type;
	struct polgraph_alias *aliases;
	size_t alias_count;
	const char *belongs_to; /* actor key, or NULL */
	struct polgraph_role *roles;
	size_t role_count;
	const char *origin; /* file it was read from, or NULL */
	size_t line;        /* line in origin */
};

struct polgraph_lexicon;

/* An empty lexicon. Free with polgraph_lexicon_free. */
struct polgraph_lexicon *polgraph_lexicon_new(void);
void polgraph_lexicon_free(struct polgraph_lexicon *lexicon);

/*
 * Reads one JSON Lines lexicon file (docs/lexicon.md). Blank lines and
 * lines starting with // are skipped. A malformed line fails with
 * POLGRAPH_JSON or POLGRAPH_INVALID and err "FILE:LINE: what"; entries
 * before it stay loaded. A key already present merges (polgraph_lexicon_add).
 */
enum polgraph_status
polgraph_lexicon_load_file(struct polgraph_lexicon *lexicon, const char *path,
                           struct polgraph_error *err);

/* Reads every *.jsonl file of dir in sorted order. A missing dir is not an
 * error (an empty lexicon). */
enum polgraph_status polgraph_lexicon_load_dir(struct polgraph_lexicon *lexicon,
                                               const char *dir,
                                               struct polgraph_error *err);

/*
 * Parses one lexicon line into *entry, strings in arena. where (may be
 * NULL) prefixes messages. Used by the loader and by `lexicon add`.
 */
enum polgraph_status polgraph_lexicon_parse(
	const char *line, size_t len, struct polgraph_arena *arena,
	struct polgraph_lexicon_entry *entry, struct polgraph_error *err);

/*
 * Adds a copy of entry. An entry whose key is already present adds its
 * aliases and roles to the existing one (so a file of extra variants or a
 * converted CAMEO dictionary extends the built-in lexicon); a different
 * type for the same key, or a missing key, name or alias, is
 * POLGRAPH_INVALID.
 */
enum polgraph_status
polgraph_lexicon_add(struct polgraph_lexicon *lexicon,
                     const struct polgraph_lexicon_entry *entry,
                     struct polgraph_error *err);

size_t polgraph_lexicon_count(const struct polgraph_lexicon *lexicon);
/* The i-th entry in load order. */
const struct polgraph_lexicon_entry *
polgraph_lexicon_entry(const struct polgraph_lexicon *lexicon, size_t i);
/* The entry with this key, or NULL. O(1). */
const struct polgraph_lexicon_entry *
polgraph_lexicon_find(const struct polgraph_lexicon *lexicon, const char *key);

/* Appends entry as one JSON line (no newline) in the lexicon format. */
enum polgraph_status
polgraph_lexicon_write(const struct polgraph_lexicon_entry *entry,
                       struct polgraph_buf *out);

/*
 * The recogniser: an indexed lexicon plus the cue lists. Building it costs
 * O(total alias length); running it O(tokens) with hash lookups.
 * Not thread-safe (it owns stemmers): one per thread.
 */
struct polgraph_actors;

/*
 * Loads data_dir/actors/ (the lexicon) and data_dir/recognize/ (cues) and
 * builds the index. Takes ownership of extra (may be NULL): entries added
 * to it before the call are indexed too. NULL on failure, with err.
 */
struct polgraph_actors *polgraph_actors_new(const char *data_dir,
                                            struct polgraph_lexicon *extra,
                                            struct polgraph_error *err);
void polgraph_actors_free(struct polgraph_actors *actors);

/* The lexicon the recogniser uses (owned by it). */
const struct polgraph_lexicon *
polgraph_actors_lexicon(const struct polgraph_actors *actors);

/*
 * Finds the actors of result's article (its text and sentences must be
 * set) and fills result->actors, sorted by key, each with its distinct
 * surface forms and its mentions in text order. Allocates in result->arena.
 */
enum polgraph_status polgraph_actors_run(struct polgraph_actors *actors,
                                         struct polgraph_result *result,
                                         struct polgraph_error *err);

/*
 * Finds lexicon actors by key ("country:BLR") or by any alias, in any case
 * and inflection ("лукашенко", "Lukashenka", "Минска"). Stores up to max
 * distinct entries in matches and returns how many there are in all (more
 * than one: ambiguous). Scans the alias patterns: O(aliases), for commands
 * and queries, not for per-token work.
 */
size_t polgraph_actors_lookup(struct polgraph_actors *actors, const char *name,
                              const struct polgraph_lexicon_entry **matches,
                              size_t max);

/*
 * Romanises Russian/Belarusian/Ukrainian Cyrillic by BGN/PCGN (other
 * characters pass through), into arena. "Амбразевич" -> "Ambrazevich".
 */
char *polgraph_romanize(const char *text, size_t len,
                        struct polgraph_arena *arena);

#endif
