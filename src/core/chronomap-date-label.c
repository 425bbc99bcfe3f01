/* chronomap-date-label.c: days as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store speaks ISO 8601; the window, the list and screen readers say
 * "1 Oct 2017", in the user's language (month names come from the locale).
 */
#define G_LOG_DOMAIN "chronomap-date-label"

#include "config.h"

#include "chronomap-date-label.h"

#include <glib/gi18n.h>

/**
 * chronomap_date_label:
 * @day: a day (see chronomap-date.h)
 * @precision: how much of it to say
 *
 * Returns: (transfer full): "1 Oct 2017", "Oct 2017" or "2017"
 */
char *
chronomap_date_label (gint32                 day,
                      ChronomapDatePrecision precision)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  chronomap_date_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return chronomap_date_format (day, precision);

  switch (precision)
    {
    case CHRONOMAP_DATE_PRECISION_YEAR:
      return g_strdup_printf ("%d", y);
    case CHRONOMAP_DATE_PRECISION_MONTH:
      /* Translators: a month with its year, see strftime(3) */
      return g_date_time_format (dt, _("%b %Y"));
    case CHRONOMAP_DATE_PRECISION_DAY:
    default:
      /* Translators: a day, see strftime(3) */
      return g_date_time_format (dt, _("%-d %b %Y"));
    }
}

/**
 * chronomap_date_range_label:
 * @from: first day
 * @to: last day, inclusive
 *
 * Returns: (transfer full): "1 Oct 2017 – 31 Oct 2017", or one day alone
 */
char *
chronomap_date_range_label (gint32 from,
                            gint32 to)
{
  g_autofree char *a = chronomap_date_label (from, CHRONOMAP_DATE_PRECISION_DAY);
  g_autofree char *b = NULL;

  if (to <= from)
    return g_steal_pointer (&a);

  b = chronomap_date_label (to, CHRONOMAP_DATE_PRECISION_DAY);
  /* Translators: a span of days, "1 Oct 2017 – 31 Oct 2017" */
  return g_strdup_printf (_("%s – %s"), a, b);
}
