/* chronomap-cli-extract.c: `chronomap-cli extract --published D ARTICLE --db FILE`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "chronomap-cli-commands.h"
#include "chronomap-database.h"
#include "chronomap-date-expr.h"
#include "chronomap-extract-writer.h"
#include "chronomap-extractor.h"

/* TSV fields cannot hold tabs or line breaks: a quote spanning lines is
 * written with spaces. */
static void
append_field (GString    *out,
              const char *value)
{
  if (value == NULL)
    return;
  for (const char *p = value; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void
print_tsv (GPtrArray *events)
{
  g_autoptr(GString) out = g_string_new ("date_start\tdate_end\tprecision\tlocation\tlatitude\t"
                                         "longitude\tevent_type\tsub_event_type\tactor1\tactor2\t"
                                         "fatalities\tconfidence\tquote\n");

  for (guint i = 0; i < events->len; i++)
    {
      const ChronomapExtractedEvent *e = g_ptr_array_index (events, i);
      char start[16], end[16];
      char lat[G_ASCII_DTOSTR_BUF_SIZE] = "", lon[G_ASCII_DTOSTR_BUF_SIZE] = "";
      char conf[G_ASCII_DTOSTR_BUF_SIZE];

      chronomap_date_format_buf (e->date_start, CHRONOMAP_DATE_PRECISION_DAY, start);
      chronomap_date_format_buf (e->date_end, CHRONOMAP_DATE_PRECISION_DAY, end);
      if (e->place != NULL)
        {
          g_ascii_formatd (lat, sizeof lat, "%.5f", e->place->latitude);
          g_ascii_formatd (lon, sizeof lon, "%.5f", e->place->longitude);
        }
      g_ascii_formatd (conf, sizeof conf, "%.2f", e->confidence);
      g_string_append_printf (out, "%s\t%s\t%s\t", start, end,
                              chronomap_date_precision_to_string (e->precision));
      append_field (out, e->location);
      g_string_append_printf (out, "\t%s\t%s\t", lat, lon);
      append_field (out, e->event_type);
      g_string_append_c (out, '\t');
      append_field (out, e->sub_event_type);
      g_string_append_c (out, '\t');
      append_field (out, e->actor1);
      g_string_append_c (out, '\t');
      append_field (out, e->actor2);
      g_string_append_c (out, '\t');
      if (e->fatalities >= 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, e->fatalities);
      g_string_append_printf (out, "\t%s\t", conf);
      append_field (out, e->quote);
      g_string_append_c (out, '\n');
    }
  fputs (out->str, stdout);
}

int
chronomap_cli_extract (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  guint n_updated = 0;
  g_autoptr(ChronomapExtractor) extractor = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *published_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *url = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_auto(GStrv) files = NULL;
  gboolean dry_run = FALSE;
  ChronomapDatePrecision precision;
  gint32 published;
  gsize length;
  const GOptionEntry entries[] = {
    { "published", 0, 0, G_OPTION_ARG_STRING, &published_text,
      N_("The article's publication date (by default, the one its dateline gives); relative "
         "dates are resolved against it"), N_("YYYY-MM-DD") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &title, N_("The article's title or outlet"), N_("TITLE") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("Where the article was published"), N_("URL") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The event database to add the events to"), N_("FILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print the events as TSV instead of saving them"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("ARTICLE — find the events a news article reports"));
  g_option_context_set_summary (context,
                                _("Adds the events found in a plain-text news article to an event "
                                  "database, each with the sentence it comes from, or prints them "
                                  "with --dry-run."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return chronomap_cli_usage_error (context, error->message);
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return chronomap_cli_usage_error (context, _("give exactly one ARTICLE"));
  if (published_text != NULL &&
      (!chronomap_date_parse (published_text, -1, &published, &precision) ||
       precision != CHRONOMAP_DATE_PRECISION_DAY))
    {
      /* "2019-02-30" is written right and is no day: say which */
      g_autofree char *why = chronomap_date_explain_invalid (published_text);

      if (why != NULL)
        {
          g_autofree char *message = g_strdup_printf ("--published: %s", why);

          return chronomap_cli_usage_error (context, message);
        }
      return chronomap_cli_usage_error (context, _("--published must be a date written YYYY-MM-DD"));
    }
  if (db_path == NULL && !dry_run)
    return chronomap_cli_usage_error (context, _("give --db FILE, or --dry-run to print the events"));

  display = g_filename_display_basename (files[0]);
  if (!g_file_get_contents (files[0], &contents, &length, &error))
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  if (!chronomap_extractor_check_text (contents, length, &error))
    {
      fprintf (stderr, "chronomap-cli: %s: %s\n", display, error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  /* without --published, the day the dateline states, and only that: any
   * other guess would date "on Tuesday" wrongly without a word */
  if (published_text == NULL)
    {
      g_autofree char *day = NULL;

      if (!chronomap_dateline_day (contents, length, &published))
        return chronomap_cli_usage_error (context, _("--published is required: the article's "
                                                     "dateline gives no date"));
      day = chronomap_date_format (published, CHRONOMAP_DATE_PRECISION_DAY);
      fprintf (stderr, _("chronomap-cli: %s: published %s, as its dateline says\n"), display, day);
    }

  extractor = chronomap_extractor_new_default (&error);
  if (extractor == NULL)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  events = chronomap_extractor_extract (extractor, contents, length, published);

  if (dry_run)
    {
      print_tsv (events);
      if (events->len == 0)
        fprintf (stderr, _("chronomap-cli: %s: no events found\n"), display);
      return CHRONOMAP_CLI_EXIT_OK;
    }

  if (events->len == 0)
    {
      fprintf (stderr, _("chronomap-cli: %s: no events found; nothing was written\n"), display);
      return CHRONOMAP_CLI_EXIT_OK;
    }

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE, &error);
  if (db == NULL)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  if (!chronomap_database_begin (db, &error))
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  /* no title given: the headline, else the file's name, so that the
   * events still say which article they come from */
  if (title == NULL)
    title = chronomap_article_title (contents, length, display);
  if (!chronomap_extracted_events_write (db, events, title, url, published, contents,
                                         "chronomap-cli extract", &n_updated, &error) ||
      !chronomap_database_commit (db, &error))
    {
      chronomap_database_rollback (db);
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  if (n_updated > 0)
    /* Translators: the same article extracted into the file again */
    printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u event from %s, %u of them already there and updated\n",
                         "%s: %u events from %s, %u of them already there and updated\n",
                         events->len),
            chronomap_database_get_display_name (db), events->len, display, n_updated);
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "%s: added %u event from %s\n", "%s: added %u events from %s\n",
                         events->len),
            chronomap_database_get_display_name (db), events->len, display);
  return CHRONOMAP_CLI_EXIT_OK;
}
