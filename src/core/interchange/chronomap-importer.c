/* chronomap-importer.c: reading event data sets into an event database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-importer"

#include "config.h"

#include "chronomap-importer.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chronomap-csv.h"
#include "chronomap-date.h"
#include "chronomap-error.h"
#include "chronomap-number.h"
#include "chronomap-interchange-private.h"
#include "chronomap-json.h"
#include "chronomap-main-context.h"
#include "chronomap-paths.h"

#include <glib/gstdio.h>

/* Messages kept in memory for a caller to show; the report stream gets all. */
#define MAX_PROBLEMS 1000


typedef struct
{
  Field       field;
  const char *names;  /* '|'-separated, first match wins */
} Alias;

/* ACLED's columns (old and new exports) and the ones Chronomap's own CSV
 * export adds so that nothing is lost in a round trip; a generic CSV is
 * matched against the same names plus common synonyms. */
static const Alias acled_aliases[] = {
  { F_ID, "event_id_cnty" },
  { F_DATE, "event_date" },
  { F_YEAR, "year" },
  { F_DATE_START, "date_start" },
  { F_DATE_END, "date_end" },
  { F_DATE_PRECISION, "date_precision" },
  { F_TIME_PRECISION, "time_precision" },
  { F_EVENT_TYPE, "event_type" },
  { F_SUB_EVENT_TYPE, "sub_event_type" },
  { F_ACTOR1, "actor1" },
  { F_ACTOR2, "actor2" },
  { F_INTER1, "inter1" },
  { F_INTER2, "inter2" },
  { F_LOCATION, "location" },
  { F_COUNTRY, "country" },
  { F_COUNTRY_CODE, "country_code" },
  { F_ISO3, "iso3" },
  { F_ADMIN1, "admin1" },
  { F_ADMIN2, "admin2" },
  { F_LATITUDE, "latitude" },
  { F_LONGITUDE, "longitude" },
  { F_GEO_PRECISION, "geo_precision" },
  { F_LOCATION_PRECISION, "location_precision" },
  { F_GEO_SOURCE, "geo_source" },
  { F_FATALITIES, "fatalities" },
  { F_FATALITIES_LOW, "fatalities_low" },
  { F_FATALITIES_HIGH, "fatalities_high" },
  { F_NOTES, "notes" },
  { F_QUOTE, "quote" },
  { F_SOURCE, "source" },
  { F_SOURCE_TITLE, "source_title" },
  { F_SOURCE_URL, "source_url" },
  { F_SOURCE_PUBLISHED, "source_published" },
  { F_SOURCE_TEXT, "source_text" },
};

static const Alias csv_aliases[] = {
  { F_ID, "id|external_id|event_id_cnty|event_id" },
  { F_DATE, "date|event_date|start_date|day|when" },
  { F_YEAR, "year" },
  { F_DATE_START, "date_start" },
  { F_DATE_END, "date_end|end_date" },
  { F_DATE_PRECISION, "date_precision|precision" },
  { F_TIME_PRECISION, "time_precision" },
  { F_EVENT_TYPE, "event_type|type|category" },
  { F_SUB_EVENT_TYPE, "sub_event_type|sub_type|subtype" },
  { F_ACTOR1, "actor1|actor_1|side_a" },
  { F_ACTOR2, "actor2|actor_2|side_b" },
  { F_LOCATION, "location|place|place_name|where_coordinates|town" },
  { F_COUNTRY, "country" },
  { F_COUNTRY_CODE, "country_code|iso2" },
  { F_ISO3, "iso3" },
  { F_ADMIN1, "admin1|adm_1|adm1" },
  { F_ADMIN2, "admin2|adm_2|adm2" },
  { F_LATITUDE, "latitude|lat" },
  { F_LONGITUDE, "longitude|lon|lng|long" },
  { F_GEO_PRECISION, "geo_precision" },
  { F_LOCATION_PRECISION, "location_precision" },
  { F_GEO_SOURCE, "geo_source" },
  { F_FATALITIES, "fatalities|deaths|killed" },
  { F_FATALITIES_LOW, "fatalities_low" },
  { F_FATALITIES_HIGH, "fatalities_high" },
  { F_NOTES, "notes|description|summary" },
  { F_QUOTE, "quote" },
  { F_SOURCE, "source|publisher" },
  { F_SOURCE_TITLE, "source_title|title|headline" },
  { F_SOURCE_URL, "source_url|url|link" },
  { F_SOURCE_PUBLISHED, "source_published|published" },
  { F_SOURCE_TEXT, "source_text|source_article" },
};

/* UCDP GED, every release from 5.0 (best_est …) to 23.1. */
static const Alias ucdp_aliases[] = {
  { F_ID, "id" },
  { F_DATE_START, "date_start" },
  { F_DATE_END, "date_end" },
  { F_YEAR, "year" },
  { F_UCDP_DATE_PREC, "date_prec" },
  { F_UCDP_TYPE, "type_of_violence" },
  { F_ACTOR1, "side_a" },
  { F_ACTOR2, "side_b" },
  { F_LOCATION, "where_coordinates" },
  { F_COUNTRY, "country" },
  { F_ADMIN1, "adm_1" },
  { F_ADMIN2, "adm_2" },
  { F_LATITUDE, "latitude" },
  { F_LONGITUDE, "longitude" },
  { F_UCDP_WHERE_PREC, "where_prec" },
  { F_FATALITIES, "best|best_est" },
  { F_FATALITIES_LOW, "low|low_est" },
  { F_FATALITIES_HIGH, "high|high_est" },
  { F_SOURCE, "source_office" },
  { F_SOURCE_TITLE, "source_headline" },
  { F_SOURCE_PUBLISHED, "source_date" },
  { F_SOURCE_TEXT, "source_article" },
  { F_UCDP_CONFLICT, "conflict_name" },
  { F_UCDP_DYAD, "dyad_name" },
  { F_UCDP_WHERE_DESCRIPTION, "where_description" },
};

/* The UCDP GED 23.1 codebook's column order, for a file without a header. */
static const char * const ucdp_columns[] = {
  "id", "relid", "year", "active_year", "code_status", "type_of_violence",
  "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
  "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
  "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
  "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
  "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
  "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
  "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
  "best", "high", "low", "gwnoa", "gwnob", NULL
};

/* GDELT 2.0 event table, in file order (GDELT Event Codebook V2.0). */
static const char * const gdelt_columns[] = {
  "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
  "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
  "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
  "Actor1Type2Code", "Actor1Type3Code",
  "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
  "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
  "Actor2Type2Code", "Actor2Type3Code",
  "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
  "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
  "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
  "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
  "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
  "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
  "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
  "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
  "DATEADDED", "SOURCEURL", NULL
};

static const Alias gdelt_aliases[] = {
  { F_ID, "GlobalEventID" },
  { F_DATE, "Day" },
  { F_YEAR, "Year" },
  { F_ACTOR1, "Actor1Name" },
  { F_ACTOR2, "Actor2Name" },
  { F_GDELT_EVENT_CODE, "EventCode" },
  { F_GDELT_ROOT_CODE, "EventRootCode" },
  { F_GDELT_GOLDSTEIN, "GoldsteinScale" },
  { F_GDELT_ARTICLES, "NumArticles" },
  { F_GDELT_GEO_TYPE, "ActionGeo_Type" },
  { F_GDELT_COUNTRY, "ActionGeo_CountryCode" },
  { F_LOCATION, "ActionGeo_FullName" },
  { F_LATITUDE, "ActionGeo_Lat" },
  { F_LONGITUDE, "ActionGeo_Long" },
  { F_SOURCE_URL, "SOURCEURL" },
};

/* The user's names for the fields of a generic CSV (--map FIELD=COLUMN). */
static const struct
{
  const char *name;
  Field       field;
} user_fields[] = {
  { "id", F_ID },
  { "date", F_DATE },
  { "end_date", F_DATE_END },
  { "precision", F_DATE_PRECISION },
  { "place", F_LOCATION },
  { "country", F_COUNTRY },
  { "admin1", F_ADMIN1 },
  { "admin2", F_ADMIN2 },
  { "latitude", F_LATITUDE },
  { "longitude", F_LONGITUDE },
  { "type", F_EVENT_TYPE },
  { "sub_type", F_SUB_EVENT_TYPE },
  { "actor1", F_ACTOR1 },
  { "actor2", F_ACTOR2 },
  { "fatalities", F_FATALITIES },
  { "notes", F_NOTES },
  { "source", F_SOURCE },
  { "url", F_SOURCE_URL },
};

/* What one import has seen of its rows, by a 64-bit hash: how many rows
 * had a content (rows without an id), or the line that had an id. */
typedef struct
{
  guint64 hash;
  guint64 value;
  gboolean used;
} SeenSlot;

typedef struct
{
  SeenSlot *slots;
  gsize     n_slots;
  gsize     n;
} SeenTable;

struct _ChronomapImporter
{
  ChronomapDatabase     *db;
  ChronomapImportFormat  format;
  ChronomapImportFlags   flags;
  char                   delimiter;
  char                  *time_property;
  gsize                  max_record;
  char                  *user_columns[N_FIELDS];
  GOutputStream         *report;

  ChronomapEventWriter  *writer;
  GPtrArray             *problems;
  guint64                n_rows;
  guint64                n_skipped;
  guint64                n_inserted;
  guint64                n_updated;
  gboolean               stopped_at_bad_row;
  gboolean               lacks_dates;          /* a CSV had no column of dates */

  /* Scratch text for the current row. */
  GString               *id_buf;
  GString               *notes_buf;
  char                   published_buf[16];
  /* The last country looked up: files run country by country. */
  char                  *last_country;
  const char            *last_code;
  /* country names no table knows: "name (file:line)", the first of each,
   * and the attributes of a row given the name */
  GHashTable            *unknown_countries;
  GPtrArray             *unknown_country_notes;
  guint64                n_unknown_country;
  GString               *attributes_buf;
  /* in the file being read: the contents of rows without an id, and
   * the ids of the others */
  SeenTable              contents;
  SeenTable              ids;

  ChronomapImportProgressFunc progress_func;
  gpointer               progress_data;
  GDestroyNotify         progress_destroy;
  guint64                bytes_total;
  guint64                bytes_before;   /* in the files already imported */
};

/**
 * chronomap_import_format_from_string:
 * @text: "acled", "ucdp", "gdelt", "geojson" or "csv"
 *
 * Returns: %TRUE if @text names a format
 */
static const char * const format_names[] = { "acled", "ucdp", "gdelt", "geojson", "csv" };

gboolean
chronomap_import_format_from_string (const char            *text,
                                     ChronomapImportFormat *out_format)
{
  g_return_val_if_fail (out_format != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (text, format_names[i]) == 0)
      {
        *out_format = (ChronomapImportFormat) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * chronomap_import_format_to_string:
 *
 * Returns: the name --format takes for @format: "acled", "csv"…
 */
const char *
chronomap_import_format_to_string (ChronomapImportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), "csv");
  return format_names[format];
}

/**
 * chronomap_importer_new:
 * @db: a database opened for writing
 * @format: the format of the files
 * @flags: what to do with bad rows
 *
 * Returns: (transfer full): an importer
 */
ChronomapImporter *
chronomap_importer_new (ChronomapDatabase     *db,
                        ChronomapImportFormat  format,
                        ChronomapImportFlags   flags)
{
  ChronomapImporter *self;

  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (db), NULL);

  self = g_new0 (ChronomapImporter, 1);
  self->db = g_object_ref (db);
  self->format = format;
  self->flags = flags;
  self->max_record = CHRONOMAP_CSV_DEFAULT_MAX_RECORD;
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->id_buf = g_string_new (NULL);
  self->notes_buf = g_string_new (NULL);
  self->unknown_countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unknown_country_notes = g_ptr_array_new_with_free_func (g_free);
  self->attributes_buf = g_string_new (NULL);
  return self;
}

void
chronomap_importer_free (ChronomapImporter *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->writer, chronomap_event_writer_free);
  g_clear_object (&self->db);
  g_clear_object (&self->report);
  g_free (self->time_property);
  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->user_columns[i]);
  g_ptr_array_unref (self->problems);
  g_string_free (self->id_buf, TRUE);
  g_string_free (self->notes_buf, TRUE);
  g_free (self->last_country);
  g_hash_table_unref (self->unknown_countries);
  g_ptr_array_unref (self->unknown_country_notes);
  g_string_free (self->attributes_buf, TRUE);
  g_free (self->contents.slots);
  g_free (self->ids.slots);
  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  g_free (self);
}

/**
 * chronomap_importer_set_column:
 * @field: one of %CHRONOMAP_IMPORT_FIELDS
 * @column: the name of the column that holds it
 *
 * Maps a column of a generic CSV file to an event field, overriding the
 * match by name.
 *
 * Returns: %TRUE if @field is known
 */
gboolean
chronomap_importer_set_column (ChronomapImporter  *self,
                               const char         *field,
                               const char         *column,
                               GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (field != NULL && column != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (user_fields); i++)
    if (g_ascii_strcasecmp (field, user_fields[i].name) == 0)
      {
        g_free (self->user_columns[user_fields[i].field]);
        self->user_columns[user_fields[i].field] = g_strdup (column);
        return TRUE;
      }

  g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_VALUE,
               "unknown field “%s”; the fields are %s", field, CHRONOMAP_IMPORT_FIELDS);
  return FALSE;
}

/**
 * chronomap_importer_set_delimiter:
 * @delimiter: the field separator of generic CSV files, or 0 to choose by
 *   the file name (`.tsv` and `.tab` are tab-separated)
 */
void
chronomap_importer_set_delimiter (ChronomapImporter *self,
                                  char               delimiter)
{
  g_return_if_fail (self != NULL);

  self->delimiter = delimiter;
}

/**
 * chronomap_importer_set_time_property:
 * @name: (nullable): the GeoJSON property that holds the date when a
 *   feature has no JSON-FG `time`
 */
void
chronomap_importer_set_time_property (ChronomapImporter *self,
                                      const char        *name)
{
  g_return_if_fail (self != NULL);

  g_free (self->time_property);
  self->time_property = g_strdup (name);
}

void
chronomap_importer_set_max_record (ChronomapImporter *self,
                                   gsize              max_bytes)
{
  g_return_if_fail (self != NULL);

  self->max_record = max_bytes;
}

/**
 * chronomap_importer_set_report:
 * @report: (nullable): where every skipped row is described, one line each
 */
void
chronomap_importer_set_report (ChronomapImporter *self,
                               GOutputStream     *report)
{
  g_return_if_fail (self != NULL);

  g_set_object (&self->report, report);
}

guint64
chronomap_importer_get_n_rows (ChronomapImporter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

guint64
chronomap_importer_get_n_inserted (ChronomapImporter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_inserted;
}

guint64
chronomap_importer_get_n_updated (ChronomapImporter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_updated;
}

guint64
chronomap_importer_get_n_skipped (ChronomapImporter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_skipped;
}

/**
 * chronomap_importer_get_lacks_dates:
 *
 * Returns: whether the last run failed on a CSV file with no column of
 *   dates the importer knows, or was told of
 */
gboolean
chronomap_importer_get_lacks_dates (ChronomapImporter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->lacks_dates;
}

/**
 * chronomap_importer_get_stopped_at_bad_row:
 *
 * Returns: whether the import failed on a row that
 *   %CHRONOMAP_IMPORT_SKIP_BAD_ROWS would have skipped: the rest of the
 *   file may well be good, and the user can say so
 */
gboolean
chronomap_importer_get_stopped_at_bad_row (ChronomapImporter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->stopped_at_bad_row;
}

/**
 * chronomap_importer_get_n_unknown_country:
 *
 * Returns: how many events named a country no table knows; each kept the
 *   name in its attributes
 */
guint64
chronomap_importer_get_n_unknown_country (ChronomapImporter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_unknown_country;
}

/**
 * chronomap_importer_get_unknown_countries:
 *
 * Returns: (transfer none) (element-type utf8): the first of those
 *   names, each once, as `“name” (file:line)` where it first appeared
 */
GPtrArray *
chronomap_importer_get_unknown_countries (ChronomapImporter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unknown_country_notes;
}

/**
 * chronomap_importer_get_problems:
 *
 * Returns: (transfer none) (element-type utf8): the first skipped rows'
 *   messages, `file:line: column: reason`
 */
GPtrArray *
chronomap_importer_get_problems (ChronomapImporter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->problems;
}

/* Records a bad row when skipping them; FALSE when it must fail the import. */
gboolean
chronomap_importer_skip_row (ChronomapImporter  *self,
                             GError            **row_error,
                             GError            **error)
{
  g_assert (row_error != NULL && *row_error != NULL);

  if ((self->flags & CHRONOMAP_IMPORT_SKIP_BAD_ROWS) == 0 ||
      !g_error_matches (*row_error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT))
    {
      self->stopped_at_bad_row = g_error_matches (*row_error, CHRONOMAP_ERROR,
                                                  CHRONOMAP_ERROR_INVALID_INPUT);
      g_propagate_error (error, g_steal_pointer (row_error));
      return FALSE;
    }

  self->n_skipped++;
  if (self->problems->len < MAX_PROBLEMS)
    g_ptr_array_add (self->problems, g_strdup ((*row_error)->message));
  if (self->report != NULL)
    {
      g_autofree char *line = g_strconcat ((*row_error)->message, "\n", NULL);
      g_autoptr(GError) write_error = NULL;

      if (!g_output_stream_write_all (self->report, line, strlen (line), NULL, NULL,
                                      &write_error))
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                       "the report of skipped rows cannot be written: %s",
                       write_error->message);
          return FALSE;
        }
    }
  g_clear_error (row_error);
  return TRUE;
}

/* Values. */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static const char *
nonempty (const char *text)
{
  return is_blank (text) ? NULL : text;
}

static gboolean
parse_int64 (const char *text,
             gint64     *out)
{
  char *end = NULL;
  gint64 value;

  while (g_ascii_isspace (*text))
    text++;
  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text)
    return FALSE;
  /* "12.0" from a spreadsheet is still a whole number. */
  if (*end == '.')
    {
      end++;
      while (*end == '0')
        end++;
    }
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    return FALSE;
  *out = value;
  return TRUE;
}

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december"
};

/* ACLED's older exports: "16 May 2025", "16-May-2025", "16 May, 2025". */
static gboolean
parse_day_month_year (const char *text,
                      gint32     *out_day)
{
  const char *p = text;
  int day = 0, month = 0, year = 0, n;
  const char *word;
  gsize word_len;

  while (g_ascii_isspace (*p))
    p++;
  for (n = 0; g_ascii_isdigit (*p) && n < 2; n++, p++)
    day = day * 10 + (*p - '0');
  if (n == 0 || (*p != ' ' && *p != '-'))
    return FALSE;
  p++;
  word = p;
  while (g_ascii_isalpha (*p))
    p++;
  word_len = p - word;
  if (word_len < 3)
    return FALSE;
  for (guint m = 0; m < G_N_ELEMENTS (month_names); m++)
    if (word_len <= strlen (month_names[m]) &&
        g_ascii_strncasecmp (word, month_names[m], word_len) == 0)
      {
        month = m + 1;
        break;
      }
  if (month == 0)
    return FALSE;
  if (*p == ',')
    p++;
  if (*p != ' ' && *p != '-')
    return FALSE;
  p++;
  for (n = 0; g_ascii_isdigit (*p) && n < 4; n++, p++)
    year = year * 10 + (*p - '0');
  if (n != 4)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || !chronomap_date_is_valid_ymd (year, month, day))
    return FALSE;
  *out_day = chronomap_date_from_ymd (year, month, day);
  return TRUE;
}

/* GDELT's YYYYMMDD. */
static gboolean
parse_compact_date (const char *text,
                    gint32     *out_day)
{
  int y, m, d;

  if (strlen (text) != 8)
    return FALSE;
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[4] - '0') * 10 + (text[5] - '0');
  d = (text[6] - '0') * 10 + (text[7] - '0');
  if (!chronomap_date_is_valid_ymd (y, m, d))
    return FALSE;
  *out_day = chronomap_date_from_ymd (y, m, d);
  return TRUE;
}

static const char *
geo_precision_from_code (gint64 code,
                         ChronomapImportFormat format)
{
  if (format == CHRONOMAP_IMPORT_UCDP)
    {
      /* UCDP GED codebook, where_prec: 1 the place itself, 2 within about
       * 25 km, 3 a second-order division, 4 a first-order one, 5 a linear
       * feature or a part of a country, 6 the country, 7 international
       * waters or airspace. */
      static const char * const ucdp[] = {
        NULL, "exact", "near", "admin2", "admin1", "feature", "country", "feature"
      };
      return code >= 1 && code <= 7 ? ucdp[code] : NULL;
    }
  /* ACLED codebook, geo_precision: 1 the town, 2 near it or part of a
   * region, 3 only a larger region (coordinates of its capital). */
  switch (code)
    {
    case 1: return "exact";
    case 2: return "near";
    case 3: return "admin1";
    default: return NULL;
    }
}

static const char *
geo_precision_from_text (const char *text)
{
  static const char * const names[] = { "exact", "near", "admin2", "admin1", "feature", "country" };
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (stripped, names[i]) == 0)
      return names[i];
  return NULL;
}

/* A data table the importers need, or NULL (with a warning that says
 * what is lost) when it can't be read. */
static GPtrArray *
read_data_table (const char *relpath,
                 guint       min_fields,
                 const char *columns,
                 const char *consequence)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = chronomap_paths_read_table (relpath, min_fields, columns, &error);

  if (rows == NULL)
    g_warning ("%s; %s", error->message, consequence);
  return rows;
}

/* Country names and codes to ISO 3166-1 alpha-2, from the gazetteer's
 * countries.tsv (names, alpha-3 codes and common alternatives). */
static GHashTable *
load_countries (void)
{
  static gsize initialised = 0;
  static GHashTable *table = NULL;

  if (g_once_init_enter (&initialised))
    {
      g_autoptr(GPtrArray) rows = read_data_table ("gazetteer/countries.tsv", 2, "code and name",
                                                   "imported events get no country code");

      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; rows != NULL && i < rows->len; i++)
        {
          char **cols = g_ptr_array_index (rows, i);
          const char *code;

          if (strlen (cols[0]) != 2)
            continue;
          code = g_intern_string (cols[0]);
          g_hash_table_insert (table, g_utf8_casefold (cols[0], -1), (gpointer) code);
          g_hash_table_insert (table, g_utf8_casefold (cols[1], -1), (gpointer) code);
          if (g_strv_length (cols) >= 5)
            {
              g_auto(GStrv) alts = g_strsplit (cols[4], "|", -1);

              for (guint a = 0; alts[a] != NULL; a++)
                if (alts[a][0] != '\0')
                  {
                    char *key = g_utf8_casefold (alts[a], -1);

                    if (g_hash_table_contains (table, key))
                      g_free (key);
                    else
                      g_hash_table_insert (table, key, (gpointer) code);
                  }
            }
        }
      g_once_init_leave (&initialised, 1);
    }
  return table;
}

/* GDELT's FIPS 10-4 country codes to ISO 3166-1 alpha-2, from the
 * gazetteer's fips-10-4.tsv. */
static GHashTable *
load_fips (void)
{
  static gsize initialised = 0;
  static GHashTable *table = NULL;

  if (g_once_init_enter (&initialised))
    {
      g_autoptr(GPtrArray) rows = read_data_table ("gazetteer/fips-10-4.tsv", 2, "fips and iso",
                                                   "GDELT events get no country code");

      table = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; rows != NULL && i < rows->len; i++)
        {
          char **cols = g_ptr_array_index (rows, i);

          if (strlen (cols[0]) == 2 && strlen (cols[1]) == 2)
            g_hash_table_insert (table, (gpointer) g_intern_string (cols[0]),
                                 (gpointer) g_intern_string (cols[1]));
        }
      g_once_init_leave (&initialised, 1);
    }
  return table;
}

/**
 * chronomap_interchange_country_from_fips:
 * @fips: a FIPS 10-4 country code, as GDELT writes them ("IZ" for Iraq)
 *
 * Returns: (nullable): the ISO 3166-1 alpha-2 code (an interned string)
 */
const char *
chronomap_interchange_country_from_fips (const char *fips)
{
  char key[3];

  if (fips == NULL || strlen (fips) != 2)
    return NULL;
  key[0] = g_ascii_toupper (fips[0]);
  key[1] = g_ascii_toupper (fips[1]);
  key[2] = '\0';
  return g_hash_table_lookup (load_fips (), key);
}

/**
 * chronomap_interchange_country_code:
 * @name: a country's name, alpha-2 or alpha-3 code
 *
 * Returns: (nullable): the alpha-2 code (an interned string), or %NULL
 */
const char *
chronomap_interchange_country_code (const char *name)
{
  GHashTable *table;
  g_autofree char *key = NULL;
  const char *code;
  const char *paren;

  if (is_blank (name))
    return NULL;
  table = load_countries ();
  key = g_utf8_casefold (name, -1);
  g_strstrip (key);
  code = g_hash_table_lookup (table, key);
  /* UCDP writes the former name in brackets: "DR Congo (Zaire)". */
  if (code == NULL && (paren = strchr (key, '(')) != NULL && paren > key)
    {
      key[paren - key] = '\0';
      g_strstrip (key);
      code = g_hash_table_lookup (table, key);
    }
  return code;
}

/**
 * chronomap_interchange_country_name:
 * @code: an ISO 3166-1 alpha-2 code
 *
 * Returns: (nullable): the country's English name from countries.tsv
 */
const char *
chronomap_interchange_country_name (const char *code)
{
  static gsize initialised = 0;
  static GHashTable *names = NULL;

  if (g_once_init_enter (&initialised))
    {
      g_autofree char *path = chronomap_paths_find_data ("gazetteer/countries.tsv");
      g_autofree char *contents = NULL;

      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (path != NULL && g_file_get_contents (path, &contents, NULL, NULL))
        {
          g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

          for (guint i = 0; lines[i] != NULL; i++)
            {
              g_auto(GStrv) cols = NULL;

              if (lines[i][0] == '#' || lines[i][0] == '\0')
                continue;
              cols = g_strsplit (lines[i], "\t", 3);
              if (g_strv_length (cols) >= 2 && strlen (cols[0]) == 2)
                g_hash_table_insert (names, g_strdup (cols[0]), g_strdup (cols[1]));
            }
        }
      g_once_init_leave (&initialised, 1);
    }
  return code != NULL ? g_hash_table_lookup (names, code) : NULL;
}

/* A tabular file being read. */
typedef struct
{
  ChronomapInterchangeRow  row;
  ChronomapCsvReader      *reader;
  int                      columns[N_FIELDS];
  /* the columns whose text goes into the attributes, and their names
   * (owned by extra_taken): the header's, "Comment (2)" for the second
   * column of a name */
  GArray                  *extra;
  GPtrArray               *extra_names;
  GHashTable              *extra_taken;
  GString                 *attributes;
} TableFile;

/* @name, or "Comment (2)", "Comment (3)" when @taken has it already, and
 * adds it to @taken: a header may name two columns alike, and an event's
 * attributes, a JSON object, keep each under a key of its own. */
static const char *
unique_column_name (GHashTable *taken,
                    const char *name)
{
  char *candidate = g_strdup (name);

  for (guint n = 2; g_hash_table_contains (taken, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s (%u)", name, n);
    }
  g_hash_table_add (taken, candidate);
  return candidate;
}

static const char *
value (ChronomapInterchangeRow *row,
       Field                    field)
{
  return row->values[field];
}

static const char *
lookup_country (ChronomapImporter *self,
                const char        *name)
{
  if (name == NULL)
    return NULL;
  if (self->last_country == NULL || strcmp (self->last_country, name) != 0)
    {
      g_free (self->last_country);
      self->last_country = g_strdup (name);
      self->last_code = chronomap_interchange_country_code (name);
    }
  return self->last_code;
}

static const char * const field_names[N_FIELDS] = {
  [F_ID] = "id",
  [F_DATE] = "date",
  [F_DATE_START] = "date_start",
  [F_DATE_END] = "date_end",
  [F_LATITUDE] = "latitude",
  [F_LONGITUDE] = "longitude",
  [F_EVENT_TYPE] = "event_type",
  [F_UCDP_TYPE] = "type_of_violence",
};

static void
row_error (ChronomapInterchangeRow  *row,
           GError                  **error,
           Field                     field,
           const char               *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
row_error (ChronomapInterchangeRow  *row,
           GError                  **error,
           Field                     field,
           const char               *format,
           ...                       )
{
  g_autofree char *message = NULL;
  const char *name = row->names[field] != NULL ? row->names[field] : field_names[field];
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
               "%s:%" G_GUINT64_FORMAT ": %s: %s", row->display_name, row->line,
               name != NULL ? name : "?", message);
}

#define ROW_ERROR(field, ...) \
  G_STMT_START { \
    row_error (row, error, field, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

static gboolean
parse_iso_field (ChronomapInterchangeRow  *row,
                 Field                     field,
                 gint32                   *out_day,
                 ChronomapDatePrecision   *out_precision,
                 GError                  **error)
{
  const char *text = value (row, field);

  if (!chronomap_date_parse (text, -1, out_day, out_precision))
    {
      g_autofree char *why = chronomap_date_explain_invalid (text);

      if (why != NULL)
        ROW_ERROR (field, "“%s” is not a date: %s", text, why);
      ROW_ERROR (field, "“%s” is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)", text);
    }
  return TRUE;
}

static gboolean
convert_dates (ChronomapInterchangeRow    *row,
               ChronomapInterchangeEvent  *event,
               GError                    **error)
{
  ChronomapImporter *self = row->importer;
  gint32 start, end = CHRONOMAP_DAY_INVALID;
  ChronomapDatePrecision precision = CHRONOMAP_DATE_PRECISION_DAY;
  ChronomapDatePrecision end_precision = CHRONOMAP_DATE_PRECISION_DAY;
  ChronomapDatePrecision text_precision = CHRONOMAP_DATE_PRECISION_DAY;
  const char *text;

  if (value (row, F_DATE_START) != NULL)
    {
      /* Chronomap's own CSV export: the dates exactly as stored. */
      if (!parse_iso_field (row, F_DATE_START, &start, &precision, error))
        return FALSE;
      /* The text is kept as written; date_precision may only coarsen it. */
      text_precision = precision;
      if (value (row, F_DATE_END) != NULL &&
          !parse_iso_field (row, F_DATE_END, &end, &end_precision, error))
        return FALSE;
      if ((text = value (row, F_DATE_PRECISION)) != NULL)
        {
          ChronomapDatePrecision given;

          if (!chronomap_date_precision_from_string (text, &given))
            ROW_ERROR (F_DATE_PRECISION, "“%s” is not a precision (day, month or year)", text);
          precision = MAX (precision, given);
        }
    }
  else if ((text = value (row, F_DATE)) != NULL)
    {
      gboolean ok;

      if (self->format == CHRONOMAP_IMPORT_GDELT)
        ok = parse_compact_date (text, &start);
      else
        ok = chronomap_date_parse (text, -1, &start, &precision) ||
             parse_day_month_year (text, &start);
      if (!ok)
        {
          g_autofree char *why = chronomap_date_explain_invalid (text);

          /* "2023-02-30": the form is right, the day does not exist */
          if (why != NULL)
            ROW_ERROR (F_DATE, "“%s” is not a date: %s", text, why);
          ROW_ERROR (F_DATE, "“%s” is not a date (expected YYYY-MM-DD or “16 May 2025”)", text);
        }
      text_precision = precision;

      if (value (row, F_DATE_END) != NULL &&
          !parse_iso_field (row, F_DATE_END, &end, &end_precision, error))
        return FALSE;

      if ((text = value (row, F_TIME_PRECISION)) != NULL)
        {
          gint64 code;

          /* ACLED codebook, time_precision: 1 the day is known, 2 the
           * week (the middle day is given), 3 only the month. */
          if (!parse_int64 (text, &code) || code < 1 || code > 3)
            ROW_ERROR (F_TIME_PRECISION, "“%s” is not an ACLED time precision (1, 2 or 3)", text);
          if (code == 2 && precision == CHRONOMAP_DATE_PRECISION_DAY)
            {
              end = start + 3;
              start -= 3;
            }
          else if (code == 3)
            text_precision = precision = MAX (precision, CHRONOMAP_DATE_PRECISION_MONTH);
        }
      else if ((text = value (row, F_DATE_PRECISION)) != NULL)
        {
          ChronomapDatePrecision given;

          if (!chronomap_date_precision_from_string (text, &given))
            ROW_ERROR (F_DATE_PRECISION, "“%s” is not a precision (day, month or year)", text);
          precision = MAX (precision, given);
        }
    }
  else
    {
      Field field = row->names[F_DATE] != NULL ? F_DATE : F_DATE_START;
      ROW_ERROR (field, "the date is empty");
    }

  chronomap_date_format_buf (start, text_precision, event->date_start);
  event->precision = precision;
  if (end != CHRONOMAP_DAY_INVALID)
    {
      if (chronomap_date_period_end (end, end_precision) <
          chronomap_date_period_start (start, precision))
        {
          Field field = row->names[F_DATE_END] != NULL ? F_DATE_END : F_DATE;
          ROW_ERROR (field, "the end date is before the start date %s", event->date_start);
        }
      chronomap_date_format_buf (end, end_precision, event->date_end);
      if (strcmp (event->date_end, event->date_start) == 0)
        event->date_end[0] = '\0';
    }
  return TRUE;
}

static gboolean
convert_position (ChronomapInterchangeRow    *row,
                  ChronomapInterchangeEvent  *event,
                  GError                    **error)
{
  const char *lat = value (row, F_LATITUDE);
  const char *lon = value (row, F_LONGITUDE);

  if (lat == NULL && lon == NULL)
    return TRUE;
  if (lat == NULL)
    ROW_ERROR (F_LATITUDE, "the longitude is given but the latitude is empty");
  if (lon == NULL)
    ROW_ERROR (F_LONGITUDE, "the latitude is given but the longitude is empty");
  if (!chronomap_parse_decimal (lat, &event->latitude))
    ROW_ERROR (F_LATITUDE, "“%s” is not a number", lat);
  if (!chronomap_parse_decimal (lon, &event->longitude))
    ROW_ERROR (F_LONGITUDE, "“%s” is not a number", lon);
  if (event->latitude < -90 || event->latitude > 90)
    ROW_ERROR (F_LATITUDE, "latitude %s is outside -90…90", lat);
  if (event->longitude < -180 || event->longitude > 180)
    ROW_ERROR (F_LONGITUDE, "longitude %s is outside -180…180", lon);
  event->has_position = TRUE;
  return TRUE;
}

static gboolean
convert_count (ChronomapInterchangeRow  *row,
               Field                     field,
               gint64                   *out,
               GError                  **error)
{
  const char *text = value (row, field);

  *out = -1;
  if (text == NULL)
    return TRUE;
  if (!parse_int64 (text, out))
    ROW_ERROR (field, "“%s” is not a whole number", text);
  if (*out < 0)
    ROW_ERROR (field, "%s is negative", text);
  return TRUE;
}

static gboolean
check_actor_type (ChronomapInterchangeRow  *row,
                  Field                     field,
                  GError                  **error)
{
  const char *text = value (row, field);
  gint64 code;

  /* ACLED's inter1/inter2: a code 0–8 in older exports, the type's name
   * ("State forces", "Rebel group", …) in newer ones. */
  if (text == NULL || !g_ascii_isdigit (*text))
    return TRUE;
  if (!parse_int64 (text, &code) || code > 8)
    ROW_ERROR (field, "“%s” is not an ACLED actor type (0 to 8, or its name)", text);
  return TRUE;
}

static const char *
ucdp_violence (gint64       type,
               const char **sub_type)
{
  /* UCDP's three kinds of organised violence in ACLED's terms: fighting
   * between two organised sides is a battle, one-sided violence is an
   * attack on civilians. */
  switch (type)
    {
    case 1:
      *sub_type = "Armed clash";
      return "Battles";
    case 2:
      *sub_type = "Armed clash";
      return "Battles";
    case 3:
      *sub_type = "Attack";
      return "Violence against civilians";
    default:
      return NULL;
    }
}

static const char *
gdelt_event_type (const char  *root,
                  const char **sub_type)
{
  gint64 code = 0;

  /* CAMEO root codes in ACLED's terms: 14 protest, 18 assault, 19 fight,
   * 20 unconventional mass violence; the rest (statements, cooperation,
   * threats, coercion) are strategic developments. */
  parse_int64 (root != NULL ? root : "", &code);
  switch (code)
    {
    case 14:
      *sub_type = "Peaceful protest";
      return "Protests";
    case 18:
    case 20:
      *sub_type = "Attack";
      return "Violence against civilians";
    case 19:
      *sub_type = "Armed clash";
      return "Battles";
    default:
      *sub_type = "Other";
      return "Strategic developments";
    }
}

/* A country the file names that no table knows ("Kosovo", "XX"): the
 * event gets no code, but the name is kept in its attributes as written,
 * and the importer counts it so that the user hears of it. */
static void
keep_unknown_country (ChronomapInterchangeRow   *row,
                      ChronomapInterchangeEvent *event)
{
  ChronomapImporter *self = row->importer;
  const char *name = value (row, F_COUNTRY);
  GString *json = self->attributes_buf;

  if (name == NULL)
    name = value (row, F_COUNTRY_CODE);
  if (name == NULL)
    name = value (row, F_ISO3);
  if (name == NULL)
    return;

  self->n_unknown_country++;
  if (!g_hash_table_contains (self->unknown_countries, name))
    {
      g_hash_table_add (self->unknown_countries, g_strdup (name));
      if (self->unknown_country_notes->len < MAX_PROBLEMS)
        g_ptr_array_add (self->unknown_country_notes,
                         g_strdup_printf ("“%s” (%s:%" G_GUINT64_FORMAT ")", name,
                                          row->display_name, row->line));
    }

  g_string_truncate (json, 0);
  if (event->attributes != NULL)
    {
      g_string_append (json, event->attributes);
      g_string_truncate (json, json->len - 1);   /* the closing brace */
    }
  chronomap_interchange_attribute_add (json, "country", name);
  event->attributes = chronomap_interchange_attributes_end (json);
}

static gboolean
convert_row (ChronomapInterchangeRow    *row,
             ChronomapInterchangeEvent  *event,
             GError                    **error)
{
  ChronomapImporter *self = row->importer;
  const char *text;

  memset (event, 0, sizeof *event);

  if (!convert_dates (row, event, error) ||
      !convert_position (row, event, error) ||
      !convert_count (row, F_FATALITIES, &event->fatalities, error) ||
      !convert_count (row, F_FATALITIES_LOW, &event->fatalities_low, error) ||
      !convert_count (row, F_FATALITIES_HIGH, &event->fatalities_high, error) ||
      !check_actor_type (row, F_INTER1, error) ||
      !check_actor_type (row, F_INTER2, error))
    return FALSE;

  event->external_id = value (row, F_ID);
  event->event_type = value (row, F_EVENT_TYPE);
  event->sub_event_type = value (row, F_SUB_EVENT_TYPE);
  event->actor1 = value (row, F_ACTOR1);
  event->actor2 = value (row, F_ACTOR2);
  event->location = value (row, F_LOCATION);
  event->admin1 = value (row, F_ADMIN1);
  event->admin2 = value (row, F_ADMIN2);
  event->geo_source = value (row, F_GEO_SOURCE);
  event->notes = value (row, F_NOTES);
  event->quote = value (row, F_QUOTE);
  event->source_publisher = value (row, F_SOURCE);
  event->source_title = value (row, F_SOURCE_TITLE);
  event->source_url = value (row, F_SOURCE_URL);
  event->source_text = value (row, F_SOURCE_TEXT);
  event->attributes = row->attributes;

  if ((text = value (row, F_COUNTRY_CODE)) != NULL)
    event->country = lookup_country (self, text);
  if (event->country == NULL)
    event->country = lookup_country (self, value (row, F_COUNTRY));
  if (event->country == NULL)
    event->country = lookup_country (self, value (row, F_ISO3));
  if (event->country == NULL)
    keep_unknown_country (row, event);

  if ((text = value (row, F_SOURCE_PUBLISHED)) != NULL)
    {
      gint32 day;
      ChronomapDatePrecision precision;
      gsize len = strcspn (text, ";");

      /* UCDP lists one date per source ("2013-01-03;2013-01-04"): the
       * first is kept; text that is no date is left out, not an error. */
      if (chronomap_date_parse (text, len, &day, &precision))
        {
          chronomap_date_format_buf (day, precision, self->published_buf);
          event->source_published = self->published_buf;
        }
    }

  if ((text = value (row, F_GEO_PRECISION)) != NULL)
    {
      gint64 code;

      if (parse_int64 (text, &code))
        event->geo_precision = geo_precision_from_code (code, CHRONOMAP_IMPORT_ACLED);
      else
        event->geo_precision = geo_precision_from_text (text);
      if (event->geo_precision == NULL)
        ROW_ERROR (F_GEO_PRECISION, "“%s” is not a geo precision (1, 2, 3 or exact, near, "
                   "admin2, admin1, feature, country)", text);
    }
  /* Chronomap's own column says what ACLED's code rounds (a district is
   * ACLED's 2, a country its 3) */
  if ((text = value (row, F_LOCATION_PRECISION)) != NULL)
    {
      event->geo_precision = geo_precision_from_text (text);
      if (event->geo_precision == NULL)
        ROW_ERROR (F_LOCATION_PRECISION, "“%s” is not a location precision (exact, near, admin2, "
                   "admin1, feature, country)", text);
    }

  switch (self->format)
    {
    case CHRONOMAP_IMPORT_UCDP:
      {
        gint64 code, violence = 0;
        const char *conflict = value (row, F_UCDP_CONFLICT);
        const char *dyad = value (row, F_UCDP_DYAD);
        const char *where = value (row, F_UCDP_WHERE_DESCRIPTION);
        static const char * const kinds[] = {
          NULL, "State-based conflict", "Non-state conflict", "One-sided violence"
        };

        text = value (row, F_UCDP_TYPE);
        if (text == NULL || !parse_int64 (text, &violence) ||
            (event->event_type = ucdp_violence (violence, &event->sub_event_type)) == NULL)
          ROW_ERROR (F_UCDP_TYPE, "“%s” is not a UCDP type of violence (1, 2 or 3)",
                     text != NULL ? text : "");

        if ((text = value (row, F_UCDP_WHERE_PREC)) != NULL)
          {
            if (!parse_int64 (text, &code) ||
                (event->geo_precision = geo_precision_from_code (code, self->format)) == NULL)
              ROW_ERROR (F_UCDP_WHERE_PREC, "“%s” is not a UCDP where_prec (1 to 7)", text);
          }
        if ((text = value (row, F_UCDP_DATE_PREC)) != NULL &&
            (!parse_int64 (text, &code) || code < 1 || code > 5))
          ROW_ERROR (F_UCDP_DATE_PREC, "“%s” is not a UCDP date_prec (1 to 5)", text);

        if (event->external_id != NULL)
          {
            g_string_printf (self->id_buf, "ucdp:%s", event->external_id);
            event->external_id = self->id_buf->str;
          }

        g_string_assign (self->notes_buf, kinds[violence]);
        if (conflict != NULL)
          g_string_append_printf (self->notes_buf, ": %s", conflict);
        if (dyad != NULL && g_strcmp0 (dyad, conflict) != 0)
          g_string_append_printf (self->notes_buf, " (%s)", dyad);
        if (where != NULL)
          g_string_append_printf (self->notes_buf, ". Where: %s", where);
        event->notes = self->notes_buf->str;
      }
      break;

    case CHRONOMAP_IMPORT_GDELT:
      {
        const char *event_code = value (row, F_GDELT_EVENT_CODE);
        const char *goldstein = value (row, F_GDELT_GOLDSTEIN);
        const char *articles = value (row, F_GDELT_ARTICLES);
        gint64 geo_type = 0;

        event->event_type = gdelt_event_type (value (row, F_GDELT_ROOT_CODE),
                                              &event->sub_event_type);
        /* GDELT's country codes are FIPS 10-4, not ISO: IZ is Iraq. */
        event->country = chronomap_interchange_country_from_fips (value (row, F_GDELT_COUNTRY));
        if (event->external_id != NULL)
          {
            g_string_printf (self->id_buf, "gdelt:%s", event->external_id);
            event->external_id = self->id_buf->str;
          }
        /* ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world
         * city, 5 world state (a first-order division). */
        if ((text = value (row, F_GDELT_GEO_TYPE)) != NULL)
          parse_int64 (text, &geo_type);
        switch (geo_type)
          {
          case 1: event->geo_precision = "country"; break;
          case 2: case 5: event->geo_precision = "admin1"; break;
          case 3: case 4: event->geo_precision = "exact"; break;
          default: event->geo_precision = NULL; break;
          }
        g_string_printf (self->notes_buf, "CAMEO event %s", event_code != NULL ? event_code : "?");
        if (goldstein != NULL)
          g_string_append_printf (self->notes_buf, ", Goldstein scale %s", goldstein);
        if (articles != NULL)
          g_string_append_printf (self->notes_buf, ", %s articles", articles);
        event->notes = self->notes_buf->str;
      }
      break;

    case CHRONOMAP_IMPORT_ACLED:
      if (event->event_type == NULL)
        ROW_ERROR (F_EVENT_TYPE, "the event type is empty");
      break;

    case CHRONOMAP_IMPORT_CSV:
    case CHRONOMAP_IMPORT_GEOJSON:
    default:
      break;
    }

  if (event->event_type == NULL)
    event->event_type = CHRONOMAP_IMPORT_UNKNOWN_TYPE;
  if (event->has_position && event->geo_source == NULL)
    event->geo_source = "source";
  return TRUE;
}

static gboolean
resolve_columns (TableFile    *file,
                 const Alias  *aliases,
                 guint         n_aliases,
                 GError      **error)
{
  ChronomapImporter *self = file->row.importer;
  ChronomapCsvReader *reader = file->reader;
  const char *name = chronomap_csv_reader_get_display_name (reader);

  /* "id;date;location" read as one column: the file is separated by
   * something else, and a missing column would not say so */
  if (chronomap_csv_reader_get_n_columns (reader) == 1)
    {
      const char *header = chronomap_csv_reader_get_column_name (reader, 0);
      const char *found = header != NULL ? strpbrk (header, ";\t|") : NULL;

      if (found != NULL)
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN,
                       "%s:1: the header reads as one column; if “%s” separates the fields, "
                       "say so with --delimiter", name,
                       *found == '\t' ? "\\t" : *found == ';' ? ";" : "|");
          return FALSE;
        }
    }

  for (guint f = 0; f < N_FIELDS; f++)
    file->columns[f] = -1;

  for (guint a = 0; a < n_aliases; a++)
    {
      g_auto(GStrv) names = g_strsplit (aliases[a].names, "|", -1);

      for (guint n = 0; names[n] != NULL && file->columns[aliases[a].field] < 0; n++)
        file->columns[aliases[a].field] = chronomap_csv_reader_find_column (reader, names[n]);
    }

  for (guint f = 0; f < N_FIELDS; f++)
    if (self->user_columns[f] != NULL)
      {
        int column = chronomap_csv_reader_find_column (reader, self->user_columns[f]);

        if (column < 0)
          {
            g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN,
                         "%s:1: the header has no column “%s”", name, self->user_columns[f]);
            return FALSE;
          }
        file->columns[f] = column;
        /* A mapped date is the date, whatever else matched by name. */
        if (f == F_DATE)
          file->columns[F_DATE_START] = -1;
      }

  for (guint f = 0; f < N_FIELDS; f++)
    file->row.names[f] = file->columns[f] >= 0 ?
      g_strdup (chronomap_csv_reader_get_column_name (reader, file->columns[f])) : NULL;

  switch (self->format)
    {
    case CHRONOMAP_IMPORT_ACLED:
      if (file->columns[F_DATE] < 0 && file->columns[F_DATE_START] < 0)
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN,
                       "%s:1: no column “event_date”; is this an ACLED export?", name);
          return FALSE;
        }
      if (file->columns[F_EVENT_TYPE] < 0)
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN,
                       "%s:1: no column “event_type”; is this an ACLED export?", name);
          return FALSE;
        }
      break;
    case CHRONOMAP_IMPORT_UCDP:
      if (file->columns[F_DATE_START] < 0 || file->columns[F_UCDP_TYPE] < 0)
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN,
                       "%s:1: no column “%s”; is this a UCDP GED file?", name,
                       file->columns[F_DATE_START] < 0 ? "date_start" : "type_of_violence");
          return FALSE;
        }
      break;
    case CHRONOMAP_IMPORT_CSV:
      /* a table of years ("year": 2015) is dated by its years */
      if (file->columns[F_DATE] < 0 && file->columns[F_DATE_START] < 0 && file->columns[F_YEAR] >= 0)
        {
          file->columns[F_DATE] = file->columns[F_YEAR];
          file->columns[F_YEAR] = -1;
          file->row.names[F_DATE] = g_steal_pointer (&file->row.names[F_YEAR]);
        }
      if (file->columns[F_DATE] < 0 && file->columns[F_DATE_START] < 0)
        {
          self->lacks_dates = TRUE;
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN,
                       "%s:1: no date column: none is named date, event_date, start_date, date_start, "
                       "day, when or year", name);
          return FALSE;
        }
      break;
    case CHRONOMAP_IMPORT_GDELT:
    case CHRONOMAP_IMPORT_GEOJSON:
    default:
      break;
    }
  return TRUE;
}

/**
 * chronomap_interchange_field_for_name:
 * @name: a property or column name
 *
 * Returns: the field @name holds under the generic names (those of
 *   Chronomap's exports, ACLED's and common synonyms), or -1
 */
int
chronomap_interchange_field_for_name (const char *name)
{
  for (guint a = 0; a < G_N_ELEMENTS (csv_aliases); a++)
    {
      const char *p = csv_aliases[a].names;
      gsize len = strlen (name);

      while (*p != '\0')
        {
          gsize n = strcspn (p, "|");

          if (n == len && g_ascii_strncasecmp (p, name, n) == 0)
            return csv_aliases[a].field;
          p += n;
          if (*p == '|')
            p++;
        }
    }
  return -1;
}

/**
 * chronomap_interchange_field_is_kept:
 * @field: a #Field
 *
 * Returns: whether the events table keeps what @field holds; what it
 *   doesn't (ACLED's inter1, UCDP's where_prec, GDELT's CAMEO code, …) goes
 *   into the event's attributes as it was written
 */
gboolean
chronomap_interchange_field_is_kept (int field)
{
  switch (field)
    {
    case F_INTER1:
    case F_INTER2:
    case F_UCDP_TYPE:
    case F_UCDP_DATE_PREC:
    case F_UCDP_WHERE_PREC:
    case F_UCDP_CONFLICT:
    case F_UCDP_DYAD:
    case F_UCDP_WHERE_DESCRIPTION:
    case F_GDELT_EVENT_CODE:
    case F_GDELT_ROOT_CODE:
    case F_GDELT_GOLDSTEIN:
    case F_GDELT_ARTICLES:
    case F_GDELT_GEO_TYPE:
    case F_GDELT_COUNTRY:
      return FALSE;
    default:
      return field >= 0 && field < N_FIELDS;
    }
}

/**
 * chronomap_interchange_attribute_add:
 * @json: the attributes so far: empty, or an object still open
 * @key: the column or property name
 * @value: (nullable): its text; %NULL or empty adds nothing
 */
void
chronomap_interchange_attribute_add (GString    *json,
                                     const char *key,
                                     const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_string_append (json, json->len == 0 ? "{" : ", ");
  chronomap_json_append_string (json, key);
  g_string_append (json, ": ");
  chronomap_json_append_string (json, value);
}

/**
 * chronomap_interchange_attributes_end:
 * @json: the attributes added to
 *
 * Returns: (nullable): the finished JSON object, owned by @json, or %NULL
 *   when nothing was added
 */
const char *
chronomap_interchange_attributes_end (GString *json)
{
  if (json->len == 0)
    return NULL;
  g_string_append_c (json, '}');
  return json->str;
}

/* The slot of @hash in @table, a new one (value 0) when it had none. */
static SeenSlot *
seen_slot (SeenTable *table,
           guint64    hash)
{
  gsize mask, i;

  if ((table->n + 1) * 2 > table->n_slots)
    {
      SeenSlot *old = table->slots;
      gsize n_old = table->n_slots;

      table->n_slots = MAX (1024, n_old * 2);
      table->slots = g_new0 (SeenSlot, table->n_slots);
      mask = table->n_slots - 1;
      for (gsize j = 0; j < n_old; j++)
        if (old[j].used)
          {
            for (i = old[j].hash & mask; table->slots[i].used; i = (i + 1) & mask)
              ;
            table->slots[i] = old[j];
          }
      g_free (old);
    }

  mask = table->n_slots - 1;
  for (i = hash & mask; table->slots[i].used; i = (i + 1) & mask)
    if (table->slots[i].hash == hash)
      return &table->slots[i];
  table->slots[i].hash = hash;
  table->slots[i].used = TRUE;
  table->n++;
  return &table->slots[i];
}

static void
seen_clear (SeenTable *table)
{
  g_clear_pointer (&table->slots, g_free);
  table->n_slots = 0;
  table->n = 0;
}

/* The 64 bits of a 128-bit hash that a table keys on. */
static guint64
hash_fold (guint64 h1,
           guint64 h2)
{
  return h1 ^ (h2 * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
}

static guint64
hash_text (const char *text)
{
  guint64 h1 = CHRONOMAP_INTERCHANGE_HASH_H1;
  guint64 h2 = CHRONOMAP_INTERCHANGE_HASH_H2;

  chronomap_interchange_hash_field (&h1, &h2, text);
  return hash_fold (h1, h2);
}

/* The key of a row that has no id, made of what it says: the same file
 * imported again (a colleague's spreadsheet, a GeoJSON export) updates
 * its events rather than adding each a second time.  Two alike rows of
 * one import are two events ("Air strike, Raqqa, 2017-08-01" twice is
 * two strikes), so the second is keyed as the second; counted file by
 * file, so that "import A B" is "import A" then "import B".  64 bits: two
 * contents of ten million events share a key once in 300,000 such data
 * sets, and a short key keeps the file and its index small. */
static const char *
content_key (ChronomapImporter             *self,
             const ChronomapInterchangeRow *row)
{
  guint64 h1 = CHRONOMAP_INTERCHANGE_HASH_H1;
  guint64 h2 = CHRONOMAP_INTERCHANGE_HASH_H2;
  guint64 hash, n;

  for (guint i = 0; i < N_FIELDS; i++)
    chronomap_interchange_hash_field (&h1, &h2, row->values[i]);
  chronomap_interchange_hash_field (&h1, &h2, row->attributes);
  hash = hash_fold (h1, h2);
  n = ++seen_slot (&self->contents, hash)->value;

  g_string_printf (self->id_buf, "row:%016" G_GINT64_MODIFIER "x", hash);
  if (n > 1)
    g_string_append_printf (self->id_buf, ".%" G_GUINT64_FORMAT, n);
  return self->id_buf->str;
}

/**
 * chronomap_importer_import_row:
 * @row: the row's fields
 *
 * Converts @row and writes it; a bad row is skipped (and reported) or
 * fails the import, as the flags say.
 *
 * Returns: %FALSE when the import must stop
 */
gboolean
chronomap_importer_import_row (ChronomapImporter        *self,
                               ChronomapInterchangeRow  *row,
                               GError                  **error)
{
  g_autoptr(GError) row_error = NULL;
  ChronomapInterchangeEvent event;

  self->n_rows++;
  if (!convert_row (row, &event, &row_error))
    return chronomap_importer_skip_row (self, &row_error, error);
  if (event.external_id == NULL)
    event.external_id = content_key (self, row);
  else
    {
      /* a later row of a file with an earlier one's id would replace it:
       * one of them is wrong, and neither is dropped unsaid */
      SeenSlot *slot = seen_slot (&self->ids, hash_text (event.external_id));

      if (slot->value != 0)
        {
          g_set_error (&row_error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s:%" G_GUINT64_FORMAT ": %s: “%s” is also the id of line %"
                       G_GUINT64_FORMAT "; each event needs its own",
                       row->display_name, row->line,
                       row->names[F_ID] != NULL ? row->names[F_ID] : "id",
                       value (row, F_ID), slot->value);
          return chronomap_importer_skip_row (self, &row_error, error);
        }
      slot->value = row->line;
    }
  return chronomap_event_writer_write (self->writer, &event, error);
}

static gboolean
looks_like_ucdp_header (ChronomapCsvReader *reader)
{
  const char *first = chronomap_csv_reader_get_field (reader, 0);

  /* A data row starts with the numeric id. */
  return g_ascii_strcasecmp (first, "id") == 0 ||
         (first[0] != '\0' && !g_ascii_isdigit (first[0]));
}

static gboolean
import_table_file (ChronomapImporter  *self,
                   const char         *path,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(ChronomapCsvReader) reader = NULL;
  TableFile file = { .row.importer = self };
  const Alias *aliases;
  guint n_aliases;
  char delimiter = ',';
  ChronomapCsvFlags csv_flags = CHRONOMAP_CSV_DEFAULT;
  gboolean pending_row = FALSE;
  guint n_columns;
  gboolean ok = FALSE;

  switch (self->format)
    {
    case CHRONOMAP_IMPORT_GDELT:
      delimiter = '\t';
      csv_flags = CHRONOMAP_CSV_NO_QUOTES;
      aliases = gdelt_aliases;
      n_aliases = G_N_ELEMENTS (gdelt_aliases);
      break;
    case CHRONOMAP_IMPORT_UCDP:
      aliases = ucdp_aliases;
      n_aliases = G_N_ELEMENTS (ucdp_aliases);
      break;
    case CHRONOMAP_IMPORT_CSV:
      delimiter = self->delimiter;
      if (delimiter == '\0')
        delimiter = g_str_has_suffix (path, ".tsv") || g_str_has_suffix (path, ".tab") ||
                    g_str_has_suffix (path, ".TSV") ? '\t' : ',';
      aliases = csv_aliases;
      n_aliases = G_N_ELEMENTS (csv_aliases);
      break;
    case CHRONOMAP_IMPORT_ACLED:
    case CHRONOMAP_IMPORT_GEOJSON:
    default:
      aliases = acled_aliases;
      n_aliases = G_N_ELEMENTS (acled_aliases);
      break;
    }

  reader = chronomap_csv_reader_open (path, delimiter, csv_flags, error);
  if (reader == NULL)
    return FALSE;
  chronomap_csv_reader_set_max_record (reader, self->max_record);
  file.reader = reader;

  if (self->format == CHRONOMAP_IMPORT_GDELT)
    chronomap_csv_reader_set_header (reader, gdelt_columns);
  else if (self->format == CHRONOMAP_IMPORT_UCDP)
    {
      g_autoptr(GError) local_error = NULL;

      if (!chronomap_csv_reader_next (reader, cancellable, &local_error))
        {
          if (local_error == NULL)
            g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                         "%s: the file is empty", chronomap_csv_reader_get_display_name (reader));
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (looks_like_ucdp_header (reader))
        {
          g_autoptr(GPtrArray) names = g_ptr_array_new ();

          for (guint i = 0; i < chronomap_csv_reader_get_n_fields (reader); i++)
            g_ptr_array_add (names, (gpointer) chronomap_csv_reader_get_field (reader, i));
          g_ptr_array_add (names, NULL);
          chronomap_csv_reader_set_header (reader, (const char * const *) names->pdata);
        }
      else
        {
          if (chronomap_csv_reader_get_n_fields (reader) != g_strv_length ((char **) ucdp_columns))
            {
              g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                           "%s:1: no header line and %u columns; a UCDP GED file without a "
                           "header must have the %u columns of GED 23.1",
                           chronomap_csv_reader_get_display_name (reader),
                           chronomap_csv_reader_get_n_fields (reader),
                           g_strv_length ((char **) ucdp_columns));
              return FALSE;
            }
          chronomap_csv_reader_set_header (reader, ucdp_columns);
          pending_row = TRUE;
        }
    }
  else if (!chronomap_csv_reader_read_header (reader, cancellable, error))
    return FALSE;

  if (!resolve_columns (&file, aliases, n_aliases, error))
    goto out;

  n_columns = chronomap_csv_reader_get_n_columns (reader);
  file.extra = g_array_new (FALSE, FALSE, sizeof (guint));
  file.extra_names = g_ptr_array_new ();
  file.extra_taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  file.attributes = g_string_new (NULL);
  for (guint c = 0; c < n_columns; c++)
    {
      gboolean kept = FALSE;

      for (guint f = 0; f < N_FIELDS && !kept; f++)
        kept = file.columns[f] == (int) c && chronomap_interchange_field_is_kept (f);
      if (!kept)
        {
          g_array_append_val (file.extra, c);
          g_ptr_array_add (file.extra_names,
                           (gpointer) unique_column_name (file.extra_taken,
                                                          chronomap_csv_reader_get_column_name (reader, c)));
        }
    }
  file.row.display_name = chronomap_csv_reader_get_display_name (reader);
  for (guint64 count = 0;; count++)
    {
      g_autoptr(GError) row_error = NULL;

      if ((count & 4095) == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_CANCELLED, "cancelled");
              goto out;
            }
          chronomap_importer_report_progress (self, chronomap_csv_reader_get_offset (reader));
        }

      if (pending_row)
        pending_row = FALSE;
      else if (!chronomap_csv_reader_next (reader, cancellable, &row_error))
        {
          if (row_error == NULL)
            break;
          self->n_rows++;
          if (!chronomap_importer_skip_row (self, &row_error, error))
            goto out;
          continue;
        }

      if (chronomap_csv_reader_get_n_fields (reader) != n_columns)
        {
          self->n_rows++;
          chronomap_csv_reader_set_error (reader, &row_error, -1,
                                          "expected %u fields as in the header, found %u",
                                          n_columns, chronomap_csv_reader_get_n_fields (reader));
          if (!chronomap_importer_skip_row (self, &row_error, error))
            goto out;
          continue;
        }

      for (guint f = 0; f < N_FIELDS; f++)
        file.row.values[f] = file.columns[f] >= 0 ?
          nonempty (chronomap_csv_reader_get_field (reader, file.columns[f])) : NULL;
      g_string_truncate (file.attributes, 0);
      for (guint i = 0; i < file.extra->len; i++)
        {
          guint c = g_array_index (file.extra, guint, i);

          chronomap_interchange_attribute_add (file.attributes, g_ptr_array_index (file.extra_names, i),
                                               chronomap_csv_reader_get_field (reader, c));
        }
      /* A spreadsheet's "year" beside its date is usually the date's;
       * one that says another year (of a report, of a census) is kept. */
      if (self->format == CHRONOMAP_IMPORT_CSV && value (&file.row, F_YEAR) != NULL &&
          value (&file.row, F_DATE) != NULL)
        {
          gint32 day;
          ChronomapDatePrecision precision;
          int y, m, d;

          if (!chronomap_date_parse (value (&file.row, F_DATE), -1, &day, &precision))
            y = G_MININT;
          else
            chronomap_date_to_ymd (day, &y, &m, &d);
          if (g_ascii_strtoll (value (&file.row, F_YEAR), NULL, 10) != y)
            chronomap_interchange_attribute_add (file.attributes, file.row.names[F_YEAR],
                                                 value (&file.row, F_YEAR));
        }
      file.row.attributes = chronomap_interchange_attributes_end (file.attributes);
      file.row.line = chronomap_csv_reader_get_line (reader);
      if (!chronomap_importer_import_row (self, &file.row, error))
        goto out;
    }
  ok = TRUE;

out:
  for (guint f = 0; f < N_FIELDS; f++)
    g_free ((char *) file.row.names[f]);
  g_clear_pointer (&file.extra, g_array_unref);
  if (file.attributes != NULL)
    g_string_free (file.attributes, TRUE);
  if (file.extra_names != NULL)
    g_ptr_array_unref (file.extra_names);
  if (file.extra_taken != NULL)
    g_hash_table_unref (file.extra_taken);
  return ok;
}

static gint64
query_cache_size (ChronomapDatabase *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 size = -2000;

  if (sqlite3_prepare_v2 (chronomap_database_get_handle (db), "PRAGMA cache_size", -1, &stmt,
                          NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return size;
}

static void
restore_cache_size (ChronomapDatabase *db,
                    gint64             size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);

  chronomap_database_exec (db, sql, NULL);
}

/**
 * chronomap_importer_run:
 * @paths: (array zero-terminated=1): the files to import
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error naming the file, line and column
 *
 * Imports @paths in one transaction: either every good row of every file
 * is in the database afterwards, or (on error or cancellation) the database
 * is as it was.  Events with a key already in the database (ACLED's
 * event_id_cnty, UCDP's and GDELT's ids) are updated, not duplicated; a
 * row with no id is keyed by its content, so a file imported twice
 * updates its events the second time.
 *
 * Returns: %TRUE on success
 */
gboolean
chronomap_importer_run (ChronomapImporter   *self,
                        const char * const  *paths,
                        GCancellable        *cancellable,
                        GError             **error)
{
  gint64 before, after, cache_size;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);

  if (!chronomap_database_begin (self->db, error))
    return FALSE;

  /* A million rows touch three indexes at random places (date, location,
   * key); SQLite's default 2 MB page cache would spill to the journal
   * long before the commit.  64 MB keeps it in memory, and is the bound. */
  cache_size = query_cache_size (self->db);
  chronomap_database_exec (self->db, "PRAGMA cache_size = -65536", NULL);

  self->writer = chronomap_event_writer_new (self->db, error);
  if (self->writer == NULL)
    goto fail;
  before = chronomap_event_writer_count (self->writer);

  self->bytes_total = 0;
  self->bytes_before = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      GStatBuf st;

      if (g_stat (paths[i], &st) == 0)
        self->bytes_total += st.st_size;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      gboolean ok;
      GStatBuf st;

      seen_clear (&self->contents);
      seen_clear (&self->ids);
      if (self->format == CHRONOMAP_IMPORT_GEOJSON)
        ok = chronomap_import_geojson_file (self, paths[i], self->time_property,
                                            cancellable, error);
      else
        ok = import_table_file (self, paths[i], cancellable, error);
      if (!ok)
        goto fail;
      if (g_stat (paths[i], &st) == 0)
        self->bytes_before += st.st_size;
      chronomap_importer_report_progress (self, 0);
    }

  /* skipping bad rows is for a few; when no row could be read, the
   * file is not what the format expects, and an empty success would
   * hide that from a script as well as from a person */
  if (self->n_skipped > 0 && chronomap_event_writer_get_n_written (self->writer) == 0)
    {
      const char *first = g_ptr_array_index (self->problems, 0);

      if (self->n_skipped == 1)
        g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                     "the only row could not be read: %s", first);
      else
        g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                     "none of the %llu rows could be read; the first: %s",
                     (unsigned long long) self->n_skipped, first);
      goto fail;
    }

  after = chronomap_event_writer_count (self->writer);
  self->n_inserted = after - before;
  self->n_updated = chronomap_event_writer_get_n_written (self->writer) - self->n_inserted;
  g_clear_pointer (&self->writer, chronomap_event_writer_free);

  if (!chronomap_database_commit (self->db, error))
    {
      chronomap_database_rollback (self->db);
      restore_cache_size (self->db, cache_size);
      return FALSE;
    }
  restore_cache_size (self->db, cache_size);
  return TRUE;

fail:
  g_clear_pointer (&self->writer, chronomap_event_writer_free);
  chronomap_database_rollback (self->db);
  restore_cache_size (self->db, cache_size);
  self->n_inserted = self->n_updated = 0;
  return FALSE;
}

/**
 * chronomap_importer_set_progress_func:
 * @func: (nullable): called as the import advances, at most every few
 *   thousand rows, in the thread that runs the import (with
 *   chronomap_importer_run_async(), in the caller's main context)
 * @user_data: for @func
 * @destroy: (nullable): frees @user_data
 */
void
chronomap_importer_set_progress_func (ChronomapImporter           *self,
                                      ChronomapImportProgressFunc  func,
                                      gpointer                     user_data,
                                      GDestroyNotify               destroy)
{
  g_return_if_fail (self != NULL);

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

void
chronomap_importer_report_progress (ChronomapImporter *self,
                                    guint64            offset_in_file)
{
  if (self->progress_func != NULL)
    self->progress_func (self->bytes_before + offset_in_file, self->bytes_total, self->n_rows,
                         self->progress_data);
}

/* Async: the import runs in a worker thread; progress is passed to the
 * caller's main context. */

typedef struct
{
  char                      **paths;
  GMainContext               *context;
  ChronomapImportProgressFunc func;
  gpointer                    data;
} AsyncData;

typedef struct
{
  ChronomapImportProgressFunc func;
  gpointer                    data;
  guint64                     done;
  guint64                     total;
  guint64                     rows;
} ProgressUpdate;

static void
async_data_free (AsyncData *data)
{
  g_strfreev (data->paths);
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
progress_update_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  update->func (update->done, update->total, update->rows, update->data);
  return G_SOURCE_REMOVE;
}

static void
forward_progress_cb (guint64  done,
                     guint64  total,
                     guint64  rows,
                     gpointer user_data)
{
  AsyncData *data = user_data;
  ProgressUpdate *update = g_new (ProgressUpdate, 1);

  *update = (ProgressUpdate) { data->func, data->data, done, total, rows };
  chronomap_main_context_post (data->context, progress_update_cb, update, g_free);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ChronomapImporter *self = g_object_get_data (G_OBJECT (task), "importer");
  AsyncData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  ok = chronomap_importer_run (self, (const char * const *) data->paths, cancellable, &error);
  if (self->progress_func == forward_progress_cb)
    {
      self->progress_func = data->func;
      self->progress_data = data->data;
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * chronomap_importer_run_async:
 * @self: an importer, not to be used until the import finishes
 * @paths: (array zero-terminated=1): the files to import
 * @cancellable: (nullable): cancels the import (which then changes nothing)
 * @callback: called when the import is done
 * @user_data: for @callback
 *
 * Runs chronomap_importer_run() in a worker thread.  The database must
 * not be used by anyone else meanwhile: open a connection of its own.
 */
void
chronomap_importer_run_async (ChronomapImporter   *self,
                              const char * const  *paths,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (self != NULL);
  g_return_if_fail (paths != NULL);

  data = g_new0 (AsyncData, 1);
  data->paths = g_strdupv ((char **) paths);
  data->context = g_main_context_ref_thread_default ();
  data->func = self->progress_func;
  data->data = self->progress_data;
  if (self->progress_func != NULL)
    {
      /* The caller's function and data stay owned by self. */
      self->progress_func = forward_progress_cb;
      self->progress_data = data;
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronomap_importer_run_async);
  /* The import's own error (in CHRONOMAP_ERROR) says what was cancelled. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_object_set_data (G_OBJECT (task), "importer", self);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * chronomap_importer_run_finish:
 *
 * Returns: %TRUE if the import succeeded
 */
gboolean
chronomap_importer_run_finish (ChronomapImporter  *self,
                               GAsyncResult       *result,
                               GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The longest first record read to guess a format. */
#define GUESS_MAX_RECORD (1024 * 1024)

/* The first line tells a file's separator: GDELT's exports are tab-separated
 * whatever their name, and a .tsv may well hold commas in its fields. */
/**
 * chronomap_import_guess_delimiter:
 * @path: a delimited text file
 *
 * Returns: the separator its first line seems to use: tab, ";" or ","
 */
char
chronomap_import_guess_delimiter (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char buffer[65536];
  gssize n;
  guint tabs = 0, commas = 0, semicolons = 0;

  if (stream == NULL)
    return ',';
  n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, NULL);
  for (gssize i = 0; i < n && buffer[i] != '\n'; i++)
    {
      if (buffer[i] == '\t')
        tabs++;
      else if (buffer[i] == ',')
        commas++;
      else if (buffer[i] == ';')
        semicolons++;
    }
  if (tabs > commas && tabs >= semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

static gboolean
looks_like_json (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  char buffer[256];
  gssize n;

  if (g_str_has_suffix (path, ".geojson") || g_str_has_suffix (path, ".json"))
    return TRUE;
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return FALSE;
  n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, NULL);
  for (gssize i = 0; i < n; i++)
    if (!g_ascii_isspace (buffer[i]))
      return buffer[i] == '{';
  return FALSE;
}

/* From the first record: the projects' own header names, or for files
 * without a header, GDELT's 61 tab-separated columns and UCDP's documented
 * order. */
/**
 * chronomap_import_guess_format:
 * @path: a file to import
 * @delimiter: its separator, if it is delimited text
 *   (chronomap_import_guess_delimiter())
 *
 * Returns: the format the file seems to be in; %CHRONOMAP_IMPORT_CSV when
 *   nothing says otherwise
 */
ChronomapImportFormat
chronomap_import_guess_format (const char *path,
                               char        delimiter)
{
  g_autoptr(ChronomapCsvReader) reader = NULL;
  guint n;

  if (looks_like_json (path))
    return CHRONOMAP_IMPORT_GEOJSON;
  reader = chronomap_csv_reader_open (path, delimiter,
                                      delimiter == '\t' ? CHRONOMAP_CSV_NO_QUOTES : CHRONOMAP_CSV_DEFAULT,
                                      NULL);
  if (reader == NULL)
    return CHRONOMAP_IMPORT_CSV;
  chronomap_csv_reader_set_max_record (reader, GUESS_MAX_RECORD);
  if (!chronomap_csv_reader_next (reader, NULL, NULL))
    return CHRONOMAP_IMPORT_CSV;
  n = chronomap_csv_reader_get_n_fields (reader);
  if (chronomap_is_all_digits (chronomap_csv_reader_get_field (reader, 0)))
    {
      if (delimiter == '\t' && n >= 57)
        return CHRONOMAP_IMPORT_GDELT;
      if (delimiter == ',' && n >= 40)
        return CHRONOMAP_IMPORT_UCDP;
      return CHRONOMAP_IMPORT_CSV;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *name = chronomap_csv_reader_get_field (reader, i);

      if (g_ascii_strcasecmp (name, "event_id_cnty") == 0)
        return CHRONOMAP_IMPORT_ACLED;
      if (g_ascii_strcasecmp (name, "type_of_violence") == 0 ||
          g_ascii_strcasecmp (name, "where_prec") == 0)
        return CHRONOMAP_IMPORT_UCDP;
    }
  return CHRONOMAP_IMPORT_CSV;
}
