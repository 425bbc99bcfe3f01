/* chronomap-event-layer.h: the events of the time window, drawn on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "chronomap-event-store.h"
#include "chronomap-event-style.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_EVENT_LAYER (chronomap_event_layer_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapEventLayer, chronomap_event_layer, CHRONOMAP, EVENT_LAYER, ShumateLayer)

void                 chronomap_mark_draw                (cairo_t             *cr,
                                                         gboolean             ring,
                                                         gboolean             guessed,
                                                         gboolean             hover,
                                                         double               x,
                                                         double               y,
                                                         double               radius,
                                                         const GdkRGBA       *color,
                                                         double               alpha);
void                 chronomap_mark_draw_pie            (cairo_t             *cr,
                                                         gboolean             guessed,
                                                         gboolean             hover,
                                                         double               x,
                                                         double               y,
                                                         double               radius,
                                                         const double        *rgb,
                                                         const guint         *counts,
                                                         guint                n,
                                                         double               alpha);

ChronomapEventLayer *chronomap_event_layer_new          (ShumateViewport     *viewport);
void                 chronomap_event_layer_set_store    (ChronomapEventLayer *self,
                                                         ChronomapEventStore *store);
void                 chronomap_event_layer_set_large    (ChronomapEventLayer *self,
                                                         gboolean             large);
void                 chronomap_event_layer_set_pointer_hidden (ChronomapEventLayer *self,
                                                               gboolean             hidden);
void                 chronomap_event_layer_set_style    (ChronomapEventLayer *self,
                                                         ChronomapEventStyle *style);
void                 chronomap_event_layer_set_window   (ChronomapEventLayer *self,
                                                         gint32               from,
                                                         gint32               to);
gint32               chronomap_event_layer_get_from     (ChronomapEventLayer *self);
gint32               chronomap_event_layer_get_to       (ChronomapEventLayer *self);
void                 chronomap_event_layer_set_mask     (ChronomapEventLayer *self,
                                                         GBytes              *mask);
int                  chronomap_event_layer_get_selected (ChronomapEventLayer *self);
void                 chronomap_event_layer_set_selected (ChronomapEventLayer *self,
                                                         int                  selected);
guint                chronomap_event_layer_get_n_placed (ChronomapEventLayer *self);
guint                chronomap_event_layer_get_n_visible (ChronomapEventLayer *self);
guint                chronomap_event_layer_get_n_marks   (ChronomapEventLayer *self);
const GArray        *chronomap_event_layer_get_visible  (ChronomapEventLayer *self);
guint                chronomap_event_layer_get_n_drawn  (ChronomapEventLayer *self);
GArray              *chronomap_event_layer_get_labels   (ChronomapEventLayer *self);
void                 chronomap_event_layer_set_label_glide (ChronomapEventLayer *self,
                                                            guint                milliseconds);
gboolean             chronomap_event_layer_pick_at      (ChronomapEventLayer *self,
                                                         double               x,
                                                         double               y);
char                *chronomap_event_layer_describe_at  (ChronomapEventLayer *self,
                                                         double               x,
                                                         double               y);

G_END_DECLS
