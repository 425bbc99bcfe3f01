/* chronomap-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-paths"

#include "config.h"

#include "chronomap-paths.h"

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
