/* chronomap-export-job.c: a map image, an animation's frames or a video,
 * written on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The viewer's exports take from a second (an image) to minutes (a
 * video of years), and the window must stay responsive meanwhile.  A job
 * holds what it draws (the events, the basemap, the view with its
 * filters and credit line, its own copies), writes it on a worker thread
 * and counts the pictures written, which the window reads to say how far
 * it is and how long the rest will take.
 */
#define G_LOG_DOMAIN "chronomap-export-job"

#include "config.h"

#include "chronomap-export-job.h"

#include <math.h>

#include <glib/gi18n.h>

struct _ChronomapExportJob
{
  GObject parent_instance;

  ChronomapExportKind        kind;
  ChronomapEventStore       *store;
  ChronomapBasemap          *basemap;
  ChronomapRenderView        view;
  GBytes                    *mask;
  char                      *credit;
  char                      *attribution;
  char                      *path;
  ChronomapDateStep          step;
  ChronomapDateStep          window;
  gboolean                   cumulative;   /* no window: everything until then */
  ChronomapRenderVideoFormat video_format;

  gint64                     started;      /* monotonic µs */
  /* set by the worker */
  int                        done;
  int                        total;
};

G_DEFINE_FINAL_TYPE (ChronomapExportJob, chronomap_export_job, G_TYPE_OBJECT)

static void
chronomap_export_job_finalize (GObject *object)
{
  ChronomapExportJob *self = CHRONOMAP_EXPORT_JOB (object);

  g_clear_object (&self->store);
  g_clear_object (&self->basemap);
  g_clear_pointer (&self->mask, g_bytes_unref);
  g_free (self->credit);
  g_free (self->attribution);
  g_free (self->path);

  G_OBJECT_CLASS (chronomap_export_job_parent_class)->finalize (object);
}

static void
chronomap_export_job_class_init (ChronomapExportJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chronomap_export_job_finalize;
}

static void
chronomap_export_job_init (ChronomapExportJob *self)
{
  self->step = (ChronomapDateStep) { 1, 'm' };
  self->cumulative = TRUE;
}

/**
 * chronomap_export_job_new:
 * @kind: what to write
 * @store: the events
 * @basemap: the map under them
 * @view: what to draw: copied, with its credit line and attribution
 *   (made from the store now if it has none); its mask, if any, must be
 *   the bytes of @mask.  An animation's or a
 *   video's view has its span set
 * @mask: (nullable): the filters' mask that @view's points into, kept
 *   while the job lives
 * @path: the file to write, or for frames their folder
 *
 * Returns: (transfer full): a job, to run with
 *   chronomap_export_job_run_async()
 */
ChronomapExportJob *
chronomap_export_job_new (ChronomapExportKind        kind,
                          ChronomapEventStore       *store,
                          ChronomapBasemap          *basemap,
                          const ChronomapRenderView *view,
                          GBytes                    *mask,
                          const char                *path)
{
  ChronomapExportJob *self;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (store), NULL);
  g_return_val_if_fail (CHRONOMAP_IS_BASEMAP (basemap), NULL);
  g_return_val_if_fail (view != NULL, NULL);
  g_return_val_if_fail (view->mask == NULL || mask != NULL, NULL);
  g_return_val_if_fail (kind == CHRONOMAP_EXPORT_IMAGE || view->have_span, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CHRONOMAP_TYPE_EXPORT_JOB, NULL);
  self->kind = kind;
  self->store = g_object_ref (store);
  self->basemap = g_object_ref (basemap);
  self->view = *view;
  self->mask = mask != NULL ? g_bytes_ref (mask) : NULL;
  self->credit = g_strdup (view->credit);
  /* made here: the worker may not read the store's file, whose
   * connection is this thread's */
  self->attribution = view->attribution != NULL ? g_strdup (view->attribution)
                                                : chronomap_render_attribution (store, view->credit);
  self->view.credit = self->credit;
  self->view.attribution = self->attribution;
  /* the worker's own, made as it goes */
  self->view.backdrop = NULL;
  self->view.glides = NULL;
  self->path = g_strdup (path);
  return self;
}

/**
 * chronomap_export_job_set_steps:
 * @step: how far each frame (each second of video) moves on
 * @window: (nullable): how much each frame shows, up to its last day;
 *   %NULL for everything from the span's start
 *
 * Sets an animation's or a video's steps, before it runs; by default a
 * month a frame, everything until then.
 */
void
chronomap_export_job_set_steps (ChronomapExportJob      *self,
                                const ChronomapDateStep *step,
                                const ChronomapDateStep *window)
{
  g_return_if_fail (CHRONOMAP_IS_EXPORT_JOB (self));
  g_return_if_fail (step != NULL);

  self->step = *step;
  self->cumulative = window == NULL;
  if (window != NULL)
    self->window = *window;
}

void
chronomap_export_job_set_video_format (ChronomapExportJob         *self,
                                       ChronomapRenderVideoFormat  format)
{
  g_return_if_fail (CHRONOMAP_IS_EXPORT_JOB (self));

  self->video_format = format;
}

ChronomapExportKind
chronomap_export_job_get_kind (ChronomapExportJob *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EXPORT_JOB (self), CHRONOMAP_EXPORT_IMAGE);

  return self->kind;
}

const char *
chronomap_export_job_get_path (ChronomapExportJob *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EXPORT_JOB (self), NULL);

  return self->path;
}

/* Called by the worker after each picture. */
static void
picture_written_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  ChronomapExportJob *self = user_data;

  g_atomic_int_set (&self->total, (int) MIN (total, G_MAXINT));
  g_atomic_int_set (&self->done, (int) MIN (done, G_MAXINT));
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ChronomapExportJob *self = source_object;
  const ChronomapDateStep *window = self->cumulative ? NULL : &self->window;
  GError *error = NULL;
  guint n_images = 0;
  gboolean ok = FALSE;

  switch (self->kind)
    {
    case CHRONOMAP_EXPORT_IMAGE:
      ok = chronomap_render_view_to_file (self->store, self->basemap, &self->view, self->path,
                                          NULL, &error);
      n_images = 1;
      break;
    case CHRONOMAP_EXPORT_FRAMES:
      ok = chronomap_render_frames (self->store, self->basemap, &self->view, &self->step, window,
                                    self->path, picture_written_cb, self, cancellable, &n_images,
                                    &error);
      break;
    case CHRONOMAP_EXPORT_VIDEO:
      ok = chronomap_render_video (self->store, self->basemap, &self->view, &self->step, window,
                                   self->video_format, self->path, picture_written_cb, self,
                                   cancellable, &n_images, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (ok)
    g_task_return_int (task, n_images);
  else
    g_task_return_error (task, error);
}

/**
 * chronomap_export_job_run_async:
 * @cancellable: (nullable): stops an animation or a video; what is half
 *   written is removed
 * @callback: called on the caller's thread when the job is done
 *
 * Writes the job's file on a worker thread.  A job runs once.  The job
 * may be dropped last by the worker: nothing it holds may need the
 * caller's thread to go (the store's connection is used by the worker
 * alone meanwhile).
 */
void
chronomap_export_job_run_async (ChronomapExportJob  *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHRONOMAP_IS_EXPORT_JOB (self));
  g_return_if_fail (self->started == 0);

  self->started = g_get_monotonic_time ();
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronomap_export_job_run_async);
  /* what the worker did, though Stop came too late to stop it */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

/**
 * chronomap_export_job_run_finish:
 * @out_n_images: (out) (optional): the pictures written: 1 for an image,
 *   the frames of an animation or a video
 *
 * Returns: whether the file was written; %G_IO_ERROR_CANCELLED if it
 *   was stopped
 */
gboolean
chronomap_export_job_run_finish (ChronomapExportJob  *self,
                                 GAsyncResult        *result,
                                 guint               *out_n_images,
                                 GError             **error)
{
  gssize n;

  g_return_val_if_fail (CHRONOMAP_IS_EXPORT_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (out_n_images != NULL)
    *out_n_images = n > 0 ? (guint) n : 0;
  return n >= 0;
}

/**
 * chronomap_export_job_get_progress:
 * @out_done: (out) (optional): the pictures written so far
 * @out_total: (out) (optional): the pictures to write
 *
 * Safe to call while the worker writes.
 *
 * Returns: whether the number of pictures is known yet (never for an
 *   image)
 */
gboolean
chronomap_export_job_get_progress (ChronomapExportJob *self,
                                   guint              *out_done,
                                   guint              *out_total)
{
  int total, done;

  g_return_val_if_fail (CHRONOMAP_IS_EXPORT_JOB (self), FALSE);

  total = g_atomic_int_get (&self->total);
  done = g_atomic_int_get (&self->done);
  if (out_done != NULL)
    *out_done = (guint) MAX (done, 0);
  if (out_total != NULL)
    *out_total = (guint) MAX (total, 0);
  return total > 0;
}

/**
 * chronomap_export_progress_text:
 * @done: pictures written
 * @total: pictures to write, more than 0
 * @elapsed: seconds since the first began
 *
 * Returns: (transfer full): the picture being written, and once a few
 *   seconds tell the pace, about how long the rest will take: "Saving
 *   frame 31 of 120 · about 9 seconds left"; the last alone once all
 *   are written (the encoder may still be finishing)
 */
char *
chronomap_export_progress_text (guint  done,
                                guint  total,
                                double elapsed)
{
  guint current;
  int left;

  g_return_val_if_fail (total > 0, NULL);

  current = MIN (done + 1, total);
  if (done == 0 || done >= total || elapsed < 3)
    return g_strdup_printf (_("Saving frame %d of %d…"), (int) current, (int) total);
  left = (int) ceil (elapsed * (total - MIN (done, total)) / done);
  if (left >= 90)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Saving frame %d of %d · about %d minute left",
                                         "Saving frame %d of %d · about %d minutes left",
                                         (gulong) (left + 30) / 60),
                            (int) current, (int) total, (left + 30) / 60);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Saving frame %d of %d · about %d second left",
                                       "Saving frame %d of %d · about %d seconds left",
                                       (gulong) left),
                          (int) current, (int) total, left);
}

/**
 * chronomap_export_job_describe_progress:
 *
 * Returns: (transfer full) (nullable): chronomap_export_progress_text()
 *   for the job as it runs, or %NULL before it knows how many pictures
 *   it writes
 */
char *
chronomap_export_job_describe_progress (ChronomapExportJob *self)
{
  guint done, total;

  g_return_val_if_fail (CHRONOMAP_IS_EXPORT_JOB (self), NULL);

  if (self->started == 0 || !chronomap_export_job_get_progress (self, &done, &total))
    return NULL;
  return chronomap_export_progress_text (done, total,
                                         (g_get_monotonic_time () - self->started) /
                                           (double) G_USEC_PER_SEC);
}
