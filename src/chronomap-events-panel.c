/* chronomap-events-panel.c: the time window's events, listed, and the one picked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's side panel: the events the view model shows, newest
 * first, or those of a cluster clicked on the map; under them, the
 * details of the event selected.  It follows the view model (its visible
 * events, its selection) and tells it which row was picked; the window
 * gives it the places found, and the clusters the map reports.
 */
#define G_LOG_DOMAIN "chronomap-events-panel"

#include "config.h"

#include "chronomap-events-panel.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "chronomap-bidi.h"
#include "chronomap-date-label.h"
#include "chronomap-event-item.h"
#include "chronomap-event-list-model.h"
#include "chronomap-event-type-label.h"

struct _ChronomapEventsPanel
{
  GtkBox                   parent_instance;

  ChronomapViewModel      *model;
  GPtrArray               *placements;          /* ChronomapPlacement, held */
  GHashTable              *placement_by_name;   /* location → one of them */
  ChronomapEventListModel *list_model;
  GtkSingleSelection      *selection;
  GArray                  *picked;   /* guint32, sorted: a clicked cluster's events */
  guint                    rebuild_id;
  guint                    rebuild_late_id;   /* the same, if the idle waits too long */
  gboolean                 updating;

  /* Template widgets */
  GtkWidget               *picked_bar;
  GtkLabel                *picked_label;
  GtkStack                *list_stack;
  GtkDropDown             *order_dropdown;
  GtkListView             *event_list;
  AdwStatusPage           *empty_page;
  GtkWidget               *details_separator;
  GtkWidget               *details_scroller;
  ChronomapDetailsPanel   *details_panel;
};

G_DEFINE_FINAL_TYPE (ChronomapEventsPanel, chronomap_events_panel, GTK_TYPE_BOX)

static ChronomapEventStore *
store_of (ChronomapEventsPanel *self)
{
  return self->model != NULL ? chronomap_view_model_get_store (self->model) : NULL;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ChronomapEventsPanel     *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *dot_label = gtk_label_new (NULL);
  GtkWidget *title_label = gtk_label_new (NULL);
  GtkWidget *subtitle_label = gtk_label_new (NULL);

  gtk_widget_set_valign (dot_label, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_widget_add_css_class (subtitle_label, "caption");

  gtk_box_append (GTK_BOX (text), title_label);
  gtk_box_append (GTK_BOX (text), subtitle_label);
  gtk_box_append (GTK_BOX (box), dot_label);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (list_item, box);
}

/* A row's second line: "10 Mar 2019 · 41 killed · Syrian Democratic
 * Forces", and "not on the map" for an event that is not. */
static char *
row_subtitle (ChronomapEventStore  *store,
              const ChronomapEvent *e)
{
  g_autofree char *date = e->end > e->start && e->date_precision == CHRONOMAP_DATE_PRECISION_DAY
                            ? chronomap_date_range_label (e->start, e->end)
                            : chronomap_date_label (e->start, e->date_precision);
  const char *actor1_text = chronomap_event_store_get_string (store, e->actor1);
  /* each part isolated: in an Arabic window a Latin date or name must
   * not lend its digits to the next part ("March 2018 · IS 2") */
  g_autofree char *when = chronomap_bidi_isolate (date);
  g_autofree char *actor1 = chronomap_bidi_isolate (actor1_text);
  gboolean has_actor = actor1_text != NULL && *actor1_text != '\0';
  char *subtitle;

  if (e->fatalities > 0 && has_actor)
    /* Translators: a list row's second line, "10 Mar 2019 · 41 killed · Syrian
     * Democratic Forces": the actor last, where a narrow list cuts it */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d killed · %s", "%s · %d killed · %s",
                                             e->fatalities),
                                when, e->fatalities, actor1);
  else if (e->fatalities > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d killed", "%s · %d killed",
                                             e->fatalities),
                                when, e->fatalities);
  else if (has_actor)
    subtitle = g_strdup_printf ("%s · %s", when, actor1);
  else
    subtitle = g_strdup (when);

  /* said in the row, not only in its tooltip */
  if (isnan (e->latitude))
    {
      g_autofree char *placed = subtitle;

      /* Translators: a list row's second line for an event the map cannot show */
      subtitle = g_strdup_printf (_("%s · not on the map"), placed);
    }
  return subtitle;
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             ChronomapEventsPanel     *self)
{
  ChronomapEventStore *store = store_of (self);
  ChronomapEventStyle *style = chronomap_view_model_get_style (self->model);
  guint32 index = chronomap_event_item_get_index (gtk_list_item_get_item (list_item));
  const ChronomapEvent *e = chronomap_event_store_get_event (store, index);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *dot_label = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (dot_label);
  GtkWidget *title_label = gtk_widget_get_first_child (text);
  GtkWidget *subtitle_label = gtk_widget_get_next_sibling (title_label);
  g_autofree char *dot = chronomap_event_style_dot_markup (style, chronomap_event_style_get_slot (style,
                                                                                               e->event_type));
  const char *type = chronomap_event_type_label (chronomap_event_store_get_string (store, e->event_type));
  const char *place = chronomap_event_store_get_string (store, e->location);
  g_autofree char *title = g_strdup_printf ("%s · \u2068%s\u2069", type != NULL ? type : "",
                                            place != NULL && *place != '\0' ? place : _("Unknown place"));
  g_autofree char *subtitle = row_subtitle (store, e);

  gtk_label_set_markup (GTK_LABEL (dot_label), dot);
  gtk_label_set_label (GTK_LABEL (title_label), title);
  gtk_label_set_label (GTK_LABEL (subtitle_label), subtitle);
  gtk_widget_set_tooltip_text (box, isnan (e->latitude) ? _("Not on the map: the place could not be found")
                                    : e->guessed ? _("Placed by a guess: check its place")
                                    : NULL);
}

static void
select_row_for_selection (ChronomapEventsPanel *self)
{
  int selected = chronomap_view_model_get_selected (self->model);
  guint position = selected >= 0 ? chronomap_event_list_model_find (self->list_model, selected)
                                 : GTK_INVALID_LIST_POSITION;

  self->updating = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->updating = FALSE;
  /* gtk_list_view_scroll_to() is GTK 4.12; the list's own action does it. */
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->event_list), "list.scroll-to-item", "u", position);
}

/* "No Events" says it all: under it, "No Event Selected" and "Click an
 * event" asked for what is not there. */
static void
update_details_shown (ChronomapEventsPanel *self)
{
  gboolean shown = chronomap_view_model_get_selected (self->model) >= 0 ||
                   g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "list") == 0;

  gtk_widget_set_visible (self->details_separator, shown);
  gtk_widget_set_visible (self->details_scroller, shown);
}

static void
update_details (ChronomapEventsPanel *self)
{
  ChronomapEventStore *store = store_of (self);
  int selected = chronomap_view_model_get_selected (self->model);
  const ChronomapPlacement *placement = NULL;

  if (store != NULL && selected >= 0 && self->placement_by_name != NULL)
    {
      const ChronomapEvent *e = chronomap_event_store_get_event (store, selected);
      const char *place = chronomap_event_store_get_string (store, e->location);

      if (place != NULL)
        placement = g_hash_table_lookup (self->placement_by_name, place);
    }
  chronomap_details_panel_show_event (self->details_panel, store, selected, placement);
}

static int
compare_index (gconstpointer a,
               gconstpointer b)
{
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;

  return (ia > ib) - (ia < ib);
}

/* Of @visible, the events of the cluster clicked last, in order. */
static GArray *
picked_of (ChronomapEventsPanel *self,
           const GArray         *visible)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint k = 0; k < visible->len; k++)
    {
      guint32 i = g_array_index (visible, guint32, k);

      if (bsearch (&i, self->picked->data, self->picked->len, sizeof (guint32), compare_index) != NULL)
        g_array_append_val (out, i);
    }
  return out;
}

static void
forget_picked (ChronomapEventsPanel *self)
{
  g_clear_pointer (&self->picked, g_array_unref);
  gtk_widget_set_visible (self->picked_bar, FALSE);
}

/* The empty list's words: a search that found events in other periods
 * says where to go. */
static void
describe_empty (ChronomapEventsPanel *self,
                guint                 n_shown)
{
  guint found = chronomap_view_model_get_n_filtered (self->model);
  const char *search = chronomap_view_model_get_search (self->model);
  g_autofree char *text = NULL;

  if (n_shown == 0 && found > 0 && search != NULL && search[0] != '\0')
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The search finds %u event in other periods: Enter goes to it.",
                                         "The search finds %u events in other periods: Enter goes to the "
                                         "next.", found),
                            found);
  adw_status_page_set_description (self->empty_page,
                                   text != NULL ? text
                                                : _("Nothing happened in this window, or the filter hides it."));
}

static gboolean
rebuild_cb (gpointer user_data)
{
  ChronomapEventsPanel *self = user_data;
  ChronomapEventStore *store = store_of (self);
  const GArray *visible = &(GArray) { NULL, 0 };
  g_autoptr(GArray) picked = NULL;

  g_clear_handle_id (&self->rebuild_late_id, g_source_remove);

  if (store != NULL)
    visible = chronomap_view_model_get_visible (self->model);
  if (self->picked != NULL && store != NULL)
    {
      picked = picked_of (self, visible);
      if (picked->len > 0)
        visible = picked;
      else
        forget_picked (self);
    }

  self->updating = TRUE;
  /* the events of the file shown now: its deaths and places order them */
  chronomap_event_list_model_set_order (self->list_model, store,
                                        chronomap_event_list_model_get_order (self->list_model));
  chronomap_event_list_model_set (self->list_model, visible);
  self->updating = FALSE;
  gtk_stack_set_visible_child_name (self->list_stack, visible->len > 0 ? "list" : "empty");
  describe_empty (self, visible->len);
  select_row_for_selection (self);
  update_details_shown (self);
  return G_SOURCE_REMOVE;
}

/* Another order picked: the same events, in it, the selection kept in
 * sight. */
static void
order_selected_cb (ChronomapEventsPanel *self)
{
  guint k = gtk_drop_down_get_selected (self->order_dropdown);

  if (k == GTK_INVALID_LIST_POSITION)
    return;
  self->updating = TRUE;
  chronomap_event_list_model_set_order (self->list_model, store_of (self), (ChronomapEventOrder) k);
  self->updating = FALSE;
  select_row_for_selection (self);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  ChronomapEventsPanel *self = user_data;

  self->rebuild_id = 0;
  return rebuild_cb (self);
}

/* A drag of the time window keeps the main loop too busy for idles: the
 * list would show the window of before until the button is let go. */
static gboolean
rebuild_late_cb (gpointer user_data)
{
  ChronomapEventsPanel *self = user_data;

  self->rebuild_late_id = 0;
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_late_id, g_source_remove);
  return rebuild_cb (self);
}

static void
queue_rebuild (ChronomapEventsPanel *self)
{
  /* Playback moves the window every frame: the list follows once per idle
   * (only the rows on screen are bound again), or at least five times a
   * second while a drag leaves no idle time. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rebuild_idle_cb, self, NULL);
  if (self->rebuild_late_id == 0)
    self->rebuild_late_id = g_timeout_add (200, rebuild_late_cb, self);
}

/* The list is every event of the time window again. */
static void
clear_picked (ChronomapEventsPanel *self)
{
  if (self->picked == NULL)
    return;
  forget_picked (self);
  queue_rebuild (self);
}

static void
picked_show_all_cb (ChronomapEventsPanel *self)
{
  clear_picked (self);
}

static void
visible_changed_cb (ChronomapEventsPanel *self)
{
  clear_picked (self);
  queue_rebuild (self);
}

static void
selected_changed_cb (ChronomapEventsPanel *self)
{
  select_row_for_selection (self);
  update_details (self);
  update_details_shown (self);
}

static void
row_selected_cb (ChronomapEventsPanel *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (self->updating || position == GTK_INVALID_LIST_POSITION)
    return;

  chronomap_view_model_set_selected (self->model,
                                     chronomap_event_list_model_get_index (self->list_model, position));
}

/* Tab leaves the list for the next widget, Shift+Tab for the one before:
 * GTK 4.8's list view takes Tab to its next row, and a list of a thousand
 * events held the keyboard for a thousand presses (4.12's tab-behavior
 * does this).  The list stops taking focus for as long as the window
 * moves it on. */
static void
leave_list_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChronomapEventsPanel *self = CHRONOMAP_EVENTS_PANEL (widget);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  GtkDirectionType direction = g_variant_get_boolean (parameter) ? GTK_DIR_TAB_BACKWARD
                                                                 : GTK_DIR_TAB_FORWARD;

  gtk_widget_set_can_focus (GTK_WIDGET (self->event_list), FALSE);
  if (!gtk_widget_child_focus (root, direction))
    gtk_widget_child_focus (root, direction);
  gtk_widget_set_can_focus (GTK_WIDGET (self->event_list), TRUE);
}

/* Tab and Shift+Tab on the list, before its own handling of them. */
static void
add_leave_keys (ChronomapEventsPanel *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Tab, 0),
                      gtk_named_action_new ("events.leave-list")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_ISO_Left_Tab,
                                                                           GDK_SHIFT_MASK),
                                                   gtk_keyval_trigger_new (GDK_KEY_Tab, GDK_SHIFT_MASK)),
                      gtk_named_action_new ("events.leave-list")));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (keys), i);

      gtk_shortcut_set_arguments (shortcut, g_variant_new_boolean (i == 1));
    }
  gtk_widget_add_controller (GTK_WIDGET (self->event_list), keys);
}

static void
chronomap_events_panel_dispose (GObject *object)
{
  ChronomapEventsPanel *self = CHRONOMAP_EVENTS_PANEL (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_late_id, g_source_remove);
  g_clear_pointer (&self->picked, g_array_unref);
  g_clear_pointer (&self->placement_by_name, g_hash_table_unref);
  g_clear_pointer (&self->placements, g_ptr_array_unref);
  g_clear_object (&self->model);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONOMAP_TYPE_EVENTS_PANEL);

  g_clear_object (&self->selection);
  g_clear_object (&self->list_model);

  G_OBJECT_CLASS (chronomap_events_panel_parent_class)->dispose (object);
}

static void
chronomap_events_panel_class_init (ChronomapEventsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronomap_events_panel_dispose;

  g_type_ensure (CHRONOMAP_TYPE_DETAILS_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronomap/Chronomap/chronomap-events-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronomapEventsPanel, picked_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronomapEventsPanel, picked_label);
  gtk_widget_class_bind_template_child (widget_class, ChronomapEventsPanel, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ChronomapEventsPanel, order_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, order_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, ChronomapEventsPanel, event_list);
  gtk_widget_class_bind_template_child (widget_class, ChronomapEventsPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ChronomapEventsPanel, details_separator);
  gtk_widget_class_bind_template_child (widget_class, ChronomapEventsPanel, details_scroller);
  gtk_widget_class_bind_template_child (widget_class, ChronomapEventsPanel, details_panel);
  /* no field: the button has its callback; bound for tests to find */
  gtk_widget_class_bind_template_child_full (widget_class, "picked_show_all", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, picked_show_all_cb);
  gtk_widget_class_install_action (widget_class, "events.leave-list", "b", leave_list_action_cb);
}

static void
chronomap_events_panel_init (ChronomapEventsPanel *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->list_model = chronomap_event_list_model_new ();
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->list_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->event_list, factory);
  gtk_list_view_set_model (self->event_list, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (factory);
  add_leave_keys (self);
}

/**
 * chronomap_events_panel_set_model:
 * @model: the view model whose visible events and selection the panel shows
 *
 * Set once: the panel follows @model from then on.
 */
void
chronomap_events_panel_set_model (ChronomapEventsPanel *self,
                                  ChronomapViewModel   *model)
{
  g_return_if_fail (CHRONOMAP_IS_EVENTS_PANEL (self));
  g_return_if_fail (CHRONOMAP_IS_VIEW_MODEL (model));
  g_return_if_fail (self->model == NULL);

  self->model = g_object_ref (model);
  g_signal_connect_object (model, "visible-changed", G_CALLBACK (visible_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::selected", G_CALLBACK (selected_changed_cb), self,
                           G_CONNECT_SWAPPED);
  queue_rebuild (self);
}

/**
 * chronomap_events_panel_set_placements:
 * @placements: (nullable) (element-type ChronomapPlacement): the places
 *   found, held by the panel; %NULL before they are
 *
 * The places moved: the details say where the event is now, and a
 * cluster's events are not where they were.
 */
void
chronomap_events_panel_set_placements (ChronomapEventsPanel *self,
                                       GPtrArray            *placements)
{
  g_return_if_fail (CHRONOMAP_IS_EVENTS_PANEL (self));

  if (placements != NULL)
    g_ptr_array_ref (placements);
  g_clear_pointer (&self->placement_by_name, g_hash_table_unref);
  g_clear_pointer (&self->placements, g_ptr_array_unref);
  self->placements = placements;
  if (placements != NULL)
    {
      self->placement_by_name = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < placements->len; i++)
        {
          ChronomapPlacement *p = g_ptr_array_index (placements, i);

          g_hash_table_insert (self->placement_by_name, p->name, p);
        }
    }
  if (self->model == NULL)
    return;
  update_details (self);
  clear_picked (self);
  queue_rebuild (self);
}

/**
 * chronomap_events_panel_show_picked:
 * @events: (element-type guint32): the events of a cluster clicked on the map
 * @representative: the newest of them, whose place names the list when
 *   several places are as common
 *
 * The list is @events, until the time window or the filters change or
 * another marker is clicked.  Its events need not be at one place
 * ("around"), and are often far apart in the window's list.  A single
 * event (or none) lists the whole window again.
 */
void
chronomap_events_panel_show_picked (ChronomapEventsPanel *self,
                                    GArray               *events,
                                    guint                 representative)
{
  ChronomapEventStore *store;
  const char *place;
  g_autofree char *text = NULL;

  g_return_if_fail (CHRONOMAP_IS_EVENTS_PANEL (self));
  g_return_if_fail (events != NULL);

  store = store_of (self);
  if (events->len < 2 || store == NULL)
    {
      clear_picked (self);
      return;
    }

  g_clear_pointer (&self->picked, g_array_unref);
  self->picked = g_array_sized_new (FALSE, FALSE, sizeof (guint32), events->len);
  g_array_append_vals (self->picked, events->data, events->len);
  g_array_sort (self->picked, compare_index);

  /* named after the place most of them happened at, as its tooltip is */
  place = chronomap_event_store_get_string (store,
                                            chronomap_event_store_main_location (store,
                                                                                 (const guint32 *) events->data,
                                                                                 events->len,
                                                                                 representative));
  /* Translators: above the events panel's list when a cluster of the map
   * was clicked: "8 events around Baghouz" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event around %s", "%u events around %s",
                                       events->len),
                          events->len, place != NULL && *place != '\0' ? place : _("Unknown place"));
  gtk_label_set_label (self->picked_label, text);
  gtk_widget_set_visible (self->picked_bar, TRUE);
  queue_rebuild (self);
}

/**
 * chronomap_events_panel_get_selection:
 *
 * Returns: (transfer none): the events as listed, newest first, with the
 *   list's selection
 */
GtkSingleSelection *
chronomap_events_panel_get_selection (ChronomapEventsPanel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENTS_PANEL (self), NULL);
  return self->selection;
}

/**
 * chronomap_events_panel_get_details:
 *
 * Returns: (transfer none): the selected event's details, under the list
 */
ChronomapDetailsPanel *
chronomap_events_panel_get_details (ChronomapEventsPanel *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENTS_PANEL (self), NULL);
  return self->details_panel;
}
