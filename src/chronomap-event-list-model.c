/* chronomap-event-list-model.c: the window's events as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel over the indices of the events in the time window, newest
 * first (the end of the window is "now"), or oldest, deadliest or by
 * place first.  Setting a new window copies indices, and sorts them for
 * the last two: GtkListView makes rows only for what is on screen, so a
 * window of a hundred thousand events costs little more to show than
 * one of ten, and playback can refresh it every frame.
 */
#define G_LOG_DOMAIN "chronomap-event-list-model"

#include "config.h"

#include "chronomap-event-list-model.h"

#include <string.h>

#include "chronomap-event-item.h"

struct _ChronomapEventListModel
{
  GObject              parent_instance;

  GArray              *indices;   /* guint32, in @order */
  ChronomapEventOrder  order;
  ChronomapEventStore *store;     /* for the last two orders */
  GHashTable          *place_rank;   /* location string id -> 1 + rank by name */
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
  g_clear_object (&self->store);
  g_clear_pointer (&self->place_rank, g_hash_table_unref);

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

static int
compare_index (gconstpointer a,
               gconstpointer b)
{
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;

  return (ia > ib) - (ia < ib);
}

typedef struct
{
  const ChronomapEvent *events;
  GHashTable           *place_rank;
  ChronomapEventOrder   order;
} SortData;

static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const SortData *d = user_data;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;
  const ChronomapEvent *ea = &d->events[ia], *eb = &d->events[ib];

  if (d->order == CHRONOMAP_EVENT_ORDER_DEADLIEST && ea->fatalities != eb->fatalities)
    return ea->fatalities > eb->fatalities ? -1 : 1;
  if (d->order == CHRONOMAP_EVENT_ORDER_PLACE && ea->location != eb->location)
    {
      guint ra = GPOINTER_TO_UINT (g_hash_table_lookup (d->place_rank, GUINT_TO_POINTER (ea->location)));
      guint rb = GPOINTER_TO_UINT (g_hash_table_lookup (d->place_rank, GUINT_TO_POINTER (eb->location)));

      /* no place (0) last */
      if (ra != rb)
        return ra == 0 ? 1 : rb == 0 ? -1 : ra < rb ? -1 : 1;
    }
  /* then the newest first */
  return (ia < ib) - (ia > ib);
}

typedef struct
{
  guint32     id;
  char       *key;
} PlaceKey;

static int
compare_place_keys (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (((const PlaceKey *) a)->key, ((const PlaceKey *) b)->key);
}

/* Each place's rank by its name, as the user's language sorts names. */
static GHashTable *
rank_places (ChronomapEventStore *store)
{
  GHashTable *rank = g_hash_table_new (NULL, NULL);
  guint n = 0;
  const ChronomapLocation *locations = chronomap_event_store_get_locations (store, &n);
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (PlaceKey), n);

  for (guint i = 0; i < n; i++)
    {
      const char *name = chronomap_event_store_get_string (store, locations[i].name);
      PlaceKey k = { locations[i].name, NULL };

      if (name == NULL || *name == '\0')
        continue;
      k.key = g_utf8_collate_key (name, -1);
      g_array_append_val (keys, k);
    }
  g_array_sort (keys, compare_place_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      PlaceKey *k = &g_array_index (keys, PlaceKey, i);

      g_hash_table_insert (rank, GUINT_TO_POINTER (k->id), GUINT_TO_POINTER (i + 1));
      g_free (k->key);
    }
  return rank;
}

/* @visible, in the model's order. */
static void
fill (ChronomapEventListModel *self,
      const GArray            *visible)
{
  gboolean newest = self->order == CHRONOMAP_EVENT_ORDER_NEWEST || self->store == NULL;

  g_array_set_size (self->indices, visible->len);
  for (guint k = 0; k < visible->len; k++)
    g_array_index (self->indices, guint32, k) = g_array_index (visible, guint32,
                                                               newest ? visible->len - 1 - k : k);
  if (self->store != NULL &&
      (self->order == CHRONOMAP_EVENT_ORDER_DEADLIEST || self->order == CHRONOMAP_EVENT_ORDER_PLACE))
    {
      SortData d = { chronomap_event_store_get_events (self->store, NULL), NULL, self->order };

      if (self->order == CHRONOMAP_EVENT_ORDER_PLACE && self->place_rank == NULL)
        self->place_rank = rank_places (self->store);
      d.place_rank = self->place_rank;
      g_array_sort_with_data (self->indices, compare_events, &d);
    }
}

/**
 * chronomap_event_list_model_set:
 * @visible: (element-type guint32): event indices in time order
 *
 * Shows @visible, in the model's order (the newest first unless
 * chronomap_event_list_model_set_order() says otherwise).
 */
void
chronomap_event_list_model_set (ChronomapEventListModel *self,
                                const GArray            *visible)
{
  guint old;

  g_return_if_fail (CHRONOMAP_IS_EVENT_LIST_MODEL (self));
  g_return_if_fail (visible != NULL);

  old = self->indices->len;
  fill (self, visible);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->indices->len);
}

/**
 * chronomap_event_list_model_set_order:
 * @store: (nullable): the events, whose deaths and places the last two
 *   orders read
 * @order: how the events are listed
 *
 * Orders the events shown, and those set later, so.
 */
void
chronomap_event_list_model_set_order (ChronomapEventListModel *self,
                                      ChronomapEventStore     *store,
                                      ChronomapEventOrder      order)
{
  g_autoptr(GArray) visible = NULL;

  g_return_if_fail (CHRONOMAP_IS_EVENT_LIST_MODEL (self));
  g_return_if_fail (store == NULL || CHRONOMAP_IS_EVENT_STORE (store));

  if (store != self->store)
    {
      g_set_object (&self->store, store);
      g_clear_pointer (&self->place_rank, g_hash_table_unref);
    }
  if (order == self->order)
    return;
  /* the same events, back in time order, then in the new one */
  visible = g_array_copy (self->indices);
  g_array_sort (visible, compare_index);
  self->order = order;
  fill (self, visible);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, visible->len, visible->len);
}

ChronomapEventOrder
chronomap_event_list_model_get_order (ChronomapEventListModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_LIST_MODEL (self), CHRONOMAP_EVENT_ORDER_NEWEST);

  return self->order;
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

  /* by deaths or place: looked through */
  if (self->order == CHRONOMAP_EVENT_ORDER_DEADLIEST || self->order == CHRONOMAP_EVENT_ORDER_PLACE)
    {
      for (guint k = 0; k < self->indices->len; k++)
        if (g_array_index (self->indices, guint32, k) == index)
          return k;
      return G_MAXUINT;
    }
  /* in time order, either way: binary search for the first not past @index */
  hi = self->indices->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint32 at = g_array_index (self->indices, guint32, mid);

      if (self->order == CHRONOMAP_EVENT_ORDER_OLDEST ? at < index : at > index)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < self->indices->len && g_array_index (self->indices, guint32, lo) == index)
    return lo;
  return G_MAXUINT;
}
