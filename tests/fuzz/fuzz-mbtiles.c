/* fuzz-mbtiles.c: an MBTiles basemap file, as the map opens one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "chronomap-fuzz.h"
#include "chronomap-mbtiles.h"

void
chronomap_fuzz_setup (void)
{
  sqlite3_hard_heap_limit64 (512 * 1024 * 1024);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ChronomapMbtiles) tiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = chronomap_fuzz_write_file ("basemap.mbtiles", data, size);
  double west, south, east, north;
  int min_zoom, max_zoom;

  tiles = chronomap_mbtiles_open (path, &error);
  if (tiles == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "basemap.mbtiles"));
      return 0;
    }
  g_assert_no_error (error);

  g_assert_nonnull (chronomap_mbtiles_get_name (tiles));
  g_assert_nonnull (chronomap_mbtiles_get_format (tiles));
  (void) chronomap_mbtiles_get_attribution (tiles);
  if (chronomap_mbtiles_get_bounds (tiles, &west, &south, &east, &north))
    g_assert_true (west < east && south < north);

  /* The tiles the map asks for first: the whole world at the lowest zoom
   * the file has, and the corners of the zoom range. */
  min_zoom = chronomap_mbtiles_get_min_zoom (tiles);
  max_zoom = chronomap_mbtiles_get_max_zoom (tiles);
  for (int z = MAX (min_zoom, 0); z <= MIN (max_zoom, 30) && z <= MAX (min_zoom, 0) + 2; z++)
    for (int x = 0; x < MIN (1 << z, 4); x++)
      for (int y = 0; y < MIN (1 << z, 4); y++)
        {
          g_autoptr(GError) tile_error = NULL;
          g_autoptr(GBytes) tile = chronomap_mbtiles_get_tile (tiles, z, x, y, &tile_error);

          g_assert_true ((tile == NULL) == (tile_error != NULL));
        }

  return 0;
}
