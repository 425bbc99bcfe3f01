/* chronomap-test-utils.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *chronomap_test_tmp_path      (const char *name);
char  *chronomap_test_make_db       (const char *name,
                                     const char *sql);
char  *chronomap_test_sample_path   (void);
char  *chronomap_test_data_path     (const char *name);
char  *chronomap_test_file_checksum (const char *path);
char  *chronomap_test_copy_file     (const char *path,
                                     const char *name);

G_END_DECLS
