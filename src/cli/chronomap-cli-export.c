/* chronomap-cli-export.c: `chronomap-cli export [--format F] [--from D --to D] FILE OUT`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "chronomap-cli-commands.h"
#include "chronomap-database.h"
#include "chronomap-date.h"
#include "chronomap-exporter.h"

/* A date option's usage error: why @option's @text is no day ("February 2019 has
 * 28 days") when it is written as one, else @usage. */
static int
date_error (GOptionContext *context,
            const char     *option,
            const char     *text,
            const char     *usage)
{
  g_autofree char *why = chronomap_date_explain_invalid (text);
  g_autofree char *message = why != NULL ? g_strdup_printf ("%s %s: %s", option, text, why) : NULL;

  return chronomap_cli_usage_error (context, message != NULL ? message : usage);
}

/**
 * chronomap_cli_parse_window:
 * @from_text: (nullable): --from, a date whose period's first day is meant
 * @to_text: (nullable): --to, a date whose period's last day is meant
 * @from: (inout): the first day, left as it is without @from_text
 * @to: (inout): the last day, left as it is without @to_text
 *
 * Returns: -1 if the window is valid, else the usage error's exit status
 */
int
chronomap_cli_parse_window (GOptionContext *context,
                            const char     *from_text,
                            const char     *to_text,
                            gint32         *from,
                            gint32         *to)
{
  ChronomapDatePrecision precision;
  gint32 day;

  if (from_text != NULL)
    {
      if (!chronomap_date_parse (from_text, -1, &day, &precision))
        return date_error (context, "--from", from_text, _("--from takes a date such as 2019-03-01"));
      *from = chronomap_date_period_start (day, precision);
    }
  if (to_text != NULL)
    {
      if (!chronomap_date_parse (to_text, -1, &day, &precision))
        return date_error (context, "--to", to_text, _("--to takes a date such as 2019-03-31"));
      *to = chronomap_date_period_end (day, precision);
    }
  if (*from != CHRONOMAP_DAY_INVALID && *to != CHRONOMAP_DAY_INVALID && *to < *from)
    return chronomap_cli_usage_error (context, _("--to is before --from"));
  return -1;
}

int
chronomap_cli_export (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  ChronomapExportFormat format;
  gint32 from = CHRONOMAP_DAY_INVALID, to = CHRONOMAP_DAY_INVALID;
  int status;
  guint64 n = 0;
  gboolean no_geocode = FALSE;
  g_autoptr(GArray) positions = NULL;
  ChronomapExportSelection selection = { CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, NULL, 0, NULL, 0 };
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: geojson, csv, kml or gpkg (default: from OUT's name)"), N_("FORMAT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Only events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Only events on or before this date (a month or year means its end)"), N_("DATE") },
    { "no-geocode", 0, 0, G_OPTION_ARG_NONE, &no_geocode,
      N_("Write only the coordinates the file holds, not where the app places the others"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE OUT — export the events of an event database"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return chronomap_cli_usage_error (context, error->message);
  if (files == NULL || files[0] == NULL || files[1] == NULL || files[2] != NULL)
    return chronomap_cli_usage_error (context, _("give the database FILE and the OUT file"));
  if (format_name == NULL)
    {
      /* as render does: the name says it */
      if (!chronomap_export_format_from_path (files[1], &format))
        return chronomap_cli_usage_error (context, _("give the output format with --format, or an "
                                                     "OUT ending in .geojson, .csv, .kml or "
                                                     ".gpkg"));
    }
  else if (!chronomap_export_format_from_string (format_name, &format))
    return chronomap_cli_usage_error (context, _("unknown format; use geojson, csv, kml or gpkg"));
  status = chronomap_cli_parse_window (context, from_text, to_text, &from, &to);
  if (status >= 0)
    return status;

  /* the events the file does not place go where the app shows them */
  if (!no_geocode)
    {
      /* rows the app cannot show are left out there, and by the exporter */
      g_autoptr(ChronomapEventStore) store = chronomap_event_store_load (files[0],
                                                                         CHRONOMAP_LOAD_SKIP_BAD_ROWS,
                                                                         NULL, &error);

      if (store == NULL)
        {
          fprintf (stderr, "chronomap-cli: %s\n", error->message);
          return CHRONOMAP_CLI_EXIT_FAILURE;
        }
      g_free (chronomap_cli_place_events (store, files[0]));
      positions = chronomap_export_positions_from_store (store);
      selection.positions = (const ChronomapExportPosition *) positions->data;
      selection.n_positions = positions->len;
    }
  selection.from_day = from;
  selection.to_day = to;

  db = chronomap_database_open (files[0], CHRONOMAP_DATABASE_READ_ONLY, &error);
  if (db == NULL ||
      !chronomap_export_database_full (db, format, &selection, files[1], NULL, NULL, &n, NULL,
                                       &error))
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  printf (_("Exported %llu events to %s\n"), (unsigned long long) n, files[1]);
  return CHRONOMAP_CLI_EXIT_OK;
}
