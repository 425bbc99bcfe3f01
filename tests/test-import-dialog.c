/* test-import-dialog.c: the import and export dialogs in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the import dialog on small files of tests/data/interchange, checks
 * the format it guesses, the rows it previews and the columns it maps, runs
 * an import into a new database and checks the window then shows its
 * events; exports a month of the sample and reads the file back.  Leaves
 * screenshots of the dialogs in the build directory.
 */
#define G_LOG_DOMAIN "test-import-dialog"

#include "config.h"

#include <math.h>
#include <signal.h>

#include <glib/gstdio.h>

#include <string.h>

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "chronomap-database.h"
#include "chronomap-event-style.h"
#include "chronomap-export-dialog.h"
#include "chronomap-import-dialog.h"
#include "chronomap-render-video.h"
#include "chronomap-render-view.h"
#include "chronomap-timeline.h"
#include "chronomap-view-model.h"
#include "chronomap-test-utils.h"
#include "chronomap-ui-test-utils.h"
#ifdef HAVE_GSTREAMER
#include "chronomap-video-test-utils.h"
#endif
#include "chronomap-window.h"

static void
drain (void)
{
  chronomap_test_spin (1);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The file chooser shown, or NULL. */
static gboolean
loaded (gpointer data)
{
  ChronomapWindow *window = data;

  return chronomap_window_get_store (window) != NULL && !chronomap_window_get_busy (window);
}

static const char *
open_path (ChronomapWindow *window)
{
  ChronomapEventStore *store = chronomap_window_get_store (window);

  if (store == NULL)
    return NULL;
  return chronomap_database_get_path (chronomap_event_store_get_database (store));
}

static ChronomapWindow *
new_window (void)
{
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, "default-width", 1280,
                                          "default-height", 800, NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
close_window (ChronomapWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  chronomap_test_wait_until (is_null, &weak, 10);
  g_assert_null (weak);
}

static ChronomapImportDialog *
open_dialog_on (ChronomapWindow *window,
                const char      *name)
{
  ChronomapImportDialog *dialog = chronomap_import_dialog_new (window);
  g_autofree char *path = chronomap_test_data_path (name);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_list_store_append (files, file);
  gtk_window_present (GTK_WINDOW (dialog));
  chronomap_import_dialog_set_files (dialog, G_LIST_MODEL (files));
  drain ();
  return dialog;
}

static void
test_import_generic_csv (void)
{
  ChronomapWindow *window = new_window ();
  ChronomapImportDialog *dialog = open_dialog_on (window, "interchange/generic-events.csv");
  gpointer weak = dialog;
  g_autofree char *target = chronomap_test_tmp_path ("imported.sqlite");
  g_autofree char *part = g_strconcat (target, ".part", NULL);
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  ChronomapEventStore *store;
  const ChronomapEvent *events;
  guint n = 0;
  static const struct { const char *field, *column; } expected[] = {
    { "date", "When" }, { "end_date", "Until" }, { "place", "Location" },
    { "latitude", "Lat" }, { "longitude", "Lon" }, { "type", "Category" },
    { "actor1", "Actor" }, { "actor2", "Target" }, { "fatalities", "Deaths" },
    { "notes", "Description" }, { "source", "Source" },
  };

  g_assert_cmpint (chronomap_import_dialog_get_format (dialog), ==, CHRONOMAP_IMPORT_CSV);

  /* The header, then all four rows, as the reader reads them. */
  g_assert_cmpuint (chronomap_import_dialog_get_n_preview_rows (dialog), ==, 4);
  g_assert_cmpstr (chronomap_import_dialog_get_preview_cell (dialog, 0, 0), ==, "When");
  g_assert_cmpstr (chronomap_import_dialog_get_preview_cell (dialog, 1, 2), ==, "Kharkiv");
  g_assert_cmpstr (chronomap_import_dialog_get_preview_cell (dialog, 2, 9), ==,
                   "A three-day protest, peaceful.");
  g_assert_cmpstr (chronomap_import_dialog_get_preview_cell (dialog, 4, 2), ==, "Dnipro");
  g_assert_null (chronomap_import_dialog_get_preview_cell (dialog, 5, 0));

  /* Every field guessed from a name the importer doesn't know itself. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (chronomap_import_dialog_get_column (dialog, expected[i].field), ==,
                     expected[i].column);

  chronomap_test_save_screenshot (GTK_WIDGET (dialog), "test-import-dialog-csv.png");

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  chronomap_import_dialog_set_target (dialog, target_file);
  chronomap_import_dialog_start (dialog);
  g_assert_true (chronomap_test_wait_until (is_null, &weak, 60));
  g_assert_true (chronomap_test_wait_until (loaded, window, 60));

  g_assert_cmpstr (open_path (window), ==, target);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  /* a file without a title: its name, then its folder, not the name twice */
  {
    AdwWindowTitle *title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                             CHRONOMAP_TYPE_WINDOW,
                                                                             "window_title"));
    g_autofree char *folder = g_path_get_dirname (target);

    g_assert_cmpstr (adw_window_title_get_title (title), ==, "imported.sqlite");
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, folder);
  }
  store = chronomap_window_get_store (window);
  events = chronomap_event_store_get_events (store, &n);
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    {
      const char *place = chronomap_event_store_get_string (store, events[i].location);

      if (g_strcmp0 (place, "Odesa") == 0)
        {
          g_assert_cmpint (events[i].start, ==, chronomap_date_from_ymd (2021, 3, 5));
          g_assert_cmpint (events[i].end, ==, chronomap_date_from_ymd (2021, 3, 7));
          g_assert_cmpfloat_with_epsilon (events[i].latitude, 46.4825, 1e-4);
        }
    }
  drain ();
  chronomap_test_save_screenshot (GTK_WIDGET (window), "test-import-dialog-imported.png");
  close_window (window);
}

static void
test_import_guesses (void)
{
  ChronomapWindow *window = new_window ();
  ChronomapImportDialog *dialog;

  dialog = open_dialog_on (window, "interchange/acled-new.csv");
  g_assert_cmpint (chronomap_import_dialog_get_format (dialog), ==, CHRONOMAP_IMPORT_ACLED);
  g_assert_cmpuint (chronomap_import_dialog_get_n_preview_rows (dialog), ==, 3);
  g_assert_cmpstr (chronomap_import_dialog_get_preview_cell (dialog, 1, 0), ==, "SYR90001");
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = open_dialog_on (window, "interchange/gdelt-events.tsv");
  g_assert_cmpint (chronomap_import_dialog_get_format (dialog), ==, CHRONOMAP_IMPORT_GDELT);
  g_assert_cmpuint (chronomap_import_dialog_get_n_preview_rows (dialog), >, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = open_dialog_on (window, "interchange/ucdp-ged-23.1-noheader.csv");
  g_assert_cmpint (chronomap_import_dialog_get_format (dialog), ==, CHRONOMAP_IMPORT_UCDP);
  g_assert_cmpstr (chronomap_import_dialog_get_preview_cell (dialog, 1, 0), ==, "300380");
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = open_dialog_on (window, "interchange/events.geojson");
  g_assert_cmpint (chronomap_import_dialog_get_format (dialog), ==, CHRONOMAP_IMPORT_GEOJSON);
  gtk_window_destroy (GTK_WINDOW (dialog));

  close_window (window);
}

/* The button that runs @action_name under @widget, or %NULL. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A CSV whose dates are in a column named nothing like a date: Import
 * waits, and the Date row says what it needs, until that column is
 * chosen; the user is not asked where to save a file that would fail. */
static void
test_import_needs_date (void)
{
  ChronomapWindow *window = new_window ();
  ChronomapImportDialog *dialog = open_dialog_on (window, "interchange/reported-events.csv");
  GtkWidget *import = find_action_button (GTK_WIDGET (dialog), "import.run");
  AdwComboRow *date_row = ADW_COMBO_ROW (chronomap_test_find_row (GTK_WIDGET (dialog), "Date"));

  g_assert_nonnull (import);
  g_assert_nonnull (date_row);
  g_assert_cmpint (chronomap_import_dialog_get_format (dialog), ==, CHRONOMAP_IMPORT_CSV);
  g_assert_null (chronomap_import_dialog_get_column (dialog, "date"));
  g_assert_cmpstr (chronomap_import_dialog_get_column (dialog, "place"), ==, "Location");
  g_assert_false (gtk_widget_is_sensitive (import));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (date_row)), ==,
                   "Needed: the column that holds each event’s date");
  drain ();
  chronomap_test_save_screenshot (GTK_WIDGET (dialog), "test-import-dialog-needs-date.png");

  /* "Reported", the first column after None */
  adw_combo_row_set_selected (date_row, 1);
  drain ();
  g_assert_cmpstr (chronomap_import_dialog_get_column (dialog, "date"), ==, "Reported");
  g_assert_true (gtk_widget_is_sensitive (import));
  {
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (date_row));

    g_assert_true (subtitle == NULL || *subtitle == '\0');
  }

  /* the other formats name their own date columns */
  adw_combo_row_set_selected (date_row, 0);
  chronomap_import_dialog_set_format (dialog, CHRONOMAP_IMPORT_ACLED);
  drain ();
  g_assert_true (gtk_widget_is_sensitive (import));

  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scroller (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A column that holds no dates fails the import with the core's
 * file:line: column: reason, and leaves no database behind.  The message
 * is in view even when the user had scrolled down to the columns. */
static void
test_import_error (void)
{
  ChronomapWindow *window = new_window ();
  GtkScrolledWindow *scroller;
  GtkAdjustment *vadjustment;
  ChronomapImportDialog *dialog = open_dialog_on (window, "interchange/acled-new.csv");
  g_autofree char *target = chronomap_test_tmp_path ("failed.sqlite");
  g_autofree char *part = g_strconcat (target, ".part", NULL);
  g_autoptr(GFile) target_file = g_file_new_for_path (target);

  chronomap_import_dialog_set_format (dialog, CHRONOMAP_IMPORT_CSV);
  g_assert_cmpstr (chronomap_import_dialog_get_column (dialog, "latitude"), ==, "latitude");
  chronomap_import_dialog_set_format (dialog, CHRONOMAP_IMPORT_UCDP);
  chronomap_import_dialog_set_target (dialog, target_file);
  /* the user has scrolled down to the columns */
  scroller = find_scroller (GTK_WIDGET (dialog));
  g_assert_nonnull (scroller);
  vadjustment = gtk_scrolled_window_get_vadjustment (scroller);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 720, 400);
  drain ();
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment), >, 100);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  drain ();
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 100);
  chronomap_import_dialog_start (dialog);
  while (chronomap_import_dialog_get_running (dialog))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (chronomap_import_dialog_get_error (dialog));
  /* the error is in sight, not above the part of the form shown */
  chronomap_test_spin (1);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);
  g_test_message ("error: %s", chronomap_import_dialog_get_error (dialog));
  g_assert_nonnull (strstr (chronomap_import_dialog_get_error (dialog), "acled-new.csv:1: "));
  /* a file of another kind: skipping rows would not help */
  g_assert_null (strstr (chronomap_import_dialog_get_error (dialog), "Skip Bad Rows"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_null (chronomap_window_get_store (window));
  drain ();
  chronomap_test_save_screenshot (GTK_WIDGET (dialog), "test-import-dialog-error.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

/* One bad row fails the import and says how to import the rest; with
 * Skip Bad Rows on, the good rows are imported, and the bad one is listed
 * in a report beside the new file and counted in the toast. */
static void
test_import_bad_row (void)
{
  ChronomapWindow *window = new_window ();
  ChronomapImportDialog *dialog = open_dialog_on (window, "interchange/acled-bad-row.csv");
  gpointer weak = dialog;
  g_autofree char *target = chronomap_test_tmp_path ("bad-row.sqlite");
  g_autofree char *report = g_strconcat (target, ".import-report.txt", NULL);
  g_autofree char *report_text = NULL;
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  const char *message;
  guint n = 0;

  g_assert_cmpint (chronomap_import_dialog_get_format (dialog), ==, CHRONOMAP_IMPORT_ACLED);
  chronomap_import_dialog_set_target (dialog, target_file);
  chronomap_import_dialog_start (dialog);
  while (chronomap_import_dialog_get_running (dialog))
    g_main_context_iteration (NULL, TRUE);
  message = chronomap_import_dialog_get_error (dialog);
  g_assert_nonnull (message);
  g_test_message ("error: %s", message);
  g_assert_nonnull (strstr (message, "acled-bad-row.csv:3: event_date: “2023-02-30”"));
  g_assert_nonnull (strstr (message, "turn on “Skip Bad Rows”"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  drain ();
  chronomap_test_save_screenshot (GTK_WIDGET (dialog), "test-import-dialog-bad-row.png");

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  chronomap_import_dialog_set_skip_bad_rows (dialog, TRUE);
  chronomap_import_dialog_start (dialog);
  g_assert_true (chronomap_test_wait_until (is_null, &weak, 60));
  g_assert_true (chronomap_test_wait_until (loaded, window, 60));
  g_assert_cmpstr (open_path (window), ==, target);
  chronomap_event_store_get_events (chronomap_window_get_store (window), &n);
  g_assert_cmpuint (n, ==, 2);
  /* each count with its own plural: 2 events, 1 bad row */
  g_assert_true (g_str_has_prefix (chronomap_window_get_last_toast (window),
                                   "Imported 2 events; skipped 1 bad row, listed in "));
  /* its button opens the report */
  g_assert_cmpstr (chronomap_window_get_last_toast_file (window), ==, report);
  g_assert_true (g_file_get_contents (report, &report_text, NULL, NULL));
  g_assert_nonnull (strstr (report_text, "acled-bad-row.csv:3: event_date: “2023-02-30”"));
  close_window (window);
}

/* The sample, with October 2017 as the time window. */
static ChronomapWindow *
open_october (void)
{
  ChronomapWindow *window = new_window ();
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);

  chronomap_window_open (window, sample_file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2017, 10, 1),
                                    chronomap_date_from_ymd (2017, 10, 31));
  drain ();
  return window;
}

/* The time window’s events, exported to GeoJSON through the dialog as a user
 * would, and read back: the features. */
static JsonArray *
export_shown (ChronomapWindow *window,
              const char      *name)
{
  g_autofree char *out = chronomap_test_tmp_path (name);
  g_autofree char *stem = g_strndup (name, strcspn (name, "."));
  g_autofree char *screenshot = g_strconcat ("test-import-dialog-", stem, ".png", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  ChronomapExportDialog *dialog;
  gpointer weak;
  JsonObject *root;

  dialog = chronomap_export_dialog_new (window);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  chronomap_export_dialog_set_format (dialog, CHRONOMAP_EXPORT_GEOJSON);
  chronomap_export_dialog_set_everything (dialog, FALSE);
  drain ();
  chronomap_test_save_screenshot (GTK_WIDGET (dialog), screenshot);
  /* the choice says how many events it exports, as "Every event of the file" does */
  {
    AdwActionRow *row = ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                      CHRONOMAP_TYPE_EXPORT_DIALOG,
                                                                      "shown_row"));
    guint n = chronomap_view_model_get_n_visible (chronomap_window_get_model (window));
    g_autofree char *count = g_strdup_printf (" · %u event%s", n, n == 1 ? "" : "s");

    g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (row), count));
  }
  chronomap_export_dialog_start (dialog, out_file);
  g_assert_true (chronomap_test_wait_until (is_null, &weak, 60));

  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "FeatureCollection");
  return json_array_ref (json_object_get_array_member (root, "features"));
}

/* The sample's October 2017, as the window shows it, to GeoJSON: the file
 * read back holds exactly that month's three events, each at the point
 * the map shows it at (the sample gives names, not coordinates). */
static void
test_export_geojson (void)
{
  ChronomapWindow *window = open_october ();
  ChronomapEventStore *store = chronomap_window_get_store (window);
  g_autoptr(JsonArray) features = export_shown (window, "october.geojson");

  g_assert_cmpuint (json_array_get_length (features), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      JsonObject *props = json_object_get_object_member (f, "properties");
      const char *location = json_object_get_string_member (props, "location");
      const ChronomapEvent *events, *e = NULL;
      guint n = 0;
      JsonArray *xy;

      events = chronomap_event_store_get_events (store, &n);
      for (guint k = 0; k < n && e == NULL; k++)
        if (g_strcmp0 (chronomap_event_store_get_string (store, events[k].location), location) == 0)
          e = &events[k];
      if (e == NULL)
        g_error ("no event at %s", location);
      g_assert_false (isnan (e->latitude));
      g_assert_false (json_object_get_null_member (f, "geometry"));
      xy = json_object_get_array_member (json_object_get_object_member (f, "geometry"), "coordinates");
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (xy, 0), e->longitude, 1e-4);
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (xy, 1), e->latitude, 1e-4);
    }
  close_window (window);
}

/* With the battles hidden, the window shows one event of October 2017:
 * the file gets that one, not the month's three. */
static void
test_export_filtered (void)
{
  ChronomapWindow *window = open_october ();
  ChronomapViewModel *model = chronomap_window_get_model (window);
  ChronomapEventStore *store = chronomap_window_get_store (window);
  g_autoptr(JsonArray) features = NULL;
  JsonObject *properties;
  guint battles = 0;

  for (guint i = 0; i < chronomap_event_store_get_n_events (store); i++)
    {
      const ChronomapEvent *event = chronomap_event_store_get_event (store, i);

      if (g_strcmp0 (chronomap_event_store_get_string (store, event->event_type), "Battles") == 0)
        battles = chronomap_event_style_get_slot (chronomap_view_model_get_style (model),
                                                  event->event_type);
    }
  chronomap_view_model_set_hidden_types (model, 1u << battles);
  drain ();
  g_assert_cmpuint (chronomap_view_model_get_n_visible (model), ==, 1);

  features = export_shown (window, "october-filtered.geojson");
  g_assert_cmpuint (json_array_get_length (features), ==, 1);
  properties = json_object_get_object_member (json_array_get_object_element (features, 0),
                                              "properties");
  g_assert_cmpstr (json_object_get_string_member (properties, "event_type"), ==,
                   "Strategic developments");
  g_assert_cmpstr (json_object_get_string_member (properties, "date_start"), ==, "2017-10-14");
  close_window (window);
}

/* A search that matches nothing in the time window: the dialog offers
 * the file's events instead, and writes no empty file when asked for
 * the window's. */
static void
test_export_filtered_empty (void)
{
  ChronomapWindow *window = open_october ();
  ChronomapViewModel *model = chronomap_window_get_model (window);
  ChronomapExportDialog *dialog;
  GtkWidget *export_button, *note;
  GtkCheckButton *all_check;

  chronomap_view_model_set_search (model, "no such actor anywhere");
  drain ();
  g_assert_cmpuint (chronomap_view_model_get_n_visible (model), ==, 0);

  dialog = chronomap_export_dialog_new (window);
  gtk_window_present (GTK_WINDOW (dialog));
  drain ();
  export_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), CHRONOMAP_TYPE_EXPORT_DIALOG,
                                                             "export_button"));
  note = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), CHRONOMAP_TYPE_EXPORT_DIALOG,
                                                    "filter_note"));
  all_check = GTK_CHECK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                               CHRONOMAP_TYPE_EXPORT_DIALOG, "all_check"));
  g_assert_true (gtk_check_button_get_active (all_check));
  g_assert_true (gtk_widget_is_sensitive (export_button));

  chronomap_export_dialog_set_everything (dialog, FALSE);
  drain ();
  g_assert_false (gtk_widget_is_sensitive (export_button));
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (note)), ==, "No event in this time window to export.");
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

static gboolean
idle_window (gpointer data)
{
  return !chronomap_window_get_busy (data);
}

/* @texture's pixels, 4 bytes each, B G R A. */
static guchar *
texture_pixels (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  guchar *data = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);

  gdk_texture_download (texture, data, (gsize) width * 4);
  return data;
}

/* The colour of pixel (@x, @y) of @pixels, @width wide, as 0xRRGGBB. */
static guint32
pixel_at (const guchar *pixels,
          int           width,
          int           x,
          int           y)
{
  const guchar *p = pixels + ((gsize) y * width + x) * 4;

  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static gboolean
colours_close (guint32 a,
               guint32 b)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 24)
      return FALSE;
  return TRUE;
}

static GdkTexture *
export_october_image (ChronomapWindow *window,
                      const char      *name,
                      int              scale)
{
  g_autofree char *out = chronomap_test_tmp_path (name);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  chronomap_window_export_image (window, out_file, scale);
  g_assert_true (chronomap_window_get_busy (window));
  g_assert_true (chronomap_test_wait_until (idle_window, window, 60));
  {
    g_autofree char *toast = g_strdup_printf ("Saved the map as “%s”", name);

    g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, toast);
    /* and its button opens the picture */
    g_assert_cmpstr (chronomap_window_get_last_toast_file (window), ==, out);
  }
  texture = gdk_texture_new_from_filename (out, &error);
  g_assert_no_error (error);
  return texture;
}

/* How many steps of @step an animation of the days @first to @last
 * shows a month at a time has, from @first's month to @last's. */
static int
animation_seconds (gint32                   first,
                   gint32                   last,
                   const ChronomapDateStep *step)
{
  const ChronomapDateStep month = { 1, 'm' };
  ChronomapRenderView view = { 0 };

  view.have_span = TRUE;
  view.span_from = chronomap_date_period_start (first, CHRONOMAP_DATE_PRECISION_MONTH);
  view.span_to = chronomap_date_period_end (last, CHRONOMAP_DATE_PRECISION_MONTH);
  return chronomap_render_count_steps (&view, step, &month);
}

/* The sample open in @window, October 2017 its window, playing a year a
 * second: what the animation tests save.  Returns how many years (steps)
 * the animation has, from the first event's month to the last event. */
static int
open_for_animation (ChronomapWindow *window)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  const ChronomapDateStep year = { 1, 'y' };
  gint32 first, last;

  chronomap_window_open (window, sample_file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2017, 10, 1),
                                    chronomap_date_from_ymd (2017, 10, 31));
  chronomap_timeline_set_speed (chronomap_window_get_timeline (window), 365.25);
  drain ();
  g_assert_true (chronomap_event_store_get_range (chronomap_window_get_store (window), &first, &last));
  return animation_seconds (first, last, &year);
}

/* The animation playback shows, saved as frames: a frame a year at the
 * fastest speed, from the first event's month to the last event, each
 * the size of the map; the toast says how many and shows the folder. */
static void
test_export_animation (void)
{
  ChronomapWindow *window = new_window ();
  g_autofree char *folder = chronomap_test_tmp_path ("sample frames");
  g_autofree char *expected_toast = NULL;
  g_autofree char *last_name = NULL;
  g_autofree char *last_frame = NULL;
  g_autofree char *after_last = NULL;
  g_autofree char *first_frame = NULL;
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *layer;
  int n_expected = open_for_animation (window);

  g_assert_cmpint (n_expected, >=, 5);

  chronomap_window_export_animation (window, folder_file, 0, 0, 1, 0);
  g_assert_true (chronomap_window_get_busy (window));
  g_assert_true (chronomap_test_wait_until (idle_window, window, 120));

  expected_toast = g_strdup_printf ("Saved %d frames in “sample frames”", n_expected);
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, expected_toast);
  g_assert_cmpstr (chronomap_window_get_last_toast_file (window), ==, folder);
  last_name = g_strdup_printf ("frame-%04d.png", n_expected);
  last_frame = g_build_filename (folder, last_name, NULL);
  g_assert_true (g_file_test (last_frame, G_FILE_TEST_IS_REGULAR));
  g_free (last_name);
  last_name = g_strdup_printf ("frame-%04d.png", n_expected + 1);
  after_last = g_build_filename (folder, last_name, NULL);
  g_assert_false (g_file_test (after_last, G_FILE_TEST_EXISTS));

  first_frame = g_build_filename (folder, "frame-0001.png", NULL);
  texture = gdk_texture_new_from_filename (first_frame, &error);
  g_assert_no_error (error);
  layer = GTK_WIDGET (chronomap_window_get_event_layer (window));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (layer));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (layer));
  close_window (window);
}

#ifdef HAVE_GSTREAMER
/* The animation playback shows, saved as a video: a second a year at the
 * fastest speed, the map's size (in whole pairs of pixels, as the
 * encoder wants them); the toast names it and plays it. */
static void
test_export_video (void)
{
  ChronomapWindow *window = new_window ();
  g_autofree char *folder = chronomap_test_tmp_path ("videos");
  g_autofree char *chosen = g_build_filename (folder, "Syria & Iraq", NULL);
  /* MP4 where an H.264 encoder is installed, as Export Video offers first */
  const char *suffix = chronomap_render_video_supported (CHRONOMAP_RENDER_VIDEO_MP4, NULL) ?
                       ".mp4" : ".webm";
  g_autofree char *path = g_strconcat (chosen, suffix, NULL);
  g_autofree char *saved = g_strdup_printf ("Saved the video as “Syria & Iraq%s”", suffix);
  g_autofree char *there = g_strdup_printf ("“Syria & Iraq%s” is there already", suffix);
  g_autoptr(GFile) chosen_file = g_file_new_for_path (chosen);
  g_autoptr(GPtrArray) pictures = NULL;
  g_autoptr(GDir) dir = NULL;
  GtkWidget *layer;
  GtkWidget *dialog;
  GStatBuf before, after;
  int n_years = open_for_animation (window);

  /* a name typed without its suffix gets the one Export Video offers
   * first, as on a first run; the toast shows the name as it is, though
   * a toast reads markup */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_reset (settings, "video-format");
  }
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  chronomap_window_export_video (window, chosen_file, 0, 0, 1, 0);
  g_assert_true (chronomap_window_get_busy (window));
  g_assert_true (chronomap_test_wait_until (idle_window, window, 300));
  drain ();
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, saved);
  g_assert_cmpstr (chronomap_window_get_last_toast_file (window), ==, path);
  dir = g_dir_open (folder, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, path + strlen (folder) + 1);
  g_assert_null (g_dir_read_name (dir));

  layer = GTK_WIDGET (chronomap_window_get_event_layer (window));
  pictures = chronomap_video_test_decode (path, gtk_widget_get_width (layer) & ~1,
                                          gtk_widget_get_height (layer) & ~1);
  g_assert_cmpuint (pictures->len, ==, n_years * CHRONOMAP_RENDER_VIDEO_FPS);

  /* the chooser asked about replacing "Syria & Iraq", not the video: the
   * video stays as it is, and the message says why */
  g_assert_cmpint (g_stat (path, &before), ==, 0);
  chronomap_window_export_video (window, chosen_file, 0, 0, 1, 0);
  g_assert_false (chronomap_window_get_busy (window));
  dialog = chronomap_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could not save the video");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), there));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_mtime, ==, before.st_mtime);
  g_assert_cmpint (after.st_size, ==, before.st_size);

  /* asked for HD and a year a second, the same animation at 1280 × 720,
   * though the timeline now plays a day a second */
  {
    g_autofree char *hd = g_build_filename (folder, "hd.webm", NULL);
    g_autoptr(GFile) hd_file = g_file_new_for_path (hd);
    g_autoptr(GPtrArray) hd_pictures = NULL;

    chronomap_timeline_set_speed (chronomap_window_get_timeline (window), 1.0);
    chronomap_window_export_video (window, hd_file, 720, 365.25, 1, 0);
    g_assert_true (chronomap_test_wait_until (idle_window, window, 300));
    g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Saved the video as “hd.webm”");
    hd_pictures = chronomap_video_test_decode (hd, 1280, 720);
    g_assert_cmpuint (hd_pictures->len, ==, pictures->len);
  }
  close_window (window);
}

/* Export Video offers the timeline's pace first, each pace with how long
 * the video lasts: a week a second, the sample's five years take some
 * four and a half minutes. */
static void
test_export_video_pace (void)
{
  ChronomapWindow *window = open_october ();
  GtkFileChooser *chooser;

  chronomap_timeline_set_speed (chronomap_window_get_timeline (window), 7.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-video", NULL));
  g_assert_true (chronomap_test_wait_until (chronomap_test_has_chooser, NULL, 30));
  chooser = chronomap_test_find_chooser ();
  /* "1": a week a second, of the speeds a day, a week, a month... */
  g_assert_cmpstr (gtk_file_chooser_get_choice (chooser, "speed"), ==, "1");
  g_assert_cmpstr (gtk_file_chooser_get_choice (chooser, "size"), ==, "0");
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL),
                         "clicked");
  g_assert_true (chronomap_test_wait_until (chronomap_test_no_chooser, NULL, 30));
  close_window (window);
}

/* Picks @option in the chooser's choice that has it, as a click would:
 * GTK 4.8's gtk_file_chooser_set_choice() looks for the drop-down in
 * the wrong widget and does nothing. */
static gboolean
pick_option (GtkWidget  *widget,
             const char *option)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      const char * const *options = g_object_get_data (G_OBJECT (widget), "options");

      for (guint i = 0; options != NULL && options[i] != NULL; i++)
        if (g_str_equal (options[i], option))
          {
            gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), i);
            return TRUE;
          }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (pick_option (child, option))
      return TRUE;
  return FALSE;
}

/* The timeline of @window (open for an animation, of @n_years) zoomed
 * in on a part of the events: how many years of them it shows. */
static int
zoom_in_on_part (ChronomapWindow *window,
                 int              n_years)
{
  ChronomapTimeline *timeline = chronomap_window_get_timeline (window);
  const ChronomapDateStep year = { 1, 'y' };
  gint32 first, last, view_first, view_last;
  int n_view_years;

  g_assert_true (chronomap_event_store_get_range (chronomap_window_get_store (window), &first, &last));
  for (guint k = 0; k < 3; k++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-in", NULL));
  drain ();
  chronomap_timeline_get_view (timeline, &view_first, &view_last);
  view_first = MAX (view_first, first);
  view_last = MIN (view_last, last);
  n_view_years = animation_seconds (view_first, view_last, &year);
  g_test_message ("years: %d in all, %d in view", n_years, n_view_years);
  g_assert_cmpint (n_view_years, >, 0);
  g_assert_cmpint (n_view_years, <, n_years);
  return n_view_years;
}

/* With the timeline zoomed in on a part of the events, Export Video
 * offers that part as the video's period (every event still first): a
 * year a second, the video of the sample's years in view lasts as many
 * seconds, not the five of them all.  A period with no event in it is
 * refused, saying why. */
static void
test_export_video_period (void)
{
  ChronomapWindow *window = new_window ();
  g_autofree char *folder = chronomap_test_tmp_path ("period");
  g_autofree char *path = g_build_filename (folder, "view.webm", NULL);
  g_autoptr(GPtrArray) pictures = NULL;
  GtkFileChooser *chooser;
  int n_view_years = zoom_in_on_part (window, open_for_animation (window));
  GtkWidget *dialog;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-video", NULL));
  g_assert_true (chronomap_test_wait_until (chronomap_test_has_chooser, NULL, 30));
  chooser = chronomap_test_find_chooser ();
  drain ();
  g_assert_cmpstr (gtk_file_chooser_get_choice (chooser, "period"), ==, "all");
  g_assert_true (pick_option (GTK_WIDGET (chooser), "view"));
  g_assert_cmpstr (gtk_file_chooser_get_choice (chooser, "period"), ==, "view");
  /* its choices, side by side, fit a 1280-pixel screen: Save not off it */
  {
    int min_width = 0;

    gtk_widget_measure (GTK_WIDGET (chooser), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    g_test_message ("Export Video's narrowest: %d px", min_width);
    g_assert_cmpint (min_width, <=, 1280);
  }
  {
    g_autoptr(GFile) folder_file = g_file_new_for_path (folder);

    g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder_file, NULL));
    gtk_file_chooser_set_current_name (chooser, "view.webm");
  }
  drain ();
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT),
                         "clicked");
  g_assert_true (chronomap_test_wait_until (chronomap_test_no_chooser, NULL, 30));
  g_assert_true (chronomap_test_wait_until (idle_window, window, 300));
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Saved the video as “view.webm”");
  g_assert_cmpstr (chronomap_window_get_last_toast_file (window), ==, path);
  {
    GtkWidget *layer = GTK_WIDGET (chronomap_window_get_event_layer (window));

    pictures = chronomap_video_test_decode (path, gtk_widget_get_width (layer) & ~1,
                                            gtk_widget_get_height (layer) & ~1);
  }
  g_assert_cmpuint (pictures->len, ==, n_view_years * CHRONOMAP_RENDER_VIDEO_FPS);

  /* years before the first event: nothing to show */
  {
    g_autofree char *empty = g_build_filename (folder, "empty.webm", NULL);
    g_autoptr(GFile) empty_file = g_file_new_for_path (empty);

    chronomap_window_export_video (window, empty_file, 0, 365.25, chronomap_date_from_ymd (2001, 1, 1),
                                   chronomap_date_from_ymd (2003, 12, 31));
    g_assert_false (chronomap_window_get_busy (window));
    dialog = chronomap_test_find_dialog (GTK_WINDOW (window));
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                     "No event happened in the period asked for.");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_false (g_file_test (empty, G_FILE_TEST_EXISTS));
  }
  close_window (window);
}

/* The label of the option chosen in the chooser's drop-down whose
 * options include @option, or NULL. */
static const char *
chosen_label (GtkWidget  *widget,
              const char *option)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      const char * const *options = g_object_get_data (G_OBJECT (widget), "options");

      if (options != NULL && g_strv_contains (options, option))
        return gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *label = chosen_label (child, option);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* Export Animation Frames offers what Export Video does: the timeline's
 * pace first, with how many frames each gives, the timeline's view as
 * the period and a slide's size.  Asked for the view in HD, it saves a
 * frame a year of the view's years, each 1280 × 720. */
static void
test_export_frames_choices (void)
{
  ChronomapWindow *window = new_window ();
  g_autofree char *folder = chronomap_test_tmp_path ("frames");
  g_autofree char *frames = g_build_filename (folder, "view frames", NULL);
  g_autofree char *expected_pace = NULL;
  g_autofree char *expected_toast = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;
  int n_years = open_for_animation (window);
  int n_view_years = zoom_in_on_part (window, n_years);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-animation", NULL));
  g_assert_true (chronomap_test_wait_until (chronomap_test_has_chooser, NULL, 30));
  chooser = chronomap_test_find_chooser ();
  drain ();
  /* "4": a year a second, as the timeline plays, in frames */
  g_assert_cmpstr (gtk_file_chooser_get_choice (chooser, "speed"), ==, "4");
  expected_pace = g_strdup_printf ("A frame a year, %d frames (view: %d frames)", n_years, n_view_years);
  g_assert_cmpstr (chosen_label (GTK_WIDGET (chooser), "4"), ==, expected_pace);
  g_assert_cmpstr (gtk_file_chooser_get_choice (chooser, "size"), ==, "0");
  g_assert_true (pick_option (GTK_WIDGET (chooser), "view"));
  g_assert_true (pick_option (GTK_WIDGET (chooser), "720"));
  {
    g_autoptr(GFile) folder_file = g_file_new_for_path (folder);

    g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder_file, NULL));
    gtk_file_chooser_set_current_name (chooser, "view frames");
  }
  drain ();
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT),
                         "clicked");
  g_assert_true (chronomap_test_wait_until (chronomap_test_no_chooser, NULL, 30));
  g_assert_true (chronomap_test_wait_until (idle_window, window, 300));
  expected_toast = g_strdup_printf ("Saved %d frames in “view frames”", n_view_years);
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, expected_toast);
  g_assert_cmpstr (chronomap_window_get_last_toast_file (window), ==, frames);
  {
    g_autofree char *first_frame = g_build_filename (frames, "frame-0001.png", NULL);

    texture = gdk_texture_new_from_filename (first_frame, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), ==, 1280);
    g_assert_cmpint (gdk_texture_get_height (texture), ==, 720);
  }
  close_window (window);
}

/* The name of the type of video @chooser offers first, and the names of
 * all it offers, joined by commas, in @out_names. */
static const char *
video_types (GtkFileChooser  *chooser,
             char           **out_names)
{
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GtkFileFilter *current = gtk_file_chooser_get_filter (chooser);

  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      g_ptr_array_add (names, (gpointer) gtk_file_filter_get_name (filter));
    }
  g_ptr_array_add (names, NULL);
  *out_names = g_strjoinv (", ", (char **) names->pdata);
  return current != NULL ? gtk_file_filter_get_name (current) : NULL;
}

/* Export Video's chooser, open. */
static GtkFileChooser *
open_video_chooser (ChronomapWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-video", NULL));
  g_assert_true (chronomap_test_wait_until (chronomap_test_has_chooser, NULL, 30));
  drain ();
  return chronomap_test_find_chooser ();
}

/* Saves with Export Video's @chooser: in @folder, @name typed (%NULL:
 * the name given kept), the type @type (0: MP4, 1: WebM) chosen below
 * the list. */
static void
save_video_in (ChronomapWindow *window,
               GtkFileChooser  *chooser,
               const char      *folder,
               const char      *name,
               guint            type)
{
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;

  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder_file, NULL));
  if (name != NULL)
    gtk_file_chooser_set_current_name (chooser, name);
  filters = gtk_file_chooser_get_filters (chooser);
  filter = g_list_model_get_item (filters, type);
  gtk_file_chooser_set_filter (chooser, filter);
  drain ();
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT),
                         "clicked");
  g_assert_true (chronomap_test_wait_until (chronomap_test_no_chooser, NULL, 30));
  g_assert_true (chronomap_test_wait_until (idle_window, window, 300));
}

/* Export Video offers MP4 first, for slide decks and social networks,
 * and WebM; "WebM video" chosen below the list with the name left as
 * given ("sample.mp4") saves a WebM of that name ("sample.webm"), and
 * the next Export Video offers WebM first. */
static void
test_export_video_format (void)
{
  ChronomapWindow *window = new_window ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *folder = chronomap_test_tmp_path ("formats");
  g_autofree char *path = g_build_filename (folder, "sample.webm", NULL);
  g_autofree char *names = NULL;
  g_autofree char *contents = NULL;
  GtkFileChooser *chooser;
  gsize length = 0;

  if (!chronomap_render_video_supported (CHRONOMAP_RENDER_VIDEO_MP4, NULL))
    {
      g_test_skip ("no H.264 encoder (x264enc or openh264enc) is installed");
      close_window (window);
      return;
    }
  /* as on a first run: the videos saved before chose their own types */
  g_settings_reset (settings, "video-format");
  open_for_animation (window);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  chooser = open_video_chooser (window);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==, "sample.mp4");
  g_assert_cmpstr (video_types (chooser, &names), ==, "MP4 video (H.264)");
  g_assert_cmpstr (names, ==, "MP4 video (H.264), WebM video (VP8)");
  save_video_in (window, chooser, folder, NULL, 1);
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Saved the video as “sample.webm”");
  /* a WebM file (Matroska's EBML header), not an MP4 renamed */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (contents, 4, "\x1a\x45\xdf\xa3", 4);
  {
    g_autofree char *remembered = g_settings_get_string (settings, "video-format");

    g_assert_cmpstr (remembered, ==, "webm");
  }

  /* asked again, WebM first */
  g_clear_pointer (&names, g_free);
  chooser = open_video_chooser (window);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==, "sample.webm");
  g_assert_cmpstr (video_types (chooser, &names), ==, "WebM video (VP8)");
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL),
                         "clicked");
  g_assert_true (chronomap_test_wait_until (chronomap_test_no_chooser, NULL, 30));

  /* a name typed with a type of its own keeps it, whatever is chosen
   * below the list; one typed without takes the chosen type's */
  save_video_in (window, open_video_chooser (window), folder, "typed.mp4", 1);
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Saved the video as “typed.mp4”");
  {
    g_autofree char *typed = g_build_filename (folder, "typed.mp4", NULL);
    g_autofree char *typed_contents = NULL;
    gsize typed_length = 0;
    g_autofree char *remembered = g_settings_get_string (settings, "video-format");

    g_assert_true (g_file_get_contents (typed, &typed_contents, &typed_length, NULL));
    g_assert_cmpuint (typed_length, >, 8);
    g_assert_cmpmem (typed_contents + 4, 4, "ftyp", 4);
    g_assert_cmpstr (remembered, ==, "mp4");
  }
  save_video_in (window, open_video_chooser (window), folder, "untyped", 0);
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Saved the video as “untyped.mp4”");
  g_settings_reset (settings, "video-format");

  /* in a sandbox, the file the document portal lent keeps its name: no
   * ".mp4" added to a name that has none, which the portal would drop */
  {
    g_autofree char *lent_dir = g_build_filename (g_get_user_runtime_dir (), "doc", "1a2b3c", NULL);
    g_autofree char *lent = g_build_filename (lent_dir, "Baghouz", NULL);
    g_autoptr(GFile) lent_file = g_file_new_for_path (lent);
    g_autofree char *lent_contents = NULL;
    gsize lent_length = 0;

    g_assert_cmpint (g_mkdir_with_parents (lent_dir, 0700), ==, 0);
    chronomap_window_export_video (window, lent_file, 0, 0, 1, 0);
    g_assert_true (chronomap_test_wait_until (idle_window, window, 300));
    g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Saved the video as “Baghouz”");
    g_assert_true (g_file_get_contents (lent, &lent_contents, &lent_length, NULL));
    g_assert_cmpuint (lent_length, >, 8);
    g_assert_cmpmem (lent_contents + 4, 4, "ftyp", 4);   /* an MP4, as offered first */

    /* through the chooser: the name given ("sample.mp4") with WebM
     * chosen is refused, saying why; a name typed without a type takes
     * the one chosen */
    {
      g_autofree char *given_lent = g_build_filename (lent_dir, "sample.mp4", NULL);
      g_autofree char *raqqa = g_build_filename (lent_dir, "Raqqa", NULL);
      g_autofree char *raqqa_contents = NULL;
      gsize raqqa_length = 0;
      GtkWidget *refusal;

      save_video_in (window, open_video_chooser (window), lent_dir, NULL, 1);
      refusal = chronomap_test_find_dialog (GTK_WINDOW (window));
      g_assert_nonnull (refusal);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (refusal)),
                                "a name that ends in .webm"));
      gtk_window_destroy (GTK_WINDOW (refusal));
      g_assert_false (g_file_test (given_lent, G_FILE_TEST_EXISTS));

      save_video_in (window, open_video_chooser (window), lent_dir, "Raqqa", 1);
      g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Saved the video as “Raqqa”");
      g_assert_true (g_file_get_contents (raqqa, &raqqa_contents, &raqqa_length, NULL));
      g_assert_cmpuint (raqqa_length, >, 4);
      g_assert_cmpmem (raqqa_contents, 4, "\x1a\x45\xdf\xa3", 4);   /* WebM, as chosen */
    }
  }
  g_settings_reset (settings, "video-format");
  close_window (window);
}

/* Whether the folder @data has a part of "stopped.webm" being written. */
static gboolean
video_begun (gpointer data)
{
  return chronomap_video_test_part_written (data, "stopped.webm");
}

/* A long video, a day a second for five years, of the sample into
 * @folder (made) as "stopped.webm", once it has begun. */
static void
begin_long_video (ChronomapWindow *window,
                  const char      *folder)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autofree char *path = g_build_filename (folder, "stopped.webm", NULL);
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  chronomap_window_open (window, sample_file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  chronomap_timeline_set_speed (chronomap_window_get_timeline (window), 1.0);
  drain ();

  chronomap_window_export_video (window, file, 0, 0, 1, 0);
  g_assert_true (chronomap_window_get_busy (window));
  g_assert_true (chronomap_test_wait_until (video_begun, (gpointer) folder, 60));
}

/* A long video (a day a second, for five years) stopped once begun: the
 * window is free again, the toast says nothing was saved, and nothing
 * was: no video, no part of one. */
static void
test_export_video_stop (void)
{
  ChronomapWindow *window = new_window ();
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autofree char *folder = chronomap_test_tmp_path ("stopped");
  g_autofree char *image = g_build_filename (folder, "meanwhile.png", NULL);
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  g_autoptr(GFile) image_file = g_file_new_for_path (image);
  g_autoptr(GDir) dir = NULL;

  begin_long_video (window, folder);
  /* meanwhile, the events it reads stay: no other file replaces them */
  chronomap_window_open (window, sample_file);
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==,
                   "Another file can be opened once the map is saved");
  /* and one export at a time: this image is not made */
  chronomap_window_export_image (window, image_file, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-export", NULL));
  g_assert_true (chronomap_test_wait_until (idle_window, window, 60));

  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Stopped: the video was not saved");
  drain ();
  dir = g_dir_open (folder, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  close_window (window);
}

static gboolean
says_time_left (gpointer label)
{
  return strstr (gtk_label_get_label (label), " left") != NULL;
}

/* The question a closing @window asked: "Stop Saving the Animation?". */
static void
answer_stop_saving (ChronomapWindow *window,
                    const char      *response)
{
  GtkWidget *dialog;

  drain ();
  dialog = chronomap_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Stop Saving the Animation?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
}

/* Kept on Cancel, the video goes on; told to stop, the window goes and
 * the video with it, leaving nothing in @folder. */
static void
answer_cancel_then_stop (ChronomapWindow *window,
                         const char      *folder,
                         void           (*close) (ChronomapWindow *window))
{
  g_autoptr(GDir) dir = NULL;
  gpointer weak = window;

  answer_stop_saving (window, "cancel");
  drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (chronomap_window_get_busy (window));

  close (window);
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  answer_stop_saving (window, "close");
  g_assert_true (chronomap_test_wait_until (is_null, &weak, 60));
  dir = g_dir_open (folder, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}

static void
close_by_button (ChronomapWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
}

/* Closing the window while a video is saved asks first. */
static void
test_export_video_close (void)
{
  ChronomapWindow *window = new_window ();
  g_autofree char *folder = chronomap_test_tmp_path ("closed");

  begin_long_video (window, folder);
  /* a few seconds in, the pill says how long the rest will take */
  {
    GtkLabel *progress = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                   "progress_label"));
    int frame, total, minutes;
    char unit[16];

    g_assert_true (chronomap_test_wait_until (says_time_left, progress, 30));
    g_test_message ("%s", gtk_label_get_label (progress));
    g_assert_cmpint (sscanf (gtk_label_get_label (progress), "Saving frame %d of %d · about %d %15s",
                             &frame, &total, &minutes, unit), ==, 4);
    g_assert_cmpint (frame, >, 0);
    g_assert_cmpint (total, >, frame);
    g_assert_cmpint (minutes, >, 0);
  }
  close_by_button (window);
  answer_cancel_then_stop (window, folder, close_by_button);
}

static ChronomapWindow *
new_app_window (void)
{
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, "application", chronomap_test_app (),
                                          "default-width", 1280, "default-height", 800, NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
quit_by_key (ChronomapWindow *window)
{
  chronomap_test_quit ();
}

/* Ctrl+Q while a video is saved asks as closing the window does: it had
 * ended the process, leaving the part-file.  Told to stop, the quitting
 * goes on to the app's other window. */
static void
test_export_video_quit (void)
{
  ChronomapWindow *window = new_app_window ();
  ChronomapWindow *other = new_app_window ();
  g_autofree char *folder = chronomap_test_tmp_path ("quit");
  gpointer weak_other = other;

  g_object_add_weak_pointer (G_OBJECT (other), &weak_other);
  begin_long_video (window, folder);
  quit_by_key (window);
  answer_cancel_then_stop (window, folder, quit_by_key);
  g_assert_true (chronomap_test_wait_until (is_null, &weak_other, 30));
}

/* Told to stop by a signal, as when the session ends, nobody is asked:
 * the video stops, its part-file goes, and so does the window. */
static void
test_export_video_terminate (void)
{
  ChronomapWindow *window = new_app_window ();
  g_autofree char *folder = chronomap_test_tmp_path ("terminated");
  g_autoptr(GDir) dir = NULL;
  gpointer weak = window;

  begin_long_video (window, folder);
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_assert_cmpint (raise (SIGTERM), ==, 0);
  g_assert_true (chronomap_test_wait_until (is_null, &weak, 60));
  dir = g_dir_open (folder, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}
#endif

/* October's map as a PNG the size of the map, drawn by the CLI's
 * renderer; asked for twice as sharp, the same picture with twice the
 * pixels each way. */
static void
test_export_image (void)
{
  ChronomapWindow *window = new_window ();
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) sharp = NULL;
  GtkWidget *layer;
  int width, height;
  guint same = 0, sampled = 0;

  chronomap_window_open (window, sample_file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2017, 10, 1),
                                    chronomap_date_from_ymd (2017, 10, 31));
  drain ();
  layer = GTK_WIDGET (chronomap_window_get_event_layer (window));
  width = gtk_widget_get_width (layer);
  height = gtk_widget_get_height (layer);
  g_assert_cmpint (width, >=, 200);
  g_assert_cmpint (height, >=, 200);

  texture = export_october_image (window, "october.png", 1);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  sharp = export_october_image (window, "october@2.png", 2);
  g_assert_cmpint (gdk_texture_get_width (sharp), ==, 2 * width);
  g_assert_cmpint (gdk_texture_get_height (sharp), ==, 2 * height);

  /* a grid of points over the picture: the land, sea, borders and marks
   * are where they were; only edges (text, lines) may differ */
  {
    g_autofree guchar *pixels = texture_pixels (texture);
    g_autofree guchar *sharp_pixels = texture_pixels (sharp);

    for (int y = 5; y < height - 5; y += height / 23)
      for (int x = 5; x < width - 5; x += width / 31)
        {
          sampled++;
          if (colours_close (pixel_at (pixels, width, x, y),
                             pixel_at (sharp_pixels, 2 * width, 2 * x + 1, 2 * y + 1)))
            same++;
        }
  }
  g_test_message ("%u of %u sampled pixels alike at twice the size", same, sampled);
  g_assert_cmpuint (same, >=, sampled * 9 / 10);

  {
    const char *dir = g_getenv ("G_TEST_BUILDDIR");
    g_autofree char *copy = g_build_filename (dir != NULL ? dir : ".", "test-import-dialog-map.png",
                                              NULL);

    g_assert_true (gdk_texture_save_to_png (texture, copy));
  }
  close_window (window);
}


#define OCTOBER_IMAGE "sample 2017-10-01–2017-10-31"

/* Export Map Image, through its file chooser as a person would: @file
 * chosen (its name as given, OCTOBER_IMAGE ".png", or another), the type named
 * @type_name chosen below the list, and Save clicked. */
static void
choose_and_save (ChronomapWindow *window,
                 GFile           *file,
                 const char      *type_name)
{
  GtkFileChooser *chooser;
  g_autoptr(GListModel) filters = NULL;
  gboolean chosen = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-image", NULL));
  g_assert_true (chronomap_test_wait_until (chronomap_test_has_chooser, NULL, 30));
  chooser = chronomap_test_find_chooser ();
  /* the sample's October 2017, named by its days */
  g_assert_true (g_str_has_prefix (gtk_file_chooser_get_current_name (chooser), OCTOBER_IMAGE "."));
  drain ();
  {
    g_autoptr(GFile) folder = g_file_get_parent (file);
    g_autofree char *name = g_file_get_basename (file);

    g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
    gtk_file_chooser_set_current_name (chooser, name);
  }
  drain ();
  filters = gtk_file_chooser_get_filters (chooser);
  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      if (g_strcmp0 (gtk_file_filter_get_name (filter), type_name) == 0)
        {
          gtk_file_chooser_set_filter (chooser, filter);
          chosen = TRUE;
        }
    }
  g_assert_true (chosen);
  /* Save, as clicked: the chooser checks the name before it answers */
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT),
                         "clicked");
  g_assert_true (chronomap_test_wait_until (chronomap_test_no_chooser, NULL, 30));
}

/* Export Map Image with "PDF document" chosen below the list and the
 * name left as given (the file's and the period's, ".png") saves a PDF
 * of that name; a file of that name already there is not replaced
 * without being chosen. */
static void
test_export_image_type (void)
{
  ChronomapWindow *window = open_october ();
  g_autofree char *folder = chronomap_test_tmp_path ("typed");
  g_autofree char *pdf = g_build_filename (folder, OCTOBER_IMAGE ".pdf", NULL);
  g_autofree char *png = g_build_filename (folder, OCTOBER_IMAGE ".png", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      choose_and_save (window, png_file, "PDF document");
      if (attempt == 1)
        break;
      g_assert_true (chronomap_test_wait_until (idle_window, window, 60));
      g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Saved the map as “" OCTOBER_IMAGE ".pdf”");
      g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, "%PDF"));
      g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
      /* in another window, which offers a PNG again (this one would
       * offer the PDF it saved) */
      close_window (window);
      window = open_october ();
    }

  /* again: the PDF is there, and the chooser was asked about the PNG
   * only */
  {
    GtkWidget *dialog = chronomap_test_find_dialog (GTK_WINDOW (window));
    g_autofree char *again = NULL;

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                     "Could not save the map image");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_true (g_file_get_contents (pdf, &again, NULL, NULL));
    g_assert_cmpstr (again, ==, contents);
  }

  /* a name typed without a type, "typed", "PDF document" chosen: typed.pdf */
  {
    g_autofree char *typed = g_build_filename (folder, "typed", NULL);
    g_autofree char *typed_pdf = g_build_filename (folder, "typed.pdf", NULL);
    g_autofree char *typed_contents = NULL;
    g_autoptr(GFile) typed_file = g_file_new_for_path (typed);

    choose_and_save (window, typed_file, "PDF document");
    g_assert_true (chronomap_test_wait_until (idle_window, window, 60));
    g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Saved the map as “typed.pdf”");
    g_assert_true (g_file_get_contents (typed_pdf, &typed_contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (typed_contents, "%PDF"));
  }

  /* in a sandbox, a file the document portal lent keeps its name, which
   * the portal would not let another take: "PDF document" chosen for a
   * name given as ".png" is refused, saying why, rather than writing a
   * PDF nobody keeps or a PNG nobody asked for; a name without a type
   * is a PNG, under its name as it is */
  {
    g_autofree char *lent_dir = g_build_filename (g_get_user_runtime_dir (), "doc", "4d5e6f", NULL);
    g_autofree char *lent_png = g_build_filename (lent_dir, OCTOBER_IMAGE ".png", NULL);
    g_autofree char *lent_pdf = g_build_filename (lent_dir, OCTOBER_IMAGE ".pdf", NULL);
    g_autofree char *lent_bare = g_build_filename (lent_dir, "Raqqa", NULL);
    g_autoptr(GFile) lent_png_file = g_file_new_for_path (lent_png);
    g_autoptr(GFile) lent_bare_file = g_file_new_for_path (lent_bare);
    g_autofree char *png_contents = NULL;
    g_autofree char *bare_contents = NULL;

    GtkWidget *refusal;

    /* a window that offers a PNG, as the name lent is */
    close_window (window);
    window = open_october ();
    g_assert_cmpint (g_mkdir_with_parents (lent_dir, 0700), ==, 0);
    choose_and_save (window, lent_png_file, "PDF document");
    g_assert_false (chronomap_window_get_busy (window));
    refusal = chronomap_test_find_dialog (GTK_WINDOW (window));
    g_assert_nonnull (refusal);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (refusal)),
                              "a name that ends in .pdf"));
    gtk_window_destroy (GTK_WINDOW (refusal));
    g_assert_false (g_file_test (lent_png, G_FILE_TEST_EXISTS));
    choose_and_save (window, lent_png_file, "PNG image");
    g_assert_true (chronomap_test_wait_until (idle_window, window, 60));
    g_assert_true (g_file_get_contents (lent_png, &png_contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (png_contents, "\x89PNG"));
    chronomap_window_export_image (window, lent_bare_file, 1);
    g_assert_true (chronomap_test_wait_until (idle_window, window, 60));
    g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Saved the map as “Raqqa”");
    g_assert_true (g_file_get_contents (lent_bare, &bare_contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (bare_contents, "\x89PNG"));
    g_assert_false (g_file_test (lent_pdf, G_FILE_TEST_EXISTS));
  }
  close_window (window);
}

/* The sample that comes with the app is never added to: the dialog says
 * why and offers a new file only. */
static void
test_sample_read_only (void)
{
  ChronomapWindow *window = open_october ();
  ChronomapImportDialog *dialog = open_dialog_on (window, "interchange/acled-new.csv");
  GtkWidget *append_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                     CHRONOMAP_TYPE_IMPORT_DIALOG,
                                                                     "append_row"));
  g_autofree char *reason = chronomap_window_get_read_only_reason (window);

  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "sample"));
  g_assert_false (gtk_widget_get_sensitive (append_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (append_row)), ==, reason);
  chronomap_import_dialog_set_append (dialog, TRUE);
  g_assert_false (gtk_widget_is_sensitive (append_row));
  chronomap_import_dialog_start (dialog);
  g_assert_false (chronomap_import_dialog_get_running (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

/* The next export from the window offers the format the last one used. */
static void
test_export_remembers_format (void)
{
  ChronomapWindow *window = open_october ();
  g_autofree char *out = chronomap_test_tmp_path ("october.csv");
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  ChronomapExportDialog *dialog = chronomap_export_dialog_new (window);
  gpointer weak = dialog;
  AdwComboRow *format_row;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  chronomap_export_dialog_set_format (dialog, CHRONOMAP_EXPORT_CSV);
  chronomap_export_dialog_start (dialog, out_file);
  g_assert_true (chronomap_test_wait_until (is_null, &weak, 60));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));

  dialog = chronomap_export_dialog_new (window);
  format_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog), CHRONOMAP_TYPE_EXPORT_DIALOG,
                                                             "format_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (format_row), ==, CHRONOMAP_EXPORT_CSV);
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

/* A second picture's dialog opens where the first went, offering its
 * format: a series of SVGs for a report is not saved one by one from
 * the home folder, changing PNG to SVG each time. */
static void
test_export_image_again (void)
{
  ChronomapWindow *window = open_october ();
  g_autofree char *folder = chronomap_test_tmp_path ("report-figures");
  g_autofree char *svg = g_build_filename (folder, "figure 1.svg", NULL);
  g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GFile) offered = NULL;
  GtkFileChooser *chooser;
  GtkFileFilter *filter;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  chronomap_window_export_image (window, svg_file, 1);
  g_assert_true (chronomap_test_wait_until (idle_window, window, 60));
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-image", NULL));
  g_assert_true (chronomap_test_wait_until (chronomap_test_has_chooser, NULL, 30));
  chooser = chronomap_test_find_chooser ();
  drain ();
  offered = gtk_file_chooser_get_current_folder (chooser);
  g_assert_nonnull (offered);
  g_assert_true (g_file_equal (offered, folder_file));
  g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==, OCTOBER_IMAGE ".svg");
  filter = gtk_file_chooser_get_filter (chooser);
  g_assert_nonnull (filter);
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, "SVG drawing");
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL),
                         "clicked");
  g_assert_true (chronomap_test_wait_until (chronomap_test_no_chooser, NULL, 30));
  close_window (window);
}

/* Imported again into the open file, the same rows update the events
 * they made: the message says so rather than count them as more. */
static void
test_import_again (void)
{
  ChronomapWindow *window = new_window ();
  g_autofree char *target = chronomap_test_tmp_path ("again.sqlite");
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  ChronomapImportDialog *dialog;
  gpointer weak;

  g_unlink (target);
  dialog = open_dialog_on (window, "interchange/acled-new.csv");
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  chronomap_import_dialog_set_target (dialog, target_file);
  chronomap_import_dialog_start (dialog);
  g_assert_true (chronomap_test_wait_until (is_null, &weak, 60));
  g_assert_true (chronomap_test_wait_until (loaded, window, 60));
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Imported 3 events");

  dialog = open_dialog_on (window, "interchange/acled-new.csv");
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  chronomap_import_dialog_set_append (dialog, TRUE);
  chronomap_import_dialog_start (dialog);
  g_assert_true (chronomap_test_wait_until (is_null, &weak, 60));
  g_assert_true (chronomap_test_wait_until (loaded, window, 60));
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Imported 3 events: 0 new, 3 updated");
  g_assert_cmpuint (chronomap_event_store_get_n_events (chronomap_window_get_store (window)), ==, 3);
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = chronomap_test_use_own_home ("test-import-dialog");
  g_autofree char *runtime = g_build_filename (home, "runtime", NULL);

  /* where a sandbox finds the files the document portal lends it */
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* As in test-window: Debian's gdk-pixbuf may lack the SVG loader. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/chronomap/import-dialog/generic-csv", test_import_generic_csv);
  g_test_add_func ("/chronomap/import-dialog/guesses", test_import_guesses);
  g_test_add_func ("/chronomap/import-dialog/needs-date", test_import_needs_date);
  g_test_add_func ("/chronomap/import-dialog/error", test_import_error);
  g_test_add_func ("/chronomap/import-dialog/bad-row", test_import_bad_row);
  g_test_add_func ("/chronomap/import-dialog/import-again", test_import_again);
  g_test_add_func ("/chronomap/import-dialog/export-geojson", test_export_geojson);
  g_test_add_func ("/chronomap/import-dialog/export-filtered", test_export_filtered);
  g_test_add_func ("/chronomap/import-dialog/export-filtered-empty", test_export_filtered_empty);
  g_test_add_func ("/chronomap/import-dialog/export-image", test_export_image);
  g_test_add_func ("/chronomap/import-dialog/export-image-type", test_export_image_type);
  g_test_add_func ("/chronomap/import-dialog/export-animation", test_export_animation);
#ifdef HAVE_GSTREAMER
  g_test_add_func ("/chronomap/import-dialog/export-video", test_export_video);
  g_test_add_func ("/chronomap/import-dialog/export-video-stop", test_export_video_stop);
  g_test_add_func ("/chronomap/import-dialog/export-video-close", test_export_video_close);
  g_test_add_func ("/chronomap/import-dialog/export-video-quit", test_export_video_quit);
  g_test_add_func ("/chronomap/import-dialog/export-video-pace", test_export_video_pace);
  g_test_add_func ("/chronomap/import-dialog/export-video-period", test_export_video_period);
  g_test_add_func ("/chronomap/import-dialog/export-frames-choices", test_export_frames_choices);
  g_test_add_func ("/chronomap/import-dialog/export-video-format", test_export_video_format);
  g_test_add_func ("/chronomap/import-dialog/export-video-terminate", test_export_video_terminate);
#endif
  g_test_add_func ("/chronomap/import-dialog/export-remembers-format", test_export_remembers_format);
  g_test_add_func ("/chronomap/import-dialog/export-image-again", test_export_image_again);
  g_test_add_func ("/chronomap/import-dialog/sample-read-only", test_sample_read_only);

  return g_test_run ();
}
