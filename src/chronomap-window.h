/* chronomap-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chronomap-event-layer.h"
#include "chronomap-event-store.h"
#include "chronomap-timeline.h"
#include "chronomap-view-model.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_WINDOW (chronomap_window_get_type ())

G_DECLARE_FINAL_TYPE (ChronomapWindow, chronomap_window, CHRONOMAP, WINDOW, AdwApplicationWindow)

void                 chronomap_window_open            (ChronomapWindow *self,
                                                       GFile           *file);
void                 chronomap_window_set_time_window (ChronomapWindow *self,
                                                       gint32           from,
                                                       gint32           to);
ChronomapEventStore *chronomap_window_get_store       (ChronomapWindow *self);
ChronomapViewModel  *chronomap_window_get_model       (ChronomapWindow *self);
ChronomapEventLayer *chronomap_window_get_event_layer (ChronomapWindow *self);
ChronomapTimeline   *chronomap_window_get_timeline    (ChronomapWindow *self);
const char          *chronomap_window_get_last_toast  (ChronomapWindow *self);
const char          *chronomap_window_get_last_toast_file (ChronomapWindow *self);
GtkSingleSelection  *chronomap_window_get_event_list  (ChronomapWindow *self);
gboolean             chronomap_window_get_busy        (ChronomapWindow *self);
guint                chronomap_window_get_n_unresolved (ChronomapWindow *self);
guint                chronomap_window_get_n_guessed    (ChronomapWindow *self);
const char          *chronomap_window_get_banner_text  (ChronomapWindow *self);
GFile               *chronomap_window_get_file        (ChronomapWindow *self);
GPtrArray           *chronomap_window_get_placements  (ChronomapWindow *self);
char                *chronomap_window_get_read_only_reason (ChronomapWindow *self);
void                 chronomap_window_add_gazetteer   (ChronomapWindow *self,
                                                       GFile           *source);
void                 chronomap_window_add_toast       (ChronomapWindow *self,
                                                       AdwToast        *toast);
AdwToast            *chronomap_toast_new              (const char      *text);
void                 chronomap_show_error             (GtkWindow       *parent,
                                                       const char      *heading,
                                                       const char      *body);
void                 chronomap_ask_before_closing     (GtkWindow       *window,
                                                       const char      *heading,
                                                       const char      *body,
                                                       const char      *close_label,
                                                       GCallback        response_cb,
                                                       gpointer         user_data);
void                 chronomap_close_when_asked       (GtkWindow       *window);
void                 chronomap_window_open_showing    (ChronomapWindow *self,
                                                       GFile           *file,
                                                       gint32           from,
                                                       gint32           to,
                                                       const char      *toast);
void                 chronomap_window_close_now       (ChronomapWindow *self);
void                 chronomap_window_export_image    (ChronomapWindow *self,
                                                       GFile           *file,
                                                       int              scale);
void                 chronomap_window_export_animation (ChronomapWindow *self,
                                                        GFile           *folder,
                                                        int              height,
                                                        double           days_per_second,
                                                        gint32           first,
                                                        gint32           last);
void                 chronomap_window_export_video     (ChronomapWindow *self,
                                                       GFile           *file,
                                                       int              height,
                                                       double           days_per_second,
                                                       gint32           first,
                                                       gint32           last);

G_END_DECLS
