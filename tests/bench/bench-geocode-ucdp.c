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
 * A file of the same columns given as the first argument is measured
 * instead (the held-back half of the strings, say), and a gazetteer file
 * given as the second is added in place of wof-sy.csv.
 *
 * With CHRONOMAP_BENCH_MISSES=FILE, writes the strings it missed there,
 * each with its areas, what was chosen, how far off and how sure, and the
 * alternatives considered: what one needs to group misses by cause.  With
 * CHRONOMAP_BENCH_HALF=odd or even, measures only one half of the place
 * strings, so that a rule tuned on one half can be checked on the other;
 * the halves go by a hash of the string, as a string appears once per
 * precision code and its rows must not fall into both.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "chronomap-gazetteer.h"
#include "chronomap-geocoder.h"

typedef struct
{
  char   *query;
  char   *admin1;
  char   *admin2;
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

/* One CSV record, quotes allowed, no newline inside a field (true of this file). */
static GPtrArray *
split_csv (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        {
          g_string_append_c (field, '"');
          p++;
        }
      else if (*p == '"')
        quoted = !quoted;
      else if ((*p == ',' && !quoted) || *p == '\0')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (field, *p);
    }
  return fields;
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

static double
measure (ChronomapGazetteer *gazetteer,
         GArray             *places,
         Areas               use_areas,
         const char         *misses_path,
         double             *out_prec1)
{
  g_autoptr(ChronomapGeocoder) geocoder = chronomap_geocoder_new (gazetteer);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree const char **queries = g_new0 (const char *, places->len);
  g_autofree const char **hints = g_new0 (const char *, places->len);
  g_autofree const char **areas = g_new0 (const char *, places->len);
  g_autoptr(GPtrArray) area_texts = g_ptr_array_new_with_free_func (g_free);
  FILE *misses = misses_path != NULL ? fopen (misses_path, "w") : NULL;
  guint good = 0, n1 = 0, good1 = 0;

  /* The events are all in Syria, and each row names its district and
   * governorate (adm_2, adm_1): hints that UCDP and ACLED tables give. */
  for (guint i = 0; i < places->len; i++)
    {
      const Place *p = &g_array_index (places, Place, i);

      queries[i] = p->query;
      hints[i] = "SY";
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
  g_autofree char *contents = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *compiled = NULL;
  g_autofree char *misses = NULL;
  g_autoptr(GArray) places = g_array_new (FALSE, TRUE, sizeof (Place));
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new ();
  g_autoptr(ChronomapGazetteerBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *half = g_getenv ("CHRONOMAP_BENCH_HALF");
  double share, share1;
  gint64 start;

  g_array_set_clear_func (places, place_clear);

  if (!g_file_get_contents (csv, &contents, NULL, &error))
    {
      /* a file named on the command line must be there */
      if (argc > 1)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("ucdp_data: absent (%s); nothing measured\n", csv);
      return 0;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) f = NULL;
      Place p;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      f = split_csv (lines[i]);
      if (f->len < 6)
        continue;
      if ((g_strcmp0 (half, "odd") == 0 && g_str_hash (g_ptr_array_index (f, 0)) % 2 == 0) ||
          (g_strcmp0 (half, "even") == 0 && g_str_hash (g_ptr_array_index (f, 0)) % 2 == 1))
        continue;
      p.query = g_strdup (g_ptr_array_index (f, 0));
      p.admin1 = g_strdup (g_ptr_array_index (f, 2));
      p.admin2 = g_strdup (g_ptr_array_index (f, 3));
      p.prec = atoi (g_ptr_array_index (f, 1));
      p.lat = g_ascii_strtod (g_ptr_array_index (f, 4), NULL);
      p.lon = g_ascii_strtod (g_ptr_array_index (f, 5), NULL);
      g_array_append_val (places, p);
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
  share = measure (gazetteer, places, AREAS_BOTH, misses, &share1);
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
  share = measure (gazetteer, places, AREAS_BOTH, misses, &share1);
  printf ("within_10km_with_wof_sy: %.3f\n", share);
  printf ("within_10km_with_wof_sy_prec1: %.3f\n", share1);
  g_clear_pointer (&misses, g_free);
  if (g_getenv ("CHRONOMAP_BENCH_MISSES") != NULL)
    misses = g_strconcat (g_getenv ("CHRONOMAP_BENCH_MISSES"), ".wof-no-admin1", NULL);
  share = measure (gazetteer, places, AREAS_NONE, misses, &share1);
  printf ("within_10km_with_wof_sy_no_admin1: %.3f\n", share);
  share = measure (gazetteer, places, AREAS_ADMIN1, NULL, &share1);
  printf ("within_10km_with_wof_sy_admin1_only: %.3f\n", share);

  g_unlink (compiled);
  g_rmdir (tmpdir);
  return 0;
}
