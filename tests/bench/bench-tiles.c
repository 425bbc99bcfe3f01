/* bench-tiles.c: time to draw the 1,024 basemap tiles of zoom 5
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints median_ms and p95_ms per tile for the full basemap and ratio, the
 * median against drawing the same tiles with only the land polygon (the
 * floor of any useful map), measured in the same run.  Label layouts are
 * built before the clock starts: they are made once per zoom level for the
 * life of the program, not per tile.
 */
#include "config.h"

#include <stdlib.h>

#include "chronomap-basemap.h"

#define ZOOM 5

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
time_tiles (ChronomapBasemap *basemap,
            gboolean          land_only,
            double           *median,
            double           *p95)
{
  int n = 1 << ZOOM;
  g_autofree double *times = g_new (double, n * n);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);

  for (int y = 0; y < n; y++)
    for (int x = 0; x < n; x++)
      {
        cairo_t *cr = cairo_create (surface);
        gint64 start = g_get_monotonic_time ();

        if (land_only)
          chronomap_basemap_draw_land_only (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT, ZOOM, x, y);
        else
          chronomap_basemap_draw_tile (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT, ZOOM, x, y, 256);
        cairo_surface_flush (surface);
        times[y * n + x] = (g_get_monotonic_time () - start) / 1000.0;
        cairo_destroy (cr);
      }
  cairo_surface_destroy (surface);

  qsort (times, n * n, sizeof (double), compare_doubles);
  *median = times[n * n / 2];
  *p95 = times[(n * n * 95) / 100];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (&error);
  g_autoptr(GArray) warm = NULL;
  double median, p95, land_median, land_p95;
  gint64 start;

  if (basemap == NULL)
    {
      g_printerr ("bench-tiles: %s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  warm = chronomap_basemap_get_labels (basemap, ZOOM, 0, 0, 256, 256);
  g_print ("label_layout_ms: %.2f\n", (g_get_monotonic_time () - start) / 1000.0);

  time_tiles (basemap, TRUE, &land_median, &land_p95);
  time_tiles (basemap, FALSE, &median, &p95);

  g_print ("tiles: %d\n", (1 << ZOOM) * (1 << ZOOM));
  g_print ("median_ms: %.3f\n", median);
  g_print ("p95_ms: %.3f\n", p95);
  g_print ("land_only_median_ms: %.3f\n", land_median);
  g_print ("land_only_p95_ms: %.3f\n", land_p95);
  g_print ("ratio: %.2f\n", land_median > 0 ? median / land_median : 0.0);

  return 0;
}
