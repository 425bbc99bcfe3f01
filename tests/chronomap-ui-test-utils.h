/* chronomap-ui-test-utils.h: helpers shared by the tests in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean    chronomap_test_init_ui         (int        *argc,
                                            char     ***argv,
                                            const char *program,
                                            char      **home);
GdkTexture *chronomap_test_render          (GtkWidget  *widget);
void        chronomap_test_save_screenshot (GtkWidget  *widget,
                                            const char *name);
GtkWidget  *chronomap_test_find_dialog     (GtkWindow  *window);
GtkWidget  *chronomap_test_find_row        (GtkWidget  *widget,
                                            const char *title);
GtkFileChooser *chronomap_test_find_chooser (void);
gboolean    chronomap_test_has_chooser     (gpointer    data);
gboolean    chronomap_test_no_chooser      (gpointer    data);
GtkApplication *chronomap_test_app         (void);
char       *chronomap_test_fields_text     (GtkGrid    *grid);
GtkWidget  *chronomap_test_events_panel_child (GtkWindow  *window,
                                               const char *name);
GtkWidget  *chronomap_test_details_child   (GtkWindow  *window,
                                            const char *name);
void        chronomap_test_quit            (void);

G_END_DECLS
