/* test-basemap-view.c: the offline basemap in a real map widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first frames of a map with no network at all must be a fully drawn
 * map: checked on the pixels of a snapshot of the widget, not on return
 * values.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <shumate/shumate.h>
#include <sqlite3.h>
#include <string.h>

#include "chronomap-error.h"
#include "chronomap-map-sources.h"

#define WIDTH 640
#define HEIGHT 480

typedef struct
{
  GtkWidget        *window;
  ShumateSimpleMap *simple_map;
  ShumateMap       *map;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShumateMapSource) source = chronomap_map_source_new_offline (dark, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), WIDTH, HEIGHT);
  f->simple_map = shumate_simple_map_new ();
  shumate_simple_map_set_map_source (f->simple_map, source);
  f->map = shumate_simple_map_get_map (f->simple_map);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->simple_map));

  /* Syria and its neighbours, as an analyst opens the app. */
  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (f->simple_map), 6);
  shumate_map_center_on (f->map, 35.0, 38.0);

  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *window = g_steal_pointer (&f->window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Snapshots the map widget (without the window's background, so any area
 * no tile covers stays transparent) and downloads its pixels. */
static GdkTexture *
snapshot_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  if (w <= 0 || h <= 0)
    return NULL;
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

typedef struct
{
  guchar *data;
  int     width;
  int     height;
  gsize   stride;
} Pixels;

static void
pixels_clear (Pixels *p)
{
  g_clear_pointer (&p->data, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pixels, pixels_clear)

static void
download (GdkTexture *texture,
          Pixels     *p)
{
  p->width = gdk_texture_get_width (texture);
  p->height = gdk_texture_get_height (texture);
  p->stride = p->width * 4;
  p->data = g_malloc (p->stride * p->height);
  /* GDK_MEMORY_DEFAULT: B, G, R, A premultiplied on little-endian */
  gdk_texture_download (texture, p->data, p->stride);
}

static const guchar *
pixel_at (const Pixels *p,
          int           x,
          int           y)
{
  return p->data + y * p->stride + x * 4;
}

/* Share of the map's pixels that no tile has drawn.  libshumate 1.0 places
 * tiles at fractional offsets, so where two tiles meet, one pixel line is
 * only partly covered by each (alpha about 0.7); such seams are tolerated,
 * anything wider, or more transparent, counts as undrawn. */
static double
unfilled_share (const Pixels *p)
{
  guint unfilled = 0;

  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      {
        gboolean hole = pixel_at (p, x, y)[3] < 128;

        if (!hole && pixel_at (p, x, y)[3] != 0xff && x + 1 < p->width && y + 1 < p->height)
          hole = pixel_at (p, x + 1, y)[3] != 0xff && pixel_at (p, x, y + 1)[3] != 0xff &&
                 pixel_at (p, x + 1, y + 1)[3] != 0xff;
        if (hole)
          unfilled++;
      }
  return unfilled / (double) (p->width * p->height);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the map is fully drawn, or 30 s pass. */
static GdkTexture *
wait_for_full_map (Fixture *f)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (30, timeout_cb, &timed_out);
  GdkTexture *texture = NULL;
  g_autoptr(GdkTexture) last = NULL;
  double last_share = 1.0;

  while (!timed_out)
    {
      g_autoptr(GdkTexture) shot = NULL;

      g_main_context_iteration (NULL, TRUE);
      shot = snapshot_widget (GTK_WIDGET (f->map));
      if (shot != NULL)
        {
          g_auto(Pixels) p = { 0, };

          download (shot, &p);
          last_share = unfilled_share (&p);
          if (p.width >= WIDTH / 2 && last_share == 0.0)
            {
              texture = g_steal_pointer (&shot);
              break;
            }
          g_set_object (&last, shot);
        }
    }
  if (!timed_out)
    g_source_remove (timeout_id);
  else
    {
      g_test_message ("after 30 s, %.1f%% of the map is still not drawn", last_share * 100);
      if (last != NULL)
        gdk_texture_save_to_png (last, "basemap-view-timeout.png");
    }

  return texture;
}

static void
assert_color_at (Fixture      *f,
                 const Pixels *p,
                 double        lat,
                 double        lon,
                 const Pixels *reference,
                 int           rx,
                 int           ry,
                 const char   *what)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (f->simple_map);
  double x, y;
  const guchar *a, *b;
  int distance;
  guint n = 0, n_match = 0;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (f->map), lat, lon, &x, &y);
  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (x, <, p->width);
  g_assert_cmpfloat (y, <, p->height);
  /* The 5×5 pixels around the place, leaving out tile seams, mostly match:
   * a river or a border may cross one of them. */
  b = pixel_at (reference, rx, ry);
  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        int px = CLAMP ((int) x + dx, 0, p->width - 1), py = CLAMP ((int) y + dy, 0, p->height - 1);

        a = pixel_at (p, px, py);
        if (a[3] != 0xff)
          continue;
        n++;
        distance = ABS (a[0] - b[0]) + ABS (a[1] - b[1]) + ABS (a[2] - b[2]);
        if (distance < 24)
          n_match++;
      }
  a = pixel_at (p, (int) x, (int) y);
  g_test_message ("%s at %d,%d: %02x%02x%02x, expected about %02x%02x%02x; %u of %u match",
                  what, (int) x, (int) y, a[2], a[1], a[0], b[2], b[1], b[0], n_match, n);
  g_assert_cmpuint (n, >, 12);
  g_assert_cmpuint (n_match * 2, >, n);
}

static void
test_first_frame (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = wait_for_full_map (f);
  g_auto(Pixels) p = { 0, };
  ShumateViewport *viewport = shumate_simple_map_get_viewport (f->simple_map);
  double sx, sy, lx, ly;

  g_assert_nonnull (texture);
  download (texture, &p);
  g_assert_cmpfloat (unfilled_share (&p), ==, 0.0);

  if (g_getenv ("CHRONOMAP_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("basemap-view-%s.png",
                                               GPOINTER_TO_INT (data) ? "dark" : "light");
      gdk_texture_save_to_png (texture, name);
    }

  /* Reference pixels: open sea west of Cyprus, and inland Syrian desert
   * east of Palmyra, read from the same frame. */
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (f->map), 34.3, 32.3, &sx, &sy);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (f->map), 34.3, 39.5, &lx, &ly);

  /* Sea and land differ. */
  {
    const guchar *s = pixel_at (&p, (int) sx, (int) sy), *l = pixel_at (&p, (int) lx, (int) ly);

    g_assert_cmpint (ABS (s[0] - l[0]) + ABS (s[1] - l[1]) + ABS (s[2] - l[2]), >, 20);
  }
  /* The Mediterranean off Beirut is sea; Homs's plain and the Jazira land. */
  assert_color_at (f, &p, 33.95, 35.0, &p, (int) sx, (int) sy, "sea off Beirut");
  assert_color_at (f, &p, 36.6, 40.0, &p, (int) lx, (int) ly, "land in the Jazira");
  assert_color_at (f, &p, 33.0, 38.0, &p, (int) lx, (int) ly, "land in the Syrian desert");
}

static void
test_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShumateMapSource) offline = chronomap_map_source_new_for_key ("offline", TRUE, &error);
  g_autoptr(ShumateMapSource) online = NULL;
  g_autoptr(ShumateMapSource) missing = NULL;
  g_autofree char *key = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sources-XXXXXX", NULL);
  g_autofree char *bogus = g_build_filename (dir, "bogus.mbtiles", NULL);
  g_autofree char *bogus_key = g_strconcat ("mbtiles:", bogus, NULL);

  g_assert_no_error (error);
  g_assert_true (chronomap_map_source_is_offline (offline));
  g_assert_cmpstr (shumate_map_source_get_license (offline), !=, "");
  key = chronomap_map_source_dup_key (offline);
  g_assert_cmpstr (key, ==, "offline");

  /* Online sources are made but fetch nothing until shown. */
  for (const char * const *id = chronomap_map_source_get_online_ids (); *id != NULL; id++)
    {
      g_autoptr(ShumateMapSource) source = chronomap_map_source_new_online (*id, &error);
      g_autofree char *source_key = NULL;

      g_assert_no_error (error);
      g_assert_false (chronomap_map_source_is_offline (source));
      /* each online map shows its licence */
      g_assert_nonnull (shumate_map_source_get_license (source));
      g_assert_cmpstr (shumate_map_source_get_license (source), !=, "");
      source_key = chronomap_map_source_dup_key (source);
      g_assert_cmpstr (source_key, ==, *id);
    }

  online = chronomap_map_source_new_online ("no-such-map", &error);
  g_assert_null (online);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A broken MBTiles file fails cleanly, and the caller keeps its source. */
  g_assert_true (g_file_set_contents (bogus, "not a database, not at all, no tables here", -1,
                                      NULL));
  missing = chronomap_map_source_new_for_key (bogus_key, FALSE, &error);
  g_assert_null (missing);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  /* Without its data the offline basemap says so instead of drawing grey. */
  g_setenv ("CHRONOMAP_DATA_DIR", dir, TRUE);
  missing = chronomap_map_source_new_offline (FALSE, &error);
  g_unsetenv ("CHRONOMAP_DATA_DIR");
  g_assert_null (missing);
  g_assert_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND);

  g_unlink (bogus);
  g_rmdir (dir);
}

/* The offline basemap follows the desktop's dark style; a source the user
 * chose (online, MBTiles) is left alone. */
static void
test_follow_style (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  ShumateSimpleMap *map = g_object_ref_sink (shumate_simple_map_new ());
  g_autoptr(ShumateMapSource) online = NULL;
  g_autoptr(GError) error = NULL;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  chronomap_map_source_follow_style (map, G_OBJECT (manager));
  g_assert_true (chronomap_map_source_is_offline (shumate_simple_map_get_map_source (map)));
  g_assert_cmpstr (shumate_map_source_get_id (shumate_simple_map_get_map_source (map)), ==,
                   "chronomap-offline-light");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpstr (shumate_map_source_get_id (shumate_simple_map_get_map_source (map)), ==,
                   "chronomap-offline-dark");

  online = chronomap_map_source_new_online (SHUMATE_MAP_SOURCE_OSM_MAPNIK, &error);
  g_assert_no_error (error);
  shumate_simple_map_set_map_source (map, online);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (shumate_simple_map_get_map_source (map) == online);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  g_object_unref (map);
}

typedef struct
{
  GBytes *bytes;
  guint   received;
  gboolean done;
} TileResult;

static void
received_data_cb (ShumateDataSource *source,
                  int                x,
                  int                y,
                  int                zoom,
                  GBytes            *bytes,
                  TileResult        *result)
{
  result->received++;
}

static void
tile_data_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  TileResult *result = user_data;
  g_autoptr(GError) error = NULL;

  result->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), res,
                                                            &error);
  g_assert_no_error (error);
  result->done = TRUE;
}

static GBytes *
fetch_tile (ShumateDataSource *source,
            int                zoom,
            int                x,
            int                y)
{
  TileResult result = { 0, };
  gulong id = g_signal_connect (source, "received-data", G_CALLBACK (received_data_cb), &result);

  shumate_data_source_get_tile_data_async (source, x, y, zoom, NULL, tile_data_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (source, id);
  /* libshumate 1.0's raster renderer takes the image from this signal */
  g_assert_cmpuint (result.received, ==, 1);
  return result.bytes;
}

static gboolean
is_png (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return len > 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0;
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
red_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png_cb, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

/* An MBTiles export of one region as a map source: named and credited from
 * its metadata (HTML stripped), limited to its zooms, its own tiles where
 * it has them and the offline basemap elsewhere. */
static void
test_mbtiles_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mbtiles-source-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "region.mbtiles", NULL);
  g_autoptr(GBytes) red = red_png ();
  g_autoptr(ShumateMapSource) source = NULL;
  g_autoptr(ShumateDataSource) data_source = NULL;
  g_autoptr(GBytes) own = NULL;
  g_autoptr(GBytes) filled = NULL;
  g_autofree char *key = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE metadata (name TEXT, value TEXT);"
                                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                                 "                    tile_row INTEGER, tile_data BLOB);"
                                 "INSERT INTO metadata VALUES ('name', 'Region'), ('format', 'png'),"
                                 " ('minzoom', '1'), ('maxzoom', '9'), ('attribution',"
                                 " '<a href=\"https://example.org\">&copy; Example</a>');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (1, 0, 1, ?)", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (red, NULL), (int) g_bytes_get_size (red),
                     SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  source = chronomap_map_source_new_mbtiles (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shumate_map_source_get_name (source), ==, "Region");
  g_assert_cmpstr (shumate_map_source_get_license (source), ==, "© Example");
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (source), ==, 1);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (source), ==, 9);
  key = chronomap_map_source_dup_key (source);
  g_assert_true (g_str_has_prefix (key, "mbtiles:"));
  g_assert_true (g_str_has_suffix (key, "region.mbtiles"));

  g_object_get (source, "data-source", &data_source, NULL);
  own = fetch_tile (data_source, 1, 0, 0);
  g_assert_true (g_bytes_equal (own, red));
  filled = fetch_tile (data_source, 1, 1, 1);
  g_assert_true (is_png (filled));
  g_assert_cmpuint (g_bytes_get_size (filled), >, 1000);

  g_unlink (path);
  g_rmdir (dir);
}

static guint32
png_width (GBytes *png)
{
  const guint8 *d = g_bytes_get_data (png, NULL);

  g_assert_true (is_png (png));
  return (guint32) d[16] << 24 | (guint32) d[17] << 16 | (guint32) d[18] << 8 | d[19];
}

/* Sharp on HiDPI screens: at scale factor 2 the offline source draws
 * 512-pixel images for its 256-pixel tiles, and caches them apart. */
static void
test_hidpi (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShumateMapSource) normal = chronomap_map_source_new_offline (FALSE, &error);
  g_autoptr(ShumateMapSource) sharp = chronomap_map_source_new_offline_for_scale (FALSE, 2, &error);
  g_autoptr(ShumateDataSource) normal_data = NULL;
  g_autoptr(ShumateDataSource) sharp_data = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (shumate_map_source_get_tile_size (sharp), ==, 256);
  g_assert_cmpstr (shumate_map_source_get_id (normal), !=, shumate_map_source_get_id (sharp));
  g_assert_true (chronomap_map_source_is_offline (sharp));

  g_object_get (normal, "data-source", &normal_data, NULL);
  g_object_get (sharp, "data-source", &sharp_data, NULL);
  a = fetch_tile (normal_data, 5, 19, 12);
  b = fetch_tile (sharp_data, 5, 19, 12);
  g_assert_cmpuint (png_width (a), ==, 256);
  g_assert_cmpuint (png_width (b), ==, 512);

  /* the second time from the cache, the same bytes */
  again = fetch_tile (normal_data, 5, 19, 12);
  g_assert_true (g_bytes_equal (a, again));
}

static void
fell_back_cb (ChronomapFallbackSource *source,
              const char              *message,
              guint                   *count)
{
  g_assert_nonnull (message);
  (*count)++;
}

/* An online map whose server cannot be reached (here a closed local port,
 * as with no network) gives the offline map's tiles instead of none, and
 * says so once; the online sources of the menu are made so. */
static void
test_online_fallback (void)
{
  g_autoptr(ShumateTileDownloader) unreachable =
    shumate_tile_downloader_new ("http://127.0.0.1:9/{z}/{x}/{y}.png");
  g_autoptr(ChronomapFallbackSource) source =
    chronomap_fallback_source_new (SHUMATE_DATA_SOURCE (unreachable));
  g_autoptr(ShumateMapSource) online = NULL;
  g_autoptr(GError) error = NULL;
  guint fell_back = 0;

  g_signal_connect (source, "fell-back", G_CALLBACK (fell_back_cb), &fell_back);
  g_assert_false (chronomap_fallback_source_get_fell_back (source));
  for (int x = 0; x < 2; x++)
    {
      g_autoptr(GBytes) tile = fetch_tile (SHUMATE_DATA_SOURCE (source), 1, x, 0);

      g_assert_nonnull (tile);
      g_assert_true (is_png (tile));
    }
  g_assert_true (chronomap_fallback_source_get_fell_back (source));
  g_assert_cmpuint (fell_back, ==, 1);

  online = chronomap_map_source_new_online (SHUMATE_MAP_SOURCE_OSM_MAPNIK, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chronomap_map_source_get_fallback (online));
  g_assert_cmpstr (shumate_map_source_get_id (online), ==, SHUMATE_MAP_SOURCE_OSM_MAPNIK);
}

int
main (int   argc,
      char *argv[])
{
  /* build-aux/test runs this under Xvfb; a bare `meson test` on a machine
   * with no display reports it skipped rather than crashing in GTK. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/chronomap/basemap-view/first-frame-light", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_first_frame, fixture_tear_down);
  g_test_add ("/chronomap/basemap-view/first-frame-dark", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_first_frame, fixture_tear_down);
  g_test_add_func ("/chronomap/basemap-view/sources", test_sources);
  g_test_add_func ("/chronomap/basemap-view/follow-style", test_follow_style);
  g_test_add_func ("/chronomap/basemap-view/mbtiles-source", test_mbtiles_source);
  g_test_add_func ("/chronomap/basemap-view/online-fallback", test_online_fallback);
  g_test_add_func ("/chronomap/basemap-view/hidpi", test_hidpi);

  return g_test_run ();
}
