/* chronomap-event-list-model.h: the window's events as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chronomap-event-store.h"

G_BEGIN_DECLS

/**
 * ChronomapEventOrder:
 * @CHRONOMAP_EVENT_ORDER_NEWEST: the newest first, the window's end being "now"
 * @CHRONOMAP_EVENT_ORDER_OLDEST: in the order they happened
 * @CHRONOMAP_EVENT_ORDER_DEADLIEST: the most killed first, the newest of
 *   as many first
 * @CHRONOMAP_EVENT_ORDER_PLACE: by place name, each place's newest first
 *
 * How the events list is ordered.
 */
typedef enum
{
  CHRONOMAP_EVENT_ORDER_NEWEST,
  CHRONOMAP_EVENT_ORDER_OLDEST,
  CHRONOMAP_EVENT_ORDER_DEADLIEST,
  CHRONOMAP_EVENT_ORDER_PLACE,
} ChronomapEventOrder;

#define CHRONOMAP_TYPE_EVENT_LIST_MODEL (chronomap_event_list_model_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapEventListModel, chronomap_event_list_model, CHRONOMAP, EVENT_LIST_MODEL, GObject)

ChronomapEventListModel *chronomap_event_list_model_new       (void);
void                     chronomap_event_list_model_set       (ChronomapEventListModel *self,
                                                               const GArray            *visible);
void                     chronomap_event_list_model_set_order (ChronomapEventListModel *self,
                                                               ChronomapEventStore     *store,
                                                               ChronomapEventOrder      order);
ChronomapEventOrder      chronomap_event_list_model_get_order (ChronomapEventListModel *self);
guint32                  chronomap_event_list_model_get_index (ChronomapEventListModel *self,
                                                               guint                    position);
guint                    chronomap_event_list_model_find      (ChronomapEventListModel *self,
                                                               guint32                  index);

G_END_DECLS
