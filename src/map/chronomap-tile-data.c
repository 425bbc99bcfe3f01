/* chronomap-tile-data.c: what Chronomap's tile data sources share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The offline basemap, MBTiles files and the online maps' stand-in all
 * answer ShumateDataSource's get_tile_data with a GTask of the tile's
 * bytes; this is how they end it.
 */
#include "config.h"

#include "chronomap-tile-data.h"

/**
 * chronomap_tile_data_return:
 * @task: a data source's get_tile_data task
 * @bytes: (transfer full): the tile
 *
 * ShumateRasterRenderer (1.0) takes the image from the received-data
 * signal and only the outcome from the async result, so the signal is
 * emitted before the task returns.
 */
void
chronomap_tile_data_return (GTask  *task,
                            int     x,
                            int     y,
                            int     zoom,
                            GBytes *bytes)
{
  g_signal_emit_by_name (g_task_get_source_object (task), "received-data", x, y, zoom, bytes);
  g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/**
 * chronomap_tile_data_finish:
 *
 * The get_tile_data_finish of a source that ends its tasks with
 * chronomap_tile_data_return().
 *
 * Returns: (transfer full) (nullable): the tile, or %NULL with @error set
 */
GBytes *
chronomap_tile_data_finish (ShumateDataSource  *source,
                            GAsyncResult       *result,
                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
