/* chronomap-fallback-source.h: an online data source backed by the offline map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_FALLBACK_SOURCE (chronomap_fallback_source_get_type ())

G_DECLARE_FINAL_TYPE (ChronomapFallbackSource, chronomap_fallback_source,
                      CHRONOMAP, FALLBACK_SOURCE, ShumateDataSource)

ChronomapFallbackSource *chronomap_fallback_source_new           (ShumateDataSource       *online);
gboolean                 chronomap_fallback_source_get_fell_back (ChronomapFallbackSource *self);

G_END_DECLS
