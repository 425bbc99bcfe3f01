/* chronomap-event-style.h: the colours of event types, shared by all views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chronomap-event-store.h"

G_BEGIN_DECLS

/* Eight colours for the most frequent types, then one grey for the rest. */
#define CHRONOMAP_EVENT_STYLE_N_SLOTS 9

#define CHRONOMAP_TYPE_EVENT_STYLE (chronomap_event_style_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapEventStyle, chronomap_event_style, CHRONOMAP, EVENT_STYLE, GObject)

ChronomapEventStyle *chronomap_event_style_new            (ChronomapEventStore *store);
guint                chronomap_event_style_get_n_slots    (ChronomapEventStyle *self);
guint                chronomap_event_style_get_slot       (ChronomapEventStyle *self,
                                                           guint32              event_type);
const GdkRGBA       *chronomap_event_style_get_color      (ChronomapEventStyle *self,
                                                           guint                slot);
const char          *chronomap_event_style_get_slot_label (ChronomapEventStyle *self,
                                                           guint                slot);
char                *chronomap_event_style_dot_markup     (ChronomapEventStyle *self,
                                                           guint                slot);
guint                chronomap_event_style_get_slot_count (ChronomapEventStyle *self,
                                                           guint                slot);

G_END_DECLS
