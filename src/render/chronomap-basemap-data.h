/* chronomap-basemap-data.h: the bundled basemap geometry, decoded and indexed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Levels of detail: Natural Earth 1:110m, 1:50m and 1:10m (simplified). */
#define CHRONOMAP_BASEMAP_N_LODS 3

typedef struct
{
  double x;
  double y;
} ChronomapWorldPoint;

/* A run of points with its bounding box, in world units: Web Mercator with
 * the world spanning [0, 1] on both axes, y growing southwards. */
typedef struct
{
  guint  first;
  guint  n_points;
  guint  cls;        /* river level for rivers, 0 otherwise */
  guint  cell;       /* polygon pieces: index of the grid cell they were clipped to */
  double x0, y0, x1, y1;
} ChronomapBasemapPart;

typedef struct
{
  ChronomapWorldPoint  *points;
  guint                 n_points;
  ChronomapBasemapPart *parts;
  guint                 n_parts;
  /* Polygon layers are clipped to a grid of grid_size × grid_size cells so a
   * tile touches only the pieces of the continents it shows; cell_first and
   * cell_count index parts by cell (row-major). */
  guint                 grid_size;
  guint                *cell_first;
  guint                *cell_count;
} ChronomapBasemapLayer;

typedef struct
{
  char   *name;
  double  x;
  double  y;
  double  lat;
  double  lon;
  guint   population;
  guint   kind;        /* 0 national capital, 1 first-order seat, 2 other */
  char    country[3];
} ChronomapBasemapPlace;

typedef struct
{
  ChronomapBasemapLayer  land[CHRONOMAP_BASEMAP_N_LODS];
  ChronomapBasemapLayer  coast[CHRONOMAP_BASEMAP_N_LODS];
  ChronomapBasemapLayer  borders[CHRONOMAP_BASEMAP_N_LODS];
  ChronomapBasemapLayer  rivers[CHRONOMAP_BASEMAP_N_LODS];
  ChronomapBasemapLayer  lakes[CHRONOMAP_BASEMAP_N_LODS];
  ChronomapBasemapPlace *places;
  guint                  n_places;
} ChronomapBasemapData;

ChronomapBasemapData *chronomap_basemap_data_load        (const char            *geometry_path,
                                                          const char            *places_path,
                                                          GError               **error);
void                  chronomap_basemap_data_free        (ChronomapBasemapData  *data);
void                  chronomap_basemap_data_project     (double                 lon,
                                                          double                 lat,
                                                          double                *x,
                                                          double                *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapBasemapData, chronomap_basemap_data_free)

G_END_DECLS
