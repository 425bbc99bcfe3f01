/* chronomap-mbtiles.h: read raster tiles from an MBTiles file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_MBTILES (chronomap_mbtiles_get_type ())

G_DECLARE_FINAL_TYPE (ChronomapMbtiles, chronomap_mbtiles, CHRONOMAP, MBTILES, GObject)

ChronomapMbtiles *chronomap_mbtiles_open            (const char        *path,
                                                     GError           **error);
const char       *chronomap_mbtiles_get_path        (ChronomapMbtiles  *self);
const char       *chronomap_mbtiles_get_name        (ChronomapMbtiles  *self);
const char       *chronomap_mbtiles_get_attribution (ChronomapMbtiles  *self);
const char       *chronomap_mbtiles_get_format      (ChronomapMbtiles  *self);
int               chronomap_mbtiles_get_min_zoom    (ChronomapMbtiles  *self);
int               chronomap_mbtiles_get_max_zoom    (ChronomapMbtiles  *self);
gboolean          chronomap_mbtiles_get_bounds      (ChronomapMbtiles  *self,
                                                     double            *west,
                                                     double            *south,
                                                     double            *east,
                                                     double            *north);
GBytes           *chronomap_mbtiles_get_tile        (ChronomapMbtiles  *self,
                                                     int                zoom,
                                                     int                x,
                                                     int                y,
                                                     GError           **error);

G_END_DECLS
