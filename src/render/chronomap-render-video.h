/* chronomap-render-video.h: an animation of the map as a video (WebM or MP4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chronomap-render-view.h"

G_BEGIN_DECLS

/* Pictures a second of video: smooth enough for a window that slides a
 * day at a time, as playback's does. */
#define CHRONOMAP_RENDER_VIDEO_FPS 25

/* The widest and highest video: 8K and a little more.  VP8 stops at
 * 16383, and each picture queued for the encoder costs its pixels. */
#define CHRONOMAP_RENDER_VIDEO_MAX_SIZE 8192

/**
 * ChronomapRenderVideoFormat:
 * @CHRONOMAP_RENDER_VIDEO_WEBM: VP8 in WebM (".webm"): free of patents,
 *   played by browsers and GNOME's Videos
 * @CHRONOMAP_RENDER_VIDEO_MP4: H.264 in MP4 (".mp4"): what slide decks,
 *   QuickTime and social networks take
 */
typedef enum
{
  CHRONOMAP_RENDER_VIDEO_WEBM,
  CHRONOMAP_RENDER_VIDEO_MP4,
} ChronomapRenderVideoFormat;

gboolean    chronomap_render_video_format_for_path (const char                  *path,
                                                    ChronomapRenderVideoFormat  *out_format);
const char *chronomap_render_video_format_suffix   (ChronomapRenderVideoFormat   format);
gboolean    chronomap_render_video_supported       (ChronomapRenderVideoFormat   format,
                                                    GError                     **error);
gboolean    chronomap_render_video                 (ChronomapEventStore        *store,
                                                    ChronomapBasemap           *basemap,
                                                    const ChronomapRenderView  *view,
                                                    const ChronomapDateStep    *step,
                                                    const ChronomapDateStep    *window,
                                                    ChronomapRenderVideoFormat  format,
                                                    const char                 *path,
                                                    ChronomapRenderProgress     progress,
                                                    gpointer                    user_data,
                                                    GCancellable               *cancellable,
                                                    guint                      *out_n_frames,
                                                    GError                    **error);

G_END_DECLS
