/* chronomap-date-expr.c: date expressions in news text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * News reports date events relative to the day they are published.  The
 * rules, as an analyst applies them:
 * - a weekday ("on Tuesday", "late on Monday", "Sunday night") is the
 *   latest such day on or before publication: "on Tuesday" in a report of
 *   Wednesday is the day before, in a report of Tuesday the same day;
 * - a month without a year ("in August") is the latest such month on or
 *   before publication; "in June that year" takes the year the text last
 *   named; a month with a day but no year is the latest such date;
 * - "last night" and "yesterday" are the day before, "overnight", "today"
 *   and "this morning" the day itself;
 * - "last month", "last year", "this month" have month or year precision;
 * - "over the past two months" is a range ending on the publication day,
 *   "since then" a range from the day last referred to.
 */
#define G_LOG_DOMAIN "chronomap-date-expr"

#include "config.h"

#include "chronomap-date-expr.h"

#include <stdlib.h>
#include <string.h>

#include "chronomap-lexicon.h"
#include "chronomap-sentences.h"

static const char * const months[] = {
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december", NULL
};
static const char * const month_abbrevs[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec", NULL
};
static const char * const weekdays[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL
};
static const char * const day_parts[] = {
  "night", "morning", "afternoon", "evening", NULL
};
/* words before a month or a year that make it a date ("in May") */
static const char * const date_preps[] = {
  "in", "since", "of", "by", "until", "from", "early", "late", "mid", "during", "last",
  "this", "through", "before", "after", NULL
};

static const ChronomapWord *
word_at (GArray *words,
         guint   i)
{
  return i < words->len ? &g_array_index (words, ChronomapWord, i) : NULL;
}

static gboolean
word_is (GArray     *words,
         guint       i,
         const char *text)
{
  const ChronomapWord *w = word_at (words, i);

  return w != NULL && strcmp (w->lower, text) == 0;
}

static int
month_of (GArray *words,
          guint   i)
{
  const ChronomapWord *w = word_at (words, i);

  if (w == NULL || !w->upper)
    return 0;
  for (int m = 0; months[m] != NULL; m++)
    if (strcmp (w->lower, months[m]) == 0 || strcmp (w->lower, month_abbrevs[m]) == 0)
      return m + 1;
  if (strcmp (w->lower, "sep") == 0)
    return 9;
  return 0;
}

/* "6", "6th", "21st" -> 6, 21; else 0 */
static int
day_of (GArray *words,
        guint   i)
{
  const ChronomapWord *w = word_at (words, i);
  char *end = NULL;
  long v;

  if (w == NULL || !g_ascii_isdigit (w->lower[0]))
    return 0;
  v = strtol (w->lower, &end, 10);
  if (*end != '\0' && strcmp (end, "st") != 0 && strcmp (end, "nd") != 0 &&
      strcmp (end, "rd") != 0 && strcmp (end, "th") != 0)
    return 0;
  return v >= 1 && v <= 31 ? (int) v : 0;
}

static int
year_of (GArray *words,
         guint   i)
{
  const ChronomapWord *w = word_at (words, i);

  if (w == NULL || strlen (w->lower) != 4)
    return 0;
  for (guint k = 0; k < 4; k++)
    if (!g_ascii_isdigit (w->lower[k]))
      return 0;
  {
    int y = atoi (w->lower);

    return y >= 1800 && y <= 2200 ? y : 0;
  }
}

static void
add (GArray                 *out,
     guint                   first,
     guint                   last,
     gint32                  start,
     gint32                  end,
     ChronomapDatePrecision  precision,
     gboolean                relative,
     gboolean                range,
     int                     year)
{
  ChronomapDateExpr e = { first, last, start, end, precision, relative, range, year };

  if (start == CHRONOMAP_DAY_INVALID || end == CHRONOMAP_DAY_INVALID || end < start)
    return;
  g_array_append_val (out, e);
}

static gint32
month_start (int y,
             int m)
{
  return chronomap_date_from_ymd (y, m, 1);
}

static gint32
month_end (int y,
           int m)
{
  return chronomap_date_from_ymd (y, m, chronomap_date_days_in_month (y, m));
}

/* "two months", "few weeks": the count and the unit in days (0) or
 * months (1) or years (2); FALSE when the words are not that. */
static gboolean
count_and_unit (GArray *words,
                guint   i,
                gint64 *count,
                int    *unit,
                guint  *consumed)
{
  const ChronomapWord *w = word_at (words, i);
  const ChronomapWord *u;
  gint64 n;
  guint k = i;

  if (w == NULL)
    return FALSE;
  n = chronomap_number_value (w->lower);
  if (strcmp (w->lower, "few") == 0 || strcmp (w->lower, "several") == 0)
    n = 3;
  if (n >= 1)
    k++;
  else
    n = 1;   /* "the past month" */
  u = word_at (words, k);
  if (u == NULL)
    return FALSE;
  if (g_str_has_prefix (u->lower, "day"))
    *unit = 0;
  else if (g_str_has_prefix (u->lower, "week"))
    {
      *unit = 0;
      n *= 7;
    }
  else if (g_str_has_prefix (u->lower, "month"))
    *unit = 1;
  else if (g_str_has_prefix (u->lower, "year"))
    *unit = 2;
  else
    return FALSE;
  /* no report looks back further than this; it keeps dates in range */
  if ((*unit == 0 && n > 3660) || (*unit == 1 && n > 120) || (*unit == 2 && n > 100))
    return FALSE;
  *count = n;
  *consumed = k - i + 1;
  return TRUE;
}

static gint32
go_back (gint32 day,
         gint64 count,
         int    unit)
{
  if (unit == 0)
    return day - (gint32) count;
  if (unit == 1)
    return chronomap_date_add_months (day, -(int) count);
  return chronomap_date_add_months (day, -12 * (int) count);
}

/**
 * chronomap_find_dates:
 * @words: (element-type ChronomapWord): a sentence's words
 * @context: what relative expressions are resolved against
 *
 * Returns: (transfer full) (element-type ChronomapDateExpr): the date
 *   expressions of the sentence, in order
 */
GArray *
chronomap_find_dates (GArray                     *words,
                      const ChronomapDateContext *context)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (ChronomapDateExpr));
  gint32 p;
  int py, pm, pd;

  g_return_val_if_fail (words != NULL && context != NULL, out);

  p = context->published;
  chronomap_date_to_ymd (p, &py, &pm, &pd);

  for (guint i = 0; i < words->len; i++)
    {
      const ChronomapWord *w = word_at (words, i);
      int m = month_of (words, i);
      int wd = -1;

      /* Month [day] [year], Month that year */
      if (m > 0)
        {
          const ChronomapWord *prev = i > 0 ? word_at (words, i - 1) : NULL;
          int d = day_of (words, i + 1);
          int y = year_of (words, i + (d > 0 ? 2 : 1));
          gboolean that_year = FALSE;
          guint last = i;

          /* "May" and "March" are words too: a date needs a day, a year or
           * a preposition. */
          if (d == 0 && y == 0 && (prev == NULL || !g_strv_contains (date_preps, prev->lower)))
            continue;

          if (d > 0)
            last = i + 1;
          if (y > 0)
            last = i + (d > 0 ? 2 : 1);
          else if ((word_is (words, last + 1, "that") || word_is (words, last + 1, "the")) &&
                   (word_is (words, last + 2, "year") || word_is (words, last + 2, "same")))
            {
              that_year = context->year > 0;
              y = context->year;
              last += word_is (words, last + 2, "same") ? 3 : 2;
            }
          else if (word_is (words, last + 1, "of") && word_is (words, last + 2, "that") &&
                   word_is (words, last + 3, "year"))
            {
              that_year = context->year > 0;
              y = context->year;
              last += 3;
            }

          if (y == 0)
            {
              /* the latest such month (or date) on or before publication;
               * a few days' slack for dates written ahead of time */
              y = py;
              if (d > 0 && chronomap_date_is_valid_ymd (y, m, d) &&
                  chronomap_date_from_ymd (y, m, d) > p + 7)
                y--;
              else if (d == 0 && m > pm)
                y--;
              if (prev != NULL && strcmp (prev->lower, "next") == 0)
                y = m > pm || (m == pm && d > pd) ? py : py + 1;
            }

          if (d > 0 && chronomap_date_is_valid_ymd (y, m, d))
            {
              gint32 day = chronomap_date_from_ymd (y, m, d);

              add (out, i, last, day, day, CHRONOMAP_DATE_PRECISION_DAY,
                   !that_year && year_of (words, i + 2) == 0, FALSE, year_of (words, i + 2));
            }
          else
            add (out, i, last, month_start (y, m), month_end (y, m), CHRONOMAP_DATE_PRECISION_MONTH,
                 year_of (words, i + 1) == 0 && !that_year, FALSE, year_of (words, i + 1));
          i = last;
          continue;
        }

      /* day Month [year]: "6 June 2017" */
      if (day_of (words, i) > 0 && month_of (words, i + 1) > 0)
        {
          int d = day_of (words, i);
          int mm = month_of (words, i + 1);
          int y = year_of (words, i + 2);
          guint last = y > 0 ? i + 2 : i + 1;

          if (y == 0)
            {
              y = py;
              if (chronomap_date_is_valid_ymd (y, mm, d) && chronomap_date_from_ymd (y, mm, d) > p + 7)
                y--;
            }
          if (chronomap_date_is_valid_ymd (y, mm, d))
            {
              gint32 day = chronomap_date_from_ymd (y, mm, d);

              add (out, i, last, day, day, CHRONOMAP_DATE_PRECISION_DAY, year_of (words, i + 2) == 0,
                   FALSE, year_of (words, i + 2));
            }
          i = last;
          continue;
        }

      /* a bare year after a preposition: "in 2014" */
      if (year_of (words, i) > 0 && i > 0 &&
          g_strv_contains (date_preps, g_array_index (words, ChronomapWord, i - 1).lower))
        {
          int y = year_of (words, i);

          add (out, i, i, chronomap_date_from_ymd (y, 1, 1), chronomap_date_from_ymd (y, 12, 31),
               CHRONOMAP_DATE_PRECISION_YEAR, FALSE, FALSE, y);
          continue;
        }

      /* weekdays */
      for (int k = 0; weekdays[k] != NULL; k++)
        if (strcmp (w->lower, weekdays[k]) == 0)
          wd = k;
      if (wd >= 0)
        {
          int pwd = chronomap_date_weekday (p);
          int back = (pwd - wd + 7) % 7;
          guint first = i, last = i;
          gint32 day;

          if (i > 0 && word_is (words, i - 1, "next"))
            continue;
          if (i > 0 && word_is (words, i - 1, "last") && back == 0)
            back = 7;
          if (i > 0 && (word_is (words, i - 1, "on") || word_is (words, i - 1, "last")))
            first = i - 1;
          if (first > 0 && (word_is (words, first - 1, "late") || word_is (words, first - 1, "early")))
            first--;
          if (word_at (words, i + 1) != NULL && g_strv_contains (day_parts, word_at (words, i + 1)->lower))
            last = i + 1;
          day = p - back;
          add (out, first, last, day, day, CHRONOMAP_DATE_PRECISION_DAY, TRUE, FALSE, 0);
          i = last;
          continue;
        }

      if (strcmp (w->lower, "yesterday") == 0)
        {
          add (out, i, i, p - 1, p - 1, CHRONOMAP_DATE_PRECISION_DAY, TRUE, FALSE, 0);
          continue;
        }
      if (strcmp (w->lower, "today") == 0 || strcmp (w->lower, "tonight") == 0 ||
          strcmp (w->lower, "overnight") == 0)
        {
          add (out, i, i, p, p, CHRONOMAP_DATE_PRECISION_DAY, TRUE, FALSE, 0);
          continue;
        }
      if (strcmp (w->lower, "this") == 0 && word_at (words, i + 1) != NULL &&
          g_strv_contains (day_parts, word_at (words, i + 1)->lower))
        {
          add (out, i, i + 1, p, p, CHRONOMAP_DATE_PRECISION_DAY, TRUE, FALSE, 0);
          i++;
          continue;
        }

      /* last night / week / month / year; this month / year */
      if ((strcmp (w->lower, "last") == 0 || strcmp (w->lower, "this") == 0) && i + 1 < words->len &&
          (word_is (words, i + 1, "night") || word_is (words, i + 1, "week") ||
           word_is (words, i + 1, "month") || word_is (words, i + 1, "year")))
        {
          const char *unit = g_array_index (words, ChronomapWord, i + 1).lower;
          gboolean last_ = strcmp (w->lower, "last") == 0;

          if (last_ && strcmp (unit, "night") == 0)
            add (out, i, i + 1, p - 1, p - 1, CHRONOMAP_DATE_PRECISION_DAY, TRUE, FALSE, 0);
          else if (strcmp (unit, "week") == 0)
            {
              if (last_)
                add (out, i, i + 1, p - 7, p - 1, CHRONOMAP_DATE_PRECISION_DAY, TRUE, TRUE, 0);
              else
                add (out, i, i + 1, p - chronomap_date_weekday (p), p, CHRONOMAP_DATE_PRECISION_DAY,
                     TRUE, TRUE, 0);
            }
          else if (strcmp (unit, "month") == 0)
            {
              gint32 d = last_ ? chronomap_date_add_months (p, -1) : p;
              int y, mm, dd;

              chronomap_date_to_ymd (d, &y, &mm, &dd);
              add (out, i, i + 1, month_start (y, mm), month_end (y, mm), CHRONOMAP_DATE_PRECISION_MONTH,
                   TRUE, FALSE, 0);
            }
          else if (strcmp (unit, "year") == 0)
            {
              int y = last_ ? py - 1 : py;

              add (out, i, i + 1, chronomap_date_from_ymd (y, 1, 1), chronomap_date_from_ymd (y, 12, 31),
                   CHRONOMAP_DATE_PRECISION_YEAR, TRUE, FALSE, 0);
            }
          else
            continue;
          i++;
          continue;
        }

      /* over the past two months, in the last three weeks */
      if ((strcmp (w->lower, "past") == 0 || strcmp (w->lower, "last") == 0) && i > 0 &&
          (word_is (words, i - 1, "the")))
        {
          gint64 count;
          int unit;
          guint consumed;

          if (count_and_unit (words, i + 1, &count, &unit, &consumed))
            {
              guint first = i - 1;

              if (first > 0 && (word_is (words, first - 1, "over") || word_is (words, first - 1, "in") ||
                                word_is (words, first - 1, "during") || word_is (words, first - 1, "for")))
                first--;
              add (out, first, i + consumed, go_back (p, count, unit), p, CHRONOMAP_DATE_PRECISION_DAY,
                   TRUE, TRUE, 0);
              i += consumed;
              continue;
            }
        }

      /* two days ago */
      {
        gint64 count;
        int unit;
        guint consumed;

        if (chronomap_number_value (w->lower) >= 1 && count_and_unit (words, i, &count, &unit, &consumed) &&
            word_is (words, i + consumed, "ago"))
          {
            gint32 d = go_back (p, count, unit);

            add (out, i, i + consumed, d, d, unit == 0 ? CHRONOMAP_DATE_PRECISION_DAY :
                 unit == 1 ? CHRONOMAP_DATE_PRECISION_MONTH : CHRONOMAP_DATE_PRECISION_YEAR,
                 TRUE, FALSE, 0);
            if (unit != 0)
              {
                ChronomapDateExpr *e = &g_array_index (out, ChronomapDateExpr, out->len - 1);

                e->start = chronomap_date_period_start (d, e->precision);
                e->end = chronomap_date_period_end (d, e->precision);
              }
            i += consumed;
            continue;
          }
      }

      /* since then */
      if (strcmp (w->lower, "since") == 0 && word_is (words, i + 1, "then") &&
          context->previous != CHRONOMAP_DAY_INVALID)
        {
          add (out, i, i + 1, context->previous, p, CHRONOMAP_DATE_PRECISION_DAY, TRUE, TRUE, 0);
          i++;
          continue;
        }
    }

  /* "since February 18": from that day until publication */
  for (guint k = 0; k < out->len; k++)
    {
      ChronomapDateExpr *e = &g_array_index (out, ChronomapDateExpr, k);

      if (!e->range && e->first > 0 && word_is (words, e->first - 1, "since") && e->start <= p)
        {
          e->first--;
          e->end = p;
          e->range = TRUE;
          if (e->precision != CHRONOMAP_DATE_PRECISION_DAY)
            e->precision = CHRONOMAP_DATE_PRECISION_DAY;
        }
    }

  return out;
}

/**
 * chronomap_date_parse_text:
 * @text: a date as people write it: "March 2017", "24 March 2019",
 *   "March 24, 2019", "2019-03-24", "yesterday"
 * @today: what a relative date counts from
 * @out_start: (out): the first day of the period @text names
 * @out_precision: (out): a day, a month or a year
 *
 * Reads @text as one date and nothing else, as the news reader finds
 * them in sentences: "March 2017 and after" is not one.
 *
 * Returns: whether @text is one date
 */
gboolean
chronomap_date_parse_text (const char             *text,
                           gint32                  today,
                           gint32                 *out_start,
                           ChronomapDatePrecision *out_precision)
{
  g_autoptr(GArray) words = NULL;
  g_autoptr(GArray) dates = NULL;
  ChronomapDateContext context = { today, 0, CHRONOMAP_DAY_INVALID };
  const ChronomapDateExpr *date;

  g_return_val_if_fail (text != NULL && out_start != NULL && out_precision != NULL, FALSE);

  if (chronomap_date_parse (text, -1, out_start, out_precision))
    return TRUE;
  words = chronomap_split_words (text, 0, strlen (text));
  if (words->len == 0)
    return FALSE;
  /* typed, not written: "march 2017" is the month, not a walk */
  for (guint i = 0; i < words->len; i++)
    g_array_index (words, ChronomapWord, i).upper = TRUE;
  dates = chronomap_find_dates (words, &context);
  if (dates->len != 1)
    return FALSE;
  date = &g_array_index (dates, ChronomapDateExpr, 0);
  if (date->first != 0 || date->last + 1 != words->len || date->range)
    return FALSE;
  *out_start = date->start;
  *out_precision = date->precision;
  return TRUE;
}

/* Four digits in a row: a year written out. */
static gboolean
has_year (const char *text)
{
  guint run = 0;

  for (const char *p = text; *p != '\0'; p++)
    if ((run = g_ascii_isdigit (*p) ? run + 1 : 0) == 4)
      return TRUE;
  return FALSE;
}

/**
 * chronomap_dateline_day:
 * @text: an article
 * @length: its length in bytes
 * @out_day: (out): the day its dateline gives
 *
 * Reads the day a report's dateline states, "BEIRUT, March 24, 2019
 * (Reuters) –": after the place in capitals and a comma, a whole date
 * with its year, before the agency or the dash.  A dateline without a
 * date ("BEIRUT (Reuters) -"), or with a day and no year, says nothing:
 * the year would be a guess.
 *
 * Returns: whether the dateline gives a day
 */
gboolean
chronomap_dateline_day (const char *text,
                        gsize       length,
                        gint32     *out_day)
{
  const char *end, *p, *between;
  gsize between_length;
  ChronomapDatePrecision precision;

  g_return_val_if_fail (text != NULL && out_day != NULL, FALSE);

  /* the first line that is not blank, and not much of it */
  while (length > 0 && g_ascii_isspace (*text))
    {
      text++;
      length--;
    }
  end = memchr (text, '\n', MIN (length, 200));
  if (end == NULL)
    end = text + MIN (length, 200);

  /* the place in capitals (spaces, dots, hyphens, apostrophes), then the
   * rest of a dateline, as the geoparser finds them */
  for (p = text; p < end && (g_ascii_isupper (*p) || *p == ' ' || *p == '.' || *p == '-' || *p == '\''); p++)
    ;
  if (p == text || !chronomap_dateline_rest (p, end, &between, &between_length))
    return FALSE;

  /* the date, after the place's area if it has one ("AL-HOL, Syria,
   * 2 April 2019"), with its year: without it the day would be a guess */
  for (p = between; p != NULL && p < between + between_length; )
    {
      g_autofree char *date = g_strndup (p, between + between_length - p);

      /* (with its year, the day does not depend on today) */
      if (has_year (date) && chronomap_date_parse_text (date, 0, out_day, &precision))
        return precision == CHRONOMAP_DATE_PRECISION_DAY;
      p = memchr (p, ',', between + between_length - p);
      if (p != NULL)
        p++;
    }
  return FALSE;
}
