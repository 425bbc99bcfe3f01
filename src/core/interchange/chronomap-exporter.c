/* chronomap-exporter.c: writing events to GeoJSON, CSV, KML and GeoPackage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-exporter"

#include "config.h"

#include "chronomap-exporter.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "chronomap-date.h"
#include "chronomap-error.h"
#include "chronomap-paths.h"
#include "chronomap-interchange-private.h"
#include "chronomap-json.h"
#include "chronomap-main-context.h"

#define FLUSH_SIZE (64 * 1024)

/* SQLite allows 2,000 columns a table; the GeoPackage's own take 29. */
#define GPKG_MAX_ATTRIBUTE_COLUMNS 1900

/* The columns read, in this order; optional ones may be missing from a
 * file another tool wrote and are read as NULL. */
typedef enum
{
  C_ID,
  C_EXTERNAL_ID,
  C_DATE_START,
  C_DATE_END,
  C_DATE_PRECISION,
  C_EVENT_TYPE,
  C_SUB_EVENT_TYPE,
  C_ACTOR1,
  C_ACTOR2,
  C_LOCATION,
  C_COUNTRY,
  C_ADMIN1,
  C_ADMIN2,
  C_LATITUDE,
  C_LONGITUDE,
  C_GEO_PRECISION,
  C_GEO_SOURCE,
  C_FATALITIES,
  C_FATALITIES_LOW,
  C_FATALITIES_HIGH,
  C_NOTES,
  C_QUOTE,
  C_ATTRIBUTES,
  C_SOURCE_TITLE,
  C_SOURCE_PUBLISHER,
  C_SOURCE_URL,
  C_SOURCE_PUBLISHED,
  C_SOURCE_TEXT,
  N_COLUMNS
} Column;

static const char * const event_columns[] = {
  [C_ID] = "id",
  [C_EXTERNAL_ID] = "external_id",
  [C_DATE_START] = "date_start",
  [C_DATE_END] = "date_end",
  [C_DATE_PRECISION] = "date_precision",
  [C_EVENT_TYPE] = "event_type",
  [C_SUB_EVENT_TYPE] = "sub_event_type",
  [C_ACTOR1] = "actor1",
  [C_ACTOR2] = "actor2",
  [C_LOCATION] = "location",
  [C_COUNTRY] = "country",
  [C_ADMIN1] = "admin1",
  [C_ADMIN2] = "admin2",
  [C_LATITUDE] = "latitude",
  [C_LONGITUDE] = "longitude",
  [C_GEO_PRECISION] = "geo_precision",
  [C_GEO_SOURCE] = "geo_source",
  [C_FATALITIES] = "fatalities",
  [C_FATALITIES_LOW] = "fatalities_low",
  [C_FATALITIES_HIGH] = "fatalities_high",
  [C_NOTES] = "notes",
  [C_QUOTE] = "quote",
  [C_ATTRIBUTES] = "attributes",
};

static const char * const source_columns[] = {
  [C_SOURCE_TITLE] = "title",
  [C_SOURCE_PUBLISHER] = "publisher",
  [C_SOURCE_URL] = "url",
  [C_SOURCE_PUBLISHED] = "published",
  [C_SOURCE_TEXT] = "full_text",
};

/* One event as read, with its period worked out. */
typedef struct
{
  const char             *text[N_COLUMNS];
  /* the text of each attribute key (Exporter.attr_keys), or NULL */
  const char            **attr;
  gint32                  first_day;
  gint32                  last_day;
  ChronomapDatePrecision  precision;
  gboolean                has_position;
  double                  latitude;
  double                  longitude;
  char                    latitude_text[G_ASCII_DTOSTR_BUF_SIZE];
  char                    longitude_text[G_ASCII_DTOSTR_BUF_SIZE];
} Row;

typedef struct _Exporter Exporter;

typedef struct
{
  gboolean (*begin) (Exporter *ex, GError **error);
  gboolean (*row)   (Exporter *ex, const Row *row, GError **error);
  gboolean (*end)   (Exporter *ex, GError **error);
} ExportClass;

struct _Exporter
{
  const ExportClass *klass;
  ChronomapDatabase *db;
  const char        *display_name;
  char              *tmp_path;
  FILE              *out;
  GString           *buf;
  /* the row's text that had to be made valid UTF-8 */
  GPtrArray         *valid_text;
  guint64            n_rows;
  /* the attribute keys of the file's events, which of them this format
   * writes, and under which name (the key, or "country_2" for a key that
   * is one of the format's own names) */
  GPtrArray         *attr_keys;
  GHashTable        *attr_index;     /* key → its index + 1 */
  gboolean          *attr_written;
  GPtrArray         *attr_names;
  const char       **attr_values;
  GPtrArray         *attr_pairs;     /* the current row's, parsed */
  /* GeoPackage */
  sqlite3           *gpkg;
  sqlite3_stmt      *gpkg_insert;
  gboolean           gpkg_all_attributes;   /* too many keys for columns */
  double             min_x, min_y, max_x, max_y;
};

gboolean
chronomap_export_format_from_string (const char            *text,
                                     ChronomapExportFormat *out_format)
{
  static const char * const names[] = { "geojson", "csv", "kml", "gpkg" };

  g_return_val_if_fail (out_format != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *out_format = (ChronomapExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * chronomap_export_format_from_path:
 * @path: a file name
 * @out_format: (out): the format its suffix names
 *
 * The format a file's name asks for: .geojson or .json, .csv, .kml, .gpkg.
 *
 * Returns: %FALSE when the suffix names none
 */
gboolean
chronomap_export_format_from_path (const char            *path,
                                   ChronomapExportFormat *out_format)
{
  const char *dot;

  g_return_val_if_fail (out_format != NULL, FALSE);

  if (path == NULL || (dot = strrchr (path, '.')) == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot + 1, "json") == 0)
    {
      *out_format = CHRONOMAP_EXPORT_GEOJSON;
      return TRUE;
    }
  return chronomap_export_format_from_string (dot + 1, out_format);
}

/* Is @path the database file itself (or a link to it)?  Writing there
 * would replace the user's events with the export. */
static gboolean
is_database_file (ChronomapDatabase *db,
                  const char        *path)
{
  return chronomap_paths_same_file (chronomap_database_get_path (db), path);
}

static gboolean
flush (Exporter  *ex,
       gboolean   all,
       GError   **error)
{
  if (ex->buf->len == 0 || (!all && ex->buf->len < FLUSH_SIZE))
    return TRUE;
  if (fwrite (ex->buf->str, 1, ex->buf->len, ex->out) != ex->buf->len)
    {
      int saved_errno = errno;

      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED, "%s: cannot be written: %s",
                   ex->display_name, g_strerror (saved_errno));
      return FALSE;
    }
  g_string_truncate (ex->buf, 0);
  return TRUE;
}

static void
format_day (gint32  day,
            char    buf[16])
{
  chronomap_date_format_buf (day, CHRONOMAP_DATE_PRECISION_DAY, buf);
}

/* A single day, a month or a year is one date; anything else a span. */
static gboolean
is_single_period (const Row *row)
{
  return row->last_day == chronomap_date_period_end (row->first_day, row->precision);
}

/* Attributes: what the imported rows held beyond the events table's
 * columns (ACLED's assoc_actor_1, admin3, tags, …), written back out. */

/* ACLED's own order, so that its columns come out where analysts expect
 * them; other keys follow in the order they were first seen. */
static const char * const acled_order[] = {
  "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
  "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
  "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
  "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
  "fatalities", "tags", "timestamp",
};

static guint
acled_rank (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (acled_order); i++)
    if (strcmp (acled_order[i], key) == 0)
      return i;
  return G_N_ELEMENTS (acled_order);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;
  guint rx = acled_rank (x), ry = acled_rank (y);

  return (rx > ry) - (rx < ry);
}

/* The keys of every event's attributes, in ACLED's order and then in the
 * order first seen (g_ptr_array_sort is stable).  Attributes that are not
 * a flat JSON object (a foreign file's) are left out. */
static GPtrArray *
load_attribute_keys (ChronomapDatabase  *db,
                     GHashTable         *index,
                     GError            **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *last = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!chronomap_database_has_column (db, "events", "attributes"))
    return g_steal_pointer (&keys);
  if (sqlite3_prepare_v2 (chronomap_database_get_handle (db),
                          "SELECT attributes FROM events WHERE attributes IS NOT NULL", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (db, error, "cannot be read");
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      /* Rows of one data set often share their attributes' keys and
       * values alike. */
      if (text == NULL || g_strcmp0 (text, last) == 0)
        continue;
      g_free (last);
      last = g_strdup (text);
      g_ptr_array_set_size (pairs, 0);
      chronomap_json_parse_flat_object (text, pairs);
      for (guint i = 0; i + 1 < pairs->len; i += 2)
        {
          const char *key = g_ptr_array_index (pairs, i);

          if (!g_hash_table_contains (seen, key))
            {
              char *copy = g_strdup (key);

              g_ptr_array_add (keys, copy);
              g_hash_table_add (seen, copy);
            }
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      chronomap_database_set_error (db, error, "cannot be read");
      return NULL;
    }
  g_ptr_array_sort (keys, compare_keys);

  /* Keys that differ in case only (GDELT's "Year", ACLED's "year") are one
   * column: neither SQLite's columns nor the importers tell them apart. */
  {
    g_autoptr(GPtrArray) unique = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GHashTable) folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint k = 0; k < keys->len; k++)
      {
        const char *key = g_ptr_array_index (keys, k);
        char *lower = g_ascii_strdown (key, -1);
        gpointer found = g_hash_table_lookup (folded, lower);

        if (found == NULL)
          {
            g_ptr_array_add (unique, g_strdup (key));
            found = GUINT_TO_POINTER (unique->len);
            g_hash_table_insert (folded, lower, found);
          }
        else
          g_free (lower);
        g_hash_table_insert (index, g_strdup (key), found);
      }
    return g_steal_pointer (&unique);
  }
}

static gboolean
name_taken (Exporter           *ex,
            const char * const *names,
            gsize               n_names,
            const char         *name)
{
  for (gsize i = 0; i < n_names; i++)
    if (names[i] != NULL && g_ascii_strcasecmp (names[i], name) == 0)
      return TRUE;
  for (guint k = 0; k < ex->attr_keys->len; k++)
    if (g_ascii_strcasecmp (g_ptr_array_index (ex->attr_keys, k), name) == 0)
      return TRUE;
  for (guint k = 0; k < ex->attr_names->len; k++)
    if (g_ascii_strcasecmp (g_ptr_array_index (ex->attr_names, k), name) == 0)
      return TRUE;
  return FALSE;
}

/* Names the keys the format writes.  A key that is one of its own @names
 * (a "country" kept for a country no code was found for, beside the
 * format's own "country" column) is written as "country_2", as GIS tools
 * name a second field of a name: never left out. */
static void
choose_attributes (Exporter           *ex,
                   const char * const *names,
                   gsize               n_names)
{
  g_ptr_array_set_size (ex->attr_names, 0);
  for (guint k = 0; k < ex->attr_keys->len; k++)
    {
      const char *key = g_ptr_array_index (ex->attr_keys, k);
      gboolean own = FALSE;
      char *name;

      for (gsize i = 0; i < n_names && !own; i++)
        own = names[i] != NULL && g_ascii_strcasecmp (names[i], key) == 0;
      if (!own)
        name = g_strdup (key);
      else
        for (guint n = 2;; n++)
          {
            name = g_strdup_printf ("%s_%u", key, n);
            if (!name_taken (ex, names, n_names, name))
              break;
            g_free (name);
          }
      ex->attr_written[k] = TRUE;
      g_ptr_array_add (ex->attr_names, name);
    }
}

/* GeoJSON with JSON-FG. */

static const char * const geojson_names[] = {
  "id", "date_start", "date_end", "date_precision", "event_type", "sub_event_type", "actor1",
  "actor2", "location", "country_code", "admin1", "admin2", "geo_precision", "geo_source",
  "fatalities", "fatalities_low", "fatalities_high", "notes", "quote", "source", "source_title",
  "source_url", "source_published", "source_text",
};

static gboolean
geojson_begin (Exporter  *ex,
               GError   **error)
{
  choose_attributes (ex, geojson_names, G_N_ELEMENTS (geojson_names));
  g_string_append (ex->buf,
                   "{\n\"type\": \"FeatureCollection\",\n"
                   "\"conformsTo\": [\"http://www.opengis.net/spec/json-fg-1/0.2/conf/core\"],\n"
                   "\"features\": [");
  return TRUE;
}

static void
json_member_string (GString    *out,
                    const char *key,
                    const char *value,
                    gboolean   *first)
{
  if (value == NULL)
    return;
  if (!*first)
    g_string_append (out, ", ");
  chronomap_json_append_string (out, key);
  g_string_append (out, ": ");
  chronomap_json_append_string (out, value);
  *first = FALSE;
}

/* A count: a foreign file may hold any text in its column, so only an
 * integer is written, and anything else as null. */
static void
json_member_integer (GString    *out,
                     const char *key,
                     const char *value,
                     gboolean   *first)
{
  gint64 n;
  double d;
  char *end = NULL;

  if (value == NULL)
    return;
  g_string_append_printf (out, "%s\"%s\": ", *first ? "" : ", ", key);
  *first = FALSE;
  if (g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &n, NULL))
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, n);
      return;
    }
  /* a REAL column's 3.0 */
  errno = 0;
  d = g_ascii_strtod (value, &end);
  if (value[0] != '\0' && end != NULL && *end == '\0' && errno == 0 &&
      isfinite (d) && d == floor (d) && fabs (d) < 9e15)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) d);
  else
    g_string_append (out, "null");
}

static gboolean
geojson_row (Exporter   *ex,
             const Row  *row,
             GError    **error)
{
  GString *out = ex->buf;
  char first[16], last[16];
  gboolean first_member = TRUE;

  g_string_append (out, ex->n_rows > 0 ? ",\n" : "\n");
  g_string_append (out, "{\"type\": \"Feature\", ");
  if (row->text[C_EXTERNAL_ID] != NULL)
    {
      g_string_append (out, "\"id\": ");
      chronomap_json_append_string (out, row->text[C_EXTERNAL_ID]);
      g_string_append (out, ", ");
    }

  if (row->has_position)
    g_string_append_printf (out, "\"geometry\": {\"type\": \"Point\", \"coordinates\": [%s, %s]}, ",
                            row->longitude_text, row->latitude_text);
  else
    g_string_append (out, "\"geometry\": null, ");

  /* JSON-FG's time: a date, or an interval of whole days. */
  format_day (row->first_day, first);
  format_day (row->last_day, last);
  if (row->first_day == row->last_day)
    g_string_append_printf (out, "\"time\": {\"date\": \"%s\"}, ", first);
  else
    g_string_append_printf (out, "\"time\": {\"interval\": [\"%s\", \"%s\"]}, ", first, last);

  g_string_append (out, "\"properties\": {");
  json_member_string (out, "date_start", row->text[C_DATE_START], &first_member);
  json_member_string (out, "date_end", row->text[C_DATE_END], &first_member);
  json_member_string (out, "date_precision", chronomap_date_precision_to_string (row->precision),
                      &first_member);
  json_member_string (out, "event_type", row->text[C_EVENT_TYPE], &first_member);
  json_member_string (out, "sub_event_type", row->text[C_SUB_EVENT_TYPE], &first_member);
  json_member_string (out, "actor1", row->text[C_ACTOR1], &first_member);
  json_member_string (out, "actor2", row->text[C_ACTOR2], &first_member);
  json_member_string (out, "location", row->text[C_LOCATION], &first_member);
  json_member_string (out, "country_code", row->text[C_COUNTRY], &first_member);
  json_member_string (out, "admin1", row->text[C_ADMIN1], &first_member);
  json_member_string (out, "admin2", row->text[C_ADMIN2], &first_member);
  json_member_string (out, "geo_precision", row->text[C_GEO_PRECISION], &first_member);
  json_member_string (out, "geo_source", row->text[C_GEO_SOURCE], &first_member);
  json_member_integer (out, "fatalities", row->text[C_FATALITIES], &first_member);
  json_member_integer (out, "fatalities_low", row->text[C_FATALITIES_LOW], &first_member);
  json_member_integer (out, "fatalities_high", row->text[C_FATALITIES_HIGH], &first_member);
  json_member_string (out, "notes", row->text[C_NOTES], &first_member);
  json_member_string (out, "quote", row->text[C_QUOTE], &first_member);
  json_member_string (out, "source", row->text[C_SOURCE_PUBLISHER], &first_member);
  json_member_string (out, "source_title", row->text[C_SOURCE_TITLE], &first_member);
  json_member_string (out, "source_url", row->text[C_SOURCE_URL], &first_member);
  json_member_string (out, "source_published", row->text[C_SOURCE_PUBLISHED], &first_member);
  json_member_string (out, "source_text", row->text[C_SOURCE_TEXT], &first_member);
  for (guint k = 0; k < ex->attr_keys->len; k++)
    if (ex->attr_written[k])
      json_member_string (out, g_ptr_array_index (ex->attr_names, k), row->attr[k], &first_member);
  g_string_append (out, "}}");
  return TRUE;
}

static gboolean
geojson_end (Exporter  *ex,
             GError   **error)
{
  g_string_append (ex->buf, "\n]\n}\n");
  return TRUE;
}

static const ExportClass geojson_class = { geojson_begin, geojson_row, geojson_end };

/* CSV with ACLED's names. */

static const char * const csv_header[] = {
  /* ACLED's */
  "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
  "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
  "source", "notes", "fatalities",
  /* Chronomap's, so a round trip loses nothing */
  "date_start", "date_end", "date_precision", "country_code", "geo_source", "fatalities_low",
  "fatalities_high", "quote", "source_title", "source_url", "source_published", "location_precision",
  "source_text",
};

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  if (value != NULL)
    {
      gsize len = strlen (value);

      if (strpbrk (value, ",\"\r\n") != NULL ||
          (len > 0 && (g_ascii_isspace (value[0]) || g_ascii_isspace (value[len - 1]))))
        {
          g_string_append_c (out, '"');
          for (const char *p = value; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      else
        g_string_append_len (out, value, len);
    }
  g_string_append (out, last ? "\r\n" : ",");
}

static gboolean
csv_begin (Exporter  *ex,
           GError   **error)
{
  choose_attributes (ex, csv_header, G_N_ELEMENTS (csv_header));
  for (guint i = 0; i < G_N_ELEMENTS (csv_header); i++)
    csv_field (ex->buf, csv_header[i], FALSE);
  for (guint k = 0; k < ex->attr_keys->len; k++)
    if (ex->attr_written[k])
      csv_field (ex->buf, g_ptr_array_index (ex->attr_names, k), FALSE);
  /* the separator after the last field becomes the line end */
  g_string_truncate (ex->buf, ex->buf->len - 1);
  g_string_append (ex->buf, "\r\n");
  return TRUE;
}

static gboolean
csv_row (Exporter   *ex,
         const Row  *row,
         GError    **error)
{
  GString *out = ex->buf;
  char event_date[16], year[8];
  const char *time_precision;
  const char *geo_precision = row->text[C_GEO_PRECISION];
  const char *location_precision;
  const char *country_name = chronomap_interchange_country_name (row->text[C_COUNTRY]);
  int y, m, d;

  /* ACLED's time_precision: 1 a day, 2 a week given by its middle day,
   * 3 a month given by its 15th. */
  if (row->precision == CHRONOMAP_DATE_PRECISION_DAY && row->last_day - row->first_day == 6)
    {
      format_day (row->first_day + 3, event_date);
      time_precision = "2";
    }
  else if (row->precision == CHRONOMAP_DATE_PRECISION_DAY)
    {
      format_day (row->first_day, event_date);
      time_precision = "1";
    }
  else
    {
      chronomap_date_to_ymd (row->first_day, &y, &m, &d);
      format_day (chronomap_date_from_ymd (y, m, 15), event_date);
      time_precision = "3";
    }
  chronomap_date_to_ymd (row->first_day, &y, &m, &d);
  g_snprintf (year, sizeof year, "%d", y);

  /* ACLED's column holds ACLED's codes only (a column of numbers for
   * pandas and R): a district rounds to 2, a feature or the country to 3;
   * location_precision keeps the word */
  location_precision = chronomap_geo_precision_from_string (geo_precision, NULL) ? geo_precision : NULL;
  if (g_strcmp0 (geo_precision, "exact") == 0)
    geo_precision = "1";
  else if (g_strcmp0 (geo_precision, "near") == 0 || g_strcmp0 (geo_precision, "admin2") == 0)
    geo_precision = "2";
  else if (g_strcmp0 (geo_precision, "admin1") == 0 || g_strcmp0 (geo_precision, "feature") == 0 ||
           g_strcmp0 (geo_precision, "country") == 0)
    geo_precision = "3";

  csv_field (out, row->text[C_EXTERNAL_ID], FALSE);
  csv_field (out, event_date, FALSE);
  csv_field (out, year, FALSE);
  csv_field (out, time_precision, FALSE);
  csv_field (out, row->text[C_EVENT_TYPE], FALSE);
  csv_field (out, row->text[C_SUB_EVENT_TYPE], FALSE);
  csv_field (out, row->text[C_ACTOR1], FALSE);
  csv_field (out, row->text[C_ACTOR2], FALSE);
  csv_field (out, country_name != NULL ? country_name : row->text[C_COUNTRY], FALSE);
  csv_field (out, row->text[C_ADMIN1], FALSE);
  csv_field (out, row->text[C_ADMIN2], FALSE);
  csv_field (out, row->text[C_LOCATION], FALSE);
  csv_field (out, row->has_position ? row->text[C_LATITUDE] : NULL, FALSE);
  csv_field (out, row->has_position ? row->text[C_LONGITUDE] : NULL, FALSE);
  csv_field (out, geo_precision, FALSE);
  csv_field (out, row->text[C_SOURCE_PUBLISHER], FALSE);
  csv_field (out, row->text[C_NOTES], FALSE);
  csv_field (out, row->text[C_FATALITIES], FALSE);
  csv_field (out, row->text[C_DATE_START], FALSE);
  csv_field (out, row->text[C_DATE_END], FALSE);
  csv_field (out, chronomap_date_precision_to_string (row->precision), FALSE);
  csv_field (out, row->text[C_COUNTRY], FALSE);
  csv_field (out, row->text[C_GEO_SOURCE], FALSE);
  csv_field (out, row->text[C_FATALITIES_LOW], FALSE);
  csv_field (out, row->text[C_FATALITIES_HIGH], FALSE);
  csv_field (out, row->text[C_QUOTE], FALSE);
  csv_field (out, row->text[C_SOURCE_TITLE], FALSE);
  csv_field (out, row->text[C_SOURCE_URL], FALSE);
  csv_field (out, row->text[C_SOURCE_PUBLISHED], FALSE);
  csv_field (out, location_precision, FALSE);
  csv_field (out, row->text[C_SOURCE_TEXT], FALSE);
  for (guint k = 0; k < ex->attr_keys->len; k++)
    if (ex->attr_written[k])
      csv_field (out, row->attr[k], FALSE);
  g_string_truncate (out, out->len - 1);
  g_string_append (out, "\r\n");
  return TRUE;
}

static gboolean
csv_end (Exporter  *ex,
         GError   **error)
{
  return TRUE;
}

static const ExportClass csv_class = { csv_begin, csv_row, csv_end };

/* KML 2.2: Google Earth's time slider plays TimeStamp and TimeSpan. */

/* @text as XML 1.0 character data or an attribute value.  Control
 * characters other than tab and line breaks have no place in XML 1.0,
 * not even as references (g_markup_escape_text() writes "&#x1;", which
 * Google Earth and QGIS reject): each becomes U+FFFD, so the reader sees
 * that something was there. */
static void
xml_text (GString    *out,
          const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\'': g_string_append (out, "&apos;"); break;
      case '\t': case '\n': case '\r': g_string_append_c (out, *p); break;
      default:
        if ((guchar) *p < 0x20)
          g_string_append (out, "\xEF\xBF\xBD");
        else
          g_string_append_c (out, *p);
      }
}

static void
kml_data (GString    *out,
          const char *name,
          const char *value)
{
  if (value == NULL)
    return;
  g_string_append (out, "<Data name=\"");
  xml_text (out, name);
  g_string_append (out, "\"><value>");
  xml_text (out, value);
  g_string_append (out, "</value></Data>");
}

static const char * const kml_names[] = {
  "external_id", "date_start", "date_end", "date_precision", "event_type", "sub_event_type",
  "actor1", "actor2", "location", "country", "admin1", "admin2", "geo_precision", "fatalities",
  "source", "source_url",
};

static gboolean
kml_begin (Exporter  *ex,
           GError   **error)
{
  g_autofree char *name = g_path_get_basename (chronomap_database_get_display_name (ex->db));

  g_string_append (ex->buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n<name>");
  xml_text (ex->buf, name);
  g_string_append (ex->buf, "</name>\n");
  choose_attributes (ex, kml_names, G_N_ELEMENTS (kml_names));
  return TRUE;
}

static gboolean
kml_row (Exporter   *ex,
         const Row  *row,
         GError    **error)
{
  GString *out = ex->buf;
  g_autofree char *title = NULL;

  title = row->text[C_LOCATION] != NULL ?
    g_strdup_printf ("%s, %s", row->text[C_EVENT_TYPE], row->text[C_LOCATION]) :
    g_strdup (row->text[C_EVENT_TYPE]);

  g_string_append (out, "<Placemark");
  if (row->text[C_EXTERNAL_ID] != NULL)
    {
      /* An XML id must be a name; the key itself is in ExtendedData. */
      g_string_append_printf (out, " id=\"event-%s\"", row->text[C_ID]);
    }
  g_string_append (out, "><name>");
  xml_text (out, title);
  g_string_append (out, "</name>");
  if (row->text[C_NOTES] != NULL)
    {
      g_string_append (out, "<description>");
      xml_text (out, row->text[C_NOTES]);
      g_string_append (out, "</description>");
    }

  /* KML's when takes YYYY, YYYY-MM or YYYY-MM-DD, so a month stays a month. */
  if (is_single_period (row))
    {
      char when[16];

      chronomap_date_format_buf (row->first_day, row->precision, when);
      g_string_append_printf (out, "<TimeStamp><when>%s</when></TimeStamp>", when);
    }
  else
    {
      char begin[16], end[16];

      format_day (row->first_day, begin);
      format_day (row->last_day, end);
      g_string_append_printf (out, "<TimeSpan><begin>%s</begin><end>%s</end></TimeSpan>",
                              begin, end);
    }

  g_string_append (out, "<ExtendedData>");
  kml_data (out, "external_id", row->text[C_EXTERNAL_ID]);
  kml_data (out, "date_start", row->text[C_DATE_START]);
  kml_data (out, "date_end", row->text[C_DATE_END]);
  kml_data (out, "date_precision", chronomap_date_precision_to_string (row->precision));
  kml_data (out, "event_type", row->text[C_EVENT_TYPE]);
  kml_data (out, "sub_event_type", row->text[C_SUB_EVENT_TYPE]);
  kml_data (out, "actor1", row->text[C_ACTOR1]);
  kml_data (out, "actor2", row->text[C_ACTOR2]);
  kml_data (out, "location", row->text[C_LOCATION]);
  kml_data (out, "country", row->text[C_COUNTRY]);
  kml_data (out, "admin1", row->text[C_ADMIN1]);
  kml_data (out, "admin2", row->text[C_ADMIN2]);
  kml_data (out, "geo_precision", row->text[C_GEO_PRECISION]);
  kml_data (out, "fatalities", row->text[C_FATALITIES]);
  kml_data (out, "source", row->text[C_SOURCE_PUBLISHER]);
  kml_data (out, "source_url", row->text[C_SOURCE_URL]);
  for (guint k = 0; k < ex->attr_keys->len; k++)
    if (ex->attr_written[k])
      kml_data (out, g_ptr_array_index (ex->attr_names, k), row->attr[k]);
  g_string_append (out, "</ExtendedData>");

  if (row->has_position)
    g_string_append_printf (out, "<Point><coordinates>%s,%s</coordinates></Point>",
                            row->longitude_text, row->latitude_text);
  g_string_append (out, "</Placemark>\n");
  return TRUE;
}

static gboolean
kml_end (Exporter  *ex,
         GError   **error)
{
  g_string_append (ex->buf, "</Document>\n</kml>\n");
  return TRUE;
}

static const ExportClass kml_class = { kml_begin, kml_row, kml_end };

/* GeoPackage 1.3 (OGC 12-128r18): the required tables, one feature table. */

static const char gpkg_schema[] =
  "PRAGMA application_id = 1196444487;"   /* 'GPKG' */
  "PRAGMA user_version = 10300;"           /* version 1.3.0 */
  "CREATE TABLE gpkg_spatial_ref_sys ("
  "  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,"
  "  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);"
  "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1,"
  "  'undefined', 'undefined cartesian coordinate reference system');"
  "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0,"
  "  'undefined', 'undefined geographic coordinate reference system');"
  "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326,"
  "  'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
  "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
  "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
  "AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]',"
  "  'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');"
  "CREATE TABLE gpkg_contents ("
  "  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,"
  "  description TEXT DEFAULT '',"
  "  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
  "  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,"
  "  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));"
  "CREATE TABLE gpkg_geometry_columns ("
  "  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,"
  "  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,"
  "  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),"
  "  CONSTRAINT uk_gc_table_name UNIQUE (table_name),"
  "  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),"
  "  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));"
  /* time_start/time_end are whole days for QGIS's Temporal Controller;
   * date_start/date_end/date_precision keep the dates as stored, as TEXT
   * since GeoPackage's DATE must be a whole day and "2019-05" is not. */
  "CREATE TABLE events ("
  "  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT,"
  "  time_start DATE NOT NULL, time_end DATE NOT NULL,"
  "  external_id TEXT, date_start TEXT NOT NULL, date_end TEXT, date_precision TEXT NOT NULL,"
  "  event_type TEXT NOT NULL, sub_event_type TEXT, actor1 TEXT, actor2 TEXT, location TEXT,"
  "  country TEXT, admin1 TEXT, admin2 TEXT, latitude DOUBLE, longitude DOUBLE, geo_precision TEXT, geo_source TEXT,"
  "  fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER, notes TEXT,"
  "  quote TEXT, source TEXT, source_title TEXT, source_url TEXT, source_published TEXT,"
  "  source_text TEXT);"
  "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)"
  "  VALUES ('events', 'features', 'events', 'Events exported by Chronomap', 4326);"
  "INSERT INTO gpkg_geometry_columns VALUES ('events', 'geom', 'POINT', 4326, 0, 0);";

static gboolean
gpkg_fail (Exporter  *ex,
           GError   **error)
{
  g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED, "%s: cannot be written: %s",
               ex->display_name, sqlite3_errmsg (ex->gpkg));
  return FALSE;
}

/* The feature table's own columns. */
static GPtrArray *
gpkg_columns (sqlite3 *gpkg)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (gpkg, "SELECT name FROM pragma_table_info('events')", -1, &stmt,
                          NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return names;
}

/* The columns copied into the feature table after geom, time_start and
 * time_end, in the order of the INSERT gpkg_begin() writes. */
static const Column gpkg_copied[] = {
  C_EXTERNAL_ID, C_DATE_START, C_DATE_END, C_DATE_PRECISION, C_EVENT_TYPE, C_SUB_EVENT_TYPE,
  C_ACTOR1, C_ACTOR2, C_LOCATION, C_COUNTRY, C_ADMIN1, C_ADMIN2, C_LATITUDE, C_LONGITUDE,
  C_GEO_PRECISION, C_GEO_SOURCE, C_FATALITIES, C_FATALITIES_LOW, C_FATALITIES_HIGH, C_NOTES,
  C_QUOTE, C_SOURCE_PUBLISHER, C_SOURCE_TITLE, C_SOURCE_URL, C_SOURCE_PUBLISHED, C_SOURCE_TEXT,
};

static gboolean
gpkg_begin (Exporter  *ex,
            GError   **error)
{
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GPtrArray) columns = NULL;

  if (sqlite3_open (ex->tmp_path, &ex->gpkg) != SQLITE_OK)
    return gpkg_fail (ex, error);
  if (sqlite3_exec (ex->gpkg, gpkg_schema, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (ex->gpkg, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return gpkg_fail (ex, error);

  g_string_append (insert, "INSERT INTO events (geom, time_start, time_end, external_id,"
                   " date_start, date_end, date_precision, event_type, sub_event_type, actor1,"
                   " actor2, location, country, admin1, admin2, latitude, longitude,"
                   " geo_precision, geo_source, fatalities, fatalities_low, fatalities_high,"
                   " notes, quote, source, source_title, source_url, source_published, source_text");
  /* An attribute is a TEXT column of its own, as QGIS shows it; past
   * SQLite's limit of 2,000 columns, the rest are in one JSON column. */
  columns = gpkg_columns (ex->gpkg);
  choose_attributes (ex, (const char * const *) columns->pdata, columns->len);
  for (guint k = 0, n = 0; k < ex->attr_keys->len; k++)
    if (ex->attr_written[k] && ++n > GPKG_MAX_ATTRIBUTE_COLUMNS)
      {
        ex->attr_written[k] = FALSE;
        ex->gpkg_all_attributes = TRUE;
      }
  if (ex->gpkg_all_attributes)
    {
      /* a key of that name is in the JSON column too */
      for (guint k = 0; k < ex->attr_keys->len; k++)
        if (g_ascii_strcasecmp (g_ptr_array_index (ex->attr_keys, k), "chronomap_attributes") == 0)
          ex->attr_written[k] = FALSE;
      if (sqlite3_exec (ex->gpkg, "ALTER TABLE events ADD COLUMN chronomap_attributes TEXT", NULL,
                        NULL, NULL) != SQLITE_OK)
        return gpkg_fail (ex, error);
      g_string_append (insert, ", chronomap_attributes");
    }
  for (guint k = 0; k < ex->attr_keys->len; k++)
    if (ex->attr_written[k])
      {
        const char *key = g_ptr_array_index (ex->attr_names, k);
        char *sql = sqlite3_mprintf ("ALTER TABLE events ADD COLUMN \"%w\" TEXT", key);
        char *quoted = sqlite3_mprintf (", \"%w\"", key);
        int rc = sqlite3_exec (ex->gpkg, sql, NULL, NULL, NULL);

        g_string_append (insert, quoted);
        sqlite3_free (sql);
        sqlite3_free (quoted);
        if (rc != SQLITE_OK)
          return gpkg_fail (ex, error);
      }
  g_string_append (insert, ") VALUES (?");
  for (guint i = 1; i < 3 + G_N_ELEMENTS (gpkg_copied) + (ex->gpkg_all_attributes ? 1 : 0); i++)
    g_string_append (insert, ", ?");
  for (guint k = 0; k < ex->attr_keys->len; k++)
    if (ex->attr_written[k])
      g_string_append (insert, ", ?");
  g_string_append (insert, ")");
  if (sqlite3_prepare_v2 (ex->gpkg, insert->str, -1, &ex->gpkg_insert, NULL) != SQLITE_OK)
    return gpkg_fail (ex, error);
  ex->min_x = ex->min_y = INFINITY;
  ex->max_x = ex->max_y = -INFINITY;
  return TRUE;
}

/* GeoPackageBinary: "GP", version 0, flags (little-endian, no envelope),
 * srs_id, then a little-endian WKB Point. */
static void
gpkg_point (guint8  blob[29],
            double  x,
            double  y)
{
  gint32 srs_id = GINT32_TO_LE (4326);
  guint32 type = GUINT32_TO_LE (1);
  guint64 bits;

  blob[0] = 'G';
  blob[1] = 'P';
  blob[2] = 0;
  blob[3] = 0x01;
  memcpy (blob + 4, &srs_id, 4);
  blob[8] = 0x01;
  memcpy (blob + 9, &type, 4);
  memcpy (&bits, &x, 8);
  bits = GUINT64_TO_LE (bits);
  memcpy (blob + 13, &bits, 8);
  memcpy (&bits, &y, 8);
  bits = GUINT64_TO_LE (bits);
  memcpy (blob + 21, &bits, 8);
}

static gboolean
gpkg_row (Exporter   *ex,
          const Row  *row,
          GError    **error)
{
  sqlite3_stmt *stmt = ex->gpkg_insert;
  guint8 blob[29];
  char first[16], last[16];
  guint index;
  int rc;

  if (row->has_position)
    {
      gpkg_point (blob, row->longitude, row->latitude);
      sqlite3_bind_blob (stmt, 1, blob, sizeof blob, SQLITE_STATIC);
      ex->min_x = MIN (ex->min_x, row->longitude);
      ex->max_x = MAX (ex->max_x, row->longitude);
      ex->min_y = MIN (ex->min_y, row->latitude);
      ex->max_y = MAX (ex->max_y, row->latitude);
    }
  else
    sqlite3_bind_null (stmt, 1);
  format_day (row->first_day, first);
  format_day (row->last_day, last);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, last, -1, SQLITE_STATIC);
  for (guint i = 0; i < G_N_ELEMENTS (gpkg_copied); i++)
    {
      Column c = gpkg_copied[i];

      if (c == C_DATE_PRECISION)
        sqlite3_bind_text (stmt, 4 + i, chronomap_date_precision_to_string (row->precision), -1,
                           SQLITE_STATIC);
      else if (c == C_LATITUDE || c == C_LONGITUDE)
        {
          if (row->has_position)
            sqlite3_bind_double (stmt, 4 + i, c == C_LATITUDE ? row->latitude : row->longitude);
          else
            sqlite3_bind_null (stmt, 4 + i);
        }
      else if ((c == C_FATALITIES || c == C_FATALITIES_LOW || c == C_FATALITIES_HIGH) &&
               row->text[c] != NULL)
        sqlite3_bind_int64 (stmt, 4 + i, g_ascii_strtoll (row->text[c], NULL, 10));
      else
        chronomap_interchange_bind_text (stmt, 4 + i, row->text[c]);
    }
  index = 4 + G_N_ELEMENTS (gpkg_copied);
  if (ex->gpkg_all_attributes)
    chronomap_interchange_bind_text (stmt, index++, row->text[C_ATTRIBUTES]);
  for (guint k = 0; k < ex->attr_keys->len; k++)
    if (ex->attr_written[k])
      chronomap_interchange_bind_text (stmt, index++, row->attr[k]);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gpkg_fail (ex, error);
  return TRUE;
}

static gboolean
gpkg_end (Exporter  *ex,
          GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (isfinite (ex->min_x))
    {
      if (sqlite3_prepare_v2 (ex->gpkg, "UPDATE gpkg_contents SET min_x = ?, min_y = ?, "
                              "max_x = ?, max_y = ? WHERE table_name = 'events'", -1, &stmt,
                              NULL) != SQLITE_OK)
        return gpkg_fail (ex, error);
      sqlite3_bind_double (stmt, 1, ex->min_x);
      sqlite3_bind_double (stmt, 2, ex->min_y);
      sqlite3_bind_double (stmt, 3, ex->max_x);
      sqlite3_bind_double (stmt, 4, ex->max_y);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return gpkg_fail (ex, error);
    }
  g_clear_pointer (&ex->gpkg_insert, sqlite3_finalize);
  if (sqlite3_exec (ex->gpkg, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    return gpkg_fail (ex, error);
  return TRUE;
}

static const ExportClass gpkg_class = { gpkg_begin, gpkg_row, gpkg_end };

/* Reading the events. */

static char *
build_query (ChronomapDatabase *db)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  gboolean with_sources = chronomap_database_has_table (db, "sources") &&
                          chronomap_database_has_column (db, "events", "source_id");

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append (sql, ", ");
      /* The names are this file's constants, never user input. */
      if (c < G_N_ELEMENTS (event_columns) && event_columns[c] != NULL)
        {
          if (chronomap_database_has_column (db, "events", event_columns[c]))
            g_string_append_printf (sql, "e.%s", event_columns[c]);
          else
            g_string_append (sql, "NULL");
        }
      else if (with_sources && chronomap_database_has_column (db, "sources", source_columns[c]))
        g_string_append_printf (sql, "s.%s", source_columns[c]);
      else
        g_string_append (sql, "NULL");
    }
  g_string_append (sql, " FROM events e");
  if (with_sources)
    g_string_append (sql, " LEFT JOIN sources s ON s.id = e.source_id");
  g_string_append (sql, " ORDER BY e.date_start, e.id");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* @valid_text keeps the row's text that was not UTF-8, made valid: every
 * format written is UTF-8, whatever a foreign database holds. */
static void
read_attributes (Exporter *ex,
                 Row      *row)
{
  const char *text = row->text[C_ATTRIBUTES];

  row->attr = ex->attr_values;
  if (ex->attr_keys->len == 0)
    return;
  memset (ex->attr_values, 0, ex->attr_keys->len * sizeof (const char *));
  g_ptr_array_set_size (ex->attr_pairs, 0);
  if (text == NULL)
    return;
  chronomap_json_parse_flat_object (text, ex->attr_pairs);
  for (guint i = 0; i + 1 < ex->attr_pairs->len; i += 2)
    {
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (ex->attr_index,
                                                       g_ptr_array_index (ex->attr_pairs, i)));

      if (k > 0)
        ex->attr_values[k - 1] = g_ptr_array_index (ex->attr_pairs, i + 1);
    }
}

static gboolean
read_row (Exporter      *ex,
          sqlite3_stmt  *stmt,
          Row           *row)
{
  GPtrArray *valid_text = ex->valid_text;
  gint32 start, end;
  ChronomapDatePrecision precision, end_precision, stored;

  g_ptr_array_set_size (valid_text, 0);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, c);

      if (text != NULL && !g_utf8_validate (text, sqlite3_column_bytes (stmt, c), NULL))
        {
          char *valid = g_utf8_make_valid (text, sqlite3_column_bytes (stmt, c));

          g_ptr_array_add (valid_text, valid);
          text = valid;
        }
      row->text[c] = text;
    }
  if (row->text[C_EVENT_TYPE] == NULL ||
      !chronomap_date_parse (row->text[C_DATE_START], -1, &start, &precision))
    return FALSE;
  read_attributes (ex, row);
  if (chronomap_date_precision_from_string (row->text[C_DATE_PRECISION], &stored))
    precision = MAX (precision, stored);
  row->precision = precision;
  row->first_day = chronomap_date_period_start (start, precision);
  row->last_day = chronomap_date_period_end (start, precision);
  if (row->text[C_DATE_END] != NULL &&
      chronomap_date_parse (row->text[C_DATE_END], -1, &end, &end_precision))
    row->last_day = MAX (row->first_day, chronomap_date_period_end (end, end_precision));
  /* Coordinates are written from numbers, never from the column's text: a
   * foreign file may hold anything there, and the text would go into the
   * GeoJSON and KML as it is. */
  row->has_position = FALSE;
  if (row->text[C_LATITUDE] != NULL && row->text[C_LONGITUDE] != NULL)
    {
      char *end_lat = NULL, *end_lon = NULL;
      double lat = g_ascii_strtod (row->text[C_LATITUDE], &end_lat);
      double lon = g_ascii_strtod (row->text[C_LONGITUDE], &end_lon);

      if (end_lat != row->text[C_LATITUDE] && *end_lat == '\0' &&
          end_lon != row->text[C_LONGITUDE] && *end_lon == '\0' &&
          isfinite (lat) && isfinite (lon) &&
          lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)
        {
          row->has_position = TRUE;
          row->latitude = lat;
          row->longitude = lon;
          g_ascii_formatd (row->latitude_text, sizeof row->latitude_text, "%.6f", lat);
          g_ascii_formatd (row->longitude_text, sizeof row->longitude_text, "%.6f", lon);
        }
    }
  return TRUE;
}

static void
exporter_clear (Exporter *ex)
{
  g_string_free (ex->buf, TRUE);
  g_ptr_array_unref (ex->valid_text);
  g_hash_table_unref (ex->attr_index);
  g_ptr_array_unref (ex->attr_pairs);
  g_clear_pointer (&ex->attr_keys, g_ptr_array_unref);
  g_clear_pointer (&ex->attr_names, g_ptr_array_unref);
  g_free (ex->attr_written);
  g_free (ex->attr_values);
}

static int
compare_position_ids (gconstpointer a,
                      gconstpointer b)
{
  const ChronomapExportPosition *pa = a, *pb = b;

  return (pa->id > pb->id) - (pa->id < pb->id);
}

/* The geocoder's position for the event @id, or %NULL. */
static const ChronomapExportPosition *
found_position (const ChronomapExportSelection *selection,
                gint64                          id)
{
  gsize lo = 0, hi = selection->n_positions;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (selection->positions[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < selection->n_positions && selection->positions[lo].id == id ?
         &selection->positions[lo] : NULL;
}

/* A row the file does not place written where the app put it: the
 * geo_source says it was geocoded, and whether as a guess. */
static void
use_found_position (Row                           *row,
                    const ChronomapExportPosition *position)
{
  if (row->has_position || position == NULL ||
      !isfinite (position->latitude) || !isfinite (position->longitude))
    return;
  row->has_position = TRUE;
  row->latitude = position->latitude;
  row->longitude = position->longitude;
  g_ascii_formatd (row->latitude_text, sizeof row->latitude_text, "%.6f", position->latitude);
  g_ascii_formatd (row->longitude_text, sizeof row->longitude_text, "%.6f", position->longitude);
  row->text[C_LATITUDE] = row->latitude_text;
  row->text[C_LONGITUDE] = row->longitude_text;
  row->text[C_GEO_PRECISION] = chronomap_geo_precision_to_string (position->precision);
  row->text[C_GEO_SOURCE] = position->guessed ? "chronomap geocoder (guess)" : "chronomap geocoder";
}

/**
 * chronomap_export_positions_from_store:
 * @store: events placed by the geocoder (chronomap_placements_apply())
 *
 * The positions @store holds that its file does not, for
 * #ChronomapExportSelection.positions.
 *
 * Returns: (transfer full) (element-type ChronomapExportPosition): in
 *   ascending order of id
 */
GArray *
chronomap_export_positions_from_store (ChronomapEventStore *store)
{
  guint n = 0;
  const ChronomapEvent *events;
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (ChronomapExportPosition));

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (store), positions);

  events = chronomap_event_store_get_events (store, &n);
  for (guint i = 0; i < n; i++)
    {
      ChronomapExportPosition p;

      if (events[i].own_position || isnan (events[i].latitude) || isnan (events[i].longitude))
        continue;
      p.id = events[i].id;
      p.latitude = events[i].latitude;
      p.longitude = events[i].longitude;
      p.precision = events[i].geo_precision;
      p.guessed = events[i].guessed;
      g_array_append_val (positions, p);
    }
  g_array_sort (positions, compare_position_ids);
  return positions;
}

static gboolean
selected_id (const ChronomapExportSelection *selection,
             gint64                          id)
{
  gsize lo = 0, hi = selection->n_ids;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (selection->ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < selection->n_ids && selection->ids[lo] == id;
}

static guint64
count_events (ChronomapDatabase *db)
{
  sqlite3_stmt *stmt = NULL;
  guint64 n = 0;

  if (sqlite3_prepare_v2 (chronomap_database_get_handle (db), "SELECT count(*) FROM events", -1,
                          &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint64) MAX (0, sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  return n;
}

/**
 * chronomap_export_database:
 * @db: an event database
 * @format: the output format
 * @from_day: the first day of the window, or %CHRONOMAP_DAY_INVALID for no limit
 * @to_day: the last day of the window, or %CHRONOMAP_DAY_INVALID for no limit
 * @path: the file to write; it is replaced only when the export succeeds
 * @out_n_events: (out) (optional): how many events were written
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Writes the events whose period overlaps the window, ordered by date.
 *
 * Returns: %TRUE on success
 */
gboolean
chronomap_export_database (ChronomapDatabase      *db,
                           ChronomapExportFormat   format,
                           gint32                  from_day,
                           gint32                  to_day,
                           const char             *path,
                           guint64                *out_n_events,
                           GCancellable           *cancellable,
                           GError                **error)
{
  ChronomapExportSelection selection = { from_day, to_day, NULL, 0, NULL, 0 };

  return chronomap_export_database_full (db, format, &selection, path, NULL, NULL,
                                         out_n_events, cancellable, error);
}

/**
 * chronomap_export_database_full:
 * @db: an event database
 * @format: the output format
 * @selection: (nullable): the events to write; %NULL for every event
 * @path: the file to write; it is replaced only when the export succeeds
 * @progress_func: (nullable): called every few thousand events, in the
 *   calling thread
 * @progress_data: for @progress_func
 * @out_n_events: (out) (optional): how many events were written
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Writes the selected events, ordered by date.
 *
 * Returns: %TRUE on success
 */
gboolean
chronomap_export_database_full (ChronomapDatabase               *db,
                                ChronomapExportFormat            format,
                                const ChronomapExportSelection  *selection,
                                const char                      *path,
                                ChronomapExportProgressFunc      progress_func,
                                gpointer                         progress_data,
                                guint64                         *out_n_events,
                                GCancellable                    *cancellable,
                                GError                         **error)
{
  static const ExportClass * const classes[] = {
    [CHRONOMAP_EXPORT_GEOJSON] = &geojson_class,
    [CHRONOMAP_EXPORT_CSV] = &csv_class,
    [CHRONOMAP_EXPORT_KML] = &kml_class,
    [CHRONOMAP_EXPORT_GPKG] = &gpkg_class,
  };
  g_autofree char *display_name = NULL;
  g_autofree char *sql = NULL;
  static const ChronomapExportSelection everything = {
    CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, NULL, 0
  };
  Exporter ex = { 0 };
  sqlite3_stmt *stmt = NULL;
  guint64 n_read = 0, total = 0;
  gboolean ok = FALSE;
  int fd, rc;

  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (format <= CHRONOMAP_EXPORT_GPKG, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (selection == NULL)
    selection = &everything;
  display_name = g_filename_display_name (path);
  if (is_database_file (db, path))
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                   "%s: is the event database being exported; writing the export there would "
                   "replace its events. Choose another file", display_name);
      return FALSE;
    }
  ex.klass = classes[format];
  ex.db = db;
  ex.display_name = display_name;
  ex.buf = g_string_sized_new (FLUSH_SIZE + 4096);
  ex.valid_text = g_ptr_array_new_with_free_func (g_free);
  ex.attr_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ex.attr_pairs = g_ptr_array_new_with_free_func (g_free);
  ex.attr_keys = load_attribute_keys (db, ex.attr_index, error);
  if (ex.attr_keys == NULL)
    {
      exporter_clear (&ex);
      return FALSE;
    }
  ex.attr_written = g_new0 (gboolean, MAX (ex.attr_keys->len, 1));
  ex.attr_names = g_ptr_array_new_with_free_func (g_free);
  ex.attr_values = g_new0 (const char *, MAX (ex.attr_keys->len, 1));

  sql = build_query (db);
  if (sqlite3_prepare_v2 (chronomap_database_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (db, error, "cannot be read");
      exporter_clear (&ex);
      return FALSE;
    }

  /* Written beside the target and renamed over it at the end, so a failed
   * export leaves no half-written file. */
  ex.tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  /* readable as any file the user saves (the umask decides), not only
   * by its owner as a temporary file would be */
  fd = g_mkstemp_full (ex.tmp_path, O_RDWR, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED, "%s: cannot be written: %s",
                   display_name, g_strerror (saved_errno));
      goto out;
    }
  if (format == CHRONOMAP_EXPORT_GPKG)
    close (fd);
  else
    ex.out = fdopen (fd, "wb");

  if (!ex.klass->begin (&ex, error))
    goto out;

  if (progress_func != NULL)
    {
      total = count_events (db);
      progress_func (0, total, progress_data);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row;

      if ((n_read++ & 4095) == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_CANCELLED, "cancelled");
              goto out;
            }
          if (progress_func != NULL && n_read > 1)
            progress_func (MIN (n_read - 1, total), total, progress_data);
        }
      if (selection->ids != NULL &&
          !selected_id (selection, sqlite3_column_int64 (stmt, C_ID)))
        continue;
      /* Rows without a valid date or type can't be shown either. */
      if (!read_row (&ex, stmt, &row))
        continue;
      if (selection->positions != NULL)
        use_found_position (&row, found_position (selection, sqlite3_column_int64 (stmt, C_ID)));
      if ((selection->from_day != CHRONOMAP_DAY_INVALID && row.last_day < selection->from_day) ||
          (selection->to_day != CHRONOMAP_DAY_INVALID && row.first_day > selection->to_day))
        continue;
      if (!ex.klass->row (&ex, &row, error))
        goto out;
      ex.n_rows++;
      if (ex.out != NULL && !flush (&ex, FALSE, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      chronomap_database_set_error (db, error, "cannot be read");
      goto out;
    }
  if (!ex.klass->end (&ex, error))
    goto out;

  if (ex.out != NULL)
    {
      if (!flush (&ex, TRUE, error))
        goto out;
      if (fclose (ex.out) != 0)
        {
          int saved_errno = errno;

          ex.out = NULL;
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED, "%s: cannot be written: %s",
                       display_name, g_strerror (saved_errno));
          goto out;
        }
      ex.out = NULL;
    }
  if (ex.gpkg != NULL)
    {
      if (sqlite3_close (ex.gpkg) != SQLITE_OK)
        {
          gpkg_fail (&ex, error);
          goto out;
        }
      ex.gpkg = NULL;
    }
  if (g_rename (ex.tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED, "%s: cannot be written: %s",
                   display_name, g_strerror (saved_errno));
      goto out;
    }
  g_clear_pointer (&ex.tmp_path, g_free);
  if (out_n_events != NULL)
    *out_n_events = ex.n_rows;
  if (progress_func != NULL)
    progress_func (total, total, progress_data);
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  if (ex.out != NULL)
    fclose (ex.out);
  g_clear_pointer (&ex.gpkg_insert, sqlite3_finalize);
  if (ex.gpkg != NULL)
    sqlite3_close (ex.gpkg);
  if (ex.tmp_path != NULL)
    {
      g_unlink (ex.tmp_path);
      g_free (ex.tmp_path);
    }
  exporter_clear (&ex);
  return ok;
}

typedef struct
{
  char                        *db_path;
  char                        *path;
  ChronomapExportFormat        format;
  ChronomapExportSelection     selection;
  gint64                      *ids;
  ChronomapExportPosition     *positions;
  GMainContext                *context;
  ChronomapExportProgressFunc  progress_func;
  gpointer                     progress_data;
  guint64                      n_events;
} ExportTask;

typedef struct
{
  ChronomapExportProgressFunc  func;
  gpointer                     data;
  guint64                      done;
  guint64                      total;
} ExportProgress;

static void
export_task_free (ExportTask *data)
{
  g_free (data->db_path);
  g_free (data->path);
  g_free (data->ids);
  g_free (data->positions);
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
progress_in_context_cb (gpointer user_data)
{
  ExportProgress *progress = user_data;

  progress->func (progress->done, progress->total, progress->data);
  return G_SOURCE_REMOVE;
}

/* In the worker thread: passed on to the caller's main context, where it
 * runs before the task's callback. */
static void
forward_progress_cb (guint64  done,
                     guint64  total,
                     gpointer user_data)
{
  ExportTask *data = user_data;
  ExportProgress *progress = g_new (ExportProgress, 1);

  *progress = (ExportProgress) { data->progress_func, data->progress_data, done, total };
  chronomap_main_context_post (data->context, progress_in_context_cb, progress, g_free);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportTask *data = task_data;
  g_autoptr(ChronomapDatabase) db = NULL;
  GError *error = NULL;

  /* A connection of its own: the caller's may be in use on its thread. */
  db = chronomap_database_open (data->db_path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  if (db == NULL ||
      !chronomap_export_database_full (db, data->format, &data->selection, data->path,
                                       data->progress_func != NULL ? forward_progress_cb : NULL,
                                       data, &data->n_events, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * chronomap_export_file_async:
 * @db_path: an event database file
 * @format: the output format
 * @selection: (nullable): the events to write (copied); %NULL for all
 * @path: the file to write
 * @progress_func: (nullable): told of the progress in the caller's main
 *   context, always before @callback
 * @progress_data: for @progress_func; must stay valid until @callback
 * @cancellable: (nullable): cancels the export (which then writes nothing)
 * @callback: called when done
 * @user_data: for @callback
 *
 * Runs chronomap_export_database_full() in a worker thread, on a
 * read-only connection of its own.
 */
void
chronomap_export_file_async (const char                      *db_path,
                             ChronomapExportFormat            format,
                             const ChronomapExportSelection  *selection,
                             const char                      *path,
                             ChronomapExportProgressFunc      progress_func,
                             gpointer                         progress_data,
                             GCancellable                    *cancellable,
                             GAsyncReadyCallback              callback,
                             gpointer                         user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *data;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (path != NULL);

  data = g_new0 (ExportTask, 1);
  data->db_path = g_strdup (db_path);
  data->path = g_strdup (path);
  data->format = format;
  data->selection = (ChronomapExportSelection) {
    CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, NULL, 0, NULL, 0
  };
  if (selection != NULL)
    {
      data->selection = *selection;
      if (selection->ids != NULL && selection->n_ids > 0)
        {
          data->ids = g_memdup2 (selection->ids, selection->n_ids * sizeof (gint64));
          data->selection.ids = data->ids;
        }
      else if (selection->ids != NULL)
        {
          /* a filter that lets nothing through stays a filter */
          static const gint64 none = 0;

          data->selection.ids = &none;
        }
      if (selection->positions != NULL && selection->n_positions > 0)
        {
          data->positions = g_memdup2 (selection->positions,
                                       selection->n_positions * sizeof (ChronomapExportPosition));
          data->selection.positions = data->positions;
        }
      else
        data->selection.positions = NULL;
    }
  data->context = g_main_context_ref_thread_default ();
  data->progress_func = progress_func;
  data->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronomap_export_file_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) export_task_free);
  g_task_run_in_thread (task, export_in_thread);
}

/**
 * chronomap_export_file_finish:
 * @out_n_events: (out) (optional): how many events were written
 *
 * Returns: %TRUE if the export succeeded
 */
gboolean
chronomap_export_file_finish (GAsyncResult  *result,
                              guint64       *out_n_events,
                              GError       **error)
{
  ExportTask *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (out_n_events != NULL)
    *out_n_events = data->n_events;
  return TRUE;
}
