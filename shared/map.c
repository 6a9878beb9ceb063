/*-------------------------------------------------------------------------
 * map.c
 *	  Open-addressing hash map with linear probing (see map.h).
 *-------------------------------------------------------------------------
 */
#include "map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

static uint64_t
hash_key(const char *s, bool nocase)
{
	uint64_t	h = UINT64_C(14695981039346656037);

	for (; *s; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (nocase && c >= 'A' && c <= 'Z')
			c += 32;
		h ^= c;
		h *= UINT64_C(1099511628211);
	}
	return h;
}

static bool
keys_equal(const char *a, const char *b, bool nocase)
{
	return nocase ? farm_strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

void
farm_map_init(farm_map *m, bool nocase)
{
	m->slots = NULL;
	m->cap = 0;
	m->n = 0;
	m->nocase = nocase;
}

void
farm_map_free(farm_map *m)
{
	free(m->slots);
	farm_map_init(m, m->nocase);
}

int
farm_map_get(const farm_map *m, const char *key)
{
	size_t		i;

	if (m->cap == 0)
		return -1;
	i = (size_t) hash_key(key, m->nocase) & (m->cap - 1);
	while (m->slots[i].key != NULL)
	{
		if (keys_equal(m->slots[i].key, key, m->nocase))
			return m->slots[i].value;
		i = (i + 1) & (m->cap - 1);
	}
	return -1;
}

static void
raw_put(farm_map_slot *slots, size_t cap, const char *key, int value, bool nocase)
{
	size_t		i = (size_t) hash_key(key, nocase) & (cap - 1);

	while (slots[i].key != NULL)
		i = (i + 1) & (cap - 1);
	slots[i].key = key;
	slots[i].value = value;
}

bool
farm_map_put(farm_map *m, const char *key, int value)
{
	size_t		i;

	if (m->cap)
	{
		i = (size_t) hash_key(key, m->nocase) & (m->cap - 1);
		while (m->slots[i].key != NULL)
		{
			if (keys_equal(m->slots[i].key, key, m->nocase))
			{
				m->slots[i].value = value;
				return true;
			}
			i = (i + 1) & (m->cap - 1);
		}
	}
	if ((m->n + 1) * 2 > m->cap)
	{
		size_t		ncap = m->cap ? m->cap * 2 : 16;
		farm_map_slot *ns = calloc(ncap, sizeof(farm_map_slot));

		if (ns == NULL)
			return false;
		for (i = 0; i < m->cap; i++)
			if (m->slots[i].key != NULL)
				raw_put(ns, ncap, m->slots[i].key, m->slots[i].value, m->nocase);
		free(m->slots);
		m->slots = ns;
		m->cap = ncap;
	}
	raw_put(m->slots, m->cap, key, value, m->nocase);
	m->n++;
	return true;
}
