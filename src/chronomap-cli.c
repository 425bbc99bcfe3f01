/* chronomap-cli.c: the command-line tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "chronomap-paths.h"
#include "cli/chronomap-cli-commands.h"

typedef struct
{
  const char          *name;
  ChronomapCliCommand  run;
  const char          *summary;
} Command;

static const Command commands[] = {
  { "info", chronomap_cli_info, N_("Describe an event database") },
  { "extract", chronomap_cli_extract, N_("Find the events a news article reports") },
  { "geoparse", chronomap_cli_geoparse, N_("List the place names in a text") },
  { "geocode", chronomap_cli_geocode, N_("Place names to coordinates") },
  { "geocode-db", chronomap_cli_geocode_db, N_("Geocode the locations of an event database") },
  { "gazetteer", chronomap_cli_gazetteer, N_("Add, list or remove user gazetteers") },
  { "import", chronomap_cli_import, N_("Import ACLED, UCDP, GDELT, GeoJSON or CSV files") },
  { "export", chronomap_cli_export, N_("Export events to GeoJSON, CSV, KML or GeoPackage") },
  { "render", chronomap_cli_render, N_("Draw a map of the events to PNG, SVG or PDF") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: chronomap-cli COMMAND [OPTION…] [ARGUMENT…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “chronomap-cli COMMAND --help” for a command’s options."));
}

/**
 * chronomap_cli_usage_error:
 * @context: the command's option context, for its help text
 * @message: (nullable): what was wrong
 *
 * Prints @message and the command's usage on stderr.
 *
 * Returns: %CHRONOMAP_CLI_EXIT_USAGE
 */
int
chronomap_cli_usage_error (GOptionContext *context,
                           const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  if (message != NULL)
    fprintf (stderr, "chronomap-cli: %s\n\n", message);
  fputs (help, stderr);
  return CHRONOMAP_CLI_EXIT_USAGE;
}

/**
 * chronomap_cli_file_readable:
 * @path: a file the command is to read
 *
 * Whether @path can be opened for reading; if not, says why on stderr,
 * as the other messages name a file ("events.csv: no such file"), before
 * anything else is said of it or done.
 */
gboolean
chronomap_cli_file_readable (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  int fd, saved;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      fprintf (stderr, _("chronomap-cli: %s: is a folder, not a file\n"), display);
      return FALSE;
    }
  fd = g_open (path, O_RDONLY, 0);
  saved = errno;
  if (fd >= 0)
    {
      close (fd);
      return TRUE;
    }
  if (saved == ENOENT)
    fprintf (stderr, _("chronomap-cli: %s: no such file\n"), display);
  else
    fprintf (stderr, _("chronomap-cli: %s: cannot be read: %s\n"), display, g_strerror (saved));
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, chronomap_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return CHRONOMAP_CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0 || strcmp (name, "help") == 0)
    {
      /* "help import" is "import --help" */
      if (strcmp (name, "help") == 0 && argc >= 3)
        for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
          if (strcmp (argv[2], commands[i].name) == 0)
            {
              g_autofree char *prgname = g_strdup_printf ("chronomap-cli %s", argv[2]);
              char *help_argv[] = { prgname, (char *) "--help", NULL };

              g_set_prgname (prgname);
              return commands[i].run (2, help_argv);
            }
      if (strcmp (name, "help") == 0 && argc >= 3)
        {
          fprintf (stderr, _("chronomap-cli: unknown command “%s”"), argv[2]);
          fputs ("\n\n", stderr);
          print_usage (stderr);
          return CHRONOMAP_CLI_EXIT_USAGE;
        }
      print_usage (stdout);
      return CHRONOMAP_CLI_EXIT_OK;
    }
  if (strcmp (name, "--version") == 0)
    {
      printf ("chronomap-cli %s\n", PACKAGE_VERSION);
      return CHRONOMAP_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (name, commands[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("chronomap-cli %s", name);

        g_set_prgname (prgname);
        argv[1] = prgname;
        return commands[i].run (argc - 1, argv + 1);
      }

  fprintf (stderr, _("chronomap-cli: unknown command “%s”"), name);
  fputs ("\n\n", stderr);
  print_usage (stderr);
  return CHRONOMAP_CLI_EXIT_USAGE;
}
