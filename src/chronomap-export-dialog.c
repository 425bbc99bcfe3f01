/* chronomap-export-dialog.c: exporting the open file's events from the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same export as `chronomap-cli export`, of what the window shows (its
 * time window, and the events the type and search filters let through) or
 * of everything in the file.
 */
#define G_LOG_DOMAIN "chronomap-export-dialog"

#include "config.h"

#include "chronomap-export-dialog.h"

#include <string.h>

#include <glib/gi18n.h>

#include "chronomap-database.h"
#include "chronomap-date-label.h"
#include "chronomap-paths.h"

static const char * const suffixes[] = { "geojson", "csv", "kml", "gpkg" };

/* Where a window keeps the format its last export used (+ 1). */
#define LAST_FORMAT_KEY "chronomap-export-last-format"

struct _ChronomapExportDialog
{
  AdwWindow          parent_instance;

  ChronomapWindow   *window;
  GCancellable      *cancellable;
  GFile             *file;
  gboolean           running;
  char              *error;

  /* Template widgets */
  GtkBox            *form;
  GtkButton         *export_button;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  AdwComboRow       *format_row;
  AdwActionRow      *shown_row;
  AdwActionRow      *all_row;
  GtkCheckButton    *shown_check;
  GtkCheckButton    *all_check;
  GtkLabel          *filter_note;
  GtkRevealer       *progress_revealer;
  GtkProgressBar    *progress_bar;
};

G_DEFINE_FINAL_TYPE (ChronomapExportDialog, chronomap_export_dialog, ADW_TYPE_WINDOW)

/* Helpers */

static ChronomapEventStore *
get_store (ChronomapExportDialog *self)
{
  return self->window != NULL ? chronomap_window_get_store (self->window) : NULL;
}

/* How many events the choice made exports. */
static guint
n_chosen (ChronomapExportDialog *self)
{
  ChronomapEventStore *store = get_store (self);

  if (store == NULL)
    return 0;
  if (gtk_check_button_get_active (self->shown_check))
    return chronomap_view_model_get_n_visible (chronomap_window_get_model (self->window));
  return chronomap_event_store_get_n_events (store);
}

/* No file is written with nothing in it. */
static void
update_actions (ChronomapExportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.run", !self->running && n_chosen (self) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form), !self->running);
}

static void
update_scope (ChronomapExportDialog *self)
{
  ChronomapViewModel *model = chronomap_window_get_model (self->window);
  ChronomapEventStore *store = get_store (self);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *window_text = NULL;
  g_autofree char *all_text = NULL;
  guint n = store != NULL ? chronomap_event_store_get_n_events (store) : 0;
  gboolean filtered;

  from = chronomap_date_label (chronomap_view_model_get_visible_from (model),
                               CHRONOMAP_DATE_PRECISION_DAY);
  to = chronomap_date_label (chronomap_view_model_get_to (model), CHRONOMAP_DATE_PRECISION_DAY);
  /* Translators: the time window, first and last day, and how many of
   * its events are exported */
  window_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s – %s · %u event",
                                              "%s – %s · %u events",
                                              chronomap_view_model_get_n_visible (model)),
                                 from, to, chronomap_view_model_get_n_visible (model));
  adw_action_row_set_subtitle (self->shown_row, window_text);
  all_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The file’s %u event",
                                           "All %u events of the file", n), n);
  adw_action_row_set_subtitle (self->all_row, all_text);

  filtered = chronomap_view_model_get_mask (model) != NULL;
  if (filtered)
    {
      guint n_shown = chronomap_view_model_get_n_visible (model);
      g_autofree char *note = NULL;

      note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The filters are on: the %u event they let through "
                                           "in this time window is exported.",
                                           "The filters are on: the %u events they let through "
                                           "in this time window are exported.", n_shown),
                              n_shown);
      gtk_label_set_label (self->filter_note, note);
    }
  if (n_chosen (self) == 0)
    gtk_label_set_label (self->filter_note, gtk_check_button_get_active (self->shown_check) ?
                                              _("No event in this time window to export.") :
                                              _("The file has no event to export."));
  gtk_widget_set_visible (GTK_WIDGET (self->filter_note),
                          n_chosen (self) == 0 || (filtered && gtk_check_button_get_active (self->shown_check)));
}

static void
show_error (ChronomapExportDialog *self,
            const char            *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* In the main context, always before export_done_cb(), which holds a
 * reference on the dialog until then. */
static void
export_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  ChronomapExportDialog *self = user_data;
  g_autofree char *text = NULL;
  double fraction = total > 0 ? (double) done / (double) total : 0.0;

  /* The dialog may have been closed since. */
  if (!self->running || self->window == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  /* Translators: the share of the file read, as a percentage */
  text = g_strdup_printf (_("Exporting… %d %%"), (int) (CLAMP (fraction, 0.0, 1.0) * 100));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
set_running (ChronomapExportDialog *self,
             gboolean               running)
{
  self->running = running;
  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  if (running)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_progress_bar_set_text (self->progress_bar, _("Exporting…"));
    }
  update_actions (self);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The ids of the events the window shows, in ascending order. */
static GArray *
shown_ids (ChronomapExportDialog *self)
{
  ChronomapViewModel *model = chronomap_window_get_model (self->window);
  ChronomapEventStore *store = get_store (self);
  const GArray *visible = chronomap_view_model_get_visible (model);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), visible->len);

  for (guint i = 0; i < visible->len; i++)
    {
      const ChronomapEvent *event =
        chronomap_event_store_get_event (store, g_array_index (visible, guint32, i));

      g_array_append_val (ids, event->id);
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ChronomapExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;
  guint64 n = 0;

  if (!chronomap_export_file_finish (result, &n, &error))
    {
      if (self->window == NULL)
        return;
      set_running (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  if (self->window == NULL)
    return;

  set_running (self, FALSE);
  basename = g_file_get_basename (self->file);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %llu event to “%s”",
                                       "Exported %llu events to “%s”", n),
                          (unsigned long long) n, basename);
  chronomap_window_add_toast (self->window, chronomap_toast_new (text));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_export (ChronomapExportDialog *self)
{
  ChronomapEventStore *store = get_store (self);
  ChronomapViewModel *model = chronomap_window_get_model (self->window);
  g_autofree char *path = g_file_get_path (self->file);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) positions = NULL;
  ChronomapExportSelection selection = {
    CHRONOMAP_DAY_INVALID, CHRONOMAP_DAY_INVALID, NULL, 0, NULL, 0
  };

  if (store == NULL || path == NULL)
    return;
  /* where the map shows the events the file does not place itself */
  positions = chronomap_export_positions_from_store (store);
  selection.positions = (const ChronomapExportPosition *) positions->data;
  selection.n_positions = positions->len;
  if (gtk_check_button_get_active (self->shown_check))
    {
      /* In cumulative mode the window shows everything up to its end. */
      selection.from_day = chronomap_view_model_get_visible_from (model);
      selection.to_day = chronomap_view_model_get_to (model);
      /* With a filter on, exactly the events it lets through. */
      if (chronomap_view_model_get_mask (model) != NULL)
        {
          static const gint64 none = 0;

          ids = shown_ids (self);
          /* never NULL, which would mean no filter: an empty array's
           * data is */
          selection.ids = ids->len > 0 ? (const gint64 *) ids->data : &none;
          selection.n_ids = ids->len;
        }
    }
  g_object_set_data (G_OBJECT (self->window), LAST_FORMAT_KEY,
                     GUINT_TO_POINTER (adw_combo_row_get_selected (self->format_row) + 1));
  show_error (self, NULL);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  chronomap_export_file_async (chronomap_database_get_path (chronomap_event_store_get_database (store)),
                               adw_combo_row_get_selected (self->format_row), &selection, path,
                               export_progress_cb, self, self->cancellable, export_done_cb,
                               g_object_ref (self));
}

/* Callbacks */

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  ChronomapExportDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      chronomap_export_dialog_start (self, file);
    }
  g_object_unref (dialog);
}

static void
run_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronomapExportDialog *self = CHRONOMAP_EXPORT_DIALOG (widget);
  ChronomapEventStore *store = get_store (self);
  GtkFileChooserNative *chooser;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  char *dot;
  guint format = adw_combo_row_get_selected (self->format_row);

  if (store == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Events"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  basename = g_path_get_basename (chronomap_database_get_path (chronomap_event_store_get_database (store)));
  if ((dot = strrchr (basename, '.')) != NULL && dot != basename)
    *dot = '\0';
  name = g_strconcat (basename, ".", suffixes[MIN (format, G_N_ELEMENTS (suffixes) - 1)], NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* beside the database, not wherever the app was started */
  {
    g_autofree char *dir = chronomap_paths_save_folder (
      chronomap_database_get_path (chronomap_event_store_get_database (store)), G_USER_DIRECTORY_DOCUMENTS);
    g_autoptr(GFile) folder = g_file_new_for_path (dir);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_cancellable_cancel (CHRONOMAP_EXPORT_DIALOG (widget)->cancellable);
}

static void
scope_toggled_cb (ChronomapExportDialog *self)
{
  update_scope (self);
  update_actions (self);
}

/* Vfuncs */

static void
chronomap_export_dialog_dispose (GObject *object)
{
  ChronomapExportDialog *self = CHRONOMAP_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONOMAP_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->window);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (chronomap_export_dialog_parent_class)->dispose (object);
}

static void
chronomap_export_dialog_finalize (GObject *object)
{
  ChronomapExportDialog *self = CHRONOMAP_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->error);

  G_OBJECT_CLASS (chronomap_export_dialog_parent_class)->finalize (object);
}

static void
chronomap_export_dialog_class_init (ChronomapExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronomap_export_dialog_dispose;
  object_class->finalize = chronomap_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronomap-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, form);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, shown_row);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, all_row);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, shown_check);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, all_check);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, filter_note);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronomapExportDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "export.run", NULL, run_action_cb);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chronomap_export_dialog_init (ChronomapExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->shown_check, "notify::active", G_CALLBACK (scope_toggled_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * chronomap_export_dialog_new:
 * @window: the window whose file and time window are exported
 *
 * Returns: (transfer floating): a new export dialog, transient for @window
 */
ChronomapExportDialog *
chronomap_export_dialog_new (ChronomapWindow *window)
{
  ChronomapExportDialog *self;

  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (window), NULL);

  self = g_object_new (CHRONOMAP_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  /* the format last exported from this window, not GeoJSON every time */
  if (g_object_get_data (G_OBJECT (window), LAST_FORMAT_KEY) != NULL)
    adw_combo_row_set_selected (self->format_row,
                                GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), LAST_FORMAT_KEY)) - 1);
  /* nothing in the time window: the file's events, rather than nothing */
  if (chronomap_view_model_get_n_visible (chronomap_window_get_model (window)) == 0)
    gtk_check_button_set_active (self->all_check, TRUE);
  update_scope (self);
  update_actions (self);
  return self;
}

void
chronomap_export_dialog_set_format (ChronomapExportDialog *self,
                                    ChronomapExportFormat  format)
{
  g_return_if_fail (CHRONOMAP_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format <= CHRONOMAP_EXPORT_GPKG);

  adw_combo_row_set_selected (self->format_row, format);
}

void
chronomap_export_dialog_set_everything (ChronomapExportDialog *self,
                                        gboolean               everything)
{
  g_return_if_fail (CHRONOMAP_IS_EXPORT_DIALOG (self));

  gtk_check_button_set_active (everything ? self->all_check : self->shown_check, TRUE);
}

/**
 * chronomap_export_dialog_start:
 * @file: where to write
 *
 * Exports to @file, as after the user picked it in the file chooser.
 */
void
chronomap_export_dialog_start (ChronomapExportDialog *self,
                               GFile                 *file)
{
  g_return_if_fail (CHRONOMAP_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->running)
    return;
  g_set_object (&self->file, file);
  start_export (self);
}

gboolean
chronomap_export_dialog_get_running (ChronomapExportDialog *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EXPORT_DIALOG (self), FALSE);
  return self->running;
}

/**
 * chronomap_export_dialog_get_error:
 *
 * Returns: (nullable): the message of the last failed export
 */
const char *
chronomap_export_dialog_get_error (ChronomapExportDialog *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EXPORT_DIALOG (self), NULL);
  return self->error;
}
