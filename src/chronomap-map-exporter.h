/* chronomap-map-exporter.h: saving what a window's map shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "chronomap-export-job.h"
#include "chronomap-window.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_MAP_EXPORTER (chronomap_map_exporter_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapMapExporter, chronomap_map_exporter, CHRONOMAP, MAP_EXPORTER, GObject)

ChronomapMapExporter *chronomap_map_exporter_new              (ChronomapWindow      *window,
                                                               ShumateSimpleMap     *map,
                                                               GSettings            *settings);
gboolean              chronomap_map_exporter_get_running      (ChronomapMapExporter *self);
ChronomapExportKind   chronomap_map_exporter_get_kind         (ChronomapMapExporter *self);
void                  chronomap_map_exporter_choose_image     (ChronomapMapExporter *self);
void                  chronomap_map_exporter_choose_animation (ChronomapMapExporter *self);
void                  chronomap_map_exporter_choose_video     (ChronomapMapExporter *self);
void                  chronomap_map_exporter_export_image     (ChronomapMapExporter *self,
                                                               GFile                *file,
                                                               int                   scale);
void                  chronomap_map_exporter_export_animation (ChronomapMapExporter *self,
                                                               GFile                *folder,
                                                               int                   height,
                                                               double                days_per_second,
                                                               gint32                first,
                                                               gint32                last);
void                  chronomap_map_exporter_export_video     (ChronomapMapExporter *self,
                                                               GFile                *file,
                                                               int                   height,
                                                               double                days_per_second,
                                                               gint32                first,
                                                               gint32                last);
void                  chronomap_map_exporter_stop             (ChronomapMapExporter *self);
void                  chronomap_map_exporter_forget_folder    (ChronomapMapExporter *self);
void                  chronomap_map_exporter_detach           (ChronomapMapExporter *self);

G_END_DECLS
