/* fuzz-geocoder.c: location texts of event files against the gazetteer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a query, then optionally a country hint and an admin1 hint,
 * each on its own line, as `chronomap-cli geocode-db` takes them from a
 * file's location, country and admin1 columns.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "chronomap-fuzz.h"
#include "chronomap-geocoder.h"

static ChronomapGeocoder *geocoder;

void
chronomap_fuzz_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapGazetteer) gazetteer = NULL;

  /* The bundled gazetteer, as built in this build tree: the real index,
   * with its hash collisions and its long posting lists. */
  gazetteer = chronomap_gazetteer_new_default (&error);
  if (gazetteer == NULL)
    g_error ("fuzz-geocoder needs the bundled gazetteer: %s", error->message);
  geocoder = chronomap_geocoder_new (gazetteer);
}

static void
check_result (ChronomapGeocodeResult *result)
{
  g_assert_nonnull (result);
  g_assert_nonnull (result->alternatives);
  if (result->resolved)
    {
      g_assert_nonnull (result->entry);
      g_assert_true (result->latitude >= -90 && result->latitude <= 90);
      g_assert_true (result->longitude >= -180 && result->longitude <= 180);
      g_assert_true (result->confidence >= 0 && result->confidence <= 1);
    }
  else
    g_assert_true (isnan (result->latitude));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 4);
  guint n = g_strv_length (lines);
  const char *query = n > 0 ? lines[0] : "";
  const char *country = n > 1 ? lines[1] : NULL;
  const char *admin1 = n > 2 ? lines[2] : NULL;
  g_autoptr(ChronomapGeocodeResult) result = NULL;
  g_autoptr(ChronomapGeocodeResult) result_in = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) begun = NULL;
  const char *queries[2] = { query, country != NULL ? country : "" };
  const char *hints[2] = { country, NULL };

  result = chronomap_geocoder_geocode (geocoder, query, country);
  check_result (result);
  result_in = chronomap_geocoder_geocode_in (geocoder, query, country, admin1);
  check_result (result_in);

  /* Context from an earlier answer changes the ranking; it must not
   * change what is safe. */
  if (result->resolved)
    chronomap_geocoder_add_context (geocoder, result->latitude, result->longitude);
  all = chronomap_geocoder_geocode_all (geocoder, queries, hints, NULL, 2);
  g_assert_cmpuint (all->len, ==, 2);
  for (guint i = 0; i < all->len; i++)
    check_result (g_ptr_array_index (all, i));
  chronomap_geocoder_clear_context (geocoder);

  /* the beginnings of names, as Find the Place completes them */
  begun = chronomap_geocoder_complete (geocoder, query, country, 8);
  g_assert_cmpuint (begun->len, <=, 8);
  for (guint i = 0; i < begun->len; i++)
    {
      const ChronomapGazetteerEntry *e = g_ptr_array_index (begun, i);

      g_assert_true (e->latitude >= -90 && e->latitude <= 90);
      g_assert_true (e->longitude >= -180 && e->longitude <= 180);
    }

  return 0;
}
