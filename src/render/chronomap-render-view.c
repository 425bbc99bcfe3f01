/* chronomap-render-view.c: a map of a time window's events, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The offline basemap, the events of a time window, a legend, the date
 * caption and the attributions, without a display: what `chronomap-cli
 * render` writes and what the viewer's "Export Map Image…" saves.
 */
#define G_LOG_DOMAIN "chronomap-render"

#include "config.h"

#include "chronomap-render-view.h"

#include "chronomap-date-label.h"
#include "chronomap-event-type-label.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>


#define N_SLOTS CHRONOMAP_RENDER_N_SLOTS
#define RGB(r, g, b) { r, g, b },

/* Slots go to the most frequent types in the window, the last is "other". */
static const double chronomap_render_palette[N_SLOTS][3] = {
  CHRONOMAP_RENDER_PALETTE (RGB)
};

typedef struct
{
  guint32 type;
  guint   count;
} TypeCount;

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const TypeCount *ta = a, *tb = b;
  ChronomapEventStore *store = user_data;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;
  return g_strcmp0 (chronomap_event_store_get_string (store, ta->type),
                    chronomap_event_store_get_string (store, tb->type));
}

/* The colours the common taxonomy's types always get (ACLED's six, which
 * the UCDP and GDELT imports map to), so that a type looks the same in
 * every file and every export. */
static const struct { const char *type; guint color; } fixed_colors[] = {
  { "Battles", 0 },
  { "Strategic developments", 1 },
  { "Explosions/Remote violence", 2 },
  { "Violence against civilians", 3 },
  { "Protests", 4 },
  { "Riots", 5 },
};

/**
 * chronomap_render_assign_colors:
 * @types: (array length=n_types): event types, most events first
 * @colors: (out caller-allocates) (array length=n_types): the palette
 *   colour of each (CHRONOMAP_RENDER_PALETTE)
 *
 * A well-known type keeps its own colour whatever its rank; the others
 * take the free colours in rank order; past the palette's last own
 * colour, types share the grey of "Other".
 */
void
chronomap_render_assign_colors (const char * const *types,
                                guint               n_types,
                                guint              *colors)
{
  gboolean used[N_SLOTS] = { FALSE, };
  /* with exactly as many types as colours the last keeps its own */
  guint n_own = n_types == N_SLOTS ? N_SLOTS : N_SLOTS - 1;

  for (guint i = 0; i < n_types; i++)
    {
      colors[i] = G_MAXUINT;
      if (i >= n_own)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (fixed_colors); k++)
        if (types[i] != NULL && g_ascii_strcasecmp (types[i], fixed_colors[k].type) == 0)
          {
            colors[i] = fixed_colors[k].color;
            used[colors[i]] = TRUE;
          }
    }
  for (guint i = 0; i < n_types; i++)
    {
      guint c = 0;

      if (colors[i] != G_MAXUINT)
        continue;
      if (i >= n_own)
        {
          colors[i] = N_SLOTS - 1;
          continue;
        }
      while (c < N_SLOTS - 1 && used[c])
        c++;
      colors[i] = c;
      used[c] = TRUE;
    }
}

/* An event type as the app's legend names it. */
static const char *
type_label (ChronomapEventStore *store,
            guint32              type)
{
  const char *name = chronomap_event_store_get_string (store, type);

  return name != NULL && *name != '\0' ? chronomap_event_type_label (name) : _("Unknown type");
}

/* Ground metres a pixel covers at @lat, the map drawn at @zoom. */
static double
meters_per_px (double lat,
               double zoom)
{
  return 40075016.686 * cos (lat * G_PI / 180.0) / (CHRONOMAP_BASEMAP_TILE_SIZE * exp2 (zoom));
}

/* The broken edge of a place the geocoder guessed, as on the map. */
static const double guess_dash[] = { 3.0, 2.5 };

static double
event_radius (const ChronomapEvent *event,
              double                unit)
{
  return unit * MIN (28.0, 6.0 + MIN (9.0, 1.4 * sqrt (MAX (event->fatalities, 0))));
}

/* The soft area around a place known only to its district or province,
 * drawn once for each such place however many events it holds: stacked,
 * they would darken into a blot. */
static void
draw_area (cairo_t              *cr,
           GHashTable           *drawn,
           const ChronomapEvent *event,
           const double          rgb[3],
           double                x,
           double                y,
           double                mpp,
           double                unit)
{
  double area_m = chronomap_geo_precision_radius_m (event->geo_precision);
  double r;
  guint key;

  if (area_m <= 0)
    return;
  r = CLAMP (area_m / mpp, event_radius (event, unit) * 1.5, 96.0 * unit);
  key = ((guint) lround (x) & 0xfff) << 20 | ((guint) lround (y) & 0xfff) << 8 | (guint) event->geo_precision;
  if (!g_hash_table_add (drawn, GUINT_TO_POINTER (key)))
    return;
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.12);
  cairo_fill (cr);
}

/* One event as the map draws it: a disc whose area grows with the dead;
 * a place known only to its district or province as a ring (in its soft
 * area, draw_area()); a guess paler, with a broken edge. */
static void
draw_event (cairo_t              *cr,
            const ChronomapEvent *event,
            const double          rgb[3],
            double                x,
            double                y,
            double                unit)
{
  double radius = event_radius (event, unit);
  double area_m = chronomap_geo_precision_radius_m (event->geo_precision);
  double dash[G_N_ELEMENTS (guess_dash)];

  for (guint i = 0; i < G_N_ELEMENTS (dash); i++)
    dash[i] = guess_dash[i] * unit;

  cairo_save (cr);
  if (area_m > 0)
    {
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.9);
      cairo_set_line_width (cr, 2.5 * unit);
      if (event->guessed)
        cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
    }
  else
    {
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], event->guessed ? 0.5 : 0.85);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, (event->guessed ? 2.5 : 1.2) * unit);
      if (event->guessed)
        {
          cairo_stroke_preserve (cr);
          cairo_set_source_rgba (cr, 0.14, 0.12, 0.17, 0.9);
          cairo_set_line_width (cr, 1.5 * unit);
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The scale bar's distance, a round one about 150 units long at @mpp
 * metres a pixel: its length in pixels, and in @out_meters its metres. */
static double
scale_bar_length (double  mpp,
                  double  unit,
                  double *out_meters)
{
  double target_m = 150.0 * unit * mpp;
  double step = pow (10, floor (log10 (target_m)));

  *out_meters = target_m >= 5 * step ? 5 * step : target_m >= 2 * step ? 2 * step : step;
  return *out_meters / mpp;
}

/* Where the scale bar's box ends on the right. */
static double
scale_bar_right (double mpp,
                 double unit)
{
  double meters;

  return 16 * unit + scale_bar_length (mpp, unit, &meters) + 6 * unit;
}

/* A scale bar, bottom left above @bottom: a round distance about a
 * sixth of the image wide, measured at the image's middle latitude. */
static void
draw_scale_bar (cairo_t  *cr,
                double    mpp,
                double    bottom,
                double    unit,
                gboolean  dark)
{
  double meters, length, x = 16 * unit, y = bottom - 20 * unit, size = 15 * unit;
  g_autofree char *label = NULL;

  length = scale_bar_length (mpp, unit, &meters);
  label = meters >= 1000 ? g_strdup_printf ("%g km", meters / 1000) : g_strdup_printf ("%g m", meters);

  if (dark)
    cairo_set_source_rgba (cr, 0.12, 0.12, 0.14, 0.8);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, x - 6 * unit, y - size - 10 * unit, length + 12 * unit, size + 16 * unit);
  cairo_fill (cr);
  if (dark)
    cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
  else
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_set_line_width (cr, 1.5 * unit);
  cairo_move_to (cr, x, y - 5 * unit);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + length, y);
  cairo_line_to (cr, x + length, y - 5 * unit);
  cairo_stroke (cr);
  cairo_set_font_size (cr, size);
  cairo_move_to (cr, x + 2 * unit, y - 6 * unit);
  cairo_show_text (cr, label);
}

typedef struct
{
  double  x;
  double  y;
  guint   count;      /* 0 once folded into another */
  gint64  fatalities;
  guint   slot_counts[N_SLOTS];
  guint   last;       /* index of its latest event, drawn last */
  double  opacity;    /* as its latest event fades */
  double  sum_x;      /* its events' world pixels, for their middle */
  double  sum_y;
  gint64  cell_x;     /* its cell of the grid */
  gint64  cell_y;
  guint   into;       /* 1 + the stack it was folded into, 0 if none */
} Stack;

/* The map's clusters (chronomap-event-layer.c): cells of the world this
 * many pixels wide, anchored to it, wide at low zoom; a picture the map's
 * size draws the marks the map does. */
#define CELL_LOW_ZOOM  40.0
#define CELL_HIGH_ZOOM 20.0
#define CELL_HIGH_AT   8.0

/* The narrowest slice a type of event gets: seen, however few. */
#define PIE_MIN_SHARE (1.0 / 24)

/**
 * chronomap_render_fill_pie:
 * @cr: where to draw
 * @x: the centre
 * @y: the centre
 * @radius: in @cr's units
 * @rgb: (array): red, green and blue, 0..1, of each of the @n slices
 * @counts: (array length=n): how many events each slice stands for
 * @n: how many slices, some of them empty
 * @alpha: how opaque the whole
 *
 * Fills a disc as a pie, a slice a type of event, clockwise from the top
 * in the order given, each as wide as its share of the events, but no
 * narrower than a twenty-fourth: a cluster of several types shows each,
 * on the map and in an exported picture alike.  The disc's edge is the
 * caller's.
 */
void
chronomap_render_fill_pie (cairo_t      *cr,
                           double        x,
                           double        y,
                           double        radius,
                           const double *rgb,
                           const guint  *counts,
                           guint         n,
                           double        alpha)
{
  double total = 0, angle = -G_PI / 2, weights[64], sum = 0;
  guint first = n;

  g_return_if_fail (n <= G_N_ELEMENTS (weights));
  for (guint i = 0; i < n; i++)
    if (counts[i] > 0)
      {
        total += counts[i];
        first = MIN (first, i);
      }
  if (first == n)
    return;

  cairo_save (cr);
  cairo_new_path (cr);
  /* opaque, faded as one if need be: the slices' antialiased edges meet
   * over a disc of the first colour, not over the map */
  if (alpha < 1.0)
    cairo_push_group (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, rgb[3 * first], rgb[3 * first + 1], rgb[3 * first + 2]);
  cairo_fill (cr);
  for (guint i = 0; i < n; i++)
    {
      weights[i] = counts[i] > 0 ? MAX (counts[i] / total, PIE_MIN_SHARE) : 0;
      sum += weights[i];
    }
  for (guint i = 0; i < n; i++)
    {
      double sweep = 2 * G_PI * weights[i] / sum;

      if (weights[i] == 0)
        continue;
      cairo_move_to (cr, x, y);
      cairo_arc (cr, x, y, radius, angle, angle + sweep);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
      cairo_fill (cr);
      angle += sweep;
    }
  if (alpha < 1.0)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, alpha);
    }
  cairo_restore (cr);
}

static double
stack_radius (const Stack *stack,
              double       unit)
{
  /* one event's is event_radius()'s, as the map's cells have it */
  return unit * MIN (28.0, (stack->count > 1 ? 9.0 : 6.0) + 4.0 * log10 ((double) stack->count) +
                             MIN (9.0, 1.4 * sqrt ((double) stack->fatalities)));
}

static gint64
cell_key (gint64 cell_x,
          gint64 cell_y)
{
  return cell_x * 1000003 + cell_y;
}

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Stack *stacks = user_data;
  const Stack *sa = &stacks[*(const guint *) a], *sb = &stacks[*(const guint *) b];

  if (sa->cell_y != sb->cell_y)
    return sa->cell_y < sb->cell_y ? -1 : 1;
  return (sa->cell_x > sb->cell_x) - (sa->cell_x < sb->cell_x);
}

/* Neighbouring cells whose discs would lie mostly over each other (a
 * town on a cell's edge) are folded into one, each into the neighbour it
 * crowds, once, in reading order: as the map does. */
static void
fold_crowded_stacks (GArray     *stacks,
                     GHashTable *by_cell)
{
  static const int next[][2] = { { 1, 0 }, { -1, 1 }, { 0, 1 }, { 1, 1 } };
  g_autofree guint *order = g_new (guint, MAX (stacks->len, 1));
  Stack *all = (Stack *) (gpointer) stacks->data;

  for (guint k = 0; k < stacks->len; k++)
    order[k] = k;
  g_qsort_with_data (order, stacks->len, sizeof (guint), compare_cells, all);
  for (guint o = 0; o < stacks->len; o++)
    {
      Stack *c = &all[order[o]];

      if (c->count == 0)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (next); k++)
        {
          gint64 key = cell_key (c->cell_x + next[k][0], c->cell_y + next[k][1]);
          gpointer found;
          Stack *n;
          double dx, dy;

          if (!g_hash_table_lookup_extended (by_cell, &key, NULL, &found))
            continue;
          n = &all[GPOINTER_TO_UINT (found)];
          if (n->count == 0)
            continue;
          dx = c->sum_x / c->count - n->sum_x / n->count;
          dy = c->sum_y / c->count - n->sum_y / n->count;
          if (sqrt (dx * dx + dy * dy) >= 0.7 * (stack_radius (c, 1.0) + stack_radius (n, 1.0)))
            continue;
          c->sum_x += n->sum_x;
          c->sum_y += n->sum_y;
          c->fatalities += n->fatalities;
          for (guint t = 0; t < N_SLOTS; t++)
            c->slot_counts[t] += n->slot_counts[t];
          c->last = MAX (c->last, n->last);
          c->count += n->count;
          n->count = 0;
          n->into = (guint) (c - all) + 1;
        }
    }
}

/* A stack's count: white, outlined in a deeper shade of the disc's main
 * colour so that it reads over a town's name (drawn over the discs) as
 * well as over the disc. */
static void
draw_stack_count (cairo_t     *cr,
                  const Stack *stack,
                  double       unit)
{
  double radius = stack_radius (stack, unit);
  g_autofree char *text = g_strdup_printf ("%u", stack->count);
  cairo_text_extents_t extents;
  guint main_slot = 0;

  for (guint k = 1; k < N_SLOTS; k++)
    if (stack->slot_counts[k] > stack->slot_counts[main_slot])
      main_slot = k;

  cairo_save (cr);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, MAX (9.0 * unit, radius * 0.8));
  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, stack->x - extents.x_bearing - extents.width / 2,
                 stack->y - extents.y_bearing - extents.height / 2);
  cairo_text_path (cr, text);
  cairo_set_source_rgb (cr, chronomap_render_palette[main_slot][0] * 0.6,
                        chronomap_render_palette[main_slot][1] * 0.6,
                        chronomap_render_palette[main_slot][2] * 0.6);
  cairo_set_line_width (cr, 3.0 * unit);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Events at one point, drawn as the map draws a cluster: a disc, a slice
 * of it each type's share, its area by their number and toll, the number
 * inside. */
static void
draw_stack (cairo_t     *cr,
            const Stack *stack,
            double       unit,
            gboolean     with_count)
{
  double radius = stack_radius (stack, unit);

  cairo_save (cr);
  chronomap_render_fill_pie (cr, stack->x, stack->y, radius, &chronomap_render_palette[0][0],
                             stack->slot_counts, N_SLOTS, 0.9);
  cairo_arc (cr, stack->x, stack->y, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 1.2 * unit);
  cairo_stroke (cr);
  cairo_restore (cr);
  if (with_count)
    draw_stack_count (cr, stack, unit);
}

/* Whether a stack's count lies under one of @labels (a town's name). */
static gboolean
count_under_label (const Stack  *stack,
                   double        unit,
                   const GArray *labels)
{
  double half = stack_radius (stack, unit) * 0.8;

  for (guint i = 0; i < labels->len; i++)
    {
      const ChronomapBasemapLabel *label = &g_array_index (labels, ChronomapBasemapLabel, i);

      if (label->town && stack->x + half > label->x && stack->x - half < label->x + label->width &&
          stack->y + half > label->y && stack->y - half < label->y + label->height)
        return TRUE;
    }
  return FALSE;
}

/* The legend keys an event drawn alone needs, a bit each. */
static guint
event_looks (const ChronomapEvent *event)
{
  guint looks = 0;

  if (event->fatalities > 0)
    looks |= 1u << CHRONOMAP_LEGEND_KEY_SIZE;
  if (chronomap_geo_precision_radius_m (event->geo_precision) > 0)
    looks |= 1u << CHRONOMAP_LEGEND_KEY_RING;
  if (event->guessed)
    looks |= 1u << CHRONOMAP_LEGEND_KEY_GUESS;
  return looks;
}

/* The legend keys @stack needs, a bit each: of its own event if it has
 * one (@event, its latest). */
static guint
stack_looks (const Stack          *stack,
             const ChronomapEvent *event)
{
  guint looks = 0, n_types = 0;

  if (stack->fatalities > 0)
    looks |= 1u << CHRONOMAP_LEGEND_KEY_SIZE;
  if (stack->opacity < 1)
    looks |= 1u << CHRONOMAP_LEGEND_KEY_AGE;
  for (guint k = 0; k < N_SLOTS; k++)
    n_types += stack->slot_counts[k] > 0;
  if (n_types > 1)
    looks |= 1u << CHRONOMAP_LEGEND_KEY_PIE;
  if (stack->count == 1)
    looks |= event_looks (event) & ~(1u << CHRONOMAP_LEGEND_KEY_SIZE);
  return looks;
}

/**
 * chronomap_legend_key_label:
 *
 * Returns: what @key's look means, translated: "Larger: more deaths"
 */
const char *
chronomap_legend_key_label (ChronomapLegendKey key)
{
  static const char * const labels[CHRONOMAP_N_LEGEND_KEYS] = {
    N_("Larger: more deaths"), N_("Faded: older"), N_("Slices: several types"),
    N_("Ring: approximate place"), N_("Broken edge: a guess"),
  };

  g_return_val_if_fail (key < CHRONOMAP_N_LEGEND_KEYS, NULL);
  return _(labels[key]);
}

/* @key's marks in grey, centred on (@x, @y), @r across at most, as the
 * picture draws them. */
static void
draw_key_marks (cairo_t            *cr,
                ChronomapLegendKey  key,
                double              x,
                double              y,
                double              r,
                gboolean            dark)
{
  const double grey[3] = { dark ? 0.78 : 0.47, dark ? 0.78 : 0.46, dark ? 0.8 : 0.48 };
  ChronomapEvent event = { 0 };
  double unit = r / 9.0;

  /* not from where the text before ended */
  cairo_new_path (cr);
  switch (key)
    {
    case CHRONOMAP_LEGEND_KEY_SIZE:
      event.fatalities = 0;
      draw_event (cr, &event, grey, x - r, y, unit * 0.5);
      event.fatalities = 40;
      draw_event (cr, &event, grey, x + r * 0.3, y, unit * 0.5);
      break;
    case CHRONOMAP_LEGEND_KEY_AGE:
      draw_event (cr, &event, grey, x - r * 0.55, y, unit);
      cairo_push_group (cr);
      draw_event (cr, &event, grey, x + r * 0.75, y, unit);
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, 0.45);
      break;
    case CHRONOMAP_LEGEND_KEY_PIE:
      {
        const double greys[9] = { 0.35, 0.35, 0.38, 0.6, 0.6, 0.62, 0.82, 0.82, 0.84 };
        const guint counts[3] = { 3, 2, 1 };

        chronomap_render_fill_pie (cr, x, y, 6 * unit, greys, counts, 3, 0.95);
      }
      break;
    case CHRONOMAP_LEGEND_KEY_RING:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, grey[0], grey[1], grey[2], 0.25);
      cairo_fill (cr);
      event.geo_precision = CHRONOMAP_GEO_PRECISION_ADMIN2;
      draw_event (cr, &event, grey, x, y, unit * 0.8);
      break;
    case CHRONOMAP_LEGEND_KEY_GUESS:
    case CHRONOMAP_N_LEGEND_KEYS:
    default:
      event.guessed = TRUE;
      draw_event (cr, &event, grey, x, y, unit);
      break;
    }
}

/* Puts the towns' names of @labels out of the marks of @stacks on their
 * dots, and in a video on their way there as on the map. */
static void
place_names (GArray                    *labels,
             const GArray              *stacks,
             ChronomapEventStore       *store,
             const GArray              *indices,
             const ChronomapRenderView *view,
             double                     zoom,
             int                        width,
             int                        height,
             double                     mark_unit)
{
  g_autofree ChronomapBasemapMark *marks = g_new (ChronomapBasemapMark, MAX (stacks->len, 1));
  guint n_marks = 0;

  for (guint k = 0; k < stacks->len; k++)
    {
      const Stack *stack = &g_array_index (stacks, Stack, k);
      ChronomapBasemapMark *mark = &marks[n_marks];

      /* only those on the picture can cover a dot a name is drawn for */
      if (stack->count == 0 || stack->x < -50 * mark_unit || stack->y < -50 * mark_unit ||
          stack->x > width + 50 * mark_unit || stack->y > height + 50 * mark_unit)
        continue;
      mark->x = stack->x;
      mark->y = stack->y;
      mark->counted = stack->count > 1;
      if (stack->count > 1)
        mark->radius = stack_radius (stack, mark_unit) + 0.6 * mark_unit;
      else
        mark->radius = event_radius (chronomap_event_store_get_event (
                                       store, g_array_index (indices, guint32, stack->last)),
                                     mark_unit) + 1.25 * mark_unit;
      n_marks++;
    }
  chronomap_basemap_labels_clear_marks (labels, width, height, marks, n_marks);
  if (view->glides != NULL)
    chronomap_label_glides_apply (view->glides, labels, zoom, view->time, TRUE);
}

/* The font size, @size at most, at which draw_label() puts @text in a
 * box @max_width wide; no less than @least, where it may not fit. */
static double
fitting_size (cairo_t    *cr,
              const char *text,
              double      size,
              double      least,
              double      max_width)
{
  cairo_text_extents_t extents;

  /* the text and its box's padding both grow with the size, about in
   * proportion: glyphs hinted to whole pixels grow in steps, so measure
   * again at the size found */
  for (int pass = 0; pass < 4 && size > least; pass++)
    {
      cairo_set_font_size (cr, size);
      cairo_text_extents (cr, text, &extents);
      if (extents.x_advance + 0.8 * size <= max_width || extents.x_advance <= 0)
        return size;
      size = MAX (least, MIN (size * 0.98, max_width / (extents.x_advance / size + 0.8)));
    }
  return size;
}

/* A label on a translucent box, anchored at (x, y) top-left. */
static void
draw_label (cairo_t    *cr,
            const char *text,
            double      x,
            double      y,
            double      size,
            gboolean    dark,
            double     *out_right,
            double     *out_bottom)
{
  cairo_text_extents_t extents;
  double pad = size * 0.4;

  cairo_set_font_size (cr, size);
  cairo_text_extents (cr, text, &extents);
  if (dark)
    cairo_set_source_rgba (cr, 0.12, 0.12, 0.14, 0.8);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, x, y, extents.x_advance + 2 * pad, size + 2 * pad);
  cairo_fill (cr);
  if (dark)
    cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
  else
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_move_to (cr, x + pad, y + pad + size * 0.8);
  cairo_show_text (cr, text);
  if (out_right != NULL)
    *out_right = x + extents.x_advance + 2 * pad;
  if (out_bottom != NULL)
    *out_bottom = y + size + 2 * pad;
}

/* The least a picture fitted to its events shows, in degrees each way. */
#define MIN_EXTENT_DEGREES 2.5

/* The same fit as chronomap_basemap_draw_bbox(), kept here so that the
 * events are projected onto exactly the basemap's pixels. */
static void
fit_view (const double  bbox[4],
          int           width,
          int           height,
          double       *zoom,
          double       *origin_x,
          double       *origin_y)
{
  double x0, y0, x1, y1, scale;

  chronomap_basemap_lat_lon_to_world (bbox[3], bbox[0], 0, &x0, &y0);
  chronomap_basemap_lat_lon_to_world (bbox[1], bbox[2], 0, &x1, &y1);
  *zoom = CLAMP (log2 (MIN (width / (x1 - x0), height / (y1 - y0))), 0.0, 18.0);
  scale = exp2 (*zoom);
  *origin_x = (x0 + x1) / 2 * scale - width / 2.0;
  *origin_y = (y0 + y1) / 2 * scale - height / 2.0;
}

/* The events of @store from @from to @to that @view draws: those its
 * mask keeps and, when it has an area (@have_bbox, fitted as @zoom and
 * the origin), those in it.  A given area shows only its events: those
 * outside it are neither counted in the caption nor listed in the
 * legend. */
static GArray *
select_events (ChronomapEventStore       *store,
               const ChronomapRenderView *view,
               gint32                     from,
               gint32                     to,
               gboolean                   have_bbox,
               double                     zoom,
               double                     origin_x,
               double                     origin_y)
{
  GArray *indices = chronomap_event_store_query (store, from, to);
  guint kept = 0;

  for (guint i = 0; i < indices->len; i++)
    {
      guint32 index = g_array_index (indices, guint32, i);

      if (view->mask != NULL && (index >= view->mask_len || !view->mask[index]))
        continue;
      if (have_bbox)
        {
          const ChronomapEvent *event = chronomap_event_store_get_event (store, index);
          double wx, wy;

          if (isnan (event->latitude))
            continue;
          chronomap_basemap_lat_lon_to_world (event->latitude, event->longitude, zoom, &wx, &wy);
          if (wx - origin_x < 0 || wx - origin_x > view->width || wy - origin_y < 0 ||
              wy - origin_y > view->height)
            continue;
        }
      g_array_index (indices, guint32, kept++) = index;
    }
  g_array_set_size (indices, kept);
  return indices;
}

/* The types of the placed events of @indices, the most frequent first,
 * and (when @extent is not %NULL) their west, south, east and north;
 * west is greater than east when none is placed. */
static GArray *
count_types (ChronomapEventStore *store,
             GArray              *indices,
             double              *extent)
{
  GArray *counts = g_array_new (FALSE, FALSE, sizeof (TypeCount));
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  double west = 180, east = -180, south = 90, north = -90;

  for (guint i = 0; i < indices->len; i++)
    {
      const ChronomapEvent *event =
        chronomap_event_store_get_event (store, g_array_index (indices, guint32, i));
      gpointer found;

      if (isnan (event->latitude))
        continue;
      west = MIN (west, event->longitude);
      east = MAX (east, event->longitude);
      south = MIN (south, event->latitude);
      north = MAX (north, event->latitude);
      if (g_hash_table_lookup_extended (index, GUINT_TO_POINTER (event->event_type), NULL, &found))
        g_array_index (counts, TypeCount, GPOINTER_TO_UINT (found)).count++;
      else
        {
          TypeCount tc = { event->event_type, 1 };

          g_hash_table_insert (index, GUINT_TO_POINTER (event->event_type),
                               GUINT_TO_POINTER (counts->len));
          g_array_append_val (counts, tc);
        }
    }
  g_array_sort_with_data (counts, compare_counts, store);
  if (extent != NULL)
    {
      extent[0] = west;
      extent[1] = south;
      extent[2] = east;
      extent[3] = north;
    }
  return counts;
}

/**
 * chronomap_render_attribution:
 * @store: the events drawn
 * @more: (nullable): what else to credit, last
 *
 * The credit line of a drawn map: the data set's own credit, else its
 * title, else its file's name (never the folders it lies in, which a
 * published image must not show), then the basemap's, then @more (the
 * analyst's gazetteers that placed events).
 *
 * Returns: (transfer full): the line
 */
char *
chronomap_render_attribution (ChronomapEventStore *store,
                              const char          *more)
{
  ChronomapDatabase *db = chronomap_event_store_get_database (store);
  g_autofree char *title = chronomap_database_get_metadata (db, "title");
  g_autofree char *credit = chronomap_database_get_metadata (db, "attribution");
  g_autofree char *file = g_path_get_basename (chronomap_database_get_display_name (db));

  return g_strdup_printf ("%s · %s%s%s", credit != NULL ? credit : title != NULL ? title : file,
                          chronomap_basemap_get_attribution (),
                          more != NULL ? " · " : "", more != NULL ? more : "");
}

struct _ChronomapRenderBackdrop
{
  cairo_surface_t       *surface;
  ChronomapBasemapStyle  style;
  double                 zoom, origin_x, origin_y, scale;
  int                    width, height;
  /* the span's types (the legend's rows), keys and extent, and what they
   * are of */
  GArray                *span_counts;
  guint                  span_looks;
  double                 span_extent[4];
  gint32                 span_from, span_to;
  const guint8          *span_mask;
  gsize                  span_mask_len;
  gboolean               span_have_bbox;
  double                 span_bbox[4];
  int                    span_width, span_height;
};

/**
 * chronomap_render_backdrop_new:
 *
 * Returns: (transfer full): an empty backdrop, to set as the
 *   #ChronomapRenderView's of an animation's frames
 */
ChronomapRenderBackdrop *
chronomap_render_backdrop_new (void)
{
  return g_new0 (ChronomapRenderBackdrop, 1);
}

void
chronomap_render_backdrop_free (ChronomapRenderBackdrop *backdrop)
{
  if (backdrop == NULL)
    return;
  g_clear_pointer (&backdrop->surface, cairo_surface_destroy);
  g_clear_pointer (&backdrop->span_counts, g_array_unref);
  g_free (backdrop);
}

/* The types of an animation's whole span, the most frequent first, and
 * the extent of its placed events: counted once and kept in the view's
 * backdrop, as they are the same for every frame. */
static GArray *
span_types (ChronomapEventStore       *store,
            const ChronomapRenderView *view,
            gboolean                   have_bbox,
            double                     zoom,
            double                     origin_x,
            double                     origin_y,
            double                    *extent,
            guint                     *out_looks)
{
  ChronomapRenderBackdrop *kept = view->backdrop;
  g_autoptr(GArray) indices = NULL;
  GArray *counts;

  if (kept != NULL && kept->span_counts != NULL && kept->span_from == view->span_from &&
      kept->span_to == view->span_to && kept->span_mask == view->mask &&
      kept->span_mask_len == view->mask_len && kept->span_have_bbox == have_bbox &&
      (!have_bbox || (memcmp (kept->span_bbox, view->bbox, sizeof kept->span_bbox) == 0 &&
                      kept->span_width == view->width && kept->span_height == view->height)))
    {
      memcpy (extent, kept->span_extent, sizeof kept->span_extent);
      *out_looks = kept->span_looks;
      return g_array_copy (kept->span_counts);
    }
  indices = select_events (store, view, view->span_from, view->span_to, have_bbox, zoom, origin_x,
                           origin_y);
  counts = count_types (store, indices, extent);
  /* every look a frame may show, so that the legend stays still */
  *out_looks = counts->len > 1 ? 1u << CHRONOMAP_LEGEND_KEY_PIE : 0;
  for (guint i = 0; i < indices->len; i++)
    *out_looks |= event_looks (chronomap_event_store_get_event (store, g_array_index (indices, guint32, i)));
  if (kept != NULL)
    {
      g_clear_pointer (&kept->span_counts, g_array_unref);
      kept->span_counts = g_array_copy (counts);
      kept->span_looks = *out_looks;
      memcpy (kept->span_extent, extent, sizeof kept->span_extent);
      kept->span_from = view->span_from;
      kept->span_to = view->span_to;
      kept->span_mask = view->mask;
      kept->span_mask_len = view->mask_len;
      kept->span_have_bbox = have_bbox;
      memcpy (kept->span_bbox, view->bbox, sizeof kept->span_bbox);
      kept->span_width = view->width;
      kept->span_height = view->height;
    }
  return counts;
}

/* The basemap from @backdrop, drawn there first when it holds another
 * view's: every frame of an animation shares one. */
static void
draw_backdrop (ChronomapRenderBackdrop *backdrop,
               ChronomapBasemap        *basemap,
               cairo_t                 *cr,
               ChronomapBasemapStyle    style,
               double                   zoom,
               double                   origin_x,
               double                   origin_y,
               int                      width,
               int                      height,
               double                   scale)
{
  if (backdrop->surface == NULL || backdrop->style != style || backdrop->zoom != zoom ||
      backdrop->origin_x != origin_x || backdrop->origin_y != origin_y ||
      backdrop->width != width || backdrop->height != height || backdrop->scale != scale)
    {
      cairo_t *bcr;

      g_clear_pointer (&backdrop->surface, cairo_surface_destroy);
      backdrop->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                      (int) ceil (width * scale),
                                                      (int) ceil (height * scale));
      cairo_surface_set_device_scale (backdrop->surface, scale, scale);
      bcr = cairo_create (backdrop->surface);
      chronomap_basemap_draw_layers (basemap, bcr, style,
                                     CHRONOMAP_BASEMAP_LAYER_ALL & ~CHRONOMAP_BASEMAP_LAYER_TOWN_LABELS,
                                     zoom, origin_x, origin_y, width, height);
      cairo_destroy (bcr);
      backdrop->style = style;
      backdrop->zoom = zoom;
      backdrop->origin_x = origin_x;
      backdrop->origin_y = origin_y;
      backdrop->width = width;
      backdrop->height = height;
      backdrop->scale = scale;
    }
  cairo_save (cr);
  cairo_set_source_surface (cr, backdrop->surface, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/**
 * chronomap_render_view_draw_keys:
 * @out_keys: (out) (optional): the #ChronomapLegendKey looks of the marks
 *   drawn, a bit each (1 << key), which the picture's legend explains
 *
 * chronomap_render_view_draw(), saying which keys the legend lists.
 *
 * Returns: %TRUE, or %FALSE when @cr is in an error state afterwards
 */
gboolean
chronomap_render_view_draw_keys (ChronomapEventStore       *store,
                                 ChronomapBasemap          *basemap,
                                 const ChronomapRenderView *view,
                                 cairo_t                   *cr,
                                 guint                     *out_n_drawn,
                                 guint                     *out_keys)
{
  g_autoptr(GArray) indices = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GHashTable) slots = NULL;
  g_autofree guint *colors = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *attribution = NULL;
  ChronomapBasemapStyle style = view->style;
  gint32 from = view->from, to = view->to;
  int width = view->width, height = view->height;
  double bbox[4], extent[4];
  gboolean have_bbox = view->have_bbox;
  double zoom, origin_x, origin_y, unit, mark_unit;
  double caption_right, caption_bottom;
  guint n_drawn = 0;
  guint looks = 0;   /* the legend keys the marks drawn need, a bit each */
  guint span_looks = 0;
  g_autofree char *from_label = NULL;
  g_autofree char *to_label = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (basemap != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  memcpy (bbox, view->bbox, sizeof bbox);
  if (have_bbox)
    fit_view (bbox, width, height, &zoom, &origin_x, &origin_y);

  /* The events in the window; for a frame of an animation, those of the
   * whole span too, which choose the legend, the colours and the view. */
  indices = select_events (store, view, from, to, have_bbox, zoom, origin_x, origin_y);
  if (!view->have_span)
    counts = count_types (store, indices, extent);
  else
    {
      /* the legend's rows stay; their numbers are the frame's */
      g_autoptr(GArray) frame_counts = count_types (store, indices, NULL);

      counts = span_types (store, view, have_bbox, zoom, origin_x, origin_y, extent, &span_looks);

      for (guint i = 0; i < counts->len; i++)
        {
          TypeCount *tc = &g_array_index (counts, TypeCount, i);

          tc->count = 0;
          for (guint j = 0; j < frame_counts->len; j++)
            if (g_array_index (frame_counts, TypeCount, j).type == tc->type)
              tc->count = g_array_index (frame_counts, TypeCount, j).count;
        }
    }
  slots = g_hash_table_new (NULL, NULL);
  {
    g_autofree const char **names = g_new0 (const char *, counts->len + 1);

    colors = g_new0 (guint, counts->len + 1);
    for (guint i = 0; i < counts->len; i++)
      names[i] = chronomap_event_store_get_string (store, g_array_index (counts, TypeCount, i).type);
    chronomap_render_assign_colors (names, counts->len, colors);
  }
  for (guint i = 0; i < counts->len; i++)
    g_hash_table_insert (slots, GUINT_TO_POINTER (g_array_index (counts, TypeCount, i).type),
                         GUINT_TO_POINTER (colors[i]));

  if (!have_bbox)
    {
      double west = extent[0], south = extent[1], east = extent[2], north = extent[3];

      if (west > east)
        {
          /* Nothing to show: the world. */
          bbox[0] = -180, bbox[1] = -60, bbox[2] = 180, bbox[3] = 80;
        }
      else
        {
          /* A margin of a tenth, and at least a region across
           * (MIN_EXTENT_DEGREES), so that events at one town or two show
           * the towns and rivers around them, as the app's map does,
           * rather than a blank field 50 km wide. */
          double pad_x = MAX ((east - west) * 0.1, (MIN_EXTENT_DEGREES - (east - west)) / 2);
          double pad_y = MAX ((north - south) * 0.1, (MIN_EXTENT_DEGREES - (north - south)) / 2);

          bbox[0] = MAX (-180, west - pad_x);
          bbox[1] = MAX (-85, south - pad_y);
          bbox[2] = MIN (180, east + pad_x);
          bbox[3] = MIN (85, north + pad_y);
        }
    }

  if (!have_bbox)
    fit_view (bbox, width, height, &zoom, &origin_x, &origin_y);
  /* text no smaller than a caption on screen, marks no smaller than the
   * app's; both larger for print */
  unit = MAX (0.75, MIN (width, height) / 900.0);
  mark_unit = MAX (1.0, unit);


  if (view->backdrop != NULL)
    draw_backdrop (view->backdrop, basemap, cr, style, zoom, origin_x, origin_y, width, height,
                   view->scale > 0 ? view->scale : 1);
  else
    chronomap_basemap_draw_layers (basemap, cr, style,
                                   CHRONOMAP_BASEMAP_LAYER_ALL & ~CHRONOMAP_BASEMAP_LAYER_TOWN_LABELS,
                                   zoom, origin_x, origin_y, width, height);

  /* Events in time order, so the latest are on top; the soft areas of
   * coarse places in a first pass, under every mark. */
  {
    g_autoptr(GArray) labels = chronomap_basemap_get_labels (basemap, zoom, origin_x, origin_y,
                                                             width, height);
    g_autoptr(GHashTable) drawn = g_hash_table_new (NULL, NULL);
    /* events of one cell of the map's grid: one disc with their count,
     * as the map's clusters; cell -> index into stacks */
    g_autoptr(GHashTable) at = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autoptr(GArray) stacks = g_array_new (FALSE, TRUE, sizeof (Stack));
    g_autofree gint64 *keys = g_new (gint64, MAX (indices->len, 1));
    g_autofree guint *stack_of = g_new0 (guint, MAX (indices->len, 1));
    double cell = (zoom >= CELL_HIGH_AT ? CELL_HIGH_ZOOM : CELL_LOW_ZOOM) * mark_unit;

    for (guint pass = 0; pass < 2; pass++)
      {
        /* once the stacks are known, crowded ones folded together as on
         * the map, the names out of their marks: a count a name will
         * cover is drawn over the name instead */
        if (pass == 1)
          {
            fold_crowded_stacks (stacks, at);
            for (guint k = 0; k < stacks->len; k++)
              {
                Stack *stack = &g_array_index (stacks, Stack, k);

                if (stack->count == 0)
                  continue;
                stack->x = stack->sum_x / stack->count - origin_x;
                stack->y = stack->sum_y / stack->count - origin_y;
              }
            /* an event off the map (no place) has no stack */
            for (guint i = 0; i < indices->len && stacks->len > 0; i++)
              while (stack_of[i] < stacks->len && g_array_index (stacks, Stack, stack_of[i]).into != 0)
                stack_of[i] = g_array_index (stacks, Stack, stack_of[i]).into - 1;
            place_names (labels, stacks, store, indices, view, zoom, width, height, mark_unit);
          }
        for (guint i = 0; i < indices->len; i++)
          {
            const ChronomapEvent *event =
              chronomap_event_store_get_event (store, g_array_index (indices, guint32, i));
            guint slot;
            double wx, wy;

            if (isnan (event->latitude))
              continue;
            chronomap_basemap_lat_lon_to_world (event->latitude, event->longitude, zoom, &wx, &wy);
            slot = GPOINTER_TO_UINT (g_hash_table_lookup (slots, GUINT_TO_POINTER (event->event_type)));
            if (pass == 0)
              {
                gpointer k;
                Stack *stack;

                draw_area (cr, drawn, event, chronomap_render_palette[slot], wx - origin_x,
                           wy - origin_y, meters_per_px (event->latitude, zoom), mark_unit);
                keys[i] = cell_key ((gint64) floor (wx / cell), (gint64) floor (wy / cell));
                if (!g_hash_table_lookup_extended (at, &keys[i], NULL, &k))
                  {
                    k = GUINT_TO_POINTER (stacks->len);
                    g_array_set_size (stacks, stacks->len + 1);
                    g_hash_table_insert (at, &keys[i], k);
                    stack = &g_array_index (stacks, Stack, GPOINTER_TO_UINT (k));
                    stack->cell_x = (gint64) floor (wx / cell);
                    stack->cell_y = (gint64) floor (wy / cell);
                  }
                stack_of[i] = GPOINTER_TO_UINT (k);
                stack = &g_array_index (stacks, Stack, GPOINTER_TO_UINT (k));
                stack->sum_x += wx;
                stack->sum_y += wy;
                stack->count++;
                stack->fatalities += MAX (event->fatalities, 0);
                stack->slot_counts[slot]++;
                stack->last = i;
                n_drawn++;
              }
            else
              {
                Stack *stack = &g_array_index (stacks, Stack, stack_of[i]);

                double opacity = 1;

                /* a stack is drawn once, where its latest event is */
                if (stack->last != i)
                  continue;
                /* as the map fades: from 0.95 for the window's last day
                 * down to 0.4 for its first */
                if (view->fade && to > from)
                  opacity = (0.4 + 0.55 * CLAMP ((double) (MIN (event->end, to) - from) / (to - from),
                                                 0.0, 1.0)) / 0.95;
                stack->opacity = opacity;
                looks |= stack_looks (stack, event);
                if (opacity < 1)
                  cairo_push_group (cr);
                if (stack->count == 1)
                  draw_event (cr, event, chronomap_render_palette[slot], stack->x, stack->y, mark_unit);
                else
                  draw_stack (cr, stack, mark_unit, !count_under_label (stack, mark_unit, labels));
                if (opacity < 1)
                  {
                    cairo_pop_group_to_source (cr);
                    cairo_paint_with_alpha (cr, opacity);
                  }
              }
          }
      }

    /* the towns' names over the discs, as the app's map draws them (a
     * city's name must not vanish under what happened there), and again
     * over the names the counts they cover (the others stay under the
     * discs drawn after theirs): drawn once, there, a faded disc's count
     * is as faint as its disc */
    chronomap_basemap_draw_town_labels (basemap, cr, style, labels);
    for (guint k = 0; k < stacks->len; k++)
      {
        const Stack *stack = &g_array_index (stacks, Stack, k);

        if (stack->count < 2 || !count_under_label (stack, mark_unit, labels))
          continue;
        if (stack->opacity < 1)
          cairo_push_group (cr);
        draw_stack_count (cr, stack, mark_unit);
        if (stack->opacity < 1)
          {
            cairo_pop_group_to_source (cr);
            cairo_paint_with_alpha (cr, stack->opacity);
          }
      }
  }

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);

  /* The caption: the window and how many events it holds. */
  /* dates and type names as the app writes them, in the user's language */
  from_label = chronomap_date_label (from, CHRONOMAP_DATE_PRECISION_DAY);
  to_label = chronomap_date_label (to, CHRONOMAP_DATE_PRECISION_DAY);
  caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s – %s · %u event on the map",
                                          "%s – %s · %u events on the map", n_drawn),
                             from_label, to_label, n_drawn);
  /* smaller where a narrow picture has no room for it whole */
  draw_label (cr, caption, 16 * unit, 16 * unit,
              fitting_size (cr, caption, 26 * unit, 10, width - 32 * unit),
              style == CHRONOMAP_BASEMAP_STYLE_DARK, &caption_right, &caption_bottom);

  /* an animation's legend stays still from frame to frame: the looks of
   * its whole span */
  if (view->have_span)
    looks = span_looks | (view->fade ? 1u << CHRONOMAP_LEGEND_KEY_AGE : 0);

  /* The legend, top right: one swatch a slot, then what the looks of
   * the marks drawn say, as the app's legend does. */
  {
    double size = 18 * unit, line = size * 1.6, box_w = 0, x, y = 16 * unit;
    double key_size = size * 0.8, key_line = size * 1.45, box_h;
    guint n_rows = MIN (counts->len, N_SLOTS), n_keys = 0;
    ChronomapLegendKey keys[CHRONOMAP_N_LEGEND_KEYS];
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
    gboolean dark = style == CHRONOMAP_BASEMAP_STYLE_DARK;
    gboolean empty[N_SLOTS] = { FALSE };

    cairo_set_font_size (cr, size);
    for (guint i = 0; i < n_rows; i++)
      {
        const TypeCount *tc = &g_array_index (counts, TypeCount, i);
        guint count = tc->count;
        char *label;
        cairo_text_extents_t extents;

        if (i == N_SLOTS - 1)
            for (guint j = i + 1; j < counts->len; j++)
              count += g_array_index (counts, TypeCount, j).count;
        /* an animation keeps its rows still; a type with no event in this
         * frame is there, faint and uncounted, rather than "(0)" */
        empty[i] = count == 0;
        if (i == N_SLOTS - 1 && counts->len > N_SLOTS)
          label = count == 0 ? g_strdup (_("Other")) : g_strdup_printf (_("Other (%u)"), count);
        else if (count == 0)
          label = g_strdup (type_label (store, tc->type));
        else
          label = g_strdup_printf ("%s (%u)", type_label (store, tc->type), count);
        cairo_text_extents (cr, label, &extents);
        box_w = MAX (box_w, extents.x_advance);
        g_ptr_array_add (labels, label);
      }
    cairo_set_font_size (cr, key_size);
    for (ChronomapLegendKey k = 0; k < CHRONOMAP_N_LEGEND_KEYS && n_rows > 0; k++)
      if (looks & (1u << k))
        {
          cairo_text_extents_t extents;

          cairo_text_extents (cr, chronomap_legend_key_label (k), &extents);
          box_w = MAX (box_w, extents.x_advance + size * 0.6);
          keys[n_keys++] = k;
        }
    cairo_set_font_size (cr, size);
    if (n_rows > 0)
      {
        box_w += size * 2.4;
        box_h = n_rows * line + size * 0.6 + (n_keys > 0 ? n_keys * key_line + size * 0.3 : 0);
        x = width - 16 * unit - box_w;
        /* under the caption where a long one reaches it (a narrow image,
         * long type names): the dates must stay readable */
        if (x < caption_right + 8 * unit)
          y = caption_bottom + 8 * unit;
        if (style == CHRONOMAP_BASEMAP_STYLE_DARK)
          cairo_set_source_rgba (cr, 0.12, 0.12, 0.14, 0.8);
        else
          cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
        cairo_rectangle (cr, x, y, box_w, box_h);
        cairo_fill (cr);
        for (guint i = 0; i < n_rows; i++)
          {
            double cy = y + size * 0.3 + line * (i + 0.5);

            double alpha = empty[i] ? 0.4 : 1.0;

            cairo_arc (cr, x + size * 0.9, cy, size * 0.4, 0, 2 * G_PI);
            cairo_set_source_rgba (cr, chronomap_render_palette[colors[i]][0],
                                   chronomap_render_palette[colors[i]][1],
                                   chronomap_render_palette[colors[i]][2], alpha);
            cairo_fill (cr);
            if (style == CHRONOMAP_BASEMAP_STYLE_DARK)
              cairo_set_source_rgba (cr, 0.95, 0.95, 0.95, alpha);
            else
              cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, alpha);
            cairo_move_to (cr, x + size * 1.8, cy + size * 0.35);
            cairo_show_text (cr, labels->pdata[i]);
          }
        cairo_set_font_size (cr, key_size);
        for (guint k = 0; k < n_keys; k++)
          {
            double cy = y + size * 0.6 + n_rows * line + key_line * (k + 0.5);

            draw_key_marks (cr, keys[k], x + size * 1.05, cy, size * 0.55, dark);
            /* dimmer than the types, as in the app */
            if (dark)
              cairo_set_source_rgb (cr, 0.72, 0.72, 0.74);
            else
              cairo_set_source_rgb (cr, 0.36, 0.36, 0.38);
            cairo_move_to (cr, x + size * 2.4, cy + key_size * 0.35);
            cairo_show_text (cr, chronomap_legend_key_label (keys[k]));
          }
      }
  }

  /* The attributions, bottom right, the data set's, then the basemap's,
   * right of the scale bar; in a picture too narrow for both on a line,
   * the whole width under it. */
  attribution = view->attribution != NULL ? g_strdup (view->attribution)
                                           : chronomap_render_attribution (store, view->credit);
  {
    cairo_text_extents_t extents;
    gboolean dark = style == CHRONOMAP_BASEMAP_STYLE_DARK;
    double mpp = meters_per_px ((bbox[1] + bbox[3]) / 2, zoom);
    double size, y, bar_bottom = height;

    size = fitting_size (cr, attribution, 14 * unit, 8, width - 16 * unit - scale_bar_right (mpp, unit));
    if (size < 10)
      {
        size = fitting_size (cr, attribution, 14 * unit, 7, width - 16 * unit);
        bar_bottom = height - size * 1.8 - 8 * unit;
      }
    draw_scale_bar (cr, mpp, bar_bottom, unit, dark);
    cairo_set_font_size (cr, size);
    cairo_text_extents (cr, attribution, &extents);
    y = height - size * 1.8 - 8 * unit;
    draw_label (cr, attribution, width - extents.x_advance - size * 0.8 - 8 * unit, y, size, dark,
                NULL, NULL);
  }

  if (out_n_drawn != NULL)
    *out_n_drawn = n_drawn;
  if (out_keys != NULL)
    *out_keys = looks;
  return cairo_status (cr) == CAIRO_STATUS_SUCCESS;
}

/**
 * chronomap_render_view_draw:
 * @store: the events
 * @basemap: the offline basemap
 * @view: what to draw
 * @cr: a cairo context on a surface of @view's size
 * @out_n_drawn: (out) (optional): how many events were drawn
 *
 * Draws the map of @view onto @cr.
 *
 * Returns: %TRUE, or %FALSE when @cr is in an error state afterwards
 */
gboolean
chronomap_render_view_draw (ChronomapEventStore       *store,
                            ChronomapBasemap          *basemap,
                            const ChronomapRenderView *view,
                            cairo_t                   *cr,
                            guint                     *out_n_drawn)
{
  return chronomap_render_view_draw_keys (store, basemap, view, cr, out_n_drawn, NULL);
}

/**
 * chronomap_render_image_suffix:
 * @path: a file name
 *
 * The picture format @path's suffix names, in any case: "map.PDF" is a
 * PDF.
 *
 * Returns: (nullable): ".png", ".svg" or ".pdf", or %NULL for none of them
 */
const char *
chronomap_render_image_suffix (const char *path)
{
  static const char * const suffixes[] = { ".png", ".svg", ".pdf" };
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  len = strlen (path);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (len > 4 && g_ascii_strcasecmp (path + len - 4, suffixes[i]) == 0)
      return suffixes[i];
  return NULL;
}

/**
 * chronomap_render_view_to_file:
 * @path: where to write; the format follows its suffix, .png, .svg or .pdf
 * @out_n_drawn: (out) (optional): how many events were drawn
 *
 * Draws the map of @view into a PNG, SVG or PDF file; a PNG has
 * @view's scale times its width and height in pixels.
 *
 * Returns: whether the file was written
 */
gboolean
chronomap_render_view_to_file (ChronomapEventStore       *store,
                               ChronomapBasemap          *basemap,
                               const ChronomapRenderView *view,
                               const char                *path,
                               guint                     *out_n_drawn,
                               GError                   **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  const char *suffix;
  gboolean vector;
  double scale;

  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (view->scale == 0 || (view->scale >= 0.25 && view->scale <= 8), FALSE);

  /* said as such, not as cairo's "error while writing to output stream" */
  {
    g_autofree char *dir = g_path_get_dirname (path);

    if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
      {
        g_autofree char *display = g_filename_display_name (dir);

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: no such folder"), display);
        return FALSE;
      }
  }
  suffix = chronomap_render_image_suffix (path);
  vector = g_strcmp0 (suffix, ".svg") == 0 || g_strcmp0 (suffix, ".pdf") == 0;
  scale = view->scale > 0 ? view->scale : 1;
  if (g_strcmp0 (suffix, ".svg") == 0)
    surface = cairo_svg_surface_create (path, view->width, view->height);
  else if (g_strcmp0 (suffix, ".pdf") == 0)
    surface = cairo_pdf_surface_create (path, view->width, view->height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                          (int) ceil (view->width * scale),
                                          (int) ceil (view->height * scale));
  cr = cairo_create (surface);
  if (!vector)
    cairo_scale (cr, scale, scale);
  if (vector && view->backdrop != NULL)
    {
      ChronomapRenderView sharp = *view;

      sharp.backdrop = NULL;
      chronomap_render_view_draw (store, basemap, &sharp, cr, out_n_drawn);
    }
  else
    chronomap_render_view_draw (store, basemap, view, cr, out_n_drawn);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (vector)
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
      else
        status = cairo_surface_write_to_png (surface, path);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot be written: %s", display,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * chronomap_render_window_start:
 * @view: an animation's view (its span is read)
 * @window: (nullable): how much a frame shows; %NULL for everything from
 *   the span's start
 * @to: the frame's last day
 *
 * Returns: the first day a frame of the animation that ends on @to shows
 */
gint32
chronomap_render_window_start (const ChronomapRenderView *view,
                               const ChronomapDateStep   *window,
                               gint32                     to)
{
  g_return_val_if_fail (view != NULL, to);

  if (window == NULL)
    return view->span_from;
  return MAX (chronomap_date_step_add (to + 1, window, -1), view->span_from);
}

/* The last days of an animation's first picture and of its last: the
 * first ends with the span's first step, or its first window when that
 * is shorter (a month shown, a year a step: January, not December); the
 * last ends with the span, not a step past it. */
static void
animation_ends (const ChronomapRenderView *view,
                const ChronomapDateStep   *step,
                const ChronomapDateStep   *window,
                gint32                    *first_end,
                gint32                    *last_end)
{
  *first_end = chronomap_date_step_add (view->span_from, step, 1) - 1;
  if (window != NULL)
    *first_end = MIN (*first_end, chronomap_date_step_add (view->span_from, window, 1) - 1);
  *last_end = view->span_to;
}

/**
 * chronomap_render_step_end:
 * @view: an animation's view (its span is read)
 * @step: how far each step moves on
 * @window: (nullable): how much a picture shows; %NULL for everything
 *   from the span's start
 * @k: a step, from 0
 *
 * Returns: the last day the pictures of step @k show: the end of the
 *   span's first step, or of its first window when that is shorter,
 *   then @step further each step, until the span's end, where it stays
 */
gint32
chronomap_render_step_end (const ChronomapRenderView *view,
                           const ChronomapDateStep   *step,
                           const ChronomapDateStep   *window,
                           int                        k)
{
  gint32 first_end, last_end;

  g_return_val_if_fail (view != NULL && step != NULL, CHRONOMAP_DAY_INVALID);

  animation_ends (view, step, window, &first_end, &last_end);
  return MIN (chronomap_date_step_add (first_end + 1, step, k) - 1, last_end);
}

/**
 * chronomap_render_count_steps:
 * @view: an animation's view (its span is read)
 * @step: how far each step moves on
 * @window: (nullable): how much a picture shows, as for
 *   chronomap_render_step_end()
 *
 * Returns: how many steps an animation of @view's span has, the last
 *   one ending with the span, or -1 when more than
 *   %CHRONOMAP_RENDER_MAX_FRAMES
 */
int
chronomap_render_count_steps (const ChronomapRenderView *view,
                              const ChronomapDateStep   *step,
                              const ChronomapDateStep   *window)
{
  gint32 first_end, last_end;
  int n = 1;

  g_return_val_if_fail (view != NULL && step != NULL, -1);

  animation_ends (view, step, window, &first_end, &last_end);
  while (chronomap_date_step_add (first_end + 1, step, n - 1) - 1 < last_end)
    if (++n > CHRONOMAP_RENDER_MAX_FRAMES)
      return -1;
  return n;
}

/**
 * chronomap_render_frames:
 * @view: the frames' size, area, style and mask; its span (span_from,
 *   span_to) is the animation's period; its window is not used
 * @step: how far each frame moves on
 * @window: (nullable): how much each frame shows, up to the end of its
 *   step; %NULL for everything from the span's start ("Up to Now")
 * @folder: where to write frame-0001.png, frame-0002.png…; made if
 *   missing, refused if it already holds frame-0001.png (the frames of
 *   another animation would end up in the video)
 * @progress: (nullable): told after each frame, on this thread
 * @out_n_frames: (out) (optional): how many frames were written
 *
 * Writes the PNG frames of an animation, each with the span's legend and
 * colours and the window's older events paler, so that nothing jumps
 * from frame to frame.  Runs in the caller's thread.
 *
 * Returns: whether every frame was written
 */
gboolean
chronomap_render_frames (ChronomapEventStore       *store,
                         ChronomapBasemap          *basemap,
                         const ChronomapRenderView *view,
                         const ChronomapDateStep   *step,
                         const ChronomapDateStep   *window,
                         const char                *folder,
                         ChronomapRenderProgress    progress,
                         gpointer                   user_data,
                         GCancellable              *cancellable,
                         guint                     *out_n_frames,
                         GError                   **error)
{
  g_autofree char *first_frame = NULL;
  g_autofree char *display = NULL;
  g_autoptr(ChronomapRenderBackdrop) backdrop = NULL;
  ChronomapRenderView frame;
  int n_frames;

  g_return_val_if_fail (view != NULL && view->have_span, FALSE);
  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_n_frames != NULL)
    *out_n_frames = 0;
  display = g_filename_display_name (folder);
  n_frames = chronomap_render_count_steps (view, step, window);
  if (n_frames < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("More than %d frames at that step: choose a longer one"),
                   CHRONOMAP_RENDER_MAX_FRAMES);
      return FALSE;
    }
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", display,
                   g_strerror (saved));
      return FALSE;
    }
  first_frame = g_build_filename (folder, "frame-0001.png", NULL);
  if (g_file_test (first_frame, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already holds frames (frame-0001.png); choose an empty folder"), display);
      return FALSE;
    }

  frame = *view;
  frame.fade = TRUE;
  if (frame.backdrop == NULL)
    frame.backdrop = backdrop = chronomap_render_backdrop_new ();
  for (int k = 1; k <= n_frames; k++)
    {
      g_autofree char *name = g_strdup_printf ("frame-%04d.png", k);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      frame.to = chronomap_render_step_end (view, step, window, k - 1);
      frame.from = chronomap_render_window_start (view, window, frame.to);
      if (!chronomap_render_view_to_file (store, basemap, &frame, path, NULL, error))
        return FALSE;
      if (out_n_frames != NULL)
        *out_n_frames = k;
      if (progress != NULL)
        progress (k, n_frames, user_data);
    }
  return TRUE;
}
