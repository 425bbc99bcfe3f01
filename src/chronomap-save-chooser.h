/* chronomap-save-chooser.h: where to save an export, and as what type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_SAVE_CHOOSER (chronomap_save_chooser_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapSaveChooser, chronomap_save_chooser, CHRONOMAP, SAVE_CHOOSER, GObject)

ChronomapSaveChooser *chronomap_save_chooser_new        (GtkWindow            *parent,
                                                         const char           *title,
                                                         const char           *folder,
                                                         const char           *name);
void                  chronomap_save_chooser_add_type   (ChronomapSaveChooser *self,
                                                         const char           *label,
                                                         const char           *mime_type,
                                                         const char           *suffix,
                                                         gboolean              chosen);
void                  chronomap_save_chooser_set_folder_type (ChronomapSaveChooser *self,
                                                              const char           *label);
void                  chronomap_save_chooser_add_suffix (ChronomapSaveChooser *self,
                                                         const char           *suffix);
void                  chronomap_save_chooser_set_untyped_lent (ChronomapSaveChooser *self,
                                                               const char           *suffix);
void                  chronomap_save_chooser_add_choice (ChronomapSaveChooser *self,
                                                         const char           *id,
                                                         const char           *label,
                                                         const char * const   *ids,
                                                         const char * const   *labels,
                                                         const char           *chosen);
const char           *chronomap_save_chooser_get_choice (ChronomapSaveChooser *self,
                                                         const char           *id);
void                  chronomap_save_chooser_show       (ChronomapSaveChooser *self);

GtkFileChooserNative *chronomap_save_chooser_new_native (GtkWindow            *parent,
                                                         const char           *title,
                                                         const char           *folder,
                                                         const char           *name);

gboolean              chronomap_lent_by_portal          (const char           *path);
char                 *chronomap_save_path_with_suffix   (const char           *path,
                                                         const char           *suffix,
                                                         GError              **error);

G_END_DECLS
