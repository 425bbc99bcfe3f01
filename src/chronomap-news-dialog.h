/* chronomap-news-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chronomap-date-popover.h"
#include "chronomap-window.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_NEWS_DIALOG (chronomap_news_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ChronomapNewsDialog, chronomap_news_dialog, CHRONOMAP, NEWS_DIALOG, AdwWindow)

ChronomapNewsDialog *chronomap_news_dialog_new                 (ChronomapWindow     *window);
void                 chronomap_news_dialog_add_article         (ChronomapNewsDialog *self,
                                                                GFile               *file);
void                 chronomap_news_dialog_set_article_details (ChronomapNewsDialog *self,
                                                                guint                index,
                                                                const char          *published,
                                                                const char          *title,
                                                                const char          *url);
ChronomapDatePopover *chronomap_news_dialog_get_date_popover    (ChronomapNewsDialog *self,
                                                                guint                index);
void                 chronomap_news_dialog_find_events         (ChronomapNewsDialog *self);
gboolean             chronomap_news_dialog_get_busy            (ChronomapNewsDialog *self);
guint                chronomap_news_dialog_get_n_proposed      (ChronomapNewsDialog *self);
const char          *chronomap_news_dialog_get_quote           (ChronomapNewsDialog *self,
                                                                guint                index);
char                *chronomap_news_dialog_get_date            (ChronomapNewsDialog *self,
                                                                guint                index);
const char          *chronomap_news_dialog_get_location        (ChronomapNewsDialog *self,
                                                                guint                index);
const char          *chronomap_news_dialog_get_sub_event_type  (ChronomapNewsDialog *self,
                                                                guint                index);
GtkWidget           *chronomap_news_dialog_get_event_row       (ChronomapNewsDialog *self,
                                                                guint                index);
guint                chronomap_news_dialog_get_n_accepted      (ChronomapNewsDialog *self);
void                 chronomap_news_dialog_save_to             (ChronomapNewsDialog *self,
                                                                GFile               *file,
                                                                gboolean             replace);

G_END_DECLS
