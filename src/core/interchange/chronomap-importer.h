/* chronomap-importer.h: reading event data sets into an event database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chronomap-database.h"

G_BEGIN_DECLS

/**
 * ChronomapImportFormat:
 * @CHRONOMAP_IMPORT_ACLED: ACLED exports, old and new column sets
 * @CHRONOMAP_IMPORT_UCDP: UCDP GED CSV, any version (by header names), or the
 *   GED 23.1 column order when the file has no header
 * @CHRONOMAP_IMPORT_GDELT: GDELT 2.0 event exports: 61 tab-separated columns, no header
 * @CHRONOMAP_IMPORT_GEOJSON: GeoJSON Point features; time from JSON-FG `time`
 *   or a property
 * @CHRONOMAP_IMPORT_CSV: any CSV or TSV with a header, columns mapped by name
 */
typedef enum
{
  CHRONOMAP_IMPORT_ACLED,
  CHRONOMAP_IMPORT_UCDP,
  CHRONOMAP_IMPORT_GDELT,
  CHRONOMAP_IMPORT_GEOJSON,
  CHRONOMAP_IMPORT_CSV,
} ChronomapImportFormat;

/**
 * ChronomapImportFlags:
 * @CHRONOMAP_IMPORT_DEFAULT: the first bad row fails the whole import
 * @CHRONOMAP_IMPORT_SKIP_BAD_ROWS: bad rows are reported and skipped
 */
typedef enum
{
  CHRONOMAP_IMPORT_DEFAULT = 0,
  CHRONOMAP_IMPORT_SKIP_BAD_ROWS = 1 << 0,
} ChronomapImportFlags;

/* The fields a generic CSV's columns map to (chronomap_importer_set_column). */
#define CHRONOMAP_IMPORT_FIELDS "id, date, end_date, precision, place, country, admin1, admin2, " \
  "latitude, longitude, type, sub_type, actor1, actor2, fatalities, notes, source, url"

typedef struct _ChronomapImporter ChronomapImporter;

/**
 * ChronomapImportProgressFunc:
 * @bytes_done: how much of the input files has been read
 * @bytes_total: their total size
 * @n_rows: rows read so far
 */
typedef void (*ChronomapImportProgressFunc) (guint64  bytes_done,
                                             guint64  bytes_total,
                                             guint64  n_rows,
                                             gpointer user_data);

ChronomapImporter *chronomap_importer_new             (ChronomapDatabase     *db,
                                                       ChronomapImportFormat  format,
                                                       ChronomapImportFlags   flags);
void               chronomap_importer_free            (ChronomapImporter     *self);
gboolean           chronomap_importer_set_column      (ChronomapImporter     *self,
                                                       const char            *field,
                                                       const char            *column,
                                                       GError               **error);
void               chronomap_importer_set_delimiter   (ChronomapImporter     *self,
                                                       char                   delimiter);
void               chronomap_importer_set_time_property (ChronomapImporter   *self,
                                                         const char          *name);
void               chronomap_importer_set_max_record  (ChronomapImporter     *self,
                                                       gsize                  max_bytes);
void               chronomap_importer_set_report      (ChronomapImporter     *self,
                                                       GOutputStream         *report);
void               chronomap_importer_set_progress_func (ChronomapImporter         *self,
                                                         ChronomapImportProgressFunc func,
                                                         gpointer                   user_data,
                                                         GDestroyNotify             destroy);
gboolean           chronomap_importer_run             (ChronomapImporter     *self,
                                                       const char * const    *paths,
                                                       GCancellable          *cancellable,
                                                       GError               **error);
void               chronomap_importer_run_async       (ChronomapImporter     *self,
                                                       const char * const    *paths,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
gboolean           chronomap_importer_run_finish      (ChronomapImporter     *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);
guint64            chronomap_importer_get_n_rows      (ChronomapImporter     *self);
guint64            chronomap_importer_get_n_inserted  (ChronomapImporter     *self);
guint64            chronomap_importer_get_n_updated   (ChronomapImporter     *self);
guint64            chronomap_importer_get_n_skipped   (ChronomapImporter     *self);
GPtrArray         *chronomap_importer_get_problems    (ChronomapImporter     *self);
guint64            chronomap_importer_get_n_unknown_country (ChronomapImporter *self);
GPtrArray         *chronomap_importer_get_unknown_countries (ChronomapImporter *self);
gboolean           chronomap_importer_get_stopped_at_bad_row (ChronomapImporter *self);
gboolean           chronomap_importer_get_lacks_dates        (ChronomapImporter *self);

gboolean           chronomap_import_format_from_string (const char           *text,
                                                        ChronomapImportFormat *out_format);
const char        *chronomap_import_format_to_string   (ChronomapImportFormat format);
char               chronomap_import_guess_delimiter    (const char           *path);
ChronomapImportFormat chronomap_import_guess_format    (const char           *path,
                                                        char                  delimiter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapImporter, chronomap_importer_free)

G_END_DECLS
