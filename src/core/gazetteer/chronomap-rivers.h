/* chronomap-rivers.h: the courses of the gazetteer's rivers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ChronomapRivers ChronomapRivers;

ChronomapRivers *chronomap_rivers_load        (const char      *path,
                                               GError         **error);
ChronomapRivers *chronomap_rivers_get_default (void);
void             chronomap_rivers_free        (ChronomapRivers *rivers);
gboolean         chronomap_rivers_nearest     (ChronomapRivers *rivers,
                                               const char      *id,
                                               double           lat,
                                               double           lon,
                                               double          *out_lat,
                                               double          *out_lon,
                                               double          *out_km);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapRivers, chronomap_rivers_free)

G_END_DECLS
