/* test-gazetteer.c: name keys, the compiled gazetteer file, user gazetteers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "chronomap-error.h"
#include "chronomap-gazetteer.h"
#include "chronomap-gazetteer-private.h"
#include "chronomap-geocoder.h"
#include "chronomap-normalize.h"

static void
assert_key (const char *name,
            const char *expected)
{
  g_autofree char *key = chronomap_normalize_name (name, TRUE, NULL);

  g_assert_cmpstr (key, ==, expected);
}

static void
test_normalize_name (void)
{
  ChronomapNameFlags flags;
  g_autofree char *key = NULL;

  assert_key ("Ar-Raqqah", "raqqah");
  assert_key ("AR RAQQAH", "raqqah");
  assert_key ("Al Mayādīn", "mayadin");
  assert_key ("al-Baghuz Fawqani", "baghuz fawqani");
  assert_key ("Deir ez-Zor", "deir zor");
  assert_key ("Syria's Raqqa", "raqqa");
  assert_key ("Syria’s Raqqa", "raqqa");
  assert_key ("Raqqa city", "raqqa");
  assert_key ("outskirts of Mosul", "mosul");
  assert_key ("Ma'arrat al-Nu'man", "maarrat numan");
  assert_key ("‘Ayn ‘Īsá", "ayn isa");
  assert_key ("Qurt Qulaq (Kurtkulak) village", "qurt qulaq");
  /* Arabic: article, harakat, ta marbuta, hamza on alef */
  assert_key ("الرَّقَّة", "رقه");
  assert_key ("الرقة", "رقه");
  assert_key ("أبو كمال", "ابو كمال");
  /* a name that is only a qualifier stays a name */
  assert_key ("Town", "town");
  assert_key ("Al", "al");

  key = chronomap_normalize_name ("Raqqa Governorate", TRUE, &flags);
  g_assert_cmpstr (key, ==, "raqqa");
  g_assert_true (flags & CHRONOMAP_NAME_ADMIN);
  g_clear_pointer (&key, g_free);

  key = chronomap_normalize_name ("near Baghouz", TRUE, &flags);
  g_assert_cmpstr (key, ==, "baghouz");
  g_assert_true (flags & CHRONOMAP_NAME_NEAR);
  g_clear_pointer (&key, g_free);

  key = chronomap_normalize_name ("Raqqa Governorate", FALSE, &flags);
  g_assert_cmpstr (key, ==, "raqqa governorate");
  g_assert_cmpint (flags, ==, CHRONOMAP_NAME_NONE);
}

static void
test_normalize_bad_input (void)
{
  g_autofree char *big = g_strnfill (10 * 1024, 'a');
  g_autofree char *key = NULL;

  g_assert_null (chronomap_normalize_name (NULL, TRUE, NULL));
  g_assert_null (chronomap_normalize_name ("", TRUE, NULL));
  g_assert_null (chronomap_normalize_name ("  !!! --- ...", TRUE, NULL));
  g_assert_null (chronomap_normalize_name (big, TRUE, NULL));

  /* invalid UTF-8 is repaired, not trusted */
  key = chronomap_normalize_name ("Raq\xff\xfeqa", TRUE, NULL);
  g_assert_cmpstr (key, ==, "raqqa");
  g_clear_pointer (&key, g_free);

  key = chronomap_normalize_name ("x'; DROP TABLE events;--", TRUE, NULL);
  g_assert_cmpstr (key, ==, "x drop table events");
}

static void
test_normalize_fold (void)
{
  static const struct { const char *a, *b; } same[] = {
    { "Raqqa", "Rakka" },
    { "Raqqah", "Raqqa" },
    { "Al-Mayadeen", "al-Mayadin" },
    { "Hakoura", "Hakura" },
    { "Abu al-Duhur", "Abu Dhuhur" },
    { "Baghouz", "Baghuz" },
    { "Sheikh Maqsoud", "Shaykh Maqsud" },
  };
  static const struct { const char *a, *b; } same_skeleton[] = {
    { "Deir ez-Zor", "Dayr az Zawr" },
    { "Kafarya", "Kafraya" },
    { "Idlib", "Idleb" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *ka = chronomap_normalize_name (same[i].a, TRUE, NULL);
      g_autofree char *kb = chronomap_normalize_name (same[i].b, TRUE, NULL);
      g_autofree char *fa = chronomap_normalize_fold (ka);
      g_autofree char *fb = chronomap_normalize_fold (kb);

      g_assert_cmpstr (fa, ==, fb);
    }

  for (guint i = 0; i < G_N_ELEMENTS (same_skeleton); i++)
    {
      g_autofree char *ka = chronomap_normalize_name (same_skeleton[i].a, TRUE, NULL);
      g_autofree char *kb = chronomap_normalize_name (same_skeleton[i].b, TRUE, NULL);
      g_autofree char *fa = chronomap_normalize_fold (ka);
      g_autofree char *fb = chronomap_normalize_fold (kb);
      g_autofree char *sa = chronomap_normalize_skeleton (fa);
      g_autofree char *sb = chronomap_normalize_skeleton (fb);

      g_assert_cmpstr (sa, ==, sb);
    }

  /* a transliteration and the Arabic spelling have the same consonants */
  {
    static const struct { const char *latin, *arabic; gboolean same; } consonants[] = {
      { "Al Kareem", "الكريم", TRUE },
      { "Raqqah", "الرقة", TRUE },
      { "Salhieh", "الصالحية", TRUE },
      { "As Salihiyah", "الصالحية", TRUE },
      { "Ash Shaykh Maskin", "الشيخ مسكين", TRUE },
      { "Kafarya", "كفريا", TRUE },
      { "Hakoura", "حاكورة", TRUE },
      { "Al Sayeh", "السيحة", TRUE },   /* with the final h */
      { "Al Hissan", "الحسينية", FALSE },   /* the nisba's yeh counts */
      { "Ithriya", "ططرية", FALSE },   /* letters apart are two */
      { "Barisha", "بريس", FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (consonants); i++)
      {
        g_autofree char *kl = chronomap_normalize_name (consonants[i].latin, TRUE, NULL);
        g_autofree char *ka = chronomap_normalize_name (consonants[i].arabic, TRUE, NULL);
        g_autofree char *cl = chronomap_normalize_consonants (kl, FALSE);
        g_autofree char *clh = chronomap_normalize_consonants (kl, TRUE);
        g_autofree char *ca = chronomap_normalize_consonants (ka, FALSE);
        gboolean met = strcmp (cl, ca) == 0 || strcmp (clh, ca) == 0;

        if (met != consonants[i].same)
          g_error ("%s (%s, %s) and %s (%s)", consonants[i].latin, cl, clh,
                   consonants[i].arabic, ca);
      }
  }
  {
    /* another script has no consonants of these */
    g_autofree char *other = chronomap_normalize_consonants ("\xd0\xbc\xd0\xb8\xd1\x80", FALSE);

    g_assert_cmpstr (other, ==, "");
  }

  /* a swap of two letters is one edit */
  g_assert_cmpuint (chronomap_normalize_distance ("kafaria", "kafraia", 3), ==, 1);
  g_assert_cmpuint (chronomap_normalize_distance ("abc", "abc", 3), ==, 0);
  g_assert_cmpuint (chronomap_normalize_distance ("abc", "xyzuvw", 2), ==, 3);
}

static void
test_bundled_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapGazetteer) gazetteer = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  gazetteer = chronomap_gazetteer_new_default (&error);
  g_assert_no_error (error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("opened the bundled gazetteer in %.2f ms", ms);

  /* the isolated test home has no user gazetteer */
  g_assert_cmpuint (chronomap_gazetteer_get_n_files (gazetteer), ==, 1);
  /* cities500 has about 200,000 places */
  g_assert_cmpuint (chronomap_gazetteer_get_n_entries (gazetteer), >, 150000);
  g_assert_cmpstr (chronomap_gazetteer_get_country_name (gazetteer, "SY"), ==, "Syria");
  g_assert_cmpstr (chronomap_gazetteer_get_country_name (gazetteer, "FR"), ==, "France");
  g_assert_null (chronomap_gazetteer_get_country_name (gazetteer, "XX"));
}

static char *
build_user_file (const char *source,
                 const char *label,
                 GError    **error)
{
  g_autoptr(ChronomapGazetteerBuilder) builder = chronomap_gazetteer_builder_new (label);
  g_autofree char *src = g_build_filename (TEST_DATA_DIR, source, NULL);
  g_autofree char *dir = chronomap_gazetteer_user_dir ();
  g_autofree char *name = g_strconcat (label, ".cgaz", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (!chronomap_gazetteer_builder_add_file (builder, src, error))
    return NULL;
  if (!chronomap_gazetteer_builder_write (builder, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

static void
test_user_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = build_user_file ("gazetteer-wof-excerpt.csv", "wof-excerpt", &error);
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new ();
  g_autoptr(ChronomapGeocoder) geocoder = NULL;
  g_autoptr(ChronomapGeocodeResult) r = NULL;
  g_autoptr(GPtrArray) files = NULL;

  g_assert_no_error (error);
  g_assert_true (chronomap_gazetteer_add_file (gazetteer, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chronomap_gazetteer_get_n_entries (gazetteer), ==, 6);

  files = chronomap_gazetteer_list_user_files (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (files, 0), ==, path);

  geocoder = chronomap_geocoder_new (gazetteer);

  /* the CSV's alt_names column, the WOF "`" for ayn */
  r = chronomap_geocoder_geocode (geocoder, "Ain Isa", NULL);
  g_assert_true (r->resolved);
  g_assert_cmpstr (r->entry->id, ==, "wof:1259789621");
  g_assert_cmpstr (r->entry->source, ==, "wof-excerpt");
  g_assert_cmpstr (r->entry->country, ==, "SY");
  g_clear_pointer (&r, chronomap_geocode_result_free);

  /* Kafraya by another transliteration */
  r = chronomap_geocoder_geocode (geocoder, "Kafarya town", "SY");
  g_assert_true (r->resolved);
  g_assert_cmpstr (r->entry->id, ==, "wof:1343348707");
  g_clear_pointer (&r, chronomap_geocode_result_free);

  r = chronomap_geocoder_geocode (geocoder, "الفوعة", NULL);
  g_assert_true (r->resolved);
  g_assert_cmpstr (r->entry->name, ==, "Al Fu`ah");
}

static void
test_user_geonames (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = build_user_file ("gazetteer-geonames-excerpt.txt", "geonames", &error);
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new ();
  g_autoptr(ChronomapGeocoder) geocoder = NULL;
  g_autoptr(ChronomapGeocodeResult) r = NULL;

  g_assert_no_error (error);
  g_assert_true (chronomap_gazetteer_add_file (gazetteer, path, &error));
  g_assert_cmpuint (chronomap_gazetteer_get_n_entries (gazetteer), ==, 3);

  geocoder = chronomap_geocoder_new (gazetteer);
  r = chronomap_geocoder_geocode (geocoder, "Mossoul", NULL);
  g_assert_true (r->resolved);
  g_assert_cmpstr (r->entry->id, ==, "geonames:99072");
  g_assert_cmpint (r->precision, ==, CHRONOMAP_PRECISION_PLACE);
}

static void
test_bad_files (void)
{
  g_autoptr(ChronomapGazetteerBuilder) builder = chronomap_gazetteer_builder_new ("bad");
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chronomap-gazetteer-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "nocoords.csv", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.cgaz", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.cgaz", NULL);
  g_autofree char *good = g_build_filename (dir, "good.cgaz", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  /* no latitude column */
  g_assert_true (g_file_set_contents (csv, "name,lon\nA,1\n", -1, NULL));
  g_assert_false (chronomap_gazetteer_builder_add_file (builder, csv, &error));
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* header only: no place */
  g_assert_true (g_file_set_contents (csv, "name,latitude,longitude\nA,x,y\n", -1, NULL));
  g_assert_false (chronomap_gazetteer_builder_add_file (builder, csv, &error));
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (chronomap_gazetteer_builder_add_file (builder, "/nonexistent.csv", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (junk, "not a gazetteer at all, not at all", -1, NULL));
  g_assert_false (chronomap_gazetteer_add_file (gazetteer, junk, &error));
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* a spreadsheet's CSV: byte order mark, CRLF, other column order */
  g_assert_true (g_file_set_contents (csv, "\xef\xbb\xbfLongitude,Name,Latitude\r\n"
                                      "38.86,Ain Issa,36.38\r\n", -1, NULL));
  g_assert_true (chronomap_gazetteer_builder_add_file (builder, csv, &error));
  g_assert_no_error (error);

  /* a real file cut short */
  g_assert_true (g_file_set_contents (csv, "name,latitude,longitude,alt_names\n"
                                      "\"Ain, Issa\",36.38,38.86,\"A|B\"\n", -1, NULL));
  g_assert_true (chronomap_gazetteer_builder_add_file (builder, csv, &error));
  g_assert_no_error (error);
  g_assert_true (chronomap_gazetteer_builder_write (builder, good, &error));
  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, len / 2, NULL));
  g_assert_false (chronomap_gazetteer_add_file (gazetteer, truncated, &error));
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* a file that says it has the bitmap of names spelled one way only
   * (GAZ_FEATURE_FOLD_ALONE), after a skeleton hash that ends inside its
   * strings: the bitmap would lie in them */
  {
    GazHeader *h = (GazHeader *) contents;

    g_assert_true (h->features & GAZ_FEATURE_FOLD_ALONE);
    h->off_skel_hash = (h->off_strings + 3) & ~(guint64) 3;
    g_assert_cmpuint (len - h->off_skel_hash, >=, h->skel_hash_size * sizeof (guint32));
    g_assert_true (g_file_set_contents (truncated, contents, len, NULL));
    g_assert_false (chronomap_gazetteer_add_file (gazetteer, truncated, &error));
    g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  g_assert_true (chronomap_gazetteer_add_file (gazetteer, good, &error));
  g_assert_no_error (error);

  g_unlink (csv);
  g_unlink (junk);
  g_unlink (truncated);
  g_unlink (good);
  g_rmdir (dir);
}

/* Adds @src to @builder, which must take it, and returns a geocoder over
 * the compiled result alone. */
static ChronomapGeocoder *
compile_and_open (ChronomapGazetteerBuilder *builder,
                  const char                *src)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "compiled.cgaz", NULL);
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (chronomap_gazetteer_builder_add_file (builder, src, &error));
  g_assert_no_error (error);
  g_assert_true (chronomap_gazetteer_builder_write (builder, path, &error));
  g_assert_no_error (error);
  g_assert_true (chronomap_gazetteer_add_file (gazetteer, path, &error));
  g_assert_no_error (error);
  g_unlink (path);
  return chronomap_geocoder_new (gazetteer);
}

/* The rows of tests/data/gazetteer-bad-rows.csv that are not places. */
static const char * const bad_rows[] = {
  "gazetteer-bad-rows.csv:6: no latitude",
  "gazetteer-bad-rows.csv:7: latitude “abc” is not a number",
  "gazetteer-bad-rows.csv:8: latitude 95 is outside -90…90",
  "gazetteer-bad-rows.csv:9: latitude “0x10” is not a number",
  "gazetteer-bad-rows.csv:10: latitude “nan” is not a number",
  "gazetteer-bad-rows.csv:11: longitude “inf” is not a number",
  "gazetteer-bad-rows.csv:12: no name",
};

static void
test_bad_rows (void)
{
  g_autoptr(ChronomapGazetteerBuilder) builder = chronomap_gazetteer_builder_new ("bad-rows");
  g_autofree char *src = g_build_filename (TEST_DATA_DIR, "gazetteer-bad-rows.csv", NULL);
  g_autoptr(ChronomapGeocoder) geocoder = compile_and_open (builder, src);
  GPtrArray *problems;

  g_assert_cmpuint (chronomap_gazetteer_builder_get_n_entries (builder), ==, 3);
  g_assert_cmpuint (chronomap_gazetteer_builder_get_n_skipped (builder), ==,
                    G_N_ELEMENTS (bad_rows));
  problems = chronomap_gazetteer_builder_get_problems (builder);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (bad_rows));
  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    g_assert_cmpstr (g_ptr_array_index (problems, i), ==, bad_rows[i]);

  /* the good rows, an exponent and blanks around a number among them */
  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "Qasr Fixturiyah", "Tall Fixturiyah", "Wadi Fixturiyah" };
      g_autoptr(ChronomapGeocodeResult) r = chronomap_geocoder_geocode (geocoder, names[i], NULL);

      g_assert_true (r->resolved);
      g_assert_cmpstr (r->entry->name, ==, names[i]);
      g_assert_cmpfloat_with_epsilon (r->latitude, 35.1 + 0.1 * i, 1e-6);
      g_assert_cmpfloat_with_epsilon (r->longitude, 38.2 + 0.1 * i, 1e-6);
    }
}

/* A row is named by the line it starts on, and the problems kept are
 * bounded while the count is not. */
static void
test_bad_rows_lines (void)
{
  g_autoptr(ChronomapGazetteerBuilder) builder = chronomap_gazetteer_builder_new ("lines");
  g_autofree char *csv = g_build_filename (g_get_tmp_dir (), "lines.csv", NULL);
  g_autoptr(GString) contents = g_string_new ("name,latitude,longitude\n"
                                              "\"Two\nLines\",x,1\n"
                                              "Good,1,2\n");
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  for (guint i = 0; i < 150; i++)
    g_string_append (contents, "Bad,1,\n");
  g_assert_true (g_file_set_contents (csv, contents->str, -1, NULL));
  g_assert_true (chronomap_gazetteer_builder_add_file (builder, csv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chronomap_gazetteer_builder_get_n_entries (builder), ==, 1);
  g_assert_cmpuint (chronomap_gazetteer_builder_get_n_skipped (builder), ==, 151);
  problems = chronomap_gazetteer_builder_get_problems (builder);
  g_assert_cmpuint (problems->len, ==, 100);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, "lines.csv:2: latitude “x” is not a number");
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==, "lines.csv:5: no longitude");
  g_unlink (csv);
}

/* A quoted field whose closing quote is missing would take every row
 * after it: the file is refused, at the line where the field began. */
static void
test_unclosed_quote (void)
{
  static const struct { const char *csv; const char *message; } cases[] = {
    { "name,latitude,longitude\nA,1,2\n\"B,3,4\nC,5,6\n",
      "quote.csv:3: missing closing quote: the quoted field starting here runs to the end "
      "of the file" },
    /* after a record over two lines, the open field on its record's second line */
    { "name,latitude,longitude\n\"A\nA\",1,2\n\"B\nB\",3,\"4\nC,5,6\n",
      "quote.csv:5: missing closing quote: the quoted field starting here runs to the end "
      "of the file" },
  };
  g_autofree char *csv = g_build_filename (g_get_tmp_dir (), "quote.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChronomapGazetteerBuilder) builder = chronomap_gazetteer_builder_new ("quote");
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (csv, cases[i].csv, -1, NULL));
      g_assert_false (chronomap_gazetteer_builder_add_file (builder, csv, &error));
      g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
  g_unlink (csv);
}

/* A tab-separated file whose header has no "#": its rows are split at
 * tabs too, so a comma or a quote in a name is part of the name. */
static void
test_tsv_header (void)
{
  g_autoptr(ChronomapGazetteerBuilder) builder = chronomap_gazetteer_builder_new ("tsv");
  g_autoptr(ChronomapGeocoder) geocoder = NULL;
  g_autoptr(ChronomapGeocodeResult) r = NULL;
  g_autofree char *tsv = g_build_filename (g_get_tmp_dir (), "places.tsv", NULL);

  g_assert_true (g_file_set_contents (tsv, "id\tname\tlatitude\tlongitude\n"
                                      "t1\tQasr Fixturiyah, East\t35.1\t38.2\n"
                                      "t2\t\"Wadi\" Fixturiyah\t35.3\t38.4\n", -1, NULL));
  geocoder = compile_and_open (builder, tsv);
  g_assert_cmpuint (chronomap_gazetteer_builder_get_n_entries (builder), ==, 2);
  g_assert_cmpuint (chronomap_gazetteer_builder_get_n_skipped (builder), ==, 0);

  r = chronomap_geocoder_geocode (geocoder, "Qasr Fixturiyah East", NULL);
  g_assert_true (r->resolved);
  g_assert_cmpstr (r->entry->id, ==, "t1");
  g_assert_cmpstr (r->entry->name, ==, "Qasr Fixturiyah, East");
  g_clear_pointer (&r, chronomap_geocode_result_free);
  r = chronomap_geocoder_geocode (geocoder, "Wadi Fixturiyah", NULL);
  g_assert_true (r->resolved);
  g_assert_cmpstr (r->entry->name, ==, "\"Wadi\" Fixturiyah");
  g_unlink (tsv);
}

/* A row without an id gets the gazetteer's name and the row's line. */
static void
test_generated_ids (void)
{
  g_autoptr(ChronomapGazetteerBuilder) builder = chronomap_gazetteer_builder_new ("mine");
  g_autoptr(ChronomapGeocoder) geocoder = NULL;
  g_autofree char *csv = g_build_filename (g_get_tmp_dir (), "ids.csv", NULL);
  static const struct { const char *name, *id; } expected[] = {
    { "Qasr Fixturiyah", "q1" },
    { "Tall Fixturiyah", "mine:3" },
    { "Wadi Fixturiyah", "mine:4" },   /* the line its record starts on */
  };

  g_assert_true (g_file_set_contents (csv, "id,name,latitude,longitude\n"
                                      "q1,Qasr Fixturiyah,35.1,38.2\n"
                                      ",Tall Fixturiyah,35.2,38.3\n"
                                      " ,\"Wadi\nFixturiyah\",35.3,38.4\n", -1, NULL));
  geocoder = compile_and_open (builder, csv);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(ChronomapGeocodeResult) r = chronomap_geocoder_geocode (geocoder, expected[i].name,
                                                                        NULL);

      g_assert_true (r->resolved);
      g_assert_cmpstr (r->entry->id, ==, expected[i].id);
    }
  g_unlink (csv);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/gazetteer/normalize-name", test_normalize_name);
  g_test_add_func ("/chronomap/gazetteer/normalize-bad-input", test_normalize_bad_input);
  g_test_add_func ("/chronomap/gazetteer/normalize-fold", test_normalize_fold);
  g_test_add_func ("/chronomap/gazetteer/bundled-open", test_bundled_open);
  g_test_add_func ("/chronomap/gazetteer/user-csv", test_user_csv);
  g_test_add_func ("/chronomap/gazetteer/user-geonames", test_user_geonames);
  g_test_add_func ("/chronomap/gazetteer/bad-files", test_bad_files);
  g_test_add_func ("/chronomap/gazetteer/bad-rows", test_bad_rows);
  g_test_add_func ("/chronomap/gazetteer/bad-rows-lines", test_bad_rows_lines);
  g_test_add_func ("/chronomap/gazetteer/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/chronomap/gazetteer/tsv-header", test_tsv_header);
  g_test_add_func ("/chronomap/gazetteer/generated-ids", test_generated_ids);

  return g_test_run ();
}
