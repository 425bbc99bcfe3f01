/* fuzz-geoparser.c: place names found in running text (articles, notes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "chronomap-fuzz.h"
#include "chronomap-geoparser.h"

static ChronomapGeoparser *geoparser;

void
chronomap_fuzz_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new_default (&error);

  if (gazetteer == NULL)
    g_error ("fuzz-geoparser needs the bundled gazetteer: %s", error->message);
  geoparser = chronomap_geoparser_new (gazetteer, &error);
  if (geoparser == NULL)
    g_error ("%s", error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) mentions = NULL;
  glong n_chars;

  /* Bytes as they come: the geoparser takes any text, valid or not. */
  mentions = chronomap_geoparser_parse (geoparser, (const char *) data, size);
  g_assert_nonnull (mentions);
  n_chars = g_utf8_validate ((const char *) data, size, NULL) ?
            g_utf8_strlen ((const char *) data, size) : G_MAXLONG;
  for (guint i = 0; i < mentions->len; i++)
    {
      const ChronomapPlaceMention *m = g_ptr_array_index (mentions, i);

      /* The views highlight these spans in the text. */
      g_assert_cmpint (m->start, >=, 0);
      g_assert_cmpint (m->start, <, m->end);
      g_assert_cmpint (m->end, <=, n_chars);
      g_assert_cmpuint (m->byte_start, <, m->byte_end);
      g_assert_nonnull (m->text);
      g_assert_true (g_utf8_validate (m->text, -1, NULL));
      g_assert_nonnull (m->entry);
      if (n_chars != G_MAXLONG)
        {
          g_assert_cmpuint (m->byte_end, <=, size);
          g_assert_cmpint (g_utf8_pointer_to_offset ((const char *) data,
                                                     (const char *) data + m->byte_start),
                           ==, m->start);
        }
    }

  return 0;
}
