/* chronomap-csv.c: a streaming reader of CSV and TSV files (RFC 4180)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-csv"

#include "config.h"

#include "chronomap-csv.h"

#include <string.h>

#include "chronomap-error.h"

#define READ_SIZE (256 * 1024)

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
  STATE_CR,
} State;

struct _ChronomapCsvReader
{
  GInputStream *stream;
  char         *display_name;
  char          delimiter;
  gboolean      quoting;

  guchar       *in;
  gsize         in_len;
  gsize         in_pos;
  gboolean      eof;
  gboolean      started;
  gboolean      finished;

  /* The current record: every field's bytes followed by a nul. */
  char         *rec;
  gsize         rec_len;
  gsize         rec_alloc;
  gsize        *starts;
  const char  **fields;
  guint         n_fields;
  guint         fields_alloc;
  gsize         max_record;

  guint64       line;         /* physical line of the read position, from 1 */
  guint64       record_line;  /* where the current record starts */
  guint64       n_read;       /* bytes read from the stream so far */

  char        **header;
  guint         n_columns;
  GHashTable   *column_index;
  char          column_buf[32];

  /* Ordinary bytes of an unquoted and of a quoted field. */
  guint8        special_unquoted[256];
  guint8        special_quoted[256];
};

/**
 * chronomap_csv_reader_new:
 * @stream: the bytes to read
 * @display_name: the file's name for messages
 * @delimiter: `,`, `\t`, `;` …
 * @flags: how fields are quoted
 *
 * Returns: (transfer full): a reader of @stream
 */
ChronomapCsvReader *
chronomap_csv_reader_new (GInputStream      *stream,
                          const char        *display_name,
                          char               delimiter,
                          ChronomapCsvFlags  flags)
{
  ChronomapCsvReader *reader;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r' &&
                        delimiter != '\0', NULL);

  reader = g_new0 (ChronomapCsvReader, 1);
  reader->stream = g_object_ref (stream);
  reader->display_name = g_strdup (display_name);
  reader->delimiter = delimiter;
  reader->quoting = (flags & CHRONOMAP_CSV_NO_QUOTES) == 0;
  reader->in = g_malloc (READ_SIZE);
  reader->rec_alloc = 4096;
  reader->rec = g_malloc (reader->rec_alloc);
  reader->fields_alloc = 64;
  reader->starts = g_new (gsize, reader->fields_alloc + 1);
  reader->fields = g_new (const char *, reader->fields_alloc + 1);
  reader->max_record = CHRONOMAP_CSV_DEFAULT_MAX_RECORD;
  reader->line = 1;
  reader->record_line = 1;

  reader->special_unquoted[(guchar) delimiter] = 1;
  reader->special_unquoted['\n'] = 1;
  reader->special_unquoted['\r'] = 1;
  reader->special_quoted['"'] = 1;
  reader->special_quoted['\n'] = 1;

  return reader;
}

/**
 * chronomap_csv_reader_open:
 * @path: a file
 * @delimiter: the field separator
 * @flags: how fields are quoted
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL if @path can't be opened
 */
ChronomapCsvReader *
chronomap_csv_reader_open (const char         *path,
                           char                delimiter,
                           ChronomapCsvFlags   flags,
                           GError            **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *display_name = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  display_name = g_filename_display_name (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, CHRONOMAP_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ?
                   CHRONOMAP_ERROR_NOT_FOUND : CHRONOMAP_ERROR_FAILED,
                   "%s: cannot be read: %s", display_name, local_error->message);
      return NULL;
    }

  return chronomap_csv_reader_new (G_INPUT_STREAM (stream), display_name, delimiter, flags);
}

void
chronomap_csv_reader_free (ChronomapCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_object (&reader->stream);
  g_free (reader->display_name);
  g_free (reader->in);
  g_free (reader->rec);
  g_free (reader->starts);
  g_free (reader->fields);
  g_strfreev (reader->header);
  g_clear_pointer (&reader->column_index, g_hash_table_unref);
  g_free (reader);
}

/**
 * chronomap_csv_reader_set_max_record:
 * @max_bytes: the longest record accepted
 *
 * A longer record is reported as an error and skipped up to the end of its
 * line, so a file with a line cut off mid-way can't exhaust memory.
 */
void
chronomap_csv_reader_set_max_record (ChronomapCsvReader *reader,
                                     gsize               max_bytes)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (max_bytes > 0);

  reader->max_record = max_bytes;
}

const char *
chronomap_csv_reader_get_display_name (ChronomapCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->display_name;
}

static void
set_error_at_line (ChronomapCsvReader  *reader,
                   GError             **error,
                   guint64              line,
                   int                  column,
                   const char          *message)
{
  if (column >= 0)
    g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                 "%s:%" G_GUINT64_FORMAT ": %s: %s", reader->display_name, line,
                 chronomap_csv_reader_get_column_name (reader, column), message);
  else
    g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                 "%s:%" G_GUINT64_FORMAT ": %s", reader->display_name, line, message);
}

/**
 * chronomap_csv_reader_set_error:
 * @column: the column at fault, or -1 for the whole row
 *
 * Sets @error to `file:line: column: reason` for the current record.
 */
void
chronomap_csv_reader_set_error (ChronomapCsvReader  *reader,
                                GError             **error,
                                int                  column,
                                const char          *format,
                                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (reader != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  set_error_at_line (reader, error, reader->record_line, column, message);
}

/* Returns 1 when bytes are available, 0 at the end, -1 on error. */
static int
fill (ChronomapCsvReader  *reader,
      GCancellable        *cancellable,
      GError             **error)
{
  gssize n;
  g_autoptr(GError) local_error = NULL;

  if (reader->in_pos < reader->in_len)
    return 1;
  if (reader->eof)
    return 0;

  n = g_input_stream_read (reader->stream, reader->in, READ_SIZE, cancellable, &local_error);
  if (n < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_CANCELLED,
                     "%s: cancelled", reader->display_name);
      else
        g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                     "%s:%" G_GUINT64_FORMAT ": cannot be read: %s", reader->display_name,
                     reader->line, local_error->message);
      reader->finished = TRUE;
      return -1;
    }
  reader->in_pos = 0;
  reader->in_len = n;
  reader->n_read += n;
  if (n == 0)
    {
      reader->eof = TRUE;
      return 0;
    }

  if (!reader->started)
    {
      reader->started = TRUE;
      /* Excel and Notepad write a UTF-8 byte order mark; UTF-16 is refused
       * rather than read as garbage. */
      if (n >= 3 && memcmp (reader->in, "\xEF\xBB\xBF", 3) == 0)
        reader->in_pos = 3;
      else if (n >= 2 && (memcmp (reader->in, "\xFF\xFE", 2) == 0 ||
                          memcmp (reader->in, "\xFE\xFF", 2) == 0))
        {
          set_error_at_line (reader, error, 1, -1,
                             "the file is in UTF-16; save it as UTF-8 and import it again");
          reader->finished = TRUE;
          return -1;
        }
      if (reader->in_pos == reader->in_len)
        return fill (reader, cancellable, error);
    }
  return 1;
}

/* Skips to the start of the next line after a malformed record. */
static gboolean
skip_line (ChronomapCsvReader  *reader,
           GCancellable        *cancellable,
           GError             **error)
{
  for (;;)
    {
      int r = fill (reader, cancellable, error);
      guchar *nl;

      if (r < 0)
        return FALSE;
      if (r == 0)
        {
          reader->finished = TRUE;
          return TRUE;
        }
      nl = memchr (reader->in + reader->in_pos, '\n', reader->in_len - reader->in_pos);
      if (nl != NULL)
        {
          reader->in_pos = nl - reader->in + 1;
          reader->line++;
          return TRUE;
        }
      reader->in_pos = reader->in_len;
    }
}

static gboolean
append (ChronomapCsvReader  *reader,
        const guchar        *bytes,
        gsize                n,
        GError             **error)
{
  /* One byte more for each field's nul. */
  if (reader->rec_len + n + 1 > reader->max_record)
    {
      g_autofree char *message =
        g_strdup_printf ("the row is longer than the limit of %" G_GSIZE_FORMAT " bytes; "
                         "is the file cut off or missing a closing quote?",
                         reader->max_record);

      set_error_at_line (reader, error, reader->record_line, (int) reader->n_fields, message);
      return FALSE;
    }
  if (reader->rec_len + n + 1 > reader->rec_alloc)
    {
      while (reader->rec_len + n + 1 > reader->rec_alloc)
        reader->rec_alloc *= 2;
      reader->rec = g_realloc (reader->rec, reader->rec_alloc);
    }
  memcpy (reader->rec + reader->rec_len, bytes, n);
  reader->rec_len += n;
  return TRUE;
}

static void
end_field (ChronomapCsvReader *reader,
           gsize              *field_start)
{
  /* append() always leaves room for the nul. */
  reader->rec[reader->rec_len++] = '\0';
  if (reader->n_fields == reader->fields_alloc)
    {
      reader->fields_alloc *= 2;
      reader->starts = g_renew (gsize, reader->starts, reader->fields_alloc + 1);
      reader->fields = g_renew (const char *, reader->fields, reader->fields_alloc + 1);
    }
  reader->starts[reader->n_fields++] = *field_start;
  *field_start = reader->rec_len;
}

static gboolean
finish_record (ChronomapCsvReader  *reader,
               GError             **error)
{
  for (guint i = 0; i < reader->n_fields; i++)
    {
      const char *field = reader->rec + reader->starts[i];
      gsize len = (i + 1 < reader->n_fields ? reader->starts[i + 1] : reader->rec_len) -
                  reader->starts[i] - 1;
      const char *end = NULL;

      if (!g_utf8_validate_len (field, len, &end))
        {
          set_error_at_line (reader, error, reader->record_line, (int) i,
                             end != NULL && *end == '\0' ?
                             "contains a nul byte" :
                             "is not valid UTF-8; save the file as UTF-8 and import it again");
          return FALSE;
        }
      reader->fields[i] = field;
    }
  reader->fields[reader->n_fields] = NULL;
  return TRUE;
}

/**
 * chronomap_csv_reader_next:
 * @reader: a reader
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Reads the next record.  Blank lines are skipped.  After a malformed
 * record (an error in the %CHRONOMAP_ERROR_INVALID_INPUT code) the reader
 * goes on at the next line, so a caller may report the error and go on.
 *
 * Returns: %TRUE if a record was read; %FALSE at the end (with @error unset)
 *   or on error
 */
gboolean
chronomap_csv_reader_next (ChronomapCsvReader  *reader,
                           GCancellable        *cancellable,
                           GError             **error)
{
  State state = STATE_FIELD_START;
  gsize field_start = 0;
  guint64 quote_line = 0;
  gboolean field_quoted = FALSE;

  g_return_val_if_fail (reader != NULL, FALSE);

  if (reader->finished)
    return FALSE;

  reader->rec_len = 0;
  reader->n_fields = 0;
  reader->record_line = reader->line;

  for (;;)
    {
      int r = fill (reader, cancellable, error);
      const guchar *p, *end;
      guchar c;

      if (r < 0)
        return FALSE;
      if (r == 0)
        {
          reader->finished = TRUE;
          switch (state)
            {
            case STATE_FIELD_START:
              if (reader->n_fields == 0)
                return FALSE;
              break;
            case STATE_QUOTED:
              set_error_at_line (reader, error, quote_line, (int) reader->n_fields,
                                 "missing closing quote: the quoted field starting here "
                                 "runs to the end of the file");
              return FALSE;
            case STATE_UNQUOTED:
            case STATE_QUOTE_IN_QUOTED:
            case STATE_CR:
            default:
              break;
            }
          end_field (reader, &field_start);
          return finish_record (reader, error);
        }

      p = reader->in + reader->in_pos;
      end = reader->in + reader->in_len;

      switch (state)
        {
        case STATE_FIELD_START:
          field_quoted = FALSE;
          if (*p == '"' && reader->quoting)
            {
              state = STATE_QUOTED;
              field_quoted = TRUE;
              quote_line = reader->line;
              reader->in_pos++;
              continue;
            }
          state = STATE_UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case STATE_UNQUOTED:
          {
            const guchar *q = p;

            while (q < end && !reader->special_unquoted[*q])
              q++;
            if (q > p && !append (reader, p, q - p, error))
              goto malformed;
            reader->in_pos = q - reader->in;
            if (q == end)
              continue;
            c = *q;
            reader->in_pos++;
            if (c == (guchar) reader->delimiter)
              {
                end_field (reader, &field_start);
                state = STATE_FIELD_START;
              }
            else if (c == '\n')
              {
                reader->line++;
                goto record_end;
              }
            else
              state = STATE_CR;
          }
          break;

        case STATE_QUOTED:
          {
            const guchar *q = p;

            while (q < end && !reader->special_quoted[*q])
              q++;
            if (q > p && !append (reader, p, q - p, error))
              goto malformed;
            reader->in_pos = q - reader->in;
            if (q == end)
              continue;
            c = *q;
            reader->in_pos++;
            if (c == '\n')
              {
                reader->line++;
                if (!append (reader, q, 1, error))
                  goto malformed;
              }
            else
              state = STATE_QUOTE_IN_QUOTED;
          }
          break;

        case STATE_QUOTE_IN_QUOTED:
          c = *p;
          reader->in_pos++;
          if (c == '"')
            {
              if (!append (reader, p, 1, error))
                goto malformed;
              state = STATE_QUOTED;
            }
          else if (c == (guchar) reader->delimiter)
            {
              end_field (reader, &field_start);
              state = STATE_FIELD_START;
            }
          else if (c == '\n')
            {
              reader->line++;
              goto record_end;
            }
          else if (c == '\r')
            state = STATE_CR;
          else
            {
              set_error_at_line (reader, error, reader->line, (int) reader->n_fields,
                                 "a quote inside a quoted field must be doubled (\"\"); "
                                 "found text after the closing quote");
              goto malformed;
            }
          break;

        case STATE_CR:
          /* CRLF, or a lone CR as old Mac files end their lines. */
          if (*p == '\n')
            reader->in_pos++;
          reader->line++;
          goto record_end;

        default:
          g_assert_not_reached ();
        }
      continue;

    record_end:
      end_field (reader, &field_start);
      if (reader->n_fields == 1 && reader->rec_len == 1 && !field_quoted)
        {
          /* A blank line. */
          reader->rec_len = 0;
          reader->n_fields = 0;
          field_start = 0;
          state = STATE_FIELD_START;
          reader->record_line = reader->line;
          continue;
        }
      return finish_record (reader, error);
    }

malformed:
  {
    g_autoptr(GError) skip_error = NULL;

    /* The error is already set; resynchronise on the next line. */
    if (!skip_line (reader, cancellable, &skip_error))
      reader->finished = TRUE;
  }
  return FALSE;
}

/**
 * chronomap_csv_reader_at_end:
 *
 * Returns: %TRUE when nothing is left to read
 */
gboolean
chronomap_csv_reader_at_end (ChronomapCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, TRUE);

  return reader->finished;
}

/**
 * chronomap_csv_reader_set_header:
 * @names: (array zero-terminated=1): the column names
 *
 * Names the columns of a file without a header line.
 */
void
chronomap_csv_reader_set_header (ChronomapCsvReader *reader,
                                 const char * const *names)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (names != NULL);

  g_strfreev (reader->header);
  g_clear_pointer (&reader->column_index, g_hash_table_unref);
  reader->header = g_strdupv ((char **) names);
  reader->n_columns = g_strv_length (reader->header);
  reader->column_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < reader->n_columns; i++)
    {
      char *key = g_utf8_casefold (reader->header[i], -1);

      g_strstrip (key);
      /* The first of two equal names wins. */
      if (g_hash_table_contains (reader->column_index, key))
        g_free (key);
      else
        g_hash_table_insert (reader->column_index, key, GUINT_TO_POINTER (i + 1));
    }
}

/**
 * chronomap_csv_reader_read_header:
 *
 * Reads the first record as the column names.
 *
 * Returns: %TRUE on success; %FALSE with @error set if the file is empty
 */
gboolean
chronomap_csv_reader_read_header (ChronomapCsvReader  *reader,
                                  GCancellable        *cancellable,
                                  GError             **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (reader != NULL, FALSE);

  if (!chronomap_csv_reader_next (reader, cancellable, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                     "%s: the file is empty; expected a header line", reader->display_name);
      return FALSE;
    }
  for (guint i = 0; i < reader->n_fields; i++)
    g_ptr_array_add (names, g_strstrip (g_strdup (reader->fields[i])));
  g_ptr_array_add (names, NULL);
  chronomap_csv_reader_set_header (reader, (const char * const *) names->pdata);
  return TRUE;
}

guint
chronomap_csv_reader_get_n_fields (ChronomapCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->n_fields;
}

/**
 * chronomap_csv_reader_get_field:
 * @index: a field of the current record
 *
 * Returns: (transfer none): the field's text, valid until the next read;
 *   "" for a field the record does not have
 */
const char *
chronomap_csv_reader_get_field (ChronomapCsvReader *reader,
                                guint               index)
{
  g_return_val_if_fail (reader != NULL, NULL);

  if (index >= reader->n_fields)
    return "";
  return reader->fields[index];
}

guint
chronomap_csv_reader_get_n_columns (ChronomapCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->n_columns;
}

/**
 * chronomap_csv_reader_get_column_name:
 *
 * Returns: the header's name of column @index, or "column N" (from 1)
 */
const char *
chronomap_csv_reader_get_column_name (ChronomapCsvReader *reader,
                                      guint               index)
{
  g_return_val_if_fail (reader != NULL, NULL);

  if (index < reader->n_columns && reader->header[index][0] != '\0')
    return reader->header[index];
  g_snprintf (reader->column_buf, sizeof reader->column_buf, "column %u", index + 1);
  return reader->column_buf;
}

/**
 * chronomap_csv_reader_find_column:
 * @name: a column name, matched without regard to case
 *
 * Returns: the column's index, or -1
 */
int
chronomap_csv_reader_find_column (ChronomapCsvReader *reader,
                                  const char         *name)
{
  g_autofree char *key = NULL;
  gpointer value;

  g_return_val_if_fail (reader != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  if (reader->column_index == NULL)
    return -1;
  key = g_utf8_casefold (name, -1);
  value = g_hash_table_lookup (reader->column_index, key);
  return value != NULL ? (int) GPOINTER_TO_UINT (value) - 1 : -1;
}

/**
 * chronomap_csv_reader_get_line:
 *
 * Returns: the line (from 1) on which the current record starts
 */
guint64
chronomap_csv_reader_get_line (ChronomapCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->record_line;
}

/**
 * chronomap_csv_reader_get_offset:
 *
 * Returns: how many bytes of the file the records read so far took, for
 *   progress reports
 */
guint64
chronomap_csv_reader_get_offset (ChronomapCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->n_read - (reader->in_len - reader->in_pos);
}
