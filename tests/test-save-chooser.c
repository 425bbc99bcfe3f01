/* test-save-chooser.c: where an export is saved, and as what, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The save dialog of the exports alone, answered as a user would: each
 * way of giving a name, with each type chosen below the list, makes one
 * file of one type, or is refused, saying why; in a sandbox the file the
 * document portal lent keeps its name.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>

#include "chronomap-save-chooser.h"
#include "chronomap-test-utils.h"
#include "chronomap-ui-test-utils.h"

typedef enum
{
  IMAGES,      /* PNG, SVG, PDF, as Export Map Image offers them */
  VIDEOS,      /* MP4, WebM, as Export Video does */
  WEBM_ONLY,   /* WebM alone, where no H.264 encoder is installed */
} Kind;

/* What became of a save: the file and type, or why it was refused. */
typedef struct
{
  char *path;
  char *suffix;
  char *refused;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->path, g_free);
  g_clear_pointer (&outcome->suffix, g_free);
  g_clear_pointer (&outcome->refused, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

/* Shows a dialog of @kind proposing @given in @folder, then saves in
 * @answer_folder with @name typed (%NULL: the proposed name kept) and the
 * type @type chosen below the list, or cancels if @type is -1. */
static void
save (GtkWindow  *parent,
      Kind        kind,
      const char *folder,
      const char *given,
      const char *answer_folder,
      const char *name,
      int         type,
      Outcome    *outcome)
{
  GtSignalLogger *logger = gt_signal_logger_new ();
  ChronomapSaveChooser *chooser = chronomap_save_chooser_new (parent, "Save", folder, given);
  g_autoptr(GFile) answer = g_file_new_for_path (answer_folder);
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkFileChooser *dialog;

  if (kind == IMAGES)
    {
      chronomap_save_chooser_add_type (chooser, "PNG image", NULL, ".png", TRUE);
      chronomap_save_chooser_add_type (chooser, "SVG drawing", NULL, ".svg", FALSE);
      chronomap_save_chooser_add_type (chooser, "PDF document", NULL, ".pdf", FALSE);
      chronomap_save_chooser_set_untyped_lent (chooser, ".png");
    }
  else if (kind == VIDEOS)
    {
      chronomap_save_chooser_add_type (chooser, "MP4 video", "video/mp4", ".mp4", TRUE);
      chronomap_save_chooser_add_type (chooser, "WebM video", "video/webm", ".webm", FALSE);
    }
  else
    {
      chronomap_save_chooser_add_type (chooser, "WebM video", "video/webm", ".webm", TRUE);
      chronomap_save_chooser_add_suffix (chooser, ".mp4");
    }
  gt_signal_logger_connect (logger, chooser, "saved");
  gt_signal_logger_connect (logger, chooser, "refused");
  /* shown, it keeps itself until answered, as the window leaves it */
  g_object_add_weak_pointer (G_OBJECT (chooser), (gpointer *) &chooser);
  chronomap_save_chooser_show (chooser);
  g_object_unref (chooser);
  g_assert_nonnull (chooser);
  g_assert_true (chronomap_test_wait_until (chronomap_test_has_chooser, NULL, 30));
  dialog = chronomap_test_find_chooser ();
  g_assert_cmpstr (gtk_file_chooser_get_current_name (dialog), ==, given);
  /* its folder listed, as a user sees it */
  chronomap_test_spin (1);

  if (type < 0)
    g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL),
                           "clicked");
  else
    {
      g_assert_true (gtk_file_chooser_set_current_folder (dialog, answer, NULL));
      if (name != NULL)
        gtk_file_chooser_set_current_name (dialog, name);
      filters = gtk_file_chooser_get_filters (dialog);
      filter = g_list_model_get_item (filters, type);
      gtk_file_chooser_set_filter (dialog, filter);
      g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                             "clicked");
    }
  g_assert_true (chronomap_test_wait_until (chronomap_test_no_chooser, NULL, 30));

  if (gt_signal_logger_get_n_emissions (logger) > 0)
    {
      gpointer obj = NULL;
      g_autofree char *type_name = NULL;
      g_autofree char *signal = NULL;
      g_autoptr(GtSignalLoggerEmission) emission = NULL;

      g_assert_true (gt_signal_logger_pop_emission (logger, &obj, &type_name, &signal, &emission));
      if (g_str_equal (signal, "saved"))
        gt_signal_logger_emission_get_params (emission, &outcome->path, &outcome->suffix);
      else
        gt_signal_logger_emission_get_params (emission, &outcome->refused);
    }
  gt_signal_logger_assert_no_emissions (logger);
  gt_signal_logger_free (logger);
  /* and goes once answered */
  g_assert_null (chooser);
}

/* The file's name of @outcome, and its type: "map.pdf .pdf". */
static char *
saved_as (const Outcome *outcome)
{
  g_autofree char *base = NULL;

  if (outcome->refused != NULL)
    return g_strdup_printf ("refused: %s", outcome->refused);
  if (outcome->path == NULL)
    return g_strdup ("nothing");
  base = g_path_get_basename (outcome->path);
  return g_strdup_printf ("%s %s", base, outcome->suffix);
}

static void
check (GtkWindow  *parent,
       Kind        kind,
       const char *folder,
       const char *given,
       const char *name,
       int         type,
       const char *expected)
{
  g_auto (Outcome) outcome = { 0, };
  g_autofree char *text = NULL;

  save (parent, kind, folder, given, folder, name, type, &outcome);
  text = saved_as (&outcome);
  g_assert_cmpstr (text, ==, expected);
  if (outcome.path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (outcome.path);

      g_assert_true (g_str_has_suffix (dir, folder) || g_str_has_suffix (folder, dir));
    }
}

static void
test_names_and_types (void)
{
  g_autofree char *folder = chronomap_test_tmp_path ("save-chooser");
  g_autofree char *taken = g_build_filename (folder, "taken.png", NULL);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  gtk_window_present (parent);

  /* the name proposed, kept: the type chosen, in its name */
  check (parent, IMAGES, folder, "map.png", NULL, 0, "map.png .png");
  check (parent, IMAGES, folder, "map.png", NULL, 2, "map.pdf .pdf");
  check (parent, VIDEOS, folder, "map.mp4", NULL, 1, "map.webm .webm");
  /* a name typed with a type's suffix keeps it, whatever is chosen */
  check (parent, IMAGES, folder, "map.png", "other.svg", 0, "other.svg .svg");
  check (parent, IMAGES, folder, "map.png", "LOUD.PDF", 0, "LOUD.PDF .pdf");
  check (parent, VIDEOS, folder, "map.mp4", "typed.mp4", 1, "typed.mp4 .mp4");
  /* typed without one: the chosen type's */
  check (parent, IMAGES, folder, "map.png", "untyped", 2, "untyped.pdf .pdf");
  check (parent, VIDEOS, folder, "map.mp4", "untyped", 0, "untyped.mp4 .mp4");
  /* another suffix is no type's: the chosen one is added */
  check (parent, IMAGES, folder, "map.png", "map.jpeg", 0, "map.jpeg.png .png");
  /* a suffix added must not replace a file nobody asked about */
  g_assert_true (g_file_set_contents (taken, "mine", -1, NULL));
  check (parent, IMAGES, folder, "map.png", "taken", 0,
         "refused: “taken.png” is there already: choose it by its whole name to replace it.");
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (taken, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "mine");
  }
  /* cancelled: nothing */
  check (parent, IMAGES, folder, "map.png", NULL, -1, "nothing");
  /* Without an H.264 encoder, WebM alone is offered; a name typed as an
   * MP4 stays one (the export then says it can't write it), not
   * "talk.mp4.webm". */
  check (parent, WEBM_ONLY, folder, "map.webm", "talk.mp4", 0, "talk.mp4 .mp4");
  check (parent, WEBM_ONLY, folder, "map.webm", "talk", 0, "talk.webm .webm");
  gtk_window_destroy (parent);
}

/* In a sandbox the app may write only the file the document portal lent
 * it: its name is kept, or refused when it can't be the type chosen. */
static void
test_lent_by_portal (void)
{
  g_autofree char *lent = g_build_filename (g_get_user_runtime_dir (), "doc", "1a2b3c", NULL);
  g_autofree char *home = chronomap_test_tmp_path ("save-chooser");
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());

  g_assert_cmpint (g_mkdir_with_parents (lent, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (home, 0755), ==, 0);
  {
    g_autofree char *file = g_build_filename (lent, "Baghouz", NULL);

    g_assert_true (chronomap_lent_by_portal (file));
  }
  gtk_window_present (parent);

  /* a video takes the type chosen, whatever its name */
  check (parent, VIDEOS, lent, "map.mp4", "Baghouz", 1, "Baghouz .webm");
  check (parent, VIDEOS, lent, "map.mp4", "Baghouz.mp4", 1, "Baghouz.mp4 .mp4");
  check (parent, VIDEOS, lent, "map.mp4", NULL, 1,
         "refused: “map.mp4” is not the name of that type of file, and Chronomap may write only the "
         "name chosen: save again with a name that ends in .webm.");
  /* nor WebM written into a file called an MP4 */
  check (parent, WEBM_ONLY, lent, "map.webm", "talk.mp4", 0, "talk.mp4 .mp4");
  /* the image's proposed name kept with another type chosen can't be it */
  check (parent, IMAGES, lent, "map.png", NULL, 2,
         "refused: “map.png” is not the name of that type of file, and Chronomap may write only the "
         "name chosen: save again with a name that ends in .pdf.");
  /* an image without a type in its name can only be a PNG */
  check (parent, IMAGES, lent, "map.png", "Baghouz", 0, "Baghouz .png");
  check (parent, IMAGES, lent, "map.png", "Baghouz.svg", 0, "Baghouz.svg .svg");
  check (parent, IMAGES, lent, "map.png", "Baghouz", 1,
         "refused: “Baghouz” is not the name of that type of file, and Chronomap may write only the "
         "name chosen: save again with a name that ends in .svg.");
  /* outside the portal's folder, a suffix is added as anywhere */
  g_assert_false (chronomap_lent_by_portal (home));
  check (parent, VIDEOS, home, "map.mp4", "Baghouz", 1, "Baghouz.webm .webm");
  gtk_window_destroy (parent);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *runtime = NULL;

  /* where a sandbox finds the files the document portal lends it, known
   * before GTK asks */
  runtime = g_dir_make_tmp ("test-save-chooser-runtime-XXXXXX", NULL);
  g_assert_nonnull (runtime);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  if (!chronomap_test_init_ui (&argc, &argv, "test-save-chooser", &home))
    return 0;

  g_test_add_func ("/chronomap/save-chooser/names-and-types", test_names_and_types);
  g_test_add_func ("/chronomap/save-chooser/lent-by-portal", test_lent_by_portal);

  return g_test_run ();
}
