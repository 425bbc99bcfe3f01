/* chronomap-window.c: the viewer: map, timeline, events panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns one ChronomapViewModel (time window, filter, selection)
 * and wires each view to it; views never talk to each other.  Opening a
 * file loads it on a worker thread, then places its locations on another
 * (chronomap-placement.c) while the events already show on the timeline.
 */
#define G_LOG_DOMAIN "chronomap-window"

#include "config.h"

#include "chronomap-window.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <shumate/shumate.h>

#include "chronomap-bidi.h"
#include "chronomap-date-expr.h"
#include "chronomap-date-label.h"
#include "chronomap-events-panel.h"
#include "chronomap-event-type-label.h"
#include "chronomap-export-dialog.h"
#include "chronomap-gazetteer.h"
#include "chronomap-import-dialog.h"
#include "chronomap-json.h"
#include "chronomap-legend.h"
#include "chronomap-map-exporter.h"
#include "chronomap-map-sources.h"
#include "chronomap-news-dialog.h"
#include "chronomap-paths.h"
#include "chronomap-placement.h"
#include "chronomap-places-dialog.h"

/* GSettings keeps the playback speed as a multiple of a week per second. */
#define NORMAL_SPEED 7.0

struct _ChronomapWindow
{
  AdwApplicationWindow  parent_instance;

  GCancellable         *cancellable;
  GCancellable         *place_cancellable;
  ChronomapMapExporter *exporter;
  GSettings            *settings;
  ChronomapViewModel   *model;
  ChronomapEventStore  *store;
  GFile                *file;
  GPtrArray            *placements;      /* ChronomapPlacement, per location */
  ChronomapEventLayer  *event_layer;
  gboolean              busy;
  char                 *pending_location;   /* an analyst's pick to make */
  guint                 pending_candidate;
  ChronomapPlaceCandidate *pending_place;   /* or the place found by hand */
  ChronomapPlacement   *undo_placement;     /* a place as it was before the last pick */
  guint                 choose_idle_id;
  gboolean              flap_before_presenting;
  gboolean              presenting;
  gboolean              closed;
  gboolean              fell_back;   /* offline tiles stand in for online ones */
  gboolean              told_offline_detail;   /* that the offline map has no streets */
  gboolean              legend_hidden;   /* the analyst turned the legend off */
  char                 *last_toast;
  char                 *last_toast_target;   /* its button's file, or NULL */
  char                 *added_gazetteer;     /* the toast to give once placed again */
  guint                 missing_before;      /* names not found before it was added */
  gboolean              fitted;
  guint                 fit_tick_id;   /* fitting once the map has a size */
  double                fit_from[3];   /* the view then: zoom, latitude, longitude */
  gint32                pending_from;
  char                 *pending_toast;   /* said once the file opening is open */
  gint32                pending_to;
  char                 *map_source;      /* a chronomap_map_source_new_for_key() key */

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *header_revealer;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkBox               *types_box;
  GtkMenuButton        *map_source_button;
  GtkMenuButton        *types_button;
  GMenu                *recent_menu;
  GtkRevealer          *unresolved_revealer;
  GtkLabel             *unresolved_label;
  AdwFlap              *flap;
  ShumateSimpleMap     *map;
  GtkBox               *zoom_box;
  GtkLabel             *date_caption;
  int                   caption_width;   /* its widest while playing, or 0 */
  ChronomapLegend      *legend_box;
  GtkWidget            *no_events_box;
  GtkWidget            *search_button;
  GtkLabel             *jump_hint;
  GtkRevealer          *presenting_revealer;
  GtkButton            *presenting_play_button;
  guint                 presenting_hide_id;
  guint                 reveal_id;            /* the selection, brought into the map's view */
  guint                 pace_focus_id;        /* the keys, to Play once a pace is picked */
  double                pointer_x;   /* in the presenting controls' space */
  double                pointer_y;
  GtkButton            *out_of_view_button;
  guint                 out_of_view_id;
  GtkBox               *progress_box;
  GtkSpinner           *progress_spinner;
  GtkLabel             *progress_label;
  GtkWidget            *progress_stop;
  GtkBox               *controls;
  GtkButton            *play_button;
  GtkDropDown          *speed_dropdown;
  GtkPopover           *jump_popover;
  GtkEntry             *jump_entry;
  GtkLabel             *window_label;
  GtkLabel             *count_label;
  GtkLabel             *count_figures;
  GtkLabel             *search_hint;
  GtkWidget            *count_squeezer;
  ChronomapTimeline    *timeline;
  ChronomapEventsPanel *events_panel;
};

G_DEFINE_FINAL_TYPE (ChronomapWindow, chronomap_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  PROP_SIDEBAR_VISIBLE,
  PROP_CUMULATIVE,
  PROP_LOOP,
  PROP_MAP_SOURCE,
  PROP_LEGEND_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_sensitivity (ChronomapWindow *self);

/* Helpers */

/**
 * chronomap_toast_new:
 * @text: what the toast says, as it is
 *
 * A toast saying @text: a toast's title is markup, and a file's name
 * ("Syria & Iraq.webm") or an error message is not.
 *
 * Returns: (transfer floating): the toast
 */
AdwToast *
chronomap_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

static void
set_busy (ChronomapWindow *self,
          gboolean         busy,
          const char      *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), busy);
  gtk_spinner_set_spinning (self->progress_spinner, busy);
  gtk_label_set_label (self->progress_label, message);

  if (self->busy == busy)
    return;
  self->busy = busy;
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * chronomap_show_error:
 * @parent: the window it is about
 * @heading: what failed ("Could not save the video")
 * @body: why
 *
 * Says that something failed, in a dialog with a Close button.
 */
void
chronomap_show_error (GtkWindow  *parent,
                      const char *heading,
                      const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
window_caption (gint32 from,
                gint32 to)
{
  int y1, m1, d1, y2, m2, d2;

  /* A window of exactly one month or one year is named as such. */
  chronomap_date_to_ymd (from, &y1, &m1, &d1);
  chronomap_date_to_ymd (to + 1, &y2, &m2, &d2);
  if (d1 == 1 && d2 == 1 && m1 == 1 && m2 == 1 && y2 == y1 + 1)
    return g_strdup_printf ("%d", y1);
  if (d1 == 1 && d2 == 1 && (y2 * 12 + m2) - (y1 * 12 + m1) == 1)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (y1, m1, 1, 0, 0, 0);

      /* Translators: a whole month as the window's caption, see strftime(3) */
      return g_date_time_format (dt, _("%B %Y"));
    }
  return chronomap_date_range_label (from, to);
}

static void
update_labels (ChronomapWindow *self)
{
  g_autofree char *caption = NULL;
  g_autofree char *count = NULL;
  g_autofree char *n_shown = NULL;
  g_autofree char *n_all = NULL;
  g_autofree char *a11y = NULL;
  guint shown, total;

  if (self->store == NULL)
    {
      gtk_label_set_label (self->window_label, "");
      gtk_label_set_label (self->count_label, "");
      gtk_label_set_label (self->count_figures, "");
      gtk_widget_set_tooltip_text (self->count_squeezer, NULL);
      return;
    }

  caption = window_caption (chronomap_view_model_get_visible_from (self->model),
                            chronomap_view_model_get_to (self->model));
  if (chronomap_view_model_get_cumulative (self->model))
    {
      g_autofree char *to = chronomap_date_label (chronomap_view_model_get_to (self->model),
                                                  CHRONOMAP_DATE_PRECISION_DAY);
      g_free (caption);
      /* Translators: the caption in cumulative mode, "Up to 31 Oct 2017" */
      caption = g_strdup_printf (_("Up to %s"), to);
    }
  gtk_label_set_label (self->window_label, caption);
  gtk_label_set_label (self->date_caption, caption);
  /* playing, the large date's pill only widens: a day of one digit after
   * one of two ("9 Mar", "10 Mar") would make it twitch every few frames.
   * Its measure is at least the width asked for so far. */
  if (chronomap_timeline_get_playing (self->timeline))
    {
      int natural = 0;

      gtk_widget_measure (GTK_WIDGET (self->date_caption), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL,
                          NULL);
      if (natural > self->caption_width)
        {
          self->caption_width = natural;
          gtk_widget_set_size_request (GTK_WIDGET (self->date_caption), natural, -1);
        }
    }
  else if (self->caption_width > 0)
    {
      self->caption_width = 0;
      gtk_widget_set_size_request (GTK_WIDGET (self->date_caption), -1, -1);
    }

  shown = chronomap_view_model_get_n_visible (self->model);
  total = chronomap_view_model_get_n_filtered (self->model);
  n_shown = g_strdup_printf ("%'u", shown);
  n_all = g_strdup_printf ("%'u", total);
  /* Translators: the counter, "42 of 1,204 events" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s event", "%s of %s events", total),
                           n_shown, n_all);
  gtk_label_set_label (self->count_label, count);
  /* a narrow map (a narrow window, or the panel beside the map) has room
   * for the figures only: "8 of…" said nothing */
  {
    /* Translators: the counter where the map is narrow, "42/1,204" */
    g_autofree char *figures = g_strdup_printf (_("%s/%s"), n_shown, n_all);

    gtk_label_set_label (self->count_figures, figures);
  }
  /* both may be cut short in a narrow window */
  gtk_widget_set_tooltip_text (self->count_squeezer, count);

  /* beside the search, when the map shows none of what it finds: that
   * it found nothing, or where its events are */
  {
    gboolean searching = chronomap_view_model_get_search (self->model) != NULL;
    g_autofree char *hint = NULL;

    if (searching && total == 0)
      hint = g_strdup (chronomap_view_model_get_hidden_types (self->model) != 0
                         ? _("Nothing found in the types shown")
                         : _("Nothing found"));
    else if (searching && shown == 0)
      hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s found in other periods: Enter goes to it",
                                           "%s found in other periods: Enter goes to the next",
                                           total),
                              n_all);
    gtk_label_set_label (self->search_hint, hint != NULL ? hint : "");
    gtk_widget_set_visible (GTK_WIDGET (self->search_hint), hint != NULL);
  }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_label), caption);
}

static void type_toggled_cb (ChronomapWindow *self);
static void show_hidden_types (ChronomapWindow *self,
                               guint            hidden);

/* The folder @file is in, for a title bar: "~/Documents", or "" */
static char *
folder_display_name (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (path == NULL)
    return g_strdup ("");
  if (home_len > 1 && g_str_has_prefix (path, home) &&
      (path[home_len] == '\0' || path[home_len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", path + home_len, NULL);
  return g_steal_pointer (&path);
}

/* The legend, and the Event Types button's list, for the file's types. */
static void
rebuild_legend (ChronomapWindow *self)
{
  ChronomapEventStyle *style = self->store != NULL ? chronomap_view_model_get_style (self->model) : NULL;
  GtkWidget *child;

  chronomap_legend_set_style (self->legend_box, style);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->types_box))) != NULL)
    gtk_box_remove (self->types_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->legend_box), style != NULL && !self->legend_hidden);
  if (style == NULL)
    return;

  for (guint s = 0; s < chronomap_event_style_get_n_slots (style); s++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (chronomap_event_style_get_slot_label (style, s));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   (chronomap_view_model_get_hidden_types (self->model) & (1u << s)) == 0);
      g_object_set_data (G_OBJECT (check), "slot", GUINT_TO_POINTER (s));
      gtk_box_append (self->types_box, check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (type_toggled_cb), self, G_CONNECT_SWAPPED);
    }
  show_hidden_types (self, chronomap_view_model_get_hidden_types (self->model));
}

static void
fit_map_to_events (ChronomapWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  const ChronomapEvent *events;
  guint n = 0, n_placed = 0;
  double south = 90, north = -90, west = 180, east = -180;
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 600);
  double height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 400);
  double y_n, y_s, y_c, zoom_x, zoom_y, zoom, top = 0;

  gint32 from = chronomap_view_model_get_visible_from (self->model);
  gint32 to = chronomap_view_model_get_to (self->model);
  gboolean in_window = FALSE;
  gboolean any_sure = FALSE;

  /* The events of the time window the file opens on, which is what the
   * map shows first, so that one far event of another year (the sample's
   * Paris) does not zoom out to a continent; all of them when the window
   * has none placed. */
  events = chronomap_event_store_get_events (self->store, &n);
  for (guint i = 0; i < n && !in_window; i++)
    in_window = !isnan (events[i].latitude) && events[i].end >= from && events[i].start <= to;
  /* nor one place guessed abroad (a "Sur" of Oman in a Syrian file) */
  for (guint i = 0; i < n && !any_sure; i++)
    any_sure = !isnan (events[i].latitude) && !events[i].guessed &&
               (!in_window || (events[i].end >= from && events[i].start <= to));
  for (guint i = 0; i < n; i++)
    {
      if (isnan (events[i].latitude) ||
          (in_window && (events[i].end < from || events[i].start > to)) ||
          (any_sure && events[i].guessed))
        continue;
      south = MIN (south, events[i].latitude);
      north = MAX (north, events[i].latitude);
      west = MIN (west, events[i].longitude);
      east = MAX (east, events[i].longitude);
      n_placed++;
    }
  if (n_placed == 0)
    return;

  /* The legend card covers the top of the map: the events are fitted in
   * the part below it, or one of them (the sample's Paris) hides there. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->legend_box)) &&
      gtk_widget_get_valign (GTK_WIDGET (self->legend_box)) == GTK_ALIGN_START)
    {
      int natural = 0;

      gtk_widget_measure (GTK_WIDGET (self->legend_box), GTK_ORIENTATION_VERTICAL, -1, NULL,
                          &natural, NULL, NULL);
      top = MIN (natural + gtk_widget_get_margin_top (GTK_WIDGET (self->legend_box)), height / 3);
    }

  /* Mercator y of the edges, to fit the box with a margin of a fifth. */
  y_n = log (tan (G_PI / 4 + CLAMP (north, -85, 85) * G_PI / 360));
  y_s = log (tan (G_PI / 4 + CLAMP (south, -85, 85) * G_PI / 360));
  zoom_x = log2 (width * 0.8 / 256.0 / MAX ((east - west) / 360.0, 1e-4));
  zoom_y = log2 ((height - top) * 0.8 / 256.0 / MAX ((y_n - y_s) / (2 * G_PI), 1e-4));

  /* no closer than a region: one place alone shows its surroundings.
   * The region a 1000-pixel map shows at level 7, on a larger map too:
   * a fixed level left Syria a sixth of a 4K screen */
  zoom = CLAMP (floor (MIN (zoom_x, zoom_y) * 2) / 2, 2.0, 7.0 + log2 (MAX (width, 1000.0) / 1000.0));
  shumate_viewport_set_zoom_level (viewport, zoom);
  /* the box's middle half the legend's height below the map's */
  y_c = (y_n + y_s) / 2 + top / 2 * 2 * G_PI / (256.0 * exp2 (zoom));
  shumate_location_set_location (SHUMATE_LOCATION (viewport), atan (sinh (y_c)) * 180 / G_PI,
                                 (west + east) / 2);
}

static gboolean
fit_tick_cb (GtkWidget     *map,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  ChronomapWindow *self = user_data;

  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  if (gtk_widget_get_width (map) <= 0)
    return G_SOURCE_CONTINUE;
  self->fit_tick_id = 0;
  /* unless the view was set meanwhile */
  if (self->store != NULL && shumate_viewport_get_zoom_level (viewport) == self->fit_from[0] &&
      shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) == self->fit_from[1] &&
      shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) == self->fit_from[2])
    fit_map_to_events (self);
  return G_SOURCE_REMOVE;
}

/* The map fitted to the events once it has its size: a file loaded
 * before the window was first laid out was fitted to a guessed size,
 * a level further out or in from one start to the next. */
static void
fit_when_sized (ChronomapWindow *self)
{
  GtkWidget *map = GTK_WIDGET (self->map);

  if (gtk_widget_get_width (map) > 0)
    fit_map_to_events (self);
  else if (self->fit_tick_id == 0)
    {
      ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

      self->fit_from[0] = shumate_viewport_get_zoom_level (viewport);
      self->fit_from[1] = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      self->fit_from[2] = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
      self->fit_tick_id = gtk_widget_add_tick_callback (map, fit_tick_cb, self, NULL);
    }
}

/* More events than this in the time window: only whether any is in
 * sight is looked for, not how many are out of it. */
#define MAX_COUNTED_OUT_OF_SIGHT 20000

/* How many of the time window's events the map draws in places found
 * for sure, and how many of those are out of sight: off its view, or
 * under the legend.  Counting
 * stops at the first in sight when there are too many to count. */
static void
count_out_of_sight (ChronomapWindow *self,
                    guint           *out_n_drawn,
                    guint           *out_n_hidden)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  const GArray *visible = chronomap_event_layer_get_visible (self->event_layer);
  GtkWidget *map = GTK_WIDGET (self->map);
  int width = gtk_widget_get_width (map);
  int height = gtk_widget_get_height (map);
  graphene_rect_t legend = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gboolean all = visible->len <= MAX_COUNTED_OUT_OF_SIGHT;

  *out_n_drawn = *out_n_hidden = 0;
  if (self->store == NULL || width <= 0 || height <= 0)
    return;
  if (gtk_widget_get_visible (GTK_WIDGET (self->legend_box)) &&
      !gtk_widget_compute_bounds (GTK_WIDGET (self->legend_box), map, &legend))
    legend = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  for (guint k = 0; k < visible->len; k++)
    {
      const ChronomapEvent *e = chronomap_event_store_get_event (self->store, g_array_index (visible, guint32, k));
      double x, y;

      /* guesses do not decide where the map looks (fit_map_to_events()) */
      if (isnan (e->latitude) || e->guessed)
        continue;
      (*out_n_drawn)++;
      shumate_viewport_location_to_widget_coords (viewport, map, e->latitude, e->longitude, &x, &y);
      if (x >= 0 && y >= 0 && x <= width && y <= height &&
          !graphene_rect_contains_point (&legend, &GRAPHENE_POINT_INIT (x, y)))
        {
          if (!all)
            {
              /* some in sight: not all out of it */
              *out_n_hidden = 0;
              *out_n_drawn = G_MAXUINT;
              return;
            }
        }
      else
        (*out_n_hidden)++;
    }
}

static gboolean
update_out_of_view (gpointer data)
{
  ChronomapWindow *self = data;
  guint n_drawn = 0, n_hidden = 0;
  g_autofree char *label = NULL;

  self->out_of_view_id = 0;
  count_out_of_sight (self, &n_drawn, &n_hidden);
  if (n_drawn > 0 && n_hidden == n_drawn)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event out of sight: show it",
                                          "%u events out of sight: show them", n_drawn),
                             n_drawn);
  /* some out of sight, the map held still: said too, so that a map
   * showing one of two events is not taken for all of them (playing,
   * it would come and go with every step) */
  else if (n_hidden > 0 && !chronomap_timeline_get_playing (self->timeline))
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u event out of sight: show all",
                                          "%u of %u events out of sight: show all", n_drawn),
                             n_hidden, n_drawn);
  if (label != NULL && !self->presenting)
    {
      gtk_button_set_label (self->out_of_view_button, label);
      gtk_widget_set_visible (GTK_WIDGET (self->out_of_view_button), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->out_of_view_button), FALSE);
  return G_SOURCE_REMOVE;
}

/* The map moved or the window did: say, a moment later, when none of the
 * window's events is in sight, so that an empty map is not taken for a
 * period with no events. */
static void
queue_out_of_view (ChronomapWindow *self)
{
  if (self->out_of_view_id == 0)
    self->out_of_view_id = g_timeout_add (250, update_out_of_view, self);
}

static void
map_pressed_cb (GtkGestureClick *click,
                int              n_press,
                double           x,
                double           y)
{
  gtk_widget_grab_focus (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (click)));
}

/* + and - are taken at the map's last levels too, where zooming waits:
 * let through, the search bar took them for typing. */
static gboolean
zoom_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   action_name)
{
  gtk_widget_activate_action (widget, action_name, NULL);
  return TRUE;
}

/* While presenting, + and - zoom the map wherever the focus is: the
 * timeline, which has it then, would take them for itself, and with its
 * focus ring hidden, nothing would say why the map stays put. */
static gboolean
presenting_zoom_key_cb (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   action_name)
{
  return CHRONOMAP_WINDOW (widget)->presenting && zoom_key_cb (widget, args, action_name);
}

/* Ctrl and an arrow: the map moves a quarter of its width or height
 * that way, so that a keyboard alone frames Raqqa or Baghuz (the arrows
 * alone step the time window, wherever the focus is). */
static gboolean
pan_key_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  /* the controller is on the window's content */
  ChronomapWindow *self = CHRONOMAP_WINDOW (gtk_widget_get_root (widget));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->map));
  int dx = 0, dy = 0;
  double lat, lon;

  g_variant_get (args, "(ii)", &dx, &dy);
  if (self->store == NULL)
    return FALSE;
  shumate_viewport_widget_coords_to_location (viewport, map,
                                              gtk_widget_get_width (map) * (0.5 + 0.25 * dx),
                                              gtk_widget_get_height (map) * (0.5 + 0.25 * dy), &lat, &lon);
  shumate_map_go_to_full_with_duration (SHUMATE_MAP (map), lat, lon,
                                        shumate_viewport_get_zoom_level (viewport), 150);
  return TRUE;
}

static GtkEventController *
pan_keys_new (void)
{
  static const struct { guint keyval; int dx, dy; } keys[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[k].keyval, GDK_CONTROL_MASK),
                                                gtk_callback_action_new (pan_key_cb, NULL, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new ("(ii)", keys[k].dx, keys[k].dy));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  return controller;
}

/* + and - (and the keypad's) as @func takes them, to zoom the map. */
static GtkEventController *
zoom_keys_new (GtkShortcutFunc func)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_plus, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_KP_Add, 0)),
                      gtk_callback_action_new (func, (gpointer) "win.zoom-map-in", NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_minus, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_KP_Subtract, 0)),
                      gtk_callback_action_new (func, (gpointer) "win.zoom-map-out", NULL)));
  return keys;
}

/* Zoom In and Out wait at the map's nearest and farthest levels.  Past
 * the offline map's detail, the user is told once where to find more:
 * closer, its land is a plain colour. */
static void
update_zoom_actions (ChronomapWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double zoom = shumate_viewport_get_zoom_level (viewport);

  if (zoom > CHRONOMAP_OFFLINE_DETAIL_ZOOM + 0.5 && !self->told_offline_detail &&
      (self->map_source == NULL || g_str_equal (self->map_source, CHRONOMAP_MAP_SOURCE_KEY_OFFLINE)))
    {
      self->told_offline_detail = TRUE;
      chronomap_window_add_toast (self, chronomap_toast_new (_("The offline map has no streets: an online "
                                                               "map, in the Map menu, shows them")));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-map-in",
                                 zoom < shumate_viewport_get_max_zoom_level (viewport) - 0.01);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-map-out",
                                 zoom > shumate_viewport_get_min_zoom_level (viewport) + 0.01);
}

/* + and - zoom the map wherever the focus is, but on the timeline, whose
 * own + and - zoom it, and in a text entry; Ctrl with them anywhere. */
static void
zoom_map_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (CHRONOMAP_WINDOW (widget)->map);
  double step = g_str_equal (action_name, "win.zoom-map-in") ? 1.0 : -1.0;

  /* a whole level, as the map's buttons go; the viewport keeps it to the
   * map's levels */
  shumate_viewport_set_zoom_level (viewport, round (shumate_viewport_get_zoom_level (viewport)) + step);
}

static void
fit_events_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (widget);

  if (self->store == NULL)
    return;
  fit_map_to_events (self);
  queue_out_of_view (self);
}

static void
update_unresolved (ChronomapWindow *self)
{
  guint n_names = 0, n_events = 0, n_guesses = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->placements != NULL && i < self->placements->len; i++)
    {
      ChronomapPlacement *p = g_ptr_array_index (self->placements, i);

      if (chronomap_placement_is_unresolved (p))
        {
          n_names++;
          n_events += p->n_events;
        }
      else if (chronomap_placement_is_guess (p))
        n_guesses++;
    }

  if (n_names > 0)
    {
      /* each count with its own plural: "1 place … 3 events", "2 places … 1 event" */
      g_autofree char *places = NULL;
      g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u event is not on the map",
                                                              "%u events are not on the map",
                                                              n_events), n_events);

      if (n_guesses > 0)
        {
          g_autofree char *total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u place needs checking",
                                                                 "%u places need checking",
                                                                 n_names + n_guesses),
                                                    n_names + n_guesses);

          /* Translators: "4 places need checking: 2 not found, 2 placed by a guess" */
          places = g_strdup_printf (_("%s: %u not found, %u placed by a guess"), total, n_names, n_guesses);
        }
      else
        places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u place could not be found",
                                               "%u places could not be found", n_names), n_names);

      /* Translators: "2 places could not be found; 5 events are not on the map" */
      g_string_append_printf (text, _("%s; %s"), places, events);
    }
  else if (n_guesses > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%u place was placed by a guess",
                                               "%u places were placed by a guess",
                                               n_guesses), n_guesses);
  if (text->len > 0)
    gtk_label_set_label (self->unresolved_label, text->str);
  gtk_revealer_set_reveal_child (self->unresolved_revealer, text->len > 0);
  /* open once the places are known, with something to check or not:
   * a menu item greyed out would not say why */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unresolved", self->placements != NULL);
}

/* The map credits the analyst's gazetteers that placed events, as an
 * exported image does: a map shown full screen is photographed too.  And
 * the offline map's sources, when it stands in for missing online tiles:
 * the online map's credit alone would not be what is shown. */
static void
update_places_credit (ChronomapWindow *self)
{
  g_autofree char *places = self->placements != NULL ? chronomap_placements_credit (self->placements)
                                                     : NULL;
  g_autofree char *credit = NULL;

  if (self->fell_back)
    credit = g_strjoin (" · ", chronomap_basemap_get_attribution (), places, NULL);
  else
    credit = g_steal_pointer (&places);
  shumate_license_set_extra_text (shumate_simple_map_get_license (self->map), credit);
}

static void
apply_placements (ChronomapWindow *self)
{
  chronomap_placements_apply (self->store, self->placements);
  update_unresolved (self);
  chronomap_events_panel_set_placements (self->events_panel, self->placements);
  update_places_credit (self);
}

/* Callbacks */

static void
placements_found_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ChronomapWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) placements = NULL;

  placements = chronomap_placements_find_finish (result, &error);
  if (placements == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Places could not be found: %s"), error->message);
          adw_toast_overlay_add_toast (self->toast_overlay, chronomap_toast_new (text));
          set_busy (self, FALSE, NULL);
        }
      return;
    }

  /* The file may have changed while the worker ran. */
  if (CHRONOMAP_EVENT_STORE (source) != self->store)
    return;

  g_clear_pointer (&self->placements, g_ptr_array_unref);
  self->placements = g_steal_pointer (&placements);
  apply_placements (self);
  /* after Add a Gazetteer: what it found of what was missing */
  if (self->added_gazetteer != NULL)
    {
      g_autofree char *added = g_steal_pointer (&self->added_gazetteer);
      guint missing = chronomap_window_get_n_unresolved (self);
      g_autofree char *text = NULL;

      if (self->missing_before > 0)
        /* Translators: "Added 42 places from wof-sy.csv: 1 of 2 missing places found" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u missing place found",
                                             "%s: %u of %u missing places found", self->missing_before),
                                added, self->missing_before - MIN (missing, self->missing_before),
                                self->missing_before);
      chronomap_window_add_toast (self, chronomap_toast_new (text != NULL ? text : added));
    }
  if (!self->fitted)
    {
      fit_when_sized (self);
      self->fitted = TRUE;
    }
  set_busy (self, FALSE, NULL);
}

static void
place_events (ChronomapWindow *self)
{
  guint n_locations = 0;
  g_autofree char *message = NULL;

  chronomap_event_store_get_locations (self->store, &n_locations);
  g_cancellable_cancel (self->place_cancellable);
  g_clear_object (&self->place_cancellable);
  self->place_cancellable = g_cancellable_new ();

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Placing %u location on the map…",
                                          "Placing %u locations on the map…", n_locations), n_locations);
  set_busy (self, TRUE, message);
  chronomap_placements_find_async (self->store, self->file, self->place_cancellable,
                                   placements_found_cb, g_object_ref (self));
}

static void
model_window_changed_cb (ChronomapWindow *self)
{
  chronomap_timeline_set_window (self->timeline, chronomap_view_model_get_from (self->model),
                                 chronomap_view_model_get_to (self->model));
}

static void
timeline_window_changed_cb (ChronomapWindow *self)
{
  chronomap_view_model_set_window (self->model, chronomap_timeline_get_from (self->timeline),
                                   chronomap_timeline_get_to (self->timeline));
}

static void
visible_changed_cb (ChronomapWindow *self)
{
  chronomap_event_layer_set_mask (self->event_layer, chronomap_view_model_get_mask (self->model));
  chronomap_timeline_set_mask (self->timeline, chronomap_view_model_get_mask (self->model));
  chronomap_event_layer_set_window (self->event_layer, chronomap_view_model_get_visible_from (self->model),
                                    chronomap_view_model_get_to (self->model));
  update_labels (self);
  queue_out_of_view (self);
}

/* Whether (@x, @y) on the map is hidden: near its edges, or under the
 * legend or the zoom buttons over it. */
static gboolean
hidden_on_map (ChronomapWindow *self,
               double           x,
               double           y)
{
  GtkWidget *map = GTK_WIDGET (self->map);
  GtkWidget *covers[] = { GTK_WIDGET (self->legend_box), GTK_WIDGET (self->zoom_box) };

  if (x < 40 || y < 40 || x > gtk_widget_get_width (map) - 40 || y > gtk_widget_get_height (map) - 40)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (covers); i++)
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_mapped (covers[i]) && gtk_widget_compute_bounds (covers[i], map, &bounds) &&
          graphene_rect_contains_point (graphene_rect_inset (&bounds, -12, -12), &GRAPHENE_POINT_INIT (x, y)))
        return TRUE;
    }
  return FALSE;
}

/* A selection made in the list or the timeline may be off the map's view,
 * or under what lies over the map: bring it in, without moving a map
 * that already shows it. */
static void
reveal_on_map (ChronomapWindow *self,
               int              selected)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  const ChronomapEvent *e;
  double x, y;

  if (selected < 0 || self->store == NULL || gtk_widget_get_width (GTK_WIDGET (self->map)) <= 0)
    return;
  e = chronomap_event_store_get_event (self->store, selected);
  if (isnan (e->latitude))
    return;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self->map), e->latitude, e->longitude,
                                              &x, &y);
  if (hidden_on_map (self, x, y))
    shumate_map_go_to (shumate_simple_map_get_map (self->map), e->latitude, e->longitude);
}

static gboolean
reveal_selection_cb (gpointer data)
{
  ChronomapWindow *self = data;

  self->reveal_id = 0;
  reveal_on_map (self, chronomap_view_model_get_selected (self->model));
  return G_SOURCE_REMOVE;
}

/* The events panel, once it has opened beside the map, took a part of it:
 * the selection may be under it now, seen once the map has its new size. */
static void
flap_progress_cb (ChronomapWindow *self)
{
  if (adw_flap_get_reveal_progress (self->flap) >= 1.0 && !adw_flap_get_folded (self->flap) &&
      self->reveal_id == 0)
    self->reveal_id = g_idle_add_full (G_PRIORITY_LOW, reveal_selection_cb, self, NULL);
}

static void
selected_changed_cb (ChronomapWindow *self)
{
  int selected = chronomap_view_model_get_selected (self->model);

  if (selected >= 0)
    reveal_on_map (self, selected);

  chronomap_event_layer_set_selected (self->event_layer, selected);
  chronomap_timeline_set_selected (self->timeline, selected);
  /* the details of what was picked, over the map too when the window is
   * narrow: the user asked for them */
  if (selected >= 0 && !self->presenting)
    adw_flap_set_reveal_flap (self->flap, TRUE);
}

static void
model_cumulative_cb (ChronomapWindow *self)
{
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUMULATIVE]);
}

static void
flap_revealed_cb (ChronomapWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

static void
timeline_loop_cb (ChronomapWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

static void
layer_selected_cb (ChronomapWindow *self)
{
  chronomap_view_model_set_selected (self->model, chronomap_event_layer_get_selected (self->event_layer));
}

static void
timeline_selected_cb (ChronomapWindow *self)
{
  int selected = -1;

  g_object_get (self->timeline, "selected", &selected, NULL);
  chronomap_view_model_set_selected (self->model, selected);
}

static void
store_style_changed_cb (ChronomapWindow *self)
{
  ChronomapEventStyle *style = chronomap_view_model_get_style (self->model);

  chronomap_event_layer_set_style (self->event_layer, style);
  chronomap_timeline_set_style (self->timeline, style);
  rebuild_legend (self);
}

static void
search_changed_cb (GtkSearchEntry  *entry,
                   ChronomapWindow *self)
{
  chronomap_view_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* The next event the search finds (@direction 1) or the one before (-1),
 * from the one picked, or else from the time window's start, round the
 * ends: a search whose events lie outside the time window still leads to
 * each of them in turn, the window following. */
static void
search_step (ChronomapWindow *self,
             int              direction)
{
  GBytes *mask;
  int selected;
  const guint8 *keep = NULL;
  gsize n;
  gint64 start;

  if (self->store == NULL)
    return;
  /* the search as typed: Enter comes before the entry's own pause, after
   * which it says the text changed */
  chronomap_view_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  mask = chronomap_view_model_get_mask (self->model);
  selected = chronomap_view_model_get_selected (self->model);
  n = chronomap_event_store_get_n_events (self->store);
  /* no mask: every event is found */
  if (mask != NULL)
    {
      gsize len = 0;

      keep = g_bytes_get_data (mask, &len);
      n = MIN (n, len);
    }
  if (n == 0)
    return;
  if (selected >= 0)
    start = selected + direction;
  else
    start = (gint64) chronomap_event_store_first_from (self->store,
                                                       chronomap_view_model_get_visible_from (self->model)) -
            (direction < 0);
  for (gsize k = 0; k < n; k++)
    {
      gsize i = (gsize) (((start + direction * (gint64) k) % (gint64) n + (gint64) n) % (gint64) n);

      if (keep == NULL || keep[i] != 0)
        {
          chronomap_view_model_set_selected (self->model, (int) i);
          return;
        }
    }
  gtk_widget_error_bell (GTK_WIDGET (self->search_entry));
}

static void
search_next_cb (GtkSearchEntry  *entry,
                ChronomapWindow *self)
{
  search_step (self, 1);
}

static void
search_previous_cb (GtkSearchEntry  *entry,
                    ChronomapWindow *self)
{
  search_step (self, -1);
}

/* The legend lists the types the map shows, and the Event Types button
 * says when some are filtered out. */
static void
show_hidden_types (ChronomapWindow *self,
                   guint            hidden)
{
  ChronomapEventStyle *style = chronomap_view_model_get_style (self->model);
  guint n_types = style != NULL ? chronomap_event_style_get_n_slots (style) : 0, n_shown = 0;
  g_autofree char *label = NULL;

  chronomap_legend_set_hidden_types (self->legend_box, hidden);
  for (guint s = 0; s < n_types; s++)
    n_shown += (hidden & (1u << s)) == 0;
  /* Translators: the Event Types button when a filter hides some */
  label = n_shown < n_types ? g_strdup_printf (_("Event Types (%u of %u)"), n_shown, n_types)
                            : g_strdup (_("Event Types"));
  gtk_menu_button_set_label (self->types_button, label);
}

static void
type_toggled_cb (ChronomapWindow *self)
{
  guint hidden = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->types_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      hidden |= 1u << GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "slot"));
  chronomap_view_model_set_hidden_types (self->model, hidden);
  show_hidden_types (self, hidden);
}

/* Closing the filter bar clears all of its filter, as it clears the
 * text: no type stays hidden with nothing on screen to say so. */
static void
search_mode_cb (ChronomapWindow *self)
{
  gboolean changed = FALSE;

  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->types_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      {
        g_signal_handlers_block_by_func (child, type_toggled_cb, self);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child), TRUE);
        g_signal_handlers_unblock_by_func (child, type_toggled_cb, self);
        changed = TRUE;
      }
  if (changed)
    type_toggled_cb (self);
}

static void
jump_activated_cb (GtkEntry        *entry,
                   ChronomapWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  ChronomapDatePrecision precision;
  gint32 day, length;

  /* as people write a date ("March 2017"), or ISO 8601 */
  if (!chronomap_date_parse_text (text, chronomap_date_from_ymd (g_date_time_get_year (now),
                                                                g_date_time_get_month (now),
                                                                g_date_time_get_day_of_month (now)),
                                  &day, &precision))
    {
      g_autofree char *why = chronomap_date_explain_invalid (text);
      g_autofree char *message = why != NULL ? g_strdup_printf (_("“%s” is not a date: %s"), text, why)
                                             : g_strdup_printf (_("“%s” is not a date"), text);

      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_label_set_label (self->jump_hint, message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->jump_hint), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->jump_hint), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_label_set_label (self->jump_hint, _("2019-03-24, March 2019 or 2019"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->jump_hint), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->jump_hint), "dim-label");

  /* "2017-10" shows October, "2017" the year; a day keeps the window's
   * length and starts there. */
  if (precision != CHRONOMAP_DATE_PRECISION_DAY)
    chronomap_view_model_set_window (self->model, chronomap_date_period_start (day, precision),
                                     chronomap_date_period_end (day, precision));
  else
    {
      length = chronomap_view_model_get_to (self->model) - chronomap_view_model_get_from (self->model);
      chronomap_view_model_set_window (self->model, day, day + length);
    }
  gtk_popover_popdown (self->jump_popover);
}

/* The analyst's pick, made once the dropdown is done notifying: the
 * details it is part of are rebuilt, its model with them. */
static gboolean
choose_idle_cb (gpointer user_data)
{
  ChronomapWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = g_steal_pointer (&self->pending_location);
  g_autoptr(ChronomapPlacement) before = NULL;
  const ChronomapPlacement *after = NULL;
  gboolean done;

  self->choose_idle_id = 0;
  if (location == NULL || self->placements == NULL)
    return G_SOURCE_REMOVE;
  /* as it was, for Undo */
  for (guint i = 0; i < self->placements->len && before == NULL; i++)
    if (g_strcmp0 (((ChronomapPlacement *) g_ptr_array_index (self->placements, i))->name, location) == 0)
      {
        after = g_ptr_array_index (self->placements, i);
        before = chronomap_placement_copy (after);
      }
  if (self->pending_place != NULL)
    {
      g_autoptr(ChronomapPlaceCandidate) place = g_steal_pointer (&self->pending_place);

      done = chronomap_placements_place (self->placements, location, place, self->file, &error);
    }
  else
    done = chronomap_placements_choose (self->placements, location, self->pending_candidate, self->file,
                                        &error);
  apply_placements (self);
  if (!done)
    {
      if (error != NULL)
        chronomap_window_add_toast (self, chronomap_toast_new (error->message));
      return G_SOURCE_REMOVE;
    }

  /* said, with a way back: the pick moves every event of the place */
  {
    g_autofree char *place = chronomap_bidi_isolate (location);
    g_autofree char *where = after->resolved ? chronomap_bidi_isolate (after->label) : NULL;
    g_autofree char *text = NULL;
    AdwToast *toast;

    if (after->resolved)
      /* Translators: a toast once the analyst put a place right: "“Hamouriyah town”: 50 events
       * placed at Hammurah, Syria" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s”: %u event placed at %s",
                                           "“%s”: %u events placed at %s", after->n_events),
                              place, after->n_events, where);
    else
      /* Translators: a toast once the analyst left a place off the map */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s”: %u event left off the map",
                                           "“%s”: %u events left off the map", after->n_events),
                              place, after->n_events);
    toast = chronomap_toast_new (text);
    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_action_name (toast, "win.undo-place");
    g_clear_pointer (&self->undo_placement, chronomap_placement_free);
    self->undo_placement = g_steal_pointer (&before);
    chronomap_window_add_toast (self, toast);
  }
  return G_SOURCE_REMOVE;
}

/* win.undo-place: the last pick of a place, undone. */
static void
undo_place_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (widget);
  g_autoptr(ChronomapPlacement) saved = g_steal_pointer (&self->undo_placement);
  g_autoptr(GError) error = NULL;

  if (saved == NULL || self->placements == NULL)
    return;
  if (!chronomap_placements_restore (self->placements, saved, self->file, &error) && error != NULL)
    chronomap_window_add_toast (self, chronomap_toast_new (error->message));
  apply_placements (self);
}

/* The analyst picked another place for @location in the details: made
 * once the dropdown is done notifying, as the details it is part of are
 * shown again. */
static void
place_chosen_cb (ChronomapWindow *self,
                 const char      *location,
                 guint            candidate)
{
  if (self->placements == NULL)
    return;
  g_free (self->pending_location);
  self->pending_location = g_strdup (location);
  self->pending_candidate = candidate;
  g_clear_pointer (&self->pending_place, chronomap_place_candidate_free);
  if (self->choose_idle_id == 0)
    self->choose_idle_id = g_idle_add (choose_idle_cb, self);
}

/* The analyst found the place of @location by hand in the details: made
 * as a pick is. */
static void
place_found_cb (ChronomapWindow               *self,
                const char                    *location,
                const ChronomapPlaceCandidate *place)
{
  if (self->placements == NULL)
    return;
  g_free (self->pending_location);
  self->pending_location = g_strdup (location);
  g_clear_pointer (&self->pending_place, chronomap_place_candidate_free);
  self->pending_place = chronomap_place_candidate_copy (place);
  if (self->choose_idle_id == 0)
    self->choose_idle_id = g_idle_add (choose_idle_cb, self);
}

static void
timeline_playing_cb (ChronomapWindow *self)
{
  gboolean playing = chronomap_timeline_get_playing (self->timeline);

  for (guint i = 0; i < 2; i++)
    {
      GtkButton *button = i == 0 ? self->play_button : self->presenting_play_button;

      gtk_button_set_icon_name (button, playing ? "media-playback-pause-symbolic"
                                                : "media-playback-start-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (button), playing ? _("Pause") : _("Play"));
    }
  /* stopped, events out of sight are counted again, and the date's pill
   * fits its date again */
  queue_out_of_view (self);
  update_labels (self);
}

static gboolean
pace_focus_cb (gpointer data)
{
  ChronomapWindow *self = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  self->pace_focus_id = 0;
  if (focus != NULL && (focus == GTK_WIDGET (self->speed_dropdown) ||
                        gtk_widget_is_ancestor (focus, GTK_WIDGET (self->speed_dropdown))))
    gtk_widget_grab_focus (GTK_WIDGET (self->play_button));
  return G_SOURCE_REMOVE;
}

static void
speed_selected_cb (ChronomapWindow *self)
{
  guint k = gtk_drop_down_get_selected (self->speed_dropdown);
  double days_per_second;

  if (k >= CHRONOMAP_TIMELINE_N_SPEEDS)
    return;
  days_per_second = chronomap_timeline_speed_days (k);
  chronomap_timeline_set_speed (self->timeline, days_per_second);
  if (self->settings != NULL)
    g_settings_set_double (self->settings, "playback-speed", days_per_second / NORMAL_SPEED);
  /* a pace picked from the list: the keys go to Play, once the list has
   * closed and given them back, so that Space plays at it rather than
   * opening the list again */
  if (self->pace_focus_id == 0)
    self->pace_focus_id = g_idle_add_full (G_PRIORITY_LOW, pace_focus_cb, self, NULL);
}

/* Without events, the controls that act on them wait: play would run
 * through an empty 1970, and an animation would have nothing to show.
 * A map is exported one at a time, not while the events are still being
 * placed; and while it is, what it reads stays: no other file replaces
 * the events, and no pick of a place moves one. */
static void
update_sensitivity (ChronomapWindow *self)
{
  gboolean any = self->store != NULL && chronomap_event_store_get_n_events (self->store) > 0;
  gboolean exporting = self->exporter != NULL && chronomap_map_exporter_get_running (self->exporter);

  gtk_widget_set_sensitive (GTK_WIDGET (self->controls), any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-image", self->store != NULL && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-animation", any && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-video", any && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-recent", !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-news", !exporting);
  chronomap_details_panel_set_can_choose (chronomap_events_panel_get_details (self->events_panel), !exporting);
  /* no file (none given, or one that would not open): what to do, and
   * nothing that acts on events */
  gtk_widget_set_visible (self->no_events_box, self->store == NULL && !self->busy);
  /* presenting hides the search bar: Ctrl+F would type into nothing */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", self->store != NULL && !self->presenting);
  gtk_widget_set_sensitive (self->search_button, self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sidebar", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fit-events", any);
}

/* The legend can be put away: on a small screen it covers a fifth of the
 * map, and a presenter may have explained the colours already. */
static void
set_legend_visible (ChronomapWindow *self,
                    gboolean         visible)
{
  if (self->legend_hidden == !visible)
    return;
  self->legend_hidden = !visible;
  gtk_widget_set_visible (GTK_WIDGET (self->legend_box),
                          visible && self->store != NULL && chronomap_view_model_get_style (self->model) != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGEND_VISIBLE]);
}

static gboolean
hide_presenting_controls_cb (gpointer data)
{
  ChronomapWindow *self = data;

  /* not from under the pointer */
  if (gtk_widget_contains (GTK_WIDGET (self->presenting_revealer), self->pointer_x, self->pointer_y))
    return G_SOURCE_CONTINUE;
  self->presenting_hide_id = 0;
  gtk_revealer_set_reveal_child (self->presenting_revealer, FALSE);
  /* and the pointer with them: the audience sees the map, not an arrow */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");
  chronomap_event_layer_set_pointer_hidden (self->event_layer, TRUE);
  return G_SOURCE_REMOVE;
}

/* While presenting, moving the pointer shows play and leave for a few
 * seconds, as a video player does; still, the map is left alone. */
static void
pointer_moved_cb (ChronomapWindow *self,
                  double           x,
                  double           y)
{
  graphene_point_t point;

  if (!self->presenting)
    return;
  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->presenting_revealer),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  self->pointer_x = point.x;
  self->pointer_y = point.y;
  gtk_revealer_set_reveal_child (self->presenting_revealer, TRUE);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  chronomap_event_layer_set_pointer_hidden (self->event_layer, FALSE);
  g_clear_handle_id (&self->presenting_hide_id, g_source_remove);
  self->presenting_hide_id = g_timeout_add_seconds (2, hide_presenting_controls_cb, self);
}

/* Presenting is a state of its own, entered with the full screen request:
 * it must not wait for a window manager to grant full screen (kiosks,
 * projectors, nested sessions). */
static void
set_presenting (ChronomapWindow *self,
                gboolean         presenting)
{
  if (self->presenting == presenting)
    return;
  self->presenting = presenting;

  /* Presenting keeps the map and the timeline; the date is told large. */
  gtk_revealer_set_reveal_child (self->header_revealer, !presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->controls), !presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->date_caption), presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->zoom_box), !presenting);
  /* seen across a room: larger marks, and counts that can be read */
  chronomap_event_layer_set_large (self->event_layer, presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->presenting_revealer), presenting);
  gtk_revealer_set_reveal_child (self->presenting_revealer, FALSE);
  g_clear_handle_id (&self->presenting_hide_id, g_source_remove);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  chronomap_event_layer_set_pointer_hidden (self->event_layer, FALSE);
  /* the pointer resting on the timeline tells the audience nothing */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->timeline), !presenting);
  /* the large date takes the top of the map: the legend goes to the
   * bottom, above the scale bar, rather than over the date */
  gtk_widget_set_valign (GTK_WIDGET (self->legend_box), presenting ? GTK_ALIGN_END : GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->legend_box), presenting ? 0 : 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->legend_box), presenting ? 72 : 0);
  if (presenting)
    {
      self->flap_before_presenting = adw_flap_get_reveal_flap (self->flap);
      adw_flap_set_reveal_flap (self->flap, FALSE);
      /* hidden, not closed: closing clears the filter, and a filtered
       * map ("only the battles") is what one may want to present */
      gtk_widget_set_visible (GTK_WIDGET (self->search_bar), FALSE);
      gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
      gtk_revealer_set_reveal_child (self->unresolved_revealer, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->out_of_view_button), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "presenting");
      gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
    }
  else
    {
      adw_flap_set_reveal_flap (self->flap, self->flap_before_presenting);
      gtk_widget_set_visible (GTK_WIDGET (self->search_bar), TRUE);
      gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presenting");
      update_unresolved (self);
      queue_out_of_view (self);
    }
  update_sensitivity (self);
}

static void
fullscreened_cb (ChronomapWindow *self)
{
  set_presenting (self, gtk_window_is_fullscreen (GTK_WINDOW (self)));
}

/* The online map's tiles do not come (no network): the offline map
 * stands in, and the user is told why the map looks plain. */
static void
online_failed_cb (ChronomapWindow *self,
                  const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay,
                               chronomap_toast_new (_("The online map cannot be reached: the offline "
                                                "map is shown where its tiles are missing")));
  self->fell_back = TRUE;
  update_places_credit (self);
}

static void
update_map_source (ChronomapWindow *self)
{
  g_autoptr(ShumateMapSource) source = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char *key = self->map_source != NULL ? self->map_source : CHRONOMAP_MAP_SOURCE_KEY_OFFLINE;

  source = chronomap_map_source_new_for_key (key, dark, &error);
  if (self->fell_back)
    {
      self->fell_back = FALSE;
      update_places_credit (self);
    }
  if (source == NULL)
    {
      /* A map that went away (an MBTiles file moved) falls back offline. */
      g_autofree char *text = g_strdup_printf (_("Showing the offline map: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, chronomap_toast_new (text));
      g_clear_error (&error);
      source = chronomap_map_source_new_offline (dark, &error);
    }
  if (source != NULL)
    {
      ChronomapFallbackSource *fallback = chronomap_map_source_get_fallback (source);

      if (fallback != NULL)
        g_signal_connect_object (fallback, "fell-back", G_CALLBACK (online_failed_cb), self,
                                 G_CONNECT_SWAPPED);
      shumate_simple_map_set_map_source (self->map, source);
    }
  else
    g_warning ("No basemap: %s", error->message);
}

static void
dark_changed_cb (ChronomapWindow *self)
{
  update_map_source (self);
}

static void
set_map_source (ChronomapWindow *self,
                const char      *key)
{
  if (key == NULL || *key == '\0')
    key = CHRONOMAP_MAP_SOURCE_KEY_OFFLINE;
  if (g_strcmp0 (self->map_source, key) == 0)
    return;

  g_free (self->map_source);
  self->map_source = g_strdup (key);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "map-source", key);
  if (self->map != NULL)
    update_map_source (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_SOURCE]);
}

/* The menu lists the offline map first: it is the default and needs no
 * network; online maps are named as their registry names them. */
static void
build_map_source_menu (ChronomapWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) maps = g_menu_new ();
  g_autoptr(GMenu) files = g_menu_new ();
  g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
  const char * const *ids = chronomap_map_source_get_online_ids ();
  g_autoptr(GMenuItem) offline = g_menu_item_new (_("Offline Map"), NULL);

  g_menu_item_set_action_and_target (offline, "win.map-source", "s", CHRONOMAP_MAP_SOURCE_KEY_OFFLINE);
  g_menu_append_item (maps, offline);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      ShumateMapSource *source = shumate_map_source_registry_get_by_id (registry, ids[i]);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (source == NULL)
        continue;
      /* Translators: an online map in the base map menu, "OpenStreetMap Mapnik (online)" */
      label = g_strdup_printf (_("%s (online)"), shumate_map_source_get_name (source));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.map-source", "s", ids[i]);
      g_menu_append_item (maps, item);
    }
  g_menu_append (files, _("Open Map File…"), "win.open-map-file");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (maps));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (files));
  gtk_menu_button_set_menu_model (self->map_source_button, G_MENU_MODEL (menu));
}

static void
map_file_response_cb (GtkNativeDialog *dialog,
                      int              response,
                      gpointer         user_data)
{
  ChronomapWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          g_autofree char *key = g_strconcat ("mbtiles:", path, NULL);
          set_map_source (self, key);
        }
    }
  g_object_unref (dialog);
}

static void
open_map_file_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Map File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("MBTiles raster maps"));
  gtk_file_filter_add_suffix (filter, "mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (map_file_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
file_dropped_cb (GtkDropTarget   *target,
                 const GValue    *value,
                 double           x,
                 double           y,
                 ChronomapWindow *self)
{
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      chronomap_window_open (self, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

#define MAX_RECENT 8

static void
rebuild_recent_menu (ChronomapWindow *self)
{
  g_auto(GStrv) uris = NULL;

  g_menu_remove_all (self->recent_menu);
  if (self->settings == NULL)
    return;

  uris = g_settings_get_strv (self->settings, "recent-files");
  for (guint i = 0; uris[i] != NULL && i < MAX_RECENT; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (uris[i]));
      g_menu_append_item (self->recent_menu, item);
    }
}

/* Newest first, each file once. */
static void
remember_recent (ChronomapWindow *self,
                 const char      *uri)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) uris = NULL;
  guint n = 1;

  if (self->settings == NULL)
    return;

  old = g_settings_get_strv (self->settings, "recent-files");
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], uri) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  uris = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) uris);
  rebuild_recent_menu (self);
}

static void
open_recent_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  chronomap_window_open (CHRONOMAP_WINDOW (widget), file);
}

typedef struct
{
  ChronomapWindow *self;
  GFile           *file;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void
store_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  ChronomapWindow *self = data->self;
  GFile *file = data->file;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autofree char *title = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *uri = g_file_get_uri (file);

  store = chronomap_event_store_load_finish (result, &error);
  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), basename);

          set_busy (self, FALSE, NULL);
          g_clear_pointer (&self->pending_toast, g_free);
          self->pending_from = CHRONOMAP_DAY_INVALID;
          chronomap_show_error (GTK_WINDOW (self), heading, error->message);
        }
      return;
    }

  /* Only now does the new file replace the old one: a file that can't be
   * opened leaves the previous one open. */
  g_set_object (&self->store, store);
  g_set_object (&self->file, file);
  /* the details keep no place of the previous file */
  chronomap_events_panel_set_placements (self->events_panel, NULL);
  g_clear_pointer (&self->placements, g_ptr_array_unref);
  g_clear_pointer (&self->undo_placement, chronomap_placement_free);
  /* nor its banner, nor Places to Check until this file's are known */
  update_unresolved (self);
  update_places_credit (self);
  /* a gazetteer added for the previous file reports nothing on this one,
   * and its exports go beside it */
  g_clear_pointer (&self->added_gazetteer, g_free);
  chronomap_map_exporter_forget_folder (self->exporter);
  self->fitted = FALSE;

  title = chronomap_database_get_metadata (chronomap_event_store_get_database (store), "title");
  if (title != NULL)
    {
      adw_window_title_set_title (self->window_title, title);
      adw_window_title_set_subtitle (self->window_title, basename);
    }
  else
    {
      g_autofree char *folder = folder_display_name (file);

      /* the name once, and where the file is, as GNOME's editors do */
      adw_window_title_set_title (self->window_title, basename);
      adw_window_title_set_subtitle (self->window_title, folder);
    }

  chronomap_view_model_set_store (self->model, store);
  if (self->pending_from != CHRONOMAP_DAY_INVALID)
    {
      chronomap_view_model_set_window (self->model, self->pending_from, self->pending_to);
      self->pending_from = CHRONOMAP_DAY_INVALID;
    }
  if (self->pending_toast != NULL)
    {
      g_autofree char *toast = g_steal_pointer (&self->pending_toast);

      chronomap_window_add_toast (self, chronomap_toast_new (toast));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  update_sensitivity (self);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-file", uri);
  remember_recent (self, uri);

  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
  place_events (self);
}

/* What to do with the file a chooser gives (kept on the chooser as
 * "chronomap-chosen"): open it. */
typedef void (*FileChosenFunc) (ChronomapWindow *self,
                                GFile           *file);

static void
file_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  ChronomapWindow *self = user_data;
  FileChosenFunc chosen = (FileChosenFunc) g_object_get_data (G_OBJECT (dialog), "chronomap-chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      chosen (self, file);
    }
  g_object_unref (dialog);
}

static void
connect_file_chosen (GtkFileChooserNative *chooser,
                     ChronomapWindow      *self,
                     FileChosenFunc        chosen)
{
  g_object_set_data (G_OBJECT (chooser), "chronomap-chosen", (gpointer) chosen);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), self);
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Event Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Event databases"));
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  connect_file_chosen (chooser, self, chronomap_window_open);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChronomapImportDialog *dialog = chronomap_import_dialog_new (CHRONOMAP_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.choose-files", NULL);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChronomapExportDialog *dialog = chronomap_export_dialog_new (CHRONOMAP_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_image_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  chronomap_map_exporter_choose_image (CHRONOMAP_WINDOW (widget)->exporter);
}

static void
export_animation_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  chronomap_map_exporter_choose_animation (CHRONOMAP_WINDOW (widget)->exporter);
}

static void
export_video_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  chronomap_map_exporter_choose_video (CHRONOMAP_WINDOW (widget)->exporter);
}

/* win.stop-export: the progress pill's Stop button */
static void
stop_export_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  chronomap_map_exporter_stop (CHRONOMAP_WINDOW (widget)->exporter);
}

/* The map is being saved: busy, and an animation or a video can be
 * stopped. */
static void
export_started_cb (ChronomapWindow *self,
                   const char      *text,
                   gboolean         stoppable)
{
  set_busy (self, TRUE, text);
  gtk_widget_set_visible (self->progress_stop, stoppable);
}

/* The busy line counts the frames while they are written. */
static void
export_progress_cb (ChronomapWindow *self,
                    const char      *text)
{
  gtk_label_set_label (self->progress_label, text);
}

static void
export_finished_cb (ChronomapWindow *self)
{
  gtk_widget_set_visible (self->progress_stop, FALSE);
  set_busy (self, FALSE, NULL);
}

/* win.show-file: opens a file Chronomap wrote (an import's report) in
 * the application that shows such files. */
static void
show_file_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
fullscreen_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (widget);

  if (self->presenting)
    {
      gtk_window_unfullscreen (GTK_WINDOW (widget));
      set_presenting (self, FALSE);
    }
  else
    {
      set_presenting (self, TRUE);
      gtk_window_fullscreen (GTK_WINDOW (widget));
    }
}

static void
leave_fullscreen_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  gtk_window_unfullscreen (GTK_WINDOW (widget));
  set_presenting (CHRONOMAP_WINDOW (widget), FALSE);
}

/* Esc: closes the events panel where it lies over the map (a narrow
 * window), as a GNOME overlay sidebar does; else leaves presenting. */
static void
escape_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (widget);

  if (!self->presenting && adw_flap_get_folded (self->flap) && adw_flap_get_reveal_flap (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  else
    leave_fullscreen_action_cb (widget, action_name, parameter);
}

static void
play_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (widget);

  chronomap_timeline_set_playing (self->timeline, !chronomap_timeline_get_playing (self->timeline));
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
import_news_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (chronomap_news_dialog_new (CHRONOMAP_WINDOW (widget))));
}

/* A place of Places to Check: its first event, selected, for its details. */
static void
place_activated_cb (ChronomapWindow *self,
                    const char      *location)
{
  const ChronomapEvent *events;
  guint n = 0;

  if (self->store == NULL || location == NULL)
    return;
  events = chronomap_event_store_get_events (self->store, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (chronomap_event_store_get_string (self->store, events[i].location), location) == 0)
      {
        chronomap_view_model_set_selected (self->model, i);
        break;
      }
}

/* Adding a gazetteer of the analyst's own, from Places to Check: the file
 * is compiled in a thread, then the events are placed again with it. */

typedef struct
{
  char  *source;
  guint  n_places;
  guint  n_skipped;
} AddGazetteer;

static void
add_gazetteer_free (gpointer data)
{
  AddGazetteer *job = data;

  g_free (job->source);
  g_free (job);
}

static void
add_gazetteer_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  AddGazetteer *job = task_data;
  g_autoptr(ChronomapGazetteerBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = chronomap_gazetteer_user_name_for (job->source);

  /* "bundled" is the one that comes with the app */
  if (g_ascii_strcasecmp (name, "bundled") == 0)
    {
      g_free (name);
      name = g_strdup ("bundled-own");
    }
  if (!chronomap_gazetteer_add_user_file (job->source, name, &builder, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->n_places = chronomap_gazetteer_builder_get_n_entries (builder);
  job->n_skipped = chronomap_gazetteer_builder_get_n_skipped (builder);
  g_task_return_boolean (task, TRUE);
}

static void
add_gazetteer_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ChronomapWindow) self = user_data;
  AddGazetteer *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (job->source);
  g_autofree char *text = NULL;

  set_busy (self, FALSE, NULL);
  /* the reason, which names the columns a gazetteer needs, is too long
   * for a toast */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      chronomap_show_error (GTK_WINDOW (self), _("The Gazetteer Could Not Be Added"), error->message);
      return;
    }
  text = job->n_skipped > 0 ?
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u place from %s (%u bad rows skipped)",
                                  "Added %u places from %s (%u bad rows skipped)", job->n_places),
                     job->n_places, base, job->n_skipped) :
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u place from %s",
                                  "Added %u places from %s", job->n_places),
                     job->n_places, base);
  /* the cache of the file's places knows the gazetteers changed; the
   * toast waits for what the new gazetteer found */
  if (self->store == NULL)
    {
      chronomap_window_add_toast (self, chronomap_toast_new (text));
      return;
    }
  g_free (self->added_gazetteer);
  self->added_gazetteer = g_steal_pointer (&text);
  self->missing_before = chronomap_window_get_n_unresolved (self);
  place_events (self);
}

/**
 * chronomap_window_add_gazetteer:
 * @source: a gazetteer CSV/TSV or a GeoNames dump
 *
 * Adds @source to the user's gazetteers, as `chronomap-cli gazetteer add`
 * does, then places the open file's events again.
 */
void
chronomap_window_add_gazetteer (ChronomapWindow *self,
                                GFile           *source)
{
  g_autoptr(GTask) task = NULL;
  AddGazetteer *job;

  g_return_if_fail (CHRONOMAP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (source));

  if (chronomap_map_exporter_get_running (self->exporter))
    {
      chronomap_window_add_toast (self, chronomap_toast_new (_("A gazetteer can be added once the "
                                                               "map is saved")));
      return;
    }
  job = g_new0 (AddGazetteer, 1);
  job->source = g_file_get_path (source);
  if (job->source == NULL)
    {
      add_gazetteer_free (job);
      chronomap_window_add_toast (self, chronomap_toast_new (_("Only local files can be opened")));
      return;
    }
  set_busy (self, TRUE, _("Adding the gazetteer…"));
  /* the window is the callback's, not the task's (see start_export()) */
  task = g_task_new (NULL, NULL, add_gazetteer_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, add_gazetteer_free);
  g_task_run_in_thread (task, add_gazetteer_thread);
}

static void
gazetteer_chosen_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  ChronomapWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      chronomap_window_add_gazetteer (self, file);
    }
  g_object_unref (dialog);
}

static void
places_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ChronomapWindow  *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (g_strcmp0 (response, "add") != 0)
    return;
  chooser = gtk_file_chooser_native_new (_("Add a Gazetteer"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: files `gazetteer add` reads */
  gtk_file_filter_set_name (filter, _("Gazetteers (CSV, TSV, GeoNames)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "gz");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (gazetteer_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
unresolved_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (widget);
  GtkWidget *dialog;

  /* still placing: "nothing to check" would not be true yet */
  if (self->placements == NULL)
    return;
  dialog = chronomap_places_dialog_new (GTK_WINDOW (self), self->placements);
  g_signal_connect_object (dialog, "place-activated", G_CALLBACK (place_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (places_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Vfuncs */

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/**
 * chronomap_ask_before_closing:
 * @window: a window whose closing would lose work
 * @heading: the question
 * @body: what would be lost
 * @close_label: the destructive answer, "_Stop and Close"
 * @response_cb: (scope notified): a #AdwMessageDialog::response handler,
 *   told "close" or "cancel" once the question has gone
 * @user_data: for @response_cb, an object it lives with
 *
 * Asks, as the GNOME HIG has it, before @window's closing throws away
 * work; Cancel is the default.
 */
void
chronomap_ask_before_closing (GtkWindow  *window,
                              const char *heading,
                              const char *body,
                              const char *close_label,
                              GCallback   response_cb,
                              gpointer    user_data)
{
  GtkWidget *dialog = adw_message_dialog_new (window, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "close", close_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* after the dialog has closed itself */
  g_signal_connect_object (dialog, "response", response_cb, user_data, G_CONNECT_AFTER);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * chronomap_close_when_asked:
 * @window: the window chronomap_ask_before_closing() was told to close
 *
 * Closes @window once the question is gone and its last frame drawn: a
 * window destroyed under its closing dialog leaves GDK a frame clock to
 * thaw.
 */
void
chronomap_close_when_asked (GtkWindow *window)
{
  g_idle_add_full (G_PRIORITY_LOW, close_idle_cb, g_object_ref (window), g_object_unref);
}

/**
 * chronomap_window_close_now:
 *
 * Closes @self without asking: an export under way stops and removes its
 * part-file.  For the application's end when nobody is there to answer.
 */
void
chronomap_window_close_now (ChronomapWindow *self)
{
  g_return_if_fail (CHRONOMAP_IS_WINDOW (self));

  self->closed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
stop_and_close_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   ChronomapWindow  *self)
{
  if (g_strcmp0 (response, "close") != 0)
    return;
  self->closed = TRUE;
  chronomap_map_exporter_detach (self->exporter);
  chronomap_close_when_asked (GTK_WINDOW (self));
}

static gboolean
chronomap_window_close_request (GtkWindow *window)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (window);

  /* minutes of a video are not thrown away without asking */
  if (!self->closed && chronomap_map_exporter_get_running (self->exporter) &&
      gtk_widget_get_visible (self->progress_stop))
    {
      chronomap_ask_before_closing (window, _("Stop Saving the Animation?"),
                                    chronomap_map_exporter_get_kind (self->exporter) ==
                                        CHRONOMAP_EXPORT_VIDEO ?
                                      _("The video is not finished: stopped now, it is not saved.") :
                                      _("The animation is not finished: stopped now, only the frames "
                                        "saved so far are kept."),
                                    _("_Stop and Close"), G_CALLBACK (stop_and_close_cb), self);
      return TRUE;
    }

  /* an export stops with its window, and removes its part-file */
  self->closed = TRUE;
  chronomap_map_exporter_detach (self->exporter);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (chronomap_window_parent_class)->close_request (window);
}

static void
chronomap_window_dispose (GObject *object)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->place_cancellable);
  if (self->exporter != NULL)
    chronomap_map_exporter_detach (self->exporter);
  g_clear_object (&self->exporter);
  g_clear_handle_id (&self->choose_idle_id, g_source_remove);
  g_clear_handle_id (&self->out_of_view_id, g_source_remove);
  g_clear_handle_id (&self->presenting_hide_id, g_source_remove);
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  g_clear_handle_id (&self->pace_focus_id, g_source_remove);
  if (self->fit_tick_id != 0 && self->map != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->map), self->fit_tick_id);
  self->fit_tick_id = 0;
  g_clear_pointer (&self->pending_location, g_free);
  g_clear_pointer (&self->undo_placement, chronomap_placement_free);
  g_clear_pointer (&self->pending_place, chronomap_place_candidate_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->place_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_pointer (&self->map_source, g_free);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_pointer (&self->last_toast_target, g_free);
  g_clear_pointer (&self->added_gazetteer, g_free);
  g_clear_pointer (&self->pending_toast, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONOMAP_TYPE_WINDOW);

  g_clear_pointer (&self->placements, g_ptr_array_unref);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (chronomap_window_parent_class)->dispose (object);
}

static void
chronomap_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    /* Property actions read these while the template is still being
     * built, before the children exist. */
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->flap != NULL && adw_flap_get_reveal_flap (self->flap));
      break;
    case PROP_CUMULATIVE:
      g_value_set_boolean (value, self->model != NULL && chronomap_view_model_get_cumulative (self->model));
      break;
    case PROP_LOOP:
      if (self->timeline != NULL)
        g_object_get_property (G_OBJECT (self->timeline), "loop", value);
      break;
    case PROP_MAP_SOURCE:
      g_value_set_string (value, self->map_source != NULL ? self->map_source : CHRONOMAP_MAP_SOURCE_KEY_OFFLINE);
      break;
    case PROP_LEGEND_VISIBLE:
      g_value_set_boolean (value, !self->legend_hidden);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronomap_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;
    case PROP_CUMULATIVE:
      chronomap_view_model_set_cumulative (self->model, g_value_get_boolean (value));
      break;
    case PROP_LOOP:
      g_object_set_property (G_OBJECT (self->timeline), "loop", value);
      break;
    case PROP_LEGEND_VISIBLE:
      set_legend_visible (self, g_value_get_boolean (value));
      break;
    case PROP_MAP_SOURCE:
      set_map_source (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronomap_window_class_init (ChronomapWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = chronomap_window_dispose;
  object_class->get_property = chronomap_window_get_property;
  object_class->set_property = chronomap_window_set_property;
  window_class->close_request = chronomap_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CHRONOMAP_TYPE_EVENT_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUMULATIVE] =
    g_param_spec_boolean ("cumulative", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEGEND_VISIBLE] =
    g_param_spec_boolean ("legend-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAP_SOURCE] =
    g_param_spec_string ("map-source", NULL, NULL, CHRONOMAP_MAP_SOURCE_KEY_OFFLINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (CHRONOMAP_TYPE_TIMELINE);
  g_type_ensure (CHRONOMAP_TYPE_EVENTS_PANEL);
  g_type_ensure (CHRONOMAP_TYPE_LEGEND);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronomap-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, header_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, types_box);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, map_source_button);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, unresolved_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, unresolved_label);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, map);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, date_caption);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, legend_box);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, no_events_box);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, jump_hint);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, presenting_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, presenting_play_button);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, types_button);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, progress_stop);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, controls);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, jump_popover);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, jump_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, window_label);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, count_figures);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, search_hint);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, count_squeezer);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, events_panel);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, out_of_view_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, jump_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action_cb);
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_action_cb);
  gtk_widget_class_install_action (widget_class, "win.leave-fullscreen", NULL, leave_fullscreen_action_cb);
  gtk_widget_class_install_action (widget_class, "win.escape", NULL, escape_action_cb);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.unresolved", NULL, unresolved_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo-place", NULL, undo_place_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import-news", NULL, import_news_action_cb);
  gtk_widget_class_install_property_action (widget_class, "win.sidebar", "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.cumulative", "cumulative");
  gtk_widget_class_install_property_action (widget_class, "win.loop", "loop");
  gtk_widget_class_install_property_action (widget_class, "win.legend", "legend-visible");
  gtk_widget_class_install_property_action (widget_class, "win.map-source", "map-source");
  gtk_widget_class_install_action (widget_class, "win.open-map-file", NULL, open_map_file_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-image", NULL, export_image_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-animation", NULL,
                                   export_animation_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-video", NULL, export_video_action_cb);
  gtk_widget_class_install_action (widget_class, "win.stop-export", NULL, stop_export_action_cb);
  gtk_widget_class_install_action (widget_class, "win.fit-events", NULL, fit_events_action_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-map-in", NULL, zoom_map_action_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-map-out", NULL, zoom_map_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-file", "s", show_file_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.fit-events", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-map-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-map-out", NULL);
}

static void
chronomap_window_init (ChronomapWindow *self)
{
  GtkDropTarget *drop;
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  ShumateViewport *viewport;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* the timeline's keys, for the whole window: a presenter who clicked
   * the map still steps, plays and goes to the start with them */
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay),
                             chronomap_timeline_new_key_controller (self->timeline));
  /* and + and - zoom the map, there too: bound on the window, they came
   * after the search bar, which took them for typing */
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), zoom_keys_new (zoom_key_cb));
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), pan_keys_new ());
  /* and before the timeline's own + and - while presenting */
  {
    GtkEventController *keys = zoom_keys_new (presenting_zoom_key_cb);

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  {
    GtkEventController *motion = gtk_event_controller_motion_new ();

    g_signal_connect_object (motion, "motion", G_CALLBACK (pointer_moved_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), motion);
  }
  /* Escape in the entry closes the bar and clears the search, and typing
   * anywhere in the window starts one, as in other GNOME apps */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_cb), self);
  self->model = chronomap_view_model_new ();
  chronomap_events_panel_set_model (self->events_panel, self->model);
  self->pending_from = CHRONOMAP_DAY_INVALID;

  /* The schema is installed with the app; tests and uninstalled runs may
   * lack it, and then nothing is remembered. */
  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, APP_ID, TRUE);
  if (schema != NULL)
    {
      double speed;

      self->settings = g_settings_new (APP_ID);
      g_settings_bind (self->settings, "show-legend", self, "legend-visible", G_SETTINGS_BIND_DEFAULT);
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      speed = g_settings_get_double (self->settings, "playback-speed") * NORMAL_SPEED;
      gtk_drop_down_set_selected (self->speed_dropdown, chronomap_timeline_nearest_speed (speed));
    }
  else
    gtk_drop_down_set_selected (self->speed_dropdown, 2);
  chronomap_timeline_set_speed (self->timeline, chronomap_timeline_speed_days (
                                  gtk_drop_down_get_selected (self->speed_dropdown)));

  /* Saving what the map shows: busy meanwhile, with a Stop button for
   * what takes minutes */
  self->exporter = chronomap_map_exporter_new (self, self->map, self->settings);
  g_signal_connect_object (self->exporter, "started", G_CALLBACK (export_started_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exporter, "progress", G_CALLBACK (export_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exporter, "finished", G_CALLBACK (export_finished_cb), self,
                           G_CONNECT_SWAPPED);

  /* The offline basemap by default: a fresh start makes no request. */
  viewport = shumate_simple_map_get_viewport (self->map);
  self->map_source = self->settings != NULL ? g_settings_get_string (self->settings, "map-source")
                                            : g_strdup (CHRONOMAP_MAP_SOURCE_KEY_OFFLINE);
  if (*self->map_source == '\0')
    {
      g_free (self->map_source);
      self->map_source = g_strdup (CHRONOMAP_MAP_SOURCE_KEY_OFFLINE);
    }
  update_map_source (self);
  build_map_source_menu (self);
  rebuild_recent_menu (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  shumate_viewport_set_min_zoom_level (viewport, 1);
  shumate_viewport_set_zoom_level (viewport, 3);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 34.0, 38.0);

  self->event_layer = chronomap_event_layer_new (viewport);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->event_layer));
  /* A click on the map gives it the keyboard, as a click on the timeline
   * does: + and - then zoom the map, not the timeline. */
  {
    GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->map));
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_widget_set_focusable (map, TRUE);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect (click, "pressed", G_CALLBACK (map_pressed_cb), NULL);
    gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (click));
  }
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (queue_out_of_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (queue_out_of_view), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (queue_out_of_view), self,
                           G_CONNECT_SWAPPED);
  /* a map of other levels (an MBTiles file) changes the last ones */
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (update_zoom_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::max-zoom-level", G_CALLBACK (update_zoom_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::min-zoom-level", G_CALLBACK (update_zoom_actions), self,
                           G_CONNECT_SWAPPED);
  shumate_simple_map_set_show_zoom_buttons (self->map, FALSE);
  update_zoom_actions (self);

  /* One way: model -> views; views report user input back to the model. */
  g_signal_connect_object (self->model, "notify::style", G_CALLBACK (store_style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->model, "store", self->event_layer, "store", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->model, "store", self->timeline, "store", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->model, "cumulative", self->timeline, "cumulative", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->model, "notify::from", G_CALLBACK (model_window_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::to", G_CALLBACK (model_window_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "visible-changed", G_CALLBACK (visible_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::selected", G_CALLBACK (selected_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::cumulative", G_CALLBACK (model_cumulative_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::from", G_CALLBACK (timeline_window_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::to", G_CALLBACK (timeline_window_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::selected", G_CALLBACK (timeline_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::playing", G_CALLBACK (timeline_playing_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->event_layer, "picked", G_CALLBACK (chronomap_events_panel_show_picked),
                           self->events_panel, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->event_layer, "notify::selected", G_CALLBACK (layer_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speed_dropdown, "notify::selected", G_CALLBACK (speed_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (chronomap_events_panel_get_details (self->events_panel), "place-chosen", G_CALLBACK (place_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (chronomap_events_panel_get_details (self->events_panel), "place-found",
                           G_CALLBACK (place_found_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-progress", G_CALLBACK (flap_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (flap_revealed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::loop", G_CALLBACK (timeline_loop_cb), self,
                           G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (file_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unresolved", FALSE);
  update_sensitivity (self);
  update_labels (self);
  rebuild_legend (self);
}

/* Public API */

/**
 * chronomap_window_open:
 * @file: an event database
 *
 * Loads @file in the background; on success it replaces the file shown.
 */
void
chronomap_window_open (ChronomapWindow *self,
                       GFile           *file)
{
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;
  OpenData *data;

  g_return_if_fail (CHRONOMAP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (chronomap_map_exporter_get_running (self->exporter))
    {
      chronomap_window_add_toast (self, chronomap_toast_new (_("Another file can be opened once the "
                                                               "map is saved")));
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      chronomap_window_add_toast (self, chronomap_toast_new (_("Only local files can be opened")));
      return;
    }

  basename = g_file_get_basename (file);
  message = g_strdup_printf (_("Opening %s…"), basename);
  set_busy (self, TRUE, message);

  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  chronomap_event_store_load_async (path, CHRONOMAP_LOAD_SKIP_BAD_ROWS, self->cancellable,
                                    store_loaded_cb, data);
}

/**
 * chronomap_window_open_showing:
 * @file: the event database to open
 * @from: the first day of the time window to show once it is open
 * @to: its last day
 * @toast: (nullable): what to say once it is open: "Added 3 events to
 *   “syria.sqlite”"
 *
 * Opens @file as chronomap_window_open() does, at [@from, @to] rather
 * than where the window was: events just added to it are seen.
 */
void
chronomap_window_open_showing (ChronomapWindow *self,
                               GFile           *file,
                               gint32           from,
                               gint32           to,
                               const char      *toast)
{
  g_return_if_fail (CHRONOMAP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* refused at once (while a video is saved, or not a local file):
   * nothing is opening, to show later */
  if (!chronomap_map_exporter_get_running (self->exporter) && g_file_peek_path (file) != NULL)
    {
      self->pending_from = from;
      self->pending_to = to;
      g_free (self->pending_toast);
      self->pending_toast = g_strdup (toast);
    }
  chronomap_window_open (self, file);
}

/**
 * chronomap_window_set_time_window:
 * @from: first day
 * @to: last day, inclusive
 *
 * Shows [@from, @to]; before a file is loaded, once it is.
 */
void
chronomap_window_set_time_window (ChronomapWindow *self,
                                  gint32           from,
                                  gint32           to)
{
  g_return_if_fail (CHRONOMAP_IS_WINDOW (self));

  /* Before the first file is loaded, keep it for when it is. */
  if (self->store == NULL)
    {
      self->pending_from = from;
      self->pending_to = to;
      return;
    }
  chronomap_view_model_set_window (self->model, from, to);
}

/**
 * chronomap_window_get_store:
 *
 * Returns: (transfer none) (nullable): the events shown
 */
ChronomapEventStore *
chronomap_window_get_store (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * chronomap_window_get_model:
 *
 * Returns: (transfer none): the time window, filter and selection
 */
ChronomapViewModel *
chronomap_window_get_model (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);
  return self->model;
}

/**
 * chronomap_window_get_event_layer:
 *
 * Returns: (transfer none): the map's event layer
 */
ChronomapEventLayer *
chronomap_window_get_event_layer (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);
  return self->event_layer;
}

/**
 * chronomap_window_get_timeline:
 *
 * Returns: (transfer none): the timeline
 */
ChronomapTimeline *
chronomap_window_get_timeline (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);
  return self->timeline;
}

/**
 * chronomap_window_get_event_list:
 *
 * Returns: (transfer none): the window's events as listed, newest first,
 *   with the list's selection
 */
GtkSingleSelection *
chronomap_window_get_event_list (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);
  return chronomap_events_panel_get_selection (self->events_panel);
}

/**
 * chronomap_window_get_busy:
 *
 * Returns: whether a file is being opened or its places found
 */
gboolean
chronomap_window_get_busy (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), FALSE);
  return self->busy;
}

/**
 * chronomap_window_get_read_only_reason:
 *
 * Why events can't be added to the open file: it is the sample that
 * comes with Chronomap (read-only once installed, and never the
 * analyst's to change), or a file the user may not write.
 *
 * Returns: (transfer full) (nullable): the reason, for the user; %NULL
 *   when the file can be added to (or no file is open)
 */
char *
chronomap_window_get_read_only_reason (ChronomapWindow *self)
{
  g_autofree char *path = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);

  if (self->file == NULL || (path = g_file_get_path (self->file)) == NULL)
    return NULL;
  sample = chronomap_paths_find_data ("sample/sample.sqlite");
  if (sample != NULL)
    {
      g_autofree char *a = g_canonicalize_filename (path, NULL);
      g_autofree char *b = g_canonicalize_filename (sample, NULL);

      if (strcmp (a, b) == 0)
        return g_strdup (_("The sample that comes with Chronomap can’t be changed"));
    }
  if (g_access (path, W_OK) != 0)
    {
      basename = g_path_get_basename (path);
      return g_strdup_printf (_("“%s” can’t be written"), basename);
    }
  return NULL;
}

/**
 * chronomap_window_get_file:
 *
 * Returns: (transfer none) (nullable): the event database shown
 */
GFile *
chronomap_window_get_file (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);

  return self->file;
}

/**
 * chronomap_window_get_n_unresolved:
 *
 * Returns: the number of the file's place names the geocoder could not
 *   find, and the analyst did not choose to leave off the map
 */
guint
chronomap_window_get_n_unresolved (ChronomapWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), 0);

  for (guint i = 0; self->placements != NULL && i < self->placements->len; i++)
    n += chronomap_placement_is_unresolved (g_ptr_array_index (self->placements, i));
  return n;
}

/**
 * chronomap_window_get_n_guessed:
 *
 * Returns: the number of the file's place names placed with little
 *   confidence (a guess among namesakes or near-spellings)
 */
guint
chronomap_window_get_n_guessed (ChronomapWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), 0);

  for (guint i = 0; self->placements != NULL && i < self->placements->len; i++)
    n += chronomap_placement_is_guess (g_ptr_array_index (self->placements, i));
  return n;
}

/**
 * chronomap_window_get_banner_text:
 *
 * Returns: (nullable): what the banner over the map says of the file's
 *   places, %NULL when it is hidden
 */
const char *
chronomap_window_get_banner_text (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->unresolved_revealer))
    return NULL;
  return gtk_label_get_label (self->unresolved_label);
}

/**
 * chronomap_window_add_toast:
 * @toast: (transfer full): a toast to show over the map
 */
void
chronomap_window_add_toast (ChronomapWindow *self,
                            AdwToast        *toast)
{
  g_return_if_fail (CHRONOMAP_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  GVariant *target = adw_toast_get_action_target_value (toast);

  g_free (self->last_toast);
  /* the text shown, without its markup: none, when that does not parse */
  if (!pango_parse_markup (adw_toast_get_title (toast), -1, 0, NULL, &self->last_toast, NULL, NULL))
    self->last_toast = g_strdup ("");
  g_free (self->last_toast_target);
  self->last_toast_target = target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) ?
                            g_variant_dup_string (target, NULL) : NULL;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * chronomap_window_get_last_toast_file:
 *
 * Returns: (nullable): the file the last toast's button shows, for tests
 */
const char *
chronomap_window_get_last_toast_file (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);

  return self->last_toast_target;
}

/**
 * chronomap_window_get_last_toast:
 *
 * Returns: (nullable): the text of the last message given with
 *   chronomap_window_add_toast(), for tests
 */
const char *
chronomap_window_get_last_toast (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);

  return self->last_toast;
}


/**
 * chronomap_window_get_placements:
 *
 * Returns: (transfer none) (nullable) (element-type ChronomapPlacement):
 *   where the open file's locations were put, as the map and its exports
 *   credit them
 */
GPtrArray *
chronomap_window_get_placements (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);

  return self->placements;
}

/**
 * chronomap_window_export_image:
 * @file: a .png, .svg or .pdf file
 * @scale: for a PNG, its pixels per pixel of the map on screen (1 to 4)
 *
 * Saves what the map shows: see chronomap_map_exporter_export_image().
 */
void
chronomap_window_export_image (ChronomapWindow *self,
                               GFile           *file,
                               int              scale)
{
  g_return_if_fail (CHRONOMAP_IS_WINDOW (self));

  chronomap_map_exporter_export_image (self->exporter, file, scale);
}

/**
 * chronomap_window_export_animation:
 * @folder: a folder for the frames, made if missing
 * @height: the frames' height for 16:9 frames, or 0 for the map's size
 * @days_per_second: a frame for how many days, or 0 for the timeline's
 * @first: the first day of its period
 * @last: the last day of its period, or less than @first for every event's
 *
 * Saves the frames of the animation playback shows: see
 * chronomap_map_exporter_export_animation().
 */
void
chronomap_window_export_animation (ChronomapWindow *self,
                                   GFile           *folder,
                                   int              height,
                                   double           days_per_second,
                                   gint32           first,
                                   gint32           last)
{
  g_return_if_fail (CHRONOMAP_IS_WINDOW (self));

  chronomap_map_exporter_export_animation (self->exporter, folder, height, days_per_second, first, last);
}

/**
 * chronomap_window_export_video:
 * @file: the video to write, WebM or MP4 as its name's suffix says
 * @height: the video's height for a 16:9 video, or 0 for the map's size
 * @days_per_second: how fast time goes by in it, or 0 for the timeline's
 * @first: the first day of its period
 * @last: the last day of its period, or less than @first for every event's
 *
 * Saves the animation playback shows as a video: see
 * chronomap_map_exporter_export_video().
 */
void
chronomap_window_export_video (ChronomapWindow *self,
                               GFile           *file,
                               int              height,
                               double           days_per_second,
                               gint32           first,
                               gint32           last)
{
  g_return_if_fail (CHRONOMAP_IS_WINDOW (self));

  chronomap_map_exporter_export_video (self->exporter, file, height, days_per_second, first, last);
}
