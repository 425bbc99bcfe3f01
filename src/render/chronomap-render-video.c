/* chronomap-render-video.c: an animation of the map as a video
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What playback shows, as a file to put in a slide deck or a web page:
 * each second of video moves one step on, and in between the window
 * slides a day at a time, as it does in the viewer.  The pictures are the
 * frames chronomap_render_frames() writes (the span's map, legend and
 * colours; older events paler), encoded with GStreamer as VP8 in WebM,
 * which every browser and GNOME's video player play and which needs no
 * patent-encumbered encoder, or as H.264 in MP4, which PowerPoint,
 * Keynote, QuickTime and social networks take, when an H.264 encoder is
 * installed (x264, or OpenH264 as Flatpak's runtime offers it).
 */
#define G_LOG_DOMAIN "chronomap-render"

#include "config.h"

#include "chronomap-render-video.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#ifdef HAVE_GSTREAMER
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#endif

#define FPS CHRONOMAP_RENDER_VIDEO_FPS

/* Pictures the encoder may have queued before the next waits: enough to
 * keep its threads busy, few enough that memory stays small. */
#define QUEUED_FRAMES 4

/* The largest picture OpenH264 encodes: 36,864 macroblocks */
#define OPENH264_MAX_PIXELS (36864 * 256)

#ifdef HAVE_GSTREAMER

/* The last day picture @i shows: the end of the first step at the start,
 * then a day at a time towards the end of the next step, reached on each
 * whole second; the last step's end is held for the last second. */
static gint32
picture_end (const ChronomapRenderView *view,
             const ChronomapDateStep   *step,
             const ChronomapDateStep   *window,
             int                        n_steps,
             int                        i)
{
  int k = MIN (i / FPS, n_steps - 1);
  gint32 end = chronomap_render_step_end (view, step, window, k);
  gint32 next;

  if (k == n_steps - 1)
    return end;
  next = chronomap_render_step_end (view, step, window, k + 1);
  return end + (gint32) ((gint64) (next - end) * (i % FPS) / FPS);
}

/* The elements each format needs, but for MP4's H.264 encoder, which is
 * one of h264_encoders[]. */
static const char * const webm_elements[] = { "appsrc", "videoconvert", "vp8enc", "webmmux",
                                              "filesink", NULL };
static const char * const mp4_elements[] = { "appsrc", "videoconvert", "mp4mux", "filesink", NULL };

/* H.264 encoders whose settings Chronomap knows: x264 (gst-plugins-ugly)
 * and Cisco's OpenH264 (gst-plugins-bad, and Flatpak's runtime) */
static const char * const h264_encoders[] = { "x264enc", "openh264enc" };

/* The H.264 encoder to use: the installed one GStreamer ranks highest
 * (GST_PLUGIN_FEATURE_RANK can change that), or %NULL. */
static const char *
find_h264_encoder (void)
{
  const char *best = NULL;
  guint best_rank = GST_RANK_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (h264_encoders); i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (h264_encoders[i]);
      guint rank = factory != NULL ? gst_plugin_feature_get_rank (GST_PLUGIN_FEATURE (factory)) : 0;

      if (factory != NULL && (best == NULL || rank > best_rank))
        {
          best = h264_encoders[i];
          best_rank = rank;
        }
    }
  return best;
}

static gboolean
element_found (const char  *name,
               const char  *package,
               GError     **error)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (name);

  if (factory == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 /* Translators: the second %s says where the element comes from */
                 _("Videos need GStreamer’s “%s” element, which is not installed (%s)"), name,
                 package);
  return factory != NULL;
}

#endif

/**
 * chronomap_render_video_format_for_path:
 * @path: a video's file name
 * @out_format: (out) (optional): the format its suffix names
 *
 * Returns: whether @path ends in ".webm" or ".mp4", in any case
 */
gboolean
chronomap_render_video_format_for_path (const char                 *path,
                                        ChronomapRenderVideoFormat *out_format)
{
  const char *dot = strrchr (path, '.');
  ChronomapRenderVideoFormat format;

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".webm") == 0)
    format = CHRONOMAP_RENDER_VIDEO_WEBM;
  else if (g_ascii_strcasecmp (dot, ".mp4") == 0)
    format = CHRONOMAP_RENDER_VIDEO_MP4;
  else
    return FALSE;
  if (out_format != NULL)
    *out_format = format;
  return TRUE;
}

/**
 * chronomap_render_video_format_suffix:
 *
 * Returns: the suffix of @format's files: ".webm" or ".mp4"
 */
const char *
chronomap_render_video_format_suffix (ChronomapRenderVideoFormat format)
{
  return format == CHRONOMAP_RENDER_VIDEO_MP4 ? ".mp4" : ".webm";
}

#ifdef HAVE_GSTREAMER

/**
 * chronomap_render_video_supported:
 *
 * Returns: whether videos in @format can be written here: GStreamer
 *   starts and has the elements needed (VP8 and WebM are in
 *   gst-plugins-good, MP4 too, and H.264 needs x264 or OpenH264); if
 *   not, @error says which is missing
 */
gboolean
chronomap_render_video_supported (ChronomapRenderVideoFormat   format,
                                  GError                     **error)
{
  const char * const *needed = format == CHRONOMAP_RENDER_VIDEO_MP4 ? mp4_elements : webm_elements;
  const char *h264;

  if (!gst_init_check (NULL, NULL, error))
    return FALSE;
  for (guint i = 0; needed[i] != NULL; i++)
    if (!element_found (needed[i], _("it comes with GStreamer’s base and good plugins"), error))
      return FALSE;
  if (format != CHRONOMAP_RENDER_VIDEO_MP4)
    return TRUE;
  if ((h264 = find_h264_encoder ()) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("MP4 videos need an H.264 encoder, which is not installed: GStreamer’s "
                     "“x264enc” (in its ugly plugins) or “openh264enc” (in its bad plugins, "
                     "with OpenH264); WebM videos need neither"));
      return FALSE;
    }
  /* OpenH264 writes a byte stream, which MP4 wants as access units */
  return g_str_equal (h264, "x264enc") ||
         element_found ("h264parse", _("it comes with GStreamer’s bad plugins"), error);
}

/* The first error the pipeline posted, if any, waiting up to @timeout
 * (0: only what is there); TRUE when it reached the end of the stream. */
static gboolean
poll_bus (GstBus        *bus,
          GstClockTime   timeout,
          const char    *display,
          GError       **error)
{
  g_autoptr(GstMessage) message = gst_bus_timed_pop_filtered (bus, timeout,
                                                              GST_MESSAGE_ERROR | GST_MESSAGE_EOS);

  if (message == NULL || GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    return message != NULL;
  if (error != NULL && *error == NULL)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: the video could not be written: %s"),
                   display, gst_error->message);
    }
  return FALSE;
}

/* Flushes @path to its disk. */
static gboolean
sync_file (const char  *path,
           const char  *display,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY, 0);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", display,
               g_strerror (saved));
  return FALSE;
}

static void
surface_free (gpointer data)
{
  cairo_surface_destroy (data);
}

/* A picture's pixels as a buffer, without a copy: cairo's RGB24 is
 * GStreamer's BGRx on little-endian machines, xRGB on others, with the
 * same stride (four bytes a pixel). */
static GstBuffer *
buffer_of (cairo_surface_t *surface)
{
  int stride = cairo_image_surface_get_stride (surface);
  int height = cairo_image_surface_get_height (surface);

  cairo_surface_flush (surface);
  return gst_buffer_new_wrapped_full (GST_MEMORY_FLAG_READONLY,
                                      cairo_image_surface_get_data (surface),
                                      (gsize) stride * height, 0, (gsize) stride * height,
                                      cairo_surface_reference (surface), surface_free);
}

static GstElement *
make_element (const char  *factory,
              GstElement  *pipeline,
              GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Videos need GStreamer’s “%s” element"), factory);
      return NULL;
    }
  gst_bin_add (GST_BIN (pipeline), element);
  return element;
}

/* The encoder of @format, set for @bitrate (bits a second) and a key
 * picture every two seconds, added to @pipeline. */
static GstElement *
make_encoder (ChronomapRenderVideoFormat   format,
              gint64                       bitrate,
              GstElement                  *pipeline,
              GError                     **error)
{
  const char *name = format == CHRONOMAP_RENDER_VIDEO_MP4 ? find_h264_encoder () : "vp8enc";
  GstElement *encoder;
  int threads = (int) MIN (g_get_num_processors (), 8);

  if (name == NULL)
    {
      chronomap_render_video_supported (format, error);
      return NULL;
    }
  if ((encoder = make_element (name, pipeline, error)) == NULL)
    return NULL;
  if (g_str_equal (name, "vp8enc"))
    /* the encoder's real-time mode: many times faster than its best, and
     * a map that changes a little a picture needs few bits */
    g_object_set (encoder,
                  "deadline", (gint64) 1,
                  "cpu-used", 4,
                  "end-usage", 0 /* VBR */,
                  "target-bitrate", (int) bitrate,
                  "keyframe-max-dist", 2 * FPS,
                  "threads", threads,
                  NULL);
  else if (g_str_equal (name, "x264enc"))
    {
      /* constant quality, which a still map needs few bits for, up to
       * @bitrate; a fast preset, as for VP8 */
      gst_util_set_object_arg (G_OBJECT (encoder), "pass", "qual");
      gst_util_set_object_arg (G_OBJECT (encoder), "speed-preset", "veryfast");
      g_object_set (encoder,
                    "quantizer", 21,
                    "bitrate", (guint) (bitrate / 1000),
                    "key-int-max", (guint) (2 * FPS),
                    NULL);
    }
  else
    {
      gst_util_set_object_arg (G_OBJECT (encoder), "rate-control", "bitrate");
      g_object_set (encoder,
                    "bitrate", (guint) bitrate,
                    "gop-size", (guint) (2 * FPS),
                    "multi-thread", (guint) threads,
                    "enable-frame-skip", FALSE,
                    NULL);
    }
  return encoder;
}

/* appsrc ! videoconvert ! vp8enc ! webmmux ! filesink for WebM, or
 * appsrc ! videoconvert ! I420 ! x264enc|openh264enc [! h264parse] !
 * mp4mux ! filesink for MP4, for pictures of @width by @height; the
 * appsrc in @out_src; mp4mux keeps the pictures in @pending until it
 * has written its index. */
static GstElement *
make_pipeline (ChronomapRenderVideoFormat   format,
               int                          width,
               int                          height,
               const char                  *location,
               const char                  *pending,
               GstElement                 **out_src,
               GError                     **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("chronomap-video");
  g_autoptr(GstCaps) caps = NULL;
  GstElement *src, *convert, *encoder, *mux, *sink, *last;
  gboolean mp4 = format == CHRONOMAP_RENDER_VIDEO_MP4;
  /* about 0.12 bits a pixel: the map's labels stay sharp, and a minute
   * of full HD is about 40 MB */
  gint64 bitrate = CLAMP ((gint64) width * height * FPS / 8, 500000, 40000000);

  if ((src = make_element ("appsrc", pipeline, error)) == NULL ||
      (convert = make_element ("videoconvert", pipeline, error)) == NULL ||
      (encoder = make_encoder (format, bitrate, pipeline, error)) == NULL ||
      (mux = make_element (mp4 ? "mp4mux" : "webmmux", pipeline, error)) == NULL ||
      (sink = make_element ("filesink", pipeline, error)) == NULL)
    return NULL;

  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING,
                              G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB",
                              "width", G_TYPE_INT, width,
                              "height", G_TYPE_INT, height,
                              "framerate", GST_TYPE_FRACTION, FPS, 1,
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              NULL);
  g_object_set (src, "caps", caps, "format", GST_FORMAT_TIME, "is-live", FALSE, NULL);
  g_object_set (sink, "location", location, NULL);
  last = convert;
  if (mp4)
    {
      /* 4:2:0, which every player decodes: x264 would keep all the
       * colours (4:4:4), which browsers and QuickTime refuse */
      g_autoptr(GstCaps) i420 = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING,
                                                     "I420", NULL);
      GstElement *parse = NULL;

      if (!gst_element_link_filtered (convert, encoder, i420))
        goto failed;
      last = encoder;
      if (!g_str_equal (GST_OBJECT_NAME (gst_element_get_factory (encoder)), "x264enc"))
        {
          if ((parse = make_element ("h264parse", pipeline, error)) == NULL)
            return NULL;
          if (!gst_element_link (encoder, parse))
            goto failed;
          last = parse;
        }
      /* the index first, so that a browser plays it as it downloads; the
       * pictures wait beside the video, on its disk, not in /tmp */
      g_object_set (mux, "faststart", TRUE, "faststart-file", pending, NULL);
    }
  else if (gst_element_link (convert, encoder))
    last = encoder;
  else
    goto failed;
  if (gst_element_link (src, convert) && gst_element_link_many (last, mux, sink, NULL))
    {
      *out_src = src;
      return g_steal_pointer (&pipeline);
    }

failed:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The video encoder could not be set up"));
  return NULL;
}

/* Sends picture @i, @picture, to @src; waits while the encoder is behind,
 * or fails when the pipeline has or @cancellable is (a stalled element
 * must not make Stop or Ctrl+C wait for ever). */
static gboolean
push_picture (GstElement   *src,
              GstBus       *bus,
              GstBuffer    *picture,
              int           i,
              const char   *display,
              GCancellable *cancellable,
              GError      **error)
{
  GstBuffer *buffer = gst_buffer_copy (picture);   /* shares the pixels */
  gsize limit = QUEUED_FRAMES * gst_buffer_get_size (picture);

  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (i, GST_SECOND, FPS);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (1, GST_SECOND, FPS);
  if (gst_app_src_push_buffer (GST_APP_SRC (src), buffer) != GST_FLOW_OK)
    {
      poll_bus (bus, 0, display, error);
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: the video could not be written"),
                     display);
      return FALSE;
    }
  while (gst_app_src_get_current_level_bytes (GST_APP_SRC (src)) > limit)
    {
      poll_bus (bus, 10 * GST_MSECOND, display, error);
      if ((error != NULL && *error != NULL) || g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  poll_bus (bus, 0, display, error);
  return error == NULL || *error == NULL;
}

/**
 * chronomap_render_video:
 * @view: the pictures' size (in pixels, made even for the encoder; @view's
 *   scale is not used), area, style and mask; its span (span_from,
 *   span_to) is the animation's period; its window is not used
 * @step: how far each second of video moves on
 * @window: (nullable): how much each picture shows, up to its last day;
 *   %NULL for everything from the span's start ("Up to Now")
 * @format: the video's format, whatever @path's suffix
 * @path: the video to write; written whole or not at all (a temporary
 *   file beside it is renamed over it at the end)
 * @progress: (nullable): told after each picture, on this thread
 * @out_n_frames: (out) (optional): how many pictures the video has
 *
 * Writes the animation chronomap_render_frames() would as PNGs as a
 * video instead: a step a second, the window sliding a day at a time in
 * between, %CHRONOMAP_RENDER_VIDEO_FPS pictures a second.  Runs in the
 * caller's thread.
 *
 * Returns: whether the video was written
 */
gboolean
chronomap_render_video (ChronomapEventStore        *store,
                        ChronomapBasemap           *basemap,
                        const ChronomapRenderView  *view,
                        const ChronomapDateStep    *step,
                        const ChronomapDateStep    *window,
                        ChronomapRenderVideoFormat  format,
                        const char                 *path,
                        ChronomapRenderProgress     progress,
                        gpointer                    user_data,
                        GCancellable               *cancellable,
                        guint                      *out_n_frames,
                        GError                    **error)
{
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  g_autofree char *pending = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ChronomapRenderBackdrop) backdrop = NULL;
  g_autoptr(ChronomapLabelGlides) glides = NULL;
  GstBuffer *picture = NULL;
  GstElement *src = NULL;
  ChronomapRenderView frame;
  gint32 shown_to = CHRONOMAP_DAY_INVALID;
  int n_steps, n_frames, fd;
  gboolean ok = TRUE;

  g_return_val_if_fail (view != NULL && view->have_span, FALSE);
  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_n_frames != NULL)
    *out_n_frames = 0;
  display = g_filename_display_name (path);
  n_steps = chronomap_render_count_steps (view, step, window);
  if (n_steps < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("More than %d steps: choose a longer step"),
                   CHRONOMAP_RENDER_MAX_FRAMES);
      return FALSE;
    }
  if (view->width > CHRONOMAP_RENDER_VIDEO_MAX_SIZE || view->height > CHRONOMAP_RENDER_VIDEO_MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A video is at most %d pixels wide and high"), CHRONOMAP_RENDER_VIDEO_MAX_SIZE);
      return FALSE;
    }
  if (!chronomap_render_video_supported (format, error))
    return FALSE;
  /* OpenH264 stops at 36,864 blocks of 16 × 16 pixels, counted on the
   * pictures as the encoder gets them (whole pairs of pixels) */
  if (format == CHRONOMAP_RENDER_VIDEO_MP4 &&
      g_strcmp0 (find_h264_encoder (), "openh264enc") == 0 &&
      (gint64) MAX (view->width & ~1, 64) * MAX (view->height & ~1, 64) > OPENH264_MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("This MP4 encoder (OpenH264) writes pictures of at most 9,437,184 pixels "
                     "(4096 × 2304): choose a smaller size, or WebM"));
      return FALSE;
    }

  /* beside the video, so that the rename at the end stays on its disk */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  template = g_strdup_printf ("%s%s.%s-XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  fd = g_mkstemp_full (template, O_RDWR, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *dir_display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir_display,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);
  /* where mp4mux keeps the pictures until it has written its index */
  pending = g_strconcat (template, ".mdat", NULL);

  frame = *view;
  frame.fade = TRUE;
  frame.scale = 1;
  if (frame.backdrop == NULL)
    frame.backdrop = backdrop = chronomap_render_backdrop_new ();
  /* the towns' names glide out of the discs landing on their dots and
   * back, as on the map */
  if (frame.glides == NULL)
    frame.glides = glides = chronomap_label_glides_new (CHRONOMAP_LABEL_GLIDE_MS);
  /* the encoder's colours are a quarter the pixels: whole pairs */
  frame.width = MAX (view->width & ~1, 64);
  frame.height = MAX (view->height & ~1, 64);
  n_frames = n_steps * FPS;

  pipeline = make_pipeline (format, frame.width, frame.height, template, pending, &src, error);
  if (pipeline == NULL)
    {
      g_unlink (template);
      return FALSE;
    }
  bus = gst_element_get_bus (pipeline);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      poll_bus (bus, 0, display, &local_error);
      if (local_error == NULL)
        g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("%s: the video could not be written"), display);
      ok = FALSE;
    }

  for (int i = 0; ok && i < n_frames; i++)
    {
      gint32 to = picture_end (view, step, window, n_steps, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        {
          ok = FALSE;
          break;
        }
      /* a picture is drawn only when the window has moved on, or a
       * name is on its way */
      if (to != shown_to || picture == NULL || chronomap_label_glides_is_gliding (frame.glides))
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, frame.width,
                                                                 frame.height);
          cairo_t *cr = cairo_create (surface);
          cairo_status_t status;

          frame.to = to;
          frame.from = chronomap_render_window_start (view, window, to);
          frame.time = (gint64) i * G_USEC_PER_SEC / FPS;
          chronomap_render_view_draw (store, basemap, &frame, cr, NULL);
          status = cairo_status (cr);
          cairo_destroy (cr);
          if (status != CAIRO_STATUS_SUCCESS)
            {
              g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("%s: a picture could not be drawn: %s"), display,
                           cairo_status_to_string (status));
              cairo_surface_destroy (surface);
              ok = FALSE;
              break;
            }
          g_clear_pointer (&picture, gst_buffer_unref);
          picture = buffer_of (surface);
          cairo_surface_destroy (surface);
          shown_to = to;
        }
      ok = push_picture (src, bus, picture, i, display, cancellable, &local_error);
      if (ok && progress != NULL)
        progress ((guint) i + 1, (guint) n_frames, user_data);
    }
  g_clear_pointer (&picture, gst_buffer_unref);

  if (ok)
    {
      /* the encoder finishes what it holds; Stop still stops it */
      gst_app_src_end_of_stream (GST_APP_SRC (src));
      while (!poll_bus (bus, 100 * GST_MSECOND, display, &local_error) && local_error == NULL)
        if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
          break;
      ok = local_error == NULL;
    }
  /* filesink closes the file on the way to READY, and posts there what
   * failed (a full disk, a quota): past NULL the bus would drop it */
  gst_element_set_state (pipeline, GST_STATE_READY);
  if (ok)
    {
      poll_bus (bus, 0, display, &local_error);
      ok = local_error == NULL;
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_unlink (pending);

  /* stopped at the very end, it is not saved either, as Stop says; and
   * the file it replaces goes only once the new one is on the disk */
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    ok = FALSE;
  if (ok)
    ok = sync_file (template, display, &local_error);
  if (ok && g_rename (template, path) != 0)
    {
      int saved = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", display,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (template);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (out_n_frames != NULL)
    *out_n_frames = (guint) n_frames;
  return TRUE;
}

#else /* !HAVE_GSTREAMER */

gboolean
chronomap_render_video_supported (ChronomapRenderVideoFormat   format,
                                  GError                     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("This build of Chronomap cannot write videos (it was built without GStreamer)"));
  return FALSE;
}

gboolean
chronomap_render_video (ChronomapEventStore        *store,
                        ChronomapBasemap           *basemap,
                        const ChronomapRenderView  *view,
                        const ChronomapDateStep    *step,
                        const ChronomapDateStep    *window,
                        ChronomapRenderVideoFormat  format,
                        const char                 *path,
                        ChronomapRenderProgress     progress,
                        gpointer                    user_data,
                        GCancellable               *cancellable,
                        guint                      *out_n_frames,
                        GError                    **error)
{
  if (out_n_frames != NULL)
    *out_n_frames = 0;
  return chronomap_render_video_supported (format, error);
}

#endif
