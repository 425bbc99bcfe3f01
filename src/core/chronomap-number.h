/* chronomap-number.h: numbers as data files write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean chronomap_parse_decimal (const char *s,
                                  double     *out);
gboolean chronomap_is_all_digits (const char *s);

G_END_DECLS
