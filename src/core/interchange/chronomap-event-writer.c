/* chronomap-event-writer.c: inserting or updating events and their sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-importer"

#include "config.h"

#include "chronomap-interchange-private.h"

#include <string.h>

#include "chronomap-error.h"

/* A re-import finds the source rows it wrote before through a 128-bit hash
 * of their text; collisions are beyond practical concern (~1e-20 for a
 * million sources) and the table costs 24 bytes a source, not its text. */
typedef struct
{
  guint64 h1;
  guint64 h2;
  gint64  id;   /* 0: empty slot */
} SourceSlot;

struct _ChronomapEventWriter
{
  ChronomapDatabase *db;
  sqlite3           *handle;
  sqlite3_stmt      *insert_event;
  sqlite3_stmt      *insert_source;
  sqlite3_stmt      *count_events;
  SourceSlot        *slots;
  gsize              n_slots;
  gsize              n_used;
  guint64            n_written;
};

static const char insert_event_sql[] =
  "INSERT INTO events (external_id, date_start, date_end, date_precision, event_type, "
  "sub_event_type, actor1, actor2, location, country, latitude, longitude, geo_precision, "
  "geo_source, fatalities, fatalities_low, fatalities_high, notes, source_id, quote, "
  "admin1, admin2, attributes) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
  "?19, ?20, ?21, ?22, ?23) "
  "ON CONFLICT (external_id) DO UPDATE SET date_start = excluded.date_start, "
  "date_end = excluded.date_end, date_precision = excluded.date_precision, "
  "event_type = excluded.event_type, sub_event_type = excluded.sub_event_type, "
  "actor1 = excluded.actor1, actor2 = excluded.actor2, location = excluded.location, "
  "country = excluded.country, latitude = excluded.latitude, longitude = excluded.longitude, "
  "geo_precision = excluded.geo_precision, geo_source = excluded.geo_source, "
  "fatalities = excluded.fatalities, fatalities_low = excluded.fatalities_low, "
  "fatalities_high = excluded.fatalities_high, notes = excluded.notes, "
  "source_id = excluded.source_id, quote = excluded.quote, admin1 = excluded.admin1, "
  "admin2 = excluded.admin2, attributes = excluded.attributes";

/* Adds @text to a 128-bit hash begun with CHRONOMAP_INTERCHANGE_HASH_H1
 * and _H2. */
void
chronomap_interchange_hash_field (guint64    *h1,
                                  guint64    *h2,
                                  const char *text)
{
  /* FNV-1a and a multiply-xorshift hash, each over the field and a
   * separator that tells NULL from "". */
  const guchar *p = (const guchar *) (text != NULL ? text : "");
  guchar separator = text != NULL ? 0x1f : 0x1e;

  for (; *p != '\0'; p++)
    {
      *h1 = (*h1 ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);
      *h2 = (*h2 + *p) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      *h2 ^= *h2 >> 29;
    }
  *h1 = (*h1 ^ separator) * G_GUINT64_CONSTANT (0x100000001b3);
  *h2 = (*h2 + separator) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  *h2 ^= *h2 >> 29;
}

static void
hash_source (const char *title,
             const char *publisher,
             const char *url,
             const char *published,
             const char *full_text,
             guint64    *out_h1,
             guint64    *out_h2)
{
  guint64 h1 = CHRONOMAP_INTERCHANGE_HASH_H1;
  guint64 h2 = CHRONOMAP_INTERCHANGE_HASH_H2;

  chronomap_interchange_hash_field (&h1, &h2, title);
  chronomap_interchange_hash_field (&h1, &h2, publisher);
  chronomap_interchange_hash_field (&h1, &h2, url);
  chronomap_interchange_hash_field (&h1, &h2, published);
  chronomap_interchange_hash_field (&h1, &h2, full_text);
  *out_h1 = h1;
  *out_h2 = h2;
}

static SourceSlot *
find_slot (ChronomapEventWriter *writer,
           guint64               h1,
           guint64               h2)
{
  gsize mask = writer->n_slots - 1;
  gsize i = h1 & mask;

  while (writer->slots[i].id != 0 && (writer->slots[i].h1 != h1 || writer->slots[i].h2 != h2))
    i = (i + 1) & mask;
  return &writer->slots[i];
}

static void
remember_source (ChronomapEventWriter *writer,
                 guint64               h1,
                 guint64               h2,
                 gint64                id)
{
  SourceSlot *slot;

  if (id == 0)
    return;
  if ((writer->n_used + 1) * 2 > writer->n_slots)
    {
      SourceSlot *old = writer->slots;
      gsize n_old = writer->n_slots;

      writer->n_slots *= 2;
      writer->slots = g_new0 (SourceSlot, writer->n_slots);
      for (gsize i = 0; i < n_old; i++)
        if (old[i].id != 0)
          *find_slot (writer, old[i].h1, old[i].h2) = old[i];
      g_free (old);
    }
  slot = find_slot (writer, h1, h2);
  if (slot->id == 0)
    writer->n_used++;
  slot->h1 = h1;
  slot->h2 = h2;
  slot->id = id;
}

static gboolean
load_sources (ChronomapEventWriter  *writer,
              GError               **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (writer->handle,
                          "SELECT id, title, publisher, url, published, full_text FROM sources",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (writer->db, error, "cannot read its sources");
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 h1, h2;

      hash_source ((const char *) sqlite3_column_text (stmt, 1),
                   (const char *) sqlite3_column_text (stmt, 2),
                   (const char *) sqlite3_column_text (stmt, 3),
                   (const char *) sqlite3_column_text (stmt, 4),
                   (const char *) sqlite3_column_text (stmt, 5), &h1, &h2);
      /* The first of two equal rows is the one reused. */
      if (find_slot (writer, h1, h2)->id == 0)
        remember_source (writer, h1, h2, sqlite3_column_int64 (stmt, 0));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      chronomap_database_set_error (writer->db, error, "cannot read its sources");
      return FALSE;
    }
  return TRUE;
}

/**
 * chronomap_event_writer_new:
 * @db: a database opened for writing, inside a transaction
 *
 * Returns: (transfer full) (nullable): a writer, or %NULL on error
 */
ChronomapEventWriter *
chronomap_event_writer_new (ChronomapDatabase  *db,
                            GError            **error)
{
  ChronomapEventWriter *writer = g_new0 (ChronomapEventWriter, 1);

  writer->db = g_object_ref (db);
  writer->handle = chronomap_database_get_handle (db);
  writer->n_slots = 1024;
  writer->slots = g_new0 (SourceSlot, writer->n_slots);

  if (sqlite3_prepare_v2 (writer->handle, insert_event_sql, -1, &writer->insert_event,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (writer->handle,
                          "INSERT INTO sources (title, publisher, url, published, full_text) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)", -1, &writer->insert_source,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (writer->handle, "SELECT count(*) FROM events", -1,
                          &writer->count_events, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (db, error, "cannot be written");
      chronomap_event_writer_free (writer);
      return NULL;
    }

  if (!load_sources (writer, error))
    {
      chronomap_event_writer_free (writer);
      return NULL;
    }
  return writer;
}

void
chronomap_event_writer_free (ChronomapEventWriter *writer)
{
  if (writer == NULL)
    return;

  sqlite3_finalize (writer->insert_event);
  sqlite3_finalize (writer->insert_source);
  sqlite3_finalize (writer->count_events);
  g_clear_object (&writer->db);
  g_free (writer->slots);
  g_free (writer);
}

/**
 * chronomap_interchange_bind_text:
 * @text: (nullable): bound without a copy, so it must outlive the step
 */
void
chronomap_interchange_bind_text (sqlite3_stmt *stmt,
                                 int           index,
                                 const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_count (sqlite3_stmt *stmt,
            int           index,
            gint64        count)
{
  if (count >= 0)
    sqlite3_bind_int64 (stmt, index, count);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
resolve_source (ChronomapEventWriter             *writer,
                const ChronomapInterchangeEvent  *event,
                gint64                           *out_id,
                GError                          **error)
{
  sqlite3_stmt *stmt = writer->insert_source;
  SourceSlot *slot;
  guint64 h1, h2;

  *out_id = 0;
  if (event->source_title == NULL && event->source_publisher == NULL &&
      event->source_url == NULL && event->source_published == NULL &&
      event->source_text == NULL)
    return TRUE;

  hash_source (event->source_title, event->source_publisher, event->source_url,
               event->source_published, event->source_text, &h1, &h2);
  slot = find_slot (writer, h1, h2);
  if (slot->id != 0)
    {
      *out_id = slot->id;
      return TRUE;
    }

  chronomap_interchange_bind_text (stmt, 1, event->source_title);
  chronomap_interchange_bind_text (stmt, 2, event->source_publisher);
  chronomap_interchange_bind_text (stmt, 3, event->source_url);
  chronomap_interchange_bind_text (stmt, 4, event->source_published);
  chronomap_interchange_bind_text (stmt, 5, event->source_text);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      chronomap_database_set_error (writer->db, error, "cannot add a source");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  *out_id = sqlite3_last_insert_rowid (writer->handle);
  remember_source (writer, h1, h2, *out_id);
  return TRUE;
}

/**
 * chronomap_event_writer_write:
 * @event: a valid event
 *
 * Inserts @event, or updates the event with the same external id.
 *
 * Returns: %TRUE on success
 */
gboolean
chronomap_event_writer_write (ChronomapEventWriter             *writer,
                              const ChronomapInterchangeEvent  *event,
                              GError                          **error)
{
  sqlite3_stmt *stmt = writer->insert_event;
  gint64 source_id;
  int rc;

  g_assert (event->event_type != NULL);

  if (!resolve_source (writer, event, &source_id, error))
    return FALSE;

  chronomap_interchange_bind_text (stmt, 1, event->external_id);
  sqlite3_bind_text (stmt, 2, event->date_start, -1, SQLITE_STATIC);
  chronomap_interchange_bind_text (stmt, 3, event->date_end[0] != '\0' ? event->date_end : NULL);
  sqlite3_bind_text (stmt, 4, chronomap_date_precision_to_string (event->precision), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, event->event_type, -1, SQLITE_STATIC);
  chronomap_interchange_bind_text (stmt, 6, event->sub_event_type);
  chronomap_interchange_bind_text (stmt, 7, event->actor1);
  chronomap_interchange_bind_text (stmt, 8, event->actor2);
  chronomap_interchange_bind_text (stmt, 9, event->location);
  chronomap_interchange_bind_text (stmt, 10, event->country);
  if (event->has_position)
    {
      sqlite3_bind_double (stmt, 11, event->latitude);
      sqlite3_bind_double (stmt, 12, event->longitude);
    }
  else
    {
      sqlite3_bind_null (stmt, 11);
      sqlite3_bind_null (stmt, 12);
    }
  chronomap_interchange_bind_text (stmt, 13, event->geo_precision);
  chronomap_interchange_bind_text (stmt, 14, event->geo_source);
  bind_count (stmt, 15, event->fatalities);
  bind_count (stmt, 16, event->fatalities_low);
  bind_count (stmt, 17, event->fatalities_high);
  chronomap_interchange_bind_text (stmt, 18, event->notes);
  if (source_id != 0)
    sqlite3_bind_int64 (stmt, 19, source_id);
  else
    sqlite3_bind_null (stmt, 19);
  chronomap_interchange_bind_text (stmt, 20, event->quote);
  chronomap_interchange_bind_text (stmt, 21, event->admin1);
  chronomap_interchange_bind_text (stmt, 22, event->admin2);
  chronomap_interchange_bind_text (stmt, 23, event->attributes);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                   "%s: cannot write event %s: %s",
                   chronomap_database_get_display_name (writer->db),
                   event->external_id != NULL ? event->external_id : event->date_start,
                   sqlite3_errmsg (writer->handle));
      return FALSE;
    }
  writer->n_written++;
  return TRUE;
}

gint64
chronomap_event_writer_count (ChronomapEventWriter *writer)
{
  gint64 n = 0;

  if (sqlite3_step (writer->count_events) == SQLITE_ROW)
    n = sqlite3_column_int64 (writer->count_events, 0);
  sqlite3_reset (writer->count_events);
  return n;
}

guint64
chronomap_event_writer_get_n_written (ChronomapEventWriter *writer)
{
  return writer->n_written;
}
