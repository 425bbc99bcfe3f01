/* chronomap-extract-writer.c: extracted events into an event database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by `chronomap-cli extract` and the app's news import, so an event
 * reviewed in the app and one added from the command line look the same in
 * the file: one source row for the article, then its events pointing at it.
 */
#define G_LOG_DOMAIN "chronomap-extract-writer"

#include "config.h"

#include "chronomap-extract-writer.h"

#include <string.h>

#include "chronomap-date.h"
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

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value == NULL || value[0] == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* Whether an event of @external_id is in the file. */
static gboolean
has_event (sqlite3    *handle,
           const char *external_id)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (handle, "SELECT 1 FROM events WHERE external_id = ?", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, external_id, -1, SQLITE_TRANSIENT);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

/**
 * chronomap_extracted_events_write:
 * @db: a writable event database, inside a transaction of the caller's
 * @events: (element-type ChronomapExtractedEvent): the events to add
 * @title: (nullable): the article's title or outlet
 * @url: (nullable): where it was published
 * @published: its publication day
 * @text: (nullable): the article's text, kept in the source row
 * @origin: what extracted the events, for the notes ("chronomap-cli extract")
 * @error: return location for a #GError
 *
 * Adds one source row for the article and one event row for each of
 * @events, each with its supporting quote.  An event without a gazetteer
 * place keeps its location's name with no coordinates, for the geocoder.
 * The caller begins and commits the transaction, so several articles can
 * go in at once.
 *
 * An article added again (the same text, or without @text the same
 * title, address and day) updates its events instead of adding them
 * twice: each has an external_id made of the article's and of where its
 * words are in it, and the article's source row is reused.
 *
 * Returns: %TRUE on success; @out_n_updated (optional) gets how many of
 *   @events were already in the file
 */
gboolean
chronomap_extracted_events_write (ChronomapDatabase  *db,
                                  GPtrArray          *events,
                                  const char         *title,
                                  const char         *url,
                                  gint32              published,
                                  const char         *text,
                                  const char         *origin,
                                  guint              *out_n_updated,
                                  GError            **error)
{
  sqlite3 *handle;
  sqlite3_stmt *stmt = NULL;
  char published_text[16];
  sqlite3_int64 source_id = 0;
  g_autofree char *article = NULL;
  guint n_updated = 0;

  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  handle = chronomap_database_get_handle (db);
  chronomap_date_format_buf (published, CHRONOMAP_DATE_PRECISION_DAY, published_text);

  /* The article's identity: its text, else what names it. */
  {
    g_autofree char *what = text != NULL ? NULL :
                            g_strdup_printf ("%s\n%s\n%s", title != NULL ? title : "",
                                             url != NULL ? url : "", published_text);
    g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1,
                                                          text != NULL ? text : what, -1);

    article = g_strndup (sum, 16);
  }

  /* the article's source row, when it is already in the file */
  if (sqlite3_prepare_v2 (handle,
                          text != NULL ?
                          "SELECT id FROM sources WHERE full_text = ?1 AND published = ?2 LIMIT 1" :
                          "SELECT id FROM sources WHERE full_text IS NULL AND published = ?2 AND "
                          "title IS ?3 AND url IS ?4 LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  if (text != NULL)
    bind_text (stmt, 1, text);
  bind_text (stmt, 2, published_text);
  if (text == NULL)
    {
      bind_text (stmt, 3, title);
      bind_text (stmt, 4, url);
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    source_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (source_id == 0)
    {
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
    }

  if (sqlite3_prepare_v2 (handle,
                          "INSERT INTO events (date_start, date_end, date_precision, event_type, "
                          "sub_event_type, actor1, actor2, location, country, latitude, longitude, "
                          "geo_precision, geo_source, fatalities, notes, source_id, quote, external_id) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT (external_id) DO UPDATE SET date_start = excluded.date_start, "
                          "date_end = excluded.date_end, date_precision = excluded.date_precision, "
                          "event_type = excluded.event_type, sub_event_type = excluded.sub_event_type, "
                          "actor1 = excluded.actor1, actor2 = excluded.actor2, "
                          "location = excluded.location, country = excluded.country, "
                          "latitude = excluded.latitude, longitude = excluded.longitude, "
                          "geo_precision = excluded.geo_precision, geo_source = excluded.geo_source, "
                          "fatalities = excluded.fatalities, notes = excluded.notes, "
                          "source_id = excluded.source_id, quote = excluded.quote",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail;

  for (guint i = 0; i < events->len; i++)
    {
      const ChronomapExtractedEvent *e = g_ptr_array_index (events, i);
      char start[16], end[16];
      g_autofree char *notes = NULL;
      g_autofree char *external_id = NULL;
      char conf[G_ASCII_DTOSTR_BUF_SIZE];

      chronomap_date_format_buf (e->date_start, e->precision, start);
      chronomap_date_format_buf (e->date_end, e->precision, end);
      g_ascii_formatd (conf, sizeof conf, "%.2f", e->confidence);
      notes = g_strdup_printf ("Extracted from the article by %s; confidence %s", origin, conf);

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
      /* where its words are: the same event of the same article, however
       * the analyst corrected it, has the same id */
      external_id = g_strdup_printf ("news:%s:%" G_GSSIZE_FORMAT ":%" G_GSSIZE_FORMAT, article,
                                     e->sentence.start, e->trigger_span.start);
      bind_text (stmt, 18, external_id);
      if (has_event (handle, external_id))
        n_updated++;
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto fail;
    }
  sqlite3_finalize (stmt);
  if (out_n_updated != NULL)
    *out_n_updated = n_updated;
  return TRUE;

fail:
  chronomap_database_set_error (db, error, "writing the events");
  sqlite3_finalize (stmt);
  return FALSE;
}

/* The longest a first line may be to be read as a headline. */
#define HEADLINE_MAX_CHARS 200

/**
 * chronomap_article_title:
 * @text: the article, UTF-8
 * @length: its length in bytes
 * @file_name: (nullable): the name of the file it came from
 *
 * A title for an article whose reader gave none, so that its events still
 * say where they come from: its headline (a first line that stands alone,
 * is not a sentence and is no photo credit), else the file's name without
 * its extension.
 *
 * Returns: (transfer full) (nullable): the title, %NULL with neither
 */
char *
chronomap_article_title (const char *text,
                         gsize       length,
                         const char *file_name)
{
  const char *end = text + length;
  const char *p = text;
  const char *eol;

  while (p < end && g_ascii_isspace (*p))
    p++;
  eol = memchr (p, '\n', end - p);
  if (eol != NULL && g_utf8_validate (p, eol - p, NULL))
    {
      g_autofree char *line = g_strstrip (g_strndup (p, eol - p));
      g_autofree char *folded = g_utf8_casefold (line, -1);
      const char *next = eol + 1;
      glong n_chars = g_utf8_strlen (line, -1);

      while (next < end && (*next == ' ' || *next == '\t' || *next == '\r'))
        next++;
      if (n_chars > 0 && n_chars <= HEADLINE_MAX_CHARS && next < end && *next == '\n' &&
          !g_str_has_suffix (line, ".") && strstr (folded, "credit:") == NULL)
        return g_steal_pointer (&line);
    }
  if (file_name != NULL && *file_name != '\0')
    {
      const char *dot = strrchr (file_name, '.');

      return g_strndup (file_name, dot != NULL && dot != file_name ? (gsize) (dot - file_name) : strlen (file_name));
    }
  return NULL;
}
