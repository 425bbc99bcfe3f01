/* chronomap-bench-utils.c: what the benchmarks share: a large, seeded
 * event file, and percentiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "chronomap-bench-utils.h"
#include "chronomap-database.h"
#include "chronomap-date.h"

static const char *types[] = {
  "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
  "Riots", "Strategic developments", "Battles (reported)", "Other",
};

/**
 * chronomap_bench_build_events:
 * @path: the event database to make (replaced if there)
 * @n_events: how many events
 *
 * Writes a seeded, so always the same, set of events with coordinates:
 * 60 % in forty towns' surroundings (one at Aleppo), the rest spread from
 * the Sahel to Central Asia, dates 2011–2024, eight types.
 */
void
chronomap_bench_build_events (const char *path,
                              guint       n_events)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  sqlite3_stmt *stmt = NULL;
  gint32 first = chronomap_date_from_ymd (2011, 1, 1);
  gint32 span = chronomap_date_from_ymd (2024, 12, 31) - first + 1;
  double towns[40][2];

  for (guint t = 0; t < G_N_ELEMENTS (towns); t++)
    {
      towns[t][0] = g_rand_double_range (rand, 12.0, 40.0);
      towns[t][1] = g_rand_double_range (rand, 0.0, 60.0);
    }
  /* One town at Aleppo, where the busy views look. */
  towns[0][0] = 36.2;
  towns[0][1] = 37.15;

  g_unlink (path);
  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE, &error);
  g_assert_no_error (error);
  chronomap_database_exec (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL);
  chronomap_database_begin (db, &error);
  g_assert_no_error (error);
  sqlite3_prepare_v2 (chronomap_database_get_handle (db),
                      "INSERT INTO events (date_start, date_precision, event_type, location, "
                      "  latitude, longitude, geo_precision, fatalities) "
                      "VALUES (?, 'day', ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL);
  for (guint i = 0; i < n_events; i++)
    {
      gint32 day = first + g_rand_int_range (rand, 0, span);
      char date[16], place[32];
      double lat, lon;

      if (g_rand_int_range (rand, 0, 10) < 6)
        {
          guint t = g_rand_int_range (rand, 0, G_N_ELEMENTS (towns));
          /* Box-Muller: a town's surroundings, about 30 km */
          double r = sqrt (-2 * log (g_rand_double_range (rand, 1e-9, 1))) * 0.3;
          double a = g_rand_double_range (rand, 0, 2 * G_PI);

          lat = towns[t][0] + r * cos (a);
          lon = towns[t][1] + r * sin (a);
        }
      else
        {
          lat = g_rand_double_range (rand, 5.0, 45.0);
          lon = g_rand_double_range (rand, -15.0, 70.0);
        }

      chronomap_date_format_buf (day, CHRONOMAP_DATE_PRECISION_DAY, date);
      g_snprintf (place, sizeof place, "Place %u", i % 20000);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, place, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 4, lat);
      sqlite3_bind_double (stmt, 5, lon);
      sqlite3_bind_text (stmt, 6, i % 10 == 0 ? "admin1" : "exact", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, g_rand_int_range (rand, 0, 12));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert: %s", sqlite3_errmsg (chronomap_database_get_handle (db)));
    }
  sqlite3_finalize (stmt);
  chronomap_database_commit (db, &error);
  g_assert_no_error (error);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * chronomap_bench_percentile:
 * @values: (inout): the figures, sorted in place
 * @n: how many
 * @p: which, from 0 to 1 (0.5 the median)
 *
 * Returns: the @p-th of @values, the nearest to it that was measured
 */
double
chronomap_bench_percentile (double *values,
                            guint   n,
                            double  p)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[MIN (n - 1, (guint) floor (p * (n - 1) + 0.5))];
}
