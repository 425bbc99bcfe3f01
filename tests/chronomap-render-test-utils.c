/* chronomap-render-test-utils.c: what the render and video tests share:
 * their data, the CLI, and reading the pictures they make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>

#include "chronomap-basemap.h"
#include "chronomap-render-test-utils.h"
#include "chronomap-test-utils.h"

#define WIDTH CHRONOMAP_RENDER_TEST_WIDTH
#define HEIGHT CHRONOMAP_RENDER_TEST_HEIGHT

char *
chronomap_render_test_make_db (void)
{
  return chronomap_test_import_acled ("interchange/acled-new.csv", "render.sqlite");
}

/* The test data set's 2023 events, loaded, and the basemap. */
ChronomapEventStore *
chronomap_render_test_load (ChronomapBasemap **basemap)
{
  g_autofree char *db_path = chronomap_render_test_make_db ();
  g_autoptr(GError) error = NULL;
  ChronomapEventStore *store = chronomap_event_store_load (db_path, CHRONOMAP_LOAD_DEFAULT, NULL,
                                                           &error);

  g_assert_no_error (error);
  *basemap = chronomap_basemap_get_default (&error);
  g_assert_no_error (error);
  return store;
}

/* Where the map puts (lat, lon) for the tests' bbox and size: the fit of
 * chronomap_basemap_draw_bbox(). */
void
chronomap_render_test_project (double  lat,
                               double  lon,
                               double *x,
                               double *y)
{
  double x0, y0, x1, y1, zoom, scale, wx, wy;

  chronomap_basemap_lat_lon_to_world (37, 35, 0, &x0, &y0);
  chronomap_basemap_lat_lon_to_world (32, 38, 0, &x1, &y1);
  zoom = log2 (MIN (WIDTH / (x1 - x0), HEIGHT / (y1 - y0)));
  scale = exp2 (zoom);
  chronomap_basemap_lat_lon_to_world (lat, lon, zoom, &wx, &wy);
  *x = wx - ((x0 + x1) / 2 * scale - WIDTH / 2.0);
  *y = wy - ((y0 + y1) / 2 * scale - HEIGHT / 2.0);
}

void
chronomap_render_test_pixel (cairo_surface_t *surface,
                             int              x,
                             int              y,
                             double           rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 value;

  memcpy (&value, data + y * cairo_image_surface_get_stride (surface) + x * 4, 4);
  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
}

/* How many pixels around (x, y) are the protests' green. */
guint
chronomap_render_test_count_green (cairo_surface_t *surface,
                                   int              x0,
                                   int              y0)
{
  guint n = 0;

  for (int y = y0 - 12; y <= y0 + 12; y++)
    for (int x = x0 - 12; x <= x0 + 12; x++)
      {
        double rgb[3];

        chronomap_render_test_pixel (surface, x, y, rgb);
        n += rgb[1] > rgb[0] + 0.2 && rgb[1] > rgb[2] + 0.05;
      }
  return n;
}

/* The top right band where the legend is: whether it has a battles' red
 * swatch. */
/* How red the legend's reddest swatch is, top right: red less green, so
 * about 0.8 for the battles' red and 0.3 for it faint. */
double
chronomap_render_test_legend_redness (cairo_surface_t *surface)
{
  double most = 0;

  for (int y = 8; y < 120; y++)
    for (int x = WIDTH - 300; x < WIDTH - 8; x++)
      {
        double rgb[3];

        chronomap_render_test_pixel (surface, x, y, rgb);
        if (fabs (rgb[1] - rgb[2]) < 0.15)
          most = MAX (most, rgb[0] - rgb[1]);
      }
  return most;
}

gboolean
chronomap_render_test_legend_has_red (cairo_surface_t *surface)
{
  for (int y = 8; y < 120; y++)
    for (int x = WIDTH - 300; x < WIDTH - 8; x++)
      {
        double rgb[3];

        chronomap_render_test_pixel (surface, x, y, rgb);
        if (rgb[0] > 0.8 && rgb[1] < 0.2 && rgb[2] < 0.2)
          return TRUE;
      }
  return FALSE;
}

/* Runs the CLI with @args, the database and @out after them. */
int
chronomap_render_test_run_cli (const char  *db,
                               const char  *out,
                               char       **out_text,
                               char       **err_text,
                               ...)
{
  const char *cli = g_getenv ("CHRONOMAP_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ignored_out = NULL;
  g_autofree char *ignored_err = NULL;
  const char *arg;
  va_list args;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "render");
  va_start (args, err_text);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) db);
  g_ptr_array_add (argv, (gpointer) out);
  g_ptr_array_add (argv, NULL);
  /* the CLI's output is never the test's own, which is TAP */
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out_text != NULL ? out_text : &ignored_out,
                               err_text != NULL ? err_text : &ignored_err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}
