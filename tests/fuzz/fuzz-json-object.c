/* fuzz-json-object.c: an event's attributes, a flat JSON object that a
 * foreign database may hold anything in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chronomap-fuzz.h"
#include "chronomap-json.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) written = g_string_new ("{");

  if (!chronomap_json_parse_flat_object (text, pairs))
    return 0;

  /* What was read is valid text in pairs, and writing it out and reading
   * it again gives the same pairs: the exporter's round trip. */
  g_assert_cmpuint (pairs->len % 2, ==, 0);
  for (guint i = 0; i < pairs->len; i += 2)
    {
      g_assert_true (g_utf8_validate (pairs->pdata[i], -1, NULL));
      g_assert_true (g_utf8_validate (pairs->pdata[i + 1], -1, NULL));
      if (i > 0)
        g_string_append (written, ", ");
      chronomap_json_append_string (written, pairs->pdata[i]);
      g_string_append (written, ": ");
      chronomap_json_append_string (written, pairs->pdata[i + 1]);
    }
  g_string_append_c (written, '}');
  g_assert_true (chronomap_json_parse_flat_object (written->str, again));
  g_assert_cmpuint (again->len, ==, pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    g_assert_cmpstr (again->pdata[i], ==, pairs->pdata[i]);
  return 0;
}
