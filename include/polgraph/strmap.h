/*
 * strmap.h - a string-keyed hash map (open addressing, linear probing)
 * from NUL-terminated keys to size_t values: the lookup tables of the
 * lexicon, the cue lists and the relation rules.
 *
 * Keys are not copied: they must outlive the map (keep them in an arena).
 * Zero-initialise a map before use; release it with polgraph_strmap_release.
 */
#ifndef POLGRAPH_STRMAP_H
#define POLGRAPH_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct polgraph_strmap_slot {
	const char *key; /* NULL = empty */
	size_t value;
	size_t hash; /* of key: probes compare it before the bytes */
};

struct polgraph_strmap {
	struct polgraph_strmap_slot *slots;
	size_t capacity; /* power of two, 0 when empty */
	size_t count;
};

/* Looks up key[0..len); on a hit stores the value (if value is not NULL)
 * and returns true. O(1) expected. */
bool polgraph_strmap_get(const struct polgraph_strmap *map, const char *key,
                         size_t len, size_t *value);
/* Is the NUL-terminated key present? */
bool polgraph_strmap_has(const struct polgraph_strmap *map, const char *key);
/* Inserts key with value unless present; returns the value now stored. */
size_t polgraph_strmap_put(struct polgraph_strmap *map, const char *key,
                           size_t value);
void polgraph_strmap_release(struct polgraph_strmap *map);

#endif
