/* chronomap-json.h: writing JSON text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void chronomap_json_append_string (GString    *out,
                                   const char *str);
void chronomap_json_append_double (GString    *out,
                                   double      value);

G_END_DECLS
