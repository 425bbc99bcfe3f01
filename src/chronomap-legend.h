/* chronomap-legend.h: what the map's colours and marks mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chronomap-event-style.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_LEGEND (chronomap_legend_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapLegend, chronomap_legend, CHRONOMAP, LEGEND, GtkBox)

GtkWidget *chronomap_legend_new              (void);
void       chronomap_legend_set_style        (ChronomapLegend     *self,
                                              ChronomapEventStyle *style);
void       chronomap_legend_set_hidden_types (ChronomapLegend     *self,
                                              guint                hidden);

G_END_DECLS
