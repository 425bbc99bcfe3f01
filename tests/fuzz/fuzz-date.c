/* fuzz-date.c: ISO 8601 date text, as every importer and the loader read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "chronomap-date.h"
#include "chronomap-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  ChronomapDatePrecision precision;
  gint32 day;

  /* The loader passes a length (SQLite text need not end in NUL where the
   * value ends); importers pass NUL-terminated fields. */
  if (chronomap_date_parse ((const char *) data, size, &day, &precision))
    {
      char buf[16];
      gint32 again;
      ChronomapDatePrecision again_precision;
      int y, m, d;

      /* What parses formats, and the text formatted parses to the same
       * day: a date never changes on a round trip through a file. */
      g_assert_cmpint (day, !=, CHRONOMAP_DAY_INVALID);
      chronomap_date_format_buf (day, precision, buf);
      g_assert_true (chronomap_date_parse (buf, -1, &again, &again_precision));
      g_assert_cmpint (again, ==, day);
      g_assert_cmpint (again_precision, ==, precision);

      chronomap_date_to_ymd (day, &y, &m, &d);
      g_assert_true (chronomap_date_is_valid_ymd (y, m, d));
      g_assert_cmpint (chronomap_date_from_ymd (y, m, d), ==, day);
      g_assert_cmpint (chronomap_date_period_start (day, precision), <=, day);
      g_assert_cmpint (chronomap_date_period_end (day, precision), >=, day);
      (void) chronomap_date_weekday (day);
    }

  /* a date that parses needs no explanation of why it does not */
  if (chronomap_date_parse (text, -1, &day, NULL))
    g_assert_null (chronomap_date_explain_invalid (text));
  else
    g_free (chronomap_date_explain_invalid (text));
  (void) chronomap_date_precision_from_string (text, &precision);

  /* Numbers an importer may compute from a file's fields. */
  if (size >= 12)
    {
      int y, m, d;

      memcpy (&y, data, 4);
      memcpy (&m, data + 4, 4);
      memcpy (&d, data + 8, 4);
      if (chronomap_date_is_valid_ymd (y, m, d))
        {
          gint32 from = chronomap_date_from_ymd (y, m, d);
          int y2, m2, d2;

          chronomap_date_to_ymd (from, &y2, &m2, &d2);
          g_assert_cmpint (y2, ==, y);
          g_assert_cmpint (m2, ==, m);
          g_assert_cmpint (d2, ==, d);
          g_assert_cmpint (chronomap_date_days_in_month (y, m), >=, d);
        }
    }

  return 0;
}
