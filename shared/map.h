/*-------------------------------------------------------------------------
 * map.h
 *	  A small open-addressing hash map from borrowed string keys to ints,
 *	  optionally ASCII-case-insensitive.  It keeps every lookup in the schema
 *	  model O(1), so no pass over a schema is quadratic in its size.
 *-------------------------------------------------------------------------
 */
#ifndef FARM_MAP_H
#define FARM_MAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct farm_map_slot
{
	const char *key;			/* borrowed; NULL = empty */
	int			value;
} farm_map_slot;

typedef struct farm_map
{
	farm_map_slot *slots;
	size_t		cap;			/* power of two or 0 */
	size_t		n;
	bool		nocase;
} farm_map;

extern void farm_map_init(farm_map *m, bool nocase);
extern void farm_map_free(farm_map *m);
/* -1 when absent. */
extern int	farm_map_get(const farm_map *m, const char *key);
/* Insert or overwrite; false on OOM.  The key must outlive the map. */
extern bool farm_map_put(farm_map *m, const char *key, int value);

#endif							/* FARM_MAP_H */
