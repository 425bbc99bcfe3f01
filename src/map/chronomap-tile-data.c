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

static void
worker_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const ChronomapTileRequest *request = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  GBytes *bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    chronomap_tile_data_return (task, request->x, request->y, request->zoom, bytes);
}

/**
 * chronomap_tile_data_run_in_thread:
 * @task: a data source's get_tile_data task
 * @func: makes the tile: its task data is a #ChronomapTileRequest, its
 *   source object @task's, and it returns the tile's #GBytes
 *
 * Makes tile @x, @y, @zoom on a worker thread and ends @task with it.
 */
void
chronomap_tile_data_run_in_thread (GTask           *task,
                                   int              x,
                                   int              y,
                                   int              zoom,
                                   GTaskThreadFunc  func)
{
  g_autoptr(GTask) worker = g_task_new (g_task_get_source_object (task),
                                        g_task_get_cancellable (task), worker_done_cb,
                                        g_object_ref (task));
  ChronomapTileRequest *request = g_new (ChronomapTileRequest, 1);

  request->x = x;
  request->y = y;
  request->zoom = zoom;
  g_task_set_source_tag (worker, func);
  g_task_set_task_data (worker, request, g_free);
  g_task_run_in_thread (worker, func);
}
