/* chronomap-place-search.c: a place found by hand, for a name the geocoder missed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The popover of the event details' Find the Place button.  The analyst
 * types the place as a gazetteer may spell it ("Lataminah" for UCDP's
 * "Al Lataminah town"), or its coordinates read off another map, and
 * picks one of the places that gives: ::place-found, which the details
 * hand on to the window to remember for the file.  The gazetteers are
 * opened when the popover first shows, with the analyst's own added
 * since.
 */
#define G_LOG_DOMAIN "chronomap-place-search"

#include "config.h"

#include "chronomap-place-search.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "chronomap-gazetteer.h"
#include "chronomap-geocoder.h"

/* places offered for a name, best first */
#define MAX_FOUND 8
/* how far from typed coordinates a town names where they are */
#define NEAR_KM 50.0

struct _ChronomapPlaceSearch
{
  GtkPopover          parent_instance;

  char               *country;    /* the event's, whose places come first */
  char               *name;       /* the file's name for the place */
  ChronomapGeocoder  *geocoder;   /* while shown */
  GPtrArray          *found;      /* of ChronomapPlaceCandidate, as listed */
  char               *searched;   /* the text they were found for */

  /* Template widgets */
  GtkLabel           *heading;
  GtkSearchEntry     *entry;
  GtkLabel           *hint;
  GtkListBox         *results;
};

G_DEFINE_FINAL_TYPE (ChronomapPlaceSearch, chronomap_place_search, GTK_TYPE_POPOVER)

enum
{
  PLACE_FOUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How a place's row says where it is and where it comes from: namesakes
 * of one governorate apart by their points. */
static char *
found_subtitle (ChronomapPlaceSearch          *self,
                const ChronomapPlaceCandidate *c)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *source = NULL;

  /* where typed coordinates are, so that a latitude and a longitude
   * swapped, or a digit wrong, show before the pick */
  if (c->source == NULL)
    {
      double km = 0;
      g_autoptr(ChronomapGazetteerEntry) near =
        chronomap_geocoder_nearest_place (self->geocoder, c->latitude, c->longitude, NEAR_KM, &km);
      g_autofree char *place = NULL;

      if (near == NULL)
        /* Translators: typed coordinates with no town within 50 km */
        return g_strdup (_("Coordinates, far from any town the gazetteers know"));
      place = chronomap_gazetteer_entry_label (near);
      if (km < 1)
        /* Translators: where typed coordinates are: "Coordinates, in Al-Baghuz Fawqani, Deir ez-Zor, Syria" */
        return g_strdup_printf (_("Coordinates, in %s"), place);
      /* Translators: where typed coordinates are: "Coordinates, 3 km from Hajin, Deir ez-Zor, Syria" */
      return g_strdup_printf (_("Coordinates, %.0f km from %s"), km, place);
    }
  if (g_strcmp0 (c->source, "bundled") == 0)
    source = g_strdup (_("Chronomap’s gazetteer"));
  else
    /* Translators: where a place found by hand comes from: "From wof-sy" */
    source = g_strdup_printf (_("From %s"), c->source);
  /* Translators: a place's point and its gazetteer, "35.3215, 36.6229 · From wof-sy" */
  return g_strdup_printf (_("%s, %s · %s"), g_ascii_formatd (lat, sizeof lat, "%.4f", c->latitude),
                          g_ascii_formatd (lon, sizeof lon, "%.4f", c->longitude), source);
}

static void
search_changed_cb (ChronomapPlaceSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkListBoxRow *row;

  /* the rows, not the placeholder, which is a child too */
  while ((row = gtk_list_box_get_row_at_index (self->results, 0)) != NULL)
    gtk_list_box_remove (self->results, GTK_WIDGET (row));
  g_clear_pointer (&self->found, g_ptr_array_unref);
  g_free (self->searched);
  self->searched = g_strdup (text);
  if (self->geocoder == NULL)
    return;

  self->found = chronomap_places_search (self->geocoder, text, self->country, MAX_FOUND);
  for (guint i = 0; i < self->found->len; i++)
    {
      const ChronomapPlaceCandidate *c = g_ptr_array_index (self->found, i);
      g_autofree char *subtitle = found_subtitle (self, c);
      GtkWidget *found = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (found), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (found), c->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (found), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (found), TRUE);
      g_object_set_data (G_OBJECT (found), "index", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->results, found);
    }

  if (self->found->len == 0 && text[0] != '\0')
    gtk_label_set_label (self->hint, _("Nothing found: type the whole name, another spelling or the "
                                       "coordinates, or add a gazetteer of the region in Places to Check."));
  else
    gtk_label_set_label (self->hint, _("Type the place as a gazetteer may spell it (“Lataminah”), or its "
                                       "latitude and longitude (“35.32, 36.62”)."));
}

static void
row_activated_cb (ChronomapPlaceSearch *self,
                  GtkListBoxRow        *row)
{
  chronomap_place_search_pick (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index")));
}

/* Enter takes the first place found for what is typed: typed since the
 * last search, which the entry waits a little to run, it runs now. */
static void
entry_activated_cb (ChronomapPlaceSearch *self)
{
  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    search_changed_cb (self);
  if (self->found != NULL && self->found->len > 0)
    chronomap_place_search_pick (self, 0);
}

/* Esc closes, as it does a popover without a search. */
static void
stop_search_cb (ChronomapPlaceSearch *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* The gazetteers, as they are now: the analyst's own may have been added
 * since the popover last showed.  The search begins with the file's name
 * for the place, selected: what the geocoder makes of it, to edit or to
 * type over. */
static void
chronomap_place_search_show (GtkWidget *widget)
{
  ChronomapPlaceSearch *self = CHRONOMAP_PLACE_SEARCH (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new_default (&error);

  g_clear_pointer (&self->geocoder, g_object_unref);
  if (gazetteer != NULL)
    self->geocoder = chronomap_geocoder_new (gazetteer);
  else
    gtk_label_set_label (self->hint, error->message);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), self->name != NULL ? self->name : "");
  search_changed_cb (self);
  GTK_WIDGET_CLASS (chronomap_place_search_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static void
chronomap_place_search_hide (GtkWidget *widget)
{
  ChronomapPlaceSearch *self = CHRONOMAP_PLACE_SEARCH (widget);

  GTK_WIDGET_CLASS (chronomap_place_search_parent_class)->hide (widget);
  g_clear_pointer (&self->geocoder, g_object_unref);
}

static void
chronomap_place_search_finalize (GObject *object)
{
  ChronomapPlaceSearch *self = CHRONOMAP_PLACE_SEARCH (object);

  g_free (self->country);
  g_free (self->name);
  g_free (self->searched);
  g_clear_pointer (&self->geocoder, g_object_unref);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  G_OBJECT_CLASS (chronomap_place_search_parent_class)->finalize (object);
}

static void
chronomap_place_search_class_init (ChronomapPlaceSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chronomap_place_search_finalize;
  widget_class->show = chronomap_place_search_show;
  widget_class->hide = chronomap_place_search_hide;

  /**
   * ChronomapPlaceSearch::place-found:
   * @place: (type gpointer): the #ChronomapPlaceCandidate picked, valid
   *   during the emission
   *
   * The analyst picked where the place is.
   */
  signals[PLACE_FOUND] = g_signal_new ("place-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronomap/Chronomap/chronomap-place-search.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronomapPlaceSearch, heading);
  gtk_widget_class_bind_template_child (widget_class, ChronomapPlaceSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, ChronomapPlaceSearch, hint);
  gtk_widget_class_bind_template_child (widget_class, ChronomapPlaceSearch, results);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
}

static void
chronomap_place_search_init (ChronomapPlaceSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_placeholder (self->results, GTK_WIDGET (self->hint));
}

GtkWidget *
chronomap_place_search_new (void)
{
  return g_object_new (CHRONOMAP_TYPE_PLACE_SEARCH, NULL);
}

/**
 * chronomap_place_search_set_country:
 * @country: (nullable): the event's country (ISO 3166-1 alpha-2), whose
 *   places are offered first
 */
void
chronomap_place_search_set_country (ChronomapPlaceSearch *self,
                                    const char           *country)
{
  g_return_if_fail (CHRONOMAP_IS_PLACE_SEARCH (self));

  g_free (self->country);
  self->country = country != NULL && strlen (country) == 2 ? g_strdup (country) : NULL;
}

/**
 * chronomap_place_search_set_name:
 * @name: the file's name for the place to find
 *
 * Says which place is being found, and begins the search with its name.
 */
void
chronomap_place_search_set_name (ChronomapPlaceSearch *self,
                                 const char           *name)
{
  g_autofree char *isolated = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (CHRONOMAP_IS_PLACE_SEARCH (self));
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
  isolated = g_strconcat ("\u2068", name, "\u2069", NULL);
  /* Translators: above Find the Place's search, "Where is “Hamouriyah town”?" */
  heading = g_strdup_printf (_("Where is “%s”?"), isolated);
  gtk_label_set_label (self->heading, heading);
}

/**
 * chronomap_place_search_get_n_found:
 *
 * Returns: how many places what is typed gives
 */
guint
chronomap_place_search_get_n_found (ChronomapPlaceSearch *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_PLACE_SEARCH (self), 0);

  return self->found != NULL ? self->found->len : 0;
}

/**
 * chronomap_place_search_get_found:
 *
 * Returns: (transfer none): place @index of those listed
 */
const ChronomapPlaceCandidate *
chronomap_place_search_get_found (ChronomapPlaceSearch *self,
                                  guint                 index)
{
  g_return_val_if_fail (CHRONOMAP_IS_PLACE_SEARCH (self), NULL);
  g_return_val_if_fail (self->found != NULL && index < self->found->len, NULL);

  return g_ptr_array_index (self->found, index);
}

/**
 * chronomap_place_search_pick:
 *
 * Picks place @index of those listed, as a click on its row does: says
 * ::place-found and closes.
 */
void
chronomap_place_search_pick (ChronomapPlaceSearch *self,
                             guint                 index)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_if_fail (CHRONOMAP_IS_PLACE_SEARCH (self));
  g_return_if_fail (self->found != NULL && index < self->found->len);

  /* kept through the emission: the details it is part of are rebuilt */
  found = g_ptr_array_ref (self->found);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[PLACE_FOUND], 0, g_ptr_array_index (found, index));
}
