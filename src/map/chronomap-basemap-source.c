/* chronomap-basemap-source.c: the offline basemap as a tile data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders each tile with the cairo basemap on a GTask worker thread, encodes
 * it as PNG (what ShumateRasterRenderer decodes), and keeps the most recent
 * tiles in memory so panning back does not draw them again.
 */
#define G_LOG_DOMAIN "chronomap-basemap-source"

#include "config.h"

#include "chronomap-basemap-source.h"

#include "chronomap-tile-data.h"

/* About 12 MB of PNG at the usual 30–50 kB a tile: a few screens' worth. */
#define CACHE_TILES 320

struct _ChronomapBasemapSource
{
  ShumateDataSource      parent_instance;

  ChronomapBasemap      *basemap;
  ChronomapBasemapStyle  style;
  ChronomapBasemapLayers layers;
  int                    scale_factor;

  /* Touched on the main thread only: looked up when a tile is asked for,
   * filled when a worker's tile comes back. */
  GHashTable            *cache;
  GQueue                 cache_order;
};

G_DEFINE_FINAL_TYPE (ChronomapBasemapSource, chronomap_basemap_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  int                   x;
  int                   y;
  int                   zoom;
  ChronomapBasemap     *basemap;
  ChronomapBasemapStyle  style;
  ChronomapBasemapLayers layers;
  int                   scale_factor;
} TileRequest;

static void
tile_request_free (TileRequest *request)
{
  g_clear_object (&request->basemap);
  g_free (request);
}

static guint64
tile_key (int x,
          int y,
          int zoom)
{
  return ((guint64) zoom << 56) | ((guint64) (guint32) x << 28) | (guint64) (guint32) y;
}

static void
render_tile_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TileRequest *request = task_data;
  GError *error = NULL;
  GBytes *png;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The shared basemap is loaded by the first worker that needs it (a
   * fifth of a second), not on the main thread; the others wait for it. */
  if (request->basemap == NULL)
    request->basemap = chronomap_basemap_get_default (&error);
  if (request->basemap == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  png = chronomap_basemap_draw_tile_png (request->basemap, request->style, request->layers,
                                         request->zoom,
                                         request->x, request->y,
                                         CHRONOMAP_BASEMAP_TILE_SIZE * request->scale_factor,
                                         &error);
  if (png == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, png, (GDestroyNotify) g_bytes_unref);
}

static void
cache_insert (ChronomapBasemapSource *self,
              guint64                 key,
              GBytes                 *bytes)
{
  guint64 *stored;

  if (g_hash_table_contains (self->cache, &key))
    return;

  stored = g_memdup2 (&key, sizeof key);
  g_hash_table_insert (self->cache, stored, g_bytes_ref (bytes));
  g_queue_push_tail (&self->cache_order, stored);
  while (g_queue_get_length (&self->cache_order) > CACHE_TILES)
    g_hash_table_remove (self->cache, g_queue_pop_head (&self->cache_order));
}

static void
tile_rendered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ChronomapBasemapSource *self = CHRONOMAP_BASEMAP_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cache_insert (self, tile_key (request->x, request->y, request->zoom), bytes);
  chronomap_tile_data_return (task, request->x, request->y, request->zoom, g_steal_pointer (&bytes));
}

static void
chronomap_basemap_source_get_tile_data_async (ShumateDataSource   *source,
                                              int                  x,
                                              int                  y,
                                              int                  zoom_level,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  ChronomapBasemapSource *self = CHRONOMAP_BASEMAP_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  guint64 key = tile_key (x, y, zoom_level);
  GBytes *cached;
  TileRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronomap_basemap_source_get_tile_data_async);

  request = g_new0 (TileRequest, 1);
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;
  request->basemap = self->basemap != NULL ? g_object_ref (self->basemap) : NULL;
  request->style = self->style;
  request->layers = self->layers;
  request->scale_factor = self->scale_factor;
  g_task_set_task_data (task, request, (GDestroyNotify) tile_request_free);

  if (zoom_level < 0 || zoom_level > 30 || x < 0 || y < 0 ||
      x >= (1 << zoom_level) || y >= (1 << zoom_level))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "No basemap tile %d/%d/%d", zoom_level, x, y);
      return;
    }

  cached = g_hash_table_lookup (self->cache, &key);
  if (cached != NULL)
    {
      chronomap_tile_data_return (task, x, y, zoom_level, g_bytes_ref (cached));
      return;
    }

  worker = g_task_new (self, cancellable, tile_rendered_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, render_tile_thread);
  /* The outer task owns the request and lives until tile_rendered_cb runs,
   * after the worker is done with it. */
  g_task_set_task_data (worker, request, NULL);
  g_task_run_in_thread (worker, render_tile_thread);
}

static void
chronomap_basemap_source_dispose (GObject *object)
{
  ChronomapBasemapSource *self = (ChronomapBasemapSource *) object;

  g_clear_object (&self->basemap);

  G_OBJECT_CLASS (chronomap_basemap_source_parent_class)->dispose (object);
}

static void
chronomap_basemap_source_finalize (GObject *object)
{
  ChronomapBasemapSource *self = (ChronomapBasemapSource *) object;

  g_queue_clear (&self->cache_order);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (chronomap_basemap_source_parent_class)->finalize (object);
}

static void
chronomap_basemap_source_class_init (ChronomapBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = chronomap_basemap_source_dispose;
  object_class->finalize = chronomap_basemap_source_finalize;

  source_class->get_tile_data_async = chronomap_basemap_source_get_tile_data_async;
  source_class->get_tile_data_finish = chronomap_tile_data_finish;
}

static void
chronomap_basemap_source_init (ChronomapBasemapSource *self)
{
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_bytes_unref);
  g_queue_init (&self->cache_order);
}

/**
 * chronomap_basemap_source_new:
 * @basemap: (nullable): the basemap to draw; %NULL for the shared one of
 *   chronomap_basemap_get_default(), loaded on a worker thread with the
 *   first tile
 * @style: light or dark
 * @layers: what the tiles show: the app's map leaves out the towns' names,
 *   which its event layer draws above the events
 * @scale_factor: the map widget's scale factor: tiles are drawn with this
 *   many pixels per logical pixel (the map shows a 512-pixel texture in a
 *   256-pixel tile sharply on a HiDPI screen)
 *
 * Returns: (transfer full): a data source that draws tiles offline
 */
ChronomapBasemapSource *
chronomap_basemap_source_new (ChronomapBasemap      *basemap,
                              ChronomapBasemapStyle  style,
                              ChronomapBasemapLayers layers,
                              int                    scale_factor)
{
  ChronomapBasemapSource *self;

  g_return_val_if_fail (basemap == NULL || CHRONOMAP_IS_BASEMAP (basemap), NULL);

  self = g_object_new (CHRONOMAP_TYPE_BASEMAP_SOURCE, NULL);
  if (basemap != NULL)
    self->basemap = g_object_ref (basemap);
  self->style = style;
  self->layers = layers;
  self->scale_factor = CLAMP (scale_factor, 1, 4);
  return self;
}

ChronomapBasemapStyle
chronomap_basemap_source_get_style (ChronomapBasemapSource *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_BASEMAP_SOURCE (self), CHRONOMAP_BASEMAP_STYLE_LIGHT);

  return self->style;
}
