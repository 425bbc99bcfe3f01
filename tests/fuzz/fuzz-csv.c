/* fuzz-csv.c: the CSV and TSV reader every table importer stands on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the delimiter, the quoting and a small record
 * limit; the rest is the file.
 */
#include "config.h"

#include <string.h>

#include "chronomap-csv.h"
#include "chronomap-fuzz.h"

/* Bounds the work per input; a real file's millions of rows are the
 * benchmarks' business. */
#define MAX_RECORDS 10000

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { ',', '\t', ';', '|' };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(ChronomapCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint8 mode;

  if (size == 0)
    return 0;
  mode = data[0];
  stream = g_memory_input_stream_new_from_data (data + 1, size - 1, NULL);
  reader = chronomap_csv_reader_new (stream, "fuzz.csv", delimiters[mode & 3],
                                     mode & 4 ? CHRONOMAP_CSV_NO_QUOTES : CHRONOMAP_CSV_DEFAULT);
  if (mode & 8)
    chronomap_csv_reader_set_max_record (reader, 64);

  if (mode & 16)
    {
      if (!chronomap_csv_reader_read_header (reader, NULL, &error))
        {
          g_assert_nonnull (error);
          return 0;
        }
      for (guint i = 0; i < chronomap_csv_reader_get_n_columns (reader); i++)
        {
          const char *name = chronomap_csv_reader_get_column_name (reader, i);

          /* Not every name finds its column: an empty header cell is
           * named "column N", and the first of two equal names wins. */
          g_assert_nonnull (name);
          g_assert_cmpint (chronomap_csv_reader_find_column (reader, name), <,
                           (int) chronomap_csv_reader_get_n_columns (reader));
        }
      (void) chronomap_csv_reader_find_column (reader, "event_date");
    }

  for (guint n = 0; n < MAX_RECORDS; n++)
    {
      guint64 line = chronomap_csv_reader_get_line (reader);

      if (!chronomap_csv_reader_next (reader, NULL, &error))
        {
          /* The end, or an error that names the file and the line. */
          if (error != NULL)
            g_assert_nonnull (strstr (error->message, "fuzz.csv"));
          break;
        }
      g_assert_cmpuint (chronomap_csv_reader_get_line (reader), >=, line);
      for (guint i = 0; i < chronomap_csv_reader_get_n_fields (reader); i++)
        {
          const char *field = chronomap_csv_reader_get_field (reader, i);

          g_assert_nonnull (field);
          (void) strlen (field);
        }
      /* A field past the end reads as absent, as importers ask for
       * columns a short row lacks. */
      (void) chronomap_csv_reader_get_field (reader, chronomap_csv_reader_get_n_fields (reader));
    }

  return 0;
}
