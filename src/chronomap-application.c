/* chronomap-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-application"

#include "config.h"

#include "chronomap-application.h"

#include <signal.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "chronomap-paths.h"
#include "chronomap-window.h"

struct _ChronomapApplication
{
  AdwApplication parent_instance;

  /* The time window asked for with --from/--to, or CHRONOMAP_DAY_INVALID */
  gint32         from;
  gint32         to;

  /* SIGINT, SIGTERM and SIGHUP's sources, from startup to shutdown */
  guint          signal_ids[3];
  gboolean       stopping;      /* told to stop once already */
};

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

G_DEFINE_FINAL_TYPE (ChronomapApplication, chronomap_application, ADW_TYPE_APPLICATION)

static ChronomapWindow *
new_window (ChronomapApplication *self)
{
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, "application", self, NULL);

  if (self->from != CHRONOMAP_DAY_INVALID)
    chronomap_window_set_time_window (window, self->from, self->to);
  return window;
}

/* "2017-10-01" is that day; "2017-10" and "2017" stand for the whole
 * month or year, from its first day (--from) or to its last (--to). */
static gboolean
parse_option_day (GVariantDict *options,
                  const char   *name,
                  gboolean      end,
                  gint32       *out_day)
{
  const char *text = NULL;
  ChronomapDatePrecision precision;
  gint32 day;

  if (!g_variant_dict_lookup (options, name, "&s", &text))
    return TRUE;
  if (!chronomap_date_parse (text, -1, &day, &precision))
    {
      g_printerr (_("--%s: “%s” is not a date; write YYYY-MM-DD, YYYY-MM or YYYY\n"), name, text);
      return FALSE;
    }
  *out_day = end ? chronomap_date_period_end (day, precision) : chronomap_date_period_start (day, precision);
  return TRUE;
}

static int
chronomap_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  ChronomapApplication *self = CHRONOMAP_APPLICATION (app);
  gint32 from = CHRONOMAP_DAY_INVALID, to = CHRONOMAP_DAY_INVALID;

  if (!parse_option_day (options, "from", FALSE, &from) || !parse_option_day (options, "to", TRUE, &to))
    return EXIT_FAILURE;

  if (from != CHRONOMAP_DAY_INVALID || to != CHRONOMAP_DAY_INVALID)
    {
      /* One bound alone gives a month-long window from or to it. */
      if (from == CHRONOMAP_DAY_INVALID)
        from = to - 30;
      if (to == CHRONOMAP_DAY_INVALID)
        to = from + 30;
      if (to < from)
        {
          g_printerr ("%s\n", _("--to must not be before --from"));
          return EXIT_FAILURE;
        }
      self->from = from;
      self->to = to;
    }

  return -1;
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

/* The window @window belongs to, through its dialogs' parents, and how
 * many parents away it is. */
static GtkWindow *
main_window_of (GtkWindow *window,
                guint     *depth)
{
  *depth = 0;
  while (gtk_window_get_transient_for (window) != NULL)
    {
      window = gtk_window_get_transient_for (window);
      (*depth)++;
    }
  return window;
}

/* Dialogs before the windows they belong to: a window's closing must
 * not take a dialog's question with it. */
static int
dialogs_first (gconstpointer a,
               gconstpointer b)
{
  guint a_depth, b_depth;

  main_window_of (GTK_WINDOW (a), &a_depth);
  main_window_of (GTK_WINDOW (b), &b_depth);
  return (int) b_depth - (int) a_depth;
}

static gboolean
is_shown (GtkWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  return g_list_find (toplevels, window) != NULL && gtk_widget_get_visible (GTK_WIDGET (window));
}

static void close_windows_asking (ChronomapApplication *self);

static gboolean
quit_on_cb (gpointer data)
{
  close_windows_asking (data);
  return G_SOURCE_REMOVE;
}

/* The window that asked before closing has gone: the quitting goes on
 * with the others, once it has. */
static void
asked_window_gone_cb (GtkWidget            *window,
                      ChronomapApplication *self)
{
  g_idle_add_full (G_PRIORITY_LOW, quit_on_cb, g_object_ref (self), g_object_unref);
}

/* Cancel: the window stays, and so do the others. */
static void
question_answered_cb (AdwMessageDialog *question,
                      const char       *response,
                      GtkWindow        *window)
{
  if (g_strcmp0 (response, "cancel") == 0)
    g_signal_handlers_disconnect_matched (window, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, asked_window_gone_cb, NULL);
}

/* Follows the question @window asked before closing, to go on quitting
 * once it has gone. */
static void
follow_question (ChronomapApplication *self,
                 GtkWindow            *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == window)
      {
        g_signal_connect_object (window, "destroy", G_CALLBACK (asked_window_gone_cb), self, 0);
        g_signal_connect_object (l->data, "response", G_CALLBACK (question_answered_cb), window, 0);
        return;
      }
}

/* Closes every window of @self, and its dialogs (which need not belong
 * to the application).  Asking, each closes as its close button would:
 * one whose closing would lose work (a video half saved, events accepted
 * from a report but not added) asks first, and the others wait for the
 * answer: closed, the quitting goes on; kept, it stops.  Not asking,
 * work in progress is stopped (an export removes its part-file) and
 * unsaved proposals are dropped.  The application ends with its last
 * window, once exports held it to clean up.  Returns whether there was
 * a window to close. */
static gboolean
close_windows (ChronomapApplication *self,
               gboolean              ask)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GList *windows = NULL;
  gboolean any = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      guint depth;

      if (gtk_widget_get_visible (l->data) &&
          gtk_window_get_application (main_window_of (l->data, &depth)) == GTK_APPLICATION (self))
        windows = g_list_prepend (windows, g_object_ref (l->data));
    }
  windows = g_list_sort (windows, dialogs_first);

  for (GList *l = windows; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;

      /* gone with its dialog's parent */
      if (!is_shown (window))
        continue;
      any = TRUE;
      if (ask)
        {
          gtk_window_close (window);
          /* still there: it asked */
          if (is_shown (window))
            {
              follow_question (self, window);
              break;
            }
        }
      else if (CHRONOMAP_IS_WINDOW (window))
        chronomap_window_close_now (CHRONOMAP_WINDOW (window));
      else
        gtk_window_destroy (window);
    }
  g_list_free_full (windows, g_object_unref);
  return any;
}

static void
close_windows_asking (ChronomapApplication *self)
{
  close_windows (self, TRUE);
}

/* Ctrl+Q: g_application_quit() would end the process under a video
 * being saved, leaving its part-file, and under the questions the
 * windows ask before losing work. */
static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  close_windows_asking (user_data);
}

/* Asked to stop (Ctrl+C in a terminal, the session ending): nobody is
 * there to answer a question, so stop what is under way, cleanly.  Asked
 * again, or with no window to close, stop at once. */
static gboolean
stop_signal_cb (gpointer user_data)
{
  ChronomapApplication *self = user_data;

  if (self->stopping || !close_windows (self, FALSE))
    g_application_quit (G_APPLICATION (self));
  self->stopping = TRUE;
  return G_SOURCE_CONTINUE;
}

/* The bundled data and the online maps are others' work under their own
 * licences; GeoNames (CC BY 4.0) and OpenStreetMap (ODbL) require the
 * attribution.  Keep in step with data/basemap/README.md and
 * data/gazetteer/README.md. */
static void
add_data_credits (AdwAboutWindow *about)
{
  static const char *data_sources[] = {
    "GeoNames https://www.geonames.org",
    "Natural Earth https://www.naturalearthdata.com",
    "GSHHG https://www.soest.hawaii.edu/pwessel/gshhg/",
    "Who’s On First https://whosonfirst.org",
    "iso-codes https://salsa.debian.org/iso-codes-team/iso-codes",
    "country-code-lookup https://www.npmjs.com/package/country-code-lookup",
    "zipcodes https://github.com/nrviens/zipcodes",
    "OpenStreetMap https://www.openstreetmap.org/copyright",
    NULL,
  };
  /* what it is built on, which the About window's own credits leave out */
  static const char *libraries[] = {
    "GTK https://www.gtk.org",
    "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "libshumate https://gitlab.gnome.org/GNOME/libshumate",
    "SQLite https://www.sqlite.org",
    "GStreamer https://gstreamer.freedesktop.org",
    "cairo https://www.cairographics.org",
    NULL,
  };

  adw_about_window_add_acknowledgement_section (about, _("Map and Place Data"), data_sources);
  adw_about_window_add_acknowledgement_section (about, _("Built With"), libraries);

  adw_about_window_add_legal_section (about, "GeoNames",
                                      _("© GeoNames"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Place names, coordinates and administrative areas from "
                                        "GeoNames, under the "
                                        "<a href=\"https://creativecommons.org/licenses/by/4.0/\">"
                                        "Creative Commons Attribution 4.0</a> licence."));
  adw_about_window_add_legal_section (about, "Natural Earth",
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("Land, coastlines and borders from Natural Earth, "
                                        "in the public domain."));
  adw_about_window_add_legal_section (about, _("GSHHG and WDB II rivers"),
                                      _("© Paul Wessel and Walter H. F. Smith"),
                                      GTK_LICENSE_LGPL_3_0,
                                      NULL);
  adw_about_window_add_legal_section (about, "Who’s On First",
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("Some places of the gazetteer from Who’s On First, under "
                                        "CC0; those it takes from GeoNames under CC BY 4.0."));
  adw_about_window_add_legal_section (about, "iso-codes",
                                      _("© the iso-codes contributors"),
                                      GTK_LICENSE_LGPL_2_1,
                                      NULL);
  adw_about_window_add_legal_section (about, "country-code-lookup",
                                      "© 2019 Richard Astbury",
                                      GTK_LICENSE_MIT_X11,
                                      _("GDELT’s FIPS 10-4 country codes and their ISO "
                                        "3166-1 codes."));
  adw_about_window_add_legal_section (about, "zipcodes",
                                      "© Nick Viens",
                                      GTK_LICENSE_BSD,
                                      _("The points of US counties, from GeoNames’ postal codes "
                                        "(CC BY 4.0) and the USDA’s county list."));
  adw_about_window_add_legal_section (about, "OpenStreetMap",
                                      _("© OpenStreetMap contributors"),
                                      GTK_LICENSE_CUSTOM,
                                      _("When an online OpenStreetMap map is chosen, its map data "
                                        "is available under the "
                                        "<a href=\"https://opendatacommons.org/licenses/odbl/\">"
                                        "Open Database License</a>."));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  AdwAboutWindow *about;
  static const char *developers[] = {
    "The Chronomap developers https://github.com/chronomap/chronomap",
    NULL,
  };

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Chronomap"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Chronomap developers"));
  adw_about_window_set_developers (about, developers);
  /* Translators: put your names here, one a line, to be credited */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_copyright (about, "© 2026 The Chronomap developers");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (about, "https://github.com/chronomap/chronomap");
  adw_about_window_set_issue_url (about, "https://github.com/chronomap/chronomap/issues");
  add_data_credits (about);

  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "about", about_activated_cb },
};

static void
chronomap_application_startup (GApplication *app)
{
  ChronomapApplication *self = CHRONOMAP_APPLICATION (app);

  G_APPLICATION_CLASS (chronomap_application_parent_class)->startup (app);

  /* Run from the build tree (build-aux/run), the app icon is not installed
   * yet: take it from the source tree, for the About window. */
  if (chronomap_paths_is_uninstalled ())
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    SOURCE_ROOT G_DIR_SEPARATOR_S "data" G_DIR_SEPARATOR_S "icons");

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open",
                                         (const char *[]) { "<Control>o", NULL });

  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    self->signal_ids[i] = g_unix_signal_add (stop_signals[i], stop_signal_cb, self);
}

static void
chronomap_application_shutdown (GApplication *app)
{
  ChronomapApplication *self = CHRONOMAP_APPLICATION (app);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);

  G_APPLICATION_CLASS (chronomap_application_parent_class)->shutdown (app);
}

static void
chronomap_application_class_init (ChronomapApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = chronomap_application_activate;
  app_class->open = chronomap_application_open;
  app_class->startup = chronomap_application_startup;
  app_class->shutdown = chronomap_application_shutdown;
  app_class->handle_local_options = chronomap_application_handle_local_options;
}

static void
chronomap_application_init (ChronomapApplication *self)
{
  self->from = CHRONOMAP_DAY_INVALID;
  self->to = CHRONOMAP_DAY_INVALID;

  g_application_add_main_option (G_APPLICATION (self), "from", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_STRING, _("Show events from this day"),
                                 _("YYYY-MM-DD"));
  g_application_add_main_option (G_APPLICATION (self), "to", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_STRING, _("Show events up to this day"),
                                 _("YYYY-MM-DD"));
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
