/* bench-frame.c: what the event layer adds to a frame, at a million events
 *
 * Builds (seeded) a file of a million events with coordinates — 60 % in
 * forty towns' surroundings, the rest spread from the Sahel to Central
 * Asia, dates 2011–2024, eight types — and shows it in a 1280×800 map with
 * the offline basemap and the event layer.  For 100 successive positions of
 * a 91-day time window (a week apart, as playback moves it), at zoom 3 and
 * zoom 8, it renders the map offscreen with the window's GSK renderer twice
 * in the same run: with the events, and with the layer empty.  Prints
 * `key: value` lines per zoom: frame_ms_median, frame_ms_p95,
 * empty_ms_median, layer_ms_median (the difference), layer_ms_p95 (of the
 * per-frame differences), events_median (the events in the window) and
 * drawn_median (the discs and areas they make).  Goal: layer_ms_median ≤ 8.
 * layer_cpu_ms_median is the same difference in this thread's CPU time:
 * on a machine shared with other jobs the wall-clock figures swing with
 * their load, the CPU time much less, so compare changes by it too.
 *
 * Needs a display (runs under Xvfb in CI).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "chronomap-bench-utils.h"
#include "chronomap-event-layer.h"
#include "chronomap-event-store.h"
#include "chronomap-event-style.h"
#include "chronomap-map-sources.h"

#define N_EVENTS    1000000
#define N_FRAMES    100
#define WIDTH       1280
#define HEIGHT      800
#define WINDOW_DAYS 91

static gboolean
done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_main_loop_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
render_ms (GtkWidget   *widget,
           GskRenderer *renderer,
           const char  *save_png,
           double      *cpu_ms)
{
  double c0 = thread_cpu_ms ();
  double elapsed;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gint64 t0 = g_get_monotonic_time ();

  /* What a frame does: the window snapshots its children, reusing the
   * render nodes of those that did not queue a draw (the basemap), then the
   * renderer draws the whole tree. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  elapsed = (g_get_monotonic_time () - t0) / 1000.0;
  *cpu_ms = thread_cpu_ms () - c0;
  if (save_png != NULL)
    gdk_texture_save_to_png (texture, save_png);
  return elapsed;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "chronomap-bench-frame.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(ChronomapEventStyle) style = NULL;
  g_autoptr(ShumateMapSource) source = NULL;
  static const struct { const char *prefix; double zoom, lat, lon; } views[] = {
    { "z3", 3.0, 30.0, 30.0 },
    { "z8", 8.0, 36.2, 37.15 },
  };
  ShumateViewport *viewport;
  ChronomapEventLayer *layer;
  ShumateMapLayer *map_layer;
  ShumateMap *map;
  GtkWidget *window;
  GskRenderer *renderer;
  gint32 first = chronomap_date_from_ymd (2016, 1, 4);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("skipped: no display\n");
      return 0;
    }

  gtk_init ();
  adw_init ();

  chronomap_bench_build_events (path, N_EVENTS);
  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  style = chronomap_event_style_new (store);
  printf ("events: %u\n", chronomap_event_store_get_n_events (store));

  source = chronomap_map_source_new_offline (FALSE, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  map = shumate_map_new ();
  viewport = shumate_map_get_viewport (map);
  shumate_viewport_set_reference_map_source (viewport, source);
  map_layer = shumate_map_layer_new (source, viewport);
  shumate_map_add_layer (map, SHUMATE_LAYER (map_layer));
  layer = chronomap_event_layer_new (viewport);
  chronomap_event_layer_set_store (layer, store);
  chronomap_event_layer_set_style (layer, style);
  shumate_map_add_layer (map, SHUMATE_LAYER (layer));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop_for (500);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  printf ("renderer: %s\n", G_OBJECT_TYPE_NAME (renderer));
  printf ("window_days: %d\n", WINDOW_DAYS);

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      double full_cpu[N_FRAMES], empty_cpu[N_FRAMES];
      double full[N_FRAMES], empty[N_FRAMES], layer_ms[N_FRAMES], counts[N_FRAMES], drawn[N_FRAMES];

      shumate_viewport_set_zoom_level (viewport, views[v].zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), views[v].lat, views[v].lon);
      /* Let the basemap's tiles arrive: both kinds of frame draw them. */
      run_main_loop_for (3000);

      for (guint f = 0; f < N_FRAMES; f++)
        {
          gint32 from = first + 7 * f;
          g_autofree char *png = NULL;

          chronomap_event_layer_set_window (layer, from, from + WINDOW_DAYS - 1);
          counts[f] = chronomap_event_layer_get_n_visible (layer);
          /* BENCH_FRAME_PNG=prefix saves the last full frame of each view, to look at. */
          if (f == N_FRAMES - 1 && g_getenv ("BENCH_FRAME_PNG") != NULL)
            png = g_strdup_printf ("%s-%s.png", g_getenv ("BENCH_FRAME_PNG"), views[v].prefix);
          full[f] = render_ms (window, renderer, png, &full_cpu[f]);
          drawn[f] = chronomap_event_layer_get_n_drawn (layer);
          /* The same frame with nothing in the window. */
          chronomap_event_layer_set_window (layer, from, from - 1);
          empty[f] = render_ms (window, renderer, NULL, &empty_cpu[f]);
          layer_ms[f] = full[f] - empty[f];
        }

      printf ("%s_frame_ms_median: %.2f\n", views[v].prefix, chronomap_bench_percentile (full, N_FRAMES, 0.5));
      printf ("%s_frame_ms_p95: %.2f\n", views[v].prefix, chronomap_bench_percentile (full, N_FRAMES, 0.95));
      printf ("%s_empty_ms_median: %.2f\n", views[v].prefix, chronomap_bench_percentile (empty, N_FRAMES, 0.5));
      printf ("%s_layer_ms_median: %.2f\n", views[v].prefix,
              chronomap_bench_percentile (full, N_FRAMES, 0.5) - chronomap_bench_percentile (empty, N_FRAMES, 0.5));
      printf ("%s_layer_cpu_ms_median: %.2f\n", views[v].prefix,
              chronomap_bench_percentile (full_cpu, N_FRAMES, 0.5) - chronomap_bench_percentile (empty_cpu, N_FRAMES, 0.5));
      printf ("%s_layer_ms_p95: %.2f\n", views[v].prefix, chronomap_bench_percentile (layer_ms, N_FRAMES, 0.95));
      printf ("%s_drawn_median: %.0f\n", views[v].prefix, chronomap_bench_percentile (drawn, N_FRAMES, 0.5));
      printf ("%s_events_median: %.0f\n", views[v].prefix, chronomap_bench_percentile (counts, N_FRAMES, 0.5));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  return 0;
}
