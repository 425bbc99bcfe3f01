/* chronomap-cli-render.c: `chronomap-cli render FILE OUT.png|svg|pdf`
 *
 * Draws the offline basemap, the events of a time window, a legend, the
 * date caption and the attributions, without a display.  With --frames,
 * an animation: a video, WebM or MP4 (a step a second), or a PNG a step
 * for a video editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-cli"

#include "config.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "chronomap-basemap.h"
#include "chronomap-cli-commands.h"
#include "chronomap-event-store.h"
#include "chronomap-render-video.h"
#include "chronomap-render-view.h"

#define SIZE_MIN 64
#define SIZE_MAX_PIXELS 16384

/* WIDTHxHEIGHT in @text: its usage error's message, or %NULL */
static char *
parse_size (const char *text,
            int        *width,
            int        *height)
{
  char *end = NULL;
  guint64 w, h;

  w = g_ascii_strtoull (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return g_strdup (_("--size takes WIDTHxHEIGHT, such as 1600x900"));
  text = end + 1;
  h = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0')
    return g_strdup (_("--size takes WIDTHxHEIGHT, such as 1600x900"));
  if (w < SIZE_MIN || h < SIZE_MIN || w > SIZE_MAX_PIXELS || h > SIZE_MAX_PIXELS)
    return g_strdup_printf (_("--size: a picture is %d to %d pixels wide and high"), SIZE_MIN,
                            SIZE_MAX_PIXELS);
  *width = (int) w;
  *height = (int) h;
  return NULL;
}

static gboolean
parse_bbox (const char *text,
            double      bbox[4])
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      bbox[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0' || !isfinite (bbox[i]))
        return FALSE;
    }
  return bbox[0] >= -180 && bbox[2] <= 180 && bbox[0] < bbox[2] &&
         bbox[1] >= -85 && bbox[3] <= 85 && bbox[1] < bbox[3];
}

/* Set by Ctrl+C (or a polite kill) while an animation is written. */
static volatile sig_atomic_t interrupted;

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

static void
interrupt_handler (int signum)
{
  interrupted = 1;
  /* a second Ctrl+C is not waited for */
  signal (signum, SIG_DFL);
}

/* Prints a frame's number over the last, as the frames are written, and
 * stops at Ctrl+C (@user_data, a cancellable, is cancelled here rather
 * than in the signal handler, where it may not be). */
static void
frame_written_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  if (interrupted)
    g_cancellable_cancel (user_data);
  if (isatty (fileno (stderr)))
    fprintf (stderr, done < total ? "\r%u/%u" : "\r%u/%u\n", done, total);
}

/* Writes the animation @view spans: as the video @out (WebM or MP4), a step a
 * second, the window sliding a day at a time in between; or into the
 * folder @out, frame k showing the window that ends where its k-th step
 * ends.  Each shows @window (NULL: everything from the start, as "Up to
 * Now" shows it). */
static int
render_animation (ChronomapEventStore       *store,
                  ChronomapBasemap          *basemap,
                  const ChronomapRenderView *view,
                  const ChronomapDateStep   *step,
                  const ChronomapDateStep   *window,
                  const char                *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (out);
  ChronomapRenderVideoFormat format;
  gboolean video = chronomap_render_video_format_for_path (out, &format);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint n_frames = 0;
  gboolean ok;

  /* Ctrl+C stops at the next picture: a video leaves no part-file */
  interrupted = 0;
  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    signal (stop_signals[i], interrupt_handler);
  ok = video ? chronomap_render_video (store, basemap, view, step, window, format, out,
                                       frame_written_cb, cancellable, cancellable, &n_frames,
                                       &error) :
               chronomap_render_frames (store, basemap, view, step, window, out, frame_written_cb,
                                        cancellable, cancellable, &n_frames, &error);
  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    signal (stop_signals[i], SIG_DFL);
  if (!ok)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  if (video)
    {
      int seconds = (int) (n_frames / CHRONOMAP_RENDER_VIDEO_FPS);

      printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %d second of video to %s\n",
                           "Wrote %d seconds of video to %s\n", seconds), seconds, display);
    }
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %d frame to %s\n", "Wrote %d frames to %s\n",
                         n_frames), (int) n_frames, display);
  return CHRONOMAP_CLI_EXIT_OK;
}

int
chronomap_cli_render (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *size_error = NULL;
  g_autofree char *bbox_text = NULL;
  g_autofree char *style_text = NULL;
  g_autofree char *frames_text = NULL;
  g_autofree char *window_text = NULL;
  const char *out;
  ChronomapBasemapStyle style = CHRONOMAP_BASEMAP_STYLE_LIGHT;
  gint32 from = CHRONOMAP_DAY_INVALID, to = CHRONOMAP_DAY_INVALID;
  gint32 first, last;
  int exit_status;
  int width = 1600, height = 900;
  double bbox[4] = { 0 };
  ChronomapRenderView view = { 0 };
  g_autofree char *credit = NULL;
  g_autofree char *attribution = NULL;
  gboolean have_bbox = FALSE;
  gboolean no_geocode = FALSE;
  guint n_drawn = 0;
  ChronomapDateStep step = { 0 }, window = { 0 };
  gboolean cumulative = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("First date shown (default: the first event)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Last date shown (a month or year means its end)"), N_("DATE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text,
      N_("Image size in pixels (default 1600x900)"), N_("WIDTHxHEIGHT") },
    { "bbox", 0, 0, G_OPTION_ARG_STRING, &bbox_text,
      N_("Area shown, in degrees (default: around the events)"), N_("WEST,SOUTH,EAST,NORTH") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style_text,
      N_("Basemap style: light or dark"), N_("STYLE") },
    { "no-geocode", 0, 0, G_OPTION_ARG_NONE, &no_geocode,
      N_("Draw only the events the file gives coordinates for"), NULL },
    { "frames", 0, 0, G_OPTION_ARG_STRING, &frames_text,
      N_("Write an animation to OUT.mp4 or OUT.webm, a STEP a second (1d, 1w, 1m, 1y, 3m…), or its "
         "frames into the folder OUT, one a STEP"),
      N_("STEP") },
    { "window", 0, 0, G_OPTION_ARG_STRING, &window_text,
      N_("With --frames, how much each frame shows: a LENGTH such as 1m (default: the step), "
         "or all for everything until then"), N_("LENGTH") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE OUT.png|svg|pdf — draw a map of the events"));
  g_option_context_set_description (context,
                                    _("With --frames, OUT is a video, MP4 (H.264) or WebM (VP8) as "
                                      "its name ends, or a folder, which gets "
                                      "frame-0001.png, frame-0002.png… The map and the legend stay "
                                      "the same in every frame, and older events fade. In a video "
                                      "the window slides a day at a time between the steps."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return chronomap_cli_usage_error (context, error->message);
  if (files == NULL || files[0] == NULL || files[1] == NULL || files[2] != NULL)
    return chronomap_cli_usage_error (context, _("give the database FILE and the OUT image"));
  out = files[1];
  if (frames_text != NULL)
    {
      if (!chronomap_date_step_parse (frames_text, &step))
        return chronomap_cli_usage_error (context, _("--frames takes a step such as 1d, 1w, 1m "
                                                     "or 1y"));
      if (g_strcmp0 (window_text, "all") == 0)
        cumulative = TRUE;
      else if (window_text == NULL)
        window = step;
      else if (!chronomap_date_step_parse (window_text, &window))
        return chronomap_cli_usage_error (context, _("--window takes a length such as 1w or 3m, "
                                                     "or all"));
      if (g_str_has_suffix (out, ".png") || g_str_has_suffix (out, ".svg") ||
          g_str_has_suffix (out, ".pdf"))
        return chronomap_cli_usage_error (context, _("with --frames, OUT is a video (.mp4 or "
                                                     ".webm) or a folder for the frames"));
    }
  else if (window_text != NULL)
    return chronomap_cli_usage_error (context, _("--window goes with --frames"));
  else if (!g_str_has_suffix (out, ".png") && !g_str_has_suffix (out, ".svg") &&
           !g_str_has_suffix (out, ".pdf"))
    return chronomap_cli_usage_error (context, chronomap_render_video_format_for_path (out, NULL) ?
                                      _("a video needs --frames STEP, such as --frames 1m") :
                                      _("OUT must end in .png, .svg or .pdf"));
  if (size_text != NULL && (size_error = parse_size (size_text, &width, &height)) != NULL)
    return chronomap_cli_usage_error (context, size_error);
  if (bbox_text != NULL)
    {
      if (!parse_bbox (bbox_text, bbox))
        return chronomap_cli_usage_error (context, _("--bbox takes WEST,SOUTH,EAST,NORTH in "
                                                     "degrees, such as 35.5,32,42.5,37.5"));
      have_bbox = TRUE;
    }
  if (style_text != NULL)
    {
      if (g_strcmp0 (style_text, "dark") == 0)
        style = CHRONOMAP_BASEMAP_STYLE_DARK;
      else if (g_strcmp0 (style_text, "light") != 0)
        return chronomap_cli_usage_error (context, _("--style takes light or dark"));
    }

  store = chronomap_event_store_load (files[0], CHRONOMAP_LOAD_SKIP_BAD_ROWS, NULL, &error);
  if (store == NULL)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  if (!chronomap_event_store_get_range (store, &first, &last))
    first = last = chronomap_date_from_ymd (2000, 1, 1);
  exit_status = chronomap_cli_parse_window (context, from_text, to_text, &from, &to);
  if (exit_status >= 0)
    return exit_status;
  /* an end not given is the data's, but never before the other end: a
   * --from past the last event draws that day, not an error about a
   * --to the user did not write */
  if (from == CHRONOMAP_DAY_INVALID)
    from = to != CHRONOMAP_DAY_INVALID ? MIN (first, to) : first;
  if (to == CHRONOMAP_DAY_INVALID)
    to = MAX (last, from);
  view.have_span = frames_text != NULL;
  view.span_from = from;
  view.span_to = to;
  if (frames_text != NULL && chronomap_render_count_steps (&view, &step, cumulative ? NULL : &window) < 0)
    {
      g_autofree char *first_text = chronomap_date_format (from, CHRONOMAP_DATE_PRECISION_DAY);
      g_autofree char *last_text = chronomap_date_format (to, CHRONOMAP_DATE_PRECISION_DAY);
      g_autofree char *message = g_strdup_printf (_("%s to %s is more than %d frames at that "
                                                    "step; choose a longer --frames"),
                                                  first_text, last_text,
                                                  CHRONOMAP_RENDER_MAX_FRAMES);

      return chronomap_cli_usage_error (context, message);
    }
  if (!no_geocode)
    credit = chronomap_cli_place_events (store, files[0]);

  basemap = chronomap_basemap_get_default (&error);
  if (basemap == NULL)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  view.from = from;
  view.to = to;
  view.width = width;
  view.height = height;
  view.have_bbox = have_bbox;
  memcpy (view.bbox, bbox, sizeof bbox);
  view.style = style;
  view.credit = credit;
  /* once, not a query of the file for each frame */
  view.attribution = attribution = chronomap_render_attribution (store, credit);
  if (frames_text != NULL)
    return render_animation (store, basemap, &view, &step, cumulative ? NULL : &window, out);
  if (!chronomap_render_view_to_file (store, basemap, &view, out, &n_drawn, &error))
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "Drew %u event to %s\n", "Drew %u events to %s\n", n_drawn),
          n_drawn, out);
  return CHRONOMAP_CLI_EXIT_OK;
}
