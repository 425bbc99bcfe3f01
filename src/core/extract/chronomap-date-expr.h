/* chronomap-date-expr.h: date expressions in news text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chronomap-date.h"

G_BEGIN_DECLS

/**
 * ChronomapDateExpr:
 * @first: index of the expression's first word
 * @last: index of its last word
 * @start: the first day it covers
 * @end: the last day it covers
 * @precision: what the text supports: a day, a month, a year
 * @relative: whether it was resolved against the publication date
 * @range: whether it states a span ("over the past two months")
 * @year: the year it names explicitly, or 0
 *
 * One date expression, resolved.
 */
typedef struct
{
  guint                   first;
  guint                   last;
  gint32                  start;
  gint32                  end;
  ChronomapDatePrecision  precision;
  gboolean                relative;
  gboolean                range;
  int                     year;
} ChronomapDateExpr;

/**
 * ChronomapDateContext:
 * @published: the publication date, a day
 * @year: the year the text last named ("in June that year"), or 0
 * @previous: the day the text last referred to ("since then"), or
 *   %CHRONOMAP_DAY_INVALID
 *
 * What relative expressions are resolved against.
 */
typedef struct
{
  gint32 published;
  int    year;
  gint32 previous;
} ChronomapDateContext;

GArray  *chronomap_find_dates      (GArray                     *words,
                                   const ChronomapDateContext *context);
gboolean chronomap_date_parse_text (const char                 *text,
                                   gint32                      today,
                                   gint32                     *out_start,
                                   ChronomapDatePrecision     *out_precision);
gboolean chronomap_dateline_day    (const char                 *text,
                                   gsize                       length,
                                   gint32                     *out_day);

G_END_DECLS
