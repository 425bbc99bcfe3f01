/* test-basemap.c: the offline basemap's tiles, checked by their pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "chronomap-basemap.h"
#include "chronomap-label-glides.h"

typedef struct
{
  const char *name;
  double      lat;
  double      lon;
} Place;

/* Raqqa, on the Euphrates, and Paris; the sea 85 km west of Beirut and the
 * middle of the North Atlantic. */
static const Place land_places[] = {
  { "Raqqa", 35.9528, 39.0079 },
  { "Paris", 48.8566, 2.3522 },
};
static const Place water_places[] = {
  { "Mediterranean off Beirut", 34.0, 34.6 },
  { "Atlantic", 40.0, -40.0 },
};

static const int test_zooms[] = { 0, 3, 6 };

static ChronomapBasemap *
get_basemap (void)
{
  g_autoptr(GError) error = NULL;
  ChronomapBasemap *basemap = chronomap_basemap_get_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (basemap);
  return basemap;
}

static cairo_surface_t *
render_tile_layers (ChronomapBasemap       *basemap,
                    ChronomapBasemapStyle   style,
                    ChronomapBasemapLayers  layers,
                    int                     zoom,
                    int                     x,
                    int                     y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);

  chronomap_basemap_draw_tile (basemap, cr, style, layers, zoom, x, y, 256);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
render_tile (ChronomapBasemap      *basemap,
             ChronomapBasemapStyle  style,
             int                    zoom,
             int                    x,
             int                    y)
{
  return render_tile_layers (basemap, style, CHRONOMAP_BASEMAP_LAYER_ALL, zoom, x, y);
}

static void
read_pixel (cairo_surface_t *surface,
            int              x,
            int              y,
            double           rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  pixel = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);
  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;
}

static double
color_distance (const double a[3],
                const double b[3])
{
  return sqrt ((a[0] - b[0]) * (a[0] - b[0]) +
               (a[1] - b[1]) * (a[1] - b[1]) +
               (a[2] - b[2]) * (a[2] - b[2]));
}

/* The style's land and sea colours, read back from tiles that are all land
 * (central Sahara at zoom 6) and all sea (South Pacific), so the test does
 * not repeat the palette. */
static void
reference_colors (ChronomapBasemap      *basemap,
                  ChronomapBasemapStyle  style,
                  double                 land[3],
                  double                 sea[3])
{
  cairo_surface_t *s;
  double wx, wy;

  chronomap_basemap_lat_lon_to_world (23.0, 17.0, 6, &wx, &wy);
  s = render_tile (basemap, style, 6, (int) (wx / 256), (int) (wy / 256));
  read_pixel (s, 1, 1, land);
  cairo_surface_destroy (s);

  chronomap_basemap_lat_lon_to_world (-45.0, -130.0, 6, &wx, &wy);
  s = render_tile (basemap, style, 6, (int) (wx / 256), (int) (wy / 256));
  read_pixel (s, 1, 1, sea);
  cairo_surface_destroy (s);

  g_assert_cmpfloat (color_distance (land, sea), >, 0.05);
}

static gboolean
inside_any_label (GArray *labels,
                  int     x,
                  int     y)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const ChronomapBasemapLabel *l = &g_array_index (labels, ChronomapBasemapLabel, i);

      if (x >= l->x - 2 && x <= l->x + l->width + 2 && y >= l->y - 2 && y <= l->y + l->height + 2)
        return TRUE;
    }
  return FALSE;
}

/* Classifies the pixels around a place and returns the share that is not
 * sea.  Pixels a label drew on are left out (found by drawing the tile again
 * without labels): a name is there to be read, not to show the ground. */
static double
land_share_at (ChronomapBasemap      *basemap,
               ChronomapBasemapStyle  style,
               int                    zoom,
               const Place           *place,
               const double           sea[3])
{
  double wx, wy;
  int tx, ty, px, py;
  guint n = 0, n_land = 0;
  cairo_surface_t *s, *ground;
  cairo_t *cr;

  chronomap_basemap_lat_lon_to_world (place->lat, place->lon, zoom, &wx, &wy);
  tx = (int) floor (wx / 256);
  ty = (int) floor (wy / 256);
  px = (int) floor (wx) - tx * 256;
  py = (int) floor (wy) - ty * 256;

  s = render_tile (basemap, style, zoom, tx, ty);
  ground = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cr = cairo_create (ground);
  chronomap_basemap_draw_layers (basemap, cr, style,
                                 CHRONOMAP_BASEMAP_LAYER_ALL & ~CHRONOMAP_BASEMAP_LAYER_LABELS,
                                 zoom, tx * 256.0, ty * 256.0, 256, 256);
  cairo_destroy (cr);
  cairo_surface_flush (ground);

  /* At zoom 0 a pixel is 150 km wide, so only the place's own pixel tells;
   * deeper, a small square around it, widened until enough of its pixels
   * are free of labels. */
  for (int r = zoom == 0 ? 0 : 2; r <= 11 && n < (zoom == 0 ? 1u : 5u); r += 3)
    {
      n = n_land = 0;
      for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++)
          {
            double rgb[3], bare[3];
            int x = px + dx, y = py + dy;

            if (x < 0 || x > 255 || y < 0 || y > 255)
              continue;
            read_pixel (s, x, y, rgb);
            read_pixel (ground, x, y, bare);
            if (color_distance (rgb, bare) > 0.0)
              continue;
            n++;
            /* Anything not the sea's own colour counts as land: on land the
             * ground may carry a border, a river or a coastline's ink, at
             * sea nothing is drawn but the sea. */
            if (color_distance (rgb, sea) > 0.06)
              n_land++;
          }
    }
  cairo_surface_destroy (ground);
  cairo_surface_destroy (s);

  g_assert_cmpuint (n, >, 0);
  return n_land / (double) n;
}

static void
test_land_and_water (void)
{
  g_autoptr(ChronomapBasemap) basemap = get_basemap ();

  for (ChronomapBasemapStyle style = CHRONOMAP_BASEMAP_STYLE_LIGHT;
       style <= CHRONOMAP_BASEMAP_STYLE_DARK; style++)
    {
      double land[3], sea[3];

      reference_colors (basemap, style, land, sea);
      for (guint z = 0; z < G_N_ELEMENTS (test_zooms); z++)
        {
          for (guint i = 0; i < G_N_ELEMENTS (land_places); i++)
            {
              double share = land_share_at (basemap, style, test_zooms[z], &land_places[i], sea);

              g_test_message ("%s at zoom %d: %.0f%% land", land_places[i].name, test_zooms[z],
                              share * 100);
              g_assert_cmpfloat (share, >=, 0.6);
            }
          for (guint i = 0; i < G_N_ELEMENTS (water_places); i++)
            {
              double share = land_share_at (basemap, style, test_zooms[z], &water_places[i], sea);

              g_test_message ("%s at zoom %d: %.0f%% land", water_places[i].name, test_zooms[z],
                              share * 100);
              g_assert_cmpfloat (share, <=, 0.1);
            }
        }
    }
}

/* Walks north–south along a meridian across a land border and expects a
 * pixel darker than the land around it that is not a river: the Syria–Turkey
 * border at 38.9° E (between Jarabulus on the Euphrates and the Khabur),
 * and the France–Spain border along the Pyrenees at 0.5° E. */
static void
test_borders (void)
{
  g_autoptr(ChronomapBasemap) basemap = get_basemap ();
  static const struct { double lon, lat_north, lat_south; } walks[] = {
    { 38.9, 37.6, 35.9 },
    { 0.5, 43.6, 42.0 },
  };
  static const int zooms[] = { 3, 6 };
  double land[3], sea[3];

  reference_colors (basemap, CHRONOMAP_BASEMAP_STYLE_LIGHT, land, sea);

  for (guint w = 0; w < G_N_ELEMENTS (walks); w++)
    for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
      {
        double wx, wy0, wy1;
        gboolean found = FALSE;

        chronomap_basemap_lat_lon_to_world (walks[w].lat_north, walks[w].lon, zooms[z], &wx, &wy0);
        chronomap_basemap_lat_lon_to_world (walks[w].lat_south, walks[w].lon, zooms[z], &wx, &wy1);
        for (int y = (int) wy0; y <= (int) wy1 && !found; y++)
          {
            int tx = (int) (wx / 256), ty = y / 256;
            cairo_surface_t *s = render_tile (basemap, CHRONOMAP_BASEMAP_STYLE_LIGHT, zooms[z], tx, ty);
            g_autoptr(GArray) labels = chronomap_basemap_get_labels (basemap, zooms[z], tx * 256.0,
                                                                      ty * 256.0, 256, 256);
            int px = (int) wx - tx * 256;

            for (; y <= (int) wy1 && y / 256 == ty && !found; y++)
              {
                double rgb[3];
                double lum, land_lum = (land[0] + land[1] + land[2]) / 3;

                if (inside_any_label (labels, px, y - ty * 256))
                  continue;
                read_pixel (s, px, y - ty * 256, rgb);
                lum = (rgb[0] + rgb[1] + rgb[2]) / 3;
                /* a border is darker than land and not blue like a river */
                if (lum < land_lum - 0.08 && rgb[2] <= rgb[0] + 0.02)
                  found = TRUE;
              }
            y--;
            cairo_surface_destroy (s);
          }
        g_test_message ("border walk %u at zoom %d: %s", w, zooms[z], found ? "found" : "missing");
        g_assert_true (found);
      }
}

static void
assert_no_overlaps (GArray *labels)
{
  for (guint i = 0; i < labels->len; i++)
    for (guint j = i + 1; j < labels->len; j++)
      {
        const ChronomapBasemapLabel *a = &g_array_index (labels, ChronomapBasemapLabel, i);
        const ChronomapBasemapLabel *b = &g_array_index (labels, ChronomapBasemapLabel, j);
        gboolean overlap = a->x < b->x + b->width && b->x < a->x + a->width &&
                           a->y < b->y + b->height && b->y < a->y + a->height;

        if (overlap)
          g_error ("labels %s and %s overlap", a->name, b->name);
      }
}

/* Every tile of zooms 0 to 3, and blocks of tiles around the Levant and
 * Europe deeper down, including fractional zooms: no two label boxes meet. */
static void
test_labels_no_overlap (void)
{
  g_autoptr(ChronomapBasemap) basemap = get_basemap ();
  guint total = 0;

  for (int z = 0; z <= 9; z++)
    {
      int n = 1 << z;
      int x0 = 0, y0 = 0, x1 = n - 1, y1 = n - 1;

      if (z > 3)
        {
          double wx, wy;

          chronomap_basemap_lat_lon_to_world (42.0, 20.0, z, &wx, &wy);
          x0 = (int) (wx / 256) - 6;
          y0 = (int) (wy / 256) - 6;
          x1 = x0 + 12;
          y1 = y0 + 12;
        }
      for (int ty = y0; ty <= y1; ty++)
        for (int tx = x0; tx <= x1; tx++)
          {
            g_autoptr(GArray) labels = chronomap_basemap_get_labels (basemap, z, tx * 256.0,
                                                                      ty * 256.0, 256, 256);

            assert_no_overlaps (labels);
            total += labels->len;
          }
    }
  g_assert_cmpuint (total, >, 500);

  for (double zoom = 4.0; zoom < 8.0; zoom += 0.37)
    {
      double wx, wy;
      g_autoptr(GArray) labels = NULL;

      chronomap_basemap_lat_lon_to_world (35.0, 38.0, zoom, &wx, &wy);
      labels = chronomap_basemap_get_labels (basemap, zoom, wx - 600, wy - 400, 1200, 800);
      assert_no_overlaps (labels);
    }
}

static gboolean
has_label (GArray     *labels,
           const char *name)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_array_index (labels, ChronomapBasemapLabel, i).name, name) == 0)
      return TRUE;
  return FALSE;
}

/* A label across a tile edge comes from the zoom's one layout, so both tiles
 * see it at the same world position, and the pixels along the edge of two
 * neighbouring tiles match a single larger rendering of the same area. */
static void
test_labels_across_tiles (void)
{
  g_autoptr(ChronomapBasemap) basemap = get_basemap ();
  double wx, wy;
  int tx, ty;
  cairo_surface_t *big, *left, *right;
  cairo_t *cr;
  guint mismatches = 0;
  guint shared = 0;

  for (int z = 4; z <= 8; z++)
    {
      chronomap_basemap_lat_lon_to_world (35.0, 38.0, z, &wx, &wy);
      tx = (int) (wx / 256);
      ty = (int) (wy / 256);
      for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++)
          {
            g_autoptr(GArray) a = chronomap_basemap_get_labels (basemap, z, (tx + dx) * 256.0,
                                                                 (ty + dy) * 256.0, 256, 256);
            g_autoptr(GArray) b = chronomap_basemap_get_labels (basemap, z, (tx + dx + 1) * 256.0,
                                                                 (ty + dy) * 256.0, 256, 256);

            for (guint i = 0; i < a->len; i++)
              for (guint j = 0; j < b->len; j++)
                {
                  const ChronomapBasemapLabel *la = &g_array_index (a, ChronomapBasemapLabel, i);
                  const ChronomapBasemapLabel *lb = &g_array_index (b, ChronomapBasemapLabel, j);

                  if (la->name != lb->name)
                    continue;
                  shared++;
                  g_assert_cmpfloat (fabs (la->x - 256 - lb->x), <, 1e-6);
                  g_assert_cmpfloat (fabs (la->y - lb->y), <, 1e-6);
                }
          }
    }
  g_assert_cmpuint (shared, >, 0);

  /* Pixels: two tiles side by side against one drawing of both. */
  chronomap_basemap_lat_lon_to_world (35.0, 38.0, 6, &wx, &wy);
  tx = (int) (wx / 256);
  ty = (int) (wy / 256);
  big = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 512, 256);
  cr = cairo_create (big);
  chronomap_basemap_draw (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT, 6, tx * 256.0, ty * 256.0,
                          512, 256);
  cairo_destroy (cr);
  left = render_tile (basemap, CHRONOMAP_BASEMAP_STYLE_LIGHT, 6, tx, ty);
  right = render_tile (basemap, CHRONOMAP_BASEMAP_STYLE_LIGHT, 6, tx + 1, ty);
  cairo_surface_flush (big);
  for (int y = 0; y < 256; y++)
    {
      double a[3], b[3], c[3], d[3];

      read_pixel (big, 255, y, a);
      read_pixel (left, 255, y, b);
      read_pixel (big, 256, y, c);
      read_pixel (right, 0, y, d);
      if (color_distance (a, b) > 0.05 || color_distance (c, d) > 0.05)
        mismatches++;
    }
  g_assert_cmpuint (mismatches, <=, 3);
  cairo_surface_destroy (big);
  cairo_surface_destroy (left);
  cairo_surface_destroy (right);
}

/* The app draws the towns' names above its events, apart from the tiles:
 * a tile without the town layer has no ink where a town's label is and
 * the same pixels everywhere else, and each label drawn on its own, put
 * where the view places it, gives back the full tile's letters. */
static void
test_town_labels_apart (void)
{
  g_autoptr(ChronomapBasemap) basemap = get_basemap ();
  guint towns = 0, inked = 0, differ_outside = 0, letters = 0, differ_rebuilt = 0;

  for (int z = 5; z <= 7; z++)
    {
      double wx, wy;
      int tx, ty;
      cairo_surface_t *all, *bare;
      cairo_t *cr;
      g_autoptr(GArray) labels = NULL;

      chronomap_basemap_lat_lon_to_world (35.9528, 39.0079, z, &wx, &wy);
      tx = (int) (wx / 256);
      ty = (int) (wy / 256);
      labels = chronomap_basemap_get_labels (basemap, z, tx * 256.0, ty * 256.0, 256, 256);
      all = render_tile (basemap, CHRONOMAP_BASEMAP_STYLE_LIGHT, z, tx, ty);
      bare = render_tile_layers (basemap, CHRONOMAP_BASEMAP_STYLE_LIGHT,
                                 CHRONOMAP_BASEMAP_LAYER_ALL & ~CHRONOMAP_BASEMAP_LAYER_TOWN_LABELS,
                                 z, tx, ty);

      for (guint i = 0; i < labels->len; i++)
        {
          const ChronomapBasemapLabel *l = &g_array_index (labels, ChronomapBasemapLabel, i);
          guint diff = 0;

          if (!l->town)
            continue;
          towns++;
          for (int y = MAX (0, (int) l->y); y < MIN (256, (int) (l->y + l->height)); y++)
            for (int x = MAX (0, (int) l->x); x < MIN (256, (int) (l->x + l->width)); x++)
              {
                double a[3], b[3];

                read_pixel (all, x, y, a);
                read_pixel (bare, x, y, b);
                diff += color_distance (a, b) > 0.2;
              }
          g_test_message ("z%d %s: %u pixels of ink", z, l->name, diff);
          inked += diff > 10;
        }

      for (int y = 0; y < 256; y++)
        for (int x = 0; x < 256; x++)
          {
            double a[3], b[3];
            gboolean in_label = FALSE;

            for (guint i = 0; i < labels->len && !in_label; i++)
              {
                const ChronomapBasemapLabel *l = &g_array_index (labels, ChronomapBasemapLabel, i);
                int halo = CHRONOMAP_BASEMAP_LABEL_HALO + 1;

                in_label = l->town && x >= l->x - halo && x < l->x + l->width + halo &&
                           y >= l->y - halo && y < l->y + l->height + halo;
              }
            if (in_label)
              continue;
            read_pixel (all, x, y, a);
            read_pixel (bare, x, y, b);
            differ_outside += color_distance (a, b) > 0.02;
          }

      /* each town's label on its own, put back where the view has it */
      cr = cairo_create (bare);
      chronomap_basemap_draw_town_labels (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT, labels);
      cairo_destroy (cr);
      cairo_surface_flush (bare);
      for (int y = 0; y < 256; y++)
        for (int x = 0; x < 256; x++)
          {
            double a[3], b[3];

            read_pixel (all, x, y, a);
            /* the names' letters; their halo is fainter over the events */
            if (a[0] + a[1] + a[2] > 3 * 0.45)
              continue;
            letters++;
            read_pixel (bare, x, y, b);
            differ_rebuilt += color_distance (a, b) > 0.1;
          }
      cairo_surface_destroy (all);
      cairo_surface_destroy (bare);
    }
  g_assert_cmpuint (towns, >=, 3);
  g_assert_cmpuint (inked, ==, towns);
  g_assert_cmpuint (differ_outside, ==, 0);
  g_test_message ("%u dark pixels, %u of them not drawn again", letters, differ_rebuilt);
  g_assert_cmpuint (letters, >, 500);
  g_assert_cmpuint (differ_rebuilt, <=, letters / 50);
}

static void
test_labels_chosen (void)
{
  g_autoptr(ChronomapBasemap) basemap = get_basemap ();
  g_autoptr(GArray) z0 = chronomap_basemap_get_labels (basemap, 0, 0, 0, 256, 256);
  g_autoptr(GArray) z6 = NULL;
  double wx, wy;

  /* The whole world at zoom 0 is too small for any name. */
  g_assert_cmpuint (z0->len, ==, 0);

  chronomap_basemap_lat_lon_to_world (35.0, 38.5, 6, &wx, &wy);
  z6 = chronomap_basemap_get_labels (basemap, 6, wx - 400, wy - 300, 800, 600);
  g_assert_true (has_label (z6, "Damascus"));
  g_assert_true (has_label (z6, "Aleppo"));
  g_assert_true (has_label (z6, "Ar Raqqah"));
  g_assert_true (has_label (z6, "Deir ez-Zor"));
  /* country names, in capitals, from zoom 3 to 7 */
  g_assert_true (has_label (z6, "SYRIA"));
  g_assert_true (has_label (z6, "LEBANON"));

  /* The labels reported are the labels drawn: each box holds ink that the
   * same view drawn without labels lacks. */
  {
    cairo_surface_t *with = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 600);
    cairo_surface_t *without = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 600);
    cairo_t *cr = cairo_create (with);

    chronomap_basemap_draw (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT, 6, wx - 400, wy - 300,
                            800, 600);
    cairo_destroy (cr);
    cr = cairo_create (without);
    chronomap_basemap_draw_layers (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT,
                                   CHRONOMAP_BASEMAP_LAYER_ALL & ~CHRONOMAP_BASEMAP_LAYER_LABELS,
                                   6, wx - 400, wy - 300, 800, 600);
    cairo_destroy (cr);
    cairo_surface_flush (with);
    cairo_surface_flush (without);

    for (guint i = 0; i < z6->len; i++)
      {
        const ChronomapBasemapLabel *l = &g_array_index (z6, ChronomapBasemapLabel, i);
        guint inked = 0;

        if (l->x < 0 || l->y < 0 || l->x + l->width >= 800 || l->y + l->height >= 600)
          continue;
        for (int y = (int) l->y; y < (int) (l->y + l->height); y++)
          for (int x = (int) l->x; x < (int) (l->x + l->width); x++)
            {
              double a[3], b[3];

              read_pixel (with, x, y, a);
              read_pixel (without, x, y, b);
              if (color_distance (a, b) > 0.2)
                inked++;
            }
        if (inked < 10)
          g_error ("label %s is reported but not drawn", l->name);
      }
    cairo_surface_destroy (with);
    cairo_surface_destroy (without);
  }
}

static const ChronomapBasemapLabel *
find_label (GArray     *labels,
            const char *name)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_array_index (labels, ChronomapBasemapLabel, i).name, name) == 0)
      return &g_array_index (labels, ChronomapBasemapLabel, i);
  g_error ("no label %s", name);
  return NULL;
}

/* Distance from a point to a box. */
static double
box_distance (const ChronomapBasemapLabel *l,
              double                       x,
              double                       y)
{
  return hypot (CLAMP (x, l->x, l->x + l->width) - x, CLAMP (y, l->y, l->y + l->height) - y);
}

/* Clears @mark from a copy of @placed (with @blocker added, if given) in
 * a view @width wide: whether Aleppo's name moved, and where it went. */
static gboolean
clear_aleppo (GArray                      *placed,
              const ChronomapBasemapLabel *blocker,
              const ChronomapBasemapMark  *mark,
              int                          width,
              double                      *out_x,
              double                      *out_y)
{
  g_autoptr(GArray) labels = g_array_copy (placed);
  const ChronomapBasemapLabel *aleppo;

  if (blocker != NULL)
    g_array_append_vals (labels, blocker, 1);
  chronomap_basemap_labels_clear_marks (labels, width, 600, mark, 1);
  aleppo = find_label (labels, "Aleppo");
  if (out_x != NULL)
    *out_x = aleppo->x;
  if (out_y != NULL)
    *out_y = aleppo->y;
  return aleppo->moved;
}

/* The town labels of @labels drawn on a clear 800 × 600 picture: how many
 * of the pixels from (@x0, @y0) to before (@x1, @y1) they ink. */
static guint
labels_ink (ChronomapBasemap *basemap,
            GArray           *labels,
            int               x0,
            int               y0,
            int               x1,
            int               y1)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t *cr = cairo_create (surface);
  const guchar *data;
  int stride;
  guint ink = 0;

  chronomap_basemap_draw_town_labels (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT, labels);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      ink += data[y * stride + 4 * x + 3] > 200;
  cairo_surface_destroy (surface);
  return ink;
}

/* A disc on a town's dot (Aleppo's events on Aleppo) moves its name out
 * beside the disc on the side the layout chose, no further, and leaves
 * its dot out; a disc on the name alone, or a move into another name,
 * leaves the label where it was. */
static void
test_labels_clear_marks (void)
{
  g_autoptr(ChronomapBasemap) basemap = get_basemap ();
  g_autoptr(GArray) placed = NULL;
  g_autoptr(GArray) labels = NULL;
  const ChronomapBasemapLabel *before, *after;
  ChronomapBasemapMark mark = { 0 };
  double wx, wy, along;
  guint ink = 0;

  chronomap_basemap_lat_lon_to_world (35.0, 38.5, 6, &wx, &wy);
  placed = chronomap_basemap_get_labels (basemap, 6, wx - 400, wy - 300, 800, 600);
  before = find_label (placed, "Aleppo");
  g_assert_false (before->moved);
  /* the name beside the dot, the dot in the label's box */
  g_assert_cmpfloat (box_distance (before, before->dot_x, before->dot_y), ==, 0);

  /* a disc of 15 pixels on the dot */
  labels = g_array_copy (placed);
  mark.x = before->dot_x + 1;
  mark.y = before->dot_y - 1;
  mark.radius = 15;
  chronomap_basemap_labels_clear_marks (labels, 800, 600, &mark, 1);
  after = find_label (labels, "Aleppo");
  g_assert_true (after->moved);
  g_assert_cmpfloat (after->width, ==, before->name_width);
  g_assert_cmpfloat (after->height, ==, before->name_height);
  g_assert_cmpfloat (after->name_x, ==, after->x);
  /* clear of the disc, by the gap and not much more */
  g_assert_cmpfloat (box_distance (after, mark.x, mark.y), >=, mark.radius + 1.5);
  g_assert_cmpfloat (box_distance (after, mark.x, mark.y), <=, mark.radius + 3);
  /* further out on the same side */
  along = (after->x - before->name_x) * (before->name_x + before->name_width / 2 - before->dot_x) +
          (after->y - before->name_y) * (before->name_y + before->name_height / 2 - before->dot_y);
  g_assert_cmpfloat (along, >, 0);
  /* the others stay */
  for (guint i = 0; i < labels->len; i++)
    if (&g_array_index (labels, ChronomapBasemapLabel, i) != after)
      {
        g_assert_false (g_array_index (labels, ChronomapBasemapLabel, i).moved);
        g_assert_cmpfloat (g_array_index (labels, ChronomapBasemapLabel, i).x, ==,
                           g_array_index (placed, ChronomapBasemapLabel, i).x);
      }

  /* drawn there, without the dot */
  g_assert_cmpuint (labels_ink (basemap, labels, (int) before->dot_x, (int) before->dot_y,
                                (int) before->dot_x + 1, (int) before->dot_y + 1), ==, 0);
  ink = labels_ink (basemap, labels, (int) after->x, (int) after->y, (int) (after->x + after->width),
                    (int) (after->y + after->height));
  g_test_message ("Aleppo moved by %.1f, %.1f: %u pixels of ink", after->x - before->name_x,
                  after->y - before->name_y, ink);
  g_assert_cmpuint (ink, >=, 30);

  /* a disc on the name's far end, not on the dot: the name is drawn over it */
  g_array_unref (labels);
  labels = g_array_copy (placed);
  mark.x = before->name_x + before->name_width - 4;
  mark.y = before->name_y + before->name_height / 2;
  mark.radius = 6;
  chronomap_basemap_labels_clear_marks (labels, 800, 600, &mark, 1);
  g_assert_false (find_label (labels, "Aleppo")->moved);

  /* a cluster's count there ("Alepp3"): the name goes to another side of
   * its dot, clear of the disc, and the dot is drawn where it was */
  {
    ChronomapBasemapMark cluster = { before->name_x + before->name_width - 4,
                                     before->name_y + before->name_height / 2, 10, TRUE };
    g_autoptr(GArray) aside = g_array_copy (placed);
    const ChronomapBasemapLabel *moved;
    guint dot_ink = 0;

    chronomap_basemap_labels_clear_marks (aside, 800, 600, &cluster, 1);
    moved = find_label (aside, "Aleppo");
    g_test_message ("Aleppo's name from (%.1f, %.1f) to (%.1f, %.1f), its dot at (%.1f, %.1f)",
                    before->name_x, before->name_y, moved->name_x, moved->name_y, moved->dot_x,
                    moved->dot_y);
    g_assert_true (moved->moved);
    g_assert_true (moved->lone_dot);
    g_assert_cmpfloat (box_distance (moved, cluster.x, cluster.y), >, cluster.radius);
    /* beside its dot, as the layout puts names */
    g_assert_cmpfloat (box_distance (moved, moved->dot_x, moved->dot_y), >, 2);
    g_assert_cmpfloat (box_distance (moved, moved->dot_x, moved->dot_y), <, 6);
    /* the others stay */
    for (guint i = 0; i < aside->len; i++)
      if (&g_array_index (aside, ChronomapBasemapLabel, i) != moved)
        g_assert_false (g_array_index (aside, ChronomapBasemapLabel, i).moved);

    dot_ink = labels_ink (basemap, aside, (int) moved->dot_x - 1, (int) moved->dot_y - 1,
                          (int) moved->dot_x + 2, (int) moved->dot_y + 2);
    g_assert_cmpuint (dot_ink, >=, 4);

    /* a disc with no count there, or counts on every side: it stays */
    g_array_unref (aside);
    aside = g_array_copy (placed);
    cluster.counted = FALSE;
    chronomap_basemap_labels_clear_marks (aside, 800, 600, &cluster, 1);
    g_assert_false (find_label (aside, "Aleppo")->moved);
    {
      double r = 12, d = before->name_width / 2 + CHRONOMAP_BASEMAP_NAME_GAP + 4;
      ChronomapBasemapMark around[5] = {
        cluster,
        { before->dot_x + d, before->dot_y, r, TRUE },
        { before->dot_x - d, before->dot_y, r, TRUE },
        { before->dot_x, before->dot_y - d, r, TRUE },
        { before->dot_x, before->dot_y + d, r, TRUE },
      };

      around[0].counted = TRUE;
      g_array_unref (aside);
      aside = g_array_copy (placed);
      chronomap_basemap_labels_clear_marks (aside, 800, 600, around, G_N_ELEMENTS (around));
      g_assert_false (find_label (aside, "Aleppo")->moved);
    }
  }

  /* another town's name where Aleppo's would go */
  {
    ChronomapBasemapLabel blocker = *find_label (placed, "Damascus");
    double moved_x, moved_y, x;

    mark.x = before->dot_x + 1;
    mark.y = before->dot_y - 1;
    mark.radius = 15;
    g_assert_true (clear_aleppo (placed, NULL, &mark, 800, &moved_x, &moved_y));

    blocker.y = moved_y;
    blocker.x = moved_x + before->name_width - 2;
    g_assert_false (clear_aleppo (placed, &blocker, &mark, 800, &x, NULL));
    g_assert_cmpfloat (x, ==, before->x);

    /* or within the layout's padding of it: the halos would touch */
    blocker.x = moved_x + before->name_width + 1;
    g_assert_false (clear_aleppo (placed, &blocker, &mark, 800, NULL, NULL));

    /* and one beyond that leaves room */
    blocker.x = moved_x + before->name_width + 4;
    g_assert_true (clear_aleppo (placed, &blocker, &mark, 800, NULL, NULL));

    /* a name the move would take out of the view stays */
    g_assert_false (clear_aleppo (placed, NULL, &mark, (int) (moved_x + before->name_width - 1),
                                  NULL, NULL));
  }

  /* marks that can't be drawn move nothing */
  {
    ChronomapBasemapMark odd[2] = { { before->dot_x, before->dot_y, INFINITY },
                                    { before->dot_x, before->dot_y, NAN } };

    g_array_unref (labels);
    labels = g_array_copy (placed);
    chronomap_basemap_labels_clear_marks (labels, 800, 600, odd, 2);
    g_assert_false (find_label (labels, "Aleppo")->moved);
  }
}

/* A picture's labels at @t ms: Aleppo's and its neighbours' from
 * @placed, with a 15-pixel disc on Aleppo's dot if @mark, through
 * @glides; Aleppo's name's offset from its dot as drawn, whether it was
 * moved, and whether its dot is drawn. */
static gboolean
glide_aleppo (ChronomapLabelGlides *glides,
              GArray               *placed,
              gboolean              mark,
              gint64                t,
              gboolean              drawing,
              double               *x,
              double               *y,
              gboolean             *moved,
              gboolean             *dot)
{
  g_autoptr(GArray) labels = g_array_copy (placed);
  const ChronomapBasemapLabel *aleppo = find_label (labels, "Aleppo");
  ChronomapBasemapMark disc = { aleppo->dot_x + 1, aleppo->dot_y - 1, 15 };
  gboolean gliding;

  if (mark)
    chronomap_basemap_labels_clear_marks (labels, 800, 600, &disc, 1);
  gliding = chronomap_label_glides_apply (glides, labels, 6, t * 1000, drawing);
  aleppo = find_label (labels, "Aleppo");
  *x = aleppo->name_x - aleppo->dot_x;
  *y = aleppo->name_y - aleppo->dot_y;
  *moved = aleppo->moved;
  *dot = !aleppo->moved || aleppo->lone_dot;
  /* a dot is drawn apart only from a name on its way */
  if (aleppo->lone_dot)
    g_assert_true (aleppo->moved);
  /* a name on its way is drawn alone, its box its name's */
  if (aleppo->moved)
    g_assert_cmpfloat (aleppo->width, ==, aleppo->name_width);
  return gliding;
}

/* Where a name is between @from and @to, as a share of the way; fails
 * off the straight line between them. */
static double
share_of_way (double x,
              double y,
              double from_x,
              double from_y,
              double to_x,
              double to_y)
{
  double length = hypot (to_x - from_x, to_y - from_y);

  g_assert_cmpfloat (length, >, 5);
  g_assert_cmpfloat (fabs ((x - from_x) * (to_y - from_y) - (y - from_y) * (to_x - from_x)) / length,
                     <, 0.01);
  return hypot (x - from_x, y - from_y) / length;
}

/* A name moved out of a disc landing on its town glides there over a
 * quarter of a second, easing out, and back once the disc goes; a glide
 * turned back starts where the name is.  Pictures only read don't start
 * glides; another zoom level, or no time to glide, puts names at once. */
static void
test_label_glides (void)
{
  g_autoptr(ChronomapBasemap) basemap = get_basemap ();
  g_autoptr(ChronomapLabelGlides) glides = chronomap_label_glides_new (250);
  g_autoptr(GArray) placed = NULL;
  double wx, wy, home_x, home_y, out_x, out_y, x, y, turned_x, turned_y;
  gboolean moved, dot;

  chronomap_basemap_lat_lon_to_world (35.0, 38.5, 6, &wx, &wy);
  placed = chronomap_basemap_get_labels (basemap, 6, wx - 400, wy - 300, 800, 600);

  /* where the name belongs without the disc, and with it */
  g_assert_false (glide_aleppo (glides, placed, FALSE, 0, TRUE, &home_x, &home_y, &moved, &dot));
  g_assert_false (moved);
  g_assert_true (dot);
  g_assert_false (glide_aleppo (glides, placed, FALSE, 1000, TRUE, &x, &y, &moved, &dot));
  g_assert_cmpfloat (x, ==, home_x);
  {
    g_autoptr(ChronomapLabelGlides) jump = chronomap_label_glides_new (0);

    g_assert_false (glide_aleppo (jump, placed, TRUE, 0, TRUE, &out_x, &out_y, &moved, &dot));
    g_assert_true (moved);
    g_assert_false (dot);
  }

  /* the disc lands at 2 s: the name leaves its place, and is a share of
   * the way out of 1 − (1 − t)³ */
  g_assert_true (glide_aleppo (glides, placed, TRUE, 2000, TRUE, &x, &y, &moved, &dot));
  g_assert_true (moved);
  /* the disc covers the dot from the start */
  g_assert_false (dot);
  g_assert_cmpfloat_with_epsilon (share_of_way (x, y, home_x, home_y, out_x, out_y), 0, 1e-9);
  /* read between pictures: where it is then, and nothing started */
  g_assert_true (glide_aleppo (glides, placed, TRUE, 2125, FALSE, &x, &y, &moved, &dot));
  g_assert_cmpfloat_with_epsilon (share_of_way (x, y, home_x, home_y, out_x, out_y), 0.875, 1e-9);
  g_assert_true (glide_aleppo (glides, placed, TRUE, 2050, TRUE, &x, &y, &moved, &dot));
  g_assert_cmpfloat_with_epsilon (share_of_way (x, y, home_x, home_y, out_x, out_y), 1 - pow (0.8, 3),
                                  1e-9);
  g_assert_false (glide_aleppo (glides, placed, TRUE, 2250, TRUE, &x, &y, &moved, &dot));
  g_assert_true (moved);
  g_assert_cmpfloat (x, ==, out_x);
  g_assert_cmpfloat (y, ==, out_y);

  /* the disc goes at 3 s, and comes back half way: the name turns back
   * from where it is, without a jump; the dot shows as soon as the disc
   * is gone, and is covered again when it is back */
  g_assert_true (glide_aleppo (glides, placed, FALSE, 3000, TRUE, &x, &y, &moved, &dot));
  g_assert_true (moved);
  g_assert_true (dot);
  g_assert_cmpfloat (x, ==, out_x);
  g_assert_true (glide_aleppo (glides, placed, FALSE, 3125, TRUE, &turned_x, &turned_y, &moved, &dot));
  g_assert_true (dot);
  g_assert_cmpfloat_with_epsilon (share_of_way (turned_x, turned_y, out_x, out_y, home_x, home_y), 0.875,
                                  1e-9);
  g_assert_true (glide_aleppo (glides, placed, TRUE, 3125, TRUE, &x, &y, &moved, &dot));
  g_assert_false (dot);
  g_assert_cmpfloat_with_epsilon (x, turned_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, turned_y, 1e-9);
  g_assert_false (glide_aleppo (glides, placed, TRUE, 3375, TRUE, &x, &y, &moved, &dot));
  g_assert_cmpfloat (x, ==, out_x);
  /* a longer glide time, once arrived, sends nothing back */
  chronomap_label_glides_set_duration (glides, 600000);
  g_assert_false (glide_aleppo (glides, placed, TRUE, 3400, TRUE, &x, &y, &moved, &dot));
  g_assert_cmpfloat (x, ==, out_x);
  chronomap_label_glides_set_duration (glides, 250);
  g_assert_false (glide_aleppo (glides, placed, FALSE, 4000, FALSE, &x, &y, &moved, &dot));
  g_assert_cmpfloat (x, ==, home_x);
  g_assert_false (moved);
  g_assert_true (dot);

  /* a name out of the picture is forgotten: back in view, it is at its
   * place at once */
  {
    g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (ChronomapBasemapLabel));

    g_assert_false (chronomap_label_glides_apply (glides, none, 6, 5000000, TRUE));
    g_assert_false (glide_aleppo (glides, placed, FALSE, 5001, TRUE, &x, &y, &moved, &dot));
    g_assert_cmpfloat (x, ==, home_x);
  }

  /* forgotten (another map was shown meanwhile): at its place at once */
  chronomap_label_glides_forget (glides);
  g_assert_false (glide_aleppo (glides, placed, TRUE, 5500, TRUE, &x, &y, &moved, &dot));
  g_assert_cmpfloat (x, ==, out_x);

  /* at another zoom level, the ids are other names: nothing glides */
  {
    g_autoptr(GArray) labels = g_array_copy (placed);

    g_assert_false (chronomap_label_glides_apply (glides, labels, 7, 6000000, TRUE));
    g_assert_false (glide_aleppo (glides, placed, TRUE, 6001, TRUE, &x, &y, &moved, &dot));
    g_assert_cmpfloat (x, ==, out_x);
  }

  /* no time to glide: the name jumps */
  chronomap_label_glides_set_duration (glides, 0);
  g_assert_false (glide_aleppo (glides, placed, FALSE, 7000, TRUE, &x, &y, &moved, &dot));
  g_assert_cmpfloat (x, ==, home_x);
}

/* Every town's name, whichever side of its dot the layout put it (right,
 * left, above, below, aslant), moves straight out from the dot on that
 * side, just far enough to clear a disc on the dot by the gap. */
static void
test_labels_clear_marks_sides (void)
{
  g_autoptr(ChronomapBasemap) basemap = get_basemap ();
  const struct { double lat, lon; int zoom; } views[] = {
    { 35.0, 38.5, 5 }, { 35.0, 38.5, 6 }, { 35.5, 40.0, 7 }, { 33.5, 44.0, 7 }, { 48.8, 2.3, 7 },
  };
  guint sides[5] = { 0, };
  guint n_moved = 0, n_stayed = 0;

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(GArray) placed = NULL;
      double wx, wy;

      chronomap_basemap_lat_lon_to_world (views[v].lat, views[v].lon, views[v].zoom, &wx, &wy);
      placed = chronomap_basemap_get_labels (basemap, views[v].zoom, wx - 600, wy - 400, 1200, 800);
      for (guint i = 0; i < placed->len; i++)
        {
          const ChronomapBasemapLabel *p = &g_array_index (placed, ChronomapBasemapLabel, i);
          g_autoptr(GArray) labels = NULL;
          const ChronomapBasemapLabel *l;
          ChronomapBasemapMark mark = { 0 };
          double ux, uy, length, mx, my;

          if (!p->town || p->x < 60 || p->y < 60 || p->x + p->width > 1140 ||
              p->y + p->height > 740)
            continue;
          labels = g_array_copy (placed);
          mark.x = p->dot_x + 0.7;
          mark.y = p->dot_y - 0.4;
          mark.radius = 12;
          chronomap_basemap_labels_clear_marks (labels, 1200, 800, &mark, 1);
          l = &g_array_index (labels, ChronomapBasemapLabel, i);
          if (!l->moved)
            {
              n_stayed++;
              continue;
            }
          n_moved++;
          ux = p->name_x + p->name_width / 2 - p->dot_x;
          uy = p->name_y + p->name_height / 2 - p->dot_y;
          length = hypot (ux, uy);
          ux /= length;
          uy /= length;
          mx = l->x - p->name_x;
          my = l->y - p->name_y;
          /* out along the side's direction */
          g_assert_cmpfloat (mx * ux + my * uy, >, 0);
          g_assert_cmpfloat (fabs (mx * uy - my * ux), <, 0.01);
          /* clear by the gap (2 pixels), hardly more */
          g_assert_cmpfloat (box_distance (l, mark.x, mark.y), >=, mark.radius + 2 - 0.01);
          g_assert_cmpfloat (box_distance (l, mark.x, mark.y), <=, mark.radius + 2 + 0.1);
          sides[fabs (ux) > 0.95 ? (ux > 0 ? 0 : 1) : fabs (uy) > 0.95 ? (uy < 0 ? 2 : 3) : 4]++;
        }
    }
  g_test_message ("%u names moved (right %u, left %u, above %u, below %u, aslant %u), %u stayed "
                  "for their neighbours",
                  n_moved, sides[0], sides[1], sides[2], sides[3], sides[4], n_stayed);
  g_assert_cmpuint (n_moved, >=, 50);
  g_assert_cmpuint (sides[0], >=, 1);
  g_assert_cmpuint (sides[1], >=, 1);
  g_assert_cmpuint (sides[2] + sides[3] + sides[4], >=, 1);
}

typedef struct
{
  ChronomapBasemap *basemap;
  int               zoom;
  int               x0;
  int               y0;
  guint32          *sums;
} ThreadJob;

static gpointer
render_job_thread (gpointer user_data)
{
  ThreadJob *job = user_data;

  for (int i = 0; i < 16; i++)
    {
      cairo_surface_t *s = render_tile (job->basemap, CHRONOMAP_BASEMAP_STYLE_LIGHT, job->zoom,
                                        job->x0 + i % 4, job->y0 + i / 4);
      const guint8 *data = cairo_image_surface_get_data (s);
      guint32 sum = 0;

      for (int k = 0; k < 256 * cairo_image_surface_get_stride (s); k++)
        sum = sum * 31 + data[k];
      job->sums[i] = sum;
      cairo_surface_destroy (s);
    }
  return NULL;
}

/* Tiles are drawn on worker threads: four threads at once, the first use of
 * a zoom level's labels among them, give the same pixels as one thread. */
static void
test_threads (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bin = g_build_filename (SOURCE_ROOT, "data", "basemap", "basemap.bin", NULL);
  g_autofree char *tsv = g_build_filename (SOURCE_ROOT, "data", "basemap", "places.tsv", NULL);
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_new (bin, tsv, &error);
  guint32 sums[4][16], expected[16];
  GThread *threads[4];
  ThreadJob jobs[4];
  ThreadJob single;
  double wx, wy;

  g_assert_no_error (error);
  chronomap_basemap_lat_lon_to_world (35.0, 38.0, 7, &wx, &wy);
  for (int t = 0; t < 4; t++)
    {
      jobs[t] = (ThreadJob) { basemap, 7, (int) (wx / 256) - 2, (int) (wy / 256) - 2, sums[t] };
      threads[t] = g_thread_new ("render", render_job_thread, &jobs[t]);
    }
  for (int t = 0; t < 4; t++)
    g_thread_join (threads[t]);

  single = jobs[0];
  single.sums = expected;
  render_job_thread (&single);
  for (int t = 0; t < 4; t++)
    for (int i = 0; i < 16; i++)
      g_assert_cmpuint (sums[t][i], ==, expected[i]);
}

static void
test_bbox (void)
{
  g_autoptr(ChronomapBasemap) basemap = get_basemap ();
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 480);
  cairo_t *cr = cairo_create (s);
  double land[3], sea[3], nw[3], east[3];

  reference_colors (basemap, CHRONOMAP_BASEMAP_STYLE_DARK, land, sea);
  /* Syria and its neighbours: the top left corner is in the sea off Turkey's
   * south coast, the right edge in Iraq's desert. */
  chronomap_basemap_draw_bbox (basemap, cr, CHRONOMAP_BASEMAP_STYLE_DARK,
                               33.0, 31.0, 43.0, 37.5, 640, 480);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  read_pixel (s, 40, 140, nw);
  read_pixel (s, 600, 400, east);
  g_assert_cmpfloat (color_distance (nw, sea), <, color_distance (nw, land));
  g_assert_cmpfloat (color_distance (east, land), <, color_distance (east, sea));
  cairo_surface_destroy (s);
}

static void
test_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("basemap-XXXXXX", NULL);
  g_autofree char *bin = g_build_filename (dir, "basemap.bin", NULL);
  g_autofree char *tsv = g_build_filename (SOURCE_ROOT, "data", "basemap", "places.tsv", NULL);
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autofree char *real = g_build_filename (SOURCE_ROOT, "data", "basemap", "basemap.bin", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_set_contents (bin, "not a basemap", -1, NULL));
  basemap = chronomap_basemap_new (bin, tsv, &error);
  g_assert_null (basemap);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "basemap.bin"));
  g_clear_error (&error);

  /* A truncated copy of the real file. */
  g_assert_true (g_file_get_contents (real, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (bin, contents, len / 3, NULL));
  basemap = chronomap_basemap_new (bin, tsv, &error);
  g_assert_null (basemap);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_unlink (bin);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/basemap/land-and-water", test_land_and_water);
  g_test_add_func ("/chronomap/basemap/borders", test_borders);
  g_test_add_func ("/chronomap/basemap/labels-no-overlap", test_labels_no_overlap);
  g_test_add_func ("/chronomap/basemap/labels-across-tiles", test_labels_across_tiles);
  g_test_add_func ("/chronomap/basemap/labels-chosen", test_labels_chosen);
  g_test_add_func ("/chronomap/basemap/labels-clear-marks", test_labels_clear_marks);
  g_test_add_func ("/chronomap/basemap/labels-clear-marks-sides", test_labels_clear_marks_sides);
  g_test_add_func ("/chronomap/basemap/label-glides", test_label_glides);
  g_test_add_func ("/chronomap/basemap/town-labels-apart", test_town_labels_apart);
  g_test_add_func ("/chronomap/basemap/threads", test_threads);
  g_test_add_func ("/chronomap/basemap/bbox", test_bbox);
  g_test_add_func ("/chronomap/basemap/bad-files", test_bad_files);

  return g_test_run ();
}
