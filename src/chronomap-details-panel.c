/* chronomap-details-panel.c: what the selected event is, under the events list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The event's type, when and where it happened, how its place was found
 * (with the other places the geocoder considered, to pick from), who took
 * part, the source's own words and whatever else the file says of it.
 * The panel shows what it is given and keeps nothing of the store: a pick
 * of another place is ::place-chosen, which the window carries out and
 * then shows the event again.
 */
#define G_LOG_DOMAIN "chronomap-details-panel"

#include "config.h"

#include "chronomap-details-panel.h"

#include <string.h>

#include <glib/gi18n.h>

#include "chronomap-bidi.h"
#include "chronomap-date-label.h"
#include "chronomap-event-type-label.h"
#include "chronomap-json.h"
#include "chronomap-place-search.h"

struct _ChronomapDetailsPanel
{
  GtkBox       parent_instance;

  char        *location;   /* the place the candidates are for, or NULL */
  guint        current;    /* the candidate it is at (n_candidates: off the map) */
  gboolean     chosen;     /* by the analyst, not the geocoder */
  gboolean     updating;

  /* Template widgets */
  GtkLabel    *title;
  GtkLabel    *when;
  GtkLabel    *place;
  GtkWidget   *candidates_box;
  GtkWidget   *candidates_caption;
  GtkDropDown *candidates_dropdown;
  GtkMenuButton        *search_button;
  ChronomapPlaceSearch *place_search;
  GtkLabel    *actors;
  GtkLabel    *quote;
  GtkLabel    *notes;
  GtkLabel    *source;
  GtkExpander *attributes_expander;
  GtkGrid     *attributes;
};

G_DEFINE_FINAL_TYPE (ChronomapDetailsPanel, chronomap_details_panel, GTK_TYPE_BOX)

enum
{
  PLACE_CHOSEN,
  PLACE_FOUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A source title is a headline; past this it is a pasted article. */
#define SOURCE_TITLE_MAX_CHARS 280

/* A source's text as a line to read: runs of blanks and line breaks made
 * one space, UCDP's "a;b" lists spaced ("a; b"), and cut after @max
 * characters.  The file keeps it as written. */
static char *
tidy_source_text (const char *text,
                  glong       max)
{
  GString *out = g_string_new (NULL);
  /* a foreign file's text may be any bytes: stepping by characters
   * through a cut one would run past its end */
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  const char *p;
  glong n = 0;

  for (p = valid; *p != '\0' && n < max; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        {
          g_string_append_unichar (out, c);
          if (c == ';' && p[1] != '\0' && !g_unichar_isspace (g_utf8_get_char (p + 1)))
            g_string_append_c (out, ' ');
        }
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (*p != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* Whether a geo_source names a gazetteer entry ("geonames:172955",
 * "admin1:SY:raqqa"), as extraction writes it, rather than the data set
 * the coordinates came with. */
static gboolean
is_gazetteer_id (const char *geo_source)
{
  const char *colon;

  if (geo_source == NULL || (colon = strchr (geo_source, ':')) == NULL || colon == geo_source ||
      colon[1] == '\0' || colon[1] == '/' || strchr (geo_source, ' ') != NULL)
    return FALSE;
  for (const char *p = geo_source; p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/**
 * chronomap_details_panel_show_event:
 * @store: (nullable): the events
 * @selected: the event to show, or -1 for none
 * @placement: (nullable): how the event's place was found, if the file
 *   doesn't place it itself
 *
 * Shows event @selected of @store: its type, when, where (and how the place
 * was found, with the other candidates to pick from), who, the source's
 * words and the file's other fields.  Without an event, says how to pick
 * one.
 */
void
chronomap_details_panel_show_event (ChronomapDetailsPanel    *self,
                                    ChronomapEventStore      *store,
                                    int                       selected,
                                    const ChronomapPlacement *placement)
{
  const ChronomapEvent *e;
  const ChronomapSource *source = NULL;
  g_autoptr(ChronomapEventDetails) details = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *place_text = NULL;
  const char *type, *sub_type, *place, *actor1, *actor2;

  g_return_if_fail (CHRONOMAP_IS_DETAILS_PANEL (self));
  g_return_if_fail (store == NULL || CHRONOMAP_IS_EVENT_STORE (store));

  g_clear_pointer (&self->location, g_free);
  self->updating = TRUE;
  gtk_widget_set_visible (self->candidates_box, FALSE);

  if (store == NULL || selected < 0)
    {
      gtk_label_set_label (self->title, _("No Event Selected"));
      gtk_label_set_label (self->when, _("Click an event on the map or in the list."));
      gtk_widget_set_visible (GTK_WIDGET (self->place), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->actors), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->quote), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->notes), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->attributes_expander), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->source), FALSE);
      self->updating = FALSE;
      return;
    }

  e = chronomap_event_store_get_event (store, selected);
  type = chronomap_event_type_label (chronomap_event_store_get_string (store, e->event_type));
  sub_type = chronomap_event_type_label (chronomap_event_store_get_string (store,
                                                                          e->sub_event_type));
  place = chronomap_event_store_get_string (store, e->location);
  actor1 = chronomap_event_store_get_string (store, e->actor1);
  actor2 = chronomap_event_store_get_string (store, e->actor2);

  /* Translators: an event's type and its sub-type, "Battles: Armed clash" */
  title = sub_type != NULL && *sub_type != '\0' ? g_strdup_printf (_("%s: %s"), type, sub_type) : g_strdup (type);
  gtk_label_set_label (self->title, title);

  if (e->date_precision == CHRONOMAP_DATE_PRECISION_DAY)
    {
      g_autofree char *range = chronomap_date_range_label (e->start, e->end);

      when = chronomap_bidi_isolate (range);
    }
  else
    {
      g_autofree char *period = chronomap_date_label (e->start, e->date_precision);
      g_autofree char *period_iso = chronomap_bidi_isolate (period);

      /* Translators: an event known only to the month or the year, "Sometime in Jun 2014" */
      when = g_strdup_printf (_("Sometime in %s"), period_iso);
    }
  if (e->fatalities == 0)
    {
      g_autofree char *tmp = g_steal_pointer (&when);

      /* Translators: an event's date, and that the file counts no death
       * (where nothing is said when it gives no count) */
      when = g_strdup_printf (_("%s · no one killed"), tmp);
    }
  else if (e->fatalities > 0)
    {
      g_autofree char *tmp = g_steal_pointer (&when);
      /* as the events list says it */
      when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d killed", "%s · %d killed",
                                           e->fatalities), tmp, e->fatalities);
    }
  gtk_label_set_label (self->when, when);

  details = chronomap_event_store_get_details (store, selected, NULL);
  /* each name isolated (see chronomap-bidi.h) */
  g_autofree char *place_iso = chronomap_bidi_isolate (place);
  g_autofree char *label_iso = placement != NULL && placement->label != NULL
                                ? chronomap_bidi_isolate (placement->label) : NULL;

  if (e->own_position && details != NULL && is_gazetteer_id (details->geo_source))
    /* Translators: an event the file places at a gazetteer entry (written
     * by news extraction or by geocode-db) */
    place_text = g_strdup_printf (_("%s (placed by the gazetteer, saved in the file)"), place_iso);
  else if (e->own_position)
    place_text = g_strdup_printf (_("%s (coordinates from the file)"), place_iso);
  else if (placement != NULL && placement->resolved && placement->chosen)
    /* Translators: a place the analyst put right, "Sur village → Sur, Lebanon, as you placed it" */
    place_text = g_strdup_printf (_("%s → %s, as you placed it"), place_iso, label_iso);
  else if (placement != NULL && placement->resolved && placement->area_only)
    /* Translators: a place name not found in the area its file gives, the
     * event put in that area: "Tanak oil field: not found in its area; placed at
     * Al Mayadin, Syria" */
    place_text = g_strdup_printf (_("%s: not found in its area; placed at %s"), place_iso, label_iso);
  else if (placement != NULL && placement->resolved && chronomap_placement_is_guess (placement))
    /* Translators: a place matched with little confidence, "Sur village → Sur, Oman: a guess, 44% sure" */
    place_text = g_strdup_printf (_("%s → %s: a guess, %.0f%% sure"), place_iso, label_iso,
                                  placement->confidence * 100);
  else if (placement != NULL && placement->resolved)
    /* Translators: how a place was matched, "al-Mayadin → Al Mayādīn, Deir ez-Zor, Syria, 94% sure" */
    place_text = g_strdup_printf (_("%s → %s, %.0f%% sure"), place_iso, label_iso,
                                  placement->confidence * 100);
  else if (placement != NULL && placement->chosen)
    place_text = g_strdup_printf (_("%s: left off the map"), place_iso);
  else if (placement != NULL)
    place_text = g_strdup_printf (_("%s: not found, not on the map"), place_iso);
  else
    place_text = g_strdup (place != NULL ? place : _("Unknown place"));
  gtk_label_set_label (self->place, place_text);
  gtk_widget_set_visible (GTK_WIDGET (self->place), TRUE);

  /* the other places the geocoder considered, and none: a guess can be
   * put right or taken off the map; and any place the file does not
   * place itself can be found by hand */
  if (placement != NULL && !e->own_position && place != NULL && *place != '\0')
    {
      gboolean has_choice = placement->candidates->len > 0 &&
                            (placement->candidates->len > 1 || chronomap_placement_is_guess (placement) ||
                             placement->chosen);

      self->location = g_strdup (place);
      chronomap_place_search_set_name (self->place_search, place);
      chronomap_place_search_set_country (self->place_search,
                                          e->country[0] != '\0' ?
                                          (char[]) { e->country[0], e->country[1], '\0' } : NULL);
      /* with nothing to pick from, the button alone: no caption of a list */
      gtk_widget_set_visible (self->candidates_caption, has_choice);
      gtk_widget_set_visible (GTK_WIDGET (self->candidates_dropdown), has_choice);
      gtk_widget_set_visible (self->candidates_box, TRUE);
    }
  if (placement != NULL && !e->own_position && placement->candidates->len > 0 &&
      (placement->candidates->len > 1 || chronomap_placement_is_guess (placement) || placement->chosen))
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
      guint current = GTK_INVALID_LIST_POSITION;

      for (guint k = 0; k < placement->candidates->len; k++)
        {
          ChronomapPlaceCandidate *c = g_ptr_array_index (placement->candidates, k);

          gtk_string_list_append (list, c->label);
          if (current == GTK_INVALID_LIST_POSITION && placement->resolved &&
              g_strcmp0 (c->label, placement->label) == 0)
            current = k;
        }
      gtk_string_list_append (list, _("Not on the map"));
      if (!placement->resolved)
        current = placement->candidates->len;
      gtk_drop_down_set_model (self->candidates_dropdown, G_LIST_MODEL (list));
      gtk_drop_down_set_selected (self->candidates_dropdown, current);
      self->current = current;
      self->chosen = placement->chosen;
      gtk_widget_set_visible (self->candidates_box, TRUE);
    }

  if (actor1 != NULL && *actor1 != '\0')
    {
      g_autofree char *side1 = chronomap_bidi_isolate (actor1);
      g_autofree char *side2 = chronomap_bidi_isolate (actor2);
      g_autofree char *actors = actor2 != NULL && *actor2 != '\0'
                                  /* Translators: the two sides of an event */
                                  ? g_strdup_printf (_("%s against %s"), side1, side2)
                                  : g_strdup (side1);
      gtk_label_set_label (self->actors, actors);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->actors), actor1 != NULL && *actor1 != '\0');

  /* the source's own words in a quote block; the file's notes (an
   * analyst's, or how an event was extracted) under it, as plain text */
  if (details != NULL && details->quote != NULL && *details->quote != '\0')
    {
      g_autofree char *quote = g_strdup_printf ("“%s”", details->quote);

      gtk_label_set_label (self->quote, quote);
      gtk_widget_set_visible (GTK_WIDGET (self->quote), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->quote), FALSE);
  if (details != NULL && details->notes != NULL && *details->notes != '\0')
    {
      gtk_label_set_label (self->notes, details->notes);
      gtk_widget_set_visible (GTK_WIDGET (self->notes), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->notes), FALSE);

  /* What the data set says beyond Chronomap's own columns (ACLED's
   * associated actors, admin3, tags; UCDP's dyad), a field a row: its
   * name, dim, and its value, the values in one column. */
  {
    g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attributes))) != NULL)
      gtk_grid_remove (self->attributes, child);
    if (details != NULL && details->attributes != NULL)
      chronomap_json_parse_flat_object (details->attributes, pairs);
    for (guint i = 0; i + 1 < pairs->len; i += 2)
      {
        GtkWidget *key = gtk_label_new (pairs->pdata[i]);
        GtkWidget *value = gtk_label_new (pairs->pdata[i + 1]);

        gtk_label_set_xalign (GTK_LABEL (key), 0);
        gtk_label_set_yalign (GTK_LABEL (key), 0);
        gtk_widget_add_css_class (key, "caption");
        gtk_widget_add_css_class (key, "dim-label");
        gtk_label_set_xalign (GTK_LABEL (value), 0);
        gtk_label_set_wrap (GTK_LABEL (value), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_selectable (GTK_LABEL (value), TRUE);
        /* a long value (a WKT point, a dyad) wraps rather than widen
         * the panel */
        gtk_label_set_max_width_chars (GTK_LABEL (value), 24);
        gtk_widget_add_css_class (value, "caption");
        gtk_grid_attach (self->attributes, key, 0, (int) i / 2, 1, 1);
        gtk_grid_attach (self->attributes, value, 1, (int) i / 2, 1, 1);
      }
    /* behind an expander: a UCDP row brings thirty fields, which would
     * push everything else out of the panel; a few are shown at once */
    {
      guint n_fields = pairs->len / 2;
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u More Field From the File",
                                                               "%u More Fields From the File",
                                                               n_fields),
                                                  n_fields);

      gtk_expander_set_label (self->attributes_expander, heading);
      gtk_expander_set_expanded (self->attributes_expander, n_fields <= 8);
      gtk_widget_set_visible (GTK_WIDGET (self->attributes_expander), n_fields > 0);
    }
  }

  if (e->source_id != 0)
    source = chronomap_event_store_get_source (store, e->source_id);
  if (source != NULL)
    {
      g_autoptr(GString) markup = g_string_new (NULL);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      /* The title, then what is known of publisher, date and link. */
      if (source->title != NULL && *source->title != '\0')
        {
          g_autofree char *tidy = tidy_source_text (source->title, SOURCE_TITLE_MAX_CHARS);
          g_autofree char *t = g_markup_escape_text (tidy, -1);

          g_string_append_printf (markup, "<b>%s</b>", t);
        }
      if (source->publisher != NULL && *source->publisher != '\0')
        {
          g_autofree char *tidy = tidy_source_text (source->publisher, SOURCE_TITLE_MAX_CHARS);

          g_ptr_array_add (parts, g_markup_escape_text (tidy, -1));
        }
      if (source->published != NULL && *source->published != '\0')
        {
          gint32 day;
          ChronomapDatePrecision precision;
          /* dated as the event above it is, "20 Mar 2019"; as written
           * when it is no date Chronomap reads */
          g_autofree char *published =
            chronomap_date_parse (source->published, -1, &day, &precision) ?
            chronomap_date_label (day, precision) : g_strdup (source->published);

          g_ptr_array_add (parts, g_markup_escape_text (published, -1));
        }
      if (source->url != NULL && *source->url != '\0')
        {
          g_autofree char *u = g_markup_escape_text (source->url, -1);

          g_ptr_array_add (parts, g_strdup_printf ("<a href=\"%s\">%s</a>", u, _("Open source")));
        }
      for (guint i = 0; i < parts->len; i++)
        g_string_append_printf (markup, "%s%s", i > 0 ? " · " : markup->len > 0 ? "\n" : "",
                                (const char *) parts->pdata[i]);
      gtk_label_set_markup (self->source, markup->str);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->source), source != NULL);
  self->updating = FALSE;
}


static void
candidate_selected_cb (ChronomapDetailsPanel *self)
{
  guint k = gtk_drop_down_get_selected (self->candidates_dropdown);

  if (self->updating || k == GTK_INVALID_LIST_POSITION || self->location == NULL)
    return;
  /* what the analyst already made the place is no new pick */
  if (self->chosen && k == self->current)
    return;
  g_signal_emit (self, signals[PLACE_CHOSEN], 0, self->location, k);
}

/* A place found by hand, for the window to make the location's. */
static void
place_found_cb (ChronomapDetailsPanel         *self,
                const ChronomapPlaceCandidate *place)
{
  if (self->location == NULL)
    return;
  g_signal_emit (self, signals[PLACE_FOUND], 0, self->location, place);
}

/**
 * chronomap_details_panel_set_can_choose:
 * @can_choose: whether another place may be picked
 *
 * While a map is saved, what it reads stays: no pick of a place moves an
 * event.
 */
void
chronomap_details_panel_set_can_choose (ChronomapDetailsPanel *self,
                                        gboolean               can_choose)
{
  g_return_if_fail (CHRONOMAP_IS_DETAILS_PANEL (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->candidates_dropdown), can_choose);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), can_choose);
}

static void
chronomap_details_panel_finalize (GObject *object)
{
  ChronomapDetailsPanel *self = CHRONOMAP_DETAILS_PANEL (object);

  g_free (self->location);
  G_OBJECT_CLASS (chronomap_details_panel_parent_class)->finalize (object);
}

static void
chronomap_details_panel_class_init (ChronomapDetailsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chronomap_details_panel_finalize;

  /**
   * ChronomapDetailsPanel::place-chosen:
   * @location: the place name of the file
   * @candidate: the candidate picked, or the number of candidates for
   *   "Not on the map"
   *
   * The analyst picked another place for @location.
   */
  signals[PLACE_CHOSEN] = g_signal_new ("place-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * ChronomapDetailsPanel::place-found:
   * @location: the place name of the file
   * @place: (type gpointer): the #ChronomapPlaceCandidate the analyst
   *   found for it by hand, valid during the emission
   *
   * The analyst put @location at a place the geocoder did not offer.
   */
  signals[PLACE_FOUND] = g_signal_new ("place-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_POINTER);

  g_type_ensure (CHRONOMAP_TYPE_PLACE_SEARCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronomap/Chronomap/chronomap-details-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, title);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, when);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, place);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, candidates_box);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, candidates_caption);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, candidates_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, search_button);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, place_search);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, actors);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, quote);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, notes);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, source);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, attributes_expander);
  gtk_widget_class_bind_template_child (widget_class, ChronomapDetailsPanel, attributes);
  gtk_widget_class_bind_template_callback (widget_class, candidate_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, place_found_cb);
}

static void
chronomap_details_panel_init (ChronomapDetailsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
chronomap_details_panel_new (void)
{
  return g_object_new (CHRONOMAP_TYPE_DETAILS_PANEL, NULL);
}
