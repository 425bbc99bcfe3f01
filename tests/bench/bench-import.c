/* bench-import.c: how fast a large ACLED export imports
 *
 * Writes (seeded, so every run measures the same file) a synthetic
 * ACLED-shaped CSV of N rows (default 1,000,000; CHRONOMAP_BENCH_ROWS
 * overrides): 50 locations, 12 event types, 40 sources, notes with commas
 * and quotes.  Then, in the same run:
 *   import:   chronomap_importer_run() of the file into a new database;
 *   baseline: SQLite's best case for the same rows: the values already in
 *             memory (no parsing, no validation), bound to one prepared
 *             INSERT into the same schema, in one transaction.
 * Prints `key: value` lines: rows, file_mb, import_s, baseline_s, ratio
 * (import/baseline, wall clock; the goal is at most 2), rows_per_s, and
 * the same in CPU time (import_cpu_s, baseline_cpu_s, cpu_ratio).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "chronomap-database.h"
#include "chronomap-date.h"
#include "chronomap-importer.h"

#define N_LOCATIONS 50
#define N_SOURCES 40
#define N_NOTES 64

static const char *types[][2] = {
  { "Battles", "Armed clash" },
  { "Battles", "Government regains territory" },
  { "Explosions/Remote violence", "Air/drone strike" },
  { "Explosions/Remote violence", "Shelling/artillery/missile attack" },
  { "Explosions/Remote violence", "Remote explosive/landmine/IED" },
  { "Violence against civilians", "Attack" },
  { "Violence against civilians", "Abduction/forced disappearance" },
  { "Protests", "Peaceful protest" },
  { "Riots", "Violent demonstration" },
  { "Strategic developments", "Agreement" },
  { "Strategic developments", "Arrests" },
  { "Strategic developments", "Looting/property destruction" },
};

static const char *actors[] = {
  "Military Forces of Syria (2000-)", "Hayat Tahrir al Sham", "Islamic State (Syria)",
  "Syrian Democratic Forces", "Military Forces of Turkey (2016-)", "Civilians (Syria)",
  "Protesters (Syria)", "Unidentified Armed Group (Syria)",
};

/* One row's values, as the baseline binds them. */
typedef struct
{
  char   id[16];
  char   date[16];
  guint8 type;
  guint8 actor1;
  guint8 actor2;
  guint8 location;
  guint8 source;
  guint8 notes;
  gint16 fatalities;
  double latitude;
  double longitude;
} BenchRow;

typedef struct
{
  char   *locations[N_LOCATIONS];
  char   *sources[N_SOURCES];
  char   *notes[N_NOTES];
  BenchRow *rows;
  guint   n;
} Data;

static void
generate (Data  *data,
          guint  n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6006);
  gint32 first = chronomap_date_from_ymd (2015, 1, 1);

  for (guint i = 0; i < N_LOCATIONS; i++)
    data->locations[i] = g_strdup_printf ("Town %u", i);
  for (guint i = 0; i < N_SOURCES; i++)
    data->sources[i] = g_strdup_printf ("Source %u; Local network", i);
  for (guint i = 0; i < N_NOTES; i++)
    data->notes[i] = g_strdup_printf ("On the day, forces clashed near the town, %u km from "
                                      "the \"front\"; %u people were reported killed.", i, i % 7);
  data->n = n;
  data->rows = g_new0 (BenchRow, n);
  for (guint i = 0; i < n; i++)
    {
      BenchRow *row = &data->rows[i];

      g_snprintf (row->id, sizeof row->id, "SYN%07u", i);
      chronomap_date_format_buf (first + g_rand_int_range (rand, 0, 3287),
                                 CHRONOMAP_DATE_PRECISION_DAY, row->date);
      row->type = g_rand_int_range (rand, 0, G_N_ELEMENTS (types));
      row->actor1 = g_rand_int_range (rand, 0, G_N_ELEMENTS (actors));
      row->actor2 = g_rand_int_range (rand, 0, G_N_ELEMENTS (actors));
      row->location = g_rand_int_range (rand, 0, N_LOCATIONS);
      row->source = g_rand_int_range (rand, 0, N_SOURCES);
      row->notes = g_rand_int_range (rand, 0, N_NOTES);
      row->fatalities = g_rand_int_range (rand, 0, 30);
      /* Four decimals, as ACLED writes them. */
      row->latitude = g_rand_int_range (rand, 323000, 372000) / 10000.0;
      row->longitude = g_rand_int_range (rand, 357000, 422000) / 10000.0;
    }
}

static void
write_csv (const Data *data,
           const char *path)
{
  FILE *out = fopen (path, "w");

  g_assert_nonnull (out);
  fputs ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
         "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
         "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
         "source,source_scale,notes,fatalities,tags,timestamp\n", out);
  for (guint i = 0; i < data->n; i++)
    {
      const BenchRow *row = &data->rows[i];
      g_autofree char *notes = NULL;
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
      GString *quoted = g_string_new ("\"");

      for (const char *p = data->notes[row->notes]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (quoted, '"');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '"');
      notes = g_string_free (quoted, FALSE);
      g_ascii_formatd (lat, sizeof lat, "%.4f", row->latitude);
      g_ascii_formatd (lon, sizeof lon, "%.4f", row->longitude);
      fprintf (out, "%s,%s,%.4s,1,Political violence,%s,%s,%s,,State forces,%s,,Rebel group,"
               "State forces-Rebel group,,760,Middle East,Syria,Idlib,Idlib,Idlib,%s,%s,%s,1,"
               "%s,National,%s,%d,,1700000000\n",
               row->id, row->date, row->date, types[row->type][0], types[row->type][1],
               actors[row->actor1], actors[row->actor2], data->locations[row->location], lat, lon,
               data->sources[row->source], notes, row->fatalities);
    }
  /* On disk before anything is timed, so neither run pays for the
   * write-back of 400 MB of CSV. */
  g_assert_cmpint (fflush (out), ==, 0);
  g_assert_cmpint (fsync (fileno (out)), ==, 0);
  g_assert_cmpint (fclose (out), ==, 0);
}

/* CPU time of this process: the disk's flush at the commit, which varies
 * a lot between runs on a shared machine, is not in it. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
run_import (const char *db_path,
            const char *csv_path,
            double     *cpu_s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  const char *paths[] = { csv_path, NULL };
  gint64 start;

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                &error);
  g_assert_no_error (error);
  importer = chronomap_importer_new (db, CHRONOMAP_IMPORT_ACLED, CHRONOMAP_IMPORT_DEFAULT);
  start = g_get_monotonic_time ();
  *cpu_s = cpu_seconds ();
  if (!chronomap_importer_run (importer, paths, NULL, &error))
    g_error ("import failed: %s", error->message);
  *cpu_s = cpu_seconds () - *cpu_s;
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
run_baseline (const char *db_path,
              const Data *data,
              double     *cpu_s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  sqlite3 *handle;
  sqlite3_stmt *stmt = NULL;
  gint64 start;
  /* What the importer keeps of the columns the events table has no place
   * for; the same for every row write_csv() writes. */
  static const char attributes[] =
    "{\"disorder_type\": \"Political violence\", \"inter1\": \"State forces\", "
    "\"inter2\": \"Rebel group\", \"interaction\": \"State forces-Rebel group\", "
    "\"iso\": \"760\", \"region\": \"Middle East\", \"admin3\": \"Idlib\", "
    "\"source_scale\": \"National\", \"timestamp\": \"1700000000\"}";

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                &error);
  g_assert_no_error (error);
  handle = chronomap_database_get_handle (db);

  /* The same page cache as the importer gives itself. */
  g_assert_true (chronomap_database_exec (db, "PRAGMA cache_size = -65536", &error));
  start = g_get_monotonic_time ();
  *cpu_s = cpu_seconds ();
  g_assert_true (chronomap_database_begin (db, &error));
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "INSERT INTO sources (publisher) VALUES (?)", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < N_SOURCES; i++)
    {
      sqlite3_bind_text (stmt, 1, data->sources[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                   "INSERT INTO events (external_id, date_start, date_end, date_precision,"
                   " event_type, sub_event_type, actor1, actor2, location, country, latitude,"
                   " longitude, geo_precision, geo_source, fatalities, fatalities_low,"
                   " fatalities_high, notes, source_id, quote, admin1, admin2, attributes)"
                   " VALUES (?1, ?2, NULL, 'day', ?3, ?4, ?5, ?6, ?7, 'SY', ?8, ?9, 'exact',"
                   " 'source', ?10, NULL, NULL, ?11, ?12, NULL, 'Idlib', 'Idlib', ?13)",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < data->n; i++)
    {
      const BenchRow *row = &data->rows[i];

      sqlite3_bind_text (stmt, 1, row->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, row->date, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, types[row->type][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, types[row->type][1], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, actors[row->actor1], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, actors[row->actor2], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, data->locations[row->location], -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 8, row->latitude);
      sqlite3_bind_double (stmt, 9, row->longitude);
      sqlite3_bind_int (stmt, 10, row->fatalities);
      sqlite3_bind_text (stmt, 11, data->notes[row->notes], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 12, row->source + 1);
      sqlite3_bind_text (stmt, 13, attributes, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("baseline insert failed: %s", sqlite3_errmsg (handle));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_true (chronomap_database_commit (db, &error));
  *cpu_s = cpu_seconds () - *cpu_s;
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chronomap-bench-import-XXXXXX", &error);
  g_autofree char *csv = NULL;
  g_autofree char *db_import = NULL;
  g_autofree char *db_baseline = NULL;
  const char *rows_env = g_getenv ("CHRONOMAP_BENCH_ROWS");
  guint n = rows_env != NULL ? (guint) g_ascii_strtoull (rows_env, NULL, 10) : 1000000;
  Data data = { 0 };
  GStatBuf st;
  double import_s, baseline_s, import_cpu_s, baseline_cpu_s;

  g_assert_no_error (error);
  csv = g_build_filename (dir, "acled.csv", NULL);
  db_import = g_build_filename (dir, "import.sqlite", NULL);
  db_baseline = g_build_filename (dir, "baseline.sqlite", NULL);

  generate (&data, n);
  write_csv (&data, csv);
  g_assert_cmpint (g_stat (csv, &st), ==, 0);

  /* Baseline first, so the import does not profit from a warmer cache. */
  baseline_s = run_baseline (db_baseline, &data, &baseline_cpu_s);
  import_s = run_import (db_import, csv, &import_cpu_s);

  printf ("rows: %u\n", n);
  printf ("file_mb: %.1f\n", st.st_size / 1e6);
  printf ("import_s: %.3f\n", import_s);
  printf ("baseline_s: %.3f\n", baseline_s);
  printf ("ratio: %.2f\n", import_s / baseline_s);
  printf ("rows_per_s: %.0f\n", n / import_s);
  printf ("import_cpu_s: %.3f\n", import_cpu_s);
  printf ("baseline_cpu_s: %.3f\n", baseline_cpu_s);
  printf ("cpu_ratio: %.2f\n", import_cpu_s / baseline_cpu_s);

  g_unlink (csv);
  g_unlink (db_import);
  g_unlink (db_baseline);
  g_rmdir (dir);
  for (guint i = 0; i < N_LOCATIONS; i++)
    g_free (data.locations[i]);
  for (guint i = 0; i < N_SOURCES; i++)
    g_free (data.sources[i]);
  for (guint i = 0; i < N_NOTES; i++)
    g_free (data.notes[i]);
  g_free (data.rows);
  return 0;
}
