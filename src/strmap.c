/*
 * strmap.c - string-keyed hash map with open addressing (strmap.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "polgraph/mem.h"
#include "polgraph/strmap.h"

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t hash = 0xcbf29ce484222325u;

	for (size_t i = 0; i < len; i++) {
		hash ^= (unsigned char)s[i];
		hash *= 0x100000001b3u;
	}
	return hash;
}

void polgraph_strmap_release(struct polgraph_strmap *map)
{
	free(map->slots);
	memset(map, 0, sizeof(*map));
}

static struct polgraph_strmap_slot *slot_for(const struct polgraph_strmap *map,
                                             const char *key, size_t len,
                                             size_t hash)
{
	size_t mask, at;

	if (!map->capacity)
		return NULL;
	mask = map->capacity - 1;
	at = hash & mask;
	for (;;) {
		struct polgraph_strmap_slot *slot = &map->slots[at];

		if (!slot->key ||
		    (slot->hash == hash && memcmp(slot->key, key, len) == 0 &&
		     slot->key[len] == '\0'))
			return slot;
		at = (at + 1) & mask;
	}
}

/* Looks up key[0..len); returns true and *value if present. */
bool polgraph_strmap_get(const struct polgraph_strmap *map, const char *key,
                         size_t len, size_t *value)
{
	struct polgraph_strmap_slot *slot;

	if (!map->capacity)
		return false;
	slot = slot_for(map, key, len, (size_t)hash_bytes(key, len));
	if (!slot->key)
		return false;
	if (value)
		*value = slot->value;
	return true;
}

bool polgraph_strmap_has(const struct polgraph_strmap *map, const char *key)
{
	return polgraph_strmap_get(map, key, strlen(key), NULL);
}

/* Inserts or, if present, leaves the old value; returns the slot's value. */
size_t polgraph_strmap_put(struct polgraph_strmap *map, const char *key,
                           size_t value)
{
	struct polgraph_strmap_slot *slot;
	size_t len = strlen(key), hash = (size_t)hash_bytes(key, len);

	if ((map->count + 1) * 2 > map->capacity) {
		struct polgraph_strmap grown = { 0 };

		grown.capacity = map->capacity ? map->capacity * 2 : 64;
		grown.slots =
			polgraph_xcalloc(grown.capacity, sizeof(*grown.slots));
		for (size_t i = 0; i < map->capacity; i++) {
			const struct polgraph_strmap_slot *old = &map->slots[i];

			if (old->key) {
				size_t at = old->hash & (grown.capacity - 1);

				while (grown.slots[at].key)
					at = (at + 1) & (grown.capacity - 1);
				grown.slots[at] = *old;
				grown.count++;
			}
		}
		free(map->slots);
		*map = grown;
	}
	slot = slot_for(map, key, len, hash);
	if (!slot->key) {
		slot->key = key;
		slot->value = value;
		slot->hash = hash;
		map->count++;
	}
	return slot->value;
}
