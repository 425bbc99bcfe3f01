/* chronomap-event-layer.c: the events of the time window, drawn on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One ShumateLayer draws every event in snapshot, as GSK nodes; there is no
 * widget per event so a million events cost arrays, not objects.  Positions
 * are projected to Web Mercator world coordinates (0..1) once per file and
 * again only when the geocoder moves places; a frame only scales and shifts
 * them.  Events fall into a grid of screen cells anchored to the world (so
 * clusters don't shimmer while panning): at low zoom a cell is large and its
 * events merge into one disc with a count; at high zoom cells are small and
 * only events that would overlap merge.
 */
#define G_LOG_DOMAIN "chronomap-event-layer"

#include "config.h"

#include "chronomap-event-layer.h"

#include <math.h>

#include <glib/gi18n.h>

#include "chronomap-date-label.h"
#include "chronomap-event-type-label.h"
#include "chronomap-label-glides.h"
#include "chronomap-map-sources.h"
#include "chronomap-render-view.h"

/* Cells in screen pixels: wide enough at low zoom that a region reads as a
 * cluster, small at street level so only overlapping discs merge. */
#define CELL_LOW_ZOOM   40.0
#define CELL_HIGH_ZOOM  20.0
#define HIGH_ZOOM       8.0
/* Large marks (chronomap_event_layer_set_large()): this much larger, and
 * clustered over cells as much larger. */
#define LARGE_SCALE     1.5
#define MAX_LAT         85.05112878

typedef struct
{
  double  sum_x;
  double  sum_y;
  guint   count;
  guint   n_coarse;
  guint   n_guessed;
  gint64  fatalities;
  gint32  newest;
  guint32 representative;
  guint32 into;          /* 1 + the cell it was folded into, 0 if none */
  guint8  coarsest;
  guint32 slot_counts[CHRONOMAP_EVENT_STYLE_N_SLOTS];
} Cell;

/* The cells of the last frame, for the events of a clicked cluster. */
typedef struct
{
  gint64 x0;
  gint64 y0;
  guint  w;
  guint  h;
  double cell;
  double world_size;
} Grid;

typedef struct
{
  double  x;
  double  y;
  double  radius;
  double  area_radius;   /* > 0: drawn as a soft area of this radius */
  double  strength;      /* 0..1, newer is stronger */
  guint   count;
  guint   slot;
  gint32  newest;
  guint32 representative;
  guint32 cell;          /* its cell in the last frame's grid */
  gboolean guessed;      /* every event of it was placed by a guess */
  gboolean mixed;        /* of several types: a pie of ... */
  guint8  parts[CHRONOMAP_EVENT_STYLE_N_SLOTS];   /* ... these parts of PIE_PARTS */
} Item;

/* A cluster's pie in as many parts as there are types, each type present
 * one at least: coarse, but a mix has few pictures, each drawn once and
 * stamped after that (a million events of eight types gave thousands of
 * mixes to draw, frame after frame, at finer shares). */
#define PIE_PARTS CHRONOMAP_EVENT_STYLE_N_SLOTS

struct _ChronomapEventLayer
{
  ShumateLayer          parent_instance;

  ChronomapEventStore  *store;
  ChronomapEventStyle  *style;
  GBytes               *mask;
  gint32                from;
  gint32                to;
  int                   selected;
  int                   hovered;       /* item index in items, -1 */
  guint                 redraw_id;     /* for the pies a frame left out */
  gboolean              large;         /* marks half as large again, for a room */
  gboolean              pointer_hidden;

  float                *world;         /* x, y per event; NAN when unplaced */
  guint                 n_events;
  guint                 n_placed;
  GArray               *visible;       /* guint32 event indices, placed, in window */

  Cell                 *cells;
  gsize                 n_cells;
  Grid                  grid;
  GHashTable           *sprites;       /* sprite key -> Sprite */
  GHashTable           *pie_sprites;   /* gint64 pie sprite key -> Sprite */
  GHashTable           *area_masks;    /* radius key -> A8 cairo_surface_t */
  GArray               *items;         /* Item, as last drawn, for hit tests */

  /* On the offline basemap the towns' names are drawn here, above the
   * marks and under their counts, not in its tiles: Aleppo's name must
   * not vanish under the events that happened there. */
  gboolean              labels;
  ChronomapBasemapStyle label_style;
  ChronomapBasemap     *basemap;       /* loaded on a worker thread */
  GCancellable         *basemap_load;
  GHashTable           *label_sprites; /* scale and label id -> Sprite */
  ChronomapLabelGlides *label_glides;  /* names on their way out of marks */
  guint                 glide_ms;      /* how long a name takes to move; 0: it jumps */
  guint                 glide_tick_id;

  /* Input is taken on the map: see chronomap_event_layer_realize() */
  GtkWidget            *input_widget;
  GtkEventController   *motion;
  GtkGesture           *click;
};

G_DEFINE_FINAL_TYPE (ChronomapEventLayer, chronomap_event_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STYLE,
  PROP_FROM,
  PROP_TO,
  PROP_MASK,
  PROP_SELECTED,
  PROP_N_PLACED,
  PROP_N_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
project (double  latitude,
         double  longitude,
         double *x,
         double *y)
{
  double lat = CLAMP (latitude, -MAX_LAT, MAX_LAT) * G_PI / 180.0;

  *x = (longitude + 180.0) / 360.0;
  *y = (1.0 - log (tan (lat) + 1.0 / cos (lat)) / G_PI) / 2.0;
}

static void
project_events (ChronomapEventLayer *self)
{
  const ChronomapEvent *events = NULL;

  g_clear_pointer (&self->world, g_free);
  self->n_events = 0;
  self->n_placed = 0;

  if (self->store == NULL)
    return;

  events = chronomap_event_store_get_events (self->store, &self->n_events);
  self->world = g_new (float, 2 * (gsize) MAX (self->n_events, 1));
  for (guint i = 0; i < self->n_events; i++)
    {
      double x, y;

      if (isnan (events[i].latitude) || isnan (events[i].longitude))
        {
          self->world[2 * i] = NAN;
          self->world[2 * i + 1] = NAN;
          continue;
        }
      project (events[i].latitude, events[i].longitude, &x, &y);
      self->world[2 * i] = (float) x;
      self->world[2 * i + 1] = (float) y;
      self->n_placed++;
    }
}

static void
update_visible (ChronomapEventLayer *self)
{
  g_autoptr(GArray) in_window = NULL;
  const guint8 *mask = NULL;
  gsize mask_len = 0;
  guint old = self->visible->len;

  g_array_set_size (self->visible, 0);
  if (self->store != NULL && self->from <= self->to)
    {
      in_window = chronomap_event_store_query (self->store, self->from, self->to);
      if (self->mask != NULL)
        mask = g_bytes_get_data (self->mask, &mask_len);

      for (guint k = 0; k < in_window->len; k++)
        {
          guint32 i = g_array_index (in_window, guint32, k);

          if (i >= self->n_events || isnan (self->world[2 * i]))
            continue;
          if (mask != NULL && i < mask_len && mask[i] == 0)
            continue;
          g_array_append_val (self->visible, i);
        }
    }

  self->hovered = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (old != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
}

static double
metres_per_pixel (double latitude,
                  double world_size)
{
  return 40075016.686 * cos (latitude * G_PI / 180.0) / world_size;
}

/* Area grows with the log of the count, plus the toll: a single deadly
 * event must stand out from a busy quiet place. */
static double
cell_radius (const Cell *c)
{
  return MIN (28.0, (c->count > 1 ? 9.0 : 6.0) + 4.0 * log10 ((double) c->count) +
                    MIN (9.0, 1.4 * sqrt ((double) c->fatalities)));
}

/* Folds cell @from into @into. */
static void
merge_cell (Cell *into,
            Cell *from)
{
  into->sum_x += from->sum_x;
  into->sum_y += from->sum_y;
  into->n_coarse += from->n_coarse;
  into->coarsest = MAX (into->coarsest, from->coarsest);
  into->n_guessed += from->n_guessed;
  into->fatalities += from->fatalities;
  if (from->newest >= into->newest)
    {
      into->newest = from->newest;
      into->representative = from->representative;
    }
  for (guint s = 0; s < CHRONOMAP_EVENT_STYLE_N_SLOTS; s++)
    into->slot_counts[s] += from->slot_counts[s];
  into->count += from->count;
  memset (from, 0, sizeof *from);
}

/* Neighbouring cells whose discs would lie mostly over each other (a
 * town on a cell's edge) hide each other's counts: each is folded into
 * the neighbour it crowds, once, in reading order. */
static void
merge_crowded_cells (Cell *cells,
                     guint gw,
                     guint gh)
{
  static const int next[][2] = { { 1, 0 }, { -1, 1 }, { 0, 1 }, { 1, 1 } };

  for (guint gy = 0; gy < gh; gy++)
    for (guint gx = 0; gx < gw; gx++)
      {
        Cell *c = &cells[gy * gw + gx];

        if (c->count == 0)
          continue;
        for (guint k = 0; k < G_N_ELEMENTS (next); k++)
          {
            int nx = (int) gx + next[k][0], ny = (int) gy + next[k][1];
            Cell *n;
            double dx, dy;

            if (nx < 0 || nx >= (int) gw || ny >= (int) gh)
              continue;
            n = &cells[ny * gw + nx];
            if (n->count == 0)
              continue;
            dx = c->sum_x / c->count - n->sum_x / n->count;
            dy = c->sum_y / c->count - n->sum_y / n->count;
            if (sqrt (dx * dx + dy * dy) < 0.7 * (cell_radius (c) + cell_radius (n)))
              {
                merge_cell (c, n);
                /* later in reading order than @c, which nothing folds
                 * any more: one step leads to the cell drawn */
                n->into = (guint32) (c - cells) + 1;
              }
          }
      }
}

static gboolean
is_coarse (guint8 precision)
{
  return chronomap_geo_precision_radius_m (precision) > 0.0;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = a;
  const Item *ib = b;

  /* Soft areas under points, then older under newer. */
  if ((ia->area_radius > 0) != (ib->area_radius > 0))
    return ia->area_radius > 0 ? -1 : 1;
  return (ia->newest > ib->newest) - (ia->newest < ib->newest);
}

/* Bins the visible events into screen cells and turns the cells into the
 * items to draw; kept for hit testing until the next frame. */
/* @counts (of @total events) as PIE_PARTS parts, a part at least for
 * each type present, the rest by largest remainder. */
static void
split_pie (const guint32 *counts,
           guint          total,
           guint8        *parts)
{
  const guint N = CHRONOMAP_EVENT_STYLE_N_SLOTS;
  double rest[CHRONOMAP_EVENT_STYLE_N_SLOTS];
  guint given = 0, present = 0;

  for (guint s = 0; s < N; s++)
    present += counts[s] > 0;
  for (guint s = 0; s < N; s++)
    {
      double exact = counts[s] > 0 ? 1 + (double) counts[s] * (PIE_PARTS - present) / total : 0;

      parts[s] = (guint8) exact;
      rest[s] = exact - parts[s];
      given += parts[s];
    }
  while (given < PIE_PARTS)
    {
      guint best = 0;

      for (guint s = 1; s < N; s++)
        if (rest[s] > rest[best])
          best = s;
      parts[best]++;
      rest[best] = -1;
      given++;
    }
}

/* The world's size in pixels at the view's zoom, and where the view's
 * top left corner is in it. */
static void
view_origin (ChronomapEventLayer *self,
             int                  width,
             int                  height,
             double              *world_size,
             double              *origin_x,
             double              *origin_y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double tile = source != NULL ? shumate_map_source_get_tile_size (source) : 256.0;
  double cx, cy;

  *world_size = tile * pow (2.0, shumate_viewport_get_zoom_level (viewport));
  project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
           shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
  *origin_x = cx * *world_size - width / 2.0;
  *origin_y = cy * *world_size - height / 2.0;
}

static void
build_items (ChronomapEventLayer *self,
             int                  width,
             int                  height)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  const ChronomapEvent *events = chronomap_event_store_get_events (self->store, NULL);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double mark_scale = self->large ? LARGE_SCALE : 1.0;
  double cell = (zoom >= HIGH_ZOOM ? CELL_HIGH_ZOOM : CELL_LOW_ZOOM) * mark_scale;
  double world_size, origin_x, origin_y, mpp;
  gint64 gx0, gy0;
  guint gw, gh;
  double span = MAX (1.0, (double) self->to - self->from + 1.0);

  g_array_set_size (self->items, 0);

  view_origin (self, width, height, &world_size, &origin_x, &origin_y);
  mpp = metres_per_pixel (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), world_size);

  /* One cell of margin on each side so discs straddling the edge are drawn. */
  gx0 = (gint64) floor (origin_x / cell) - 1;
  gy0 = (gint64) floor (origin_y / cell) - 1;
  gw = (guint) ceil (width / cell) + 3;
  gh = (guint) ceil (height / cell) + 3;

  if (self->n_cells < (gsize) gw * gh)
    {
      g_free (self->cells);
      self->n_cells = (gsize) gw * gh;
      self->cells = g_new (Cell, self->n_cells);
    }
  memset (self->cells, 0, sizeof (Cell) * gw * gh);
  self->grid = (Grid) { gx0, gy0, gw, gh, cell, world_size };

  for (guint k = 0; k < self->visible->len; k++)
    {
      guint32 i = g_array_index (self->visible, guint32, k);
      double px = self->world[2 * i] * world_size;
      double py = self->world[2 * i + 1] * world_size;
      gint64 gx = (gint64) floor (px / cell) - gx0;
      gint64 gy = (gint64) floor (py / cell) - gy0;
      const ChronomapEvent *e = &events[i];
      Cell *c;

      if (gx < 0 || gy < 0 || gx >= gw || gy >= gh)
        continue;

      c = &self->cells[gy * gw + gx];
      c->sum_x += px;
      c->sum_y += py;
      if (is_coarse (e->geo_precision))
        {
          c->n_coarse++;
          c->coarsest = MAX (c->coarsest, e->geo_precision);
        }
      c->n_guessed += e->guessed;
      if (e->fatalities > 0)
        c->fatalities += e->fatalities;
      /* The newest event of a cell stands for it when clicked. */
      if (c->count == 0 || e->end >= c->newest)
        {
          c->newest = e->end;
          c->representative = i;
        }
      c->slot_counts[self->style != NULL ? chronomap_event_style_get_slot (self->style, e->event_type)
                                         : CHRONOMAP_EVENT_STYLE_N_SLOTS - 1]++;
      c->count++;
    }

  merge_crowded_cells (self->cells, gw, gh);

  for (guint n = 0; n < gw * gh; n++)
    {
      const Cell *c = &self->cells[n];
      Item item = { 0, };
      guint best = 0;

      if (c->count == 0)
        continue;

      for (guint s = 1; s < CHRONOMAP_EVENT_STYLE_N_SLOTS; s++)
        if (c->slot_counts[s] > c->slot_counts[best])
          best = s;

      item.x = c->sum_x / c->count - origin_x;
      item.y = c->sum_y / c->count - origin_y;
      item.count = c->count;
      item.slot = best;
      item.newest = c->newest;
      item.representative = c->representative;
      item.cell = n;
      item.radius = cell_radius (c) * mark_scale;
      item.strength = CLAMP ((c->newest - self->from + 1) / span, 0.0, 1.0);
      item.guessed = c->n_guessed == c->count;
      item.mixed = c->slot_counts[best] < c->count;
      if (item.mixed)
        split_pie (c->slot_counts, c->count, item.parts);
      if (c->n_coarse == c->count)
        /* Capped: past this a province-wide area would wash over the
         * view at street zoom, and fill time grows with its square. */
        item.area_radius = CLAMP (chronomap_geo_precision_radius_m (c->coarsest) / mpp,
                                  item.radius * 1.5, 96.0);
      g_array_append_val (self->items, item);
    }

  g_array_sort (self->items, compare_items);
}

static int
find_item (ChronomapEventLayer *self,
           double               x,
           double               y)
{
  /* Topmost first: items are sorted bottom to top. */
  for (int k = (int) self->items->len - 1; k >= 0; k--)
    {
      const Item *item = &g_array_index (self->items, Item, k);
      double r = MAX (item->radius, 6.0) + 2.0;

      if ((x - item->x) * (x - item->x) + (y - item->y) * (y - item->y) <= r * r)
        return k;
    }
  return -1;
}

static void
append_ring (GtkSnapshot   *snapshot,
             double         x,
             double         y,
             double         radius,
             double         width,
             const GdkRGBA *color,
             double         alpha)
{
  GskRoundedRect ring;
  GdkRGBA rgba = *color;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4];

  rgba.alpha = alpha;
  for (int i = 0; i < 4; i++)
    colors[i] = rgba;
  gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius),
                                   radius);
  gtk_snapshot_append_border (snapshot, &ring, widths, colors);
}

/* A disc is drawn once per look (kind, colour, size, strength, scale) into
 * a small texture and stamped after that: a texture node is a plain copy in
 * the cairo renderer and a cached upload in GL, where a path with
 * antialiasing costs a rasterisation per disc per frame. */
typedef enum
{
  SPRITE_POINT,
  SPRITE_POINT_HOVER,
  SPRITE_RING,
  SPRITE_RING_HOVER,
} SpriteKind;

#define N_STRENGTHS 8

/* The broken edge of a place the geocoder guessed. */
static const double GUESS_DASH[] = { 3.0, 2.5 };
#define MAX_SPRITES 4096
/* Names are larger pictures (a thousand pixels and more, kept twice):
 * a view shows a hundred or two of them. */
#define MAX_LABEL_SPRITES 512
#define MAX_AREA_MASKS 64
#define TILE 256

/* One drawn look, kept in both forms a renderer can stamp cheaply. */
typedef struct
{
  GdkTexture      *texture;
  cairo_surface_t *surface;   /* device scale set: sized in logical pixels */
  int              width;
  int              height;
} Sprite;

static void
sprite_free (gpointer data)
{
  Sprite *sprite = data;

  g_clear_object (&sprite->texture);
  g_clear_pointer (&sprite->surface, cairo_surface_destroy);
  g_free (sprite);
}

/* Takes @surface, drawn at @scale, as a sprite. */
static Sprite *
sprite_new (cairo_surface_t *surface,
            int              scale)
{
  Sprite *sprite = g_new0 (Sprite, 1);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  /* Cairo's ARGB32 is premultiplied native-endian, GDK_MEMORY_DEFAULT. */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  sprite->texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
  cairo_surface_set_device_scale (surface, scale, scale);
  sprite->surface = surface;
  sprite->width = width / scale;
  sprite->height = height / scale;
  return sprite;
}

/* Takes @surface, drawn at @scale, and stores it in @cache under @key
 * (which @cache owns), emptying it first when it holds @cap pictures. */
static Sprite *
cache_sprite (GHashTable      *cache,
              guint            cap,
              gpointer         key,
              cairo_surface_t *surface,
              int              scale)
{
  Sprite *sprite = sprite_new (surface, scale);

  if (g_hash_table_size (cache) >= cap)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, key, sprite);
  return sprite;
}

static Sprite *
add_sprite (ChronomapEventLayer *self,
            guint                key,
            cairo_surface_t     *surface,
            int                  scale)
{
  return cache_sprite (self->sprites, MAX_SPRITES, GUINT_TO_POINTER (key), surface, scale);
}

/* With @cr (the cairo renderer, see draw_layer()) the sprite is composited
 * in place; otherwise it becomes a texture node. */
static void
stamp (GtkSnapshot  *snapshot,
       cairo_t      *cr,
       const Sprite *sprite,
       double        x,
       double        y)
{
  if (cr != NULL)
    {
      cairo_set_source_surface (cr, sprite->surface, x, y);
      cairo_rectangle (cr, x, y, sprite->width, sprite->height);
      cairo_fill (cr);
    }
  else
    gtk_snapshot_append_texture (snapshot, sprite->texture,
                                 &GRAPHENE_RECT_INIT (x, y, sprite->width, sprite->height));
}

static const Sprite *
get_sprite (ChronomapEventLayer *self,
            SpriteKind           kind,
            gboolean             guessed,
            guint                slot,
            int                  radius,
            guint                strength,
            int                  scale,
            int                 *out_half)
{
  static const GdkRGBA other = { 0.467f, 0.463f, 0.482f, 1.f };
  guint key = ((guint) guessed << 27) | ((guint) kind << 24) | (slot << 16) | ((guint) radius << 8) |
              (strength << 4) | (guint) scale;
  const Sprite *sprite;
  const GdkRGBA *color;
  cairo_surface_t *surface;
  cairo_t *cr;
  double alpha = 0.4 + 0.55 * strength / (N_STRENGTHS - 1);
  int half = radius + 4;
  int size = 2 * half * scale;

  *out_half = half;
  sprite = g_hash_table_lookup (self->sprites, GUINT_TO_POINTER (key));
  if (sprite != NULL)
    return sprite;

  color = self->style != NULL ? chronomap_event_style_get_color (self->style, slot) : &other;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  chronomap_mark_draw (cr, kind == SPRITE_RING || kind == SPRITE_RING_HOVER, guessed,
                       kind == SPRITE_POINT_HOVER || kind == SPRITE_RING_HOVER, half, half, radius,
                       color, alpha);
  cairo_destroy (cr);

  return add_sprite (self, key, surface, scale);
}

/* A point's edge: white, heavier under the pointer, broken for a guess. */
static void
stroke_point_edge (cairo_t  *cr,
                   gboolean  guessed,
                   gboolean  hover,
                   double    x,
                   double    y,
                   double    radius)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, hover ? 1.0 : 0.8);
  cairo_set_line_width (cr, hover ? 3.0 : guessed ? 2.5 : 1.2);
  if (guessed)
    {
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, 0.14, 0.12, 0.17, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, GUESS_DASH, G_N_ELEMENTS (GUESS_DASH), 0);
    }
  cairo_stroke (cr);
}

/* The pie sprite's key: 5 bits a part, radius, strength, scale, hover,
 * guess. */
static gint64
pie_key (const Item *item,
         gboolean    hover,
         int         radius,
         guint       strength,
         int         scale)
{
  gint64 key = 0;

  for (guint s = 0; s < CHRONOMAP_EVENT_STYLE_N_SLOTS; s++)
    key |= (gint64) item->parts[s] << (5 * s);
  return key | (gint64) radius << 45 | (gint64) strength << 53 | (gint64) scale << 56 | (gint64) hover << 61 |
         (gint64) item->guessed << 62;
}

/* A cluster of several types' disc: a pie of them (see split_pie()). */
static const Sprite *
get_pie_sprite (ChronomapEventLayer *self,
                const Item          *item,
                gboolean             hover,
                int                  radius,
                guint                strength,
                int                  scale,
                int                 *out_half)
{
  const guint N = CHRONOMAP_EVENT_STYLE_N_SLOTS;
  gint64 key = pie_key (item, hover, radius, strength, scale);
  Sprite *sprite;
  double rgb[3 * CHRONOMAP_EVENT_STYLE_N_SLOTS];
  guint counts[CHRONOMAP_EVENT_STYLE_N_SLOTS];
  cairo_surface_t *surface;
  cairo_t *cr;
  int half = radius + 4;

  *out_half = half;
  sprite = g_hash_table_lookup (self->pie_sprites, &key);
  if (sprite != NULL)
    return sprite;

  for (guint s = 0; s < N; s++)
    {
      static const GdkRGBA other = { 0.467f, 0.463f, 0.482f, 1.f };
      const GdkRGBA *color = self->style != NULL ? chronomap_event_style_get_color (self->style, s) : &other;

      rgb[3 * s] = color->red;
      rgb[3 * s + 1] = color->green;
      rgb[3 * s + 2] = color->blue;
      counts[s] = item->parts[s];
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * half * scale, 2 * half * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  chronomap_mark_draw_pie (cr, item->guessed, hover, half, half, radius, rgb, counts, N,
                           0.4 + 0.55 * strength / (N_STRENGTHS - 1));
  cairo_destroy (cr);

  return cache_sprite (self->pie_sprites, MAX_SPRITES, g_memdup2 (&key, sizeof key), surface,
                       scale);
}

/**
 * chronomap_mark_draw:
 * @cr: where to draw
 * @ring: a ring (an approximate place) rather than a disc (a point)
 * @guessed: placed by a guess: paler, its edge broken
 * @hover: under the pointer: a heavier edge
 * @x: the centre
 * @y: the centre
 * @radius: in @cr's units
 * @color: the event type's colour
 * @alpha: how strong (older events are fainter)
 *
 * Draws one event's mark as the map does, for the map and its legend.
 */
void
chronomap_mark_draw (cairo_t       *cr,
                     gboolean       ring,
                     gboolean       guessed,
                     gboolean       hover,
                     double         x,
                     double         y,
                     double         radius,
                     const GdkRGBA *color,
                     double         alpha)
{
  cairo_save (cr);
  cairo_new_path (cr);
  if (!ring)
    {
      /* A guess is paler, and its edge broken: "maybe here". */
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, guessed ? 0.6 * alpha : alpha);
      cairo_fill (cr);
      stroke_point_edge (cr, guessed, hover, x, y, radius);
    }
  else
    {
      /* Hollow: "somewhere here" rather than a point. */
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
      cairo_set_line_width (cr, hover ? 3.5 : 2.5);
      if (guessed)
        cairo_set_dash (cr, GUESS_DASH, G_N_ELEMENTS (GUESS_DASH), 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/**
 * chronomap_mark_draw_pie:
 * @cr: where to draw
 * @guessed: every event placed by a guess: paler, its edge broken
 * @hover: under the pointer: a heavier edge
 * @x: the centre
 * @y: the centre
 * @radius: in @cr's units
 * @rgb: (array): each type's colour, red, green and blue
 * @counts: (array length=n): how many events of each type
 * @n: how many types
 * @alpha: how strong (older events are fainter)
 *
 * Draws the mark of events of several types at one place as the map
 * does: a disc cut as a pie, a slice each type, with a point's edge.
 */
void
chronomap_mark_draw_pie (cairo_t      *cr,
                         gboolean      guessed,
                         gboolean      hover,
                         double        x,
                         double        y,
                         double        radius,
                         const double *rgb,
                         const guint  *counts,
                         guint         n,
                         double        alpha)
{
  cairo_save (cr);
  chronomap_render_fill_pie (cr, x, y, radius, rgb, counts, n, guessed ? 0.6 * alpha : alpha);
  stroke_point_edge (cr, guessed, hover, x, y, radius);
  cairo_restore (cr);
}

/* Whether a box around (@x, @y) reaches into @clip (NULL: everywhere). */
static gboolean
reaches (const graphene_rect_t *clip,
         double                 x,
         double                 y,
         double                 half_width,
         double                 half_height)
{
  return clip == NULL ||
         (x + half_width >= clip->origin.x && x - half_width <= clip->origin.x + clip->size.width &&
          y + half_height >= clip->origin.y && y - half_height <= clip->origin.y + clip->size.height);
}

/* The shape of a soft area, to be filled with its colour: rasterising a
 * wide antialiased disc is what made a street-zoom frame slow in the
 * cairo renderer, and the few radii in a view repeat frame after frame. */
static cairo_surface_t *
get_area_mask (ChronomapEventLayer *self,
               double               radius,
               int                  scale)
{
  /* Quarter pixels: finer than the eye can tell, coarse enough to reuse. */
  guint quarters = (guint) lround (radius * 4);
  guint key = (quarters << 4) | (guint) scale;
  cairo_surface_t *mask = g_hash_table_lookup (self->area_masks, GUINT_TO_POINTER (key));
  int half = (int) ceil (quarters / 4.0) + 1;
  cairo_t *cr;

  if (mask != NULL)
    return mask;

  /* A view holds a handful of radii; this bounds what panning leaves. */
  if (g_hash_table_size (self->area_masks) >= MAX_AREA_MASKS)
    g_hash_table_remove_all (self->area_masks);

  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, 2 * half * scale, 2 * half * scale);
  cr = cairo_create (mask);
  cairo_scale (cr, scale, scale);
  cairo_arc (cr, half, half, quarters / 4.0, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_set_device_scale (mask, scale, scale);
  g_hash_table_insert (self->area_masks, GUINT_TO_POINTER (key), mask);
  return mask;
}

static void
draw_items (ChronomapEventLayer   *self,
            GtkSnapshot           *snapshot,
            cairo_t               *cr,
            const graphene_rect_t *clip)
{
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  for (guint k = 0; k < self->items->len; k++)
    {
      const Item *item = &g_array_index (self->items, Item, k);
      gboolean hovered = (int) k == self->hovered;
      /* Older events in the window fade so the newest read first. */
      guint strength = (guint) lround (item->strength * (N_STRENGTHS - 1));
      int radius = (int) lround (item->radius);
      SpriteKind kind;
      const Sprite *sprite;
      double x = round (item->x), y = round (item->y);
      double reach;
      int half;

      reach = MAX (item->area_radius, radius + 4.0) + 1;
      if (!reaches (clip, x, y, reach, reach))
        continue;

      if (item->area_radius > 0)
        {
          /* A faint wide disc for the area: large and few, so a node
           * rather than a big sprite to keep. */
          GskRoundedRect disc;
          GdkRGBA rgba = self->style != NULL ? *chronomap_event_style_get_color (self->style, item->slot)
                                             : (GdkRGBA) { 0.467f, 0.463f, 0.482f, 1.f };
          double r = item->area_radius;

          rgba.alpha = 0.16 * (0.4 + 0.55 * item->strength);
          if (cr != NULL)
            {
              cairo_surface_t *mask = get_area_mask (self, r, scale);
              double m = cairo_image_surface_get_width (mask) / (2.0 * scale);

              gdk_cairo_set_source_rgba (cr, &rgba);
              cairo_mask_surface (cr, mask, x - m, y - m);
            }
          else
            {
              gsk_rounded_rect_init_from_rect (&disc, &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r), r);
              gtk_snapshot_push_rounded_clip (snapshot, &disc);
              gtk_snapshot_append_color (snapshot, &rgba, &disc.bounds);
              gtk_snapshot_pop (snapshot);
            }
          kind = hovered ? SPRITE_RING_HOVER : SPRITE_RING;
        }
      else
        kind = hovered ? SPRITE_POINT_HOVER : SPRITE_POINT;

      if (item->mixed && item->area_radius == 0)
        sprite = get_pie_sprite (self, item, hovered, radius, strength, scale, &half);
      else
        sprite = get_sprite (self, kind, item->guessed, item->slot, radius, strength, scale, &half);
      stamp (snapshot, cr, sprite, x - half, y - half);
    }
}

/* Counts are stamped from one small texture per character (digits and
 * "k") and text colour, laid out once with Pango in the widget's font:
 * a text node per disc would shape and rasterise glyphs every frame in the
 * cairo renderer.  With @outline, the character's outline in a deeper
 * shade of its disc's colour (slot @slot), stamped under the characters:
 * a town's name drawn over the disc (see the labels field) must not hide
 * the count, nor the count the name. */
#define GLYPH_OUTLINE 2

static const Sprite *
get_glyph_sprite (ChronomapEventLayer *self,
                  char                 c,
                  gboolean             dark,
                  gboolean             outline,
                  guint                slot,
                  int                  scale)
{
  guint key = (1u << 31) | ((guint) self->large << 30) | ((outline ? slot + 1 : 0) << 16) |
              ((guint) (guchar) c << 8) | ((guint) dark << 4) | (guint) scale;
  const Sprite *sprite = g_hash_table_lookup (self->sprites, GUINT_TO_POINTER (key));
  g_autoptr(PangoLayout) layout = NULL;
  PangoAttrList *attrs;
  cairo_surface_t *surface;
  cairo_t *cr;
  char text[2] = { c, '\0' };
  int w, h, pad = outline ? GLYPH_OUTLINE : 0;

  if (sprite != NULL)
    return sprite;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (self->large ? 0.8 * LARGE_SCALE : 0.8));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &w, &h);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (MAX (1, w) + 2 * pad) * scale,
                                        (MAX (1, h) + 2 * pad) * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  if (outline)
    {
      const GdkRGBA *color = self->style != NULL ? chronomap_event_style_get_color (self->style, slot) : NULL;
      double shade = 0.6;

      if (color != NULL && !dark)
        cairo_set_source_rgba (cr, color->red * shade, color->green * shade, color->blue * shade, 1);
      else if (dark)
        cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      else
        cairo_set_source_rgba (cr, 0.2, 0.2, 0.2, 1);
      cairo_move_to (cr, pad, pad);
      pango_cairo_layout_path (cr, layout);
      cairo_set_line_width (cr, 1.5 * pad);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }
  else
    {
      if (dark)
        cairo_set_source_rgba (cr, 0, 0, 0, 0.85);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);

  return add_sprite (self, key, surface, scale);
}

/* Whether a cluster's count is drawn in its disc: one that fits it, to
 * be read. */
static gboolean
shows_count (const Item *item)
{
  return item->count >= 2 && item->radius >= 8.5;
}

static void
draw_counts (ChronomapEventLayer   *self,
             GtkSnapshot           *snapshot,
             cairo_t               *cr,
             const graphene_rect_t *clip)
{
  static const GdkRGBA white = { 1.f, 1.f, 1.f, 1.f };
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  for (guint k = 0; k < self->items->len; k++)
    {
      const Item *item = &g_array_index (self->items, Item, k);
      const GdkRGBA *color;
      gboolean dark;
      char text[16];
      int widths[16], total = 0, height = 0;
      double x, y;

      if (!shows_count (item))
        continue;

      if (item->count >= 10000)
        g_snprintf (text, sizeof text, "%uk", item->count / 1000);
      else
        g_snprintf (text, sizeof text, "%u", item->count);

      color = self->style != NULL ? chronomap_event_style_get_color (self->style, item->slot) : &white;
      /* Dark text on the light colours (yellow, green, orange). */
      dark = 0.299 * color->red + 0.587 * color->green + 0.114 * color->blue > 0.6;

      for (int i = 0; text[i] != '\0'; i++)
        {
          const Sprite *glyph = get_glyph_sprite (self, text[i], dark, FALSE, 0, scale);

          widths[i] = glyph->width;
          total += glyph->width;
          height = MAX (height, glyph->height);
        }

      /* the outline reaches GLYPH_OUTLINE pixels further */
      if (!reaches (clip, item->x, item->y, total / 2.0 + 1 + GLYPH_OUTLINE,
                    height / 2.0 + 1 + GLYPH_OUTLINE))
        continue;

      x = round (item->x - total / 2.0);
      y = round (item->y - height / 2.0);
      /* Looked up again: a full cache may have been emptied meanwhile.
       * The outlines first, so that none covers a character beside it. */
      for (int pass = 0; pass < 2; pass++)
        {
          double gx = x;

          for (int i = 0; text[i] != '\0'; i++)
            {
              if (pass == 0)
                stamp (snapshot, cr, get_glyph_sprite (self, text[i], dark, TRUE, item->slot, scale),
                       gx - GLYPH_OUTLINE, y - GLYPH_OUTLINE);
              else
                stamp (snapshot, cr, get_glyph_sprite (self, text[i], dark, FALSE, 0, scale), gx, y);
              gx += widths[i];
            }
        }
    }
}

static gboolean
renderer_is_cairo (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

/* GTK 4.8's cairo renderer copies a texture node's pixels into a new
 * surface each time it draws it, and composites it padded (pixman's slow
 * path): a frame of a few hundred stamps spent most of its time there.
 * So for that renderer the discs and counts go into cairo nodes that
 * composite the kept surfaces directly; GL keeps textures uploaded, so
 * nodes stay the cheap way there.  A cairo node is replayed through a
 * scratch image as large as what it drew: one node for the whole view
 * meant a fresh 4 MB image (page faults, clearing, one more full-screen
 * blend) per frame at street zoom, where areas reach every corner.  Tiles
 * of 256² keep each scratch image small; every pixel belongs to one tile,
 * drawn in the same order, so the picture is the same. */
/* New pie pictures a frame draws at most: a million events of eight
 * types in random places gave a hundred new mixes a frame, each to draw
 * and upload.  A cluster left without its pie is drawn as a disc of its
 * main type, for a frame or two, until one has drawn its pie. */
#define MAX_NEW_PIES 4

static gboolean
redraw_cb (gpointer data)
{
  ChronomapEventLayer *self = data;

  self->redraw_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
prepare_pies (ChronomapEventLayer *self)
{
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  guint made = 0;

  for (guint k = 0; k < self->items->len; k++)
    {
      Item *item = &g_array_index (self->items, Item, k);
      guint strength = (guint) lround (item->strength * (N_STRENGTHS - 1));
      int radius = (int) lround (item->radius), half;
      gint64 key;

      if (!item->mixed || item->area_radius > 0)
        continue;
      key = pie_key (item, (int) k == self->hovered, radius, strength, scale);
      if (g_hash_table_contains (self->pie_sprites, &key))
        continue;
      if (made < MAX_NEW_PIES)
        {
          get_pie_sprite (self, item, (int) k == self->hovered, radius, strength, scale, &half);
          made++;
        }
      else
        {
          item->mixed = FALSE;
          if (self->redraw_id == 0)
            self->redraw_id = g_idle_add (redraw_cb, self);
        }
    }
}

/* A town's dot and name as the basemap draws it (its name alone once
 * moved off a mark), kept as a picture: a frame only places the pictures
 * of the names in view. */
static const Sprite *
get_label_sprite (ChronomapEventLayer         *self,
                  const ChronomapBasemapLabel *label,
                  int                          scale)
{
  /* ids keep below 1 << 28 (zoom levels to 14), leaving a bit for the
   * name alone and three for the scale (one layer has one scale at a
   * time: any past 7 share) */
  G_STATIC_ASSERT (CHRONOMAP_BASEMAP_MAX_LABEL_ZOOM < 16);
  guint key = ((guint) MIN (scale, 7) << 29) | ((guint) label->moved << 28) | label->id;
  const Sprite *sprite = g_hash_table_lookup (self->label_sprites, GUINT_TO_POINTER (key));
  cairo_surface_t *surface;
  cairo_t *cr;
  int pad = CHRONOMAP_BASEMAP_LABEL_HALO;

  if (sprite != NULL)
    return sprite;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        ((int) ceil (label->width) + 2 * pad) * scale,
                                        ((int) ceil (label->height) + 2 * pad) * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, pad, pad);
  if (label->moved)
    chronomap_basemap_draw_label_name (self->basemap, cr, self->label_style, label->id);
  else
    chronomap_basemap_draw_label (self->basemap, cr, self->label_style, label->id);
  cairo_destroy (cr);

  return cache_sprite (self->label_sprites, MAX_LABEL_SPRITES, GUINT_TO_POINTER (key), surface,
                       scale);
}

static gint64
frame_time (ChronomapEventLayer *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
}

static gboolean
animations_enabled (ChronomapEventLayer *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static gboolean
glide_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/* Frames while a name glides, and none once the names are still. */
static void
set_gliding (ChronomapEventLayer *self,
             gboolean             gliding)
{
  if (gliding && self->glide_tick_id == 0)
    self->glide_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), glide_tick_cb, NULL, NULL);
  else if (!gliding && self->glide_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->glide_tick_id);
      self->glide_tick_id = 0;
    }
}

/* The towns' names of the offline basemap (see the labels field), out of
 * the marks on their dots, and on their way there (chronomap-label-glides.c). */
static GArray *
visible_labels (ChronomapEventLayer *self,
                int                  width,
                int                  height,
                gboolean             drawing)
{
  double world_size, origin_x, origin_y;
  GArray *labels;
  g_autofree ChronomapBasemapMark *marks = NULL;
  guint n_marks = 0;
  gboolean gliding;

  if (!self->labels || self->basemap == NULL)
    {
      /* no names drawn: none is anywhere to glide from when they are back */
      if (drawing)
        {
          chronomap_label_glides_forget (self->label_glides);
          set_gliding (self, FALSE);
        }
      return NULL;
    }
  view_origin (self, width, height, &world_size, &origin_x, &origin_y);
  labels = chronomap_basemap_get_labels (self->basemap,
                                         log2 (world_size / CHRONOMAP_BASEMAP_TILE_SIZE),
                                         origin_x, origin_y, width, height);

  /* the names out of the marks on their towns' dots, as exports put them */
  if (labels->len > 0 && self->items->len > 0)
    {
      marks = g_new (ChronomapBasemapMark, self->items->len);
      for (guint k = 0; k < self->items->len; k++)
        {
          const Item *item = &g_array_index (self->items, Item, k);

          if (item->x + item->radius < -20 || item->y + item->radius < -20 ||
              item->x - item->radius > width + 20 || item->y - item->radius > height + 20)
            continue;
          marks[n_marks].x = item->x;
          marks[n_marks].y = item->y;
          marks[n_marks].radius = item->radius + 1.0;
          marks[n_marks].counted = shows_count (item);
          n_marks++;
        }
      chronomap_basemap_labels_clear_marks (labels, width, height, marks, n_marks);
    }

  /* on their way there: at once where the desktop has no animations */
  chronomap_label_glides_set_duration (self->label_glides, animations_enabled (self) ? self->glide_ms : 0);
  gliding = chronomap_label_glides_apply (self->label_glides, labels, world_size, frame_time (self),
                                          drawing);
  if (drawing)
    set_gliding (self, gliding);
  return labels;
}

static void
draw_labels (ChronomapEventLayer   *self,
             GtkSnapshot           *snapshot,
             cairo_t               *cr,
             const graphene_rect_t *clip,
             const GArray          *labels)
{
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  int pad = CHRONOMAP_BASEMAP_LABEL_HALO;

  /* the dots that names glide back to: a few, for a quarter of a second,
   * under the names as in a whole label */
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const ChronomapBasemapLabel *label = &g_array_index (labels, ChronomapBasemapLabel, i);
      int reach = CHRONOMAP_BASEMAP_DOT_REACH;
      cairo_t *dot_cr = cr;

      if (!label->lone_dot || !reaches (clip, label->dot_x, label->dot_y, reach, reach))
        continue;
      if (cr == NULL)
        dot_cr = gtk_snapshot_append_cairo (snapshot,
                                            &GRAPHENE_RECT_INIT (label->dot_x - reach,
                                                                 label->dot_y - reach, 2 * reach,
                                                                 2 * reach));
      cairo_save (dot_cr);
      cairo_translate (dot_cr, label->dot_x, label->dot_y);
      chronomap_basemap_draw_label_dot (self->basemap, dot_cr, self->label_style, label->id);
      cairo_restore (dot_cr);
      if (cr == NULL)
        cairo_destroy (dot_cr);
    }

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const ChronomapBasemapLabel *label = &g_array_index (labels, ChronomapBasemapLabel, i);

      /* a country's name stays in the tiles, under the events */
      if (!label->town ||
          !reaches (clip, label->x + label->width / 2, label->y + label->height / 2,
                    label->width / 2 + pad, label->height / 2 + pad))
        continue;
      /* whole pixels: a texture between them is drawn blurred */
      stamp (snapshot, cr, get_label_sprite (self, label, scale), round (label->x) - pad,
             round (label->y) - pad);
    }
}

/* Where the ring round the selected event goes, if it is in view:
 * inside a cluster round the cluster's disc, not across its count (the
 * disc under the event, the nearest if several are). */
typedef struct
{
  double x;
  double y;
  double radius;
} Ring;

static gboolean
selection_ring (ChronomapEventLayer *self,
                int                  width,
                int                  height,
                Ring                *ring)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  const ChronomapEvent *e;
  double x, y, best = G_MAXDOUBLE;

  if (self->store == NULL || self->selected < 0 || (guint) self->selected >= self->n_events ||
      isnan (self->world[2 * self->selected]))
    return FALSE;

  e = chronomap_event_store_get_event (self->store, self->selected);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), e->latitude,
                                              e->longitude, &x, &y);
  if (x < -20 || y < -20 || x > width + 20 || y > height + 20)
    return FALSE;

  ring->x = x;
  ring->y = y;
  ring->radius = 16.0;
  for (guint k = 0; k < self->items->len; k++)
    {
      const Item *item = &g_array_index (self->items, Item, k);
      double d = hypot (item->x - x, item->y - y);

      if (item->count > 1 && d <= item->radius && d < best)
        {
          best = d;
          ring->x = item->x;
          ring->y = item->y;
          ring->radius = MAX (16.0, item->radius + 4.0);
        }
    }
  return TRUE;
}

/* The ring, white round dark, over the marks and under the towns' names:
 * Raqqa's name stays whole when its event is picked. */
static void
draw_ring (GtkSnapshot *snapshot,
           cairo_t     *cr,
           const Ring  *ring)
{
  static const GdkRGBA white = { 1.f, 1.f, 1.f, 1.f };
  static const GdkRGBA dark = { 0.1f, 0.1f, 0.12f, 1.f };

  if (cr == NULL)
    {
      append_ring (snapshot, ring->x, ring->y, ring->radius, 5.0, &white, 0.95);
      append_ring (snapshot, ring->x, ring->y, ring->radius - 1.5, 2.5, &dark, 1.0);
      return;
    }
  /* as the border nodes above: inside the circle of the radius given */
  cairo_new_path (cr);
  cairo_arc (cr, ring->x, ring->y, ring->radius - 2.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, 5.0);
  cairo_stroke (cr);
  cairo_arc (cr, ring->x, ring->y, ring->radius - 1.5 - 1.25, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &dark);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
}

/* The marks, the ring round the picked one, the towns' names, the
 * counts: in that order from the bottom. */
static void
draw_layer (ChronomapEventLayer *self,
            GtkSnapshot         *snapshot,
            int                  width,
            int                  height)
{
  g_autoptr(GArray) labels = visible_labels (self, width, height, TRUE);
  Ring ring;
  gboolean selected = selection_ring (self, width, height, &ring);

  if (self->items->len == 0 && labels == NULL && !selected)
    return;

  prepare_pies (self);
  if (!renderer_is_cairo (GTK_WIDGET (self)))
    {
      draw_items (self, snapshot, NULL, NULL);
      if (selected)
        draw_ring (snapshot, NULL, &ring);
      draw_labels (self, snapshot, NULL, NULL, labels);
      draw_counts (self, snapshot, NULL, NULL);
      return;
    }

  for (int ty = 0; ty < height; ty += TILE)
    for (int tx = 0; tx < width; tx += TILE)
      {
        graphene_rect_t tile = GRAPHENE_RECT_INIT (tx, ty, MIN (TILE, width - tx), MIN (TILE, height - ty));
        cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &tile);

        draw_items (self, snapshot, cr, &tile);
        if (selected && reaches (&tile, ring.x, ring.y, ring.radius, ring.radius))
          draw_ring (snapshot, cr, &ring);
        draw_labels (self, snapshot, cr, &tile, labels);
        draw_counts (self, snapshot, cr, &tile);
        cairo_destroy (cr);
      }
}

static void
viewport_changed_cb (ChronomapEventLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
positions_changed_cb (ChronomapEventLayer *self,
                      ChronomapEventStore *store)
{
  guint old = self->n_placed;

  project_events (self);
  if (old != self->n_placed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PLACED]);
  update_visible (self);
}

/* From the map's coordinates (where input arrives) to the layer's. */
static int
find_item_at (ChronomapEventLayer *self,
              double               x,
              double               y)
{
  graphene_point_t p;

  if (self->input_widget != NULL &&
      gtk_widget_compute_point (self->input_widget, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &p))
    return find_item (self, p.x, p.y);
  return find_item (self, x, y);
}

/* The pointer over the marks: a hand over one, unless hidden. */
static void
update_cursor (ChronomapEventLayer *self)
{
  if (self->input_widget != NULL)
    gtk_widget_set_cursor_from_name (self->input_widget, self->pointer_hidden ? "none" :
                                                         self->hovered >= 0 ? "pointer" : NULL);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ChronomapEventLayer      *self)
{
  int hovered = find_item_at (self, x, y);

  if (hovered != self->hovered)
    {
      self->hovered = hovered;
      update_cursor (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          ChronomapEventLayer      *self)
{
  if (self->hovered >= 0)
    {
      self->hovered = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* The events the marker @k of the last frame stands for, in the order
 * of the visible ones: those binned into its cell and into the cells
 * folded into it, as build_items() binned them. */
static GArray *
item_events (ChronomapEventLayer *self,
             int                  k)
{
  const Item *item = &g_array_index (self->items, Item, k);
  const Grid *g = &self->grid;
  GArray *events = g_array_sized_new (FALSE, FALSE, sizeof (guint32), item->count);

  for (guint v = 0; v < self->visible->len; v++)
    {
      guint32 i = g_array_index (self->visible, guint32, v);
      gint64 gx = (gint64) floor (self->world[2 * i] * g->world_size / g->cell) - g->x0;
      gint64 gy = (gint64) floor (self->world[2 * i + 1] * g->world_size / g->cell) - g->y0;
      guint32 n;

      if (gx < 0 || gy < 0 || gx >= g->w || gy >= g->h)
        continue;
      n = (guint32) (gy * g->w + gx);
      if (self->cells[n].into != 0)
        n = self->cells[n].into - 1;
      if (n == item->cell)
        g_array_append_val (events, i);
    }
  return events;
}

/* What a click on the marker @k does: says which events it stands for,
 * then selects the newest. */
static void
pick_item (ChronomapEventLayer *self,
           int                  k)
{
  g_autoptr(GArray) events = item_events (self, k);
  guint32 representative = g_array_index (self->items, Item, k).representative;

  g_signal_emit (self, signals[SIGNAL_PICKED], 0, events, representative);
  chronomap_event_layer_set_selected (self, representative);
}

static void
released_cb (GtkGestureClick     *gesture,
             int                  n_press,
             double               x,
             double               y,
             ChronomapEventLayer *self)
{
  int k = find_item_at (self, x, y);

  if (k < 0)
    return;

  pick_item (self, k);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* What the marker @k stands for, as its tooltip says. */
static char *
describe_item (ChronomapEventLayer *self,
               int                  k)
{
  const Item *item = &g_array_index (self->items, Item, k);
  const ChronomapEvent *e = chronomap_event_store_get_event (self->store, item->representative);
  const char *place = chronomap_event_store_get_string (self->store, e->location);
  /* written as the window and the timeline write dates, not ISO */
  g_autofree char *day = chronomap_date_label (e->start, e->date_precision);

  /* a cluster is named after the place most of it happened at */
  if (item->count > 1)
    {
      g_autoptr(GArray) events = item_events (self, k);

      place = chronomap_event_store_get_string (self->store,
                                                chronomap_event_store_main_location (self->store,
                                                                                     (const guint32 *) events->data,
                                                                                     events->len,
                                                                                     item->representative));
    }
  if (place == NULL || *place == '\0')
    place = _("Unknown place");
  if (item->count == 1)
    return g_strdup_printf ("%s\n%s · %s",
                            chronomap_event_type_label (chronomap_event_store_get_string (self->store,
                                                                                          e->event_type)),
                            place, day);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u event around %s\nnewest %s",
                                       "%u events around %s\nnewest %s",
                                       item->count),
                          item->count, place, day);
}

static gboolean
query_tooltip_cb (GtkWidget           *widget,
                  int                  x,
                  int                  y,
                  gboolean             keyboard,
                  GtkTooltip          *tooltip,
                  ChronomapEventLayer *self)
{
  g_autofree char *text = NULL;
  const Item *item;
  graphene_point_t centre;
  int k = find_item_at (self, x, y);

  if (k < 0 || self->store == NULL)
    return FALSE;

  item = &g_array_index (self->items, Item, k);
  text = describe_item (self, k);
  gtk_tooltip_set_text (tooltip, text);
  /* the tooltip belongs to this marker: moving to the next one moves it */
  if (gtk_widget_compute_point (GTK_WIDGET (self), widget, &GRAPHENE_POINT_INIT (item->x, item->y), &centre))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                (int) floor (centre.x - item->radius), (int) floor (centre.y - item->radius),
                                (int) ceil (2 * item->radius), (int) ceil (2 * item->radius) });
  return TRUE;
}

static void
chronomap_event_layer_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ChronomapEventLayer *self = CHRONOMAP_EVENT_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return;

  if (self->store != NULL)
    build_items (self, width, height);
  else
    g_array_set_size (self->items, 0);
  draw_layer (self, snapshot, width, height);
}

/* libshumate 1.0's ShumateMap is what GTK picks under the pointer, never
 * its layers, so the layer listens on the map (its parent, same origin). */
static void
chronomap_event_layer_realize (GtkWidget *widget)
{
  ChronomapEventLayer *self = CHRONOMAP_EVENT_LAYER (widget);

  GTK_WIDGET_CLASS (chronomap_event_layer_parent_class)->realize (widget);

  self->input_widget = gtk_widget_get_parent (widget);
  if (self->input_widget == NULL)
    return;

  self->motion = gtk_event_controller_motion_new ();
  g_signal_connect (self->motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (self->motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (self->input_widget, self->motion);

  self->click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->click), GDK_BUTTON_PRIMARY);
  g_signal_connect (self->click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (self->input_widget, GTK_EVENT_CONTROLLER (self->click));

  gtk_widget_set_has_tooltip (self->input_widget, TRUE);
  g_signal_connect_object (self->input_widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, 0);
}

static void
chronomap_event_layer_unrealize (GtkWidget *widget)
{
  ChronomapEventLayer *self = CHRONOMAP_EVENT_LAYER (widget);

  if (self->input_widget != NULL)
    {
      gtk_widget_remove_controller (self->input_widget, self->motion);
      gtk_widget_remove_controller (self->input_widget, GTK_EVENT_CONTROLLER (self->click));
      g_signal_handlers_disconnect_by_func (self->input_widget, query_tooltip_cb, self);
      self->motion = NULL;
      self->click = NULL;
      self->input_widget = NULL;
    }

  GTK_WIDGET_CLASS (chronomap_event_layer_parent_class)->unrealize (widget);
}

static void
basemap_load_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  ChronomapBasemap *basemap = chronomap_basemap_get_default (&error);

  if (basemap == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Each zoom level's placing of the names is worked out once, taking
   * 15 to 60 ms: here rather than in the frame that first needs it. */
  for (int zoom = 0; zoom <= CHRONOMAP_BASEMAP_MAX_LABEL_ZOOM &&
                     !g_cancellable_is_cancelled (cancellable); zoom++)
    g_array_unref (chronomap_basemap_get_labels (basemap, zoom, 0, 0, 1, 1));
  g_task_return_pointer (task, basemap, g_object_unref);
}

static void
basemap_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  ChronomapBasemap *basemap = g_task_propagate_pointer (G_TASK (result), &error);
  ChronomapEventLayer *self;

  if (basemap == NULL)
    {
      /* the tiles, loading the same data, say what is wrong with it */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No towns' names: %s", error->message);
      return;
    }
  self = CHRONOMAP_EVENT_LAYER (object);
  g_clear_object (&self->basemap_load);
  self->basemap = basemap;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The offline basemap leaves the towns' names to this layer. */
static void
reference_source_changed_cb (ChronomapEventLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  ChronomapBasemapStyle style = CHRONOMAP_BASEMAP_STYLE_LIGHT;
  gboolean labels = source != NULL && chronomap_map_source_get_offline_style (source, &style);

  if (labels == self->labels && style == self->label_style)
    return;
  self->labels = labels;
  self->label_style = style;
  g_hash_table_remove_all (self->label_sprites);
  chronomap_label_glides_forget (self->label_glides);
  /* The shared basemap takes a fifth of a second to load the first time:
   * on a worker, as the tiles do, not before the window's first frame. */
  if (labels && self->basemap == NULL && self->basemap_load == NULL)
    {
      g_autoptr(GTask) task = NULL;

      self->basemap_load = g_cancellable_new ();
      task = g_task_new (self, self->basemap_load, basemap_loaded_cb, NULL);
      g_task_set_source_tag (task, reference_source_changed_cb);
      g_task_run_in_thread (task, basemap_load_thread);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
chronomap_event_layer_constructed (GObject *object)
{
  ChronomapEventLayer *self = CHRONOMAP_EVENT_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (chronomap_event_layer_parent_class)->constructed (object);

  /* libshumate 1.0 has no viewport "changed" signal (1.6): any property
   * (centre, zoom, rotation) means a new frame. */
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (viewport_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::reference-map-source",
                           G_CALLBACK (reference_source_changed_cb), self, G_CONNECT_SWAPPED);
  reference_source_changed_cb (self);
}

static void
chronomap_event_layer_dispose (GObject *object)
{
  ChronomapEventLayer *self = CHRONOMAP_EVENT_LAYER (object);

  g_clear_handle_id (&self->redraw_id, g_source_remove);
  set_gliding (self, FALSE);
  g_cancellable_cancel (self->basemap_load);
  g_clear_object (&self->basemap_load);
  g_clear_object (&self->basemap);
  g_clear_object (&self->store);
  g_clear_object (&self->style);
  g_clear_pointer (&self->mask, g_bytes_unref);

  G_OBJECT_CLASS (chronomap_event_layer_parent_class)->dispose (object);
}

static void
chronomap_event_layer_finalize (GObject *object)
{
  ChronomapEventLayer *self = CHRONOMAP_EVENT_LAYER (object);

  g_free (self->world);
  g_free (self->cells);
  g_array_unref (self->visible);
  g_array_unref (self->items);
  g_hash_table_unref (self->sprites);
  g_hash_table_unref (self->pie_sprites);
  g_hash_table_unref (self->area_masks);
  g_hash_table_unref (self->label_sprites);
  chronomap_label_glides_free (self->label_glides);

  G_OBJECT_CLASS (chronomap_event_layer_parent_class)->finalize (object);
}

static void
chronomap_event_layer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ChronomapEventLayer *self = CHRONOMAP_EVENT_LAYER (object);

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
    case PROP_MASK:
      g_value_set_boxed (value, self->mask);
      break;
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PROP_N_PLACED:
      g_value_set_uint (value, self->n_placed);
      break;
    case PROP_N_VISIBLE:
      g_value_set_uint (value, self->visible->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronomap_event_layer_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ChronomapEventLayer *self = CHRONOMAP_EVENT_LAYER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      chronomap_event_layer_set_store (self, g_value_get_object (value));
      break;
    case PROP_STYLE:
      chronomap_event_layer_set_style (self, g_value_get_object (value));
      break;
    case PROP_FROM:
      chronomap_event_layer_set_window (self, g_value_get_int (value), self->to);
      break;
    case PROP_TO:
      chronomap_event_layer_set_window (self, self->from, g_value_get_int (value));
      break;
    case PROP_MASK:
      chronomap_event_layer_set_mask (self, g_value_get_boxed (value));
      break;
    case PROP_SELECTED:
      chronomap_event_layer_set_selected (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronomap_event_layer_class_init (ChronomapEventLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = chronomap_event_layer_constructed;
  object_class->dispose = chronomap_event_layer_dispose;
  object_class->finalize = chronomap_event_layer_finalize;
  object_class->get_property = chronomap_event_layer_get_property;
  object_class->set_property = chronomap_event_layer_set_property;

  widget_class->snapshot = chronomap_event_layer_snapshot;
  widget_class->realize = chronomap_event_layer_realize;
  widget_class->unrealize = chronomap_event_layer_unrealize;

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
    g_param_spec_int ("to", NULL, NULL, G_MININT32, G_MAXINT32, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MASK] =
    g_param_spec_boxed ("mask", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PLACED] =
    g_param_spec_uint ("n-placed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_VISIBLE] =
    g_param_spec_uint ("n-visible", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronomapEventLayer::picked:
   * @self: the layer
   * @events: (element-type guint32): the events of the marker clicked,
   *   one or a cluster's, in the order of the time window's
   * @representative: the one of them selected next, the newest, which
   *   the marker's tooltip names
   *
   * A marker was clicked (or chronomap_event_layer_pick_at() called); its
   * newest event is selected next.
   */
  signals[SIGNAL_PICKED] =
    g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_ARRAY, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "chronomap-event-layer");
}

static void
chronomap_event_layer_init (ChronomapEventLayer *self)
{

  self->from = 0;
  self->to = -1;
  self->selected = -1;
  self->hovered = -1;
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->sprites = g_hash_table_new_full (NULL, NULL, NULL, sprite_free);
  self->pie_sprites = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, sprite_free);
  self->area_masks = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  self->label_sprites = g_hash_table_new_full (NULL, NULL, NULL, sprite_free);
  self->glide_ms = CHRONOMAP_LABEL_GLIDE_MS;
  self->label_glides = chronomap_label_glides_new (self->glide_ms);
}

/**
 * chronomap_event_layer_new:
 * @viewport: the map's viewport
 *
 * Returns: (transfer full): a layer showing no events until given a store
 */
ChronomapEventLayer *
chronomap_event_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (CHRONOMAP_TYPE_EVENT_LAYER, "viewport", viewport, NULL);
}

void
chronomap_event_layer_set_store (ChronomapEventLayer *self,
                                 ChronomapEventStore *store)
{
  g_return_if_fail (CHRONOMAP_IS_EVENT_LAYER (self));
  g_return_if_fail (store == NULL || CHRONOMAP_IS_EVENT_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, positions_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "positions-changed", G_CALLBACK (positions_changed_cb), self,
                             G_CONNECT_SWAPPED);

  self->selected = -1;
  project_events (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PLACED]);
  update_visible (self);
}

void
chronomap_event_layer_set_style (ChronomapEventLayer *self,
                                 ChronomapEventStyle *style)
{
  g_return_if_fail (CHRONOMAP_IS_EVENT_LAYER (self));

  if (g_set_object (&self->style, style))
    {
      g_hash_table_remove_all (self->sprites);
      g_hash_table_remove_all (self->pie_sprites);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
    }
}

/**
 * chronomap_event_layer_set_window:
 * @from: first day shown
 * @to: last day shown, inclusive
 *
 * Shows the events overlapping [@from, @to].
 */
void
chronomap_event_layer_set_window (ChronomapEventLayer *self,
                                  gint32               from,
                                  gint32               to)
{
  gboolean from_changed, to_changed;

  g_return_if_fail (CHRONOMAP_IS_EVENT_LAYER (self));

  from_changed = self->from != from;
  to_changed = self->to != to;
  if (!from_changed && !to_changed)
    return;

  self->from = from;
  self->to = to;
  update_visible (self);
  if (from_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
  if (to_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
}

gint32
chronomap_event_layer_get_from (ChronomapEventLayer *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), 0);
  return self->from;
}

gint32
chronomap_event_layer_get_to (ChronomapEventLayer *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), 0);
  return self->to;
}

/**
 * chronomap_event_layer_set_mask:
 * @mask: (nullable): one byte per event, zero to hide it; %NULL shows all
 */
void
chronomap_event_layer_set_mask (ChronomapEventLayer *self,
                                GBytes              *mask)
{
  g_return_if_fail (CHRONOMAP_IS_EVENT_LAYER (self));

  if (self->mask == mask)
    return;

  g_clear_pointer (&self->mask, g_bytes_unref);
  if (mask != NULL)
    self->mask = g_bytes_ref (mask);
  update_visible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASK]);
}

int
chronomap_event_layer_get_selected (ChronomapEventLayer *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), -1);
  return self->selected;
}

void
chronomap_event_layer_set_selected (ChronomapEventLayer *self,
                                    int                  selected)
{
  g_return_if_fail (CHRONOMAP_IS_EVENT_LAYER (self));

  if (self->selected == selected)
    return;

  self->selected = selected;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/**
 * chronomap_event_layer_set_large:
 * @large: whether to draw the marks large
 *
 * Draws the marks and their counts half as large again, clustered over
 * as much larger cells: for a map shown to a room, full screen.
 */
void
chronomap_event_layer_set_large (ChronomapEventLayer *self,
                                 gboolean             large)
{
  g_return_if_fail (CHRONOMAP_IS_EVENT_LAYER (self));

  if (self->large == !!large)
    return;
  self->large = !!large;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * chronomap_event_layer_set_pointer_hidden:
 * @hidden: whether the pointer shows over the map
 *
 * Hides the pointer over the map, the hand over a mark too, which its
 * window's own cursor does not, and the marks' tooltips: while
 * presenting, once the pointer rests.
 */
void
chronomap_event_layer_set_pointer_hidden (ChronomapEventLayer *self,
                                          gboolean             hidden)
{
  g_return_if_fail (CHRONOMAP_IS_EVENT_LAYER (self));

  self->pointer_hidden = !!hidden;
  update_cursor (self);
  /* nor an event's tooltip under a pointer left resting */
  if (self->input_widget != NULL)
    gtk_widget_set_has_tooltip (self->input_widget, !self->pointer_hidden);
}

guint
chronomap_event_layer_get_n_placed (ChronomapEventLayer *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), 0);
  return self->n_placed;
}

/**
 * chronomap_event_layer_get_n_marks:
 *
 * Returns: how many marks (single events and clusters) the last frame drew
 */
guint
chronomap_event_layer_get_n_marks (ChronomapEventLayer *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), 0);
  return self->items->len;
}

/**
 * chronomap_event_layer_get_n_visible:
 *
 * Returns: how many events of the window the layer places on the map
 *   (unplaced events are left out, never drawn at 0,0)
 */
guint
chronomap_event_layer_get_n_visible (ChronomapEventLayer *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), 0);
  return self->visible->len;
}

/**
 * chronomap_event_layer_get_visible:
 *
 * Returns: (transfer none) (element-type guint32): the indices of the
 *   events drawn, in time order
 */
const GArray *
chronomap_event_layer_get_visible (ChronomapEventLayer *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), NULL);
  return self->visible;
}

/**
 * chronomap_event_layer_set_label_glide:
 * @milliseconds: how long a town's name takes to move out of a mark on its
 *   dot, or back; 0 to move it at once
 *
 * Names glide for a quarter of a second unless told otherwise here, or
 * unless the desktop turns animations off.
 */
void
chronomap_event_layer_set_label_glide (ChronomapEventLayer *self,
                                       guint                milliseconds)
{
  g_return_if_fail (CHRONOMAP_IS_EVENT_LAYER (self));

  self->glide_ms = milliseconds;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * chronomap_event_layer_get_labels:
 *
 * Returns: (transfer full) (nullable) (element-type ChronomapBasemapLabel):
 *   the towns' names the layer draws over the marks at its size, where
 *   it draws them (a name on its way out of a mark where it was at the
 *   last frame); %NULL when the map is not the offline one
 */
GArray *
chronomap_event_layer_get_labels (ChronomapEventLayer *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), NULL);
  return visible_labels (self, gtk_widget_get_width (GTK_WIDGET (self)),
                         gtk_widget_get_height (GTK_WIDGET (self)), FALSE);
}

/**
 * chronomap_event_layer_get_n_drawn:
 *
 * Returns: the number of discs and areas in the last frame
 */
guint
chronomap_event_layer_get_n_drawn (ChronomapEventLayer *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), 0);
  return self->items->len;
}

/**
 * chronomap_event_layer_pick_at:
 * @x: a position in the layer
 * @y: a position in the layer
 *
 * Does what a click at @x, @y does: the marker there emits
 * #ChronomapEventLayer::picked with its events and selects the newest.
 *
 * Returns: whether a marker is there
 */
gboolean
chronomap_event_layer_pick_at (ChronomapEventLayer *self,
                               double               x,
                               double               y)
{
  int k;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), FALSE);

  if (self->store == NULL || (k = find_item (self, x, y)) < 0)
    return FALSE;
  pick_item (self, k);
  return TRUE;
}

/**
 * chronomap_event_layer_describe_at:
 * @x: a position in the layer
 * @y: a position in the layer
 *
 * What the marker at @x, @y stands for, as its tooltip says ("Battles\n
 * Hajin · 20 Mar 2019", "8 events around Baghouz\nnewest 23 Mar 2019").
 *
 * Returns: (transfer full) (nullable): the text; %NULL where no marker is
 */
char *
chronomap_event_layer_describe_at (ChronomapEventLayer *self,
                                   double               x,
                                   double               y)
{
  int k;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LAYER (self), NULL);

  if (self->store == NULL || (k = find_item (self, x, y)) < 0)
    return NULL;
  return describe_item (self, k);
}
