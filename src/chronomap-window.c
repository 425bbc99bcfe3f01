/* chronomap-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-window"

#include "config.h"

#include "chronomap-window.h"

#include <glib/gi18n.h>

struct _ChronomapWindow
{
  AdwApplicationWindow  parent_instance;

  GCancellable         *cancellable;
  ChronomapEventStore  *store;
  GFile                *file;

  AdwWindowTitle       *window_title;
  AdwStatusPage        *status_page;
  AdwToastOverlay      *toast_overlay;
};

G_DEFINE_FINAL_TYPE (ChronomapWindow, chronomap_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_store (ChronomapWindow *self)
{
  ChronomapDatabase *db = chronomap_event_store_get_database (self->store);
  g_autofree char *title = chronomap_database_get_metadata (db, "title");
  g_autofree char *basename = g_file_get_basename (self->file);
  guint n = chronomap_event_store_get_n_events (self->store);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);

  adw_window_title_set_title (self->window_title, title != NULL ? title : basename);
  adw_window_title_set_subtitle (self->window_title, basename);
  adw_status_page_set_title (self->status_page, count);
  adw_status_page_set_description (self->status_page, title != NULL ? title : basename);
}

typedef struct
{
  ChronomapWindow *self;
  GFile           *file;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void
store_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  ChronomapWindow *self = data->self;
  GFile *file = data->file;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;

  store = chronomap_event_store_load_finish (result, &error);
  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  /* Only now does the new file replace the old one: a file that can't be
   * opened leaves the previous one open. */
  g_set_object (&self->store, store);
  g_set_object (&self->file, file);
  show_store (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * chronomap_window_open:
 * @file: an event database
 *
 * Loads @file in the background; on success it replaces the file shown.
 */
void
chronomap_window_open (ChronomapWindow *self,
                       GFile           *file)
{
  g_autofree char *path = NULL;
  OpenData *data;

  g_return_if_fail (CHRONOMAP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Only local files can be opened")));
      return;
    }

  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  chronomap_event_store_load_async (path, CHRONOMAP_LOAD_SKIP_BAD_ROWS, self->cancellable,
                                    store_loaded_cb, data);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  ChronomapWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      chronomap_window_open (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Event Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Event databases"));
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
chronomap_window_dispose (GObject *object)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (chronomap_window_parent_class)->dispose (object);
}

static void
chronomap_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChronomapWindow *self = CHRONOMAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronomap_window_class_init (ChronomapWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronomap_window_dispose;
  object_class->get_property = chronomap_window_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CHRONOMAP_TYPE_EVENT_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronomap-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, ChronomapWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action_cb);
}

static void
chronomap_window_init (ChronomapWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * chronomap_window_get_store:
 *
 * Returns: (transfer none) (nullable): the events shown
 */
ChronomapEventStore *
chronomap_window_get_store (ChronomapWindow *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (self), NULL);
  return self->store;
}
