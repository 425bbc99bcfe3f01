/* chronomap-number.h: numbers as data files write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean chronomap_parse_decimal (const char *s,
                                  double     *out);

G_END_DECLS
