/* test-video.c: `chronomap-cli render --frames STEP OUT.webm|OUT.mp4`,
 * checked by decoding the video and reading its pictures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not in the core suite: GStreamer keeps its registry and plugins for the
 * life of the process, which the sanitizer pass's leak checker would
 * report.
 */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <cairo.h>
#include <gst/gst.h>
#include <glib/gstdio.h>

#include "chronomap-basemap.h"
#include "chronomap-database.h"
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

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Names in @dir, sorted, joined by spaces ("" for none). */
static char *
listing_of (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A month a second over January to March 2023 into @name: three seconds,
 * the window a month long and sliding a day at a time, the events in and
 * out of it as a viewer would see them play. */
static void
check_months (const char *name)
{
  g_autofree char *db = chronomap_render_test_make_db ();
  g_autofree char *path = chronomap_test_tmp_path (name);
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
  /* the legend keeps the battles' row when none is left, faint */
  g_assert_cmpfloat (chronomap_render_test_legend_redness (first), >, 0.6);
  g_assert_cmpfloat (chronomap_render_test_legend_redness (last), >, 0.15);
  g_assert_cmpfloat (chronomap_render_test_legend_redness (last), <, 0.5);
}

static void
test_video_months (void)
{
  check_months ("map.webm");
}

/* Where @needle is in @length bytes at @data, or %NULL. */
static const guchar *
find_bytes (const char *data,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return (const guchar *) data + i;
  return NULL;
}

/* The boxes at the top of the MP4 file @path, in order, as a string
 * ("ftyp moov mdat"); the H.264 profile of its pictures in @out_profile
 * (from its avcC box: 66 baseline, 77 main, 100 high); whether x264
 * encoded it (it signs its pictures) in @out_x264. */
static char *
mp4_layout (const char *path,
            guint      *out_profile,
            gboolean   *out_x264)
{
  g_autofree char *contents = NULL;
  g_autoptr(GString) layout = g_string_new (NULL);
  const guchar *avcc;
  gsize length = 0, at = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  while (at + 8 <= length)
    {
      const guchar *box = (const guchar *) contents + at;
      guint64 size = (guint64) box[0] << 24 | box[1] << 16 | box[2] << 8 | box[3];

      g_string_append_printf (layout, "%s%.4s", layout->len > 0 ? " " : "", box + 4);
      if (size == 1 && at + 16 <= length)   /* a 64-bit size follows */
        {
          size = 0;
          for (int i = 0; i < 8; i++)
            size = size << 8 | box[8 + i];
        }
      g_assert_cmpuint (size, >=, 8);
      at += size;
    }
  g_assert_cmpuint (at, ==, length);
  avcc = find_bytes (contents, length, "avcC");
  g_assert_nonnull (avcc);
  g_assert_cmpuint ((gsize) (avcc - (const guchar *) contents) + 6, <=, length);
  *out_profile = avcc[5];   /* after the version */
  *out_x264 = find_bytes (contents, length, "x264 - core") != NULL;
  return g_string_free (g_steal_pointer (&layout), FALSE);
}

/* The same video as H.264 in MP4, which PowerPoint, QuickTime and social
 * networks take: a profile every player decodes (4:2:0, not x264's
 * 4:4:4 "high 4:4:4"), and the index before the pictures, so that a
 * browser plays it while it downloads. */
static void
check_months_mp4 (const char *name,
                  gboolean    x264)
{
  g_autofree char *path = chronomap_test_tmp_path (name);
  g_autofree char *layout = NULL;
  guint profile = 0;
  gboolean by_x264 = !x264;

  check_months (name);
  layout = mp4_layout (path, &profile, &by_x264);
  g_assert_cmpint (by_x264, ==, x264);
  g_assert_true (g_str_has_prefix (layout, "ftyp moov "));
  g_assert_nonnull (strstr (layout, "mdat"));
  g_assert_true (profile == 66 || profile == 77 || profile == 100);
}

/* Whether GStreamer has the element @name; the test is skipped if not. */
static gboolean
have_element (const char *name)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (name);

  if (factory == NULL)
    g_test_skip_printf ("GStreamer's %s is not installed", name);
  return factory != NULL;
}

/* with x264, the encoder GStreamer ranks first; the pictures mp4mux
 * holds until its index is written wait beside the video, not in a
 * temporary folder (which here is not there) */
static void
test_video_months_mp4 (void)
{
  if (!have_element ("x264enc"))
    return;
  g_setenv ("TMPDIR", "/nonexistent", TRUE);
  check_months_mp4 ("map.mp4", TRUE);
  g_unsetenv ("TMPDIR");
}

/* with OpenH264, which some distributions and runtimes have instead:
 * x264 ranked out of the way, as GStreamer lets a user do; it stops at
 * 4096 × 2304, and says so */
static void
test_video_months_openh264 (void)
{
  g_autofree char *db = NULL;
  g_autofree char *dir = chronomap_test_tmp_path ("openh264-large");
  g_autofree char *large = g_build_filename (dir, "large.mp4", NULL);
  g_autofree char *failure = NULL;
  g_autofree char *names = NULL;

  if (!have_element ("openh264enc") || !have_element ("h264parse"))
    return;
  g_setenv ("GST_PLUGIN_FEATURE_RANK", "x264enc:NONE", TRUE);
  check_months_mp4 ("map-openh264.mp4", FALSE);

  db = chronomap_render_test_make_db ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (chronomap_render_test_run_cli (db, large, NULL, &failure, "--frames", "1m",
                                                  "--size", "4096x2400", NULL), ==, 1);
  g_assert_nonnull (strstr (failure, "at most 9,437,184 pixels (4096 × 2304)"));
  g_unsetenv ("GST_PLUGIN_FEATURE_RANK");
  names = listing_of (dir);
  g_assert_cmpstr (names, ==, "");
}

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_at;
  guint         done;
  guint         total;
} Progress;

/* Cancels after picture @cancel_at (0: the last). */
static void
cancel_when (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  progress->done = done;
  progress->total = total;
  if (done == (progress->cancel_at != 0 ? progress->cancel_at : total))
    g_cancellable_cancel (progress->cancellable);
}

/* A video of @n_months months over the file @file, stopped after
 * picture @cancel_at (0: the last): nothing is lost, the file is as it
 * was and no part of the video is left beside it. */
static void
check_cancelled (const char *name,
                 const char *file,
                 int         n_months,
                 guint       cancel_at)
{
  g_autofree char *dir = chronomap_test_tmp_path (name);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autoptr(ChronomapEventStore) store = chronomap_render_test_load (&basemap);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  ChronomapRenderView view = { 0 };
  ChronomapDateStep step = { 1, 'm' };
  ChronomapRenderVideoFormat format = CHRONOMAP_RENDER_VIDEO_WEBM;
  Progress progress = { cancellable, cancel_at, 0, 0 };
  guint n_frames = 99;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "the analyst's own video", -1, NULL));
  view.width = WIDTH;
  view.height = HEIGHT;
  view.have_span = TRUE;
  view.span_from = chronomap_date_from_ymd (2023, 1, 1);
  view.span_to = chronomap_date_from_ymd (2023, 1 + n_months, 1) - 1;

  g_assert_true (chronomap_render_video_format_for_path (path, &format));
  g_assert_false (chronomap_render_video (store, basemap, &view, &step, &step, format, path,
                                          cancel_when, &progress, cancellable, &n_frames,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.total, ==, n_months * CHRONOMAP_RENDER_VIDEO_FPS);
  g_assert_cmpuint (progress.done, ==, cancel_at != 0 ? cancel_at : progress.total);
  g_assert_cmpuint (n_frames, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the analyst's own video");
  names = listing_of (dir);
  g_assert_cmpstr (names, ==, file);
}

/* Stopped half-way. */
/* Pixels of @a and @b that differ clearly, past the encoder's noise. */
static guint
pixels_changed (cairo_surface_t *a,
                cairo_surface_t *b)
{
  guint changed = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        double pa[3], pb[3];

        chronomap_render_test_pixel (a, x, y, pa);
        chronomap_render_test_pixel (b, x, y, pb);
        changed += fabs (pa[0] - pb[0]) > 0.25 || fabs (pa[1] - pb[1]) > 0.25 ||
                   fabs (pa[2] - pb[2]) > 0.25;
      }
  return changed;
}

/* A day a second: on the third day a dozen events land on Beirut's dot,
 * as the bundled basemap places it, and the town's name glides out of
 * their disc in the pictures after, then stays. */
static void
test_video_label_glide (void)
{
  g_autoptr(GString) sql = g_string_new (chronomap_database_get_schema_sql ());
  g_autofree char *db = NULL;
  g_autofree char *path = chronomap_test_tmp_path ("glide.webm");
  g_autoptr(GPtrArray) pictures = NULL;
  guint landing, gliding, after;

  for (int i = 0; i < 12; i++)
    g_string_append (sql, "INSERT INTO events (date_start, event_type, location, latitude, longitude) "
                          "VALUES ('2023-05-03', 'Battles', 'Beirut', 33.8933, 35.5016);");
  db = chronomap_test_make_db ("glide.sqlite", sql->str);
  g_assert_cmpint (chronomap_render_test_run_cli (db, path, NULL, NULL, "--frames", "1d",
                                                  "--from", "2023-05-01", "--to", "2023-05-05",
                                                  "--bbox", "35,32,38,37", "--size", "800x450",
                                                  NULL), ==, 0);
  pictures = chronomap_video_test_decode (path, WIDTH, HEIGHT);
  g_assert_cmpuint (pictures->len, >=, 3 * CHRONOMAP_RENDER_VIDEO_FPS);
  /* the third second: the disc lands at its first picture; half a
   * second on the name is beside the disc, and stays there */
  landing = pixels_changed (g_ptr_array_index (pictures, 2 * CHRONOMAP_RENDER_VIDEO_FPS),
                            g_ptr_array_index (pictures, 2 * CHRONOMAP_RENDER_VIDEO_FPS + 2));
  gliding = pixels_changed (g_ptr_array_index (pictures, 2 * CHRONOMAP_RENDER_VIDEO_FPS),
                            g_ptr_array_index (pictures, 2 * CHRONOMAP_RENDER_VIDEO_FPS + 12));
  after = pixels_changed (g_ptr_array_index (pictures, 2 * CHRONOMAP_RENDER_VIDEO_FPS + 12),
                          g_ptr_array_index (pictures, 3 * CHRONOMAP_RENDER_VIDEO_FPS - 1));
  g_test_message ("pixels changed: %u in two pictures, %u in twelve, %u in the rest of the second",
                  landing, gliding, after);
  g_assert_cmpuint (landing, >=, 20);
  g_assert_cmpuint (gliding, >=, landing);
  g_assert_cmpuint (after, <, 20);
}

static void
test_video_cancel (void)
{
  check_cancelled ("cancelled", "map.webm", 3, 10);
}

/* Stopped after its last picture, while the encoder finishes: not saved
 * either, as the Stop button then says. */
static void
test_video_cancel_at_end (void)
{
  check_cancelled ("cancelled-at-end", "map.webm", 1, 0);
}

/* An MP4 stopped half-way or at its end: neither the video's part nor
 * the pictures MP4's index waited for are left. */
static void
test_video_cancel_mp4 (void)
{
  check_cancelled ("cancelled-mp4", "map.mp4", 3, 10);
  check_cancelled ("cancelled-mp4-at-end", "map.mp4", 1, 0);
}

static gboolean
long_video_begun (gpointer dir)
{
  return chronomap_video_test_part_written (dir, "long.webm");
}

/* Ctrl+C during a long video from the CLI: it stops at the next picture,
 * fails, and leaves nothing behind. */
static void
test_video_interrupted (void)
{
  /* five years a day a second: an hour of video, stopped in its first seconds */
  g_autofree char *db = chronomap_test_sample_path ();
  g_autofree char *dir = chronomap_test_tmp_path ("interrupted");
  g_autofree char *path = g_build_filename (dir, "long.webm", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("CHRONOMAP_CLI"), "render", "--frames", "1d", "--size", "800x450",
                         db, path, NULL };
  GPid pid;
  int status;

  g_assert_nonnull (argv[0]);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_assert_true (chronomap_test_wait_until (long_video_begun, dir, 60));
  g_assert_cmpint (kill (pid, SIGINT), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  names = listing_of (dir);
  g_assert_cmpstr (names, ==, "");
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

  g_assert_cmpint (chronomap_render_test_run_cli (db, path, NULL, &failure, "--frames", "1m",
                                                  NULL), ==, 1);
  g_assert_nonnull (strstr (failure, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* A video wider than the largest: refused before anything is written. */
static void
test_video_too_large (void)
{
  g_autofree char *db = chronomap_render_test_make_db ();
  g_autofree char *dir = chronomap_test_tmp_path ("too-large");
  g_autofree char *path = g_build_filename (dir, "wide.webm", NULL);
  g_autofree char *failure = NULL;
  g_autofree char *names = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (chronomap_render_test_run_cli (db, path, NULL, &failure, "--frames", "1m",
                                                  "--size", "9000x900", NULL), ==, 1);
  g_assert_nonnull (strstr (failure, "A video is at most 8192 pixels wide and high"));
  names = listing_of (dir);
  g_assert_cmpstr (names, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/chronomap/video/months", test_video_months);
  g_test_add_func ("/chronomap/video/months-mp4", test_video_months_mp4);
  g_test_add_func ("/chronomap/video/months-openh264", test_video_months_openh264);
  g_test_add_func ("/chronomap/video/label-glide", test_video_label_glide);
  g_test_add_func ("/chronomap/video/cancel", test_video_cancel);
  g_test_add_func ("/chronomap/video/cancel-at-end", test_video_cancel_at_end);
  g_test_add_func ("/chronomap/video/cancel-mp4", test_video_cancel_mp4);
  g_test_add_func ("/chronomap/video/interrupted", test_video_interrupted);
  g_test_add_func ("/chronomap/video/errors", test_video_errors);
  g_test_add_func ("/chronomap/video/too-large", test_video_too_large);

  return g_test_run ();
}
