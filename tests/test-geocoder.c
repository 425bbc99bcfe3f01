/* test-geocoder.c: names to coordinates with the bundled gazetteer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "chronomap-gazetteer.h"
#include "chronomap-geocoder.h"

/* Share of the development set that must land within 10 km.  Every row
 * passes today; the margin leaves room for a deliberate trade-off, not for
 * regressions, so the failures are always printed. */
#define DEV_SET_MIN_SHARE 0.97

static ChronomapGeocoder *
new_geocoder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new_default (&error);

  g_assert_no_error (error);
  return chronomap_geocoder_new (gazetteer);
}

static void
assert_near (ChronomapGeocodeResult *r,
             double                  lat,
             double                  lon)
{
  g_assert_true (r->resolved);
  g_assert_cmpfloat (chronomap_geo_distance_km (r->latitude, r->longitude, lat, lon), <, 10.0);
}

static void
test_seeds (void)
{
  g_autoptr(ChronomapGeocoder) geocoder = new_geocoder ();
  g_autoptr(ChronomapGeocodeResult) r = NULL;

  r = chronomap_geocoder_geocode (geocoder, "Ar-Raqqah", NULL);
  assert_near (r, 35.95283, 39.00788);
  g_assert_cmpstr (r->entry->id, ==, "geonames:172955");
  g_assert_cmpstr (r->entry->admin1, ==, "Raqqa");
  g_assert_cmpstr (r->entry->country, ==, "SY");
  g_assert_cmpstr (r->entry->country_name, ==, "Syria");
  g_assert_cmpint (r->precision, ==, CHRONOMAP_PRECISION_PLACE);
  g_assert_cmpfloat (r->confidence, >=, 0.8);
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "near Baghouz", NULL);
  assert_near (r, 34.46095, 40.94904);
  g_assert_cmpstr (r->entry->id, ==, "sup:baghuz-fawqani");
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "Euphrates", NULL);
  g_assert_true (r->resolved);
  g_assert_cmpint (r->precision, ==, CHRONOMAP_PRECISION_RIVER);
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "Raqqa Governorate", NULL);
  g_assert_true (r->resolved);
  g_assert_cmpint (r->precision, ==, CHRONOMAP_PRECISION_ADMIN);
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "Syria", NULL);
  g_assert_true (r->resolved);
  g_assert_cmpint (r->precision, ==, CHRONOMAP_PRECISION_COUNTRY);
}

static void
test_whole_words (void)
{
  g_autoptr(ChronomapGeocoder) geocoder = new_geocoder ();
  g_autoptr(ChronomapGeocodeResult) r = NULL;

  /* "Mosul" must not match "Frumosu", nor the reverse */
  r = chronomap_geocoder_geocode (geocoder, "Mosul", NULL);
  g_assert_cmpstr (r->entry->country, ==, "IQ");
  for (guint i = 0; i < r->alternatives->len; i++)
    {
      ChronomapGeocodeAlternative *alt = g_ptr_array_index (r->alternatives, i);

      g_assert_null (strstr (alt->entry->name, "Frumos"));
    }
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "Frumosu", NULL);
  g_assert_cmpstr (r->entry->country, ==, "RO");
}

static void
test_disambiguation (void)
{
  g_autoptr(ChronomapGeocoder) geocoder = new_geocoder ();
  g_autoptr(ChronomapGeocodeResult) r = NULL;

  r = chronomap_geocoder_geocode (geocoder, "Paris", NULL);
  g_assert_cmpstr (r->entry->country, ==, "FR");
  g_assert_cmpuint (r->alternatives->len, >, 0);
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "Tripoli", "LB");
  g_assert_cmpstr (r->entry->country, ==, "LB");
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "Tripoli", "lb");
  g_assert_cmpstr (r->entry->country, ==, "LB");
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "Tripoli", NULL);
  g_assert_cmpstr (r->entry->country, ==, "LY");
  g_clear_pointer (&r, chronomap_geocode_result_free);

  /* coherence: the other places of the same report are in Lebanon */
  chronomap_geocoder_add_context (geocoder, 33.89332, 35.50157);
  r = chronomap_geocoder_geocode (geocoder, "Tripoli", NULL);
  g_assert_cmpstr (r->entry->country, ==, "LB");
  g_clear_pointer (&r, chronomap_geocode_result_free);
  chronomap_geocoder_clear_context (geocoder);
}

static void
test_geocode_all (void)
{
  g_autoptr(ChronomapGeocoder) geocoder = new_geocoder ();
  const char *queries[] = { "Tripoli", "Beirut", "Sidon", "Byblos", "", "Tyre" };
  g_autoptr(GPtrArray) results = NULL;
  ChronomapGeocodeResult *r;

  results = chronomap_geocoder_geocode_all (geocoder, queries, NULL, NULL, G_N_ELEMENTS (queries));
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (queries));
  for (guint i = 0; i < results->len; i++)
    {
      r = g_ptr_array_index (results, i);
      g_assert_cmpstr (r->query, ==, queries[i]);
    }

  /* Tripoli among Lebanese towns is the Lebanese Tripoli */
  r = g_ptr_array_index (results, 0);
  g_assert_cmpstr (r->entry->country, ==, "LB");
  r = g_ptr_array_index (results, 4);
  g_assert_false (r->resolved);
}

static void
assert_unresolved (ChronomapGeocoder *geocoder,
                   const char        *query)
{
  g_autoptr(ChronomapGeocodeResult) r = chronomap_geocoder_geocode (geocoder, query, NULL);

  g_assert_false (r->resolved);
  g_assert_null (r->entry);
  g_assert_true (isnan (r->latitude));
  g_assert_true (isnan (r->longitude));
  g_assert_cmpint (r->precision, ==, CHRONOMAP_PRECISION_NONE);
  g_assert_cmpfloat (r->confidence, ==, 0.0);
  g_assert_nonnull (r->alternatives);
}

static void
test_bad_input (void)
{
  g_autoptr(ChronomapGeocoder) geocoder = new_geocoder ();
  g_autofree char *big = g_strnfill (10 * 1024, 'a');
  g_autofree char *big_words = NULL;
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(ChronomapGeocodeResult) r = NULL;

  assert_unresolved (geocoder, NULL);
  assert_unresolved (geocoder, "");
  assert_unresolved (geocoder, big);
  assert_unresolved (geocoder, "!!!");
  assert_unresolved (geocoder, "... --- ,,, ;;;");
  assert_unresolved (geocoder, "\"\"\"");

  while (words->len < 10 * 1024)
    g_string_append (words, "Raqqa ");
  assert_unresolved (geocoder, words->str);

  /* quotes and SQL are only text */
  r = chronomap_geocoder_geocode (geocoder, "Raqqa'; DROP TABLE events; --", NULL);
  g_assert_nonnull (r);
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "\"Raqqa\"", NULL);
  assert_near (r, 35.95283, 39.00788);
  g_clear_pointer (&r, chronomap_geocode_result_free);

  /* invalid UTF-8 is repaired, in the result too */
  r = chronomap_geocoder_geocode (geocoder, "Mosul\xff", NULL);
  g_assert_nonnull (r);
  g_assert_true (g_utf8_validate (r->query, -1, NULL));
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "\xc3\x28\xa0\xa1", NULL);
  g_assert_nonnull (r);
  g_assert_true (!r->resolved || (r->latitude != 0 || r->longitude != 0));
}

static void
test_dev_set (void)
{
  g_autoptr(ChronomapGeocoder) geocoder = new_geocoder ();
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "geocode-dev.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0, good = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autoptr(ChronomapGeocodeResult) r = NULL;
      gboolean ok;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), >=, 4);

      r = chronomap_geocoder_geocode (geocoder, f[0], f[1][0] != '\0' ? f[1] : NULL);
      if (strcmp (f[2], "-") == 0)
        ok = !r->resolved;
      else
        ok = r->resolved &&
             chronomap_geo_distance_km (r->latitude, r->longitude,
                                        g_ascii_strtod (f[2], NULL),
                                        g_ascii_strtod (f[3], NULL)) <= 10.0;

      /* never silently at 0,0 */
      g_assert_true (!r->resolved || r->latitude != 0.0 || r->longitude != 0.0);

      n++;
      if (ok)
        good++;
      else
        g_test_message ("miss: \"%s\" [%s] -> %s (%f, %f)", f[0], f[1],
                        r->resolved ? r->entry->name : "unresolved",
                        r->latitude, r->longitude);
    }

  g_test_message ("development set: %u of %u within 10 km (%.1f%%)", good, n, 100.0 * good / n);
  g_assert_cmpuint (n, >=, 300);
  g_assert_cmpfloat ((double) good / n, >=, DEV_SET_MIN_SHARE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/geocoder/seeds", test_seeds);
  g_test_add_func ("/chronomap/geocoder/whole-words", test_whole_words);
  g_test_add_func ("/chronomap/geocoder/disambiguation", test_disambiguation);
  g_test_add_func ("/chronomap/geocoder/geocode-all", test_geocode_all);
  g_test_add_func ("/chronomap/geocoder/bad-input", test_bad_input);
  g_test_add_func ("/chronomap/geocoder/dev-set", test_dev_set);

  return g_test_run ();
}
