/* test-window.c: the viewer in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the sample in a presented window (under Xvfb in CI) and checks
 * what an analyst would: every event is placed, a month shows exactly its
 * events on the map and in the list, selecting an event brings the window
 * to it, keys and playback move the window; signals of the timeline, the
 * view model and the map layer come in the documented order.  Leaves a
 * screenshot in the build directory.
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include <adwaita.h>
#include <libglib-testing/signal-logger.h>
#include <shumate/shumate.h>

#include "chronomap-basemap.h"
#include "chronomap-database.h"
#include "chronomap-event-item.h"
#include "chronomap-gazetteer.h"
#include "chronomap-place-search.h"
#include "chronomap-test-utils.h"
#include "chronomap-ui-test-utils.h"
#include "chronomap-window.h"

static gboolean
loaded (gpointer window)
{
  return chronomap_window_get_store (window) != NULL && !chronomap_window_get_busy (window);
}

static gboolean
idle_drained (gpointer window)
{
  return !g_main_context_pending (NULL);
}

/* Tiles come from worker threads with no "all drawn" signal in libshumate
 * 1.0; the screenshot is an artefact, so a fixed wait is enough. */
static void
let_tiles_arrive (ChronomapWindow *window)
{
  chronomap_test_spin (2);
}

static gboolean
quarter_second_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The list follows the model at the next idle. */
static void
drain (ChronomapWindow *window)
{
  gboolean done = FALSE;

  g_timeout_add (300, quarter_second_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  chronomap_test_wait_until (idle_drained, window, 5);
}

/* Event indices shown in the list, in the order shown. */
static GArray *
list_indices (ChronomapWindow *window)
{
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  GListModel *list = G_LIST_MODEL (chronomap_window_get_event_list (window));

  for (guint k = 0; k < g_list_model_get_n_items (list); k++)
    {
      g_autoptr(ChronomapEventItem) item = g_list_model_get_item (list, k);
      guint32 i = chronomap_event_item_get_index (item);

      g_array_append_val (indices, i);
    }
  return indices;
}

static int
compare_u32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* The events of [from, to] counted straight from the events, not through
 * the store's query the views use. */
static GArray *
expected_in_window (ChronomapEventStore *store,
                    gint32               from,
                    gint32               to)
{
  GArray *expected = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n = 0;
  const ChronomapEvent *events = chronomap_event_store_get_events (store, &n);

  for (guint32 i = 0; i < n; i++)
    if (events[i].start <= to && events[i].end >= from)
      g_array_append_val (expected, i);
  return expected;
}

static void
assert_same_set (GArray       *expected,
                 const GArray *actual)
{
  g_autoptr(GArray) a = g_array_copy ((GArray *) actual);

  g_array_sort (expected, compare_u32);
  g_array_sort (a, compare_u32);
  g_assert_cmpuint (a->len, ==, expected->len);
  for (guint k = 0; k < a->len; k++)
    g_assert_cmpuint (g_array_index (a, guint32, k), ==, g_array_index (expected, guint32, k));
}

static gboolean
drawn (gpointer window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (window)) > 0 &&
         gtk_widget_get_height (GTK_WIDGET (window)) > 0;
}

static void
save_screenshot (ChronomapWindow *window,
                 const char      *name)
{
  /* A slow build (the sanitizer pass) may get here before the window has
   * been mapped and given a size; a zero-sized paintable draws nothing. */
  g_assert_true (chronomap_test_wait_until (drawn, window, 60));
  chronomap_test_save_screenshot (GTK_WIDGET (window), name);
}

/* A 1280 × 800 window showing the event database @path, loaded. */
static ChronomapWindow *
open_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, "default-width", 1280,
                                          "default-height", 800, NULL);

  gtk_window_present (GTK_WINDOW (window));
  chronomap_window_open (window, file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  return window;
}

static ChronomapWindow *
open_sample (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  ChronomapWindow *window = open_path (sample);

  drain (window);
  return window;
}

/* A window of 1100 by 720 pixels on the events of @csv_text, imported
 * with the CLI into a new file named @stem.sqlite. */
static ChronomapWindow *
open_csv_text (const char *stem,
               const char *csv_text)
{
  g_autofree char *csv_name = g_strconcat (stem, ".csv", NULL);
  g_autofree char *db_name = g_strconcat (stem, ".sqlite", NULL);
  g_autofree char *csv = chronomap_test_tmp_path (csv_name);
  g_autofree char *db = chronomap_test_tmp_path (db_name);
  g_autoptr(GFile) file = g_file_new_for_path (db);
  g_auto(ChronomapTestRun) run = { 0 };
  ChronomapWindow *window;

  g_assert_true (g_file_set_contents (csv, csv_text, -1, NULL));
  g_unlink (db);
  chronomap_test_run_cli (&run, "import", "-f", "csv", "--db", db, csv, NULL);
  g_assert_cmpint (run.status, ==, 0);

  window = g_object_new (CHRONOMAP_TYPE_WINDOW, "default-width", 1100, "default-height", 720, NULL);
  gtk_window_present (GTK_WINDOW (window));
  chronomap_window_open (window, file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  drain (window);
  return window;
}

static void
close_window (ChronomapWindow *window)
{
  GtkWidget *weak = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_window_open_sample (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventStore *store = chronomap_window_get_store (window);
  ChronomapEventLayer *layer = chronomap_window_get_event_layer (window);
  ChronomapViewModel *model = chronomap_window_get_model (window);
  g_autoptr(GArray) shown = NULL;
  static const char *places[] = { "Raqqa", "al-Mayadin", "Baghouz", "Mosul", "Paris" };
  const ChronomapEvent *events;
  guint n = 0;

  /* Every event placed, and each of the sample's places among them. */
  g_assert_cmpuint (chronomap_event_store_get_n_events (store), >, 0);
  g_assert_cmpuint (chronomap_event_layer_get_n_placed (layer), ==, chronomap_event_store_get_n_events (store));
  g_assert_cmpuint (chronomap_window_get_n_unresolved (window), ==, 0);
  /* nothing to check, and Places to Check there to say so */
  g_assert_null (chronomap_window_get_banner_text (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unresolved", NULL));
  {
    GtkWidget *dialog = chronomap_test_find_dialog (GTK_WINDOW (window));

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Places to Check");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  events = chronomap_event_store_get_events (store, &n);
  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].location), places[p]) == 0)
          {
            found = TRUE;
            g_assert_false (isnan (events[i].latitude));
            g_assert_false (isnan (events[i].longitude));
            /* Not parked at 0,0 */
            g_assert_true (fabs (events[i].latitude) > 1 || fabs (events[i].longitude) > 1);
          }
      g_assert_true (found);
    }

  /* The list shows the window's events. */
  shown = list_indices (window);
  g_assert_cmpuint (shown->len, >, 0);
  assert_same_set (expected_in_window (store, chronomap_view_model_get_from (model),
                                       chronomap_view_model_get_to (model)), shown);

  /* The map opens on the events it shows first, the eight of March 2019
   * at Baghouz, not on a continent that also holds Paris of 2015. */
  {
    ShumateSimpleMap *map = SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                               CHRONOMAP_TYPE_WINDOW,
                                                                               "map"));
    ShumateViewport *viewport = shumate_simple_map_get_viewport (map);

    g_assert_cmpfloat (fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - 34.4), <, 1.5);
    g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - 40.9), <, 1.5);
    g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 5.0);
  }

  /* A bar of the histogram says what it counts: the last one with
   * events, from the right, is in March 2019, where the window is. */
  {
    ChronomapTimeline *timeline = chronomap_window_get_timeline (window);
    g_autofree char *text = NULL;

    drain (window);
    for (double x = gtk_widget_get_width (GTK_WIDGET (timeline)) - 1; x > 0; x -= 1)
      {
        g_free (text);
        text = chronomap_timeline_describe_at (timeline, x);
        if (text != NULL && strstr (text, ": 0 events") == NULL)
          break;
      }
    g_assert_nonnull (text);
    g_test_message ("last bar: %s", text);
    g_assert_nonnull (strstr (text, "Mar 2019"));
    g_assert_nonnull (strstr (text, "events began"));
    g_assert_null (strstr (text, ": 0 events"));
  }

  let_tiles_arrive (window);
  save_screenshot (window, "test-window-sample.png");
  close_window (window);
}

static void
test_window_october (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventStore *store = chronomap_window_get_store (window);
  ChronomapEventLayer *layer = chronomap_window_get_event_layer (window);
  ChronomapTimeline *timeline = chronomap_window_get_timeline (window);
  ChronomapViewModel *model = chronomap_window_get_model (window);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GArray) shown = NULL;
  g_autofree char *value_text = NULL;
  gint32 from = chronomap_date_from_ymd (2017, 10, 1);
  gint32 to = chronomap_date_from_ymd (2017, 10, 31);

  gt_signal_logger_connect (logger, timeline, "notify::from");
  gt_signal_logger_connect (logger, timeline, "notify::to");
  gt_signal_logger_connect (logger, model, "visible-changed");
  gt_signal_logger_connect (logger, layer, "notify::n-visible");
  gt_signal_logger_connect (logger, layer, "notify::from");
  gt_signal_logger_connect (logger, layer, "notify::to");

  chronomap_window_set_time_window (window, from, to);

  /* The model moves first; the timeline follows it, then the layer
   * recounts once, from the model's visible-changed. */
  gt_signal_logger_assert_notify_emission_pop (logger, timeline, "from");
  gt_signal_logger_assert_notify_emission_pop (logger, timeline, "to");
  gt_signal_logger_assert_notify_emission_pop (logger, layer, "n-visible");
  gt_signal_logger_assert_notify_emission_pop (logger, layer, "from");
  gt_signal_logger_assert_notify_emission_pop (logger, layer, "to");
  gt_signal_logger_assert_emission_pop (logger, model, "visible-changed", NULL);
  gt_signal_logger_assert_no_emissions (logger);

  /* Exactly October's events, on the map and in the list. */
  assert_same_set (expected_in_window (store, from, to), chronomap_event_layer_get_visible (layer));
  g_assert_cmpuint (chronomap_event_layer_get_n_visible (layer), >, 0);
  drain (window);
  shown = list_indices (window);
  assert_same_set (expected_in_window (store, from, to), shown);

  value_text = chronomap_timeline_dup_value_text (timeline);
  g_assert_true (g_str_has_prefix (value_text, "1 Oct 2017 – 31 Oct 2017, "));

  let_tiles_arrive (window);
  save_screenshot (window, "test-window-october.png");
  close_window (window);
}

static void
test_window_select (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventStore *store = chronomap_window_get_store (window);
  ChronomapEventLayer *layer = chronomap_window_get_event_layer (window);
  ChronomapTimeline *timeline = chronomap_window_get_timeline (window);
  ChronomapViewModel *model = chronomap_window_get_model (window);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  const ChronomapEvent *e;
  ChronomapEventItem *row;
  int target = -1;
  guint n = 0;
  const ChronomapEvent *events = chronomap_event_store_get_events (store, &n);

  /* An event of 2017, far from the window the sample opens on (2019). */
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  for (guint i = 0; i < n && target < 0; i++)
    if (events[i].start >= chronomap_date_from_ymd (2017, 10, 1) &&
        events[i].start <= chronomap_date_from_ymd (2017, 10, 31))
      target = i;
  g_assert_cmpint (target, >=, 0);
  e = &events[target];

  gt_signal_logger_connect (logger, layer, "notify::selected");
  gt_signal_logger_connect (logger, timeline, "notify::selected");
  gt_signal_logger_connect (logger, timeline, "notify::from");
  gt_signal_logger_connect (logger, timeline, "notify::to");

  chronomap_view_model_set_selected (model, target);

  gt_signal_logger_assert_notify_emission_pop (logger, layer, "selected");
  gt_signal_logger_assert_notify_emission_pop (logger, timeline, "selected");
  gt_signal_logger_assert_notify_emission_pop (logger, timeline, "from");
  gt_signal_logger_assert_notify_emission_pop (logger, timeline, "to");
  gt_signal_logger_assert_no_emissions (logger);

  /* The timeline window moved to contain it, keeping its length. */
  g_assert_cmpint (chronomap_timeline_get_from (timeline), <=, e->end);
  g_assert_cmpint (chronomap_timeline_get_to (timeline), >=, e->start);
  g_assert_cmpint (chronomap_timeline_get_to (timeline) - chronomap_timeline_get_from (timeline), ==, 30);
  g_assert_cmpint (chronomap_view_model_get_from (model), ==, chronomap_timeline_get_from (timeline));
  g_assert_cmpint (chronomap_event_layer_get_selected (layer), ==, target);

  /* The list shows and selects it. */
  drain (window);
  row = gtk_single_selection_get_selected_item (chronomap_window_get_event_list (window));
  g_assert_nonnull (row);
  g_assert_cmpuint (chronomap_event_item_get_index (row), ==, target);

  /* Its marker's tooltip names its place and its newest day, written as
   * everywhere else in the window ("7 Oct 2017"), not ISO. */
  {
    ShumateViewport *viewport = shumate_simple_map_get_viewport (
      SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map")));
    g_autofree char *text = NULL;
    double x, y;

    drain (window);
    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), e->latitude, e->longitude,
                                                &x, &y);
    text = chronomap_event_layer_describe_at (layer, x, y);
    g_test_message ("marker tooltip: %s", text);
    g_assert_nonnull (text);
    g_assert_true (g_regex_match_simple ("\\b[0-9]{1,2} [A-Z][a-z]+ 2017\\b", text, 0, 0));
    g_assert_false (g_regex_match_simple ("[0-9]{4}-[0-9]{2}", text, 0, 0));
    g_assert_nonnull (strstr (text, chronomap_event_store_get_string (store, e->location)));
    g_assert_null (chronomap_event_layer_describe_at (layer, -100, -100));
  }

  let_tiles_arrive (window);
  save_screenshot (window, "test-window-selected.png");
  close_window (window);
}

/* An ACLED event selected: the panel shows what ACLED says beyond
 * Chronomap's own columns (its interaction, admin3), kept at import. */
static void
test_window_attributes (void)
{
  g_autofree char *path = chronomap_test_import_acled ("interchange/acled-new.csv",
                                                      "acled-attributes.sqlite");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronomapWindow *window;
  ChronomapEventStore *store;
  GtkWidget *fields;
  g_autofree char *text = NULL;
  const ChronomapEvent *events;
  guint n = 0;
  int target = -1;

  window = g_object_new (CHRONOMAP_TYPE_WINDOW, "default-width", 1280, "default-height", 800,
                         NULL);
  gtk_window_present (GTK_WINDOW (window));
  chronomap_window_open (window, file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  drain (window);

  store = chronomap_window_get_store (window);
  events = chronomap_event_store_get_events (store, &n);
  for (guint i = 0; i < n && target < 0; i++)
    if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].location), "Ariha") == 0)
      target = i;
  g_assert_cmpint (target, >=, 0);
  chronomap_view_model_set_selected (chronomap_window_get_model (window), target);
  drain (window);

  fields = chronomap_test_details_child (GTK_WINDOW (window), "attributes");
  g_assert_true (gtk_widget_is_visible (fields));
  text = chronomap_test_fields_text (GTK_GRID (fields));
  g_assert_nonnull (strstr (text, "interaction  State forces-Rebel group"));
  g_assert_nonnull (strstr (text, "admin3  Ariha"));

  let_tiles_arrive (window);
  save_screenshot (window, "test-window-attributes.png");
  close_window (window);
}

/* @widget drawn alone, its pixels premultiplied as cairo keeps them:
 * B, G, R, A, a row of its width after another. */
static guchar *
widget_pixels (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkTexture) texture = chronomap_test_render (widget);
  guchar *pixels;

  g_assert_nonnull (texture);
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  return pixels;
}

static gboolean
one_mark (gpointer layer)
{
  return chronomap_event_layer_get_n_marks (layer) == 1;
}

typedef struct
{
  ChronomapWindow      *window;
  const ChronomapEvent *event;
} Shown;

/* Where @event is on the map widget of @window. */
static void
event_on_map (ChronomapWindow      *window,
              const ChronomapEvent *event,
              double               *x,
              double               *y)
{
  GtkWidget *map = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map"));

  shumate_viewport_location_to_widget_coords (shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (map)), map,
                                              event->latitude, event->longitude, x, y);
}

/* Whether the event is in the map's view, clear of the legend. */
static gboolean
shown_clear (gpointer data)
{
  Shown *shown = data;
  GtkWidget *map = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (shown->window),
                                                              CHRONOMAP_TYPE_WINDOW, "map"));
  GtkWidget *legend = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (shown->window),
                                                                 CHRONOMAP_TYPE_WINDOW, "legend_box"));
  graphene_rect_t bounds;
  double x, y;

  event_on_map (shown->window, shown->event, &x, &y);
  g_assert_true (gtk_widget_compute_bounds (legend, map, &bounds));
  return x > 0 && y > 0 && x < gtk_widget_get_width (map) && y < gtk_widget_get_height (map) &&
         !graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y));
}

/* Moves the map so that @shown's event is at (@x, @y) on it. */
static void
put_event_at (Shown  *shown,
              double  x,
              double  y)
{
  GtkWidget *map = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (shown->window),
                                                              CHRONOMAP_TYPE_WINDOW, "map"));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (map));
  double ex = G_MAXDOUBLE, ey = G_MAXDOUBLE, lat, lon;

  /* again while a move of the map's own (bringing the last pick into
   * view) takes it elsewhere */
  for (guint tries = 0; tries < 50 && (fabs (ex - x) >= 2 || fabs (ey - y) >= 2); tries++)
    {
      event_on_map (shown->window, shown->event, &ex, &ey);
      shumate_viewport_widget_coords_to_location (viewport, map, gtk_widget_get_width (map) / 2.0 + ex - x,
                                                  gtk_widget_get_height (map) / 2.0 + ey - y, &lat, &lon);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
      drain (shown->window);
      event_on_map (shown->window, shown->event, &ex, &ey);
    }
  g_assert_cmpfloat (fabs (ex - x), <, 2);
  g_assert_cmpfloat (fabs (ey - y), <, 2);
}

/* An event picked where the legend covers it is brought out where it can
 * be seen; so is one the events panel hides as it opens beside the map. */
static void
test_window_reveal_selection (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventStore *store = chronomap_window_get_store (window);
  ChronomapViewModel *model = chronomap_window_get_model (window);
  GtkWidget *map = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map"));
  GtkWidget *legend = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                 "legend_box"));
  Shown shown = { window, NULL };
  graphene_rect_t bounds;
  int target = -1;

  for (guint i = 0; i < chronomap_event_store_get_n_events (store) && target < 0; i++)
    if (!isnan (chronomap_event_store_get_event (store, i)->latitude))
      target = i;
  g_assert_cmpint (target, >=, 0);
  shown.event = chronomap_event_store_get_event (store, target);

  /* the panel open, the event under the middle of the legend */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar", NULL));
  drain (window);
  g_assert_true (gtk_widget_compute_bounds (legend, map, &bounds));
  put_event_at (&shown, bounds.origin.x + bounds.size.width / 2, bounds.origin.y + bounds.size.height / 2);
  g_assert_false (shown_clear (&shown));
  chronomap_view_model_set_selected (model, target);
  g_assert_true (chronomap_test_wait_until (shown_clear, &shown, 10));

  /* the panel shut, the event near the map's right edge, where the
   * panel opening for it will be */
  chronomap_view_model_set_selected (model, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar", NULL));
  drain (window);
  put_event_at (&shown, gtk_widget_get_width (map) - 60, gtk_widget_get_height (map) / 2.0);
  g_assert_true (shown_clear (&shown));
  chronomap_view_model_set_selected (model, target);
  drain (window);
  g_assert_true (chronomap_test_wait_until (shown_clear, &shown, 10));
  close_window (window);
}

/* A search whose events lie outside the time window leads to them:
 * Enter picks the first found after the window's start, the time window
 * following it, and again the next; Shift+Ctrl+G goes back.  Where the
 * window shows none, the search bar says where they are, or that there
 * are none. */
static void
test_window_search_step (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventStore *store = chronomap_window_get_store (window);
  ChronomapViewModel *model = chronomap_window_get_model (window);
  GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                "search_entry"));
  GtkWidget *hint = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                               "search_hint"));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (int));
  int first, second;

  for (guint i = 0; i < chronomap_event_store_get_n_events (store); i++)
    {
      const char *place = chronomap_event_store_get_string (store, chronomap_event_store_get_event (store,
                                                                                                    i)->location);

      if (place != NULL && strstr (place, "Raqqa") != NULL)
        g_array_append_val (found, i);
    }
  g_assert_cmpuint (found->len, >=, 2);

  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  /* Enter at once, before the entry's pause after typing */
  gtk_editable_set_text (GTK_EDITABLE (entry), "raqqa");

  /* after March 2019 there is none: round to the first */
  g_signal_emit_by_name (entry, "activate");
  drain (window);
  first = chronomap_view_model_get_selected (model);
  g_assert_cmpint (first, ==, g_array_index (found, int, 0));
  g_assert_cmpuint (chronomap_view_model_get_n_visible (model), >, 0);
  g_assert_cmpint (chronomap_view_model_get_from (model), <=,
                   chronomap_event_store_get_event (store, first)->start);
  g_assert_cmpint (chronomap_view_model_get_to (model), >=,
                   chronomap_event_store_get_event (store, first)->start);

  g_signal_emit_by_name (entry, "next-match");
  drain (window);
  second = chronomap_view_model_get_selected (model);
  g_assert_cmpint (second, ==, g_array_index (found, int, 1));

  g_signal_emit_by_name (entry, "previous-match");
  drain (window);
  g_assert_cmpint (chronomap_view_model_get_selected (model), ==, first);

  /* back in March 2019, the events panel says where the six are, and
   * so does the search bar, for a map without the panel */
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  drain (window);
  g_assert_cmpuint (chronomap_view_model_get_n_visible (model), ==, 0);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (chronomap_test_events_panel_child (
                     GTK_WINDOW (window), "empty_page"))), ==,
                   "The search finds 6 events in other periods: Enter goes to the next.");
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==,
                   "6 found in other periods: Enter goes to the next");
  /* where the window shows some, the counter says how many: no hint */
  g_signal_emit_by_name (entry, "activate");
  drain (window);
  g_assert_cmpuint (chronomap_view_model_get_n_visible (model), >, 0);
  g_assert_false (gtk_widget_get_visible (hint));
  /* a search that finds nothing says so */
  gtk_editable_set_text (GTK_EDITABLE (entry), "atlantis");
  g_signal_emit_by_name (entry, "activate");
  drain (window);
  g_assert_cmpuint (chronomap_view_model_get_n_filtered (model), ==, 0);
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, "Nothing found");
  /* found, but only among the types hidden */
  gtk_editable_set_text (GTK_EDITABLE (entry), "raqqa");
  g_signal_emit_by_name (entry, "activate");
  chronomap_view_model_set_hidden_types (model, G_MAXUINT);
  drain (window);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, "Nothing found in the types shown");
  chronomap_view_model_set_hidden_types (model, 0);
  /* spaces find everything: no search, no hint, even over a month
   * without events */
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2016, 3, 1),
                                    chronomap_date_from_ymd (2016, 3, 31));
  drain (window);
  g_assert_cmpuint (chronomap_view_model_get_n_visible (model), ==, 0);
  g_assert_false (gtk_widget_get_visible (hint));
  /* and no search, no hint */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "activate");
  drain (window);
  g_assert_false (gtk_widget_get_visible (hint));
  close_window (window);
}

/* A time window with nothing in it says so once: the events panel shows
 * "No Events", not also "No Event Selected" asking for a click on one. */
static void
test_window_one_empty_state (void)
{
  ChronomapWindow *window = open_sample ();
  GtkWidget *details = GTK_WIDGET (chronomap_test_events_panel_child (GTK_WINDOW (window), "details_scroller"));
  GtkStack *list_stack = GTK_STACK (chronomap_test_events_panel_child (GTK_WINDOW (window), "list_stack"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar", NULL));
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2016, 1, 1),
                                    chronomap_date_from_ymd (2016, 1, 31));
  drain (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  g_assert_false (gtk_widget_get_visible (details));

  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  drain (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  g_assert_true (gtk_widget_get_visible (details));
  close_window (window);
}

/* A file opened before its window is first laid out (as at start, when
 * the file loads fast) is fitted once the map has its size: the map
 * shows what Zoom to the Events shows, not a view worked out for a
 * guessed size, a level further out or in from one start to the next. */
static void
test_window_fit_before_shown (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (sample);
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, "default-width", 1280,
                                          "default-height", 800, NULL);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (
    SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map")));
  double zoom, lat, lon;

  chronomap_window_open (window, file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  gtk_window_present (GTK_WINDOW (window));
  drain (window);
  zoom = shumate_viewport_get_zoom_level (viewport);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fit-events", NULL));
  g_test_message ("zoom %.2f at %.3f, %.3f; fitted again %.2f at %.3f, %.3f", zoom, lat, lon,
                  shumate_viewport_get_zoom_level (viewport),
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  g_assert_cmpfloat (zoom, ==, shumate_viewport_get_zoom_level (viewport));
  g_assert_cmpfloat_with_epsilon (lat, shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 1e-6);
  close_window (window);
}

/* A window showing a new file @name of the events @values
 * (of date_start, event_type, location, latitude, longitude), loaded. */
/* The span of the world the map shows across, in tiles of zoom level 0,
 * once the sample is open and fitted in a window of @width × @height. */
static double
fitted_span (int  width,
             int  height,
             int *out_map_width)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (sample);
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, "default-width", width,
                                          "default-height", height, NULL);
  ShumateSimpleMap *map = SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                             CHRONOMAP_TYPE_WINDOW, "map"));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (map);
  double span;

  gtk_window_present (GTK_WINDOW (window));
  chronomap_window_open (window, file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  drain (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fit-events", NULL));
  span = gtk_widget_get_width (GTK_WIDGET (map)) / 256.0 / exp2 (shumate_viewport_get_zoom_level (viewport));
  g_test_message ("%d × %d: map %d px wide at zoom %.2f, %.4f tiles across", width, height,
                  gtk_widget_get_width (GTK_WIDGET (map)), shumate_viewport_get_zoom_level (viewport), span);
  *out_map_width = gtk_widget_get_width (GTK_WIDGET (map));
  close_window (window);
  return span;
}

/* Zoom to the Events on a 4K screen shows the region it shows on a
 * laptop's, not the same zoom level (Syria a sixth of the screen). */
static void
test_window_fit_large_screen (void)
{
  int laptop_width, large_width;
  double laptop = fitted_span (1280, 800, &laptop_width);
  double large = fitted_span (3840, 2160, &large_width);

  /* a window is no larger than its screen: build-aux/test's is 4K */
  if (large_width < 3000)
    {
      g_test_skip ("the screen is smaller than 3840 × 2160");
      return;
    }
  g_assert_cmpint (laptop_width, <, 1300);
  g_assert_cmpfloat (large, <, laptop * 1.25);
  g_assert_cmpfloat (large, >, laptop * 0.5);
}

static ChronomapWindow *
open_events (const char *name,
             const char *values)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (),
                                      "INSERT INTO events (date_start, event_type, location, latitude, longitude) "
                                      "VALUES ", values, ";", NULL);
  g_autofree char *path = chronomap_test_make_db (name, sql);

  return open_path (path);
}

/* Two events a few pixels apart on either side of a clustering cell's
 * edge read as one mark with their count, not two discs drawn one over
 * the other.  At zoom 5 the world is 8,192 pixels wide and the cells 40:
 * longitudes 83.584 and 83.760 are pixels 5,998 and 6,002.  A battle and
 * a protest, the mark is a pie of both colours: neither hides the other. */
static void
test_window_clusters (void)
{
  ChronomapWindow *window = open_events ("clusters.sqlite",
                                         "('2019-03-18', 'Battles', 'West', 30.0, 83.5840), "
                                         "('2019-03-18', 'Protests', 'East', 30.0, 83.7598)");
  ChronomapEventLayer *layer;
  ShumateViewport *viewport;

  layer = chronomap_window_get_event_layer (window);
  viewport = shumate_simple_map_get_viewport (
    SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map")));
  shumate_viewport_set_zoom_level (viewport, 5.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 30.0, 83.67);
  drain (window);
  g_assert_cmpuint (chronomap_event_layer_get_n_visible (layer), ==, 2);
  g_assert_true (chronomap_test_wait_until (one_mark, layer, 10));

  {
    ChronomapViewModel *model = chronomap_window_get_model (window);
    ChronomapEventStyle *style = chronomap_view_model_get_style (model);
    GtkWidget *widget = GTK_WIDGET (layer);
    g_autofree guchar *pixels = widget_pixels (widget);
    int width = gtk_widget_get_width (widget);
    const GdkRGBA *colors[2];
    guint seen[2] = { 0, 0 };
    double cx, cy;

    /* the battle's colour and the protest's */
    for (guint i = 0; i < 2; i++)
      colors[i] = chronomap_event_style_get_color (style, chronomap_event_style_get_slot (
        style, chronomap_event_store_get_event (chronomap_window_get_store (window), i)->event_type));
    g_assert_false (gdk_rgba_equal (colors[0], colors[1]));
    shumate_viewport_location_to_widget_coords (viewport, widget, 30.0, 83.672, &cx, &cy);
    /* the pixels of the disc, its edge left out */
    for (int y = (int) cy - 6; y <= (int) cy + 6; y++)
      for (int x = (int) cx - 6; x <= (int) cx + 6; x++)
        {
          const guchar *p = pixels + (y * width + x) * 4;

          for (guint c = 0; c < 2 && p[3] > 0; c++)
            /* B, G, R, premultiplied: the colour itself, less the fading */
            if (fabs (p[2] / (double) p[3] - colors[c]->red) < 0.08 &&
                fabs (p[1] / (double) p[3] - colors[c]->green) < 0.08 &&
                fabs (p[0] / (double) p[3] - colors[c]->blue) < 0.08)
              seen[c]++;
        }
    g_test_message ("pixels of one's colour %u, of the other's %u", seen[0], seen[1]);
    g_assert_cmpuint (seen[0], >, 20);
    g_assert_cmpuint (seen[1], >, 20);
  }
  close_window (window);
}

/* Where the layer draws (@lat, @lon). */
static void
layer_point (ChronomapWindow *window,
             double           lat,
             double           lon,
             double          *x,
             double          *y)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (
    SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map")));

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (chronomap_window_get_event_layer (window)),
                                              lat, lon, x, y);
}

/* A cluster clicked on the map lists its events, not the whole window's
 * (where Baghouz's three would lie among Raqqa's): until "Show All", a
 * single event clicked, or the time window moved. */
static void
test_window_cluster_list (void)
{
  ChronomapWindow *window = open_events ("cluster-list.sqlite",
                                         "('2019-03-02', 'Battles', 'Raqqa', 35.95, 39.01), "
                                         "('2019-03-05', 'Battles', 'Baghouz', 34.47, 40.93), "
                                         "('2019-03-08', 'Protests', 'Raqqa', 35.95, 39.01), "
                                         "('2019-03-12', 'Battles', 'Baghouz', 34.475, 40.935), "
                                         "('2019-03-20', 'Explosions/Remote violence', 'Baghouz', 34.47, 40.93), "
                                         "('2019-03-23', 'Battles', 'Baghouz camp', 34.472, 40.932), "
                                         "('2019-03-25', 'Battles', 'Damascus', 33.51, 36.29)");
  ChronomapEventLayer *layer;
  ChronomapViewModel *model;
  ShumateViewport *viewport;
  GtkWidget *bar, *label, *show_all;
  g_autoptr(GArray) all = NULL;
  double x, y;

  layer = chronomap_window_get_event_layer (window);
  model = chronomap_window_get_model (window);
  bar = GTK_WIDGET (chronomap_test_events_panel_child (GTK_WINDOW (window), "picked_bar"));
  label = GTK_WIDGET (chronomap_test_events_panel_child (GTK_WINDOW (window), "picked_label"));
  show_all = GTK_WIDGET (chronomap_test_events_panel_child (GTK_WINDOW (window), "picked_show_all"));
  viewport = shumate_simple_map_get_viewport (
    SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map")));
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  shumate_viewport_set_zoom_level (viewport, 6.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 34.7, 38.6);
  drain (window);
  all = list_indices (window);
  g_assert_cmpuint (all->len, ==, 7);
  g_assert_false (gtk_widget_get_visible (bar));

  /* Baghouz's four, three at Baghouz and the newest at its camp: the
   * newest picked, the list theirs, in time order, named after Baghouz */
  layer_point (window, 34.47, 40.93, &x, &y);
  g_assert_true (chronomap_event_layer_pick_at (layer, x, y));
  drain (window);
  {
    g_autoptr(GArray) shown = list_indices (window);
    ChronomapEventStore *store = chronomap_window_get_store (window);

    g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint32));

    /* Baghouz's and its camp's, in the order the whole list has them */
    for (guint k = 0; k < all->len; k++)
      {
        guint32 i = g_array_index (all, guint32, k);

        if (g_str_has_prefix (chronomap_event_store_get_string (store, chronomap_event_store_get_event (
                                store, i)->location), "Baghouz"))
          g_array_append_val (expected, i);
      }
    g_assert_cmpuint (expected->len, ==, 4);
    g_assert_cmpmem (shown->data, shown->len * sizeof (guint32), expected->data, 4 * sizeof (guint32));
    g_assert_cmpint (chronomap_event_store_get_event (store, chronomap_view_model_get_selected (model))->start,
                     ==, chronomap_date_from_ymd (2019, 3, 23));
  }
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "4 events around Baghouz");
  {
    /* and so is its tooltip, with its newest day */
    g_autofree char *tip = NULL;

    layer_point (window, 34.47, 40.93, &x, &y);
    tip = chronomap_event_layer_describe_at (layer, x, y);

    g_assert_cmpstr (tip, ==, "4 events around Baghouz\nnewest 23 Mar 2019");
  }
  let_tiles_arrive (window);
  save_screenshot (window, "test-window-cluster-list.png");
  {
    /* the bar's label widens the panel no more than it asks, over the map */
    GtkWidget *panel = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                  "events_panel"));
    int natural;

    gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
    g_assert_true (gtk_widget_get_mapped (panel));
    g_assert_cmpint (gtk_widget_get_width (panel), ==, natural);
  }

  g_signal_emit_by_name (show_all, "clicked");
  drain (window);
  g_assert_false (gtk_widget_get_visible (bar));
  {
    g_autoptr(GArray) shown = list_indices (window);

    g_assert_cmpuint (shown->len, ==, 7);
  }

  /* a single event clicked: the whole window's list again */
  layer_point (window, 34.47, 40.93, &x, &y);
  g_assert_true (chronomap_event_layer_pick_at (layer, x, y));
  drain (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (chronomap_window_get_event_list (window))), ==, 4);
  layer_point (window, 33.51, 36.29, &x, &y);
  g_assert_true (chronomap_event_layer_pick_at (layer, x, y));
  drain (window);
  g_assert_false (gtk_widget_get_visible (bar));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (chronomap_window_get_event_list (window))), ==, 7);

  /* the time window moved: its own events, not the cluster's of before */
  layer_point (window, 35.95, 39.01, &x, &y);
  g_assert_true (chronomap_event_layer_pick_at (layer, x, y));
  drain (window);
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "2 events around Raqqa");
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 4),
                                    chronomap_date_from_ymd (2019, 3, 31));
  drain (window);
  g_assert_false (gtk_widget_get_visible (bar));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (chronomap_window_get_event_list (window))), ==, 6);

  /* nowhere: nothing picked */
  g_assert_false (chronomap_event_layer_pick_at (layer, -100, -100));
  close_window (window);
}

/* The events list in another order, as the panel's Order of the List
 * offers: oldest first, the most killed first (the newest of as many
 * first), by place name; the event picked stays picked, its row
 * selected, and the window's next events keep the order. */
static void
test_window_list_order (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventStore *store = chronomap_window_get_store (window);
  ChronomapViewModel *model = chronomap_window_get_model (window);
  GtkDropDown *order = GTK_DROP_DOWN (chronomap_test_events_panel_child (GTK_WINDOW (window), "order_dropdown"));
  GtkSingleSelection *selection;
  const ChronomapEvent *events = chronomap_event_store_get_events (store, NULL);
  gint32 first, last;
  int picked;

  g_assert_true (chronomap_event_store_get_range (store, &first, &last));
  chronomap_window_set_time_window (window, first, last);
  drain (window);
  {
    g_autoptr(GArray) shown = list_indices (window);

    /* the newest first, at first */
    g_assert_cmpuint (shown->len, ==, chronomap_event_store_get_n_events (store));
    for (guint k = 1; k < shown->len; k++)
      g_assert_cmpuint (g_array_index (shown, guint32, k - 1), >, g_array_index (shown, guint32, k));
    picked = g_array_index (shown, guint32, shown->len / 2);
  }
  chronomap_view_model_set_selected (model, picked);
  drain (window);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (
    chronomap_test_events_panel_child (GTK_WINDOW (window), "event_list"))));

  for (guint o = 1; o < 4; o++)
    {
      g_autoptr(GArray) shown = NULL;

      gtk_drop_down_set_selected (order, o);
      drain (window);
      shown = list_indices (window);
      g_assert_cmpuint (shown->len, ==, chronomap_event_store_get_n_events (store));
      for (guint k = 1; k < shown->len; k++)
        {
          const ChronomapEvent *a = &events[g_array_index (shown, guint32, k - 1)];
          const ChronomapEvent *b = &events[g_array_index (shown, guint32, k)];

          if (o == 1)
            g_assert_cmpuint (g_array_index (shown, guint32, k - 1), <, g_array_index (shown, guint32, k));
          else if (o == 2)
            g_assert_true (a->fatalities > b->fatalities ||
                           (a->fatalities == b->fatalities && a > b));
          else
            {
              const char *pa = chronomap_event_store_get_string (store, a->location);
              const char *pb = chronomap_event_store_get_string (store, b->location);

              g_assert_true (g_utf8_collate (pa, pb) < 0 || (g_str_equal (pa, pb) && a > b));
            }
        }
      /* the event picked, still picked, its row selected */
      g_assert_cmpint (chronomap_view_model_get_selected (model), ==, picked);
      g_assert_cmpuint (g_array_index (shown, guint32, gtk_single_selection_get_selected (selection)), ==,
                        picked);
    }

  /* another window keeps the order: March 2019 by place */
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  drain (window);
  {
    g_autoptr(GArray) shown = list_indices (window);

    g_assert_cmpuint (shown->len, >, 1);
    for (guint k = 1; k < shown->len; k++)
      g_assert_cmpint (g_utf8_collate (chronomap_event_store_get_string (store,
                                                                         events[g_array_index (shown, guint32,
                                                                                               k - 1)].location),
                                       chronomap_event_store_get_string (store,
                                                                         events[g_array_index (shown, guint32,
                                                                                               k)].location)),
                       <=, 0);
  }
  close_window (window);
}

typedef struct
{
  gint64 until;
} Busy;

/* What a drag does to the main loop: always something to do before the
 * idles. */
static gboolean
busy_cb (gpointer data)
{
  Busy *busy = data;

  g_usleep (2000);
  return g_get_monotonic_time () < busy->until;
}

/* The list follows the time window while it is dragged: a drag keeps
 * the main loop too busy for idles, and the list showed the window of
 * before until the button was let go. */
static void
test_window_list_follows_drag (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventStore *store = chronomap_window_get_store (window);
  const ChronomapEvent *events = chronomap_event_store_get_events (store, NULL);
  Busy busy;
  guint source;
  gboolean followed = FALSE;

  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  drain (window);
  busy.until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, busy_cb, &busy, NULL);
  /* October 2017, while busy */
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2017, 10, 1),
                                    chronomap_date_from_ymd (2017, 10, 31));
  while (!followed && g_get_monotonic_time () < busy.until)
    {
      g_autoptr(GArray) shown = NULL;

      g_main_context_iteration (NULL, TRUE);
      shown = list_indices (window);
      followed = shown->len > 0 && events[g_array_index (shown, guint32, 0)].start <
                                   chronomap_date_from_ymd (2017, 11, 1);
    }
  g_assert_true (followed);
  busy.until = 0;
  g_source_remove (source);
  close_window (window);
}

static gboolean
focus_in (ChronomapWindow *window,
          GtkWidget       *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The shortcut of @widget that @trigger ("Tab", "<Shift>Tab") sets off,
 * alone or among other keys, to @action_name if not %NULL; or %NULL. */
static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *trigger,
               const char *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_auto(GStrv) alternatives = g_strsplit (text, "|", -1);

          if (action_name != NULL &&
              (!GTK_IS_NAMED_ACTION (action) ||
               g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), action_name) != 0))
            continue;
          if (g_strv_contains ((const char * const *) alternatives, trigger))
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

/* Tab leaves the events list, and Shift+Tab comes back to it, as with any
 * other widget: GTK 4.8's list would take Tab to its next row, and a list
 * of a thousand events would hold the keyboard for a thousand presses. */
static void
test_window_list_tab (void)
{
  ChronomapWindow *window = open_sample ();
  GtkWidget *list = GTK_WIDGET (chronomap_test_events_panel_child (GTK_WINDOW (window), "event_list"));
  g_autoptr(GtkShortcut) tab = NULL;
  g_autoptr(GtkShortcut) back = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar", NULL));
  drain (window);
  g_assert_true (gtk_widget_get_mapped (list));

  /* the keys: Tab and Shift+Tab, on the list */
  tab = find_shortcut (list, "Tab", "events.leave-list");
  back = find_shortcut (list, "<Shift>Tab", "events.leave-list");
  g_assert_nonnull (tab);
  g_assert_false (g_variant_get_boolean (gtk_shortcut_get_arguments (tab)));
  g_assert_nonnull (back);
  g_assert_true (g_variant_get_boolean (gtk_shortcut_get_arguments (back)));

  /* on a row, Tab goes past the list, and Shift+Tab back into it */
  g_assert_true (gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_in (window, list));
  g_assert_true (gtk_widget_activate_action (list, "events.leave-list", "b", FALSE));
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (window)));
  g_assert_false (focus_in (window, list));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (focus_in (window, list));
  g_assert_true (gtk_widget_activate_action (list, "events.leave-list", "b", TRUE));
  g_assert_false (focus_in (window, list));
  g_assert_true (gtk_widget_get_can_focus (list));

  close_window (window);
}

static void
test_window_keyboard_and_play (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapTimeline *timeline = chronomap_window_get_timeline (window);
  ChronomapViewModel *model = chronomap_window_get_model (window);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  gint32 first = 0, last = 0;
  gint64 start;

  chronomap_event_store_get_range (chronomap_window_get_store (window), &first, &last);
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2017, 10, 1),
                                    chronomap_date_from_ymd (2017, 10, 31));
  gtk_widget_grab_focus (GTK_WIDGET (timeline));

  /* The actions the keys are bound to: Right, Shift+Left, Home. */
  gt_signal_logger_connect (logger, timeline, "notify::from");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.step", "i", 1));
  gt_signal_logger_assert_notify_emission_pop (logger, timeline, "from");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (chronomap_view_model_get_from (model), ==, chronomap_date_from_ymd (2017, 11, 1));
  g_assert_cmpint (chronomap_view_model_get_to (model), ==, chronomap_date_from_ymd (2017, 11, 30));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.step", "i", -10));
  gt_signal_logger_assert_notify_emission_pop (logger, timeline, "from");
  g_assert_cmpint (chronomap_view_model_get_from (model), ==, chronomap_date_from_ymd (2017, 1, 1));
  g_assert_cmpint (chronomap_view_model_get_to (model), ==, chronomap_date_from_ymd (2017, 1, 31));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.home", NULL));
  gt_signal_logger_assert_notify_emission_pop (logger, timeline, "from");
  g_assert_cmpint (chronomap_view_model_get_from (model), ==, first);
  gt_signal_logger_assert_no_emissions (logger);

  /* Playback moves the window by the speed on the frame clock. */
  chronomap_timeline_set_speed (timeline, 30.0);
  gt_signal_logger_connect (logger, timeline, "notify::playing");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.play", NULL));
  gt_signal_logger_assert_notify_emission_pop (logger, timeline, "playing");
  g_assert_true (chronomap_timeline_get_playing (timeline));

  start = g_get_monotonic_time ();
  while (chronomap_view_model_get_from (model) < first + 5 && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (chronomap_view_model_get_from (model), >=, first + 5);
  g_assert_cmpint (chronomap_view_model_get_from (model), <, last);

  chronomap_timeline_set_playing (timeline, FALSE);
  g_assert_false (chronomap_timeline_get_playing (timeline));

  /* Without the frame clock, advance() is what each frame does. */
  {
    gint32 from = chronomap_view_model_get_from (model);

    chronomap_timeline_advance (timeline, 0.5);
    g_assert_cmpint (chronomap_view_model_get_from (model), ==, from + 15);
  }

  /* A pace picked from its list hands the keys to Play, so that Space
   * plays at it rather than opening the list again; a pace set while the
   * keys are elsewhere leaves them there. */
  {
    GtkDropDown *pace = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                      "speed_dropdown"));
    GtkWidget *play = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                 "play_button"));

    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (pace), GTK_DIR_TAB_FORWARD));
    g_assert_true (focus_in (window, GTK_WIDGET (pace)));
    gtk_drop_down_set_selected (pace, 4);
    drain (window);
    g_assert_cmpfloat (chronomap_timeline_get_speed (timeline), ==, 365.25);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == play);

    gtk_widget_grab_focus (GTK_WIDGET (timeline));
    gtk_drop_down_set_selected (pace, 1);
    drain (window);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (timeline));
  }

  close_window (window);
}

/* For the search bar's test: the sample has 17 events, 8 at Baghouz. */
static gboolean
filtered (gpointer layer)
{
  guint n = chronomap_event_layer_get_n_visible (layer);

  return n > 0 && n < 17;
}

static gboolean
unfiltered (gpointer layer)
{
  return chronomap_event_layer_get_n_visible (layer) == 17;
}

static void
test_window_filter (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventStore *store = chronomap_window_get_store (window);
  ChronomapEventLayer *layer = chronomap_window_get_event_layer (window);
  ChronomapViewModel *model = chronomap_window_get_model (window);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) shown = NULL;
  gint32 first = 0, last = 0;
  guint n = 0;
  const ChronomapEvent *events = chronomap_event_store_get_events (store, &n);

  /* Everything, then "baghouz" (any case) narrows map and list alike. */
  chronomap_event_store_get_range (store, &first, &last);
  chronomap_window_set_time_window (window, first, last);
  for (guint32 i = 0; i < n; i++)
    if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].location), "Baghouz") == 0)
      g_array_append_val (expected, i);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (expected->len, <, n);

  /* an event picked elsewhere is let go when the search hides it */
  for (guint32 i = 0; i < n; i++)
    if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].location), "Baghouz") != 0)
      {
        chronomap_view_model_set_selected (model, i);
        break;
      }
  g_assert_cmpint (chronomap_view_model_get_selected (model), >=, 0);

  gt_signal_logger_connect (logger, model, "visible-changed");
  gt_signal_logger_connect (logger, layer, "notify::mask");
  chronomap_view_model_set_search (model, "bAGHOUZ");
  gt_signal_logger_assert_notify_emission_pop (logger, layer, "mask");
  gt_signal_logger_assert_emission_pop (logger, model, "visible-changed", NULL);
  gt_signal_logger_assert_no_emissions (logger);

  assert_same_set (g_array_copy (expected), chronomap_event_layer_get_visible (layer));
  drain (window);
  shown = list_indices (window);
  assert_same_set (g_array_copy (expected), shown);
  g_assert_cmpuint (chronomap_view_model_get_n_filtered (model), ==, expected->len);
  g_assert_cmpint (chronomap_view_model_get_selected (model), ==, -1);
  /* one it shows stays picked, until the time window leaves it */
  chronomap_view_model_set_selected (model, g_array_index (expected, guint32, 0));
  chronomap_window_set_time_window (window, first - 400, first - 300);
  g_assert_cmpint (chronomap_view_model_get_selected (model), ==, -1);
  chronomap_window_set_time_window (window, first, last);
  /* and the timeline's histogram counts only those: when they happened */
  g_assert_cmpuint (chronomap_timeline_get_count (chronomap_window_get_timeline (window), first, last),
                    ==, expected->len);

  /* Words are looked for each on its own, in any of the fields: the
   * coalition's strikes at Baghouz, whatever the spaces. */
  {
    guint n_both = 0;

    for (guint32 i = 0; i < n; i++)
      {
        const char *a1 = chronomap_event_store_get_string (store, events[i].actor1);
        const char *a2 = chronomap_event_store_get_string (store, events[i].actor2);

        if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].location), "Baghouz") == 0 &&
            ((a1 != NULL && strstr (a1, "Coalition") != NULL) ||
             (a2 != NULL && strstr (a2, "Coalition") != NULL)))
          n_both++;
      }
    g_assert_cmpuint (n_both, >, 0);
    chronomap_view_model_set_search (model, "  baghouz   COALITION ");
    g_assert_cmpuint (chronomap_view_model_get_n_filtered (model), ==, n_both);
  }

  /* An acronym finds the name it stands for, as reports write it: "SDF"
   * the Syrian Democratic Forces, "MFF" the Military Forces of France;
   * two letters only a name of two words ("SA" the Syrian Army, not the
   * Syrian Democratic Forces' "sd…") */
  {
    static const struct { const char *search, *actor; } acronyms[] = {
      { "SDF", "Syrian Democratic Forces" }, { "mff", "Military Forces of France" }, { "SA", "Syrian Army" },
    };

    for (guint k = 0; k < G_N_ELEMENTS (acronyms); k++)
      {
        guint n_actor = 0;

        for (guint32 i = 0; i < n; i++)
          if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].actor1), acronyms[k].actor) == 0 ||
              g_strcmp0 (chronomap_event_store_get_string (store, events[i].actor2), acronyms[k].actor) == 0)
            n_actor++;
        g_assert_cmpuint (n_actor, >, 0);
        chronomap_view_model_set_search (model, acronyms[k].search);
        g_test_message ("%s: %u events of %s, %u found", acronyms[k].search, n_actor, acronyms[k].actor,
                        chronomap_view_model_get_n_filtered (model));
        g_assert_cmpuint (chronomap_view_model_get_n_filtered (model), ==, n_actor);
      }
  }

  /* Hiding every type leaves nothing; clearing both brings all back. */
  chronomap_view_model_set_search (model, NULL);
  chronomap_view_model_set_hidden_types (model, G_MAXUINT);
  g_assert_cmpuint (chronomap_event_layer_get_n_visible (layer), ==, 0);
  g_assert_cmpuint (chronomap_timeline_get_count (chronomap_window_get_timeline (window), first, last),
                    ==, 0);
  chronomap_view_model_set_hidden_types (model, 0);
  g_assert_cmpuint (chronomap_event_layer_get_n_visible (layer), ==, n);
  g_assert_cmpuint (chronomap_timeline_get_count (chronomap_window_get_timeline (window), first, last),
                    ==, n);

  /* The search bar as in other GNOME apps: Ctrl+F opens it, and Escape
   * in its entry (its stop-search signal) closes it and clears the
   * search, which brings every event back. */
  {
    GtkSearchBar *bar = GTK_SEARCH_BAR (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                       CHRONOMAP_TYPE_WINDOW,
                                                                       "search_bar"));
    GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                  CHRONOMAP_TYPE_WINDOW,
                                                                  "search_entry"));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
    g_assert_true (gtk_search_bar_get_search_mode (bar));
    gtk_editable_set_text (GTK_EDITABLE (entry), "baghouz");
    g_assert_true (chronomap_test_wait_until (filtered, layer, 10));
    g_signal_emit_by_name (entry, "stop-search");
    g_assert_false (gtk_search_bar_get_search_mode (bar));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    g_assert_true (chronomap_test_wait_until (unfiltered, layer, 10));
    g_assert_cmpuint (chronomap_event_layer_get_n_visible (layer), ==, n);
  }

  close_window (window);
}

static gboolean
not_busy (gpointer window)
{
  return !chronomap_window_get_busy (window);
}

/* Names the gazetteer lacks, and names placed only by a guess, are
 * listed for the analyst: the banner over the map says how many of each. */
/* How many labels under @widget end with @suffix. */
static guint
count_labels (GtkWidget  *widget,
              const char *suffix)
{
  guint n = GTK_IS_LABEL (widget) &&
            g_str_has_suffix (gtk_label_get_label (GTK_LABEL (widget)), suffix) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, suffix);
  return n;
}

static void
test_window_places_to_check (void)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (),
    "INSERT INTO events (date_start, event_type, location, country) VALUES "
    "('2019-03-18', 'Battles', 'Raqqa', 'SY'), ('2019-03-19', 'Battles', 'Baghouz', 'SY'),"
    "('2019-03-19', 'Battles', 'Sur village', 'SY'),"
    "('2019-03-20', 'Battles', 'Qwxzq Zzqx', 'SY'), ('2019-03-21', 'Battles', 'Qwxzq Zzqx', 'SY');"
    "INSERT INTO events (date_start, event_type, location, country, latitude, longitude) VALUES "
    "('2019-03-22', 'Battles', 'Jazal field', 'SY', 34.80, 38.05);"
    "INSERT INTO events (date_start, event_type, location, country, latitude, longitude, geo_source) "
    "VALUES ('2019-03-23', 'Battles', 'Ar Raqqah city', 'SY', 35.95, 39.01, 'geonames:172955');"
    /* UCDP joins its sources' headlines and offices with ';' */
    "INSERT INTO sources (id, title, publisher, published) VALUES (7, 'Clashes in Raqqa;Strikes near Tabqa\n\nAU \t\nA. Writer', 'SOHR;AFP', '2019-03-23');"
    "UPDATE events SET source_id = 7 WHERE location = 'Ar Raqqah city';"
    /* a foreign file's title cut inside a character (the sanitizers
     * watch the details read it) */
    "INSERT INTO sources (id, title, publisher) VALUES (8, CAST (X'61623BF0' AS TEXT), 'x');"
    "UPDATE events SET source_id = 8 WHERE location = 'Jazal field';",
    NULL);
  g_autofree char *path = chronomap_test_make_db ("check.sqlite", sql);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, "default-width", 1280,
                                          "default-height", 800, NULL);
  const char *banner;

  gtk_window_present (GTK_WINDOW (window));
  chronomap_window_open (window, file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  drain (window);

  /* no Sur in Syria: the city in Oman is a guess; Qwxzq Zzqx is nowhere */
  g_assert_cmpuint (chronomap_window_get_n_unresolved (window), ==, 1);
  g_assert_cmpuint (chronomap_window_get_n_guessed (window), ==, 1);
  /* "Jazal field" is found nowhere either, but the file places its event
   * itself: nothing there to check */
  banner = chronomap_window_get_banner_text (window);
  g_assert_nonnull (banner);
  g_assert_cmpstr (banner, ==,
                   "2 places need checking: 1 not found, 1 placed by a guess; 2 events are not on the map");
  /* the list's rows of the two events nowhere say so */
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 18),
                                    chronomap_date_from_ymd (2019, 3, 23));
  drain (window);
  g_assert_cmpuint (count_labels (GTK_WIDGET (chronomap_test_events_panel_child (GTK_WINDOW (window), "event_list")),
                                  " · not on the map"), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unresolved", NULL));
  drain (window);

  /* The details say where an event's point came from: the file's own
   * coordinates, or the gazetteer entry extraction placed it at. */
  {
    ChronomapEventStore *store = chronomap_window_get_store (window);
    GtkLabel *details_place = GTK_LABEL (chronomap_test_details_child (GTK_WINDOW (window), "place"));
    guint n = 0;
    const ChronomapEvent *events = chronomap_event_store_get_events (store, &n);

    for (guint i = 0; i < n; i++)
      {
        const char *name = chronomap_event_store_get_string (store, events[i].location);

        if (g_strcmp0 (name, "Jazal field") != 0 && g_strcmp0 (name, "Ar Raqqah city") != 0)
          continue;
        chronomap_view_model_set_selected (chronomap_window_get_model (window), i);
        drain (window);
        g_assert_nonnull (strstr (gtk_label_get_label (details_place),
                                  g_strcmp0 (name, "Jazal field") == 0 ? "coordinates from the file"
                                                                       : "placed by the gazetteer, saved"));
        /* a source's headlines and offices read as one spaced line */
        if (g_strcmp0 (name, "Ar Raqqah city") == 0)
          {
            GtkLabel *details_source = GTK_LABEL (chronomap_test_details_child (GTK_WINDOW (window),
                                                                                "source"));
            const char *text = gtk_label_get_text (details_source);

            g_assert_nonnull (strstr (text, "Clashes in Raqqa; Strikes near Tabqa AU A. Writer"));
            g_assert_nonnull (strstr (text, "SOHR; AFP"));
            /* its date written as the event's is, not as stored */
            g_assert_nonnull (strstr (text, "23 Mar 2019"));
            g_assert_null (strstr (text, "2019-03-23"));
          }
      }
    chronomap_view_model_set_selected (chronomap_window_get_model (window), -1);
  }

  /* a row of the dialog opens its place's first event, and closes it */
  {
    ChronomapEventStore *store = chronomap_window_get_store (window);
    GtkWidget *dialog = chronomap_test_find_dialog (GTK_WINDOW (window));
    GtkWidget *row;
    const ChronomapEvent *events;
    guint n = 0;
    int selected;

    g_assert_nonnull (dialog);
    row = chronomap_test_find_row (dialog, "Qwxzq Zzqx");
    g_assert_nonnull (row);
    g_signal_emit_by_name (row, "activated");
    drain (window);
    selected = chronomap_view_model_get_selected (chronomap_window_get_model (window));
    g_assert_cmpint (selected, >=, 0);
    events = chronomap_event_store_get_events (store, &n);
    g_assert_cmpstr (chronomap_event_store_get_string (store, events[selected].location), ==, "Qwxzq Zzqx");
    g_assert_null (chronomap_test_find_dialog (GTK_WINDOW (window)));
  }

  /* The guess, taken off the map from its event's details: the last of
   * the places offered is "Not on the map". */
  {
    ChronomapEventStore *store = chronomap_window_get_store (window);
    ChronomapEventLayer *layer = chronomap_window_get_event_layer (window);
    GtkDropDown *candidates = GTK_DROP_DOWN (chronomap_test_details_child (GTK_WINDOW (window),
                                                                           "candidates_dropdown"));
    guint n = 0, placed = chronomap_event_layer_get_n_placed (layer);
    const ChronomapEvent *events = chronomap_event_store_get_events (store, &n);
    int sur = -1;

    for (guint i = 0; i < n && sur < 0; i++)
      if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].location), "Sur village") == 0)
        sur = i;
    g_assert_cmpint (sur, >=, 0);
    /* the map draws the guess as one (a pale disc with a broken edge),
     * and the sure places as sure */
    g_assert_true (events[sur].guessed);
    for (guint i = 0; i < n; i++)
      if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].location), "Raqqa") == 0)
        g_assert_false (events[i].guessed);
    chronomap_view_model_set_selected (chronomap_window_get_model (window), sur);
    drain (window);
    g_assert_true (gtk_widget_is_visible (GTK_WIDGET (candidates)));
    /* the events panel keeps its width with the places offered: it took
     * half the window once */
    {
      AdwFlap *flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                               "flap"));

      g_assert_false (gtk_widget_compute_expand (adw_flap_get_flap (flap), GTK_ORIENTATION_HORIZONTAL));
    }
    gtk_drop_down_set_selected (candidates, g_list_model_get_n_items (gtk_drop_down_get_model (candidates)) - 1);
    drain (window);

    g_assert_cmpuint (chronomap_window_get_n_guessed (window), ==, 0);
    g_assert_cmpuint (chronomap_window_get_n_unresolved (window), ==, 1);
    g_assert_cmpuint (chronomap_event_layer_get_n_placed (layer), ==, placed - 1);
    g_assert_true (isnan (chronomap_event_store_get_events (store, &n)[sur].latitude));
  }

  /* The place found nowhere, found by hand in its event's details: its
   * coordinates typed in Find the Place, it is on the map, for sure */
  {
    ChronomapEventStore *store = chronomap_window_get_store (window);
    ChronomapEventLayer *layer = chronomap_window_get_event_layer (window);
    ChronomapPlaceSearch *search = CHRONOMAP_PLACE_SEARCH (chronomap_test_details_child (GTK_WINDOW (window),
                                                                                         "place_search"));
    GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (search),
                                                                  CHRONOMAP_TYPE_PLACE_SEARCH, "entry"));
    guint n = 0, placed = chronomap_event_layer_get_n_placed (layer);
    const ChronomapEvent *events = chronomap_event_store_get_events (store, &n);
    int lost = -1;

    for (guint i = 0; i < n && lost < 0; i++)
      if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].location), "Qwxzq Zzqx") == 0)
        lost = i;
    g_assert_cmpint (lost, >=, 0);
    chronomap_view_model_set_selected (chronomap_window_get_model (window), lost);
    drain (window);
    gtk_menu_button_popup (GTK_MENU_BUTTON (chronomap_test_details_child (GTK_WINDOW (window),
                                                                          "search_button")));
    drain (window);
    gtk_editable_set_text (GTK_EDITABLE (entry), "35.95, 39.01");
    g_signal_emit_by_name (entry, "search-changed");
    g_assert_cmpuint (chronomap_place_search_get_n_found (search), ==, 1);
    chronomap_place_search_pick (search, 0);
    drain (window);

    g_assert_cmpuint (chronomap_window_get_n_unresolved (window), ==, 0);
    g_assert_cmpuint (chronomap_event_layer_get_n_placed (layer), ==, placed + 2);
    events = chronomap_event_store_get_events (store, &n);
    g_assert_cmpfloat_with_epsilon (events[lost].latitude, 35.95, 1e-5);
    g_assert_cmpfloat_with_epsilon (events[lost].longitude, 39.01, 1e-5);
    g_assert_false (events[lost].guessed);
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (chronomap_test_details_child (GTK_WINDOW (window),
                                                                                          "place"))),
                              "35.95000° N, 39.01000° E\u2069, as you placed it"));
    /* said, with a way back */
    g_assert_cmpstr (chronomap_window_get_last_toast (window), ==,
                     "“\u2068Qwxzq Zzqx\u2069”: 2 events placed at \u206835.95000° N, 39.01000° E\u2069");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-place", NULL));
    drain (window);
    g_assert_cmpuint (chronomap_window_get_n_unresolved (window), ==, 1);
    g_assert_cmpuint (chronomap_event_layer_get_n_placed (layer), ==, placed);
    g_assert_true (isnan (chronomap_event_store_get_events (store, &n)[lost].latitude));
    /* Undo once: nothing more to undo */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-place", NULL));
    drain (window);
    g_assert_cmpuint (chronomap_window_get_n_unresolved (window), ==, 1);
  }
  close_window (window);
}

static void
test_window_bad_file (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventStore *store = chronomap_window_get_store (window);
  g_autofree char *path = chronomap_test_tmp_path ("not-events.sqlite");
  g_autoptr(GFile) file = NULL;

  g_assert_true (g_file_set_contents (path, "this is not a database", -1, NULL));
  file = g_file_new_for_path (path);

  /* A file that can't be opened leaves the previous one open. */
  chronomap_window_open (window, file);
  g_assert_true (chronomap_test_wait_until (not_busy, window, 30));
  drain (window);
  g_assert_true (chronomap_window_get_store (window) == store);
  g_assert_cmpuint (chronomap_event_layer_get_n_placed (chronomap_window_get_event_layer (window)), ==,
                    chronomap_event_store_get_n_events (store));
  close_window (window);

  /* The first file failing, there are no events to play, search, list or
   * export; the timeline's place says so, with a way to open one. */
  {
    ChronomapWindow *empty = g_object_new (CHRONOMAP_TYPE_WINDOW, "default-width", 1280,
                                           "default-height", 800, NULL);
    GtkWidget *controls = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (empty),
                                                                     CHRONOMAP_TYPE_WINDOW,
                                                                     "controls"));
    GtkWidget *no_events = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (empty),
                                                                      CHRONOMAP_TYPE_WINDOW,
                                                                      "no_events_box"));

    gtk_window_present (GTK_WINDOW (empty));
    chronomap_window_open (empty, file);
    g_assert_false (gtk_widget_get_visible (no_events));
    g_assert_true (chronomap_test_wait_until (not_busy, empty, 30));
    drain (empty);
    g_assert_null (chronomap_window_get_store (empty));
    g_assert_false (gtk_widget_get_sensitive (controls));
    g_assert_true (gtk_widget_get_visible (no_events));
    gtk_widget_activate_action (GTK_WIDGET (empty), "win.search", NULL);
    g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (
      gtk_widget_get_template_child (GTK_WIDGET (empty), CHRONOMAP_TYPE_WINDOW, "search_bar"))));
    close_window (empty);
  }
}

/* The legend can be put away from the menu, and comes back: on a small
 * screen it covers much of the map. */
static void
test_window_legend (void)
{
  ChronomapWindow *window = open_sample ();
  GtkWidget *legend = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                 "legend_box"));

  g_assert_true (gtk_widget_get_visible (legend));
  /* under the types, what the marks' looks say, each with a mark; the
   * sample has several types, so some marks are cut in slices */
  {
    const char * const keys[] = {
      "Larger: more deaths", "Faded: older", "Slices: several types", "Ring: approximate place",
      "Broken edge: a guess",
    };
    guint k = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (legend); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        GtkWidget *mark = gtk_widget_get_first_child (row);
        GtkWidget *label = mark != NULL ? gtk_widget_get_next_sibling (mark) : NULL;

        if (GTK_IS_DRAWING_AREA (mark) && GTK_IS_LABEL (label))
          {
            g_assert_cmpuint (k, <, G_N_ELEMENTS (keys));
            g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, keys[k]);
            g_assert_cmpint (gtk_widget_get_width (mark), >, 0);
            k++;
          }
      }
    g_assert_cmpuint (k, ==, G_N_ELEMENTS (keys));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.legend", NULL));
  g_assert_false (gtk_widget_get_visible (legend));
  /* a file opened after stays without it */
  {
    g_autofree char *sample = chronomap_test_sample_path ();
    g_autoptr(GFile) file = g_file_new_for_path (sample);

    chronomap_window_open (window, file);
    g_assert_true (chronomap_test_wait_until (loaded, window, 120));
    drain (window);
    g_assert_false (gtk_widget_get_visible (legend));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.legend", NULL));
  g_assert_true (gtk_widget_get_visible (legend));

  /* A type unticked under Event Types leaves the legend, and the button
   * says that some are hidden; ticked again, all is as before. */
  {
    GtkWidget *types = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                  CHRONOMAP_TYPE_WINDOW,
                                                                  "types_box"));
    GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                            CHRONOMAP_TYPE_WINDOW,
                                                                            "types_button"));
    GtkCheckButton *first = GTK_CHECK_BUTTON (gtk_widget_get_first_child (types));
    const char *type = gtk_check_button_get_label (first);
    guint n_rows = 0, n_shown = 0;

    gtk_check_button_set_active (first, FALSE);
    for (GtkWidget *row = gtk_widget_get_first_child (legend); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (GTK_IS_LABEL (row) && strstr (gtk_label_get_text (GTK_LABEL (row)), type) != NULL)
        {
          n_rows++;
          n_shown += gtk_widget_get_visible (row);
        }
    g_assert_cmpuint (n_rows, ==, 1);
    g_assert_cmpuint (n_shown, ==, 0);
    g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Event Types (3 of 4)");
    gtk_check_button_set_active (first, TRUE);
    g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Event Types");

    /* Closing the filter bar (Escape) clears the types it hid, as it
     * clears its text: nothing stays hidden with no bar to say so. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
    gtk_check_button_set_active (first, FALSE);
    g_assert_cmpuint (chronomap_view_model_get_hidden_types (chronomap_window_get_model (window)),
                      !=, 0);
    g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                          "search_entry"), "stop-search");
    g_assert_true (gtk_check_button_get_active (first));
    g_assert_cmpuint (chronomap_view_model_get_hidden_types (chronomap_window_get_model (window)),
                      ==, 0);
    g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Event Types");
    for (GtkWidget *row = gtk_widget_get_first_child (legend); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (GTK_IS_LABEL (row) && strstr (gtk_label_get_text (GTK_LABEL (row)), type) != NULL)
        g_assert_true (gtk_widget_get_visible (row));
  }
  close_window (window);
}

/* The counter as shown: its words, or where they don't fit its figures. */
static GtkLabel *
shown_counter (ChronomapWindow *window)
{
  GtkWidget *squeezer = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                   CHRONOMAP_TYPE_WINDOW,
                                                                   "count_squeezer"));

  return GTK_LABEL (adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer)));
}

/* A map narrowed by the panel beside it, in a window of a common laptop
 * width, on a file of thousands of events: the counter says what it
 * can whole, in words or in figures, never "89 …"; with the panel put
 * away, in words. */
static void
test_window_counter_beside_panel (void)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (),
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 8409) "
    "INSERT INTO events (date_start, event_type, location, latitude, longitude) "
    "SELECT date('2016-01-01', '+' || (i % 1400) || ' days'), 'Battles', 'Here', "
    "35 + (i % 7) * 0.1, 38 + (i % 11) * 0.1 FROM n;",
    NULL);
  g_autofree char *path = chronomap_test_make_db ("counter.sqlite", sql);
  ChronomapWindow *window = open_path (path);
  GtkLabel *count;

  drain (window);
  /* the panel beside the map from the second picture on */
  for (int k = 0; k < 9; k++)
    {
      int width = k == 0 ? 1000 : 550 + 75 * k;

      if (k == 1)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar", NULL));
      gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
      drain (window);
      count = shown_counter (window);
      g_test_message ("%d px wide%s: counter “%s”", gtk_widget_get_width (GTK_WIDGET (window)),
                      k > 0 ? ", with the panel" : "", gtk_label_get_text (count));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (count)));
      /* as wide as it asks: the words are never cut */
      {
        int natural;

        gtk_widget_measure (GTK_WIDGET (count), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL,
                            NULL);
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (count)), >=, natural);
      }
      /* the words of its tooltip, or the figures: "186/8410" */
      if (g_strcmp0 (gtk_label_get_text (count),
                     gtk_widget_get_tooltip_text (gtk_widget_get_parent (GTK_WIDGET (count)))) != 0)
        g_assert_true (strchr (gtk_label_get_text (count), '/') != NULL &&
                       g_str_has_suffix (gtk_label_get_text (count), "410"));
    }
  /* without the panel: room for the words */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar", NULL));
  drain (window);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (shown_counter (window)), " events"));
  close_window (window);
}

/* In the narrowest window the time window's caption stays whole; the
 * counter gives way, and says itself in full in a tooltip. */
static void
test_window_narrow (void)
{
  ChronomapWindow *window = open_sample ();
  GtkLabel *caption = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                "window_label"));
  GtkLabel *count;

  gtk_window_set_default_size (GTK_WINDOW (window), 100, 600);
  drain (window);
  count = shown_counter (window);
  g_test_message ("narrowest window: %d px; caption “%s”, counter “%s”",
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_label_get_text (caption),
                  gtk_label_get_text (count));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <, 700);
  g_assert_cmpstr (gtk_label_get_text (caption), ==, "March 2019");
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (caption)));
  /* a range of days, on two lines rather than cut */
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2017, 10, 18),
                                    chronomap_date_from_ymd (2017, 11, 17));
  drain (window);
  g_test_message ("caption “%s”, %d lines", gtk_label_get_text (caption),
                  pango_layout_get_line_count (gtk_label_get_layout (caption)));
  g_assert_cmpstr (gtk_label_get_text (caption), ==, "18 Oct 2017 – 17 Nov 2017");
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (caption)));
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  drain (window);
  /* the counter's figures, whole; its words in its tooltip */
  count = shown_counter (window);
  g_assert_cmpstr (gtk_label_get_text (count), ==, "8/17");
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (count)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (gtk_widget_get_parent (GTK_WIDGET (count))), ==,
                   "8 of 17 events");

  /* an event picked there shows its details, over the map */
  {
    AdwFlap *flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                             "flap"));

    ChronomapEventStore *store = chronomap_window_get_store (window);
    guint n = 0;
    const ChronomapEvent *events = chronomap_event_store_get_events (store, &n);
    int baghouz = -1;

    for (guint i = 0; i < n && baghouz < 0; i++)
      if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].location), "Baghouz") == 0)
        baghouz = (int) i;
    g_assert_cmpint (baghouz, >=, 0);
    g_assert_true (adw_flap_get_folded (flap));
    g_assert_false (adw_flap_get_reveal_flap (flap));
    chronomap_view_model_set_selected (chronomap_window_get_model (window), baghouz);
    g_assert_true (adw_flap_get_reveal_flap (flap));
    /* and Esc puts it away */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.escape", NULL));
    g_assert_false (adw_flap_get_reveal_flap (flap));
  }
  close_window (window);
}

static gboolean
widget_shown (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static gboolean
widget_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

/* When the map is moved away from every event of the time window, or
 * some of them, a button says so, and it (or Ctrl+0) brings them back
 * into sight. */
static void
test_window_out_of_sight (void)
{
  ChronomapWindow *window = open_sample ();
  ShumateViewport *viewport = shumate_simple_map_get_viewport (
    SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map")));
  GtkButton *button = GTK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                 "out_of_view_button"));

  chronomap_test_spin (1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  /* the Atlantic, far from the 8 events of March 2019 */
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 30.0, -40.0);
  g_assert_true (chronomap_test_wait_until (widget_shown, button, 10));
  g_assert_cmpstr (gtk_button_get_label (button), ==, "8 events out of sight: show them");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fit-events", NULL));
  g_assert_true (chronomap_test_wait_until (widget_hidden, button, 10));
  g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - 40.9), <, 3);

  /* November 2015 on the map of Syria: Raqqa in sight, Paris not; the
   * map does not pass for all of the month's events */
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2015, 11, 1),
                                    chronomap_date_from_ymd (2015, 11, 30));
  shumate_viewport_set_zoom_level (viewport, 6);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 35.9, 39.0);
  g_assert_true (chronomap_test_wait_until (widget_shown, button, 10));
  g_assert_cmpstr (gtk_button_get_label (button), ==, "1 of 2 events out of sight: show all");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fit-events", NULL));
  g_assert_true (chronomap_test_wait_until (widget_hidden, button, 10));
  close_window (window);
}

/* Presses @trigger ("Right", "<Shift>Left") as the shortcuts around the
 * window's content, or the window's own, take it: the key a focused
 * widget lets through, before the search bar would take it to type. */
static gboolean
press_window_key (ChronomapWindow *window,
                  const char      *trigger)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkWidget *widget = content;
  g_autoptr(GtkShortcut) shortcut = find_shortcut (content, trigger, NULL);

  if (shortcut == NULL)
    {
      widget = GTK_WIDGET (window);
      shortcut = find_shortcut (widget, trigger, NULL);
    }
  g_assert_nonnull (shortcut);
  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                       widget, gtk_shortcut_get_arguments (shortcut));
}

typedef struct
{
  ShumateViewport *viewport;
  double           level;
} Zoom;

/* Whether the map has come to the zoom level wanted (it moves there). */
static gboolean
zoomed_to (gpointer data)
{
  Zoom *wanted = data;

  return fabs (shumate_viewport_get_zoom_level (wanted->viewport) - wanted->level) < 0.01;
}

/* The timeline's keys work with the focus elsewhere (the map clicked, a
 * button pressed): Right steps, Shift+Left goes ten back, Home and End
 * to the ends, Space plays; and + and - zoom the map, a level at a time
 * as its buttons do, which wait at its nearest and farthest levels. */
static void
test_window_keys_anywhere (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapTimeline *timeline = chronomap_window_get_timeline (window);
  ChronomapViewModel *model = chronomap_window_get_model (window);
  GtkWidget *map = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                              "map"));
  gint32 first = 0, last = 0;

  chronomap_event_store_get_range (chronomap_window_get_store (window), &first, &last);
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2017, 10, 1),
                                    chronomap_date_from_ymd (2017, 10, 31));
  /* the map takes the focus when clicked */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (shumate_simple_map_get_map (SHUMATE_SIMPLE_MAP (map)))));
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (timeline)));

  g_assert_true (press_window_key (window, "Right"));
  g_assert_cmpint (chronomap_view_model_get_from (model), ==, chronomap_date_from_ymd (2017, 11, 1));
  g_assert_true (press_window_key (window, "<Shift>Left"));
  g_assert_cmpint (chronomap_view_model_get_from (model), ==, chronomap_date_from_ymd (2017, 1, 1));
  g_assert_true (press_window_key (window, "End"));
  g_assert_cmpint (chronomap_view_model_get_to (model), >=, last);
  g_assert_true (press_window_key (window, "Home"));
  g_assert_cmpint (chronomap_view_model_get_from (model), ==, first);
  g_assert_true (press_window_key (window, "space"));
  g_assert_true (chronomap_timeline_get_playing (timeline));
  g_assert_true (press_window_key (window, "space"));
  g_assert_false (chronomap_timeline_get_playing (timeline));

  /* + and - zoom the map, a level at a time; the search stays shut */
  {
    ShumateViewport *viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (map));
    GtkSearchBar *search = GTK_SEARCH_BAR (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                          CHRONOMAP_TYPE_WINDOW, "search_bar"));
    Zoom wanted = { viewport, round (shumate_viewport_get_zoom_level (viewport)) };

    shumate_viewport_set_zoom_level (viewport, wanted.level);
    g_assert_true (press_window_key (window, "plus"));
    wanted.level += 1;
    g_assert_true (chronomap_test_wait_until (zoomed_to, &wanted, 10));
    g_assert_true (press_window_key (window, "<Control>minus"));
    wanted.level -= 1;
    g_assert_true (chronomap_test_wait_until (zoomed_to, &wanted, 10));
    g_assert_false (gtk_search_bar_get_search_mode (search));

    /* Ctrl and the arrows move the map a quarter of its size, the time
     * window staying where it is */
    {
      double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
      double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      gint32 from = chronomap_view_model_get_from (model);

      g_assert_true (press_window_key (window, "<Control>Right"));
      chronomap_test_spin (1);
      g_test_message ("Ctrl+Right: longitude %.3f to %.3f", lon,
                      shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
      g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, lon + 0.5);
      g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), lat, 0.01);
      g_assert_true (press_window_key (window, "<Control>Up"));
      chronomap_test_spin (1);
      g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), >, lat + 0.5);
      g_assert_cmpint (chronomap_view_model_get_from (model), ==, from);
    }

    /* the buttons over the map do the same, and wait at the last level */
    {
      GtkWidget *box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                  "zoom_box"));
      GtkWidget *in = gtk_widget_get_first_child (box);
      GtkWidget *out = gtk_widget_get_next_sibling (in);

      g_assert_true (gtk_widget_get_sensitive (in) && gtk_widget_get_sensitive (out));
      g_signal_emit_by_name (in, "clicked");
      wanted.level += 1;
      g_assert_true (chronomap_test_wait_until (zoomed_to, &wanted, 10));
      /* a level at a time, as a person would (at once, the cairo
       * renderer is asked to scale the tiles shown meanwhile 512 times) */
      while (gtk_widget_get_sensitive (in))
        {
          g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <,
                             shumate_viewport_get_max_zoom_level (viewport));
          g_signal_emit_by_name (in, "clicked");
          drain (window);
        }
      g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==,
                         shumate_viewport_get_max_zoom_level (viewport));
      g_assert_false (gtk_widget_get_sensitive (in));
      g_assert_true (gtk_widget_get_sensitive (out));
      /* "+" there is taken, not typed into a search */
      g_assert_true (press_window_key (window, "plus"));
      g_assert_false (gtk_search_bar_get_search_mode (search));
      while (gtk_widget_get_sensitive (out))
        {
          g_signal_emit_by_name (out, "clicked");
          drain (window);
        }
      g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==,
                         shumate_viewport_get_min_zoom_level (viewport));
      g_assert_true (gtk_widget_get_sensitive (in));
    }
  }
  close_window (window);
}

/* "Go to a date" takes a date as people write it, and says what is
 * wrong with one that is not. */
static void
test_window_go_to_date (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapViewModel *model = chronomap_window_get_model (window);
  GtkEditable *entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                    "jump_entry"));
  GtkLabel *hint = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                             "jump_hint"));

  gtk_editable_set_text (entry, "march 2017");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (chronomap_view_model_get_from (model), ==, chronomap_date_from_ymd (2017, 3, 1));
  g_assert_cmpint (chronomap_view_model_get_to (model), ==, chronomap_date_from_ymd (2017, 3, 31));

  gtk_editable_set_text (entry, "2019-02-30");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpstr (gtk_label_get_label (hint), ==, "“2019-02-30” is not a date: February 2019 has 28 days");
  g_assert_cmpint (chronomap_view_model_get_from (model), ==, chronomap_date_from_ymd (2017, 3, 1));

  gtk_editable_set_text (entry, "Raqqa");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (gtk_label_get_label (hint), ==, "“Raqqa” is not a date");

  gtk_editable_set_text (entry, "24 March 2019");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpint (chronomap_view_model_get_from (model), ==, chronomap_date_from_ymd (2019, 3, 24));
  close_window (window);
}

static gboolean
revealer_closed (gpointer revealer)
{
  return !gtk_revealer_get_reveal_child (revealer);
}

/* Presenting (F11) keeps the map and the timeline and tells the date
 * large; the out-of-sight button, a control, leaves with the others and
 * comes back with them when the map is still away from the events.  A
 * moving pointer shows play and leave, for a while. */
static void
test_window_presenting (void)
{
  ChronomapWindow *window = open_sample ();
  ShumateViewport *viewport = shumate_simple_map_get_viewport (
    SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map")));
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                 "out_of_view_button"));
  GtkWidget *controls = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                   "controls"));
  GtkLabel *caption = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                "date_caption"));

  chronomap_test_spin (1);
  g_assert_true (gtk_widget_get_visible (controls));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (caption)));

  shumate_location_set_location (SHUMATE_LOCATION (viewport), 30.0, -40.0);
  g_assert_true (chronomap_test_wait_until (widget_shown, button, 10));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fullscreen", NULL));
  g_assert_true (chronomap_test_wait_until (widget_hidden, button, 10));
  g_assert_false (gtk_widget_get_visible (controls));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (caption)));
  g_assert_cmpstr (gtk_label_get_text (caption), ==, "March 2019");

  /* Ctrl+F finds nothing to type into: the search bar is not opened
   * behind the presentation, to be found open (and empty) after it */
  {
    GtkSearchBar *bar = GTK_SEARCH_BAR (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                       "search_bar"));

    gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
    drain (window);
    g_assert_false (gtk_search_bar_get_search_mode (bar));
  }

  /* the pointer moved: play and leave show, and play plays */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                         CHRONOMAP_TYPE_WINDOW,
                                                                         "presenting_revealer"));
    GtkWidget *play = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                 "presenting_play_button"));

    g_assert_false (gtk_revealer_get_reveal_child (revealer));
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
          g_signal_emit_by_name (controller, "motion", 300.0, 300.0);
      }
    g_assert_true (gtk_revealer_get_reveal_child (revealer));
    g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (window)));
    g_signal_emit_by_name (play, "clicked");
    g_assert_true (chronomap_timeline_get_playing (chronomap_window_get_timeline (window)));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (play), ==, "Pause");
    g_signal_emit_by_name (play, "clicked");
    /* and a still pointer lets them go, and goes itself: the audience
     * sees no arrow, and no tooltip of the timeline under it */
    g_assert_true (chronomap_test_wait_until (revealer_closed, revealer, 10));
    g_assert_nonnull (gtk_widget_get_cursor (GTK_WIDGET (window)));
    g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (GTK_WIDGET (window))), ==, "none");
    /* the map's own, the hand over a mark, too; and its tooltips */
    {
      GtkWidget *map_input = gtk_widget_get_parent (GTK_WIDGET (chronomap_window_get_event_layer (window)));

      g_assert_nonnull (gtk_widget_get_cursor (map_input));
      g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (map_input)), ==, "none");
      g_assert_false (gtk_widget_get_has_tooltip (map_input));
    }
    g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (chronomap_window_get_timeline (window))));
  }

  /* + zooms the map, not the timeline, which has the focus but shows
   * no ring; a clicker's Page Down steps on */
  {
    ChronomapTimeline *timeline = chronomap_window_get_timeline (window);
    ChronomapViewModel *model = chronomap_window_get_model (window);
    g_autoptr(GtkShortcut) plus = find_shortcut (GTK_WIDGET (window), "plus", NULL);
    Zoom zoom = { viewport, round (shumate_viewport_get_zoom_level (viewport)) };
    gint32 view_first, view_last, first, last;
    gint32 from = chronomap_view_model_get_from (model);

    shumate_viewport_set_zoom_level (viewport, zoom.level);
    zoom.level += 1;

    g_assert_true (gtk_widget_has_focus (GTK_WIDGET (timeline)));
    chronomap_timeline_get_view (timeline, &view_first, &view_last);
    g_assert_nonnull (plus);
    g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (plus), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                 GTK_WIDGET (window), NULL));
    g_assert_true (chronomap_test_wait_until (zoomed_to, &zoom, 10));
    chronomap_timeline_get_view (timeline, &first, &last);
    g_assert_cmpint (first, ==, view_first);
    g_assert_cmpint (last, ==, view_last);
    g_assert_true (press_window_key (window, "Page_Down"));
    g_assert_cmpint (chronomap_view_model_get_from (model), >, from);
    g_assert_true (press_window_key (window, "Page_Up"));
    g_assert_cmpint (chronomap_view_model_get_from (model), ==, from);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-fullscreen", NULL));
  g_assert_true (gtk_widget_get_visible (controls));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (caption)));
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (chronomap_window_get_timeline (window))));
  g_assert_true (gtk_widget_get_has_tooltip (
    gtk_widget_get_parent (GTK_WIDGET (chronomap_window_get_event_layer (window)))));
  /* out of it, + is the timeline's when it has the focus: let through */
  {
    g_autoptr(GtkShortcut) plus = find_shortcut (GTK_WIDGET (window), "plus", NULL);

    g_assert_false (gtk_shortcut_action_activate (gtk_shortcut_get_action (plus), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                  GTK_WIDGET (window), NULL));
  }
  /* and after it, Ctrl+F opens the search bar again */
  {
    GtkSearchBar *bar = GTK_SEARCH_BAR (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                       "search_bar"));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
    g_assert_true (gtk_search_bar_get_search_mode (bar));
    gtk_search_bar_set_search_mode (bar, FALSE);
  }
  /* the map has not moved: the events are still out of sight */
  g_assert_true (chronomap_test_wait_until (widget_shown, button, 10));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fullscreen", NULL));
  /* presenting again: playing, the date's pill does not narrow from day to day ("31 Oct"
   * then "1 Nov"), which made it twitch; stopped, it fits its date again */
  {
    ChronomapTimeline *timeline = chronomap_window_get_timeline (window);
    int widest = 0, narrower = 0, width, fitted;

    chronomap_window_set_time_window (window, chronomap_date_from_ymd (2017, 10, 23),
                                      chronomap_date_from_ymd (2017, 10, 31));
    chronomap_timeline_set_speed (timeline, 1.0);
    chronomap_timeline_set_playing (timeline, TRUE);
    for (guint k = 0; k < 4; k++)
      {
        gtk_widget_measure (GTK_WIDGET (caption), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
        g_test_message ("%s: %d px", gtk_label_get_text (caption), width);
        g_assert_cmpint (width, >=, widest);
        widest = width;
        chronomap_timeline_advance (timeline, 1.0);
      }
    g_assert_cmpstr (gtk_label_get_text (caption), ==, "27 Oct 2017 – 4 Nov 2017");
    chronomap_timeline_set_playing (timeline, FALSE);
    gtk_widget_measure (GTK_WIDGET (caption), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &fitted, NULL, NULL);
    /* the same date, as it is on its own */
    {
      GtkWidget *alone = gtk_label_new (gtk_label_get_text (caption));

      gtk_widget_add_css_class (alone, "chronomap-caption");
      gtk_widget_add_css_class (alone, "osd");
      gtk_overlay_add_overlay (GTK_OVERLAY (gtk_widget_get_parent (GTK_WIDGET (caption))), alone);
      gtk_widget_measure (alone, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &narrower, NULL, NULL);
      gtk_overlay_remove_overlay (GTK_OVERLAY (gtk_widget_get_parent (GTK_WIDGET (caption))), alone);
    }
    g_test_message ("stopped: %d px, the date alone %d px, widest %d px", fitted, narrower, widest);
    g_assert_cmpint (narrower, <, widest);
    g_assert_cmpint (fitted, ==, narrower);
  }

  close_window (window);
}

/* Zoomed out as far as the timeline goes, the sample's five years still
 * fill much of it: no empty decades to scroll through.  Zoomed far in,
 * 0 shows all of them again. */
static void
test_window_zoom_limit (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapTimeline *timeline = chronomap_window_get_timeline (window);
  const GPtrArray *labels;
  int lowest = G_MAXINT, highest = G_MININT;

  for (guint i = 0; i < 20; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-out", NULL));
  drain (window);
  labels = chronomap_timeline_get_axis_labels (timeline);
  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      int left, right, year;
      char text[64];

      /* "x0 x1 label": the years' labels */
      if (sscanf (g_ptr_array_index (labels, i), "%d %d %63[^\n]", &left, &right, text) == 3 &&
          strlen (text) == 4 && sscanf (text, "%d", &year) == 1)
        {
          lowest = MIN (lowest, year);
          highest = MAX (highest, year);
        }
    }
  g_test_message ("zoomed out: %d to %d", lowest, highest);
  g_assert_cmpint (lowest, >=, 2010);
  g_assert_cmpint (highest, <=, 2023);
  g_assert_cmpint (lowest, <=, 2014);
  g_assert_cmpint (highest, >=, 2019);

  /* into a stretch of days, then 0: all of the events again */
  for (guint i = 0; i < 12; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-all", NULL));
  drain (window);
  g_assert_cmpfloat (chronomap_timeline_get_day_x (timeline, chronomap_date_from_ymd (2014, 1, 1)), >=, 0);
  g_assert_cmpfloat (chronomap_timeline_get_day_x (timeline, chronomap_date_from_ymd (2019, 3, 20)), <=,
                     gtk_widget_get_width (GTK_WIDGET (timeline)));
  close_window (window);
}

/* The map takes keys (+ and -, the arrows): with them, and the keyboard
 * in use, a ring round it says so, as a button's does; Tab stopped on
 * it with nothing to show where the keys had gone. */
static void
test_window_map_focus_ring (void)
{
  ChronomapWindow *window = open_sample ();
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (
    SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map"))));
  int width, height, x, y;
  g_autofree guchar *before = NULL;
  g_autofree guchar *after = NULL;
  const guchar *b, *a;

  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  drain (window);
  width = gtk_widget_get_width (map);
  height = gtk_widget_get_height (map);
  before = widget_pixels (map);
  gtk_widget_grab_focus (map);
  drain (window);
  g_assert_true (gtk_widget_has_focus (map));
  after = widget_pixels (map);
  /* the right edge, halfway down: land or sea before, the accent's blue
   * after (cairo's bytes: blue, green, red, alpha) */
  x = width - 1;
  y = height / 2;
  b = before + (y * width + x) * 4;
  a = after + (y * width + x) * 4;
  g_test_message ("edge before %02x%02x%02x, focused %02x%02x%02x", b[2], b[1], b[0], a[2], a[1], a[0]);
  g_assert_cmpint (a[0] - a[2], >, b[0] - b[2] + 40);
  close_window (window);
}

/* Past the offline map's detail, its land is a plain colour: the user is
 * told, once, where streets are; not at the levels where it reads. */
static void
test_window_offline_detail (void)
{
  ChronomapWindow *window = open_sample ();
  ShumateViewport *viewport = shumate_simple_map_get_viewport (
    SHUMATE_SIMPLE_MAP (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map")));
  const char *told = "The offline map has no streets: an online map, in the Map menu, shows them";

  shumate_viewport_set_zoom_level (viewport, 12);
  drain (window);
  g_assert_cmpstr (chronomap_window_get_last_toast (window), !=, told);
  shumate_viewport_set_zoom_level (viewport, 14);
  drain (window);
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, told);

  /* once: not again at every level past it */
  chronomap_window_add_toast (window, adw_toast_new ("another"));
  shumate_viewport_set_zoom_level (viewport, 8);
  shumate_viewport_set_zoom_level (viewport, 15);
  drain (window);
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "another");
  close_window (window);
}

/* The histogram's scale says what its tallest bar counts, and over how
 * long: a day's three events when the file spans two months, a month's
 * two when it spans nine years. */
static void
test_window_count_scale (void)
{
  ChronomapWindow *window = open_csv_text ("days",
                                           "id,date,location,latitude,longitude,event_type\n"
                                           "1,2019-01-12,Hajin,34.69,40.83,Battles\n"
                                           "2,2019-01-12,Hajin,34.69,40.83,Battles\n"
                                           "3,2019-01-12,Baghouz,34.45,40.95,Battles\n"
                                           "4,2019-03-12,Baghouz,34.45,40.95,Battles\n");
  ChronomapTimeline *timeline = chronomap_window_get_timeline (window);

  drain (window);
  g_test_message ("two months: %s", chronomap_timeline_get_count_scale (timeline));
  g_assert_cmpstr (chronomap_timeline_get_count_scale (timeline), ==, "3 a day");
  close_window (window);

  window = open_csv_text ("months",
                          "id,date,location,latitude,longitude,event_type\n"
                          "1,2010-01-05,Hajin,34.69,40.83,Battles\n"
                          "2,2010-01-25,Hajin,34.69,40.83,Battles\n"
                          "3,2019-06-01,Baghouz,34.45,40.95,Battles\n");
  timeline = chronomap_window_get_timeline (window);
  drain (window);
  g_test_message ("nine years: %s", chronomap_timeline_get_count_scale (timeline));
  g_assert_cmpstr (chronomap_timeline_get_count_scale (timeline), ==, "2 a month");
  close_window (window);
}

/* The time axis names its ticks without running one label into the
 * next, though the first, with its year, is wider than the others. */
static void
test_window_axis_labels (void)
{
  ChronomapWindow *window = open_csv_text ("weeks",
                                           "id,date,location,latitude,longitude,event_type\n"
                                           "1,2019-01-12,Hajin,34.69,40.83,Battles\n"
                                           "2,2019-03-12,Baghouz,34.45,40.95,Battles\n");
  GPtrArray *labels;
  int last_right = G_MININT;

  /* the events list beside the map: the timeline is 740 pixels wide */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar", NULL));
  drain (window);
  labels = chronomap_timeline_get_axis_labels (chronomap_window_get_timeline (window));
  g_assert_cmpuint (labels->len, >=, 4);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);
      char *end;
      int left = (int) g_ascii_strtoll (label, &end, 10);
      int right = (int) g_ascii_strtoll (end, &end, 10);

      g_test_message ("axis label %s", label);
      g_assert_cmpint (left, >=, last_right + 10);
      last_right = right;
    }
  g_assert_nonnull (strstr (g_ptr_array_index (labels, 0), " 2019"));
  close_window (window);
}

static void
pixel_at (GtkWidget *widget,
          int        x,
          int        y,
          guchar     bgra[4])
{
  g_autofree guchar *pixels = widget_pixels (widget);

  memcpy (bgra, pixels + (y * gtk_widget_get_width (widget) + x) * 4, 4);
}

/* The colour of the pixel at @x, @y of @widget drawn alone, its alpha
 * undone, as luminance 0..1. */
static double
luminance_at (GtkWidget *widget,
              int        x,
              int        y)
{
  guchar p[4];

  pixel_at (widget, x, y, p);
  g_assert_cmpuint (p[3], >, 0);
  return (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / p[3];
}

/* The histogram's bar in column @x of @timeline, from its top down to
 * the first pixel it leaves blank: how many of its pixels are faint (the
 * events the time window leaves out) and how many bright (those it
 * shows).  Inside the window, its band tints every pixel a little; the
 * band's frame and the count's dotted line are above y 11. */
static void
bar_at (ChronomapTimeline *timeline,
        int                x,
        int               *faint,
        int               *bright)
{
  GtkWidget *widget = GTK_WIDGET (timeline);
  g_autofree guchar *pixels = widget_pixels (widget);
  int width = gtk_widget_get_width (widget);
  gboolean begun = FALSE;

  *faint = *bright = 0;
  for (int y = 11; y < gtk_widget_get_height (widget); y++)
    {
      double alpha = pixels[(y * width + x) * 4 + 3] / 255.0;

      if (alpha > 0.9)
        (*bright)++;
      else if (alpha > 0.3)
        (*faint)++;
      else if (begun)
        break;
      begun = alpha > 0.3;
    }
}

/* The histogram's bars are bright for the events the time window shows
 * (those the map shows) and faint for the others: whole bars inside the
 * window and out of it, bars it cuts through (weeks from Monday), and
 * a bar whose event, dated only to its month, began before the window
 * and lasts into it. */
static void
test_window_cut_bins (void)
{
  g_autoptr(GString) rows = g_string_new ("id,date,location,latitude,longitude,event_type\n");
  ChronomapWindow *window;
  ChronomapTimeline *timeline;
  gint32 first = chronomap_date_from_ymd (2018, 1, 1);
  const struct {
    int month, day;                   /* a column of the bar of this day */
    const char *tooltip;
    double bright;                    /* the bright share of the bar */
  } bars[] = {
    { 3, 14, "12 Mar 2018 – 18 Mar 2018: 7 events began", 0.0 },
    /* "June 2018" began on Friday 1 June, and lasts into the window */
    { 5, 30, "28 May 2018 – 3 Jun 2018: 8 events began, 1 of them in the time window", 1 / 8.0 },
    /* the window begins on Thursday 7 June ... */
    { 6, 4, "4 Jun 2018 – 10 Jun 2018: 7 events began, 4 of them in the time window", 4 / 7.0 },
    { 6, 9, "4 Jun 2018 – 10 Jun 2018: 7 events began, 4 of them in the time window", 4 / 7.0 },
    { 6, 20, "18 Jun 2018 – 24 Jun 2018: 7 events began", 1.0 },
    /* ... and ends on Wednesday 1 August */
    { 7, 30, "30 Jul 2018 – 5 Aug 2018: 7 events began, 3 of them in the time window", 3 / 7.0 },
    { 8, 4, "30 Jul 2018 – 5 Aug 2018: 7 events began, 3 of them in the time window", 3 / 7.0 },
    { 8, 15, "13 Aug 2018 – 19 Aug 2018: 7 events began", 0.0 },
  };

  /* one battle a day for 400 days, weekly bars; and one of June 2018 */
  for (int i = 0; i < 400; i++)
    {
      int y, m, d;

      chronomap_date_to_ymd (first + i, &y, &m, &d);
      g_string_append_printf (rows, "%d,%04d-%02d-%02d,Hajin,34.69,40.83,Battles\n", i + 1, y, m, d);
    }
  g_string_append (rows, "401,2018-06,Hajin,34.69,40.83,Battles\n");
  window = open_csv_text ("daily", rows->str);
  timeline = chronomap_window_get_timeline (window);
  chronomap_timeline_set_window (timeline, chronomap_date_from_ymd (2018, 6, 7),
                                 chronomap_date_from_ymd (2018, 8, 1));
  drain (window);

  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    {
      gint32 day = chronomap_date_from_ymd (2018, bars[i].month, bars[i].day);
      int x = (int) chronomap_timeline_get_day_x (timeline, day) + 1;
      g_autofree char *tooltip = chronomap_timeline_describe_at (timeline, x);
      int faint, bright;

      bar_at (timeline, x, &faint, &bright);
      g_test_message ("%d/%d at x %d: %s; %d faint, %d bright pixels", bars[i].day, bars[i].month, x,
                      tooltip, faint, bright);
      g_assert_cmpstr (tooltip, ==, bars[i].tooltip);
      g_assert_cmpint (faint + bright, >, 20);
      g_assert_cmpfloat_with_epsilon ((double) bright / (faint + bright), bars[i].bright, 0.06);
    }

  /* the window moved on, and asked before the next frame: the week of
   * 4 June is left out whole */
  chronomap_timeline_set_window (timeline, chronomap_date_from_ymd (2018, 6, 14),
                                 chronomap_date_from_ymd (2018, 8, 1));
  {
    g_autofree char *tooltip = chronomap_timeline_describe_at (
      timeline, chronomap_timeline_get_day_x (timeline, chronomap_date_from_ymd (2018, 6, 9)) + 1);

    g_assert_cmpstr (tooltip, ==, "4 Jun 2018 – 10 Jun 2018: 7 events began");
  }
  close_window (window);
}

/* The lines under the bars, events of more than a day, say what they
 * are when pointed at: the sample's capture of Raqqa, known to its month. */
static void
test_window_span_tooltip (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapTimeline *timeline = chronomap_window_get_timeline (window);
  int height = gtk_widget_get_height (GTK_WIDGET (timeline));
  double x = chronomap_timeline_get_day_x (timeline, chronomap_date_from_ymd (2014, 1, 10));
  g_autofree char *text = NULL;

  for (int y = height / 2; y < height && text == NULL; y++)
    text = chronomap_timeline_describe_span_at (timeline, x, y);
  g_assert_cmpstr (text, ==, "Battles · Raqqa\nSometime in Jan 2014");
  /* over the bars, none */
  g_assert_null (chronomap_timeline_describe_span_at (timeline, x, 12));
  close_window (window);
}

/* How many pixels of the event layer its marks cover: opaque and
 * coloured, for the towns' names the layer draws over them are grey. */
static guint
mark_pixels (ChronomapWindow *window)
{
  GtkWidget *layer = GTK_WIDGET (chronomap_window_get_event_layer (window));
  g_autofree guchar *pixels = widget_pixels (layer);
  guint n = 0;

  for (int i = 0; i < gtk_widget_get_width (layer) * gtk_widget_get_height (layer); i++)
    {
      const guchar *p = pixels + 4 * i;
      int hi = MAX (p[0], MAX (p[1], p[2]));
      int lo = MIN (p[0], MIN (p[1], p[2]));

      n += p[3] > 128 && hi - lo > 40;
    }
  return n;
}

/* Presenting, the marks are larger, to be seen across a room: the
 * Baghouz cluster half as wide again, twice the pixels and more. */
static void
test_window_presenting_marks (void)
{
  ChronomapWindow *window = open_sample ();
  guint before, during;

  before = mark_pixels (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fullscreen", NULL));
  drain (window);
  during = mark_pixels (window);
  g_test_message ("mark pixels: %u, presenting %u", before, during);
  g_assert_cmpuint (before, >, 100);
  g_assert_cmpfloat ((double) during / before, >, 1.8);
  g_assert_cmpfloat ((double) during / before, <, 2.8);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-fullscreen", NULL));
  drain (window);
  g_assert_cmpuint (mark_pixels (window), ==, before);
  close_window (window);
}

typedef struct
{
  guint town_labels; /* town labels wholly in the view */
  guint inked;       /* of those, with their name drawn by the event layer */
  guint over_marks;  /* of those, with a mark under the name */
  guint letters;     /* pixels of the names' letters, as the basemap draws them */
  guint lost;        /* of those, coloured or missing in the event layer */
  guint moved;       /* names moved off a mark that covers their town's dot */
  guint moved_clear; /* of those, further from it than the basemap put them */
} LabelInk;

/* The towns' names the offline basemap places in the window's map, and
 * whether the event layer, drawn above the events, carries their ink:
 * grey opaque pixels (the marks are coloured) in each label's box. */
static LabelInk
label_ink (ChronomapWindow *window)
{
  GtkWidget *layer = GTK_WIDGET (chronomap_window_get_event_layer (window));
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (layer));
  int width = gtk_widget_get_width (layer);
  int height = gtk_widget_get_height (layer);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (NULL);
  g_autoptr(GdkTexture) texture = chronomap_test_render (layer);
  g_autofree guchar *pixels = NULL;
  g_autoptr(GArray) labels = NULL;
  LabelInk ink = { 0, 0, 0, 0, 0, 0, 0 };
  cairo_surface_t *names;
  const guchar *name_pixels;
  int stride;
  double wx, wy;

  g_assert_nonnull (basemap);
  /* nothing drawn yet (the names come from a worker thread) */
  if (texture == NULL)
    return ink;
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  chronomap_basemap_lat_lon_to_world (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                      shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                      zoom, &wx, &wy);
  /* where the layer puts them, moved off the marks on their dots */
  labels = chronomap_event_layer_get_labels (CHRONOMAP_EVENT_LAYER (layer));
  /* nor the basemap loaded */
  if (labels == NULL)
    return ink;
  {
    /* the same names as the basemap's, only some moved */
    g_autoptr(GArray) placed = chronomap_basemap_get_labels (basemap, zoom, wx - width / 2.0,
                                                             wy - height / 2.0, width, height);

    g_assert_cmpuint (placed->len, ==, labels->len);
    for (guint i = 0; i < labels->len; i++)
      {
        const ChronomapBasemapLabel *l = &g_array_index (labels, ChronomapBasemapLabel, i);
        const ChronomapBasemapLabel *p = &g_array_index (placed, ChronomapBasemapLabel, i);

        g_assert_cmpuint (l->id, ==, p->id);
        g_assert_cmpfloat (fabs (l->dot_x - p->dot_x), <, 0.01);
        if (!l->moved)
          continue;
        ink.moved++;
        g_test_message ("%s moved by %.1f, %.1f", l->name, l->x - p->name_x, l->y - p->name_y);
        /* further from the dot than the basemap put it */
        {
          double before = hypot (CLAMP (p->dot_x, p->name_x, p->name_x + p->name_width) - p->dot_x,
                                 CLAMP (p->dot_y, p->name_y, p->name_y + p->name_height) - p->dot_y);
          double after = hypot (CLAMP (l->dot_x, l->x, l->x + l->width) - l->dot_x,
                                CLAMP (l->dot_y, l->y, l->y + l->height) - l->dot_y);

          ink.moved_clear += after > before + 1;
        }
      }
  }
  /* the names alone, where the layer puts them (on whole pixels) */
  names = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  {
    cairo_t *cr = cairo_create (names);

    for (guint i = 0; i < labels->len; i++)
      {
        const ChronomapBasemapLabel *l = &g_array_index (labels, ChronomapBasemapLabel, i);

        if (!l->town)
          continue;
        cairo_save (cr);
        cairo_translate (cr, round (l->x), round (l->y));
        if (l->moved)
          chronomap_basemap_draw_label_name (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT, l->id);
        else
          chronomap_basemap_draw_label (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT, l->id);
        cairo_restore (cr);
      }
    cairo_destroy (cr);
  }
  cairo_surface_flush (names);
  name_pixels = cairo_image_surface_get_data (names);
  stride = cairo_image_surface_get_stride (names);

  for (guint i = 0; i < labels->len; i++)
    {
      const ChronomapBasemapLabel *l = &g_array_index (labels, ChronomapBasemapLabel, i);
      guint grey = 0, coloured = 0;

      if (!l->town || l->x < 0 || l->y < 0 || l->x + l->width >= width ||
          l->y + l->height >= height)
        continue;
      ink.town_labels++;
      for (int y = (int) l->y; y < (int) (l->y + l->height); y++)
        for (int x = (int) l->x; x < (int) (l->x + l->width); x++)
          {
            const guchar *p = pixels + 4 * (y * width + x);
            int hi = MAX (p[0], MAX (p[1], p[2]));
            int lo = MIN (p[0], MIN (p[1], p[2]));

            guint32 name;

            if (p[3] > 200 && hi - lo < 16)
              grey++;
            else if (p[3] > 128 && hi - lo > 40)
              coloured++;

            /* a letter: nearly opaque and dark in the picture of the names */
            memcpy (&name, name_pixels + y * stride + 4 * x, 4);
            if ((name >> 24) > 200 && ((name >> 16) & 0xff) < 150 && ((name >> 8) & 0xff) < 150 &&
                (name & 0xff) < 150)
              {
                ink.letters++;
                /* not its own grey in the layer: covered, or missing */
                ink.lost += p[3] < 200 || hi - lo > 30 || abs (p[0] - (int) (name & 0xff)) > 40 ||
                            abs (p[1] - (int) ((name >> 8) & 0xff)) > 40 ||
                            abs (p[2] - (int) ((name >> 16) & 0xff)) > 40;
              }
          }
      g_test_message ("%s: %u grey pixels, %u of marks", l->name, grey, coloured);
      ink.inked += grey >= 10;
      ink.over_marks += grey >= 10 && coloured >= 10;
    }
  cairo_surface_destroy (names);
  return ink;
}

static gboolean
labels_inked (gpointer window)
{
  LabelInk ink = label_ink (window);

  return ink.town_labels > 0 && ink.inked == ink.town_labels;
}

/* The towns' names are drawn above the events, not in the tiles under
 * them: a name stays readable where the Baghouz cluster or Raqqa's marks
 * cover the town it names. */
static void
test_window_labels_above_marks (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventLayer *layer = chronomap_window_get_event_layer (window);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (layer));
  LabelInk ink;

  g_assert_true (chronomap_test_wait_until (labels_inked, window, 20));
  ink = label_ink (window);
  g_assert_cmpuint (ink.town_labels, >=, 2);

  /* closer in, among the marks of the Euphrates valley */
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 35.2, 40.0);
  shumate_viewport_set_zoom_level (viewport, 8.0);
  drain (window);
  g_assert_true (chronomap_test_wait_until (labels_inked, window, 20));
  ink = label_ink (window);
  g_assert_cmpuint (ink.town_labels, >=, 2);
  /* every letter there, none under a mark (a count, above the names,
   * may touch one) */
  g_test_message ("%u pixels of letters, %u lost; %u names moved off marks", ink.letters,
                  ink.lost, ink.moved);
  g_assert_cmpuint (ink.letters, >, 200);
  g_assert_cmpuint (ink.lost, <=, ink.letters / 50);
  /* the names of towns a mark covers moved beside it, away from the dot
   * (Abu Kamal's, whose dot the Baghouz cluster covers) */
  g_assert_cmpuint (ink.moved, >=, 1);
  g_assert_cmpuint (ink.moved_clear, ==, ink.moved);

  close_window (window);
}

/* Deir ez-Zor's label as the basemap lays out zoom 8 around the town, in
 * a view of 800 × 600 whose top left corner is (@x0, @y0) in the world's
 * pixels; @placed keeps the labels. */
static const ChronomapBasemapLabel *
deir_label_at_zoom8 (ChronomapBasemap  *basemap,
                     GArray           **placed,
                     double            *x0,
                     double            *y0)
{
  double wx, wy;

  /* the layout belongs to the zoom level: where the name is in the world */
  chronomap_basemap_lat_lon_to_world (35.33, 40.14, 8, &wx, &wy);
  *x0 = wx - 400;
  *y0 = wy - 300;
  *placed = chronomap_basemap_get_labels (basemap, 8, *x0, *y0, 800, 600);
  for (guint i = 0; i < (*placed)->len; i++)
    if (g_str_has_prefix (g_array_index (*placed, ChronomapBasemapLabel, i).name, "Deir"))
      return &g_array_index (*placed, ChronomapBasemapLabel, i);
  g_error ("no Deir ez-Zor at zoom 8");
}

/* The point at (@x, @y) in the world's pixels at zoom 8. */
static void
zoom8_to_lat_lon (double  x,
                  double  y,
                  double *lat,
                  double *lon)
{
  double world = 256 * exp2 (8);

  *lon = x / world * 360 - 180;
  *lat = atan (sinh (G_PI * (1 - 2 * y / world))) * 180 / G_PI;
}

/* An event on Deir ez-Zor's name, away from its dot, is drawn under the
 * name, which stays where the basemap put it with every
 * letter over the mark. */
static void
test_window_label_over_mark (void)
{
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (NULL);
  g_autoptr(GArray) placed = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *path = NULL;
  const ChronomapBasemapLabel *target;
  ChronomapWindow *window;
  ShumateViewport *viewport;
  double x0, y0, lat, lon;
  LabelInk ink;

  target = deir_label_at_zoom8 (basemap, &placed, &x0, &y0);
  /* one event with many dead, a wide disc and no count, on the name's
   * first word */
  zoom8_to_lat_lon (x0 + target->name_x + target->name_width * 0.3,
                    y0 + target->name_y + target->name_height / 2, &lat, &lon);
  sql = g_strdup_printf ("%sINSERT INTO events (date_start, event_type, location, latitude, "
                         "longitude, fatalities) VALUES ('2019-03-01', 'Battles', 'On the name', "
                         "%.6f, %.6f, 200);",
                         chronomap_database_get_schema_sql (), lat, lon);
  path = chronomap_test_make_db ("label-over-mark.sqlite", sql);
  window = open_path (path);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (chronomap_window_get_event_layer (window)));
  /* once the map has been fitted to the events; the event the newest of
   * the time window, unfaded */
  drain (window);
  chronomap_view_model_set_window (chronomap_window_get_model (window),
                                   chronomap_date_from_ymd (2019, 2, 1),
                                   chronomap_date_from_ymd (2019, 3, 1));
  shumate_viewport_set_zoom_level (viewport, 8.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  drain (window);
  g_assert_true (chronomap_test_wait_until (labels_inked, window, 20));
  ink = label_ink (window);
  g_test_message ("%u names over marks, %u moved: %u pixels of letters, %u lost", ink.over_marks,
                  ink.moved, ink.letters, ink.lost);
  g_assert_cmpuint (ink.over_marks, >=, 1);
  g_assert_cmpuint (ink.moved, ==, 0);
  g_assert_cmpuint (ink.letters, >, 100);
  /* (under the disc, a quarter of a word's letters: 65 of 2096 lost,
   * were the names drawn under the marks) */
  g_assert_cmpuint (ink.lost, <=, ink.letters / 50);
  close_window (window);
}

/* Where the layer has Deir ez-Zor's name: its offset from the dot, and
 * whether it is drawn without the dot. */
static gboolean
deir_name (ChronomapWindow *window,
           double          *dx,
           double          *dy,
           gboolean        *moved)
{
  g_autoptr(GArray) labels = chronomap_event_layer_get_labels (chronomap_window_get_event_layer (window));

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const ChronomapBasemapLabel *l = &g_array_index (labels, ChronomapBasemapLabel, i);

      if (g_str_has_prefix (l->name, "Deir"))
        {
          *dx = l->name_x - l->dot_x;
          *dy = l->name_y - l->dot_y;
          *moved = l->moved;
          return TRUE;
        }
    }
  return FALSE;
}

/* How opaque the event layer is at the middle of Deir ez-Zor's dot: the
 * layer is clear where it draws nothing. */
static int
deir_dot_alpha (ChronomapWindow *window)
{
  ChronomapEventLayer *layer = chronomap_window_get_event_layer (window);
  g_autoptr(GArray) labels = chronomap_event_layer_get_labels (layer);
  g_autofree guchar *pixels = widget_pixels (GTK_WIDGET (layer));
  int width = gtk_widget_get_width (GTK_WIDGET (layer));

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const ChronomapBasemapLabel *l = &g_array_index (labels, ChronomapBasemapLabel, i);
      int x = (int) floor (l->dot_x), y = (int) floor (l->dot_y);

      if (g_str_has_prefix (l->name, "Deir") && x >= 0 && x < width && y >= 0 &&
          y < gtk_widget_get_height (GTK_WIDGET (layer)))
        return pixels[4 * (y * width + x) + 3];
    }
  g_error ("Deir ez-Zor's dot is not in view");
}

typedef struct
{
  ChronomapWindow *window;
  double           x;
  double           y;
} NameAt;

static void
count_paint (guint *paints)
{
  (*paints)++;
}

static gboolean
name_arrived (gpointer data)
{
  NameAt *at = data;
  double dx, dy;
  gboolean moved;

  return deir_name (at->window, &dx, &dy, &moved) && fabs (dx - at->x) < 0.5 && fabs (dy - at->y) < 0.5;
}

/* An event landing on Deir ez-Zor's dot as the time window moves sends
 * the name beside its disc: gliding there, not jumping, unless told to
 * jump; and gliding back once the event leaves the window. */
static void
test_window_label_glide (void)
{
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (NULL);
  g_autoptr(GArray) placed = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *path = NULL;
  const ChronomapBasemapLabel *deir;
  ChronomapWindow *window;
  ChronomapEventLayer *layer;
  ChronomapViewModel *model;
  ShumateViewport *viewport;
  double x0, y0, lat, lon, home_x, home_y, out_x, out_y, x, y, progress;
  gboolean moved;
  NameAt at;

  /* a deadly event on the town's dot, in March */
  deir = deir_label_at_zoom8 (basemap, &placed, &x0, &y0);
  zoom8_to_lat_lon (x0 + deir->dot_x, y0 + deir->dot_y, &lat, &lon);
  sql = g_strdup_printf ("%sINSERT INTO events (date_start, event_type, location, latitude, "
                         "longitude, fatalities) VALUES ('2019-03-01', 'Battles', 'Deir ez-Zor', "
                         "%.6f, %.6f, 200);"
                         "INSERT INTO events (date_start, event_type, location, latitude, longitude) "
                         "VALUES ('2019-01-10', 'Battles', 'Aleppo', 36.2, 37.16);",
                         chronomap_database_get_schema_sql (), lat, lon);
  path = chronomap_test_make_db ("label-glide.sqlite", sql);
  window = open_path (path);
  layer = chronomap_window_get_event_layer (window);
  model = chronomap_window_get_model (window);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (layer));
  drain (window);
  shumate_viewport_set_zoom_level (viewport, 8.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);

  /* January: no event on the town, its name where the basemap put it */
  chronomap_view_model_set_window (model, chronomap_date_from_ymd (2019, 1, 1),
                                   chronomap_date_from_ymd (2019, 1, 31));
  drain (window);
  g_assert_true (deir_name (window, &home_x, &home_y, &moved));
  g_assert_false (moved);
  g_assert_cmpint (deir_dot_alpha (window), >, 200);

  /* told to jump, the name is beside the disc at the first frame */
  chronomap_event_layer_set_label_glide (layer, 0);
  chronomap_view_model_set_window (model, chronomap_date_from_ymd (2019, 2, 1),
                                   chronomap_date_from_ymd (2019, 3, 1));
  drain (window);
  g_assert_true (deir_name (window, &out_x, &out_y, &moved));
  g_assert_true (moved);
  g_test_message ("Deir ez-Zor's name moves (%.1f, %.1f) -> (%.1f, %.1f)", home_x, home_y, out_x, out_y);
  g_assert_cmpfloat (hypot (out_x - home_x, out_y - home_y), >, 5.0);

  /* A glide of ten minutes: the name has left its place, without its
   * dot, and has not gone far. */
  chronomap_view_model_set_window (model, chronomap_date_from_ymd (2019, 1, 1),
                                   chronomap_date_from_ymd (2019, 1, 31));
  drain (window);
  g_assert_true (deir_name (window, &x, &y, &moved));
  g_assert_false (moved);
  chronomap_event_layer_set_label_glide (layer, 600000);
  drain (window);
  chronomap_view_model_set_window (model, chronomap_date_from_ymd (2019, 2, 1),
                                   chronomap_date_from_ymd (2019, 3, 1));
  drain (window);
  g_assert_true (deir_name (window, &x, &y, &moved));
  g_assert_true (moved);
  progress = hypot (x - home_x, y - home_y) / hypot (out_x - home_x, out_y - home_y);
  g_test_message ("after the first frames, %.3f of the way", progress);
  g_assert_cmpfloat (progress, <, 0.1);
  /* straight out along its way */
  g_assert_cmpfloat (fabs ((x - home_x) * (out_y - home_y) - (y - home_y) * (out_x - home_x)), <,
                     2.0 * hypot (out_x - home_x, out_y - home_y));

  /* A glide of a quarter of a second, as the app has it, ends where the
   * jump went; then the layer asks for no more frames. */
  chronomap_event_layer_set_label_glide (layer, 250);
  at = (NameAt) { window, out_x, out_y };
  g_assert_true (chronomap_test_wait_until (name_arrived, &at, 10));
  drain (window);
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (layer));
    guint paints = 0;
    gulong id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (count_paint), &paints);

    chronomap_test_spin (1);
    g_signal_handler_disconnect (clock, id);
    g_test_message ("%u frames in a second once the names are still", paints);
    g_assert_cmpuint (paints, <=, 2);
  }

  /* The event leaves the window: the name glides back the same way,
   * from beside the disc, to its dot, which is there from the start. */
  chronomap_event_layer_set_label_glide (layer, 600000);
  chronomap_view_model_set_window (model, chronomap_date_from_ymd (2019, 1, 1),
                                   chronomap_date_from_ymd (2019, 1, 31));
  drain (window);
  g_assert_true (deir_name (window, &x, &y, &moved));
  g_assert_true (moved);
  progress = hypot (x - out_x, y - out_y) / hypot (out_x - home_x, out_y - home_y);
  g_test_message ("on the way back after the first frames, %.3f of the way", progress);
  g_assert_cmpfloat (progress, <, 0.1);
  g_assert_cmpint (deir_dot_alpha (window), >, 200);
  chronomap_event_layer_set_label_glide (layer, 250);
  at = (NameAt) { window, home_x, home_y };
  g_assert_true (chronomap_test_wait_until (name_arrived, &at, 10));
  drain (window);
  g_assert_true (deir_name (window, &x, &y, &moved));
  g_assert_false (moved);
  close_window (window);
}

/* Picking Raqqa's capture puts a ring round its mark, beside the town's
 * dot: under the name, whose letters keep every pixel. */
static void
test_window_ring_under_labels (void)
{
  ChronomapWindow *window = open_sample ();
  ChronomapEventLayer *layer = chronomap_window_get_event_layer (window);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (layer));
  ChronomapEventStore *store = chronomap_window_get_store (window);
  const ChronomapEvent *events;
  g_autofree guchar *before = NULL;
  g_autofree guchar *after = NULL;
  g_autoptr(GArray) labels = NULL;
  const ChronomapBasemapLabel *raqqa = NULL;
  int width, target = -1;
  guint n, letters = 0, letters_changed = 0, changed = 0;

  events = chronomap_event_store_get_events (store, &n);
  for (guint i = 0; i < n && target < 0; i++)
    if (g_strcmp0 (chronomap_event_store_get_string (store, events[i].location), "Raqqa") == 0 &&
        events[i].start >= chronomap_date_from_ymd (2017, 10, 1))
      target = i;
  g_assert_cmpint (target, >=, 0);

  /* the view the same before and after: picking may move the map */
  chronomap_view_model_set_selected (chronomap_window_get_model (window), target);
  drain (window);
  chronomap_view_model_set_selected (chronomap_window_get_model (window), -1);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 35.95, 39.0);
  shumate_viewport_set_zoom_level (viewport, 7.0);
  drain (window);
  g_assert_true (chronomap_test_wait_until (labels_inked, window, 20));
  before = widget_pixels (GTK_WIDGET (layer));
  chronomap_view_model_set_selected (chronomap_window_get_model (window), target);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 35.95, 39.0);
  shumate_viewport_set_zoom_level (viewport, 7.0);
  drain (window);
  after = widget_pixels (GTK_WIDGET (layer));

  width = gtk_widget_get_width (GTK_WIDGET (layer));
  /* where the layer put the name (beside Raqqa's marks, which cover its dot) */
  labels = chronomap_event_layer_get_labels (layer);
  g_assert_nonnull (labels);
  for (guint i = 0; i < labels->len && raqqa == NULL; i++)
    if (strstr (g_array_index (labels, ChronomapBasemapLabel, i).name, "Raqq") != NULL)
      raqqa = &g_array_index (labels, ChronomapBasemapLabel, i);
  if (raqqa == NULL)
    g_error ("no label for Raqqa at zoom 7");

  for (int y = (int) raqqa->y; y < (int) (raqqa->y + raqqa->height); y++)
    for (int x = (int) raqqa->x; x < (int) (raqqa->x + raqqa->width); x++)
      {
        const guchar *b = before + 4 * (y * width + x);
        const guchar *a = after + 4 * (y * width + x);
        gboolean differs = abs (a[0] - b[0]) + abs (a[1] - b[1]) + abs (a[2] - b[2]) +
                           abs (a[3] - b[3]) > 24;
        int hi = MAX (b[0], MAX (b[1], b[2]));
        int lo = MIN (b[0], MIN (b[1], b[2]));

        changed += differs;
        /* the name's letters: dark grey, opaque */
        if (b[3] > 200 && hi - lo < 16 && hi < 120)
          {
            letters++;
            /* whitened or blackened by a ring above them, not merely
             * shaded at their edges by the faint halo over the ring */
            letters_changed += abs (a[0] + a[1] + a[2] - b[0] - b[1] - b[2]) > 3 * 60;
          }
      }
  g_test_message ("%s: %u pixels changed by the ring, %u letter pixels, %u of them covered",
                  raqqa->name, changed, letters, letters_changed);
  g_assert_cmpuint (changed, >=, 20);
  g_assert_cmpuint (letters, >=, 20);
  g_assert_cmpuint (letters_changed, ==, 0);
  close_window (window);
}

/* The relative luminance (0..1) of the bar drawn in the columns of the
 * days @first to @last of the timeline's histogram, its pixels averaged
 * and laid over the dark style's background. */
static double
dark_bar_luminance (ChronomapTimeline *timeline,
                    gint32             first,
                    gint32             last)
{
  GtkWidget *widget = GTK_WIDGET (timeline);
  g_autofree guchar *pixels = widget_pixels (widget);
  int width = gtk_widget_get_width (widget);
  int x0 = (int) chronomap_timeline_get_day_x (timeline, first);
  int x1 = (int) chronomap_timeline_get_day_x (timeline, last + 1);
  double sum[3] = { 0 }, rgb[3];
  int n = 0;

  /* the histogram, above its lane of spans and the axis */
  for (int y = 11; y < gtk_widget_get_height (widget) - 40; y++)
    for (int x = MAX (x0, 0); x < MIN (x1, width); x++)
      {
        const guchar *p = pixels + (y * width + x) * 4;

        /* a bar's pixel, not the window's tint alone */
        if (p[3] < 0.3 * 255)
          continue;
        for (int c = 0; c < 3; c++)
          /* premultiplied, over #242424 */
          sum[c] += (p[2 - c] + 0x24 * (1 - p[3] / 255.0)) / 255.0;
        n++;
      }
  g_assert_cmpint (n, >, 20);
  for (int c = 0; c < 3; c++)
    {
      double v = sum[c] / n;

      rgb[c] = v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
    }
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/* In the dark style the bars of the events the time window shows stand
 * out from the others as they do in the light one: a reviewer found the
 * window's bars duller than those outside it, under the window's tint. */
static void
test_window_dark_bars (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  ChronomapWindow *window;
  ChronomapTimeline *timeline;
  double inside, outside;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  window = open_sample ();
  timeline = chronomap_window_get_timeline (window);
  /* March 2019's battles in the window, October 2017's out of it; no
   * event selected, whose line would be drawn over them */
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  chronomap_view_model_set_selected (chronomap_window_get_model (window), -1);
  drain (window);
  inside = dark_bar_luminance (timeline, chronomap_date_from_ymd (2019, 3, 1),
                               chronomap_date_from_ymd (2019, 3, 31));
  outside = dark_bar_luminance (timeline, chronomap_date_from_ymd (2017, 10, 1),
                                chronomap_date_from_ymd (2017, 10, 31));
  g_test_message ("dark bars' luminance: %.3f inside the window, %.3f outside, ratio %.2f", inside, outside,
                  (inside + 0.05) / (outside + 0.05));
  g_assert_cmpfloat ((inside + 0.05) / (outside + 0.05), >, 1.8);
  close_window (window);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* Many lines of events of more than a day that share the lane's last
 * row, years before the time window, stay as faint as one: they added
 * up to full colour, and looked as if the map showed them. */
static void
test_window_faint_lines (void)
{
  g_autoptr(GString) sql = g_string_new (chronomap_database_get_schema_sql ());
  g_autofree char *path = NULL;
  ChronomapWindow *window;
  ChronomapTimeline *timeline;
  GtkWidget *widget;
  g_autofree guchar *pixels = NULL;
  int x, width, y, max_alpha = 0, one_alpha = 0;

  g_string_append (sql, "INSERT INTO events (date_start, date_end, event_type, location, latitude, longitude) "
                        "VALUES ('2019-03-18', NULL, 'Battles', 'Baghuz', 34.46, 40.95)");
  /* twelve of the same year, one over the other */
  for (int k = 0; k < 12; k++)
    g_string_append_printf (sql, ", ('2016-0%d-01', '2016-12-31', 'Battles', 'Raqqa', 35.95, 39.01)",
                            1 + k % 9);
  g_string_append (sql, ";");
  path = chronomap_test_make_db ("faint-lines.sqlite", sql->str);
  window = open_path (path);
  timeline = chronomap_window_get_timeline (window);
  widget = GTK_WIDGET (timeline);
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  chronomap_view_model_set_selected (chronomap_window_get_model (window), -1);
  drain (window);
  pixels = widget_pixels (widget);
  width = gtk_widget_get_width (widget);
  x = (int) chronomap_timeline_get_day_x (timeline, chronomap_date_from_ymd (2016, 11, 15));
  g_assert_cmpint (x, >, 0);
  g_assert_cmpint (x, <, width);
  /* the lane's rows at that day: the first holds one line, the last the
   * rest */
  for (y = 0; y < gtk_widget_get_height (widget); y++)
    {
      g_autofree char *line = chronomap_timeline_describe_span_at (timeline, x, y);
      int alpha = pixels[(y * width + x) * 4 + 3];

      if (line == NULL)
        continue;
      if (one_alpha == 0)
        one_alpha = alpha;
      max_alpha = MAX (max_alpha, alpha);
    }
  g_test_message ("a faint line's alpha: %d alone, %d at most", one_alpha, max_alpha);
  g_assert_cmpint (one_alpha, >, 0);
  g_assert_cmpint (max_alpha, <=, one_alpha + 8);
  g_assert_cmpint (max_alpha, <, 0.6 * 255);
  close_window (window);
}

/* In the dark style the scale bar's bars are light, as its figures are:
 * libshumate draws them black, lost on the dark card. */
static void
test_window_dark_scale (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  ChronomapWindow *window;
  ShumateScale *scale;
  GtkWidget *label;
  double bar;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  window = open_sample ();
  scale = shumate_simple_map_get_scale (SHUMATE_SIMPLE_MAP (
    gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map")));
  label = gtk_widget_get_first_child (GTK_WIDGET (scale));
  while (label != NULL && !GTK_IS_LABEL (label))
    label = gtk_widget_get_first_child (label);
  g_assert_nonnull (label);
  g_assert_cmpint (gtk_widget_get_height (label), >, 4);
  /* the middle of its bottom border */
  bar = luminance_at (label, gtk_widget_get_width (label) / 2, gtk_widget_get_height (label) - 1);
  g_test_message ("scale bar luminance in the dark style: %.2f", bar);
  g_assert_cmpfloat (bar, >, 0.5);
  close_window (window);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
all_placed (gpointer window)
{
  ChronomapEventLayer *layer = chronomap_window_get_event_layer (window);

  return !chronomap_window_get_busy (window) && chronomap_event_layer_get_n_placed (layer) == 2;
}

/* A village the bundled gazetteer lacks is placed once the analyst adds a
 * gazetteer of the region from the app (Places to Check, Add a
 * Gazetteer), without reopening the file. */
static void
test_window_add_gazetteer (void)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (),
    "INSERT INTO events (date_start, event_type, location, country) VALUES "
    "('2019-03-18', 'Battles', 'Zifr Kabir', 'SY'), ('2019-03-19', 'Battles', 'Raqqa', 'SY');",
    NULL);
  g_autofree char *path = chronomap_test_make_db ("add-gazetteer.sqlite", sql);
  g_autofree char *src = g_build_filename (TEST_DATA_DIR, "gazetteer-wof-sy-ucdp.csv", NULL);
  g_autofree char *dir = chronomap_gazetteer_user_dir ();
  g_autofree char *added = g_build_filename (dir, "gazetteer-wof-sy-ucdp.cgaz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) source = g_file_new_for_path (src);
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, "default-width", 1280,
                                          "default-height", 800, NULL);
  ChronomapEventLayer *layer;
  ShumateLicense *license;

  gtk_window_present (GTK_WINDOW (window));
  chronomap_window_open (window, file);
  g_assert_true (chronomap_test_wait_until (loaded, window, 120));
  layer = chronomap_window_get_event_layer (window);
  g_assert_cmpuint (chronomap_event_layer_get_n_placed (layer), ==, 1);
  license = shumate_simple_map_get_license (SHUMATE_SIMPLE_MAP (
    gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW, "map")));
  /* the bundled gazetteer is credited with the basemap */
  g_assert_cmpstr (shumate_license_get_extra_text (license) != NULL ?
                   shumate_license_get_extra_text (license) : "", ==, "");
  /* each count with its own grammar */
  g_assert_cmpstr (chronomap_window_get_banner_text (window), ==,
                   "1 place could not be found; 1 event is not on the map");

  chronomap_window_add_gazetteer (window, source);
  g_assert_true (chronomap_test_wait_until (all_placed, window, 60));
  g_assert_true (g_file_test (added, G_FILE_TEST_IS_REGULAR));
  /* and says what it found of what was missing */
  g_assert_true (g_str_has_prefix (chronomap_window_get_last_toast (window), "Added "));
  g_assert_true (g_str_has_suffix (chronomap_window_get_last_toast (window), ": 1 of 1 missing place found"));
  /* the map credits the gazetteer that placed the village */
  g_assert_cmpstr (shumate_license_get_extra_text (license), ==, "Places: gazetteer-wof-sy-ucdp");
  close_window (window);
  g_assert_cmpint (g_unlink (added), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  if (!chronomap_test_init_ui (&argc, &argv, "test-window", &home))
    return 0;

  /* the application's own stylesheet, as AdwApplication loads it */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/chronomap/window/open-sample", test_window_open_sample);
  g_test_add_func ("/chronomap/window/october", test_window_october);
  g_test_add_func ("/chronomap/window/select", test_window_select);
  g_test_add_func ("/chronomap/window/reveal-selection", test_window_reveal_selection);
  g_test_add_func ("/chronomap/window/attributes", test_window_attributes);
  g_test_add_func ("/chronomap/window/keyboard-and-play", test_window_keyboard_and_play);
  g_test_add_func ("/chronomap/window/list-tab", test_window_list_tab);
  g_test_add_func ("/chronomap/window/one-empty-state", test_window_one_empty_state);
  g_test_add_func ("/chronomap/window/filter", test_window_filter);
  g_test_add_func ("/chronomap/window/list-order", test_window_list_order);
  g_test_add_func ("/chronomap/window/list-follows-drag", test_window_list_follows_drag);
  g_test_add_func ("/chronomap/window/search-step", test_window_search_step);
  g_test_add_func ("/chronomap/window/bad-file", test_window_bad_file);
  g_test_add_func ("/chronomap/window/places-to-check", test_window_places_to_check);
  g_test_add_func ("/chronomap/window/legend", test_window_legend);
  g_test_add_func ("/chronomap/window/narrow", test_window_narrow);
  g_test_add_func ("/chronomap/window/counter-beside-panel", test_window_counter_beside_panel);
  g_test_add_func ("/chronomap/window/dark-scale", test_window_dark_scale);
  g_test_add_func ("/chronomap/window/dark-bars", test_window_dark_bars);
  g_test_add_func ("/chronomap/window/faint-lines", test_window_faint_lines);
  g_test_add_func ("/chronomap/window/labels-above-marks", test_window_labels_above_marks);
  g_test_add_func ("/chronomap/window/label-glide", test_window_label_glide);
  g_test_add_func ("/chronomap/window/label-over-mark", test_window_label_over_mark);
  g_test_add_func ("/chronomap/window/ring-under-labels", test_window_ring_under_labels);
  g_test_add_func ("/chronomap/window/axis-labels", test_window_axis_labels);
  g_test_add_func ("/chronomap/window/count-scale", test_window_count_scale);
  g_test_add_func ("/chronomap/window/zoom-limit", test_window_zoom_limit);
  g_test_add_func ("/chronomap/window/cut-bins", test_window_cut_bins);
  g_test_add_func ("/chronomap/window/span-tooltip", test_window_span_tooltip);
  g_test_add_func ("/chronomap/window/out-of-sight", test_window_out_of_sight);
  g_test_add_func ("/chronomap/window/presenting", test_window_presenting);
  g_test_add_func ("/chronomap/window/presenting-marks", test_window_presenting_marks);
  g_test_add_func ("/chronomap/window/keys-anywhere", test_window_keys_anywhere);
  g_test_add_func ("/chronomap/window/go-to-date", test_window_go_to_date);
  g_test_add_func ("/chronomap/window/clusters", test_window_clusters);
  g_test_add_func ("/chronomap/window/cluster-list", test_window_cluster_list);
  g_test_add_func ("/chronomap/window/fit-before-shown", test_window_fit_before_shown);
  g_test_add_func ("/chronomap/window/fit-large-screen", test_window_fit_large_screen);
  g_test_add_func ("/chronomap/window/offline-detail", test_window_offline_detail);
  g_test_add_func ("/chronomap/window/map-focus-ring", test_window_map_focus_ring);
  g_test_add_func ("/chronomap/window/add-gazetteer", test_window_add_gazetteer);

  return g_test_run ();
}
