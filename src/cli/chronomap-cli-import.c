/* chronomap-cli-import.c: `chronomap-cli import --format F IN... --db FILE`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "chronomap-cli-commands.h"
#include "chronomap-database.h"
#include "chronomap-importer.h"
#include "chronomap-paths.h"

/* Opening a file of an older format for writing migrates it, in a
 * transaction of its own before the import's; so that a failed import
 * still leaves the file as it was, such a file is copied first. */
static char *
backup_if_migrating (const char  *path,
                     GError     **error)
{
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *backup = NULL;

  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, NULL);
  if (db == NULL || chronomap_database_get_version (db) >= CHRONOMAP_DATABASE_VERSION)
    return NULL;
  g_clear_object (&db);

  backup = g_strconcat (path, ".before-import", NULL);
  file = g_file_new_for_path (path);
  copy = g_file_new_for_path (backup);
  if (!g_file_copy (file, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&backup);
}

/* After a failure: no new file left behind, an old one as it was. */
static void
abandon_database (const char *path,
                  gboolean    existed,
                  const char *backup_path)
{
  if (!existed)
    {
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);

      g_unlink (journal);
      g_unlink (path);
    }
  else if (backup_path != NULL && g_rename (backup_path, path) != 0)
    fprintf (stderr, "chronomap-cli: %s\n", _("the database was migrated to the current "
                                               "format; the file as it was is beside it"));
}

int
chronomap_cli_import (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  g_autoptr(GFileOutputStream) report = NULL;
  g_autoptr(GFile) report_file = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) maps = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *report_path = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *time_property = NULL;
  g_autofree char *backup_path = NULL;
  gboolean skip_bad_rows = FALSE;
  gboolean existed;
  guint64 n_events;
  ChronomapImportFormat format;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Format of the input files: acled, ucdp, gdelt, geojson or csv (default: guessed "
         "from the first file)"), N_("FORMAT") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Event database to create or add to"), N_("FILE") },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip_bad_rows,
      N_("Import the good rows and list the bad ones in a report"), NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report_path,
      N_("Where to write the report of skipped rows (default: DB.import-report.txt)"),
      N_("FILE") },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("For csv: take FIELD from COLUMN (fields: id, date, end_date, precision, place, "
         "country, admin1, admin2, latitude, longitude, type, sub_type, actor1, actor2, "
         "fatalities, notes, source, url)"),
      N_("FIELD=COLUMN") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter,
      N_("For csv: the field separator (default: tab for .tsv, else comma)"), N_("CHAR") },
    { "time-property", 0, 0, G_OPTION_ARG_STRING, &time_property,
      N_("For geojson: the property holding the date when a feature has no “time”"),
      N_("NAME") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("IN… — import event data into an event database"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("The import is one transaction: if it fails, the database is left as it was. "
      "Events whose key (ACLED event_id_cnty, UCDP id, GDELT GlobalEventID, or a csv "
      "file’s id column) is already in the database are updated.  A row with no key is "
      "known by its content: a file imported again adds nothing twice."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return chronomap_cli_usage_error (context, error->message);
  if (format_name != NULL && !chronomap_import_format_from_string (format_name, &format))
    return chronomap_cli_usage_error (context, _("unknown format; use acled, ucdp, gdelt, "
                                                 "geojson or csv"));
  if (db_path == NULL)
    return chronomap_cli_usage_error (context, _("give the database with --db FILE"));
  if (files == NULL || files[0] == NULL)
    return chronomap_cli_usage_error (context, _("give at least one input file"));
  for (guint i = 0; files[i] != NULL; i++)
    if (!chronomap_cli_file_readable (files[i]))
      return CHRONOMAP_CLI_EXIT_FAILURE;
  /* no --format: what the first file looks like, as the import dialog
   * guesses it, and said, so that a wrong guess is seen */
  if (format_name == NULL)
    {
      g_autofree char *display = g_filename_display_name (files[0]);
      char guessed_delimiter = chronomap_import_guess_delimiter (files[0]);

      format = chronomap_import_guess_format (files[0], guessed_delimiter);
      if (format == CHRONOMAP_IMPORT_CSV && delimiter == NULL && guessed_delimiter != ',')
        delimiter = g_strndup (&guessed_delimiter, 1);
      /* Translators: "reading events.csv as csv; if it is not, say so
       * with --format" */
      fprintf (stderr, _("chronomap-cli: reading %s as %s; if it is not, say so with --format\n"),
               display, chronomap_import_format_to_string (format));
    }
  if (maps != NULL && format != CHRONOMAP_IMPORT_CSV)
    return chronomap_cli_usage_error (context, _("--map applies to --format csv only"));
  if (delimiter != NULL && (strlen (delimiter) != 1 || strchr ("\"\r\n", delimiter[0]) != NULL))
    {
      if (g_strcmp0 (delimiter, "\\t") == 0 || g_strcmp0 (delimiter, "tab") == 0)
        {
          delimiter[0] = '\t';
          delimiter[1] = '\0';
        }
      else
        return chronomap_cli_usage_error (context, _("--delimiter takes one character"));
    }

  /* the report replaces what is at its path: never the data */
  if (skip_bad_rows)
    {
      if (report_path == NULL)
        report_path = g_strconcat (db_path, ".import-report.txt", NULL);
      for (guint i = 0; files[i] != NULL; i++)
        if (chronomap_paths_same_file (report_path, files[i]))
          {
            fprintf (stderr, _("chronomap-cli: %s: is a file being imported; the report would "
                               "replace it. Choose another --report\n"), report_path);
            return CHRONOMAP_CLI_EXIT_FAILURE;
          }
      if (chronomap_paths_same_file (report_path, db_path))
        {
          fprintf (stderr, _("chronomap-cli: %s: is the event database; the report would replace "
                             "its events. Choose another --report\n"), report_path);
          return CHRONOMAP_CLI_EXIT_FAILURE;
        }
    }

  existed = g_file_test (db_path, G_FILE_TEST_EXISTS);
  if (existed)
    {
      backup_path = backup_if_migrating (db_path, &error);
      if (error != NULL)
        {
          fprintf (stderr, "chronomap-cli: %s\n", error->message);
          return CHRONOMAP_CLI_EXIT_FAILURE;
        }
    }
  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                &error);
  if (db == NULL)
    {
      /* A failed migration is rolled back: the file is as it was. */
      if (backup_path != NULL)
        g_unlink (backup_path);
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  importer = chronomap_importer_new (db, format,
                                     skip_bad_rows ? CHRONOMAP_IMPORT_SKIP_BAD_ROWS :
                                                     CHRONOMAP_IMPORT_DEFAULT);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (maps[i], "=", 2);

      if (parts[0] == NULL || parts[1] == NULL || parts[0][0] == '\0' || parts[1][0] == '\0')
        {
          g_clear_pointer (&importer, chronomap_importer_free);
          g_clear_object (&db);
          abandon_database (db_path, existed, backup_path);
          return chronomap_cli_usage_error (context, _("--map takes FIELD=COLUMN"));
        }
      if (!chronomap_importer_set_column (importer, parts[0], parts[1], &error))
        {
          g_clear_pointer (&importer, chronomap_importer_free);
          g_clear_object (&db);
          abandon_database (db_path, existed, backup_path);
          return chronomap_cli_usage_error (context, error->message);
        }
    }
  if (delimiter != NULL)
    chronomap_importer_set_delimiter (importer, delimiter[0]);
  if (time_property != NULL)
    chronomap_importer_set_time_property (importer, time_property);

  if (skip_bad_rows)
    {
      report_file = g_file_new_for_path (report_path);
      report = g_file_replace (report_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
      if (report == NULL)
        {
          fprintf (stderr, "chronomap-cli: %s: %s\n", report_path, error->message);
          g_clear_pointer (&importer, chronomap_importer_free);
          g_clear_object (&db);
          abandon_database (db_path, existed, backup_path);
          return CHRONOMAP_CLI_EXIT_FAILURE;
        }
      chronomap_importer_set_report (importer, G_OUTPUT_STREAM (report));
    }

  if (!chronomap_importer_run (importer, (const char * const *) files, NULL, &error))
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      if (chronomap_importer_get_lacks_dates (importer))
        fprintf (stderr, "chronomap-cli: %s\n", _("name the column that holds the dates with --map date=COLUMN"));
      fprintf (stderr, "chronomap-cli: %s\n",
               existed ? _("nothing was imported; the database is unchanged") :
                         _("nothing was imported; no database was created"));
      if (chronomap_importer_get_stopped_at_bad_row (importer))
        fprintf (stderr, "chronomap-cli: %s\n",
                 _("to import the rows that can be read and list the others, add --skip-bad-rows"));
      if (report != NULL)
        {
          g_output_stream_close (G_OUTPUT_STREAM (report), NULL, NULL);
          if (chronomap_importer_get_n_skipped (importer) > 0)
            {
              g_autofree char *where = g_strdup_printf (_("the rows that could not be read are "
                                                          "listed in %s"), report_path);

              fprintf (stderr, "chronomap-cli: %s\n", where);
            }
          else
            g_file_delete (report_file, NULL, NULL);
        }
      g_clear_pointer (&importer, chronomap_importer_free);
      g_clear_object (&db);
      abandon_database (db_path, existed, backup_path);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  if (backup_path != NULL)
    g_unlink (backup_path);

  n_events = chronomap_importer_get_n_inserted (importer) + chronomap_importer_get_n_updated (importer);
  printf (ngettext ("Imported %llu event into %s: %llu new, %llu updated\n",
                    "Imported %llu events into %s: %llu new, %llu updated\n",
                    n_events > G_MAXULONG ? G_MAXULONG : (gulong) n_events),
          (unsigned long long) n_events,
          chronomap_database_get_display_name (db),
          (unsigned long long) chronomap_importer_get_n_inserted (importer),
          (unsigned long long) chronomap_importer_get_n_updated (importer));

  if (chronomap_importer_get_n_unknown_country (importer) > 0)
    {
      GPtrArray *names = chronomap_importer_get_unknown_countries (importer);
      g_autoptr(GString) list = g_string_new (NULL);
      guint64 n = chronomap_importer_get_n_unknown_country (importer);

      for (guint i = 0; i < MIN (names->len, 5); i++)
        g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", (const char *) names->pdata[i]);
      if (names->len > 5)
        g_string_append (list, ", …");
      fprintf (stderr, "chronomap-cli: ");
      fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                    "%llu event names a country Chronomap does not know; its "
                                    "name is kept as written, in the event’s other fields: %s\n",
                                    "%llu events name a country Chronomap does not know; the name "
                                    "is kept as written, in the events’ other fields: %s\n", n),
               (unsigned long long) n, list->str);
    }

  if (report != NULL)
    {
      guint64 skipped = chronomap_importer_get_n_skipped (importer);

      if (!g_output_stream_close (G_OUTPUT_STREAM (report), NULL, &error))
        {
          fprintf (stderr, "chronomap-cli: %s: %s\n", report_path, error->message);
          return CHRONOMAP_CLI_EXIT_FAILURE;
        }
      if (skipped > 0)
        printf (ngettext ("Skipped %llu bad row; the report is in %s\n",
                          "Skipped %llu bad rows; the report is in %s\n",
                          skipped > G_MAXULONG ? G_MAXULONG : (gulong) skipped),
                (unsigned long long) skipped, report_path);
      else
        g_file_delete (report_file, NULL, NULL);
    }

  return CHRONOMAP_CLI_EXIT_OK;
}
