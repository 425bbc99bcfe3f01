/* chronomap-date-popover.c: a calendar to pick a day from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calendar that goes with a date typed as YYYY-MM-DD: it opens on the
 * day typed, if any, and says which day the user picks with
 * ::day-chosen.  The calendar also moves its selection when the user
 * pages through months; that is a choice too, so the field beside it
 * follows the calendar as it is paged, and only the popover's own moves
 * (show_day) are kept quiet.
 */
#define G_LOG_DOMAIN "chronomap-date-popover"

#include "config.h"

#include "chronomap-date-popover.h"

#include "chronomap-date.h"

struct _ChronomapDatePopover
{
  GtkPopover   parent_instance;

  GtkCalendar *calendar;
  gboolean     showing;
};

G_DEFINE_FINAL_TYPE (ChronomapDatePopover, chronomap_date_popover, GTK_TYPE_POPOVER)

enum
{
  DAY_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
day_selected_cb (ChronomapDatePopover *self)
{
  g_autoptr(GDateTime) date = NULL;
  gint32 day;

  if (self->showing)
    return;
  date = gtk_calendar_get_date (self->calendar);
  day = chronomap_date_from_ymd (g_date_time_get_year (date), g_date_time_get_month (date),
                                 g_date_time_get_day_of_month (date));
  g_signal_emit (self, signals[DAY_CHOSEN], 0, (int) day);
}

static void
chronomap_date_popover_class_init (ChronomapDatePopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * ChronomapDatePopover::day-chosen:
   * @day: the day picked, as days since 1970-01-01
   *
   * The user picked a day in the calendar.
   */
  signals[DAY_CHOSEN] = g_signal_new ("day-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/chronomap-date-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronomapDatePopover, calendar);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
}

static void
chronomap_date_popover_init (ChronomapDatePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
chronomap_date_popover_new (void)
{
  return g_object_new (CHRONOMAP_TYPE_DATE_POPOVER, NULL);
}

/**
 * chronomap_date_popover_show_day:
 * @day: a day, or %CHRONOMAP_DAY_INVALID for today
 *
 * Opens the calendar's page on @day and selects it, without
 * ::day-chosen: what the field already says is no new choice.
 */
void
chronomap_date_popover_show_day (ChronomapDatePopover *self,
                                 gint32                day)
{
  g_autoptr(GDateTime) date = NULL;

  g_return_if_fail (CHRONOMAP_IS_DATE_POPOVER (self));

  if (day == CHRONOMAP_DAY_INVALID)
    date = g_date_time_new_now_local ();
  else
    {
      int year, month, mday;

      chronomap_date_to_ymd (day, &year, &month, &mday);
      date = g_date_time_new_local (year, month, mday, 12, 0, 0);
    }
  if (date == NULL)
    return;
  self->showing = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->showing = FALSE;
}

/**
 * chronomap_date_popover_get_calendar:
 *
 * Returns: (transfer none): the calendar, for tests that pick a day as
 *   a click would
 */
GtkCalendar *
chronomap_date_popover_get_calendar (ChronomapDatePopover *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_DATE_POPOVER (self), NULL);

  return self->calendar;
}
