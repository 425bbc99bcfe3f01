/* chronomap-map-sources.h: the map sources the app offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "chronomap-basemap.h"
#include "chronomap-fallback-source.h"

G_BEGIN_DECLS

/* The key of the default, offline basemap (see chronomap_map_source_new_for_key()). */
#define CHRONOMAP_MAP_SOURCE_KEY_OFFLINE "offline"
/* The deepest zoom level at which the offline map's land (1:10m, towns
 * of 500 people) still reads; it goes further, to tell events apart. */
#define CHRONOMAP_OFFLINE_DETAIL_ZOOM 12

ShumateMapSource   *chronomap_map_source_new_offline    (gboolean           dark,
                                                         GError           **error);
ShumateMapSource   *chronomap_map_source_new_offline_for_scale (gboolean      dark,
                                                               int           scale_factor,
                                                               GError      **error);
const char * const *chronomap_map_source_get_online_ids (void);
ChronomapFallbackSource *chronomap_map_source_get_fallback (ShumateMapSource *source);
ShumateMapSource   *chronomap_map_source_new_online     (const char        *id,
                                                         GError           **error);
ShumateMapSource   *chronomap_map_source_new_mbtiles    (const char        *path,
                                                         GError           **error);
ShumateMapSource   *chronomap_map_source_new_for_key    (const char        *key,
                                                         gboolean           dark,
                                                         GError           **error);
char               *chronomap_map_source_dup_key        (ShumateMapSource  *source);
gboolean            chronomap_map_source_is_offline     (ShumateMapSource  *source);
gboolean            chronomap_map_source_get_offline_style (ShumateMapSource      *source,
                                                            ChronomapBasemapStyle *style);
void                chronomap_map_source_follow_style   (ShumateSimpleMap  *map,
                                                         GObject           *style_manager);

G_END_DECLS
