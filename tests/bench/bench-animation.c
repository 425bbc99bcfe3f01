/* bench-animation.c: what a frame of an exported animation costs
 *
 * Builds the seeded events of bench-frame (100,000 of them here) and draws
 * 100 pictures of an animation over Syria and Iraq at 1280×720, a month's
 * window ending a day later each time, as a video's pictures move:
 * first drawing the basemap for each (fresh_ms_*), then keeping it from
 * one picture to the next as chronomap_render_frames() and
 * chronomap_render_video() do (backdrop_ms_*), in the same run.  Prints
 * `key: value` lines: the medians and 95th percentiles, ratio (backdrop
 * median over fresh median: what keeping the basemap saves), and, when
 * GStreamer can write videos, video_ms_per_picture for a four-second
 * WebM video of the same animation (100 pictures, drawn and encoded) and
 * video_ratio, that over fresh_ms_median, and mp4_ms_per_picture and
 * mp4_ratio for the same video in MP4 when an H.264 encoder is there.
 * Wall-clock times: the encoders work on threads of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>

#include "chronomap-basemap.h"
#include "chronomap-bench-utils.h"
#include "chronomap-event-store.h"
#include "chronomap-render-video.h"
#include "chronomap-render-view.h"

#define N_EVENTS   100000
#define N_PICTURES 100
#define WIDTH      1280
#define HEIGHT     720

/* Draws the animation's pictures into an image, timing each into @times. */
static void
draw_pictures (ChronomapEventStore *store,
               ChronomapBasemap    *basemap,
               ChronomapRenderView *view,
               double              *times)
{
  const ChronomapDateStep month = { 1, 'm' };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);

  for (guint i = 0; i < N_PICTURES; i++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_t *cr = cairo_create (surface);

      view->to = view->span_from + 30 + (gint32) i;
      view->from = chronomap_render_window_start (view, &month, view->to);
      chronomap_render_view_draw (store, basemap, view, cr, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "chronomap-bench-animation.sqlite",
                                            NULL);
  g_autofree char *stem = g_build_filename (g_get_tmp_dir (), "chronomap-bench-animation", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autoptr(ChronomapRenderBackdrop) backdrop = NULL;
  ChronomapRenderView view = { 0 };
  double fresh[N_PICTURES], kept[N_PICTURES];
  double fresh_median, kept_median;

  chronomap_bench_build_events (path, N_EVENTS);
  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  basemap = chronomap_basemap_get_default (&error);
  g_assert_no_error (error);
  printf ("events: %u\n", chronomap_event_store_get_n_events (store));

  view.width = WIDTH;
  view.height = HEIGHT;
  view.have_bbox = TRUE;
  view.bbox[0] = 35.0;
  view.bbox[1] = 31.0;
  view.bbox[2] = 48.0;
  view.bbox[3] = 38.0;
  view.fade = TRUE;
  view.have_span = TRUE;
  view.span_from = chronomap_date_from_ymd (2017, 1, 1);
  view.span_to = chronomap_date_from_ymd (2017, 4, 30);

  draw_pictures (store, basemap, &view, fresh);
  backdrop = chronomap_render_backdrop_new ();
  view.backdrop = backdrop;
  draw_pictures (store, basemap, &view, kept);
  view.backdrop = NULL;

  fresh_median = chronomap_bench_percentile (fresh, N_PICTURES, 0.5);
  kept_median = chronomap_bench_percentile (kept, N_PICTURES, 0.5);
  printf ("fresh_ms_median: %.2f\n", fresh_median);
  printf ("fresh_ms_p95: %.2f\n", chronomap_bench_percentile (fresh, N_PICTURES, 0.95));
  printf ("backdrop_ms_median: %.2f\n", kept_median);
  printf ("backdrop_ms_p95: %.2f\n", chronomap_bench_percentile (kept, N_PICTURES, 0.95));
  printf ("ratio: %.2f\n", kept_median / fresh_median);

  for (ChronomapRenderVideoFormat format = CHRONOMAP_RENDER_VIDEO_WEBM;
       format <= CHRONOMAP_RENDER_VIDEO_MP4; format++)
    {
      const ChronomapDateStep month = { 1, 'm' };
      const char *key = format == CHRONOMAP_RENDER_VIDEO_MP4 ? "mp4" : "video";
      g_autofree char *video = g_strconcat (stem, chronomap_render_video_format_suffix (format),
                                            NULL);
      gint64 start;
      guint n_frames = 0;
      double per_picture;

      if (!chronomap_render_video_supported (format, NULL))
        {
          printf ("%s: not supported here\n", key);
          continue;
        }
      start = g_get_monotonic_time ();
      if (!chronomap_render_video (store, basemap, &view, &month, &month, format, video, NULL, NULL,
                                   NULL, &n_frames, &error))
        g_error ("%s", error->message);
      per_picture = (g_get_monotonic_time () - start) / 1000.0 / n_frames;
      printf ("%s_pictures: %u\n", key, n_frames);
      printf ("%s_ms_per_picture: %.2f\n", key, per_picture);
      printf ("%s_ratio: %.2f\n", key, per_picture / fresh_median);
      g_unlink (video);
    }

  g_unlink (path);
  return 0;
}
