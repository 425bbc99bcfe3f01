/* test-csv.c: the CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "chronomap-csv.h"
#include "chronomap-error.h"
#include "chronomap-test-utils.h"

static ChronomapCsvReader *
reader_for (const char *text,
            gssize      length,
            char        delimiter)
{
  g_autoptr(GInputStream) stream = NULL;

  if (length < 0)
    length = strlen (text);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (text, length), length, g_free);
  return chronomap_csv_reader_new (stream, "test.csv", delimiter, CHRONOMAP_CSV_DEFAULT);
}

/* Reads every record as "a|b|c" lines; errors as "!message". */
static char *
read_all (ChronomapCsvReader *reader)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (;;)
    {
      g_autoptr(GError) error = NULL;

      if (!chronomap_csv_reader_next (reader, NULL, &error))
        {
          if (error == NULL)
            break;
          g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
          g_string_append_printf (out, "!%s\n", error->message);
          continue;
        }
      for (guint i = 0; i < chronomap_csv_reader_get_n_fields (reader); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                chronomap_csv_reader_get_field (reader, i));
      g_string_append_printf (out, " @%" G_GUINT64_FORMAT "\n",
                              chronomap_csv_reader_get_line (reader));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
check (const char *input,
       const char *expected)
{
  g_autoptr(ChronomapCsvReader) reader = reader_for (input, -1, ',');
  g_autofree char *out = read_all (reader);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_plain (void)
{
  check ("a,b,c\n1,2,3\n", "a|b|c @1\n1|2|3 @2\n");
  /* No newline at the end; empty fields; blank lines skipped. */
  check ("a,,c\n\n,,\nx", "a||c @1\n|| @3\nx @4\n");
  check ("", "");
}

static void
test_crlf_bom (void)
{
  check ("\xEF\xBB\xBF" "id,name\r\n1,Aleppo\r\n2,Homs\r\n",
         "id|name @1\n1|Aleppo @2\n2|Homs @3\n");
  /* Lone CRs, as old Mac files end lines. */
  check ("a,b\r1,2\r", "a|b @1\n1|2 @2\n");
}

static void
test_quoted (void)
{
  check ("\"a,b\",\"say \"\"hi\"\"\",\"\"\n", "a,b|say \"hi\"| @1\n");
  /* An embedded line break keeps the record's first line and counts lines. */
  check ("id,notes\n1,\"first line\nsecond line\"\n2,x\n",
         "id|notes @1\n1|first line\nsecond line @2\n2|x @4\n");
  check ("1,\"a\r\nb\"\r\n", "1|a\r\nb @1\n");
  /* A quoted empty field is a record, not a blank line. */
  check ("\"\"\n", " @1\n");
}

static void
test_quote_inside_quotes (void)
{
  /* The bad row is reported and the reader goes on at the next line. */
  check ("a,b\n1,\"he said \"hi\" loudly\"\n2,ok\n",
         "a|b @1\n"
         "!test.csv:2: column 2: a quote inside a quoted field must be doubled (\"\"); found text "
         "after the closing quote\n"
         "2|ok @3\n");
}

static void
test_missing_closing_quote (void)
{
  check ("a,b\n1,\"never closed\n2,x\n",
         "a|b @1\n"
         "!test.csv:2: column 2: missing closing quote: the quoted field starting here runs to "
         "the end of the file\n");
}

static void
test_header_names (void)
{
  g_autoptr(ChronomapCsvReader) reader = reader_for ("ID, Event_Date \n1,2019-02-30\n", -1, ',');
  g_autoptr(GError) error = NULL;

  g_assert_true (chronomap_csv_reader_read_header (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chronomap_csv_reader_find_column (reader, "event_date"), ==, 1);
  g_assert_cmpint (chronomap_csv_reader_find_column (reader, "id"), ==, 0);
  g_assert_cmpint (chronomap_csv_reader_find_column (reader, "nope"), ==, -1);
  g_assert_true (chronomap_csv_reader_next (reader, NULL, &error));
  chronomap_csv_reader_set_error (reader, &error, 1, "“%s” is not a date",
                                  chronomap_csv_reader_get_field (reader, 1));
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "test.csv:2: Event_Date: “2019-02-30” is not a date");
}

static void
test_empty_file (void)
{
  g_autoptr(ChronomapCsvReader) reader = reader_for ("", 0, ',');
  g_autoptr(GError) error = NULL;

  g_assert_false (chronomap_csv_reader_read_header (reader, NULL, &error));
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "test.csv: the file is empty; expected a header line");
}

static void
test_tsv (void)
{
  g_autoptr(ChronomapCsvReader) reader = reader_for ("a\tb,c\n1\t\"q\"\n", -1, '\t');
  g_autofree char *out = read_all (reader);

  g_assert_cmpstr (out, ==, "a|b,c @1\n1|q @2\n");
}

static void
test_long_line (void)
{
  /* A line cut off inside a huge quoted field: the reader refuses it at the
   * limit instead of reading the rest of the file into memory. */
  gsize size = 8 * 1024 * 1024;
  g_autofree char *text = g_malloc (size + 32);
  g_autoptr(ChronomapCsvReader) reader = NULL;
  g_autofree char *out = NULL;

  strcpy (text, "a,b\n1,\"");
  memset (text + 7, 'x', size);
  strcpy (text + 7 + size, "\n2,y\n");
  reader = reader_for (text, -1, ',');
  chronomap_csv_reader_set_max_record (reader, 1024 * 1024);
  out = read_all (reader);
  g_assert_cmpstr (out, ==,
                   "a|b @1\n"
                   "!test.csv:2: column 2: the row is longer than the limit of 1048576 bytes; "
                   "is the file cut off or missing a closing quote?\n"
                   "2|y @3\n");
}

static void
test_invalid_utf8 (void)
{
  check ("a,b\n1,caf\xE9\n2,ok\n",
         "a|b @1\n"
         "!test.csv:2: column 2: is not valid UTF-8; save the file as UTF-8 and import it again\n"
         "2|ok @3\n");
  check ("\xFF\xFE" "a\0,\0", "!test.csv:1: the file is in UTF-16; save it as UTF-8 and import it again\n");
}

static void
test_small_reads (void)
{
  /* Records that straddle the stream's buffer boundary. */
  g_autoptr(GString) text = g_string_new ("id,notes\n");
  g_autoptr(ChronomapCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "%u,\"note %u, with \"\"quotes\"\"\r\nand a break\"\r\n", i, i);
  reader = reader_for (text->str, text->len, ',');
  g_assert_true (chronomap_csv_reader_read_header (reader, NULL, &error));
  while (chronomap_csv_reader_next (reader, NULL, &error))
    {
      g_autofree char *expected = g_strdup_printf ("note %u, with \"quotes\"\r\nand a break", n);

      g_assert_cmpstr (chronomap_csv_reader_get_field (reader, 1), ==, expected);
      g_assert_cmpuint (chronomap_csv_reader_get_line (reader), ==, 2 + 2 * n);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 20000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/csv/plain", test_plain);
  g_test_add_func ("/chronomap/csv/crlf-bom", test_crlf_bom);
  g_test_add_func ("/chronomap/csv/quoted", test_quoted);
  g_test_add_func ("/chronomap/csv/quote-inside-quotes", test_quote_inside_quotes);
  g_test_add_func ("/chronomap/csv/missing-closing-quote", test_missing_closing_quote);
  g_test_add_func ("/chronomap/csv/header-names", test_header_names);
  g_test_add_func ("/chronomap/csv/empty-file", test_empty_file);
  g_test_add_func ("/chronomap/csv/tsv", test_tsv);
  g_test_add_func ("/chronomap/csv/long-line", test_long_line);
  g_test_add_func ("/chronomap/csv/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/chronomap/csv/small-reads", test_small_reads);

  return g_test_run ();
}
