/* chronomap-date-popover.h: a calendar to pick a day from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_DATE_POPOVER (chronomap_date_popover_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapDatePopover, chronomap_date_popover, CHRONOMAP, DATE_POPOVER, GtkPopover)

GtkWidget   *chronomap_date_popover_new          (void);
void         chronomap_date_popover_show_day     (ChronomapDatePopover *self,
                                                  gint32                day);
GtkCalendar *chronomap_date_popover_get_calendar (ChronomapDatePopover *self);

G_END_DECLS
