/* chronomap-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chronomap-test-utils.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "chronomap-paths.h"

/* A path in a scratch folder of this test run (G_TEST_OPTION_ISOLATE_DIRS
 * gives each test its own home, under which this folder lives). */
char *
chronomap_test_tmp_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "chronomap-tests", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

/* A database made with plain SQLite, as another tool would make it. */
char *
chronomap_test_make_db (const char *name,
                        const char *sql)
{
  char *path = chronomap_test_tmp_path (name);
  sqlite3 *db = NULL;
  char *err = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &err) != SQLITE_OK)
    g_error ("test SQL failed: %s", err);
  sqlite3_close (db);
  return path;
}

char *
chronomap_test_sample_path (void)
{
  char *path = chronomap_paths_find_data ("sample/sample.sqlite");

  g_assert_nonnull (path);
  return path;
}

char *
chronomap_test_data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, name, NULL);
}

char *
chronomap_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Copies @path to the scratch folder so a test can't touch the original. */
char *
chronomap_test_copy_file (const char *path,
                          const char *name)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *copy = chronomap_test_tmp_path (name);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  return copy;
}
