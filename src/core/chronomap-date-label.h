/* chronomap-date-label.h: days as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chronomap-date.h"

G_BEGIN_DECLS

char *chronomap_date_label       (gint32                 day,
                                  ChronomapDatePrecision precision);
char *chronomap_date_range_label (gint32                 from,
                                  gint32                 to);

G_END_DECLS
