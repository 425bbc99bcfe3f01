/* chronomap-normalize.h: matching keys for place names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ChronomapNameFlags:
 * @CHRONOMAP_NAME_NONE: the name had no qualifier
 * @CHRONOMAP_NAME_PLACE: it said "city", "town", "village"...
 * @CHRONOMAP_NAME_ADMIN: it said "governorate", "province", "district"...
 * @CHRONOMAP_NAME_NEAR: it said "near", "outskirts of", "eastern"...: the
 *   place is close to, not at, the named one
 * @CHRONOMAP_NAME_RIVER: it said "river"
 * @CHRONOMAP_NAME_STRIPPED: qualifiers were removed from the name
 * @CHRONOMAP_NAME_DISTRICT: with @CHRONOMAP_NAME_ADMIN, it said "district",
 *   "subdistrict"...: a second-order area, not a governorate
 *
 * What the qualifiers removed from a name said about the place.
 */
typedef enum
{
  CHRONOMAP_NAME_NONE     = 0,
  CHRONOMAP_NAME_PLACE    = 1 << 0,
  CHRONOMAP_NAME_ADMIN    = 1 << 1,
  CHRONOMAP_NAME_NEAR     = 1 << 2,
  CHRONOMAP_NAME_RIVER    = 1 << 3,
  CHRONOMAP_NAME_STRIPPED = 1 << 4,
  CHRONOMAP_NAME_DISTRICT = 1 << 5,
} ChronomapNameFlags;

/* Longest name, in bytes, that is normalised at all: no place name comes
 * close, and a bound keeps pathological input cheap. */
#define CHRONOMAP_NAME_MAX_BYTES 512

char     *chronomap_normalize_name      (const char         *name,
                                         gboolean            strip_qualifiers,
                                         ChronomapNameFlags *out_flags);
void      chronomap_normalize_name_pair (const char          *name,
                                         char               **out_full,
                                         char               **out_stripped,
                                         ChronomapNameFlags  *out_flags);
char     *chronomap_normalize_fold      (const char         *key);
char     *chronomap_normalize_skeleton  (const char         *fold);
char     *chronomap_normalize_consonants (const char        *key,
                                          gboolean           final_h);
guint     chronomap_normalize_distance  (const char         *a,
                                         const char         *b,
                                         guint               max);
double    chronomap_normalize_similarity (const char        *a,
                                          const char        *b);

G_END_DECLS
