/* chronomap-save-chooser.c: where to save an export, and as what type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The save dialog of the exports: a name proposed beside the data, the
 * types offered below the list, and choices (size, pace, period).  With
 * no type offered (Export Animation Frames' new folder) the name is
 * saved as it is given.  What the user gives is made one file of one type:
 * a name typed with a type's suffix keeps it, whatever type is chosen;
 * a name typed without one takes the chosen type's; the name proposed,
 * left as it is with another type chosen, takes that type's suffix.  A
 * suffix added must not replace a file the dialog did not ask about.
 * In a sandbox, the file the document portal lent is the only one the
 * app may write: its name is kept, and a name that can't be the type
 * chosen is refused, saying why.
 */
#define G_LOG_DOMAIN "chronomap-save-chooser"

#include "config.h"

#include "chronomap-save-chooser.h"

#include <string.h>

#include <glib/gi18n.h>

struct _ChronomapSaveChooser
{
  GObject               parent_instance;

  GtkFileChooserNative *chooser;
  char                 *given;          /* the name proposed */
  GPtrArray            *suffixes;       /* that name a type, offered or not: ".mp4" */
  char                 *first_chosen;   /* the type chosen at first */
  char                 *untyped_lent;   /* what a lent name without one is, or NULL: the chosen type */
};

G_DEFINE_FINAL_TYPE (ChronomapSaveChooser, chronomap_save_chooser, G_TYPE_OBJECT)

enum
{
  SAVED,
  REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * chronomap_lent_by_portal:
 * @path: a file's path
 *
 * Whether @path is a file the document portal lent a sandboxed app: only
 * that name can be written there (other names in its folder are taken for
 * temporary files and go), so a suffix cannot be added to it.
 */
gboolean
chronomap_lent_by_portal (const char *path)
{
  g_autofree char *doc = g_build_filename (g_get_user_runtime_dir (), "doc", NULL);

  return g_str_has_prefix (path, doc) && path[strlen (doc)] == G_DIR_SEPARATOR;
}

/**
 * chronomap_save_path_with_suffix:
 * @path: a file's path, without a type's suffix
 * @suffix: the suffix to add, ".png"
 *
 * @path with @suffix, which the name the user gave lacked.  A save dialog
 * asks only about replacing the name it was given: a file of the new
 * name is not replaced.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL with @error
 *   set when a file of that name is there already
 */
char *
chronomap_save_path_with_suffix (const char  *path,
                                 const char  *suffix,
                                 GError     **error)
{
  g_autofree char *full = g_strconcat (path, suffix, NULL);

  if (g_file_test (full, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_basename (full);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” is there already: choose it by its whole name to replace it."), display);
      return NULL;
    }
  return g_steal_pointer (&full);
}

/* The type, offered or not, whose suffix @path ends with, or NULL. */
static const char *
typed_suffix (ChronomapSaveChooser *self,
              const char           *path)
{
  gsize len = strlen (path);

  for (guint i = 0; i < self->suffixes->len; i++)
    {
      const char *suffix = g_ptr_array_index (self->suffixes, i);
      gsize n = strlen (suffix);

      if (len > n && g_ascii_strcasecmp (path + len - n, suffix) == 0)
        return suffix;
    }
  return NULL;
}

static void
refuse (ChronomapSaveChooser *self,
        const char           *message)
{
  g_signal_emit (self, signals[REFUSED], 0, message);
}

static void
response_cb (GtkNativeDialog      *dialog,
             int                   response,
             ChronomapSaveChooser *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  GtkFileFilter *filter;
  const char *chosen, *typed;

  if (response != GTK_RESPONSE_ACCEPT)
    goto done;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto done;
  basename = g_path_get_basename (path);
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
  typed = typed_suffix (self, path);
  chosen = filter != NULL ? g_object_get_data (G_OBJECT (filter), "suffix") : NULL;
  if (chosen == NULL)
    chosen = self->first_chosen;
  if (chosen == NULL && typed == NULL)
    {
      /* no type to be: a folder, named as the user wants */
      g_signal_emit (self, signals[SAVED], 0, path, NULL);
      goto done;
    }

  if (chronomap_lent_by_portal (path))
    {
      /* the name is the only one the app may write: a name typed with a
       * type says it, a name without one is the chosen type (or what it
       * can only be); the name given with another type chosen can't be */
      const char *type = typed != NULL ? typed : self->untyped_lent != NULL ? self->untyped_lent : chosen;

      if ((g_strcmp0 (basename, self->given) == 0 || typed == NULL) && g_strcmp0 (type, chosen) != 0)
        {
          g_autofree char *display = g_filename_display_name (basename);
          /* Translators: the first %s is a file's name ("map.mp4"), the
           * second the suffix of the type chosen for it (".webm") */
          g_autofree char *message = g_strdup_printf (_("“%s” is not the name of that type of file, "
                                                        "and Chronomap may write only the name chosen: "
                                                        "save again with a name that ends in %s."),
                                                      display, chosen);

          refuse (self, message);
          goto done;
        }
      g_signal_emit (self, signals[SAVED], 0, path, type);
      goto done;
    }

  /* "WebM video" chosen below the list with the name left as it was
   * given ("map.mp4"): "map.webm"; a name typed without a type's suffix
   * ("map") takes the chosen type's; a name typed with one keeps it */
  if (typed == NULL || (g_strcmp0 (basename, self->given) == 0 && g_strcmp0 (typed, chosen) != 0))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *full = NULL;

      if (typed != NULL)
        path[strlen (path) - strlen (typed)] = '\0';
      if ((full = chronomap_save_path_with_suffix (path, chosen, &error)) == NULL)
        {
          refuse (self, error->message);
          goto done;
        }
      g_signal_emit (self, signals[SAVED], 0, full, chosen);
      goto done;
    }
  g_signal_emit (self, signals[SAVED], 0, path, typed);

done:
  gtk_native_dialog_hide (dialog);
  /* shown, it kept itself until now */
  g_object_unref (self);
}

static void
chronomap_save_chooser_dispose (GObject *object)
{
  ChronomapSaveChooser *self = CHRONOMAP_SAVE_CHOOSER (object);

  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (chronomap_save_chooser_parent_class)->dispose (object);
}

static void
chronomap_save_chooser_finalize (GObject *object)
{
  ChronomapSaveChooser *self = CHRONOMAP_SAVE_CHOOSER (object);

  g_free (self->given);
  g_free (self->first_chosen);
  g_free (self->untyped_lent);
  g_ptr_array_unref (self->suffixes);
  G_OBJECT_CLASS (chronomap_save_chooser_parent_class)->finalize (object);
}

static void
chronomap_save_chooser_class_init (ChronomapSaveChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chronomap_save_chooser_dispose;
  object_class->finalize = chronomap_save_chooser_finalize;

  /**
   * ChronomapSaveChooser::saved:
   * @path: the file to write
   * @suffix: (nullable): the suffix of its type (".png"), whatever its
   *   name ends with, or %NULL when no type was offered
   *
   * The user chose where to save, and it can be written.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * ChronomapSaveChooser::refused:
   * @message: why the name chosen can't be saved, for the user
   */
  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
chronomap_save_chooser_init (ChronomapSaveChooser *self)
{
  self->suffixes = g_ptr_array_new_with_free_func (g_free);
}

/**
 * chronomap_save_chooser_new_native:
 * @parent: the window the export is of
 * @title: the dialog's title
 * @folder: the folder it opens in
 * @name: the name it proposes
 *
 * The modal save dialog the exports use, with no types to choose:
 * what a #ChronomapSaveChooser shows.
 *
 * Returns: (transfer full): the dialog
 */
GtkFileChooserNative *
chronomap_save_chooser_new_native (GtkWindow  *parent,
                                   const char *title,
                                   const char *folder,
                                   const char *name)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));
  g_autoptr(GFile) dir = g_file_new_for_path (folder);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  return chooser;
}

/**
 * chronomap_save_chooser_new:
 * @parent: the window the export is of
 * @title: the dialog's title
 * @folder: the folder it opens in
 * @name: the name it proposes
 *
 * Returns: (transfer full): a save dialog, to give types and choices and
 *   to show
 */
ChronomapSaveChooser *
chronomap_save_chooser_new (GtkWindow  *parent,
                            const char *title,
                            const char *folder,
                            const char *name)
{
  ChronomapSaveChooser *self = g_object_new (CHRONOMAP_TYPE_SAVE_CHOOSER, NULL);

  self->chooser = chronomap_save_chooser_new_native (parent, title, folder, name);
  self->given = g_strdup (name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (response_cb), self);
  return self;
}

/**
 * chronomap_save_chooser_add_type:
 * @label: the type as the list below the files names it
 * @mime_type: (nullable): its MIME type, for the files it lists
 * @suffix: the suffix of its files, ".mp4"
 * @chosen: whether it is the type chosen at first
 */
void
chronomap_save_chooser_add_type (ChronomapSaveChooser *self,
                                 const char           *label,
                                 const char           *mime_type,
                                 const char           *suffix,
                                 gboolean              chosen)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (CHRONOMAP_IS_SAVE_CHOOSER (self));
  g_return_if_fail (suffix != NULL && suffix[0] == '.');

  chronomap_save_chooser_add_suffix (self, suffix);
  gtk_file_filter_set_name (filter, label);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix + 1);
  g_object_set_data_full (G_OBJECT (filter), "suffix", g_strdup (suffix), g_free);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (chosen || self->first_chosen == NULL)
    {
      g_free (self->first_chosen);
      self->first_chosen = g_strdup (suffix);
    }
  if (chosen)
    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), filter);
}

/**
 * chronomap_save_chooser_set_folder_type:
 * @label: what is saved, as the list below the files names it: "Folder
 *   of PNG images"
 *
 * The dialog saves a new folder, named as the user gives it, and lists
 * the folders there; no other type may be added.
 */
void
chronomap_save_chooser_set_folder_type (ChronomapSaveChooser *self,
                                        const char           *label)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (CHRONOMAP_IS_SAVE_CHOOSER (self));
  g_return_if_fail (self->suffixes->len == 0);

  gtk_file_filter_set_name (filter, label);
  gtk_file_filter_add_mime_type (filter, "inode/directory");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
}

/**
 * chronomap_save_chooser_add_suffix:
 * @suffix: the suffix of a type of file not offered, ".mp4"
 *
 * A name typed with @suffix keeps it, as a type offered would, rather
 * than taking the chosen type's: "talk.mp4" where MP4 can't be written
 * stays an MP4, which the export then says it can't write, and is not
 * saved as "talk.mp4.webm", or as WebM in a file called "talk.mp4".
 */
void
chronomap_save_chooser_add_suffix (ChronomapSaveChooser *self,
                                   const char           *suffix)
{
  g_return_if_fail (CHRONOMAP_IS_SAVE_CHOOSER (self));
  g_return_if_fail (suffix != NULL && suffix[0] == '.');

  for (guint i = 0; i < self->suffixes->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->suffixes, i), suffix) == 0)
      return;
  g_ptr_array_add (self->suffixes, g_strdup (suffix));
}

/**
 * chronomap_save_chooser_set_untyped_lent:
 * @suffix: (nullable): the type a file the document portal lent is
 *   written as when its name has no type's suffix; %NULL for the type
 *   chosen
 *
 * A map image is written in the type its name says, a PNG without one;
 * a video in the type chosen, whatever its name.
 */
void
chronomap_save_chooser_set_untyped_lent (ChronomapSaveChooser *self,
                                         const char           *suffix)
{
  g_return_if_fail (CHRONOMAP_IS_SAVE_CHOOSER (self));

  g_free (self->untyped_lent);
  self->untyped_lent = g_strdup (suffix);
}

/**
 * chronomap_save_chooser_add_choice:
 * @id: the choice's id, for chronomap_save_chooser_get_choice()
 * @label: its label
 * @ids: the options' ids, %NULL-terminated
 * @labels: their labels
 * @chosen: the id of the option chosen at first
 *
 * GTK 4.8's gtk_file_chooser_set_choice() leaves a native chooser's
 * first option selected: the chosen one comes first, the others after it
 * in their order.
 */
void
chronomap_save_chooser_add_choice (ChronomapSaveChooser *self,
                                   const char           *id,
                                   const char           *label,
                                   const char * const   *ids,
                                   const char * const   *labels,
                                   const char           *chosen)
{
  g_autoptr(GPtrArray) order_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) order_labels = g_ptr_array_new ();

  g_return_if_fail (CHRONOMAP_IS_SAVE_CHOOSER (self));

  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; ids[k] != NULL; k++)
      if (g_str_equal (ids[k], chosen) == (pass == 0))
        {
          g_ptr_array_add (order_ids, (gpointer) ids[k]);
          g_ptr_array_add (order_labels, (gpointer) labels[k]);
        }
  g_ptr_array_add (order_ids, NULL);
  g_ptr_array_add (order_labels, NULL);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), id, label,
                               (const char **) order_ids->pdata, (const char **) order_labels->pdata);
}

/**
 * chronomap_save_chooser_get_choice:
 *
 * Returns: (nullable): the id of the option chosen for @id
 */
const char *
chronomap_save_chooser_get_choice (ChronomapSaveChooser *self,
                                   const char           *id)
{
  g_return_val_if_fail (CHRONOMAP_IS_SAVE_CHOOSER (self), NULL);

  return gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (self->chooser), id);
}

/**
 * chronomap_save_chooser_show:
 *
 * Shows the dialog; the chooser keeps itself until the user answers, then
 * says ::saved or ::refused, or nothing if the user cancelled.
 */
void
chronomap_save_chooser_show (ChronomapSaveChooser *self)
{
  g_return_if_fail (CHRONOMAP_IS_SAVE_CHOOSER (self));

  g_object_ref (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
