/* chronomap-place-search.h: a place found by hand, for a name the geocoder missed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chronomap-placement.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_PLACE_SEARCH (chronomap_place_search_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapPlaceSearch, chronomap_place_search, CHRONOMAP, PLACE_SEARCH, GtkPopover)

GtkWidget *chronomap_place_search_new         (void);
void       chronomap_place_search_set_country (ChronomapPlaceSearch *self,
                                               const char           *country);
void       chronomap_place_search_set_name    (ChronomapPlaceSearch *self,
                                               const char           *name);
guint      chronomap_place_search_get_n_found (ChronomapPlaceSearch *self);
const ChronomapPlaceCandidate *
           chronomap_place_search_get_found   (ChronomapPlaceSearch *self,
                                               guint                 index);
void       chronomap_place_search_pick        (ChronomapPlaceSearch *self,
                                               guint                 index);

G_END_DECLS
