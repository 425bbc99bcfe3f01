/* chronomap-basemap.c: the offline basemap, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here may run on several threads at once: the geometry is
 * read-only once loaded, and the label layouts are built once per zoom level
 * under a mutex and never change afterwards.
 */
#define G_LOG_DOMAIN "chronomap-basemap"

#include "config.h"

#include "chronomap-basemap.h"

#include <math.h>
#include <string.h>

#include "chronomap-basemap-data.h"
#include "chronomap-error.h"
#include "chronomap-paths.h"

/* Labels are laid out once per integer zoom up to this one; deeper views
 * reuse it, spread further apart. */
#define MAX_LABEL_ZOOM CHRONOMAP_BASEMAP_MAX_LABEL_ZOOM

/* Points closer than this (in pixels) to the last one drawn are skipped. */
#define MIN_SEGMENT_PX 0.45

/* Room kept free around each label so they never touch. */
#define LABEL_PADDING 3.0

#define DOT_RADIUS 2.4 /* its halo within CHRONOMAP_BASEMAP_DOT_REACH */
/* Between a town's dot and its name: the dot's radius and two pixels. */
#define NAME_GAP CHRONOMAP_BASEMAP_NAME_GAP
/* A town's name drawn over the events (chronomap_basemap_draw_label()):
 * its halo lets a mark under it show through, faded, where an opaque one
 * would hide a small mark whole. */
#define LABEL_OVER_HALO_ALPHA 0.6

/* ChronomapBasemapPlace.kind of a country's name */
#define COUNTRY 3

/* Country names are set in capitals spaced this much apart, the usual way
 * to tell an area's name from a point's. */
#define COUNTRY_LETTER_SPACING 1.6
#define COUNTRY_FONT_SIZE 10.5

/* Label positions 0-7 go around a town's dot; this one is a country's. */
#define CENTRED 8

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  Rgb sea;
  Rgb land;
  Rgb coast;
  Rgb border;
  Rgb river;
  Rgb text;
  Rgb text_capital;
  Rgb halo;
  Rgb dot;
} Palette;

/* Calm, low-contrast colours so the event overlays stay the loudest thing on
 * the map; the water hue is kept for the rivers so they read as water. */
static const Palette palettes[] = {
  [CHRONOMAP_BASEMAP_STYLE_LIGHT] = {
    .sea = { 0.827, 0.863, 0.886 },
    .land = { 0.965, 0.957, 0.937 },
    .coast = { 0.690, 0.741, 0.776 },
    .border = { 0.640, 0.580, 0.630 },
    .river = { 0.620, 0.740, 0.840 },
    .text = { 0.290, 0.290, 0.310 },
    .text_capital = { 0.150, 0.150, 0.170 },
    .halo = { 0.975, 0.970, 0.955 },
    .dot = { 0.380, 0.380, 0.400 },
  },
  [CHRONOMAP_BASEMAP_STYLE_DARK] = {
    .sea = { 0.106, 0.129, 0.153 },
    .land = { 0.188, 0.196, 0.208 },
    .coast = { 0.255, 0.310, 0.360 },
    .border = { 0.420, 0.380, 0.430 },
    .river = { 0.235, 0.340, 0.450 },
    .text = { 0.760, 0.760, 0.770 },
    .text_capital = { 0.880, 0.880, 0.890 },
    .halo = { 0.140, 0.150, 0.165 },
    .dot = { 0.700, 0.700, 0.720 },
  },
};

typedef struct
{
  guint  place;
  double px, py;        /* the place, in world pixels at the layout's zoom */
  double bx0, by0;      /* the box (dot and text) relative to the place */
  double bx1, by1;
  double tx, ty;        /* the text origin relative to the place */
  double nx0, ny0;      /* the name's box relative to the place */
  double nw, nh;
  double font_size;
  gboolean bold;
} PlacedLabel;

struct _ChronomapBasemap
{
  GObject               parent_instance;

  ChronomapBasemapData *data;

  GMutex                label_lock;
  GArray               *layouts[MAX_LABEL_ZOOM + 1];

  /* Regular and bold, made once: cairo font faces may be shared between
   * threads. */
  cairo_font_face_t    *fonts[2];
};

G_DEFINE_FINAL_TYPE (ChronomapBasemap, chronomap_basemap, G_TYPE_OBJECT)

static void
set_rgb (cairo_t   *cr,
         const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static void
set_rgba (cairo_t   *cr,
          const Rgb *c,
          double     alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, alpha);
}

static guint
lod_for_zoom (double zoom)
{
  if (zoom < 3.0)
    return 0;
  if (zoom < 6.0)
    return 1;
  return 2;
}

typedef struct
{
  double ox, oy;     /* view origin in world pixels */
  double scale;      /* world units to pixels */
  double x0, y0, x1, y1;  /* visible area in world units, with a margin */
} View;

static void
view_init (View   *v,
           double  zoom,
           double  world_x,
           double  world_y,
           int     width,
           int     height,
           double  margin_px)
{
  v->scale = CHRONOMAP_BASEMAP_TILE_SIZE * exp2 (zoom);
  v->ox = world_x;
  v->oy = world_y;
  v->x0 = (world_x - margin_px) / v->scale;
  v->y0 = (world_y - margin_px) / v->scale;
  v->x1 = (world_x + width + margin_px) / v->scale;
  v->y1 = (world_y + height + margin_px) / v->scale;
}

static gboolean
part_visible (const View                 *v,
              const ChronomapBasemapPart *part)
{
  return !(part->x1 < v->x0 || part->x0 > v->x1 || part->y1 < v->y0 || part->y0 > v->y1);
}

/* Adds one run of points to the path, skipping points that would move the pen
 * less than MIN_SEGMENT_PX; points on the edges of a polygon piece's grid cell
 * are always kept, so neighbouring pieces still meet exactly. */
static void
add_run (cairo_t                     *cr,
         const View                  *v,
         const ChronomapBasemapLayer *layer,
         const ChronomapBasemapPart  *part,
         gboolean                     close)
{
  const ChronomapWorldPoint *pts = layer->points + part->first;
  double lx, ly;
  double cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0;
  gboolean gridded = layer->grid_size > 1;

  if (gridded)
    {
      double size = 1.0 / layer->grid_size;

      cx0 = (part->cell % layer->grid_size) * size;
      cy0 = (part->cell / layer->grid_size) * size;
      cx1 = cx0 + size;
      cy1 = cy0 + size;
    }

  lx = pts[0].x * v->scale - v->ox;
  ly = pts[0].y * v->scale - v->oy;
  cairo_move_to (cr, lx, ly);
  for (guint i = 1; i < part->n_points; i++)
    {
      double x = pts[i].x * v->scale - v->ox;
      double y = pts[i].y * v->scale - v->oy;

      if (i + 1 < part->n_points &&
          fabs (x - lx) < MIN_SEGMENT_PX && fabs (y - ly) < MIN_SEGMENT_PX &&
          !(gridded && (pts[i].x == cx0 || pts[i].x == cx1 ||
                        pts[i].y == cy0 || pts[i].y == cy1)))
        continue;
      cairo_line_to (cr, x, y);
      lx = x;
      ly = y;
    }
  if (close)
    cairo_close_path (cr);
}

static void
fill_land (cairo_t                     *cr,
           const View                  *v,
           const ChronomapBasemapLayer *land)
{
  guint g = land->grid_size;
  int cx0 = CLAMP ((int) floor (v->x0 * g), 0, (int) g - 1);
  int cy0 = CLAMP ((int) floor (v->y0 * g), 0, (int) g - 1);
  int cx1 = CLAMP ((int) floor (v->x1 * g), 0, (int) g - 1);
  int cy1 = CLAMP ((int) floor (v->y1 * g), 0, (int) g - 1);

  /* One path for all cells: the rasteriser then sees the pieces as one shape
   * and draws no hairline where they meet. */
  cairo_new_path (cr);
  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      {
        guint cell = cy * g + cx;

        for (guint i = 0; i < land->cell_count[cell]; i++)
          {
            const ChronomapBasemapPart *part = &land->parts[land->cell_first[cell] + i];

            if (part_visible (v, part))
              add_run (cr, v, land, part, TRUE);
          }
      }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_fill (cr);
}

static void
fill_lakes (cairo_t                     *cr,
            const View                  *v,
            const ChronomapBasemapLayer *lakes,
            const Palette               *palette)
{
  cairo_new_path (cr);
  for (guint i = 0; i < lakes->n_parts; i++)
    {
      const ChronomapBasemapPart *part = &lakes->parts[i];

      if (part_visible (v, part))
        add_run (cr, v, lakes, part, TRUE);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_rgb (cr, &palette->sea);
  cairo_fill_preserve (cr);
  set_rgb (cr, &palette->coast);
  cairo_stroke (cr);
}

static void
stroke_lines (cairo_t                     *cr,
              const View                  *v,
              const ChronomapBasemapLayer *layer,
              guint                        max_class)
{
  cairo_new_path (cr);
  for (guint i = 0; i < layer->n_parts; i++)
    {
      const ChronomapBasemapPart *part = &layer->parts[i];

      if ((max_class == 0 || part->cls <= max_class) && part_visible (v, part))
        add_run (cr, v, layer, part, FALSE);
    }
  cairo_stroke (cr);
}

/* Label eligibility: national capitals count four times their population
 * and regional seats twice, so that the places analysts orient by (Damascus,
 * Ar Raqqah, Deir ez-Zor) come before larger suburbs. */
static double
place_weight (const ChronomapBasemapPlace *place)
{
  double w = place->population;

  if (place->kind == 0)
    w *= 4.0;
  else if (place->kind == 1)
    w *= 2.0;
  return w;
}

static double
min_weight_for_zoom (int zoom)
{
  static const double table[] = {
    /* z0 */ 1e12, /* z1 */ 1e12, /* z2 */ 2.0e7, /* z3 */ 8.0e6,
    /* z4 */ 3.0e6, /* z5 */ 8.0e5, /* z6 */ 3.0e5, /* z7 */ 1.2e5,
    /* z8 */ 5.0e4,
  };

  if (zoom < (int) G_N_ELEMENTS (table))
    return table[zoom];
  return 0.0;
}

/* Country names (kind 3, area in km² for population) from zoom 3, for the
 * countries that are large enough at each zoom to hold their name, and not
 * past zoom 7, where towns name the ground well enough. */
static gboolean
place_eligible (const ChronomapBasemapPlace *place,
                int                          zoom)
{
  static const double min_area[] = {
    /* z0-2 */ G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE,
    /* z3 */ 1.2e6, /* z4 */ 2.5e5, /* z5 */ 6.0e4, /* z6 */ 8.0e3, /* z7 */ 2.0e3,
  };

  if (place->kind == COUNTRY)
    return zoom < (int) G_N_ELEMENTS (min_area) && place->population >= min_area[zoom];
  return place_weight (place) >= min_weight_for_zoom (zoom);
}

/* Countries first (largest first), then towns by weight: a country's name
 * is placed where it belongs and the towns make room for it. */
static int
compare_places_by_weight (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  const ChronomapBasemapPlace *places = user_data;
  const ChronomapBasemapPlace *pa = &places[*(const guint *) a];
  const ChronomapBasemapPlace *pb = &places[*(const guint *) b];
  double wa = place_weight (pa);
  double wb = place_weight (pb);

  if ((pa->kind == COUNTRY) != (pb->kind == COUNTRY))
    return pa->kind == COUNTRY ? -1 : 1;
  if (wa != wb)
    return wa > wb ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

static void
label_font (const ChronomapBasemapPlace *place,
            double                      *size,
            gboolean                    *bold)
{
  double w = place_weight (place);

  *bold = place->kind == 0;
  *size = w >= 8e6 ? 13.0 : w >= 1.5e6 ? 12.0 : 11.0;
  if (place->kind == COUNTRY)
    *size = COUNTRY_FONT_SIZE;
}

/* Width of text set with letter spacing, or draws it (adding each letter
 * to the current path from the current point) when draw is set. */
static double
spaced_text (cairo_t    *cr,
             const char *text,
             double      spacing,
             gboolean    draw)
{
  double width = 0.0, x0 = 0.0, y0 = 0.0;

  if (draw)
    cairo_get_current_point (cr, &x0, &y0);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char letter[8] = { 0, };
      cairo_text_extents_t ext;

      memcpy (letter, p, g_utf8_next_char (p) - p);
      if (draw)
        {
          cairo_move_to (cr, x0 + width, y0);
          cairo_text_path (cr, letter);
        }
      cairo_text_extents (cr, letter, &ext);
      width += ext.x_advance + spacing;
    }

  return MAX (width - spacing, 0.0);
}

static gboolean
boxes_overlap (double ax0, double ay0, double ax1, double ay1,
               double bx0, double by0, double bx1, double by1)
{
  return ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1;
}

/* Placed labels by cells of GRID_CELL pixels, so that checking a candidate
 * looks at its neighbours only. */
#define GRID_CELL 128.0

static gint64
grid_key (gint64 cx,
          gint64 cy)
{
  return (cx << 32) ^ cy;
}

static void
grid_add (GHashTable *grid,
          guint       index,
          double      x0,
          double      y0,
          double      x1,
          double      y1)
{
  for (gint64 cy = (gint64) floor (y0 / GRID_CELL); cy <= (gint64) floor (y1 / GRID_CELL); cy++)
    for (gint64 cx = (gint64) floor (x0 / GRID_CELL); cx <= (gint64) floor (x1 / GRID_CELL); cx++)
      {
        gint64 key = grid_key (cx, cy);
        GArray *cell = g_hash_table_lookup (grid, &key);

        if (cell == NULL)
          {
            cell = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (grid, g_memdup2 (&key, sizeof key), cell);
          }
        g_array_append_val (cell, index);
      }
}

static gboolean
grid_hits (GHashTable   *grid,
           const GArray *placed,
           double        x0,
           double        y0,
           double        x1,
           double        y1)
{
  for (gint64 cy = (gint64) floor (y0 / GRID_CELL); cy <= (gint64) floor (y1 / GRID_CELL); cy++)
    for (gint64 cx = (gint64) floor (x0 / GRID_CELL); cx <= (gint64) floor (x1 / GRID_CELL); cx++)
      {
        gint64 key = grid_key (cx, cy);
        GArray *cell = g_hash_table_lookup (grid, &key);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            const PlacedLabel *o = &g_array_index (placed, PlacedLabel,
                                                   g_array_index (cell, guint, i));

            if (boxes_overlap (x0, y0, x1, y1,
                               o->px + o->bx0, o->py + o->by0,
                               o->px + o->bx1, o->py + o->by1))
              return TRUE;
          }
      }
  return FALSE;
}

/* How many town dots (other than self's) lie in a box; dots of towns that
 * already have a label count too, as a name should not cover them either. */
static guint
count_dots (GHashTable                 *dots,
            const ChronomapBasemapData *data,
            double                      scale,
            guint                       self,
            double                      x0,
            double                      y0,
            double                      x1,
            double                      y1)
{
  guint n = 0;

  for (gint64 cy = (gint64) floor (y0 / GRID_CELL); cy <= (gint64) floor (y1 / GRID_CELL); cy++)
    for (gint64 cx = (gint64) floor (x0 / GRID_CELL); cx <= (gint64) floor (x1 / GRID_CELL); cx++)
      {
        gint64 key = grid_key (cx, cy);
        GArray *cell = g_hash_table_lookup (dots, &key);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            guint index = g_array_index (cell, guint, i);
            double x = data->places[index].x * scale, y = data->places[index].y * scale;

            if (index != self && x >= x0 && x <= x1 && y >= y0 && y <= y1)
              n++;
          }
      }
  return n;
}

/* Greedy placement over the whole world at one zoom level, in order of
 * weight: each place tries eight positions around its dot and keeps the first
 * that hits no label already placed.  Because the layout belongs to the zoom
 * level and not to a tile, a label that crosses a tile edge is drawn at the
 * same spot by both tiles and joins up seamlessly. */
static GArray *
build_layout (ChronomapBasemap *self,
              int               zoom)
{
  const ChronomapBasemapData *data = self->data;
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (PlacedLabel));
  g_autofree guint *order = g_new (guint, data->n_places);
  double scale = CHRONOMAP_BASEMAP_TILE_SIZE * exp2 (zoom);
  double world = scale;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GHashTable) grid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) dots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < data->n_places; i++)
    order[i] = i;
  g_qsort_with_data (order, data->n_places, sizeof (guint), compare_places_by_weight,
                     data->places);

  /* The dots of the towns this zoom may label, to keep names off them. */
  for (guint i = 0; i < data->n_places; i++)
    {
      const ChronomapBasemapPlace *place = &data->places[i];

      if (place->kind != COUNTRY && place_eligible (place, zoom))
        grid_add (dots, i, place->x * scale, place->y * scale, place->x * scale,
                  place->y * scale);
    }

  for (guint k = 0; k < data->n_places; k++)
    {
      const ChronomapBasemapPlace *place = &data->places[order[k]];
      PlacedLabel label = { 0, };
      cairo_text_extents_t ext;
      cairo_font_extents_t fext;
      double w, h, gap = NAME_GAP;
      guint n_positions = 8;
      PlacedLabel best = { 0, };
      guint best_covered = G_MAXUINT;

      if (!place_eligible (place, zoom))
        continue;

      label.place = order[k];
      label.px = place->x * scale;
      label.py = place->y * scale;
      label_font (place, &label.font_size, &label.bold);
      cairo_set_font_face (cr, self->fonts[label.bold ? 1 : 0]);
      cairo_set_font_size (cr, label.font_size);
      cairo_text_extents (cr, place->name, &ext);
      cairo_font_extents (cr, &fext);
      w = ext.x_advance;
      h = fext.ascent + fext.descent;
      if (place->kind == COUNTRY)
        {
          /* centred on its point, no dot, nowhere else to go */
          w = spaced_text (cr, place->name, COUNTRY_LETTER_SPACING, FALSE);
          n_positions = 1;
        }

      for (guint pos = 0; pos < n_positions; pos++)
        {
          double tx0, ty0;
          gboolean free_spot = TRUE;

          switch (place->kind == COUNTRY ? CENTRED : pos)
            {
            case CENTRED:
              tx0 = -w / 2.0;
              ty0 = -h / 2.0;
              break;
            case 0: /* right */
              tx0 = gap;
              ty0 = -h / 2.0;
              break;
            case 1: /* left */
              tx0 = -gap - w;
              ty0 = -h / 2.0;
              break;
            case 2: /* above */
              tx0 = -w / 2.0;
              ty0 = -gap - h;
              break;
            case 3: /* below */
              tx0 = -w / 2.0;
              ty0 = gap;
              break;
            case 4: /* below right */
              tx0 = gap * 0.7;
              ty0 = gap * 0.2;
              break;
            case 5: /* above right */
              tx0 = gap * 0.7;
              ty0 = -gap * 0.2 - h;
              break;
            case 6: /* below left */
              tx0 = -gap * 0.7 - w;
              ty0 = gap * 0.2;
              break;
            default: /* above left */
              tx0 = -gap * 0.7 - w;
              ty0 = -gap * 0.2 - h;
              break;
            }

          /* The box always holds the dot too, so zooming in between layout
           * levels (which only spreads the dots) can never make boxes meet. */
          label.bx0 = MIN (tx0, -DOT_RADIUS);
          label.by0 = MIN (ty0, -DOT_RADIUS);
          label.bx1 = MAX (tx0 + w, DOT_RADIUS);
          label.by1 = MAX (ty0 + h, DOT_RADIUS);
          label.tx = tx0;
          label.ty = ty0 + fext.ascent;
          label.nx0 = tx0;
          label.ny0 = ty0;
          label.nw = w;
          label.nh = h;

          if (label.px + label.bx0 < 0 || label.px + label.bx1 > world ||
              label.py + label.by0 < 0 || label.py + label.by1 > world)
            continue;

          free_spot = !grid_hits (grid, placed,
                                  label.px + label.bx0 - LABEL_PADDING,
                                  label.py + label.by0 - LABEL_PADDING,
                                  label.px + label.bx1 + LABEL_PADDING,
                                  label.py + label.by1 + LABEL_PADDING);
          if (free_spot)
            {
              /* Of the free positions, take the first that covers the
               * fewest dots of places still to come: Beirut's name goes
               * out to sea rather than over Damascus. */
              guint covered = count_dots (dots, data, scale, order[k],
                                          label.px + label.bx0 - LABEL_PADDING,
                                          label.py + label.by0 - LABEL_PADDING,
                                          label.px + label.bx1 + LABEL_PADDING,
                                          label.py + label.by1 + LABEL_PADDING);

              if (covered < best_covered)
                {
                  best = label;
                  best_covered = covered;
                }
              if (covered == 0)
                break;
            }
        }

      if (best_covered != G_MAXUINT)
        {
          g_array_append_val (placed, best);
          grid_add (grid, placed->len - 1,
                    best.px + best.bx0, best.py + best.by0,
                    best.px + best.bx1, best.py + best.by1);
        }
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return placed;
}

static const GArray *
get_layout (ChronomapBasemap *self,
            int               zoom)
{
  GArray *layout;

  zoom = CLAMP (zoom, 0, MAX_LABEL_ZOOM);
  g_mutex_lock (&self->label_lock);
  if (self->layouts[zoom] == NULL)
    self->layouts[zoom] = build_layout (self, zoom);
  layout = self->layouts[zoom];
  g_mutex_unlock (&self->label_lock);

  return layout;
}

typedef void (*LabelFunc) (const PlacedLabel           *label,
                           guint                        id,
                           const ChronomapBasemapPlace *place,
                           double                       x,
                           double                       y,
                           gpointer                     user_data);

/* Calls func for every label whose box reaches into the view, with the
 * position of its place in view pixels. */
static void
foreach_visible_label (ChronomapBasemap *self,
                       double            zoom,
                       double            world_x,
                       double            world_y,
                       int               width,
                       int               height,
                       LabelFunc         func,
                       gpointer          user_data)
{
  int layout_zoom = CLAMP ((int) floor (zoom + 1e-9), 0, MAX_LABEL_ZOOM);
  const GArray *layout = get_layout (self, layout_zoom);
  double s = exp2 (zoom - layout_zoom);

  for (guint i = 0; i < layout->len; i++)
    {
      const PlacedLabel *label = &g_array_index (layout, PlacedLabel, i);
      double x = label->px * s - world_x;
      double y = label->py * s - world_y;

      if (x + label->bx1 < 0 || x + label->bx0 > width ||
          y + label->by1 < 0 || y + label->by0 > height)
        continue;
      func (label, ((guint) layout_zoom << 24) | i, &self->data->places[label->place], x, y,
            user_data);
    }
}

typedef struct
{
  cairo_t                *cr;
  const Palette          *palette;
  cairo_font_face_t     **fonts;
  ChronomapBasemapLayers  layers;
  double                  halo_alpha;
  gboolean                no_dot;
  gboolean                no_name;
} DrawLabels;

static void
draw_label_cb (const PlacedLabel           *label,
               guint                        id,
               const ChronomapBasemapPlace *place,
               double                       x,
               double                       y,
               gpointer                     user_data)
{
  DrawLabels *d = user_data;
  cairo_t *cr = d->cr;

  if (!(d->layers & (place->kind == COUNTRY ? CHRONOMAP_BASEMAP_LAYER_COUNTRY_LABELS
                                            : CHRONOMAP_BASEMAP_LAYER_TOWN_LABELS)))
    return;
  if (place->kind == COUNTRY)
    {
      const Rgb *c = &d->palette->text;

      cairo_new_path (cr);
      cairo_set_font_face (cr, d->fonts[0]);
      cairo_set_font_size (cr, label->font_size);
      cairo_move_to (cr, x + label->tx, y + label->ty);
      spaced_text (cr, place->name, COUNTRY_LETTER_SPACING, TRUE);
      set_rgb (cr, &d->palette->halo);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke_preserve (cr);
      /* muted: a country's name sits behind the towns and the events */
      cairo_set_source_rgba (cr, c->r, c->g, c->b, 0.55);
      cairo_fill (cr);
      return;
    }

  if (!d->no_dot)
    {
      cairo_new_path (cr);
      cairo_arc (cr, x, y, place->kind == 0 ? DOT_RADIUS : DOT_RADIUS - 0.6, 0, 2 * G_PI);
      set_rgba (cr, &d->palette->halo, d->halo_alpha);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke_preserve (cr);
      set_rgb (cr, &d->palette->dot);
      cairo_fill (cr);
    }
  if (d->no_name)
    return;

  cairo_set_font_face (cr, d->fonts[label->bold ? 1 : 0]);
  cairo_set_font_size (cr, label->font_size);
  cairo_move_to (cr, x + label->tx, y + label->ty);
  cairo_text_path (cr, place->name);
  set_rgba (cr, &d->palette->halo, d->halo_alpha);
  cairo_set_line_width (cr, 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  set_rgb (cr, place->kind == 0 ? &d->palette->text_capital : &d->palette->text);
  cairo_fill (cr);
}

static void
collect_label_cb (const PlacedLabel           *label,
                  guint                        id,
                  const ChronomapBasemapPlace *place,
                  double                       x,
                  double                       y,
                  gpointer                     user_data)
{
  GArray *labels = user_data;
  ChronomapBasemapLabel out;

  out.name = place->name;
  out.x = x + label->bx0;
  out.y = y + label->by0;
  out.width = label->bx1 - label->bx0;
  out.height = label->by1 - label->by0;
  out.id = id;
  out.town = place->kind != COUNTRY;
  out.dot_x = x;
  out.dot_y = y;
  out.name_x = x + label->nx0;
  out.name_y = y + label->ny0;
  out.name_width = label->nw;
  out.name_height = label->nh;
  out.moved = FALSE;
  out.lone_dot = FALSE;
  g_array_append_val (labels, out);
}

static void
chronomap_basemap_finalize (GObject *object)
{
  ChronomapBasemap *self = (ChronomapBasemap *) object;

  for (guint i = 0; i <= MAX_LABEL_ZOOM; i++)
    g_clear_pointer (&self->layouts[i], g_array_unref);
  g_mutex_clear (&self->label_lock);
  g_clear_pointer (&self->fonts[0], cairo_font_face_destroy);
  g_clear_pointer (&self->fonts[1], cairo_font_face_destroy);
  g_clear_pointer (&self->data, chronomap_basemap_data_free);

  G_OBJECT_CLASS (chronomap_basemap_parent_class)->finalize (object);
}

static void
chronomap_basemap_class_init (ChronomapBasemapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronomap_basemap_finalize;
}

static void
chronomap_basemap_init (ChronomapBasemap *self)
{
  g_mutex_init (&self->label_lock);
  self->fonts[0] = cairo_toy_font_face_create ("Sans", CAIRO_FONT_SLANT_NORMAL,
                                               CAIRO_FONT_WEIGHT_NORMAL);
  self->fonts[1] = cairo_toy_font_face_create ("Sans", CAIRO_FONT_SLANT_NORMAL,
                                               CAIRO_FONT_WEIGHT_BOLD);
}

/**
 * chronomap_basemap_new:
 * @geometry_path: path of basemap.bin
 * @places_path: path of places.tsv
 * @error: return location for a #GError
 *
 * Loads the basemap data.  Most callers want chronomap_basemap_get_default().
 *
 * Returns: (transfer full) (nullable): a new basemap, or %NULL with @error set
 */
ChronomapBasemap *
chronomap_basemap_new (const char  *geometry_path,
                       const char  *places_path,
                       GError     **error)
{
  g_autoptr(ChronomapBasemap) self = NULL;
  ChronomapBasemapData *data;

  g_return_val_if_fail (geometry_path != NULL, NULL);
  g_return_val_if_fail (places_path != NULL, NULL);

  data = chronomap_basemap_data_load (geometry_path, places_path, error);
  if (data == NULL)
    return NULL;

  self = g_object_new (CHRONOMAP_TYPE_BASEMAP, NULL);
  self->data = data;
  return g_steal_pointer (&self);
}

/**
 * chronomap_basemap_get_default:
 * @error: return location for a #GError
 *
 * Returns the basemap of the installed (or, uninstalled, the source tree's)
 * data, loaded on first use and shared by every caller and thread.
 *
 * Returns: (transfer full) (nullable): the shared basemap, or %NULL with
 *   @error set when its data files are missing or damaged
 */
ChronomapBasemap *
chronomap_basemap_get_default (GError **error)
{
  static GMutex lock;
  static ChronomapBasemap *shared;
  ChronomapBasemap *ret = NULL;

  g_mutex_lock (&lock);
  if (shared == NULL)
    {
      g_autofree char *geometry = chronomap_paths_find_data ("basemap/basemap.bin");
      g_autofree char *places = chronomap_paths_find_data ("basemap/places.tsv");

      if (geometry == NULL || places == NULL)
        g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND,
                     "The basemap data (basemap/basemap.bin, basemap/places.tsv) is not installed");
      else
        shared = chronomap_basemap_new (geometry, places, error);
    }
  if (shared != NULL)
    ret = g_object_ref (shared);
  g_mutex_unlock (&lock);

  return ret;
}

/**
 * chronomap_basemap_draw_layers:
 * @self: a #ChronomapBasemap
 * @cr: the context to draw into, its origin at the view's top left corner
 * @style: the colours
 * @layers: what to draw; the sea is always painted
 * @zoom: the zoom level, which may be fractional
 * @world_x: left edge of the view, in pixels of the whole world at @zoom
 *   (256 × 2^@zoom pixels wide)
 * @world_y: top edge of the view, likewise
 * @width: width of the view in pixels
 * @height: height of the view in pixels
 *
 * Draws some of the basemap's layers of one view (a map without labels for
 * a print, the land alone as a benchmark's floor).  Safe to call from any
 * thread, with one cairo context per thread.
 */
void
chronomap_basemap_draw_layers (ChronomapBasemap       *self,
                               cairo_t                *cr,
                               ChronomapBasemapStyle   style,
                               ChronomapBasemapLayers  layers,
                               double                  zoom,
                               double                  world_x,
                               double                  world_y,
                               int                     width,
                               int                     height)
{
  const Palette *palette;
  const ChronomapBasemapData *data;
  guint lod;
  View v;
  DrawLabels dl;

  g_return_if_fail (CHRONOMAP_IS_BASEMAP (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style <= CHRONOMAP_BASEMAP_STYLE_DARK);

  palette = &palettes[style];
  data = self->data;
  lod = lod_for_zoom (zoom);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_rgb (cr, &palette->sea);
  cairo_paint (cr);

  view_init (&v, zoom, world_x, world_y, width, height, 2.0);
  if (layers & CHRONOMAP_BASEMAP_LAYER_LAND)
    {
      set_rgb (cr, &palette->land);
      fill_land (cr, &v, &data->land[lod]);
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (layers & CHRONOMAP_BASEMAP_LAYER_COAST)
    {
      cairo_set_line_width (cr, zoom < 4 ? 0.5 : 0.7);
      set_rgb (cr, &palette->coast);
      stroke_lines (cr, &v, &data->coast[lod], 0);
    }

  if (layers & CHRONOMAP_BASEMAP_LAYER_LAKES)
    fill_lakes (cr, &v, &data->lakes[lod], palette);

  /* Rivers from zoom 3 on: first the major permanent rivers (WDB levels 1
   * and 2, among them the Euphrates and the Tigris), from zoom 7 the
   * additional major ones.  A world map with every river is only noise. */
  if ((layers & CHRONOMAP_BASEMAP_LAYER_RIVERS) && zoom >= 3.0)
    {
      set_rgb (cr, &palette->river);
      cairo_set_line_width (cr, CLAMP (0.6 + 0.12 * (zoom - 3), 0.6, 1.6));
      stroke_lines (cr, &v, &data->rivers[lod], zoom < 7 ? 2 : 3);
    }

  /* Borders fade on the world views, where a pixel spans a small country. */
  if (layers & CHRONOMAP_BASEMAP_LAYER_BORDERS)
    {
      cairo_set_source_rgba (cr, palette->border.r, palette->border.g, palette->border.b,
                             zoom < 3 ? 0.55 : 1.0);
      cairo_set_line_width (cr, zoom < 3 ? 0.5 : zoom < 6 ? 0.9 : 1.2);
      stroke_lines (cr, &v, &data->borders[lod], 0);
    }

  if (layers & CHRONOMAP_BASEMAP_LAYER_LABELS)
    {
      dl.cr = cr;
      dl.palette = palette;
      dl.fonts = self->fonts;
      dl.layers = layers;
      dl.halo_alpha = 1.0;
      dl.no_dot = FALSE;
      dl.no_name = FALSE;
      foreach_visible_label (self, zoom, world_x, world_y, width, height, draw_label_cb, &dl);
    }

  cairo_restore (cr);
}

/**
 * chronomap_basemap_draw:
 * @self: a #ChronomapBasemap
 * @cr: the context to draw into, its origin at the view's top left corner
 * @style: the colours
 * @zoom: the zoom level, which may be fractional
 * @world_x: left edge of the view, in pixels of the whole world at @zoom
 *   (256 × 2^@zoom pixels wide)
 * @world_y: top edge of the view, likewise
 * @width: width of the view in pixels
 * @height: height of the view in pixels
 *
 * Draws the sea, land, coasts, lakes, rivers, borders and place labels of
 * one view.  Safe to call from any thread, with one cairo context per
 * thread.
 */
void
chronomap_basemap_draw (ChronomapBasemap      *self,
                        cairo_t               *cr,
                        ChronomapBasemapStyle  style,
                        double                 zoom,
                        double                 world_x,
                        double                 world_y,
                        int                    width,
                        int                    height)
{
  chronomap_basemap_draw_layers (self, cr, style, CHRONOMAP_BASEMAP_LAYER_ALL, zoom,
                                 world_x, world_y, width, height);
}

/**
 * chronomap_basemap_draw_tile:
 * @self: a #ChronomapBasemap
 * @cr: the context to draw into, its origin at the tile's top left corner
 * @style: the colours
 * @layers: what to draw (the app's map draws the towns' names above its
 *   events, not in the tiles)
 * @zoom: the tile's zoom level
 * @x: the tile's column
 * @y: the tile's row (from the north, as in XYZ tiles)
 * @tile_size: the tile's size in pixels; sizes other than 256 scale the
 *   drawing, so 512 gives the same map at twice the resolution
 *
 * Draws one Web Mercator tile.
 */
void
chronomap_basemap_draw_tile (ChronomapBasemap      *self,
                             cairo_t               *cr,
                             ChronomapBasemapStyle  style,
                             ChronomapBasemapLayers layers,
                             int                    zoom,
                             int                    x,
                             int                    y,
                             int                    tile_size)
{
  g_return_if_fail (CHRONOMAP_IS_BASEMAP (self));
  g_return_if_fail (tile_size > 0);

  cairo_save (cr);
  cairo_scale (cr, tile_size / (double) CHRONOMAP_BASEMAP_TILE_SIZE,
               tile_size / (double) CHRONOMAP_BASEMAP_TILE_SIZE);
  chronomap_basemap_draw_layers (self, cr, style, layers, zoom,
                                 (double) x * CHRONOMAP_BASEMAP_TILE_SIZE,
                                 (double) y * CHRONOMAP_BASEMAP_TILE_SIZE,
                                 CHRONOMAP_BASEMAP_TILE_SIZE, CHRONOMAP_BASEMAP_TILE_SIZE);
  cairo_restore (cr);
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * chronomap_basemap_draw_stand_in_tile:
 *
 * The default basemap's light tile, as PNG, for a map source whose own
 * tile is missing (an MBTiles file's gap, an online map out of reach).
 *
 * Returns: (transfer full) (nullable): the tile, or %NULL with @error set
 */
GBytes *
chronomap_basemap_draw_stand_in_tile (int      zoom,
                                      int      x,
                                      int      y,
                                      GError **error)
{
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (error);

  if (basemap == NULL)
    return NULL;
  return chronomap_basemap_draw_tile_png (basemap, CHRONOMAP_BASEMAP_STYLE_LIGHT,
                                          CHRONOMAP_BASEMAP_LAYER_ALL, zoom, x, y,
                                          CHRONOMAP_BASEMAP_TILE_SIZE, error);
}

/**
 * chronomap_basemap_draw_tile_png:
 * @self: a #ChronomapBasemap
 * @style: the colours
 * @layers: what to draw
 * @zoom: the tile's zoom level
 * @x: the tile's column
 * @y: the tile's row (from the north)
 * @tile_size: the tile's size in pixels
 * @error: return location for a #GError
 *
 * Draws one tile into a PNG image, as map widgets and tile files take them.
 * Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the PNG data, or %NULL with @error set
 */
GBytes *
chronomap_basemap_draw_tile_png (ChronomapBasemap      *self,
                                 ChronomapBasemapStyle  style,
                                 ChronomapBasemapLayers layers,
                                 int                    zoom,
                                 int                    x,
                                 int                    y,
                                 int                    tile_size,
                                 GError               **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *png;
  cairo_status_t status;

  g_return_val_if_fail (CHRONOMAP_IS_BASEMAP (self), NULL);
  g_return_val_if_fail (tile_size > 0 && tile_size <= 4096, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, tile_size, tile_size);
  cr = cairo_create (surface);
  chronomap_basemap_draw_tile (self, cr, style, layers, zoom, x, y, tile_size);
  cairo_destroy (cr);

  /* 256 × 256 basemap tiles compress to 10–40 kB */
  png = g_byte_array_sized_new (32 * 1024);
  status = cairo_surface_write_to_png_stream (surface, append_png_cb, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (png);
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                   "Cannot encode basemap tile %d/%d/%d: %s", zoom, x, y,
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (png);
}

/**
 * chronomap_basemap_draw_bbox:
 * @self: a #ChronomapBasemap
 * @cr: the context to draw into
 * @style: the colours
 * @west: western edge, degrees of longitude
 * @south: southern edge, degrees of latitude
 * @east: eastern edge
 * @north: northern edge
 * @width: output width in pixels
 * @height: output height in pixels
 *
 * Draws the area at the largest zoom at which it fits into @width × @height,
 * centred (for `chronomap-cli render`).
 */
void
chronomap_basemap_draw_bbox (ChronomapBasemap      *self,
                             cairo_t               *cr,
                             ChronomapBasemapStyle  style,
                             double                 west,
                             double                 south,
                             double                 east,
                             double                 north,
                             int                    width,
                             int                    height)
{
  double x0, y0, x1, y1, zoom;

  g_return_if_fail (CHRONOMAP_IS_BASEMAP (self));
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (east > west && north > south);

  chronomap_basemap_data_project (west, north, &x0, &y0);
  chronomap_basemap_data_project (east, south, &x1, &y1);
  zoom = log2 (MIN (width / (x1 - x0), height / (y1 - y0)) / CHRONOMAP_BASEMAP_TILE_SIZE);
  zoom = CLAMP (zoom, 0.0, 18.0);
  {
    double scale = CHRONOMAP_BASEMAP_TILE_SIZE * exp2 (zoom);
    double cx = (x0 + x1) / 2 * scale, cy = (y0 + y1) / 2 * scale;

    chronomap_basemap_draw (self, cr, style, zoom, cx - width / 2.0, cy - height / 2.0,
                            width, height);
  }
}

/* One label at the origin of @cr: its box's top left corner there, or
 * its name's alone (@name_only, without the dot). */
/* What of a town's label to draw. */
typedef enum
{
  LABEL_WHOLE,
  LABEL_NAME,
  LABEL_DOT,
} LabelPart;

static void
draw_one_label (ChronomapBasemap      *self,
                cairo_t               *cr,
                ChronomapBasemapStyle  style,
                guint                  id,
                LabelPart              part)
{
  const GArray *layout;
  const PlacedLabel *label;
  DrawLabels dl;

  g_return_if_fail (CHRONOMAP_IS_BASEMAP (self));
  g_return_if_fail (style <= CHRONOMAP_BASEMAP_STYLE_DARK);
  g_return_if_fail ((id >> 24) <= MAX_LABEL_ZOOM);

  layout = get_layout (self, (int) (id >> 24));
  g_return_if_fail ((id & 0xffffff) < layout->len);
  label = &g_array_index (layout, PlacedLabel, id & 0xffffff);

  dl.cr = cr;
  dl.palette = &palettes[style];
  dl.fonts = self->fonts;
  dl.layers = CHRONOMAP_BASEMAP_LAYER_LABELS;
  /* over the events, a halo that lets a small mark under the name show */
  dl.halo_alpha = LABEL_OVER_HALO_ALPHA;
  dl.no_dot = part == LABEL_NAME;
  dl.no_name = part == LABEL_DOT;
  cairo_save (cr);
  if (part == LABEL_NAME)
    draw_label_cb (label, id, &self->data->places[label->place], -label->nx0, -label->ny0, &dl);
  else if (part == LABEL_DOT)
    draw_label_cb (label, id, &self->data->places[label->place], 0, 0, &dl);
  else
    draw_label_cb (label, id, &self->data->places[label->place], -label->bx0, -label->by0, &dl);
  cairo_restore (cr);
}

/**
 * chronomap_basemap_draw_label:
 * @self: a #ChronomapBasemap
 * @cr: the context to draw into
 * @style: the colours
 * @id: a label's id from chronomap_basemap_get_labels()
 *
 * Draws one label, with the top left corner of its box at the origin of
 * @cr (its halo reaches %CHRONOMAP_BASEMAP_LABEL_HALO pixels further), so
 * that a map can keep it as a picture and draw it where the view puts it.
 */
void
chronomap_basemap_draw_label (ChronomapBasemap      *self,
                              cairo_t               *cr,
                              ChronomapBasemapStyle  style,
                              guint                  id)
{
  draw_one_label (self, cr, style, id, LABEL_WHOLE);
}

/**
 * chronomap_basemap_draw_label_name:
 * @self: a #ChronomapBasemap
 * @cr: where to draw
 * @style: the colours
 * @id: a label's id
 *
 * Draws a town's name without its dot, with the top left corner of the
 * name's box at the origin of @cr: the label of a town whose dot a mark
 * covers, once chronomap_basemap_labels_clear_marks() moved it.
 */
void
chronomap_basemap_draw_label_name (ChronomapBasemap      *self,
                                   cairo_t               *cr,
                                   ChronomapBasemapStyle  style,
                                   guint                  id)
{
  draw_one_label (self, cr, style, id, LABEL_NAME);
}

/**
 * chronomap_basemap_draw_label_dot:
 * @self: a #ChronomapBasemap
 * @cr: where to draw
 * @style: the colours
 * @id: a town's label id
 *
 * Draws a town's dot alone, centred on the origin of @cr: the dot of a
 * label whose name is on its way back to it (see
 * #ChronomapBasemapLabel's lone_dot).  It reaches
 * %CHRONOMAP_BASEMAP_DOT_REACH pixels from its centre.
 */
void
chronomap_basemap_draw_label_dot (ChronomapBasemap      *self,
                                  cairo_t               *cr,
                                  ChronomapBasemapStyle  style,
                                  guint                  id)
{
  draw_one_label (self, cr, style, id, LABEL_DOT);
}

/* Whether the box meets the disc. */
static gboolean
box_meets_disc (double x0,
                double y0,
                double x1,
                double y1,
                double cx,
                double cy,
                double radius)
{
  double nx = CLAMP (cx, x0, x1);
  double ny = CLAMP (cy, y0, y1);

  return (cx - nx) * (cx - nx) + (cy - ny) * (cy - ny) < radius * radius;
}

/* Space left between a mark's edge and the name put beside it. */
#define MARK_GAP 2.0

/* Puts the name of @labels[@i] alone at (@x, @y), if it stays in the view
 * and away from the other labels, and the dots drawn apart from theirs,
 * by the layout's padding; whether it did. */
static gboolean
move_name (GArray *labels,
           guint   i,
           double  x,
           double  y,
           int     width,
           int     height)
{
  ChronomapBasemapLabel *label = &g_array_index (labels, ChronomapBasemapLabel, i);
  double w = label->name_width, h = label->name_height;

  if (x < 0 || y < 0 || x + w > width || y + h > height)
    return FALSE;
  for (guint j = 0; j < labels->len; j++)
    {
      const ChronomapBasemapLabel *other = &g_array_index (labels, ChronomapBasemapLabel, j);

      if (j == i)
        continue;
      if (boxes_overlap (x - LABEL_PADDING, y - LABEL_PADDING, x + w + LABEL_PADDING,
                         y + h + LABEL_PADDING, other->x, other->y, other->x + other->width,
                         other->y + other->height))
        return FALSE;
      /* a dot drawn apart from its name is outside the name's box */
      if (other->lone_dot && box_meets_disc (x - LABEL_PADDING, y - LABEL_PADDING,
                                             x + w + LABEL_PADDING, y + h + LABEL_PADDING,
                                             other->dot_x, other->dot_y,
                                             CHRONOMAP_BASEMAP_DOT_REACH))
        return FALSE;
    }
  label->name_x = label->x = x;
  label->name_y = label->y = y;
  label->width = w;
  label->height = h;
  label->moved = TRUE;
  return TRUE;
}

/* Whether the name's box meets a count drawn in one of @marks (its
 * figures' box round the mark's middle), or with @discs a counted mark's
 * disc. */
static gboolean
name_meets_marks (double                      x,
                  double                      y,
                  double                      w,
                  double                      h,
                  const ChronomapBasemapMark *marks,
                  guint                       n_marks,
                  gboolean                    counts_only)
{
  for (guint k = 0; k < n_marks; k++)
    {
      const ChronomapBasemapMark *m = &marks[k];

      if (!m->counted || !isfinite (m->radius))
        continue;
      if (counts_only ? boxes_overlap (x, y, x + w, y + h, m->x - 0.7 * m->radius,
                                       m->y - 0.5 * m->radius, m->x + 0.7 * m->radius,
                                       m->y + 0.5 * m->radius)
                      : box_meets_disc (x, y, x + w, y + h, m->x, m->y, m->radius + MARK_GAP))
        return TRUE;
    }
  return FALSE;
}

/* Whether one of @marks covers the town's dot (a name that could not
 * be moved out of it). */
static gboolean
dot_covered (const ChronomapBasemapLabel *label,
             const ChronomapBasemapMark  *marks,
             guint                        n_marks)
{
  for (guint k = 0; k < n_marks; k++)
    {
      double dx = marks[k].x - label->dot_x, dy = marks[k].y - label->dot_y;

      if (dx * dx + dy * dy <= marks[k].radius * marks[k].radius)
        return TRUE;
    }
  return FALSE;
}

/* Puts the name of @labels[@i] on the first side of its dot, of right,
 * left, above and below, where it meets no counted mark, no other label
 * and stays in view; %FALSE, the name left, if none is free. */
static gboolean
move_name_aside (GArray                     *labels,
                 guint                       i,
                 int                         width,
                 int                         height,
                 const ChronomapBasemapMark *marks,
                 guint                       n_marks)
{
  ChronomapBasemapLabel *label = &g_array_index (labels, ChronomapBasemapLabel, i);
  double w = label->name_width, h = label->name_height;
  const double sides[4][2] = {
    { label->dot_x + NAME_GAP, label->dot_y - h / 2 },
    { label->dot_x - NAME_GAP - w, label->dot_y - h / 2 },
    { label->dot_x - w / 2, label->dot_y - NAME_GAP - h },
    { label->dot_x - w / 2, label->dot_y + NAME_GAP },
  };

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      double x = sides[s][0], y = sides[s][1];
      if ((fabs (x - label->name_x) < 0.5 && fabs (y - label->name_y) < 0.5) ||
          name_meets_marks (x, y, w, h, marks, n_marks, FALSE) ||
          !move_name (labels, i, x, y, width, height))
        continue;
      label->lone_dot = TRUE;
      return TRUE;
    }
  return FALSE;
}

/**
 * chronomap_basemap_labels_clear_marks:
 * @labels: (element-type ChronomapBasemapLabel): from
 *   chronomap_basemap_get_labels()
 * @width: the view's width, as given to chronomap_basemap_get_labels()
 * @height: the view's height
 * @marks: (array length=n_marks): the marks drawn in the same view
 * @n_marks: their number
 *
 * Where a mark covers a town's dot (the events of Aleppo on Aleppo),
 * moves the town's name out of it, away from the dot on the side the
 * layout put it, so that the name begins where the disc ends and does
 * not run into the count inside it ("6Aleppo"); the mark stands for the
 * dot, which is left out.  A name that would then come within the
 * layout's padding of another label, or leave the view, stays where it
 * was.
 *
 * A name a cluster's count would be drawn over ("Ath 3hawrah"), its dot
 * free, goes to another side of its dot (right, left, above, below)
 * where no count, no disc and no other label is, its dot drawn apart
 * (lone_dot); with no such side it stays.  Other marks that only reach
 * a name leave it: the name is drawn over them.
 */
void
chronomap_basemap_labels_clear_marks (GArray                     *labels,
                                      int                         width,
                                      int                         height,
                                      const ChronomapBasemapMark *marks,
                                      guint                       n_marks)
{
  g_return_if_fail (labels != NULL);
  g_return_if_fail (n_marks == 0 || marks != NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      ChronomapBasemapLabel *label = &g_array_index (labels, ChronomapBasemapLabel, i);
      double x = label->name_x, y = label->name_y;
      double w = label->name_width, h = label->name_height;
      double ux = x + w / 2 - label->dot_x, uy = y + h / 2 - label->dot_y;
      double length = hypot (ux, uy);
      gboolean covered = FALSE;

      if (!label->town || label->moved || length <= 0)
        continue;
      ux /= length;
      uy /= length;
      for (guint k = 0; k < n_marks; k++)
        {
          const ChronomapBasemapMark *m = &marks[k];
          double dx = m->x - label->dot_x, dy = m->y - label->dot_y;
          double r = m->radius + MARK_GAP;
          double lo = 0, hi;

          /* cheap first: a frame may hold thousands of marks */
          if (!(fabs (dx) <= m->radius && fabs (dy) <= m->radius) ||
              dx * dx + dy * dy > m->radius * m->radius || !isfinite (r))
            continue;
          covered = TRUE;
          /* Box and disc are convex: along the way out, the box meets the
           * disc over one stretch, which ends before it has gone the
           * disc's width and its own size further; halve to that end. */
          hi = 2 * r + w + h;
          if (!box_meets_disc (x, y, x + w, y + h, m->x, m->y, r))
            continue;
          for (int step = 0; step < 40 && hi - lo > 0.05; step++)
            {
              double t = (lo + hi) / 2;

              if (box_meets_disc (x + t * ux, y + t * uy, x + t * ux + w, y + t * uy + h, m->x,
                                  m->y, r))
                lo = t;
              else
                hi = t;
            }
          x += hi * ux;
          y += hi * uy;
        }
      if (covered)
        move_name (labels, i, x, y, width, height);
    }

  /* names with a count over them, to another side of their dots */
  for (guint i = 0; i < labels->len; i++)
    {
      ChronomapBasemapLabel *label = &g_array_index (labels, ChronomapBasemapLabel, i);

      if (label->town && !label->moved && !dot_covered (label, marks, n_marks) &&
          name_meets_marks (label->name_x, label->name_y, label->name_width, label->name_height,
                            marks, n_marks, TRUE))
        move_name_aside (labels, i, width, height, marks, n_marks);
    }
}

/**
 * chronomap_basemap_draw_town_labels:
 * @self: a #ChronomapBasemap
 * @cr: the context of the view @labels were placed in
 * @style: the colours
 * @labels: (element-type ChronomapBasemapLabel): from
 *   chronomap_basemap_get_labels()
 *
 * Draws the towns of @labels (dot and name; not the countries) where the
 * view places them, as chronomap_basemap_draw_label() does one: over a
 * view's events, after chronomap_basemap_draw_layers() drew the map
 * without %CHRONOMAP_BASEMAP_LAYER_TOWN_LABELS under them.
 */
void
chronomap_basemap_draw_town_labels (ChronomapBasemap      *self,
                                    cairo_t               *cr,
                                    ChronomapBasemapStyle  style,
                                    const GArray          *labels)
{
  g_return_if_fail (CHRONOMAP_IS_BASEMAP (self));
  g_return_if_fail (labels != NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      const ChronomapBasemapLabel *label = &g_array_index (labels, ChronomapBasemapLabel, i);

      if (!label->town)
        continue;
      cairo_save (cr);
      cairo_translate (cr, label->x, label->y);
      draw_one_label (self, cr, style, label->id, label->moved ? LABEL_NAME : LABEL_WHOLE);
      cairo_restore (cr);
      if (label->lone_dot)
        {
          cairo_save (cr);
          cairo_translate (cr, label->dot_x, label->dot_y);
          draw_one_label (self, cr, style, label->id, LABEL_DOT);
          cairo_restore (cr);
        }
    }
}

/**
 * chronomap_basemap_get_labels:
 * @self: a #ChronomapBasemap
 * @zoom: as for chronomap_basemap_draw()
 * @world_x: as for chronomap_basemap_draw()
 * @world_y: as for chronomap_basemap_draw()
 * @width: as for chronomap_basemap_draw()
 * @height: as for chronomap_basemap_draw()
 *
 * Returns: (transfer full) (element-type ChronomapBasemapLabel): the labels
 *   chronomap_basemap_draw() draws in that view, with their boxes in view
 *   pixels, including those only partly inside it
 */
GArray *
chronomap_basemap_get_labels (ChronomapBasemap *self,
                              double            zoom,
                              double            world_x,
                              double            world_y,
                              int               width,
                              int               height)
{
  GArray *labels;

  g_return_val_if_fail (CHRONOMAP_IS_BASEMAP (self), NULL);

  labels = g_array_new (FALSE, FALSE, sizeof (ChronomapBasemapLabel));
  foreach_visible_label (self, zoom, world_x, world_y, width, height, collect_label_cb, labels);
  return labels;
}

/**
 * chronomap_basemap_lat_lon_to_world:
 * @lat: latitude in degrees
 * @lon: longitude in degrees
 * @zoom: zoom level
 * @world_x: (out): x in world pixels at @zoom
 * @world_y: (out): y in world pixels at @zoom
 */
void
chronomap_basemap_lat_lon_to_world (double  lat,
                                    double  lon,
                                    double  zoom,
                                    double *world_x,
                                    double *world_y)
{
  double x, y, scale = CHRONOMAP_BASEMAP_TILE_SIZE * exp2 (zoom);

  chronomap_basemap_data_project (lon, lat, &x, &y);
  *world_x = x * scale;
  *world_y = y * scale;
}

/**
 * chronomap_basemap_get_attribution:
 *
 * Returns: (transfer none): the credit line the bundled basemap's licences
 *   ask for, to show on the map
 */
const char *
chronomap_basemap_get_attribution (void)
{
  return "Natural Earth · GSHHG (LGPL) · GeoNames (CC BY 4.0)";
}

/**
 * chronomap_basemap_get_sea_color:
 * @style: the style
 * @red: (out): red, 0 to 1
 * @green: (out): green, 0 to 1
 * @blue: (out): blue, 0 to 1
 *
 * The style's sea colour, for the map widget's background: libshumate 1.0
 * places tiles at fractional pixel offsets, and the one-pixel seams where
 * two tiles meet let about a third of the background through.
 */
void
chronomap_basemap_get_sea_color (ChronomapBasemapStyle  style,
                                 double                *red,
                                 double                *green,
                                 double                *blue)
{
  g_return_if_fail (style <= CHRONOMAP_BASEMAP_STYLE_DARK);

  *red = palettes[style].sea.r;
  *green = palettes[style].sea.g;
  *blue = palettes[style].sea.b;
}
