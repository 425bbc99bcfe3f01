/* chronomap-event-list-model.h: the window's events as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_EVENT_LIST_MODEL (chronomap_event_list_model_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapEventListModel, chronomap_event_list_model, CHRONOMAP, EVENT_LIST_MODEL, GObject)

ChronomapEventListModel *chronomap_event_list_model_new       (void);
void                     chronomap_event_list_model_set       (ChronomapEventListModel *self,
                                                               const GArray            *visible);
guint32                  chronomap_event_list_model_get_index (ChronomapEventListModel *self,
                                                               guint                    position);
guint                    chronomap_event_list_model_find      (ChronomapEventListModel *self,
                                                               guint32                  index);

G_END_DECLS
