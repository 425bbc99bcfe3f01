/* chronomap-export-dialog.h: exporting the open file's events from the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chronomap-exporter.h"
#include "chronomap-window.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_EXPORT_DIALOG (chronomap_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ChronomapExportDialog, chronomap_export_dialog, CHRONOMAP, EXPORT_DIALOG, AdwWindow)

ChronomapExportDialog *chronomap_export_dialog_new            (ChronomapWindow       *window);
void                   chronomap_export_dialog_set_format     (ChronomapExportDialog *self,
                                                               ChronomapExportFormat  format);
void                   chronomap_export_dialog_set_everything (ChronomapExportDialog *self,
                                                               gboolean               everything);
void                   chronomap_export_dialog_start          (ChronomapExportDialog *self,
                                                               GFile                 *file);
gboolean               chronomap_export_dialog_get_running    (ChronomapExportDialog *self);
const char            *chronomap_export_dialog_get_error      (ChronomapExportDialog *self);

G_END_DECLS
