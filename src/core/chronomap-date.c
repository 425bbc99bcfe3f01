/* chronomap-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-date"

#include "config.h"

#include "chronomap-date.h"

#include <string.h>

static gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* The exported functions below are not inlined within this file (the
 * library is position-independent, so they could be interposed); the
 * parser, called for every event of a file, uses these static copies. */
static inline int
days_in_month (int year,
               int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && is_leap (year))
    return 29;
  return days[month - 1];
}

static inline gboolean
is_valid_ymd (int year,
              int month,
              int day)
{
  return year >= 1 && year <= 9999 &&
         month >= 1 && month <= 12 &&
         day >= 1 && day <= days_in_month (year, month);
}

/* Days are counted in 400-year eras of 146097 days, with the year taken to
 * start in March so that the leap day falls at the end of it; this keeps the
 * arithmetic branch-free and exact over the whole proleptic calendar. */
static inline gint32
days_from_ymd (int year,
               int month,
               int day)
{
  int y = month <= 2 ? year - 1 : year;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int mp = (month + 9) % 12;
  int doy = (153 * mp + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (gint32) (era * 146097 + doe - 719468);
}

int
chronomap_date_days_in_month (int year,
                              int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  return days_in_month (year, month);
}

/**
 * chronomap_date_add_months:
 * @day: a day
 * @months: how many calendar months to move, back when negative
 *
 * The same day of the month @months later; the 31st of a shorter month
 * becomes its last day (31 January and a month is 28 or 29 February).
 *
 * Returns: the day
 */
gint32
chronomap_date_add_months (gint32 day,
                           int    months)
{
  int y, m, d, total;

  chronomap_date_to_ymd (day, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = total / 12 - (total < 0 && total % 12 != 0);
  m = ((total % 12) + 12) % 12 + 1;
  return chronomap_date_from_ymd (y, m, MIN (d, days_in_month (y, m)));
}

/**
 * chronomap_date_step_parse:
 * @text: a count and a unit, "1d", "2w", "3m", "1y"; a count of 1 may be
 *   left out ("w")
 * @out_step: (out): the step
 *
 * Returns: whether @text is a step (counts from 1 to 1000)
 */
gboolean
chronomap_date_step_parse (const char        *text,
                           ChronomapDateStep *out_step)
{
  char *end = NULL;
  guint64 count = 1;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_step != NULL, FALSE);

  if (g_ascii_isdigit (*text))
    {
      count = g_ascii_strtoull (text, &end, 10);
      text = end;
    }
  if (count < 1 || count > 1000 || text[0] == '\0' || text[1] != '\0' ||
      strchr ("dwmy", g_ascii_tolower (text[0])) == NULL)
    return FALSE;
  out_step->count = (int) count;
  out_step->unit = g_ascii_tolower (text[0]);
  return TRUE;
}

/**
 * chronomap_date_step_add:
 * @day: a day
 * @step: the step
 * @times: how many steps, back when negative
 *
 * Returns: @day moved on @times steps; months and years by the calendar,
 *   so that a month from the 1st is always a 1st
 */
gint32
chronomap_date_step_add (gint32                   day,
                         const ChronomapDateStep *step,
                         int                      times)
{
  g_return_val_if_fail (step != NULL, day);

  switch (step->unit)
    {
    case 'd':
      return day + step->count * times;
    case 'w':
      return day + 7 * step->count * times;
    case 'm':
      return chronomap_date_add_months (day, step->count * times);
    case 'y':
      return chronomap_date_add_months (day, 12 * step->count * times);
    default:
      g_return_val_if_reached (day);
    }
}

gboolean
chronomap_date_is_valid_ymd (int year,
                             int month,
                             int day)
{
  return is_valid_ymd (year, month, day);
}

gint32
chronomap_date_from_ymd (int year,
                         int month,
                         int day)
{
  return days_from_ymd (year, month, day);
}

void
chronomap_date_to_ymd (gint32  day,
                       int    *year,
                       int    *month,
                       int    *mday)
{
  int z = day + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;
  int y = yoe + era * 400 + (m <= 2 ? 1 : 0);

  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (mday != NULL)
    *mday = d;
}

/* 0 = Monday ... 6 = Sunday (ISO 8601).  1970-01-01 was a Thursday. */
int
chronomap_date_weekday (gint32 day)
{
  int w = (day + 3) % 7;

  return w < 0 ? w + 7 : w;
}

static inline gboolean
parse_digits (const char *p,
              int         n,
              int        *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

/**
 * chronomap_date_parse:
 * @text: ISO 8601 calendar date text: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
 *   optionally followed by a time (`T…` or ` …`), which is ignored
 * @length: length of @text in bytes, or -1 if nul-terminated
 * @out_day: (out): the first day of the period the text names
 * @out_precision: (out) (optional): the precision the text implies
 *
 * Parses strictly: the day must exist in its month (2019-02-30 is rejected),
 * leading and trailing white space is allowed, nothing else is.
 *
 * Returns: %TRUE if @text is a valid date
 */
/* YYYY, YYYY-MM or YYYY-MM-DD with white space around it, and a time of
 * day after a full date. */
static gboolean
parse_fields (const char             *text,
              gsize                   len,
              int                    *y,
              int                    *m,
              int                    *d,
              ChronomapDatePrecision *precision)
{
  const char *end = text + len;

  while (text < end && g_ascii_isspace (*text))
    text++;
  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  len = end - text;

  if (len < 4 || !parse_digits (text, 4, y))
    return FALSE;

  if (len == 4)
    *precision = CHRONOMAP_DATE_PRECISION_YEAR;
  else if (len == 7 && text[4] == '-')
    {
      if (!parse_digits (text + 5, 2, m))
        return FALSE;
      *precision = CHRONOMAP_DATE_PRECISION_MONTH;
    }
  else if (len >= 10 && text[4] == '-' && text[7] == '-' &&
           (len == 10 ||
            /* a time of day may follow; it is ignored */
            ((text[10] == 'T' || text[10] == ' ') && len > 11 && g_ascii_isdigit (text[11]))))
    {
      if (!parse_digits (text + 5, 2, m) || !parse_digits (text + 8, 2, d))
        return FALSE;
      *precision = CHRONOMAP_DATE_PRECISION_DAY;
    }
  else
    return FALSE;

  return TRUE;
}

gboolean
chronomap_date_parse (const char             *text,
                      gssize                  length,
                      gint32                 *out_day,
                      ChronomapDatePrecision *out_precision)
{
  int y, m = 1, d = 1;
  ChronomapDatePrecision precision;
  gsize len;

  g_return_val_if_fail (out_day != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  len = length < 0 ? strlen (text) : (gsize) length;

  /* Loading a file parses a date or two for each of a million events, and
   * nearly all are written YYYY-MM-DD and nothing else: that first. */
  if (len == 10 && text[4] == '-' && text[7] == '-' &&
      parse_digits (text, 4, &y) && parse_digits (text + 5, 2, &m) && parse_digits (text + 8, 2, &d))
    precision = CHRONOMAP_DATE_PRECISION_DAY;
  else if (!parse_fields (text, len, &y, &m, &d, &precision))
    return FALSE;

  if (!is_valid_ymd (y, m, d))
    return FALSE;

  *out_day = days_from_ymd (y, m, d);
  if (out_precision != NULL)
    *out_precision = precision;
  return TRUE;
}

/**
 * chronomap_date_explain_invalid:
 * @text: (nullable): a date that chronomap_date_parse() refused
 *
 * Why @text, written as a date (YYYY-MM-DD, YYYY-MM), is none: the
 * month or day it names does not exist ("2023-02-30").
 *
 * Returns: (transfer full) (nullable): the reason, in English as the
 *   core's messages are; %NULL when @text is not written as a date at all
 */
char *
chronomap_date_explain_invalid (const char *text)
{
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"
  };
  int y, m = 1, d = 1;
  ChronomapDatePrecision precision;

  if (text == NULL || !parse_fields (text, strlen (text), &y, &m, &d, &precision))
    return NULL;
  if (m < 1 || m > 12)
    return g_strdup_printf ("there is no month %d", m);
  if (d < 1)
    return g_strdup_printf ("there is no day %d", d);
  if (d > chronomap_date_days_in_month (y, m))
    return g_strdup_printf ("%s %d has %d days", months[m - 1], y, chronomap_date_days_in_month (y, m));
  return NULL;
}

gint32
chronomap_date_period_start (gint32                 day,
                             ChronomapDatePrecision precision)
{
  int y, m, d;

  if (precision == CHRONOMAP_DATE_PRECISION_DAY)
    return day;

  chronomap_date_to_ymd (day, &y, &m, &d);
  switch (precision)
    {
    case CHRONOMAP_DATE_PRECISION_YEAR:
      return chronomap_date_from_ymd (y, 1, 1);
    case CHRONOMAP_DATE_PRECISION_MONTH:
      return chronomap_date_from_ymd (y, m, 1);
    case CHRONOMAP_DATE_PRECISION_DAY:
    default:
      return day;
    }
}

gint32
chronomap_date_period_end (gint32                 day,
                           ChronomapDatePrecision precision)
{
  int y, m, d;

  if (precision == CHRONOMAP_DATE_PRECISION_DAY)
    return day;

  chronomap_date_to_ymd (day, &y, &m, &d);
  switch (precision)
    {
    case CHRONOMAP_DATE_PRECISION_YEAR:
      return chronomap_date_from_ymd (y, 12, 31);
    case CHRONOMAP_DATE_PRECISION_MONTH:
      return chronomap_date_from_ymd (y, m, chronomap_date_days_in_month (y, m));
    case CHRONOMAP_DATE_PRECISION_DAY:
    default:
      return day;
    }
}

void
chronomap_date_format_buf (gint32                 day,
                           ChronomapDatePrecision precision,
                           char                   buf[16])
{
  int y, m, d;

  chronomap_date_to_ymd (day, &y, &m, &d);
  switch (precision)
    {
    case CHRONOMAP_DATE_PRECISION_YEAR:
      g_snprintf (buf, 16, "%04d", y);
      break;
    case CHRONOMAP_DATE_PRECISION_MONTH:
      g_snprintf (buf, 16, "%04d-%02d", y, m);
      break;
    case CHRONOMAP_DATE_PRECISION_DAY:
    default:
      g_snprintf (buf, 16, "%04d-%02d-%02d", y, m, d);
      break;
    }
}

/**
 * chronomap_date_format:
 *
 * Returns: (transfer full): the ISO 8601 text of @day at @precision
 */
char *
chronomap_date_format (gint32                 day,
                       ChronomapDatePrecision precision)
{
  char buf[16];

  chronomap_date_format_buf (day, precision, buf);
  return g_strdup (buf);
}

const char *
chronomap_date_precision_to_string (ChronomapDatePrecision precision)
{
  switch (precision)
    {
    case CHRONOMAP_DATE_PRECISION_MONTH:
      return "month";
    case CHRONOMAP_DATE_PRECISION_YEAR:
      return "year";
    case CHRONOMAP_DATE_PRECISION_DAY:
    default:
      return "day";
    }
}

gboolean
chronomap_date_precision_from_string (const char             *text,
                                      ChronomapDatePrecision *out_precision)
{
  ChronomapDatePrecision p;

  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "day") == 0)
    p = CHRONOMAP_DATE_PRECISION_DAY;
  else if (g_ascii_strcasecmp (text, "month") == 0)
    p = CHRONOMAP_DATE_PRECISION_MONTH;
  else if (g_ascii_strcasecmp (text, "year") == 0)
    p = CHRONOMAP_DATE_PRECISION_YEAR;
  else
    return FALSE;

  if (out_precision != NULL)
    *out_precision = p;
  return TRUE;
}
