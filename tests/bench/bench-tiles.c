/* bench-tiles.c: time to draw the 1,024 basemap tiles of zoom 5
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints median_ms and p95_ms per tile for the full basemap and ratio, the
 * median against drawing the same tiles with only the land polygon (the
 * floor of any useful map), measured in the same run; then the same over
 * the tiles that show land (land_tiles_*), since most of the world's tiles
 * are open sea and nearly free.  Label layouts are
 * built before the clock starts: they are made once per zoom level for the
 * life of the program, not per tile.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "chronomap-basemap.h"

#define ZOOM 5
#define N_TILES ((1 << ZOOM) * (1 << ZOOM))

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* CPU time of this thread, in ms: unlike the wall clock, it does not grow
 * when other jobs share the machine (CI runs builds side by side). */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
percentile (double *times,
            guint   n,
            guint   percent)
{
  if (n == 0)
    return 0.0;
  qsort (times, n, sizeof (double), compare_doubles);
  return times[MIN (n - 1, (n * percent) / 100)];
}

/* Whether the tile just drawn shows any land: anything but the sea colour
 * at the corners or the centre lines of the tile. */
static gboolean
tile_has_land (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 sea = *(const guint32 *) (gconstpointer) data;

  for (int y = 0; y < 256; y += 4)
    for (int x = 0; x < 256; x += 4)
      if (*(const guint32 *) (gconstpointer) (data + y * stride + x * 4) != sea)
        return TRUE;
  return FALSE;
}

static void
time_tiles (ChronomapBasemap *basemap,
            gboolean          land_only,
            double           *times,
            double           *cpu_times,
            gboolean         *has_land)
{
  int n = 1 << ZOOM;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);

  for (int y = 0; y < n; y++)
    for (int x = 0; x < n; x++)
      {
        cairo_t *cr = cairo_create (surface);
        double cpu_start = thread_cpu_ms ();
        gint64 start = g_get_monotonic_time ();

        if (land_only)
          chronomap_basemap_draw_layers (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT,
                                         CHRONOMAP_BASEMAP_LAYER_LAND, ZOOM,
                                         x * 256.0, y * 256.0, 256, 256);
        else
          chronomap_basemap_draw_tile (basemap, cr, CHRONOMAP_BASEMAP_STYLE_LIGHT,
                                       CHRONOMAP_BASEMAP_LAYER_ALL, ZOOM, x, y, 256);
        cairo_surface_flush (surface);
        times[y * n + x] = (g_get_monotonic_time () - start) / 1000.0;
        cpu_times[y * n + x] = thread_cpu_ms () - cpu_start;
        cairo_destroy (cr);
        if (has_land != NULL)
          has_land[y * n + x] = tile_has_land (surface);
      }
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapBasemap) basemap = chronomap_basemap_get_default (&error);
  g_autoptr(GArray) warm = NULL;
  double median, p95, land_median, land_p95;
  double times[N_TILES], land_times[N_TILES], on_land[N_TILES], land_only_on_land[N_TILES];
  double cpu_times[N_TILES], land_cpu_times[N_TILES];
  gboolean has_land[N_TILES];
  guint n_land = 0;
  gint64 start;

  if (basemap == NULL)
    {
      g_printerr ("bench-tiles: %s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  warm = chronomap_basemap_get_labels (basemap, ZOOM, 0, 0, 256, 256);
  g_print ("label_layout_ms: %.2f\n", (g_get_monotonic_time () - start) / 1000.0);

  time_tiles (basemap, TRUE, land_times, land_cpu_times, has_land);
  time_tiles (basemap, FALSE, times, cpu_times, NULL);

  /* The same statistics over the tiles that show some land: the ocean
   * tiles, nearly free, otherwise make up most of the median. */
  for (guint i = 0; i < N_TILES; i++)
    if (has_land[i])
      {
        on_land[n_land] = times[i];
        land_only_on_land[n_land] = land_times[i];
        n_land++;
      }

  median = percentile (times, N_TILES, 50);
  p95 = percentile (times, N_TILES, 95);
  land_median = percentile (land_times, N_TILES, 50);
  land_p95 = percentile (land_times, N_TILES, 95);

  g_print ("tiles: %d\n", N_TILES);
  g_print ("median_ms: %.3f\n", median);
  g_print ("p95_ms: %.3f\n", p95);
  g_print ("land_only_median_ms: %.3f\n", land_median);
  g_print ("land_only_p95_ms: %.3f\n", land_p95);
  g_print ("ratio: %.2f\n", land_median > 0 ? median / land_median : 0.0);
  g_print ("cpu_median_ms: %.3f\n", percentile (cpu_times, N_TILES, 50));
  g_print ("cpu_p95_ms: %.3f\n", percentile (cpu_times, N_TILES, 95));
  g_print ("cpu_ratio: %.2f\n", percentile (cpu_times, N_TILES, 50) /
                                  MAX (percentile (land_cpu_times, N_TILES, 50), 1e-6));
  g_print ("tiles_with_land: %u\n", n_land);
  g_print ("land_tiles_median_ms: %.3f\n", percentile (on_land, n_land, 50));
  g_print ("land_tiles_p95_ms: %.3f\n", percentile (on_land, n_land, 95));
  g_print ("land_tiles_ratio: %.2f\n",
           percentile (on_land, n_land, 50) / MAX (percentile (land_only_on_land, n_land, 50), 1e-6));

  return 0;
}
