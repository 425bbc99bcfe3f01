/* chronomap-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-paths"

#include "config.h"

#include "chronomap-paths.h"

#include "chronomap-error.h"

#include <glib/gstdio.h>

#include <string.h>
#include <unistd.h>

/* A program runs "uninstalled" when its executable lives inside the build
 * tree it was configured in.  It then reads generated data from the build
 * tree and committed data from the source tree, so that the test suite and
 * the benchmarks work before `meson install`.  CHRONOMAP_DATA_DIR overrides
 * both (used by tests that check a staged install). */
gboolean
chronomap_paths_is_uninstalled (void)
{
  static gsize once = 0;
  static gboolean uninstalled = FALSE;

  if (g_once_init_enter (&once))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

      if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S))
        uninstalled = TRUE;
      g_once_init_leave (&once, 1);
    }

  return uninstalled;
}

/**
 * chronomap_paths_find_data:
 * @relpath: a path relative to the data directory, such as "sample/sample.sqlite"
 *
 * Finds a data file.  Looks in $CHRONOMAP_DATA_DIR if set; when running from
 * the build tree, in `BUILD/data` then `SOURCE/data`; otherwise in the
 * installed package data directory.
 *
 * Returns: (transfer full) (nullable): the path of an existing file or
 *   directory, or %NULL if there is none.
 */
char *
chronomap_paths_find_data (const char *relpath)
{
  const char *override = g_getenv ("CHRONOMAP_DATA_DIR");
  const char *dirs[3] = { NULL, NULL, NULL };
  guint n = 0;

  g_return_val_if_fail (relpath != NULL, NULL);

  if (override != NULL && override[0] != '\0')
    dirs[n++] = override;
  else if (chronomap_paths_is_uninstalled ())
    {
      dirs[n++] = BUILD_ROOT G_DIR_SEPARATOR_S "data";
      dirs[n++] = SOURCE_ROOT G_DIR_SEPARATOR_S "data";
    }
  else
    dirs[n++] = PKGDATADIR;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], relpath, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }

  return NULL;
}

/**
 * chronomap_paths_user_data_dir:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/chronomap`, not necessarily existing
 */
char *
chronomap_paths_user_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "chronomap", NULL);
}

/**
 * chronomap_paths_same_file:
 * @a: a path
 * @b: another
 *
 * Whether @a and @b are one existing file, by any name (a link, "./x"):
 * what a command writes must not be what it reads.
 *
 * Returns: %TRUE when both exist and are the same file
 */
gboolean
chronomap_paths_same_file (const char *a,
                           const char *b)
{
  GStatBuf sa, sb;

  return a != NULL && b != NULL && g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/**
 * chronomap_paths_user_cache_dir:
 *
 * Returns: (transfer full): `$XDG_CACHE_HOME/chronomap`, not necessarily existing
 */
char *
chronomap_paths_user_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "chronomap", NULL);
}

/**
 * chronomap_paths_locale_dir:
 *
 * Where the translations are: the build tree's `po` directory (which
 * meson lays out as LANG/LC_MESSAGES/chronomap.mo) when running from
 * it, else the installed locale directory.
 *
 * Returns: a directory for bindtextdomain()
 */
const char *
chronomap_paths_locale_dir (void)
{
  return chronomap_paths_is_uninstalled () ? BUILD_ROOT G_DIR_SEPARATOR_S "po" : LOCALEDIR;
}

/**
 * chronomap_paths_read_table:
 * @relpath: a tab-separated table under the data directory
 * @min_fields: the fields every row must have
 * @columns: which they are, for the error ("name, code, latitude and longitude")
 * @error: return location for an error
 *
 * Reads a table the programs ship as data (lexicons, country tables),
 * without its comment and blank lines.
 *
 * Returns: (transfer full) (element-type GStrv) (nullable): the rows, each
 *   as its fields, or %NULL when the file is missing or a row is short
 */
GPtrArray *
chronomap_paths_read_table (const char  *relpath,
                            guint        min_fields,
                            const char  *columns,
                            GError     **error)
{
  g_autofree char *path = chronomap_paths_find_data (relpath);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (path == NULL)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND,
                   "%s: not installed (looked in the data directory)", relpath);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char **fields;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) < min_fields)
        {
          g_strfreev (fields);
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s:%u: expected %s", path, i + 1, columns);
          return NULL;
        }
      g_ptr_array_add (rows, fields);
    }
  return g_steal_pointer (&rows);
}

static gboolean
is_inside (const char *path,
           const char *dir)
{
  gsize n = strlen (dir);

  while (n > 1 && dir[n - 1] == G_DIR_SEPARATOR)
    n--;
  return n > 0 && strncmp (path, dir, n) == 0 && (path[n] == '\0' || path[n] == G_DIR_SEPARATOR);
}

/* Whether @dir is where the app or the system keeps its own data: the
 * bundled sample's folder, /usr/share, /app/share. */
static gboolean
is_app_or_system_data (const char *dir)
{
  const char * const *system = g_get_system_data_dirs ();
  const char *override = g_getenv ("CHRONOMAP_DATA_DIR");

  if ((override != NULL && override[0] != '\0' && is_inside (dir, override)) ||
      is_inside (dir, BUILD_ROOT G_DIR_SEPARATOR_S "data") ||
      is_inside (dir, SOURCE_ROOT G_DIR_SEPARATOR_S "data") || is_inside (dir, PKGDATADIR))
    return TRUE;
  for (guint i = 0; system[i] != NULL; i++)
    if (is_inside (dir, system[i]))
      return TRUE;
  return FALSE;
}

/**
 * chronomap_paths_save_folder:
 * @beside: (nullable): the file the new one comes from: the open event
 *   database, the first file imported
 * @fallback: the user's folder for such files when there is none
 *
 * Where a save dialog starts: beside the data, so that an export, an
 * image or a new database lands next to what it came from, not wherever
 * the app was started.  The folder of @beside when the user may write
 * there and it is not the app's or the system's own data (the bundled
 * sample); else @fallback; else the home folder.
 *
 * Returns: (transfer full): an existing folder
 */
char *
chronomap_paths_save_folder (const char     *beside,
                             GUserDirectory  fallback)
{
  const char *special;

  if (beside != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (beside, NULL);
      g_autofree char *dir = g_path_get_dirname (absolute);

      if (g_file_test (dir, G_FILE_TEST_IS_DIR) && g_access (dir, W_OK) == 0 &&
          !is_app_or_system_data (dir))
        return g_steal_pointer (&dir);
    }
  special = g_get_user_special_dir (fallback);
  if (special != NULL && g_file_test (special, G_FILE_TEST_IS_DIR))
    return g_strdup (special);
  return g_strdup (g_get_home_dir ());
}
