/* chronomap-cli-gazetteer.c: `chronomap-cli gazetteer add|list|remove`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "chronomap-cli-commands.h"
#include "chronomap-gazetteer.h"
#include "chronomap-paths.h"

static gboolean
valid_name (const char *name)
{
  if (name == NULL || name[0] == '\0' || name[0] == '.')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* The rows that were not places, one line each as compilers write them, so
 * that an editor can go to them; but only the first few: a dump broken
 * throughout shows its pattern in ten. */
#define MAX_ROWS_SHOWN 10

static void
print_skipped (ChronomapGazetteerBuilder *builder)
{
  GPtrArray *problems = chronomap_gazetteer_builder_get_problems (builder);
  guint n_skipped = chronomap_gazetteer_builder_get_n_skipped (builder);
  guint n_shown = MIN (problems->len, MAX_ROWS_SHOWN);

  for (guint i = 0; i < n_shown; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (problems, i));
  if (n_skipped > n_shown)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "… and %u more row skipped\n",
                                  "… and %u more rows skipped\n", n_skipped - n_shown),
             n_skipped - n_shown);
}

static int
gazetteer_add (GOptionContext *context,
               char          **args,
               const char     *name_option)
{
  g_autoptr(ChronomapGazetteerBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  const char *source;
  gboolean replaced = FALSE;
  guint n_places;
  guint n_skipped;

  if (args[0] == NULL || args[1] != NULL)
    return chronomap_cli_usage_error (context, _("gazetteer add takes one FILE"));
  source = args[0];
  if (!chronomap_cli_file_readable (source))
    return CHRONOMAP_CLI_EXIT_FAILURE;

  name = name_option != NULL ? g_strdup (name_option) : chronomap_gazetteer_user_name_for (source);
  if (!valid_name (name))
    return chronomap_cli_usage_error (context,
                                      _("--name takes letters, digits, “-” and “_” only"));
  /* `list` and the geocoder's results call the gazetteer that comes with
   * the app "bundled": a user's under that name could not be told apart. */
  if (g_ascii_strcasecmp (name, "bundled") == 0)
    return chronomap_cli_usage_error (context,
                                      _("“bundled” is the gazetteer that comes with Chronomap; "
                                        "give another name with --name"));

  if (!chronomap_gazetteer_add_user_file (source, name, &builder, &replaced, &error))
    {
      if (builder != NULL)
        print_skipped (builder);
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  print_skipped (builder);
  n_places = chronomap_gazetteer_builder_get_n_entries (builder);
  n_skipped = chronomap_gazetteer_builder_get_n_skipped (builder);
  if (replaced)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Replaced gazetteer “%s”: %u place from %s",
                                            "Replaced gazetteer “%s”: %u places from %s",
                                            n_places),
                               name, n_places, source);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Added %u place from %s as “%s”",
                                            "Added %u places from %s as “%s”",
                                            n_places),
                               n_places, source, name);
  if (n_skipped > 0)
    /* Translators: the summary, then how many rows were not places */
    printf (g_dngettext (GETTEXT_PACKAGE, "%s; skipped %u bad row\n",
                         "%s; skipped %u bad rows\n", n_skipped),
            summary, n_skipped);
  else
    printf ("%s\n", summary);
  return CHRONOMAP_CLI_EXIT_OK;
}

static void
print_file (const char *label,
            const char *path)
{
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new ();
  g_autoptr(GError) error = NULL;

  if (!chronomap_gazetteer_add_file (gazetteer, path, &error))
    printf ("%s\t-\t%s\n", label, error->message);
  else
    printf ("%s\t%u\t%s\n", label, chronomap_gazetteer_get_n_entries (gazetteer), path);
}

static int
gazetteer_list (GOptionContext *context,
                char          **args)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundled = chronomap_gazetteer_bundled_path ();

  if (args[0] != NULL)
    return chronomap_cli_usage_error (context, _("gazetteer list takes no argument"));

  if (bundled != NULL)
    print_file ("bundled", bundled);
  else
    printf ("bundled\t-\t%s\n", _("not installed"));

  files = chronomap_gazetteer_list_user_files (&error);
  if (files == NULL)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *name = chronomap_gazetteer_user_name_for (path);

      print_file (name, path);
    }
  return CHRONOMAP_CLI_EXIT_OK;
}

static int
gazetteer_remove (GOptionContext *context,
                  char          **args)
{
  g_autofree char *dir = chronomap_gazetteer_user_dir ();
  int status = CHRONOMAP_CLI_EXIT_OK;

  if (args[0] == NULL)
    return chronomap_cli_usage_error (context, _("gazetteer remove takes NAME…"));

  for (guint i = 0; args[i] != NULL; i++)
    {
      g_autofree char *file_name = NULL;
      g_autofree char *path = NULL;

      if (!valid_name (args[i]))
        {
          fprintf (stderr, "chronomap-cli: %s: %s\n", args[i], _("no such user gazetteer"));
          status = CHRONOMAP_CLI_EXIT_FAILURE;
          continue;
        }
      file_name = g_strconcat (args[i], ".cgaz", NULL);
      path = g_build_filename (dir, file_name, NULL);
      if (g_unlink (path) != 0)
        {
          int saved = errno;

          fprintf (stderr, "chronomap-cli: %s: %s\n", args[i],
                   saved == ENOENT ? _("no such user gazetteer") : g_strerror (saved));
          status = CHRONOMAP_CLI_EXIT_FAILURE;
          continue;
        }
      printf (_("Removed “%s”\n"), args[i]);
    }
  return status;
}

int
chronomap_cli_gazetteer (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      N_("With add: the name to keep it under (default: the file's)"), N_("NAME") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("add FILE | list | remove NAME… — the user's gazetteers"));
  g_option_context_set_description (context,
    _("add: a GeoNames dump (19 tab-separated columns, such as SY.txt) or a CSV or TSV\n"
      "file with a header naming name, latitude, longitude (decimal degrees) and\n"
      "optionally id, alt_names (|-separated), country, admin1, feature, population.\n"
      "Rows that are not places are named and skipped.  Kept in\n"
      "$XDG_DATA_HOME/chronomap/gazetteer and consulted with the bundled gazetteer."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return chronomap_cli_usage_error (context, error->message);
  if (args == NULL || args[0] == NULL)
    return chronomap_cli_usage_error (context, _("give add, list or remove"));

  if (strcmp (args[0], "add") == 0)
    return gazetteer_add (context, args + 1, name);
  if (strcmp (args[0], "list") == 0)
    return gazetteer_list (context, args + 1);
  if (strcmp (args[0], "remove") == 0)
    return gazetteer_remove (context, args + 1);

  return chronomap_cli_usage_error (context, _("give add, list or remove"));
}
