/* chronomap-video-test-utils.c: a video Chronomap wrote, decoded again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gst/app/gstappsink.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "chronomap-video-test-utils.h"

/* The pictures of the video @path (WebM or MP4), decoded, as cairo surfaces;
 * each must be @width by @height. */
GPtrArray *
chronomap_video_test_decode (const char *path,
                             int         width,
                             int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  GPtrArray *pictures = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  GstSample *sample;

  pipeline = gst_parse_launch ("filesrc name=src ! decodebin ! videoconvert ! "
                               "video/x-raw,format=BGRx ! appsink name=sink sync=false",
                               &error);
  g_assert_no_error (error);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (src, "location", path, NULL);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);

  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      GstStructure *format = gst_caps_get_structure (gst_sample_get_caps (sample), 0);
      GstBuffer *buffer = gst_sample_get_buffer (sample);
      cairo_surface_t *surface;
      GstMapInfo map;
      int picture_width = 0, picture_height = 0, stride;

      g_assert_true (gst_structure_get_int (format, "width", &picture_width));
      g_assert_true (gst_structure_get_int (format, "height", &picture_height));
      g_assert_cmpint (picture_width, ==, width);
      g_assert_cmpint (picture_height, ==, height);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      stride = cairo_image_surface_get_stride (surface);
      g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
      g_assert_cmpuint (map.size, >=, (gsize) width * 4 * height);
      for (int y = 0; y < height; y++)
        memcpy (cairo_image_surface_get_data (surface) + y * stride, map.data + y * width * 4,
                width * 4);
      gst_buffer_unmap (buffer, &map);
      cairo_surface_mark_dirty (surface);
      g_ptr_array_add (pictures, surface);
      gst_sample_unref (sample);
    }

  bus = gst_element_get_bus (pipeline);
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  if (message != NULL)
    {
      g_autoptr(GError) decode_error = NULL;

      gst_message_parse_error (message, &decode_error, NULL);
      g_assert_no_error (decode_error);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return pictures;
}

/**
 * chronomap_video_test_part_written:
 * @dir: a folder
 * @name: the name of a video being written there
 *
 * Returns: whether the part-file of @name (".NAME-XXXXXX") has begun
 */
gboolean
chronomap_video_test_part_written (const char *dir,
                                   const char *name)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s-", name);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (entry, prefix))
      {
        g_autofree char *path = g_build_filename (dir, entry, NULL);
        GStatBuf buf;

        if (g_stat (path, &buf) == 0 && buf.st_size > 0)
          return TRUE;
      }
  return FALSE;
}
