/* chronomap-string-pool.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-string-pool"

#include "config.h"

#include "chronomap-string-pool.h"

#include <string.h>

/* Strings are copied into large blocks and never move, so the pointers
 * handed out stay valid for the life of the pool.  Lookup is an open
 * addressing table of ids with linear probing; each entry keeps its hash so
 * a probe compares strings only when the hashes agree.  The event store
 * interns several strings for each of a million rows, so this is on the
 * load's hot path: no per-string allocation, no strlen. */

#define BLOCK_SIZE (64 * 1024)

typedef struct
{
  const char *str;
  guint32     length;
  guint32     hash;
} Entry;

/* A slot keeps the hash beside the id so that a probe touches the entry
 * and the string only when the hashes agree: one cache miss, not three. */
typedef struct
{
  guint32 id;
  guint32 hash;
} Slot;

struct _ChronomapStringPool
{
  GPtrArray *blocks;
  char      *block_pos;
  gsize      block_left;
  gsize      bytes;

  GArray    *entries;   /* Entry, index = id; entry 0 is "none" */
  Slot      *table;     /* id 0 = empty */
  guint32    mask;
};

static inline guint32
hash_bytes (const char *str,
            gsize       len)
{
  /* FNV-1a: short strings, good enough spread, no setup cost. */
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) str[i];
      h *= 16777619u;
    }
  return h;
}

ChronomapStringPool *
chronomap_string_pool_new (void)
{
  ChronomapStringPool *pool = g_new0 (ChronomapStringPool, 1);
  Entry none = { NULL, 0, 0 };

  pool->blocks = g_ptr_array_new_with_free_func (g_free);
  pool->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_append_val (pool->entries, none);
  pool->mask = 255;
  pool->table = g_new0 (Slot, pool->mask + 1);
  return pool;
}

void
chronomap_string_pool_free (ChronomapStringPool *pool)
{
  if (pool == NULL)
    return;
  g_ptr_array_unref (pool->blocks);
  g_array_unref (pool->entries);
  g_free (pool->table);
  g_free (pool);
}

static const char *
store_copy (ChronomapStringPool *pool,
            const char          *str,
            gsize                len)
{
  char *copy;

  if (len + 1 > pool->block_left)
    {
      gsize size = MAX (BLOCK_SIZE, len + 1);

      pool->block_pos = g_malloc (size);
      pool->block_left = size;
      pool->bytes += size;
      g_ptr_array_add (pool->blocks, pool->block_pos);
    }
  copy = pool->block_pos;
  memcpy (copy, str, len);
  copy[len] = '\0';
  pool->block_pos += len + 1;
  pool->block_left -= len + 1;
  return copy;
}

static void
grow_table (ChronomapStringPool *pool)
{
  guint32 new_mask = pool->mask * 2 + 1;
  Slot *table = g_new0 (Slot, new_mask + 1);
  const Entry *entries = (const Entry *) pool->entries->data;

  for (guint32 id = 1; id < pool->entries->len; id++)
    {
      guint32 slot = entries[id].hash & new_mask;

      while (table[slot].id != 0)
        slot = (slot + 1) & new_mask;
      table[slot].id = id;
      table[slot].hash = entries[id].hash;
    }
  g_free (pool->table);
  pool->table = table;
  pool->mask = new_mask;
}

static guint32
find (ChronomapStringPool *pool,
      const char          *str,
      gsize                len,
      guint32              hash,
      guint32             *out_slot)
{
  const Entry *entries = (const Entry *) pool->entries->data;
  guint32 slot = hash & pool->mask;

  for (;;)
    {
      guint32 id = pool->table[slot].id;

      if (id == 0)
        {
          *out_slot = slot;
          return 0;
        }
      if (pool->table[slot].hash == hash && entries[id].length == len &&
          memcmp (entries[id].str, str, len) == 0)
        return id;
      slot = (slot + 1) & pool->mask;
    }
}

/**
 * chronomap_string_pool_intern:
 * @str: (nullable): a string
 * @length: its length in bytes, or -1 if nul-terminated
 *
 * Returns: the id of @str, adding it if new; %CHRONOMAP_STRING_NONE for
 *   %NULL or the empty string
 */
guint32
chronomap_string_pool_intern (ChronomapStringPool *pool,
                              const char          *str,
                              gssize               length)
{
  gsize len;
  guint32 hash, slot, id;
  Entry entry;

  g_return_val_if_fail (pool != NULL, 0);

  if (str == NULL)
    return CHRONOMAP_STRING_NONE;
  len = length < 0 ? strlen (str) : (gsize) length;
  if (len == 0)
    return CHRONOMAP_STRING_NONE;

  hash = hash_bytes (str, len);
  id = find (pool, str, len, hash, &slot);
  if (id != 0)
    return id;

  g_return_val_if_fail (len < G_MAXUINT32, 0);

  entry.str = store_copy (pool, str, len);
  entry.length = (guint32) len;
  entry.hash = hash;
  id = pool->entries->len;
  g_array_append_val (pool->entries, entry);
  pool->table[slot].id = id;
  pool->table[slot].hash = hash;

  /* Keep the load factor under one half so probes stay short. */
  if ((gsize) pool->entries->len * 2 > pool->mask)
    grow_table (pool);

  return id;
}

/**
 * chronomap_string_pool_lookup:
 *
 * Returns: the id of @str, or %CHRONOMAP_STRING_NONE if it was never interned
 */
guint32
chronomap_string_pool_lookup (ChronomapStringPool *pool,
                              const char          *str,
                              gssize               length)
{
  gsize len;
  guint32 slot;

  g_return_val_if_fail (pool != NULL, 0);

  if (str == NULL)
    return CHRONOMAP_STRING_NONE;
  len = length < 0 ? strlen (str) : (gsize) length;
  if (len == 0)
    return CHRONOMAP_STRING_NONE;
  return find (pool, str, len, hash_bytes (str, len), &slot);
}

/**
 * chronomap_string_pool_get:
 *
 * Returns: (transfer none) (nullable): the string of @id, owned by the pool,
 *   or %NULL for %CHRONOMAP_STRING_NONE or an unknown id
 */
const char *
chronomap_string_pool_get (ChronomapStringPool *pool,
                           guint32              id)
{
  g_return_val_if_fail (pool != NULL, NULL);

  if (id == 0 || id >= pool->entries->len)
    return NULL;
  return g_array_index (pool->entries, Entry, id).str;
}

/**
 * chronomap_string_pool_get_length:
 *
 * Returns: the length in bytes of the string of @id (0 for none)
 */
gsize
chronomap_string_pool_get_length (ChronomapStringPool *pool,
                                  guint32              id)
{
  g_return_val_if_fail (pool != NULL, 0);

  if (id == 0 || id >= pool->entries->len)
    return 0;
  return g_array_index (pool->entries, Entry, id).length;
}

/* Number of ids in use, counting id 0. */
guint
chronomap_string_pool_get_size (ChronomapStringPool *pool)
{
  g_return_val_if_fail (pool != NULL, 0);
  return pool->entries->len;
}

gsize
chronomap_string_pool_get_memory (ChronomapStringPool *pool)
{
  g_return_val_if_fail (pool != NULL, 0);
  return pool->bytes + pool->entries->len * sizeof (Entry) + (pool->mask + 1) * sizeof (Slot);
}
