/* test-details-panel.c: the selected event's details, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panel alone, given events of a real SQLite file and the places the
 * bundled gazetteer finds for them: what an analyst reads of an event,
 * and the pick of another place it hands to the window.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <libglib-testing/signal-logger.h>

#include "chronomap-database.h"
#include "chronomap-details-panel.h"
#include "chronomap-event-store.h"
#include "chronomap-place-search.h"
#include "chronomap-placement.h"
#include "chronomap-test-utils.h"
#include "chronomap-ui-test-utils.h"

/* An event as a news extraction writes it, with its source; one known
 * to its month only; one nowhere, where no one was killed; one the file
 * places itself; one found nowhere in the governorate the file gives. */
static const char *const events_sql =
  "INSERT INTO sources (id, title, publisher, url, published) VALUES "
  "(1, 'SDF says 157 fighters captured\n\n  in Baghouz;Coalition strikes continue', 'SOHR;AFP', "
  "'https://example.org/a?b=1&c=2', '2019-03-20');"
  "INSERT INTO events (date_start, event_type, sub_event_type, actor1, actor2, location, country, "
  "fatalities, notes, quote, source_id, attributes) VALUES "
  "('2019-03-19', 'Battles', 'Armed clash', 'SDF', 'Islamic State', 'Baghouz', 'SY', 157, "
  "'Extracted from article 3', 'the SDF captured 157 fighters in Baghouz', 1, "
  "'{\"admin3\": \"Hajin\", \"where_prec\": \"1\"}');"
  "INSERT INTO events (date_start, date_precision, event_type, location, country) VALUES "
  "('2019-06-01', 'month', 'Strategic developments', 'Sur village', 'SY');"
  "INSERT INTO events (date_start, event_type, location, country, fatalities) VALUES "
  "('2019-07-02', 'Battles', 'Qwxzq Zzqx', 'SY', 0);"
  "INSERT INTO events (date_start, event_type, location, country, latitude, longitude) VALUES "
  "('2019-08-03', 'Battles', 'Jazal field', 'SY', 34.80, 38.05);"
  "INSERT INTO events (date_start, event_type, location, country, admin1) VALUES "
  "('2019-09-04', 'Battles', 'Tanak oil field', 'SY', 'Deir ez Zor Governorate');";

typedef struct
{
  GtkWindow             *window;
  ChronomapDetailsPanel *panel;
  ChronomapEventStore   *store;
  GPtrArray             *placements;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (), events_sql, NULL);
  g_autofree char *path = chronomap_test_make_db ("details.sqlite", sql);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronomap_event_store_get_n_events (fixture->store), ==, 5);
  fixture->placements = chronomap_placements_find (fixture->store, file, NULL, &error);
  g_assert_no_error (error);

  fixture->panel = CHRONOMAP_DETAILS_PANEL (chronomap_details_panel_new ());
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 360, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->panel));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_pointer (&fixture->placements, g_ptr_array_unref);
  g_clear_object (&fixture->store);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->panel),
                                                                 CHRONOMAP_TYPE_DETAILS_PANEL, name));

  g_assert_nonnull (widget);
  return widget;
}

/* What the label @name reads, or NULL when it is hidden. */
static const char *
shown_text (Fixture    *fixture,
            const char *name)
{
  GtkWidget *label = child (fixture, name);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text != NULL ? text : "(hidden)", part);
}

static gboolean
is_laid_out (gpointer grid)
{
  GtkWidget *value = gtk_grid_get_child_at (grid, 1, 0);

  return value != NULL && gtk_widget_get_mapped (value) && gtk_widget_get_width (value) > 0;
}

/* The file's other fields as the panel lists them, "name  value" a
 * line; checks that the values stand in one column, right of every
 * name. */
static char *
fields_text (Fixture *fixture)
{
  GtkGrid *grid = GTK_GRID (child (fixture, "attributes"));
  double value_x = -1;

  for (int row = 0; gtk_grid_get_child_at (grid, 0, row) != NULL; row++)
    {
      GtkWidget *key = gtk_grid_get_child_at (grid, 0, row);
      GtkWidget *value = gtk_grid_get_child_at (grid, 1, row);
      graphene_point_t at;

      g_assert_true (gtk_widget_compute_point (value, GTK_WIDGET (grid), &GRAPHENE_POINT_INIT (0, 0), &at));
      if (value_x < 0)
        value_x = at.x;
      g_assert_cmpfloat (at.x, ==, value_x);
      g_assert_cmpint (gtk_widget_get_width (key), <=, (int) value_x);
    }
  return chronomap_test_fields_text (grid);
}

/* The event of @location, and how it was placed. */
static int
event_of (Fixture                   *fixture,
          const char                *location,
          const ChronomapPlacement **placement)
{
  guint n = 0;
  const ChronomapEvent *events = chronomap_event_store_get_events (fixture->store, &n);

  *placement = NULL;
  for (guint i = 0; i < fixture->placements->len; i++)
    {
      const ChronomapPlacement *p = g_ptr_array_index (fixture->placements, i);

      if (g_strcmp0 (p->name, location) == 0)
        *placement = p;
    }
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (chronomap_event_store_get_string (fixture->store, events[i].location), location) == 0)
      return i;
  g_error ("no event at %s", location);
}

static void
test_nothing_selected (Fixture       *fixture,
                       gconstpointer  data)
{
  const ChronomapPlacement *placement;
  int baghouz = event_of (fixture, "Baghouz", &placement);

  /* an event shown, then none: nothing of it is left */
  chronomap_details_panel_show_event (fixture->panel, fixture->store, baghouz, placement);
  chronomap_details_panel_show_event (fixture->panel, fixture->store, -1, NULL);
  g_assert_cmpstr (shown_text (fixture, "title"), ==, "No Event Selected");
  g_assert_cmpstr (shown_text (fixture, "when"), ==, "Click an event on the map or in the list.");
  for (guint i = 0; i < 5; i++)
    {
      static const char *const hidden[] = { "place", "actors", "quote", "notes", "source" };

      g_assert_null (shown_text (fixture, hidden[i]));
    }
  g_assert_false (gtk_widget_get_visible (child (fixture, "attributes_expander")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "candidates_box")));

  /* no file open: the same */
  chronomap_details_panel_show_event (fixture->panel, NULL, 0, NULL);
  g_assert_cmpstr (shown_text (fixture, "title"), ==, "No Event Selected");
}

static void
test_event (Fixture       *fixture,
            gconstpointer  data)
{
  const ChronomapPlacement *placement;
  int i = event_of (fixture, "Baghouz", &placement);
  const char *source;

  chronomap_details_panel_show_event (fixture->panel, fixture->store, i, placement);
  g_assert_cmpstr (shown_text (fixture, "title"), ==, "Battles: Armed clash");
  assert_contains (shown_text (fixture, "when"), "19 Mar 2019");
  assert_contains (shown_text (fixture, "when"), " · 157 killed");
  /* found in the bundled gazetteer, and how sure */
  assert_contains (shown_text (fixture, "place"), "Baghouz\u2069 → \u2068");
  assert_contains (shown_text (fixture, "place"), "% sure");
  g_assert_null (strstr (shown_text (fixture, "place"), "guess"));
  assert_contains (shown_text (fixture, "actors"), "SDF\u2069 against \u2068Islamic State");
  g_assert_cmpstr (shown_text (fixture, "quote"), ==, "“the SDF captured 157 fighters in Baghouz”");
  g_assert_cmpstr (shown_text (fixture, "notes"), ==, "Extracted from article 3");

  /* the headline and offices as one spaced line, the date as the
   * event's, the link by name */
  source = shown_text (fixture, "source");
  assert_contains (source, "SDF says 157 fighters captured in Baghouz; Coalition strikes continue");
  assert_contains (source, "SOHR; AFP · 20 Mar 2019 · Open source");
  g_assert_null (strstr (source, "2019-03-20"));
  assert_contains (gtk_label_get_label (GTK_LABEL (child (fixture, "source"))),
                   "<a href=\"https://example.org/a?b=1&amp;c=2\">");

  /* the file's other fields, each "name  value", open when few */
  g_assert_true (gtk_widget_get_visible (child (fixture, "attributes_expander")));
  g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (child (fixture, "attributes_expander"))), ==,
                   "2 More Fields From the File");
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (child (fixture, "attributes_expander"))));
  {
    g_autofree char *fields = NULL;

    g_assert_true (chronomap_test_wait_until (is_laid_out, child (fixture, "attributes"), 10));
    fields = fields_text (fixture);
    assert_contains (fields, "admin3  Hajin");
    assert_contains (fields, "where_prec  1");
  }
  /* beside the map, the panel asks for no more room than it needs: the
   * map keeps the rest */
  g_assert_false (gtk_widget_compute_expand (GTK_WIDGET (fixture->panel), GTK_ORIENTATION_HORIZONTAL));

  /* An event known only to its month, with no one, no source and no
   * count: nothing of the last event stays. */
  i = event_of (fixture, "Sur village", &placement);
  chronomap_details_panel_show_event (fixture->panel, fixture->store, i, placement);
  g_assert_cmpstr (shown_text (fixture, "title"), ==, "Strategic developments");
  assert_contains (shown_text (fixture, "when"), "Sometime in \u2068Jun 2019");
  g_assert_null (strstr (shown_text (fixture, "when"), "killed"));
  g_assert_null (shown_text (fixture, "actors"));
  g_assert_null (shown_text (fixture, "quote"));
  g_assert_null (shown_text (fixture, "notes"));
  g_assert_null (shown_text (fixture, "source"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "attributes_expander")));
}

/* Where the place came from, for each way a place is found or not. */
static void
test_place (Fixture       *fixture,
            gconstpointer  data)
{
  const ChronomapPlacement *placement;
  int i;

  /* no Sur in Syria: the town in Oman is a guess */
  i = event_of (fixture, "Sur village", &placement);
  g_assert_true (chronomap_placement_is_guess (placement));
  chronomap_details_panel_show_event (fixture->panel, fixture->store, i, placement);
  assert_contains (shown_text (fixture, "place"), "Sur village\u2069 → \u2068Sur");
  assert_contains (shown_text (fixture, "place"), ": a guess, ");

  i = event_of (fixture, "Qwxzq Zzqx", &placement);
  chronomap_details_panel_show_event (fixture->panel, fixture->store, i, placement);
  g_assert_cmpstr (shown_text (fixture, "place"), ==, "\u2068Qwxzq Zzqx\u2069: not found, not on the map");
  /* a count of none is said, not "0 killed" */
  assert_contains (shown_text (fixture, "when"), " · no one killed");
  /* nothing to pick from, but the place can be found by hand */
  g_assert_true (gtk_widget_get_visible (child (fixture, "candidates_box")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "candidates_dropdown")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "candidates_caption")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "search_button")));

  /* not found, but the file gives its governorate: there, and said so */
  i = event_of (fixture, "Tanak oil field", &placement);
  g_assert_true (chronomap_placement_is_guess (placement));
  chronomap_details_panel_show_event (fixture->panel, fixture->store, i, placement);
  g_assert_cmpstr (shown_text (fixture, "place"), ==,
                   "\u2068Tanak oil field\u2069: not found in its area; placed at "
                   "\u2068Deir ez-Zor Governorate, Syria\u2069");
  g_assert_true (gtk_widget_get_visible (child (fixture, "search_button")));

  i = event_of (fixture, "Jazal field", &placement);
  chronomap_details_panel_show_event (fixture->panel, fixture->store, i, placement);
  g_assert_cmpstr (shown_text (fixture, "place"), ==, "\u2068Jazal field\u2069 (coordinates from the file)");
  g_assert_false (gtk_widget_get_visible (child (fixture, "candidates_box")));
}

static void
test_place_chosen (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  const ChronomapPlacement *placement;
  int sur = event_of (fixture, "Sur village", &placement);
  GtkDropDown *dropdown = GTK_DROP_DOWN (child (fixture, "candidates_dropdown"));
  GListModel *items;
  guint n_candidates = placement->candidates->len;
  g_autofree char *location = NULL;
  guint candidate = 0;

  gt_signal_logger_connect (logger, fixture->panel, "place-chosen");

  /* a guess offers its candidates and "Not on the map", at the guess */
  chronomap_details_panel_show_event (fixture->panel, fixture->store, sur, placement);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dropdown)));
  g_assert_true (gtk_widget_is_visible (child (fixture, "candidates_caption")));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dropdown)));
  items = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (n_candidates, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_candidates + 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), n_candidates), ==, "Not on the map");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), gtk_drop_down_get_selected (dropdown)),
                   ==, placement->label);
  /* showing it is no pick */
  gt_signal_logger_assert_no_emissions (logger);

  /* "Not on the map", picked: the window is told which place, and that */
  gtk_drop_down_set_selected (dropdown, n_candidates);
  gt_signal_logger_assert_emission_pop (logger, fixture->panel, "place-chosen", &location, &candidate);
  g_assert_cmpstr (location, ==, "Sur village");
  g_assert_cmpuint (candidate, ==, n_candidates);
  gt_signal_logger_assert_no_emissions (logger);

  /* Once the analyst's pick is made, showing it again and going back to
   * it is no new pick; another candidate is. */
  {
    ChronomapPlacement *p = (ChronomapPlacement *) placement;
    const ChronomapPlaceCandidate *first = g_ptr_array_index (p->candidates, 0);

    p->chosen = TRUE;
    g_free (p->label);
    p->label = g_strdup (first->label);
    chronomap_details_panel_show_event (fixture->panel, fixture->store, sur, p);
    g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
    gtk_drop_down_set_selected (dropdown, n_candidates);
    gtk_drop_down_set_selected (dropdown, 0);
    g_clear_pointer (&location, g_free);
    gt_signal_logger_assert_emission_pop (logger, fixture->panel, "place-chosen", &location, &candidate);
    g_assert_cmpuint (candidate, ==, n_candidates);
    gt_signal_logger_assert_no_emissions (logger);
  }

  /* Left off the map by the analyst: "Not on the map" is shown, and
   * going back to it after another candidate is no new pick. */
  {
    ChronomapPlacement *p = (ChronomapPlacement *) placement;

    p->resolved = FALSE;
    chronomap_details_panel_show_event (fixture->panel, fixture->store, sur, p);
    g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, n_candidates);
    gtk_drop_down_set_selected (dropdown, 0);
    gtk_drop_down_set_selected (dropdown, n_candidates);
    g_clear_pointer (&location, g_free);
    gt_signal_logger_assert_emission_pop (logger, fixture->panel, "place-chosen", &location, &candidate);
    g_assert_cmpuint (candidate, ==, 0);
    gt_signal_logger_assert_no_emissions (logger);
  }

  /* while a map is saved, no place is picked */
  chronomap_details_panel_set_can_choose (fixture->panel, FALSE);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (dropdown)));
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "search_button")));
  chronomap_details_panel_set_can_choose (fixture->panel, TRUE);

  /* a place the file gives coordinates for offers nothing to pick */
  {
    const ChronomapPlacement *jazal;
    int i = event_of (fixture, "Jazal field", &jazal);

    chronomap_details_panel_show_event (fixture->panel, fixture->store, i, jazal);
    g_assert_false (gtk_widget_get_visible (child (fixture, "candidates_box")));
  }
}

static void
copy_label_cb (ChronomapDetailsPanel         *panel,
               const char                    *location,
               const ChronomapPlaceCandidate *place,
               char                         **label)
{
  g_free (*label);
  *label = g_strdup (place->label);
}

static gboolean
not_mapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the first place found says under its name. */
static const char *
first_subtitle (GtkWidget *results)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (
                                                        GTK_LIST_BOX (results), 0)));

  g_test_message ("first found: %s", subtitle);
  return subtitle;
}

/* A place found nowhere is found by hand: Find the Place opens a search
 * of the gazetteers, where the analyst types another spelling or the
 * coordinates; a place picked there (Enter takes the first) is handed to
 * the window with the file's name for it. */
static void
test_place_found (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  const ChronomapPlacement *placement;
  int i = event_of (fixture, "Qwxzq Zzqx", &placement);
  GtkMenuButton *button = GTK_MENU_BUTTON (child (fixture, "search_button"));
  ChronomapPlaceSearch *search = CHRONOMAP_PLACE_SEARCH (child (fixture, "place_search"));
  GtkWidget *entry, *results;
  g_autofree char *location = NULL;
  g_autofree char *picked = NULL;
  const ChronomapPlaceCandidate *place = NULL;

  gt_signal_logger_connect (logger, fixture->panel, "place-found");
  g_signal_connect (fixture->panel, "place-found", G_CALLBACK (copy_label_cb), &picked);
  chronomap_details_panel_show_event (fixture->panel, fixture->store, i, placement);
  gtk_menu_button_popup (button);
  g_assert_true (chronomap_test_wait_until ((GSourceFunc) gtk_widget_get_mapped, search, 10));
  entry = find_type (GTK_WIDGET (search), GTK_TYPE_SEARCH_ENTRY);
  results = find_type (GTK_WIDGET (search), GTK_TYPE_LIST_BOX);
  /* it says which place, and begins with the file's name for it */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (search),
                                                                                 CHRONOMAP_TYPE_PLACE_SEARCH,
                                                                                 "heading"))),
                   ==, "Where is “\u2068Qwxzq Zzqx\u2069”?");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Qwxzq Zzqx");
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (
                   gtk_widget_get_root (entry)), entry));

  /* the place under another spelling: its rows, the best first */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Baghuz");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (chronomap_place_search_get_n_found (search), >=, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (
                     GTK_LIST_BOX (results), 0))), ==, chronomap_place_search_get_found (search, 0)->label);
  g_assert_true (g_str_has_prefix (chronomap_place_search_get_found (search, 0)->label, "Al-Baghuz"));

  /* a name found nowhere says what to try */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Qwxzq");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (chronomap_place_search_get_n_found (search), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 0));
  assert_contains (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (search),
                                                                                 CHRONOMAP_TYPE_PLACE_SEARCH,
                                                                                 "hint"))),
                   "Nothing found");
  gt_signal_logger_assert_no_emissions (logger);

  /* Enter before the entry has searched what was typed: what was typed */
  gtk_editable_set_text (GTK_EDITABLE (entry), "34.46, 40.957");
  g_signal_emit_by_name (entry, "activate");
  gt_signal_logger_assert_emission_pop (logger, fixture->panel, "place-found", &location, &place);
  g_assert_cmpstr (location, ==, "Qwxzq Zzqx");
  g_assert_cmpstr (picked, ==, "34.46000° N, 40.95700° E");
  g_clear_pointer (&location, g_free);
  gt_signal_logger_assert_no_emissions (logger);
  gtk_menu_button_popup (button);
  g_assert_true (chronomap_test_wait_until ((GSourceFunc) gtk_widget_get_mapped, search, 10));

  /* Esc closes it, from the entry too */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_true (chronomap_test_wait_until ((GSourceFunc) not_mapped, search, 10));
  gt_signal_logger_assert_no_emissions (logger);
  gtk_menu_button_popup (button);
  g_assert_true (chronomap_test_wait_until ((GSourceFunc) gtk_widget_get_mapped, search, 10));

  /* coordinates say where they are: a latitude and a longitude
   * swapped show at once, in the middle of Turkey */
  gtk_editable_set_text (GTK_EDITABLE (entry), "40.95, 34.46");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (chronomap_place_search_get_n_found (search), ==, 1);
  assert_contains (first_subtitle (results), "Türkiye");

  /* coordinates, and Enter: the window is told, the popover goes */
  gtk_editable_set_text (GTK_EDITABLE (entry), "34.46, 40.95");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (chronomap_place_search_get_n_found (search), ==, 1);
  assert_contains (first_subtitle (results), "in Al-Baghuz Fawqani, Deir ez-Zor, Syria");
  g_signal_emit_by_name (entry, "activate");
  gt_signal_logger_assert_emission_pop (logger, fixture->panel, "place-found", &location, &place);
  g_assert_cmpstr (location, ==, "Qwxzq Zzqx");
  g_assert_cmpstr (picked, ==, "34.46000° N, 40.95000° E");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (chronomap_test_wait_until ((GSourceFunc) not_mapped, search, 10));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  if (!chronomap_test_init_ui (&argc, &argv, "test-details-panel", &home))
    return 0;

#define ADD(path, func) \
  g_test_add ("/chronomap/details-panel/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("nothing-selected", test_nothing_selected);
  ADD ("event", test_event);
  ADD ("place", test_place);
  ADD ("place-chosen", test_place_chosen);
  ADD ("place-found", test_place_found);
#undef ADD

  return g_test_run ();
}
