/* test-places-dialog.c: Places to Check, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog alone, given the places the bundled gazetteer finds for the
 * events of a real SQLite file: which names it lists, what it says of
 * each, and the place it hands to the window when a row is activated.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <libglib-testing/signal-logger.h>

#include "chronomap-database.h"
#include "chronomap-event-store.h"
#include "chronomap-placement.h"
#include "chronomap-places-dialog.h"
#include "chronomap-test-utils.h"
#include "chronomap-ui-test-utils.h"

/* A town found for sure, one guessed (no Sur in Syria: Oman's), one
 * found nowhere but put in the governorate the file gives, two found
 * nowhere (twice and three times), and one the file places itself. */
static const char *const events_sql =
  "INSERT INTO events (date_start, event_type, location, country) VALUES "
  "('2019-03-18', 'Battles', 'Raqqa', 'SY'), ('2019-03-19', 'Battles', 'Sur village', 'SY'),"
  "('2019-03-20', 'Battles', 'Qwxzq Zzqx', 'SY'), ('2019-03-21', 'Battles', 'Qwxzq Zzqx', 'SY'),"
  "('2019-03-20', 'Battles', 'Zzqx Hill', 'SY'), ('2019-03-21', 'Battles', 'Zzqx Hill', 'SY'),"
  "('2019-03-23', 'Battles', 'Zzqx Hill', 'SY');"
  "INSERT INTO events (date_start, event_type, location, country, admin1) VALUES "
  "('2019-03-24', 'Battles', 'Tanak oil field', 'SY', 'Deir ez Zor Governorate'),"
  "('2019-03-25', 'Battles', 'Tanak oil field', 'SY', 'Deir ez Zor Governorate');"
  "INSERT INTO events (date_start, event_type, location, country, latitude, longitude) VALUES "
  "('2019-03-22', 'Battles', 'Jazal field', 'SY', 34.80, 38.05);";

typedef struct
{
  GtkWindow           *window;
  ChronomapEventStore *store;
  GPtrArray           *placements;
  GtkWidget           *dialog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (), events_sql, NULL);
  g_autofree char *path = chronomap_test_make_db ("places.sqlite", sql);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  fixture->placements = chronomap_placements_find (fixture->store, file, NULL, &error);
  g_assert_no_error (error);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  gtk_window_destroy (fixture->window);
  g_clear_pointer (&fixture->placements, g_ptr_array_unref);
  g_clear_object (&fixture->store);
}

static GtkWidget *
present (Fixture *fixture)
{
  fixture->dialog = chronomap_places_dialog_new (fixture->window, fixture->placements);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  return fixture->dialog;
}

/* The titles of the groups under @widget, "|"-separated. */
static void
group_titles (GtkWidget *widget,
              GString   *out)
{
  if (ADW_IS_PREFERENCES_GROUP (widget))
    g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "",
                            adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    group_titles (child, out);
}

static void
collect_rows (GtkWidget *widget,
              GString   *out)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, out);
}

/* The names of the rows shown, in their order, "|"-separated. */
static const char *
row_names (GtkWidget *dialog)
{
  static char *names;
  GString *out = g_string_new (NULL);

  collect_rows (dialog, out);
  g_free (names);
  names = g_string_free (out, FALSE);
  return names;
}

static void
collect_counts (GtkWidget *widget,
                GString   *out)
{
  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      GtkWidget *suffix = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (widget));

      g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "",
                              suffix != NULL ? gtk_label_get_label (GTK_LABEL (suffix)) : "");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_counts (child, out);
}

/* The counts in the lists' headers, "|"-separated. */
static const char *
header_counts (GtkWidget *dialog)
{
  static char *counts;
  GString *out = g_string_new (NULL);

  collect_counts (dialog, out);
  g_free (counts);
  counts = g_string_free (out, FALSE);
  return counts;
}

/* The label under @widget whose text begins with @prefix, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
subtitle_of (GtkWidget  *dialog,
             const char *name)
{
  GtkWidget *row = chronomap_test_find_row (dialog, name);

  if (row == NULL)
    g_error ("no row for %s", name);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
test_lists (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *dialog = present (fixture);
  g_autoptr(GString) titles = g_string_new (NULL);
  const char *guess;

  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Places to Check");
  group_titles (dialog, titles);
  g_assert_null (find_label (dialog, "Nothing to check"));
  /* the guesses first: they are on the map, and may be wrong */
  g_assert_cmpstr (titles->str, ==, "Placed by a Guess|Not Found");
  g_assert_cmpstr (subtitle_of (dialog, "Qwxzq Zzqx"), ==, "2 events");
  /* the places of most events first, and each list's count */
  g_assert_cmpstr (row_names (dialog), ==, "Tanak oil field|Sur village|Zzqx Hill|Qwxzq Zzqx");
  g_assert_cmpstr (header_counts (dialog), ==, "2 places · 3 events|2 places · 5 events");
  /* where the guess went, how sure, how many events */
  guess = subtitle_of (dialog, "Sur village");
  g_assert_true (g_str_has_prefix (guess, "Sur, "));
  g_assert_nonnull (strstr (guess, "Oman, "));
  g_assert_true (g_str_has_suffix (guess, "% sure · 1 event"));
  /* a name found nowhere, put in its governorate: said so, not as a
   * place matched */
  g_assert_cmpstr (subtitle_of (dialog, "Tanak oil field"), ==,
                   "Not found in its area; placed at Deir ez-Zor Governorate, Syria · 2 events");
  /* nothing to check of a place found for sure, or placed by the file */
  g_assert_null (chronomap_test_find_row (dialog, "Raqqa"));
  g_assert_null (chronomap_test_find_row (dialog, "Jazal field"));
  /* the analyst can add a gazetteer from here, or close */
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==, "close");
}

/* A name the analyst left off the map is no longer to check: with no
 * other, its group goes. */
static void
test_left_off (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  GtkWidget *dialog;

  for (guint i = 0; i < fixture->placements->len; i++)
    {
      ChronomapPlacement *p = g_ptr_array_index (fixture->placements, i);

      if (chronomap_placement_is_unresolved (p))
        p->chosen = TRUE;
    }
  dialog = present (fixture);
  group_titles (dialog, titles);
  g_assert_cmpstr (titles->str, ==, "Placed by a Guess");
  g_assert_null (chronomap_test_find_row (dialog, "Qwxzq Zzqx"));
}

/* Every place found for sure, or put right by the analyst: the dialog
 * says there is nothing to check, and still offers a gazetteer. */
static void
test_nothing_to_check (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  GtkWidget *dialog;

  /* as chronomap_placements_choose() leaves them */
  for (guint i = 0; i < fixture->placements->len; i++)
    {
      ChronomapPlacement *p = g_ptr_array_index (fixture->placements, i);

      p->chosen = TRUE;
      p->confidence = 1.0;
    }
  dialog = present (fixture);
  group_titles (dialog, titles);
  g_assert_cmpstr (titles->str, ==, "");
  g_assert_cmpstr (row_names (dialog), ==, "");
  g_assert_nonnull (find_label (dialog, "Nothing to check: "));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "add"));
}

static gboolean
closed (gpointer data)
{
  Fixture *fixture = data;

  return fixture->dialog == NULL || !gtk_widget_get_visible (fixture->dialog);
}

/* A row activated names its place for the window, then the dialog goes
 * so that the place's event shows. */
static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  GtkWidget *dialog = present (fixture);
  g_autofree char *location = NULL;

  gt_signal_logger_connect (logger, dialog, "place-activated");
  g_signal_emit_by_name (chronomap_test_find_row (dialog, "Sur village"), "activated");
  gt_signal_logger_assert_emission_pop (logger, dialog, "place-activated", &location);
  g_assert_cmpstr (location, ==, "Sur village");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (chronomap_test_wait_until (closed, fixture, 10));
}

static GtkWidget *
find_search (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A file of hundreds of places to check gets a search: what is typed,
 * without case or accents, keeps the places whose names hold it and the
 * lists that have any.  A few places need none. */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *dialog = present (fixture);
  GtkWidget *search = find_search (dialog);

  g_assert_nonnull (search);
  g_assert_false (gtk_widget_get_visible (search));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* forty more places found nowhere, one of them with accents */
  for (guint i = 0; i < 40; i++)
    {
      ChronomapPlacement *p = g_new0 (ChronomapPlacement, 1);

      p->name = i == 7 ? g_strdup ("Tall Ḩamrā’") : g_strdup_printf ("Unknown farm %u", i);
      p->n_events = 1;
      p->latitude = p->longitude = NAN;
      p->candidates = g_ptr_array_new ();
      g_ptr_array_add (fixture->placements, p);
    }
  dialog = present (fixture);
  search = find_search (dialog);
  g_assert_true (gtk_widget_get_visible (search));

  gtk_editable_set_text (GTK_EDITABLE (search), "HAMRA");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpstr (row_names (dialog), ==, "Tall Ḩamrā’");
  /* the guesses' list has none: it goes */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (chronomap_test_find_row (dialog,
                                                                                            "Sur village"),
                                                                   ADW_TYPE_PREFERENCES_GROUP)));
  gtk_editable_set_text (GTK_EDITABLE (search), "zzqx");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpstr (row_names (dialog), ==, "Zzqx Hill|Qwxzq Zzqx");
  /* a name of none: said */
  g_assert_false (gtk_widget_get_visible (find_label (dialog, "No place of this file")));
  gtk_editable_set_text (GTK_EDITABLE (search), "paris");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpstr (row_names (dialog), ==, "");
  g_assert_nonnull (find_label (dialog, "No place of this file has that name."));
  g_assert_true (gtk_widget_get_visible (find_label (dialog, "No place of this file has that name.")));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_nonnull (strstr (row_names (dialog), "Sur village|Zzqx Hill|Qwxzq Zzqx|Tall Ḩamrā’|"));
  g_assert_nonnull (strstr (row_names (dialog), "Unknown farm 39"));
  g_assert_false (gtk_widget_get_visible (find_label (dialog, "No place of this file has that name.")));

  /* Enter goes to the first place kept; Esc clears what is typed, then
   * closes */
  {
    g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
    g_autofree char *location = NULL;

    gt_signal_logger_connect (logger, dialog, "place-activated");
    gtk_editable_set_text (GTK_EDITABLE (search), "farm 3");
    g_signal_emit_by_name (search, "search-changed");
    g_signal_emit_by_name (search, "activate");
    gt_signal_logger_assert_emission_pop (logger, dialog, "place-activated", &location);
    g_assert_cmpstr (location, ==, "Unknown farm 3");
  }
  g_signal_emit_by_name (search, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  g_signal_emit_by_name (search, "stop-search");
  g_assert_true (chronomap_test_wait_until (closed, fixture, 10));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  if (!chronomap_test_init_ui (&argc, &argv, "test-places-dialog", &home))
    return 0;

#define ADD(path, func) \
  g_test_add ("/chronomap/places-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("lists", test_lists);
  ADD ("left-off", test_left_off);
  ADD ("activate", test_activate);
  ADD ("search", test_search);
  ADD ("nothing-to-check", test_nothing_to_check);
#undef ADD

  return g_test_run ();
}
