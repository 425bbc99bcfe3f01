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
#include "chronomap-extractor.h"

static const char *
geo_precision (const ChronomapGazetteerEntry *entry)
{
  switch (entry->precision)
    {
    case CHRONOMAP_PRECISION_COUNTRY:
      return "country";
    case CHRONOMAP_PRECISION_ADMIN:
      return "admin1";
    case CHRONOMAP_PRECISION_RIVER:
      return "feature";
    case CHRONOMAP_PRECISION_PLACE:
    case CHRONOMAP_PRECISION_OTHER:
    case CHRONOMAP_PRECISION_NONE:
    default:
      return "exact";
    }
}

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

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static gboolean
write_events (ChronomapDatabase  *db,
              GPtrArray          *events,
              const char         *title,
              const char         *url,
              gint32              published,
              const char         *text,
              GError            **error)
{
  sqlite3 *handle = chronomap_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  char published_text[16];
  sqlite3_int64 source_id;

  chronomap_date_format_buf (published, CHRONOMAP_DATE_PRECISION_DAY, published_text);

  if (sqlite3_prepare_v2 (handle,
                          "INSERT INTO sources (title, url, published, full_text) VALUES (?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  bind_text (stmt, 1, title);
  bind_text (stmt, 2, url);
  bind_text (stmt, 3, published_text);
  bind_text (stmt, 4, text);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail;
  sqlite3_finalize (stmt);
  stmt = NULL;
  source_id = sqlite3_last_insert_rowid (handle);

  if (sqlite3_prepare_v2 (handle,
                          "INSERT INTO events (date_start, date_end, date_precision, event_type, "
                          "sub_event_type, actor1, actor2, location, country, latitude, longitude, "
                          "geo_precision, geo_source, fatalities, notes, source_id, quote) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail;

  for (guint i = 0; i < events->len; i++)
    {
      const ChronomapExtractedEvent *e = g_ptr_array_index (events, i);
      char start[16], end[16];
      g_autofree char *notes = NULL;
      char conf[G_ASCII_DTOSTR_BUF_SIZE];

      chronomap_date_format_buf (e->date_start, e->precision, start);
      chronomap_date_format_buf (e->date_end, e->precision, end);
      g_ascii_formatd (conf, sizeof conf, "%.2f", e->confidence);
      notes = g_strdup_printf ("Extracted from the article by chronomap-cli extract; confidence %s", conf);

      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      bind_text (stmt, 1, start);
      bind_text (stmt, 2, strcmp (start, end) != 0 ? end : NULL);
      bind_text (stmt, 3, chronomap_date_precision_to_string (e->precision));
      bind_text (stmt, 4, e->event_type);
      bind_text (stmt, 5, e->sub_event_type);
      bind_text (stmt, 6, e->actor1);
      bind_text (stmt, 7, e->actor2);
      bind_text (stmt, 8, e->location);
      if (e->place != NULL)
        {
          bind_text (stmt, 9, e->place->country[0] != '\0' ? e->place->country : NULL);
          sqlite3_bind_double (stmt, 10, e->place->latitude);
          sqlite3_bind_double (stmt, 11, e->place->longitude);
          bind_text (stmt, 12, geo_precision (e->place));
          bind_text (stmt, 13, e->place->id);
        }
      if (e->fatalities >= 0)
        sqlite3_bind_int64 (stmt, 14, e->fatalities);
      bind_text (stmt, 15, notes);
      sqlite3_bind_int64 (stmt, 16, source_id);
      bind_text (stmt, 17, e->quote);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto fail;
    }
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  chronomap_database_set_error (db, error, "writing the events");
  sqlite3_finalize (stmt);
  return FALSE;
}

int
chronomap_cli_extract (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
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
      N_("The article's publication date; relative dates are resolved against it"), N_("YYYY-MM-DD") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &title, N_("The article's title or outlet"), N_("TITLE") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("Where the article was published"), N_("URL") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The event database to add the events to"), N_("FILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print the events as TSV instead of saving them"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("ARTICLE") },
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
  if (published_text == NULL)
    return chronomap_cli_usage_error (context, _("--published is required"));
  if (!chronomap_date_parse (published_text, -1, &published, &precision) ||
      precision != CHRONOMAP_DATE_PRECISION_DAY)
    return chronomap_cli_usage_error (context, _("--published must be a date written YYYY-MM-DD"));
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
  if (!write_events (db, events, title, url, published, contents, &error) ||
      !chronomap_database_commit (db, &error))
    {
      chronomap_database_rollback (db);
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "%s: added %u event from %s\n", "%s: added %u events from %s\n",
                       events->len),
          chronomap_database_get_display_name (db), events->len, display);
  return CHRONOMAP_CLI_EXIT_OK;
}
