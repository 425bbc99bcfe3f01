/* test-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "chronomap-database.h"
#include "chronomap-error.h"
#include "chronomap-event-store.h"
#include "chronomap-test-utils.h"

static void
test_create (void)
{
  g_autofree char *path = chronomap_test_tmp_path ("new.sqlite");
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const char *tables[] = { "events", "sources", "dataset" };
  const char *event_columns[] = {
    "id", "external_id", "date_start", "date_end", "date_precision", "event_type",
    "sub_event_type", "actor1", "actor2", "location", "country", "latitude", "longitude",
    "geo_precision", "geo_source", "fatalities", "fatalities_low", "fatalities_high",
    "notes", "source_id", "quote",
  };

  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chronomap_database_get_version (db), ==, CHRONOMAP_DATABASE_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_true (chronomap_database_has_table (db, tables[i]));
  for (guint i = 0; i < G_N_ELEMENTS (event_columns); i++)
    g_assert_true (chronomap_database_has_column (db, "events", event_columns[i]));
  g_assert_true (chronomap_database_has_column (db, "sources", "full_text"));

  g_assert_true (chronomap_database_set_metadata (db, "title", "Test data", &error));
  g_assert_no_error (error);
  {
    g_autofree char *title = chronomap_database_get_metadata (db, "title");
    g_autofree char *none = chronomap_database_get_metadata (db, "licence");

    g_assert_cmpstr (title, ==, "Test data");
    g_assert_null (none);
  }

  /* The schema's checks refuse impossible values. */
  g_assert_false (chronomap_database_exec (db,
    "INSERT INTO events (date_start, event_type, location, latitude) VALUES ('2019', 'Battles', 'x', 91)",
    &error));
  g_assert_nonnull (error);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;

  db = chronomap_database_open ("/nonexistent/events.sqlite", CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/events.sqlite"));
  /* and read-only never creates it */
  g_assert_false (g_file_test ("/nonexistent/events.sqlite", G_FILE_TEST_EXISTS));
}

static void
test_not_a_database (void)
{
  g_autofree char *path = chronomap_test_tmp_path ("notes.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, "date,place\n2019-03-19,Baghouz\n"
                                      "this is a CSV file, not a database, but it is long enough "
                                      "to have a header-sized first block of text in it.......\n", -1, NULL));
  before = chronomap_test_file_checksum (path);
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "notes.sqlite"));
  g_assert_nonnull (strstr (error->message, "not an SQLite database"));
  g_clear_error (&error);

  /* Asked to write, it still refuses and leaves the file alone. */
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);
  g_assert_null (db);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE);
  after = chronomap_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_empty_file (void)
{
  g_autofree char *path = chronomap_test_tmp_path ("empty.sqlite");
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_TABLE);
  g_assert_nonnull (strstr (error->message, "events"));
  g_clear_error (&error);

  /* Opened to write into, it is refused the same way and stays empty;
   * only asked to create does it get the schema. */
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);
  g_assert_null (db);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_TABLE);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 0);
  g_clear_error (&error);

  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                &error);
  g_assert_no_error (error);
  g_assert_true (chronomap_database_has_table (db, "events"));
}

static void
test_missing_table (void)
{
  g_autofree char *path = chronomap_test_make_db ("other.sqlite",
    "CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT);"
    "INSERT INTO photos (file) VALUES ('a.jpg');");
  g_autofree char *before = chronomap_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;

  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_TABLE);
  g_assert_nonnull (strstr (error->message, "other.sqlite"));
  g_assert_nonnull (strstr (error->message, "events"));
  g_clear_error (&error);

  /* A database of something else is not turned into an event database. */
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);
  g_assert_null (db);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_TABLE);
  after = chronomap_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_missing_columns (void)
{
  g_autofree char *path = chronomap_test_make_db ("nodates.sqlite",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, when_text TEXT, event_type TEXT);");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;

  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "nodates.sqlite: table events has no columns date_start, location"));
}

static void
test_too_new (void)
{
  g_autofree char *path = chronomap_test_make_db ("future.sqlite",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, date_start TEXT, event_type TEXT, location TEXT);"
    "PRAGMA user_version = 7;");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;

  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "format 7"));
}

/* A file from another tool with only the required columns, plus its own
 * table and column: read as it is; migrated only when opened for writing,
 * keeping everything it had. */
static void
test_foreign_and_migration (void)
{
  g_autofree char *path = chronomap_test_make_db ("foreign.sqlite",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, date_start TEXT, event_type TEXT, "
    "                     location TEXT, reliability TEXT);"
    "CREATE TABLE reviewers (name TEXT);"
    "INSERT INTO reviewers VALUES ('amal');"
    "INSERT INTO events VALUES (1, '2017-10-14', 'Battles', 'al-Mayadin', 'high');"
    "INSERT INTO events VALUES (2, '2014-01', 'Battles', 'Raqqa', 'medium');");
  g_autofree char *before = chronomap_test_file_checksum (path);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(ChronomapEventStore) store = NULL;
    g_autofree char *after = NULL;

    store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 2);
    g_assert_cmpint (chronomap_database_get_version (chronomap_event_store_get_database (store)), ==, 0);
    g_clear_object (&store);
    after = chronomap_test_file_checksum (path);
    g_assert_cmpstr (before, ==, after);
  }

  {
    g_autoptr(ChronomapDatabase) db = NULL;
    g_autoptr(ChronomapEventStore) store = NULL;
    sqlite3_stmt *stmt = NULL;

    db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (chronomap_database_get_version (db), ==, 1);
    g_assert_true (chronomap_database_has_column (db, "events", "quote"));
    g_assert_true (chronomap_database_has_column (db, "events", "date_precision"));
    g_assert_true (chronomap_database_has_column (db, "events", "reliability"));
    g_assert_true (chronomap_database_has_table (db, "sources"));
    g_assert_true (chronomap_database_has_table (db, "reviewers"));

    sqlite3_prepare_v2 (chronomap_database_get_handle (db),
                        "SELECT reliability, date_precision FROM events WHERE id = 1", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "high");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "day");
    sqlite3_finalize (stmt);

    store = chronomap_event_store_load_database (db, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 2);
  }

  /* Reopened, it is a current file: no further migration. */
  {
    g_autoptr(ChronomapDatabase) db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpint (chronomap_database_get_version (db), ==, CHRONOMAP_DATABASE_VERSION);
  }
}

/* A file already stamped with the current version but made when the schema
 * had fewer optional columns gets them when opened for writing, and is not
 * touched when it has them all. */
static void
test_current_version_repaired (void)
{
  g_autofree char *path = chronomap_test_make_db ("older-v1.sqlite",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, date_start TEXT, event_type TEXT, location TEXT,"
    "                     country TEXT);"
    "INSERT INTO events VALUES (1, '2019-03-19', 'Battles', 'Baghouz', 'SY');"
    "PRAGMA user_version = 1;");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(ChronomapDatabase) db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);

    g_assert_no_error (error);
    g_assert_true (chronomap_database_has_column (db, "events", "admin1"));
    g_assert_true (chronomap_database_has_column (db, "events", "quote"));
    g_assert_true (chronomap_database_has_table (db, "sources"));
  }

  {
    g_autofree char *before = chronomap_test_file_checksum (path);
    g_autofree char *after = NULL;
    g_autoptr(ChronomapDatabase) db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);

    g_assert_no_error (error);
    g_clear_object (&db);
    after = chronomap_test_file_checksum (path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_read_only_refuses_writes (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autofree char *copy = chronomap_test_copy_file (sample, "ro.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;

  db = chronomap_database_open (copy, CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (chronomap_database_is_writable (db));
  g_assert_false (chronomap_database_set_metadata (db, "title", "changed", &error));
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (chronomap_database_exec (db, "DELETE FROM events", &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/database/create", test_create);
  g_test_add_func ("/chronomap/database/missing-file", test_missing_file);
  g_test_add_func ("/chronomap/database/not-a-database", test_not_a_database);
  g_test_add_func ("/chronomap/database/empty-file", test_empty_file);
  g_test_add_func ("/chronomap/database/missing-table", test_missing_table);
  g_test_add_func ("/chronomap/database/missing-columns", test_missing_columns);
  g_test_add_func ("/chronomap/database/too-new", test_too_new);
  g_test_add_func ("/chronomap/database/foreign-and-migration", test_foreign_and_migration);
  g_test_add_func ("/chronomap/database/current-version-repaired", test_current_version_repaired);
  g_test_add_func ("/chronomap/database/read-only-refuses-writes", test_read_only_refuses_writes);

  return g_test_run ();
}
