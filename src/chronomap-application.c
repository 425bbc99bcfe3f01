/* chronomap-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-application"

#include "config.h"

#include "chronomap-application.h"

#include <glib/gi18n.h>

#include "chronomap-paths.h"
#include "chronomap-window.h"

struct _ChronomapApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ChronomapApplication, chronomap_application, ADW_TYPE_APPLICATION)

static ChronomapWindow *
new_window (ChronomapApplication *self)
{
  return g_object_new (CHRONOMAP_TYPE_WINDOW, "application", self, NULL);
}

static void
chronomap_application_activate (GApplication *app)
{
  ChronomapApplication *self = CHRONOMAP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autofree char *sample = chronomap_paths_find_data ("sample/sample.sqlite");
      ChronomapWindow *win = new_window (self);

      if (sample != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_path (sample);
          chronomap_window_open (win, file);
        }
      window = GTK_WINDOW (win);
    }

  gtk_window_present (window);
}

static void
chronomap_application_open (GApplication  *app,
                            GFile        **files,
                            int            n_files,
                            const char    *hint)
{
  ChronomapApplication *self = CHRONOMAP_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      ChronomapWindow *win = new_window (self);

      chronomap_window_open (win, files[i]);
      gtk_window_present (GTK_WINDOW (win));
    }
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
};

static void
chronomap_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (chronomap_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open",
                                         (const char *[]) { "<Control>o", NULL });
}

static void
chronomap_application_class_init (ChronomapApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = chronomap_application_activate;
  app_class->open = chronomap_application_open;
  app_class->startup = chronomap_application_startup;
}

static void
chronomap_application_init (ChronomapApplication *self)
{
}

ChronomapApplication *
chronomap_application_new (void)
{
  return g_object_new (CHRONOMAP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
