/* fuzz-gazetteer-source.c: a file given to `chronomap-cli gazetteer add`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GeoNames dumps, CSV and TSV gazetteers, plain or gzip-compressed, are
 * compiled, written, opened and queried, as `gazetteer add` and the
 * geocoder do.
 */
#include "config.h"

#include <string.h>

#include "chronomap-fuzz.h"
#include "chronomap-geocoder.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ChronomapGazetteerBuilder) builder = chronomap_gazetteer_builder_new ("fuzz");
  g_autoptr(ChronomapGazetteer) gazetteer = NULL;
  g_autoptr(ChronomapGeocoder) geocoder = NULL;
  g_autoptr(ChronomapGeocodeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *compiled = NULL;
  gboolean gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  g_autofree char *path = NULL;

  /* The builder picks gzip by the file's name, as the CLI passes it. */
  path = chronomap_fuzz_write_file (gzip ? "places.txt.gz" : "places.txt", data, size);
  if (!chronomap_gazetteer_builder_add_file (builder, path, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  /* A file that loads holds at least one place: one with none is an
   * error (every row it skipped named), handled above. */
  g_assert_cmpuint (chronomap_gazetteer_builder_get_n_entries (builder), >, 0);

  compiled = g_build_filename (chronomap_fuzz_dir (), "places.cgaz", NULL);
  if (!chronomap_gazetteer_builder_write (builder, compiled, &error))
    g_error ("a gazetteer that compiled could not be written: %s", error->message);

  /* What we write, we read back. */
  gazetteer = chronomap_gazetteer_new ();
  if (!chronomap_gazetteer_add_file (gazetteer, compiled, &error))
    g_error ("the compiled gazetteer does not open: %s", error->message);
  g_assert_cmpuint (chronomap_gazetteer_get_n_entries (gazetteer), ==,
                    chronomap_gazetteer_builder_get_n_entries (builder));

  geocoder = chronomap_geocoder_new (gazetteer);
  result = chronomap_geocoder_geocode (geocoder, "Mosul", NULL);
  g_assert_nonnull (result);

  return 0;
}
