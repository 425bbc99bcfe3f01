/* fuzz-event-db.c: an event database file, opened as a user opens one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the whole SQLite file.  It is loaded read-only, the way the
 * app and `chronomap-cli info` open a file, then every read the views make
 * is made; then the file (a scratch copy, as every input is) is opened
 * for writing, which migrates an older file's schema.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <sqlite3.h>

#include "chronomap-database.h"
#include "chronomap-event-store.h"
#include "chronomap-fuzz.h"

/* Bounds the work per input: a real file of millions of rows is the
 * benchmarks' business, not the fuzzer's. */
#define MAX_DAYS_COUNTED 4096
#define MAX_DETAILS 8

void
chronomap_fuzz_setup (void)
{
  /* Bound SQLite's own memory so that a hostile page count or cache size
   * shows as an error, not as the fuzzer's out-of-memory; without memory
   * statistics SQLite's allocations are cheaper. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  sqlite3_hard_heap_limit64 (512 * 1024 * 1024);
}

static void
exercise_store (ChronomapEventStore *store)
{
  guint n_events = 0, n_locations = 0;
  const ChronomapEvent *events = chronomap_event_store_get_events (store, &n_events);
  const ChronomapLocation *locations = chronomap_event_store_get_locations (store, &n_locations);
  gint32 first, last;

  g_assert_cmpuint (n_events, ==, chronomap_event_store_get_n_events (store));
  for (guint i = 0; i < n_events; i++)
    {
      const ChronomapEvent *e = &events[i];

      /* What the views rely on: time order, a valid span, strings that
       * exist, coordinates in range. */
      g_assert_cmpint (e->start, <=, e->end);
      if (i > 0)
        g_assert_cmpint (events[i - 1].start, <=, e->start);
      g_assert_true (e->event_type == 0 || chronomap_event_store_get_string (store, e->event_type));
      g_assert_true (e->location == 0 || chronomap_event_store_get_string (store, e->location));
      g_assert_true (e->actor1 == 0 || chronomap_event_store_get_string (store, e->actor1));
      if (!isnan (e->latitude))
        {
          g_assert_true (e->latitude >= -90 && e->latitude <= 90);
          g_assert_true (e->longitude >= -180 && e->longitude <= 180);
        }
      g_assert_cmpint (chronomap_event_store_find_id (store, e->id), >=, 0);
      (void) chronomap_geo_precision_to_string (e->geo_precision);
      (void) chronomap_event_store_get_source (store, e->source_id);
    }
  for (guint i = 0; i < n_locations; i++)
    {
      g_assert_nonnull (chronomap_event_store_get_string (store, locations[i].name));
      /* The geocoder's answer written back to every event of the place. */
      (void) chronomap_event_store_set_location_position (store, locations[i].name, 33.5, 36.3,
                                                          CHRONOMAP_GEO_PRECISION_ADMIN1, i % 2 == 0);
    }
  if (n_locations > 0)
    chronomap_event_store_positions_changed (store);

  if (chronomap_event_store_get_range (store, &first, &last))
    {
      g_autoptr(GArray) hits = NULL;
      gint32 to = (gint32) MIN ((gint64) first + MAX_DAYS_COUNTED - 1, (gint64) last);
      g_autofree guint32 *counts = g_new0 (guint32, (gsize) (to - first + 1));
      guint total = 0;

      g_assert_cmpint (first, <=, last);
      hits = chronomap_event_store_query (store, first, last);
      g_assert_nonnull (hits);
      g_assert_cmpuint (chronomap_event_store_count (store, first, last), ==, n_events);
      chronomap_event_store_count_per_day (store, first, to, counts);
      for (gint32 d = 0; d <= to - first; d++)
        total += counts[d];
      (void) total;
      (void) chronomap_event_store_count (store, G_MININT32 + 1, G_MAXINT32 - 1);
    }

  for (guint i = 0; i < MIN (n_events, MAX_DETAILS); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronomapEventDetails) details = chronomap_event_store_get_details (store, i, &error);

      g_assert_true ((details == NULL) == (error != NULL));
    }

  (void) chronomap_event_store_get_n_sources (store);
  (void) chronomap_event_store_get_n_with_position (store);
  (void) chronomap_event_store_get_event_memory (store);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;

  path = chronomap_fuzz_write_file ("events.sqlite", data, size);
  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_SKIP_BAD_ROWS, NULL, &error);
  if (store != NULL)
    {
      g_assert_no_error (error);
      exercise_store (store);
    }
  else
    {
      /* Every refusal names the file, so the user knows which one. */
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "events.sqlite"));
    }
  /* Without SKIP_BAD_ROWS a bad row fails the load; with none, the two
   * loads are the same and the second is left out to save time. */
  if (store == NULL || chronomap_event_store_get_problems (store)->len > 0)
    {
      g_clear_object (&store);
      g_clear_error (&error);
      store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
      g_assert_true ((store == NULL) == (error != NULL));
    }
  g_clear_object (&store);
  g_clear_error (&error);

  /* Opening for writing migrates older files in place. */
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);
  g_assert_true ((db == NULL) == (error != NULL));
  if (db != NULL)
    {
      g_free (chronomap_database_get_metadata (db, "title"));
      g_assert_cmpint (chronomap_database_get_version (db), ==, CHRONOMAP_DATABASE_VERSION);
      store = chronomap_event_store_load_database (db, CHRONOMAP_LOAD_SKIP_BAD_ROWS, NULL, NULL);
    }

  return 0;
}
