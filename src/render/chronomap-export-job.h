/* chronomap-export-job.h: a map image, an animation's frames or a video,
 * written on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chronomap-render-video.h"

G_BEGIN_DECLS

/**
 * ChronomapExportKind:
 * @CHRONOMAP_EXPORT_IMAGE: one picture, PNG, SVG or PDF as its path says
 * @CHRONOMAP_EXPORT_FRAMES: an animation's frames, PNGs in a folder
 * @CHRONOMAP_EXPORT_VIDEO: an animation as a video
 */
typedef enum
{
  CHRONOMAP_EXPORT_IMAGE,
  CHRONOMAP_EXPORT_FRAMES,
  CHRONOMAP_EXPORT_VIDEO,
} ChronomapExportKind;

#define CHRONOMAP_TYPE_EXPORT_JOB (chronomap_export_job_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapExportJob, chronomap_export_job, CHRONOMAP, EXPORT_JOB, GObject)

ChronomapExportJob  *chronomap_export_job_new          (ChronomapExportKind         kind,
                                                        ChronomapEventStore        *store,
                                                        ChronomapBasemap           *basemap,
                                                        const ChronomapRenderView  *view,
                                                        GBytes                     *mask,
                                                        const char                 *path);
void                 chronomap_export_job_set_steps    (ChronomapExportJob         *self,
                                                        const ChronomapDateStep    *step,
                                                        const ChronomapDateStep    *window);
void                 chronomap_export_job_set_video_format (ChronomapExportJob         *self,
                                                            ChronomapRenderVideoFormat  format);
ChronomapExportKind  chronomap_export_job_get_kind     (ChronomapExportJob         *self);
const char          *chronomap_export_job_get_path     (ChronomapExportJob         *self);
void                 chronomap_export_job_run_async    (ChronomapExportJob         *self,
                                                        GCancellable               *cancellable,
                                                        GAsyncReadyCallback         callback,
                                                        gpointer                    user_data);
gboolean             chronomap_export_job_run_finish   (ChronomapExportJob         *self,
                                                        GAsyncResult               *result,
                                                        guint                      *out_n_images,
                                                        GError                    **error);
gboolean             chronomap_export_job_get_progress (ChronomapExportJob         *self,
                                                        guint                      *out_done,
                                                        guint                      *out_total);
char                *chronomap_export_job_describe_progress (ChronomapExportJob *self);
char                *chronomap_export_progress_text    (guint                       done,
                                                        guint                       total,
                                                        double                      elapsed);

G_END_DECLS
