/* chronomap-string-pool.h: interned strings with small integer ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ChronomapStringPool ChronomapStringPool;

/* Id 0 stands for "no string" (NULL or empty). */
#define CHRONOMAP_STRING_NONE 0

ChronomapStringPool *chronomap_string_pool_new        (void);
void                 chronomap_string_pool_free       (ChronomapStringPool *pool);
guint32              chronomap_string_pool_intern     (ChronomapStringPool *pool,
                                                       const char          *str,
                                                       gssize               length);
guint32              chronomap_string_pool_lookup     (ChronomapStringPool *pool,
                                                       const char          *str,
                                                       gssize               length);
guint32              chronomap_string_pool_hash       (const char          *str,
                                                       gsize                length);
void                 chronomap_string_pool_prefetch   (ChronomapStringPool *pool,
                                                       guint32              hash);
guint32              chronomap_string_pool_intern_hashed (ChronomapStringPool *pool,
                                                          const char          *str,
                                                          gsize                length,
                                                          guint32              hash);
const char          *chronomap_string_pool_get        (ChronomapStringPool *pool,
                                                       guint32              id);
gsize                chronomap_string_pool_get_length (ChronomapStringPool *pool,
                                                       guint32              id);
guint                chronomap_string_pool_get_size   (ChronomapStringPool *pool);
gsize                chronomap_string_pool_get_memory (ChronomapStringPool *pool);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapStringPool, chronomap_string_pool_free)

G_END_DECLS
