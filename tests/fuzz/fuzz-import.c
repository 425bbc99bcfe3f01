/* fuzz-import.c: an ACLED, UCDP, GDELT, GeoJSON or CSV file imported into
 * an event database, as `chronomap-cli import` does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once per format (FUZZ_IMPORT_FORMAT, FUZZ_IMPORT_NAME; see
 * meson.build).  Each input is imported into a fresh copy of an empty
 * database.  Two oracles besides the sanitizers: an import that fails
 * leaves the database byte for byte as it was (one transaction), and what
 * an import writes, the loader reads without a problem.
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "chronomap-database.h"
#include "chronomap-event-store.h"
#include "chronomap-fuzz.h"
#include "chronomap-importer.h"

#ifndef FUZZ_IMPORT_FORMAT
#error "build with -DFUZZ_IMPORT_FORMAT=CHRONOMAP_IMPORT_… -DFUZZ_IMPORT_NAME=\"input.csv\""
#endif

static GBytes *empty_db;

void
chronomap_fuzz_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autofree char *path = g_build_filename (chronomap_fuzz_dir (), "empty.sqlite", NULL);
  char *contents = NULL;
  gsize length = 0;

  sqlite3_hard_heap_limit64 (512 * 1024 * 1024);
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                &error);
  if (db == NULL)
    g_error ("%s", error->message);
  g_clear_object (&db);
  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  empty_db = g_bytes_new_take (contents, length);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autofree char *input = chronomap_fuzz_write_file (FUZZ_IMPORT_NAME, data, size);
  g_autofree char *db_path = chronomap_fuzz_write_file ("events.sqlite",
                                                        g_bytes_get_data (empty_db, NULL),
                                                        g_bytes_get_size (empty_db));
  const char * const paths[] = { input, NULL };
  gboolean ok;

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_WRITE, &error);
  if (db == NULL)
    g_error ("the empty database does not open: %s", error->message);

  /* Skipping bad rows takes every path through the row readers; the
   * default stops at the first bad row. */
  importer = chronomap_importer_new (db, FUZZ_IMPORT_FORMAT,
                                     size > 0 && data[size - 1] == '\n' ?
                                     CHRONOMAP_IMPORT_SKIP_BAD_ROWS : CHRONOMAP_IMPORT_DEFAULT);
  ok = chronomap_importer_run (importer, paths, NULL, &error);
  g_assert_true (ok == (error == NULL));
  if (ok)
    {
      g_assert_cmpuint (chronomap_importer_get_n_inserted (importer) +
                        chronomap_importer_get_n_updated (importer), <=,
                        chronomap_importer_get_n_rows (importer));
    }
  else
    {
      /* The message's wording is test-hostile's business, not a crash. */
      g_assert_cmpuint (chronomap_importer_get_n_inserted (importer), ==, 0);
    }
  g_clear_pointer (&importer, chronomap_importer_free);
  g_clear_object (&db);

  if (!ok)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
      g_assert_cmpuint (length, ==, g_bytes_get_size (empty_db));
      g_assert_true (memcmp (contents, g_bytes_get_data (empty_db, NULL), length) == 0);
      return 0;
    }

  store = chronomap_event_store_load (db_path, CHRONOMAP_LOAD_SKIP_BAD_ROWS, NULL, &error);
  if (store == NULL)
    g_error ("an imported file does not load: %s", error->message);
  if (chronomap_event_store_get_problems (store)->len > 0)
    g_error ("the importer wrote a row the loader refuses: %s",
             (const char *) g_ptr_array_index (chronomap_event_store_get_problems (store), 0));

  return 0;
}
