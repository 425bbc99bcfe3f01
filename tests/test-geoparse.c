/* test-geoparse.c: place mentions found in text and resolved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>

#include "chronomap-geoparser.h"
#include "chronomap-gazetteer.h"
#include "chronomap-test-utils.h"

static ChronomapGeoparser *shared_geoparser;

/* One geoparser for all cases: making one indexes the whole gazetteer,
 * which takes a while under the sanitizers. */
static ChronomapGeoparser *
make_geoparser (void)
{
  if (shared_geoparser == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new_default (&error);

      g_assert_no_error (error);
      shared_geoparser = chronomap_geoparser_new (gazetteer, &error);
      g_assert_no_error (error);
    }
  return g_object_ref (shared_geoparser);
}

/* The mention whose text is @text, or NULL. */
static const ChronomapPlaceMention *
find (GPtrArray  *mentions,
      const char *text)
{
  for (guint i = 0; i < mentions->len; i++)
    {
      const ChronomapPlaceMention *m = g_ptr_array_index (mentions, i);

      if (strcmp (m->text, text) == 0)
        return m;
    }
  return NULL;
}

/* Every mention whose text is @text, at least one. */
static GPtrArray *
get_all (GPtrArray  *mentions,
         const char *text)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; i < mentions->len; i++)
    {
      const ChronomapPlaceMention *m = g_ptr_array_index (mentions, i);

      g_test_message ("%s: %s (%s, %s)", m->text, m->entry->name,
                      m->entry->admin1 != NULL ? m->entry->admin1 : "-", m->entry->country);
      if (strcmp (m->text, text) == 0)
        g_ptr_array_add (all, (gpointer) m);
    }
  if (all->len == 0)
    g_error ("no mention “%s” found", text);
  return all;
}

static const ChronomapPlaceMention *
get (GPtrArray  *mentions,
     const char *text)
{
  const ChronomapPlaceMention *m = find (mentions, text);

  if (m == NULL)
    g_error ("no mention “%s” found", text);
  return m;
}

static void
test_forms (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text =
    "U.S.-backed militias launched their final assault on Syria's Raqqa on Sunday. "
    "A Syrian military source said the army had captured the city of al-Mayadin. "
    "Fighters retreated towards Dayr az Zawr and the Euphrates River near Al-Baghuz Fawqani. "
    "Shelling was reported near Abu Dhuhur.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);
  const ChronomapPlaceMention *m;

  m = get (mentions, "Raqqa");
  g_assert_cmpstr (m->entry->country, ==, "SY");
  g_assert_cmpfloat_with_epsilon (m->entry->latitude, 35.95, 0.1);
  m = get (mentions, "Syria");
  g_assert_cmpint (m->entry->precision, ==, CHRONOMAP_PRECISION_COUNTRY);
  m = get (mentions, "al-Mayadin");
  g_assert_cmpstr (m->entry->country, ==, "SY");
  m = get (mentions, "Al-Baghuz Fawqani");
  g_assert_cmpfloat_with_epsilon (m->entry->longitude, 40.95, 0.1);
  get (mentions, "Euphrates River");
  /* a spelling the gazetteer does not have, after "near" */
  m = get (mentions, "Abu Dhuhur");
  g_assert_cmpfloat_with_epsilon (m->entry->latitude, 35.74, 0.1);
  get (mentions, "U.S.");

  /* "Syrian" and "Sunday" are no places */
  g_assert_null (find (mentions, "Syrian"));
  g_assert_null (find (mentions, "Sunday"));
}

/* Offsets are in characters, not bytes. */
static void
test_offsets (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text = "Réfugiés « déplacés » — the fighting spread to Aleppo and Homs.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);
  const ChronomapPlaceMention *m = get (mentions, "Aleppo");
  g_autofree char *sub = NULL;

  sub = g_utf8_substring (text, m->start, m->end);
  g_assert_cmpstr (sub, ==, "Aleppo");
  g_assert_cmpint (m->end - m->start, ==, 6);
  g_assert_cmpint (m->byte_end - m->byte_start, ==, 6);
  g_assert_cmpint (m->start, <, (glong) m->byte_start);
}

/* People and organisations whose names are also places somewhere. */
static void
test_not_places (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text =
    "Mustafa Bali, the head of the media office, said the battle continues. "
    "Mr Bali said on Twitter that Islamic State fighters had fled. "
    "Reuters reported that President Jackson met officials. May brought rain.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);

  for (guint i = 0; i < mentions->len; i++)
    g_test_message ("found %s", ((ChronomapPlaceMention *) g_ptr_array_index (mentions, i))->text);
  g_assert_cmpuint (mentions->len, ==, 0);
}

/* The text's other places decide between places of one name. */
static void
test_context (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text = "Police in Paris, Texas, said the man was taken to a hospital in Dallas.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);
  const ChronomapPlaceMention *m = get (mentions, "Paris");

  g_assert_cmpstr (m->entry->country, ==, "US");
  get (mentions, "Texas");
}

/* "Town, Area" settles the town, and every later mention of it; a list of
 * countries is no such pair. */
static void
test_qualifiers (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text =
    "A man from Athens, Ga., was arrested. Athens police said he had travelled "
    "to China, Japan and Brazil.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);
  g_autoptr(GPtrArray) athens = get_all (mentions, "Athens");

  g_assert_cmpuint (athens->len, ==, 2);
  for (guint i = 0; i < athens->len; i++)
    g_assert_cmpstr (((ChronomapPlaceMention *) g_ptr_array_index (athens, i))->entry->admin1, ==, "Georgia");
  g_assert_cmpint (get (mentions, "China")->entry->precision, ==, CHRONOMAP_PRECISION_COUNTRY);
}

/* A country is not lost to a city of its own that bears its name as an
 * alternate, however much the text says of that country. */
static void
test_countries (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text =
    "Swine flu cases rose in Mexico on Monday. Schools in Mexico City, Puebla and "
    "Guadalajara were closed, and Mexico asked for vaccines.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);
  g_autoptr(GPtrArray) mexico = get_all (mentions, "Mexico");

  g_assert_cmpuint (mexico->len, ==, 2);
  for (guint i = 0; i < mexico->len; i++)
    g_assert_cmpint (((ChronomapPlaceMention *) g_ptr_array_index (mexico, i))->entry->precision, ==,
                     CHRONOMAP_PRECISION_COUNTRY);
  g_assert_cmpint (get (mentions, "Mexico City")->entry->precision, ==, CHRONOMAP_PRECISION_PLACE);
}

/* A country written short with dots stays the country when the text
 * names places near a village of its letters ("Us", by Paris). */
static void
test_dotted_countries (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text =
    "The U.S.-backed SDF took Raqqa on Monday. French jets flew from Paris, and U.K. "
    "ministers met in Paris.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);
  const ChronomapPlaceMention *us = get (mentions, "U.S.");
  const ChronomapPlaceMention *uk = get (mentions, "U.K.");

  g_assert_cmpint (us->entry->precision, ==, CHRONOMAP_PRECISION_COUNTRY);
  g_assert_cmpstr (us->entry->country, ==, "US");
  g_assert_cmpint (uk->entry->precision, ==, CHRONOMAP_PRECISION_COUNTRY);
  g_assert_cmpstr (uk->entry->country, ==, "GB");
}

/* Cues that a name is a town's or a state's rather than a country's: a
 * dateline, townsfolk ("Jordan residents"), the states of a text about
 * the United States; what one mention says holds for all. */
static void
test_local_cues (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text =
    "MALTA -- Georgia residents met at the college. The Georgia Public Service Commission "
    "and two Jordan residents spoke; Jordan police said the meeting in Atlanta was calm.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);
  g_autoptr(GPtrArray) georgia = get_all (mentions, "Georgia");
  g_autoptr(GPtrArray) jordan = get_all (mentions, "Jordan");

  g_assert_cmpuint (georgia->len, ==, 2);
  for (guint i = 0; i < georgia->len; i++)
    g_assert_cmpstr (((ChronomapPlaceMention *) g_ptr_array_index (georgia, i))->entry->id, ==,
                     "admin1:US:georgia");
  g_assert_cmpuint (jordan->len, ==, 2);
  for (guint i = 0; i < jordan->len; i++)
    g_assert_cmpstr (((ChronomapPlaceMention *) g_ptr_array_index (jordan, i))->entry->country, ==, "US");
  g_assert_cmpstr (get (mentions, "MALTA")->entry->country, ==, "US");
}

/* AP-style state abbreviations are places, and decide the town before
 * them; the ones that are words too only in those places. */
static void
test_abbreviations (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text =
    "SALINA, Kan. (AP) -- A man from Athens, Tenn., was hurt. Sen. Frank Lautenberg, D-N.J., "
    "and former Del. Brian Moran spoke in Charleston, W. Va., on Monday.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);
  const ChronomapPlaceMention *m;

  m = get (mentions, "Kan.");
  g_assert_cmpstr (m->entry->admin1 != NULL ? m->entry->admin1 : m->entry->name, ==, "Kansas");
  m = get (mentions, "Athens");
  g_assert_cmpstr (m->entry->admin1, ==, "Tennessee");
  m = get (mentions, "N.J.");
  g_assert_cmpstr (m->entry->name, ==, "New Jersey");
  m = get (mentions, "Charleston");
  g_assert_cmpstr (m->entry->admin1, ==, "West Virginia");
  get (mentions, "W. Va.");
  g_assert_null (find (mentions, "Del."));
  g_assert_null (find (mentions, "Del"));
}

/* The gazetteer has no counties; lexicon/us-counties.tsv gives them. */
static void
test_counties (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text = "Deputies of Rapides Parish and of Tarrant County, Texas, met in Ft. Worth. "
                     "St. Clair County, Ill., and DeKalb County, Ga., sent theirs to St. Louis.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);
  const ChronomapPlaceMention *m;

  m = get (mentions, "Rapides Parish");
  g_assert_cmpint (m->entry->precision, ==, CHRONOMAP_PRECISION_ADMIN);
  g_assert_cmpstr (m->entry->admin1, ==, "Louisiana");
  m = get (mentions, "Tarrant County");
  g_assert_cmpstr (m->entry->admin1, ==, "Texas");
  g_assert_cmpfloat_with_epsilon (m->entry->latitude, 32.77, 0.3);
  /* the names as news writes them, not as the county list does */
  g_assert_cmpstr (get (mentions, "St. Clair County")->entry->admin1, ==, "Illinois");
  g_assert_cmpstr (get (mentions, "DeKalb County")->entry->admin1, ==, "Georgia");
  g_assert_cmpstr (get (mentions, "St. Louis")->entry->country, ==, "US");
  g_assert_cmpstr (get (mentions, "Ft. Worth")->entry->admin1, ==, "Texas");
}

/* "Navarro, Henderson and Ellis counties": three counties, and the
 * Henderson of the other two. */
static void
test_county_lists (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  const char *text = "Storms hit Navarro, Henderson and Ellis counties and Caddo and Bossier parishes.";
  g_autoptr(GPtrArray) mentions = chronomap_geoparser_parse (geoparser, text, -1);
  const char *texas[] = { "Navarro", "Henderson", "Ellis" };

  for (guint i = 0; i < G_N_ELEMENTS (texas); i++)
    {
      const ChronomapPlaceMention *m = get (mentions, texas[i]);

      g_assert_cmpint (m->entry->precision, ==, CHRONOMAP_PRECISION_ADMIN);
      g_assert_cmpstr (m->entry->admin1, ==, "Texas");
    }
  g_assert_cmpstr (get (mentions, "Bossier")->entry->admin1, ==, "Louisiana");
}

static void
test_empty (void)
{
  g_autoptr(ChronomapGeoparser) geoparser = make_geoparser ();
  g_autoptr(GPtrArray) none = chronomap_geoparser_parse (geoparser, "", 0);
  g_autoptr(GPtrArray) lower = chronomap_geoparser_parse (geoparser, "no capitals here at all", -1);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (lower->len, ==, 0);
}

static int
run_cli (const char  *arg1,
         const char  *arg2,
         char       **out,
         char       **err)
{
  const char *cli = g_getenv ("CHRONOMAP_CLI");
  const char *argv[] = { cli, "geoparse", arg1, arg2, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *path = chronomap_test_data_path ("seeds/002_b4f31120ac09fb1b.txt");
  g_autofree char *out = NULL, *err = NULL, *jout = NULL, *jerr = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *array;
  gboolean mayadin = FALSE;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpint (run_cli (path, NULL, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 10);
  for (guint i = 0; lines != NULL && lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      g_autofree char *sub = NULL;

      g_assert_cmpuint (g_strv_length (f), ==, 6);
      sub = g_utf8_substring (contents, g_ascii_strtoll (f[0], NULL, 10), g_ascii_strtoll (f[1], NULL, 10));
      g_assert_cmpstr (sub, ==, f[2]);
      if (strcmp (f[2], "al-Mayadin") == 0)
        mayadin = TRUE;
    }
  g_assert_true (mayadin);

  g_assert_cmpint (run_cli ("--json", path, &jout, &jerr), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, jout, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, g_strv_length (lines) - 1);
  g_assert_true (json_object_has_member (json_array_get_object_element (array, 0), "gazetteer_id"));
}

static void
test_cli_bad_input (void)
{
  g_autofree char *binary = chronomap_test_tmp_path ("geoparse-binary.bin");
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  const char bytes[] = { 'P', 'K', 3, 4, 0, 0, (char) 0xff, (char) 0xfe };

  g_assert_true (g_file_set_contents (binary, bytes, sizeof bytes, NULL));
  g_assert_cmpint (run_cli (binary, NULL, &out, &err), ==, 1);
  g_assert_true (strstr (err, "not UTF-8 text") != NULL);
  g_assert_cmpint (run_cli ("/nonexistent/file.txt", NULL, &out2, &err2), ==, 1);
}

/* A user gazetteer that holds Raqqa again as a plain locality (Who's On
 * First does) must not turn "Raqqa" into the governorate: the city is
 * still the seat the news means, with or without the second copy. */
static void
test_seat_in_two_gazetteers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new ();
  g_autoptr(ChronomapGazetteerBuilder) builder = chronomap_gazetteer_builder_new ("wof");
  g_autoptr(ChronomapGeoparser) geoparser = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autofree char *bundled = chronomap_gazetteer_bundled_path ();
  g_autofree char *src = g_build_filename (TEST_DATA_DIR, "gazetteer-wof-raqqa.csv", NULL);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "wof-raqqa.cgaz", NULL);
  const ChronomapPlaceMention *m;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (chronomap_gazetteer_builder_add_file (builder, src, &error));
  g_assert_true (chronomap_gazetteer_builder_write (builder, path, &error));
  g_assert_no_error (error);
  g_assert_true (chronomap_gazetteer_add_file (gazetteer, bundled, &error));
  g_assert_true (chronomap_gazetteer_add_file (gazetteer, path, &error));
  g_assert_no_error (error);
  geoparser = chronomap_geoparser_new (gazetteer, &error);
  g_assert_no_error (error);

  mentions = chronomap_geoparser_parse (geoparser,
                                        "U.S.-backed forces said they had taken Raqqa, Syria, from "
                                        "Islamic State after a four-month battle for the city.", -1);
  m = get (mentions, "Raqqa");
  g_assert_cmpint (m->entry->precision, ==, CHRONOMAP_PRECISION_PLACE);
  g_assert_cmpfloat_with_epsilon (m->entry->latitude, 35.95, 0.05);
  g_assert_cmpfloat_with_epsilon (m->entry->longitude, 39.01, 0.05);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/geoparse/forms", test_forms);
  g_test_add_func ("/chronomap/geoparse/offsets", test_offsets);
  g_test_add_func ("/chronomap/geoparse/not-places", test_not_places);
  g_test_add_func ("/chronomap/geoparse/context", test_context);
  g_test_add_func ("/chronomap/geoparse/qualifiers", test_qualifiers);
  g_test_add_func ("/chronomap/geoparse/countries", test_countries);
  g_test_add_func ("/chronomap/geoparse/dotted-countries", test_dotted_countries);
  g_test_add_func ("/chronomap/geoparse/local-cues", test_local_cues);
  g_test_add_func ("/chronomap/geoparse/abbreviations", test_abbreviations);
  g_test_add_func ("/chronomap/geoparse/counties", test_counties);
  g_test_add_func ("/chronomap/geoparse/county-lists", test_county_lists);
  g_test_add_func ("/chronomap/geoparse/empty", test_empty);
  g_test_add_func ("/chronomap/geoparse/seat-in-two-gazetteers", test_seat_in_two_gazetteers);
  g_test_add_func ("/chronomap/geoparse/cli", test_cli);
  g_test_add_func ("/chronomap/geoparse/cli-bad-input", test_cli_bad_input);

  status = g_test_run ();
  g_clear_object (&shared_geoparser);
  return status;
}
