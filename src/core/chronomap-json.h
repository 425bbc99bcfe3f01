/* chronomap-json.h: writing JSON text, and reading flat objects
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

gboolean chronomap_json_parse_flat_object (const char *text,
                                           GPtrArray  *out_pairs);

G_END_DECLS
