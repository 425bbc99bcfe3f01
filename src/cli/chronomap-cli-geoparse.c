/* chronomap-cli-geoparse.c: `chronomap-cli geoparse [--json] FILE`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "chronomap-cli-commands.h"
#include "chronomap-geoparser.h"
#include "chronomap-json.h"

/* Larger texts are refused rather than parsed for minutes. */
#define MAX_BYTES (16 * 1024 * 1024)

int
chronomap_cli_geoparse (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapGazetteer) gazetteer = NULL;
  g_autoptr(ChronomapGeoparser) geoparser = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_auto(GStrv) files = NULL;
  gboolean json = FALSE;
  gsize length;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array, one object a line"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE — list the place names in a text"));
  g_option_context_set_summary (context,
                                _("Prints each place mention: start and end (in characters, end "
                                  "exclusive), text, latitude, longitude and gazetteer id."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return chronomap_cli_usage_error (context, error->message);
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return chronomap_cli_usage_error (context, _("give exactly one FILE"));

  display = g_filename_display_basename (files[0]);
  if (!g_file_get_contents (files[0], &contents, &length, &error))
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  if (length > MAX_BYTES)
    {
      fprintf (stderr, _("chronomap-cli: %s: the file is too large (%.1f MB; the limit is %d MB)\n"),
               display, length / (1024.0 * 1024.0), MAX_BYTES / (1024 * 1024));
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  if (memchr (contents, '\0', length) != NULL || !g_utf8_validate (contents, length, NULL))
    {
      fprintf (stderr, _("chronomap-cli: %s: the file is not UTF-8 text (binary data or another encoding)\n"),
               display);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  gazetteer = chronomap_gazetteer_new_default (&error);
  if (gazetteer != NULL)
    geoparser = chronomap_geoparser_new (gazetteer, &error);
  if (geoparser == NULL)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  mentions = chronomap_geoparser_parse (geoparser, contents, length);
  if (json)
    g_string_append (out, "[");
  for (guint i = 0; i < mentions->len; i++)
    {
      const ChronomapPlaceMention *m = g_ptr_array_index (mentions, i);

      if (json)
        {
          g_string_append_printf (out, "%s\n{\"start\": %ld, \"end\": %ld, \"text\": ",
                                  i > 0 ? "," : "", m->start, m->end);
          chronomap_json_append_string (out, m->text);
          g_string_append (out, ", \"latitude\": ");
          chronomap_json_append_double (out, m->entry->latitude);
          g_string_append (out, ", \"longitude\": ");
          chronomap_json_append_double (out, m->entry->longitude);
          g_string_append (out, ", \"gazetteer_id\": ");
          chronomap_json_append_string (out, m->entry->id);
          g_string_append (out, ", \"name\": ");
          chronomap_json_append_string (out, m->entry->name);
          g_string_append (out, ", \"country\": ");
          chronomap_json_append_string (out, m->entry->country);
          g_string_append (out, ", \"precision\": ");
          chronomap_json_append_string (out, chronomap_precision_to_string (m->entry->precision));
          g_string_append (out, ", \"score\": ");
          chronomap_json_append_double (out, m->score);
          g_string_append (out, "}");
        }
      else
        {
          char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (lat, sizeof lat, "%.5f", m->entry->latitude);
          g_ascii_formatd (lon, sizeof lon, "%.5f", m->entry->longitude);
          g_string_append_printf (out, "%ld\t%ld\t%s\t%s\t%s\t%s\n", m->start, m->end, m->text,
                                  lat, lon, m->entry->id);
        }
    }
  if (json)
    g_string_append (out, "\n]\n");
  fputs (out->str, stdout);
  return CHRONOMAP_CLI_EXIT_OK;
}
