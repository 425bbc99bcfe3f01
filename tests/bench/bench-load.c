/* bench-load.c: how fast the event store loads a large file
 *
 * Builds (seeded, so every run measures the same file) a database of N
 * events — 50,000 distinct locations, 30 event types, 200 actors, dates
 * 2011–2024 — then times, in the same run and on the same warm file:
 *   scan: a bare sqlite3_step loop fetching the same columns, no processing;
 *   load: chronomap_event_store_load_database() of the same file.
 * Prints `key: value` lines: load_s, scan_s, load_ratio (load/scan) and
 * bytes_per_event (the store's per-event memory, shared strings excluded).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "chronomap-event-store.h"

static const char *types[][2] = {
  { "Battles", "Armed clash" },
  { "Battles", "Government regains territory" },
  { "Battles", "Non-state actor overtakes territory" },
  { "Explosions/Remote violence", "Air/drone strike" },
  { "Explosions/Remote violence", "Shelling/artillery/missile attack" },
  { "Explosions/Remote violence", "Remote explosive/landmine/IED" },
  { "Explosions/Remote violence", "Suicide bomb" },
  { "Explosions/Remote violence", "Grenade" },
  { "Explosions/Remote violence", "Chemical weapon" },
  { "Violence against civilians", "Attack" },
  { "Violence against civilians", "Abduction/forced disappearance" },
  { "Violence against civilians", "Sexual violence" },
  { "Protests", "Peaceful protest" },
  { "Protests", "Protest with intervention" },
  { "Protests", "Excessive force against protesters" },
  { "Riots", "Violent demonstration" },
  { "Riots", "Mob violence" },
  { "Strategic developments", "Agreement" },
  { "Strategic developments", "Arrests" },
  { "Strategic developments", "Change to group/activity" },
  { "Strategic developments", "Disrupted weapons use" },
  { "Strategic developments", "Headquarters or base established" },
  { "Strategic developments", "Looting/property destruction" },
  { "Strategic developments", "Non-violent transfer of territory" },
  { "Strategic developments", "Other" },
  { "Battles", "Armed clash (reported)" },
  { "Protests", "Other protest" },
  { "Riots", "Other riot" },
  { "Violence against civilians", "Other attack" },
  { "Explosions/Remote violence", "Other explosion" },
};

static void
build (const char *path,
       guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1204);
  sqlite3_stmt *stmt = NULL;
  gint32 first = chronomap_date_from_ymd (2011, 1, 1);
  gint32 span = chronomap_date_from_ymd (2024, 12, 31) - first + 1;

  g_unlink (path);
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE, &error);
  g_assert_no_error (error);
  chronomap_database_exec (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL);
  chronomap_database_begin (db, &error);
  g_assert_no_error (error);
  sqlite3_prepare_v2 (chronomap_database_get_handle (db),
                      "INSERT INTO events (date_start, date_end, date_precision, event_type, "
                      "  sub_event_type, actor1, actor2, location, country, latitude, longitude, "
                      "  geo_precision, fatalities, source_id, admin1, admin2) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL);
  for (guint i = 0; i < n; i++)
    {
      gint32 day = first + g_rand_int_range (rand, 0, span);
      guint t = g_rand_int_range (rand, 0, G_N_ELEMENTS (types));
      guint loc = g_rand_int_range (rand, 0, 50000);
      int kind = g_rand_int_range (rand, 0, 20);
      char date[16], end[16], actor1[32], actor2[32], place[32], admin1[32], admin2[32];

      chronomap_date_format_buf (day, kind == 0 ? CHRONOMAP_DATE_PRECISION_MONTH : CHRONOMAP_DATE_PRECISION_DAY, date);
      g_snprintf (actor1, sizeof actor1, "Actor %u", g_rand_int_range (rand, 0, 200));
      g_snprintf (actor2, sizeof actor2, "Actor %u", g_rand_int_range (rand, 0, 200));
      g_snprintf (place, sizeof place, "Place %u", loc);
      /* each place lies in one district of one governorate, as in real data */
      g_snprintf (admin1, sizeof admin1, "Governorate %u", loc % 14);
      g_snprintf (admin2, sizeof admin2, "District %u", loc % 65);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
      if (kind == 1)
        {
          chronomap_date_format_buf (day + g_rand_int_range (rand, 1, 60), CHRONOMAP_DATE_PRECISION_DAY, end);
          sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_null (stmt, 2);
      sqlite3_bind_text (stmt, 3, kind == 0 ? "month" : "day", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, types[t][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, types[t][1], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, actor1, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, actor2, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, place, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, "SY", -1, SQLITE_STATIC);
      if (loc % 2 == 0)
        {
          sqlite3_bind_double (stmt, 10, 32.0 + (loc % 500) / 100.0);
          sqlite3_bind_double (stmt, 11, 36.0 + (loc / 500) / 20.0);
          sqlite3_bind_text (stmt, 12, "exact", -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_null (stmt, 10);
          sqlite3_bind_null (stmt, 11);
          sqlite3_bind_null (stmt, 12);
        }
      if (kind < 15)
        sqlite3_bind_int (stmt, 13, g_rand_int_range (rand, 0, 40));
      else
        sqlite3_bind_null (stmt, 13);
      sqlite3_bind_int (stmt, 14, 1 + g_rand_int_range (rand, 0, 1000));
      sqlite3_bind_text (stmt, 15, admin1, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 16, admin2, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert: %s", sqlite3_errmsg (chronomap_database_get_handle (db)));
    }
  sqlite3_finalize (stmt);
  chronomap_database_commit (db, &error);
  g_assert_no_error (error);
}

/* The floor: step through the same columns and fetch each value. */
static double
scan (ChronomapDatabase *db,
      guint             *out_rows)
{
  sqlite3_stmt *stmt = NULL;
  gint64 t0 = g_get_monotonic_time ();
  guint rows = 0;
  gsize sink = 0;

  sqlite3_prepare_v2 (chronomap_database_get_handle (db),
                      "SELECT id, date_start, date_end, date_precision, event_type, sub_event_type, "
                      "actor1, actor2, location, country, latitude, longitude, geo_precision, "
                      "fatalities, source_id, admin1, admin2 FROM events", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sink += (gsize) sqlite3_column_int64 (stmt, 0);
      for (int c = 1; c <= 9; c++)
        sink += (gsize) sqlite3_column_text (stmt, c);
      sink += (gsize) sqlite3_column_double (stmt, 10);
      sink += (gsize) sqlite3_column_double (stmt, 11);
      sink += (gsize) sqlite3_column_text (stmt, 12);
      sink += (gsize) sqlite3_column_int64 (stmt, 13);
      sink += (gsize) sqlite3_column_int64 (stmt, 14);
      sink += (gsize) sqlite3_column_text (stmt, 15);
      sink += (gsize) sqlite3_column_text (stmt, 16);
      rows++;
    }
  sqlite3_finalize (stmt);
  *out_rows = rows + (sink == 1 ? 1 : 0);
  return (g_get_monotonic_time () - t0) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chronomap-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.sqlite", NULL);
  g_autoptr(ChronomapDatabase) db = NULL;
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 1000000;
  double best_scan = G_MAXDOUBLE, best_load = G_MAXDOUBLE;
  gsize bytes = 0;
  guint rows = 0;

  if (g_getenv ("CHRONOMAP_BENCH_EVENTS") != NULL)
    n = (guint) atoi (g_getenv ("CHRONOMAP_BENCH_EVENTS"));

  /* CHRONOMAP_BENCH_DB keeps the generated file between runs (profiling). */
  if (g_getenv ("CHRONOMAP_BENCH_DB") != NULL)
    {
      g_free (path);
      path = g_strdup (g_getenv ("CHRONOMAP_BENCH_DB"));
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    build (path, n);
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);

  /* Best of three for each, alternating, so both see the same warm cache. */
  for (int round = 0; round < 3; round++)
    {
      g_autoptr(ChronomapEventStore) store = NULL;
      gint64 t0;

      best_scan = MIN (best_scan, scan (db, &rows));
      t0 = g_get_monotonic_time ();
      store = chronomap_event_store_load_database (db, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
      g_assert_no_error (error);
      best_load = MIN (best_load, (g_get_monotonic_time () - t0) / 1e6);
      g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, n);
      bytes = chronomap_event_store_get_event_memory (store);
    }
  g_assert_cmpuint (rows, ==, n);

  printf ("events: %u\n", n);
  printf ("load_s: %.3f\n", best_load);
  printf ("scan_s: %.3f\n", best_scan);
  printf ("load_ratio: %.2f\n", best_load / best_scan);
  printf ("bytes_per_event: %.1f\n", (double) bytes / MAX (n, 1));

  g_clear_object (&db);
  if (g_getenv ("CHRONOMAP_BENCH_DB") == NULL)
    g_unlink (path);
  g_rmdir (dir);
  return 0;
}
