/* chronomap-rivers.c: the courses of the gazetteer's rivers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A river is one entry of the gazetteer, with one point.  Named with a
 * place or an area ("Euphrates river near Kobane", "the Khabur in
 * Al-Hasakah"), it is wanted where it runs there: its course, the towns
 * on its banks in order downstream (data/gazetteer/rivers.tsv), gives the
 * point of the river nearest the place.
 */
#include "config.h"

#include "chronomap-rivers.h"

#include <math.h>
#include <string.h>

#include "chronomap-error.h"
#include "chronomap-geocoder.h"
#include "chronomap-number.h"
#include "chronomap-paths.h"

struct _ChronomapRivers
{
  GHashTable *courses;   /* gazetteer id -> GArray of double pairs: lat, lon */
};

/* Fewer than two points make no course. */
#define MIN_POINTS 2

static gboolean
parse_course (const char *text,
              GArray     *course)
{
  g_auto(GStrv) points = g_strsplit (text, " ", -1);

  for (guint i = 0; points[i] != NULL; i++)
    {
      g_auto(GStrv) ll = NULL;
      double lat, lon;

      if (points[i][0] == '\0')
        continue;
      ll = g_strsplit (points[i], ",", -1);
      if (g_strv_length (ll) != 2 || !chronomap_parse_decimal (ll[0], &lat) ||
          !chronomap_parse_decimal (ll[1], &lon) || fabs (lat) > 90 || fabs (lon) > 180)
        return FALSE;
      g_array_append_val (course, lat);
      g_array_append_val (course, lon);
    }
  return course->len >= 2 * MIN_POINTS;
}

/**
 * chronomap_rivers_load:
 * @path: a rivers.tsv file: a river's gazetteer id, a tab, then its
 *   course as "latitude,longitude" pairs separated by spaces; further
 *   columns and lines beginning with "#" are comments
 * @error: return location for a #GError naming the file and line of a
 *   malformed row
 *
 * Returns: (transfer full) (nullable): the courses, or %NULL on error
 */
ChronomapRivers *
chronomap_rivers_load (const char  *path,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(ChronomapRivers) rivers = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  rivers = g_new0 (ChronomapRivers, 1);
  rivers->courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_array_unref);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GArray) course = NULL;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      course = g_array_new (FALSE, FALSE, sizeof (double));
      if (g_strv_length (fields) < 2 || fields[0][0] == '\0' || !parse_course (fields[1], course))
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s, line %u: expected a river's id, a tab, and at least two "
                       "“latitude,longitude” points separated by spaces", path, i + 1);
          return NULL;
        }
      g_hash_table_replace (rivers->courses, g_strdup (fields[0]), g_steal_pointer (&course));
    }
  return g_steal_pointer (&rivers);
}

/**
 * chronomap_rivers_get_default:
 *
 * The bundled courses (gazetteer/rivers.tsv in the data directory), read
 * once and kept.
 *
 * Returns: (transfer none) (nullable): the courses, %NULL when the file
 *   is missing or malformed (a warning says which)
 */
ChronomapRivers *
chronomap_rivers_get_default (void)
{
  static ChronomapRivers *rivers;

  if (g_once_init_enter (&rivers))
    {
      g_autofree char *path = chronomap_paths_find_data ("gazetteer/rivers.tsv");
      g_autoptr(GError) error = NULL;
      ChronomapRivers *loaded = NULL;

      if (path != NULL)
        loaded = chronomap_rivers_load (path, &error);
      if (error != NULL)
        g_warning ("River courses: %s", error->message);
      if (loaded == NULL)
        {
          /* an empty set, so that the file is looked for once */
          loaded = g_new0 (ChronomapRivers, 1);
          loaded->courses = g_hash_table_new (g_str_hash, g_str_equal);
        }
      g_once_init_leave (&rivers, loaded);
    }
  return g_hash_table_size (rivers->courses) > 0 ? rivers : NULL;
}

void
chronomap_rivers_free (ChronomapRivers *rivers)
{
  if (rivers == NULL)
    return;
  g_hash_table_unref (rivers->courses);
  g_free (rivers);
}

/* The point of the segment from (lat1, lon1) to (lat2, lon2) nearest
 * (lat, lon), on a plane scaled to kilometres at the point's latitude:
 * the segments are short. */
static void
nearest_on_segment (double  lat1,
                    double  lon1,
                    double  lat2,
                    double  lon2,
                    double  lat,
                    double  lon,
                    double *out_lat,
                    double *out_lon)
{
  double kx = cos (lat * G_PI / 180.0);
  double dx = (lon2 - lon1) * kx, dy = lat2 - lat1;
  double px = (lon - lon1) * kx, py = lat - lat1;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP ((px * dx + py * dy) / len2, 0.0, 1.0) : 0.0;

  *out_lat = lat1 + t * (lat2 - lat1);
  *out_lon = lon1 + t * (lon2 - lon1);
}

/**
 * chronomap_rivers_nearest:
 * @rivers: the courses
 * @id: a river's gazetteer id ("sup:euphrates")
 * @lat: degrees
 * @lon: degrees
 * @out_lat: (out): the latitude of the river's point nearest (@lat, @lon)
 * @out_lon: (out): its longitude
 * @out_km: (out) (optional): how far it is from (@lat, @lon)
 *
 * Returns: %FALSE when the river has no course
 */
gboolean
chronomap_rivers_nearest (ChronomapRivers *rivers,
                          const char      *id,
                          double           lat,
                          double           lon,
                          double          *out_lat,
                          double          *out_lon,
                          double          *out_km)
{
  GArray *course;
  double best = G_MAXDOUBLE;

  g_return_val_if_fail (rivers != NULL, FALSE);
  g_return_val_if_fail (out_lat != NULL && out_lon != NULL, FALSE);

  course = id != NULL ? g_hash_table_lookup (rivers->courses, id) : NULL;
  if (course == NULL)
    return FALSE;

  for (guint i = 0; i + 3 < course->len; i += 2)
    {
      double plat, plon, d;

      nearest_on_segment (g_array_index (course, double, i), g_array_index (course, double, i + 1),
                          g_array_index (course, double, i + 2), g_array_index (course, double, i + 3),
                          lat, lon, &plat, &plon);
      d = chronomap_geo_distance_km (lat, lon, plat, plon);
      if (d < best)
        {
          best = d;
          *out_lat = plat;
          *out_lon = plon;
        }
    }
  if (out_km != NULL)
    *out_km = best;
  return TRUE;
}
