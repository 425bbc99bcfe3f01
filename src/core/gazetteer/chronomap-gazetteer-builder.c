/* chronomap-gazetteer-builder.c: reading gazetteer sources, writing the compiled file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-gazetteer"

#include "config.h"

#include "chronomap-gazetteer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "chronomap-error.h"
#include "chronomap-gazetteer-private.h"
#include "chronomap-normalize.h"
#include "chronomap-number.h"

struct _ChronomapGazetteerBuilder
{
  char       *label;
  GArray     *entries;      /* GazEntry */
  GString    *pool;
  GHashTable *pool_index;   /* string -> offset + 1 */
  GHashTable *admin1;       /* "SY.07" -> "Deir ez-Zor" */
  GHashTable *norm;         /* name key -> GArray of postings */
  guint       n_skipped;    /* rows of the files that are not places */
  GPtrArray  *problems;     /* the first MAX_PROBLEMS of them, "file:line: why" */
};

/* Enough to show what is wrong with a file; the count tells the rest, and
 * a dump with a million broken rows must not hold a million messages. */
#define MAX_PROBLEMS 100

/**
 * chronomap_precision_to_string:
 * @precision: a precision
 *
 * Returns: a short English word for @precision ("place", "admin", ...)
 */
const char *
chronomap_precision_to_string (ChronomapPrecision precision)
{
  switch (precision)
    {
    case CHRONOMAP_PRECISION_PLACE: return "place";
    case CHRONOMAP_PRECISION_ADMIN: return "admin";
    case CHRONOMAP_PRECISION_COUNTRY: return "country";
    case CHRONOMAP_PRECISION_RIVER: return "river";
    case CHRONOMAP_PRECISION_OTHER: return "other";
    case CHRONOMAP_PRECISION_NONE:
    default:
      return "none";
    }
}

/* GeoNames feature codes, and Who's On First placetypes, to a precision and
 * a rank: the rank orders same-named places when nothing else does, so a
 * capital beats a provincial seat beats a village beats a quarter. */
ChronomapPrecision
chronomap_precision_from_feature (const char *feature,
                                  guint8     *out_rank)
{
  static const struct { const char *code; ChronomapPrecision precision; guint8 rank; } map[] = {
    { "PPLC", CHRONOMAP_PRECISION_PLACE, 6 },
    { "PPLA", CHRONOMAP_PRECISION_PLACE, 5 },
    { "PPLG", CHRONOMAP_PRECISION_PLACE, 5 },
    { "PPLA2", CHRONOMAP_PRECISION_PLACE, 4 },
    { "PPLA3", CHRONOMAP_PRECISION_PLACE, 3 },
    { "PPLA4", CHRONOMAP_PRECISION_PLACE, 2 },
    { "PPLA5", CHRONOMAP_PRECISION_PLACE, 2 },
    { "PPL", CHRONOMAP_PRECISION_PLACE, 1 },
    { "locality", CHRONOMAP_PRECISION_PLACE, 1 },
    { "PPLX", CHRONOMAP_PRECISION_PLACE, 0 },
    { "neighbourhood", CHRONOMAP_PRECISION_PLACE, 0 },
    { "macrohood", CHRONOMAP_PRECISION_PLACE, 0 },
    { "microhood", CHRONOMAP_PRECISION_PLACE, 0 },
    { "borough", CHRONOMAP_PRECISION_PLACE, 0 },
    { "PCLI", CHRONOMAP_PRECISION_COUNTRY, 7 },
    { "PCL", CHRONOMAP_PRECISION_COUNTRY, 7 },
    { "country", CHRONOMAP_PRECISION_COUNTRY, 7 },
    { "ADM1", CHRONOMAP_PRECISION_ADMIN, 3 },
    { "region", CHRONOMAP_PRECISION_ADMIN, 3 },
    { "ADM2", CHRONOMAP_PRECISION_ADMIN, 2 },
    { "county", CHRONOMAP_PRECISION_ADMIN, 2 },
    { "ADM3", CHRONOMAP_PRECISION_ADMIN, 1 },
    { "localadmin", CHRONOMAP_PRECISION_ADMIN, 1 },
    { "STM", CHRONOMAP_PRECISION_RIVER, 3 },
  };
  guint8 rank = 0;
  ChronomapPrecision precision = CHRONOMAP_PRECISION_OTHER;

  if (feature != NULL && feature[0] != '\0')
    {
      const char *code = feature;
      const char *dot = strchr (feature, '.');

      /* "P.PPLA" as well as "PPLA" */
      if (dot != NULL && dot - feature == 1)
        code = dot + 1;

      for (guint i = 0; i < G_N_ELEMENTS (map); i++)
        if (g_ascii_strcasecmp (code, map[i].code) == 0)
          {
            precision = map[i].precision;
            rank = map[i].rank;
            goto out;
          }

      if (g_str_has_prefix (code, "PPL"))
        precision = CHRONOMAP_PRECISION_PLACE;
      else if (g_str_has_prefix (code, "ADM"))
        precision = CHRONOMAP_PRECISION_ADMIN;
      else if (g_str_has_prefix (code, "STM"))
        precision = CHRONOMAP_PRECISION_RIVER;
    }
  else
    {
      precision = CHRONOMAP_PRECISION_PLACE;
      rank = 1;
    }

out:
  if (out_rank != NULL)
    *out_rank = rank;
  return precision;
}

static void
posting_array_free (gpointer data)
{
  g_array_unref (data);
}

/**
 * chronomap_gazetteer_builder_new:
 * @label: what the file will be called in lists ("bundled", "wof-sy")
 *
 * Returns: (transfer full): a new, empty builder
 */
ChronomapGazetteerBuilder *
chronomap_gazetteer_builder_new (const char *label)
{
  ChronomapGazetteerBuilder *builder = g_new0 (ChronomapGazetteerBuilder, 1);

  builder->label = g_strdup (label != NULL ? label : "");
  builder->entries = g_array_new (FALSE, TRUE, sizeof (GazEntry));
  builder->pool = g_string_new (NULL);
  /* offset 0 is the empty string */
  g_string_append_c (builder->pool, '\0');
  builder->pool_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  builder->admin1 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  builder->norm = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, posting_array_free);
  builder->problems = g_ptr_array_new_with_free_func (g_free);

  return builder;
}

/**
 * chronomap_gazetteer_builder_free:
 * @builder: (transfer full): a builder
 */
void
chronomap_gazetteer_builder_free (ChronomapGazetteerBuilder *builder)
{
  if (builder == NULL)
    return;
  g_free (builder->label);
  g_array_unref (builder->entries);
  g_string_free (builder->pool, TRUE);
  g_hash_table_unref (builder->pool_index);
  g_hash_table_unref (builder->admin1);
  g_hash_table_unref (builder->norm);
  g_ptr_array_unref (builder->problems);
  g_free (builder);
}

static guint32
intern (ChronomapGazetteerBuilder *builder,
        const char                *s,
        gboolean                   shared)
{
  gpointer found;
  guint32 off;

  if (s == NULL || s[0] == '\0')
    return 0;

  if (shared && (found = g_hash_table_lookup (builder->pool_index, s)) != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  off = builder->pool->len;
  g_string_append_len (builder->pool, s, strlen (s) + 1);
  if (shared)
    g_hash_table_insert (builder->pool_index, g_strdup (s), GUINT_TO_POINTER (off + 1));
  return off;
}

static void
add_key (ChronomapGazetteerBuilder *builder,
         const char                *key,
         guint32                    entry,
         guint32                    flags)
{
  GArray *postings = g_hash_table_lookup (builder->norm, key);
  guint32 posting = entry << 2 | flags;

  if (postings == NULL)
    {
      postings = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 1);
      g_hash_table_insert (builder->norm, g_strdup (key), postings);
    }
  else if (postings->len > 0)
    {
      guint32 *last = &g_array_index (postings, guint32, postings->len - 1);

      /* One posting per entry and key, keeping the best way to reach it:
       * by the entry's own name, without stripping qualifiers. */
      if ((*last >> 2) == entry)
        {
          guint32 old = *last & 3u;
          guint32 merged = ((old | flags) & GAZ_POSTING_CANONICAL) |
                           (old & flags & GAZ_POSTING_STRIPPED);

          *last = entry << 2 | merged;
          return;
        }
    }

  g_array_append_val (postings, posting);
}

static void
add_name_keys (ChronomapGazetteerBuilder *builder,
               guint32                    entry,
               const char                *name,
               gboolean                   canonical)
{
  g_autofree char *full = NULL;
  g_autofree char *stripped = NULL;
  guint32 flags = canonical ? GAZ_POSTING_CANONICAL : 0;

  chronomap_normalize_name_pair (name, &full, &stripped, NULL);

  if (full != NULL)
    add_key (builder, full, entry, flags);
  if (stripped != NULL && (full == NULL || strcmp (full, stripped) != 0))
    add_key (builder, stripped, entry, flags | GAZ_POSTING_STRIPPED);
}

/**
 * chronomap_gazetteer_builder_add:
 * @builder: a builder
 * @id: (nullable): the source's identifier
 * @name: the canonical name
 * @latitude: degrees
 * @longitude: degrees
 * @country: (nullable): ISO 3166-1 alpha-2 code
 * @admin1: (nullable): first-order administrative area, a name or a GeoNames
 *   code that chronomap_gazetteer_builder_load_admin1() knows
 * @feature: (nullable): GeoNames feature code or Who's On First placetype
 * @population: 0 when unknown
 * @alt_names: (nullable) (array zero-terminated=1): other names
 *
 * Adds a place.  Places with coordinates out of range are skipped.
 */
void
chronomap_gazetteer_builder_add (ChronomapGazetteerBuilder *builder,
                                 const char                *id,
                                 const char                *name,
                                 double                     latitude,
                                 double                     longitude,
                                 const char                *country,
                                 const char                *admin1,
                                 const char                *feature,
                                 guint                      population,
                                 const char * const        *alt_names)
{
  GazEntry e = { 0 };
  guint32 index;
  const char *admin1_name = admin1;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (name != NULL);

  if (!isfinite (latitude) || !isfinite (longitude) ||
      latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180)
    return;
  if (builder->entries->len >= (1u << 29))
    return;

  if (country != NULL && admin1 != NULL && admin1[0] != '\0')
    {
      g_autofree char *code = g_strdup_printf ("%s.%s", country, admin1);
      const char *found = g_hash_table_lookup (builder->admin1, code);

      if (found != NULL)
        admin1_name = found;
    }

  e.lat_e6 = (gint32) lround (latitude * 1e6);
  e.lon_e6 = (gint32) lround (longitude * 1e6);
  e.name_off = intern (builder, name, FALSE);
  e.id_off = intern (builder, id, FALSE);
  e.admin1_off = intern (builder, admin1_name, TRUE);
  e.population = population;
  if (country != NULL && strlen (country) == 2)
    {
      e.country[0] = g_ascii_toupper (country[0]);
      e.country[1] = g_ascii_toupper (country[1]);
    }
  e.precision = chronomap_precision_from_feature (feature, &e.rank);

  index = builder->entries->len;
  g_array_append_val (builder->entries, e);

  add_name_keys (builder, index, name, TRUE);
  for (guint i = 0; alt_names != NULL && alt_names[i] != NULL; i++)
    if (alt_names[i][0] != '\0')
      add_name_keys (builder, index, alt_names[i], FALSE);
}

/**
 * chronomap_gazetteer_builder_get_n_entries:
 * @builder: a builder
 *
 * Returns: the number of places added so far
 */
guint
chronomap_gazetteer_builder_get_n_entries (ChronomapGazetteerBuilder *builder)
{
  g_return_val_if_fail (builder != NULL, 0);
  return builder->entries->len;
}

/**
 * chronomap_gazetteer_builder_get_n_skipped:
 * @builder: a builder
 *
 * Returns: the number of rows of the files added so far that were not
 *   places (no name, coordinates missing, not numbers or off the globe)
 */
guint
chronomap_gazetteer_builder_get_n_skipped (ChronomapGazetteerBuilder *builder)
{
  g_return_val_if_fail (builder != NULL, 0);
  return builder->n_skipped;
}

/**
 * chronomap_gazetteer_builder_get_problems:
 * @builder: a builder
 *
 * Returns: (transfer none) (element-type utf8): why the first of the
 *   skipped rows were skipped, `file:line: what is wrong`, at most 100
 */
GPtrArray *
chronomap_gazetteer_builder_get_problems (ChronomapGazetteerBuilder *builder)
{
  g_return_val_if_fail (builder != NULL, NULL);
  return builder->problems;
}

/* Line reading, with gzip when the name says so, and CSV records that
 * span lines inside quotes. */
static GDataInputStream *
open_lines (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, error);
  g_autoptr(GInputStream) stream = NULL;

  if (raw == NULL)
    return NULL;

  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr(GZlibDecompressor) dec = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      stream = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (dec));
    }
  else
    {
      stream = G_INPUT_STREAM (g_object_ref (raw));
    }

  return g_data_input_stream_new (stream);
}

/* A line, or a CSV record of several lines, longer than this is not a
 * place: reading stops there rather than take all memory for it (a small
 * .gz can inflate to gigabytes without a newline). */
#define MAX_LINE_LENGTH (1024 * 1024)

/* Reads up to the next newline, without it, and without ever holding more
 * than MAX_LINE_LENGTH bytes of the line.  Returns %NULL at the end of
 * the stream, or with @error set. */
static char *
read_line (GDataInputStream  *lines,
           GError           **error)
{
  GBufferedInputStream *buffered = G_BUFFERED_INPUT_STREAM (lines);
  g_autoptr(GString) line = g_string_new (NULL);

  for (;;)
    {
      gsize available;
      const char *data = g_buffered_input_stream_peek_buffer (buffered, &available);
      const char *newline;
      gsize take;

      if (available == 0)
        {
          gssize n = g_buffered_input_stream_fill (buffered, -1, NULL, error);

          if (n < 0)
            return NULL;
          if (n == 0)
            {
              if (line->len == 0)
                return NULL;
              break;
            }
          continue;
        }

      newline = memchr (data, '\n', available);
      take = newline != NULL ? (gsize) (newline - data) : available;
      if (line->len + take > MAX_LINE_LENGTH)
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "line longer than %u MiB", MAX_LINE_LENGTH / (1024 * 1024));
          return NULL;
        }
      g_string_append_len (line, data, take);
      if (g_input_stream_skip (G_INPUT_STREAM (buffered), take + (newline != NULL ? 1 : 0),
                               NULL, error) < 0)
        return NULL;
      if (newline != NULL)
        break;
    }

  if (!g_utf8_validate (line->str, line->len, NULL))
    {
      g_set_error_literal (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                           "is not valid UTF-8 text; save the file as UTF-8 (a binary "
                           "file cannot be a gazetteer)");
      return NULL;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* Splits a CSV record; returns FALSE when a quoted field is still open,
 * with @open_quote (if not %NULL) at the quote that opened it. */
static gboolean
split_csv (const char  *record,
           GPtrArray   *fields,
           const char **open_quote)
{
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  g_ptr_array_set_size (fields, 0);
  for (const char *p = record; ; p++)
    {
      if (quoted)
        {
          if (*p == '\0')
            return FALSE;
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
          continue;
        }
      if (*p == '"')
        {
          quoted = TRUE;
          if (open_quote != NULL)
            *open_quote = p;
        }
      else if (*p == ',' || *p == '\0')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (field, *p);
    }
  return TRUE;
}

static void
split_tsv (const char *record,
           GPtrArray  *fields)
{
  g_auto(GStrv) parts = g_strsplit (record, "\t", -1);

  g_ptr_array_set_size (fields, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    g_ptr_array_add (fields, g_steal_pointer (&parts[i]));
}

enum { COL_ID, COL_NAME, COL_LAT, COL_LON, COL_COUNTRY, COL_ADMIN1, COL_FEATURE,
       COL_POPULATION, COL_ALT, N_COLS };

static int
column_for (const char *header)
{
  static const struct { const char *name; int col; } names[] = {
    { "id", COL_ID }, { "geonameid", COL_ID }, { "code", COL_ID },
    { "name", COL_NAME }, { "latitude", COL_LAT }, { "lat", COL_LAT },
    { "longitude", COL_LON }, { "lon", COL_LON }, { "lng", COL_LON },
    { "country", COL_COUNTRY }, { "country_code", COL_COUNTRY },
    { "admin1", COL_ADMIN1 }, { "feature", COL_FEATURE }, { "feature_code", COL_FEATURE },
    { "population", COL_POPULATION }, { "alt_names", COL_ALT }, { "alternatenames", COL_ALT },
  };
  g_autofree char *copy = g_strdup (header);
  g_autofree char *h = g_ascii_strdown (g_strstrip (copy), -1);
  const char *s = h;

  if (s[0] == '#')
    s++;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (s, names[i].name) == 0)
      return names[i].col;
  return -1;
}


/* @text as a message quotes it: without blanks around, and cut short, as
 * a field can be a megabyte long. */
static char *
shorten (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autofree char *start = NULL;

  if (g_utf8_strlen (copy, -1) <= 40)
    return g_steal_pointer (&copy);
  start = g_utf8_substring (copy, 0, 40);
  return g_strconcat (start, "…", NULL);
}

static const char *
field (GPtrArray *fields,
       int        col)
{
  if (col < 0 || (guint) col >= fields->len)
    return NULL;
  return g_ptr_array_index (fields, col);
}

/**
 * chronomap_gazetteer_builder_load_admin1:
 * @builder: a builder
 * @path: GeoNames admin1 codes, "CC.code<TAB>name" a line (admin1.tsv or
 *   admin1CodesASCII.txt)
 * @error: return location for a #GError
 *
 * Lets places give their admin1 as a GeoNames code.  Call before adding.
 *
 * Returns: %TRUE on success
 */
gboolean
chronomap_gazetteer_builder_load_admin1 (ChronomapGazetteerBuilder  *builder,
                                         const char                 *path,
                                         GError                    **error)
{
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  char *line;
  GError *local_error = NULL;

  g_return_val_if_fail (builder != NULL, FALSE);

  lines = open_lines (path, error);
  if (lines == NULL)
    return FALSE;

  while ((line = read_line (lines, &local_error)) != NULL)
    {
      if (line[0] != '#' && line[0] != '\0')
        {
          split_tsv (line, fields);
          if (fields->len >= 2)
            g_hash_table_insert (builder->admin1,
                                 g_strdup (g_ptr_array_index (fields, 0)),
                                 g_strdup (g_ptr_array_index (fields, 1)));
        }
      g_free (line);
    }
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, local_error, "%s: ", path);
      return FALSE;
    }
  return TRUE;
}

/* How the rows of one source file are read. */
typedef struct
{
  const char *basename;
  int         cols[N_COLS];
  const char *id_prefix;
  const char *fixed_feature;  /* every row's, whatever its columns say */
  char        alt_sep;        /* between alternate names */
  guint       n_added;
} Source;

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[strspn (text, " \t")] == '\0';
}

/* Why @text is not a @what within ±@limit degrees, or %NULL when it is. */
static char *
check_degrees (const char *what,
               const char *text,
               double      limit,
               double     *out)
{
  g_autofree char *quoted = NULL;

  if (is_blank (text))
    return g_strdup_printf ("no %s", what);
  quoted = shorten (text);
  if (!chronomap_parse_decimal (text, out))
    return g_strdup_printf ("%s “%s” is not a number", what, quoted);
  if (*out < -limit || *out > limit)
    return g_strdup_printf ("%s %s is outside %g…%g", what, quoted, -limit, limit);
  return NULL;
}

static void
skip_row (ChronomapGazetteerBuilder *builder,
          const Source              *source,
          guint                      line,
          const char                *why)
{
  builder->n_skipped++;
  if (builder->problems->len < MAX_PROBLEMS)
    g_ptr_array_add (builder->problems, g_strdup_printf ("%s:%u: %s", source->basename, line, why));
}

/* Adds the place of the row that starts on @line, or tells why it is none. */
static void
add_row (ChronomapGazetteerBuilder *builder,
         Source                    *source,
         GPtrArray                 *fields,
         guint                      line)
{
  const int *cols = source->cols;
  const char *name = field (fields, cols[COL_NAME]);
  const char *id = field (fields, cols[COL_ID]);
  const char *pop = field (fields, cols[COL_POPULATION]);
  const char *alts = field (fields, cols[COL_ALT]);
  const char *feature = source->fixed_feature != NULL ? source->fixed_feature :
                                                        field (fields, cols[COL_FEATURE]);
  g_autofree char *full_id = NULL;
  g_autofree char *why = NULL;
  g_auto(GStrv) alt_names = NULL;
  guint n_before = chronomap_gazetteer_builder_get_n_entries (builder);
  double lat, lon;
  char sep[2] = { source->alt_sep, '\0' };

  if (is_blank (name))
    why = g_strdup ("no name");
  else if ((why = check_degrees ("latitude", field (fields, cols[COL_LAT]), 90, &lat)) == NULL)
    why = check_degrees ("longitude", field (fields, cols[COL_LON]), 180, &lon);
  if (why != NULL)
    {
      skip_row (builder, source, line, why);
      return;
    }

  /* An id tells same-named places apart (the extractor counts mentions
   * by it, `geocode-db` writes it to geo_source), so a row without one
   * gets one that stays the same while the file does. */
  if (is_blank (id))
    id = full_id = g_strdup_printf ("%s:%u", builder->label, line);
  else if (source->id_prefix != NULL)
    id = full_id = g_strconcat (source->id_prefix, id, NULL);
  if (alts != NULL && alts[0] != '\0')
    alt_names = g_strsplit (alts, sep, -1);

  chronomap_gazetteer_builder_add (builder, id, name, lat, lon,
                                   field (fields, cols[COL_COUNTRY]),
                                   field (fields, cols[COL_ADMIN1]),
                                   feature,
                                   pop != NULL ? (guint) MIN (g_ascii_strtoull (pop, NULL, 10), G_MAXUINT32) : 0,
                                   (const char * const *) alt_names);
  /* the builder stops taking places at 2^29 */
  if (chronomap_gazetteer_builder_get_n_entries (builder) > n_before)
    source->n_added++;
}

/**
 * chronomap_gazetteer_builder_add_file:
 * @builder: a builder
 * @path: a gazetteer source, optionally gzip-compressed (".gz")
 * @error: return location for a #GError
 *
 * Adds every place of @path, whose format is recognised from its content:
 *
 * - a GeoNames dump (a country file such as SY.txt, or cities500.txt): 19
 *   tab-separated columns, no header;
 * - a CSV file whose header names `name`, `latitude`, `longitude` and
 *   optionally `id`, `alt_names` (`|`-separated), `country`, `admin1`,
 *   `feature`, `population`;
 * - the same columns tab-separated, under a header line that may start
 *   with `#` (as the bundled sources in data/gazetteer do).
 *
 * Lines starting with `#` before the header, and without a tab, are
 * comments; so are such lines among the rows.  A row without an id gets
 * `LABEL:LINE`, the builder's label and the line the row starts on.
 *
 * Latitudes and longitudes are decimal degrees ("36.38", "-0.5", "1E-05");
 * hexadecimal, "nan" and "inf" are not numbers here.  A row without a
 * name, or whose coordinates are missing, not numbers or off the globe,
 * is skipped and counted, so that a large dump with a few broken rows
 * still loads: see chronomap_gazetteer_builder_get_n_skipped() and
 * chronomap_gazetteer_builder_get_problems().
 *
 * Returns: %TRUE on success; %FALSE with @error set when the file cannot
 *   be read, is not one of these, or holds no place
 */
gboolean
chronomap_gazetteer_builder_add_file (ChronomapGazetteerBuilder  *builder,
                                      const char                 *path,
                                      GError                    **error)
{
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *basename = g_path_get_basename (path);
  GError *local_error = NULL;
  enum { FMT_UNKNOWN, FMT_GEONAMES, FMT_CSV, FMT_TSV } format = FMT_UNKNOWN;
  Source source = { .basename = basename, .alt_sep = '|' };
  int *cols = source.cols;
  guint line_no = 0;
  char *line;

  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lines = open_lines (path, error);
  if (lines == NULL)
    return FALSE;

  for (guint i = 0; i < N_COLS; i++)
    cols[i] = -1;

  while ((line = read_line (lines, &local_error)) != NULL)
    {
      g_autofree char *record = line;
      guint record_line;

      line_no++;
      record_line = line_no;
      /* spreadsheets save CSV with a byte order mark */
      if (line_no == 1 && g_str_has_prefix (record, "\xef\xbb\xbf"))
        memmove (record, record + 3, strlen (record + 3) + 1);
      if (record[0] == '\0')
        continue;

      if (format == FMT_UNKNOWN)
        {
          /* The first line that is not a comment decides the delimiter
           * for the whole file: deciding it again for each row read a
           * tab-separated file's rows as CSV. */
          gboolean tabs = strchr (record, '\t') != NULL;

          /* a comment, unless a tab-separated header (the bundled
           * sources' start with "#") */
          if (record[0] == '#' && !tabs)
            continue;

          if (tabs)
            split_tsv (record, fields);
          else
            split_csv (record, fields, NULL);

          if (tabs && fields->len == 19 &&
              g_ascii_isdigit (((const char *) g_ptr_array_index (fields, 0))[0]))
            {
              /* GeoNames: geonameid name asciiname alternatenames latitude
               * longitude fclass fcode country cc2 admin1 ... population */
              static const int geonames_cols[N_COLS] = { 0, 1, 4, 5, 8, 10, 7, 14, 3 };

              memcpy (cols, geonames_cols, sizeof source.cols);
              format = FMT_GEONAMES;
              source.alt_sep = ',';
              source.id_prefix = "geonames:";
              add_row (builder, &source, fields, record_line);
              continue;
            }

          for (guint i = 0; i < fields->len; i++)
            {
              int col = column_for (g_ptr_array_index (fields, i));

              if (col >= 0 && cols[col] < 0)
                cols[col] = i;
            }
          if (cols[COL_NAME] < 0 || cols[COL_LAT] < 0 || cols[COL_LON] < 0)
            {
              g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                           "%s: line %u: not a GeoNames dump, nor a gazetteer with columns "
                           "name, latitude, longitude", basename, line_no);
              return FALSE;
            }
          format = tabs ? FMT_TSV : FMT_CSV;
          if (record[0] == '#')
            {
              const char *first = g_ptr_array_index (fields, 0);

              /* the bundled sources: cities500 ids are GeoNames ids, the
               * countries table's code is a country */
              if (strcmp (first, "#geonameid") == 0)
                source.id_prefix = "geonames:";
              else if (strcmp (first, "#code") == 0)
                {
                  source.id_prefix = "country:";
                  source.fixed_feature = "PCLI";
                  cols[COL_COUNTRY] = cols[COL_ID];
                }
            }
          continue;
        }

      if (record[0] == '#')
        continue;

      if (format == FMT_CSV)
        {
          g_autoptr(GString) full = g_string_new (record);
          const char *open_quote = NULL;

          /* A quoted field may hold newlines; one whose closing quote is
           * missing would take every row after it, so it is an error
           * that names the line where the field began. */
          while (!split_csv (full->str, fields, &open_quote))
            {
              g_autofree char *more = read_line (lines, &local_error);
              g_autofree char *how = NULL;
              guint quote_line = record_line;

              if (more != NULL && full->len + 1 + strlen (more) <= MAX_LINE_LENGTH)
                {
                  line_no++;
                  g_string_append_c (full, '\n');
                  g_string_append (full, more);
                  continue;
                }
              if (local_error != NULL)
                break;

              for (const char *p = full->str; p < open_quote; p++)
                if (*p == '\n')
                  quote_line++;
              how = more == NULL ? g_strdup ("runs to the end of the file") :
                                   g_strdup_printf ("runs on for more than %u MiB",
                                                    MAX_LINE_LENGTH / (1024 * 1024));
              g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                           "%s:%u: missing closing quote: the quoted field starting here %s",
                           basename, quote_line, how);
              return FALSE;
            }
          /* a read error ends the file: the first error is the one to tell */
          if (local_error != NULL)
            break;
        }
      else
        split_tsv (record, fields);

      add_row (builder, &source, fields, record_line);
    }

  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, local_error, "%s: line %u: ", basename, line_no + 1);
      return FALSE;
    }
  if (source.n_added == 0)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "%s: no place with a name and valid coordinates", basename);
      return FALSE;
    }

  return TRUE;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* the keys of @table, sorted, borrowed from it */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

static guint32
hash_size_for (guint32 n)
{
  guint32 size = 16;

  /* at most half full, so probes stay short */
  while (size < n * 2)
    size <<= 1;
  return size;
}

static void
fill_hash (guint32       *table,
           guint32        size,
           const GPtrArray *keys)
{
  for (guint i = 0; i < keys->len; i++)
    {
      guint32 h = gaz_hash (g_ptr_array_index (keys, i)) & (size - 1);

      while (table[h] != 0)
        h = (h + 1) & (size - 1);
      table[h] = i + 1;
    }
}

static void
pad8 (GByteArray *out)
{
  static const guint8 zeros[8] = { 0 };

  if (out->len % 8 != 0)
    g_byte_array_append (out, zeros, 8 - out->len % 8);
}

/* One level of the index: sorted keys, each with a run of postings, and a
 * hash table over the keys. */
typedef struct
{
  GPtrArray *keys;        /* borrowed strings, sorted */
  GazKey    *table;       /* keys->len + 1, the last a sentinel */
  GArray    *postings;    /* guint32 */
  guint32   *hash;
  guint32    hash_size;
} Level;

static void
level_clear (Level *level)
{
  g_clear_pointer (&level->keys, g_ptr_array_unref);
  g_clear_pointer (&level->table, g_free);
  g_clear_pointer (&level->postings, g_array_unref);
  g_clear_pointer (&level->hash, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Level, level_clear)

/* @map: key -> GArray of guint32 postings */
static void
level_build (ChronomapGazetteerBuilder *builder,
             Level                     *level,
             GHashTable                *map)
{
  level->keys = sorted_keys (map);
  level->table = g_new0 (GazKey, level->keys->len + 1);
  level->postings = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < level->keys->len; i++)
    {
      const char *key = g_ptr_array_index (level->keys, i);
      GArray *list = g_hash_table_lookup (map, key);

      level->table[i].str_off = intern (builder, key, FALSE);
      level->table[i].post_start = level->postings->len;
      g_array_append_vals (level->postings, list->data, list->len);
    }
  level->table[level->keys->len].post_start = level->postings->len;

  level->hash_size = hash_size_for (level->keys->len);
  level->hash = g_new0 (guint32, level->hash_size);
  fill_hash (level->hash, level->hash_size, level->keys);
}

static void
map_add (GHashTable *map,
         const char *key,
         guint32     value)
{
  GArray *list = g_hash_table_lookup (map, key);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_hash_table_insert (map, g_strdup (key), list);
    }
  g_array_append_val (list, value);
}

static void
level_write (GByteArray  *out,
             const Level *level,
             guint64     *off_keys,
             guint64     *off_postings,
             guint64     *off_hash)
{
  pad8 (out);
  *off_keys = out->len;
  g_byte_array_append (out, (const guint8 *) level->table,
                       (level->keys->len + 1) * sizeof (GazKey));
  *off_postings = out->len;
  g_byte_array_append (out, (const guint8 *) level->postings->data,
                       level->postings->len * sizeof (guint32));
  pad8 (out);
  *off_hash = out->len;
  g_byte_array_append (out, (const guint8 *) level->hash, level->hash_size * sizeof (guint32));
}

static int
cmp_guint32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Appends the entries name key @key names to @entries. */
static void
append_entries (const Level *norm,
                guint32      key,
                GArray      *entries)
{
  for (guint32 p = norm->table[key].post_start; p < norm->table[key + 1].post_start; p++)
    {
      guint32 entry = g_array_index (norm->postings, guint32, p) >> 2;

      g_array_append_val (entries, entry);
    }
}

/* How many distinct entries @entries holds; sorts it. */
static guint
count_distinct (GArray *entries)
{
  guint n = 0;

  g_array_sort (entries, cmp_guint32);
  for (guint i = 0; i < entries->len; i++)
    if (i == 0 || g_array_index (entries, guint32, i) != g_array_index (entries, guint32, i - 1))
      n++;
  return n;
}

/* For each name key, whether the other keys of its fold name no entry it
 * does not (GAZ_FEATURE_FOLD_ALONE): as a key names a subset of its
 * fold's entries, whether it names as many distinct entries as the fold. */
static guint8 *
fold_alone_bitmap (const Level *norm,
                   const Level *fold)
{
  guint8 *bits = g_new0 (guint8, (norm->keys->len + 7) / 8);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint f = 0; f < fold->keys->len; f++)
    {
      guint32 start = fold->table[f].post_start;
      guint32 end = fold->table[f + 1].post_start;
      guint n_fold;

      g_array_set_size (entries, 0);
      for (guint32 p = start; p < end; p++)
        append_entries (norm, g_array_index (fold->postings, guint32, p), entries);
      n_fold = count_distinct (entries);

      for (guint32 p = start; p < end; p++)
        {
          guint32 key = g_array_index (fold->postings, guint32, p);

          g_array_set_size (entries, 0);
          append_entries (norm, key, entries);
          if (end - start == 1 || count_distinct (entries) == n_fold)
            bits[key >> 3] |= (guint8) (1u << (key & 7));
        }
    }
  return bits;
}

/**
 * chronomap_gazetteer_builder_write:
 * @builder: a builder
 * @path: where to write the compiled gazetteer; replaced atomically
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
chronomap_gazetteer_builder_write (ChronomapGazetteerBuilder  *builder,
                                   const char                 *path,
                                   GError                    **error)
{
  g_autoptr(GHashTable) norm_map = NULL;
  g_autoptr(GHashTable) fold_map = NULL;
  g_autoptr(GHashTable) skel_map = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree guint32 *remap = NULL;
  g_autoptr(GArray) entries = NULL;
  g_auto(Level) norm = { 0 };
  g_auto(Level) fold = { 0 };
  g_auto(Level) skel = { 0 };
  g_autofree guint8 *fold_alone = NULL;
  GazHeader header = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  guint32 n_entries;
  guint32 n_countries = 0;

  g_return_val_if_fail (builder != NULL, FALSE);

  n_entries = builder->entries->len;

  /* Countries first, so that a reader can list them without a scan. */
  remap = g_new (guint32, MAX (n_entries, 1));
  entries = g_array_sized_new (FALSE, FALSE, sizeof (GazEntry), n_entries);
  for (guint pass = 0; pass < 2; pass++)
    for (guint32 i = 0; i < n_entries; i++)
      {
        const GazEntry *e = &g_array_index (builder->entries, GazEntry, i);
        gboolean is_country = e->precision == CHRONOMAP_PRECISION_COUNTRY;

        if ((pass == 0) != is_country)
          continue;
        remap[i] = entries->len;
        g_array_append_vals (entries, e, 1);
        if (pass == 0)
          n_countries++;
      }

  /* name keys -> entries, with the entries renumbered */
  norm_map = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, posting_array_free);
  g_hash_table_iter_init (&iter, builder->norm);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *postings = value;
      GArray *renumbered = g_array_sized_new (FALSE, FALSE, sizeof (guint32), postings->len);

      for (guint j = 0; j < postings->len; j++)
        {
          guint32 p = g_array_index (postings, guint32, j);
          guint32 q = remap[p >> 2] << 2 | (p & 3u);

          g_array_append_val (renumbered, q);
        }
      g_hash_table_insert (norm_map, key, renumbered);
    }
  level_build (builder, &norm, norm_map);

  /* folds -> name keys */
  fold_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, posting_array_free);
  for (guint i = 0; i < norm.keys->len; i++)
    {
      g_autofree char *f = chronomap_normalize_fold (g_ptr_array_index (norm.keys, i));

      map_add (fold_map, f, i);
    }
  level_build (builder, &fold, fold_map);

  /* skeletons -> folds */
  skel_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, posting_array_free);
  for (guint i = 0; i < fold.keys->len; i++)
    {
      g_autofree char *k = chronomap_normalize_skeleton (g_ptr_array_index (fold.keys, i));

      if (k[0] != '\0')
        map_add (skel_map, k, i);
    }
  level_build (builder, &skel, skel_map);
  fold_alone = fold_alone_bitmap (&norm, &fold);

  header.label_off = intern (builder, builder->label, FALSE);
  if (builder->pool->len >= G_MAXUINT32)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                   "%s: gazetteer too large", path);
      return FALSE;
    }

  header.version = GAZ_VERSION;
  header.n_entries = n_entries;
  header.n_countries = n_countries;
  header.n_norm_keys = norm.keys->len;
  header.n_norm_postings = norm.postings->len;
  header.norm_hash_size = norm.hash_size;
  header.n_fold_keys = fold.keys->len;
  header.n_fold_postings = fold.postings->len;
  header.fold_hash_size = fold.hash_size;
  header.n_skel_keys = skel.keys->len;
  header.n_skel_postings = skel.postings->len;
  header.skel_hash_size = skel.hash_size;
  header.strings_size = builder->pool->len;
  header.features = GAZ_FEATURE_FOLD_ALONE;

  g_byte_array_append (out, (const guint8 *) &header, sizeof header);
  pad8 (out);
  header.off_entries = out->len;
  g_byte_array_append (out, (const guint8 *) entries->data, n_entries * sizeof (GazEntry));
  level_write (out, &norm, &header.off_norm_keys, &header.off_norm_postings,
               &header.off_norm_hash);
  level_write (out, &fold, &header.off_fold_keys, &header.off_fold_postings,
               &header.off_fold_hash);
  level_write (out, &skel, &header.off_skel_keys, &header.off_skel_postings,
               &header.off_skel_hash);
  pad8 (out);
  g_byte_array_append (out, fold_alone, (norm.keys->len + 7) / 8);
  header.off_strings = out->len;
  g_byte_array_append (out, (const guint8 *) builder->pool->str, builder->pool->len);

  memcpy (header.magic, GAZ_MAGIC, sizeof header.magic);
  memcpy (out->data, &header, sizeof header);

  /* The format is little-endian; so far it is only written on such hosts. */
  G_STATIC_ASSERT (G_BYTE_ORDER == G_LITTLE_ENDIAN);

  return g_file_set_contents (path, (const char *) out->data, out->len, error);
}

/**
 * chronomap_gazetteer_user_name_for:
 * @source: a file given to `gazetteer add`
 *
 * Returns: (transfer full): the name its gazetteer gets: the file's base
 *   name without extensions, reduced to letters, digits, "-" and "_"
 */
char *
chronomap_gazetteer_user_name_for (const char *source)
{
  g_autofree char *base = g_path_get_basename (source);
  char *dot = strchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  for (char *p = base; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      *p = '_';
  return g_steal_pointer (&base);
}
