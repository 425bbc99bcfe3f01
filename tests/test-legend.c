/* test-legend.c: the map's key, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The legend alone, given the colours of real files' event types: a line
 * a type in the colour the map gives it, then what the marks' looks mean,
 * each beside a mark drawn as the map draws it.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "chronomap-database.h"
#include "chronomap-event-store.h"
#include "chronomap-event-style.h"
#include "chronomap-legend.h"
#include "chronomap-test-utils.h"
#include "chronomap-ui-test-utils.h"

static ChronomapEventStore *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  ChronomapEventStore *store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);

  g_assert_no_error (error);
  return store;
}

/* The legend's lines, "|"-separated: a type's line as its text, a key's
 * as "mark:" and its text, "(hidden)" after a line not shown. */
static char *
lines (GtkWidget *legend)
{
  GString *out = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (legend); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *first = gtk_widget_get_first_child (row);

      if (out->len > 0)
        g_string_append_c (out, '|');
      if (GTK_IS_LABEL (row))
        g_string_append (out, gtk_label_get_text (GTK_LABEL (row)));
      else if (GTK_IS_DRAWING_AREA (first) && GTK_IS_LABEL (gtk_widget_get_next_sibling (first)))
        g_string_append_printf (out, "mark:%s",
                                gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (first))));
      else
        g_string_append (out, "?");
      if (!gtk_widget_get_visible (row))
        g_string_append (out, " (hidden)");
    }
  return g_string_free (out, FALSE);
}

static void
test_types_and_keys (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(ChronomapEventStore) store = load (sample);
  g_autoptr(ChronomapEventStyle) style = chronomap_event_style_new (store);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *legend = chronomap_legend_new ();
  g_autofree char *text = NULL;
  g_autofree char *hidden = NULL;
  guint n_types = chronomap_event_style_get_n_slots (style);
  GString *expected = g_string_new (NULL);

  gtk_window_set_child (window, legend);
  gtk_window_present (window);
  g_assert_true (gtk_widget_has_css_class (legend, "chronomap-legend"));
  g_assert_null (gtk_widget_get_first_child (legend));

  /* the sample's types, most frequent first, each with a dot in its
   * colour; then the keys, the slices' among them as there are types */
  chronomap_legend_set_style (CHRONOMAP_LEGEND (legend), style);
  g_assert_cmpuint (n_types, >=, 2);
  for (guint s = 0; s < n_types; s++)
    g_string_append_printf (expected, "● %s|", chronomap_event_style_get_slot_label (style, s));
  g_string_append (expected, "mark:Larger: more deaths|mark:Faded: older|mark:Slices: several types|"
                             "mark:Ring: approximate place|mark:Broken edge: a guess");
  text = lines (legend);
  g_assert_cmpstr (text, ==, expected->str);
  {
    GtkWidget *first = gtk_widget_get_first_child (legend);
    g_autofree char *dot = chronomap_event_style_dot_markup (style, 0);

    g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (first)), dot));
  }

  /* the second type filtered out leaves its line, and comes back with a
   * new style */
  chronomap_legend_set_hidden_types (CHRONOMAP_LEGEND (legend), 1u << 1);
  hidden = lines (legend);
  g_assert_nonnull (strstr (hidden, chronomap_event_style_get_slot_label (style, 1)));
  g_assert_true (g_str_has_prefix (strstr (hidden, chronomap_event_style_get_slot_label (style, 1)) +
                                     strlen (chronomap_event_style_get_slot_label (style, 1)),
                                   " (hidden)"));
  /* and no other */
  g_assert_null (strstr (strstr (hidden, " (hidden)") + 1, " (hidden)"));
  chronomap_legend_set_style (CHRONOMAP_LEGEND (legend), style);
  g_clear_pointer (&hidden, g_free);
  hidden = lines (legend);
  g_assert_nonnull (strstr (hidden, " (hidden)"));
  chronomap_legend_set_hidden_types (CHRONOMAP_LEGEND (legend), 0);
  g_clear_pointer (&text, g_free);
  text = lines (legend);
  g_assert_cmpstr (text, ==, expected->str);

  /* no file: an empty legend */
  chronomap_legend_set_style (CHRONOMAP_LEGEND (legend), NULL);
  g_assert_null (gtk_widget_get_first_child (legend));
  g_string_free (expected, TRUE);
  gtk_window_destroy (window);
}

static gboolean
is_drawn (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* The key to approximate places is drawn as the map draws them: a ring,
 * hollow, in the faint shaded area the place may be anywhere in. */
static void
test_ring_in_area (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(ChronomapEventStore) store = load (sample);
  g_autoptr(ChronomapEventStyle) style = chronomap_event_style_new (store);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *legend = chronomap_legend_new ();
  GtkWidget *mark = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width, height;
  guint8 centre, ring, shade, outside;

  gtk_window_set_child (window, legend);
  chronomap_legend_set_style (CHRONOMAP_LEGEND (legend), style);
  gtk_window_present (window);
  for (GtkWidget *row = gtk_widget_get_first_child (legend); row != NULL && mark == NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *first = gtk_widget_get_first_child (row);

      if (GTK_IS_DRAWING_AREA (first) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (first))),
                     "Ring: approximate place") == 0)
        mark = first;
    }
  g_assert_nonnull (mark);
  g_assert_true (chronomap_test_wait_until (is_drawn, mark, 10));
  texture = chronomap_test_render (mark);
  g_assert_nonnull (texture);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  /* along the middle row, from the ring's centre (x 14) outwards: the
   * alpha of the hollow, the ring, the shade and past it */
#define ALPHA_AT(x) pixels[4 * ((height / 2) * width + (x)) + 3]
  centre = ALPHA_AT (14);
  ring = MAX (ALPHA_AT (18), ALPHA_AT (19));
  shade = ALPHA_AT (22);
  outside = ALPHA_AT (27);
#undef ALPHA_AT
  g_test_message ("alpha: hollow %u, ring %u, shade %u, outside %u", centre, ring, shade, outside);
  g_assert_cmpuint (ring, >, 200);
  g_assert_cmpuint (shade, >, 30);
  g_assert_cmpuint (shade, <, 150);
  g_assert_cmpuint (centre, <, ring / 2);
  g_assert_cmpuint (outside, ==, 0);
  gtk_window_destroy (window);
}

/* A file of one type has no mark cut in slices: no key for them. */
static void
test_one_type (void)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (),
                                      "INSERT INTO events (date_start, event_type, location) VALUES "
                                      "('2019-03-18', 'Battles', 'Raqqa'), ('2019-03-19', 'Battles', 'Baghouz');",
                                      NULL);
  g_autofree char *path = chronomap_test_make_db ("one-type.sqlite", sql);
  g_autoptr(ChronomapEventStore) store = load (path);
  g_autoptr(ChronomapEventStyle) style = chronomap_event_style_new (store);
  GtkWidget *legend = g_object_ref_sink (chronomap_legend_new ());
  g_autofree char *text = NULL;

  chronomap_legend_set_style (CHRONOMAP_LEGEND (legend), style);
  text = lines (legend);
  g_assert_cmpstr (text, ==, "● Battles|mark:Larger: more deaths|mark:Faded: older|"
                             "mark:Ring: approximate place|mark:Broken edge: a guess");
  g_object_unref (legend);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  if (!chronomap_test_init_ui (&argc, &argv, "test-legend", &home))
    return 0;

  g_test_add_func ("/chronomap/legend/types-and-keys", test_types_and_keys);
  g_test_add_func ("/chronomap/legend/one-type", test_one_type);
  g_test_add_func ("/chronomap/legend/ring-in-area", test_ring_in_area);

  return g_test_run ();
}
