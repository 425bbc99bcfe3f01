/* chronomap-mbtiles-source.c: tiles from an MBTiles file as a data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads tiles on GTask worker threads.  Exports often cover one region
 * only; where the file has no tile, the offline basemap draws one instead,
 * so the map never shows grey squares around the exported area.
 */
#define G_LOG_DOMAIN "chronomap-mbtiles-source"

#include "config.h"

#include "chronomap-mbtiles-source.h"

#include "chronomap-basemap.h"
#include "chronomap-error.h"
#include "chronomap-tile-data.h"

struct _ChronomapMbtilesSource
{
  ShumateDataSource  parent_instance;

  ChronomapMbtiles  *mbtiles;
  gboolean           fill_gaps;
};

G_DEFINE_FINAL_TYPE (ChronomapMbtilesSource, chronomap_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ChronomapMbtilesSource *self = source_object;
  const ChronomapTileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;

  bytes = chronomap_mbtiles_get_tile (self->mbtiles, request->zoom, request->x, request->y,
                                      &error);
  if (bytes == NULL && self->fill_gaps &&
      g_error_matches (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      bytes = chronomap_basemap_draw_stand_in_tile (request->zoom, request->x, request->y, &error);
    }

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
chronomap_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                              int                  x,
                                              int                  y,
                                              int                  zoom_level,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  ChronomapMbtilesSource *self = CHRONOMAP_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, chronomap_mbtiles_source_get_tile_data_async);
  if (zoom_level < 0 || zoom_level > 30 || x < 0 || y < 0 ||
      x >= (1 << zoom_level) || y >= (1 << zoom_level))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "No tile %d/%d/%d", zoom_level, x, y);
      return;
    }
  chronomap_tile_data_run_in_thread (task, x, y, zoom_level, read_tile_thread);
}

static void
chronomap_mbtiles_source_dispose (GObject *object)
{
  ChronomapMbtilesSource *self = (ChronomapMbtilesSource *) object;

  g_clear_object (&self->mbtiles);

  G_OBJECT_CLASS (chronomap_mbtiles_source_parent_class)->dispose (object);
}

static void
chronomap_mbtiles_source_class_init (ChronomapMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = chronomap_mbtiles_source_dispose;

  source_class->get_tile_data_async = chronomap_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = chronomap_tile_data_finish;
}

static void
chronomap_mbtiles_source_init (ChronomapMbtilesSource *self)
{
}

/**
 * chronomap_mbtiles_source_new:
 * @mbtiles: an opened MBTiles file
 * @fill_gaps: whether the offline basemap (light) draws the tiles the file
 *   lacks
 *
 * Returns: (transfer full): a data source reading @mbtiles
 */
ChronomapMbtilesSource *
chronomap_mbtiles_source_new (ChronomapMbtiles *mbtiles,
                              gboolean          fill_gaps)
{
  ChronomapMbtilesSource *self;

  g_return_val_if_fail (CHRONOMAP_IS_MBTILES (mbtiles), NULL);

  self = g_object_new (CHRONOMAP_TYPE_MBTILES_SOURCE, NULL);
  self->mbtiles = g_object_ref (mbtiles);
  self->fill_gaps = fill_gaps;
  return self;
}

/**
 * chronomap_mbtiles_source_get_mbtiles:
 * @self: a #ChronomapMbtilesSource
 *
 * Returns: (transfer none): the file read
 */
ChronomapMbtiles *
chronomap_mbtiles_source_get_mbtiles (ChronomapMbtilesSource *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_MBTILES_SOURCE (self), NULL);

  return self->mbtiles;
}
