/* chronomap-legend.c: what the map's colours and marks mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card over the map's corner: a line for each event type the map
 * shows, in its colour, then what the marks' looks say (size, fading,
 * slices, a ring in its shaded area, a broken edge), each beside a mark
 * drawn as the map draws it.  A type filtered out leaves the legend with its events.
 */
#define G_LOG_DOMAIN "chronomap-legend"

#include "config.h"

#include "chronomap-legend.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "chronomap-event-layer.h"
#include "chronomap-render-view.h"

struct _ChronomapLegend
{
  GtkBox     parent_instance;

  GtkWidget *type_rows[CHRONOMAP_EVENT_STYLE_N_SLOTS];   /* NULL past the style's slots */
  guint      hidden;
};

G_DEFINE_FINAL_TYPE (ChronomapLegend, chronomap_legend, GTK_TYPE_BOX)

/* A legend key's marks, in a neutral grey: what a look means, whatever
 * the type. */
static void
draw_legend_key (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        data)
{
  static const GdkRGBA light_grey = { 0.467f, 0.463f, 0.482f, 1.f };
  /* on the dark style's card, a lighter grey, or the faded one is lost */
  static const GdkRGBA dark_grey = { 0.78f, 0.78f, 0.8f, 1.f };
  const GdkRGBA *grey = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? &dark_grey : &light_grey;
  double y = height / 2.0;

  switch (GPOINTER_TO_UINT (data))
    {
    case CHRONOMAP_LEGEND_KEY_SIZE:
      chronomap_mark_draw (cr, FALSE, FALSE, FALSE, 5, y, 3, grey, 0.95);
      chronomap_mark_draw (cr, FALSE, FALSE, FALSE, 19, y, 6.5, grey, 0.95);
      break;
    case CHRONOMAP_LEGEND_KEY_AGE:
      chronomap_mark_draw (cr, FALSE, FALSE, FALSE, 7, y, 5, grey, 0.95);
      chronomap_mark_draw (cr, FALSE, FALSE, FALSE, 21, y, 5, grey, 0.4);
      break;
    case CHRONOMAP_LEGEND_KEY_PIE:
      {
        /* three greys: the slices, whatever the types */
        static const double greys[] = { 0.35, 0.35, 0.38, 0.6, 0.6, 0.62, 0.8, 0.8, 0.82 };
        static const guint counts[] = { 3, 2, 1 };

        chronomap_mark_draw_pie (cr, FALSE, FALSE, 14, y, 7, greys, counts, G_N_ELEMENTS (counts), 0.95);
      }
      break;
    case CHRONOMAP_LEGEND_KEY_RING:
      /* in the faint area the place may be anywhere in, as on the map
       * (stronger: at this size the map's shade would not show) */
      cairo_arc (cr, 14, y, MIN (height / 2.0, 11), 0, 2 * G_PI);
      cairo_set_source_rgba (cr, grey->red, grey->green, grey->blue, 0.25);
      cairo_fill (cr);
      chronomap_mark_draw (cr, TRUE, FALSE, FALSE, 14, y, 4.5, grey, 0.95);
      break;
    case CHRONOMAP_LEGEND_KEY_GUESS:
    default:
      chronomap_mark_draw (cr, FALSE, TRUE, FALSE, 14, y, 6, grey, 0.95);
      break;
    }
}

/**
 * chronomap_legend_set_style:
 * @style: (nullable): the colours of the file's event types
 *
 * Lists @style's types, then the keys to the marks; without a style, the
 * legend is empty.
 */
void
chronomap_legend_set_style (ChronomapLegend     *self,
                            ChronomapEventStyle *style)
{
  GtkWidget *child;
  guint n_slots;

  g_return_if_fail (CHRONOMAP_IS_LEGEND (self));
  g_return_if_fail (style == NULL || CHRONOMAP_IS_EVENT_STYLE (style));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);
  memset (self->type_rows, 0, sizeof self->type_rows);
  if (style == NULL)
    return;

  n_slots = chronomap_event_style_get_n_slots (style);
  for (guint s = 0; s < n_slots; s++)
    {
      g_autofree char *dot = chronomap_event_style_dot_markup (style, s);
      g_autofree char *name = g_markup_escape_text (chronomap_event_style_get_slot_label (style, s), -1);
      g_autofree char *markup = g_strdup_printf ("%s %s", dot, name);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_visible (label, (self->hidden & (1u << s)) == 0);
      gtk_box_append (GTK_BOX (self), label);
      self->type_rows[s] = label;
    }

  /* what the marks' looks say, each beside a mark drawn as the map does */
  for (ChronomapLegendKey k = 0; k < CHRONOMAP_N_LEGEND_KEYS; k++)
    {
      GtkWidget *row, *mark, *label;

      /* one type: no mark is cut into slices */
      if (k == CHRONOMAP_LEGEND_KEY_PIE && n_slots < 2)
        continue;
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      mark = gtk_drawing_area_new ();
      label = gtk_label_new (chronomap_legend_key_label (k));

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (mark), 30);
      /* the ring's shaded area the widest, as on the map */
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (mark), k == CHRONOMAP_LEGEND_KEY_RING ? 22 : 16);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (mark), draw_legend_key, GUINT_TO_POINTER (k), NULL);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (row), mark);
      gtk_box_append (GTK_BOX (row), label);
      if (k == 0)
        gtk_widget_set_margin_top (row, 4);
      gtk_box_append (GTK_BOX (self), row);
    }
}

/**
 * chronomap_legend_set_hidden_types:
 * @hidden: the colour slots filtered out, a bit each (slot 0 the lowest)
 *
 * Leaves out the types the map doesn't show.
 */
void
chronomap_legend_set_hidden_types (ChronomapLegend *self,
                                   guint            hidden)
{
  g_return_if_fail (CHRONOMAP_IS_LEGEND (self));

  self->hidden = hidden;
  for (guint s = 0; s < CHRONOMAP_EVENT_STYLE_N_SLOTS; s++)
    if (self->type_rows[s] != NULL)
      gtk_widget_set_visible (self->type_rows[s], (hidden & (1u << s)) == 0);
}

static void
chronomap_legend_class_init (ChronomapLegendClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "box");
}

static void
chronomap_legend_init (ChronomapLegend *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 2);
  gtk_widget_add_css_class (GTK_WIDGET (self), "chronomap-legend");
}

GtkWidget *
chronomap_legend_new (void)
{
  return g_object_new (CHRONOMAP_TYPE_LEGEND, NULL);
}
