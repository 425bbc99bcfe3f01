/* test-video.c: `chronomap-cli render --frames STEP OUT.webm`, checked by
 * decoding the video and reading its pictures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not in the core suite: GStreamer keeps its registry and plugins for the
 * life of the process, which the sanitizer pass's leak checker would
 * report.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <gst/gst.h>
#include <glib/gstdio.h>

#include "chronomap-basemap.h"
#include "chronomap-event-store.h"
#include "chronomap-render-test-utils.h"
#include "chronomap-render-video.h"
#include "chronomap-test-utils.h"
#include "chronomap-video-test-utils.h"

#define WIDTH CHRONOMAP_RENDER_TEST_WIDTH
#define HEIGHT CHRONOMAP_RENDER_TEST_HEIGHT

static gboolean
has_red_at (cairo_surface_t *picture,
            double           lat,
            double           lon)
{
  double x, y, rgb[3];

  chronomap_render_test_project (lat, lon, &x, &y);
  chronomap_render_test_pixel (picture, (int) round (x), (int) round (y), rgb);
  /* red, if paler as the window moves on from it */
  return rgb[0] > 0.7 && rgb[0] > rgb[1] + 0.25 && rgb[0] > rgb[2] + 0.25;
}

static guint
green_at (cairo_surface_t *picture,
          double           lat,
          double           lon)
{
  double x, y;

  chronomap_render_test_project (lat, lon, &x, &y);
  return chronomap_render_test_count_green (picture, (int) round (x), (int) round (y));
}

/* A month a second over January to March 2023: three seconds, the window
 * a month long and sliding a day at a time, the events in and out of it
 * as a viewer would see them play. */
static void
test_video_months (void)
{
  g_autofree char *db = chronomap_render_test_make_db ();
  g_autofree char *path = chronomap_test_tmp_path ("map.webm");
  g_autofree char *out_text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) pictures = NULL;
  cairo_surface_t *first, *early_feb, *mid_feb, *last;

  g_assert_cmpint (chronomap_render_test_run_cli (db, path, &out_text, NULL, "--frames", "1m",
                                                  "--from", "2023-01", "--to", "2023-03",
                                                  "--bbox", "35,32,38,37", "--size", "800x450",
                                                  NULL), ==, 0);
  expected = g_strdup_printf ("Wrote 3 seconds of video to %s\n", path);
  g_assert_cmpstr (out_text, ==, expected);

  pictures = chronomap_video_test_decode (path, WIDTH, HEIGHT);
  g_assert_cmpuint (pictures->len, ==, 3 * CHRONOMAP_RENDER_VIDEO_FPS);
  first = g_ptr_array_index (pictures, 0);           /* 1–31 January */
  early_feb = g_ptr_array_index (pictures, 12);      /* 14 January – 13 February */
  mid_feb = g_ptr_array_index (pictures, 37);        /* 15 February – 14 March */
  last = g_ptr_array_index (pictures, pictures->len - 1);   /* March */

  /* the battle at Ariha on 31 January: there until a month has passed */
  g_assert_true (has_red_at (first, 35.8126, 36.6096));
  g_assert_true (has_red_at (early_feb, 35.8126, 36.6096));
  g_assert_false (has_red_at (mid_feb, 35.8126, 36.6096));
  g_assert_false (has_red_at (last, 35.8126, 36.6096));
  /* the protest at As-Sweida on 4 March: from the middle of February on */
  g_assert_cmpuint (green_at (first, 32.7090, 36.5695), ==, 0);
  g_assert_cmpuint (green_at (early_feb, 32.7090, 36.5695), ==, 0);
  g_assert_cmpuint (green_at (mid_feb, 32.7090, 36.5695), >, 10);
  g_assert_cmpuint (green_at (last, 32.7090, 36.5695), >, 10);
  /* the legend keeps the battles' red when none is left */
  g_assert_true (chronomap_render_test_legend_has_red (last));
}

typedef struct
{
  GCancellable *cancellable;
  guint         done;
  guint         total;
} Progress;

static void
cancel_after_ten (guint    done,
                  guint    total,
                  gpointer user_data)
{
  Progress *progress = user_data;

  progress->done = done;
  progress->total = total;
  if (done == 10)
    g_cancellable_cancel (progress->cancellable);
}

/* Stopped half-way, nothing is lost: the file of that name is as it was
 * and no part of the video is left beside it. */
static void
test_video_cancel (void)
{
  g_autofree char *dir = chronomap_test_tmp_path ("cancelled");
  g_autofree char *path = g_build_filename (dir, "map.webm", NULL);
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autoptr(ChronomapEventStore) store = chronomap_render_test_load (&basemap);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *contents = NULL;
  ChronomapRenderView view = { 0 };
  ChronomapDateStep step = { 1, 'm' };
  Progress progress = { cancellable, 0, 0 };
  guint n_frames = 99;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "the analyst's own video", -1, NULL));
  view.width = WIDTH;
  view.height = HEIGHT;
  view.have_span = TRUE;
  view.span_from = chronomap_date_from_ymd (2023, 1, 1);
  view.span_to = chronomap_date_from_ymd (2023, 3, 31);

  g_assert_false (chronomap_render_video (store, basemap, &view, &step, &step, path,
                                          cancel_after_ten, &progress, cancellable, &n_frames,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.done, ==, 10);
  g_assert_cmpuint (progress.total, ==, 3 * CHRONOMAP_RENDER_VIDEO_FPS);
  g_assert_cmpuint (n_frames, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the analyst's own video");
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "map.webm");
  g_assert_null (g_dir_read_name (listing));
}

/* A video without a step, and one in a folder that is not there: usage,
 * then a message that names the folder. */
static void
test_video_errors (void)
{
  g_autofree char *db = chronomap_render_test_make_db ();
  g_autofree char *missing = chronomap_test_tmp_path ("no-such-folder");
  g_autofree char *path = g_build_filename (missing, "map.webm", NULL);
  g_autofree char *usage = NULL;
  g_autofree char *failure = NULL;

  g_assert_cmpint (chronomap_render_test_run_cli (db, "map.webm", NULL, &usage, NULL), ==, 2);
  g_assert_nonnull (strstr (usage, "a video needs --frames STEP"));
  g_assert_false (g_file_test ("map.webm", G_FILE_TEST_EXISTS));

  g_assert_cmpint (chronomap_render_test_run_cli (db, path, NULL, &failure, "--frames", "1m",
                                                  NULL), ==, 1);
  g_assert_nonnull (strstr (failure, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/chronomap/video/months", test_video_months);
  g_test_add_func ("/chronomap/video/cancel", test_video_cancel);
  g_test_add_func ("/chronomap/video/errors", test_video_errors);

  return g_test_run ();
}
