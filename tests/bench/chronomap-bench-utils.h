/* chronomap-bench-events.h: a large, seeded event file for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void chronomap_bench_build_events (const char *path,
                                   guint       n_events);

G_END_DECLS
