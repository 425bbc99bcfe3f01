/* chronomap-cli-info.c: `chronomap-cli info FILE`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "chronomap-cli-commands.h"
#include "chronomap-event-store.h"
#include "chronomap-json.h"

int
chronomap_cli_info (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  gboolean json = FALSE;
  gint32 first = 0, last = 0;
  gboolean has_range;
  char first_text[16] = "", last_text[16] = "";
  guint n_locations = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE — describe an event database"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return chronomap_cli_usage_error (context, error->message);
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return chronomap_cli_usage_error (context, _("give exactly one FILE"));

  store = chronomap_event_store_load (files[0], CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  if (store == NULL)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  has_range = chronomap_event_store_get_range (store, &first, &last);
  if (has_range)
    {
      chronomap_date_format_buf (first, CHRONOMAP_DATE_PRECISION_DAY, first_text);
      chronomap_date_format_buf (last, CHRONOMAP_DATE_PRECISION_DAY, last_text);
    }
  chronomap_event_store_get_locations (store, &n_locations);

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{");

      g_string_append_printf (out, "\"events\": %u, \"first_date\": ",
                              chronomap_event_store_get_n_events (store));
      chronomap_json_append_string (out, has_range ? first_text : NULL);
      g_string_append (out, ", \"last_date\": ");
      chronomap_json_append_string (out, has_range ? last_text : NULL);
      g_string_append_printf (out, ", \"locations\": %u, \"with_coordinates\": %u, \"sources\": %u}\n",
                              n_locations,
                              chronomap_event_store_get_n_with_position (store),
                              chronomap_event_store_get_n_sources (store));
      fputs (out->str, stdout);
    }
  else
    {
      ChronomapDatabase *db = chronomap_event_store_get_database (store);
      g_autofree char *title = chronomap_database_get_metadata (db, "title");

      printf ("%s: %s\n", _("File"), chronomap_database_get_display_name (db));
      if (title != NULL)
        printf ("%s: %s\n", _("Title"), title);
      printf ("%s: %u\n", _("Events"), chronomap_event_store_get_n_events (store));
      if (has_range)
        printf ("%s: %s – %s\n", _("Dates"), first_text, last_text);
      else
        printf ("%s: %s\n", _("Dates"), _("none"));
      printf ("%s: %u\n", _("Distinct locations"), n_locations);
      printf ("%s: %u\n", _("Events with coordinates"),
              chronomap_event_store_get_n_with_position (store));
      printf ("%s: %u\n", _("Sources"), chronomap_event_store_get_n_sources (store));
    }

  return CHRONOMAP_CLI_EXIT_OK;
}
