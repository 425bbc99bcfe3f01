/* chronomap-date.h: calendar days and ISO 8601 dates with precision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ChronomapDatePrecision:
 * @CHRONOMAP_DATE_PRECISION_DAY: the date names a day
 * @CHRONOMAP_DATE_PRECISION_MONTH: the date names a month
 * @CHRONOMAP_DATE_PRECISION_YEAR: the date names a year
 *
 * Ordered from fine to coarse, so the coarser of two is the larger.
 */
typedef enum
{
  CHRONOMAP_DATE_PRECISION_DAY,
  CHRONOMAP_DATE_PRECISION_MONTH,
  CHRONOMAP_DATE_PRECISION_YEAR,
} ChronomapDatePrecision;

/* A day is the number of days since 1970-01-01 in the proleptic Gregorian
 * calendar; negative before 1970. */
#define CHRONOMAP_DAY_INVALID G_MININT32

gint32       chronomap_date_from_ymd           (int                     year,
                                                int                     month,
                                                int                     day);
void         chronomap_date_to_ymd             (gint32                  day,
                                                int                    *year,
                                                int                    *month,
                                                int                    *mday);
gboolean     chronomap_date_is_valid_ymd       (int                     year,
                                                int                     month,
                                                int                     day);
int          chronomap_date_days_in_month      (int                     year,
                                                int                     month);
int          chronomap_date_weekday            (gint32                  day);
gint32       chronomap_date_add_months         (gint32                  day,
                                                int                     months);

/**
 * ChronomapDateStep:
 * @count: how many units, 1 or more
 * @unit: 'd' (days), 'w' (weeks), 'm' (calendar months) or 'y' (years)
 *
 * A length of time as an animation steps by it: "1w", "3m".
 */
typedef struct
{
  int  count;
  char unit;
} ChronomapDateStep;

gboolean     chronomap_date_step_parse         (const char              *text,
                                                ChronomapDateStep       *out_step);
gint32       chronomap_date_step_add           (gint32                   day,
                                                const ChronomapDateStep *step,
                                                int                      times);
gboolean     chronomap_date_parse              (const char             *text,
                                                gssize                  length,
                                                gint32                 *out_day,
                                                ChronomapDatePrecision *out_precision);
char        *chronomap_date_explain_invalid    (const char             *text);
gint32       chronomap_date_period_start       (gint32                  day,
                                                ChronomapDatePrecision  precision);
gint32       chronomap_date_period_end         (gint32                  day,
                                                ChronomapDatePrecision  precision);
char        *chronomap_date_format             (gint32                  day,
                                                ChronomapDatePrecision  precision);
void         chronomap_date_format_buf         (gint32                  day,
                                                ChronomapDatePrecision  precision,
                                                char                    buf[16]);
const char  *chronomap_date_precision_to_string (ChronomapDatePrecision precision);
gboolean     chronomap_date_precision_from_string (const char             *text,
                                                   ChronomapDatePrecision *out_precision);

G_END_DECLS
