/* test-export.c: exporting to GeoJSON, CSV, KML and GeoPackage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "chronomap-database.h"
#include "chronomap-csv.h"
#include "chronomap-date.h"
#include "chronomap-error.h"
#include "chronomap-exporter.h"
#include "chronomap-importer.h"
#include "chronomap-json.h"
#include "chronomap-paths.h"
#include "chronomap-test-utils.h"

#define N_EVENTS 16

static char *
fixture (const char *name)
{
  g_autofree char *rel = g_build_filename ("interchange", name, NULL);

  return chronomap_test_data_path (rel);
}

static void
import_into (const char            *db_path,
             ChronomapImportFormat  format,
             const char            *path)
{
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                &error);
  g_assert_no_error (error);
  importer = chronomap_importer_new (db, format, CHRONOMAP_IMPORT_DEFAULT);
  g_assert_true (chronomap_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
}

/* A database of every kind of fixture: ACLED (day, week and month
 * precision), UCDP (intervals, low/high, sources), GDELT (no position). */
static char *
make_source_db (const char *name)
{
  char *db = chronomap_test_tmp_path (name);
  static const struct
  {
    ChronomapImportFormat format;
    const char *file;
  } inputs[] = {
    { CHRONOMAP_IMPORT_ACLED, "acled-new.csv" },
    { CHRONOMAP_IMPORT_ACLED, "acled-old.csv" },
    { CHRONOMAP_IMPORT_UCDP, "ucdp-ged-23.1-excerpt.csv" },
    { CHRONOMAP_IMPORT_GDELT, "gdelt-events.tsv" },
  };

  g_unlink (db);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *path = fixture (inputs[i].file);

      import_into (db, inputs[i].format, path);
    }
  return db;
}

static void
export (const char            *db_path,
        ChronomapExportFormat  format,
        gint32                 from,
        gint32                 to,
        const char            *out,
        guint64                n_expected)
{
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (chronomap_export_database (db, format, from, to, out, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_expected);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The attributes as key=value pairs sorted by key: the order of the
 * members is not what a round trip must keep. */
static void
append_attributes (GString    *line,
                   const char *json)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  if (json == NULL)
    {
      g_string_append (line, "∅");
      return;
    }
  g_assert_true (chronomap_json_parse_flat_object (json, pairs));
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    g_ptr_array_add (items, g_strconcat (pairs->pdata[i], "=", pairs->pdata[i + 1], NULL));
  g_ptr_array_sort (items, compare_strings);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (line, "%s%s", i > 0 ? ";" : "", (const char *) items->pdata[i]);
}

/* Every event with its source, one line each, sorted: what a round trip
 * must keep. */
static char *
dump_events (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT e.external_id, e.date_start, e.date_end, e.date_precision, e.event_type,"
                   " e.sub_event_type, e.actor1, e.actor2, e.location, e.country, e.latitude,"
                   " e.longitude, e.geo_precision, e.geo_source, e.fatalities, e.fatalities_low,"
                   " e.fatalities_high, e.notes, e.quote, s.title, s.publisher, s.url, s.published, s.full_text,"
                   " e.admin1, e.admin2, e.attributes"
                   " FROM events e LEFT JOIN sources s ON s.id = e.source_id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (int i = 0; i + 1 < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (line, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "∅");
        }
      g_string_append (line, "|");
      append_attributes (line, (const char *) sqlite3_column_text (stmt, sqlite3_column_count (stmt) - 1));
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (out, lines->pdata[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
round_trip (ChronomapExportFormat  export_format,
            ChronomapImportFormat  import_format,
            const char            *name)
{
  g_autofree char *db = make_source_db ("round-trip.sqlite");
  g_autofree char *out = chronomap_test_tmp_path (name);
  g_autofree char *db2 = chronomap_test_tmp_path ("round-trip-2.sqlite");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  export (db, export_format, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, out, N_EVENTS);
  g_unlink (db2);
  import_into (db2, import_format, out);
  before = dump_events (db);
  after = dump_events (db2);
  /* the areas are there to lose: ACLED's and UCDP's, and none for GDELT */
  g_assert_nonnull (strstr (before, "|Idleb|Ariha|"));
  g_assert_nonnull (strstr (before, "|Idlib governorate|Ariha district|"));
  g_assert_nonnull (strstr (before, "|Lunda Sul province|∅|"));
  /* and so are the attributes: ACLED's admin3, UCDP's where_prec, GDELT's
   * CAMEO code */
  g_assert_nonnull (strstr (before, "admin3=Ariha;"));
  g_assert_nonnull (strstr (before, ";where_prec=4\n"));
  g_assert_nonnull (strstr (before, "EventCode=190;"));
  /* and UCDP's source_article, the sources' own words */
  g_assert_nonnull (strstr (before, "|Reuters 1989-05-17 \"ANGOLAN UNITA REBELS BLOW UP POWER LINES"));
  g_assert_cmpstr (after, ==, before);
}

static void
test_csv_round_trip (void)
{
  round_trip (CHRONOMAP_EXPORT_CSV, CHRONOMAP_IMPORT_ACLED, "round-trip.csv");
  round_trip (CHRONOMAP_EXPORT_CSV, CHRONOMAP_IMPORT_CSV, "round-trip.csv");
}

static void
test_geojson_round_trip (void)
{
  round_trip (CHRONOMAP_EXPORT_GEOJSON, CHRONOMAP_IMPORT_GEOJSON, "round-trip.geojson");
}

static void
test_csv_acled_columns (void)
{
  g_autofree char *db = make_source_db ("acled-columns.sqlite");
  g_autofree char *out = chronomap_test_tmp_path ("acled.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  export (db, CHRONOMAP_EXPORT_CSV, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, out, N_EVENTS);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "event_id_cnty,event_date,year,time_precision,"
                                   "event_type,sub_event_type,actor1,actor2,country,admin1,admin2,"
                                   "location,latitude,longitude,geo_precision,source,notes,"
                                   "fatalities,"));
  g_assert_nonnull (strstr (contents, ",Syria,Idleb,Ariha,Ariha,35.8126,"));
  /* ACLED's own codes: a week by its middle day, a month by its 15th. */
  g_assert_nonnull (strstr (contents, "\r\nSYR90003,2023-03-04,2023,2,Protests,"));
  g_assert_nonnull (strstr (contents, "\r\nSYR90002,2023-02-15,2023,3,"));
  g_assert_nonnull (strstr (contents, "Kafr Nabudah,35.4833,36.4,1,SOHR,\"Regime forces advanced on "
                                      "Kafr Nabudah.\r\nThe village was retaken the next day; "
                                      "\"\"fierce\"\" fighting continued.\",23,"));
}

/* The columns the events table has no place for come back out under their
 * own names: ACLED's inter1 and admin3, UCDP's where_prec, GDELT's
 * EventCode; a column Chronomap writes itself (year) only once. */
static void
test_csv_attributes (void)
{
  g_autofree char *db = make_source_db ("attributes.sqlite");
  g_autofree char *out = chronomap_test_tmp_path ("attributes.csv");
  g_autoptr(ChronomapCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  int id, inter1, admin3, where_prec, event_code;
  guint n_year = 0, n_seen = 0;

  export (db, CHRONOMAP_EXPORT_CSV, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, out, N_EVENTS);
  reader = chronomap_csv_reader_open (out, ',', CHRONOMAP_CSV_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (chronomap_csv_reader_read_header (reader, NULL, &error));
  for (guint c = 0; c < chronomap_csv_reader_get_n_columns (reader); c++)
    n_year += g_ascii_strcasecmp (chronomap_csv_reader_get_column_name (reader, c), "year") == 0;
  g_assert_cmpuint (n_year, ==, 1);
  id = chronomap_csv_reader_find_column (reader, "event_id_cnty");
  inter1 = chronomap_csv_reader_find_column (reader, "inter1");
  admin3 = chronomap_csv_reader_find_column (reader, "admin3");
  where_prec = chronomap_csv_reader_find_column (reader, "where_prec");
  event_code = chronomap_csv_reader_find_column (reader, "EventCode");
  g_assert_cmpint (inter1, >=, 0);
  g_assert_cmpint (admin3, >=, 0);
  g_assert_cmpint (where_prec, >=, 0);
  g_assert_cmpint (event_code, >=, 0);
  while (chronomap_csv_reader_next (reader, NULL, &error))
    {
      const char *key = chronomap_csv_reader_get_field (reader, id);

      g_assert_cmpuint (chronomap_csv_reader_get_n_fields (reader), ==,
                        chronomap_csv_reader_get_n_columns (reader));
      if (g_strcmp0 (key, "SYR90001") == 0)
        {
          g_assert_cmpstr (chronomap_csv_reader_get_field (reader, inter1), ==, "State forces");
          g_assert_cmpstr (chronomap_csv_reader_get_field (reader, admin3), ==, "Ariha");
          g_assert_cmpstr (chronomap_csv_reader_get_field (reader, where_prec), ==, "");
          n_seen++;
        }
      else if (g_strcmp0 (key, "ucdp:21300") == 0)
        {
          g_assert_cmpstr (chronomap_csv_reader_get_field (reader, where_prec), ==, "4");
          n_seen++;
        }
      else if (g_strcmp0 (key, "gdelt:1100000001") == 0)
        {
          g_assert_cmpstr (chronomap_csv_reader_get_field (reader, event_code), ==, "190");
          n_seen++;
        }
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_seen, ==, 3);
}

/* An event's own field named like a column of the format (a country
 * Chronomap has no code for, kept as "country"; a spreadsheet's second
 * date column "event_date") is written under a name of its own, never
 * left out: "country_2", as GIS tools name a second field of a name. */
static void
test_name_clash (void)
{
  g_autofree char *db = chronomap_test_tmp_path ("clash.sqlite");
  g_autofree char *input = chronomap_test_tmp_path ("clash-input.csv");
  g_autofree char *csv = chronomap_test_tmp_path ("clash.csv");
  g_autofree char *kml = chronomap_test_tmp_path ("clash.kml");
  g_autofree char *gpkg = chronomap_test_tmp_path ("clash.gpkg");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *row = NULL;

  g_unlink (db);
  g_assert_true (g_file_set_contents (input, "id,date,event_date,place,country,latitude,longitude\n"
                                             "k1,2019-03-01,1 March 2019,Ain Issa,Rojava,36.38,38.86\n",
                                      -1, NULL));
  import_into (db, CHRONOMAP_IMPORT_CSV, input);

  export (db, CHRONOMAP_EXPORT_CSV, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, csv, 1);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_true (g_str_has_suffix (lines[0], ",event_date_2,country_2"));
  g_assert_true (g_str_has_suffix (lines[1], ",1 March 2019,Rojava"));
  g_clear_pointer (&contents, g_free);

  export (db, CHRONOMAP_EXPORT_KML, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, kml, 1);
  g_assert_true (g_file_get_contents (kml, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<Data name=\"country_2\"><value>Rojava</value></Data>"));

  export (db, CHRONOMAP_EXPORT_GPKG, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, gpkg, 1);
  row = chronomap_test_query (gpkg, "SELECT country_2 FROM events");
  g_assert_cmpstr (row, ==, "Rojava");
}

static void
test_geojson_parses (void)
{
  g_autofree char *db = make_source_db ("geojson.sqlite");
  g_autofree char *out = chronomap_test_tmp_path ("events.geojson");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *features;
  guint n_intervals = 0, n_dates = 0, n_null = 0;

  export (db, CHRONOMAP_EXPORT_GEOJSON, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, out,
          N_EVENTS);
  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "FeatureCollection");
  features = json_object_get_array_member (root, "features");
  g_assert_cmpuint (json_array_get_length (features), ==, N_EVENTS);

  for (guint i = 0; i < N_EVENTS; i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      JsonObject *time = json_object_get_object_member (feature, "time");
      JsonObject *properties = json_object_get_object_member (feature, "properties");
      JsonNode *geometry = json_object_get_member (feature, "geometry");

      g_assert_cmpstr (json_object_get_string_member (feature, "type"), ==, "Feature");
      g_assert_nonnull (time);
      g_assert_nonnull (json_object_get_string_member (properties, "event_type"));
      if (json_object_has_member (time, "interval"))
        {
          JsonArray *interval = json_object_get_array_member (time, "interval");
          gint32 a, b;

          g_assert_cmpuint (json_array_get_length (interval), ==, 2);
          g_assert_true (chronomap_date_parse (json_array_get_string_element (interval, 0), -1,
                                               &a, NULL));
          g_assert_true (chronomap_date_parse (json_array_get_string_element (interval, 1), -1,
                                               &b, NULL));
          g_assert_cmpint (a, <, b);
          n_intervals++;
        }
      else
        {
          g_assert_nonnull (json_object_get_string_member (time, "date"));
          n_dates++;
        }
      if (JSON_NODE_HOLDS_NULL (geometry))
        n_null++;
      else
        {
          JsonObject *point = json_node_get_object (geometry);
          JsonArray *coordinates = json_object_get_array_member (point, "coordinates");
          double lon = json_array_get_double_element (coordinates, 0);
          double lat = json_array_get_double_element (coordinates, 1);

          g_assert_cmpstr (json_object_get_string_member (point, "type"), ==, "Point");
          g_assert_cmpfloat (fabs (lat), <=, 90);
          g_assert_cmpfloat (fabs (lon), <=, 180);
        }
    }
  /* Month precision, ACLED's week, UCDP's multi-day events. */
  g_assert_cmpuint (n_intervals, ==, 5);
  g_assert_cmpuint (n_dates, ==, N_EVENTS - 5);
  g_assert_cmpuint (n_null, ==, 1);
}

typedef struct
{
  guint    n_placemarks;
  guint    n_timestamps;
  guint    n_timespans;
  guint    n_points;
  GString *text;
  GPtrArray *whens;
} KmlState;

static void
kml_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  KmlState *state = user_data;

  if (strcmp (element, "Placemark") == 0)
    state->n_placemarks++;
  else if (strcmp (element, "TimeStamp") == 0)
    state->n_timestamps++;
  else if (strcmp (element, "TimeSpan") == 0)
    state->n_timespans++;
  else if (strcmp (element, "Point") == 0)
    state->n_points++;
  g_string_truncate (state->text, 0);
}

static void
kml_end_cb (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  KmlState *state = user_data;

  if (strcmp (element, "when") == 0)
    g_ptr_array_add (state->whens, g_strdup (state->text->str));
}

static void
kml_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 len,
             gpointer              user_data,
             GError              **error)
{
  KmlState *state = user_data;

  g_string_append_len (state->text, text, len);
}

/* Coordinates come from the file's numbers: text in a foreign file's
 * latitude column (a place name, or JSON of its choosing) never reaches the
 * output, and the event is exported without a position. */
static void
test_coordinates_from_numbers (void)
{
  g_autofree char *db = chronomap_test_make_db ("text-coordinates.sqlite",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, date_start TEXT, event_type TEXT, location TEXT,"
    "                     latitude, longitude);"
    "INSERT INTO events VALUES (1, '2019-03-19', 'Battles', 'Baghouz', '1], \"injected\": [2', '3');"
    "INSERT INTO events VALUES (2, '2019-03-20', 'Battles', 'Baghouz', 34.4847, 40.9350);");
  g_autofree char *out = chronomap_test_tmp_path ("text-coordinates.geojson");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *features;

  export (db, CHRONOMAP_EXPORT_GEOJSON, G_MININT32, G_MAXINT32, out, 2);
  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      JsonNode *geometry = json_object_get_member (feature, "geometry");

      g_assert_false (json_object_has_member (feature, "injected"));
      if (JSON_NODE_HOLDS_NULL (geometry))
        continue;
      {
        JsonArray *coordinates = json_object_get_array_member (json_node_get_object (geometry), "coordinates");

        g_assert_cmpuint (json_array_get_length (coordinates), ==, 2);
        g_assert_cmpfloat_with_epsilon (json_array_get_double_element (coordinates, 0), 40.935, 1e-6);
        g_assert_cmpfloat_with_epsilon (json_array_get_double_element (coordinates, 1), 34.4847, 1e-6);
      }
    }
}

/* Parses the KML file at @path into @state, which must be well-formed
 * XML; returns its text. */
static char *
parse_kml (const char *path,
           KmlState   *state)
{
  static const GMarkupParser parser = { kml_start_cb, kml_end_cb, kml_text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS, state, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_kml_parses (void)
{
  g_autofree char *db = make_source_db ("kml.sqlite");
  g_autofree char *out = chronomap_test_tmp_path ("events.kml");
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) whens = g_ptr_array_new_with_free_func (g_free);
  KmlState state = { .text = text, .whens = whens };

  export (db, CHRONOMAP_EXPORT_KML, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, out, N_EVENTS);
  contents = parse_kml (out, &state);
  g_assert_true (g_str_has_prefix (contents, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                   "<kml xmlns=\"http://www.opengis.net/kml/2.2\">"));

  g_assert_cmpuint (state.n_placemarks, ==, N_EVENTS);
  g_assert_cmpuint (state.n_timestamps + state.n_timespans, ==, N_EVENTS);
  /* ACLED's week and UCDP's multi-day events are spans; a month stays a
   * month in <when>. */
  g_assert_cmpuint (state.n_timespans, ==, 3);
  g_assert_cmpuint (state.n_points, ==, N_EVENTS - 1);
  g_assert_true (g_ptr_array_find_with_equal_func (whens, "2023-02", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (whens, "2019-05-16", g_str_equal, NULL));
  /* The attributes, as ExtendedData. */
  g_assert_nonnull (strstr (contents, "<Data name=\"admin3\"><value>Ariha</value></Data>"));
  g_assert_nonnull (strstr (contents, "<Data name=\"where_prec\"><value>4</value></Data>"));
}

/* A control character that came in with the data (a stray \x01 in a
 * note) cannot be written in XML 1.0, not even as "&#x1;": the KML
 * stays well-formed, with U+FFFD where it was. */
static void
test_kml_control_characters (void)
{
  g_autofree char *db = chronomap_test_tmp_path ("kml-control.sqlite");
  g_autofree char *csv = chronomap_test_tmp_path ("kml-control.csv");
  g_autofree char *out = chronomap_test_tmp_path ("kml-control.kml");
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) whens = g_ptr_array_new_with_free_func (g_free);
  KmlState state = { .text = text, .whens = whens };

  g_unlink (db);
  g_assert_true (g_file_set_contents (csv, "id,date,place,type,notes,latitude,longitude\n"
                                      "A1,2019-03-19,Raqqa,Battles,\"a\x01" "b\x1f" "<c>\",35.95,39.01\n",
                                      -1, NULL));
  import_into (db, CHRONOMAP_IMPORT_CSV, csv);
  export (db, CHRONOMAP_EXPORT_KML, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, out, 1);
  contents = parse_kml (out, &state);
  g_assert_null (strstr (contents, "&#x1;"));
  g_assert_null (strchr (contents, '\x01'));
  g_assert_nonnull (strstr (contents, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD&lt;c&gt;"));
  g_assert_cmpuint (state.n_placemarks, ==, 1);
}

static void
test_gpkg (void)
{
  g_autofree char *db_path = make_source_db ("gpkg.sqlite");
  g_autofree char *out = chronomap_test_tmp_path ("events.gpkg");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0, n_null = 0;

  export (db_path, CHRONOMAP_EXPORT_GPKG, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, out,
          N_EVENTS);
  g_assert_cmpint (sqlite3_open_v2 (out, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  /* The header: application_id 'GPKG' and version 1.3. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0x47504B47);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 10300);
  sqlite3_finalize (stmt);

  /* The required tables and their rows. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat(srs_id) FROM (SELECT srs_id FROM "
                                       "gpkg_spatial_ref_sys ORDER BY srs_id)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "-1,0,4326");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT c.data_type, c.srs_id, g.column_name, "
                                       "g.geometry_type_name, g.srs_id, g.z, g.m, c.min_x <= c.max_x "
                                       "FROM gpkg_contents c JOIN gpkg_geometry_columns g "
                                       "USING (table_name) WHERE table_name = 'events'", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "features");
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 4326);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "geom");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "POINT");
  g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 4326);
  g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 6), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 7), ==, 1);
  sqlite3_finalize (stmt);

  /* Every geometry decodes to the event's own coordinates. */
  /* The attributes, as columns of their own. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT admin3, inter1, where_prec, EventCode FROM events"
                                       " WHERE external_id IN ('SYR90001', 'ucdp:21300',"
                                       " 'gdelt:1100000001') ORDER BY external_id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Ariha");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "State forces");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "190");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "4");
  sqlite3_finalize (stmt);

  /* The source's text, as UCDP's source_article gave it. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT source_text FROM events"
                                       " WHERE external_id = 'ucdp:21300'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 0), "Reuters 1989-05-17"));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT geom, longitude, latitude, time_start, "
                                       "time_end FROM events", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const guint8 *blob = sqlite3_column_blob (stmt, 0);
      gint32 a, b;

      n++;
      g_assert_true (chronomap_date_parse ((const char *) sqlite3_column_text (stmt, 3), -1, &a,
                                           NULL));
      g_assert_true (chronomap_date_parse ((const char *) sqlite3_column_text (stmt, 4), -1, &b,
                                           NULL));
      g_assert_cmpint (a, <=, b);
      if (blob == NULL)
        {
          n_null++;
          continue;
        }
      {
        gint32 srs_id;
        guint32 type;
        double x, y;

        g_assert_cmpint (sqlite3_column_bytes (stmt, 0), ==, 29);
        g_assert_cmpint (blob[0], ==, 'G');
        g_assert_cmpint (blob[1], ==, 'P');
        g_assert_cmpint (blob[2], ==, 0);         /* version 1 */
        g_assert_cmpint (blob[3], ==, 0x01);      /* little-endian, no envelope */
        memcpy (&srs_id, blob + 4, 4);
        g_assert_cmpint (GINT32_FROM_LE (srs_id), ==, 4326);
        g_assert_cmpint (blob[8], ==, 1);         /* WKB little-endian */
        memcpy (&type, blob + 9, 4);
        g_assert_cmpuint (GUINT32_FROM_LE (type), ==, 1);
        memcpy (&x, blob + 13, 8);
        memcpy (&y, blob + 21, 8);
        g_assert_cmpfloat (x, ==, sqlite3_column_double (stmt, 1));
        g_assert_cmpfloat (y, ==, sqlite3_column_double (stmt, 2));
      }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT admin1, admin2 FROM events WHERE "
                                       "external_id = 'SYR10001'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Hama");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "As-Suqaylabiyah");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n, ==, N_EVENTS);
  g_assert_cmpuint (n_null, ==, 1);

  /* opened as an event database by mistake, it is called what it is,
   * not a database of a newer Chronomap */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChronomapDatabase) opened = chronomap_database_open (out, CHRONOMAP_DATABASE_READ_ONLY,
                                                                   &error);

    g_assert_null (opened);
    g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE);
    g_assert_nonnull (strstr (error->message, "is a GeoPackage, not a Chronomap event database"));
  }
}

static void
test_window (void)
{
  g_autofree char *db = make_source_db ("window.sqlite");
  g_autofree char *out = chronomap_test_tmp_path ("window.csv");

  /* 2023-02 (a month) overlaps 2023-02-20…2023-03-02; so does the week
   * 2023-03-01…07. */
  export (db, CHRONOMAP_EXPORT_CSV, chronomap_date_from_ymd (2023, 2, 20),
          chronomap_date_from_ymd (2023, 3, 2), out, 2);
  export (db, CHRONOMAP_EXPORT_CSV, chronomap_date_from_ymd (2019, 1, 1),
          chronomap_date_from_ymd (2019, 12, 31), out, 3);
  export (db, CHRONOMAP_EXPORT_CSV, chronomap_date_from_ymd (1989, 5, 16), CHRONOMAP_DAY_INVALID,
          out, N_EVENTS);
  export (db, CHRONOMAP_EXPORT_CSV, CHRONOMAP_DAY_INVALID, chronomap_date_from_ymd (1989, 5, 9),
          out, 0);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint64   n;
  GError   *error;
  guint     n_progress;
  guint64   progress_done;
  guint64   progress_total;
} ExportState;

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportState *state = user_data;

  state->ok = chronomap_export_file_finish (result, &state->n, &state->error);
  state->done = TRUE;
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  ExportState *state = user_data;

  /* Always before the result, never backwards, never past the end. */
  g_assert_false (state->done);
  g_assert_cmpuint (done, >=, state->progress_done);
  g_assert_cmpuint (done, <=, total);
  state->progress_done = done;
  state->progress_total = total;
  state->n_progress++;
}

/* The ids of the events of @db_path whose external id starts with
 * @prefix, in ascending order. */
static GArray *
ids_with_prefix (const char *db_path,
                 const char *prefix)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM events WHERE external_id LIKE ?1 || '%'"
                                       " ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static void
test_async (void)
{
  g_autofree char *db = make_source_db ("async.sqlite");
  g_autofree char *out = chronomap_test_tmp_path ("async.gpkg");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) ucdp = ids_with_prefix (db, "ucdp:");
  ChronomapExportSelection selection = {
    CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, (const gint64 *) ucdp->data, ucdp->len
  };
  ExportState state = { 0 };
  sqlite3 *gpkg = NULL;
  sqlite3_stmt *stmt = NULL;

  chronomap_export_file_async (db, CHRONOMAP_EXPORT_GPKG, NULL, out, progress_cb, &state, NULL,
                               export_done_cb, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.n, ==, N_EVENTS);
  g_assert_cmpuint (state.n_progress, >=, 2);
  g_assert_cmpuint (state.progress_total, ==, N_EVENTS);
  g_assert_cmpuint (state.progress_done, ==, N_EVENTS);

  /* Only the events the app's filters let through: here, UCDP's. */
  g_assert_cmpuint (ucdp->len, >, 0);
  g_assert_cmpuint (ucdp->len, <, N_EVENTS);
  memset (&state, 0, sizeof state);
  chronomap_export_file_async (db, CHRONOMAP_EXPORT_GPKG, &selection, out, NULL, NULL, NULL,
                               export_done_cb, &state);
  /* The selection was copied. */
  g_array_set_size (ucdp, 0);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.n, ==, selection.n_ids);
  g_assert_cmpint (sqlite3_open_v2 (out, &gpkg, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (gpkg, "SELECT count(*), sum(external_id LIKE 'ucdp:%')"
                                       " FROM events", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, selection.n_ids);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, selection.n_ids);
  sqlite3_finalize (stmt);
  sqlite3_close (gpkg);

  /* A filter that lets nothing through exports nothing, not everything. */
  {
    static const gint64 none = 0;
    ChronomapExportSelection nothing = {
      CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, &none, 0
    };

    memset (&state, 0, sizeof state);
    chronomap_export_file_async (db, CHRONOMAP_EXPORT_GPKG, &nothing, out, NULL, NULL, NULL,
                                 export_done_cb, &state);
    while (!state.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (state.error);
    g_assert_cmpuint (state.n, ==, 0);
  }

  /* Cancelled: no file is left behind. */
  g_unlink (out);
  memset (&state, 0, sizeof state);
  g_cancellable_cancel (cancellable);
  chronomap_export_file_async (db, CHRONOMAP_EXPORT_GPKG, NULL, out, NULL, NULL, cancellable,
                               export_done_cb, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (state.error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* A GeoJSON whose features have more properties between them than a
 * SQLite table has columns: the GeoPackage keeps the first as columns and
 * every one in a JSON column. */
static void
test_gpkg_many_attributes (void)
{
  g_autofree char *geojson = chronomap_test_tmp_path ("many.geojson");
  g_autofree char *db = chronomap_test_tmp_path ("many.sqlite");
  g_autofree char *out = chronomap_test_tmp_path ("many.gpkg");
  g_autoptr(GString) text = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  sqlite3 *gpkg = NULL;
  sqlite3_stmt *stmt = NULL;

  for (guint f = 0; f < 3; f++)
    {
      g_string_append_printf (text, "%s{\"type\": \"Feature\", \"geometry\": {\"type\": "
                              "\"Point\", \"coordinates\": [40.9, 34.4]}, \"properties\": "
                              "{\"date\": \"2019-03-1%u\", \"event_type\": \"Battles\"",
                              f > 0 ? ", " : "", f);
      for (guint k = 0; k < 800; k++)
        g_string_append_printf (text, ", \"tag_%u_%u\": \"v%u\"", f, k, k);
      g_string_append (text, "}}");
    }
  g_string_append (text, "]}");
  g_assert_true (g_file_set_contents (geojson, text->str, text->len, NULL));
  g_unlink (db);
  import_into (db, CHRONOMAP_IMPORT_GEOJSON, geojson);

  export (db, CHRONOMAP_EXPORT_GPKG, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, out, 3);
  g_assert_cmpint (sqlite3_open_v2 (out, &gpkg, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (gpkg, "SELECT count(*) FROM pragma_table_info('events')", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), <=, 2000);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >, 1900);
  sqlite3_finalize (stmt);
  /* the first feature's keys as columns, the last one's in the JSON */
  g_assert_cmpint (sqlite3_prepare_v2 (gpkg, "SELECT tag_0_5, chronomap_attributes FROM events"
                                       " ORDER BY date_start DESC", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_null (sqlite3_column_text (stmt, 0));
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 1), "\"tag_2_799\": \"v799\""));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "v5");
  sqlite3_finalize (stmt);
  sqlite3_close (gpkg);
}

static void
test_cli (void)
{
  g_autofree char *db = make_source_db ("cli.sqlite");
  g_autofree char *out = chronomap_test_tmp_path ("cli.kml");
  g_autofree char *missing = chronomap_test_tmp_path ("missing.sqlite");
  const char *cli = g_getenv ("CHRONOMAP_CLI");
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = { cli, "export", "--format", "kml", "--from", "2019", "--to", "2019-06",
                         db, out, NULL };
  const char *bad_argv[] = { cli, "export", "--format", "shp", db, out, NULL };
  const char *missing_argv[] = { cli, "export", "-f", "csv", missing, out, NULL };

  g_assert_nonnull (cli);
  umask (022);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &stdout_text, &stderr_text, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_str_has_prefix (stdout_text, "Exported 2 events to "));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  /* a file the user saves, readable as the umask (022 here) says, not a
   * temporary file's owner-only mode */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (out, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  }
  g_clear_pointer (&stdout_text, g_free);
  g_clear_pointer (&stderr_text, g_free);

  g_assert_true (g_spawn_sync (NULL, (char **) bad_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &stdout_text, &stderr_text, &status, &error));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_clear_pointer (&stdout_text, g_free);
  g_clear_pointer (&stderr_text, g_free);

  g_unlink (out);
  g_assert_true (g_spawn_sync (NULL, (char **) missing_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &stdout_text, &stderr_text, &status, &error));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* An export written over the database it reads (a slip of the
 * keyboard: the same name, or a link to it) is refused, and the file is
 * left as it was; the CLI takes the format from the output's name. */
static void
test_onto_itself (void)
{
  g_autofree char *db_path = make_source_db ("itself.sqlite");
  g_autofree char *link = chronomap_test_tmp_path ("itself-link.geojson");
  g_autofree char *out = chronomap_test_tmp_path ("itself-out.geojson");
  g_autofree char *before = chronomap_test_file_checksum (db_path);
  g_autofree char *after = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CHRONOMAP_CLI");
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  int status;

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (chronomap_export_database (db, CHRONOMAP_EXPORT_CSV, CHRONOMAP_DAY_INVALID,
                                             CHRONOMAP_DAY_INVALID, db_path, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "itself.sqlite"));
  g_assert_nonnull (strstr (error->message, "is the event database being exported"));
  g_clear_error (&error);

  g_unlink (link);
  g_assert_cmpint (symlink (db_path, link), ==, 0);
  g_assert_false (chronomap_export_database (db, CHRONOMAP_EXPORT_GEOJSON, CHRONOMAP_DAY_INVALID,
                                             CHRONOMAP_DAY_INVALID, link, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&db);
  after = chronomap_test_file_checksum (db_path);
  g_assert_cmpstr (after, ==, before);

  /* no --format: the name says GeoJSON */
  g_assert_nonnull (cli);
  g_unlink (out);
  {
    const char *argv[] = { cli, "export", db_path, out, NULL };
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &stdout_text, &stderr_text, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    g_assert_true (json_parser_load_from_file (parser, out, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                    "type"), ==, "FeatureCollection");
  }
}

/* The features of the GeoJSON at @path by their location name. */
static JsonObject *
feature_at (JsonParser *parser,
            const char *location)
{
  JsonArray *features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                      "features");

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      JsonObject *props = json_object_get_object_member (f, "properties");

      if (g_strcmp0 (json_object_get_string_member_with_default (props, "location", NULL), location) == 0)
        return f;
    }
  return NULL;
}

static void
export_with_cli (const char  *db,
                 const char  *out,
                 gboolean     geocode,
                 JsonParser  *parser)
{
  const char *cli = g_getenv ("CHRONOMAP_CLI");
  const char *argv[] = { cli, "export", "-f", "geojson", db, out, geocode ? NULL : "--no-geocode", NULL };
  g_autofree char *stdout_text = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &stdout_text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
}

/* An export writes what the map shows: the events the file gives no
 * coordinates for go where the geocoder puts them, said to be geocoded;
 * those the file places keep its coordinates; the file is left as it was. */
static void
test_cli_geocoded (void)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (),
    "INSERT INTO events (date_start, event_type, location, country) VALUES "
    "('2017-10-17', 'Battles', 'Raqqa', 'SY');"
    "INSERT INTO events (date_start, event_type, location, country) VALUES "
    "('2019-03-19', 'Battles', 'Qwxzq Zzqx', 'SY');"
    "INSERT INTO events (date_start, event_type, location, country, latitude, longitude, geo_source) VALUES "
    "('2019-03-23', 'Battles', 'Baghouz', 'SY', 34.46, 40.95, 'analyst');",
    NULL);
  g_autofree char *db = chronomap_test_make_db ("geocoded.sqlite", sql);
  g_autofree char *out = chronomap_test_tmp_path ("geocoded.geojson");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *f;
  JsonArray *xy;

  g_assert_true (g_file_get_contents (db, &before, &before_len, NULL));
  export_with_cli (db, out, TRUE, parser);

  f = feature_at (parser, "Raqqa");
  g_assert_nonnull (f);
  g_assert_false (json_object_get_null_member (f, "geometry"));
  xy = json_object_get_array_member (json_object_get_object_member (f, "geometry"), "coordinates");
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (xy, 0), 39.01, 0.1);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (xy, 1), 35.95, 0.1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (f, "properties"), "geo_source"),
                   ==, "chronomap geocoder");

  /* a name found nowhere stays without a place, and stays in the export */
  f = feature_at (parser, "Qwxzq Zzqx");
  g_assert_nonnull (f);
  g_assert_true (json_object_get_null_member (f, "geometry"));

  f = feature_at (parser, "Baghouz");
  g_assert_nonnull (f);
  xy = json_object_get_array_member (json_object_get_object_member (f, "geometry"), "coordinates");
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (xy, 0), 40.95, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (xy, 1), 34.46, 1e-6);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (f, "properties"), "geo_source"),
                   ==, "analyst");

  g_assert_true (g_file_get_contents (db, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  /* --no-geocode: the file's own coordinates only */
  export_with_cli (db, out, FALSE, parser);
  f = feature_at (parser, "Raqqa");
  g_assert_nonnull (f);
  g_assert_true (json_object_get_null_member (f, "geometry"));
}

/* Geocoding is no reason for an export to fail: a row the app leaves out
 * (a date that is no date) is left out here too, and without a gazetteer
 * the file's own coordinates are written, with a word on stderr. */
static void
test_cli_geocoded_robust (void)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (),
    "INSERT INTO events (date_start, event_type, location, country, latitude, longitude) VALUES "
    "('2019-03-23', 'Battles', 'Baghouz', 'SY', 34.46, 40.95), "
    "('2017-10-17', 'Battles', 'Mosul', 'IQ', NULL, NULL), "
    "('not a date', 'Battles', 'Raqqa', 'SY', NULL, NULL);",
    NULL);
  g_autofree char *db = chronomap_test_make_db ("robust.sqlite", sql);
  g_autofree char *out = chronomap_test_tmp_path ("robust.geojson");
  g_autofree char *empty = g_dir_make_tmp ("no-data-XXXXXX", NULL);
  const char *cli = g_getenv ("CHRONOMAP_CLI");
  const char *argv[] = { cli, "export", "-f", "geojson", db, out, NULL };
  g_auto(GStrv) env = NULL;

  g_assert_nonnull (cli);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree char *stdout_text = NULL;
      g_autofree char *stderr_text = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      env = g_get_environ ();
      /* the second time, no bundled data at all */
      if (pass == 1)
        env = g_environ_setenv (env, "CHRONOMAP_DATA_DIR", empty, TRUE);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                                   &stdout_text, &stderr_text, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_assert_true (g_str_has_prefix (stdout_text, "Exported 2 events to "));
      if (pass == 1)
        g_assert_nonnull (strstr (stderr_text, "places not looked up"));
      g_clear_pointer (&env, g_strfreev);
    }
  g_rmdir (empty);
}

/* ACLED's geo_precision column holds ACLED's codes only, so that pandas
 * or R read a column of numbers; Chronomap's location_precision keeps the
 * word a code rounds (a district, a country), and a re-import restores it. */
static void
test_csv_location_precision (void)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (),
    "INSERT INTO events (external_id, date_start, event_type, location, latitude, longitude, geo_precision) VALUES "
    "('P1', '2019-03-01', 'Battles', 'Duma district', 33.57, 36.40, 'admin2'), "
    "('P2', '2019-03-02', 'Battles', 'Syria', 35.0, 38.5, 'country'), "
    "('P3', '2019-03-03', 'Battles', 'Baghouz', 34.46, 40.95, 'exact');",
    NULL);
  g_autofree char *db = chronomap_test_make_db ("precision.sqlite", sql);
  g_autofree char *out = chronomap_test_tmp_path ("precision.csv");
  g_autofree char *contents = NULL;

  export (db, CHRONOMAP_EXPORT_CSV, CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, out, 3);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ",Duma district,33.57,36.4,2,"));
  g_assert_nonnull (strstr (contents, ",Syria,35.0,38.5,3,"));
  g_assert_nonnull (strstr (contents, ",Baghouz,34.46,40.95,1,"));
  g_assert_nonnull (strstr (contents, ",location_precision"));

  for (guint f = 0; f < 2; f++)
    {
      g_autofree char *back = chronomap_test_tmp_path ("precision-back.sqlite");
      g_autoptr(ChronomapDatabase) d = NULL;
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt = NULL;
      guint n = 0;

      g_unlink (back);
      import_into (back, f == 0 ? CHRONOMAP_IMPORT_CSV : CHRONOMAP_IMPORT_ACLED, out);
      d = chronomap_database_open (back, CHRONOMAP_DATABASE_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_prepare_v2 (chronomap_database_get_handle (d),
                                           "SELECT location, geo_precision FROM events ORDER BY date_start",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          static const char * const expected[] = { "admin2", "country", "exact" };

          g_assert_cmpuint (n, <, 3);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected[n]);
          n++;
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (n, ==, 3);
    }
}

/* A save dialog starts beside the data: the folder of the open file or of
 * the file imported; for the bundled sample or a file among the system's
 * data, in the user's folder for such files (here, with none, home). */
static void
test_save_folder (void)
{
  g_autofree char *csv = chronomap_test_tmp_path ("beside.csv");
  g_autofree char *tmp = g_path_get_dirname (csv);
  g_autofree char *beside = NULL;
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autofree char *for_sample = NULL;
  g_autofree char *system_file = g_build_filename (g_get_system_data_dirs ()[0], "events.sqlite", NULL);
  g_autofree char *for_system = NULL;
  g_autofree char *for_nothing = NULL;
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
  const char *fallback = pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR) ? pictures
                                                                                           : g_get_home_dir ();

  g_assert_true (g_file_set_contents (csv, "date\n", -1, NULL));
  beside = chronomap_paths_save_folder (csv, G_USER_DIRECTORY_PICTURES);
  g_assert_cmpstr (beside, ==, tmp);

  for_sample = chronomap_paths_save_folder (sample, G_USER_DIRECTORY_PICTURES);
  g_test_message ("sample %s: %s", sample, for_sample);
  g_assert_cmpstr (for_sample, ==, fallback);

  g_assert_cmpint (g_mkdir_with_parents (g_get_system_data_dirs ()[0], 0755), ==, 0);
  g_assert_true (g_file_set_contents (system_file, "", 0, NULL));
  for_system = chronomap_paths_save_folder (system_file, G_USER_DIRECTORY_PICTURES);
  g_assert_cmpstr (for_system, ==, fallback);

  for_nothing = chronomap_paths_save_folder (NULL, G_USER_DIRECTORY_PICTURES);
  g_assert_cmpstr (for_nothing, ==, fallback);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/export/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/chronomap/export/save-folder", test_save_folder);
  g_test_add_func ("/chronomap/export/name-clash", test_name_clash);
  g_test_add_func ("/chronomap/export/geojson-round-trip", test_geojson_round_trip);
  g_test_add_func ("/chronomap/export/csv-acled-columns", test_csv_acled_columns);
  g_test_add_func ("/chronomap/export/csv-attributes", test_csv_attributes);
  g_test_add_func ("/chronomap/export/csv-location-precision", test_csv_location_precision);
  g_test_add_func ("/chronomap/export/geojson-parses", test_geojson_parses);
  g_test_add_func ("/chronomap/export/coordinates-from-numbers", test_coordinates_from_numbers);
  g_test_add_func ("/chronomap/export/kml-parses", test_kml_parses);
  g_test_add_func ("/chronomap/export/gpkg", test_gpkg);
  g_test_add_func ("/chronomap/export/gpkg-many-attributes", test_gpkg_many_attributes);
  g_test_add_func ("/chronomap/export/window", test_window);
  g_test_add_func ("/chronomap/export/async", test_async);
  g_test_add_func ("/chronomap/export/kml-control-characters", test_kml_control_characters);
  g_test_add_func ("/chronomap/export/cli", test_cli);
  g_test_add_func ("/chronomap/export/onto-itself", test_onto_itself);
  g_test_add_func ("/chronomap/export/cli-geocoded", test_cli_geocoded);
  g_test_add_func ("/chronomap/export/cli-geocoded-robust", test_cli_geocoded_robust);

  return g_test_run ();
}
