/* chronomap-mbtiles-source.h: tiles from an MBTiles file as a data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "chronomap-mbtiles.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_MBTILES_SOURCE (chronomap_mbtiles_source_get_type ())

G_DECLARE_FINAL_TYPE (ChronomapMbtilesSource, chronomap_mbtiles_source,
                      CHRONOMAP, MBTILES_SOURCE, ShumateDataSource)

ChronomapMbtilesSource *chronomap_mbtiles_source_new         (ChronomapMbtiles       *mbtiles,
                                                              gboolean                fill_gaps);
ChronomapMbtiles       *chronomap_mbtiles_source_get_mbtiles (ChronomapMbtilesSource *self);

G_END_DECLS
