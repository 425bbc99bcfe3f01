/* chronomap-event-item.h: one event of the list, by index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_EVENT_ITEM (chronomap_event_item_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapEventItem, chronomap_event_item, CHRONOMAP, EVENT_ITEM, GObject)

ChronomapEventItem *chronomap_event_item_new       (guint32             index);
guint32             chronomap_event_item_get_index (ChronomapEventItem *self);

G_END_DECLS
