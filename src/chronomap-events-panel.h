/* chronomap-events-panel.h: the time window's events, listed, and the one picked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chronomap-details-panel.h"
#include "chronomap-view-model.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_EVENTS_PANEL (chronomap_events_panel_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapEventsPanel, chronomap_events_panel, CHRONOMAP, EVENTS_PANEL, GtkBox)

void                   chronomap_events_panel_set_model      (ChronomapEventsPanel *self,
                                                              ChronomapViewModel   *model);
void                   chronomap_events_panel_set_placements (ChronomapEventsPanel *self,
                                                              GPtrArray            *placements);
void                   chronomap_events_panel_show_picked    (ChronomapEventsPanel *self,
                                                              GArray               *events,
                                                              guint                 representative);
GtkSingleSelection    *chronomap_events_panel_get_selection  (ChronomapEventsPanel *self);
ChronomapDetailsPanel *chronomap_events_panel_get_details    (ChronomapEventsPanel *self);

G_END_DECLS
