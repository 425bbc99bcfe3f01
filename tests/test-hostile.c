/* test-hostile.c: damaged and hostile files, as analysts are sent them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case here must end in a clear error (in CHRONOMAP_ERROR, naming
 * the file, readable as UTF-8) or in a loaded file: never a crash, a hang
 * or unbounded memory, and never a change to the file.  Cases that could
 * crash run in a subprocess with a time limit and, outside the sanitizer
 * build, a limit on address space.
 *
 * A case whose bug is known and not fixed yet is marked with
 * known_bug(): while it fails it is reported as incomplete ("TODO") with
 * the file and the fault, so that the suite stays green; once fixed it
 * passes and the mark should go.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "chronomap-database.h"
#include "chronomap-error.h"
#include "chronomap-event-store.h"
#include "chronomap-test-utils.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* Address space a hostile file may make the loader use: generous for the
 * files of these tests (the largest holds 10 MB strings), far below what
 * a runaway allocation asks for. */
#define CHILD_ADDRESS_SPACE (1536 * (gsize) 1024 * 1024)
#define CHILD_TIMEOUT_USEC (60 * G_USEC_PER_SEC)

/* Helpers ---------------------------------------------------------------- */

static void
limit_address_space (void)
{
  struct rlimit limit = { CHILD_ADDRESS_SPACE, CHILD_ADDRESS_SPACE };

  /* AddressSanitizer reserves terabytes of shadow memory up front. */
  if (!UNDER_ASAN)
    g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
}

/* Runs the calling test's subprocess branch; when it fails and the bug is
 * known, reports the test incomplete instead of failed. */
static void
run_child (const char *known_bug)
{
  g_test_trap_subprocess (NULL, CHILD_TIMEOUT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  if (g_test_trap_has_passed ())
    {
      if (known_bug != NULL)
        g_test_message ("known bug no longer shows, remove its mark: %s", known_bug);
      return;
    }
  if (known_bug != NULL)
    {
      g_test_incomplete (known_bug);
      return;
    }
  g_test_trap_assert_passed ();
}

/* The error a hostile file must end in: ours, naming the file, short, and
 * printable. */
static void
assert_clear_error (const GError *error,
                    const char   *path)
{
  g_autofree char *base = g_path_get_basename (path);

  g_assert_nonnull (error);
  g_assert_true (error->domain == CHRONOMAP_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <, 1000);
  if (strstr (error->message, base) == NULL)
    g_error ("the error does not name the file %s: %s", base, error->message);
}

/* Loads @path as the app does; returns the store, or NULL after checking
 * the error is clear. */
static ChronomapEventStore *
load_or_clear_error (const char *path)
{
  g_autoptr(GError) error = NULL;
  ChronomapEventStore *store = chronomap_event_store_load (path, CHRONOMAP_LOAD_SKIP_BAD_ROWS,
                                                           NULL, &error);

  if (store == NULL)
    assert_clear_error (error, path);
  else
    {
      const GPtrArray *problems = chronomap_event_store_get_problems (store);

      g_assert_no_error (error);
      for (guint i = 0; i < problems->len; i++)
        {
          const char *problem = g_ptr_array_index (problems, i);

          g_assert_true (g_utf8_validate (problem, -1, NULL));
          g_assert_cmpuint (strlen (problem), <, 1000);
        }
    }
  return store;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static char *
write_bytes (const char *name,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = chronomap_test_tmp_path (name);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

/* A foreign events table: every column of the format, no constraint, so
 * that any value can be stored in any of them. */
#define LOOSE_EVENTS_TABLE \
  "CREATE TABLE events (id INTEGER PRIMARY KEY, external_id, date_start, date_end, " \
  "  date_precision, event_type, sub_event_type, actor1, actor2, location, country, " \
  "  latitude, longitude, geo_precision, geo_source, fatalities, fatalities_low, " \
  "  fatalities_high, notes, source_id, quote);" \
  "CREATE TABLE sources (id INTEGER PRIMARY KEY, title, publisher, url, published, full_text);" \
  "CREATE TABLE dataset (key, value);"

/* Fills row @id: @date in date_start (@text when NULL), @parsed in the
 * columns the loader parses (date_end, date_precision, latitude,
 * longitude, fatalities) and @text in all the others. */
static char *
make_row (gint64      id,
          const char *date,
          const char *parsed,
          const char *text)
{
  return g_strdup_printf ("INSERT INTO events VALUES (%" G_GINT64_FORMAT ", %s, %s, %s, %s, %s, "
                          "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, NULL, NULL, %s, 1, %s);",
                          id, text, date != NULL ? date : text, parsed, parsed, text, text, text,
                          text, text, text, parsed, parsed, text, text, parsed, text, text);
}

/* A row that loads, with @text wherever free text goes, and one that
 * can't, with @text everywhere. */
static char *
good_and_bad_rows (gint64      id,
                   const char *text)
{
  g_autofree char *good = make_row (id, "'2019-01-01'", "NULL", text);
  g_autofree char *bad = make_row (id + 1, NULL, text, text);

  return g_strconcat (good, bad, NULL);
}

/* Damaged files --------------------------------------------------------- */

static void
test_truncated (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(GBytes) bytes = read_bytes (sample);
  gsize size = g_bytes_get_size (bytes);
  /* In the 100-byte header, at its page size field, on the first page
   * boundaries (the schema), and inside the tables' pages. */
  const gsize offsets[] = { 0, 1, 15, 16, 18, 50, 99, 100, 101, 512, 1024, 4095, 4096, 4097,
                            8192, size / 3, size / 2, size - 4096, size - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autofree char *name = g_strdup_printf ("truncated-%" G_GSIZE_FORMAT ".sqlite", offsets[i]);
      g_autofree char *path = NULL;
      g_autoptr(ChronomapEventStore) store = NULL;
      g_autoptr(ChronomapDatabase) db = NULL;
      g_autoptr(GError) error = NULL;

      if (offsets[i] >= size)
        continue;
      path = write_bytes (name, g_bytes_get_data (bytes, NULL), offsets[i]);
      store = load_or_clear_error (path);
      g_test_message ("truncated at %" G_GSIZE_FORMAT ": %s", offsets[i],
                      store != NULL ? "loads" : "refused");

      /* Opening for writing must refuse it too, not "repair" it into an
       * empty database. */
      db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);
      if (db == NULL)
        assert_clear_error (error, path);
    }
}

static void
test_random_after_header (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(GBytes) bytes = read_bytes (sample);
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);

  for (guint round = 0; round < 24; round++)
    {
      gsize size = 4096 * (1 + round % 6);
      g_autofree guint8 *data = g_malloc (size);
      g_autofree char *name = g_strdup_printf ("random-%u.sqlite", round);
      g_autofree char *path = NULL;
      g_autoptr(ChronomapEventStore) store = NULL;

      for (gsize i = 0; i < size; i++)
        data[i] = g_rand_int_range (rand, 0, 256);
      /* The real 100-byte header (valid magic, page size, counts), and
       * for half the rounds the real schema page too: then SQLite finds
       * the tables and reads garbage pages for them. */
      memcpy (data, g_bytes_get_data (bytes, NULL), round % 2 == 0 ? 100 : 4096);
      path = write_bytes (name, data, size);
      store = load_or_clear_error (path);
    }
}

static void
test_random_after_header_writable (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autoptr(GBytes) bytes = read_bytes (sample);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 12; round++)
    {
      gsize size = 4096 * 4;
      g_autofree guint8 *data = g_malloc (size);
      g_autofree char *name = g_strdup_printf ("random-rw-%u.sqlite", round);
      g_autofree char *path = NULL;
      g_autoptr(ChronomapDatabase) db = NULL;
      g_autoptr(GError) error = NULL;

      memcpy (data, g_bytes_get_data (bytes, NULL), MIN (size, g_bytes_get_size (bytes)));
      for (guint k = 0; k < 64; k++)
        data[g_rand_int_range (rand, 100, size)] = g_rand_int_range (rand, 0, 256);
      path = write_bytes (name, data, size);
      db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);
      if (db == NULL)
        assert_clear_error (error, path);
    }
}

/* A database in WAL mode whose -wal file did not come along (copied by
 * hand, mailed, unpacked from an archive): its last transactions are lost,
 * what was checkpointed must load. */
static void
test_wal_without_wal_file (void)
{
  g_autofree char *dir = chronomap_test_tmp_path ("wal");
  g_autofree char *path = g_build_filename (dir, "events.sqlite", NULL);
  g_autofree char *copy = chronomap_test_tmp_path ("wal-copy.sqlite");
  g_autofree char *schema = g_strdup (chronomap_database_get_schema_sql ());
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  sqlite3 *db = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE);"
                                     "INSERT INTO events (date_start, event_type, location) "
                                     "VALUES ('2019-01-01', 'Battles', 'Raqqa');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* The insert is only in the -wal file while the connection is open. */
  bytes = read_bytes (path);
  g_free (write_bytes ("wal-copy.sqlite", g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));

  store = load_or_clear_error (copy);
  g_assert_nonnull (store);
  g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 0);
  g_clear_object (&store);

  /* The same with the writer still open: the reader sees the -wal. */
  store = load_or_clear_error (path);
  g_assert_nonnull (store);
  g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 1);

  sqlite3_close (db);
}

/* A file another process holds an exclusive lock on: a clear message in
 * bounded time, not a hang. */
static void
test_locked (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autofree char *path = chronomap_test_copy_file (sample, "locked.sqlite");
  g_autofree char *before = chronomap_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  int locked[2], release[2];
  gint64 start, elapsed;
  char byte = 0;
  pid_t child;
  int status;

  g_assert_cmpint (pipe (locked), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      sqlite3 *holder = NULL;

      /* Takes the lock the way a writer in another program does, and
       * holds it until told. */
      if (sqlite3_open (path, &holder) != SQLITE_OK ||
          sqlite3_exec (holder, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      if (write (locked[1], "L", 1) != 1 || read (release[0], &byte, 1) != 1)
        _exit (2);
      sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (holder);
      _exit (0);
    }
  g_assert_cmpint (read (locked[0], &byte, 1), ==, 1);

  start = g_get_monotonic_time ();
  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_null (store);
  assert_clear_error (error, path);
  g_test_message ("locked, read: %s", error->message);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&error);

  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);
  g_assert_null (db);
  assert_clear_error (error, path);
  g_test_message ("locked, write: %s", error->message);

  g_assert_cmpint (write (release[1], "R", 1), ==, 1);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  close (locked[0]);
  close (locked[1]);
  close (release[0]);
  close (release[1]);

  after = chronomap_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* Opening for reading writes nothing, even where it could: no journal,
 * no -wal or -shm, no change to the file.  Then the same from a folder
 * that can't be written (only meaningful when not run as root). */
static void
test_read_only_dir (void)
{
  g_autofree char *sample = chronomap_test_sample_path ();
  g_autofree char *dir = chronomap_test_tmp_path ("read-only");
  g_autofree char *path = g_build_filename (dir, "events.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GBytes) bytes = read_bytes (sample);
  guint n_files = 0;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
  before = chronomap_test_file_checksum (path);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  store = load_or_clear_error (path);
  g_assert_nonnull (store);
  g_assert_cmpuint (chronomap_event_store_get_n_events (store), >, 0);
  g_clear_object (&store);

  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_WRITE, &error);
  if (geteuid () != 0)
    {
      /* Nothing to migrate in the sample, so the open may succeed; a
       * write must then fail clearly. */
      if (db == NULL)
        assert_clear_error (error, path);
      else
        {
          g_assert_false (chronomap_database_set_metadata (db, "title", "x", &error));
          assert_clear_error (error, path);
        }
    }
  else
    g_test_message ("run as root: the folder's permissions do not stop writes");
  g_clear_object (&db);

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_chmod (dir, 0700);
  after = chronomap_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* Hostile values --------------------------------------------------------- */

/* 10 MB in every text column: loads (or is refused clearly) in bounded
 * time and memory, and messages quote at most a few words of it. */
static void
test_huge_strings (void)
{
  if (g_test_subprocess ())
    {
      /* hex(zeroblob(n)) is 2n characters: 10 MiB of '0', and of 'é'
       * (two bytes each). */
      g_autofree char *zeros = good_and_bad_rows (1, "hex(zeroblob(5242880))");
      /* Only a good row of these: a bad one is long-quoted-text's case. */
      g_autofree char *accents = make_row (3, "'2019-01-02'", "NULL",
                                           "replace(hex(zeroblob(2621440)), '0', 'é')");
      g_autofree char *rows = g_strconcat (
        zeros, accents,
        "INSERT INTO sources VALUES (1, hex(zeroblob(5242880)), hex(zeroblob(5242880)), "
        "  hex(zeroblob(5242880)), hex(zeroblob(5242880)), hex(zeroblob(5242880)));"
        "INSERT INTO dataset VALUES ('title', hex(zeroblob(5242880)));",
        NULL);
      g_autofree char *sql = g_strconcat (LOOSE_EVENTS_TABLE, rows, NULL);
      g_autofree char *path = chronomap_test_make_db ("huge.sqlite", sql);
      g_autoptr(ChronomapEventStore) store = NULL;
      g_autoptr(ChronomapEventDetails) details = NULL;
      g_autoptr(GError) error = NULL;
      struct rusage usage;

      limit_address_space ();
      store = load_or_clear_error (path);
      g_assert_nonnull (store);
      g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 2);
      g_assert_cmpuint (chronomap_event_store_get_problems (store)->len, ==, 1);
      details = chronomap_event_store_get_details (store, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (details->notes), ==, 10 * 1024 * 1024);
      g_assert_cmpuint (chronomap_event_store_get_n_sources (store), ==, 1);

      getrusage (RUSAGE_SELF, &usage);
      g_test_message ("peak memory: %ld MB", usage.ru_maxrss / 1024);
      /* The file is 140 MB of text; the store keeps one copy of each
       * distinct string. */
      g_assert_cmpint (usage.ru_maxrss / 1024, <, 1024);
      return;
    }
  run_child (NULL);
}

/* Text of many non-ASCII characters in a column whose value the loader
 * quotes in its message (date_start here). */
static void
test_long_quoted_text (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = chronomap_test_make_db ("quoted.sqlite",
        LOOSE_EVENTS_TABLE
        "INSERT INTO events (id, date_start, event_type, location) VALUES "
        "  (1, '2019-01-01', 'Battles', 'Raqqa'),"
        "  (2, replace(hex(zeroblob(30)), '0', '日'), 'Battles', 'Raqqa'),"
        "  (3, '2019-01-03', 'Battles', 'Raqqa');"
        "INSERT INTO events (id, date_start, event_type, location, latitude, longitude) VALUES "
        "  (4, '2019-01-04', 'Battles', 'Raqqa', replace(hex(zeroblob(30)), '0', 'ü'), 1);");
      g_autoptr(ChronomapEventStore) store = load_or_clear_error (path);

      g_assert_nonnull (store);
      g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 2);
      return;
    }
  run_child ("src/core/chronomap-event-store.c, column_text_for_message(): "
             "g_utf8_strncpy (buf, text, 40) copies 40 characters, up to 160 bytes, "
             "into char buf[64]: a stack buffer overflow for any unreadable value of "
             "22 or more non-ASCII characters");
}

/* NULL in every column, and a row of nothing but NULLs. */
static void
test_nulls (void)
{
  g_autofree char *all_null = make_row (1, "NULL", "NULL", "NULL");
  g_autofree char *rows = g_strconcat (all_null,
                                       "INSERT INTO events (id) VALUES (2);"
                                       "INSERT INTO events (id, date_start, event_type, location) "
                                       "  VALUES (NULL, '2019-01-01', NULL, NULL);"
                                       "INSERT INTO sources VALUES (NULL, NULL, NULL, NULL, NULL, NULL);"
                                       "INSERT INTO dataset VALUES (NULL, NULL);",
                                       NULL);
  g_autofree char *sql = g_strconcat (LOOSE_EVENTS_TABLE, rows, NULL);
  g_autofree char *path = chronomap_test_make_db ("nulls.sqlite", sql);
  g_autoptr(ChronomapEventStore) store = load_or_clear_error (path);
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_assert_nonnull (store);
  /* The rows without a date are left out and said so; the one with a
   * date and nothing else loads. */
  g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 1);
  g_assert_cmpuint (chronomap_event_store_get_problems (store)->len, ==, 2);
  for (guint i = 0; i < chronomap_event_store_get_n_events (store); i++)
    {
      g_autoptr(ChronomapEventDetails) details = chronomap_event_store_get_details (store, i, &error);

      g_assert_no_error (error);
      g_assert_nonnull (details);
    }
  g_clear_object (&store);

  store = chronomap_event_store_load (path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_null (store);
  assert_clear_error (error, path);
  g_clear_error (&error);

  db = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  title = chronomap_database_get_metadata (db, "title");
  g_assert_null (title);
}

/* Bytes that are not UTF-8 in every text column: overlong forms,
 * surrogates, a cut-off sequence, a lone continuation byte, a NUL. */
static void
test_invalid_utf8 (void)
{
  static const char * const values[] = {
    "CAST(x'c0af' AS TEXT)", "CAST(x'eda080' AS TEXT)", "CAST(x'e697' AS TEXT)",
    "CAST(x'80' AS TEXT)", "CAST(x'fffe' AS TEXT)", "CAST(x'610062' AS TEXT)",
    "CAST(x'32303139' AS TEXT) || CAST(x'ff' AS TEXT)", "x'00ff00ff'",
  };
  g_autoptr(GString) sql = g_string_new (LOOSE_EVENTS_TABLE);
  g_autofree char *path = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  guint n_invalid = 0;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *rows = good_and_bad_rows (1 + 2 * i, values[i]);

      g_string_append (sql, rows);
    }
  g_string_append (sql, "INSERT INTO sources VALUES (2, CAST(x'ff' AS TEXT), x'00', "
                        "CAST(x'c0af' AS TEXT), CAST(x'e697' AS TEXT), NULL);");
  path = chronomap_test_make_db ("invalid-utf8.sqlite", sql->str);

  store = load_or_clear_error (path);
  g_assert_nonnull (store);
  /* Every row with a readable date loads; the others are reported. */
  g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < chronomap_event_store_get_n_events (store); i++)
    {
      const ChronomapEvent *e = chronomap_event_store_get_event (store, i);
      guint32 ids[] = { e->event_type, e->sub_event_type, e->actor1, e->actor2, e->location };
      g_autoptr(ChronomapEventDetails) details = chronomap_event_store_get_details (store, i, NULL);

      g_assert_nonnull (details);
      for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
        {
          const char *text = chronomap_event_store_get_string (store, ids[k]);

          if (text != NULL && !g_utf8_validate (text, -1, NULL))
            n_invalid++;
        }
    }
  /* What the views are handed to show is reported, not asserted: the
   * loader keeps a file's text as it is (see the hardening notes). */
  g_test_message ("%u strings handed to the views are not UTF-8", n_invalid);
}

/* Two rows whose ids are 60 million apart: the loader must not size its
 * arrays by the id range. */
static void
test_sparse_rowids (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = chronomap_test_make_db ("sparse.sqlite",
        LOOSE_EVENTS_TABLE
        "INSERT INTO events (id, date_start, event_type, location) VALUES "
        "  (1, '2019-01-01', 'Battles', 'Raqqa'), (60000000, '2019-01-02', 'Battles', 'Mosul');");
      g_autoptr(ChronomapEventStore) store = NULL;

      /* 512 MB is ample for two events. */
      if (!UNDER_ASAN)
        {
          struct rlimit limit = { 512 * 1024 * 1024, 512 * 1024 * 1024 };

          g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
        }
      store = load_or_clear_error (path);
      g_assert_nonnull (store);
      g_assert_cmpuint (chronomap_event_store_get_n_events (store), ==, 2);
      return;
    }
  run_child ("src/core/chronomap-event-store.c, load_events(): each share reserves "
             "(hi - lo + 1) events of 56 bytes from the rowid range, below 64 Mi rows, so "
             "a two-row file with ids 1 and 60000000 allocates about 3.4 GB; reserve "
             "from count(*) or cap the reservation");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/hostile/truncated", test_truncated);
  g_test_add_func ("/chronomap/hostile/random-after-header", test_random_after_header);
  g_test_add_func ("/chronomap/hostile/random-after-header-writable",
                   test_random_after_header_writable);
  g_test_add_func ("/chronomap/hostile/wal-without-wal-file", test_wal_without_wal_file);
  g_test_add_func ("/chronomap/hostile/locked", test_locked);
  g_test_add_func ("/chronomap/hostile/read-only-dir", test_read_only_dir);
  g_test_add_func ("/chronomap/hostile/huge-strings", test_huge_strings);
  g_test_add_func ("/chronomap/hostile/long-quoted-text", test_long_quoted_text);
  g_test_add_func ("/chronomap/hostile/nulls", test_nulls);
  g_test_add_func ("/chronomap/hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/chronomap/hostile/sparse-rowids", test_sparse_rowids);

  return g_test_run ();
}
