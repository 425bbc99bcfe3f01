/* chronomap-view-model.c: what the views show: one time window, one filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one object the map layer, the timeline and the list observe, so they
 * never talk to each other: the window moves here and each view follows
 * through bindings and notify::.  In cumulative mode the window starts at
 * the first event ("everything up to now"); views that filter by time bind
 * to visible-from, the timeline to from (the band the user moves).
 */
#define G_LOG_DOMAIN "chronomap-view-model"

#include "config.h"

#include "chronomap-view-model.h"

#include <string.h>

struct _ChronomapViewModel
{
  GObject              parent_instance;

  ChronomapEventStore *store;
  ChronomapEventStyle *style;
  gint32               first_day;
  gint32               from;
  gint32               to;
  gboolean             cumulative;
  int                  selected;
  char                *search;
  guint                hidden_types;   /* bit per style slot */

  GBytes              *mask;           /* NULL when nothing is filtered out */
  guint                n_filtered;     /* events the filter lets through */
  GArray              *visible;        /* guint32 indices in window and filter */
};

G_DEFINE_FINAL_TYPE (ChronomapViewModel, chronomap_view_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STYLE,
  PROP_FROM,
  PROP_TO,
  PROP_VISIBLE_FROM,
  PROP_CUMULATIVE,
  PROP_SELECTED,
  PROP_SEARCH,
  PROP_HIDDEN_TYPES,
  PROP_MASK,
  PROP_N_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  VISIBLE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Is @needle (folded) the initials of @folded's words, or of a run of
 * them: "sdf" for "syrian democratic forces", "hts" for "hayat tahrir
 * al-sham", the small words ("of", "al") left out?  Reports use the
 * acronym, data sets the full name. */
static gboolean
initials_match (const char *folded,
                const char *needle)
{
  static const char * const small[] = { "of", "the", "and", "for", "al", "el", "de", "du", "la", "le", NULL };
  g_autoptr(GString) initials = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  gsize n = strlen (needle);

  if (n < 2 || n > 6)
    return FALSE;
  for (const char *c = needle; *c != '\0'; c++)
    if (!g_ascii_isalpha (*c))
      return FALSE;
  words = g_strsplit_set (folded, " -'’()/", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_isalpha (words[i][0]) && !g_strv_contains (small, words[i]))
      g_string_append_c (initials, words[i][0]);
  /* two letters name a whole name ("is"), not a part of one */
  return n == 2 ? g_str_equal (initials->str, needle) : strstr (initials->str, needle) != NULL;
}

static gboolean
string_matches (ChronomapEventStore *store,
                guint32              id,
                const char          *needle,
                GHashTable          *memo)
{
  gpointer cached;
  g_autofree char *folded = NULL;
  const char *text;
  gboolean match;

  if (id == 0)
    return FALSE;
  if (g_hash_table_lookup_extended (memo, GUINT_TO_POINTER (id), NULL, &cached))
    return GPOINTER_TO_INT (cached);

  text = chronomap_event_store_get_string (store, id);
  folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;
  match = folded != NULL && (strstr (folded, needle) != NULL || initials_match (folded, needle));
  g_hash_table_insert (memo, GUINT_TO_POINTER (id), GINT_TO_POINTER (match));
  return match;
}

/* The filter is one byte per event so every view applies it the same way
 * without knowing what it is made of. */
static void
update_mask (ChronomapViewModel *self)
{
  const ChronomapEvent *events;
  g_autofree char *needle = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) memos = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  guint n_events = 0;
  guint8 *mask;

  g_clear_pointer (&self->mask, g_bytes_unref);
  self->n_filtered = self->store != NULL ? chronomap_event_store_get_n_events (self->store) : 0;

  if (self->store == NULL || ((self->search == NULL || *self->search == '\0') && self->hidden_types == 0))
    return;

  events = chronomap_event_store_get_events (self->store, &n_events);
  /* "sna sdf" finds "SNA" against "SDF": each word somewhere in the
   * event's type, actors or place, or the initials of one ("SDF" finds
   * "Syrian Democratic Forces") */
  if (self->search != NULL && *self->search != '\0')
    {
      needle = g_utf8_casefold (self->search, -1);
      words = g_strsplit_set (g_strstrip (needle), " \t", -1);
      for (guint w = 0; words[w] != NULL; w++)
        g_ptr_array_add (memos, g_hash_table_new (NULL, NULL));
    }
  mask = g_malloc (MAX (n_events, 1));
  self->n_filtered = 0;

  for (guint i = 0; i < n_events; i++)
    {
      const ChronomapEvent *e = &events[i];
      gboolean keep = TRUE;

      if (self->hidden_types != 0 && self->style != NULL &&
          (self->hidden_types & (1u << chronomap_event_style_get_slot (self->style, e->event_type))))
        keep = FALSE;

      for (guint w = 0; keep && words != NULL && words[w] != NULL; w++)
        {
          GHashTable *memo = g_ptr_array_index (memos, w);

          if (words[w][0] == '\0')
            continue;
          keep = string_matches (self->store, e->event_type, words[w], memo) ||
                 string_matches (self->store, e->sub_event_type, words[w], memo) ||
                 string_matches (self->store, e->actor1, words[w], memo) ||
                 string_matches (self->store, e->actor2, words[w], memo) ||
                 string_matches (self->store, e->location, words[w], memo);
        }

      mask[i] = keep;
      self->n_filtered += keep;
    }

  self->mask = g_bytes_new_take (mask, MAX (n_events, 1));
}

static void
update_visible (ChronomapViewModel *self)
{
  g_autoptr(GArray) in_window = NULL;
  const guint8 *mask = NULL;
  guint old = self->visible->len;

  g_array_set_size (self->visible, 0);
  if (self->store != NULL)
    {
      in_window = chronomap_event_store_query (self->store, chronomap_view_model_get_visible_from (self),
                                               self->to);
      if (self->mask != NULL)
        mask = g_bytes_get_data (self->mask, NULL);
      for (guint k = 0; k < in_window->len; k++)
        {
          guint32 i = g_array_index (in_window, guint32, k);

          if (mask == NULL || mask[i])
            g_array_append_val (self->visible, i);
        }
    }

  /* An event the window or the filters no longer show is no longer
   * picked: its details must not stay beside a map without it. */
  if (self->selected >= 0)
    {
      gboolean shown = FALSE;

      for (guint k = 0; k < self->visible->len && !shown; k++)
        shown = g_array_index (self->visible, guint32, k) == (guint32) self->selected;
      if (!shown)
        {
          self->selected = -1;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
        }
    }

  if (old != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
  g_signal_emit (self, signals[VISIBLE_CHANGED], 0);
}

static void
chronomap_view_model_dispose (GObject *object)
{
  ChronomapViewModel *self = CHRONOMAP_VIEW_MODEL (object);

  g_clear_object (&self->store);
  g_clear_object (&self->style);
  g_clear_pointer (&self->mask, g_bytes_unref);

  G_OBJECT_CLASS (chronomap_view_model_parent_class)->dispose (object);
}

static void
chronomap_view_model_finalize (GObject *object)
{
  ChronomapViewModel *self = CHRONOMAP_VIEW_MODEL (object);

  g_free (self->search);
  g_array_unref (self->visible);

  G_OBJECT_CLASS (chronomap_view_model_parent_class)->finalize (object);
}

static void
chronomap_view_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChronomapViewModel *self = CHRONOMAP_VIEW_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STYLE:
      g_value_set_object (value, self->style);
      break;
    case PROP_FROM:
      g_value_set_int (value, self->from);
      break;
    case PROP_TO:
      g_value_set_int (value, self->to);
      break;
    case PROP_VISIBLE_FROM:
      g_value_set_int (value, chronomap_view_model_get_visible_from (self));
      break;
    case PROP_CUMULATIVE:
      g_value_set_boolean (value, self->cumulative);
      break;
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_HIDDEN_TYPES:
      g_value_set_uint (value, self->hidden_types);
      break;
    case PROP_MASK:
      g_value_set_boxed (value, self->mask);
      break;
    case PROP_N_VISIBLE:
      g_value_set_uint (value, self->visible->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronomap_view_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChronomapViewModel *self = CHRONOMAP_VIEW_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      chronomap_view_model_set_store (self, g_value_get_object (value));
      break;
    case PROP_FROM:
      chronomap_view_model_set_window (self, g_value_get_int (value), self->to);
      break;
    case PROP_TO:
      chronomap_view_model_set_window (self, self->from, g_value_get_int (value));
      break;
    case PROP_CUMULATIVE:
      chronomap_view_model_set_cumulative (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED:
      chronomap_view_model_set_selected (self, g_value_get_int (value));
      break;
    case PROP_SEARCH:
      chronomap_view_model_set_search (self, g_value_get_string (value));
      break;
    case PROP_HIDDEN_TYPES:
      chronomap_view_model_set_hidden_types (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronomap_view_model_class_init (ChronomapViewModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chronomap_view_model_dispose;
  object_class->finalize = chronomap_view_model_finalize;
  object_class->get_property = chronomap_view_model_get_property;
  object_class->set_property = chronomap_view_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CHRONOMAP_TYPE_EVENT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STYLE] =
    g_param_spec_object ("style", NULL, NULL, CHRONOMAP_TYPE_EVENT_STYLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROM] =
    g_param_spec_int ("from", NULL, NULL, G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TO] =
    g_param_spec_int ("to", NULL, NULL, G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_FROM] =
    g_param_spec_int ("visible-from", NULL, NULL, G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUMULATIVE] =
    g_param_spec_boolean ("cumulative", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDDEN_TYPES] =
    g_param_spec_uint ("hidden-types", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MASK] =
    g_param_spec_boxed ("mask", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_VISIBLE] =
    g_param_spec_uint ("n-visible", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronomapViewModel::visible-changed:
   *
   * The set of events in the window and the filter changed (it may have
   * kept its size); emitted after the property notifications.
   */
  signals[VISIBLE_CHANGED] =
    g_signal_new ("visible-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
chronomap_view_model_init (ChronomapViewModel *self)
{
  self->selected = -1;
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint32));
}

ChronomapViewModel *
chronomap_view_model_new (void)
{
  return g_object_new (CHRONOMAP_TYPE_VIEW_MODEL, NULL);
}

ChronomapEventStore *
chronomap_view_model_get_store (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), NULL);
  return self->store;
}

/**
 * chronomap_view_model_set_store:
 * @store: (nullable): the events to show
 *
 * Shows @store; the window starts on its last month with events, where a
 * report usually ends, so the first thing seen is the latest situation.
 */
void
chronomap_view_model_set_store (ChronomapViewModel  *self,
                                ChronomapEventStore *store)
{
  gint32 first = 0, last = 0;

  g_return_if_fail (CHRONOMAP_IS_VIEW_MODEL (self));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->style);
  self->style = chronomap_event_style_new (store);
  self->selected = -1;
  self->hidden_types = 0;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_TYPES]);
  update_mask (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASK]);
  if (store != NULL && chronomap_event_store_get_range (store, &first, &last))
    {
      int y, m, d;

      self->first_day = first;
      chronomap_date_to_ymd (last, &y, &m, &d);
      self->from = chronomap_date_from_ymd (y, m, 1);
      self->to = self->from + chronomap_date_days_in_month (y, m) - 1;
    }
  else
    {
      self->first_day = 0;
      self->from = 0;
      self->to = 0;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_FROM]);
  g_object_thaw_notify (G_OBJECT (self));

  update_visible (self);
}

ChronomapEventStyle *
chronomap_view_model_get_style (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), NULL);
  return self->style;
}

/**
 * chronomap_view_model_set_window:
 * @from: first day
 * @to: last day, inclusive
 */
void
chronomap_view_model_set_window (ChronomapViewModel *self,
                                 gint32              from,
                                 gint32              to)
{
  gboolean from_changed, to_changed;

  g_return_if_fail (CHRONOMAP_IS_VIEW_MODEL (self));

  to = MAX (from, to);
  from_changed = from != self->from;
  to_changed = to != self->to;
  if (!from_changed && !to_changed)
    return;

  self->from = from;
  self->to = to;
  /* Both are set before either is notified (from, then to), and the
   * visible set is recomputed after both: visible-changed comes last. */
  if (from_changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
      if (!self->cumulative)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_FROM]);
    }
  if (to_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
  update_visible (self);
}

gint32
chronomap_view_model_get_from (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), 0);
  return self->from;
}

gint32
chronomap_view_model_get_to (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), 0);
  return self->to;
}

/**
 * chronomap_view_model_get_visible_from:
 *
 * Returns: the first day of the events shown: the window's, or in
 *   cumulative mode the first event's
 */
gint32
chronomap_view_model_get_visible_from (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), 0);
  return self->cumulative ? MIN (self->first_day, self->to) : self->from;
}

gboolean
chronomap_view_model_get_cumulative (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), FALSE);
  return self->cumulative;
}

void
chronomap_view_model_set_cumulative (ChronomapViewModel *self,
                                     gboolean            cumulative)
{
  g_return_if_fail (CHRONOMAP_IS_VIEW_MODEL (self));

  cumulative = !!cumulative;
  if (self->cumulative == cumulative)
    return;

  self->cumulative = cumulative;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUMULATIVE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_FROM]);
  update_visible (self);
}

int
chronomap_view_model_get_selected (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), -1);
  return self->selected;
}

void
chronomap_view_model_set_selected (ChronomapViewModel *self,
                                   int                 selected)
{
  g_return_if_fail (CHRONOMAP_IS_VIEW_MODEL (self));

  if (self->store == NULL || selected < 0 ||
      (guint) selected >= chronomap_event_store_get_n_events (self->store))
    selected = -1;
  if (self->selected == selected)
    return;

  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

const char *
chronomap_view_model_get_search (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), NULL);
  return self->search;
}

/**
 * chronomap_view_model_set_search:
 * @search: (nullable): text to find in the type, actors or place; %NULL,
 *   or text without a word (spaces), for no search
 */
void
chronomap_view_model_set_search (ChronomapViewModel *self,
                                 const char         *search)
{
  g_return_if_fail (CHRONOMAP_IS_VIEW_MODEL (self));

  /* without a word it finds everything: no search */
  if (search != NULL && search[strspn (search, " \t\n\r\f\v")] == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);

  update_mask (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASK]);
  update_visible (self);
}

guint
chronomap_view_model_get_hidden_types (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), 0);
  return self->hidden_types;
}

/**
 * chronomap_view_model_set_hidden_types:
 * @hidden_slots: a bit per colour slot of the style, set to hide its events
 */
void
chronomap_view_model_set_hidden_types (ChronomapViewModel *self,
                                       guint               hidden_slots)
{
  g_return_if_fail (CHRONOMAP_IS_VIEW_MODEL (self));

  if (self->hidden_types == hidden_slots)
    return;

  self->hidden_types = hidden_slots;
  update_mask (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_TYPES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASK]);
  update_visible (self);
}

/**
 * chronomap_view_model_get_mask:
 *
 * Returns: (transfer none) (nullable): one byte per event, zero for those
 *   the filter hides; %NULL when nothing is hidden
 */
GBytes *
chronomap_view_model_get_mask (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), NULL);
  return self->mask;
}

/**
 * chronomap_view_model_get_visible:
 *
 * Returns: (transfer none) (element-type guint32): the events in the window
 *   that pass the filter, placed or not, in time order
 */
const GArray *
chronomap_view_model_get_visible (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), NULL);
  return self->visible;
}

guint
chronomap_view_model_get_n_visible (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), 0);
  return self->visible->len;
}

/**
 * chronomap_view_model_get_n_filtered:
 *
 * Returns: the number of events of the whole file that pass the filter
 */
guint
chronomap_view_model_get_n_filtered (ChronomapViewModel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_VIEW_MODEL (self), 0);
  return self->n_filtered;
}
