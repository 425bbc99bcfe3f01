/* chronomap-basemap-source.h: the offline basemap as a tile data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "chronomap-basemap.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_BASEMAP_SOURCE (chronomap_basemap_source_get_type ())

G_DECLARE_FINAL_TYPE (ChronomapBasemapSource, chronomap_basemap_source,
                      CHRONOMAP, BASEMAP_SOURCE, ShumateDataSource)

ChronomapBasemapSource *chronomap_basemap_source_new       (ChronomapBasemap       *basemap,
                                                            ChronomapBasemapStyle   style,
                                                            ChronomapBasemapLayers  layers,
                                                            int                     scale_factor);
ChronomapBasemapStyle   chronomap_basemap_source_get_style (ChronomapBasemapSource *self);

G_END_DECLS
