/* chronomap-timeline.h: the time axis, histogram and time window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chronomap-event-store.h"
#include "chronomap-event-style.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_TIMELINE (chronomap_timeline_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapTimeline, chronomap_timeline, CHRONOMAP, TIMELINE, GtkWidget)

GtkEventController *chronomap_timeline_new_key_controller (ChronomapTimeline *self);

GtkWidget *chronomap_timeline_new            (void);
void       chronomap_timeline_set_store      (ChronomapTimeline   *self,
                                              ChronomapEventStore *store);
void       chronomap_timeline_set_style      (ChronomapTimeline   *self,
                                              ChronomapEventStyle *style);
void       chronomap_timeline_set_mask       (ChronomapTimeline   *self,
                                              GBytes              *mask);
guint      chronomap_timeline_get_count      (ChronomapTimeline   *self,
                                              gint32               from,
                                              gint32               to);
void       chronomap_timeline_set_window     (ChronomapTimeline   *self,
                                              gint32               from,
                                              gint32               to);
gint32     chronomap_timeline_get_from       (ChronomapTimeline   *self);
gint32     chronomap_timeline_get_to         (ChronomapTimeline   *self);
void       chronomap_timeline_set_cumulative (ChronomapTimeline   *self,
                                              gboolean             cumulative);
gboolean   chronomap_timeline_get_cumulative (ChronomapTimeline   *self);
void       chronomap_timeline_set_selected   (ChronomapTimeline   *self,
                                              int                  selected);
void       chronomap_timeline_step           (ChronomapTimeline   *self,
                                              int                  n_steps);
void       chronomap_timeline_set_playing    (ChronomapTimeline   *self,
                                              gboolean             playing);
gboolean   chronomap_timeline_get_playing    (ChronomapTimeline   *self);
void       chronomap_timeline_set_speed      (ChronomapTimeline   *self,
                                              double               days_per_second);
double     chronomap_timeline_get_speed      (ChronomapTimeline   *self);

/* The playback speeds offered: a day, a week, a month, three months and a
 * year a second. */
#define CHRONOMAP_TIMELINE_N_SPEEDS 5

double                   chronomap_timeline_speed_days    (guint  index);
const ChronomapDateStep *chronomap_timeline_speed_step    (guint  index);
guint                    chronomap_timeline_nearest_speed (double days_per_second);

void       chronomap_timeline_advance        (ChronomapTimeline   *self,
                                              double               seconds);
char      *chronomap_timeline_dup_value_text (ChronomapTimeline   *self);
GPtrArray *chronomap_timeline_get_axis_labels (ChronomapTimeline  *self);
const char *chronomap_timeline_get_count_scale (ChronomapTimeline *self);
char      *chronomap_timeline_describe_at    (ChronomapTimeline   *self,
                                              double               x);
char      *chronomap_timeline_describe_span_at (ChronomapTimeline *self,
                                                double             x,
                                                double             y);
void       chronomap_timeline_get_view       (ChronomapTimeline   *self,
                                              gint32              *first,
                                              gint32              *last);
double     chronomap_timeline_get_day_x      (ChronomapTimeline   *self,
                                              gint32               day);

G_END_DECLS
