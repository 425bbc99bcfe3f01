/* chronomap-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chronomap-event-store.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_WINDOW (chronomap_window_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapWindow, chronomap_window, CHRONOMAP, WINDOW, AdwApplicationWindow)

void                 chronomap_window_open      (ChronomapWindow *self,
                                                 GFile           *file);
ChronomapEventStore *chronomap_window_get_store (ChronomapWindow *self);

G_END_DECLS
