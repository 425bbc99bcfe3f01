/* test-extract.c: events from news articles, scored against an analyst's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evaluation: the three seed articles (tests/data/seeds) are extracted
 * and compared with gold-events.tsv.  An extracted event matches a gold
 * one when its place is the gazetteer entry the geocoder gives for the
 * gold place, the dates overlap once both are taken at the gold
 * precision, and the sub-event type is the same.  Precision is the share
 * of extracted events that match a gold one, recall the share of gold
 * events matched.
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "chronomap-error.h"
#include "chronomap-extract-writer.h"
#include "chronomap-extractor.h"
#include "chronomap-test-utils.h"
#include "gazetteer/chronomap-geocoder.h"

#define MIN_RECALL 0.8
#define MIN_PRECISION 0.7

typedef struct
{
  char                   *article;
  gint32                  published;
  gint32                  start;
  gint32                  end;
  ChronomapDatePrecision  precision;
  char                   *place_id;
  char                   *sub_event_type;
  char                   *evidence;
  gboolean                matched;
} GoldEvent;

static void
gold_event_free (gpointer data)
{
  GoldEvent *g = data;

  g_free (g->article);
  g_free (g->place_id);
  g_free (g->sub_event_type);
  g_free (g->evidence);
  g_free (g);
}

static gint32
parse_day (const char *text)
{
  gint32 d;
  ChronomapDatePrecision p;

  g_assert_true (chronomap_date_parse (text, -1, &d, &p));
  return d;
}

static GPtrArray *
load_gold (ChronomapGeocoder *geocoder)
{
  g_autofree char *path = chronomap_test_data_path ("seeds/gold-events.tsv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *gold = g_ptr_array_new_with_free_func (gold_event_free);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      g_autoptr(ChronomapGeocodeResult) result = NULL;
      GoldEvent *g;

      if (g_strv_length (f) < 12)
        continue;
      g = g_new0 (GoldEvent, 1);
      g->article = g_strdup (f[0]);
      g->published = parse_day (f[1]);
      g->start = parse_day (f[2]);
      g->end = parse_day (f[3]);
      g_assert_true (chronomap_date_precision_from_string (f[4], &g->precision));
      result = chronomap_geocoder_geocode (geocoder, f[5], NULL);
      g_assert_true (result->resolved);
      g->place_id = g_strdup (result->entry->id);
      g->sub_event_type = g_strdup (f[7]);
      g->evidence = g_strdup (f[11]);
      g_ptr_array_add (gold, g);
    }
  g_assert_cmpuint (gold->len, >, 10);
  return gold;
}

static gboolean
matches (const ChronomapExtractedEvent *e,
         const GoldEvent               *g)
{
  gint32 start, end;

  if (e->place == NULL || strcmp (e->place->id, g->place_id) != 0)
    return FALSE;
  if (strcmp (e->sub_event_type, g->sub_event_type) != 0)
    return FALSE;
  start = chronomap_date_period_start (e->date_start, g->precision);
  end = chronomap_date_period_end (e->date_end, g->precision);
  return start <= g->end && g->start <= end;
}

static void
test_seeds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapExtractor) extractor = chronomap_extractor_new_default (&error);
  g_autoptr(ChronomapGazetteer) gazetteer = NULL;
  g_autoptr(ChronomapGeocoder) geocoder = NULL;
  g_autoptr(GPtrArray) gold = NULL;
  const char *articles[] = {
    "000_4d047b4c4646cdc4.txt", "001_ddf25e1ec3efa01e.txt", "002_b4f31120ac09fb1b.txt"
  };
  guint n_extracted = 0, n_correct = 0, n_found = 0;
  double precision, recall;

  g_assert_no_error (error);
  gazetteer = chronomap_gazetteer_new_default (&error);
  g_assert_no_error (error);
  geocoder = chronomap_geocoder_new (gazetteer);
  gold = load_gold (geocoder);

  for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
    {
      g_autofree char *name = g_build_filename ("seeds", articles[a], NULL);
      g_autofree char *path = chronomap_test_data_path (name);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) events = NULL;
      gsize length;
      gint32 published = CHRONOMAP_DAY_INVALID;

      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      g_assert_true (chronomap_extractor_check_text (text, length, NULL));
      for (guint i = 0; i < gold->len; i++)
        {
          GoldEvent *g = g_ptr_array_index (gold, i);

          if (strcmp (g->article, articles[a]) == 0)
            published = g->published;
        }
      g_assert_cmpint (published, !=, CHRONOMAP_DAY_INVALID);

      events = chronomap_extractor_extract (extractor, text, length, published);
      for (guint e = 0; e < events->len; e++)
        {
          const ChronomapExtractedEvent *ev = g_ptr_array_index (events, e);
          gboolean ok = FALSE;
          char buf[16];

          /* the quote is the sentence itself, exactly as written */
          g_assert_nonnull (strstr (text, ev->quote));
          g_assert_cmpint (ev->sentence.end - ev->sentence.start, ==, (gssize) strlen (ev->quote));
          g_assert_cmpfloat (ev->confidence, >, 0.0);
          g_assert_cmpfloat (ev->confidence, <=, 1.0);

          for (guint i = 0; i < gold->len; i++)
            {
              GoldEvent *g = g_ptr_array_index (gold, i);

              if (strcmp (g->article, articles[a]) == 0 && matches (ev, g))
                {
                  g->matched = TRUE;
                  ok = TRUE;
                }
            }
          chronomap_date_format_buf (ev->date_start, ev->precision, buf);
          g_test_message ("%s %s %s %s %s: %s", ok ? "match" : "extra", articles[a], buf,
                          ev->place != NULL ? ev->place->name : "?", ev->sub_event_type, ev->quote);
          n_extracted++;
          if (ok)
            n_correct++;
        }
    }

  for (guint i = 0; i < gold->len; i++)
    {
      GoldEvent *g = g_ptr_array_index (gold, i);

      if (g->matched)
        n_found++;
      else
        g_test_message ("missed %s %s: %s", g->article, g->sub_event_type, g->evidence);
    }

  precision = n_extracted > 0 ? (double) n_correct / n_extracted : 0;
  recall = (double) n_found / gold->len;
  g_printerr ("# extraction precision: %.3f (%u of %u extracted events)\n", precision, n_correct, n_extracted);
  g_printerr ("# extraction recall: %.3f (%u of %u gold events)\n", recall, n_found, gold->len);
  g_test_message ("precision %.3f recall %.3f", precision, recall);
  g_assert_cmpfloat (recall, >=, MIN_RECALL);
  g_assert_cmpfloat (precision, >=, MIN_PRECISION);
}

static void
test_dry_run (void)
{
  g_autofree char *path = chronomap_test_data_path ("seeds/002_b4f31120ac09fb1b.txt");
  g_auto(ChronomapTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  gboolean mayadin = FALSE;

  chronomap_test_run_cli (&run, "extract", "--published", "2017-10-15", "--dry-run", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "date_start\tdate_end\tprecision\tlocation\tlatitude\tlongitude\t"
                                 "event_type\tsub_event_type\tactor1\tactor2\tfatalities\tconfidence\tquote");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (f), ==, 13);
      if (strcmp (f[3], "al-Mayadin") == 0 && strcmp (f[0], "2017-10-14") == 0 &&
          strcmp (f[7], "Government regains territory") == 0)
        mayadin = TRUE;
    }
  g_assert_true (mayadin);
}

static void
test_database (void)
{
  g_autofree char *path = chronomap_test_data_path ("seeds/001_ddf25e1ec3efa01e.txt");
  g_autofree char *db_path = chronomap_test_tmp_path ("extract.sqlite");
  g_auto(ChronomapTestRun) run = { 0 };
  g_auto(ChronomapTestRun) again = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n_events = 0, n_sources = 0, n_quoted = 0;

  g_unlink (db_path);
  chronomap_test_run_cli (&run, "extract", "--published", "2019-03-12", "--source", "Gulf News",
                          "--url", "https://example.org/baghouz", path, "--db", db_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "added"));

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*), sum(quote IS NOT NULL AND source_id = "
                                           "(SELECT id FROM sources WHERE title = 'Gulf News' AND "
                                           "published = '2019-03-12' AND url IS NOT NULL)) FROM events",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n_events = sqlite3_column_int (stmt, 0);
  n_quoted = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sources", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n_sources = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpint (n_sources, ==, 1);
  g_assert_cmpint (n_events, >, 0);
  g_assert_cmpint (n_quoted, ==, n_events);

  /* The same article again updates its events and keeps its source, as
   * it was named the first time: nothing is in the file twice. */
  chronomap_test_run_cli (&again, "extract", "--published", "2019-03-12", path, "--db", db_path, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "already there and updated"));
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM events), "
                                           "(SELECT count(*) FROM sources), "
                                           "(SELECT count(*) FROM events WHERE source_id = "
                                           " (SELECT id FROM sources WHERE title = 'Gulf News'))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, n_events);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, n_events);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* another article adds to the same file */
  {
    g_autofree char *other = chronomap_test_data_path ("seeds/000_4d047b4c4646cdc4.txt");
    g_auto(ChronomapTestRun) third = { 0 };

    chronomap_test_run_cli (&third, "extract", "--published", "2019-03-20", other, "--db", db_path, NULL);
    g_assert_cmpint (third.status, ==, 0);
    g_assert_nonnull (strstr (third.out, "added"));
  }
  /* given no --source, its events are credited to its headline */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title FROM sources WHERE published = '2019-03-20'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                   "US-backed Syrian forces say they are close to defeating Islamic State in its final "
                   "scrap of territory in Baghouz");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* An article imported with no title is named by its headline: a first
 * line standing alone that is not a sentence nor a photo credit; else by
 * its file. */
static void
test_article_title (void)
{
  const struct { const char *seed; const char *title; } seeds[] = {
    { "000_4d047b4c4646cdc4.txt", "US-backed Syrian forces say they are close to defeating Islamic State in its "
                                  "final scrap of territory in Baghouz" },
    /* a photo's caption and credit */
    { "001_ddf25e1ec3efa01e.txt", "001_ddf25e1ec3efa01e" },
    /* a dateline and the first sentence */
    { "002_b4f31120ac09fb1b.txt", "002_b4f31120ac09fb1b" },
  };
  const char *one_line = "Clashes in Hajin killed 25 fighters on Monday.";
  g_autofree char *none = NULL;
  g_autofree char *stem = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *name = g_build_filename ("seeds", seeds[i].seed, NULL);
      g_autofree char *path = chronomap_test_data_path (name);
      g_autofree char *text = NULL;
      g_autofree char *title = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      title = chronomap_article_title (text, length, seeds[i].seed);
      g_assert_cmpstr (title, ==, seeds[i].title);
    }
  stem = chronomap_article_title (one_line, strlen (one_line), "hajin.txt");
  g_assert_cmpstr (stem, ==, "hajin");
  none = chronomap_article_title (one_line, strlen (one_line), NULL);
  g_assert_null (none);
}

/* Bad input: a clear message, a non-zero status where the file cannot be
 * used, and no database written. */
static void
check_nothing_written (const char *name,
                       const char *contents,
                       gssize      length,
                       int         status,
                       const char *message)
{
  g_autofree char *path = chronomap_test_tmp_path (name);
  g_autofree char *db_path = g_strconcat (path, ".sqlite", NULL);
  g_auto(ChronomapTestRun) run = { 0 };

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_unlink (db_path);
  chronomap_test_run_cli (&run, "extract", "--published", "2019-03-12", path, "--db", db_path, NULL);
  g_test_message ("%s: status %d, %s", name, run.status, run.err);
  g_assert_cmpint (run.status, ==, status);
  g_assert_nonnull (strstr (run.err, message));
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
}

static void
test_bad_input (void)
{
  const char binary[] = { '\x7f', 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, (char) 0xff, (char) 0x80 };
  g_autofree char *big = NULL;
  gsize big_len = 10 * 1024 * 1024;

  check_nothing_written ("empty.txt", "", 0, 1, "empty");
  check_nothing_written ("blank.txt", "  \n\n \t\n", -1, 1, "empty");
  check_nothing_written ("binary.bin", binary, sizeof binary, 1, "not UTF-8");
  check_nothing_written ("latin1.txt", "Caf\xe9 \xe0 Paris", -1, 1, "not UTF-8");

  big = g_malloc (big_len);
  for (gsize i = 0; i < big_len; i++)
    big[i] = "The fighting continued in Raqqa. "[i % 33];
  check_nothing_written ("big.txt", big, big_len, 1, "too large");

  check_nothing_written ("french.txt",
                         "Le gouvernement a présenté mardi son projet de budget pour l'année "
                         "prochaine. Les syndicats demandent une hausse des salaires.\n",
                         -1, 0, "no events");
  check_nothing_written ("no-events.txt",
                         "The museum in Raqqa reopened its doors to visitors. "
                         "Its director said the collection had grown.\n",
                         -1, 0, "no events");
}

static void
test_usage (void)
{
  g_autofree char *path = chronomap_test_data_path ("seeds/001_ddf25e1ec3efa01e.txt");
  g_auto(ChronomapTestRun) none = { 0 };
  g_auto(ChronomapTestRun) bad_date = { 0 };
  g_auto(ChronomapTestRun) no_db = { 0 };

  chronomap_test_run_cli (&none, "extract", "--dry-run", path, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "--published"));
  chronomap_test_run_cli (&bad_date, "extract", "--published", "March 2019", "--dry-run", path, NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  g_assert_nonnull (strstr (bad_date.err, "--published must be a date written YYYY-MM-DD"));
  /* written right, but no day: say why */
  {
    g_auto(ChronomapTestRun) no_day = { 0 };

    chronomap_test_run_cli (&no_day, "extract", "--published", "2019-02-30", "--dry-run", path, NULL);
    g_assert_cmpint (no_day.status, ==, 2);
    g_assert_nonnull (strstr (no_day.err, "--published: February 2019 has 28 days"));
  }
  chronomap_test_run_cli (&no_db, "extract", "--published", "2019-03-12", path, NULL);
  g_assert_cmpint (no_db.status, ==, 2);
}

/* Without --published, the day the article's dateline states, said on
 * standard error; relative dates count from it. */
static void
test_dateline_published (void)
{
  g_autofree char *path = chronomap_test_tmp_path ("beirut.txt");
  g_auto(ChronomapTestRun) run = { 0 };

  g_assert_true (g_file_set_contents (path,
                                      "BEIRUT, March 24, 2019 (Reuters) \u2013 The Syrian Democratic "
                                      "Forces captured Baghouz on Saturday, the group said.\n", -1, NULL));
  chronomap_test_run_cli (&run, "extract", "--dry-run", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "beirut.txt: published 2019-03-24, as its dateline says"));
  g_assert_nonnull (strstr (run.out, "\n2019-03-23\t2019-03-23\tday\tBaghouz\t"));
}

/* The lexicons are files users edit: mistakes are reported with the
 * file and line, and a user's additions are used. */
static void
test_lexicon (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "chronomap", "lexicon", NULL);
  g_autofree char *actors = g_build_filename (dir, "actors.tsv", NULL);
  g_autofree char *triggers = g_build_filename (dir, "triggers.tsv", NULL);
  g_autoptr(ChronomapLexicon) lexicon = NULL;
  g_autoptr(ChronomapLexicon) bad = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "Local militiamen of the Desert Hawks stormed the ridge.";
  g_autoptr(GArray) words = chronomap_split_words (text, 0, strlen (text));
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) triggered = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (actors, "# mine\nDesert Hawks\tnon-state\tHawks Brigade\n", -1, NULL));
  g_assert_true (g_file_set_contents (triggers, "stormed the ridge\tBattles\tArmed clash\t-\t0.9\n", -1, NULL));
  lexicon = chronomap_lexicon_new_default (&error);
  g_assert_no_error (error);
  found = chronomap_lexicon_find_actors (lexicon, text, words);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (g_array_index (found, ChronomapLexiconMatch, 0).actor->name, ==, "Desert Hawks");
  triggered = chronomap_lexicon_find_triggers (lexicon, words);
  g_assert_cmpuint (triggered->len, ==, 1);
  g_assert_cmpstr (g_array_index (triggered, ChronomapLexiconMatch, 0).trigger->pattern, ==, "stormed the ridge");

  g_assert_true (g_file_set_contents (triggers, "# a comment\nstormed\tBattles\tArmed clash\t-\tvery\n", -1, NULL));
  bad = chronomap_lexicon_new_default (&error);
  g_assert_null (bad);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "triggers.tsv:2:"));
  g_unlink (actors);
  g_unlink (triggers);
}

/* A fact stated twice, once with its month and once with its year only,
 * is one event: the month's, with the other side the vaguer sentence
 * names. */
static void
test_restated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapExtractor) extractor = chronomap_extractor_new_default (&error);
  g_autoptr(GPtrArray) events = NULL;
  const char *text =
    "Islamic State seized Raqqa from rebel factions in 2014.\n\n"
    "Islamic State had captured the city in January 2014.\n";
  const ChronomapExtractedEvent *e;
  int y, m, d;

  g_assert_no_error (error);
  events = chronomap_extractor_extract (extractor, text, strlen (text),
                                        chronomap_date_from_ymd (2017, 10, 15));
  g_assert_cmpuint (events->len, ==, 1);
  e = g_ptr_array_index (events, 0);
  g_assert_cmpstr (e->location, ==, "Raqqa");
  g_assert_cmpstr (e->sub_event_type, ==, "Non-state actor overtakes territory");
  g_assert_cmpint (e->precision, ==, CHRONOMAP_DATE_PRECISION_MONTH);
  chronomap_date_to_ymd (e->date_start, &y, &m, &d);
  g_assert_cmpint (y, ==, 2014);
  g_assert_cmpint (m, ==, 1);
  g_assert_cmpstr (e->actor1, ==, "Islamic State");
  g_assert_cmpstr (e->actor2, ==, "Rebel factions");
  g_assert_nonnull (strstr (e->quote, "January 2014"));
}

/* A dateline is where the reporter was: "BEIRUT, March 24, 2019
 * (Reuters) –" puts no event in Beirut, and the village the sentence
 * says was captured, however small, is the event's place. */
static void
test_dateline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapExtractor) extractor = chronomap_extractor_new_default (&error);
  g_autoptr(GPtrArray) events = NULL;
  const char *text =
    "BEIRUT, March 24, 2019 (Reuters) \u2013 The Syrian Democratic Forces captured Baghouz on "
    "Saturday after clashes that killed 20 fighters, the group said.\n";

  g_assert_no_error (error);
  events = chronomap_extractor_extract (extractor, text, strlen (text),
                                        chronomap_date_from_ymd (2019, 3, 24));
  g_assert_cmpuint (events->len, >=, 1);
  for (guint i = 0; i < events->len; i++)
    {
      const ChronomapExtractedEvent *e = g_ptr_array_index (events, i);

      g_assert_cmpstr (e->location, ==, "Baghouz");
      g_assert_cmpint (e->date_start, ==, chronomap_date_from_ymd (2019, 3, 23));
    }
  g_assert_cmpstr (((ChronomapExtractedEvent *) g_ptr_array_index (events, 0))->sub_event_type, ==,
                   "Non-state actor overtakes territory");
}

/* Air strikes are flown by states and coalitions: a group hit by them is
 * their target, and the article's foreign force flew them. */
static void
test_air_strike_actors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapExtractor) extractor = chronomap_extractor_new_default (&error);
  g_autoptr(GPtrArray) events = NULL;
  const char *text =
    "The U.S.-led coalition has backed the SDF for months.\n\n"
    "On Sunday, Islamic State fighters in Raqqa were hit by air strikes.\n";
  const ChronomapExtractedEvent *e;

  g_assert_no_error (error);
  events = chronomap_extractor_extract (extractor, text, strlen (text),
                                        chronomap_date_from_ymd (2017, 10, 17));
  g_assert_cmpuint (events->len, ==, 1);
  e = g_ptr_array_index (events, 0);
  g_assert_cmpstr (e->sub_event_type, ==, "Air/drone strike");
  g_assert_cmpstr (e->actor1, ==, "Coalition forces");
  g_assert_cmpstr (e->actor2, ==, "Islamic State");
  g_assert_cmpint (e->date_start, ==, chronomap_date_from_ymd (2017, 10, 15));
}

/* A date named long before does not hold for a sentence after a newer
 * one: "last week" ends "in 1972", even as a range of days. */
static void
test_stale_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapExtractor) extractor = chronomap_extractor_new_default (&error);
  g_autoptr(GPtrArray) events = NULL;
  const char *text =
    "The civil war, which erupted in 1972 when the LTTE took up arms, has claimed some "
    "70,000 lives. Government shelling killed 75 civilians in Kilinochchi last week. "
    "A suicide bombing killed 14 people in Matara.\n";
  gboolean bombing = FALSE;

  g_assert_no_error (error);
  events = chronomap_extractor_extract (extractor, text, strlen (text),
                                        chronomap_date_from_ymd (2009, 6, 1));
  for (guint i = 0; i < events->len; i++)
    {
      const ChronomapExtractedEvent *e = g_ptr_array_index (events, i);

      if (strcmp (e->sub_event_type, "Suicide bomb") == 0)
        {
          bombing = TRUE;
          g_assert_cmpstr (e->location, ==, "Matara");
          g_assert_cmpint (e->date_start, >=, chronomap_date_from_ymd (2009, 5, 25));
          /* no date of its own: the publication day, said to be assumed */
          g_assert_true (e->date_assumed);
        }
      else
        {
          g_assert_cmpstr (e->location, ==, "Kilinochchi");
          g_assert_cmpint (e->date_start, ==, chronomap_date_from_ymd (2009, 5, 25));
          g_assert_false (e->date_assumed);
        }
    }
  g_assert_true (bombing);
}

/* An event with no date of its own is the publication day's only while
 * the article tells the news: not once it has gone back to its history,
 * nor when a clause sums up a period.  Both are left out, rather than put
 * on the timeline on a day they did not happen. */
static void
test_background (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapExtractor) extractor = chronomap_extractor_new_default (&error);
  g_autoptr(GPtrArray) events = NULL;
  const char *text =
    "Rebels shelled Idlib on Sunday, a monitor said.\n\n"
    "The group had captured Raqqa in January 2014.\n\n"
    "Its fighters executed dozens of prisoners in Tabqa.\n\n"
    "On Monday, government forces shelled Saraqib.\n\n"
    "Rebels attacked Saraqib.\n\n"
    "Years of air strikes have destroyed much of Homs.\n\n"
    "After weeks of fighting, the army has recaptured Palmyra.\n";
  const gint32 published = chronomap_date_from_ymd (2019, 3, 12);
  const struct { const char *place; gint32 day; gboolean assumed; } expected[] = {
    { "Idlib", chronomap_date_from_ymd (2019, 3, 10), FALSE },
    { "Raqqa", chronomap_date_from_ymd (2014, 1, 1), FALSE },
    { "Saraqib", chronomap_date_from_ymd (2019, 3, 11), FALSE },
    /* back in the news: no date of its own is the publication day's */
    { "Saraqib", published, TRUE },
    /* the span is the "after" clause's: the retaking is news */
    { "Palmyra", published, TRUE },
  };

  g_assert_no_error (error);
  events = chronomap_extractor_extract (extractor, text, strlen (text), published);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < events->len; i++)
    {
      const ChronomapExtractedEvent *e = g_ptr_array_index (events, i);

      g_assert_cmpstr (e->location, ==, expected[i].place);
      g_assert_cmpint (e->date_start, ==, expected[i].day);
      g_assert_cmpint (e->date_assumed, ==, expected[i].assumed);
    }
}

/* Words of violence said of floods, of its pause, of an accident, or of
 * what one side does for another, to say who it is. */
static void
test_not_violence (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapExtractor) extractor = chronomap_extractor_new_default (&error);
  const char *none[] = {
    "Volunteers joined the flood fighting effort in Fargo on Monday.\n",
    "A lull in the fighting in Darfur has let life return to normal.\n",
    "A woman was killed in Arlington on Sunday when a neighbour accidentally hit her with his car.\n",
    "A spokesman for the coalition backing the SDF in Raqqa with air strikes spoke on Sunday.\n",
  };
  const char *fighting = "Fighting killed 12 soldiers in Darfur on Monday.\n";
  const char *struck = "The coalition hit Islamic State in Raqqa with air strikes on Sunday.\n";
  g_autoptr(GPtrArray) events = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    {
      g_autoptr(GPtrArray) found = chronomap_extractor_extract (extractor, none[i], strlen (none[i]),
                                                                chronomap_date_from_ymd (2009, 6, 1));

      g_test_message ("%s: %u events", none[i], found->len);
      g_assert_cmpuint (found->len, ==, 0);
    }
  /* the same words of real fighting still make an event */
  events = chronomap_extractor_extract (extractor, fighting, strlen (fighting),
                                        chronomap_date_from_ymd (2009, 6, 1));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((ChronomapExtractedEvent *) g_ptr_array_index (events, 0))->location, ==, "Darfur");
  g_clear_pointer (&events, g_ptr_array_unref);
  events = chronomap_extractor_extract (extractor, struck, strlen (struck),
                                        chronomap_date_from_ymd (2017, 10, 17));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((ChronomapExtractedEvent *) g_ptr_array_index (events, 0))->sub_event_type, ==,
                   "Air/drone strike");
}

/* Two events in one sentence keep their own places, dead and sides:
 * the clash whose village the gazetteer lacks is not moved to the air
 * strike's town, and the strike keeps its 7 dead; a count after "while"
 * is not the drone strike's.  A clause that only adds detail ("killing
 * 25 fighters") still belongs to the event before it. */
static void
test_clauses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapExtractor) extractor = chronomap_extractor_new_default (&error);
  const gint32 published = chronomap_date_from_ymd (2024, 3, 12);
  const char *two =
    "On Monday, 25 militants were killed in clashes near al-Shafah, "
    "and an air strike on Susah killed 7 civilians, the monitor said.\n";
  const char *drones =
    "Turkish drones struck a fuel depot near Qamishli on Tuesday, killing three workers, "
    "while fighting between the SDF and tribal militias in Dhiban left 12 dead.\n";
  const char *apposition = "Fierce clashes in Hajin, a town on the Euphrates, killed 25 fighters.\n";
  g_autoptr(GPtrArray) events = NULL;
  const ChronomapExtractedEvent *e;

  g_assert_no_error (error);
  events = chronomap_extractor_extract (extractor, two, strlen (two), published);
  g_assert_cmpuint (events->len, ==, 1);
  e = g_ptr_array_index (events, 0);
  g_assert_cmpstr (e->location, ==, "Susah");
  g_assert_cmpstr (e->sub_event_type, ==, "Air/drone strike");
  g_assert_cmpint (e->fatalities, ==, 7);
  g_assert_cmpstr (e->actor2, ==, "Civilians");
  g_clear_pointer (&events, g_ptr_array_unref);

  events = chronomap_extractor_extract (extractor, drones, strlen (drones), published);
  g_assert_cmpuint (events->len, ==, 2);
  e = g_ptr_array_index (events, 0);
  g_assert_cmpstr (e->location, ==, "Qamishli");
  g_assert_cmpstr (e->sub_event_type, ==, "Air/drone strike");
  g_assert_cmpstr (e->actor1, ==, "Military Forces of Turkey");
  g_assert_null (e->actor2);
  g_assert_cmpint (e->fatalities, ==, 3);
  e = g_ptr_array_index (events, 1);
  g_assert_cmpstr (e->location, ==, "Dhiban");
  g_assert_cmpstr (e->sub_event_type, ==, "Armed clash");
  g_assert_cmpstr (e->actor1, ==, "Syrian Democratic Forces");
  g_assert_cmpint (e->fatalities, ==, 12);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = chronomap_extractor_extract (extractor, apposition, strlen (apposition), published);
  g_assert_cmpuint (events->len, ==, 1);
  e = g_ptr_array_index (events, 0);
  g_assert_cmpstr (e->location, ==, "Hajin");
  g_assert_cmpint (e->fatalities, ==, 25);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/extract/seeds", test_seeds);
  g_test_add_func ("/chronomap/extract/dry-run", test_dry_run);
  g_test_add_func ("/chronomap/extract/database", test_database);
  g_test_add_func ("/chronomap/extract/article-title", test_article_title);
  g_test_add_func ("/chronomap/extract/bad-input", test_bad_input);
  g_test_add_func ("/chronomap/extract/usage", test_usage);
  g_test_add_func ("/chronomap/extract/dateline-published", test_dateline_published);
  g_test_add_func ("/chronomap/extract/lexicon", test_lexicon);
  g_test_add_func ("/chronomap/extract/restated", test_restated);
  g_test_add_func ("/chronomap/extract/dateline", test_dateline);
  g_test_add_func ("/chronomap/extract/air-strike-actors", test_air_strike_actors);
  g_test_add_func ("/chronomap/extract/stale-date", test_stale_date);
  g_test_add_func ("/chronomap/extract/background", test_background);
  g_test_add_func ("/chronomap/extract/not-violence", test_not_violence);
  g_test_add_func ("/chronomap/extract/clauses", test_clauses);

  return g_test_run ();
}
