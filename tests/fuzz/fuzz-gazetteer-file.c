/* fuzz-gazetteer-file.c: a compiled gazetteer (.cgaz) as the geocoder maps it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled gazetteers in the user's folder are opened in place, without
 * reading them through: every offset in them is outside data.
 */
#include "config.h"

#include <string.h>

#include "chronomap-fuzz.h"
#include "chronomap-geocoder.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const names[] = {
    "Mosul", "Ar-Raqqah", "Raqqa", "near Aleppo", "Kafr Nabl", "Syria", "Tigris river", "x",
  };
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new ();
  g_autoptr(ChronomapGeocoder) geocoder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = chronomap_fuzz_write_file ("user.cgaz", data, size);

  if (!chronomap_gazetteer_add_file (gazetteer, path, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }

  (void) chronomap_gazetteer_get_n_entries (gazetteer);
  (void) chronomap_gazetteer_get_country_name (gazetteer, "SY");
  geocoder = chronomap_geocoder_new (gazetteer);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(ChronomapGeocodeResult) result = chronomap_geocoder_geocode (geocoder, names[i], "SY");

      g_assert_nonnull (result);
    }

  /* Names taken from the input itself reach the keys it holds. */
  if (size > 8)
    {
      g_autofree char *tail = g_strndup ((const char *) data + size / 2, MIN (size / 2, 64));
      g_autoptr(ChronomapGeocodeResult) result = chronomap_geocoder_geocode (geocoder, tail, NULL);

      g_assert_nonnull (result);
    }

  return 0;
}
