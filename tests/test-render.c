/* test-render.c: `chronomap-cli render`, checked by its pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "chronomap-basemap.h"
#include "chronomap-database.h"
#include "chronomap-label-glides.h"
#include "chronomap-render-view.h"
#include "chronomap-render-test-utils.h"
#include "chronomap-test-utils.h"

#define WIDTH CHRONOMAP_RENDER_TEST_WIDTH
#define HEIGHT CHRONOMAP_RENDER_TEST_HEIGHT


static int
run_render (const char *db,
            const char *out)
{
  const char *cli = g_getenv ("CHRONOMAP_CLI");
  const char *argv[] = { cli, "render", "--bbox", "35,32,38,37", "--size", "800x450",
                         "--from", "2023-01-01", "--to", "2023-12-31", db, out, NULL };
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out_text, &err_text, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 0)
    {
      g_autofree char *expected = g_strdup_printf ("Drew 3 events to %s\n", out);

      g_assert_cmpstr (out_text, ==, expected);
    }
  return WEXITSTATUS (status);
}



static gboolean
has_dark_pixel (cairo_surface_t *surface,
                int              x0,
                int              y0,
                int              x1,
                int              y1)
{
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        double rgb[3];

        chronomap_render_test_pixel (surface, x, y, rgb);
        if (rgb[0] < 0.3 && rgb[1] < 0.3 && rgb[2] < 0.3)
          return TRUE;
      }
  return FALSE;
}

/* A picture fitted to events at one town shows the region around it, as
 * the app's map does: Ariha with the coast 60 km west of it, not a blank
 * field 50 km wide. */
static void
test_fit_region (void)
{
  g_autofree char *sql = g_strdup_printf ("%sINSERT INTO events (date_start, event_type, location, "
                                          "latitude, longitude) VALUES ('2023-01-31', 'Battles', "
                                          "'Ariha', 35.8126, 36.6096);",
                                          chronomap_database_get_schema_sql ());
  g_autofree char *db = chronomap_test_make_db ("one-town.sqlite", sql);
  g_autofree char *out = chronomap_test_tmp_path ("one-town.png");
  cairo_surface_t *surface;
  double west[3], middle[3];

  g_assert_cmpint (chronomap_render_test_run_cli (db, out, NULL, NULL, "--size", "800x450", NULL), ==, 0);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  /* the Mediterranean west of Latakia, blue-grey (not Cyprus, whose tip
   * shows at the left edge); land in the middle */
  chronomap_render_test_pixel (surface, 180, 380, west);
  chronomap_render_test_pixel (surface, 400, 300, middle);
  g_test_message ("west %.2f %.2f %.2f, middle %.2f %.2f %.2f", west[0], west[1], west[2],
                  middle[0], middle[1], middle[2]);
  g_assert_cmpfloat (west[2], >, west[0] + 0.03);
  g_assert_cmpfloat (middle[0], >, middle[2]);
  cairo_surface_destroy (surface);
}


static void
test_png (void)
{
  g_autofree char *db = chronomap_render_test_make_db ();
  g_autofree char *out = chronomap_test_tmp_path ("map.png");
  cairo_surface_t *surface;
  double x, y, rgb[3];

  g_assert_cmpint (run_render (db, out), ==, 0);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, HEIGHT);

  /* SYR90001 at Ariha, a battle, and SYR90002 at Idleb, 13 km away:
   * one mark, as the map draws them at this zoom, a pie of red and of
   * the yellow explosions have in every file whatever their rank
   * (chronomap_render_assign_colors()), between the two towns */
  {
    double ax, ay, ix, iy;
    gboolean red = FALSE, yellow = FALSE;

    chronomap_render_test_project (35.8126, 36.6096, &ax, &ay);
    chronomap_render_test_project (35.9306, 36.6339, &ix, &iy);
    x = (ax + ix) / 2;
    y = (ay + iy) / 2;
    for (int dy = -8; dy <= 8; dy++)
      for (int dx = -8; dx <= 8; dx++)
        {
          chronomap_render_test_pixel (surface, (int) round (x) + dx, (int) round (y) + dy, rgb);
          red |= rgb[0] > 0.7 && rgb[1] < 0.35 && rgb[2] < 0.35;
          yellow |= rgb[0] > 0.7 && rgb[1] > 0.6 && rgb[2] < 0.45;
        }
    g_assert_true (red);
    g_assert_true (yellow);
    /* one disc of two events round the middle, wider than two of one
     * each: eight pixels to either side of it (the towns are one above
     * the other), its colours, not the land's */
    for (int side = -1; side <= 1; side += 2)
      {
        chronomap_render_test_pixel (surface, (int) round (x) + 8 * side, (int) round (y), rgb);
        g_test_message ("8 px %s of the middle: %.2f %.2f %.2f", side < 0 ? "left" : "right", rgb[0], rgb[1],
                        rgb[2]);
        g_assert_cmpfloat (rgb[2], <, 0.45);
        g_assert_cmpfloat (rgb[0], >, 0.7);
      }
  }

  /* The caption top left and the attribution bottom right are text. */
  g_assert_true (has_dark_pixel (surface, 8, 8, 300, 40));
  g_assert_true (has_dark_pixel (surface, WIDTH - 250, HEIGHT - 30, WIDTH - 4, HEIGHT - 4));
  /* The legend's first swatch, top right, is the battles' red. */
  {
    gboolean found = FALSE;

    for (int yy = 8; yy < 40 && !found; yy++)
      for (int xx = WIDTH - 300; xx < WIDTH - 8 && !found; xx++)
        {
          chronomap_render_test_pixel (surface, xx, yy, rgb);
          found = rgb[0] > 0.8 && rgb[1] < 0.2 && rgb[2] < 0.2;
        }
    g_assert_true (found);
  }
  cairo_surface_destroy (surface);
}

/* A file whose events of the period are none of them placed (a place
 * the gazetteers lack, not geocoded) draws the map and its caption, with
 * none on it: nothing to cluster is no crash. */
static void
test_none_placed (void)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (),
    "INSERT INTO events (date_start, event_type, location, country) VALUES "
    "('2023-05-01', 'Battles', 'Qwxzq camp', 'SY'), ('2023-05-02', 'Protests', 'Zzqxw farm', 'SY');",
    NULL);
  g_autofree char *db = chronomap_test_make_db ("none-placed.sqlite", sql);
  g_autofree char *out = chronomap_test_tmp_path ("none-placed.png");
  const char *argv[] = { g_getenv ("CHRONOMAP_CLI"), "render", "--no-geocode", "--size", "800x450", db, out,
                         NULL };
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out_text, &err_text,
                               &status, &error));
  g_assert_no_error (error);
  g_test_message ("out: %s err: %s", out_text, err_text);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_svg_pdf (void)
{
  g_autofree char *db = chronomap_render_test_make_db ();
  g_autofree char *svg = chronomap_test_tmp_path ("map.svg");
  g_autofree char *pdf = chronomap_test_tmp_path ("map.pdf");
  g_autofree char *bad = chronomap_test_tmp_path ("map.bmp");
  g_autofree char *contents = NULL;

  g_assert_cmpint (run_render (db, svg), ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run_render (db, pdf), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_assert_cmpint (run_render (db, bad), ==, 2);
}

/* A type of the common taxonomy has one colour in every file, whatever
 * its rank there: the sample's explosions must not be yellow in one
 * file and blue in the next.  Other types take the colours left. */
static void
test_colors (void)
{
  const char *a[] = { "Battles", "Strategic developments", "Explosions/Remote violence" };
  const char *b[] = { "Explosions/Remote violence", "Battles", "Arson", "strategic developments" };
  const char *many[] = { "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10" };
  guint ca[G_N_ELEMENTS (a)], cb[G_N_ELEMENTS (b)], cm[G_N_ELEMENTS (many)];

  chronomap_render_assign_colors (a, G_N_ELEMENTS (a), ca);
  chronomap_render_assign_colors (b, G_N_ELEMENTS (b), cb);
  g_assert_cmpuint (ca[0], ==, cb[1]);   /* battles */
  g_assert_cmpuint (ca[1], ==, cb[3]);   /* strategic developments, any case */
  g_assert_cmpuint (ca[2], ==, cb[0]);   /* explosions */
  /* Arson gets a colour no other type of the file has */
  for (guint i = 0; i < G_N_ELEMENTS (b); i++)
    if (i != 2)
      g_assert_cmpuint (cb[2], !=, cb[i]);
  g_assert_cmpuint (cb[2], <, CHRONOMAP_RENDER_N_SLOTS - 1);

  /* past the palette, the rest share the grey of "Other" */
  chronomap_render_assign_colors (many, G_N_ELEMENTS (many), cm);
  for (guint i = 0; i < CHRONOMAP_RENDER_N_SLOTS - 1; i++)
    g_assert_cmpuint (cm[i], ==, i);
  g_assert_cmpuint (cm[CHRONOMAP_RENDER_N_SLOTS - 1], ==, CHRONOMAP_RENDER_N_SLOTS - 1);
  g_assert_cmpuint (cm[G_N_ELEMENTS (many) - 1], ==, CHRONOMAP_RENDER_N_SLOTS - 1);
}

/* One end of the window given past the data's other end draws that
 * date's empty map: the user did not write the other end. */
static void
test_open_window (void)
{
  g_autofree char *db = chronomap_render_test_make_db ();
  g_autofree char *out = chronomap_test_tmp_path ("after.png");
  const char *cli = g_getenv ("CHRONOMAP_CLI");
  const char *argv[] = { cli, "render", "--size", "400x300", "--from", "2030", db, out, NULL };
  g_autofree char *out_text = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out_text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_str_has_prefix (out_text, "Drew 0 events to "));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
}

/* The credit line names the data set by its credit, its title, or the
 * name of its file: never the folders the file lies in, which a
 * published image must not give away. */
static void
test_attribution (void)
{
  g_autofree char *db_path = chronomap_render_test_make_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = chronomap_event_store_load (db_path, CHRONOMAP_LOAD_DEFAULT,
                                                                     NULL, &error);
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autofree char *line = NULL;
  g_autofree char *titled = NULL;
  g_autofree char *more = NULL;

  g_assert_no_error (error);
  line = chronomap_render_attribution (store, NULL);
  g_assert_true (g_str_has_prefix (line, "render.sqlite · "));
  g_assert_null (strchr (line, '/'));
  g_assert_nonnull (strstr (line, chronomap_basemap_get_attribution ()));
  g_clear_object (&store);

  db = chronomap_database_open (db_path, CHRONOMAP_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (chronomap_database_set_metadata (db, "title", "Idlib, early 2023", &error));
  g_clear_object (&db);
  store = chronomap_event_store_load (db_path, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  titled = chronomap_render_attribution (store, NULL);
  g_assert_true (g_str_has_prefix (titled, "Idlib, early 2023 · "));
  g_assert_true (g_str_has_suffix (titled, chronomap_basemap_get_attribution ()));
  /* the analyst's gazetteers that placed events come last */
  more = chronomap_render_attribution (store, "Places: wof-sy");
  g_assert_true (g_str_has_prefix (more, titled));
  g_assert_true (g_str_has_suffix (more, " · Places: wof-sy"));
}

/* An area given to draw counts only the events in it: the caption's "N
 * events on the map" and the legend say what the image shows. */
static void
test_bbox_counts (void)
{
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autoptr(ChronomapEventStore) store = chronomap_render_test_load (&basemap);
  ChronomapRenderView view = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (surface);
  guint n_drawn = G_MAXUINT;

  view.from = chronomap_date_from_ymd (2023, 1, 1);
  view.to = chronomap_date_from_ymd (2023, 12, 31);
  view.width = 400;
  view.height = 300;
  view.have_bbox = TRUE;
  /* Idlib governorate: all three */
  view.bbox[0] = 35, view.bbox[1] = 32, view.bbox[2] = 38, view.bbox[3] = 37;
  g_assert_true (chronomap_render_view_draw (store, basemap, &view, cr, &n_drawn));
  g_assert_cmpuint (n_drawn, ==, 3);
  /* the sea off Ghana: none */
  view.bbox[0] = 0, view.bbox[1] = 0, view.bbox[2] = 1, view.bbox[3] = 1;
  g_assert_true (chronomap_render_view_draw (store, basemap, &view, cr, &n_drawn));
  g_assert_cmpuint (n_drawn, ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* In a narrow image the legend goes under the caption rather than over
 * its dates, and the caption shrinks to stay whole. */
static void
test_narrow_legend (void)
{
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autoptr(ChronomapEventStore) store = chronomap_render_test_load (&basemap);
  ChronomapRenderView view = { 0 };
  const int widths[] = { 1600, 480, 420 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, widths[w], 400);
      cairo_t *cr = cairo_create (surface);
      int swatch_y = -1;

      view.from = chronomap_date_from_ymd (2023, 1, 1);
      view.to = chronomap_date_from_ymd (2023, 12, 31);
      view.width = widths[w];
      view.height = 400;
      /* fitted to the events: their marks are in the middle, far below
       * the top band searched */
      g_assert_true (chronomap_render_view_draw (store, basemap, &view, cr, NULL));
      cairo_surface_flush (surface);
      /* the first swatch, the battles' red, in the top right corner */
      for (int y = 8; y < 150 && swatch_y < 0; y++)
        for (int x = widths[w] - 400; x < widths[w] - 8 && swatch_y < 0; x++)
          {
            double rgb[3];

            chronomap_render_test_pixel (surface, x, y, rgb);
            if (rgb[0] > 0.8 && rgb[1] < 0.2 && rgb[2] < 0.2)
              swatch_y = y;
          }
      g_assert_cmpint (swatch_y, >=, 0);
      /* beside the caption (its band ends 38 px down) when there is room,
       * under it when not */
      if (w == 0)
        g_assert_cmpint (swatch_y, <, 38);
      else
        g_assert_cmpint (swatch_y, >, 38);
      /* the caption whole, smaller if need be: no letter of it in the
       * margin at the right edge */
      {
        guint dark = 0;

        for (int y = 16; y < 38; y++)
          for (int x = widths[w] - 16; x < widths[w]; x++)
            {
              double rgb[3];

              chronomap_render_test_pixel (surface, x, y, rgb);
              dark += rgb[0] < 0.3 && rgb[1] < 0.3 && rgb[2] < 0.3;
            }
        g_test_message ("%d px wide: %u dark pixels at the caption's right", widths[w], dark);
        g_assert_cmpuint (dark, ==, 0);
      }
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* Events at one place are one disc with their number in it, as the map's
 * clusters: not a disc of whichever came last hiding the others.  The
 * disc is a pie of their types: two thirds the battles' red, clockwise
 * from the top, and a third the protests'. */
static void
test_stacked (void)
{
  g_autofree char *sql = g_strconcat (chronomap_database_get_schema_sql (),
    "INSERT INTO events (date_start, event_type, location, latitude, longitude) VALUES "
    "('2023-05-01', 'Battles', 'Here', 34.5, 36.5), ('2023-05-02', 'Battles', 'Here', 34.5, 36.5), "
    "('2023-05-03', 'Protests', 'Here', 34.5, 36.5);",
    NULL);
  g_autofree char *db = chronomap_test_make_db ("stacked.sqlite", sql);
  g_autofree char *out = chronomap_test_tmp_path ("stacked.png");
  cairo_surface_t *surface;
  double x, y, rgb[3];
  gboolean white = FALSE;

  g_assert_cmpint (run_render (db, out), ==, 0);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  chronomap_render_test_project (34.5, 36.5, &x, &y);
  for (int dy = -4; dy <= 4 && !white; dy++)
    for (int dx = -4; dx <= 4 && !white; dx++)
      {
        chronomap_render_test_pixel (surface, (int) round (x) + dx, (int) round (y) + dy, rgb);
        white = rgb[0] > 0.9 && rgb[1] > 0.9 && rgb[2] > 0.9;
      }
  g_assert_true (white);
  chronomap_render_test_pixel (surface, (int) round (x) + 8, (int) round (y), rgb);
  g_assert_cmpfloat (rgb[0], >, 0.7);
  g_assert_cmpfloat (rgb[1], <, 0.35);
  /* at ten past eight on a clock face: the protests' slice */
  chronomap_render_test_pixel (surface, (int) round (x - 8 * cos (G_PI / 6)), (int) round (y - 8 * sin (G_PI / 6)),
                               rgb);
  g_test_message ("the protests' slice: %.2f %.2f %.2f", rgb[0], rgb[1], rgb[2]);
  g_assert_false (rgb[0] > 0.7 && rgb[1] < 0.35 && rgb[2] < 0.35);
  g_assert_cmpfloat (fabs (rgb[0] - rgb[1]) + fabs (rgb[1] - rgb[2]), >, 0.3);
  cairo_surface_destroy (surface);
}

/* The labels of the view chronomap_render_test_project() describes, and
 * what takes a point of it back to the sphere. */
typedef struct
{
  double origin_x;
  double origin_y;
  double scale;
} TestView;

static GArray *
test_view_labels (ChronomapBasemap *basemap,
                  TestView         *view)
{
  double x0, y0, x1, y1, zoom;

  chronomap_basemap_lat_lon_to_world (37, 35, 0, &x0, &y0);
  chronomap_basemap_lat_lon_to_world (32, 38, 0, &x1, &y1);
  zoom = log2 (MIN (WIDTH / (x1 - x0), HEIGHT / (y1 - y0)));
  view->scale = exp2 (zoom);
  view->origin_x = (x0 + x1) / 2 * view->scale - WIDTH / 2.0;
  view->origin_y = (y0 + y1) / 2 * view->scale - HEIGHT / 2.0;
  return chronomap_basemap_get_labels (basemap, zoom, view->origin_x, view->origin_y, WIDTH,
                                       HEIGHT);
}

/* From the view back to the sphere (Web Mercator, world of 256 at 0). */
static void
test_view_to_lat_lon (const TestView *view,
                      double          x,
                      double          y,
                      double         *lat,
                      double         *lon)
{
  double wx = (x + view->origin_x) / view->scale;
  double wy = (y + view->origin_y) / view->scale;

  *lon = wx / 256 * 360 - 180;
  *lat = atan (sinh (G_PI * (1 - 2 * wy / 256))) * 180 / G_PI;
}

/* A town's label well inside the view (named on the right of its dot,
 * with room for a disc there, if @on_right). */
static const ChronomapBasemapLabel *
test_view_middle_town (GArray   *labels,
                       gboolean  on_right)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const ChronomapBasemapLabel *l = &g_array_index (labels, ChronomapBasemapLabel, i);

      if (on_right && (l->name_x < l->dot_x || fabs (l->name_y + l->name_height / 2 - l->dot_y) > 2 ||
                       l->x + l->width > WIDTH - 150))
        continue;
      if (l->town && l->name_width > 30 && l->x > 100 && l->x + l->width < WIDTH - 100 &&
          l->y > 50 && l->y + l->height < HEIGHT - 100)
        return l;
    }
  g_error ("no town's label in the middle of the view");
  return NULL;
}

/* A town's name is drawn over the events there, as the app's map does: an
 * event put on the middle of a label's box leaves the name's dark grey
 * letters visible over its red disc. */
static void
test_label_over_event (void)
{
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (NULL);
  g_autoptr(GArray) labels = NULL;
  const ChronomapBasemapLabel *target = NULL;
  TestView view;
  double cx, cy, lat, lon;
  g_autofree char *sql = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = chronomap_test_tmp_path ("label.png");
  g_autofree char *out_text = NULL;
  g_autofree char *expected = NULL;
  cairo_surface_t *surface;
  guint grey = 0, red = 0;

  g_assert_nonnull (basemap);
  labels = test_view_labels (basemap, &view);
  target = test_view_middle_town (labels, FALSE);
  cx = target->x + target->width / 2;
  cy = target->y + target->height / 2;
  test_view_to_lat_lon (&view, cx, cy, &lat, &lon);
  g_test_message ("an event on the label of %s, at %.4f, %.4f", target->name, lat, lon);
  sql = g_strdup_printf ("%sINSERT INTO events (date_start, event_type, location, latitude, longitude) "
                         "VALUES ('2023-05-01', 'Battles', 'Here', %.6f, %.6f);",
                         chronomap_database_get_schema_sql (), lat, lon);
  db = chronomap_test_make_db ("label.sqlite", sql);
  g_assert_cmpint (chronomap_render_test_run_cli (db, out, &out_text, NULL, "--bbox", "35,32,38,37",
                                                  "--size", "800x450", "--from", "2023-01-01",
                                                  "--to", "2023-12-31", NULL),
                   ==, 0);
  expected = g_strdup_printf ("Drew 1 event to %s\n", out);
  g_assert_cmpstr (out_text, ==, expected);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  for (int y = (int) cy - 5; y <= (int) cy + 5; y++)
    for (int x = (int) cx - 5; x <= (int) cx + 5; x++)
      {
        double rgb[3];

        chronomap_render_test_pixel (surface, x, y, rgb);
        red += rgb[0] - rgb[1] > 0.2 && rgb[0] - rgb[2] > 0.2;
        grey += rgb[0] < 0.45 && fabs (rgb[0] - rgb[1]) < 0.08 && fabs (rgb[1] - rgb[2]) < 0.08;
      }
  g_test_message ("around the label's middle: %u red pixels, %u dark grey", red, grey);
  g_assert_cmpuint (red, >=, 10);
  g_assert_cmpuint (grey, >=, 4);
  cairo_surface_destroy (surface);
}


/* The pixels of @target's name's dark grey letters on its line: over a
 * disc of @radius on its dot, and beside the disc. */
static void
count_letters (cairo_surface_t             *surface,
               const ChronomapBasemapLabel *target,
               double                       radius,
               guint                       *inside,
               guint                       *beside)
{
  *inside = *beside = 0;
  for (int y = (int) target->name_y; y < (int) (target->name_y + target->name_height); y++)
    for (int x = (int) target->dot_x - 30; x < (int) (target->dot_x + radius + target->name_width + 8); x++)
      {
        double rgb[3];
        gboolean letter;

        chronomap_render_test_pixel (surface, x, y, rgb);
        letter = rgb[0] < 0.45 && fabs (rgb[0] - rgb[1]) < 0.08 && fabs (rgb[1] - rgb[2]) < 0.08;
        if (hypot (x - target->dot_x, y - target->dot_y) < radius - 1)
          *inside += letter;
        else if (x > target->dot_x + radius)
          *beside += letter;
      }
}

/* A dozen events on the dot of a town in the middle of the view, in May
 * 2023: a file of them, and the town. */
static char *
dozen_on_a_dot (ChronomapBasemap             *basemap,
                const char                   *name,
                GArray                      **labels,
                const ChronomapBasemapLabel **target)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  TestView view;
  double lat, lon;

  *labels = test_view_labels (basemap, &view);
  *target = test_view_middle_town (*labels, TRUE);
  test_view_to_lat_lon (&view, (*target)->dot_x, (*target)->dot_y, &lat, &lon);
  g_test_message ("12 events on the dot of %s, at %.4f, %.4f", (*target)->name, lat, lon);
  g_string_append (sql, chronomap_database_get_schema_sql ());
  for (int i = 0; i < 12; i++)
    g_string_append_printf (sql, "INSERT INTO events (date_start, event_type, location, latitude, "
                                 "longitude) VALUES ('2023-05-%02d', 'Battles', 'Here', %.6f, %.6f);",
                            i + 1, lat, lon);
  return chronomap_test_make_db (name, sql->str);
}

/* The events of a town drawn on its dot (a dozen, one disc with its
 * count) push the town's name out beside the disc: no letter over the
 * disc and its count, the whole name just past its edge. */
static void
test_label_beside_disc (void)
{
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (NULL);
  g_autoptr(GArray) labels = NULL;
  const ChronomapBasemapLabel *target = NULL;
  double radius;
  g_autofree char *db = NULL;
  g_autofree char *out = chronomap_test_tmp_path ("beside.png");
  cairo_surface_t *surface;
  guint inside = 0, beside = 0;

  g_assert_nonnull (basemap);
  db = dozen_on_a_dot (basemap, "beside.sqlite", &labels, &target);
  g_assert_cmpint (chronomap_render_test_run_cli (db, out, NULL, NULL, "--bbox", "35,32,38,37",
                                                  "--size", "800x450", "--from", "2023-01-01",
                                                  "--to", "2023-12-31", NULL),
                   ==, 0);
  surface = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  /* the disc: 9 + 4 log10 (12) pixels at this size, red 10 pixels left
   * of the dot and 10 above it */
  radius = 9 + 4 * log10 (12);
  for (int side = 0; side < 2; side++)
    {
      double rgb[3];

      chronomap_render_test_pixel (surface, (int) target->dot_x - (side ? 0 : 10),
                                   (int) target->dot_y - (side ? 10 : 0), rgb);
      g_assert_cmpfloat (rgb[0] - rgb[2], >, 0.2);
    }
  count_letters (surface, target, radius, &inside, &beside);
  g_test_message ("%s: %u letter pixels over the disc, %u beside it", target->name, inside, beside);
  g_assert_cmpuint (inside, ==, 0);
  g_assert_cmpuint (beside, >=, 20);
  cairo_surface_destroy (surface);
}

/* A video's pictures: the town's name glides out as the dozen events
 * come into the window, over the disc at first and beside it a quarter
 * of a second on; without the glides, beside it at once.  As the events
 * leave, the name glides back to the town's dot, which is there from the
 * first picture without the disc. */
static void
test_label_glide_in_video (void)
{
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (NULL);
  g_autoptr(GArray) labels = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(ChronomapLabelGlides) glides = chronomap_label_glides_new (CHRONOMAP_LABEL_GLIDE_MS);
  g_autoptr(GError) error = NULL;
  const ChronomapBasemapLabel *target = NULL;
  g_autofree char *db = NULL;
  ChronomapRenderView view = { 0 };
  /* a picture at @time ms of the window @month of 2023, and its letters */
  struct { int month; gint64 time; gboolean glides; guint inside; guint beside; gboolean gliding; double dot[3]; } pictures[] = {
    { 4, 0, TRUE }, { 5, 40, TRUE }, { 5, 80, TRUE }, { 5, 300, TRUE }, { 5, 40, FALSE },
    { 6, 340, TRUE },
  };
  double radius = 9 + 4 * log10 (12);

  g_assert_nonnull (basemap);
  db = dozen_on_a_dot (basemap, "glide.sqlite", &labels, &target);
  store = chronomap_event_store_load (db, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  view.width = WIDTH;
  view.height = HEIGHT;
  view.have_bbox = TRUE;
  view.bbox[0] = 35, view.bbox[1] = 32, view.bbox[2] = 38, view.bbox[3] = 37;
  for (guint k = 0; k < G_N_ELEMENTS (pictures); k++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);

      view.from = chronomap_date_from_ymd (2023, pictures[k].month, 1);
      view.to = chronomap_date_from_ymd (2023, pictures[k].month, 28);
      view.glides = pictures[k].glides ? glides : NULL;
      view.time = pictures[k].time * 1000;
      g_assert_true (chronomap_render_view_draw (store, basemap, &view, cr, NULL));
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      count_letters (surface, target, radius, &pictures[k].inside, &pictures[k].beside);
      chronomap_render_test_pixel (surface, (int) target->dot_x, (int) target->dot_y, pictures[k].dot);
      pictures[k].gliding = chronomap_label_glides_is_gliding (glides);
      g_test_message ("month %d at %d ms%s: %u letter pixels over the disc, %u beside it",
                      pictures[k].month, (int) pictures[k].time, pictures[k].glides ? "" : " (no glides)",
                      pictures[k].inside, pictures[k].beside);
      cairo_surface_destroy (surface);
    }
  /* April: no disc, the name in its place, beside the dot */
  g_assert_cmpuint (pictures[0].beside, >=, 20);
  g_assert_false (pictures[0].gliding);
  /* the disc lands: at first the name is still over it, then less, and
   * the video needs the next pictures drawn */
  g_assert_cmpuint (pictures[1].inside, >=, 10);
  g_assert_cmpuint (pictures[2].inside, <, pictures[1].inside);
  g_assert_true (pictures[1].gliding && pictures[2].gliding);
  /* then clear of it, as without the glides from the start */
  g_assert_false (pictures[3].gliding);
  g_assert_cmpuint (pictures[3].inside, ==, 0);
  g_assert_cmpuint (pictures[3].beside, >=, 20);
  g_assert_cmpuint (pictures[4].inside, ==, 0);
  /* June: the events gone, the name on its way back to a dot drawn as in
   * April's picture */
  g_assert_true (pictures[5].gliding);
  for (int c = 0; c < 3; c++)
    g_assert_cmpfloat_with_epsilon (pictures[5].dot[c], pictures[0].dot[c], 0.05);
}

/* How opaque the top rows of the count of a disc centred at (@x, @y),
 * above @bottom, are drawn over @map: the count's brightest pixel, white
 * over the map's pixel there at that opacity. */
static double
count_opacity (cairo_surface_t *surface,
               cairo_surface_t *map,
               double           x,
               double           y,
               double           bottom)
{
  double most = -1, under[3], rgb[3], bright;
  int at_x = 0, at_y = 0;

  for (int py = (int) y - 8; py < (int) bottom; py++)
    for (int px = (int) x - 8; px <= (int) x + 8; px++)
      {
        chronomap_render_test_pixel (surface, px, py, rgb);
        if (rgb[0] + rgb[1] + rgb[2] > most)
          {
            most = rgb[0] + rgb[1] + rgb[2];
            at_x = px;
            at_y = py;
          }
      }
  chronomap_render_test_pixel (map, at_x, at_y, under);
  bright = (under[0] + under[1] + under[2]) / 3;
  g_assert_cmpfloat (bright, <, 0.5);
  return (most / 3 - bright) / (1 - bright);
}

/* A year's picture of @store on the dark map (where a white count shows
 * most), faded as a video's are: the events of the first fortnight drawn
 * at less than half their strength. */
static cairo_surface_t *
draw_faded_year (ChronomapEventStore *store,
                 ChronomapBasemap    *basemap,
                 int                  year)
{
  ChronomapRenderView view = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  view.width = WIDTH;
  view.height = HEIGHT;
  view.have_bbox = TRUE;
  view.bbox[0] = 35, view.bbox[1] = 32, view.bbox[2] = 38, view.bbox[3] = 37;
  view.from = chronomap_date_from_ymd (year, 1, 1);
  view.to = chronomap_date_from_ymd (year, 12, 31);
  view.style = CHRONOMAP_BASEMAP_STYLE_DARK;
  view.fade = TRUE;
  g_assert_true (chronomap_render_view_draw (store, basemap, &view, cr, NULL));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* In a faded picture (a video's, the events at the start of the window
 * paler), a disc's count that a town's name crosses (the name with no
 * other side to step aside to) is drawn over the name, and only there: as faint as its disc, as a like disc's count
 * that no name crosses.  Drawn with the disc as well, it would show
 * through twice. */
static void
test_faded_count_under_name (void)
{
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (NULL);
  g_autoptr(GArray) labels = NULL;
  g_autoptr(GString) sql = g_string_new (chronomap_database_get_schema_sql ());
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  const ChronomapBasemapLabel *target;
  TestView view;
  cairo_surface_t *surface, *map;
  double points[5][2] = { { 0 } }, lat, lon, under, alone, above;
  gboolean found = FALSE;

  g_assert_nonnull (basemap);
  labels = test_view_labels (basemap, &view);
  target = test_view_middle_town (labels, TRUE);
  /* a disc whose count's lower half the name crosses, and one in a
   * place no label comes near */
  points[0][0] = round (target->name_x + target->name_width / 2);
  points[0][1] = round (target->y) - 4;
  for (int y = 60; y < HEIGHT - 120 && !found; y += 10)
    for (int x = 60; x < WIDTH - 60 && !found; x += 10)
      {
        found = TRUE;
        for (guint i = 0; i < labels->len && found; i++)
          {
            const ChronomapBasemapLabel *l = &g_array_index (labels, ChronomapBasemapLabel, i);

            found = x < l->x - 40 || x > l->x + l->width + 40 || y < l->y - 40 ||
                    y > l->y + l->height + 40;
          }
        points[1][0] = x;
        points[1][1] = y;
      }
  g_assert_true (found);
  /* and clusters of two reaching into the name's other sides (left,
   * above, below), clear of its dot: it has nowhere to step aside to */
  points[2][0] = target->dot_x - CHRONOMAP_BASEMAP_NAME_GAP - target->name_width - 8;
  points[2][1] = target->dot_y;
  points[3][0] = target->dot_x;
  points[3][1] = target->dot_y - CHRONOMAP_BASEMAP_NAME_GAP - target->name_height - 8;
  points[4][0] = target->dot_x;
  points[4][1] = target->dot_y + CHRONOMAP_BASEMAP_NAME_GAP + target->name_height + 8;
  for (int k = 0; k < 5; k++)
    {
      test_view_to_lat_lon (&view, points[k][0], points[k][1], &lat, &lon);
      for (int i = 0; i < (k < 2 ? 12 : 2); i++)
        g_string_append_printf (sql, "INSERT INTO events (date_start, event_type, location, "
                                     "latitude, longitude) VALUES ('2023-01-%02d', 'Battles', "
                                     "'Here', %.6f, %.6f);",
                                i + 1, lat, lon);
    }
  /* so the name stays where its count crosses it, as the picture will
   * place it (its discs: 9 + 4 log10 n pixels, and their outline) */
  {
    g_autoptr(GArray) placed = g_array_copy (labels);
    ChronomapBasemapMark marks[5];

    for (int k = 0; k < 5; k++)
      marks[k] = (ChronomapBasemapMark) { points[k][0], points[k][1],
                                          9 + 4 * log10 (k < 2 ? 12 : 2) + 0.6, TRUE };
    chronomap_basemap_labels_clear_marks (placed, WIDTH, HEIGHT, marks, G_N_ELEMENTS (marks));
    for (guint i = 0; i < placed->len; i++)
      if (g_array_index (placed, ChronomapBasemapLabel, i).id == target->id)
        g_assert_false (g_array_index (placed, ChronomapBasemapLabel, i).moved);
  }
  db = chronomap_test_make_db ("faded-count.sqlite", sql->str);
  store = chronomap_event_store_load (db, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);

  surface = draw_faded_year (store, basemap, 2023);
  map = draw_faded_year (store, basemap, 2022);
  /* above the name's box and its halo, only the disc and its count */
  above = target->y - CHRONOMAP_BASEMAP_LABEL_HALO - 1 - points[0][1];
  under = count_opacity (surface, map, points[0][0], points[0][1], points[0][1] + above);
  alone = count_opacity (surface, map, points[1][0], points[1][1], points[1][1] + above);
  g_test_message ("%s: the top of a faded count it crosses drawn at %.2f, of one alone at %.2f",
                  target->name, under, alone);
  g_assert_cmpfloat (alone, >, 0.3);
  g_assert_cmpfloat (alone, <, 0.6);
  g_assert_cmpfloat_with_epsilon (under, alone, 0.08);
  cairo_surface_destroy (map);
  cairo_surface_destroy (surface);
}

/* The keys of a picture of the test data set from @from to @to, a
 * frame of an animation of the first quarter if @frame. */
static guint
keys_of (ChronomapEventStore *store,
         ChronomapBasemap    *basemap,
         gint32               from,
         gint32               to,
         gboolean             fade,
         gboolean             frame)
{
  ChronomapRenderView view = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  guint keys = G_MAXUINT, n_drawn = 0;

  view.width = WIDTH;
  view.height = HEIGHT;
  view.have_bbox = TRUE;
  view.bbox[0] = 35, view.bbox[1] = 32, view.bbox[2] = 38, view.bbox[3] = 37;
  view.from = from;
  view.to = to;
  view.fade = fade;
  view.have_span = frame;
  view.span_from = chronomap_date_from_ymd (2023, 1, 1);
  view.span_to = chronomap_date_from_ymd (2023, 3, 31);
  g_assert_true (chronomap_render_view_draw_keys (store, basemap, &view, cr, &n_drawn, &keys));
  g_assert_cmpuint (n_drawn, >, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return keys;
}

/* A picture's legend says what the looks of its marks mean, as the app's
 * does, but only those drawn: January's battle at Ariha, with its dead,
 * is larger; March's protest, placed only to As-Sweida, is a ring; the
 * quarter faded has older events paler.  An animation's frames all list
 * the keys of the whole animation, so that the legend stays still.  The
 * keys' words are the app's. */
static void
test_legend_keys (void)
{
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autoptr(ChronomapEventStore) store = chronomap_render_test_load (&basemap);
  const guint size = 1u << CHRONOMAP_LEGEND_KEY_SIZE, age = 1u << CHRONOMAP_LEGEND_KEY_AGE;
  const guint ring = 1u << CHRONOMAP_LEGEND_KEY_RING;

  g_assert_cmpuint (keys_of (store, basemap, chronomap_date_from_ymd (2023, 1, 1),
                             chronomap_date_from_ymd (2023, 1, 31), FALSE, FALSE), ==, size);
  g_assert_cmpuint (keys_of (store, basemap, chronomap_date_from_ymd (2023, 3, 1),
                             chronomap_date_from_ymd (2023, 3, 31), FALSE, FALSE), ==, ring);
  g_assert_cmpuint (keys_of (store, basemap, chronomap_date_from_ymd (2023, 1, 1),
                             chronomap_date_from_ymd (2023, 3, 31), TRUE, FALSE) & (size | age | ring),
                    ==, size | age | ring);
  g_assert_cmpuint (keys_of (store, basemap, chronomap_date_from_ymd (2023, 1, 1),
                             chronomap_date_from_ymd (2023, 1, 31), TRUE, TRUE),
                    ==, keys_of (store, basemap, chronomap_date_from_ymd (2023, 3, 1),
                                 chronomap_date_from_ymd (2023, 3, 31), TRUE, TRUE));
  g_assert_cmpuint (keys_of (store, basemap, chronomap_date_from_ymd (2023, 1, 1),
                             chronomap_date_from_ymd (2023, 1, 31), TRUE, TRUE) & (size | age | ring),
                    ==, size | age | ring);
  g_assert_cmpstr (chronomap_legend_key_label (CHRONOMAP_LEGEND_KEY_RING), ==, "Ring: approximate place");
}

static cairo_surface_t *
load_frame (const char *dir,
            int         k)
{
  g_autofree char *name = g_strdup_printf ("frame-%04d.png", k);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, WIDTH);
  return surface;
}



/* Frames share their basemap: drawn for one view and kept, it must give
 * the next view of another area or style the picture drawn afresh. */
static void
test_backdrop (void)
{
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autoptr(ChronomapEventStore) store = chronomap_render_test_load (&basemap);
  g_autoptr(ChronomapRenderBackdrop) backdrop = chronomap_render_backdrop_new ();
  const double areas[][4] = { { 35, 32, 38, 37 }, { 36, 35, 42, 38 }, { 36, 35, 42, 38 } };
  const ChronomapBasemapStyle styles[] = { CHRONOMAP_BASEMAP_STYLE_LIGHT,
                                           CHRONOMAP_BASEMAP_STYLE_LIGHT,
                                           CHRONOMAP_BASEMAP_STYLE_DARK };

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      ChronomapRenderView view = { 0 };
      cairo_surface_t *kept = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cairo_surface_t *fresh = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cairo_t *cr;

      view.from = chronomap_date_from_ymd (2023, 1, 1);
      view.to = chronomap_date_from_ymd (2023, 3, 31);
      view.width = WIDTH;
      view.height = HEIGHT;
      view.have_bbox = TRUE;
      memcpy (view.bbox, areas[i], sizeof view.bbox);
      view.style = styles[i];
      view.backdrop = backdrop;
      cr = cairo_create (kept);
      g_assert_true (chronomap_render_view_draw (store, basemap, &view, cr, NULL));
      cairo_destroy (cr);
      view.backdrop = NULL;
      cr = cairo_create (fresh);
      g_assert_true (chronomap_render_view_draw (store, basemap, &view, cr, NULL));
      cairo_destroy (cr);

      cairo_surface_flush (kept);
      cairo_surface_flush (fresh);
      g_assert_cmpmem (cairo_image_surface_get_data (kept),
                       cairo_image_surface_get_stride (kept) * HEIGHT,
                       cairo_image_surface_get_data (fresh),
                       cairo_image_surface_get_stride (fresh) * HEIGHT);
      cairo_surface_destroy (kept);
      cairo_surface_destroy (fresh);
    }
}

/* --frames writes an animation a month a frame: each frame shows its
 * month's events; the legend and the view stay the same from frame to
 * frame; with --window all the older events stay, paler. */
static void
test_frames (void)
{
  g_autofree char *db = chronomap_render_test_make_db ();
  g_autofree char *dir = chronomap_test_tmp_path ("frames");
  g_autofree char *all_dir = chronomap_test_tmp_path ("frames-all");
  g_autofree char *fourth = g_build_filename (dir, "frame-0004.png", NULL);
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  g_autofree char *again_err = NULL;
  g_autofree char *expected = NULL;
  cairo_surface_t *jan, *mar, *mar_all;
  double x, y, rgb_jan[3], rgb_mar[3], rgb_all[3];

  g_assert_cmpint (chronomap_render_test_run_cli (db, dir, &out_text, NULL, "--frames", "1m", "--from", "2023-01",
                            "--to", "2023-03", "--bbox", "35,32,38,37", "--size", "800x450",
                            NULL), ==, 0);
  expected = g_strdup_printf ("Wrote 3 frames to %s\n", dir);
  g_assert_true (g_str_has_prefix (out_text, expected));
  g_assert_false (g_file_test (fourth, G_FILE_TEST_EXISTS));
  jan = load_frame (dir, 1);
  mar = load_frame (dir, 3);

  /* the battle at Ariha on 31 January in January's frame, not March's */
  chronomap_render_test_project (35.8126, 36.6096, &x, &y);
  chronomap_render_test_pixel (jan, (int) round (x), (int) round (y), rgb_jan);
  chronomap_render_test_pixel (mar, (int) round (x), (int) round (y), rgb_mar);
  g_assert_cmpfloat (rgb_jan[0], >, 0.7);
  g_assert_cmpfloat (rgb_jan[1], <, 0.35);
  g_assert_cmpfloat (fabs (rgb_mar[0] - rgb_mar[1]), <, 0.15);
  /* the protest at As-Sweida on 4 March (a ring, its place known only
   * roughly) in March's, not January's */
  chronomap_render_test_project (32.7090, 36.5695, &x, &y);
  g_assert_cmpuint (chronomap_render_test_count_green (jan, (int) round (x), (int) round (y)), ==, 0);
  g_assert_cmpuint (chronomap_render_test_count_green (mar, (int) round (x), (int) round (y)), >, 10);
  /* March has no battle, but the legend still lists them, where they
   * were: in red in January, faint in March (and uncounted) */
  g_assert_true (chronomap_render_test_legend_has_red (jan));
  g_assert_cmpfloat (chronomap_render_test_legend_redness (jan), >, 0.6);
  g_assert_cmpfloat (chronomap_render_test_legend_redness (mar), >, 0.15);
  g_assert_cmpfloat (chronomap_render_test_legend_redness (mar), <, 0.5);

  /* frames already there are never overwritten */
  g_assert_cmpint (chronomap_render_test_run_cli (db, dir, NULL, &again_err, "--frames", "1m", "--from", "2023-01",
                            "--to", "2023-01", NULL), ==, 1);
  g_assert_nonnull (strstr (again_err, "already holds frames"));

  /* everything until then: the January battle is in March's frame, paler */
  g_assert_cmpint (chronomap_render_test_run_cli (db, all_dir, NULL, NULL, "--frames", "1m", "--window", "all", "--from",
                            "2023-01", "--to", "2023-03", "--bbox", "35,32,38,37", "--size",
                            "800x450", NULL), ==, 0);
  mar_all = load_frame (all_dir, 3);
  chronomap_render_test_project (35.8126, 36.6096, &x, &y);
  chronomap_render_test_pixel (mar_all, (int) round (x), (int) round (y), rgb_all);
  g_assert_cmpfloat (rgb_all[0], >, 0.7);
  g_assert_cmpfloat (rgb_all[1], >, rgb_jan[1] + 0.1);

  /* usage errors: a step it cannot read, a file for a folder, a window
   * without frames */
  g_assert_cmpint (chronomap_render_test_run_cli (db, dir, NULL, &err_text, "--frames", "fortnight", NULL), ==, 2);
  g_assert_nonnull (strstr (err_text, "--frames takes a step"));
  g_assert_cmpint (chronomap_render_test_run_cli (db, "frames.png", NULL, NULL, "--frames", "1w", NULL), ==, 2);
  g_assert_cmpint (chronomap_render_test_run_cli (db, "map.png", NULL, NULL, "--window", "1m", NULL), ==, 2);
  /* and a century a day a frame, refused before anything is written */
  g_clear_pointer (&err_text, g_free);
  g_assert_cmpint (chronomap_render_test_run_cli (db, "century", NULL, &err_text, "--frames", "1d", "--from", "1900",
                            "--to", "1999", NULL), ==, 2);
  g_assert_nonnull (strstr (err_text, "more than 10000 frames"));
  g_assert_false (g_file_test ("century", G_FILE_TEST_EXISTS));

  /* a step longer than the window: the first frame is January, whose
   * battle a March first frame never showed, and the last ends with the
   * last month, not a step past it */
  {
    g_autofree char *quarter_dir = chronomap_test_tmp_path ("frames-quarter");
    g_autofree char *quarter_out = NULL;
    g_autofree char *quarter_expected = g_strdup_printf ("Wrote 2 frames to %s\n", quarter_dir);
    cairo_surface_t *first, *last;
    double rgb_first[3];

    g_assert_cmpint (chronomap_render_test_run_cli (db, quarter_dir, &quarter_out, NULL, "--frames", "3m",
                                                    "--window", "1m", "--from", "2023-01", "--to", "2023-03",
                                                    "--bbox", "35,32,38,37", "--size", "800x450", NULL), ==, 0);
    g_assert_true (g_str_has_prefix (quarter_out, quarter_expected));
    first = load_frame (quarter_dir, 1);
    last = load_frame (quarter_dir, 2);
    chronomap_render_test_project (35.8126, 36.6096, &x, &y);
    chronomap_render_test_pixel (first, (int) round (x), (int) round (y), rgb_first);
    g_assert_cmpfloat (rgb_first[0], >, 0.7);
    g_assert_cmpfloat (rgb_first[1], <, 0.35);
    chronomap_render_test_project (32.7090, 36.5695, &x, &y);
    g_assert_cmpuint (chronomap_render_test_count_green (last, (int) round (x), (int) round (y)), >, 10);
    cairo_surface_destroy (first);
    cairo_surface_destroy (last);
  }

  cairo_surface_destroy (jan);
  cairo_surface_destroy (mar);
  cairo_surface_destroy (mar_all);
}

/* The days an animation's pictures end on, as Export Video's paces make
 * them of the sample's span shown a month at a time (its months, January
 * 2014 to March 2019): every pace starts with the first event's month
 * and ends with the last's, and goes a step a second in between; a span
 * that ends mid-month (the CLI's --to) ends there. */
static void
test_animation_steps (void)
{
  const ChronomapDateStep month = { 1, 'm' }, quarter = { 3, 'm' }, year = { 1, 'y' }, week = { 1, 'w' };
  const ChronomapDateStep ten_days = { 10, 'd' };
  ChronomapRenderView view = { 0 };
  int n;

  view.have_span = TRUE;
  view.span_from = chronomap_date_from_ymd (2014, 1, 1);
  view.span_to = chronomap_date_from_ymd (2019, 3, 31);

  /* a year a second: January 2014, January 2015… then March 2019 */
  g_assert_cmpint (chronomap_render_step_end (&view, &year, &month, 0), ==, chronomap_date_from_ymd (2014, 1, 31));
  g_assert_cmpint (chronomap_render_step_end (&view, &year, &month, 1), ==, chronomap_date_from_ymd (2015, 1, 31));
  n = chronomap_render_count_steps (&view, &year, &month);
  g_assert_cmpint (n, ==, 7);
  g_assert_cmpint (chronomap_render_step_end (&view, &year, &month, n - 2), ==,
                   chronomap_date_from_ymd (2019, 1, 31));
  g_assert_cmpint (chronomap_render_step_end (&view, &year, &month, n - 1), ==,
                   chronomap_date_from_ymd (2019, 3, 31));
  g_assert_cmpint (chronomap_render_step_end (&view, &year, &month, n + 3), ==,
                   chronomap_date_from_ymd (2019, 3, 31));

  /* three months a second: January, then April */
  g_assert_cmpint (chronomap_render_step_end (&view, &quarter, &month, 0), ==,
                   chronomap_date_from_ymd (2014, 1, 31));
  g_assert_cmpint (chronomap_render_step_end (&view, &quarter, &month, 1), ==,
                   chronomap_date_from_ymd (2014, 4, 30));

  /* a step shorter than the window: the window grows in from the start */
  g_assert_cmpint (chronomap_render_step_end (&view, &week, &year, 0), ==, chronomap_date_from_ymd (2014, 1, 7));
  g_assert_cmpint (chronomap_render_window_start (&view, &year, chronomap_date_from_ymd (2014, 1, 7)), ==,
                   view.span_from);

  /* days shown, to a day mid-month: the last picture ends on that day,
   * not its month's end */
  view.span_to = chronomap_date_from_ymd (2019, 3, 20);
  g_assert_cmpint (chronomap_render_step_end (&view, &month, &ten_days, 0), ==,
                   chronomap_date_from_ymd (2014, 1, 10));
  n = chronomap_render_count_steps (&view, &month, &ten_days);
  g_assert_cmpint (chronomap_render_step_end (&view, &month, &ten_days, n - 1), ==, view.span_to);
  g_assert_cmpint (chronomap_render_step_end (&view, &month, &ten_days, n - 2), <, view.span_to);

  /* "Up to Now": a step at a time from the start, to the last day */
  g_assert_cmpint (chronomap_render_step_end (&view, &year, NULL, 0), ==, chronomap_date_from_ymd (2014, 12, 31));
  n = chronomap_render_count_steps (&view, &year, NULL);
  g_assert_cmpint (n, ==, 6);
  g_assert_cmpint (chronomap_render_step_end (&view, &year, NULL, n - 1), ==, view.span_to);

  /* a span shorter than its first window: one picture, ending with it */
  view.span_to = chronomap_date_from_ymd (2014, 1, 5);
  g_assert_cmpint (chronomap_render_count_steps (&view, &month, &ten_days), ==, 1);
  g_assert_cmpint (chronomap_render_step_end (&view, &month, &ten_days, 0), ==, view.span_to);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/render/narrow-legend", test_narrow_legend);
  g_test_add_func ("/chronomap/render/bbox-counts", test_bbox_counts);
  g_test_add_func ("/chronomap/render/png", test_png);
  g_test_add_func ("/chronomap/render/colors", test_colors);
  g_test_add_func ("/chronomap/render/open-window", test_open_window);
  g_test_add_func ("/chronomap/render/svg-pdf", test_svg_pdf);
  g_test_add_func ("/chronomap/render/none-placed", test_none_placed);
  g_test_add_func ("/chronomap/render/fit-region", test_fit_region);
  g_test_add_func ("/chronomap/render/attribution", test_attribution);
  g_test_add_func ("/chronomap/render/stacked", test_stacked);
  g_test_add_func ("/chronomap/render/label-over-event", test_label_over_event);
  g_test_add_func ("/chronomap/render/label-beside-disc", test_label_beside_disc);
  g_test_add_func ("/chronomap/render/label-glide-in-video", test_label_glide_in_video);
  g_test_add_func ("/chronomap/render/faded-count-under-name", test_faded_count_under_name);
  g_test_add_func ("/chronomap/render/legend-keys", test_legend_keys);
  g_test_add_func ("/chronomap/render/backdrop", test_backdrop);
  g_test_add_func ("/chronomap/render/frames", test_frames);
  g_test_add_func ("/chronomap/render/animation-steps", test_animation_steps);

  return g_test_run ();
}
