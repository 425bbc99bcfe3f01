/* chronomap-import-dialog.c: importing event data sets from the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same import as `chronomap-cli import`, with a preview of the first
 * rows and, for a generic CSV, a column for each field chosen from the
 * file's header.  A new database is written beside its final name and only
 * renamed into place when the import succeeded; the open file is written to
 * only when the user picked "Add to the open file", and then in the
 * importer's single transaction.
 */
#define G_LOG_DOMAIN "chronomap-import-dialog"

#include "config.h"

#include "chronomap-import-dialog.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "chronomap-csv.h"
#include "chronomap-database.h"
#include "chronomap-number.h"
#include "chronomap-paths.h"

/* Enough rows to recognise a file by, few enough to read on the main thread. */
#define N_PREVIEW_ROWS 5
#define PREVIEW_MAX_RECORD (1024 * 1024)

/* The generic CSV's fields (chronomap_importer_set_column()) offered in the
 * dialog, with the header names each is guessed from, compared without case,
 * spaces, dashes or underscores, best first. */
static const struct
{
  const char *field;
  const char *title;
  const char *guesses;
} map_fields[] = {
  { "date", N_("Date"), "date event_date start_date date_start begin start day when year" },
  { "end_date", N_("End Date"), "end_date date_end end until" },
  { "place", N_("Place"), "place location where where_coordinates city town locality place_name site" },
  { "latitude", N_("Latitude"), "latitude lat y" },
  { "longitude", N_("Longitude"), "longitude lon lng long x" },
  { "type", N_("Type"), "type event_type category kind" },
  { "actor1", N_("Actor"), "actor1 actor actors perpetrator side_a" },
  { "actor2", N_("Second Actor"), "actor2 target side_b" },
  { "fatalities", N_("Fatalities"), "fatalities deaths killed dead casualties best" },
  { "notes", N_("Notes"), "notes note description summary details text comments comment" },
  { "source", N_("Source"), "source sources source_name publisher" },
};
#define N_MAP_FIELDS G_N_ELEMENTS (map_fields)

struct _ChronomapImportDialog
{
  AdwWindow              parent_instance;

  ChronomapWindow       *window;
  GCancellable          *cancellable;
  GPtrArray             *paths;           /* char *, the files to import */
  GFile                 *target;          /* the new database, when not appending */
  ChronomapImportFormat  format;
  char                   delimiter;
  gboolean               has_header;
  GPtrArray             *columns;         /* char *, the first file's column names */
  GtkStringList         *column_model;    /* "None", then the columns */
  AdwComboRow           *field_rows[N_MAP_FIELDS];
  guint                  n_preview_rows;
  gboolean               updating;
  gboolean               start_after_target;

  /* The running import */
  gboolean               running;
  ChronomapDatabase     *db;
  ChronomapImporter     *importer;
  GFileOutputStream     *report;
  char                  *db_path;
  char                  *part_path;
  char                  *report_path;
  char                  *error;

  /* Template widgets */
  GtkBox                *form;
  GtkScrolledWindow     *scroller;
  GtkRevealer           *error_revealer;
  GtkLabel              *error_heading;
  GtkLabel              *error_label;
  AdwActionRow          *files_row;
  AdwComboRow           *format_row;
  AdwPreferencesGroup   *preview_group;
  GtkGrid               *preview_grid;
  GtkLabel              *preview_placeholder;
  AdwPreferencesGroup   *columns_group;
  AdwActionRow          *new_row;
  GtkCheckButton        *new_check;
  AdwActionRow          *append_row;
  GtkCheckButton        *append_check;
  AdwActionRow          *skip_row;
  GtkSwitch             *skip_switch;
  GtkRevealer           *progress_revealer;
  GtkProgressBar        *progress_bar;
};

G_DEFINE_FINAL_TYPE (ChronomapImportDialog, chronomap_import_dialog, ADW_TYPE_WINDOW)

/* Helpers */

static char *
normalize_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (*p != ' ' && *p != '_' && *p != '-' && *p != '.')
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

/* The open file, when events may be added to it. */
static const char *
open_file_path (ChronomapImportDialog *self)
{
  ChronomapEventStore *store = chronomap_window_get_store (self->window);
  g_autofree char *read_only = NULL;

  if (store == NULL || (read_only = chronomap_window_get_read_only_reason (self->window)) != NULL)
    return NULL;
  return chronomap_database_get_path (chronomap_event_store_get_database (store));
}

static void
show_error (ChronomapImportDialog *self,
            const char            *heading,
            const char            *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_heading, heading != NULL ? heading : "");
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
  /* the card is at the top of the form: bring it into view, wherever
   * the user had scrolled to (the columns are further down) */
  if (message != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* Whether the events can be dated: a CSV's Date column chosen (the
 * other formats name theirs).  A CSV whose columns are unknown yet is
 * left for the importer to say. */
static gboolean
has_dates (ChronomapImportDialog *self)
{
  return self->format != CHRONOMAP_IMPORT_CSV || self->columns->len == 0 ||
         chronomap_import_dialog_get_column (self, "date") != NULL;
}

static void
update_actions (ChronomapImportDialog *self)
{
  gboolean append = gtk_check_button_get_active (self->append_check);
  gboolean dated = has_dates (self);

  /* said where it is chosen, rather than after the file is written */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->field_rows[0]),
                               dated ? NULL : _("Needed: the column that holds each event’s date"));
  if (dated)
    gtk_widget_remove_css_class (GTK_WIDGET (self->field_rows[0]), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->field_rows[0]), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run",
                                 !self->running && self->paths->len > 0 && dated &&
                                 (!append || open_file_path (self) != NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form), !self->running);
}

static char *
report_path_for (const char *db_path)
{
  return g_strconcat (db_path, ".import-report.txt", NULL);
}

static void
update_destination (ChronomapImportDialog *self)
{
  const char *open_path = open_file_path (self);
  gboolean append = gtk_check_button_get_active (self->append_check);
  g_autofree char *target_path = self->target != NULL ? g_file_get_path (self->target) : NULL;
  g_autofree char *report = NULL;
  g_autofree char *subtitle = NULL;
  const char *db_path = append ? open_path : target_path;

  if (target_path != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->new_row), target_path);
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->new_row),
                                 _("You will be asked where to save it"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->append_row), open_path != NULL);
  if (open_path == NULL && chronomap_window_get_store (self->window) != NULL)
    {
      g_autofree char *reason = chronomap_window_get_read_only_reason (self->window);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->append_row), reason);
    }
  else if (open_path != NULL)
    {
      g_autofree char *basename = g_path_get_basename (open_path);
      g_autofree char *text = g_strdup_printf (_("“%s” is changed only if you choose this"),
                                               basename);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->append_row), text);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->append_row), _("No file is open"));

  if (db_path != NULL)
    {
      report = report_path_for (db_path);
      subtitle = g_strdup_printf (_("Import the good rows and list the bad ones in %s"), report);
    }
  else
    subtitle = g_strdup (_("Import the good rows and list the bad ones in a report beside the "
                           "database"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->skip_row), subtitle);
  update_actions (self);
}

static void
update_files_row (ChronomapImportDialog *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->paths->len; i++)
    {
      g_autofree char *basename = g_path_get_basename (g_ptr_array_index (self->paths, i));

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, basename);
    }
  adw_action_row_set_subtitle (self->files_row,
                               names->len > 0 ? names->str : _("No file chosen"));
}

static int
guess_column (ChronomapImportDialog *self,
              guint                  field)
{
  g_auto(GStrv) guesses = g_strsplit (map_fields[field].guesses, " ", -1);

  for (guint g = 0; guesses[g] != NULL; g++)
    {
      g_autofree char *guess = normalize_name (guesses[g]);

      for (guint c = 0; c < self->columns->len; c++)
        {
          g_autofree char *name = normalize_name (g_ptr_array_index (self->columns, c));

          if (strcmp (name, guess) == 0)
            return c;
        }
    }
  return -1;
}

static void
clear_preview (ChronomapImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
  self->n_preview_rows = 0;
}

static GtkWidget *
preview_label (const char *text,
               gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Ellipsized labels would shrink to "…" in the scrolled preview: each
   * column is as wide as its text, up to a limit. */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1), 20));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_tooltip_text (label, text);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
set_columns (ChronomapImportDialog *self,
             GPtrArray             *columns)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->column_model));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  g_ptr_array_set_size (self->columns, 0);
  g_strv_builder_add (builder, C_("column", "None"));
  for (guint i = 0; i < columns->len; i++)
    {
      g_ptr_array_add (self->columns, g_strdup (g_ptr_array_index (columns, i)));
      g_strv_builder_add (builder, g_ptr_array_index (columns, i));
    }
  items = g_strv_builder_end (builder);
  gtk_string_list_splice (self->column_model, 0, n_old, (const char * const *) items);

  for (guint f = 0; f < N_MAP_FIELDS; f++)
    adw_combo_row_set_selected (self->field_rows[f], guess_column (self, f) + 1);
}

/* The first rows of the first file, read with the importer's own reader so
 * that what shows is what will be read. */
static void
load_preview (ChronomapImportDialog *self)
{
  g_autoptr(ChronomapCsvReader) reader = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *path;
  guint n_columns = 0;

  clear_preview (self);
  /* Nothing to preview or map before a file is chosen. */
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), self->paths->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group),
                          self->paths->len > 0 && self->format == CHRONOMAP_IMPORT_CSV);
  if (self->paths->len == 0)
    {
      set_columns (self, columns);
      return;
    }
  path = g_ptr_array_index (self->paths, 0);
  if (self->format == CHRONOMAP_IMPORT_GEOJSON)
    {
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->preview_grid)), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_placeholder), TRUE);
      gtk_label_set_label (self->preview_placeholder,
                           _("GeoJSON files are read feature by feature; their dates come from "
                             "each feature’s “time” member or its date property."));
      set_columns (self, columns);
      return;
    }

  reader = chronomap_csv_reader_open (path, self->delimiter,
                                      self->format == CHRONOMAP_IMPORT_GDELT ? CHRONOMAP_CSV_NO_QUOTES :
                                                                               CHRONOMAP_CSV_DEFAULT,
                                      &error);
  if (reader != NULL)
    {
      chronomap_csv_reader_set_max_record (reader, PREVIEW_MAX_RECORD);
      if (self->has_header && chronomap_csv_reader_read_header (reader, NULL, &error))
        {
          n_columns = chronomap_csv_reader_get_n_columns (reader);
          for (guint c = 0; c < n_columns; c++)
            g_ptr_array_add (columns, g_strdup (chronomap_csv_reader_get_column_name (reader, c)));
        }
      while (error == NULL && self->n_preview_rows < N_PREVIEW_ROWS &&
             chronomap_csv_reader_next (reader, NULL, &error))
        {
          guint n = chronomap_csv_reader_get_n_fields (reader);

          while (!self->has_header && columns->len < n)
            g_ptr_array_add (columns, g_strdup_printf ("%u", columns->len + 1));
          for (guint c = 0; c < n; c++)
            {
              const char *text = chronomap_csv_reader_get_field (reader, c);
              g_autofree char *line = g_strdelimit (g_strdup (text), "\r\n", ' ');

              gtk_grid_attach (self->preview_grid, preview_label (line, FALSE), c,
                               self->n_preview_rows + 1, 1, 1);
            }
          self->n_preview_rows++;
        }
    }
  for (guint c = 0; c < columns->len; c++)
    gtk_grid_attach (self->preview_grid, preview_label (g_ptr_array_index (columns, c), TRUE),
                     c, 0, 1, 1);

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->preview_grid)),
                          self->n_preview_rows > 0 || columns->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_placeholder), error != NULL ||
                          (self->n_preview_rows == 0 && columns->len == 0));
  if (error != NULL)
    gtk_label_set_label (self->preview_placeholder, error->message);
  else
    gtk_label_set_label (self->preview_placeholder, _("The file is empty"));
  set_columns (self, columns);
}

static void
format_changed (ChronomapImportDialog *self)
{
  self->has_header = TRUE;
  if (self->format == CHRONOMAP_IMPORT_GDELT)
    {
      self->delimiter = '\t';
      self->has_header = FALSE;
    }
  else if (self->format == CHRONOMAP_IMPORT_UCDP && self->paths->len > 0)
    {
      g_autoptr(ChronomapCsvReader) reader =
        chronomap_csv_reader_open (g_ptr_array_index (self->paths, 0), ',', CHRONOMAP_CSV_DEFAULT, NULL);

      if (reader != NULL)
        {
          chronomap_csv_reader_set_max_record (reader, PREVIEW_MAX_RECORD);
          if (chronomap_csv_reader_next (reader, NULL, NULL))
            self->has_header = !chronomap_is_all_digits (chronomap_csv_reader_get_field (reader, 0));
        }
    }
  load_preview (self);
  update_actions (self);
}

static void
import_progress_cb (guint64  bytes_done,
                    guint64  bytes_total,
                    guint64  n_rows,
                    gpointer user_data)
{
  ChronomapImportDialog *self = user_data;
  g_autofree char *text = NULL;

  /* Closed while importing: the template's widgets are gone. */
  if (self->window == NULL)
    return;
  if (bytes_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) bytes_done / bytes_total));
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu row read", "%llu rows read",
                                       n_rows),
                          (unsigned long long) n_rows);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
finish_running (ChronomapImportDialog *self)
{
  self->running = FALSE;
  g_clear_object (&self->cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);
}

/* A new database that failed leaves nothing behind. */
static void
remove_part (ChronomapImportDialog *self)
{
  g_autofree char *journal = NULL;

  if (self->part_path == NULL)
    return;
  journal = g_strconcat (self->part_path, "-journal", NULL);
  g_unlink (journal);
  g_unlink (self->part_path);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ChronomapImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *toast = NULL;
  gboolean ok, bad_row;
  guint64 n_events, n_skipped, n_updated;

  ok = chronomap_importer_run_finish (self->importer, result, &error);
  bad_row = !ok && chronomap_importer_get_stopped_at_bad_row (self->importer);
  n_updated = chronomap_importer_get_n_updated (self->importer);
  n_events = chronomap_importer_get_n_inserted (self->importer) + n_updated;
  n_skipped = chronomap_importer_get_n_skipped (self->importer);
  if (self->report != NULL)
    g_output_stream_close (G_OUTPUT_STREAM (self->report), NULL, NULL);
  g_clear_object (&self->report);
  g_clear_pointer (&self->importer, chronomap_importer_free);
  g_clear_object (&self->db);

  if (self->window == NULL)
    {
      /* Closed while importing: nothing is opened, nothing left behind. */
      remove_part (self);
      self->running = FALSE;
      return;
    }
  if (ok && self->part_path != NULL && g_rename (self->part_path, self->db_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s",
                   self->db_path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      remove_part (self);
      if (self->report_path != NULL)
        g_unlink (self->report_path);
      finish_running (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* the file may be good but for a few rows: say how to get the rest */
          g_autofree char *message = bad_row ?
            g_strdup_printf ("%s\n%s", error->message,
                             _("To import the rows that can be read, turn on “Skip Bad Rows”.")) :
            g_strdup (error->message);

          show_error (self, self->part_path != NULL ?
                            _("Nothing was imported; no database was created") :
                            _("Nothing was imported; the open file is unchanged"),
                      message);
        }
      return;
    }

  if (self->report_path != NULL && n_skipped == 0)
    g_unlink (self->report_path);
  if (n_skipped > 0)
    {
      /* two counts, each with its own plural */
      g_autofree char *imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %llu event",
                                                                "Imported %llu events", n_events),
                                                   (unsigned long long) n_events);
      g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "skipped %llu bad row, listed in %s",
                                                               "skipped %llu bad rows, listed in %s",
                                                               n_skipped),
                                                  (unsigned long long) n_skipped, self->report_path);

      /* Translators: the toast after an import that skipped bad rows:
       * "Imported 3 events" and "skipped 1 bad row, listed in FILE" */
      toast = g_strdup_printf (_("%s; %s"), imported, skipped);
    }
  else if (n_updated > 0)
    /* Translators: a re-import updates the events already in the file */
    toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %llu event: %llu new, %llu updated",
                                          "Imported %llu events: %llu new, %llu updated", n_events),
                             (unsigned long long) n_events, (unsigned long long) (n_events - n_updated),
                             (unsigned long long) n_updated);
  else
    toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %llu event",
                                          "Imported %llu events", n_events),
                             (unsigned long long) n_events);

  finish_running (self);
  file = g_file_new_for_path (self->db_path);
  chronomap_window_open (self->window, file);
  {
    AdwToast *t = chronomap_toast_new (toast);

    /* the skipped rows are the analyst's to fix: one click away */
    if (n_skipped > 0 && self->report_path != NULL)
      {
        adw_toast_set_button_label (t, _("_Show Report"));
        adw_toast_set_action_name (t, "win.show-file");
        adw_toast_set_action_target_value (t, g_variant_new_string (self->report_path));
      }
    chronomap_window_add_toast (self->window, t);
  }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_import (ChronomapImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean append = gtk_check_button_get_active (self->append_check);
  ChronomapImportFlags flags = CHRONOMAP_IMPORT_DEFAULT;

  g_assert (!self->running);

  if (self->paths->len == 0)
    return;
  if (!append && self->target == NULL)
    {
      self->start_after_target = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "import.choose-target", NULL);
      return;
    }

  show_error (self, NULL, NULL);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->part_path, g_free);
  g_clear_pointer (&self->report_path, g_free);
  if (append)
    self->db_path = g_strdup (open_file_path (self));
  else
    {
      self->db_path = g_file_get_path (self->target);
      self->part_path = g_strconcat (self->db_path, ".part", NULL);
      remove_part (self);
    }
  if (self->db_path == NULL)
    return;

  self->db = chronomap_database_open (self->part_path != NULL ? self->part_path : self->db_path,
                                      CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                      &error);
  if (self->db == NULL)
    {
      remove_part (self);
      show_error (self, _("Could not open the database"), error->message);
      return;
    }

  if (gtk_switch_get_active (self->skip_switch))
    flags |= CHRONOMAP_IMPORT_SKIP_BAD_ROWS;
  self->importer = chronomap_importer_new (self->db, self->format, flags);
  if (self->format == CHRONOMAP_IMPORT_CSV)
    {
      chronomap_importer_set_delimiter (self->importer, self->delimiter);
      for (guint f = 0; f < N_MAP_FIELDS; f++)
        {
          const char *column = chronomap_import_dialog_get_column (self, map_fields[f].field);

          if (column != NULL &&
              !chronomap_importer_set_column (self->importer, map_fields[f].field, column, &error))
            {
              g_clear_pointer (&self->importer, chronomap_importer_free);
              g_clear_object (&self->db);
              remove_part (self);
              show_error (self, _("The columns can’t be used"), error->message);
              return;
            }
        }
    }
  if (flags & CHRONOMAP_IMPORT_SKIP_BAD_ROWS)
    {
      g_autoptr(GFile) report_file = NULL;

      self->report_path = report_path_for (self->db_path);
      report_file = g_file_new_for_path (self->report_path);
      self->report = g_file_replace (report_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
      if (self->report == NULL)
        {
          g_clear_pointer (&self->importer, chronomap_importer_free);
          g_clear_object (&self->db);
          remove_part (self);
          g_clear_pointer (&self->report_path, g_free);
          show_error (self, _("Could not write the report of skipped rows"), error->message);
          return;
        }
      chronomap_importer_set_report (self->importer, G_OUTPUT_STREAM (self->report));
    }
  chronomap_importer_set_progress_func (self->importer, import_progress_cb, self, NULL);

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_actions (self);
  chronomap_importer_run_async (self->importer, (const char * const *) self->paths->pdata,
                                self->cancellable, import_done_cb, g_object_ref (self));
}

/* Callbacks */

static void
format_selected_cb (ChronomapImportDialog *self)
{
  if (self->updating)
    return;
  self->format = adw_combo_row_get_selected (self->format_row);
  format_changed (self);
}

static void
destination_toggled_cb (ChronomapImportDialog *self)
{
  update_destination (self);
}

static void
files_response_cb (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  ChronomapImportDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      chronomap_import_dialog_set_files (self, files);
    }
  g_object_unref (dialog);
}

static void
target_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  ChronomapImportDialog *self = user_data;
  gboolean start = self->start_after_target;

  self->start_after_target = FALSE;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      chronomap_import_dialog_set_target (self, file);
      if (start)
        start_import (self);
    }
  g_object_unref (dialog);
}

static void
choose_files_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ChronomapImportDialog *self = CHRONOMAP_IMPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose Files to Import"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Event data (CSV, TSV, GeoJSON)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (filter, "application/geo+json");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "geojson");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (files_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
choose_target_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ChronomapImportDialog *self = CHRONOMAP_IMPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("New Event Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (self->paths->len > 0)
    {
      g_autofree char *basename = g_path_get_basename (g_ptr_array_index (self->paths, 0));
      char *dot = strrchr (basename, '.');

      if (dot != NULL && dot != basename)
        *dot = '\0';
      name = g_strconcat (basename, ".sqlite", NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     name != NULL ? name : _("events.sqlite"));
  /* beside the file it is made from, not wherever the app was started */
  {
    g_autofree char *dir = chronomap_paths_save_folder (self->paths->len > 0 ? g_ptr_array_index (self->paths, 0)
                                                                             : NULL,
                                                        G_USER_DIRECTORY_DOCUMENTS);
    g_autoptr(GFile) folder = g_file_new_for_path (dir);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  /* A new database is written as its name plus .part and renamed into place
   * once the import succeeded, so choosing an existing file replaces it only
   * then. */
  g_signal_connect (chooser, "response", G_CALLBACK (target_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
run_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  start_import (CHRONOMAP_IMPORT_DIALOG (widget));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChronomapImportDialog *self = CHRONOMAP_IMPORT_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
}

/* Vfuncs */

static gboolean
chronomap_import_dialog_close_request (GtkWindow *window)
{
  ChronomapImportDialog *self = CHRONOMAP_IMPORT_DIALOG (window);

  /* The import's callback holds a reference and cleans up after itself. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (chronomap_import_dialog_parent_class)->close_request (window);
}

static void
chronomap_import_dialog_dispose (GObject *object)
{
  ChronomapImportDialog *self = CHRONOMAP_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONOMAP_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->window);
  g_clear_object (&self->target);
  g_clear_object (&self->column_model);

  G_OBJECT_CLASS (chronomap_import_dialog_parent_class)->dispose (object);
}

static void
chronomap_import_dialog_finalize (GObject *object)
{
  ChronomapImportDialog *self = CHRONOMAP_IMPORT_DIALOG (object);

  g_assert (self->importer == NULL);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_free (self->db_path);
  g_free (self->part_path);
  g_free (self->report_path);
  g_free (self->error);

  G_OBJECT_CLASS (chronomap_import_dialog_parent_class)->finalize (object);
}

static void
chronomap_import_dialog_class_init (ChronomapImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = chronomap_import_dialog_dispose;
  object_class->finalize = chronomap_import_dialog_finalize;
  window_class->close_request = chronomap_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/chronomap-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, form);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, error_heading);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, files_row);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, preview_placeholder);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, new_check);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, append_row);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, append_check);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, skip_row);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, skip_switch);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronomapImportDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action_cb);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "import.choose-files", NULL, choose_files_action_cb);
  gtk_widget_class_install_action (widget_class, "import.choose-target", NULL, choose_target_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chronomap_import_dialog_init (ChronomapImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->paths = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->column_model = gtk_string_list_new (NULL);
  self->format = CHRONOMAP_IMPORT_CSV;
  self->delimiter = ',';
  self->has_header = TRUE;

  for (guint f = 0; f < N_MAP_FIELDS; f++)
    {
      self->field_rows[f] = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->field_rows[f]),
                                     _(map_fields[f].title));
      adw_combo_row_set_model (self->field_rows[f], G_LIST_MODEL (self->column_model));
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (self->field_rows[f]));
    }
  g_signal_connect_object (self->field_rows[0], "notify::selected", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);

  self->updating = TRUE;
  adw_combo_row_set_selected (self->format_row, self->format);
  self->updating = FALSE;
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (format_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->append_check, "notify::active", G_CALLBACK (destination_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  update_files_row (self);
  load_preview (self);
}

/* Public API */

/**
 * chronomap_import_dialog_new:
 * @window: the window whose file may be added to, and that opens the result
 *
 * Returns: (transfer floating): a new import dialog, transient for @window
 */
ChronomapImportDialog *
chronomap_import_dialog_new (ChronomapWindow *window)
{
  ChronomapImportDialog *self;

  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (window), NULL);

  self = g_object_new (CHRONOMAP_TYPE_IMPORT_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  update_destination (self);
  return self;
}

/**
 * chronomap_import_dialog_set_files:
 * @files: (element-type GFile): the files to import, all of one format
 *
 * Guesses the format from the first file and shows its first rows.
 */
void
chronomap_import_dialog_set_files (ChronomapImportDialog *self,
                                   GListModel            *files)
{
  g_return_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));
  g_return_if_fail (!self->running);

  g_ptr_array_set_size (self->paths, 0);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (self->paths, path);
    }
  update_files_row (self);
  show_error (self, NULL, NULL);

  if (self->paths->len > 0)
    {
      const char *first = g_ptr_array_index (self->paths, 0);

      self->delimiter = chronomap_import_guess_delimiter (first);
      self->format = chronomap_import_guess_format (first, self->delimiter);
    }
  self->updating = TRUE;
  adw_combo_row_set_selected (self->format_row, self->format);
  self->updating = FALSE;
  format_changed (self);
  update_destination (self);
}

ChronomapImportFormat
chronomap_import_dialog_get_format (ChronomapImportDialog *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self), CHRONOMAP_IMPORT_CSV);
  return self->format;
}

void
chronomap_import_dialog_set_format (ChronomapImportDialog *self,
                                    ChronomapImportFormat  format)
{
  g_return_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self));
  g_return_if_fail (format <= CHRONOMAP_IMPORT_CSV);

  adw_combo_row_set_selected (self->format_row, format);
}

/**
 * chronomap_import_dialog_get_column:
 * @field: a field of chronomap_importer_set_column(), e.g. "date"
 *
 * Returns: (nullable): the column chosen for @field, %NULL for none
 */
const char *
chronomap_import_dialog_get_column (ChronomapImportDialog *self,
                                    const char            *field)
{
  g_return_val_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (guint f = 0; f < N_MAP_FIELDS; f++)
    if (strcmp (map_fields[f].field, field) == 0)
      {
        guint selected = adw_combo_row_get_selected (self->field_rows[f]);

        if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > self->columns->len)
          return NULL;
        return g_ptr_array_index (self->columns, selected - 1);
      }
  return NULL;
}

guint
chronomap_import_dialog_get_n_preview_rows (ChronomapImportDialog *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self), 0);
  return self->n_preview_rows;
}

/**
 * chronomap_import_dialog_get_preview_cell:
 * @row: 0 for the header, then the file's rows
 *
 * Returns: (nullable): the text the preview shows at @row, @column
 */
const char *
chronomap_import_dialog_get_preview_cell (ChronomapImportDialog *self,
                                          guint                  row,
                                          guint                  column)
{
  GtkWidget *label;

  g_return_val_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self), NULL);

  label = gtk_grid_get_child_at (self->preview_grid, column, row);
  return label != NULL ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

/**
 * chronomap_import_dialog_set_target:
 * @file: (nullable): where to create the new database
 */
void
chronomap_import_dialog_set_target (ChronomapImportDialog *self,
                                    GFile                 *file)
{
  g_return_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->target, file);
  if (file != NULL)
    gtk_check_button_set_active (self->new_check, TRUE);
  update_destination (self);
}

void
chronomap_import_dialog_set_append (ChronomapImportDialog *self,
                                    gboolean               append)
{
  g_return_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self));

  gtk_check_button_set_active (append ? self->append_check : self->new_check, TRUE);
}

void
chronomap_import_dialog_set_skip_bad_rows (ChronomapImportDialog *self,
                                           gboolean               skip)
{
  g_return_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self));

  gtk_switch_set_active (self->skip_switch, skip);
}

/**
 * chronomap_import_dialog_start:
 *
 * Does what the Import button does.
 */
void
chronomap_import_dialog_start (ChronomapImportDialog *self)
{
  g_return_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self));

  if (!self->running)
    start_import (self);
}

gboolean
chronomap_import_dialog_get_running (ChronomapImportDialog *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self), FALSE);
  return self->running;
}

/**
 * chronomap_import_dialog_get_error:
 *
 * Returns: (nullable): the message of the last failed import
 */
const char *
chronomap_import_dialog_get_error (ChronomapImportDialog *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_IMPORT_DIALOG (self), NULL);
  return self->error;
}
