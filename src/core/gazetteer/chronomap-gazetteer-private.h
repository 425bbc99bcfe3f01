/* chronomap-gazetteer-private.h: the compiled gazetteer file format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A compiled gazetteer is one file, mapped into memory and used in place:
 * opening it reads a header and checks its bounds, nothing more.  All
 * integers are little-endian (checked by the magic), all offsets are from
 * the start of the file, all strings NUL-terminated in one pool.
 *
 *   header
 *   entries[n_entries]            GazEntry, countries first
 *   norm_keys[n_norm_keys + 1]    GazKey sorted by string, a sentinel last
 *   norm_postings[]               entry index << 2 | GAZ_POSTING_*
 *   norm_hash[norm_hash_size]     open addressing, key index + 1, 0 empty
 *   fold_keys[n_fold_keys + 1]    GazKey
 *   fold_postings[]               norm key index
 *   fold_hash[fold_hash_size]
 *   skel_keys[n_skel_keys + 1]    GazKey
 *   skel_postings[]               fold key index
 *   skel_hash[skel_hash_size]
 *   fold_alone[(n_norm_keys + 7) / 8]   with GAZ_FEATURE_FOLD_ALONE, 8-aligned
 *   strings
 *
 * fold_alone has a bit for each name key (bit k % 8 of byte k / 8), set
 * when the other name keys of its fold name no entry the key does not:
 * an exact match on the key needs no look at its transliterations.  Files
 * without it (written before it existed) are read as they are, and
 * readers that predate it skip it.
 */
#pragma once

#include <glib.h>

#include "chronomap-gazetteer.h"

G_BEGIN_DECLS

#define GAZ_MAGIC "CMGAZ\x01\x00\x00"
#define GAZ_VERSION 2

/* Optional sections present (GazHeader.features). */
#define GAZ_FEATURE_FOLD_ALONE 1u

/* How a name key was reached from an entry's names. */
#define GAZ_POSTING_CANONICAL 1u   /* from the entry's own name */
#define GAZ_POSTING_STRIPPED  2u   /* only once qualifiers were removed */

typedef struct
{
  char    magic[8];
  guint32 version;
  guint32 n_entries;
  guint32 n_countries;
  guint32 n_norm_keys;
  guint32 n_norm_postings;
  guint32 norm_hash_size;
  guint32 n_fold_keys;
  guint32 n_fold_postings;
  guint32 fold_hash_size;
  guint32 n_skel_keys;
  guint32 n_skel_postings;
  guint32 skel_hash_size;
  guint32 strings_size;
  guint32 label_off;
  guint32 features;    /* GAZ_FEATURE_*; 0 in files written before them */
  guint32 reserved;
  guint64 off_entries;
  guint64 off_norm_keys;
  guint64 off_norm_postings;
  guint64 off_norm_hash;
  guint64 off_fold_keys;
  guint64 off_fold_postings;
  guint64 off_fold_hash;
  guint64 off_skel_keys;
  guint64 off_skel_postings;
  guint64 off_skel_hash;
  guint64 off_strings;
} GazHeader;

typedef struct
{
  gint32  lat_e6;
  gint32  lon_e6;
  guint32 name_off;
  guint32 id_off;
  guint32 admin1_off;
  guint32 population;
  char    country[2];
  guint8  precision;   /* ChronomapPrecision */
  guint8  rank;        /* 0 (part of a place) .. 7 (a country) */
} GazEntry;

typedef struct
{
  guint32 str_off;
  guint32 post_start;
} GazKey;

typedef struct
{
  GMappedFile     *map;
  const char      *base;
  gsize            size;
  const GazHeader *header;
  const GazEntry  *entries;
  const GazKey    *norm_keys;
  const guint32   *norm_postings;
  const guint32   *norm_hash;
  const GazKey    *fold_keys;
  const guint32   *fold_postings;
  const guint32   *fold_hash;
  const GazKey    *skel_keys;
  const guint32   *skel_postings;
  const guint32   *skel_hash;
  const guint8    *fold_alone;  /* (nullable) */
  const char      *strings;
  char            *path;
  char            *label;
} GazFile;

G_STATIC_ASSERT (sizeof (GazHeader) == 160);
G_STATIC_ASSERT (sizeof (GazEntry) == 28);

static inline guint32
gaz_hash (const char *s)
{
  /* FNV-1a: short keys, good spread, the same on every platform */
  guint32 h = 2166136261u;

  for (; *s != '\0'; s++)
    h = (h ^ (guchar) *s) * 16777619u;
  return h;
}

/* Whether an exact match on name key @key makes looking up its fold
 * useless: the fold names no entry the key does not. */
static inline gboolean
gaz_file_fold_alone (const GazFile *file,
                     gint32         key)
{
  return file->fold_alone != NULL && key >= 0 && (guint32) key < file->header->n_norm_keys &&
         (file->fold_alone[key >> 3] >> (key & 7) & 1) != 0;
}

static inline const char *
gaz_string (const GazFile *file,
            guint32        off)
{
  return off < file->header->strings_size ? file->strings + off : "";
}

GazFile        *gaz_file_open            (const char     *path,
                                          GError        **error);
void            gaz_file_free            (GazFile        *file);
gint32          gaz_file_lookup_norm     (const GazFile  *file,
                                          const char     *key);
gint32          gaz_file_lookup_fold     (const GazFile  *file,
                                          const char     *fold);
gint32          gaz_file_lookup_skel     (const GazFile  *file,
                                          const char     *skel);
GPtrArray      *chronomap_gazetteer_get_files (ChronomapGazetteer *self);
ChronomapPrecision chronomap_precision_from_feature (const char *feature,
                                                     guint8     *out_rank);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GazFile, gaz_file_free)

ChronomapGazetteerEntry *gaz_entry_pack (const ChronomapGazetteerEntry *fields);

G_END_DECLS
