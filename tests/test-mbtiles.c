/* test-mbtiles.c: MBTiles files made here, read back, and broken ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>

#include "chronomap-error.h"
#include "chronomap-mbtiles.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("mbtiles-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 256-pixel PNG tile of one colour. */
static GBytes *
make_png (double r,
          double g,
          double b)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, r, g, b);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png_cb, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         at;
} PngReader;

static cairo_status_t
read_png_cb (void          *closure,
             unsigned char *data,
             unsigned int   length)
{
  PngReader *r = closure;

  if (r->at + length > r->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

/* Decodes a PNG tile and returns its top left pixel as 0xRRGGBB. */
static guint32
png_pixel (GBytes *bytes)
{
  PngReader r = { 0, };
  cairo_surface_t *surface;
  guint32 pixel;

  r.data = g_bytes_get_data (bytes, &r.len);
  surface = cairo_image_surface_create_from_png_stream (read_png_cb, &r);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 256);
  cairo_surface_flush (surface);
  pixel = *(guint32 *) (gpointer) cairo_image_surface_get_data (surface) & 0xffffff;
  cairo_surface_destroy (surface);
  return pixel;
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
insert_tile (sqlite3 *db,
             int      z,
             int      x,
             int      tms_y,
             GBytes  *data)
{
  sqlite3_stmt *stmt = NULL;
  gsize len;
  gconstpointer blob = g_bytes_get_data (data, &len);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, z);
  sqlite3_bind_int (stmt, 2, x);
  sqlite3_bind_int (stmt, 3, tms_y);
  sqlite3_bind_blob (stmt, 4, blob, (int) len, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Writes an MBTiles file as QGIS or MapTiler would: metadata plus tiles,
 * rows counted from the south.  metadata_sql may add or replace rows. */
static char *
make_mbtiles (Fixture    *f,
              const char *name,
              const char *metadata_sql,
              gboolean    with_tiles)
{
  char *path = g_build_filename (f->dir, name, NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                "                    tile_row INTEGER, tile_data BLOB);"
                "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);");
  if (metadata_sql != NULL)
    exec_sql (db, metadata_sql);
  if (with_tiles)
    {
      g_autoptr(GBytes) red = make_png (1, 0, 0);
      g_autoptr(GBytes) green = make_png (0, 1, 0);
      g_autoptr(GBytes) blue = make_png (0, 0, 1);

      insert_tile (db, 0, 0, 0, red);
      /* z1: the north-west tile (XYZ 0,0) is TMS row 1 */
      insert_tile (db, 1, 0, 1, green);
      insert_tile (db, 1, 1, 0, blue);
    }
  sqlite3_close (db);
  return path;
}

static const char *full_metadata =
  "INSERT INTO metadata VALUES ('name', 'Levant test'), ('format', 'png'),"
  " ('bounds', '34.0,31.0,43.0,38.0'), ('minzoom', '0'), ('maxzoom', '1'),"
  " ('attribution', '© Test contributors'), ('type', 'baselayer');";

static void
test_read_back (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_mbtiles (f, "levant.mbtiles", full_metadata, TRUE);
  g_autoptr(ChronomapMbtiles) mb = chronomap_mbtiles_open (path, &error);
  double w, s, e, n;
  g_autoptr(GBytes) z0 = NULL;
  g_autoptr(GBytes) nw = NULL;
  g_autoptr(GBytes) se = NULL;
  g_autoptr(GBytes) missing = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (mb);
  g_assert_cmpstr (chronomap_mbtiles_get_name (mb), ==, "Levant test");
  g_assert_cmpstr (chronomap_mbtiles_get_format (mb), ==, "png");
  g_assert_cmpstr (chronomap_mbtiles_get_attribution (mb), ==, "© Test contributors");
  g_assert_cmpint (chronomap_mbtiles_get_min_zoom (mb), ==, 0);
  g_assert_cmpint (chronomap_mbtiles_get_max_zoom (mb), ==, 1);
  g_assert_true (chronomap_mbtiles_get_bounds (mb, &w, &s, &e, &n));
  g_assert_cmpfloat (w, ==, 34.0);
  g_assert_cmpfloat (s, ==, 31.0);
  g_assert_cmpfloat (e, ==, 43.0);
  g_assert_cmpfloat (n, ==, 38.0);

  z0 = chronomap_mbtiles_get_tile (mb, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmphex (png_pixel (z0), ==, 0xff0000);

  nw = chronomap_mbtiles_get_tile (mb, 1, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmphex (png_pixel (nw), ==, 0x00ff00);

  se = chronomap_mbtiles_get_tile (mb, 1, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmphex (png_pixel (se), ==, 0x0000ff);

  missing = chronomap_mbtiles_get_tile (mb, 1, 1, 0, &error);
  g_assert_null (missing);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND);
}

/* Older exports leave out format, name and zoom range: sniff and derive. */
static void
test_sparse_metadata (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_mbtiles (f, "old-export.mbtiles", NULL, TRUE);
  g_autoptr(ChronomapMbtiles) mb = chronomap_mbtiles_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (chronomap_mbtiles_get_name (mb), ==, "old-export");
  g_assert_cmpstr (chronomap_mbtiles_get_format (mb), ==, "png");
  g_assert_null (chronomap_mbtiles_get_attribution (mb));
  g_assert_false (chronomap_mbtiles_get_bounds (mb, NULL, NULL, NULL, NULL));
  g_assert_cmpint (chronomap_mbtiles_get_min_zoom (mb), ==, 0);
  g_assert_cmpint (chronomap_mbtiles_get_max_zoom (mb), ==, 1);
}

/* A JPEG export without a format in its metadata is sniffed as JPEG. */
static void
test_sniff_jpeg (Fixture       *f,
                 gconstpointer  data)
{
  static const guint8 jpeg_start[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0 };
  g_autoptr(GBytes) tile = g_bytes_new_static (jpeg_start, sizeof jpeg_start);
  g_autofree char *path = make_mbtiles (f, "photo.mbtiles",
                                        "INSERT INTO metadata VALUES ('name', 'Aerial');", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapMbtiles) mb = NULL;
  g_autoptr(GBytes) back = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  insert_tile (db, 3, 4, 2, tile);
  sqlite3_close (db);

  mb = chronomap_mbtiles_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chronomap_mbtiles_get_format (mb), ==, "jpg");
  g_assert_cmpint (chronomap_mbtiles_get_min_zoom (mb), ==, 3);
  g_assert_cmpint (chronomap_mbtiles_get_max_zoom (mb), ==, 3);
  /* TMS row 2 at zoom 3 is XYZ row 8 - 1 - 2 = 5 */
  back = chronomap_mbtiles_get_tile (mb, 3, 4, 5, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, tile));
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapMbtiles) mb = chronomap_mbtiles_open (path, &error);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (mb);
  g_assert_error (error, CHRONOMAP_ERROR, code);
  g_test_message ("%s: %s", base, error->message);
  /* every message names the file, so the user knows which one */
  g_assert_nonnull (strstr (error->message, base));
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
}

static void
test_vector_tiles (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *declared = make_mbtiles (f, "vector.mbtiles",
                                            "INSERT INTO metadata VALUES ('format', 'pbf');", TRUE);
  g_autofree char *sniffed = g_build_filename (f->dir, "gzip.mbtiles", NULL);
  sqlite3 *db = NULL;
  static const guint8 gzip_tile[] = { 0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03 };
  g_autoptr(GBytes) tile = g_bytes_new_static (gzip_tile, sizeof gzip_tile);

  assert_open_fails (declared, CHRONOMAP_ERROR_UNSUPPORTED, "vector tiles");

  g_free (make_mbtiles (f, "gzip.mbtiles", NULL, FALSE));
  g_assert_cmpint (sqlite3_open (sniffed, &db), ==, SQLITE_OK);
  insert_tile (db, 0, 0, 0, tile);
  sqlite3_close (db);
  assert_open_fails (sniffed, CHRONOMAP_ERROR_UNSUPPORTED, "vector tiles");
}

static void
test_broken_files (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "nowhere.mbtiles", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.mbtiles", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.mbtiles", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.mbtiles", NULL);
  g_autofree char *good = make_mbtiles (f, "good.mbtiles", full_metadata, TRUE);
  g_autofree char *contents = NULL;
  g_autofree char *no_tiles = g_build_filename (f->dir, "no-tiles.mbtiles", NULL);
  g_autofree char *bad_columns = g_build_filename (f->dir, "bad-columns.mbtiles", NULL);
  g_autofree char *webm = make_mbtiles (f, "movie.mbtiles",
                                        "INSERT INTO metadata VALUES ('format', 'webm');", TRUE);
  gsize len;
  sqlite3 *db = NULL;

  assert_open_fails (missing, CHRONOMAP_ERROR_NOT_FOUND, NULL);

  g_assert_true (g_file_set_contents (text, "These are not the tiles you are looking for.\n"
                                      "Lorem ipsum dolor sit amet, consectetur adipiscing.\n",
                                      -1, NULL));
  assert_open_fails (text, CHRONOMAP_ERROR_NOT_A_DATABASE, NULL);

  /* SQLite takes an empty file for an empty database. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_open_fails (empty, CHRONOMAP_ERROR_MISSING_TABLE, "metadata");

  /* The first page of a real file and nothing else: a broken copy. */
  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  g_assert_true (g_file_set_contents (truncated, contents, 4096, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChronomapMbtiles) mb = chronomap_mbtiles_open (truncated, &error);

    /* SQLite may notice the damage on open or on the first read; either
     * way the caller gets a CHRONOMAP_ERROR and no crash. */
    if (mb == NULL)
      g_assert_true (error->domain == CHRONOMAP_ERROR);
    else
      {
        g_autoptr(GBytes) tile = chronomap_mbtiles_get_tile (mb, 1, 1, 1, &error);

        g_assert_null (tile);
        g_assert_true (error->domain == CHRONOMAP_ERROR);
      }
  }

  g_assert_cmpint (sqlite3_open (no_tiles, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT);");
  sqlite3_close (db);
  assert_open_fails (no_tiles, CHRONOMAP_ERROR_MISSING_TABLE, "tiles");

  g_assert_cmpint (sqlite3_open (bad_columns, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                "CREATE TABLE tiles (z INTEGER, x INTEGER, y INTEGER, image BLOB);");
  sqlite3_close (db);
  assert_open_fails (bad_columns, CHRONOMAP_ERROR_MISSING_COLUMN, "tile_data");

  assert_open_fails (webm, CHRONOMAP_ERROR_UNSUPPORTED, "webm");
}

/* Worker threads of the map share one reader. */
static gpointer
read_tiles_thread (gpointer user_data)
{
  ChronomapMbtiles *mb = user_data;

  for (int i = 0; i < 200; i++)
    {
      g_autoptr(GBytes) tile = chronomap_mbtiles_get_tile (mb, 1, i % 2, i % 2, NULL);

      g_assert_nonnull (tile);
    }
  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_mbtiles (f, "shared.mbtiles", full_metadata, TRUE);
  g_autoptr(ChronomapMbtiles) mb = chronomap_mbtiles_open (path, &error);
  GThread *threads[4];

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("reader", read_tiles_thread, mb);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/chronomap/mbtiles/read-back", Fixture, NULL,
              fixture_set_up, test_read_back, fixture_tear_down);
  g_test_add ("/chronomap/mbtiles/sparse-metadata", Fixture, NULL,
              fixture_set_up, test_sparse_metadata, fixture_tear_down);
  g_test_add ("/chronomap/mbtiles/sniff-jpeg", Fixture, NULL,
              fixture_set_up, test_sniff_jpeg, fixture_tear_down);
  g_test_add ("/chronomap/mbtiles/vector-tiles", Fixture, NULL,
              fixture_set_up, test_vector_tiles, fixture_tear_down);
  g_test_add ("/chronomap/mbtiles/broken-files", Fixture, NULL,
              fixture_set_up, test_broken_files, fixture_tear_down);
  g_test_add ("/chronomap/mbtiles/threads", Fixture, NULL,
              fixture_set_up, test_threads, fixture_tear_down);

  return g_test_run ();
}
