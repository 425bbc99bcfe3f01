/* chronomap-ui-test-utils.c: helpers shared by the tests in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "chronomap-ui-test-utils.h"
#include "chronomap-test-utils.h"

#include "chronomap-application.h"
#include "chronomap-events-panel.h"
#include "chronomap-window.h"

/**
 * chronomap_test_init_ui:
 * @program: the test program's name
 * @home: (out): its home (chronomap_test_use_own_home()), to free
 *
 * Starts GTK and libadwaita for a test program in a real window, in a home
 * of its own.  Criticals are fatal, warnings are not: Debian's gdk-pixbuf
 * may lack the SVG loader libshumate's compass icon needs, a warning that
 * is the platform's, not Chronomap's.
 *
 * Returns: %FALSE, having said that the program is skipped, without a
 *   display to open a window on
 */
gboolean
chronomap_test_init_ui (int         *argc,
                        char      ***argv,
                        const char  *program,
                        char       **home)
{
  *home = NULL;
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }
  *home = chronomap_test_use_own_home (program);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  return TRUE;
}

/**
 * chronomap_test_render:
 * @widget: a widget of a shown window
 *
 * Draws @widget alone, as its window's renderer would.
 *
 * Returns: (transfer full) (nullable): the picture, %NULL when @widget
 *   has not been drawn yet
 */
GdkTexture *
chronomap_test_render (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/**
 * chronomap_test_save_screenshot:
 * @widget: a widget of a shown window
 * @name: a PNG file name
 *
 * Leaves a picture of @widget in $G_TEST_BUILDDIR for a person to look at.
 * It is an artefact, not a check: a widget not drawn yet has none.
 */
void
chronomap_test_save_screenshot (GtkWidget  *widget,
                                const char *name)
{
  g_autoptr(GdkTexture) texture = chronomap_test_render (widget);
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("G_TEST_BUILDDIR");

  if (texture == NULL)
    {
      g_test_message ("no screenshot %s: nothing drawn yet", name);
      return;
    }
  path = g_build_filename (dir != NULL ? dir : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The message dialog @window shows, or NULL. */
GtkWidget *
chronomap_test_find_dialog (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == window &&
          gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

/* The action row titled @title under @widget, or NULL. */
GtkWidget *
chronomap_test_find_row (GtkWidget  *widget,
                         const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = chronomap_test_find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The file chooser shown (the native one's stand-in without a portal),
 * or NULL. */
GtkFileChooser *
chronomap_test_find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_FILE_CHOOSER (toplevel);
    }
  return NULL;
}

/* Conditions for chronomap_test_wait_until(): a chooser shown, or none. */
gboolean
chronomap_test_has_chooser (gpointer data)
{
  return chronomap_test_find_chooser () != NULL;
}

gboolean
chronomap_test_no_chooser (gpointer data)
{
  return chronomap_test_find_chooser () == NULL;
}

/**
 * chronomap_test_app:
 *
 * Chronomap's application, registered as main() has it but not run, for
 * windows that belong to it (its actions, its end); one per process, as
 * GApplication has it.
 *
 * Returns: (transfer none): the application
 */
GtkApplication *
chronomap_test_app (void)
{
  static ChronomapApplication *app;
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return GTK_APPLICATION (app);
  app = chronomap_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return GTK_APPLICATION (app);
}

/**
 * chronomap_test_quit:
 *
 * What Ctrl+Q does: the application's "quit" action.
 */
void
chronomap_test_quit (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (chronomap_test_app ()), "quit", NULL);
}

/* The widget @name of @window's events panel (a ChronomapWindow's):
 * "event_list", "picked_bar", "list_stack"… */
GtkWidget *
chronomap_test_events_panel_child (GtkWindow  *window,
                                   const char *name)
{
  GtkWidget *panel = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHRONOMAP_TYPE_WINDOW,
                                                                "events_panel"));
  GtkWidget *child;

  g_assert_nonnull (panel);
  child = GTK_WIDGET (gtk_widget_get_template_child (panel, CHRONOMAP_TYPE_EVENTS_PANEL, name));
  g_assert_nonnull (child);
  return child;
}

/* The widget @name of the selected event's details in @window (a
 * ChronomapWindow): "place", "source", "candidates_dropdown"… */
GtkWidget *
chronomap_test_details_child (GtkWindow  *window,
                              const char *name)
{
  GtkWidget *panel = chronomap_test_events_panel_child (window, "details_panel");
  GtkWidget *child = GTK_WIDGET (gtk_widget_get_template_child (panel, CHRONOMAP_TYPE_DETAILS_PANEL, name));

  g_assert_nonnull (child);
  return child;
}

/**
 * chronomap_test_fields_text:
 * @grid: the details panel's "attributes" grid
 *
 * Returns: (transfer full): the file's other fields as the panel lists
 *   them, "name  value" a line
 */
char *
chronomap_test_fields_text (GtkGrid *grid)
{
  GString *text = g_string_new (NULL);

  for (int row = 0; gtk_grid_get_child_at (grid, 0, row) != NULL; row++)
    {
      GtkWidget *key = gtk_grid_get_child_at (grid, 0, row);
      GtkWidget *value = gtk_grid_get_child_at (grid, 1, row);

      g_assert_true (GTK_IS_LABEL (key) && GTK_IS_LABEL (value));
      g_string_append_printf (text, "%s%s  %s", row > 0 ? "\n" : "", gtk_label_get_text (GTK_LABEL (key)),
                              gtk_label_get_text (GTK_LABEL (value)));
    }
  return g_string_free (text, FALSE);
}
