/* bench-geocode-ucdp.c: the geocoder on analysts' place strings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads ../shared/data/ucdp/ucdp-syria-places-dev.csv (UCDP GED, Sundberg
 * and Melander 2013) beside the source tree, or $CHRONOMAP_SHARED_DATA/ucdp,
 * and reports the share of place strings placed within 10 km of the
 * analysts' coordinates: with the bundled gazetteer alone, then with
 * ../shared/data/gazetteer/wof-sy.csv (Who's On First, CC0 / CC BY, and
 * GeoNames, CC BY 4.0) added as a user gazetteer.  Prints `key: value`
 * lines; says so and succeeds when the data is absent.
 *
 * A file given as the first argument is measured instead (the held-back
 * half of the strings, say): one with UCDP's column names, in any order,
 * either the places file's or GED's event table, whose events name each
 * place once more.  A gazetteer file given as the second is added in
 * place of wof-sy.csv.
 *
 * With CHRONOMAP_BENCH_MISSES=FILE, writes the strings it missed there,
 * each with its areas, what was chosen, how far off and how sure, and the
 * alternatives considered: what one needs to group misses by cause.  With
 * CHRONOMAP_BENCH_HALF=odd or even, measures only one half of the place
 * strings, so that a rule tuned on one half can be checked on the other;
 * the halves go by a hash of the string, as a string appears once per
 * precision code and its rows must not fall into both.
 *
 * And per band of confidence, how many results fell in it and the share
 * of them placed within 10 km: whether "how sure" can be trusted.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "chronomap-csv.h"
#include "chronomap-gazetteer.h"
#include "chronomap-geocoder.h"
#include "chronomap-interchange-private.h"

typedef struct
{
  char   *query;
  char   *admin1;
  char   *admin2;
  const char *country;   /* interned alpha-2 code */
  int     prec;
  double  lat;
  double  lon;
} Place;

static void
place_clear (gpointer data)
{
  Place *p = data;

  g_free (p->query);
  g_free (p->admin1);
  g_free (p->admin2);
}

/* Which of a row's areas go to the geocoder. */
typedef enum
{
  AREAS_NONE,
  AREAS_ADMIN1,
  AREAS_BOTH,
} Areas;

/* The columns a place needs, by their names in UCDP's tables: the
 * places file's and GED's own, whose events repeat a place once each. */
enum { COL_QUERY, COL_PREC, COL_ADMIN1, COL_ADMIN2, COL_LAT, COL_LON, N_COLS };

static const char * const column_names[N_COLS] = {
  "where_coordinates", "where_prec", "adm_1", "adm_2", "latitude", "longitude",
};

/* Reads @path's places, each (string, precision, areas, point) once. */
static gboolean
load_places (const char  *path,
             const char  *half,
             GArray      *places,
             GError     **error)
{
  g_autoptr(ChronomapCsvReader) reader = chronomap_csv_reader_open (path, ',', CHRONOMAP_CSV_DEFAULT, error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int cols[N_COLS];
  int country_col;

  if (reader == NULL || !chronomap_csv_reader_read_header (reader, NULL, error))
    return FALSE;
  for (guint c = 0; c < N_COLS; c++)
    if ((cols[c] = chronomap_csv_reader_find_column (reader, column_names[c])) < 0)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "%s: no column “%s”", path, column_names[c]);
        return FALSE;
      }

  /* GED's event table names each event's country ("DR Congo (Zaire)");
   * the places file is all Syria's */
  country_col = chronomap_csv_reader_find_column (reader, "country");

  while (chronomap_csv_reader_next (reader, NULL, error))
    {
      const char *f[N_COLS];
      g_autofree char *key = NULL;
      Place p;

      for (guint c = 0; c < N_COLS; c++)
        f[c] = chronomap_csv_reader_get_field (reader, cols[c]);
      if (f[COL_QUERY][0] == '\0' || f[COL_LAT][0] == '\0' || f[COL_LON][0] == '\0')
        continue;
      if ((g_strcmp0 (half, "odd") == 0 && g_str_hash (f[COL_QUERY]) % 2 == 0) ||
          (g_strcmp0 (half, "even") == 0 && g_str_hash (f[COL_QUERY]) % 2 == 1))
        continue;
      key = g_strdup_printf ("%s\t%s\t%s\t%s\t%s\t%s", f[0], f[1], f[2], f[3], f[4], f[5]);
      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;
      p.query = g_strdup (f[COL_QUERY]);
      p.admin1 = g_strdup (f[COL_ADMIN1]);
      p.admin2 = g_strdup (f[COL_ADMIN2]);
      p.country = country_col >= 0 ?
                  chronomap_interchange_country_code (chronomap_csv_reader_get_field (reader, country_col)) :
                  "SY";
      p.prec = atoi (f[COL_PREC]);
      p.lat = g_ascii_strtod (f[COL_LAT], NULL);
      p.lon = g_ascii_strtod (f[COL_LON], NULL);
      g_array_append_val (places, p);
    }
  return error == NULL || *error == NULL;
}

static char *
shared_dir (void)
{
  const char *env = g_getenv ("CHRONOMAP_SHARED_DATA");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (SOURCE_ROOT, "..", "shared", "data", NULL);
}

static void
write_miss (FILE                         *misses,
            const Place                  *p,
            const ChronomapGeocodeResult *r)
{
  fprintf (misses, "%s\t%d\t%s\t%s\t%f,%f\t", p->query, p->prec, p->admin1, p->admin2,
           p->lat, p->lon);
  if (r->resolved)
    fprintf (misses, "%s\t%.0f km\t%.2f", r->entry->name,
             chronomap_geo_distance_km (r->latitude, r->longitude, p->lat, p->lon),
             r->confidence);
  else
    fprintf (misses, "-\t-\t0");
  for (guint i = 0; i < r->alternatives->len; i++)
    {
      const ChronomapGeocodeAlternative *alt = g_ptr_array_index (r->alternatives, i);

      fprintf (misses, "\t%s (%.0f km, %.2f)", alt->entry->name,
               chronomap_geo_distance_km (alt->entry->latitude, alt->entry->longitude,
                                          p->lat, p->lon),
               alt->score);
    }
  fputc ('\n', misses);
}

/* Confidence bands, for how often a result said to be so sure is right. */
static const double bands[] = { 0.0, 0.3, 0.5, 0.7, 0.9, 1.0 };
#define N_BANDS (G_N_ELEMENTS (bands) - 1)

/* Prints, per band of confidence, the share of results placed within
 * 10 km and how many there were: `calibration_LABEL_LO_HI: SHARE of N`. */
static void
print_calibration (const char  *label,
                   const guint *n,
                   const guint *good)
{
  for (guint b = 0; b < N_BANDS; b++)
    printf ("calibration_%s_%.1f_%.1f: %.2f of %u\n", label, bands[b], bands[b + 1],
            n[b] > 0 ? (double) good[b] / n[b] : 0.0, n[b]);
}

static double
measure (ChronomapGazetteer *gazetteer,
         GArray             *places,
         Areas               use_areas,
         const char         *misses_path,
         const char         *calibration_label,
         double             *out_prec1)
{
  guint band_n[N_BANDS] = { 0 }, band_good[N_BANDS] = { 0 };
  g_autoptr(ChronomapGeocoder) geocoder = chronomap_geocoder_new (gazetteer);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree const char **queries = g_new0 (const char *, places->len);
  g_autofree const char **hints = g_new0 (const char *, places->len);
  g_autofree const char **areas = g_new0 (const char *, places->len);
  g_autoptr(GPtrArray) area_texts = g_ptr_array_new_with_free_func (g_free);
  FILE *misses = misses_path != NULL ? fopen (misses_path, "w") : NULL;
  guint good = 0, n1 = 0, good1 = 0;

  /* Each row names its country (all Syria in the places file), district
   * and governorate (adm_2, adm_1): hints that UCDP and ACLED tables give. */
  for (guint i = 0; i < places->len; i++)
    {
      const Place *p = &g_array_index (places, Place, i);

      queries[i] = p->query;
      hints[i] = p->country;
      if (use_areas == AREAS_BOTH)
        g_ptr_array_add (area_texts, chronomap_geocoder_area_hint (p->admin1, p->admin2));
      else if (use_areas == AREAS_ADMIN1)
        g_ptr_array_add (area_texts, chronomap_geocoder_area_hint (p->admin1, NULL));
      else
        g_ptr_array_add (area_texts, NULL);
      areas[i] = g_ptr_array_index (area_texts, i);
    }
  results = chronomap_geocoder_geocode_all (geocoder, queries, hints, areas, places->len);

  for (guint i = 0; i < places->len; i++)
    {
      const Place *p = &g_array_index (places, Place, i);
      ChronomapGeocodeResult *r = g_ptr_array_index (results, i);
      gboolean ok = r->resolved &&
                    chronomap_geo_distance_km (r->latitude, r->longitude, p->lat, p->lon) <= 10.0;

      good += ok;
      if (r->resolved)
        {
          guint b = 0;

          while (b + 1 < N_BANDS && r->confidence >= bands[b + 1])
            b++;
          band_n[b]++;
          band_good[b] += ok;
        }
      if (p->prec == 1)
        {
          n1++;
          good1 += ok;
        }
      if (!ok && misses != NULL)
        write_miss (misses, p, r);
    }

  if (misses != NULL)
    fclose (misses);
  if (calibration_label != NULL)
    print_calibration (calibration_label, band_n, band_good);
  *out_prec1 = n1 > 0 ? (double) good1 / n1 : 0;
  return places->len > 0 ? (double) good / places->len : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = shared_dir ();
  g_autofree char *csv = argc > 1 ? g_strdup (argv[1])
                                   : g_build_filename (dir, "ucdp", "ucdp-syria-places-dev.csv", NULL);
  g_autofree char *wof = argc > 2 ? g_strdup (argv[2])
                                   : g_build_filename (dir, "gazetteer", "wof-sy.csv", NULL);
  g_autofree char *bundled = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *compiled = NULL;
  g_autofree char *misses = NULL;
  g_autoptr(GArray) places = g_array_new (FALSE, TRUE, sizeof (Place));
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new ();
  g_autoptr(ChronomapGazetteerBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  const char *half = g_getenv ("CHRONOMAP_BENCH_HALF");
  double share, share1;
  gint64 start;

  g_array_set_clear_func (places, place_clear);

  if (!g_file_test (csv, G_FILE_TEST_EXISTS) && argc <= 1)
    {
      printf ("ucdp_data: absent (%s); nothing measured\n", csv);
      return 0;
    }
  /* a file named on the command line must be there, and readable */
  if (!load_places (csv, half, places, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  bundled = chronomap_gazetteer_bundled_path ();
  if (bundled == NULL || !chronomap_gazetteer_add_file (gazetteer, bundled, &error))
    {
      g_printerr ("bundled gazetteer: %s\n", error != NULL ? error->message : "not built");
      return 1;
    }

  printf ("ucdp_data: %s\n", csv);
  printf ("places: %u\n", places->len);

  if (g_getenv ("CHRONOMAP_BENCH_MISSES") != NULL)
    misses = g_strconcat (g_getenv ("CHRONOMAP_BENCH_MISSES"), ".bundled", NULL);
  share = measure (gazetteer, places, AREAS_BOTH, misses, "bundled", &share1);
  printf ("within_10km_bundled: %.3f\n", share);
  printf ("within_10km_bundled_prec1: %.3f\n", share1);

  if (!g_file_test (wof, G_FILE_TEST_EXISTS))
    {
      printf ("wof_sy: absent (%s)\n", wof);
      return 0;
    }

  tmpdir = g_dir_make_tmp ("bench-geocode-ucdp-XXXXXX", &error);
  g_assert_no_error (error);
  compiled = g_build_filename (tmpdir, "wof-sy.cgaz", NULL);
  start = g_get_monotonic_time ();
  builder = chronomap_gazetteer_builder_new ("wof-sy");
  if (!chronomap_gazetteer_builder_add_file (builder, wof, &error) ||
      !chronomap_gazetteer_builder_write (builder, compiled, &error) ||
      !chronomap_gazetteer_add_file (gazetteer, compiled, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("wof_sy_compile_ms: %.0f\n", (g_get_monotonic_time () - start) / 1000.0);

  g_clear_pointer (&misses, g_free);
  if (g_getenv ("CHRONOMAP_BENCH_MISSES") != NULL)
    misses = g_strconcat (g_getenv ("CHRONOMAP_BENCH_MISSES"), ".wof", NULL);
  share = measure (gazetteer, places, AREAS_BOTH, misses, "with_wof_sy", &share1);
  printf ("within_10km_with_wof_sy: %.3f\n", share);
  printf ("within_10km_with_wof_sy_prec1: %.3f\n", share1);
  g_clear_pointer (&misses, g_free);
  if (g_getenv ("CHRONOMAP_BENCH_MISSES") != NULL)
    misses = g_strconcat (g_getenv ("CHRONOMAP_BENCH_MISSES"), ".wof-no-admin1", NULL);
  share = measure (gazetteer, places, AREAS_NONE, misses, NULL, &share1);
  printf ("within_10km_with_wof_sy_no_admin1: %.3f\n", share);
  share = measure (gazetteer, places, AREAS_ADMIN1, NULL, NULL, &share1);
  printf ("within_10km_with_wof_sy_admin1_only: %.3f\n", share);

  g_unlink (compiled);
  g_rmdir (tmpdir);
  return 0;
}
