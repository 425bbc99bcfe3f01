/* chronomap-basemap-data.c: the bundled basemap geometry, decoded and indexed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-basemap-data"

#include "config.h"

#include "chronomap-basemap-data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chronomap-error.h"

/* Web Mercator's usual cut-off, where the world becomes a square. */
#define MAX_LATITUDE 85.0511287798

/* Lines are cut into runs of this many points so a tile can skip most of a
 * long river or border by its bounding box. */
#define LINE_CHUNK 48

/* Polygon grid per level of detail: 1:110m is small enough to draw whole;
 * the 1:50m and 1:10m continents are clipped to the tiles of zoom 4 and 6,
 * the first zooms at which they are drawn at full size. */
static const guint grid_levels[CHRONOMAP_BASEMAP_N_LODS] = { 0, 4, 6 };

typedef struct
{
  GArray *points;
  GArray *parts;
} LayerBuilder;

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  gboolean      overflow;
} Reader;

void
chronomap_basemap_data_project (double  lon,
                                double  lat,
                                double *x,
                                double *y)
{
  double s;

  lat = CLAMP (lat, -MAX_LATITUDE, MAX_LATITUDE);
  s = sin (lat * G_PI / 180.0);
  *x = (lon + 180.0) / 360.0;
  *y = 0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI);
}

static guint64
read_varint (Reader *r)
{
  guint64 v = 0;
  guint shift = 0;

  while (r->p < r->end && shift < 64)
    {
      guint8 b = *r->p++;

      v |= (guint64) (b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        return v;
      shift += 7;
    }

  r->overflow = TRUE;
  return 0;
}

static gint64
unzigzag (guint64 v)
{
  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static void
part_bbox (const ChronomapWorldPoint *pts,
           guint                      n,
           ChronomapBasemapPart      *part)
{
  part->x0 = part->y0 = G_MAXDOUBLE;
  part->x1 = part->y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      part->x0 = MIN (part->x0, pts[i].x);
      part->y0 = MIN (part->y0, pts[i].y);
      part->x1 = MAX (part->x1, pts[i].x);
      part->y1 = MAX (part->y1, pts[i].y);
    }
}

static void
builder_add (LayerBuilder              *b,
             const ChronomapWorldPoint *pts,
             guint                      n,
             guint                      cls,
             guint                      cell)
{
  ChronomapBasemapPart part = { 0, };

  part.first = b->points->len;
  part.n_points = n;
  part.cls = cls;
  part.cell = cell;
  part_bbox (pts, n, &part);
  g_array_append_vals (b->points, pts, n);
  g_array_append_val (b->parts, part);
}

static void
builder_add_line (LayerBuilder              *b,
                  const ChronomapWorldPoint *pts,
                  guint                      n,
                  guint                      cls)
{
  /* Consecutive chunks share their end points so the line stays joined. */
  for (guint i = 0; i + 1 < n; i += LINE_CHUNK - 1)
    builder_add (b, pts + i, MIN (LINE_CHUNK, n - i), cls, 0);
}

/* One Sutherland–Hodgman pass: keep the side of an axis-aligned line where
 * coord (x when axis is 0, y otherwise) compares to limit as keep_greater
 * says.  Intersections are placed exactly on the line so that pieces of
 * neighbouring cells meet without a seam. */
static GArray *
clip_pass (GArray  *in,
           guint    axis,
           double   limit,
           gboolean keep_greater)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (ChronomapWorldPoint), in->len + 8);
  const ChronomapWorldPoint *pts = (const ChronomapWorldPoint *) (gpointer) in->data;
  guint n = in->len;

  if (n == 0)
    return out;

  for (guint i = 0; i < n; i++)
    {
      const ChronomapWorldPoint *a = &pts[(i + n - 1) % n];
      const ChronomapWorldPoint *c = &pts[i];
      double ca = axis == 0 ? a->x : a->y;
      double cc = axis == 0 ? c->x : c->y;
      gboolean a_in = keep_greater ? ca >= limit : ca <= limit;
      gboolean c_in = keep_greater ? cc >= limit : cc <= limit;

      if (a_in != c_in)
        {
          ChronomapWorldPoint p;
          double t = (limit - ca) / (cc - ca);

          if (axis == 0)
            {
              p.x = limit;
              p.y = a->y + t * (c->y - a->y);
            }
          else
            {
              p.x = a->x + t * (c->x - a->x);
              p.y = limit;
            }
          g_array_append_val (out, p);
        }
      if (c_in)
        g_array_append_val (out, *c);
    }

  return out;
}

static GArray *
clip_ring (const ChronomapWorldPoint *pts,
           guint                      n,
           double                     x0,
           double                     y0,
           double                     x1,
           double                     y1)
{
  GArray *a = g_array_sized_new (FALSE, FALSE, sizeof (ChronomapWorldPoint), n);
  GArray *b;

  g_array_append_vals (a, pts, n);
  b = clip_pass (a, 0, x0, TRUE);
  g_array_unref (a);
  a = clip_pass (b, 0, x1, FALSE);
  g_array_unref (b);
  b = clip_pass (a, 1, y0, TRUE);
  g_array_unref (a);
  a = clip_pass (b, 1, y1, FALSE);
  g_array_unref (b);

  return a;
}

/* Clip a ring down the quadtree to the cells of grid level target: each level
 * only sees the pieces of its parent, so the work stays proportional to the
 * ring's length times the depth. */
static void
clip_into_cells (GPtrArray                 *cells,
                 const ChronomapWorldPoint *pts,
                 guint                      n,
                 const ChronomapBasemapPart *bbox,
                 guint                      level,
                 guint                      target,
                 guint                      cx,
                 guint                      cy)
{
  if (level == target)
    {
      GArray *cell = g_ptr_array_index (cells, cy * (1u << target) + cx);
      double len = n;

      g_array_append_val (cell, len);
      g_array_append_vals (cell, pts, n * 2);
      return;
    }

  for (guint j = 0; j < 2; j++)
    for (guint i = 0; i < 2; i++)
      {
        guint ccx = cx * 2 + i;
        guint ccy = cy * 2 + j;
        double size = 1.0 / (double) (1u << (level + 1));
        double x0 = ccx * size, y0 = ccy * size;
        double x1 = x0 + size, y1 = y0 + size;
        ChronomapBasemapPart cb;
        g_autoptr(GArray) clipped = NULL;

        if (bbox->x1 < x0 || bbox->x0 > x1 || bbox->y1 < y0 || bbox->y0 > y1)
          continue;

        if (bbox->x0 >= x0 && bbox->x1 <= x1 && bbox->y0 >= y0 && bbox->y1 <= y1)
          {
            clip_into_cells (cells, pts, n, bbox, level + 1, target, ccx, ccy);
            continue;
          }

        clipped = clip_ring (pts, n, x0, y0, x1, y1);
        if (clipped->len < 3)
          continue;
        part_bbox ((const ChronomapWorldPoint *) (gpointer) clipped->data, clipped->len, &cb);
        if (cb.x1 - cb.x0 <= 0.0 || cb.y1 - cb.y0 <= 0.0)
          continue;
        clip_into_cells (cells, (const ChronomapWorldPoint *) (gpointer) clipped->data,
                         clipped->len, &cb, level + 1, target, ccx, ccy);
      }
}

static void
layer_from_builder (ChronomapBasemapLayer *layer,
                    LayerBuilder          *b)
{
  layer->n_points = b->points->len;
  layer->points = (ChronomapWorldPoint *) (gpointer) g_array_free (b->points, FALSE);
  layer->n_parts = b->parts->len;
  layer->parts = (ChronomapBasemapPart *) (gpointer) g_array_free (b->parts, FALSE);
}

static void
builder_init (LayerBuilder *b)
{
  b->points = g_array_new (FALSE, FALSE, sizeof (ChronomapWorldPoint));
  b->parts = g_array_new (FALSE, FALSE, sizeof (ChronomapBasemapPart));
}

/* Decodes one layer's payload.  Polygon rings go both to the land layer
 * (clipped to the grid) and, as lines, to the coast layer. */
static gboolean
decode_layer (ChronomapBasemapData *data,
              const char           *tag,
              guint                 kind,
              guint                 lod,
              guint                 n_features,
              const guint8         *payload,
              gsize                 size,
              GError              **error)
{
  Reader r = { payload, payload + size, FALSE };
  gint64 qx = 0, qy = 0;
  gboolean is_land = memcmp (tag, "LAND", 4) == 0;
  gboolean is_border = memcmp (tag, "BRDR", 4) == 0;
  gboolean is_river = memcmp (tag, "RIVR", 4) == 0;
  gboolean is_lake = memcmp (tag, "LAKE", 4) == 0;
  guint target = grid_levels[lod];
  guint grid = 1u << target;
  LayerBuilder lines;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (ChronomapWorldPoint));

  if (!is_land && !is_border && !is_river && !is_lake)
    return TRUE;  /* a newer file's extra layer: skip it */

  if (((is_land || is_lake) && kind != 1) || (!is_land && !is_lake && kind != 2))
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "basemap layer %.4s has an unexpected kind %u", tag, kind);
      return FALSE;
    }

  builder_init (&lines);
  if (is_land)
    {
      cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      for (guint i = 0; i < grid * grid; i++)
        g_ptr_array_add (cells, g_array_new (FALSE, FALSE, sizeof (double)));
    }

  for (guint f = 0; f < n_features && !r.overflow; f++)
    {
      guint cls = (guint) read_varint (&r);
      guint n_parts = (guint) read_varint (&r);

      for (guint p = 0; p < n_parts && !r.overflow; p++)
        {
          guint n = (guint) read_varint (&r);

          if (n > size)
            {
              r.overflow = TRUE;
              break;
            }
          g_array_set_size (ring, 0);
          for (guint k = 0; k < n && !r.overflow; k++)
            {
              ChronomapWorldPoint pt;

              qx += unzigzag (read_varint (&r));
              qy += unzigzag (read_varint (&r));
              chronomap_basemap_data_project (qx / 1e5, qy / 1e5, &pt.x, &pt.y);
              g_array_append_val (ring, pt);
            }
          if (r.overflow)
            break;

          /* Lakes are small: kept whole, culled by their bounding box. */
          if (is_lake)
            {
              if (ring->len >= 3)
                builder_add (&lines, (const ChronomapWorldPoint *) (gpointer) ring->data,
                             ring->len, cls, 0);
            }
          else
            builder_add_line (&lines, (const ChronomapWorldPoint *) (gpointer) ring->data,
                              ring->len, cls);
          if (is_land && ring->len >= 3)
            {
              ChronomapBasemapPart bbox;

              part_bbox ((const ChronomapWorldPoint *) (gpointer) ring->data, ring->len, &bbox);
              clip_into_cells (cells, (const ChronomapWorldPoint *) (gpointer) ring->data,
                               ring->len, &bbox, 0, target, 0, 0);
            }
        }
    }

  if (r.overflow)
    {
      g_array_unref (lines.points);
      g_array_unref (lines.parts);
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "basemap layer %.4s (level %u) is truncated", tag, lod);
      return FALSE;
    }

  if (is_border)
    layer_from_builder (&data->borders[lod], &lines);
  else if (is_river)
    layer_from_builder (&data->rivers[lod], &lines);
  else if (is_lake)
    layer_from_builder (&data->lakes[lod], &lines);
  else
    {
      ChronomapBasemapLayer *land = &data->land[lod];
      LayerBuilder polys;

      layer_from_builder (&data->coast[lod], &lines);
      builder_init (&polys);
      land->grid_size = grid;
      land->cell_first = g_new0 (guint, grid * grid);
      land->cell_count = g_new0 (guint, grid * grid);
      for (guint c = 0; c < grid * grid; c++)
        {
          GArray *cell = g_ptr_array_index (cells, c);
          const double *v = (const double *) (gpointer) cell->data;
          guint at = 0;

          land->cell_first[c] = polys.parts->len;
          while (at < cell->len)
            {
              guint n = (guint) v[at];

              builder_add (&polys, (const ChronomapWorldPoint *) (gconstpointer) &v[at + 1], n, 0, c);
              at += 1 + n * 2;
            }
          land->cell_count[c] = polys.parts->len - land->cell_first[c];
        }
      layer_from_builder (land, &polys);
    }

  return TRUE;
}

static gboolean
load_places (ChronomapBasemapData *data,
             const char           *path,
             GError              **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) places = g_array_new (FALSE, TRUE, sizeof (ChronomapBasemapPlace));

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      ChronomapBasemapPlace place = { 0, };

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (f) < 6)
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s: line %u has %u columns, expected 6",
                       path, i + 1, g_strv_length (f));
          return FALSE;
        }
      place.name = g_strdup (f[0]);
      place.lat = g_ascii_strtod (f[1], NULL);
      place.lon = g_ascii_strtod (f[2], NULL);
      place.population = (guint) g_ascii_strtoull (f[3], NULL, 10);
      place.kind = (guint) g_ascii_strtoull (f[4], NULL, 10);
      g_strlcpy (place.country, f[5], sizeof place.country);
      chronomap_basemap_data_project (place.lon, place.lat, &place.x, &place.y);
      g_array_append_val (places, place);
    }

  data->n_places = places->len;
  data->places = (ChronomapBasemapPlace *) (gpointer) g_array_free (g_steal_pointer (&places), FALSE);
  return TRUE;
}

/**
 * chronomap_basemap_data_load:
 * @geometry_path: the basemap.bin written by build-aux/basemap/make-basemap.py
 * @places_path: the places.tsv written by build-aux/basemap/make-places.py
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the decoded data, or %NULL with @error set
 */
ChronomapBasemapData *
chronomap_basemap_data_load (const char  *geometry_path,
                             const char  *places_path,
                             GError     **error)
{
  g_autoptr(ChronomapBasemapData) data = g_new0 (ChronomapBasemapData, 1);
  g_autoptr(GMappedFile) file = NULL;
  const guint8 *p, *end;
  guint n_layers;

  g_return_val_if_fail (geometry_path != NULL, NULL);
  g_return_val_if_fail (places_path != NULL, NULL);

  file = g_mapped_file_new (geometry_path, FALSE, error);
  if (file == NULL)
    return NULL;

  p = (const guint8 *) g_mapped_file_get_contents (file);
  end = p + g_mapped_file_get_length (file);
  if (end - p < 12 || memcmp (p, "CHRBMAP1", 8) != 0)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "%s: not a Chronomap basemap file", geometry_path);
      return NULL;
    }
  n_layers = read_u32 (p + 8);
  p += 12;

  for (guint i = 0; i < n_layers; i++)
    {
      char tag[4];
      guint kind, lod, n_features;
      gsize size;

      if (end - p < 20)
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s: truncated at layer %u", geometry_path, i);
          return NULL;
        }
      memcpy (tag, p, 4);
      kind = read_u32 (p + 4);
      lod = read_u32 (p + 8);
      n_features = read_u32 (p + 12);
      size = read_u32 (p + 16);
      p += 20;
      if ((gsize) (end - p) < size || lod >= CHRONOMAP_BASEMAP_N_LODS)
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s: layer %u is truncated or has an unknown level of detail",
                       geometry_path, i);
          return NULL;
        }
      if (!decode_layer (data, tag, kind, lod, n_features, p, size, error))
        {
          g_prefix_error (error, "%s: ", geometry_path);
          return NULL;
        }
      p += size;
    }

  if (!load_places (data, places_path, error))
    return NULL;

  return g_steal_pointer (&data);
}

static void
layer_clear (ChronomapBasemapLayer *layer)
{
  g_clear_pointer (&layer->points, g_free);
  g_clear_pointer (&layer->parts, g_free);
  g_clear_pointer (&layer->cell_first, g_free);
  g_clear_pointer (&layer->cell_count, g_free);
}

void
chronomap_basemap_data_free (ChronomapBasemapData *data)
{
  if (data == NULL)
    return;

  for (guint i = 0; i < CHRONOMAP_BASEMAP_N_LODS; i++)
    {
      layer_clear (&data->land[i]);
      layer_clear (&data->coast[i]);
      layer_clear (&data->borders[i]);
      layer_clear (&data->rivers[i]);
      layer_clear (&data->lakes[i]);
    }
  for (guint i = 0; i < data->n_places; i++)
    g_free (data->places[i].name);
  g_free (data->places);
  g_free (data);
}
