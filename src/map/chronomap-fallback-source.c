/* chronomap-fallback-source.c: an online data source backed by the offline map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Online maps are optional; without a network their tiles never come, and
 * the map went blank under the events.  This source asks the online one
 * first and, when a tile fails for any reason but cancellation, draws the
 * offline basemap's tile in its place, and says so once (the "fell-back"
 * signal) so the window can tell the user why the map looks plain.
 */
#define G_LOG_DOMAIN "chronomap-fallback-source"

#include "config.h"

#include "chronomap-fallback-source.h"

#include "chronomap-basemap.h"
#include "chronomap-tile-data.h"

struct _ChronomapFallbackSource
{
  ShumateDataSource  parent_instance;

  ShumateDataSource *online;
  gboolean           fell_back;
};

G_DEFINE_FINAL_TYPE (ChronomapFallbackSource, chronomap_fallback_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  FELL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
draw_offline_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const ChronomapTileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;
  bytes = chronomap_basemap_draw_stand_in_tile (request->zoom, request->x, request->y, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
online_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChronomapFallbackSource *self = g_task_get_source_object (task);
  const ChronomapTileRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &error);
  if (bytes != NULL)
    {
      chronomap_tile_data_return (task, request->x, request->y, request->zoom, bytes);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!self->fell_back)
    {
      self->fell_back = TRUE;
      g_debug ("online tiles failed (%s): drawing the offline map", error->message);
      g_signal_emit (self, signals[FELL_BACK], 0, error->message);
    }
  chronomap_tile_data_run_in_thread (task, request->x, request->y, request->zoom,
                                     draw_offline_thread);
}

static void
chronomap_fallback_source_get_tile_data_async (ShumateDataSource   *source,
                                               int                  x,
                                               int                  y,
                                               int                  zoom_level,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  ChronomapFallbackSource *self = CHRONOMAP_FALLBACK_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ChronomapTileRequest *request = g_new0 (ChronomapTileRequest, 1);

  g_task_set_source_tag (task, chronomap_fallback_source_get_tile_data_async);
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;
  g_task_set_task_data (task, request, g_free);

  shumate_data_source_get_tile_data_async (self->online, x, y, zoom_level, cancellable,
                                           online_done_cb, g_steal_pointer (&task));
}

static void
chronomap_fallback_source_dispose (GObject *object)
{
  ChronomapFallbackSource *self = CHRONOMAP_FALLBACK_SOURCE (object);

  g_clear_object (&self->online);

  G_OBJECT_CLASS (chronomap_fallback_source_parent_class)->dispose (object);
}

static void
chronomap_fallback_source_class_init (ChronomapFallbackSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = chronomap_fallback_source_dispose;

  source_class->get_tile_data_async = chronomap_fallback_source_get_tile_data_async;
  source_class->get_tile_data_finish = chronomap_tile_data_finish;

  /**
   * ChronomapFallbackSource::fell-back:
   * @message: why the online tile failed
   *
   * Emitted the first time the offline map stands in for the online one.
   */
  signals[FELL_BACK] =
    g_signal_new ("fell-back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
chronomap_fallback_source_init (ChronomapFallbackSource *self)
{
}

/**
 * chronomap_fallback_source_new:
 * @online: the data source asked first, such as a #ShumateTileDownloader
 *
 * Returns: (transfer full): a data source giving @online's tiles, or the
 *   offline basemap's where @online fails
 */
ChronomapFallbackSource *
chronomap_fallback_source_new (ShumateDataSource *online)
{
  ChronomapFallbackSource *self;

  g_return_val_if_fail (SHUMATE_IS_DATA_SOURCE (online), NULL);

  self = g_object_new (CHRONOMAP_TYPE_FALLBACK_SOURCE, NULL);
  self->online = g_object_ref (online);
  return self;
}

/**
 * chronomap_fallback_source_get_fell_back:
 *
 * Returns: whether a tile has come from the offline map
 */
gboolean
chronomap_fallback_source_get_fell_back (ChronomapFallbackSource *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_FALLBACK_SOURCE (self), FALSE);

  return self->fell_back;
}
