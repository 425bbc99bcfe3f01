/* chronomap-csv.h: a streaming reader of CSV and TSV files (RFC 4180)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The longest record the reader holds by default: a record is one row, so
 * this bounds the reader's memory whatever the file's size.  ACLED notes and
 * UCDP source lists stay far below it. */
#define CHRONOMAP_CSV_DEFAULT_MAX_RECORD (16 * 1024 * 1024)

typedef struct _ChronomapCsvReader ChronomapCsvReader;

/**
 * ChronomapCsvFlags:
 * @CHRONOMAP_CSV_DEFAULT: RFC 4180: fields may be quoted with `"`
 * @CHRONOMAP_CSV_NO_QUOTES: `"` is an ordinary character (GDELT's
 *   tab-separated exports never quote)
 */
typedef enum
{
  CHRONOMAP_CSV_DEFAULT = 0,
  CHRONOMAP_CSV_NO_QUOTES = 1 << 0,
} ChronomapCsvFlags;

ChronomapCsvReader *chronomap_csv_reader_new            (GInputStream        *stream,
                                                         const char          *display_name,
                                                         char                 delimiter,
                                                         ChronomapCsvFlags    flags);
ChronomapCsvReader *chronomap_csv_reader_open           (const char          *path,
                                                         char                 delimiter,
                                                         ChronomapCsvFlags    flags,
                                                         GError             **error);
void                chronomap_csv_reader_free           (ChronomapCsvReader  *reader);
void                chronomap_csv_reader_set_max_record (ChronomapCsvReader  *reader,
                                                         gsize                max_bytes);
gboolean            chronomap_csv_reader_next           (ChronomapCsvReader  *reader,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
gboolean            chronomap_csv_reader_at_end         (ChronomapCsvReader  *reader);
gboolean            chronomap_csv_reader_read_header    (ChronomapCsvReader  *reader,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
void                chronomap_csv_reader_set_header     (ChronomapCsvReader  *reader,
                                                         const char * const  *names);
guint               chronomap_csv_reader_get_n_fields   (ChronomapCsvReader  *reader);
const char         *chronomap_csv_reader_get_field      (ChronomapCsvReader  *reader,
                                                         guint                index);
guint               chronomap_csv_reader_get_n_columns  (ChronomapCsvReader  *reader);
const char         *chronomap_csv_reader_get_column_name (ChronomapCsvReader *reader,
                                                          guint               index);
int                 chronomap_csv_reader_find_column    (ChronomapCsvReader  *reader,
                                                         const char          *name);
guint64             chronomap_csv_reader_get_line       (ChronomapCsvReader  *reader);
guint64             chronomap_csv_reader_get_offset     (ChronomapCsvReader  *reader);
const char         *chronomap_csv_reader_get_display_name (ChronomapCsvReader *reader);
void                chronomap_csv_reader_set_error      (ChronomapCsvReader  *reader,
                                                         GError             **error,
                                                         int                  column,
                                                         const char          *format,
                                                         ...) G_GNUC_PRINTF (4, 5);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapCsvReader, chronomap_csv_reader_free)

G_END_DECLS
