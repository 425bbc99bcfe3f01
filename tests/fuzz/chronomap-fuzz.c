/* chronomap-fuzz.c: helpers shared by the libFuzzer harnesses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chronomap-fuzz.h"

#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

static char *scratch_dir;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
remove_scratch_dir (void)
{
  if (scratch_dir != NULL)
    remove_tree (scratch_dir);
}

/* A critical or a warning from the code under test is a bug the input
 * revealed (a g_return_if_fail() reached, a GLib function given bytes it
 * refuses): make it abort so libFuzzer records the input. */
static void
log_cb (const char     *domain,
        GLogLevelFlags  level,
        const char     *message,
        gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_printerr ("%s: %s\n", domain != NULL ? domain : "(none)", message);
      abort ();
    }
}

/* Gives the harness a scratch folder of its own and a private home, so
 * that nothing the code under test reads or writes (the user's
 * gazetteers, caches) leaks in from the machine or out to it. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *leaf = g_strdup_printf ("chronomap-fuzz-%d-XXXXXX", (int) getpid ());
  g_autofree char *template = g_build_filename (base, leaf, NULL);
  g_autofree char *home = NULL;

  /* Files under /dev/shm: each input is written and read back, and memory
   * is much faster than a disk for that.  The process id in the name lets
   * build-aux/fuzz remove the folders of crashed runs, and only those. */
  scratch_dir = g_mkdtemp (g_steal_pointer (&template));
  if (scratch_dir == NULL)
    g_error ("cannot make a scratch folder in %s", base);
  atexit (remove_scratch_dir);

  home = g_build_filename (scratch_dir, "home", NULL);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);

  g_log_set_default_handler (log_cb, NULL);

  if (chronomap_fuzz_setup != NULL)
    chronomap_fuzz_setup ();
  return 0;
}

const char *
chronomap_fuzz_dir (void)
{
  g_assert (scratch_dir != NULL);
  return scratch_dir;
}

/**
 * chronomap_fuzz_write_file:
 * @name: a file name in the scratch folder
 *
 * Writes the input to a file, for the parsers that read from a path
 * (SQLite, memory-mapped gazetteers, importers).
 *
 * Returns: (transfer full): its path
 */
char *
chronomap_fuzz_write_file (const char    *name,
                           const uint8_t *data,
                           size_t         size)
{
  g_autoptr(GError) error = NULL;
  char *path;

  g_assert (scratch_dir != NULL);
  path = g_build_filename (scratch_dir, name, NULL);
  /* Any journal or WAL left by the previous input would be replayed into
   * this one. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "-journal", "-wal", "-shm" };
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_unlink (side);
    }
  if (!g_file_set_contents (path, (const char *) data, size, &error))
    g_error ("%s", error->message);
  return path;
}
