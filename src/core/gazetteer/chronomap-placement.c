/* chronomap-placement.c: geocoding a file's places when it is opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Event files name places in words.  On open the distinct names (not every
 * event) go to the geocoder on a worker thread, all at once so that names
 * resolved with confidence give context to ambiguous ones, each with the
 * country and areas most of its events give.  The answers are cached per
 * file (keyed by its path, size and modification time, and each name by
 * its hints) in the user's cache directory, and the analyst's own picks
 * among the candidates are kept beside them and win over the geocoder.
 * Names that can't be resolved stay unplaced: they are listed for the
 * analyst and never drawn at 0,0.
 */
#define G_LOG_DOMAIN "chronomap-placement"

#include "config.h"

#include "chronomap-placement.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "chronomap-geocoder.h"
#include "chronomap-paths.h"

/* Bump when the geocoder or this format changes so old answers are redone. */
#define CACHE_VERSION 8

typedef struct
{
  GStrv  names;
  GStrv  countries;
  GStrv  areas;      /* the area hint of each name, "" for none */
  guint *n_events;
  guint  n;
  char  *cache_path;
  char  *choices_path;
  char  *stamp;
} FindData;

static void
find_data_free (FindData *data)
{
  g_strfreev (data->names);
  g_strfreev (data->countries);
  g_strfreev (data->areas);
  g_free (data->n_events);
  g_free (data->cache_path);
  g_free (data->choices_path);
  g_free (data->stamp);
  g_free (data);
}

/**
 * chronomap_place_candidate_copy:
 *
 * Returns: (transfer full): a copy of @candidate
 */
ChronomapPlaceCandidate *
chronomap_place_candidate_copy (const ChronomapPlaceCandidate *candidate)
{
  ChronomapPlaceCandidate *copy = g_new0 (ChronomapPlaceCandidate, 1);

  copy->label = g_strdup (candidate->label);
  copy->latitude = candidate->latitude;
  copy->longitude = candidate->longitude;
  copy->precision = candidate->precision;
  copy->source = g_strdup (candidate->source);
  return copy;
}

/**
 * chronomap_place_candidate_free:
 *
 * Frees a candidate of chronomap_places_search().
 */
void
chronomap_place_candidate_free (ChronomapPlaceCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->label);
  g_free (candidate->source);
  g_free (candidate);
}

void
chronomap_placement_free (ChronomapPlacement *placement)
{
  if (placement == NULL)
    return;
  g_free (placement->name);
  g_free (placement->label);
  g_free (placement->source);
  g_clear_pointer (&placement->candidates, g_ptr_array_unref);
  g_free (placement);
}

static ChronomapPlacement *
placement_new (const char *name,
               guint       n_events)
{
  ChronomapPlacement *p = g_new0 (ChronomapPlacement, 1);

  p->name = g_strdup (name);
  p->n_events = n_events;
  p->latitude = NAN;
  p->longitude = NAN;
  p->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_place_candidate_free);
  return p;
}

static ChronomapGeoPrecision
map_precision (ChronomapPrecision precision)
{
  switch (precision)
    {
    case CHRONOMAP_PRECISION_PLACE:
      return CHRONOMAP_GEO_PRECISION_NEAR;
    case CHRONOMAP_PRECISION_ADMIN:
      return CHRONOMAP_GEO_PRECISION_ADMIN1;
    case CHRONOMAP_PRECISION_COUNTRY:
      return CHRONOMAP_GEO_PRECISION_COUNTRY;
    case CHRONOMAP_PRECISION_RIVER:
    case CHRONOMAP_PRECISION_OTHER:
      return CHRONOMAP_GEO_PRECISION_FEATURE;
    case CHRONOMAP_PRECISION_NONE:
    default:
      return CHRONOMAP_GEO_PRECISION_UNKNOWN;
    }
}

static void
add_candidate (ChronomapPlacement    *p,
               const char            *label,
               double                 latitude,
               double                 longitude,
               ChronomapGeoPrecision  precision,
               const char            *source)
{
  ChronomapPlaceCandidate *c = g_new0 (ChronomapPlaceCandidate, 1);

  c->label = g_strdup (label);
  c->source = g_strdup (source);
  c->latitude = latitude;
  c->longitude = longitude;
  c->precision = precision;
  g_ptr_array_add (p->candidates, c);
}

static GPtrArray *
geocode (FindData      *data,
         GError       **error)
{
  g_autoptr(ChronomapGazetteer) gazetteer = NULL;
  g_autoptr(ChronomapGeocoder) geocoder = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) placements = NULL;
  gboolean any = FALSE;

  /* a file that places every event itself (a UCDP import) needs no
   * gazetteer: its places are all unresolved names "" */
  for (guint i = 0; i < data->n && !any; i++)
    any = data->names[i][0] != '\0';
  if (!any)
    {
      placements = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_placement_free);
      for (guint i = 0; i < data->n; i++)
        g_ptr_array_add (placements, placement_new (data->names[i], data->n_events[i]));
      return g_steal_pointer (&placements);
    }

  gazetteer = chronomap_gazetteer_new_default (error);
  if (gazetteer == NULL)
    return NULL;

  geocoder = chronomap_geocoder_new (gazetteer);
  results = chronomap_geocoder_geocode_all (geocoder, (const char * const *) data->names,
                                            (const char * const *) data->countries,
                                            (const char * const *) data->areas, data->n);
  placements = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_placement_free);

  for (guint i = 0; i < data->n; i++)
    {
      ChronomapGeocodeResult *r = g_ptr_array_index (results, i);
      ChronomapPlacement *p = placement_new (data->names[i], data->n_events[i]);

      if (r->resolved && !isnan (r->latitude) && !isnan (r->longitude))
        {
          p->resolved = TRUE;
          p->latitude = r->latitude;
          p->longitude = r->longitude;
          p->precision = map_precision (r->precision);
          p->confidence = r->confidence;
          p->label = r->entry != NULL ? chronomap_gazetteer_entry_label (r->entry) : g_strdup (r->query);
          p->source = r->entry != NULL ? g_strdup (r->entry->source) : NULL;
          p->area_only = r->area_only;
          add_candidate (p, p->label, p->latitude, p->longitude, p->precision, p->source);
        }
      for (guint k = 0; k < r->alternatives->len && k < 5; k++)
        {
          ChronomapGeocodeAlternative *alt = g_ptr_array_index (r->alternatives, k);
          g_autofree char *label = chronomap_gazetteer_entry_label (alt->entry);

          add_candidate (p, label, alt->entry->latitude, alt->entry->longitude,
                         map_precision (alt->entry->precision), alt->entry->source);
        }
      g_ptr_array_add (placements, p);
    }

  return g_steal_pointer (&placements);
}

static GPtrArray *
read_cache (FindData *data)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GPtrArray) placements = NULL;
  g_autofree char *stamp = NULL;

  if (!g_key_file_load_from_file (key_file, data->cache_path, G_KEY_FILE_NONE, NULL))
    return NULL;

  stamp = g_key_file_get_string (key_file, "cache", "stamp", NULL);
  if (g_strcmp0 (stamp, data->stamp) != 0 ||
      g_key_file_get_integer (key_file, "cache", "version", NULL) != CACHE_VERSION)
    return NULL;

  placements = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_placement_free);
  for (guint i = 0; i < data->n; i++)
    {
      g_autofree char *group = g_strdup_printf ("place %u", i);
      g_autofree char *name = g_key_file_get_string (key_file, group, "name", NULL);
      g_autofree char *country = g_key_file_get_string (key_file, group, "country", NULL);
      g_autofree char *area = g_key_file_get_string (key_file, group, "area", NULL);
      g_auto(GStrv) candidates = NULL;
      ChronomapPlacement *p;

      /* The same name with other hints may be another place. */
      if (g_strcmp0 (name, data->names[i]) != 0 ||
          g_strcmp0 (country, data->countries[i]) != 0 ||
          g_strcmp0 (area, data->areas[i]) != 0)
        return NULL;

      p = placement_new (name, data->n_events[i]);
      p->resolved = g_key_file_get_boolean (key_file, group, "resolved", NULL);
      if (p->resolved)
        {
          p->latitude = g_key_file_get_double (key_file, group, "latitude", NULL);
          p->longitude = g_key_file_get_double (key_file, group, "longitude", NULL);
          p->precision = g_key_file_get_integer (key_file, group, "precision", NULL);
          p->confidence = g_key_file_get_double (key_file, group, "confidence", NULL);
          p->label = g_key_file_get_string (key_file, group, "label", NULL);
          p->source = g_key_file_get_string (key_file, group, "source", NULL);
          p->area_only = g_key_file_get_boolean (key_file, group, "area_only", NULL);
        }
      candidates = g_key_file_get_string_list (key_file, group, "candidates", NULL, NULL);
      for (guint k = 0; candidates != NULL && candidates[k] != NULL; k++)
        {
          g_auto(GStrv) parts = g_strsplit (candidates[k], "|", 5);

          if (g_strv_length (parts) == 5)
            add_candidate (p, parts[4], g_ascii_strtod (parts[0], NULL), g_ascii_strtod (parts[1], NULL),
                           (ChronomapGeoPrecision) atoi (parts[2]),
                           parts[3][0] != '\0' ? parts[3] : NULL);
        }
      g_ptr_array_add (placements, p);
    }

  return g_steal_pointer (&placements);
}

static void
write_cache (FindData  *data,
             GPtrArray *placements)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (data->cache_path);

  g_key_file_set_string (key_file, "cache", "stamp", data->stamp);
  g_key_file_set_integer (key_file, "cache", "version", CACHE_VERSION);
  for (guint i = 0; i < placements->len; i++)
    {
      ChronomapPlacement *p = g_ptr_array_index (placements, i);
      g_autofree char *group = g_strdup_printf ("place %u", i);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) candidates = NULL;

      g_key_file_set_string (key_file, group, "name", p->name);
      g_key_file_set_string (key_file, group, "country", data->countries[i]);
      g_key_file_set_string (key_file, group, "area", data->areas[i]);
      g_key_file_set_boolean (key_file, group, "resolved", p->resolved);
      if (p->resolved)
        {
          g_key_file_set_double (key_file, group, "latitude", p->latitude);
          g_key_file_set_double (key_file, group, "longitude", p->longitude);
          g_key_file_set_integer (key_file, group, "precision", p->precision);
          g_key_file_set_double (key_file, group, "confidence", p->confidence);
          g_key_file_set_string (key_file, group, "label", p->label);
          if (p->source != NULL)
            g_key_file_set_string (key_file, group, "source", p->source);
          if (p->area_only)
            g_key_file_set_boolean (key_file, group, "area_only", TRUE);
        }
      for (guint k = 0; k < p->candidates->len; k++)
        {
          ChronomapPlaceCandidate *c = g_ptr_array_index (p->candidates, k);
          char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *line = g_strdup_printf ("%s|%s|%d|%s|%s",
                                                   g_ascii_dtostr (lat, sizeof lat, c->latitude),
                                                   g_ascii_dtostr (lon, sizeof lon, c->longitude),
                                                   c->precision,
                                                   c->source != NULL ? c->source : "", c->label);
          g_strv_builder_add (builder, line);
        }
      candidates = g_strv_builder_end (builder);
      g_key_file_set_string_list (key_file, group, "candidates", (const char * const *) candidates,
                                  g_strv_length (candidates));
    }

  /* A cache that can't be written only costs the next open some time. */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (key_file, data->cache_path, &error))
    g_debug ("Cannot write the geocoding cache %s: %s", data->cache_path,
             error != NULL ? error->message : g_strerror (errno));
}

/* The analyst's picks: name -> candidate label, kept apart from the cache so
 * a new geocoder can redo the cache without losing them. */

/* The analyst's pick: sure, whatever the geocoder thought. */
static void
place_at (ChronomapPlacement            *p,
          const ChronomapPlaceCandidate *cand)
{
  p->resolved = TRUE;
  p->chosen = TRUE;
  p->area_only = FALSE;
  p->latitude = cand->latitude;
  p->longitude = cand->longitude;
  p->precision = cand->precision;
  p->confidence = 1.0;
  g_free (p->label);
  p->label = g_strdup (cand->label);
  g_free (p->source);
  p->source = g_strdup (cand->source);
}

/* The analyst's choice to leave the place off the map. */
static void
unplace (ChronomapPlacement *p)
{
  p->resolved = FALSE;
  p->chosen = TRUE;
  p->area_only = FALSE;
  p->latitude = NAN;
  p->longitude = NAN;
  p->confidence = 1.0;
  g_clear_pointer (&p->source, g_free);
}

/* A pick's position as the choices keep it, "lat|lon|precision|source",
 * for a place the analyst found by hand, which the geocoder may not list
 * among the candidates next time. */
static char *
position_text (const ChronomapPlaceCandidate *cand)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("%s|%s|%d|%s", g_ascii_dtostr (lat, sizeof lat, cand->latitude),
                          g_ascii_dtostr (lon, sizeof lon, cand->longitude), cand->precision,
                          cand->source != NULL ? cand->source : "");
}

static gboolean
parse_position (const char              *text,
                ChronomapPlaceCandidate *cand)
{
  g_auto(GStrv) parts = g_strsplit (text, "|", 4);

  if (g_strv_length (parts) != 4)
    return FALSE;
  cand->latitude = g_ascii_strtod (parts[0], NULL);
  cand->longitude = g_ascii_strtod (parts[1], NULL);
  cand->precision = (ChronomapGeoPrecision) CLAMP (g_ascii_strtoll (parts[2], NULL, 10),
                                                   CHRONOMAP_GEO_PRECISION_UNKNOWN,
                                                   CHRONOMAP_GEO_PRECISION_COUNTRY);
  cand->source = parts[3][0] != '\0' ? g_strdup (parts[3]) : NULL;
  return isfinite (cand->latitude) && isfinite (cand->longitude) && fabs (cand->latitude) <= 90 &&
         fabs (cand->longitude) <= 180;
}

/* Two candidates for one place: named alike, within a hundred metres. */
static gboolean
same_place (const ChronomapPlaceCandidate *a,
            const char                    *label,
            double                         latitude,
            double                         longitude)
{
  return g_strcmp0 (a->label, label) == 0 &&
         chronomap_geo_distance_km (a->latitude, a->longitude, latitude, longitude) < 0.1;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Fewest names a file must ask to be placed for its picks to be known
 * again by them: two files naming one "Tripoli" alone may mean two. */
#define FINGERPRINT_MIN_NAMES 3

/* What the file's places are, whatever the file is called: the names it
 * asks to be placed, sorted, once each.  A file renamed or moved keeps
 * it, and finds its picks by it.  %NULL for too few names to tell. */
static char *
places_fingerprint (const char * const *names,
                    guint               n)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint n_distinct = 0;

  for (guint i = 0; i < n; i++)
    if (names[i] != NULL && names[i][0] != '\0')
      g_ptr_array_add (sorted, (gpointer) names[i]);
  g_ptr_array_sort (sorted, compare_names);
  for (guint i = 0; i < sorted->len; i++)
    if (i == 0 || strcmp (sorted->pdata[i], sorted->pdata[i - 1]) != 0)
      {
        g_checksum_update (sum, (const guchar *) sorted->pdata[i], strlen (sorted->pdata[i]) + 1);
        n_distinct++;
      }
  return n_distinct >= FINGERPRINT_MIN_NAMES ? g_strdup (g_checksum_get_string (sum)) : NULL;
}

static char *
placements_fingerprint (GPtrArray *placements)
{
  g_autofree const char **names = g_new0 (const char *, placements->len + 1);

  for (guint i = 0; i < placements->len; i++)
    names[i] = ((ChronomapPlacement *) g_ptr_array_index (placements, i))->name;
  return places_fingerprint (names, placements->len);
}

/* The picks the analyst made for a file of these places under another
 * path (the file since renamed, moved, or copied), the latest kept:
 * %NULL when there are none. */
static char *
find_moved_choices (const char *choices_path,
                    const char *fingerprint)
{
  g_autofree char *dir_path = g_path_get_dirname (choices_path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autofree char *found = NULL;
  gint64 found_time = G_MININT64;
  const char *entry;

  if (dir == NULL || fingerprint == NULL)
    return NULL;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GKeyFile) key_file = NULL;
      g_autofree char *places = NULL;
      GStatBuf st;

      if (!g_str_has_suffix (entry, "-choices.ini"))
        continue;
      path = g_build_filename (dir_path, entry, NULL);
      key_file = g_key_file_new ();
      if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
        continue;
      places = g_key_file_get_string (key_file, "file", "places", NULL);
      if (g_strcmp0 (places, fingerprint) != 0 || g_stat (path, &st) != 0)
        continue;
      if ((gint64) st.st_mtime > found_time)
        {
          found_time = st.st_mtime;
          g_free (found);
          found = g_steal_pointer (&path);
        }
    }
  return g_steal_pointer (&found);
}

/* The picks for @data's file: its own, or, when it has none yet, a copy
 * of those it had under another path.  The picks of older versions,
 * kept without the places they were made for, learn them. */
static void
adopt_choices (FindData *data)
{
  g_autofree char *fingerprint = places_fingerprint ((const char * const *) data->names, data->n);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *places = NULL;
  g_autofree char *dir = NULL;

  if (fingerprint == NULL)
    return;
  if (g_key_file_load_from_file (key_file, data->choices_path, G_KEY_FILE_NONE, NULL))
    {
      places = g_key_file_get_string (key_file, "file", "places", NULL);
      if (g_strcmp0 (places, fingerprint) == 0)
        return;
      /* the file's places have changed since; its picks are still its own */
      if (places != NULL)
        {
          g_key_file_set_string (key_file, "file", "places", fingerprint);
          g_key_file_save_to_file (key_file, data->choices_path, NULL);
          return;
        }
    }
  else if ((moved = find_moved_choices (data->choices_path, fingerprint)) == NULL ||
           !g_key_file_load_from_file (key_file, moved, G_KEY_FILE_NONE, NULL))
    return;

  g_key_file_set_string (key_file, "file", "places", fingerprint);
  dir = g_path_get_dirname (data->choices_path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (key_file, data->choices_path, &error))
    g_debug ("Cannot keep the picks of %s in %s: %s", moved != NULL ? moved : "the file",
             data->choices_path, error != NULL ? error->message : g_strerror (errno));
}

static void
apply_choices (const char *choices_path,
               GPtrArray  *placements)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) picks = NULL;
  g_auto(GStrv) positions = NULL;
  g_auto(GStrv) position_names = NULL;
  guint n_positions;

  if (!g_key_file_load_from_file (key_file, choices_path, G_KEY_FILE_NONE, NULL))
    return;

  names = g_key_file_get_string_list (key_file, "choices", "names", NULL, NULL);
  picks = g_key_file_get_string_list (key_file, "choices", "picks", NULL, NULL);
  positions = g_key_file_get_string_list (key_file, "choices", "positions", NULL, NULL);
  position_names = g_key_file_get_string_list (key_file, "choices", "position-names", NULL, NULL);
  n_positions = positions != NULL && position_names != NULL ? MIN (g_strv_length (positions),
                                                                   g_strv_length (position_names)) : 0;
  for (guint i = 0; names != NULL && picks != NULL && names[i] != NULL && picks[i] != NULL; i++)
    for (guint k = 0; k < placements->len; k++)
      {
        ChronomapPlacement *p = g_ptr_array_index (placements, k);
        g_autoptr(ChronomapPlaceCandidate) where = g_new0 (ChronomapPlaceCandidate, 1);
        /* where the pick is, when kept with it (and kept for this name:
         * an older Chronomap may have rewritten the names alone) */
        gboolean has_where = i < n_positions && g_strcmp0 (position_names[i], names[i]) == 0 &&
                             parse_position (positions[i], where);
        gboolean placed = FALSE;

        if (g_strcmp0 (p->name, names[i]) != 0)
          continue;
        if (picks[i][0] == '\0')
          {
            unplace (p);
            continue;
          }
        for (guint c = 0; c < p->candidates->len && !placed; c++)
          {
            ChronomapPlaceCandidate *cand = g_ptr_array_index (p->candidates, c);

            /* of namesakes, the one at the pick's place */
            if (has_where ? same_place (cand, picks[i], where->latitude, where->longitude)
                          : g_strcmp0 (cand->label, picks[i]) == 0)
              {
                place_at (p, cand);
                placed = TRUE;
              }
          }
        /* found by hand: where the analyst put it, among the candidates
         * again */
        if (!placed && has_where)
          {
            add_candidate (p, picks[i], where->latitude, where->longitude, where->precision, where->source);
            place_at (p, g_ptr_array_index (p->candidates, p->candidates->len - 1));
          }
      }
}

/* Reads the placements from the cache, or geocodes them and caches
 * them, then applies the analyst's picks. */
static GPtrArray *
find_run (FindData      *data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GPtrArray) placements = read_cache (data);

  if (placements == NULL)
    {
      placements = geocode (data, error);
      if (placements == NULL)
        return NULL;
      if (!g_cancellable_is_cancelled (cancellable))
        write_cache (data, placements);
    }
  /* nothing written for a find given up */
  if (!g_cancellable_is_cancelled (cancellable))
    adopt_choices (data);
  apply_choices (data->choices_path, placements);
  return g_steal_pointer (&placements);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) placements = find_run (task_data, cancellable, &error);

  if (placements == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&placements), (GDestroyNotify) g_ptr_array_unref);
}

static void
cache_paths (GFile  *file,
             char  **cache_path,
             char  **choices_path,
             char  **stamp)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, path != NULL ? path : "", -1);
  g_autofree char *dir = chronomap_paths_user_cache_dir ();
  g_autofree char *data_dir = chronomap_paths_user_data_dir ();
  g_autofree char *cache_name = g_strconcat (hash, ".ini", NULL);
  g_autofree char *choices_name = g_strconcat (hash, "-choices.ini", NULL);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *gazetteers = NULL;

  /* The cache can be thrown away; the analyst's picks are their work, so
   * they live in the data directory. */
  *cache_path = g_build_filename (dir, "geocoding", cache_name, NULL);
  *choices_path = g_build_filename (data_dir, "places", choices_name, NULL);

  /* the file as it is, and the gazetteers as they are: one added since
   * (`gazetteer add`) may place what was not found */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  gazetteers = chronomap_gazetteer_dup_fingerprint ();
  if (info != NULL)
    *stamp = g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT " | %s", path,
                              g_file_info_get_size (info),
                              g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                              gazetteers);
  else
    *stamp = g_strdup_printf ("%s | %s", path, gazetteers);
}

/* What geocoding @store's places needs, copied from it. */
static FindData *
find_data_new (ChronomapEventStore *store,
               GFile               *file)
{
  const ChronomapLocation *locations;
  guint n_locations = 0;
  FindData *data;

  locations = chronomap_event_store_get_locations (store, &n_locations);
  data = g_new0 (FindData, 1);
  data->n = n_locations;
  data->names = g_new0 (char *, n_locations + 1);
  data->countries = g_new0 (char *, n_locations + 1);
  data->areas = g_new0 (char *, n_locations + 1);
  data->n_events = g_new0 (guint, MAX (n_locations, 1));
  for (guint i = 0; i < n_locations; i++)
    {
      const char *name = chronomap_event_store_get_string (store, locations[i].name);
      const char *admin1, *admin2;

      /* a place every event of which the file locates itself is not
       * looked for: the file's points are shown, and nothing there for
       * the analyst to check */
      data->names[i] = g_strdup (name != NULL &&
                                 chronomap_event_store_location_needs_place (store, locations[i].name) ?
                                 name : "");
      data->countries[i] = locations[i].country[0] != '\0' ? g_strndup (locations[i].country, 2)
                                                           : g_strdup ("");
      admin1 = locations[i].admin1 != 0 ?
               chronomap_event_store_get_string (store, locations[i].admin1) : NULL;
      admin2 = locations[i].admin2 != 0 ?
               chronomap_event_store_get_string (store, locations[i].admin2) : NULL;
      data->areas[i] = chronomap_geocoder_area_hint (admin1, admin2);
      if (data->areas[i] == NULL)
        data->areas[i] = g_strdup ("");
      data->n_events[i] = locations[i].n_events;
    }
  cache_paths (file, &data->cache_path, &data->choices_path, &data->stamp);
  return data;
}

/**
 * chronomap_placements_find_async:
 * @store: the events of @file
 * @file: the file, for the cache
 *
 * Places the distinct locations of @store on a worker thread, from the
 * cache when it is fresh.  Nothing is changed in @store: apply the result
 * with chronomap_placements_apply() on the main thread.
 */
void
chronomap_placements_find_async (ChronomapEventStore *store,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  g_return_if_fail (CHRONOMAP_IS_EVENT_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronomap_placements_find_async);

  /* Copy what the worker needs so it never touches the store. */
  data = find_data_new (store, file);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  g_task_run_in_thread (task, find_thread);
}

/**
 * chronomap_placements_find_finish:
 *
 * Returns: (transfer full) (element-type ChronomapPlacement): one placement
 *   per distinct location, or %NULL with @error set
 */
GPtrArray *
chronomap_placements_find_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chronomap_placements_find:
 * @store: the events of @file
 * @file: the file, for the cache and the analyst's picks
 *
 * chronomap_placements_find_async() on the calling thread, for the
 * command line: it places a file's events as the app does.
 *
 * Returns: (transfer full) (element-type ChronomapPlacement): one placement
 *   per distinct location, or %NULL with @error set
 */
GPtrArray *
chronomap_placements_find (ChronomapEventStore  *store,
                           GFile                *file,
                           GCancellable         *cancellable,
                           GError              **error)
{
  FindData *data;
  GPtrArray *placements;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  data = find_data_new (store, file);
  placements = find_run (data, cancellable, error);
  find_data_free (data);
  return placements;
}

/**
 * chronomap_placements_apply:
 * @placements: (element-type ChronomapPlacement): from
 *   chronomap_placements_find_finish()
 *
 * Puts the resolved places in @store and emits its positions-changed once.
 *
 * Returns: the number of events placed
 */
guint
chronomap_placements_apply (ChronomapEventStore *store,
                            GPtrArray           *placements)
{
  const ChronomapLocation *locations;
  guint n_locations = 0;
  guint n = 0;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (store), 0);

  locations = chronomap_event_store_get_locations (store, &n_locations);
  for (guint i = 0; i < n_locations && i < placements->len; i++)
    {
      ChronomapPlacement *p = g_ptr_array_index (placements, i);

      n += chronomap_event_store_set_location_position (store, locations[i].name,
                                                        p->resolved ? p->latitude : NAN,
                                                        p->resolved ? p->longitude : NAN,
                                                        p->precision,
                                                        chronomap_placement_is_guess (p));
    }
  chronomap_event_store_positions_changed (store);
  return n;
}

/* Below this confidence a place was a guess among several of the name, or
 * a spelling only like it: worth an analyst's look before it is shown. */
#define GUESS_CONFIDENCE 0.5

/**
 * chronomap_placement_is_guess:
 *
 * Whether the geocoder placed the location without being sure of it.  An
 * analyst's own pick counts as sure (chronomap_placements_choose()).
 */
gboolean
chronomap_placement_is_guess (const ChronomapPlacement *placement)
{
  return placement->resolved && placement->confidence < GUESS_CONFIDENCE &&
         placement->name != NULL && *placement->name != '\0';
}

/**
 * chronomap_placement_is_unresolved:
 *
 * Whether the location was not found, and not left off the map by the
 * analyst's choice either: a place to check.
 */
gboolean
chronomap_placement_is_unresolved (const ChronomapPlacement *placement)
{
  return !placement->resolved && !placement->chosen && placement->name != NULL &&
         *placement->name != '\0';
}

/**
 * chronomap_placements_credit:
 * @placements: (element-type ChronomapPlacement): the file's placements
 *
 * The credit the analyst's own gazetteers earn on a map of the file: those
 * that placed a location, by name, in the order of the locations ("Places:
 * wof-sy, iraq-villages").  The bundled gazetteer is credited with the
 * basemap.
 *
 * Returns: (transfer full) (nullable): the credit, or %NULL when only the
 *   bundled gazetteer placed anything
 */
char *
chronomap_placements_credit (GPtrArray *placements)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_val_if_fail (placements != NULL, NULL);

  for (guint i = 0; i < placements->len; i++)
    {
      ChronomapPlacement *p = g_ptr_array_index (placements, i);

      if (p->resolved && p->source != NULL && strcmp (p->source, "bundled") != 0 &&
          !g_ptr_array_find_with_equal_func (names, p->source, g_str_equal, NULL))
        g_ptr_array_add (names, p->source);
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  {
    g_autofree char *list = g_strjoinv (", ", (char **) names->pdata);

    /* Translators: on an exported map, the user's gazetteers that placed
     * its events, by their names */
    return g_strdup_printf (_("Places: %s"), list);
  }
}

/* Keeps the analyst's pick for @name (@cand, or %NULL to leave it off
 * the map) with the file's other picks: its label, and where it is; or,
 * @forget, keeps none for @name any more. */
static gboolean
keep_pick (GFile                         *file,
           GPtrArray                     *placements,
           const char                    *name,
           const ChronomapPlaceCandidate *cand,
           gboolean                       forget,
           GError                       **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *cache_path = NULL;
  g_autofree char *choices_path = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) picks = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) positions = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) position_names = g_strv_builder_new ();
  g_autofree char *position = cand != NULL ? position_text (cand) : g_strdup ("");
  g_autofree char *fingerprint = placements_fingerprint (placements);
  g_auto(GStrv) old_names = NULL;
  g_auto(GStrv) old_picks = NULL;
  g_auto(GStrv) old_positions = NULL;
  g_auto(GStrv) old_position_names = NULL;
  g_auto(GStrv) new_names = NULL;
  g_auto(GStrv) new_picks = NULL;
  g_auto(GStrv) new_positions = NULL;
  g_auto(GStrv) new_position_names = NULL;
  guint n_old_positions;

  cache_paths (file, &cache_path, &choices_path, &stamp);
  g_key_file_load_from_file (key_file, choices_path, G_KEY_FILE_NONE, NULL);
  old_names = g_key_file_get_string_list (key_file, "choices", "names", NULL, NULL);
  old_picks = g_key_file_get_string_list (key_file, "choices", "picks", NULL, NULL);
  old_positions = g_key_file_get_string_list (key_file, "choices", "positions", NULL, NULL);
  old_position_names = g_key_file_get_string_list (key_file, "choices", "position-names", NULL, NULL);
  n_old_positions = old_positions != NULL && old_position_names != NULL ?
                    MIN (g_strv_length (old_positions), g_strv_length (old_position_names)) : 0;
  for (guint i = 0; old_names != NULL && old_picks != NULL && old_names[i] != NULL && old_picks[i] != NULL; i++)
    if (g_strcmp0 (old_names[i], name) != 0)
      {
        /* a pick kept before positions were, or whose position an older
         * Chronomap let fall out of step: the label alone */
        gboolean kept = i < n_old_positions && g_strcmp0 (old_position_names[i], old_names[i]) == 0;

        g_strv_builder_add (names, old_names[i]);
        g_strv_builder_add (picks, old_picks[i]);
        g_strv_builder_add (positions, kept ? old_positions[i] : "");
        g_strv_builder_add (position_names, old_names[i]);
      }
  if (!forget)
    {
      g_strv_builder_add (names, name);
      g_strv_builder_add (picks, cand != NULL ? cand->label : "");
      g_strv_builder_add (positions, position);
      g_strv_builder_add (position_names, name);
    }
  new_names = g_strv_builder_end (names);
  new_picks = g_strv_builder_end (picks);
  new_positions = g_strv_builder_end (positions);
  new_position_names = g_strv_builder_end (position_names);
  g_key_file_set_string_list (key_file, "choices", "names", (const char * const *) new_names,
                              g_strv_length (new_names));
  g_key_file_set_string_list (key_file, "choices", "picks", (const char * const *) new_picks,
                              g_strv_length (new_picks));
  g_key_file_set_string_list (key_file, "choices", "positions", (const char * const *) new_positions,
                              g_strv_length (new_positions));
  /* the names again, beside the positions: an older Chronomap rewrites
   * the names and picks alone */
  g_key_file_set_string_list (key_file, "choices", "position-names",
                              (const char * const *) new_position_names, g_strv_length (new_position_names));
  /* the places they are for, should the file be renamed or moved */
  if (fingerprint != NULL)
    g_key_file_set_string (key_file, "file", "places", fingerprint);

  dir = g_path_get_dirname (choices_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  return g_key_file_save_to_file (key_file, choices_path, error);
}

/**
 * chronomap_placements_choose:
 * @placements: (element-type ChronomapPlacement): the file's placements
 * @name: a location of the file
 * @candidate: index in its candidates, or their number to leave the
 *   location off the map
 * @file: the file, whose picks are remembered
 *
 * Makes the analyst's pick the location's place, now and on later opens.
 */
gboolean
chronomap_placements_choose (GPtrArray   *placements,
                             const char  *name,
                             guint        candidate,
                             GFile       *file,
                             GError     **error)
{
  ChronomapPlaceCandidate *cand = NULL;
  ChronomapPlacement *p = NULL;

  g_return_val_if_fail (placements != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint k = 0; k < placements->len && p == NULL; k++)
    if (g_strcmp0 (((ChronomapPlacement *) g_ptr_array_index (placements, k))->name, name) == 0)
      p = g_ptr_array_index (placements, k);
  if (p == NULL || candidate > p->candidates->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No candidate %u for “%s”", candidate, name);
      return FALSE;
    }

  /* the pick is remembered by its label; none ("") leaves it unplaced */
  if (candidate < p->candidates->len)
    {
      cand = g_ptr_array_index (p->candidates, candidate);
      place_at (p, cand);
    }
  else
    unplace (p);
  return keep_pick (file, placements, name, cand, FALSE, error);
}

/**
 * chronomap_placements_place:
 * @placements: (element-type ChronomapPlacement): the file's placements
 * @name: a location of the file
 * @place: where the analyst puts it: a place found in the gazetteers
 *   (chronomap_places_search()) or coordinates
 * @file: the file, whose picks are remembered
 *
 * Makes @place the location's place, now and on later opens, as a pick
 * among its candidates is (chronomap_placements_choose()), though the
 * geocoder did not offer it: the place an analyst knows and the
 * gazetteers spell another way, or coordinates read off a map.
 */
gboolean
chronomap_placements_place (GPtrArray                     *placements,
                            const char                    *name,
                            const ChronomapPlaceCandidate *place,
                            GFile                         *file,
                            GError                       **error)
{
  ChronomapPlacement *p = NULL;
  guint k;

  g_return_val_if_fail (placements != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (place != NULL && place->label != NULL, FALSE);

  for (guint i = 0; i < placements->len && p == NULL; i++)
    if (g_strcmp0 (((ChronomapPlacement *) g_ptr_array_index (placements, i))->name, name) == 0)
      p = g_ptr_array_index (placements, i);
  if (p == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No place “%s” in the file", name);
      return FALSE;
    }
  /* one of the candidates already, or a new one, first */
  for (k = 0; k < p->candidates->len; k++)
    if (same_place (g_ptr_array_index (p->candidates, k), place->label, place->latitude, place->longitude))
      break;
  if (k == p->candidates->len)
    {
      g_ptr_array_insert (p->candidates, 0, chronomap_place_candidate_copy (place));
      k = 0;
    }
  place_at (p, g_ptr_array_index (p->candidates, k));
  return keep_pick (file, placements, name, g_ptr_array_index (p->candidates, k), FALSE, error);
}

/**
 * chronomap_placement_copy:
 *
 * Returns: (transfer full): a copy of @placement, its candidates with it
 */
ChronomapPlacement *
chronomap_placement_copy (const ChronomapPlacement *placement)
{
  ChronomapPlacement *copy = g_new0 (ChronomapPlacement, 1);

  *copy = *placement;
  copy->name = g_strdup (placement->name);
  copy->label = g_strdup (placement->label);
  copy->source = g_strdup (placement->source);
  copy->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_place_candidate_free);
  for (guint i = 0; i < placement->candidates->len; i++)
    g_ptr_array_add (copy->candidates, chronomap_place_candidate_copy (g_ptr_array_index (placement->candidates,
                                                                                          i)));
  return copy;
}

/**
 * chronomap_placements_restore:
 * @placements: (element-type ChronomapPlacement): the file's placements
 * @saved: a copy of one of them (chronomap_placement_copy()) from before
 *   the analyst's pick
 * @file: the file, whose picks are remembered
 *
 * Undoes a pick: the location is placed as @saved was, now and on later
 * opens, the geocoder's again when @saved was not the analyst's.
 */
gboolean
chronomap_placements_restore (GPtrArray                *placements,
                              const ChronomapPlacement *saved,
                              GFile                    *file,
                              GError                  **error)
{
  g_return_val_if_fail (placements != NULL, FALSE);
  g_return_val_if_fail (saved != NULL, FALSE);

  for (guint i = 0; i < placements->len; i++)
    {
      ChronomapPlacement *p = g_ptr_array_index (placements, i);
      ChronomapPlaceCandidate where = { saved->label, saved->latitude, saved->longitude, saved->precision,
                                        saved->source };

      g_autoptr(ChronomapPlacement) copy = NULL;
      ChronomapPlacement old;

      if (g_strcmp0 (p->name, saved->name) != 0)
        continue;
      /* in place: others hold the placement */
      copy = chronomap_placement_copy (saved);
      old = *p;
      *p = *copy;
      *copy = old;
      if (!saved->chosen)
        return keep_pick (file, placements, saved->name, NULL, TRUE, error);
      return keep_pick (file, placements, saved->name, saved->resolved ? &where : NULL, FALSE, error);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No place “%s” in the file", saved->name);
  return FALSE;
}

/* A plain decimal number at *@p, "35", "35.32", "-70.6": no exponent,
 * no hexadecimal, no "inf", whatever the locale.  FALSE when none. */
static gboolean
scan_number (const char **p,
             double      *out)
{
  const char *s = *p;
  char *end;
  guint digits = 0;

  /* checked here, read by g_ascii_strtod(), which rounds best */
  if (*s == '-' || *s == '+')
    s++;
  for (; g_ascii_isdigit (*s); s++)
    digits++;
  if (*s == '.' && g_ascii_isdigit (s[1]))
    for (s++; g_ascii_isdigit (*s); s++)
      digits++;
  if (digits == 0 || digits > 24)
    return FALSE;
  /* only what was checked: "35.32E36" is 35.32 and a hemisphere */
  {
    g_autofree char *number = g_strndup (*p, s - *p);

    *out = g_ascii_strtod (number, &end);
    if (*end != '\0')
      return FALSE;
  }
  *p = s;
  return TRUE;
}

/* Skips one of @marks at *@p, UTF-8 strings; TRUE when there was one. */
static gboolean
skip_mark (const char        **p,
           const char * const *marks)
{
  for (guint i = 0; marks[i] != NULL; i++)
    if (g_str_has_prefix (*p, marks[i]))
      {
        *p += strlen (marks[i]);
        return TRUE;
      }
  return FALSE;
}

/* 'y' for a latitude's letter (N, S), 'x' for a longitude's (E, W). */
static char
hemisphere_axis (char c)
{
  c = g_ascii_toupper (c);
  return c == 'N' || c == 'S' ? 'y' : c == 'E' || c == 'W' ? 'x' : 0;
}

/* One coordinate at *@p: "35.32", "35.32° N", "N35.32", or degrees,
 * minutes and seconds, "36°15'10\"N", "36°15.5′ N", its hemisphere's
 * letter before or after it but not both. */
static gboolean
scan_coordinate (const char **p,
                 gboolean     letter_to_next,
                 double      *out,
                 char        *out_axis)
{
  static const char * const degree[] = { "°", "º", "˚", NULL };
  static const char * const minute[] = { "'", "′", "’", NULL };
  static const char * const second[] = { "\"", "″", "”", "''", "′′", "’’", NULL };
  const char *s = *p;
  char axis = 0, letter = 0;
  double v, part;

  if (hemisphere_axis (*s) != 0)
    {
      letter = g_ascii_toupper (*s++);
      axis = hemisphere_axis (letter);
      while (*s == ' ')
        s++;
    }
  if (!scan_number (&s, &v))
    return FALSE;
  /* minutes and seconds only after a degree sign: "35 32" is two numbers */
  if (skip_mark (&s, degree))
    {
      const char *t = s + strspn (s, " ");

      if (v != floor (v))
        goto done;
      if (scan_number (&t, &part) && part >= 0 && part < 60 && skip_mark (&t, minute))
        {
          s = t;
          v += copysign (part / 60, v);
          t = s + strspn (s, " ");
          if (part == floor (part) && scan_number (&t, &part) && part >= 0 && part < 60 &&
              skip_mark (&t, second))
            {
              s = t;
              v += copysign (part / 3600, v);
            }
        }
    }
done:
  /* a letter after, unless one came before: "N34° E40°" is two; nor
   * one apart and against the next number, which it goes before: "35.32
   * E36.62" */
  if (letter == 0)
    {
      const char *t = s + strspn (s, " ");

      if (hemisphere_axis (*t) != 0 && !g_ascii_isalpha (t[1]) &&
          !(letter_to_next && t > s &&
            (g_ascii_isdigit (t[1]) || t[1] == '.' || t[1] == '-' || t[1] == '+')))
        {
          letter = g_ascii_toupper (*t);
          axis = hemisphere_axis (letter);
          s = t + 1;
        }
    }
  /* a sign and a letter both: "N-35" says two things */
  if (letter != 0 && v < 0)
    return FALSE;
  if (letter == 'S' || letter == 'W')
    v = -v;
  *out = v;
  *out_axis = axis;
  *p = s;
  return TRUE;
}

static gboolean parse_coordinates_as (const char *text,
                                      gboolean    letter_to_next,
                                      double     *lat,
                                      double     *lon);

/* "35.32, 36.62", "35.32 36.62", "35.32N 36.62E", "35.32° N, 36.62° E",
 * "N35.32 E36.62", "36°15'10\"N 37°9'58\"E", "36.62 E 35.32 N", and
 * with decimal commas "35,32 36,62": a latitude and a longitude, north
 * and east positive unless S or W says otherwise; in that order unless
 * their letters say the other.  A letter between two numbers, apart from
 * the first and against the second, is the second's ("35.32 E36.62")
 * unless that leaves it two ("35.32 N36.62 E"). */
static gboolean
parse_coordinates (const char *text,
                   double     *lat,
                   double     *lon)
{
  return parse_coordinates_as (text, TRUE, lat, lon) ||
         parse_coordinates_as (text, FALSE, lat, lon);
}

static gboolean
parse_coordinates_as (const char *text,
                      gboolean    letter_to_next,
                      double     *lat,
                      double     *lon)
{
  g_autofree char *copy = g_strdup (text);
  double v[2];
  char axis[2] = { 0, 0 };   /* 'y' for N or S, 'x' for E or W */
  const char *p;
  guint n_commas = 0, n_dots = 0;

  /* decimal commas: two numbers written "35,32 36,62" */
  for (char *c = copy; *c != '\0'; c++)
    {
      n_commas += *c == ',';
      n_dots += *c == '.';
    }
  if (n_dots == 0 && n_commas == 2)
    for (char *c = copy; *c != '\0'; c++)
      if (*c == ',' && c > copy && g_ascii_isdigit (c[-1]) && g_ascii_isdigit (c[1]))
        *c = '.';

  p = copy;
  for (int k = 0; k < 2; k++)
    {
      const char *before = p;

      while (*p == ' ' || *p == ',' || *p == ';')
        p++;
      /* two numbers run together are a typing slip, not a point:
       * "35.3236.62"; a letter parts them ("S35.32W36.62") */
      if (k == 1 && p == before && g_ascii_isdigit (p[-1]) &&
          (g_ascii_isdigit (*p) || *p == '.' || *p == '-' || *p == '+'))
        return FALSE;
      if (!scan_coordinate (&p, letter_to_next, &v[k], &axis[k]))
        return FALSE;
    }
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return FALSE;
  /* "36.62 E, 35.32 N": the longitude first; two of one axis is no point */
  if (axis[0] == 'x' || axis[1] == 'y')
    {
      double t = v[0];

      if (axis[0] == axis[1] || axis[0] == 'y' || axis[1] == 'x')
        return FALSE;
      v[0] = v[1];
      v[1] = t;
    }
  if (!isfinite (v[0]) || !isfinite (v[1]) || fabs (v[0]) > 90 || fabs (v[1]) > 180)
    return FALSE;
  *lat = v[0];
  *lon = v[1];
  return TRUE;
}

/* A point's label, the same in every language and locale (it is kept as
 * the analyst's pick): "35.32000° N, 36.62000° E". */
static char *
coordinates_label (double lat,
                   double lon)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("%s° %c, %s° %c", g_ascii_formatd (a, sizeof a, "%.5f", fabs (lat)), lat < 0 ? 'S' : 'N',
                          g_ascii_formatd (b, sizeof b, "%.5f", fabs (lon)), lon < 0 ? 'W' : 'E');
}

/* Adds @e to @found as a place to pick, unless it is an area the
 * geocoder fell back to, has no point, or is there already. */
static void
add_found (GPtrArray                     *found,
           const ChronomapGazetteerEntry *e)
{
  ChronomapPlaceCandidate *c;
  gboolean seen = FALSE;

  if (e == NULL || isnan (e->latitude) || isnan (e->longitude))
    return;
  c = g_new0 (ChronomapPlaceCandidate, 1);
  c->label = chronomap_gazetteer_entry_label (e);
  /* the same place from two gazetteers once; namesakes apart each */
  for (guint i = 0; i < found->len && !seen; i++)
    {
      const ChronomapPlaceCandidate *other = g_ptr_array_index (found, i);

      seen = chronomap_geo_distance_km (other->latitude, other->longitude,
                                        e->latitude, e->longitude) < 1.0 &&
             g_strcmp0 (other->label, c->label) == 0;
    }
  if (seen)
    {
      chronomap_place_candidate_free (c);
      return;
    }
  c->latitude = e->latitude;
  c->longitude = e->longitude;
  c->precision = map_precision (e->precision);
  c->source = g_strdup (e->source);
  g_ptr_array_add (found, c);
}

/**
 * chronomap_places_search:
 * @geocoder: the gazetteers to look in
 * @text: what the analyst typed: a place's name, or coordinates
 *   ("35.32, 36.62")
 * @country: (nullable): the event's country, ISO 3166-1 alpha-2, whose
 *   places come first
 * @max_results: the most places to give
 *
 * Where a place the geocoder could not find, or found wrongly, may be:
 * the places of gazetteers matching @text, best first, or the point
 * @text gives.  Nothing for empty text or a name found nowhere.
 *
 * Returns: (transfer full) (element-type ChronomapPlaceCandidate): the
 *   places, labelled as the event's details label them
 */
GPtrArray *
chronomap_places_search (ChronomapGeocoder *geocoder,
                         const char        *text,
                         const char        *country,
                         guint              max_results)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_place_candidate_free);
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr(ChronomapGeocodeResult) r = NULL;
  double lat, lon;

  g_return_val_if_fail (geocoder != NULL, found);

  if (trimmed[0] == '\0' || max_results == 0)
    return found;
  if (parse_coordinates (trimmed, &lat, &lon))
    {
      ChronomapPlaceCandidate *c = g_new0 (ChronomapPlaceCandidate, 1);

      c->label = coordinates_label (lat, lon);
      c->latitude = lat;
      c->longitude = lon;
      c->precision = CHRONOMAP_GEO_PRECISION_EXACT;
      g_ptr_array_add (found, c);
      return found;
    }

  r = chronomap_geocoder_geocode (geocoder, trimmed, country);
  for (guint k = 0; r->resolved && k <= r->alternatives->len && found->len < max_results; k++)
    add_found (found, k == 0 ? r->entry :
                      ((ChronomapGeocodeAlternative *) g_ptr_array_index (r->alternatives, k - 1))->entry);
  /* then the places whose names begin so, as the analyst types ("Bagh"
   * for Al Baghuz Fawqani) */
  if (found->len < max_results)
    {
      g_autoptr(GPtrArray) begun = chronomap_geocoder_complete (geocoder, trimmed, country, max_results);

      for (guint i = 0; i < begun->len && found->len < max_results; i++)
        add_found (found, g_ptr_array_index (begun, i));
    }
  return found;
}
