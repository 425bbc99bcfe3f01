/* chronomap-bench-utils.h: what the benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   chronomap_bench_build_events (const char *path,
                                     guint       n_events);
double chronomap_bench_percentile   (double     *values,
                                     guint       n,
                                     double      p);

G_END_DECLS
