/* chronomap-places-dialog.c: Places to Check, the names the map lacks or guessed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two lists of a file's locations: those placed by a guess, on the map
 * and perhaps wrong, and those the gazetteers did not find (their events
 * stay in the list and on the timeline, not on the map).  Each list
 * has the places of most events first, and a file of hundreds of them
 * gets a search entry.  A row is activated to go to the place's first
 * event, where a guess can be put right; the dialog then closes, so that
 * the event's details show.  Its "add" response asks the window for a
 * gazetteer of the region.
 */
#define G_LOG_DOMAIN "chronomap-places-dialog"

#include "config.h"

#include "chronomap-places-dialog.h"

#include <string.h>

#include <glib/gi18n.h>

#include "chronomap-placement.h"

/* the most of a screen the lists take before they scroll */
#define MAX_LIST_HEIGHT 420
/* more places than this, and they can be searched */
#define SEARCH_FROM 12

struct _ChronomapPlacesDialog
{
  AdwMessageDialog   parent_instance;

  GtkScrolledWindow *scroller;
  GtkBox            *groups;
  GtkSearchEntry    *search;
  GtkWidget         *no_match;  /* said when the search keeps no row */
  GPtrArray         *rows;     /* every place's row, to search */
};

G_DEFINE_FINAL_TYPE (ChronomapPlacesDialog, chronomap_places_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  PLACE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
row_activated_cb (AdwActionRow          *row,
                  ChronomapPlacesDialog *self)
{
  const char *location = g_object_get_data (G_OBJECT (row), "location");

  g_signal_emit (self, signals[PLACE_ACTIVATED], 0, location);
  /* not from within the row's own signal: closing frees the list */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

/* @text as a search compares it: without case or accents ("Ḩamrā’"
 * found by "hamra"). */
static char *
search_key (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *c = decomposed != NULL ? decomposed : ""; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (g_unichar_type (u) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, u);
    }
  return g_utf8_casefold (bare->str, -1);
}

/* Places of more events first, then by name. */
static int
compare_placements (gconstpointer a,
                    gconstpointer b)
{
  const ChronomapPlacement *pa = *(ChronomapPlacement * const *) a;
  const ChronomapPlacement *pb = *(ChronomapPlacement * const *) b;

  if (pa->n_events != pb->n_events)
    return pa->n_events > pb->n_events ? -1 : 1;
  return g_utf8_collate (pa->name, pb->name);
}

/* A group of the places to check: those of @placements for which @keep
 * holds, places of more events first, each with what @subtitle says of
 * it, and how many places and events in its header; NULL when there are
 * none. */
static GtkWidget *
places_group (ChronomapPlacesDialog *self,
              GPtrArray             *placements,
              const char            *title,
              const char            *description,
              gboolean             (*keep) (const ChronomapPlacement *p),
              char                *(*subtitle) (const ChronomapPlacement *p))
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  GtkWidget *group, *count;
  guint n_events = 0;

  for (guint i = 0; placements != NULL && i < placements->len; i++)
    if (keep (g_ptr_array_index (placements, i)))
      {
        g_ptr_array_add (kept, g_ptr_array_index (placements, i));
        n_events += ((ChronomapPlacement *) g_ptr_array_index (placements, i))->n_events;
      }
  if (kept->len == 0)
    return NULL;
  g_ptr_array_sort (kept, compare_placements);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  {
    g_autofree char *places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u place", "%u places",
                                                            kept->len), kept->len);
    g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events",
                                                            n_events), n_events);
    /* Translators: how many places a list of Places to Check has, and
     * their events: "84 places · 512 events" */
    g_autofree char *text = g_strdup_printf (_("%s · %s"), places, events);

    count = gtk_label_new (text);
    gtk_widget_add_css_class (count, "dim-label");
    gtk_widget_set_valign (count, GTK_ALIGN_END);
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), count);
  }

  for (guint i = 0; i < kept->len; i++)
    {
      ChronomapPlacement *p = g_ptr_array_index (kept, i);
      g_autofree char *text = subtitle (p);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      /* a row opens the first event of the place, where it can be put right */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "location", g_strdup (p->name), g_free);
      /* what a search compares */
      g_object_set_data_full (G_OBJECT (row), "key", search_key (p->name), g_free);
      g_object_set_data (G_OBJECT (row), "group", group);
      g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->rows, row);
    }
  return group;
}

/* Only the places whose names hold what is typed, and only the lists
 * that have any. */
static void
search_changed_cb (GtkSearchEntry        *entry,
                   ChronomapPlacesDialog *self)
{
  g_autofree char *key = search_key (gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  GtkWidget *group = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      gboolean match = strstr (g_object_get_data (G_OBJECT (row), "key"), key) != NULL;

      gtk_widget_set_visible (row, match);
      if (match)
        g_hash_table_add (shown, g_object_get_data (G_OBJECT (row), "group"));
    }
  for (group = gtk_widget_get_first_child (GTK_WIDGET (self->groups)); group != NULL;
       group = gtk_widget_get_next_sibling (group))
    if (group != self->no_match)
      gtk_widget_set_visible (group, g_hash_table_contains (shown, group));
  gtk_widget_set_visible (self->no_match, g_hash_table_size (shown) == 0);
}

/* Enter: the first place the search keeps, as a click on it would. */
static void
search_activated_cb (GtkSearchEntry        *entry,
                     ChronomapPlacesDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (gtk_widget_get_visible (row))
        {
          g_signal_emit_by_name (row, "activated");
          return;
        }
    }
}

/* Esc in the search: what is typed goes, then the dialog, as Esc
 * elsewhere in it closes it. */
static void
stop_search_cb (GtkSearchEntry        *entry,
                ChronomapPlacesDialog *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static char *
unresolved_subtitle (const ChronomapPlacement *p)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", p->n_events),
                          p->n_events);
}

static char *
guess_subtitle (const ChronomapPlacement *p)
{
  g_autofree char *count = unresolved_subtitle (p);

  if (p->area_only)
    /* Translators: a name not found in the area its file gives, put in
     * that area, and how many events name it: "Not found in its area; placed
     * at Al Mayadin, Syria · 3 events" */
    return g_strdup_printf (_("Not found in its area; placed at %s · %s"), p->label, count);
  /* Translators: where a place was put, how sure the geocoder was, and
   * how many events name it: "Masaran, Idlib, Syria, 32% sure · 3 events" */
  return g_strdup_printf (_("%s, %.0f%% sure · %s"), p->label, p->confidence * 100, count);
}

static void
chronomap_places_dialog_finalize (GObject *object)
{
  ChronomapPlacesDialog *self = CHRONOMAP_PLACES_DIALOG (object);

  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (chronomap_places_dialog_parent_class)->finalize (object);
}

static void
chronomap_places_dialog_class_init (ChronomapPlacesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chronomap_places_dialog_finalize;

  /**
   * ChronomapPlacesDialog::place-activated:
   * @location: the place name of the file
   *
   * The analyst asked to see @location's events; the dialog closes.
   */
  signals[PLACE_ACTIVATED] = g_signal_new ("place-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronomap/Chronomap/chronomap-places-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronomapPlacesDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, ChronomapPlacesDialog, groups);
  gtk_widget_class_bind_template_child (widget_class, ChronomapPlacesDialog, search);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
}

static void
chronomap_places_dialog_init (ChronomapPlacesDialog *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * chronomap_places_dialog_new:
 * @parent: the window of the file
 * @placements: (element-type ChronomapPlacement) (nullable): the file's
 *   placements, read now
 *
 * Returns: (transfer floating): the dialog, to present
 */
GtkWidget *
chronomap_places_dialog_new (GtkWindow *parent,
                             GPtrArray *placements)
{
  ChronomapPlacesDialog *self = g_object_new (CHRONOMAP_TYPE_PLACES_DIALOG, "transient-for", parent,
                                              "modal", TRUE, NULL);
  GtkWidget *group;
  int natural = 0;

  /* the guesses first: they are on the map, and may be wrong */
  group = places_group (self, placements, _("Placed by a Guess"),
                        _("Several places share these names, none is spelled quite so, or none was "
                          "found and the events are put in the area their file gives. Check each in "
                          "an event’s details, where another candidate can be picked, the place found "
                          "by hand or left off the map."),
                        chronomap_placement_is_guess, guess_subtitle);
  if (group != NULL)
    gtk_box_append (self->groups, group);
  group = places_group (self, placements, _("Not Found"),
                        _("Not in the gazetteer: their events stay in the list and the timeline, but "
                          "not on the map. A gazetteer of the region (Add a Gazetteer) may have them."),
                        chronomap_placement_is_unresolved, unresolved_subtitle);
  if (group != NULL)
    gtk_box_append (self->groups, group);
  gtk_widget_set_visible (GTK_WIDGET (self->search), self->rows->len > SEARCH_FROM);
  self->no_match = gtk_label_new (_("No place of this file has that name."));
  gtk_widget_add_css_class (self->no_match, "dim-label");
  gtk_widget_set_visible (self->no_match, FALSE);
  gtk_box_append (self->groups, self->no_match);
  if (self->rows->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("Nothing to check: every place of this file was found for sure in "
                                         "the gazetteers, is placed by the file itself, or was placed or left "
                                         "off the map by you."));

      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_label_set_justify (GTK_LABEL (none), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->groups, none);
    }

  /* the dialog would give the lists two rows' height and scroll the
   * rest: room for all, up to the most a screen can give */
  gtk_widget_measure (GTK_WIDGET (self->groups), GTK_ORIENTATION_VERTICAL, 480, NULL, &natural, NULL,
                      NULL);
  gtk_scrolled_window_set_max_content_height (self->scroller, MAX_LIST_HEIGHT);
  gtk_scrolled_window_set_min_content_height (self->scroller, MIN (natural, MAX_LIST_HEIGHT));
  return GTK_WIDGET (self);
}
