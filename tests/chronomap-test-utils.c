/* chronomap-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chronomap-test-utils.h"

#include <sqlite3.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "chronomap-database.h"
#include "chronomap-importer.h"
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

/**
 * chronomap_test_use_own_home:
 * @program: the test program's name
 *
 * Sends the user's gazetteers and data ($XDG_DATA_HOME) and the cache of
 * files' places ($XDG_CACHE_HOME) to a new directory of the test's own,
 * before GTK starts.  G_TEST_OPTION_ISOLATE_DIRS would do more: it would
 * also hide the system's gdk-pixbuf loaders, which libshumate 1.0 decodes
 * tiles with.
 *
 * Returns: (transfer full): the directory
 */
char *
chronomap_test_use_own_home (const char *program)
{
  g_autofree char *template = g_strdup_printf ("%s-home-XXXXXX", program);
  char *home = g_dir_make_tmp (template, NULL);
  g_autofree char *cache = NULL;
  g_autofree char *data = NULL;

  g_assert_nonnull (home);
  cache = g_build_filename (home, "cache", NULL);
  data = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  return home;
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

/* The rows of a query of the database at @path, one a line, as "a|b|c"
 * (NULL as "∅"). */
char *
chronomap_test_query (const char *path,
                      const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "∅");
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
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

void
chronomap_test_run_clear (ChronomapTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs chronomap-cli with the arguments up to NULL (a NULL first argument
 * runs it with none), @length bytes of @input on its standard input (NUL
 * bytes too), and waits for it to exit.  It runs in this test's isolated
 * home and XDG folders, which GLib does not export to children. */
void
chronomap_test_run_cli_input_valist (ChronomapTestRun *run,
                                     const char       *input,
                                     gsize             length,
                                     const char       *first,
                                     va_list           args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = g_bytes_new (input, input != NULL ? length : 0);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  const char *cli = g_getenv ("CHRONOMAP_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (proc, in, NULL, &out, &err, &error));
  g_assert_no_error (error);
  run->out = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  run->err = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  /* An empty output has no data at all. */
  if (run->out == NULL)
    run->out = g_strdup ("");
  if (run->err == NULL)
    run->err = g_strdup ("");
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}

void
chronomap_test_run_cli_valist (ChronomapTestRun *run,
                               const char       *first,
                               va_list           args)
{
  chronomap_test_run_cli_input_valist (run, NULL, 0, first, args);
}

void
chronomap_test_run_cli_input (ChronomapTestRun *run,
                              const char       *input,
                              gsize             length,
                              const char       *first,
                              ...)
{
  va_list args;

  va_start (args, first);
  chronomap_test_run_cli_input_valist (run, input, length, first, args);
  va_end (args);
}

void
chronomap_test_run_cli (ChronomapTestRun *run,
                        const char       *first,
                        ...)
{
  va_list args;

  va_start (args, first);
  chronomap_test_run_cli_valist (run, first, args);
  va_end (args);
}

/**
 * chronomap_test_import_acled:
 * @fixture: an ACLED file under tests/data, such as "interchange/acled-new.csv"
 * @name: the database's name in the test's temporary directory
 *
 * Returns: the path of a new database holding @fixture's events
 */
char *
chronomap_test_import_acled (const char *fixture,
                             const char *name)
{
  g_autofree char *csv = chronomap_test_data_path (fixture);
  char *path = chronomap_test_tmp_path (name);
  const char *paths[] = { csv, NULL };
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  g_unlink (path);
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                &error);
  g_assert_no_error (error);
  importer = chronomap_importer_new (db, CHRONOMAP_IMPORT_ACLED, CHRONOMAP_IMPORT_DEFAULT);
  g_assert_true (chronomap_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
look_again_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * chronomap_test_wait_until:
 * @condition: what to wait for
 * @data: for @condition
 * @seconds: how long at most
 *
 * Iterates the default main context until @condition holds or @seconds
 * have passed, looking again every 50 ms: what it waits for may be no
 * event of the context (a file another process writes), which would
 * otherwise be seen only when the time is up.
 *
 * Returns: whether @condition holds
 */
gboolean
chronomap_test_wait_until (ChronomapTestCondition  condition,
                           gpointer                data,
                           guint                   seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timed_out_cb, &timed_out);
  guint poll = g_timeout_add (50, look_again_cb, NULL);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_source_remove (poll);
  return condition (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/**
 * chronomap_test_spin:
 * @seconds: how long
 *
 * Iterates the default main context for @seconds, for what has no signal
 * to wait for (tiles drawn by worker threads).
 */
void
chronomap_test_spin (guint seconds)
{
  chronomap_test_wait_until (never, NULL, seconds);
}
