/* chronomap-import-dialog.h: importing event data sets from the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chronomap-importer.h"
#include "chronomap-window.h"

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_IMPORT_DIALOG (chronomap_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ChronomapImportDialog, chronomap_import_dialog, CHRONOMAP, IMPORT_DIALOG, AdwWindow)

ChronomapImportDialog *chronomap_import_dialog_new              (ChronomapWindow       *window);
void                   chronomap_import_dialog_set_files        (ChronomapImportDialog *self,
                                                                 GListModel            *files);
ChronomapImportFormat  chronomap_import_dialog_get_format       (ChronomapImportDialog *self);
void                   chronomap_import_dialog_set_format       (ChronomapImportDialog *self,
                                                                 ChronomapImportFormat  format);
const char            *chronomap_import_dialog_get_column       (ChronomapImportDialog *self,
                                                                 const char            *field);
guint                  chronomap_import_dialog_get_n_preview_rows (ChronomapImportDialog *self);
const char            *chronomap_import_dialog_get_preview_cell (ChronomapImportDialog *self,
                                                                 guint                  row,
                                                                 guint                  column);
void                   chronomap_import_dialog_set_target       (ChronomapImportDialog *self,
                                                                 GFile                 *file);
void                   chronomap_import_dialog_set_append       (ChronomapImportDialog *self,
                                                                 gboolean               append);
void                   chronomap_import_dialog_set_skip_bad_rows (ChronomapImportDialog *self,
                                                                  gboolean               skip);
void                   chronomap_import_dialog_start            (ChronomapImportDialog *self);
gboolean               chronomap_import_dialog_get_running      (ChronomapImportDialog *self);
const char            *chronomap_import_dialog_get_error        (ChronomapImportDialog *self);

G_END_DECLS
