/* test-import.c: importing ACLED, UCDP, GDELT, GeoJSON and CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "chronomap-database.h"
#include "chronomap-error.h"
#include "chronomap-importer.h"
#include "chronomap-test-utils.h"

static char *
fixture (const char *name)
{
  g_autofree char *rel = g_build_filename ("interchange", name, NULL);

  return chronomap_test_data_path (rel);
}

static char *
write_tmp (const char *name,
           const char *contents)
{
  char *path = chronomap_test_tmp_path (name);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
new_db_path (const char *name)
{
  char *path = chronomap_test_tmp_path (name);

  g_unlink (path);
  return path;
}

/* Imports @paths into @db_path; returns the importer for its counts. */
static ChronomapImporter *
import (const char            *db_path,
        ChronomapImportFormat  format,
        ChronomapImportFlags   flags,
        const char * const    *paths,
        GError               **error)
{
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                error);
  g_assert_nonnull (db);
  importer = chronomap_importer_new (db, format, flags);
  if (!chronomap_importer_run (importer, paths, NULL, error))
    return NULL;
  return g_steal_pointer (&importer);
}

static void
import_ok (const char            *db_path,
           ChronomapImportFormat  format,
           const char            *path,
           guint64                n_inserted,
           guint64                n_updated)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapImporter) importer = import (db_path, format, CHRONOMAP_IMPORT_DEFAULT, paths,
                                                  &error);

  g_assert_no_error (error);
  g_assert_nonnull (importer);
  g_assert_cmpuint (chronomap_importer_get_n_inserted (importer), ==, n_inserted);
  g_assert_cmpuint (chronomap_importer_get_n_updated (importer), ==, n_updated);
}

#define assert_query(db, sql, expected) \
  G_STMT_START { \
    g_autofree char *result_ = chronomap_test_query ((db), (sql)); \
    g_assert_cmpstr (result_, ==, (expected)); \
  } G_STMT_END

#define EVENT_COLUMNS "external_id, date_start, date_end, date_precision, event_type, " \
  "sub_event_type, actor1, actor2, location, country, latitude, longitude, geo_precision, " \
  "geo_source, fatalities, fatalities_low, fatalities_high"

static void
test_acled_new (void)
{
  g_autofree char *db = new_db_path ("acled-new.sqlite");
  g_autofree char *path = fixture ("acled-new.csv");

  import_ok (db, CHRONOMAP_IMPORT_ACLED, path, 3, 0);
  assert_query (db, "SELECT " EVENT_COLUMNS ", notes FROM events ORDER BY id",
                /* time_precision 1: the day */
                "SYR90001|2023-01-31|∅|day|Battles|Armed clash|Military Forces of Syria (2000-)|"
                "Hayat Tahrir al Sham|Ariha|SY|35.8126|36.6096|exact|source|4|∅|∅|"
                "Clashes between regime forces and HTS near Ariha; \"heavy\" shelling reported.\n"
                /* 3: the month */
                "SYR90002|2023-02|∅|month|Explosions/Remote violence|Air/drone strike|"
                "Military Forces of Russia (2000-)|Civilians (Syria)|Idleb|SY|35.9306|36.6339|near|"
                "source|0|∅|∅|Airstrikes on the outskirts of Idleb city.\n"
                /* 2: the week around the date; geo_precision 3: the province */
                "SYR90003|2023-03-01|2023-03-07|day|Protests|Peaceful protest|Protesters (Syria)|∅|"
                "As-Sweida|SY|32.709|36.5695|admin1|source|∅|∅|∅|Protest against living conditions.");
  assert_query (db, "SELECT s.publisher FROM events e JOIN sources s ON s.id = e.source_id "
                "ORDER BY e.id",
                "Syrian Observatory for Human Rights\nStep News Agency\nSuwayda 24");
  /* The areas, hints for the geocoder. */
  assert_query (db, "SELECT external_id, admin1, admin2 FROM events ORDER BY id",
                "SYR90001|Idleb|Ariha\n"
                "SYR90002|Idleb|Idleb\n"
                "SYR90003|As-Sweida|As-Sweida");
  /* Nothing lost: the columns the events table has no place for are kept
   * in the attributes, as written; empty ones and the year the date
   * already says are not. */
  assert_query (db, "SELECT external_id, json_extract(attributes, '$.inter1'),"
                " json_extract(attributes, '$.interaction'), json_extract(attributes, '$.admin3'),"
                " json_extract(attributes, '$.civilian_targeting'),"
                " json_extract(attributes, '$.timestamp'), json_type(attributes, '$.assoc_actor_1'),"
                " json_type(attributes, '$.year') FROM events ORDER BY id",
                "SYR90001|State forces|State forces-Rebel group|Ariha|∅|1675700000|∅|∅\n"
                "SYR90002|External/Other forces|External/Other forces-Civilians|Idleb|"
                "Civilian targeting|1676700000|∅|∅\n"
                "SYR90003|Protesters|Protesters only|As-Sweida|∅|1677700000|∅|∅");
}

static void
test_acled_old (void)
{
  g_autofree char *db = new_db_path ("acled-old.sqlite");
  g_autofree char *path = fixture ("acled-old.csv");

  /* Byte order mark, CRLF, "16 May 2019" dates, numeric inter1, a quoted
   * field with a line break. */
  import_ok (db, CHRONOMAP_IMPORT_ACLED, path, 3, 0);
  assert_query (db, "SELECT external_id, date_start, date_precision, country, geo_precision, "
                "fatalities FROM events ORDER BY id",
                "SYR10001|2019-05-16|day|SY|exact|23\n"
                "SYR10002|2019-06-03|day|SY|near|1\n"
                "IRQ20001|2019-07|month|IQ|exact|0");
  assert_query (db, "SELECT admin1, admin2 FROM events ORDER BY id",
                "Hama|As-Suqaylabiyah\n"
                "Dar'a|Dar'a\n"
                "Ninewa|Mosul");
  assert_query (db, "SELECT notes FROM events WHERE external_id = 'SYR10001'",
                "Regime forces advanced on Kafr Nabudah.\r\nThe village was retaken the next day; "
                "\"fierce\" fighting continued.");
}

static void
test_acled_reimport (void)
{
  g_autofree char *db = new_db_path ("acled-reimport.sqlite");
  g_autofree char *first = fixture ("acled-new.csv");
  g_autofree char *update = fixture ("acled-update.csv");

  import_ok (db, CHRONOMAP_IMPORT_ACLED, first, 3, 0);
  /* event_id_cnty is the key: one event updated, one added. */
  import_ok (db, CHRONOMAP_IMPORT_ACLED, update, 1, 1);
  import_ok (db, CHRONOMAP_IMPORT_ACLED, update, 0, 2);
  assert_query (db, "SELECT external_id, fatalities, notes FROM events ORDER BY external_id",
                "SYR90001|6|Revised: clashes near Ariha.\n"
                "SYR90002|0|Airstrikes on the outskirts of Idleb city.\n"
                "SYR90003|∅|Protest against living conditions.\n"
                "SYR90004|2|Clashes west of Aleppo.");
  /* Sources are reused, not added again on each import. */
  assert_query (db, "SELECT count(*) FROM sources", "3");
}

static void
test_ucdp (void)
{
  g_autofree char *db = new_db_path ("ucdp.sqlite");
  g_autofree char *db2 = new_db_path ("ucdp-noheader.sqlite");
  g_autofree char *ged23 = fixture ("ucdp-ged-23.1-excerpt.csv");
  g_autofree char *noheader = fixture ("ucdp-ged-23.1-noheader.csv");
  g_autofree char *ged19 = fixture ("ucdp-ged-19.1-syria-excerpt.csv");
  g_autofree char *all = NULL;
  g_autofree char *all2 = NULL;

  import_ok (db, CHRONOMAP_IMPORT_UCDP, ged23, 7, 0);
  assert_query (db, "SELECT " EVENT_COLUMNS " FROM events WHERE external_id IN "
                "('ucdp:300380', 'ucdp:21300', 'ucdp:370730') ORDER BY id",
                "ucdp:300380|2013-01-03|∅|day|Battles|Armed clash|Government of Syria|"
                "Syrian insurgents|Rami village|SY|35.763369|36.558974|exact|source|2|2|2\n"
                "ucdp:370730|2020-10-21|∅|day|Violence against civilians|Attack|URDPC|Civilians|"
                "Abaluma village (Buraki groupement, Banyali Kilo)|CD|1.8699|30.046|near|source|"
                "3|3|3\n"
                "ucdp:21300|1989-05-10|1989-05-16|day|Battles|Armed clash|Government of Angola|UNITA|"
                "Lunda Sul province|AO|-9.65|20.4|admin1|source|14|14|14");
  /* Provenance: headline, office, first source date, the citation. */
  assert_query (db, "SELECT s.title, s.publisher, s.published FROM events e "
                "JOIN sources s ON s.id = e.source_id WHERE e.external_id = 'ucdp:300380'",
                "Thursday 3 January 2013;Abdul Satar Mustafa Hankosh|Support Kurds in Syria;VDC|"
                "2013-01-03");
  /* adm_1 and adm_2, an empty adm_2 as none. */
  assert_query (db, "SELECT external_id, admin1, admin2 FROM events WHERE external_id IN "
                "('ucdp:300380', 'ucdp:21300') ORDER BY id",
                "ucdp:300380|Idlib governorate|Ariha district\n"
                "ucdp:21300|Lunda Sul province|∅");

  /* The GED 19.1 layout (41 columns) maps by header names. */
  import_ok (db, CHRONOMAP_IMPORT_UCDP, ged19, 5, 0);
  assert_query (db, "SELECT external_id, location, geo_precision, fatalities FROM events "
                "WHERE external_id = 'ucdp:214804'", "ucdp:214804|Ein Laroz town|near|2");
  assert_query (db, "SELECT admin1, admin2 FROM events WHERE external_id = 'ucdp:214804'",
                "Idlib Governorate|Ariha district");

  /* Without a header, the GED 23.1 order. */
  import_ok (db2, CHRONOMAP_IMPORT_UCDP, noheader, 7, 0);
  all = chronomap_test_query (db, "SELECT " EVENT_COLUMNS ", notes, admin1, admin2 FROM events "
                              "WHERE id <= 7 ORDER BY id");
  all2 = chronomap_test_query (db2, "SELECT " EVENT_COLUMNS ", notes, admin1, admin2 FROM events "
                               "ORDER BY id");
  g_assert_cmpstr (all, ==, all2);
}

typedef struct
{
  const char *name;
  const char *contents;
  const char *message;
} BadCase;

/* Every bad file leaves the database byte-identical. */
static void
test_bad_input (void)
{
  static const char header[] =
    "event_id_cnty,event_date,time_precision,event_type,inter1,location,latitude,longitude,"
    "fatalities\n";
  static const char good[] = "A1,2019-02-01,1,Battles,1,Idlib,35.9,36.6,3\n";
  static const BadCase cases[] = {
    { "bad-date.csv", "A2,2019-02-30,1,Battles,1,Idlib,35.9,36.6,3\n",
      "bad-date.csv:3: event_date: “2019-02-30” is not a date: February 2019 has 28 days" },
    { "bad-latitude.csv", "A2,2019-02-03,1,Battles,1,Idlib,91,36.6,3\n",
      "bad-latitude.csv:3: latitude: latitude 91 is outside -90…90" },
    { "bad-count.csv", "A2,2019-02-03,1,Battles,1,Idlib,35.9,36.6\n",
      "bad-count.csv:3: expected 9 fields as in the header, found 8" },
    { "bad-quotes.csv", "A2,2019-02-03,1,Battles,1,\"Idlib \"city\"\",35.9,36.6,3\n",
      "bad-quotes.csv:3: location: a quote inside a quoted field must be doubled (\"\"); "
      "found text after the closing quote" },
    { "bad-open-quote.csv", "A2,2019-02-03,1,Battles,1,\"Idlib,35.9,36.6,3\nA3,2019-02-04,1,"
      "Battles,1,Idlib,35.9,36.6,3\n",
      "bad-open-quote.csv:3: location: missing closing quote: the quoted field starting here "
      "runs to the end of the file" },
    { "bad-inter.csv", "A2,2019-02-03,1,Battles,12,Idlib,35.9,36.6,3\n",
      "bad-inter.csv:3: inter1: “12” is not an ACLED actor type (0 to 8, or its name)" },
    { "bad-fatalities.csv", "A2,2019-02-03,1,Battles,1,Idlib,35.9,36.6,-4\n",
      "bad-fatalities.csv:3: fatalities: -4 is negative" },
  };
  g_autofree char *db = new_db_path ("bad.sqlite");
  g_autofree char *first = write_tmp ("first.csv", "event_id_cnty,event_date,event_type\n"
                                      "Z1,2018-01-01,Battles\n");
  g_autofree char *before = NULL;

  import_ok (db, CHRONOMAP_IMPORT_ACLED, first, 1, 0);
  before = chronomap_test_file_checksum (db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *contents = g_strconcat (header, good, cases[i].contents, NULL);
      g_autofree char *path = write_tmp (cases[i].name, contents);
      const char *paths[] = { path, NULL };
      g_autofree char *after = NULL;
      g_autofree char *expected = g_build_filename (g_get_user_cache_dir (), "chronomap-tests",
                                                    cases[i].message, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronomapImporter) importer = NULL;

      importer = import (db, CHRONOMAP_IMPORT_ACLED, CHRONOMAP_IMPORT_DEFAULT, paths, &error);
      g_assert_null (importer);
      g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, expected);
      after = chronomap_test_file_checksum (db);
      g_assert_cmpstr (after, ==, before);
    }

  /* a file separated by semicolons, read as commas: say which */
  {
    g_autofree char *path = write_tmp ("semicolons.csv", "id;date;location;type\n"
                                       "c1;2020-01-05;Raqqa;Battles\n");
    const char *paths[] = { path, NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(ChronomapImporter) importer = import (db, CHRONOMAP_IMPORT_CSV,
                                                    CHRONOMAP_IMPORT_DEFAULT, paths, &error);

    g_assert_null (importer);
    g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN);
    g_assert_true (g_str_has_suffix (error->message, "semicolons.csv:1: the header reads as one "
                                     "column; if “;” separates the fields, say so with --delimiter"));
  }
}

static void
test_empty_and_header_only (void)
{
  g_autofree char *db = new_db_path ("empty.sqlite");
  g_autofree char *empty = write_tmp ("empty.csv", "");
  g_autofree char *header = write_tmp ("header.csv", "event_id_cnty,event_date,event_type\r\n");
  const char *paths[] = { empty, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  g_autofree char *expected = g_strconcat (empty, ": the file is empty; expected a header line",
                                           NULL);

  importer = import (db, CHRONOMAP_IMPORT_ACLED, CHRONOMAP_IMPORT_SKIP_BAD_ROWS, paths, &error);
  g_assert_null (importer);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, expected);

  /* A header alone is a valid file with no events. */
  import_ok (db, CHRONOMAP_IMPORT_ACLED, header, 0, 0);
}

static void
test_skip_bad_rows (void)
{
  g_autofree char *db = new_db_path ("skip.sqlite");
  g_autofree char *path = write_tmp ("skip.csv",
                                     "event_id_cnty,event_date,event_type,latitude,longitude\n"
                                     "B1,2019-02-01,Battles,35,36\n"
                                     "B2,2019-02-30,Battles,35,36\n"
                                     "B3,2019-02-02,Battles,91,36\n"
                                     "B4,2019-02-03,\"Riots\"x,35,36\n"
                                     "B5,2019-02-04,Riots,35,36\n");
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  GPtrArray *problems;

  importer = import (db, CHRONOMAP_IMPORT_ACLED, CHRONOMAP_IMPORT_SKIP_BAD_ROWS, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronomap_importer_get_n_inserted (importer), ==, 2);
  g_assert_cmpuint (chronomap_importer_get_n_skipped (importer), ==, 3);
  problems = chronomap_importer_get_problems (importer);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (g_str_has_suffix (problems->pdata[0], "skip.csv:3: event_date: “2019-02-30” is "
                                   "not a date: February 2019 has 28 days"));
  g_assert_true (g_str_has_suffix (problems->pdata[1], "skip.csv:4: latitude: latitude 91 is "
                                   "outside -90…90"));
  g_assert_true (g_str_has_suffix (problems->pdata[2], "skip.csv:5: event_type: a quote inside a "
                                   "quoted field must be doubled (\"\"); found text after the "
                                   "closing quote"));
  assert_query (db, "SELECT external_id FROM events ORDER BY id", "B1\nB5");

  /* When no row at all can be read, skipping is no success: the import
   * fails, says how many and why the first, and adds nothing. */
  {
    g_autofree char *bad = write_tmp ("skip-all.csv",
                                      "event_id_cnty,event_date,event_type,latitude,longitude\n"
                                      "C1,yesterday,Battles,35,36\n"
                                      "C2,2019-02-30,Battles,35,36\n");
    const char *bad_paths[] = { bad, NULL };
    g_autofree char *before = chronomap_test_file_checksum (db);
    g_autofree char *after = NULL;
    g_autoptr(ChronomapImporter) none = NULL;

    none = import (db, CHRONOMAP_IMPORT_ACLED, CHRONOMAP_IMPORT_SKIP_BAD_ROWS, bad_paths, &error);
    g_assert_null (none);
    g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
    g_assert_true (g_str_has_prefix (error->message, "none of the 2 rows could be read; the first: "));
    g_assert_nonnull (strstr (error->message, "skip-all.csv:2: event_date: “yesterday”"));
    after = chronomap_test_file_checksum (db);
    g_assert_cmpstr (after, ==, before);
  }
}

/* Country names the tables don't know are not dropped: the event keeps
 * the name as written among its other fields, and the importer says which
 * names and where.  UCDP's own spellings are known. */
static void
test_unknown_country (void)
{
  g_autofree char *db = new_db_path ("countries.sqlite");
  g_autofree char *path = write_tmp ("countries.csv",
                                     "id,date,place,type,country\n"
                                     "K1,2019-03-19,Pristina,Battles,Kosovo\n"
                                     "K2,2019-03-20,Sarajevo,Battles,Bosnia-Herzegovina\n"
                                     "K3,2019-03-21,Skopje,Battles,\"Macedonia, FYR\"\n"
                                     "K4,2019-03-22,Mitrovica,Battles,Kosovo\n"
                                     "K5,2019-03-23,Somewhere,Battles,XX\n");
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  GPtrArray *names;

  importer = import (db, CHRONOMAP_IMPORT_CSV, CHRONOMAP_IMPORT_DEFAULT, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronomap_importer_get_n_inserted (importer), ==, 5);
  assert_query (db, "SELECT external_id, country, json_extract(attributes, '$.country') "
                "FROM events ORDER BY id",
                "K1|∅|Kosovo\nK2|BA|∅\nK3|MK|∅\nK4|∅|Kosovo\nK5|∅|XX");
  g_assert_cmpuint (chronomap_importer_get_n_unknown_country (importer), ==, 3);
  names = chronomap_importer_get_unknown_countries (importer);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_true (g_str_has_prefix (names->pdata[0], "“Kosovo” ("));
  g_assert_true (g_str_has_suffix (names->pdata[0], "countries.csv:2)"));
  g_assert_true (g_str_has_suffix (names->pdata[1], "countries.csv:6)"));
}

static void
test_generic_csv (void)
{
  g_autofree char *db_path = new_db_path ("generic.sqlite");
  g_autofree char *path = write_tmp ("generic.tsv",
                                     "When\tTown\tlat\tlon\tWhat\tKilled\tProvince\tadm_2\n"
                                     "2020-03\tSaraqib\t35.86\t36.80\tShelling\t2\tIdlib\t"
                                     "Idlib\n"
                                     "2020-03-05\tAl Bab\t36.37\t37.51\t\t\t\t\n");
  const char *paths[] = { path, NULL };
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                &error);
  g_assert_no_error (error);
  importer = chronomap_importer_new (db, CHRONOMAP_IMPORT_CSV, CHRONOMAP_IMPORT_DEFAULT);
  g_assert_true (chronomap_importer_set_column (importer, "date", "When", &error));
  g_assert_true (chronomap_importer_set_column (importer, "type", "What", &error));
  g_assert_true (chronomap_importer_set_column (importer, "fatalities", "Killed", &error));
  g_assert_true (chronomap_importer_set_column (importer, "place", "Town", &error));
  g_assert_true (chronomap_importer_set_column (importer, "admin1", "Province", &error));
  g_assert_false (chronomap_importer_set_column (importer, "colour", "x", &error));
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (chronomap_importer_run (importer, paths, NULL, &error));
  g_assert_no_error (error);
  /* with no id column, each row is keyed by what it says */
  assert_query (db_path, "SELECT substr(external_id, 1, 4), length(external_id), date_start, "
                "date_precision, event_type, location, latitude, longitude, fatalities "
                "FROM events ORDER BY id",
                "row:|20|2020-03|month|Shelling|Saraqib|35.86|36.8|2\n"
                "row:|20|2020-03-05|day|Unspecified|Al Bab|36.37|37.51|∅");
  /* admin1 as mapped, admin2 by UCDP's name for it. */
  assert_query (db_path, "SELECT admin1, admin2 FROM events ORDER BY id", "Idlib|Idlib\n∅|∅");
}

/* A spreadsheet with no id column, imported again after an edit: the
 * rows it had are updated, not added a second time; two rows alike are
 * two events, both times; an edited row is a new event beside the old. */
/* What a spreadsheet holds beyond the fields is kept whole: two columns of
 * one name each under a key of its own, a table of years dated by them,
 * and a "year" that is not the date's. */
static void
test_generic_columns_kept (void)
{
  g_autofree char *db_path = new_db_path ("generic-kept.sqlite");
  g_autofree char *repeated = write_tmp ("repeated.csv",
                                         "id,date,place,latitude,longitude,Comment,Comment,year\n"
                                         "a,2019-03-01,Hajin,34.69,40.83,first,second,2019\n"
                                         "b,2019-03-02,Hajin,34.69,40.83,one,two,2017\n");
  g_autofree char *years = write_tmp ("years.csv",
                                      "id,year,place,latitude,longitude\n"
                                      "y1,2015,Hajin,34.69,40.83\n");
  const char *paths[] = { repeated, years, NULL };
  g_autoptr(ChronomapImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  importer = import (db_path, CHRONOMAP_IMPORT_CSV, CHRONOMAP_IMPORT_DEFAULT, paths, &error);
  g_assert_no_error (error);
  g_assert_nonnull (importer);
  assert_query (db_path, "SELECT external_id, date_start, date_precision, ifnull(attributes, '') "
                         "FROM events ORDER BY external_id",
                "a|2019-03-01|day|{\"Comment\": \"first\", \"Comment (2)\": \"second\"}\n"
                "b|2019-03-02|day|{\"Comment\": \"one\", \"Comment (2)\": \"two\", \"year\": \"2017\"}\n"
                "y1|2015|year|");
}

static void
test_reimport_without_ids (void)
{
  g_autofree char *db = new_db_path ("reimport-no-ids.sqlite");
  g_autofree char *path = write_tmp ("no-ids.csv",
                                     "date,location,event_type,latitude,longitude,notes\n"
                                     "2017-08-01,Raqqa,Air strike,35.95,39.01,\n"
                                     "2017-08-01,Raqqa,Air strike,35.95,39.01,\n"
                                     "2017-08-02,Tabqa,Battles,35.84,38.55,\"Dam, \"\"north\"\" side\"\n");
  g_autofree char *edited = write_tmp ("no-ids-edited.csv",
                                       "date,location,event_type,latitude,longitude,notes\n"
                                       "2017-08-01,Raqqa,Air strike,35.95,39.01,\n"
                                       "2017-08-01,Raqqa,Air strike,35.95,39.01,\n"
                                       "2017-08-02,Tabqa,Battles,35.84,38.55,Dam\n"
                                       "2017-08-03,Mansoura,Battles,35.83,38.75,\n");

  import_ok (db, CHRONOMAP_IMPORT_CSV, path, 3, 0);
  import_ok (db, CHRONOMAP_IMPORT_CSV, path, 0, 3);
  assert_query (db, "SELECT date_start, location, count(*) FROM events "
                "GROUP BY date_start, location ORDER BY date_start",
                "2017-08-01|Raqqa|2\n2017-08-02|Tabqa|1");
  import_ok (db, CHRONOMAP_IMPORT_CSV, edited, 2, 2);
  assert_query (db, "SELECT location, notes FROM events ORDER BY id",
                "Raqqa|∅\nRaqqa|∅\nTabqa|Dam, \"north\" side\nTabqa|Dam\nMansoura|∅");

  /* one command given the file twice is the file imported twice */
  {
    g_autofree char *twice = new_db_path ("reimport-twice.sqlite");
    const char *paths[] = { path, path, NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(ChronomapImporter) importer = import (twice, CHRONOMAP_IMPORT_CSV,
                                                    CHRONOMAP_IMPORT_DEFAULT, paths, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (chronomap_importer_get_n_inserted (importer), ==, 3);
    g_assert_cmpuint (chronomap_importer_get_n_updated (importer), ==, 3);
  }
}

/* Two rows of one file with one id would be one event, the later
 * replacing the earlier: the import says so, and with --skip-bad-rows
 * keeps the first.  Across files an id repeats to update. */
static void
test_repeated_id (void)
{
  g_autofree char *db = new_db_path ("repeated-id.sqlite");
  g_autofree char *path = write_tmp ("repeated-id.csv",
                                     "id,date,location,type,fatalities\n"
                                     "k1,2020-01-05,Raqqa,Battles,3\n"
                                     "k2,2020-01-06,Tabqa,Battles,0\n"
                                     "k1,2020-02-07,Homs,Protests,0\n");
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  g_autoptr(ChronomapImporter) skipping = NULL;

  importer = import (db, CHRONOMAP_IMPORT_CSV, CHRONOMAP_IMPORT_DEFAULT, paths, &error);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_suffix (error->message, "repeated-id.csv:4: id: “k1” is also the id of "
                                   "line 2; each event needs its own"));
  assert_query (db, "SELECT count(*) FROM events", "0");
  g_clear_error (&error);

  skipping = import (db, CHRONOMAP_IMPORT_CSV, CHRONOMAP_IMPORT_SKIP_BAD_ROWS, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronomap_importer_get_n_inserted (skipping), ==, 2);
  g_assert_cmpuint (chronomap_importer_get_n_skipped (skipping), ==, 1);
  assert_query (db, "SELECT external_id, location FROM events ORDER BY id", "k1|Raqqa\nk2|Tabqa");
}

static void
test_gdelt (void)
{
  g_autofree char *db = new_db_path ("gdelt.sqlite");
  g_autofree char *path = fixture ("gdelt-events.tsv");

  import_ok (db, CHRONOMAP_IMPORT_GDELT, path, 3, 0);
  assert_query (db, "SELECT external_id, date_start, event_type, sub_event_type, actor1, actor2, "
                "location, latitude, longitude, geo_precision FROM events ORDER BY id",
                "gdelt:1100000001|2023-05-01|Battles|Armed clash|SYRIA|REBEL|Aleppo, Halab, Syria|"
                "36.2028|37.1586|exact\n"
                "gdelt:1100000002|2023-05-01|Protests|Peaceful protest|PROTESTER|∅|Syria|35.0|38.0|"
                "country\n"
                "gdelt:1100000003|2023-05-02|Strategic developments|Other|SYRIA|RUSSIA|∅|∅|∅|∅");
  assert_query (db, "SELECT s.url FROM events e JOIN sources s ON s.id = e.source_id ORDER BY e.id",
                "https://example.org/news/aleppo-clashes\nhttps://example.org/news/protest\n"
                "https://example.org/news/talks");
}

/* GDELT names countries by FIPS 10-4 codes: IZ is Iraq (IQ), SU Sudan
 * (SD); the code as written stays in the attributes. */
static void
test_gdelt_fips (void)
{
  g_autofree char *db = new_db_path ("gdelt-fips.sqlite");
  g_autofree char *path = fixture ("gdelt-fips.tsv");

  import_ok (db, CHRONOMAP_IMPORT_GDELT, path, 2, 0);
  assert_query (db, "SELECT external_id, location, country,"
                " json_extract(attributes, '$.ActionGeo_CountryCode'),"
                " json_extract(attributes, '$.EventCode') FROM events ORDER BY id",
                "gdelt:1100000101|Mosul, Ninawa, Iraq|IQ|IZ|190\n"
                "gdelt:1100000102|Khartoum, Khartoum, Sudan|SD|SU|190");
}

static void
test_geojson (void)
{
  g_autofree char *db = new_db_path ("geojson.sqlite");
  g_autofree char *path = fixture ("events.geojson");

  import_ok (db, CHRONOMAP_IMPORT_GEOJSON, path, 3, 0);
  assert_query (db, "SELECT coalesce(nullif(substr(external_id, 1, 4), 'row:'), 'by content'), "
                "date_start, date_end, date_precision, event_type, "
                "location, latitude, longitude, fatalities FROM events ORDER BY id",
                "g1|2019-03-20|∅|day|Battles|Idlib|35.93|36.63|4\n"
                "g2|2019-03-01|2019-03-05|day|Protests|Daraa \"al-Balad\"|32.62|36.1|∅\n"
                "by content|2019-04|∅|month|Unspecified|∅|∅|∅|∅");
  /* The same file again: the feature with no id is found by its content,
   * as the others by their ids, and nothing is added twice. */
  import_ok (db, CHRONOMAP_IMPORT_GEOJSON, path, 0, 3);
  assert_query (db, "SELECT count(*) FROM events", "3");
  /* Properties no field takes are kept: scalars as text, arrays and
   * objects as JSON text. */
  assert_query (db, "SELECT attributes FROM events ORDER BY id",
                "{\"tags\": \"[\\\"a\\\",{\\\"nested\\\":[1,2.5e0,true,null]}]\"}\n"
                "∅\n"
                "{\"note\": \"été 😀\"}");
}

typedef struct
{
  ChronomapImporter *importer;
  guint64   last_done;
  guint64   total;
  guint     n_calls;
  gboolean  finished;
  gboolean  ok;
  GError   *error;
} AsyncState;

static void
progress_cb (guint64  done,
             guint64  total,
             guint64  rows,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpuint (done, >=, state->last_done);
  g_assert_cmpuint (done, <=, total);
  state->last_done = done;
  state->total = total;
  state->n_calls++;
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = chronomap_importer_run_finish (state->importer, result, &state->error);
  state->finished = TRUE;
}

static void
test_async (void)
{
  g_autofree char *db_path = new_db_path ("async.sqlite");
  g_autofree char *ged = fixture ("ucdp-ged-23.1-excerpt.csv");
  g_autofree char *ged19 = fixture ("ucdp-ged-19.1-syria-excerpt.csv");
  const char *paths[] = { ged, ged19, NULL };
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(ChronomapImporter) importer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AsyncState state = { 0 };
  GStatBuf st1, st2;

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                NULL);
  importer = chronomap_importer_new (db, CHRONOMAP_IMPORT_UCDP, CHRONOMAP_IMPORT_DEFAULT);
  chronomap_importer_set_progress_func (importer, progress_cb, &state, NULL);

  /* Cancelled: nothing changes. */
  state.importer = importer;
  before = chronomap_test_file_checksum (db_path);
  g_cancellable_cancel (cancellable);
  chronomap_importer_run_async (importer, paths, cancellable, run_done_cb, &state);
  while (!state.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (state.ok);
  g_assert_error (state.error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_CANCELLED);
  g_clear_error (&state.error);
  after = chronomap_test_file_checksum (db_path);
  g_assert_cmpstr (before, ==, after);

  /* Then for real, with progress in this thread's main context. */
  memset (&state, 0, sizeof state);
  state.importer = importer;
  chronomap_importer_run_async (importer, paths, NULL, run_done_cb, &state);
  while (!state.finished)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (chronomap_importer_get_n_inserted (importer), ==, 12);
  g_assert_cmpint (g_stat (ged, &st1), ==, 0);
  g_assert_cmpint (g_stat (ged19, &st2), ==, 0);
  g_assert_cmpuint (state.total, ==, st1.st_size + st2.st_size);
  g_assert_cmpuint (state.last_done, ==, state.total);
  g_assert_cmpuint (state.n_calls, >=, 2);
}

/* chronomap-cli import, as a user runs it. */

static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  ChronomapTestRun run = { 0 };
  va_list args;

  va_start (args, first);
  chronomap_test_run_cli_valist (&run, first, args);
  va_end (args);
  *out = g_steal_pointer (&run.out);
  *err = g_steal_pointer (&run.err);
  return run.status;
}

static void
test_cli (void)
{
  g_autofree char *db = new_db_path ("cli.sqlite");
  g_autofree char *acled = fixture ("acled-new.csv");
  g_autofree char *bad = write_tmp ("cli-bad.csv", "event_id_cnty,event_date,event_type\n"
                                    "C1,2019-01-01,Battles\nC2,2019-13-01,Battles\n");
  g_autofree char *report = g_strconcat (db, ".import-report.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *report_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A failed import creates no database. */
  g_assert_cmpint (run_cli (&out, &err, "import", "--format", "acled", "--db", db, bad, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cli-bad.csv:3: event_date: “2019-13-01” is not a date"));
  g_assert_nonnull (strstr (err, "add --skip-bad-rows"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "import", "--format", "acled", "--db", db, acled, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Imported 3 events into "));
  g_assert_true (g_str_has_suffix (out, "cli.sqlite: 3 new, 0 updated\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* … and leaves an existing one byte for byte as it was. */
  before = chronomap_test_file_checksum (db);
  g_assert_cmpint (run_cli (&out, &err, "import", "-f", "acled", "--db", db, acled, bad, NULL), ==, 1);
  after = chronomap_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "import", "-f", "acled", "--skip-bad-rows", "--db", db,
                            bad, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "cli.sqlite: 1 new, 0 updated\n"
                                 "Skipped 1 bad row; the report is in "));
  g_assert_true (g_file_get_contents (report, &report_text, NULL, NULL));
  g_assert_true (g_str_has_suffix (report_text, "cli-bad.csv:3: event_date: “2019-13-01” is not "
                                   "a date: there is no month 13\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The report never replaces the database or a file being imported. */
  {
    g_autofree char *db_sum = chronomap_test_file_checksum (db);
    g_autofree char *bad_sum = chronomap_test_file_checksum (bad);
    g_autofree char *db_after = NULL;
    g_autofree char *bad_after = NULL;

    g_assert_cmpint (run_cli (&out, &err, "import", "-f", "acled", "--skip-bad-rows", "--report", db,
                              "--db", db, bad, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "is the event database; the report would replace its events"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (&out, &err, "import", "-f", "acled", "--skip-bad-rows", "--report", bad,
                              "--db", db, bad, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "is a file being imported"));
    db_after = chronomap_test_file_checksum (db);
    bad_after = chronomap_test_file_checksum (bad);
    g_assert_cmpstr (db_sum, ==, db_after);
    g_assert_cmpstr (bad_sum, ==, bad_after);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* A file of an older format is migrated on opening; a failed import
   * still leaves it as it was. */
  {
    g_autofree char *old = chronomap_test_make_db ("cli-v0.sqlite",
                                                   "CREATE TABLE events (id INTEGER PRIMARY KEY,"
                                                   " date_start TEXT NOT NULL, event_type TEXT NOT"
                                                   " NULL, location TEXT);"
                                                   "INSERT INTO events VALUES (1, '2014-01-01',"
                                                   " 'Battles', 'Homs');");
    g_autofree char *old_before = chronomap_test_file_checksum (old);
    g_autofree char *old_after = NULL;
    g_autofree char *backup = g_strconcat (old, ".before-import", NULL);

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (&out, &err, "import", "-f", "acled", "--db", old, acled, bad, NULL),
                     ==, 1);
    old_after = chronomap_test_file_checksum (old);
    g_assert_cmpstr (old_before, ==, old_after);
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (&out, &err, "import", "-f", "acled", "--db", old, acled, NULL), ==, 0);
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  g_assert_cmpint (run_cli (&out, &err, "import", "--format", "xls", "--db", db, acled, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "import", "--format", "acled", acled, NULL), ==, 2);
}

/* Without --format the CLI reads each kind of file as the import dialog
 * does, guessing from the first file, and says what it guessed. */
static void
test_cli_guess_format (void)
{
  const struct { const char *file; const char *format; } cases[] = {
    { "acled-new.csv", "acled" },
    { "ucdp-ged-23.1-excerpt.csv", "ucdp" },
    { "ucdp-ged-23.1-noheader.csv", "ucdp" },
    { "gdelt-events.tsv", "gdelt" },
    { "events.geojson", "geojson" },
    { "generic-events.csv", "csv" },
  };
  g_autofree char *semicolons = write_tmp ("semicolons.csv", "date;place;latitude;longitude\n"
                                                             "2019-03-01;Hajin;34.69;40.83\n"
                                                             "2019-03-02;Baghouz;34.45;40.95\n");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("guess-%u.sqlite", i);
      g_autofree char *db = new_db_path (name);
      g_autofree char *path = fixture (cases[i].file);
      g_autofree char *expected = g_strdup_printf ("as %s;", cases[i].format);
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *db_forced = g_strconcat (db, ".forced", NULL);
      g_autofree char *out2 = NULL, *err2 = NULL;
      g_autofree char *a = NULL, *b = NULL;

      g_assert_cmpint (run_cli (&out, &err, "import", "--db", db, path, NULL), ==, 0);
      g_test_message ("%s: %s", cases[i].file, err);
      g_assert_nonnull (strstr (err, expected));
      /* the same events as with the format given */
      g_assert_cmpint (run_cli (&out2, &err2, "import", "--format", cases[i].format, "--db", db_forced,
                                path, NULL), ==, 0);
      a = chronomap_test_query (db, "SELECT group_concat(external_id || ' ' || date_start || ' ' || "
                                    "ifnull(location, ''), '|') FROM events");
      b = chronomap_test_query (db_forced, "SELECT group_concat(external_id || ' ' || date_start || ' ' || "
                                           "ifnull(location, ''), '|') FROM events");
      g_assert_nonnull (a);
      g_assert_cmpstr (a, ==, b);
    }

  /* a spreadsheet saved with semicolons is read with them */
  {
    g_autofree char *db = new_db_path ("guess-semicolons.sqlite");
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *places = NULL;

    g_assert_cmpint (run_cli (&out, &err, "import", "--db", db, semicolons, NULL), ==, 0);
    places = chronomap_test_query (db, "SELECT group_concat(location, ',') FROM events ORDER BY date_start");
    g_assert_cmpstr (places, ==, "Hajin,Baghouz");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/import/acled-new", test_acled_new);
  g_test_add_func ("/chronomap/import/acled-old", test_acled_old);
  g_test_add_func ("/chronomap/import/acled-reimport", test_acled_reimport);
  g_test_add_func ("/chronomap/import/ucdp", test_ucdp);
  g_test_add_func ("/chronomap/import/bad-input", test_bad_input);
  g_test_add_func ("/chronomap/import/empty-and-header-only", test_empty_and_header_only);
  g_test_add_func ("/chronomap/import/skip-bad-rows", test_skip_bad_rows);
  g_test_add_func ("/chronomap/import/unknown-country", test_unknown_country);
  g_test_add_func ("/chronomap/import/generic-csv", test_generic_csv);
  g_test_add_func ("/chronomap/import/reimport-without-ids", test_reimport_without_ids);
  g_test_add_func ("/chronomap/import/repeated-id", test_repeated_id);
  g_test_add_func ("/chronomap/import/gdelt", test_gdelt);
  g_test_add_func ("/chronomap/import/gdelt-fips", test_gdelt_fips);
  g_test_add_func ("/chronomap/import/geojson", test_geojson);
  g_test_add_func ("/chronomap/import/async", test_async);
  g_test_add_func ("/chronomap/import/cli", test_cli);
  g_test_add_func ("/chronomap/import/generic-columns-kept", test_generic_columns_kept);
  g_test_add_func ("/chronomap/import/cli-guess-format", test_cli_guess_format);

  return g_test_run ();
}
