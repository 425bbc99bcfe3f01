/* chronomap-test-utils.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>

#include <glib.h>

G_BEGIN_DECLS

char  *chronomap_test_tmp_path      (const char *name);
char  *chronomap_test_make_db       (const char *name,
                                     const char *sql);
char  *chronomap_test_query         (const char *path,
                                     const char *sql);
char  *chronomap_test_sample_path   (void);
char  *chronomap_test_data_path     (const char *name);
char  *chronomap_test_file_checksum (const char *path);
char  *chronomap_test_copy_file     (const char *path,
                                     const char *name);
char  *chronomap_test_import_acled  (const char *fixture,
                                     const char *name);
char  *chronomap_test_use_own_home  (const char *program);

/* Iterating the default main context until something holds. */
typedef gboolean (*ChronomapTestCondition) (gpointer data);

gboolean chronomap_test_wait_until  (ChronomapTestCondition  condition,
                                     gpointer                data,
                                     guint                   seconds);
void     chronomap_test_spin        (guint                   seconds);

/* A finished run of chronomap-cli ($CHRONOMAP_CLI): exit status and output. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} ChronomapTestRun;

void   chronomap_test_run_clear     (ChronomapTestRun *run);
void   chronomap_test_run_cli       (ChronomapTestRun *run,
                                     const char       *first,
                                     ...) G_GNUC_NULL_TERMINATED;
void   chronomap_test_run_cli_valist (ChronomapTestRun *run,
                                      const char       *first,
                                      va_list           args);
void   chronomap_test_run_cli_input (ChronomapTestRun *run,
                                     const char       *input,
                                     gsize             length,
                                     const char       *first,
                                     ...) G_GNUC_NULL_TERMINATED;
void   chronomap_test_run_cli_input_valist (ChronomapTestRun *run,
                                            const char       *input,
                                            gsize             length,
                                            const char       *first,
                                            va_list           args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChronomapTestRun, chronomap_test_run_clear)

G_END_DECLS
