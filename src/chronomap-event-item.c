/* chronomap-event-item.c: one event of the list, by index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkListView wants objects; events are structs in the store.  An item is
 * made only for a row on screen and holds nothing but the event's index.
 */
#define G_LOG_DOMAIN "chronomap-event-item"

#include "config.h"

#include "chronomap-event-item.h"

struct _ChronomapEventItem
{
  GObject parent_instance;

  guint32 index;
};

G_DEFINE_FINAL_TYPE (ChronomapEventItem, chronomap_event_item, G_TYPE_OBJECT)

static void
chronomap_event_item_class_init (ChronomapEventItemClass *klass)
{
}

static void
chronomap_event_item_init (ChronomapEventItem *self)
{
}

ChronomapEventItem *
chronomap_event_item_new (guint32 index)
{
  ChronomapEventItem *self = g_object_new (CHRONOMAP_TYPE_EVENT_ITEM, NULL);

  self->index = index;
  return self;
}

guint32
chronomap_event_item_get_index (ChronomapEventItem *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_ITEM (self), 0);
  return self->index;
}
