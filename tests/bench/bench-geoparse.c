/* bench-geoparse.c: the geoparser on annotated news corpora
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads GeoVirus.xml and lgl.xml (Gritta, Pilehvar & Collier 2019, "A
 * Pragmatic Guide to Geoparsing Evaluation") from $CHRONOMAP_GEOPARSING_DIR,
 * else from ../shared/data/geoparsing next to the source tree, and prints
 * for each corpus: recognition precision, recall and F1 (a mention counts
 * when its span overlaps a gold toponym's) and resolution accuracy within
 * 161 km (of the gold toponyms with coordinates that were recognised, the
 * share placed within 100 miles), the field's usual measures.  The corpora
 * are not part of the project: when they are absent the benchmark says so
 * and succeeds.
 *
 * Looking into the figures:
 *   BENCH_GEOPARSE_HALF=a|b      only the even (a) or odd (b) articles, to tune
 *                                on one half and check on the other
 *   BENCH_GEOPARSE_MISSES=1      each toponym placed more than 161 km off, with
 *                                the place chosen and the candidate nearest the
 *                                gold point, then the count of misses by cause
 *   BENCH_GEOPARSE_VERBOSE=1     also the toponyms not found and the mentions
 *                                that are no toponym
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chronomap-geoparser.h"
#include "gazetteer/chronomap-geocoder.h"

typedef struct
{
  glong  start;
  glong  end;
  double lat;
  double lon;
} Gold;

typedef struct
{
  char   *text;
  GArray *gold;
} Article;

typedef struct
{
  GPtrArray *articles;
  Article   *current;
  GString   *chars;
  Gold       gold;
  gboolean   in_location;
  gboolean   in_gaztag;
  char      *element;
} Reader;

static void
article_free (gpointer data)
{
  Article *a = data;

  g_free (a->text);
  g_array_unref (a->gold);
  g_free (a);
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **attr_names,
                  const char          **attr_values,
                  gpointer              user_data,
                  GError              **error)
{
  Reader *r = user_data;

  g_string_truncate (r->chars, 0);
  if (strcmp (name, "article") == 0)
    {
      r->current = g_new0 (Article, 1);
      r->current->gold = g_array_new (FALSE, FALSE, sizeof (Gold));
      g_ptr_array_add (r->articles, r->current);
    }
  else if (strcmp (name, "location") == 0 || strcmp (name, "toponym") == 0)
    {
      r->in_location = TRUE;
      r->gold = (Gold) { -1, -1, NAN, NAN };
    }
  else if (strcmp (name, "gaztag") == 0)
    r->in_gaztag = TRUE;
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *name,
                gpointer              user_data,
                GError              **error)
{
  Reader *r = user_data;

  if (r->current == NULL)
    return;
  if (strcmp (name, "text") == 0 && !r->in_location)
    r->current->text = g_strdup (r->chars->str);
  else if (r->in_location && strcmp (name, "start") == 0)
    r->gold.start = atol (r->chars->str);
  else if (r->in_location && strcmp (name, "end") == 0)
    r->gold.end = atol (r->chars->str);
  else if (r->in_location && strcmp (name, "lat") == 0)
    r->gold.lat = g_ascii_strtod (r->chars->str, NULL);
  else if (r->in_location && strcmp (name, "lon") == 0)
    r->gold.lon = g_ascii_strtod (r->chars->str, NULL);
  else if (strcmp (name, "gaztag") == 0)
    r->in_gaztag = FALSE;
  else if (strcmp (name, "location") == 0 || strcmp (name, "toponym") == 0)
    {
      r->in_location = FALSE;
      if (r->gold.start >= 0 && r->gold.end > r->gold.start)
        g_array_append_val (r->current->gold, r->gold);
    }
  g_string_truncate (r->chars, 0);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  Reader *r = user_data;

  g_string_append_len (r->chars, text, text_len);
}

static GPtrArray *
read_corpus (const char  *path,
             GError     **error)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, text_cb, NULL, NULL };
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  Reader r = { 0 };
  gsize length;
  const char *body;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  /* GMarkup does not take the XML declaration */
  body = contents;
  if (g_str_has_prefix (body, "<?xml"))
    body = strstr (body, "?>") + 2;

  r.articles = g_ptr_array_new_with_free_func (article_free);
  r.chars = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &r, NULL);
  if (!g_markup_parse_context_parse (context, body, length - (body - contents), error) ||
      !g_markup_parse_context_end_parse (context, error))
    {
      g_ptr_array_unref (r.articles);
      g_string_free (r.chars, TRUE);
      return NULL;
    }
  g_string_free (r.chars, TRUE);
  return r.articles;
}

/* The first-order area an entry is in, or is. */
static const char *
entry_area (const ChronomapGazetteerEntry *entry)
{
  if (entry->precision == CHRONOMAP_PRECISION_ADMIN && g_str_has_prefix (entry->id, "admin1:"))
    return entry->name;
  return entry->admin1;
}

/* Why a toponym was placed far from its gold point, judged against the
 * candidate of the same name nearest that point: none near it (the
 * gazetteer lacks the place, or the mention's span differs), another
 * country, another first-order area, or another place of the same area. */
static const char *
explain_miss (ChronomapGeoparser          *geoparser,
              const ChronomapPlaceMention *mention,
              const Gold                  *gold,
              char                        *detail,
              gsize                        detail_size)
{
  g_autoptr(GPtrArray) candidates = chronomap_geoparser_lookup (geoparser, mention->text);
  const ChronomapGazetteerEntry *near = NULL;
  const ChronomapGazetteerEntry *chosen = mention->entry;
  double near_d = G_MAXDOUBLE;

  for (guint i = 0; i < candidates->len; i++)
    {
      const ChronomapGazetteerEntry *c = g_ptr_array_index (candidates, i);
      double d = chronomap_geo_distance_km (gold->lat, gold->lon, c->latitude, c->longitude);

      if (d < near_d)
        {
          near_d = d;
          near = c;
        }
    }
  if (near == NULL || near_d > 161.0)
    {
      g_snprintf (detail, detail_size, "%u candidates", candidates->len);
      return "no candidate near the gold point";
    }
  g_snprintf (detail, detail_size, "nearest candidate %s (%s, %s, %s, %s, pop %u) %.0f km; %u candidates",
              near->name, near->id, near->admin1 != NULL ? near->admin1 : "-", near->country,
              chronomap_precision_to_string (near->precision), near->population, near_d,
              candidates->len);
  if (strcmp (near->country, chosen->country) != 0)
    return near->population > chosen->population ? "another country, smaller" :
           "another country, larger";
  if (g_strcmp0 (entry_area (near), entry_area (chosen)) != 0)
    return near->population > chosen->population ? "another area, smaller" :
           "another area, larger";
  return "same area, another place";
}

static void
count_cause (GHashTable *causes,
             const char *cause)
{
  g_hash_table_insert (causes, (gpointer) cause,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (causes, cause)) + 1));
}

static void
run_corpus (ChronomapGeoparser *geoparser,
            const char         *label,
            const char         *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = read_corpus (path, &error);
  g_autoptr(GHashTable) causes = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_pred = 0, n_pred_ok = 0, n_gold = 0, n_gold_found = 0, n_resolved = 0, n_close = 0;
  guint n_articles = 0;
  double p, r, f1;
  gint64 t0 = g_get_monotonic_time ();
  const char *half = g_getenv ("BENCH_GEOPARSE_HALF");
  gboolean verbose = g_getenv ("BENCH_GEOPARSE_VERBOSE") != NULL;
  gboolean misses = verbose || g_getenv ("BENCH_GEOPARSE_MISSES") != NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (articles == NULL)
    {
      printf ("%s: unreadable: %s\n", label, error->message);
      return;
    }

  for (guint a = 0; a < articles->len; a++)
    {
      Article *article = g_ptr_array_index (articles, a);
      g_autoptr(GPtrArray) mentions = NULL;

      if (article->text == NULL)
        continue;
      if (g_strcmp0 (half, "a") == 0 && a % 2 != 0)
        continue;
      if (g_strcmp0 (half, "b") == 0 && a % 2 != 1)
        continue;
      n_articles++;
      mentions = chronomap_geoparser_parse (geoparser, article->text, -1);

      for (guint m = 0; m < mentions->len; m++)
        {
          ChronomapPlaceMention *mention = g_ptr_array_index (mentions, m);
          gboolean ok = FALSE;

          n_pred++;
          for (guint g = 0; g < article->gold->len && !ok; g++)
            {
              Gold *gold = &g_array_index (article->gold, Gold, g);

              ok = mention->start < gold->end && gold->start < mention->end;
            }
          if (ok)
            n_pred_ok++;
          else if (verbose)
            printf ("  spurious: %s (%s, %.2f)\n", mention->text, mention->entry->id, mention->score);
        }

      for (guint g = 0; g < article->gold->len; g++)
        {
          Gold *gold = &g_array_index (article->gold, Gold, g);
          ChronomapPlaceMention *found = NULL;

          n_gold++;
          for (guint m = 0; m < mentions->len && found == NULL; m++)
            {
              ChronomapPlaceMention *mention = g_ptr_array_index (mentions, m);

              if (mention->start < gold->end && gold->start < mention->end)
                found = mention;
            }
          if (found == NULL)
            {
              if (verbose)
                {
                  g_autofree char *s = g_utf8_substring (article->text, gold->start,
                                                         MIN (gold->end, g_utf8_strlen (article->text, -1)));

                  printf ("  missed: %s\n", s);
                }
              continue;
            }
          n_gold_found++;
          if (!isnan (gold->lat) && !isnan (gold->lon))
            {
              double d = chronomap_geo_distance_km (gold->lat, gold->lon,
                                                    found->entry->latitude,
                                                    found->entry->longitude);

              n_resolved++;
              if (d <= 161.0)
                n_close++;
              else if (misses)
                {
                  char detail[512];
                  const char *cause = explain_miss (geoparser, found, gold, detail, sizeof detail);

                  count_cause (causes, cause);
                  printf ("  far: [%u] %s (gold %.2f,%.2f) -> %s (%s, %s, %s, %s, pop %u) %.0f km: %s; %s\n",
                          a, found->text, gold->lat, gold->lon, found->entry->name, found->entry->id,
                          found->entry->admin1 != NULL ? found->entry->admin1 : "-",
                          found->entry->country, chronomap_precision_to_string (found->entry->precision),
                          found->entry->population, d, cause, detail);
                }
            }
        }
    }

  p = n_pred > 0 ? (double) n_pred_ok / n_pred : 0;
  r = n_gold > 0 ? (double) n_gold_found / n_gold : 0;
  f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
  printf ("%s_articles: %u\n", label, n_articles);
  printf ("%s_gold_toponyms: %u\n", label, n_gold);
  printf ("%s_mentions: %u\n", label, n_pred);
  printf ("%s_precision: %.3f\n", label, p);
  printf ("%s_recall: %.3f\n", label, r);
  printf ("%s_f1: %.3f\n", label, f1);
  printf ("%s_accuracy_161km: %.3f\n", label, n_resolved > 0 ? (double) n_close / n_resolved : 0);
  printf ("%s_seconds: %.2f\n", label, (g_get_monotonic_time () - t0) / 1e6);
  g_hash_table_iter_init (&iter, causes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    printf ("%s_far_cause: %u %s\n", label, GPOINTER_TO_UINT (value), (const char *) key);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapGazetteer) gazetteer = NULL;
  g_autoptr(ChronomapGeoparser) geoparser = NULL;
  g_autofree char *dir = NULL;
  const char *env = g_getenv ("CHRONOMAP_GEOPARSING_DIR");
  const char *corpora[][2] = { { "geovirus", "GeoVirus.xml" }, { "lgl", "lgl.xml" } };
  gboolean any = FALSE;

  dir = env != NULL ? g_strdup (env) :
        g_build_filename (SOURCE_ROOT, "..", "shared", "data", "geoparsing", NULL);

  gazetteer = chronomap_gazetteer_new_default (&error);
  if (gazetteer != NULL)
    geoparser = chronomap_geoparser_new (gazetteer, &error);
  if (geoparser == NULL)
    {
      fprintf (stderr, "bench-geoparse: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (corpora); i++)
    {
      g_autofree char *path = g_build_filename (dir, corpora[i][1], NULL);

      if (argc > 1 && strcmp (argv[1], corpora[i][0]) != 0)
        continue;
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          printf ("%s: skipped: %s is not present (set CHRONOMAP_GEOPARSING_DIR)\n",
                  corpora[i][0], path);
          continue;
        }
      any = TRUE;
      run_corpus (geoparser, corpora[i][0], path);
    }
  if (!any)
    printf ("geoparse: no corpus found; nothing measured\n");
  return 0;
}
