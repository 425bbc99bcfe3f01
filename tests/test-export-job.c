/* test-export-job.c: the viewer's exports, written on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real SQLite file (tests/data's three events of early 2023) and the
 * bundled basemap, drawn by jobs as the window starts them; what they
 * write is checked by its pixels and files, and what they tell the
 * window (pictures written, time left) as the busy line shows it.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "chronomap-export-job.h"
#include "chronomap-render-test-utils.h"
#include "chronomap-test-utils.h"

typedef struct
{
  gboolean ok;
  guint    n_images;
  GError  *error;
  gboolean done;
  /* what the job said of its progress once done */
  guint    progress_done;
  guint    progress_total;
  char    *progress_text;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->progress_text, g_free);
}

static void
finished_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ChronomapExportJob *job = CHRONOMAP_EXPORT_JOB (source);
  Outcome *outcome = user_data;

  outcome->ok = chronomap_export_job_run_finish (job, result, &outcome->n_images, &outcome->error);
  chronomap_export_job_get_progress (job, &outcome->progress_done, &outcome->progress_total);
  outcome->progress_text = chronomap_export_job_describe_progress (job);
  outcome->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Outcome *) data)->done;
}

static gboolean
is_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Runs @job (taken) to its end; checks the job goes once the worker is
 * done with it, and the events with it when the caller dropped them. */
static void
run_job (ChronomapExportJob *job,
         GCancellable       *cancellable,
         Outcome            *outcome)
{
  gpointer alive = job;

  g_object_add_weak_pointer (G_OBJECT (job), &alive);
  chronomap_export_job_run_async (job, cancellable, finished_cb, outcome);
  g_object_unref (job);
  g_assert_true (chronomap_test_wait_until (is_done, outcome, 120));
  g_assert_true (chronomap_test_wait_until (is_cleared, &alive, 10));
}

/* The tests' area and size, from @from to @to. */
static void
test_view (ChronomapRenderView *view,
           gint32               from,
           gint32               to)
{
  *view = (ChronomapRenderView) { 0 };
  view->from = from;
  view->to = to;
  view->width = CHRONOMAP_RENDER_TEST_WIDTH;
  view->height = CHRONOMAP_RENDER_TEST_HEIGHT;
  view->have_bbox = TRUE;
  view->bbox[0] = 35, view->bbox[1] = 32, view->bbox[2] = 38, view->bbox[3] = 37;
}

/* Whether the battle at Ariha on 31 January is drawn, red, in @png. */
static gboolean
shows_ariha (const char *png)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
  double x, y, rgb[3];
  gboolean red = FALSE;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, CHRONOMAP_RENDER_TEST_WIDTH);
  /* the battle's red near it: at this zoom it shares a mark with the
   * explosions at Idleb, 13 km away, as on the map */
  chronomap_render_test_project (35.8126, 36.6096, &x, &y);
  for (int dy = -10; dy <= 10 && !red; dy++)
    for (int dx = -10; dx <= 10 && !red; dx++)
      {
        chronomap_render_test_pixel (surface, (int) round (x) + dx, (int) round (y) + dy, rgb);
        red = rgb[0] > 0.7 && rgb[1] < 0.35 && rgb[2] < 0.35;
      }
  cairo_surface_destroy (surface);
  return red;
}

/* The busy line: the picture being written, and once a few seconds
 * tell the pace, how long the rest will take, in minutes once it is a
 * minute and a half or more; once all are written, nothing left to
 * count. */
static void
test_progress_text (void)
{
  const struct { guint done, total; double elapsed; const char *text; } cases[] = {
    { 0, 120, 0, "Saving frame 1 of 120…" },
    { 30, 120, 2.5, "Saving frame 31 of 120…" },
    { 30, 120, 10, "Saving frame 31 of 120 · about 30 seconds left" },
    { 119, 120, 119, "Saving frame 120 of 120 · about 1 second left" },
    { 10, 100, 9.8, "Saving frame 11 of 100 · about 89 seconds left" },
    { 10, 100, 10, "Saving frame 11 of 100 · about 2 minutes left" },
    { 10, 1000, 60, "Saving frame 11 of 1000 · about 99 minutes left" },
    { 3, 3, 4, "Saving frame 3 of 3…" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = chronomap_export_progress_text (cases[i].done, cases[i].total,
                                                              cases[i].elapsed);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* An image of what the map shows, only the events the filters keep: the
 * job keeps its own copy of the view, its credit line and the filters,
 * which the window may drop or change meanwhile. */
static void
test_image (void)
{
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autoptr(ChronomapEventStore) store = chronomap_render_test_load (&basemap);
  g_autofree char *all_png = chronomap_test_tmp_path ("job-all.png");
  g_autofree char *kept_png = chronomap_test_tmp_path ("job-kept.png");
  const ChronomapEvent *events;
  ChronomapRenderView view;
  Outcome outcome = { 0 };
  guint n, n_battles = 0;
  char *credit;
  guint8 *bytes;
  GBytes *mask;

  test_view (&view, chronomap_date_from_ymd (2023, 1, 1), chronomap_date_from_ymd (2023, 3, 31));
  run_job (chronomap_export_job_new (CHRONOMAP_EXPORT_IMAGE, store, basemap, &view, NULL, all_png),
           NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_cmpuint (outcome.n_images, ==, 1);
  /* an image has no frames to count */
  g_assert_cmpuint (outcome.progress_total, ==, 0);
  g_assert_null (outcome.progress_text);
  g_assert_true (shows_ariha (all_png));
  outcome_clear (&outcome);

  /* the battles filtered out */
  events = chronomap_event_store_get_events (store, &n);
  bytes = g_malloc (n);
  for (guint i = 0; i < n; i++)
    {
      bytes[i] = g_strcmp0 (chronomap_event_store_get_string (store, events[i].event_type),
                            "Battles") != 0;
      n_battles += !bytes[i];
    }
  g_assert_cmpuint (n_battles, >=, 1);
  mask = g_bytes_new_take (bytes, n);
  view.mask = g_bytes_get_data (mask, NULL);
  view.mask_len = n;
  credit = g_strdup ("Placed with a test gazetteer");
  view.credit = credit;
  outcome = (Outcome) { 0 };
  {
    ChronomapExportJob *job = chronomap_export_job_new (CHRONOMAP_EXPORT_IMAGE, store, basemap,
                                                        &view, mask, kept_png);

    g_assert_cmpint (chronomap_export_job_get_kind (job), ==, CHRONOMAP_EXPORT_IMAGE);
    g_assert_cmpstr (chronomap_export_job_get_path (job), ==, kept_png);
    /* the window's own copies go before the job runs */
    g_bytes_unref (mask);
    memset (credit, 'x', strlen (credit));
    g_free (credit);
    run_job (job, NULL, &outcome);
  }
  g_assert_no_error (outcome.error);
  g_assert_false (shows_ariha (kept_png));
  outcome_clear (&outcome);
}

/* An animation's frames, a month each: the job counts them as it writes
 * them, and says so; stopped, it says it was. */
static void
test_frames (void)
{
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autoptr(ChronomapEventStore) store = chronomap_render_test_load (&basemap);
  g_autofree char *dir = chronomap_test_tmp_path ("job-frames");
  g_autofree char *stopped_dir = chronomap_test_tmp_path ("job-stopped");
  g_autofree char *first = g_build_filename (dir, "frame-0001.png", NULL);
  g_autofree char *third = g_build_filename (dir, "frame-0003.png", NULL);
  g_autofree char *fourth = g_build_filename (dir, "frame-0004.png", NULL);
  g_autofree char *stopped_first = g_build_filename (stopped_dir, "frame-0001.png", NULL);
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  const ChronomapDateStep month = { 1, 'm' };
  ChronomapRenderView view;
  ChronomapExportJob *job;
  Outcome outcome = { 0 };

  test_view (&view, 0, 0);
  view.have_span = TRUE;
  view.span_from = chronomap_date_from_ymd (2023, 1, 1);
  view.span_to = chronomap_date_from_ymd (2023, 3, 31);
  job = chronomap_export_job_new (CHRONOMAP_EXPORT_FRAMES, store, basemap, &view, NULL, dir);
  chronomap_export_job_set_steps (job, &month, &month);
  /* nothing to tell before it runs */
  g_assert_false (chronomap_export_job_get_progress (job, NULL, NULL));
  run_job (job, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.n_images, ==, 3);
  g_assert_cmpuint (outcome.progress_done, ==, 3);
  g_assert_cmpuint (outcome.progress_total, ==, 3);
  g_assert_true (g_str_has_prefix (outcome.progress_text, "Saving frame 3 of 3"));
  g_assert_true (g_file_test (third, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fourth, G_FILE_TEST_EXISTS));
  /* a month's window: January's battle in January's frame only */
  g_assert_true (shows_ariha (first));
  g_assert_false (shows_ariha (third));
  outcome_clear (&outcome);

  /* stopped before the first frame */
  outcome = (Outcome) { 0 };
  job = chronomap_export_job_new (CHRONOMAP_EXPORT_FRAMES, store, basemap, &view, NULL, stopped_dir);
  chronomap_export_job_set_steps (job, &month, &month);
  g_cancellable_cancel (stop);
  run_job (job, stop, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (outcome.ok);
  g_assert_cmpuint (outcome.progress_done, ==, 0);
  g_assert_false (g_file_test (stopped_first, G_FILE_TEST_EXISTS));
  outcome_clear (&outcome);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/export-job/progress-text", test_progress_text);
  g_test_add_func ("/chronomap/export-job/image", test_image);
  g_test_add_func ("/chronomap/export-job/frames", test_frames);

  return g_test_run ();
}
