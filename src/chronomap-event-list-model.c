/* chronomap-event-list-model.c: the window's events as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel over the indices of the events in the time window, newest
 * first (the end of the window is "now").  Setting a new window copies
 * indices, nothing more: GtkListView makes rows only for what is on
 * screen, so a window of a hundred thousand events costs as little to
 * show as one of ten, and playback can refresh it every frame.
 */
#define G_LOG_DOMAIN "chronomap-event-list-model"

#include "config.h"

#include "chronomap-event-list-model.h"

#include "chronomap-event-item.h"

struct _ChronomapEventListModel
{
  GObject  parent_instance;

  GArray  *indices;   /* guint32, descending */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronomapEventListModel, chronomap_event_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return CHRONOMAP_TYPE_EVENT_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return CHRONOMAP_EVENT_LIST_MODEL (model)->indices->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ChronomapEventListModel *self = CHRONOMAP_EVENT_LIST_MODEL (model);

  if (position >= self->indices->len)
    return NULL;
  return chronomap_event_item_new (g_array_index (self->indices, guint32, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
chronomap_event_list_model_finalize (GObject *object)
{
  ChronomapEventListModel *self = CHRONOMAP_EVENT_LIST_MODEL (object);

  g_array_unref (self->indices);

  G_OBJECT_CLASS (chronomap_event_list_model_parent_class)->finalize (object);
}

static void
chronomap_event_list_model_class_init (ChronomapEventListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chronomap_event_list_model_finalize;
}

static void
chronomap_event_list_model_init (ChronomapEventListModel *self)
{
  self->indices = g_array_new (FALSE, FALSE, sizeof (guint32));
}

ChronomapEventListModel *
chronomap_event_list_model_new (void)
{
  return g_object_new (CHRONOMAP_TYPE_EVENT_LIST_MODEL, NULL);
}

/**
 * chronomap_event_list_model_set:
 * @visible: (element-type guint32): event indices in time order
 *
 * Shows @visible, newest first.
 */
void
chronomap_event_list_model_set (ChronomapEventListModel *self,
                                const GArray            *visible)
{
  guint old;

  g_return_if_fail (CHRONOMAP_IS_EVENT_LIST_MODEL (self));
  g_return_if_fail (visible != NULL);

  old = self->indices->len;
  g_array_set_size (self->indices, visible->len);
  for (guint k = 0; k < visible->len; k++)
    g_array_index (self->indices, guint32, k) = g_array_index (visible, guint32, visible->len - 1 - k);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, visible->len);
}

guint32
chronomap_event_list_model_get_index (ChronomapEventListModel *self,
                                      guint                    position)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LIST_MODEL (self), 0);
  g_return_val_if_fail (position < self->indices->len, 0);
  return g_array_index (self->indices, guint32, position);
}

/**
 * chronomap_event_list_model_find:
 * @index: an event index
 *
 * Returns: the position of @index, or %GTK_INVALID_LIST_POSITION (G_MAXUINT)
 */
guint
chronomap_event_list_model_find (ChronomapEventListModel *self,
                                 guint32                  index)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LIST_MODEL (self), G_MAXUINT);

  /* Descending: binary search for the first not greater than @index. */
  hi = self->indices->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->indices, guint32, mid) > index)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < self->indices->len && g_array_index (self->indices, guint32, lo) == index)
    return lo;
  return G_MAXUINT;
}
