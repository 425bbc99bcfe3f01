/* chronomap-paths.h: where the programs find their data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  chronomap_paths_is_uninstalled   (void);
char     *chronomap_paths_find_data        (const char *relpath);
const char *chronomap_paths_locale_dir     (void);
char     *chronomap_paths_user_data_dir    (void);
char     *chronomap_paths_user_cache_dir   (void);
gboolean  chronomap_paths_same_file        (const char *a,
                                            const char *b);
char     *chronomap_paths_save_folder      (const char     *beside,
                                            GUserDirectory  fallback);
GPtrArray *chronomap_paths_read_table      (const char  *relpath,
                                            guint        min_fields,
                                            const char  *columns,
                                            GError     **error);

G_END_DECLS
