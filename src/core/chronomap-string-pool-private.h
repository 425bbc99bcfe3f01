/* chronomap-string-pool-private.h: what the pool shares with the event
 * store's loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* Whether @len bytes at @a and @b are the same.  Most texts of event data
 * are a few words long: two overlapping loads of each compare them in
 * fewer instructions than the call to memcmp(), which a load makes
 * several times for every event. */
static inline gboolean
chronomap_string_pool_same_bytes (const char *a,
                                  const char *b,
                                  gsize       len)
{
  if (len >= 8 && len <= 16)
    {
      guint64 a0, a1, b0, b1;

      memcpy (&a0, a, 8);
      memcpy (&b0, b, 8);
      memcpy (&a1, a + len - 8, 8);
      memcpy (&b1, b + len - 8, 8);
      return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
  if (len >= 4 && len < 8)
    {
      guint32 a0, a1, b0, b1;

      memcpy (&a0, a, 4);
      memcpy (&b0, b, 4);
      memcpy (&a1, a + len - 4, 4);
      memcpy (&b1, b + len - 4, 4);
      return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
  return memcmp (a, b, len) == 0;
}

G_END_DECLS
