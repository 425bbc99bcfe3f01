/* chronomap-view-model.h: what the views show: one time window, one filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chronomap-event-store.h"
#include "chronomap-event-style.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_VIEW_MODEL (chronomap_view_model_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapViewModel, chronomap_view_model, CHRONOMAP, VIEW_MODEL, GObject)

ChronomapViewModel  *chronomap_view_model_new              (void);
ChronomapEventStore *chronomap_view_model_get_store        (ChronomapViewModel  *self);
void                 chronomap_view_model_set_store        (ChronomapViewModel  *self,
                                                            ChronomapEventStore *store);
ChronomapEventStyle *chronomap_view_model_get_style        (ChronomapViewModel  *self);
void                 chronomap_view_model_set_window       (ChronomapViewModel  *self,
                                                            gint32               from,
                                                            gint32               to);
gint32               chronomap_view_model_get_from         (ChronomapViewModel  *self);
gint32               chronomap_view_model_get_to           (ChronomapViewModel  *self);
gint32               chronomap_view_model_get_visible_from (ChronomapViewModel  *self);
gboolean             chronomap_view_model_get_cumulative   (ChronomapViewModel  *self);
void                 chronomap_view_model_set_cumulative   (ChronomapViewModel  *self,
                                                            gboolean             cumulative);
int                  chronomap_view_model_get_selected     (ChronomapViewModel  *self);
void                 chronomap_view_model_set_selected     (ChronomapViewModel  *self,
                                                            int                  selected);
const char          *chronomap_view_model_get_search       (ChronomapViewModel  *self);
void                 chronomap_view_model_set_search       (ChronomapViewModel  *self,
                                                            const char          *search);
guint                chronomap_view_model_get_hidden_types (ChronomapViewModel  *self);
void                 chronomap_view_model_set_hidden_types (ChronomapViewModel  *self,
                                                            guint                hidden_slots);
GBytes              *chronomap_view_model_get_mask         (ChronomapViewModel  *self);
const GArray        *chronomap_view_model_get_visible      (ChronomapViewModel  *self);
guint                chronomap_view_model_get_n_visible    (ChronomapViewModel  *self);
guint                chronomap_view_model_get_n_filtered   (ChronomapViewModel  *self);

G_END_DECLS
