/* chronomap-exporter.h: writing events to GeoJSON, CSV, KML and GeoPackage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chronomap-database.h"

G_BEGIN_DECLS

/**
 * ChronomapExportFormat:
 * @CHRONOMAP_EXPORT_GEOJSON: RFC 7946 GeoJSON with JSON-FG `time` on every feature
 * @CHRONOMAP_EXPORT_CSV: CSV with ACLED's column names, then Chronomap's own
 * @CHRONOMAP_EXPORT_KML: KML 2.2 with a TimeStamp or TimeSpan per placemark
 * @CHRONOMAP_EXPORT_GPKG: an OGC GeoPackage 1.3 point layer with date columns
 */
typedef enum
{
  CHRONOMAP_EXPORT_GEOJSON,
  CHRONOMAP_EXPORT_CSV,
  CHRONOMAP_EXPORT_KML,
  CHRONOMAP_EXPORT_GPKG,
} ChronomapExportFormat;

gboolean chronomap_export_format_from_string (const char             *text,
                                              ChronomapExportFormat  *out_format);
gboolean chronomap_export_database           (ChronomapDatabase      *db,
                                              ChronomapExportFormat   format,
                                              gint32                  from_day,
                                              gint32                  to_day,
                                              const char             *path,
                                              guint64                *out_n_events,
                                              GCancellable           *cancellable,
                                              GError                **error);

void     chronomap_export_file_async         (const char             *db_path,
                                              ChronomapExportFormat   format,
                                              gint32                  from_day,
                                              gint32                  to_day,
                                              const char             *path,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gboolean chronomap_export_file_finish        (GAsyncResult           *result,
                                              guint64                *out_n_events,
                                              GError                **error);

G_END_DECLS
