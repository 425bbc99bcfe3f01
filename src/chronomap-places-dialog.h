/* chronomap-places-dialog.h: Places to Check, the names the map lacks or guessed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_PLACES_DIALOG (chronomap_places_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapPlacesDialog, chronomap_places_dialog, CHRONOMAP, PLACES_DIALOG,
                      AdwMessageDialog)

GtkWidget *chronomap_places_dialog_new (GtkWindow *parent,
                                        GPtrArray *placements);

G_END_DECLS
