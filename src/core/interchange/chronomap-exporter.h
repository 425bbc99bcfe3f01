/* chronomap-exporter.h: writing events to GeoJSON, CSV, KML and GeoPackage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chronomap-database.h"
#include "chronomap-event-store.h"

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

/**
 * ChronomapExportPosition:
 * @id: an event's row id
 * @latitude: where the geocoder put it
 * @longitude: where the geocoder put it
 * @precision: how precisely
 * @guessed: the geocoder was not sure of the place
 *
 * A position the file lacks and the app found: an export writes what the
 * map shows.
 */
typedef struct
{
  gint64                 id;
  double                 latitude;
  double                 longitude;
  ChronomapGeoPrecision  precision;
  gboolean               guessed;
} ChronomapExportPosition;

/**
 * ChronomapExportSelection:
 * @from_day: the first day of the window, or %CHRONOMAP_DAY_INVALID for no limit
 * @to_day: the last day of the window, or %CHRONOMAP_DAY_INVALID for no limit
 * @ids: (nullable) (array length=n_ids): the ids of the events to write, in
 *   ascending order, or %NULL for every event of the window (an empty
 *   array that is not %NULL selects none)
 * @n_ids: the length of @ids
 * @positions: (nullable) (array length=n_positions): positions for events
 *   the file has none for, in ascending order of id
 * @n_positions: the length of @positions
 *
 * Which events an export writes: those whose period overlaps the window
 * and, when @ids is set, whose id is one of @ids (what the app's filters
 * let through); and where the geocoder put those the file does not place.
 */
typedef struct
{
  gint32                         from_day;
  gint32                         to_day;
  const gint64                  *ids;
  gsize                          n_ids;
  const ChronomapExportPosition *positions;
  gsize                          n_positions;
} ChronomapExportSelection;

/**
 * ChronomapExportProgressFunc:
 * @done: the events read so far
 * @total: the events there are to read
 * @user_data: the data given with the function
 */
typedef void (*ChronomapExportProgressFunc) (guint64  done,
                                             guint64  total,
                                             gpointer user_data);

GArray  *chronomap_export_positions_from_store (ChronomapEventStore    *store);
gboolean chronomap_export_format_from_string (const char             *text,
                                              ChronomapExportFormat  *out_format);
gboolean chronomap_export_format_from_path   (const char             *path,
                                              ChronomapExportFormat  *out_format);
gboolean chronomap_export_database_full      (ChronomapDatabase      *db,
                                              ChronomapExportFormat   format,
                                              const ChronomapExportSelection *selection,
                                              const char             *path,
                                              ChronomapExportProgressFunc progress_func,
                                              gpointer                progress_data,
                                              guint64                *out_n_events,
                                              GCancellable           *cancellable,
                                              GError                **error);
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
                                              const ChronomapExportSelection *selection,
                                              const char             *path,
                                              ChronomapExportProgressFunc progress_func,
                                              gpointer                progress_data,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gboolean chronomap_export_file_finish        (GAsyncResult           *result,
                                              guint64                *out_n_events,
                                              GError                **error);

G_END_DECLS
