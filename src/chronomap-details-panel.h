/* chronomap-details-panel.h: what the selected event is, under the events list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chronomap-event-store.h"
#include "chronomap-placement.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_DETAILS_PANEL (chronomap_details_panel_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapDetailsPanel, chronomap_details_panel, CHRONOMAP, DETAILS_PANEL, GtkBox)

GtkWidget *chronomap_details_panel_new            (void);
void       chronomap_details_panel_show_event     (ChronomapDetailsPanel    *self,
                                                   ChronomapEventStore      *store,
                                                   int                       selected,
                                                   const ChronomapPlacement *placement);
void       chronomap_details_panel_set_can_choose (ChronomapDetailsPanel    *self,
                                                   gboolean                  can_choose);

G_END_DECLS
