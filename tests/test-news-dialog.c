/* test-news-dialog.c: reviewing events proposed from a news article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In a presented window (under Xvfb in CI): runs "Import News Articles…" on
 * a seed article, checks the capture of al-Mayadin is proposed with its
 * sentence, rejects one event, corrects another's fatalities, accepts the
 * capture, saves into a new database and checks that the file holds exactly
 * the accepted events, each with its quote, and the article's source row.
 * Leaves a screenshot of the dialog in the build directory.
 */
#define G_LOG_DOMAIN "test-news-dialog"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "chronomap-news-dialog.h"
#include "chronomap-view-model.h"
#include "chronomap-test-utils.h"
#include "chronomap-ui-test-utils.h"
#include "chronomap-window.h"

#define SEED "002_b4f31120ac09fb1b.txt"

static gboolean
dialog_idle (gpointer data)
{
  return !chronomap_news_dialog_get_busy (data);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
window_shows (gpointer data)
{
  ChronomapWindow *window = data;
  GFile *file = chronomap_window_get_file (window);

  return file != NULL && chronomap_window_get_store (window) != NULL &&
         !chronomap_window_get_busy (window);
}

/* Under a sanitizer the first frames come late; a screenshot needs a size. */
static gboolean
mapped_and_sized (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
close_window (GtkWidget *window)
{
  GtkWidget *weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (chronomap_test_wait_until (pointer_cleared, &weak, 30));
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_news_dialog_review_and_save (void)
{
  g_autofree char *seed = g_build_filename (TEST_DATA_DIR, "seeds", SEED, NULL);
  g_autoptr(GFile) seed_file = g_file_new_for_path (seed);
  g_autofree char *dir = g_dir_make_tmp ("test-news-dialog-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "news.sqlite", NULL);
  g_autoptr(GFile) db_file = g_file_new_for_path (db_path);
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, "default-width", 1280,
                                          "default-height", 800, NULL);
  ChronomapNewsDialog *dialog;
  ChronomapNewsDialog *weak_dialog;
  g_autofree char *capture_quote = NULL;
  g_autofree char *corrected_quote = NULL;
  guint capture = G_MAXUINT, rejected = G_MAXUINT, corrected = G_MAXUINT;
  guint n;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;

  gtk_window_present (GTK_WINDOW (window));
  dialog = chronomap_news_dialog_new (window);
  weak_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak_dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 900, 900);
  gtk_window_present (GTK_WINDOW (dialog));

  chronomap_news_dialog_add_article (dialog, seed_file);

  /* No date given yet (none is guessed, not today's nor the file's):
   * nothing is looked for, and the dialog asks for it. */
  chronomap_news_dialog_find_events (dialog);
  g_assert_false (chronomap_news_dialog_get_busy (dialog));
  g_assert_cmpuint (chronomap_news_dialog_get_n_proposed (dialog), ==, 0);
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (dialog), "status")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_named (GTK_WIDGET (dialog), "status"))),
                            "publication date"));

  /* Not a date: nothing can be looked for. */
  chronomap_news_dialog_set_article_details (dialog, 0, "15 October", NULL, NULL);
  chronomap_news_dialog_find_events (dialog);
  g_assert_false (chronomap_news_dialog_get_busy (dialog));
  g_assert_cmpuint (chronomap_news_dialog_get_n_proposed (dialog), ==, 0);

  chronomap_news_dialog_set_article_details (dialog, 0, "2017-10-15", "Seed article 002",
                                             "https://example.org/news/002");
  chronomap_news_dialog_find_events (dialog);
  g_assert_true (chronomap_test_wait_until (dialog_idle, dialog, 120));

  n = chronomap_news_dialog_get_n_proposed (dialog);
  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *date = chronomap_news_dialog_get_date (dialog, i);
      const char *location = chronomap_news_dialog_get_location (dialog, i);
      const char *quote = chronomap_news_dialog_get_quote (dialog, i);

      g_test_message ("proposed: %s %s %s: %s", date, location,
                      chronomap_news_dialog_get_sub_event_type (dialog, i), quote);
      g_assert_nonnull (quote);
      if (capture == G_MAXUINT && g_strcmp0 (date, "2017-10-14") == 0 &&
          location != NULL && strstr (location, "Mayadin") != NULL &&
          strstr (quote, "Mayadin") != NULL)
        capture = i;
    }
  g_assert_cmpuint (capture, !=, G_MAXUINT);
  rejected = capture == 0 ? 1 : 0;
  for (corrected = 0; corrected == capture || corrected == rejected; corrected++)
    ;
  g_assert_cmpuint (corrected, <, n);
  capture_quote = g_strdup (chronomap_news_dialog_get_quote (dialog, capture));
  corrected_quote = g_strdup (chronomap_news_dialog_get_quote (dialog, corrected));

  /* Nothing is accepted until the analyst says so. */
  g_assert_cmpuint (chronomap_news_dialog_get_n_accepted (dialog), ==, 0);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_named (chronomap_news_dialog_get_event_row (dialog, rejected),
                                                               "reject")), TRUE);
  /* Correcting an event accepts it as corrected; a bad number is refused. */
  gtk_expander_set_expanded (GTK_EXPANDER (find_named (chronomap_news_dialog_get_event_row (dialog, corrected),
                                                       "correct")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (find_named (chronomap_news_dialog_get_event_row (dialog, corrected),
                                                   "fatalities")), "seven");
  g_assert_false (gtk_widget_is_sensitive (find_named (GTK_WIDGET (dialog), "add-button")));
  gtk_editable_set_text (GTK_EDITABLE (find_named (chronomap_news_dialog_get_event_row (dialog, corrected),
                                                   "fatalities")), "7");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_named (chronomap_news_dialog_get_event_row (dialog, capture),
                                                               "accept")), TRUE);
  g_assert_cmpuint (chronomap_news_dialog_get_n_accepted (dialog), ==, 2);
  g_assert_true (gtk_widget_is_sensitive (find_named (GTK_WIDGET (dialog), "add-button")));

  /* The capture in view, as the analyst leaves it, once laid out. */
  g_assert_true (chronomap_test_wait_until (mapped_and_sized, dialog, 60));
  chronomap_test_spin (1);
  {
    GtkWidget *row = chronomap_news_dialog_get_event_row (dialog, capture);
    GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    double x, y;

    g_assert_true (gtk_widget_translate_coordinates (row, scrolled, 0, 0, &x, &y));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - 120);
  }
  chronomap_test_spin (1);
  chronomap_test_save_screenshot (GTK_WIDGET (dialog), "test-news-dialog.png");

  chronomap_news_dialog_save_to (dialog, db_file, TRUE);
  g_assert_true (chronomap_test_wait_until (pointer_cleared, &weak_dialog, 60));
  g_assert_true (chronomap_test_wait_until (window_shows, window, 120));
  g_assert_true (g_file_equal (chronomap_window_get_file (window), db_file));
  g_assert_cmpuint (chronomap_event_store_get_n_events (chronomap_window_get_store (window)), ==, 2);

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM events"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sources"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM dataset WHERE key = 'title' AND value = 'Seed article 002'"),
                   ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM events JOIN sources ON sources.id = events.source_id "
                                  "WHERE sources.published = '2017-10-15' AND sources.title = 'Seed article 002' "
                                  "AND sources.url = 'https://example.org/news/002'"), ==, 2);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT quote, date_start, location, fatalities FROM events ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *quote = (const char *) sqlite3_column_text (stmt, 0);

      n_rows++;
      if (g_strcmp0 (quote, capture_quote) == 0)
        {
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "2017-10-14");
          g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 2), "Mayadin"));
        }
      else
        {
          g_assert_cmpstr (quote, ==, corrected_quote);
          g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, 7);
        }
    }
  g_assert_cmpuint (n_rows, ==, 2);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  close_window (GTK_WIDGET (window));
  g_unlink (db_path);
  g_rmdir (dir);
}

typedef struct
{
  ChronomapWindow     *window;
  ChronomapEventStore *before;
} Reload;

static gboolean
reloaded (gpointer data)
{
  Reload *reload = data;

  return chronomap_window_get_store (reload->window) != reload->before &&
         window_shows (reload->window);
}

/* Told to discard what was accepted, the dialog closes and the file
 * keeps the events it had. */
static void
test_news_dialog_discard (void)
{
  g_autofree char *seed = g_build_filename (TEST_DATA_DIR, "seeds", SEED, NULL);
  g_autoptr(GFile) seed_file = g_file_new_for_path (seed);
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, NULL);
  ChronomapNewsDialog *dialog;
  ChronomapNewsDialog *weak_dialog;
  GtkWidget *question;

  gtk_window_present (GTK_WINDOW (window));
  dialog = chronomap_news_dialog_new (window);
  weak_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  chronomap_news_dialog_add_article (dialog, seed_file);
  chronomap_news_dialog_set_article_details (dialog, 0, "2017-10-15", NULL, NULL);
  chronomap_news_dialog_find_events (dialog);
  g_assert_true (chronomap_test_wait_until (dialog_idle, dialog, 120));
  g_assert_cmpuint (chronomap_news_dialog_get_n_proposed (dialog), >, 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_named (chronomap_news_dialog_get_event_row (dialog, 0),
                                                               "accept")), TRUE);
  g_assert_cmpuint (chronomap_news_dialog_get_n_accepted (dialog), ==, 1);

  gtk_window_close (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  question = chronomap_test_find_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "close");
  g_assert_true (chronomap_test_wait_until (pointer_cleared, &weak_dialog, 30));
  close_window (GTK_WIDGET (window));
}

/* Adding to the open file keeps its events and reloads it. */
static void
test_news_dialog_add_to_open_file (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autofree char *seed = g_build_filename (TEST_DATA_DIR, "seeds", SEED, NULL);
  g_autoptr(GFile) seed_file = g_file_new_for_path (seed);
  g_autofree char *dir = g_dir_make_tmp ("test-news-dialog-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "sample.sqlite", NULL);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy);
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, "application", chronomap_test_app (), NULL);
  ChronomapNewsDialog *dialog;
  ChronomapNewsDialog *weak_dialog;
  Reload reload = { window, NULL };
  guint n_before;
  gboolean accepted = FALSE;

  g_assert_true (g_file_copy (sample_file, copy_file, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  gtk_window_present (GTK_WINDOW (window));
  chronomap_window_open (window, copy_file);
  g_assert_true (chronomap_test_wait_until (window_shows, window, 120));
  reload.before = chronomap_window_get_store (window);
  n_before = chronomap_event_store_get_n_events (reload.before);

  dialog = chronomap_news_dialog_new (window);
  weak_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  chronomap_news_dialog_add_article (dialog, seed_file);
  /* a day later than the sample's own copy of the article: another source */
  chronomap_news_dialog_set_article_details (dialog, 0, "2017-10-16", NULL, NULL);
  chronomap_news_dialog_find_events (dialog);
  g_assert_true (chronomap_test_wait_until (dialog_idle, dialog, 120));
  for (guint i = 0; i < chronomap_news_dialog_get_n_proposed (dialog) && !accepted; i++)
    if (strstr (chronomap_news_dialog_get_quote (dialog, i), "al-Mayadin") != NULL)
      {
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_named (chronomap_news_dialog_get_event_row (dialog, i),
                                                                     "accept")), TRUE);
        accepted = TRUE;
      }
  g_assert_true (accepted);

  /* closed now, or the app quit, the accepted event would be lost:
   * asked, the analyst keeps the dialog, and the window behind it */
  for (guint way = 0; way < 2; way++)
    {
      GtkWidget *question;

      if (way == 0)
        gtk_window_close (GTK_WINDOW (dialog));
      else
        chronomap_test_quit ();
      while (g_main_context_iteration (NULL, FALSE))
        ;
      question = chronomap_test_find_dialog (GTK_WINDOW (dialog));
      g_assert_nonnull (question);
      g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==,
                       "Discard the Accepted Events?");
      g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)), ==,
                       "1 accepted event is not added to the file yet.");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
      chronomap_test_spin (1);
      g_assert_nonnull (weak_dialog);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
      g_assert_cmpuint (chronomap_news_dialog_get_n_accepted (dialog), ==, 1);
    }

  /* asked where the event goes, the analyst is told that the proposals
   * not accepted are left out */
  {
    GtkWidget *question;
    g_autofree char *left = g_strdup_printf ("The %u other proposed events are left out.",
                                             chronomap_news_dialog_get_n_proposed (dialog) - 1);

    g_assert_cmpuint (chronomap_news_dialog_get_n_proposed (dialog), >, 2);
    /* the questions answered above were answered as a test does, which
     * leaves them on screen (a click closes them) */
    while ((question = chronomap_test_find_dialog (GTK_WINDOW (dialog))) != NULL)
      gtk_window_destroy (GTK_WINDOW (question));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "news.add", NULL));
    question = chronomap_test_find_dialog (GTK_WINDOW (dialog));
    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==,
                     "Where Should the Events Go?");
    g_assert_true (g_str_has_suffix (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)), left));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
    gtk_window_destroy (GTK_WINDOW (question));
    chronomap_test_spin (1);
  }

  /* the window was at the sample's last month, March 2019; the event
   * added is of 2017 */
  chronomap_window_set_time_window (window, chronomap_date_from_ymd (2019, 3, 1),
                                    chronomap_date_from_ymd (2019, 3, 31));
  chronomap_news_dialog_save_to (dialog, chronomap_window_get_file (window), FALSE);
  g_assert_true (chronomap_test_wait_until (pointer_cleared, &weak_dialog, 60));
  g_assert_true (chronomap_test_wait_until (reloaded, &reload, 120));
  g_assert_cmpuint (chronomap_event_store_get_n_events (chronomap_window_get_store (window)), ==, n_before + 1);
  /* said, and shown: the time window moved to the event's month */
  g_assert_cmpstr (chronomap_window_get_last_toast (window), ==, "Added 1 event to “sample.sqlite”");

  /* Given no title, the article is named by its file (this one opens on
   * its dateline, no headline).  The event's panel quotes the article,
   * and says how the event was found outside the quote: those are not the
   * article's words. */
  {
    ChronomapEventStore *store = chronomap_window_get_store (window);
    guint n = 0;
    const ChronomapEvent *events = chronomap_event_store_get_events (store, &n);
    GtkLabel *quote = GTK_LABEL (chronomap_test_details_child (GTK_WINDOW (window), "quote"));
    GtkLabel *notes = GTK_LABEL (chronomap_test_details_child (GTK_WINDOW (window), "notes"));
    GtkLabel *source = GTK_LABEL (chronomap_test_details_child (GTK_WINDOW (window), "source"));
    int added = -1;

    for (guint i = 0; i < n; i++)
      if (events[i].source_id != 0 &&
          g_strcmp0 (chronomap_event_store_get_source (store, events[i].source_id)->published, "2017-10-16") == 0)
        added = i;
    g_assert_cmpint (added, >=, 0);
    g_assert_cmpint (chronomap_view_model_get_from (chronomap_window_get_model (window)), <=,
                     events[added].start);
    g_assert_cmpint (chronomap_view_model_get_to (chronomap_window_get_model (window)), >=,
                     events[added].start);
    g_assert_cmpstr (chronomap_event_store_get_source (store, events[added].source_id)->title, ==,
                     "002_b4f31120ac09fb1b");
    chronomap_view_model_set_selected (chronomap_window_get_model (window), added);
    chronomap_test_spin (1);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (quote)));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (quote), "“"));
    g_assert_null (strstr (gtk_label_get_text (quote), "Extracted"));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (notes)));
    g_assert_nonnull (strstr (gtk_label_get_text (notes), "Extracted from the article"));
    g_assert_nonnull (strstr (gtk_label_get_text (source), "002_b4f31120ac09fb1b"));
  }

  close_window (GTK_WIDGET (window));
  g_unlink (copy);
  g_rmdir (dir);
}

static void
test_news_dialog_bad_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-news-dialog-XXXXXX", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.txt", NULL);
  g_autofree char *binary = g_build_filename (dir, "binary.txt", NULL);
  g_autofree char *quiet = g_build_filename (dir, "quiet.txt", NULL);
  const char binary_data[] = { 'P', 'K', 3, 4, 0, 0, 0, (char) 0xff, (char) 0xfe, 0, 1, 2 };
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, NULL);
  ChronomapNewsDialog *dialog;
  const char *files[] = { empty, binary, quiet };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (binary, binary_data, sizeof binary_data, NULL));
  g_assert_true (g_file_set_contents (quiet, "The weather was mild and the markets were calm.\n", -1, NULL));

  gtk_window_present (GTK_WINDOW (window));
  dialog = chronomap_news_dialog_new (window);
  gtk_window_present (GTK_WINDOW (dialog));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (files[i]);

      chronomap_news_dialog_add_article (dialog, file);
      chronomap_news_dialog_set_article_details (dialog, i, "2019-03-20", NULL, NULL);
    }
  chronomap_news_dialog_find_events (dialog);
  g_assert_true (chronomap_test_wait_until (dialog_idle, dialog, 120));
  g_assert_cmpuint (chronomap_news_dialog_get_n_proposed (dialog), ==, 0);
  g_assert_cmpuint (chronomap_news_dialog_get_n_accepted (dialog), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (find_named (GTK_WIDGET (dialog), "add-button")));
  g_assert_nonnull (find_named (GTK_WIDGET (dialog), "status"));
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (dialog), "status")));
  g_test_message ("status: %s", gtk_label_get_label (GTK_LABEL (find_named (GTK_WIDGET (dialog), "status"))));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_named (GTK_WIDGET (dialog), "status"))),
                            "No events found in quiet.txt"));

  close_window (GTK_WIDGET (dialog));
  close_window (GTK_WIDGET (window));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_unlink (files[i]);
  g_rmdir (dir);
}

/* The calendar beside the publication date: it opens on the date typed
 * (today when none is), opening it changes nothing, and a day picked in
 * it is written in the field as the field wants it. */
static void
test_news_dialog_date_picker (void)
{
  g_autofree char *seed = g_build_filename (TEST_DATA_DIR, "seeds", SEED, NULL);
  g_autoptr(GFile) seed_file = g_file_new_for_path (seed);
  ChronomapWindow *window = g_object_new (CHRONOMAP_TYPE_WINDOW, NULL);
  ChronomapNewsDialog *dialog;
  ChronomapDatePopover *popover;
  GtkCalendar *calendar;
  GtkEditable *entry;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_window_present (GTK_WINDOW (window));
  dialog = chronomap_news_dialog_new (window);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 900, 900);
  gtk_window_present (GTK_WINDOW (dialog));
  chronomap_news_dialog_add_article (dialog, seed_file);
  popover = chronomap_news_dialog_get_date_popover (dialog, 0);
  calendar = chronomap_date_popover_get_calendar (popover);
  entry = GTK_EDITABLE (gtk_widget_get_ancestor (GTK_WIDGET (popover), ADW_TYPE_ENTRY_ROW));
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  gtk_popover_popup (GTK_POPOVER (popover));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);

    g_assert_cmpint (g_date_time_get_year (shown), ==, g_date_time_get_year (now));
    g_assert_cmpint (g_date_time_get_month (shown), ==, g_date_time_get_month (now));
  }
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  gtk_popover_popdown (GTK_POPOVER (popover));

  chronomap_news_dialog_set_article_details (dialog, 0, "2017-10-15", NULL, NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);

    g_assert_cmpint (g_date_time_get_year (shown), ==, 2017);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 10);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 15);
  }
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "2017-10-15");

  /* a click on the 16th */
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (2017, 10, 16, 12, 0, 0);

    gtk_calendar_select_day (calendar, day);
  }
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "2017-10-16");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* an article whose dateline states its day comes with it */
  {
    g_autofree char *path = chronomap_test_tmp_path ("dateline.txt");
    g_autoptr(GFile) file = NULL;

    g_assert_true (g_file_set_contents (path, "BEIRUT, March 24, 2019 (Reuters) \u2013 The Syrian "
                                              "Democratic Forces captured Baghouz on Saturday.\n",
                                        -1, NULL));
    file = g_file_new_for_path (path);
    chronomap_news_dialog_add_article (dialog, file);
    popover = chronomap_news_dialog_get_date_popover (dialog, 1);
    entry = GTK_EDITABLE (gtk_widget_get_ancestor (GTK_WIDGET (popover), ADW_TYPE_ENTRY_ROW));
    g_assert_cmpstr (gtk_editable_get_text (entry), ==, "2019-03-24");
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
    g_unlink (path);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  if (!chronomap_test_init_ui (&argc, &argv, "test-news-dialog", &home))
    return 0;

  g_test_add_func ("/chronomap/news-dialog/review-and-save", test_news_dialog_review_and_save);
  g_test_add_func ("/chronomap/news-dialog/add-to-open-file", test_news_dialog_add_to_open_file);
  g_test_add_func ("/chronomap/news-dialog/discard", test_news_dialog_discard);
  g_test_add_func ("/chronomap/news-dialog/bad-input", test_news_dialog_bad_input);
  g_test_add_func ("/chronomap/news-dialog/date-picker", test_news_dialog_date_picker);

  return g_test_run ();
}
