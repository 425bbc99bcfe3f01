/* chronomap-map-exporter.c: saving what a window's map shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export Map Image, Export Animation Frames and Export Video: the dialogs
 * that ask where and how, the picture of the map as the renderer takes it
 * (its area, size, days and filters), and the job that writes it on a
 * worker thread (chronomap-export-job.c).  One export at a time; the
 * window shows it busy while it runs ("started", "progress", "finished"),
 * and keeps what it reads from changing meanwhile.  A window that closes detaches
 * its exporter, which stops and tells nobody.
 */
#define G_LOG_DOMAIN "chronomap-map-exporter"

#include "config.h"

#include "chronomap-map-exporter.h"

#include <string.h>

#include <glib/gi18n.h>

#include "chronomap-basemap.h"
#include "chronomap-export-job.h"
#include "chronomap-paths.h"
#include "chronomap-placement.h"
#include "chronomap-render-video.h"
#include "chronomap-render-view.h"
#include "chronomap-save-chooser.h"

struct _ChronomapMapExporter
{
  GObject             parent_instance;

  ChronomapWindow    *window;        /* unowned, %NULL once detached */
  ChronomapWindow    *held;          /* the window, kept while an export runs */
  ShumateSimpleMap   *map;           /* the window's */
  GSettings          *settings;      /* (nullable) */
  GCancellable       *cancellable;   /* while an export runs */
  ChronomapExportJob *job;           /* the one being saved */
  GApplication       *app;           /* held until it is */
  guint               progress_id;
  char               *folder;        /* where the last export went, or %NULL */
  const char         *image_suffix;  /* the last image's format: ".png", ".svg", ".pdf" */
};

G_DEFINE_FINAL_TYPE (ChronomapMapExporter, chronomap_map_exporter, G_TYPE_OBJECT)

enum
{
  STARTED,
  PROGRESS,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the largest image export, times the map's pixels: 4 gives a full HD
 * window's map at print resolution */
#define IMAGE_SCALE_MAX 4

static ChronomapEventStore *
store_of (ChronomapMapExporter *self)
{
  return chronomap_window_get_store (self->window);
}

static ChronomapViewModel *
model_of (ChronomapMapExporter *self)
{
  return chronomap_window_get_model (self->window);
}

static ChronomapTimeline *
timeline_of (ChronomapMapExporter *self)
{
  return chronomap_window_get_timeline (self->window);
}

static GFile *
file_of (ChronomapMapExporter *self)
{
  return chronomap_window_get_file (self->window);
}

static GPtrArray *
placements_of (ChronomapMapExporter *self)
{
  return chronomap_window_get_placements (self->window);
}

/* Whether the window is loading, placing or saving: nothing to export
 * then, or no window at all. */
static gboolean
is_busy (ChronomapMapExporter *self)
{
  return self->window == NULL || chronomap_window_get_busy (self->window);
}

static void
show_error (ChronomapMapExporter *self,
            const char           *heading,
            const char           *body)
{
  if (self->window != NULL)
    chronomap_show_error (GTK_WINDOW (self->window), heading, body);
}

/* The busy line counts the frames while they are written. */
static gboolean
frames_progress_cb (gpointer user_data)
{
  ChronomapMapExporter *self = user_data;
  g_autofree char *text = NULL;

  if (self->job != NULL &&
      (text = chronomap_export_job_describe_progress (self->job)) != NULL)
    g_signal_emit (self, signals[PROGRESS], 0, text);
  return G_SOURCE_CONTINUE;
}

/* A map image or an animation's frames saved, or not: a toast, or an
 * error dialog. */
static void
rendered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ChronomapMapExporter) self = user_data;
  /* until the worker is done, part-file removed and all */
  g_autoptr(ChronomapWindow) held = g_steal_pointer (&self->held);
  ChronomapExportJob *job = CHRONOMAP_EXPORT_JOB (source);
  ChronomapExportKind kind = chronomap_export_job_get_kind (job);
  const char *path = chronomap_export_job_get_path (job);
  g_autofree char *basename = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  guint n_frames = 0, done = 0;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  if (self->job == job)
    g_clear_object (&self->job);
  chronomap_export_job_run_finish (job, result, &n_frames, &error);
  chronomap_export_job_get_progress (job, &done, NULL);
  if (self->app != NULL)
    {
      g_application_release (self->app);
      g_clear_object (&self->app);
    }
  /* stopped with the window, whose widgets are gone: nobody to tell */
  if (self->window == NULL)
    return;
  g_signal_emit (self, signals[FINISHED], 0);
  /* stopped with the Stop button */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = NULL;

      if (kind == CHRONOMAP_EXPORT_VIDEO)
        text = g_strdup (_("Stopped: the video was not saved"));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Stopped after %d frame in “%s”",
                                             "Stopped after %d frames in “%s”",
                                             (gulong) done),
                                (int) done, basename);
      chronomap_window_add_toast (self->window, chronomap_toast_new (text));
    }
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, kind == CHRONOMAP_EXPORT_VIDEO  ? _("Could not save the video") :
                          kind == CHRONOMAP_EXPORT_FRAMES ? _("Could not save the animation") :
                                                            _("Could not save the map image"),
                    error->message);
      return;
    }
  if (kind == CHRONOMAP_EXPORT_VIDEO)
    {
      g_autofree char *text = g_strdup_printf (_("Saved the video as “%s”"), basename);
      AdwToast *toast = chronomap_toast_new (text);

      adw_toast_set_button_label (toast, _("_Play"));
      adw_toast_set_action_name (toast, "win.show-file");
      adw_toast_set_action_target_value (toast, g_variant_new_string (path));
      chronomap_window_add_toast (self->window, toast);
    }
  else if (kind == CHRONOMAP_EXPORT_IMAGE)
    {
      g_autofree char *text = g_strdup_printf (_("Saved the map as “%s”"), basename);
      AdwToast *toast = chronomap_toast_new (text);

      /* to look at it before it goes into a report, as a video is played */
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.show-file");
      adw_toast_set_action_target_value (toast, g_variant_new_string (path));
      chronomap_window_add_toast (self->window, toast);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Saved %d frame in “%s”",
                                                            "Saved %d frames in “%s”",
                                                            (gulong) n_frames),
                                               (int) n_frames, basename);
      AdwToast *toast = chronomap_toast_new (text);

      adw_toast_set_button_label (toast, _("_Show Frames"));
      adw_toast_set_action_name (toast, "win.show-file");
      adw_toast_set_action_target_value (toast, g_variant_new_string (path));
      chronomap_window_add_toast (self->window, toast);
    }
}

/* The name of the window's file without its suffix: "sample" */
static char *
file_stem (ChronomapMapExporter *self)
{
  char *basename = g_file_get_basename (file_of (self));
  char *dot;

  if ((dot = strrchr (basename, '.')) != NULL && dot != basename)
    *dot = '\0';
  return basename;
}

/* Where to save what the window shows: beside the data it shows, or for
 * the bundled sample in @fallback (Pictures for images, as screenshots
 * are), not wherever the app was started from. */
static char *
save_folder (ChronomapMapExporter *self,
             GUserDirectory        fallback)
{
  g_autofree char *path = g_file_get_path (file_of (self));

  /* the folder the last export went to, while it is there: a second
   * picture goes beside the first */
  if (self->folder != NULL && g_file_test (self->folder, G_FILE_TEST_IS_DIR))
    return g_strdup (self->folder);
  return chronomap_paths_save_folder (path, fallback);
}

/* How much an animation's pictures show: the time window's length, or
 * %NULL with "Up to Now".  A window of whole months stays whole months
 * ("March" then "April"). */
static const ChronomapDateStep *
animation_window (ChronomapMapExporter *self,
                  ChronomapDateStep    *window)
{
  gint32 from = chronomap_view_model_get_from (model_of (self));
  gint32 to = chronomap_view_model_get_to (model_of (self));
  int y1, m1, d1, y2, m2, d2, n_months;

  if (chronomap_view_model_get_cumulative (model_of (self)))
    return NULL;
  chronomap_date_to_ymd (from, &y1, &m1, &d1);
  chronomap_date_to_ymd (to + 1, &y2, &m2, &d2);
  n_months = (y2 - y1) * 12 + (m2 - m1);
  if (d1 == 1 && d2 == 1 && n_months > 0)
    *window = (ChronomapDateStep) { n_months, 'm' };
  else
    *window = (ChronomapDateStep) { MAX (to - from + 1, 1), 'd' };
  return window;
}

/* The span of an animation of the days @first to @last at @step a
 * second, showing @window: @first's month to @last's when its pictures
 * show whole months, as the timeline's do ("March 2019" last, not "1
 * March – 20 March"), or @first to @last. */
static void
animation_span (ChronomapRenderView     *view,
                gint32                   first,
                gint32                   last,
                const ChronomapDateStep *step,
                const ChronomapDateStep *window)
{
  char unit = window != NULL ? window->unit : step->unit;
  gboolean months = unit == 'm' || unit == 'y';

  view->have_span = TRUE;
  view->span_from = months ? chronomap_date_period_start (first, CHRONOMAP_DATE_PRECISION_MONTH) : first;
  view->span_to = months ? chronomap_date_period_end (last, CHRONOMAP_DATE_PRECISION_MONTH) : last;
}

/* How many pictures an animation of the days @first to @last at @step
 * a second has: as many as the seconds its video lasts, and its frames. */
static int
animation_steps (ChronomapMapExporter    *self,
                 gint32                   first,
                 gint32                   last,
                 const ChronomapDateStep *step)
{
  ChronomapDateStep window_step;
  const ChronomapDateStep *window = animation_window (self, &window_step);
  ChronomapRenderView view = { 0 };

  animation_span (&view, first, last, step, window);
  return chronomap_render_count_steps (&view, step, window);
}

/* An animation's length: "4 min 33 s" for a video, "273 frames". */
static char *
animation_length (int      steps,
                  gboolean frames)
{
  if (frames)
    /* Translators: how many pictures an animation's frames are */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d frame", "%d frames", steps), steps);
  return steps >= 3600 ? g_strdup_printf (_("%d h %02d min"), steps / 3600, steps / 60 % 60) :
         steps >= 60 ? g_strdup_printf (_("%d min %02d s"), steps / 60, steps % 60) :
                       g_strdup_printf (_("%d s"), steps);
}

/* The choices of an animation's dialog: its size, period and pace, the
 * pace with the length each gives, as a video's seconds or as @frames. */
static void
add_animation_choices (ChronomapMapExporter *self,
                       ChronomapSaveChooser *chooser,
                       gboolean              frames)
{
  gint32 first = 0, last = 0, view_first, view_last;
  gboolean has_view;

  /* the map's size, or a screen's or a video site's */
  {
    GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->map));
    const char *ids[] = { "0", "720", "1080", NULL };
    g_autofree char *as_shown = g_strdup_printf (_("As on screen, %d × %d"),
                                                 MAX (gtk_widget_get_width (map), 64) & ~1,
                                                 MAX (gtk_widget_get_height (map), 64) & ~1);
    const char *labels[] = { as_shown, _("HD, 1280 × 720"), _("Full HD, 1920 × 1080"), NULL };

    chronomap_save_chooser_add_choice (chooser, "size", _("Size"), ids, labels, "0");
  }
  /* from the first event to the last, or what the timeline shows when
   * it is zoomed in on a part: the fall of a town, not five years */
  chronomap_event_store_get_range (store_of (self), &first, &last);
  chronomap_timeline_get_view (timeline_of (self), &view_first, &view_last);
  view_first = MAX (view_first, first);
  view_last = MIN (view_last, last);
  has_view = view_first <= view_last && (view_first > first || view_last < last);
  if (has_view)
    {
      const char *ids[] = { "all", "view", NULL };
      /* short, as the pace says how long each lasts: the dialog's
       * choices are side by side, and must fit a 1280-pixel screen */
      const char *labels[] = { _("Every event"), _("The timeline’s view"), NULL };

      chronomap_save_chooser_add_choice (chooser, "period", _("Period"), ids, labels, "all");
      g_object_set_data (G_OBJECT (chooser), "has-period", GINT_TO_POINTER (TRUE));
      g_object_set_data (G_OBJECT (chooser), "view-first", GINT_TO_POINTER (view_first));
      g_object_set_data (G_OBJECT (chooser), "view-last", GINT_TO_POINTER (view_last));
    }
  /* how fast, each with how long the video lasts: at the timeline's
   * speed five years of weeks take four and a half minutes */
  {
    static const char * const paces[] = {
      N_("A day a second"), N_("A week a second"), N_("A month a second"), N_("Three months a second"),
      N_("A year a second"),
    };
    /* a frame for each second of the video */
    static const char * const frame_paces[] = {
      N_("A frame a day"), N_("A frame a week"), N_("A frame a month"), N_("A frame every three months"),
      N_("A frame a year"),
    };
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
    const char *ids[] = { "0", "1", "2", "3", "4", NULL };
    char chosen[4];

    G_STATIC_ASSERT (G_N_ELEMENTS (paces) == CHRONOMAP_TIMELINE_N_SPEEDS);
    G_STATIC_ASSERT (G_N_ELEMENTS (frame_paces) == CHRONOMAP_TIMELINE_N_SPEEDS);
    for (guint k = 0; k < G_N_ELEMENTS (paces); k++)
      {
        const char *pace = frames ? _(frame_paces[k]) : _(paces[k]);
        const ChronomapDateStep *step = chronomap_timeline_speed_step (k);
        g_autofree char *length = animation_length (animation_steps (self, first, last, step), frames);

        if (has_view)
          {
            g_autofree char *view_length =
              animation_length (animation_steps (self, view_first, view_last, step), frames);

            /* Translators: a video's pace and length, of every event and of
             * the timeline's view: "A week a second, 4 min 33 s (view: 13 s)" */
            g_ptr_array_add (labels, g_strdup_printf (_("%s, %s (view: %s)"), pace, length,
                                                      view_length));
          }
        else
          /* Translators: a video's pace and length, "A week a second, 4 min 33 s" */
          g_ptr_array_add (labels, g_strdup_printf (_("%s, %s"), pace, length));
      }
    g_ptr_array_add (labels, NULL);
    g_snprintf (chosen, sizeof chosen, "%u",
                chronomap_timeline_nearest_speed (chronomap_timeline_get_speed (timeline_of (self))));
    chronomap_save_chooser_add_choice (chooser, "speed", _("Pace"), ids,
                                       (const char * const *) labels->pdata, chosen);
  }
}

/* @path (taken) with @suffix, which the name given lacked: %NULL, and
 * an error dialog, when a file of that name is there already. */
static char *
with_suffix (ChronomapMapExporter *self,
             char                 *path,
             const char           *suffix,
             const char           *failure)
{
  g_autoptr(GError) error = NULL;
  char *full = chronomap_save_path_with_suffix (path, suffix, &error);

  g_free (path);
  if (full == NULL)
    show_error (self, failure, error->message);
  return full;
}

/* The format Export Video offers first: the last one chosen, MP4 unless
 * no H.264 encoder is installed. */
static ChronomapRenderVideoFormat
default_video_format (ChronomapMapExporter *self)
{
  g_autofree char *last = self->settings != NULL ?
                          g_settings_get_string (self->settings, "video-format") : NULL;
  ChronomapRenderVideoFormat format = g_strcmp0 (last, "webm") == 0 ?
                                      CHRONOMAP_RENDER_VIDEO_WEBM : CHRONOMAP_RENDER_VIDEO_MP4;

  if (chronomap_render_video_supported (format, NULL))
    return format;
  return format == CHRONOMAP_RENDER_VIDEO_MP4 ? CHRONOMAP_RENDER_VIDEO_WEBM :
                                                CHRONOMAP_RENDER_VIDEO_MP4;
}

static gboolean export_video_in_format (ChronomapMapExporter       *self,
                                        char                       *path,
                                        ChronomapRenderVideoFormat  format,
                                        int                         height,
                                        double                      days_per_second,
                                        gint32                      first,
                                        gint32                      last);

/* An animation's size, pace and period, as the dialog's choices say:
 * @height 0 for the map's own size, @days_per_second 0 for the
 * timeline's, @last less than @first for every event. */
static void
animation_chosen (ChronomapSaveChooser *chooser,
                  int                  *height,
                  double               *days_per_second,
                  gint32               *first,
                  gint32               *last)
{
  const char *size = chronomap_save_chooser_get_choice (chooser, "size");
  const char *pace = chronomap_save_chooser_get_choice (chooser, "speed");
  gboolean has_period = g_object_get_data (G_OBJECT (chooser), "has-period") != NULL;
  const char *period = has_period ? chronomap_save_chooser_get_choice (chooser, "period") : NULL;
  guint64 k = pace != NULL ? g_ascii_strtoull (pace, NULL, 10) : CHRONOMAP_TIMELINE_N_SPEEDS;

  *height = size != NULL ? (int) g_ascii_strtoll (size, NULL, 10) : 0;
  if (*height != 720 && *height != 1080)
    *height = 0;
  *days_per_second = k < CHRONOMAP_TIMELINE_N_SPEEDS ? chronomap_timeline_speed_days ((guint) k) : 0;
  *first = 1;   /* every event */
  *last = 0;
  if (g_strcmp0 (period, "view") == 0)
    {
      *first = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "view-first"));
      *last = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "view-last"));
    }
}

/* The video's file and type, chosen: its size, pace and period as the
 * dialog's choices say. */
static void
video_saved_cb (ChronomapSaveChooser *chooser,
                const char           *path,
                const char           *suffix,
                ChronomapMapExporter *self)
{
  ChronomapRenderVideoFormat format = g_strcmp0 (suffix, ".webm") == 0 ? CHRONOMAP_RENDER_VIDEO_WEBM
                                                                        : CHRONOMAP_RENDER_VIDEO_MP4;
  double days_per_second;
  gint32 first, last;
  int height;

  animation_chosen (chooser, &height, &days_per_second, &first, &last);
  /* offered first next time, once it is being written */
  if (export_video_in_format (self, g_strdup (path), format, height, days_per_second, first, last) &&
      self->settings != NULL)
    g_settings_set_string (self->settings, "video-format",
                           format == CHRONOMAP_RENDER_VIDEO_MP4 ? "mp4" : "webm");
}

static void
video_refused_cb (ChronomapSaveChooser *chooser,
                  const char           *message,
                  ChronomapMapExporter *self)
{
  show_error (self, _("Could not save the video"), message);
}

/**
 * chronomap_map_exporter_choose_video:
 *
 * Export Video: asks where to save the video, as what type, at what size,
 * pace and period, then saves it.
 */
void
chronomap_map_exporter_choose_video (ChronomapMapExporter *self)
{
  g_return_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self));

  g_autoptr(ChronomapSaveChooser) chooser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  ChronomapRenderVideoFormat format;

  if (self->window == NULL || file_of (self) == NULL)
    return;
  /* said before the user picks a name, not after */
  format = default_video_format (self);
  if (!chronomap_render_video_supported (format, &error))
    {
      show_error (self, _("Could not save the video"), error->message);
      return;
    }
  stem = file_stem (self);
  name = g_strconcat (stem, chronomap_render_video_format_suffix (format), NULL);
  {
    g_autofree char *folder = save_folder (self, G_USER_DIRECTORY_VIDEOS);

    chooser = chronomap_save_chooser_new (GTK_WINDOW (self->window), _("Export Video"), folder, name);
  }
  /* MP4 for slide decks and social networks, when it can be written;
   * WebM, free of patents, for the web and GNOME */
  if (chronomap_render_video_supported (CHRONOMAP_RENDER_VIDEO_MP4, NULL))
    chronomap_save_chooser_add_type (chooser, _("MP4 video (H.264)"), "video/mp4", ".mp4",
                                     format == CHRONOMAP_RENDER_VIDEO_MP4);
  if (chronomap_render_video_supported (CHRONOMAP_RENDER_VIDEO_WEBM, NULL))
    chronomap_save_chooser_add_type (chooser, _("WebM video (VP8)"), "video/webm", ".webm",
                                     format == CHRONOMAP_RENDER_VIDEO_WEBM);
  /* a name typed as the other type, which can't be written, says so */
  chronomap_save_chooser_add_suffix (chooser, ".mp4");
  chronomap_save_chooser_add_suffix (chooser, ".webm");
  add_animation_choices (self, chooser, FALSE);
  g_signal_connect_object (chooser, "saved", G_CALLBACK (video_saved_cb), self, 0);
  g_signal_connect_object (chooser, "refused", G_CALLBACK (video_refused_cb), self, 0);
  chronomap_save_chooser_show (chooser);
}

/* The frames' new folder, chosen: their size, pace and period as the
 * dialog's choices say. */
static void
frames_saved_cb (ChronomapSaveChooser *chooser,
                 const char           *path,
                 const char           *suffix,
                 ChronomapMapExporter *self)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  double days_per_second;
  gint32 first, last;
  int height;

  animation_chosen (chooser, &height, &days_per_second, &first, &last);
  chronomap_map_exporter_export_animation (self, folder, height, days_per_second, first, last);
}

static void
frames_refused_cb (ChronomapSaveChooser *chooser,
                   const char           *message,
                   ChronomapMapExporter *self)
{
  show_error (self, _("Could not save the animation"), message);
}

/**
 * chronomap_map_exporter_choose_animation:
 *
 * Export Animation Frames: the video's pictures, a frame a step, for a
 * slide deck or another editor, in a new folder; the same choices as
 * Export Video.
 */
void
chronomap_map_exporter_choose_animation (ChronomapMapExporter *self)
{
  g_return_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self));

  g_autoptr(ChronomapSaveChooser) chooser = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;

  if (self->window == NULL || file_of (self) == NULL)
    return;
  /* a new folder for the frames, named as the data: never frames
   * scattered among the user's own files */
  stem = file_stem (self);
  /* TRANSLATORS: the folder of an animation's frames; %s is the data file's name */
  name = g_strdup_printf (_("%s frames"), stem);
  folder = save_folder (self, G_USER_DIRECTORY_VIDEOS);
  chooser = chronomap_save_chooser_new (GTK_WINDOW (self->window), _("Export Animation Frames"), folder,
                                        name);
  chronomap_save_chooser_set_folder_type (chooser, _("Folder of PNG images"));
  add_animation_choices (self, chooser, TRUE);
  g_signal_connect_object (chooser, "saved", G_CALLBACK (frames_saved_cb), self, 0);
  g_signal_connect_object (chooser, "refused", G_CALLBACK (frames_refused_cb), self, 0);
  chronomap_save_chooser_show (chooser);
}

/**
 * chronomap_map_exporter_stop:
 *
 * The progress pill's Stop button, while a video or an animation's frames
 * are saved: what is saved so far is kept, or, of a video, nothing.
 */
void
chronomap_map_exporter_stop (ChronomapMapExporter *self)
{
  g_return_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* The size the dialog says, offered again next time: the user chose it,
 * whether or not the name could be saved. */
static int
image_scale_chosen (ChronomapMapExporter *self,
                    ChronomapSaveChooser *chooser)
{
  const char *choice = chronomap_save_chooser_get_choice (chooser, "scale");
  int scale = choice != NULL ? CLAMP ((int) g_ascii_strtoll (choice, NULL, 10), 1, IMAGE_SCALE_MAX) : 1;

  if (self->settings != NULL)
    g_settings_set_int (self->settings, "image-scale", scale);
  return scale;
}

/* The map image's file, chosen: as many pixels as the dialog says. */
static void
image_saved_cb (ChronomapSaveChooser *chooser,
                const char           *path,
                const char           *suffix,
                ChronomapMapExporter *self)
{
  int scale = image_scale_chosen (self, chooser);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  chronomap_map_exporter_export_image (self, file, scale);
}

static void
image_refused_cb (ChronomapSaveChooser *chooser,
                  const char           *message,
                  ChronomapMapExporter *self)
{
  image_scale_chosen (self, chooser);
  show_error (self, _("Could not save the map image"), message);
}

/**
 * chronomap_map_exporter_choose_image:
 *
 * Export Map Image: asks where to save what the map shows, as a PNG, an
 * SVG or a PDF, and how sharp, then saves it.
 */
void
chronomap_map_exporter_choose_image (ChronomapMapExporter *self)
{
  g_return_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self));

  g_autoptr(ChronomapSaveChooser) chooser = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (self->window == NULL || file_of (self) == NULL)
    return;
  stem = file_stem (self);
  /* the period in the name: pictures of other periods do not replace it */
  {
    g_autofree char *from = chronomap_date_format (chronomap_view_model_get_visible_from (model_of (self)),
                                                   CHRONOMAP_DATE_PRECISION_DAY);
    g_autofree char *to = chronomap_date_format (chronomap_view_model_get_to (model_of (self)),
                                                 CHRONOMAP_DATE_PRECISION_DAY);

    name = g_strdup_printf ("%s %s–%s%s", stem, from, to, self->image_suffix);
  }
  {
    g_autofree char *folder = save_folder (self, G_USER_DIRECTORY_PICTURES);

    chooser = chronomap_save_chooser_new (GTK_WINDOW (self->window), _("Export Map Image"), folder, name);
  }
  chronomap_save_chooser_add_type (chooser, _("PNG image"), NULL, ".png",
                                   g_str_equal (self->image_suffix, ".png"));
  chronomap_save_chooser_add_type (chooser, _("SVG drawing"), NULL, ".svg",
                                   g_str_equal (self->image_suffix, ".svg"));
  chronomap_save_chooser_add_type (chooser, _("PDF document"), NULL, ".pdf",
                                   g_str_equal (self->image_suffix, ".pdf"));
  /* a file the document portal lent is written as its name says, a PNG
   * if it says nothing */
  chronomap_save_chooser_set_untyped_lent (chooser, ".png");
  /* the picture itself is the map's; how many pixels it has is the
   * user's choice, the last one offered again */
  {
    GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->map));
    int width = MAX (gtk_widget_get_width (map), 64);
    int height = MAX (gtk_widget_get_height (map), 64);
    int last = self->settings != NULL ? g_settings_get_int (self->settings, "image-scale") : 1;
    const char *ids[] = { "1", "2", "4", NULL };
    g_autofree char *as_shown = g_strdup_printf (_("As on screen, %d × %d pixels"), width, height);
    g_autofree char *sharper = g_strdup_printf (_("Twice as sharp, %d × %d pixels"),
                                                2 * width, 2 * height);
    g_autofree char *print = g_strdup_printf (_("For print, %d × %d pixels"),
                                              4 * width, 4 * height);
    const char *labels[] = { as_shown, sharper, print, NULL };
    char chosen[8];

    g_snprintf (chosen, sizeof chosen, "%d", last == 2 || last == 4 ? last : 1);
    chronomap_save_chooser_add_choice (chooser, "scale", _("Size (PNG)"), ids, labels, chosen);
  }
  g_signal_connect_object (chooser, "saved", G_CALLBACK (image_saved_cb), self, 0);
  g_signal_connect_object (chooser, "refused", G_CALLBACK (image_refused_cb), self, 0);
  chronomap_save_chooser_show (chooser);
}

/* Writes @job (taken) on a worker thread, the window busy meanwhile
 * (counting an animation's frames, with a Stop button) and rendered_cb()
 * saying how it went.  One export at a time, and while it runs nothing
 * moves the events it reads, nor replaces them (update_sensitivity()).
 * The application is held until it is done: closing the window stops
 * it, and the worker must still remove its part-file. */
static void
start_export (ChronomapMapExporter *self,
              ChronomapExportJob   *job,
              const char           *busy_text)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self->window));
  gboolean animation = chronomap_export_job_get_kind (job) != CHRONOMAP_EXPORT_IMAGE;

  if (app != NULL)
    {
      self->app = G_APPLICATION (g_object_ref (app));
      g_application_hold (self->app);
    }
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->job);
  self->job = job;
  g_set_object (&self->held, self->window);
  g_signal_emit (self, signals[STARTED], 0, busy_text, animation);
  chronomap_export_job_run_async (job, self->cancellable, rendered_cb, g_object_ref (self));
  if (animation)
    self->progress_id = g_timeout_add (200, frames_progress_cb, self);
}

/* What the map shows, as the renderer takes it: the same area at the
 * map's size, the visible days, only the events the filters keep; the
 * credit line in @credit and @attribution, the filters in @mask, which
 * @view points into. */
static void
map_view (ChronomapMapExporter  *self,
          ChronomapRenderView   *view,
          char                 **credit,
          char                 **attribution,
          GBytes               **mask)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->map));
  ChronomapViewModel *model = model_of (self);
  GPtrArray *placements;
  double north, west, south, east;
  gsize len = 0;

  *view = (ChronomapRenderView) { 0 };
  view->from = chronomap_view_model_get_visible_from (model);
  view->to = chronomap_view_model_get_to (model);
  view->width = MAX (gtk_widget_get_width (map), 64);
  view->height = MAX (gtk_widget_get_height (map), 64);
  placements = placements_of (self);
  *credit = placements != NULL ? chronomap_placements_credit (placements) : NULL;
  view->credit = *credit;
  *attribution = chronomap_render_attribution (store_of (self), *credit);
  view->attribution = *attribution;
  shumate_viewport_widget_coords_to_location (viewport, map, 0, 0, &north, &west);
  shumate_viewport_widget_coords_to_location (viewport, map, view->width, view->height, &south,
                                              &east);
  view->have_bbox = west < east && south < north;
  view->bbox[0] = west;
  view->bbox[1] = south;
  view->bbox[2] = east;
  view->bbox[3] = north;
  view->style = adw_style_manager_get_dark (adw_style_manager_get_default ()) ?
                CHRONOMAP_BASEMAP_STYLE_DARK : CHRONOMAP_BASEMAP_STYLE_LIGHT;
  *mask = chronomap_view_model_get_mask (model);
  if (*mask != NULL)
    {
      g_bytes_ref (*mask);
      view->mask = g_bytes_get_data (*mask, &len);
      view->mask_len = len;
    }
}

/* A job writing @view of the map (see map_view()) to @path, or %NULL and
 * an error dialog saying @failure. */
static ChronomapExportJob *
map_export_job (ChronomapMapExporter      *self,
                ChronomapExportKind        kind,
                const ChronomapRenderView *view,
                GBytes                    *mask,
                const char                *path,
                const char                *failure)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (&error);

  if (basemap == NULL)
    {
      show_error (self, failure, error->message);
      return NULL;
    }
  /* remembered for the next export's dialog, but a folder the document
   * portal lent, which a dialog cannot start in */
  if (!chronomap_lent_by_portal (path))
    {
      g_free (self->folder);
      self->folder = g_path_get_dirname (path);
    }
  return chronomap_export_job_new (kind, store_of (self), basemap, view, mask, path);
}

/**
 * chronomap_map_exporter_export_image:
 * @file: a .png, .svg or .pdf file (.png is added to any other name,
 *   but to a file the document portal lent, written as a PNG as it is)
 * @scale: for a PNG, its pixels per pixel of the map on screen (1 to 4):
 *   the same picture, sharper
 *
 * Saves what the map shows, the same area at the map's size, the visible
 * days and only the events the filters keep, as the CLI's render draws it,
 * on a worker thread; the window is busy until then and says how it went
 * in a toast or an error dialog.
 */
void
chronomap_map_exporter_export_image (ChronomapMapExporter *self,
                                     GFile                *file,
                                     int                   scale)
{
  g_autofree char *path = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *attribution = NULL;
  g_autoptr(GBytes) mask = NULL;
  ChronomapExportJob *job;
  ChronomapRenderView view;

  g_return_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (scale >= 1 && scale <= IMAGE_SCALE_MAX);

  if (is_busy (self) || store_of (self) == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (chronomap_render_image_suffix (path) == NULL && !chronomap_lent_by_portal (path) &&
      (path = with_suffix (self, g_steal_pointer (&path), ".png", _("Could not save the map image"))) == NULL)
    return;

  /* the next picture's dialog offers this one's format first */
  if (chronomap_render_image_suffix (path) != NULL)
    self->image_suffix = chronomap_render_image_suffix (path);
  map_view (self, &view, &credit, &attribution, &mask);
  view.scale = scale;
  job = map_export_job (self, CHRONOMAP_EXPORT_IMAGE, &view, mask, path,
                        _("Could not save the map image"));
  if (job != NULL)
    start_export (self, job, _("Saving the map image…"));
}

/* What playback shows, as an animation of @kind to save to @path: the
 * map's area, size (or @height for a 16:9 video, 0 for the map's) and
 * filters, as "Export Map Image"; from the first event to the last, a
 * step for each second of playback at the chosen speed, each showing a
 * window as long as the current one (or everything until then, with "Up
 * to Now").  %NULL, and an error dialog saying @failure, when it cannot
 * be. */
static ChronomapExportJob *
animation_job (ChronomapMapExporter *self,
               ChronomapExportKind   kind,
               const char           *path,
               double                days_per_second,
               gint32                period_first,
               gint32                period_last,
               int                   height,
               const char           *failure)
{
  g_autofree char *credit = NULL;
  g_autofree char *attribution = NULL;
  g_autoptr(GBytes) mask = NULL;
  ChronomapExportJob *job;
  ChronomapRenderView view;
  ChronomapDateStep step, window_step;
  const ChronomapDateStep *window;
  gint32 first, last;

  if (!chronomap_event_store_get_range (store_of (self), &first, &last))
    return NULL;
  if (period_first <= period_last)
    {
      first = MAX (first, period_first);
      last = MIN (last, period_last);
      if (first > last)
        {
          show_error (self, failure, _("No event happened in the period asked for."));
          return NULL;
        }
    }
  /* the offered speed nearest the one asked for, or the timeline's */
  step = *chronomap_timeline_speed_step (
    chronomap_timeline_nearest_speed (days_per_second > 0 ? days_per_second :
                                      chronomap_timeline_get_speed (timeline_of (self))));
  window = animation_window (self, &window_step);

  map_view (self, &view, &credit, &attribution, &mask);
  animation_span (&view, first, last, &step, window);
  if (height > 0)
    {
      view.width = height * 16 / 9;
      view.height = height;
    }
  job = map_export_job (self, kind, &view, mask, path, failure);
  if (job != NULL)
    chronomap_export_job_set_steps (job, &step, window);
  return job;
}

/**
 * chronomap_map_exporter_export_animation:
 * @folder: a folder for the frames, made if missing; one that already
 *   holds frames is refused
 * @height: the frames' height for 16:9 frames (720 for 1280 × 720), or
 *   0 for the map's own size
 * @days_per_second: a frame for how many days, as one of the speeds
 *   playback offers, or 0 for the timeline's
 * @first: the first day of its period
 * @last: the last day of its period, or less than @first for every
 *   event's: from the first to the last
 *
 * Saves the frames of the animation that playback shows, as PNGs of the
 * map (its area and filters, as "Export Map Image"): from the first
 * event to the last, a frame for each second of playback at the chosen
 * speed, each showing a window as long as the current one (or everything
 * until then, with "Up to Now").  At another size than the map's, the
 * frames show at least the map's area.  Written on a worker thread; the
 * window is busy, counting the frames, and says how it went in a toast
 * with a button to show them, or an error dialog.
 */
void
chronomap_map_exporter_export_animation (ChronomapMapExporter *self,
                                         GFile                *folder,
                                         int                   height,
                                         double                days_per_second,
                                         gint32                first,
                                         gint32                last)
{
  g_autofree char *path = NULL;
  ChronomapExportJob *job;

  g_return_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (is_busy (self) || store_of (self) == NULL || (path = g_file_get_path (folder)) == NULL)
    return;
  job = animation_job (self, CHRONOMAP_EXPORT_FRAMES, path, days_per_second, first, last, height,
                       _("Could not save the animation"));
  if (job != NULL)
    start_export (self, job, _("Saving the animation…"));
}

/**
 * chronomap_map_exporter_export_video:
 * @file: the video to write, WebM or MP4 as its name's suffix says (when
 *   it has neither, the one Export Video offers first is added, but to
 *   a file the document portal lent, which is written as it is named)
 * @height: the video's height for a 16:9 video (720 for 1280 × 720), or
 *   0 for the map's own size
 * @days_per_second: how fast time goes by in it, as one of the speeds
 *   playback offers, or 0 for the timeline's
 * @first: the first day of its period
 * @last: the last day of its period, or less than @first for every
 *   event's: from the first to the last
 *
 * Saves the animation that playback shows as a video: the animation
 * chronomap_map_exporter_export_animation() saves as frames, a step a second,
 * the window sliding a day at a time in between, as it does when
 * playing.  At another size than the map's, the video shows at least the
 * map's area.  Written on a worker thread; the window is busy, counting
 * the pictures, and says how it went in a toast with a button to play
 * the video, or an error dialog.
 */
void
chronomap_map_exporter_export_video (ChronomapMapExporter *self,
                                     GFile                *file,
                                     int                   height,
                                     double                days_per_second,
                                     gint32                first,
                                     gint32                last)
{
  ChronomapRenderVideoFormat format;
  char *path;

  g_return_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self));
  g_return_if_fail (G_IS_FILE (file));

  if (is_busy (self) || store_of (self) == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!chronomap_render_video_format_for_path (path, &format))
    {
      format = default_video_format (self);
      /* a portal's file keeps its name */
      if (!chronomap_lent_by_portal (path) &&
          (path = with_suffix (self, path, chronomap_render_video_format_suffix (format),
                               _("Could not save the video"))) == NULL)
        return;
    }
  export_video_in_format (self, path, format, height, days_per_second, first, last);
}

/* chronomap_map_exporter_export_video() into @path (taken) in @format;
 * whether it began. */
static gboolean
export_video_in_format (ChronomapMapExporter       *self,
                        char                       *path,
                        ChronomapRenderVideoFormat  format,
                        int                         height,
                        double                      days_per_second,
                        gint32                      first,
                        gint32                      last)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owned = path;
  ChronomapExportJob *job;

  if (is_busy (self) || store_of (self) == NULL)
    return FALSE;
  /* "map.mp4" typed where no H.264 encoder is installed */
  if (!chronomap_render_video_supported (format, &error))
    {
      show_error (self, _("Could not save the video"), error->message);
      return FALSE;
    }
  job = animation_job (self, CHRONOMAP_EXPORT_VIDEO, path, days_per_second, first, last, height,
                       _("Could not save the video"));
  if (job == NULL)
    return FALSE;
  chronomap_export_job_set_video_format (job, format);
  start_export (self, job, _("Saving the video…"));
  return TRUE;
}

/**
 * chronomap_map_exporter_get_running:
 *
 * Returns: whether a picture, frames or a video are being saved
 */
gboolean
chronomap_map_exporter_get_running (ChronomapMapExporter *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * chronomap_map_exporter_get_kind:
 *
 * Returns: what is being saved; only meaningful while running
 */
ChronomapExportKind
chronomap_map_exporter_get_kind (ChronomapMapExporter *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self), CHRONOMAP_EXPORT_IMAGE);

  return self->job != NULL ? chronomap_export_job_get_kind (self->job) : CHRONOMAP_EXPORT_IMAGE;
}

/**
 * chronomap_map_exporter_forget_folder:
 *
 * Another file is shown: its exports go beside it, not where the last
 * file's went.
 */
void
chronomap_map_exporter_forget_folder (ChronomapMapExporter *self)
{
  g_return_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self));

  g_clear_pointer (&self->folder, g_free);
}

/**
 * chronomap_map_exporter_detach:
 *
 * The window closes: an export still running stops (and the worker
 * removes its part-file), and nothing is said of it to a window that is
 * gone.
 */
void
chronomap_map_exporter_detach (ChronomapMapExporter *self)
{
  g_return_if_fail (CHRONOMAP_IS_MAP_EXPORTER (self));

  self->window = NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
}

static void
chronomap_map_exporter_dispose (GObject *object)
{
  ChronomapMapExporter *self = CHRONOMAP_MAP_EXPORTER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);

  G_OBJECT_CLASS (chronomap_map_exporter_parent_class)->dispose (object);
}

static void
chronomap_map_exporter_finalize (GObject *object)
{
  ChronomapMapExporter *self = CHRONOMAP_MAP_EXPORTER (object);

  g_clear_object (&self->held);
  g_clear_object (&self->map);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job);
  if (self->app != NULL)
    g_application_release (self->app);
  g_clear_object (&self->app);
  g_clear_pointer (&self->folder, g_free);

  G_OBJECT_CLASS (chronomap_map_exporter_parent_class)->finalize (object);
}

static void
chronomap_map_exporter_class_init (ChronomapMapExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chronomap_map_exporter_dispose;
  object_class->finalize = chronomap_map_exporter_finalize;

  /**
   * ChronomapMapExporter::started:
   * @text: what is being saved, to show while it is
   * @stoppable: whether it can be stopped (an animation, a video)
   *
   * An export began: the window is busy until ::finished.
   */
  signals[STARTED] = g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * ChronomapMapExporter::progress:
   * @text: how far it is ("Frame 12 of 273")
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * ChronomapMapExporter::finished:
   *
   * The export ended, saved or not; a toast or an error dialog says which.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
chronomap_map_exporter_init (ChronomapMapExporter *self)
{
  self->image_suffix = ".png";
}

/**
 * chronomap_map_exporter_new:
 * @window: the window whose map it saves; it calls
 *   chronomap_map_exporter_detach() when it closes
 * @map: the window's map
 * @settings: (nullable): the app's settings, to remember the formats and
 *   sizes chosen
 *
 * Returns: (transfer full): a new exporter
 */
ChronomapMapExporter *
chronomap_map_exporter_new (ChronomapWindow  *window,
                            ShumateSimpleMap *map,
                            GSettings        *settings)
{
  ChronomapMapExporter *self;

  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (window), NULL);
  g_return_val_if_fail (SHUMATE_IS_SIMPLE_MAP (map), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CHRONOMAP_TYPE_MAP_EXPORTER, NULL);
  self->window = window;
  self->map = g_object_ref (map);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  return self;
}
