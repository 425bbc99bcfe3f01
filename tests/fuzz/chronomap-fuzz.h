/* chronomap-fuzz.h: helpers shared by the libFuzzer harnesses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* The entry points libFuzzer calls; declared here so that the harnesses
 * build with -Wmissing-prototypes. */
int          LLVMFuzzerInitialize   (int            *argc,
                                     char         ***argv);
int          LLVMFuzzerTestOneInput (const uint8_t  *data,
                                     size_t          size);

/* A harness that needs more than the common set-up defines this; it
 * runs once, before the first input. */
void         chronomap_fuzz_setup      (void) __attribute__ ((weak));
char        *chronomap_fuzz_write_file (const char     *name,
                                        const uint8_t  *data,
                                        size_t          size);
const char  *chronomap_fuzz_dir        (void);

G_END_DECLS
