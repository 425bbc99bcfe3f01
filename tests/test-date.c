/* test-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chronomap-date.h"

static void
test_epoch (void)
{
  int y, m, d;

  g_assert_cmpint (chronomap_date_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (chronomap_date_from_ymd (2000, 1, 1), ==, 10957);
  g_assert_cmpint (chronomap_date_from_ymd (1969, 12, 31), ==, -1);
  chronomap_date_to_ymd (-719162, &y, &m, &d);  /* 0001-01-01 */
  g_assert_cmpint (y, ==, 1);
  g_assert_cmpint (m, ==, 1);
  g_assert_cmpint (d, ==, 1);
}

/* Every day from 1600 to 2400 converts to its date and back, and agrees
 * with GLib's own calendar. */
static void
test_round_trip (void)
{
  gint32 first = chronomap_date_from_ymd (1600, 1, 1);
  gint32 last = chronomap_date_from_ymd (2400, 12, 31);
  g_autoptr(GDate) gdate = g_date_new_dmy (1, 1, 1600);

  for (gint32 day = first; day <= last; day++)
    {
      int y, m, d;

      chronomap_date_to_ymd (day, &y, &m, &d);
      g_assert_cmpint (y, ==, g_date_get_year (gdate));
      g_assert_cmpint (m, ==, g_date_get_month (gdate));
      g_assert_cmpint (d, ==, g_date_get_day (gdate));
      g_assert_cmpint (chronomap_date_from_ymd (y, m, d), ==, day);
      g_date_add_days (gdate, 1);
    }
}

static void
test_weekday (void)
{
  /* The seed articles' publication dates (see tests/data/seeds). */
  g_assert_cmpint (chronomap_date_weekday (chronomap_date_from_ymd (2017, 10, 15)), ==, 6); /* Sunday */
  g_assert_cmpint (chronomap_date_weekday (chronomap_date_from_ymd (2019, 3, 12)), ==, 1);  /* Tuesday */
  g_assert_cmpint (chronomap_date_weekday (chronomap_date_from_ymd (2019, 3, 20)), ==, 2);  /* Wednesday */
  g_assert_cmpint (chronomap_date_weekday (chronomap_date_from_ymd (1969, 12, 29)), ==, 0); /* Monday */
}

static void
test_parse_valid (void)
{
  struct {
    const char *text;
    int y, m, d;
    ChronomapDatePrecision precision;
  } cases[] = {
    { "2019-03-19", 2019, 3, 19, CHRONOMAP_DATE_PRECISION_DAY },
    { "2014-01", 2014, 1, 1, CHRONOMAP_DATE_PRECISION_MONTH },
    { "2014", 2014, 1, 1, CHRONOMAP_DATE_PRECISION_YEAR },
    { "  2017-10-15 ", 2017, 10, 15, CHRONOMAP_DATE_PRECISION_DAY },
    { "2017-10-15T08:30:00Z", 2017, 10, 15, CHRONOMAP_DATE_PRECISION_DAY },
    { "2017-10-15 08:30:00", 2017, 10, 15, CHRONOMAP_DATE_PRECISION_DAY },
    { "2020-02-29", 2020, 2, 29, CHRONOMAP_DATE_PRECISION_DAY },
    { "2000-02-29", 2000, 2, 29, CHRONOMAP_DATE_PRECISION_DAY },
    { "0001-01-01", 1, 1, 1, CHRONOMAP_DATE_PRECISION_DAY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint32 day;
      ChronomapDatePrecision precision;

      g_test_message ("%s", cases[i].text);
      g_assert_true (chronomap_date_parse (cases[i].text, -1, &day, &precision));
      g_assert_cmpint (day, ==, chronomap_date_from_ymd (cases[i].y, cases[i].m, cases[i].d));
      g_assert_cmpint (precision, ==, cases[i].precision);
    }
}

static void
test_parse_invalid (void)
{
  const char *cases[] = {
    "", " ", "2019-02-30", "2019-02-29", "1900-02-29", "2019-13-01", "2019-00-10",
    "2019-04-31", "2019-1-1", "19-01-01", "20190101", "2019/01/01", "01/02/2019",
    "16 May 2025", "abc", "2019-01-01x", "2019-", "2019-01-", "-2019", "0000-01-01",
    "2019-03-19T", "2019-03-1a",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint32 day = 42;

      g_test_message ("“%s”", cases[i]);
      g_assert_false (chronomap_date_parse (cases[i], -1, &day, NULL));
      g_assert_cmpint (day, ==, 42);
    }

  {
    gint32 day;

    g_assert_false (chronomap_date_parse (NULL, -1, &day, NULL));
    /* length-limited text: only the first 7 bytes are the date */
    g_assert_true (chronomap_date_parse ("2014-01-31", 7, &day, NULL));
    g_assert_cmpint (day, ==, chronomap_date_from_ymd (2014, 1, 1));
  }
}

/* A date of the right form whose month or day does not exist says so;
 * other text gets no explanation (the caller says what it expects). */
static void
test_explain_invalid (void)
{
  static const struct { const char *text; const char *why; } cases[] = {
    { "2019-02-30", "February 2019 has 28 days" },
    { "2020-02-30", "February 2020 has 29 days" },
    { "1900-02-29", "February 1900 has 28 days" },
    { "2019-04-31", "April 2019 has 30 days" },
    { "2019-13-01", "there is no month 13" },
    { "2019-00", "there is no month 0" },
    { "2019-03-00", "there is no day 0" },
    { "2019-03-32 10:00", "March 2019 has 31 days" },
    { "2019-03-12", NULL },
    { "16 May 2025", NULL },
    { "soon", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *why = chronomap_date_explain_invalid (cases[i].text);

      g_assert_cmpstr (why, ==, cases[i].why);
    }
}

static void
test_periods (void)
{
  gint32 jan15 = chronomap_date_from_ymd (2014, 1, 15);
  gint32 feb10 = chronomap_date_from_ymd (2016, 2, 10);

  g_assert_cmpint (chronomap_date_period_start (jan15, CHRONOMAP_DATE_PRECISION_MONTH), ==,
                   chronomap_date_from_ymd (2014, 1, 1));
  g_assert_cmpint (chronomap_date_period_end (jan15, CHRONOMAP_DATE_PRECISION_MONTH), ==,
                   chronomap_date_from_ymd (2014, 1, 31));
  g_assert_cmpint (chronomap_date_period_end (feb10, CHRONOMAP_DATE_PRECISION_MONTH), ==,
                   chronomap_date_from_ymd (2016, 2, 29));
  g_assert_cmpint (chronomap_date_period_start (jan15, CHRONOMAP_DATE_PRECISION_YEAR), ==,
                   chronomap_date_from_ymd (2014, 1, 1));
  g_assert_cmpint (chronomap_date_period_end (jan15, CHRONOMAP_DATE_PRECISION_YEAR), ==,
                   chronomap_date_from_ymd (2014, 12, 31));
  g_assert_cmpint (chronomap_date_period_end (jan15, CHRONOMAP_DATE_PRECISION_DAY), ==, jan15);
}

static void
test_format (void)
{
  gint32 day = chronomap_date_from_ymd (2017, 10, 5);
  g_autofree char *d = chronomap_date_format (day, CHRONOMAP_DATE_PRECISION_DAY);
  g_autofree char *m = chronomap_date_format (day, CHRONOMAP_DATE_PRECISION_MONTH);
  g_autofree char *y = chronomap_date_format (day, CHRONOMAP_DATE_PRECISION_YEAR);
  ChronomapDatePrecision p;

  g_assert_cmpstr (d, ==, "2017-10-05");
  g_assert_cmpstr (m, ==, "2017-10");
  g_assert_cmpstr (y, ==, "2017");

  g_assert_true (chronomap_date_precision_from_string ("Month", &p));
  g_assert_cmpint (p, ==, CHRONOMAP_DATE_PRECISION_MONTH);
  g_assert_false (chronomap_date_precision_from_string ("week", &p));
  g_assert_cmpstr (chronomap_date_precision_to_string (CHRONOMAP_DATE_PRECISION_YEAR), ==, "year");
}

/* Calendar months, as an animation steps: the 31st becomes the month's
 * last day, a leap day the 28th, across years both ways. */
static void
test_add_months (void)
{
  g_assert_cmpint (chronomap_date_add_months (chronomap_date_from_ymd (2019, 1, 31), 1), ==,
                   chronomap_date_from_ymd (2019, 2, 28));
  g_assert_cmpint (chronomap_date_add_months (chronomap_date_from_ymd (2020, 1, 31), 1), ==,
                   chronomap_date_from_ymd (2020, 2, 29));
  g_assert_cmpint (chronomap_date_add_months (chronomap_date_from_ymd (2020, 2, 29), 12), ==,
                   chronomap_date_from_ymd (2021, 2, 28));
  g_assert_cmpint (chronomap_date_add_months (chronomap_date_from_ymd (2019, 11, 15), 3), ==,
                   chronomap_date_from_ymd (2020, 2, 15));
  g_assert_cmpint (chronomap_date_add_months (chronomap_date_from_ymd (2019, 1, 15), -1), ==,
                   chronomap_date_from_ymd (2018, 12, 15));
  g_assert_cmpint (chronomap_date_add_months (chronomap_date_from_ymd (1969, 3, 1), -3), ==,
                   chronomap_date_from_ymd (1968, 12, 1));
  g_assert_cmpint (chronomap_date_add_months (chronomap_date_from_ymd (2019, 3, 1), 0), ==,
                   chronomap_date_from_ymd (2019, 3, 1));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/date/epoch", test_epoch);
  g_test_add_func ("/chronomap/date/round-trip", test_round_trip);
  g_test_add_func ("/chronomap/date/weekday", test_weekday);
  g_test_add_func ("/chronomap/date/parse-valid", test_parse_valid);
  g_test_add_func ("/chronomap/date/parse-invalid", test_parse_invalid);
  g_test_add_func ("/chronomap/date/explain-invalid", test_explain_invalid);
  g_test_add_func ("/chronomap/date/periods", test_periods);
  g_test_add_func ("/chronomap/date/format", test_format);
  g_test_add_func ("/chronomap/date/add-months", test_add_months);

  return g_test_run ();
}
