/* chronomap-basemap.h: the offline basemap, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/**
 * ChronomapBasemapStyle:
 * @CHRONOMAP_BASEMAP_STYLE_LIGHT: pale land on a pale blue-grey sea
 * @CHRONOMAP_BASEMAP_STYLE_DARK: for the desktop's dark style
 */
typedef enum
{
  CHRONOMAP_BASEMAP_STYLE_LIGHT,
  CHRONOMAP_BASEMAP_STYLE_DARK,
} ChronomapBasemapStyle;

/**
 * ChronomapBasemapLayers:
 * @CHRONOMAP_BASEMAP_LAYER_LAND: the land on the sea
 * @CHRONOMAP_BASEMAP_LAYER_COAST: coastlines
 * @CHRONOMAP_BASEMAP_LAYER_LAKES: lakes
 * @CHRONOMAP_BASEMAP_LAYER_RIVERS: rivers (from zoom 3)
 * @CHRONOMAP_BASEMAP_LAYER_BORDERS: land borders
 * @CHRONOMAP_BASEMAP_LAYER_TOWN_LABELS: towns' dots and names
 * @CHRONOMAP_BASEMAP_LAYER_COUNTRY_LABELS: countries' names
 * @CHRONOMAP_BASEMAP_LAYER_LABELS: names of towns and countries
 * @CHRONOMAP_BASEMAP_LAYER_ALL: everything
 */
typedef enum
{
  CHRONOMAP_BASEMAP_LAYER_LAND = 1 << 0,
  CHRONOMAP_BASEMAP_LAYER_COAST = 1 << 1,
  CHRONOMAP_BASEMAP_LAYER_LAKES = 1 << 2,
  CHRONOMAP_BASEMAP_LAYER_RIVERS = 1 << 3,
  CHRONOMAP_BASEMAP_LAYER_BORDERS = 1 << 4,
  CHRONOMAP_BASEMAP_LAYER_TOWN_LABELS = 1 << 5,
  CHRONOMAP_BASEMAP_LAYER_COUNTRY_LABELS = 1 << 6,
  CHRONOMAP_BASEMAP_LAYER_LABELS = (1 << 5) | (1 << 6),
  CHRONOMAP_BASEMAP_LAYER_ALL = (1 << 7) - 1,
} ChronomapBasemapLayers;

/**
 * ChronomapBasemapLabel:
 * @name: the place's name (owned by the basemap)
 * @x: left edge of the label's box (dot and text), in view pixels
 * @y: top edge, in view pixels
 * @width: width of the box
 * @height: height of the box
 * @id: the label at this zoom level, for chronomap_basemap_draw_label()
 * @town: %TRUE for a town (dot and name), %FALSE for a country's name
 * @dot_x: the town's point, in view pixels
 * @dot_y: the town's point, in view pixels
 * @name_x: left edge of the name's box, in view pixels
 * @name_y: top edge of the name's box
 * @name_width: width of the name's box
 * @name_height: height of the name's box
 * @moved: %TRUE once chronomap_basemap_labels_clear_marks() put the
 *   name beside a mark that covers the town's dot: the dot is not drawn,
 *   and the box (@x, @y, @width, @height) is the name's alone
 * @lone_dot: %TRUE for a moved name whose dot no mark covers: put on
 *   another side of its dot, clear of a count, by
 *   chronomap_basemap_labels_clear_marks(), or gliding back to its dot
 *   (chronomap-label-glides.c).  The dot is drawn at (@dot_x, @dot_y)
 *   apart from the name, with chronomap_basemap_draw_label_dot()
 *
 * A place label as drawn in a view, for callers (and tests) that need to
 * know where the labels went.
 */
typedef struct
{
  const char *name;
  double      x;
  double      y;
  double      width;
  double      height;
  guint       id;
  gboolean    town;
  double      dot_x;
  double      dot_y;
  double      name_x;
  double      name_y;
  double      name_width;
  double      name_height;
  gboolean    moved;
  gboolean    lone_dot;
} ChronomapBasemapLabel;

/**
 * ChronomapBasemapMark:
 * @x: the mark's centre, in view pixels
 * @y: the mark's centre, in view pixels
 * @radius: its radius, its outline included
 * @counted: whether a count is drawn in its middle (a cluster's)
 *
 * An event's mark (or a cluster's disc) drawn over the map, for
 * chronomap_basemap_labels_clear_marks().
 */
typedef struct
{
  double   x;
  double   y;
  double   radius;
  gboolean counted;
} ChronomapBasemapMark;

/* How far a label's halo reaches outside its box. */
#define CHRONOMAP_BASEMAP_LABEL_HALO 2
/* How far a town's dot, with its halo, reaches from the town's point. */
#define CHRONOMAP_BASEMAP_DOT_REACH 4
/* The space between a town's point and its name, on whatever side. */
#define CHRONOMAP_BASEMAP_NAME_GAP 4.4

#define CHRONOMAP_BASEMAP_TILE_SIZE 256

/* The deepest zoom level with a placing of its own for the names (deeper
 * levels use it). */
#define CHRONOMAP_BASEMAP_MAX_LABEL_ZOOM 14

#define CHRONOMAP_TYPE_BASEMAP (chronomap_basemap_get_type ())

G_DECLARE_FINAL_TYPE (ChronomapBasemap, chronomap_basemap, CHRONOMAP, BASEMAP, GObject)

ChronomapBasemap *chronomap_basemap_new             (const char            *geometry_path,
                                                     const char            *places_path,
                                                     GError               **error);
ChronomapBasemap *chronomap_basemap_get_default     (GError               **error);
void              chronomap_basemap_draw            (ChronomapBasemap      *self,
                                                     cairo_t               *cr,
                                                     ChronomapBasemapStyle  style,
                                                     double                 zoom,
                                                     double                 world_x,
                                                     double                 world_y,
                                                     int                    width,
                                                     int                    height);
void              chronomap_basemap_draw_layers     (ChronomapBasemap       *self,
                                                     cairo_t                *cr,
                                                     ChronomapBasemapStyle   style,
                                                     ChronomapBasemapLayers  layers,
                                                     double                  zoom,
                                                     double                  world_x,
                                                     double                  world_y,
                                                     int                     width,
                                                     int                     height);
void              chronomap_basemap_draw_tile       (ChronomapBasemap      *self,
                                                     cairo_t               *cr,
                                                     ChronomapBasemapStyle  style,
                                                     ChronomapBasemapLayers layers,
                                                     int                    zoom,
                                                     int                    x,
                                                     int                    y,
                                                     int                    tile_size);
GBytes           *chronomap_basemap_draw_stand_in_tile (int                 zoom,
                                                       int                 x,
                                                       int                 y,
                                                       GError            **error);
GBytes           *chronomap_basemap_draw_tile_png   (ChronomapBasemap      *self,
                                                     ChronomapBasemapStyle  style,
                                                     ChronomapBasemapLayers layers,
                                                     int                    zoom,
                                                     int                    x,
                                                     int                    y,
                                                     int                    tile_size,
                                                     GError               **error);
void              chronomap_basemap_draw_bbox       (ChronomapBasemap      *self,
                                                     cairo_t               *cr,
                                                     ChronomapBasemapStyle  style,
                                                     double                 west,
                                                     double                 south,
                                                     double                 east,
                                                     double                 north,
                                                     int                    width,
                                                     int                    height);
void              chronomap_basemap_draw_label      (ChronomapBasemap      *self,
                                                     cairo_t               *cr,
                                                     ChronomapBasemapStyle  style,
                                                     guint                  id);
void              chronomap_basemap_draw_label_name (ChronomapBasemap      *self,
                                                     cairo_t               *cr,
                                                     ChronomapBasemapStyle  style,
                                                     guint                  id);
void              chronomap_basemap_draw_label_dot  (ChronomapBasemap      *self,
                                                     cairo_t               *cr,
                                                     ChronomapBasemapStyle  style,
                                                     guint                  id);
void              chronomap_basemap_labels_clear_marks (GArray                     *labels,
                                                        int                         width,
                                                        int                         height,
                                                        const ChronomapBasemapMark *marks,
                                                        guint                       n_marks);
void              chronomap_basemap_draw_town_labels (ChronomapBasemap     *self,
                                                      cairo_t              *cr,
                                                      ChronomapBasemapStyle style,
                                                      const GArray         *labels);
GArray           *chronomap_basemap_get_labels      (ChronomapBasemap      *self,
                                                     double                 zoom,
                                                     double                 world_x,
                                                     double                 world_y,
                                                     int                    width,
                                                     int                    height);
const char       *chronomap_basemap_get_attribution (void);
void              chronomap_basemap_get_sea_color   (ChronomapBasemapStyle  style,
                                                     double                *red,
                                                     double                *green,
                                                     double                *blue);
void              chronomap_basemap_lat_lon_to_world (double                lat,
                                                      double                lon,
                                                      double                zoom,
                                                      double               *world_x,
                                                      double               *world_y);

G_END_DECLS
