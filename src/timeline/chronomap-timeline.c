/* chronomap-timeline.c: the time axis, histogram and time window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One widget draws, from top to bottom: a histogram of events per bin,
 * stacked by type with the map's colours; a lane of the events that cover
 * more than a day (intervals, month- and year-precision dates) as spans; and
 * a date axis.  Over them lies the time window as a band to drag and resize.
 * Bins and ticks adapt to the zoom, from decades to days.  The histogram is
 * counted once per view (zoom, pan, data), never per frame; playback only
 * moves the band.
 *
 * In right-to-left locales the axis is deliberately kept left to right
 * (earlier on the left, later on the right, Left steps back, Right steps
 * forward), as in Arabic-language charts and news graphics: the panels
 * around it mirror, time does not, and a file looks the same whatever the
 * desktop's language (README, "Right-to-left languages").
 */
#define G_LOG_DOMAIN "chronomap-timeline"

#include "config.h"

#include "chronomap-timeline.h"

#include <math.h>

#include <glib/gi18n.h>

#include "chronomap-date-label.h"
#include "chronomap-event-type-label.h"

#define AXIS_HEIGHT     22.0
#define SPAN_LANE       16.0
#define TOP_MARGIN      10.0
#define HANDLE_PX       7.0
#define MIN_TICK_PX     80.0
/* The least space between two labels of the axis. */
#define MIN_LABEL_GAP   10.0
#define MIN_BIN_PX      4.0
#define MAX_SPANS_DRAWN 4000

typedef enum
{
  UNIT_DAY,
  UNIT_WEEK,
  UNIT_MONTH,
  UNIT_QUARTER,
  UNIT_YEAR,
  UNIT_DECADE,
  N_UNITS
} Unit;

static const double unit_days[N_UNITS] = { 1.0, 7.0, 30.44, 91.31, 365.25, 3652.5 };

typedef enum
{
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_FROM,
  DRAG_TO,
  DRAG_PAN,
} DragMode;

struct _ChronomapTimeline
{
  GtkWidget            parent_instance;

  ChronomapEventStore *store;
  ChronomapEventStyle *style;
  GPtrArray           *axis_labels;   /* the axis' labels last drawn */
  GBytes              *mask;       /* (nullable): one byte per event, 0 filtered out */
  const guint8        *mask_data;  /* its bytes, read per event when binning */
  gsize                mask_len;
  gint32               first_day;
  gint32               last_day;
  gint32               from;
  gint32               to;
  gboolean             cumulative;
  int                  selected;

  /* The part of time on screen, in days (fractional). */
  double               view_start;
  double               view_end;

  /* Histogram cache, valid for bins_start/end/width. */
  GArray              *edges;      /* gint32 bin edges, n_bins + 1 */
  GArray              *counts;     /* guint32, n_bins * N_SLOTS */
  guint                max_count;
  double               bins_view_start;
  double               bins_view_end;
  int                  bins_width;
  Unit                 bin_unit;
  char                *count_scale;   /* the histogram's scale last drawn */
  gboolean             bins_valid;
  /* Of those, the events the time window shows (those overlapping it),
   * valid for in_from/in_to and the bins above. */
  GArray              *in_counts;  /* guint32, n_bins * N_SLOTS */
  gint32               in_from;
  gint32               in_to;
  gboolean             in_valid;
  GArray              *spans;      /* guint32 indices of events longer than a day */

  /* Dragging */
  DragMode             drag_mode;
  double               drag_start_x;
  gint32               drag_from;
  gint32               drag_to;
  double               drag_view_start;
  double               drag_view_end;
  double               zoom_view_start;
  double               zoom_view_end;
  double               pointer_x;   /* where the pointer is, or < 0 when away */

  /* Playback */
  gboolean             playing;
  gboolean             loop;
  double               speed;      /* days per second */
  double               carry;      /* fraction of a day not yet moved */
  guint                tick_id;
  gint64               last_frame_time;
};

G_DEFINE_FINAL_TYPE (ChronomapTimeline, chronomap_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STYLE,
  PROP_FROM,
  PROP_TO,
  PROP_CUMULATIVE,
  PROP_SELECTED,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_LOOP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers: calendar units */

static gint32
unit_floor (gint32 day,
            Unit   unit)
{
  int y, m, d;

  chronomap_date_to_ymd (day, &y, &m, &d);
  switch (unit)
    {
    case UNIT_DAY:
      return day;
    case UNIT_WEEK:
      /* Weeks start on Monday (ISO 8601). */
      return day - chronomap_date_weekday (day);
    case UNIT_MONTH:
      return chronomap_date_from_ymd (y, m, 1);
    case UNIT_QUARTER:
      return chronomap_date_from_ymd (y, ((m - 1) / 3) * 3 + 1, 1);
    case UNIT_YEAR:
      return chronomap_date_from_ymd (y, 1, 1);
    case UNIT_DECADE:
    case N_UNITS:
    default:
      return chronomap_date_from_ymd (y - (((y % 10) + 10) % 10), 1, 1);
    }
}

static gint32
unit_next (gint32 day,
           Unit   unit)
{
  int y, m, d;

  chronomap_date_to_ymd (day, &y, &m, &d);
  switch (unit)
    {
    case UNIT_DAY:
      return day + 1;
    case UNIT_WEEK:
      return day + 7;
    case UNIT_MONTH:
      return m == 12 ? chronomap_date_from_ymd (y + 1, 1, 1) : chronomap_date_from_ymd (y, m + 1, 1);
    case UNIT_QUARTER:
      return m >= 10 ? chronomap_date_from_ymd (y + 1, m - 9, 1) : chronomap_date_from_ymd (y, m + 3, 1);
    case UNIT_YEAR:
      return chronomap_date_from_ymd (y + 1, 1, 1);
    case UNIT_DECADE:
    case N_UNITS:
    default:
      return chronomap_date_from_ymd (y + 10, 1, 1);
    }
}

static Unit
pick_unit (double px_per_day,
           double min_px,
           gboolean with_quarter)
{
  for (Unit u = UNIT_DAY; u < N_UNITS; u++)
    {
      if (u == UNIT_QUARTER && !with_quarter)
        continue;
      if (unit_days[u] * px_per_day >= min_px)
        return u;
    }
  return UNIT_DECADE;
}

/* A tick's label; the year is named at each new year and, with
 * @with_year, on the first tick shown, so that a view inside a year
 * still says which. */
static char *
format_tick (gint32   day,
             Unit     unit,
             gboolean with_year)
{
  ChronomapDatePrecision precision = unit <= UNIT_WEEK ? CHRONOMAP_DATE_PRECISION_DAY :
                                     unit <= UNIT_QUARTER ? CHRONOMAP_DATE_PRECISION_MONTH :
                                     CHRONOMAP_DATE_PRECISION_YEAR;
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  chronomap_date_to_ymd (day, &y, &m, &d);
  /* with its year: written as dates are everywhere else */
  if (with_year || precision == CHRONOMAP_DATE_PRECISION_YEAR ||
      (m == 1 && (d == 1 || precision == CHRONOMAP_DATE_PRECISION_MONTH)))
    return chronomap_date_label (day, precision);

  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return g_strdup ("?");
  /* Translators: a day or a month on the timeline axis, the year left
   * out, see strftime(3) */
  return g_date_time_format (dt, precision == CHRONOMAP_DATE_PRECISION_DAY ? _("%-d %b") : _("%b"));
}

/* Helpers: geometry */

static double
day_to_x (ChronomapTimeline *self,
          double             day)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return (day - self->view_start) / (self->view_end - self->view_start) * width;
}

static double
x_to_day (ChronomapTimeline *self,
          double             x)
{
  int width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));

  return self->view_start + x / width * (self->view_end - self->view_start);
}

static gint32
window_from (ChronomapTimeline *self)
{
  return self->cumulative ? MIN (self->first_day, self->to) : self->from;
}

static void
update_accessible (ChronomapTimeline *self)
{
  g_autofree char *text = chronomap_timeline_dup_value_text (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, (double) self->first_day,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) self->last_day,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) self->to,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
set_view (ChronomapTimeline *self,
          double             start,
          double             end)
{
  /* From a week (days readable) to three centuries. */
  double length = CLAMP (end - start, 7.0, 365.25 * 300);
  double middle = (start + end) / 2;

  /* With events, no further out than a fifth longer than their span (or
   * a year), and never so far off that they leave the view: the
   * wheel does not lose them in empty decades.  The time window counts
   * as theirs, wherever "Go to a Date" put it. */
  if (self->store != NULL && chronomap_event_store_get_n_events (self->store) > 0)
    {
      double lo = MIN ((double) self->first_day, (double) window_from (self));
      double hi = MAX ((double) self->last_day, (double) self->to) + 1;

      length = MIN (length, MAX (1.2 * (hi - lo), 365.25));
      /* long enough for all of them: all of them; else a quarter of the
       * view at least over them */
      if (length >= hi - lo)
        middle = CLAMP (middle, hi - length / 2, lo + length / 2);
      else
        middle = CLAMP (middle, lo - length / 4, hi + length / 4);
    }

  self->view_start = middle - length / 2;
  self->view_end = middle + length / 2;
  self->bins_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
show_all (ChronomapTimeline *self)
{
  double length = MAX (30.0, (double) self->last_day - self->first_day + 1);

  set_view (self, self->first_day - length * 0.03, self->last_day + 1 + length * 0.03);
}

/* Pans just enough for the window to be on screen, as playback and
 * selection move it. */
static void
reveal_window (ChronomapTimeline *self)
{
  double from = window_from (self);
  double to = self->to + 1.0;
  double length = self->view_end - self->view_start;

  if (to - from > length * 0.9)
    set_view (self, from - (to - from) * 0.1, to + (to - from) * 0.1);
  else if (to > self->view_end)
    set_view (self, to - length * 0.9, to + length * 0.1);
  else if (from < self->view_start)
    set_view (self, from - length * 0.1, from + length * 0.9);
}

/* Whether the filters (search, event types) let event @i through. */
static gboolean
passes (ChronomapTimeline *self,
        guint              i)
{
  return self->mask_data == NULL || i >= self->mask_len || self->mask_data[i] != 0;
}

/* The bin @day falls in, or -1 out of the bins. */
static int
bin_of (ChronomapTimeline *self,
        gint32             day)
{
  const gint32 *edges = (const gint32 *) self->edges->data;
  guint lo = 0, hi = self->edges->len;

  if (self->edges->len < 2 || day < edges[0] || day >= edges[self->edges->len - 1])
    return -1;
  /* the last edge at or before @day */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (edges[mid] <= day)
        lo = mid;
      else
        hi = mid;
    }
  return (int) lo;
}

static void
count_in (ChronomapTimeline    *self,
          const ChronomapEvent *events,
          guint                 i,
          int                   bin)
{
  guint slot;

  if (bin < 0 || !passes (self, i))
    return;
  slot = self->style != NULL ? chronomap_event_style_get_slot (self->style, events[i].event_type)
                             : CHRONOMAP_EVENT_STYLE_N_SLOTS - 1;
  g_array_index (self->in_counts, guint32, bin * CHRONOMAP_EVENT_STYLE_N_SLOTS + slot)++;
}

/* Which of each bar's events the time window shows: all of a bin inside
 * the window; of a bin it cuts, those that begin inside it; and events
 * that began before it and last into it, in the bins of their first
 * day.  Each is counted at most once, without walking every event. */
static void
compute_in_window (ChronomapTimeline *self)
{
  const ChronomapEvent *events;
  guint n_events = 0;
  gint32 wfrom = window_from (self);
  guint n_bins = self->edges->len > 0 ? self->edges->len - 1 : 0;
  const guint N = CHRONOMAP_EVENT_STYLE_N_SLOTS;
  g_autoptr(GArray) reaching = NULL;

  self->in_from = wfrom;
  self->in_to = self->to;
  self->in_valid = TRUE;
  g_array_set_size (self->in_counts, n_bins * N);
  if (n_bins == 0)
    return;
  memset (self->in_counts->data, 0, sizeof (guint32) * self->in_counts->len);
  events = chronomap_event_store_get_events (self->store, &n_events);

  for (guint b = 0; b < n_bins; b++)
    {
      gint32 start = g_array_index (self->edges, gint32, b);
      gint32 last = g_array_index (self->edges, gint32, b + 1) - 1;

      if (start >= wfrom && last <= self->to)
        memcpy (&g_array_index (self->in_counts, guint32, b * N),
                &g_array_index (self->counts, guint32, b * N), N * sizeof (guint32));
      else if (last >= wfrom && start <= self->to)
        {
          gint32 hi = MIN (last, self->to);

          for (guint i = chronomap_event_store_first_from (self->store, MAX (start, wfrom));
               i < n_events && events[i].start <= hi; i++)
            count_in (self, events, i, (int) b);
        }
    }

  reaching = chronomap_event_store_query (self->store, wfrom, wfrom);
  for (guint k = 0; k < reaching->len; k++)
    {
      guint32 i = g_array_index (reaching, guint32, k);

      if (events[i].start < wfrom)
        count_in (self, events, i, bin_of (self, events[i].start));
    }
}

static void
compute_bins (ChronomapTimeline *self,
              int                width)
{
  const ChronomapEvent *events = NULL;
  guint n_events = 0, bin = 0;
  gint32 first, last;
  Unit unit;
  guint n_bins;

  g_array_set_size (self->edges, 0);
  g_array_set_size (self->counts, 0);
  self->max_count = 0;
  self->bins_view_start = self->view_start;
  self->bins_view_end = self->view_end;
  self->bins_width = width;
  self->bins_valid = TRUE;
  self->in_valid = FALSE;

  if (self->store == NULL || width <= 0)
    return;

  unit = pick_unit (width / (self->view_end - self->view_start), MIN_BIN_PX, FALSE);
  self->bin_unit = unit;
  first = unit_floor ((gint32) floor (self->view_start), unit);
  last = (gint32) ceil (self->view_end);
  for (gint32 d = first; ; d = unit_next (d, unit))
    {
      g_array_append_val (self->edges, d);
      if (d > last)
        break;
    }
  n_bins = self->edges->len - 1;
  g_array_set_size (self->counts, n_bins * CHRONOMAP_EVENT_STYLE_N_SLOTS);
  memset (self->counts->data, 0, sizeof (guint32) * self->counts->len);

  /* Events are sorted by start: binary search the first in view, then walk
   * events and bins together. */
  events = chronomap_event_store_get_events (self->store, &n_events);
  for (guint i = chronomap_event_store_first_from (self->store, first); i < n_events; i++)
    {
      const ChronomapEvent *e = &events[i];
      guint slot;
      guint32 *c;

      while (bin < n_bins && e->start >= g_array_index (self->edges, gint32, bin + 1))
        bin++;
      if (bin >= n_bins)
        break;
      if (!passes (self, i))
        continue;

      slot = self->style != NULL ? chronomap_event_style_get_slot (self->style, e->event_type)
                                 : CHRONOMAP_EVENT_STYLE_N_SLOTS - 1;
      c = &g_array_index (self->counts, guint32, bin * CHRONOMAP_EVENT_STYLE_N_SLOTS + slot);
      (*c)++;
    }

  for (guint b = 0; b < n_bins; b++)
    {
      guint total = 0;

      for (guint s = 0; s < CHRONOMAP_EVENT_STYLE_N_SLOTS; s++)
        total += g_array_index (self->counts, guint32, b * CHRONOMAP_EVENT_STYLE_N_SLOTS + s);
      self->max_count = MAX (self->max_count, total);
    }
}

static void
collect_spans (ChronomapTimeline *self)
{
  const ChronomapEvent *events = NULL;
  guint n_events = 0;

  g_array_set_size (self->spans, 0);
  if (self->store == NULL)
    return;

  events = chronomap_event_store_get_events (self->store, &n_events);
  for (guint i = 0; i < n_events; i++)
    if (events[i].end > events[i].start)
      g_array_append_val (self->spans, i);
}

static void
get_colors (ChronomapTimeline *self,
            GdkRGBA           *fg,
            GdkRGBA           *accent)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* How opaque what lies outside the time window is drawn: fainter than
 * inside, and on the dark style's grey fainter still, where a bar at
 * half strength looks nearly as bright as the window's; not so faint
 * that it is lost. */
static double
faint_alpha (const GdkRGBA *fg)
{
  return 0.299 * fg->red + 0.587 * fg->green + 0.114 * fg->blue > 0.5 ? 0.32 : 0.35;
}

/* Each bar stacks its events by type: those the time window shows
 * bright at the bottom, the others faint above them, so that the bright
 * bars are what the map shows, whether the window holds a bin whole, cuts
 * it, or takes in events that began before it. */
static void
draw_histogram (ChronomapTimeline *self,
                cairo_t           *cr,
                const GdkRGBA     *fg,
                double             top,
                double             bottom)
{
  const guint N = CHRONOMAP_EVENT_STYLE_N_SLOTS;
  double height = bottom - top;
  double faint = faint_alpha (fg);

  if (self->max_count == 0)
    return;

  for (guint b = 0; b + 1 < self->edges->len; b++)
    {
      double x0 = day_to_x (self, g_array_index (self->edges, gint32, b));
      double x1 = day_to_x (self, g_array_index (self->edges, gint32, b + 1));
      double y = bottom;
      double gap = x1 - x0 > 4 ? 1.0 : 0.0;

      for (guint pass = 0; pass < 2; pass++)
        for (guint s = 0; s < N; s++)
          {
            guint32 all = g_array_index (self->counts, guint32, b * N + s);
            guint32 in = g_array_index (self->in_counts, guint32, b * N + s);
            guint32 n = pass == 0 ? in : all - in;
            const GdkRGBA *color;
            double h;

            if (n == 0)
              continue;
            color = chronomap_event_style_get_color (self->style, s);
            h = height * n / self->max_count;
            cairo_set_source_rgba (cr, color->red, color->green, color->blue, pass == 0 ? 0.95 : faint);
            cairo_rectangle (cr, x0, y - h, MAX (1.0, x1 - x0 - gap), h);
            cairo_fill (cr);
            y -= h;
          }
    }
}

/* The histogram's scale: a dotted line at the tallest bar's height and
 * its count, with what a bar covers ("379 a month"), so that bars read
 * as numbers, a lone event is not taken for eight, and the bars' width
 * changing with the zoom says so. */
static void
draw_count_scale (ChronomapTimeline *self,
                  cairo_t           *cr,
                  const GdkRGBA     *fg,
                  double             top,
                  int                width)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  const double dashes[] = { 2.0, 3.0 };
  int lw, lh;

  if (self->max_count == 0)
    {
      g_clear_pointer (&self->count_scale, g_free);
      return;
    }

  /* the count at the left, level with the line */
  switch (self->bin_unit)
    {
    case UNIT_DAY:
      /* Translators: the timeline's scale, the tallest bar's events: "12 a day" */
      text = g_strdup_printf (_("%u a day"), self->max_count);
      break;
    case UNIT_WEEK:
      /* Translators: the timeline's scale: "45 a week" */
      text = g_strdup_printf (_("%u a week"), self->max_count);
      break;
    case UNIT_MONTH:
    case UNIT_QUARTER:
      /* Translators: the timeline's scale: "379 a month" */
      text = g_strdup_printf (_("%u a month"), self->max_count);
      break;
    case UNIT_YEAR:
      /* Translators: the timeline's scale: "2,104 a year" */
      text = g_strdup_printf (_("%u a year"), self->max_count);
      break;
    case UNIT_DECADE:
    case N_UNITS:
    default:
      /* Translators: the timeline's scale: "9,210 a decade" */
      text = g_strdup_printf (_("%u a decade"), self->max_count);
      break;
    }
  g_free (self->count_scale);
  self->count_scale = g_strdup (text);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  /* in a halo of the window's colour: a bar as tall as the tallest may
   * stand under it */
  {
    GdkRGBA bg;
    gboolean have_bg;

    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    have_bg = gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                              "window_bg_color", &bg);
    G_GNUC_END_IGNORE_DEPRECATIONS
    if (have_bg)
      {
        cairo_move_to (cr, 3, floor (top) - lh / 2.0);
        pango_cairo_layout_path (cr, layout);
        cairo_set_source_rgba (cr, bg.red, bg.green, bg.blue, 0.9);
        cairo_set_line_width (cr, 4.0);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke (cr);
      }
  }
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.6);
  cairo_move_to (cr, 3, floor (top) - lh / 2.0);
  pango_cairo_show_layout (cr, layout);

  cairo_save (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.2);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_move_to (cr, 3 + lw + 4, floor (top) + 0.5);
  cairo_line_to (cr, width, floor (top) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Lays out the lines of the events longer than a day in view, as they
 * are drawn: in three rows under the bars, each line on the first row
 * free where it begins.  Calls @place with each line's event, its
 * extent and its row; stops when @place returns FALSE. */
static void
layout_spans (ChronomapTimeline *self,
              gboolean         (*place) (ChronomapTimeline    *self,
                                         guint32               i,
                                         double                x0,
                                         double                x1,
                                         guint                 row,
                                         gpointer              data),
              gpointer           data)
{
  const ChronomapEvent *events = chronomap_event_store_get_events (self->store, NULL);
  double row_end[3] = { -1e9, -1e9, -1e9 };
  guint placed = 0;

  for (guint k = 0; k < self->spans->len && placed < MAX_SPANS_DRAWN; k++)
    {
      guint32 i = g_array_index (self->spans, guint32, k);
      const ChronomapEvent *e = &events[i];
      double x0, x1;
      guint row;

      if (e->end + 1 < self->view_start || e->start > self->view_end || !passes (self, i))
        continue;

      x0 = day_to_x (self, e->start);
      x1 = MAX (x0 + 3, day_to_x (self, e->end + 1.0));
      for (row = 0; row < 3 && row_end[row] > x0; row++)
        ;
      if (row == 3)
        row = 2;
      row_end[row] = x1 + 2;
      placed++;
      if (!place (self, i, x0, x1, row, data))
        return;
    }
}

/* A line laid out, of an event the map shows, drawn after the others. */
typedef struct
{
  guint32 i;
  double  x0;
  double  x1;
  guint   row;
} ShownSpan;

typedef struct
{
  cairo_t *cr;
  double   top;
  gint32   from;      /* the time window's first day */
  GArray  *shown;     /* of ShownSpan */
} SpanDraw;

static void
paint_span (ChronomapTimeline *self,
            SpanDraw          *d,
            guint32            i,
            double             x0,
            double             x1,
            guint              row,
            double             alpha)
{
  const ChronomapEvent *e = chronomap_event_store_get_event (self->store, i);
  const GdkRGBA *color = chronomap_event_style_get_color (self->style,
                                                          chronomap_event_style_get_slot (self->style,
                                                                                          e->event_type));

  cairo_set_source_rgba (d->cr, color->red, color->green, color->blue, alpha);
  /* Imprecise dates (a month, a year) get a hollow bar: "sometime in". */
  if (e->date_precision != CHRONOMAP_DATE_PRECISION_DAY)
    {
      cairo_set_line_width (d->cr, 1.0);
      cairo_rectangle (d->cr, x0 + 0.5, d->top + row * 5 + 0.5, x1 - x0 - 1, 3);
      cairo_stroke (d->cr);
    }
  else
    {
      cairo_rectangle (d->cr, x0, d->top + row * 5, x1 - x0, 4);
      cairo_fill (d->cr);
    }
}

/* A faint line drawn opaque into the faint layer; a line of the map's
 * events kept for over it. */
static gboolean
draw_span (ChronomapTimeline *self,
           guint32            i,
           double             x0,
           double             x1,
           guint              row,
           gpointer           data)
{
  SpanDraw *d = data;
  const ChronomapEvent *e = chronomap_event_store_get_event (self->store, i);

  if (e->end >= d->from && e->start <= self->to)
    {
      ShownSpan shown = { i, x0, x1, row };

      g_array_append_val (d->shown, shown);
    }
  else
    paint_span (self, d, i, x0, x1, row, 1.0);
  return TRUE;
}

static void
draw_spans (ChronomapTimeline *self,
            cairo_t           *cr,
            const GdkRGBA     *fg,
            double             top)
{
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (ShownSpan));
  SpanDraw d = { cr, top, window_from (self), shown };

  /* The faint lines (events the map does not show) as one layer, made
   * faint as a whole: drawn each faint, the many that share the last row
   * added up to full colour, and years away from the time window looked
   * as if on the map.  Then the map's own over them. */
  cairo_push_group (cr);
  layout_spans (self, draw_span, &d);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, faint_alpha (fg) + 0.05);
  for (guint k = 0; k < shown->len; k++)
    {
      const ShownSpan *s = &g_array_index (shown, ShownSpan, k);

      paint_span (self, &d, s->i, s->x0, s->x1, s->row, 0.95);
    }
}

typedef struct
{
  double x;
  double y;      /* from the lines' top */
  int    found;
} SpanHit;

static gboolean
hit_span (ChronomapTimeline *self,
          guint32            i,
          double             x0,
          double             x1,
          guint              row,
          gpointer           data)
{
  SpanHit *hit = data;

  /* a line and the gap under it, a little wider than drawn */
  if (hit->x >= x0 - 1 && hit->x <= x1 + 1 && hit->y >= row * 5.0 - 1 && hit->y < row * 5.0 + 5)
    hit->found = (int) i;
  return hit->found < 0;
}

/**
 * chronomap_timeline_describe_span_at:
 * @x: a position across the timeline, in its pixels
 * @y: a position down it
 *
 * What the line under (@x, @y) stands for, an event of more than a day,
 * as its tooltip says: "Battles · Raqqa", then "Sometime in Jan 2014".
 *
 * Returns: (transfer full) (nullable): the text; %NULL where no line is
 */
char *
chronomap_timeline_describe_span_at (ChronomapTimeline *self,
                                     double             x,
                                     double             y)
{
  double span_top = gtk_widget_get_height (GTK_WIDGET (self)) - AXIS_HEIGHT - SPAN_LANE + 2;
  SpanHit hit = { x, y - span_top, -1 };
  const ChronomapEvent *e;
  const char *place;
  g_autofree char *when = NULL;

  if (self->store == NULL || self->style == NULL || hit.y < -1 || hit.y >= 15)
    return NULL;
  layout_spans (self, hit_span, &hit);
  if (hit.found < 0)
    return NULL;
  e = chronomap_event_store_get_event (self->store, hit.found);
  place = chronomap_event_store_get_string (self->store, e->location);
  if (e->date_precision != CHRONOMAP_DATE_PRECISION_DAY)
    {
      g_autofree char *period = chronomap_date_label (e->start, e->date_precision);

      /* Translators: an event known only to its month or year, "Sometime in Jan 2014" */
      when = g_strdup_printf (_("Sometime in %s"), period);
    }
  else
    when = chronomap_date_range_label (e->start, e->end);
  /* Translators: a line under the timeline's bars: an event of more than
   * a day, "Battles · Raqqa\nSometime in Jan 2014" */
  return g_strdup_printf (_("%s · %s\n%s"),
                          chronomap_event_type_label (chronomap_event_store_get_string (self->store, e->event_type)),
                          place != NULL && *place != '\0' ? place : _("Unknown place"), when);
}

static void
draw_axis (ChronomapTimeline *self,
           cairo_t           *cr,
           const GdkRGBA     *fg,
           double             top,
           int                width)
{
  Unit unit = pick_unit (width / (self->view_end - self->view_start), MIN_TICK_PX, TRUE);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  gint32 d = unit_floor ((gint32) floor (self->view_start), unit);
  double last_right = -G_MAXDOUBLE;

  g_ptr_array_set_size (self->axis_labels, 0);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.25);
  cairo_rectangle (cr, 0, top, width, 1);
  cairo_fill (cr);

  for (gboolean first = TRUE; d <= self->view_end; d = unit_next (d, unit))
    {
      double x = floor (day_to_x (self, d)) + 0.5;
      g_autofree char *label = format_tick (d, unit, first && x >= 0);
      int lw, lh;

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.35);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, top + 5);
      cairo_stroke (cr);

      /* a label either edge would cut ("2" of 2020) is left out; the
       * first whole one names its year */
      if (x < 0)
        continue;
      first = FALSE;
      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      /* nor one that would run into the label before it (the first,
       * with its year, is wider than the ticks are apart) */
      if (x + 3 + lw > width || x + 3 < last_right + MIN_LABEL_GAP)
        continue;
      last_right = x + 3 + lw;
      g_ptr_array_add (self->axis_labels,
                       g_strdup_printf ("%d %d %s", (int) floor (x + 3), (int) ceil (last_right), label));
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.75);
      cairo_move_to (cr, x + 3, top + (AXIS_HEIGHT - lh) / 2 + 1);
      pango_cairo_show_layout (cr, layout);
    }
}

/* The time window's tint, under the bars: over them it would dull the
 * very bars it shows, most on the dark style. */
static void
draw_band_fill (ChronomapTimeline *self,
                cairo_t           *cr,
                const GdkRGBA     *accent,
                double             height)
{
  double x0 = day_to_x (self, window_from (self));
  double x1 = MAX (x0 + 2, day_to_x (self, self->to + 1.0));

  cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.16);
  cairo_rectangle (cr, x0, 0, x1 - x0, height);
  cairo_fill (cr);
}

/* The time window's frame and grips, over everything. */
static void
draw_band (ChronomapTimeline *self,
           cairo_t           *cr,
           const GdkRGBA     *accent,
           double             height)
{
  double x0 = day_to_x (self, window_from (self));
  double x1 = MAX (x0 + 2, day_to_x (self, self->to + 1.0));
  gboolean focused = gtk_widget_has_visible_focus (GTK_WIDGET (self));

  cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 1.0);
  cairo_set_line_width (cr, focused ? 3.0 : 2.0);
  cairo_rectangle (cr, x0, 1, x1 - x0, height - 2);
  cairo_stroke (cr);

  /* Grips on the edges say "resize me". */
  for (int side = 0; side < 2; side++)
    {
      double x = side == 0 ? x0 : x1;

      if (side == 0 && self->cumulative)
        continue;
      cairo_rectangle (cr, x - 3, height / 2 - 10, 6, 20);
      cairo_fill (cr);
    }
}

static void
draw_selection (ChronomapTimeline *self,
                cairo_t           *cr,
                const GdkRGBA     *fg,
                double             height)
{
  const ChronomapEvent *e;
  double x0, x1;

  if (self->selected < 0 || (guint) self->selected >= chronomap_event_store_get_n_events (self->store))
    return;

  e = chronomap_event_store_get_event (self->store, self->selected);
  x0 = day_to_x (self, e->start);
  x1 = MAX (x0 + 2, day_to_x (self, e->end + 1.0));
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.9);
  if (x1 - x0 <= 4)
    {
      /* a day: a line */
      cairo_rectangle (cr, x0, 0, x1 - x0, height);
      cairo_fill (cr);
    }
  else
    {
      /* a period: its edges and a tint, so the bars under it still show */
      cairo_rectangle (cr, x0 + 1, 1, x1 - x0 - 2, height - 2);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.12);
      cairo_rectangle (cr, x0, 0, x1 - x0, height);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.9);
    }
  cairo_move_to (cr, (x0 + x1) / 2 - 6, 0);
  cairo_line_to (cr, (x0 + x1) / 2 + 6, 0);
  cairo_line_to (cr, (x0 + x1) / 2, 8);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Window changes */

static void
set_window_internal (ChronomapTimeline *self,
                     gint32             from,
                     gint32             to)
{
  gboolean from_changed = from != self->from;
  gboolean to_changed = to != self->to;

  if (!from_changed && !to_changed)
    return;

  self->from = from;
  self->to = to;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible (self);

  /* Both are set before either is notified, so an observer of one reads
   * the whole new window; not frozen, so from comes before to. */
  if (from_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
  if (to_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
}

static gboolean
is_whole_months (gint32 from,
                 gint32 to,
                 int   *n_months)
{
  int y1, m1, d1, y2, m2, d2;

  chronomap_date_to_ymd (from, &y1, &m1, &d1);
  chronomap_date_to_ymd (to + 1, &y2, &m2, &d2);
  *n_months = (y2 - y1) * 12 + (m2 - m1);
  return d1 == 1 && d2 == 1 && *n_months > 0;
}

/* Callbacks */

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  ChronomapTimeline *self = CHRONOMAP_TIMELINE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->last_frame_time != 0)
    chronomap_timeline_advance (self, (now - self->last_frame_time) / (double) G_USEC_PER_SEC);
  self->last_frame_time = now;

  return self->playing ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static DragMode
hit_test (ChronomapTimeline *self,
          double             x)
{
  double x0 = day_to_x (self, window_from (self));
  double x1 = day_to_x (self, self->to + 1.0);

  if (!self->cumulative && fabs (x - x0) <= HANDLE_PX && x < (x0 + x1) / 2)
    return DRAG_FROM;
  if (fabs (x - x1) <= HANDLE_PX)
    return DRAG_TO;
  if (x > x0 && x < x1)
    return DRAG_MOVE;
  return DRAG_PAN;
}

static void
drag_begin_cb (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               ChronomapTimeline *self)
{
  if (self->store == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_mode = hit_test (self, x);
  self->drag_start_x = x;
  self->drag_from = self->from;
  self->drag_to = self->to;
  self->drag_view_start = self->view_start;
  self->drag_view_end = self->view_end;
}

static void
drag_update_cb (GtkGestureDrag    *gesture,
                double             dx,
                double             dy,
                ChronomapTimeline *self)
{
  int width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
  double days_per_px = (self->drag_view_end - self->drag_view_start) / width;
  gint32 delta = (gint32) lround (dx * days_per_px);

  switch (self->drag_mode)
    {
    case DRAG_MOVE:
      set_window_internal (self, self->drag_from + delta, self->drag_to + delta);
      break;
    case DRAG_FROM:
      set_window_internal (self, MIN (self->drag_from + delta, self->drag_to), self->drag_to);
      break;
    case DRAG_TO:
      set_window_internal (self, self->cumulative ? MIN (self->drag_from, self->drag_to + delta) : self->drag_from,
                           MAX (self->drag_to + delta, self->drag_from));
      break;
    case DRAG_PAN:
      set_view (self, self->drag_view_start - dx * days_per_px, self->drag_view_end - dx * days_per_px);
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (GtkGestureDrag    *gesture,
             double             dx,
             double             dy,
             ChronomapTimeline *self)
{
  /* A click (no drag) outside the band moves the window there. */
  if (self->drag_mode == DRAG_PAN && fabs (dx) < 3 && fabs (dy) < 3)
    {
      gint32 day = (gint32) floor (x_to_day (self, self->drag_start_x));
      gint32 length = self->to - self->from;

      if (self->cumulative)
        set_window_internal (self, day - length, day);
      else
        set_window_internal (self, day - length / 2, day - length / 2 + length);
    }
  self->drag_mode = DRAG_NONE;
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           ChronomapTimeline        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double length = self->view_end - self->view_start;

  if (state & GDK_CONTROL_MASK)
    {
      /* around the day under the pointer, which stays where it is */
      double x = self->pointer_x >= 0 ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double factor = pow (1.2, dy);
      double anchor;

      anchor = x_to_day (self, x);
      set_view (self, anchor - (anchor - self->view_start) * factor,
                anchor + (self->view_end - anchor) * factor);
      return GDK_EVENT_STOP;
    }

  set_view (self, self->view_start + (dx + dy) * length * 0.05,
            self->view_end + (dx + dy) * length * 0.05);
  return GDK_EVENT_STOP;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ChronomapTimeline        *self)
{
  self->pointer_x = x;
}

static void
leave_cb (GtkEventControllerMotion *controller,
          ChronomapTimeline        *self)
{
  self->pointer_x = -1;
}

static void
zoom_begin_cb (GtkGesture        *gesture,
               GdkEventSequence  *sequence,
               ChronomapTimeline *self)
{
  self->zoom_view_start = self->view_start;
  self->zoom_view_end = self->view_end;
}

static void
zoom_scale_changed_cb (GtkGestureZoom    *gesture,
                       double             scale,
                       ChronomapTimeline *self)
{
  double middle = (self->zoom_view_start + self->zoom_view_end) / 2;
  double half = (self->zoom_view_end - self->zoom_view_start) / 2 / MAX (scale, 0.01);

  set_view (self, middle - half, middle + half);
}

static void
step_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  chronomap_timeline_step (CHRONOMAP_TIMELINE (widget), g_variant_get_int32 (parameter));
}

static void
home_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronomapTimeline *self = CHRONOMAP_TIMELINE (widget);
  gint32 length = self->to - self->from;

  if (self->store == NULL)
    return;
  if (g_str_equal (action_name, "timeline.home"))
    set_window_internal (self, self->first_day, self->first_day + length);
  else
    set_window_internal (self, self->last_day - length, self->last_day);
  reveal_window (self);
}

static void
play_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronomapTimeline *self = CHRONOMAP_TIMELINE (widget);

  chronomap_timeline_set_playing (self, !self->playing);
}

static void
zoom_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronomapTimeline *self = CHRONOMAP_TIMELINE (widget);
  double factor = g_str_equal (action_name, "timeline.zoom-in") ? 1 / 1.5 : 1.5;
  double middle = (window_from (self) + self->to + 1.0) / 2;
  double half = (self->view_end - self->view_start) / 2 * factor;

  set_view (self, middle - half, middle + half);
}

/* 0: the whole of the events again, after zooming into an empty stretch */
static void
zoom_all_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  show_all (CHRONOMAP_TIMELINE (widget));
}

/* Vfuncs */

static void
chronomap_timeline_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  ChronomapTimeline *self = CHRONOMAP_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double axis_top = height - AXIS_HEIGHT;
  double span_top = axis_top - SPAN_LANE;
  GdkRGBA fg, accent;
  cairo_t *cr;

  /* no file, or no event: no axis of 1970 to scroll through */
  if (width <= 0 || height <= 0 || self->store == NULL ||
      chronomap_event_store_get_n_events (self->store) == 0)
    return;

  if (!self->bins_valid || self->bins_width != width ||
      self->bins_view_start != self->view_start || self->bins_view_end != self->view_end)
    compute_bins (self, width);
  if (!self->in_valid || self->in_from != window_from (self) || self->in_to != self->to)
    compute_in_window (self);

  get_colors (self, &fg, &accent);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw_band_fill (self, cr, &accent, axis_top);
  if (self->store != NULL && self->style != NULL)
    {
      draw_histogram (self, cr, &fg, TOP_MARGIN, span_top - 2);
      draw_count_scale (self, cr, &fg, TOP_MARGIN, width);
      draw_spans (self, cr, &fg, span_top + 2);
    }
  draw_axis (self, cr, &fg, axis_top, width);
  if (self->store != NULL)
    {
      draw_band (self, cr, &accent, axis_top);
      draw_selection (self, cr, &fg, axis_top);
    }

  cairo_destroy (cr);
}

static void
chronomap_timeline_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 800;
    }
  else
    {
      *minimum = 90;
      *natural = 120;
    }
}

static void
chronomap_timeline_dispose (GObject *object)
{
  ChronomapTimeline *self = CHRONOMAP_TIMELINE (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_object (&self->store);
  g_clear_object (&self->style);
  g_clear_pointer (&self->mask, g_bytes_unref);
  self->mask_data = NULL;
  self->mask_len = 0;

  G_OBJECT_CLASS (chronomap_timeline_parent_class)->dispose (object);
}

static void
chronomap_timeline_finalize (GObject *object)
{
  ChronomapTimeline *self = CHRONOMAP_TIMELINE (object);

  g_array_unref (self->edges);
  g_array_unref (self->counts);
  g_array_unref (self->in_counts);
  g_array_unref (self->spans);
  g_ptr_array_unref (self->axis_labels);
  g_free (self->count_scale);

  G_OBJECT_CLASS (chronomap_timeline_parent_class)->finalize (object);
}

static void
chronomap_timeline_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChronomapTimeline *self = CHRONOMAP_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STYLE:
      g_value_set_object (value, self->style);
      break;
    case PROP_FROM:
      g_value_set_int (value, self->from);
      break;
    case PROP_TO:
      g_value_set_int (value, self->to);
      break;
    case PROP_CUMULATIVE:
      g_value_set_boolean (value, self->cumulative);
      break;
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_LOOP:
      g_value_set_boolean (value, self->loop);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronomap_timeline_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ChronomapTimeline *self = CHRONOMAP_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      chronomap_timeline_set_store (self, g_value_get_object (value));
      break;
    case PROP_STYLE:
      chronomap_timeline_set_style (self, g_value_get_object (value));
      break;
    case PROP_FROM:
      chronomap_timeline_set_window (self, g_value_get_int (value), self->to);
      break;
    case PROP_TO:
      chronomap_timeline_set_window (self, self->from, g_value_get_int (value));
      break;
    case PROP_CUMULATIVE:
      chronomap_timeline_set_cumulative (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED:
      chronomap_timeline_set_selected (self, g_value_get_int (value));
      break;
    case PROP_PLAYING:
      chronomap_timeline_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      chronomap_timeline_set_speed (self, g_value_get_double (value));
      break;
    case PROP_LOOP:
      if (self->loop != g_value_get_boolean (value))
        {
          self->loop = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The keys that move the window and play, on the timeline and, through
 * chronomap_timeline_new_key_controller(), wherever its window puts them. */
static const struct
{
  guint            keyval;
  GdkModifierType  mods;
  const char      *action;
  int              n;      /* steps, for timeline.step */
} keys[] = {
  { GDK_KEY_Right, 0, "timeline.step", 1 },
  { GDK_KEY_Left, 0, "timeline.step", -1 },
  { GDK_KEY_Right, GDK_SHIFT_MASK, "timeline.step", 10 },
  { GDK_KEY_Left, GDK_SHIFT_MASK, "timeline.step", -10 },
  /* a presentation clicker's next and back */
  { GDK_KEY_Page_Down, 0, "timeline.step", 1 },
  { GDK_KEY_Page_Up, 0, "timeline.step", -1 },
  { GDK_KEY_Home, 0, "timeline.home", 0 },
  { GDK_KEY_End, 0, "timeline.end", 0 },
  { GDK_KEY_space, 0, "timeline.play", 0 },
};

static void
chronomap_timeline_class_init (ChronomapTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronomap_timeline_dispose;
  object_class->finalize = chronomap_timeline_finalize;
  object_class->get_property = chronomap_timeline_get_property;
  object_class->set_property = chronomap_timeline_set_property;

  widget_class->snapshot = chronomap_timeline_snapshot;
  widget_class->measure = chronomap_timeline_measure;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CHRONOMAP_TYPE_EVENT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STYLE] =
    g_param_spec_object ("style", NULL, NULL, CHRONOMAP_TYPE_EVENT_STYLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROM] =
    g_param_spec_int ("from", NULL, NULL, G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TO] =
    g_param_spec_int ("to", NULL, NULL, G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUMULATIVE] =
    g_param_spec_boolean ("cumulative", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.1, 3650.0, 30.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "timeline.step", "i", step_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.home", NULL, home_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.end", NULL, home_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.play", NULL, play_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-all", NULL, zoom_all_action_cb);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    if (g_str_equal (keys[k].action, "timeline.step"))
      gtk_widget_class_add_binding_action (widget_class, keys[k].keyval, keys[k].mods, keys[k].action, "i",
                                           keys[k].n);
    else
      gtk_widget_class_add_binding_action (widget_class, keys[k].keyval, keys[k].mods, keys[k].action, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.zoom-all", NULL);

  gtk_widget_class_set_css_name (widget_class, "chronomap-timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static gboolean query_tooltip_cb (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard,
                                  GtkTooltip *tooltip,
                                  gpointer    user_data);

static void
chronomap_timeline_init (ChronomapTimeline *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                     GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->axis_labels = g_ptr_array_new_with_free_func (g_free);
  self->selected = -1;
  self->pointer_x = -1;
  self->speed = 30.0;
  self->view_start = 0;
  self->view_end = 365;
  self->edges = g_array_new (FALSE, FALSE, sizeof (gint32));
  self->counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->in_counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->spans = g_array_new (FALSE, FALSE, sizeof (guint32));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  /* The scroll event's own position is in the surface's coordinates,
   * which a window's decorations shift: the pointer is followed here. */
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/* Public API */

GtkWidget *
chronomap_timeline_new (void)
{
  return g_object_new (CHRONOMAP_TYPE_TIMELINE, NULL);
}

void
chronomap_timeline_set_store (ChronomapTimeline   *self,
                              ChronomapEventStore *store)
{
  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  if (!g_set_object (&self->store, store))
    return;

  self->first_day = 0;
  self->last_day = 0;
  if (store != NULL)
    chronomap_event_store_get_range (store, &self->first_day, &self->last_day);
  self->selected = -1;
  collect_spans (self);
  show_all (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
chronomap_timeline_set_style (ChronomapTimeline   *self,
                              ChronomapEventStyle *style)
{
  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  if (g_set_object (&self->style, style))
    {
      self->bins_valid = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
    }
}

/**
 * chronomap_timeline_set_mask:
 * @mask: (nullable): one byte per event of the store, zero for an event
 *   the filters hide; %NULL shows all
 *
 * The histogram and the spans count only the events the filters let
 * through, as the map and the list do.
 */
void
chronomap_timeline_set_mask (ChronomapTimeline *self,
                             GBytes            *mask)
{
  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  if (self->mask == mask)
    return;
  g_clear_pointer (&self->mask, g_bytes_unref);
  self->mask_data = NULL;
  self->mask_len = 0;
  if (mask != NULL)
    {
      self->mask = g_bytes_ref (mask);
      self->mask_data = g_bytes_get_data (mask, &self->mask_len);
    }
  self->bins_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The histogram's bin under @x, or -1. */
static int
bin_at (ChronomapTimeline *self,
        double             x)
{
  double day;

  if (self->store == NULL || !self->bins_valid || self->edges->len < 2)
    return -1;
  day = x_to_day (self, x);
  for (guint b = 0; b + 1 < self->edges->len; b++)
    if (day >= g_array_index (self->edges, gint32, b) && day < g_array_index (self->edges, gint32, b + 1))
      return b;
  return -1;
}

/* What bin @b stands for: its period and how many events begin in it. */
static char *
describe_bin (ChronomapTimeline *self,
              int                b)
{
  gint32 start = g_array_index (self->edges, gint32, b);
  gint32 end = g_array_index (self->edges, gint32, b + 1);
  g_autofree char *period = chronomap_date_range_label (start, end - 1);
  const guint N = CHRONOMAP_EVENT_STYLE_N_SLOTS;
  guint total = 0, in = 0;

  /* the window moved since the last frame: its counts, not the last's */
  if (!self->in_valid || self->in_from != window_from (self) || self->in_to != self->to)
    compute_in_window (self);
  for (guint s = 0; s < N; s++)
    {
      total += g_array_index (self->counts, guint32, b * N + s);
      if (self->in_valid && self->in_counts->len == self->counts->len)
        in += g_array_index (self->in_counts, guint32, b * N + s);
    }
  /* the window cuts the bar: it shows some of its events */
  if (in > 0 && in < total)
    /* Translators: a bar of the timeline the time window cuts: its
     * period, how many events began in it, how many the window shows */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u event began, %u of them in the time window",
                                         "%s: %u events began, %u of them in the time window", total),
                            period, total, in);
  /* Translators: a bar of the timeline: its period, then a count */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u event began",
                                       "%s: %u events began", total),
                          period, total);
}

/**
 * chronomap_timeline_get_day_x:
 * @day: a day number
 *
 * Where @day begins across the timeline as it is drawn now.
 *
 * Returns: a position in the timeline's pixels, outside 0..width when
 *   @day is out of view
 */
double
chronomap_timeline_get_day_x (ChronomapTimeline *self,
                              gint32             day)
{
  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), 0.0);

  return day_to_x (self, day);
}

/**
 * chronomap_timeline_get_view:
 * @first: (out): the first day in view, the most of it shown
 * @last: (out): the last day in view, the most of it shown
 *
 * The days the timeline shows, as zoomed and scrolled.
 */
void
chronomap_timeline_get_view (ChronomapTimeline *self,
                             gint32            *first,
                             gint32            *last)
{
  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  *first = (gint32) floor (self->view_start + 0.5);
  *last = (gint32) floor (self->view_end + 0.5) - 1;
}

/**
 * chronomap_timeline_describe_at:
 * @x: a position across the timeline, in its pixels
 *
 * What the histogram's bar at @x stands for: its period and how many
 * events begin in it ("1 Mar 2019 – 31 Mar 2019: 8 events"), as its
 * tooltip says.
 *
 * Returns: (transfer full) (nullable): the text; %NULL where no bar is
 */
char *
chronomap_timeline_describe_at (ChronomapTimeline *self,
                                double             x)
{
  int b;

  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), NULL);

  if ((b = bin_at (self, x)) < 0)
    return NULL;
  return describe_bin (self, b);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  ChronomapTimeline *self = CHRONOMAP_TIMELINE (widget);
  g_autofree char *text = NULL;
  double x0, x1;
  int b;

  if (keyboard)
    return FALSE;
  if ((text = chronomap_timeline_describe_span_at (self, x, y)) != NULL)
    {
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  if ((b = bin_at (self, x)) < 0)
    return FALSE;
  text = describe_bin (self, b);
  gtk_tooltip_set_text (tooltip, text);
  /* the tooltip is the bar's: moving to the next bar moves it along */
  x0 = floor (day_to_x (self, g_array_index (self->edges, gint32, b)));
  x1 = ceil (day_to_x (self, g_array_index (self->edges, gint32, b + 1)));
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) x0, 0, (int) MAX (1, x1 - x0),
                                                       gtk_widget_get_height (widget) });
  return TRUE;
}

/**
 * chronomap_timeline_get_count:
 * @from: a day
 * @to: a later day, inclusive
 *
 * Returns: how many events the histogram counts as starting from @from
 *   to @to: those the filters let through
 */
guint
chronomap_timeline_get_count (ChronomapTimeline *self,
                              gint32             from,
                              gint32             to)
{
  const ChronomapEvent *events;
  guint n_events = 0, n = 0;

  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), 0);

  if (self->store == NULL)
    return 0;
  events = chronomap_event_store_get_events (self->store, &n_events);
  for (guint i = 0; i < n_events; i++)
    n += events[i].start >= from && events[i].start <= to && passes (self, i);
  return n;
}

/**
 * chronomap_timeline_set_window:
 * @from: first day of the window
 * @to: last day, inclusive
 *
 * Moves the band, and the view if the band would leave it.
 */
void
chronomap_timeline_set_window (ChronomapTimeline *self,
                               gint32             from,
                               gint32             to)
{
  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  set_window_internal (self, from, MAX (from, to));
  if (self->store != NULL && self->drag_mode == DRAG_NONE)
    reveal_window (self);
}

gint32
chronomap_timeline_get_from (ChronomapTimeline *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), 0);
  return self->from;
}

gint32
chronomap_timeline_get_to (ChronomapTimeline *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), 0);
  return self->to;
}

void
chronomap_timeline_set_cumulative (ChronomapTimeline *self,
                                   gboolean           cumulative)
{
  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  cumulative = !!cumulative;
  if (self->cumulative == cumulative)
    return;

  self->cumulative = cumulative;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUMULATIVE]);
}

gboolean
chronomap_timeline_get_cumulative (ChronomapTimeline *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), FALSE);
  return self->cumulative;
}

/**
 * chronomap_timeline_set_selected:
 * @selected: an event index, or -1
 *
 * Marks the event, and moves the window to contain it if it is outside.
 */
void
chronomap_timeline_set_selected (ChronomapTimeline *self,
                                 int                selected)
{
  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  if (self->selected == selected)
    return;

  self->selected = selected;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);

  if (self->store != NULL && selected >= 0 &&
      (guint) selected < chronomap_event_store_get_n_events (self->store))
    {
      const ChronomapEvent *e = chronomap_event_store_get_event (self->store, selected);
      gint32 length = self->to - self->from;

      /* Selecting an event elsewhere in time brings the window to it,
       * keeping the window's length; the event starts its middle. */
      if (e->end < window_from (self) || e->start > self->to)
        chronomap_timeline_set_window (self, e->start - length / 2, e->start - length / 2 + length);
    }
}

/**
 * chronomap_timeline_step:
 * @n_steps: how many window lengths to move, negative for back
 *
 * Moves the window by its own length: by calendar months when it covers
 * whole months, so "October" steps to "November", else by days.
 */
void
chronomap_timeline_step (ChronomapTimeline *self,
                         int                n_steps)
{
  int n_months;

  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  if (self->store == NULL || n_steps == 0)
    return;

  if (is_whole_months (self->from, self->to, &n_months))
    {
      gint32 from = chronomap_date_add_months (self->from, n_steps * n_months);

      chronomap_timeline_set_window (self, from, chronomap_date_add_months (from, n_months) - 1);
    }
  else
    {
      gint32 length = self->to - self->from + 1;

      chronomap_timeline_set_window (self, self->from + n_steps * length,
                                     self->to + n_steps * length);
    }
}

void
chronomap_timeline_set_playing (ChronomapTimeline *self,
                                gboolean           playing)
{
  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  /* nothing to play through (Space on an empty file) */
  playing = !!playing && self->store != NULL && chronomap_event_store_get_n_events (self->store) > 0;
  if (self->playing == playing)
    return;

  self->playing = playing;
  self->carry = 0;
  self->last_frame_time = 0;
  if (playing)
    {
      /* Playing from the end starts over. */
      if (self->store != NULL && self->to >= self->last_day)
        {
          gint32 length = self->to - self->from;
          chronomap_timeline_set_window (self, self->first_day, self->first_day + length);
        }
      if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
chronomap_timeline_get_playing (ChronomapTimeline *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), FALSE);
  return self->playing;
}

void
chronomap_timeline_set_speed (ChronomapTimeline *self,
                              double             days_per_second)
{
  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  days_per_second = CLAMP (days_per_second, 0.1, 3650.0);
  if (self->speed == days_per_second)
    return;

  self->speed = days_per_second;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

double
chronomap_timeline_get_speed (ChronomapTimeline *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), 0);
  return self->speed;
}

/* in days a second, and as an animation's steps, a frame for each second
 * of playback */
static const double speeds[] = { 1.0, 7.0, 30.44, 91.31, 365.25 };
static const ChronomapDateStep speed_steps[] = {
  { 1, 'd' }, { 1, 'w' }, { 1, 'm' }, { 3, 'm' }, { 1, 'y' },
};
G_STATIC_ASSERT (G_N_ELEMENTS (speeds) == CHRONOMAP_TIMELINE_N_SPEEDS);
G_STATIC_ASSERT (G_N_ELEMENTS (speed_steps) == CHRONOMAP_TIMELINE_N_SPEEDS);

/**
 * chronomap_timeline_speed_days:
 * @index: one of the offered speeds, below %CHRONOMAP_TIMELINE_N_SPEEDS
 *
 * Returns: how many days a second it plays
 */
double
chronomap_timeline_speed_days (guint index)
{
  g_return_val_if_fail (index < CHRONOMAP_TIMELINE_N_SPEEDS, speeds[1]);

  return speeds[index];
}

/**
 * chronomap_timeline_speed_step:
 * @index: one of the offered speeds, below %CHRONOMAP_TIMELINE_N_SPEEDS
 *
 * Returns: the step an animation at that speed takes a second: a week,
 *   a month
 */
const ChronomapDateStep *
chronomap_timeline_speed_step (guint index)
{
  g_return_val_if_fail (index < CHRONOMAP_TIMELINE_N_SPEEDS, &speed_steps[1]);

  return &speed_steps[index];
}

/**
 * chronomap_timeline_nearest_speed:
 * @days_per_second: a speed, in days a second
 *
 * Returns: the index of the offered speed nearest @days_per_second
 */
guint
chronomap_timeline_nearest_speed (double days_per_second)
{
  guint speed = 0;

  for (guint k = 1; k < CHRONOMAP_TIMELINE_N_SPEEDS; k++)
    if (fabs (speeds[k] - days_per_second) < fabs (speeds[speed] - days_per_second))
      speed = k;
  return speed;
}

/**
 * chronomap_timeline_advance:
 * @seconds: time played
 *
 * Moves the window as playback does for @seconds at the current speed;
 * the frame clock calls this while playing, tests call it directly.
 */
void
chronomap_timeline_advance (ChronomapTimeline *self,
                            double             seconds)
{
  double total;
  gint32 days, length;

  g_return_if_fail (CHRONOMAP_IS_TIMELINE (self));

  if (self->store == NULL)
    return;

  total = self->carry + seconds * self->speed;
  days = (gint32) floor (total);
  self->carry = total - days;
  if (days == 0)
    return;

  length = self->to - self->from;
  if (self->to + days > self->last_day)
    {
      if (self->loop)
        chronomap_timeline_set_window (self, self->first_day, self->first_day + length);
      else
        {
          chronomap_timeline_set_window (self, self->last_day - length, self->last_day);
          chronomap_timeline_set_playing (self, FALSE);
        }
      return;
    }
  chronomap_timeline_set_window (self, self->from + days, self->to + days);
}

/**
 * chronomap_timeline_dup_value_text:
 *
 * Returns: (transfer full): the window as words, for screen readers:
 *   "1 Oct 2017 – 31 Oct 2017, 42 events"
 */
char *
chronomap_timeline_dup_value_text (ChronomapTimeline *self)
{
  g_autofree char *range = NULL;
  guint n;

  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), NULL);

  if (self->store == NULL)
    return g_strdup (_("No events"));

  range = chronomap_date_range_label (window_from (self), self->to);
  n = chronomap_event_store_count (self->store, window_from (self), self->to);
  /* Translators: the timeline's value for screen readers, "1 Oct 2017 – 31 Oct 2017, 42 events" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u event", "%s, %u events", n), range, n);
}

/**
 * chronomap_timeline_get_count_scale:
 *
 * Returns: (nullable): the histogram's scale as last drawn, the tallest
 *   bar's count and what a bar covers ("379 a month"); %NULL before a
 *   histogram was drawn
 */
const char *
chronomap_timeline_get_count_scale (ChronomapTimeline *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), NULL);
  return self->count_scale;
}

/**
 * chronomap_timeline_get_axis_labels:
 *
 * The labels of the time axis as last drawn, left to right, each as
 * "LEFT RIGHT TEXT" in the timeline's pixels ("58 135 15 Jan 2019").
 *
 * Returns: (transfer none) (element-type utf8): the labels
 */
GPtrArray *
chronomap_timeline_get_axis_labels (ChronomapTimeline *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), NULL);
  return self->axis_labels;
}

static gboolean
key_cb (GtkWidget *widget,
        GVariant  *args,
        gpointer   user_data)
{
  ChronomapTimeline *self = user_data;
  const char *action;
  int n;

  g_variant_get (args, "(&si)", &action, &n);
  /* no events, or controls waiting for them: the key goes on */
  if (self->store == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self)))
    return FALSE;
  return gtk_widget_activate_action_variant (GTK_WIDGET (self), action,
                                             g_str_equal (action, "timeline.step") ?
                                               g_variant_new_int32 (n) : NULL);
}

/**
 * chronomap_timeline_new_key_controller:
 *
 * The timeline's keys (arrows, Shift+arrows, Home, End, Space) for
 * another widget: added to a container of the timeline (a window's
 * content), they work wherever the focus is, after the focused widget
 * (an entry, a list, a button's Space) and before the window's own use
 * of the keys.
 *
 * Returns: (transfer full): a shortcut controller acting on @self
 */
GtkEventController *
chronomap_timeline_new_key_controller (ChronomapTimeline *self)
{
  GtkEventController *controller;

  g_return_val_if_fail (CHRONOMAP_IS_TIMELINE (self), NULL);

  controller = gtk_shortcut_controller_new ();
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[k].keyval, keys[k].mods),
                                                gtk_callback_action_new (key_cb, self, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new ("(si)", keys[k].action, keys[k].n));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  return controller;
}
