/* test-cli.c: chronomap-cli as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>

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
  g_test_add_func ("/chronomap/cli/gazetteer-add-one", test_gazetteer_add_one);

  return g_test_run ();
}
