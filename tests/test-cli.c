/* test-cli.c: chronomap-cli as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "chronomap-database.h"
#include "chronomap-test-utils.h"

static void
test_info_json (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_auto(ChronomapTestRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *obj;

  chronomap_test_run_cli (&run, "info", "--json", sample, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (obj, "events"), ==, 17);
  g_assert_cmpstr (json_object_get_string_member (obj, "first_date"), ==, "2014-01-01");
  g_assert_cmpstr (json_object_get_string_member (obj, "last_date"), ==, "2019-03-20");
  g_assert_cmpint (json_object_get_int_member (obj, "locations"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (obj, "with_coordinates"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (obj, "sources"), ==, 3);
  g_assert_cmpuint (json_object_get_size (obj), ==, 6);
}

static void
test_info_text (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_auto(ChronomapTestRun) run = { 0 };

  chronomap_test_run_cli (&run, "info", sample, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Events: 17\n"));
  g_assert_nonnull (strstr (run.out, "Dates: 2014-01-01 – 2019-03-20\n"));
  g_assert_nonnull (strstr (run.out, "Distinct locations: 5\n"));
  g_assert_nonnull (strstr (run.out, "Sources: 3\n"));
  g_assert_nonnull (strstr (run.out, "Title: The fall of the Islamic State"));
}

static void
test_info_empty (void)
{
  g_autofree char *path = chronomap_test_make_db ("empty.sqlite",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, date_start TEXT, event_type TEXT, location TEXT);");
  g_auto(ChronomapTestRun) run = { 0 };

  chronomap_test_run_cli (&run, "info", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"events\": 0"));
  g_assert_nonnull (strstr (run.out, "\"first_date\": null"));
}

static void
test_usage_errors (void)
{
  const char *cases[][3] = {
    { NULL },
    { "frobnicate", NULL },
    { "info", NULL },
    { "info", "--no-such-option", NULL },
    { "info", "a.sqlite", "b.sqlite" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(ChronomapTestRun) run = { 0 };

      chronomap_test_run_cli (&run, cases[i][0], cases[i][1], cases[i][2], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "Usage:"));
      g_assert_cmpstr (run.out, ==, "");
    }

  {
    g_auto(ChronomapTestRun) run = { 0 };

    chronomap_test_run_cli (&run, "frobnicate", NULL);
    g_assert_nonnull (strstr (run.err, "unknown command “frobnicate”"));
  }
}

static void
test_bad_files (void)
{
  g_autofree char *text = chronomap_test_tmp_path ("report.txt");
  g_autofree char *nocols = chronomap_test_make_db ("nocols.sqlite",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, event_type TEXT, location TEXT);");
  struct {
    const char *path;
    const char *message;
  } cases[] = {
    { "/nonexistent/events.sqlite", "/nonexistent/events.sqlite: no such file" },
    { text, "report.txt: not an SQLite database" },
    { nocols, "nocols.sqlite: table events has no column date_start" },
  };

  g_assert_true (g_file_set_contents (text, "Raqqa fell on 17 October 2017, after a four-month "
                                      "battle that destroyed most of the city. ..........", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(ChronomapTestRun) run = { 0 };

      chronomap_test_run_cli (&run, "info", cases[i].path, NULL);
      g_assert_cmpint (run.status, ==, 1);
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("“%s” does not say “%s”", run.err, cases[i].message);
      g_assert_cmpstr (run.out, ==, "");
    }
}

/* Input a command cannot use says what is wrong with it, in its own
 * words, not GLib's or cairo's ("error while writing to output stream"),
 * nor a usage line that was followed. */
static void
test_bad_input_messages (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autofree char *db = chronomap_test_tmp_path ("never.sqlite");
  struct {
    const char *args[6];
    int         status;
    const char *message;
  } cases[] = {
    { { "render", sample, "big.png", "--size", "100000x100000" }, 2,
      "--size: a picture is 64 to 16384 pixels wide and high" },
    { { "render", sample, "feb.png", "--from", "2019-02-30" }, 2, "--from 2019-02-30: February 2019 has 28 days" },
    { { "render", sample, "/nonexistent/folder/map.png" }, 1, "/nonexistent/folder: no such folder" },
    { { "geocode", "--country", "ZZ", "Raqqa" }, 2, "--country ZZ: no country has that code" },
    { { "import", "--db", db, "/nonexistent/events.csv" }, 1, "/nonexistent/events.csv: no such file" },
    { { "import", "--db", db, "/" }, 1, "/: is a folder, not a file" },
    { { "gazetteer", "add", "/nonexistent/places.csv" }, 1, "/nonexistent/places.csv: no such file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(ChronomapTestRun) run = { 0 };

      chronomap_test_run_cli (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
                              cases[i].args[4], cases[i].args[5], NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("“%s” does not say “%s”", run.err, cases[i].message);
      /* nothing else said of a file that is not there */
      g_assert_null (strstr (run.err, "if it is not, say so with --format"));
    }
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  /* a CSV without a column of dates is told how to name one; a column
   * named that is not there is not told to name one again */
  {
    g_autofree char *csv = chronomap_test_data_path ("interchange/reported-events.csv");
    g_auto(ChronomapTestRun) bare = { 0 };
    g_auto(ChronomapTestRun) named = { 0 };

    chronomap_test_run_cli (&bare, "import", "--db", db, csv, NULL);
    g_assert_cmpint (bare.status, ==, 1);
    g_assert_nonnull (strstr (bare.err, "no date column"));
    g_assert_nonnull (strstr (bare.err, "--map date=COLUMN"));
    chronomap_test_run_cli (&named, "import", "--db", db, "--map", "date=Published", csv, NULL);
    g_assert_cmpint (named.status, ==, 1);
    g_assert_nonnull (strstr (named.err, "Published"));
    g_assert_null (strstr (named.err, "--map date=COLUMN"));
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }

  /* a country's code in lower case is its code */
  {
    g_auto(ChronomapTestRun) run = { 0 };

    chronomap_test_run_cli (&run, "geocode", "--country", "lb", "Tripoli", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\tLebanon\t"));
  }
}

/* An event database in the current format with the events of @inserts. */
static char *
make_event_db (const char *name,
               const char *inserts)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (), inserts, NULL);

  return chronomap_test_make_db (name, sql);
}

/* Coordinates geocode-db wrote for a name the gazetteer no longer has are
 * taken back; those the data set gave (geo_source 'source', or none) stay. */
static void
test_geocode_db_clears (void)
{
  g_autofree char *csv = chronomap_test_tmp_path ("mine.csv");
  g_autofree char *path = make_event_db ("clears.sqlite",
    "INSERT INTO events (id, date_start, event_type, location, latitude, longitude, geo_source) "
    "VALUES (1, '2019-01-01', 'Battles', 'Tell Qwxzab', NULL, NULL, NULL),"
    "       (2, '2019-01-02', 'Battles', 'Tell Qwxzab', 36.0, 40.0, 'source'),"
    "       (3, '2019-01-03', 'Battles', 'Tell Qwxzab', 36.1, 40.1, NULL);");
  /* The gazetteer command before each geocode-db --write, and what the
   * user sees then: the start of the report, the counts, the file. */
  struct {
    const char *gazetteer[4];
    const char *out;
    const char *counts;
    const char *positions;
  } steps[] = {
    { { "add", csv, "--name", "mine" }, "Tell Qwxzab\t\t3\t36.500000\t40.250000\t",
      "written for 1 events\ngeocode-db: coordinates cleared for 0 events",
      "36.5|40.25|exact|mine:1\n36.0|40.0|∅|source\n36.1|40.1|∅|∅" },
    { { "remove", "mine", NULL }, "Tell Qwxzab\t\t3\t\t\t\t\t\t0.00\n",
      "written for 0 events\ngeocode-db: coordinates cleared for 1 events",
      "∅|∅|∅|∅\n36.0|40.0|∅|source\n36.1|40.1|∅|∅" },
  };

  g_assert_true (g_file_set_contents (csv, "id,name,latitude,longitude,country\n"
                                      "mine:1,Tell Qwxzab,36.5,40.25,SY\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_auto(ChronomapTestRun) run = { 0 };
      g_autofree char *positions = NULL;

      chronomap_test_run_cli (&run, "gazetteer", steps[i].gazetteer[0], steps[i].gazetteer[1],
                              steps[i].gazetteer[2], steps[i].gazetteer[3], NULL);
      g_assert_cmpint (run.status, ==, 0);
      chronomap_test_run_clear (&run);
      chronomap_test_run_cli (&run, "geocode-db", "--write", path, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, steps[i].out));
      g_assert_nonnull (strstr (run.err, steps[i].counts));
      positions = chronomap_test_query (path, "SELECT latitude, longitude, geo_precision, "
                                        "geo_source FROM events ORDER BY id");
      g_assert_cmpstr (positions, ==, steps[i].positions);
    }
}

/* --write does not turn a file that is no event database into one: it is
 * refused as without --write, and left as it was. */
static void
test_geocode_db_not_events (void)
{
  g_autofree char *empty = chronomap_test_tmp_path ("zero.sqlite");
  g_autofree char *dropped = chronomap_test_make_db ("dropped.sqlite",
    "CREATE TABLE t (x); DROP TABLE t;");
  g_autofree char *photos = chronomap_test_make_db ("photos.sqlite",
    "CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT);");
  const char *paths[] = { empty, dropped, photos };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(ChronomapTestRun) read = { 0 };
      g_auto(ChronomapTestRun) write = { 0 };
      g_autofree char *before = chronomap_test_file_checksum (paths[i]);
      g_autofree char *after = NULL;

      chronomap_test_run_cli (&read, "geocode-db", paths[i], NULL);
      chronomap_test_run_cli (&write, "geocode-db", "--write", paths[i], NULL);
      g_assert_cmpint (read.status, ==, 1);
      g_assert_nonnull (strstr (read.err, "not a Chronomap event database"));
      g_assert_cmpint (write.status, ==, 1);
      g_assert_cmpstr (write.err, ==, read.err);
      g_assert_cmpstr (write.out, ==, "");
      after = chronomap_test_file_checksum (paths[i]);
      g_assert_cmpstr (after, ==, before);
    }
}

/* The summary accounts for every event, those without a location too. */
static void
test_geocode_db_without_location (void)
{
  g_autofree char *path = make_event_db ("unlocated.sqlite",
    "INSERT INTO events (date_start, event_type, location) "
    "VALUES ('2019-01-01', 'Battles', 'Raqqa'), ('2019-01-02', 'Battles', 'Raqqa'),"
    "       ('2019-01-03', 'Battles', 'Nowhere Xyzzy'),"
    "       ('2019-01-04', 'Battles', ''), ('2019-01-05', 'Battles', NULL);");
  g_auto(ChronomapTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  chronomap_test_run_cli (&run, "geocode-db", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "Nowhere Xyzzy\t\t1\t\t"));
  g_assert_true (g_str_has_prefix (lines[1], "Raqqa\t\t2\t35.95"));
  g_assert_nonnull (strstr (run.err, "geocode-db: 1 of 2 locations resolved\n"));
  g_assert_nonnull (strstr (run.err, "geocode-db: 5 events: 2 resolved, 1 unresolved, "
                                     "2 without a location\n"));
}

/* A location found nowhere in the governorate its events give goes there,
 * and the summary says how many locations went so; written, its events
 * are placed at the area's precision. */
static void
test_geocode_db_area_only (void)
{
  g_autofree char *path = make_event_db ("area-only.sqlite",
    "INSERT INTO events (date_start, event_type, location, country, admin1) "
    "VALUES ('2019-01-01', 'Battles', 'Raqqa', 'SY', NULL),"
    "       ('2019-01-02', 'Battles', 'Tanak oil field', 'SY', 'Deir ez Zor Governorate'),"
    "       ('2019-01-03', 'Battles', 'Tanak oil field', 'SY', 'Deir ez Zor Governorate');");
  g_auto(ChronomapTestRun) run = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  chronomap_test_run_cli (&run, "geocode-db", "--write", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "geocode-db: 2 of 2 locations resolved\n"
                                     "  of which 1 only in the area given, its name not found there\n"
                                     "geocode-db: 3 events: 3 resolved, 0 unresolved, "));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT DISTINCT geo_precision FROM events "
                                           "WHERE location = 'Tanak oil field'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "admin1");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* One line out per line in, in order, whatever bytes a line holds: a NUL
 * byte is an invalid character of the name, and no byte of the query
 * makes a column or a line of its own. */
static void
test_geocode_stdin_bytes (void)
{
  const char input[] = "Aleppo\nRaq\0qa\nMosul\nHa\tm\ra\n\0\nHama\n";
  const char *queries[] = {
    "Aleppo", "Raq\xef\xbf\xbdqa", "Mosul", "Ha m a", "\xef\xbf\xbd", "Hama",
  };
  g_auto(ChronomapTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  chronomap_test_run_cli_input (&run, input, sizeof input - 1, "geocode", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (queries) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 7);
      g_assert_cmpstr (fields[0], ==, queries[i]);
    }
  g_assert_cmpstr (lines[G_N_ELEMENTS (queries)], ==, "");
  g_assert_true (g_str_has_prefix (lines[2], "Mosul\t36.3"));
  g_assert_true (g_str_has_prefix (lines[5], "Hama\t35.1"));
}

/* With --admin1, a name found nowhere is put in that area, and the
 * summary counts it apart from the names found; one that names no place
 * stays unresolved. */
static void
test_geocode_stdin_area (void)
{
  const char input[] = "Mayadin\nZzyzxq village\nUnknown location\n";
  g_auto(ChronomapTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  chronomap_test_run_cli_input (&run, input, sizeof input - 1, "geocode", "--country", "SY",
                                "--admin1", "Deir ez Zor Governorate", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], "Mayadin\t35.0"));
  fields = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 7);
  g_assert_cmpstr (fields[4], ==, "Deir ez-Zor");
  g_assert_cmpstr (fields[6], ==, "0.10");
  g_assert_cmpstr (lines[2], ==, "Unknown location\t\t\t\t\t\t0.00");
  g_assert_nonnull (strstr (run.err, "geocode: 2 resolved, 1 unresolved\n"
                                     "  of which 1 only in the area given, its name not found there\n"));
}

/* Each command's usage line names its arguments once. */
static void
test_usage_lines (void)
{
  const char *commands[] = {
    "info", "extract", "geoparse", "geocode", "geocode-db", "gazetteer", "import", "export",
    "render",
  };

  {
    g_auto(ChronomapTestRun) run = { 0 };

    chronomap_test_run_cli (&run, "geocode-db", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "Usage:\n  chronomap-cli geocode-db [OPTION…] FILE — "
                                     "geocode the locations of an event database\n"));
    chronomap_test_run_clear (&run);
    chronomap_test_run_cli (&run, "info", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "Usage:\n  chronomap-cli info [OPTION…] FILE — "
                                     "describe an event database\n"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(ChronomapTestRun) run = { 0 };
      g_autofree char *prefix = g_strdup_printf ("Usage:\n  chronomap-cli %s [OPTION…] ",
                                                 commands[i]);
      g_autofree char *arguments = NULL;
      g_auto(GStrv) words = NULL;
      const char *end;

      chronomap_test_run_cli (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, prefix));
      /* "help COMMAND" is the same help */
      {
        g_auto(ChronomapTestRun) help = { 0 };

        chronomap_test_run_cli (&help, "help", commands[i], NULL);
        g_assert_cmpint (help.status, ==, 0);
        g_assert_cmpstr (help.out, ==, run.out);
      }
      end = strstr (run.out, " — ");
      g_assert_nonnull (end);
      arguments = g_strndup (run.out + strlen (prefix), end - run.out - strlen (prefix));
      words = g_strsplit_set (arguments, " |", -1);
      for (guint j = 0; words[j] != NULL; j++)
        for (guint k = j + 1; words[j][0] != '\0' && words[k] != NULL; k++)
          if (g_strcmp0 (words[j], words[k]) == 0)
            g_error ("chronomap-cli %s: the usage line repeats “%s”: %s",
                     commands[i], words[j], arguments);
    }

  /* help on a command that does not exist is a usage error */
  {
    g_auto(ChronomapTestRun) run = { 0 };

    chronomap_test_run_cli (&run, "help", "nosuch", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown command “nosuch”"));
  }
}

/* Runs `chronomap-cli gazetteer add` on a file of @contents called @file in
 * the scratch folder, under @name when it isn't %NULL. */
static void
run_gazetteer_add (ChronomapTestRun *run,
                   const char       *file,
                   const char       *contents,
                   const char       *name)
{
  g_autofree char *path = chronomap_test_tmp_path (file);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  if (name != NULL)
    chronomap_test_run_cli (run, "gazetteer", "add", "--name", name, path, NULL);
  else
    chronomap_test_run_cli (run, "gazetteer", "add", path, NULL);
}

static void
test_gazetteer_add_one (void)
{
  g_auto(ChronomapTestRun) run = { 0 };

  run_gazetteer_add (&run, "one.csv", "name,latitude,longitude\nAin Issa,36.38,38.86\n", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Added 1 place from "));
  g_assert_cmpstr (run.err, ==, "");
}

/* A place of an analyst's file that names no country (the columns it
 * needs are name, latitude and longitude) is found with a country hint
 * when it lies in that country, even in its desert far from any town,
 * and not with the hint of a country far away. */
static void
test_gazetteer_no_country (void)
{
  g_auto(ChronomapTestRun) add = { 0 };
  g_auto(ChronomapTestRun) in_sy = { 0 };
  g_auto(ChronomapTestRun) in_fr = { 0 };

  run_gazetteer_add (&add, "no-country.csv", "name,latitude,longitude\nQasr Fixturiyat,35.1,38.2\n",
                     NULL);
  g_assert_cmpint (add.status, ==, 0);
  chronomap_test_run_cli (&in_sy, "geocode", "--country", "SY", "Qasr Fixturiyat", NULL);
  g_assert_cmpint (in_sy.status, ==, 0);
  g_assert_cmpstr (in_sy.out, ==, "Qasr Fixturiyat\t35.100000\t38.200000\tQasr Fixturiyat\t\t\t1.00\n");
  chronomap_test_run_cli (&in_fr, "geocode", "--country", "FR", "Qasr Fixturiyat", NULL);
  g_assert_cmpint (in_fr.status, ==, 0);
  g_assert_false (g_str_has_prefix (in_fr.out, "Qasr Fixturiyat\t35.100000\t38.200000"));
}

/* What `geocode --json NAME` found: its source gazetteer and id. */
static void
assert_found (const char *name,
              const char *source,
              const char *id)
{
  g_auto(ChronomapTestRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *result;
  JsonObject *entry;

  chronomap_test_run_cli (&run, "geocode", "--json", name, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  result = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_true (json_object_get_boolean_member (result, "resolved"));
  entry = json_object_get_object_member (result, "entry");
  g_assert_cmpstr (json_object_get_string_member (entry, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (entry, "source"), ==, source);
  if (id != NULL)
    g_assert_cmpstr (json_object_get_string_member (entry, "id"), ==, id);
}

/* An analyst's dump with a few broken rows: each is named on stderr, the
 * good ones are added, and the summary counts both. */
static void
test_gazetteer_add_bad_rows (void)
{
  g_autofree char *csv = chronomap_test_data_path ("gazetteer-bad-rows.csv");
  g_auto(ChronomapTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  chronomap_test_run_cli (&run, "gazetteer", "add", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* test-gazetteer checks every message; here, that the user sees them */
  lines = g_strsplit (run.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_cmpstr (lines[1], ==, "gazetteer-bad-rows.csv:7: latitude “abc” is not a number");
  g_assert_cmpstr (lines[6], ==, "gazetteer-bad-rows.csv:12: no name");
  g_assert_true (g_str_has_prefix (run.out, "Added 3 places from "));
  g_assert_true (g_str_has_suffix (run.out, " as “gazetteer-bad-rows”; skipped 7 bad rows\n"));

  /* the file has no id column: each place's id names its row */
  assert_found ("Qasr Fixturiyah", "gazetteer-bad-rows", "gazetteer-bad-rows:5");
  assert_found ("Wadi Fixturiyah", "gazetteer-bad-rows", "gazetteer-bad-rows:14");
}

/* A file broken throughout shows its first rows, then a count. */
static void
test_gazetteer_add_many_bad_rows (void)
{
  g_autoptr(GString) csv = g_string_new ("name,latitude,longitude\nGood,1,2\n");
  g_auto(ChronomapTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 25; i++)
    g_string_append (csv, "Bad,north,2\n");
  run_gazetteer_add (&run, "many.csv", csv->str, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 12);
  g_assert_cmpstr (lines[0], ==, "many.csv:3: latitude “north” is not a number");
  g_assert_cmpstr (lines[9], ==, "many.csv:12: latitude “north” is not a number");
  g_assert_cmpstr (lines[10], ==, "… and 15 more rows skipped");
  g_assert_true (g_str_has_suffix (run.out, "; skipped 25 bad rows\n"));
}

/* No usable row at all stays an error, and still says why. */
static void
test_gazetteer_add_no_good_row (void)
{
  g_auto(ChronomapTestRun) run = { 0 };
  g_auto(ChronomapTestRun) list = { 0 };

  run_gazetteer_add (&run, "nogood.csv", "name,latitude,longitude\nA,0x10,1\nB,1,200\n", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "nogood.csv:2: latitude “0x10” is not a number\n"));
  g_assert_nonnull (strstr (run.err, "nogood.csv:3: longitude 200 is outside -180…180\n"));
  g_assert_nonnull (strstr (run.err, "nogood.csv: no place with a name and valid coordinates"));

  chronomap_test_run_cli (&list, "gazetteer", "list", NULL);
  g_assert_null (strstr (list.out, "nogood"));

  /* a file in another encoding is told so, with its line */
  {
    g_auto(ChronomapTestRun) latin1 = { 0 };

    run_gazetteer_add (&latin1, "latin1.csv", "name,latitude,longitude\nZ\xe9ville,35,38\n", NULL);
    g_assert_cmpint (latin1.status, ==, 1);
    g_assert_nonnull (strstr (latin1.err, "latin1.csv: line 2: is not valid UTF-8 text; save the "
                                          "file as UTF-8"));
  }
}

/* A missing closing quote refuses the file, and a gazetteer added before
 * under that name is left as it was. */
static void
test_gazetteer_add_unclosed_quote (void)
{
  g_auto(ChronomapTestRun) good = { 0 };
  g_auto(ChronomapTestRun) run = { 0 };
  g_auto(ChronomapTestRun) list = { 0 };

  run_gazetteer_add (&good, "quote.csv", "name,latitude,longitude\nQasr Fixturiyah,1,2\n", NULL);
  g_assert_cmpint (good.status, ==, 0);

  run_gazetteer_add (&run, "quote.csv",
                     "name,latitude,longitude\nA,1,2\n\"B,3,4\nC,5,6\nD,7,8\n", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "chronomap-cli: quote.csv:3: missing closing quote: the quoted "
                                "field starting here runs to the end of the file\n");

  chronomap_test_run_cli (&list, "gazetteer", "list", NULL);
  g_assert_nonnull (strstr (list.out, "\nquote\t1\t"));
  assert_found ("Qasr Fixturiyah", "quote", NULL);
}

/* A tab-separated export whose header has no "#" loads. */
static void
test_gazetteer_add_tsv (void)
{
  g_auto(ChronomapTestRun) run = { 0 };

  run_gazetteer_add (&run, "export.tsv", "name\tlatitude\tlongitude\n"
                     "Qasr Fixturiyah\t35.1\t38.2\nWadi Fixturiyah\t35.3\t38.4\n", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Added 2 places from "));
  assert_found ("Wadi Fixturiyah", "export", NULL);
}

/* "bundled" is the gazetteer that comes with the app, whatever the case. */
static void
test_gazetteer_add_reserved_name (void)
{
  const char *csv = "name,latitude,longitude\nQasr Fixturiyah,35.1,38.2\n";
  g_auto(ChronomapTestRun) list = { 0 };
  g_auto(GStrv) lines = NULL;
  guint n_bundled = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_auto(ChronomapTestRun) run = { 0 };

      if (i < 2)
        run_gazetteer_add (&run, "places.csv", csv, i == 0 ? "bundled" : "Bundled");
      else
        run_gazetteer_add (&run, "bundled.csv", csv, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "chronomap-cli: “bundled” is the gazetteer that "
                                                "comes with Chronomap; give another name with "
                                                "--name\n"));
      g_assert_nonnull (strstr (run.err, "Usage:"));
    }

  chronomap_test_run_cli (&list, "gazetteer", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  lines = g_strsplit (list.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "bundled\t", 8) == 0)
      n_bundled++;
  g_assert_cmpuint (n_bundled, ==, 1);
}

/* Adding under a name already kept replaces that gazetteer, and says so. */
static void
test_gazetteer_add_replaces (void)
{
  g_auto(ChronomapTestRun) first = { 0 };
  g_auto(ChronomapTestRun) second = { 0 };
  g_auto(ChronomapTestRun) list = { 0 };

  run_gazetteer_add (&first, "towns.csv", "name,latitude,longitude\n"
                     "Qasr Fixturiyah,35.1,38.2\nTall Fixturiyah,35.2,38.3\n", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_str_has_prefix (first.out, "Added 2 places from "));

  run_gazetteer_add (&second, "towns.csv", "name,latitude,longitude\n"
                     "Wadi Fixturiyah,35.3,38.4\n", NULL);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_true (g_str_has_prefix (second.out, "Replaced gazetteer “towns”: 1 place from "));

  chronomap_test_run_cli (&list, "gazetteer", "list", NULL);
  g_assert_nonnull (strstr (list.out, "\ntowns\t1\t"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/cli/info-json", test_info_json);
  g_test_add_func ("/chronomap/cli/info-text", test_info_text);
  g_test_add_func ("/chronomap/cli/info-empty", test_info_empty);
  g_test_add_func ("/chronomap/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/chronomap/cli/bad-files", test_bad_files);
  g_test_add_func ("/chronomap/cli/geocode-db-clears", test_geocode_db_clears);
  g_test_add_func ("/chronomap/cli/geocode-db-not-events", test_geocode_db_not_events);
  g_test_add_func ("/chronomap/cli/geocode-db-without-location", test_geocode_db_without_location);
  g_test_add_func ("/chronomap/cli/geocode-stdin-bytes", test_geocode_stdin_bytes);
  g_test_add_func ("/chronomap/cli/geocode-stdin-area", test_geocode_stdin_area);
  g_test_add_func ("/chronomap/cli/geocode-db-area-only", test_geocode_db_area_only);
  g_test_add_func ("/chronomap/cli/usage-lines", test_usage_lines);
  g_test_add_func ("/chronomap/cli/gazetteer-add-one", test_gazetteer_add_one);
  g_test_add_func ("/chronomap/cli/gazetteer-add-bad-rows", test_gazetteer_add_bad_rows);
  g_test_add_func ("/chronomap/cli/gazetteer-no-country", test_gazetteer_no_country);
  g_test_add_func ("/chronomap/cli/bad-input-messages", test_bad_input_messages);
  g_test_add_func ("/chronomap/cli/gazetteer-add-many-bad-rows", test_gazetteer_add_many_bad_rows);
  g_test_add_func ("/chronomap/cli/gazetteer-add-no-good-row", test_gazetteer_add_no_good_row);
  g_test_add_func ("/chronomap/cli/gazetteer-add-unclosed-quote", test_gazetteer_add_unclosed_quote);
  g_test_add_func ("/chronomap/cli/gazetteer-add-tsv", test_gazetteer_add_tsv);
  g_test_add_func ("/chronomap/cli/gazetteer-add-reserved-name", test_gazetteer_add_reserved_name);
  g_test_add_func ("/chronomap/cli/gazetteer-add-replaces", test_gazetteer_add_replaces);

  return g_test_run ();
}
