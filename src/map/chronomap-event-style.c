/* chronomap-event-style.c: the colours of event types, shared by all views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map, its legend and the timeline's histogram must give a type the same
 * colour, so one object decides: types ranked by how many events they have,
 * the first eight get a colour of their own, the rest share a grey.  The
 * common taxonomy's types keep one colour in every file
 * (chronomap_render_assign_colors()).  Lookups
 * go through an array indexed by string id so drawing a million events does
 * no hashing.
 */
#define G_LOG_DOMAIN "chronomap-event-style"

#include "config.h"

#include "chronomap-event-style.h"

#include <glib/gi18n.h>

#include "chronomap-event-type-label.h"
#include "chronomap-render-view.h"

struct _ChronomapEventStyle
{
  GObject  parent_instance;

  guint8  *slot_by_string;   /* string id -> slot */
  guint    n_strings;
  guint    n_slots;
  char    *labels[CHRONOMAP_EVENT_STYLE_N_SLOTS];
  guint    counts[CHRONOMAP_EVENT_STYLE_N_SLOTS];
  guint    colors[CHRONOMAP_EVENT_STYLE_N_SLOTS];   /* slot -> palette */
};

G_DEFINE_FINAL_TYPE (ChronomapEventStyle, chronomap_event_style, G_TYPE_OBJECT)

/* The palette is the renderer's (chronomap-render-view.h), so an exported
 * image has the viewer's colours. */
#define RGBA(r, g, b) { r, g, b, 1.f },
static const GdkRGBA palette[CHRONOMAP_EVENT_STYLE_N_SLOTS] = {
  CHRONOMAP_RENDER_PALETTE (RGBA)
};
#undef RGBA
G_STATIC_ASSERT (CHRONOMAP_EVENT_STYLE_N_SLOTS == CHRONOMAP_RENDER_N_SLOTS);

typedef struct
{
  guint32 type;
  guint   count;
} TypeCount;

static int
compare_type_count (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const TypeCount *ta = a;
  const TypeCount *tb = b;
  ChronomapEventStore *store = user_data;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;
  return g_strcmp0 (chronomap_event_store_get_string (store, ta->type),
                    chronomap_event_store_get_string (store, tb->type));
}

static void
chronomap_event_style_finalize (GObject *object)
{
  ChronomapEventStyle *self = CHRONOMAP_EVENT_STYLE (object);

  g_free (self->slot_by_string);
  for (guint i = 0; i < CHRONOMAP_EVENT_STYLE_N_SLOTS; i++)
    g_free (self->labels[i]);

  G_OBJECT_CLASS (chronomap_event_style_parent_class)->finalize (object);
}

static void
chronomap_event_style_class_init (ChronomapEventStyleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chronomap_event_style_finalize;
}

static void
chronomap_event_style_init (ChronomapEventStyle *self)
{
  /* without a store: every slot its rank's colour */
  for (guint i = 0; i < CHRONOMAP_EVENT_STYLE_N_SLOTS; i++)
    self->colors[i] = i;
}

/**
 * chronomap_event_style_new:
 * @store: (nullable): the events whose types get colours
 *
 * Returns: (transfer full): a style for @store's types
 */
ChronomapEventStyle *
chronomap_event_style_new (ChronomapEventStore *store)
{
  ChronomapEventStyle *self = g_object_new (CHRONOMAP_TYPE_EVENT_STYLE, NULL);
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GArray) ranked = NULL;
  const ChronomapEvent *events;
  GHashTableIter iter;
  gpointer key, value;
  guint n_events = 0;

  if (store == NULL)
    return self;

  counts = g_hash_table_new (NULL, NULL);
  events = chronomap_event_store_get_events (store, &n_events);
  for (guint i = 0; i < n_events; i++)
    {
      gpointer k = GUINT_TO_POINTER (events[i].event_type);

      g_hash_table_insert (counts, k,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, k)) + 1));
      self->n_strings = MAX (self->n_strings, events[i].event_type + 1);
    }

  ranked = g_array_new (FALSE, FALSE, sizeof (TypeCount));
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TypeCount tc = { GPOINTER_TO_UINT (key), GPOINTER_TO_UINT (value) };
      g_array_append_val (ranked, tc);
    }
  g_array_sort_with_data (ranked, compare_type_count, store);

  self->slot_by_string = g_new0 (guint8, MAX (self->n_strings, 1));
  {
    g_autofree const char **names = g_new0 (const char *, ranked->len + 1);
    g_autofree guint *colors = g_new0 (guint, ranked->len + 1);

    for (guint i = 0; i < ranked->len; i++)
      names[i] = chronomap_event_store_get_string (store, g_array_index (ranked, TypeCount, i).type);
    chronomap_render_assign_colors (names, ranked->len, colors);
    for (guint i = 0; i < MIN (ranked->len, CHRONOMAP_EVENT_STYLE_N_SLOTS); i++)
      self->colors[i] = colors[i];
  }
  for (guint i = 0; i < ranked->len; i++)
    {
      const TypeCount *tc = &g_array_index (ranked, TypeCount, i);
      /* With exactly nine types the ninth keeps its name instead of "Other". */
      gboolean own = i < CHRONOMAP_EVENT_STYLE_N_SLOTS - 1 ||
                     ranked->len == CHRONOMAP_EVENT_STYLE_N_SLOTS;
      guint slot = own ? i : CHRONOMAP_EVENT_STYLE_N_SLOTS - 1;
      const char *name = chronomap_event_store_get_string (store, tc->type);

      self->slot_by_string[tc->type] = slot;
      self->counts[slot] += tc->count;
      if (self->labels[slot] == NULL)
        self->labels[slot] = g_strdup (own ? (name != NULL && *name != '\0' ?
                                              chronomap_event_type_label (name) : _("Unknown type"))
                                           : _("Other"));
      self->n_slots = MAX (self->n_slots, slot + 1);
    }

  return self;
}

guint
chronomap_event_style_get_n_slots (ChronomapEventStyle *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STYLE (self), 0);
  return self->n_slots;
}

/**
 * chronomap_event_style_get_slot:
 * @event_type: the string id of an event's type
 *
 * Returns: the colour slot of @event_type, fast enough to call per event
 */
guint
chronomap_event_style_get_slot (ChronomapEventStyle *self,
                                guint32              event_type)
{
  if (event_type >= self->n_strings)
    return CHRONOMAP_EVENT_STYLE_N_SLOTS - 1;
  return self->slot_by_string[event_type];
}

const GdkRGBA *
chronomap_event_style_get_color (ChronomapEventStyle *self,
                                 guint                slot)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STYLE (self), &palette[0]);
  return &palette[self->colors[MIN (slot, CHRONOMAP_EVENT_STYLE_N_SLOTS - 1)]];
}

/**
 * chronomap_event_style_dot_markup:
 * @slot: a colour slot
 *
 * Returns: (transfer full): a dot of @slot's colour, as Pango markup, for
 *   a label: the events list's rows and the legend's types
 */
char *
chronomap_event_style_dot_markup (ChronomapEventStyle *self,
                                  guint                slot)
{
  const GdkRGBA *color = chronomap_event_style_get_color (self, slot);

  return g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">●</span>", (int) (color->red * 255),
                          (int) (color->green * 255), (int) (color->blue * 255));
}

const char *
chronomap_event_style_get_slot_label (ChronomapEventStyle *self,
                                      guint                slot)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STYLE (self), NULL);
  g_return_val_if_fail (slot < CHRONOMAP_EVENT_STYLE_N_SLOTS, NULL);
  return self->labels[slot];
}

guint
chronomap_event_style_get_slot_count (ChronomapEventStyle *self,
                                      guint                slot)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STYLE (self), 0);
  g_return_val_if_fail (slot < CHRONOMAP_EVENT_STYLE_N_SLOTS, 0);
  return self->counts[slot];
}
