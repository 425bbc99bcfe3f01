/* test-event-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "chronomap-error.h"
#include "chronomap-event-store.h"
#include "chronomap-test-utils.h"

#define DAY(y, m, d) chronomap_date_from_ymd (y, m, d)

static ChronomapEventStore *
load_sql (const char *name,
          const char *sql)
{
  g_autofree char *path = chronomap_test_make_db (name, sql);
  g_autoptr(GError) error = NULL;
  ChronomapEventStore *store;

  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static const char *schema_sql =
  "CREATE TABLE events (id INTEGER PRIMARY KEY, date_start TEXT, date_end TEXT, "
  "  date_precision TEXT, event_type TEXT, actor1 TEXT, location TEXT, country TEXT, "
  "  admin1 TEXT, admin2 TEXT, latitude REAL, longitude REAL, fatalities INTEGER);";

/* The bundled sample has every event the analyst coded from the seed
 * articles (tests/data/seeds/gold-events.tsv), each with its place and
 * dates, its source and its quote. */
static void
test_sample (void)
{
  g_autofree char *path = chronomap_test_sample_path ();
  g_autofree char *gold_path = chronomap_test_data_path ("seeds/gold-events.tsv");
  g_autofree char *gold = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  guint n_gold = 0;

  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (gold_path, &gold, NULL, NULL));
  lines = g_strsplit (gold, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      gint32 start, end;
      gboolean found = FALSE;
      guint n;
      const ChronomapEvent *events;

      if (g_strv_length (f) < 12)
        continue;
      n_gold++;
      g_assert_true (chronomap_date_parse (f[2], -1, &start, NULL));
      g_assert_true (chronomap_date_parse (f[3], -1, &end, NULL));

      events = chronomap_event_store_get_events (store, &n);
      for (guint k = 0; k < n && !found; k++)
        {
          g_autoptr(ChronomapEventDetails) details = NULL;
          const ChronomapSource *source;

          if (events[k].start != start || events[k].end != end ||
              g_strcmp0 (chronomap_event_store_get_string (store, events[k].location), f[5]) != 0 ||
              g_strcmp0 (chronomap_event_store_get_string (store, events[k].sub_event_type), f[7]) != 0)
            continue;
          details = chronomap_event_store_get_details (store, k, &error);
          g_assert_no_error (error);
          if (g_strcmp0 (details->quote, f[11]) != 0)
            continue;
          found = TRUE;
          g_assert_cmpstr (chronomap_event_store_get_string (store, events[k].event_type), ==, f[6]);
          g_assert_cmpstr (chronomap_event_store_get_string (store, events[k].actor1), ==, f[8]);
          g_assert_cmpint (events[k].fatalities, ==, f[10][0] ? atoi (f[10]) : -1);
          /* no coordinates: the geocoder has to place them */
          g_assert_true (isnan (events[k].latitude));
          source = chronomap_event_store_get_source (store, events[k].source_id);
          g_assert_nonnull (source);
          g_assert_cmpstr (source->published, ==, f[1]);
        }
      if (!found)
        g_error ("gold event not in the sample: %s", lines[i]);
    }

  g_assert_cmpuint (n_gold, ==, 17);
  g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, n_gold);
  g_assert_cmpuint (chronomap_event_store_get_n_sources (store), ==, 3);
  g_assert_cmpuint (chronomap_event_store_get_n_with_position (store), ==, 0);
  {
    guint n_locations;
    gint32 first, last;

    chronomap_event_store_get_locations (store, &n_locations);
    g_assert_cmpuint (n_locations, ==, 5);  /* Baghouz, Raqqa, al-Mayadin, Mosul, Paris */
    g_assert_true (chronomap_event_store_get_range (store, &first, &last));
    g_assert_cmpint (first, ==, DAY (2014, 1, 1));
    g_assert_cmpint (last, ==, DAY (2019, 3, 20));
  }
}

/* October 2017 in the sample: the final assault on Raqqa (15th), the convoy
 * leaving and the capture of al-Mayadin (14th). */
static void
test_sample_october_2017 (void)
{
  g_autofree char *path = chronomap_test_sample_path ();
  g_autoptr(ChronomapEventStore) store = chronomap_event_store_load (path, 0, NULL, NULL);
  g_autoptr(GArray) hits = chronomap_event_store_query (store, DAY (2017, 10, 1), DAY (2017, 10, 31));

  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpuint (chronomap_event_store_count (store, DAY (2017, 10, 1), DAY (2017, 10, 31)), ==, 3);
  for (guint i = 0; i < hits->len; i++)
    {
      const ChronomapEvent *e = chronomap_event_store_get_event (store, g_array_index (hits, guint32, i));

      g_assert_cmpint (e->start, >=, DAY (2017, 10, 14));
      g_assert_cmpint (e->start, <=, DAY (2017, 10, 15));
    }

  /* the first of them to begin in October, in time order */
  {
    guint first = chronomap_event_store_first_from (store, DAY (2017, 10, 1));
    guint n = chronomap_event_store_get_n_events (store);

    g_assert_cmpuint (first, >, 0);
    g_assert_cmpint (chronomap_event_store_get_event (store, first)->start, ==, DAY (2017, 10, 14));
    g_assert_cmpint (chronomap_event_store_get_event (store, first - 1)->start, <, DAY (2017, 10, 1));
    g_assert_cmpuint (chronomap_event_store_first_from (store, DAY (1900, 1, 1)), ==, 0);
    g_assert_cmpuint (chronomap_event_store_first_from (store, DAY (2100, 1, 1)), ==, n);
  }
}

/* The overlap rule at its edges, for each kind of date. */
static void
test_window_edges (void)
{
  g_autofree char *sql = g_strconcat (schema_sql,
    "INSERT INTO events (id, date_start, date_end, date_precision, event_type, location) VALUES"
    " (1, '2017-10-14', NULL, 'day', 'Battles', 'al-Mayadin'),"
    " (2, '2014-01', NULL, 'month', 'Battles', 'Raqqa'),"
    " (3, '2014', NULL, NULL, 'Battles', 'Raqqa'),"
    " (4, '2019-01-20', '2019-03-20', 'day', 'Strategic developments', 'Baghouz'),"
    " (5, '2015-11-01', NULL, 'month', 'Violence against civilians', 'Paris'),"
    " (6, '2011-03-15', '2024-12-31', 'day', 'Battles', 'Syria');", NULL);
  g_autoptr(ChronomapEventStore) store = load_sql ("edges.sqlite", sql);
  struct {
    gint32 from, to;
    const char *expect;   /* ids, in time order */
  } cases[] = {
    { DAY (2017, 10, 14), DAY (2017, 10, 14), "6 1" },
    { DAY (2017, 10, 15), DAY (2017, 10, 20), "6" },
    { DAY (2017, 10, 1), DAY (2017, 10, 13), "6" },
    /* "January 2014" overlaps the 15th, and its first and last days */
    { DAY (2014, 1, 15), DAY (2014, 1, 15), "6 2 3" },
    { DAY (2013, 12, 1), DAY (2014, 1, 1), "6 2 3" },
    { DAY (2014, 1, 31), DAY (2014, 2, 10), "6 2 3" },
    { DAY (2014, 2, 1), DAY (2014, 2, 10), "6 3" },
    { DAY (2013, 1, 1), DAY (2013, 12, 31), "6" },
    /* a year precision date covers the whole year */
    { DAY (2014, 12, 31), DAY (2015, 1, 1), "6 3" },
    /* the end date is inclusive, the start date too */
    { DAY (2019, 3, 20), DAY (2019, 3, 25), "6 4" },
    { DAY (2019, 1, 1), DAY (2019, 1, 20), "6 4" },
    { DAY (2019, 1, 1), DAY (2019, 1, 19), "6" },
    { DAY (2019, 3, 21), DAY (2019, 3, 25), "6" },
    { DAY (2010, 1, 1), DAY (2011, 3, 14), "" },
    { DAY (2025, 1, 1), DAY (2030, 1, 1), "" },
    { DAY (2000, 1, 1), DAY (2030, 1, 1), "6 2 3 5 1 4" },
    /* an empty window (to before from) matches nothing */
    { DAY (2017, 10, 20), DAY (2017, 10, 1), "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) hits = chronomap_event_store_query (store, cases[i].from, cases[i].to);
      g_autoptr(GString) got = g_string_new (NULL);

      for (guint k = 0; k < hits->len; k++)
        g_string_append_printf (got, "%s%" G_GINT64_FORMAT, k > 0 ? " " : "",
                                chronomap_event_store_get_event (store, g_array_index (hits, guint32, k))->id);
      g_test_message ("case %u", i);
      g_assert_cmpstr (got->str, ==, cases[i].expect);
      g_assert_cmpuint (chronomap_event_store_count (store, cases[i].from, cases[i].to), ==, hits->len);
    }
}

/* Random events of every length, against a plain scan. */
static void
test_window_random (void)
{
  g_autoptr(GString) sql = g_string_new (schema_sql);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20171015);
  g_autoptr(ChronomapEventStore) store = NULL;
  const ChronomapEvent *events;
  guint n;

  g_string_append (sql, "BEGIN;");
  for (guint i = 0; i < 3000; i++)
    {
      gint32 start = DAY (2011, 1, 1) + g_rand_int_range (rand, 0, 5000);
      int kind = g_rand_int_range (rand, 0, 10);
      char a[16], b[16];

      chronomap_date_format_buf (start, CHRONOMAP_DATE_PRECISION_DAY, a);
      if (kind < 5)
        g_string_append_printf (sql, "INSERT INTO events (date_start, event_type, location) "
                                "VALUES ('%s', 'Battles', 'p%u');", a, i % 97);
      else if (kind < 7)
        g_string_append_printf (sql, "INSERT INTO events (date_start, date_precision, event_type, location) "
                                "VALUES ('%.7s', 'month', 'Riots', 'p%u');", a, i % 97);
      else if (kind < 8)
        g_string_append_printf (sql, "INSERT INTO events (date_start, event_type, location) "
                                "VALUES ('%.4s', 'Protests', 'p%u');", a, i % 97);
      else
        {
          chronomap_date_format_buf (start + g_rand_int_range (rand, 0, kind == 9 ? 2000 : 60),
                                     CHRONOMAP_DATE_PRECISION_DAY, b);
          g_string_append_printf (sql, "INSERT INTO events (date_start, date_end, event_type, location) "
                                  "VALUES ('%s', '%s', 'Battles', 'p%u');", a, b, i % 97);
        }
    }
  g_string_append (sql, "COMMIT;");
  store = load_sql ("random.sqlite", sql->str);
  events = chronomap_event_store_get_events (store, &n);
  g_assert_cmpuint (n, ==, 3000);

  for (guint i = 1; i < n; i++)
    g_assert_cmpint (events[i - 1].start, <=, events[i].start);

  for (guint q = 0; q < 400; q++)
    {
      gint32 from = DAY (2010, 6, 1) + g_rand_int_range (rand, 0, 5500);
      gint32 to = from + g_rand_int_range (rand, 0, q % 4 == 0 ? 2000 : 40);
      g_autoptr(GArray) hits = chronomap_event_store_query (store, from, to);
      guint k = 0;

      for (guint i = 0; i < n; i++)
        if (events[i].start <= to && events[i].end >= from)
          {
            g_assert_cmpuint (k, <, hits->len);
            g_assert_cmpuint (g_array_index (hits, guint32, k), ==, i);
            k++;
          }
      g_assert_cmpuint (k, ==, hits->len);
      g_assert_cmpuint (chronomap_event_store_count (store, from, to), ==, k);
    }
}

static void
test_count_per_day (void)
{
  g_autofree char *sql = g_strconcat (schema_sql,
    "INSERT INTO events (date_start, date_end, date_precision, event_type, location) VALUES"
    " ('2019-03-10', NULL, NULL, 'Battles', 'Baghouz'),"
    " ('2019-03-10', '2019-03-12', NULL, 'Battles', 'Baghouz'),"
    " ('2019-03-12', NULL, NULL, 'Battles', 'Baghouz'),"
    " ('2019-03', NULL, 'month', 'Battles', 'Baghouz'),"
    " ('2019-03-20', NULL, NULL, 'Battles', 'Baghouz');", NULL);
  g_autoptr(ChronomapEventStore) store = load_sql ("days.sqlite", sql);
  guint32 counts[12];
  const guint32 expect[12] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1 };

  chronomap_event_store_count_per_day (store, DAY (2019, 3, 1), DAY (2019, 3, 12), counts);
  for (guint i = 0; i < 12; i++)
    g_assert_cmpuint (counts[i], ==, expect[i]);
}

static void
test_interning_and_locations (void)
{
  g_autofree char *sql = g_strconcat (schema_sql,
    "INSERT INTO events (date_start, event_type, actor1, location, country) VALUES"
    " ('2019-03-10', 'Battles', 'Syrian Democratic Forces', 'Baghouz', 'sy'),"
    " ('2019-03-11', 'Battles', 'Syrian Democratic Forces', 'Baghouz', 'SY'),"
    " ('2017-10-14', 'Battles', 'Syrian Army', 'al-Mayadin', 'SY'),"
    " ('2017-10-15', 'Battles', 'Syrian Democratic Forces', 'Raqqa', NULL),"
    " ('2014-06-10', 'Battles', 'Islamic State', 'Mosul', 'IQ'),"
    " ('2014-06-11', 'Battles', 'Islamic State', '', 'IQ');"
    "UPDATE events SET admin1 = 'Deir ez-Zor', admin2 = 'Abu Kamal' WHERE location = 'Baghouz';"
    "UPDATE events SET admin1 = 'Dayr Az Zor' WHERE location = 'Baghouz' AND date_start = '2019-03-11';"
    "INSERT INTO events (date_start, event_type, location, country, admin1) VALUES"
    " ('2019-03-12', 'Battles', 'Baghouz', 'SY', 'Deir ez-Zor');", NULL);
  g_autoptr(ChronomapEventStore) store = load_sql ("strings.sqlite", sql);
  const ChronomapEvent *events;
  const ChronomapLocation *locations;
  guint n, n_locations;
  guint32 sdf = 0;

  events = chronomap_event_store_get_events (store, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].actor1), "Syrian Democratic Forces") == 0)
      {
        if (sdf == 0)
          sdf = events[i].actor1;
        g_assert_cmpuint (events[i].actor1, ==, sdf);
      }
  g_assert_cmpuint (sdf, !=, 0);
  /* "Battles" is stored once, however many events name it */
  g_assert_cmpuint (events[0].event_type, ==, events[n - 1].event_type);

  locations = chronomap_event_store_get_locations (store, &n_locations);
  g_assert_cmpuint (n_locations, ==, 4);
  for (guint i = 0; i < n_locations; i++)
    {
      const char *name = chronomap_event_store_get_string (store, locations[i].name);

      if (g_str_equal (name, "Baghouz"))
        {
          /* the area most of its events name is the location's hint */
          g_assert_cmpuint (locations[i].n_events, ==, 3);
          g_assert_cmpmem (locations[i].country, 2, "SY", 2);
          g_assert_cmpstr (chronomap_event_store_get_string (store, locations[i].admin1), ==, "Deir ez-Zor");
          g_assert_cmpstr (chronomap_event_store_get_string (store, locations[i].admin2), ==, "Abu Kamal");
        }
      else if (g_str_equal (name, "Mosul"))
        g_assert_cmpuint (locations[i].admin1, ==, 0);
      else if (g_str_equal (name, "Raqqa"))
        g_assert_cmpint (locations[i].country[0], ==, '\0');
      else
        g_assert_cmpuint (locations[i].n_events, ==, 1);
    }
}

static void
test_positions (void)
{
  g_autofree char *sql = g_strconcat (schema_sql,
    "INSERT INTO events (id, date_start, event_type, location, latitude, longitude) VALUES"
    " (1, '2019-03-10', 'Battles', 'Baghouz', NULL, NULL),"
    " (2, '2019-03-11', 'Battles', 'Baghouz', 34.45, 40.95),"
    " (3, '2019-03-12', 'Battles', 'Baghouz', '', ''),"
    " (4, '2017-10-14', 'Battles', 'al-Mayadin', NULL, NULL);", NULL);
  g_autoptr(ChronomapEventStore) store = load_sql ("positions.sqlite", sql);
  const ChronomapLocation *locations;
  guint n_locations;
  guint32 baghouz = 0;

  g_assert_cmpuint (chronomap_event_store_get_n_with_position (store), ==, 1);
  locations = chronomap_event_store_get_locations (store, &n_locations);
  for (guint i = 0; i < n_locations; i++)
    if (g_str_equal (chronomap_event_store_get_string (store, locations[i].name), "Baghouz"))
      baghouz = locations[i].name;

  /* Geocoding places the events without coordinates, and leaves the one
   * the file placed itself. */
  g_assert_cmpuint (chronomap_event_store_set_location_position (store, baghouz, 34.485, 40.935,
                                                                 CHRONOMAP_GEO_PRECISION_EXACT, TRUE), ==, 2);
  g_assert_cmpuint (chronomap_event_store_get_n_with_position (store), ==, 3);
  {
    const ChronomapEvent *e2 = chronomap_event_store_get_event (store, chronomap_event_store_find_id (store, 2));
    const ChronomapEvent *e1 = chronomap_event_store_get_event (store, chronomap_event_store_find_id (store, 1));

    g_assert_cmpfloat_with_epsilon (e2->latitude, 34.45, 1e-5);
    g_assert_true (e2->own_position);
    g_assert_cmpfloat_with_epsilon (e1->latitude, 34.485, 1e-5);
    g_assert_cmpint (e1->geo_precision, ==, CHRONOMAP_GEO_PRECISION_EXACT);
    /* a guess marks the events it placed, never the file's own */
    g_assert_true (e1->guessed);
    g_assert_false (e2->guessed);

    /* a sure answer, or none, is no guess */
    chronomap_event_store_set_location_position (store, baghouz, 34.485, 40.935,
                                                 CHRONOMAP_GEO_PRECISION_EXACT, FALSE);
    g_assert_false (e1->guessed);
    chronomap_event_store_set_location_position (store, baghouz, 34.485, 40.935,
                                                 CHRONOMAP_GEO_PRECISION_EXACT, TRUE);
    chronomap_event_store_set_location_position (store, baghouz, NAN, NAN,
                                                 CHRONOMAP_GEO_PRECISION_EXACT, TRUE);
    g_assert_false (e1->guessed);
    g_assert_true (isnan (e1->latitude));
  }
  g_assert_cmpint (chronomap_event_store_find_id (store, 99), ==, -1);
}

static void
test_empty (void)
{
  g_autoptr(ChronomapEventStore) store = load_sql ("empty-events.sqlite", schema_sql);
  g_autoptr(GArray) hits = chronomap_event_store_query (store, DAY (2000, 1, 1), DAY (2030, 1, 1));
  guint32 counts[3] = { 7, 7, 7 };
  guint n_locations = 99;

  g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 0);
  g_assert_false (chronomap_event_store_get_range (store, NULL, NULL));
  g_assert_cmpuint (hits->len, ==, 0);
  chronomap_event_store_count_per_day (store, DAY (2000, 1, 1), DAY (2000, 1, 3), counts);
  g_assert_cmpuint (counts[0] + counts[1] + counts[2], ==, 0);
  chronomap_event_store_get_locations (store, &n_locations);
  g_assert_cmpuint (n_locations, ==, 0);
  g_assert_cmpuint (chronomap_event_store_get_n_sources (store), ==, 0);
}

/* A row that can't be read is named by its id, its column and its value. */
static void
test_bad_rows (void)
{
  struct {
    const char *values;
    const char *message;
  } cases[] = {
    { "(7, '2019-02-30', NULL, NULL, 'Battles', 'x', NULL, NULL, NULL, NULL, NULL)",
      "event 7: date_start “2019-02-30” is not a date: February 2019 has 28 days" },
    { "(8, '16 May 2025', NULL, NULL, 'Battles', 'x', NULL, NULL, NULL, NULL, NULL)",
      "event 8: date_start “16 May 2025” is not a date" },
    { "(9, NULL, NULL, NULL, 'Battles', 'x', NULL, NULL, NULL, NULL, NULL)",
      "event 9: date_start is empty" },
    { "(10, '2019-03-10', '2019-03-01', NULL, 'Battles', 'x', NULL, NULL, NULL, NULL, NULL)",
      "event 10: date_end “2019-03-01” is before date_start" },
    { "(11, '2019-03-10', 'soon', NULL, 'Battles', 'x', NULL, NULL, NULL, NULL, NULL)",
      "event 11: date_end “soon” is not a date" },
    { "(12, '2019-03-10', NULL, 'week', 'Battles', 'x', NULL, NULL, NULL, NULL, NULL)",
      "event 12: date_precision “week” is not one of day, month, year" },
    { "(13, '2019-03-10', NULL, NULL, 'Battles', 'x', NULL, 'north', 40, NULL, NULL)",
      "event 13: latitude “north” is not a number" },
    { "(14, '2019-03-10', NULL, NULL, 'Battles', 'x', NULL, 91, 40, NULL, NULL)",
      "event 14: latitude 91 is outside -90…90" },
    { "(15, '2019-03-10', NULL, NULL, 'Battles', 'x', NULL, 34, NULL, NULL, NULL)",
      "event 15: has a latitude but no longitude" },
    { "(16, '2019-03-10', NULL, NULL, 'Battles', 'x', NULL, NULL, NULL, -3, NULL)",
      "event 16: fatalities -3 is not a count" },
    { "(17, '2019-03-10', NULL, NULL, 'Battles', 'x', NULL, NULL, NULL, 'many', NULL)",
      "event 17: fatalities “many” is not a count" },
    { "(18, X'00ff00ff', NULL, NULL, 'Battles', 'x', NULL, NULL, NULL, NULL, NULL)",
      "event 18: date_start “(binary data)” is not a date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.sqlite", i);
      g_autofree char *sql = g_strdup_printf (
        "CREATE TABLE events (id INTEGER PRIMARY KEY, date_start, date_end, date_precision, "
        "  event_type, location, country, latitude, longitude, fatalities, notes);"
        "INSERT INTO events VALUES (1, '2019-03-19', NULL, NULL, 'Battles', 'Baghouz', 'SY', NULL, NULL, 3, NULL);"
        "INSERT INTO events VALUES %s;"
        "INSERT INTO events VALUES (100, '2017-10-14', NULL, NULL, 'Battles', 'al-Mayadin', 'SY', NULL, NULL, NULL, NULL);",
        cases[i].values);
      g_autofree char *path = chronomap_test_make_db (name, sql);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronomapEventStore) store = NULL;
      const GPtrArray *problems;

      g_test_message ("%s", cases[i].message);
      store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
      g_assert_null (store);
      g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_VALUE);
      g_assert_true (g_str_has_prefix (error->message, path));
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s” does not say “%s”", error->message, cases[i].message);
      g_clear_error (&error);

      /* Skipping bad rows keeps the others and says what was left out. */
      store = chronomap_event_store_load (path, CHRONOMAP_LOAD_SKIP_BAD_ROWS, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 2);
      problems = chronomap_event_store_get_problems (store);
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), cases[i].message));
    }
}

/* Dates of month precision given as full days are widened to the month;
 * a precision never narrows what the text says. */
static void
test_precision_rules (void)
{
  g_autofree char *sql = g_strconcat (schema_sql,
    "INSERT INTO events (id, date_start, date_end, date_precision, event_type, location) VALUES"
    " (1, '2014-01-01', NULL, 'month', 'Battles', 'Raqqa'),"
    " (2, '2014', NULL, 'day', 'Battles', 'Raqqa'),"
    " (3, '2015-11', '2016-02', NULL, 'Battles', 'Raqqa'),"
    " (4, 2016, NULL, NULL, 'Battles', 'Raqqa');", NULL);
  g_autoptr(ChronomapEventStore) store = load_sql ("precision.sqlite", sql);
  const ChronomapEvent *e;

  e = chronomap_event_store_get_event (store, chronomap_event_store_find_id (store, 1));
  g_assert_cmpint (e->start, ==, DAY (2014, 1, 1));
  g_assert_cmpint (e->end, ==, DAY (2014, 1, 31));
  g_assert_cmpint (e->date_precision, ==, CHRONOMAP_DATE_PRECISION_MONTH);

  e = chronomap_event_store_get_event (store, chronomap_event_store_find_id (store, 2));
  g_assert_cmpint (e->end, ==, DAY (2014, 12, 31));
  g_assert_cmpint (e->date_precision, ==, CHRONOMAP_DATE_PRECISION_YEAR);

  e = chronomap_event_store_get_event (store, chronomap_event_store_find_id (store, 3));
  g_assert_cmpint (e->start, ==, DAY (2015, 11, 1));
  g_assert_cmpint (e->end, ==, DAY (2016, 2, 29));

  /* an integer year, as a spreadsheet would store it */
  e = chronomap_event_store_get_event (store, chronomap_event_store_find_id (store, 4));
  g_assert_cmpint (e->start, ==, DAY (2016, 1, 1));
  g_assert_cmpint (e->end, ==, DAY (2016, 12, 31));
}

static void
test_damaged_files (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(GString) sql = g_string_new (schema_sql);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_string_append (sql, "BEGIN;");
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (sql, "INSERT INTO events (date_start, event_type, location, actor1) "
                            "VALUES ('2019-03-%02u', 'Battles', 'place %u', 'a rather long actor name %u');",
                            1 + i % 28, i, i);
  g_string_append (sql, "COMMIT;");
  path = chronomap_test_make_db ("big.sqlite", sql->str);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100000);

  /* Cut at several offsets: the header only, mid-schema, mid-data. */
  {
    gsize cuts[] = { 50, 100, 1000, 4096, 8192 + 17, length / 2, length - 4096 };

    for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        g_autofree char *cut = chronomap_test_tmp_path ("cut.sqlite");
        g_autoptr(GError) error = NULL;
        g_autoptr(ChronomapEventStore) store = NULL;

        g_test_message ("truncated at %" G_GSIZE_FORMAT, cuts[i]);
        g_assert_true (g_file_set_contents (cut, contents, cuts[i], NULL));
        store = chronomap_event_store_load (cut, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
        /* Some cuts leave a readable prefix; then fewer events, never a crash. */
        if (store != NULL)
          g_assert_cmpuint (chronomap_event_store_get_n_events (store), <, 20000);
        else
          {
            g_assert_nonnull (error);
            g_assert_nonnull (strstr (error->message, "cut.sqlite"));
          }
      }
  }
  (void) sample;
}

/* Opening and browsing never changes the user's file. */
static void
test_file_unchanged (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autofree char *copy = chronomap_test_copy_file (sample, "mine.sqlite");
  g_autofree char *before = chronomap_test_file_checksum (copy);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(ChronomapEventStore) store = chronomap_event_store_load (copy, 0, NULL, &error);
    const ChronomapLocation *locations;
    guint n_locations;

    g_assert_no_error (error);
    for (guint i = 0; i < chronomap_event_store_get_n_events (store); i++)
      {
        g_autoptr(ChronomapEventDetails) details = chronomap_event_store_get_details (store, i, &error);

        g_assert_no_error (error);
      }
    {
      g_autoptr(GArray) all = chronomap_event_store_query (store, 0, 20000);

      g_assert_cmpuint (all->len, ==, 17);
    }
    locations = chronomap_event_store_get_locations (store, &n_locations);
    for (guint i = 0; i < n_locations; i++)
      chronomap_event_store_set_location_position (store, locations[i].name, 35.0, 39.0,
                                                   CHRONOMAP_GEO_PRECISION_EXACT, FALSE);
  }

  after = chronomap_test_file_checksum (copy);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *journal = g_strconcat (copy, "-journal", NULL);
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);

    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

/* A file large enough to be read in two shares at once: the result is the
 * same as reading it in one (same strings, same order, same first error). */
static void
test_large_file (void)
{
  g_autofree char *path = chronomap_test_make_db ("large.sqlite", schema_sql);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  const ChronomapEvent *events;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const guint n = 240000;
  guint n_events;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO events (id, date_start, event_type, actor1, location) "
                          "VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL);
  for (guint i = 1; i <= n; i++)
    {
      char date[16], place[32], actor[32];

      chronomap_date_format_buf (DAY (2011, 1, 1) + (gint32) ((i * 7919u) % 5000), CHRONOMAP_DATE_PRECISION_DAY, date);
      g_snprintf (place, sizeof place, "place %u", i % 5003);
      g_snprintf (actor, sizeof actor, "actor %u", i % 17);
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, i % 2 ? "Battles" : "Protests", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, actor, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, place, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  events = chronomap_event_store_get_events (store, &n_events);
  g_assert_cmpuint (n_events, ==, n);
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *place = g_strdup_printf ("place %" G_GINT64_FORMAT, events[i].id % 5003);
      g_autofree char *actor = g_strdup_printf ("actor %" G_GINT64_FORMAT, events[i].id % 17);

      if (i > 0)
        g_assert_cmpint (events[i - 1].start, <=, events[i].start);
      g_assert_cmpstr (chronomap_event_store_get_string (store, events[i].location), ==, place);
      g_assert_cmpstr (chronomap_event_store_get_string (store, events[i].actor1), ==, actor);
    }
  {
    guint n_locations;

    chronomap_event_store_get_locations (store, &n_locations);
    g_assert_cmpuint (n_locations, ==, 5003);
    /* every distinct string once: 5003 places, 17 actors, 2 types, plus "none" */
    g_assert_cmpuint (chronomap_string_pool_get_size (chronomap_event_store_get_strings (store)), ==,
                      5003 + 17 + 2 + 1);
  }
  g_clear_object (&store);

  /* A text with a NUL in it (a BLOB read as text) in the second half keeps
   * its length when the halves' strings are merged. */
  sqlite3_exec (db, "UPDATE events SET actor1 = X'61006200' WHERE id = 230000", NULL, NULL, NULL);
  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  events = chronomap_event_store_get_events (store, &n_events);
  for (guint i = 0; i < n_events; i++)
    if (events[i].id == 230000)
      g_assert_cmpuint (chronomap_string_pool_get_length (chronomap_event_store_get_strings (store),
                                                          events[i].actor1), ==, 4);
  g_clear_object (&store);

  /* Bad rows in both halves: the error names the first; skipping keeps the rest. */
  sqlite3_exec (db, "UPDATE events SET date_start = '2019-02-31' WHERE id IN (1000, 230000)", NULL, NULL, NULL);
  sqlite3_close (db);
  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "event 1000: date_start “2019-02-31”"));
  g_clear_error (&error);
  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_SKIP_BAD_ROWS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, n - 2);
  g_assert_cmpuint (chronomap_event_store_get_problems (store)->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (chronomap_event_store_get_problems (store), 1), "event 230000"));
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ChronomapEventStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = chronomap_event_store_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(ChronomapEventStore) store = NULL;

  chronomap_event_store_load_async (sample, 0, NULL, loaded_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 17);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/event-store/sample", test_sample);
  g_test_add_func ("/chronomap/event-store/sample-october-2017", test_sample_october_2017);
  g_test_add_func ("/chronomap/event-store/window-edges", test_window_edges);
  g_test_add_func ("/chronomap/event-store/window-random", test_window_random);
  g_test_add_func ("/chronomap/event-store/count-per-day", test_count_per_day);
  g_test_add_func ("/chronomap/event-store/interning-and-locations", test_interning_and_locations);
  g_test_add_func ("/chronomap/event-store/positions", test_positions);
  g_test_add_func ("/chronomap/event-store/empty", test_empty);
  g_test_add_func ("/chronomap/event-store/bad-rows", test_bad_rows);
  g_test_add_func ("/chronomap/event-store/precision-rules", test_precision_rules);
  g_test_add_func ("/chronomap/event-store/damaged-files", test_damaged_files);
  g_test_add_func ("/chronomap/event-store/file-unchanged", test_file_unchanged);
  g_test_add_func ("/chronomap/event-store/large-file", test_large_file);
  g_test_add_func ("/chronomap/event-store/async", test_async);

  return g_test_run ();
}
