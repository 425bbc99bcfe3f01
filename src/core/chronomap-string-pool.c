/* chronomap-string-pool.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-string-pool"

#include "config.h"

#include "chronomap-string-pool.h"
#include "chronomap-string-pool-private.h"

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

/* A slot keeps, beside the id, the hash, the length and the first bytes
 * of the string, so that a probe of a large pool (a million events name
 * some 50,000 places) costs one cache miss, which the loader's prefetch
 * can hide, for strings of up to SLOT_HEAD bytes (12 on 64-bit systems),
 * and misses the string itself only for the rest of longer ones.  32
 * bytes, aligned to 32: a slot never straddles two cache lines. */
#define SLOT_HEAD (32 - sizeof (const char *) - 3 * sizeof (guint32))

typedef struct
{
  const char *str;
  guint32     id;
  guint32     hash;
  guint32     length;
  char        head[SLOT_HEAD];   /* NUL-padded */
} Slot;

G_STATIC_ASSERT (sizeof (Slot) == 32);

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

/**
 * chronomap_string_pool_hash:
 * @str: a string
 * @length: its length in bytes
 *
 * Returns: the hash chronomap_string_pool_prefetch() and
 *   chronomap_string_pool_intern_hashed() take
 */
guint32
chronomap_string_pool_hash (const char *str,
                            gsize       length)
{
  /* Eight bytes a step, each mixed in by a multiply, the tail read as the
   * last eight bytes (or two overlapping fours, or three single bytes):
   * a few cycles for the short strings of event data, where FNV-1a's byte
   * at a time cost a multiply each. */
  const guint64 k = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 h = length * k;
  guint64 w;
  gsize i = 0;

  for (; i + 8 < length; i += 8)
    {
      memcpy (&w, str + i, 8);
      h = (h ^ w) * k;
      h ^= h >> 32;
    }
  if (length >= 8)
    memcpy (&w, str + length - 8, 8);
  else if (length >= 4)
    {
      guint32 lo, hi;

      memcpy (&lo, str, 4);
      memcpy (&hi, str + length - 4, 4);
      w = lo | (guint64) hi << 32;
    }
  else if (length > 0)
    w = (guchar) str[0] | (guint64) (guchar) str[length / 2] << 8 |
        (guint64) (guchar) str[length - 1] << 16;
  else
    w = 0;
  /* A multiply carries a change only upwards: the shifts bring the last
   * bytes' changes down into the low bits that index the tables. */
  h ^= w;
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return (guint32) h;
}

static Slot *
new_table (gsize n_slots)
{
  return g_aligned_alloc0 (n_slots, sizeof (Slot), sizeof (Slot));
}

static void
set_slot (Slot        *slot,
          const Entry *entry,
          guint32      id)
{
  slot->str = entry->str;
  slot->id = id;
  slot->hash = entry->hash;
  slot->length = entry->length;
  memset (slot->head, 0, SLOT_HEAD);
  memcpy (slot->head, entry->str, MIN (entry->length, SLOT_HEAD));
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
  pool->table = new_table ((gsize) pool->mask + 1);
  return pool;
}

void
chronomap_string_pool_free (ChronomapStringPool *pool)
{
  if (pool == NULL)
    return;
  g_ptr_array_unref (pool->blocks);
  g_array_unref (pool->entries);
  g_aligned_free (pool->table);
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
  Slot *table = new_table ((gsize) new_mask + 1);
  const Entry *entries = (const Entry *) pool->entries->data;

  for (guint32 id = 1; id < pool->entries->len; id++)
    {
      guint32 slot = entries[id].hash & new_mask;

      while (table[slot].id != 0)
        slot = (slot + 1) & new_mask;
      set_slot (&table[slot], &entries[id], id);
    }
  g_aligned_free (pool->table);
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
  guint32 slot = hash & pool->mask;

  for (;;)
    {
      const Slot *s = &pool->table[slot];

      if (s->id == 0)
        {
          *out_slot = slot;
          return 0;
        }
      if (s->hash == hash && s->length == len &&
          chronomap_string_pool_same_bytes (s->head, str, MIN (len, SLOT_HEAD)) &&
          (len <= SLOT_HEAD || memcmp (s->str + SLOT_HEAD, str + SLOT_HEAD, len - SLOT_HEAD) == 0))
        return s->id;
      slot = (slot + 1) & pool->mask;
    }
}

static guint32
intern (ChronomapStringPool *pool,
        const char          *str,
        gsize                len,
        guint32              hash)
{
  guint32 slot, id;
  Entry entry;

  id = find (pool, str, len, hash, &slot);
  if (id != 0)
    return id;

  g_return_val_if_fail (len < G_MAXUINT32, 0);

  entry.str = store_copy (pool, str, len);
  entry.length = (guint32) len;
  entry.hash = hash;
  id = pool->entries->len;
  g_array_append_val (pool->entries, entry);
  set_slot (&pool->table[slot], &entry, id);

  /* Keep the load factor under one half so probes stay short. */
  if ((gsize) pool->entries->len * 2 > pool->mask)
    grow_table (pool);

  return id;
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

  g_return_val_if_fail (pool != NULL, 0);

  if (str == NULL)
    return CHRONOMAP_STRING_NONE;
  len = length < 0 ? strlen (str) : (gsize) length;
  if (len == 0)
    return CHRONOMAP_STRING_NONE;

  return intern (pool, str, len, chronomap_string_pool_hash (str, len));
}

/**
 * chronomap_string_pool_intern_hashed:
 * @str: a string of @length bytes
 * @hash: chronomap_string_pool_hash() of @str
 *
 * chronomap_string_pool_intern() with the hash computed beforehand, as for
 * chronomap_string_pool_prefetch().
 *
 * Returns: the id of @str, adding it if new; %CHRONOMAP_STRING_NONE for
 *   the empty string
 */
guint32
chronomap_string_pool_intern_hashed (ChronomapStringPool *pool,
                                     const char          *str,
                                     gsize                length,
                                     guint32              hash)
{
  g_return_val_if_fail (pool != NULL, 0);
  g_return_val_if_fail (str != NULL || length == 0, 0);

  if (length == 0)
    return CHRONOMAP_STRING_NONE;
  return intern (pool, str, length, hash);
}

/**
 * chronomap_string_pool_prefetch:
 * @hash: chronomap_string_pool_hash() of a string about to be interned
 *
 * Starts to bring the string's place in the pool's table into the CPU's
 * cache, so that other work can be done while it arrives.  A hint only.
 */
void
chronomap_string_pool_prefetch (ChronomapStringPool *pool,
                                guint32              hash)
{
  g_return_if_fail (pool != NULL);

#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch (&pool->table[hash & pool->mask]);
#endif
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
  return find (pool, str, len, chronomap_string_pool_hash (str, len), &slot);
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
