/* test-date-expr.c: date expressions resolved against the publication date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "chronomap-date-expr.h"
#include "chronomap-sentences.h"

typedef struct
{
  const char *sentence;
  const char *published;
  int         context_year;
  const char *previous;
  const char *start;      /* NULL: no date expected */
  const char *end;
  const char *precision;
} Case;

static gint32
day (const char *text)
{
  gint32 d;
  ChronomapDatePrecision p;

  g_assert_true (chronomap_date_parse (text, -1, &d, &p));
  return d;
}

static void
check (const Case *c)
{
  g_autoptr(GArray) words = chronomap_split_words (c->sentence, 0, strlen (c->sentence));
  ChronomapDateContext context = { day (c->published), c->context_year,
                                   c->previous != NULL ? day (c->previous) : CHRONOMAP_DAY_INVALID };
  g_autoptr(GArray) dates = chronomap_find_dates (words, &context);
  const ChronomapDateExpr *e;
  char buf[16];

  g_test_message ("%s (published %s)", c->sentence, c->published);
  if (c->start == NULL)
    {
      g_assert_cmpuint (dates->len, ==, 0);
      return;
    }
  g_assert_cmpuint (dates->len, ==, 1);
  e = &g_array_index (dates, ChronomapDateExpr, 0);
  chronomap_date_format_buf (e->start, CHRONOMAP_DATE_PRECISION_DAY, buf);
  g_assert_cmpstr (buf, ==, c->start);
  chronomap_date_format_buf (e->end, CHRONOMAP_DATE_PRECISION_DAY, buf);
  g_assert_cmpstr (buf, ==, c->end);
  g_assert_cmpstr (chronomap_date_precision_to_string (e->precision), ==, c->precision);
}

/* "on Tuesday" in a report of Wednesday is the day before; in a report of
 * Sunday, "on Sunday" is that day. */
static void
test_weekdays (void)
{
  const Case cases[] = {
    { "an encampment was seized on Tuesday", "2019-03-20", 0, NULL, "2019-03-19", "2019-03-19", "day" },
    { "They launched their final assault on Sunday.", "2017-10-15", 0, NULL, "2017-10-15", "2017-10-15", "day" },
    { "resumed their offensive on Sunday night", "2019-03-12", 0, NULL, "2019-03-10", "2019-03-10", "day" },
    { "reported late on Monday", "2019-03-12", 0, NULL, "2019-03-11", "2019-03-11", "day" },
    { "a source said on Saturday", "2017-10-15", 0, NULL, "2017-10-14", "2017-10-14", "day" },
    { "last Sunday", "2017-10-15", 0, NULL, "2017-10-08", "2017-10-08", "day" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check (&cases[i]);
}

static void
test_absolute (void)
{
  const Case cases[] = {
    { "The SDF launched the battle on June 6 after", "2017-10-15", 0, NULL, "2017-06-06", "2017-06-06", "day" },
    { "had captured the city in January 2014, seizing it", "2017-10-15", 0, NULL, "2014-01-01", "2014-01-31", "month" },
    { "in November 2015, after militants", "2017-10-15", 0, NULL, "2015-11-01", "2015-11-30", "month" },
    { "on 6 June 2017", "2019-01-01", 0, NULL, "2017-06-06", "2017-06-06", "day" },
    { "on March 3, 2011", "2019-01-01", 0, NULL, "2011-03-03", "2011-03-03", "day" },
    { "rampaged through Syria and Iraq in 2014", "2017-10-15", 0, NULL, "2014-01-01", "2014-12-31", "year" },
    { "leading up to its capture of Mosul in June that year", "2017-10-15", 2014, NULL, "2014-06-01", "2014-06-30", "month" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check (&cases[i]);
}

/* A month without a year is the latest such month. */
static void
test_months (void)
{
  const Case cases[] = {
    { "In August, the coalition spent weeks", "2017-10-15", 0, NULL, "2017-08-01", "2017-08-31", "month" },
    { "In August, the coalition spent weeks", "2017-03-02", 0, NULL, "2016-08-01", "2016-08-31", "month" },
    { "in a rare interview in February", "2019-03-20", 0, NULL, "2019-02-01", "2019-02-28", "month" },
    { "released a report last month", "2019-03-20", 0, NULL, "2019-02-01", "2019-02-28", "month" },
    { "released a report last month", "2019-01-10", 0, NULL, "2018-12-01", "2018-12-31", "month" },
    { "elections last year", "2019-01-10", 0, NULL, "2018-01-01", "2018-12-31", "year" },
    { "They may attack again.", "2019-01-10", 0, NULL, NULL, NULL, NULL },
    { "The March of the fighters", "2019-01-10", 0, NULL, NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check (&cases[i]);
}

static void
test_relative (void)
{
  const Case cases[] = {
    { "Last night, the final batch of fighters left", "2017-10-15", 0, NULL, "2017-10-14", "2017-10-14", "day" },
    { "his men advanced overnight", "2019-03-12", 0, NULL, "2019-03-12", "2019-03-12", "day" },
    { "Two fighters were killed yesterday", "2019-03-12", 0, NULL, "2019-03-11", "2019-03-11", "day" },
    { "Over the past two months, more than 60,000 people have poured out",
      "2019-03-20", 0, NULL, "2019-01-20", "2019-03-20", "day" },
    { "in the last three weeks", "2019-03-22", 0, NULL, "2019-03-01", "2019-03-22", "day" },
    { "Since then, 38 militants have been killed", "2019-03-12", 0, "2019-03-10", "2019-03-10", "2019-03-12", "day" },
    { "three days ago", "2019-03-12", 0, NULL, "2019-03-09", "2019-03-09", "day" },
    { "has been shelling the suburbs since February 18", "2018-03-06", 0, NULL, "2018-02-18", "2018-03-06", "day" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check (&cases[i]);
}

static void
test_add_months (void)
{
  g_assert_cmpint (chronomap_date_add_months (day ("2019-03-31"), -1), ==, day ("2019-02-28"));
  g_assert_cmpint (chronomap_date_add_months (day ("2019-01-15"), -2), ==, day ("2018-11-15"));
  g_assert_cmpint (chronomap_date_add_months (day ("2019-12-15"), 1), ==, day ("2020-01-15"));
}

/* A date typed as one: "Go to date" takes what the news reader reads,
 * and nothing with more or less in it. */
static void
test_parse_text (void)
{
  gint32 today = chronomap_date_from_ymd (2019, 3, 24);
  static const struct
  {
    const char             *text;
    int                     y, m, d;
    ChronomapDatePrecision  precision;
  } good[] = {
    { "March 2017", 2017, 3, 1, CHRONOMAP_DATE_PRECISION_MONTH },
    { "march 2017", 2017, 3, 1, CHRONOMAP_DATE_PRECISION_MONTH },
    { "24 March 2019", 2019, 3, 24, CHRONOMAP_DATE_PRECISION_DAY },
    { "March 24, 2019", 2019, 3, 24, CHRONOMAP_DATE_PRECISION_DAY },
    { "  2017-10 ", 2017, 10, 1, CHRONOMAP_DATE_PRECISION_MONTH },
    { "2016", 2016, 1, 1, CHRONOMAP_DATE_PRECISION_YEAR },
    { "yesterday", 2019, 3, 23, CHRONOMAP_DATE_PRECISION_DAY },
  };
  const char * const bad[] = {
    "", "   ", "March", "2019-02-30", "30 February 2019", "March 2017 and after",
    "between March and May 2017", "Raqqa", "13/13/2019",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint32 start = 0;
      ChronomapDatePrecision precision = 0;

      g_test_message ("%s", good[i].text);
      g_assert_true (chronomap_date_parse_text (good[i].text, today, &start, &precision));
      g_assert_cmpint (start, ==, chronomap_date_from_ymd (good[i].y, good[i].m, good[i].d));
      g_assert_cmpint (precision, ==, good[i].precision);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint32 start;
      ChronomapDatePrecision precision;

      g_test_message ("%s", bad[i]);
      g_assert_false (chronomap_date_parse_text (bad[i], today, &start, &precision));
    }
}

/* The day a report's dateline gives, when it gives one with its year. */
static void
test_dateline_day (void)
{
  static const char * const none[] = {
    "BEIRUT (Reuters) - The SDF said...", "SALINA, Kan. (AP) -- The council...",
    "BEIRUT, March 24 (Reuters) - no year", "The SDF captured Baghouz on March 24, 2019.",
    "", "   \n\n", "BEIRUT, March 2019 (Reuters) - a month",
  };
  const char *beirut = "BEIRUT, March 24, 2019 (Reuters) \u2013 The SDF...";
  const char *al_hol = "\nAL-HOL, Syria, 2 April 2019 - Families...";
  gint32 day = 0;

  g_assert_true (chronomap_dateline_day (beirut, strlen (beirut), &day));
  g_assert_cmpint (day, ==, chronomap_date_from_ymd (2019, 3, 24));
  g_assert_true (chronomap_dateline_day (al_hol, strlen (al_hol), &day));
  g_assert_cmpint (day, ==, chronomap_date_from_ymd (2019, 4, 2));
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    {
      g_test_message ("%s", none[i]);
      g_assert_false (chronomap_dateline_day (none[i], strlen (none[i]), &day));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/date-expr/weekdays", test_weekdays);
  g_test_add_func ("/chronomap/date-expr/absolute", test_absolute);
  g_test_add_func ("/chronomap/date-expr/months", test_months);
  g_test_add_func ("/chronomap/date-expr/relative", test_relative);
  g_test_add_func ("/chronomap/date-expr/add-months", test_add_months);
  g_test_add_func ("/chronomap/date-expr/parse-text", test_parse_text);
  g_test_add_func ("/chronomap/date-expr/dateline-day", test_dateline_day);

  return g_test_run ();
}
